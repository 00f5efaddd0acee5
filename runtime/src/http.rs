//! Building `http::Request`s and reading `http::Response` headers.

use http::{HeaderMap, HeaderName, HeaderValue, Method, Request};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{BuildError, ResponseError};
use crate::scalar::FromText;
use crate::{DateTime, TimestampFormat};

/// Everything but RFC 3986's unreserved characters is encoded.
pub(crate) const LABEL: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
/// Greedy labels (`{Key+}`) keep their slashes.
pub(crate) const GREEDY_LABEL: &AsciiSet = &LABEL.remove(b'/');

/// One DNS label: 1 to 63 letters, digits and hyphens, neither starting
/// nor ending with a hyphen.
pub(crate) fn is_host_label(text: &str) -> bool {
    (1..=63).contains(&text.len())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// The host prefix of an operation with the `endpoint` trait
/// (`{label}.` filled in), stored in the request's extensions; whoever
/// sends the request puts it in front of the endpoint's host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostPrefix(pub String);

/// A value of an endpoint-rule parameter an operation binds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EndpointParamValue {
    /// A string parameter (`Bucket`, `Key`, `Prefix`, `CopySource`, ...).
    String(String),
    /// A boolean parameter (`UseS3ExpressControlEndpoint`, `ForcePathStyle`, ...).
    Bool(bool),
}

impl From<bool> for EndpointParamValue {
    fn from(value: bool) -> Self {
        EndpointParamValue::Bool(value)
    }
}

impl From<&str> for EndpointParamValue {
    fn from(value: &str) -> Self {
        EndpointParamValue::String(value.to_string())
    }
}

/// The endpoint-rule parameters one request binds, in the order set: the
/// model's `contextParam` input members and the operation's
/// `staticContextParams`. Stored in the request's extensions by
/// [`RequestBuilder::endpoint_param`]; whoever sends the request resolves
/// the endpoint rules with these over the client's own parameters (region,
/// FIPS, dual-stack, the client context parameters), per request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OperationEndpointParams(pub Vec<(&'static str, EndpointParamValue)>);

/// Marks a request whose `200 OK` response may still be an error, told by
/// its body ([`crate::error_body::is_error_in_ok_response`]); whoever
/// sends the request reads such a response as the 500 it stands for, so
/// it is retried like one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInOkResponse;

/// Marks a response the client has already checked for an error hidden in
/// a `200 OK` ([`crate::error_body::error_in_ok_response`] skips it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorInOkChecked;

