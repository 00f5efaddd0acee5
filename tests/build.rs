//! Writes `$OUT_DIR/round_trip_shapes.rs`: every CloudFront data type that
//! is both written and read, as a table of round-trip checks, taken from
//! the generator's own resolved model so no type is forgotten.

use std::fmt::Write as _;

fn main() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let model_path = root.join("model/service-2.json");
    println!("cargo:rerun-if-changed={}", model_path.display());
    let model = restxml_codegen::model::ServiceModel::load(&model_path).expect("model loads");
    let service = restxml_codegen::ir::Service::resolve(&model, None).expect("model resolves");
    let mut table = String::from("/// (shape name, round-trip check) for every written and read data type.\n");
    table.push_str("pub const ROUND_TRIP_SHAPES: &[(&str, fn(serde_json::Value) -> Result<(), String>)] = &[\n");
    for shape in service.shapes.values() {
        let data = shape.home == restxml_codegen::ir::Home::Types;
        if shape.written && shape.read && data && shape.structure().is_some() {
            writeln!(table, "    ({:?}, round_trip::<cloudfront_sdk::types::{}>),", shape.wire_name, shape.rust_name)
                .unwrap();
        }
    }
    table.push_str("];\n");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("round_trip_shapes.rs");
    std::fs::write(out, table).unwrap();
}
