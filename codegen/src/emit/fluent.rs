//! An operation's fluent builder: what `client.<operation>()` returns, a
//! setter per input member, per-call configuration overrides and `send`.
//! Paginators, waiters and the read-modify-write helper are methods on it
//! too (emitted with the client, see `client.rs`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{builder_path, deprecated_attr, ident, type_path};
use crate::ir::{Operation, Service, names};

/// The name of `op`'s fluent builder type.
pub fn type_name(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}FluentBuilder", names::type_name(&op.name))
}

/// The path of `op`'s fluent builder type.
pub fn type_path_of(op: &Operation) -> TokenStream {
    let module = ident(&op.snake);
    let name = type_name(op);
    quote! { crate::fluent::#module::#name }
}

/// The first sentence-like line of some docs (notes and headings come
/// first in some), or `None`.
pub fn first_line(docs: &str) -> Option<&str> {
    docs.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('>') && !l.starts_with('#') && !l.starts_with('-'))
}

/// The fluent builder of `op`: `src/fluent/<operation>.rs`, a module
/// compiled with the `client` feature only.
pub fn emit(service: &Service, op: &Operation) -> TokenStream {
    let name = type_name(op);
    let op_name = &op.name;
    let error = format_ident!("{}Error", names::type_name(&op.name));
    let module = ident(&op.snake);
    let output = match &op.output {
        Some(output) => type_path(service, output),
        None => quote! { restxml_runtime::ResponseMetadata },
    };
    let method = &op.snake;
    let members = super::members_of(service, op.input.as_deref());
    let input_ty = op.input.as_ref().map(|i| type_path(service, i));
    let input_builder = op.input.as_ref().map(|i| builder_path(service, i));
    // The input type's path, for the setters' links to its fields.
    let input_name = input_ty.as_ref().map(|ty| ty.to_string().replace(' ', "")).unwrap_or_default();

    let setters = members.iter().map(|m| {
        let field = ident(&m.field);
        let field_name = m.field.trim_start_matches("r#");
        let set_field = format_ident!("set_{field_name}");
        let super::types::SetterTypes { arg_ty, stored, .. } = super::types::setter_types(service, m);
        let deprecated = deprecated_attr(m);
        let summary = first_line(&m.docs).map(|l| format!(" {l}\n\n")).unwrap_or_default();
        let required = if m.required { " Required." } else { "" };
        let doc = format!("{summary} Sets [`{input_name}::{field_name}`]({input_name}::{field_name}).{required}");
        let set = (!m.required).then(|| {
            let doc = format!(" Sets or clears [`{input_name}::{field_name}`]({input_name}::{field_name}).");
            quote! {
                #[doc = #doc]
                #deprecated
                pub fn #set_field(mut self, value: #stored) -> Self {
                    self.input = self.input.#set_field(value);
                    self
                }
            }
        });
        quote! {
            #[doc = #doc]
            #deprecated
            pub fn #field(mut self, value: #arg_ty) -> Self {
                self.input = self.input.#field(value);
                self
            }
            #set
        }
    });

    let (input_field, input_new, as_input, build, serialize) = match (&input_ty, &input_builder) {
        (Some(input_ty), Some(builder)) => (
            quote! { pub(crate) input: #builder, },
            quote! { input, },
            Some(quote! {
                /// The input as set so far.
                pub fn as_input(&self) -> &#builder {
                    &self.input
                }
            }),
            quote! { let input: #input_ty = self.input.build()?; },
            quote! { crate::operation::#module::serialize_request(&input)? },
        ),
        _ => (quote! {}, quote! {}, None, quote! {}, quote! { crate::operation::#module::serialize_request()? }),
    };
    // Keys asked for URL-encoded because the caller chose no encoding are
    // decoded (S3's listings).
    let encoding_field = op.url_encoded_keys.as_ref().and_then(|keys| {
        super::members_of(service, op.input.as_deref())
            .into_iter()
            .find(|m| m.wire_name == keys.member)
            .map(|m| ident(&m.field))
    });
    // A streaming payload goes through the client's streaming path.
    let streaming_input = super::operation::has_streaming_input(service, op);
    let streaming_output = super::operation::has_streaming_output(service, op);
    let send_call = match (streaming_input, streaming_output) {
        (false, false) => quote! { self.client.core().send_with(#op_name, request, &self.overrides).await? },
        (true, false) => quote! {
            self.client
                .core()
                .send_streaming_with(#op_name, request, &self.overrides, restxml_runtime::client::BodyMode::Read)
                .await?
                .map(|body| body.into_bytes().unwrap_or_default())
        },
        (input, true) => {
            let request = if input {
                quote! { request }
            } else {
                quote! { request.map(restxml_runtime::ByteStream::from) }
            };
            quote! {
                self.client
                    .core()
                    .send_streaming_with(#op_name, #request, &self.overrides, restxml_runtime::client::BodyMode::Stream)
                    .await?
            }
        }
    };
    let parse_arg = if streaming_output {
        quote! { response }
    } else {
        quote! { &response }
    };
    let (decode_wanted, finish) = match &encoding_field {
        Some(field) => (
            quote! { let decode = input.#field.is_none(); },
            quote! {
                let mut output = crate::operation::#module::parse_response(#parse_arg)?;
                if decode {
                    crate::operation::#module::decode_url_encoded_keys(&mut output);
                }
                Ok(output)
            },
        ),
        None => (quote! {}, quote! { crate::operation::#module::parse_response(#parse_arg) }),
    };
    let new_params = input_builder.as_ref().map(|b| quote! { , input: #b });
    let mut fields = vec![(format_ident!("client"), false)];
    if input_builder.is_some() {
        fields.push((format_ident!("input"), false));
    }
    fields.push((format_ident!("overrides"), false));
    let clone = super::clone_struct(&name, &fields);
    let label = name.to_string();
    let debug_input = input_builder.as_ref().map(|_| quote! { .field("input", &self.input) });
    let doc = format!(
        " A call to {op_name}, built one input member at a time: from `client.{method}()` (or \
         `client.{method}_with(input)`), a setter per member, then [`send`]({name}::send).\n\n \
         [`config_override`]({name}::config_override) changes the client's settings for this call only."
    );
    let send_doc = format!(
        " Sends {op_name}: builds the input (every missing required member is named in `SdkError::Build`), \
         resolves the endpoint, signs, sends with retries and reads the response.\n\n # Errors\n\n \
         [`SdkError::Service`](restxml_runtime::SdkError::Service) holds [`{error}`](crate::operation::{method}::{error}), the errors the model \
         lists for {op_name}; `?` converts it into the service's [`Error`](crate::Error)."
    );
    let module_doc = format!(" The fluent builder of {op_name}, [`{name}`]: what `client.{method}()` returns.");
    quote! {
        #![doc = #module_doc]

        #[doc = #doc]
        pub struct #name {
            pub(crate) client: crate::Client,
            #input_field
            pub(crate) overrides: restxml_runtime::client::ConfigOverride,
        }

        #clone

        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #debug_input .field("overrides", &self.overrides).finish_non_exhaustive()
            }
        }

        impl #name {
            pub(crate) fn new(client: crate::Client #new_params) -> Self {
                #name { client, #input_new overrides: Default::default() }
            }

            #(#setters)*

            /// Settings for this call only (retries, timeouts, the largest
            /// response body), over the client's.
            pub fn config_override(mut self, overrides: restxml_runtime::client::ConfigOverride) -> Self {
                self.overrides = overrides;
                self
            }

            #as_input

            #[doc = #send_doc]
            pub async fn send(self) -> Result<#output, restxml_runtime::SdkError<crate::operation::#module::#error>> {
                #build
                #decode_wanted
                let request = #serialize;
                let response = #send_call;
                #finish
            }
        }
    }
}
