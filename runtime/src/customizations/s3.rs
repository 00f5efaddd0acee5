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

/// What botocore leaves unencoded in a copy source: letters, digits,
/// `-._~` and `/`.
const COPY_SOURCE: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b'/');

/// The `x-amz-copy-source` header of a `<bucket>/<key>` copy source, as
/// botocore's `handle_copy_source_param` writes it: percent-encoded but
/// for letters, digits, `-._~` and `/`, keeping a trailing
/// `?versionId=<id>` (an id without white space) as it is.
pub fn copy_source(source: &str) -> std::borrow::Cow<'_, str> {
    // botocore's `\?versionId=[^\s]+$`, searched from the left.
    const SUFFIX: &str = "?versionId=";
    let version_at = source.match_indices(SUFFIX).map(|(at, _)| at).find(|at| {
        let id = &source[at + SUFFIX.len()..];
        !id.is_empty() && !id.contains(char::is_whitespace)
    });
    let (path, version) = match version_at {
        Some(at) => source.split_at(at),
        None => (source, ""),
    };
    let encoded: std::borrow::Cow<'_, str> = percent_encoding::utf8_percent_encode(path, COPY_SOURCE).into();
    match (encoded, version) {
        (std::borrow::Cow::Borrowed(_), "") => std::borrow::Cow::Borrowed(source),
        (encoded, version) => std::borrow::Cow::Owned(format!("{encoded}{version}")),
    }
}

/// Refuses user metadata (`x-amz-meta-<key>: <value>` headers) that is not
/// ASCII, as botocore's `validate_ascii_metadata` does: S3 stores only
/// ASCII metadata. Control characters are refused too (they could end the
/// header), as are keys that are not header-name characters. `member`
/// names the input member in the error.
pub fn check_metadata<'a>(
    member: &'static str,
    metadata: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> Result<(), BuildError> {
    for (key, value) in metadata {
        if !key.is_ascii() || !value.is_ascii() {
            return Err(BuildError::invalid_value(
                member,
                format!("the entry {key:?}: {value:?} is not ASCII; S3 metadata can only hold ASCII characters"),
            ));
        }
        if key.is_empty() || http::HeaderName::from_bytes(format!("x-amz-meta-{key}").as_bytes()).is_err() {
            return Err(BuildError::invalid_value(member, format!("{key:?} cannot be part of a header name")));
        }
        if value.bytes().any(|b| b.is_ascii_control() && b != b'\t') {
            return Err(BuildError::invalid_value(
                member,
                format!("the value of {key:?} holds a control character, which a header cannot carry"),
            ));
        }
    }
    Ok(())
}

/// Decodes, in place, a key, prefix or marker S3 sent URL-encoded (a
/// listing sent with `encoding-type=url`) as botocore's `unquote_str`
/// does (`urllib.parse.unquote_plus`): `+` is a space, `%XX` a byte;
/// bytes that are not UTF-8 become U+FFFD.
pub fn url_decode(value: &mut String) {
    if !value.contains(['%', '+']) {
        return;
    }
    let plus_as_space = value.replace('+', " ");
    *value = percent_encoding::percent_decode_str(&plus_as_space).decode_utf8_lossy().into_owned();
}

/// The `Expires` header of GetObject and HeadObject as botocore's
/// `parse_timestamp` reads it: seconds since the epoch, or a date in any
/// form its date parser takes that S3 may echo: the IMF-fixdate HTTP date
/// (`Thu, 01 Jan 2026 00:00:00 GMT`), the obsolete RFC 850
/// (`Thursday, 01-Jan-26 00:00:00 GMT`, a two-digit year within 50 years of
/// now) and asctime (`Thu Jan  1 00:00:00 2026`) forms, and ISO 8601.
/// `None` for anything else (S3 keeps whatever text the uploader sent).
pub fn parse_expires(text: &str) -> Option<crate::DateTime> {
    use crate::{DateTime, TimestampFormat};
    let text = text.trim();
    if let Ok(seconds) = text.parse::<f64>() {
        if !seconds.is_finite() || seconds.abs() > 1e14 {
            return None;
        }
        let whole = seconds.floor();
        return Some(DateTime::from_secs_and_nanos(whole as i64, ((seconds - whole) * 1e9) as u32));
    }
    DateTime::parse(text, TimestampFormat::HttpDate)
        .or_else(|| DateTime::parse(text, TimestampFormat::DateTime))
        .or_else(|| rfc850(text))
        .or_else(|| asctime(text))
}

/// `Thursday, 01-Jan-26 00:00:00 GMT`.
fn rfc850(text: &str) -> Option<crate::DateTime> {
    let (_weekday, rest) = text.split_once(", ")?;
    let mut parts = rest.split_whitespace();
    let (date, time, zone) = (parts.next()?, parts.next()?, parts.next()?);
    if zone != "GMT" || parts.next().is_some() {
        return None;
    }
    let mut date = date.split('-');
    let (day, month, year) = (date.next()?, date.next()?, date.next()?);
    let year: i32 = year.parse().ok().filter(|_| year.len() == 2)?;
    // Within 50 years of now, as RFC 9110 asks (and dateutil does).
    let now = time::OffsetDateTime::now_utc().year();
    let mut full = now - now.rem_euclid(100) + year;
    if full >= now + 50 {
        full -= 100;
    } else if full < now - 50 {
        full += 100;
    }
    civil(full, month, day.parse().ok()?, time)
}

