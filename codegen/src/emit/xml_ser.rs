//! `WriteXml` impls: one straight-line function per written shape, over the
//! runtime's scoped writer.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, timestamp_format};
use crate::ir::{Member, NamedShape, ShapeKind, Structure, TimestampFormat, TypeRef};

/// The `WriteXml` impl of a written named shape.
pub fn emit(shape: &NamedShape) -> TokenStream {
    let name = ident(&shape.rust_name);
    let body = match &shape.kind {
        ShapeKind::Enum(_) => quote! { tag.text(self.as_str()) },
        ShapeKind::Structure(s) if s.union => union_body(shape, s),
        ShapeKind::Structure(s) => struct_body(shape, s),
    };
    let tag = if needs_mut_tag(shape) {
        quote! { mut tag }
    } else {
        quote! { tag }
    };
    quote! {
        impl restxml_runtime::xml::WriteXml for #name {
            fn write_xml(&self, #tag: restxml_runtime::xml::StartTag<'_>) -> Result<(), restxml_runtime::BuildError> {
                #body
            }
        }
    }
}

fn needs_mut_tag(shape: &NamedShape) -> bool {
    shape.structure().is_some_and(|s| !s.union && s.members.iter().any(|m| m.xml_attribute))
}

fn struct_body(shape: &NamedShape, s: &Structure) -> TokenStream {
    let quantity_check = s.quantity_items.map(|qi| {
        let quantity = ident(&s.members[qi.quantity].field);
        let items_member = &s.members[qi.items];
        let items = ident(&items_member.field);
        let count = if items_member.required {
            quote! { Some(self.#items.len()) }
        } else {
            quote! { self.#items.as_ref().map(Vec::len) }
        };
        let wire = &shape.wire_name;
        quote! { restxml_runtime::error::check_quantity(#wire, self.#quantity, #count)?; }
    });
    let attributes = s.members.iter().filter(|m| m.xml_attribute).map(|m| {
        let field = ident(&m.field);
        let name = &m.xml_name;
        let text = attribute_text(m);
        if m.required {
            quote! { { let value = &self.#field; tag.attr(#name, #text)?; } }
        } else {
            quote! { if let Some(value) = &self.#field { tag.attr(#name, #text)?; } }
        }
    });
    let elements: Vec<&Member> = s.members.iter().filter(|m| !m.xml_attribute).collect();
    if elements.is_empty() {
        return quote! {
            #quantity_check
            #(#attributes)*
            drop(tag.content());
            Ok(())
        };
    }
    let writes = member_writes(&elements, &quote! { self }, &format_ident!("content"));
    quote! {
        #quantity_check
        #(#attributes)*
        let mut content = tag.content();
        #writes
        Ok(())
    }
}

fn attribute_text(member: &Member) -> TokenStream {
    match &member.ty {
        TypeRef::String => quote! { value },
        TypeRef::Timestamp(format) => {
            let format = timestamp_format(*format, TimestampFormat::Iso8601);
            quote! { &value.format(#format) }
        }
        _ => quote! { &restxml_runtime::scalar::ToText::to_text(value) },
    }
}

fn union_body(shape: &NamedShape, s: &Structure) -> TokenStream {
    let arms = s.members.iter().map(|m| {
        let variant = ident(&crate::ir::names::type_name(&m.wire_name));
        let write =
            write_value(&m.ty, &m.xml_name, m.xml_namespace.as_ref(), &quote! { value }, &format_ident!("content"), 0);
        quote! { Self::#variant(value) => { #write } }
    });
    let wire = &shape.wire_name;
    quote! {
        let mut content = tag.content();
        match self {
            #(#arms)*
            Self::Unknown(_) => {
                return Err(restxml_runtime::BuildError::invalid_value(
                    #wire,
                    "an unknown union member cannot be sent",
                ));
            }
        }
        Ok(())
    }
}

/// Statements writing `members` of `owner` (an expression such as `self` or
/// `input`) as children of the content scope `content`.
pub fn member_writes(members: &[&Member], owner: &TokenStream, content: &proc_macro2::Ident) -> TokenStream {
    // Idempotency tokens are filled in the operation's input only, as
    // botocore fills them (its `generate_idempotent_uuid` looks at the input
    // shape's own members): a nested structure's token member left unset
    // stays unset.
    let top_level = owner.to_string() == "input";
    let statements = members.iter().map(|m| {
        let field = ident(&m.field);
        let value = super::rewritten(m).unwrap_or_else(|| quote! { value });
        let write = write_value(&m.ty, &m.xml_name, m.xml_namespace.as_ref(), &value, content, 0);
        if m.required {
            quote! { { let value = &#owner.#field; #write } }
        } else if let Some(token) = super::token_or_value(m, owner).filter(|_| top_level) {
            quote! { { let value = #token; #write } }
        } else {
            quote! { if let Some(value) = &#owner.#field { #write } }
        }
    });
    quote! { #(#statements)* }
}

/// Whether values of `ty` are written by their `WriteXml` impl alone.
fn plain(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Timestamp(format) => matches!(format, TimestampFormat::Default | TimestampFormat::Iso8601),
        TypeRef::List(_) | TypeRef::Map(_) => false,
        _ => true,
    }
}

/// A statement writing `value` (an expression of type `&T`) as the element
/// `name` into the scope `content`.
fn write_value(
    ty: &TypeRef,
    name: &str,
    namespace: Option<&crate::model::XmlNamespace>,
    value: &TokenStream,
    content: &proc_macro2::Ident,
    depth: usize,
) -> TokenStream {
    let start = super::with_namespace(quote! { #content.start(#name) }, namespace);
    match ty {
        TypeRef::Timestamp(format) if !plain(ty) => {
            let format = timestamp_format(*format, TimestampFormat::Iso8601);
            quote! { #start.text(&#value.format(#format))?; }
        }
        TypeRef::List(list) => {
            let item = format_ident!("item{depth}");
            if list.flattened {
                let write = write_value(
                    &list.member,
                    name,
                    list.member_namespace.as_ref(),
                    &quote! { #item },
                    content,
                    depth + 1,
                );
                quote! { for #item in #value.iter() { #write } }
            } else if plain(&list.member) && list.member_namespace.is_none() && namespace.is_none() {
                let member = &list.member_name;
                quote! { #content.list(#name, #member, #value)?; }
            } else {
                let inner = format_ident!("list{depth}");
                let write = write_value(
                    &list.member,
                    &list.member_name,
                    list.member_namespace.as_ref(),
                    &quote! { #item },
                    &inner,
                    depth + 1,
                );
                quote! {
                    {
                        let mut #inner = #start.content();
                        for #item in #value.iter() { #write }
                    }
                }
            }
        }
        TypeRef::Map(map) => {
            let (key, val) = (format_ident!("key{depth}"), format_ident!("value{depth}"));
            let entry = format_ident!("entry{depth}");
            let write_key =
                write_value(&map.key, &map.key_name, map.key_namespace.as_ref(), &quote! { #key }, &entry, depth + 1);
            let write_val = write_value(
                &map.value,
                &map.value_name,
                map.value_namespace.as_ref(),
                &quote! { #val },
                &entry,
                depth + 1,
            );
            if map.flattened {
                quote! {
                    for (#key, #val) in #value.iter() {
                        let mut #entry = #start.content();
                        #write_key
                        #write_val
                    }
                }
            } else {
                let inner = format_ident!("map{depth}");
                quote! {
                    {
                        let mut #inner = #start.content();
                        for (#key, #val) in #value.iter() {
                            let mut #entry = #inner.start("entry").content();
                            #write_key
                            #write_val
                        }
                    }
                }
            }
        }
        _ => {
            if namespace.is_some() {
                quote! { restxml_runtime::xml::WriteXml::write_xml(#value, #start)?; }
            } else {
                quote! { #content.element(#name, #value)?; }
            }
        }
    }
}
