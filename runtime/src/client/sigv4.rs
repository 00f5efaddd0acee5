//! AWS Signature Version 4, signed as botocore 1.43.11 signs: header
//! signing (`SigV4Auth`, and `S3SigV4Auth` for S3) and query signing
//! (`SigV4QueryAuth`, `S3SigV4QueryAuth`: presigned URLs), built on the
//! RustCrypto `hmac` and `sha2` crates.
//!
//! The rules, each as botocore applies them:
//!
//! * **Path.** Every service but S3 removes dot segments and empty
//!   segments (`//`) from the path as sent, then percent-encodes it again
//!   (everything but `A-Z a-z 0-9 - _ . ~ /`), so `a%2Fb` is signed as
//!   `a%252Fb` ([`PathRule::Normalize`]). S3 and S3 Control sign the path
//!   as sent ([`PathRule::AsSent`]).
//! * **Query.** The query as sent, split on `&`, each pair at its first `=`
//!   (a bare key is `key=`), sorted by key then value, re-joined. Nothing is
//!   decoded or encoded again: the query must be sent encoded as the
//!   serializers encode it (uppercase hex, only `-_.~` left as they are).
//! * **Headers.** Every header but the hop-by-hop ones, `User-Agent` and
//!   `X-Amzn-Trace-Id` ([`UNSIGNED_HEADERS`]), named in lowercase, sorted;
//!   each value trimmed with inner runs of spaces and tabs collapsed to one
//!   space; the values of a repeated header joined with `,` in the order
//!   sent. `host` is signed from the URI (lowercase, default port dropped)
//!   unless the request carries a `Host` header.
//! * **Payload.** The hex SHA-256 of the body, or a fixed value
//!   ([`PayloadHash`]); a request that carries `X-Amz-Content-SHA256` signs
//!   that header's value. S3 adds `X-Amz-Content-SHA256` itself.
//! * **Date.** `X-Amz-Date` is (re)set to the signing time; if the request
//!   carries a `Date` header, botocore rewrites `Date` instead (RFC 2822
//!   with `-0000`) and drops `X-Amz-Date`.
//! * **Session token.** Signed, as `X-Amz-Security-Token` (a header, or a
//!   query parameter when presigning).
//!
//! Signing keys (one HMAC chain per day, region and service) are cached
//! in a [`SigningKeyCache`]; the secret, the keys and the HMAC states are
//! zeroized when dropped, and no `Debug` output shows a secret, a key or a
//! session token.

use std::fmt;
use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use hmac::{Hmac, KeyInit, Mac};
use http::header::{HeaderName, HeaderValue};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::credentials::Credentials;
use crate::{DateTime, TimestampFormat};

/// The algorithm name in the string to sign and the `Authorization` header.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// The payload hash of a request whose body is not signed.
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

/// The payload hash of an S3 upload whose body is sent in `aws-chunked`
/// encoding, unsigned, with its checksum in a trailer.
pub const STREAMING_UNSIGNED_PAYLOAD_TRAILER: &str = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

/// The hex SHA-256 of the empty string: the payload hash of an empty body.
pub const EMPTY_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Headers botocore never signs (hop-by-hop ones, and ones proxies and
/// tracers rewrite), in lowercase.
pub const UNSIGNED_HEADERS: [&str; 11] = [
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// The longest validity of a presigned request SigV4 allows: seven days.
pub const MAX_PRESIGNED_EXPIRY: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// How the path enters the canonical request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathRule {
    /// Dot segments and empty segments removed, then percent-encoded again
    /// (every service but S3).
    Normalize,
    /// The path as sent (S3 and S3 Control).
    AsSent,
}

/// What stands for the body in the canonical request.
#[derive(Clone, PartialEq, Eq)]
pub enum PayloadHash {
    /// The hex SHA-256 of the request body.
    Body,
    /// [`UNSIGNED_PAYLOAD`].
    Unsigned,
    /// [`STREAMING_UNSIGNED_PAYLOAD_TRAILER`]: an S3 upload whose checksum
    /// is sent in a trailer.
    StreamingUnsignedPayloadTrailer,
    /// A hash the caller computed (lowercase hex SHA-256).
    Precomputed(String),
}

impl fmt::Debug for PayloadHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayloadHash::Body => f.write_str("Body"),
            PayloadHash::Unsigned => f.write_str("Unsigned"),
            PayloadHash::StreamingUnsignedPayloadTrailer => f.write_str("StreamingUnsignedPayloadTrailer"),
            PayloadHash::Precomputed(hash) => f.debug_tuple("Precomputed").field(hash).finish(),
        }
    }
}

