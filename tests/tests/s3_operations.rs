//! Every S3 operation against botocore 1.43.11: requests built from the
//! same parameters match what a botocore client sends (its S3 handlers
//! included: `handle_copy_source_param`, `set_list_objects_encoding_type_url`,
//! `escape_xml_payload`, `sse_md5`, the idempotency token), and responses
//! parse into what a botocore client returns (its `before-parse` and
//! `after-call` handlers included: `handle_expires_header`,
//! `_handle_200_error`, `parse_get_bucket_location`, `decode_list_object*`).
//! Expectations come from `python3 scripts/botocore_operations.py`
//! (`tests/data/s3_operations.json`); the comparisons are
//! `integration_tests::wire`'s, as for CloudFront and Route 53.
//!
//! What is not compared, and where it is asserted instead:
//! - deliberate differences, each in a test named for it:
//!   [`HEADER_LISTS`], bucket-level paths ([`with_our_path`]);
//! - issue 18 (checksums, SSE-C key MD5s): the headers the script lists in
//!   each case's `issue_18`, asserted in
//!   `checksums_botocore_adds_after_before_call_are_issue_18` and
//!   `sse_c_keys_botocore_base64_encodes_with_their_md5_are_issue_18`;
//! - not done yet (README): SelectObjectContent's event stream
//!   ([`EVENT_STREAM_NOT_DONE`]);
//! - bugs found in the generated crate, each with exactly how it differs:
//!   [`KNOWN_REQUEST_BUGS`], [`KNOWN_RESPONSE_BUGS`].

use std::collections::BTreeMap;

use base64::Engine as _;
use integration_tests::wire::{
    self, ErrorSummary, ExpectedRequest, ExpectedResponse, OperationCases, RequestCase, RequestCheck, ResponseCase,
    ResponseCheck, WireRequest, check_request, check_streaming_request, http_response, streaming_response, to_json,
};
use s3_sdk::ProvideErrorMetadata;
use s3_sdk::operation::{head_bucket, head_object};
use serde_json::Value;

include!(concat!(env!("OUT_DIR"), "/s3_operations.rs"));

/// The idempotency token botocore's calls got (the script's
/// `IDEMPOTENCY_TOKEN`): RenameObject's `ClientToken`, left unset, is
/// filled with it on both sides.
const IDEMPOTENCY_TOKEN: &str = "00000000-1111-4222-8333-444444444444";

/// Headers bound to a list (GetObjectAttributes' `ObjectAttributes`, the
/// listings' `OptionalObjectAttributes`): we join the items with `, `,
/// botocore with `,` alone. Deliberate (README: "A list bound to a header
/// is sent as `a, b, c`", as the rest-xml protocol suite writes it; the
/// two are the same list to HTTP), asserted in
/// `header_lists_are_joined_with_comma_space_where_botocore_uses_a_bare_comma`.
const HEADER_LISTS: [&str; 2] = ["x-amz-object-attributes", "x-amz-optional-object-attributes"];

/// Bugs found in the generated crate's requests: (case, how ours differs
/// from botocore's, as `WireRequest::differences` words it). Asserted to
/// be exactly these differences in `known_request_bugs_differ_only_as_listed`.
/// None now: the `Expect: 100-continue` botocore sends with PutObject and
/// UploadPart bodies, found here, is sent (the S3 customization).
const KNOWN_REQUEST_BUGS: [(&str, &[&str]); 0] = [];

/// Bugs found in the generated crate's parsing: (case, what ours gives
/// instead: botocore's output or error with this change made). Asserted
/// in `known_response_bugs_differ_only_as_listed`.
///
/// None now: `Expires` in its other date forms, the code of a cut-off
/// `200 OK`, and GetBucketNotification's deprecated `Event` beside
/// `Events` (botocore fills both from the same `<Event>` elements), all
/// found here, are read as botocore reads them.
const KNOWN_RESPONSE_BUGS: [(&str, OursInstead); 0] = [];

/// SelectObjectContent's event stream is not done yet (README: "Not done
/// yet ... SelectObjectContent's event stream"): botocore hands back the
/// events; we read the payload as an XML document. Asserted in
/// `select_object_content_event_streams_are_not_read_yet`; its error
/// responses are compared as any other's.
const EVENT_STREAM_NOT_DONE: [&str; 3] =
    ["select_object_content_full", "select_object_content_minimal", "select_object_content_records_stats_end"];

