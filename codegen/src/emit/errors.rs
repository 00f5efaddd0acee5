//! Errors: the trait impls of modeled error shapes, and each operation's
//! error enum (its modeled errors plus `Unhandled`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, type_path};
use crate::ir::{Location, NamedShape, Operation, Service};

/// Trait impls that make a modeled error shape an error value.
pub fn emit_shape_impls(shape: &NamedShape) -> TokenStream {
    let name = ident(&shape.rust_name);
    // Members outside the body: headers, header prefixes and the status
    // code, filled from the response as an output's are (botocore's
    // `_parse_non_payload_attrs` reads them for errors and outputs alike).
    let outside_body: Vec<_> = shape
        .structure()
        .map(|s| {
            s.members
                .iter()
                .filter(|m| {
                    matches!(m.location, Location::Header(_) | Location::PrefixHeaders(_) | Location::StatusCode)
                })
                .collect()
        })
        .unwrap_or_default();
    let read_headers = (!outside_body.is_empty()).then(|| {
        let uses_headers = outside_body.iter().any(|m| m.location != Location::StatusCode);
        let reads = outside_body.iter().map(|m| {
            let field = ident(&m.field);
            let read = if m.location == Location::StatusCode {
                quote! { Ok::<_, restxml_runtime::ResponseError>(Some(::core::convert::From::from(status))) }
            } else {
                super::operation::header_read(m).unwrap_or_else(|| quote! { Ok(None) })
            };
            // A header that does not parse leaves the member unset: the
            // error itself is what the caller needs.
            if m.required {
                quote! { if let Ok(Some(value)) = #read { self.#field = value; } }
            } else {
                quote! { self.#field = #read.ok().flatten(); }
            }
        });
        let headers = if uses_headers {
            quote! { headers }
        } else {
            quote! { _headers }
        };
        quote! {
            fn read_headers(&mut self, #headers: &restxml_runtime::http_types::HeaderMap) {
                let status = self.meta.status;
                #(#reads)*
            }
        }
    });
    quote! {
        impl restxml_runtime::ProvideErrorMetadata for #name {
            fn meta(&self) -> &restxml_runtime::ErrorMetadata {
                &self.meta
            }
        }

        impl restxml_runtime::error::ModeledError for #name {
            fn set_meta(&mut self, meta: restxml_runtime::ErrorMetadata) {
                *self.meta = meta;
            }
            #read_headers
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.meta, f)
            }
        }

        impl std::error::Error for #name {}
    }
}

/// A modeled error as a variant of an error enum (an operation's or the
/// service's): the same name, payload, docs and code in both.
pub(super) struct Variant {
    /// The variant's name: the shape's Rust name.
    pub name: proc_macro2::Ident,
    /// `#[doc]`: the first line of the shape's docs.
    pub doc: TokenStream,
    /// What it holds: the error type, boxed when large.
    pub held: TokenStream,
    /// The error code that selects it.
    pub code: String,
    /// A function from the error value to the variant.
    pub wrap: TokenStream,
    /// An expression of type `&ErrorType` for the `error` it holds.
    pub inner: TokenStream,
}

