//! botocore's model extras: `service-2.sdk-extras.json` beside a model.
//!
//! botocore's loader (`Loader.load_service_model`) reads, after a model,
//! the `sdk` extras file beside it and lays that file's `merge` object over
//! the model (`ExtrasProcessor`, `botocore.utils.deep_merge`): where both
//! hold an object the two merge key by key, anything else (a string, a
//! list) replaces what the model had. S3 uses it to turn the `Expires`
//! shape from a string into a timestamp. [`load_model`] does the same
//! before the model is read into [`ServiceModel`].
//!
//! The merge works on a JSON tree that keeps every object's key order,
//! since a structure's member order is its XML element order.

use std::path::{Path, PathBuf};

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::Error;
use crate::model::ServiceModel;

/// Reads the model at `path`, with the `sdk` extras file beside it merged
/// in when there is one (`service-2.json` -> `service-2.sdk-extras.json`).
pub fn load_model(path: &Path) -> Result<ServiceModel, Error> {
    let Some(extras_path) = extras_path(path) else { return ServiceModel::load(path) };
    let extras_text = match std::fs::read_to_string(&extras_path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return ServiceModel::load(path),
        Err(err) => return Err(Error::Io { path: extras_path.display().to_string(), message: err.to_string() }),
    };
    let text = std::fs::read_to_string(path)
        .map_err(|err| Error::Io { path: path.display().to_string(), message: err.to_string() })?;
    let merged = merge_text(&text, &path.display().to_string(), &extras_text, &extras_path.display().to_string())?;
    ServiceModel::from_json(&merged, &format!("{} with {}", path.display(), extras_path.display()))
}

/// The extras file botocore reads beside `model`: `<stem>.sdk-extras.json`.
pub fn extras_path(model: &Path) -> Option<PathBuf> {
    let stem = model.file_name()?.to_str()?.strip_suffix(".json")?;
    Some(model.with_file_name(format!("{stem}.sdk-extras.json")))
}

/// `model` (JSON text) with the `merge` object of `extras` (JSON text) laid
/// over it, as JSON text; key order is kept, new keys go last. Extras
/// without `merge` change nothing, as in botocore.
pub fn merge_text(model: &str, model_source: &str, extras: &str, extras_source: &str) -> Result<String, Error> {
    let mut model: Json = parse(model, model_source)?;
    let extras: Json = parse(extras, extras_source)?;
    let Json::Object(entries) = &extras else {
        return Err(Error::Model {
            source_name: extras_source.to_string(),
            path: String::new(),
            message: "expected an object".to_string(),
        });
    };
    if let Some((_, merge)) = entries.iter().find(|(key, _)| key == "merge") {
        if !matches!(merge, Json::Object(_)) {
            return Err(Error::Model {
                source_name: extras_source.to_string(),
                path: "merge".to_string(),
                message: "expected an object".to_string(),
            });
        }
        deep_merge(&mut model, merge);
    }
    serde_json::to_string(&model).map_err(|err| Error::Model {
        source_name: model_source.to_string(),
        path: String::new(),
        message: err.to_string(),
    })
}

fn parse(text: &str, source: &str) -> Result<Json, Error> {
    serde_json::from_str(text).map_err(|err| Error::Model {
        source_name: source.to_string(),
        path: String::new(),
        message: err.to_string(),
    })
}

/// botocore's `deep_merge(base, extra)`.
fn deep_merge(base: &mut Json, extra: &Json) {
    let (Json::Object(base), Json::Object(extra)) = (base, extra) else { return };
    for (key, value) in extra {
        match base.iter_mut().find(|(k, _)| k == key) {
            Some((_, existing)) if matches!((&*existing, value), (Json::Object(_), Json::Object(_))) => {
                deep_merge(existing, value)
            }
            Some((_, existing)) => *existing = value.clone(),
            None => base.push((key.clone(), value.clone())),
        }
    }
}

/// A JSON value whose objects keep their keys in document order.
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Scalar(serde_json::Value),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct JsonVisitor;
        impl<'de> Visitor<'de> for JsonVisitor {
            type Value = Json;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_string<E>(self, v: String) -> Result<Json, E> {
                Ok(Json::Scalar(v.into()))
            }
            fn visit_unit<E>(self) -> Result<Json, E> {
                Ok(Json::Scalar(serde_json::Value::Null))
            }
            fn visit_none<E>(self) -> Result<Json, E> {
                Ok(Json::Scalar(serde_json::Value::Null))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Json::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
                let mut entries: Vec<(String, Json)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Json>()? {
                    // A repeated key keeps its first place and its last value.
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, existing)) => *existing = value,
                        None => entries.push((key, value)),
                    }
                }
                Ok(Json::Object(entries))
            }
        }
        deserializer.deserialize_any(JsonVisitor)
    }
}

impl Serialize for Json {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Scalar(value) => value.serialize(serializer),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_objects_replaces_the_rest_and_keeps_order() {
        let model = r#"{"b": {"z": 1, "a": {"x": [1, 2], "y": "s"}}, "a": 2}"#;
        let extras = r#"{"version": 1.0, "merge": {"b": {"a": {"x": [3], "w": null}, "c": true}, "d": {}}}"#;
        let merged = merge_text(model, "m", extras, "e").unwrap();
        assert_eq!(merged, r#"{"b":{"z":1,"a":{"x":[3],"y":"s","w":null},"c":true},"a":2,"d":{}}"#);
    }

    #[test]
    fn extras_without_merge_change_nothing() {
        let merged = merge_text(r#"{"b": 1, "a": 2}"#, "m", r#"{"version": 1.0}"#, "e").unwrap();
        assert_eq!(merged, r#"{"b":1,"a":2}"#);
    }

    #[test]
    fn malformed_extras_name_the_file() {
        let err = merge_text("{}", "m", r#"{"merge": []}"#, "x.sdk-extras.json").unwrap_err();
        assert_eq!(err.to_string(), "x.sdk-extras.json: merge: expected an object");
        assert!(
            merge_text("{}", "m", "{", "x.sdk-extras.json").unwrap_err().to_string().starts_with("x.sdk-extras.json")
        );
    }

    #[test]
    fn extras_path_is_beside_the_model() {
        assert_eq!(extras_path(Path::new("a/service-2.json")).unwrap(), Path::new("a/service-2.sdk-extras.json"));
        assert_eq!(extras_path(Path::new("a/model")), None);
    }
}
