//! Signs one CloudFront URL, valid for an hour, with the PEM key given as
//! the first argument.

use std::time::{Duration, SystemTime};

use cloudfront_signer::{PrivateKey, Signer};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: sign-only KEY.pem")?;
    let key = PrivateKey::from_pem(&std::fs::read_to_string(path)?)?;
    let signer = Signer::new("K2JCJMDEHXQW5F", key)?;
    let expires = SystemTime::now() + Duration::from_secs(3600);
    println!(
        "{}",
        signer.sign_url("https://d111111abcdef8.cloudfront.net/index.html", expires)?
    );
    Ok(())
}
