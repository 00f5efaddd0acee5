//! The endpoint rules as static data: `endpoint-rule-set-1.json` and
//! `partitions.json` become one `RuleSet` value that the runtime evaluates.
//!
//! The form is checked here (rule types, function names and their number
//! of arguments, literal types, each partition's `regionRegex`), so a
//! malformed rule set fails generation with the JSON path at fault instead
//! of failing every client at run time.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::{Map, Value};

use crate::Error;

const RULE_SET_FILE: &str = "endpoint-rule-set-1.json";
const PARTITIONS_FILE: &str = "partitions.json";

/// The functions of the rules language: their name in the rule set, their
/// `Function` variant in the runtime, and how many arguments they take.
const FUNCTIONS: &[(&str, &str, usize)] = &[
    ("isSet", "IsSet", 1),
    ("not", "Not", 1),
    ("booleanEquals", "BooleanEquals", 2),
    ("stringEquals", "StringEquals", 2),
    ("getAttr", "GetAttr", 2),
    ("substring", "Substring", 4),
    ("isValidHostLabel", "IsValidHostLabel", 2),
    ("uriEncode", "UriEncode", 1),
    ("parseURL", "ParseUrl", 1),
    ("aws.partition", "Partition", 1),
    ("aws.parseArn", "ParseArn", 1),
    ("aws.isVirtualHostableS3Bucket", "IsVirtualHostableS3Bucket", 2),
];

/// The body of the generated `endpoint` module: `pub static RULES`.
pub fn emit(service_name: &str, rule_set: &str, partitions: &str) -> Result<TokenStream, Error> {
    let (rule_set, partitions) = (parse(RULE_SET_FILE, rule_set)?, parse(PARTITIONS_FILE, partitions)?);
    let (rule_set, partitions) = (Json::root(RULE_SET_FILE, &rule_set), Json::root(PARTITIONS_FILE, &partitions));
    let parameters = rule_set.object("parameters")?.map_entries(|name, spec| spec.parameter(name))?;
    let rules = rule_set.get("rules")?.rules()?;
    let partitions = partitions.get("partitions")?.map_items(|p| p.partition())?;
    let module_doc = format!(
        " {service_name}'s endpoint rules (`{RULE_SET_FILE}`) with botocore's partitions (`{PARTITIONS_FILE}`), \
         as data the runtime evaluates."
    );
    let doc = " The rules `Client` resolves its endpoint with; `RULES.resolve(&params)` resolves any parameters.";
    Ok(quote! {
        #![doc = #module_doc]

        use restxml_runtime::client::endpoint::{Condition, EndpointTemplate, Expr, Function, Literal, Outcome, Parameter, Partition, Property, Rule, RuleSet};

        #[doc = #doc]
        pub static RULES: RuleSet = RuleSet {
            parameters: &[#(#parameters),*],
            rules: #rules,
            partitions: &[#(#partitions),*],
        };
    })
}

/// A JSON value with the file and path it came from, for errors.
struct Json<'a> {
    file: &'static str,
    path: String,
    value: &'a Value,
}

fn parse(file: &'static str, text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::Model {
        source_name: file.to_string(),
        path: format!("line {} column {}", e.line(), e.column()),
        message: e.to_string(),
    })
}

impl<'a> Json<'a> {
    fn root(file: &'static str, value: &'a Value) -> Self {
        Json { file, path: "$".to_string(), value }
    }

    fn error(&self, message: impl Into<String>) -> Error {
        Error::Model { source_name: self.file.to_string(), path: self.path.clone(), message: message.into() }
    }

    fn at(&self, step: String, value: &'a Value) -> Json<'a> {
        Json { file: self.file, path: format!("{}{step}", self.path), value }
    }

    fn get(&self, key: &str) -> Result<Json<'a>, Error> {
        self.optional(key)?.ok_or_else(|| self.error(format!("missing `{key}`")))
    }

