//! The AWS rest-xml protocol compliance suites, every case a named test,
//! and in the same way the fidelity suites (`tests/data/fidelity/`: small
//! models of our own that use what CloudFront does not, with botocore
//! 1.43.11's requests and parses recorded by
//! `python3 scripts/botocore_fidelity.py`), named `fidelity-input/<id>`
//! and `fidelity-output/<id>`.
//!
//! `build.rs` feeds each case's own model to the generator and writes the
//! code plus one check function per case. Cases listed in
//! `tests/protocol-known-failures.txt` must fail (with the reason given
//! there); one that starts passing fails the run, so the list only shrinks.
//! The run ends with one `N passed, N failed` line per suite file.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use integration_tests::{parse_xml, workspace_root};
use libtest_mimic::{Arguments, Failed, Trial};
use restxml_runtime::ProvideErrorMetadata;
use serde_json::Value;

struct Case {
    /// `rest-xml` (the AWS suites) or `fidelity` (botocore's behaviour on
    /// our own small models, `tests/fidelity/`).
    set: &'static str,
    suite: &'static str,
    id: &'static str,
    description: &'static str,
    run: fn() -> Result<(), String>,
}

include!(concat!(env!("OUT_DIR"), "/protocol_cases.rs"));

/// The host the expected requests were made against.
const TEST_HOST: &str = "example.com";

fn pairs(query: &str) -> Vec<String> {
    let mut pairs: Vec<String> = query.split('&').filter(|p| !p.is_empty()).map(str::to_string).collect();
    pairs.sort();
    pairs
}

/// Compares a request with a case's `serialized` form.
fn check_request(request: &http::Request<Vec<u8>>, serialized: &str) -> Result<(), String> {
    let expected: Value = serde_json::from_str(serialized).unwrap();
    let mut problems = Vec::new();
    if let Some(method) = expected["method"].as_str()
        && request.method().as_str() != method
    {
        problems.push(format!("method {} != {method}", request.method()));
    }
    let uri = expected["uri"].as_str().unwrap_or("/");
    let (expected_path, expected_query) = uri.split_once('?').unwrap_or((uri, ""));
    let actual = request.uri();
    if actual.path() != expected_path {
        problems.push(format!("path {} != {expected_path}", actual.path()));
    }
    if pairs(actual.query().unwrap_or("")) != pairs(expected_query) {
        problems.push(format!("query {:?} != {expected_query:?}", actual.query().unwrap_or("")));
    }
    if let Some(headers) = expected["headers"].as_object() {
        for (name, value) in headers {
            let want = value.as_str().unwrap_or("");
            let got: Vec<&str> =
                request.headers().get_all(name.as_str()).iter().filter_map(|v| v.to_str().ok()).collect();
            if got.join(", ") != want {
                problems.push(format!("header {name}: {got:?} != {want:?}"));
            }
        }
    }
    for name in expected["forbidHeaders"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        if request.headers().contains_key(name) {
            problems.push(format!("forbidden header {name} was sent"));
        }
    }
    for name in expected["requireHeaders"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        if !request.headers().contains_key(name) {
            problems.push(format!("required header {name} is missing"));
        }
    }
    if let Some(host) = expected["host"].as_str() {
        let prefix =
            request.extensions().get::<restxml_runtime::http::HostPrefix>().map(|p| p.0.as_str()).unwrap_or("");
        let actual = format!("{prefix}{TEST_HOST}");
        if actual != host {
            problems.push(format!("host {actual} != {host}"));
        }
    }
    let body = expected["body"].as_str().unwrap_or("");
    let actual_body = request.body();
    let compressed = request.headers().get("content-encoding").is_some();
    if compressed {
        // Compressed bodies differ byte for byte between compressors; the
        // header cases check the encoding.
    } else if body.trim_start().starts_with('<') {
        let actual_text = String::from_utf8_lossy(actual_body);
        match (parse_xml(&actual_text), parse_xml(body)) {
            (Ok(a), Ok(b)) if a == b => {}
            (a, b) => problems.push(format!(
                "body differs as XML:\n  ours:     {actual_text}\n  expected: {body}\n  ({:?} vs {:?})",
                a.err(),
                b.err()
            )),
        }
    } else if actual_body != body.as_bytes() {
        problems.push(format!("body {:?} != {body:?}", String::from_utf8_lossy(actual_body)));
    }
    if problems.is_empty() { Ok(()) } else { Err(problems.join("\n")) }
}

