//! The errors of key loading and signing.

use std::fmt;

/// Why a private key could not be used to sign for CloudFront.
///
/// Returned by [`PrivateKey::from_pem`](crate::PrivateKey::from_pem) and
/// [`PrivateKey::from_der`](crate::PrivateKey::from_der). No variant holds
/// key material.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The key is encrypted (`ENCRYPTED PRIVATE KEY`, or a legacy PEM with a
    /// `Proc-Type: 4,ENCRYPTED` header). Decrypt it first, for example with
    /// `openssl pkey -in key.pem -out plain.pem`.
    Encrypted,
    /// The PEM holds a public key or a certificate, not the private key that
    /// signs. `label` is its PEM label, such as `PUBLIC KEY`.
    NotAPrivateKey {
        /// The PEM label found.
        label: String,
    },
    /// The PEM label is not one of `RSA PRIVATE KEY` (PKCS#1),
    /// `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY` (SEC1).
    UnsupportedLabel {
        /// The PEM label found.
        label: String,
    },
    /// The key's algorithm is neither RSA nor ECDSA. `algorithm` is its
    /// object identifier, with a name where it is a well-known one.
    UnsupportedAlgorithm {
        /// The algorithm, such as `Ed25519 (1.3.101.112)`.
        algorithm: String,
    },
    /// An elliptic-curve key on a curve other than P-256, the only one
    /// CloudFront accepts. `curve` is the curve's object identifier, with a
    /// name where it is a well-known one.
    UnsupportedCurve {
        /// The curve, such as `P-384 (1.3.132.0.34)`.
        curve: String,
    },
    /// More than one private key in the PEM: which one signs would be a
    /// guess. Give the one whose public key is in the key group.
    SeveralKeys {
        /// How many private-key blocks there are.
        count: usize,
    },
    /// An RSA key smaller than 2048 bits: CloudFront's public keys are
    /// 2048-bit RSA, so no key group can hold its public half.
    RsaKeyTooSmall {
        /// The modulus length in bits.
        bits: usize,
    },
    /// The key file could not be read.
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What the operating system reported.
        reason: String,
    },
    /// The bytes are not a PEM document (no `-----BEGIN` line) or its
    /// base64 body does not decode.
    InvalidPem {
        /// What the PEM decoder reported.
        reason: String,
    },
    /// The DER does not decode as the structure its PEM label (or, for bare
    /// DER, any of PKCS#8, PKCS#1 or SEC1) promises.
    Malformed {
        /// The encoding tried last: `PKCS#8`, `PKCS#1` or `SEC1`.
        format: &'static str,
        /// What the decoder reported.
        reason: String,
    },
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Encrypted => {
                f.write_str("the private key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)")
            }
            KeyError::NotAPrivateKey { label } => write!(
                f,
                "the PEM holds a `{label}`, not a private key; CloudFront URLs are signed with the private key of the pair"
            ),
            KeyError::UnsupportedLabel { label } => {
                write!(
                    f,
                    "unsupported PEM label `{label}`: expected `RSA PRIVATE KEY`, `PRIVATE KEY` or `EC PRIVATE KEY`"
                )?;
                if label == "OPENSSH PRIVATE KEY" {
                    f.write_str(" (convert an OpenSSH key with `ssh-keygen -p -m PEM -f KEY`)")?;
                }
                Ok(())
            }
            KeyError::SeveralKeys { count } => write!(
                f,
                "the PEM holds {count} private keys; give only the one whose public key is in the distribution's key group"
            ),
            KeyError::RsaKeyTooSmall { bits } => {
                write!(f, "RSA key of {bits} bits: CloudFront's public keys are 2048-bit RSA (or ECDSA P-256)")
            }
            KeyError::Io { path, reason } => write!(f, "cannot read key file {}: {reason}", path.display()),
            KeyError::UnsupportedAlgorithm { algorithm } => {
                write!(f, "unsupported key algorithm {algorithm}: CloudFront accepts RSA and ECDSA P-256 keys")
            }
            KeyError::UnsupportedCurve { curve } => write!(
                f,
                "unsupported elliptic curve {curve}: CloudFront accepts ECDSA keys on P-256 (prime256v1) only, with the curve named (openssl ec -param_enc named_curve)"
            ),
            KeyError::InvalidPem { reason } => write!(f, "not a PEM private key: {reason}"),
            KeyError::Malformed { format, reason } => {
                write!(f, "malformed {format} private key: {reason}")
            }
        }
    }
}

impl std::error::Error for KeyError {}

