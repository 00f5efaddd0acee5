//! Error types shared by every generated operation.

use std::fmt;

pub use crate::dispatch::{DispatchError, DispatchErrorKind};
use crate::xml::XmlError;

/// A request refused before anything was sent: a missing required member,
/// a value that cannot be put on the wire as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    kind: BuildErrorKind,
}

/// Why a request was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum BuildErrorKind {
    /// Required members were not set: every one missing, in the order
    /// the type declares them.
    MissingFields {
        /// The Rust type being built, e.g. `UpdateStreamingDistributionInput`.
        type_name: &'static str,
        /// The members missing.
        fields: Vec<MissingField>,
    },
    /// A header value holds a character HTTP cannot carry (CR, LF, NUL, ...).
    InvalidHeaderValue {
        /// The header's name.
        header: String,
        /// The offending character.
        character: char,
    },
    /// A URI label value that would change the path's structure.
    InvalidLabel {
        /// The label's name.
        label: &'static str,
        /// Why it was refused.
        reason: &'static str,
    },
    /// Text holds a character XML 1.0 cannot represent.
    InvalidXmlCharacter {
        /// The element or attribute being written.
        element: String,
        /// The offending character.
        character: char,
    },
    /// A member's value breaks a rule of the model.
    InvalidValue {
        /// The member, as `Shape.Member`.
        field: String,
        /// The rule that was broken.
        reason: String,
    },
}

/// A required member that was not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingField {
    /// The Rust field (and setter) name, e.g. `streaming_distribution_config`.
    pub field: &'static str,
    /// The member's name in the model and on the wire, e.g. `StreamingDistributionConfig`.
    pub wire_name: &'static str,
}

impl BuildError {
    /// Required members of `type_name` are missing: the `(field, wire
    /// name)` pairs of `fields` whose flag is `true` (generated builders
    /// pass every required member with whether it is unset).
    pub fn missing_fields(type_name: &'static str, fields: &[(bool, &'static str, &'static str)]) -> Self {
        let fields = fields
            .iter()
            .filter(|(missing, _, _)| *missing)
            .map(|&(_, field, wire_name)| MissingField { field, wire_name })
            .collect();
        BuildError { kind: BuildErrorKind::MissingFields { type_name, fields } }
    }

    /// A member's value breaks a rule of the model.
    pub fn invalid_value(field: impl Into<String>, reason: impl Into<String>) -> Self {
        BuildError { kind: BuildErrorKind::InvalidValue { field: field.into(), reason: reason.into() } }
    }

    pub(crate) fn invalid_xml_char(element: &str, character: char) -> Self {
        BuildError { kind: BuildErrorKind::InvalidXmlCharacter { element: element.to_string(), character } }
    }

    pub(crate) fn invalid_header(header: &str, character: char) -> Self {
        BuildError { kind: BuildErrorKind::InvalidHeaderValue { header: header.to_string(), character } }
    }

    pub(crate) fn invalid_label(label: &'static str, reason: &'static str) -> Self {
        BuildError { kind: BuildErrorKind::InvalidLabel { label, reason } }
    }

