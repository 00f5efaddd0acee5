//! The HTTP transport: a trait any client can implement, the default HTTPS
//! client (hyper with rustls, feature `https`), a caller's `reqwest::Client`
//! (feature `reqwest`), and an in-memory client for tests (feature
//! `test-util`).

use std::fmt;
use std::sync::Arc;
#[cfg(feature = "test-util")]
use std::sync::Mutex;

use super::credentials::BoxFuture;
use crate::dispatch::one_line;

/// A request that got no usable HTTP response: the connection failed, an
/// attempt's time limit passed, or the response body could not be read.
///
/// Its `Display` is one line (what went wrong, with the underlying error's
/// own words); the underlying error, when there is one, is
/// [`source`](std::error::Error::source).
#[derive(Debug, Clone)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

/// What kind of failure a [`TransportError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made: DNS, TCP, TLS, a connect time limit.
    Connect,
    /// A time limit passed while waiting for the response.
    Timeout,
    /// The response body could not be read (the connection broke off).
    Body,
    /// The response body is larger than the limit the client reads.
    BodyTooLarge,
    /// Anything else: the request could not be written, the connection
    /// closed early, a request the transport refused.
    Other,
}

impl TransportError {
    /// An error of kind [`TransportErrorKind::Other`] with a message (one
    /// line); set the kind with [`with_kind`](Self::with_kind) and the
    /// underlying error with [`with_source`](Self::with_source).
    pub fn new(message: impl Into<String>) -> Self {
        TransportError { kind: TransportErrorKind::Other, message: one_line(message.into()), source: None }
    }

    /// An error of `kind` with a message (one line).
    pub fn of_kind(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        TransportError::new(message).with_kind(kind)
    }

    /// The same error, of `kind`.
    pub fn with_kind(mut self, kind: TransportErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// The same error, caused by `source` (returned by
    /// [`source`](std::error::Error::source)).
    pub fn with_source(mut self, source: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        self.source = Some(Arc::from(source.into()));
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The message, without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the request is worth sending again: every kind but
    /// [`TransportErrorKind::BodyTooLarge`] (the same response would come back).
    pub fn is_retryable(&self) -> bool {
        self.kind != TransportErrorKind::BodyTooLarge
    }

    /// A body larger than `limit` bytes.
    #[cfg(any(feature = "https", feature = "reqwest"))]
    fn body_too_large(limit: usize) -> Self {
        TransportError::of_kind(
            TransportErrorKind::BodyTooLarge,
            format!("the response body is larger than the limit of {limit} bytes"),
        )
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn std::error::Error + 'static))
    }
}

/// The words of `err` and of its sources, joined by `: ` on one line:
/// levels whose text the level above already quotes are left out, and so
/// is hyper-util's `client error (Kind)` wrapper, whose words are a Debug
/// name and say nothing the levels below it do not.
#[cfg(any(feature = "https", feature = "reqwest"))]
fn describe(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    for e in chain(err) {
        let text = e.to_string();
        let wrapper = text.starts_with("client error (") && text.ends_with(')') && e.source().is_some();
        if !wrapper && !text.is_empty() && !parts.last().is_some_and(|above| above.contains(&text)) {
            parts.push(text);
        }
    }
    one_line(parts.join(": "))
}

/// `err` and its sources, outermost first.
#[cfg(any(feature = "https", feature = "reqwest"))]
fn chain<'a>(
    err: &'a (dyn std::error::Error + 'static),
) -> impl Iterator<Item = &'a (dyn std::error::Error + 'static)> {
    std::iter::successors(Some(err), |e| e.source())
}

/// Whether `err` or any of its sources is an I/O time-out.
#[cfg(feature = "https")]
fn timed_out(err: &(dyn std::error::Error + 'static)) -> bool {
    chain(err).any(|e| {
        e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
            || e.downcast_ref::<hyper::Error>().is_some_and(hyper::Error::is_timeout)
    })
}

/// Sends one request and reads the whole response.
pub trait HttpClient: Send + Sync + fmt::Debug {
    /// Sends `request` (absolute URI, signed) and returns the response with
    /// its body read in full (at most `max_body` bytes).
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

/// The default HTTPS client: hyper over rustls with the webpki roots
/// (plain `http://` is allowed too, for local endpoints).
#[cfg(feature = "https")]
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<
        hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>,
        http_body_util::Full<bytes::Bytes>,
    >,
}

#[cfg(feature = "https")]
impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("HyperClient")
    }
}

#[cfg(feature = "https")]
impl Default for HyperClient {
    fn default() -> Self {
        Self::with_connect_timeout(None)
    }
}

