//! Every CloudFront operation against botocore 1.43.11: requests built from
//! the same parameters match what botocore serializes, and responses parse
//! into what botocore parses. Expectations come from
//! `python3 scripts/botocore_operations.py` (committed in `tests/data/`).

use std::collections::BTreeMap;

use cloudfront_sdk::{BuildError, ProvideErrorMetadata, SdkError};
use integration_tests::{assert_xml_eq, without_nulls, workspace_root};
use serde::Deserialize;
use serde_json::Value;

type RequestCheck = fn(Value) -> Result<http::Request<Vec<u8>>, String>;
type ResponseCheck = fn(&http::Response<Vec<u8>>) -> Result<Value, ErrorSummary>;

include!(concat!(env!("OUT_DIR"), "/operations.rs"));

/// What an error response came to.
#[derive(Debug, PartialEq)]
struct ErrorSummary {
    code: Option<String>,
    message: Option<String>,
    request_id: Option<String>,
    status: u16,
}

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

/// Cases with a 200 response and an empty body. botocore reads an empty
/// body as an empty structure or empty bytes; we report the payload as
/// absent, as the rest-xml protocol suite asks
/// (`HttpPayloadTraitsWithNoBlobBody`), and since a structure's required
/// members are not there.
const EMPTY_PAYLOAD_CASES: [&str; 3] =
    ["get_distribution_empty_body", "get_function_raw_payload_empty", "get_connection_function_raw_payload_empty"];

fn without_empty_payload(value: &Value) -> Value {
    let empty = |v: &Value| v.as_object().is_some_and(|o| o.is_empty()) || v.as_str() == Some("");
    match value {
        Value::Object(map) => {
            Value::Object(map.iter().filter(|(_, v)| !empty(v)).map(|(k, v)| (k.clone(), v.clone())).collect())
        }
        other => other.clone(),
    }
}

/// JSON equality with floats compared as `f32` (botocore's floats are
/// Python doubles; a `float` member is an `f32` here).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) if x.is_f64() || y.is_f64() => {
            let (x, y) = (x.as_f64().unwrap(), y.as_f64().unwrap());
            x == y || (x as f32) == (y as f32)
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same_json(v, w)),
        _ => a == b,
    }
}

#[derive(Deserialize)]
struct Data {
    botocore_version: String,
    requests: Vec<RequestCase>,
    responses: Vec<ResponseCase>,
}

#[derive(Deserialize)]
struct RequestCase {
    operation: String,
    name: String,
    params: Value,
    expected: ExpectedRequest,
}

#[derive(Deserialize)]
struct ExpectedRequest {
    method: String,
    path: String,
    query: Vec<(String, String)>,
    headers: BTreeMap<String, String>,
    body: String,
}

#[derive(Deserialize)]
struct ResponseCase {
    operation: String,
    name: String,
    response: RawResponse,
    expected: ExpectedResponse,
}

#[derive(Deserialize)]
struct RawResponse {
    status: u16,
    headers: BTreeMap<String, String>,
    body: String,
    body_base64: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "lowercase")]
enum ExpectedResponse {
    Output(Value),
    Error { code: String, message: String, request_id: Option<String> },
}

fn data() -> Data {
    let path = workspace_root().join("tests/data/operations.json");
    let data: Data = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(data.botocore_version, "1.43.11");
    data
}

fn operation(name: &str) -> &'static (&'static str, RequestCheck, ResponseCheck) {
    OPERATIONS.iter().find(|(op, _, _)| *op == name).unwrap_or_else(|| panic!("no operation {name}"))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap()
}

/// `(path, sorted query pairs)` of a URI whose query is percent-encoded.
fn split_uri(uri: &str) -> (String, Vec<(String, String)>) {
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect();
    pairs.sort();
    (path.to_string(), pairs)
}

