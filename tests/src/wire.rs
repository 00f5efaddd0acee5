//! Wire compatibility with botocore, for any service: the cases
//! `python3 scripts/botocore_operations.py` records (for CloudFront
//! `tests/data/operations.json`, for Route 53
//! `tests/data/route53_operations.json`, for S3
//! `tests/data/s3_operations.json`) and the comparisons the tests make
//! with them — the request we build from a case's params against the one
//! botocore builds, our parse of a response against botocore's.
//!
//! Each test's table (written by `tests/build.rs` from the resolved model)
//! pairs every operation with [`check_request`] and [`to_json`] over that
//! crate's `serialize_request` and `parse_response`.

use std::collections::{BTreeMap, BTreeSet};

use restxml_runtime::{BuildError, ByteStream, ProvideErrorMetadata, SdkError};
use serde_json::Value;

/// Builds an operation's request from botocore-style params.
pub type RequestCheck = fn(Value) -> Result<http::Request<Vec<u8>>, String>;
/// Parses a response into JSON (the model's member names), or the error's
/// summary.
pub type ResponseCheck = fn(&http::Response<Vec<u8>>) -> Result<Value, ErrorSummary>;

/// Reads `params` into the input type `I` (its serde form has the model's
/// member names) and serializes the request.
pub fn check_request<I: serde::de::DeserializeOwned>(
    params: Value,
    serialize: fn(&I) -> Result<http::Request<Vec<u8>>, BuildError>,
) -> Result<http::Request<Vec<u8>>, String> {
    let input: I = serde_json::from_value(params).map_err(|e| format!("params: {e}"))?;
    serialize(&input).map_err(|e| e.to_string())
}

/// [`check_request`] for an operation whose payload is a stream (S3's
/// PutObject): the request's body, built from the params, is in memory and
/// collected whole.
pub fn check_streaming_request<I: serde::de::DeserializeOwned>(
    params: Value,
    serialize: fn(&I) -> Result<http::Request<ByteStream>, BuildError>,
) -> Result<http::Request<Vec<u8>>, String> {
    let input: I = serde_json::from_value(params).map_err(|e| format!("params: {e}"))?;
    let request = serialize(&input).map_err(|e| e.to_string())?;
    let (parts, body) = request.into_parts();
    let bytes = body.bytes().ok_or("the body is not in memory")?.to_vec();
    Ok(http::Request::from_parts(parts, bytes))
}

/// The response with its body as a `ByteStream`, as an operation whose
/// output payload is a stream (S3's GetObject) takes it.
pub fn streaming_response(response: &http::Response<Vec<u8>>) -> http::Response<ByteStream> {
    let mut builder = http::Response::builder().status(response.status());
    for (name, value) in response.headers() {
        builder = builder.header(name, value);
    }
    builder.body(ByteStream::from(response.body().clone())).unwrap()
}

/// A parse result as JSON without nulls, or the service error's summary.
///
/// # Panics
/// On an error that is not a service error (the cases hold none).
pub fn to_json<O: serde::Serialize, E: ProvideErrorMetadata + std::fmt::Debug>(
    result: Result<O, SdkError<E>>,
) -> Result<Value, ErrorSummary> {
    match result {
        Ok(output) => Ok(crate::without_nulls(serde_json::to_value(output).unwrap())),
        Err(SdkError::Service(e)) => Err(ErrorSummary {
            code: e.code().map(str::to_string),
            message: e.message().map(str::to_string),
            request_id: e.request_id().map(str::to_string),
            status: e.status(),
        }),
        Err(other) => panic!("not a service error: {other:?}"),
    }
}

/// The recorded response as an `http::Response`.
pub fn http_response(raw: &RawResponse) -> http::Response<Vec<u8>> {
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

/// One service's recorded cases.
#[derive(Debug)]
pub struct OperationCases {
    pub botocore_version: String,
    pub requests: Vec<RequestCase>,
    pub responses: Vec<ResponseCase>,
}

/// Params, and the request botocore built from them.
#[derive(Debug)]
pub struct RequestCase {
    pub operation: String,
    pub name: String,
    pub params: Value,
    pub expected: ExpectedRequest,
    /// Headers of botocore's request that are issue 18's (checksums,
    /// Content-MD5, SSE-C key MD5s), with botocore's values: those its
    /// client adds after `before-call` (not in `expected`) and SSE-C key
    /// headers it rewrote (in `expected`). Empty for most cases.
    pub issue_18: BTreeMap<String, String>,
}

/// A request as botocore's serializer returns it: the path as botocore
/// keeps it (with any constant query of the model's `requestUri`), the
/// query pairs unencoded.
#[derive(Debug)]
pub struct ExpectedRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: BTreeMap<String, String>,
    pub body: String,
}

