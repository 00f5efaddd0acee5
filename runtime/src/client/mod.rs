//! The client: configuration, endpoint, credentials, signing, retries and
//! timeouts around an HTTP transport. Generated clients call
//! [`ClientCore::send`] with a request from an operation's
//! `serialize_request` and hand the response to its `parse_response`.

pub mod adaptive;
pub mod credentials;
pub mod endpoint;
pub mod paginate;
pub mod profile;
pub mod retry;
pub mod sign;
pub mod sigv4;
pub mod transport;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use tracing::Instrument as _;

use crate::dispatch::TimeLimit;
use crate::error::{DispatchError, DispatchErrorKind};
use adaptive::ClientRateLimiter;
use credentials::{DefaultCredentialsChain, ProvideCredentials, SharedCredentials};
use endpoint::{Endpoint, EndpointParams, RuleSet};

use crate::body::ByteStream;
use crate::http::{EndpointParamValue, OperationEndpointParams};
use retry::{RetryConfig, RetryMode, RetryQuota, RetryQuotaConfig};
use transport::{HttpClient, SharedHttpClient};

/// Client settings. Build one with [`Config::builder`].
#[derive(Debug, Clone)]
pub struct Config {
    region: Option<String>,
    credentials: SharedCredentials,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    retry: RetryConfig,
    retry_mode: RetryMode,
    retry_quota: RetryQuotaConfig,
    timeouts: Timeouts,
    http: SharedHttpClient,
    max_body: usize,
    endpoint_params: Vec<(&'static str, EndpointParamValue)>,
    time_source: TimeSource,
}

/// Time limits; `None` is no limit.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Timeouts {
    /// Establishing a connection (TCP and TLS) with the default transport.
    pub connect: Option<Duration>,
    /// One attempt: sending the request and reading the whole response.
    pub attempt: Option<Duration>,
    /// The whole operation, retries and backoff included.
    pub operation: Option<Duration>,
}

/// Builds a [`Config`]. `H` says whether a transport was set:
/// [`NoTransport`] (from [`Config::builder`]) or [`WithTransport`] (after
/// [`http_client`](Self::http_client)). [`build`](ConfigBuilder::build) is
/// there once a transport is set, and without one only with the `https`
/// feature, whose HTTPS client is the default: a configuration without a
/// transport does not compile.
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder<H = NoTransport> {
    region: Option<String>,
    credentials: Option<SharedCredentials>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    retry: Option<RetryConfig>,
    retry_mode: RetryMode,
    retry_quota: Option<RetryQuotaConfig>,
    timeouts: Timeouts,
    http: H,
    max_body: Option<usize>,
    endpoint_params: Vec<(&'static str, EndpointParamValue)>,
    time_source: TimeSource,
}

/// The clock a client signs by: the system's, or one set with
/// [`ConfigBuilder::time_source`].
#[derive(Clone, Default)]
struct TimeSource(Option<Arc<dyn Fn() -> SystemTime + Send + Sync>>);

impl TimeSource {
    fn now(&self) -> SystemTime {
        self.0.as_ref().map_or_else(SystemTime::now, |now| now())
    }
}

impl std::fmt::Debug for TimeSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "TimeSource(set)" } else { "TimeSource(system)" })
    }
}

/// The state of a [`ConfigBuilder`] that has no transport yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoTransport;

/// The state of a [`ConfigBuilder`] whose transport is set.
#[derive(Debug, Clone)]
pub struct WithTransport(SharedHttpClient);

/// The largest response body read unless configured (64 MiB).
const DEFAULT_MAX_BODY: usize = 64 << 20;

impl Config {
    /// Settings, starting from the defaults: region from `AWS_REGION` (or
    /// `AWS_DEFAULT_REGION`), credentials from the environment then the
    /// shared files, standard retries (3 attempts), no timeouts, 64 MiB
    /// response bodies at most, and no transport.
    ///
    /// With the `https` feature (on by default in generated crates),
    /// [`build`](ConfigBuilder::build) uses the HTTPS client
    /// (`transport::HyperClient`) unless another is set. Without it, set
    /// the transport with [`http_client`](ConfigBuilder::http_client) (a
    /// `transport::ReqwestClient` with the `reqwest` feature, or your own
    /// [`HttpClient`]): `build` does not exist until then.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// The retry mode (standard unless set).
    pub fn retry_mode(&self) -> RetryMode {
        self.retry_mode
    }

    /// The value set for the endpoint-rule parameter `name` with
    /// [`ConfigBuilder::endpoint_param`] (a client context parameter such
    /// as S3's `ForcePathStyle`), if any.
    pub fn endpoint_param(&self, name: &str) -> Option<&EndpointParamValue> {
        self.endpoint_params.iter().find(|(n, _)| *n == name).map(|(_, v)| v)
    }
}

impl<H> ConfigBuilder<H> {
    /// The region (CloudFront is global; `us-east-1` signs for it).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Where credentials come from (given ones: pass [`credentials::Credentials`]).
    pub fn credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(Arc::new(provider));
        self
    }

    /// Sends every request to this URL instead of the resolved endpoint
    /// (a local server, a proxy, a private endpoint).
    pub fn endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Uses FIPS endpoints.
    pub fn use_fips(mut self, enabled: bool) -> Self {
        self.use_fips = enabled;
        self
    }

    /// Uses dual-stack (IPv6) endpoints.
    pub fn use_dual_stack(mut self, enabled: bool) -> Self {
        self.use_dual_stack = enabled;
        self
    }

    /// How to retry.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Standard retries (the default) or adaptive ones, which add
    /// botocore's client-side rate limiting after the first throttling
    /// response ([`RetryMode::Adaptive`], [`ClientCore::rate_limiter`]).
    pub fn retry_mode(mut self, mode: RetryMode) -> Self {
        self.retry_mode = mode;
        self
    }

    /// The client-wide retry quota (botocore's: 500 tokens, 5 a retry, 10
    /// a retry after a timeout; [`RetryQuotaConfig::unlimited`] turns it off).
    pub fn retry_quota(mut self, quota: RetryQuotaConfig) -> Self {
        self.retry_quota = Some(quota);
        self
    }

    /// Time limits (`connect` applies to the default HTTPS client only: a
    /// transport you set keeps its own).
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The largest response body read (default 64 MiB); a larger one fails
    /// the call with a transport error of kind
    /// [`BodyTooLarge`](transport::TransportErrorKind::BodyTooLarge).
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_body = Some(bytes);
        self
    }

    /// Sets the endpoint-rule parameter `name` for every call of the client:
    /// a client context parameter of the service's rules (S3's
    /// `ForcePathStyle`, `Accelerate`, `UseArnRegion`, ...). Generated
    /// crates whose rules have such parameters name each in their
    /// `client::ClientContextParams` trait, which calls this; a name the
    /// rules do not declare is ignored by them. An operation's own
    /// parameters (`contextParam` members, `staticContextParams`) win over
    /// these.
    pub fn endpoint_param(mut self, name: &'static str, value: impl Into<EndpointParamValue>) -> Self {
        let value = value.into();
        match self.endpoint_params.iter_mut().find(|(n, _)| *n == name) {
            Some(slot) => slot.1 = value,
            None => self.endpoint_params.push((name, value)),
        }
        self
    }

    /// The clock requests are signed by (the system's unless set): a test
    /// can sign at a fixed time and compare signatures with another
    /// signer's. Retries, backoff and time limits keep the real clock.
    pub fn time_source(mut self, now: impl Fn() -> SystemTime + Send + Sync + 'static) -> Self {
        self.time_source = TimeSource(Some(Arc::new(now)));
        self
    }

    /// The HTTP transport (replacing any set before).
    pub fn http_client(self, client: impl HttpClient + 'static) -> ConfigBuilder<WithTransport> {
        ConfigBuilder {
            region: self.region,
            credentials: self.credentials,
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            retry: self.retry,
            retry_mode: self.retry_mode,
            retry_quota: self.retry_quota,
            timeouts: self.timeouts,
            http: WithTransport(Arc::new(client)),
            max_body: self.max_body,
            endpoint_params: self.endpoint_params,
            time_source: self.time_source,
        }
    }
}

