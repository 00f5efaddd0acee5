//! S3 calls through the client and an in-memory transport: where requests
//! go (the bucket placed by the endpoint rules, per request), what they
//! carry (object keys as botocore sends them, the caller's headers), and
//! S3's own error rules (bodiless HEAD errors, errors hidden in `200 OK`).

use http::Response;
use s3_sdk::client::{ClientContextParams as _, Config, Credentials, ReplayClient, RetryConfig};
use s3_sdk::{Blob, ByteStream, ProvideErrorMetadata as _, SdkError};

fn client_with(
    http: &ReplayClient,
    configure: impl FnOnce(
        s3_sdk::client::ConfigBuilder<s3_sdk::client::WithTransport>,
    ) -> s3_sdk::client::ConfigBuilder<s3_sdk::client::WithTransport>,
) -> s3_sdk::Client {
    let config = Config::builder()
        .http_client(http.clone())
        .region("us-west-2")
        .credentials(Credentials::new("AKIDEXAMPLE", "secret", None))
        .retry_config(RetryConfig { initial_backoff: std::time::Duration::ZERO, ..RetryConfig::default() });
    s3_sdk::Client::new(configure(config).build())
}

fn ok(body: &str) -> Response<Vec<u8>> {
    Response::builder().status(200).body(body.as_bytes().to_vec()).unwrap()
}

fn sent(http: &ReplayClient) -> Vec<String> {
    http.requests().iter().map(|r| r.uri().to_string()).collect()
}

const LIST_V2: &str =
    "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>";

#[tokio::test]
async fn buckets_go_in_the_host_unless_path_style_is_needed_or_asked_for() {
    let http = ReplayClient::default();
    for _ in 0..6 {
        http.push(Ok(ok(LIST_V2)));
    }
    let client = client_with(&http, |c| c);
    client.list_objects_v2().bucket("my-bucket").prefix("a/").send().await.unwrap();
    // Not a DNS label: path style, the bucket encoded once in the path.
    client.list_objects_v2().bucket("My_Bucket").send().await.unwrap();
    client.get_object().bucket("my.bucket").key("k").send().await.unwrap();
    let path_style = client_with(&http, |c| c.force_path_style(true));
    path_style.list_objects_v2().bucket("my-bucket").send().await.unwrap();
    path_style.get_object().bucket("my-bucket").key("dir/k").send().await.unwrap();
    // A custom endpoint that is an IP address.
    let local = client_with(&http, |c| c.endpoint_url("http://127.0.0.1:9000"));
    local.get_object().bucket("my-bucket").key("k").send().await.unwrap();
    assert_eq!(
        sent(&http),
        [
            "https://my-bucket.s3.us-west-2.amazonaws.com/?list-type=2&encoding-type=url&prefix=a%2F",
            "https://s3.us-west-2.amazonaws.com/My_Bucket?list-type=2&encoding-type=url",
            // Dots break the TLS wildcard: path style over HTTPS.
            "https://s3.us-west-2.amazonaws.com/my.bucket/k",
            "https://s3.us-west-2.amazonaws.com/my-bucket?list-type=2&encoding-type=url",
            "https://s3.us-west-2.amazonaws.com/my-bucket/dir/k",
            "http://127.0.0.1:9000/my-bucket/k",
        ]
    );
}

#[tokio::test]
async fn us_east_1_is_regional_unless_the_global_endpoint_is_asked_for() {
    let http = ReplayClient::new([ok(""), ok(""), ok("")]);
    let regional = client_with(&http, |c| c.region("us-east-1"));
    regional.head_bucket().bucket("bkt1").send().await.unwrap();
    let global = client_with(&http, |c| c.region("us-east-1").use_global_endpoint(true));
    global.head_bucket().bucket("bkt1").send().await.unwrap();
    // Only us-east-1 has the legacy global host.
    let elsewhere = client_with(&http, |c| c.use_global_endpoint(true));
    elsewhere.head_bucket().bucket("bkt1").send().await.unwrap();
    assert_eq!(
        sent(&http),
        [
            "https://bkt1.s3.us-east-1.amazonaws.com/",
            "https://bkt1.s3.amazonaws.com/",
            "https://bkt1.s3.us-west-2.amazonaws.com/"
        ]
    );
}

