//! End to end against a real server: moto's CloudFront (`moto[server]`,
//! pinned in scripts/test.sh), started on a free loopback port, with real
//! signed HTTP requests through the default transport. The server is
//! stopped when the test ends, pass or fail.

use std::time::Duration;

use cloudfront_sdk::client::{Client, Config, Credentials};
use cloudfront_sdk::operation::update_streaming_distribution::UpdateStreamingDistributionError;
use cloudfront_sdk::{ProvideErrorMetadata, SdkError};
use integration_tests::moto::Moto;
use restxml_runtime::client::paginate::WaiterError;
use restxml_runtime::client::transport::{HttpClient, HyperClient};
use serde_json::json;

fn from_json<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).unwrap()
}

fn distribution_config(reference: &str, comment: &str) -> cloudfront_sdk::types::DistributionConfig {
    from_json(json!({
        "CallerReference": reference,
        "Origins": {"Quantity": 1, "Items": [{"Id": "origin-1", "DomainName": "example-bucket.s3.amazonaws.com", "S3OriginConfig": {"OriginAccessIdentity": ""}}]},
        "DefaultCacheBehavior": {"TargetOriginId": "origin-1", "ViewerProtocolPolicy": "allow-all", "CachePolicyId": "658327ea-f89d-4fab-a63d-7e88639e58f6"},
        "Comment": comment,
        "Enabled": true
    }))
}

/// moto's state manager: distributions stay `InProgress` for `reads` reads.
async fn slow_down_deployments(moto: &Moto, reads: u32) {
    let body =
        json!({"model_name": "cloudfront::distribution", "transition": {"progression": "manual", "times": reads}});
    let request = http::Request::post(format!("{}/moto-api/state-manager/set-transition", moto.url))
        .body(body.to_string().into_bytes())
        .unwrap();
    let response = HyperClient::default().send(request, 1 << 20).await.unwrap();
    assert!(response.status().is_success(), "{response:?}");
}

