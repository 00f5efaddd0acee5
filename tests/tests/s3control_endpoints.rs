//! S3 Control's endpoint-rule cases that name an operation
//! (`operationInputs` in `model/s3control/<api-version>/endpoint-tests-1.json`),
//! end to end (`integration_tests::endpoint_calls`): the account id placed
//! in the host by the rules (the model's `{AccountId}.` host prefix is not
//! added again), access point, bucket and Outposts ARNs, FIPS, dual-stack
//! and custom endpoints, each sent where botocore sends it and signed for
//! the expected scope, or refused with the rules' error.

use integration_tests::endpoint_calls::{Call, Outcome, Service, common_built_in, run_cases};
use integration_tests::{model_file, read_data_string};
use s3control_sdk::client::{ClientContextParams as _, Config, Credentials, ReplayClient, RetryConfig};
use serde_json::Value;

struct S3Control;

/// Sends `$operation` with `$params` through `$client`: one arm per
/// operation the cases name.
macro_rules! calls {
    ($client:ident, $operation:ident, $params:ident, $sent:ident; $($name:literal => $method:ident),* $(,)?) => {
        match $operation {
            $($name => Outcome::of($client.$method(input($params)).send().await, $sent()),)*
            other => panic!("no call for operation {other}"),
        }
    };
}

fn input<T: serde::de::DeserializeOwned>(params: Value) -> T {
    serde_json::from_value(params).unwrap_or_else(|e| panic!("input: {e}"))
}

impl Service for S3Control {
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
            let sent = || http.requests().pop();
            calls!(client, operation, params, sent;
                "CreateAccessPoint" => create_access_point_with,
                "CreateBucket" => create_bucket_with,
                "DeleteAccessPoint" => delete_access_point_with,
                "DeleteAccessPointPolicy" => delete_access_point_policy_with,
                "DeleteAccessPointScope" => delete_access_point_scope_with,
                "GetAccessPoint" => get_access_point_with,
                "GetAccessPointPolicy" => get_access_point_policy_with,
                "GetAccessPointPolicyStatus" => get_access_point_policy_status_with,
                "GetAccessPointScope" => get_access_point_scope_with,
                "GetBucket" => get_bucket_with,
                "GetBucketVersioning" => get_bucket_versioning_with,
                "ListAccessPointsForDirectoryBuckets" => list_access_points_for_directory_buckets_with,
                "ListRegionalBuckets" => list_regional_buckets_with,
                "ListTagsForResource" => list_tags_for_resource_with,
                "PutAccessPointPolicy" => put_access_point_policy_with,
                "PutAccessPointScope" => put_access_point_scope_with,
                "PutBucketVersioning" => put_bucket_versioning_with,
                "TagResource" => tag_resource_with,
                "UntagResource" => untag_resource_with,
            )
        })
    }
}

/// A client with the case's built-ins as client settings.
fn client(built_ins: &serde_json::Map<String, Value>, http: &ReplayClient) -> s3control_sdk::Client {
    let mut config = Config::builder()
        .http_client(http.clone())
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(RetryConfig::disabled());
    for (name, value) in built_ins {
        let flag = || value.as_bool().unwrap_or_else(|| panic!("{name}: {value}"));
        let (applied, common) = common_built_in(config, name, value);
        config = match name.as_str() {
            _ if common => applied,
            "AWS::S3Control::UseArnRegion" => applied.use_arn_region(flag()),
            other => panic!("no client setting for built-in {other}"),
        };
    }
    s3control_sdk::Client::new(config.build())
}

#[tokio::test]
async fn every_s3control_case_with_an_operation_sends_where_botocore_sends() {
    let text = read_data_string(&model_file("s3control", "endpoint-tests-1.json"));
    let tests: Value = serde_json::from_str(&text).unwrap();
    let counts = run_cases(&S3Control, &tests, |_, _| None, &[]).await;
    assert_eq!(
        (counts.sent, counts.refused_by_rules, counts.refused_before, counts.unsigned),
        (131, 56, 0, 0),
        "{counts:?}"
    );
}
