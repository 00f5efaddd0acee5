//! Signing the client's requests: SigV4 with the runtime's own signer
//! ([`super::sigv4`], botocore's rules), the rules chosen by the
//! endpoint's auth scheme. SigV4a (S3 Multi-Region Access Points only) is
//! signed with the `aws-sigv4` crate behind the `sigv4a` feature; without
//! it an endpoint that asks for SigV4a is a signing error naming the
//! feature.

use std::time::SystemTime;

use super::credentials::Credentials;
use super::endpoint::{Endpoint, Value};
pub use super::sigv4::SigningError;
use super::sigv4::{self, PathRule, Settings, SigningKeyCache, SigningParams};

/// The auth scheme an endpoint asks for, as the client signs with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthScheme {
    /// `sigv4`, or `sigv4a` (S3 Multi-Region Access Points).
    pub name: String,
    /// The signing name of the service.
    pub signing_name: String,
    /// The region of the scope (SigV4).
    pub signing_region: String,
    /// The regions a SigV4a signature is valid in (`*` for all).
    pub signing_region_set: Vec<String>,
    /// The service's signing rules.
    pub settings: Settings,
}

impl AuthScheme {
    /// SigV4 for `signing_name` in `region`, with the service's rules.
    pub fn sigv4(signing_name: &str, region: &str) -> Self {
        AuthScheme {
            name: "sigv4".into(),
            signing_name: signing_name.into(),
            signing_region: region.into(),
            signing_region_set: Vec::new(),
            settings: Settings::for_service(signing_name),
        }
    }

    /// The scheme of a resolved endpoint: its `sigv4` auth scheme, else
    /// its first (the endpoint's own choice), else SigV4 with the client's
    /// `signing_name` and `region`. The scheme's `signingName`,
    /// `signingRegion`, `signingRegionSet`, and `disableDoubleEncoding`
    /// with `disableNormalizePath` (the path signed as sent) apply.
    pub fn from_endpoint(endpoint: &Endpoint, signing_name: &str, region: &str) -> Self {
        let scheme = match endpoint.properties.get("authSchemes") {
            Some(Value::Array(schemes)) => schemes
                .iter()
                .find(|scheme| scheme.get("name").and_then(Value::as_str) == Some("sigv4"))
                .or(schemes.first()),
            _ => None,
        };
        let text = |name: &str| scheme.and_then(|s| s.get(name)).and_then(Value::as_str);
        let flag = |name: &str| scheme.and_then(|s| s.get(name)).and_then(Value::as_bool).unwrap_or(false);
        let name = endpoint.signing_name.as_deref().unwrap_or(signing_name);
        let region = endpoint.signing_region.as_deref().unwrap_or(region);
        let mut auth = AuthScheme::sigv4(name, region);
        if let Some(scheme_name) = text("name") {
            auth.name = scheme_name.to_string();
        }
        if let Some(Value::Array(set)) = scheme.and_then(|s| s.get("signingRegionSet")) {
            auth.signing_region_set = set.iter().filter_map(Value::as_str).map(str::to_string).collect();
        }
        if flag("disableDoubleEncoding") && flag("disableNormalizePath") {
            auth.settings.path = PathRule::AsSent;
        }
        auth
    }
}

