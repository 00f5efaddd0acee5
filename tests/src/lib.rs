//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::path::PathBuf;

use quick_xml::events::Event;

pub mod canned_server;
mod data;
pub mod endpoint_calls;
pub mod fault_proxy;
pub mod moto;
pub mod wire;
pub use data::{model_file, model_path, read_data, read_data_string, recreated_by};

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// A response body from `tests/data/fixtures/` (made and checked against
/// botocore's parser by `python3 scripts/make_fixtures.py`; its status and
/// headers are in `responses.json` there).
///
/// # Panics
/// If the file cannot be read, naming its path and that command.
pub fn fixture(name: &str) -> Vec<u8> {
    read_data(&format!("tests/data/fixtures/{name}"))
}

/// JSON without its `null` members (which the AWS CLI and botocore never
/// print), for comparing serde output with theirs.
pub fn without_nulls(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            Value::Object(map.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, without_nulls(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(without_nulls).collect()),
        other => other,
    }
}

/// An XML element reduced to what XML equality means here: name,
/// attributes (unordered), children in order, and text (white space
/// between child elements ignored; a leaf's text kept exactly).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNode {
    pub name: String,
    pub attributes: BTreeMap<String, String>,
    pub children: Vec<XmlNode>,
    pub text: String,
}

/// Parses `xml` into its root [`XmlNode`].
pub fn parse_xml(xml: &str) -> Result<XmlNode, String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<XmlNode> = Vec::new();
    let start_node = |e: &quick_xml::events::BytesStart<'_>| -> Result<XmlNode, String> {
        let mut attributes = BTreeMap::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|e| e.to_string())?;
            let value = attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).map_err(|e| e.to_string())?;
            attributes.insert(attr.key.0.to_string(), value.into_owned());
        }
        Ok(XmlNode { name: e.name().0.to_string(), attributes, children: Vec::new(), text: String::new() })
    };
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => stack.push(start_node(&e)?),
            Event::Empty(e) => {
                let node = start_node(&e)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            Event::End(_) => {
                let mut node = stack.pop().ok_or("unbalanced end tag")?;
                if !node.children.is_empty() && node.text.trim().is_empty() {
                    node.text.clear();
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => return Ok(node),
                }
            }
            Event::Text(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r.xml10_content())
                        .ok_or_else(|| format!("unknown entity {:?}", r.xml10_content()))?
                        .to_string(),
                };
                if let Some(node) = stack.last_mut() {
                    node.text.push_str(&resolved);
                }
            }
            Event::Eof => return Err("no root element".into()),
            _ => {}
        }
    }
}

/// Asserts two XML documents are equal as XML.
#[track_caller]
pub fn assert_xml_eq(actual: &str, expected: &str) {
    let a = parse_xml(actual).unwrap_or_else(|e| panic!("actual XML does not parse ({e}):\n{actual}"));
    let b = parse_xml(expected).unwrap_or_else(|e| panic!("expected XML does not parse ({e}):\n{expected}"));
    assert_eq!(a, b, "\nactual:   {actual}\nexpected: {expected}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_equality_ignores_formatting_but_not_content() {
        assert_xml_eq("<a x=\"1\"><b>t</b>\n  <c/></a>", "<a x='1'><b>t</b><c></c></a>");
        let a = parse_xml("<a><b>t</b><c/></a>").unwrap();
        assert_ne!(a, parse_xml("<a><c/><b>t</b></a>").unwrap(), "order matters");
        assert_ne!(a, parse_xml("<a><b>t </b><c/></a>").unwrap(), "leaf text matters");
        assert_ne!(parse_xml("<a xmlns=\"u\"/>").unwrap(), parse_xml("<a/>").unwrap(), "namespaces matter");
        assert_eq!(parse_xml("<a>&lt;&#x1F680;</a>").unwrap().text, "<🚀");
    }

    #[test]
    fn a_missing_fixture_names_its_path_and_the_command_that_makes_it() {
        let panic = std::panic::catch_unwind(|| fixture("no_such_fixture.xml")).unwrap_err();
        let message = panic.downcast_ref::<String>().expect("a formatted panic message");
        assert!(message.contains("tests/data/fixtures/no_such_fixture.xml"), "{message}");
        assert!(message.contains("python3 scripts/make_fixtures.py"), "{message}");
    }
}