/// A parse: the output as JSON, or the error's summary.
type Parsed = Result<Value, ErrorSummary>;

/// Makes botocore's parse into ours, for a known bug.
type OursInstead = fn(&mut Parsed);

fn data() -> OperationCases {
    OperationCases::load("tests/data/s3_operations.json")
}

fn operation(name: &str) -> &'static (&'static str, RequestCheck, ResponseCheck) {
    S3_OPERATIONS.iter().find(|(op, _, _)| *op == name).unwrap_or_else(|| panic!("no operation {name}"))
}

fn every_operation() -> std::collections::BTreeSet<String> {
    S3_OPERATIONS.iter().map(|(op, _, _)| op.to_string()).collect()
}

fn request_case<'a>(data: &'a OperationCases, name: &str) -> &'a RequestCase {
    data.requests.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no request case {name}"))
}

fn response_case<'a>(data: &'a OperationCases, name: &str) -> &'a ResponseCase {
    data.responses.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no response case {name}"))
}

/// Our request for a case's params (RenameObject's token fixed as
/// botocore's was).
fn build(case: &RequestCase) -> Result<WireRequest, String> {
    let (_, request_check, _) = operation(&case.operation);
    restxml_runtime::idempotency::set_thread_override(Some(IDEMPOTENCY_TOKEN.to_string()));
    let request = request_check(case.params.clone());
    restxml_runtime::idempotency::set_thread_override(None);
    Ok(WireRequest::from_http(&request?))
}

fn header<'a>(request: &'a WireRequest, name: &str) -> Option<&'a str> {
    request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| std::str::from_utf8(v).unwrap())
}

fn expected_header<'a>(expected: &'a ExpectedRequest, name: &str) -> Option<&'a str> {
    expected.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// botocore's path as our request has it: the bucket-level operations'
/// `/{Bucket}` removed leaves botocore's `url_path` empty (`""`,
/// `"?policy"`); an `http::Request`'s URI always has a path, so ours is
/// `/` (`/?policy`). Where the bucket goes is the endpoint's (the URLs
/// sent are compared in `s3_endpoints.rs`). Asserted in
/// `bucket_level_paths_are_a_slash_where_botocore_leaves_them_empty`.
fn with_our_path(path: &str) -> String {
    if path.is_empty() || path.starts_with('?') { format!("/{path}") } else { path.to_string() }
}

/// botocore's request as compared: our path form, header lists joined
/// with `, `, and without the case's issue-18 headers.
fn comparable(case: &RequestCase) -> RequestCase {
    let expected = &case.expected;
    let headers = expected
        .headers
        .iter()
        .filter(|(name, _)| !case.issue_18.keys().any(|h| h.eq_ignore_ascii_case(name)))
        .map(|(name, value)| {
            let list = HEADER_LISTS.iter().any(|h| h.eq_ignore_ascii_case(name));
            (name.clone(), if list { value.replace(',', ", ") } else { value.clone() })
        })
        .collect();
    RequestCase {
        operation: case.operation.clone(),
        name: case.name.clone(),
        params: case.params.clone(),
        expected: ExpectedRequest {
            method: expected.method.clone(),
            path: with_our_path(&expected.path),
            query: expected.query.clone(),
            headers,
            body: expected.body.clone(),
        },
        issue_18: case.issue_18.clone(),
    }
}

/// Our request without the headers the case lists as issue 18's.
fn build_comparable(case: &RequestCase) -> Result<WireRequest, String> {
    let mut request = build(case)?;
    request.headers.retain(|(name, _)| !case.issue_18.keys().any(|h| h.eq_ignore_ascii_case(name)));
    Ok(request)
}

/// Our parse of a case's response: for a listing answering a request
/// botocore set `encoding-type=url` on, the keys decoded, as our `send`
/// decodes them when the caller set no encoding.
fn parse(case: &ResponseCase) -> Parsed {
    let response = http_response(&case.response);
    if case.encoding_type_auto_set == Some(true) {
        let (_, check) = S3_URL_ENCODED_LISTINGS
            .iter()
            .find(|(op, _)| *op == case.operation)
            .unwrap_or_else(|| panic!("{}: not a URL-encoded listing", case.name));
        return check(&response);
    }
    let (_, _, response_check) = operation(&case.operation);
    response_check(&response)
}

