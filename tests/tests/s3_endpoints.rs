//! S3's endpoint-rule cases that name an operation (`operationInputs` in
//! `model/s3/<api-version>/endpoint-tests-1.json`), end to end: a client
//! configured with the case's built-ins sends the operation with the
//! case's input through an in-memory transport, and the URL it sent to
//! (bucket in the host or in the path, the model's `/{Bucket}` not sent
//! twice) and its SigV4 scope must be the ones the case expects, or the
//! call must fail before sending with the case's error. This is what
//! botocore's `test_endpoint_rulesets.py` checks for the same cases.

use integration_tests::{model_file, read_data_string};
use restxml_runtime::client::endpoint::EndpointError;
use s3_sdk::client::{ClientContextParams as _, Config, Credentials, ReplayClient, RetryConfig};
use s3_sdk::operation;

/// How one case's call ended.
enum Outcome {
    /// The request that was sent.
    Sent(http::Request<Vec<u8>>),
    /// Refused by the endpoint rules, with their message.
    Endpoint(String),
    /// Refused before the rules ran (botocore's `validate_bucket_name`).
    Build(String),
    /// Resolved to this endpoint, then refused when signing: an auth
    /// scheme the client does not sign with (SigV4a without the `sigv4a`
    /// feature, S3 Express session auth), with the message.
    Unsigned(String, String),
    /// Anything else (a failure of this test's setup).
    Other(String),
}

fn outcome<T, E: std::fmt::Debug>(result: Result<T, s3_sdk::SdkError<E>>, http: &ReplayClient) -> Outcome {
    match result {
        Ok(_) => Outcome::Sent(http.requests().pop().expect("a request was sent")),
        Err(s3_sdk::SdkError::Dispatch(error)) => {
            match std::error::Error::source(&error).and_then(|s| s.downcast_ref::<EndpointError>()) {
                Some(endpoint) => Outcome::Endpoint(endpoint.message().to_string()),
                None if error.kind() == s3_sdk::DispatchErrorKind::Signing => {
                    Outcome::Unsigned(error.endpoint().unwrap_or_default().to_string(), error.to_string())
                }
                None => Outcome::Other(error.to_string()),
            }
        }
        Err(s3_sdk::SdkError::Build(error)) => Outcome::Build(error.to_string()),
        Err(other) => Outcome::Other(format!("{other:?}")),
    }
}

/// Sends `name` with `params` (the model's member names) on `client`.
async fn call(client: &s3_sdk::Client, http: &ReplayClient, name: &str, params: serde_json::Value) -> Outcome {
    fn input<T: serde::de::DeserializeOwned>(params: serde_json::Value) -> T {
        serde_json::from_value(params).unwrap_or_else(|e| panic!("input: {e}"))
    }
    match name {
        "GetObject" => {
            outcome(client.get_object_with(input::<operation::get_object::GetObjectInput>(params)).send().await, http)
        }
        "ListBuckets" => outcome(client.list_buckets_with(input(params)).send().await, http),
        "ListDirectoryBuckets" => outcome(client.list_directory_buckets_with(input(params)).send().await, http),
        "ListObjects" => outcome(client.list_objects_with(input(params)).send().await, http),
        "CreateBucket" => outcome(client.create_bucket_with(input(params)).send().await, http),
        "WriteGetObjectResponse" => outcome(client.write_get_object_response_with(input(params)).send().await, http),
        other => panic!("no call for operation {other}"),
    }
}

/// A client with the case's built-ins (`AWS::Region`, `AWS::UseFIPS`,
/// `SDK::Endpoint`, `AWS::S3::ForcePathStyle`, ...) as client settings.
fn client(built_ins: &serde_json::Map<String, serde_json::Value>, http: &ReplayClient) -> s3_sdk::Client {
    let mut config = Config::builder()
        .http_client(http.clone())
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(RetryConfig::disabled());
    for (name, value) in built_ins {
        let flag = || value.as_bool().unwrap_or_else(|| panic!("{name}: {value}"));
        config = match name.as_str() {
            "AWS::Region" => config.region(value.as_str().expect("a region")),
            "SDK::Endpoint" => config.endpoint_url(value.as_str().expect("a URL")),
            "AWS::UseFIPS" => config.use_fips(flag()),
            "AWS::UseDualStack" => config.use_dual_stack(flag()),
            "AWS::S3::ForcePathStyle" => config.force_path_style(flag()),
            "AWS::S3::Accelerate" => config.accelerate(flag()),
            "AWS::S3::UseArnRegion" => config.use_arn_region(flag()),
            "AWS::S3::UseGlobalEndpoint" => config.use_global_endpoint(flag()),
            "AWS::S3::DisableMultiRegionAccessPoints" => config.disable_multi_region_access_points(flag()),
            other => panic!("no client setting for built-in {other}"),
        };
    }
    s3_sdk::Client::new(config.build())
}

/// What a request was signed for: `(region, service)` from a SigV4
/// `Authorization` header's credential scope, or for SigV4a (the runtime's
/// `sigv4a` feature, on in the workspace's all-features test run) the
/// `X-Amz-Region-Set` header and the scope's service.
fn scope(request: &http::Request<Vec<u8>>) -> Option<(String, String)> {
    let authorization = request.headers().get("authorization")?.to_str().ok()?;
    let credential = authorization.split("Credential=").nth(1)?.split(',').next()?;
    let parts: Vec<&str> = credential.split('/').collect();
    if authorization.starts_with("AWS4-ECDSA-P256-SHA256") {
        let regions = request.headers().get("x-amz-region-set")?.to_str().ok()?;
        return Some((regions.to_string(), parts.get(2)?.to_string()));
    }
    Some((parts.get(2)?.to_string(), parts.get(3)?.to_string()))
}

