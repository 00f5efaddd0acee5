//! Endpoint resolution: every case of CloudFront's endpoint rule tests
//! (`../shared/endpoint-tests/cloudfront.json`) against the vendored rule
//! set and partitions.

use integration_tests::workspace_root;
use restxml_runtime::client::endpoint::{EndpointParams, EndpointResolver};
use serde_json::Value;

#[test]
fn every_cloudfront_endpoint_case() {
    let read = |path: &str| std::fs::read_to_string(workspace_root().join(path)).unwrap();
    let resolver =
        EndpointResolver::new(&read("model/endpoint-rule-set-1.json"), &read("model/partitions.json")).unwrap();
    let tests: Value = serde_json::from_str(&read("../shared/endpoint-tests/cloudfront.json")).unwrap();
    let cases = tests["testCases"].as_array().unwrap();
    assert_eq!(cases.len(), 26);
    let mut failures = Vec::new();
    for case in cases {
        let doc = case["documentation"].as_str().unwrap_or("");
        let mut params = EndpointParams::new();
        for (name, value) in case["params"].as_object().into_iter().flatten() {
            params = match value {
                Value::Bool(b) => params.boolean(name, *b),
                Value::String(s) => params.string(name, s.clone()),
                other => panic!("{doc}: unexpected parameter {other}"),
            };
        }
        let result = resolver.resolve(&params);
        let expect = &case["expect"];
        let problem = match (expect.get("error"), &result) {
            (Some(message), Err(err)) if message.as_str() == Some(err.message()) => None,
            (Some(message), other) => Some(format!("expected error {message}, got {other:?}")),
            (None, Ok(endpoint)) => {
                let want = &expect["endpoint"];
                let auth = &want["properties"]["authSchemes"][0];
                if want["url"].as_str() != Some(endpoint.url.as_str()) {
                    Some(format!("url {} != {}", endpoint.url, want["url"]))
                } else if auth.get("signingRegion").is_some()
                    && auth["signingRegion"].as_str() != endpoint.signing_region.as_deref()
                {
                    Some(format!("signing region {:?} != {}", endpoint.signing_region, auth["signingRegion"]))
                } else if auth.get("signingName").is_some()
                    && auth["signingName"].as_str() != Some(endpoint.signing_name.as_deref().unwrap_or("cloudfront"))
                {
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
    assert!(failures.is_empty(), "{} of 26 cases fail:\n{}", failures.len(), failures.join("\n"));
}
