//! OAuth 2.0 token endpoints: the one exchange every grant shares ([`request_token`]), the
//! cache every token source shares ([`TokenCache`]), and the two grants built on them: client
//! credentials (RFC 6749 §4.4) and a service account's signed JWT assertion (RFC 7523, as
//! Google documents it).

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};
use url::Url;

use super::{TokenClient, TokenSource};
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Operation, Result};

/// Token endpoints get their own, shorter timeout (`RELIABILITY.md`).
const TOKEN_TIMEOUT: Duration = Duration::from_secs(10);
/// A token is renewed this long before it expires.
const EARLY: chrono::Duration = chrono::Duration::seconds(60);
/// Lifetime assumed when the endpoint does not say.
const DEFAULT_LIFETIME: i64 = 3600;

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct TokenError {
    #[serde(default)]
    error: Option<String>,
}

/// A better message for an OAuth error code, where a grant knows one.
pub type ExplainError = fn(code: &str) -> Option<&'static str>;

/// Posts a form-encoded token request to `token_url` and reads the token response: the
/// access token and when it expires (from `expires_in`, an hour when absent).
///
/// Failures are `Authenticate` errors of `provider` that keep only the OAuth `error` code
/// (through `explain` when it knows it): a token response never goes into an error.
pub async fn request_token(
    http: &TokenClient,
    provider: &'static str,
    token_url: &Url,
    form: String,
    authorization: Option<HeaderValue>,
    now: DateTime<Utc>,
    explain: ExplainError,
) -> Result<(SecretString, DateTime<Utc>)> {
    let fail = |kind: ErrorKind, message: &str| {
        Error::new(kind, message)
            .with_provider(provider)
            .with_operation(Operation::Authenticate)
    };
    let mut request = http.0.post(token_url.clone());
    if let Some(authorization) = authorization {
        request = request.header(AUTHORIZATION, authorization);
    }
    let response = request
        .header(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        )
        .header(ACCEPT, HeaderValue::from_static("application/json"))
        .timeout(TOKEN_TIMEOUT)
        .body(form)
        .send()
        .await
        .map_err(|e| {
            let kind = if e.is_timeout() {
                ErrorKind::Timeout
            } else {
                ErrorKind::Transport
            };
            fail(kind, "the token endpoint could not be reached").with_source(e.without_url())
        })?;
    let status = response.status();
    let body = response.bytes().await.map_err(|e| {
        fail(ErrorKind::Transport, "the token response was cut short").with_source(e.without_url())
    })?;
    if !status.is_success() {
        let code = serde_json::from_slice::<TokenError>(&body)
            .ok()
            .and_then(|e| e.error);
        let (kind, message) = match status.as_u16() {
            400 | 401 | 403 => (
                ErrorKind::Unauthenticated,
                "the token endpoint refused the credentials",
            ),
            429 => (
                ErrorKind::RateLimited,
                "the token endpoint throttled the request",
            ),
            _ => (
                ErrorKind::Provider,
                "the token endpoint failed to issue a token",
            ),
        };
        let explained = code.as_deref().and_then(explain);
        let kind = if explained.is_some() {
            ErrorKind::Unauthenticated
        } else {
            kind
        };
        let mut err = fail(kind, explained.unwrap_or(message))
            .with_status(status.as_u16())
            .with_retryable(status.as_u16() == 429 || status.is_server_error());
        if let Some(code) = code {
            err = err.with_code(code);
        }
        return Err(err);
    }
    let token: TokenResponse = serde_json::from_slice(&body)
        .map_err(|_| fail(ErrorKind::Decode, "the token response has no access_token"))?;
    let lifetime = token
        .expires_in
        .and_then(|v| {
            v.as_i64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        })
        .unwrap_or(DEFAULT_LIFETIME);
    let expires = now + chrono::Duration::seconds(lifetime.max(0));
    Ok((SecretString::from(token.access_token), expires))
}

/// No better messages: the generic one and the OAuth code.
pub fn no_explanation(_code: &str) -> Option<&'static str> {
    None
}

/// A token kept until a minute before it expires.
///
/// The lock is never held across a token request: two callers that both find it empty
/// each fetch a token and the later one is kept; both are valid.
#[derive(Default)]
pub struct TokenCache {
    cached: Mutex<Option<(SecretString, DateTime<Utc>)>>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TokenCache([REDACTED])")
    }
}

impl TokenCache {
    fn slot(&self) -> std::sync::MutexGuard<'_, Option<(SecretString, DateTime<Utc>)>> {
        self.cached.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The cached token, if it is still good at `now`.
    pub fn get(&self, now: DateTime<Utc>) -> Option<SecretString> {
        self.slot()
            .as_ref()
            .filter(|(_, expires)| *expires - EARLY > now)
            .map(|(token, _)| token.clone())
    }