/// Why a URL or a cookie set could not be signed.
///
/// Every check runs before anything is signed, so an error never comes with
/// a half-signed result.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The key could not be loaded.
    Key(KeyError),
    /// The key-pair id is empty or has a character that would need escaping
    /// in a query string or a cookie (allowed: ASCII letters, digits, `-`,
    /// `_`, `.` and `~`).
    InvalidKeyPairId {
        /// The id given.
        id: String,
    },
    /// The resource (a URL, or a custom policy's resource pattern) has a
    /// character outside ASCII. CloudFront compares the URL as sent on the
    /// wire: percent-encode it first (UTF-8, e.g. `é` as `%C3%A9`).
    NonAsciiResource {
        /// The resource given.
        resource: String,
        /// The byte offset of the first non-ASCII character.
        position: usize,
    },
    /// The resource is empty.
    EmptyResource,
    /// A canned policy was asked for a resource with a wildcard (`*`
    /// anywhere, or `?` after the query's own `?`). Wildcards only match in
    /// a custom policy: use [`CustomPolicy`](crate::CustomPolicy), or
    /// percent-encode a literal `*` as `%2A` and `?` as `%3F`.
    WildcardInCannedPolicy {
        /// The resource given.
        resource: String,
        /// The byte offset of the wildcard.
        position: usize,
    },
    /// The URL already has a query parameter that signing adds
    /// (`Expires`, `Policy`, `Signature`, `Key-Pair-Id` or
    /// `Hash-Algorithm`); CloudFront would read the wrong one.
    ReservedParameter {
        /// The URL given.
        url: String,
        /// The parameter's name.
        name: &'static str,
    },
    /// The URL has a `#fragment`; browsers do not send fragments, and the
    /// signing parameters must end the query. Remove it before signing.
    Fragment {
        /// The URL given.
        url: String,
    },
    /// A time is before 1970-01-01T00:00:00Z, which a policy's epoch
    /// seconds cannot express. `field` is `expires` or `starts`.
    TimeBeforeEpoch {
        /// Which time: `expires` or `starts`.
        field: &'static str,
    },
    /// A custom policy's start time is not before its expiry, so no moment
    /// would be valid. Both are epoch seconds.
    StartNotBeforeExpiry {
        /// `DateGreaterThan`, epoch seconds.
        starts: u64,
        /// `DateLessThan`, epoch seconds.
        expires: u64,
    },
    /// A source IP range that is not an IPv4 or IPv6 address with an
    /// optional `/prefix` within the address's length.
    InvalidSourceIp {
        /// The text given.
        value: String,
    },
    /// The URL given to [`Signer::sign_url_with_policy`](crate::Signer::sign_url_with_policy)
    /// does not match the custom policy's resource pattern, so CloudFront
    /// would refuse it.
    ResourceMismatch {
        /// The URL given.
        url: String,
        /// The policy's resource pattern.
        resource: String,
    },
    /// A `Set-Cookie` attribute value has a character a cookie attribute
    /// cannot hold (`;`, a control character or a character outside ASCII).
    InvalidCookieAttribute {
        /// `Domain` or `Path`.
        attribute: &'static str,
        /// The value given.
        value: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Key(error) => error.fmt(f),
            Error::InvalidKeyPairId { id } => write!(
                f,
                "invalid key-pair id {id:?}: expected a non-empty id of ASCII letters, digits, `-`, `_`, `.` or `~`"
            ),
            Error::NonAsciiResource { resource, position } => write!(
                f,
                "resource {resource:?} has a non-ASCII character at byte {position}; percent-encode it (UTF-8) before signing, as it will be sent"
            ),
            Error::EmptyResource => f.write_str("the resource to sign is empty"),
            Error::WildcardInCannedPolicy { resource, position } => write!(
                f,
                "resource {resource:?} has a wildcard at byte {position}, which a canned policy cannot hold; use a custom policy, or percent-encode a literal `*` as %2A and `?` as %3F"
            ),
            Error::ReservedParameter { url, name } => {
                write!(f, "URL {url:?} already has the query parameter `{name}`, which signing adds")
            }
            Error::Fragment { url } => write!(
                f,
                "URL {url:?} has a #fragment; remove it before signing (browsers do not send it, and the signature must end the query)"
            ),
            Error::TimeBeforeEpoch { field } => {
                write!(f, "the policy's `{field}` time is before 1970-01-01T00:00:00Z")
            }
            Error::StartNotBeforeExpiry { starts, expires } => {
                write!(f, "the policy starts at {starts} (epoch seconds), not before it expires at {expires}")
            }
            Error::InvalidSourceIp { value } => write!(
                f,
                "invalid source IP {value:?}: expected an IPv4 or IPv6 address with an optional /prefix, such as 192.0.2.0/24"
            ),
            Error::ResourceMismatch { url, resource } => {
                write!(f, "URL {url:?} does not match the policy's resource {resource:?}; CloudFront would refuse it")
            }
            Error::InvalidCookieAttribute { attribute, value } => {
                write!(f, "cookie attribute {attribute}={value:?} has a `;`, a control or a non-ASCII character")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Key(error) => Some(error),
            _ => None,
        }
    }
}

impl From<KeyError> for Error {
    fn from(error: KeyError) -> Self {
        Error::Key(error)
    }
}
