//! The resolved intermediate form the emitters read.
//!
//! [`Service::resolve`] checks the model (every shape reference resolves,
//! every trait fits its shape), decides which shapes are written (reached
//! from an input), read (reached from an output) or errors, names
//! everything for Rust while keeping the wire names beside, marks recursive
//! members for boxing, and parses each operation's HTTP binding. Emitters
//! never look at the raw model.

pub mod docs;
pub mod names;

use std::collections::{BTreeMap, BTreeSet};

use heck::ToSnakeCase;

use crate::Error;
use crate::model::{self, ServiceModel, ShapeType};

/// The whole service, resolved. Maps are `BTreeMap`s so that every
/// iteration, and so the generated output, is in a stable order.
#[derive(Debug, Clone)]
pub struct Service {
    /// `serviceId`, e.g. "Route 53": the key of the service's
    /// customizations (`crate::customizations`).
    pub service_id: String,
    /// `serviceFullName`, e.g. "Amazon CloudFront".
    pub full_name: String,
    /// The model's `apiVersion` (a date, as botocore names its folders).
    pub api_version: String,
    /// Service documentation (Markdown).
    pub docs: String,
    /// Default XML namespace for payloads that name none.
    pub xml_namespace: Option<String>,
    /// The SigV4 signing name (`signingName`, else `endpointPrefix`).
    pub signing_name: String,
    /// Selected operations by their operations-map key.
    pub operations: BTreeMap<String, Operation>,
    /// Named types (structures and enums) the operations reach, by shape name.
    pub shapes: BTreeMap<String, NamedShape>,
    /// The Rust path the generated modules (`types`, `error`, `operation`)
    /// hang from: `crate` for a crate of their own, or a module path when
    /// the code is embedded in a larger crate (as the protocol tests do).
    pub root_path: String,
    /// What the service does beyond its model, set by
    /// `crate::customizations` from the service id.
    pub customizations: Customizations,
    /// Endpoint-rule parameters a client sets for all its calls: the
    /// model's `clientContextParams`, plus any a customization adds (S3's
    /// `UseGlobalEndpoint` built-in), in name order.
    pub client_context_params: Vec<ClientContextParam>,
}

/// A setting of the client that is an endpoint-rule parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientContextParam {
    /// The rule set's parameter name (`ForcePathStyle`).
    pub name: String,
    /// A boolean parameter (else a string one).
    pub boolean: bool,
    /// Markdown documentation.
    pub docs: String,
}

/// A fixed value an operation gives an endpoint-rule parameter
/// (`staticContextParams`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaticParamValue {
    Bool(bool),
    String(String),
}

/// Service-wide behaviour beyond the model (botocore's handlers), set by
/// `crate::customizations`; the defaults are plain rest-xml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Customizations {
    /// Path of the runtime function that reads an error response's code,
    /// message and request id
    /// (`fn(u16, &HeaderMap, &[u8]) -> ErrorMetadata`).
    pub error_metadata: String,
    /// What the customizations do, one Markdown line each, for the crate docs.
    pub notes: Vec<String>,
}

impl Default for Customizations {
    fn default() -> Self {
        Customizations { error_metadata: "restxml_runtime::error_body::error_metadata".to_string(), notes: Vec::new() }
    }
}

/// A customization that rewrites an input member's value before it is
/// sent, by a runtime function taking `&str` and returning `&str` or, when
/// `owned`, a value that dereferences to `str` (`Cow<str>`, `String`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueRewrite {
    /// The runtime function's path.
    pub function: String,
    /// The function returns an owned value (borrowed where it is used).
    pub owned: bool,
    /// What it does, appended to the member's docs.
    pub doc: String,
}

/// A customization that refuses an input member's value before the request
/// is built, by a runtime function
/// `fn(&'static str, &str) -> Result<(), BuildError>` (member name, value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCheck {
    /// Path of the runtime function.
    pub function: String,
    /// What is refused, for the member's docs.
    pub doc: String,
}

/// One operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// The operations-map key, e.g. `UpdateStreamingDistribution`.
    pub name: String,
    /// The `name` field (`UpdateStreamingDistribution2020_05_31`).
    pub wire_name: String,
    /// Module and function name: `update_streaming_distribution`.
    pub snake: String,
    /// Input structure (shape name), if the operation takes input.
    pub input: Option<String>,
    /// Output structure (shape name), if any.
    pub output: Option<String>,
    /// Modeled errors (shape names) in model order.
    pub errors: Vec<String>,
    pub http: HttpBinding,
    /// Body root element for inputs without a payload member.
    pub input_root: Option<XmlRoot>,
    pub docs: String,
    pub deprecated: bool,
    /// Endpoint-rule parameters with fixed values for this operation
    /// (`staticContextParams`), in name order.
    pub static_context_params: Vec<(String, StaticParamValue)>,
    /// A `200 OK` response may still be an error, told by the body (S3's
    /// `_handle_200_error` in botocore); set by a customization.
    pub error_in_ok_response: bool,
    /// Keys the service URL-encodes when asked to, asked for unless the
    /// caller chose an encoding (S3's listings); set by a customization.
    pub url_encoded_keys: Option<UrlEncodedKeys>,
    /// Line feeds in the XML body are written as `&#xA;` (carriage returns
    /// always are), so a parser's line-break normalization cannot change
    /// the caller's text (botocore's `escape_xml_payload` for S3's
    /// DeleteObjects and PutBucketLifecycleConfiguration); set by a
    /// customization.
    pub escape_line_feeds: bool,
    /// A request with its (streaming) payload set carries
    /// `Expect: 100-continue` (botocore's `add_expect_header` for the file
    /// objects S3's PutObject and UploadPart bodies become); set by a
    /// customization.
    pub expect_continue: bool,
}

/// An operation whose output's keys are asked for URL-encoded
/// (`encoding-type=url`) unless the caller chose an encoding, and decoded
/// when they come back so (botocore's `set_list_objects_encoding_type_url`
/// and `decode_list_object*` handlers for S3's listings): keys with
/// characters XML 1.0 cannot carry survive the trip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlEncodedKeys {
    /// The input member choosing the encoding, and the output member
    /// echoing it (`EncodingType` in both).
    pub member: String,
    /// The value asked for (`url`).
    pub value: String,
    /// Output members (strings) decoded.
    pub top: Vec<String>,
    /// Output list members and the string member of each item decoded
    /// (`Contents`, `Key`).
    pub nested: Vec<(String, String)>,
}