/// A service's signing rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// How the path is canonicalized.
    pub path: PathRule,
    /// What stands for the body.
    pub payload: PayloadHash,
    /// Whether the payload hash is also sent as `X-Amz-Content-SHA256`
    /// (and signed): S3's rule, for header signing only.
    pub content_sha256_header: bool,
}

impl Settings {
    /// The rules botocore applies to the service signed as `signing_name`
    /// when signing headers: S3's (`s3`, `s3-outposts`,
    /// `s3-object-lambda`: S3 Control signs as `s3`) sign the path as sent
    /// and send `X-Amz-Content-SHA256`; every other service normalizes the
    /// path. Both hash the body.
    pub fn for_service(signing_name: &str) -> Self {
        if is_s3(signing_name) {
            Settings { path: PathRule::AsSent, payload: PayloadHash::Body, content_sha256_header: true }
        } else {
            Settings { path: PathRule::Normalize, payload: PayloadHash::Body, content_sha256_header: false }
        }
    }

    /// The rules botocore applies when presigning for `signing_name`: S3
    /// signs the path as sent and [`UNSIGNED_PAYLOAD`]; every other service
    /// normalizes the path and hashes the body.
    pub fn presigned_for_service(signing_name: &str) -> Self {
        if is_s3(signing_name) {
            Settings { path: PathRule::AsSent, payload: PayloadHash::Unsigned, content_sha256_header: false }
        } else {
            Settings { path: PathRule::Normalize, payload: PayloadHash::Body, content_sha256_header: false }
        }
    }
}

fn is_s3(signing_name: &str) -> bool {
    matches!(signing_name, "s3" | "s3-outposts" | "s3-object-lambda")
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningError(String);

impl SigningError {
    /// An error with a message (which must not hold a secret).
    pub fn new(message: impl Into<String>) -> Self {
        SigningError(message.into())
    }
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "signing failed: {}", self.0)
    }
}

impl std::error::Error for SigningError {}

/// What to sign with: credentials, scope, time and rules.
#[derive(Clone, Copy)]
pub struct SigningParams<'a> {
    /// The credentials.
    pub credentials: &'a Credentials,
    /// The region of the scope.
    pub region: &'a str,
    /// The signing name of the service (`s3`, `cloudfront`, `route53`).
    pub service: &'a str,
    /// The signing time.
    pub time: SystemTime,
    /// The service's rules.
    pub settings: &'a Settings,
    /// Where derived signing keys are kept between requests (none: derived
    /// for each request).
    pub cache: Option<&'a SigningKeyCache>,
}

impl fmt::Debug for SigningParams<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningParams")
            .field("credentials", self.credentials)
            .field("region", &self.region)
            .field("service", &self.service)
            .field("time", &self.time)
            .field("settings", self.settings)
            .finish_non_exhaustive()
    }
}

/// What signing produced: the intermediate strings (for tests and
/// debugging) and the signature. `Debug` shows neither the canonical
/// request nor the string to sign (they may hold a session token).
#[derive(Clone, PartialEq, Eq)]
pub struct Signature {
    canonical_request: String,
    string_to_sign: String,
    signed_headers: String,
    signature: String,
}

impl Signature {
    /// The canonical request (holds the session token, if any: do not log).
    pub fn canonical_request(&self) -> &str {
        &self.canonical_request
    }

    /// The string to sign.
    pub fn string_to_sign(&self) -> &str {
        &self.string_to_sign
    }

    /// The signed header names, sorted and joined with `;`.
    pub fn signed_headers(&self) -> &str {
        &self.signed_headers
    }

    /// The signature (lowercase hex).
    pub fn signature(&self) -> &str {
        &self.signature
    }
}

impl fmt::Debug for Signature {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signature")
            .field("signed_headers", &self.signed_headers)
            .field("signature", &self.signature)
            .finish_non_exhaustive()
    }
}

