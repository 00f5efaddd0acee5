//! The HTTP transport: a trait any client can implement, the default HTTPS
//! client (hyper with rustls, feature `https`), a caller's `reqwest::Client`
//! (feature `reqwest`), and an in-memory client for tests (feature
//! `test-util`).

use std::fmt;
use std::sync::Arc;
#[cfg(feature = "test-util")]
use std::sync::Mutex;

use super::credentials::BoxFuture;
use crate::body::{ByteStream, ByteStreamError};
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
///
/// Every kind but [`BodyTooLarge`](Self::BodyTooLarge) is retried (see
/// [`TransportError::is_retryable`]), as botocore retries connection
/// errors, closed connections and read time-outs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No TCP connection could be made: refused, unreachable, a connect
    /// time limit. (Before the more precise kinds below existed, DNS and
    /// TLS failures were of this kind too; a transport that cannot tell
    /// them apart still says `Connect`.)
    Connect,
    /// The endpoint's host name did not resolve (DNS).
    Dns,
    /// The TCP connection was made but the TLS handshake failed (the
    /// certificate, the protocol, or the peer closing it).
    Tls,
    /// A time limit passed while waiting for the response: the attempt's
    /// ([`Timeouts::attempt`](super::Timeouts::attempt)), or an I/O time
    /// limit of the transport. A body that stalls counts here.
    Timeout,
    /// The connection was reset or closed after the request was sent and
    /// before the response's head arrived: the service may or may not have
    /// processed the request.
    Closed,
    /// The response body could not be read: the connection was reset (or
    /// failed otherwise) in the middle of it.
    Body,
    /// The connection closed before the whole body arrived: fewer bytes
    /// than its `Content-Length` said, or a chunked body without its end.
    Truncated,
    /// The response body is larger than the limit the client reads.
    BodyTooLarge,
    /// Anything else: a request the transport refused (such as a URI it
    /// cannot send to), a protocol error.
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

    /// The error of a response body that could not be read whole: the
    /// transport's own error where the body carried one (a
    /// [`HyperClient`] body's reset, truncation or stall), else one of kind
    /// [`Body`](TransportErrorKind::Body) or
    /// [`BodyTooLarge`](TransportErrorKind::BodyTooLarge).
    pub fn from_body_error(error: ByteStreamError) -> Self {
        match error {
            ByteStreamError::TooLarge { max } => TransportError::body_too_large(max),
            ByteStreamError::Source(source) => match source.downcast_ref::<TransportError>() {
                Some(transport) => transport.clone(),
                None => {
                    let message = format!("reading the response body: {}", one_line(source.to_string()));
                    TransportError {
                        source: Some(source),
                        ..TransportError::of_kind(TransportErrorKind::Body, message)
                    }
                }
            },
            other => TransportError::of_kind(TransportErrorKind::Body, other.to_string()).with_source(other),
        }
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
        io_kind(e) == Some(std::io::ErrorKind::TimedOut)
            || e.downcast_ref::<hyper::Error>().is_some_and(hyper::Error::is_timeout)
    })
}

/// The kind of `err` if it is an I/O error (the inner one's for an I/O
/// error that only wraps another, as hyper-rustls wraps tokio-rustls').
#[cfg(any(feature = "https", feature = "reqwest"))]
fn io_kind(err: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let io = err.downcast_ref::<std::io::Error>()?;
    match io.get_ref().and_then(|inner| inner.downcast_ref::<std::io::Error>()) {
        Some(inner) if io.kind() == std::io::ErrorKind::Other => Some(inner.kind()),
        _ => Some(io.kind()),
    }
}

/// Whether `err` or any of its sources says the peer reset, aborted or
/// closed the connection.
#[cfg(any(feature = "https", feature = "reqwest"))]
fn connection_closed(err: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::{BrokenPipe, ConnectionAborted, ConnectionReset, UnexpectedEof};
    chain(err).any(|e| {
        matches!(io_kind(e), Some(ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof))
            || e.downcast_ref::<hyper::Error>().is_some_and(|h| h.is_incomplete_message() || h.is_closed())
    })
}

