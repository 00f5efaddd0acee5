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
    /// A required member was not set.
    MissingField {
        /// The structure (model shape name).
        shape: &'static str,
        /// The member (model member name).
        field: &'static str,
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

impl BuildError {
    /// A required member is missing.
    pub fn missing_field(shape: &'static str, field: &'static str) -> Self {
        BuildError { kind: BuildErrorKind::MissingField { shape, field } }
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
            BuildErrorKind::MissingField { shape, field } => {
                write!(f, "missing required member `{field}` of {shape}")
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
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ResponseErrorKind::Xml(err) => Some(err),
            ResponseErrorKind::Header { .. }
            | ResponseErrorKind::MissingHeader { .. }
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

/// An error response the model does not describe (an unknown code, or a
/// body that is not an AWS error document).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnhandledError {
    meta: ErrorMetadata,
}

impl UnhandledError {
    /// Wraps the metadata of an unrecognised error.
    pub fn new(meta: ErrorMetadata) -> Self {
        UnhandledError { meta }
    }
}

impl ProvideErrorMetadata for UnhandledError {
    fn meta(&self) -> &ErrorMetadata {
        &self.meta
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unhandled error: {}", self.meta)
    }
}

impl std::error::Error for UnhandledError {}

/// The result of calling an operation: `E` is the operation's own error
/// enum (what the service said); the other variants say the call never got
/// a usable answer.
#[derive(Debug)]
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

/// A builder's required member: its value, or the error naming it.
pub fn required<T>(value: Option<T>, shape: &'static str, field: &'static str) -> Result<T, BuildError> {
    value.ok_or(BuildError { kind: BuildErrorKind::MissingField { shape, field } })
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
}
