//! The hand-written crate that generated AWS rest-xml clients stand on.
//!
//! Generated code calls into this crate for everything that is the same in
//! every operation: the XML reader and writer ([`xml`]), text forms of
//! scalars ([`scalar`]), timestamps ([`DateTime`]), building requests and
//! reading headers ([`http`]), streaming bodies ([`ByteStream`]), reading error responses ([`error_body`]), the
//! error types ([`error`]) and what services do beyond their models
//! ([`customizations`]).

pub mod blob;
pub mod body;
#[cfg(feature = "client")]
pub mod client;
pub mod customizations;
pub mod datetime;
mod dispatch;
pub mod error;
pub mod error_body;
pub mod http;
pub mod idempotency;
pub mod scalar;
pub mod xml;

pub use blob::Blob;
pub use body::{ByteStream, ByteStreamError};
pub use datetime::{DateTime, TimestampFormat};
pub use error::{
    BuildError, BuildErrorKind, DispatchError, DispatchErrorKind, ErrorMetadata, MissingField, ProvideErrorMetadata,
    RequestId, ResponseError, ResponseErrorKind, ResponseMetadata, SdkError, UnhandledError,
};

/// The map type of generated code: keeps insertion order, which is the
/// order entries are sent in.
#[cfg(feature = "maps")]
pub use indexmap::IndexMap;

/// Re-exported so generated code and its users name one `http` version.
pub use ::http as http_types;

#[cfg(feature = "serde")]
mod serde_impls;
