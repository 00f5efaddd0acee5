//! End to end against a real server: moto's Route 53 (`moto[server]`,
//! pinned in scripts/test.sh) on a free loopback port, with real signed
//! HTTP requests through the default transport, wrapped to record every
//! exchange. The server is stopped when the test ends, pass or fail.
//!
//! What moto 5.2.1 does, which the assertions follow:
//! - every ChangeInfo is `INSYNC` at once, and every change id is the same
//!   `/change/C2682N5HXP0BZ4`; GetChange echoes the id it was sent;
//! - ListResourceRecordSets honours `maxitems` and pages by
//!   `NextRecordName`/`NextRecordType` (records sorted by reversed name,
//!   then type);
//! - DELETE of a record never created is `InvalidInput` (Route 53 says
//!   `InvalidChangeBatch`), CREATE of an existing record is
//!   `InvalidChangeBatch` in an `<ErrorResponse>` envelope;
//! - alias records come back with `<TTL>0</TTL>` (Route 53 leaves TTL out).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use integration_tests::moto::Moto;
use restxml_runtime::client::credentials::BoxFuture;
use restxml_runtime::client::transport::{HttpClient, HyperClient, TransportError};
use route53_sdk::client::{Client, Config, Credentials};
use route53_sdk::operation::change_resource_record_sets::{
    ChangeResourceRecordSetsError, ChangeResourceRecordSetsInput,
};
use route53_sdk::operation::get_hosted_zone::GetHostedZoneError;
use route53_sdk::types::{
    AliasTarget, Change, ChangeAction, ChangeBatch, ChangeStatus, RRType, ResourceRecord, ResourceRecordSet, Tag,
    TagResourceType,
};
use route53_sdk::{ProvideErrorMetadata, SdkError};

const ZONE: &str = "r53-session.example.com";
/// The TXT value, quotes and spaces included, as a DNS-01 or SPF tool
/// would send it.
const TXT_VALUE: &str = r#""hello world" "second string""#;
/// The one change id moto hands out for record changes.
const CHANGE_ID: &str = "/change/C2682N5HXP0BZ4";
/// The waiters' delay between polls.
const POLL: Duration = Duration::from_millis(20);

/// One request and its response, as the transport saw them.
#[derive(Debug, Clone)]
struct Exchange {
    method: String,
    /// Path and query.
    target: String,
    request_body: String,
    status: u16,
    response_body: String,
}

/// The default transport, recording every exchange. It can also hold the
/// next GetChange answers at `PENDING` (moto is always `INSYNC`), so the
/// waiter has something to poll through.
#[derive(Debug, Clone, Default)]
struct Recorder {
    inner: HyperClient,
    log: Arc<Mutex<Vec<Exchange>>>,
    pending_get_changes: Arc<AtomicU32>,
}

impl Recorder {
    fn exchanges(&self) -> Vec<Exchange> {
        self.log.lock().unwrap().clone()
    }

    /// The exchanges from index `from` on whose method and target start as given.
    fn since(&self, from: usize, method: &str, target_prefix: &str) -> Vec<Exchange> {
        self.exchanges()[from..]
            .iter()
            .filter(|e| e.method == method && e.target.starts_with(target_prefix))
            .cloned()
            .collect()
    }

    fn count(&self) -> usize {
        self.log.lock().unwrap().len()
    }
}

impl HttpClient for Recorder {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let method = request.method().to_string();
            let target = request.uri().path_and_query().map(|p| p.to_string()).unwrap_or_default();
            let request_body = String::from_utf8_lossy(request.body()).into_owned();
            let mut response = self.inner.send(request, max_body).await?;
            if method == "GET"
                && target.starts_with("/2013-04-01/change/")
                && response.status() == 200
                && self
                    .pending_get_changes
                    .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                    .is_ok()
            {
                let body = String::from_utf8(response.body().clone()).unwrap();
                assert!(body.contains("<Status>INSYNC</Status>"), "{body}");
                *response.body_mut() = body.replace("<Status>INSYNC</Status>", "<Status>PENDING</Status>").into_bytes();
            }
            let exchange = Exchange {
                method,
                target,
                request_body,
                status: response.status().as_u16(),
                response_body: String::from_utf8_lossy(response.body()).into_owned(),
            };
            self.log.lock().unwrap().push(exchange);
            Ok(response)
        })
    }
}

fn record(name: &str, rr_type: RRType, ttl: i64, values: &[&str]) -> ResourceRecordSet {
    let records = values.iter().map(|v| ResourceRecord::builder().value(*v).build().unwrap()).collect();
    ResourceRecordSet::builder().name(name).r#type(rr_type).ttl(ttl).resource_records(records).build().unwrap()
}

