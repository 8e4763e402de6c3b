//! The one transport every provider sends through: auth, retries, rate limits, timeouts,
//! tracing and error mapping, as `RELIABILITY.md` describes.
//!
//! A provider builds an [`HttpClient`] once per connection, then for each call builds a
//! [`Request`] (path segments are percent-encoded one by one, so a hostile id can never
//! change the path) and hands it to [`HttpClient::send`], which returns the [`Response`]
//! of the first successful attempt or a typed [`Error`].

mod auth;
mod limiter;
pub mod oauth;
mod retry;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use chrono::{DateTime, Utc};
use http::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use http::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;
use tracing::Instrument;
use url::Url;

pub use auth::{Auth, TokenClient, TokenSource};
pub use limiter::ClientLimits;
pub use retry::{RateLimitHeaders, ResetFormat, RetryPolicy, retry_after};

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Operation, Result};
use limiter::Limiter;

/// Timeouts of one connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Timeouts {
    /// Establishing a connection (default 10 s).
    pub connect: Duration,
    /// One attempt, from sending to the last byte (default 30 s).
    pub attempt: Duration,
    /// One call, all attempts and waits included (default 120 s).
    pub call: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(10),
            attempt: Duration::from_secs(30),
            call: Duration::from_secs(120),
        }
    }
}

/// What a provider's errors look like, as read from an error response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct ErrorDetails {
    /// The provider's message.
    pub message: Option<String>,
    /// The provider's error code.
    pub code: Option<String>,
    /// The response is a throttle signal even though its status is not 429 (Google 403
    /// `userRateLimitExceeded`, GitHub secondary limits).
    pub throttled: bool,
    /// The response is a quota that resets in hours; never retried.
    pub quota_exhausted: bool,
    /// The least a throttled request must wait when the response names no time
    /// (`Retry-After`): the provider's documented minimum (GitHub asks for one minute after
    /// a secondary limit). Preferred over the rate-limit reset header, which may describe
    /// another window; doubled each further time the same call meets it, so a wait past the
    /// transport's `max_wait` becomes `RateLimited` with the time to retry.
    pub min_wait: Option<Duration>,
    /// The provider's request id, when the body carries it (a header is used otherwise).
    pub request_id: Option<String>,
    /// Structured detail worth keeping for the caller (a gateway's copy of the provider's
    /// raw response, an error insight). Kept on the error, never in its `Display`.
    pub detail: Option<serde_json::Value>,
}

