//! Private keys: RSA (PKCS#1 or PKCS#8) and ECDSA P-256 (PKCS#8 or SEC1),
//! from PEM or DER, the format detected from the key itself.

use std::fmt;
use std::path::Path;

use pkcs8::der::Decode;
use pkcs8::{ObjectIdentifier, PrivateKeyInfoRef};
use rsa::pkcs1::DecodeRsaPrivateKey;
use rsa::traits::PublicKeyParts;
use sec1::{EcParameters, EcPrivateKey};

use crate::error::KeyError;

const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
const PRIME256V1: &str = "1.2.840.10045.3.1.7";

/// A private key that signs CloudFront URLs and cookies: RSA or ECDSA on
/// P-256, the two kinds CloudFront accepts in a key group's public key (or
/// a legacy CloudFront key pair, which is RSA).
///
/// Load it with [`PrivateKey::from_pem`] or [`PrivateKey::from_der`]; the
/// encoding (PKCS#1, PKCS#8 or SEC1) and the algorithm are read from the
/// key. The key material is zeroized on drop by the RustCrypto types that
/// hold it and never appears in `Debug`, which shows the algorithm only.
#[derive(Clone)]
pub struct PrivateKey {
    pub(crate) inner: KeyInner,
}

#[derive(Clone)]
pub(crate) enum KeyInner {
    Rsa(rsa::PrivateKey),
    EcdsaP256(p256::ecdsa::SigningKey),
}

/// The algorithm of a [`PrivateKey`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyAlgorithm {
    /// RSA with a modulus of `bits` bits; signatures are RSASSA-PKCS1-v1_5.
    /// CloudFront's public keys are 2048-bit.
    Rsa {
        /// The modulus length in bits.
        bits: usize,
    },
    /// ECDSA on NIST P-256 (prime256v1); signatures are DER-encoded.
    EcdsaP256,
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyAlgorithm::Rsa { bits } => write!(f, "RSA {bits}"),
            KeyAlgorithm::EcdsaP256 => f.write_str("ECDSA P-256"),
        }
    }
}

