//! The model-update report: what changed between two sets of botocore
//! models, and what it does to the generated Rust API.
//!
//! [`diff_dirs`] compares two model folders service by service and gives a
//! [`Report`]; [`Report::to_markdown`] and [`Report::to_json`] render it
//! (deterministically: services, changes and counts are sorted).
//!
//! # Model folders
//!
//! A folder is either laid out like the workspace's `model/` (or botocore's
//! `botocore/data/`): `<service>/<api-version>/service-2.json`, the newest
//! API version of each service taken as botocore's loader takes it; or one
//! `<service>/<api-version>/` folder itself (the service named by its
//! parent folder). Beside `service-2.json`, `paginators-1.json`,
//! `waiters-2.json` and `endpoint-rule-set-1.json` are read when present.
//! A `services.json` at the top of the new folder (as in `model/`) gives
//! the crate names; otherwise a service's crate is `<service>-sdk`.
//!
//! # Classification
//!
//! Each change is classified by what it does to the generated crates under
//! semver ([`Class`]):
//!
//! - **breaking**: an operation, shape (that was generated: reachable from
//!   an operation), member, operation error, paginator, waiter or endpoint
//!   parameter removed; a member that became required or optional (a
//!   required member is a plain field, an optional one an `Option`); a
//!   changed Rust type (of a member, a shape, an operation's input or
//!   output, an endpoint parameter); a removed enum value of a generated
//!   enum (code matching on its variant stops compiling); a required member
//!   added to a shape an operation's input reaches (calls that built before
//!   now fail); a changed location or wire name of a member or list or map
//!   element (the same Rust field is sent or read as something else); a
//!   changed HTTP method; a paginator whose result key changed (its items
//!   change); a waiter on another operation; an API version change;
//! - **additive**: anything added (structures and enums are
//!   `#[non_exhaustive]`, enums have `Unknown`, error enums are
//!   `#[non_exhaustive]`), and changes that keep the API and follow the
//!   service (a request URI or response code, waiter timing and acceptors,
//!   paginator tokens, endpoint rules, an endpoint parameter's default,
//!   other traits such as `min`, `box` or `deprecated`); and a removal or
//!   change of a shape no operation reaches (nothing was generated for it);
//! - **documentation**: a changed `documentation` of the service, an
//!   operation, a shape, a member or an endpoint parameter; counted
//!   separately, whatever else changed.
//!
//! The generated crates are 0.x: a breaking change means a minor bump
//! (0.y to 0.(y+1)), an additive or documentation one a patch bump.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::Error;
use crate::ir::names;
use crate::model::{Member, ServiceModel, Shape, ShapeType};

/// What a change does to the generated Rust API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Class {
    /// Code that compiled and worked against the old crate may not any more.
    Breaking,
    /// New API, or a change that keeps every existing use working.
    Additive,
    /// Only documentation changed.
    Documentation,
}

impl Class {
    /// The word the reports use.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Documentation => "documentation",
        }
    }
}

/// The kind of a change, as counted in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A service only the new folder has.
    ServiceAdded,
    /// A service only the old folder has.
    ServiceRemoved,
    /// The service's API version changed.
    ApiVersion,
    /// An operation was added.
    OperationAdded,
    /// An operation was removed.
    OperationRemoved,
    /// A shape was added.
    ShapeAdded,
    /// A shape was removed.
    ShapeRemoved,
    /// A structure member was added.
    MemberAdded,
    /// A structure member was removed.
    MemberRemoved,
    /// A member became required.
    BecameRequired,
    /// A member became optional.
    BecameOptional,
    /// A Rust type changed: a member's, a shape's kind, an operation's
    /// input or output.
    Type,
    /// A member's location (header, query string, label, body...) changed.
    Location,
    /// A member's (or list element's) wire name changed.
    WireName,
    /// An enum value was added.
    EnumValueAdded,
    /// An enum value was removed.
    EnumValueRemoved,
    /// An error was added to an operation.
    ErrorAdded,
    /// An error was removed from an operation.
    ErrorRemoved,
    /// An operation's HTTP method, request URI or response code changed.
    Http,
    /// A paginator was added.
    PaginatorAdded,
    /// A paginator was removed.
    PaginatorRemoved,
    /// A paginator's tokens or result keys changed.
    PaginatorChanged,
    /// A waiter was added.
    WaiterAdded,
    /// A waiter was removed.
    WaiterRemoved,
    /// A waiter's operation, timing or acceptors changed.
    WaiterChanged,
    /// An endpoint rule-set parameter was added.
    EndpointParameterAdded,
    /// An endpoint rule-set parameter was removed.
    EndpointParameterRemoved,
    /// An endpoint rule-set parameter's type, default or built-in changed.
    EndpointParameterChanged,
    /// The endpoint rules (not their parameters) changed.
    EndpointRulesChanged,
    /// Another trait of an operation, shape or member changed.
    Traits,
    /// A `documentation` changed.
    Documentation,
}