#[tokio::test]
async fn every_s3_case_with_an_operation_sends_where_botocore_sends() {
    let text = read_data_string(&model_file("s3", "endpoint-tests-1.json"));
    let tests: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases: Vec<&serde_json::Value> =
        tests["testCases"].as_array().unwrap().iter().filter(|c| c.get("operationInputs").is_some()).collect();
    assert_eq!(cases.len(), 215);
    let (mut calls, mut sent, mut refused_by_rules, mut refused_before, mut unsigned) = (0, 0, 0, 0, 0);
    // The Multi-Region Access Point is signed (SigV4a) only with the
    // runtime's `sigv4a` feature, else refused naming it.
    let mut sigv4a_sent = 0;
    let mut failures = Vec::new();
    for case in &cases {
        let doc = case["documentation"].as_str().unwrap_or("");
        let expect = &case["expect"];
        for input in case["operationInputs"].as_array().unwrap() {
            calls += 1;
            let http = ReplayClient::default();
            http.push(Ok(http::Response::builder().status(200).body(Vec::new()).unwrap()));
            let built_ins = input["builtInParams"].as_object().cloned().unwrap_or_default();
            let client = client(&built_ins, &http);
            let name = input["operationName"].as_str().unwrap();
            let params = input.get("operationParams").cloned().unwrap_or_else(|| serde_json::json!({}));
            let bucket = params.get("Bucket").and_then(|b| b.as_str()).map(str::to_string);
            // botocore's end-to-end test sends without the operation's host
            // prefix (`inject_host_prefix=False`); ours is always there:
            // WriteGetObjectResponse goes to `<RequestRoute>.<endpoint host>`.
            let host_prefix =
                params.get("RequestRoute").and_then(|r| r.as_str()).map(|r| format!("{}.", r.to_lowercase()));
            let result = call(&client, &http, name, params).await;
            let expected_url = expect["endpoint"]["url"].as_str().map(|url| match &host_prefix {
                Some(prefix) => url.replacen("://", &format!("://{prefix}"), 1),
                None => url.to_string(),
            });
            let problem = match (expect.get("error").and_then(|e| e.as_str()), result) {
                (Some(message), Outcome::Endpoint(got)) if got == message => {
                    refused_by_rules += 1;
                    None
                }
                // botocore refuses these two bucket names before resolving
                // (`validate_bucket_name`; its end-to-end test skips them),
                // as we do.
                (_, Outcome::Build(_)) if matches!(bucket.as_deref(), Some("bucket name" | "example.com#")) => {
                    refused_before += 1;
                    None
                }
                // Resolved where expected; the scheme is refused by name.
                (None, Outcome::Unsigned(endpoint, message))
                    if endpoint.starts_with(expected_url.as_deref().unwrap().trim_end_matches('/'))
                        && (message.contains("`sigv4a` feature") || message.contains("\"sigv4-s3express\"")) =>
                {
                    unsigned += 1;
                    None
                }
                (Some(message), Outcome::Endpoint(got)) => Some(format!("error {got:?}, expected {message:?}")),
                (Some(message), Outcome::Sent(request)) => {
                    Some(format!("sent to {}, expected {message:?}", request.uri()))
                }
                (None, Outcome::Sent(request)) => {
                    let want = &expect["endpoint"];
                    let url = request.uri().to_string();
                    let schemes = want["properties"]["authSchemes"].as_array().cloned().unwrap_or_default();
                    let scheme = schemes.iter().find(|s| s["name"] == "sigv4").or(schemes.first());
                    let region = built_ins.get("AWS::Region").and_then(|r| r.as_str()).unwrap_or("us-east-1");
                    let want_scope = scheme.map(|s| {
                        let regions = match s["signingRegionSet"].as_array() {
                            Some(set) => set.iter().filter_map(|r| r.as_str()).collect::<Vec<_>>().join(","),
                            None => s["signingRegion"].as_str().unwrap_or(region).to_string(),
                        };
                        (regions, s["signingName"].as_str().unwrap_or("s3").to_string())
                    });
                    if scheme.is_some_and(|s| s["name"] == "sigv4a") {
                        sigv4a_sent += 1;
                    }
                    let expected_url = expected_url.as_deref().unwrap();
                    if !url.starts_with(expected_url) {
                        Some(format!("sent to {url}, expected {expected_url}"))
                    } else if want_scope.is_some() && scope(&request) != want_scope {
                        Some(format!("signed for {:?}, expected {want_scope:?}", scope(&request)))
                    } else {
                        sent += 1;
                        None
                    }
                }
                (_, Outcome::Build(e)) => Some(format!("refused before sending: {e}")),
                (_, Outcome::Endpoint(e)) => Some(format!("endpoint error {e}")),
                (_, Outcome::Unsigned(endpoint, e)) => Some(format!("not signed for {endpoint}: {e}")),
                (_, Outcome::Other(e)) => Some(format!("failed: {e}")),
            };
            if let Some(problem) = problem {
                failures.push(format!("{doc} ({name}): {problem}"));
            }
        }
    }
    assert!(failures.is_empty(), "{} of {calls} calls fail:\n{}", failures.len(), failures.join("\n"));
    assert_eq!(sent + refused_by_rules + refused_before + unsigned, calls);
    // Exactly botocore's two invalid bucket names are refused before
    // resolving; only the S3 Express data-plane cases (29) and, without
    // the `sigv4a` feature, the one Multi-Region Access Point are left
    // unsigned.
    assert_eq!((sent - sigv4a_sent, refused_by_rules, refused_before, unsigned + sigv4a_sent), (120, 63, 2, 30));
}