/// A request in the parts the canonical request is made of, before any
/// signing header is added: the input of [`canonical_request`].
#[derive(Debug, Clone, Copy)]
pub struct CanonicalInput<'a> {
    /// The HTTP method (uppercased when signed).
    pub method: &'a str,
    /// The path as sent (or, for [`PathRule::Normalize`], any text: it is
    /// encoded as UTF-8).
    pub path: &'a str,
    /// The query as sent, without `?` (empty for none).
    pub query: &'a str,
    /// The headers to consider, names in any case, repeated names allowed;
    /// the unsigned ones are left out here.
    pub headers: &'a [(&'a str, &'a str)],
    /// The payload hash.
    pub payload_hash: &'a str,
    /// How the path is canonicalized.
    pub path_rule: PathRule,
}

/// The canonical request and its signed header names.
#[derive(Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    /// The canonical request text.
    pub text: String,
    /// The signed header names, sorted and joined with `;`.
    pub signed_headers: String,
}

impl fmt::Debug for CanonicalRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CanonicalRequest").field("signed_headers", &self.signed_headers).finish_non_exhaustive()
    }
}

/// Builds the canonical request: method, canonical URI, canonical query,
/// canonical headers, signed headers and payload hash, joined with `\n`.
/// `headers` must already hold `host` and every signing header (date,
/// token, content hash); unsigned headers ([`UNSIGNED_HEADERS`]) are left
/// out here.
pub fn canonical_request(input: &CanonicalInput<'_>) -> CanonicalRequest {
    let mut text = String::with_capacity(256);
    text.push_str(&input.method.to_ascii_uppercase());
    text.push('\n');
    canonical_uri(input.path, input.path_rule, &mut text);
    text.push('\n');
    canonical_query(input.query, &mut text);
    text.push('\n');
    let mut headers: Vec<(String, &str)> = input
        .headers
        .iter()
        .map(|(name, value)| (name.to_ascii_lowercase(), *value))
        .filter(|(name, _)| !UNSIGNED_HEADERS.contains(&name.trim()))
        .collect();
    // Stable: the values of a repeated name keep the order they were sent in.
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    let mut names: Vec<&str> = Vec::with_capacity(headers.len());
    for (i, (name, value)) in headers.iter().enumerate() {
        if i > 0 && headers[i - 1].0 == *name {
            text.push(',');
        } else {
            if i > 0 {
                text.push('\n');
            }
            text.push_str(name);
            text.push(':');
            names.push(name.trim());
        }
        trim_all(value, &mut text);
    }
    text.push_str("\n\n");
    // botocore sorts the stripped names again (names with spaces cannot be
    // sent, so this changes nothing for a real request).
    names.sort_unstable();
    let signed_headers = names.join(";");
    text.push_str(&signed_headers);
    text.push('\n');
    text.push_str(input.payload_hash);
    CanonicalRequest { text, signed_headers }
}

/// Appends the value with leading and trailing whitespace removed and each
/// inner run of whitespace replaced by one space (Python's
/// `' '.join(value.split())`).
fn trim_all(value: &str, out: &mut String) {
    let mut first = true;
    for word in value.split(is_python_whitespace).filter(|w| !w.is_empty()) {
        if !first {
            out.push(' ');
        }
        out.push_str(word);
        first = false;
    }
}

/// The characters Python's `str.split()` splits on.
fn is_python_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f' | ' ' | '\u{85}' | '\u{a0}')
        || (c > '\u{ff}' && c.is_whitespace())
}

/// Bytes left as they are in a canonical path: `A-Z a-z 0-9 - _ . ~ /`.
const PATH_SET: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~').remove(b'/');

/// Bytes left as they are in a query key or value: `A-Z a-z 0-9 - _ . ~`.
pub const QUERY_SET: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn canonical_uri(path: &str, rule: PathRule, out: &mut String) {
    match rule {
        PathRule::AsSent if path.is_empty() => out.push('/'),
        PathRule::AsSent => out.push_str(path),
        PathRule::Normalize => {
            let normalized = remove_dot_segments(path);
            out.extend(percent_encoding::utf8_percent_encode(&normalized, PATH_SET));
        }
    }
}

/// botocore's `normalize_url_path`: RFC 3986 dot-segment removal that
/// also drops empty segments; `/` for an empty path; a trailing `/` is kept
/// when something is left before it.
fn remove_dot_segments(path: &str) -> String {
    if path.is_empty() {
        return "/".into();
    }
    let mut kept: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                kept.pop();
            }
            other => kept.push(other),
        }
    }
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push('/');
    }
    out.push_str(&kept.join("/"));
    if path.ends_with('/') && !kept.is_empty() {
        out.push('/');
    }
    out
}

