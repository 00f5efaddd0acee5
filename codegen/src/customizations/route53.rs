//! Route 53 (`serviceId` "Route 53").
//!
//! - **Resource ids**: Route 53 returns ids with their kind in front
//!   (`/hostedzone/Z123`, `/change/C123`, `/delegationset/N123`) and users
//!   pass them straight back. As botocore's `fix_route53_ids` handler does,
//!   every top-level input member targeting the `ResourceId`,
//!   `DelegationSetId` or `ChangeId` shape sends only what follows the last
//!   `/` (`restxml_runtime::customizations::route53::resource_id`), in a
//!   URI label, the query string, a header or the body alike.
//! - **Error documents**: besides `<ErrorResponse>`, Route 53 answers a
//!   rejected change batch with a document whose root is the error code,
//!   `<InvalidChangeBatch><Messages><Message>…`, one message per problem
//!   (`restxml_runtime::customizations::route53::error_metadata`). The
//!   model names the list of messages `messages`; it is read from
//!   `<Messages>`, the element Route 53 sends.

use crate::ir::{Service, TypeRef, ValueRewrite};

/// The model's `serviceId`.
pub const SERVICE_ID: &str = "Route 53";

/// The error shape Route 53 also sends as a document of its own.
const INVALID_CHANGE_BATCH: &str = "InvalidChangeBatch";

/// The shapes whose values botocore's `fix_route53_ids` trims to their
/// last path segment.
const RESOURCE_ID_SHAPES: [&str; 3] = ["ResourceId", "DelegationSetId", "ChangeId"];

pub(super) fn apply(service: &mut Service) {
    let inputs: Vec<String> = service.operations.values().filter_map(|op| op.input.clone()).collect();
    for input in inputs {
        let Some(structure) = service.shapes.get_mut(&input).and_then(|shape| shape.structure_mut()) else {
            continue;
        };
        for member in &mut structure.members {
            if RESOURCE_ID_SHAPES.contains(&member.target.as_str()) && member.ty == TypeRef::String {
                member.rewrite = Some(ValueRewrite {
                    function: "restxml_runtime::customizations::route53::resource_id".to_string(),
                    owned: false,
                    doc: "An id as Route 53 returns it (`/hostedzone/Z123`, `/change/C123`, `/delegationset/N123`) is \
                          accepted: only the part after the last `/` is sent, as botocore does."
                        .to_string(),
                });
            }
        }
    }
    // The model names the list `messages`; Route 53 sends `<Messages>`
    // (the AWS SDK for Go reads it by that name too).
    if let Some(structure) = service.shapes.get_mut(INVALID_CHANGE_BATCH).and_then(|shape| shape.structure_mut()) {
        for member in &mut structure.members {
            if member.wire_name == "messages" && matches!(member.ty, TypeRef::List(_)) {
                member.xml_name = "Messages".to_string();
            }
        }
    }
    service.customizations.error_metadata = "restxml_runtime::customizations::route53::error_metadata".to_string();
    service.customizations.notes = vec![
        "Ids as Route 53 returns them (`/hostedzone/Z123`, `/change/C123`, `/delegationset/N123`) are accepted \
         wherever an input takes a hosted zone, change or delegation set id; the bare id is sent."
            .to_string(),
        "`InvalidChangeBatch` errors read Route 53's own `<InvalidChangeBatch>` document: `messages` holds one \
         message per problem and `message()` all of them joined; from the usual `<ErrorResponse>`, `message()` \
         holds its one message."
            .to_string(),
    ];
}
