//! The HTTP transport: a trait any client can implement, the default HTTPS
//! client (hyper with rustls, feature `https`), and an in-memory client for
//! tests (feature `test-util`).

use std::fmt;
use std::sync::Arc;
#[cfg(feature = "test-util")]
use std::sync::Mutex;

use super::credentials::BoxFuture;

/// A request that got no HTTP response (connection refused, TLS, reset...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransportError {
    message: String,
}

impl TransportError {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        TransportError { message: message.into() }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for TransportError {}

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
            let response = self.client.request(request).await.map_err(|e| TransportError::new(format!("{e:?}")))?;
            let (parts, body) = response.into_parts();
            let body = http_body_util::Limited::new(body, max_body)
                .collect()
                .await
                .map_err(|e| TransportError::new(format!("reading the response body: {e}")))?
                .to_bytes();
            Ok(http::Response::from_parts(parts, body.to_vec()))
        })
    }
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

/// Stands in when no HTTP client is configured (the `https` feature off).
#[derive(Debug, Clone, Default)]
pub struct NoHttpClient;

impl HttpClient for NoHttpClient {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
        _max_body: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async {
            Err(TransportError::new("no HTTP client configured (enable the `https` feature or set one)"))
        })
    }
}

/// A shared HTTP client.
pub type SharedHttpClient = Arc<dyn HttpClient>;
