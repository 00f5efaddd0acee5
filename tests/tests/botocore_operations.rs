//! Every CloudFront operation against botocore 1.43.11: requests built from
//! the same parameters match what botocore serializes, and responses parse
//! into what botocore parses. Expectations come from
//! `python3 scripts/botocore_operations.py` (committed in `tests/data/`);
//! the comparisons are `integration_tests::wire`'s.

use integration_tests::wire::{
    self, OperationCases, RequestCheck, ResponseCheck, WireRequest, check_request, http_response, to_json,
};

include!(concat!(env!("OUT_DIR"), "/operations.rs"));

/// Cases with a 200 response and an empty body (see
/// [`wire::check_responses`]).
const EMPTY_PAYLOAD_CASES: [&str; 3] =
    ["get_distribution_empty_body", "get_function_raw_payload_empty", "get_connection_function_raw_payload_empty"];

fn data() -> OperationCases {
    OperationCases::load("tests/data/operations.json")
}

fn operation(name: &str) -> &'static (&'static str, RequestCheck, ResponseCheck) {
    OPERATIONS.iter().find(|(op, _, _)| *op == name).unwrap_or_else(|| panic!("no operation {name}"))
}

#[test]
fn requests_match_botocore_for_every_operation() {
    let data = data();
    let operations = wire::check_requests(&data.requests, |case| {
        let (_, request_check, _) = operation(&case.operation);
        Ok(WireRequest::from_http(&request_check(case.params.clone())?))
    });
    assert!(operations.len() >= 30, "only {} operations", operations.len());
}

#[test]
fn responses_match_botocore_for_every_operation() {
    let data = data();
    wire::check_responses(&data.responses, &EMPTY_PAYLOAD_CASES, |case| {
        let (_, _, response_check) = operation(&case.operation);
        response_check(&http_response(&case.response))
    });
}
