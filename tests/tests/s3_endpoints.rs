//! S3's endpoint-rule cases that name an operation (`operationInputs` in
//! `model/s3/<api-version>/endpoint-tests-1.json`), end to end
//! (`integration_tests::endpoint_calls`): a client configured with the
//! case's built-ins sends the operation with the case's input through an
//! in-memory transport, and the URL it sent to (bucket in the host or in
//! the path, the model's `/{Bucket}` not sent twice) and its SigV4 scope
//! must be the ones the case expects, or the call must fail before sending
//! with the case's error. This is what botocore's `test_endpoint_rulesets.py`
//! checks for the same cases.

use integration_tests::endpoint_calls::{Call, Outcome, Service, common_built_in, run_cases};
use integration_tests::{model_file, read_data_string};
use s3_sdk::client::{ClientContextParams as _, Config, Credentials, ReplayClient, RetryConfig};
use s3_sdk::operation;
use serde_json::Value;

struct S3;

impl Service for S3 {
    fn call<'a>(
        &'a self,
        built_ins: &'a serde_json::Map<String, Value>,
        operation: &'a str,
        params: Value,
    ) -> Call<'a> {
        Box::pin(async move {
            let http = ReplayClient::default();
            http.push(Ok(http::Response::builder().status(200).body(Vec::new()).unwrap()));
            let client = client(built_ins, &http);
            fn input<T: serde::de::DeserializeOwned>(params: Value) -> T {
                serde_json::from_value(params).unwrap_or_else(|e| panic!("input: {e}"))
            }
            let sent = || http.requests().pop();
            match operation {
                "GetObject" => {
                    let input: operation::get_object::GetObjectInput = input(params);
                    Outcome::of(client.get_object_with(input).send().await, sent())
                }
                "ListBuckets" => Outcome::of(client.list_buckets_with(input(params)).send().await, sent()),
                "ListDirectoryBuckets" => {
                    Outcome::of(client.list_directory_buckets_with(input(params)).send().await, sent())
                }
                "ListObjects" => Outcome::of(client.list_objects_with(input(params)).send().await, sent()),
                "CreateBucket" => Outcome::of(client.create_bucket_with(input(params)).send().await, sent()),
                "WriteGetObjectResponse" => {
                    Outcome::of(client.write_get_object_response_with(input(params)).send().await, sent())
                }
                other => panic!("no call for operation {other}"),
            }
        })
    }
}

/// A client with the case's built-ins as client settings.
fn client(built_ins: &serde_json::Map<String, Value>, http: &ReplayClient) -> s3_sdk::Client {
    let mut config = Config::builder()
        .http_client(http.clone())
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(RetryConfig::disabled());
    for (name, value) in built_ins {
        let flag = || value.as_bool().unwrap_or_else(|| panic!("{name}: {value}"));
        let (applied, common) = common_built_in(config, name, value);
        config = match name.as_str() {
            _ if common => applied,
            "AWS::S3::ForcePathStyle" => applied.force_path_style(flag()),
            "AWS::S3::Accelerate" => applied.accelerate(flag()),
            "AWS::S3::UseArnRegion" => applied.use_arn_region(flag()),
            "AWS::S3::UseGlobalEndpoint" => applied.use_global_endpoint(flag()),
            "AWS::S3::DisableMultiRegionAccessPoints" => applied.disable_multi_region_access_points(flag()),
            other => panic!("no client setting for built-in {other}"),
        };
    }
    s3_sdk::Client::new(config.build())
}

#[tokio::test]
async fn every_s3_case_with_an_operation_sends_where_botocore_sends() {
    let tests: Value = serde_json::from_str(&read_data_string(&model_file("s3", "endpoint-tests-1.json"))).unwrap();
    // botocore's end-to-end test sends without the operation's host prefix
    // (`inject_host_prefix=False`); ours is always there:
    // WriteGetObjectResponse goes to `<RequestRoute>.<endpoint host>`.
    let host_prefix = |_: &str, params: &Value| {
        params.get("RequestRoute").and_then(|r| r.as_str()).map(|r| format!("{}.", r.to_lowercase()))
    };
    let counts = run_cases(&S3, &tests, host_prefix, &["bucket name", "example.com#"]).await;
    // Exactly botocore's two invalid bucket names are refused before
    // resolving; only the S3 Express data-plane cases (29) and, without the
    // runtime's `sigv4a` feature, the one Multi-Region Access Point are left
    // unsigned.
    assert_eq!(
        (
            counts.sent - counts.sent_sigv4a,
            counts.refused_by_rules,
            counts.refused_before,
            counts.unsigned + counts.sent_sigv4a
        ),
        (120, 63, 2, 30)
    );
}
