//! The wire form of URLs and cookies, and what is refused before signing.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use cloudfront_signer::{
    CookieAttributes, CustomPolicy, Error, HashAlgorithm, SIGNING_PARAMETERS, SameSite, Signer, encode,
};

use crate::support::{decode, key};

fn at(seconds: u64) -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(seconds)
}

fn signer(hash: HashAlgorithm) -> Signer {
    Signer::new("K2JCJMDEHXQW5F", key("rsa_pkcs1.pem")).unwrap().hash_algorithm(hash)
}

/// The query parameter names of a signed URL, in order.
fn names(url: &str) -> Vec<&str> {
    let (_, query) = url.split_once('?').unwrap();
    query.split('&').map(|pair| pair.split_once('=').map_or(pair, |(name, _)| name)).collect()
}

#[test]
fn parameters_follow_the_urls_own_query_in_cloudfronts_order() {
    let sha1 = signer(HashAlgorithm::Sha1);
    let sha256 = signer(HashAlgorithm::Sha256);
    let url = "https://d.example/a.jpg?size=large&color=red";
    assert_eq!(names(&sha1.sign_url(url, at(10)).unwrap()), ["size", "color", "Expires", "Signature", "Key-Pair-Id"]);
    assert_eq!(
        names(&sha256.sign_url(url, at(10)).unwrap()),
        ["size", "color", "Expires", "Signature", "Key-Pair-Id", "Hash-Algorithm"]
    );
    let policy = CustomPolicy::new("https://d.example/*", at(10));
    let signed = sha256.sign_url_with_policy("https://d.example/b.jpg", &policy).unwrap();
    assert_eq!(names(&signed), ["Policy", "Signature", "Key-Pair-Id", "Hash-Algorithm"]);
    assert!(signed.starts_with("https://d.example/b.jpg?Policy="));
    assert!(signed.ends_with("&Key-Pair-Id=K2JCJMDEHXQW5F&Hash-Algorithm=SHA256"));
}

#[test]
fn policy_and_signature_use_cloudfronts_alphabet_unescaped() {
    // Bytes whose standard base64 has `+`, `/` and `=`.
    assert_eq!(encode(&[0xfb, 0xff, 0xbf]), "-~-~");
    assert_eq!(encode(&[0xfb, 0xff]), "-~8_");
    let policy = CustomPolicy::new("https://d.example/*", at(10));
    let url = signer(HashAlgorithm::Sha1).sign_url_with_policy("https://d.example/x", &policy).unwrap();
    let encoded_policy = url.split("Policy=").nth(1).unwrap().split('&').next().unwrap();
    assert!(!encoded_policy.contains(['+', '/', '=', '%']));
    assert_eq!(decode(encoded_policy).unwrap(), policy.to_json().unwrap().into_bytes());
}

#[test]
fn urls_that_cannot_be_signed_are_refused() {
    let signer = signer(HashAlgorithm::Sha1);
    for name in SIGNING_PARAMETERS {
        let url = format!("https://d.example/a.jpg?x=1&{name}=2");
        assert_eq!(signer.sign_url(&url, at(10)), Err(Error::ReservedParameter { url: url.clone(), name }));
    }
    // A name that only contains a reserved one is fine.
    assert!(signer.sign_url("https://d.example/a.jpg?MyExpires=1", at(10)).is_ok());
    assert_eq!(
        signer.sign_url("https://d.example/a.jpg#top", at(10)),
        Err(Error::Fragment { url: "https://d.example/a.jpg#top".to_owned() })
    );
    assert!(matches!(
        signer.sign_url("https://d.example/caf\u{e9}.jpg", at(10)),
        Err(Error::NonAsciiResource { position: 21, .. })
    ));
    assert!(signer.sign_url("https://d.example/caf%C3%A9.jpg", at(10)).is_ok());
    assert!(matches!(
        signer.sign_url("https://d.example/videos/*", at(10)),
        Err(Error::WildcardInCannedPolicy { position: 25, .. })
    ));
    assert!(matches!(
        signer.sign_cookies("https://d.example/videos/*", at(10)),
        Err(Error::WildcardInCannedPolicy { .. })
    ));
    assert_eq!(signer.sign_url("", at(10)), Err(Error::EmptyResource));
    assert_eq!(
        signer.sign_url("https://d.example/a", UNIX_EPOCH - Duration::from_secs(1)),
        Err(Error::TimeBeforeEpoch { field: "expires" })
    );
    let policy = CustomPolicy::new("https://d.example/videos/*", at(10));
    assert_eq!(
        signer.sign_url_with_policy("https://d.example/images/a.jpg", &policy),
        Err(Error::ResourceMismatch {
            url: "https://d.example/images/a.jpg".to_owned(),
            resource: "https://d.example/videos/*".to_owned()
        })
    );
}

#[test]
fn key_pair_ids_that_would_need_escaping_are_refused() {
    for id in ["", "K1&x=2", "K 1", "K1;", "K\u{e9}"] {
        assert_eq!(Signer::new(id, key("ec_pkcs8.pem")).unwrap_err(), Error::InvalidKeyPairId { id: id.to_owned() });
    }
    assert!(Signer::new("APKAEIBAERJR2EXAMPLE", key("ec_pkcs8.pem")).is_ok());
}

