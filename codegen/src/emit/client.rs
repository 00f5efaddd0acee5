//! The async `Client`: one method per operation that serializes the input,
//! sends it through the runtime's client core (endpoint, credentials,
//! signing, retries) and parses the response.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, type_path};
use crate::EndpointFiles;
use crate::ir::{Service, names};

/// `src/client.rs` of the generated crate.
pub fn emit(
    service: &Service,
    endpoints: &EndpointFiles,
    feature: impl Fn(&crate::ir::Operation) -> String,
) -> TokenStream {
    let rule_set = &endpoints.rule_set;
    let partitions = &endpoints.partitions;
    let signing_name = &service.signing_name;
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
    quote! {
        #![doc = " The async client. `Client::new(Config::builder().region(\"us-east-1\").build())` picks up credentials from the environment or the shared files; every operation is a method."]

        pub use restxml_runtime::client::credentials::{Credentials, DefaultCredentialsChain, EnvironmentCredentials, ProfileCredentials, ProvideCredentials};
        pub use restxml_runtime::client::retry::RetryConfig;
        pub use restxml_runtime::client::{Config, ConfigBuilder, Timeouts};

        /// The service's endpoint rule set (`endpoint-rule-set-1.json`).
        const ENDPOINT_RULE_SET: &str = #rule_set;

        /// botocore's `partitions.json`, which the rule set refers to.
        const PARTITIONS: &str = #partitions;

        #[doc = #client_doc]
        #[derive(Debug, Clone)]
        pub struct Client {
            core: restxml_runtime::client::ClientCore,
        }

        impl Client {
            /// A client with these settings.
            pub fn new(config: Config) -> Self {
                Client { core: restxml_runtime::client::ClientCore::new(config, ENDPOINT_RULE_SET, PARTITIONS, #signing_name) }
            }

            /// The settings.
            pub fn config(&self) -> &Config {
                self.core.config()
            }

            #(#methods)*
        }
    }
}