impl PrivateKey {
    /// Reads a PEM private key: `RSA PRIVATE KEY` (PKCS#1), `PRIVATE KEY`
    /// (PKCS#8, RSA or EC) or `EC PRIVATE KEY` (SEC1), as `openssl genrsa`,
    /// `openssl genpkey` and `openssl ecparam -genkey` write them. Other
    /// blocks in the same text (`EC PARAMETERS`, certificates, public keys)
    /// are skipped; the body is read as OpenSSL reads it (any line length,
    /// CRLF, surrounding whitespace).
    ///
    /// # Errors
    /// [`KeyError::Encrypted`] for an encrypted key,
    /// [`KeyError::NotAPrivateKey`] for a public key or certificate alone,
    /// [`KeyError::SeveralKeys`] for more than one private key,
    /// [`KeyError::UnsupportedAlgorithm`], [`KeyError::UnsupportedCurve`]
    /// or [`KeyError::RsaKeyTooSmall`] for a key CloudFront does not
    /// accept, and [`KeyError::InvalidPem`] or [`KeyError::Malformed`] for
    /// bytes that do not decode.
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        let blocks = pem_blocks(pem)?;
        let keys: Vec<&PemBlock<'_>> = blocks.iter().filter(|block| block.label.ends_with("PRIVATE KEY")).collect();
        let block = match keys.as_slice() {
            [key] => *key,
            [] => {
                let first = blocks.iter().find(|block| !block.label.ends_with("PARAMETERS")).unwrap_or(&blocks[0]);
                return Err(not_a_key(first.label));
            }
            several => return Err(KeyError::SeveralKeys { count: several.len() }),
        };
        if block.is_encrypted() || block.label == "ENCRYPTED PRIVATE KEY" {
            return Err(KeyError::Encrypted);
        }
        // The key's DER is wiped when it goes out of scope.
        let der = zeroize::Zeroizing::new(block.decode()?);
        match block.label {
            "PRIVATE KEY" => Self::from_pkcs8_der(&der),
            "RSA PRIVATE KEY" => Self::from_pkcs1_der(&der),
            "EC PRIVATE KEY" => Self::from_sec1_der(&der),
            "DSA PRIVATE KEY" => Err(KeyError::UnsupportedAlgorithm { algorithm: "DSA".to_owned() }),
            other => Err(KeyError::UnsupportedLabel { label: other.to_owned() }),
        }
    }

    /// Reads a key file: PEM when it has a `-----BEGIN` line, DER
    /// otherwise.
    ///
    /// # Errors
    /// [`KeyError::Io`] when the file cannot be read, otherwise as
    /// [`PrivateKey::from_pem`] and [`PrivateKey::from_der`].
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, KeyError> {
        let path = path.as_ref();
        let bytes = zeroize::Zeroizing::new(
            std::fs::read(path).map_err(|error| KeyError::Io { path: path.to_owned(), reason: error.to_string() })?,
        );
        match std::str::from_utf8(&bytes) {
            Ok(text) if text.contains("-----BEGIN ") => Self::from_pem(text),
            _ => Self::from_der(&bytes),
        }
    }

    /// Reads a DER private key, trying PKCS#8, then PKCS#1 (RSA), then SEC1
    /// (EC).
    ///
    /// # Errors
    /// As [`PrivateKey::from_pem`]; bytes that are none of the three are
    /// [`KeyError::Malformed`] with the PKCS#8 decoder's reason, and an
    /// encrypted PKCS#8 key is [`KeyError::Encrypted`].
    pub fn from_der(der: &[u8]) -> Result<Self, KeyError> {
        if PrivateKeyInfoRef::from_der(der).is_ok() {
            return Self::from_pkcs8_der(der);
        }
        if is_encrypted_pkcs8(der) {
            return Err(KeyError::Encrypted);
        }
        if rsa::PrivateKey::from_pkcs1_der(der).is_ok() {
            return Self::from_pkcs1_der(der);
        }
        if EcPrivateKey::from_der(der).is_ok() {
            return Self::from_sec1_der(der);
        }
        Self::from_pkcs8_der(der)
    }

    /// The key's algorithm (and, for RSA, its size).
    pub fn algorithm(&self) -> KeyAlgorithm {
        match &self.inner {
            KeyInner::Rsa(key) => KeyAlgorithm::Rsa { bits: key.n().bit_width() as usize },
            KeyInner::EcdsaP256(_) => KeyAlgorithm::EcdsaP256,
        }
    }

    fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        let info = PrivateKeyInfoRef::from_der(der).map_err(|error| malformed("PKCS#8", error))?;
        let algorithm = info.algorithm.oid.to_string();
        match algorithm.as_str() {
            RSA_ENCRYPTION => {
                let key = rsa::PrivateKey::try_from(info).map_err(|error| malformed("PKCS#8", error))?;
                Self::rsa(key)
            }
            EC_PUBLIC_KEY => {
                // Explicit curve parameters (not a named curve) are not read.
                let curve = info
                    .algorithm
                    .parameters_oid()
                    .map_err(|_| KeyError::UnsupportedCurve { curve: "given by explicit parameters".to_owned() })?;
                check_p256(curve)?;
                let key = p256::SecretKey::try_from(info).map_err(|error| malformed("PKCS#8", error))?;
                Ok(Self::ecdsa(key))
            }
            _ => Err(KeyError::UnsupportedAlgorithm { algorithm: named(info.algorithm.oid) }),
        }
    }

    fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        let key = rsa::PrivateKey::from_pkcs1_der(der).map_err(|error| malformed("PKCS#1", error))?;
        Self::rsa(key)
    }

    fn from_sec1_der(der: &[u8]) -> Result<Self, KeyError> {
        let parsed = EcPrivateKey::from_der(der).map_err(|error| malformed("SEC1", error))?;
        if let Some(curve) = parsed.parameters.and_then(EcParameters::named_curve) {
            check_p256(curve)?;
        }
        let key = p256::SecretKey::from_sec1_der(der).map_err(|error| malformed("SEC1", error))?;
        Ok(Self::ecdsa(key))
    }

    /// CloudFront's public keys are 2048-bit RSA: a smaller key can match
    /// none, and is weak.
    fn rsa(key: rsa::PrivateKey) -> Result<Self, KeyError> {
        let bits = key.n().bit_width() as usize;
        if bits < 2048 {
            return Err(KeyError::RsaKeyTooSmall { bits });
        }
        Ok(PrivateKey { inner: KeyInner::Rsa(key) })
    }

    fn ecdsa(key: p256::SecretKey) -> Self {
        PrivateKey { inner: KeyInner::EcdsaP256(p256::ecdsa::SigningKey::from(key)) }
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey").field("algorithm", &self.algorithm()).finish_non_exhaustive()
    }
}

/// One `-----BEGIN <label>-----` ... `-----END <label>-----` block.
struct PemBlock<'a> {
    label: &'a str,
    /// What is between the two lines: RFC 1421 headers (`Proc-Type: ...`),
    /// if any, and the base64 body.
    text: &'a str,
}

