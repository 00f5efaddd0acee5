//! Any bytes, any status, into the generated response parsers: an output
//! or a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((first, rest)) => (if first % 2 == 0 { 200 } else { 400 + u16::from(first % 100) }, rest),
        None => (200, data),
    };
    let response = http::Response::builder().status(status).header("ETag", "E1").body(body.to_vec()).unwrap();
    let _ = cloudfront_sdk::operation::update_streaming_distribution::parse_response(&response);
    let _ = cloudfront_sdk::operation::list_distributions::parse_response(&response);
});