/// An operation's HTTP binding.
#[derive(Debug, Clone)]
pub struct HttpBinding {
    pub method: String,
    /// The request URI template as in the model.
    pub request_uri: String,
    /// The path, split into literal text and labels.
    pub path: Vec<PathPart>,
    /// Constant query parameters from the template (`?x-id=Foo` or `?tagging`).
    pub constant_query: Vec<(String, Option<String>)>,
    /// The status code of a successful response.
    pub response_code: u16,
    /// Host prefix with `{Label}`s (the `endpoint` trait), if any.
    pub host_prefix: Option<String>,
    /// Encodings the body may be compressed with (`requestcompression`).
    pub request_compression: Vec<String>,
}

/// A piece of the request path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    /// `{Name}` or `{Name+}` (greedy: slashes are kept).
    Label {
        name: String,
        greedy: bool,
    },
}

/// The root element of an XML body.
#[derive(Debug, Clone)]
pub struct XmlRoot {
    pub name: String,
    pub namespace: Option<model::XmlNamespace>,
}

/// A structure or enum that becomes a Rust type.
#[derive(Debug, Clone)]
pub struct NamedShape {
    /// The model's shape name.
    pub wire_name: String,
    /// The Rust type name.
    pub rust_name: String,
    /// Where the type lives.
    pub home: Home,
    pub docs: String,
    pub kind: ShapeKind,
    /// Reached from an operation's input: needs a builder and an XML writer.
    pub written: bool,
    /// Reached from an operation's output or errors: needs an XML reader.
    pub read: bool,
    /// Operations that reach this shape (for per-operation features).
    pub used_by: BTreeSet<String>,
    pub sensitive: bool,
    pub deprecated: bool,
}

/// The module a generated type lives in.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Home {
    /// `crate::types`: shared data types.
    Types,
    /// `crate::error`: modeled error shapes.
    Error,
    /// `crate::operation::<snake>`: an operation's own input or output.
    Operation(String),
}

/// What a named shape is.
#[derive(Debug, Clone)]
pub enum ShapeKind {
    Structure(Structure),
    Enum(Enumeration),
}

/// A structure (or union, or error shape).
#[derive(Debug, Clone)]
pub struct Structure {
    pub members: Vec<Member>,
    /// Index into `members` of the HTTP payload member.
    pub payload: Option<usize>,
    pub union: bool,
    /// An event stream (`eventstream` in the model), not generated as one:
    /// read as an ordinary structure.
    pub event_stream: bool,
    pub error: Option<ErrorInfo>,
    /// This structure is an operation's input or output.
    pub role: StructureRole,
    /// The element name this shape takes as a document root (`locationName`
    /// on the shape, else its name).
    pub xml_name: String,
    pub xml_namespace: Option<model::XmlNamespace>,
    /// CloudFront's `Quantity`/`Items` pattern: the count must equal the
    /// number of items.
    pub quantity_items: Option<QuantityItems>,
}

/// Indexes of the members of a `Quantity`/`Items` wrapper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuantityItems {
    /// The required integer `Quantity`.
    pub quantity: usize,
    /// The list `Items`.
    pub items: usize,
}

/// Whether a structure is bound to HTTP (input/output) or plain data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructureRole {
    Data,
    Input,
    Output,
}

/// The `error` trait, resolved.
#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The error code on the wire (the `error.code` trait, else the shape name).
    pub code: String,
    pub status: Option<u16>,
    pub sender_fault: bool,
    /// Held in a `Box` by the operations' error enums: the shape is large
    /// enough that `Result<_, SdkError<OperationError>>` would be a large
    /// error value (clippy's `result_large_err`).
    pub boxed: bool,
}

/// An enum's allowed values.
#[derive(Debug, Clone)]
pub struct Enumeration {
    /// `(variant name, wire value)` in model order.
    pub variants: Vec<(String, String)>,
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct Member {
    /// The member's name in the model (and in serde).
    pub wire_name: String,
    /// The Rust field name (`r#`-escaped where needed).
    pub field: String,
    pub location: Location,
    /// The element (or attribute) name in XML.
    pub xml_name: String,
    pub xml_attribute: bool,
    pub xml_namespace: Option<model::XmlNamespace>,
    pub ty: TypeRef,
    pub required: bool,
    /// Needs a `Box` to break a cycle of structures.
    pub boxed: bool,
    pub sensitive: bool,
    pub deprecated: Option<String>,
    pub idempotency_token: bool,
    /// The `jsonvalue` trait: the member (a string) holds JSON text, sent in
    /// a header as base64 of that text.
    pub json_value: bool,
    pub host_label: bool,
    pub docs: String,
    /// The shape the member targets in the model (`ResourceId`).
    pub target: String,
    /// A customization rewriting the value before it is sent.
    pub rewrite: Option<ValueRewrite>,
    /// A customization refusing values the service cannot take, before
    /// anything is sent.
    pub check: Option<ValueCheck>,
    /// The endpoint-rule parameter this input member's value is bound to
    /// (`contextParam`).
    pub context_param: Option<String>,
    /// A response header read as text and parsed by this runtime function
    /// (`fn(&str) -> Option<T>`): a value it cannot parse reads as absent
    /// instead of failing the call. Set by a customization (S3's
    /// `Expires`, read as botocore's `parse_timestamp` reads it, its raw
    /// text kept in `ExpiresString`).
    pub header_parser: Option<String>,
}

/// Where a member travels in the HTTP message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Body,
    /// The whole payload (a structure, blob, string or union).
    Payload,
    Header(String),
    /// `location: headers`: a map of headers starting with the prefix.
    PrefixHeaders(String),
    Label(String),
    Query(String),
    /// A map member spread into the query string.
    QueryMap,
    StatusCode,
    /// The text of the response document's root element (set by a
    /// customization: S3's GetBucketLocation).
    RootText,
}

/// The Rust type of a member, resolved through aliases.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    String,
    Boolean,
    Integer,
    Long,
    Float,
    Double,
    Blob,
    /// A streaming blob (`streaming: true`): a payload sent and read a
    /// chunk at a time (`restxml_runtime::ByteStream`).
    Stream,
    Timestamp(TimestampFormat),
    /// A named enum (shape name).
    Enum(String),
    /// A named structure (shape name).
    Structure(String),
    List(Box<ListInfo>),
    Map(Box<MapInfo>),
}