impl ChangeKind {
    /// The kind's name in both reports (`member_removed`).
    pub fn name(self) -> String {
        match serde_json::to_value(self) {
            Ok(Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Change {
    /// What it does to the generated API.
    pub class: Class,
    /// What kind of change it is.
    pub kind: ChangeKind,
    /// Where, as a JSON path into the files (`shapes.Foo.members.Bar`,
    /// `paginators.ListFoos`, `waiters.FooDeployed`,
    /// `endpoint.parameters.Region`).
    pub subject: String,
    /// What changed, in words (old and new values, the Rust field).
    pub detail: String,
}

/// The changes of one service.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceReport {
    /// botocore's service name.
    pub service: String,
    /// The API version in the old folder, if the service is there.
    pub old_api_version: Option<String>,
    /// The API version in the new folder, if the service is there.
    pub new_api_version: Option<String>,
    /// The generated crates (operations and types).
    pub crates: Vec<String>,
    /// The most severe class among the changes; `None`: nothing changed.
    pub bump: Option<Class>,
    /// Changes per kind.
    pub counts: BTreeMap<ChangeKind, usize>,
    /// Every change, breaking first, then by kind and subject.
    pub changes: Vec<Change>,
}

impl ServiceReport {
    /// The number of changes of `class`.
    pub fn count_class(&self, class: Class) -> usize {
        self.changes.iter().filter(|c| c.class == class).count()
    }

    /// The number of changes of `kind`.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.counts.get(&kind).copied().unwrap_or(0)
    }
}

/// The whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The old folder, as given.
    pub old: String,
    /// The new folder, as given.
    pub new: String,
    /// One entry per service in either folder, by service name.
    pub services: Vec<ServiceReport>,
}

/// The semver bump a class implies for a 0.x crate, in words.
pub fn bump_words(bump: Option<Class>) -> &'static str {
    match bump {
        Some(Class::Breaking) => "breaking: minor bump for 0.x (0.y.z -> 0.(y+1).0; major for 1.x and later)",
        Some(Class::Additive) => "additive: patch bump for 0.x (0.y.z -> 0.y.(z+1); minor for 1.x and later)",
        Some(Class::Documentation) => "documentation only: patch bump (0.y.z -> 0.y.(z+1)), to publish the docs",
        None => "none: nothing changed",
    }
}

/// The service folders under `root`: service name -> its newest
/// `<api-version>/` folder (see the module docs for the layouts).
pub fn discover(root: &Path) -> Result<BTreeMap<String, PathBuf>, Error> {
    let io = |path: &Path, message: String| Error::Io { path: path.display().to_string(), message };
    if !root.is_dir() {
        return Err(io(root, "no such model folder".to_string()));
    }
    let mut found = BTreeMap::new();
    if root.join("service-2.json").is_file() {
        let canonical = root.canonicalize().map_err(|e| io(root, e.to_string()))?;
        let service = canonical
            .parent()
            .and_then(Path::file_name)
            .and_then(|n| n.to_str())
            .ok_or_else(|| io(root, "cannot tell the service from the folder's parent".to_string()))?;
        found.insert(service.to_string(), root.to_path_buf());
        return Ok(found);
    }
    for service in sorted_dirs(root)? {
        let versions: Vec<PathBuf> =
            sorted_dirs(&service)?.into_iter().filter(|v| v.join("service-2.json").is_file()).collect();
        if let (Some(newest), Some(name)) = (versions.last(), service.file_name().and_then(|n| n.to_str())) {
            found.insert(name.to_string(), newest.clone());
        }
    }
    if found.is_empty() {
        return Err(io(root, "no <service>/<api-version>/service-2.json in this folder".to_string()));
    }
    Ok(found)
}

fn sorted_dirs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::Io { path: dir.display().to_string(), message: e.to_string() })?;
    let mut dirs: Vec<PathBuf> = entries.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    Ok(dirs)
}

/// Compares the model folders `old` and `new`; `only`, if not empty,
/// limits the report to those services.
pub fn diff_dirs(old: &Path, new: &Path, only: &[String]) -> Result<Report, Error> {
    let old_services = discover(old)?;
    let new_services = discover(new)?;
    let crates = crate_names(new);
    for name in only {
        if !old_services.contains_key(name) && !new_services.contains_key(name) {
            return Err(Error::Io {
                path: format!("{} and {}", old.display(), new.display()),
                message: format!("no service {name:?} in either folder"),
            });
        }
    }
    let names: BTreeSet<&String> = old_services.keys().chain(new_services.keys()).collect();
    let mut services = Vec::new();
    for name in names {
        if !only.is_empty() && !only.contains(name) {
            continue;
        }
        let old_files = old_services.get(name).map(|dir| ServiceFiles::load(dir)).transpose()?;
        let new_files = new_services.get(name).map(|dir| ServiceFiles::load(dir)).transpose()?;
        let krate = crates.get(name).cloned().unwrap_or_else(|| format!("{name}-sdk"));
        services.push(diff_service(name, &krate, old_files.as_ref(), new_files.as_ref())?);
    }
    Ok(Report { old: old.display().to_string(), new: new.display().to_string(), services })
}