#[tokio::test]
async fn get_bucket_location_is_always_path_style() {
    let body = r#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>"#;
    let http = ReplayClient::new([ok(body)]);
    client_with(&http, |c| c).get_bucket_location().bucket("my-bucket").send().await.unwrap();
    assert_eq!(sent(&http), ["https://s3.us-west-2.amazonaws.com/my-bucket?location"]);
}

#[tokio::test]
async fn object_keys_are_sent_and_signed_as_botocore_sends_them() {
    let keys = ["a/../b", "./x", "..", "a//b", "/lead", "~tilde", "sp ace+plus%pct", "ünï/中文", "trailing/"];
    let http = ReplayClient::default();
    for _ in keys {
        http.push(Ok(ok("")));
    }
    let client = client_with(&http, |c| c);
    for key in keys {
        client.get_object().bucket("bkt").key(key).send().await.unwrap_or_else(|e| panic!("{key}: {e:?}"));
    }
    assert!(http.requests().iter().all(|r| r.uri().host() == Some("bkt.s3.us-west-2.amazonaws.com")));
    let paths: Vec<String> = http.requests().iter().map(|r| r.uri().path().to_string()).collect();
    assert_eq!(
        paths,
        [
            "/a/../b",
            "/./x",
            "/..",
            "/a//b",
            "//lead",
            "/~tilde",
            "/sp%20ace%2Bplus%25pct",
            "/%C3%BCn%C3%AF/%E4%B8%AD%E6%96%87",
            "/trailing/",
        ]
    );
    // S3 signs the path as sent (no normalization) with the payload hash.
    for request in http.requests() {
        assert!(request.headers().contains_key("x-amz-content-sha256"), "{}", request.uri());
        assert!(request.headers()["authorization"].to_str().unwrap().contains("/us-west-2/s3/aws4_request"));
    }
    // Bucket names S3 cannot have are refused before sending.
    let refused = client.get_object().bucket("bucket name").key("k").send().await.unwrap_err();
    assert!(matches!(&refused, SdkError::Build(e) if e.to_string().contains("bucket name")), "{refused:?}");
    assert_eq!(http.requests().len(), keys.len());
}

#[tokio::test]
async fn the_callers_content_type_wins() {
    let http = ReplayClient::new([ok(""), ok("")]);
    let client = client_with(&http, |c| c);
    client
        .put_object()
        .bucket("b")
        .key("k.json")
        .content_type("application/json")
        .body(Blob::new(b"{}".to_vec()))
        .send()
        .await
        .unwrap();
    client.put_object().bucket("b").key("k.bin").body(Blob::new(b"\x00".to_vec())).send().await.unwrap();
    let types: Vec<String> =
        http.requests().iter().map(|r| r.headers()["content-type"].to_str().unwrap().to_string()).collect();
    assert_eq!(types, ["application/json", "application/octet-stream"]);
}

#[tokio::test]
async fn a_bodiless_head_404_is_the_operations_not_found_error() {
    let not_found = || Response::builder().status(404).header("x-amz-request-id", "R1").body(Vec::new()).unwrap();
    let http = ReplayClient::new([not_found(), not_found(), Response::builder().status(403).body(Vec::new()).unwrap()]);
    let client = client_with(&http, |c| c);
    let error = client.head_object().bucket("b").key("missing").send().await.unwrap_err();
    let error = error.into_service_error().expect("a service error");
    assert!(error.is_no_such_key(), "{error:?}");
    // botocore's code and message for a bodiless error: the status.
    assert_eq!((error.code(), error.message(), error.request_id()), (Some("404"), Some("Not Found"), Some("R1")));
    let error = client.head_bucket().bucket("b").send().await.unwrap_err().into_service_error().unwrap();
    assert!(error.is_no_such_bucket(), "{error:?}");
    // Another status has no modeled error: unhandled, with its status code.
    let error = client.head_object().bucket("b").key("k").send().await.unwrap_err().into_service_error().unwrap();
    assert!(error.is_unhandled());
    assert_eq!(error.code(), Some("403"));
}

