//! Reading rest-xml error responses:
//! `<ErrorResponse><Error><Code/><Message/>...</Error><RequestId/></ErrorResponse>`
//! (or a bare `<Error>` root, as S3 sends).

use http::HeaderMap;

use crate::error::{ErrorMetadata, ModeledError, UnhandledError};
use crate::xml::{Document, Element, ReadXml, XmlError, XmlErrorKind};

/// The headers that carry the request id, in botocore's order
/// (`_populate_response_metadata`): `x-amzn-RequestId`, then S3's
/// `x-amz-request-id`.
const REQUEST_ID_HEADERS: [&str; 2] = ["x-amzn-requestid", "x-amz-request-id"];

/// The header of S3's extended request id (botocore's `HostId`).
const EXTENDED_REQUEST_ID_HEADER: &str = "x-amz-id-2";

/// The request id a response's headers carry: `x-amzn-RequestId`, else
/// `x-amz-request-id` (botocore's order, for successes and errors alike).
/// A value that is not visible ASCII counts as absent.
pub fn header_request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS.iter().find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
}

/// S3's extended request id from the `x-amz-id-2` header.
pub fn header_extended_request_id(headers: &HeaderMap) -> Option<&str> {
    headers.get(EXTENDED_REQUEST_ID_HEADER).and_then(|v| v.to_str().ok())
}

/// The code, message and request ids of an error response. Never fails: a
/// body that is not an AWS error document gives metadata with no code.
///
/// The request id is the `x-amzn-RequestId` header, else `x-amz-request-id`,
/// else the body's `<RequestId>` (in `<ErrorResponse>` or in `<Error>`); the
/// extended id is `x-amz-id-2`, else the body's `<HostId>`.
pub fn error_metadata(status: u16, headers: &HeaderMap, body: &[u8]) -> ErrorMetadata {
    let mut meta = ErrorMetadata { status, ..ErrorMetadata::default() };
    // A body that cannot be read leaves the code and message unknown; the
    // caller still gets the status and request ids.
    let _ = read_envelope(body, &mut meta);
    if let Some(id) = header_request_id(headers) {
        meta.request_id = Some(id.to_string());
    }
    if let Some(id) = header_extended_request_id(headers) {
        meta.extended_request_id = Some(id.to_string());
    }
    meta
}

fn read_envelope(body: &[u8], meta: &mut ErrorMetadata) -> Result<(), XmlError> {
    let mut document = Document::new(body)?;
    let mut root = document.root()?;
    match root.local_name() {
        "ErrorResponse" => {
            while let Some(mut child) = root.next_child()? {
                match child.local_name() {
                    "Error" => read_error_fields(&mut child, meta)?,
                    "RequestId" | "RequestID" => meta.request_id = Some(child.text()?.into_owned()),
                    "HostId" => meta.extended_request_id = Some(child.text()?.into_owned()),
                    _ => {}
                }
            }
            Ok(())
        }
        "Error" => read_error_fields(&mut root, meta),
        other => {
            let found = other.to_string();
            Err(root.error(XmlErrorKind::WrongRoot { expected: "ErrorResponse", found }))
        }
    }
}

fn read_error_fields(error: &mut Element<'_, '_>, meta: &mut ErrorMetadata) -> Result<(), XmlError> {
    while let Some(mut child) = error.next_child()? {
        match child.local_name() {
            "Code" => meta.code = Some(child.text()?.into_owned()),
            "Message" | "message" => meta.message = Some(child.text()?.into_owned()),
            // The envelope's own `<RequestId>` (read after `<Error>`) wins.
            "RequestId" | "RequestID" if meta.request_id.is_none() => {
                meta.request_id = Some(child.text()?.into_owned());
            }
            "HostId" if meta.extended_request_id.is_none() => {
                meta.extended_request_id = Some(child.text()?.into_owned());
            }
            _ => {}
        }
    }
    Ok(())
}

/// Reads a modeled error shape's members from the `<Error>` element, or
/// from a root named after the error `code` itself (Route 53's
/// `<InvalidChangeBatch>` document, which only its customization's
/// [`error_metadata`](crate::customizations::route53::error_metadata)
/// reports that code for).
pub fn read_error_shape<T: ReadXml>(body: &[u8], code: Option<&str>) -> Result<T, XmlError> {
    let mut document = Document::new(body)?;
    let mut root = document.root()?;
    if root.local_name() == "Error" || Some(root.local_name()) == code {
        return T::read_xml(&mut root);
    }
    while let Some(mut child) = root.next_child()? {
        if child.local_name() == "Error" {
            return T::read_xml(&mut child);
        }
    }
    Err(root.error(XmlErrorKind::MissingElement { element: "Error".into(), parent: "ErrorResponse".into() }))
}

