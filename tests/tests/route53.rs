//! Route 53 behaviour botocore has beyond the model, through the generated
//! `route53-sdk`: resource ids sent bare, `InvalidChangeBatch` with every
//! message, which errors are retried, the `ResourceRecordSetsChanged`
//! waiter, `ListResourceRecordSets` paging with its three-part token, and
//! the endpoint and signing region the client picks.

use std::time::Duration;

use integration_tests::assert_xml_eq;
use route53_sdk::client::{Client, Config, Credentials, ReplayClient, RetryConfig, WaiterError};
use route53_sdk::operation::change_resource_record_sets::{
    ChangeResourceRecordSetsError, ChangeResourceRecordSetsInput, serialize_request as change_request,
};
use route53_sdk::operation::get_change::{GetChangeError, GetChangeInput};
use route53_sdk::operation::list_resource_record_sets::ListResourceRecordSetsInput;
use route53_sdk::types::{Change, ChangeAction, ChangeBatch, RRType, ResourceRecord, ResourceRecordSet};
use route53_sdk::{ProvideErrorMetadata, SdkError};

const NS: &str = "https://route53.amazonaws.com/doc/2013-04-01/";

fn client(http: &ReplayClient, region: &str) -> Client {
    Client::new(
        Config::builder()
            .region(region)
            .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
            .retry_config(RetryConfig { initial_backoff: Duration::from_millis(1), ..RetryConfig::default() })
            .http_client(http.clone())
            .build(),
    )
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

fn error_response(code: &str, message: &str) -> http::Response<Vec<u8>> {
    response(
        400,
        &format!(
            "<ErrorResponse xmlns=\"{NS}\"><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>r-{code}</RequestId></ErrorResponse>"
        ),
    )
}

fn change_info(status: &str) -> String {
    format!(
        "<ChangeInfo><Id>/change/C2682N5HXP0BZ4</Id><Status>{status}</Status><SubmittedAt>2026-11-30T12:00:00.000Z</SubmittedAt></ChangeInfo>"
    )
}

fn get_change(status: &str) -> http::Response<Vec<u8>> {
    response(200, &format!("<GetChangeResponse xmlns=\"{NS}\">{}</GetChangeResponse>", change_info(status)))
}

fn txt_upsert(name: &str, value: &str) -> ChangeResourceRecordSetsInput {
    let record = ResourceRecordSet::builder()
        .name(name)
        .r#type(RRType::Txt)
        .ttl(60)
        .resource_records(vec![ResourceRecord::builder().value(value).build().unwrap()])
        .build()
        .unwrap();
    let change = Change::builder().action(ChangeAction::Upsert).resource_record_set(record).build().unwrap();
    ChangeResourceRecordSetsInput::builder()
        .hosted_zone_id("/hostedzone/Z1D633PJN98FT9")
        .change_batch(ChangeBatch::builder().changes(vec![change]).build().unwrap())
        .build()
        .unwrap()
}

#[test]
fn ids_as_route53_returns_them_are_sent_bare() {
    // In a URI label, and the body is untouched by the id fixing.
    let request = change_request(&txt_upsert("_acme-challenge.example.com.", "\"token with spaces\"")).unwrap();
    assert_eq!(request.uri().path(), "/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset/");
    assert_xml_eq(
        std::str::from_utf8(request.body()).unwrap(),
        &format!(
            "<ChangeResourceRecordSetsRequest xmlns=\"{NS}\"><ChangeBatch><Changes><Change><Action>UPSERT</Action>\
             <ResourceRecordSet><Name>_acme-challenge.example.com.</Name><Type>TXT</Type><TTL>60</TTL>\
             <ResourceRecords><ResourceRecord><Value>\"token with spaces\"</Value></ResourceRecord></ResourceRecords>\
             </ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>"
        ),
    );

    // A change id in a label; prefixed and bare ids give the same request.
    use route53_sdk::operation::get_change::serialize_request as get_change_request;
    for id in ["/change/C2682N5HXP0BZ4", "change/C2682N5HXP0BZ4", "C2682N5HXP0BZ4"] {
        let request = get_change_request(&GetChangeInput::builder().id(id).build().unwrap()).unwrap();
        assert_eq!(request.uri().path(), "/2013-04-01/change/C2682N5HXP0BZ4", "{id}");
    }

    // A delegation set id in the query string.
    use route53_sdk::operation::list_hosted_zones::{ListHostedZonesInput, serialize_request as list_zones};
    let input = ListHostedZonesInput::builder().delegation_set_id("/delegationset/N1PA6795SAMPLE").build().unwrap();
    assert_eq!(list_zones(&input).unwrap().uri().query(), Some("delegationsetid=N1PA6795SAMPLE"));

    // In the body.
    use route53_sdk::operation::create_hosted_zone::{CreateHostedZoneInput, serialize_request as create_zone};
    let input = CreateHostedZoneInput::builder()
        .name("example.com")
        .caller_reference("2026-11-30-1")
        .delegation_set_id("/delegationset/N1PA6795SAMPLE")
        .build()
        .unwrap();
    let body = String::from_utf8(create_zone(&input).unwrap().into_body()).unwrap();
    assert!(body.contains("<DelegationSetId>N1PA6795SAMPLE</DelegationSetId>"), "{body}");

    // Not every id is a resource id: ChangeTagsForResource's ResourceId
    // targets TagResourceId, which botocore leaves alone too.
    use route53_sdk::operation::change_tags_for_resource::{ChangeTagsForResourceInput, serialize_request as tags};
    use route53_sdk::types::TagResourceType;
    let input = ChangeTagsForResourceInput::builder()
        .resource_type(TagResourceType::Hostedzone)
        .resource_id("Z1D633PJN98FT9")
        .build()
        .unwrap();
    assert_eq!(tags(&input).unwrap().uri().path(), "/2013-04-01/tags/hostedzone/Z1D633PJN98FT9");
}

#[tokio::test]
async fn invalid_change_batch_carries_every_message() {
    // Route 53's own document: the root is the code, one message per problem.
    let body = format!(
        "<?xml version=\"1.0\"?>\n<InvalidChangeBatch xmlns=\"{NS}\"><Messages>\
         <Message>Tried to create resource record set [name='a.example.com.', type='A'] but it already exists</Message>\
         <Message>Tried to delete resource record set [name='b.example.com.', type='TXT'] but it was not found</Message>\
         </Messages><RequestId>b25f48e8-84fd-11e6-80d9-574e0c4664cb</RequestId></InvalidChangeBatch>"
    );
    let http = ReplayClient::new([response(400, &body)]);
    let err = client(&http, "us-east-1")
        .change_resource_record_sets_with(txt_upsert("a.example.com.", "x"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(http.requests().len(), 1, "a rejected change batch is never retried");
    let SdkError::Service(ChangeResourceRecordSetsError::InvalidChangeBatch(error)) = err else {
        panic!("expected InvalidChangeBatch, got {err:?}")
    };
    assert_eq!(
        error.messages.as_deref(),
        Some(
            &[
                "Tried to create resource record set [name='a.example.com.', type='A'] but it already exists"
                    .to_string(),
                "Tried to delete resource record set [name='b.example.com.', type='TXT'] but it was not found"
                    .to_string(),
            ][..]
        )
    );
    assert_eq!(error.code(), Some("InvalidChangeBatch"));
    assert!(error.message().unwrap().contains("already exists; Tried to delete"));
    assert_eq!(error.request_id(), Some("b25f48e8-84fd-11e6-80d9-574e0c4664cb"));

    // The usual envelope maps to the same variant.
    let http = ReplayClient::new([error_response("InvalidChangeBatch", "[RRSet with DNS name a. is not permitted]")]);
    let err = client(&http, "us-east-1")
        .change_resource_record_sets_with(txt_upsert("a.example.com.", "x"))
        .send()
        .await
        .unwrap_err();
    let SdkError::Service(ChangeResourceRecordSetsError::InvalidChangeBatch(error)) = err else {
        panic!("expected InvalidChangeBatch, got {err:?}")
    };
    assert_eq!(error.message(), Some("[RRSet with DNS name a. is not permitted]"));
    assert_eq!(http.requests().len(), 1);
}

#[tokio::test]
async fn throttling_and_prior_request_not_complete_are_retried() {
    for code in ["Throttling", "PriorRequestNotComplete", "ThrottlingException"] {
        let http = ReplayClient::new([
            error_response(code, "Rate exceeded"),
            error_response(code, "Rate exceeded"),
            get_change("INSYNC"),
        ]);
        let input = GetChangeInput::builder().id("/change/C2682N5HXP0BZ4").build().unwrap();
        let output = client(&http, "us-east-1").get_change_with(input).send().await.unwrap();
        assert_eq!(output.change_info.status.as_str(), "INSYNC", "{code}");
        assert_eq!(http.requests().len(), 3, "{code}: two retries");
    }
    // Three attempts in all, then the typed error.
    let http = ReplayClient::new((0..3).map(|_| error_response("PriorRequestNotComplete", "busy")));
    let input = GetChangeInput::builder().id("C2682N5HXP0BZ4").build().unwrap();
    let err = client(&http, "us-east-1").get_change_with(input).send().await.unwrap_err();
    assert_eq!(http.requests().len(), 3);
    assert!(
        matches!(err, SdkError::Service(GetChangeError::Unhandled(ref e)) if e.code() == Some("PriorRequestNotComplete"))
    );
}

#[tokio::test]
async fn modeled_prior_request_not_complete_is_retried_then_typed() {
    // ChangeResourceRecordSets lists PriorRequestNotComplete among its
    // errors: retried all the same (botocore's standard mode decides by
    // code), and once attempts run out it is the typed variant.
    let http = ReplayClient::new([
        error_response(
            "PriorRequestNotComplete",
            "The request was rejected because Route 53 was still processing a prior request.",
        ),
        response(
            200,
            &format!(
                "<ChangeResourceRecordSetsResponse xmlns=\"{NS}\">{}</ChangeResourceRecordSetsResponse>",
                change_info("PENDING")
            ),
        ),
    ]);
    let output = client(&http, "us-east-1")
        .change_resource_record_sets_with(txt_upsert("a.example.com.", "x"))
        .send()
        .await
        .unwrap();
    assert_eq!(output.change_info.status.as_str(), "PENDING");
    assert_eq!(http.requests().len(), 2);

    let http = ReplayClient::new((0..3).map(|_| error_response("PriorRequestNotComplete", "busy")));
    let err = client(&http, "us-east-1")
        .change_resource_record_sets_with(txt_upsert("a.example.com.", "x"))
        .send()
        .await
        .unwrap_err();
    assert_eq!(http.requests().len(), 3);
    assert!(matches!(err, SdkError::Service(ChangeResourceRecordSetsError::PriorRequestNotComplete(_))), "{err:?}");
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    for (code, status) in [("InvalidInput", 400), ("NoSuchChange", 404), ("InvalidChangeBatch", 400)] {
        let mut response = error_response(code, "no");
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
        let http = ReplayClient::new([response, get_change("INSYNC")]);
        let input = GetChangeInput::builder().id("C1").build().unwrap();
        let err = client(&http, "us-east-1").get_change_with(input).send().await.unwrap_err();
        assert_eq!(http.requests().len(), 1, "{code}");
        let SdkError::Service(err) = err else { panic!("{code}: {err:?}") };
        assert_eq!(err.code(), Some(code));
    }
}

#[tokio::test]
async fn resource_record_sets_changed_waiter_polls_get_change_until_insync() {
    let http = ReplayClient::new([get_change("PENDING"), get_change("PENDING"), get_change("INSYNC")]);
    let input = GetChangeInput::builder().id("/change/C2682N5HXP0BZ4").build().unwrap();
    let output = client(&http, "us-east-1")
        .get_change_with(input)
        .wait_until_resource_record_sets_changed()
        .delay(Duration::from_millis(1))
        .max_attempts(5)
        .await
        .unwrap();
    assert_eq!(output.change_info.status.as_str(), "INSYNC");
    let paths: Vec<String> = http.requests().iter().map(|r| r.uri().path().to_string()).collect();
    assert_eq!(paths, vec!["/2013-04-01/change/C2682N5HXP0BZ4"; 3]);

    // Out of attempts while still PENDING: an error, not a success.
    let http = ReplayClient::new([get_change("PENDING"), get_change("PENDING")]);
    let input = GetChangeInput::builder().id("C2682N5HXP0BZ4").build().unwrap();
    let err = client(&http, "us-east-1")
        .get_change_with(input)
        .wait_until_resource_record_sets_changed()
        .delay(Duration::from_millis(1))
        .max_attempts(2)
        .await
        .unwrap_err();
    assert!(matches!(err, WaiterError::MaxAttemptsExceeded { attempts: 2 }), "{err:?}");
    assert_eq!(http.requests().len(), 2);
}

fn record_page(
    records: &[(&str, &str, Option<&str>)],
    next: Option<(&str, &str, Option<&str>)>,
) -> http::Response<Vec<u8>> {
    let items: String = records
        .iter()
        .map(|(name, ty, id)| {
            let id = id.map(|id| format!("<SetIdentifier>{id}</SetIdentifier><Weight>10</Weight>")).unwrap_or_default();
            format!(
                "<ResourceRecordSet><Name>{name}</Name><Type>{ty}</Type>{id}<TTL>300</TTL>\
                 <ResourceRecords><ResourceRecord><Value>\"v\"</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>"
            )
        })
        .collect();
    let next = match next {
        Some((name, ty, id)) => format!(
            "<IsTruncated>true</IsTruncated><NextRecordName>{name}</NextRecordName><NextRecordType>{ty}</NextRecordType>{}",
            id.map(|id| format!("<NextRecordIdentifier>{id}</NextRecordIdentifier>")).unwrap_or_default()
        ),
        None => "<IsTruncated>false</IsTruncated>".to_string(),
    };
    response(
        200,
        &format!(
            "<ListResourceRecordSetsResponse xmlns=\"{NS}\"><ResourceRecordSets>{items}</ResourceRecordSets>{next}<MaxItems>2</MaxItems></ListResourceRecordSetsResponse>"
        ),
    )
}

#[tokio::test]
async fn list_resource_record_sets_pages_with_name_type_and_identifier() {
    let http = ReplayClient::new([
        record_page(
            &[("\\052.example.com.", "TXT", None), ("a.example.com.", "A", None)],
            Some(("w.example.com.", "A", Some("blue"))),
        ),
        record_page(
            &[("w.example.com.", "A", Some("blue")), ("w.example.com.", "A", Some("green"))],
            Some(("z.example.com.", "TXT", None)),
        ),
        record_page(&[("z.example.com.", "TXT", None)], None),
    ]);
    let input = ListResourceRecordSetsInput::builder()
        .hosted_zone_id("/hostedzone/Z1D633PJN98FT9")
        .max_items("2")
        .build()
        .unwrap();
    let records = client(&http, "us-east-1")
        .list_resource_record_sets_with(input)
        .into_paginator()
        .items()
        .collect_items()
        .await
        .unwrap();
    let names: Vec<(&str, Option<&str>)> =
        records.iter().map(|r| (r.name.as_str(), r.set_identifier.as_deref())).collect();
    assert_eq!(
        names,
        vec![
            // Escapes come back verbatim, as Route 53 sends them.
            ("\\052.example.com.", None),
            ("a.example.com.", None),
            ("w.example.com.", Some("blue")),
            ("w.example.com.", Some("green")),
            ("z.example.com.", None),
        ]
    );
    let queries: Vec<String> =
        http.requests().iter().map(|r| r.uri().query().unwrap_or_default().to_string()).collect();
    assert_eq!(
        queries,
        vec![
            "maxitems=2".to_string(),
            // The model's member order, as botocore sends them.
            "name=w.example.com.&type=A&identifier=blue&maxitems=2".to_string(),
            "name=z.example.com.&type=TXT&maxitems=2".to_string(),
        ]
    );
    assert!(http.requests().iter().all(|r| r.uri().path() == "/2013-04-01/hostedzone/Z1D633PJN98FT9/rrset"));
}

/// The SigV4 credential scope of a signed request: `date/region/service`.
fn scope(request: &http::Request<Vec<u8>>) -> String {
    let auth = request.headers()["authorization"].to_str().unwrap();
    let credential = auth.split("Credential=").nth(1).unwrap().split(',').next().unwrap();
    credential.split('/').skip(2).take(2).collect::<Vec<_>>().join("/")
}

#[tokio::test]
async fn endpoints_and_signing_regions_come_from_the_rule_set() {
    for (region, host, signing) in [
        ("us-east-1", "route53.amazonaws.com", "us-east-1/route53"),
        // The global endpoint is signed for us-east-1 from any commercial region.
        ("eu-west-3", "route53.amazonaws.com", "us-east-1/route53"),
        ("cn-north-1", "route53.amazonaws.com.cn", "cn-northwest-1/route53"),
        ("us-gov-west-1", "route53.us-gov.amazonaws.com", "us-gov-west-1/route53"),
    ] {
        let http = ReplayClient::new([get_change("INSYNC")]);
        let input = GetChangeInput::builder().id("C1").build().unwrap();
        client(&http, region).get_change_with(input).send().await.unwrap();
        let request = &http.requests()[0];
        assert_eq!(request.uri().host(), Some(host), "{region}");
        assert_eq!(scope(request), signing, "{region}");
    }
}

/// A committed fixture as the HTTP response it was made for.
fn fixture_response(name: &str, status: u16) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(integration_tests::fixture(name)).unwrap()
}

#[test]
fn the_large_record_list_parses_with_every_kind_of_record() {
    use route53_sdk::operation::list_resource_record_sets::parse_response;
    let output = parse_response(&fixture_response("list_resource_record_sets_large.xml", 200)).unwrap();
    assert_eq!(output.resource_record_sets.len(), 1000);
    assert!(output.is_truncated);
    assert_eq!(output.next_record_name.as_deref(), Some("web237.example.com."));
    assert_eq!(output.next_record_type.as_ref().map(RRType::as_str), Some("A"));
    assert_eq!(output.next_record_identifier.as_deref(), Some("mv-1"));
    let records = &output.resource_record_sets;
    // Escapes in names and quotes in TXT values come back verbatim.
    assert!(records.iter().any(|r| r.name == "\\052.example.com."));
    let txt: Vec<&str> = records
        .iter()
        .filter(|r| r.r#type == RRType::Txt)
        .flat_map(|r| r.resource_records.iter().flatten().map(|v| v.value.as_str()))
        .collect();
    assert!(txt.contains(&"\"v=spf1 include:_spf.example.net include:amazonses.com ~all\""), "{txt:?}");
    assert!(records.iter().any(|r| r.alias_target.is_some()));
    assert!(records.iter().any(|r| r.set_identifier.is_some() && r.weight.is_some()));
    // Every record type of the model appears.
    let types: std::collections::BTreeSet<&str> = records.iter().map(|r| r.r#type.as_str()).collect();
    assert_eq!(types.len(), RRType::values().len(), "{types:?}");
}

#[test]
fn the_fixture_error_documents_map_to_typed_errors() {
    use route53_sdk::operation::change_resource_record_sets::parse_response;
    let err = parse_response(&fixture_response("invalid_change_batch_400.xml", 400)).unwrap_err();
    let SdkError::Service(ChangeResourceRecordSetsError::InvalidChangeBatch(error)) = err else {
        panic!("expected InvalidChangeBatch, got {err:?}")
    };
    let messages = error.messages.as_deref().unwrap();
    assert_eq!(messages.len(), 2);
    assert_eq!(
        messages[0],
        "Tried to create resource record set [name='www.example.com.', type='A'] but it already exists"
    );
    assert!(messages[1].starts_with("RRSet of type CNAME with DNS name \\052.dev.example.com."));
    assert_eq!(error.request_id(), Some("b25f48e8-84fd-11e6-80d9-574e0c4664cb"));

    use route53_sdk::operation::get_hosted_zone::{GetHostedZoneError, parse_response as get_zone};
    let err = get_zone(&fixture_response("no_such_hosted_zone_404.xml", 404)).unwrap_err();
    assert!(matches!(err, SdkError::Service(GetHostedZoneError::NoSuchHostedZone(_))), "{err:?}");

    use route53_sdk::operation::get_change::parse_response as get_change_parse;
    let output = get_change_parse(&fixture_response("get_change_200.xml", 200)).unwrap();
    assert_eq!(output.change_info.status.as_str(), "INSYNC");
}
