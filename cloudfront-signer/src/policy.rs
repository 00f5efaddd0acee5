//! Policy statements: the canned policy CloudFront rebuilds from a URL and
//! its `Expires`, and custom policies with wildcards, a start time and a
//! source IP range.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::error::Error;

/// A custom policy: a resource pattern, an expiry and optionally a start
/// time and a source IP range, signed as a whole and sent in the URL's
/// `Policy` parameter or the `CloudFront-Policy` cookie.
///
/// The resource may use CloudFront's wildcards: `*` matches any run of
/// characters (none included) and `?` exactly one. A policy for one URL
/// uses the URL itself as the resource. Times are taken from the caller (any
/// value that converts into [`SystemTime`], such as
/// `restxml_runtime::DateTime`) and written as whole epoch seconds, the
/// fraction dropped.
///
/// ```
/// use std::time::{Duration, UNIX_EPOCH};
/// use cloudfront_signer::CustomPolicy;
///
/// let expires = UNIX_EPOCH + Duration::from_secs(1_767_225_600);
/// let policy = CustomPolicy::new("https://d111111abcdef8.cloudfront.net/videos/*", expires)
///     .source_ip("192.0.2.0/24".parse()?);
/// assert_eq!(
///     policy.to_json()?,
///     r#"{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/videos/*","Condition":{"DateLessThan":{"AWS:EpochTime":1767225600},"IpAddress":{"AWS:SourceIp":"192.0.2.0/24"}}}]}"#
/// );
/// # Ok::<(), cloudfront_signer::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomPolicy {
    resource: String,
    expires: SystemTime,
    starts: Option<SystemTime>,
    source_ip: Option<IpRange>,
}

impl CustomPolicy {
    /// A policy for `resource` (a URL or a pattern with `*` and `?`) that
    /// is valid until `expires` (CloudFront's `DateLessThan`).
    pub fn new(resource: impl Into<String>, expires: impl Into<SystemTime>) -> Self {
        CustomPolicy { resource: resource.into(), expires: expires.into(), starts: None, source_ip: None }
    }

    /// Valid only from `starts` on (CloudFront's `DateGreaterThan`).
    pub fn starts(mut self, starts: impl Into<SystemTime>) -> Self {
        self.starts = Some(starts.into());
        self
    }

    /// Valid only for viewers whose address is in `range` (CloudFront's
    /// `IpAddress` condition).
    /// Parse the range from text (`"198.51.100.0/24".parse()?`), or
    /// convert a single [`IpAddr`] with `IpRange::from`.
    pub fn source_ip(mut self, range: IpRange) -> Self {
        self.source_ip = Some(range);
        self
    }

    /// The resource pattern.
    pub fn resource(&self) -> &str {
        &self.resource
    }

    /// The policy statement as CloudFront reads it: compact JSON, members in
    /// the order `Resource`, `Condition` (`DateLessThan`, `IpAddress`,
    /// `DateGreaterThan`), as botocore's `CloudFrontSigner.build_policy`
    /// writes them. These are the bytes that are signed.
    ///
    /// # Errors
    /// [`Error::EmptyResource`], [`Error::NonAsciiResource`],
    /// [`Error::TimeBeforeEpoch`] and [`Error::StartNotBeforeExpiry`].
    pub fn to_json(&self) -> Result<String, Error> {
        check_resource(&self.resource)?;
        let expires = epoch_seconds(self.expires, "expires")?;
        let starts = self.starts.map(|starts| epoch_seconds(starts, "starts")).transpose()?;
        if let Some(starts) = starts
            && starts >= expires
        {
            return Err(Error::StartNotBeforeExpiry { starts, expires });
        }
        let mut json = statement_start(&self.resource, expires);
        if let Some(range) = &self.source_ip {
            json.push_str(",\"IpAddress\":{\"AWS:SourceIp\":\"");
            json.push_str(&range.to_string());
            json.push_str("\"}");
        }
        if let Some(starts) = starts {
            json.push_str(",\"DateGreaterThan\":{\"AWS:EpochTime\":");
            json.push_str(&starts.to_string());
            json.push('}');
        }
        json.push_str(STATEMENT_END);
        Ok(json)
    }

    /// Whether `url` matches the resource pattern as CloudFront matches
    /// it: `*` any run of characters, `?` one character, everything else
    /// literally (case-sensitive).
    pub fn matches(&self, url: &str) -> bool {
        wildcard_match(self.resource.as_bytes(), url.as_bytes())
    }
}