impl PemBlock<'_> {
    /// Whether an RFC 1421 header says the body is encrypted.
    fn is_encrypted(&self) -> bool {
        self.text.lines().any(|line| line.trim() == "Proc-Type: 4,ENCRYPTED")
    }

    /// The body's bytes: the lines that are not headers (base64 has no
    /// `:`), as base64 with every whitespace character ignored, as OpenSSL
    /// reads it.
    fn decode(&self) -> Result<Vec<u8>, KeyError> {
        use base64::Engine as _;
        let mut compact = zeroize::Zeroizing::new(String::with_capacity(self.text.len()));
        for line in self.text.lines().filter(|line| !line.contains(':')) {
            compact.extend(line.chars().filter(|c| !c.is_whitespace()));
        }
        base64::engine::general_purpose::STANDARD.decode(compact.as_bytes()).map_err(|error| KeyError::InvalidPem {
            reason: format!("the `{}` block's base64 does not decode: {error}", self.label),
        })
    }
}

/// Every PEM block of `pem`, in order; at least one.
fn pem_blocks(pem: &str) -> Result<Vec<PemBlock<'_>>, KeyError> {
    const BEGIN: &str = "-----BEGIN ";
    let invalid = |reason: String| KeyError::InvalidPem { reason };
    let mut blocks = Vec::new();
    let mut rest = pem;
    while let Some(begin) = rest.find(BEGIN) {
        let after = &rest[begin + BEGIN.len()..];
        let label_end = after.find("-----").ok_or_else(|| invalid("unterminated `-----BEGIN` line".to_owned()))?;
        let label = &after[..label_end];
        let inside = &after[label_end + "-----".len()..];
        let end_line = format!("-----END {label}-----");
        let end = inside.find(&end_line).ok_or_else(|| invalid(format!("no `{end_line}` line")))?;
        blocks.push(PemBlock { label, text: &inside[..end] });
        rest = &inside[end + end_line.len()..];
    }
    if blocks.is_empty() {
        return Err(invalid("no `-----BEGIN` line".to_owned()));
    }
    Ok(blocks)
}

/// The error for a PEM whose only blocks are not private keys.
fn not_a_key(label: &str) -> KeyError {
    match label {
        "PUBLIC KEY" | "RSA PUBLIC KEY" | "CERTIFICATE" | "EC PUBLIC KEY" | "TRUSTED CERTIFICATE" => {
            KeyError::NotAPrivateKey { label: label.to_owned() }
        }
        "DSA PARAMETERS" => KeyError::UnsupportedAlgorithm { algorithm: "DSA".to_owned() },
        other => KeyError::UnsupportedLabel { label: other.to_owned() },
    }
}

/// Whether `der` is a PKCS#8 `EncryptedPrivateKeyInfo`: a sequence of an
/// algorithm identifier from PKCS#5 (PBES2) or PKCS#12 and an octet string.
fn is_encrypted_pkcs8(der: &[u8]) -> bool {
    use pkcs8::der::asn1::OctetStringRef;
    use pkcs8::der::{Reader, SliceReader};
    let Ok(mut reader) = SliceReader::new(der) else {
        return false;
    };
    let algorithm = reader.sequence(|body| {
        let algorithm = pkcs8::AlgorithmIdentifierRef::decode(body)?;
        <&OctetStringRef>::decode(body)?;
        Ok::<_, pkcs8::der::Error>(algorithm.oid)
    });
    algorithm.is_ok_and(|oid| {
        let oid = oid.to_string();
        oid.starts_with("1.2.840.113549.1.5.") || oid.starts_with("1.2.840.113549.1.12.")
    })
}

fn check_p256(curve: ObjectIdentifier) -> Result<(), KeyError> {
    if curve.to_string() == PRIME256V1 { Ok(()) } else { Err(KeyError::UnsupportedCurve { curve: named(curve) }) }
}

/// An object identifier with its common name, where it is one a CloudFront
/// user is likely to hold by mistake.
fn named(oid: ObjectIdentifier) -> String {
    let dotted = oid.to_string();
    let name = match dotted.as_str() {
        "1.3.101.112" => Some("Ed25519"),
        "1.3.101.113" => Some("Ed448"),
        "1.3.101.110" => Some("X25519"),
        "1.2.840.10040.4.1" => Some("DSA"),
        "1.2.840.113549.1.1.10" => Some("RSASSA-PSS"),
        "1.3.132.0.34" => Some("P-384"),
        "1.3.132.0.35" => Some("P-521"),
        "1.3.132.0.10" => Some("secp256k1"),
        _ => None,
    };
    match name {
        Some(name) => format!("{name} ({dotted})"),
        None => dotted,
    }
}

fn malformed(format: &'static str, error: impl fmt::Display) -> KeyError {
    KeyError::Malformed { format, reason: error.to_string() }
}
