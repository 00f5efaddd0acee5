//! Every URL and cookie set we make passes a verifier that checks them as
//! CloudFront does; expired, early, wrong-IP, tampered and wrong-key ones
//! fail it.

use std::net::IpAddr;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cloudfront_signer::{CustomPolicy, HashAlgorithm, Signer};

use crate::support::{Rejection, Verifier, key};

const ID: &str = "K2JCJMDEHXQW5F";
const EXPIRES: u64 = 1_800_000_000;
const STARTS: u64 = 1_700_000_000;

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn ip(text: &str) -> IpAddr {
    text.parse().unwrap()
}

/// Every key (by its private-key file and public-key file) and hash.
fn signers() -> Vec<(Signer, Verifier, String)> {
    let mut all = Vec::new();
    for (private, public) in [("rsa_pkcs1.pem", "rsa_public.pem"), ("ec_sec1.pem", "ec_public.pem")] {
        for hash in [HashAlgorithm::Sha1, HashAlgorithm::Sha256] {
            let signer = Signer::new(ID, key(private)).unwrap().hash_algorithm(hash);
            let verifier = Verifier::default().trust(ID, public);
            all.push((signer, verifier, format!("{private} {hash:?}")));
        }
    }
    all
}

#[test]
fn canned_urls_verify_until_they_expire() {
    let viewer = ip("203.0.113.9");
    for (signer, verifier, label) in signers() {
        for url in ["https://d.example/a.jpg", "https://d.example/a.jpg?size=large", "https://d.example/a?"] {
            let signed = signer.sign_url(url, at(EXPIRES)).unwrap();
            assert_eq!(verifier.verify_url(&signed, EXPIRES - 1, viewer), Ok(()), "{label} {signed}");
            assert_eq!(verifier.verify_url(&signed, EXPIRES, viewer), Err(Rejection::Expired), "{label}");
        }
    }
}

#[test]
fn custom_urls_check_start_ip_and_resource() {
    let policy = CustomPolicy::new("https://d.example/videos/*", at(EXPIRES))
        .starts(at(STARTS))
        .source_ip("198.51.100.0/24".parse().unwrap());
    let inside = ip("198.51.100.77");
    for (signer, verifier, label) in signers() {
        let signed = signer.sign_url_with_policy("https://d.example/videos/intro.mp4?q=1", &policy).unwrap();
        assert_eq!(verifier.verify_url(&signed, STARTS, inside), Ok(()), "{label}");
        assert_eq!(verifier.verify_url(&signed, STARTS - 1, inside), Err(Rejection::NotYetValid), "{label}");
        assert_eq!(verifier.verify_url(&signed, EXPIRES, inside), Err(Rejection::Expired), "{label}");
        assert_eq!(verifier.verify_url(&signed, STARTS, ip("198.51.101.1")), Err(Rejection::IpNotAllowed), "{label}");
        assert_eq!(verifier.verify_url(&signed, STARTS, ip("2001:db8::1")), Err(Rejection::IpNotAllowed), "{label}");
        // The signed parameters moved to another file of the same policy
        // still verify (that is what a wildcard policy is for), to a file
        // outside it do not.
        let query = &signed[signed.find("?q=1&").unwrap() + 5..];
        let moved = format!("https://d.example/videos/other.mp4?{query}");
        assert_eq!(verifier.verify_url(&moved, STARTS, inside), Ok(()), "{label}");
        let outside = format!("https://d.example/images/x.jpg?{query}");
        assert_eq!(verifier.verify_url(&outside, STARTS, inside), Err(Rejection::ResourceMismatch), "{label}");
    }
}

