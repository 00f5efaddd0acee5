//! S3 Control (`serviceId` "S3 Control").
//!
//! - **The account id is the endpoint's.** The model gives most operations
//!   the host prefix `{AccountId}.`, and its endpoint rules place the
//!   account id in the host too (checking it, and taking it from an ARN
//!   where one is given): the model's prefix is dropped, as botocore's
//!   `remove_accid_host_prefix_from_model` drops it, and `AccountId`
//!   reaches the rules through its `contextParam` (with the operations'
//!   `RequiresAccountId` static parameter).

use crate::ir::Service;

/// The model's `serviceId`.
pub const SERVICE_ID: &str = "S3 Control";

/// The host prefix the endpoint rules place themselves.
const ACCOUNT_ID_PREFIX: &str = "{AccountId}.";

pub(super) fn apply(service: &mut Service) {
    for op in service.operations.values_mut() {
        if op.http.host_prefix.as_deref() == Some(ACCOUNT_ID_PREFIX) {
            op.http.host_prefix = None;
        }
    }
    service.customizations.notes = vec![
        "The account id is placed in the host by the endpoint rules (`<account-id>.s3-control.<region>.amazonaws.com`), \
         checked by them, and taken from an access point or bucket ARN where one is given; endpoints are resolved per \
         request."
            .to_string(),
    ];
}
