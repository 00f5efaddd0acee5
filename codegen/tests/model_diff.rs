//! The model-update report (`restxml_codegen::diff`): every classification
//! rule on hand-made model pairs, malformed input, and real history (the
//! CloudFront and Route 53 models of botocore 1.35.0, in
//! `model/history/1.35.0/`, against the vendored 1.43.11), counted against
//! `scripts/model_diff_counts.py`.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use restxml_codegen::Error;
use restxml_codegen::diff::{Change, ChangeKind, Class, Report, diff_dirs};
use serde_json::{Value, json};

/// A fresh scratch folder.
fn scratch() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "restxml-model-diff-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small service: one operation with a label, a query string, a header,
/// a body structure, an enum, a list, an error; a paginator, a waiter and
/// an endpoint rule set.
#[derive(Clone)]
struct Files {
    model: Value,
    paginators: Value,
    waiters: Value,
    rules: Value,
}

fn base() -> Files {
    let model = json!({
        "version": "2.0",
        "metadata": {"apiVersion": "2020-01-01", "protocol": "rest-xml", "serviceId": "Svc"},
        "documentation": "<p>The service.</p>",
        "operations": {
            "GetThing": {
                "name": "GetThing",
                "http": {"method": "GET", "requestUri": "/things/{Id}"},
                "input": {"shape": "GetThingRequest"},
                "output": {"shape": "GetThingResult"},
                "errors": [{"shape": "NoSuchThing"}],
                "documentation": "<p>Gets a thing.</p>"
            },
            "ListThings": {
                "name": "ListThings",
                "http": {"method": "GET", "requestUri": "/things"},
                "input": {"shape": "ListThingsRequest"},
                "output": {"shape": "ListThingsResult"}
            }
        },
        "shapes": {
            "GetThingRequest": {
                "type": "structure",
                "required": ["Id"],
                "members": {
                    "Id": {"shape": "String", "location": "uri", "locationName": "Id"},
                    "Filter": {"shape": "String", "location": "querystring", "locationName": "filter"},
                    "Token": {"shape": "String", "location": "header", "locationName": "x-token"}
                }
            },
            "GetThingResult": {
                "type": "structure",
                "members": {"Thing": {"shape": "Thing"}},
                "payload": "Thing"
            },
            "Thing": {
                "type": "structure",
                "required": ["Name"],
                "members": {
                    "Name": {"shape": "String", "documentation": "<p>The name.</p>"},
                    "Size": {"shape": "Integer"},
                    "Color": {"shape": "Color"},
                    "Tags": {"shape": "TagList"}
                }
            },
            "TagList": {"type": "list", "member": {"shape": "String", "locationName": "Tag"}},
            "Color": {"type": "string", "enum": ["red", "green"]},
            "ListThingsRequest": {
                "type": "structure",
                "members": {"Marker": {"shape": "String", "location": "querystring", "locationName": "marker"}}
            },
            "ListThingsResult": {
                "type": "structure",
                "members": {"Items": {"shape": "TagList"}, "NextMarker": {"shape": "String"}}
            },
            "Unused": {"type": "string", "enum": ["a", "b"]},
            "NoSuchThing": {
                "type": "structure",
                "members": {"Message": {"shape": "String"}},
                "error": {"httpStatusCode": 404},
                "exception": true
            },
            "String": {"type": "string"},
            "Integer": {"type": "integer"}
        }
    });
    let paginators = json!({"pagination": {"ListThings": {
        "input_token": "Marker", "output_token": "NextMarker", "result_key": "Items"
    }}});
    let waiters = json!({"version": 2, "waiters": {"ThingExists": {
        "operation": "GetThing", "delay": 5, "maxAttempts": 10,
        "acceptors": [{"state": "success", "matcher": "status", "expected": 200}]
    }}});
    let rules = json!({
        "version": "1.0",
        "parameters": {
            "Region": {"builtIn": "AWS::Region", "required": false, "type": "String", "documentation": "The region."},
            "UseFIPS": {"builtIn": "AWS::UseFIPS", "required": true, "default": false, "type": "Boolean"}
        },
        "rules": [{"conditions": [], "endpoint": {"url": "https://svc.amazonaws.com"}, "type": "endpoint"}]
    });
    Files { model, paginators, waiters, rules }
}

