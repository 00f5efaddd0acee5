//! Service customizations: what botocore does for a service beyond its
//! model (its handlers in `botocore/handlers.py`), one module per service,
//! chosen by the model's `serviceId`, never by an API version.
//!
//! A customization changes the resolved form ([`Service`]) before the
//! emitters run: it marks members whose values are rewritten before they
//! are sent ([`ValueRewrite`](crate::ir::ValueRewrite)), or names the
//! runtime function that reads the service's error documents. The runtime
//! half of each customization lives in `restxml_runtime::customizations`
//! under the same service's name.
//!
//! | service id | module | what |
//! |---|---|---|
//! | `Route 53` | [`route53`] | resource ids sent bare; `InvalidChangeBatch` error documents |
//! | `S3` | [`s3`] | the bucket placed by the endpoint rules; bucket names checked; `UseGlobalEndpoint`; S3's error rules, listings, streaming payloads' neighbours |
//! | `S3 Control` | [`s3control`] | the account id placed by the endpoint rules |

pub mod route53;
pub mod s3;
pub mod s3control;

use crate::ir::Service;

/// Applies the customizations of `service`'s service id, if it has any.
pub fn apply(service: &mut Service) {
    match service.service_id.as_str() {
        route53::SERVICE_ID => route53::apply(service),
        s3::SERVICE_ID => s3::apply(service),
        s3control::SERVICE_ID => s3control::apply(service),
        _ => {}
    }
}