/// Bodies smaller than this are not compressed (botocore's default
/// `request_min_compression_size_bytes`).
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

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
    host_prefix: Option<String>,
    endpoint_params: OperationEndpointParams,
    error_in_ok_response: bool,
    stream: Option<crate::ByteStream>,
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
            host_prefix: None,
            endpoint_params: OperationEndpointParams::default(),
            error_in_ok_response: false,
            stream: None,
        }
    }

    /// Appends literal path text from the model's URI template.
    pub fn push_path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a label's value, percent-encoded so it stays one segment,
    /// or for a greedy label (`{Key+}`) with its slashes kept. Empty values
    /// are refused, and so is a whole non-greedy label of `.` or `..`,
    /// which would change the path's structure. A greedy label is sent as
    /// botocore sends it, `.` and `..` segments, `//` and a leading `/`
    /// included: it names an S3 object key, which may be any text, and the
    /// path is signed and sent as it is, never normalized.
    pub fn push_label(&mut self, label: &'static str, value: &str, greedy: bool) -> Result<(), BuildError> {
        if value.is_empty() {
            return Err(BuildError::invalid_label(label, "the value is empty"));
        }
        if greedy {
            self.path.extend(utf8_percent_encode(value, GREEDY_LABEL));
        } else {
            if value == "." || value == ".." {
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

    /// The (encoded) names of the query parameters so far. Generated code
    /// takes them before adding a map of parameters, whose entries never
    /// override a named parameter.
    pub fn query_names(&self) -> Vec<String> {
        self.query
            .trim_start_matches('?')
            .split('&')
            .filter_map(|pair| pair.split('=').next())
            .map(str::to_string)
            .collect()
    }

    /// Adds a parameter from a map unless `named` (see [`Self::query_names`]) has it.
    pub fn push_query_unless_named(&mut self, named: &[String], name: &str, value: Option<&str>) {
        let encoded: String = utf8_percent_encode(name, LABEL).collect();
        if !named.contains(&encoded) {
            self.push_query(name, value);
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

    /// Adds a header bound to a list: the items joined by `, `, or no header
    /// at all for an empty list, as botocore sends it. With `quote` (lists
    /// of strings), an item holding a comma or a double quote is quoted
    /// ([`header_list_text`]); other items (numbers, booleans, HTTP-dates,
    /// whose commas are their own) are joined as they are.
    pub fn header_list<I, S>(&mut self, name: &str, items: I, quote: bool) -> Result<(), BuildError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let items: Vec<S> = items.into_iter().collect();
        if items.is_empty() {
            return Ok(());
        }
        let text = if quote {
            header_list_text(items.iter().map(AsRef::as_ref))
        } else {
            items.iter().map(AsRef::as_ref).collect::<Vec<&str>>().join(", ")
        };
        self.header(name, &text)
    }

    /// Sets the host prefix; label values must be valid host name labels.
    pub fn host_prefix(&mut self, parts: &[(&str, Option<(&'static str, &str)>)]) -> Result<(), BuildError> {
        let mut prefix = String::new();
        for (literal, label) in parts {
            prefix.push_str(literal);
            if let Some((name, value)) = label {
                if !is_host_label(value) {
                    return Err(BuildError::invalid_label(
                        name,
                        "a host label must be 1-63 letters, digits or hyphens",
                    ));
                }
                prefix.push_str(value);
            }
        }
        self.host_prefix = Some(prefix);
        Ok(())
    }

    /// Binds the endpoint-rule parameter `name` to `value` for this request
    /// (a `contextParam` member's value or a `staticContextParams` entry);
    /// a later value for the same name replaces an earlier one.
    pub fn endpoint_param(&mut self, name: &'static str, value: impl Into<EndpointParamValue>) {
        let value = value.into();
        let params = &mut self.endpoint_params.0;
        match params.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => params.push((name, value)),
        }
    }

    /// [`endpoint_param`](Self::endpoint_param) for a string value.
    pub fn endpoint_param_str(&mut self, name: &'static str, value: &str) {
        self.endpoint_param(name, EndpointParamValue::String(value.to_string()));
    }

    /// Writes every line feed of the (XML) body as `&#xA;`, as botocore's
    /// `escape_xml_payload` does for S3's DeleteObjects and
    /// PutBucketLifecycleConfiguration: line feeds there come only from the
    /// caller's text (object keys, prefixes), and written as references
    /// they survive a parser's line-break normalization. Carriage returns
    /// are always written as `&#xD;`.
    pub fn escape_line_feeds_in_body(&mut self) {
        if self.body.contains(&b'\n') {
            let mut escaped = Vec::with_capacity(self.body.len() + 16);
            for &byte in &self.body {
                match byte {
                    b'\n' => escaped.extend_from_slice(b"&#xA;"),
                    other => escaped.push(other),
                }
            }
            self.body = escaped;
        }
    }

    /// Marks the request with [`ErrorInOkResponse`]: its `200 OK` response
    /// is an error if the body says so.
    pub fn error_in_ok_response(&mut self) {
        self.error_in_ok_response = true;
    }

    /// Compresses a body of at least [`MIN_COMPRESSION_SIZE`] bytes with
    /// the first supported encoding in `encodings` (gzip), and appends the
    /// encoding to `Content-Encoding`. Without the `compression` feature,
    /// bodies are sent as they are.
    pub fn compress_body(&mut self, encodings: &[&str]) {
        #[cfg(feature = "compression")]
        if self.body.len() >= MIN_COMPRESSION_SIZE && encodings.contains(&"gzip") {
            use std::io::Write as _;
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            // Writing into a Vec cannot fail.
            if encoder.write_all(&self.body).is_ok()
                && let Ok(compressed) = encoder.finish()
            {
                self.body = compressed;
                let encoding = match self.headers.get(http::header::CONTENT_ENCODING).and_then(|v| v.to_str().ok()) {
                    Some(existing) => format!("{existing}, gzip"),
                    None => "gzip".to_string(),
                };
                if let Ok(value) = HeaderValue::from_str(&encoding) {
                    self.headers.insert(http::header::CONTENT_ENCODING, value);
                }
            }
        }
        #[cfg(not(feature = "compression"))]
        let _ = encodings;
    }

    /// Sets the body, and its content type unless a modeled header (S3's
    /// `ContentType`, set by the caller) already did: the caller's wins.
    pub fn body(&mut self, body: Vec<u8>, content_type: &'static str) {
        self.headers.entry(http::header::CONTENT_TYPE).or_insert(HeaderValue::from_static(content_type));
        self.body = body;
    }

    /// Sets a streaming payload (a file, a stream or bytes: S3's object
    /// bodies), and its content type unless a modeled header already did;
    /// [`build_streaming`](Self::build_streaming) sends it.
    pub fn stream_body(&mut self, body: crate::ByteStream, content_type: &'static str) {
        self.headers.entry(http::header::CONTENT_TYPE).or_insert(HeaderValue::from_static(content_type));
        self.stream = Some(body);
    }

    /// The finished request of an operation with a streaming payload: its
    /// body the stream (or nothing), with `Content-Length` when its length
    /// is known (a stream of unknown length is sent chunked).
    pub fn build_streaming(mut self) -> Result<Request<crate::ByteStream>, BuildError> {
        let stream = self.stream.take();
        let request = self.build()?;
        let Some(stream) = stream else {
            return Ok(request.map(crate::ByteStream::from));
        };
        let (mut parts, _) = request.into_parts();
        match stream.content_length() {
            Some(length) => {
                parts.headers.insert(http::header::CONTENT_LENGTH, HeaderValue::from(length));
            }
            None => {
                parts.headers.remove(http::header::CONTENT_LENGTH);
            }
        }
        Ok(Request::from_parts(parts, stream))
    }

    /// The finished request. `Content-Length` is set for any body.
    pub fn build(self) -> Result<Request<Vec<u8>>, BuildError> {
        let RequestBuilder {
            method,
            mut path,
            query,
            headers,
            body,
            host_prefix,
            endpoint_params,
            error_in_ok_response,
            stream: _,
        } = self;
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
        if let Some(prefix) = host_prefix {
            request.extensions_mut().insert(HostPrefix(prefix));
        }
        if !endpoint_params.0.is_empty() {
            request.extensions_mut().insert(endpoint_params);
        }
        if error_in_ok_response {
            request.extensions_mut().insert(ErrorInOkResponse);
        }
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

/// Every header starting with `prefix` (case-insensitive), keyed by the
/// rest of its name (an empty map when there is none).
#[cfg(feature = "maps")]
pub fn prefix_headers(
    status: u16,
    headers: &HeaderMap,
    prefix: &'static str,
) -> Result<Option<crate::IndexMap<String, String>>, ResponseError> {
    let mut map = crate::IndexMap::new();
    for (name, value) in headers {
        if name.as_str().len() >= prefix.len() && name.as_str()[..prefix.len()].eq_ignore_ascii_case(prefix) {
            let text = std::str::from_utf8(value.as_bytes()).map_err(|_| {
                ResponseError::header(status, name.as_str(), "UTF-8 text", String::from_utf8_lossy(value.as_bytes()))
            })?;
            map.insert(name.as_str()[prefix.len()..].to_string(), text.to_string());
        }
    }
    Ok(Some(map))
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

/// The value of a header bound to a list of strings (or enums): the items
/// joined by `, `, an item holding a comma or a double quote quoted with its
/// quotes escaped (`a, "b,c", "say \"hi\""`), as botocore writes them and
/// [`split_header_list`] reads them. An empty list sends no header at all
/// ([`RequestBuilder::header_list`]).
pub fn header_list_text<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        if item.contains(['"', ',']) {
            out.push('"');
            out.push_str(&item.replace('"', "\\\""));
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// The value of a header bound to a member with the `jsonvalue` trait: the
/// member's JSON text in base64, as botocore sends it (botocore writes the
/// JSON compactly, without spaces after separators; the text is sent as
/// given).
pub fn json_header_text(json: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(json.as_bytes())
}

/// A header bound to a member with the `jsonvalue` trait: base64 of JSON
/// text, read back to the JSON text (UTF-8; it is not parsed).
pub fn header_json(status: u16, headers: &HeaderMap, name: &'static str) -> Result<Option<String>, ResponseError> {
    use base64::Engine as _;
    let Some(text) = header_string(status, headers, name)? else { return Ok(None) };
    base64::engine::general_purpose::STANDARD
        .decode(text.trim())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(Some)
        .ok_or_else(|| ResponseError::header(status, name, "base64 of JSON text", text))
}

/// Splits a list header (`a, "b,c", d`) into its items: commas separate,
/// double quotes group (and are removed), white space around items goes.
pub fn split_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                // White space before an item's opening quote is not part of it.
                if !quoted && !was_quoted && current.trim().is_empty() {
                    current.clear();
                }
                quoted = !quoted;
                was_quoted = true;
            }
            '\\' if quoted => current.extend(chars.next()),
            ',' if !quoted => {
                items.push(if was_quoted { current.clone() } else { current.trim().to_string() });
                current.clear();
                was_quoted = false;
            }
            c if was_quoted && !quoted && c.is_whitespace() => {}
            c => current.push(c),
        }
    }
    items.push(if was_quoted { current } else { current.trim().to_string() });
    items
}

/// A list header parsed item by item; `None` when absent.
pub fn header_list<T: FromText>(
    status: u16,
    headers: &HeaderMap,
    name: &'static str,
) -> Result<Option<Vec<T>>, ResponseError> {
    let Some(text) = header_string(status, headers, name)? else { return Ok(None) };
    split_header_list(&text)
        .into_iter()
        .map(|item| T::from_text(&item).ok_or_else(|| ResponseError::header(status, name, T::EXPECTED, item)))
        .collect::<Result<Vec<T>, _>>()
        .map(Some)
}

/// A list of timestamps in a header. HTTP-dates hold a comma themselves
/// (`Mon, 16 Dec 2019 ...`), so their halves are joined back in pairs.
pub fn header_timestamp_list(
    status: u16,
    headers: &HeaderMap,
    name: &'static str,
    format: TimestampFormat,
) -> Result<Option<Vec<DateTime>>, ResponseError> {
    let Some(text) = header_string(status, headers, name)? else { return Ok(None) };
    let pieces = split_header_list(&text);
    let items: Vec<String> = if format == TimestampFormat::HttpDate {
        pieces.chunks(2).map(|pair| pair.join(", ")).collect()
    } else {
        pieces
    };
    items
        .into_iter()
        .map(|item| {
            DateTime::parse(&item, format).ok_or_else(|| ResponseError::header(status, name, format.expected(), item))
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
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
        None => Err(ResponseError::header(status, name, format.expected(), text)),
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
    fn header_lists_quote_what_splitting_would_break_and_json_is_base64() {
        let text = header_list_text(["a", "b,c", "say \"hi\""]);
        assert_eq!(text, r#"a, "b,c", "say \"hi\"""#);
        assert_eq!(split_header_list(&text), ["a", "b,c", "say \"hi\""]);
        assert_eq!(json_header_text(r#"{"a":1}"#), "eyJhIjoxfQ==");
        let mut headers = HeaderMap::new();
        headers.insert("x-json", HeaderValue::from_static("eyJhIjoxfQ=="));
        headers.insert("x-bad", HeaderValue::from_static("not base64!"));
        assert_eq!(header_json(200, &headers, "x-json").unwrap().as_deref(), Some(r#"{"a":1}"#));
        assert!(header_json(200, &headers, "x-bad").is_err());
        assert_eq!(header_json(200, &headers, "x-none").unwrap(), None);
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
    }

    #[test]
    fn greedy_labels_are_sent_as_botocore_sends_object_keys() {
        assert_eq!(path_with("a/../b", true).unwrap(), "/x/a/../b/config");
        assert_eq!(path_with("..", true).unwrap(), "/x/../config");
        assert_eq!(path_with("./a//b/", true).unwrap(), "/x/./a//b//config");
        assert_eq!(path_with("/lead", true).unwrap(), "/x//lead/config");
        assert_eq!(path_with("a+b%c~d", true).unwrap(), "/x/a%2Bb%25c~d/config");
        assert!(path_with("", true).is_err());
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
