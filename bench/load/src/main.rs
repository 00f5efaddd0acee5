//! Load: 1,000 UpdateStreamingDistribution calls, 100 in flight, through
//! one client against a local canned HTTP server (plain HTTP on loopback),
//! for cloudfront-sdk and aws-sdk-cloudfront 1.141.0 (default features:
//! its hyper and rustls client).
//!
//! `cargo run --release` (from bench/load) runs each client in its own
//! process, alternately, three rounds, and prints the medians: calls per
//! second, p50 and p99 latency of a call, the most connections open at the
//! server at once, and the process's peak resident memory. Not part of the
//! test command; see BENCHMARKS in the README.

use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "../../../tests/src/canned_server.rs"]
mod canned_server;

use canned_server::{Canned, CannedServer};

const CALLS: usize = 1_000;
const IN_FLIGHT: usize = 100;
const WARM_UP: usize = 100;
const ROUNDS: usize = 3;

/// One process's measurements.
#[derive(Debug, Clone, Copy)]
struct Run {
    calls_per_second: f64,
    p50_ms: f64,
    p99_ms: f64,
    peak_connections: u64,
    peak_rss_mb: f64,
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, which] = args.as_slice()
        && flag == "--one"
    {
        let run = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime")
            .block_on(one(which));
        println!(
            "{} {} {} {} {}",
            run.calls_per_second, run.p50_ms, run.p99_ms, run.peak_connections, run.peak_rss_mb
        );
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    let mut results: [Vec<Run>; 2] = [Vec::new(), Vec::new()];
    for round in 0..ROUNDS {
        for (slot, which) in ["ours", "aws"].into_iter().enumerate() {
            let output = std::process::Command::new(&exe)
                .args(["--one", which])
                .output()
                .expect("child runs");
            assert!(output.status.success(), "{which}: {}", String::from_utf8_lossy(&output.stderr));
            let fields: Vec<f64> = String::from_utf8_lossy(&output.stdout)
                .split_whitespace()
                .map(|field| field.parse().expect("number"))
                .collect();
            let run = Run {
                calls_per_second: fields[0],
                p50_ms: fields[1],
                p99_ms: fields[2],
                peak_connections: fields[3] as u64,
                peak_rss_mb: fields[4],
            };
            eprintln!("round {round} {which}: {run:?}");
            results[slot].push(run);
        }
    }
    let median = |runs: &[Run], field: fn(&Run) -> f64| {
        let mut values: Vec<f64> = runs.iter().map(field).collect();
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    println!(
        "{CALLS} calls, {IN_FLIGHT} in flight, one client, 2 tokio worker threads; medians of {ROUNDS} runs each"
    );
    println!();
    println!("| client | calls/s | p50 | p99 | most connections open | peak RSS |");
    println!("|---|---|---|---|---|---|");
    for (runs, name) in results.iter().zip(["cloudfront-sdk", "aws-sdk-cloudfront 1.141.0"]) {
        println!(
            "| {name} | {:.0} | {:.2} ms | {:.2} ms | {:.0} | {:.1} MB |",
            median(runs, |r| r.calls_per_second),
            median(runs, |r| r.p50_ms),
            median(runs, |r| r.p99_ms),
            median(runs, |r| r.peak_connections as f64),
            median(runs, |r| r.peak_rss_mb),
        );
    }
}

async fn one(which: &str) -> Run {
    let body: Arc<[u8]> = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/data/fixtures/update_streaming_distribution_200.xml"),
    )
    .expect("fixture")
    .into();
    let server = CannedServer::start(move |_, _| Canned {
        status: 200,
        headers: vec![
            ("content-type".into(), "text/xml".into()),
            ("etag".into(), "E2QWRUHAPOMQZL".into()),
            ("x-amz-request-id".into(), "load".into()),
        ],
        body: Arc::clone(&body),
    })
    .await
    .expect("server starts");
    let call: Arc<dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync> =
        match which {
            "ours" => {
                let client = ours(&server.url());
                Arc::new(move || {
                    let client = client.clone();
                    Box::pin(async move {
                        let config = ours_config();
                        client
                            .update_streaming_distribution()
                            .id("EGTXBD79H29TRA8")
                            .if_match("E1")
                            .streaming_distribution_config(config)
                            .send()
                            .await
                            .expect("call succeeds");
                    })
                })
            }
            "aws" => {
                let client = theirs(&server.url());
                Arc::new(move || {
                    let client = client.clone();
                    Box::pin(async move {
                        client
                            .update_streaming_distribution()
                            .id("EGTXBD79H29TRA8")
                            .if_match("E1")
                            .streaming_distribution_config(theirs_config())
                            .send()
                            .await
                            .expect("call succeeds");
                    })
                })
            }
            other => panic!("unknown client {other}"),
        };
    for _ in 0..WARM_UP {
        call().await;
    }
    let start = Instant::now();
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let call = Arc::clone(&call);
        workers.spawn(async move {
            let mut latencies = Vec::with_capacity(CALLS / IN_FLIGHT);
            for _ in 0..CALLS / IN_FLIGHT {
                let t = Instant::now();
                call().await;
                latencies.push(t.elapsed());
            }
            latencies
        });
    }
    let mut latencies: Vec<Duration> = Vec::with_capacity(CALLS);
    while let Some(batch) = workers.join_next().await {
        latencies.extend(batch.expect("worker"));
    }
    let elapsed = start.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    Run {
        calls_per_second: CALLS as f64 / elapsed.as_secs_f64(),
        p50_ms: at(0.50).as_secs_f64() * 1e3,
        p99_ms: at(0.99).as_secs_f64() * 1e3,
        peak_connections: server.stats().peak_open_connections,
        peak_rss_mb: peak_rss_kb() as f64 / 1024.0,
    }
}

/// VmHWM from /proc/self/status, in KiB.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find_map(|line| line.strip_prefix("VmHWM:"))
                .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn ours(url: &str) -> cloudfront_sdk::client::Client {
    cloudfront_sdk::client::Client::new(
        cloudfront_sdk::client::Config::builder()
            .region("us-east-1")
            .credentials(cloudfront_sdk::client::Credentials::new("AKIDEXAMPLE", "SECRET", None))
            .endpoint_url(url)
            .build(),
    )
}

fn ours_config() -> cloudfront_sdk::types::StreamingDistributionConfig {
    use cloudfront_sdk::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};
    StreamingDistributionConfig::builder()
        .caller_reference("r")
        .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build().unwrap())
        .comment("c")
        .trusted_signers(TrustedSigners::builder().enabled(false).build().unwrap())
        .enabled(true)
        .build()
        .unwrap()
}

fn theirs(url: &str) -> aws_sdk_cloudfront::Client {
    let config = aws_sdk_cloudfront::Config::builder()
        .behavior_version(aws_sdk_cloudfront::config::BehaviorVersion::latest())
        .region(aws_sdk_cloudfront::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_cloudfront::config::Credentials::new("AKIDEXAMPLE", "SECRET", None, None, "bench"))
        .endpoint_url(url)
        .build();
    aws_sdk_cloudfront::Client::from_conf(config)
}

fn theirs_config() -> aws_sdk_cloudfront::types::StreamingDistributionConfig {
    use aws_sdk_cloudfront::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};
    StreamingDistributionConfig::builder()
        .caller_reference("r")
        .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build().unwrap())
        .comment("c")
        .trusted_signers(TrustedSigners::builder().enabled(false).quantity(0).build().unwrap())
        .enabled(true)
        .build()
        .unwrap()
}
