//! The services the workspace generates: `model/services.json`.
//!
//! ```json
//! { "services": [ { "service": "route53", "api_version": "<date>", "crate": "route53-sdk" } ] }
//! ```
//!
//! `service` is botocore's data folder name (`botocore/data/<service>/`);
//! the model files live in `model/<service>/<api_version>/` and the crates
//! are written to `generated/<service>/` (operations) and
//! `generated/<service>/types/` (`<crate>-types`). `scripts/refresh_model.py`
//! reads the same list and updates `api_version` when botocore moves on.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::Error;

/// The list in `model/services.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceList {
    /// The services, in the order they are generated.
    pub services: Vec<ServiceEntry>,
}

/// One service the workspace vendors and generates.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceEntry {
    /// botocore's name for the service's data folder (`route53`).
    pub service: String,
    /// The API version whose model is vendored (botocore's folder name, a
    /// date); it changes
    /// only through `scripts/refresh_model.py`.
    pub api_version: String,
    /// The generated operations crate's package name (`route53-sdk`); the
    /// types crate is this plus `-types`.
    #[serde(rename = "crate")]
    pub crate_name: String,
    /// The operation the generated client's docs show in their example.
    #[serde(default)]
    pub example: Option<String>,
}

impl ServiceList {
    /// Where the list lives, relative to the workspace root.
    pub const PATH: &'static str = "model/services.json";

    /// Reads the list; a malformed file is an error naming the JSON path.
    pub fn load(path: &Path) -> Result<Self, Error> {
        let text = std::fs::read_to_string(path).map_err(|err| Error::Io {
            path: path.display().to_string(),
            message: format!("{err} (the list of services the workspace generates)"),
        })?;
        let deserializer = &mut serde_json::Deserializer::from_str(&text);
        let list: ServiceList = serde_path_to_error::deserialize(deserializer).map_err(|err| Error::Model {
            source_name: path.display().to_string(),
            path: err.path().to_string(),
            message: err.inner().to_string(),
        })?;
        let invalid = |path_in_file: String, message: String| Error::Model {
            source_name: path.display().to_string(),
            path: path_in_file,
            message,
        };
        if list.services.is_empty() {
            return Err(invalid("services".into(), "lists no service".into()));
        }
        for (index, entry) in list.services.iter().enumerate() {
            let earlier = &list.services[..index];
            if earlier.iter().any(|e| e.service == entry.service) {
                return Err(invalid(
                    format!("services[{index}].service"),
                    format!("{:?} is listed twice", entry.service),
                ));
            }
            if earlier.iter().any(|e| e.crate_name == entry.crate_name) {
                return Err(invalid(
                    format!("services[{index}].crate"),
                    format!("{:?} is listed twice", entry.crate_name),
                ));
            }
            let valid = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            for (field, value) in
                [("service", &entry.service), ("api_version", &entry.api_version), ("crate", &entry.crate_name)]
            {
                if !valid(value) {
                    return Err(invalid(
                        format!("services[{index}].{field}"),
                        format!("{value:?} is not a plain name (letters, digits, '-', '_')"),
                    ));
                }
            }
        }
        Ok(list)
    }

    /// The entries named in `names` (all when empty); an unknown name is an
    /// error listing the known ones.
    pub fn select(&self, names: &[String]) -> Result<Vec<&ServiceEntry>, Error> {
        if names.is_empty() {
            return Ok(self.services.iter().collect());
        }
        names
            .iter()
            .map(|name| {
                self.services.iter().find(|e| &e.service == name).ok_or_else(|| Error::Invalid {
                    path: Self::PATH.to_string(),
                    message: format!(
                        "no service {name:?}; listed: {}",
                        self.services.iter().map(|e| e.service.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                })
            })
            .collect()
    }
}

impl ServiceEntry {
    /// `model/<service>/<api_version>`, relative to the workspace root.
    pub fn model_dir(&self) -> PathBuf {
        Path::new("model").join(&self.service).join(&self.api_version)
    }

    /// `generated/<service>`, relative to the workspace root.
    pub fn generated_dir(&self) -> PathBuf {
        Path::new("generated").join(&self.service)
    }
}
