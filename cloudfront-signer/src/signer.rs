//! The signer: signed URLs and signed cookies from a key-pair id and a
//! private key.

use std::fmt;
use std::time::SystemTime;

use base64::Engine as _;
use p256::ecdsa::signature::{DigestSigner as _, SignatureEncoding as _, Signer as _};
use sha1::Sha1;
use sha2::Sha256;

use crate::cookies::SignedCookies;
use crate::error::Error;
use crate::key::{KeyAlgorithm, KeyInner, PrivateKey};
use crate::policy::{CustomPolicy, canned_expires, canned_policy_json, check_resource};

/// The query parameters (and, prefixed with `CloudFront-`, the cookies)
/// that signing adds; a URL that already has one is refused. Names are
/// compared as CloudFront reads them: exactly (case-sensitive, not
/// percent-decoded), so an application's own `expires` parameter is fine.
pub const SIGNING_PARAMETERS: [&str; 5] = ["Expires", "Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"];

/// The hash the signature is computed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum HashAlgorithm {
    /// SHA-1: what CloudFront assumes when the URL has no `Hash-Algorithm`
    /// parameter (and what botocore's `CloudFrontSigner` documents). No
    /// parameter or cookie is added.
    #[default]
    Sha1,
    /// SHA-256: adds `Hash-Algorithm=SHA256` to the URL, or the
    /// `CloudFront-Hash-Algorithm=SHA256` cookie. For distributions whose
    /// viewers or policies rule SHA-1 out (FIPS, recent OpenSSL defaults).
    Sha256,
}

impl HashAlgorithm {
    /// The value of the `Hash-Algorithm` parameter, `None` for SHA-1
    /// (which is sent as no parameter at all).
    pub fn parameter(self) -> Option<&'static str> {
        match self {
            HashAlgorithm::Sha1 => None,
            HashAlgorithm::Sha256 => Some("SHA256"),
        }
    }
}

/// Signs CloudFront URLs and cookies with one key.
///
/// The key-pair id is the id of the public key in the distribution's
/// trusted key group (`K2JCJMDEHXQW5F`), or a legacy CloudFront key pair's
/// id (`APKA…`); it is sent as `Key-Pair-Id` as given. Signing is
/// deterministic: RSA signatures are PKCS#1 v1.5, ECDSA signatures use
/// RFC 6979 nonces and are DER-encoded, and every time comes from the
/// caller.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use cloudfront_signer::{PrivateKey, Signer};
///
/// # let pem = include_str!("../tests/data/keys/ec_pkcs8.pem");
/// let key = PrivateKey::from_pem(pem)?;
/// let signer = Signer::new("K2JCJMDEHXQW5F", key)?;
/// let expires = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
/// let url = signer.sign_url("https://d111111abcdef8.cloudfront.net/image.jpg", expires)?;
/// assert!(url.starts_with(
///     "https://d111111abcdef8.cloudfront.net/image.jpg?Expires=1767225600&Signature="
/// ));
/// assert!(url.ends_with("&Key-Pair-Id=K2JCJMDEHXQW5F"));
/// # Ok::<(), cloudfront_signer::Error>(())
/// ```
#[derive(Clone)]
pub struct Signer {
    key_pair_id: String,
    key: PrivateKey,
    hash: HashAlgorithm,
    signing: SigningKey,
}

/// The key made ready for the chosen hash.
#[derive(Clone)]
enum SigningKey {
    RsaSha1(rsa::pkcs1v15::SigningKey<Sha1>),
    RsaSha256(rsa::pkcs1v15::SigningKey<Sha256>),
    Ecdsa(p256::ecdsa::SigningKey, HashAlgorithm),
}

