//! A malformed model is an error naming the JSON path at fault, never a
//! panic.

use std::collections::BTreeSet;

use restxml_codegen::model::ServiceModel;
use restxml_codegen::services::ServiceList;
use restxml_codegen::{Error, Settings, generate_from_model, ir};

/// A file of the vendored CloudFront model, found through
/// `model/services.json` (no API version is named here).
fn cloudfront_file(name: &str) -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let list = ServiceList::load(&root.join(ServiceList::PATH)).unwrap();
    root.join(list.select(&["cloudfront".to_string()]).unwrap()[0].model_dir()).join(name)
}

fn real_model() -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(cloudfront_file("service-2.json")).unwrap()).unwrap()
}

fn resolve(json: &serde_json::Value, operations: &[&str]) -> Result<ir::Service, Error> {
    let model = ServiceModel::from_json(&json.to_string(), "service-2.json")?;
    let selection: BTreeSet<String> = operations.iter().map(|s| s.to_string()).collect();
    ir::Service::resolve(&model, (!operations.is_empty()).then_some(&selection))
}

#[test]
fn dangling_shape_reference_names_its_path() {
    let mut json = real_model();
    json["shapes"]["Aliases"]["members"]["Items"]["shape"] = "AliasLst".into();
    let err = resolve(&json, &["UpdateStreamingDistribution"]).unwrap_err();
    assert_eq!(err.to_string(), "shapes.Aliases.members.Items.shape: no shape named \"AliasLst\"");
}

#[test]
fn wrong_json_types_name_their_path() {
    let mut json = real_model();
    json["shapes"]["Aliases"]["members"]["Items"]["shape"] = 5.into();
    let err = resolve(&json, &[]).unwrap_err();
    let Error::Model { path, message, .. } = &err else { panic!("{err}") };
    assert_eq!(path, "shapes.Aliases.members.Items.shape");
    assert!(message.contains("invalid type"), "{message}");

    let mut json = real_model();
    json["shapes"]["PriceClass"]["type"] = "decimal128".into();
    let err = resolve(&json, &[]).unwrap_err();
    assert!(err.to_string().contains("shapes.PriceClass.type"), "{err}");

    let err = ServiceModel::from_json("{\"metadata\": ", "broken.json").unwrap_err();
    assert!(err.to_string().starts_with("broken.json: "), "{err}");
}

#[test]
fn inconsistent_models_are_invalid() {
    let mut json = real_model();
    json["shapes"]["StreamingDistributionConfig"]["required"][0] = "Nope".into();
    let err = resolve(&json, &[]).unwrap_err();
    assert_eq!(err.to_string(), "shapes.StreamingDistributionConfig.required[0]: no member named \"Nope\"");

    let mut json = real_model();
    json["operations"]["UpdateStreamingDistribution"]["http"]["requestUri"] =
        "/2020-05-31/streaming-distribution/{Idd}/config".into();
    let err = resolve(&json, &["UpdateStreamingDistribution"]).unwrap_err();
    assert!(
        err.to_string().starts_with("operations.UpdateStreamingDistribution.http.requestUri: label {Idd}"),
        "{err}"
    );

    let mut json = real_model();
    json["operations"]["UpdateStreamingDistribution"]["http"]["requestUri"] = "/2020-05-31/{Id".into();
    assert!(resolve(&json, &["UpdateStreamingDistribution"]).is_err());

    let mut json = real_model();
    json["metadata"]["protocol"] = "json".into();
    json["metadata"]["protocols"] = serde_json::json!(["json"]);
    let err = resolve(&json, &[]).unwrap_err();
    assert!(matches!(err, Error::Unsupported { .. }), "{err}");

    let err = resolve(&real_model(), &["NoSuchOperation"]).unwrap_err();
    assert!(err.to_string().contains("NoSuchOperation"), "{err}");
}

#[test]
fn removing_any_shape_gives_an_error_not_a_panic() {
    let json = real_model();
    let names: Vec<String> = json["shapes"].as_object().unwrap().keys().cloned().collect();
    // Every 7th shape keeps the test quick while covering every kind.
    for name in names.iter().step_by(7) {
        let mut broken = json.clone();
        broken["shapes"].as_object_mut().unwrap().remove(name);
        let result = resolve(&broken, &[]);
        let err = result.expect_err(name);
        assert!(err.to_string().contains(&format!("no shape named {name:?}")), "{name}: {err}");
    }
}

#[test]
fn generation_is_deterministic() {
    let model = ServiceModel::from_json(&real_model().to_string(), "service-2.json").unwrap();
    let settings = Settings {
        crate_name: "x".into(),
        runtime_path: "../runtime".into(),
        operations: Some(["UpdateStreamingDistribution".to_string(), "ListDistributions".to_string()].into()),
        command: "cmd".into(),
        endpoints: None,
    };
    let first = generate_from_model(&model, &settings).unwrap();
    let second = generate_from_model(&model, &settings).unwrap();
    assert_eq!(first, second);
}