/// The kind of a failure reading a response body: [`Truncated`] when the
/// connection closed (without a reset) before the body's end,
/// [`Body`] otherwise (a reset, a malformed chunk).
///
/// [`Truncated`]: TransportErrorKind::Truncated
/// [`Body`]: TransportErrorKind::Body
#[cfg(any(feature = "https", feature = "reqwest"))]
fn body_error_kind(err: &(dyn std::error::Error + 'static)) -> TransportErrorKind {
    let truncated = chain(err).any(|e| {
        io_kind(e) == Some(std::io::ErrorKind::UnexpectedEof)
            || e.downcast_ref::<hyper::Error>().is_some_and(hyper::Error::is_incomplete_message)
    });
    if truncated { TransportErrorKind::Truncated } else { TransportErrorKind::Body }
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

    /// Sends `request`, whose body is read as it is sent (a file or a
    /// stream: S3's PutObject and UploadPart), and returns the response as
    /// soon as its head arrives, its body read as the caller reads it
    /// (GetObject's). The client calls it for operations with a streaming
    /// payload and calls [`send`](Self::send) for all others.
    ///
    /// The default reads the request body into memory, calls `send` and
    /// returns the response body read whole (at most `max_body` bytes):
    /// right, but not streaming. [`HyperClient`] streams both ways.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
        max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let body = body.collect().await.map_err(|e| {
                TransportError::of_kind(TransportErrorKind::Other, format!("reading the request body: {e}"))
                    .with_source(e)
            })?;
            let response = self.send(http::Request::from_parts(parts, Vec::from(body)), max_body).await?;
            Ok(response.map(ByteStream::from))
        })
    }
}

/// The default HTTPS client: hyper over rustls with the webpki roots
/// (plain `http://` is allowed too, for local endpoints), HTTP/1.1 with a
/// pool of kept-alive connections.
///
/// [`HyperClient::default()`] has the defaults of [`HyperClientBuilder`];
/// [`HyperClient::builder()`] changes them:
///
/// ```
/// # use restxml_runtime::client::{Config, transport::HyperClient};
/// # use std::time::Duration;
/// let http = HyperClient::builder()
///     .connect_timeout(Some(Duration::from_secs(3)))
///     .pool_max_idle_per_host(8)
///     .pool_idle_timeout(Some(Duration::from_secs(20)))
///     .build();
/// let config = Config::builder().http_client(http).build();
/// ```
///
/// A connection goes back to the pool only once its response was read to
/// the end: an attempt that fails or is cut short (a time limit, a reset,
/// a truncated body) drops its connection, so the next request never reads
/// what is left of an earlier response.
#[cfg(feature = "https")]
#[derive(Clone)]
pub struct HyperClient {
    client: hyper_util::client::legacy::Client<hyper_rustls::HttpsConnector<connect::TcpConnector>, ByteStream>,
    settings: HyperClientBuilder,
}

/// Settings of a [`HyperClient`]: from [`HyperClient::builder`], made into
/// a client by [`build`](Self::build).
#[cfg(feature = "https")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HyperClientBuilder {
    connect_timeout: Option<std::time::Duration>,
    pool_max_idle_per_host: usize,
    pool_idle_timeout: Option<std::time::Duration>,
}

#[cfg(feature = "https")]
impl Default for HyperClientBuilder {
    fn default() -> Self {
        HyperClientBuilder {
            connect_timeout: None,
            pool_max_idle_per_host: usize::MAX,
            pool_idle_timeout: Some(std::time::Duration::from_secs(90)),
        }
    }
}

