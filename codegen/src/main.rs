//! `restxml-codegen`: regenerate the workspace's service crates from
//! botocore rest-xml models.
//!
//! ```text
//! restxml-codegen [--service NAME]... [--check]
//! restxml-codegen --model PATH --out DIR --crate-name NAME
//!                 [--runtime-path PATH] [--operations A,B,...] [--check]
//! restxml-codegen diff OLD NEW [--format markdown|json] [--service NAME]...
//! ```
//!
//! Run from the workspace root, the first form regenerates every service
//! listed in `model/services.json` (its model in
//! `model/<service>/<api-version>/`, its crates in `generated/<service>/`);
//! `--service` limits it to the services named. The second form generates
//! one model anywhere (another botocore service, a scratch copy).
//! `--check` writes nothing and fails if a directory differs from what
//! would be generated. `diff` prints the model-update report of two model
//! folders (see `restxml_codegen::diff`).

use std::path::PathBuf;
use std::process::ExitCode;

use restxml_codegen::services::{ServiceEntry, ServiceList};

const USAGE: &str = "\
usage: restxml-codegen [--service NAME]... [--check]
       restxml-codegen --model PATH --out DIR --crate-name NAME [--runtime-path PATH] [--operations A,B,...] [--check]
       restxml-codegen diff OLD NEW [--format markdown|json] [--service NAME]...

Run from the workspace root. The first form regenerates the services
listed in model/services.json (model files in model/<service>/<api-version>/,
crates written to generated/<service>/, customizations in
codegen/src/customizations/); --service limits it to the named ones. The
second form generates one model into any directory, --operations limiting
it to those operations and the shapes they reach. --check writes nothing
and fails if the output differs from what the model generates today (and,
for all services, if generated/ holds a folder no listed service owns).

diff prints what changed between two model folders (each laid out like
model/, <service>/<api-version>/service-2.json and the paginators, waiters
and endpoint rule set beside it, or one <service>/<api-version>/ folder):
operations, shapes, members, required-ness, types, locations, wire names,
enum values, errors, paginators, waiters, endpoint parameters and
documentation, each classified as breaking, additive or documentation, and
the semver bump each generated crate needs. --format markdown (default,
for a pull request) or json (for tools); --service limits it.";

/// One crate to generate.
struct Job {
    /// The listed service, in the workspace form.
    service: Option<String>,
    model: PathBuf,
    out: PathBuf,
    crate_name: String,
    runtime_path: String,
    command: String,
    /// The operation the client docs' example shows.
    example: Option<String>,
}

struct Args {
    jobs: Vec<Job>,
    operations: Option<Vec<String>>,
    check: bool,
}