impl Variant {
    /// The variant of the modeled error `shape`.
    pub(super) fn new(service: &Service, shape: &NamedShape) -> Self {
        let name = ident(&shape.rust_name);
        let path = type_path(service, &shape.wire_name);
        let first_line = shape.docs.lines().next().unwrap_or("").trim();
        let doc =
            if first_line.is_empty() { format!(" The `{}` error.", shape.wire_name) } else { format!(" {first_line}") };
        let error = shape.structure().and_then(|s| s.error.as_ref());
        let code = error.map_or(shape.wire_name.clone(), |e| e.code.clone());
        let (held, wrap, inner) = if error.is_some_and(|e| e.boxed) {
            (quote! { Box<#path> }, quote! { |error| Self::#name(Box::new(error)) }, quote! { error.as_ref() })
        } else {
            (quote! { #path }, quote! { Self::#name }, quote! { error })
        };
        Variant { doc: quote! { #[doc = #doc] }, name, held, code, wrap, inner }
    }

    /// `is_<variant>()` of the enum `enum_name`, with `attrs` (a `#[cfg]`).
    pub(super) fn predicate(&self, enum_name: &str, attrs: &TokenStream) -> TokenStream {
        let name = &self.name;
        let is = format_ident!("is_{}", crate::ir::names::field_name(&name.to_string()).trim_start_matches("r#"));
        let doc = format!(" Whether this is [`{enum_name}::{name}`].");
        quote! {
            #[doc = #doc]
            #attrs
            pub fn #is(&self) -> bool {
                matches!(self, Self::#name(_))
            }
        }
    }
}

/// The error enum of an operation.
pub fn emit_operation_error(service: &Service, op: &Operation) -> TokenStream {
    let name = format_ident!("{}Error", crate::ir::names::type_name(&op.name));
    let doc = format!(" The errors {} can return.", op.name);
    let errors: Vec<Variant> =
        op.errors.iter().filter_map(|e| service.shape(e)).map(|shape| Variant::new(service, shape)).collect();

    let variants = errors.iter().map(|Variant { name, doc, held, .. }| quote! { #doc #name(#held), });
    let op_name = &op.name;
    let code_arms = errors.iter().map(|Variant { code, wrap, .. }| {
        quote! {
            Some(#code) => restxml_runtime::error_body::modeled(#op_name, body, headers, meta).map_or_else(Self::Unhandled, #wrap),
        }
    });
    // A HEAD error has no body to carry a code: the status picks the
    // modeled error that has it (S3's HeadObject 404 is `NoSuchKey`), when
    // exactly one does.
    let statuses: Vec<Option<u16>> = op
        .errors
        .iter()
        .filter_map(|e| service.shape(e))
        .map(|shape| shape.structure().and_then(|s| s.error.as_ref()).and_then(|e| e.status))
        .collect();
    let status_arms: Vec<TokenStream> = if op.http.method == "HEAD" {
        errors
            .iter()
            .zip(&statuses)
            .filter_map(|(Variant { wrap, .. }, status)| {
                let status = (*status)?;
                (statuses.iter().filter(|s| **s == Some(status)).count() == 1).then(|| {
                    quote! {
                        _ if body.is_empty() && status == #status => restxml_runtime::error_body::modeled_without_body(#op_name, headers, meta).map_or_else(Self::Unhandled, #wrap),
                    }
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let inner_arms = errors.iter().map(|Variant { name, inner, .. }| quote! { Self::#name(error) => #inner, });
    let error_metadata = super::rust_path(&service.customizations.error_metadata);
    let mut clone_variants: Vec<(TokenStream, proc_macro2::Ident)> =
        errors.iter().map(|variant| (quote! {}, variant.name.clone())).collect();
    clone_variants.push((quote! {}, format_ident!("Unhandled")));
    let clone = super::clone_enum(&name, &clone_variants);
    let unhandled =
        quote! { Self::Unhandled(restxml_runtime::UnhandledError::from_response(#op_name, meta, headers, body)) };
    let dispatch = if errors.is_empty() {
        unhandled
    } else {
        quote! {
            match meta.code.as_deref() {
                #(#code_arms)*
                #(#status_arms)*
                _ => #unhandled,
            }
        }
    };
    let enum_name = name.to_string();
    let predicates = errors.iter().map(|variant| variant.predicate(&enum_name, &quote! {}));

    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error response the model does not describe for this operation.
            Unhandled(restxml_runtime::UnhandledError),
        }

        impl #name {
            /// Reads an error response: its code picks the variant, whose
            /// modeled members are read from the body.
            pub fn from_response(status: u16, headers: &restxml_runtime::http_types::HeaderMap, body: &[u8]) -> Self {
                let meta = #error_metadata(status, headers, body);
                #dispatch
            }

            #(#predicates)*

            /// Whether this is an error the model does not describe for this operation.
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::Unhandled(_))
            }
        }

        #clone

        impl #name {
            /// The error this is, whichever variant holds it.
            fn inner(&self) -> &(dyn restxml_runtime::error::ServiceError + 'static) {
                match self {
                    #(#inner_arms)*
                    Self::Unhandled(error) => error,
                }
            }
        }

        impl restxml_runtime::ProvideErrorMetadata for #name {
            fn meta(&self) -> &restxml_runtime::ErrorMetadata {
                self.inner().meta()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self.inner(), f)
            }
        }

        impl std::error::Error for #name {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(self.inner().as_error())
            }
        }
    }
}
