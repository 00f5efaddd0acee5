//! The async `Client`: one method per operation that serializes the input,
//! sends it through the runtime's client core (endpoint, credentials,
//! signing, retries) and parses the response.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, type_path};
use crate::EndpointFiles;
use crate::ir::{Service, TypeRef, names};

/// `src/client.rs` of the generated crate.
pub fn emit(
    service: &Service,
    endpoints: &EndpointFiles,
    feature: impl Fn(&crate::ir::Operation) -> String,
) -> Result<TokenStream, crate::Error> {
    let (paginators, token_types) = paginators(service, endpoints.paginators.as_deref(), &feature)?;
    let waiters = waiters(service, endpoints.waiters.as_deref(), &feature)?;
    let modifiers = read_modify_write(service, &feature);
    let signing_name = &service.signing_name;
    // A customized error reader decides retries too.
    let error_reader = (service.customizations.error_metadata != crate::ir::Customizations::default().error_metadata)
        .then(|| {
            let reader = super::rust_path(&service.customizations.error_metadata);
            quote! { .with_error_reader(#reader) }
        });
    let client_doc = format!(" A client for {}.", service.full_name);
    let methods = service.operations.values().map(|op| {
        let method = ident(&op.snake);
        let module = ident(&op.snake);
        let error = format_ident!("{}Error", names::type_name(&op.name));
        let name = &op.name;
        let feature = feature(op);
        // The first sentence-like line (notes and headings come first in some docs).
        let first_line = op
            .docs
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with('>') && !l.starts_with('#') && !l.starts_with('-'))
            .unwrap_or("")
            .to_string();
        let doc = if first_line.is_empty() { format!(" Calls {name}.") } else { format!(" {first_line}") };
        let more = format!(" See [`crate::operation::{}`] for the input, output and errors.", op.snake);
        let output = match &op.output {
            Some(output) => type_path(service, output),
            None => quote! { () },
        };
        let (param, serialize) = match &op.input {
            Some(input) => {
                let input = type_path(service, input);
                (quote! { input: #input }, quote! { crate::operation::#module::serialize_request(&input)? })
            }
            None => (quote! {}, quote! { crate::operation::#module::serialize_request()? }),
        };
        quote! {
            #[doc = #doc]
            #[doc = ""]
            #[doc = #more]
            #[cfg(feature = #feature)]
            pub async fn #method(&self, #param) -> Result<#output, restxml_runtime::SdkError<crate::operation::#module::#error>> {
                let request = #serialize;
                let response = self.core.send(#name, request).await?;
                crate::operation::#module::parse_response(&response)
            }
        }
    });
    Ok(quote! {
        #![doc = " The async client. `Client::new(Config::builder().region(\"us-east-1\").build())` picks up credentials from the environment or the shared files; every operation is a method."]

        pub use restxml_runtime::client::credentials::{Credentials, DefaultCredentialsChain, EnvironmentCredentials, ProfileCredentials, ProvideCredentials};
        pub use restxml_runtime::client::paginate::{Items, Pages, WaiterConfig, WaiterError};
        pub use restxml_runtime::client::retry::RetryConfig;
        pub use restxml_runtime::client::transport::{HttpClient, TransportError};
        #[cfg(feature = "test-util")]
        pub use restxml_runtime::client::transport::ReplayClient;
        pub use restxml_runtime::client::{Config, ConfigBuilder, ModifyError, Timeouts};

        #(#token_types)*

        #[doc = #client_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            core: restxml_runtime::client::ClientCore,
        }

        impl Client {
            /// A client with these settings.
            pub fn new(config: Config) -> Self {
                Client { core: restxml_runtime::client::ClientCore::new(config, &crate::endpoint::RULES, #signing_name)#error_reader }
            }

            /// The settings.
            pub fn config(&self) -> &Config {
                self.core.config()
            }

            #(#methods)*
            #(#paginators)*
            #(#waiters)*
            #(#modifiers)*
        }
    })
}

/// For each `Get<X>Config` / `Update<X>` pair: fetch the config and its
/// ETag, let the caller change it, send it back with `If-Match`.
fn read_modify_write(service: &Service, feature: &impl Fn(&crate::ir::Operation) -> String) -> Vec<TokenStream> {
    use crate::ir::Location;
    let mut out = Vec::new();
    for get in service.operations.values() {
        let Some(x) = get.name.strip_prefix("Get").and_then(|n| n.strip_suffix("Config")) else { continue };
        let Some(update) = service.operations.get(&format!("Update{x}")) else { continue };
        let members = |shape: &Option<String>| {
            shape
                .as_ref()
                .and_then(|s| service.shape(s))
                .and_then(|s| s.structure())
                .map(|s| s.members.clone())
                .unwrap_or_default()
        };
        let (get_in, get_out, update_in) = (members(&get.input), members(&get.output), members(&update.input));
        let Some(config) = get_out.iter().find(|m| m.location == Location::Payload) else { continue };
        let Some(etag) = get_out.iter().find(|m| m.location == Location::Header("ETag".into())) else { continue };
        let Some(target) = update_in.iter().find(|m| m.location == Location::Payload && m.ty == config.ty) else {
            continue;
        };
        let Some(if_match) = update_in.iter().find(|m| m.location == Location::Header("If-Match".into())) else {
            continue;
        };
        // Every other required member of the update comes from the get's input.
        let copies: Option<Vec<TokenStream>> = update_in
            .iter()
            .filter(|m| m.wire_name != target.wire_name && m.wire_name != if_match.wire_name && m.required)
            .map(|m| {
                let source = get_in.iter().find(|g| g.wire_name == m.wire_name && g.ty == m.ty)?;
                let (to, from) = (ident(&m.field), ident(&source.field));
                Some(quote! { #to: input.#from.clone(), })
            })
            .collect();
        let Some(copies) = copies else { continue };
        let optional_rest = update_in
            .iter()
            .filter(|m| !m.required && m.wire_name != target.wire_name && m.wire_name != if_match.wire_name)
            .map(|m| {
                let field = ident(&m.field);
                quote! { #field: None, }
            });
        let (Some(get_input), Some(update_input), Some(update_output)) = (&get.input, &update.input, &update.output)
        else {
            continue;
        };
        let get_input_ty = type_path(service, get_input);
        let update_input_ty = type_path(service, update_input);
        let update_output_ty = type_path(service, update_output);
        let config_ty = super::rust_type(service, &config.ty);
        let (get_module, update_module) = (ident(&get.snake), ident(&update.snake));
        let get_error = format_ident!("{}Error", names::type_name(&get.name));
        let update_error = format_ident!("{}Error", names::type_name(&update.name));
        let (get_method, update_method) = (ident(&get.snake), ident(&update.snake));
        let method = format_ident!("modify_{}_config", heck::ToSnakeCase::to_snake_case(x));
        let (config_field, etag_field, target_field, if_match_field) =
            (ident(&config.field), ident(&etag.field), ident(&target.field), ident(&if_match.field));
        let (get_feature, update_feature) = (feature(get), feature(update));
        let doc = format!(
            " Read-modify-write: {} for the config and its ETag, `change` applied, then {} with `If-Match`, so a concurrent change makes the update fail (`PreconditionFailed`) instead of being overwritten.",
            get.name, update.name
        );
        out.push(quote! {
            #[doc = #doc]
            #[cfg(all(feature = #get_feature, feature = #update_feature))]
            pub async fn #method(
                &self,
                input: #get_input_ty,
                change: impl FnOnce(&mut #config_ty),
            ) -> Result<#update_output_ty, restxml_runtime::client::ModifyError<crate::operation::#get_module::#get_error, crate::operation::#update_module::#update_error>> {
                let current = self.#get_method(input.clone()).await.map_err(restxml_runtime::client::ModifyError::Get)?;
                let mut config = current.#config_field.ok_or(restxml_runtime::client::ModifyError::MissingConfig)?;
                let etag = current.#etag_field.ok_or(restxml_runtime::client::ModifyError::MissingETag)?;
                change(&mut config);
                let update = #update_input_ty {
                    #target_field: config,
                    #if_match_field: Some(etag),
                    #(#copies)*
                    #(#optional_rest)*
                };
                self.#update_method(update).await.map_err(restxml_runtime::client::ModifyError::Update)
            }
        });
    }
    out
}

/// An expression of type `Option<&T>` for a dotted `path` (`A.B.C`, where a
/// list member may take `[-1]`, its last element) into `root` (an
/// expression of type `&Shape`), and the type `T`.
fn path_expr(
    service: &Service,
    shape: &str,
    path: &str,
    root: TokenStream,
    at: &str,
) -> Result<(TokenStream, TypeRef), crate::Error> {
    let mut expr = quote! { Some(#root) };
    let mut current = TypeRef::Structure(shape.to_string());
    for segment in path.split('.') {
        let (segment, last) = match segment.strip_suffix("[-1]") {
            Some(name) => (name, true),
            None => (segment, false),
        };
        let TypeRef::Structure(name) = &current else {
            return Err(crate::Error::unsupported(at, format!("path {path}: {segment} is not in a structure")));
        };
        let s = service
            .shape(name)
            .and_then(|s| s.structure())
            .ok_or_else(|| crate::Error::invalid(at, format!("path {path}: no structure {name}")))?;
        let member = s
            .members
            .iter()
            .find(|m| m.wire_name == segment)
            .ok_or_else(|| crate::Error::invalid(at, format!("path {path}: {name} has no member {segment}")))?;
        let field = ident(&member.field);
        expr = match (member.required, member.boxed) {
            (true, false) => quote! { #expr.map(|v| &v.#field) },
            (true, true) => quote! { #expr.map(|v| &*v.#field) },
            (false, false) => quote! { #expr.and_then(|v| v.#field.as_ref()) },
            (false, true) => quote! { #expr.and_then(|v| v.#field.as_deref()) },
        };
        current = member.ty.clone();
        if last {
            let TypeRef::List(list) = &current else {
                return Err(crate::Error::unsupported(at, format!("path {path}: {segment} is not a list")));
            };
            expr = quote! { #expr.and_then(|v| v.last()) };
            current = list.member.clone();
        }
    }
    Ok((expr, current))
}

/// `A || B`: the first of the paths that is set (for strings: set and not
/// empty, as JMESPath and botocore take an empty token for none).
fn first_set_expr(
    service: &Service,
    shape: &str,
    alternatives: &str,
    root: TokenStream,
    at: &str,
) -> Result<(TokenStream, TypeRef), crate::Error> {
    let mut result: Option<(TokenStream, TypeRef)> = None;
    for path in alternatives.split("||").map(str::trim) {
        let (expr, ty) = path_expr(service, shape, path, root.clone(), at)?;
        let expr = if ty == TypeRef::String {
            quote! { #expr.filter(|v| !v.is_empty()) }
        } else {
            expr
        };
        result = Some(match result {
            None => (expr, ty),
            Some((first, first_ty)) if first_ty == ty => (quote! { #first.or_else(|| #expr) }, first_ty),
            Some(_) => {
                return Err(crate::Error::unsupported(at, format!("{alternatives}: alternatives of different types")));
            }
        });
    }
    result.ok_or_else(|| crate::Error::invalid(at, "an empty output_token"))
}

/// A paginator field that is a name or a list of names.
fn name_list(spec: &serde_json::Value, key: &str) -> Vec<String> {
    match &spec[key] {
        serde_json::Value::String(name) => vec![name.clone()],
        serde_json::Value::Array(items) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// The paginator methods of `Client`, and the token types of operations
/// that page by several markers at once.
fn paginators(
    service: &Service,
    json: Option<&str>,
    feature: &impl Fn(&crate::ir::Operation) -> String,
) -> Result<(Vec<TokenStream>, Vec<TokenStream>), crate::Error> {
    let Some(json) = json else { return Ok((Vec::new(), Vec::new())) };
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| crate::Error::invalid("paginators-1.json", e.to_string()))?;
    let mut out = Vec::new();
    let mut token_aliases = Vec::new();
    for (name, spec) in value["pagination"].as_object().into_iter().flatten() {
        let Some(op) = service.operations.get(name) else { continue };
        let at = format!("paginators-1.json: pagination.{name}");
        let (Some(input), Some(output)) = (&op.input, &op.output) else { continue };
        let text = |key: &str| spec[key].as_str().map(str::to_string);
        let (input_tokens, output_tokens, result_keys) =
            (name_list(spec, "input_token"), name_list(spec, "output_token"), name_list(spec, "result_key"));
        if input_tokens.is_empty() || input_tokens.len() != output_tokens.len() || result_keys.is_empty() {
            return Err(crate::Error::invalid(
                at,
                "a paginator needs input_token, as many output_token, and result_key",
            ));
        }
        let input_ty = type_path(service, input);
        let output_ty = type_path(service, output);
        let module = ident(&op.snake);
        let error = format_ident!("{}Error", names::type_name(&op.name));
        let method = ident(&op.snake);
        let pages = format_ident!("{}_pages", op.snake);
        let feature = feature(op);
        // Each token: the input field it goes into, and the expression that
        // reads it from a page (of type `Option<&T>`).
        let mut fields = Vec::new();
        let mut reads = Vec::new();
        let mut token_types = Vec::new();
        for (input_token, output_token) in input_tokens.iter().zip(&output_tokens) {
            let member = service
                .shape(input)
                .and_then(|s| s.structure())
                .and_then(|s| s.members.iter().find(|m| &m.wire_name == input_token))
                .ok_or_else(|| crate::Error::invalid(&at, format!("input has no member {input_token}")))?;
            let (read, ty) = first_set_expr(service, output, output_token, quote! { output }, &at)?;
            if ty != member.ty || member.required {
                return Err(crate::Error::unsupported(
                    &at,
                    format!("output token {output_token} does not fit optional input member {input_token}"),
                ));
            }
            fields.push(ident(&member.field));
            reads.push(read);
            token_types.push(super::rust_type(service, &ty));
        }
        let more = match text("more_results") {
            Some(path) => {
                let (more, _) = path_expr(service, output, &path, quote! { output }, &at)?;
                quote! { if !#more.copied().unwrap_or(false) { return None; } }
            }
            None => quote! {},
        };
        // One token is itself the key; several are a tuple of options, and
        // the next page is asked for while any of them is set.
        let (key_ty, next_token, set_token) =
            if let ([field], [read], [ty]) = (&fields[..], &reads[..], &token_types[..]) {
                let key_ty = (ty.to_string() != "String").then(|| quote! { , #ty });
                (key_ty, quote! { #read.cloned() }, quote! { input.#field = Some(token) })
            } else {
                let indexes = (0..fields.len()).map(syn::Index::from).collect::<Vec<_>>();
                let alias = format_ident!("{}PageToken", names::type_name(&op.name));
                let doc = format!(" The markers {name} pages by, each set or not: `{}`.", output_tokens.join("`, `"));
                token_aliases.push(quote! {
                    #[doc = #doc]
                    #[cfg(feature = #feature)]
                    pub type #alias = (#(Option<#token_types>),*);
                });
                (
                    Some(quote! { , #alias }),
                    quote! {
                        let token = (#(#reads.cloned()),*);
                        (#(token.#indexes.is_some())||*).then_some(token)
                    },
                    quote! { { #(input.#fields = token.#indexes;)* } },
                )
            };
        let (output_list, input_list) = (output_tokens.join("`, `"), input_tokens.join("`, `"));
        let pages_doc = format!(" Every page of {name}, following `{output_list}` into `{input_list}`.");
        out.push(quote! {
            #[doc = #pages_doc]
            #[cfg(feature = #feature)]
            pub fn #pages(&self, input: #input_ty) -> restxml_runtime::client::paginate::Pages<'_, #input_ty, #output_ty, restxml_runtime::SdkError<crate::operation::#module::#error> #key_ty> {
                restxml_runtime::client::paginate::Pages::new(
                    input,
                    move |input| Box::pin(self.#method(input)),
                    |output| {
                        #more
                        #next_token
                    },
                    |input, token| #set_token,
                )
            }
        });
        // Items of one list; with several result keys, pages only.
        if let [result_key] = &result_keys[..] {
            let items = format_ident!("{}_items", op.snake);
            let (items_expr, items_ty) = path_expr(service, output, result_key, quote! { &output }, &at)?;
            let TypeRef::List(list) = &items_ty else {
                return Err(crate::Error::unsupported(at, format!("result_key {result_key} is not a list")));
            };
            let item_ty = super::rust_type(service, &list.member);
            let items_doc = format!(" Every item (`{result_key}`) of every page of {name}.");
            out.push(quote! {
                #[doc = #items_doc]
                #[cfg(feature = #feature)]
                pub fn #items(&self, input: #input_ty) -> restxml_runtime::client::paginate::Items<'_, #input_ty, #output_ty, restxml_runtime::SdkError<crate::operation::#module::#error>, #item_ty #key_ty> {
                    restxml_runtime::client::paginate::Items::new(self.#pages(input), |output| #items_expr.cloned().unwrap_or_default())
                }
            });
        }
    }
    Ok((out, token_aliases))
}

fn waiters(
    service: &Service,
    json: Option<&str>,
    feature: &impl Fn(&crate::ir::Operation) -> String,
) -> Result<Vec<TokenStream>, crate::Error> {
    let Some(json) = json else { return Ok(Vec::new()) };
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| crate::Error::invalid("waiters-2.json", e.to_string()))?;
    let mut out = Vec::new();
    for (name, spec) in value["waiters"].as_object().into_iter().flatten() {
        let at = format!("waiters-2.json: waiters.{name}");
        let Some(op) = spec["operation"].as_str().and_then(|o| service.operations.get(o)) else { continue };
        let (Some(input), Some(output)) = (&op.input, &op.output) else { continue };
        let delay = spec["delay"].as_u64().unwrap_or(15);
        let max_attempts = spec["maxAttempts"].as_u64().unwrap_or(40) as u32;
        let mut acceptors = Vec::new();
        for acceptor in spec["acceptors"].as_array().into_iter().flatten() {
            let state = match acceptor["state"].as_str() {
                Some("success") => quote! { restxml_runtime::client::paginate::Acceptance::Success },
                Some("failure") => quote! { restxml_runtime::client::paginate::Acceptance::Failure },
                Some("retry") => quote! { restxml_runtime::client::paginate::Acceptance::Retry },
                other => return Err(crate::Error::unsupported(at, format!("acceptor state {other:?}"))),
            };
            match acceptor["matcher"].as_str() {
                Some("path") => {
                    let argument = acceptor["argument"].as_str().unwrap_or_default();
                    let expected = acceptor["expected"]
                        .as_str()
                        .ok_or_else(|| crate::Error::unsupported(&at, "a non-string expected value"))?;
                    let (expr, ty) = path_expr(service, output, argument, quote! { output }, &at)?;
                    // Exact comparison: a waiter never matches loosely.
                    if !matches!(ty, TypeRef::String | TypeRef::Enum(_)) {
                        return Err(crate::Error::unsupported(at, format!("path {argument} is not a string or enum")));
                    }
                    let compare = quote! { #expr.map(|v| v.as_str()) == Some(#expected) };
                    acceptors.push(quote! {
                        if let Ok(output) = result
                            && #compare
                        {
                            return Some(#state);
                        }
                    });
                }
                Some("error") => {
                    let code = acceptor["expected"].as_str().unwrap_or_default();
                    acceptors.push(quote! {
                        if let Err(restxml_runtime::SdkError::Service(error)) = result
                            && restxml_runtime::ProvideErrorMetadata::code(error) == Some(#code)
                        {
                            return Some(#state);
                        }
                    });
                }
                Some("status") => {
                    let status = acceptor["expected"].as_u64().unwrap_or(0) as u16;
                    acceptors.push(quote! {
                        if let Err(restxml_runtime::SdkError::Service(error)) = result
                            && restxml_runtime::ProvideErrorMetadata::status(error) == #status
                        {
                            return Some(#state);
                        }
                    });
                }
                other => return Err(crate::Error::unsupported(at, format!("matcher {other:?}"))),
            }
        }
        let accept = if acceptors.is_empty() {
            quote! { |_| None }
        } else {
            quote! { |result| { #(#acceptors)* None } }
        };
        let input_ty = type_path(service, input);
        let output_ty = type_path(service, output);
        let module = ident(&op.snake);
        let error = format_ident!("{}Error", names::type_name(&op.name));
        let method = ident(&op.snake);
        let wait = format_ident!("wait_until_{}", heck::ToSnakeCase::to_snake_case(name.as_str()));
        let feature = feature(op);
        let description = spec["description"].as_str().unwrap_or("Waits.");
        let doc = format!(
            " {description} Polls {} every {delay} s, at most {max_attempts} times, unless `config` says otherwise.",
            op.name
        );
        out.push(quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub async fn #wait(
                &self,
                input: #input_ty,
                config: Option<restxml_runtime::client::paginate::WaiterConfig>,
            ) -> Result<#output_ty, restxml_runtime::client::paginate::WaiterError<restxml_runtime::SdkError<crate::operation::#module::#error>>> {
                let config = config.unwrap_or(restxml_runtime::client::paginate::WaiterConfig {
                    delay: std::time::Duration::from_secs(#delay),
                    max_attempts: #max_attempts,
                });
                restxml_runtime::client::paginate::wait(config, || self.#method(input.clone()), #accept)
                .await
            }
        });
    }
    Ok(out)
}
