//! Building `http::Request`s and reading `http::Response` headers.

use http::{HeaderMap, HeaderName, HeaderValue, Method, Request};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{BuildError, ResponseError};
use crate::scalar::FromText;
use crate::{DateTime, TimestampFormat};

/// Everything but RFC 3986's unreserved characters is encoded.
const LABEL: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
/// Greedy labels (`{Key+}`) keep their slashes.
const GREEDY_LABEL: &AsciiSet = &LABEL.remove(b'/');

/// A request under construction. Generated serializers push the path piece
/// by piece, then query parameters, headers and the body; every value is
/// checked or encoded on the way in.
#[derive(Debug)]
pub struct RequestBuilder {
    method: Method,
    path: String,
    query: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl RequestBuilder {
    /// A request with `method` and an empty path.
    pub fn new(method: Method) -> Self {
        RequestBuilder {
            method,
            path: String::with_capacity(64),
            query: String::new(),
            headers: HeaderMap::new(),
            body: Vec::new(),
        }
    }

    /// Appends literal path text from the model's URI template.
    pub fn push_path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a label's value, percent-encoded so it stays one segment (or,
    /// for a greedy label, keeps its slashes but cannot climb out of the
    /// path). Empty values and `.`/`..` segments are refused: they would
    /// change the path's structure.
    pub fn push_label(&mut self, label: &'static str, value: &str, greedy: bool) -> Result<(), BuildError> {
        if value.is_empty() {
            return Err(BuildError::invalid_label(label, "the value is empty"));
        }
        let dot_segment = |s: &str| s == "." || s == "..";
        if greedy {
            if value.split('/').any(dot_segment) {
                return Err(BuildError::invalid_label(label, "the value has a `.` or `..` path segment"));
            }
            self.path.extend(utf8_percent_encode(value, GREEDY_LABEL));
        } else {
            if dot_segment(value) {
                return Err(BuildError::invalid_label(label, "the value is `.` or `..`"));
            }
            self.path.extend(utf8_percent_encode(value, LABEL));
        }
        Ok(())
    }

    /// Adds a query parameter (both parts percent-encoded); `None` adds a
    /// bare key (`?tagging`).
    pub fn push_query(&mut self, name: &str, value: Option<&str>) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        self.query.extend(utf8_percent_encode(name, LABEL));
        if let Some(value) = value {
            self.query.push('=');
            self.query.extend(utf8_percent_encode(value, LABEL));
        }
    }

    /// Sets a header. Values with control characters (CR, LF, NUL, ...) are
    /// refused: they could end the header early and smuggle another.
    pub fn header(&mut self, name: &str, value: &str) -> Result<(), BuildError> {
        if let Some(bad) = value.chars().find(|&c| (c.is_control() && c != '\t') || c == '\u{7f}') {
            return Err(BuildError::invalid_header(name, bad));
        }
        let name = HeaderName::from_bytes(name.as_bytes()).map_err(|_| BuildError::invalid_header(name, ' '))?;
        let value =
            HeaderValue::from_bytes(value.as_bytes()).map_err(|_| BuildError::invalid_header(name.as_str(), ' '))?;
        self.headers.append(name, value);
        Ok(())
    }

