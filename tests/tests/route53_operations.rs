//! Every Route 53 operation against botocore 1.43.11: requests built from
//! the same parameters match what a botocore client sends (its handlers
//! included: `fix_route53_ids` trims `/hostedzone/...`, `/change/...` and
//! `/delegationset/...` ids), and responses parse into what botocore parses.
//! Expectations come from `python3 scripts/botocore_operations.py`
//! (`tests/data/route53_operations.json`); the comparisons are
//! `integration_tests::wire`'s, as for CloudFront.

use integration_tests::parse_xml;
use integration_tests::wire::{
    self, ExpectedResponse, OperationCases, RequestCheck, ResponseCheck, WireRequest, check_request, http_response,
    to_json,
};
use route53_sdk::operation::change_resource_record_sets::{self, ChangeResourceRecordSetsError};
use route53_sdk::{ProvideErrorMetadata, SdkError};

include!(concat!(env!("OUT_DIR"), "/route53_operations.rs"));

/// Route 53's own error document for a rejected change batch, whose root
/// is the code: `<InvalidChangeBatch><Messages><Message>…`. botocore looks
/// for `<Error>`, finds none and reports code '' and message '' (the
/// request id it reads from the body); we read the code
/// `InvalidChangeBatch` and every message (`restxml_runtime::
/// customizations::route53`). A deliberate difference, asserted on its own
/// in `invalid_change_batch_documents_give_the_code_botocore_leaves_empty`.
const INVALID_CHANGE_BATCH_DOCUMENTS: [&str; 1] = ["change_resource_record_sets_invalid_change_batch_document"];

fn data() -> OperationCases {
    OperationCases::load("tests/data/route53_operations.json")
}

fn operation(name: &str) -> &'static (&'static str, RequestCheck, ResponseCheck) {
    ROUTE53_OPERATIONS.iter().find(|(op, _, _)| *op == name).unwrap_or_else(|| panic!("no operation {name}"))
}

fn every_operation() -> std::collections::BTreeSet<String> {
    ROUTE53_OPERATIONS.iter().map(|(op, _, _)| op.to_string()).collect()
}

#[test]
fn requests_match_botocore_for_every_operation() {
    let data = data();
    let operations = wire::check_requests(&data.requests, |case| {
        let (_, request_check, _) = operation(&case.operation);
        Ok(WireRequest::from_http(&request_check(case.params.clone())?))
    });
    assert_eq!(operations, every_operation(), "operations without a request case");
}

#[test]
fn responses_match_botocore_for_every_operation() {
    let data = data();
    let cases: Vec<_> =
        data.responses.into_iter().filter(|c| !INVALID_CHANGE_BATCH_DOCUMENTS.contains(&c.name.as_str())).collect();
    let operations = wire::check_responses(&cases, &[], |case| {
        let (_, _, response_check) = operation(&case.operation);
        response_check(&http_response(&case.response))
    });
    assert_eq!(operations, every_operation(), "operations without a response case");
}

#[test]
fn invalid_change_batch_documents_give_the_code_botocore_leaves_empty() {
    let data = data();
    for name in INVALID_CHANGE_BATCH_DOCUMENTS {
        let case = data.responses.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no case {name}"));
        let document = parse_xml(&case.response.body).unwrap();
        assert_eq!(document.name, "InvalidChangeBatch", "{name}");
        let child = |element: &str| document.children.iter().find(|c| c.name == element).unwrap();
        let messages: Vec<String> = child("Messages").children.iter().map(|m| m.text.clone()).collect();
        assert_eq!(messages.len(), 2, "{name}");
        let request_id = child("RequestId").text.clone();

        // What botocore made of it.
        assert_eq!(
            case.expected,
            ExpectedResponse::Error {
                code: String::new(),
                message: String::new(),
                request_id: Some(request_id.clone())
            },
            "{name}: botocore's reading of the document changed"
        );

        // Ours: the code, every message, the request id.
        let response = http_response(&case.response);
        match change_resource_record_sets::parse_response(&response) {
            Err(SdkError::Service(ChangeResourceRecordSetsError::InvalidChangeBatch(error))) => {
                assert_eq!(error.messages.as_deref(), Some(&messages[..]), "{name}");
                assert_eq!(error.code(), Some("InvalidChangeBatch"), "{name}");
                assert_eq!(error.message(), Some(messages.join("; ").as_str()), "{name}");
                assert_eq!(error.request_id(), Some(request_id.as_str()), "{name}");
                assert_eq!(error.status(), 400, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}