#[test]
fn requests_match_botocore_for_every_operation() {
    let data = data();
    let mut failures = Vec::new();
    let mut operations = std::collections::BTreeSet::new();
    for case in &data.requests {
        let (_, request_check, _) = operation(&case.operation);
        let request = match request_check(case.params.clone()) {
            Ok(request) => request,
            Err(e) => {
                failures.push(format!("{}: refused: {e}", case.name));
                continue;
            }
        };
        let expected = &case.expected;
        // botocore keeps the model's constant query (`?WithTags`) in the path.
        let (expected_path, mut expected_query) = split_uri(&expected.path);
        expected_query.extend(expected.query.iter().cloned());
        expected_query.sort();
        let (path, query) = split_uri(&request.uri().to_string());
        let mut problems = Vec::new();
        if request.method().as_str() != expected.method {
            problems.push(format!("method {} != {}", request.method(), expected.method));
        }
        if path != expected_path {
            problems.push(format!("path {path} != {expected_path}"));
        }
        if query != expected_query {
            problems.push(format!("query {query:?} != {expected_query:?}"));
        }
        for (name, value) in &expected.headers {
            match request.headers().get(name.as_str()) {
                Some(ours) if ours.as_bytes() == value.as_bytes() => {}
                ours => problems.push(format!("header {name}: {ours:?} != {value:?}")),
            }
        }
        for name in request.headers().keys() {
            let known = expected.headers.keys().any(|h| h.eq_ignore_ascii_case(name.as_str()));
            if !known && name != "content-type" && name != "content-length" {
                problems.push(format!("extra header {name}"));
            }
        }
        let body = std::str::from_utf8(request.body()).unwrap();
        if expected.body.is_empty() || body.is_empty() {
            if expected.body != body {
                problems.push(format!("body {body:?} != {:?}", expected.body));
            }
        } else if let Err(panic) = std::panic::catch_unwind(|| assert_xml_eq(body, &expected.body)) {
            problems.push(format!("body: {}", panic.downcast_ref::<String>().cloned().unwrap_or_default()));
        }
        if problems.is_empty() {
            operations.insert(case.operation.clone());
        } else {
            failures.push(format!("{}: {}", case.name, problems.join("; ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        data.requests.len(),
        failures.join("\n")
    );
    assert!(operations.len() >= 30, "only {} operations", operations.len());
}

#[test]
fn responses_match_botocore_for_every_operation() {
    use base64::Engine as _;
    let data = data();
    let mut failures = Vec::new();
    for case in &data.responses {
        let (_, _, response_check) = operation(&case.operation);
        let body = match &case.response.body_base64 {
            Some(b64) => base64::engine::general_purpose::STANDARD.decode(b64).unwrap(),
            None => case.response.body.clone().into_bytes(),
        };
        let mut builder = http::Response::builder().status(case.response.status);
        for (name, value) in &case.response.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        let response = builder.body(body).unwrap();
        let problem = match (&case.expected, response_check(&response)) {
            (ExpectedResponse::Output(expected), Ok(ours)) => {
                // An operation without output gives `()`; botocore gives `{}`.
                let ours = if ours.is_null() { Value::Object(Default::default()) } else { ours };
                let expected = match EMPTY_PAYLOAD_CASES.contains(&case.name.as_str()) {
                    true => without_empty_payload(expected),
                    false => expected.clone(),
                };
                (!same_json(&ours, &expected)).then(|| format!("output\n  ours:     {ours}\n  botocore: {expected}"))
            }
            (ExpectedResponse::Error { code, message, request_id }, Err(ours)) => {
                // Without an error document botocore makes the status its
                // code and the reason phrase its message; we report no code.
                let status_only = code.chars().all(|c| c.is_ascii_digit());
                let expected = ErrorSummary {
                    code: (!status_only).then(|| code.clone()),
                    message: (!status_only).then(|| message.clone()),
                    // botocore reads only `x-amz-request-id`; we also read
                    // `x-amzn-RequestId`, which CloudFront sends.
                    request_id: request_id.clone().filter(|id| !id.is_empty()).or_else(|| {
                        case.response
                            .headers
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case("x-amzn-requestid"))
                            .map(|(_, v)| v.clone())
                    }),
                    status: case.response.status,
                };
                (ours != expected).then(|| format!("error {ours:?} != {expected:?}"))
            }
            (expected, ours) => Some(format!(
                "expected {}, got {ours:?}",
                if matches!(expected, ExpectedResponse::Output(_)) { "output" } else { "error" }
            )),
        };
        if let Some(problem) = problem {
            failures.push(format!("{} ({}): {problem}", case.name, case.operation));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        data.responses.len(),
        failures.join("\n")
    );
}
