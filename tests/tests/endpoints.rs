//! Endpoint resolution: every case of each vendored service's endpoint
//! rule tests (`model/<service>/<api-version>/endpoint-tests-1.json`,
//! extracted from botocore's source distribution by
//! `scripts/refresh_model.py`) against the generated rule set
//! (`<crate>::endpoint::RULES`, made from the vendored
//! `endpoint-rule-set-1.json` and `partitions.json`).

use std::collections::BTreeMap;

use integration_tests::{model_file, read_data_string};
use restxml_runtime::client::endpoint::{EndpointParams, RuleSet, Value};

/// The expected JSON as a rules-language value.
fn value(json: &serde_json::Value) -> Value {
    match json {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Int(n.as_i64().expect("whole numbers only")),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(items) => Value::Array(items.iter().map(value).collect()),
        serde_json::Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), value(v))).collect()),
    }
}

#[test]
fn every_cloudfront_endpoint_case() {
    every_case("cloudfront", &cloudfront_sdk::endpoint::RULES, 26);
}

#[test]
fn every_route53_endpoint_case() {
    every_case("route53", &route53_sdk::endpoint::RULES, 26);
}

#[test]
fn every_s3_endpoint_case() {
    every_case("s3", &s3_sdk::endpoint::RULES, 393);
}

#[test]
fn every_s3control_endpoint_case() {
    every_case("s3control", &s3control_sdk::endpoint::RULES, 134);
}

/// Runs every case of the service's `endpoint-tests-1.json` (there must be
/// `count`) against `rules`.
fn every_case(service: &str, rules: &RuleSet, count: usize) {
    let text = read_data_string(&model_file(service, "endpoint-tests-1.json"));
    let tests: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = tests["testCases"].as_array().unwrap();
    assert_eq!(cases.len(), count);
    let (mut endpoints, mut errors) = (0, 0);
    let mut failures = Vec::new();
    for case in cases {
        let doc = case["documentation"].as_str().unwrap_or("");
        let mut params = EndpointParams::new();
        for (name, value) in case["params"].as_object().into_iter().flatten() {
            params = match value {
                serde_json::Value::Bool(b) => params.boolean(name, *b),
                serde_json::Value::String(s) => params.string(name, s.clone()),
                other => panic!("{doc}: unexpected parameter {other}"),
            };
        }
        let result = rules.resolve(&params);
        let expect = &case["expect"];
        let problem = match (expect.get("error"), &result) {
            (Some(message), Err(err)) if message.as_str() == Some(err.message()) => {
                errors += 1;
                None
            }
            (Some(message), other) => Some(format!("expected error {message}, got {other:?}")),
            (None, Ok(endpoint)) => {
                endpoints += 1;
                let want = &expect["endpoint"];
                let properties = match value(&want["properties"]) {
                    Value::Object(map) => map,
                    _ => BTreeMap::new(),
                };
                // `signing_region` and `signing_name` are the SigV4 scheme's
                // (the client signs with SigV4), else the first scheme's; a
                // sigv4a scheme listed first has a region set instead. The
                // full list is compared in `properties`.
                let schemes = want["properties"]["authSchemes"].as_array().cloned().unwrap_or_default();
                let auth = schemes.iter().find(|s| s["name"] == "sigv4").or(schemes.first()).cloned();
                let auth = auth.unwrap_or(serde_json::Value::Null);
                if want["url"].as_str() != Some(endpoint.url.as_str()) {
                    Some(format!("url {} != {}", endpoint.url, want["url"]))
                } else if endpoint.properties != properties {
                    Some(format!("properties {:?} != {:?}", endpoint.properties, properties))
                } else if auth["signingRegion"].as_str() != endpoint.signing_region.as_deref() {
                    Some(format!("signing region {:?} != {}", endpoint.signing_region, auth["signingRegion"]))
                } else if auth["signingName"].as_str() != endpoint.signing_name.as_deref() {
                    Some(format!("signing name {:?} != {}", endpoint.signing_name, auth["signingName"]))
                } else {
                    None
                }
            }
            (None, Err(err)) => Some(format!("unexpected error {err}")),
        };
        if let Some(problem) = problem {
            failures.push(format!("{doc}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{service}: {} of {count} cases fail:\n{}", failures.len(), failures.join("\n"));
    // Both kinds of outcome are exercised.
    assert!(endpoints > 0 && errors > 0, "{endpoints} endpoints, {errors} errors");
}
