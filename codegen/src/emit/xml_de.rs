//! `ReadXml` impls: one straight-line function per read shape. Children are
//! matched by local name; unknown ones are skipped by the runtime reader.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::{ident, timestamp_format};
use crate::ir::{Location, Member, NamedShape, ShapeKind, Structure, TimestampFormat, TypeRef};

/// The `ReadXml` impl of a read named shape.
pub fn emit(shape: &NamedShape) -> TokenStream {
    let name = ident(&shape.rust_name);
    let body = match &shape.kind {
        ShapeKind::Enum(_) => quote! { Ok(Self::from(element.text()?.as_ref())) },
        ShapeKind::Structure(s) if s.union => union_body(s),
        ShapeKind::Structure(s) => struct_body(s),
    };
    let missing = missing_value(shape);
    // A structure with nothing in its body does not look at its element.
    let reads_element = match &shape.kind {
        ShapeKind::Structure(s) => s.members.iter().any(|m| m.location == Location::Body),
        ShapeKind::Enum(_) => true,
    };
    let element = if reads_element {
        quote! { element }
    } else {
        quote! { _element }
    };
    quote! {
        impl restxml_runtime::xml::ReadXml for #name {
            fn read_xml(#element: &mut restxml_runtime::xml::Element<'_, '_>) -> Result<Self, restxml_runtime::xml::XmlError> {
                #body
            }

            fn missing() -> Option<Self> {
                #missing
            }
        }
    }
}

