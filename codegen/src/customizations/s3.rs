//! Amazon S3 (`serviceId` "S3"): what botocore's handlers do for S3
//! beyond its model.
//!
//! - **The bucket is the endpoint's.** The endpoint rules place the bucket
//!   in the host (virtual-hosted style) or in the endpoint's path (path
//!   style), so the model's leading `/{Bucket}` is dropped from every
//!   request URI, as botocore's `remove_bucket_from_url_paths_from_model`
//!   does; the bucket reaches the rules through its `contextParam`.
//! - **`CopySource`** (`<bucket>/<key>[?versionId=<id>]`) is
//!   percent-encoded before sending (botocore's `handle_copy_source_param`).
//! - **Line feeds** in DeleteObjects and PutBucketLifecycleConfiguration
//!   bodies are written `&#xA;` (botocore's `escape_xml_payload`).
//! - **User metadata** (`x-amz-meta-*`) must be ASCII, checked before
//!   sending (botocore's `validate_ascii_metadata`).
//! - **Bucket names** are checked as botocore's `validate_bucket_name`
//!   checks them (`restxml_runtime::customizations::s3::check_bucket`).
//! - **GetBucketLocation** is always sent path-style (botocore's
//!   `customize_endpoint_resolver_builtins`): the bucket's region is what
//!   the caller does not know yet; its answer is a bare
//!   `<LocationConstraint>` root whose text is the region (botocore's
//!   `parse_get_bucket_location`), empty for us-east-1.
//! - **`UseGlobalEndpoint`** (the `AWS::S3::UseGlobalEndpoint` built-in) is
//!   a client setting beside the model's `clientContextParams`. Unset, a
//!   client in us-east-1 uses the regional host `s3.us-east-1.amazonaws.com`
//!   (the rules' default, as aws-sdk-rust does); botocore's legacy global
//!   host `s3.amazonaws.com` is `use_global_endpoint(true)`.
//! - **Listings** (ListObjects, ListObjectsV2, ListObjectVersions) ask
//!   for `encoding-type=url` unless the caller chose an encoding, and
//!   decode the keys, prefixes and markers that come back (botocore's
//!   `set_list_objects_encoding_type_url` and `decode_list_object*`).
//! - **`Expires`** in GetObject and HeadObject outputs is read as
//!   botocore's `parse_timestamp` reads it and kept raw as `ExpiresString`
//!   (botocore's `handle_expires_header`).
//! - **`Expect: 100-continue`** goes with PutObject and UploadPart bodies
//!   (botocore's `add_expect_header`).
//! - **Error documents** have an `<Error>` root; HEAD errors have no body;
//!   a 200 response holding an `<Error>` document (or cut off) is an error
//!   (`restxml_runtime::customizations::s3::error_metadata`).

use crate::ir::{
    ClientContextParam, Location, PathPart, Service, StaticParamValue, TypeRef, UrlEncodedKeys, ValueCheck,
    ValueRewrite,
};

/// The model's `serviceId`.
pub const SERVICE_ID: &str = "S3";

