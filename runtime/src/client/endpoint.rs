//! Endpoint resolution: an evaluator for endpoint rule sets
//! (`endpoint-rule-set-1.json`) with their partition data (`partitions.json`).
//!
//! The generator turns both files into one static [`RuleSet`], checked when
//! the crate is generated, so a client parses nothing when it starts. The
//! rule set is a tree of rules; each has conditions (function calls that
//! must be set and not `false`, optionally binding their result to a name)
//! and ends in an endpoint, an error, or more rules. The functions are the
//! standard library of the rules language ([`Function`]).

use std::collections::BTreeMap;
use std::fmt;

/// A rule set with the partitions its `aws.partition` calls look in.
#[derive(Debug)]
pub struct RuleSet {
    /// The inputs (`Region`, `UseFIPS`, `UseDualStack`, `Endpoint`, ...).
    pub parameters: &'static [Parameter],
    /// The rules, tried in order.
    pub rules: &'static [Rule],
    /// botocore's partitions, in the order of `partitions.json`.
    pub partitions: &'static [Partition],
}

/// One input of a rule set.
#[derive(Debug)]
pub struct Parameter {
    /// The name rules refer to it by.
    pub name: &'static str,
    /// Whether resolution fails when it is neither given nor defaulted.
    pub required: bool,
    /// The value used when it is not given.
    pub default: Option<Literal>,
}

/// A constant: a parameter default or a partition attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Literal {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A string.
    Str(&'static str),
}

/// A rule: conditions, then what happens when they all hold.
#[derive(Debug)]
pub struct Rule {
    /// Conditions, evaluated in order; a later one may use what an earlier one bound.
    pub conditions: &'static [Condition],
    /// The endpoint, error or subtree this rule leads to.
    pub outcome: Outcome,
}

/// Where a rule leads when its conditions hold.
#[derive(Debug)]
pub enum Outcome {
    /// This endpoint.
    Endpoint(EndpointTemplate),
    /// Resolution fails with this message (a template).
    Error(Expr),
    /// These rules; if none matches, resolution fails.
    Tree(&'static [Rule]),
}

/// A condition: a function call whose result must be set and not `false`.
#[derive(Debug)]
pub struct Condition {
    /// The function called.
    pub function: Function,
    /// Its arguments.
    pub args: &'static [Expr],
    /// The name its result is bound to, for the conditions and outcome after it.
    pub assign: Option<&'static str>,
}

/// An expression.
#[derive(Debug)]
pub enum Expr {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A string template: `{Name}` and `{Name#attr.path}` are filled in.
    Str(&'static str),
    /// The value of a parameter or of a bound name (unset if neither).
    Ref(&'static str),
    /// A function call.
    Call(Function, &'static [Expr]),
}

/// The endpoint a rule leads to.
#[derive(Debug)]
pub struct EndpointTemplate {
    /// The URL (a template).
    pub url: Expr,
    /// Properties such as `authSchemes`.
    pub properties: &'static [(&'static str, Property)],
    /// Headers every request to the endpoint carries (templates).
    pub headers: &'static [(&'static str, &'static [Expr])],
}

/// An endpoint property: an expression, or an array or object of properties.
#[derive(Debug)]
pub enum Property {
    /// A value.
    Expr(Expr),
    /// An array.
    Array(&'static [Property]),
    /// An object, keys in the rule set's order.
    Object(&'static [(&'static str, Property)]),
}

/// The functions of the rules language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    /// `isSet(value)`: whether the value is set.
    IsSet,
    /// `not(bool)`.
    Not,
    /// `booleanEquals(a, b)`.
    BooleanEquals,
    /// `stringEquals(a, b)`.
    StringEquals,
    /// `getAttr(value, "a.b[0]")`: an attribute or element, unset if absent.
    GetAttr,
    /// `substring(text, start, stop, reverse)`: ASCII only, unset if out of range.
    Substring,
    /// `isValidHostLabel(text, allowDots)`.
    IsValidHostLabel,
    /// `uriEncode(text)`: percent-encoding as for a URI path segment.
    UriEncode,
    /// `parseURL(text)`: scheme, authority, path, normalizedPath, isIp; unset if not a URL.
    ParseUrl,
    /// `aws.partition(region)`: the partition's attributes, with `name`.
    Partition,
    /// `aws.parseArn(text)`: partition, service, region, accountId and
    /// resourceId (split at `:` and `/`); unset if not an ARN.
    ParseArn,
    /// `aws.isVirtualHostableS3Bucket(name, allowSubDomains)`: whether a
    /// bucket name can be a host name label.
    IsVirtualHostableS3Bucket,
}

