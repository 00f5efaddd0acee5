//! What the tests share: the committed keys and a verifier that checks
//! signed URLs and cookies the way CloudFront does, written apart from the
//! signer (its own base64 decoding, policy parsing and wildcard matching).

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;

use base64::Engine as _;
use cloudfront_signer::PrivateKey;
use p256::ecdsa::signature::{DigestVerifier as _, Verifier as _};
use p256::pkcs8::DecodePublicKey as _;
use rsa::pkcs1v15::{Signature as RsaSignature, VerifyingKey as RsaVerifyingKey};

pub fn keys_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/keys")
}

pub fn key_text(name: &str) -> String {
    std::fs::read_to_string(keys_dir().join(name)).expect("committed test key")
}

pub fn key(name: &str) -> PrivateKey {
    if name.ends_with(".der") {
        let der = std::fs::read(keys_dir().join(name)).expect("committed test key");
        PrivateKey::from_der(&der).expect("test key loads")
    } else {
        PrivateKey::from_pem(&key_text(name)).expect("test key loads")
    }
}

/// A public key as CloudFront holds it in a key group.
pub enum PublicKey {
    Rsa(rsa::PublicKey),
    Ecdsa(p256::ecdsa::VerifyingKey),
}

impl PublicKey {
    pub fn from_file(name: &str) -> Self {
        let pem = key_text(name);
        if let Ok(key) = rsa::PublicKey::from_public_key_pem(&pem) {
            return PublicKey::Rsa(key);
        }
        PublicKey::Ecdsa(p256::ecdsa::VerifyingKey::from_public_key_pem(&pem).expect("public key"))
    }

    fn verify(&self, hash: &str, message: &[u8], signature: &[u8]) -> bool {
        match self {
            PublicKey::Rsa(key) => {
                let Ok(signature) = RsaSignature::try_from(signature) else {
                    return false;
                };
                match hash {
                    "SHA1" => RsaVerifyingKey::<sha1::Sha1>::new(key.clone()).verify(message, &signature).is_ok(),
                    _ => RsaVerifyingKey::<sha2::Sha256>::new(key.clone()).verify(message, &signature).is_ok(),
                }
            }
            PublicKey::Ecdsa(key) => {
                let Ok(signature) = p256::ecdsa::DerSignature::try_from(signature) else {
                    return false;
                };
                let Ok(signature) = p256::ecdsa::Signature::try_from(signature) else {
                    return false;
                };
                match hash {
                    "SHA1" => key
                        .verify_digest(
                            |digest: &mut sha1::Sha1| {
                                sha1::Digest::update(digest, message);
                                Ok(())
                            },
                            &signature,
                        )
                        .is_ok(),
                    _ => key.verify(message, &signature).is_ok(),
                }
            }
        }
    }
}

/// Why the verifier refused a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    Missing(&'static str),
    UnknownKeyPairId(String),
    UnknownHashAlgorithm(String),
    BadEncoding(&'static str),
    BadPolicy(String),
    BadSignature,
    Expired,
    NotYetValid,
    IpNotAllowed,
    ResourceMismatch,
}

/// The distribution's side: trusted public keys by key-pair id.
#[derive(Default)]
pub struct Verifier {
    keys: HashMap<String, PublicKey>,
}

/// What a viewer's request carries: the signing values and the URL they
/// must cover.
struct Presented<'a> {
    resource_url: &'a str,
    expires: Option<&'a str>,
    policy: Option<&'a str>,
    signature: Option<&'a str>,
    key_pair_id: Option<&'a str>,
    hash: Option<&'a str>,
}

impl Verifier {
    pub fn trust(mut self, key_pair_id: &str, public_key_file: &str) -> Self {
        self.keys.insert(key_pair_id.to_owned(), PublicKey::from_file(public_key_file));
        self
    }

    /// A signed URL requested at `now` (epoch seconds) from `viewer`.
    /// CloudFront requires the signing parameters to end the query; the
    /// URL before them is what the policy's resource must cover.
    pub fn verify_url(&self, url: &str, now: u64, viewer: IpAddr) -> Result<(), Rejection> {
        let Some(query_start) = url.find('?') else {
            return Err(Rejection::Missing("Signature"));
        };
        let mut first_signing = None;
        let mut values: HashMap<&str, &str> = HashMap::new();
        let mut offset = query_start + 1;
        for pair in url[query_start + 1..].split('&') {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            if matches!(name, "Expires" | "Policy" | "Signature" | "Key-Pair-Id" | "Hash-Algorithm") {
                first_signing.get_or_insert(offset);
                values.insert(name, value);
            }
            offset += pair.len() + 1;
        }
        let Some(first) = first_signing else {
            return Err(Rejection::Missing("Signature"));
        };
        // The URL without the signing parameters and their separator.
        let resource_url = &url[..first - 1];
        self.verify(
            Presented {
                resource_url,
                expires: values.get("Expires").copied(),
                policy: values.get("Policy").copied(),
                signature: values.get("Signature").copied(),
                key_pair_id: values.get("Key-Pair-Id").copied(),
                hash: values.get("Hash-Algorithm").copied(),
            },
            now,
            viewer,
        )
    }

