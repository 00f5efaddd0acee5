//! Parse throughput of the generated readers on the committed benchmark
//! fixture (`tests/data/fixtures/list_distributions_large.xml`, 2.8 MB, 200
//! fully populated DistributionSummary items, made by
//! `python3 scripts/make_fixtures.py`) and on the small
//! UpdateStreamingDistribution response.
//!
//! ```sh
//! cargo run --release --manifest-path bench/parse-throughput/Cargo.toml
//! ```

use std::hint::black_box;
use std::time::{Duration, Instant};

/// A response body from the workspace's `tests/data/fixtures/`.
fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/fixtures").join(name);
    std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (recreate it with `python3 scripts/make_fixtures.py`)", path.display()))
}

/// Runs `f` for about `budget`, in batches, and returns the median time of one call.
fn measure(budget: Duration, mut f: impl FnMut()) -> Duration {
    for _ in 0..3 {
        f(); // warm up
    }
    let mut samples = Vec::new();
    let start = Instant::now();
    while start.elapsed() < budget || samples.len() < 10 {
        let t = Instant::now();
        f();
        samples.push(t.elapsed());
    }
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let large = fixture("list_distributions_large.xml");
    let response = http::Response::builder().status(200).body(large.clone()).unwrap();
    let per_call = measure(Duration::from_secs(5), || {
        let output = cloudfront_sdk::operation::list_distributions::parse_response(black_box(&response)).unwrap();
        black_box(output);
    });
    let mb = large.len() as f64 / 1e6;
    println!(
        "ListDistributions, {:.2} MB, 200 items: {:.2} ms per parse, {:.0} MB/s",
        mb,
        per_call.as_secs_f64() * 1e3,
        mb / per_call.as_secs_f64()
    );

    let small = fixture("update_streaming_distribution_200.xml");
    let response = http::Response::builder().status(200).header("ETag", "E1").body(small.clone()).unwrap();
    let per_call = measure(Duration::from_secs(3), || {
        let output = cloudfront_sdk::operation::update_streaming_distribution::parse_response(black_box(&response)).unwrap();
        black_box(output);
    });
    println!(
        "UpdateStreamingDistribution, {} bytes: {:.2} µs per parse, {:.0} MB/s",
        small.len(),
        per_call.as_secs_f64() * 1e6,
        small.len() as f64 / 1e6 / per_call.as_secs_f64()
    );
}