#[cfg(feature = "https")]
impl HyperClientBuilder {
    /// How long making a TCP connection may take (default `None`: no limit
    /// but the operating system's). A connection not made in time fails
    /// the attempt with [`TransportErrorKind::Connect`].
    /// [`Config::builder`](super::Config::builder) sets it from
    /// [`Timeouts::connect`](super::Timeouts::connect) when it makes the
    /// default client.
    pub fn connect_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How many idle (kept-alive) connections to keep per host, for later
    /// requests to reuse (default `usize::MAX`: no limit). `0` keeps none:
    /// every request opens a connection of its own. This does not limit
    /// how many connections are open at once: concurrent requests each
    /// take one.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = max;
        self
    }

    /// How long an idle connection stays in the pool before it is closed
    /// (default 90 seconds; `None` keeps it until the server closes it).
    /// Keep it below the server's own keep-alive limit, so requests are not
    /// sent on connections the server is closing.
    pub fn pool_idle_timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// The client.
    pub fn build(self) -> HyperClient {
        let mut http =
            hyper_util::client::legacy::connect::HttpConnector::new_with_resolver(connect::Resolver::default());
        http.enforce_http(false);
        http.set_connect_timeout(self.connect_timeout);
        // rustls with ring, chosen here rather than taken from the
        // process-wide default: a program that also builds rustls with
        // aws-lc-rs (aws-sdk-rust's default) has two providers and no
        // default, and would otherwise panic on the first connection.
        let provider = rustls::crypto::ring::default_provider();
        let connector = hyper_rustls::HttpsConnectorBuilder::new()
            .with_provider_and_webpki_roots(provider)
            // Cannot fail: ring's default provider has suites for TLS 1.2
            // and 1.3, the versions `with_safe_default_protocol_versions`
            // asks for.
            .expect("ring supports the default TLS versions")
            .https_or_http()
            .enable_http1()
            .wrap_connector(connect::TcpConnector(http));
        let client = hyper_util::client::legacy::Client::builder(hyper_util::rt::TokioExecutor::new())
            .pool_max_idle_per_host(self.pool_max_idle_per_host)
            .pool_idle_timeout(self.pool_idle_timeout)
            // Closes idle connections when their time is up, not only when
            // the next request finds them expired.
            .pool_timer(hyper_util::rt::TokioTimer::new())
            .build(connector);
        HyperClient { client, settings: self }
    }
}

#[cfg(feature = "https")]
impl fmt::Debug for HyperClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HyperClient")
            .field("connect_timeout", &self.settings.connect_timeout)
            .field("pool_max_idle_per_host", &self.settings.pool_max_idle_per_host)
            .field("pool_idle_timeout", &self.settings.pool_idle_timeout)
            .finish()
    }
}

#[cfg(feature = "https")]
impl Default for HyperClient {
    fn default() -> Self {
        HyperClientBuilder::default().build()
    }
}

#[cfg(feature = "https")]
impl HyperClient {
    /// Settings for a client, starting from the defaults (see
    /// [`HyperClientBuilder`]: no connect time limit, no limit on idle
    /// connections per host, idle ones closed after 90 seconds).
    pub fn builder() -> HyperClientBuilder {
        HyperClientBuilder::default()
    }

    /// A client with the default settings but for its TCP connections,
    /// which must be made within `timeout` (the same as
    /// `HyperClient::builder().connect_timeout(timeout).build()`).
    pub fn with_connect_timeout(timeout: Option<std::time::Duration>) -> Self {
        HyperClient::builder().connect_timeout(timeout).build()
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
            let tls = request.uri().scheme() == Some(&http::uri::Scheme::HTTPS);
            let (parts, body) = request.into_parts();
            let request = http::Request::from_parts(parts, ByteStream::from(body));
            let response = self.client.request(request).await.map_err(|e| hyper_error(e, tls))?;
            let (parts, body) = response.into_parts();
            // Should this future be dropped (the attempt's time limit) or
            // fail, the body goes with it, unread: hyper then closes the
            // connection instead of pooling it.
            let body = http_body_util::Limited::new(body, max_body).collect().await.map_err(|e| {
                if e.is::<http_body_util::LengthLimitError>() {
                    TransportError::body_too_large(max_body)
                } else {
                    let kind = if timed_out(&*e) { TransportErrorKind::Timeout } else { body_error_kind(&*e) };
                    TransportError::of_kind(kind, format!("reading the response body: {}", describe(&*e)))
                        .with_source(e)
                }
            })?;
            let body = body.to_bytes();
            Ok(http::Response::from_parts(parts, body.to_vec()))
        })
    }

    /// Streams both ways: the request body is read as it is written to the
    /// connection (a file a 64 KiB chunk at a time), and the response is
    /// returned once its head arrives, its body read from the connection
    /// as the caller reads it. The connection goes back to the pool once
    /// the body is read to its end; dropped before, it is closed.
    fn send_streaming(
        &self,
        request: http::Request<ByteStream>,
        _max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<ByteStream>, TransportError>> {
        Box::pin(async move {
            let tls = request.uri().scheme() == Some(&http::uri::Scheme::HTTPS);
            let response = self.client.request(request).await.map_err(|e| hyper_error(e, tls))?;
            Ok(response.map(|body| ByteStream::from_body(IncomingBody(body))))
        })
    }
}