/// The value a response gets when it leaves this shape out where the model
/// requires it (client error correction): empty values for required
/// members, nothing for optional ones.
fn missing_value(shape: &NamedShape) -> TokenStream {
    match &shape.kind {
        ShapeKind::Enum(_) => quote! { Some(Self::Unknown(String::new())) },
        ShapeKind::Structure(s) if s.union => quote! { Some(Self::Unknown(String::new())) },
        ShapeKind::Structure(s) => {
            let fields = s.members.iter().map(|m| {
                let field = ident(&m.field);
                let value = match (&m.ty, m.required) {
                    (_, false) => quote! { None },
                    (TypeRef::List(_) | TypeRef::Map(_), true) => quote! { Default::default() },
                    (_, true) => quote! { restxml_runtime::xml::ReadXml::missing()? },
                };
                quote! { #field: #value, }
            });
            let meta = s.error.is_some().then(|| quote! { meta: Box::default(), });
            quote! { Some(Self { #(#fields)* #meta }) }
        }
    }
}

fn struct_body(s: &Structure) -> TokenStream {
    // Members bound to headers (on error shapes) are not in the body; the
    // error's reader fills them from the response headers.
    let members: Vec<&Member> = s.members.iter().filter(|m| m.location == Location::Body).collect();
    let reads = member_reads(&members, &format_ident!("element"));
    // Until then a required one holds the empty value of its type.
    let from_headers = s.members.iter().filter(|m| m.location != Location::Body).map(|m| {
        let field = ident(&m.field);
        let wire = &m.wire_name;
        match (&m.ty, m.required) {
            (_, false) => quote! { #field: None, },
            (TypeRef::List(_) | TypeRef::Map(_), true) => quote! { #field: Default::default(), },
            (_, true) => quote! {
                #field: restxml_runtime::xml::ReadXml::missing()
                    .ok_or_else(|| restxml_runtime::xml::XmlError::missing_in_empty_body(#wire))?,
            },
        }
    });
    // A `Quantity`/`Items` wrapper without its `Quantity` (moto leaves it
    // out) counts its items: the count is redundant with them.
    let count_items = s.quantity_items.filter(|qi| s.members[qi.quantity].location == Location::Body).map(|qi| {
        let quantity = format_ident!("m_{}", s.members[qi.quantity].field.trim_start_matches("r#"));
        let items = format_ident!("m_{}", s.members[qi.items].field.trim_start_matches("r#"));
        quote! {
            let #quantity = #quantity.or_else(|| i32::try_from(#items.as_ref().map_or(0, Vec::len)).ok());
        }
    });
    let inits = reads.inits.iter().map(|(field, value)| quote! { #field: #value, }).chain(from_headers);
    let meta = s.error.is_some().then(|| quote! { meta: Box::default(), });
    let prelude = reads.prelude;
    quote! {
        #prelude
        #count_items
        Ok(Self { #(#inits)* #meta })
    }
}

fn union_body(s: &Structure) -> TokenStream {
    let arms: Vec<(String, TokenStream)> = s
        .members
        .iter()
        .map(|m| {
            let variant = ident(&crate::ir::names::type_name(&m.wire_name));
            let read = read_value(&m.ty, &quote! { &mut child }, 0);
            let read = if m.boxed {
                quote! { Box::new(#read?) }
            } else {
                quote! { #read? }
            };
            (m.xml_name.clone(), quote! { value = Some(Self::#variant(#read)); })
        })
        .collect();
    // A member this version does not know (the service added it) is kept
    // by name, not refused, so an older client keeps working; botocore
    // gives `{"SDK_UNKNOWN_MEMBER": {"name": ...}}`. A known member wins.
    let arms = arms.iter().map(|(name, body)| quote! { #name => { #body } });
    quote! {
        let mut value = None;
        while let Some(mut child) = element.next_child()? {
            match child.local_name() {
                #(#arms)*
                other => {
                    if value.is_none() {
                        value = Some(Self::Unknown(other.to_string()));
                    }
                }
            }
        }
        Ok(value.unwrap_or_else(|| Self::Unknown(String::new())))
    }
}

/// The pieces of reading a set of members from one element.
pub struct MemberReads {
    /// Declarations and the loop over children.
    pub prelude: TokenStream,
    /// `(field, value)` for a struct literal; values may use `?`.
    pub inits: Vec<(Ident, TokenStream)>,
}

/// Reads `members` (attributes and child elements) of the element in the
/// variable `element` into locals, then gives initialisers for a struct
/// literal; required members missing from the document are errors.
pub fn member_reads(members: &[&Member], element: &Ident) -> MemberReads {
    let mut decls = Vec::new();
    let mut arms: Vec<(String, TokenStream)> = Vec::new();
    let mut inits = Vec::new();
    for m in members {
        let field = ident(&m.field);
        let local = format_ident!("{}", format!("m_{}", m.field.trim_start_matches("r#")));
        let name = &m.xml_name;
        if m.xml_attribute {
            let read = match &m.ty {
                TypeRef::String => quote! { #element.attribute(#name)?.map(std::borrow::Cow::into_owned) },
                TypeRef::Timestamp(format) => {
                    let format = timestamp_format(*format, TimestampFormat::Iso8601);
                    quote! { #element.attribute_timestamp(#name, #format)? }
                }
                _ => quote! { #element.attribute_value(#name)? },
            };
            decls.push(quote! { let #local = #read; });
        } else {
            // A member whose element an earlier member already reads (S3's
            // deprecated `Event` beside the flattened `Events`) is filled
            // from it, as botocore fills both: a scalar with the first
            // element, a flattened list with each. Any other pairing stays
            // unset.
            if let Some(index) = arms.iter().position(|(existing, _)| existing == name) {
                let earlier = members.iter().find(|e| &e.xml_name == name && !e.xml_attribute);
                let earlier_local =
                    earlier.map(|e| format_ident!("{}", format!("m_{}", e.field.trim_start_matches("r#"))));
                let copy = match (earlier.map(|e| (&e.ty, e.boxed)), &m.ty, earlier_local) {
                    (Some((TypeRef::List(list), _)), ty, Some(from))
                        if list.flattened && list.member == *ty && !m.boxed =>
                    {
                        Some(quote! {
                            if #local.is_none() {
                                #local = #from.as_ref().and_then(|items| items.last()).cloned();
                            }
                        })
                    }
                    (Some((ty, false)), TypeRef::List(list), Some(from)) if list.flattened && list.member == *ty => {
                        // The element just read into `#from`, added (an
                        // `Option` method, so its type may come later).
                        Some(quote! {
                            #local.get_or_insert_with(Vec::new).extend(#from.clone());
                        })
                    }
                    _ => None,
                };
                match copy {
                    Some(copy) => {
                        decls.push(quote! { let mut #local = None; });
                        let (_, arm) = &mut arms[index];
                        arm.extend(copy);
                    }
                    None => decls.push(quote! { let #local = None; }),
                }
                inits.push(init(m, &field, &local, element));
                continue;
            }
            decls.push(quote! { let mut #local = None; });
            match &m.ty {
                TypeRef::List(list) if list.flattened => {
                    let read = read_value(&list.member, &quote! { &mut child }, 0);
                    arms.push((name.clone(), quote! { #local.get_or_insert_with(Vec::new).push(#read?); }));
                }
                TypeRef::Map(map) if map.flattened => {
                    let read_key = read_value(&map.key, &quote! { key }, 1);
                    let read_value_ = read_value(&map.value, &quote! { value }, 1);
                    let (k, v) = (&map.key_name, &map.value_name);
                    arms.push((
                        name.clone(),
                        quote! {
                            let (key, value) = child.read_map_entry(#k, #v, |key| #read_key, |value| #read_value_)?;
                            #local.get_or_insert_with(restxml_runtime::IndexMap::new).insert(key, value);
                        },
                    ));
                }
                ty => {
                    let read = read_value(ty, &quote! { &mut child }, 0);
                    let read = if m.boxed {
                        quote! { Box::new(#read?) }
                    } else {
                        quote! { #read? }
                    };
                    arms.push((name.clone(), quote! { #local = Some(#read); }));
                }
            }
        }
        inits.push(init(m, &field, &local, element));
    }
    let children = (!arms.is_empty()).then(|| children_loop(element, &arms));
    MemberReads { prelude: quote! { #(#decls)* #children }, inits }
}

/// The value of a member's field from its local: required members are
/// corrected when absent (empty lists; see `ReadXml::missing`).
fn init(m: &Member, field: &Ident, local: &Ident, element: &Ident) -> (Ident, TokenStream) {
    let wire = &m.xml_name;
    let value = if m.required && matches!(m.ty, TypeRef::List(_) | TypeRef::Map(_)) {
        quote! { #local.unwrap_or_default() }
    } else if m.required {
        quote! { restxml_runtime::xml::required(#local, #wire, #element)? }
    } else {
        quote! { #local }
    };
    (field.clone(), value)
}

/// The loop over an element's children, dispatching on the local name;
/// children no arm names are skipped.
fn children_loop(element: &Ident, arms: &[(String, TokenStream)]) -> TokenStream {
    if let [(name, body)] = arms {
        return quote! {
            while let Some(mut child) = #element.next_child()? {
                if child.local_name() == #name {
                    #body
                }
            }
        };
    }
    let arms = arms.iter().map(|(name, body)| quote! { #name => { #body } });
    quote! {
        while let Some(mut child) = #element.next_child()? {
            match child.local_name() {
                #(#arms)*
                _ => {}
            }
        }
    }
}

/// An expression of type `Result<T, XmlError>` reading a `ty` from
/// `element`, an expression of type `&mut Element` (`&mut child` or a
/// closure's parameter).
fn read_value(ty: &TypeRef, element: &TokenStream, depth: usize) -> TokenStream {
    // Method calls borrow on their own: `child.read_list(..)`, not `(&mut child).read_list(..)`.
    let receiver = element.to_string().strip_prefix("& mut ").map_or_else(
        || element.clone(),
        |name| {
            let name = format_ident!("{}", name.trim());
            quote! { #name }
        },
    );
    match ty {
        TypeRef::Timestamp(format) if !matches!(format, TimestampFormat::Default | TimestampFormat::Iso8601) => {
            let format = timestamp_format(*format, TimestampFormat::Iso8601);
            quote! { restxml_runtime::xml::read_timestamp(#element, #format) }
        }
        TypeRef::List(list) => {
            let item = format_ident!("item{depth}");
            let read = read_value(&list.member, &quote! { #item }, depth + 1);
            let member = &list.member_name;
            quote! { #receiver.read_list(#member, |#item| #read) }
        }
        TypeRef::Map(map) => {
            let (k, v) = (format_ident!("key{depth}"), format_ident!("value{depth}"));
            let read_key = read_value(&map.key, &quote! { #k }, depth + 1);
            let read_val = read_value(&map.value, &quote! { #v }, depth + 1);
            let (key_name, value_name) = (&map.key_name, &map.value_name);
            quote! {
                #receiver
                    .read_map("entry", #key_name, #value_name, |#k| #read_key, |#v| #read_val)
                    .map(|entries| entries.into_iter().collect())
            }
        }
        _ => quote! { restxml_runtime::xml::ReadXml::read_xml(#element) },
    }
}
