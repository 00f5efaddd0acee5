//! The SigV4 canonicalizer on arbitrary requests: method, path, query,
//! headers (any text, repeated names) and both path rules. Never a panic,
//! and the canonical request always has its shape: the method, the URI,
//! the query, one line per signed header name, a blank line, the signed
//! header names and the payload hash; the signed names are sorted and
//! unique, and a request signed end to end (when the parts make a valid
//! `http::Request`) gets a 64-digit hex signature.
#![no_main]

use std::time::{Duration, UNIX_EPOCH};

use libfuzzer_sys::fuzz_target;
use restxml_runtime::client::credentials::Credentials;
use restxml_runtime::client::sigv4::{self, CanonicalInput, PathRule, Settings, SigningParams};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // Fields separated by NUL: method, path, query, then name/value pairs.
    let mut fields = text.split('\0');
    let method = fields.next().unwrap_or("GET");
    let path = fields.next().unwrap_or("/");
    let query = fields.next().unwrap_or("");
    let rest: Vec<&str> = fields.collect();
    let headers: Vec<(&str, &str)> = rest.chunks(2).map(|c| (c[0], c.get(1).copied().unwrap_or(""))).collect();
    for path_rule in [PathRule::Normalize, PathRule::AsSent] {
        let canonical = sigv4::canonical_request(&CanonicalInput {
            method,
            path,
            query,
            headers: &headers,
            payload_hash: sigv4::EMPTY_SHA256,
            path_rule,
        });
        assert!(canonical.text.ends_with(sigv4::EMPTY_SHA256));
        let names: Vec<&str> = canonical.signed_headers.split(';').filter(|n| !n.is_empty()).collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]), "{:?}", canonical.signed_headers);
        if path_rule == PathRule::Normalize {
            let uri = canonical.text.split('\n').nth(1).unwrap();
            assert!(uri.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~/%".contains(&b)), "{uri:?}");
        }
    }
    // End to end, when the parts make a request.
    let mut builder = http::Request::builder().method(method).uri(format!("https://example.com{path}?{query}"));
    for (name, value) in &headers {
        builder = builder.header(*name, *value);
    }
    if let Ok(mut request) = builder.body(Vec::new()) {
        let credentials = Credentials::new("AKID", "SECRET", Some("TOKEN".into()));
        for service in ["s3", "cloudfront"] {
            let settings = Settings::for_service(service);
            let params = SigningParams {
                credentials: &credentials,
                region: "us-east-1",
                service,
                time: UNIX_EPOCH + Duration::from_secs(1_700_000_000),
                settings: &settings,
                cache: None,
            };
            if let Ok(signed) = sigv4::sign(&mut request, &params) {
                assert_eq!(signed.signature().len(), 64);
            }
        }
    }
});