/// The canned policy CloudFront rebuilds for `resource` (the signed URL
/// without its signing parameters) and `expires`: byte-for-byte
/// `{"Statement":[{"Resource":"…","Condition":{"DateLessThan":{"AWS:EpochTime":…}}}]}`.
/// These are the bytes a canned signature covers.
///
/// # Errors
/// [`Error::EmptyResource`], [`Error::NonAsciiResource`],
/// [`Error::WildcardInCannedPolicy`] and [`Error::TimeBeforeEpoch`].
pub fn canned_policy_json(resource: &str, expires: impl Into<SystemTime>) -> Result<String, Error> {
    check_resource(resource)?;
    check_no_wildcard(resource)?;
    let expires = epoch_seconds(expires.into(), "expires")?;
    let mut json = statement_start(resource, expires);
    json.push_str(STATEMENT_END);
    Ok(json)
}

/// The canned policy's expiry in epoch seconds, for the `Expires`
/// parameter or cookie.
pub(crate) fn canned_expires(expires: SystemTime) -> Result<u64, Error> {
    epoch_seconds(expires, "expires")
}

const STATEMENT_END: &str = "}}]}";

/// `{"Statement":[{"Resource":"…","Condition":{"DateLessThan":{"AWS:EpochTime":…}`
fn statement_start(resource: &str, expires: u64) -> String {
    let mut json = String::with_capacity(resource.len() + 128);
    json.push_str("{\"Statement\":[{\"Resource\":\"");
    push_json_escaped(&mut json, resource);
    json.push_str("\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":");
    json.push_str(&expires.to_string());
    json.push('}');
    json
}

/// Escapes an ASCII string as a JSON string body the way Python's
/// `json.dumps` does (and so botocore): `"` and `\` with a backslash, the
/// short escapes `\b \f \n \r \t`, and every other control character and
/// DEL as `\u00xx` in lowercase hex. `/` and HTML's `<`, `>`, `&` are left
/// alone.
fn push_json_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
}

/// Non-empty and ASCII.
pub(crate) fn check_resource(resource: &str) -> Result<(), Error> {
    if resource.is_empty() {
        return Err(Error::EmptyResource);
    }
    if let Some(position) = resource.bytes().position(|byte| !byte.is_ascii()) {
        return Err(Error::NonAsciiResource { resource: resource.to_owned(), position });
    }
    Ok(())
}

/// No `*`, and no `?` after the one that starts the query.
fn check_no_wildcard(resource: &str) -> Result<(), Error> {
    let query = resource.find('?').map_or(resource.len(), |at| at + 1);
    let star = resource.find('*');
    let question = resource[query..].find('?').map(|at| at + query);
    let position = match (star, question) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    match position {
        Some(position) => Err(Error::WildcardInCannedPolicy { resource: resource.to_owned(), position }),
        None => Ok(()),
    }
}

fn epoch_seconds(time: SystemTime, field: &'static str) -> Result<u64, Error> {
    time.duration_since(UNIX_EPOCH).map(|since| since.as_secs()).map_err(|_| Error::TimeBeforeEpoch { field })
}