/// The response body of a streamed call: hyper's, its errors read as
/// transport errors of the kind they are (a reset, a truncation, a stall).
#[cfg(feature = "https")]
struct IncomingBody(hyper::body::Incoming);

#[cfg(feature = "https")]
impl http_body::Body for IncomingBody {
    type Data = bytes::Bytes;
    type Error = TransportError;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<bytes::Bytes>, TransportError>>> {
        std::pin::Pin::new(&mut self.get_mut().0).poll_frame(cx).map(|frame| {
            frame.map(|result| {
                result.map_err(|e| {
                    let kind = if timed_out(&e) { TransportErrorKind::Timeout } else { body_error_kind(&e) };
                    TransportError::of_kind(kind, format!("reading the response body: {}", describe(&e))).with_source(e)
                })
            })
        })
    }

    fn is_end_stream(&self) -> bool {
        self.0.is_end_stream()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        self.0.size_hint()
    }
}

/// A hyper-util client error as a transport error of the kind it is; `tls`
/// says whether the request was for an `https` URL.
#[cfg(feature = "https")]
fn hyper_error(err: hyper_util::client::legacy::Error, tls: bool) -> TransportError {
    let kind = if err.is_connect() {
        // The connector resolves, connects over TCP, then (for `https`)
        // makes the TLS handshake; the first two mark their failures.
        if chain(&err).any(|e| e.is::<connect::DnsError>()) {
            TransportErrorKind::Dns
        } else if tls && !chain(&err).any(|e| e.is::<connect::TcpError>()) {
            TransportErrorKind::Tls
        } else {
            TransportErrorKind::Connect
        }
    } else if timed_out(&err) {
        TransportErrorKind::Timeout
    } else if connection_closed(&err) {
        TransportErrorKind::Closed
    } else {
        TransportErrorKind::Other
    };
    TransportError::of_kind(kind, describe(&err)).with_source(err)
}

/// The HTTPS client's connector stages, each marking its failures with a
/// type of its own, so that a failed connection says whether DNS, TCP or
/// TLS failed.
#[cfg(feature = "https")]
mod connect {
    use std::fmt;
    use std::task::{Context, Poll};

    use hyper_util::client::legacy::connect::HttpConnector;
    use hyper_util::client::legacy::connect::dns::{GaiAddrs, GaiResolver, Name};
    use tower_service::Service;

    use super::BoxFuture;

    /// The system resolver (`getaddrinfo` on a blocking thread), its
    /// failures as [`DnsError`].
    #[derive(Clone)]
    pub(super) struct Resolver(GaiResolver);

    impl Default for Resolver {
        fn default() -> Self {
            Resolver(GaiResolver::new())
        }
    }

    impl Service<Name> for Resolver {
        type Response = GaiAddrs;
        type Error = DnsError;
        type Future = BoxFuture<'static, Result<GaiAddrs, DnsError>>;

        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), DnsError>> {
            self.0.poll_ready(cx).map_err(DnsError)
        }