fn botocore_output(case: &ResponseCase) -> Value {
    match &case.expected {
        ExpectedResponse::Output(output) => integration_tests::without_nulls(output.clone()),
        error => panic!("{}: botocore gave {error:?}", case.name),
    }
}

/// botocore's parse as [`parse`] gives ours: the output without nulls, or
/// the error's summary with the status botocore reported.
fn botocore_result(case: &ResponseCase) -> Parsed {
    match &case.expected {
        ExpectedResponse::Output(output) => Ok(integration_tests::without_nulls(output.clone())),
        ExpectedResponse::Error { code, message, request_id } => Err(ErrorSummary {
            code: Some(code.clone()),
            message: Some(message.clone()),
            request_id: request_id.clone(),
            status: case.error_status.unwrap_or(case.response.status),
        }),
    }
}

fn same_result(a: &Parsed, b: &Parsed) -> bool {
    match (a, b) {
        (Ok(a), Ok(b)) => wire::same_json(a, b),
        (a, b) => a == b,
    }
}

#[test]
fn requests_match_botocore_for_every_operation() {
    let data = data();
    let cases: Vec<RequestCase> = data
        .requests
        .iter()
        .filter(|c| !KNOWN_REQUEST_BUGS.iter().any(|(name, _)| *name == c.name))
        .map(comparable)
        .collect();
    let operations = wire::check_requests(&cases, build_comparable);
    assert_eq!(operations, every_operation(), "operations without a request case");
}

#[test]
fn responses_match_botocore_for_every_operation() {
    let data = data();
    let set_aside =
        |name: &str| KNOWN_RESPONSE_BUGS.iter().any(|(n, _)| *n == name) || EVENT_STREAM_NOT_DONE.contains(&name);
    let cases: Vec<ResponseCase> = data.responses.into_iter().filter(|c| !set_aside(&c.name)).collect();
    let operations = wire::check_responses_status_as_code(&cases, parse);
    assert_eq!(operations, every_operation(), "operations without a response case");
}

#[test]
fn known_request_bugs_differ_only_as_listed() {
    let data = data();
    for (name, problems) in KNOWN_REQUEST_BUGS {
        let case = comparable(request_case(&data, name));
        let ours = build_comparable(&case).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ours.differences(&case.expected), problems, "{name}: fixed? then remove it from the list");
    }
}

#[test]
fn known_response_bugs_differ_only_as_listed() {
    let data = data();
    for (name, ours_instead) in KNOWN_RESPONSE_BUGS {
        let case = response_case(&data, name);
        let ours = parse(case);
        let mut expected = botocore_result(case);
        assert!(!same_result(&ours, &expected), "{name}: now as botocore: remove it from the list");
        ours_instead(&mut expected);
        assert!(same_result(&ours, &expected), "{name}:\n  ours:     {ours:?}\n  expected: {expected:?}");
    }
}

#[test]
fn header_lists_are_joined_with_comma_space_where_botocore_uses_a_bare_comma() {
    let data = data();
    let mut seen = 0;
    for case in &data.requests {
        for name in HEADER_LISTS {
            let Some(botocore) = expected_header(&case.expected, name) else { continue };
            let ours = build(case).unwrap();
            let ours = header(&ours, name).unwrap_or_else(|| panic!("{}: no {name}", case.name));
            assert!(botocore.contains(',') && !botocore.contains(", "), "{}: {botocore:?}", case.name);
            assert_eq!(ours, botocore.replace(',', ", "), "{}", case.name);
            seen += 1;
        }
    }
    // GetObjectAttributes (full, minimal), ListObjects, ListObjectsV2, ListObjectVersions.
    assert_eq!(seen, 5);
}