/// A response, and what botocore parsed from it.
#[derive(Debug)]
pub struct ResponseCase {
    pub operation: String,
    pub name: String,
    pub response: RawResponse,
    pub expected: ExpectedResponse,
    /// The status botocore reported for an error when it is not the
    /// response's (S3: a `200 OK` holding an `<Error>` document is a 500).
    pub error_status: Option<u16>,
    /// For a listing whose keys botocore asks for URL-encoded (S3's
    /// ListObjects*): whether botocore set `EncodingType` itself on the
    /// request this answers, and so decodes the keys. `None` for others.
    pub encoding_type_auto_set: Option<bool>,
}

/// An HTTP response; a body that is not UTF-8 is in `body_base64`.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    pub headers: BTreeMap<String, String>,
    pub body: String,
    pub body_base64: Option<String>,
}

/// botocore's parse: the output (normalized JSON) or the error.
#[derive(Debug, PartialEq)]
pub enum ExpectedResponse {
    Output(Value),
    Error { code: String, message: String, request_id: Option<String> },
}

impl OperationCases {
    /// Reads a committed file of cases (a path from the workspace root)
    /// and checks it was recorded from botocore 1.43.11.
    pub fn load(relative: &str) -> Self {
        let text = crate::read_data_string(relative);
        let root: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{relative}: {e}"));
        let what = |i: usize, kind: &str| format!("{relative}: {kind}[{i}]");
        let cases = OperationCases {
            botocore_version: string(&root, "botocore_version", relative),
            requests: array(&root, "requests", relative)
                .iter()
                .enumerate()
                .map(|(i, case)| request_case(case, &what(i, "requests")))
                .collect(),
            responses: array(&root, "responses", relative)
                .iter()
                .enumerate()
                .map(|(i, case)| response_case(case, &what(i, "responses")))
                .collect(),
        };
        assert_eq!(cases.botocore_version, "1.43.11", "{relative}");
        cases
    }
}

fn field<'a>(value: &'a Value, key: &str, what: &str) -> &'a Value {
    value.get(key).unwrap_or_else(|| panic!("{what}: no {key:?}"))
}

fn string(value: &Value, key: &str, what: &str) -> String {
    field(value, key, what).as_str().unwrap_or_else(|| panic!("{what}: {key:?} is not a string")).to_string()
}

fn array<'a>(value: &'a Value, key: &str, what: &str) -> &'a Vec<Value> {
    field(value, key, what).as_array().unwrap_or_else(|| panic!("{what}: {key:?} is not an array"))
}

fn string_map(value: &Value, key: &str, what: &str) -> BTreeMap<String, String> {
    let map = field(value, key, what).as_object().unwrap_or_else(|| panic!("{what}: {key:?} is not an object"));
    map.iter()
        .map(|(k, v)| {
            let v = v.as_str().unwrap_or_else(|| panic!("{what}: {key:?}.{k:?} is not a string"));
            (k.clone(), v.to_string())
        })
        .collect()
}

fn request_case(case: &Value, what: &str) -> RequestCase {
    let expected = field(case, "expected", what);
    let query = array(expected, "query", what)
        .iter()
        .map(|pair| match pair.as_array().map(Vec::as_slice) {
            Some([Value::String(k), Value::String(v)]) => (k.clone(), v.clone()),
            _ => panic!("{what}: a query pair is not [name, value]"),
        })
        .collect();
    RequestCase {
        issue_18: if case.get("issue_18").is_some() { string_map(case, "issue_18", what) } else { BTreeMap::new() },
        operation: string(case, "operation", what),
        name: string(case, "name", what),
        params: field(case, "params", what).clone(),
        expected: ExpectedRequest {
            method: string(expected, "method", what),
            path: string(expected, "path", what),
            query,
            headers: string_map(expected, "headers", what),
            body: string(expected, "body", what),
        },
    }
}

