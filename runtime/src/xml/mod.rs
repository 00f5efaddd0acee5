//! XML reading and writing for rest-xml bodies.

mod error;
mod read;
mod write;

pub use error::{XmlError, XmlErrorKind};
pub use read::{DEFAULT_MAX_DEPTH, Document, Element, required};
pub use write::{Content, StartTag, WriteXml, XmlWriter, escape_into};

use crate::scalar::FromText;
use crate::{Blob, DateTime, TimestampFormat};

/// A value that can be read from an element. Implemented here for scalars
/// and by generated code for structures and enums.
pub trait ReadXml: Sized {
    /// Reads the value from `element` (its attributes, text or children).
    fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError>;
}

impl ReadXml for String {
    fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError> {
        element.text().map(std::borrow::Cow::into_owned)
    }
}

macro_rules! read_via_text {
    ($($ty:ty),*) => {$(
        impl ReadXml for $ty {
            fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError> {
                element.parse_text(<$ty as FromText>::EXPECTED, <$ty as FromText>::from_text)
            }
        }
    )*};
}
read_via_text!(bool, i32, i64, f32, f64, Blob, DateTime);

impl<T: ReadXml> ReadXml for Box<T> {
    fn read_xml(element: &mut Element<'_, '_>) -> Result<Self, XmlError> {
        T::read_xml(element).map(Box::new)
    }
}

/// Reads a timestamp written in `format`.
pub fn read_timestamp(element: &mut Element<'_, '_>, format: TimestampFormat) -> Result<DateTime, XmlError> {
    let expected = match format {
        TimestampFormat::DateTime => "an ISO 8601 timestamp",
        TimestampFormat::HttpDate => "an HTTP-date timestamp",
        TimestampFormat::EpochSeconds => "a timestamp in epoch seconds",
    };
    element.parse_text(expected, |text| DateTime::parse(text, format))
}

/// Reads a whole document whose root must be `root` into `T`.
pub fn read_document<T: ReadXml>(body: &[u8], root: &'static str) -> Result<T, XmlError> {
    let mut document = Document::new(body)?;
    let mut element = document.root_named(root)?;
    T::read_xml(&mut element)
}

/// Reads a payload document whose root must be one of `roots` (the first
/// is named in errors) into `T`.
pub fn read_payload<T: ReadXml>(body: &[u8], roots: &[&'static str]) -> Result<T, XmlError> {
    let mut document = Document::new(body)?;
    let mut element = document.root()?;
    if !roots.contains(&element.local_name()) {
        let found = element.local_name().to_string();
        let expected = roots.first().copied().unwrap_or("");
        return Err(element.error(XmlErrorKind::WrongRoot { expected, found }));
    }
    T::read_xml(&mut element)
}

/// Whether `body` holds nothing but white space (an absent payload).
pub fn is_blank(body: &[u8]) -> bool {
    body.iter().all(u8::is_ascii_whitespace)
}

#[cfg(test)]
mod tests;
