//! A small program using the generated crate: builds an
//! UpdateStreamingDistribution request and parses a response.

use cloudfront_sdk::operation::update_streaming_distribution::{
    UpdateStreamingDistributionInput, parse_response, serialize_request,
};
use cloudfront_sdk::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = StreamingDistributionConfig::builder()
        .caller_reference("r")
        .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build()?)
        .comment("c")
        .trusted_signers(TrustedSigners::builder().enabled(false).build()?)
        .enabled(true)
        .build()?;
    let input = UpdateStreamingDistributionInput::builder()
        .id("E1")
        .if_match("x")
        .streaming_distribution_config(config)
        .build()?;
    let request = serialize_request(&input)?;
    let response = http::Response::builder().status(404).body(Vec::new())?;
    println!("{} {}: {:?}", request.method(), request.uri(), parse_response(&response).err());
    Ok(())
}
