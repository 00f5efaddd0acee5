//! Paginators and waiters over the in-memory transport: pages follow the
//! model's tokens, items flatten pages, waiters poll with the model's
//! acceptors and never match loosely.

use std::time::Duration;

use cloudfront_sdk::client::{Client, Config, Credentials};
use cloudfront_sdk::operation::get_invalidation::GetInvalidationInput;
use cloudfront_sdk::operation::get_streaming_distribution::GetStreamingDistributionInput;
use cloudfront_sdk::operation::list_invalidations::ListInvalidationsInput;
use cloudfront_sdk::{ResponseErrorKind, SdkError};
use integration_tests::fixture;
use restxml_runtime::client::paginate::{WaiterConfig, WaiterError};
use restxml_runtime::client::transport::ReplayClient;

fn client(http: &ReplayClient) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("a", "b", None))
            .http_client(http.clone())
            .build(),
    )
}

fn ok(body: String) -> http::Response<Vec<u8>> {
    http::Response::builder().status(200).body(body.into_bytes()).unwrap()
}

fn page(next: Option<&str>, ids: &[&str]) -> http::Response<Vec<u8>> {
    let items: String = ids
        .iter()
        .map(|id| format!("<InvalidationSummary><Id>{id}</Id><CreateTime>2024-03-15T17:42:09Z</CreateTime><Status>Completed</Status></InvalidationSummary>"))
        .collect();
    let next = next.map(|n| format!("<NextMarker>{n}</NextMarker>")).unwrap_or_default();
    ok(format!(
        "<InvalidationList><Marker>m</Marker>{next}<MaxItems>2</MaxItems><IsTruncated>{}</IsTruncated><Quantity>{}</Quantity><Items>{items}</Items></InvalidationList>",
        !next.is_empty(),
        ids.len()
    ))
}

fn list_input() -> ListInvalidationsInput {
    ListInvalidationsInput::builder().distribution_id("EDFDVBD6EXAMPLE").build().unwrap()
}

#[tokio::test]
async fn pages_follow_next_marker_until_not_truncated() {
    let http =
        ReplayClient::new([page(Some("p2"), &["I1", "I2"]), page(Some("p3"), &["I3", "I4"]), page(None, &["I5"])]);
    let client = client(&http);
    let pages = client.list_invalidations_with(list_input()).into_paginator().pages().collect_pages().await.unwrap();
    assert_eq!(pages.len(), 3);
    let queries: Vec<Option<String>> = http.requests().iter().map(|r| r.uri().query().map(str::to_string)).collect();
    assert_eq!(queries, vec![None, Some("Marker=p2".into()), Some("Marker=p3".into())]);
}

#[tokio::test]
async fn items_flatten_every_page() {
    let http = ReplayClient::new([page(Some("p2"), &["I1", "I2"]), page(None, &["I3"])]);
    let client = client(&http);
    let ids: Vec<String> = client
        .list_invalidations_with(list_input())
        .into_paginator()
        .items()
        .collect_items()
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(ids, ["I1", "I2", "I3"]);
}

#[tokio::test]
async fn a_repeated_token_is_an_error_not_a_short_list() {
    let http = ReplayClient::new([page(Some("same"), &["I1"]), page(Some("same"), &["I2"]), page(None, &["I3"])]);
    let client = client(&http);
    let err = client.list_invalidations_with(list_input()).into_paginator().items().collect_items().await.unwrap_err();
    let SdkError::Response(err) = err else { panic!("{err:?}") };
    assert_eq!(err.kind(), &ResponseErrorKind::RepeatedToken { token: "\"same\"".into() });
    assert_eq!(http.requests().len(), 2);
}

#[tokio::test]
async fn an_empty_token_ends_paging() {
    let http = ReplayClient::new([page(Some(""), &["I1"]), page(None, &["I2"])]);
    let client = client(&http);
    let pages = client.list_invalidations_with(list_input()).into_paginator().pages().collect_pages().await.unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!(http.requests().len(), 1);
}

fn streaming_distribution(status: &str) -> http::Response<Vec<u8>> {
    let body =
        String::from_utf8(fixture("update_streaming_distribution_200.xml")).unwrap().replace("InProgress", status);
    ok(body)
}