/// Reads a provider's error body.
pub type ErrorParser = fn(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails;

/// The common error-body shapes: `message`, `error.message`, `error_description`, `detail`,
/// `errors[0].message`, `errorSummary`, and a code from `code`, `error.code`, `errorCode`,
/// `scimType` or a string `error`.
pub fn generic_error_details(
    _status: StatusCode,
    _headers: &HeaderMap,
    body: &[u8],
) -> ErrorDetails {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else {
        let text = String::from_utf8_lossy(body).trim().to_owned();
        return ErrorDetails {
            message: (!text.is_empty() && text.len() <= 300).then_some(text),
            ..ErrorDetails::default()
        };
    };
    let json = match &json {
        serde_json::Value::Array(items) => items.first().cloned().unwrap_or_default(),
        other => other.clone(),
    };
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let message = [
        json.pointer("/error/message"),
        json.get("message"),
        json.get("error_description"),
        json.get("detail"),
        json.get("errorSummary"),
        json.pointer("/errors/0/message"),
        json.get("error").filter(|e| e.is_string()),
    ]
    .into_iter()
    .flatten()
    .find_map(text);
    let code = [
        json.pointer("/error/code"),
        json.get("code"),
        json.get("errorCode"),
        json.get("scimType"),
        json.pointer("/errors/0/code"),
        json.get("error").filter(|_| message.is_some()),
    ]
    .into_iter()
    .flatten()
    .find_map(text)
    .filter(|c| Some(c) != message.as_ref());
    ErrorDetails {
        message,
        code,
        ..ErrorDetails::default()
    }
}

/// Reads a provider's errors: those of error statuses, and those some providers send with a
/// 2xx status.
pub trait ErrorReader: Send + Sync + fmt::Debug + 'static {
    /// Reads the body of a response whose status is not 2xx.
    fn read(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails;

    /// Reads a 2xx response that may carry an error anyway (a GraphQL `errors` array,
    /// Slack's `"ok": false`): the status the error stands for (429 for throttling, 404 for
    /// a missing user, ...) and its details, so it meets the same retry policy as that
    /// status. `None` for a real success (the default).
    fn in_success(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Option<(StatusCode, ErrorDetails)> {
        let _ = (status, headers, body);
        None
    }
}

/// An [`ErrorParser`] function as an [`ErrorReader`] (no errors in 2xx bodies).
#[derive(Debug, Clone, Copy)]
struct ParserReader(ErrorParser);

impl ErrorReader for ParserReader {
    fn read(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
        (self.0)(status, headers, body)
    }
}

/// What a provider module tells the transport about its API.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ProviderHttp {
    /// The integration's slug, for errors and traces.
    pub provider: &'static str,
    /// Reads the provider's errors.
    pub errors: Arc<dyn ErrorReader>,
    /// The rate-limit headers the provider sends.
    pub rate_limit_headers: RateLimitHeaders,
    /// Headers sent with every request (`Accept`, API versions, ...).
    pub default_headers: HeaderMap,
}

impl ProviderHttp {
    /// Defaults: generic error bodies, IETF rate-limit headers, `Accept: application/json`.
    pub fn new(provider: &'static str) -> Self {
        let mut default_headers = HeaderMap::new();
        default_headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        ProviderHttp {
            provider,
            errors: Arc::new(ParserReader(generic_error_details)),
            rate_limit_headers: RateLimitHeaders::IETF,
            default_headers,
        }
    }
    /// Uses `parser` for error bodies.
    pub fn error_parser(mut self, parser: ErrorParser) -> Self {
        self.errors = Arc::new(ParserReader(parser));
        self
    }
    /// Uses `reader` for errors, including errors carried in 2xx responses.
    pub fn errors(mut self, reader: Arc<dyn ErrorReader>) -> Self {
        self.errors = reader;
        self
    }
    /// Reads these rate-limit headers.
    pub fn rate_limit_headers(mut self, headers: RateLimitHeaders) -> Self {
        self.rate_limit_headers = headers;
        self
    }
    /// Sends a header with every request.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.default_headers.insert(name, value);
        self
    }
}

/// Settings of a connection that are not the provider's to choose.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct HttpSettings {
    /// Base URL every path is relative to.
    pub base_url: Url,
    /// Credentials.
    pub auth: Auth,
    /// Timeouts.
    pub timeouts: Timeouts,
    /// Retries.
    pub retry: RetryPolicy,
    /// Client-side limits.
    pub limits: ClientLimits,
    /// Allow `http://` to a host other than loopback.
    pub allow_insecure_http: bool,
    /// The clock retries and rate limits wait on.
    pub clock: Arc<dyn Clock>,
    /// `User-Agent` sent with every request.
    pub user_agent: String,
    /// When set, writes are recorded here instead of being sent.
    pub dry_run: Option<Arc<DryRun>>,
}

impl HttpSettings {
    /// Defaults for `base_url` and `auth`.
    pub fn new(base_url: Url, auth: Auth) -> Self {
        HttpSettings {
            base_url,
            auth,
            timeouts: Timeouts::default(),
            retry: RetryPolicy::default(),
            limits: ClientLimits::default(),
            allow_insecure_http: false,
            clock: Arc::new(SystemClock),
            user_agent: concat!("truto-rs/", env!("CARGO_PKG_VERSION")).to_owned(),
            dry_run: None,
        }
    }
    /// Replaces the clock (tests).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }
    /// Replaces the retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }
    /// Replaces the client-side limits.
    pub fn limits(mut self, limits: ClientLimits) -> Self {
        self.limits = limits;
        self
    }
    /// Replaces the timeouts.
    pub fn timeouts(mut self, timeouts: Timeouts) -> Self {
        self.timeouts = timeouts;
        self
    }
    /// Records writes in `log` instead of sending them; reads are still sent.
    pub fn dry_run(mut self, log: Arc<DryRun>) -> Self {
        self.dry_run = Some(log);
        self
    }
    /// Allows plain `http://` to hosts other than loopback.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }
}