/// `*` matches any run (including none), `?` exactly one byte, anything
/// else itself; a `*` in the text is an ordinary byte. Backtracks to the
/// last `*` only, so the time is at most pattern length times text length.
fn wildcard_match(pattern: &[u8], text: &[u8]) -> bool {
    let (mut p, mut t) = (0, 0);
    // Where the last `*` of the pattern is, and the text position it has
    // been tried up to.
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        match pattern.get(p) {
            Some(b'*') => {
                star = Some((p, t));
                p += 1;
            }
            Some(&byte) if byte == b'?' || byte == text[t] => {
                p += 1;
                t += 1;
            }
            _ => match star {
                Some((star_p, star_t)) => {
                    p = star_p + 1;
                    t = star_t + 1;
                    star = Some((star_p, star_t + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&byte| byte == b'*')
}

/// A source IP range for a custom policy: an IPv4 or IPv6 address and a
/// prefix length, written in CIDR form (`192.0.2.0/24`).
///
/// Parsed from text with [`str::parse`]: a bare address is a single host
/// (`/32` for IPv4, `/128` for IPv6), as botocore's `build_policy` adds
/// `/32`. The address is kept as given (host bits are not cleared).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IpRange {
    address: IpAddr,
    prefix: u8,
}

impl IpRange {
    /// The range of `prefix` leading bits of `address`.
    ///
    /// # Errors
    /// [`Error::InvalidSourceIp`] when `prefix` is longer than the address
    /// (32 bits for IPv4, 128 for IPv6).
    pub fn new(address: IpAddr, prefix: u8) -> Result<Self, Error> {
        let max = match address {
            IpAddr::V4(_) => 32,
            IpAddr::V6(_) => 128,
        };
        if prefix > max {
            return Err(Error::InvalidSourceIp { value: format!("{address}/{prefix}") });
        }
        Ok(IpRange { address, prefix })
    }

    /// The address.
    pub fn address(&self) -> IpAddr {
        self.address
    }

    /// The prefix length in bits.
    pub fn prefix(&self) -> u8 {
        self.prefix
    }

    /// Whether `address` is in the range (always false across IPv4 and
    /// IPv6).
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.address, address) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => prefix_equal(&net.octets(), &ip.octets(), self.prefix),
            (IpAddr::V6(net), IpAddr::V6(ip)) => prefix_equal(&net.octets(), &ip.octets(), self.prefix),
            _ => false,
        }
    }
}

fn prefix_equal(a: &[u8], b: &[u8], prefix: u8) -> bool {
    let whole = usize::from(prefix / 8);
    let rest = prefix % 8;
    if a[..whole] != b[..whole] {
        return false;
    }
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    a[whole] & mask == b[whole] & mask
}

impl FromStr for IpRange {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        let invalid = || Error::InvalidSourceIp { value: text.to_owned() };
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address: IpAddr = address.parse().map_err(|_| invalid())?;
        let prefix = match prefix {
            // Digits only: `u8::from_str` would also take a leading `+`.
            Some(prefix) if !prefix.is_empty() && prefix.bytes().all(|b| b.is_ascii_digit()) => {
                prefix.parse().map_err(|_| invalid())?
            }
            Some(_) => return Err(invalid()),
            None if address.is_ipv4() => 32,
            None => 128,
        };
        IpRange::new(address, prefix).map_err(|_| invalid())
    }
}

impl From<IpAddr> for IpRange {
    /// The single address: `/32` for IPv4, `/128` for IPv6.
    fn from(address: IpAddr) -> Self {
        let prefix = if address.is_ipv4() { 32 } else { 128 };
        IpRange { address, prefix }
    }
}

impl fmt::Display for IpRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.address, self.prefix)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn json_escapes_as_python_json_dumps() {
        let mut out = String::new();
        push_json_escaped(&mut out, "a\"b\\c/d<e>&\u{8}\u{c}\n\r\t\u{1}\u{1f}\u{7f}~");
        assert_eq!(out, r#"a\"b\\c/d<e>&\b\f\n\r\t\u0001\u001f\u007f~"#);
    }

    #[test]
    fn canned_policy_is_cloudfronts_bytes() {
        let json = canned_policy_json("https://d.example/a.jpg?size=large", at(1_357_034_400)).unwrap();
        assert_eq!(
            json,
            r#"{"Statement":[{"Resource":"https://d.example/a.jpg?size=large","Condition":{"DateLessThan":{"AWS:EpochTime":1357034400}}}]}"#
        );
    }

    #[test]
    fn fractions_of_a_second_are_dropped() {
        let time = at(100) + Duration::from_millis(999);
        assert!(canned_policy_json("r", time).unwrap().contains(":100}"));
    }

    #[test]
    fn canned_policy_refuses_wildcards_but_not_the_query_mark() {
        for (resource, position) in [("https://d/a*.jpg", 11), ("https://d/a?b=c?", 15)] {
            assert_eq!(
                canned_policy_json(resource, at(1)),
                Err(Error::WildcardInCannedPolicy { resource: resource.to_owned(), position })
            );
        }
        assert!(canned_policy_json("https://d/a?b=c", at(1)).is_ok());
    }

    #[test]
    fn custom_policy_orders_conditions_as_botocore() {
        let policy = CustomPolicy::new("https://d/*", at(20)).starts(at(10)).source_ip("192.0.2.1".parse().unwrap());
        assert_eq!(
            policy.to_json().unwrap(),
            r#"{"Statement":[{"Resource":"https://d/*","Condition":{"DateLessThan":{"AWS:EpochTime":20},"IpAddress":{"AWS:SourceIp":"192.0.2.1/32"},"DateGreaterThan":{"AWS:EpochTime":10}}}]}"#
        );
    }