fn response_case(case: &Value, what: &str) -> ResponseCase {
    let response = field(case, "response", what);
    let expected = field(case, "expected", what);
    let error_status = expected
        .get("error")
        .and_then(|e| e.get("status"))
        .map(|s| s.as_u64().and_then(|s| u16::try_from(s).ok()).expect("error status"));
    let expected = match (expected.get("output"), expected.get("error")) {
        (Some(output), None) => ExpectedResponse::Output(output.clone()),
        (None, Some(error)) => ExpectedResponse::Error {
            code: string(error, "code", what),
            message: string(error, "message", what),
            request_id: field(error, "request_id", what).as_str().map(str::to_string),
        },
        _ => panic!("{what}: expected is neither an output nor an error"),
    };
    ResponseCase {
        operation: string(case, "operation", what),
        name: string(case, "name", what),
        response: RawResponse {
            status: field(response, "status", what).as_u64().and_then(|s| u16::try_from(s).ok()).expect("status"),
            headers: string_map(response, "headers", what),
            body: string(response, "body", what),
            body_base64: field(response, "body_base64", what).as_str().map(str::to_string),
        },
        expected,
        error_status,
        encoding_type_auto_set: case.get("encoding_type_auto_set").map(|v| v.as_bool().expect("a boolean")),
    }
}

/// A request we built, reduced to what is compared with botocore's.
#[derive(Debug)]
pub struct WireRequest {
    pub method: String,
    /// Path and percent-encoded query.
    pub uri: String,
    pub headers: Vec<(String, Vec<u8>)>,
    pub body: Vec<u8>,
}

impl WireRequest {
    /// A request our generated code built.
    pub fn from_http(request: &http::Request<Vec<u8>>) -> Self {
        let headers = request.headers().iter().map(|(k, v)| (k.as_str(), v.as_bytes()));
        WireRequest::new(request.method().as_str(), request.uri().to_string(), headers, request.body())
    }

    pub fn new<'a>(
        method: &str,
        uri: String,
        headers: impl IntoIterator<Item = (&'a str, &'a [u8])>,
        body: &[u8],
    ) -> Self {
        let headers = headers.into_iter().map(|(k, v)| (k.to_string(), v.to_vec())).collect();
        WireRequest { method: method.to_string(), uri, headers, body: body.to_vec() }
    }

    /// How this differs from the request botocore built (empty if in
    /// nothing): method, path, query pairs (in any order), each header
    /// botocore sends and no other but `content-type` and
    /// `content-length`, and the body compared as XML.
    pub fn differences(&self, expected: &ExpectedRequest) -> Vec<String> {
        // botocore keeps the model's constant query (`?WithTags`) in the path.
        let (expected_path, mut expected_query) = split_uri(&expected.path);
        expected_query.extend(expected.query.iter().cloned());
        expected_query.sort();
        let (path, query) = split_uri(&self.uri);
        let mut problems = Vec::new();
        if self.method != expected.method {
            problems.push(format!("method {} != {}", self.method, expected.method));
        }
        if path != expected_path {
            problems.push(format!("path {path} != {expected_path}"));
        }
        if query != expected_query {
            problems.push(format!("query {query:?} != {expected_query:?}"));
        }
        for (name, value) in &expected.headers {
            match self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)) {
                Some((_, ours)) if ours == value.as_bytes() => {}
                ours => problems
                    .push(format!("header {name}: {:?} != {value:?}", ours.map(|(_, v)| String::from_utf8_lossy(v)))),
            }
        }
        for (name, _) in &self.headers {
            let known = expected.headers.keys().any(|h| h.eq_ignore_ascii_case(name));
            let ignored = name.eq_ignore_ascii_case("content-type") || name.eq_ignore_ascii_case("content-length");
            if !known && !ignored {
                problems.push(format!("extra header {name}"));
            }
        }
        let body = std::str::from_utf8(&self.body).unwrap();
        // A body that is not XML (S3's object bodies, PutBucketPolicy's
        // JSON) is compared as it is.
        let xml = expected.body.trim_start().starts_with('<');
        if expected.body.is_empty() || body.is_empty() || body == expected.body || !xml {
            if expected.body != body {
                problems.push(format!("body {body:?} != {:?}", expected.body));
            }
        } else if let Err(panic) = std::panic::catch_unwind(|| crate::assert_xml_eq(body, &expected.body)) {
            problems.push(format!("body: {}", panic.downcast_ref::<String>().cloned().unwrap_or_default()));
        }
        problems
    }
}