impl Signer {
    /// A signer for `key_pair_id` with `key`, hashing with SHA-1 (see
    /// [`Signer::hash_algorithm`]).
    ///
    /// # Errors
    /// [`Error::InvalidKeyPairId`] when the id is empty or has a character
    /// other than ASCII letters, digits, `-`, `_`, `.` and `~` (it is sent
    /// unescaped in a query string and a cookie).
    pub fn new(key_pair_id: impl Into<String>, key: PrivateKey) -> Result<Self, Error> {
        let key_pair_id = key_pair_id.into();
        let valid = |byte: u8| byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte);
        if key_pair_id.is_empty() || !key_pair_id.bytes().all(valid) {
            return Err(Error::InvalidKeyPairId { id: key_pair_id });
        }
        let hash = HashAlgorithm::Sha1;
        Ok(Signer { key_pair_id, signing: SigningKey::new(&key, hash), key, hash })
    }

    /// The same signer hashing with `hash`; SHA-256 adds the
    /// `Hash-Algorithm` parameter or cookie.
    pub fn hash_algorithm(mut self, hash: HashAlgorithm) -> Self {
        self.hash = hash;
        self.signing = SigningKey::new(&self.key, hash);
        self
    }

    /// The key-pair id sent as `Key-Pair-Id`.
    pub fn key_pair_id(&self) -> &str {
        &self.key_pair_id
    }

    /// The key's algorithm.
    pub fn key_algorithm(&self) -> KeyAlgorithm {
        self.key.algorithm()
    }

    /// The hash the signatures use.
    pub fn hash(&self) -> HashAlgorithm {
        self.hash
    }

    /// A signed URL with a canned policy: `url` valid until `expires`.
    ///
    /// Appends `Expires` (epoch seconds), `Signature`, `Key-Pair-Id` and,
    /// for SHA-256, `Hash-Algorithm` after the URL's own query (with `&`
    /// if the URL has a `?`, as botocore does). The signature covers the
    /// canned policy of `url` as given, which is what CloudFront rebuilds
    /// from the request.
    ///
    /// # Errors
    /// [`Error::NonAsciiResource`] and [`Error::EmptyResource`] for the URL,
    /// [`Error::WildcardInCannedPolicy`] for a `*` (or a `?` in the query),
    /// [`Error::Fragment`], [`Error::ReservedParameter`] and
    /// [`Error::TimeBeforeEpoch`].
    pub fn sign_url(&self, url: &str, expires: impl Into<SystemTime>) -> Result<String, Error> {
        check_url(url)?;
        let expires = expires.into();
        let policy = canned_policy_json(url, expires)?;
        let seconds = canned_expires(expires)?;
        Ok(self.url_with(url, "Expires", &seconds.to_string(), &policy))
    }

    /// A signed URL with a custom policy. `url` must match the policy's
    /// resource pattern.
    ///
    /// Appends `Policy` (the policy in CloudFront's base64), `Signature`,
    /// `Key-Pair-Id` and, for SHA-256, `Hash-Algorithm`.
    ///
    /// # Errors
    /// As [`Signer::sign_url`] for the URL (except wildcards), the errors of
    /// [`CustomPolicy::to_json`], and [`Error::ResourceMismatch`] when the
    /// URL does not match the policy's resource.
    pub fn sign_url_with_policy(&self, url: &str, policy: &CustomPolicy) -> Result<String, Error> {
        check_url(url)?;
        let json = policy.to_json()?;
        if !policy.matches(url) {
            return Err(Error::ResourceMismatch { url: url.to_owned(), resource: policy.resource().to_owned() });
        }
        Ok(self.url_with(url, "Policy", &encode(json.as_bytes()), &json))
    }

    /// Signed cookies with a canned policy for one resource (the URL of the
    /// file, as the viewer will request it) until `expires`:
    /// `CloudFront-Expires`, `CloudFront-Signature`,
    /// `CloudFront-Key-Pair-Id` and, for SHA-256,
    /// `CloudFront-Hash-Algorithm`.
    ///
    /// # Errors
    /// [`Error::NonAsciiResource`], [`Error::EmptyResource`],
    /// [`Error::WildcardInCannedPolicy`], [`Error::Fragment`] and
    /// [`Error::TimeBeforeEpoch`].
    pub fn sign_cookies(&self, resource: &str, expires: impl Into<SystemTime>) -> Result<SignedCookies, Error> {
        check_no_fragment(resource)?;
        let expires = expires.into();
        let policy = canned_policy_json(resource, expires)?;
        let seconds = canned_expires(expires)?;
        Ok(self.cookies_with("CloudFront-Expires", seconds.to_string(), &policy))
    }

    /// Signed cookies with a custom policy, usually one with a wildcard
    /// resource covering many files: `CloudFront-Policy`,
    /// `CloudFront-Signature`, `CloudFront-Key-Pair-Id` and, for SHA-256,
    /// `CloudFront-Hash-Algorithm`.
    ///
    /// # Errors
    /// The errors of [`CustomPolicy::to_json`].
    pub fn sign_cookies_with_policy(&self, policy: &CustomPolicy) -> Result<SignedCookies, Error> {
        let json = policy.to_json()?;
        Ok(self.cookies_with("CloudFront-Policy", encode(json.as_bytes()), &json))
    }

    /// The signature of `policy` (the exact bytes CloudFront verifies) in
    /// CloudFront's base64, as it goes in `Signature`.
    pub fn signature(&self, policy: &[u8]) -> String {
        encode(&self.signing.sign(policy))
    }

    fn url_with(&self, url: &str, first: &str, value: &str, policy: &str) -> String {
        let signature = self.signature(policy.as_bytes());
        let mut signed = String::with_capacity(url.len() + value.len() + signature.len() + 64);
        signed.push_str(url);
        signed.push(if url.contains('?') { '&' } else { '?' });
        for (index, (name, value)) in
            [(first, value), ("Signature", signature.as_str()), ("Key-Pair-Id", self.key_pair_id.as_str())]
                .into_iter()
                .chain(self.hash.parameter().map(|hash| ("Hash-Algorithm", hash)))
                .enumerate()
        {
            if index > 0 {
                signed.push('&');
            }
            signed.push_str(name);
            signed.push('=');
            signed.push_str(value);
        }
        signed
    }

    fn cookies_with(&self, first: &'static str, value: String, policy: &str) -> SignedCookies {
        let mut cookies = vec![
            (first, value),
            ("CloudFront-Signature", self.signature(policy.as_bytes())),
            ("CloudFront-Key-Pair-Id", self.key_pair_id.clone()),
        ];
        if let Some(hash) = self.hash.parameter() {
            cookies.push(("CloudFront-Hash-Algorithm", hash.to_owned()));
        }
        SignedCookies::new(cookies)
    }
}

