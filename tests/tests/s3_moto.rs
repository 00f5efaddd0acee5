//! An S3 session against a real server: moto's S3 (`moto[server]`, pinned
//! in scripts/test.sh) on a free loopback port, through the default
//! transport (hyper), signed, with bodies streamed both ways. A loopback IP
//! endpoint makes the endpoint rules choose path-style addressing.
//!
//! What moto 5.2.1 does, which the assertions follow: it keeps objects in
//! memory, honours `max-keys` and continuation tokens, URL-encodes keys
//! when asked, enforces S3's 5 MiB minimum for every multipart part but the
//! last, and answers GetBucketLocation with the bucket's region.

use std::path::PathBuf;
use std::time::Duration;

use integration_tests::moto::Moto;
use s3_sdk::client::{Client, Config, Credentials};
use s3_sdk::operation::get_object::GetObjectError;
use s3_sdk::operation::head_bucket::HeadBucketError;
use s3_sdk::operation::head_object::HeadObjectError;
use s3_sdk::operation::list_objects_v2::ListObjectsV2Error;
use s3_sdk::types::{
    BucketLocationConstraint, CompletedMultipartUpload, CompletedPart, CreateBucketConfiguration, Delete,
    ObjectIdentifier,
};
use s3_sdk::{ByteStream, ProvideErrorMetadata as _, SdkError};

const MIB: usize = 1024 * 1024;

fn client(moto: &Moto, region: &str) -> Client {
    Client::new(
        Config::builder()
            .region(region)
            .endpoint_url(&moto.url)
            .credentials(Credentials::new("AKIDEXAMPLE", "moto-secret", None))
            .build(),
    )
}

/// Deterministic bytes that differ at every offset of a chunk.
fn pattern(len: usize, seed: u8) -> Vec<u8> {
    (0..len).map(|i| (i as u32).wrapping_mul(2_654_435_761).to_le_bytes()[i % 4] ^ seed).collect()
}

/// A file of `bytes` in the temp folder, removed on drop.
struct TempFile(PathBuf);