/// One connection's HTTP client. Cheap to clone; clones share the connection pool and the
/// limiter.
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    tokens: TokenClient,
    provider: ProviderHttp,
    settings: HttpSettings,
    limiter: Limiter,
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("provider", &self.inner.provider.provider)
            .field("base_url", &self.inner.settings.base_url.as_str())
            .field("auth", &self.inner.settings.auth)
            .finish_non_exhaustive()
    }
}

/// The one check every URL credentials are sent to passes (base URLs, token endpoints):
/// absolute, `https` (plain `http` only to loopback, or when explicitly allowed), with a
/// host, and no user name or password in it. The `Err` says what is wrong.
pub fn check_url(url: &Url, allow_insecure_http: bool) -> std::result::Result<(), String> {
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(url) || allow_insecure_http => {}
        "http" => {
            return Err(format!(
                "refusing to send credentials over plain http to {}; use https or allow insecure http explicitly",
                url.host_str().unwrap_or("?")
            ));
        }
        other => return Err(format!("unsupported URL scheme `{other}`")),
    }
    if url.cannot_be_a_base() || url.host().is_none() {
        return Err("the URL must be an absolute http(s) URL with a host".to_owned());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err("put credentials in the config, not in the URL".to_owned());
    }
    Ok(())
}

/// Whether `url` points at this machine.
pub fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

impl HttpClient {
    /// A client for `provider` with `settings`. Refuses non-loopback `http://` unless
    /// allowed, and base URLs with a query or credentials.
    pub fn new(provider: ProviderHttp, settings: HttpSettings) -> Result<Self> {
        let slug = provider.provider;
        check_url(&settings.base_url, settings.allow_insecure_http)
            .map_err(|e| Error::config(e).with_provider(slug))?;
        let http = reqwest::Client::builder()
            .connect_timeout(settings.timeouts.connect)
            .timeout(settings.timeouts.attempt)
            .pool_idle_timeout(Duration::from_secs(60))
            .tcp_nodelay(true)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(settings.user_agent.clone())
            .build()
            .map_err(|e| {
                Error::config("could not build the HTTP client")
                    .with_source(e)
                    .with_provider(slug)
            })?;
        Ok(HttpClient {
            inner: Arc::new(Inner {
                tokens: TokenClient(http.clone()),
                http,
                limiter: Limiter::new(settings.limits),
                provider,
                settings,
            }),
        })
    }

    /// The base URL.
    pub fn base_url(&self) -> &Url {
        &self.inner.settings.base_url
    }