/// `Thu Jan  1 00:00:00 2026`.
fn asctime(text: &str) -> Option<crate::DateTime> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_weekday, month, day, time, year] = parts.as_slice() else { return None };
    civil(year.parse().ok()?, month, day.parse().ok()?, time)
}

/// The instant of a UTC calendar date (`month` an English abbreviation)
/// and `HH:MM:SS`.
fn civil(year: i32, month: &str, day: u8, hms: &str) -> Option<crate::DateTime> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| *m == month)?;
    let month = time::Month::try_from(u8::try_from(month + 1).ok()?).ok()?;
    let mut clock = hms.split(':').map(|n| n.parse::<u8>().ok());
    let (hour, minute, second) = (clock.next()??, clock.next()??, clock.next()??);
    if clock.next().is_some() {
        return None;
    }
    let date = time::Date::from_calendar_date(year, month, day).ok()?;
    let at = time::PrimitiveDateTime::new(date, time::Time::from_hms(hour, minute, second).ok()?).assume_utc();
    Some(crate::DateTime::from_secs_and_nanos(at.unix_timestamp(), 0))
}

/// The code, message and request ids of an S3 error response: an
/// `<Error>` document ([`crate::error_body::error_metadata`]); a response
/// with no body (every HEAD error) or one that is not well-formed XML (cut
/// off) gets the status as its code and the status's reason as its
/// message, as botocore gives them (`"404"`, `"Not Found"`). Never fails.
pub fn error_metadata(status: u16, headers: &HeaderMap, body: &[u8]) -> ErrorMetadata {
    let mut meta = crate::error_body::error_metadata(status, headers, body);
    let unreadable = || crate::xml::Document::new(body).and_then(|mut document| document.well_formed_root()).is_err();
    if meta.code.is_none() && (body.is_empty() || unreadable()) {
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
    fn copy_sources_are_encoded_as_botocore_encodes_them() {
        for (given, sent) in [
            ("bucket/key", "bucket/key"),
            ("bucket/dir/a b+c%d~e", "bucket/dir/a%20b%2Bc%25d~e"),
            ("bucket/ünï?versionId=abc.123", "bucket/%C3%BCn%C3%AF?versionId=abc.123"),
            // Not a version suffix: encoded with the rest.
            ("bucket/k?versionId=", "bucket/k%3FversionId%3D"),
            ("bucket/k?versionId=a b", "bucket/k%3FversionId%3Da%20b"),
            ("bucket/a?b#c", "bucket/a%3Fb%23c"),
            ("bucket/k?versionId=a?versionId=b", "bucket/k?versionId=a?versionId=b"),
        ] {
            assert_eq!(copy_source(given), sent, "{given}");
        }
    }

    #[test]
    fn metadata_must_be_ascii() {
        let entry = |k: &str, v: &str| (k.to_string(), v.to_string());
        let good = [entry("author", "Jane Doe"), entry("x", "tab\tok ~!@#$%^&*()")];
        assert!(check_metadata("Metadata", good.iter().map(|(k, v)| (k, v))).is_ok());
        for (key, value) in [("author", "Jöhn"), ("clé", "v"), ("k", "line\nbreak"), ("with space", "v"), ("", "v")] {
            let bad = [entry(key, value)];
            let error = check_metadata("Metadata", bad.iter().map(|(k, v)| (k, v))).unwrap_err();
            assert!(
                matches!(error.kind(), BuildErrorKind::InvalidValue { field, .. } if field == "Metadata"),
                "{key}: {value}: {error}"
            );
        }
    }

    #[test]
    fn url_decoding_is_botocores_unquote_plus() {
        for (encoded, decoded) in [
            ("plain", "plain"),
            ("a+b", "a b"),
            ("a%2Bb", "a+b"),
            ("100%25", "100%"),
            ("%E4%B8%AD%2F%0A%0D", "中/\n\r"),
            ("bad%zz", "bad%zz"),
            ("%FF", "\u{fffd}"),
        ] {
            let mut value = encoded.to_string();
            url_decode(&mut value);
            assert_eq!(value, decoded, "{encoded}");
        }
    }

    #[test]
    fn expires_as_botocore_parses_it() {
        let secs = |text: &str| parse_expires(text).map(|d| d.secs());
        let new_year_2026 = Some(1_767_225_600);
        assert_eq!(secs("Thu, 01 Jan 2026 00:00:00 GMT"), new_year_2026);
        assert_eq!(secs("Thursday, 01-Jan-26 00:00:00 GMT"), new_year_2026);
        assert_eq!(secs("Thu Jan  1 00:00:00 2026"), new_year_2026);
        assert_eq!(secs("2026-01-01T00:00:00Z"), new_year_2026);
        assert_eq!(secs("0"), Some(0));
        assert_eq!(secs("1767225600"), new_year_2026);
        // Two-digit years within 50 years of now.
        assert_eq!(secs("Friday, 31-Dec-99 23:59:59 GMT"), Some(946_684_799));
        for text in ["never", "", "Thu, 32 Jan 2026 00:00:00 GMT", "Thu Foo  1 00:00:00 2026", "inf", "NaN", "1e300"] {
            assert_eq!(secs(text), None, "{text:?}");
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
        // Cut off: not XML to read a code from.
        let meta = error_metadata(500, &HeaderMap::new(), b"<CompleteMultipartUploadResult><Bucket>b</Bu");
        assert_eq!((meta.code.as_deref(), meta.message.as_deref()), (Some("500"), Some("Internal Server Error")));
        // Well-formed but not an error document: no code, as before.
        assert_eq!(error_metadata(502, &HeaderMap::new(), b"<html><body>Bad</body></html>").code, None);
    }
}
