//! Credentials and where they come from: given ones, the environment, the
//! shared `~/.aws/credentials` and `~/.aws/config` files, or any provider
//! of `aws-credential-types` (so `aws-config`'s whole chain plugs in).

use std::fmt;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::Arc;

use super::profile::FileKind;

/// An access key, its secret and an optional session token. `Debug` never
/// shows the secret or the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
}

impl Credentials {
    /// Credentials from their parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Credentials { access_key_id: access_key_id.into(), secret_access_key: secret_access_key.into(), session_token }
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token, for temporary credentials.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field("session_token", &self.session_token.as_ref().map(|_| "** redacted **"))
            .finish()
    }
}

/// Why no credentials could be had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialsError {
    message: String,
}

impl CredentialsError {
    /// An error with a message.
    pub fn new(message: impl Into<String>) -> Self {
        CredentialsError { message: message.into() }
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no credentials: {}", self.message)
    }
}

impl std::error::Error for CredentialsError {}

/// A boxed future, as providers return.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Anything that can provide credentials (asynchronously: a provider may
/// call a metadata service or an SSO endpoint).
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Credentials for the next request.
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>>;
}

impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        let credentials = self.clone();
        Box::pin(async move { Ok(credentials) })
    }
}

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`.
#[derive(Debug, Clone, Default)]
pub struct EnvironmentCredentials;

impl EnvironmentCredentials {
    fn load() -> Result<Credentials, CredentialsError> {
        let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
        match (var("AWS_ACCESS_KEY_ID"), var("AWS_SECRET_ACCESS_KEY")) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id, secret, var("AWS_SESSION_TOKEN"))),
            _ => Err(CredentialsError::new("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set")),
        }
    }
}

impl ProvideCredentials for EnvironmentCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async { Self::load() })
    }
}

/// The shared files: `~/.aws/credentials` (or `AWS_SHARED_CREDENTIALS_FILE`)
/// and `~/.aws/config` (or `AWS_CONFIG_FILE`), profile `AWS_PROFILE` or
/// `default`. Static keys only (no SSO, no role assumption: use the
/// `aws-config` feature for those).
#[derive(Debug, Clone, Default)]
pub struct ProfileCredentials {
    profile: Option<String>,
    files: Option<(PathBuf, PathBuf)>,
}

impl ProfileCredentials {
    /// The profile named by `AWS_PROFILE`, else `default`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A named profile.
    pub fn profile(name: impl Into<String>) -> Self {
        ProfileCredentials { profile: Some(name.into()), files: None }
    }

    /// A named profile from these credentials and config files (instead of
    /// the environment's or `~/.aws`'s).
    pub fn from_files(name: impl Into<String>, credentials: impl Into<PathBuf>, config: impl Into<PathBuf>) -> Self {
        ProfileCredentials { profile: Some(name.into()), files: Some((credentials.into(), config.into())) }
    }

    fn home_file(env: &str, default: &str) -> Option<PathBuf> {
        if let Some(path) = std::env::var_os(env) {
            return Some(PathBuf::from(path));
        }
        std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".aws").join(default))
    }

    fn load(&self) -> Result<Credentials, CredentialsError> {
        let profile =
            self.profile.clone().or_else(|| std::env::var("AWS_PROFILE").ok()).unwrap_or_else(|| "default".into());
        let (credentials_file, config_file) = match &self.files {
            Some((credentials, config)) => (Some(credentials.clone()), Some(config.clone())),
            None => (
                Self::home_file("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
                Self::home_file("AWS_CONFIG_FILE", "config"),
            ),
        };
        let sources = [(credentials_file, FileKind::Credentials), (config_file, FileKind::Config)];
        for (path, kind) in sources {
            let Some(path) = path else { continue };
            // A file that is not there is not an error; one that is malformed is.
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let properties = super::profile::profile(&text, kind, &profile)
                .map_err(|e| CredentialsError::new(format!("{}: {e}", path.display())))?;
            if let Some(props) = properties
                && let (Some(id), Some(secret)) = (props.get("aws_access_key_id"), props.get("aws_secret_access_key"))
            {
                return Ok(Credentials::new(id, secret, props.get("aws_session_token").cloned()));
            }
        }
        Err(CredentialsError::new(format!(
            "profile {profile:?} has no static keys in the shared credentials or config file"
        )))
    }
}

impl ProvideCredentials for ProfileCredentials {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async move { self.load() })
    }
}

/// The environment, then the shared files.
#[derive(Debug, Clone, Default)]
pub struct DefaultCredentialsChain;

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        Box::pin(async {
            EnvironmentCredentials::load().or_else(|env| {
                ProfileCredentials::new()
                    .load()
                    .map_err(|profile| CredentialsError::new(format!("{}; {}", env.message, profile.message)))
            })
        })
    }
}

/// Any `aws-credential-types` provider, such as `aws-config`'s default chain.
#[cfg(feature = "aws-config")]
#[derive(Debug, Clone)]
pub struct SharedProvider(pub aws_credential_types::provider::SharedCredentialsProvider);

#[cfg(feature = "aws-config")]
impl ProvideCredentials for SharedProvider {
    fn provide_credentials(&self) -> BoxFuture<'_, Result<Credentials, CredentialsError>> {
        use aws_credential_types::provider::ProvideCredentials as _;
        Box::pin(async move {
            let c = self.0.provide_credentials().await.map_err(|e| CredentialsError::new(e.to_string()))?;
            Ok(Credentials::new(c.access_key_id(), c.secret_access_key(), c.session_token().map(str::to_string)))
        })
    }
}

/// A shared provider.
pub type SharedCredentials = Arc<dyn ProvideCredentials>;

#[cfg(test)]
mod profile_tests {
    use super::*;

    #[tokio::test]
    async fn profiles_come_from_the_credentials_then_the_config_file() {
        let dir = std::env::temp_dir().join(format!("restxml-profiles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (credentials, config) = (dir.join("credentials"), dir.join("config"));
        std::fs::write(&credentials, "[default]\naws_access_key_id = AKID1\naws_secret_access_key = S1\n\n[work]\naws_access_key_id=AKID2\naws_secret_access_key=S2\naws_session_token=T2\n").unwrap();
        std::fs::write(&config, "[profile other]\naws_access_key_id = AKID3\naws_secret_access_key = S3\n").unwrap();
        let load = |name: &str| ProfileCredentials::from_files(name, &credentials, &config).load();
        assert_eq!(load("default").unwrap(), Credentials::new("AKID1", "S1", None));
        assert_eq!(load("work").unwrap(), Credentials::new("AKID2", "S2", Some("T2".into())));
        assert_eq!(load("other").unwrap(), Credentials::new("AKID3", "S3", None));
        assert!(load("missing").unwrap_err().to_string().contains("missing"));
        // A malformed file is an error naming the file and line, not a silent miss.
        std::fs::write(&credentials, "[default]\naws_access_key_id AKID1\n").unwrap();
        let err = load("default").unwrap_err().to_string();
        assert!(err.contains("credentials: line 2: a property must be `name = value`"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[cfg(all(test, feature = "aws-config"))]
mod tests {
    use super::*;

    #[tokio::test]
    async fn any_aws_credential_types_provider_plugs_in() {
        let provider = aws_credential_types::provider::SharedCredentialsProvider::new(
            aws_credential_types::Credentials::new("AKID", "SECRET", Some("TOKEN".into()), None, "test"),
        );
        let credentials = SharedProvider(provider).provide_credentials().await.unwrap();
        assert_eq!(credentials, Credentials::new("AKID", "SECRET", Some("TOKEN".into())));
        assert!(!format!("{credentials:?}").contains("SECRET"));
    }
}
