//! RSA with SHA-1 against botocore 1.43.11's `CloudFrontSigner`
//! (tests/data/botocore.json, written by
//! `python3 scripts/cloudfront_signer_expectations.py`).

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cloudfront_signer::{CustomPolicy, Error, IpRange, Signer, canned_policy_json};
use serde_json::Value;

use crate::support::key;

fn expectations() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/botocore.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("committed expectations")).expect("valid JSON")
}

fn time(case: &Value, field: &str) -> Option<SystemTime> {
    let seconds = case.get(format!("{field}_input").as_str()).unwrap_or(&case[field]);
    seconds.as_f64().map(|seconds| UNIX_EPOCH + Duration::from_secs_f64(seconds))
}

fn text<'a>(case: &'a Value, field: &str) -> &'a str {
    case[field].as_str().unwrap_or_else(|| panic!("{field} in {case}"))
}

#[test]
fn urls_policies_and_signatures_equal_botocores() {
    let data = expectations();
    let signer = Signer::new(text(&data, "key_pair_id"), key(text(&data, "key"))).unwrap();
    let cases = data["cases"].as_array().unwrap();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let mut compared = 0;
    for case in cases {
        let name = text(case, "name");
        let url = text(case, "url");
        let expires = time(case, "expires").unwrap();
        if case["non_ascii"] == true {
            // botocore escapes it into the policy; CloudFront compares the
            // URL as sent, so we refuse and ask for percent-encoding.
            let error = signer.sign_url(url, expires).unwrap_err();
            assert!(matches!(error, Error::NonAsciiResource { .. }), "{name}: {error}");
            assert!(error.to_string().contains("percent-encode"), "{name}");
            continue;
        }
        match text(case, "kind") {
            "canned" => {
                assert_eq!(canned_policy_json(url, expires).unwrap(), text(case, "policy"), "{name}");
                assert_eq!(signer.sign_url(url, expires).unwrap(), text(case, "signed_url"), "{name}");
            }
            "custom" => {
                let policy = custom_policy(case, name);
                assert_eq!(policy.to_json().unwrap(), text(case, "policy"), "{name}");
                assert_eq!(signer.signature(text(case, "policy").as_bytes()), text(case, "signature"), "{name}");
                if policy.matches(url) {
                    assert_eq!(signer.sign_url_with_policy(url, &policy).unwrap(), text(case, "signed_url"), "{name}");
                } else {
                    // botocore signs a URL its policy cannot cover (the
                    // cases pinning JSON escapes); we refuse it.
                    assert!(
                        matches!(signer.sign_url_with_policy(url, &policy), Err(Error::ResourceMismatch { .. })),
                        "{name}"
                    );
                }
            }
            other => panic!("{name}: kind {other}"),
        }
        compared += 1;
    }
    assert_eq!(compared + 1, cases.len());
}

/// The case's policy; botocore's `/32` on a bare IPv6 address (a 2^96
/// wide range) is given to us explicitly, since we read a bare IPv6
/// address as the single host, `/128`.
fn custom_policy(case: &Value, name: &str) -> CustomPolicy {
    let mut policy = CustomPolicy::new(text(case, "resource"), time(case, "expires").unwrap());
    if let Some(starts) = time(case, "starts") {
        policy = policy.starts(starts);
    }
    if let Some(ip) = case["ip"].as_str() {
        let range: IpRange = ip.parse().unwrap();
        let range = if range.address().is_ipv6() && !ip.contains('/') {
            assert_eq!(range.prefix(), 128, "{name}");
            let botocore = IpRange::new(ip.parse::<IpAddr>().unwrap(), 32).unwrap();
            assert!(text(case, "policy").contains(&botocore.to_string()), "{name}");
            botocore
        } else {
            range
        };
        policy = policy.source_ip(range);
    }
    policy
}
