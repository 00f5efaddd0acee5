//! The signer's behaviour: botocore's URLs, every key format, a verifier
//! that does what CloudFront does, Python's `cryptography` on the exact
//! bytes, and properties over random resources and times.

mod botocore;
mod independent;
mod keys;
mod properties;
mod support;
mod urls_and_cookies;
mod verifier;
