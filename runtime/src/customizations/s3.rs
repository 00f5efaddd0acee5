//! Amazon S3: bucket names, S3's error documents and the errors S3 hides in
//! `200 OK` responses.

use http::HeaderMap;

use crate::error::{BuildError, ErrorMetadata};

/// Refuses a bucket name botocore's `validate_bucket_name` refuses: a name
/// must be 1 to 255 letters, digits, `.`, `-` and `_`. An ARN (`arn:...`)
/// is left to the endpoint rules, which accept access point, Object Lambda,
/// Outposts and Multi-Region Access Point ARNs and refuse any other with a
/// message naming what is wrong (botocore refuses ARNs outside its own
/// patterns here, with a less precise message). `member` names the input
/// member in the error.
pub fn check_bucket(member: &'static str, bucket: &str) -> Result<(), BuildError> {
    let plain = (1..=255).contains(&bucket.len())
        && bucket.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_'));
    if plain || bucket.starts_with("arn:") {
        return Ok(());
    }
    Err(BuildError::invalid_value(
        member,
        format!("{bucket:?} is not a bucket name (1 to 255 letters, digits, '.', '-' and '_') nor an ARN"),
    ))
}

/// The code, message and request ids of an S3 error response: an
/// `<Error>` document ([`crate::error_body::error_metadata`]); a response
/// with no body (every HEAD error) gets the status as its code and the
/// status's reason as its message, as botocore gives them (`"404"`,
/// `"Not Found"`). Never fails.
pub fn error_metadata(status: u16, headers: &HeaderMap, body: &[u8]) -> ErrorMetadata {
    let mut meta = crate::error_body::error_metadata(status, headers, body);
    if body.is_empty() && meta.code.is_none() {
        meta.code = Some(status.to_string());
        meta.message = http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).map(str::to_string);
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::BuildErrorKind;

    #[test]
    fn bucket_names_as_botocore_checks_them() {
        for good in [
            "a",
            "my-bucket",
            "My_Bucket.v2",
            &"b".repeat(255),
            "arn:aws:s3:us-west-2:123456789012:accesspoint/myendpoint",
            // Left to the endpoint rules, which refuse it by name.
            "arn:aws:not-s3:us-west-2:123456789012:accesspoint:myendpoint",
        ] {
            assert!(check_bucket("Bucket", good).is_ok(), "{good}");
        }
        for bad in ["", &"b".repeat(256), "with space", "slash/ed", "ünïcode", "example.com#", "a:b"] {
            let error = check_bucket("Bucket", bad).unwrap_err();
            assert!(
                matches!(error.kind(), BuildErrorKind::InvalidValue { field, .. } if field == "Bucket"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn bodiless_errors_take_the_status_as_botocore_does() {
        let meta = error_metadata(404, &HeaderMap::new(), b"");
        assert_eq!((meta.code.as_deref(), meta.message.as_deref()), (Some("404"), Some("Not Found")));
        let meta = error_metadata(403, &HeaderMap::new(), b"");
        assert_eq!((meta.code.as_deref(), meta.message.as_deref()), (Some("403"), Some("Forbidden")));
        let body = b"<Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
        let meta = error_metadata(404, &HeaderMap::new(), body);
        assert_eq!((meta.code.as_deref(), meta.message.as_deref()), (Some("NoSuchKey"), Some("gone")));
    }
}
