//! Whole-call latency without a network, side by side: the generated
//! client and aws-sdk-cloudfront, each given an in-memory HTTP client that
//! answers every request with the same committed fixture
//! (`tests/data/fixtures/`, made by `python3 scripts/make_fixtures.py`). A
//! call is: build the request, resolve the endpoint, sign, "send", parse the
//! response.
//!
//! ```sh
//! cargo run --release --manifest-path bench/call-latency/Cargo.toml
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use restxml_runtime::client::credentials::BoxFuture;
use restxml_runtime::client::transport::{HttpClient, TransportError};

/// A response body from the workspace's `tests/data/fixtures/`.
fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fixtures").join(name);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (recreate it with `python3 scripts/make_fixtures.py`)", path.display()))
}

/// Answers every request with one canned response.
#[derive(Debug, Clone)]
struct Canned(http::Response<Vec<u8>>);

impl HttpClient for Canned {
    fn send(&self, _request: http::Request<Vec<u8>>, _max: usize) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let mut response = http::Response::new(self.0.body().clone());
        *response.status_mut() = self.0.status();
        *response.headers_mut() = self.0.headers().clone();
        Box::pin(async move { Ok(response) })
    }
}

async fn median<F: AsyncFnMut()>(budget: Duration, mut call: F) -> Duration {
    for _ in 0..5 {
        call().await;
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 20 {
        let t = Instant::now();
        call().await;
        samples.push(t.elapsed());
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn ours(body: Vec<u8>) -> cloudfront_sdk::client::Client {
    let response = http::Response::builder().status(200).header("ETag", "E1").body(body).unwrap();
    cloudfront_sdk::client::Client::new(
        cloudfront_sdk::client::Config::builder()
            .region("us-east-1")
            .credentials(cloudfront_sdk::client::Credentials::new("AKIDEXAMPLE", "SECRET", None))
            .http_client(Canned(response))
            .build(),
    )
}

fn theirs(body: Vec<u8>) -> aws_sdk_cloudfront::Client {
    let http_client = aws_smithy_http_client::test_util::infallible_client_fn(move |_request| {
        http::Response::builder().status(200).header("ETag", "E1").body(body.clone()).unwrap()
    });
    let config = aws_sdk_cloudfront::Config::builder()
        .behavior_version(aws_sdk_cloudfront::config::BehaviorVersion::latest())
        .region(aws_sdk_cloudfront::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_cloudfront::config::Credentials::new("AKIDEXAMPLE", "SECRET", None, None, "bench"))
        .http_client(http_client)
        .build();
    aws_sdk_cloudfront::Client::from_conf(config)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let large = fixture("list_distributions_large.xml");
    let small = fixture("update_streaming_distribution_200.xml");

    let client = ours(large.clone());
    let ours_list = median(Duration::from_secs(5), async || {
        black_box(client.list_distributions().send().await.unwrap());
    })
    .await;
    let client = theirs(large.clone());
    let theirs_list = median(Duration::from_secs(5), async || {
        black_box(client.list_distributions().send().await.unwrap());
    })
    .await;

    let client = ours(small.clone());
    let ours_update = median(Duration::from_secs(3), async || {
        let config = cloudfront_sdk::types::StreamingDistributionConfig::builder()
            .caller_reference("r")
            .s3_origin(cloudfront_sdk::types::S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build().unwrap())
            .comment("c")
            .trusted_signers(cloudfront_sdk::types::TrustedSigners::builder().enabled(false).build().unwrap())
            .enabled(true)
            .build()
            .unwrap();
        black_box(
            client
                .update_streaming_distribution()
                .id("EGTXBD79H29TRA8")
                .if_match("E1")
                .streaming_distribution_config(config)
                .send()
                .await
                .unwrap(),
        );
    })
    .await;
    let client = theirs(small.clone());
    let theirs_update = median(Duration::from_secs(3), async || {
        use aws_sdk_cloudfront::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};
        let config = StreamingDistributionConfig::builder()
            .caller_reference("r")
            .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build().unwrap())
            .comment("c")
            .trusted_signers(TrustedSigners::builder().enabled(false).quantity(0).build().unwrap())
            .enabled(true)
            .build()
            .unwrap();
        black_box(
            client.update_streaming_distribution().id("EGTXBD79H29TRA8").if_match("E1").streaming_distribution_config(config).send().await.unwrap(),
        );
    })
    .await;

    println!("| call | cloudfront-sdk | aws-sdk-cloudfront 1.141.0 |");
    println!("|---|---|---|");
    println!("| ListDistributions, {:.1} MB response | {:.2} ms | {:.2} ms |", large.len() as f64 / 1e6, ours_list.as_secs_f64() * 1e3, theirs_list.as_secs_f64() * 1e3);
    println!("| UpdateStreamingDistribution | {:.1} µs | {:.1} µs |", ours_update.as_secs_f64() * 1e6, theirs_update.as_secs_f64() * 1e6);
}
