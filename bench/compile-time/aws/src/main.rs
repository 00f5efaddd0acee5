//! The same small program on aws-sdk-cloudfront: builds an
//! UpdateStreamingDistribution call (without sending it).

use aws_sdk_cloudfront::config::{BehaviorVersion, Region};
use aws_sdk_cloudfront::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = StreamingDistributionConfig::builder()
        .caller_reference("r")
        .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build()?)
        .comment("c")
        .trusted_signers(TrustedSigners::builder().enabled(false).quantity(0).build()?)
        .enabled(true)
        .build()?;
    let conf = aws_sdk_cloudfront::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .build();
    let client = aws_sdk_cloudfront::Client::from_conf(conf);
    let call = client.update_streaming_distribution().id("E1").if_match("x").streaming_distribution_config(config);
    println!("{:?}", call.get_id());
    Ok(())
}