/// Builds every case's request with `build` and panics listing each one
/// that differs from botocore's (or that `build` refused); returns the
/// operations checked.
pub fn check_requests(
    cases: &[RequestCase],
    build: impl Fn(&RequestCase) -> Result<WireRequest, String>,
) -> BTreeSet<String> {
    let mut failures = Vec::new();
    let mut operations = BTreeSet::new();
    for case in cases {
        match build(case) {
            Err(e) => failures.push(format!("{}: refused: {e}", case.name)),
            Ok(request) => {
                let problems = request.differences(&case.expected);
                if problems.is_empty() {
                    operations.insert(case.operation.clone());
                } else {
                    failures.push(format!("{}: {}", case.name, problems.join("; ")));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
    operations
}

/// What an error response came to, as the tests compare it.
#[derive(Debug, PartialEq)]
pub struct ErrorSummary {
    pub code: Option<String>,
    pub message: Option<String>,
    pub request_id: Option<String>,
    pub status: u16,
}

/// Parses every case's response with `parse` (our output as JSON without
/// nulls, or our error) and panics listing each one that differs from
/// botocore's parse; returns the operations checked.
///
/// `empty_payload_cases` are 200 responses with an empty body: botocore
/// reads an empty body as an empty structure or empty bytes; we report the
/// payload as absent, as the rest-xml protocol suite asks
/// (`HttpPayloadTraitsWithNoBlobBody`), and since a structure's required
/// members are not there.
pub fn check_responses(
    cases: &[ResponseCase],
    empty_payload_cases: &[&str],
    parse: impl Fn(&ResponseCase) -> Result<Value, ErrorSummary>,
) -> BTreeSet<String> {
    compare_responses(cases, empty_payload_cases, false, parse)
}

/// [`check_responses`] for a service whose crate, as botocore, makes an
/// error's status its code and the reason phrase its message when the
/// response holds no error document (S3: every HEAD error).
pub fn check_responses_status_as_code(
    cases: &[ResponseCase],
    parse: impl Fn(&ResponseCase) -> Result<Value, ErrorSummary>,
) -> BTreeSet<String> {
    compare_responses(cases, &[], true, parse)
}

fn compare_responses(
    cases: &[ResponseCase],
    empty_payload_cases: &[&str],
    status_as_code: bool,
    parse: impl Fn(&ResponseCase) -> Result<Value, ErrorSummary>,
) -> BTreeSet<String> {
    let mut failures = Vec::new();
    let mut operations = BTreeSet::new();
    for case in cases {
        let problem = match (&case.expected, parse(case)) {
            (ExpectedResponse::Output(expected), Ok(ours)) => {
                // An operation without output gives `()`; botocore gives `{}`.
                let ours = if ours.is_null() { Value::Object(Default::default()) } else { ours };
                // botocore's `None` (S3's GetBucketLocation for us-east-1)
                // is a member we leave out.
                let expected = crate::without_nulls(expected.clone());
                let expected = match empty_payload_cases.contains(&case.name.as_str()) {
                    true => without_empty_payload(&expected),
                    false => expected,
                };
                (!same_json(&ours, &expected)).then(|| format!("output\n  ours:     {ours}\n  botocore: {expected}"))
            }
            (ExpectedResponse::Error { code, message, request_id }, Err(ours)) => {
                // Without an error document botocore makes the status its
                // code and the reason phrase its message; we report no code
                // (but where `status_as_code`: S3's crate does as botocore).
                let status_only = !status_as_code && code.chars().all(|c| c.is_ascii_digit());
                let expected = ErrorSummary {
                    code: (!status_only).then(|| code.clone()),
                    message: (!status_only).then(|| message.clone()),
                    // botocore reads only `x-amz-request-id`; we also read
                    // `x-amzn-RequestId`, which CloudFront and Route 53 send.
                    request_id: request_id.clone().filter(|id| !id.is_empty()).or_else(|| {
                        case.response
                            .headers
                            .iter()
                            .find(|(k, _)| k.eq_ignore_ascii_case("x-amzn-requestid"))
                            .map(|(_, v)| v.clone())
                    }),
                    status: case.error_status.unwrap_or(case.response.status),
                };
                (ours != expected).then(|| format!("error {ours:?} != {expected:?}"))
            }
            (expected, ours) => Some(format!(
                "expected {}, got {ours:?}",
                if matches!(expected, ExpectedResponse::Output(_)) { "output" } else { "error" }
            )),
        };
        match problem {
            Some(problem) => failures.push(format!("{} ({}): {problem}", case.name, case.operation)),
            None => {
                operations.insert(case.operation.clone());
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
    operations
}

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
pub fn same_json(a: &Value, b: &Value) -> bool {
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
pub fn split_uri(uri: &str) -> (String, Vec<(String, String)>) {
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
