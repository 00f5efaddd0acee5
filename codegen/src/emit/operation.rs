//! Operations: `serialize_request` (input to `http::Request`) and
//! `parse_response` (`http::Response` to output or typed error). HTTP
//! bindings (labels, query, headers such as `If-Match`, payload) are
//! emitted here.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{ident, rewritten, timestamp_format, token_or_value, xml_de, xml_ser};
use crate::ir::{Location, Member, Operation, PathPart, Service, StaticParamValue, TimestampFormat, TypeRef};

/// The functions of an operation's module.
pub fn emit(service: &Service, op: &Operation) -> TokenStream {
    let serialize = emit_serialize(service, op);
    let parse = emit_parse(service, op);
    let decode = emit_decode_url_encoded_keys(service, op);
    quote! { #serialize #parse #decode }
}

/// `decode_url_encoded_keys(&mut output)` for an operation whose keys are
/// asked for URL-encoded (S3's listings): each string member named, and
/// the named string member of each item of the named lists, decoded when
/// the output says it is URL-encoded.
fn emit_decode_url_encoded_keys(service: &Service, op: &Operation) -> Option<TokenStream> {
    let keys = op.url_encoded_keys.as_ref()?;
    let output_ty = output_type(service, op)?;
    let members = super::members_of(service, op.output.as_deref());
    let find = |name: &str| members.iter().copied().find(|m| m.wire_name == name);
    let decode_string = |m: &Member, place: TokenStream| {
        let field = ident(&m.field);
        if m.required {
            quote! { restxml_runtime::customizations::s3::url_decode(&mut #place.#field); }
        } else {
            quote! { if let Some(value) = &mut #place.#field { restxml_runtime::customizations::s3::url_decode(value); } }
        }
    };
    let top = keys.top.iter().filter_map(|name| find(name)).map(|m| decode_string(m, quote! { output }));
    let nested = keys.nested.iter().filter_map(|(list, item)| {
        let list = find(list)?;
        let TypeRef::List(info) = &list.ty else { return None };
        let TypeRef::Structure(item_shape) = &info.member else { return None };
        let item = super::members_of(service, Some(item_shape)).into_iter().find(|m| &m.wire_name == item)?;
        let field = ident(&list.field);
        let decode = decode_string(item, quote! { entry });
        Some(if list.required {
            quote! { for entry in &mut output.#field { #decode } }
        } else {
            quote! { for entry in output.#field.iter_mut().flatten() { #decode } }
        })
    });
    let encoding = find(&keys.member)?;
    let encoding_field = ident(&encoding.field);
    let value = keys.value.as_str();
    let doc = format!(
        " Decodes the keys, prefixes and markers of a {} output that came back URL-encoded (its `{}` is `{value}`): \
         `send` calls it when it asked for `{value}` because the caller chose no encoding.",
        op.name, keys.member
    );
    Some(quote! {
        #[doc = #doc]
        pub fn decode_url_encoded_keys(output: &mut #output_ty) {
            if output.#encoding_field.as_ref().map(|e| e.as_str()) != Some(#value) {
                return;
            }
            #(#top)*
            #(#nested)*
        }
    })
}

fn input_members<'s>(service: &'s Service, op: &Operation) -> Vec<&'s Member> {
    super::members_of(service, op.input.as_deref())
}

fn input_type(service: &Service, op: &Operation) -> Option<TokenStream> {
    op.input.as_ref().map(|name| super::type_path(service, name))
}

fn output_type(service: &Service, op: &Operation) -> Option<TokenStream> {
    op.output.as_ref().map(|name| super::type_path(service, name))
}

fn error_type(op: &Operation) -> proc_macro2::Ident {
    format_ident!("{}Error", crate::ir::names::type_name(&op.name))
}

/// An expression of type `&str` for a scalar `value` (an expression of
/// type `&T`) in a URI, query string or header. `default_format` is the
/// location's timestamp format: HTTP-date (`Rfc822`) only for headers,
/// where a timestamp is written in whole seconds in whatever format the
/// member names, as botocore writes it (`_convert_header_value` drops the
/// fraction before formatting).
fn text_of(ty: &TypeRef, value: &TokenStream, default_format: TimestampFormat) -> TokenStream {
    match ty {
        TypeRef::String | TypeRef::Enum(_) => quote! { #value.as_str() },
        TypeRef::Timestamp(format) if default_format == TimestampFormat::Rfc822 => {
            let format = timestamp_format(*format, default_format);
            quote! { #value.format_whole_seconds(#format).as_str() }
        }
        TypeRef::Timestamp(format) => {
            let format = timestamp_format(*format, default_format);
            quote! { #value.format(#format).as_str() }
        }
        _ => quote! { restxml_runtime::scalar::ToText::to_text(#value).as_ref() },
    }
}

/// [`text_of`] for a scalar member bound to the local `value`, after any
/// customization's rewrite.
fn member_text(member: &Member, default_format: TimestampFormat) -> TokenStream {
    rewritten(member).unwrap_or_else(|| text_of(&member.ty, &quote! { value }, default_format))
}

fn emit_serialize(service: &Service, op: &Operation) -> TokenStream {
    let members = input_members(service, op);
    let method = ident(&op.http.method);

    let path = op.http.path.iter().map(|part| match part {
        PathPart::Literal(text) => quote! { request.push_path(#text); },
        PathPart::Label { name, greedy } => {
            let Some(member) = members.iter().find(|m| m.location == Location::Label(name.clone())) else {
                // The resolver checked that every label is bound.
                return quote! {};
            };
            let field = ident(&member.field);
            let text = member_text(member, TimestampFormat::Iso8601);
            let label = name.as_str();
            if member.required {
                quote! { { let value = &input.#field; request.push_label(#label, #text, #greedy)?; } }
            } else if let Some(token) = token_or_value(member, &quote! { input }) {
                quote! { { let value = #token; request.push_label(#label, #text, #greedy)?; } }
            } else {
                quote! {
                    match &input.#field {
                        Some(value) => request.push_label(#label, #text, #greedy)?,
                        None => request.push_label(#label, "", #greedy)?,
                    }
                }
            }
        }
    });
    let constant_query = op.http.constant_query.iter().map(|(key, value)| match value {
        Some(value) => quote! { request.push_query(#key, Some(#value)); },
        None => quote! { request.push_query(#key, None); },
    });

    let bindings = members.iter().filter_map(|m| {
        let field = ident(&m.field);
        let statement = match &m.location {
            Location::Header(name) => {
                let write = match &m.ty {
                    // An empty list sends no header (botocore); strings
                    // holding commas or quotes are quoted.
                    TypeRef::List(list) if matches!(list.member, TypeRef::String | TypeRef::Enum(_)) => {
                        let item = text_of(&list.member, &quote! { item }, TimestampFormat::Rfc822);
                        quote! { request.header_list(#name, value.iter().map(|item| #item), true)?; }
                    }
                    TypeRef::List(list) => {
                        let item = text_of(&list.member, &quote! { item }, TimestampFormat::Rfc822);
                        quote! { request.header_list(#name, value.iter().map(|item| #item.to_string()), false)?; }
                    }
                    TypeRef::String if m.json_value => quote! {
                        request.header(#name, &restxml_runtime::http::json_header_text(value))?;
                    },
                    _ => {
                        let text = member_text(m, TimestampFormat::Rfc822);
                        quote! { request.header(#name, #text)?; }
                    }
                };
                Some(write)
            }
            Location::PrefixHeaders(prefix) => Some(quote! {
                for (key, item) in value {
                    request.header(&format!("{}{}", #prefix, key), item)?;
                }
            }),
            Location::Query(name) => Some(match &m.ty {
                TypeRef::List(list) => {
                    let text = text_of(&list.member, &quote! { item }, TimestampFormat::Iso8601);
                    quote! { for item in value { request.push_query(#name, Some(#text)); } }
                }
                _ => {
                    let text = member_text(m, TimestampFormat::Iso8601);
                    quote! { request.push_query(#name, Some(#text)); }
                }
            }),
            Location::QueryMap => Some(match &m.ty {
                TypeRef::Map(map) if matches!(map.value, TypeRef::List(_)) => quote! {
                    let named = request.query_names();
                    for (key, items) in value {
                        for item in items {
                            request.push_query_unless_named(&named, key, Some(item));
                        }
                    }
                },
                _ => quote! {
                    let named = request.query_names();
                    for (key, item) in value {
                        request.push_query_unless_named(&named, key, Some(item));
                    }
                },
            }),
            _ => None,
        }?;
        let is_map = m.location == Location::QueryMap;
        // Asked for unless the caller chose (S3's `encoding-type=url`).
        let default = op.url_encoded_keys.as_ref().filter(|keys| keys.member == m.wire_name).and_then(|keys| {
            let Location::Query(name) = &m.location else { return None };
            let value = keys.value.as_str();
            Some(quote! { else { request.push_query(#name, Some(#value)); } })
        });
        if let Some(default) = default {
            return Some((false, quote! { if let Some(value) = &input.#field { #statement } #default }));
        }
        Some((
            is_map,
            if m.required {
                quote! { { let value = &input.#field; #statement } }
            } else if let Some(token) = token_or_value(m, &quote! { input }) {
                quote! { { let value = #token; #statement } }
            } else {
                quote! { if let Some(value) = &input.#field { #statement } }
            },
        ))
    });
    // Named query parameters first, so a query map cannot override them.
    let (named, maps): (Vec<_>, Vec<_>) = bindings.partition(|(is_map, _)| !is_map);
    let bindings = named.into_iter().chain(maps).map(|(_, tokens)| tokens);

    let host_prefix = op.http.host_prefix.as_ref().map(|template| {
        // `foo.{label}.` -> literal pieces and the members filling the labels.
        let mut parts = Vec::new();
        let mut rest = template.as_str();
        while let Some(open) = rest.find('{') {
            let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
            let literal = &rest[..open];
            let label = &rest[open + 1..close];
            let member = members.iter().find(|m| m.host_label && m.wire_name == label);
            match member {
                Some(m) => {
                    let field = ident(&m.field);
                    let value = if m.required {
                        quote! { input.#field.as_str() }
                    } else {
                        quote! { input.#field.as_deref().unwrap_or("") }
                    };
                    parts.push(quote! { (#literal, Some((#label, #value))) });
                }
                None => parts.push(quote! { (#literal, None) }),
            }
            rest = if close < rest.len() { &rest[close + 1..] } else { "" };
        }
        parts.push(quote! { (#rest, None) });
        quote! { request.host_prefix(&[#(#parts),*])?; }
    });
    let endpoint_params = emit_endpoint_params(op, &members);
    let escape_line_feeds = op.escape_line_feeds.then(|| quote! { request.escape_line_feeds_in_body(); });
    // Tells the client to read a 200's body before deciding it succeeded.
    let error_in_ok = op.error_in_ok_response.then(|| quote! { request.error_in_ok_response(); });
    // A customization's checks refuse a value before anything is built.
    let checks = members.iter().filter_map(|m| {
        let check = m.check.as_ref()?;
        let function = super::rust_path(&check.function);
        let field = ident(&m.field);
        let name = m.wire_name.as_str();
        Some(if m.required {
            quote! { #function(#name, &input.#field)?; }
        } else {
            quote! { if let Some(value) = &input.#field { #function(#name, value)?; } }
        })
    });
    let body = emit_request_body(service, op, &members);
    let compress = (!op.http.request_compression.is_empty()).then(|| {
        let encodings = &op.http.request_compression;
        quote! { request.compress_body(&[#(#encodings),*]); }
    });
    // A streaming payload makes the request body a `ByteStream`.
    let (request_body, build) = if has_streaming_input(service, op) {
        (quote! { restxml_runtime::ByteStream }, format_ident!("build_streaming"))
    } else {
        (quote! { Vec<u8> }, format_ident!("build"))
    };
    let input_arg = match input_type(service, op) {
        // An input without members is taken (for a uniform signature) and ignored.
        Some(ty) if members.is_empty() => quote! { _input: &#ty },
        Some(ty) => quote! { input: &#ty },
        None => quote! {},
    };
    let doc = format!(
        " Builds the HTTP request for {}: `{} {}`. Values that cannot be sent are refused here.",
        op.name, op.http.method, op.http.request_uri
    );
    quote! {
        #[doc = #doc]
        pub fn serialize_request(#input_arg) -> Result<restxml_runtime::http_types::Request<#request_body>, restxml_runtime::BuildError> {
            #(#checks)*
            let mut request = restxml_runtime::http::RequestBuilder::new(restxml_runtime::http_types::Method::#method);
            #(#path)*
            #(#constant_query)*
            #(#bindings)*
            #host_prefix
            #(#endpoint_params)*
            #error_in_ok
            #body
            #escape_line_feeds
            #compress
            request.#build()
        }
    }
}

/// Whether the operation's input payload is a stream (S3's PutObject).
pub(crate) fn has_streaming_input(service: &Service, op: &Operation) -> bool {
    input_members(service, op).iter().any(|m| m.location == Location::Payload && m.ty == TypeRef::Stream)
}

/// Whether the operation's output payload is a stream (S3's GetObject).
pub(crate) fn has_streaming_output(service: &Service, op: &Operation) -> bool {
    super::members_of(service, op.output.as_deref())
        .iter()
        .any(|m| m.location == Location::Payload && m.ty == TypeRef::Stream)
}

/// The endpoint-rule parameters the request binds: `contextParam` members
/// (string or boolean, as sent) then the operation's `staticContextParams`,
/// which win over a member bound to the same name.
fn emit_endpoint_params(op: &Operation, members: &[&Member]) -> Vec<TokenStream> {
    let mut statements: Vec<TokenStream> = members
        .iter()
        .filter_map(|m| {
            let name = m.context_param.as_deref()?;
            let field = ident(&m.field);
            let call = match m.ty {
                TypeRef::Boolean => quote! { request.endpoint_param(#name, *value); },
                TypeRef::String | TypeRef::Enum(_) => {
                    let text = member_text(m, TimestampFormat::Iso8601);
                    quote! { request.endpoint_param_str(#name, #text); }
                }
                // The rules language has strings and booleans only.
                _ => return None,
            };
            Some(if m.required {
                quote! { { let value = &input.#field; #call } }
            } else {
                quote! { if let Some(value) = &input.#field { #call } }
            })
        })
        .collect();
    statements.extend(op.static_context_params.iter().map(|(name, value)| match value {
        StaticParamValue::Bool(flag) => quote! { request.endpoint_param(#name, #flag); },
        StaticParamValue::String(text) => quote! { request.endpoint_param(#name, #text); },
    }));
    statements
}

fn root_start(name: &str, namespace: Option<&crate::model::XmlNamespace>) -> TokenStream {
    super::with_namespace(quote! { body.root(#name) }, namespace)
}

fn emit_request_body(service: &Service, op: &Operation, members: &[&Member]) -> TokenStream {
    if let Some(payload) = members.iter().find(|m| m.location == Location::Payload) {
        let field = ident(&payload.field);
        let write = match &payload.ty {
            TypeRef::Blob => quote! {
                request.body(value.as_ref().to_vec(), "application/octet-stream");
            },
            TypeRef::Stream if op.expect_continue => quote! {
                request.stream_body(value.clone(), "application/octet-stream");
                request.header("Expect", "100-continue")?;
            },
            TypeRef::Stream => quote! {
                request.stream_body(value.clone(), "application/octet-stream");
            },
            TypeRef::String | TypeRef::Enum(_) => {
                let text = text_of(&payload.ty, &quote! { value }, TimestampFormat::Iso8601);
                quote! { request.body(#text.as_bytes().to_vec(), "text/plain"); }
            }
            _ => {
                let start = root_start(&payload.xml_name, payload.xml_namespace.as_ref());
                quote! {
                    let mut body = restxml_runtime::xml::XmlWriter::new();
                    restxml_runtime::xml::WriteXml::write_xml(value, #start)?;
                    request.body(body.into_bytes(), "application/xml");
                }
            }
        };
        return if payload.required {
            quote! { { let value = &input.#field; #write } }
        } else if let Some(token) = token_or_value(payload, &quote! { input }) {
            quote! { { let value = #token; #write } }
        } else {
            quote! { if let Some(value) = &input.#field { #write } }
        };
    }
    let body_members: Vec<&Member> = members.iter().copied().filter(|m| m.location == Location::Body).collect();
    if body_members.is_empty() {
        return quote! {};
    }
    let Some(root) = &op.input_root else { return quote! {} };
    let namespace =
        root.namespace.clone().or_else(|| service.xml_namespace.clone().map(crate::model::XmlNamespace::Uri));
    let start = root_start(&root.name, namespace.as_ref());
    let attributes: Vec<TokenStream> = body_members
        .iter()
        .filter(|m| m.xml_attribute)
        .map(|m| {
            let field = ident(&m.field);
            let name = &m.xml_name;
            let text = text_of(&m.ty, &quote! { value }, TimestampFormat::Iso8601);
            if m.required {
                quote! { { let value = &input.#field; tag.attr(#name, #text)?; } }
            } else {
                quote! { if let Some(value) = &input.#field { tag.attr(#name, #text)?; } }
            }
        })
        .collect();
    let body_members: Vec<&Member> = body_members.into_iter().filter(|m| !m.xml_attribute).collect();
    let writes = xml_ser::member_writes(&body_members, &quote! { input }, &format_ident!("content"));
    let (tag_binding, content) = if attributes.is_empty() {
        (quote! {}, quote! { #start.content() })
    } else {
        (quote! { let mut tag = #start; #(#attributes)* }, quote! { tag.content() })
    };
    let any_set = if body_members.iter().any(|m| m.required) {
        quote! { true }
    } else {
        let checks = body_members.iter().map(|m| {
            let field = ident(&m.field);
            quote! { input.#field.is_some() }
        });
        quote! { #(#checks)||* }
    };
    quote! {
        if #any_set {
            let mut body = restxml_runtime::xml::XmlWriter::new();
            {
                #tag_binding
                let mut content = #content;
                #writes
            }
            request.body(body.into_bytes(), "application/xml");
        }
    }
}

/// An expression of type `Result<Option<T>, ResponseError>` reading a
/// member bound to a response header (or a prefix of headers), from the
/// locals `status` and `headers`; `None` for other members.
pub(crate) fn header_read(m: &Member) -> Option<TokenStream> {
    Some(match (&m.location, &m.ty) {
        (Location::PrefixHeaders(prefix), _) => {
            quote! { restxml_runtime::http::prefix_headers(status, headers, #prefix) }
        }
        (Location::Header(name), TypeRef::String) if m.json_value => {
            quote! { restxml_runtime::http::header_json(status, headers, #name) }
        }
        (Location::Header(name), TypeRef::String) => {
            quote! { restxml_runtime::http::header_string(status, headers, #name) }
        }
        (Location::Header(name), TypeRef::List(list)) => match &list.member {
            TypeRef::Timestamp(format) => {
                let format = timestamp_format(*format, TimestampFormat::Rfc822);
                quote! { restxml_runtime::http::header_timestamp_list(status, headers, #name, #format) }
            }
            _ => quote! { restxml_runtime::http::header_list(status, headers, #name) },
        },
        (Location::Header(name), TypeRef::Timestamp(format)) => {
            let format = timestamp_format(*format, TimestampFormat::Rfc822);
            quote! { restxml_runtime::http::header_timestamp(status, headers, #name, #format) }
        }
        (Location::Header(name), _) => quote! { restxml_runtime::http::header_value(status, headers, #name) },
        _ => return None,
    })
}

fn emit_parse(service: &Service, op: &Operation) -> TokenStream {
    let error = error_type(op);
    let doc = format!(
        " Reads the HTTP response of {}: the output (with the response's request ids) on success, else the typed error.",
        op.name
    );
    let members = super::members_of(service, op.output.as_deref());

    let mut statements = Vec::new();
    let mut inits = Vec::new();
    for m in &members {
        let field = ident(&m.field);
        let local = format_ident!("m_{}", m.field.trim_start_matches("r#"));
        let value = match &m.location {
            Location::Header(name) if m.header_parser.is_some() => {
                let parse = super::rust_path(m.header_parser.as_deref().unwrap_or_default());
                Some(quote! {
                    restxml_runtime::http::header_string(status, headers, #name)?.and_then(|text| #parse(&text))
                })
            }
            Location::Header(_) | Location::PrefixHeaders(_) => header_read(m).map(|read| quote! { #read? }),
            Location::StatusCode => Some(quote! { Some(i32::from(status)) }),
            Location::RootText => {
                let text = quote! {
                    restxml_runtime::xml::read_root_text(body).map_err(|e| restxml_runtime::ResponseError::xml(status, e))?
                };
                Some(match &m.ty {
                    TypeRef::Enum(name) => {
                        let path = super::type_path(service, name);
                        quote! { #text.map(|text| #path::from(text.as_str())) }
                    }
                    _ => text,
                })
            }
            Location::Payload => Some(match &m.ty {
                TypeRef::Blob => quote! { (!body.is_empty()).then(|| restxml_runtime::Blob::new(body.to_vec())) },
                // An empty object is an empty stream, not an absent one.
                TypeRef::Stream => quote! { Some(stream) },
                TypeRef::String => quote! { (!body.is_empty()).then(|| String::from_utf8_lossy(body).into_owned()) },
                TypeRef::Enum(name) => {
                    let path = super::type_path(service, name);
                    quote! { (!body.is_empty()).then(|| #path::from(String::from_utf8_lossy(body).as_ref())) }
                }
                ty => {
                    // Read from the root whatever it is called, as botocore
                    // reads it (services name it after the payload's shape,
                    // its member or the operation). The names the model
                    // gives it are passed so that a payload whose root is
                    // legitimately `Error` is not taken for an error
                    // document, which any other name shows the body to be.
                    let mut roots = Vec::new();
                    if let TypeRef::Structure(target) = ty
                        && let Some(s) = service.shape(target).and_then(|shape| shape.structure())
                    {
                        roots.push(s.xml_name.clone());
                    }
                    if !roots.contains(&m.xml_name) {
                        roots.push(m.xml_name.clone());
                    }
                    quote! {
                        if restxml_runtime::xml::is_blank(body) {
                            None
                        } else {
                            Some(restxml_runtime::xml::read_payload(body, &[#(#roots),*]).map_err(|e| restxml_runtime::ResponseError::xml(status, e))?)
                        }
                    }
                }
            }),
            // Request-only bindings mean nothing in a response.
            Location::Label(_) | Location::Query(_) | Location::QueryMap => Some(quote! { None }),
            Location::Body => None,
        };
        if let Some(value) = value {
            statements.push(quote! { let #local = #value; });
            if m.required {
                let name = match &m.location {
                    Location::Header(name) => name.clone(),
                    _ => m.wire_name.clone(),
                };
                inits.push(quote! { #field: #local.ok_or_else(|| restxml_runtime::ResponseError::missing_header(status, #name))?, });
            } else {
                inits.push(quote! { #field: #local, });
            }
        }
    }
    let body_members: Vec<&Member> = members.iter().copied().filter(|m| m.location == Location::Body).collect();
    if !body_members.is_empty() {
        let reads = xml_de::member_reads(&body_members, &format_ident!("element"));
        let prelude = reads.prelude;
        let fields: Vec<_> = reads.inits.iter().map(|(field, _)| field.clone()).collect();
        let locals: Vec<_> =
            fields.iter().map(|f| format_ident!("body_{}", f.to_string().trim_start_matches("r#"))).collect();
        let values = reads.inits.iter().map(|(_, value)| value);
        // Any root name reads (botocore does not look at it); an error
        // document or HTML page is refused unless the output is so named.
        let output_root: Vec<String> = op
            .output
            .as_ref()
            .and_then(|name| service.shape(name))
            .and_then(|shape| shape.structure())
            .map(|s| s.xml_name.clone())
            .into_iter()
            .collect();
        let optional: Vec<_> = body_members.iter().map(|m| !m.required).collect();
        // An empty body reads like an empty document: optional members
        // absent, required ones corrected to empty values.
        let blank_values = optional.iter().zip(&body_members).map(|(optional, m)| {
            if *optional {
                quote! { None }
            } else if matches!(m.ty, TypeRef::List(_) | TypeRef::Map(_)) {
                quote! { Default::default() }
            } else {
                let name = &m.xml_name;
                quote! {
                    restxml_runtime::xml::ReadXml::missing().ok_or_else(|| {
                        restxml_runtime::ResponseError::xml(status, restxml_runtime::xml::XmlError::missing_in_empty_body(#name))
                    })?
                }
            }
        });
        statements.push(quote! {
            let (#(#locals,)*) = if restxml_runtime::xml::is_blank(body) {
                (#(#blank_values,)*)
            } else {
                let read = || -> Result<_, restxml_runtime::xml::XmlError> {
                    let mut document = restxml_runtime::xml::Document::new(body)?;
                    let element = &mut document.output_root(&[#(#output_root),*])?;
                    #prelude
                    Ok((#(#values,)*))
                };
                read().map_err(|e| restxml_runtime::ResponseError::xml(status, e))?
            };
        });
        for (field, local) in fields.iter().zip(&locals) {
            inits.push(quote! { #field: #local, });
        }
    }

    // A status other than 2xx is the operation's error; so is, where a
    // customization says so (S3), a 200 whose body is an error document or
    // cut off, read as the 500 it stands for.
    let error_in_ok = op.error_in_ok_response.then(|| {
        quote! {
            if restxml_runtime::error_body::error_in_ok_response(response) {
                return Err(restxml_runtime::SdkError::Service(#error::from_response(
                    500,
                    response.headers(),
                    response.body().as_ref(),
                )));
            }
        }
    });
    let service_error = quote! {
        if !response.status().is_success() {
            return Err(restxml_runtime::SdkError::Service(#error::from_response(
                response.status().as_u16(),
                response.headers(),
                response.body().as_ref(),
            )));
        }
        #error_in_ok
    };
    // An output that is plain data shared with other shapes (it binds
    // nothing to HTTP) is read whole by its own reader.
    if let Some(shape) = op.output.as_ref().and_then(|o| service.shape(o))
        && shape.home == crate::ir::Home::Types
    {
        let ty = super::type_path(service, &shape.wire_name);
        return quote! {
            #[doc = #doc]
            pub fn parse_response<B: AsRef<[u8]>>(
                response: &restxml_runtime::http_types::Response<B>,
            ) -> Result<#ty, restxml_runtime::SdkError<#error>> {
                #service_error
                let status = response.status().as_u16();
                restxml_runtime::xml::read_root(response.body().as_ref()).map_err(|e| restxml_runtime::ResponseError::xml(status, e).into())
            }
        };
    }
    // The request ids go into every output (and are all an operation
    // without an output returns).
    let meta = quote! { restxml_runtime::ResponseMetadata::from_headers(response.headers()) };
    let (output, construct) = match output_type(service, op) {
        Some(ty) => (quote! { #ty }, quote! { Ok(#ty { #(#inits)* meta: #meta }) }),
        None => (quote! { restxml_runtime::ResponseMetadata }, quote! { Ok(#meta) }),
    };
    let uses_headers = members.iter().any(|m| matches!(m.location, Location::Header(_) | Location::PrefixHeaders(_)));
    let headers_binding = uses_headers.then(|| quote! { let headers = response.headers(); });
    let status_used = members.iter().any(|m| match m.location {
        Location::Header(_)
        | Location::PrefixHeaders(_)
        | Location::Body
        | Location::StatusCode
        | Location::RootText => true,
        Location::Payload => matches!(m.ty, TypeRef::Structure(_)),
        _ => false,
    });
    let status_binding = if status_used {
        quote! { let status = response.status().as_u16(); }
    } else {
        quote! {}
    };
    let streaming = has_streaming_output(service, op);
    let body_used = members.iter().any(|m| {
        matches!(m.location, Location::Payload | Location::Body | Location::RootText) && m.ty != TypeRef::Stream
    });
    let body_binding = body_used.then(|| quote! { let body = response.body().as_ref(); });
    // A streaming payload is the response's body stream, handed over as it
    // is; an error response's body was read whole by the client.
    let (doc, signature, prologue) = if streaming {
        let doc = format!(
            " Reads the HTTP response of {}: on success the output, whose payload is the response body as a \
             stream (read it at your own pace), with the response's request ids; else the typed error, read \
             from the body the client read whole.",
            op.name
        );
        let signature = quote! {
            pub fn parse_response(
                response: restxml_runtime::http_types::Response<restxml_runtime::ByteStream>,
            ) -> Result<#output, restxml_runtime::SdkError<#error>>
        };
        let prologue = quote! {
            let (parts, stream) = response.into_parts();
            let error_body = stream.bytes().cloned().unwrap_or_default();
            let response = restxml_runtime::http_types::Response::from_parts(parts, error_body);
        };
        (doc, signature, prologue)
    } else {
        let signature = quote! {
            pub fn parse_response<B: AsRef<[u8]>>(
                response: &restxml_runtime::http_types::Response<B>,
            ) -> Result<#output, restxml_runtime::SdkError<#error>>
        };
        (doc, signature, quote! {})
    };
    quote! {
        #[doc = #doc]
        #signature {
            #prologue
            #service_error
            #status_binding
            #headers_binding
            #body_binding
            #(#statements)*
            #construct
        }
    }
}