const FAST: WaiterConfig = WaiterConfig { delay: Duration::from_millis(1), max_attempts: 3 };

#[tokio::test]
async fn a_waiter_polls_until_its_success_state() {
    let http = ReplayClient::new([
        streaming_distribution("InProgress"),
        streaming_distribution("InProgress"),
        streaming_distribution("Deployed"),
    ]);
    let client = client(&http);
    let input = GetStreamingDistributionInput::builder().id("EGTXBD79H29TRA8").build().unwrap();
    let output = client
        .get_streaming_distribution_with(input)
        .wait_until_streaming_distribution_deployed()
        .delay(FAST.delay)
        .max_attempts(FAST.max_attempts)
        .await
        .unwrap();
    assert_eq!(output.streaming_distribution.unwrap().status, "Deployed");
    assert_eq!(http.requests().len(), 3);
}

#[tokio::test]
async fn a_waiter_gives_up_after_max_attempts_and_never_matches_loosely() {
    let body = |status: &str| {
        ok(format!(
            "<Invalidation><Id>I1</Id><Status>{status}</Status><CreateTime>2024-03-15T17:42:09Z</CreateTime><InvalidationBatch><Paths><Quantity>0</Quantity></Paths><CallerReference>r</CallerReference></InvalidationBatch></Invalidation>"
        ))
    };
    // moto says COMPLETED; the model's waiter wants Completed.
    let http = ReplayClient::new([body("COMPLETED"), body("COMPLETED"), body("COMPLETED")]);
    let client = client(&http);
    let input = GetInvalidationInput::builder().distribution_id("D").id("I1").build().unwrap();
    let err = client
        .get_invalidation_with(input)
        .wait_until_invalidation_completed()
        .delay(FAST.delay)
        .max_attempts(FAST.max_attempts)
        .await
        .unwrap_err();
    assert!(matches!(err, WaiterError::MaxAttemptsExceeded { attempts: 3 }), "{err:?}");
    assert_eq!(http.requests().len(), 3);
}

#[tokio::test]
async fn a_waiter_stops_on_an_unexpected_error() {
    let http = ReplayClient::new([http::Response::builder()
        .status(404)
        .body(b"<ErrorResponse><Error><Code>NoSuchStreamingDistribution</Code></Error></ErrorResponse>".to_vec())
        .unwrap()]);
    let client = client(&http);
    let input = GetStreamingDistributionInput::builder().id("X").build().unwrap();
    let err = client
        .get_streaming_distribution_with(input)
        .wait_until_streaming_distribution_deployed()
        .delay(FAST.delay)
        .max_attempts(FAST.max_attempts)
        .await
        .unwrap_err();
    assert!(matches!(err, WaiterError::Operation(_)), "{err:?}");
    assert_eq!(http.requests().len(), 1);
}

#[tokio::test]
async fn read_modify_write_sends_the_change_with_if_match() {
    let config = String::from_utf8(fixture("update_streaming_distribution_200.xml")).unwrap();
    let start = config.find("<StreamingDistributionConfig>").unwrap();
    let end = config.find("</StreamingDistributionConfig>").unwrap() + "</StreamingDistributionConfig>".len();
    let get = http::Response::builder()
        .status(200)
        .header("ETag", "E1")
        .body(config.as_bytes()[start..end].to_vec())
        .unwrap();
    let http = ReplayClient::new([get, streaming_distribution("InProgress")]);
    let client = client(&http);
    let input =
        cloudfront_sdk::operation::get_streaming_distribution_config::GetStreamingDistributionConfigInput::builder()
            .id("EGTXBD79H29TRA8")
            .build()
            .unwrap();
    client
        .get_streaming_distribution_config_with(input)
        .read_modify_write(|config| config.comment = "changed".into())
        .await
        .unwrap();
    let sent = http.requests();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1].method(), http::Method::PUT);
    assert_eq!(sent[1].uri().path(), "/2020-05-31/streaming-distribution/EGTXBD79H29TRA8/config");
    assert_eq!(sent[1].headers()["if-match"], "E1");
    let body = String::from_utf8(sent[1].body().clone()).unwrap();
    assert!(body.contains("<Comment>changed</Comment>"), "{body}");
    assert!(body.contains("<CNAME>media.example.com</CNAME>"), "the rest is kept: {body}");
}
