//! How calls read: the fluent call and the input-struct call send the same
//! request; every missing required member is named; a successful output
//! carries its request id; one error type per service takes every
//! operation's error with `?` and types a code modeled for another
//! operation; per-call overrides; paginators and waiters from the fluent
//! builder; an unhandled HTML page keeps what it said.

use std::time::Duration;

use cloudfront_sdk::client::{Client, Config, ConfigOverride, Credentials, ReplayClient, RequestId as _, RetryConfig};
use cloudfront_sdk::operation::update_streaming_distribution::{
    UpdateStreamingDistributionError, UpdateStreamingDistributionInput,
};
use cloudfront_sdk::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};
use cloudfront_sdk::{BuildErrorKind, SdkError};

fn config() -> StreamingDistributionConfig {
    StreamingDistributionConfig::builder()
        .caller_reference("ref")
        .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build().unwrap())
        .comment("c")
        .trusted_signers(TrustedSigners::builder().enabled(false).build().unwrap())
        .enabled(true)
        .build()
        .unwrap()
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body.as_bytes().to_vec()).unwrap()
}

fn error_body(code: &str) -> String {
    format!(
        "<ErrorResponse><Error><Code>{code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>"
    )
}

fn client(http: &ReplayClient) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
            .retry_config(RetryConfig { initial_backoff: Duration::from_millis(1), ..RetryConfig::default() })
            .http_client(http.clone())
            .build(),
    )
}

/// The parts of a sent request that the call decides (the signature
/// differs with the time).
fn sent(request: &http::Request<Vec<u8>>) -> (String, String, Option<String>, Vec<u8>) {
    let if_match = request.headers().get("if-match").map(|v| v.to_str().unwrap().to_string());
    (request.method().to_string(), request.uri().to_string(), if_match, request.body().clone())
}

const UPDATED: &str =
    "<StreamingDistribution><Id>EDFDVBD6EXAMPLE</Id><Status>InProgress</Status></StreamingDistribution>";

#[tokio::test]
async fn the_fluent_call_and_the_input_struct_call_send_the_same_request() {
    let http =
        ReplayClient::new([response(200, &[("ETag", "E1")], UPDATED), response(200, &[("ETag", "E1")], UPDATED)]);
    let client = client(&http);
    let fluent = client
        .update_streaming_distribution()
        .id("EDFDVBD6EXAMPLE")
        .if_match("E2QWRUHAPOMQZL")
        .streaming_distribution_config(config())
        .send()
        .await
        .unwrap();
    let input = UpdateStreamingDistributionInput::builder()
        .id("EDFDVBD6EXAMPLE")
        .if_match("E2QWRUHAPOMQZL")
        .streaming_distribution_config(config())
        .build()
        .unwrap();
    let with_input = client.update_streaming_distribution_with(input).send().await.unwrap();
    assert_eq!(fluent, with_input);
    assert_eq!(fluent.e_tag.as_deref(), Some("E1"));
    let requests = http.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(sent(&requests[0]), sent(&requests[1]));
    let (method, uri, if_match, body) = sent(&requests[0]);
    assert_eq!(
        (method.as_str(), uri.as_str(), if_match.as_deref()),
        (
            "PUT",
            "https://cloudfront.amazonaws.com/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config",
            Some("E2QWRUHAPOMQZL")
        )
    );
    assert!(String::from_utf8(body).unwrap().contains("<CallerReference>ref</CallerReference>"));
}

#[tokio::test]
async fn every_missing_required_member_is_named_before_anything_is_sent() {
    let http = ReplayClient::new([]);
    let err = client(&http).update_streaming_distribution().if_match("E2").send().await.unwrap_err();
    let SdkError::Build(build) = &err else { panic!("{err:?}") };
    let BuildErrorKind::MissingFields { type_name, fields } = build.kind() else { panic!("{build:?}") };
    assert_eq!(*type_name, "UpdateStreamingDistributionInput");
    let named: Vec<(&str, &str)> = fields.iter().map(|f| (f.field, f.wire_name)).collect();
    assert_eq!(named, [("streaming_distribution_config", "StreamingDistributionConfig"), ("id", "Id")]);
    assert_eq!(
        err.to_string(),
        "request refused: UpdateStreamingDistributionInput is missing required members \
         `streaming_distribution_config` (StreamingDistributionConfig), `id` (Id)"
    );
    assert!(http.requests().is_empty());
}

