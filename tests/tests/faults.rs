//! The CloudFront client under network faults: moto's server (shared by
//! these tests, started once) behind the fault-injecting proxy
//! (`integration_tests::fault_proxy`), one proxy per test. Each test
//! queues faults, makes calls through the default transport (hyper), and
//! checks what the call returns (a typed transport error, or success after
//! retries), how many attempts reached the proxy and moto, and what moto
//! holds afterwards. Attempts are limited to 1 s, backoff is zero, and
//! every test body runs under a time limit of a few seconds: nothing hangs.

use std::future::Future;
use std::time::{Duration, Instant};

use cloudfront_sdk::client::{
    Client, Config, ConfigOverride, Credentials, HyperClient, RetryConfig, Timeouts, TransportError, TransportErrorKind,
};
use cloudfront_sdk::{DispatchErrorKind, SdkError};
use integration_tests::fault_proxy::{Fault, FaultProxy};
use integration_tests::moto::Moto;
use serde_json::json;

/// The longest a test body may take.
const TEST_LIMIT: Duration = Duration::from_secs(8);
/// The longest an attempt may take.
const ATTEMPT_LIMIT: Duration = Duration::from_secs(1);

/// Runs `body` within [`TEST_LIMIT`].
async fn within_limit(body: impl Future<Output = ()>) {
    tokio::time::timeout(TEST_LIMIT, body).await.expect("the test body finished in time");
}

/// A client of `http` sending to `endpoint`, making `attempts` attempts a
/// call with no backoff, each within [`ATTEMPT_LIMIT`].
fn client_with(endpoint: &str, attempts: u32, http: HyperClient) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials(Credentials::new("testing", "testing", None))
            .retry_config(RetryConfig { max_attempts: attempts, initial_backoff: Duration::ZERO, ..Default::default() })
            .timeouts(Timeouts {
                connect: Some(ATTEMPT_LIMIT),
                attempt: Some(ATTEMPT_LIMIT),
                operation: Some(Duration::from_secs(5)),
            })
            .http_client(http)
            .build(),
    )
}

/// [`client_with`] the default transport.
fn client(endpoint: &str, attempts: u32) -> Client {
    client_with(endpoint, attempts, HyperClient::builder().connect_timeout(Some(ATTEMPT_LIMIT)).build())
}

/// A proxy in front of the shared moto, once moto answers CloudFront
/// calls (its first takes seconds: moto loads the service then).
async fn proxy() -> FaultProxy {
    let moto = Moto::shared();
    let warm = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&moto.url)
            .credentials(Credentials::new("testing", "testing", None))
            .build(),
    );
    warm.list_distributions().send().await.expect("moto answers");
    FaultProxy::start(&moto.url).await
}

/// One attempt only, for a call that should return the fault's error.
fn once() -> ConfigOverride {
    ConfigOverride::new().retry_config(RetryConfig::disabled())
}

/// The dispatch error's kind, attempts and transport error kind of `err`.
fn transport_failure<E: std::fmt::Debug>(err: &SdkError<E>) -> (DispatchErrorKind, u32, TransportErrorKind) {
    let SdkError::Dispatch(dispatch) = err else { panic!("not a dispatch error: {err:?}") };
    let transport = std::error::Error::source(dispatch)
        .and_then(|e| e.downcast_ref::<TransportError>())
        .unwrap_or_else(|| panic!("no transport error in {dispatch}"));
    assert!(transport.is_retryable(), "{transport}");
    (dispatch.kind(), dispatch.attempts(), transport.kind())
}

/// A distribution config whose only origin is `origin` (which tells this
/// test's distributions from the other tests' in the shared moto).
fn distribution_config(origin: &str) -> cloudfront_sdk::types::DistributionConfig {
    serde_json::from_value(json!({
        "CallerReference": format!("ref-{origin}"),
        "Origins": {"Quantity": 1, "Items": [{"Id": "origin-1", "DomainName": origin, "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "origin-1", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
        "Comment": "fault test",
        "Enabled": true
    }))
    .unwrap()
}

/// How many distributions moto holds whose origin is `origin` (read
/// directly from moto, not through the proxy; moto's list summaries leave
/// the origins out, so each distribution's config is read).
async fn distributions_with_origin(origin: &str) -> usize {
    let moto = client(&Moto::shared().url, 1);
    let listed = moto.list_distributions().send().await.unwrap();
    let mut count = 0;
    for summary in listed.distribution_list.and_then(|list| list.items).unwrap_or_default() {
        let config = moto.get_distribution_config().id(&summary.id).send().await.unwrap();
        let origins = config.distribution_config.map(|c| c.origins.items).unwrap_or_default();
        count += usize::from(origins.iter().any(|o| o.domain_name == origin));
    }
    count
}

#[tokio::test]
async fn a_reset_before_the_response_is_closed_and_retried() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        proxy.push(Fault::ResetBeforeResponse);
        let err = client.list_distributions().config_override(once()).send().await.unwrap_err();
        assert_eq!(transport_failure(&err), (DispatchErrorKind::Transport, 1, TransportErrorKind::Closed));
        assert!(err.to_string().contains("got no response from"), "{err}");
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (1, 0));

        proxy.push(Fault::ResetBeforeResponse);
        client.list_distributions().send().await.unwrap();
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (3, 1), "two attempts, the second forwarded");
    })
    .await;
}