/// Crate names from a `services.json` at the top of `root`, if any.
fn crate_names(root: &Path) -> BTreeMap<String, String> {
    #[derive(Deserialize)]
    struct List {
        services: Vec<Entry>,
    }
    #[derive(Deserialize)]
    struct Entry {
        service: String,
        #[serde(rename = "crate")]
        crate_name: String,
    }
    std::fs::read_to_string(root.join("services.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<List>(&text).ok())
        .map(|list| list.services.into_iter().map(|e| (e.service, e.crate_name)).collect())
        .unwrap_or_default()
}

/// `paginators-1.json`.
#[derive(Debug, Clone, Default, Deserialize)]
struct PaginatorsFile {
    pagination: BTreeMap<String, Paginator>,
}

/// One paginator; tokens and keys are a string or a list of them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Paginator {
    input_token: Value,
    output_token: Value,
    #[serde(default)]
    limit_key: Option<String>,
    #[serde(default)]
    more_results: Option<String>,
    #[serde(default)]
    result_key: Option<Value>,
    #[serde(default)]
    non_aggregate_keys: Option<Value>,
}

/// `waiters-2.json`.
#[derive(Debug, Clone, Default, Deserialize)]
struct WaitersFile {
    waiters: BTreeMap<String, Waiter>,
}

/// One waiter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Waiter {
    operation: String,
    #[serde(default)]
    delay: Option<f64>,
    #[serde(default)]
    max_attempts: Option<u32>,
    #[serde(default)]
    acceptors: Vec<Value>,
    #[serde(default)]
    description: Option<String>,
}

/// `endpoint-rule-set-1.json`.
#[derive(Debug, Clone, Default, Deserialize)]
struct RuleSetFile {
    #[serde(default)]
    parameters: BTreeMap<String, RuleParameter>,
    #[serde(default)]
    rules: Vec<Value>,
}

/// One endpoint rule-set parameter.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
struct RuleParameter {
    #[serde(rename = "type")]
    param_type: String,
    #[serde(default)]
    required: Option<bool>,
    #[serde(default)]
    default: Option<Value>,
    #[serde(default)]
    built_in: Option<String>,
    #[serde(default)]
    deprecated: Option<Value>,
    #[serde(default)]
    documentation: Option<String>,
}

/// The files of one service, loaded.
struct ServiceFiles {
    api_version: String,
    /// `service-2.json`, for error messages.
    source: String,
    model: ServiceModel,
    /// `service-2.json` as JSON, for the traits the typed model drops.
    raw: Value,
    paginators: PaginatorsFile,
    waiters: WaitersFile,
    rule_set: RuleSetFile,
}

fn read_json<T: for<'de> Deserialize<'de> + Default>(path: &Path, required: bool) -> Result<T, Error> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && !required => return Ok(T::default()),
        Err(err) => return Err(Error::Io { path: path.display().to_string(), message: err.to_string() }),
    };
    let deserializer = &mut serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(deserializer).map_err(|err| Error::Model {
        source_name: path.display().to_string(),
        path: err.path().to_string(),
        message: err.inner().to_string(),
    })
}

impl ServiceFiles {
    fn load(dir: &Path) -> Result<Self, Error> {
        let model_path = dir.join("service-2.json");
        let source = model_path.display().to_string();
        let model = crate::extras::load_model(&model_path)?;
        let raw: Value = read_json::<Option<Value>>(&model_path, true)?.unwrap_or(Value::Null);
        let files = ServiceFiles {
            api_version: model.metadata.api_version.clone(),
            source,
            model,
            raw,
            paginators: read_json(&dir.join("paginators-1.json"), false)?,
            waiters: read_json(&dir.join("waiters-2.json"), false)?,
            rule_set: read_json(&dir.join("endpoint-rule-set-1.json"), false)?,
        };
        files.check_references()?;
        Ok(files)
    }

    /// Every shape reference resolves (else an error naming the JSON path).
    fn check_references(&self) -> Result<(), Error> {
        let check = |name: &str, path: String| {
            if self.model.shapes.contains_key(name) {
                Ok(())
            } else {
                Err(Error::Model {
                    source_name: self.source.clone(),
                    path,
                    message: format!("no shape named {name:?}"),
                })
            }
        };
        for (op_name, op) in &self.model.operations {
            if let Some(input) = &op.input {
                check(&input.shape, format!("operations.{op_name}.input.shape"))?;
            }
            if let Some(output) = &op.output {
                check(&output.shape, format!("operations.{op_name}.output.shape"))?;
            }
            for (i, error) in op.errors.iter().enumerate() {
                check(&error.shape, format!("operations.{op_name}.errors[{i}].shape"))?;
            }
        }
        for (name, shape) in &self.model.shapes {
            for (member_name, member) in shape.members.iter().flat_map(|m| m.iter()) {
                check(&member.shape, format!("shapes.{name}.members.{member_name}.shape"))?;
            }
            for (part, member) in [("member", &shape.member), ("key", &shape.key), ("value", &shape.value)] {
                if let Some(member) = member {
                    check(&member.shape, format!("shapes.{name}.{part}.shape"))?;
                }
            }
        }
        Ok(())
    }

    /// Shapes reachable from the operations' inputs (`inputs`) or from
    /// anything of an operation (inputs, outputs, errors): what is generated.
    fn reachable(&self, inputs_only: bool) -> BTreeSet<String> {
        let mut stack: Vec<String> = Vec::new();
        for op in self.model.operations.values() {
            stack.extend(op.input.iter().map(|i| i.shape.clone()));
            if !inputs_only {
                stack.extend(op.output.iter().map(|o| o.shape.clone()));
                stack.extend(op.errors.iter().map(|e| e.shape.clone()));
            }
        }
        let mut seen = BTreeSet::new();
        while let Some(name) = stack.pop() {
            if !seen.insert(name.clone()) {
                continue;
            }
            if let Some(shape) = self.model.shapes.get(&name) {
                stack.extend(shape.members.iter().flat_map(|m| m.iter()).map(|(_, m)| m.shape.clone()));
                stack.extend([&shape.member, &shape.key, &shape.value].into_iter().flatten().map(|m| m.shape.clone()));
            }
        }
        seen
    }

