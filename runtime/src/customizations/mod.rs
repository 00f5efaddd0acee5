//! The runtime half of service customizations: what botocore does for a
//! service beyond its model, one module per service. The generator's
//! `customizations` module (keyed by the model's service id) decides which
//! generated code calls what is here.

pub mod route53;
pub mod s3;