/// A timestamp's wire format; `Default` means the location's default
/// (ISO 8601 in XML and query, HTTP-date in headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    Default,
    Iso8601,
    Rfc822,
    UnixTimestamp,
}

/// A list's element.
#[derive(Debug, Clone, PartialEq)]
pub struct ListInfo {
    pub member: TypeRef,
    /// Element name of each item (`locationName` of the list's member, else `member`).
    pub member_name: String,
    pub member_namespace: Option<model::XmlNamespace>,
    /// Items appear directly in the parent, named `member_name` (set on the
    /// shape or the referring member).
    pub flattened: bool,
}

/// A map's key and value.
#[derive(Debug, Clone, PartialEq)]
pub struct MapInfo {
    pub key: TypeRef,
    pub value: TypeRef,
    pub key_name: String,
    pub value_name: String,
    pub key_namespace: Option<model::XmlNamespace>,
    pub value_namespace: Option<model::XmlNamespace>,
    pub flattened: bool,
}

impl TypeRef {
    /// The named shapes this type refers to directly or through lists/maps.
    pub fn named(&self, out: &mut Vec<String>) {
        match self {
            TypeRef::Enum(name) | TypeRef::Structure(name) => out.push(name.clone()),
            TypeRef::List(list) => list.member.named(out),
            TypeRef::Map(map) => {
                map.key.named(out);
                map.value.named(out);
            }
            _ => {}
        }
    }
}

impl NamedShape {
    /// The structure, if this is one.
    pub fn structure(&self) -> Option<&Structure> {
        match &self.kind {
            ShapeKind::Structure(s) => Some(s),
            ShapeKind::Enum(_) => None,
        }
    }

    /// The structure, to change (as customizations do).
    pub fn structure_mut(&mut self) -> Option<&mut Structure> {
        match &mut self.kind {
            ShapeKind::Structure(s) => Some(s),
            ShapeKind::Enum(_) => None,
        }
    }
}

impl Service {
    /// Resolves `model`, keeping only `selection` (operations-map keys;
    /// `None`: all operations) and the shapes they reach.
    pub fn resolve(model: &ServiceModel, selection: Option<&BTreeSet<String>>) -> Result<Service, Error> {
        Resolver::new(model).resolve(selection)
    }

    /// Looks a named shape up; the resolver guarantees presence for every
    /// name a `TypeRef` holds.
    pub fn shape(&self, name: &str) -> Option<&NamedShape> {
        self.shapes.get(name)
    }
}

struct Resolver<'m> {
    model: &'m ServiceModel,
}

impl<'m> Resolver<'m> {
    fn new(model: &'m ServiceModel) -> Self {
        Resolver { model }
    }

