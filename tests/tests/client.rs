//! The async client over the in-memory transport: URLs from the endpoint
//! rules, signed requests, standard retries, timeouts, typed results.

use std::time::Duration;

use cloudfront_sdk::client::{Client, Config, Credentials, RetryConfig, Timeouts};
use cloudfront_sdk::operation::update_streaming_distribution::{
    UpdateStreamingDistributionError, UpdateStreamingDistributionInput,
};
use cloudfront_sdk::types::{S3Origin, StreamingDistributionConfig, TrustedSigners};
use cloudfront_sdk::{ProvideErrorMetadata, SdkError};
use integration_tests::fixture;
use restxml_runtime::client::credentials::{BoxFuture, CredentialsError, ProvideCredentials};
use restxml_runtime::client::transport::{HttpClient, ReplayClient, TransportError};
use restxml_runtime::error::DispatchErrorKind;

fn input() -> UpdateStreamingDistributionInput {
    let config = StreamingDistributionConfig::builder()
        .caller_reference("ref")
        .s3_origin(S3Origin::builder().domain_name("b.s3.amazonaws.com").origin_access_identity("").build().unwrap())
        .comment("c")
        .trusted_signers(TrustedSigners::builder().enabled(false).build().unwrap())
        .enabled(true)
        .build()
        .unwrap();
    UpdateStreamingDistributionInput::builder()
        .id("EDFDVBD6EXAMPLE")
        .if_match("E2QWRUHAPOMQZL")
        .streaming_distribution_config(config)
        .build()
        .unwrap()
}

fn response(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("ETag", "ENEW")
        .header("x-amz-request-id", "rid")
        .body(body.to_vec())
        .unwrap()
}

fn error_body(code: &str) -> Vec<u8> {
    format!(
        "<ErrorResponse><Error><Code>{code}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>"
    )
    .into_bytes()
}

fn client(http: &ReplayClient) -> Client {
    Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", None))
            .retry_config(RetryConfig { initial_backoff: Duration::from_millis(1), ..RetryConfig::default() })
            .http_client(http.clone())
            .build(),
    )
}

#[tokio::test]
async fn a_call_is_sent_signed_to_the_global_endpoint() {
    let http = ReplayClient::new([response(200, &fixture("update_streaming_distribution_200.xml"))]);
    let output = client(&http).update_streaming_distribution_with(input()).send().await.unwrap();
    assert_eq!(output.e_tag.as_deref(), Some("ENEW"));
    assert_eq!(output.streaming_distribution.unwrap().id, "EGTXBD79H29TRA8");
    let sent = http.requests();
    assert_eq!(sent.len(), 1);
    assert_eq!(
        sent[0].uri().to_string(),
        "https://cloudfront.amazonaws.com/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config"
    );
    assert_eq!(sent[0].headers()["if-match"], "E2QWRUHAPOMQZL");
    let auth = sent[0].headers()["authorization"].to_str().unwrap();
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), "{auth}");
    assert!(auth.contains("/us-east-1/cloudfront/aws4_request"), "{auth}");
    assert!(sent[0].headers().contains_key("x-amz-date"));
}

#[tokio::test]
async fn transient_errors_and_throttling_are_retried() {
    let http = ReplayClient::new([response(503, b""), response(400, &error_body("Throttling")), response(200, b"")]);
    let output = client(&http).update_streaming_distribution_with(input()).send().await.unwrap();
    assert_eq!(output.e_tag.as_deref(), Some("ENEW"));
    assert_eq!(http.requests().len(), 3);
}

#[tokio::test]
async fn a_modeled_client_error_is_never_retried() {
    let http = ReplayClient::new([response(404, &error_body("NoSuchStreamingDistribution")), response(200, b"")]);
    let err = client(&http).update_streaming_distribution_with(input()).send().await.unwrap_err();
    assert!(
        matches!(err, SdkError::Service(UpdateStreamingDistributionError::NoSuchStreamingDistribution(_))),
        "{err:?}"
    );
    assert_eq!(http.requests().len(), 1);
}

#[tokio::test]
async fn attempts_are_bounded_and_the_last_answer_is_returned() {
    let http = ReplayClient::new([response(503, b""), response(503, b""), response(503, b""), response(200, b"")]);
    let err = client(&http)
        .update_streaming_distribution_with(input())
        .send()
        .await
        .unwrap_err()
        .into_service_error()
        .unwrap();
    assert_eq!((err.status(), err.code(), err.request_id()), (503, None, Some("rid")));
    assert_eq!(http.requests().len(), 3, "max_attempts is 3");
}

