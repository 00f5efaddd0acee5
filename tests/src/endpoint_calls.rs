//! botocore's end-to-end endpoint-rule cases (those with `operationInputs`
//! in a service's `endpoint-tests-1.json`), as botocore's
//! `test_endpoint_rulesets.py` runs them: a client configured with the
//! case's built-ins sends the operation with the case's input, and the URL
//! it sent to must start with the expected endpoint's (with the
//! operation's host prefix, which botocore's test turns off), signed for
//! the expected region and name; or nothing is sent and the call fails
//! with the rules' error. Each service's test gives the client and the
//! calls ([`Service`]).

use std::future::Future;
use std::pin::Pin;

use restxml_runtime::client::ConfigBuilder;
use restxml_runtime::{DispatchErrorKind, SdkError};
use serde_json::Value;

/// How one call ended.
#[derive(Debug)]
pub enum Outcome {
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
    /// Anything else (a failure of the test's setup).
    Other(String),
}

impl Outcome {
    /// The outcome of a call, given the request the transport recorded.
    pub fn of<T, E: std::fmt::Debug>(result: Result<T, SdkError<E>>, sent: Option<http::Request<Vec<u8>>>) -> Outcome {
        const PREFIX: &str = "endpoint resolution failed: ";
        match result {
            Ok(_) => sent.map_or_else(|| Outcome::Other("nothing was sent".into()), Outcome::Sent),
            Err(SdkError::Dispatch(error)) => {
                let cause = std::error::Error::source(&error).map(|s| s.to_string()).unwrap_or_default();
                match error.kind() {
                    DispatchErrorKind::Endpoint => {
                        Outcome::Endpoint(cause.strip_prefix(PREFIX).unwrap_or(&cause).to_string())
                    }
                    DispatchErrorKind::Signing => {
                        Outcome::Unsigned(error.endpoint().unwrap_or_default().to_string(), error.to_string())
                    }
                    _ => Outcome::Other(error.to_string()),
                }
            }
            Err(SdkError::Build(error)) => Outcome::Build(error.to_string()),
            Err(other) => Outcome::Other(format!("{other:?}")),
        }
    }
}

/// A boxed call.
pub type Call<'a> = Pin<Box<dyn Future<Output = Outcome> + 'a>>;

/// What a service's test provides.
pub trait Service {
    /// The client of a case: its built-ins (`AWS::Region`, `SDK::Endpoint`,
    /// `AWS::S3::ForcePathStyle`, ...) as settings, sending through an
    /// in-memory transport that answers 200 and records the request.
    fn call<'a>(&'a self, built_ins: &'a serde_json::Map<String, Value>, operation: &'a str, params: Value)
    -> Call<'a>;

    /// Values of the input that the case leaves out but the operation
    /// requires (none by default): botocore would refuse such a call
    /// before resolving, ours before sending.
    fn fill_required(&self, _operation: &str, _params: &mut Value) {}
}

/// What the calls of a service's cases came to.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Sent to the expected endpoint, signed for the expected scope.
    pub sent: usize,
    /// Of those, signed with SigV4a (the runtime's `sigv4a` feature).
    pub sent_sigv4a: usize,
    /// Refused by the rules with the expected message.
    pub refused_by_rules: usize,
    /// Refused before resolving (invalid bucket names).
    pub refused_before: usize,
    /// Resolved to the expected endpoint, not signed (see [`Outcome::Unsigned`]).
    pub unsigned: usize,
}

/// Applies a built-in every service's rules have (`AWS::Region`,
/// `SDK::Endpoint`, `AWS::UseFIPS`, `AWS::UseDualStack`) to `config`, and
/// says whether `name` was one of them (else `config` comes back as it was).
pub fn common_built_in<H>(config: ConfigBuilder<H>, name: &str, value: &Value) -> (ConfigBuilder<H>, bool) {
    let flag = || value.as_bool().unwrap_or_else(|| panic!("{name}: {value}"));
    let config = match name {
        "AWS::Region" => config.region(value.as_str().expect("a region")),
        "SDK::Endpoint" => config.endpoint_url(value.as_str().expect("a URL")),
        "AWS::UseFIPS" => config.use_fips(flag()),
        "AWS::UseDualStack" => config.use_dual_stack(flag()),
        _ => return (config, false),
    };
    (config, true)
}

