//! Keys: every supported encoding loads and signs alike; everything else is
//! a clear error; no key material in `Debug`.

use std::time::{Duration, UNIX_EPOCH};

use cloudfront_signer::{HashAlgorithm, KeyAlgorithm, KeyError, PrivateKey, Signer};

use crate::support::{key, key_text};

const URL: &str = "https://d111111abcdef8.cloudfront.net/a.jpg";

fn signed(file: &str, hash: HashAlgorithm) -> String {
    Signer::new("K1", key(file))
        .unwrap()
        .hash_algorithm(hash)
        .sign_url(URL, UNIX_EPOCH + Duration::from_secs(2_000_000_000))
        .unwrap()
}

#[test]
fn rsa_in_every_encoding_is_the_same_key() {
    for file in ["rsa_pkcs1.pem", "rsa_pkcs8.pem", "rsa_pkcs8.der", "rsa_pkcs1.der"] {
        assert_eq!(key(file).algorithm(), KeyAlgorithm::Rsa { bits: 2048 }, "{file}");
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            assert_eq!(signed(file, hash), signed("rsa_pkcs1.pem", hash), "{file}");
        }
    }
}

#[test]
fn ecdsa_in_every_encoding_is_the_same_key() {
    // RFC 6979 nonces make ECDSA signatures deterministic, so equal keys
    // sign equal URLs.
    for file in ["ec_pkcs8.pem", "ec_sec1.pem", "ec_pkcs8.der"] {
        assert_eq!(key(file).algorithm(), KeyAlgorithm::EcdsaP256, "{file}");
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            assert_eq!(signed(file, hash), signed("ec_pkcs8.pem", hash), "{file}");
        }
    }
    assert_ne!(signed("ec_pkcs8.pem", HashAlgorithm::Sha1), signed("ec_pkcs8.pem", HashAlgorithm::Sha256));
}

#[test]
fn openssl_ecparam_output_with_its_parameters_block_loads() {
    let with_parameters = format!(
        "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{}",
        key_text("ec_sec1.pem")
    );
    assert_eq!(PrivateKey::from_pem(&with_parameters).unwrap().algorithm(), KeyAlgorithm::EcdsaP256);
}

#[test]
fn rsa_keys_smaller_than_cloudfronts_are_refused() {
    assert_eq!(
        PrivateKey::from_pem(&key_text("rsa_1024_pkcs8.pem")).unwrap_err(),
        KeyError::RsaKeyTooSmall { bits: 1024 }
    );
    let der = pem_body(&key_text("rsa_1024_pkcs8.pem"));
    assert_eq!(PrivateKey::from_der(&der).unwrap_err(), KeyError::RsaKeyTooSmall { bits: 1024 });
}

/// PEM as OpenSSL reads it: any line length, CRLF, indentation, other
/// blocks around the key.
#[test]
fn pem_is_read_as_leniently_as_openssl() {
    let pem = key_text("rsa_pkcs8.pem");
    let body: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
    let rewrap = |width: usize, newline: &str| {
        let lines: Vec<String> =
            body.as_bytes().chunks(width).map(|chunk| String::from_utf8(chunk.to_vec()).unwrap()).collect();
        format!(
            "-----BEGIN PRIVATE KEY-----{newline}{}{newline}-----END PRIVATE KEY-----{newline}",
            lines.join(newline)
        )
    };
    let expected = signed("rsa_pkcs8.pem", HashAlgorithm::Sha1);
    let sign = |pem: &str| {
        Signer::new("K1", PrivateKey::from_pem(pem).unwrap())
            .unwrap()
            .sign_url(URL, UNIX_EPOCH + Duration::from_secs(2_000_000_000))
            .unwrap()
    };
    for variant in [
        rewrap(76, "\n"),
        rewrap(body.len(), "\n"),
        rewrap(64, "\r\n"),
        format!("  {}", rewrap(64, "  \n  ")),
        format!("{}{}", key_text("rsa_public.pem"), pem),
        format!("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n{pem}"),
    ] {
        assert_eq!(sign(&variant), expected, "{variant}");
    }
    assert_eq!(
        PrivateKey::from_pem(&format!("{pem}{}", key_text("ec_pkcs8.pem"))).unwrap_err(),
        KeyError::SeveralKeys { count: 2 }
    );
}

