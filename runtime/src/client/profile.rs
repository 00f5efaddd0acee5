//! The shared `config` and `credentials` files, read as the AWS SDKs
//! specify them (<https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html>),
//! which is stricter and a little different from generic INI:
//!
//! - whitespace is spaces and tabs; blank lines and lines starting with
//!   `#` or `;` (after any indentation) are comments;
//! - `[name]` starts a profile (a comment may follow the `]`); in the config
//!   file named profiles are `[profile name]`, and `[default]` or
//!   `[profile default]` is the default one;
//! - `key = value`: the key is case-insensitive, both sides are trimmed, and
//!   on a property line `#` or `;` starts a comment only after whitespace
//!   (secret keys may contain either);
//! - a line indented deeper than the property line above it continues that
//!   property (sub-properties included), joined with a newline; other
//!   indented lines are properties themselves (as botocore reads them);
//! - a profile named twice is one profile; a later value wins.

use std::collections::BTreeMap;
use std::fmt;

/// A property name to its value.
pub type Properties = BTreeMap<String, String>;

/// Which of the two shared files a text came from (the config file
/// prefixes named profiles with `profile `).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `~/.aws/config`.
    Config,
    /// `~/.aws/credentials`.
    Credentials,
}

/// A line the format does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileParseError {
    /// 1-based.
    pub line: usize,
    /// What was wrong.
    pub message: &'static str,
}

impl fmt::Display for ProfileParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ProfileParseError {}

const WHITESPACE: &[char] = &[' ', '\t'];

/// The properties of profile `name` in `text`, `None` if it has none.
pub fn profile(text: &str, kind: FileKind, name: &str) -> Result<Option<Properties>, ProfileParseError> {
    Ok(parse(text, kind)?.remove(name))
}

/// Every profile in `text`, by normalized name (`default`, not `profile default`).
pub fn parse(text: &str, kind: FileKind) -> Result<BTreeMap<String, Properties>, ProfileParseError> {
    let mut profiles: BTreeMap<String, Properties> = BTreeMap::new();
    // The profile being read (None: ignored, as `[profile]` in a credentials
    // file would be) and the property a continuation line extends.
    let mut current: Option<Option<String>> = None;
    let mut last_key: Option<String> = None;
    // How far the line of `last_key` is indented.
    let mut last_indent = 0;
    // `[profile default]` wins over `[default]` in the config file.
    let mut explicit_default = false;
    for (index, line) in text.lines().enumerate() {
        let error = |message| ProfileParseError { line: index + 1, message };
        let trimmed = line.trim_matches(WHITESPACE);
        if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(WHITESPACE).len();
        if line.starts_with('[') {
            let header = strip_comment(line.trim_matches(WHITESPACE), false);
            let inner = header
                .strip_prefix('[')
                .and_then(|h| h.strip_suffix(']'))
                .ok_or_else(|| error("a profile line must be `[name]`"))?
                .trim_matches(WHITESPACE);
            let name = profile_name(inner, kind);
            if kind == FileKind::Config && name.as_deref() == Some("default") {
                let explicit = inner != "default";
                if explicit && !explicit_default {
                    // `[profile default]` replaces what `[default]` set.
                    profiles.remove("default");
                    explicit_default = true;
                } else if !explicit && explicit_default {
                    current = Some(None);
                    last_key = None;
                    continue;
                }
            }
            if let Some(name) = &name {
                profiles.entry(name.clone()).or_default();
            }
            current = Some(name);
            last_key = None;
        } else if indent > last_indent && last_key.is_some() {
            let Some(profile) = &current else { return Err(error("a property must come after a profile line")) };
            let key = last_key.as_ref().ok_or_else(|| error("a continuation must follow a property"))?;
            if let Some(value) = profile.as_ref().and_then(|p| profiles.get_mut(p)).and_then(|p| p.get_mut(key)) {
                value.push('\n');
                value.push_str(line.trim_matches(WHITESPACE));
            }
        } else {
            let Some(profile) = &current else { return Err(error("a property must come after a profile line")) };
            let (key, value) = strip_comment(trimmed, true)
                .split_once('=')
                .ok_or_else(|| error("a property must be `name = value`"))?;
            let key = key.trim_matches(WHITESPACE).to_ascii_lowercase();
            if key.is_empty() {
                return Err(error("a property must have a name"));
            }
            if let Some(properties) = profile.as_ref().and_then(|p| profiles.get_mut(p)) {
                properties.insert(key.clone(), value.trim_matches(WHITESPACE).to_string());
            }
            last_key = Some(key);
            last_indent = indent;
        }
    }
    Ok(profiles)
}