#[tokio::test]
async fn connection_failures_are_retried_then_reported() {
    let http = ReplayClient::default();
    http.push(Err(TransportError::new("connection refused")));
    http.push(Ok(response(200, b"")));
    assert!(client(&http).update_streaming_distribution_with(input()).send().await.is_ok());

    let http = ReplayClient::default();
    for _ in 0..3 {
        http.push(Err(TransportError::new("connection refused")));
    }
    let err = client(&http).update_streaming_distribution_with(input()).send().await.unwrap_err();
    let SdkError::Dispatch(dispatch) = &err else { panic!("{err:?}") };
    assert_eq!(dispatch.kind(), DispatchErrorKind::Transport);
    assert!(dispatch.to_string().contains("after 3 attempts"), "{dispatch}");
}

#[tokio::test]
async fn endpoint_override_fips_and_partitions() {
    let http = ReplayClient::new([response(200, b"")]);
    let local = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url("http://127.0.0.1:5000")
            .credentials(Credentials::new("a", "b", None))
            .http_client(http.clone())
            .build(),
    );
    local.update_streaming_distribution_with(input()).send().await.unwrap();
    assert_eq!(
        http.requests()[0].uri().to_string(),
        "http://127.0.0.1:5000/2020-05-31/streaming-distribution/EDFDVBD6EXAMPLE/config"
    );

    let http = ReplayClient::new([response(200, b"")]);
    let china = Client::new(
        Config::builder()
            .region("cn-north-1")
            .credentials(Credentials::new("a", "b", None))
            .http_client(http.clone())
            .build(),
    );
    china.update_streaming_distribution_with(input()).send().await.unwrap();
    let sent = &http.requests()[0];
    assert_eq!(sent.uri().host(), Some("cloudfront.cn-northwest-1.amazonaws.com.cn"));
    assert!(sent.headers()["authorization"].to_str().unwrap().contains("/cn-northwest-1/cloudfront/"));

    let http = ReplayClient::new([]);
    let bad = Client::new(
        Config::builder()
            .region("us-east-1")
            .use_fips(true)
            .endpoint_url("https://x")
            .credentials(Credentials::new("a", "b", None))
            .http_client(http.clone())
            .build(),
    );
    let err = bad.update_streaming_distribution_with(input()).send().await.unwrap_err();
    assert!(err.to_string().contains("FIPS and custom endpoint are not supported"), "{err}");
    assert!(http.requests().is_empty(), "nothing is sent");
}

#[derive(Debug)]
struct NoCredentials;

impl ProvideCredentials for NoCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async { Err(CredentialsError::new("none here")) })
    }
}

#[tokio::test]
async fn missing_credentials_send_nothing() {
    let http = ReplayClient::new([response(200, b"")]);
    let client =
        Client::new(Config::builder().region("us-east-1").credentials(NoCredentials).http_client(http.clone()).build());
    let err = client.update_streaming_distribution_with(input()).send().await.unwrap_err();
    assert!(matches!(&err, SdkError::Dispatch(d) if d.kind() == DispatchErrorKind::Credentials), "{err:?}");
    assert!(http.requests().is_empty());
}

#[derive(Debug)]
struct Slow;

impl HttpClient for Slow {
    fn send(
        &self,
        _request: http::Request<Vec<u8>>,
        _max: usize,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        Box::pin(async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            Ok(http::Response::new(Vec::new()))
        })
    }
}

#[tokio::test]
async fn timeouts_end_attempts_and_operations() {
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .credentials(Credentials::new("a", "b", None))
            .http_client(Slow)
            .retry_config(RetryConfig::disabled())
            .timeouts(Timeouts { operation: Some(Duration::from_millis(50)), ..Timeouts::default() })
            .build(),
    );
    let err = client.update_streaming_distribution_with(input()).send().await.unwrap_err();
    assert!(matches!(&err, SdkError::Dispatch(d) if d.kind() == DispatchErrorKind::Timeout), "{err:?}");
}

#[test]
fn secrets_stay_out_of_debug_output() {
    let config = Config::builder()
        .region("us-east-1")
        .credentials(Credentials::new("AKIDEXAMPLE", "SECRETSECRET", Some("TOKENTOKEN".into())))
        .build();
    let printed = format!("{config:?}");
    assert!(printed.contains("AKIDEXAMPLE"));
    assert!(!printed.contains("SECRETSECRET") && !printed.contains("TOKENTOKEN"), "{printed}");
}
