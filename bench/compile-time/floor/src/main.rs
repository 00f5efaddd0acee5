//! Names one item of the signing crate and one of the HTTPS stack, so both
//! are linked; does nothing else. Its clean build time is the floor under
//! any client that signs with aws-sigv4 and speaks HTTPS through hyper and
//! rustls.

fn main() {
    let settings = aws_sigv4::http_request::SigningSettings::default();
    let connector = hyper_rustls::HttpsConnectorBuilder::new().with_webpki_roots();
    println!("{:?} {}", settings.percent_encoding_mode, std::mem::size_of_val(&connector));
}
