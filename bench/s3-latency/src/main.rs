//! Whole-call latency of S3 calls without a network, side by side: s3-sdk
//! and aws-sdk-s3, each given an in-memory HTTP client that answers every
//! request with the same canned response. A call is: build the request,
//! resolve the endpoint (S3's rules, per request), sign, "send", read the
//! response (GetObject's 1 MiB body collected).
//!
//! aws-sdk-s3 is set to compute and validate checksums only when required
//! (`RequestChecksumCalculation::WhenRequired`,
//! `ResponseChecksumValidation::WhenRequired`): s3-sdk has no flexible
//! checksums yet, so both do the same work.
//!
//! ```sh
//! cargo run --release --manifest-path bench/s3-latency/Cargo.toml
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

use restxml_runtime::client::credentials::BoxFuture;
use restxml_runtime::client::transport::{HttpClient, TransportError};

/// Answers every request with one canned response.
#[derive(Debug, Clone)]
struct Canned(http::Response<Vec<u8>>);

impl HttpClient for Canned {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
        _max: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
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

fn response(body: Vec<u8>, headers: &[(&str, &str)]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(200).header("x-amz-request-id", "R1");
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.header("Content-Length", body.len().to_string()).body(body).unwrap()
}

fn ours(response: http::Response<Vec<u8>>) -> s3_sdk::client::Client {
    s3_sdk::client::Client::new(
        s3_sdk::client::Config::builder()
            .region("us-west-2")
            .credentials(s3_sdk::client::Credentials::new("AKIDEXAMPLE", "SECRET", None))
            .http_client(Canned(response))
            .build(),
    )
}

fn theirs(response: http::Response<Vec<u8>>) -> aws_sdk_s3::Client {
    let http_client = aws_smithy_http_client::test_util::infallible_client_fn(move |_request| response.clone());
    let config = aws_sdk_s3::Config::builder()
        .behavior_version(aws_sdk_s3::config::BehaviorVersion::latest())
        .region(aws_sdk_s3::config::Region::new("us-west-2"))
        .credentials_provider(aws_sdk_s3::config::Credentials::new("AKIDEXAMPLE", "SECRET", None, None, "bench"))
        .request_checksum_calculation(aws_sdk_s3::config::RequestChecksumCalculation::WhenRequired)
        .response_checksum_validation(aws_sdk_s3::config::ResponseChecksumValidation::WhenRequired)
        .http_client(http_client)
        .build();
    aws_sdk_s3::Client::from_conf(config)
}

/// A ListObjectsV2 page of `count` keys.
fn listing(count: usize) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">\
         <Name>bench-bucket</Name><Prefix></Prefix><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>",
    );
    xml.push_str(&format!("<KeyCount>{count}</KeyCount>"));
    for i in 0..count {
        xml.push_str(&format!(
            "<Contents><Key>photos/2026/11/{i:06}.jpg</Key><LastModified>2026-11-30T12:00:00.000Z</LastModified>\
             <ETag>&quot;d41d8cd98f00b204e9800998ecf8427e{i:04}&quot;</ETag><Size>{}</Size>\
             <StorageClass>STANDARD</StorageClass></Contents>",
            1000 + i
        ));
    }
    xml.push_str("</ListBucketResult>");
    xml.into_bytes()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let put = response(Vec::new(), &[("ETag", "\"e1\"")]);
    let object: Vec<u8> = (0..1 << 20).map(|i| (i % 251) as u8).collect();
    let get = response(object.clone(), &[("ETag", "\"e2\""), ("Content-Type", "application/octet-stream")]);
    let list = response(listing(1000), &[("Content-Type", "application/xml")]);
    let payload = vec![7u8; 1024];

    let client = ours(put.clone());
    let ours_put = median(Duration::from_secs(3), async || {
        black_box(client.put_object().bucket("bench-bucket").key("k/1.bin").body(payload.clone()).send().await.unwrap());
    })
    .await;
    let client = theirs(put.clone());
    let theirs_put = median(Duration::from_secs(3), async || {
        let body = aws_sdk_s3::primitives::ByteStream::from(payload.clone());
        black_box(client.put_object().bucket("bench-bucket").key("k/1.bin").body(body).send().await.unwrap());
    })
    .await;

    let client = ours(get.clone());
    let ours_get = median(Duration::from_secs(3), async || {
        let output = client.get_object().bucket("bench-bucket").key("k/1.bin").send().await.unwrap();
        black_box(output.body.unwrap().collect().await.unwrap());
    })
    .await;
    let client = theirs(get.clone());
    let theirs_get = median(Duration::from_secs(3), async || {
        let output = client.get_object().bucket("bench-bucket").key("k/1.bin").send().await.unwrap();
        black_box(output.body.collect().await.unwrap().into_bytes());
    })
    .await;

    let client = ours(list.clone());
    let ours_list = median(Duration::from_secs(3), async || {
        let output = client.list_objects_v2().bucket("bench-bucket").send().await.unwrap();
        assert_eq!(output.contents.as_ref().map(Vec::len), Some(1000));
        black_box(output);
    })
    .await;
    let client = theirs(list.clone());
    let theirs_list = median(Duration::from_secs(3), async || {
        let output = client.list_objects_v2().bucket("bench-bucket").send().await.unwrap();
        assert_eq!(output.contents.as_ref().map(Vec::len), Some(1000));
        black_box(output);
    })
    .await;

    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!("| call (median) | s3-sdk | aws-sdk-s3 1.157.0 | ratio |");
    println!("|---|---:|---:|---:|");
    for (name, ours, theirs) in [
        ("PutObject, 1 KiB body", ours_put, theirs_put),
        ("GetObject, 1 MiB body collected", ours_get, theirs_get),
        ("ListObjectsV2, 1,000 keys", ours_list, theirs_list),
    ] {
        println!("| {name} | {:.1} µs | {:.1} µs | {:.2} |", us(ours), us(theirs), us(ours) / us(theirs));
    }
}