#[tokio::test]
async fn a_reset_in_the_middle_of_the_body_is_a_body_error_and_retried() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        proxy.push(Fault::ResetMidBody);
        let err = client.list_distributions().config_override(once()).send().await.unwrap_err();
        assert_eq!(transport_failure(&err), (DispatchErrorKind::Transport, 1, TransportErrorKind::Body));
        assert_eq!(proxy.forwarded(), 1, "moto answered; its answer was cut off");

        proxy.push(Fault::ResetMidBody);
        client.list_distributions().send().await.unwrap();
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (3, 3));
    })
    .await;
}

#[tokio::test]
async fn a_truncated_body_is_truncated_and_retried() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        proxy.push(Fault::Truncate);
        let err = client.list_distributions().config_override(once()).send().await.unwrap_err();
        assert_eq!(transport_failure(&err), (DispatchErrorKind::Transport, 1, TransportErrorKind::Truncated));
        assert!(err.to_string().contains("could not read the response from"), "{err}");

        proxy.push_n(Fault::Truncate, 2);
        client.list_distributions().send().await.unwrap();
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (4, 4), "third attempt succeeded");
    })
    .await;
}

#[tokio::test]
async fn a_stalled_body_times_out_and_the_next_call_reads_a_whole_body_on_a_fresh_connection() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        // The pool works: two calls, one connection.
        client.list_distributions().send().await.unwrap();
        client.list_distributions().send().await.unwrap();
        assert_eq!(proxy.connections(), 1);

        proxy.push(Fault::StallBody(Duration::from_secs(30)));
        let started = Instant::now();
        let err = client.list_distributions().config_override(once()).send().await.unwrap_err();
        assert_eq!(transport_failure(&err), (DispatchErrorKind::Timeout, 1, TransportErrorKind::Timeout));
        assert!(started.elapsed() < ATTEMPT_LIMIT * 3, "{:?}", started.elapsed());

        // The half-read connection was dropped, not pooled: the next call
        // opens a new one and reads its whole body (it parses).
        let listed = client.list_distributions().send().await.unwrap();
        assert!(listed.distribution_list.is_some());
        let requests = proxy.requests();
        let connections: Vec<usize> = requests.iter().map(|r| r.connection).collect();
        assert_eq!(connections, [0, 0, 0, 1], "{requests:?}");

        // Retried: the second attempt goes on a fresh connection too.
        proxy.push(Fault::StallBody(Duration::from_secs(30)));
        client.list_distributions().send().await.unwrap();
        let connections: Vec<usize> = proxy.requests().iter().map(|r| r.connection).collect();
        assert_eq!(connections, [0, 0, 0, 1, 1, 2]);
        assert_eq!(proxy.forwarded(), 6);
    })
    .await;
}

#[tokio::test]
async fn a_burst_of_server_errors_is_retried_until_attempts_run_out() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        proxy.push(Fault::Status(500));
        proxy.push(Fault::Status(503));
        client.list_distributions().send().await.unwrap();
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (3, 1));

        proxy.push_n(Fault::Status(503), 3);
        let err = client.list_distributions().send().await.unwrap_err();
        assert!(matches!(err, SdkError::Service(_)), "{err:?}");
        assert_eq!(err.code(), Some("ServiceUnavailable"));
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (6, 1), "three attempts, none reached moto");
        // The errors were answered on one kept-alive connection.
        assert_eq!(proxy.connections(), 1);
    })
    .await;
}

#[tokio::test]
async fn throttling_is_retried_after_the_pause_it_asks_for() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        // No hint: retried at once (zero backoff).
        proxy.push(Fault::Throttle { retry_after_ms: None });
        client.list_distributions().send().await.unwrap();
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (2, 1));

        // A hint of 300 ms: the retry waits for it.
        proxy.push(Fault::Throttle { retry_after_ms: Some(300) });
        let started = Instant::now();
        client.list_distributions().send().await.unwrap();
        assert!(started.elapsed() >= Duration::from_millis(300), "{:?}", started.elapsed());
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (4, 2));

        // Throttled at every attempt: the throttling error comes back.
        proxy.push_n(Fault::Throttle { retry_after_ms: Some(1) }, 3);
        let err = client.list_distributions().send().await.unwrap_err();
        assert_eq!((err.code(), err.message()), (Some("Throttling"), Some("Rate exceeded")));
        assert_eq!((proxy.requests().len(), proxy.forwarded()), (7, 2));
    })
    .await;
}