    /// The clock this client waits on.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.inner.settings.clock
    }

    /// A request to `template` below the base URL. Each `{}` in the template is replaced by
    /// the next of `args`, percent-encoded as exactly one path segment. An empty arg, `.`
    /// or `..` cannot be one path segment (URLs resolve dot segments), so it is refused.
    ///
    /// ```
    /// # use truto_core::provider::http::*;
    /// # let http = HttpClient::new(ProviderHttp::new("x"), HttpSettings::new("https://x.test/v2/".parse().unwrap(), Auth::None)).unwrap();
    /// let req = http.request(http::Method::GET, "Users/{}", &["../a/b?#é"]).unwrap();
    /// assert_eq!(req.url().as_str(), "https://x.test/v2/Users/..%2Fa%2Fb%3F%23%C3%A9");
    /// assert!(http.request(http::Method::GET, "Users/{}", &[".."]).is_err());
    /// ```
    pub fn request(
        &self,
        method: Method,
        template: &'static str,
        args: &[&str],
    ) -> Result<Request> {
        let mut url = self.inner.settings.base_url.clone();
        let mut args = args.iter();
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.pop_if_empty();
            for part in template.split('/').filter(|p| !p.is_empty()) {
                if part == "{}" {
                    let arg = args.next().copied().unwrap_or("");
                    if arg.is_empty() || arg == "." || arg == ".." {
                        return Err(Error::invalid_input(format!(
                            "`{arg}` cannot be used as an id in a URL path"
                        ))
                        .with_provider(self.inner.provider.provider));
                    }
                    segments.push(arg);
                } else {
                    segments.push(part);
                }
            }
        }
        Ok(Request::new(method, url, template))
    }

    /// A request to the path made of `segments` below the base URL, each percent-encoded
    /// as exactly one segment (a `/` or `?` in one stays inside it), ending with `/` when
    /// `trailing_slash`; `label` names the path in traces. An empty segment, `.` or `..` is
    /// refused: URLs resolve dot segments.
    pub fn request_segments(
        &self,
        method: Method,
        label: &'static str,
        segments: &[String],
        trailing_slash: bool,
    ) -> Result<Request> {
        let mut url = self.inner.settings.base_url.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty();
            for segment in segments {
                if segment.is_empty() || segment == "." || segment == ".." {
                    return Err(Error::invalid_input(format!(
                        "`{segment}` cannot be used as an id in a URL path"
                    ))
                    .with_provider(self.inner.provider.provider));
                }
                path.push(segment);
            }
            if trailing_slash {
                path.push("");
            }
        }
        Ok(Request::new(method, url, label))
    }

    /// A request to a next-page URL the provider returned. It must be on the same origin
    /// as the base URL, so credentials never travel to another host.
    pub fn request_url(
        &self,
        method: Method,
        url: &str,
        template: &'static str,
    ) -> Result<Request> {
        let base = &self.inner.settings.base_url;
        let url = base.join(url).map_err(|_| {
            Error::decode(format!(
                "the provider returned an invalid next-page URL `{}`",
                truncate(url)
            ))
        })?;
        if url.origin() != base.origin() {
            return Err(Error::new(
                ErrorKind::Provider,
                format!(
                    "refusing to follow a next-page URL to another origin ({})",
                    url.origin().ascii_serialization()
                ),
            )
            .with_provider(self.inner.provider.provider));
        }
        Ok(Request::new(method, url, template))
    }

    /// Sends `request`, retrying as the policy allows.
    pub async fn send(&self, request: Request, operation: Operation) -> Result<Response> {
        let span = tracing::info_span!(
            "truto.http",
            provider = self.inner.provider.provider,
            op = operation.as_str(),
            method = %request.method,
            path = request.template,
        );
        self.send_inner(request)
            .instrument(span)
            .await
            .map_err(|e| {
                e.with_provider(self.inner.provider.provider)
                    .with_operation(operation)
            })
    }

    async fn send_inner(&self, request: Request) -> Result<Response> {
        let inner = &*self.inner;
        let settings = &inner.settings;
        let clock = &*settings.clock;
        let policy = settings.retry;
        let deadline = clock.now()
            + chrono::Duration::from_std(settings.timeouts.call).unwrap_or(chrono::Duration::MAX);
        let is_write =
            request.method != Method::GET && request.method != Method::HEAD && !request.read_only;
        let mut refreshed = false;
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let permit = inner
                .limiter
                .acquire(clock, policy.max_wait)
                .await
                .map_err(|until| {
                    rate_limited(until, "the provider's rate-limit window is exhausted")
                })?;
            let built = match self.build(&request).await {
                Ok(built) => built,
                // A token endpoint that failed transiently is retried like any request.
                Err(err) if err.is_retryable() && attempt < policy.max_attempts => {
                    drop(permit);
                    self.wait(policy.backoff(attempt, false), deadline, err)
                        .await?;
                    continue;
                }
                Err(err) => return Err(err),
            };
            if let (true, Some(log)) = (is_write, &settings.dry_run) {
                drop(permit);
                log.record(render(&built, &settings.auth));
                return Err(
                    Error::new(ErrorKind::DryRun, "dry run: the request was not sent")
                        .with_request(request.method.as_str(), &request.url),
                );
            }
            let started = std::time::Instant::now();
            let sent = inner.http.execute(built).await;
            let outcome = match sent {
                Ok(resp) => {
                    let status = resp.status();
                    let headers = resp.headers().clone();
                    self.observe_rate_limit(&headers);
                    match read_body(resp).await {
                        Ok(body) => Ok((status, headers, body)),
                        Err(e) => Err(e),
                    }
                }
                Err(e) => Err(e),
            };
            drop(permit);
            let took_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);

            let (status, headers, body) = match outcome {
                Ok(parts) => {
                    tracing::info!(
                        target: "truto::http",
                        method = %request.method,
                        url = %self.loggable(&request.url),
                        status = parts.0.as_u16(),
                        took_ms,
                        attempt,
                        "request"
                    );
                    parts
                }
                Err(e) => {
                    tracing::info!(
                        target: "truto::http",
                        method = %request.method,
                        url = %self.loggable(&request.url),
                        took_ms,
                        attempt,
                        failure = if e.is_connect() { "could not connect" } else { "connection failed" },
                        "request"
                    );
                    // A connection that was never made cannot have changed anything.
                    let safe = !is_write || request.idempotent || e.is_connect();
                    let err = transport_error(e, &request);
                    if !safe {
                        return Err(outcome_unknown(err, &request));
                    }
                    if attempt >= policy.max_attempts {
                        return Err(err);
                    }
                    self.wait(policy.backoff(attempt, false), deadline, err)
                        .await?;
                    continue;
                }
            };
            let errors = &inner.provider.errors;
            let (status, mut details) = if status.is_success() {
                // Some providers answer errors with a 2xx (GraphQL, Slack's `ok: false`):
                // they go through the same policy as the status they stand for.
                match errors.in_success(status, &headers, &body) {
                    None => {
                        return Ok(Response {
                            status,
                            headers,
                            body,
                            url: request.url,
                            method: request.method,
                            provider: inner.provider.provider,
                        });
                    }
                    Some(found) => found,
                }
            } else {
                (status, errors.read(status, &headers, &body))
            };
            // A provider that echoes the credential back must not put it into our errors.
            for secret in settings
                .auth
                .secret_texts()
                .into_iter()
                .filter(|s| s.len() >= 4)
            {
                for text in [&mut details.message, &mut details.code]
                    .into_iter()
                    .flatten()
                {
                    if text.contains(secret) {
                        *text = text.replace(secret, "[REDACTED]");
                    }
                }
            }
            let now = clock.now();
            let throttled = status == StatusCode::TOO_MANY_REQUESTS || details.throttled;
            let hint = retry_after(&headers, now)
                .or_else(|| {
                    // Doubled each time it is met again in the same call, as providers
                    // with a minimum ask of a client that keeps hitting the limit.
                    let least = details.min_wait.filter(|_| throttled)?;
                    let least = least.saturating_mul(1 << attempt.saturating_sub(1).min(6));
                    Some(now + chrono::Duration::from_std(least).ok()?)
                })
                .or_else(|| {
                    let h = inner.provider.rate_limit_headers;
                    throttled.then(|| h.reset_at(&headers, now)).flatten()
                });
            let mut err = status_error(status, &headers, &details, &request);
            if let Some(at) = hint {
                err = err.with_retry_at(at);
            }
            if details.quota_exhausted {
                return Err(err.with_retryable(false));
            }
            if status == StatusCode::UNAUTHORIZED && settings.auth.can_refresh() && !refreshed {
                refreshed = true;
                settings.auth.invalidate();
                attempt -= 1;
                continue;
            }
            let transient = matches!(status.as_u16(), 408 | 500 | 502 | 503 | 504);
            if !(throttled || transient) {
                return Err(err);
            }
            if is_write && !throttled && !request.idempotent {
                return Err(outcome_unknown(err, &request));
            }
            if attempt >= policy.max_attempts {
                return Err(err);
            }
            let backoff = policy.backoff(attempt, throttled);
            let wait = match hint {
                Some(at) => (at - now)
                    .to_std()
                    .unwrap_or_default()
                    .max(backoff.min(Duration::from_millis(50))),
                None => backoff,
            };
            if wait > policy.max_wait {
                let at = hint.unwrap_or(now + chrono::Duration::from_std(wait).unwrap_or_default());
                return Err(rate_limited(
                    at,
                    "the provider asked to wait longer than the client sleeps",
                )
                .with_status(status.as_u16()));
            }
            self.wait(wait, deadline, err).await?;
        }
    }

    /// `url` as it may be logged: a credential sent in the query string is redacted.
    fn loggable(&self, url: &Url) -> String {
        match self.inner.settings.auth.query_pair() {
            Some((name, _)) => redact_query(url, name),
            None => url.to_string(),
        }
    }

    async fn wait(&self, wait: Duration, deadline: DateTime<Utc>, err: Error) -> Result<()> {
        let clock = &*self.inner.settings.clock;
        let now = clock.now();
        if now + chrono::Duration::from_std(wait).unwrap_or(chrono::Duration::MAX) > deadline {
            return Err(err);
        }
        tracing::info!(
            target: "truto::http",
            wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            "waiting before the next attempt"
        );
        clock.sleep(wait).await;
        Ok(())
    }

    fn observe_rate_limit(&self, headers: &HeaderMap) {
        let dialect = self.inner.provider.rate_limit_headers;
        if let Some(until) = dialect.window_spent(headers, self.inner.settings.clock.now()) {
            self.inner.limiter.hold(until);
        }
        if dialect.remaining(headers) == Some(0) {
            let now = self.inner.settings.clock.now();
            if let Some(reset) = dialect.reset_at(headers, now)
                && reset > now
            {
                self.inner.limiter.hold(reset);
            }
        }
    }

    async fn build(&self, request: &Request) -> Result<reqwest::Request> {
        let inner = &*self.inner;
        let mut url = request.url.clone();
        if let Some((name, value)) = inner.settings.auth.query_pair() {
            url.query_pairs_mut().append_pair(name, value);
        }
        let mut builder = inner.http.request(request.method.clone(), url);
        let mut headers = inner.provider.default_headers.clone();
        for (name, value) in inner.settings.auth.headers(&inner.tokens).await? {
            headers.insert(name, value);
        }
        for (name, value) in &request.headers {
            headers.insert(name.clone(), value.clone());
        }
        if let Some(body) = &request.body {
            if !headers.contains_key(CONTENT_TYPE) {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
            }
            builder = builder.body(body.clone());
        }
        builder = builder.headers(headers);
        if !inner.settings.user_agent.is_empty() {
            builder = builder.header(USER_AGENT, inner.settings.user_agent.as_str());
        }
        builder.build().map_err(|e| {
            Error::new(ErrorKind::InvalidInput, "could not build the request").with_source(e)
        })
    }
}