/// The arguments, or `None` for `--help`.
fn parse_args() -> Result<Option<Args>, String> {
    let mut services: Vec<String> = Vec::new();
    let (mut model, mut out, mut crate_name, mut runtime_path) = (None, None, None, None);
    let mut operations = None;
    let mut check = false;
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--service" => services.push(value("--service")?),
            "--model" => model = Some(PathBuf::from(value("--model")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--crate-name" => crate_name = Some(value("--crate-name")?),
            "--runtime-path" => runtime_path = Some(value("--runtime-path")?),
            "--operations" => {
                operations = Some(
                    value("--operations")?
                        .split(',')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>(),
                );
            }
            "--check" => check = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let jobs = match model {
        Some(model) => {
            if !services.is_empty() {
                return Err(format!("--model and --service do not go together\n{USAGE}"));
            }
            let (Some(out), Some(crate_name)) = (out, crate_name) else {
                return Err(format!("--model needs --out and --crate-name\n{USAGE}"));
            };
            vec![Job {
                service: None,
                model,
                out,
                crate_name,
                runtime_path: runtime_path.unwrap_or_else(|| "../runtime".to_string()),
                command: "restxml-codegen --model ...".to_string(),
                example: None,
            }]
        }
        None => {
            if out.is_some() || crate_name.is_some() || runtime_path.is_some() || operations.is_some() {
                return Err(format!("--out, --crate-name, --runtime-path and --operations go with --model\n{USAGE}"));
            }
            let list = ServiceList::load(ServiceList::PATH.as_ref()).map_err(|e| format!("error: {e}"))?;
            let selected = list.select(&services).map_err(|e| format!("error: {e}"))?;
            if check && services.is_empty() {
                stale_crates(&list)?;
            }
            selected.into_iter().map(workspace_job).collect()
        }
    };
    Ok(Some(Args { jobs, operations, check }))
}

/// Folders of `generated/` that no listed service owns (a service taken
/// out of the list leaves one, and the workspace would still build it).
fn stale_crates(list: &ServiceList) -> Result<(), String> {
    let Ok(entries) = std::fs::read_dir("generated") else { return Ok(()) };
    let owned: Vec<PathBuf> = list.services.iter().map(ServiceEntry::generated_dir).collect();
    let stale: Vec<String> = entries
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.is_dir() && !owned.contains(path))
        .map(|path| path.display().to_string())
        .collect();
    if stale.is_empty() {
        return Ok(());
    }
    Err(format!("error: {} not generated from any service in {}; remove it", stale.join(", "), ServiceList::PATH))
}

fn workspace_job(entry: &ServiceEntry) -> Job {
    Job {
        service: Some(entry.service.clone()),
        model: entry.model_dir().join("service-2.json"),
        out: entry.generated_dir(),
        crate_name: entry.crate_name.clone(),
        runtime_path: "../../runtime".to_string(),
        command: format!("cargo run -p restxml-codegen -- --service {}", entry.service),
        example: entry.example.clone(),
    }
}

/// `restxml-codegen diff OLD NEW [--format markdown|json] [--service NAME]...`.
fn run_diff(mut args: impl Iterator<Item = String>) -> ExitCode {
    let mut folders = Vec::new();
    let mut services = Vec::new();
    let mut json = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--format" => match args.next().as_deref() {
                Some("markdown") => json = false,
                Some("json") => json = true,
                other => {
                    let other = other.unwrap_or("nothing");
                    eprintln!("--format takes markdown or json, not {other:?}\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--service" => match args.next() {
                Some(service) => services.push(service),
                None => {
                    eprintln!("--service needs a value\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other if other.starts_with("--") => {
                eprintln!("unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
            _ => folders.push(PathBuf::from(arg)),
        }
    }
    let [old, new] = folders.as_slice() else {
        eprintln!("diff needs two model folders, OLD and NEW\n{USAGE}");
        return ExitCode::from(2);
    };
    match restxml_codegen::diff::diff_dirs(old, new, &services) {
        Ok(report) => {
            use std::io::Write as _;
            let text = if json { report.to_json() } else { report.to_markdown() };
            // A closed pipe (`| head`) is not an error worth a panic.
            match std::io::stdout().lock().write_all(text.as_bytes()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(err) => {
                    eprintln!("error: writing the report: {err}");
                    ExitCode::FAILURE
                }
            }
        }
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    let mut raw = std::env::args().skip(1).peekable();
    if raw.peek().map(String::as_str) == Some("diff") {
        raw.next();
        return run_diff(raw);
    }
    let args = match parse_args() {
        Ok(Some(args)) => args,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    for job in &args.jobs {
        if let Err(message) = run(job, &args) {
            eprintln!("{message}");
            failed = true;
        }
    }
    if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

fn run(job: &Job, args: &Args) -> Result<(), String> {
    let started = std::time::Instant::now();
    let mut generator = restxml_codegen::Generator::new(&job.model)
        .crate_name(&job.crate_name)
        .runtime_path(&job.runtime_path)
        .command(&job.command)
        .example(job.example.clone());
    if let Some(operations) = &args.operations {
        generator = generator.operations(operations.iter().cloned()).command(format!(
            "{} --operations {}",
            job.command,
            operations.join(",")
        ));
    }
    let generated = generator.generate().map_err(|err| match &job.service {
        Some(service) => {
            format!("error: {service}: {err} (model files are written by `python3 scripts/refresh_model.py`)")
        }
        None => format!("error: {err}"),
    })?;
    if args.check {
        let differing = generated.diff(&job.out);
        if differing.is_empty() {
            println!("{} is up to date ({} files)", job.out.display(), generated.files.len());
            return Ok(());
        }
        let mut message = format!("{} differs from what the model generates:\n", job.out.display());
        for path in differing {
            message.push_str(&format!("  {}\n", path.display()));
        }
        message.push_str(&format!("regenerate with: {}", job.command));
        return Err(message);
    }
    generated.write_to(&job.out).map_err(|err| format!("error: {err}"))?;
    println!("generated {} files into {} in {:.2?}", generated.files.len(), job.out.display(), started.elapsed());
    Ok(())
}
