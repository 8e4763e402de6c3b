//! OAuth 2.0 token endpoints: the one exchange every grant shares ([`request_token`]), the
//! cache every token source shares ([`TokenCache`]), and the client-credentials grant
//! (RFC 6749 §4.4) built on them. Providers with another grant (Google's JWT bearer
//! assertion) build the form and call the same two pieces.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use url::Url;

use super::TokenSource;
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
    http: &reqwest::Client,
    provider: &'static str,
    token_url: &Url,
    form: String,
    now: DateTime<Utc>,
    explain: ExplainError,
) -> Result<(SecretString, DateTime<Utc>)> {
    let fail = |kind: ErrorKind, message: &str| {
        Error::new(kind, message)
            .with_provider(provider)
            .with_operation(Operation::Authenticate)
    };
    let response = http
        .post(token_url.clone())
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
    params: Vec<(String, String)>,
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
            params: Vec::new(),
            clock: Arc::new(SystemClock),
            cache: TokenCache::default(),
        }
    }

    /// Adds a form parameter to the token request (`scope`, `audience`, ...).
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((key.into(), value.into()));
        self
    }

    /// Uses `clock` for expiry (tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    fn form(&self) -> String {
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("grant_type", "client_credentials");
        form.append_pair("client_id", &self.client_id);
        form.append_pair("client_secret", self.client_secret.expose_secret());
        for (k, v) in &self.params {
            form.append_pair(k, v);
        }
        form.finish()
    }
}

#[async_trait]
impl TokenSource for ClientCredentials {
    async fn token(&self, http: &reqwest::Client) -> Result<SecretString> {
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
}