fn canonical_query(query: &str, out: &mut String) {
    if query.is_empty() {
        return;
    }
    let mut pairs: Vec<(&str, &str)> =
        query.split('&').map(|pair| pair.split_once('=').unwrap_or((pair, ""))).collect();
    pairs.sort_unstable();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
}

/// The credential scope: `<yyyymmdd>/<region>/<service>/aws4_request`.
pub fn credential_scope(date: &str, region: &str, service: &str) -> String {
    format!("{date}/{region}/{service}/aws4_request")
}

/// The string to sign: the algorithm, the timestamp (`yyyymmddThhmmssZ`),
/// the scope and the hex SHA-256 of the canonical request, joined with
/// `\n`.
pub fn string_to_sign(timestamp: &str, scope: &str, canonical_request: &str) -> String {
    format!("{ALGORITHM}\n{timestamp}\n{scope}\n{}", hex(&Sha256::digest(canonical_request.as_bytes())))
}

/// `yyyymmddThhmmssZ`, the SigV4 form of `time` (whole seconds, UTC).
pub fn timestamp(time: SystemTime) -> String {
    DateTime::from(time).format_whole_seconds(TimestampFormat::DateTime).replace(['-', ':'], "")
}

/// The lowercase hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// The hex SHA-256 of a payload given a chunk at a time (a file body
/// signed over plain HTTP).
#[derive(Default)]
pub struct PayloadHasher(Sha256);

impl PayloadHasher {
    /// A hasher of nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the next chunk.
    pub fn update(&mut self, chunk: &[u8]) {
        sha2::Digest::update(&mut self.0, chunk);
    }

    /// The lowercase hex digest of everything added.
    pub fn finish(self) -> String {
        hex(&self.0.finalize())
    }
}

impl fmt::Debug for PayloadHasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("PayloadHasher")
    }
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
}

fn hmac_sha256(key: &[u8], message: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    Zeroizing::new(mac.finalize().into_bytes().into())
}

/// A derived signing key: `HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date),
/// region), service), "aws4_request")`. Zeroized on drop; `Debug` does not
/// show it.
#[derive(Clone)]
pub struct SigningKey(Zeroizing<[u8; 32]>);

impl SigningKey {
    /// Derives the key for `secret` on `date` (`yyyymmdd`) in `region` for
    /// `service`.
    pub fn derive(secret: &str, date: &str, region: &str, service: &str) -> Self {
        let mut seed = Zeroizing::new(Vec::with_capacity(4 + secret.len()));
        seed.extend_from_slice(b"AWS4");
        seed.extend_from_slice(secret.as_bytes());
        let k_date = hmac_sha256(&seed, date.as_bytes());
        let k_region = hmac_sha256(&*k_date, region.as_bytes());
        let k_service = hmac_sha256(&*k_region, service.as_bytes());
        SigningKey(hmac_sha256(&*k_service, b"aws4_request"))
    }

    /// The signature of `string_to_sign` (lowercase hex).
    pub fn sign(&self, string_to_sign: &str) -> String {
        hex(&*hmac_sha256(&*self.0, string_to_sign.as_bytes()))
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SigningKey(** redacted **)")
    }
}

/// Signing keys kept between requests, one per credentials, day, region
/// and service (a few at most; the oldest is dropped, and zeroized, first).
#[derive(Default)]
pub struct SigningKeyCache {
    entries: Mutex<Vec<CacheEntry>>,
}

struct CacheEntry {
    access_key_id: String,
    secret: Zeroizing<String>,
    date: String,
    region: String,
    service: String,
    key: SigningKey,
}

impl SigningKeyCache {
    /// How many keys are kept.
    pub const CAPACITY: usize = 8;

    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The key for these credentials on `date` in `region` for `service`,
    /// derived only if it is not cached.
    pub fn key(&self, credentials: &Credentials, date: &str, region: &str, service: &str) -> SigningKey {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let hit = entries.iter().position(|e| {
            e.date == date
                && e.region == region
                && e.service == service
                && e.access_key_id == credentials.access_key_id()
                && e.secret.as_str() == credentials.secret_access_key()
        });
        if let Some(i) = hit {
            return entries[i].key.clone();
        }
        let key = SigningKey::derive(credentials.secret_access_key(), date, region, service);
        if entries.len() >= Self::CAPACITY {
            entries.remove(0);
        }
        entries.push(CacheEntry {
            access_key_id: credentials.access_key_id().to_string(),
            secret: Zeroizing::new(credentials.secret_access_key().to_string()),
            date: date.to_string(),
            region: region.to_string(),
            service: service.to_string(),
            key: key.clone(),
        });
        key
    }