    /// Keeps a new token.
    pub fn put(&self, token: SecretString, expires: DateTime<Utc>) {
        *self.slot() = Some((token, expires));
    }

    /// Forgets the token (after a 401).
    pub fn clear(&self) {
        *self.slot() = None;
    }
}

/// The client-credentials grant.
pub struct ClientCredentials {
    provider: &'static str,
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    refresh_token: Option<SecretString>,
    params: Vec<(String, String)>,
    basic_client_auth: bool,
    scheme: &'static str,
    clock: Arc<dyn Clock>,
    cache: TokenCache,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("token_url", &self.token_url.as_str())
            .field("client_id", &self.client_id)
            .field("client_secret", &"[REDACTED]")
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// A grant against `token_url` for `client_id`/`client_secret`.
    pub fn new(
        provider: &'static str,
        token_url: Url,
        client_id: impl Into<String>,
        client_secret: SecretString,
    ) -> Self {
        ClientCredentials {
            provider,
            token_url,
            client_id: client_id.into(),
            client_secret,
            refresh_token: None,
            params: Vec::new(),
            basic_client_auth: false,
            scheme: "Bearer",
            clock: Arc::new(SystemClock),
            cache: TokenCache::default(),
        }
    }

    /// The refresh-token grant (RFC 6749 §6) instead: `refresh_token` is exchanged for
    /// each access token.
    pub fn refresh_token(mut self, refresh_token: SecretString) -> Self {
        self.refresh_token = Some(refresh_token);
        self
    }

    /// Adds a form parameter to the token request (`scope`, `audience`, ...).
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((key.into(), value.into()));
        self
    }

    /// Authenticates the client with HTTP Basic (`client_secret_basic`) instead of the
    /// `client_id` and `client_secret` form fields.
    pub fn basic_client_auth(mut self) -> Self {
        self.basic_client_auth = true;
        self
    }

    /// Sends the token after this scheme word instead of `Bearer`.
    pub fn scheme(mut self, scheme: &'static str) -> Self {
        self.scheme = scheme;
        self
    }

    /// Uses `clock` for expiry (tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// `Authorization: Basic` with the form-encoded client id and secret (RFC 6749 §2.3.1),
    /// when the client authenticates that way.
    fn basic_authorization(&self) -> Result<Option<HeaderValue>> {
        if !self.basic_client_auth {
            return Ok(None);
        }
        let encode =
            |text: &str| url::form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
        let pair = format!(
            "{}:{}",
            encode(&self.client_id),
            encode(self.client_secret.expose_secret())
        );
        let mut value = HeaderValue::from_str(&format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(pair)
        ))
        .map_err(|_| {
            Error::config("the client credentials contain characters not allowed in a header")
        })?;
        value.set_sensitive(true);
        Ok(Some(value))
    }

    fn form(&self) -> String {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        match &self.refresh_token {
            Some(token) => {
                form.append_pair("grant_type", "refresh_token");
                form.append_pair("refresh_token", token.expose_secret());
            }
            None => {
                form.append_pair("grant_type", "client_credentials");
            }
        }
        if !self.basic_client_auth {
            form.append_pair("client_id", &self.client_id);
            form.append_pair("client_secret", self.client_secret.expose_secret());
        }
        for (k, v) in &self.params {
            form.append_pair(k, v);
        }
        form.finish()
    }
}

#[async_trait]
impl TokenSource for ClientCredentials {
    async fn token(&self, http: &TokenClient) -> Result<SecretString> {
        let now = self.clock.now();
        if let Some(token) = self.cache.get(now) {
            return Ok(token);
        }
        let form = self.form();
        let (token, expires) = request_token(
            http,
            self.provider,
            &self.token_url,
            form,
            self.basic_authorization()?,
            now,
            no_explanation,
        )
        .await?;
        self.cache.put(token.clone(), expires);
        Ok(token)
    }

    fn invalidate(&self) {
        self.cache.clear();
    }

    fn scheme(&self) -> &str {
        self.scheme
    }
}

const JWT_BEARER: &str = "urn:ietf:params:oauth:grant-type:jwt-bearer";
/// The longest assertion lifetime Google accepts.
const ASSERTION_LIFETIME: i64 = 3600;

/// A service account's key: its email and RSA private key, from its JSON key file or from
/// the two parts given apart.
pub struct ServiceKey {
    client_email: String,
    private_key: SecretString,
    key_id: Option<String>,
    /// The token endpoint the key file names, if any.
    pub(crate) token_uri: Option<String>,
}

#[derive(Deserialize)]
struct KeyFile {
    client_email: String,
    private_key: String,
    #[serde(default)]
    private_key_id: Option<String>,
    #[serde(default)]
    token_uri: Option<String>,
}