#[test]
fn bucket_level_paths_are_a_slash_where_botocore_leaves_them_empty() {
    let data = data();
    let mut seen = std::collections::BTreeSet::new();
    for case in &data.requests {
        let botocore = &case.expected.path;
        if !botocore.is_empty() && !botocore.starts_with('?') {
            continue;
        }
        let ours = build(case).unwrap();
        let path_and_query = format!("/{botocore}");
        let (path, _) = path_and_query.split_once('?').unwrap_or((&path_and_query, ""));
        assert!(ours.uri == path || ours.uri.starts_with(&format!("{path}?")), "{}: {}", case.name, ours.uri);
        assert_eq!(path, "/", "{}", case.name);
        seen.insert(case.operation.clone());
    }
    assert!(seen.contains("ListObjectsV2") && seen.contains("PutBucketPolicy") && seen.contains("CreateBucket"));
}

#[test]
fn object_keys_are_sent_as_botocore_sends_them() {
    let data = data();
    let cases: Vec<&RequestCase> = data.requests.iter().filter(|c| c.name.starts_with("get_object_key_")).collect();
    assert_eq!(cases.len(), 11);
    for case in cases {
        let key = case.params["Key"].as_str().unwrap();
        let ours = build(case).unwrap();
        assert_eq!(ours.uri, case.expected.path, "{key:?}");
        // Never normalized: as many segments as the key has.
        assert_eq!(ours.uri.matches('/').count(), key.matches('/').count() + 1, "{key:?}");
    }
    for name in ["head_object_key_dot_dot_segment", "delete_object_key_spaces_tilde", "put_object_awkward_key_metadata"]
    {
        let case = request_case(&data, name);
        let ours = build(case).unwrap();
        assert_eq!(ours.uri.split('?').next().unwrap(), case.expected.path, "{name}");
    }
}

#[test]
fn user_metadata_is_sent_and_read_as_x_amz_meta_headers() {
    let data = data();
    for name in ["put_object_awkward_key_metadata", "create_multipart_upload_metadata", "copy_object_metadata_replace"]
    {
        let case = request_case(&data, name);
        let ours = build(case).unwrap();
        let metadata = case.params["Metadata"].as_object().unwrap();
        for (key, value) in metadata {
            let header_name = format!("x-amz-meta-{key}");
            assert_eq!(expected_header(&case.expected, &header_name), value.as_str(), "{name}: botocore");
            assert_eq!(header(&ours, &header_name), value.as_str(), "{name}: ours");
        }
    }
    let case = response_case(&data, "get_object_binary_body_metadata");
    let ours = parse(case).unwrap();
    assert_eq!(ours["Metadata"], botocore_output(case)["Metadata"]);
    assert_eq!(ours["Metadata"]["author"], "Jane Doe");
}

#[test]
fn copy_sources_are_percent_encoded_as_botocore_encodes_them() {
    let data = data();
    let cases: Vec<&RequestCase> = data
        .requests
        .iter()
        .filter(|c| {
            c.name.starts_with("copy_object_copy_source_") || c.name.starts_with("upload_part_copy_copy_source")
        })
        .collect();
    assert_eq!(cases.len(), 6);
    for case in cases {
        let given = case.params["CopySource"].as_str().unwrap();
        let botocore = expected_header(&case.expected, "x-amz-copy-source").unwrap();
        let ours = build(case).unwrap();
        assert_eq!(header(&ours, "x-amz-copy-source"), Some(botocore), "{given:?}");
        assert!(botocore.is_ascii(), "{given:?}");
    }
    let case = request_case(&data, "copy_object_copy_source_awkward_key");
    assert_eq!(
        expected_header(&case.expected, "x-amz-copy-source"),
        Some("amzn-s3-demo-source-bucket/a%20b%2B%C3%BC/../c%25d~e")
    );
}

#[test]
fn listings_without_encoding_type_ask_for_url_encoding_as_botocore_does() {
    let data = data();
    for op in ["list_objects", "list_objects_v2", "list_object_versions"] {
        for (suffix, auto) in [("encoding_type_auto_set", true), ("encoding_type_given", false)] {
            let case = request_case(&data, &format!("{op}_{suffix}"));
            assert_eq!(case.params.get("EncodingType").is_none(), auto, "{}", case.name);
            let encoding = ("encoding-type".to_string(), "url".to_string());
            assert!(case.expected.query.contains(&encoding), "{}: botocore", case.name);
            let ours = build(case).unwrap();
            let (_, query) = wire::split_uri(&ours.uri);
            assert!(query.contains(&encoding), "{}: ours {query:?}", case.name);
        }
    }
}

