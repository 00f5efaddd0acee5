//! Python's `cryptography` (OpenSSL underneath) verifies our signatures on
//! the exact policy bytes, for every key kind and hash; tampered policies
//! and signatures of another key fail it.
//! (`scripts/verify_cloudfront_signatures.py`; the README's test command
//! installs the pinned `cryptography`.)

use std::path::Path;
use std::process::Command;
use std::time::{Duration, UNIX_EPOCH};

use cloudfront_signer::{CustomPolicy, HashAlgorithm, Signer, canned_policy_json};
use serde_json::json;

use crate::support::{decode, key, keys_dir};

#[test]
fn cryptography_verifies_every_key_kind_and_hash() {
    let expires = UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let url = "https://d111111abcdef8.cloudfront.net/images/image.jpg?size=large";
    let custom = CustomPolicy::new("https://d111111abcdef8.cloudfront.net/images/*", expires)
        .starts(UNIX_EPOCH + Duration::from_secs(1_700_000_000))
        .source_ip("198.51.100.0/24".parse().unwrap());
    let mut vectors = Vec::new();
    let keys = [
        ("rsa_pkcs1.pem", "RSA", "rsa_public.pem", "rsa2_public.pem"),
        ("rsa_pkcs8.der", "RSA", "rsa_public.pem", "rsa2_public.pem"),
        ("ec_pkcs8.pem", "ECDSA", "ec_public.pem", "ec2_public.pem"),
        ("ec_sec1.pem", "ECDSA", "ec_public.pem", "ec2_public.pem"),
    ];
    for (private, algorithm, public, other_public) in keys {
        for (hash, name) in [(HashAlgorithm::Sha1, "SHA1"), (HashAlgorithm::Sha256, "SHA256")] {
            let signer = Signer::new("K2JCJMDEHXQW5F", key(private)).unwrap().hash_algorithm(hash);
            // The canned policy as CloudFront rebuilds it, with the
            // signature taken from the URL itself.
            let signed = signer.sign_url(url, expires).unwrap();
            let canned = canned_policy_json(url, expires).unwrap();
            vectors.push(vector(
                &format!("{private} {name} canned URL"),
                algorithm,
                name,
                public,
                &canned,
                parameter(&signed, "Signature"),
            ));
            // The custom policy decoded from the URL's Policy parameter.
            let signed =
                signer.sign_url_with_policy("https://d111111abcdef8.cloudfront.net/images/a.jpg", &custom).unwrap();
            let policy = String::from_utf8(decode(parameter(&signed, "Policy")).unwrap()).unwrap();
            assert_eq!(policy, custom.to_json().unwrap());
            vectors.push(vector(
                &format!("{private} {name} custom URL"),
                algorithm,
                name,
                public,
                &policy,
                parameter(&signed, "Signature"),
            ));
            // Cookies.
            let cookies = signer.sign_cookies_with_policy(&custom).unwrap();
            let signature = cookies.get("CloudFront-Signature").unwrap();
            vectors.push(vector(
                &format!("{private} {name} custom cookies"),
                algorithm,
                name,
                public,
                &policy,
                signature,
            ));
            // The same signature against another key must fail.
            let mut wrong =
                vector(&format!("{private} {name} another key"), algorithm, name, other_public, &policy, signature);
            wrong["must_fail"] = json!(true);
            vectors.push(wrong);
        }
    }
    let file = std::env::temp_dir().join(format!("cloudfront-signer-vectors-{}.json", std::process::id()));
    std::fs::write(&file, serde_json::to_string_pretty(&json!({ "vectors": vectors })).unwrap()).unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../scripts/verify_cloudfront_signatures.py");
    let output = Command::new("python3")
        .arg(&script)
        .arg(&file)
        .arg(keys_dir())
        .output()
        .expect("python3 runs (the README's test command installs what it needs)");
    let _ = std::fs::remove_file(&file);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    // 4 keys x 2 hashes: 3 genuine signatures and 1 of another key, each
    // also checked against 2 tampered messages.
    assert!(stdout.contains("rejected 8 must_fail signatures as expected"), "{stdout}");
    assert!(stdout.trim_end().ends_with("verified 24 signatures, rejected 64 tampered"), "{stdout}");
}

fn parameter<'a>(url: &'a str, name: &str) -> &'a str {
    let (_, query) = url.split_once('?').unwrap();
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .unwrap_or_else(|| panic!("{name} in {url}"))
}

fn vector(
    name: &str,
    algorithm: &str,
    hash: &str,
    public_key: &str,
    message: &str,
    signature: &str,
) -> serde_json::Value {
    json!({
        "name": name,
        "algorithm": algorithm,
        "hash": hash,
        "public_key": public_key,
        "message": message,
        "signature": signature,
    })
}