impl ConfigBuilder<WithTransport> {
    /// The settings, with the transport set.
    pub fn build(self) -> Config {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Config {
            region: self.region.or_else(|| env("AWS_REGION")).or_else(|| env("AWS_DEFAULT_REGION")),
            credentials: self.credentials.unwrap_or_else(|| Arc::new(DefaultCredentialsChain)),
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            retry: self.retry.unwrap_or_default(),
            retry_mode: self.retry_mode,
            retry_quota: self.retry_quota.unwrap_or_default(),
            timeouts: self.timeouts,
            http: self.http.0,
            max_body: self.max_body.unwrap_or(DEFAULT_MAX_BODY),
            endpoint_params: self.endpoint_params,
            time_source: self.time_source,
        }
    }
}

#[cfg(feature = "https")]
impl ConfigBuilder<NoTransport> {
    /// The settings, with the default HTTPS client
    /// ([`transport::HyperClient`] with its default pool settings,
    /// connecting within `timeouts.connect`). For other pool settings, set
    /// one made by [`transport::HyperClient::builder`] with
    /// [`http_client`](Self::http_client).
    ///
    /// This exists with the `https` feature only. Without it, give a
    /// transport first with [`http_client`](Self::http_client) (such as
    /// `transport::ReqwestClient` with the `reqwest` feature), which
    /// returns a builder whose `build` always exists.
    pub fn build(self) -> Config {
        let http = transport::HyperClient::builder().connect_timeout(self.timeouts.connect).build();
        self.http_client(http).build()
    }
}

/// Per-call changes to a client's [`Config`], for
/// [`ClientCore::send_with`]: each setting given replaces the client's for
/// this call only; the rest stay as configured. The default changes
/// nothing.
///
/// ```
/// # use restxml_runtime::client::{ConfigOverride, retry::RetryConfig};
/// # use std::time::Duration;
/// let once_and_quickly = ConfigOverride::new()
///     .retry_config(RetryConfig::disabled())
///     .operation_timeout(Some(Duration::from_secs(5)));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConfigOverride {
    retry: Option<RetryConfig>,
    attempt_timeout: Option<Option<Duration>>,
    operation_timeout: Option<Option<Duration>>,
    max_body: Option<usize>,
}

impl ConfigOverride {
    /// No changes.
    pub fn new() -> Self {
        ConfigOverride::default()
    }

    /// How to retry this call.
    pub fn retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// This call's limit for one attempt ([`Timeouts::attempt`]; `None` is
    /// no limit).
    pub fn attempt_timeout(mut self, limit: Option<Duration>) -> Self {
        self.attempt_timeout = Some(limit);
        self
    }

    /// This call's limit for the whole operation ([`Timeouts::operation`];
    /// `None` is no limit).
    pub fn operation_timeout(mut self, limit: Option<Duration>) -> Self {
        self.operation_timeout = Some(limit);
        self
    }

    /// The largest response body this call reads, in bytes.
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_body = Some(bytes);
        self
    }
}

/// The settings one call runs with: the client's, with its overrides.
struct CallSettings<'a> {
    retry: &'a RetryConfig,
    attempt_timeout: Option<Duration>,
    operation_timeout: Option<Duration>,
    max_body: usize,
}

impl<'a> CallSettings<'a> {
    fn new(config: &'a Config, overrides: &'a ConfigOverride) -> Self {
        CallSettings {
            retry: overrides.retry.as_ref().unwrap_or(&config.retry),
            attempt_timeout: overrides.attempt_timeout.unwrap_or(config.timeouts.attempt),
            operation_timeout: overrides.operation_timeout.unwrap_or(config.timeouts.operation),
            max_body: overrides.max_body.unwrap_or(config.max_body),
        }
    }
}

/// Reads an error response's code, message and request ids: the service's
/// reader (`crate::error_body::error_metadata`, or a customization's such
/// as `crate::customizations::route53::error_metadata`).
pub type ErrorReader = fn(u16, &http::HeaderMap, &[u8]) -> crate::ErrorMetadata;

/// What a generated client holds: its settings, its service's endpoint
/// rules, the signing name, and the service's error reader (which decides
/// retries by the code it finds).
#[derive(Debug, Clone)]
pub struct ClientCore {
    config: Config,
    /// The service's endpoint rules, resolved again for each request that
    /// binds parameters of its own.
    rules: &'static RuleSet,
    /// The client's parameters: region, FIPS, dual-stack, endpoint URL and
    /// the client context parameters.
    params: EndpointParams,
    /// The endpoint of `params` alone, for requests that bind none.
    endpoint: Result<Endpoint, endpoint::EndpointError>,
    signing_name: &'static str,
    error_reader: ErrorReader,
    retry_quota: Arc<RetryQuota>,
    rate_limiter: Option<Arc<ClientRateLimiter>>,
    /// SigV4 signing keys, derived once a day per region and service.
    signing_keys: Arc<sigv4::SigningKeyCache>,
}

