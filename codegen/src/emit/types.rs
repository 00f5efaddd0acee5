//! Data types: a struct per structure (with a builder), a Rust enum per
//! union and per string enum. Required members are plain fields, optional
//! ones `Option`; sensitive members print redacted in `Debug`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{deprecated_attr, doc_attrs, field_type, ident, member_docs, rust_type, serde_pascal, type_docs};
use crate::ir::{
    Enumeration, Member, NamedShape, QuantityItems, Service, ShapeKind, Structure, StructureRole, TypeRef,
};

const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// The definition of a named shape: type, builder, trait impls that are
/// not XML.
pub fn emit(service: &Service, shape: &NamedShape) -> TokenStream {
    match &shape.kind {
        ShapeKind::Enum(e) => emit_enum(shape, e),
        ShapeKind::Structure(s) if s.union => emit_union(service, shape, s),
        ShapeKind::Structure(s) => emit_struct(service, shape, s),
    }
}

fn serde_derives() -> TokenStream {
    quote! { #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))] }
}

fn serde_field_rename(member: &Member) -> TokenStream {
    let field = member.field.trim_start_matches("r#");
    if serde_pascal(field) == member.wire_name {
        quote! {}
    } else {
        let wire = &member.wire_name;
        quote! { #[cfg_attr(feature = "serde", serde(rename = #wire))] }
    }
}

fn emit_struct(service: &Service, shape: &NamedShape, s: &Structure) -> TokenStream {
    let name = ident(&shape.rust_name);
    let docs = type_docs(shape);
    let usage = usage_docs(service, shape, s);
    let is_error = s.error.is_some();

    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = field_type(service, m);
        let docs = member_docs(m);
        let rename = serde_field_rename(m);
        // Fields carry the deprecation in their docs; their setters carry
        // `#[deprecated]`, so users are warned where they set them while the
        // crate's own reading and writing of the field stays warning-free.
        let deprecation = deprecation_doc(m);
        let quantity_note = s.quantity_items.filter(|qi| s.members[qi.quantity].field == m.field).map(|_| {
            doc_attrs("\nThe builder counts `Items` when this is not set; a value that differs from the number of `Items` is refused before sending.")
        });
        quote! { #docs #quantity_note #deprecation #rename pub #field: #ty, }
    });
    let is_output = s.role == StructureRole::Output;
    let meta_field = if is_error {
        Some(quote! {
            /// The code, message, request id and status of the response.
            #[cfg_attr(feature = "serde", serde(skip))]
            pub(crate) meta: Box<restxml_runtime::ErrorMetadata>,
        })
    } else if is_output {
        Some(quote! {
            /// The request ids of the response, read through [`restxml_runtime::RequestId`].
            #[cfg_attr(feature = "serde", serde(skip))]
            pub(crate) meta: restxml_runtime::ResponseMetadata,
        })
    } else {
        None
    };
    let request_id_impl = is_output.then(|| {
        quote! {
            impl restxml_runtime::RequestId for #name {
                fn response_metadata(&self) -> &restxml_runtime::ResponseMetadata {
                    &self.meta
                }
            }
        }
    });
    // Debug is written out rather than derived: a derived `fmt` is compiled
    // in this crate, a written one is `#[inline]` like every generated
    // function (see layout), and it redacts sensitive members.
    let debug_impl = debug_impl(&name, shape, s, is_error);
    let builder = (!is_error).then(|| emit_builder(service, shape, s));
    let serde_rename_all = if s.members.is_empty() {
        quote! {}
    } else {
        quote! { #[cfg_attr(feature = "serde", serde(rename_all = "PascalCase"))] }
    };
    // An operation's input refuses unknown members, as botocore refuses
    // unknown parameters; everything else ignores them, so JSON from a
    // newer service still reads.
    let serde_strict =
        (s.role == StructureRole::Input).then(|| quote! { #[cfg_attr(feature = "serde", serde(deny_unknown_fields))] });
    let serde = serde_derives();

    quote! {
        #docs
        #usage
        #[derive(Clone, PartialEq)]
        #serde
        #serde_rename_all
        #serde_strict
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
            #meta_field
        }
        #debug_impl
        #request_id_impl
        #builder
    }
}

/// How an operation's input or output is reached from the client, and
/// for an input that carries `If-Match`, where its value comes from.
fn usage_docs(service: &Service, shape: &NamedShape, s: &Structure) -> Option<TokenStream> {
    let ops: Vec<&crate::ir::Operation> = service
        .operations
        .values()
        .filter(|op| [&op.input, &op.output].into_iter().flatten().any(|n| *n == shape.wire_name))
        .collect();
    let op = ops.first()?;
    let text = match s.role {
        StructureRole::Input => {
            let mut text = format!(
                "\nSent by {}: set its members on the client's fluent builder, `client.{}().<member>(value)...send()`, \
                 or build it here and send it with `client.{}_with(input).send()`.",
                op.name, op.snake, op.snake
            );
            if let Some(m) = s.members.iter().find(|m| m.location == crate::ir::Location::Header("If-Match".into())) {
                let pairs = super::client::read_modify_write_pairs(service);
                let from = match pairs.iter().find(|pair| pair.update.name == op.name).map(|pair| pair.get) {
                    Some(get) => format!(
                        "the `ETag` that {} returned (or use `client.{}().read_modify_write(...)`, which does both calls)",
                        get.name, get.snake
                    ),
                    None => "the `ETag` of the version being changed".to_string(),
                };
                text.push_str(&format!(
                    " `{}` (`If-Match`) is {from}; a stale value fails with `PreconditionFailed`.",
                    m.field.trim_start_matches("r#")
                ));
            }
            text
        }
        StructureRole::Output => format!(
            "\nReturned by {}'s `send()`; its request id is `output.request_id()` ([`RequestId`](restxml_runtime::RequestId)).",
            op.name
        ),
        StructureRole::Data => return None,
    };
    Some(doc_attrs(&text))
}

fn deprecation_doc(member: &Member) -> TokenStream {
    match &member.deprecated {
        Some(message) if !message.is_empty() => doc_attrs(&format!("\n**Deprecated:** {message}")),
        Some(_) => doc_attrs("\n**Deprecated** in the model."),
        None => quote! {},
    }
}

fn debug_impl(name: &proc_macro2::Ident, shape: &NamedShape, s: &Structure, is_error: bool) -> TokenStream {
    let label = name.to_string();
    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let field_name = m.field.trim_start_matches("r#");
        if shape.sensitive || m.sensitive {
            quote! { .field(#field_name, &#REDACTED) }
        } else {
            quote! { .field(#field_name, &self.#field) }
        }
    });
    let meta = is_error.then(|| quote! { .field("meta", &self.meta) });
    quote! {
        impl std::fmt::Debug for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#label) #(#fields)* #meta .finish()
            }
        }
    }
}

/// The types a builder's setters of `m` take: `arg_ty` for `m(value)`
/// (converted by `convert` to what is stored), `stored` for `set_m(value)`.
pub struct SetterTypes {
    pub arg_ty: TokenStream,
    pub convert: TokenStream,
    pub stored: TokenStream,
}

/// The [`SetterTypes`] of member `m`.
pub fn setter_types(service: &Service, m: &Member) -> SetterTypes {
    let ty = rust_type(service, &m.ty);
    let (arg_ty, convert) = match (&m.ty, m.boxed) {
        (TypeRef::String, _) => (quote! { impl Into<String> }, quote! { value.into() }),
        (TypeRef::Stream, _) => (quote! { impl Into<restxml_runtime::ByteStream> }, quote! { value.into() }),
        (_, true) => (quote! { #ty }, quote! { Box::new(value) }),
        _ => (quote! { #ty }, quote! { value }),
    };
    let stored = if m.boxed {
        quote! { Option<Box<#ty>> }
    } else {
        quote! { Option<#ty> }
    };
    SetterTypes { arg_ty, convert, stored }
}

fn emit_builder(service: &Service, shape: &NamedShape, s: &Structure) -> TokenStream {
    let name = ident(&shape.rust_name);
    let builder = format_ident!("{}Builder", shape.rust_name);
    let builder_doc = format!(" A builder for [`{}`].", shape.rust_name);
    let new_doc = format!(" A builder for [`{}`]; `build` checks that every required member is set.", shape.rust_name);
    let wire_shape = &shape.wire_name;

    let fields = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let ty = rust_type(service, &m.ty);
        let ty = if m.boxed {
            quote! { Box<#ty> }
        } else {
            ty
        };
        quote! { #field: Option<#ty>, }
    });
    let setters = s.members.iter().map(|m| {
        let field = ident(&m.field);
        let set_field = format_ident!("set_{}", m.field.trim_start_matches("r#"));
        // One line linking to the field's docs rather than a copy of them:
        // rustdoc shows the link, and the crate compiles less text.
        let field_name = m.field.trim_start_matches("r#");
        let docs = format!(" Sets [`{}::{}`].", shape.rust_name, field_name);
        let docs = quote! { #[doc = #docs] };
        let set_doc = format!(" Sets or clears [`{}::{}`].", shape.rust_name, field_name);
        let deprecated = deprecated_attr(m);
        let SetterTypes { arg_ty, convert, stored } = setter_types(service, m);
        // `set_*` takes an `Option`, for optional members only: passing
        // `None` for a required member would just defer the error to `build`.
        let set = (!m.required).then(|| {
            quote! {
                #[doc = #set_doc]
                #deprecated
                pub fn #set_field(mut self, value: #stored) -> Self {
                    self.#field = value;
                    self
                }
            }
        });
        quote! {
            #docs
            #deprecated
            pub fn #field(mut self, value: #arg_ty) -> Self {
                self.#field = Some(#convert);
                self
            }
            #set
        }
    });
    let quantity_index = s.quantity_items.map(|qi| qi.quantity);
    // Required members are matched together, so a missing one is reported
    // with every other missing one.
    let required: Vec<&Member> = s
        .members
        .iter()
        .enumerate()
        .filter(|(i, m)| m.required && Some(*i) != quantity_index)
        .map(|(_, m)| m)
        .collect();
    // A required member's value is bound to `m_<field>` (as parse_response
    // binds its members), not to the field's own name.
    let local = |m: &Member| format_ident!("m_{}", m.field.trim_start_matches("r#"));
    let build_fields = s.members.iter().enumerate().map(|(i, m)| {
        let field = ident(&m.field);
        if Some(i) == quantity_index {
            quote! { #field, }
        } else if m.required {
            let local = local(m);
            quote! { #field: #local, }
        } else {
            quote! { #field: self.#field, }
        }
    });
    let is_output = s.role == StructureRole::Output;
    let meta_init = is_output.then(|| quote! { meta: Default::default(), });
    let construct = quote! { Ok(#name { #(#build_fields)* #meta_init }) };
    let build_body = if required.is_empty() {
        construct
    } else {
        let fields: Vec<_> = required.iter().map(|m| ident(&m.field)).collect();
        let locals: Vec<_> = required.iter().map(|m| local(m)).collect();
        let checks = required.iter().zip(&locals).map(|(m, local)| {
            let (name, wire) = (m.field.trim_start_matches("r#"), &m.wire_name);
            quote! { (#local.is_none(), #name, #wire) }
        });
        let type_name = &shape.rust_name;
        quote! {
            match (#(self.#fields,)*) {
                (#(Some(#locals),)*) => #construct,
                (#(#locals,)*) => Err(restxml_runtime::BuildError::missing_fields(#type_name, &[#(#checks),*])),
            }
        }
    };
    let debug_impl = {
        let label = builder.to_string();
        let fields = s.members.iter().map(|m| {
            let field = ident(&m.field);
            let field_name = m.field.trim_start_matches("r#");
            if shape.sensitive || m.sensitive {
                quote! { .field(#field_name, &self.#field.as_ref().map(|_| #REDACTED)) }
            } else {
                quote! { .field(#field_name, &self.#field) }
            }
        });
        quote! {
            impl std::fmt::Debug for #builder {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    f.debug_struct(#label) #(#fields)* .finish()
                }
            }
        }
    };
    let build_doc = format!(" Builds the [`{}`], or names every required member that is missing.", shape.rust_name);

    let resolve_quantity = s.quantity_items.map(|qi| {
        let quantity = ident(&s.members[qi.quantity].field);
        let items = ident(&s.members[qi.items].field);
        quote! {
            let #quantity = restxml_runtime::error::resolve_quantity(#wire_shape, self.#quantity, self.#items.as_ref().map(Vec::len))?;
        }
    });
    let from_items = s.quantity_items.and_then(|qi| from_items_impl(service, shape, s, qi));
    // An input can go back to its builder, to be changed or sent through
    // the client's fluent call (`client.<operation>_with(input)`).
    let is_input = service.operations.values().any(|op| op.input.as_deref() == Some(shape.wire_name.as_str()));
    // An input's builder is cloned by paginators and waiters, which send
    // it again with another token.
    let clone_builder = is_input.then(|| {
        let fields: Vec<_> = s.members.iter().map(|m| (ident(&m.field), !m.boxed && super::is_copy(&m.ty))).collect();
        super::clone_struct(&builder, &fields)
    });
    let input_param = if s.members.is_empty() { format_ident!("_input") } else { format_ident!("input") };
    let to_builder = is_input.then(|| {
        let fields = s.members.iter().map(|m| {
            let field = ident(&m.field);
            if m.required {
                quote! { #field: Some(input.#field), }
            } else {
                quote! { #field: input.#field, }
            }
        });
        quote! {
            impl From<#name> for #builder {
                /// A builder holding every member of `input`.
                fn from(#input_param: #name) -> Self {
                    #builder { #(#fields)* }
                }
            }
        }
    });

    quote! {
        impl #name {
            #[doc = #new_doc]
            pub fn builder() -> #builder {
                #builder::default()
            }
        }

        #from_items
        #to_builder

        #[doc = #builder_doc]
        #[derive(Default)]
        pub struct #builder {
            #(#fields)*
        }

        #debug_impl
        #clone_builder

        impl #builder {
            #(#setters)*

            #[doc = #build_doc]
            pub fn build(self) -> Result<#name, restxml_runtime::BuildError> {
                #resolve_quantity
                #build_body
            }
        }
    }
}

/// `From<Vec<Item>>` for a `Quantity`/`Items` wrapper whose only required
/// members are those two: the quantity is counted for the caller.
fn from_items_impl(service: &Service, shape: &NamedShape, s: &Structure, qi: QuantityItems) -> Option<TokenStream> {
    let others_required = s.members.iter().enumerate().any(|(i, m)| m.required && i != qi.quantity && i != qi.items);
    if others_required {
        return None;
    }
    let name = ident(&shape.rust_name);
    let TypeRef::List(list) = &s.members[qi.items].ty else { return None };
    let item = rust_type(service, &list.member);
    let items_param = ident(&s.members[qi.items].field);
    let fields = s.members.iter().enumerate().map(|(i, m)| {
        let field = ident(&m.field);
        if i == qi.quantity {
            quote! { #field: i32::try_from(#items_param.len()).unwrap_or(i32::MAX), }
        } else if i == qi.items {
            if m.required {
                quote! { #field, }
            } else {
                quote! { #field: Some(#items_param), }
            }
        } else {
            quote! { #field: None, }
        }
    });
    let article = if shape.wire_name.starts_with(['A', 'E', 'I', 'O', 'U']) { "An" } else { "A" };
    let doc = format!(" {article} `{}` holding `items`, with `Quantity` set to their number.", shape.wire_name);
    Some(quote! {
        impl From<Vec<#item>> for #name {
            #[doc = #doc]
            fn from(#items_param: Vec<#item>) -> Self {
                Self { #(#fields)* }
            }
        }
    })
}

fn emit_union(service: &Service, shape: &NamedShape, s: &Structure) -> TokenStream {
    let name = ident(&shape.rust_name);
    let docs = type_docs(shape);
    let variants = s.members.iter().map(|m| {
        let variant = ident(&crate::ir::names::type_name(&m.wire_name));
        let ty = rust_type(service, &m.ty);
        let ty = if m.boxed {
            quote! { Box<#ty> }
        } else {
            ty
        };
        let docs = member_docs(m);
        let wire = &m.wire_name;
        quote! {
            #docs
            #[cfg_attr(feature = "serde", serde(rename = #wire))]
            #variant(#ty),
        }
    });
    let serde = serde_derives();
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq)]
        #serde
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A member this version of the crate does not know, read from a
            /// newer service: holds its element name (empty when the union
            /// element had no member at all). It cannot be sent.
            #[cfg_attr(feature = "serde", serde(skip))]
            Unknown(String),
        }
    }
}

fn emit_enum(shape: &NamedShape, e: &Enumeration) -> TokenStream {
    let name = ident(&shape.rust_name);
    let docs = type_docs(shape);
    let variants = e.variants.iter().map(|(variant, wire)| {
        let variant = ident(variant);
        let doc = format!(" `{wire}`");
        quote! { #[doc = #doc] #variant, }
    });
    let as_str_arms = e.variants.iter().map(|(variant, wire)| {
        let variant = ident(variant);
        quote! { Self::#variant => #wire, }
    });
    let from_arms = e.variants.iter().map(|(variant, wire)| {
        let variant = ident(variant);
        quote! { #wire => Self::#variant, }
    });
    let values = e.variants.iter().map(|(_, wire)| wire);
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this version of the crate does not know; holds the raw string.
            Unknown(String),
        }

        impl #name {
            /// The value as it is on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str_arms)*
                    Self::Unknown(value) => value,
                }
            }

            /// Every value the model knows, in model order.
            pub const fn values() -> &'static [&'static str] {
                &[#(#values),*]
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                match value {
                    #(#from_arms)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;
            fn from_str(value: &str) -> Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl restxml_runtime::scalar::ToText for #name {
            fn to_text(&self) -> std::borrow::Cow<'_, str> {
                std::borrow::Cow::Borrowed(self.as_str())
            }
        }

        impl restxml_runtime::scalar::FromText for #name {
            const EXPECTED: &'static str = "text";
            fn from_text(text: &str) -> Option<Self> {
                Some(Self::from(text))
            }
        }

        #[cfg(feature = "serde")]
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[cfg(feature = "serde")]
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok(Self::from(value.as_ref()))
            }
        }
    }
}