#[cfg(feature = "https")]
impl HyperClient {
    /// A client whose TCP connections must be made within `timeout`.
    pub fn with_connect_timeout(timeout: Option<std::time::Duration>) -> Self {
        let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
        http.enforce_http(false);
        http.set_connect_timeout(timeout);
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .wrap_connector(http);
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new()).build(connector);
        HyperClient { client }
    }
}

#[cfg(feature = "https")]
impl HttpClient for HyperClient {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        use http_body_util::BodyExt as _;
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, http_body_util::Full::new(bytes::Bytes::from(body)));
            let response = self.client.request(request).await.map_err(hyper_error)?;
            let (parts, body) = response.into_parts();
            let body = http_body_util::Limited::new(body, max_body).collect().await.map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    TransportError::body_too_large(max_body)
                } else {
                    let kind = if timed_out(&*e) { TransportErrorKind::Timeout } else { TransportErrorKind::Body };
                    TransportError::of_kind(kind, format!("reading the response body: {}", describe(&*e)))
                        .with_source(e)
                }
            })?;
            let body = body.to_bytes();
            Ok(http::Response::from_parts(parts, body.to_vec()))
        })
    }
}

/// A hyper-util client error as a transport error of the kind it is.
#[cfg(feature = "https")]
fn hyper_error(err: hyper_util::client::legacy::Error) -> TransportError {
    let kind = if err.is_connect() {
        TransportErrorKind::Connect
    } else if timed_out(&err) {
        TransportErrorKind::Timeout
    } else {
        TransportErrorKind::Other
    };
    TransportError::of_kind(kind, describe(&err)).with_source(err)
}

/// A caller's [`reqwest::Client`] as the transport (feature `reqwest`):
/// its TLS, proxy, pool and timeout settings are used as they are. The
/// response body is read in chunks, at most `max_body` bytes of it.
///
/// ```no_run
/// # use restxml_runtime::client::{Config, transport::ReqwestClient};
/// let config = Config::builder().http_client(ReqwestClient::new(reqwest::Client::new())).build();
/// ```
#[cfg(feature = "reqwest")]
#[derive(Debug, Clone)]
pub struct ReqwestClient {
    client: reqwest::Client,
}

#[cfg(feature = "reqwest")]
impl ReqwestClient {
    /// Sends with `client`.
    pub fn new(client: reqwest::Client) -> Self {
        ReqwestClient { client }
    }
}

#[cfg(feature = "reqwest")]
impl From<reqwest::Client> for ReqwestClient {
    fn from(client: reqwest::Client) -> Self {
        ReqwestClient::new(client)
    }
}

#[cfg(feature = "reqwest")]
impl HttpClient for ReqwestClient {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async move {
            let request = reqwest::Request::try_from(request).map_err(reqwest_error)?;
            let mut response = self.client.execute(request).await.map_err(reqwest_error)?;
            if response.content_length().is_some_and(|length| length > max_body as u64) {
                return Err(TransportError::body_too_large(max_body));
            }
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(reqwest_error)? {
                if chunk.len() > max_body - body.len() {
                    return Err(TransportError::body_too_large(max_body));
                }
                body.extend_from_slice(&chunk);
            }
            let mut answer = http::Response::new(body);
            *answer.status_mut() = response.status();
            *answer.version_mut() = response.version();
            *answer.headers_mut() = std::mem::take(response.headers_mut());
            Ok(answer)
        })
    }
}

/// A reqwest error as a transport error of the kind it is (its URL left
/// out: the call's error names the endpoint).
#[cfg(feature = "reqwest")]
fn reqwest_error(err: reqwest::Error) -> TransportError {
    let kind = if err.is_connect() {
        TransportErrorKind::Connect
    } else if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_body() || err.is_decode() {
        TransportErrorKind::Body
    } else {
        TransportErrorKind::Other
    };
    let err = err.without_url();
    TransportError::of_kind(kind, describe(&err)).with_source(err)
}

/// What a [`ReplayClient`] answers with: a response or a transport failure.
#[cfg(feature = "test-util")]
pub type Answer = Result<http::Response<Vec<u8>>, TransportError>;

/// An in-memory client for tests: answers with canned responses in order
/// and records every request it was sent.
#[cfg(feature = "test-util")]
#[derive(Debug, Clone, Default)]
pub struct ReplayClient {
    responses: Arc<Mutex<std::collections::VecDeque<Answer>>>,
    requests: Arc<Mutex<Vec<http::Request<Vec<u8>>>>>,
}