impl TempFile {
    fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("s3-moto-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Reads a streamed object body chunk by chunk: its bytes and how many
/// chunks they came in.
async fn read_streamed(mut body: ByteStream) -> (Vec<u8>, usize) {
    let (mut bytes, mut chunks) = (Vec::new(), 0);
    while let Some(chunk) = body.next().await {
        bytes.extend_from_slice(&chunk.unwrap());
        chunks += 1;
    }
    (bytes, chunks)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_s3_session_against_moto() {
    let moto = Moto::shared();
    let s3 = client(moto, "us-east-1");
    let bucket = "session-bucket";
    s3.create_bucket().bucket(bucket).send().await.unwrap();
    s3.head_bucket().bucket(bucket).wait_until_bucket_exists().delay(Duration::from_millis(20)).await.unwrap();

    // A bucket in another region, and where S3 says it is.
    let eu = client(moto, "eu-west-1");
    let configuration =
        CreateBucketConfiguration::builder().location_constraint(BucketLocationConstraint::EuWest1).build().unwrap();
    eu.create_bucket().bucket("session-bucket-eu").create_bucket_configuration(configuration).send().await.unwrap();
    let location = eu.get_bucket_location().bucket("session-bucket-eu").send().await.unwrap();
    assert_eq!(location.location_constraint, Some(BucketLocationConstraint::EuWest1));
    let home = s3.get_bucket_location().bucket(bucket).send().await.unwrap();
    assert_eq!(home.location_constraint, None, "us-east-1 is an empty location");

    // A small object with metadata and a content type, headed back.
    let mut metadata = restxml_runtime::IndexMap::new();
    metadata.insert("author".to_string(), "Jane Doe".to_string());
    metadata.insert("purpose".to_string(), "session test".to_string());
    s3.put_object()
        .bucket(bucket)
        .key("small.json")
        .content_type("application/json")
        .metadata(metadata.clone())
        .body(r#"{"hello":"world"}"#)
        .send()
        .await
        .unwrap();
    let head = s3.head_object().bucket(bucket).key("small.json").send().await.unwrap();
    assert_eq!(head.content_type.as_deref(), Some("application/json"));
    assert_eq!(head.content_length, Some(17));
    assert_eq!(head.metadata.as_ref(), Some(&metadata));
    let small = s3.get_object().bucket(bucket).key("small.json").send().await.unwrap();
    assert_eq!(small.body.unwrap().collect().await.unwrap(), &br#"{"hello":"world"}"#[..]);

    // An empty object comes back as an empty body, not as none.
    s3.put_object().bucket(bucket).key("empty").send().await.unwrap();
    let empty = s3.get_object().bucket(bucket).key("empty").send().await.unwrap();
    assert_eq!(empty.body.expect("a body").collect().await.unwrap().len(), 0);

    // Multi-megabyte objects streamed from a file, and back in chunks.
    let big = pattern(9 * MIB + 123, 7);
    let file = TempFile::new("big", &big);
    let put = s3.put_object().bucket(bucket).key("big.bin").body(ByteStream::from_path(&file.0).unwrap()).send();
    put.await.unwrap();
    let got = s3.get_object().bucket(bucket).key("big.bin").send().await.unwrap();
    assert_eq!(got.content_length, Some(big.len() as i64));
    let (bytes, chunks) = read_streamed(got.body.unwrap()).await;
    assert!(bytes == big, "the object's bytes differ from the file's");
    assert!(chunks > 1, "the body arrived in {chunks} chunk(s): not streamed");
    // A range of it.
    let range = s3.get_object().bucket(bucket).key("big.bin").range("bytes=1000-1999").send().await.unwrap();
    assert_eq!(range.body.unwrap().collect().await.unwrap(), &big[1000..2000]);

    // Keys with characters that need care, listed back exactly, two a page.
    let awkward =
        ["dir/a b.txt", "dir/plus+sign", "dir/percent%41", "dir/ünïcödé/中文", "dir/tilde~x", "dir/semi;colon=eq&amp"];
    for key in awkward {
        let put = s3.put_object().bucket(bucket).key(key).body(key.as_bytes().to_vec()).send().await;
        put.unwrap_or_else(|e| panic!("{key:?}: {e}"));
    }
    let mut pages = s3.list_objects_v2().bucket(bucket).prefix("dir/").max_keys(2).into_paginator();
    let (mut listed, mut page_count) = (Vec::new(), 0);
    while let Some(page) = pages.next_page().await {
        let page = page.unwrap();
        page_count += 1;
        listed.extend(page.contents.unwrap_or_default().into_iter().filter_map(|o| o.key));
    }
    let mut expected: Vec<String> = awkward.iter().map(|k| k.to_string()).collect();
    expected.sort();
    assert_eq!(listed, expected);
    assert_eq!(page_count, 3);
    for key in awkward {
        let object = s3.get_object().bucket(bucket).key(key).send().await.unwrap();
        assert_eq!(object.body.unwrap().collect().await.unwrap(), key.as_bytes(), "{key:?}");
    }

    // A copy whose source key needs encoding.
    let copied = s3
        .copy_object()
        .bucket(bucket)
        .key("copies/a b copy")
        .copy_source(format!("{bucket}/dir/ünïcödé/中文"))
        .send()
        .await
        .unwrap();
    assert!(copied.copy_object_result.and_then(|r| r.e_tag).is_some());
    let copy = s3.get_object().bucket(bucket).key("copies/a b copy").send().await.unwrap();
    assert_eq!(copy.body.unwrap().collect().await.unwrap(), "dir/ünïcödé/中文".as_bytes());

    // Several objects deleted in one request; a key with a line feed (which
    // moto's router cannot take in a path, so never created) is reported
    // deleted too, as S3 reports keys that were not there, and comes back
    // exactly through the `&#xA;` it was sent as.
    let doomed = ["dir/a b.txt", "dir/plus+sign", "dir/line\nfeed"];
    let objects = doomed.iter().map(|k| ObjectIdentifier::builder().key(*k).build().unwrap()).collect();
    let deleted = s3
        .delete_objects()
        .bucket(bucket)
        .delete(Delete::builder().objects(objects).build().unwrap())
        .send()
        .await
        .unwrap();
    let mut gone: Vec<String> = deleted.deleted.unwrap_or_default().into_iter().filter_map(|d| d.key).collect();
    gone.sort();
    let mut doomed_sorted: Vec<String> = doomed.iter().map(|k| k.to_string()).collect();
    doomed_sorted.sort();
    assert_eq!(gone, doomed_sorted);
    let left = s3.list_objects_v2().bucket(bucket).prefix("dir/").send().await.unwrap();
    assert_eq!(left.key_count, Some(4));

    // A multipart upload of three parts, each read from its range of a file.
    let parts_data = pattern(11 * MIB, 3);
    let parts_file = TempFile::new("parts", &parts_data);
    let upload = s3.create_multipart_upload().bucket(bucket).key("multi.bin").send().await.unwrap();
    let upload_id = upload.upload_id.unwrap();
    let ranges = [(0, 5 * MIB), (5 * MIB, 5 * MIB), (10 * MIB, MIB)];
    let mut completed = Vec::new();
    for (index, (offset, length)) in ranges.into_iter().enumerate() {
        let number = index as i32 + 1;
        let body = ByteStream::from_file_range(&parts_file.0, offset as u64, length as u64).unwrap();
        let part = s3
            .upload_part()
            .bucket(bucket)
            .key("multi.bin")
            .upload_id(&upload_id)
            .part_number(number)
            .body(body)
            .send()
            .await
            .unwrap();
        completed.push(CompletedPart::builder().part_number(number).e_tag(part.e_tag.unwrap()).build().unwrap());
    }
    s3.complete_multipart_upload()
        .bucket(bucket)
        .key("multi.bin")
        .upload_id(&upload_id)
        .multipart_upload(CompletedMultipartUpload::builder().parts(completed).build().unwrap())
        .send()
        .await
        .unwrap();
    let multi = s3.get_object().bucket(bucket).key("multi.bin").send().await.unwrap();
    let (bytes, _) = read_streamed(multi.body.unwrap()).await;
    assert!(bytes == parts_data, "the multipart object's bytes differ from the file's");

    // One that is aborted leaves no upload behind.
    let aborted = s3.create_multipart_upload().bucket(bucket).key("aborted.bin").send().await.unwrap();
    let aborted_id = aborted.upload_id.unwrap();
    s3.upload_part()
        .bucket(bucket)
        .key("aborted.bin")
        .upload_id(&aborted_id)
        .part_number(1)
        .body(vec![1u8; 1024])
        .send()
        .await
        .unwrap();
    s3.abort_multipart_upload().bucket(bucket).key("aborted.bin").upload_id(&aborted_id).send().await.unwrap();
    let uploads = s3.list_multipart_uploads().bucket(bucket).send().await.unwrap();
    assert!(
        uploads.uploads.unwrap_or_default().iter().all(|u| u.upload_id.as_deref() != Some(aborted_id.as_str())),
        "the aborted upload is still listed"
    );

    // Typed errors: a missing key, read and headed; a missing bucket.
    let missing = s3.get_object().bucket(bucket).key("no/such/key").send().await.unwrap_err();
    match missing {
        SdkError::Service(GetObjectError::NoSuchKey(error)) => assert_eq!(error.code(), Some("NoSuchKey")),
        other => panic!("expected NoSuchKey, got {other:?}"),
    }
    let missing = s3.head_object().bucket(bucket).key("no/such/key").send().await.unwrap_err();
    assert!(matches!(missing, SdkError::Service(HeadObjectError::NoSuchKey(_))), "{missing:?}");
    let no_bucket = s3.list_objects_v2().bucket("no-such-bucket-here").send().await.unwrap_err();
    assert!(matches!(no_bucket, SdkError::Service(ListObjectsV2Error::NoSuchBucket(_))), "{no_bucket:?}");
    let no_bucket = s3.head_bucket().bucket("no-such-bucket-here").send().await.unwrap_err();
    assert!(matches!(no_bucket, SdkError::Service(HeadBucketError::NoSuchBucket(_))), "{no_bucket:?}");

    // The ObjectExists waiter, for an object that appears while it polls.
    let waiter =
        s3.head_object().bucket(bucket).key("later").wait_until_object_exists().delay(Duration::from_millis(50));
    let writer = s3.clone();
    let put_later = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(120)).await;
        writer.put_object().bucket("session-bucket").key("later").body("now").send().await.unwrap();
    });
    let appeared = waiter.await.unwrap();
    assert_eq!(appeared.content_length, Some(3));
    put_later.await.unwrap();
}
