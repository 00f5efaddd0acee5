//! Snapshots of the emitted code for UpdateStreamingDistribution: its data
//! types (definition, builder, XML writer and reader), an enum, an error
//! shape and the operation module. A model or generator change shows up
//! here as a diff to review with `cargo insta review`.

use integration_tests::model_path;

fn generated_file(path: &str) -> String {
    let krate = restxml_codegen::Generator::new(model_path("cloudfront", "service-2.json"))
        .operations(["UpdateStreamingDistribution"])
        .command("cargo run -p restxml-codegen")
        .generate()
        .expect("the model generates");
    krate.files.get(std::path::Path::new(path)).unwrap_or_else(|| panic!("no file {path}")).clone()
}

#[test]
fn streaming_distribution_config_type_writer_and_reader() {
    insta::assert_snapshot!(generated_file("types/src/types/streaming_distribution_config.rs"));
}

#[test]
fn streaming_distribution_reader() {
    insta::assert_snapshot!(generated_file("types/src/types/streaming_distribution.rs"));
}

#[test]
fn price_class_enum() {
    insta::assert_snapshot!(generated_file("types/src/types/price_class.rs"));
}

#[test]
fn no_such_streaming_distribution_error() {
    insta::assert_snapshot!(generated_file("types/src/error/no_such_streaming_distribution.rs"));
}

#[test]
fn update_streaming_distribution_operation() {
    insta::assert_snapshot!(generated_file("src/operation/update_streaming_distribution.rs"));
}

#[test]
fn update_streaming_distribution_fluent_builder() {
    insta::assert_snapshot!(generated_file("src/fluent/update_streaming_distribution.rs"));
}

#[test]
fn service_error_type() {
    let krate = restxml_codegen::Generator::new(model_path("cloudfront", "service-2.json"))
        .operations(["UpdateStreamingDistribution", "GetStreamingDistribution"])
        .generate()
        .unwrap();
    let file = krate.files.iter().find(|(path, _)| path.ends_with("src/service_error.rs")).unwrap().1;
    insta::assert_snapshot!(file);
}

#[test]
fn selection_generates_only_what_the_operation_reaches() {
    let krate = restxml_codegen::Generator::new(model_path("cloudfront", "service-2.json"))
        .operations(["UpdateStreamingDistribution"])
        .generate()
        .unwrap();
    let files: Vec<String> = krate.files.keys().map(|p| p.display().to_string()).collect();
    insta::assert_debug_snapshot!(files);
}