/// Reads the modeled error `T` of `operation`'s response and attaches
/// `meta`; a body that does not hold `T`'s members as the model says gives
/// an [`UnhandledError`] with the same metadata and the response instead.
pub fn modeled<T: ModeledError>(
    operation: &'static str,
    body: &[u8],
    headers: &HeaderMap,
    meta: ErrorMetadata,
) -> Result<T, UnhandledError> {
    match read_error_shape::<T>(body, meta.code.as_deref()) {
        Ok(mut error) => {
            error.set_meta(meta);
            error.read_headers(headers);
            Ok(error)
        }
        Err(_) => Err(UnhandledError::from_response(operation, meta, headers, body)),
    }
}

/// Whether a response of an operation whose output is not a raw body is an
/// error although its status says success, as botocore's
/// `_handle_200_error` judges it: S3 can answer `200 OK` and report a
/// failure in the body (CopyObject, UploadPartCopy, CompleteMultipartUpload
/// and others), and a body cut off by a network fault does not parse. A
/// `200` whose non-empty body is an `<Error>` document or is not
/// well-formed XML is an error and, like a 500, is retried.
pub fn is_error_in_ok_response(status: u16, body: &[u8]) -> bool {
    if status != 200 || body.is_empty() {
        return false;
    }
    match crate::xml::Document::new(body).and_then(|mut document| document.well_formed_root()) {
        Ok(root) => root == "Error",
        Err(_) => true,
    }
}

/// [`is_error_in_ok_response`] for a response an operation's
/// `parse_response` reads, unless the client already judged it: the
/// client's core checks every such `200` once, to decide on a retry, and
/// marks the response with [`crate::http::ErrorInOkChecked`] (a `200`
/// that was an error reaches the parser as the 500 it stands for), so the
/// body is not read twice on the way in.
pub fn error_in_ok_response<B: AsRef<[u8]>>(response: &http::Response<B>) -> bool {
    response.extensions().get::<crate::http::ErrorInOkChecked>().is_none()
        && is_error_in_ok_response(response.status().as_u16(), response.body().as_ref())
}

/// The modeled error `T` of a response without a body (a HEAD error, which
/// the status alone identifies), with `meta` attached: `T` as read from an
/// empty `<Error/>` element; an [`UnhandledError`] if `T` has members it
/// cannot do without.
pub fn modeled_without_body<T: ModeledError>(
    operation: &'static str,
    headers: &HeaderMap,
    meta: ErrorMetadata,
) -> Result<T, UnhandledError> {
    match read_error_shape::<T>(b"<Error/>", None) {
        Ok(mut error) => {
            error.set_meta(meta);
            error.read_headers(headers);
            Ok(error)
        }
        Err(_) => Err(UnhandledError::from_response(operation, meta, headers, b"")),
    }
}

