//! S3 requests for awkward object keys, sent and signed as botocore 1.43.11
//! sends and signs them: for each case of `tests/data/s3_signing.json`
//! (from `python3 scripts/botocore_s3_signing.py`: a real botocore S3
//! client, its clock frozen), the client makes the same call at the same
//! instant (`Config::builder().time_source`) through an in-memory
//! transport, and the URL (path byte for byte, query as a set), the
//! payload hash and the `Authorization` header (signed headers and
//! signature) must be botocore's; the one difference, a signed
//! `Content-Length` on requests with a body, is checked by signing again
//! without it. Keys hold `.` and `..` segments, `//`, a
//! leading `/`, `~`, spaces, `+`, `%`, unicode and punctuation; both
//! virtual-hosted and path-style addressing.

use std::time::{Duration, SystemTime};

use integration_tests::read_data_string;
use s3_sdk::client::{Client, ClientContextParams as _, Config, Credentials, ReplayClient};
use serde_json::Value;

/// `YYYYMMDDTHHMMSSZ` as a time.
fn instant(text: &str) -> SystemTime {
    let parsed = s3_sdk::DateTime::parse(
        &format!(
            "{}-{}-{}T{}:{}:{}Z",
            &text[..4],
            &text[4..6],
            &text[6..8],
            &text[9..11],
            &text[11..13],
            &text[13..15]
        ),
        restxml_runtime::TimestampFormat::DateTime,
    )
    .expect("a timestamp");
    SystemTime::UNIX_EPOCH + Duration::from_secs(parsed.secs() as u64)
}

fn header_of(request: &http::Request<Vec<u8>>, name: &str) -> Option<String> {
    request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// The query of a URL as sorted `(name, value)` pairs, as sent (encoded).
fn query_pairs(url: &http::Uri) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = url
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (p.to_string(), String::new()),
        })
        .collect();
    pairs.sort();
    pairs
}

/// A call's result as text.
fn done<T, E: std::fmt::Debug>(result: Result<T, s3_sdk::SdkError<E>>) -> Result<(), String> {
    result.map(drop).map_err(|e| format!("{e:?}"))
}

/// The operation's input from the case's parameters (the model's member
/// names; a body given as text).
fn input<T: serde::de::DeserializeOwned>(params: &Value) -> T {
    let mut params = params.clone();
    if let Some(body) = params.get("Body").and_then(|b| b.as_str()) {
        use base64::Engine as _;
        params["Body"] = base64::engine::general_purpose::STANDARD.encode(body).into();
    }
    serde_json::from_value(params).unwrap_or_else(|e| panic!("input: {e}"))
}

async fn send(client: &Client, case: &Value) -> Result<(), String> {
    let params = &case["params"];
    match case["operation"].as_str().unwrap() {
        "GetObject" => done(client.get_object_with(input(params)).send().await),
        "HeadObject" => done(client.head_object_with(input(params)).send().await),
        "DeleteObject" => done(client.delete_object_with(input(params)).send().await),
        "PutObject" => done(client.put_object_with(input(params)).send().await),
        "ListObjectsV2" => done(client.list_objects_v2_with(input(params)).send().await),
        "CopyObject" => done(client.copy_object_with(input(params)).send().await),
        other => panic!("no call for {other}"),
    }
}

/// The one deliberate difference: a request with a body carries its
/// `Content-Length`, which the client signs (as aws-sdk-rust does);
/// botocore signs before its HTTP layer adds it. The request signed again
/// without it (same instant, same rules) must then be botocore's exactly:
/// this `Authorization`.
fn resigned_without_content_length(request: &http::Request<Vec<u8>>, data: &Value, at: SystemTime) -> Option<String> {
    use restxml_runtime::client::sigv4::{Settings, SigningParams, sign};
    let mut copy = request.clone();
    copy.headers_mut().remove(http::header::CONTENT_LENGTH)?;
    let credentials = restxml_runtime::client::credentials::Credentials::new(
        data["access_key"].as_str()?,
        data["secret_key"].as_str()?,
        None,
    );
    let settings = Settings::for_service("s3");
    let params = SigningParams {
        credentials: &credentials,
        region: data["region"].as_str()?,
        service: "s3",
        time: at,
        settings: &settings,
        cache: None,
    };
    sign(&mut copy, &params).ok()?;
    copy.headers().get("authorization").and_then(|v| v.to_str().ok()).map(str::to_string)
}

#[tokio::test]
async fn s3_requests_are_sent_and_signed_as_botocore_signs_them() {
    let data: Value = serde_json::from_str(&read_data_string("tests/data/s3_signing.json")).unwrap();
    let at = instant(data["time"].as_str().unwrap());
    let cases = data["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 38);
    let mut failures = Vec::new();
    let mut content_length_signed = 0;
    for case in cases {
        let expected = &case["expected"];
        let http = ReplayClient::default();
        let answer = match case["operation"].as_str() {
            Some("CopyObject") => "<CopyObjectResult><ETag>\"e\"</ETag></CopyObjectResult>",
            Some("ListObjectsV2") => "<ListBucketResult><KeyCount>0</KeyCount></ListBucketResult>",
            _ => "",
        };
        http.push(Ok(http::Response::builder().status(200).body(answer.as_bytes().to_vec()).unwrap()));
        let mut config = Config::builder()
            .http_client(http.clone())
            .region(data["region"].as_str().unwrap())
            .credentials(Credentials::new(
                data["access_key"].as_str().unwrap(),
                data["secret_key"].as_str().unwrap(),
                None,
            ))
            .time_source(move || at);
        if case["style"] == "path" {
            config = config.force_path_style(true);
        }
        let client = Client::new(config.build());
        let label = format!("{} {} {}", case["operation"], case["style"], case["params"]);
        if let Err(e) = send(&client, case).await {
            failures.push(format!("{label}: {e}"));
            continue;
        }
        let request = http.requests().pop().unwrap();
        if header_of(&request, "authorization").is_some_and(|a| a.contains("SignedHeaders=content-length;")) {
            content_length_signed += 1;
        }
        let want: http::Uri = expected["url"].as_str().unwrap().parse().unwrap();
        let header = |name: &str| request.headers().get(name).map(|v| v.to_str().unwrap().to_string());
        let problem = if request.uri().authority() != want.authority() || request.uri().path() != want.path() {
            Some(format!("sent to {}, botocore to {want}", request.uri()))
        } else if query_pairs(request.uri()) != query_pairs(&want) {
            Some(format!("query {:?}, botocore {:?}", query_pairs(request.uri()), query_pairs(&want)))
        } else if header("x-amz-content-sha256").as_deref() != expected["x_amz_content_sha256"].as_str() {
            Some(format!(
                "payload hash {:?}, botocore {}",
                header("x-amz-content-sha256"),
                expected["x_amz_content_sha256"]
            ))
        } else if header("authorization").as_deref() != expected["authorization"].as_str()
            && resigned_without_content_length(&request, &data, at).as_deref() != expected["authorization"].as_str()
        {
            Some(format!(
                "authorization\n  ours:     {:?}\n  botocore: {}\n  botocore's canonical request:\n{}",
                header("authorization"),
                expected["authorization"],
                expected["canonical_request"].as_str().unwrap()
            ))
        } else {
            None
        };
        if let Some(problem) = problem {
            failures.push(format!("{label}: {problem}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
    assert_eq!(content_length_signed, 2, "only the PutObject cases carry a body");
}