        fn call(&mut self, name: Name) -> Self::Future {
            let resolving = self.0.call(name);
            Box::pin(async move { resolving.await.map_err(DnsError) })
        }
    }

    /// A host name that did not resolve.
    #[derive(Debug)]
    pub(super) struct DnsError(std::io::Error);

    impl fmt::Display for DnsError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.fmt(f)
        }
    }

    impl std::error::Error for DnsError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }

    /// hyper-util's connector (DNS, then TCP), its failures as [`TcpError`]
    /// (a DNS failure keeps its [`DnsError`] among the sources).
    #[derive(Clone)]
    pub(super) struct TcpConnector(pub(super) HttpConnector<Resolver>);

    impl Service<http::Uri> for TcpConnector {
        type Response = <HttpConnector<Resolver> as Service<http::Uri>>::Response;
        type Error = TcpError;
        type Future = BoxFuture<'static, Result<Self::Response, TcpError>>;

        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), TcpError>> {
            self.0.poll_ready(cx).map_err(|e| TcpError(e.into()))
        }

        fn call(&mut self, uri: http::Uri) -> Self::Future {
            let connecting = self.0.call(uri);
            Box::pin(async move { connecting.await.map_err(|e| TcpError(e.into())) })
        }
    }

    /// A connection that failed before any TLS handshake.
    #[derive(Debug)]
    pub(super) struct TcpError(Box<dyn std::error::Error + Send + Sync>);

    impl fmt::Display for TcpError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.fmt(f)
        }
    }

    impl std::error::Error for TcpError {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&*self.0)
        }
    }
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
        // reqwest's connector is hyper-util's, whose DNS failures say so.
        if chain(&err).any(|e| e.to_string() == "dns error") {
            TransportErrorKind::Dns
        } else {
            TransportErrorKind::Connect
        }
    } else if err.is_timeout() {
        TransportErrorKind::Timeout
    } else if err.is_body() || err.is_decode() {
        body_error_kind(&err)
    } else if connection_closed(&err) {
        TransportErrorKind::Closed
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

    /// A server on a free loopback port that answers one connection with
    /// `head` and `body_part`, then ends the connection: with a reset
    /// (`reset`: it closes with the request's body unread, so the kernel
    /// resets) or an orderly close; its URL.
    #[cfg(feature = "https")]
    fn serve_broken(head: &'static str, body_part: &'static str, reset: bool) -> String {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut head_in = Vec::new();
            let mut byte = [0u8; 1];
            while !head_in.ends_with(b"\r\n\r\n") && stream.read(&mut byte).unwrap_or(0) == 1 {
                head_in.push(byte[0]);
            }
            if !reset {
                // The request's body ("payload"): read, closing sends no reset.
                let _ = stream.read_exact(&mut [0u8; 7]);
            }
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body_part.as_bytes());
            let _ = stream.flush();
            // Let the client read what was sent before the connection ends.
            std::thread::sleep(std::time::Duration::from_millis(100));
        });
        url
    }

    #[cfg(feature = "https")]
    #[test]
    fn the_hyper_client_says_which_stage_failed() {
        let client = HyperClient::builder().connect_timeout(Some(std::time::Duration::from_secs(2))).build();
        let send = |url: &str| block_on(client.send(request(url), 100));
        let head = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n";

        let err = send("http://no-such-host.invalid/").unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Dns, "{err}");
        assert!(err.to_string().starts_with("dns error: "), "{err}");
        let err = send(&refused_url()).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
        // TLS to a server that answers in plain HTTP before the handshake.
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}/", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let _ = stream.write_all(OK.as_bytes());
            std::thread::sleep(std::time::Duration::from_millis(100));
        });
        let err = send(&url).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Tls, "{err}");
        let err = send(&serve_broken("", "", true)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Closed, "{err}");
        let err = send(&serve_broken("", "", false)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Closed, "{err}");
        let err = send(&serve_broken(head, "hello", true)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Body, "{err}");
        let err = send(&serve_broken(head, "hello", false)).unwrap_err();
        assert_eq!(err.kind(), TransportErrorKind::Truncated, "{err}");
        assert!(err.is_retryable());
    }

    #[cfg(feature = "https")]
    #[test]
    fn the_hyper_client_builder_keeps_its_settings() {
        let client = HyperClient::builder()
            .connect_timeout(Some(std::time::Duration::from_secs(3)))
            .pool_max_idle_per_host(2)
            .pool_idle_timeout(None)
            .build();
        assert_eq!(
            format!("{client:?}"),
            "HyperClient { connect_timeout: Some(3s), pool_max_idle_per_host: 2, pool_idle_timeout: None }"
        );
        assert_eq!(
            format!("{:?}", HyperClient::default()),
            "HyperClient { connect_timeout: None, pool_max_idle_per_host: 18446744073709551615, pool_idle_timeout: Some(90s) }"
        );
        let timeout = Some(std::time::Duration::from_millis(5));
        assert_eq!(
            HyperClient::with_connect_timeout(timeout).settings,
            HyperClient::builder().connect_timeout(timeout).build().settings
        );
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