fn write(root: &Path, files: &Files) {
    let dir = root.join("svc").join("2020-01-01");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, value) in [
        ("service-2.json", &files.model),
        ("paginators-1.json", &files.paginators),
        ("waiters-2.json", &files.waiters),
        ("endpoint-rule-set-1.json", &files.rules),
    ] {
        std::fs::write(dir.join(name), serde_json::to_string_pretty(value).unwrap()).unwrap();
    }
}

/// The report of `base()` against `base()` changed by `change`.
fn report(change: impl FnOnce(&mut Files)) -> Report {
    let (old, new) = (scratch(), scratch());
    let mut files = base();
    write(&old, &files);
    change(&mut files);
    write(&new, &files);
    let report = diff_dirs(&old, &new, &[]).unwrap();
    let _ = std::fs::remove_dir_all(old);
    let _ = std::fs::remove_dir_all(new);
    report
}

/// The changes of the one service, as (class, kind, subject).
fn changes(change: impl FnOnce(&mut Files)) -> Vec<(Class, ChangeKind, String)> {
    let report = report(change);
    assert_eq!(report.services.len(), 1);
    report.services[0].changes.iter().map(|c: &Change| (c.class, c.kind, c.subject.clone())).collect()
}

fn one(class: Class, kind: ChangeKind, subject: &str) -> Vec<(Class, ChangeKind, String)> {
    vec![(class, kind, subject.to_string())]
}

use Class::{Additive, Breaking, Documentation};

#[test]
fn nothing_changed() {
    let report = report(|_| {});
    assert!(report.services[0].changes.is_empty());
    assert_eq!(report.services[0].bump, None);
    assert!(report.to_markdown().contains("- `svc-sdk`: none: nothing changed"));
}

#[test]
fn operations_added_and_removed() {
    let removed = changes(|f| {
        f.model["operations"].as_object_mut().unwrap().remove("ListThings");
        f.paginators["pagination"].as_object_mut().unwrap().remove("ListThings");
    });
    assert_eq!(
        removed,
        vec![
            (Breaking, ChangeKind::OperationRemoved, "operations.ListThings".to_string()),
            (Breaking, ChangeKind::PaginatorRemoved, "paginators.ListThings".to_string()),
        ]
    );
    let added = changes(|f| {
        f.model["operations"]["DeleteThing"] = json!({
            "name": "DeleteThing", "http": {"method": "DELETE", "requestUri": "/things/{Id}"},
            "input": {"shape": "GetThingRequest"}
        });
    });
    assert_eq!(added, one(Additive, ChangeKind::OperationAdded, "operations.DeleteThing"));
}

#[test]
fn shapes_added_and_removed() {
    let added = changes(|f| f.model["shapes"]["Extra"] = json!({"type": "string"}));
    assert_eq!(added, one(Additive, ChangeKind::ShapeAdded, "shapes.Extra"));
    // A shape no operation reaches was never generated: removing it breaks nothing.
    let unused = changes(|f| {
        f.model["shapes"].as_object_mut().unwrap().remove("Unused");
    });
    assert_eq!(unused, one(Additive, ChangeKind::ShapeRemoved, "shapes.Unused"));
    let generated = changes(|f| {
        f.model["shapes"].as_object_mut().unwrap().remove("Color");
        f.model["shapes"]["Thing"]["members"].as_object_mut().unwrap().remove("Color");
    });
    assert_eq!(
        generated,
        vec![
            (Breaking, ChangeKind::ShapeRemoved, "shapes.Color".to_string()),
            (Breaking, ChangeKind::MemberRemoved, "shapes.Thing.members.Color".to_string()),
        ]
    );
}