    #[test]
    fn custom_policy_refuses_bad_times_and_resources() {
        let start_late = CustomPolicy::new("r", at(10)).starts(at(10));
        assert_eq!(start_late.to_json(), Err(Error::StartNotBeforeExpiry { starts: 10, expires: 10 }));
        let before_epoch = CustomPolicy::new("r", UNIX_EPOCH - Duration::from_secs(1));
        assert_eq!(before_epoch.to_json(), Err(Error::TimeBeforeEpoch { field: "expires" }));
        assert_eq!(
            CustomPolicy::new("https://d/é", at(1)).to_json(),
            Err(Error::NonAsciiResource { resource: "https://d/é".to_owned(), position: 10 })
        );
        assert_eq!(CustomPolicy::new("", at(1)).to_json(), Err(Error::EmptyResource));
    }

    #[test]
    fn wildcards_match_as_cloudfront() {
        let cases = [
            ("https://d/*", "https://d/", true),
            ("https://d/*", "https://d/a/b.jpg?x=1", true),
            ("https://d/a?.jpg", "https://d/ab.jpg", true),
            ("https://d/a?.jpg", "https://d/a.jpg", false),
            ("*", "anything", true),
            ("https://d/*.jpg", "https://d/a.png", false),
            ("https://d/*/x*", "https://d/a/b/xy", true),
            ("https://d/A", "https://d/a", false),
            // A `*` in the URL is an ordinary character.
            ("https://d/a*b", "https://d/a*cb", true),
            ("https://d/*.jpg", "https://d/*x.jpg", true),
            ("*", "*a", true),
            ("*?", "*", true),
            ("a*", "*a", false),
            ("https://d/*", "https://d/*", true),
        ];
        for (pattern, url, expected) in cases {
            assert_eq!(CustomPolicy::new(pattern, at(1)).matches(url), expected, "{pattern} vs {url}");
        }
    }

    /// The matcher against a plain recursive definition, over every pattern
    /// and text of up to 4 characters from `a`, `b`, `*` and `?`.
    #[test]
    fn wildcard_matching_agrees_with_its_definition() {
        fn reference(p: &[u8], t: &[u8]) -> bool {
            match p.split_first() {
                None => t.is_empty(),
                Some((b'*', rest)) => (0..=t.len()).any(|skip| reference(rest, &t[skip..])),
                Some((&c, rest)) => t.first().is_some_and(|&first| c == b'?' || c == first) && reference(rest, &t[1..]),
            }
        }
        fn strings(max: usize) -> Vec<Vec<u8>> {
            let mut all = vec![Vec::new()];
            let mut last = vec![Vec::new()];
            for _ in 0..max {
                last = last
                    .iter()
                    .flat_map(|s: &Vec<u8>| b"ab*?".iter().map(move |&c| [s.as_slice(), &[c]].concat()))
                    .collect();
                all.extend(last.iter().cloned());
            }
            all
        }
        let all = strings(4);
        for p in &all {
            for t in &all {
                assert_eq!(wildcard_match(p, t), reference(p, t), "{p:?} {t:?}");
            }
        }
    }

    #[test]
    fn ip_ranges_parse_and_contain() {
        let range: IpRange = "198.51.100.0/24".parse().unwrap();
        assert!(range.contains("198.51.100.255".parse().unwrap()));
        assert!(!range.contains("198.51.101.0".parse().unwrap()));
        let v6: IpRange = "2001:db8::/33".parse().unwrap();
        assert!(v6.contains("2001:db8:7fff::1".parse().unwrap()));
        assert!(!v6.contains("2001:db8:8000::1".parse().unwrap()));
        assert!(!v6.contains("198.51.100.1".parse().unwrap()));
        assert_eq!("2001:db8::1".parse::<IpRange>().unwrap().prefix(), 128);
        assert_eq!("0.0.0.0/0".parse::<IpRange>().unwrap().to_string(), "0.0.0.0/0");
        for bad in ["", "1.2.3", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/+8", "::/129", "a/8", "1.2.3.4/8/8"] {
            assert_eq!(bad.parse::<IpRange>(), Err(Error::InvalidSourceIp { value: bad.to_owned() }), "{bad}");
        }
    }
}