    /// Sets the body and its content type.
    pub fn body(&mut self, body: Vec<u8>, content_type: &'static str) {
        self.headers.insert(http::header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        self.body = body;
    }

    /// The finished request. `Content-Length` is set for any body.
    pub fn build(self) -> Result<Request<Vec<u8>>, BuildError> {
        let RequestBuilder { method, mut path, query, headers, body } = self;
        if path.is_empty() {
            path.push('/');
        }
        path.push_str(&query);
        let mut request = Request::new(body);
        *request.method_mut() = method;
        *request.uri_mut() = path
            .parse()
            .map_err(|_| BuildError::invalid_value("request URI", format!("{path:?} is not a valid URI")))?;
        *request.headers_mut() = headers;
        if !request.body().is_empty() {
            let length = HeaderValue::from(request.body().len());
            request.headers_mut().insert(http::header::CONTENT_LENGTH, length);
        }
        Ok(request)
    }
}

/// A response header as text; `None` when absent.
pub fn header_string(status: u16, headers: &HeaderMap, name: &'static str) -> Result<Option<String>, ResponseError> {
    match headers.get(name) {
        None => Ok(None),
        Some(value) => match std::str::from_utf8(value.as_bytes()) {
            Ok(text) => Ok(Some(text.to_string())),
            Err(_) => Err(ResponseError::header(status, name, "UTF-8 text", String::from_utf8_lossy(value.as_bytes()))),
        },
    }
}

/// A response header parsed as a scalar; `None` when absent.
pub fn header_value<T: FromText>(
    status: u16,
    headers: &HeaderMap,
    name: &'static str,
) -> Result<Option<T>, ResponseError> {
    let Some(text) = header_string(status, headers, name)? else { return Ok(None) };
    match T::from_text(&text) {
        Some(value) => Ok(Some(value)),
        None => Err(ResponseError::header(status, name, T::EXPECTED, text)),
    }
}

/// A response header parsed as a timestamp in `format`; `None` when absent.
pub fn header_timestamp(
    status: u16,
    headers: &HeaderMap,
    name: &'static str,
    format: TimestampFormat,
) -> Result<Option<DateTime>, ResponseError> {
    let Some(text) = header_string(status, headers, name)? else { return Ok(None) };
    match DateTime::parse(&text, format) {
        Some(value) => Ok(Some(value)),
        None => Err(ResponseError::header(status, name, "a timestamp", text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path_with(value: &str, greedy: bool) -> Result<String, BuildError> {
        let mut b = RequestBuilder::new(Method::GET);
        b.push_path("/x/");
        b.push_label("Id", value, greedy)?;
        b.push_path("/config");
        Ok(b.build()?.uri().path().to_string())
    }

    #[test]
    fn labels_stay_one_segment() {
        assert_eq!(path_with("a/b", false).unwrap(), "/x/a%2Fb/config");
        assert_eq!(path_with("../x", false).unwrap(), "/x/..%2Fx/config");
        assert_eq!(path_with("100%", false).unwrap(), "/x/100%25/config");
        assert_eq!(path_with("with space", false).unwrap(), "/x/with%20space/config");
        assert_eq!(path_with("é中🚀", false).unwrap(), "/x/%C3%A9%E4%B8%AD%F0%9F%9A%80/config");
        assert_eq!(path_with("~tilde_-.", false).unwrap(), "/x/~tilde_-./config");
        assert_eq!(path_with("a/b c", true).unwrap(), "/x/a/b%20c/config");
    }

    #[test]
    fn labels_that_change_structure_are_refused() {
        for bad in ["", ".", ".."] {
            assert!(path_with(bad, false).is_err(), "{bad:?}");
        }
        assert!(path_with("a/../b", true).is_err());
    }

    #[test]
    fn header_injection_is_refused() {
        let mut b = RequestBuilder::new(Method::GET);
        for bad in ["a\r\nX-Evil: 1", "a\nb", "a\rb", "a\u{0}b"] {
            let err = b.header("If-Match", bad).unwrap_err();
            assert!(err.to_string().contains("If-Match"), "{err}");
        }
        b.header("If-Match", "W/\"abc\"").unwrap();
        let request = b.build().unwrap();
        assert_eq!(request.headers()["if-match"], "W/\"abc\"");
    }

    #[test]
    fn query_parameters_are_encoded() {
        let mut b = RequestBuilder::new(Method::GET);
        b.push_path("/list");
        b.push_query("Marker", Some("a b&c"));
        b.push_query("flag", None);
        assert_eq!(b.build().unwrap().uri().to_string(), "/list?Marker=a%20b%26c&flag");
    }
}