#[tokio::test]
async fn outputs_carry_the_request_id_and_operations_without_output_return_it() {
    let http = ReplayClient::new([
        response(200, &[("ETag", "E1"), ("x-amzn-RequestId", "update-id")], UPDATED),
        response(204, &[("x-amzn-RequestId", "delete-id")], ""),
    ]);
    let client = client(&http);
    let updated = client
        .update_streaming_distribution()
        .id("EDFDVBD6EXAMPLE")
        .if_match("E2")
        .streaming_distribution_config(config())
        .send()
        .await
        .unwrap();
    assert_eq!(updated.request_id(), Some("update-id"));
    assert_eq!(updated.extended_request_id(), None);
    let deleted = client.delete_distribution().id("EDFDVBD6EXAMPLE").if_match("E1").send().await.unwrap();
    assert_eq!(deleted.request_id(), Some("delete-id"));
}

/// An application function calling two operations, with one error type.
async fn disable(client: &Client, id: &str) -> Result<String, cloudfront_sdk::Error> {
    let current = client.get_streaming_distribution_config().id(id).send().await?;
    let mut config = current.streaming_distribution_config.unwrap_or_else(config);
    config.enabled = false;
    let updated = client
        .update_streaming_distribution()
        .id(id)
        .set_if_match(current.e_tag)
        .streaming_distribution_config(config)
        .send()
        .await?;
    Ok(updated.e_tag.unwrap_or_default())
}

#[tokio::test]
async fn one_service_error_type_takes_every_operation_and_types_codes_modeled_elsewhere() {
    let config_xml = "<StreamingDistributionConfig><CallerReference>ref</CallerReference><Enabled>true</Enabled></StreamingDistributionConfig>";
    // NoSuchDistribution is not among UpdateStreamingDistribution's errors
    // in the model, but it is the service's: the operation's enum leaves it
    // unhandled, the service's error types it (as botocore does).
    let http = ReplayClient::new([
        response(200, &[("ETag", "E1")], config_xml),
        response(404, &[("x-amzn-RequestId", "rid")], &error_body("NoSuchDistribution")),
    ]);
    let err = disable(&client(&http), "EDFDVBD6EXAMPLE").await.unwrap_err();
    let cloudfront_sdk::Error::NoSuchDistribution(typed) = &err else { panic!("{err:?}") };
    assert_eq!(cloudfront_sdk::ProvideErrorMetadata::message(typed), Some("m"));
    assert!(err.is_no_such_distribution());
    assert_eq!((err.code(), err.request_id()), (Some("NoSuchDistribution"), Some("rid")));
    // The operation's own enum: unhandled, with its operation named.
    let http = ReplayClient::new([response(404, &[], &error_body("NoSuchDistribution"))]);
    let op_err = client(&http)
        .update_streaming_distribution()
        .id("X")
        .streaming_distribution_config(config())
        .send()
        .await
        .unwrap_err();
    let SdkError::Service(UpdateStreamingDistributionError::Unhandled(unhandled)) = &op_err else {
        panic!("{op_err:?}")
    };
    assert_eq!(unhandled.operation(), Some("UpdateStreamingDistribution"));
    assert!(op_err.as_service_error().unwrap().is_unhandled());
    // A code modeled for the operation keeps its variant; one the service
    // does not model at all stays unhandled; a refused request is Build.
    let http = ReplayClient::new([
        response(200, &[("ETag", "E1")], config_xml),
        response(412, &[], &error_body("PreconditionFailed")),
        response(200, &[("ETag", "E1")], config_xml),
        response(400, &[], &error_body("SomethingNew")),
    ]);
    let client = client(&http);
    assert!(disable(&client, "X").await.unwrap_err().is_precondition_failed());
    let err = disable(&client, "X").await.unwrap_err();
    assert!(err.is_unhandled(), "{err:?}");
    assert_eq!(err.code(), Some("SomethingNew"));
    let err = disable(&client, "").await.unwrap_err();
    assert!(matches!(err, cloudfront_sdk::Error::Build(_)), "{err:?}");
    assert_eq!(err.code(), None);
}

#[tokio::test]
async fn a_per_call_override_changes_retries_for_that_call_only() {
    let unavailable = || response(503, &[], &error_body("ServiceUnavailable"));
    let http = ReplayClient::new([unavailable(), unavailable(), unavailable(), unavailable()]);
    let client = client(&http);
    let once = ConfigOverride::new().retry_config(RetryConfig { max_attempts: 1, ..RetryConfig::default() });
    let err = client.get_distribution().id("E1").config_override(once).send().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(http.requests().len(), 1);
    // The client's own setting (3 attempts) is untouched.
    client.get_distribution().id("E1").send().await.unwrap_err();
    assert_eq!(http.requests().len(), 4);
}

