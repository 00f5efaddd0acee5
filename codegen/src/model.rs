//! botocore's JSON service model as typed serde structs.
//!
//! This is a faithful, lossless-enough reading of `service-2.json`: every
//! shape type and every member or shape trait that rest-xml models use is a
//! named field here, so the rest of the generator never looks at raw JSON.
//! Loading reports the JSON path of anything malformed
//! (`shapes.Aliases.members.Items.shape: invalid type: ...`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::Error;

/// A whole service model (`service-2.json`).
#[derive(Debug, Clone, Deserialize)]
pub struct ServiceModel {
    /// Model format version (`"2.0"`).
    #[serde(default)]
    pub version: Option<String>,
    /// Service-wide facts: protocol, API version, signing name.
    pub metadata: Metadata,
    /// Operations by name (the map key is the operation's real name).
    #[serde(default)]
    pub operations: BTreeMap<String, Operation>,
    /// Shapes by name.
    pub shapes: BTreeMap<String, Shape>,
    /// Service documentation (HTML).
    #[serde(default)]
    pub documentation: Option<String>,
    /// Endpoint-rule parameters a client sets for all its calls
    /// (`clientContextParams`: S3's `ForcePathStyle`, `Accelerate`, ...).
    #[serde(default, rename = "clientContextParams")]
    pub client_context_params: BTreeMap<String, ClientContextParam>,
}

/// One of a service's `clientContextParams`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClientContextParam {
    /// `boolean` or `string`.
    #[serde(rename = "type")]
    pub param_type: String,
    #[serde(default)]
    pub documentation: Option<String>,
}

/// A `staticContextParams` entry of an operation: the value the operation
/// always gives an endpoint-rule parameter.
#[derive(Debug, Clone, Deserialize)]
pub struct StaticContextParam {
    /// A boolean or a string.
    pub value: serde_json::Value,
}

/// A member's `contextParam` trait: the endpoint-rule parameter its value
/// is bound to.
#[derive(Debug, Clone, Deserialize)]
pub struct ContextParam {
    pub name: String,
}

/// `metadata` of a service model.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    pub api_version: String,
    pub protocol: String,
    #[serde(default)]
    pub protocols: Vec<String>,
    #[serde(default)]
    pub endpoint_prefix: Option<String>,
    #[serde(default)]
    pub global_endpoint: Option<String>,
    #[serde(default)]
    pub service_abbreviation: Option<String>,
    #[serde(default)]
    pub service_full_name: Option<String>,
    #[serde(default)]
    pub service_id: Option<String>,
    #[serde(default)]
    pub signature_version: Option<String>,
    #[serde(default)]
    pub signing_name: Option<String>,
    #[serde(default)]
    pub uid: Option<String>,
    #[serde(default)]
    pub xml_namespace: Option<String>,
}

/// One operation.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Operation {
    /// The wire name; in CloudFront it carries the API version as a suffix.
    pub name: String,
    pub http: HttpTrait,
    #[serde(default)]
    pub input: Option<OperationInput>,
    #[serde(default)]
    pub output: Option<ShapeRef>,
    #[serde(default)]
    pub errors: Vec<ShapeRef>,
    #[serde(default)]
    pub documentation: Option<String>,
    #[serde(default)]
    pub documentation_url: Option<String>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub idempotent: bool,
    #[serde(default)]
    pub endpoint: Option<EndpointTrait>,
    #[serde(default)]
    pub requestcompression: Option<RequestCompression>,
    #[serde(default)]
    pub http_checksum: Option<serde_json::Value>,
    #[serde(default)]
    pub auth: Vec<String>,
    /// Endpoint-rule parameters with fixed values for this operation.
    #[serde(default)]
    pub static_context_params: BTreeMap<String, StaticContextParam>,
}

/// `http` of an operation.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpTrait {
    pub method: String,
    pub request_uri: String,
    #[serde(default)]
    pub response_code: Option<u16>,
}

/// An operation's `input`: a shape reference that may rename the body root.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OperationInput {
    pub shape: String,
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespace>,
}

/// A reference to a shape by name.
#[derive(Debug, Clone, Deserialize)]
pub struct ShapeRef {
    pub shape: String,
}

/// The `endpoint` trait: a host prefix, possibly with `{Label}`s.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EndpointTrait {
    pub host_prefix: String,
}