#[test]
fn members_added_and_removed() {
    let removed = changes(|f| {
        f.model["shapes"]["Thing"]["members"].as_object_mut().unwrap().remove("Size");
    });
    assert_eq!(removed, one(Breaking, ChangeKind::MemberRemoved, "shapes.Thing.members.Size"));
    let optional = changes(|f| f.model["shapes"]["Thing"]["members"]["Weight"] = json!({"shape": "Integer"}));
    assert_eq!(optional, one(Additive, ChangeKind::MemberAdded, "shapes.Thing.members.Weight"));
    // Required in an output: the struct is non-exhaustive, nobody builds it.
    let required_output = changes(|f| {
        f.model["shapes"]["Thing"]["members"]["Weight"] = json!({"shape": "Integer"});
        f.model["shapes"]["Thing"]["required"] = json!(["Name", "Weight"]);
    });
    assert_eq!(required_output, one(Additive, ChangeKind::MemberAdded, "shapes.Thing.members.Weight"));
    // Required in an input: a call that did not set it now fails.
    let required_input = changes(|f| {
        f.model["shapes"]["GetThingRequest"]["members"]["Version"] = json!({"shape": "String"});
        f.model["shapes"]["GetThingRequest"]["required"] = json!(["Id", "Version"]);
    });
    assert_eq!(required_input, one(Breaking, ChangeKind::MemberAdded, "shapes.GetThingRequest.members.Version"));
}

#[test]
fn required_ness_changes_are_breaking_both_ways() {
    let required = changes(|f| f.model["shapes"]["Thing"]["required"] = json!(["Name", "Size"]));
    assert_eq!(required, one(Breaking, ChangeKind::BecameRequired, "shapes.Thing.members.Size"));
    let optional = changes(|f| f.model["shapes"]["Thing"]["required"] = json!([]));
    assert_eq!(optional, one(Breaking, ChangeKind::BecameOptional, "shapes.Thing.members.Name"));
}

#[test]
fn type_changes_are_breaking() {
    let member = changes(|f| f.model["shapes"]["Thing"]["members"]["Size"]["shape"] = json!("String"));
    assert_eq!(member, one(Breaking, ChangeKind::Type, "shapes.Thing.members.Size"));
    // Another shape of the same Rust type is no change.
    let same = changes(|f| {
        f.model["shapes"]["Integer2"] = json!({"type": "integer"});
        f.model["shapes"]["Thing"]["members"]["Size"]["shape"] = json!("Integer2");
    });
    assert_eq!(same, one(Additive, ChangeKind::ShapeAdded, "shapes.Integer2"));
    // A string that became an enum: the shape and every member using it.
    let kind = changes(|f| f.model["shapes"]["String"]["enum"] = json!(["x"]));
    assert!(kind.contains(&(Breaking, ChangeKind::Type, "shapes.String.type".to_string())));
    assert!(kind.contains(&(Breaking, ChangeKind::Type, "shapes.Thing.members.Name".to_string())));
    assert!(kind.contains(&(Breaking, ChangeKind::Type, "shapes.TagList.member".to_string())));
    let output = changes(|f| f.model["operations"]["GetThing"]["output"]["shape"] = json!("ListThingsResult"));
    assert_eq!(output, one(Breaking, ChangeKind::Type, "operations.GetThing.output"));
}

#[test]
fn location_and_wire_name_changes_are_breaking() {
    let location = changes(|f| f.model["shapes"]["GetThingRequest"]["members"]["Filter"]["location"] = json!("header"));
    assert_eq!(location, one(Breaking, ChangeKind::Location, "shapes.GetThingRequest.members.Filter"));
    let wire = changes(|f| f.model["shapes"]["GetThingRequest"]["members"]["Token"]["locationName"] = json!("x-tok"));
    assert_eq!(wire, one(Breaking, ChangeKind::WireName, "shapes.GetThingRequest.members.Token"));
    let element = changes(|f| f.model["shapes"]["TagList"]["member"]["locationName"] = json!("Label"));
    assert_eq!(element, one(Breaking, ChangeKind::WireName, "shapes.TagList.member"));
    // Spelling out the name the member already had on the wire changes nothing.
    let same = changes(|f| f.model["shapes"]["Thing"]["members"]["Size"]["locationName"] = json!("Size"));
    assert!(same.is_empty(), "{same:?}");
}

