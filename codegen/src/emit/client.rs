//! The async `Client`: one method per operation that serializes the input,
//! sends it through the runtime's client core (endpoint, credentials,
//! signing, retries) and parses the response.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, type_path};
use crate::EndpointFiles;
use crate::ir::{Member, Operation, Service, TypeRef, names};

/// `src/client.rs` of the generated crate.
pub fn emit(
    service: &Service,
    endpoints: &EndpointFiles,
    crate_name: &str,
    feature: impl Fn(&crate::ir::Operation) -> String,
) -> Result<TokenStream, crate::Error> {
    let (paginators, token_types) = paginators(service, endpoints.paginators.as_deref(), &feature)?;
    let waiters = waiters(service, endpoints.waiters.as_deref(), &feature)?;
    let pairs = read_modify_write_pairs(service);
    let modifiers: Vec<TokenStream> = pairs.iter().map(|pair| read_modify_write(service, pair, &feature)).collect();
    let signing_name = &service.signing_name;
    // A customized error reader decides retries too.
    let error_reader = (service.customizations.error_metadata != crate::ir::Customizations::default().error_metadata)
        .then(|| {
            let reader = super::rust_path(&service.customizations.error_metadata);
            quote! { .with_error_reader(#reader) }
        });
    let krate = crate_name.replace('-', "_");
    let context_params = client_context_params(service, &krate);
    let example = match &endpoints.example {
        Some(name) => {
            let op = service.operations.get(name).ok_or_else(|| {
                crate::Error::invalid("model/services.json: example", format!("no operation {name} in the model"))
            })?;
            example_docs(service, op, &pairs, &krate, &feature)
        }
        None => String::new(),
    };
    let client_doc = format!(
        " A client for {}: a method per operation, each returning the operation's fluent builder (set the \
         input's members, then `.send().await`); `<operation>_with(input)` starts from an input built elsewhere.\n\n \
         Cloning is cheap (the settings are shared), and every call's future is `Send + 'static`.{example}",
        service.full_name
    );
    let methods = service.operations.values().map(|op| {
        let method = ident(&op.snake);
        let with = format_ident!("{}_with", op.snake);
        let fluent = super::fluent::type_path_of(op);
        let fluent_name = super::fluent::type_name(op).to_string();
        let feature = feature(op);
        let first_line = super::fluent::first_line(&op.docs).map(str::to_string);
        let mut doc = match first_line {
            Some(line) => format!(" {line}\n\n"),
            None => format!(" Calls {}.\n\n", op.name),
        };
        doc.push_str(&format!(
            " Returns [`{fluent_name}`]({fluent}): a setter per input member, then `.send().await`.",
            fluent = fluent.to_string().replace(' ', "")
        ));
        if let Some(pair) = pairs.iter().find(|p| p.update.name == op.name) {
            doc.push_str(&format!(
                " Set `{}` to the `ETag` that {} returned: a stale one fails with `PreconditionFailed`, so a \
                 concurrent change is not overwritten. [`read_modify_write`]({}::read_modify_write) on `client.{}()` \
                 does the read, the change and this call in one.",
                pair.if_match.field.trim_start_matches("r#"),
                pair.get.name,
                super::fluent::type_path_of(pair.get).to_string().replace(' ', ""),
                pair.get.snake,
            ));
        }
        doc.push_str(&format!(" See [`crate::operation::{}`] for the input, output and errors.", op.snake));
        let (with_method, new_call) = match &op.input {
            Some(input) => {
                let input_ty = type_path(service, input);
                let with_doc = format!(
                    " {} with an input built elsewhere: the same fluent builder as [`{}`](Client::{}), holding every member of `input`.",
                    op.name, op.snake, op.snake
                );
                (
                    Some(quote! {
                        #[doc = #with_doc]
                        #[cfg(feature = #feature)]
                        pub fn #with(&self, input: #input_ty) -> #fluent {
                            #fluent::new(self.clone(), input.into())
                        }
                    }),
                    quote! { #fluent::new(self.clone(), Default::default()) },
                )
            }
            None => (None, quote! { #fluent::new(self.clone()) }),
        };
        quote! {
            #[doc = #doc]
            #[cfg(feature = #feature)]
            pub fn #method(&self) -> #fluent {
                #new_call
            }
            #with_method
        }
    });
    Ok(quote! {
        #![doc = " The async client. `Client::new(Config::builder().region(\"us-east-1\").build())` picks up credentials from the environment or the shared files; every operation is a method returning a fluent builder."]

        pub use restxml_runtime::client::credentials::{BoxFuture, Credentials, DefaultCredentialsChain, EnvironmentCredentials, ProfileCredentials, ProvideCredentials};
        pub use restxml_runtime::client::paginate::{Items, Pages, Paginator, Waiter, WaiterConfig, WaiterError};
        pub use restxml_runtime::client::adaptive::ClientRateLimiter;
        pub use restxml_runtime::client::retry::{RetryConfig, RetryMode, RetryQuota, RetryQuotaConfig};
        pub use restxml_runtime::client::transport::{HttpClient, TransportError, TransportErrorKind};
        #[cfg(feature = "https")]
        pub use restxml_runtime::client::transport::{HyperClient, HyperClientBuilder};
        #[cfg(feature = "reqwest")]
        pub use restxml_runtime::client::transport::ReqwestClient;
        #[cfg(feature = "test-util")]
        pub use restxml_runtime::client::transport::ReplayClient;
        pub use restxml_runtime::client::{Config, ConfigBuilder, ConfigOverride, ModifyError, NoTransport, Timeouts, WithTransport};
        pub use restxml_runtime::{RequestId, ResponseMetadata};

        #context_params

        #(#token_types)*

        #[doc = #client_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            core: std::sync::Arc<restxml_runtime::client::ClientCore>,
        }

        impl Client {
            /// A client with these settings (see [`Config::builder`]).
            pub fn new(config: Config) -> Self {
                Client { core: std::sync::Arc::new(restxml_runtime::client::ClientCore::new(config, &crate::endpoint::RULES, #signing_name)#error_reader) }
            }

            /// The settings.
            pub fn config(&self) -> &Config {
                self.core.config()
            }

            /// The retry quota every call of this client (and of its clones)
            /// draws on: [`RetryQuota::available`] is the tokens left.
            pub fn retry_quota(&self) -> &RetryQuota {
                self.core.retry_quota()
            }

            /// The client-side rate limiter of adaptive retry mode
            /// ([`RetryMode::Adaptive`]), shared by this client and its clones;
            /// `None` in standard mode. [`ClientRateLimiter::fill_rate`] is the
            /// requests per second it currently allows.
            pub fn rate_limiter(&self) -> Option<&ClientRateLimiter> {
                self.core.rate_limiter()
            }

            /// What sends the calls: endpoint, signing, retries.
            pub(crate) fn core(&self) -> &restxml_runtime::client::ClientCore {
                &self.core
            }

            #(#methods)*
        }

        #(#paginators)*
        #(#waiters)*
        #(#modifiers)*
    })
}

/// A `Get<X>Config` / `Update<X>` pair: the get returns a config (payload)
/// and its `ETag`; the update takes the same config and `If-Match`, and
/// every other required member of the update comes from the get's input.
pub(super) struct ModifyPair<'s> {
    pub get: &'s Operation,
    pub update: &'s Operation,
    /// The get's output members: the config payload and the `ETag` header.
    config: &'s Member,
    etag: &'s Member,
    /// The update's input members: the config payload and `If-Match`.
    target: &'s Member,
    pub if_match: &'s Member,
    /// The update's other required members, each with the get's input
    /// member it is copied from.
    copies: Vec<(&'s Member, &'s Member)>,
    /// The update's other optional members (left unset).
    unset: Vec<&'s Member>,
}

/// Every read-modify-write pair of the service.
pub(super) fn read_modify_write_pairs<'s>(service: &'s Service) -> Vec<ModifyPair<'s>> {
    use crate::ir::Location;
    let mut out = Vec::new();
    for get in service.operations.values() {
        let Some(x) = get.name.strip_prefix("Get").and_then(|n| n.strip_suffix("Config")) else { continue };
        let Some(update) = service.operations.get(&format!("Update{x}")) else { continue };
        if get.input.is_none() || get.output.is_none() || update.output.is_none() {
            continue;
        }
        let members = |shape: &Option<String>| super::members_of(service, shape.as_deref());
        let (get_in, get_out, update_in) = (members(&get.input), members(&get.output), members(&update.input));
        let find =
            |members: &[&'s Member], location: Location| members.iter().copied().find(|m| m.location == location);
        let (Some(config), Some(etag), Some(if_match)) = (
            find(&get_out, Location::Payload),
            find(&get_out, Location::Header("ETag".into())),
            find(&update_in, Location::Header("If-Match".into())),
        ) else {
            continue;
        };
        let Some(target) = update_in.iter().copied().find(|m| m.location == Location::Payload && m.ty == config.ty)
        else {
            continue;
        };
        let others = || {
            update_in.iter().copied().filter(|m| m.wire_name != target.wire_name && m.wire_name != if_match.wire_name)
        };
        let copies: Option<Vec<_>> = others()
            .filter(|m| m.required)
            .map(|m| get_in.iter().copied().find(|g| g.wire_name == m.wire_name && g.ty == m.ty).map(|g| (m, g)))
            .collect();
        let Some(copies) = copies else { continue };
        let unset = others().filter(|m| !m.required).collect();
        out.push(ModifyPair { get, update, config, etag, target, if_match, copies, unset });
    }
    out
}

/// The example of the client's docs: the fluent call of `op`, with
/// `If-Match` from its `Get` when it is an update of a pair.
fn example_docs(
    service: &Service,
    op: &crate::ir::Operation,
    pairs: &[ModifyPair],
    krate: &str,
    feature: &impl Fn(&crate::ir::Operation) -> String,
) -> String {
    use crate::ir::Location;
    let required_strings = |name: &Option<String>| -> Vec<String> {
        name.as_ref()
            .and_then(|s| service.shape(s))
            .and_then(|s| s.structure())
            .map(|s| {
                s.members
                    .iter()
                    .filter(|m| m.required && m.ty == TypeRef::String && m.location != Location::Payload)
                    .map(|m| m.field.trim_start_matches("r#").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut features = vec![feature(op)];
    let body = if let Some(pair) = pairs.iter().find(|p| p.update.name == op.name) {
        let get = pair.get;
        features.push(feature(get));
        let (config, etag, target) = (pair.config, pair.etag, pair.target);
        let ids = required_strings(&get.input);
        let id_setters: String = ids.iter().map(|id| format!(".{id}(id)")).collect();
        let change = match &config.ty {
            TypeRef::Structure(name)
                if service
                    .shape(name)
                    .and_then(|s| s.structure())
                    .is_some_and(|s| s.members.iter().any(|m| m.field == "enabled" && m.ty == TypeRef::Boolean)) =>
            {
                "config.enabled = false;"
            }
            _ => "// Change `config` here.",
        };
        let (config_field, etag_field, target_field, if_match) = (
            config.field.trim_start_matches("r#"),
            etag.field.trim_start_matches("r#"),
            target.field.trim_start_matches("r#"),
            pair.if_match.field.trim_start_matches("r#"),
        );
        format!(
            "// {update}, with If-Match from {get}: a concurrent change makes it fail\n\
             // (PreconditionFailed) instead of being overwritten.\n\
             let current = client.{get_snake}(){id_setters}.send().await?;\n\
             let (Some(mut config), Some(etag)) = (current.{config_field}, current.{etag_field}) else {{\n    return Ok(());\n}};\n\
             {change}\n\
             let updated = client\n    .{update_snake}()\n{id_lines}    .{if_match}(etag)\n    .{target_field}(config)\n    .send()\n    .await?;\n\
             println!(\"request id {{:?}}\", updated.request_id());\n\n\
             // The same in one call.\n\
             client\n    .{get_snake}()\n{id_lines}    .read_modify_write(|config| {{ {change_inline} }})\n    .await?;",
            update = op.name,
            get = get.name,
            get_snake = get.snake,
            update_snake = op.snake,
            id_lines = ids.iter().map(|id| format!("    .{id}(id)\n")).collect::<String>(),
            change_inline = if change.starts_with("//") { "" } else { change },
        )
    } else {
        let ids = required_strings(&op.input);
        let setters: String = ids.iter().map(|id| format!("\n    .{id}(id)")).collect();
        format!(
            "let output = client\n    .{snake}(){setters}\n    .send()\n    .await?;\nprintln!(\"{{output:?}} (request id {{:?}})\", output.request_id());",
            snake = op.snake
        )
    };
    let body: String = body.lines().map(|l| format!(" {l}\n")).collect();
    let features = features.join("\", feature = \"");
    format!(
        "\n\n # Example\n\n ```no_run\n # #[cfg(all(feature = \"https\", feature = \"{features}\"))]\n # async fn example(id: &str) -> Result<(), {krate}::Error> {{\n use {krate}::client::RequestId as _;\n\n let client = {krate}::Client::new({krate}::Config::builder().region(\"us-east-1\").build());\n{body} # Ok(())\n # }}\n ```"
    )
}

/// For each `Get<X>Config` / `Update<X>` pair: `read_modify_write` on the
/// get's fluent builder fetches the config and its ETag, lets the caller
/// change it, and sends it back with `If-Match`.
fn read_modify_write(
    service: &Service,
    pair: &ModifyPair,
    feature: &impl Fn(&crate::ir::Operation) -> String,
) -> TokenStream {
    let ModifyPair { get, update, config, etag, target, if_match, .. } = *pair;
    let copies = pair.copies.iter().map(|(to, from)| {
        let (to, from) = (ident(&to.field), ident(&from.field));
        quote! { #to: input.#from.clone(), }
    });
    let unset = pair.unset.iter().map(|m| {
        let field = ident(&m.field);
        quote! { #field: None, }
    });
    let (Some(update_input), Some(update_output)) = (&update.input, &update.output) else { return quote! {} };
    let update_input_ty = type_path(service, update_input);
    let update_output_ty = type_path(service, update_output);
    let config_ty = super::rust_type(service, &config.ty);
    let (get_module, update_module) = (ident(&get.snake), ident(&update.snake));
    let get_error = format_ident!("{}Error", names::type_name(&get.name));
    let update_error = format_ident!("{}Error", names::type_name(&update.name));
    let (get_fluent, update_fluent) = (super::fluent::type_path_of(get), super::fluent::type_path_of(update));
    let (config_field, etag_field, target_field, if_match_field) =
        (ident(&config.field), ident(&etag.field), ident(&target.field), ident(&if_match.field));
    let (get_feature, update_feature) = (feature(get), feature(update));
    let doc = format!(
        " Read-modify-write: {} for the config and its ETag, `change` applied, then {} with `If-Match`, so a \
         concurrent change makes the update fail (`PreconditionFailed`) instead of being overwritten. This \
         call's [`config_override`](Self::config_override) applies to both calls.\n\n # Errors\n\n \
         [`ModifyError::Get`] or [`ModifyError::Update`] with the failed call's error; \
         `MissingConfig` or `MissingETag` when the read lacked either.",
        get.name, update.name
    );
    quote! {
        #[cfg(all(feature = #get_feature, feature = #update_feature))]
        impl #get_fluent {
            #[doc = #doc]
            pub async fn read_modify_write(
                self,
                change: impl FnOnce(&mut #config_ty),
            ) -> Result<#update_output_ty, restxml_runtime::client::ModifyError<crate::operation::#get_module::#get_error, crate::operation::#update_module::#update_error>> {
                let input = self.as_input().clone().build().map_err(|e| restxml_runtime::client::ModifyError::Get(e.into()))?;
                let (client, overrides) = (self.client.clone(), self.overrides.clone());
                let current = self.send().await.map_err(restxml_runtime::client::ModifyError::Get)?;
                let mut config = current.#config_field.ok_or(restxml_runtime::client::ModifyError::MissingConfig)?;
                let etag = current.#etag_field.ok_or(restxml_runtime::client::ModifyError::MissingETag)?;
                change(&mut config);
                let update = #update_input_ty {
                    #target_field: config,
                    #if_match_field: Some(etag),
                    #(#copies)*
                    #(#unset)*
                };
                #update_fluent::new(client, update.into())
                    .config_override(overrides)
                    .send()
                    .await
                    .map_err(restxml_runtime::client::ModifyError::Update)
            }
        }
    }
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
        let input_builder = super::builder_path(service, input);
        let output_ty = type_path(service, output);
        let module = ident(&op.snake);
        let error = format_ident!("{}Error", names::type_name(&op.name));
        let fluent = super::fluent::type_path_of(op);
        let feature = feature(op);
        // Each token: the input member it goes into (set through the
        // builder's `set_*`), and the expression that reads it from a page
        // (of type `Option<&T>`).
        let mut setters = Vec::new();
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
            setters.push(format_ident!("set_{}", member.field.trim_start_matches("r#")));
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
            if let ([setter], [read], [ty]) = (&setters[..], &reads[..], &token_types[..]) {
                let key_ty = (ty.to_string() != "String").then(|| quote! { , #ty });
                (key_ty, quote! { #read.cloned() }, quote! { *input = std::mem::take(input).#setter(Some(token)) })
            } else {
                let indexes = (0..setters.len()).map(syn::Index::from).collect::<Vec<_>>();
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
                    quote! { *input = std::mem::take(input)#(.#setters(token.#indexes))* },
                )
            };
        let (output_list, input_list) = (output_tokens.join("`, `"), input_tokens.join("`, `"));
        let pages_type = quote! {
            restxml_runtime::client::paginate::Pages<'static, #input_builder, #output_ty, restxml_runtime::SdkError<crate::operation::#module::#error> #key_ty>
        };
        let pages = quote! {
            let Self { client, input, overrides } = self;
            restxml_runtime::client::paginate::Pages::new(
                input,
                move |input| Box::pin(Self { client: client.clone(), input, overrides: overrides.clone() }.send()),
                |output| {
                    #more
                    #next_token
                },
                |input, token| #set_token,
            )
        };
        // Items of one list; with several result keys, pages only.
        if let [result_key] = &result_keys[..] {
            let (items_expr, items_ty) = path_expr(service, output, result_key, quote! { &output }, &at)?;
            let TypeRef::List(list) = &items_ty else {
                return Err(crate::Error::unsupported(at, format!("result_key {result_key} is not a list")));
            };
            let item_ty = super::rust_type(service, &list.member);
            let doc = format!(
                " Every page of {name} (following `{output_list}` into `{input_list}`) with \
                 [`pages`](restxml_runtime::client::paginate::Paginator::pages), or every item (`{result_key}`) of \
                 every page with [`items`](restxml_runtime::client::paginate::Paginator::items). A page that fails \
                 ends paging with its error."
            );
            out.push(quote! {
                #[cfg(feature = #feature)]
                impl #fluent {
                    #[doc = #doc]
                    pub fn into_paginator(self) -> restxml_runtime::client::paginate::Paginator<'static, #input_builder, #output_ty, restxml_runtime::SdkError<crate::operation::#module::#error>, #item_ty #key_ty> {
                        let pages: #pages_type = { #pages };
                        restxml_runtime::client::paginate::Paginator::new(pages, |output| #items_expr.cloned().unwrap_or_default())
                    }
                }
            });
        } else {
            let doc = format!(
                " Every page of {name}, following `{output_list}` into `{input_list}` (its results are in {} \
                 lists, so it is paged, not itemized). A page that fails ends paging with its error.",
                result_keys.len()
            );
            out.push(quote! {
                #[cfg(feature = #feature)]
                impl #fluent {
                    #[doc = #doc]
                    pub fn into_paginator(self) -> #pages_type {
                        #pages
                    }
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
        let (Some(_), Some(output)) = (&op.input, &op.output) else { continue };
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
                    // A success is the operation's own status (the output
                    // does not keep it): botocore's `HTTPStatusCode` of a
                    // success, which S3's `ObjectExists` waits for.
                    if (200..300).contains(&status) {
                        if status == op.http.response_code {
                            acceptors.push(quote! {
                                if result.is_ok() {
                                    return Some(#state);
                                }
                            });
                        }
                        continue;
                    }
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
        let output_ty = type_path(service, output);
        let module = ident(&op.snake);
        let error = format_ident!("{}Error", names::type_name(&op.name));
        let fluent = super::fluent::type_path_of(op);
        let wait = format_ident!("wait_until_{}", heck::ToSnakeCase::to_snake_case(name.as_str()));
        let feature = feature(op);
        let description = spec["description"].as_str().unwrap_or("Waits.");
        let doc = format!(
            " {description} Polls {} with this input every {delay} s, at most {max_attempts} times; change \
             either on the returned [`Waiter`], then `.await` it.\n\n \
             # Errors\n\n [`WaiterError`]: the attempts ran out, \
             a failure state was reached, or the call failed in a way no acceptor expects.",
            op.name
        );
        out.push(quote! {
            #[cfg(feature = #feature)]
            impl #fluent {
                #[doc = #doc]
                pub fn #wait(self) -> restxml_runtime::client::paginate::Waiter<#output_ty, restxml_runtime::SdkError<crate::operation::#module::#error>> {
                    restxml_runtime::client::paginate::Waiter::new(
                        restxml_runtime::client::paginate::WaiterConfig {
                            delay: std::time::Duration::from_secs(#delay),
                            max_attempts: #max_attempts,
                        },
                        move || Box::pin(self.clone().send()),
                        #accept,
                    )
                }
            }
        });
    }
    Ok(out)
}

/// The `ClientContextParams` trait: a typed setter on `ConfigBuilder` for
/// each endpoint-rule parameter the service lets a client set (nothing for
/// a service without any).
fn client_context_params(service: &Service, krate: &str) -> TokenStream {
    if service.client_context_params.is_empty() {
        return quote! {};
    }
    let (declarations, definitions): (Vec<TokenStream>, Vec<TokenStream>) = service
        .client_context_params
        .iter()
        .map(|param| {
            let method = format_ident!("{}", names::field_name(&param.name));
            let name = param.name.as_str();
            let (ty, value) =
                if param.boolean { (quote! { bool }, quote! { value }) } else { (quote! { &str }, quote! { value }) };
            let mut doc = param.docs.trim().to_string();
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str(&format!(
                "Sets the endpoint-rule parameter `{name}` for every call of the client; unset, the rule \
                 set's default applies. An operation binding `{name}` itself overrides it."
            ));
            let doc_lines = doc.lines().map(|line| format!(" {line}")).collect::<Vec<_>>();
            (
                quote! {
                    #(#[doc = #doc_lines])*
                    fn #method(self, value: #ty) -> Self;
                },
                quote! {
                    fn #method(self, value: #ty) -> Self {
                        self.endpoint_param(#name, #value)
                    }
                },
            )
        })
        .unzip();
    let doc = format!(
        " Settings of {}'s endpoint rules (the model's `clientContextParams`), as methods of [`ConfigBuilder`]: \
         bring the trait into scope (`use {}::client::ClientContextParams as _;`) and chain them with the other \
         settings.",
        service.full_name, krate
    );
    quote! {
        #[doc = #doc]
        pub trait ClientContextParams: Sized {
            #(#declarations)*
        }

        impl<H> ClientContextParams for ConfigBuilder<H> {
            #(#definitions)*
        }
    }
}