/// The `requestcompression` trait.
#[derive(Debug, Clone, Deserialize)]
pub struct RequestCompression {
    pub encodings: Vec<String>,
}

/// `xmlNamespace`: either a bare URI string or `{ "uri": ..., "prefix": ... }`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum XmlNamespace {
    Uri(String),
    Full {
        uri: String,
        #[serde(default)]
        prefix: Option<String>,
    },
}

impl XmlNamespace {
    /// The namespace URI.
    pub fn uri(&self) -> &str {
        match self {
            XmlNamespace::Uri(uri) | XmlNamespace::Full { uri, .. } => uri,
        }
    }

    /// The attribute that declares it: `xmlns` or `xmlns:prefix`.
    pub fn attribute_name(&self) -> String {
        match self.prefix() {
            Some(prefix) => format!("xmlns:{prefix}"),
            None => "xmlns".to_string(),
        }
    }

    /// The namespace prefix, if any (`xmlns:prefix="uri"`).
    pub fn prefix(&self) -> Option<&str> {
        match self {
            XmlNamespace::Uri(_) => None,
            XmlNamespace::Full { prefix, .. } => prefix.as_deref(),
        }
    }
}

/// The kind of a shape (`type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShapeType {
    Structure,
    List,
    Map,
    String,
    Integer,
    Long,
    Float,
    Double,
    Boolean,
    Timestamp,
    Blob,
    /// A one-character string (botocore reads and writes it as a string):
    /// a Rust `String`.
    Character,
    // Present in some models but in no rest-xml one; accepted so such
    // models still load, refused (naming the shape) if a member reaches
    // them. Any other type fails loading, naming the JSON path.
    Byte,
    Short,
    #[serde(rename = "bigdecimal")]
    BigDecimal,
    #[serde(rename = "biginteger")]
    BigInteger,
}

/// One shape. Fields that only apply to some types are optional; the
/// resolver checks that each type has what it needs.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Shape {
    #[serde(rename = "type")]
    pub shape_type: ShapeType,
    /// Structure members in model order.
    #[serde(default)]
    pub members: Option<indexmap_lite::OrderedMap<Member>>,
    #[serde(default)]
    pub required: Vec<String>,
    /// The member that is the HTTP payload.
    #[serde(default)]
    pub payload: Option<String>,
    /// List element.
    #[serde(default)]
    pub member: Option<Member>,
    /// Map key and value.
    #[serde(default)]
    pub key: Option<Member>,
    #[serde(default)]
    pub value: Option<Member>,
    /// Allowed values of a string enum.
    #[serde(default, rename = "enum")]
    pub enum_values: Option<Vec<String>>,
    #[serde(default)]
    pub min: Option<f64>,
    #[serde(default)]
    pub max: Option<f64>,
    #[serde(default)]
    pub pattern: Option<String>,
    #[serde(default, rename = "box")]
    pub boxed: bool,
    #[serde(default)]
    pub sensitive: bool,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default)]
    pub union: bool,
    /// An event stream (`eventstream`): a structure whose members are the
    /// events of a streamed payload.
    #[serde(default)]
    pub eventstream: bool,
    #[serde(default)]
    pub exception: bool,
    #[serde(default)]
    pub fault: bool,
    #[serde(default)]
    pub error: Option<ErrorTrait>,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    // Serialization traits a shape may carry for the members that target
    // it: botocore merges the member's traits over its target shape's
    // (`ShapeResolver.resolve_shape_ref`), so each of these applies to a
    // member that does not set its own (see `Member`).
    /// Shape-level `flattened` (lists and maps).
    #[serde(default)]
    pub flattened: Option<bool>,
    /// Shape-level `location` (`header`, `headers`, `querystring`, ...).
    #[serde(default)]
    pub location: Option<String>,
    /// Shape-level name: the element name of members targeting the shape,
    /// a header name or prefix with `location`, and a document root.
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespace>,
    /// Shape-level `xmlAttribute`.
    #[serde(default)]
    pub xml_attribute: Option<bool>,
    #[serde(default)]
    pub documentation: Option<String>,
}

/// The `error` trait of an exception shape.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorTrait {
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub http_status_code: Option<u16>,
    #[serde(default)]
    pub sender_fault: bool,
}