#[test]
fn enum_values() {
    let removed = changes(|f| f.model["shapes"]["Color"]["enum"] = json!(["red"]));
    assert_eq!(removed, one(Breaking, ChangeKind::EnumValueRemoved, "shapes.Color.enum.green"));
    let added = changes(|f| f.model["shapes"]["Color"]["enum"] = json!(["red", "green", "blue"]));
    assert_eq!(added, one(Additive, ChangeKind::EnumValueAdded, "shapes.Color.enum.blue"));
    // Nobody can match on a variant of an enum that was never generated.
    let unused = changes(|f| f.model["shapes"]["Unused"]["enum"] = json!(["a"]));
    assert_eq!(unused, one(Additive, ChangeKind::EnumValueRemoved, "shapes.Unused.enum.b"));
}

#[test]
fn operation_errors() {
    let removed = changes(|f| f.model["operations"]["GetThing"]["errors"] = json!([]));
    assert_eq!(removed, one(Breaking, ChangeKind::ErrorRemoved, "operations.GetThing.errors.NoSuchThing"));
    let added = changes(|f| f.model["operations"]["ListThings"]["errors"] = json!([{"shape": "NoSuchThing"}]));
    assert_eq!(added, one(Additive, ChangeKind::ErrorAdded, "operations.ListThings.errors.NoSuchThing"));
}

#[test]
fn http_bindings() {
    let uri = changes(|f| f.model["operations"]["ListThings"]["http"]["requestUri"] = json!("/things/"));
    assert_eq!(uri, one(Additive, ChangeKind::Http, "operations.ListThings.http"));
    let method = changes(|f| f.model["operations"]["ListThings"]["http"]["method"] = json!("POST"));
    assert_eq!(method, one(Breaking, ChangeKind::Http, "operations.ListThings.http"));
    // 200 is the default response code.
    let code = changes(|f| f.model["operations"]["ListThings"]["http"]["responseCode"] = json!(200));
    assert!(code.is_empty(), "{code:?}");
}

#[test]
fn paginators() {
    let added = changes(|f| {
        f.paginators["pagination"]["GetThing"] = json!({"input_token": "Filter", "output_token": "Thing.Name"});
    });
    assert_eq!(added, one(Additive, ChangeKind::PaginatorAdded, "paginators.GetThing"));
    let items = changes(|f| f.paginators["pagination"]["ListThings"]["result_key"] = json!("Things"));
    assert_eq!(items, one(Breaking, ChangeKind::PaginatorChanged, "paginators.ListThings"));
    let tokens = changes(|f| f.paginators["pagination"]["ListThings"]["limit_key"] = json!("MaxItems"));
    assert_eq!(tokens, one(Additive, ChangeKind::PaginatorChanged, "paginators.ListThings"));
}

#[test]
fn waiters() {
    let removed = changes(|f| f.waiters["waiters"] = json!({}));
    assert_eq!(removed, one(Breaking, ChangeKind::WaiterRemoved, "waiters.ThingExists"));
    let added = changes(|f| {
        f.waiters["waiters"]["ThingGone"] = json!({"operation": "GetThing", "delay": 5, "maxAttempts": 3,
            "acceptors": [{"state": "success", "matcher": "error", "expected": "NoSuchThing"}]});
    });
    assert_eq!(added, one(Additive, ChangeKind::WaiterAdded, "waiters.ThingGone"));
    let timing = changes(|f| f.waiters["waiters"]["ThingExists"]["delay"] = json!(10));
    assert_eq!(timing, one(Additive, ChangeKind::WaiterChanged, "waiters.ThingExists"));
    let operation = changes(|f| f.waiters["waiters"]["ThingExists"]["operation"] = json!("ListThings"));
    assert_eq!(operation, one(Breaking, ChangeKind::WaiterChanged, "waiters.ThingExists"));
}

