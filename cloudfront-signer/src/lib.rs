//! CloudFront signed URLs and signed cookies.
//!
//! CloudFront serves private content to viewers who present a policy signed
//! with a private key whose public half is in the distribution's trusted key
//! group. This crate signs such policies, for URLs and for cookies:
//!
//! - **Policies**: a *canned* policy (one URL, an expiry) or a
//!   [`CustomPolicy`] (a resource with `*` and `?` wildcards, an expiry, a
//!   start time and a source IP range). A canned policy never silently
//!   becomes a custom one: a wildcard in a canned URL is an error.
//! - **Keys**: RSA (PKCS#1 or PKCS#8, PEM or DER) and ECDSA P-256 (PKCS#8
//!   or SEC1), detected from the key by [`PrivateKey::from_pem`] and
//!   [`PrivateKey::from_der`].
//! - **Hashes**: SHA-1, which CloudFront assumes without a
//!   `Hash-Algorithm` parameter, or SHA-256
//!   ([`Signer::hash_algorithm`]).
//!
//! The output is what CloudFront verifies, byte for byte: the canned policy
//! JSON in CloudFront's member order without whitespace, integer epoch
//! seconds, RSASSA-PKCS1-v1_5 or DER-encoded ECDSA signatures, CloudFront's
//! base64 alphabet (`+` as `-`, `=` as `_`, `/` as `~`), and the signing
//! parameters appended after the URL's own query. With an RSA key and
//! SHA-1 the URLs are the ones botocore's `CloudFrontSigner` produces.
//!
//! Times come from the caller, so signing is deterministic. The crate
//! depends on RustCrypto crates only; a program that signs URLs compiles no
//! HTTP stack and none of the CloudFront API.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use cloudfront_signer::{CookieAttributes, CustomPolicy, HashAlgorithm, PrivateKey, Signer};
//!
//! # let pem = include_str!("../tests/data/keys/rsa_pkcs1.pem");
//! let signer = Signer::new("K2JCJMDEHXQW5F", PrivateKey::from_pem(pem)?)?
//!     .hash_algorithm(HashAlgorithm::Sha256);
//! let in_an_hour = SystemTime::now() + Duration::from_secs(3600);
//!
//! // One file, canned policy.
//! let url = signer.sign_url("https://d111111abcdef8.cloudfront.net/report.pdf", in_an_hour)?;
//!
//! // A whole directory, from one network, as cookies.
//! let policy = CustomPolicy::new("https://d111111abcdef8.cloudfront.net/videos/*", in_an_hour)
//!     .source_ip("198.51.100.0/24".parse()?);
//! let cookies = signer.sign_cookies_with_policy(&policy)?;
//! let headers = cookies.set_cookie_headers(
//!     &CookieAttributes::new().domain("d111111abcdef8.cloudfront.net").path("/videos/"),
//! )?;
//! assert_eq!(headers.len(), 4);
//! assert!(headers[0].starts_with("CloudFront-Policy="));
//! # assert!(url.ends_with("&Hash-Algorithm=SHA256"));
//! # Ok::<(), cloudfront_signer::Error>(())
//! ```

mod cookies;
mod error;
mod key;
mod policy;
mod signer;

pub use cookies::{CookieAttributes, SameSite, SignedCookies};
pub use error::{Error, KeyError};
pub use key::{KeyAlgorithm, PrivateKey};
pub use policy::{CustomPolicy, IpRange, canned_policy_json};
pub use signer::{HashAlgorithm, SIGNING_PARAMETERS, Signer, encode};
