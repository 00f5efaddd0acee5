//! How shapes become Rust types in models unlike CloudFront's: unions with
//! a large variant, and operation inputs whose derived name is taken.

use restxml_codegen::model::ServiceModel;
use restxml_codegen::{Settings, generate_from_model};

/// A small rest-xml model: `PutThing` takes `PutThingRequest` (with a
/// member of the data shape `PutThingInput`) and returns a union.
fn model() -> serde_json::Value {
    let strings = |n: usize| {
        (0..n).map(|i| (format!("Field{i}"), serde_json::json!({ "shape": "Text" }))).collect::<serde_json::Map<_, _>>()
    };
    serde_json::json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2024-01-01", "protocol": "rest-xml", "endpointPrefix": "thing",
            "serviceFullName": "Thing Service", "signatureVersion": "v4", "uid": "thing-2024-01-01"
        },
        "operations": {
            "PutThing": {
                "name": "PutThing",
                "http": { "method": "PUT", "requestUri": "/thing" },
                "input": { "shape": "PutThingRequest" },
                "output": { "shape": "PutThingResult" }
            }
        },
        "shapes": {
            "Text": { "type": "string" },
            "PutThingInput": { "type": "structure", "members": { "Name": { "shape": "Text" } } },
            "PutThingRequest": {
                "type": "structure",
                "members": { "Thing": { "shape": "PutThingInput" } },
                "payload": "Thing"
            },
            "Big": { "type": "structure", "members": strings(12) },
            "Small": { "type": "structure", "members": strings(2) },
            "Choice": {
                "type": "structure", "union": true,
                "members": { "Big": { "shape": "Big" }, "Small": { "shape": "Small" } }
            },
            "SmallChoice": {
                "type": "structure", "union": true,
                "members": { "Small": { "shape": "Small" }, "Text": { "shape": "Text" } }
            },
            "PutThingResult": {
                "type": "structure",
                "members": { "Choice": { "shape": "Choice" }, "SmallChoice": { "shape": "SmallChoice" } }
            }
        }
    })
}

fn generate() -> std::collections::BTreeMap<String, String> {
    let model = ServiceModel::from_json(&model().to_string(), "service-2.json").unwrap();
    let settings = Settings {
        crate_name: "thing-sdk".into(),
        runtime_path: "../runtime".into(),
        operations: None,
        command: "test".into(),
        endpoints: None,
    };
    let krate = generate_from_model(&model, &settings).unwrap();
    krate.files.into_iter().map(|(path, text)| (path.display().to_string(), text)).collect()
}

#[test]
fn a_union_variant_much_larger_than_the_others_is_boxed() {
    let files = generate();
    let choice = &files["types/src/types/choice.rs"];
    assert!(choice.contains("Big(Box<crate::types::Big>)"), "{choice}");
    assert!(choice.contains("Small(crate::types::Small)"), "{choice}");
    assert!(choice.contains("Box::new("), "the reader boxes what it reads: {choice}");
    let small = &files["types/src/types/small_choice.rs"];
    assert!(!small.contains("Box<"), "{small}");
}

#[test]
fn an_operation_input_keeps_its_model_name_when_the_derived_one_is_taken() {
    let files = generate();
    let operation = &files["src/operation/put_thing.rs"];
    assert!(operation.contains("pub struct PutThingRequest"), "{operation}");
    assert!(operation.contains("pub struct PutThingOutput"), "{operation}");
    assert!(files.contains_key("types/src/types/put_thing_input.rs"), "{:?}", files.keys());
}