#[tokio::test]
async fn an_error_in_a_200_is_retried_like_a_500_then_returned() {
    let in_200 = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>InternalError</Code><Message>We encountered an internal error. Please try again.</Message><RequestId>R2</RequestId></Error>";
    let copied =
        "<CopyObjectResult><ETag>\"e\"</ETag><LastModified>2026-01-01T00:00:00.000Z</LastModified></CopyObjectResult>";
    // An error then success: retried, and the call succeeds.
    let http = ReplayClient::new([ok(in_200), ok(copied)]);
    let client = client_with(&http, |c| c);
    let output = client.copy_object().bucket("b").key("k").copy_source("src/k").send().await.unwrap();
    assert_eq!(output.copy_object_result.and_then(|r| r.e_tag).as_deref(), Some("\"e\""));
    assert_eq!(http.requests().len(), 2);
    // Errors to the last attempt: the error, as the 500 it stands for.
    let http = ReplayClient::new([ok(in_200), ok(in_200), ok(in_200)]);
    let client = client_with(&http, |c| c);
    let error = client.copy_object().bucket("b").key("k").copy_source("src/k").send().await.unwrap_err();
    let error = error.into_service_error().unwrap();
    assert_eq!((error.code(), error.meta().status), (Some("InternalError"), 500));
    assert_eq!(http.requests().len(), 3);
    // A body cut off mid-document is the same.
    let cut = "<CompleteMultipartUploadResult><Location>https://b.s3.amazonaws.com/k</Location><Bucket>b</Bu";
    let http = ReplayClient::new([ok(cut), ok(cut), ok(cut)]);
    let client = client_with(&http, |c| c);
    let error = client.complete_multipart_upload().bucket("b").key("k").upload_id("u").send().await.unwrap_err();
    assert_eq!(error.into_service_error().unwrap().meta().status, 500);
    // An object whose bytes are an error document is just an object.
    let http = ReplayClient::new([ok(in_200)]);
    let object = client_with(&http, |c| c).get_object().bucket("b").key("error.xml").send().await.unwrap();
    assert_eq!(object.body.as_ref().and_then(|b| b.bytes()).map(|b| &b[..]), Some(in_200.as_bytes()));
    assert_eq!(http.requests().len(), 1);
}

#[tokio::test]
async fn listings_ask_for_url_encoded_keys_and_decode_them() {
    let body = "<ListBucketResult><Name>bkt</Name><Prefix>a%2Bb+c%2F</Prefix><KeyCount>2</KeyCount>\
        <EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>\
        <Contents><Key>a%2Bb+c%2F%E4%B8%AD%0D%0A%25</Key></Contents>\
        <Contents><Key>plain</Key></Contents>\
        <CommonPrefixes><Prefix>dir%20x%2F</Prefix></CommonPrefixes></ListBucketResult>";
    let http = ReplayClient::new([ok(body), ok(body)]);
    let client = client_with(&http, |c| c);
    let output = client.list_objects_v2().bucket("bkt").prefix("a+b c/").send().await.unwrap();
    let keys: Vec<&str> = output.contents.iter().flatten().filter_map(|o| o.key.as_deref()).collect();
    assert_eq!(keys, ["a+b c/中\r\n%", "plain"]);
    assert_eq!(output.prefix.as_deref(), Some("a+b c/"));
    assert_eq!(output.common_prefixes.unwrap()[0].prefix.as_deref(), Some("dir x/"));
    // The caller chose the encoding: sent as chosen, returned as S3 sends it.
    let output =
        client.list_objects_v2().bucket("bkt").encoding_type(s3_sdk::types::EncodingType::Url).send().await.unwrap();
    assert_eq!(output.contents.unwrap()[0].key.as_deref(), Some("a%2Bb+c%2F%E4%B8%AD%0D%0A%25"));
    let queries: Vec<String> = http.requests().iter().map(|r| r.uri().query().unwrap_or("").to_string()).collect();
    assert_eq!(queries, ["list-type=2&encoding-type=url&prefix=a%2Bb%20c%2F", "list-type=2&encoding-type=url"]);
}

