//! XML reading and writing for rest-xml bodies.

mod error;
mod read;
mod write;

pub use error::{XmlError, XmlErrorKind};
pub use read::{DEFAULT_MAX_DEPTH, Document, Element};
pub use write::{Content, StartTag, WriteXml, XmlWriter, escape_into};

use crate::scalar::FromText;
use crate::{Blob, DateTime, TimestampFormat};

/// A value that can be read from an element. Implemented here for scalars
/// and by generated code for structures and enums.
pub trait ReadXml: Sized {
    /// Reads the value from `element` (its attributes, text or children).
    fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError>;

    /// The value a response gets for a required member it leaves out
    /// (client error correction, as smithy-rs does: services and local
    /// emulators omit members the model calls required). `None` makes the
    /// absence an error.
    fn missing() -> Option<Self> {
        None
    }
}

impl ReadXml for String {
    fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError> {
        element.text().map(std::borrow::Cow::into_owned)
    }

    fn missing() -> Option<Self> {
        Some(String::new())
    }
}

macro_rules! read_via_text {
    ($($ty:ty => $missing:expr),*) => {$(
        impl ReadXml for $ty {
            fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError> {
                element.parse_text(<$ty as FromText>::EXPECTED, <$ty as FromText>::from_text)
            }

            fn missing() -> Option<Self> {
                Some($missing)
            }
        }
    )*};
}
read_via_text!(bool => false, i32 => 0, i64 => 0, f32 => 0.0, f64 => 0.0, Blob => Blob::default(), DateTime => DateTime::from_secs(0));

impl<T: ReadXml> ReadXml for Box<T> {
    fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError> {
        T::read_xml(element).map(Box::new)
    }

    fn missing() -> Option<Self> {
        T::missing().map(Box::new)
    }
}

/// Reads a timestamp written in `format`.
pub fn read_timestamp(element: &mut Element<'_, '_>, format: TimestampFormat) -> Result<DateTime, XmlError> {
    element.parse_text(format.expected(), |text| DateTime::parse(text, format))
}

/// Reads a whole document whose root must be `root` into `T`.
pub fn read_document<T: ReadXml>(body: &[u8], root: &'static str) -> Result<T, XmlError> {
    let mut document = Document::new(body)?;
    let mut element = document.root_named(root)?;
    T::read_xml(&mut element)
}

/// Reads a response's payload document into `T` from its root, whatever
/// the root is called (botocore reads it so: services name it after the
/// payload's shape, its member or the operation). `roots` are the names
/// the model gives it; a root that shows the body is not an output
/// (`<Error>`, `<ErrorResponse>`, `<html>`) is refused unless it is one
/// of them ([`Document::output_root`]).
pub fn read_payload<T: ReadXml>(body: &[u8], roots: &[&'static str]) -> Result<T, XmlError> {
    let mut document = Document::new(body)?;
    let mut element = document.output_root(roots)?;
    T::read_xml(&mut element)
}

/// Reads a whole output document with any root name into `T` (refusing
/// error documents and HTML pages as [`read_payload`] does); an empty
/// body reads as `T` with nothing in it ([`ReadXml::missing`]).
pub fn read_root<T: ReadXml>(body: &[u8]) -> Result<T, XmlError> {
    if is_blank(body) {
        return T::missing().ok_or_else(|| XmlError::new(XmlErrorKind::NoRoot, String::new(), 0));
    }
    let mut document = Document::new(body)?;
    let mut element = document.output_root(&[])?;
    T::read_xml(&mut element)
}

/// The text of a response document's root element, whatever it is called
/// (S3's GetBucketLocation answers `<LocationConstraint>eu-west-1</...>`,
/// which botocore reads by hand in `parse_get_bucket_location`); `None`
/// for an empty body or an empty or self-closing root (a bucket in
/// us-east-1). Error documents and HTML pages are refused as
/// [`read_payload`] refuses them.
pub fn read_root_text(body: &[u8]) -> Result<Option<String>, XmlError> {
    if is_blank(body) {
        return Ok(None);
    }
    let mut document = Document::new(body)?;
    let mut root = document.output_root(&[])?;
    let text = root.text()?;
    Ok((!text.is_empty()).then(|| text.into_owned()))
}

/// Whether `body` holds nothing but white space (an absent payload).
pub fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

/// A required member's value; when the response left it out, the value
/// [`ReadXml::missing`] gives, else an error naming the missing element.
pub fn required<T: ReadXml>(value: Option<T>, element: &'static str, parent: &Element<'_, '_>) -> Result<T, XmlError> {
    match value.or_else(T::missing) {
        Some(value) => Ok(value),
        None => Err(parent.error(XmlErrorKind::MissingElement {
            element: element.to_string(),
            parent: parent.local_name().to_string(),
        })),
    }
}

#[cfg(test)]
mod tests;