/// A partition of `partitions.json`.
#[derive(Debug)]
pub struct Partition {
    /// Its id (`aws`, `aws-cn`, ...).
    pub id: &'static str,
    /// Regions not listed below belong to it when they match this.
    pub region_regex: &'static str,
    /// Its attributes (`dnsSuffix`, `supportsFIPS`, ...).
    pub outputs: &'static [(&'static str, Literal)],
    /// Its known regions, each with the attributes it overrides.
    pub regions: &'static [(&'static str, &'static [(&'static str, Literal)])],
}

/// A value while rules are evaluated, and an endpoint's properties.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Unset.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// A record, keys sorted.
    Object(BTreeMap<String, Value>),
}

impl Value {
    /// The attribute `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            _ => None,
        }
    }

    /// The text of a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value of a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
}

impl From<Literal> for Value {
    fn from(literal: Literal) -> Self {
        match literal {
            Literal::Bool(b) => Value::Bool(b),
            Literal::Int(i) => Value::Int(i),
            Literal::Str(s) => Value::String(s.to_string()),
        }
    }
}

/// JSON-like text: strings bare at the top level (as templates insert
/// them), quoted inside arrays and objects.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn nested(value: &Value, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match value {
                Value::String(s) => write!(f, "{s:?}"),
                other => write!(f, "{other}"),
            }
        }
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::String(s) => f.write_str(s),
            Value::Array(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    nested(item, f)?;
                }
                f.write_str("]")
            }
            Value::Object(map) => {
                f.write_str("{")?;
                for (i, (key, item)) in map.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    write!(f, "{key:?}:")?;
                    nested(item, f)?;
                }
                f.write_str("}")
            }
        }
    }
}

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

    /// Sets a parameter bound by an operation or a client setting.
    pub fn value(self, name: &str, value: &crate::http::EndpointParamValue) -> Self {
        match value {
            crate::http::EndpointParamValue::String(text) => self.string(name, text.clone()),
            crate::http::EndpointParamValue::Bool(flag) => self.boolean(name, *flag),
        }
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
    pub properties: BTreeMap<String, Value>,
    /// Headers every request to the endpoint carries.
    pub headers: Vec<(String, String)>,
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

type Scope = BTreeMap<String, Value>;

impl RuleSet {
    /// Resolves the endpoint for `params`.
    pub fn resolve(&self, params: &EndpointParams) -> Result<Endpoint, EndpointError> {
        let mut scope = Scope::new();
        for parameter in self.parameters {
            match (params.values.get(parameter.name), parameter.default) {
                (Some(value), _) => {
                    scope.insert(parameter.name.to_string(), value.clone());
                }
                (None, Some(default)) => {
                    scope.insert(parameter.name.to_string(), default.into());
                }
                (None, None) if parameter.required => {
                    return Err(EndpointError::new(format!("missing required parameter {}", parameter.name)));
                }
                (None, None) => {}
            }
        }
        match self.evaluate_rules(self.rules, &scope)? {
            Some(endpoint) => Ok(endpoint),
            None => Err(EndpointError::new("no rule matched")),
        }
    }

    fn evaluate_rules(&self, rules: &[Rule], scope: &Scope) -> Result<Option<Endpoint>, EndpointError> {
        for rule in rules {
            let mut local = scope.clone();
            if !self.conditions_hold(rule.conditions, &mut local)? {
                continue;
            }
            return match &rule.outcome {
                Outcome::Endpoint(template) => self.endpoint(template, &local).map(Some),
                Outcome::Error(message) => Err(EndpointError::new(self.text(message, &local)?)),
                // A tree whose conditions held is final: if none of its
                // rules match, resolution fails (rules-language semantics).
                Outcome::Tree(inner) => match self.evaluate_rules(inner, &local)? {
                    Some(endpoint) => Ok(Some(endpoint)),
                    None => Err(EndpointError::new("no rule matched in a tree whose conditions held")),
                },
            };
        }
        Ok(None)
    }

    fn conditions_hold(&self, conditions: &[Condition], scope: &mut Scope) -> Result<bool, EndpointError> {
        for condition in conditions {
            let value = self.call(condition.function, condition.args, scope)?;
            if matches!(value, Value::Bool(false) | Value::Null) {
                return Ok(false);
            }
            if let Some(name) = condition.assign {
                scope.insert(name.to_string(), value);
            }
        }
        Ok(true)
    }

    fn expr(&self, expr: &Expr, scope: &Scope) -> Result<Value, EndpointError> {
        Ok(match expr {
            Expr::Bool(b) => Value::Bool(*b),
            Expr::Int(i) => Value::Int(*i),
            Expr::Str(template) => Value::String(fill_template(template, scope)?),
            Expr::Ref(name) => scope.get(*name).cloned().unwrap_or(Value::Null),
            Expr::Call(function, args) => self.call(*function, args, scope)?,
        })
    }

    /// An expression as text (a URL or an error message).
    fn text(&self, expr: &Expr, scope: &Scope) -> Result<String, EndpointError> {
        Ok(match self.expr(expr, scope)? {
            Value::String(s) => s,
            other => other.to_string(),
        })
    }

    fn call(&self, function: Function, args: &[Expr], scope: &Scope) -> Result<Value, EndpointError> {
        let args = args.iter().map(|a| self.expr(a, scope)).collect::<Result<Vec<_>, _>>()?;
        let arg = |i: usize| args.get(i).unwrap_or(&Value::Null);
        let text = |i: usize| arg(i).as_str().unwrap_or_default();
        Ok(match function {
            Function::IsSet => Value::Bool(*arg(0) != Value::Null),
            Function::Not => Value::Bool(!arg(0).as_bool().unwrap_or(false)),
            Function::BooleanEquals | Function::StringEquals => Value::Bool(*arg(0) != Value::Null && arg(0) == arg(1)),
            Function::GetAttr => get_attr(arg(0), text(1)),
            Function::Substring => substring(arg(0), arg(1), arg(2), arg(3)),
            Function::IsValidHostLabel => {
                Value::Bool(arg(0).as_str().is_some_and(|s| is_valid_host_label(s, arg(1) == &Value::Bool(true))))
            }
            Function::IsVirtualHostableS3Bucket => Value::Bool(
                arg(0).as_str().is_some_and(|s| is_virtual_hostable_s3_bucket(s, arg(1) == &Value::Bool(true))),
            ),
            Function::ParseArn => parse_arn(text(0)),
            Function::UriEncode => {
                Value::String(percent_encoding::utf8_percent_encode(text(0), crate::http::LABEL).to_string())
            }
            Function::ParseUrl => parse_url(text(0)),
            Function::Partition => self.partition(text(0))?,
        })
    }

    /// The partition a region belongs to: the one listing it, else the
    /// first whose `regionRegex` matches, else `aws`.
    fn partition(&self, region: &str) -> Result<Value, EndpointError> {
        let listed = |p: &&Partition| p.regions.iter().any(|(name, _)| *name == region);
        let mut found = self.partitions.iter().find(listed);
        if found.is_none() {
            for partition in self.partitions {
                let regex = regex_lite::Regex::new(partition.region_regex).map_err(|e| {
                    EndpointError::new(format!(
                        "partition {}: bad regionRegex {}: {e}",
                        partition.id, partition.region_regex
                    ))
                })?;
                if regex.is_match(region) {
                    found = Some(partition);
                    break;
                }
            }
        }
        let Some(partition) = found.or_else(|| self.partitions.iter().find(|p| p.id == "aws")) else {
            return Ok(Value::Null);
        };
        let mut outputs: BTreeMap<String, Value> =
            partition.outputs.iter().map(|(k, v)| (k.to_string(), Value::from(*v))).collect();
        if let Some((_, overrides)) = partition.regions.iter().find(|(name, _)| *name == region) {
            outputs.extend(overrides.iter().map(|(k, v)| (k.to_string(), Value::from(*v))));
        }
        outputs.entry("name".to_string()).or_insert_with(|| Value::String(partition.id.to_string()));
        Ok(Value::Object(outputs))
    }

    fn endpoint(&self, template: &EndpointTemplate, scope: &Scope) -> Result<Endpoint, EndpointError> {
        let url = self.text(&template.url, scope)?;
        let properties = self.object(template.properties, scope)?;
        // The client signs with SigV4: its scheme, else the first named.
        let auth = match properties.get("authSchemes") {
            Some(Value::Array(schemes)) => schemes
                .iter()
                .find(|scheme| scheme.get("name").and_then(Value::as_str) == Some("sigv4"))
                .or(schemes.first()),
            _ => None,
        };
        let auth_attr = |name: &str| auth.and_then(|a| a.get(name)).and_then(Value::as_str).map(str::to_string);
        let mut headers = Vec::new();
        for (name, values) in template.headers {
            for value in *values {
                headers.push((name.to_string(), self.text(value, scope)?));
            }
        }
        Ok(Endpoint {
            url,
            signing_region: auth_attr("signingRegion"),
            signing_name: auth_attr("signingName"),
            properties,
            headers,
        })
    }

    fn object(
        &self,
        entries: &[(&'static str, Property)],
        scope: &Scope,
    ) -> Result<BTreeMap<String, Value>, EndpointError> {
        entries.iter().map(|(key, property)| Ok((key.to_string(), self.property(property, scope)?))).collect()
    }

    fn property(&self, property: &Property, scope: &Scope) -> Result<Value, EndpointError> {
        Ok(match property {
            Property::Expr(expr) => self.expr(expr, scope)?,
            Property::Array(items) => {
                Value::Array(items.iter().map(|p| self.property(p, scope)).collect::<Result<_, _>>()?)
            }
            Property::Object(entries) => Value::Object(self.object(entries, scope)?),
        })
    }
}

/// Fills `{Name}` and `{Name#attr}` in a template string.
fn fill_template(text: &str, scope: &Scope) -> Result<String, EndpointError> {
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
            Value::Null => return Err(EndpointError::new(format!("template {text} names unset {inner}"))),
            other => out.push_str(&other.to_string()),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `value.a.b[2]`: unset when any step is missing.
fn get_attr(value: &Value, path: &str) -> Value {
    let mut current = value;
    for part in path.split('.') {
        let (name, index) = match part.split_once('[') {
            Some((name, index)) => (name, Some(index.trim_end_matches(']').parse::<usize>().unwrap_or(usize::MAX))),
            None => (part, None),
        };
        if !name.is_empty() {
            match current.get(name) {
                Some(next) => current = next,
                None => return Value::Null,
            }
        }
        if let Some(index) = index {
            match current {
                Value::Array(items) if index < items.len() => current = &items[index],
                _ => return Value::Null,
            }
        }
    }
    current.clone()
}

fn substring(text: &Value, start: &Value, stop: &Value, reverse: &Value) -> Value {
    let (Some(s), Value::Int(start), Value::Int(stop)) = (text.as_str(), start, stop) else {
        return Value::Null;
    };
    let (Ok(start), Ok(stop)) = (usize::try_from(*start), usize::try_from(*stop)) else {
        return Value::Null;
    };
    if !s.is_ascii() || start >= stop || stop > s.len() {
        return Value::Null;
    }
    let (a, b) = if reverse.as_bool() == Some(true) { (s.len() - stop, s.len() - start) } else { (start, stop) };
    Value::String(s[a..b].to_string())
}

/// One host label, or several joined by dots.
fn is_valid_host_label(text: &str, allow_dots: bool) -> bool {
    use crate::http::is_host_label;
    if allow_dots { text.split('.').all(is_host_label) } else { is_host_label(text) }
}

/// Four dot-separated groups of one to three digits (`999.1.1.1` too, as
/// botocore's check is that loose).
fn looks_like_ipv4(text: &str) -> bool {
    let groups: Vec<&str> = text.split('.').collect();
    groups.len() == 4 && groups.iter().all(|g| (1..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()))
}

/// An S3 bucket name usable in a host name: at least 3 characters, no
/// uppercase, not shaped like an IPv4 address, and valid host labels
/// (several, split at dots, when allowed).
fn is_virtual_hostable_s3_bucket(name: &str, allow_subdomains: bool) -> bool {
    name.len() >= 3
        && !name.bytes().any(|b| b.is_ascii_uppercase())
        && !looks_like_ipv4(name)
        && is_valid_host_label(name, allow_subdomains)
}

/// `arn:partition:service:region:account:resource`.
fn parse_arn(arn: &str) -> Value {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(resource)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Value::Null;
    };
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return Value::Null;
    }
    let string = |s: &str| Value::String(s.to_string());
    Value::Object(BTreeMap::from([
        ("partition".to_string(), string(partition)),
        ("service".to_string(), string(service)),
        ("region".to_string(), string(region)),
        ("accountId".to_string(), string(account)),
        ("resourceId".to_string(), Value::Array(resource.split([':', '/']).map(string).collect())),
    ]))
}

/// An `http` or `https` URL without a query: its scheme, authority, path
/// as written, path normalized (dot segments and repeated slashes removed,
/// percent-encoded, ending in `/`) and whether the host is an IP address.
fn parse_url(url: &str) -> Value {
    let Ok(uri) = url.parse::<http::Uri>() else { return Value::Null };
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else { return Value::Null };
    if !matches!(scheme, "http" | "https") || uri.query().is_some_and(|q| !q.is_empty()) {
        return Value::Null;
    }
    // A port, when written, must be a number that fits in 16 bits.
    let host = authority.host();
    let after_host = authority.as_str().rsplit_once(host).map_or("", |(_, rest)| rest);
    if let Some(port) = after_host.strip_prefix(':')
        && !port.is_empty()
        && port.parse::<u16>().is_err()
    {
        return Value::Null;
    }
    // The path as written: after the authority, before any query or fragment.
    let rest = url.split_once("://").map_or("", |(_, rest)| &rest[authority.as_str().len().min(rest.len())..]);
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let mut normalized =
        percent_encoding::utf8_percent_encode(&remove_dot_segments(path), crate::http::GREEDY_LABEL).to_string();
    if !normalized.ends_with('/') {
        normalized.push('/');
    }
    let is_ip = looks_like_ipv4(host) || host.starts_with('[');
    let string = |s: &str| Value::String(s.to_string());
    Value::Object(BTreeMap::from([
        ("scheme".to_string(), string(scheme)),
        ("authority".to_string(), string(authority.as_str())),
        ("path".to_string(), string(path)),
        ("normalizedPath".to_string(), Value::String(normalized)),
        ("isIp".to_string(), Value::Bool(is_ip)),
    ]))
}

/// `/a/./b/../c//d/` → `/a/c/d/`: `.` and empty segments dropped, `..`
/// drops the segment before it; a leading and a trailing slash are kept.
fn remove_dot_segments(path: &str) -> String {
    if path.is_empty() {
        return "/".to_string();
    }
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let lead = if path.starts_with('/') { "/" } else { "" };
    let trail = if path.ends_with('/') && !segments.is_empty() { "/" } else { "" };
    format!("{lead}{}{trail}", segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    static PARTITIONS: &[Partition] = &[
        Partition {
            id: "aws",
            region_regex: "^(us|eu)\\-\\w+\\-\\d+$",
            outputs: &[("dnsSuffix", Literal::Str("amazonaws.com")), ("supportsFIPS", Literal::Bool(true))],
            regions: &[("aws-global", &[("supportsFIPS", Literal::Bool(false))]), ("us-east-1", &[])],
        },
        Partition {
            id: "aws-cn",
            region_regex: "^cn\\-\\w+\\-\\d+$",
            outputs: &[("dnsSuffix", Literal::Str("amazonaws.com.cn")), ("supportsFIPS", Literal::Bool(false))],
            regions: &[],
        },
    ];

    /// `https://svc.{Region}.{PartitionResult#dnsSuffix}` unless FIPS is
    /// asked for where the partition has none; `Endpoint` wins.
    static RULES: RuleSet = RuleSet {
        parameters: &[
            Parameter { name: "Region", required: false, default: None },
            Parameter { name: "UseFIPS", required: true, default: Some(Literal::Bool(false)) },
            Parameter { name: "Endpoint", required: false, default: None },
        ],
        rules: &[
            Rule {
                conditions: &[Condition { function: Function::IsSet, args: &[Expr::Ref("Endpoint")], assign: None }],
                outcome: Outcome::Endpoint(EndpointTemplate {
                    url: Expr::Ref("Endpoint"),
                    properties: &[],
                    headers: &[("x-test", &[Expr::Str("{Endpoint}")])],
                }),
            },
            Rule {
                conditions: &[
                    Condition { function: Function::IsSet, args: &[Expr::Ref("Region")], assign: None },
                    Condition {
                        function: Function::Partition,
                        args: &[Expr::Ref("Region")],
                        assign: Some("PartitionResult"),
                    },
                ],
                outcome: Outcome::Tree(&[
                    Rule {
                        conditions: &[
                            Condition {
                                function: Function::BooleanEquals,
                                args: &[Expr::Ref("UseFIPS"), Expr::Bool(true)],
                                assign: None,
                            },
                            Condition {
                                function: Function::BooleanEquals,
                                args: &[
                                    Expr::Call(
                                        Function::GetAttr,
                                        &[Expr::Ref("PartitionResult"), Expr::Str("supportsFIPS")],
                                    ),
                                    Expr::Bool(false),
                                ],
                                assign: None,
                            },
                        ],
                        outcome: Outcome::Error(Expr::Str("FIPS is not available in {PartitionResult#name}")),
                    },
                    Rule {
                        conditions: &[],
                        outcome: Outcome::Endpoint(EndpointTemplate {
                            url: Expr::Str("https://svc.{Region}.{PartitionResult#dnsSuffix}"),
                            properties: &[(
                                "authSchemes",
                                Property::Array(&[Property::Object(&[
                                    ("name", Property::Expr(Expr::Str("sigv4"))),
                                    ("signingRegion", Property::Expr(Expr::Ref("Region"))),
                                ])]),
                            )],
                            headers: &[],
                        }),
                    },
                ]),
            },
            Rule { conditions: &[], outcome: Outcome::Error(Expr::Str("Invalid Configuration: Missing Region")) },
        ],
        partitions: PARTITIONS,
    };

    fn resolve(params: EndpointParams) -> Result<Endpoint, String> {
        RULES.resolve(&params).map_err(|e| e.message().to_string())
    }

    #[test]
    fn listed_region_and_regex_matched_region() {
        let endpoint = resolve(EndpointParams::new().string("Region", "us-east-1")).unwrap();
        assert_eq!(endpoint.url, "https://svc.us-east-1.amazonaws.com");
        assert_eq!(endpoint.signing_region.as_deref(), Some("us-east-1"));
        assert_eq!(endpoint.signing_name, None);
        let china = resolve(EndpointParams::new().string("Region", "cn-north-9")).unwrap();
        assert_eq!(china.url, "https://svc.cn-north-9.amazonaws.com.cn");
        // Neither listed nor matched: the aws partition.
        let other = resolve(EndpointParams::new().string("Region", "mars-1")).unwrap();
        assert_eq!(other.url, "https://svc.mars-1.amazonaws.com");
    }

    #[test]
    fn region_overrides_and_errors_from_the_rules() {
        let params = |region: &str| EndpointParams::new().string("Region", region).boolean("UseFIPS", true);
        assert_eq!(resolve(params("aws-global")).unwrap_err(), "FIPS is not available in aws");
        assert_eq!(resolve(params("cn-north-1")).unwrap_err(), "FIPS is not available in aws-cn");
        assert!(resolve(params("us-west-2")).is_ok());
        assert_eq!(resolve(EndpointParams::new()).unwrap_err(), "Invalid Configuration: Missing Region");
        let custom = resolve(EndpointParams::new().string("Endpoint", "http://localhost:5000")).unwrap();
        assert_eq!(custom.url, "http://localhost:5000");
        assert_eq!(custom.headers, [("x-test".to_string(), "http://localhost:5000".to_string())]);
    }

    #[test]
    fn functions() {
        let url = parse_url("https://example.com:8443/a/b");
        assert_eq!(url.get("authority").and_then(Value::as_str), Some("example.com:8443"));
        assert_eq!(url.get("normalizedPath").and_then(Value::as_str), Some("/a/b/"));
        assert_eq!(url.get("isIp"), Some(&Value::Bool(false)));
        assert_eq!(parse_url("https://10.0.0.1").get("isIp"), Some(&Value::Bool(true)));
        assert_eq!(parse_url("not a url"), Value::Null);
        assert_eq!(parse_url("ftp://example.com"), Value::Null);
        assert_eq!(parse_url("https://example.com:99999"), Value::Null);
        assert_eq!(parse_url("https://example.com/?a=b"), Value::Null);
        let attr = |url: &str, name: &str| parse_url(url).get(name).and_then(Value::as_str).map(str::to_string);
        assert_eq!(attr("https://example.com/?", "path").as_deref(), Some("/"));
        assert_eq!(attr("https://example.com", "path").as_deref(), Some(""));
        assert_eq!(attr("https://example.com", "normalizedPath").as_deref(), Some("/"));
        assert_eq!(attr("https://example.com/a/../b", "normalizedPath").as_deref(), Some("/b/"));
        assert_eq!(attr("https://h//p", "normalizedPath").as_deref(), Some("/p/"));
        assert_eq!(attr("https://h/a%20b", "normalizedPath").as_deref(), Some("/a%2520b/"));
        assert_eq!(attr("https://h/a/./b/", "normalizedPath").as_deref(), Some("/a/b/"));
        assert_eq!(parse_url("https://999.1.1.1").get("isIp"), Some(&Value::Bool(true)));
        assert_eq!(parse_url("http://[::1]:8080").get("isIp"), Some(&Value::Bool(true)));
        let text = Value::String("abcdef".into());
        assert_eq!(substring(&text, &Value::Int(0), &Value::Int(2), &Value::Bool(false)), Value::String("ab".into()));
        assert_eq!(substring(&text, &Value::Int(0), &Value::Int(2), &Value::Bool(true)), Value::String("ef".into()));
        assert_eq!(substring(&text, &Value::Int(2), &Value::Int(9), &Value::Bool(false)), Value::Null);
        let nested = Value::Object(BTreeMap::from([(
            "a".to_string(),
            Value::Array(vec![Value::String("x".into()), Value::String("y".into())]),
        )]));
        assert_eq!(get_attr(&nested, "a[1]"), Value::String("y".into()));
        assert_eq!(get_attr(&nested, "a[2]"), Value::Null);
        assert_eq!(get_attr(&nested, "b"), Value::Null);
        assert_eq!(nested.to_string(), r#"{"a":["x","y"]}"#);
        let arn = parse_arn("arn:aws:s3:us-west-2:123456789012:accesspoint/my-ap:x");
        assert_eq!(arn.get("accountId").and_then(Value::as_str), Some("123456789012"));
        assert_eq!(get_attr(&arn, "resourceId[1]"), Value::String("my-ap".into()));
        assert_eq!(get_attr(&arn, "resourceId[2]"), Value::String("x".into()));
        assert_eq!(parse_arn("arn:aws:s3:::"), Value::Null);
        assert_eq!(parse_arn("not:an:arn:at:all:x"), Value::Null);
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("my.bucket", false));
        assert!(is_virtual_hostable_s3_bucket("my.bucket", true));
        assert!(!is_virtual_hostable_s3_bucket("My-Bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("ab", false));
        assert!(!is_virtual_hostable_s3_bucket("192.168.0.1", true));
        assert!(!is_virtual_hostable_s3_bucket("bucket-", false));
        assert!(!is_virtual_hostable_s3_bucket("ab-.cd", true));
        assert!(!is_virtual_hostable_s3_bucket("192.168.001.001", true));
        let long = format!("{}.{}", "a".repeat(40), "b".repeat(40));
        assert!(is_virtual_hostable_s3_bucket(&long, true) && !is_virtual_hostable_s3_bucket(&long, false));
        assert!(is_valid_host_label("a-b", false) && !is_valid_host_label("-ab", false));
        assert!(!is_valid_host_label("us-east-1-", false) && !is_valid_host_label("a..b", true));
    }
}