#[test]
fn url_encoded_listings_are_decoded_only_when_botocore_set_the_encoding() {
    let data = data();
    // The keys the script lists (S3_LISTED_KEYS), as they were stored.
    let keys =
        ["a/../b", "a//b", "/lead", "~tilde", "with space", "plus+sign", "100%", "ünïcödé/中文", "line\nbreak\r"];
    let listed = |output: &Value| -> Vec<String> {
        let items = ["Contents", "Versions", "DeleteMarkers"];
        let all = items.iter().filter_map(|list| output.get(*list)?.as_array().cloned()).flatten();
        all.map(|item| item["Key"].as_str().unwrap().to_string()).collect()
    };
    for op in ["list_objects", "list_objects_v2", "list_object_versions"] {
        let decoded = response_case(&data, &format!("{op}_url_encoded_auto_set"));
        assert_eq!(decoded.encoding_type_auto_set, Some(true));
        let ours = parse(decoded).unwrap();
        assert_eq!(listed(&ours), keys, "{op}: ours");
        assert_eq!(listed(&botocore_output(decoded)), keys, "{op}: botocore");

        // The caller set EncodingType: the keys come back as S3 sent them.
        for name in [format!("{op}_url_encoded_caller_set"), format!("{op}_not_url_encoded")] {
            let case = response_case(&data, &name);
            let ours = parse(case).unwrap();
            assert!(wire::same_json(&ours, &botocore_output(case)), "{name}");
            assert!(listed(&ours).iter().any(|k| k.contains("%2B") || k.contains('+')), "{name}");
            assert!(!listed(&ours).iter().any(|k| k.contains('\n')), "{name}");
        }
    }
}

#[test]
fn delete_objects_keys_with_line_breaks_are_written_as_character_references() {
    let data = data();
    for name in ["delete_objects_line_breaks", "put_bucket_lifecycle_configuration_line_break"] {
        let case = request_case(&data, name);
        let ours = build(case).unwrap();
        let body = std::str::from_utf8(&ours.body).unwrap();
        // XML equality reads &#xA; and a raw line feed alike: the bytes.
        for body in [body, case.expected.body.as_str()] {
            assert!(body.contains("&#xA;"), "{name}: {body}");
            assert!(!body.contains('\n') && !body.contains('\r'), "{name}: {body:?}");
        }
        if name == "delete_objects_line_breaks" {
            assert!(body.contains("<Key>both&#xD;&#xA;</Key>"), "{body}");
        }
        assert!(ours.differences(&comparable(case).expected).is_empty(), "{name}");
    }
    let case = response_case(&data, "delete_objects_line_break_keys");
    assert_eq!(parse(case).unwrap()["Deleted"][1]["Key"], "both\r\n");
}

