//! Signs a CloudFront URL and a cookie set with a private key from a PEM
//! file.
//!
//! ```text
//! cargo run -p cloudfront-examples --example cloudfront_sign -- \
//!     KEY.pem KEY_PAIR_ID URL [--sha256] [--hours N] [--resource PATTERN] [--ip CIDR]
//! ```
//!
//! Prints the signed URL (a canned policy, or a custom one when
//! `--resource` or `--ip` is given) and the `Set-Cookie` header values of
//! signed cookies for the same grant (custom policy for `--resource`, e.g.
//! `https://d111111abcdef8.cloudfront.net/videos/*`, else canned for URL).
//! The key is RSA or ECDSA P-256, PKCS#1, PKCS#8 or SEC1; the key-pair id
//! is the public key's id in the distribution's key group.

use std::time::{Duration, SystemTime};

use cloudfront_signer::{CookieAttributes, CustomPolicy, HashAlgorithm, PrivateKey, Signer};

const USAGE: &str =
    "usage: cloudfront_sign KEY.pem KEY_PAIR_ID URL [--sha256] [--hours N] [--resource PATTERN] [--ip CIDR]";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut positional = Vec::new();
    let (mut sha256, mut hours, mut resource, mut ip) = (false, 1u64, None, None);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--sha256" => sha256 = true,
            "--hours" => hours = args.next().ok_or(USAGE)?.parse()?,
            "--resource" => resource = Some(args.next().ok_or(USAGE)?),
            "--ip" => ip = Some(args.next().ok_or(USAGE)?.parse()?),
            _ => positional.push(arg),
        }
    }
    let [key_file, key_pair_id, url] = <[String; 3]>::try_from(positional).map_err(|_| USAGE)?;

    let key = PrivateKey::from_pem(&std::fs::read_to_string(&key_file)?)?;
    let hash = if sha256 { HashAlgorithm::Sha256 } else { HashAlgorithm::Sha1 };
    let signer = Signer::new(key_pair_id, key)?.hash_algorithm(hash);
    let expires = SystemTime::now() + Duration::from_secs(hours * 3600);

    let (signed_url, cookies) = if resource.is_some() || ip.is_some() {
        let mut policy = CustomPolicy::new(resource.unwrap_or_else(|| url.clone()), expires);
        if let Some(ip) = ip {
            policy = policy.source_ip(ip);
        }
        (signer.sign_url_with_policy(&url, &policy)?, signer.sign_cookies_with_policy(&policy)?)
    } else {
        (signer.sign_url(&url, expires)?, signer.sign_cookies(&url, expires)?)
    };

    println!("{signed_url}");
    println!();
    // The URL's host, without user information or port.
    let authority = url.split("://").nth(1).and_then(|rest| rest.split(['/', '?']).next()).unwrap_or_default();
    let host_and_port = authority.rsplit('@').next().unwrap_or_default();
    let host = match host_and_port.rsplit_once(':') {
        Some((host, port)) if port.bytes().all(|b| b.is_ascii_digit()) => host,
        _ => host_and_port,
    };
    let attributes = CookieAttributes::new().domain(host).path("/");
    for header in cookies.set_cookie_headers(&attributes)? {
        println!("Set-Cookie: {header}");
    }
    Ok(())
}