impl SigningKey {
    fn new(key: &PrivateKey, hash: HashAlgorithm) -> Self {
        match (&key.inner, hash) {
            (KeyInner::Rsa(key), HashAlgorithm::Sha1) => {
                SigningKey::RsaSha1(rsa::pkcs1v15::SigningKey::new(key.clone()))
            }
            (KeyInner::Rsa(key), HashAlgorithm::Sha256) => {
                SigningKey::RsaSha256(rsa::pkcs1v15::SigningKey::new(key.clone()))
            }
            (KeyInner::EcdsaP256(key), hash) => SigningKey::Ecdsa(key.clone(), hash),
        }
    }

    /// RSASSA-PKCS1-v1_5, or ECDSA with an RFC 6979 nonce and the signature
    /// DER-encoded (over a SHA-1 digest, the 160 bits are the integer the
    /// curve's order reduces, as OpenSSL reads them).
    fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            SigningKey::RsaSha1(key) => key.sign(message).to_vec(),
            SigningKey::RsaSha256(key) => key.sign(message).to_vec(),
            SigningKey::Ecdsa(key, HashAlgorithm::Sha1) => {
                let signature: p256::ecdsa::Signature = key.sign_digest(|digest: &mut Sha1| {
                    sha1::Digest::update(digest, message);
                });
                signature.to_der().to_vec()
            }
            SigningKey::Ecdsa(key, HashAlgorithm::Sha256) => {
                let signature: p256::ecdsa::Signature = key.sign(message);
                signature.to_der().to_vec()
            }
        }
    }
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("key_pair_id", &self.key_pair_id)
            .field("key", &self.key)
            .field("hash", &self.hash)
            .finish()
    }
}

/// Non-empty ASCII, no fragment, none of the signing parameters.
fn check_url(url: &str) -> Result<(), Error> {
    check_resource(url)?;
    check_no_fragment(url)?;
    if let Some((_, query)) = url.split_once('?') {
        for pair in query.split('&') {
            let name = pair.split_once('=').map_or(pair, |(name, _)| name);
            if let Some(reserved) = SIGNING_PARAMETERS.iter().find(|reserved| **reserved == name) {
                return Err(Error::ReservedParameter { url: url.to_owned(), name: reserved });
            }
        }
    }
    Ok(())
}

/// Browsers do not send a `#fragment`, so no policy can cover one.
fn check_no_fragment(url: &str) -> Result<(), Error> {
    match url.contains('#') {
        true => Err(Error::Fragment { url: url.to_owned() }),
        false => Ok(()),
    }
}

/// Base64 with CloudFront's URL-safe substitutions: `+` to `-`, `=` to `_`
/// and `/` to `~`. The result is never percent-encoded afterwards.
pub fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD
        .encode(bytes)
        .chars()
        .map(|c| match c {
            '+' => '-',
            '=' => '_',
            '/' => '~',
            c => c,
        })
        .collect()
}
