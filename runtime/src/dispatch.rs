//! The error of a call that got no usable response.

use std::fmt;

/// A call that got no usable response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DispatchError {
    kind: DispatchErrorKind,
    message: String,
}

/// What kept the call from an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DispatchErrorKind {
    /// No endpoint could be resolved.
    Endpoint,
    /// No credentials could be had.
    Credentials,
    /// The request could not be signed.
    Signing,
    /// The connection failed (after retries).
    Transport,
    /// A time limit passed.
    Timeout,
}

impl DispatchError {
    /// What kept the call from an answer.
    pub fn kind(&self) -> DispatchErrorKind {
        self.kind
    }

    /// An endpoint error.
    pub fn endpoint(message: &str) -> Self {
        DispatchError { kind: DispatchErrorKind::Endpoint, message: message.to_string() }
    }

    /// A credentials error.
    pub fn credentials(message: String) -> Self {
        DispatchError { kind: DispatchErrorKind::Credentials, message }
    }

    /// A signing error.
    pub fn signing(message: String) -> Self {
        DispatchError { kind: DispatchErrorKind::Signing, message }
    }

    /// A transport error after `attempts` attempts.
    pub fn transport(message: String, attempts: u32) -> Self {
        DispatchError { kind: DispatchErrorKind::Transport, message: format!("{message} (after {attempts} attempts)") }
    }

    /// A time limit passed.
    pub fn timeout(what: &str, limit: std::time::Duration) -> Self {
        DispatchError { kind: DispatchErrorKind::Timeout, message: format!("{what} timed out after {limit:?}") }
    }
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DispatchError {}