impl ClientCore {
    /// A client for a service with the given endpoint rules and SigV4
    /// signing name.
    pub fn new(config: Config, rules: &'static RuleSet, signing_name: &'static str) -> Self {
        let mut params =
            EndpointParams::new().boolean("UseFIPS", config.use_fips).boolean("UseDualStack", config.use_dual_stack);
        if let Some(region) = &config.region {
            params = params.string("Region", region.clone());
        }
        if let Some(url) = &config.endpoint_url {
            params = params.string("Endpoint", url.clone());
        }
        for (name, value) in &config.endpoint_params {
            params = params.value(name, value);
        }
        // The endpoint of the client-wide parameters is resolved once (an
        // error is kept and returned by each call); a request binding
        // parameters of its own is resolved when sent.
        let endpoint = rules.resolve(&params);
        let retry_quota = Arc::new(RetryQuota::new(config.retry_quota));
        let rate_limiter = (config.retry_mode == RetryMode::Adaptive).then(|| Arc::new(ClientRateLimiter::new()));
        ClientCore {
            config,
            rules,
            params,
            endpoint,
            signing_name,
            error_reader: crate::error_body::error_metadata,
            retry_quota,
            rate_limiter,
            signing_keys: Arc::new(sigv4::SigningKeyCache::new()),
        }
    }

    /// Reads error responses with `reader` (a service customization's)
    /// when deciding whether to retry, as the operations' parsers do.
    pub fn with_error_reader(mut self, reader: ErrorReader) -> Self {
        self.error_reader = reader;
        self
    }

    /// The settings.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The retry quota every call of this client draws on (its
    /// [`available`](RetryQuota::available) tokens are what is left).
    pub fn retry_quota(&self) -> &RetryQuota {
        &self.retry_quota
    }

    /// The rate limiter every call of this client (and of its clones)
    /// goes through in [`RetryMode::Adaptive`]; `None` in standard mode.
    /// Its [`fill_rate`](ClientRateLimiter::fill_rate) is the requests per
    /// second it lets through once a throttling response has turned it on.
    pub fn rate_limiter(&self) -> Option<&ClientRateLimiter> {
        self.rate_limiter.as_deref()
    }

    /// Sends `request` (from an operation's `serialize_request`) with the
    /// client's settings: [`send_with`](Self::send_with) without overrides.
    pub async fn send(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, DispatchError> {
        self.send_with(operation, request, &ConfigOverride::default()).await
    }

    /// Sends `request` (from an operation's `serialize_request`) with the
    /// client's settings changed by `overrides` for this call: resolves the
    /// URL, signs, sends, and retries throttling and transient errors and
    /// failed connections (never a missing endpoint or credentials, or a
    /// signing failure: those are returned at once). The last response is
    /// returned whatever its status, read whole, for the operation's
    /// `parse_response`.
    pub async fn send_with(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
        overrides: &ConfigOverride,
    ) -> Result<http::Response<Vec<u8>>, DispatchError> {
        let response =
            self.send_streaming_with(operation, request.map(ByteStream::from), overrides, BodyMode::Read).await?;
        Ok(response.map(|body| body.into_bytes().map(Vec::from).unwrap_or_default()))
    }

    /// [`send_with`](Self::send_with) for a request whose body may be a
    /// file or a stream (S3's PutObject and UploadPart), and for an
    /// operation whose response body is a stream (GetObject, with
    /// [`BodyMode::Stream`]).
    ///
    /// A body in memory or a file is sent again on a retry; a one-shot
    /// stream is sent once: its request is not retried. A body that is not
    /// in memory is signed as `UNSIGNED-PAYLOAD` over HTTPS (as botocore
    /// signs streamed uploads); over plain HTTP a file is hashed first
    /// (read once more), a one-shot stream is sent unsigned.
    ///
    /// With [`BodyMode::Stream`], a successful response is returned as soon
    /// as its head arrives and its body is read as the caller reads it
    /// (time limits no longer apply to it); an error response is read
    /// whole, as always.
    pub async fn send_streaming_with(
        &self,
        operation: &'static str,
        request: http::Request<ByteStream>,
        overrides: &ConfigOverride,
        mode: BodyMode,
    ) -> Result<http::Response<ByteStream>, DispatchError> {
        let settings = CallSettings::new(&self.config, overrides);
        let span = tracing::info_span!(
            "aws_call",
            service = self.signing_name,
            operation,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty
        );
        let resolved = self.request_endpoint(&request);
        let endpoint = match &*resolved {
            Ok(endpoint) => endpoint,
            Err(e) => return Err(DispatchError::new(DispatchErrorKind::Endpoint, operation, e.clone())),
        };
        let (request, url) = absolute(request, endpoint).map_err(|e| {
            DispatchError::new(DispatchErrorKind::Endpoint, operation, e).with_endpoint(endpoint.url.clone())
        })?;
        let attempts = AtomicU32::new(0);
        let call =
            self.send_with_retries(request, endpoint, &settings, mode, &attempts, &span).instrument(span.clone());
        let result = match settings.operation_timeout {
            Some(limit) => tokio::time::timeout(limit, call).await.unwrap_or_else(|_| {
                Err(Failure::Dispatch(DispatchErrorKind::Timeout, Arc::new(TimeLimit::operation(limit))))
            }),
            None => call.await,
        };
        match result {
            Ok(response) => {
                span.record("status", response.status().as_u16());
                Ok(response)
            }
            Err(failure) => {
                let (kind, cause) = match failure {
                    Failure::Dispatch(kind, cause) => (kind, cause),
                    Failure::Transport(e) if e.kind() == transport::TransportErrorKind::Timeout => {
                        (DispatchErrorKind::Timeout, Arc::new(e) as Cause)
                    }
                    Failure::Transport(e) => (DispatchErrorKind::Transport, Arc::new(e) as Cause),
                };
                Err(DispatchError::from_arc(kind, operation, cause)
                    .with_endpoint(url)
                    .with_attempts(attempts.load(Ordering::Relaxed)))
            }
        }
    }

    /// The endpoint of `request`: the client's, or for a request binding
    /// endpoint-rule parameters of its own (S3's `Bucket`, `Key`, ...), the
    /// rules resolved with those over the client's.
    pub fn request_endpoint<B>(
        &self,
        request: &http::Request<B>,
    ) -> std::borrow::Cow<'_, Result<Endpoint, endpoint::EndpointError>> {
        match request.extensions().get::<OperationEndpointParams>() {
            Some(own) if !own.0.is_empty() => {
                let mut params = self.params.clone();
                for (name, value) in &own.0 {
                    params = params.value(name, value);
                }
                std::borrow::Cow::Owned(self.rules.resolve(&params))
            }
            _ => std::borrow::Cow::Borrowed(&self.endpoint),
        }
    }