#[test]
fn key_files_are_read_as_pem_or_der() {
    let dir = crate::support::keys_dir();
    for (file, algorithm) in [
        ("rsa_pkcs1.pem", KeyAlgorithm::Rsa { bits: 2048 }),
        ("rsa_pkcs8.der", KeyAlgorithm::Rsa { bits: 2048 }),
        ("ec_pkcs8.der", KeyAlgorithm::EcdsaP256),
    ] {
        assert_eq!(PrivateKey::from_file(dir.join(file)).unwrap().algorithm(), algorithm, "{file}");
    }
    let missing = dir.join("missing.pem");
    assert!(matches!(
        PrivateKey::from_file(&missing),
        Err(KeyError::Io { path, .. }) if path == missing
    ));
}

#[test]
fn unusable_keys_are_clear_errors() {
    let error = |file: &str| PrivateKey::from_pem(&key_text(file)).unwrap_err();
    assert_eq!(error("rsa_pkcs8_encrypted.pem"), KeyError::Encrypted);
    assert_eq!(error("ec_p384_pkcs8.pem"), KeyError::UnsupportedCurve { curve: "P-384 (1.3.132.0.34)".to_owned() });
    assert_eq!(
        error("ed25519_pkcs8.pem"),
        KeyError::UnsupportedAlgorithm { algorithm: "Ed25519 (1.3.101.112)".to_owned() }
    );
    assert_eq!(error("rsa_public.pem"), KeyError::NotAPrivateKey { label: "PUBLIC KEY".to_owned() });
    let legacy_encrypted = key_text("rsa_pkcs1.pem").replace(
        "-----BEGIN RSA PRIVATE KEY-----\n",
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00000000000000000000000000000000\n\n",
    );
    assert_eq!(PrivateKey::from_pem(&legacy_encrypted).unwrap_err(), KeyError::Encrypted);
    assert!(matches!(PrivateKey::from_pem("not a key").unwrap_err(), KeyError::InvalidPem { .. }));
    assert!(matches!(
        PrivateKey::from_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").unwrap_err(),
        KeyError::Malformed { format: "PKCS#8", .. }
    ));
    let openssh =
        PrivateKey::from_pem("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----\n")
            .unwrap_err();
    assert!(matches!(openssh, KeyError::UnsupportedLabel { .. }));
    assert!(openssh.to_string().contains("ssh-keygen -p -m PEM"), "{openssh}");
    for label in ["DSA PRIVATE KEY", "DSA PARAMETERS"] {
        assert_eq!(
            PrivateKey::from_pem(&format!("-----BEGIN {label}-----\nAAAA\n-----END {label}-----\n")).unwrap_err(),
            KeyError::UnsupportedAlgorithm { algorithm: "DSA".to_owned() }
        );
    }
    assert!(matches!(PrivateKey::from_der(b"\x30\x03\x02\x01\x00").unwrap_err(), KeyError::Malformed { .. }));
    let encrypted_der = pem_body(&key_text("rsa_pkcs8_encrypted.pem"));
    assert_eq!(PrivateKey::from_der(&encrypted_der).unwrap_err(), KeyError::Encrypted);
    assert!(error("rsa_pkcs8_encrypted.pem").to_string().contains("decrypt it first"));
}

#[test]
fn debug_shows_the_algorithm_and_never_the_key() {
    let rsa = key("rsa_pkcs8.pem");
    assert_eq!(format!("{rsa:?}"), "PrivateKey { algorithm: Rsa { bits: 2048 }, .. }");
    let signer = Signer::new("K2JCJMDEHXQW5F", key("ec_pkcs8.pem")).unwrap();
    assert_eq!(
        format!("{signer:?}"),
        "Signer { key_pair_id: \"K2JCJMDEHXQW5F\", key: PrivateKey { algorithm: EcdsaP256, .. }, hash: Sha1 }"
    );
}

fn pem_body(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = pem.lines().filter(|line| !line.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD.decode(body).unwrap()
}