    /// Why the request was refused.
    pub fn kind(&self) -> &BuildErrorKind {
        &self.kind
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            BuildErrorKind::MissingFields { type_name, fields } => {
                let plural = if fields.len() == 1 { "" } else { "s" };
                write!(f, "{type_name} is missing required member{plural} ")?;
                for (i, missing) in fields.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{}` ({})", missing.field, missing.wire_name)?;
                }
                Ok(())
            }
            BuildErrorKind::InvalidHeaderValue { header, character } => {
                write!(f, "header {header} holds {character:?}, which HTTP headers cannot carry")
            }
            BuildErrorKind::InvalidLabel { label, reason } => write!(f, "invalid URI label {label}: {reason}"),
            BuildErrorKind::InvalidXmlCharacter { element, character } => {
                write!(f, "<{element}> holds {character:?}, which XML 1.0 cannot represent")
            }
            BuildErrorKind::InvalidValue { field, reason } => write!(f, "invalid {field}: {reason}"),
        }
    }
}

impl std::error::Error for BuildError {}

/// A response that does not match the model (a successful status whose
/// body or headers cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseError {
    status: u16,
    kind: ResponseErrorKind,
}

/// What was wrong with the response.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResponseErrorKind {
    /// The XML body.
    Xml(XmlError),
    /// A header with a value that does not parse as its type.
    Header {
        /// The header's name.
        name: String,
        /// What the value should have been.
        expected: &'static str,
        /// The value that was there.
        found: String,
    },
    /// A required header is absent.
    MissingHeader {
        /// The header's name.
        name: String,
    },
    /// A successful response without the payload the call needs (a
    /// read-modify-write whose read had no config).
    MissingPayload,
    /// A page gave the same next-page token as the page before it, so
    /// paging would never end (botocore raises the same error).
    RepeatedToken {
        /// The token, as `Debug` shows it.
        token: String,
    },
}

impl ResponseError {
    /// An unreadable body.
    pub fn xml(status: u16, error: XmlError) -> Self {
        ResponseError { status, kind: ResponseErrorKind::Xml(error) }
    }

    /// An unreadable header.
    pub fn header(status: u16, name: impl Into<String>, expected: &'static str, found: impl Into<String>) -> Self {
        ResponseError { status, kind: ResponseErrorKind::Header { name: name.into(), expected, found: found.into() } }
    }

    /// A required header that is absent.
    pub fn missing_header(status: u16, name: impl Into<String>) -> Self {
        ResponseError { status, kind: ResponseErrorKind::MissingHeader { name: name.into() } }
    }

    /// A successful response without the payload the call needs.
    pub fn missing_payload(status: u16) -> Self {
        ResponseError { status, kind: ResponseErrorKind::MissingPayload }
    }

    /// A next-page token the page before gave too.
    pub fn repeated_token(status: u16, token: impl Into<String>) -> Self {
        ResponseError { status, kind: ResponseErrorKind::RepeatedToken { token: token.into() } }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What was wrong.
    pub fn kind(&self) -> &ResponseErrorKind {
        &self.kind
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ResponseErrorKind::Xml(err) => write!(f, "unreadable response body (HTTP {}): {err}", self.status),
            ResponseErrorKind::Header { name, expected, found } => {
                write!(
                    f,
                    "unreadable response header {name} (HTTP {}): expected {expected}, found {found:?}",
                    self.status
                )
            }
            ResponseErrorKind::MissingHeader { name } => {
                write!(f, "response (HTTP {}) lacks the required header {name}", self.status)
            }
            ResponseErrorKind::RepeatedToken { token } => {
                write!(f, "the same next-page token was received twice ({token}); paging stopped")
            }
            ResponseErrorKind::MissingPayload => {
                write!(f, "response (HTTP {}) lacks the payload the call needs", self.status)
            }
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ResponseErrorKind::Xml(err) => Some(err),
            ResponseErrorKind::Header { .. }
            | ResponseErrorKind::MissingHeader { .. }
            | ResponseErrorKind::MissingPayload
            | ResponseErrorKind::RepeatedToken { .. } => None,
        }
    }
}

/// What every error response says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    /// The error code (`<Code>`), if the body had one.
    pub code: Option<String>,
    /// The message (`<Message>`).
    pub message: Option<String>,
    /// The request id: the `x-amzn-RequestId` header, else
    /// `x-amz-request-id` (S3), else the body's `<RequestId>`.
    pub request_id: Option<String>,
    /// S3's extended request id (botocore's `HostId`): the `x-amz-id-2`
    /// header, else the body's `<HostId>`. AWS support asks for it beside
    /// the request id; other services do not send it.
    pub extended_request_id: Option<String>,
    /// The HTTP status.
    pub status: u16,
}

/// Access to an error's [`ErrorMetadata`]; implemented by every generated
/// error type.
pub trait ProvideErrorMetadata {
    /// The metadata.
    fn meta(&self) -> &ErrorMetadata;

    /// The error code, e.g. `NoSuchStreamingDistribution`.
    fn code(&self) -> Option<&str> {
        self.meta().code.as_deref()
    }

    /// The service's message.
    fn message(&self) -> Option<&str> {
        self.meta().message.as_deref()
    }

    /// The request id, for AWS support.
    fn request_id(&self) -> Option<&str> {
        self.meta().request_id.as_deref()
    }

    /// S3's extended request id (`x-amz-id-2`, botocore's `HostId`), for
    /// AWS support; `None` from services that do not send one.
    fn extended_request_id(&self) -> Option<&str> {
        self.meta().extended_request_id.as_deref()
    }

    /// The HTTP status.
    fn status(&self) -> u16 {
        self.meta().status
    }
}

impl fmt::Display for ErrorMetadata {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_deref().unwrap_or("unknown error"))?;
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        write!(f, " (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

/// Any error a service answered with: modeled or unhandled. Generated
/// error enums hand out their variant as this, so each enum needs one
/// `match` instead of one per trait.
pub trait ServiceError: std::error::Error + ProvideErrorMetadata + Send + Sync {
    /// This error as a plain `std::error::Error`.
    fn as_error(&self) -> &(dyn std::error::Error + 'static);
}

impl<T: std::error::Error + ProvideErrorMetadata + Send + Sync + 'static> ServiceError for T {
    fn as_error(&self) -> &(dyn std::error::Error + 'static) {
        self
    }
}

/// A modeled error shape: read from the `<Error>` element, then given the
/// response's metadata. Implemented by generated error types.
pub trait ModeledError: crate::xml::ReadXml + ProvideErrorMetadata {
    /// Attaches the response's code, message, request id and status.
    fn set_meta(&mut self, meta: ErrorMetadata);

    /// Reads members bound to response headers or to the status code
    /// (after `set_meta`, whose `status` is the status code).
    fn read_headers(&mut self, _headers: &http::HeaderMap) {}
}

/// An error response the model does not describe for the operation (an
/// unknown code, or a body that is not an AWS error document, such as a
/// proxy's HTML page).
///
/// It keeps what is needed to tell what happened: the metadata, the
/// operation, the response's `Content-Type`, and the response itself (its
/// headers and up to [`UnhandledError::KEPT_BODY`] bytes of its body), so a
/// service-wide error type can still read a code the service defines for
/// another operation ([`UnhandledError::headers`], [`UnhandledError::body`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnhandledError {
    meta: ErrorMetadata,
    response: Option<Box<KeptResponse>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct KeptResponse {
    operation: &'static str,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

impl UnhandledError {
    /// The most of an unhandled response's body that is kept (64 KiB).
    pub const KEPT_BODY: usize = 64 << 10;

    /// The most of the body [`UnhandledError::body_excerpt`] gives (512 bytes).
    pub const EXCERPT: usize = 512;

    /// Wraps the metadata of an unrecognised error, without the response.
    pub fn new(meta: ErrorMetadata) -> Self {
        UnhandledError { meta, response: None }
    }

    /// The unrecognised error response of `operation`: its metadata, headers
    /// and body (the first [`UnhandledError::KEPT_BODY`] bytes).
    pub fn from_response(operation: &'static str, meta: ErrorMetadata, headers: &http::HeaderMap, body: &[u8]) -> Self {
        let body = body[..body.len().min(Self::KEPT_BODY)].to_vec();
        UnhandledError { meta, response: Some(Box::new(KeptResponse { operation, headers: headers.clone(), body })) }
    }

    /// The operation that was answered with this error, when known.
    pub fn operation(&self) -> Option<&'static str> {
        self.response.as_ref().map(|r| r.operation)
    }

    /// The response's `Content-Type`, when it had one.
    pub fn content_type(&self) -> Option<&str> {
        self.headers()?.get(http::header::CONTENT_TYPE)?.to_str().ok()
    }

    /// The response's headers, when kept.
    pub fn headers(&self) -> Option<&http::HeaderMap> {
        self.response.as_ref().map(|r| &r.headers)
    }

    /// The response's body (at most [`UnhandledError::KEPT_BODY`] bytes), when kept.
    pub fn body(&self) -> Option<&[u8]> {
        self.response.as_ref().map(|r| r.body.as_slice())
    }

    /// The start of the body as text: at most [`UnhandledError::EXCERPT`]
    /// bytes, cut at a character boundary; `None` for an empty body or
    /// one that is not UTF-8 text.
    pub fn body_excerpt(&self) -> Option<&str> {
        let body = self.body()?;
        let head = &body[..body.len().min(Self::EXCERPT)];
        let text = match std::str::from_utf8(head) {
            Ok(text) => text,
            // Cut inside a character: keep what is whole.
            Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
            Err(_) => return None,
        };
        let text = text.trim();
        (!text.is_empty()).then_some(text)
    }
}

impl ProvideErrorMetadata for UnhandledError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

/// At most this many characters of the body go into `Display`.
const DISPLAY_EXCERPT: usize = 120;

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(operation) = self.operation() {
            write!(f, "{operation}: ")?;
        }
        write!(f, "unhandled error: {}", self.meta)?;
        // Without a code, the body is the only clue (an HTML page from a
        // proxy, a load balancer's text): a one-line hint of it.
        if self.meta.code.is_none() {
            if let Some(content_type) = self.content_type() {
                write!(f, "; {content_type} body")?;
            }
            if let Some(excerpt) = self.body_excerpt() {
                let line: String = excerpt.split_whitespace().collect::<Vec<_>>().join(" ");
                let mut chars = line.chars();
                let shown: String = chars.by_ref().take(DISPLAY_EXCERPT).collect();
                let more = if chars.next().is_some() { "..." } else { "" };
                write!(f, ": \"{shown}{more}\"")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for UnhandledError {}

/// The request ids of a successful response, read as botocore reads them
/// (`x-amzn-RequestId`, else `x-amz-request-id`; `x-amz-id-2` for S3's
/// extended id). Every generated output holds one; read it through
/// [`RequestId`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseMetadata {
    request_id: Option<String>,
    extended_request_id: Option<String>,
}

impl ResponseMetadata {
    /// The ids in `headers`.
    pub fn from_headers(headers: &http::HeaderMap) -> Self {
        ResponseMetadata {
            request_id: crate::error_body::header_request_id(headers).map(str::to_string),
            extended_request_id: crate::error_body::header_extended_request_id(headers).map(str::to_string),
        }
    }

    /// Given ids (for outputs built by hand, in tests).
    pub fn new(request_id: Option<String>, extended_request_id: Option<String>) -> Self {
        ResponseMetadata { request_id, extended_request_id }
    }
}

/// The request id of a response, for AWS support: implemented by every
/// generated output and by [`ResponseMetadata`] (what operations without
/// an output return). Errors give theirs through [`ProvideErrorMetadata`].
pub trait RequestId {
    /// The response's metadata.
    fn response_metadata(&self) -> &ResponseMetadata;

    /// The request id (`x-amzn-RequestId`, or S3's `x-amz-request-id`).
    fn request_id(&self) -> Option<&str> {
        self.response_metadata().request_id.as_deref()
    }

    /// S3's extended request id (`x-amz-id-2`); `None` from other services.
    fn extended_request_id(&self) -> Option<&str> {
        self.response_metadata().extended_request_id.as_deref()
    }
}

impl RequestId for ResponseMetadata {
    fn response_metadata(&self) -> &ResponseMetadata {
        self
    }
}

/// The result of calling an operation: `E` is the operation's own error
/// enum (what the service said); the other variants say the call never got
/// a usable answer.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SdkError<E> {
    /// The request was refused before sending.
    Build(BuildError),
    /// The service answered with an error.
    Service(E),
    /// The service answered with success, but the response could not be read.
    Response(ResponseError),
    /// No usable response: no endpoint or credentials, a failed connection,
    /// a timeout.
    Dispatch(DispatchError),
}

impl<E> SdkError<E> {
    /// The service's error, if that is what this is.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            SdkError::Service(err) => Some(err),
            _ => None,
        }
    }

    /// The service's error, if that is what this is.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            SdkError::Service(err) => Some(err),
            _ => None,
        }
    }
}

impl<E> SdkError<E> {
    /// One function per variant, the one matching applied: how a
    /// service-wide error type converts every operation's `SdkError`
    /// (a `match` outside this crate would need a catch-all arm, as the
    /// enum is `#[non_exhaustive]`).
    pub fn fold<T>(
        self,
        service: impl FnOnce(E) -> T,
        build: impl FnOnce(BuildError) -> T,
        response: impl FnOnce(ResponseError) -> T,
        dispatch: impl FnOnce(DispatchError) -> T,
    ) -> T {
        match self {
            SdkError::Service(err) => service(err),
            SdkError::Build(err) => build(err),
            SdkError::Response(err) => response(err),
            SdkError::Dispatch(err) => dispatch(err),
        }
    }
}

impl<E: ProvideErrorMetadata> SdkError<E> {
    /// The service's error code (`None` unless the service answered with an error).
    pub fn code(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.code())
    }

    /// The service's error message (`None` unless the service answered with an error).
    pub fn message(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.message())
    }

