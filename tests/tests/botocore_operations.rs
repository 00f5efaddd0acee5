//! Every CloudFront operation against botocore 1.43.11: requests built from
//! the same parameters match what botocore serializes, and responses parse
//! into what botocore parses. Expectations come from
//! `python3 scripts/botocore_operations.py` (committed in `tests/data/`);
//! the comparisons are `integration_tests::wire`'s.

use cloudfront_sdk::{BuildError, ProvideErrorMetadata, SdkError};
use integration_tests::wire::{self, ErrorSummary, OperationCases, RawResponse, WireRequest};
use integration_tests::without_nulls;
use serde_json::Value;

type RequestCheck = fn(Value) -> Result<http::Request<Vec<u8>>, String>;
type ResponseCheck = fn(&http::Response<Vec<u8>>) -> Result<Value, ErrorSummary>;

include!(concat!(env!("OUT_DIR"), "/operations.rs"));

fn check_request<I: serde::de::DeserializeOwned>(
    params: Value,
    serialize: fn(&I) -> Result<http::Request<Vec<u8>>, BuildError>,
) -> Result<http::Request<Vec<u8>>, String> {
    let input: I = serde_json::from_value(params).map_err(|e| format!("params: {e}"))?;
    serialize(&input).map_err(|e| e.to_string())
}

fn to_json<O: serde::Serialize, E: ProvideErrorMetadata + std::fmt::Debug>(
    result: Result<O, SdkError<E>>,
) -> Result<Value, ErrorSummary> {
    match result {
        Ok(output) => Ok(without_nulls(serde_json::to_value(output).unwrap())),
        Err(SdkError::Service(e)) => Err(ErrorSummary {
            code: e.code().map(str::to_string),
            message: e.message().map(str::to_string),
            request_id: e.request_id().map(str::to_string),
            status: e.status(),
        }),
        Err(other) => panic!("not a service error: {other:?}"),
    }
}

/// Cases with a 200 response and an empty body (see
/// [`wire::check_responses`]).
const EMPTY_PAYLOAD_CASES: [&str; 3] =
    ["get_distribution_empty_body", "get_function_raw_payload_empty", "get_connection_function_raw_payload_empty"];

fn data() -> OperationCases {
    OperationCases::load("tests/data/operations.json")
}

fn operation(name: &str) -> &'static (&'static str, RequestCheck, ResponseCheck) {
    OPERATIONS.iter().find(|(op, _, _)| *op == name).unwrap_or_else(|| panic!("no operation {name}"))
}

fn http_response(raw: &RawResponse) -> http::Response<Vec<u8>> {
    use base64::Engine as _;
    let body = match &raw.body_base64 {
        Some(b64) => base64::engine::general_purpose::STANDARD.decode(b64).unwrap(),
        None => raw.body.clone().into_bytes(),
    };
    let mut builder = http::Response::builder().status(raw.status);
    for (name, value) in &raw.headers {
        builder = builder.header(name.as_str(), value.as_str());
    }
    builder.body(body).unwrap()
}

#[test]
fn requests_match_botocore_for_every_operation() {
    let data = data();
    let operations = wire::check_requests(&data.requests, |case| {
        let (_, request_check, _) = operation(&case.operation);
        let request = request_check(case.params.clone())?;
        let headers = request.headers().iter().map(|(k, v)| (k.as_str(), v.as_bytes()));
        Ok(WireRequest::new(request.method().as_str(), request.uri().to_string(), headers, request.body()))
    });
    assert!(operations.len() >= 30, "only {} operations", operations.len());
}

#[test]
fn responses_match_botocore_for_every_operation() {
    let data = data();
    wire::check_responses(&data.responses, &EMPTY_PAYLOAD_CASES, |case| {
        let (_, _, response_check) = operation(&case.operation);
        response_check(&http_response(&case.response))
    });
}