/// A member of a structure, or the element/key/value of a list or map.
///
/// As read, a member holds only its own traits; botocore merges them over
/// the target shape's (`location`, `locationName`, `xmlNamespace`,
/// `flattened`, `xmlAttribute`, `timestampFormat`: a trait the member
/// leaves out is the shape's), which [`Member::merged_over`] does.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub shape: String,
    /// `uri`, `querystring`, `header`, `headers`, `statusCode`; absent: body.
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub location_name: Option<String>,
    #[serde(default)]
    pub xml_namespace: Option<XmlNamespace>,
    /// `xmlAttribute`; absent: the target shape's (botocore merges them).
    #[serde(default)]
    pub xml_attribute: Option<bool>,
    /// `flattened`; absent: the target shape's.
    #[serde(default)]
    pub flattened: Option<bool>,
    #[serde(default)]
    pub deprecated: bool,
    #[serde(default)]
    pub deprecated_message: Option<String>,
    #[serde(default, rename = "box")]
    pub boxed: bool,
    #[serde(default)]
    pub idempotency_token: bool,
    #[serde(default)]
    pub host_label: bool,
    #[serde(default)]
    pub streaming: bool,
    #[serde(default)]
    pub timestamp_format: Option<String>,
    #[serde(default)]
    pub jsonvalue: bool,
    #[serde(default)]
    pub event_payload: bool,
    /// The endpoint-rule parameter this member's value is bound to.
    #[serde(default)]
    pub context_param: Option<ContextParam>,
    #[serde(default)]
    pub documentation: Option<String>,
}

impl Member {
    /// This member's serialization traits merged over those of `target`,
    /// the shape it refers to, as botocore's `ShapeResolver` merges a shape
    /// reference's traits over its shape: what the member sets wins, what
    /// it leaves out comes from the shape.
    pub fn merged_over(&self, target: &Shape) -> Member {
        let mut merged = self.clone();
        merged.location = merged.location.or_else(|| target.location.clone());
        merged.location_name = merged.location_name.or_else(|| target.location_name.clone());
        merged.xml_namespace = merged.xml_namespace.or_else(|| target.xml_namespace.clone());
        merged.flattened = merged.flattened.or(target.flattened);
        merged.xml_attribute = merged.xml_attribute.or(target.xml_attribute);
        merged.timestamp_format = merged.timestamp_format.or_else(|| target.timestamp_format.clone());
        merged
    }

    /// `flattened`, set on the member or (after [`Member::merged_over`]) its shape.
    pub fn is_flattened(&self) -> bool {
        self.flattened.unwrap_or(false)
    }

    /// `xmlAttribute`, set on the member or (after [`Member::merged_over`]) its shape.
    pub fn is_xml_attribute(&self) -> bool {
        self.xml_attribute.unwrap_or(false)
    }
}

/// An insertion-ordered map for structure members: botocore's member order
/// is the XML element order, so it must be kept.
pub mod indexmap_lite {
    use std::fmt;

    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    /// Entries in the order the JSON gave them.
    #[derive(Debug, Clone)]
    pub struct OrderedMap<V>(pub Vec<(String, V)>);

    impl<V> OrderedMap<V> {
        /// Iterates in model order.
        pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
            self.0.iter().map(|(k, v)| (k, v))
        }

        /// Looks a member up by name.
        pub fn get(&self, key: &str) -> Option<&V> {
            self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
        }
    }

    impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            struct OrderedVisitor<V>(std::marker::PhantomData<V>);
            impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedVisitor<V> {
                type Value = OrderedMap<V>;
                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("a map of members")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    let mut entries = Vec::new();
                    while let Some((key, value)) = map.next_entry::<String, V>()? {
                        entries.push((key, value));
                    }
                    Ok(OrderedMap(entries))
                }
            }
            deserializer.deserialize_map(OrderedVisitor(std::marker::PhantomData))
        }
    }
}

impl ServiceModel {
    /// Parses a model from JSON text. `source` names the input in errors.
    pub fn from_json(json: &str, source: &str) -> Result<Self, Error> {
        let deserializer = &mut serde_json::Deserializer::from_str(json);
        serde_path_to_error::deserialize(deserializer).map_err(|err| Error::Model {
            source_name: source.to_string(),
            path: err.path().to_string(),
            message: err.inner().to_string(),
        })
    }

    /// Reads and parses a model file.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path)
            .map_err(|err| Error::Io { path: path.display().to_string(), message: err.to_string() })?;
        Self::from_json(&text, &path.display().to_string())
    }
}