/// `error`'s kept response read again as the modeled error `T` (how a
/// service-wide error type turns a code that one operation does not model
/// into the service's error of that code); `error` itself when it kept no
/// response or the body does not hold `T`.
pub fn reread<T: ModeledError>(error: UnhandledError) -> Result<T, UnhandledError> {
    let (Some(headers), Some(body)) = (error.headers(), error.body()) else { return Err(error) };
    let meta = crate::error::ProvideErrorMetadata::meta(&error).clone();
    let operation = error.operation().unwrap_or_default();
    modeled(operation, body, headers, meta).map_err(|_| error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (http::HeaderName::from_static(k), http::HeaderValue::from_static(v))).collect()
    }

    const ENVELOPE: &[u8] =
        b"<ErrorResponse><Error><Code>Boom</Code><Message>m</Message></Error><RequestId>body-id</RequestId></ErrorResponse>";
    const S3_ERROR: &[u8] =
        b"<Error><Code>NoSuchKey</Code><Message>m</Message><RequestId>body-id</RequestId><HostId>body-host</HostId></Error>";

    #[test]
    fn request_id_headers_in_botocores_order_then_the_body() {
        let both = headers(&[("x-amz-request-id", "s3-id"), ("x-amzn-requestid", "amzn-id")]);
        assert_eq!(header_request_id(&both), Some("amzn-id"));
        assert_eq!(error_metadata(400, &both, ENVELOPE).request_id.as_deref(), Some("amzn-id"));
        let s3 = headers(&[("x-amz-request-id", "s3-id")]);
        assert_eq!(header_request_id(&s3), Some("s3-id"));
        assert_eq!(error_metadata(400, &s3, ENVELOPE).request_id.as_deref(), Some("s3-id"));
        // Header names are case-insensitive.
        let mut mixed = HeaderMap::new();
        mixed.insert("X-Amzn-RequestId", http::HeaderValue::from_static("mixed"));
        assert_eq!(header_request_id(&mixed), Some("mixed"));
        // No header: the body's, in either envelope.
        let none = HeaderMap::new();
        assert_eq!(header_request_id(&none), None);
        assert_eq!(error_metadata(400, &none, ENVELOPE).request_id.as_deref(), Some("body-id"));
        assert_eq!(error_metadata(404, &none, S3_ERROR).request_id.as_deref(), Some("body-id"));
        // Neither: none, whatever the body is.
        assert_eq!(error_metadata(502, &none, b"<html><body>Bad Gateway</body></html>").request_id, None);
        assert_eq!(error_metadata(503, &none, b"").request_id, None);
        // A body that is not an error document still gets the header's.
        let meta = error_metadata(502, &both, b"<html><body>Bad Gateway</body></html>");
        assert_eq!((meta.request_id.as_deref(), meta.code), (Some("amzn-id"), None));
    }

    #[test]
    fn the_envelope_request_id_wins_over_one_inside_error() {
        let body = b"<ErrorResponse><Error><Code>C</Code><RequestId>inner</RequestId></Error><RequestId>outer</RequestId></ErrorResponse>";
        assert_eq!(error_metadata(400, &HeaderMap::new(), body).request_id.as_deref(), Some("outer"));
        let body = b"<ErrorResponse><Error><Code>C</Code><RequestId>inner</RequestId></Error></ErrorResponse>";
        assert_eq!(error_metadata(400, &HeaderMap::new(), body).request_id.as_deref(), Some("inner"));
    }

    #[test]
    fn s3_extended_request_id_from_the_header_then_the_body() {
        let s3 = headers(&[("x-amz-request-id", "s3-id"), ("x-amz-id-2", "host-id")]);
        assert_eq!(header_extended_request_id(&s3), Some("host-id"));
        let meta = error_metadata(404, &s3, S3_ERROR);
        assert_eq!((meta.request_id.as_deref(), meta.extended_request_id.as_deref()), (Some("s3-id"), Some("host-id")));
        let meta = error_metadata(404, &HeaderMap::new(), S3_ERROR);
        assert_eq!(meta.extended_request_id.as_deref(), Some("body-host"));
        // Reachable however the error is held, unhandled ones included.
        let unhandled = crate::error::UnhandledError::new(error_metadata(500, &s3, b""));
        use crate::error::ProvideErrorMetadata as _;
        assert_eq!((unhandled.request_id(), unhandled.extended_request_id()), (Some("s3-id"), Some("host-id")));
        // Services that do not send one have none.
        assert_eq!(error_metadata(400, &HeaderMap::new(), ENVELOPE).extended_request_id, None);
    }

    #[test]
    fn errors_hidden_in_ok_responses() {
        let error = b"<?xml version=\"1.0\"?>\n<Error><Code>InternalError</Code><Message>m</Message></Error>";
        assert!(is_error_in_ok_response(200, error));
        // Cut off: not well-formed.
        assert!(is_error_in_ok_response(200, b"<CopyObjectResult><ETag>\"abc\"</ETag>"));
        assert!(is_error_in_ok_response(200, b"<CopyObjectResult><ETag>"));
        assert!(!is_error_in_ok_response(200, b"<CopyObjectResult><ETag>\"abc\"</ETag></CopyObjectResult>"));
        assert!(!is_error_in_ok_response(200, b""));
        // A response the client already judged is not read again.
        let mut response = http::Response::new(error.to_vec());
        assert!(error_in_ok_response(&response));
        response.extensions_mut().insert(crate::http::ErrorInOkChecked);
        assert!(!error_in_ok_response(&response));
        // Other statuses are judged by their status.
        assert!(!is_error_in_ok_response(500, error));
        assert!(!is_error_in_ok_response(204, error));
    }
}