#[test]
fn endpoint_rule_sets() {
    let added = changes(|f| {
        f.rules["parameters"]["UseDualStack"] = json!({"builtIn": "AWS::UseDualStack", "required": true,
            "default": false, "type": "Boolean"});
    });
    assert_eq!(added, one(Additive, ChangeKind::EndpointParameterAdded, "endpoint.parameters.UseDualStack"));
    let removed = changes(|f| {
        f.rules["parameters"].as_object_mut().unwrap().remove("UseFIPS");
    });
    assert_eq!(removed, one(Breaking, ChangeKind::EndpointParameterRemoved, "endpoint.parameters.UseFIPS"));
    let retyped = changes(|f| f.rules["parameters"]["UseFIPS"]["type"] = json!("String"));
    assert_eq!(retyped, one(Breaking, ChangeKind::EndpointParameterChanged, "endpoint.parameters.UseFIPS"));
    // botocore spells types both ways; the rules engine reads them alike.
    let spelling = changes(|f| f.rules["parameters"]["UseFIPS"]["type"] = json!("boolean"));
    assert!(spelling.is_empty(), "{spelling:?}");
    let rules = changes(|f| f.rules["rules"][0]["endpoint"]["url"] = json!("https://svc.example.com"));
    assert_eq!(rules, one(Additive, ChangeKind::EndpointRulesChanged, "endpoint.rules"));
}

#[test]
fn documentation_is_counted_apart() {
    let report = report(|f| {
        f.model["documentation"] = json!("<p>Another text.</p>");
        f.model["operations"]["GetThing"]["documentation"] = json!("<p>Gets one thing.</p>");
        f.model["shapes"]["Thing"]["documentation"] = json!("<p>A thing.</p>");
        f.model["shapes"]["Thing"]["members"]["Name"]["documentation"] = json!("<p>Its name.</p>");
        f.rules["parameters"]["Region"]["documentation"] = json!("The AWS region.");
    });
    let service = &report.services[0];
    assert_eq!(service.count(ChangeKind::Documentation), 5);
    assert!(service.changes.iter().all(|c| c.class == Documentation));
    assert_eq!(service.bump, Some(Documentation));
    assert!(report.to_markdown().contains("- `svc-sdk-types`: documentation only: patch bump"));
}

#[test]
fn bump_is_the_most_severe_class() {
    let report = report(|f| {
        f.model["shapes"]["Color"]["enum"] = json!(["red"]);
        f.model["shapes"]["Extra"] = json!({"type": "string"});
        f.model["documentation"] = json!("<p>Another text.</p>");
    });
    let service = &report.services[0];
    assert_eq!(service.bump, Some(Breaking));
    assert_eq!(
        (service.count_class(Breaking), service.count_class(Additive), service.count_class(Documentation)),
        (1, 1, 1)
    );
    // Breaking first.
    assert_eq!(service.changes[0].class, Breaking);
    let markdown = report.to_markdown();
    assert!(markdown.contains("| svc | 2020-01-01 | 1 | 1 | 1 | breaking |"), "{markdown}");
    assert!(markdown.contains("- `svc-sdk`: breaking: minor bump for 0.x"), "{markdown}");
}

#[test]
fn services_added_and_removed() {
    let (old, new) = (scratch(), scratch());
    write(&old, &base());
    let mut other = base();
    other.model["metadata"]["apiVersion"] = json!("2021-01-01");
    let dir = new.join("other").join("2021-01-01");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("service-2.json"), other.model.to_string()).unwrap();
    let report = diff_dirs(&old, &new, &[]).unwrap();
    let kinds: Vec<(String, Class, ChangeKind)> =
        report.services.iter().map(|s| (s.service.clone(), s.changes[0].class, s.changes[0].kind)).collect();
    assert_eq!(
        kinds,
        vec![
            ("other".to_string(), Additive, ChangeKind::ServiceAdded),
            ("svc".to_string(), Breaking, ChangeKind::ServiceRemoved),
        ]
    );
    // --service limits the report; a service in neither folder is an error.
    assert_eq!(diff_dirs(&old, &new, &["svc".to_string()]).unwrap().services.len(), 1);
    assert!(diff_dirs(&old, &new, &["nope".to_string()]).is_err());
}

