//! Rust names for model names: types in UpperCamelCase, fields and
//! functions in snake_case, keywords escaped with `r#`, enum variants made
//! valid identifiers. Every function here is total: any input string gives
//! a usable identifier.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust's strict and reserved keywords (2024 edition), which need `r#`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum",
    "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move",
    "mut", "override", "priv", "pub", "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof",
    "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a trailing underscore.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Type names that would shadow the prelude in generated code.
const PRELUDE_TYPES: &[&str] = &[
    "Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Default", "Clone", "Copy", "Debug",
    "Send", "Sync", "Sized", "Iterator", "From", "Into", "Drop", "Fn", "ToString", "Self",
];

/// A snake_case field or function name, `r#`-escaped where it is a keyword.
pub fn field_name(wire: &str) -> String {
    let snake = wire.to_snake_case();
    let snake = if snake.is_empty() { "value".to_string() } else { snake };
    let snake = if snake.starts_with(|c: char| c.is_ascii_digit()) { format!("n{snake}") } else { snake };
    escape_keyword(snake)
}

/// An UpperCamelCase type name that does not shadow the prelude.
pub fn type_name(wire: &str) -> String {
    // A name that already is UpperCamelCase (acronyms included, as in
    // `TooManyStreamingDistributionCNAMEs`) is kept as the model spells it.
    let already_camel =
        wire.starts_with(|c: char| c.is_ascii_uppercase()) && wire.chars().all(|c| c.is_ascii_alphanumeric());
    let camel = if already_camel { wire.to_string() } else { wire.to_upper_camel_case() };
    let camel = if camel.is_empty() { "Value".to_string() } else { camel };
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) { format!("N{camel}") } else { camel };
    if PRELUDE_TYPES.contains(&camel.as_str()) { format!("{camel}Value") } else { camel }
}

/// An enum variant name for an enum value such as `PriceClass_100` or
/// `TLSv1.2_2021` (keeps digits apart so distinct values stay distinct).
pub fn variant_name(value: &str) -> String {
    let cleaned: String = value.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let camel = cleaned
        .split('_')
        .filter(|part| !part.is_empty())
        .map(|part| {
            // Keep runs of digits separated by an underscore so that
            // `TLSv1.2_2021` and `TLSv1_2_2021` cannot collide silently.
            part.to_upper_camel_case()
        })
        .fold(String::new(), |mut acc, part| {
            if acc.ends_with(|c: char| c.is_ascii_digit()) && part.starts_with(|c: char| c.is_ascii_digit()) {
                acc.push('_');
            }
            acc.push_str(&part);
            acc
        });
    let camel = if camel.is_empty() { "Empty".to_string() } else { camel };
    let camel = if camel.starts_with(|c: char| c.is_ascii_digit()) { format!("V{camel}") } else { camel };
    if camel == "Self" || camel == "Unknown" { format!("{camel}Value") } else { camel }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_keyword_is_escaped() {
        for keyword in KEYWORDS {
            let name = field_name(keyword);
            assert_eq!(name, format!("r#{keyword}"));
            assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{name}");
        }
        for keyword in ["self", "super", "crate"] {
            let name = field_name(keyword);
            assert!(syn::parse_str::<syn::Ident>(&name).is_ok(), "{name}");
        }
    }

    #[test]
    fn field_names() {
        assert_eq!(field_name("LastModifiedTime"), "last_modified_time");
        assert_eq!(field_name("ARN"), "arn");
        assert_eq!(field_name("IfMatch"), "if_match");
        assert_eq!(field_name("ETag"), "e_tag");
        assert_eq!(field_name("Type"), "r#type");
        assert_eq!(field_name("Override"), "r#override");
        assert_eq!(field_name("3xx"), "n3xx");
    }

    #[test]
    fn type_names() {
        assert_eq!(type_name("StreamingDistributionConfig"), "StreamingDistributionConfig");
        assert_eq!(type_name("Result"), "ResultValue");
        assert_eq!(type_name("string"), "StringValue");
        assert_eq!(type_name("TooManyStreamingDistributionCNAMEs"), "TooManyStreamingDistributionCNAMEs");
        assert_eq!(type_name("cache-policy"), "CachePolicy");
    }

    #[test]
    fn variant_names() {
        assert_eq!(variant_name("PriceClass_100"), "PriceClass100");
        assert_eq!(variant_name("PriceClass_All"), "PriceClassAll");
        assert_eq!(variant_name("None"), "None");
        assert_eq!(variant_name("TLSv1.2_2021"), "TlSv1_2_2021");
        assert_eq!(variant_name("http1.1"), "Http1_1");
        assert_eq!(variant_name("us-east-1"), "UsEast1");
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name("Unknown"), "UnknownValue");
        assert_eq!(variant_name(""), "Empty");
    }
}