fn truncate(s: &str) -> &str {
    match s.char_indices().nth(80) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

fn rate_limited(at: DateTime<Utc>, message: &str) -> Error {
    Error::new(ErrorKind::RateLimited, message).with_retry_at(at)
}

fn outcome_unknown(err: Error, request: &Request) -> Error {
    let message = format!(
        "the {} may or may not have been applied ({}); read the user back before retrying",
        request.method,
        err.message().unwrap_or("no response")
    );
    err.with_message(message)
        .with_retryable(false)
        .into_kind(ErrorKind::OutcomeUnknown)
}

fn transport_error(e: reqwest::Error, request: &Request) -> Error {
    let kind = if e.is_timeout() {
        ErrorKind::Timeout
    } else {
        ErrorKind::Transport
    };
    let message = if e.is_timeout() {
        "the request timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the response body was cut short"
    } else {
        "the connection failed"
    };
    Error::new(kind, message)
        .with_request(request.method.as_str(), &request.url)
        .with_source(e.without_url())
}

fn status_error(
    status: StatusCode,
    headers: &HeaderMap,
    details: &ErrorDetails,
    request: &Request,
) -> Error {
    let kind = match status.as_u16() {
        _ if details.throttled || (details.quota_exhausted && status.is_client_error()) => {
            ErrorKind::RateLimited
        }
        400 | 409 | 412 | 422 => ErrorKind::InvalidInput,
        401 => ErrorKind::Unauthenticated,
        403 => ErrorKind::PermissionDenied,
        404 | 410 => ErrorKind::NotFound,
        429 => ErrorKind::RateLimited,
        408 | 504 => ErrorKind::Timeout,
        _ => ErrorKind::Provider,
    };
    let retryable =
        details.throttled || matches!(status.as_u16(), 408 | 429 | 500 | 502 | 503 | 504);
    let message = details
        .message
        .clone()
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
    let mut err = Error::new(kind, message)
        .with_status(status.as_u16())
        .with_retryable(retryable && !details.quota_exhausted)
        .with_request(request.method.as_str(), &request.url);
    if let Some(code) = &details.code {
        err = err.with_code(code.clone());
    }
    if let Some(id) = request_id(headers).or_else(|| details.request_id.clone()) {
        err = err.with_request_id(id);
    }
    if let Some(detail) = &details.detail {
        err = err.with_detail(detail.clone());
    }
    err
}

const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-okta-request-id",
    "x-github-request-id",
    "x-ms-request-id",
    "client-request-id",
    "x-amzn-requestid",
    "x-hubspot-correlation-id",
    "x-arequestid",
    "atl-traceid",
    "x-trace-id",
    "cf-ray",
];

fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|h| headers.get(*h)?.to_str().ok())
        .map(str::to_owned)
}

/// A write as it would have been sent, with credentials redacted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RenderedRequest {
    /// Method.
    pub method: String,
    /// Full URL (a credential in the query string is redacted).
    pub url: String,
    /// Headers; sensitive ones (credentials) are `[REDACTED]`.
    pub headers: Vec<(String, String)>,
    /// The body, as text.
    pub body: Option<String>,
}

impl fmt::Display for RenderedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (k, v) in &self.headers {
            writeln!(f, "{k}: {v}")?;
        }
        if let Some(body) = &self.body {
            writeln!(f)?;
            writeln!(f, "{body}")?;
        }
        Ok(())
    }
}

/// A log of the writes a dry run stopped.
#[derive(Debug, Default)]
pub struct DryRun {
    requests: std::sync::Mutex<Vec<RenderedRequest>>,
}

impl DryRun {
    /// An empty log.
    pub fn new() -> Self {
        DryRun::default()
    }

    fn record(&self, request: RenderedRequest) {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(request);
    }

    /// The writes stopped so far, in order.
    pub fn requests(&self) -> Vec<RenderedRequest> {
        self.requests
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

/// `url` with the value of query parameter `name` replaced by `[REDACTED]`.
fn redact_query(url: &Url, name: &str) -> String {
    let mut url = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == name {
                "[REDACTED]".to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    if !pairs.is_empty() {
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url.to_string()
}

fn render(request: &reqwest::Request, auth: &Auth) -> RenderedRequest {
    let url = match auth.query_pair() {
        Some((name, _)) => redact_query(request.url(), name),
        None => request.url().to_string(),
    };
    let headers = request
        .headers()
        .iter()
        .map(|(k, v)| {
            let shown = if v.is_sensitive() {
                "[REDACTED]".to_owned()
            } else {
                v.to_str().unwrap_or("[binary]").to_owned()
            };
            (k.as_str().to_owned(), shown)
        })
        .collect();
    let mut body = request
        .body()
        .and_then(|b| b.as_bytes())
        .map(|b| String::from_utf8_lossy(b).into_owned());
    for secret in auth.secret_texts().into_iter().filter(|s| s.len() >= 4) {
        if let Some(text) = body.as_mut().filter(|t| t.contains(secret)) {
            *text = text.replace(secret, "[REDACTED]");
        }
    }
    RenderedRequest {
        method: request.method().to_string(),
        url,
        headers,
        body,
    }
}

/// One request, built by a provider module.
#[derive(Debug, Clone)]
pub struct Request {
    method: Method,
    url: Url,
    template: &'static str,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Option<Bytes>,
    idempotent: bool,
    read_only: bool,
}

impl Request {
    fn new(method: Method, url: Url, template: &'static str) -> Self {
        Request {
            method,
            url,
            template,
            headers: Vec::new(),
            body: None,
            idempotent: false,
            read_only: false,
        }
    }

    /// The URL so far.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The body, if any.
    pub fn body_bytes(&self) -> Option<&[u8]> {
        self.body.as_deref()
    }

    /// Adds a query parameter.
    pub fn query(mut self, key: &str, value: impl fmt::Display) -> Self {
        self.url
            .query_pairs_mut()
            .append_pair(key, &value.to_string());
        self
    }

    /// Adds a query parameter when `value` is `Some`.
    pub fn query_opt(self, key: &str, value: Option<impl fmt::Display>) -> Self {
        match value {
            Some(v) => self.query(key, v),
            None => self,
        }
    }

    /// Adds the caller's `remote_query` pairs, verbatim.
    pub fn remote_query(mut self, pairs: &std::collections::BTreeMap<String, String>) -> Self {
        if !pairs.is_empty() {
            let mut q = self.url.query_pairs_mut();
            for (k, v) in pairs {
                q.append_pair(k, v);
            }
        }
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: HeaderName, value: HeaderValue) -> Self {
        self.headers.push((name, value));
        self
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::invalid_input("the request body could not be serialized").with_source(e)
        })?;
        self.body = Some(Bytes::from(bytes));
        Ok(self)
    }

    /// Sets a body that is not JSON (Boomi's `queryMore` takes its token as `text/plain`).
    pub fn text(self, body: impl Into<String>, content_type: &'static str) -> Self {
        let mut request = self.header(CONTENT_TYPE, HeaderValue::from_static(content_type));
        request.body = Some(Bytes::from(body.into()));
        request
    }

    /// Sets a JSON body with a specific content type (e.g. `application/scim+json`).
    pub fn json_as<T: Serialize + ?Sized>(
        self,
        body: &T,
        content_type: &'static str,
    ) -> Result<Self> {
        Ok(self
            .json(body)?
            .header(CONTENT_TYPE, HeaderValue::from_static(content_type)))
    }

    /// Declares the request safe to retry after it may have reached the server (a
    /// replace-only update, an idempotency key, an `If-Match`).
    pub fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// Declares a request that reads despite its method (a GraphQL query over POST): it is
    /// retried like a GET and a dry run lets it through.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self.idempotent = true;
        self
    }
}

/// A successful response.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status.
    pub status: StatusCode,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
    url: Url,
    method: Method,
    provider: &'static str,
}