#[test]
fn one_api_version_folder_is_a_model_folder() {
    let (old, new) = (scratch(), scratch());
    write(&old, &base());
    let mut files = base();
    files.model["shapes"]["Extra"] = json!({"type": "string"});
    write(&new, &files);
    let report = diff_dirs(&old.join("svc/2020-01-01"), &new.join("svc/2020-01-01"), &[]).unwrap();
    assert_eq!(report.services[0].service, "svc");
    assert_eq!(report.services[0].count(ChangeKind::ShapeAdded), 1);
}

#[test]
fn output_is_deterministic() {
    let change = |f: &mut Files| {
        f.model["shapes"]["Color"]["enum"] = json!(["blue", "red", "yellow"]);
        f.model["shapes"]["B"] = json!({"type": "string"});
        f.model["shapes"]["A"] = json!({"type": "string"});
    };
    let (first, second) = (report(change), report(change));
    let strip = |r: Report| {
        let (json, markdown) = (r.to_json(), r.to_markdown());
        (json.replace(&r.old, "OLD").replace(&r.new, "NEW"), markdown.replace(&r.old, "OLD").replace(&r.new, "NEW"))
    };
    assert_eq!(strip(first.clone()), strip(second));
    let json: Value = serde_json::from_str(&first.to_json()).unwrap();
    let subjects: Vec<&str> =
        json["services"][0]["changes"].as_array().unwrap().iter().map(|c| c["subject"].as_str().unwrap()).collect();
    assert_eq!(
        subjects,
        ["shapes.Color.enum.green", "shapes.A", "shapes.B", "shapes.Color.enum.blue", "shapes.Color.enum.yellow"]
    );
    assert_eq!(json["services"][0]["counts"]["enum_value_added"], 2);
    assert_eq!(json["services"][0]["bump"], "breaking");
}

/// An error of a pair whose new side is `change`d.
fn error(change: impl FnOnce(&Path)) -> String {
    let (old, new) = (scratch(), scratch());
    write(&old, &base());
    write(&new, &base());
    change(&new.join("svc/2020-01-01"));
    let err = diff_dirs(&old, &new, &[]).unwrap_err();
    err.to_string().replace(&new.display().to_string(), "NEW")
}

