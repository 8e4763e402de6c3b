//! Credentials and how they are put on a request.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use http::header::{AUTHORIZATION, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// How a connection authenticates. Every credential is a [`SecretString`]: `Debug` shows
/// `[REDACTED]`, and the header it becomes is marked sensitive.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub enum Auth {
    /// No credentials.
    #[default]
    None,
    /// `Authorization: Bearer <token>`.
    Bearer(SecretString),
    /// `Authorization: Basic base64(username:password)`.
    Basic {
        /// User name or email.
        username: String,
        /// Password or API token.
        password: SecretString,
    },
    /// `Authorization: Basic base64(key:password)` where the user name is itself a secret
    /// (an API key sent as the user): neither part is ever shown.
    BasicSecret {
        /// The user name (an API key).
        username: SecretString,
        /// The password, often empty.
        password: SecretString,
    },
    /// A token in a provider-specific header, sent as is.
    Header {
        /// Header name, e.g. `X-API-Key`.
        name: HeaderName,
        /// Header value.
        value: SecretString,
    },
    /// Several secrets, each in a header of its own.
    Headers(Vec<(HeaderName, SecretString)>),
    /// A token in the query string.
    Query {
        /// Parameter name.
        name: String,
        /// Parameter value.
        value: SecretString,
    },
    /// `Authorization: <scheme> <token>`, e.g. Okta's `SSWS`.
    Scheme {
        /// The scheme word.
        scheme: String,
        /// The token.
        token: SecretString,
    },
    /// A token obtained and refreshed at run time (OAuth 2.0, service accounts).
    Dynamic(Arc<dyn TokenSource>),
}

impl Auth {
    /// Bearer token auth.
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(SecretString::from(token.into()))
    }
    /// Basic auth.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            username: username.into(),
            password: SecretString::from(password.into()),
        }
    }
    /// A token in a header.
    pub fn header(name: &str, value: impl Into<String>) -> Result<Self> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::config(format!("`{name}` is not a valid header name")))?;
        Ok(Auth::Header {
            name,
            value: SecretString::from(value.into()),
        })
    }
    /// A custom `Authorization` scheme.
    pub fn scheme(scheme: impl Into<String>, token: impl Into<String>) -> Self {
        Auth::Scheme {
            scheme: scheme.into(),
            token: SecretString::from(token.into()),
        }
    }

    /// The headers to add (none, one, or several): a dynamic source is asked for its
    /// current token.
    pub(crate) async fn headers(
        &self,
        http: &TokenClient,
    ) -> Result<Vec<(HeaderName, HeaderValue)>> {
        let (name, text) = match self {
            Auth::None | Auth::Query { .. } => return Ok(Vec::new()),
            Auth::Headers(pairs) => {
                return pairs
                    .iter()
                    .map(|(name, value)| Ok((name.clone(), sensitive(value.expose_secret())?)))
                    .collect();
            }
            Auth::Bearer(token) => (AUTHORIZATION, format!("Bearer {}", token.expose_secret())),
            Auth::Basic { username, password } => {
                let raw = format!("{username}:{}", password.expose_secret());
                (AUTHORIZATION, format!("Basic {}", STANDARD.encode(raw)))
            }
            Auth::BasicSecret { username, password } => {
                let raw = format!("{}:{}", username.expose_secret(), password.expose_secret());
                (AUTHORIZATION, format!("Basic {}", STANDARD.encode(raw)))
            }
            Auth::Header { name, value } => (name.clone(), value.expose_secret().to_owned()),
            Auth::Scheme { scheme, token } => {
                (AUTHORIZATION, format!("{scheme} {}", token.expose_secret()))
            }
            Auth::Dynamic(source) => {
                let token = source.token(http).await?;
                (
                    AUTHORIZATION,
                    format!("{} {}", source.scheme(), token.expose_secret()),
                )
            }
        };
        Ok(vec![(name, sensitive(&text)?)])
    }

    /// The query parameter to add, if this auth uses one.
    pub(crate) fn query_pair(&self) -> Option<(&str, &str)> {
        match self {
            Auth::Query { name, value } => Some((name.as_str(), value.expose_secret())),
            _ => None,
        }
    }

    /// The secret texts of this auth, to scrub from anything a provider echoes back.
    pub(crate) fn secret_texts(&self) -> Vec<&str> {
        match self {
            Auth::Bearer(s) => vec![s.expose_secret()],
            Auth::Basic { password, .. } => vec![password.expose_secret()],
            Auth::BasicSecret { username, password } => {
                vec![username.expose_secret(), password.expose_secret()]
            }
            Auth::Header { value, .. } | Auth::Query { value, .. } => vec![value.expose_secret()],
            Auth::Scheme { token, .. } => vec![token.expose_secret()],
            Auth::Headers(pairs) => pairs.iter().map(|(_, v)| v.expose_secret()).collect(),
            Auth::None | Auth::Dynamic(_) => Vec::new(),
        }
    }

    /// Whether a 401 may be cured by asking for a new token.
    pub(crate) fn can_refresh(&self) -> bool {
        matches!(self, Auth::Dynamic(_))
    }

    pub(crate) fn invalidate(&self) {
        if let Auth::Dynamic(source) = self {
            source.invalidate();
        }
    }
}

/// The HTTP client token endpoints are called with: the connection's own, so a token
/// request shares its pool, proxy settings and TLS configuration. Token sources hand it to
/// [`oauth::request_token`](super::oauth::request_token).
#[derive(Clone)]
pub struct TokenClient(pub(crate) reqwest::Client);

impl fmt::Debug for TokenClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenClient")
    }
}

/// A source of short-lived bearer tokens (OAuth 2.0 client credentials, JWT bearer grants).
///
/// Implementations cache the token until it expires; the transport calls
/// [`TokenSource::invalidate`] once after a 401 and retries with a fresh token.
#[async_trait]
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// A valid access token.
    async fn token(&self, http: &TokenClient) -> Result<SecretString>;
    /// Forgets the cached token.
    fn invalidate(&self);
    /// The `Authorization` scheme word the token is sent with (`Bearer` unless the
    /// provider says otherwise: Zoho's `Zoho-oauthtoken`).
    fn scheme(&self) -> &str {
        "Bearer"
    }
}

/// A header value marked sensitive (kept out of `Debug` and HTTP/2 header compression).
fn sensitive(text: &str) -> Result<HeaderValue> {
    let mut value = HeaderValue::from_str(text)
        .map_err(|_| Error::config("the credential contains characters not allowed in a header"))?;
    value.set_sensitive(true);
    Ok(value)
}
