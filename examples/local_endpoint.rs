//! Calls a local CloudFront emulator (moto's server) instead of AWS:
//!
//! ```sh
//! python3 -m pip install 'moto[server]==5.2.1' && moto_server -p 5000 &
//! cargo run -p cloudfront-examples --example local_endpoint -- http://127.0.0.1:5000
//! ```

use cloudfront_sdk::client::{Client, Config, Credentials};
use cloudfront_sdk::types::{
    DefaultCacheBehavior, DistributionConfig, Origin, Origins, S3OriginConfig, ViewerProtocolPolicy,
};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let endpoint = std::env::args().nth(1).unwrap_or_else(|| "http://127.0.0.1:5000".to_string());
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials(Credentials::new("testing", "testing", None))
            .build(),
    );
    let origin = Origin::builder()
        .id("origin-1")
        .domain_name("example-bucket.s3.amazonaws.com")
        .s3_origin_config(S3OriginConfig::builder().origin_access_identity("").build()?)
        .build()?;
    let config = DistributionConfig::builder()
        .caller_reference(format!("example-{}", std::process::id()))
        .origins(Origins::from(vec![origin]))
        .default_cache_behavior(
            DefaultCacheBehavior::builder()
                .target_origin_id("origin-1")
                .viewer_protocol_policy(ViewerProtocolPolicy::AllowAll)
                .cache_policy_id("658327ea-f89d-4fab-a63d-7e88639e58f6")
                .build()?,
        )
        .comment("created by the local_endpoint example")
        .enabled(true)
        .build()?;
    let created = client.create_distribution().distribution_config(config).send().await?;
    println!("created {:?} at {:?}", created.distribution.map(|d| d.id), created.location);
    let all = client.list_distributions().into_paginator().items().collect_items().await?;
    for summary in all {
        println!("{} {} {}", summary.id, summary.status, summary.domain_name);
    }
    Ok(())
}
