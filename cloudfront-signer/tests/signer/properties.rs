//! Any ASCII resource and any expiry round-trip through signing and the
//! verifier, for URLs and cookies, canned and custom.

use std::net::IpAddr;
use std::time::{Duration, UNIX_EPOCH};

use cloudfront_signer::{CustomPolicy, HashAlgorithm, Signer};
use proptest::prelude::*;

use crate::support::{Rejection, Verifier, key};

/// The last second of 9999-12-31.
const LATEST: u64 = 253_402_300_799;

/// Path bytes: any ASCII but `?`, `#` and `*` (which would start a query,
/// a fragment or a wildcard).
fn path() -> impl Strategy<Value = String> {
    proptest::collection::vec((0u8..0x80).prop_filter("no ? # *", |b| !b"?#*".contains(b)), 0..40)
        .prop_map(|bytes| bytes.into_iter().map(char::from).collect())
}

/// An optional query of `name=value` pairs whose names are not signing
/// parameters.
fn query() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(proptest::collection::vec(("[a-z]{1,6}", path()), 1..4).prop_map(|pairs| {
        pairs
            .into_iter()
            .map(|(name, value)| format!("{name}={}", value.replace('&', "")))
            .collect::<Vec<_>>()
            .join("&")
    }))
}

fn url() -> impl Strategy<Value = String> {
    (path(), query()).prop_map(|(path, query)| match query {
        Some(query) => format!("https://d111111abcdef8.cloudfront.net/{path}?{query}"),
        None => format!("https://d111111abcdef8.cloudfront.net/{path}"),
    })
}

fn signers() -> [(Signer, Verifier); 2] {
    [
        (Signer::new("K1", key("rsa_pkcs1.pem")).unwrap(), Verifier::default().trust("K1", "rsa_public.pem")),
        (
            Signer::new("K1", key("ec_pkcs8.pem")).unwrap().hash_algorithm(HashAlgorithm::Sha256),
            Verifier::default().trust("K1", "ec_public.pem"),
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn canned_urls_and_cookies_round_trip(url in url(), expires in 1..=LATEST) {
        let viewer: IpAddr = "203.0.113.1".parse().unwrap();
        for (signer, verifier) in signers() {
            let time = UNIX_EPOCH + Duration::from_secs(expires);
            let signed = signer.sign_url(&url, time).unwrap();
            prop_assert!(signed.starts_with(&url));
            prop_assert_eq!(verifier.verify_url(&signed, expires - 1, viewer), Ok(()));
            prop_assert_eq!(verifier.verify_url(&signed, expires, viewer), Err(Rejection::Expired));
            let cookies = signer.sign_cookies(&url, time).unwrap();
            prop_assert_eq!(verifier.verify_cookies(&url, &cookies, expires - 1, viewer), Ok(()));
        }
    }

    #[test]
    fn custom_urls_and_cookies_round_trip(
        url in url(),
        cut in any::<prop::sample::Index>(),
        expires in 2..=LATEST,
        starts_back in 1u64..1_000_000,
        prefix in 0u8..=32,
        last_octet in any::<u8>(),
    ) {
        // A resource that is a prefix of the URL and a `*`, from a range
        // the viewer is in.
        let resource = format!("{}*", &url[..cut.index(url.len() + 1)]);
        let starts = expires.saturating_sub(starts_back).max(1).min(expires - 1);
        // The viewer's last octet keeps the range's network bits (zero).
        let host_bits = 32 - u32::from(prefix.max(24));
        let octet = u32::from(last_octet) & ((1u32 << host_bits) - 1);
        let viewer: IpAddr = format!("198.51.100.{octet}").parse().unwrap();
        let policy = CustomPolicy::new(resource, UNIX_EPOCH + Duration::from_secs(expires))
            .starts(UNIX_EPOCH + Duration::from_secs(starts))
            .source_ip(format!("198.51.100.0/{prefix}").parse().unwrap());
        for (signer, verifier) in signers() {
            let signed = signer.sign_url_with_policy(&url, &policy).unwrap();
            prop_assert_eq!(verifier.verify_url(&signed, starts, viewer), Ok(()));
            prop_assert_eq!(verifier.verify_url(&signed, starts - 1, viewer), Err(Rejection::NotYetValid));
            prop_assert_eq!(verifier.verify_url(&signed, expires, viewer), Err(Rejection::Expired));
            let cookies = signer.sign_cookies_with_policy(&policy).unwrap();
            prop_assert_eq!(verifier.verify_cookies(&url, &cookies, expires - 1, viewer), Ok(()));
        }
    }
}
