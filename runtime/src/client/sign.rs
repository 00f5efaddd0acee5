//! SigV4 signing with the `aws-sigv4` crate, set up to sign what botocore
//! signs.

use std::borrow::Cow;
use std::time::SystemTime;

use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;

use super::credentials::Credentials;

/// Headers botocore leaves unsigned (hop-by-hop and ones proxies rewrite).
const UNSIGNED_HEADERS: [&str; 11] = [
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningError(String);

impl std::fmt::Display for SigningError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "signing failed: {}", self.0)
    }
}

impl std::error::Error for SigningError {}

/// Signs `request` (whose URI must be absolute) in place: removes any
/// earlier signature, then adds `Authorization`, `X-Amz-Date` and, for
/// temporary credentials, `X-Amz-Security-Token`.
pub fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    for stale in ["authorization", "x-amz-date", "x-amz-security-token"] {
        request.headers_mut().remove(stale);
    }
    normalize_authority(request)?;
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_string),
        None,
        "restxml-runtime",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.excluded_headers = Some(UNSIGNED_HEADERS.iter().map(|h| Cow::Borrowed(*h)).collect());
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| SigningError(e.to_string()))?
        .into();
    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            Ok((name.as_str(), value.to_str().map_err(|_| SigningError(format!("header {name} is not text")))?))
        })
        .collect::<Result<_, SigningError>>()?;
    let uri = request.uri().to_string();
    let signable =
        SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), SignableBody::Bytes(request.body()))
            .map_err(|e| SigningError(e.to_string()))?;
    let (instructions, _signature) = sign(signable, &params).map_err(|e| SigningError(e.to_string()))?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

/// Lowercases the host and drops a default port (`:443` for https, `:80`
/// for http), as botocore signs the host, so the request sent and the
/// request signed agree.
fn normalize_authority(request: &mut http::Request<Vec<u8>>) -> Result<(), SigningError> {
    let uri = request.uri();
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return Err(SigningError(format!("the request URI {uri} is not absolute")));
    };
    let default_port = match scheme {
        "https" => Some(443),
        "http" => Some(80),
        _ => None,
    };
    let host = authority.host().to_ascii_lowercase();
    let normalized = match authority.port_u16() {
        Some(port) if Some(port) != default_port => format!("{host}:{port}"),
        _ => host,
    };
    if normalized != authority.as_str() {
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let rebuilt = format!("{scheme}://{normalized}{path}");
        *request.uri_mut() = rebuilt.parse().map_err(|_| SigningError(format!("{rebuilt:?} is not a valid URI")))?;
    }
    Ok(())
}