#[tokio::test]
async fn a_session_against_moto() {
    let moto = Moto::start();
    slow_down_deployments(&moto, 2).await;
    let client = Client::new(
        Config::builder()
            .region("us-east-1")
            .endpoint_url(&moto.url)
            .credentials(Credentials::new("testing", "testing", None))
            .build(),
    );

    // Create two distributions: 201 with Location and ETag.
    let mut ids = Vec::new();
    for n in 0..2 {
        let created = client
            .create_distribution()
            .distribution_config(distribution_config(&format!("ref-{n}"), "first"))
            .send()
            .await
            .unwrap();
        let distribution = created.distribution.unwrap();
        assert!(created.location.unwrap().ends_with(&distribution.id));
        assert!(created.e_tag.is_some());
        ids.push(distribution.id);
    }
    let id = ids[0].clone();

    // The waiter polls through InProgress to Deployed.
    let deployed = client
        .get_distribution()
        .id(&id)
        .wait_until_distribution_deployed()
        .delay(Duration::from_millis(50))
        .max_attempts(10)
        .await
        .unwrap();
    assert_eq!(deployed.distribution.unwrap().status, "Deployed");

    // Read the config and its ETag, update with If-Match, read it back.
    let current = client.get_distribution_config().id(&id).send().await.unwrap();
    let mut config = current.distribution_config.unwrap();
    config.comment = "second".into();
    client
        .update_distribution()
        .id(&id)
        .if_match(current.e_tag.unwrap())
        .distribution_config(config)
        .send()
        .await
        .unwrap();
    let fresh = client.get_distribution_config().id(&id).send().await.unwrap();
    assert_eq!(fresh.distribution_config.unwrap().comment, "second");

    // The same through the read-modify-write helper.
    client.get_distribution_config().id(&id).read_modify_write(|c| c.comment = "third".into()).await.unwrap();
    let fresh = client.get_distribution_config().id(&id).send().await.unwrap();
    assert_eq!(fresh.distribution_config.unwrap().comment, "third");

    // Every created distribution comes back through the paginator.
    let listed: Vec<String> = client
        .list_distributions()
        .into_paginator()
        .items()
        .collect_items()
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    for id in &ids {
        assert!(listed.contains(id), "{id} not in {listed:?}");
    }

    // An invalidation; moto says COMPLETED where the model's waiter wants
    // Completed, so the waiter must run out of attempts.
    let invalidation = client
        .create_invalidation()
        .distribution_id(&id)
        .invalidation_batch(from_json(json!({"Paths": {"Quantity": 1, "Items": ["/*"]}, "CallerReference": "inv-1"})))
        .send()
        .await
        .unwrap()
        .invalidation
        .unwrap();
    let read = client.get_invalidation().distribution_id(&id).id(&invalidation.id).send().await.unwrap();
    assert_eq!(read.invalidation.unwrap().status, "COMPLETED");
    let err = client
        .get_invalidation()
        .distribution_id(&id)
        .id(&invalidation.id)
        .wait_until_invalidation_completed()
        .delay(Duration::from_millis(10))
        .max_attempts(3)
        .await
        .unwrap_err();
    assert!(matches!(err, WaiterError::MaxAttemptsExceeded { attempts: 3 }), "{err:?}");

    // Tags.
    let arn = client.get_distribution().id(&id).send().await.unwrap().distribution.unwrap().arn;
    client
        .tag_resource()
        .resource(&arn)
        .tags(from_json(json!({"Items": [{"Key": "team", "Value": "media"}, {"Key": "env", "Value": "test"}]})))
        .send()
        .await
        .unwrap();
    let tags = client.list_tags_for_resource().resource(&arn).send().await.unwrap().tags.items.unwrap_or_default();
    assert_eq!(tags.len(), 2, "{tags:?}");
    client.untag_resource().resource(&arn).tag_keys(from_json(json!({"Items": ["env"]}))).send().await.unwrap();
    let tags = client.list_tags_for_resource().resource(&arn).send().await.unwrap().tags.items.unwrap_or_default();
    assert_eq!(tags.iter().map(|t| t.key.as_str()).collect::<Vec<_>>(), ["team"]);

    // Origin access controls.
    let oac = client
        .create_origin_access_control()
        .origin_access_control_config(from_json(json!({"Name": "oac-1", "SigningProtocol": "sigv4", "SigningBehavior": "always", "OriginAccessControlOriginType": "s3"})))
        .send()
        .await
        .unwrap()
        .origin_access_control
        .unwrap();
    let got = client.get_origin_access_control().id(&oac.id).send().await.unwrap();
    assert_eq!(got.origin_access_control.unwrap().origin_access_control_config.unwrap().name, "oac-1");
    let listed = client.list_origin_access_controls().send().await.unwrap().origin_access_control_list.unwrap();
    assert!(listed.items.unwrap_or_default().iter().any(|o| o.id == oac.id));

    // Public keys and key groups.
    let key = client
        .create_public_key()
        .public_key_config(from_json(json!({"CallerReference": "pk-1", "Name": "key-1", "EncodedKey": "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----\n"})))
        .send()
        .await
        .unwrap()
        .public_key
        .unwrap();
    let got = client.get_public_key().id(&key.id).send().await.unwrap();
    assert_eq!(got.public_key.unwrap().public_key_config.name, "key-1");
    assert!(
        client
            .list_public_keys()
            .send()
            .await
            .unwrap()
            .public_key_list
            .unwrap()
            .items
            .unwrap_or_default()
            .iter()
            .any(|k| k.id == key.id)
    );
    let group = client
        .create_key_group()
        .key_group_config(from_json(json!({"Name": "group-1", "Items": [key.id]})))
        .send()
        .await
        .unwrap()
        .key_group
        .unwrap();
    let got = client.get_key_group().id(&group.id).send().await.unwrap();
    assert_eq!(got.key_group.unwrap().key_group_config.name, "group-1");
    assert!(
        client
            .list_key_groups()
            .send()
            .await
            .unwrap()
            .key_group_list
            .unwrap()
            .items
            .unwrap_or_default()
            .iter()
            .any(|g| g.key_group.id == group.id)
    );

    // Disable, then delete a distribution.
    client.get_distribution_config().id(&ids[1]).read_modify_write(|c| c.enabled = false).await.unwrap();
    let etag = client.get_distribution().id(&ids[1]).send().await.unwrap().e_tag.unwrap();
    client.delete_distribution().id(&ids[1]).if_match(etag).send().await.unwrap();
    let gone = client.get_distribution().id(&ids[1]).send().await.unwrap_err();
    assert_eq!(gone.into_service_error().unwrap().code(), Some("NoSuchDistribution"));

    // moto does not implement UpdateStreamingDistribution: a 404 with an
    // HTML body, so an unhandled error with the status and no code.
    let err = client
        .update_streaming_distribution()
        .id("EDFDVBD6EXAMPLE")
        .if_match("E1")
        .streaming_distribution_config(from_json(json!({
            "CallerReference": "r", "S3Origin": {"DomainName": "b.s3.amazonaws.com", "OriginAccessIdentity": ""},
            "Comment": "c", "TrustedSigners": {"Enabled": false, "Quantity": 0}, "Enabled": true
        })))
        .send()
        .await
        .unwrap_err();
    let SdkError::Service(UpdateStreamingDistributionError::Unhandled(unhandled)) = &err else { panic!("{err:?}") };
    assert_eq!((unhandled.status(), unhandled.code(), unhandled.request_id()), (404, None, None));
}