fn real_endpoint_file(name: &str) -> serde_json::Value {
    let path = if name == "partitions.json" {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../model/partitions.json")
    } else {
        cloudfront_file(name)
    };
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn emit_endpoints(rule_set: &serde_json::Value, partitions: &serde_json::Value) -> Result<String, Error> {
    let tokens = restxml_codegen::emit::endpoint::emit("CloudFront", &rule_set.to_string(), &partitions.to_string())?;
    Ok(tokens.to_string())
}

#[test]
fn malformed_endpoint_rules_name_their_path() {
    let (rules, partitions) = (real_endpoint_file("endpoint-rule-set-1.json"), real_endpoint_file("partitions.json"));
    assert!(emit_endpoints(&rules, &partitions).unwrap().contains("pub static RULES"));

    let mut bad = rules.clone();
    bad["rules"][0]["conditions"][0]["fn"] = "isSett".into();
    let err = emit_endpoints(&bad, &partitions).unwrap_err();
    assert_eq!(
        err.to_string(),
        "endpoint-rule-set-1.json: $.rules[0].conditions[0].fn: unknown rules function \"isSett\""
    );

    let mut bad = rules.clone();
    bad["rules"][0]["type"] = "maybe".into();
    let err = emit_endpoints(&bad, &partitions).unwrap_err();
    assert!(
        err.to_string().starts_with("endpoint-rule-set-1.json: $.rules[0].type: unknown rule type `maybe`"),
        "{err}"
    );

    let mut bad = rules.clone();
    bad["parameters"]["UseFIPS"]["default"] = 1.5.into();
    let err = emit_endpoints(&bad, &partitions).unwrap_err();
    assert_eq!(err.to_string(), "endpoint-rule-set-1.json: $.parameters.UseFIPS.default: expected a whole number");

    let mut bad = partitions.clone();
    bad["partitions"][1]["outputs"] = serde_json::json!([]);
    let err = emit_endpoints(&rules, &bad).unwrap_err();
    assert_eq!(err.to_string(), "partitions.json: $.partitions[1].outputs: expected an object");

    let mut bad = rules.clone();
    bad["rules"][0]["conditions"][0]["argv"] = serde_json::json!([]);
    let err = emit_endpoints(&bad, &partitions).unwrap_err();
    assert_eq!(
        err.to_string(),
        "endpoint-rule-set-1.json: $.rules[0].conditions[0].argv: isSet takes 1 argument, not 0"
    );

    let mut bad = partitions.clone();
    bad["partitions"][0]["regionRegex"] = "^(us|eu".into();
    let err = emit_endpoints(&rules, &bad).unwrap_err();
    assert!(
        err.to_string().starts_with("partitions.json: $.partitions[0].regionRegex: not a regular expression"),
        "{err}"
    );

    let err = emit_endpoints(&rules, &serde_json::json!({})).unwrap_err();
    assert_eq!(err.to_string(), "partitions.json: $: missing `partitions`");

    let err = restxml_codegen::emit::endpoint::emit("CloudFront", "{", "{}").unwrap_err();
    assert!(err.to_string().starts_with("endpoint-rule-set-1.json: line 1 column 1: "), "{err}");
}

#[test]
fn malformed_service_lists_name_their_path() {
    let dir = std::env::temp_dir().join(format!("restxml-services-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("services.json");
    let cases = [
        (
            r#"{"services": [{"service": "route53", "api_version": "2013-04-01"}]}"#,
            "services[0]: missing field `crate`",
        ),
        (
            r#"{"services": [{"service": "route53", "api_version": 7, "crate": "x"}]}"#,
            "services[0].api_version: invalid type",
        ),
        (
            r#"{"services": [{"service": "../etc", "api_version": "v", "crate": "x"}]}"#,
            "services[0].service: \"../etc\" is not a plain name",
        ),
        (r#"{"services": [], "extra": 1}"#, "unknown field `extra`"),
        (r#"{"services": []}"#, "services: lists no service"),
        (
            r#"{"services": [{"service": "a", "api_version": "v", "crate": "x"}, {"service": "a", "api_version": "v", "crate": "y"}]}"#,
            "services[1].service: \"a\" is listed twice",
        ),
        (
            r#"{"services": [{"service": "a", "api_version": "v", "crate": "x"}, {"service": "b", "api_version": "v", "crate": "x"}]}"#,
            "services[1].crate: \"x\" is listed twice",
        ),
    ];
    for (json, expected) in cases {
        std::fs::write(&path, json).unwrap();
        let err = ServiceList::load(&path).unwrap_err().to_string();
        assert!(err.contains(expected), "{json}: {err}");
        assert!(err.starts_with(&path.display().to_string()), "{err}");
    }
    std::fs::write(
        &path,
        r#"{"services": [{"service": "route53", "api_version": "2013-04-01", "crate": "route53-sdk"}]}"#,
    )
    .unwrap();
    let list = ServiceList::load(&path).unwrap();
    assert_eq!(list.select(&[]).unwrap().len(), 1);
    let err = list.select(&["s3".to_string()]).unwrap_err().to_string();
    assert!(err.contains("no service \"s3\"; listed: route53"), "{err}");
    let err = ServiceList::load(&dir.join("missing.json")).unwrap_err().to_string();
    assert!(err.contains("missing.json"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}
