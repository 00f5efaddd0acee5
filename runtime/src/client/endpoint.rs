//! Endpoint resolution: an evaluator for botocore's endpoint rule sets
//! (`endpoint-rule-set-1.json`) with its partition data (`partitions.json`).
//!
//! The rule set is a tree of rules; each has conditions (function calls
//! that must be true, optionally assigning their result) and ends in an
//! endpoint, an error, or more rules. The functions are the standard
//! library of the rules language: `isSet`, `not`, `booleanEquals`,
//! `stringEquals`, `getAttr`, `substring`, `isValidHostLabel`, `uriEncode`,
//! `parseURL` and `aws.partition`.

use std::collections::BTreeMap;
use std::fmt;

use serde_json::{Map, Value};

/// The inputs of a rule set (`Region`, `UseFIPS`, `UseDualStack`, `Endpoint`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EndpointParams {
    values: BTreeMap<String, Value>,
}

impl EndpointParams {
    /// No parameters set (defaults of the rule set apply).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets a string parameter.
    pub fn string(mut self, name: &str, value: impl Into<String>) -> Self {
        self.values.insert(name.to_string(), Value::String(value.into()));
        self
    }

    /// Sets a boolean parameter.
    pub fn boolean(mut self, name: &str, value: bool) -> Self {
        self.values.insert(name.to_string(), Value::Bool(value));
        self
    }
}

/// A resolved endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    /// The URL requests go to.
    pub url: String,
    /// The SigV4 signing region, when the rule set names one.
    pub signing_region: Option<String>,
    /// The SigV4 signing name, when the rule set names one.
    pub signing_name: Option<String>,
    /// Every property the rule set gave the endpoint (`authSchemes`, ...).
    pub properties: Value,
}

/// A rule set that could not produce an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointError {
    message: String,
}

impl EndpointError {
    fn new(message: impl Into<String>) -> Self {
        EndpointError { message: message.into() }
    }

    /// The message, exactly as the rule set words it.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for EndpointError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "endpoint resolution failed: {}", self.message)
    }
}

impl std::error::Error for EndpointError {}

/// A parsed rule set and partition table.
#[derive(Debug, Clone)]
pub struct EndpointResolver {
    rules: Value,
    partitions: Vec<Partition>,
}

#[derive(Debug, Clone)]
struct Partition {
    id: String,
    region_regex: regex_lite::Regex,
    regions: BTreeMap<String, Map<String, Value>>,
    outputs: Map<String, Value>,
}

