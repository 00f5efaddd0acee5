//! Request ids against botocore 1.43.11, on every fidelity output case
//! (`tests/data/fidelity/output.json`, recorded by
//! `python3 scripts/botocore_fidelity.py`): `requestId` and `hostId` are
//! botocore's `ResponseMetadata` `RequestId` and `HostId`, or ours where a
//! case says why we differ.
//!
//! Errors are read by `error_body::error_metadata`, what every generated
//! operation's error enum calls (its `request_id()` and
//! `extended_request_id()`); successes by `error_body::header_request_id`,
//! what the client's tracing span records (successful outputs carry no
//! metadata).

use integration_tests::workspace_root;
use restxml_runtime::error_body::{error_metadata, header_request_id};
use serde_json::Value;

fn headers(response: &Value) -> http::HeaderMap {
    let mut map = http::HeaderMap::new();
    for (name, value) in response["headers"].as_object().into_iter().flatten() {
        let name = http::HeaderName::try_from(name.as_str()).unwrap();
        map.append(name, http::HeaderValue::try_from(value.as_str().unwrap()).unwrap());
    }
    map
}

#[test]
fn request_ids_match_botocore_on_every_fidelity_response() {
    let path = workspace_root().join("tests/data/fidelity/output.json");
    let suites: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for case in suites.iter().flat_map(|suite| suite["cases"].as_array().unwrap()) {
        let id = case["id"].as_str().unwrap();
        let response = &case["response"];
        let status = u16::try_from(response["status_code"].as_u64().unwrap()).unwrap();
        let headers = headers(response);
        let body = response["body"].as_str().unwrap_or("").as_bytes();
        let expected_id = case["requestId"].as_str();
        if status < 300 {
            let actual = header_request_id(&headers);
            if actual != expected_id {
                problems.push(format!("{id}: request id {actual:?} != {expected_id:?}"));
            }
        } else {
            let meta = error_metadata(status, &headers, body);
            if meta.request_id.as_deref() != expected_id {
                problems.push(format!("{id}: request id {:?} != {expected_id:?}", meta.request_id));
            }
            let expected_host = case["hostId"].as_str();
            if meta.extended_request_id.as_deref() != expected_host {
                problems.push(format!("{id}: extended request id {:?} != {expected_host:?}", meta.extended_request_id));
            }
        }
        checked += 1;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 9, "only {checked} cases");
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.to_vec()).unwrap()
}

/// One error response and the ids it must give.
struct Expect {
    headers: &'static [(&'static str, &'static str)],
    body: &'static [u8],
    modeled: bool,
    request_id: Option<&'static str>,
    extended: Option<&'static str>,
}

/// Through a generated crate: modeled and unhandled errors alike.
#[test]
fn generated_errors_carry_both_ids() {
    use cloudfront_sdk::ProvideErrorMetadata as _;
    use cloudfront_sdk::operation::update_streaming_distribution::{UpdateStreamingDistributionError, parse_response};

    const MODELED: &[u8] = b"<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchStreamingDistribution</Code><Message>m</Message></Error><RequestId>body-id</RequestId></ErrorResponse>";
    const UNHANDLED: &[u8] = b"<Error><Code>SlowDown</Code><Message>m</Message><RequestId>body-id</RequestId><HostId>body-host</HostId></Error>";
    let both = &[("x-amzn-RequestId", "amzn-id"), ("x-amz-request-id", "s3-id")];
    let s3 = &[("x-amz-request-id", "s3-id"), ("x-amz-id-2", "host-id")];
    let cases = [
        Expect { headers: both, body: MODELED, modeled: true, request_id: Some("amzn-id"), extended: None },
        Expect { headers: s3, body: MODELED, modeled: true, request_id: Some("s3-id"), extended: Some("host-id") },
        Expect { headers: &[], body: MODELED, modeled: true, request_id: Some("body-id"), extended: None },
        Expect { headers: s3, body: UNHANDLED, modeled: false, request_id: Some("s3-id"), extended: Some("host-id") },
        Expect {
            headers: &[],
            body: UNHANDLED,
            modeled: false,
            request_id: Some("body-id"),
            extended: Some("body-host"),
        },
    ];
    for case in cases {
        let error = parse_response(&response(404, case.headers, case.body)).unwrap_err().into_service_error().unwrap();
        assert_eq!(!matches!(error, UpdateStreamingDistributionError::Unhandled(_)), case.modeled, "{error:?}");
        assert_eq!(error.request_id(), case.request_id, "{:?}", case.headers);
        assert_eq!(error.extended_request_id(), case.extended, "{:?}", case.headers);
    }
}
