//! `service-2.sdk-extras.json` beside a model is merged into it before
//! generation, as botocore's loader merges it (S3 has one: its `Expires`
//! shape, a string in `service-2.json`, is a timestamp once merged).

use std::path::{Path, PathBuf};

use restxml_codegen::Generator;

/// A small model in the spirit of S3's: `PutThing` sends the `Expires`
/// shape in a header, and the member order of `PutThingRequest` is not
/// alphabetical (the merge must keep it: it is the XML element order).
const MODEL: &str = r#"{
  "version": "2.0",
  "metadata": {
    "apiVersion": "2024-01-01", "protocol": "rest-xml", "endpointPrefix": "thing",
    "serviceFullName": "Thing Service", "serviceId": "Thing", "signatureVersion": "v4",
    "uid": "thing-2024-01-01"
  },
  "operations": {
    "PutThing": {
      "name": "PutThing",
      "http": { "method": "PUT", "requestUri": "/thing" },
      "input": { "shape": "PutThingRequest", "locationName": "PutThingRequest" }
    }
  },
  "shapes": {
    "Text": { "type": "string" },
    "Expires": { "type": "string" },
    "PutThingRequest": {
      "type": "structure",
      "members": {
        "Zebra": { "shape": "Text" },
        "Expires": { "shape": "Expires", "location": "header", "locationName": "Expires" },
        "Apple": { "shape": "Text" }
      }
    }
  }
}"#;

/// botocore's S3 extras file, as shipped in 1.43.11.
const S3_EXTRAS: &str = r#"{
  "version": 1.0,
  "merge": {
    "shapes": {
      "Expires":{"type":"timestamp"}
    }
  }
}"#;

/// A fresh directory under the target directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("sdk-extras-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn operation_file(model_path: &Path) -> String {
    let krate = Generator::new(model_path).crate_name("thing-sdk").generate().unwrap();
    krate.files[Path::new("src/operation/put_thing.rs")].clone()
}

#[test]
fn the_extras_beside_the_model_are_merged_in() {
    let dir = scratch("merged");
    std::fs::write(dir.join("service-2.json"), MODEL).unwrap();
    let plain = operation_file(&dir.join("service-2.json"));
    assert!(plain.contains("expires: Option<String>"), "without extras Expires is a string: {plain}");

    std::fs::write(dir.join("service-2.sdk-extras.json"), S3_EXTRAS).unwrap();
    let merged = operation_file(&dir.join("service-2.json"));
    assert!(merged.contains("expires: Option<restxml_runtime::DateTime>"), "Expires is a timestamp: {merged}");
    // The header is written as botocore writes timestamps in headers.
    assert!(merged.contains("TimestampFormat::HttpDate"), "{merged}");
    // Member order survives the merge: Zebra's element before Apple's.
    let (zebra, apple) = (merged.find("\"Zebra\"").unwrap(), merged.find("\"Apple\"").unwrap());
    assert!(zebra < apple, "member order kept: {merged}");
}

#[test]
fn extras_without_merge_change_nothing() {
    let dir = scratch("no-merge");
    std::fs::write(dir.join("service-2.json"), MODEL).unwrap();
    std::fs::write(dir.join("service-2.sdk-extras.json"), r#"{"version": 1.0}"#).unwrap();
    assert!(operation_file(&dir.join("service-2.json")).contains("expires: Option<String>"));
}

#[test]
fn a_malformed_extras_file_is_an_error_naming_it() {
    let dir = scratch("malformed");
    std::fs::write(dir.join("service-2.json"), MODEL).unwrap();
    std::fs::write(dir.join("service-2.sdk-extras.json"), r#"{"merge": ["shapes"]}"#).unwrap();
    let err = Generator::new(dir.join("service-2.json")).generate().unwrap_err().to_string();
    assert!(err.contains("service-2.sdk-extras.json: merge: expected an object"), "{err}");
}
