//! OAuth 2.0 client credentials (RFC 6749 §4.4): a [`TokenSource`] that fetches a bearer
//! token, caches it until shortly before it expires, and fetches a new one after a 401.

use std::fmt;
use std::sync::Arc;
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

/// The client-credentials grant.
pub struct ClientCredentials {
    provider: &'static str,
    token_url: Url,
    client_id: String,
    client_secret: SecretString,
    params: Vec<(String, String)>,
    clock: Arc<dyn Clock>,
    cached: tokio::sync::Mutex<Option<(SecretString, DateTime<Utc>)>>,
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
            cached: tokio::sync::Mutex::new(None),
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

    async fn fetch(&self, http: &reqwest::Client) -> Result<(SecretString, DateTime<Utc>)> {
        let fail = |kind: ErrorKind, message: String| {
            Error::new(kind, message)
                .with_provider(self.provider)
                .with_operation(Operation::Authenticate)
        };
        let form = {
            let mut form = url::form_urlencoded::Serializer::new(String::new());
            form.append_pair("grant_type", "client_credentials");
            form.append_pair("client_id", &self.client_id);
            form.append_pair("client_secret", self.client_secret.expose_secret());
            for (k, v) in &self.params {
                form.append_pair(k, v);
            }
            form.finish()
        };
        let response = http
            .post(self.token_url.clone())
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
                fail(kind, "the token endpoint could not be reached".into())
                    .with_source(e.without_url())
            })?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| {
            fail(
                ErrorKind::Transport,
                "the token response was cut short".into(),
            )
            .with_source(e.without_url())
        })?;
        if !status.is_success() {
            // Only the OAuth error code is kept: token responses never go into errors.
            let code = serde_json::from_slice::<TokenError>(&body)
                .ok()
                .and_then(|e| e.error);
            let kind = match status.as_u16() {
                400 | 401 | 403 => ErrorKind::Unauthenticated,
                429 => ErrorKind::RateLimited,
                _ => ErrorKind::Provider,
            };
            let mut err = fail(
                kind,
                "the token endpoint refused the client credentials".into(),
            )
            .with_status(status.as_u16())
            .with_retryable(status.as_u16() == 429 || status.is_server_error());
            if let Some(code) = code {
                err = err.with_code(code);
            }
            return Err(err);
        }
        let token: TokenResponse = serde_json::from_slice(&body).map_err(|_| {
            fail(
                ErrorKind::Decode,
                "the token response has no access_token".into(),
            )
        })?;
        let lifetime = token
            .expires_in
            .and_then(|v| {
                v.as_i64()
                    .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
            })
            .unwrap_or(3600);
        let expires = self.clock.now() + chrono::Duration::seconds(lifetime.max(0));
        Ok((SecretString::from(token.access_token), expires))
    }
}

#[async_trait]
impl TokenSource for ClientCredentials {
    async fn token(&self, http: &reqwest::Client) -> Result<SecretString> {
        let mut cached = self.cached.lock().await;
        if let Some((token, expires)) = cached.as_ref()
            && *expires - EARLY > self.clock.now()
        {
            return Ok(token.clone());
        }
        let (token, expires) = self.fetch(http).await?;
        *cached = Some((token.clone(), expires));
        Ok(token)
    }

    fn invalidate(&self) {
        if let Ok(mut cached) = self.cached.try_lock() {
            *cached = None;
        }
    }
}