impl EndpointResolver {
    /// Parses a rule set and botocore's `partitions.json`.
    pub fn new(rule_set: &str, partitions: &str) -> Result<Self, EndpointError> {
        let rules: Value = serde_json::from_str(rule_set).map_err(|e| EndpointError::new(format!("rule set: {e}")))?;
        let partitions: Value =
            serde_json::from_str(partitions).map_err(|e| EndpointError::new(format!("partitions: {e}")))?;
        let partitions = partitions["partitions"]
            .as_array()
            .ok_or_else(|| EndpointError::new("partitions: no `partitions` array"))?
            .iter()
            .map(|p| {
                let regex = p["regionRegex"].as_str().unwrap_or("^$");
                Ok(Partition {
                    id: p["id"].as_str().unwrap_or_default().to_string(),
                    region_regex: regex_lite::Regex::new(regex)
                        .map_err(|e| EndpointError::new(format!("partitions: bad regionRegex {regex}: {e}")))?,
                    regions: p["regions"]
                        .as_object()
                        .map(|r| {
                            r.iter().map(|(k, v)| (k.clone(), v.as_object().cloned().unwrap_or_default())).collect()
                        })
                        .unwrap_or_default(),
                    outputs: p["outputs"].as_object().cloned().unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>, EndpointError>>()?;
        Ok(EndpointResolver { rules, partitions })
    }

    /// Resolves the endpoint for `params`.
    pub fn resolve(&self, params: &EndpointParams) -> Result<Endpoint, EndpointError> {
        let mut scope: BTreeMap<String, Value> = BTreeMap::new();
        for (name, spec) in self.rules["parameters"].as_object().into_iter().flatten() {
            match params.values.get(name) {
                Some(value) => {
                    scope.insert(name.clone(), value.clone());
                }
                None => {
                    if let Some(default) = spec.get("default") {
                        scope.insert(name.clone(), default.clone());
                    } else if spec["required"].as_bool() == Some(true) {
                        return Err(EndpointError::new(format!("missing required parameter {name}")));
                    }
                }
            }
        }
        let rules = self.rules["rules"].as_array().ok_or_else(|| EndpointError::new("rule set without rules"))?;
        match self.evaluate_rules(rules, &mut scope)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(EndpointError::new("no rule matched")),
        }
    }

    fn evaluate_rules(
        &self,
        rules: &[Value],
        scope: &mut BTreeMap<String, Value>,
    ) -> Result<Option<Endpoint>, EndpointError> {
        for rule in rules {
            let mut local = scope.clone();
            if !self.conditions_hold(rule, &mut local)? {
                continue;
            }
            match rule["type"].as_str() {
                Some("endpoint") => return self.endpoint(&rule["endpoint"], &local).map(Some),
                Some("error") => {
                    let message = self.template(&rule["error"], &local)?;
                    return Err(EndpointError::new(message));
                }
                Some("tree") => {
                    // A tree whose conditions held is final: if none of its
                    // rules match, resolution fails (rules-language semantics).
                    let inner = rule["rules"].as_array().map(Vec::as_slice).unwrap_or(&[]);
                    return match self.evaluate_rules(inner, &mut local)? {
                        Some(endpoint) => Ok(Some(endpoint)),
                        None => Err(EndpointError::new("no rule matched in a tree whose conditions held")),
                    };
                }
                other => return Err(EndpointError::new(format!("unknown rule type {other:?}"))),
            }
        }
        Ok(None)
    }

    fn conditions_hold(&self, rule: &Value, scope: &mut BTreeMap<String, Value>) -> Result<bool, EndpointError> {
        for condition in rule["conditions"].as_array().into_iter().flatten() {
            let value = self.call(condition, scope)?;
            let holds = match &value {
                Value::Bool(b) => *b,
                Value::Null => false,
                _ => true,
            };
            if !holds {
                return Ok(false);
            }
            if let Some(name) = condition["assign"].as_str() {
                scope.insert(name.to_string(), value);
            }
        }
        Ok(true)
    }

    /// Evaluates an expression: a literal, a `{"ref": ...}`, or a function call.
    fn expr(&self, expr: &Value, scope: &BTreeMap<String, Value>) -> Result<Value, EndpointError> {
        match expr {
            Value::Object(map) if map.contains_key("ref") => {
                let name = map["ref"].as_str().unwrap_or_default();
                Ok(scope.get(name).cloned().unwrap_or(Value::Null))
            }
            Value::Object(map) if map.contains_key("fn") => self.call(expr, scope),
            Value::String(_) => Ok(Value::String(self.template(expr, scope)?)),
            other => Ok(other.clone()),
        }
    }

    fn call(&self, call: &Value, scope: &BTreeMap<String, Value>) -> Result<Value, EndpointError> {
        let name = call["fn"].as_str().unwrap_or_default();
        let argv = call["argv"].as_array().map(Vec::as_slice).unwrap_or(&[]);
        let args = argv.iter().map(|a| self.expr(a, scope)).collect::<Result<Vec<_>, _>>()?;
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Null);
        Ok(match name {
            "isSet" => Value::Bool(!arg(0).is_null()),
            "not" => Value::Bool(!arg(0).as_bool().unwrap_or(false)),
            "booleanEquals" => Value::Bool(!arg(0).is_null() && arg(0) == arg(1)),
            "stringEquals" => Value::Bool(!arg(0).is_null() && arg(0) == arg(1)),
            "getAttr" => get_attr(&arg(0), arg(1).as_str().unwrap_or_default()),
            "substring" => {
                let (text, start, stop, reverse) =
                    (arg(0), arg(1).as_u64().unwrap_or(0) as usize, arg(2).as_u64().unwrap_or(0) as usize, arg(3));
                match text.as_str() {
                    Some(s) if s.is_ascii() && start < stop && stop <= s.len() => {
                        let (a, b) = if reverse.as_bool() == Some(true) {
                            (s.len() - stop, s.len() - start)
                        } else {
                            (start, stop)
                        };
                        Value::String(s[a..b].to_string())
                    }
                    _ => Value::Null,
                }
            }
            "isValidHostLabel" => {
                let allow_dots = arg(1).as_bool().unwrap_or(false);
                let valid = |label: &str| {
                    !label.is_empty()
                        && label.len() <= 63
                        && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                        && !label.starts_with('-')
                };
                Value::Bool(
                    arg(0).as_str().is_some_and(|s| if allow_dots { s.split('.').all(valid) } else { valid(s) }),
                )
            }
            "uriEncode" => Value::String(
                percent_encoding::utf8_percent_encode(arg(0).as_str().unwrap_or_default(), crate::http::LABEL)
                    .to_string(),
            ),
            "parseURL" => parse_url(arg(0).as_str().unwrap_or_default()),
            "aws.partition" => self.partition(arg(0).as_str().unwrap_or_default()),
            other => return Err(EndpointError::new(format!("unsupported rules function {other}"))),
        })
    }

    fn partition(&self, region: &str) -> Value {
        let found = self
            .partitions
            .iter()
            .find(|p| p.regions.contains_key(region))
            .or_else(|| self.partitions.iter().find(|p| p.region_regex.is_match(region)))
            .or_else(|| self.partitions.iter().find(|p| p.id == "aws"));
        match found {
            Some(p) => {
                let mut outputs = p.outputs.clone();
                if let Some(overrides) = p.regions.get(region) {
                    for (k, v) in overrides {
                        if k != "description" {
                            outputs.insert(k.clone(), v.clone());
                        }
                    }
                }
                outputs.entry("name".to_string()).or_insert_with(|| Value::String(p.id.clone()));
                Value::Object(outputs)
            }
            None => Value::Null,
        }
    }

    /// Fills `{Name}` and `{Name#attr}` in a template string.
    fn template(&self, template: &Value, scope: &BTreeMap<String, Value>) -> Result<String, EndpointError> {
        let Some(text) = template.as_str() else {
            return match self.expr(template, scope)? {
                Value::String(s) => Ok(s),
                other => Ok(other.to_string()),
            };
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                return Err(EndpointError::new(format!("unclosed template in {text}")));
            };
            let inner = &rest[open + 1..open + close];
            let value = match inner.split_once('#') {
                Some((name, attr)) => get_attr(scope.get(name).unwrap_or(&Value::Null), attr),
                None => scope.get(inner).cloned().unwrap_or(Value::Null),
            };
            match value {
                Value::String(s) => out.push_str(&s),
                Value::Null => return Err(EndpointError::new(format!("template {text} names unset {inner}"))),
                other => out.push_str(&other.to_string()),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn endpoint(&self, spec: &Value, scope: &BTreeMap<String, Value>) -> Result<Endpoint, EndpointError> {
        let url = self.template(&spec["url"], scope)?;
        let properties = self.fill(&spec["properties"], scope)?;
        let auth =
            properties["authSchemes"].as_array().and_then(|schemes| schemes.first()).cloned().unwrap_or(Value::Null);
        Ok(Endpoint {
            url,
            signing_region: auth["signingRegion"].as_str().map(str::to_string),
            signing_name: auth["signingName"].as_str().map(str::to_string),
            properties,
        })
    }

    /// Fills templates throughout a JSON value.
    fn fill(&self, value: &Value, scope: &BTreeMap<String, Value>) -> Result<Value, EndpointError> {
        Ok(match value {
            Value::String(_) => Value::String(self.template(value, scope)?),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.fill(v, scope)).collect::<Result<_, _>>()?),
            Value::Object(map) => Value::Object(
                map.iter().map(|(k, v)| Ok((k.clone(), self.fill(v, scope)?))).collect::<Result<_, EndpointError>>()?,
            ),
            other => other.clone(),
        })
    }
}

fn get_attr(value: &Value, path: &str) -> Value {
    let mut current = value.clone();
    for part in path.split('.') {
        current = match part.split_once('[') {
            Some((name, index)) => {
                let index: usize = index.trim_end_matches(']').parse().unwrap_or(usize::MAX);
                let base = if name.is_empty() { current } else { current[name].clone() };
                base.get(index).cloned().unwrap_or(Value::Null)
            }
            None => current.get(part).cloned().unwrap_or(Value::Null),
        };
    }
    current
}

fn parse_url(url: &str) -> Value {
    let Ok(uri) = url.parse::<http::Uri>() else { return Value::Null };
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else { return Value::Null };
    if uri.query().is_some() {
        return Value::Null;
    }
    let path = uri.path();
    let normalized = if path.ends_with('/') { path.to_string() } else { format!("{path}/") };
    let host = authority.host();
    let is_ip = host.parse::<std::net::IpAddr>().is_ok() || host.starts_with('[');
    serde_json::json!({
        "scheme": scheme,
        "authority": authority.as_str(),
        "path": if path == "/" && !url.ends_with('/') { "" } else { path },
        "normalizedPath": normalized,
        "isIp": is_ip,
    })
}