/// An `http::Response` from a case's `response` form.
fn response_from(json: &str) -> Result<http::Response<Vec<u8>>, String> {
    let response: Value = serde_json::from_str(json).unwrap();
    let mut builder = http::Response::builder().status(response["status_code"].as_u64().unwrap_or(200) as u16);
    for (name, value) in response["headers"].as_object().into_iter().flatten() {
        builder = builder.header(name.as_str(), value.as_str().unwrap_or(""));
    }
    builder.body(response["body"].as_str().unwrap_or("").as_bytes().to_vec()).map_err(|e| e.to_string())
}

fn check_error_meta(error: &impl ProvideErrorMetadata, code: &str, message: Option<&str>) -> Result<(), String> {
    if error.code() != Some(code) {
        return Err(format!("code {:?} != {code:?}", error.code()));
    }
    if let Some(message) = message
        && error.message() != Some(message)
    {
        return Err(format!("message {:?} != {message:?}", error.message()));
    }
    Ok(())
}

/// Equality, with NaN equal to NaN (compared through `Debug`) so float
/// special values can be checked; maps compare by `PartialEq` first.
fn same<T: PartialEq + std::fmt::Debug>(actual: &T, expected: &T) -> Result<(), String> {
    if actual == expected || format!("{actual:?}") == format!("{expected:?}") {
        Ok(())
    } else {
        Err(format!("parsed value differs\n  ours:     {actual:?}\n  expected: {expected:?}"))
    }
}

/// (passed, failed, known failures) by (set, suite).
type Tally = BTreeMap<(&'static str, &'static str), (usize, usize, usize)>;

/// `suite/id` -> reason, from the known-failures list.
fn known_failures() -> BTreeMap<String, String> {
    let path = workspace_root().join("tests/protocol-known-failures.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((case, reason)) => (case.to_string(), reason.trim().to_string()),
            None => (l.to_string(), String::new()),
        })
        .collect()
}

fn main() {
    let args = Arguments::from_args();
    let known = known_failures();
    let tally: &'static Mutex<Tally> = Box::leak(Box::new(Mutex::new(BTreeMap::new())));
    let mut seen = BTreeSet::new();
    let mut listed: BTreeSet<String> = known.keys().cloned().collect();
    let mut trials = Vec::new();
    for case in CASES {
        let mut name = format!("{}/{}", case.suite, case.id);
        let mut n = 2;
        while !seen.insert(name.clone()) {
            name = format!("{}/{}_{n}", case.suite, case.id);
            n += 1;
        }
        listed.remove(&name);
        let reason = known.get(&name).cloned();
        let (suite, run, description) = ((case.set, case.suite), case.run, case.description);
        trials.push(Trial::test(name, move || {
            // The suites expect this token wherever one is filled in.
            restxml_runtime::idempotency::set_thread_override(Some("00000000-0000-4000-8000-000000000000".into()));
            let outcome = run();
            let mut tally = tally.lock().unwrap();
            let entry = tally.entry(suite).or_default();
            match (outcome, reason) {
                (Ok(()), None) => {
                    entry.0 += 1;
                    Ok(())
                }
                (Err(problem), None) => {
                    entry.1 += 1;
                    Err(Failed::from(format!("{description}\n{problem}")))
                }
                (Err(_), Some(_)) => {
                    entry.2 += 1;
                    Ok(())
                }
                (Ok(()), Some(reason)) => {
                    entry.1 += 1;
                    Err(Failed::from(format!(
                        "passes now; remove it from tests/protocol-known-failures.txt ({reason})"
                    )))
                }
            }
        }));
    }
    assert!(listed.is_empty(), "tests/protocol-known-failures.txt names cases that do not exist: {listed:?}");
    let conclusion = libtest_mimic::run(&args, trials);
    for ((set, suite), (passed, failed, known)) in tally.lock().unwrap().iter() {
        let kind = suite.rsplit('-').next().unwrap_or(suite);
        println!("{set} {kind}: {passed} passed, {failed} failed, {known} known failures");
    }
    conclusion.exit();
}