#[test]
fn malformed_models_name_the_file_and_json_path() {
    let mut wrong_type = base().model;
    wrong_type["shapes"]["Thing"]["members"]["Size"]["shape"] = json!(5);
    let text = wrong_type.to_string();
    let message = error(|dir| std::fs::write(dir.join("service-2.json"), &text).unwrap());
    assert!(
        message.starts_with("NEW/svc/2020-01-01/service-2.json: shapes.Thing.members.Size.shape: invalid type"),
        "{message}"
    );

    let mut dangling = base().model;
    dangling["shapes"]["Thing"]["members"]["Size"]["shape"] = json!("Intger");
    let text = dangling.to_string();
    let message = error(|dir| std::fs::write(dir.join("service-2.json"), &text).unwrap());
    assert_eq!(
        message,
        "NEW/svc/2020-01-01/service-2.json: shapes.Thing.members.Size.shape: no shape named \"Intger\""
    );

    let message = error(|dir| std::fs::write(dir.join("paginators-1.json"), r#"{"pagination": []}"#).unwrap());
    assert!(message.starts_with("NEW/svc/2020-01-01/paginators-1.json: pagination: invalid type"), "{message}");
    let message = error(|dir| {
        std::fs::write(dir.join("waiters-2.json"), r#"{"waiters": {"W": {"operation": 1}}}"#).unwrap();
    });
    assert!(message.starts_with("NEW/svc/2020-01-01/waiters-2.json: waiters.W.operation: invalid type"), "{message}");
    let message = error(|dir| {
        std::fs::write(dir.join("endpoint-rule-set-1.json"), r#"{"parameters": {"Region": {}}}"#).unwrap();
    });
    assert!(
        message.starts_with("NEW/svc/2020-01-01/endpoint-rule-set-1.json: parameters.Region: missing field `type`"),
        "{message}"
    );
    let message = error(|dir| std::fs::write(dir.join("service-2.json"), "{not json").unwrap());
    assert!(message.starts_with("NEW/svc/2020-01-01/service-2.json: "), "{message}");
}

#[test]
fn missing_models_are_errors() {
    let missing = scratch().join("nothing-here");
    let err = diff_dirs(&missing, &missing, &[]).unwrap_err();
    assert!(matches!(err, Error::Io { .. }));
    assert!(err.to_string().ends_with("nothing-here: no such model folder"), "{err}");
    let empty = scratch();
    let err = diff_dirs(&empty, &empty, &[]).unwrap_err();
    assert!(err.to_string().contains("no <service>/<api-version>/service-2.json"), "{err}");
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The real pair, with the folders named as the committed example names them.
fn real_report() -> Report {
    let root = workspace();
    let mut report = diff_dirs(&root.join("model/history/1.35.0"), &root.join("model"), &[]).unwrap();
    report.old = "model/history/1.35.0".to_string();
    report.new = "model".to_string();
    report
}

/// The kinds `scripts/model_diff_counts.py` counts (all but `traits` and
/// `endpoint_parameter_changed`).
const COUNTED: &[&str] = &[
    "operation_added",
    "operation_removed",
    "shape_added",
    "shape_removed",
    "member_added",
    "member_removed",
    "became_required",
    "became_optional",
    "type",
    "location",
    "wire_name",
    "enum_value_added",
    "enum_value_removed",
    "error_added",
    "error_removed",
    "http",
    "paginator_added",
    "paginator_removed",
    "paginator_changed",
    "waiter_added",
    "waiter_removed",
    "waiter_changed",
    "endpoint_parameter_added",
    "endpoint_parameter_removed",
    "endpoint_rules_changed",
    "documentation",
];

#[test]
fn real_history_matches_the_independent_count() {
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace().join("codegen/tests/data/model_diff_counts.json")).unwrap(),
    )
    .unwrap();
    let report = real_report();
    let names: Vec<&str> = report.services.iter().map(|s| s.service.as_str()).collect();
    // S3 and S3 Control were vendored after the history was taken: they
    // are new services.
    assert_eq!(names, ["cloudfront", "route53", "s3", "s3control"]);
    for (service, version) in report.services[2..].iter().zip(["2006-03-01", "2018-08-20"]) {
        assert_eq!((service.old_api_version.as_deref(), service.new_api_version.as_deref()), (None, Some(version)));
    }
    for service in &report.services[..2] {
        let want = &expected[&service.service];
        assert_eq!(want["old_api_version"], service.old_api_version.as_deref().unwrap());
        assert_eq!(want["new_api_version"], service.new_api_version.as_deref().unwrap());
        for kind in COUNTED {
            let ours = service.counts.iter().find(|(k, _)| k.name() == *kind).map(|(_, n)| *n).unwrap_or(0);
            let theirs = want["counts"].get(*kind).and_then(Value::as_u64).unwrap_or(0) as usize;
            assert_eq!(ours, theirs, "{}: {kind}", service.service);
        }
        for kind in service.counts.keys() {
            let name = kind.name();
            assert!(COUNTED.contains(&name.as_str()) || name == "traits" || name == "endpoint_parameter_changed");
        }
    }
}

#[test]
fn committed_example_report_is_current() {
    let path = workspace().join("docs/model-update-report-1.35.0-to-1.43.11.md");
    let committed = std::fs::read_to_string(&path).unwrap();
    let body = real_report().to_markdown();
    assert!(
        committed.ends_with(&body),
        "{} is stale; regenerate with: cargo run -p restxml-codegen -- diff model/history/1.35.0 model",
        path.display()
    );
}
