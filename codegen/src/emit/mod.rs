//! Emitters: one per concern, each turning part of the IR into tokens.
//!
//! - [`types`]: structs, enums and builders;
//! - [`xml_ser`]: `WriteXml` impls (request bodies);
//! - [`xml_de`]: `ReadXml` impls (response bodies);
//! - [`errors`]: modeled error shapes and each operation's error enum;
//! - [`operation`]: request serializers and response parsers.
//!
//! Emitters only read the IR; which file an item lands in is
//! [`crate::layout`]'s business.

pub mod client;
pub mod endpoint;
pub mod errors;
pub mod fluent;
pub mod operation;
pub mod service_error;
pub mod types;
pub mod xml_de;
pub mod xml_ser;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{Home, Member, NamedShape, Service, TimestampFormat, TypeRef};

/// An identifier from a name that may be `r#`-escaped.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = ...]` attributes for Markdown text, one per line.
pub fn doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let line = if line.is_empty() { String::new() } else { format!(" {line}") };
        quote! { #[doc = #line] }
    });
    quote! { #(#lines)* }
}

/// Docs for a type: the model's, or a sentence naming the shape.
pub fn type_docs(shape: &NamedShape) -> TokenStream {
    if shape.docs.is_empty() {
        doc_attrs(&format!("The `{}` shape of the model (it has no documentation).", shape.wire_name))
    } else {
        doc_attrs(&shape.docs)
    }
}

/// Docs for a member: the model's, or a sentence naming the member; then
/// what a customization does to its value.
pub fn member_docs(member: &Member) -> TokenStream {
    let mut docs = if member.docs.is_empty() {
        format!("The `{}` member (the model has no documentation for it).", member.wire_name)
    } else {
        member.docs.clone()
    };
    if let Some(rewrite) = &member.rewrite {
        docs.push_str("\n\n");
        docs.push_str(&rewrite.doc);
    }
    if let Some(check) = &member.check {
        docs.push_str("\n\n");
        docs.push_str(&check.doc);
    }
    doc_attrs(&docs)
}

