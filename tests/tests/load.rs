//! Many calls at once through one client, against a local canned HTTP
//! server over loopback (not moto, which is slow): a thousand calls with a
//! hundred in flight, and a retry storm against a server that answers 503
//! until it recovers. Each test bounds its own time.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use cloudfront_sdk::client::{Client, Config, Credentials};
use cloudfront_sdk::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};
use integration_tests::canned_server::{Canned, CannedServer};
use restxml_runtime::client::retry::RetryConfig;
use restxml_runtime::client::transport::HyperClient;

const CALLS: usize = 1_000;
const IN_FLIGHT: usize = 100;

fn ok_response() -> Canned {
    Canned {
        status: 200,
        headers: vec![("content-type".into(), "text/xml".into()), ("etag".into(), "E2QWRUHAPOMQZL".into())],
        body: integration_tests::fixture("update_streaming_distribution_200.xml").into(),
    }
}

fn unavailable() -> Canned {
    Canned {
        status: 503,
        headers: vec![("content-type".into(), "text/xml".into())],
        body: b"<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>down</Message></Error></ErrorResponse>"
            .as_slice()
            .into(),
    }
}

fn client(url: &str, retry: RetryConfig) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "SECRET", None))
            .endpoint_url(url)
            .retry_config(retry)
            .http_client(HyperClient::default())
            .build(),
    )
}

async fn update(client: &Client) -> Result<(), cloudfront_sdk::Error> {
    let config = StreamingDistributionConfig::builder()
        .caller_reference("load")
        .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build().unwrap())
        .comment("c")
        .trusted_signers(TrustedSigners::builder().enabled(false).build().unwrap())
        .enabled(true)
        .build()
        .unwrap();
    let output = client
        .update_streaming_distribution()
        .id("EGTXBD79H29TRA8")
        .if_match("E1")
        .streaming_distribution_config(config)
        .send()
        .await?;
    assert_eq!(output.e_tag.as_deref(), Some("E2QWRUHAPOMQZL"));
    Ok(())
}

/// Peak and current resident memory of this process, in KiB (VmHWM,
/// VmRSS).
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

/// Runs `calls` calls with `in_flight` workers; every result.
async fn run(client: &Client, calls: usize, in_flight: usize) -> Vec<Result<(), cloudfront_sdk::Error>> {
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..in_flight {
        let client = client.clone();
        workers.spawn(async move {
            let mut results = Vec::new();
            for _ in 0..calls / in_flight {
                results.push(update(&client).await);
            }
            results
        });
    }
    let mut results = Vec::with_capacity(calls);
    while let Some(batch) = workers.join_next().await {
        results.extend(batch.expect("worker task"));
    }
    results
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_calls_a_hundred_in_flight_through_one_client() {
    tokio::time::timeout(Duration::from_secs(30), async {
        let server = CannedServer::start(|_, _| ok_response()).await.unwrap();
        let tasks_before = tokio::runtime::Handle::current().metrics().num_alive_tasks();
        let (_, rss_before) = memory_kib();
        let client = client(&server.url(), RetryConfig::default());

        let results = run(&client, CALLS, IN_FLIGHT).await;
        assert_eq!(results.len(), CALLS);
        assert!(results.iter().all(Result::is_ok), "{:?}", results.iter().find(|r| r.is_err()));

        let stats = server.stats();
        let (peak_kib, rss_after) = memory_kib();
        eprintln!(
            "load: {CALLS} calls, {IN_FLIGHT} in flight: {} requests, {} connections accepted, at most {} open at once; resident memory {} KiB before, {} KiB after, peak {} KiB",
            stats.requests, stats.connections, stats.peak_open_connections, rss_before, rss_after, peak_kib
        );
        // No retries, and connections bounded by the calls in flight, not
        // the calls made: about one each. hyper's pool takes a connection
        // back only once its task has seen the body end, so a call that
        // starts in that moment opens one more (109 of 100 here once).
        assert_eq!(stats.requests, CALLS as u64);
        assert!(stats.peak_open_connections <= 2 * IN_FLIGHT as u64, "{stats:?}");
        assert!(stats.connections <= 2 * IN_FLIGHT as u64, "{stats:?}");
        // Memory stays bounded: far less than the 1,000 responses and
        // requests would take if any were kept (each is a few KiB, the
        // client and its pool well under this).
        assert!(
            rss_after.saturating_sub(rss_before) < 64 * 1024,
            "resident memory grew from {rss_before} KiB to {rss_after} KiB"
        );

        // With the client gone, its pooled connections close and every task
        // it started ends: back to the tasks there were before.
        drop(client);
        let mut alive = usize::MAX;
        for _ in 0..100 {
            alive = tokio::runtime::Handle::current().metrics().num_alive_tasks();
            if alive <= tasks_before && server.stats().open_connections == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        assert!(alive <= tasks_before, "{alive} tasks alive, {tasks_before} before the calls");
        assert_eq!(server.stats().open_connections, 0);
    })
    .await
    .expect("finishes within 30 s");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_retry_storm_is_bounded_by_the_quota_and_the_client_recovers() {
    tokio::time::timeout(Duration::from_secs(30), async {
        let healthy = Arc::new(AtomicBool::new(false));
        let server = {
            let healthy = Arc::clone(&healthy);
            CannedServer::start(move |_, _| if healthy.load(Ordering::SeqCst) { ok_response() } else { unavailable() })
                .await
                .unwrap()
        };
        let retry = RetryConfig { max_attempts: 3, initial_backoff: Duration::ZERO, ..RetryConfig::default() };
        let client = client(&server.url(), retry);
        assert_eq!(client.retry_quota().available(), 500);

        // 100 calls at once against a server that is down: 100 first
        // attempts, and retries only while the quota lasts (500 tokens, 5 a
        // retry: 100 retries), where 3 attempts a call would make 300.
        let results = run(&client, 100, 100).await;
        assert!(results.iter().all(|result| matches!(
            result,
            Err(error) if error.to_string().contains("ServiceUnavailable")
        )));
        assert_eq!(server.stats().requests, 200, "{:?}", server.stats());
        assert_eq!(client.retry_quota().available(), 0);

        // The server recovers: first attempts need no tokens, every call
        // succeeds, and each success gives a token back.
        healthy.store(true, Ordering::SeqCst);
        let results = run(&client, 100, 100).await;
        assert!(results.iter().all(Result::is_ok));
        assert_eq!(server.stats().requests, 300);
        assert_eq!(client.retry_quota().available(), 100);
    })
    .await
    .expect("finishes within 30 s");
}