    /// The request id of the error response (`None` unless the service answered with an error).
    pub fn request_id(&self) -> Option<&str> {
        self.as_service_error().and_then(|e| e.request_id())
    }

    /// The HTTP status: the error response's, or the unreadable
    /// response's; `None` when no response was had.
    pub fn status(&self) -> Option<u16> {
        match self {
            SdkError::Service(e) => Some(e.status()),
            SdkError::Response(e) => Some(e.status()),
            SdkError::Build(_) | SdkError::Dispatch(_) => None,
        }
    }
}

impl<E> From<BuildError> for SdkError<E> {
    fn from(err: BuildError) -> Self {
        SdkError::Build(err)
    }
}

impl<E> From<DispatchError> for SdkError<E> {
    fn from(err: DispatchError) -> Self {
        SdkError::Dispatch(err)
    }
}

impl<E> From<ResponseError> for SdkError<E> {
    fn from(err: ResponseError) -> Self {
        SdkError::Response(err)
    }
}

impl<E: fmt::Display> fmt::Display for SdkError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SdkError::Build(err) => write!(f, "request refused: {err}"),
            SdkError::Service(err) => write!(f, "service error: {err}"),
            SdkError::Response(err) => err.fmt(f),
            SdkError::Dispatch(err) => err.fmt(f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for SdkError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SdkError::Build(err) => Some(err),
            SdkError::Service(err) => Some(err),
            SdkError::Response(err) => Some(err),
            SdkError::Dispatch(err) => Some(err),
        }
    }
}