    /// How many keys are cached.
    pub fn len(&self) -> usize {
        self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).len()
    }

    /// Whether no key is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl fmt::Debug for SigningKeyCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKeyCache").field("keys", &self.len()).finish()
    }
}

fn signing_key(params: &SigningParams<'_>, date: &str) -> SigningKey {
    match params.cache {
        Some(cache) => cache.key(params.credentials, date, params.region, params.service),
        None => SigningKey::derive(params.credentials.secret_access_key(), date, params.region, params.service),
    }
}

/// The `host` botocore signs for `uri`: the lowercase host, with the port
/// only when it is not the scheme's default (443 for https, 80 for http).
pub fn host_of(uri: &http::Uri) -> Result<String, SigningError> {
    let Some(authority) = uri.authority() else {
        return Err(SigningError(format!("the request URI {uri} is not absolute")));
    };
    let host = authority.host().to_ascii_lowercase();
    let default_port = match uri.scheme_str() {
        Some("https") => Some(443),
        Some("http") => Some(80),
        _ => None,
    };
    Ok(match authority.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host,
    })
}

fn header_text<'h>(name: &HeaderName, value: &'h HeaderValue) -> Result<&'h str, SigningError> {
    value.to_str().map_err(|_| SigningError(format!("header {name} is not visible ASCII text")))
}

fn payload_hash(settings: &Settings, body: &[u8]) -> String {
    match &settings.payload {
        PayloadHash::Body => sha256_hex(body),
        PayloadHash::Unsigned => UNSIGNED_PAYLOAD.into(),
        PayloadHash::StreamingUnsignedPayloadTrailer => STREAMING_UNSIGNED_PAYLOAD_TRAILER.into(),
        PayloadHash::Precomputed(hash) => hash.clone(),
    }
}

fn header_value(text: &str) -> Result<HeaderValue, SigningError> {
    HeaderValue::from_str(text).map_err(|_| SigningError("a signing value is not a valid header value".into()))
}

/// Signs `request` (whose URI must be absolute) in its headers, as
/// botocore's `SigV4Auth` (`S3SigV4Auth` with S3's [`Settings`]): removes
/// any earlier `Authorization`, sets `X-Amz-Date` (or rewrites `Date`),
/// `X-Amz-Security-Token` for temporary credentials (removing a stale one
/// otherwise) and, with [`Settings::content_sha256_header`],
/// `X-Amz-Content-SHA256`, then adds `Authorization`.
pub fn sign<B: AsRef<[u8]>>(
    request: &mut http::Request<B>,
    params: &SigningParams<'_>,
) -> Result<Signature, SigningError> {
    let timestamp = timestamp(params.time);
    let headers = request.headers_mut();
    headers.remove(http::header::AUTHORIZATION);
    if headers.contains_key(http::header::DATE) {
        let http_date = DateTime::from(params.time).format_whole_seconds(TimestampFormat::HttpDate);
        let date = http_date.strip_suffix("GMT").map_or(http_date.clone(), |rest| format!("{rest}-0000"));
        headers.insert(http::header::DATE, header_value(&date)?);
        headers.remove("x-amz-date");
    } else {
        headers.insert("x-amz-date", header_value(&timestamp)?);
    }
    headers.remove("x-amz-security-token");
    if let Some(token) = params.credentials.session_token() {
        let mut value = header_value(token)?;
        value.set_sensitive(true);
        headers.insert("x-amz-security-token", value);
    }
    if params.settings.content_sha256_header {
        let hash = payload_hash(params.settings, request.body().as_ref());
        request.headers_mut().insert("x-amz-content-sha256", header_value(&hash)?);
    }
    let signature = signature_for(request, params, &timestamp, None)?;
    let authorization = format!(
        "{ALGORITHM} Credential={}/{}, SignedHeaders={}, Signature={}",
        params.credentials.access_key_id(),
        credential_scope(&timestamp[..8], params.region, params.service),
        signature.signed_headers,
        signature.signature
    );
    let mut value = header_value(&authorization)?;
    value.set_sensitive(true);
    request.headers_mut().insert(http::header::AUTHORIZATION, value);
    Ok(signature)
}

