//! The client: configuration, endpoint, credentials, signing, retries and
//! timeouts around an HTTP transport. Generated clients call
//! [`ClientCore::send`] with a request from an operation's
//! `serialize_request` and hand the response to its `parse_response`.

pub mod credentials;
pub mod endpoint;
pub mod paginate;
pub mod profile;
pub mod retry;
pub mod sign;
pub mod transport;

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use tracing::Instrument as _;

use crate::error::DispatchError;
use credentials::{DefaultCredentialsChain, ProvideCredentials, SharedCredentials};
use endpoint::{Endpoint, EndpointParams, RuleSet};
use retry::RetryConfig;
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
    timeouts: Timeouts,
    http: SharedHttpClient,
    max_body: usize,
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

/// Builds a [`Config`].
#[derive(Debug, Clone, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    credentials: Option<SharedCredentials>,
    endpoint_url: Option<String>,
    use_fips: bool,
    use_dual_stack: bool,
    retry: Option<RetryConfig>,
    timeouts: Timeouts,
    http: Option<SharedHttpClient>,
    max_body: Option<usize>,
}

impl Config {
    /// Settings, starting from the defaults: region from `AWS_REGION` (or
    /// `AWS_DEFAULT_REGION`), credentials from the environment then the
    /// shared files, standard retries (3 attempts), no timeouts, the HTTPS
    /// client, 64 MiB response bodies at most.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// The region.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
}

impl ConfigBuilder {
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

    /// Time limits.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The HTTP transport.
    pub fn http_client(mut self, client: impl HttpClient + 'static) -> Self {
        self.http = Some(Arc::new(client));
        self
    }

    /// The largest response body read (default 64 MiB).
    pub fn max_response_body(mut self, bytes: usize) -> Self {
        self.max_body = Some(bytes);
        self
    }

    /// The settings.
    pub fn build(self) -> Config {
        let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        Config {
            region: self.region.or_else(|| env("AWS_REGION")).or_else(|| env("AWS_DEFAULT_REGION")),
            credentials: self.credentials.unwrap_or_else(|| Arc::new(DefaultCredentialsChain)),
            endpoint_url: self.endpoint_url,
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
            retry: self.retry.unwrap_or_default(),
            timeouts: self.timeouts.clone(),
            http: self.http.unwrap_or_else(|| default_http_client(self.timeouts.connect)),
            max_body: self.max_body.unwrap_or(64 << 20),
        }
    }
}

#[cfg(feature = "https")]
fn default_http_client(connect_timeout: Option<Duration>) -> SharedHttpClient {
    Arc::new(transport::HyperClient::with_connect_timeout(connect_timeout))
}

#[cfg(not(feature = "https"))]
fn default_http_client(_connect_timeout: Option<Duration>) -> SharedHttpClient {
    Arc::new(transport::NoHttpClient)
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
    endpoint: Result<Endpoint, endpoint::EndpointError>,
    signing_name: &'static str,
    error_reader: ErrorReader,
}

