//! Writes tables the tests iterate over, taken from the generator's own
//! resolved model so nothing is forgotten: `round_trip_shapes.rs` (every
//! data type both written and read), and `operations.rs`,
//! `route53_operations.rs` and `s3_operations.rs` (every CloudFront,
//! Route 53 and S3 operation's serializer and parser).

use std::fmt::Write as _;

#[path = "build/protocol.rs"]
mod protocol;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let services = root.join(restxml_codegen::services::ServiceList::PATH);
    println!("cargo:rerun-if-changed={}", services.display());
    let list = restxml_codegen::services::ServiceList::load(&services).unwrap_or_else(|e| fail(&e.to_string()));
    let service = resolve(&root, &list, "cloudfront");
    let mut table = String::from("/// (shape name, round-trip check) for every written and read data type.\n");
    table.push_str("const ROUND_TRIP_SHAPES: &[(&str, RoundTripCheck)] = &[\n");
    for shape in service.shapes.values() {
        let data = shape.home == restxml_codegen::ir::Home::Types;
        if shape.written && shape.read && data && shape.structure().is_some() {
            writeln!(table, "    ({:?}, round_trip::<cloudfront_sdk::types::{}>),", shape.wire_name, shape.rust_name)
                .unwrap();
        }
    }
    table.push_str("];\n");
    write_out("round_trip_shapes.rs", &table);

    write_out("operations.rs", &operations_table(&service, "OPERATIONS", "cloudfront_sdk"));
    let route53 = resolve(&root, &list, "route53");
    write_out("route53_operations.rs", &operations_table(&route53, "ROUTE53_OPERATIONS", "route53_sdk"));
    // S3 with its customizations applied, as its crate is generated: they
    // say which listings decode URL-encoded keys.
    let mut s3 = resolve(&root, &list, "s3");
    restxml_codegen::customizations::apply(&mut s3);
    let mut s3_table = operations_table(&s3, "S3_OPERATIONS", "s3_sdk");
    s3_table.push_str(&url_encoded_listings_table(&s3, "S3_URL_ENCODED_LISTINGS", "s3_sdk"));
    write_out("s3_operations.rs", &s3_table);

    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("protocol_cases.rs");
    let rest_xml = root.join("model/protocol-tests/rest-xml");
    let fidelity = root.join("tests/data/fidelity");
    protocol::generate(
        &[
            protocol::SuiteSet { name: "rest-xml", dir: &rest_xml, recreated_by: "python3 scripts/refresh_model.py" },
            protocol::SuiteSet {
                name: "fidelity",
                dir: &fidelity,
                recreated_by: "python3 scripts/botocore_fidelity.py",
            },
        ],
        &out,
    );
}

/// A service of `model/services.json`, resolved from its vendored model.
fn resolve(
    root: &std::path::Path,
    list: &restxml_codegen::services::ServiceList,
    name: &str,
) -> restxml_codegen::ir::Service {
    let entry = list.select(&[name.to_string()]).unwrap_or_else(|e| fail(&e.to_string()))[0];
    let model_path = root.join(entry.model_dir()).join("service-2.json");
    println!("cargo:rerun-if-changed={}", model_path.display());
    let model = restxml_codegen::model::ServiceModel::load(&model_path).unwrap_or_else(|e| fail(&e.to_string()));
    restxml_codegen::ir::Service::resolve(&model, None).unwrap_or_else(|e| fail(&e.to_string()))
}

/// `const <name>`: every operation's serializer and parser in `krate`, by
/// operation name, behind uniform signatures the wire-compatibility tests
/// can call (they define `RequestCheck`, `ResponseCheck`, `check_request`
/// and `to_json`; for a service with streaming payloads also
/// `check_streaming_request` and `streaming_response`).
fn operations_table(service: &restxml_codegen::ir::Service, name: &str, krate: &str) -> String {
    let mut table = String::from("/// (operation, request check, response check) for every operation.\n");
    writeln!(table, "const {name}: &[(&str, RequestCheck, ResponseCheck)] = &[").unwrap();
    for op in service.operations.values() {
        let module = format!("{krate}::operation::{}", op.snake);
        // A streaming payload (S3's PutObject body, GetObject's) is a
        // `ByteStream`: the request's body is collected (it is in memory),
        // the response is handed over as one.
        let request = if streaming_payload(service, op.input.as_deref()) {
            format!("|params| check_streaming_request(params, {module}::serialize_request)")
        } else if op.input.is_some() {
            format!("|params| check_request(params, {module}::serialize_request)")
        } else {
            format!("|_| {module}::serialize_request().map_err(|e| e.to_string())")
        };
        // An operation without output returns only the response's metadata
        // (request ids), which is not part of the output botocore compares.
        let response = if streaming_payload(service, op.output.as_deref()) {
            format!("|response| to_json({module}::parse_response(streaming_response(response)))")
        } else if op.output.is_some() {
            format!("|response| to_json({module}::parse_response(response))")
        } else {
            format!("|response| to_json({module}::parse_response(response).map(|_metadata| ()))")
        };
        writeln!(table, "    ({:?}, {request}, {response}),", op.name).unwrap();
    }
    table.push_str("];\n");
    table
}

/// Whether the structure `shape` has a streaming payload member.
fn streaming_payload(service: &restxml_codegen::ir::Service, shape: Option<&str>) -> bool {
    use restxml_codegen::ir::{Location, TypeRef};
    shape.and_then(|name| service.shapes.get(name)?.structure()).is_some_and(|structure| {
        structure.members.iter().any(|m| m.location == Location::Payload && m.ty == TypeRef::Stream)
    })
}

/// `const <name>`: for each listing whose keys the crate asks for
/// URL-encoded (S3's ListObjects, ListObjectsV2, ListObjectVersions), the
/// parser followed by `decode_url_encoded_keys`, as the crate's `send`
/// runs them when the caller did not choose an encoding.
fn url_encoded_listings_table(service: &restxml_codegen::ir::Service, name: &str, krate: &str) -> String {
    let mut table = String::from("/// (operation, response check decoding the keys) for every URL-encoded listing.\n");
    writeln!(table, "const {name}: &[(&str, ResponseCheck)] = &[").unwrap();
    for op in service.operations.values().filter(|op| op.url_encoded_keys.is_some()) {
        let module = format!("{krate}::operation::{}", op.snake);
        writeln!(
            table,
            "    ({:?}, |response| to_json({module}::parse_response(response).map(|mut output| {{ \
             {module}::decode_url_encoded_keys(&mut output); output }}))),",
            op.name
        )
        .unwrap();
    }
    table.push_str("];\n");
    table
}

/// Stops the build with a message (a missing or malformed data file names
/// its path and the command that recreates it).
fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    eprintln!("model/ is written by `python3 scripts/refresh_model.py`");
    std::process::exit(1)
}

fn write_out(name: &str, contents: &str) {
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join(name);
    std::fs::write(out, contents).unwrap();
}