/// What a request was signed for: `(region, service)` from a SigV4
/// `Authorization` header's credential scope, or for SigV4a the
/// `X-Amz-Region-Set` header and the scope's service.
pub fn scope(request: &http::Request<Vec<u8>>) -> Option<(String, String)> {
    let authorization = request.headers().get("authorization")?.to_str().ok()?;
    let credential = authorization.split("Credential=").nth(1)?.split(',').next()?;
    let parts: Vec<&str> = credential.split('/').collect();
    if authorization.starts_with("AWS4-ECDSA-P256-SHA256") {
        let regions = request.headers().get("x-amz-region-set")?.to_str().ok()?;
        return Some((regions.to_string(), parts.get(2)?.to_string()));
    }
    Some((parts.get(2)?.to_string(), parts.get(3)?.to_string()))
}

/// Runs every `operationInputs` case of `tests` (a parsed
/// `endpoint-tests-1.json`) through `service`; panics listing the calls
/// that went wrong, else returns the counts. `host_prefix` gives the host
/// prefix an operation's input adds (`None`: none).
pub async fn run_cases(
    service: &impl Service,
    tests: &Value,
    host_prefix: impl Fn(&str, &Value) -> Option<String>,
    invalid_buckets: &[&str],
) -> Counts {
    let cases: Vec<&Value> =
        tests["testCases"].as_array().unwrap().iter().filter(|c| c.get("operationInputs").is_some()).collect();
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    let mut calls = 0;
    for case in &cases {
        let doc = case["documentation"].as_str().unwrap_or("");
        let expect = &case["expect"];
        for input in case["operationInputs"].as_array().unwrap() {
            calls += 1;
            let built_ins = input["builtInParams"].as_object().cloned().unwrap_or_default();
            let name = input["operationName"].as_str().unwrap();
            let mut params = input.get("operationParams").cloned().unwrap_or_else(|| serde_json::json!({}));
            service.fill_required(name, &mut params);
            let bucket = params.get("Bucket").and_then(|b| b.as_str()).map(str::to_string);
            let prefix = host_prefix(name, &params);
            let expected_url = expect["endpoint"]["url"].as_str().map(|url| match &prefix {
                Some(prefix) => url.replacen("://", &format!("://{prefix}"), 1),
                None => url.to_string(),
            });
            let result = service.call(&built_ins, name, params).await;
            let problem = match (expect.get("error").and_then(|e| e.as_str()), result) {
                (Some(message), Outcome::Endpoint(got)) if got == message => {
                    counts.refused_by_rules += 1;
                    None
                }
                // botocore refuses these bucket names before resolving
                // (`validate_bucket_name`; its end-to-end test skips them),
                // as we do.
                (_, Outcome::Build(_)) if bucket.as_deref().is_some_and(|b| invalid_buckets.contains(&b)) => {
                    counts.refused_before += 1;
                    None
                }
                // Resolved where expected; the scheme is refused by name.
                (None, Outcome::Unsigned(endpoint, message))
                    if endpoint.starts_with(expected_url.as_deref().unwrap().trim_end_matches('/'))
                        && (message.contains("`sigv4a` feature") || message.contains("\"sigv4-s3express\"")) =>
                {
                    counts.unsigned += 1;
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
                        (regions, s["signingName"].as_str().unwrap_or_default().to_string())
                    });
                    let expected_url = expected_url.as_deref().unwrap();
                    if !url.starts_with(expected_url) {
                        Some(format!("sent to {url}, expected {expected_url}"))
                    } else if want_scope.is_some() && scope(&request) != want_scope {
                        Some(format!("signed for {:?}, expected {want_scope:?}", scope(&request)))
                    } else {
                        counts.sent += 1;
                        if scheme.is_some_and(|s| s["name"] == "sigv4a") {
                            counts.sent_sigv4a += 1;
                        }
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
    assert_eq!(counts.sent + counts.refused_by_rules + counts.refused_before + counts.unsigned, calls);
    counts
}