    fn shape(&self, name: &str, path: &str) -> Result<&'m model::Shape, Error> {
        self.model.shapes.get(name).ok_or_else(|| Error::invalid(path, format!("no shape named {name:?}")))
    }

    /// `member` with its target shape's traits merged in (as is, if the
    /// target is missing: `check_references` reports that).
    fn merged(&self, member: &model::Member) -> model::Member {
        match self.model.shapes.get(&member.shape) {
            Some(target) => member.merged_over(target),
            None => member.clone(),
        }
    }

    fn resolve(&self, selection: Option<&BTreeSet<String>>) -> Result<Service, Error> {
        let meta = &self.model.metadata;
        if meta.protocol != "rest-xml" && !meta.protocols.iter().any(|p| p == "rest-xml") {
            return Err(Error::unsupported(
                "metadata.protocol",
                format!("protocol {:?}; only rest-xml is generated", meta.protocol),
            ));
        }
        // Check every reference in the model up front, so a dangling one is
        // reported with its path even if no selected operation reaches it.
        self.check_references()?;

        if let Some(selection) = selection {
            for name in selection {
                if !self.model.operations.contains_key(name) {
                    return Err(Error::invalid(
                        "operations",
                        format!("no operation named {name:?} (selected for generation)"),
                    ));
                }
            }
        }

        let mut service = Service {
            service_id: meta.service_id.clone().unwrap_or_default(),
            full_name: meta.service_full_name.clone().unwrap_or_else(|| meta.service_id.clone().unwrap_or_default()),
            api_version: meta.api_version.clone(),
            docs: docs::html_to_markdown(self.model.documentation.as_deref().unwrap_or("")),
            xml_namespace: meta.xml_namespace.clone(),
            signing_name: meta
                .signing_name
                .clone()
                .or_else(|| meta.endpoint_prefix.clone())
                .unwrap_or_else(|| meta.service_id.clone().unwrap_or_default().to_lowercase()),
            operations: BTreeMap::new(),
            shapes: BTreeMap::new(),
            root_path: "crate".to_string(),
            customizations: Customizations::default(),
            client_context_params: self.client_context_params()?,
        };

        // Which shapes each selected operation reaches, and how.
        let mut written: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut read: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut io_owner: BTreeMap<String, Vec<(String, StructureRole)>> = BTreeMap::new();
        let mut errors: BTreeSet<String> = BTreeSet::new();
        for (key, op) in &self.model.operations {
            if selection.is_some_and(|s| !s.contains(key)) {
                continue;
            }
            let path = format!("operations.{key}");
            if let Some(input) = &op.input {
                self.reach(&input.shape, key, &mut written, &format!("{path}.input.shape"))?;
                io_owner.entry(input.shape.clone()).or_default().push((key.clone(), StructureRole::Input));
            }
            if let Some(output) = &op.output {
                self.reach(&output.shape, key, &mut read, &format!("{path}.output.shape"))?;
                io_owner.entry(output.shape.clone()).or_default().push((key.clone(), StructureRole::Output));
            }
            for (i, err) in op.errors.iter().enumerate() {
                self.reach(&err.shape, key, &mut read, &format!("{path}.errors[{i}].shape"))?;
                errors.insert(err.shape.clone());
            }
            service.operations.insert(key.clone(), self.operation(key, op)?);
        }

        // Shapes reached as members (not as an operation's own input/output).
        let mut nested: BTreeSet<String> = BTreeSet::new();
        for names in [&written, &read] {
            for name in names.keys() {
                let shape = &self.model.shapes[name];
                for (_, member) in shape.members.iter().flat_map(|m| m.iter()) {
                    let mut reached = Vec::new();
                    self.collect_named(&member.shape, &mut reached);
                    nested.extend(reached);
                }
                for part in [&shape.member, &shape.key, &shape.value].into_iter().flatten() {
                    let mut reached = Vec::new();
                    self.collect_named(&part.shape, &mut reached);
                    nested.extend(reached);
                }
            }
        }

        let all: BTreeSet<&String> = written.keys().chain(read.keys()).collect();
        // The Rust names shapes have by their own model names, so that an
        // operation's `<Op>Input`/`<Op>Output` never takes one (S3 Control
        // has a data shape `CreateMultiRegionAccessPointInput` beside the
        // operation's `CreateMultiRegionAccessPointRequest`).
        let own_names: BTreeSet<String> = all
            .iter()
            .filter(|name| {
                let shape = &self.model.shapes[name.as_str()];
                shape.shape_type == ShapeType::Structure || shape.enum_values.is_some()
            })
            .map(|name| names::type_name(name))
            .collect();
        for name in all {
            let shape = &self.model.shapes[name];
            let is_named = matches!(shape.shape_type, ShapeType::Structure)
                || (shape.shape_type == ShapeType::String && shape.enum_values.is_some());
            if !is_named {
                continue;
            }
            let path = format!("shapes.{name}");
            let mut used_by = BTreeSet::new();
            used_by.extend(written.get(name).into_iter().flatten().cloned());
            used_by.extend(read.get(name).into_iter().flatten().cloned());

            // An operation's own input/output lives in its module under a
            // name derived from the operation, unless something else uses it.
            let owners = io_owner.get(name).map(Vec::as_slice).unwrap_or(&[]);
            let (home, rust_name, role) = match owners {
                [(op, role)] if !nested.contains(name) && !errors.contains(name) => {
                    let op_ir = &service.operations[op];
                    let suffix = if *role == StructureRole::Input { "Input" } else { "Output" };
                    let derived = format!("{}{suffix}", names::type_name(op));
                    let rust_name = if derived != names::type_name(name) && own_names.contains(&derived) {
                        names::type_name(name)
                    } else {
                        derived
                    };
                    (Home::Operation(op_ir.snake.clone()), rust_name, *role)
                }
                [] if errors.contains(name) => (Home::Error, names::type_name(name), StructureRole::Data),
                [] => (Home::Types, names::type_name(name), StructureRole::Data),
                // Shared by several operations in the same role (S3 has
                // such inputs): it lives with the first, under its own name.
                [(op, role), rest @ ..]
                    if !nested.contains(name) && !errors.contains(name) && rest.iter().all(|(_, r)| r == role) =>
                {
                    let op_ir = &service.operations[op];
                    (Home::Operation(op_ir.snake.clone()), names::type_name(name), *role)
                }
                // Also a member elsewhere: fine while it binds nothing to
                // HTTP (it is then plain data in `types`).
                _ if shape.payload.is_none()
                    && shape.members.iter().flat_map(|m| m.iter()).all(|(_, m)| self.merged(m).location.is_none()) =>
                {
                    (Home::Types, names::type_name(name), StructureRole::Data)
                }
                _ => {
                    return Err(Error::unsupported(
                        path,
                        "a shape used as the input or output of an operation and also elsewhere, with HTTP bindings",
                    ));
                }
            };

            let kind = match shape.shape_type {
                ShapeType::Structure => ShapeKind::Structure(self.structure(name, shape, role, &path)?),
                _ => ShapeKind::Enum(self.enumeration(shape, &path)?),
            };
            service.shapes.insert(
                name.clone(),
                NamedShape {
                    wire_name: name.clone(),
                    rust_name,
                    home,
                    docs: docs::html_to_markdown(shape.documentation.as_deref().unwrap_or("")),
                    kind,
                    written: written.contains_key(name),
                    read: read.contains_key(name),
                    used_by,
                    sensitive: shape.sensitive,
                    deprecated: shape.deprecated,
                },
            );
        }

        mark_recursion(&mut service);
        box_large_union_variants(&mut service);
        box_large_errors(&mut service);
        optional_idempotency_tokens(&mut service);
        check_unique_names(&service)?;
        Ok(service)
    }

    /// Records `name` and everything it reaches as used by `op`.
    fn reach(
        &self,
        name: &str,
        op: &str,
        into: &mut BTreeMap<String, BTreeSet<String>>,
        path: &str,
    ) -> Result<(), Error> {
        let mut stack = vec![(name.to_string(), path.to_string())];
        while let Some((name, path)) = stack.pop() {
            let shape = self.shape(&name, &path)?;
            let entry = into.entry(name.clone()).or_default();
            if !entry.insert(op.to_string()) {
                continue;
            }
            for (member_name, member) in shape.members.iter().flat_map(|m| m.iter()) {
                stack.push((member.shape.clone(), format!("shapes.{name}.members.{member_name}.shape")));
            }
            for (part, target) in [("member", &shape.member), ("key", &shape.key), ("value", &shape.value)] {
                if let Some(target) = target {
                    stack.push((target.shape.clone(), format!("shapes.{name}.{part}.shape")));
                }
            }
        }
        Ok(())
    }

    /// Named shapes (structures, enums) that `name` is or contains through
    /// lists and maps, without entering structures.
    fn collect_named(&self, name: &str, out: &mut Vec<String>) {
        let Some(shape) = self.model.shapes.get(name) else { return };
        match shape.shape_type {
            ShapeType::Structure => out.push(name.to_string()),
            ShapeType::String if shape.enum_values.is_some() => out.push(name.to_string()),
            ShapeType::List | ShapeType::Map => {
                for part in [&shape.member, &shape.key, &shape.value].into_iter().flatten() {
                    self.collect_named(&part.shape, out);
                }
            }
            _ => {}
        }
    }

    fn check_references(&self) -> Result<(), Error> {
        for (name, shape) in &self.model.shapes {
            for (member_name, member) in shape.members.iter().flat_map(|m| m.iter()) {
                self.shape(&member.shape, &format!("shapes.{name}.members.{member_name}.shape"))?;
            }
            for (part, target) in [("member", &shape.member), ("key", &shape.key), ("value", &shape.value)] {
                if let Some(target) = target {
                    self.shape(&target.shape, &format!("shapes.{name}.{part}.shape"))?;
                }
            }
            match shape.shape_type {
                ShapeType::Structure if shape.members.is_none() => {
                    return Err(Error::invalid(format!("shapes.{name}"), "a structure needs `members`"));
                }
                ShapeType::List if shape.member.is_none() => {
                    return Err(Error::invalid(format!("shapes.{name}"), "a list needs `member`"));
                }
                ShapeType::Map if shape.key.is_none() || shape.value.is_none() => {
                    return Err(Error::invalid(format!("shapes.{name}"), "a map needs `key` and `value`"));
                }
                _ => {}
            }
            if let Some(members) = &shape.members {
                for (i, required) in shape.required.iter().enumerate() {
                    if members.get(required).is_none() {
                        return Err(Error::invalid(
                            format!("shapes.{name}.required[{i}]"),
                            format!("no member named {required:?}"),
                        ));
                    }
                }
                if let Some(payload) = &shape.payload
                    && members.get(payload).is_none()
                {
                    return Err(Error::invalid(
                        format!("shapes.{name}.payload"),
                        format!("no member named {payload:?}"),
                    ));
                }
            }
        }
        for (key, op) in &self.model.operations {
            if let Some(input) = &op.input {
                self.shape(&input.shape, &format!("operations.{key}.input.shape"))?;
            }
            if let Some(output) = &op.output {
                self.shape(&output.shape, &format!("operations.{key}.output.shape"))?;
            }
            for (i, err) in op.errors.iter().enumerate() {
                self.shape(&err.shape, &format!("operations.{key}.errors[{i}].shape"))?;
            }
        }
        Ok(())
    }

    fn operation(&self, key: &str, op: &model::Operation) -> Result<Operation, Error> {
        let path = format!("operations.{key}");
        let (path_parts, constant_query) = parse_request_uri(&op.http.request_uri, &format!("{path}.http.requestUri"))?;
        let method = op.http.method.to_ascii_uppercase();
        if !matches!(method.as_str(), "GET" | "PUT" | "POST" | "DELETE" | "HEAD" | "PATCH" | "OPTIONS") {
            return Err(Error::invalid(format!("{path}.http.method"), format!("unknown HTTP method {method:?}")));
        }
        // Labels must name `location: uri` members of the input.
        let input_shape = match &op.input {
            Some(input) => Some(self.shape(&input.shape, &format!("{path}.input.shape"))?),
            None => None,
        };
        for part in &path_parts {
            if let PathPart::Label { name, .. } = part {
                let bound = input_shape.and_then(|s| s.members.as_ref()).is_some_and(|members| {
                    members.iter().any(|(member_name, m)| {
                        let m = self.merged(m);
                        m.location.as_deref() == Some("uri")
                            && m.location_name.as_deref().unwrap_or(member_name) == name
                    })
                });
                if !bound {
                    return Err(Error::invalid(
                        format!("{path}.http.requestUri"),
                        format!("label {{{name}}} is not bound to an input member with location \"uri\""),
                    ));
                }
            }
        }
        // The root of a body without a payload member: the operation's
        // `locationName` for its input, else the input shape's, else the
        // shape's name (botocore merges the reference's traits over the
        // shape's, so the reference's win).
        let input_root = op.input.as_ref().map(|input| {
            let shape = self.model.shapes.get(&input.shape);
            XmlRoot {
                name: input
                    .location_name
                    .clone()
                    .or_else(|| shape.and_then(|s| s.location_name.clone()))
                    .unwrap_or_else(|| input.shape.clone()),
                namespace: input.xml_namespace.clone().or_else(|| shape.and_then(|s| s.xml_namespace.clone())),
            }
        });
        Ok(Operation {
            name: key.to_string(),
            wire_name: op.name.clone(),
            snake: key.to_snake_case(),
            input: op.input.as_ref().map(|i| i.shape.clone()),
            output: op.output.as_ref().map(|o| o.shape.clone()),
            errors: op.errors.iter().map(|e| e.shape.clone()).collect(),
            http: HttpBinding {
                method,
                request_uri: op.http.request_uri.clone(),
                path: path_parts,
                constant_query,
                response_code: op.http.response_code.unwrap_or(200),
                host_prefix: op.endpoint.as_ref().map(|e| e.host_prefix.clone()),
                request_compression: op.requestcompression.as_ref().map(|c| c.encodings.clone()).unwrap_or_default(),
            },
            input_root,
            docs: docs::html_to_markdown(op.documentation.as_deref().unwrap_or("")),
            deprecated: op.deprecated,
            static_context_params: op
                .static_context_params
                .iter()
                .map(|(name, param)| {
                    let value = match &param.value {
                        serde_json::Value::Bool(b) => StaticParamValue::Bool(*b),
                        serde_json::Value::String(s) => StaticParamValue::String(s.clone()),
                        _ => {
                            return Err(Error::invalid(
                                format!("{path}.staticContextParams.{name}.value"),
                                "a static context parameter is a boolean or a string",
                            ));
                        }
                    };
                    Ok((name.clone(), value))
                })
                .collect::<Result<_, Error>>()?,
            error_in_ok_response: false,
            url_encoded_keys: None,
            escape_line_feeds: false,
            expect_continue: false,
        })
    }

    /// The model's `clientContextParams`, booleans and strings only.
    fn client_context_params(&self) -> Result<Vec<ClientContextParam>, Error> {
        self.model
            .client_context_params
            .iter()
            .map(|(name, param)| {
                let boolean = match param.param_type.as_str() {
                    "boolean" => true,
                    "string" => false,
                    other => {
                        return Err(Error::invalid(
                            format!("clientContextParams.{name}.type"),
                            format!("unknown type {other:?} (boolean or string)"),
                        ));
                    }
                };
                Ok(ClientContextParam {
                    name: name.clone(),
                    boolean,
                    docs: docs::html_to_markdown(param.documentation.as_deref().unwrap_or("")),
                })
            })
            .collect()
    }

    fn enumeration(&self, shape: &model::Shape, path: &str) -> Result<Enumeration, Error> {
        let values = shape.enum_values.as_deref().unwrap_or(&[]);
        let mut variants: Vec<(String, String)> = Vec::with_capacity(values.len());
        let mut seen = BTreeSet::new();
        for value in values {
            if variants.iter().any(|(_, v)| v == value) {
                continue; // a repeated value is one variant
            }
            let mut variant = names::variant_name(value);
            // Distinct values that case-fold to one name get a numeric suffix.
            let base = variant.clone();
            let mut n = 2;
            while !seen.insert(variant.clone()) {
                variant = format!("{base}{n}");
                n += 1;
            }
            variants.push((variant, value.clone()));
        }
        if variants.is_empty() {
            return Err(Error::invalid(format!("{path}.enum"), "an enum needs at least one value"));
        }
        Ok(Enumeration { variants })
    }

    fn structure(&self, name: &str, shape: &model::Shape, role: StructureRole, path: &str) -> Result<Structure, Error> {
        let members_model = shape.members.as_ref().map(|m| &m.0[..]).unwrap_or(&[]);
        let mut members = Vec::with_capacity(members_model.len());
        // Names the generated code already uses: the builder's `build` and
        // `Default::default`, the hidden metadata field of errors and
        // outputs, and the methods of an input's fluent builder. A member
        // with such a name gets a trailing underscore.
        let mut fields: BTreeSet<String> = ["build", "default"].into_iter().map(String::from).collect();
        if shape.exception || shape.error.is_some() || role == StructureRole::Output {
            fields.insert("meta".to_string());
        }
        if role == StructureRole::Input {
            fields.extend(FLUENT_METHODS.iter().map(|m| m.to_string()));
        }
        for (member_name, member) in members_model {
            let member_path = format!("{path}.members.{member_name}");
            let target = self.shape(&member.shape, &format!("{member_path}.shape"))?;
            // Every serialization trait the member leaves out is its target
            // shape's, as botocore merges them (`Member::merged_over`).
            let member = &member.merged_over(target);
            let location = match member.location.as_deref() {
                None if shape.payload.as_deref() == Some(member_name.as_str()) => Location::Payload,
                None => Location::Body,
                Some("header") => Location::Header(member.location_name.clone().unwrap_or_else(|| member_name.clone())),
                Some("headers") => Location::PrefixHeaders(member.location_name.clone().unwrap_or_default()),
                Some("uri") => Location::Label(member.location_name.clone().unwrap_or_else(|| member_name.clone())),
                Some("querystring") => {
                    if target.shape_type == ShapeType::Map {
                        Location::QueryMap
                    } else {
                        Location::Query(member.location_name.clone().unwrap_or_else(|| member_name.clone()))
                    }
                }
                Some("statusCode") => Location::StatusCode,
                Some(other) => {
                    return Err(Error::invalid(
                        format!("{member_path}.location"),
                        format!("unknown location {other:?}"),
                    ));
                }
            };
            // HTTP bindings mean something on an operation's input, on its
            // output (bar the request-only ones, which smithy reads from the
            // body) and on error shapes' headers and status code; elsewhere
            // members are body.
            let is_error = shape.exception || shape.error.is_some();
            let location = match (role, location) {
                (StructureRole::Input, location) => location,
                (StructureRole::Output, Location::Label(_) | Location::Query(_) | Location::QueryMap) => Location::Body,
                (StructureRole::Output, location) => location,
                (
                    StructureRole::Data,
                    location @ (Location::Header(_) | Location::PrefixHeaders(_) | Location::StatusCode),
                ) if is_error => location,
                (StructureRole::Data, _) => Location::Body,
            };
            let ty = self.type_ref(&member.shape, member, &format!("{member_path}.shape"))?;
            let mut field = names::field_name(member_name);
            while !fields.insert(field.clone()) {
                field.push('_');
            }
            // A member is named by its `locationName`, its own else its
            // target shape's, as botocore names it: an element, an
            // attribute, and for a payload the document root it sends
            // (`<LifecycleConfiguration>` for a member of that name
            // targeting `BucketLifecycleConfiguration`). A structure payload
            // with neither is named after its shape (botocore has no name
            // for it and fails).
            let xml_name = match &member.location_name {
                Some(name) => name.clone(),
                None if location == Location::Payload && target.shape_type == ShapeType::Structure => {
                    member.shape.clone()
                }
                None => member_name.clone(),
            };
            // A structure's own namespace applies wherever it is an element.
            let xml_namespace = member.xml_namespace.clone().or_else(|| target.xml_namespace.clone());
            let member_docs = member.documentation.as_deref().or(target.documentation.as_deref()).unwrap_or("");
            members.push(Member {
                wire_name: member_name.clone(),
                field,
                location,
                xml_name,
                xml_attribute: member.is_xml_attribute(),
                xml_namespace,
                ty,
                required: shape.required.iter().any(|r| r == member_name),
                boxed: false,
                sensitive: target.sensitive || self.is_sensitive_list(target),
                deprecated: (member.deprecated || target.deprecated).then(|| {
                    member.deprecated_message.clone().or_else(|| target.deprecated_message.clone()).unwrap_or_default()
                }),
                idempotency_token: member.idempotency_token,
                json_value: member.jsonvalue,
                host_label: member.host_label,
                docs: docs::html_to_markdown(member_docs),
                target: member.shape.clone(),
                rewrite: None,
                check: None,
                header_parser: None,
                context_param: match role {
                    StructureRole::Input => member.context_param.as_ref().map(|p| p.name.clone()),
                    _ => None,
                },
            });
        }
        let payload = members.iter().position(|m| m.location == Location::Payload);
        let error = if shape.exception || shape.error.is_some() {
            let trait_ = shape.error.as_ref();
            Some(ErrorInfo {
                code: trait_.and_then(|e| e.code.clone()).unwrap_or_else(|| name.to_string()),
                status: trait_.and_then(|e| e.http_status_code),
                sender_fault: trait_.is_some_and(|e| e.sender_fault),
                boxed: false,
            })
        } else {
            None
        };
        let quantity = members.iter().position(|m| m.wire_name == "Quantity" && m.required && m.ty == TypeRef::Integer);
        let items = members.iter().position(|m| m.wire_name == "Items" && matches!(m.ty, TypeRef::List(_)));
        let quantity_items = match (quantity, items) {
            (Some(quantity), Some(items)) => Some(QuantityItems { quantity, items }),
            _ => None,
        };
        Ok(Structure {
            quantity_items,
            members,
            payload,
            union: shape.union,
            event_stream: shape.eventstream,
            error,
            role,
            xml_name: shape.location_name.clone().unwrap_or_else(|| name.to_string()),
            xml_namespace: shape.xml_namespace.clone(),
        })
    }

    fn is_sensitive_list(&self, shape: &model::Shape) -> bool {
        [&shape.member, &shape.value]
            .into_iter()
            .flatten()
            .any(|m| self.model.shapes.get(&m.shape).is_some_and(|s| s.sensitive))
    }

    /// The Rust type for a reference to `name` from `via` (a member, or a
    /// list's member, which may carry its own traits).
    fn type_ref(&self, name: &str, via: &model::Member, path: &str) -> Result<TypeRef, Error> {
        let shape = self.shape(name, path)?;
        let timestamp_format = via.timestamp_format.as_deref().or(shape.timestamp_format.as_deref());
        Ok(match shape.shape_type {
            ShapeType::String if shape.enum_values.is_some() => TypeRef::Enum(name.to_string()),
            // `character` is a one-character string to botocore (its parser
            // reads it as a string, its serializer writes `str(value)`).
            ShapeType::String | ShapeType::Character => TypeRef::String,
            ShapeType::Boolean => TypeRef::Boolean,
            ShapeType::Integer => TypeRef::Integer,
            ShapeType::Long => TypeRef::Long,
            ShapeType::Float => TypeRef::Float,
            ShapeType::Double => TypeRef::Double,
            // A streaming payload (S3's object bodies): sent and read a
            // chunk at a time.
            ShapeType::Blob if shape.streaming || via.streaming => TypeRef::Stream,
            ShapeType::Blob => TypeRef::Blob,
            ShapeType::Timestamp => TypeRef::Timestamp(match timestamp_format {
                None => TimestampFormat::Default,
                Some("iso8601") => TimestampFormat::Iso8601,
                Some("rfc822") => TimestampFormat::Rfc822,
                Some("unixTimestamp") => TimestampFormat::UnixTimestamp,
                Some(other) => {
                    return Err(Error::invalid(
                        format!("shapes.{name}.timestampFormat"),
                        format!("unknown timestamp format {other:?}"),
                    ));
                }
            }),
            ShapeType::Structure => TypeRef::Structure(name.to_string()),
            ShapeType::List => {
                let member = shape
                    .member
                    .as_ref()
                    .ok_or_else(|| Error::invalid(format!("shapes.{name}"), "a list needs `member`"))?;
                let member_path = format!("shapes.{name}.member.shape");
                let member = &member.merged_over(self.shape(&member.shape, &member_path)?);
                TypeRef::List(Box::new(ListInfo {
                    member: self.type_ref(&member.shape, member, &member_path)?,
                    member_name: member.location_name.clone().unwrap_or_else(|| "member".to_string()),
                    member_namespace: member.xml_namespace.clone(),
                    flattened: via.flattened.or(shape.flattened).unwrap_or(false),
                }))
            }
            ShapeType::Map => {
                let (Some(key), Some(value)) = (&shape.key, &shape.value) else {
                    return Err(Error::invalid(format!("shapes.{name}"), "a map needs `key` and `value`"));
                };
                let (key_path, value_path) = (format!("shapes.{name}.key.shape"), format!("shapes.{name}.value.shape"));
                let key = &key.merged_over(self.shape(&key.shape, &key_path)?);
                let value = &value.merged_over(self.shape(&value.shape, &value_path)?);
                TypeRef::Map(Box::new(MapInfo {
                    key: self.type_ref(&key.shape, key, &key_path)?,
                    value: self.type_ref(&value.shape, value, &value_path)?,
                    key_name: key.location_name.clone().unwrap_or_else(|| "key".to_string()),
                    value_name: value.location_name.clone().unwrap_or_else(|| "value".to_string()),
                    key_namespace: key.xml_namespace.clone(),
                    value_namespace: value.xml_namespace.clone(),
                    flattened: via.flattened.or(shape.flattened).unwrap_or(false),
                }))
            }
            // No rest-xml model botocore ships uses these, and its rest-xml
            // parser has no reader for them (it would hand back the text).
            other @ (ShapeType::Byte | ShapeType::Short | ShapeType::BigDecimal | ShapeType::BigInteger) => {
                return Err(Error::unsupported(
                    format!("shapes.{name}.type"),
                    format!("shape type {other:?} in a rest-xml model (botocore's rest-xml models use none)"),
                ));
            }
        })
    }
}

