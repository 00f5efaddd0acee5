//! The `serde` feature: the AWS CLI's JSON output deserializes straight
//! into output types, boto3-style parameters into input types.

use cloudfront_sdk::DateTime;
use cloudfront_sdk::operation::create_trust_store::CreateTrustStoreInput;
use cloudfront_sdk::operation::get_function::GetFunctionOutput;
use cloudfront_sdk::operation::get_streaming_distribution::GetStreamingDistributionOutput;
use cloudfront_sdk::operation::get_streaming_distribution_config::GetStreamingDistributionConfigOutput;
use cloudfront_sdk::types::{CaCertificatesBundleSource, PriceClass};
use integration_tests::without_nulls;
use serde_json::json;

#[test]
fn cli_get_streaming_distribution_config_output() {
    // `aws cloudfront get-streaming-distribution-config --id EGTXBD79H29TRA8`
    let cli = json!({
        "ETag": "E2QWRUHAPOMQZL",
        "StreamingDistributionConfig": {
            "CallerReference": "media-rtmp-2024",
            "S3Origin": {"DomainName": "example-media-bucket.s3.amazonaws.com", "OriginAccessIdentity": ""},
            "Aliases": {"Quantity": 1, "Items": ["media.example.com"]},
            "Comment": "",
            "Logging": {"Enabled": false, "Bucket": "", "Prefix": ""},
            "TrustedSigners": {"Enabled": false, "Quantity": 0},
            "PriceClass": "PriceClass_All",
            "Enabled": true
        }
    });
    let output: GetStreamingDistributionConfigOutput = serde_json::from_value(cli.clone()).unwrap();
    assert_eq!(output.e_tag.as_deref(), Some("E2QWRUHAPOMQZL"));
    let config = output.streaming_distribution_config.as_ref().unwrap();
    assert_eq!(config.aliases.as_ref().unwrap().items.as_deref(), Some(&["media.example.com".to_string()][..]));
    assert_eq!(config.price_class, Some(PriceClass::PriceClassAll));
    assert_eq!(without_nulls(serde_json::to_value(&output).unwrap()), cli, "serializes back to the same JSON");
}

#[test]
fn cli_timestamps_read_as_rfc3339() {
    let cli = json!({
        "ETag": "E1",
        "StreamingDistribution": {
            "Id": "EGTXBD79H29TRA8",
            "ARN": "arn:aws:cloudfront::123456789012:streaming-distribution/EGTXBD79H29TRA8",
            "Status": "Deployed",
            "LastModifiedTime": "2024-03-15T17:42:09.123000+00:00",
            "DomainName": "s5c39gqb8ow64r.cloudfront.net",
            "ActiveTrustedSigners": {"Enabled": false, "Quantity": 0},
            "StreamingDistributionConfig": {
                "CallerReference": "r", "S3Origin": {"DomainName": "b", "OriginAccessIdentity": ""},
                "Comment": "", "TrustedSigners": {"Enabled": false, "Quantity": 0}, "Enabled": true
            }
        }
    });
    let output: GetStreamingDistributionOutput = serde_json::from_value(cli).unwrap();
    let sd = output.streaming_distribution.unwrap();
    assert_eq!(sd.last_modified_time, Some(DateTime::from_secs_and_nanos(1_710_524_529, 123_000_000)));
    assert_eq!(serde_json::to_value(sd.last_modified_time).unwrap(), json!("2024-03-15T17:42:09.123Z"));
}

#[test]
fn blobs_are_base64() {
    let output: GetFunctionOutput =
        serde_json::from_value(json!({"FunctionCode": "ZnVuY3Rpb24gaGFuZGxlcigpIHt9", "ETag": "E1"})).unwrap();
    assert_eq!(output.function_code.unwrap().as_ref(), b"function handler() {}");
}

#[test]
fn boto3_params_with_a_union_read_into_the_input() {
    let params = json!({
        "Name": "my-store",
        "CaCertificatesBundleSource": {
            "CaCertificatesBundleS3Location": {"Bucket": "b", "Key": "bundle.pem", "Region": "us-east-1"}
        },
        "Tags": {"Items": [{"Key": "team", "Value": "media"}]}
    });
    let input: CreateTrustStoreInput = serde_json::from_value(params).unwrap();
    let CaCertificatesBundleSource::CaCertificatesBundleS3Location(location) = &input.ca_certificates_bundle_source
    else {
        panic!("{:?}", input.ca_certificates_bundle_source)
    };
    assert_eq!(
        (location.bucket.as_str(), location.key.as_str(), location.region.as_str()),
        ("b", "bundle.pem", "us-east-1")
    );
    let request = cloudfront_sdk::operation::create_trust_store::serialize_request(&input).unwrap();
    let body = String::from_utf8(request.body().clone()).unwrap();
    assert!(body.contains("<CaCertificatesBundleS3Location><Bucket>b</Bucket>"), "{body}");
}

#[test]
fn unknown_parameters_are_refused_like_botocore() {
    let err = serde_json::from_value::<CreateTrustStoreInput>(json!({
        "Name": "x",
        "CaCertificatesBundleSource": {"CaCertificatesBundleS3Location": {"Bucket": "b", "Key": "k", "Region": "r"}},
        "Nmae": "typo"
    }))
    .unwrap_err();
    assert!(err.to_string().contains("unknown field `Nmae`"), "{err}");
}
