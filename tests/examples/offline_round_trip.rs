//! Builds an UpdateStreamingDistribution request and parses a response,
//! without a network: `cargo run -p integration-tests --example offline_round_trip`.

use cloudfront_sdk::operation::update_streaming_distribution::{
    UpdateStreamingDistributionError, UpdateStreamingDistributionInput, parse_response, serialize_request,
};
use cloudfront_sdk::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};
use cloudfront_sdk::{ProvideErrorMetadata, SdkError};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = StreamingDistributionConfig::builder()
        .caller_reference("media-2024-03-15")
        .s3_origin(
            S3Origin::builder()
                .domain_name("example-media-bucket.s3.amazonaws.com")
                .origin_access_identity("origin-access-identity/cloudfront/E127EXAMPLE51Z")
                .build()?,
        )
        .comment("Video & audio")
        .trusted_signers(TrustedSigners::builder().enabled(false).quantity(0).build()?)
        .enabled(true)
        .build()?;
    let input = UpdateStreamingDistributionInput::builder()
        .id("EGTXBD79H29TRA8")
        .if_match("E2QWRUHAPOMQZL")
        .streaming_distribution_config(config)
        .build()?;

    // An http::Request<Vec<u8>>, ready to sign and send.
    let request = serialize_request(&input)?;
    println!("{} {}", request.method(), request.uri());
    println!("{}", String::from_utf8_lossy(request.body()));

    // Any http::Response<impl AsRef<[u8]>> parses into the output or a typed error.
    let response = http::Response::builder()
        .status(404)
        .header("x-amz-request-id", "a1b2c3d4")
        .body(b"<ErrorResponse><Error><Code>NoSuchStreamingDistribution</Code><Message>Not found.</Message></Error></ErrorResponse>".to_vec())?;
    match parse_response(&response) {
        Ok(output) => println!("updated; new ETag {:?}", output.e_tag),
        Err(SdkError::Service(UpdateStreamingDistributionError::NoSuchStreamingDistribution(e))) => {
            println!("no such distribution: {:?} (request id {:?})", e.message(), e.request_id());
        }
        Err(other) => return Err(other.into()),
    }
    Ok(())
}
