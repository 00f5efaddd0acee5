//! `restxml-codegen`: regenerate a crate from a botocore rest-xml model.
//!
//! ```text
//! restxml-codegen [--model PATH] [--out DIR] [--crate-name NAME]
//!                 [--runtime-path PATH] [--operations A,B,...] [--check]
//! ```
//!
//! Run from the workspace root, the defaults regenerate `generated/` from
//! `model/service-2.json`. `--check` writes nothing and fails if the
//! directory differs from what would be generated.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: restxml-codegen [--model PATH] [--out DIR] [--crate-name NAME] [--runtime-path PATH] [--operations A,B,...] [--check]";

struct Args {
    model: PathBuf,
    out: PathBuf,
    crate_name: String,
    runtime_path: String,
    operations: Option<Vec<String>>,
    check: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        model: PathBuf::from("model/service-2.json"),
        out: PathBuf::from("generated"),
        crate_name: "cloudfront-sdk".to_string(),
        runtime_path: "../runtime".to_string(),
        operations: None,
        check: false,
    };
    let mut iter = std::env::args().skip(1);
    while let Some(arg) = iter.next() {
        let mut value = |name: &str| iter.next().ok_or_else(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--model" => args.model = PathBuf::from(value("--model")?),
            "--out" => args.out = PathBuf::from(value("--out")?),
            "--crate-name" => args.crate_name = value("--crate-name")?,
            "--runtime-path" => args.runtime_path = value("--runtime-path")?,
            "--operations" => {
                args.operations = Some(
                    value("--operations")?.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect(),
                );
            }
            "--check" => args.check = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let started = std::time::Instant::now();
    let mut generator =
        restxml_codegen::Generator::new(&args.model).crate_name(&args.crate_name).runtime_path(&args.runtime_path);
    if let Some(operations) = &args.operations {
        generator = generator
            .operations(operations.iter().cloned())
            .command(format!("cargo run -p restxml-codegen -- --operations {}", operations.join(",")));
    }
    let generated = match generator.generate() {
        Ok(generated) => generated,
        Err(err) => {
            eprintln!("error: {err}");
            return ExitCode::FAILURE;
        }
    };
    if args.check {
        let differing = generated.diff(&args.out);
        if differing.is_empty() {
            println!("{} is up to date ({} files)", args.out.display(), generated.files.len());
            return ExitCode::SUCCESS;
        }
        eprintln!("{} differs from what the model generates:", args.out.display());
        for path in differing {
            eprintln!("  {}", path.display());
        }
        eprintln!("regenerate with: cargo run -p restxml-codegen");
        return ExitCode::FAILURE;
    }
    if let Err(err) = generated.write_to(&args.out) {
        eprintln!("error: {err}");
        return ExitCode::FAILURE;
    }
    println!("generated {} files into {} in {:.2?}", generated.files.len(), args.out.display(), started.elapsed());
    ExitCode::SUCCESS
}
