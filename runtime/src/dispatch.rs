//! The error of a call that got no usable response.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// A call that got no usable response: what failed (its
/// [`kind`](Self::kind)), in which operation, where it was sending to, after
/// how many attempts, and why (its [`source`](std::error::Error::source)).
///
/// Its `Display` is one line, such as `ListDistributions: could not connect
/// to https://cloudfront.amazonaws.com/ after 3 attempts: tcp connect error:
/// Connection refused (os error 111)`: the operation, what failed, the
/// endpoint and attempts when known, then the cause's own words.
#[derive(Debug, Clone)]
pub struct DispatchError {
    kind: DispatchErrorKind,
    operation: &'static str,
    endpoint: Option<String>,
    attempts: u32,
    /// What failed, in words, when the kind's words are not the best ones
    /// (a transport error says whether connecting or reading failed).
    what: Option<Words>,
    source: Arc<dyn std::error::Error + Send + Sync>,
}

/// What kept the call from an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DispatchErrorKind {
    /// No endpoint could be resolved (nothing was sent).
    Endpoint,
    /// No credentials could be had (not retried).
    Credentials,
    /// The request could not be signed (not retried).
    Signing,
    /// The request got no usable HTTP response (after retries): the
    /// connection failed, the body could not be read or was too large.
    Transport,
    /// A time limit passed: the operation's, or the attempt's on the last
    /// attempt.
    Timeout,
}

impl DispatchError {
    /// An error of `kind` in `operation` (such as `"ListDistributions"`),
    /// caused by `source` (an error, or a message). Add where it was
    /// sending with [`with_endpoint`](Self::with_endpoint) and how many
    /// requests were sent with [`with_attempts`](Self::with_attempts).
    pub fn new(
        kind: DispatchErrorKind,
        operation: &'static str,
        source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        DispatchError::from_arc(kind, operation, Arc::from(source.into()))
    }

    /// [`new`](Self::new) with a shared cause.
    pub(crate) fn from_arc(
        kind: DispatchErrorKind,
        operation: &'static str,
        source: Arc<dyn std::error::Error + Send + Sync>,
    ) -> Self {
        let what = transport_words(&*source);
        DispatchError { kind, operation, endpoint: None, attempts: 0, what, source }
    }

    /// The same error, for a call that was sending to `url`.
    pub fn with_endpoint(mut self, url: impl Into<String>) -> Self {
        self.endpoint = Some(url.into());
        self
    }

    /// The same error, after `attempts` requests were sent.
    pub fn with_attempts(mut self, attempts: u32) -> Self {
        self.attempts = attempts;
        self
    }

    /// An operation's time limit, `limit`, passed.
    pub fn operation_timeout(operation: &'static str, limit: Duration) -> Self {
        DispatchError::new(DispatchErrorKind::Timeout, operation, TimeLimit::operation(limit))
    }

    /// What kept the call from an answer.
    pub fn kind(&self) -> DispatchErrorKind {
        self.kind
    }

    /// The operation called, such as `ListDistributions`.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The endpoint the request was for (scheme, host and any base path,
    /// such as `https://cloudfront.amazonaws.com/`), once it was resolved.
    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    /// How many times the request was sent (0 when it never was).
    pub fn attempts(&self) -> u32 {
        self.attempts
    }
}

/// What failed, in words: alone, and before the endpoint.
type Words = (&'static str, &'static str);

const SEND_FAILED: Words = ("could not send the request", "could not send the request to");
const TIMED_OUT: Words = ("timed out", "timed out waiting for");

/// The words for what failed when `source` is a transport error.
#[cfg(feature = "client")]
fn transport_words(source: &(dyn std::error::Error + Send + Sync + 'static)) -> Option<Words> {
    use crate::client::transport::{TransportError, TransportErrorKind};
    Some(match source.downcast_ref::<TransportError>()?.kind() {
        TransportErrorKind::Connect | TransportErrorKind::Dns | TransportErrorKind::Tls => {
            ("could not connect", "could not connect to")
        }
        TransportErrorKind::Timeout => TIMED_OUT,
        TransportErrorKind::Closed => ("got no response", "got no response from"),
        TransportErrorKind::Body | TransportErrorKind::Truncated | TransportErrorKind::BodyTooLarge => {
            ("could not read the response", "could not read the response from")
        }
        _ => SEND_FAILED,
    })
}

#[cfg(not(feature = "client"))]
fn transport_words(_source: &(dyn std::error::Error + Send + Sync + 'static)) -> Option<Words> {
    None
}

impl fmt::Display for DispatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.operation)?;
        let what = match self.kind {
            DispatchErrorKind::Transport => Some(self.what.unwrap_or(SEND_FAILED)),
            DispatchErrorKind::Timeout => Some(self.what.unwrap_or(TIMED_OUT)),
            // The cause says it all ("endpoint resolution failed: ...",
            // "no credentials: ...").
            _ => None,
        };
        if let Some((alone, before_endpoint)) = what {
            match &self.endpoint {
                Some(endpoint) => write!(f, "{before_endpoint} {endpoint}")?,
                None => f.write_str(alone)?,
            }
            match self.attempts {
                0 => {}
                1 => f.write_str(" after 1 attempt")?,
                n => write!(f, " after {n} attempts")?,
            }
            f.write_str(": ")?;
        }
        f.write_str(&one_line(self.source.to_string()))?;
        if what.is_none() && self.attempts > 0 {
            write!(f, " (after {} attempt{})", self.attempts, if self.attempts == 1 { "" } else { "s" })?;
        }
        Ok(())
    }
}

