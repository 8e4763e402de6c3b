//! The one error type of truto-rs.

use std::fmt;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::cursor::{Cursor, CursorError, Position};

/// What went wrong, in terms a caller can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The credentials were missing, wrong or expired (HTTP 401).
    Unauthenticated,
    /// The credentials are valid but lack a permission or scope (HTTP 403).
    PermissionDenied,
    /// The user (or another addressed object) does not exist (HTTP 404).
    NotFound,
    /// The provider throttled the request and it was not retried further; see
    /// [`Error::retry_at`].
    RateLimited,
    /// The request was refused as invalid, by this library or by the provider (400, 409, 422).
    InvalidInput,
    /// A parameter the integration requires for this operation was not given.
    MissingParameter,
    /// The integration does not support this operation, filter or update field.
    Unsupported,
    /// The provider answered with an error this library has no better name for.
    Provider,
    /// The request could not be sent or the response could not be read.
    Transport,
    /// The provider's response could not be decoded; see [`Error::message`] for the path.
    Decode,
    /// The call ran out of time.
    Timeout,
    /// A write may or may not have been applied (the server failed after receiving it);
    /// read the object back before trying again.
    OutcomeUnknown,
    /// The configuration is incomplete or invalid.
    Config,
    /// A write was stopped by a dry run (see [`DryRun`](crate::DryRun)); nothing was sent.
    DryRun,
}