    /// The Rust type a reference to shape `name` has in the generated code.
    fn rust_type(&self, name: &str) -> String {
        let mut depth = 0;
        self.rust_type_at(name, &mut depth)
    }

    fn rust_type_at(&self, name: &str, depth: &mut usize) -> String {
        *depth += 1;
        let Some(shape) = self.model.shapes.get(name) else { return name.to_string() };
        if *depth > 16 {
            return names::type_name(name);
        }
        let element = |m: &Option<Member>, depth: &mut usize| {
            m.as_ref().map(|m| self.rust_type_at(&m.shape, depth)).unwrap_or_default()
        };
        match shape.shape_type {
            ShapeType::Structure => names::type_name(name),
            ShapeType::String if shape.enum_values.is_some() => names::type_name(name),
            ShapeType::List => format!("Vec<{}>", element(&shape.member, depth)),
            ShapeType::Map => format!("Map<{}, {}>", element(&shape.key, depth), element(&shape.value, depth)),
            other => kind_name(other, shape).to_string(),
        }
    }
}

/// A shape's kind as the generated code sees it (`string` and `enum` apart).
fn kind_name(shape_type: ShapeType, shape: &Shape) -> &'static str {
    match shape_type {
        ShapeType::Structure => "structure",
        ShapeType::List => "list",
        ShapeType::Map => "map",
        ShapeType::String if shape.enum_values.is_some() => "enum",
        ShapeType::String => "string",
        ShapeType::Integer => "integer",
        ShapeType::Long => "long",
        ShapeType::Float => "float",
        ShapeType::Double => "double",
        ShapeType::Boolean => "boolean",
        ShapeType::Timestamp => "timestamp",
        ShapeType::Blob => "blob",
        ShapeType::Character => "character",
        ShapeType::Byte => "byte",
        ShapeType::Short => "short",
        ShapeType::BigDecimal => "bigdecimal",
        ShapeType::BigInteger => "biginteger",
    }
}

/// Collects the changes of one service.
struct Collector {
    changes: Vec<Change>,
}

impl Collector {
    fn push(&mut self, class: Class, kind: ChangeKind, subject: impl Into<String>, detail: impl Into<String>) {
        self.changes.push(Change { class, kind, subject: subject.into(), detail: detail.into() });
    }

    fn docs(&mut self, subject: String, old: &Option<String>, new: &Option<String>) {
        if old != new {
            let detail = match (old, new) {
                (None, Some(_)) => "documentation added",
                (Some(_), None) => "documentation removed",
                _ => "documentation changed",
            };
            self.push(Class::Documentation, ChangeKind::Documentation, subject, detail);
        }
    }
}

/// `value` without its `documentation` keys and without `skip` keys at the
/// top (for the "other traits" comparison).
fn without(value: Option<&Value>, skip: &[&str]) -> Value {
    match value {
        Some(Value::Object(map)) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "documentation" && !skip.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        Some(other) => other.clone(),
        None => Value::Null,
    }
}

/// The keys whose values differ between two JSON objects, sorted, each
/// with its old and new value when they are short.
fn differing_keys(old: &Value, new: &Value) -> Vec<String> {
    let (Value::Object(old), Value::Object(new)) = (old, new) else { return vec!["(value)".to_string()] };
    let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let show = |value: Option<&Value>| value.map(compact).unwrap_or_else(|| "(none)".to_string());
    keys.into_iter()
        .filter(|k| old.get(*k) != new.get(*k))
        .map(|k| {
            let (before, after) = (show(old.get(k)), show(new.get(k)));
            if before.len() + after.len() <= 120 { format!("{k} {before} -> {after}") } else { k.to_string() }
        })
        .collect()
}