/// Presigns `request` (whose URI must be absolute) for `expires`, as
/// botocore's `SigV4QueryAuth` (`S3SigV4QueryAuth` with
/// [`Settings::presigned_for_service`]`("s3")`): appends `X-Amz-Algorithm`,
/// `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
/// `X-Amz-SignedHeaders`, `X-Amz-Security-Token` (temporary credentials)
/// and then `X-Amz-Signature` to the query; the headers are signed but not
/// changed. `expires` is whole seconds, from 1 s to seven days.
pub fn presign<B: AsRef<[u8]>>(
    request: &mut http::Request<B>,
    params: &SigningParams<'_>,
    expires: Duration,
) -> Result<Signature, SigningError> {
    if expires.as_secs() == 0 || expires > MAX_PRESIGNED_EXPIRY {
        return Err(SigningError(format!(
            "a presigned request expires after 1 to {} seconds, not {}",
            MAX_PRESIGNED_EXPIRY.as_secs(),
            expires.as_secs()
        )));
    }
    let timestamp = timestamp(params.time);
    let mut names = Vec::new();
    for name in request.headers().keys() {
        if !UNSIGNED_HEADERS.contains(&name.as_str()) {
            names.push(name.as_str());
        }
    }
    if !request.headers().contains_key(http::header::HOST) {
        names.push("host");
    }
    names.sort_unstable();
    names.dedup();
    let signed_headers = names.join(";");
    let credential = format!(
        "{}/{}",
        params.credentials.access_key_id(),
        credential_scope(&timestamp[..8], params.region, params.service)
    );
    let encode = |text: &str| percent_encoding::utf8_percent_encode(text, QUERY_SET).to_string();
    let mut auth = format!(
        "X-Amz-Algorithm={ALGORITHM}&X-Amz-Credential={}&X-Amz-Date={timestamp}&X-Amz-Expires={}&X-Amz-SignedHeaders={}",
        encode(&credential),
        expires.as_secs(),
        encode(&signed_headers)
    );
    if let Some(token) = params.credentials.session_token() {
        auth.push_str("&X-Amz-Security-Token=");
        auth.push_str(&encode(token));
    }
    let uri = request.uri();
    let query = match uri.query() {
        Some(query) if !query.is_empty() => format!("{query}&{auth}"),
        _ => auth,
    };
    let with_auth = format!(
        "{}://{}{}?{query}",
        uri.scheme_str().unwrap_or("https"),
        uri.authority().map_or("", |a| a.as_str()),
        uri.path()
    );
    *request.uri_mut() = parse_uri(&with_auth)?;
    let signature = signature_for(request, params, &timestamp, Some(&query))?;
    let signed = format!("{with_auth}&X-Amz-Signature={}", signature.signature);
    *request.uri_mut() = parse_uri(&signed)?;
    Ok(signature)
}

fn parse_uri(text: &str) -> Result<http::Uri, SigningError> {
    text.parse().map_err(|_| SigningError("the presigned URI is not valid".into()))
}