impl std::error::Error for DispatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// `message` with line breaks and other control characters as spaces.
pub(crate) fn one_line(message: String) -> String {
    if message.chars().any(char::is_control) {
        message.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
    } else {
        message
    }
}

/// A time limit that passed (the cause of a [`DispatchErrorKind::Timeout`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TimeLimit {
    /// Whose limit: "the operation's", "the attempt's".
    what: &'static str,
    /// The limit.
    limit: Duration,
}

impl TimeLimit {
    /// The whole operation's limit.
    pub(crate) fn operation(limit: Duration) -> Self {
        TimeLimit { what: "the operation's", limit }
    }

    /// One attempt's limit.
    #[cfg(feature = "client")]
    pub(crate) fn attempt(limit: Duration) -> Self {
        TimeLimit { what: "the attempt's", limit }
    }
}

impl fmt::Display for TimeLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} time limit of ", self.what)?;
        let (secs, nanos) = (self.limit.as_secs(), self.limit.subsec_nanos());
        if nanos == 0 {
            write!(f, "{secs} s")?;
        } else if secs == 0 && nanos % 1_000_000 == 0 {
            write!(f, "{} ms", nanos / 1_000_000)?;
        } else {
            write!(f, "{:.3} s", self.limit.as_secs_f64())?;
        }
        f.write_str(" passed")
    }
}

impl std::error::Error for TimeLimit {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_is_one_line_with_operation_endpoint_attempts_and_cause() {
        let err = DispatchError::new(DispatchErrorKind::Credentials, "ListDistributions", "no credentials: none here");
        assert_eq!(err.to_string(), "ListDistributions: no credentials: none here");
        assert!(std::error::Error::source(&err).is_some());
        let err = DispatchError::operation_timeout("GetDistribution", Duration::from_millis(50))
            .with_endpoint("https://cloudfront.amazonaws.com/")
            .with_attempts(2);
        assert_eq!(
            err.to_string(),
            "GetDistribution: timed out waiting for https://cloudfront.amazonaws.com/ after 2 attempts: \
             the operation's time limit of 50 ms passed"
        );
        assert_eq!(
            (err.operation(), err.endpoint(), err.attempts()),
            ("GetDistribution", Some("https://cloudfront.amazonaws.com/"), 2)
        );
        let err = DispatchError::operation_timeout("GetDistribution", Duration::from_millis(1500));
        assert_eq!(err.to_string(), "GetDistribution: timed out: the operation's time limit of 1.500 s passed");
        let err = DispatchError::new(DispatchErrorKind::Signing, "Op", "line one\nline two").with_attempts(1);
        assert_eq!(err.to_string(), "Op: line one line two (after 1 attempt)");
    }

    #[cfg(feature = "client")]
    #[test]
    fn transport_errors_say_what_failed() {
        use crate::client::transport::{TransportError, TransportErrorKind};
        let cause = TransportError::of_kind(TransportErrorKind::Connect, "tcp connect error: Connection refused");
        let err = DispatchError::new(DispatchErrorKind::Transport, "ListDistributions", cause)
            .with_endpoint("https://cloudfront.amazonaws.com/")
            .with_attempts(3);
        assert_eq!(
            err.to_string(),
            "ListDistributions: could not connect to https://cloudfront.amazonaws.com/ after 3 attempts: \
             tcp connect error: Connection refused"
        );
        let source = std::error::Error::source(&err).unwrap();
        assert_eq!(
            source.downcast_ref::<TransportError>().map(TransportError::kind),
            Some(TransportErrorKind::Connect)
        );
        let words = |kind| {
            let cause = TransportError::of_kind(kind, "why");
            DispatchError::new(DispatchErrorKind::Transport, "Op", cause).with_endpoint("http://h/").to_string()
        };
        assert_eq!(words(TransportErrorKind::Dns), "Op: could not connect to http://h/: why");
        assert_eq!(words(TransportErrorKind::Tls), "Op: could not connect to http://h/: why");
        assert_eq!(words(TransportErrorKind::Closed), "Op: got no response from http://h/: why");
        assert_eq!(words(TransportErrorKind::Truncated), "Op: could not read the response from http://h/: why");
    }

    #[test]
    fn dispatch_errors_are_clone_send_sync() {
        fn check<T: Clone + Send + Sync + 'static>() {}
        check::<DispatchError>();
    }
}