#[test]
fn tampered_urls_fail() {
    let viewer = ip("203.0.113.9");
    let policy = CustomPolicy::new("https://d.example/a.jpg", at(EXPIRES));
    for (signer, verifier, label) in signers() {
        // A canned URL for another file, or with a later expiry.
        let signed = signer.sign_url("https://d.example/a.jpg", at(EXPIRES)).unwrap();
        let other_file = signed.replace("/a.jpg", "/b.jpg");
        assert_eq!(verifier.verify_url(&other_file, 0, viewer), Err(Rejection::BadSignature), "{label}");
        let later = signed.replace(&format!("Expires={EXPIRES}"), &format!("Expires={}", EXPIRES + 1));
        assert_eq!(verifier.verify_url(&later, 0, viewer), Err(Rejection::BadSignature), "{label}");
        // A custom policy whose text was changed.
        let signed = signer.sign_url_with_policy("https://d.example/a.jpg", &policy).unwrap();
        let encoded = signed.split("Policy=").nth(1).unwrap().split('&').next().unwrap();
        let json = policy.to_json().unwrap().replace("a.jpg", "*");
        let swapped = signed.replace(encoded, &cloudfront_signer::encode(json.as_bytes()));
        assert_eq!(verifier.verify_url(&swapped, 0, viewer), Err(Rejection::BadSignature), "{label}");
        // A signature of another key, or the key-pair id of another.
        assert!(matches!(
            Verifier::default().trust(ID, "rsa2_public.pem").verify_url(&signed, 0, viewer),
            Err(Rejection::BadSignature)
        ));
        assert!(matches!(
            Verifier::default().trust("OTHER", "rsa_public.pem").verify_url(&signed, 0, viewer),
            Err(Rejection::UnknownKeyPairId(_))
        ));
    }
}

#[test]
fn the_hash_parameter_decides_the_verification() {
    let viewer = ip("203.0.113.9");
    let verifier = Verifier::default().trust(ID, "ec_public.pem");
    let sha256 = Signer::new(ID, key("ec_pkcs8.pem"))
        .unwrap()
        .hash_algorithm(HashAlgorithm::Sha256)
        .sign_url("https://d.example/a.jpg", at(EXPIRES))
        .unwrap();
    assert_eq!(verifier.verify_url(&sha256, 0, viewer), Ok(()));
    // Without its Hash-Algorithm, CloudFront checks SHA-1 and fails.
    let stripped = sha256.replace("&Hash-Algorithm=SHA256", "");
    assert_eq!(verifier.verify_url(&stripped, 0, viewer), Err(Rejection::BadSignature));
}

#[test]
fn cookies_verify_for_the_files_they_cover() {
    let viewer = ip("192.0.2.10");
    let policy = CustomPolicy::new("https://d.example/private/*", at(EXPIRES)).source_ip("192.0.2.10".parse().unwrap());
    for (signer, verifier, label) in signers() {
        let cookies = signer.sign_cookies_with_policy(&policy).unwrap();
        for file in ["https://d.example/private/a.jpg", "https://d.example/private/sub/b.png?x=1"] {
            assert_eq!(verifier.verify_cookies(file, &cookies, 0, viewer), Ok(()), "{label}");
        }
        assert_eq!(
            verifier.verify_cookies("https://d.example/public/a.jpg", &cookies, 0, viewer),
            Err(Rejection::ResourceMismatch),
            "{label}"
        );
        assert_eq!(
            verifier.verify_cookies("https://d.example/private/a.jpg", &cookies, 0, ip("192.0.2.11")),
            Err(Rejection::IpNotAllowed),
            "{label}"
        );
        assert_eq!(
            verifier.verify_cookies("https://d.example/private/a.jpg", &cookies, EXPIRES, viewer),
            Err(Rejection::Expired),
            "{label}"
        );

        let canned = signer.sign_cookies("https://d.example/one.jpg", at(EXPIRES)).unwrap();
        assert_eq!(verifier.verify_cookies("https://d.example/one.jpg", &canned, 0, viewer), Ok(()), "{label}");
        assert_eq!(
            verifier.verify_cookies("https://d.example/two.jpg", &canned, 0, viewer),
            Err(Rejection::BadSignature),
            "{label}"
        );
        let tampered = canned.iter().map(|(name, value)| match name {
            "CloudFront-Expires" => (name, "1900000000"),
            _ => (name, value),
        });
        assert_eq!(
            verifier.verify_cookies("https://d.example/one.jpg", tampered, 0, viewer),
            Err(Rejection::BadSignature),
            "{label}"
        );
    }
}