/// The `Quantity` of a CloudFront `Quantity`/`Items` wrapper: the given
/// one, which must equal the number of items, or else the number of items
/// (0 without items). `shape` names the wrapper in errors.
pub fn resolve_quantity(shape: &'static str, quantity: Option<i32>, items: Option<usize>) -> Result<i32, BuildError> {
    match quantity {
        Some(quantity) => check_quantity(shape, quantity, items).map(|()| quantity),
        None => {
            let count = items.unwrap_or(0);
            i32::try_from(count).map_err(|_| {
                BuildError::invalid_value(format!("{shape}.Items"), format!("{count} items do not fit a Quantity"))
            })
        }
    }
}

/// Refuses a `Quantity` that differs from the number of `Items` (absent
/// items count as none).
pub fn check_quantity(shape: &'static str, quantity: i32, items: Option<usize>) -> Result<(), BuildError> {
    let count = items.unwrap_or(0);
    if usize::try_from(quantity).ok() == Some(count) {
        Ok(())
    } else {
        Err(BuildError::invalid_value(
            format!("{shape}.Quantity"),
            format!("Quantity is {quantity} but Items has {count} entries"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantity_follows_items() {
        assert_eq!(resolve_quantity("Aliases", None, Some(3)), Ok(3));
        assert_eq!(resolve_quantity("Aliases", None, None), Ok(0));
        assert_eq!(resolve_quantity("Aliases", Some(2), Some(2)), Ok(2));
        assert_eq!(resolve_quantity("Aliases", Some(0), None), Ok(0));
        let err = resolve_quantity("Aliases", Some(3), Some(2)).unwrap_err();
        assert_eq!(err.to_string(), "invalid Aliases.Quantity: Quantity is 3 but Items has 2 entries");
        assert!(check_quantity("Aliases", 1, None).is_err());
        assert!(check_quantity("Aliases", -1, Some(0)).is_err());
    }

    #[test]
    fn missing_members_are_all_named_by_field_and_wire_name() {
        let err = BuildError::missing_fields(
            "UpdateStreamingDistributionInput",
            &[
                (true, "streaming_distribution_config", "StreamingDistributionConfig"),
                (false, "id", "Id"),
                (true, "if_match", "IfMatch"),
            ],
        );
        assert_eq!(
            err.to_string(),
            "UpdateStreamingDistributionInput is missing required members `streaming_distribution_config` (StreamingDistributionConfig), `if_match` (IfMatch)"
        );
        let BuildErrorKind::MissingFields { type_name, fields } = err.kind() else { panic!("{err:?}") };
        assert_eq!(*type_name, "UpdateStreamingDistributionInput");
        assert_eq!(fields.iter().map(|f| f.field).collect::<Vec<_>>(), ["streaming_distribution_config", "if_match"]);
        let one = BuildError::missing_fields("GetDistributionInput", &[(true, "id", "Id")]);
        assert_eq!(one.to_string(), "GetDistributionInput is missing required member `id` (Id)");
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> http::HeaderMap {
        pairs.iter().map(|(k, v)| (http::HeaderName::from_static(k), http::HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn an_unhandled_html_page_keeps_its_operation_type_and_an_excerpt() {
        let page = format!("<html>\n<body>\n<h1>404 Not Found</h1>\n{}</body></html>", "x".repeat(2000));
        let meta = crate::error_body::error_metadata(404, &http::HeaderMap::new(), page.as_bytes());
        let err = UnhandledError::from_response(
            "GetDistribution",
            meta,
            &headers(&[("content-type", "text/html")]),
            page.as_bytes(),
        );
        assert_eq!(err.operation(), Some("GetDistribution"));
        assert_eq!(err.content_type(), Some("text/html"));
        assert_eq!(err.body_excerpt().map(str::len), Some(UnhandledError::EXCERPT));
        let shown = err.to_string();
        assert!(
            shown.starts_with("GetDistribution: unhandled error: unknown error (HTTP 404); text/html body: \"<html> <body> <h1>404 Not Found</h1> xxx"),
            "{shown}"
        );
        assert!(shown.ends_with("...\""), "{shown}");
        assert!(!shown.contains('\n'));
        // A binary body has no excerpt; a modeled-looking code needs no hint.
        let binary =
            UnhandledError::from_response("Op", ErrorMetadata::default(), &http::HeaderMap::new(), &[0xff, 0xfe, 0]);
        assert_eq!(binary.body_excerpt(), None);
        let coded = ErrorMetadata { code: Some("Throttling".into()), status: 400, ..ErrorMetadata::default() };
        let err = UnhandledError::from_response(
            "Op",
            coded,
            &http::HeaderMap::new(),
            b"<Error><Code>Throttling</Code></Error>",
        );
        assert_eq!(err.to_string(), "Op: unhandled error: Throttling (HTTP 400)");
    }

    #[test]
    fn kept_bodies_are_bounded_and_excerpts_cut_at_characters() {
        let body = "é".repeat(UnhandledError::KEPT_BODY);
        let err =
            UnhandledError::from_response("Op", ErrorMetadata::default(), &http::HeaderMap::new(), body.as_bytes());
        assert_eq!(err.body().map(<[u8]>::len), Some(UnhandledError::KEPT_BODY));
        assert_eq!(err.body_excerpt().map(|e| e.chars().count()), Some(UnhandledError::EXCERPT / 2));
    }

    #[test]
    fn response_metadata_reads_request_ids_like_errors_do() {
        let meta = ResponseMetadata::from_headers(&headers(&[("x-amz-request-id", "s3-id"), ("x-amz-id-2", "host")]));
        assert_eq!((meta.request_id(), meta.extended_request_id()), (Some("s3-id"), Some("host")));
        let meta = ResponseMetadata::from_headers(&headers(&[("x-amzn-requestid", "cf-id")]));
        assert_eq!((meta.request_id(), meta.extended_request_id()), (Some("cf-id"), None));
    }

    #[test]
    fn sdk_error_shortcuts_reach_the_service_error() {
        let meta = ErrorMetadata {
            code: Some("Boom".into()),
            message: Some("m".into()),
            request_id: Some("r".into()),
            status: 400,
            ..ErrorMetadata::default()
        };
        let err: SdkError<UnhandledError> = SdkError::Service(UnhandledError::new(meta));
        assert_eq!(
            (err.code(), err.message(), err.request_id(), err.status()),
            (Some("Boom"), Some("m"), Some("r"), Some(400))
        );
        let err: SdkError<UnhandledError> = SdkError::Build(BuildError::invalid_value("A.B", "bad"));
        assert_eq!((err.code(), err.status()), (None, None));
        fn is_send_sync<T: Send + Sync + 'static>() {}
        is_send_sync::<SdkError<UnhandledError>>();
    }
}