#[test]
fn cookies_carry_what_the_url_carries() {
    let signer = signer(HashAlgorithm::Sha256);
    let url = "https://d.example/a.jpg";
    let signed_url = signer.sign_url(url, at(1_800_000_000)).unwrap();
    let cookies = signer.sign_cookies(url, at(1_800_000_000)).unwrap();
    let names: Vec<&str> = cookies.iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        ["CloudFront-Expires", "CloudFront-Signature", "CloudFront-Key-Pair-Id", "CloudFront-Hash-Algorithm"]
    );
    assert_eq!(cookies.get("CloudFront-Expires"), Some("1800000000"));
    assert_eq!(cookies.get("CloudFront-Hash-Algorithm"), Some("SHA256"));
    let url_signature = signed_url.split("Signature=").nth(1).unwrap().split('&').next().unwrap();
    assert_eq!(cookies.get("CloudFront-Signature"), Some(url_signature));

    let policy = CustomPolicy::new("https://d.example/*", at(1_800_000_000));
    let sha1_cookies =
        Signer::new("K2JCJMDEHXQW5F", key("rsa_pkcs1.pem")).unwrap().sign_cookies_with_policy(&policy).unwrap();
    let names: Vec<&str> = sha1_cookies.iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["CloudFront-Policy", "CloudFront-Signature", "CloudFront-Key-Pair-Id"]);
}

#[test]
fn set_cookie_headers_have_the_chosen_attributes() {
    let policy = CustomPolicy::new("https://d.example/*", at(1_800_000_000));
    let cookies = signer(HashAlgorithm::Sha1).sign_cookies_with_policy(&policy).unwrap();
    let headers = cookies.set_cookie_headers(&CookieAttributes::new().domain("d.example").path("/")).unwrap();
    assert_eq!(headers.len(), 3);
    assert_eq!(headers[2], "CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F; Domain=d.example; Path=/; Secure; HttpOnly");
    let plain = cookies.set_cookie_headers(&CookieAttributes::new().secure(false).http_only(false)).unwrap();
    assert_eq!(plain[2], "CloudFront-Key-Pair-Id=K2JCJMDEHXQW5F");
    for (i, (name, value)) in cookies.iter().enumerate() {
        assert!(headers[i].starts_with(&format!("{name}={value}; ")));
        assert!(!value.contains([';', ',', ' ', '"', '\\']));
    }
    assert_eq!(
        cookies.set_cookie_headers(&CookieAttributes::new().path("/a; Domain=evil")),
        Err(Error::InvalidCookieAttribute { attribute: "Path", value: "/a; Domain=evil".to_owned() })
    );
    assert!(matches!(
        cookies.set_cookie_headers(&CookieAttributes::new().domain("d.example\r\nX: y")),
        Err(Error::InvalidCookieAttribute { attribute: "Domain", .. })
    ));
}

#[test]
fn cookie_attributes_are_checked_and_same_site_is_optional() {
    let policy = CustomPolicy::new("https://d.example/*", at(1_800_000_000));
    let cookies = signer(HashAlgorithm::Sha1).sign_cookies_with_policy(&policy).unwrap();
    let headers = cookies
        .set_cookie_headers(&CookieAttributes::new().domain(".example.com").path("/media/").same_site(SameSite::Strict))
        .unwrap();
    assert!(headers[0].ends_with("; Domain=.example.com; Path=/media/; Secure; HttpOnly; SameSite=Strict"));
    for (attributes, attribute) in [
        (CookieAttributes::new().domain(""), "Domain"),
        (CookieAttributes::new().domain("d.exa mple"), "Domain"),
        (CookieAttributes::new().domain("user@d.example:443"), "Domain"),
        (CookieAttributes::new().path("media"), "Path"),
        (CookieAttributes::new().path(""), "Path"),
    ] {
        assert!(
            matches!(cookies.set_cookie_headers(&attributes), Err(Error::InvalidCookieAttribute { attribute: a, .. }) if a == attribute),
            "{attributes:?}"
        );
    }
    // The values are a bearer grant: Debug names the cookies only.
    let debug = format!("{cookies:?}");
    assert!(debug.contains("CloudFront-Signature"), "{debug}");
    assert!(!debug.contains(cookies.get("CloudFront-Signature").unwrap()), "{debug}");
    assert_eq!(
        signer(HashAlgorithm::Sha1).sign_cookies("https://d.example/a.jpg#x", at(10)),
        Err(Error::Fragment { url: "https://d.example/a.jpg#x".to_owned() })
    );
}

#[test]
fn a_star_in_the_url_is_matched_by_a_policy_wildcard() {
    let policy = CustomPolicy::new("https://d.example/a*b", at(10));
    assert!(signer(HashAlgorithm::Sha1).sign_url_with_policy("https://d.example/a*cb", &policy).is_ok());
    let ip = "192.0.2.7".parse::<std::net::IpAddr>().unwrap();
    let single = CustomPolicy::new("https://d.example/*", at(10)).source_ip(ip.into());
    assert!(single.to_json().unwrap().contains(r#""AWS:SourceIp":"192.0.2.7/32""#));
}