    /// Sends with retries, counting the requests sent in `attempts` and
    /// recording them and the request id in `span`.
    async fn send_with_retries(
        &self,
        request: http::Request<ByteStream>,
        endpoint: &Endpoint,
        settings: &CallSettings<'_>,
        mode: BodyMode,
        attempts: &AtomicU32,
        span: &tracing::Span,
    ) -> Result<http::Response<ByteStream>, Failure> {
        let region = self.config.region.as_deref().unwrap_or("us-east-1");
        let mut auth = sign::AuthScheme::from_endpoint(endpoint, self.signing_name, region);
        let retry = settings.retry;
        let error_in_ok = request.extensions().get::<crate::http::ErrorInOkResponse>().is_some();
        let (parts, body) = request.into_parts();
        // A body not in memory is signed without hashing it, or, over plain
        // HTTP, by a hash read from its file first.
        if body.bytes().is_none() {
            auth.settings.payload = unsigned_payload(&parts.uri, &body).await?;
        }
        let replayable = body.is_replayable();
        let mut one_shot = (!replayable).then_some(body.clone());
        let mut attempt = 1;
        // What this call's last retry took from the quota.
        let mut last_retry_cost = None;
        loop {
            // The pause the last throttling response asked for.
            let mut hint = None;
            // Whether this attempt was throttled (for the rate limiter).
            let mut throttled = false;
            // Adaptive mode: wait for the client's send rate (before
            // signing, so a wait does not age the signature).
            if let Some(limiter) = &self.rate_limiter {
                limiter.acquire().await;
            }
            // Neither missing credentials nor a signing failure is retried.
            let credentials = self
                .config
                .credentials
                .provide_credentials()
                .await
                .map_err(|e| Failure::Dispatch(DispatchErrorKind::Credentials, Arc::new(e)))?;
            // The head is signed (with the body's bytes when they are in
            // memory), then given this attempt's body.
            let mut head = http::Request::from_parts(parts.clone(), body.bytes().map_or(&[][..], |b| &b[..]));
            sign::sign_with(&mut head, &credentials, &auth, self.config.time_source.now(), Some(&*self.signing_keys))
                .map_err(|e| Failure::Dispatch(DispatchErrorKind::Signing, Arc::new(e)))?;
            let attempt_body = match one_shot.take() {
                Some(stream) => stream,
                None => body.clone(),
            };
            let signed = http::Request::from_parts(head.into_parts().0, attempt_body);
            attempts.store(attempt, Ordering::Relaxed);
            let sent = self.send_attempt(signed, settings.max_body, mode);
            let mut outcome = match settings.attempt_timeout {
                Some(limit) => tokio::time::timeout(limit, sent).await.unwrap_or_else(|_| {
                    let cause = TimeLimit::attempt(limit);
                    Err(transport::TransportError::of_kind(transport::TransportErrorKind::Timeout, cause.to_string()))
                }),
                None => sent.await,
            };
            // S3's 200 holding an error document (or cut off) is the 500 it
            // stands for: retried, then read as an error.
            if error_in_ok
                && let Ok(response) = &mut outcome
                && let Some(bytes) = response.body().bytes()
            {
                if crate::error_body::is_error_in_ok_response(response.status().as_u16(), bytes) {
                    *response.status_mut() = http::StatusCode::INTERNAL_SERVER_ERROR;
                }
                response.extensions_mut().insert(crate::http::ErrorInOkChecked);
            }
            span.record("attempts", attempt);
            // The request id of the last answer, success or error, read as
            // botocore reads it: `x-amzn-RequestId` (CloudFront, Route 53),
            // else `x-amz-request-id` (S3), else an error body's `<RequestId>`.
            let retryable = match &outcome {
                Ok(response) if response.status().is_success() => {
                    if let Some(id) = crate::error_body::header_request_id(response.headers()) {
                        span.record("request_id", id);
                    }
                    self.retry_quota.release(last_retry_cost);
                    false
                }
                Ok(response) => {
                    let body = response.body().bytes().map_or(&[][..], |b| &b[..]);
                    let meta = (self.error_reader)(response.status().as_u16(), response.headers(), body);
                    if let Some(id) = &meta.request_id {
                        span.record("request_id", id.as_str());
                    }
                    // A throttling response may say how long to wait.
                    throttled = retry::is_throttling(meta.status, meta.code.as_deref());
                    hint = throttled.then(|| retry::retry_after(response.headers(), SystemTime::now())).flatten();
                    retry::is_retryable(meta.status, meta.code.as_deref())
                }
                Err(e) => e.is_retryable(),
            };
            if let Some(limiter) = &self.rate_limiter {
                limiter.update(throttled);
            }
            if !retryable || attempt >= retry.max_attempts {
                return outcome.map_err(Failure::Transport);
            }
            // A one-shot stream was sent: it cannot be sent again.
            if !replayable {
                tracing::debug!(attempt, "the request body is a one-shot stream: not retrying");
                return outcome.map_err(Failure::Transport);
            }
            let timed_out = matches!(&outcome, Err(e) if e.kind() == transport::TransportErrorKind::Timeout);
            match self.retry_quota.acquire(timed_out) {
                Some(cost) => last_retry_cost = Some(cost),
                None => {
                    tracing::debug!(
                        attempt,
                        available = self.retry_quota.available(),
                        "retry quota reached: not retrying"
                    );
                    return outcome.map_err(Failure::Transport);
                }
            }
            // The operation timeout bounds the whole call, pauses included.
            let pause = retry.pause(attempt, jitter(), hint);
            tracing::debug!(attempt, ?pause, "retrying");
            tokio::time::sleep(pause).await;
            attempt += 1;
        }
    }

    /// One attempt: a body in memory whose response is read whole goes
    /// through the transport's `send`, anything else through its
    /// `send_streaming`, whose response body is then read here unless it is
    /// a success to be streamed to the caller.
    async fn send_attempt(
        &self,
        request: http::Request<ByteStream>,
        max_body: usize,
        mode: BodyMode,
    ) -> Result<http::Response<ByteStream>, transport::TransportError> {
        if mode == BodyMode::Read && request.body().bytes().is_some() {
            let request = request.map(|body| body.into_bytes().map(Vec::from).unwrap_or_default());
            let response = self.config.http.send(request, max_body).await?;
            return Ok(response.map(ByteStream::from));
        }
        let response = self.config.http.send_streaming(request, max_body).await?;
        if mode == BodyMode::Stream && response.status().is_success() {
            return Ok(response);
        }
        let (parts, body) = response.into_parts();
        let bytes = body.collect_at_most(max_body).await.map_err(transport::TransportError::from_body_error)?;
        Ok(http::Response::from_parts(parts, ByteStream::from(bytes)))
    }
}

/// How a call's response body is read: whole, before the operation's
/// `parse_response` sees it, or (for a streaming payload such as
/// GetObject's) handed to the caller to read at their own pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyMode {
    /// Read whole (at most the configured largest body) within the attempt.
    Read,
    /// A success's body is streamed to the caller; an error's is read.
    Stream,
}