#[tokio::test]
async fn a_retried_create_sends_the_same_body_and_moto_holds_one_distribution() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        let origin = "faults-replay.s3.amazonaws.com";
        // Reset before any response, the request not forwarded: the retry
        // creates the distribution.
        proxy.push(Fault::ResetBeforeResponse);
        let created =
            client.create_distribution().distribution_config(distribution_config(origin)).send().await.unwrap();
        assert!(created.distribution.is_some());
        let requests = proxy.requests();
        assert_eq!((requests.len(), proxy.forwarded()), (2, 1));
        assert_eq!(requests[0].method, "POST");
        assert!(requests[0].body.starts_with(b"<?xml") || requests[0].body.starts_with(b"<Distribution"));
        assert!(requests[0].body.windows(origin.len()).any(|w| w == origin.as_bytes()));
        assert_eq!(requests[0].body, requests[1].body, "the retry re-sent the same bytes");
        assert_eq!(distributions_with_origin(origin).await, 1);
    })
    .await;
}

#[tokio::test]
async fn a_create_whose_answer_is_lost_reaches_moto_twice_and_the_caller_reference_keeps_one() {
    let proxy = proxy().await;
    within_limit(async {
        let client = client(proxy.url(), 3);
        let origin = "faults-lost-answer.s3.amazonaws.com";
        // moto creates the distribution but its answer is cut off; the
        // retry, with the same CallerReference, is refused by moto.
        proxy.push(Fault::Truncate);
        let err =
            client.create_distribution().distribution_config(distribution_config(origin)).send().await.unwrap_err();
        assert!(err.as_service_error().is_some_and(|e| e.is_distribution_already_exists()), "{err:?}");
        let requests = proxy.requests();
        assert_eq!((requests.len(), proxy.forwarded()), (2, 2), "both attempts reached moto");
        assert_eq!(requests[0].body, requests[1].body);
        assert_eq!(distributions_with_origin(origin).await, 1);
    })
    .await;
}

#[tokio::test]
async fn connection_failures_say_which_stage_failed_and_are_retried() {
    within_limit(async {
        let err = client("http://no-such-host.invalid", 3).list_distributions().send().await.unwrap_err();
        assert_eq!(transport_failure(&err), (DispatchErrorKind::Transport, 3, TransportErrorKind::Dns));

        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let err = client(&format!("http://127.0.0.1:{port}"), 3).list_distributions().send().await.unwrap_err();
        assert_eq!(transport_failure(&err), (DispatchErrorKind::Transport, 3, TransportErrorKind::Connect));

        // TLS to a server that answers in plain HTTP at once.
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            use tokio::io::AsyncWriteExt as _;
            let mut accepted = 0;
            while let Ok((mut stream, _)) = listener.accept().await {
                accepted += 1;
                let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n").await;
                if accepted == 3 {
                    break;
                }
            }
            accepted
        });
        let err = client(&url, 3).list_distributions().send().await.unwrap_err();
        assert_eq!(transport_failure(&err), (DispatchErrorKind::Transport, 3, TransportErrorKind::Tls));
        assert!(err.to_string().contains("could not connect to"), "{err}");
        assert_eq!(server.await.unwrap(), 3);
    })
    .await;
}

#[tokio::test]
async fn pool_settings_decide_when_connections_are_reused() {
    let proxy = proxy().await;
    within_limit(async {
        // No idle connections kept: one connection a call.
        let http = HyperClient::builder().pool_max_idle_per_host(0).build();
        let client = client_with(proxy.url(), 1, http);
        client.list_distributions().send().await.unwrap();
        client.list_distributions().send().await.unwrap();
        assert_eq!(proxy.connections(), 2);

        // Idle connections closed after 100 ms: reused within it, not after.
        let http = HyperClient::builder().pool_idle_timeout(Some(Duration::from_millis(100))).build();
        let client = client_with(proxy.url(), 1, http);
        client.list_distributions().send().await.unwrap();
        client.list_distributions().send().await.unwrap();
        assert_eq!(proxy.connections(), 3);
        tokio::time::sleep(Duration::from_millis(400)).await;
        client.list_distributions().send().await.unwrap();
        assert_eq!(proxy.connections(), 4);
    })
    .await;
}