    fn optional(&self, key: &str) -> Result<Option<Json<'a>>, Error> {
        let map = self.map()?;
        Ok(map.get(key).map(|value| self.at(format!(".{key}"), value)))
    }

    fn map(&self) -> Result<&'a Map<String, Value>, Error> {
        self.value.as_object().ok_or_else(|| self.error("expected an object"))
    }

    fn object(&self, key: &str) -> Result<Json<'a>, Error> {
        let field = self.get(key)?;
        field.map()?;
        Ok(field)
    }

    fn str(&self) -> Result<&'a str, Error> {
        self.value.as_str().ok_or_else(|| self.error("expected a string"))
    }

    fn map_items<T>(&self, f: impl Fn(Json<'a>) -> Result<T, Error>) -> Result<Vec<T>, Error> {
        let items = self.value.as_array().ok_or_else(|| self.error("expected an array"))?;
        items.iter().enumerate().map(|(i, item)| f(self.at(format!("[{i}]"), item))).collect()
    }

    fn map_entries<T>(&self, f: impl Fn(&'a str, Json<'a>) -> Result<T, Error>) -> Result<Vec<T>, Error> {
        self.map()?.iter().map(|(key, value)| f(key, self.at(format!(".{key}"), value))).collect()
    }

    fn parameter(&self, name: &str) -> Result<TokenStream, Error> {
        let required = match self.optional("required")? {
            Some(flag) => flag.value.as_bool().ok_or_else(|| flag.error("expected true or false"))?,
            None => false,
        };
        let default = match self.optional("default")? {
            Some(value) => {
                let literal = value.literal()?;
                quote! { Some(#literal) }
            }
            None => quote! { None },
        };
        Ok(quote! { Parameter { name: #name, required: #required, default: #default } })
    }

    /// A boolean, string or whole number as `<kind>::Bool`, `Str` or `Int`;
    /// `None` for anything else.
    fn scalar(&self, kind: &str) -> Option<Result<TokenStream, Error>> {
        let kind = format_ident!("{kind}");
        match self.value {
            Value::Bool(b) => Some(Ok(quote! { #kind::Bool(#b) })),
            Value::String(s) => Some(Ok(quote! { #kind::Str(#s) })),
            Value::Number(n) => Some(match n.as_i64() {
                Some(i) => Ok(quote! { #kind::Int(#i) }),
                None => Err(self.error("expected a whole number")),
            }),
            _ => None,
        }
    }

    fn literal(&self) -> Result<TokenStream, Error> {
        self.scalar("Literal").unwrap_or_else(|| Err(self.error("expected a string, a boolean or a whole number")))
    }

    fn rules(&self) -> Result<TokenStream, Error> {
        let rules = self.map_items(|rule| rule.rule())?;
        Ok(quote! { &[#(#rules),*] })
    }

    fn rule(&self) -> Result<TokenStream, Error> {
        let conditions = match self.optional("conditions")? {
            Some(conditions) => conditions.map_items(|c| c.condition())?,
            None => Vec::new(),
        };
        let kind = self.get("type")?;
        let outcome = match kind.str()? {
            "endpoint" => {
                let endpoint = self.get("endpoint")?;
                let url = endpoint.get("url")?.expr()?;
                let properties = match endpoint.optional("properties")? {
                    Some(properties) => properties.map_entries(|key, value| {
                        let value = value.property()?;
                        Ok(quote! { (#key, #value) })
                    })?,
                    None => Vec::new(),
                };
                let headers = match endpoint.optional("headers")? {
                    Some(headers) => headers.map_entries(|name, values| {
                        let values = values.map_items(|v| v.expr())?;
                        Ok(quote! { (#name, &[#(#values),*]) })
                    })?,
                    None => Vec::new(),
                };
                quote! { Outcome::Endpoint(EndpointTemplate { url: #url, properties: &[#(#properties),*], headers: &[#(#headers),*] }) }
            }
            "error" => {
                let message = self.get("error")?.expr()?;
                quote! { Outcome::Error(#message) }
            }
            "tree" => {
                let rules = self.get("rules")?.rules()?;
                quote! { Outcome::Tree(#rules) }
            }
            other => return Err(kind.error(format!("unknown rule type `{other}` (expected endpoint, error or tree)"))),
        };
        Ok(quote! { Rule { conditions: &[#(#conditions),*], outcome: #outcome } })
    }

    fn condition(&self) -> Result<TokenStream, Error> {
        let (function, args) = self.call()?;
        let assign = match self.optional("assign")? {
            Some(name) => {
                let name = name.str()?;
                quote! { Some(#name) }
            }
            None => quote! { None },
        };
        Ok(quote! { Condition { function: #function, args: &[#(#args),*], assign: #assign } })
    }

    /// `{"fn": name, "argv": [...]}`: the function and its arguments.
    fn call(&self) -> Result<(TokenStream, Vec<TokenStream>), Error> {
        let name = self.get("fn")?;
        let (known, variant, arity) = FUNCTIONS
            .iter()
            .find(|(known, _, _)| *known == name.str().unwrap_or_default())
            .ok_or_else(|| name.error(format!("unknown rules function {}", name.value)))?;
        let variant = format_ident!("{variant}");
        let argv = self.get("argv")?;
        let args = argv.map_items(|arg| arg.expr())?;
        if args.len() != *arity {
            let plural = if *arity == 1 { "" } else { "s" };
            return Err(argv.error(format!("{known} takes {arity} argument{plural}, not {}", args.len())));
        }
        Ok((quote! { Function::#variant }, args))
    }

    fn expr(&self) -> Result<TokenStream, Error> {
        if let Some(scalar) = self.scalar("Expr") {
            return scalar;
        }
        match self.value {
            Value::Object(map) if map.contains_key("ref") => {
                let name = self.get("ref")?.str()?;
                Ok(quote! { Expr::Ref(#name) })
            }
            Value::Object(map) if map.contains_key("fn") => {
                let (function, args) = self.call()?;
                Ok(quote! { Expr::Call(#function, &[#(#args),*]) })
            }
            _ => Err(self.error("expected a string, a boolean, a number, {\"ref\": ...} or {\"fn\": ...}")),
        }
    }

    fn property(&self) -> Result<TokenStream, Error> {
        match self.value {
            Value::Array(_) => {
                let items = self.map_items(|item| item.property())?;
                Ok(quote! { Property::Array(&[#(#items),*]) })
            }
            Value::Object(map) if !map.contains_key("ref") && !map.contains_key("fn") => {
                let entries = self.map_entries(|key, value| {
                    let value = value.property()?;
                    Ok(quote! { (#key, #value) })
                })?;
                Ok(quote! { Property::Object(&[#(#entries),*]) })
            }
            _ => {
                let expr = self.expr()?;
                Ok(quote! { Property::Expr(#expr) })
            }
        }
    }

    fn partition(&self) -> Result<TokenStream, Error> {
        let id = self.get("id")?.str()?;
        let regex = self.get("regionRegex")?;
        let region_regex = regex.str()?;
        regex_lite::Regex::new(region_regex).map_err(|e| regex.error(format!("not a regular expression: {e}")))?;
        let outputs = self.object("outputs")?.map_entries(|key, value| {
            let value = value.literal()?;
            Ok(quote! { (#key, #value) })
        })?;
        let regions = self.object("regions")?.map_entries(|region, attributes| {
            // Descriptions are for people; the rest overrides the outputs.
            let overrides = attributes.map_entries(|key, value| {
                Ok((key != "description").then(|| value.literal()).transpose()?.map(|value| quote! { (#key, #value) }))
            })?;
            let overrides = overrides.into_iter().flatten();
            Ok(quote! { (#region, &[#(#overrides),*]) })
        })?;
        Ok(quote! {
            Partition { id: #id, region_regex: #region_regex, outputs: &[#(#outputs),*], regions: &[#(#regions),*] }
        })
    }
}