impl ClientCore {
    /// A client for a service with the given endpoint rules and SigV4
    /// signing name.
    pub fn new(config: Config, rules: &RuleSet, signing_name: &'static str) -> Self {
        let mut params =
            EndpointParams::new().boolean("UseFIPS", config.use_fips).boolean("UseDualStack", config.use_dual_stack);
        if let Some(region) = &config.region {
            params = params.string("Region", region.clone());
        }
        if let Some(url) = &config.endpoint_url {
            params = params.string("Endpoint", url.clone());
        }
        // Every parameter is client-wide, so the endpoint is resolved once;
        // an error is kept and returned by each call.
        let endpoint = rules.resolve(&params);
        ClientCore { config, endpoint, signing_name, error_reader: crate::error_body::error_metadata }
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

    /// Sends `request` (from an operation's `serialize_request`): resolves
    /// the URL, signs, sends, and retries throttling and transient errors.
    /// The last response is returned whatever its status, for the
    /// operation's `parse_response`.
    pub async fn send(
        &self,
        operation: &'static str,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, DispatchError> {
        let span = tracing::info_span!(
            "aws_call",
            service = self.signing_name,
            operation,
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty
        );
        let call = self.send_with_retries(request, &span).instrument(span.clone());
        let result = match self.config.timeouts.operation {
            Some(limit) => {
                tokio::time::timeout(limit, call).await.unwrap_or(Err(DispatchError::timeout("operation", limit)))
            }
            None => call.await,
        };
        if let Ok(response) = &result {
            span.record("status", response.status().as_u16());
        }
        result
    }

    /// Sends with retries, recording attempts and the request id in `span`.
    async fn send_with_retries(
        &self,
        request: http::Request<Vec<u8>>,
        span: &tracing::Span,
    ) -> Result<http::Response<Vec<u8>>, DispatchError> {
        let endpoint = self.endpoint.as_ref().map_err(|e| DispatchError::endpoint(e.message()))?;
        let request = absolute(request, endpoint)?;
        let region = endpoint
            .signing_region
            .clone()
            .or_else(|| self.config.region.clone())
            .unwrap_or_else(|| "us-east-1".into());
        let name = endpoint.signing_name.as_deref().unwrap_or(self.signing_name);
        let retry = &self.config.retry;
        let mut attempt = 1;
        loop {
            let credentials = self
                .config
                .credentials
                .provide_credentials()
                .await
                .map_err(|e| DispatchError::credentials(e.to_string()))?;
            let mut signed = request.clone();
            sign::sign_request(&mut signed, &credentials, &region, name, SystemTime::now())
                .map_err(|e| DispatchError::signing(e.to_string()))?;
            let sent = self.config.http.send(signed, self.config.max_body);
            let outcome = match self.config.timeouts.attempt {
                Some(limit) => tokio::time::timeout(limit, sent)
                    .await
                    .unwrap_or(Err(transport::TransportError::new(format!("attempt timed out after {limit:?}")))),
                None => sent.await,
            };
            span.record("attempts", attempt);
            // The request id of the last answer, success or error, read as
            // botocore reads it: `x-amzn-RequestId` (CloudFront, Route 53),
            // else `x-amz-request-id` (S3), else an error body's `<RequestId>`.
            let retryable = match &outcome {
                Ok(response) if response.status().is_success() => {
                    if let Some(id) = crate::error_body::header_request_id(response.headers()) {
                        span.record("request_id", id);
                    }
                    false
                }
                Ok(response) => {
                    let meta = (self.error_reader)(response.status().as_u16(), response.headers(), response.body());
                    if let Some(id) = &meta.request_id {
                        span.record("request_id", id.as_str());
                    }
                    retry::is_retryable(meta.status, meta.code.as_deref())
                }
                Err(_) => true,
            };
            if !retryable || attempt >= retry.max_attempts {
                return outcome.map_err(|e| DispatchError::transport(e.to_string(), attempt));
            }
            let pause = retry.backoff(attempt, jitter());
            tracing::debug!(attempt, ?pause, "retrying");
            tokio::time::sleep(pause).await;
            attempt += 1;
        }
    }
}

/// Puts the endpoint (and any host prefix) in front of a relative request URI.
/// Points `request` (a path and query) at the endpoint, with the
/// endpoint's host prefix and headers.
fn absolute(mut request: http::Request<Vec<u8>>, endpoint: &Endpoint) -> Result<http::Request<Vec<u8>>, DispatchError> {
    for (name, value) in &endpoint.headers {
        let name = http::HeaderName::try_from(name.as_str())
            .map_err(|_| DispatchError::endpoint(&format!("endpoint header name {name:?} is not valid")))?;
        let value = http::HeaderValue::try_from(value.as_str())
            .map_err(|_| DispatchError::endpoint(&format!("endpoint header {name} has a value HTTP cannot carry")))?;
        request.headers_mut().append(name, value);
    }
    let endpoint = endpoint.url.as_str();
    let base: http::Uri =
        endpoint.parse().map_err(|_| DispatchError::endpoint(&format!("{endpoint:?} is not a URL")))?;
    let (Some(scheme), Some(authority)) = (base.scheme_str(), base.authority()) else {
        return Err(DispatchError::endpoint(&format!("{endpoint:?} lacks a scheme or host")));
    };
    let prefix = request.extensions().get::<crate::http::HostPrefix>().map(|p| p.0.clone()).unwrap_or_default();
    let base_path = base.path().trim_end_matches('/');
    let path_and_query = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let uri = format!("{scheme}://{prefix}{authority}{base_path}{path_and_query}");
    *request.uri_mut() = uri.parse().map_err(|_| DispatchError::endpoint(&format!("{uri:?} is not a valid URI")))?;
    Ok(request)
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

impl<G: std::error::Error + 'static, U: std::error::Error + 'static> std::error::Error for ModifyError<G, U> {}

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
        fn event(&self, _: &tracing::Event<'_>) {}
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
}