impl ServiceKey {
    /// Reads a JSON key file (`client_email`, `private_key`, optionally `private_key_id` and
    /// `token_uri`). The error never quotes the file.
    pub fn from_file(provider: &'static str, json: &SecretString) -> Result<Self> {
        let file: KeyFile = serde_json::from_str(json.expose_secret()).map_err(|_| {
            Error::config(
                "the service account key is not a key file (JSON with client_email and private_key)",
            )
            .with_provider(provider)
        })?;
        Ok(ServiceKey {
            client_email: file.client_email,
            private_key: SecretString::from(file.private_key),
            key_id: file.private_key_id.filter(|k| !k.trim().is_empty()),
            token_uri: file.token_uri,
        })
    }

    /// A key from the account's email and its PEM private key.
    pub fn from_parts(client_email: &str, private_key: &str) -> Self {
        ServiceKey {
            client_email: client_email.to_owned(),
            private_key: SecretString::from(private_key.to_owned()),
            key_id: None,
            token_uri: None,
        }
    }
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    sub: &'a str,
    scope: &'a str,
    aud: &'a str,
    iat: i64,
    exp: i64,
}

/// A service account with domain-wide delegation: signs a JWT assertion for `subject` and
/// exchanges it for an access token (RFC 7523), cached until shortly before it expires.
pub struct ServiceAccount {
    provider: &'static str,
    client_email: String,
    subject: String,
    scopes: String,
    token_url: Url,
    key_id: Option<String>,
    key: jsonwebtoken::EncodingKey,
    clock: Arc<dyn Clock>,
    cache: TokenCache,
}

impl fmt::Debug for ServiceAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAccount")
            .field("client_email", &self.client_email)
            .field("subject", &self.subject)
            .field("scopes", &self.scopes)
            .field("token_url", &self.token_url.as_str())
            .field("private_key", &"[REDACTED]")
            .finish_non_exhaustive()
    }
}

impl ServiceAccount {
    /// A grant for `key` acting as `subject` with `scopes` (space-separated) at `token_url`.
    pub fn new(
        provider: &'static str,
        key: ServiceKey,
        subject: &str,
        scopes: String,
        token_url: Url,
        clock: Arc<dyn Clock>,
    ) -> Result<Self> {
        let bad = |message: &str| Error::config(message).with_provider(provider);
        let pem = key.private_key.expose_secret();
        // Keys pasted into environment variables often carry `\n` escapes.
        let pem = if pem.contains("\\n") && !pem.contains('\n') {
            pem.replace("\\n", "\n")
        } else {
            pem.to_owned()
        };
        let signing = jsonwebtoken::EncodingKey::from_rsa_pem(pem.as_bytes())
            .map_err(|_| bad("the service account's private key is not a PEM RSA private key"))?;
        if subject.trim().is_empty() {
            return Err(bad(
                "a service account needs `subject`: the email of the user it acts as",
            ));
        }
        Ok(ServiceAccount {
            provider,
            client_email: key.client_email,
            subject: subject.trim().to_owned(),
            scopes,
            token_url,
            key_id: key.key_id,
            key: signing,
            clock,
            cache: TokenCache::default(),
        })
    }

    /// The signed assertion for a token request at `now`.
    fn assertion(&self, now: DateTime<Utc>) -> Result<SecretString> {
        let iat = now.timestamp();
        let claims = Claims {
            iss: &self.client_email,
            sub: &self.subject,
            scope: &self.scopes,
            aud: self.token_url.as_str(),
            iat,
            exp: iat + ASSERTION_LIFETIME,
        };
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::RS256);
        header.kid = self.key_id.clone();
        jsonwebtoken::encode(&header, &claims, &self.key)
            .map(SecretString::from)
            .map_err(|_| {
                Error::new(
                    ErrorKind::Config,
                    "the service account's private key could not sign the token request",
                )
                .with_provider(self.provider)
                .with_operation(Operation::Authenticate)
            })
    }
}

/// What a token endpoint means by the OAuth codes a service account meets.
fn explain_service_account_error(code: &str) -> Option<&'static str> {
    match code {
        "unauthorized_client" => Some(
            "the service account is not authorized for these scopes; grant its client id domain-wide delegation in the Admin console",
        ),
        "invalid_grant" => Some(
            "the token endpoint refused the service account's assertion (check the subject, the key and the clock)",
        ),
        _ => None,
    }
}

#[async_trait]
impl TokenSource for ServiceAccount {
    async fn token(&self, http: &TokenClient) -> Result<SecretString> {
        let now = self.clock.now();
        if let Some(token) = self.cache.get(now) {
            return Ok(token);
        }
        let assertion = self.assertion(now)?;
        let form = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("grant_type", JWT_BEARER)
            .append_pair("assertion", assertion.expose_secret())
            .finish();
        let (token, expires) = request_token(
            http,
            self.provider,
            &self.token_url,
            form,
            None,
            now,
            explain_service_account_error,
        )
        .await?;
        self.cache.put(token.clone(), expires);
        Ok(token)
    }

    fn invalidate(&self) {
        self.cache.clear();
    }
}