impl ErrorKind {
    fn describe(self) -> &'static str {
        match self {
            ErrorKind::Unauthenticated => "unauthenticated",
            ErrorKind::PermissionDenied => "permission denied",
            ErrorKind::NotFound => "not found",
            ErrorKind::RateLimited => "rate limited",
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::MissingParameter => "missing parameter",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Provider => "provider error",
            ErrorKind::Transport => "transport error",
            ErrorKind::Decode => "undecodable response",
            ErrorKind::Timeout => "timed out",
            ErrorKind::OutcomeUnknown => "outcome unknown",
            ErrorKind::Config => "configuration error",
            ErrorKind::DryRun => "dry run",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// The operation an error happened in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Operation {
    /// Listing users.
    List,
    /// Getting one user.
    Get,
    /// Updating one user.
    Update,
    /// Obtaining or refreshing credentials.
    Authenticate,
    /// Building a client from configuration.
    Connect,
}

impl Operation {
    /// A short name: `list`, `get`, `update`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            Operation::List => "list",
            Operation::Get => "get",
            Operation::Update => "update",
            Operation::Authenticate => "authenticate",
            Operation::Connect => "connect",
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Operation::List => "list users",
            Operation::Get => "get user",
            Operation::Update => "update user",
            Operation::Authenticate => "authenticate",
            Operation::Connect => "connect",
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Result alias used throughout truto-rs.
pub type Result<T, E = Error> = std::result::Result<T, E>;

type Source = Box<dyn std::error::Error + Send + Sync + 'static>;

/// An error from any integration, with everything needed to decide what to do next.
///
/// `Display` names the provider, the operation, the status and the provider's message;
/// it never contains credentials, request bodies or query strings.
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    retryable: bool,
    status: Option<u16>,
    provider: Option<String>,
    operation: Option<Operation>,
    message: Option<String>,
    code: Option<String>,
    request_id: Option<String>,
    method: Option<String>,
    url: Option<String>,
    retry_at: Option<DateTime<Utc>>,
    resume: Option<Cursor>,
    detail: Option<serde_json::Value>,
    source: Option<Source>,
}

impl Error {
    /// A new error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        let retryable = matches!(
            kind,
            ErrorKind::RateLimited | ErrorKind::Transport | ErrorKind::Timeout
        );
        Error(Box::new(Inner {
            kind,
            retryable,
            status: None,
            provider: None,
            operation: None,
            message: Some(message.into()),
            code: None,
            request_id: None,
            method: None,
            url: None,
            retry_at: None,
            resume: None,
            detail: None,
            source: None,
        }))
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }
    /// Whether trying the same call again later may succeed.
    pub fn is_retryable(&self) -> bool {
        self.0.retryable
    }
    /// The HTTP status the provider answered with, if any.
    pub fn status(&self) -> Option<u16> {
        self.0.status
    }
    /// The integration's slug.
    pub fn provider(&self) -> Option<&str> {
        self.0.provider.as_deref()
    }
    /// The operation that failed.
    pub fn operation(&self) -> Option<Operation> {
        self.0.operation
    }
    /// The provider's (or this library's) explanation.
    pub fn message(&self) -> Option<&str> {
        self.0.message.as_deref()
    }
    /// The provider's error code (`scimType`, `errorCode`, ...).
    pub fn code(&self) -> Option<&str> {
        self.0.code.as_deref()
    }
    /// The provider's request id, for its support desk.
    pub fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref()
    }
    /// HTTP method of the failed request.
    pub fn method(&self) -> Option<&str> {
        self.0.method.as_deref()
    }
    /// URL of the failed request, without its query string.
    pub fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// When a rate-limited call may be tried again, when the provider said.
    pub fn retry_at(&self) -> Option<DateTime<Utc>> {
        self.0.retry_at
    }
    /// Structured detail the provider sent beyond its message (e.g. the hosted API's
    /// `raw_response` and `truto_error_insight`). Not part of `Display` or `Debug`.
    pub fn detail(&self) -> Option<&serde_json::Value> {
        self.0.detail.as_ref()
    }
    /// On a failed listing: the cursor that resumes it after the last user yielded.
    pub fn resume_cursor(&self) -> Option<&Cursor> {
        self.0.resume.as_ref()
    }

    /// Sets whether the error is retryable.
    pub fn with_retryable(mut self, retryable: bool) -> Self {
        self.0.retryable = retryable;
        self
    }
    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.0.status = Some(status);
        self
    }
    /// Sets the integration's slug, unless one is set already.
    pub fn with_provider(mut self, provider: impl Into<String>) -> Self {
        if self.0.provider.is_none() {
            self.0.provider = Some(provider.into());
        }
        self
    }
    /// Sets the operation, unless one is set already.
    pub fn with_operation(mut self, operation: Operation) -> Self {
        if self.0.operation.is_none() {
            self.0.operation = Some(operation);
        }
        self
    }
    /// Replaces the message.
    pub fn with_message(mut self, message: impl Into<String>) -> Self {
        self.0.message = Some(message.into());
        self
    }
    /// Sets the provider's error code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.0.code = Some(code.into());
        self
    }
    /// Sets the provider's request id.
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.0.request_id = Some(id.into());
        self
    }
    /// Sets the request's method and URL; the query string and fragment are dropped.
    pub fn with_request(mut self, method: &str, url: &url::Url) -> Self {
        let mut url = url.clone();
        url.set_query(None);
        url.set_fragment(None);
        let _ = url.set_password(None);
        let _ = url.set_username("");
        self.0.method = Some(method.to_owned());
        self.0.url = Some(url.to_string());
        self
    }
    /// Sets when a rate-limited call may be tried again.
    pub fn with_retry_at(mut self, at: DateTime<Utc>) -> Self {
        self.0.retry_at = Some(at);
        self
    }
    /// Keeps structured detail the provider sent.
    pub fn with_detail(mut self, detail: serde_json::Value) -> Self {
        self.0.detail = Some(detail);
        self
    }
    /// Sets the cursor that resumes a failed listing.
    pub fn with_resume_cursor(mut self, cursor: Cursor) -> Self {
        self.0.resume = Some(cursor);
        self
    }
    /// The same error with another kind.
    pub fn into_kind(mut self, kind: ErrorKind) -> Self {
        self.0.kind = kind;
        self
    }
    /// Keeps the underlying error.
    pub fn with_source(mut self, source: impl Into<Source>) -> Self {
        self.0.source = Some(source.into());
        self
    }

    /// An operation, filter or update field the integration does not support.
    pub fn unsupported(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Unsupported, message)
    }
    /// Input refused before sending.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::InvalidInput, message)
    }
    /// A listing asked to resume at a position its provider does not page by (a cursor
    /// given to an offset provider, or any position to a listing that is one response):
    /// `listing` names it ("an Okta listing", "a Boomi listing, which is one response").
    pub fn cannot_resume(listing: &str, at: &Position) -> Self {
        Error::new(
            ErrorKind::InvalidInput,
            format!("{listing} cannot resume at {at}"),
        )
        .with_operation(Operation::List)
    }
    /// A required parameter is missing.
    pub fn missing_parameter(name: &str, operation: Operation) -> Self {
        Error::new(
            ErrorKind::MissingParameter,
            format!("`{name}` is required to {}", operation.describe()),
        )
        .with_operation(operation)
    }
    /// A configuration problem.
    pub fn config(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Config, message).with_operation(Operation::Connect)
    }
    /// A response that could not be decoded.
    pub fn decode(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Decode, message)
    }

    /// How long the server asked to wait, if it said when to retry.
    pub fn retry_after(&self, now: DateTime<Utc>) -> Option<Duration> {
        self.0
            .retry_at
            .map(|at| (at - now).to_std().unwrap_or(Duration::ZERO))
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.0;
        let mut d = f.debug_struct("Error");
        d.field("kind", &i.kind).field("retryable", &i.retryable);
        if let Some(v) = &i.status {
            d.field("status", v);
        }
        if let Some(v) = &i.provider {
            d.field("provider", v);
        }
        if let Some(v) = &i.operation {
            d.field("operation", v);
        }
        if let Some(v) = &i.message {
            d.field("message", v);
        }
        if let Some(v) = &i.code {
            d.field("code", v);
        }
        if let Some(v) = &i.request_id {
            d.field("request_id", v);
        }
        if let (Some(m), Some(u)) = (&i.method, &i.url) {
            d.field("request", &format_args!("{m} {u}"));
        }
        if let Some(v) = &i.retry_at {
            d.field("retry_at", v);
        }
        if let Some(v) = &i.resume {
            d.field("resume_cursor", v);
        }
        if let Some(v) = &i.source {
            d.field("source", v);
        }
        d.finish()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let i = &self.0;
        if let Some(p) = &i.provider {
            write!(f, "{p}: ")?;
        }
        match i.operation {
            Some(op) => write!(f, "{} failed: {}", op.describe(), i.kind)?,
            None => write!(f, "{}", i.kind)?,
        }
        if let Some(s) = i.status {
            write!(f, " (HTTP {s})")?;
        }
        if let Some(m) = i.message.as_deref().filter(|m| !m.is_empty()) {
            write!(f, ": {m}")?;
        }
        if let Some(c) = &i.code {
            write!(f, " [{c}]")?;
        }
        if let Some(at) = &i.retry_at {
            write!(f, "; retry at {}", at.to_rfc3339())?;
        }
        Ok(())
    }
}

impl From<CursorError> for Error {
    fn from(e: CursorError) -> Self {
        Error::invalid_input(e.to_string())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_position_that_cannot_resume_is_invalid_input_on_the_listing() {
        let e = Error::cannot_resume("an Okta listing", &Position::Page(3));
        assert_eq!(e.kind(), ErrorKind::InvalidInput);
        assert_eq!(e.operation(), Some(Operation::List));
        assert!(
            e.to_string()
                .contains("an Okta listing cannot resume at page 3"),
            "{e}"
        );
    }
}
