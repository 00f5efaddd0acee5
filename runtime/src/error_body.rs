//! Reading rest-xml error responses:
//! `<ErrorResponse><Error><Code/><Message/>...</Error><RequestId/></ErrorResponse>`
//! (or a bare `<Error>` root, as S3 sends).

use http::HeaderMap;

use crate::error::{ErrorMetadata, ModeledError, UnhandledError};
use crate::xml::{Document, Element, ReadXml, XmlError, XmlErrorKind};

const REQUEST_ID_HEADERS: [&str; 2] = ["x-amz-request-id", "x-amzn-requestid"];

/// The code, message and request id of an error response. Never fails: a
/// body that is not an AWS error document gives metadata with no code.
pub fn error_metadata(status: u16, headers: &HeaderMap, body: &[u8]) -> ErrorMetadata {
    let mut meta = ErrorMetadata { status, ..ErrorMetadata::default() };
    // A body that cannot be read leaves the code and message unknown; the
    // caller still gets the status and request id.
    let _ = read_envelope(body, &mut meta);
    let header_id = REQUEST_ID_HEADERS.iter().find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()));
    if let Some(id) = header_id {
        meta.request_id = Some(id.to_string());
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
            "RequestId" | "RequestID" => meta.request_id = Some(child.text()?.into_owned()),
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

/// Reads the modeled error `T` and attaches `meta`; a body that does not
/// hold `T`'s members as the model says gives an [`UnhandledError`] with
/// the same metadata instead.
pub fn modeled<T: ModeledError>(body: &[u8], headers: &HeaderMap, meta: ErrorMetadata) -> Result<T, UnhandledError> {
    match read_error_shape::<T>(body, meta.code.as_deref()) {
        Ok(mut error) => {
            error.set_meta(meta);
            error.read_headers(headers);
            Ok(error)
        }
        Err(_) => Err(UnhandledError::new(meta)),
    }
}