fn alias(name: &str, zone_id: &str, target: &str) -> ResourceRecordSet {
    let alias_target =
        AliasTarget::builder().hosted_zone_id(zone_id).dns_name(target).evaluate_target_health(false).build().unwrap();
    ResourceRecordSet::builder().name(name).r#type(RRType::A).alias_target(alias_target).build().unwrap()
}

fn change_batch(zone_id: &str, changes: Vec<(ChangeAction, ResourceRecordSet)>) -> ChangeResourceRecordSetsInput {
    let changes = changes
        .into_iter()
        .map(|(action, set)| Change::builder().action(action).resource_record_set(set).build().unwrap())
        .collect();
    ChangeResourceRecordSetsInput::builder()
        .hosted_zone_id(zone_id)
        .change_batch(ChangeBatch::builder().comment("route53_moto").changes(changes).build().unwrap())
        .build()
        .unwrap()
}

fn names_and_types(sets: &[ResourceRecordSet]) -> Vec<(String, String)> {
    sets.iter().map(|s| (s.name.clone(), s.r#type.as_str().to_string())).collect()
}

/// Every record set of the zone, through the paginator.
async fn record_sets(client: &Client, zone_id: &str) -> Vec<ResourceRecordSet> {
    client.list_resource_record_sets().hosted_zone_id(zone_id).into_paginator().items().collect_items().await.unwrap()
}

fn fqdn(label: &str) -> String {
    if label.is_empty() { format!("{ZONE}.") } else { format!("{label}.{ZONE}.") }
}

async fn change_tags(client: &Client, zone: &str, add: &[(&str, &str)], remove: &[&str]) {
    let add = add.iter().map(|(k, v)| Tag::builder().key(*k).value(*v).build().unwrap()).collect::<Vec<_>>();
    let remove = remove.iter().map(|k| k.to_string()).collect::<Vec<_>>();
    client
        .change_tags_for_resource()
        .resource_type(TagResourceType::Hostedzone)
        .resource_id(zone)
        .set_add_tags((!add.is_empty()).then_some(add))
        .set_remove_tag_keys((!remove.is_empty()).then_some(remove))
        .send()
        .await
        .unwrap();
}

async fn tags(client: &Client, zone: &str) -> Vec<(String, String)> {
    let set = client
        .list_tags_for_resource()
        .resource_type(TagResourceType::Hostedzone)
        .resource_id(zone)
        .send()
        .await
        .unwrap()
        .resource_tag_set;
    assert_eq!(set.resource_type, Some(TagResourceType::Hostedzone));
    assert_eq!(set.resource_id.as_deref(), Some(zone));
    set.tags.unwrap_or_default().into_iter().map(|t| (t.key.unwrap(), t.value.unwrap())).collect()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}

#[tokio::test]
async fn a_route53_session_against_moto() {
    let moto = Moto::start();
    let http = Recorder::default();
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&moto.url)
            .credentials(Credentials::new("testing", "testing", None))
            .http_client(http.clone())
            .build(),
    );
    // A hosted zone; its id comes back as `/hostedzone/<id>`.
    let reference = format!(
        "route53-moto-{}-{}",
        std::process::id(),
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
    );
    let created = client.create_hosted_zone().name(ZONE).caller_reference(&reference).send().await.unwrap();
    let zone_id = created.hosted_zone.id.clone();
    let bare_zone = zone_id.strip_prefix("/hostedzone/").unwrap_or_else(|| panic!("{zone_id}")).to_string();
    assert!(!bare_zone.contains('/'), "{zone_id}");
    assert_eq!(created.hosted_zone.name, fqdn(""));
    assert_eq!(created.hosted_zone.caller_reference, reference);
    assert_eq!(created.location, format!("https://route53.amazonaws.com/2013-04-01/hostedzone/{bare_zone}"));
    assert_eq!(created.change_info.status, ChangeStatus::Insync);
    assert_eq!(created.delegation_set.name_servers.len(), 4);

    // Passed back as returned: the path carries the bare id.
    let start = http.count();
    let got = client.get_hosted_zone().id(&zone_id).send().await.unwrap();
    assert_eq!(got.hosted_zone.id, zone_id);
    assert_eq!(got.hosted_zone.name, fqdn(""));
    assert_eq!(got.hosted_zone.resource_record_set_count, Some(2), "NS and SOA");
    let sent = http.since(start, "GET", "/2013-04-01/hostedzone/");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].target, format!("/2013-04-01/hostedzone/{bare_zone}"));

    // One batch: UPSERT a TXT with quotes and spaces, CREATE an A with two
    // addresses, a CNAME, and an alias A to the A record. The alias
    // target's HostedZoneId is nested, which botocore does not trim, so it
    // takes the bare id as Route 53 wants.
    let www = fqdn("www");
    let txt = record(&fqdn("txt"), RRType::Txt, 300, &[TXT_VALUE]);
    let a = record(&www, RRType::A, 300, &["192.0.2.1", "192.0.2.2"]);
    let cname = record(&fqdn("docs"), RRType::Cname, 300, &[&www]);
    let alias_a = alias(&fqdn("alias"), &bare_zone, &www);
    let start = http.count();
    let changed = client
        .change_resource_record_sets_with(change_batch(
            &zone_id,
            vec![
                (ChangeAction::Upsert, txt.clone()),
                (ChangeAction::Create, a.clone()),
                (ChangeAction::Create, cname.clone()),
                (ChangeAction::Create, alias_a.clone()),
            ],
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.change_info.id, CHANGE_ID);
    assert_eq!(changed.change_info.status, ChangeStatus::Insync);
    let sent = http.since(start, "POST", "/2013-04-01/hostedzone/");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].target, format!("/2013-04-01/hostedzone/{bare_zone}/rrset/"));
    assert!(sent[0].request_body.contains("<Action>UPSERT</Action>"), "{}", sent[0].request_body);
    // Quotes need no escaping in XML text: the value goes out as it is.
    assert!(sent[0].request_body.contains(&format!("<Value>{TXT_VALUE}</Value>")), "{}", sent[0].request_body);
    assert!(
        sent[0].request_body.contains(&format!("<HostedZoneId>{bare_zone}</HostedZoneId>")),
        "{}",
        sent[0].request_body
    );

    // The waiter polls GetChange until INSYNC. moto answers INSYNC at
    // once, so the transport holds the first two answers at PENDING: three
    // GetChange requests, each with the bare change id (which moto echoes).
    http.pending_get_changes.store(2, Ordering::SeqCst);
    let start = http.count();
    let synced = client
        .get_change()
        .id(&changed.change_info.id)
        .wait_until_resource_record_sets_changed()
        .delay(POLL)
        .max_attempts(5)
        .await
        .unwrap();
    assert_eq!(synced.change_info.status, ChangeStatus::Insync);
    assert_eq!(synced.change_info.id, "C2682N5HXP0BZ4", "moto echoes the id it was sent");
    let polls = http.since(start, "GET", "/2013-04-01/change/");
    assert_eq!(polls.len(), 3, "{polls:#?}");
    for (n, poll) in polls.iter().enumerate() {
        assert_eq!(poll.target, "/2013-04-01/change/C2682N5HXP0BZ4");
        let status = if n < 2 { "PENDING" } else { "INSYNC" };
        assert!(poll.response_body.contains(&format!("<Status>{status}</Status>")), "{}", poll.response_body);
    }
    assert_eq!(http.pending_get_changes.load(Ordering::SeqCst), 0);

    // A waiter that never sees INSYNC gives up after its attempts.
    http.pending_get_changes.store(3, Ordering::SeqCst);
    let err = client
        .get_change()
        .id(CHANGE_ID)
        .wait_until_resource_record_sets_changed()
        .delay(POLL)
        .max_attempts(3)
        .await
        .unwrap_err();
    assert!(
        matches!(err, restxml_runtime::client::paginate::WaiterError::MaxAttemptsExceeded { attempts: 3 }),
        "{err:?}"
    );

    // Pages of two (moto honours maxitems): NS and SOA at the apex, then
    // the records by reversed name; each next page starts at
    // NextRecordName/NextRecordType.
    let start = http.count();
    let pages = client
        .list_resource_record_sets()
        .hosted_zone_id(&zone_id)
        .max_items("2")
        .into_paginator()
        .pages()
        .collect_pages()
        .await
        .unwrap();
    let listed: Vec<Vec<(String, String)>> = pages.iter().map(|p| names_and_types(&p.resource_record_sets)).collect();
    let expected = [
        vec![(fqdn(""), "NS".to_string()), (fqdn(""), "SOA".to_string())],
        vec![(fqdn("alias"), "A".to_string()), (fqdn("docs"), "CNAME".to_string())],
        vec![(fqdn("txt"), "TXT".to_string()), (www.clone(), "A".to_string())],
    ];
    assert_eq!(listed, expected);
    assert_eq!(
        pages.iter().map(|p| (p.is_truncated, p.max_items.as_str())).collect::<Vec<_>>(),
        [(true, "2"), (true, "2"), (false, "2")]
    );
    assert_eq!(pages[0].next_record_name.as_deref(), Some(fqdn("alias").as_str()));
    assert_eq!(pages[0].next_record_type, Some(RRType::A));
    assert_eq!(pages[1].next_record_name.as_deref(), Some(fqdn("txt").as_str()));
    assert_eq!(pages[1].next_record_type, Some(RRType::Txt));
    assert_eq!((&pages[2].next_record_name, &pages[2].next_record_type), (&None, &None));
    let targets: Vec<String> =
        http.since(start, "GET", "/2013-04-01/hostedzone/").into_iter().map(|e| e.target).collect();
    let base = format!("/2013-04-01/hostedzone/{bare_zone}/rrset");
    assert_eq!(
        targets,
        [
            format!("{base}?maxitems=2"),
            format!("{base}?name=alias.{ZONE}.&type=A&maxitems=2"),
            format!("{base}?name=txt.{ZONE}.&type=TXT&maxitems=2"),
        ]
    );

    // The items read back exactly as written: the TXT verbatim with its
    // quotes, both addresses, the CNAME, the alias.
    let items = client
        .list_resource_record_sets()
        .hosted_zone_id(&zone_id)
        .max_items("2")
        .into_paginator()
        .items()
        .collect_items()
        .await
        .unwrap();
    assert_eq!(items.len(), 6);
    let find = |name: &str, rr_type: RRType| {
        items
            .iter()
            .find(|s| s.name == name && s.r#type == rr_type)
            .unwrap_or_else(|| panic!("{name} not in {items:?}"))
    };
    let values = |set: &ResourceRecordSet| {
        set.resource_records.as_ref().map(|r| r.iter().map(|r| r.value.clone()).collect::<Vec<_>>())
    };
    let got_txt = find(&fqdn("txt"), RRType::Txt);
    assert_eq!(values(got_txt), Some(vec![TXT_VALUE.to_string()]));
    assert_eq!(got_txt.ttl, Some(300));
    let got_a = find(&www, RRType::A);
    assert_eq!(values(got_a), Some(vec!["192.0.2.1".to_string(), "192.0.2.2".to_string()]));
    assert_eq!(got_a.ttl, Some(300));
    let got_cname = find(&fqdn("docs"), RRType::Cname);
    assert_eq!(values(got_cname), Some(vec![www.clone()]));
    let got_alias = find(&fqdn("alias"), RRType::A);
    let target = got_alias.alias_target.as_ref().unwrap();
    assert_eq!((target.hosted_zone_id.as_str(), target.dns_name.as_str()), (bare_zone.as_str(), www.as_str()));
    assert!(!target.evaluate_target_health);
    assert_eq!(values(got_alias), None);
    assert_eq!(got_alias.ttl, Some(0), "moto writes TTL 0 on alias records");

    // DELETE the CNAME (with the values it was created with).
    let deleted = client
        .change_resource_record_sets_with(change_batch(&zone_id, vec![(ChangeAction::Delete, cname)]))
        .send()
        .await
        .unwrap();
    let start = http.count();
    let synced = client
        .get_change()
        .id(&deleted.change_info.id)
        .wait_until_resource_record_sets_changed()
        .delay(POLL)
        .max_attempts(5)
        .await
        .unwrap();
    assert_eq!(synced.change_info.status, ChangeStatus::Insync);
    assert_eq!(http.since(start, "GET", "/2013-04-01/change/").len(), 1, "INSYNC at the first poll");
    let items = record_sets(&client, &zone_id).await;
    assert_eq!(
        names_and_types(&items),
        [
            (fqdn(""), "NS".to_string()),
            (fqdn(""), "SOA".to_string()),
            (fqdn("alias"), "A".to_string()),
            (fqdn("txt"), "TXT".to_string()),
            (www.clone(), "A".to_string()),
        ]
    );

    // DELETE of a record that does not exist: moto 5.2.1 answers
    // InvalidInput (Route 53 itself says InvalidChangeBatch).
    let gone = fqdn("gone");
    let err = client
        .change_resource_record_sets_with(change_batch(
            &zone_id,
            vec![(ChangeAction::Delete, record(&gone, RRType::Txt, 300, &["\"x\""]))],
        ))
        .send()
        .await
        .unwrap_err();
    let SdkError::Service(ChangeResourceRecordSetsError::InvalidInput(error)) = &err else { panic!("{err:?}") };
    let expected = format!(
        "Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or \
         TrafficPolicyInstanceId], but found none in Change with [Action=DELETE, Name={gone}, Type=TXT, SetIdentifier=null]"
    );
    assert_eq!((error.code(), error.message()), (Some("InvalidInput"), Some(expected.as_str())));
    assert_eq!(error.message.as_deref(), Some(expected.as_str()));
    assert_eq!(error.meta().status, 400);
    assert!(error.request_id().is_some_and(|id| !id.is_empty()));

    // CREATE of a record that exists: InvalidChangeBatch. moto sends it in
    // the <ErrorResponse> envelope with <Message> and <message>, not
    // Route 53's <InvalidChangeBatch><Messages> document, so the message is
    // in the metadata and `message`, and `messages` is empty.
    let err = client
        .change_resource_record_sets_with(change_batch(&zone_id, vec![(ChangeAction::Create, a.clone())]))
        .send()
        .await
        .unwrap_err();
    let SdkError::Service(ChangeResourceRecordSetsError::InvalidChangeBatch(error)) = &err else { panic!("{err:?}") };
    let expected = format!("Tried to create resource record set [name='{www}', type='A'] but it already exists");
    assert_eq!((error.code(), error.message()), (Some("InvalidChangeBatch"), Some(expected.as_str())));
    assert_eq!(error.message.as_deref(), Some(expected.as_str()));
    assert_eq!(error.messages, None);
    assert_eq!(error.meta().status, 400);
    let last = http.exchanges().last().cloned().unwrap();
    assert_eq!(last.status, 400);
    assert!(last.response_body.contains("<ErrorResponse"), "{}", last.response_body);

    // Tags on the zone. The tag calls' ResourceId is a TagResourceId, which
    // botocore does not trim either (moto refuses ids over 32 characters),
    // so the bare id.
    change_tags(&client, &bare_zone, &[("team", "dns"), ("env", "test")], &[]).await;
    assert_eq!(tags(&client, &bare_zone).await, pairs(&[("team", "dns"), ("env", "test")]));
    change_tags(&client, &bare_zone, &[], &["env"]).await;
    assert_eq!(tags(&client, &bare_zone).await, pairs(&[("team", "dns")]));
    let tag_posts = http.since(0, "POST", "/2013-04-01/tags/");
    assert_eq!(tag_posts.len(), 2);
    assert!(tag_posts.iter().all(|e| e.target == format!("/2013-04-01/tags/hostedzone/{bare_zone}")));

    // Delete the remaining records in one batch, then the zone.
    let deleted = client
        .change_resource_record_sets_with(change_batch(
            &zone_id,
            vec![(ChangeAction::Delete, txt), (ChangeAction::Delete, a), (ChangeAction::Delete, alias_a)],
        ))
        .send()
        .await
        .unwrap();
    let synced = client
        .get_change()
        .id(&deleted.change_info.id)
        .wait_until_resource_record_sets_changed()
        .delay(POLL)
        .max_attempts(5)
        .await
        .unwrap();
    assert_eq!(synced.change_info.status, ChangeStatus::Insync);
    let items = record_sets(&client, &zone_id).await;
    assert_eq!(names_and_types(&items), [(fqdn(""), "NS".to_string()), (fqdn(""), "SOA".to_string())]);
    let start = http.count();
    let deleted_zone = client.delete_hosted_zone().id(&zone_id).send().await.unwrap();
    assert_eq!(deleted_zone.change_info.status, ChangeStatus::Insync);
    assert!(deleted_zone.change_info.id.starts_with("/change/"), "{}", deleted_zone.change_info.id);
    let sent = http.since(start, "DELETE", "/2013-04-01/hostedzone/");
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].target, format!("/2013-04-01/hostedzone/{bare_zone}"));

    // The zone is gone: the typed NoSuchHostedZone, whose message names the
    // (bare) id moto was sent.
    let err = client.get_hosted_zone().id(&zone_id).send().await.unwrap_err();
    let SdkError::Service(GetHostedZoneError::NoSuchHostedZone(error)) = &err else { panic!("{err:?}") };
    let expected = format!("No hosted zone found with ID: {bare_zone}");
    assert_eq!((error.code(), error.message()), (Some("NoSuchHostedZone"), Some(expected.as_str())));
    assert_eq!(error.meta().status, 404);

    // No request ever carried an id with its prefix.
    for exchange in http.exchanges() {
        assert!(
            !exchange.target.contains("%2F") && !exchange.target.contains("/hostedzone/hostedzone"),
            "{exchange:?}"
        );
    }
}
