//! Property test: for every data type that is both written (in a request)
//! and read (from a response), value -> XML -> value is the identity.
//! Values are generated from the model: random strings with XML specials,
//! non-BMP text and line breaks, extreme numbers, unknown enum values,
//! absent and empty lists; `Quantity` always agrees with `Items`.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use restxml_codegen::ir::{Service, ShapeKind, TypeRef};
use restxml_runtime::xml::{ReadXml, WriteXml, XmlWriter};
use serde_json::{Value, json};

/// Checks that a value (as JSON) survives value -> XML -> value.
type RoundTripCheck = fn(Value) -> Result<(), String>;

include!(concat!(env!("OUT_DIR"), "/round_trip_shapes.rs"));

fn round_trip<T>(params: Value) -> Result<(), String>
where
    T: WriteXml + ReadXml + PartialEq + std::fmt::Debug + serde::de::DeserializeOwned,
{
    let value: T = serde_json::from_value(params.clone())
        .map_err(|e| format!("generated JSON does not deserialize: {e}\n{params}"))?;
    let mut writer = XmlWriter::new();
    value.write_xml(writer.root("Root")).map_err(|e| format!("write failed: {e}\n{value:?}"))?;
    let xml = writer.as_str();
    let back: T =
        restxml_runtime::xml::read_document(xml.as_bytes(), "Root").map_err(|e| format!("read failed: {e}\n{xml}"))?;
    if back == value {
        Ok(())
    } else {
        Err(format!("round trip changed the value\nbefore: {value:?}\nafter:  {back:?}\nxml: {xml}"))
    }
}

fn service() -> Service {
    let path = integration_tests::model_path("cloudfront", "service-2.json");
    let model = restxml_codegen::model::ServiceModel::load(&path).unwrap();
    Service::resolve(&model, None).unwrap()
}

fn text() -> BoxedStrategy<String> {
    proptest::string::string_regex("[a-zA-Z0-9 _./:-]{0,8}|[&<>\"' \\]\\r\\n\\téЩ中🚀𝄞]{0,6}|\\]\\]>").unwrap().boxed()
}

/// JSON (the model's member names) for a value of `ty`.
fn value_of(service: &Service, ty: &TypeRef, depth: usize) -> BoxedStrategy<Value> {
    match ty {
        TypeRef::String => text().prop_map(Value::from).boxed(),
        TypeRef::Boolean => any::<bool>().prop_map(Value::from).boxed(),
        TypeRef::Integer => any::<i32>().prop_map(Value::from).boxed(),
        TypeRef::Long => any::<i64>().prop_map(Value::from).boxed(),
        TypeRef::Float => any::<f32>().prop_filter("finite", |f| f.is_finite()).prop_map(|f| json!(f)).boxed(),
        TypeRef::Double => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from).boxed(),
        TypeRef::Stream => unreachable!("CloudFront has no streaming payloads"),
        TypeRef::Blob => proptest::collection::vec(any::<u8>(), 0..16)
            .prop_map(|bytes| serde_json::to_value(restxml_runtime::Blob::new(bytes)).unwrap())
            .boxed(),
        TypeRef::Timestamp(_) => (0i64..4_102_444_800, 0u32..1_000_000_000)
            .prop_map(|(s, n)| serde_json::to_value(restxml_runtime::DateTime::from_secs_and_nanos(s, n)).unwrap())
            .boxed(),
        TypeRef::Enum(name) => {
            let ShapeKind::Enum(e) = &service.shapes[name].kind else { unreachable!() };
            let known: Vec<Value> = e.variants.iter().map(|(_, wire)| Value::from(wire.clone())).collect();
            prop_oneof![3 => proptest::sample::select(known), 1 => "[A-Z][a-z]{1,6}_Future".prop_map(Value::from)]
                .boxed()
        }
        TypeRef::List(list) => {
            let max = if depth > 3 { 1 } else { 3 };
            proptest::collection::vec(value_of(service, &list.member, depth + 1), 0..max).prop_map(Value::from).boxed()
        }
        TypeRef::Map(_) => unreachable!("CloudFront has no maps"),
        TypeRef::Structure(name) => structure(service, name, depth),
    }
}

fn structure(service: &Service, name: &str, depth: usize) -> BoxedStrategy<Value> {
    let s = service.shapes[name].structure().unwrap();
    if s.union {
        let choices: Vec<BoxedStrategy<Value>> = s
            .members
            .iter()
            .map(|m| {
                let key = m.wire_name.clone();
                value_of(service, &m.ty, depth + 1).prop_map(move |v| json!({ key.clone(): v })).boxed()
            })
            .collect();
        return proptest::strategy::Union::new(choices).boxed();
    }
    let members: Vec<BoxedStrategy<Option<(String, Value)>>> = s
        .members
        .iter()
        .map(|m| {
            let key = m.wire_name.clone();
            let value = value_of(service, &m.ty, depth + 1).prop_map(move |v| Some((key.clone(), v)));
            if m.required {
                value.boxed()
            } else if depth > 4 {
                Just(None).boxed()
            } else {
                prop_oneof![Just(None), value].boxed()
            }
        })
        .collect();
    let wrapper = s.quantity_items.is_some();
    members
        .prop_map(move |entries| {
            let mut object: serde_json::Map<String, Value> = entries.into_iter().flatten().collect();
            if wrapper {
                let count = object.get("Items").and_then(Value::as_array).map_or(0, Vec::len);
                object.insert("Quantity".into(), Value::from(count));
            }
            Value::Object(object)
        })
        .boxed()
}

#[test]
fn every_written_and_read_structure_round_trips() {
    let service = service();
    assert!(ROUND_TRIP_SHAPES.len() > 100, "only {} shapes", ROUND_TRIP_SHAPES.len());
    let mut runner = TestRunner::new(Config { cases: 24, failure_persistence: None, ..Config::default() });
    for (name, check) in ROUND_TRIP_SHAPES {
        let strategy = structure(&service, name, 0);
        runner
            .run(&strategy, |params| check(params).map_err(TestCaseError::fail))
            .unwrap_or_else(|err| panic!("{name}: {err}"));
    }
}