#[cfg(feature = "test-util")]
impl ReplayClient {
    /// A client that answers with `responses`, in order.
    pub fn new(responses: impl IntoIterator<Item = http::Response<Vec<u8>>>) -> Self {
        let client = ReplayClient::default();
        for response in responses {
            client.push(Ok(response));
        }
        client
    }

    /// Queues one more answer (a response, or a transport failure).
    pub fn push(&self, answer: Result<http::Response<Vec<u8>>, TransportError>) {
        self.responses.lock().unwrap_or_else(|e| e.into_inner()).push_back(answer);
    }

    /// The requests sent so far.
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.requests.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[cfg(feature = "test-util")]
impl HttpClient for ReplayClient {
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
        _max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        self.requests.lock().unwrap_or_else(|e| e.into_inner()).push(request);
        let answer = self
            .responses
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::new("ReplayClient has no more responses")));
        Box::pin(async move { answer })
    }
}

/// A shared HTTP client.
pub type SharedHttpClient = Arc<dyn HttpClient>;

#[cfg(all(test, any(feature = "https", feature = "reqwest")))]
mod tests {
    use std::io::{Read as _, Write as _};
    use std::net::TcpListener;

    use super::*;

    /// A server on a free loopback port that answers one connection with
    /// `response` (raw HTTP/1.1) after reading the request head; its URL.
    fn serve_once(response: &'static str) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/path?q=1", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut head = Vec::new();
            let mut byte = [0u8; 1];
            while !head.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head.push(byte[0]);
            }
            let _ = stream.write_all(response.as_bytes());
        });
        url
    }

    /// A loopback URL nothing listens on.
    fn refused_url() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        drop(listener);
        url
    }

    const OK: &str =
        "HTTP/1.1 201 Created\r\nContent-Length: 5\r\nx-amzn-RequestId: rid\r\nConnection: close\r\n\r\nhello";
    const CHUNKED: &str = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n0\r\n\r\n";

    fn request(url: &str) -> http::Request<Vec<u8>> {
        http::Request::put(url).header("x-test", "1").body(b"payload".to_vec()).unwrap()
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(future)
    }

    /// Sends three requests through `client`: a response read in full, a
    /// declared body over the limit, a chunked body over the limit; then one
    /// to a closed port.
    fn check(client: &dyn HttpClient) {
        let response = block_on(client.send(request(&serve_once(OK)), 5)).unwrap();
        assert_eq!(response.status(), 201);
        assert_eq!(response.headers()["x-amzn-requestid"], "rid");
        assert_eq!(response.body(), b"hello");

        let err = block_on(client.send(request(&serve_once(OK)), 4)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
        assert_eq!(err.to_string(), "the response body is larger than the limit of 4 bytes");

        let err = block_on(client.send(request(&serve_once(CHUNKED)), 7)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
        let response = block_on(client.send(request(&serve_once(CHUNKED)), 10)).unwrap();
        assert_eq!(response.body(), b"helloworld");

        let err = block_on(client.send(request(&refused_url()), 100)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
        let text = err.to_string();
        assert!(!text.contains('(') || text.contains("os error"), "no Debug text: {text}");
        assert!(!text.contains("ConnectError") && !text.contains("Error {") && !text.contains('\n'), "{text}");
        assert!(std::error::Error::source(&err).is_some(), "the original error is kept");
    }

    #[cfg(feature = "https")]
    #[test]
    fn the_hyper_client_reads_responses_within_the_limit_and_names_failures() {
        check(&HyperClient::default());
    }

    #[cfg(feature = "reqwest")]
    #[test]
    fn the_reqwest_client_reads_responses_within_the_limit_and_names_failures() {
        check(&ReqwestClient::from(reqwest::Client::new()));
    }

    #[cfg(feature = "reqwest")]
    #[test]
    fn the_reqwest_client_maps_its_timeouts() {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        // Accepts (the backlog does) and never answers.
        let client = reqwest::Client::builder().timeout(std::time::Duration::from_millis(50)).build().unwrap();
        let err = block_on(ReqwestClient::new(client).send(request(&url), 100)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err}");
        drop(listener);
    }

    #[test]
    fn messages_are_one_line() {
        let err = TransportError::new("first\nsecond");
        assert_eq!((err.to_string().as_str(), err.kind()), ("first second", TransportErrorKind::Other));
        let err = TransportError::new("x").with_kind(TransportErrorKind::Body).with_source(std::io::Error::other("io"));
        assert_eq!(std::error::Error::source(&err).map(|e| e.to_string()).as_deref(), Some("io"));
    }
}