/// Splits `/v1/distribution/{Id}/config?x-id=Y` into path parts and
/// constant query pairs.
/// Constant query parameters of a request URI: `(key, value)`.
type ConstantQuery = Vec<(String, Option<String>)>;

fn parse_request_uri(uri: &str, path: &str) -> Result<(Vec<PathPart>, ConstantQuery), Error> {
    let (path_str, query_str) = match uri.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (uri, None),
    };
    if !path_str.starts_with('/') {
        return Err(Error::invalid(path, format!("request URI {uri:?} does not start with '/'")));
    }
    let mut parts = Vec::new();
    let mut rest = path_str;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        let close =
            rest[open..].find('}').ok_or_else(|| Error::invalid(path, format!("unclosed label in {uri:?}")))? + open;
        let label = &rest[open + 1..close];
        let (name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, true),
            None => (label, false),
        };
        if name.is_empty() {
            return Err(Error::invalid(path, format!("empty label in {uri:?}")));
        }
        parts.push(PathPart::Label { name: name.to_string(), greedy });
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(Error::invalid(path, format!("unopened label in {uri:?}")));
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    let constant_query = query_str
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (k.to_string(), Some(v.to_string())),
            None => (pair.to_string(), None),
        })
        .collect();
    Ok((parts, constant_query))
}