#[test]
fn get_bucket_location_reads_the_bare_root_as_botocore_does() {
    let data = data();
    for (name, expected) in [
        ("get_bucket_location_eu_west_1", Some("eu-west-1")),
        ("get_bucket_location_us_east_1_self_closing", None),
        ("get_bucket_location_us_east_1_empty", None),
        ("get_bucket_location_eu", Some("EU")),
    ] {
        let case = response_case(&data, name);
        let ours = parse(case).unwrap();
        assert_eq!(ours.get("LocationConstraint").and_then(Value::as_str), expected, "{name}: ours");
        // botocore's None is JSON null.
        let botocore = match &case.expected {
            ExpectedResponse::Output(output) => output["LocationConstraint"].as_str(),
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(botocore, expected, "{name}: botocore");
    }
}

#[test]
fn expires_that_is_not_a_date_is_kept_in_expires_string() {
    let data = data();
    for name in ["get_object_expires_not_a_date", "head_object_expires_not_a_date"] {
        let case = response_case(&data, name);
        let ours = parse(case).unwrap();
        assert_eq!(ours["ExpiresString"], "never", "{name}");
        assert!(ours.get("Expires").is_none(), "{name}");
        assert!(wire::same_json(&ours, &botocore_output(case)), "{name}");
    }
    for name in ["get_object_expires_http_date", "head_object_expires_http_date"] {
        let case = response_case(&data, name);
        let ours = parse(case).unwrap();
        assert_eq!(ours["Expires"], "2026-01-01T00:00:00Z", "{name}");
        assert_eq!(ours["ExpiresString"], "Thu, 01 Jan 2026 00:00:00 GMT", "{name}");
        assert!(wire::same_json(&ours, &botocore_output(case)), "{name}");
    }
}

#[test]
fn a_200_holding_an_error_document_is_a_500_error_where_botocore_makes_it_one() {
    let data = data();
    for name in [
        "copy_object_200_error",
        "complete_multipart_upload_200_error",
        "upload_part_copy_200_error",
        "complete_multipart_upload_200_cut_off",
    ] {
        let case = response_case(&data, name);
        assert_eq!((case.response.status, case.error_status), (200, Some(500)), "{name}");
        let ours = parse(case).unwrap_err();
        assert_eq!(ours.status, 500, "{name}");
        let ExpectedResponse::Error { code, .. } = &case.expected else { panic!("{name}") };
        // The cut-off one's code is a known bug (KNOWN_RESPONSE_BUGS).
        if code != "500" {
            assert_eq!(ours.code.as_deref(), Some(code.as_str()), "{name}");
        }
    }
    // A raw body (GetObject) is the object; an operation without output
    // (`()` here, `{}` for botocore) succeeds.
    let case = response_case(&data, "get_object_body_looks_like_error");
    let ours = parse(case).unwrap();
    assert!(wire::same_json(&ours, &botocore_output(case)));
    assert!(ours["Body"].as_str().is_some_and(|b| !b.is_empty()));
    let case = response_case(&data, "delete_bucket_policy_200_error_no_output");
    assert_eq!(parse(case), Ok(Value::Null));
    assert_eq!(botocore_output(case), serde_json::json!({}));
}

#[test]
fn head_errors_without_a_body_take_the_status_as_code_and_map_to_the_modeled_error() {
    let data = data();
    let case = response_case(&data, "head_object_error_not_found_no_body");
    let expected = ExpectedResponse::Error {
        code: "404".to_string(),
        message: "Not Found".to_string(),
        request_id: Some("4442587FB7D0A2F9".to_string()),
    };
    assert_eq!(case.expected, expected);
    match head_object::parse_response(&http_response(&case.response)) {
        Err(s3_sdk::SdkError::Service(head_object::HeadObjectError::NoSuchKey(e))) => {
            assert_eq!((e.code(), e.message(), e.status()), (Some("404"), Some("Not Found"), 404));
        }
        other => panic!("{other:?}"),
    }
    let case = response_case(&data, "head_bucket_error_not_found_no_body");
    assert_eq!(case.expected, expected);
    match head_bucket::parse_response(&http_response(&case.response)) {
        Err(s3_sdk::SdkError::Service(head_bucket::HeadBucketError::NoSuchBucket(e))) => {
            assert_eq!((e.code(), e.message()), (Some("404"), Some("Not Found")));
        }
        other => panic!("{other:?}"),
    }
    // A 403 is not NoSuchKey: unmodeled, with the status as its code.
    let case = response_case(&data, "head_object_error_forbidden_no_body");
    match head_object::parse_response(&http_response(&case.response)) {
        Err(s3_sdk::SdkError::Service(e @ head_object::HeadObjectError::Unhandled(_))) => {
            assert_eq!((e.code(), e.message()), (Some("403"), Some("Forbidden")));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn idempotency_tokens_are_filled_as_botocore_fills_them() {
    let data = data();
    for name in ["rename_object_minimal", "rename_object_idempotency_token"] {
        let case = request_case(&data, name);
        assert!(case.params.get("ClientToken").is_none(), "{name}");
        assert_eq!(expected_header(&case.expected, "x-amz-client-token"), Some(IDEMPOTENCY_TOKEN), "{name}");
        assert_eq!(header(&build(case).unwrap(), "x-amz-client-token"), Some(IDEMPOTENCY_TOKEN), "{name}");
    }
}

/// CRC-32 (ISO-HDLC), as botocore's `x-amz-checksum-crc32`.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn checksums_botocore_adds_after_before_call_are_issue_18() {
    let data = data();
    // The operations whose model requires a request checksum.
    let model: Value = serde_json::from_str(&integration_tests::read_data_string(&integration_tests::model_file(
        "s3",
        "service-2.json",
    )))
    .unwrap();
    let required: std::collections::BTreeSet<String> = model["operations"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, op)| op["httpChecksum"]["requestChecksumRequired"] == true)
        .map(|(name, _)| name.clone())
        .collect();
    let mut operations = std::collections::BTreeSet::new();
    for case in data.requests.iter().filter(|c| c.issue_18.contains_key("x-amz-checksum-crc32")) {
        let added: BTreeMap<&str, &str> = case
            .issue_18
            .iter()
            .filter(|(name, _)| !case.expected.headers.contains_key(*name))
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        // Only a CRC32 of the body, and the algorithm's name if the caller
        // did not give it.
        let names: Vec<&str> = added.keys().copied().collect();
        let given = case.params.get("ChecksumAlgorithm").is_some();
        assert!(given || required.contains(&case.operation), "{}", case.name);
        let expected_names: &[&str] =
            if given { &["x-amz-checksum-crc32"] } else { &["x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm"] };
        assert_eq!(names, expected_names, "{}", case.name);
        let crc = base64::engine::general_purpose::STANDARD.encode(crc32(case.expected.body.as_bytes()).to_be_bytes());
        assert_eq!(added["x-amz-checksum-crc32"], crc, "{}", case.name);
        // Ours sends neither yet.
        let ours = build(case).unwrap();
        for name in names {
            assert_eq!(header(&ours, name), None, "{}: {name}", case.name);
        }
        operations.insert(case.operation.clone());
    }
    // Every operation whose model requires one, and those where the caller
    // chose an algorithm (ChecksumAlgorithm given, no checksum value).
    assert!(operations.is_superset(&required), "{:?}", required.difference(&operations));
}

#[test]
fn sse_c_keys_botocore_base64_encodes_with_their_md5_are_issue_18() {
    let data = data();
    for (name, prefix, member) in [
        ("get_object_sse_c_key_without_md5", "x-amz-server-side-encryption-customer-key", "SSECustomerKey"),
        (
            "copy_object_copy_source_sse_c_key_without_md5",
            "x-amz-copy-source-server-side-encryption-customer-key",
            "CopySourceSSECustomerKey",
        ),
    ] {
        let case = request_case(&data, name);
        let md5 = format!("{prefix}-MD5");
        let names: Vec<&str> = case.issue_18.keys().map(String::as_str).collect();
        assert_eq!(names, [prefix, md5.as_str()], "{name}");
        let key = case.params[member].as_str().unwrap();
        // botocore's sse_md5: the key base64-encoded, and its MD5.
        let encoded = base64::engine::general_purpose::STANDARD.encode(key);
        assert_eq!(expected_header(&case.expected, prefix), Some(encoded.as_str()), "{name}");
        assert_eq!(case.issue_18[&md5].len(), 24, "{name}");
        // Ours: the key as given, no MD5.
        let ours = build(case).unwrap();
        assert_eq!(header(&ours, prefix), Some(key), "{name}");
        assert_eq!(header(&ours, &md5), None, "{name}");
    }
    // A key given with its MD5 is sent as given by both.
    let case = request_case(&data, "head_object_sse_c_key_with_md5");
    assert!(case.issue_18.is_empty());
    assert!(build(case).unwrap().differences(&comparable(case).expected).is_empty());
}

#[test]
fn select_object_content_event_streams_are_not_read_yet() {
    let data = data();
    for name in EVENT_STREAM_NOT_DONE {
        let case = response_case(&data, name);
        let events = botocore_output(case)["Payload"].as_array().map_or(0, Vec::len);
        let response = http_response(&case.response);
        let ours = s3_sdk::operation::select_object_content::parse_response(&response);
        match ours {
            // An empty stream: no payload where botocore has no events.
            Ok(output) => assert!(output.payload.is_none() && events == 0, "{name}"),
            // Events: read as XML, which they are not.
            Err(s3_sdk::SdkError::Response(_)) => assert!(events > 0, "{name}"),
            Err(other) => panic!("{name}: {other:?}"),
        }
    }
}