#[tokio::test]
async fn get_bucket_location_reads_the_bare_root() {
    let answers = [
        r#"<?xml version="1.0" encoding="UTF-8"?>
<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">eu-west-1</LocationConstraint>"#,
        r#"<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>"#,
        "<LocationConstraint></LocationConstraint>",
        "<LocationConstraint>EU</LocationConstraint>",
    ];
    let http = ReplayClient::new(answers.map(ok));
    let client = client_with(&http, |c| c);
    let mut regions = Vec::new();
    for _ in answers {
        let output = client.get_bucket_location().bucket("bkt").send().await.unwrap();
        regions.push(output.location_constraint.map(|c| c.as_str().to_string()));
    }
    assert_eq!(regions, [Some("eu-west-1".to_string()), None, None, Some("EU".to_string())]);
}

#[tokio::test]
async fn expires_that_is_not_a_date_is_kept_raw() {
    let with_expires = |value: &str| {
        Response::builder().status(200).header("Expires", value).header("Content-Length", "0").body(Vec::new()).unwrap()
    };
    let http = ReplayClient::new([with_expires("Thu, 01 Dec 1994 16:00:00 GMT"), with_expires("never, ever")]);
    let client = client_with(&http, |c| c);
    let dated = client.head_object().bucket("bkt").key("k").send().await.unwrap();
    assert_eq!(dated.expires.map(|d| d.secs()), Some(786297600));
    assert_eq!(dated.expires_string.as_deref(), Some("Thu, 01 Dec 1994 16:00:00 GMT"));
    let raw = client.head_object().bucket("bkt").key("k").send().await.unwrap();
    assert_eq!((raw.expires, raw.expires_string.as_deref()), (None, Some("never, ever")));
}

#[tokio::test]
async fn metadata_copy_sources_and_line_breaks_go_out_as_botocore_sends_them() {
    let copied = "<CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>";
    let deleted = "<DeleteResult></DeleteResult>";
    let http = ReplayClient::new([ok(""), ok(copied), ok(deleted)]);
    let client = client_with(&http, |c| c);
    let mut metadata = restxml_runtime::IndexMap::new();
    metadata.insert("author".to_string(), "Jane Doe".to_string());
    client.put_object().bucket("bkt").key("k").metadata(metadata).send().await.unwrap();
    client.copy_object().bucket("bkt").key("k2").copy_source("src/dir/a b+ü?versionId=v1").send().await.unwrap();
    let objects = vec![
        s3_sdk::types::ObjectIdentifier::builder().key("line\nfeed").build().unwrap(),
        s3_sdk::types::ObjectIdentifier::builder().key("carriage\rreturn").build().unwrap(),
    ];
    let delete = s3_sdk::types::Delete::builder().objects(objects).build().unwrap();
    client.delete_objects().bucket("bkt").delete(delete).send().await.unwrap();
    let requests = http.requests();
    assert_eq!(requests[0].headers()["x-amz-meta-author"], "Jane Doe");
    assert_eq!(requests[1].headers()["x-amz-copy-source"], "src/dir/a%20b%2B%C3%BC?versionId=v1");
    let body = String::from_utf8(requests[2].body().clone()).unwrap();
    assert!(body.contains("<Key>line&#xA;feed</Key>") && body.contains("<Key>carriage&#xD;return</Key>"), "{body}");
    // Metadata S3 cannot keep is refused before sending.
    let mut metadata = restxml_runtime::IndexMap::new();
    metadata.insert("author".to_string(), "Jöhn".to_string());
    let refused = client.put_object().bucket("bkt").key("k").metadata(metadata).send().await.unwrap_err();
    assert!(matches!(&refused, SdkError::Build(e) if e.to_string().contains("ASCII")), "{refused:?}");
    assert_eq!(http.requests().len(), 3);
}

