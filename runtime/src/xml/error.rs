//! Errors from reading XML.

use std::fmt;

/// A response body that is not what the model says it should be.
///
/// Carries what went wrong, the path of elements where it went wrong
/// (`StreamingDistribution/ActiveTrustedSigners/Enabled`) and the byte
/// offset in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    kind: XmlErrorKind,
    path: String,
    position: u64,
}

/// What went wrong while reading XML.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum XmlErrorKind {
    /// The body is not UTF-8.
    InvalidUtf8,
    /// The body is not well-formed XML.
    Syntax(String),
    /// The body has no root element.
    NoRoot,
    /// The document's root element is not the expected one.
    WrongRoot {
        /// The root the model expects.
        expected: &'static str,
        /// The root that was there.
        found: String,
    },
    /// A successful response whose root shows it is not an output at all:
    /// an AWS error document (`<Error>`, `<ErrorResponse>`) or an HTML page
    /// (a proxy's, a load balancer's).
    NotOutput {
        /// The root that was there.
        found: String,
    },
    /// A required element is missing.
    MissingElement {
        /// The missing element.
        element: String,
        /// The element it should have been in.
        parent: String,
    },
    /// Text that does not parse as the expected type.
    InvalidValue {
        /// What was expected, e.g. "a boolean (true or false)".
        expected: &'static str,
        /// The text that was there.
        found: String,
    },
    /// An element where only text was expected.
    UnexpectedElement {
        /// The element's name.
        found: String,
    },
    /// The document ended inside an element.
    UnexpectedEof {
        /// The element that was open.
        inside: String,
    },
    /// An entity reference other than the five XML predefines.
    UnknownEntity(String),
    /// Elements nested deeper than the reader's bound.
    TooDeep {
        /// The bound.
        limit: usize,
    },
}

impl XmlError {
    pub(crate) fn new(kind: XmlErrorKind, path: String, position: u64) -> Self {
        XmlError { kind, path, position }
    }

    /// A required element of a body that was empty.
    pub fn missing_in_empty_body(element: &str) -> Self {
        XmlError::new(
            XmlErrorKind::MissingElement { element: element.to_string(), parent: "(empty body)".to_string() },
            String::new(),
            0,
        )
    }

    /// What went wrong.
    pub fn kind(&self) -> &XmlErrorKind {
        &self.kind
    }

    /// The slash-separated path of the element at fault (empty before the root).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The byte offset in the body.
    pub fn position(&self) -> u64 {
        self.position
    }
}

impl fmt::Display for XmlErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            XmlErrorKind::InvalidUtf8 => f.write_str("the body is not valid UTF-8"),
            XmlErrorKind::Syntax(message) => write!(f, "malformed XML: {message}"),
            XmlErrorKind::NoRoot => f.write_str("expected a root element, found none"),
            XmlErrorKind::WrongRoot { expected, found } => {
                write!(f, "expected root element <{expected}>, found <{found}>")
            }
            XmlErrorKind::NotOutput { found } => {
                let what = if found.eq_ignore_ascii_case("html") { "an HTML page" } else { "an error document" };
                write!(f, "expected the operation's output, found <{found}>, {what}")
            }
            XmlErrorKind::MissingElement { element, parent } => {
                write!(f, "expected element <{element}> in <{parent}>, found none")
            }
            XmlErrorKind::InvalidValue { expected, found } => {
                write!(f, "expected {expected}, found {found:?}")
            }
            XmlErrorKind::UnexpectedElement { found } => {
                write!(f, "expected text, found element <{found}>")
            }
            XmlErrorKind::UnexpectedEof { inside } => {
                write!(f, "the document ended inside <{inside}>")
            }
            XmlErrorKind::UnknownEntity(entity) => write!(f, "unknown entity &{entity};"),
            XmlErrorKind::TooDeep { limit } => {
                write!(f, "elements are nested deeper than {limit} levels")
            }
        }
    }
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if !self.path.is_empty() {
            write!(f, " at {}", self.path)?;
        }
        write!(f, " (byte {})", self.position)
    }
}

impl std::error::Error for XmlError {}
