//! SigV4: the `Authorization` header (and `X-Amz-Date`, and the session
//! token) equal what botocore 1.43.11's `SigV4Auth` produces for the same
//! request, time and credentials (`python3 scripts/botocore_sigv4.py`).

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use integration_tests::workspace_root;
use restxml_runtime::DateTime;
use restxml_runtime::client::credentials::Credentials;
use restxml_runtime::client::sign::sign_request;
use serde_json::Value;

fn time(text: &str) -> SystemTime {
    // 20240315T174209Z
    let iso =
        format!("{}-{}-{}T{}:{}:{}Z", &text[..4], &text[4..6], &text[6..8], &text[9..11], &text[11..13], &text[13..15]);
    let dt = DateTime::parse(&iso, restxml_runtime::TimestampFormat::DateTime).unwrap();
    UNIX_EPOCH + Duration::from_secs(dt.secs() as u64)
}

#[test]
fn signatures_match_botocore() {
    let data: Value =
        serde_json::from_str(&std::fs::read_to_string(workspace_root().join("tests/data/sigv4.json")).unwrap())
            .unwrap();
    let cases = data["cases"].as_array().or_else(|| data.as_array()).unwrap();
    assert!(cases.len() >= 10);
    let mut failures = Vec::new();
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let r = &case["request"];
        let mut builder =
            http::Request::builder().method(r["method"].as_str().unwrap()).uri(r["url"].as_str().unwrap());
        for (k, v) in r["headers"].as_object().into_iter().flatten() {
            builder = builder.header(k.as_str(), v.as_str().unwrap());
        }
        let mut request = builder.body(r["body"].as_str().unwrap_or("").as_bytes().to_vec()).unwrap();
        let c = &case["credentials"];
        let credentials = Credentials::new(
            c["access_key_id"].as_str().unwrap(),
            c["secret_access_key"].as_str().unwrap(),
            c["session_token"].as_str().map(str::to_string),
        );
        sign_request(
            &mut request,
            &credentials,
            case["region"].as_str().unwrap(),
            case["service"].as_str().unwrap(),
            time(case["time"].as_str().unwrap()),
        )
        .unwrap();
        let expected = &case["expected"];
        let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        if header("authorization").as_deref() != expected["authorization"].as_str() {
            failures.push(format!(
                "{name}: authorization\n  ours:     {:?}\n  botocore: {}",
                header("authorization"),
                expected["authorization"]
            ));
        }
        if header("x-amz-date").as_deref() != expected["x_amz_date"].as_str() {
            failures.push(format!("{name}: x-amz-date {:?}", header("x-amz-date")));
        }
        if header("x-amz-security-token").as_deref() != expected["x_amz_security_token"].as_str() {
            failures.push(format!("{name}: x-amz-security-token {:?}", header("x-amz-security-token")));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