fn compact(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn diff_service(
    service: &str,
    krate: &str,
    old: Option<&ServiceFiles>,
    new: Option<&ServiceFiles>,
) -> Result<ServiceReport, Error> {
    let mut out = Collector { changes: Vec::new() };
    match (old, new) {
        (Some(old), Some(new)) => diff_models(&mut out, old, new),
        (None, Some(new)) => out.push(
            Class::Additive,
            ChangeKind::ServiceAdded,
            service,
            format!("new service (API version {}): new crates", new.api_version),
        ),
        (Some(old), None) => out.push(
            Class::Breaking,
            ChangeKind::ServiceRemoved,
            service,
            format!("service (API version {}) removed: its crates are no longer generated", old.api_version),
        ),
        (None, None) => {}
    }
    let mut changes = out.changes;
    changes.sort();
    changes.dedup();
    let mut counts = BTreeMap::new();
    for change in &changes {
        *counts.entry(change.kind).or_insert(0) += 1;
    }
    Ok(ServiceReport {
        service: service.to_string(),
        old_api_version: old.map(|f| f.api_version.clone()),
        new_api_version: new.map(|f| f.api_version.clone()),
        crates: vec![krate.to_string(), format!("{krate}-types")],
        bump: changes.iter().map(|c| c.class).min(),
        counts,
        changes,
    })
}

fn diff_models(out: &mut Collector, old: &ServiceFiles, new: &ServiceFiles) {
    if old.api_version != new.api_version {
        out.push(
            Class::Breaking,
            ChangeKind::ApiVersion,
            "metadata.apiVersion",
            format!("{} -> {} (a new API version: review everything)", old.api_version, new.api_version),
        );
    }
    out.docs("documentation".to_string(), &old.model.documentation, &new.model.documentation);
    let old_generated = old.reachable(false);
    let new_inputs = new.reachable(true);
    diff_operations(out, old, new);
    diff_shapes(out, old, new, &old_generated, &new_inputs);
    diff_paginators(out, old, new);
    diff_waiters(out, old, new);
    diff_rule_sets(out, old, new);
}

fn diff_operations(out: &mut Collector, old: &ServiceFiles, new: &ServiceFiles) {
    for (name, op) in &old.model.operations {
        if !new.model.operations.contains_key(name) {
            let method = names::field_name(name);
            out.push(
                Class::Breaking,
                ChangeKind::OperationRemoved,
                format!("operations.{name}"),
                format!("`Client::{method}` and its types are gone ({} {})", op.http.method, op.http.request_uri),
            );
        }
    }
    for (name, new_op) in &new.model.operations {
        let subject = format!("operations.{name}");
        let Some(old_op) = old.model.operations.get(name) else {
            let method = names::field_name(name);
            out.push(
                Class::Additive,
                ChangeKind::OperationAdded,
                subject,
                format!("new `Client::{method}` ({} {})", new_op.http.method, new_op.http.request_uri),
            );
            continue;
        };
        out.docs(format!("{subject}.documentation"), &old_op.documentation, &new_op.documentation);
        let old_input = old_op.input.as_ref().map(|i| i.shape.as_str());
        let new_input = new_op.input.as_ref().map(|i| i.shape.as_str());
        if old_input != new_input {
            out.push(
                Class::Breaking,
                ChangeKind::Type,
                format!("{subject}.input"),
                format!("input {} -> {}", shown(old_input), shown(new_input)),
            );
        }
        let old_output = old_op.output.as_ref().map(|o| o.shape.as_str());
        let new_output = new_op.output.as_ref().map(|o| o.shape.as_str());
        if old_output != new_output {
            out.push(
                Class::Breaking,
                ChangeKind::Type,
                format!("{subject}.output"),
                format!("output {} -> {}", shown(old_output), shown(new_output)),
            );
        }
        let (old_http, new_http) = (&old_op.http, &new_op.http);
        let (old_code, new_code) = (old_http.response_code.unwrap_or(200), new_http.response_code.unwrap_or(200));
        if (&old_http.method, &old_http.request_uri, old_code) != (&new_http.method, &new_http.request_uri, new_code) {
            // The same call, sent where the service now expects it; only
            // another method changes what the call does.
            let class = if old_http.method == new_http.method { Class::Additive } else { Class::Breaking };
            out.push(
                class,
                ChangeKind::Http,
                format!("{subject}.http"),
                format!(
                    "{} {} ({old_code}) -> {} {} ({new_code})",
                    old_http.method, old_http.request_uri, new_http.method, new_http.request_uri
                ),
            );
        }
        let old_errors: BTreeSet<&str> = old_op.errors.iter().map(|e| e.shape.as_str()).collect();
        let new_errors: BTreeSet<&str> = new_op.errors.iter().map(|e| e.shape.as_str()).collect();
        for error in old_errors.difference(&new_errors) {
            out.push(
                Class::Breaking,
                ChangeKind::ErrorRemoved,
                format!("{subject}.errors.{error}"),
                format!("variant `{}Error::{error}` is gone", names::type_name(name)),
            );
        }
        for error in new_errors.difference(&old_errors) {
            out.push(
                Class::Additive,
                ChangeKind::ErrorAdded,
                format!("{subject}.errors.{error}"),
                format!("new variant `{}Error::{error}` (the enum is `#[non_exhaustive]`)", names::type_name(name)),
            );
        }
        let skip = ["name", "http", "input", "output", "errors", "documentationUrl"];
        let old_raw = without(old.raw.pointer(&format!("/operations/{}", pointer_escape(name))), &skip);
        let new_raw = without(new.raw.pointer(&format!("/operations/{}", pointer_escape(name))), &skip);
        if old_raw != new_raw {
            out.push(
                Class::Additive,
                ChangeKind::Traits,
                subject,
                format!("changed: {}", differing_keys(&old_raw, &new_raw).join(", ")),
            );
        }
    }
}

fn shown(name: Option<&str>) -> &str {
    name.unwrap_or("(none)")
}

fn pointer_escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn diff_shapes(
    out: &mut Collector,
    old: &ServiceFiles,
    new: &ServiceFiles,
    old_generated: &BTreeSet<String>,
    new_inputs: &BTreeSet<String>,
) {
    for (name, shape) in &old.model.shapes {
        if !new.model.shapes.contains_key(name) {
            let (class, detail) = if old_generated.contains(name) {
                (
                    Class::Breaking,
                    format!("type `{}` ({}) is gone", names::type_name(name), kind_name(shape.shape_type, shape)),
                )
            } else {
                (Class::Additive, "removed; no operation reached it, so nothing was generated".to_string())
            };
            out.push(class, ChangeKind::ShapeRemoved, format!("shapes.{name}"), detail);
        }
    }
    for (name, new_shape) in &new.model.shapes {
        let subject = format!("shapes.{name}");
        let Some(old_shape) = old.model.shapes.get(name) else {
            out.push(
                Class::Additive,
                ChangeKind::ShapeAdded,
                subject,
                format!("new {} `{}`", kind_name(new_shape.shape_type, new_shape), names::type_name(name)),
            );
            continue;
        };
        // A change to a shape nothing generated can break nothing.
        let breaking = if old_generated.contains(name) { Class::Breaking } else { Class::Additive };
        out.docs(format!("{subject}.documentation"), &old_shape.documentation, &new_shape.documentation);
        let (old_kind, new_kind) =
            (kind_name(old_shape.shape_type, old_shape), kind_name(new_shape.shape_type, new_shape));
        if old_kind != new_kind {
            out.push(breaking, ChangeKind::Type, format!("{subject}.type"), format!("{old_kind} -> {new_kind}"));
        }
        diff_enum(out, &subject, name, old_shape, new_shape, breaking);
        diff_elements(out, old, new, &subject, old_shape, new_shape, breaking);
        diff_members(out, old, new, name, (old_shape, new_shape), breaking, new_inputs.contains(name));
        let skip = ["type", "members", "required", "enum", "member", "key", "value"];
        let old_raw = without(old.raw.pointer(&format!("/shapes/{}", pointer_escape(name))), &skip);
        let new_raw = without(new.raw.pointer(&format!("/shapes/{}", pointer_escape(name))), &skip);
        if old_raw != new_raw {
            out.push(
                Class::Additive,
                ChangeKind::Traits,
                subject,
                format!("changed: {}", differing_keys(&old_raw, &new_raw).join(", ")),
            );
        }
    }
}

fn diff_enum(out: &mut Collector, subject: &str, name: &str, old: &Shape, new: &Shape, breaking: Class) {
    let (Some(old_values), Some(new_values)) = (&old.enum_values, &new.enum_values) else { return };
    let old_set: BTreeSet<&String> = old_values.iter().collect();
    let new_set: BTreeSet<&String> = new_values.iter().collect();
    let type_name = names::type_name(name);
    for value in old_set.difference(&new_set) {
        out.push(
            breaking,
            ChangeKind::EnumValueRemoved,
            format!("{subject}.enum.{value}"),
            format!(
                "variant `{type_name}::{}` is gone (code matching on it stops compiling)",
                names::variant_name(value)
            ),
        );
    }
    for value in new_set.difference(&old_set) {
        out.push(
            Class::Additive,
            ChangeKind::EnumValueAdded,
            format!("{subject}.enum.{value}"),
            format!("new variant `{type_name}::{}` (the enum is `#[non_exhaustive]`)", names::variant_name(value)),
        );
    }
}

/// A list's element and a map's key and value: their types and wire names.
fn diff_elements(
    out: &mut Collector,
    old: &ServiceFiles,
    new: &ServiceFiles,
    subject: &str,
    old_shape: &Shape,
    new_shape: &Shape,
    breaking: Class,
) {
    let parts = [
        ("member", &old_shape.member, &new_shape.member),
        ("key", &old_shape.key, &new_shape.key),
        ("value", &old_shape.value, &new_shape.value),
    ];
    for (part, old_member, new_member) in parts {
        let (Some(old_member), Some(new_member)) = (old_member, new_member) else { continue };
        let (old_type, new_type) = (old.rust_type(&old_member.shape), new.rust_type(&new_member.shape));
        if old_type != new_type {
            out.push(breaking, ChangeKind::Type, format!("{subject}.{part}"), format!("`{old_type}` -> `{new_type}`"));
        }
        let old_wire = effective(old, old_member).location_name.unwrap_or_else(|| part.to_string());
        let new_wire = effective(new, new_member).location_name.unwrap_or_else(|| part.to_string());
        if old_wire != new_wire {
            out.push(
                breaking,
                ChangeKind::WireName,
                format!("{subject}.{part}"),
                format!("element name {old_wire:?} -> {new_wire:?}"),
            );
        }
    }
}

/// A member's traits merged over its target shape's, as botocore does.
fn effective(files: &ServiceFiles, member: &Member) -> Member {
    match files.model.shapes.get(&member.shape) {
        Some(target) => member.merged_over(target),
        None => member.clone(),
    }
}

fn diff_members(
    out: &mut Collector,
    old: &ServiceFiles,
    new: &ServiceFiles,
    shape_name: &str,
    (old_shape, new_shape): (&Shape, &Shape),
    breaking: Class,
    new_is_input: bool,
) {
    let (Some(old_members), Some(new_members)) = (&old_shape.members, &new_shape.members) else { return };
    let type_name = names::type_name(shape_name);
    for (name, _) in old_members.iter() {
        if new_members.get(name).is_none() {
            out.push(
                breaking,
                ChangeKind::MemberRemoved,
                format!("shapes.{shape_name}.members.{name}"),
                format!("field `{type_name}::{}` is gone", names::field_name(name)),
            );
        }
    }
    for (name, new_member) in new_members.iter() {
        let subject = format!("shapes.{shape_name}.members.{name}");
        let field = format!("`{type_name}::{}`", names::field_name(name));
        let new_required = new_shape.required.contains(name);
        let Some(old_member) = old_members.get(name) else {
            let (class, detail) = if new_required && new_is_input {
                (Class::Breaking, format!("new required field {field}: calls that do not set it now fail"))
            } else if new_required {
                (Class::Additive, format!("new required field {field} (the struct is `#[non_exhaustive]`)"))
            } else {
                (Class::Additive, format!("new optional field {field}"))
            };
            out.push(class, ChangeKind::MemberAdded, subject, detail);
            continue;
        };
        out.docs(format!("{subject}.documentation"), &old_member.documentation, &new_member.documentation);
        let old_required = old_shape.required.contains(name);
        if old_required != new_required {
            let (kind, detail) = if new_required {
                (ChangeKind::BecameRequired, format!("{field} became required: `Option<T>` -> `T`"))
            } else {
                (ChangeKind::BecameOptional, format!("{field} became optional: `T` -> `Option<T>`"))
            };
            out.push(breaking, kind, subject.clone(), detail);
        }
        let (old_type, new_type) = (old.rust_type(&old_member.shape), new.rust_type(&new_member.shape));
        if old_type != new_type {
            out.push(breaking, ChangeKind::Type, subject.clone(), format!("{field}: `{old_type}` -> `{new_type}`"));
        }
        let (old_eff, new_eff) = (effective(old, old_member), effective(new, new_member));
        let old_location = old_eff.location.clone().unwrap_or_else(|| "body".to_string());
        let new_location = new_eff.location.clone().unwrap_or_else(|| "body".to_string());
        if old_location != new_location {
            out.push(
                breaking,
                ChangeKind::Location,
                subject.clone(),
                format!("{field}: location {old_location} -> {new_location} (sent or read elsewhere)"),
            );
        }
        let old_wire = old_eff.location_name.clone().unwrap_or_else(|| name.clone());
        let new_wire = new_eff.location_name.clone().unwrap_or_else(|| name.clone());
        if old_wire != new_wire {
            out.push(
                breaking,
                ChangeKind::WireName,
                subject.clone(),
                format!(
                    "{field}: wire name {old_wire:?} -> {new_wire:?} (the same field is sent or read as another name)"
                ),
            );
        }
        let skip = ["shape", "location", "locationName"];
        let pointer = format!("/shapes/{}/members/{}", pointer_escape(shape_name), pointer_escape(name));
        let old_raw = without(old.raw.pointer(&pointer), &skip);
        let new_raw = without(new.raw.pointer(&pointer), &skip);
        if old_raw != new_raw {
            out.push(
                Class::Additive,
                ChangeKind::Traits,
                subject,
                format!("changed: {}", differing_keys(&old_raw, &new_raw).join(", ")),
            );
        }
    }
}

/// An entry of the new map with the old map's entry under the same key.
type KeptOrAdded<'a, V> = (&'a String, Option<&'a V>, &'a V);

