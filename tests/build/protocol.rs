//! Turns the AWS rest-xml protocol suites (`model/protocol-tests/`, from botocore's source distribution)
//! into Rust: each case's own small model goes through the generator as
//! embedded modules, and each case becomes a function that builds the
//! input (or the expected output) as a Rust value and checks the wire
//! form. Values are written as Rust expressions rather than read from JSON,
//! so NaN, blobs and timestamps need no JSON convention.

use std::fmt::Write as _;
use std::path::Path;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use restxml_codegen::emit::{ident, type_path};
use restxml_codegen::ir::{Home, Service, ShapeKind, TypeRef, names};
use serde_json::Value;

/// A set of suites in the protocol-test format: a name (`rest-xml`), the
/// folder with its `input.json` and `output.json`, and the command that
/// recreates them.
pub struct SuiteSet<'a> {
    pub name: &'a str,
    pub dir: &'a Path,
    pub recreated_by: &'a str,
}

/// Writes `$OUT_DIR/protocol_cases.rs`: every case of every set, each test
/// named `<suite>/<case id>` where the suite is `input`/`output` for
/// `rest-xml` and `<set>-input`/`<set>-output` for the others.
pub fn generate(sets: &[SuiteSet<'_>], out: &Path) {
    let mut modules = Vec::new();
    let mut table = String::from("const CASES: &[Case] = &[\n");
    let mut functions = Vec::new();
    for (set_index, set) in sets.iter().enumerate() {
        for (kind, file) in [("input", "input.json"), ("output", "output.json")] {
            let path = set.dir.join(file);
            println!("cargo:rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).unwrap_or_else(|err| {
                crate::fail(&format!(
                    "cannot read the protocol suite {} ({err}); recreate it with `{}`",
                    path.display(),
                    set.recreated_by
                ))
            });
            let suites: Vec<Value> = serde_json::from_str(&text)
                .unwrap_or_else(|err| crate::fail(&format!("{}: not a protocol suite: {err}", path.display())));
            let suite_name = if set.name == "rest-xml" { kind.to_string() } else { format!("{}-{kind}", set.name) };
            let mut n: usize = 0;
            for suite in &suites {
                for case in suite["cases"].as_array().unwrap() {
                    let module = format_ident!("s{}_{}_{}", set_index, if kind == "input" { "in" } else { "out" }, n);
                    let run = format_ident!("run_{}", module);
                    n += 1;
                    let id = case["id"].as_str().unwrap_or("unnamed");
                    let description = case["description"].as_str().unwrap_or("");
                    writeln!(
                    table,
                    "    Case {{ set: {:?}, suite: {suite_name:?}, id: {id:?}, description: {description:?}, run: {run} }},",
                    set.name
                )
                .unwrap();
                    let body = match case_code(kind, suite, case, &module) {
                        Ok((code, body)) => {
                            modules.push(code);
                            body
                        }
                        Err(message) => quote! { Err(format!("not generated: {}", #message)) },
                    };
                    functions.push(quote! {
                        fn #run() -> Result<(), String> {
                            #body
                        }
                    });
                }
            }
        }
    }
    table.push_str("];\n");
    let tokens = quote! {
        /// The generated code of every case's model.
        pub mod cases {
            #(#modules)*
        }
        #(#functions)*
    };
    let file: syn::File = syn::parse2(tokens).expect("generated protocol code parses");
    let code = format!("{}\n{table}", prettyplease::unparse(&file));
    std::fs::write(out, code).unwrap();
}

/// The model of one case: the suite's shapes and the case's operation.
fn case_model(suite: &Value, case: &Value) -> Result<restxml_codegen::model::ServiceModel, String> {
    let given = &case["given"];
    let name = given["name"].as_str().ok_or("case without an operation name")?;
    let model = serde_json::json!({
        "metadata": suite["metadata"],
        "shapes": suite["shapes"],
        "operations": { name: given },
    });
    restxml_codegen::model::ServiceModel::from_json(&model.to_string(), "protocol case").map_err(|e| e.to_string())
}

fn case_code(
    kind: &str,
    suite: &Value,
    case: &Value,
    module: &proc_macro2::Ident,
) -> Result<(TokenStream, TokenStream), String> {
    let model = case_model(suite, case)?;
    let root = format!("crate::cases::{module}");
    let code = restxml_codegen::generate_modules(&model, &root).map_err(|e| e.to_string())?;
    let mut service = Service::resolve(&model, None).map_err(|e| e.to_string())?;
    service.root_path = root;
    let op = service.operations.values().next().ok_or("no operation")?;
    let op_module = ident(&op.snake);
    let op_path = quote! { crate::cases::#module::operation::#op_module };
    let body = if kind == "input" {
        let serialized = case["serialized"].to_string();
        let build = match &op.input {
            Some(input) => {
                let value = structure_value(&service, input, &case["params"])?;
                quote! {
                    let input = #value;
                    let request = #op_path::serialize_request(&input).map_err(|e| format!("refused: {e}"))?;
                }
            }
            None => quote! {
                let request = #op_path::serialize_request().map_err(|e| format!("refused: {e}"))?;
            },
        };
        quote! {
            #build
            check_request(&request, #serialized)
        }
    } else {
        let response = case["response"].to_string();
        let error_type = format_ident!("{}Error", names::type_name(&op.name));
        let parse = quote! {
            let response = response_from(#response)?;
            let result = #op_path::parse_response(&response);
        };
        if let Some(code) = case.get("errorCode").and_then(Value::as_str) {
            let message = case.get("errorMessage").and_then(Value::as_str);
            let message = match message {
                Some(m) => quote! { Some(#m) },
                None => quote! { None },
            };
            // The modeled error shape whose code this is.
            let shape = op
                .errors
                .iter()
                .filter_map(|e| service.shape(e))
                .find(|s| s.structure().and_then(|s| s.error.as_ref()).is_some_and(|e| e.code == code));
            let variant_check = match shape {
                Some(shape) => {
                    let variant = ident(&shape.rust_name);
                    let shape_type = type_path(&service, &shape.wire_name);
                    let expected = error_value(&service, &shape.wire_name, &case["error"])?;
                    quote! {
                        let #op_path::#error_type::#variant(actual) = error else {
                            return Err(format!("expected the {} variant, got {error:?}", stringify!(#variant)));
                        };
                        // Large error shapes are boxed in the enum.
                        let actual: &#shape_type = std::borrow::Borrow::borrow(&actual);
                        let mut expected = #expected;
                        expected.meta = actual.meta.clone();
                        same(actual, &expected)
                    }
                }
                None => quote! { Ok(()) },
            };
            quote! {
                #parse
                let error = match result {
                    Err(restxml_runtime::SdkError::Service(error)) => error,
                    other => return Err(format!("expected a service error, got {other:?}")),
                };
                check_error_meta(&error, #code, #message)?;
                #variant_check
            }
        } else {
            match &op.output {
                Some(output) => {
                    let expected = structure_value(&service, output, &case["result"])?;
                    quote! {
                        #parse
                        let actual = result.map_err(|e| format!("parse failed: {e}"))?;
                        let expected = #expected;
                        same(&actual, &expected)
                    }
                }
                None => quote! {
                    #parse
                    result.map(|_metadata| ()).map_err(|e| format!("parse failed: {e}"))
                },
            }
        }
    };
    Ok((quote! { pub mod #module { #code } }, body))
}

/// A structure built with its builder (members the case leaves out stay unset).
fn structure_value(service: &Service, shape_name: &str, value: &Value) -> Result<TokenStream, String> {
    let shape = service.shape(shape_name).ok_or_else(|| format!("no shape {shape_name}"))?;
    let path = type_path(service, shape_name);
    let ShapeKind::Structure(s) = &shape.kind else { return Err(format!("{shape_name} is not a structure")) };
    let object = match value {
        Value::Object(map) => map.clone(),
        Value::Null => Default::default(),
        other => return Err(format!("{shape_name}: expected an object, found {other}")),
    };
    if s.union {
        let Some((key, member_value)) = object.iter().find(|(_, v)| !v.is_null()) else {
            return Ok(quote! { #path::Unknown(String::new()) });
        };
        // `{"$unknown": "Name"}`: a member this model does not know, kept by
        // its element name (the fidelity suites' form of botocore's
        // `SDK_UNKNOWN_MEMBER`).
        if key == "$unknown" {
            let name = member_value.as_str().ok_or_else(|| format!("{shape_name}: $unknown takes a string"))?;
            return Ok(quote! { #path::Unknown(#name.to_string()) });
        }
        let member = s
            .members
            .iter()
            .find(|m| &m.wire_name == key)
            .ok_or_else(|| format!("{shape_name} has no member {key}"))?;
        let variant = ident(&names::type_name(&member.wire_name));
        let inner = value_expr(service, &member.ty, member_value)?;
        let inner = if member.boxed {
            quote! { Box::new(#inner) }
        } else {
            inner
        };
        return Ok(quote! { #path::#variant(#inner) });
    }
    let mut setters = Vec::new();
    for (key, member_value) in &object {
        if member_value.is_null() {
            continue;
        }
        let member = s
            .members
            .iter()
            .find(|m| &m.wire_name == key)
            .ok_or_else(|| format!("{shape_name} has no member {key}"))?;
        let setter = ident(&member.field);
        let value = value_expr(service, &member.ty, member_value)?;
        setters.push(quote! { .#setter(#value) });
    }
    Ok(quote! { #path::builder() #(#setters)* .build().map_err(|e| format!("expected value: {e}"))? })
}

/// A modeled error shape as a struct literal (error shapes have no builder).
fn error_value(service: &Service, shape_name: &str, value: &Value) -> Result<TokenStream, String> {
    let shape = service.shape(shape_name).ok_or_else(|| format!("no shape {shape_name}"))?;
    let path = type_path(service, shape_name);
    let s = shape.structure().ok_or("error shape is not a structure")?;
    let mut fields = Vec::new();
    for member in &s.members {
        let field = ident(&member.field);
        let value = match value.get(&member.wire_name) {
            Some(v) if !v.is_null() => {
                let inner = value_expr(service, &member.ty, v)?;
                let inner = if member.boxed {
                    quote! { Box::new(#inner) }
                } else {
                    inner
                };
                if member.required {
                    inner
                } else {
                    quote! { Some(#inner) }
                }
            }
            _ if member.required => return Err(format!("{shape_name}.{} is required but absent", member.wire_name)),
            _ => quote! { None },
        };
        fields.push(quote! { #field: #value, });
    }
    debug_assert!(shape.home == Home::Error);
    Ok(quote! { #path { #(#fields)* meta: Default::default() } })
}

fn float_expr(value: &Value, ty: TokenStream) -> Result<TokenStream, String> {
    match value {
        Value::String(s) if s == "NaN" => Ok(quote! { #ty::NAN }),
        Value::String(s) if s == "Infinity" => Ok(quote! { #ty::INFINITY }),
        Value::String(s) if s == "-Infinity" => Ok(quote! { #ty::NEG_INFINITY }),
        Value::Number(n) => {
            let f = n.as_f64().unwrap();
            let literal = if ty.to_string() == "f32" {
                proc_macro2::Literal::f32_suffixed(f.abs() as f32)
            } else {
                proc_macro2::Literal::f64_suffixed(f.abs())
            };
            Ok(if f < 0.0 {
                quote! { -#literal }
            } else {
                quote! { #literal }
            })
        }
        other => Err(format!("expected a float, found {other}")),
    }
}

/// A Rust expression of the member type `ty` for the botocore value `value`.
fn value_expr(service: &Service, ty: &TypeRef, value: &Value) -> Result<TokenStream, String> {
    Ok(match ty {
        // A `jsonvalue` member (a String of JSON text) takes any JSON in
        // params, as botocore does: its compact text (botocore's
        // `json.dumps(value, separators=(',', ':'))` for sorted keys).
        TypeRef::String if value.is_object() || value.is_array() => {
            let s = value.to_string();
            quote! { String::from(#s) }
        }
        TypeRef::String => {
            let s = value.as_str().ok_or_else(|| format!("expected a string, found {value}"))?;
            quote! { String::from(#s) }
        }
        TypeRef::Boolean => {
            let b = value.as_bool().ok_or_else(|| format!("expected a boolean, found {value}"))?;
            quote! { #b }
        }
        TypeRef::Integer => {
            let n = value.as_i64().ok_or_else(|| format!("expected an integer, found {value}"))? as i32;
            quote! { #n }
        }
        TypeRef::Long => {
            let n = value.as_i64().ok_or_else(|| format!("expected an integer, found {value}"))?;
            quote! { #n }
        }
        TypeRef::Float => float_expr(value, quote! { f32 })?,
        TypeRef::Double => float_expr(value, quote! { f64 })?,
        TypeRef::Blob => {
            let s = value.as_str().ok_or_else(|| format!("expected blob text, found {value}"))?;
            let bytes = proc_macro2::Literal::byte_string(s.as_bytes());
            quote! { restxml_runtime::Blob::new(#bytes.to_vec()) }
        }
        TypeRef::Stream => {
            let s = value.as_str().ok_or_else(|| format!("expected body text, found {value}"))?;
            let bytes = proc_macro2::Literal::byte_string(s.as_bytes());
            quote! { restxml_runtime::ByteStream::from(#bytes.to_vec()) }
        }
        TypeRef::Timestamp(_) => {
            // From the decimal text, not through f64, so 56.123 stays 56.123.
            let text = match value {
                Value::Number(n) => n.to_string(),
                other => return Err(format!("expected epoch seconds, found {other}")),
            };
            let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
            let whole: i64 = whole.parse().map_err(|_| format!("bad timestamp {text}"))?;
            let nanos: u32 = if fraction.is_empty() { 0 } else { format!("{fraction:0<9}")[..9].parse().unwrap() };
            quote! { restxml_runtime::DateTime::from_secs_and_nanos(#whole, #nanos) }
        }
        TypeRef::Enum(name) => {
            let path = type_path(service, name);
            let s = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            quote! { #path::from(#s) }
        }
        TypeRef::Structure(name) => structure_value(service, name, value)?,
        TypeRef::List(list) => {
            let items = value.as_array().ok_or_else(|| format!("expected a list, found {value}"))?;
            let items = items.iter().map(|v| value_expr(service, &list.member, v)).collect::<Result<Vec<_>, _>>()?;
            quote! { vec![#(#items),*] }
        }
        TypeRef::Map(map) => {
            let entries = value.as_object().ok_or_else(|| format!("expected a map, found {value}"))?;
            let mut pairs = Vec::new();
            for (k, v) in entries {
                let key = value_expr(service, &map.key, &Value::String(k.clone()))?;
                let value = value_expr(service, &map.value, v)?;
                pairs.push(quote! { (#key, #value) });
            }
            quote! { restxml_runtime::IndexMap::from([#(#pairs),*]) }
        }
    })
}
