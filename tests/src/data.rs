//! Committed data files the tests read: model files found through
//! `model/services.json` (so no test names the folder of an API version),
//! and a missing file is an error naming its path and the command that
//! recreates it.

use std::path::PathBuf;

use crate::workspace_root;

/// The commands that write each file or folder of committed data.
const RECREATED_BY: &[(&str, &str)] = &[
    ("tests/data/fixtures/", "python3 scripts/make_fixtures.py"),
    ("tests/data/operations.json", "python3 scripts/botocore_operations.py"),
    ("tests/data/route53_operations.json", "python3 scripts/botocore_operations.py"),
    ("tests/data/update_streaming_distribution_requests.json", "python3 scripts/botocore_requests.py"),
    ("tests/data/sigv4.json", "python3 scripts/botocore_sigv4.py"),
    ("tests/data/fidelity/", "python3 scripts/botocore_fidelity.py"),
    ("model/", "python3 scripts/refresh_model.py"),
];

/// The command that recreates the committed file at `relative` (a path
/// from the workspace root).
pub fn recreated_by(relative: &str) -> &'static str {
    RECREATED_BY
        .iter()
        .find(|(prefix, _)| relative.starts_with(prefix))
        .map_or("git checkout -- <path>", |(_, command)| command)
}

/// Reads a committed file by its path from the workspace root.
///
/// # Panics
/// If the file cannot be read, naming the path and the command that
/// recreates it.
pub fn read_data(relative: &str) -> Vec<u8> {
    let path = workspace_root().join(relative);
    std::fs::read(&path).unwrap_or_else(|err| {
        panic!("cannot read {} ({err}); recreate it with `{}`", path.display(), recreated_by(relative))
    })
}

/// [`read_data`] as UTF-8 text.
pub fn read_data_string(relative: &str) -> String {
    String::from_utf8(read_data(relative)).unwrap_or_else(|err| panic!("{relative} is not UTF-8: {err}"))
}

/// `model/<service>/<api-version>/<file>` for a service listed in
/// `model/services.json`, relative to the workspace root.
pub fn model_file(service: &str, file: &str) -> String {
    let list = restxml_codegen::services::ServiceList::load(&workspace_root().join("model/services.json"))
        .unwrap_or_else(|err| panic!("{err}"));
    let entry = list.select(&[service.to_string()]).unwrap_or_else(|err| panic!("{err}"))[0];
    entry.model_dir().join(file).to_string_lossy().into_owned()
}

/// [`model_file`] as an absolute path.
pub fn model_path(service: &str, file: &str) -> PathBuf {
    workspace_root().join(model_file(service, file))
}