/// The path of a named shape's Rust type from anywhere in the crate.
pub fn type_path(service: &Service, shape_name: &str) -> TokenStream {
    let Some(shape) = service.shape(shape_name) else {
        // The resolver guarantees presence; an unknown name would be a
        // generator bug, which the compiler then reports at this path.
        let name = ident(&crate::ir::names::type_name(shape_name));
        return quote! { crate::types::#name };
    };
    let name = ident(&shape.rust_name);
    let root = root_path(service);
    match &shape.home {
        Home::Types => quote! { #root::types::#name },
        Home::Error => quote! { #root::error::#name },
        Home::Operation(op) => {
            let op = ident(op);
            quote! { #root::operation::#op::#name }
        }
    }
}

/// `Clone` written out rather than derived, for the same reason `Debug`
/// is (see `types.rs`): a written impl is `#[inline]` like every
/// generated function, so it is compiled only where a program clones.
/// `fields` are the struct's named fields, each with whether its type is
/// `Copy` (copied, not cloned).
pub fn clone_struct(name: &proc_macro2::Ident, fields: &[(proc_macro2::Ident, bool)]) -> TokenStream {
    let fields = fields.iter().map(|(field, copy)| {
        if *copy {
            quote! { #field: self.#field, }
        } else {
            quote! { #field: self.#field.clone(), }
        }
    });
    quote! {
        impl Clone for #name {
            fn clone(&self) -> Self {
                #name { #(#fields)* }
            }
        }
    }
}

/// Whether the Rust type of `ty` is `Copy` (numbers, booleans, timestamps).
pub fn is_copy(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Boolean | TypeRef::Integer | TypeRef::Long | TypeRef::Float | TypeRef::Double | TypeRef::Timestamp(_)
    )
}

/// `Clone` written out for an enum whose variants each hold one value;
/// each variant comes with its attributes (a `#[cfg]`, or nothing).
pub fn clone_enum(name: &proc_macro2::Ident, variants: &[(TokenStream, proc_macro2::Ident)]) -> TokenStream {
    let arms = variants
        .iter()
        .map(|(attrs, variant)| quote! { #attrs Self::#variant(value) => Self::#variant(value.clone()), });
    quote! {
        impl Clone for #name {
            fn clone(&self) -> Self {
                match self {
                    #(#arms)*
                }
            }
        }
    }
}

/// The members of the structure `shape` names (an operation's input or
/// output); none when there is no such structure.
pub fn members_of<'s>(service: &'s Service, shape: Option<&str>) -> Vec<&'s Member> {
    shape
        .and_then(|name| service.shape(name))
        .and_then(|shape| shape.structure())
        .map(|s| s.members.iter().collect())
        .unwrap_or_default()
}

/// The path of a structure's builder (`crate::operation::x::XInputBuilder`).
pub fn builder_path(service: &Service, shape_name: &str) -> TokenStream {
    let path = type_path(service, shape_name).to_string().replace(' ', "");
    rust_path(&format!("{path}Builder"))
}

/// The path the generated modules hang from (`crate`, or a module path).
pub fn root_path(service: &Service) -> TokenStream {
    rust_path(&service.root_path)
}

/// A Rust path (`restxml_runtime::error_body::error_metadata`) as tokens.
pub fn rust_path(path: &str) -> TokenStream {
    let segments = path.split("::").map(ident);
    quote! { #(#segments)::* }
}

/// For a `String` member marked `idempotencyToken` (and not required): an
/// expression of type `&String` for its value in `owner`, a fresh token
/// when the caller left it unset; `None` for any other member.
pub fn token_or_value(member: &Member, owner: &TokenStream) -> Option<TokenStream> {
    (member.idempotency_token && !member.required && member.ty == TypeRef::String).then(|| {
        let field = ident(&member.field);
        quote! { &#owner.#field.clone().unwrap_or_else(restxml_runtime::idempotency::token) }
    })
}

/// An expression of type `&str` for the value of a `String` member bound
/// to the local `value` (a `&String`), after the member's customization
/// rewrites it; `None` when no customization does.
pub fn rewritten(member: &Member) -> Option<TokenStream> {
    member.rewrite.as_ref().map(|rewrite| {
        let function = rust_path(&rewrite.function);
        // An owned result (`Cow<str>`, `String`) is borrowed; a `&str`
        // is used as it is.
        if rewrite.owned {
            quote! { &#function(value) }
        } else {
            quote! { #function(value) }
        }
    })
}

/// The Rust type of a `TypeRef` (without the `Option` for optional members).
pub fn rust_type(service: &Service, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::String => quote! { String },
        TypeRef::Boolean => quote! { bool },
        TypeRef::Integer => quote! { i32 },
        TypeRef::Long => quote! { i64 },
        TypeRef::Float => quote! { f32 },
        TypeRef::Double => quote! { f64 },
        TypeRef::Blob => quote! { restxml_runtime::Blob },
        TypeRef::Stream => quote! { restxml_runtime::ByteStream },
        TypeRef::Timestamp(_) => quote! { restxml_runtime::DateTime },
        TypeRef::Enum(name) | TypeRef::Structure(name) => type_path(service, name),
        TypeRef::List(list) => {
            let item = rust_type(service, &list.member);
            quote! { Vec<#item> }
        }
        TypeRef::Map(map) => {
            let key = rust_type(service, &map.key);
            let value = rust_type(service, &map.value);
            quote! { restxml_runtime::IndexMap<#key, #value> }
        }
    }
}

/// The type of a member's field: boxed if recursive, `Option` unless required.
pub fn field_type(service: &Service, member: &Member) -> TokenStream {
    let inner = rust_type(service, &member.ty);
    let inner = if member.boxed {
        quote! { Box<#inner> }
    } else {
        inner
    };
    if member.required {
        inner
    } else {
        quote! { Option<#inner> }
    }
}

/// The runtime's name for a timestamp format, given the location default.
pub fn timestamp_format(format: TimestampFormat, default: TimestampFormat) -> TokenStream {
    let format = if format == TimestampFormat::Default { default } else { format };
    match format {
        TimestampFormat::Default | TimestampFormat::Iso8601 => quote! { restxml_runtime::TimestampFormat::DateTime },
        TimestampFormat::Rfc822 => quote! { restxml_runtime::TimestampFormat::HttpDate },
        TimestampFormat::UnixTimestamp => quote! { restxml_runtime::TimestampFormat::EpochSeconds },
    }
}

/// The text serde's `rename_all = "PascalCase"` makes of a field name.
pub fn serde_pascal(field: &str) -> String {
    field
        .trim_start_matches("r#")
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `#[deprecated]` for a deprecated member.
pub fn deprecated_attr(member: &Member) -> TokenStream {
    match &member.deprecated {
        Some(message) if !message.is_empty() => quote! { #[deprecated(note = #message)] },
        Some(_) => quote! { #[deprecated] },
        None => quote! {},
    }
}

/// A start tag expression with the namespace declared on it, if any.
pub fn with_namespace(start: TokenStream, namespace: Option<&crate::model::XmlNamespace>) -> TokenStream {
    match namespace {
        Some(ns) => {
            let attr = ns.attribute_name();
            let uri = ns.uri();
            quote! { #start.with_attr(#attr, #uri)? }
        }
        None => start,
    }
}