fn invalidations(items: &[&str], next: Option<&str>) -> String {
    let summaries: String = items
        .iter()
        .map(|id| format!("<InvalidationSummary><Id>{id}</Id><CreateTime>2024-01-01T00:00:00Z</CreateTime><Status>Completed</Status></InvalidationSummary>"))
        .collect();
    let (truncated, next) = match next {
        Some(marker) => ("true", format!("<NextMarker>{marker}</NextMarker>")),
        None => ("false", String::new()),
    };
    format!(
        "<InvalidationList><Marker></Marker>{next}<MaxItems>2</MaxItems><IsTruncated>{truncated}</IsTruncated><Quantity>{}</Quantity><Items>{summaries}</Items></InvalidationList>",
        items.len()
    )
}

#[tokio::test]
async fn paginators_and_waiters_start_from_the_fluent_builder() {
    let http = ReplayClient::new([
        response(200, &[], &invalidations(&["I1", "I2"], Some("m2"))),
        response(200, &[], &invalidations(&["I3"], None)),
    ]);
    let items = client(&http)
        .list_invalidations()
        .distribution_id("EDFDVBD6EXAMPLE")
        .max_items("2")
        .into_paginator()
        .items()
        .collect_items()
        .await
        .unwrap();
    assert_eq!(items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["I1", "I2", "I3"]);
    let uris: Vec<String> = http.requests().iter().map(|r| r.uri().to_string()).collect();
    assert!(uris[0].ends_with("/distribution/EDFDVBD6EXAMPLE/invalidation?MaxItems=2"), "{uris:?}");
    assert!(uris[1].ends_with("/distribution/EDFDVBD6EXAMPLE/invalidation?Marker=m2&MaxItems=2"), "{uris:?}");

    let status = |s: &str| {
        response(
            200,
            &[("ETag", "E1")],
            &format!("<StreamingDistribution><Id>S1</Id><Status>{s}</Status></StreamingDistribution>"),
        )
    };
    let http = ReplayClient::new([status("InProgress"), status("InProgress"), status("Deployed")]);
    let waiter = client(&http).get_streaming_distribution().id("S1").wait_until_streaming_distribution_deployed();
    assert_eq!((waiter.config().delay, waiter.config().max_attempts), (Duration::from_secs(60), 25));
    let deployed = waiter.delay(Duration::from_millis(1)).await.unwrap();
    assert_eq!(deployed.streaming_distribution.map(|d| d.status), Some("Deployed".to_string()));
    assert_eq!(http.requests().len(), 3);
}

#[tokio::test]
async fn an_unhandled_html_page_says_what_it_was() {
    let page = "<html>\n<head><title>404 Not Found</title></head>\n<body>nginx</body>\n</html>";
    let http = ReplayClient::new([response(404, &[("content-type", "text/html")], page)]);
    let err = client(&http).get_distribution().id("E1").send().await.unwrap_err();
    let shown = err.to_string();
    assert_eq!(
        shown,
        "service error: GetDistribution: unhandled error: unknown error (HTTP 404); text/html body: \
         \"<html> <head><title>404 Not Found</title></head> <body>nginx</body> </html>\""
    );
    let SdkError::Service(service) = &err else { panic!("{err:?}") };
    let cloudfront_sdk::operation::get_distribution::GetDistributionError::Unhandled(unhandled) = service else {
        panic!("{service:?}")
    };
    assert_eq!(unhandled.content_type(), Some("text/html"));
    assert_eq!(unhandled.body_excerpt(), Some(page));
}

#[test]
fn errors_outputs_and_configuration_are_send_sync_and_static() {
    fn check<T: Send + Sync + 'static>() {}
    check::<cloudfront_sdk::Error>();
    check::<route53_sdk::Error>();
    check::<SdkError<UpdateStreamingDistributionError>>();
    check::<cloudfront_sdk::operation::update_streaming_distribution::UpdateStreamingDistributionOutput>();
    check::<Config>();
    check::<Client>();
    check::<cloudfront_sdk::fluent::update_streaming_distribution::UpdateStreamingDistributionFluentBuilder>();
    fn error<T: std::error::Error + Clone>() {}
    error::<cloudfront_sdk::Error>();
    error::<SdkError<UpdateStreamingDistributionError>>();
}