/// The payload hash of a body that is not in memory: `UNSIGNED-PAYLOAD`
/// over HTTPS; over plain HTTP the SHA-256 of a file (read once to hash
/// it), and `UNSIGNED-PAYLOAD` for a one-shot stream, which cannot be read
/// twice.
async fn unsigned_payload(uri: &http::Uri, body: &ByteStream) -> Result<sigv4::PayloadHash, Failure> {
    if uri.scheme() == Some(&http::uri::Scheme::HTTPS) || !body.is_replayable() {
        return Ok(sigv4::PayloadHash::Unsigned);
    }
    let mut copy = body.clone();
    let mut hasher = sigv4::PayloadHasher::new();
    while let Some(chunk) = copy.next().await {
        let chunk = chunk.map_err(|e| Failure::Dispatch(DispatchErrorKind::Signing, Arc::new(e)))?;
        hasher.update(&chunk);
    }
    Ok(sigv4::PayloadHash::Precomputed(hasher.finish()))
}

/// The cause of a [`DispatchError`].
type Cause = Arc<dyn std::error::Error + Send + Sync>;

/// Why a call failed, before the operation, endpoint and attempts are added.
enum Failure {
    /// The last attempt's transport error.
    Transport(transport::TransportError),
    /// Any other failure, of this kind.
    Dispatch(DispatchErrorKind, Cause),
}

/// Points `request` (a path and query) at the endpoint, with the
/// endpoint's host prefix and headers; returns it and the URL it is for
/// (the endpoint with the host prefix, ending in `/`).
fn absolute<B>(mut request: http::Request<B>, endpoint: &Endpoint) -> Result<(http::Request<B>, String), String> {
    for (name, value) in &endpoint.headers {
        let name = http::HeaderName::try_from(name.as_str())
            .map_err(|_| format!("endpoint header name {name:?} is not valid"))?;
        let value = http::HeaderValue::try_from(value.as_str())
            .map_err(|_| format!("endpoint header {name} has a value HTTP cannot carry"))?;
        request.headers_mut().append(name, value);
    }
    let endpoint = endpoint.url.as_str();
    let base: http::Uri = endpoint.parse().map_err(|_| format!("{endpoint:?} is not a URL"))?;
    let (Some(scheme), Some(authority)) = (base.scheme_str(), base.authority()) else {
        return Err(format!("{endpoint:?} lacks a scheme or host"));
    };
    let prefix = request.extensions().get::<crate::http::HostPrefix>().map(|p| p.0.clone()).unwrap_or_default();
    // The endpoint's path and the request's are joined as botocore joins
    // them (`_urljoin`): a request path of `/` adds nothing to an endpoint
    // path (S3's path-style `https://s3.<region>.amazonaws.com/<bucket>`
    // lists the bucket without a trailing slash), and one slash is kept
    // between the two.
    let base_path = if base.path() == "/" && !endpoint.ends_with('/') { "" } else { base.path() };
    let request_path = request.uri().path();
    let query = request.uri().query().map(|q| format!("?{q}")).unwrap_or_default();
    let path = if request_path.is_empty() || request_path == "/" {
        if base_path.is_empty() { "/".to_string() } else { base_path.to_string() }
    } else if base_path.ends_with('/') && request_path.starts_with('/') {
        format!("{}{request_path}", &base_path[..base_path.len() - 1])
    } else {
        format!("{base_path}{request_path}")
    };
    let uri = format!("{scheme}://{prefix}{authority}{path}{query}");
    *request.uri_mut() = uri.parse().map_err(|_| format!("{uri:?} is not a valid URI"))?;
    let base_path = base_path.trim_end_matches('/');
    Ok((request, format!("{scheme}://{prefix}{authority}{base_path}/")))
}

/// A number in [0, 1) for backoff jitter.
fn jitter() -> f64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_nanos()));
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// A read-modify-write helper that did not complete.
#[derive(Debug)]
#[non_exhaustive]
pub enum ModifyError<G, U> {
    /// Reading the config failed.
    Get(crate::SdkError<G>),
    /// The read had no config in it.
    MissingConfig,
    /// The read had no `ETag` header.
    MissingETag,
    /// The update failed (`PreconditionFailed` if the config changed meanwhile).
    Update(crate::SdkError<U>),
}

impl<G, U> ModifyError<G, U> {
    /// One function per variant, the one matching applied (how a
    /// service-wide error type converts it; the enum is `#[non_exhaustive]`).
    pub fn fold<T>(
        self,
        get: impl FnOnce(crate::SdkError<G>) -> T,
        update: impl FnOnce(crate::SdkError<U>) -> T,
        missing_config: impl FnOnce() -> T,
        missing_etag: impl FnOnce() -> T,
    ) -> T {
        match self {
            ModifyError::Get(e) => get(e),
            ModifyError::Update(e) => update(e),
            ModifyError::MissingConfig => missing_config(),
            ModifyError::MissingETag => missing_etag(),
        }
    }
}

impl<G: std::fmt::Display, U: std::fmt::Display> std::fmt::Display for ModifyError<G, U> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModifyError::Get(e) => write!(f, "reading the config failed: {e}"),
            ModifyError::MissingConfig => f.write_str("the response had no config"),
            ModifyError::MissingETag => f.write_str("the response had no ETag"),
            ModifyError::Update(e) => write!(f, "the update failed: {e}"),
        }
    }
}

impl<G: std::error::Error + 'static, U: std::error::Error + 'static> std::error::Error for ModifyError<G, U> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ModifyError::Get(e) => Some(e),
            ModifyError::Update(e) => Some(e),
            ModifyError::MissingConfig | ModifyError::MissingETag => None,
        }
    }
}