/// The keys only `old` has (removed), and every entry of `new` with the
/// entry `old` has under its key, if any (kept or added), both in key order.
fn keyed<'a, V>(
    old: &'a BTreeMap<String, V>,
    new: &'a BTreeMap<String, V>,
) -> (Vec<&'a String>, Vec<KeptOrAdded<'a, V>>) {
    let removed = old.keys().filter(|k| !new.contains_key(*k)).collect();
    let kept_or_added = new.iter().map(|(k, v)| (k, old.get(k), v)).collect();
    (removed, kept_or_added)
}

fn diff_paginators(out: &mut Collector, old: &ServiceFiles, new: &ServiceFiles) {
    let (removed, kept_or_added) = keyed(&old.paginators.pagination, &new.paginators.pagination);
    for name in removed {
        out.push(
            Class::Breaking,
            ChangeKind::PaginatorRemoved,
            format!("paginators.{name}"),
            format!("`{}` has no paginator any more", names::field_name(name)),
        );
    }
    for (name, old_pag, new_pag) in kept_or_added {
        let subject = format!("paginators.{name}");
        match old_pag {
            None => out.push(
                Class::Additive,
                ChangeKind::PaginatorAdded,
                subject,
                format!("`{}` gets a paginator", names::field_name(name)),
            ),
            Some(old_pag) if old_pag != new_pag => {
                let class = if old_pag.result_key != new_pag.result_key { Class::Breaking } else { Class::Additive };
                let detail = if class == Class::Breaking {
                    format!(
                        "result key {} -> {} (the items change)",
                        compact(old_pag.result_key.as_ref().unwrap_or(&Value::Null)),
                        compact(new_pag.result_key.as_ref().unwrap_or(&Value::Null))
                    )
                } else {
                    "tokens or keys changed".to_string()
                };
                out.push(class, ChangeKind::PaginatorChanged, subject, detail);
            }
            Some(_) => {}
        }
    }
}