/// Boxes members that close a cycle of directly nested structures, so
/// every generated type has a finite size.
fn mark_recursion(service: &mut Service) {
    let edges: BTreeMap<String, Vec<String>> = service
        .shapes
        .iter()
        .filter_map(|(name, shape)| {
            let s = shape.structure()?;
            let direct = s
                .members
                .iter()
                .filter_map(|m| match &m.ty {
                    TypeRef::Structure(target) => Some(target.clone()),
                    _ => None,
                })
                .collect();
            Some((name.clone(), direct))
        })
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut stack = vec![from.to_string()];
        let mut seen = BTreeSet::new();
        while let Some(node) = stack.pop() {
            if node == to {
                return true;
            }
            if seen.insert(node.clone()) {
                stack.extend(edges.get(&node).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut boxed = Vec::new();
    for (name, shape) in &service.shapes {
        if let Some(s) = shape.structure() {
            for (i, m) in s.members.iter().enumerate() {
                if let TypeRef::Structure(target) = &m.ty
                    && reaches(target, name)
                {
                    boxed.push((name.clone(), i));
                }
            }
        }
    }
    for (name, i) in boxed {
        if let Some(NamedShape { kind: ShapeKind::Structure(s), .. }) = service.shapes.get_mut(&name) {
            s.members[i].boxed = true;
        }
    }
}

/// An operation input's idempotency-token member (a string) is optional to
/// the caller even where the model requires it (S3 Control's
/// `ClientRequestToken`): botocore fills an unset one with a fresh UUID
/// before validating, so a caller never has to give it, and the generated
/// `serialize_request` does the same.
fn optional_idempotency_tokens(service: &mut Service) {
    for shape in service.shapes.values_mut() {
        let ShapeKind::Structure(s) = &mut shape.kind else { continue };
        if s.role != StructureRole::Input {
            continue;
        }
        for m in s.members.iter_mut().filter(|m| m.idempotency_token && m.ty == TypeRef::String) {
            m.required = false;
            if !m.docs.is_empty() {
                m.docs.push_str("\n\n");
            }
            m.docs.push_str(
                "An idempotency token: left unset, a fresh random UUID (version 4) is sent \
                 (`restxml_runtime::idempotency`).",
            );
        }
    }
}

/// Boxes the large structure variants of unions, so that no variant is
/// much larger than the next (clippy's `large_enum_variant`: 200 bytes). The
/// sizes are estimates erring high, so a variant is boxed whenever it might
/// need to be.
fn box_large_union_variants(service: &mut Service) {
    const LIMIT: usize = 200;
    let mut boxed = Vec::new();
    for (name, shape) in &service.shapes {
        let Some(s) = shape.structure().filter(|s| s.union) else { continue };
        // (size, member index); `Unknown(String)` is a variant of 24 bytes.
        let mut sizes: Vec<(usize, Option<usize>)> = s
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| (if m.boxed { 8 } else { estimated_size(service, &m.ty, 0) }, Some(i)))
            .collect();
        sizes.push((24, None));
        loop {
            sizes.sort_by_key(|size| std::cmp::Reverse(size.0));
            match sizes.as_slice() {
                [(largest, Some(i)), (second, _), ..] if largest - second > LIMIT => {
                    boxed.push((name.clone(), *i));
                    sizes[0].0 = 8;
                }
                _ => break,
            }
        }
    }
    for (name, i) in boxed {
        if let Some(NamedShape { kind: ShapeKind::Structure(s), .. }) = service.shapes.get_mut(&name) {
            s.members[i].boxed = true;
        }
    }
}

/// Marks error shapes whose estimated size (members plus the boxed
/// metadata) passes what an error value should be, so the operations' error
/// enums box them and `SdkError<OperationError>` stays small.
fn box_large_errors(service: &mut Service) {
    const LIMIT: usize = 112;
    let large: Vec<String> = service
        .shapes
        .iter()
        .filter_map(|(name, shape)| {
            let s = shape.structure().filter(|s| s.error.is_some())?;
            let size = 8 + s.members.iter().map(|m| member_size(service, m, 0)).sum::<usize>();
            (size > LIMIT).then(|| name.clone())
        })
        .collect();
    for name in large {
        if let Some(error) =
            service.shapes.get_mut(&name).and_then(|s| s.structure_mut()).and_then(|s| s.error.as_mut())
        {
            error.boxed = true;
        }
    }
}

/// An upper estimate of a type's size in bytes (every field counted as if
/// optional and unpacked); deep nesting is assumed large.
fn estimated_size(service: &Service, ty: &TypeRef, depth: usize) -> usize {
    match ty {
        TypeRef::Boolean | TypeRef::Integer | TypeRef::Long | TypeRef::Float | TypeRef::Double => 16,
        TypeRef::Timestamp(_) => 32,
        TypeRef::String | TypeRef::Blob | TypeRef::Enum(_) | TypeRef::List(_) => 32,
        TypeRef::Stream => 48,
        TypeRef::Map(_) => 64,
        TypeRef::Structure(_) if depth > 8 => 1024,
        TypeRef::Structure(name) => match service.shape(name).and_then(|s| s.structure()) {
            Some(s) if s.union => 8 + s.members.iter().map(|m| member_size(service, m, depth)).max().unwrap_or(0),
            Some(s) => s.members.iter().map(|m| member_size(service, m, depth)).sum(),
            None => 0,
        },
    }
}

fn member_size(service: &Service, member: &Member, depth: usize) -> usize {
    if member.boxed { 8 } else { 8 + estimated_size(service, &member.ty, depth + 1) }
}

/// Two shapes that land in one module under one Rust name would not compile.
fn check_unique_names(service: &Service) -> Result<(), Error> {
    let mut seen: BTreeMap<(Home, String), &str> = BTreeMap::new();
    for (name, shape) in &service.shapes {
        let home = match &shape.home {
            // Operation modules re-export shared types, so names must be
            // unique across types and error as well.
            Home::Operation(_) | Home::Types | Home::Error => Home::Types,
        };
        if let Some(other) = seen.insert((home, shape.rust_name.clone()), name) {
            return Err(Error::unsupported(
                format!("shapes.{name}"),
                format!("shapes {other:?} and {name:?} both map to the Rust name {}", shape.rust_name),
            ));
        }
    }
    Ok(())
}

/// The methods of an operation's fluent builder besides its setters
/// (`client.<operation>()...`), which no input member may be named.
pub const FLUENT_METHODS: &[&str] = &["send", "config_override", "as_input", "into_paginator", "read_modify_write"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_uri_parts() {
        let (parts, query) = parse_request_uri("/v1/streaming-distribution/{Id}/config", "p").unwrap();
        assert_eq!(
            parts,
            vec![
                PathPart::Literal("/v1/streaming-distribution/".into()),
                PathPart::Label { name: "Id".into(), greedy: false },
                PathPart::Literal("/config".into()),
            ]
        );
        assert!(query.is_empty());
        let (parts, query) = parse_request_uri("/{Bucket}/{Key+}?tagging&x-id=Get", "p").unwrap();
        assert_eq!(parts[3], PathPart::Label { name: "Key".into(), greedy: true });
        assert_eq!(query, vec![("tagging".into(), None), ("x-id".into(), Some("Get".into()))]);
    }

    #[test]
    fn malformed_uris_are_errors() {
        assert!(parse_request_uri("/a/{Id", "p").is_err());
        assert!(parse_request_uri("a/b", "p").is_err());
        assert!(parse_request_uri("/a/{}", "p").is_err());
    }
}