impl Response {
    /// Decodes the body as JSON into `T`; a failure names the path of the bad field.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        decode_json(&self.body).map_err(|msg| {
            Error::decode(msg)
                .with_provider(self.provider)
                .with_request(self.method.as_str(), &self.url)
                .with_status(self.status.as_u16())
        })
    }

    /// Whether the body is empty (e.g. a 204).
    pub fn is_empty(&self) -> bool {
        self.body.iter().all(u8::is_ascii_whitespace)
    }
}

/// Decodes JSON into `T`, describing a failure with the path of the bad field.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> std::result::Result<T, String> {
    // The path is worked out only on failure (see `map::decode_text`).
    serde_json::from_slice(body).map_err(|fast| {
        let mut de = serde_json::Deserializer::from_slice(body);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => {
                let path = e.path().to_string();
                let inner = e.into_inner();
                if path.is_empty() || path == "." {
                    format!("invalid JSON: {inner}")
                } else {
                    format!("invalid JSON at `{path}`: {inner}")
                }
            }
            Ok(_) => format!("invalid JSON: {fast}"),
        }
    })
}

/// The whole body, read chunk by chunk into one buffer sized by `content-length` when the
/// server sends it: one copy of each byte, where collecting the chunks first copies the
/// larger bodies twice.
async fn read_body(mut response: reqwest::Response) -> reqwest::Result<Bytes> {
    // A length a server claims is trusted only up to a sane bound for the first allocation.
    const FIRST_ALLOCATION_MAX: u64 = 16 << 20;
    let capacity = response
        .content_length()
        .unwrap_or(0)
        .min(FIRST_ALLOCATION_MAX);
    let mut body = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    while let Some(chunk) = response.chunk().await? {
        body.extend_from_slice(&chunk);
    }
    Ok(Bytes::from(body))
}