fn diff_waiters(out: &mut Collector, old: &ServiceFiles, new: &ServiceFiles) {
    let (removed, kept_or_added) = keyed(&old.waiters.waiters, &new.waiters.waiters);
    for name in removed {
        out.push(
            Class::Breaking,
            ChangeKind::WaiterRemoved,
            format!("waiters.{name}"),
            format!("waiter `wait_until_{}` is gone", names::field_name(name)),
        );
    }
    for (name, old_waiter, new_waiter) in kept_or_added {
        let subject = format!("waiters.{name}");
        match old_waiter {
            None => out.push(
                Class::Additive,
                ChangeKind::WaiterAdded,
                subject,
                format!("new waiter `wait_until_{}` on {}", names::field_name(name), new_waiter.operation),
            ),
            Some(old_waiter) => {
                if old_waiter.operation != new_waiter.operation {
                    out.push(
                        Class::Breaking,
                        ChangeKind::WaiterChanged,
                        subject,
                        format!("operation {} -> {} (its input changes)", old_waiter.operation, new_waiter.operation),
                    );
                } else if (old_waiter.delay, old_waiter.max_attempts, &old_waiter.acceptors)
                    != (new_waiter.delay, new_waiter.max_attempts, &new_waiter.acceptors)
                {
                    out.push(
                        Class::Additive,
                        ChangeKind::WaiterChanged,
                        subject,
                        "delay, attempts or acceptors changed (same API, follows the service)",
                    );
                } else if old_waiter.description != new_waiter.description {
                    out.docs(format!("{subject}.description"), &old_waiter.description, &new_waiter.description);
                }
            }
        }
    }
}