/// The listings whose keys are asked for URL-encoded: the output members
/// botocore's `decode_list_object`, `decode_list_object_v2` and
/// `decode_list_object_versions` decode, top-level then nested.
/// A listing's name, its top-level members decoded, and its lists with
/// the member of each item decoded.
type Listing = (&'static str, &'static [&'static str], &'static [(&'static str, &'static str)]);

const URL_ENCODED_LISTINGS: [Listing; 3] = [
    ("ListObjects", &["Delimiter", "Marker", "NextMarker"], &[("Contents", "Key"), ("CommonPrefixes", "Prefix")]),
    ("ListObjectsV2", &["Delimiter", "Prefix", "StartAfter"], &[("Contents", "Key"), ("CommonPrefixes", "Prefix")]),
    (
        "ListObjectVersions",
        &["KeyMarker", "NextKeyMarker", "Prefix", "Delimiter"],
        &[("Versions", "Key"), ("DeleteMarkers", "Key"), ("CommonPrefixes", "Prefix")],
    ),
];

/// The output member botocore adds beside `Expires`: the raw header.
const EXPIRES_STRING: &str = "ExpiresString";

/// The operations whose XML bodies carry line feeds as `&#xA;` (botocore's
/// `escape_xml_payload`): object keys and lifecycle prefixes may hold them.
const ESCAPED_LINE_FEEDS: [&str; 2] = ["DeleteObjects", "PutBucketLifecycleConfiguration"];

/// The operations whose body botocore turns into a file object and sends
/// with `Expect: 100-continue` (`convert_body_to_file_like_object`, then
/// `add_expect_header`): S3 can refuse the upload before the body is sent.
const EXPECT_CONTINUE: [&str; 2] = ["PutObject", "UploadPart"];

/// The operation whose output is the bare text of its root element.
const GET_BUCKET_LOCATION: &str = "GetBucketLocation";

/// The built-in botocore sets from its `us_east_1_regional_endpoint`
/// setting, offered as a client setting.
const USE_GLOBAL_ENDPOINT: &str = "UseGlobalEndpoint";

pub(super) fn apply(service: &mut Service) {
    operations(service);
    errors_in_ok_responses(service);
    location_constraint_root(service);
    raw_expires(service);
    input_members(service);
    use_global_endpoint(service);
    service.customizations.error_metadata = "restxml_runtime::customizations::s3::error_metadata".to_string();
    service.customizations.notes = vec![
        "The bucket is placed by the endpoint rules: in the host (virtual-hosted style) unless path style is \
         needed (`ForcePathStyle`, a bucket name that is not a DNS label, an IP-address endpoint); endpoints are \
         resolved per request from the operation's bucket, key and prefix."
            .to_string(),
        "Bucket names are checked before sending, as botocore checks them: 1 to 255 letters, digits, `.`, `-` \
         and `_`, or an ARN, which the endpoint rules check."
            .to_string(),
        "`copy_source` (CopyObject, UploadPartCopy) is given unencoded, `<bucket>/<key>[?versionId=<id>]`: the \
         bucket and key are percent-encoded before sending, as botocore encodes them."
            .to_string(),
        "Keys with `\\r` or `\\n` in DeleteObjects (and prefixes in PutBucketLifecycleConfiguration) are written \
         as `&#xD;` and `&#xA;`, as botocore writes them, and reach S3 unchanged."
            .to_string(),
        "User metadata (`x-amz-meta-*`) keys and values must be ASCII: others are refused before sending.".to_string(),
        "GetBucketLocation is always sent path-style, as botocore sends it, and its bare \
         `<LocationConstraint>` answer is read (`None` for us-east-1)."
            .to_string(),
        "ListObjects, ListObjectsV2 and ListObjectVersions ask for URL-encoded keys unless `encoding_type` is set, \
         and `send` decodes the keys, prefixes and markers that come back, so keys with characters XML cannot \
         carry arrive exactly; with `encoding_type` set, they come back as S3 sends them."
            .to_string(),
        "A client in `us-east-1` uses the regional endpoint unless `use_global_endpoint(true)` \
         (`ClientContextParams`) asks for botocore's global `s3.amazonaws.com`."
            .to_string(),
        "`expires` (GetObject, HeadObject) is read as botocore reads `Expires` (an HTTP date in any of its three \
         forms, ISO 8601, or epoch seconds) and is `None` for anything else; the header as sent is \
         `expires_string`, as botocore's `ExpiresString`."
            .to_string(),
        "Error responses are S3's: an `<Error>` document; a HEAD error (no body) has the status as its code; \
         a 200 response holding an `<Error>` document, or cut off, is an error and is retried like a 500."
            .to_string(),
    ];
}

/// Per operation: the bucket out of the path, URL-encoded listings, escaped line
/// feeds, `Expect: 100-continue`, GetBucketLocation path-style.
fn operations(service: &mut Service) {
    for op in service.operations.values_mut() {
        // `/{Bucket}` and `/{Bucket}/{Key+}`: the rules place the bucket.
        if let [PathPart::Literal(slash), PathPart::Label { name, greedy: false }, ..] = op.http.path.as_slice()
            && slash == "/"
            && name == "Bucket"
        {
            op.http.path.drain(..2);
        }
        if let Some((_, top, nested)) = URL_ENCODED_LISTINGS.iter().find(|(name, ..)| *name == op.name) {
            op.url_encoded_keys = Some(UrlEncodedKeys {
                member: "EncodingType".to_string(),
                value: "url".to_string(),
                top: top.iter().map(|m| m.to_string()).collect(),
                nested: nested.iter().map(|(list, item)| (list.to_string(), item.to_string())).collect(),
            });
        }
        op.escape_line_feeds = ESCAPED_LINE_FEEDS.contains(&op.name.as_str());
        op.expect_continue = EXPECT_CONTINUE.contains(&op.name.as_str());
        if op.name == GET_BUCKET_LOCATION {
            op.static_context_params.push(("ForcePathStyle".to_string(), StaticParamValue::Bool(true)));
            op.static_context_params.sort_by(|a, b| a.0.cmp(&b.0));
        }
    }
}

/// The operations whose `200 OK` may hide an error.
fn errors_in_ok_responses(service: &mut Service) {
    // botocore's `_should_handle_200_error`: every operation with an output
    // that is not a raw body (a blob or string payload) or an event stream.
    let raw_outputs: Vec<String> = service
        .operations
        .values()
        .filter(|op| match op.output.as_deref().and_then(|name| service.shapes.get(name)?.structure()) {
            None => true,
            Some(output) => output.members.iter().any(|m| {
                m.location == Location::Payload
                    && match &m.ty {
                        TypeRef::Blob | TypeRef::Stream | TypeRef::String => true,
                        TypeRef::Structure(name) => {
                            service.shapes.get(name).and_then(|s| s.structure()).is_some_and(|s| s.event_stream)
                        }
                        _ => false,
                    }
            }),
        })
        .map(|op| op.name.clone())
        .collect();
    for op in service.operations.values_mut() {
        op.error_in_ok_response = !raw_outputs.contains(&op.name);
    }
}

/// GetBucketLocation's answer is its root's text.
fn location_constraint_root(service: &mut Service) {
    // `<LocationConstraint>eu-west-1</LocationConstraint>`: the root's text
    // is the member (botocore's `parse_get_bucket_location`).
    let location_output = service.operations.get(GET_BUCKET_LOCATION).and_then(|op| op.output.clone());
    if let Some(structure) =
        location_output.and_then(|name| service.shapes.get_mut(&name)).and_then(|shape| shape.structure_mut())
    {
        for member in &mut structure.members {
            if member.wire_name == "LocationConstraint" {
                member.location = Location::RootText;
                member.docs.push_str(
                    "\n\nRead from the text of the response's root element, `<LocationConstraint>`; `None` for a \
                     bucket in us-east-1 (an empty root), as botocore reads it.",
                );
            }
        }
    }
}

/// `Expires` read leniently, its raw text kept as `ExpiresString`.
fn raw_expires(service: &mut Service) {
    // `Expires` (a timestamp, by botocore's sdk-extras) may hold any text:
    // the raw header is also kept as `ExpiresString`, and a value that is
    // not a date reads as absent (botocore's `handle_expires_header`).
    let outputs: Vec<String> = service.operations.values().filter_map(|op| op.output.clone()).collect();
    for output in outputs {
        let Some(structure) = service.shapes.get_mut(&output).and_then(|shape| shape.structure_mut()) else {
            continue;
        };
        let Some(index) = structure.members.iter().position(|m| {
            m.wire_name == "Expires"
                && m.location == Location::Header("Expires".to_string())
                && matches!(m.ty, TypeRef::Timestamp(_))
        }) else {
            continue;
        };
        if structure.members.iter().any(|m| m.wire_name == EXPIRES_STRING) {
            continue;
        }
        let expires = &mut structure.members[index];
        expires.header_parser = Some("restxml_runtime::customizations::s3::parse_expires".to_string());
        expires.docs.push_str(
            "\n\nRead as botocore reads it (an HTTP date in any of its three forms, ISO 8601, or seconds since \
             the epoch); `None` when the header is none of these (S3 stores any text the uploader gave): the \
             raw header is in `expires_string`, as botocore keeps it in `ExpiresString`.",
        );
        let mut raw = expires.clone();
        raw.wire_name = EXPIRES_STRING.to_string();
        raw.field = "expires_string".to_string();
        raw.xml_name = EXPIRES_STRING.to_string();
        raw.ty = TypeRef::String;
        raw.header_parser = None;
        raw.deprecated = None;
        raw.target = EXPIRES_STRING.to_string();
        raw.docs = "The `Expires` header as sent, whether or not it is a date (botocore's `ExpiresString`, \
                    added by its `handle_expires_header`); `expires` holds it parsed when it is one."
            .to_string();
        structure.members.insert(index + 1, raw);
    }
}

/// Checks and rewrites of input members: metadata, `CopySource`, `Bucket`.
fn input_members(service: &mut Service) {
    let inputs: Vec<String> = service.operations.values().filter_map(|op| op.input.clone()).collect();
    for input in inputs {
        let Some(structure) = service.shapes.get_mut(&input).and_then(|shape| shape.structure_mut()) else {
            continue;
        };
        for member in &mut structure.members {
            if member.location == Location::PrefixHeaders("x-amz-meta-".to_string()) {
                member.check = Some(ValueCheck {
                    function: "restxml_runtime::customizations::s3::check_metadata".to_string(),
                    doc: "Sent as one `x-amz-meta-<key>` header per entry; a key or value that is not ASCII \
                          (or holds a control character) is refused before sending, as botocore's \
                          `validate_ascii_metadata` refuses it: S3 keeps only ASCII metadata."
                        .to_string(),
                });
            }
            if member.wire_name == "CopySource" && member.location == Location::Header("x-amz-copy-source".to_string())
            {
                member.rewrite = Some(ValueRewrite {
                    function: "restxml_runtime::customizations::s3::copy_source".to_string(),
                    owned: true,
                    doc: "`<bucket>/<key>`, optionally ending in `?versionId=<id>`, given as is: the bucket and key \
                          are percent-encoded before sending (all but letters, digits, `-._~` and `/`; a \
                          `?versionId=` suffix is kept), as botocore's `handle_copy_source_param` encodes them."
                        .to_string(),
                });
            }
            if member.context_param.as_deref() == Some("Bucket") {
                member.check = Some(ValueCheck {
                    function: "restxml_runtime::customizations::s3::check_bucket".to_string(),
                    doc: "A bucket name of 1 to 255 letters, digits, `.`, `-` and `_` (anything else is refused \
                          before sending, as botocore's `validate_bucket_name` refuses it), or an access point, \
                          Object Lambda, Outposts or Multi-Region Access Point ARN (checked by the endpoint \
                          rules, which name what is wrong with an ARN they refuse)."
                        .to_string(),
                });
            }
        }
    }
}

/// The `AWS::S3::UseGlobalEndpoint` built-in as a client setting.
fn use_global_endpoint(service: &mut Service) {
    if !service.client_context_params.iter().any(|p| p.name == USE_GLOBAL_ENDPOINT) {
        service.client_context_params.push(ClientContextParam {
            name: USE_GLOBAL_ENDPOINT.to_string(),
            boolean: true,
            docs: "Sends requests of a client in `us-east-1` to the legacy global endpoint `s3.amazonaws.com` \
                   (`AWS::S3::UseGlobalEndpoint`, what botocore does unless its `us_east_1_regional_endpoint` \
                   is `regional`). Unset or `false`, they go to the regional `s3.us-east-1.amazonaws.com`, as \
                   the endpoint rules' default and aws-sdk-rust have it."
                .to_string(),
        });
        service.client_context_params.sort_by(|a, b| a.name.cmp(&b.name));
    }
}
