//! The service's one error type, `crate::Error`: a variant per modeled
//! error of the service, the failures that are not the service's answer,
//! and `Unhandled`; `From<SdkError<OperationError>>` for every operation,
//! so a function calling several operations can use `?` into one type.
//!
//! An operation's error enum holds only the errors the model lists for
//! that operation; a service may answer with a code the model defines for
//! another operation. botocore maps every code to the service's exception
//! of that code (`ClientExceptionsFactory`), so the conversion here reads
//! such an unhandled error again against every modeled error of the
//! service.
//!
//! Each modeled error's variant is compiled when an enabled operation can
//! return it: every operation's cargo feature turns on the internal
//! feature `_error-<shape>` of each of its errors.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::ident;
use crate::ir::{NamedShape, Operation, Service, names};

/// Variant names the service error uses for what is not a modeled error.
const RESERVED: &[&str] = &["Build", "Response", "Dispatch", "Unhandled"];

/// `src/service_error.rs` of the generated crate.
pub fn emit(service: &Service, feature: impl Fn(&Operation) -> String) -> Result<TokenStream, crate::Error> {
    let errors: Vec<&NamedShape> = service
        .shapes
        .values()
        .filter(|shape| {
            shape.structure().is_some_and(|s| s.error.is_some())
                && service.operations.values().any(|op| op.errors.contains(&shape.wire_name))
        })
        .collect();
    if let Some(clash) = errors.iter().find(|shape| RESERVED.contains(&shape.rust_name.as_str())) {
        return Err(crate::Error::unsupported(
            format!("shapes.{}", clash.wire_name),
            "an error shape named like a variant of the service's Error",
        ));
    }

    let mut variants = Vec::new();
    let mut code_arms = Vec::new();
    let mut inner_arms = Vec::new();
    let mut predicates = Vec::new();
    for shape in &errors {
        let variant = super::errors::Variant::new(service, shape);
        let super::errors::Variant { name, doc, held, code, wrap, inner } = &variant;
        let error_feature = crate::layout::error_feature(&shape.wire_name);
        let cfg = quote! { #[cfg(feature = #error_feature)] };
        variants.push(quote! { #doc #cfg #name(#held), });
        code_arms.push(quote! {
            #cfg
            Some(#code) => restxml_runtime::error_body::reread(error).map_or_else(Self::Unhandled, #wrap),
        });
        inner_arms.push(quote! { #cfg Self::#name(error) => Some(#inner), });
        predicates.push(variant.predicate("Error", &cfg));
    }

    let conversions = service.operations.values().map(|op| {
        let module = ident(&op.snake);
        let error = format_ident!("{}Error", names::type_name(&op.name));
        let feature = feature(op);
        let arms = op.errors.iter().filter_map(|e| service.shape(e)).map(|shape| {
            let variant = ident(&shape.rust_name);
            quote! { E::#variant(error) => Self::#variant(error), }
        });
        let doc = format!(" {}'s errors, as the service's.", op.name);
        quote! {
            #[cfg(feature = #feature)]
            impl From<crate::operation::#module::#error> for Error {
                #[doc = #doc]
                fn from(error: crate::operation::#module::#error) -> Self {
                    use crate::operation::#module::#error as E;
                    match error {
                        #(#arms)*
                        E::Unhandled(error) => Self::from_unhandled(error),
                    }
                }
            }
        }
    });

    let doc = format!(
        " Any error of a call to {}: a variant per modeled error of the service, the failures that are not the \
         service's answer (`Build`, `Response`, `Dispatch`, as in [`SdkError`](restxml_runtime::SdkError)), and \
         `Unhandled`.\n\n Every operation's `SdkError` converts into it with `?`, so a function that calls several \
         operations can return `Result<T, Error>`. A code the model defines for another operation of the service \
         becomes that error's variant here, as botocore raises the service's exception of that code, not an \
         unhandled one.",
        service.full_name
    );
    let error_metadata_arms = inner_arms.clone();
    Ok(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum Error {
            #(#variants)*
            /// The request was refused before sending (a missing required member, a value that cannot be sent).
            Build(restxml_runtime::BuildError),
            /// The service answered with success, but the response could not be read.
            Response(restxml_runtime::ResponseError),
            /// No usable response: no endpoint or credentials, a failed connection, a timeout.
            Dispatch(restxml_runtime::DispatchError),
            /// An error response the model does not describe anywhere in the service.
            Unhandled(restxml_runtime::UnhandledError),
        }

        impl Error {
            /// Reads `error` again against every modeled error of the
            /// service: the variant of its code, else `Unhandled` as it is.
            pub fn from_unhandled(error: restxml_runtime::UnhandledError) -> Self {
                match restxml_runtime::ProvideErrorMetadata::code(&error) {
                    #(#code_arms)*
                    _ => Self::Unhandled(error),
                }
            }

            /// The service's error, whichever variant holds it; `None` for
            /// `Build`, `Response` and `Dispatch`.
            fn service_error(&self) -> Option<&(dyn restxml_runtime::error::ServiceError + 'static)> {
                match self {
                    #(#error_metadata_arms)*
                    Self::Unhandled(error) => Some(error),
                    Self::Build(_) | Self::Response(_) | Self::Dispatch(_) => None,
                }
            }

            /// The error code the service answered with (`None` when it did not answer with an error).
            pub fn code(&self) -> Option<&str> {
                self.service_error().and_then(restxml_runtime::ProvideErrorMetadata::code)
            }

            /// The service's message.
            pub fn message(&self) -> Option<&str> {
                self.service_error().and_then(restxml_runtime::ProvideErrorMetadata::message)
            }

            /// The request id of the error response, for AWS support.
            pub fn request_id(&self) -> Option<&str> {
                self.service_error().and_then(restxml_runtime::ProvideErrorMetadata::request_id)
            }

            /// The error response's metadata (code, message, request ids, status).
            pub fn meta(&self) -> Option<&restxml_runtime::ErrorMetadata> {
                self.service_error().map(restxml_runtime::ProvideErrorMetadata::meta)
            }

            #(#predicates)*

            /// Whether this is [`Error::Unhandled`].
            pub fn is_unhandled(&self) -> bool {
                matches!(self, Self::Unhandled(_))
            }
        }

        impl std::fmt::Display for Error {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                match self {
                    Self::Build(error) => write!(f, "request refused: {error}"),
                    Self::Response(error) => std::fmt::Display::fmt(error, f),
                    Self::Dispatch(error) => std::fmt::Display::fmt(error, f),
                    _ => match self.service_error() {
                        Some(error) => write!(f, "service error: {error}"),
                        None => Ok(()),
                    },
                }
            }
        }

        impl std::error::Error for Error {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                match self {
                    Self::Build(error) => Some(error),
                    Self::Response(error) => Some(error),
                    Self::Dispatch(error) => Some(error),
                    _ => self.service_error().map(restxml_runtime::error::ServiceError::as_error),
                }
            }
        }

        /// Every operation's error: the service's answer as its variant
        /// here (see [`Error`]), the other failures as `Build`, `Response`
        /// and `Dispatch`.
        impl<E> From<restxml_runtime::SdkError<E>> for Error
        where
            Error: From<E>,
        {
            fn from(error: restxml_runtime::SdkError<E>) -> Self {
                error.fold(Self::from, Self::Build, Self::Response, Self::Dispatch)
            }
        }

        #(#conversions)*

        #[cfg(feature = "client")]
        impl<G, U> From<restxml_runtime::client::ModifyError<G, U>> for Error
        where
            Error: From<restxml_runtime::SdkError<G>> + From<restxml_runtime::SdkError<U>>,
        {
            /// A read-modify-write's error: the failed call's, or a read
            /// without the config (`Response`) or its `ETag` (`Response`).
            fn from(error: restxml_runtime::client::ModifyError<G, U>) -> Self {
                error.fold(
                    Self::from,
                    Self::from,
                    || Self::Response(restxml_runtime::ResponseError::missing_payload(200)),
                    || Self::Response(restxml_runtime::ResponseError::missing_header(200, "ETag")),
                )
            }
        }
    })
}