fn diff_rule_sets(out: &mut Collector, old: &ServiceFiles, new: &ServiceFiles) {
    let (old_p, new_p) = (&old.rule_set.parameters, &new.rule_set.parameters);
    for name in old_p.keys().filter(|k| !new_p.contains_key(*k)) {
        out.push(
            Class::Breaking,
            ChangeKind::EndpointParameterRemoved,
            format!("endpoint.parameters.{name}"),
            "endpoint parameter removed",
        );
    }
    for (name, new_param) in new_p {
        let subject = format!("endpoint.parameters.{name}");
        let Some(old_param) = old_p.get(name) else {
            out.push(
                Class::Additive,
                ChangeKind::EndpointParameterAdded,
                subject,
                format!(
                    "new {} parameter{}",
                    new_param.param_type,
                    match &new_param.built_in {
                        Some(built_in) => format!(" (built-in {built_in})"),
                        None => String::new(),
                    }
                ),
            );
            continue;
        };
        out.docs(format!("{subject}.documentation"), &old_param.documentation, &new_param.documentation);
        // The rules engine reads `String` and `string` alike.
        if !old_param.param_type.eq_ignore_ascii_case(&new_param.param_type) {
            out.push(
                Class::Breaking,
                ChangeKind::EndpointParameterChanged,
                subject,
                format!("type {} -> {}", old_param.param_type, new_param.param_type),
            );
        } else if (&old_param.required, &old_param.default, &old_param.built_in, &old_param.deprecated)
            != (&new_param.required, &new_param.default, &new_param.built_in, &new_param.deprecated)
        {
            out.push(
                Class::Additive,
                ChangeKind::EndpointParameterChanged,
                subject,
                "required, default, built-in or deprecation changed",
            );
        }
    }
    if old.rule_set.rules != new.rule_set.rules {
        out.push(
            Class::Additive,
            ChangeKind::EndpointRulesChanged,
            "endpoint.rules",
            "the endpoint rules changed (endpoints follow the service; check the endpoint tests)",
        );
    }
}

impl Report {
    /// The report as pretty JSON (keys and lists in a fixed order).
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The report as Markdown, for a pull request's description.
    pub fn to_markdown(&self) -> String {
        let mut md = String::new();
        md.push_str(&format!("# Model update report: `{}` -> `{}`\n\n", self.old, self.new));
        md.push_str("| service | API version | breaking | additive | documentation | semver |\n");
        md.push_str("|---|---|---:|---:|---:|---|\n");
        for s in &self.services {
            md.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                s.service,
                version_words(s),
                s.count_class(Class::Breaking),
                s.count_class(Class::Additive),
                s.count_class(Class::Documentation),
                s.bump.map(Class::as_str).unwrap_or("none"),
            ));
        }
        for s in &self.services {
            md.push_str(&format!("\n## {} ({})\n\n", s.service, version_words(s)));
            if s.changes.is_empty() {
                md.push_str("No changes.\n");
                continue;
            }
            md.push_str("| change | count |\n|---|---:|\n");
            for (kind, count) in &s.counts {
                md.push_str(&format!("| {} | {count} |\n", kind.name()));
            }
            for class in [Class::Breaking, Class::Additive, Class::Documentation] {
                let changes: Vec<&Change> = s.changes.iter().filter(|c| c.class == class).collect();
                if changes.is_empty() {
                    continue;
                }
                let title = match class {
                    Class::Breaking => "Breaking",
                    Class::Additive => "Additive",
                    Class::Documentation => "Documentation only",
                };
                md.push_str(&format!("\n### {title} ({})\n\n", changes.len()));
                let folded = class != Class::Breaking;
                if folded {
                    md.push_str(&format!(
                        "<details><summary>{} {} changes</summary>\n\n",
                        changes.len(),
                        class.as_str()
                    ));
                }
                for change in changes {
                    md.push_str(&format!("- {} `{}`: {}\n", change.kind.name(), change.subject, change.detail));
                }
                if folded {
                    md.push_str("\n</details>\n");
                }
            }
        }
        md.push_str("\n## Semver\n\n");
        for s in &self.services {
            for krate in &s.crates {
                md.push_str(&format!("- `{krate}`: {}\n", bump_words(s.bump)));
            }
        }
        md
    }
}

fn version_words(s: &ServiceReport) -> String {
    match (&s.old_api_version, &s.new_api_version) {
        (Some(old), Some(new)) if old == new => old.clone(),
        (Some(old), Some(new)) => format!("{old} -> {new}"),
        (None, Some(new)) => format!("new, {new}"),
        (Some(old), None) => format!("removed, was {old}"),
        (None, None) => String::new(),
    }
}