/// The canonical request, string to sign and signature of `request` as it
/// now stands (every signing header in place).
fn signature_for<B: AsRef<[u8]>>(
    request: &http::Request<B>,
    params: &SigningParams<'_>,
    timestamp: &str,
    query: Option<&str>,
) -> Result<Signature, SigningError> {
    let host = host_of(request.uri())?;
    let mut headers: Vec<(&str, &str)> = Vec::with_capacity(request.headers().len() + 1);
    for (name, value) in request.headers() {
        headers.push((name.as_str(), header_text(name, value)?));
    }
    if !request.headers().contains_key(http::header::HOST) {
        headers.push(("host", &host));
    }
    let hash;
    let payload_hash = match request.headers().get("x-amz-content-sha256") {
        Some(value) => header_text(&HeaderName::from_static("x-amz-content-sha256"), value)?,
        None => {
            hash = payload_hash(params.settings, request.body().as_ref());
            &hash
        }
    };
    let canonical = canonical_request(&CanonicalInput {
        method: request.method().as_str(),
        path: request.uri().path(),
        query: query.or(request.uri().query()).unwrap_or(""),
        headers: &headers,
        payload_hash,
        path_rule: params.settings.path,
    });
    let scope = credential_scope(&timestamp[..8], params.region, params.service);
    let string_to_sign = string_to_sign(timestamp, &scope, &canonical.text);
    let signature = signing_key(params, &timestamp[..8]).sign(&string_to_sign);
    Ok(Signature {
        canonical_request: canonical.text,
        string_to_sign,
        signed_headers: canonical.signed_headers,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use std::time::UNIX_EPOCH;

    use super::*;

    const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    fn at(secs: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(secs)
    }

    /// 2015-08-30T12:36:00Z, the time of the AWS test suite.
    const SUITE_TIME: u64 = 1_440_938_160;

    #[test]
    fn timestamps_and_scope() {
        assert_eq!(timestamp(at(SUITE_TIME)), "20150830T123600Z");
        assert_eq!(credential_scope("20150830", "us-east-1", "iam"), "20150830/us-east-1/iam/aws4_request");
        assert_eq!(sha256_hex(b""), EMPTY_SHA256);
    }

    #[test]
    fn signing_key_matches_the_documented_example() {
        // docs.aws.amazon.com: "Examples of how to derive a signing key for Signature Version 4".
        let key = SigningKey::derive(SECRET, "20120215", "us-east-1", "iam");
        assert_eq!(hex(&*key.0), "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
        assert_eq!(format!("{key:?}"), "SigningKey(** redacted **)");
    }

    #[test]
    fn paths_are_normalized_and_encoded_again_except_for_s3() {
        let uri = |path: &str, rule| {
            let mut out = String::new();
            canonical_uri(path, rule, &mut out);
            out
        };
        assert_eq!(uri("", PathRule::Normalize), "/");
        assert_eq!(uri("//a/./b/../c//", PathRule::Normalize), "/a/c/");
        assert_eq!(uri("/a/..", PathRule::Normalize), "/");
        assert_eq!(uri("/..", PathRule::Normalize), "/");
        assert_eq!(uri("/a%2Fb/$x ~é", PathRule::Normalize), "/a%252Fb/%24x%20~%C3%A9");
        assert_eq!(uri("//a/./b%2F", PathRule::AsSent), "//a/./b%2F");
    }

    #[test]
    fn queries_are_sorted_as_sent() {
        let query = |q: &str| {
            let mut out = String::new();
            canonical_query(q, &mut out);
            out
        };
        assert_eq!(query(""), "");
        assert_eq!(query("b=2&a=1&a=0&c"), "a=0&a=1&b=2&c=");
        // An empty pair is an empty key with an empty value, as botocore splits.
        assert_eq!(query("a=1&&=x"), "=&=x&a=1");
        assert_eq!(query("k=a=b"), "k=a=b");
    }

    #[test]
    fn header_values_are_trimmed_and_joined() {
        let creq = canonical_request(&CanonicalInput {
            method: "get",
            path: "/",
            query: "",
            headers: &[
                ("X-B", " a \t  b\t"),
                ("host", "h"),
                ("x-b", "c"),
                ("User-Agent", "ua"),
                ("Expect", "100-continue"),
                ("x-a", ""),
            ],
            payload_hash: EMPTY_SHA256,
            path_rule: PathRule::Normalize,
        });
        assert_eq!(creq.text, format!("GET\n/\n\nhost:h\nx-a:\nx-b:a b,c\n\nhost;x-a;x-b\n{EMPTY_SHA256}"));
        assert_eq!(creq.signed_headers, "host;x-a;x-b");
    }

    fn credentials(token: Option<&str>) -> Credentials {
        Credentials::new("AKIDEXAMPLE", SECRET, token.map(str::to_string))
    }

    #[test]
    fn signs_the_suite_vanilla_get() {
        // aws4_testsuite/get-vanilla.
        let mut request = http::Request::get("https://example.amazonaws.com/").body(Vec::new()).unwrap();
        let creds = credentials(None);
        let settings = Settings::for_service("service");
        let params = SigningParams {
            credentials: &creds,
            region: "us-east-1",
            service: "service",
            time: at(SUITE_TIME),
            settings: &settings,
            cache: None,
        };
        let signature = sign(&mut request, &params).unwrap();
        assert_eq!(
            request.headers()["authorization"],
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, \
             SignedHeaders=host;x-amz-date, \
             Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
        assert!(!format!("{signature:?}").contains("20150830"));
        assert!(!format!("{params:?}").contains(SECRET));
    }

    #[test]
    fn s3_sends_the_content_hash_and_signs_the_path_as_sent() {
        let mut request = http::Request::put("https://b.s3.amazonaws.com//k%2F./x").body(b"hi".to_vec()).unwrap();
        let creds = credentials(Some("TOKEN"));
        let settings = Settings::for_service("s3");
        let params = SigningParams {
            credentials: &creds,
            region: "us-west-2",
            service: "s3",
            time: at(SUITE_TIME),
            settings: &settings,
            cache: None,
        };
        let signature = sign(&mut request, &params).unwrap();
        let hash = sha256_hex(b"hi");
        assert_eq!(request.headers()["x-amz-content-sha256"], hash.as_str());
        assert_eq!(request.headers()["x-amz-security-token"], "TOKEN");
        assert!(signature.canonical_request().starts_with("PUT\n//k%2F./x\n\n"));
        assert!(
            signature
                .canonical_request()
                .ends_with(&format!("\nhost;x-amz-content-sha256;x-amz-date;x-amz-security-token\n{hash}"))
        );
        // Streaming with a trailing checksum.
        let settings =
            Settings { payload: PayloadHash::StreamingUnsignedPayloadTrailer, ..Settings::for_service("s3") };
        let signature = sign(&mut request, &SigningParams { settings: &settings, ..params }).unwrap();
        assert_eq!(request.headers()["x-amz-content-sha256"], STREAMING_UNSIGNED_PAYLOAD_TRAILER);
        assert!(signature.canonical_request().ends_with("\nSTREAMING-UNSIGNED-PAYLOAD-TRAILER"));
    }

    #[test]
    fn a_date_header_is_rewritten_instead_of_x_amz_date() {
        let mut request = http::Request::get("https://example.amazonaws.com/")
            .header("date", "Mon, 01 Jan 2001 00:00:00 GMT")
            .header("x-amz-date", "20000101T000000Z")
            .body(Vec::new())
            .unwrap();
        let creds = credentials(None);
        let settings = Settings::for_service("service");
        let params = SigningParams {
            credentials: &creds,
            region: "us-east-1",
            service: "service",
            time: at(SUITE_TIME),
            settings: &settings,
            cache: None,
        };
        let signature = sign(&mut request, &params).unwrap();
        assert_eq!(request.headers()["date"], "Sun, 30 Aug 2015 12:36:00 -0000");
        assert!(!request.headers().contains_key("x-amz-date"));
        assert_eq!(signature.signed_headers(), "date;host");
    }

    #[test]
    fn presigning_adds_the_query_parameters() {
        let mut request =
            http::Request::get("https://examplebucket.s3.amazonaws.com/test.txt").body(Vec::new()).unwrap();
        let creds = credentials(None);
        let settings = Settings::presigned_for_service("s3");
        let params = SigningParams {
            credentials: &creds,
            region: "us-east-1",
            service: "s3",
            time: at(1_369_353_600), // 2013-05-24T00:00:00Z
            settings: &settings,
            cache: None,
        };
        // The S3 documentation's example ("Authenticating Requests: Using
        // Query Parameters"), with its own example secret.
        let example = Credentials::new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", None);
        let signature =
            presign(&mut request, &SigningParams { credentials: &example, ..params }, Duration::from_secs(86400))
                .unwrap();
        assert_eq!(signature.signature(), "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        assert_eq!(
            request.uri().query().unwrap(),
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request\
             &X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\
             &X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404"
        );
        for bad in [0, MAX_PRESIGNED_EXPIRY.as_secs() + 1] {
            let err = presign(&mut request, &params, Duration::from_secs(bad)).unwrap_err();
            assert!(err.to_string().contains("1 to 604800 seconds"), "{err}");
        }
    }

    #[test]
    fn keys_are_cached_per_day_region_and_service() {
        let cache = SigningKeyCache::new();
        let creds = credentials(None);
        let a = cache.key(&creds, "20150830", "us-east-1", "s3");
        assert_eq!(cache.key(&creds, "20150830", "us-east-1", "s3").sign("x"), a.sign("x"));
        assert_eq!(cache.len(), 1);
        cache.key(&creds, "20150831", "us-east-1", "s3");
        cache.key(&creds, "20150830", "eu-west-1", "s3");
        cache.key(&creds, "20150830", "us-east-1", "iam");
        let other = Credentials::new("AKIDEXAMPLE", "another secret", None);
        let b = cache.key(&other, "20150830", "us-east-1", "s3");
        assert_ne!(a.sign("x"), b.sign("x"));
        assert_eq!(cache.len(), 5);
        for day in 0..20 {
            cache.key(&creds, &format!("201509{day:02}"), "us-east-1", "s3");
        }
        assert_eq!(cache.len(), SigningKeyCache::CAPACITY);
        assert!(!format!("{cache:?}").contains(SECRET));
    }
}
