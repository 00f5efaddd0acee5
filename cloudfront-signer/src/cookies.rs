//! Signed cookies and the `Set-Cookie` header values that deliver them.

use crate::error::Error;

/// The cookies of a signed-cookie grant, as name/value pairs in the order
/// CloudFront documents them: `CloudFront-Expires` (canned) or
/// `CloudFront-Policy` (custom), `CloudFront-Signature`,
/// `CloudFront-Key-Pair-Id`, and `CloudFront-Hash-Algorithm` for SHA-256.
///
/// Every value is already in the form the cookie carries (CloudFront's
/// base64 for the policy and signature), with no character that needs
/// quoting.
///
/// `Debug` shows the cookie names only: the values are a bearer grant.
#[derive(Clone, PartialEq, Eq)]
pub struct SignedCookies {
    cookies: Vec<(&'static str, String)>,
}

impl SignedCookies {
    pub(crate) fn new(cookies: Vec<(&'static str, String)>) -> Self {
        SignedCookies { cookies }
    }

    /// The cookies as `(name, value)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.cookies.iter().map(|(name, value)| (*name, value.as_str()))
    }

    /// The value of the cookie `name` (such as `CloudFront-Signature`).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.iter().find(|(cookie, _)| *cookie == name).map(|(_, value)| value)
    }

    /// One `Set-Cookie` header value per cookie, with `attributes` after
    /// each: `CloudFront-Signature=…; Domain=d111111abcdef8.cloudfront.net;
    /// Path=/; Secure; HttpOnly`.
    ///
    /// No `Expires` or `Max-Age` is written: as CloudFront advises, the
    /// cookies end with the browser session, and the policy's own expiry
    /// bounds them anyway.
    ///
    /// # Errors
    /// [`Error::InvalidCookieAttribute`] when the domain is not a host name
    /// (ASCII letters, digits, `-` and `.`; a leading `.` is allowed), or
    /// the path is empty, does not start with `/` or holds a `;`, a control
    /// character or a character outside ASCII.
    pub fn set_cookie_headers(&self, attributes: &CookieAttributes) -> Result<Vec<String>, Error> {
        let mut suffix = String::new();
        for (attribute, value) in [("Domain", attributes.domain.as_deref()), ("Path", attributes.path.as_deref())] {
            let Some(value) = value else { continue };
            let valid = match attribute {
                "Domain" => {
                    let host = value.strip_prefix('.').unwrap_or(value);
                    !host.is_empty() && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
                }
                _ => value.starts_with('/') && !value.chars().any(|c| c == ';' || c.is_control() || !c.is_ascii()),
            };
            if !valid {
                return Err(Error::InvalidCookieAttribute { attribute, value: value.to_owned() });
            }
            suffix.push_str("; ");
            suffix.push_str(attribute);
            suffix.push('=');
            suffix.push_str(value);
        }
        if attributes.secure {
            suffix.push_str("; Secure");
        }
        if attributes.http_only {
            suffix.push_str("; HttpOnly");
        }
        if let Some(same_site) = attributes.same_site {
            suffix.push_str("; SameSite=");
            suffix.push_str(same_site.as_str());
        }
        Ok(self.iter().map(|(name, value)| format!("{name}={value}{suffix}")).collect())
    }
}

impl std::fmt::Debug for SignedCookies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedCookies")
            .field("names", &self.cookies.iter().map(|(name, _)| *name).collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl<'a> IntoIterator for &'a SignedCookies {
    type Item = (&'a str, &'a str);
    type IntoIter = Box<dyn Iterator<Item = (&'a str, &'a str)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// The attributes written after each signed cookie by
/// [`SignedCookies::set_cookie_headers`].
///
/// The default is `Secure; HttpOnly` with no `Domain`, `Path` or
/// `SameSite`. A browser keeps a cookie only from a response of a host the
/// `Domain` covers, and sends it only to such hosts: serve the
/// distribution under an alternate domain name that shares a parent with
/// the site that sets the cookies (`www.example.com` and
/// `media.example.com`, with `Domain=example.com`), and set `Path` to the
/// part of the site the cookies grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieAttributes {
    domain: Option<String>,
    path: Option<String>,
    secure: bool,
    http_only: bool,
    same_site: Option<SameSite>,
}

/// The `SameSite` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SameSite {
    /// Sent only with requests from the same site.
    Strict,
    /// Also sent on top-level navigation from other sites.
    Lax,
    /// Sent with every request (browsers require `Secure` with it).
    None,
}

impl SameSite {
    fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    }
}

impl Default for CookieAttributes {
    fn default() -> Self {
        CookieAttributes { domain: None, path: None, secure: true, http_only: true, same_site: None }
    }
}

impl CookieAttributes {
    /// `Secure; HttpOnly`, no domain and no path.
    pub fn new() -> Self {
        Self::default()
    }

    /// `Domain=`: the host the browser sends the cookies to (and its
    /// subdomains).
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// `Path=`: the path prefix the browser sends the cookies for.
    pub fn path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Whether to write `Secure` (HTTPS only); on by default.
    pub fn secure(mut self, secure: bool) -> Self {
        self.secure = secure;
        self
    }

    /// Whether to write `HttpOnly` (no access from scripts); on by default.
    pub fn http_only(mut self, http_only: bool) -> Self {
        self.http_only = http_only;
        self
    }

    /// `SameSite=`; not written by default.
    pub fn same_site(mut self, same_site: SameSite) -> Self {
        self.same_site = Some(same_site);
        self
    }
}
