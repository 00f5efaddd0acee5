//! Requests built by the generated crate equal what botocore 1.43.11
//! serializes for the same parameters. The expectations are produced by
//! `python3 scripts/botocore_requests.py` and committed as test data.

use cloudfront_sdk::operation::update_streaming_distribution::{UpdateStreamingDistributionInput, serialize_request};
use integration_tests::{assert_xml_eq, workspace_root};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct Expectations {
    botocore_version: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    params: serde_json::Value,
    expected: Expected,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Expected {
    Refused {
        error: String,
    },
    Request {
        method: String,
        path: String,
        query: BTreeMap<String, String>,
        headers: BTreeMap<String, String>,
        body: String,
    },
}

/// Cases botocore sends but we refuse on purpose, with the reason.
const REFUSED_BY_DESIGN: [(&str, &str); 1] =
    [("trusted_signers_large_quantity", "a Quantity that differs from the number of Items is refused before sending")];

/// Headers we send that botocore's serializer leaves to later stages.
const OUR_EXTRA_HEADERS: [&str; 2] = ["content-type", "content-length"];

#[test]
fn requests_match_botocore() {
    let path = workspace_root().join("tests/data/update_streaming_distribution_requests.json");
    let data: Expectations = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(data.botocore_version, "1.43.11");
    assert!(data.cases.len() >= 20, "at least 20 cases");
    let (mut sent, mut refused) = (0, 0);
    for case in &data.cases {
        let input = serde_json::from_value::<UpdateStreamingDistributionInput>(case.params.clone());
        match (&case.expected, input) {
            (Expected::Refused { error }, Ok(input)) => {
                panic!("{}: botocore refuses ({error}) but we accepted {input:?}", case.name)
            }
            (Expected::Refused { .. }, Err(_)) => refused += 1,
            (Expected::Request { .. }, Err(err)) => panic!("{}: params refused: {err}", case.name),
            (Expected::Request { .. }, Ok(input)) if REFUSED_BY_DESIGN.iter().any(|(name, _)| *name == case.name) => {
                let err = serialize_request(&input).expect_err(&case.name);
                assert!(err.to_string().contains("Quantity is 2147483647"), "{}: {err}", case.name);
                refused += 1;
            }
            (Expected::Request { method, path, query, headers, body }, Ok(input)) => {
                let request = serialize_request(&input).unwrap_or_else(|e| panic!("{}: {e}", case.name));
                assert_eq!(request.method().as_str(), method, "{}", case.name);
                assert_eq!(request.uri().path(), path, "{}", case.name);
                assert_eq!(request.uri().query().unwrap_or(""), "", "{}", case.name);
                assert!(query.is_empty(), "{}", case.name);
                for (name, value) in headers {
                    let ours =
                        request.headers().get(name.as_str()).unwrap_or_else(|| panic!("{}: no {name}", case.name));
                    assert_eq!(ours.as_bytes(), value.as_bytes(), "{}: header {name}", case.name);
                }
                for name in request.headers().keys() {
                    let botocore_has = headers.keys().any(|h| h.eq_ignore_ascii_case(name.as_str()));
                    assert!(
                        botocore_has || OUR_EXTRA_HEADERS.contains(&name.as_str()),
                        "{}: unexpected header {name}",
                        case.name
                    );
                }
                assert_xml_eq(std::str::from_utf8(request.body()).unwrap(), body);
                sent += 1;
            }
        }
    }
    assert!(sent >= 20 && refused >= 3, "sent {sent}, refused {refused}");
}