/// The profile a section header names, `None` for a header the file kind
/// does not treat as a profile.
fn profile_name(inner: &str, kind: FileKind) -> Option<String> {
    match kind {
        FileKind::Credentials => Some(inner.to_string()),
        FileKind::Config if inner == "default" => Some(inner.to_string()),
        FileKind::Config => {
            let rest = inner.strip_prefix("profile")?;
            let name = rest.trim_start_matches(WHITESPACE);
            (name.len() < rest.len() && !name.is_empty()).then(|| name.to_string())
        }
    }
}

/// `line` up to a comment. On property lines a comment marker must follow
/// whitespace; on profile lines it need not.
fn strip_comment(line: &str, needs_whitespace: bool) -> &str {
    let mut after_space = false;
    for (index, c) in line.char_indices() {
        if matches!(c, '#' | ';') && (after_space || !needs_whitespace) {
            return line[..index].trim_end_matches(WHITESPACE);
        }
        after_space = WHITESPACE.contains(&c);
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(pairs: &[(&str, &str)]) -> Properties {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn credentials_file() {
        let text = "# keys\n[default]\naws_access_key_id = AKID ; a comment\nAWS_Secret_Access_Key=se#cr;et\n\n\
                    [work] # team\naws_access_key_id=W\n\t\n;x\n[default]\naws_session_token = tok\n";
        let profiles = parse(text, FileKind::Credentials).unwrap();
        assert_eq!(
            profiles["default"],
            props(&[
                ("aws_access_key_id", "AKID"),
                ("aws_secret_access_key", "se#cr;et"),
                ("aws_session_token", "tok")
            ])
        );
        assert_eq!(profiles["work"], props(&[("aws_access_key_id", "W")]));
        // Indented comments, and indented properties before any other.
        let text = "  # top\n[default]\n  ; note\n  aws_access_key_id = X\n  aws_secret_access_key = Y\n    more\n";
        assert_eq!(
            profile(text, FileKind::Credentials, "default").unwrap(),
            Some(props(&[("aws_access_key_id", "X"), ("aws_secret_access_key", "Y\nmore")]))
        );
        // In the credentials file `profile` is part of the name.
        let text = "[profile work]\na = 1\n";
        assert_eq!(profile(text, FileKind::Credentials, "profile work").unwrap(), Some(props(&[("a", "1")])));
        assert_eq!(profile(text, FileKind::Credentials, "work").unwrap(), None);
    }

    #[test]
    fn config_file_names_and_continuations() {
        let text = "[default]\nregion = us-east-1\n[profile  dev ]\nregion = eu-west-1\ns3 =\n  max_concurrent_requests = 20\n  \
                    addressing_style = path\n[dev]\nregion = ignored\n[profilex]\nregion = ignored\n";
        let profiles = parse(text, FileKind::Config).unwrap();
        assert_eq!(profiles.keys().collect::<Vec<_>>(), ["default", "dev"]);
        assert_eq!(profiles["dev"]["s3"], "\nmax_concurrent_requests = 20\naddressing_style = path");
        assert_eq!(profiles["dev"]["region"], "eu-west-1");
        // `[profile default]` wins over `[default]`, in either order.
        for text in ["[default]\na = 1\n[profile default]\nb = 2\n", "[profile default]\nb = 2\n[default]\na = 1\n"] {
            assert_eq!(profile(text, FileKind::Config, "default").unwrap(), Some(props(&[("b", "2")])), "{text}");
        }
    }

    #[test]
    fn malformed_lines_name_their_line() {
        let cases = [
            ("a = 1\n", 1, "a property must come after a profile line"),
            ("[default]\nno equals\n", 2, "a property must be `name = value`"),
            ("[default]\n= 1\n", 2, "a property must have a name"),
            ("[default\n", 1, "a profile line must be `[name]`"),
            ("[default]\n  dangling\n", 2, "a property must be `name = value`"),
        ];
        for (text, line, message) in cases {
            assert_eq!(
                parse(text, FileKind::Credentials).unwrap_err(),
                ProfileParseError { line, message },
                "{text:?}"
            );
        }
    }
}