fn unavailable() -> Response<Vec<u8>> {
    Response::builder().status(503).body(b"<Error><Code>SlowDown</Code></Error>".to_vec()).unwrap()
}

#[tokio::test]
async fn streamed_uploads_are_signed_unsigned_over_https_and_hashed_over_http() {
    let path = std::env::temp_dir().join(format!("s3-calls-upload-{}", std::process::id()));
    std::fs::write(&path, b"file contents").unwrap();
    let http = ReplayClient::new([ok(""), ok(""), ok("")]);
    let client = client_with(&http, |c| c);
    client.put_object().bucket("bkt").key("k").body(ByteStream::from_path(&path).unwrap()).send().await.unwrap();
    client.put_object().bucket("bkt").key("k").body("in memory").send().await.unwrap();
    let plain = client_with(&http, |c| c.endpoint_url("http://127.0.0.1:9000"));
    plain.put_object().bucket("bkt").key("k").body(ByteStream::from_path(&path).unwrap()).send().await.unwrap();
    let requests = http.requests();
    let hashes: Vec<&str> = requests.iter().map(|r| r.headers()["x-amz-content-sha256"].to_str().unwrap()).collect();
    assert_eq!(
        hashes,
        [
            "UNSIGNED-PAYLOAD",
            // sha256("in memory") and sha256("file contents").
            "d9b8483601b879a7ca9657fe1dfdcbf3d97e4a6ddc3f5febb2ce76aeec79dc5a",
            "7bb6f9f7a47a63e684925af3608c059edcc371eb81188c48c9714896fb1091fd",
        ]
    );
    assert!(requests.iter().all(|r| r.headers()["content-length"] == r.body().len().to_string().as_str()));
    assert_eq!(requests[0].body(), b"file contents");
    std::fs::remove_file(&path).unwrap();
}

#[tokio::test]
async fn a_file_body_is_sent_again_on_a_retry_and_a_one_shot_stream_is_not() {
    let path = std::env::temp_dir().join(format!("s3-calls-retry-{}", std::process::id()));
    std::fs::write(&path, vec![7u8; 100_000]).unwrap();
    let http = ReplayClient::new([unavailable(), ok("")]);
    let client = client_with(&http, |c| c);
    client.put_object().bucket("bkt").key("k").body(ByteStream::from_path(&path).unwrap()).send().await.unwrap();
    let requests = http.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.body().len() == 100_000 && r.body().iter().all(|b| *b == 7)));
    std::fs::remove_file(&path).unwrap();

    struct Once(Option<bytes::Bytes>);
    impl futures_core::Stream for Once {
        type Item = Result<bytes::Bytes, std::io::Error>;
        fn poll_next(
            self: std::pin::Pin<&mut Self>,
            _: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Option<Self::Item>> {
            std::task::Poll::Ready(self.get_mut().0.take().map(Ok))
        }
    }
    let http = ReplayClient::new([unavailable(), ok("")]);
    let client = client_with(&http, |c| c);
    let stream = ByteStream::from_stream(Once(Some(bytes::Bytes::from_static(b"once")))).with_content_length(4);
    let error = client.put_object().bucket("bkt").key("k").body(stream).send().await.unwrap_err();
    assert_eq!(error.into_service_error().unwrap().meta().status, 503);
    assert_eq!(http.requests().len(), 1, "a one-shot body was sent twice");
    assert_eq!(http.requests()[0].body(), b"once");
}
