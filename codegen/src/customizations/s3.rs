//! Amazon S3 (`serviceId` "S3"): what botocore's handlers do for S3
//! beyond its model.
//!
//! - **The bucket is the endpoint's.** The endpoint rules place the bucket
//!   in the host (virtual-hosted style) or in the endpoint's path (path
//!   style), so the model's leading `/{Bucket}` is dropped from every
//!   request URI, as botocore's `remove_bucket_from_url_paths_from_model`
//!   does; the bucket reaches the rules through its `contextParam`.
//! - **Bucket names** are checked as botocore's `validate_bucket_name`
//!   checks them (`restxml_runtime::customizations::s3::check_bucket`).
//! - **GetBucketLocation** is always sent path-style (botocore's
//!   `customize_endpoint_resolver_builtins`): the bucket's region is what
//!   the caller does not know yet.
//! - **`UseGlobalEndpoint`** (the `AWS::S3::UseGlobalEndpoint` built-in) is
//!   a client setting beside the model's `clientContextParams`. Unset, a
//!   client in us-east-1 uses the regional host `s3.us-east-1.amazonaws.com`
//!   (the rules' default, as aws-sdk-rust does); botocore's legacy global
//!   host `s3.amazonaws.com` is `use_global_endpoint(true)`.
//! - **Error documents** have an `<Error>` root; HEAD errors have no body;
//!   a 200 response holding an `<Error>` document (or cut off) is an error
//!   (`restxml_runtime::customizations::s3::error_metadata`).

use crate::ir::{ClientContextParam, Location, PathPart, Service, StaticParamValue, TypeRef, ValueCheck};

/// The model's `serviceId`.
pub const SERVICE_ID: &str = "S3";

/// The built-in botocore sets from its `us_east_1_regional_endpoint`
/// setting, offered as a client setting.
const USE_GLOBAL_ENDPOINT: &str = "UseGlobalEndpoint";

pub(super) fn apply(service: &mut Service) {
    for op in service.operations.values_mut() {
        // `/{Bucket}` and `/{Bucket}/{Key+}`: the rules place the bucket.
        if let [PathPart::Literal(slash), PathPart::Label { name, greedy: false }, ..] = op.http.path.as_slice()
            && slash == "/"
            && name == "Bucket"
        {
            op.http.path.drain(..2);
        }
        if op.name == "GetBucketLocation" {
            op.static_context_params.push(("ForcePathStyle".to_string(), StaticParamValue::Bool(true)));
            op.static_context_params.sort_by(|a, b| a.0.cmp(&b.0));
        }
    }
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
                        TypeRef::Blob | TypeRef::String => true,
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
    let inputs: Vec<String> = service.operations.values().filter_map(|op| op.input.clone()).collect();
    for input in inputs {
        let Some(structure) = service.shapes.get_mut(&input).and_then(|shape| shape.structure_mut()) else {
            continue;
        };
        for member in &mut structure.members {
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
    service.customizations.error_metadata = "restxml_runtime::customizations::s3::error_metadata".to_string();
    service.customizations.notes = vec![
        "The bucket is placed by the endpoint rules: in the host (virtual-hosted style) unless path style is \
         needed (`ForcePathStyle`, a bucket name that is not a DNS label, an IP-address endpoint); endpoints are \
         resolved per request from the operation's bucket, key and prefix."
            .to_string(),
        "Bucket names are checked before sending, as botocore checks them: 1 to 255 letters, digits, `.`, `-` \
         and `_`, or an ARN, which the endpoint rules check."
            .to_string(),
        "GetBucketLocation is always sent path-style, as botocore sends it.".to_string(),
        "A client in `us-east-1` uses the regional endpoint unless `use_global_endpoint(true)` \
         (`ClientContextParams`) asks for botocore's global `s3.amazonaws.com`."
            .to_string(),
        "Error responses are S3's: an `<Error>` document; a HEAD error (no body) has the status as its code; \
         a 200 response holding an `<Error>` document, or cut off, is an error and is retried like a 500."
            .to_string(),
    ];
}