    /// A request for `url` carrying `cookies` (name/value pairs).
    pub fn verify_cookies<'a>(
        &self,
        url: &str,
        cookies: impl IntoIterator<Item = (&'a str, &'a str)>,
        now: u64,
        viewer: IpAddr,
    ) -> Result<(), Rejection> {
        let cookies: HashMap<&str, &str> = cookies.into_iter().collect();
        self.verify(
            Presented {
                resource_url: url,
                expires: cookies.get("CloudFront-Expires").copied(),
                policy: cookies.get("CloudFront-Policy").copied(),
                signature: cookies.get("CloudFront-Signature").copied(),
                key_pair_id: cookies.get("CloudFront-Key-Pair-Id").copied(),
                hash: cookies.get("CloudFront-Hash-Algorithm").copied(),
            },
            now,
            viewer,
        )
    }

    fn verify(&self, presented: Presented<'_>, now: u64, viewer: IpAddr) -> Result<(), Rejection> {
        let id = presented.key_pair_id.ok_or(Rejection::Missing("Key-Pair-Id"))?;
        let key = self.keys.get(id).ok_or_else(|| Rejection::UnknownKeyPairId(id.to_owned()))?;
        let hash = match presented.hash {
            None => "SHA1",
            Some("SHA256") => "SHA256",
            Some(other) => return Err(Rejection::UnknownHashAlgorithm(other.to_owned())),
        };
        let signature = decode(presented.signature.ok_or(Rejection::Missing("Signature"))?)
            .ok_or(Rejection::BadEncoding("Signature"))?;
        let (policy, canned) = match (presented.expires, presented.policy) {
            (Some(expires), None) => {
                let expires: u64 = expires.parse().map_err(|_| Rejection::BadEncoding("Expires"))?;
                let policy = format!(
                    "{{\"Statement\":[{{\"Resource\":{},\"Condition\":{{\"DateLessThan\":{{\"AWS:EpochTime\":{expires}}}}}}}]}}",
                    serde_json_python_string(presented.resource_url)
                );
                (policy.into_bytes(), true)
            }
            (None, Some(policy)) => (decode(policy).ok_or(Rejection::BadEncoding("Policy"))?, false),
            _ => return Err(Rejection::Missing("Expires or Policy")),
        };
        if !key.verify(hash, &policy, &signature) {
            return Err(Rejection::BadSignature);
        }
        let statement = Statement::parse(&policy)?;
        if !canned && !wildcard(&statement.resource, presented.resource_url) {
            return Err(Rejection::ResourceMismatch);
        }
        if now >= statement.expires {
            return Err(Rejection::Expired);
        }
        if statement.starts.is_some_and(|starts| now < starts) {
            return Err(Rejection::NotYetValid);
        }
        if let Some(range) = &statement.source_ip
            && !in_range(range, viewer)?
        {
            return Err(Rejection::IpNotAllowed);
        }
        Ok(())
    }
}

struct Statement {
    resource: String,
    expires: u64,
    starts: Option<u64>,
    source_ip: Option<String>,
}

impl Statement {
    fn parse(policy: &[u8]) -> Result<Self, Rejection> {
        let bad = |why: &str| Rejection::BadPolicy(why.to_owned());
        let json: serde_json::Value = serde_json::from_slice(policy).map_err(|error| bad(&error.to_string()))?;
        let statements = json["Statement"].as_array().ok_or_else(|| bad("no Statement"))?;
        let [statement] = statements.as_slice() else {
            return Err(bad("not exactly one statement"));
        };
        let condition = &statement["Condition"];
        Ok(Statement {
            resource: statement["Resource"].as_str().ok_or_else(|| bad("no Resource"))?.to_owned(),
            expires: condition["DateLessThan"]["AWS:EpochTime"].as_u64().ok_or_else(|| bad("no DateLessThan"))?,
            starts: condition["DateGreaterThan"]["AWS:EpochTime"].as_u64(),
            source_ip: condition["IpAddress"]["AWS:SourceIp"].as_str().map(str::to_owned),
        })
    }
}

/// CloudFront's base64: `-` for `+`, `_` for `=`, `~` for `/`.
pub fn decode(text: &str) -> Option<Vec<u8>> {
    if text.contains(['+', '=', '/']) {
        return None;
    }
    let standard: String = text
        .chars()
        .map(|c| match c {
            '-' => '+',
            '_' => '=',
            '~' => '/',
            c => c,
        })
        .collect();
    base64::engine::general_purpose::STANDARD.decode(standard).ok()
}

/// A JSON string literal as Python's `json.dumps` writes it for ASCII text.
fn serde_json_python_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `*` any run, `?` one character; recursive, for short test inputs.
fn wildcard(pattern: &str, text: &str) -> bool {
    fn go(p: &[u8], t: &[u8]) -> bool {
        match p.split_first() {
            None => t.is_empty(),
            Some((b'*', rest)) => (0..=t.len()).any(|skip| go(rest, &t[skip..])),
            Some((b'?', rest)) => !t.is_empty() && go(rest, &t[1..]),
            Some((c, rest)) => t.first() == Some(c) && go(rest, &t[1..]),
        }
    }
    go(pattern.as_bytes(), text.as_bytes())
}

fn in_range(range: &str, viewer: IpAddr) -> Result<bool, Rejection> {
    let bad = || Rejection::BadPolicy(format!("bad AWS:SourceIp {range:?}"));
    let (address, prefix) = range.split_once('/').ok_or_else(bad)?;
    let address: IpAddr = address.parse().map_err(|_| bad())?;
    let prefix: u32 = prefix.parse().map_err(|_| bad())?;
    let to_bits = |ip: IpAddr| match ip {
        IpAddr::V4(v4) => (u128::from(u32::from(v4)) << 96, 32),
        IpAddr::V6(v6) => (u128::from(v6), 128),
    };
    let (net, net_len) = to_bits(address);
    let (ip, ip_len) = to_bits(viewer);
    if net_len != ip_len || prefix > net_len {
        return Ok(false);
    }
    let mask = if prefix == 0 { 0 } else { u128::MAX << (128 - prefix) };
    Ok(net & mask == ip & mask)
}