/// Signs `request` (whose URI must be absolute) in place with SigV4 and
/// the rules of the service signed as `service`: removes any earlier
/// signature, then adds `Authorization`, `X-Amz-Date`, for temporary
/// credentials `X-Amz-Security-Token`, and for S3
/// `X-Amz-Content-SHA256`.
pub fn sign_request(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<(), SigningError> {
    sign_with(request, credentials, &AuthScheme::sigv4(service, region), time, None)
}

/// Signs `request` in place as `auth` says, deriving signing keys through
/// `cache` when given. The URI's host is lowercased and a default port
/// dropped first, so the request sent and the request signed agree.
pub fn sign_with<B: AsRef<[u8]>>(
    request: &mut http::Request<B>,
    credentials: &Credentials,
    auth: &AuthScheme,
    time: SystemTime,
    cache: Option<&SigningKeyCache>,
) -> Result<(), SigningError> {
    normalize_authority(request)?;
    match auth.name.as_str() {
        "sigv4" => {
            let params = SigningParams {
                credentials,
                region: &auth.signing_region,
                service: &auth.signing_name,
                time,
                settings: &auth.settings,
                cache,
            };
            sigv4::sign(request, &params).map(drop)
        }
        "sigv4a" => sign_sigv4a(request, credentials, auth, time),
        other => Err(SigningError::new(format!("the endpoint asks for auth scheme {other:?}, which is not supported"))),
    }
}

#[cfg(not(feature = "sigv4a"))]
fn sign_sigv4a<B: AsRef<[u8]>>(
    _request: &mut http::Request<B>,
    _credentials: &Credentials,
    _auth: &AuthScheme,
    _time: SystemTime,
) -> Result<(), SigningError> {
    Err(SigningError::new(
        "the endpoint asks for SigV4a (an S3 Multi-Region Access Point): enable the `sigv4a` feature of \
         restxml-runtime",
    ))
}

/// SigV4a with the `aws-sigv4` crate, set up for botocore's rules.
#[cfg(feature = "sigv4a")]
fn sign_sigv4a<B: AsRef<[u8]>>(
    request: &mut http::Request<B>,
    credentials: &Credentials,
    auth: &AuthScheme,
    time: SystemTime,
) -> Result<(), SigningError> {
    use std::borrow::Cow;

    use aws_sigv4::http_request::{
        PayloadChecksumKind, PercentEncodingMode, SignableBody, SignableRequest, SigningSettings,
        UriPathNormalizationMode, sign,
    };

    for stale in ["authorization", "x-amz-date", "x-amz-security-token", "x-amz-region-set", "x-amz-content-sha256"] {
        request.headers_mut().remove(stale);
    }
    let identity = aws_credential_types::Credentials::new(
        credentials.access_key_id(),
        credentials.secret_access_key(),
        credentials.session_token().map(str::to_string),
        None,
        "restxml-runtime",
    )
    .into();
    let mut settings = SigningSettings::default();
    settings.excluded_headers = Some(sigv4::UNSIGNED_HEADERS.iter().map(|h| Cow::Borrowed(*h)).collect());
    if auth.settings.path == PathRule::AsSent {
        settings.percent_encoding_mode = PercentEncodingMode::Single;
        settings.uri_path_normalization_mode = UriPathNormalizationMode::Disabled;
    }
    if auth.settings.content_sha256_header {
        settings.payload_checksum_kind = PayloadChecksumKind::XAmzSha256;
    }
    let region_set = if auth.signing_region_set.is_empty() {
        auth.signing_region.clone()
    } else {
        auth.signing_region_set.join(",")
    };
    let params = aws_sigv4::sign::v4a::SigningParams::builder()
        .identity(&identity)
        .region_set(&region_set)
        .name(&auth.signing_name)
        .time(time)
        .settings(settings)
        .build()
        .map_err(|e| SigningError::new(e.to_string()))?
        .into();
    let headers: Vec<(&str, &str)> = request
        .headers()
        .iter()
        .map(|(name, value)| {
            Ok((name.as_str(), value.to_str().map_err(|_| SigningError::new(format!("header {name} is not text")))?))
        })
        .collect::<Result<_, SigningError>>()?;
    let uri = request.uri().to_string();
    let body = match &auth.settings.payload {
        sigv4::PayloadHash::Body => SignableBody::Bytes(request.body().as_ref()),
        sigv4::PayloadHash::Unsigned => SignableBody::UnsignedPayload,
        sigv4::PayloadHash::StreamingUnsignedPayloadTrailer => SignableBody::StreamingUnsignedPayloadTrailer,
        sigv4::PayloadHash::Precomputed(hash) => SignableBody::Precomputed(hash.clone()),
    };
    let signable = SignableRequest::new(request.method().as_str(), &uri, headers.into_iter(), body)
        .map_err(|e| SigningError::new(e.to_string()))?;
    let (instructions, _signature) =
        sign(signable, &params).map_err(|e| SigningError::new(e.to_string()))?.into_parts();
    instructions.apply_to_request_http1x(request);
    Ok(())
}

/// Lowercases the host and drops a default port (`:443` for https, `:80`
/// for http), as botocore signs the host, so the request sent and the
/// request signed agree.
fn normalize_authority<B>(request: &mut http::Request<B>) -> Result<(), SigningError> {
    let uri = request.uri();
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return Err(SigningError::new(format!("the request URI {uri} is not absolute")));
    };
    let normalized = sigv4::host_of(uri)?;
    if normalized != authority.as_str() {
        let path = uri.path_and_query().map_or("/", |p| p.as_str());
        let rebuilt = format!("{scheme}://{normalized}{path}");
        *request.uri_mut() =
            rebuilt.parse().map_err(|_| SigningError::new(format!("{rebuilt:?} is not a valid URI")))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn endpoint(schemes: Vec<Value>) -> Endpoint {
        let mut properties = BTreeMap::new();
        properties.insert("authSchemes".to_string(), Value::Array(schemes));
        Endpoint {
            url: "https://mrap.accesspoint.s3-global.amazonaws.com".into(),
            signing_region: None,
            signing_name: None,
            properties,
            headers: Vec::new(),
        }
    }

    fn scheme(entries: &[(&str, Value)]) -> Value {
        Value::Object(entries.iter().map(|(k, v)| (k.to_string(), v.clone())).collect())
    }

    #[test]
    fn the_endpoint_chooses_the_scheme_and_its_rules() {
        let s3 = scheme(&[
            ("name", Value::String("sigv4".into())),
            ("signingName", Value::String("s3".into())),
            ("disableDoubleEncoding", Value::Bool(true)),
        ]);
        let auth = AuthScheme::from_endpoint(&endpoint(vec![s3]), "s3", "us-east-1");
        assert_eq!((auth.name.as_str(), auth.settings.path), ("sigv4", PathRule::AsSent));
        let other = scheme(&[
            ("name", Value::String("sigv4".into())),
            ("disableDoubleEncoding", Value::Bool(true)),
            ("disableNormalizePath", Value::Bool(true)),
        ]);
        let auth = AuthScheme::from_endpoint(&endpoint(vec![other]), "execute-api", "us-east-1");
        assert_eq!(auth.settings.path, PathRule::AsSent);
        assert_eq!(AuthScheme::from_endpoint(&endpoint(vec![]), "route53", "eu-west-1"), {
            AuthScheme::sigv4("route53", "eu-west-1")
        });
    }

    #[test]
    fn sigv4a_is_signed_only_with_its_feature() {
        let mrap = scheme(&[
            ("name", Value::String("sigv4a".into())),
            ("signingName", Value::String("s3".into())),
            ("signingRegionSet", Value::Array(vec![Value::String("*".into())])),
        ]);
        let auth = AuthScheme::from_endpoint(&endpoint(vec![mrap]), "s3", "us-east-1");
        assert_eq!((auth.name.as_str(), auth.signing_region_set.as_slice()), ("sigv4a", &["*".to_string()][..]));
        let mut request =
            http::Request::get("https://mrap.accesspoint.s3-global.amazonaws.com/key").body(Vec::new()).unwrap();
        let credentials = Credentials::new("AKID", "SECRET", None);
        let result = sign_with(&mut request, &credentials, &auth, SystemTime::now(), None);
        if cfg!(feature = "sigv4a") {
            result.unwrap();
            let authorization = request.headers()["authorization"].to_str().unwrap();
            assert!(authorization.starts_with("AWS4-ECDSA-P256-SHA256 "), "{authorization}");
            assert_eq!(request.headers()["x-amz-region-set"], "*");
        } else {
            let err = result.unwrap_err().to_string();
            assert!(err.contains("enable the `sigv4a` feature"), "{err}");
        }
    }
}
