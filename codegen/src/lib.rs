//! A code generator for AWS rest-xml services.
//!
//! The pipeline reads top to bottom:
//!
//! 1. [`model`]: botocore's `service-2.json` as typed serde structs;
//! 2. [`ir`]: the resolved form (Rust and wire names side by side, shape
//!    roles, HTTP bindings, documentation as Markdown);
//!    [`customizations`] then adds what botocore does for a service beyond
//!    its model, keyed by the service id;
//! 3. [`emit`]: one emitter per concern, building tokens with `quote!`;
//! 4. [`layout`]: which file each item lands in, the crate's `Cargo.toml`,
//!    formatting with prettyplease.
//!
//! [`Generator`] drives it, from the command line (`restxml-codegen`) or
//! from a build script. [`diff`] is the model-update report: what changed
//! between two model folders and what it does to the generated API
//! (`restxml-codegen diff OLD NEW`).

pub mod customizations;
pub mod diff;
pub mod emit;
pub mod extras;
pub mod ir;
pub mod layout;
pub mod model;
pub mod services;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

pub use layout::GeneratedCrate;

/// Everything that can go wrong while generating. The generator never
/// panics on input: a bad model is one of these, naming where it is bad.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model JSON does not have the expected form.
    #[error("{source_name}: {path}: {message}")]
    Model { source_name: String, path: String, message: String },
    /// The model is well-formed JSON but inconsistent (a dangling shape
    /// reference, a missing trait); `path` is the JSON path at fault.
    #[error("{path}: {message}")]
    Invalid { path: String, message: String },
    /// The model uses something this generator does not support yet.
    #[error("{path}: unsupported: {message}")]
    Unsupported { path: String, message: String },
    /// Reading or writing a file failed.
    #[error("{path}: {message}")]
    Io { path: String, message: String },
    /// Emitted code did not parse as Rust (a generator bug).
    #[error("generated code for {file} is not valid Rust: {message}")]
    Emit { file: String, message: String },
}

impl Error {
    pub(crate) fn invalid(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Invalid { path: path.into(), message: message.into() }
    }

    pub(crate) fn unsupported(path: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Unsupported { path: path.into(), message: message.into() }
    }
}

/// Settings for one generation run, as a builder.
///
/// ```no_run
/// use restxml_codegen::services::ServiceList;
///
/// let list = ServiceList::load(ServiceList::PATH.as_ref())?;
/// let cloudfront = list.select(&["cloudfront".to_string()])?[0];
/// let krate = restxml_codegen::Generator::new(cloudfront.model_dir().join("service-2.json"))
///     .crate_name(&cloudfront.crate_name)
///     .runtime_path("../../runtime")
///     .generate()?;
/// krate.write_to(&cloudfront.generated_dir())?;
/// # Ok::<(), restxml_codegen::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Generator {
    model_path: PathBuf,
    settings: Settings,
    example: Option<String>,
}

/// What [`Generator`] passes to the later stages.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The generated package's name.
    pub crate_name: String,
    /// Path from the generated crate to the runtime crate.
    pub runtime_path: String,
    /// Operations to generate (by their operations-map key); `None`: all.
    pub operations: Option<BTreeSet<String>>,
    /// The command that regenerates the crate, written into file headers.
    pub command: String,
    /// The endpoint rule set (`endpoint-rule-set-1.json`) and botocore's
    /// `partitions.json`, as text: with both, an async `Client` is generated.
    pub endpoints: Option<EndpointFiles>,
}

/// The files endpoint resolution needs, as text.
#[derive(Debug, Clone)]
pub struct EndpointFiles {
    /// `endpoint-rule-set-1.json`.
    pub rule_set: String,
    /// `partitions.json`.
    pub partitions: String,
    /// `paginators-1.json`, if the service has one.
    pub paginators: Option<String>,
    /// `waiters-2.json`, if the service has one.
    pub waiters: Option<String>,
    /// The operation the client's docs show in their example (the
    /// `example` of `model/services.json`); `None`: no example.
    pub example: Option<String>,
}

impl Generator {
    /// A generator for the model at `model_path` with default settings.
    pub fn new(model_path: impl AsRef<Path>) -> Self {
        Generator {
            model_path: model_path.as_ref().to_path_buf(),
            settings: Settings {
                crate_name: "cloudfront-sdk".to_string(),
                runtime_path: "../runtime".to_string(),
                operations: None,
                command: "cargo run -p restxml-codegen".to_string(),
                endpoints: None,
            },
            example: None,
        }
    }

    /// The operation the client's docs show in their example (a compiled
    /// doctest): its fluent call, with `If-Match` from the matching `Get`
    /// call when it has one.
    pub fn example(mut self, operation: Option<String>) -> Self {
        self.example = operation;
        self
    }

    /// The generated package's name.
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.settings.crate_name = name.into();
        self
    }

    /// Path from the generated crate's directory to the runtime crate.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.settings.runtime_path = path.into();
        self
    }

    /// Generates only these operations (and the shapes they reach).
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.settings.operations = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// The command recorded in every generated file's header.
    pub fn command(mut self, command: impl Into<String>) -> Self {
        self.settings.command = command.into();
        self
    }

    /// Runs the pipeline and returns the files, without writing them.
    ///
    /// A `service-2.sdk-extras.json` beside the model (S3 has one) is
    /// merged into it first, as botocore's loader merges it: its `merge`
    /// object is laid over the model key by key, objects merging
    /// recursively and anything else replacing what the model has.
    pub fn generate(&self) -> Result<GeneratedCrate, Error> {
        let model = extras::load_model(&self.model_path)?;
        let mut settings = self.settings.clone();
        if settings.endpoints.is_none() {
            // The rule set, paginators and waiters sit beside the model;
            // `partitions.json` beside it or in a folder above
            // (`model/<service>/<api-version>/` and `model/partitions.json`,
            // as `scripts/refresh_model.py` lays them out).
            let dir = self.model_path.parent().unwrap_or(Path::new("."));
            let read = |path: &Path| std::fs::read_to_string(path).ok();
            let partitions = dir.ancestors().take(3).find_map(|d| read(&d.join("partitions.json")));
            if let (Some(rule_set), Some(partitions)) = (read(&dir.join("endpoint-rule-set-1.json")), partitions) {
                settings.endpoints = Some(EndpointFiles {
                    rule_set,
                    partitions,
                    paginators: read(&dir.join("paginators-1.json")),
                    waiters: read(&dir.join("waiters-2.json")),
                    example: self.example.clone(),
                });
            }
        }
        generate_from_model(&model, &settings)
    }
}

/// Runs the pipeline on an already loaded model.
pub fn generate_from_model(model: &model::ServiceModel, settings: &Settings) -> Result<GeneratedCrate, Error> {
    let mut service = ir::Service::resolve(model, settings.operations.as_ref())?;
    customizations::apply(&mut service);
    layout::lay_out(&service, settings)
}

/// Generates the service as modules to embed in a larger crate (no
/// `Cargo.toml`, no cargo features): `types`, `error` and `operation`
/// modules whose paths start at `root_path` (for example
/// `crate::protocol::case_1`). The protocol test harness uses this to put
/// many small models in one test crate.
pub fn generate_modules(model: &model::ServiceModel, root_path: &str) -> Result<proc_macro2::TokenStream, Error> {
    let mut service = ir::Service::resolve(model, None)?;
    customizations::apply(&mut service);
    service.root_path = root_path.to_string();
    layout::lay_out_modules(&service)
}
