//! Text forms of scalars, shared by XML, headers, labels and query strings:
//! booleans as `true`/`false`, integers in decimal, floats with `NaN`,
//! `Infinity` and `-Infinity`, blobs in base64, timestamps in ISO 8601.

use std::borrow::Cow;

use base64::Engine as _;

use crate::{Blob, DateTime, TimestampFormat};

/// A scalar's text form on the wire.
pub trait ToText {
    /// The text, borrowed where the value already is text.
    fn to_text(&self) -> Cow<'_, str>;
}

/// A scalar read back from its text form.
pub trait FromText: Sized {
    /// What the text should have been, for errors ("a boolean (true or false)").
    const EXPECTED: &'static str;
    /// Parses `text`; `None` if it is not a valid value.
    fn from_text(text: &str) -> Option<Self>;
}

impl ToText for str {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToText for String {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl FromText for String {
    const EXPECTED: &'static str = "text";
    fn from_text(text: &str) -> Option<Self> {
        Some(text.to_string())
    }
}

impl ToText for bool {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

impl FromText for bool {
    const EXPECTED: &'static str = "a boolean (true or false)";
    fn from_text(text: &str) -> Option<Self> {
        match text.trim() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }
}

macro_rules! integers {
    ($($ty:ty => $expected:literal),*) => {$(
        impl ToText for $ty {
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(itoa::Buffer::new().format(*self).to_string())
            }
        }
        impl FromText for $ty {
            const EXPECTED: &'static str = $expected;
            fn from_text(text: &str) -> Option<Self> {
                text.trim().parse().ok()
            }
        }
    )*};
}
integers!(i32 => "a 32-bit integer", i64 => "a 64-bit integer");

macro_rules! floats {
    ($($ty:ty => $expected:literal),*) => {$(
        impl ToText for $ty {
            fn to_text(&self) -> Cow<'_, str> {
                if self.is_nan() {
                    Cow::Borrowed("NaN")
                } else if self.is_infinite() {
                    Cow::Borrowed(if *self > 0.0 { "Infinity" } else { "-Infinity" })
                } else {
                    Cow::Owned(ryu::Buffer::new().format_finite(*self).to_string())
                }
            }
        }
        impl FromText for $ty {
            const EXPECTED: &'static str = $expected;
            fn from_text(text: &str) -> Option<Self> {
                match text.trim() {
                    "NaN" => Some(<$ty>::NAN),
                    "Infinity" => Some(<$ty>::INFINITY),
                    "-Infinity" => Some(<$ty>::NEG_INFINITY),
                    // Rust's parser also takes "inf" and "nan"; the wire does not.
                    t if t.bytes().any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') => None,
                    t => t.parse().ok(),
                }
            }
        }
    )*};
}
floats!(f32 => "a floating-point number", f64 => "a floating-point number");

impl ToText for Blob {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(base64::engine::general_purpose::STANDARD.encode(self.as_ref()))
    }
}

impl FromText for Blob {
    const EXPECTED: &'static str = "base64 data";
    fn from_text(text: &str) -> Option<Self> {
        let compact: String = text.split_ascii_whitespace().collect();
        base64::engine::general_purpose::STANDARD.decode(compact).ok().map(Blob::new)
    }
}

/// Timestamps default to ISO 8601; other formats are chosen explicitly
/// with [`DateTime::format`].
impl ToText for DateTime {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.format(TimestampFormat::DateTime))
    }
}

impl FromText for DateTime {
    const EXPECTED: &'static str = "an ISO 8601 timestamp";
    fn from_text(text: &str) -> Option<Self> {
        DateTime::parse(text, TimestampFormat::DateTime)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn booleans() {
        assert_eq!(true.to_text(), "true");
        assert_eq!(bool::from_text("false"), Some(false));
        assert_eq!(bool::from_text("yes"), None);
        assert_eq!(bool::from_text("True"), None);
    }

    #[test]
    fn numbers() {
        assert_eq!(2147483647i32.to_text(), "2147483647");
        assert_eq!(i32::from_text("2147483648"), None);
        assert_eq!(i64::from_text(" -9 "), Some(-9));
        assert_eq!(1.5f64.to_text(), "1.5");
        assert_eq!(f64::NAN.to_text(), "NaN");
        assert_eq!(f32::NEG_INFINITY.to_text(), "-Infinity");
        assert_eq!(f64::from_text("Infinity"), Some(f64::INFINITY));
        assert!(f64::from_text("NaN").unwrap().is_nan());
        assert_eq!(f64::from_text("inf"), None);
        assert_eq!(f64::from_text("1e3"), Some(1000.0));
    }

    #[test]
    fn blobs() {
        let blob = Blob::new(b"hello".to_vec());
        assert_eq!(blob.to_text(), "aGVsbG8=");
        assert_eq!(Blob::from_text("aGVs\nbG8="), Some(blob));
        assert_eq!(Blob::from_text("!!"), None);
    }
}