#[cfg(all(test, feature = "test-util"))]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::endpoint::{Condition, EndpointTemplate, Expr, Function, Outcome, Parameter, Rule, RuleSet};
    use super::*;

    /// `Endpoint` as given.
    static RULES: RuleSet = RuleSet {
        parameters: &[Parameter { name: "Endpoint", required: false, default: None }],
        rules: &[Rule {
            conditions: &[Condition { function: Function::IsSet, args: &[Expr::Ref("Endpoint")], assign: None }],
            outcome: Outcome::Endpoint(EndpointTemplate { url: Expr::Ref("Endpoint"), properties: &[], headers: &[] }),
        }],
        partitions: &[],
    };

    type Fields = Arc<Mutex<Vec<(String, String)>>>;

    /// A subscriber that keeps every span field recorded.
    struct Recorder(Fields);

    struct Visitor<'a>(&'a Fields);

    impl tracing::field::Visit for Visitor<'_> {
        fn record_str(&mut self, field: &tracing::field::Field, value: &str) {
            self.0.lock().unwrap().push((field.name().to_string(), value.to_string()));
        }

        fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
            self.0.lock().unwrap().push((field.name().to_string(), format!("{value:?}")));
        }
    }

    impl tracing::Subscriber for Recorder {
        fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
            true
        }
        fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
            span.record(&mut Visitor(&self.0));
            tracing::span::Id::from_u64(1)
        }
        fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
            values.record(&mut Visitor(&self.0));
        }
        fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}
        fn event(&self, event: &tracing::Event<'_>) {
            event.record(&mut Visitor(&self.0));
        }
        fn enter(&self, _: &tracing::span::Id) {}
        fn exit(&self, _: &tracing::span::Id) {}
    }

    /// The `request_id` the call's span ends with, for one canned answer.
    fn recorded_request_id(status: u16, headers: &[(&str, &str)], body: &str) -> Option<String> {
        let mut response = http::Response::builder().status(status);
        for (name, value) in headers {
            response = response.header(*name, *value);
        }
        let http = transport::ReplayClient::new([response.body(body.as_bytes().to_vec()).unwrap()]);
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("https://example.com")
            .credentials(credentials::Credentials::new("AKID", "SECRET", None))
            .retry_config(RetryConfig { max_attempts: 1, ..RetryConfig::default() })
            .http_client(http)
            .build();
        let core = ClientCore::new(config, &RULES, "svc");
        let fields = Fields::default();
        tracing::subscriber::with_default(Recorder(fields.clone()), || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
            let request = http::Request::builder().uri("/").body(Vec::new()).unwrap();
            runtime.block_on(core.send("Op", request)).unwrap();
        });
        let fields = fields.lock().unwrap();
        fields.iter().rev().find(|(name, _)| name == "request_id").map(|(_, value)| value.clone())
    }

    #[test]
    fn the_span_records_the_request_id_of_successes_and_errors() {
        let both = [("x-amz-request-id", "s3-id"), ("x-amzn-RequestId", "amzn-id")];
        assert_eq!(recorded_request_id(200, &both, "").as_deref(), Some("amzn-id"));
        assert_eq!(recorded_request_id(200, &both[..1], "").as_deref(), Some("s3-id"));
        assert_eq!(recorded_request_id(200, &[], "<R><RequestId>not-read</RequestId></R>"), None);
        let body = "<ErrorResponse><Error><Code>Boom</Code></Error><RequestId>body-id</RequestId></ErrorResponse>";
        assert_eq!(recorded_request_id(400, &both, body).as_deref(), Some("amzn-id"));
        assert_eq!(recorded_request_id(400, &[], body).as_deref(), Some("body-id"));
        assert_eq!(
            recorded_request_id(404, &[], "<Error><Code>NoSuchKey</Code><RequestId>s3-body</RequestId></Error>")
                .as_deref(),
            Some("s3-body")
        );
    }

    fn replay_core(http: &transport::ReplayClient, retry: RetryConfig) -> ClientCore {
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("https://example.com")
            .credentials(credentials::Credentials::new("AKID", "SECRET", None))
            .retry_config(retry)
            .http_client(http.clone())
            .build();
        ClientCore::new(config, &RULES, "svc")
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap().block_on(future)
    }

    fn request() -> http::Request<Vec<u8>> {
        http::Request::builder().uri("/path").body(Vec::new()).unwrap()
    }

    fn unavailable() -> http::Response<Vec<u8>> {
        http::Response::builder().status(503).body(Vec::new()).unwrap()
    }

    fn ok() -> http::Response<Vec<u8>> {
        http::Response::builder().status(200).body(Vec::new()).unwrap()
    }

    /// A client whose quota holds `capacity` tokens (botocore's costs).
    fn quota_core(http: &transport::ReplayClient, capacity: u32) -> ClientCore {
        let fast = RetryConfig { max_attempts: 3, initial_backoff: Duration::ZERO, ..RetryConfig::default() };
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("https://example.com")
            .credentials(credentials::Credentials::new("AKID", "SECRET", None))
            .retry_config(fast)
            .retry_quota(RetryQuotaConfig { capacity, ..RetryQuotaConfig::default() })
            .http_client(http.clone())
            .build();
        ClientCore::new(config, &RULES, "svc")
    }

    #[test]
    fn the_retry_quota_stops_retries_when_empty_and_refills_on_success() {
        let defaults = RetryQuotaConfig::default();
        assert_eq!(
            (defaults.capacity, defaults.retry_cost, defaults.timeout_retry_cost, defaults.success_increment),
            (500, 5, 10, 1),
            "botocore's RetryQuota and RetryQuotaChecker"
        );
        let http = transport::ReplayClient::default();
        let core = quota_core(&http, 12);
        let sent = |http: &transport::ReplayClient| http.requests().len();
        // Two retries take 10 of the 12 tokens.
        for _ in 0..3 {
            http.push(Ok(unavailable()));
        }
        block_on(core.send("Op", request())).unwrap();
        assert_eq!((sent(&http), core.retry_quota().available()), (3, 2));
        // 2 tokens cannot pay for a retry: one attempt, the 503 returned.
        http.push(Ok(unavailable()));
        let response = block_on(core.send("Op", request())).unwrap();
        assert_eq!((response.status().as_u16(), sent(&http), core.retry_quota().available()), (503, 4, 2));
        // Successes at the first attempt give back one token each.
        for _ in 0..3 {
            http.push(Ok(ok()));
            block_on(core.send("Op", request())).unwrap();
        }
        assert_eq!(core.retry_quota().available(), 5);
        // A retry is affordable again; the success after it gives back
        // what the retry took, never more than the capacity.
        http.push(Ok(unavailable()));
        http.push(Ok(ok()));
        let response = block_on(core.send("Op", request())).unwrap();
        assert_eq!((response.status().as_u16(), sent(&http), core.retry_quota().available()), (200, 9, 5));
        for _ in 0..20 {
            http.push(Ok(ok()));
            block_on(core.send("Op", request())).unwrap();
        }
        assert_eq!(core.retry_quota().available(), 12);
        // Clones of a client share its quota.
        assert!(Arc::ptr_eq(&core.retry_quota, &core.clone().retry_quota));
    }

    #[test]
    fn a_throttling_hint_sets_the_pause_and_the_operation_timeout_still_bounds_the_call() {
        let throttled = |after_ms: &str| {
            http::Response::builder()
                .status(400)
                .header("x-amz-retry-after", after_ms)
                .body(b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>".to_vec())
                .unwrap()
        };
        // A hint of an hour, capped by the maximum backoff (20 s), cut
        // short by the operation's 50 ms: a timeout, after one attempt.
        let http = transport::ReplayClient::new([throttled("3600000"), ok()]);
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("https://example.com")
            .credentials(credentials::Credentials::new("AKID", "SECRET", None))
            .timeouts(Timeouts { operation: Some(Duration::from_millis(50)), ..Timeouts::default() })
            .http_client(http.clone())
            .build();
        let core = ClientCore::new(config, &RULES, "svc");
        let err = block_on(core.send("Op", request())).unwrap_err();
        assert_eq!((err.kind(), http.requests().len()), (DispatchErrorKind::Timeout, 1));
        // A short hint replaces a backoff that would outlast the operation:
        // the call is retried after 1 ms and succeeds.
        let http = transport::ReplayClient::new([throttled("1"), ok()]);
        let slow = Duration::from_secs(3600);
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("https://example.com")
            .credentials(credentials::Credentials::new("AKID", "SECRET", None))
            .retry_config(RetryConfig { max_attempts: 3, initial_backoff: slow, max_backoff: slow })
            .timeouts(Timeouts { operation: Some(Duration::from_secs(5)), ..Timeouts::default() })
            .http_client(http.clone())
            .build();
        let core = ClientCore::new(config, &RULES, "svc");
        let response = block_on(core.send("Op", request())).unwrap();
        assert_eq!((response.status().as_u16(), http.requests().len()), (200, 2));
    }

    fn throttled() -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(400)
            .body(b"<ErrorResponse><Error><Code>Throttling</Code></Error></ErrorResponse>".to_vec())
            .unwrap()
    }

    /// A client in `mode` retrying at once, up to 3 attempts, without a
    /// quota; in adaptive mode its limiter reads the returned clock.
    fn mode_core(http: &transport::ReplayClient, mode: RetryMode) -> (Arc<adaptive::ManualClock>, ClientCore) {
        let fast = RetryConfig { max_attempts: 3, initial_backoff: Duration::ZERO, ..RetryConfig::default() };
        let config = Config::builder()
            .region("us-east-1")
            .endpoint_url("https://example.com")
            .credentials(credentials::Credentials::new("AKID", "SECRET", None))
            .retry_config(fast)
            .retry_quota(RetryQuotaConfig::unlimited())
            .retry_mode(mode)
            .http_client(http.clone())
            .build();
        assert_eq!(config.retry_mode(), mode);
        let mut core = ClientCore::new(config, &RULES, "svc");
        let clock = Arc::new(adaptive::ManualClock::default());
        if core.rate_limiter().is_some() {
            core.rate_limiter = Some(Arc::new(ClientRateLimiter::with_clock(clock.clone())));
        }
        (clock, core)
    }

    /// The messages of the `tracing` events `run` emits.
    fn messages(run: impl FnOnce()) -> Vec<String> {
        let fields = Fields::default();
        tracing::subscriber::with_default(Recorder(fields.clone()), run);
        let fields = fields.lock().unwrap();
        fields.iter().filter(|(name, _)| name == "message").map(|(_, value)| value.clone()).collect()
    }

    #[test]
    fn adaptive_mode_slows_down_on_throttling_and_speeds_up_on_success() {
        let http = transport::ReplayClient::default();
        let (clock, core) = mode_core(&http, RetryMode::Adaptive);
        let limiter = core.rate_limiter().expect("adaptive mode has a limiter");
        assert!(!limiter.is_enabled());
        // 10 calls a second for 5 s: no limiting before any throttling.
        for i in 1..=50 {
            clock.set(f64::from(i) * 0.1);
            http.push(Ok(ok()));
            block_on(core.send("Op", request())).unwrap();
        }
        assert!(clock.sleeps.lock().unwrap().is_empty());
        let before = limiter.fill_rate();
        // A burst of throttling: 3 calls throttled at each of 3 attempts.
        for _ in 0..9 {
            http.push(Ok(throttled()));
        }
        let events = messages(|| {
            for _ in 0..3 {
                assert_eq!(block_on(core.send("Op", request())).unwrap().status().as_u16(), 400);
            }
        });
        assert_eq!(http.requests().len(), 59);
        // botocore 1.43.11's limiter on the same clock: 70 % of the rate at
        // each response, down to 0.5 a second; 3 attempts had to wait.
        assert!(limiter.is_enabled());
        assert_eq!(limiter.fill_rate(), 0.5);
        assert!((before - 19.999997951999998).abs() < 1e-7, "{before}");
        assert_eq!(clock.sleeps.lock().unwrap().len(), 3);
        assert!(events.iter().any(|m| m.contains("client rate limit: waiting")), "{events:?}");
        // Successes raise the rate again; clones share the limiter.
        let clone = core.clone();
        for _ in 0..100 {
            http.push(Ok(ok()));
            block_on(clone.send("Op", request())).unwrap();
        }
        assert!((limiter.fill_rate() - 89.21663175622372).abs() < 1e-7, "{}", limiter.fill_rate());
        assert_eq!(clone.rate_limiter().map(ClientRateLimiter::fill_rate), Some(limiter.fill_rate()));
    }

    #[test]
    fn standard_mode_never_waits() {
        let http = transport::ReplayClient::default();
        let (clock, core) = mode_core(&http, RetryMode::default());
        assert_eq!(core.config().retry_mode(), RetryMode::Standard);
        assert!(core.rate_limiter().is_none());
        for _ in 0..30 {
            http.push(Ok(throttled()));
        }
        let events = messages(|| {
            for _ in 0..10 {
                assert_eq!(block_on(core.send("Op", request())).unwrap().status().as_u16(), 400);
            }
        });
        assert_eq!(http.requests().len(), 30, "every call made its 3 attempts");
        assert!(clock.sleeps.lock().unwrap().is_empty());
        assert!(!events.iter().any(|m| m.contains("client rate limit")), "{events:?}");
    }

    #[test]
    fn a_retry_after_a_timeout_costs_more() {
        let http = transport::ReplayClient::default();
        let core = quota_core(&http, 15);
        http.push(Err(transport::TransportError::of_kind(transport::TransportErrorKind::Timeout, "slow")));
        http.push(Err(transport::TransportError::of_kind(transport::TransportErrorKind::Connect, "refused")));
        http.push(Ok(unavailable()));
        let response = block_on(core.send("Op", request())).unwrap();
        // 10 for the retry after the timeout, 5 for the one after the refused connection.
        assert_eq!((response.status().as_u16(), core.retry_quota().available()), (503, 0));
        http.push(Err(transport::TransportError::of_kind(transport::TransportErrorKind::Connect, "refused")));
        let err = block_on(core.send("Op", request())).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (DispatchErrorKind::Transport, 1), "no tokens, no retry");
        let unlimited = RetryQuota::new(RetryQuotaConfig::unlimited());
        assert!((0..1000).all(|_| unlimited.acquire(true).is_some()));
    }

    #[test]
    fn an_override_of_max_attempts_makes_one_attempt_where_the_config_retries() {
        let fast = RetryConfig { max_attempts: 3, initial_backoff: Duration::ZERO, ..RetryConfig::default() };
        let http = transport::ReplayClient::new([unavailable(), unavailable(), unavailable()]);
        let core = replay_core(&http, fast.clone());
        let response = block_on(core.send("Op", request())).unwrap();
        assert_eq!((response.status().as_u16(), http.requests().len()), (503, 3), "the config retries");

        let http = transport::ReplayClient::new([unavailable(), unavailable(), unavailable()]);
        let core = replay_core(&http, fast);
        let once = ConfigOverride::new().retry_config(RetryConfig { max_attempts: 1, ..RetryConfig::default() });
        let response = block_on(core.send_with("Op", request(), &once)).unwrap();
        assert_eq!((response.status().as_u16(), http.requests().len()), (503, 1), "the override does not");
    }

    #[test]
    fn an_override_of_the_body_limit_and_timeouts_applies_to_its_call_only() {
        let http = transport::ReplayClient::default();
        let core = replay_core(&http, RetryConfig::disabled());
        let limits = ConfigOverride::new()
            .max_response_body(7)
            .attempt_timeout(Some(Duration::from_millis(10)))
            .operation_timeout(Some(Duration::from_secs(1)));
        let settings = CallSettings::new(&core.config, &limits);
        assert_eq!(
            (settings.max_body, settings.attempt_timeout, settings.operation_timeout, settings.retry.max_attempts),
            (7, Some(Duration::from_millis(10)), Some(Duration::from_secs(1)), 1)
        );
        let none = ConfigOverride::default();
        let settings = CallSettings::new(&core.config, &none);
        assert_eq!((settings.max_body, settings.attempt_timeout, settings.operation_timeout), (64 << 20, None, None));
    }

    #[test]
    fn dispatch_errors_name_the_operation_endpoint_and_attempts() {
        let fast = RetryConfig { max_attempts: 3, initial_backoff: Duration::ZERO, ..RetryConfig::default() };
        let http = transport::ReplayClient::default();
        for _ in 0..3 {
            http.push(Err(transport::TransportError::of_kind(
                transport::TransportErrorKind::Connect,
                "tcp connect error: Connection refused",
            )));
        }
        let err = block_on(replay_core(&http, fast.clone()).send("ListThings", request())).unwrap_err();
        assert_eq!(
            err.to_string(),
            "ListThings: could not connect to https://example.com/ after 3 attempts: tcp connect error: Connection refused"
        );
        assert_eq!(
            (err.kind(), err.operation(), err.endpoint(), err.attempts()),
            (DispatchErrorKind::Transport, "ListThings", Some("https://example.com/"), 3)
        );
        let source = std::error::Error::source(&err).and_then(|e| e.downcast_ref::<transport::TransportError>());
        assert_eq!(source.map(transport::TransportError::kind), Some(transport::TransportErrorKind::Connect));

        // A body too large is not retried: the same body would come back.
        let http = transport::ReplayClient::default();
        http.push(Err(transport::TransportError::of_kind(transport::TransportErrorKind::BodyTooLarge, "too large")));
        let err = block_on(replay_core(&http, fast.clone()).send("Op", request())).unwrap_err();
        assert_eq!((err.kind(), err.attempts(), http.requests().len()), (DispatchErrorKind::Transport, 1, 1));
    }

    #[derive(Debug)]
    struct NoCredentials;

    impl ProvideCredentials for NoCredentials {
        fn provide_credentials(
            &self,
        ) -> credentials::BoxFuture<'_, Result<credentials::Credentials, credentials::CredentialsError>> {
            Box::pin(async { Err(credentials::CredentialsError::new("none here")) })
        }
    }

    #[test]
    fn credentials_and_endpoint_failures_are_not_retried() {
        let http = transport::ReplayClient::new([unavailable()]);
        let config = Config::builder()
            .endpoint_url("https://example.com")
            .credentials(NoCredentials)
            .retry_config(RetryConfig { max_attempts: 5, initial_backoff: Duration::ZERO, ..RetryConfig::default() })
            .http_client(http.clone())
            .build();
        let err = block_on(ClientCore::new(config, &RULES, "svc").send("Op", request())).unwrap_err();
        assert_eq!((err.kind(), err.attempts(), http.requests().len()), (DispatchErrorKind::Credentials, 0, 0));
        assert_eq!(err.to_string(), "Op: no credentials: none here");

        // No endpoint: the rules need `Endpoint`.
        let config = Config::builder().credentials(NoCredentials).http_client(http.clone()).build();
        let err = block_on(ClientCore::new(config, &RULES, "svc").send("Op", request())).unwrap_err();
        assert_eq!((err.kind(), err.endpoint(), http.requests().len()), (DispatchErrorKind::Endpoint, None, 0));
    }

    #[test]
    fn an_operation_timeout_counts_the_attempts_made() {
        #[derive(Debug)]
        struct Slow;
        impl HttpClient for Slow {
            fn send(
                &self,
                _request: http::Request<Vec<u8>>,
                _max_body: usize,
            ) -> credentials::BoxFuture<'_, Result<http::Response<Vec<u8>>, transport::TransportError>> {
                Box::pin(async {
                    tokio::time::sleep(Duration::from_secs(5)).await;
                    Ok(http::Response::new(Vec::new()))
                })
            }
        }
        let config = Config::builder()
            .endpoint_url("https://example.com")
            .credentials(credentials::Credentials::new("AKID", "SECRET", None))
            .http_client(Slow)
            .build();
        let core = ClientCore::new(config, &RULES, "svc");
        let limit = ConfigOverride::new().operation_timeout(Some(Duration::from_millis(20)));
        let err = block_on(core.send_with("Op", request(), &limit)).unwrap_err();
        assert_eq!((err.kind(), err.attempts()), (DispatchErrorKind::Timeout, 1));
        assert_eq!(
            err.to_string(),
            "Op: timed out waiting for https://example.com/ after 1 attempt: the operation's time limit of 20 ms passed"
        );
    }

    /// An operation's error, for `ModifyError`.
    #[derive(Debug)]
    struct OpError;

    impl std::fmt::Display for OpError {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("op error")
        }
    }

    impl std::error::Error for OpError {}

    #[test]
    fn modify_errors_have_their_sdk_error_as_source() {
        let get: ModifyError<OpError, OpError> = ModifyError::Get(crate::SdkError::Dispatch(DispatchError::new(
            DispatchErrorKind::Credentials,
            "GetThing",
            "no credentials: none here",
        )));
        let source = std::error::Error::source(&get).unwrap();
        assert!(source.is::<crate::SdkError<OpError>>(), "{source:?}");
        let update: ModifyError<OpError, OpError> = ModifyError::Update(crate::SdkError::Service(OpError));
        assert!(std::error::Error::source(&update).is_some_and(|e| e.is::<crate::SdkError<OpError>>()));
        let missing: ModifyError<OpError, OpError> = ModifyError::MissingETag;
        assert!(std::error::Error::source(&missing).is_none());
    }
}
