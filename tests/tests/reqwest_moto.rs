//! The `reqwest` transport end to end: a caller's `reqwest::Client` as the
//! client's transport (`ReqwestClient`, feature `reqwest`) against moto's
//! CloudFront (`moto[server]`, pinned in scripts/test.sh), started on a
//! free loopback port and stopped when the test ends, pass or fail.

use cloudfront_sdk::client::{Client, Config, Credentials, ReqwestClient};
use cloudfront_sdk::{DispatchErrorKind, SdkError};
use integration_tests::moto::Moto;
use serde_json::json;

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

fn client(endpoint: &str) -> Client {
    Client::new(
        Config::builder()
            .http_client(ReqwestClient::new(reqwest::Client::new()))
            .region("us-east-1")
            .endpoint_url(endpoint)
            .credentials(Credentials::new("testing", "testing", None))
            .build(),
    )
}

#[tokio::test]
async fn calls_through_a_reqwest_client() {
    let moto = Moto::start();
    let client = client(&moto.url);

    let created = client
        .create_distribution()
        .distribution_config(from_json(json!({
            "CallerReference": "reqwest-1",
            "Origins": {"Quantity": 1, "Items": [{"Id": "origin-1", "DomainName": "example-bucket.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
            "DefaultCacheBehavior": {"TargetOriginId": "origin-1", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
            "Comment": "through reqwest",
            "Enabled": true
        })))
        .send()
        .await
        .unwrap();
    let distribution = created.distribution.unwrap();
    assert!(created.location.unwrap().ends_with(&distribution.id));
    assert!(created.e_tag.is_some());

    let listed = client.list_distributions().send().await.unwrap();
    let list = listed.distribution_list.unwrap();
    assert_eq!(list.quantity, 1);
    let items = list.items.unwrap_or_default();
    assert_eq!(items.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), [distribution.id.as_str()]);
    assert_eq!(items[0].domain_name, distribution.domain_name);
    // moto 5.2.1's list summaries leave `Comment` out (it reads as ""): the
    // comment comes back from GetDistribution instead.
    let got = client.get_distribution().id(&distribution.id).send().await.unwrap();
    assert_eq!(got.distribution.unwrap().distribution_config.comment, "through reqwest");

    // A service error comes back through the same transport.
    let missing = client.get_distribution().id("NOSUCHID").send().await.unwrap_err();
    assert!(matches!(missing, SdkError::Service(_)), "{missing:?}");
}

#[tokio::test]
async fn a_refused_connection_reads_well() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}");
    let client = Client::new(
        Config::builder()
            .http_client(ReqwestClient::new(reqwest::Client::new()))
            .region("us-east-1")
            .endpoint_url(&url)
            .credentials(Credentials::new("testing", "testing", None))
            .retry_config(cloudfront_sdk::client::RetryConfig {
                initial_backoff: std::time::Duration::ZERO,
                ..Default::default()
            })
            .build(),
    );
    let err = client.list_distributions().send().await.unwrap_err();
    let SdkError::Dispatch(dispatch) = &err else { panic!("{err:?}") };
    assert_eq!(dispatch.kind(), DispatchErrorKind::Transport);
    assert_eq!((dispatch.operation(), dispatch.attempts()), ("ListDistributions", 3));
    let text = dispatch.to_string();
    assert!(text.starts_with(&format!("ListDistributions: could not connect to {url}/ after 3 attempts: ")), "{text}");
}
