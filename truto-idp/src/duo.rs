//! # Duo
//!
//! The users of a Duo account, through Duo's Admin API, every request signed with the
//! Admin API application's secret key.
//!
//! | | |
//! |---|---|
//! | slug / feature | `duo` |
//! | operations | list, get |
//! | list | `GET /admin/v1/users?limit=…&offset=…`, paged by `metadata.next_offset` |
//! | get | `GET /admin/v1/users/{user_id}` |
//! | base URL | `https://{api_hostname}`, e.g. `https://api-xxxxxxxx.duosecurity.com` |
//! | auth | a signature per request: `Date: <RFC 2822 date>` and `Authorization: Basic base64(<integration_key>:<hex HMAC-SHA512>)` (see *Signing*); config keys `integration_key` (env `TRUTO_DUO_INTEGRATION_KEY`) and `secret_key` (env `TRUTO_DUO_SECRET_KEY`) |
//! | config keys | `api_hostname` (env `TRUTO_DUO_API_HOSTNAME`), `integration_key`, `secret_key` |
//! | scopes | the Admin API application's "Grant read resource" permission |
//! | page size | 100 by default, at most 300 (`limit`) |
//! | filters | `username` (`username=`, the user name or a username alias: zero or one user), `email` (`email=`); one at a time |
//! | rate limits | HTTP 429; no rate-limit headers documented, so the transport backs off on its own (the official client waits 1 s, doubling up to 32 s) |
//!
//! Duo's Admin API authenticates each request with an HMAC of the request itself, which the
//! declarative layer cannot express: this module is a hand-written [`UserDirectory`] (the
//! layer's escape hatch for signed requests). It builds each request, signs it, and hands
//! it to the shared transport, which retries, rate-limits and maps errors as for every
//! other integration.
//!
//! The Admin API application comes from the Duo Admin Panel: *Applications › Protect an
//! Application › Admin API*, which shows the integration key (`DI…`), the secret key and
//! the API hostname. Give it "Grant read resource".
//!
//! ## Signing
//!
//! Each request carries the signature Duo's official client (`duo_client_python`, the
//! signature it sends by default, version 5) computes:
//!
//! ```text
//! canonical = date            the Date header's value, e.g. "Tue, 21 Aug 2012 17:29:18 -0000"
//!           \n METHOD         upper case
//!           \n host           lower case, without the port
//!           \n /path          as sent (an id is percent-encoded as one segment)
//!           \n params         every query pair, key and value percent-encoded (RFC 3986: all
//!                             but A–Z a–z 0–9 - . _ ~, upper-case hex, UTF-8), sorted by key then
//!                             value, `key=value` joined by `&` (empty when there are none)
//!           \n sha512(body)   hex; a GET has no body: the hash of ""
//!           \n sha512(X-Duo-* headers)   hex; none are sent: the hash of ""
//! Authorization: Basic base64("<integration_key>:" + hex(HMAC-SHA512(secret_key, canonical)))
//! ```
//!
//! The parameters are read back from the URL as it will be sent, so the caller's
//! `remote_query` is signed like the rest. The `Date` is the connection clock's time,
//! formatted as Python's `email.utils.formatdate()` writes it.
//!
//! **When the signature is made.** The shared transport (`truto_core::provider::http`)
//! adds credentials per attempt only from a fixed credential or a bearer-token source; it
//! offers no hook that sees the request, so it cannot sign one. This module therefore
//! signs each request when it builds it: once per page and once per get, each with a fresh
//! `Date`. A retry of the same request (after a 429, a 5xx or a connection failure) is
//! sent again with that same `Date` and signature; it stays valid as long as Duo accepts
//! the `Date`, and a call gives up after `call_timeout_secs` (120 s by default).
//!
//! ## Mapping
//!
//! | Duo | unified |
//! |---|---|
//! | `user_id` (`DU…`) | `id` |
//! | `username` | `username` |
//! | `realname` (else `firstname` + `lastname`) | `name` |
//! | `firstname`, `lastname` | `first_name`, `last_name` |
//! | `email` | `emails[0]`, primary |
//! | `phones[]`: `number`, `extension`, `type` (lower-cased) | `phones` (a phone without a number is skipped) |
//! | `status` | `status` (table below) |
//! | `is_enrolled` | `is_2fa_enabled` (the user has an authentication device) |
//! | `groups[]`: `group_id`, `name` | `groups` |
//! | `aliases` (else `alias1`…`alias4`) | `identifiers` (`alias1`…) |
//! | `created`, `last_login` (Unix seconds) | `created_at`, `last_login_at` |
//!
//! `notes`, `last_directory_sync`, tokens, WebAuthn credentials and every other field stay
//! in `remote_data`, which is the user object exactly as Duo sent it.
//!
//! | Duo `status` | unified `status` |
//! |---|---|
//! | `active` | `active` (must complete two-factor authentication) |
//! | `bypass` | `active` (skips two-factor authentication; the account still signs in) |
//! | `disabled` | `inactive` |
//! | `locked out` | `inactive` (set by Duo after failed attempts, until an admin unlocks it) |
//! | `pending deletion` | `deleted` (in the Admin Panel's trash) |
//! | anything else | the raw value, unchanged |
//!
//! ## Quirks
//!
//! - Duo wraps every answer: `{"stat": "OK", "response": …, "metadata": {…}}`. A `stat`
//!   other than `OK` is an error (with Duo's `code` and `message`), whatever the status.
//! - Errors are `{"stat": "FAIL", "code": 40401, "message": "Resource not found",
//!   "message_detail": "…"}`; the five-digit code starts with the HTTP status (`40103`,
//!   `40401`). A bad signature is 401 (`40103`), a missing permission 403, an unknown id
//!   404.
//! - The listing includes users of every status; `username` and `email` narrow it to
//!   matching users. The two filters are sent one at a time (Duo does not document them
//!   together).
//! - A `next_offset` that does not move forward is refused as a decode error rather than
//!   followed.
//! - `integration_key` and `secret_key` never appear in `Debug` output; the secret key is
//!   never sent at all, only the HMAC made with it, and is scrubbed from error messages
//!   should anything echo it.
//!
//! ## Sources
//!
//! - <https://duo.com/docs/adminapi> ("Retrieve Users": `username`, `limit` (default 100,
//!   at most 300), `offset`, "call repeatedly with the offset parameter as long as the
//!   result metadata has a next_offset value", the example user; "Retrieve User by ID").
//!   The "Retrieve Users" section was read through a verbatim copy
//!   (<https://docs.blinkops.com/docs/integrations/duo/actions/list-users>); of the page
//!   itself only its opening was reachable.
//! - <https://github.com/duosecurity/duo_client_python> (the official client, 5.6.1):
//!   `duo_client/client.py` (`canon_params`, `canonicalize`, `sign`: signature versions 2
//!   and 5, HMAC-SHA512 by default, `Date` from `email.utils.formatdate()`; paging by
//!   `metadata.next_offset` with `limit` 100 by default; backing off on 429; the `stat` /
//!   `code` / `message` / `message_detail` error body), `duo_client/admin.py`
//!   (`/admin/v1/users`, `/admin/v1/users/{user_id}` with the id percent-encoded,
//!   `username` and `email` lookups, the statuses `active`, `bypass`, `disabled`, `locked
//!   out`), `tests/test_client.py` (canonicalization and signature vectors, reused in this
//!   module's tests)
//! - <https://community.duo.com/t/authorization-signature-for-api-requests/3877> (a bad
//!   signature answers 401 with code `40103`, "Invalid signature in request credentials")
//!
//! ## Not confirmed
//!
//! - How far Duo lets the `Date` drift from its clock before refusing a signature (it
//!   matters only for retries, which reuse the first attempt's `Date`).
//! - Duo's numeric rate limits, and whether a 429 carries `Retry-After` (honoured if it
//!   does).
//! - That a missing permission answers 403 (the body's code and message are kept either
//!   way).
//! - The exact spelling of the trash status (`pending deletion`): Duo's Admin Panel calls
//!   it that, the official client names no constant for it.
//! - Whether `username` and `email` may be combined in one listing.
//! - Whether the server canonicalizes a percent-encoded path exactly as sent; ids Duo
//!   issues (`DU` and letters and digits) never need encoding.
//! - The host in the signature when a port is given: the official client signs the bare
//!   API hostname; a `base_url` with a port is signed without it.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DUO_API_HOSTNAME=api-xxxxxxxx.duosecurity.com
//! // TRUTO_DUO_INTEGRATION_KEY=DI…  TRUTO_DUO_SECRET_KEY=…
//! let dir = truto_idp::duo::connect(&Config::from_env("duo"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use http::header::{AUTHORIZATION, DATE, HeaderMap, HeaderValue};
use http::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use sha2::{Digest, Sha512};
use truto_core::provider::decode::{
    decode_text, lenient_bool, non_empty, parse_datetime, string_or_number,
};
use truto_core::provider::http::{
    ErrorDetails, ErrorReader, HttpClient, ProviderHttp, Request, Response, generic_error_details,
};
use truto_core::provider::{Connection, FilterRule, Page, PageRequest, Position};
use truto_core::{
    Config, ConfigKey, Email, Error, ErrorKind, Family, Filter, GetUser, Group, Integration,
    Operation, PaginationStyle, Phone, RemoteData, Result, User, UserDirectory, UserStatus,
};

/// What the Duo integration declares.
pub static INTEGRATION: Integration = Integration::new("duo", "Duo", Family::Idp)
    .note("Admin API: `api_hostname`, `integration_key` + `secret_key`; each request HMAC-SHA512 signed")
    .list(PaginationStyle::OffsetLimit)
    .get()
    .filters(&[
        FilterRule::native(Filter::Username),
        FilterRule::native(Filter::Email),
    ])
    .single_filter()
    .email_filter(Filter::Email)
    .base_url("https://{api_hostname}")
    .config(&[
        ConfigKey::required(
            "api_hostname",
            "the Admin API hostname, e.g. `api-xxxxxxxx.duosecurity.com`",
        ),
        ConfigKey::required(
            "integration_key",
            "the Admin API application's integration key (`DI…`)",
        ),
        ConfigKey::secret(
            "secret_key",
            "the Admin API application's secret key (signs each request; never sent)",
        ),
    ])
    .page_size(100, 300);

/// The path of the users collection, below the base URL.
const USERS: &str = "admin/v1/users";

/// A connected Duo account.
pub struct Duo {
    http: HttpClient,
    integration_key: String,
    secret_key: SecretString,
}

impl fmt::Debug for Duo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Neither key is shown: the integration key is half of every signature.
        f.debug_struct("Duo")
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

/// Connects to Duo (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(Duo::new(config)?))
}

impl Duo {
    /// Connects with `config`: `api_hostname` (or `base_url`), `integration_key` and
    /// `secret_key`.
    pub fn new(config: &Config) -> Result<Self> {
        let connection = Connection::open(&INTEGRATION, config)?;
        let integration_key = connection.require("integration_key")?.to_owned();
        let secret_key = config.secret(&INTEGRATION, "secret_key")?;
        let errors = DuoErrors {
            secret_key: secret_key.clone(),
        };
        let http = connection.http(ProviderHttp::new(INTEGRATION.slug).errors(Arc::new(errors)))?;
        Ok(Duo {
            http,
            integration_key,
            secret_key,
        })
    }

    /// `request` with its `Date` and `Authorization` headers (see *Signing*).
    fn sign(&self, request: Request) -> Result<Request> {
        let date = duo_date(self.http.clock().now());
        let url = request.url();
        let host = url.host_str().unwrap_or_default();
        let params = canon_params(url.query_pairs());
        let canonical = canonicalize(&date, request.method().as_str(), host, url.path(), &params);
        let signature = hmac_sha512_hex(self.secret_key.expose_secret(), &canonical)?;
        let credentials = STANDARD.encode(format!("{}:{signature}", self.integration_key));
        let mut authorization = HeaderValue::from_str(&format!("Basic {credentials}"))
            .map_err(|_| Error::config("the integration key cannot be sent in a header"))?;
        authorization.set_sensitive(true);
        let date = HeaderValue::from_str(&date)
            .map_err(|_| Error::invalid_input("the request date is not a header value"))?;
        Ok(request
            .header(DATE, date)
            .header(AUTHORIZATION, authorization))
    }

    async fn send(&self, request: Request, op: Operation) -> Result<Response> {
        let request = self
            .sign(request)
            .map_err(|e| e.with_provider(INTEGRATION.slug).with_operation(op))?;
        self.http.send(request, op).await
    }
}

#[async_trait]
impl UserDirectory for Duo {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let offset = match request.position {
            Position::Start => 0,
            Position::Offset(n) => *n,
            other => {
                return Err(
                    Error::cannot_resume("a Duo listing", other).with_provider(INTEGRATION.slug)
                );
            }
        };
        let options = request.options;
        let http_request = self
            .http
            .request(Method::GET, USERS, &[])?
            .query_opt("username", options.filter_value(Filter::Username))
            .query_opt("email", options.filter_value(Filter::Email))
            .query_opt("limit", request.page_size)
            .query("offset", offset)
            .remote_query(&options.common().remote_query);
        let response = self.send(http_request, Operation::List).await?;
        let envelope = open_envelope(&response)?;
        let records: Vec<Box<RawValue>> = decode_text(envelope.response.get()).map_err(|e| {
            Error::decode(format!("Duo's `response` is not a list of users: at {e}"))
                .with_provider(INTEGRATION.slug)
        })?;
        let users = records
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let wire = decode_text::<WireUser>(raw.get()).map_err(|e| {
                    Error::decode(format!("record {i} is invalid at {e}"))
                        .with_provider(INTEGRATION.slug)
                })?;
                Ok(to_user(wire, RemoteData::from_raw(raw)))
            })
            .collect::<Result<Vec<_>>>()?;
        let metadata = envelope.metadata.unwrap_or_default();
        let next = match metadata.next_offset.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(text) => match text.parse::<u64>() {
                Ok(next) if next > offset => Some(Position::Offset(next)),
                _ => {
                    return Err(Error::decode(format!(
                        "Duo's `metadata.next_offset` `{text}` does not move past offset {offset}"
                    ))
                    .with_provider(INTEGRATION.slug));
                }
            },
        };
        let total = metadata
            .total_objects
            .as_deref()
            .and_then(|t| t.trim().parse::<u64>().ok());
        Ok(Page::new(users, next).with_total(total))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let request = self
            .http
            .request(Method::GET, "admin/v1/users/{}", &[id])?
            .remote_query(&options.common().remote_query);
        let response = self.send(request, Operation::Get).await?;
        let envelope = open_envelope(&response)?;
        let wire = decode_text::<WireUser>(envelope.response.get()).map_err(|e| {
            Error::decode(format!("Duo's user is invalid at {e}")).with_provider(INTEGRATION.slug)
        })?;
        Ok(to_user(wire, RemoteData::from_raw(envelope.response)))
    }
}

// ---------------------------------------------------------------------------------------
// Signing

/// The `Date` header's value, as Python's `email.utils.formatdate()` writes it.
fn duo_date(now: DateTime<Utc>) -> String {
    now.format("%a, %d %b %Y %H:%M:%S -0000").to_string()
}

/// A text percent-encoded as the official client's `urllib.parse.quote(text, '~')` does:
/// every byte but the RFC 3986 unreserved characters, upper-case hex.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// The canonical parameters: each pair quoted, sorted by key then value, `&`-joined.
fn canon_params<K: AsRef<str>, V: AsRef<str>>(pairs: impl Iterator<Item = (K, V)>) -> String {
    let mut quoted: Vec<(String, String)> = pairs
        .map(|(k, v)| (quote(k.as_ref()), quote(v.as_ref())))
        .collect();
    quoted.sort();
    quoted
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&")
}

fn sha512_hex(data: &[u8]) -> String {
    hex(&Sha512::digest(data))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The canonical text of a request without a body or `X-Duo-*` headers (signature
/// version 5).
fn canonicalize(date: &str, method: &str, host: &str, path: &str, params: &str) -> String {
    let empty = sha512_hex(b"");
    [
        date,
        &method.to_ascii_uppercase(),
        &host.to_ascii_lowercase(),
        path,
        params,
        &empty,
        &empty,
    ]
    .join("\n")
}

fn hmac_sha512_hex(key: &str, canonical: &str) -> Result<String> {
    let mut mac = Hmac::<Sha512>::new_from_slice(key.as_bytes())
        .map_err(|_| Error::config("the secret key cannot be used as an HMAC key"))?;
    mac.update(canonical.as_bytes());
    Ok(hex(&mac.finalize().into_bytes()))
}

// ---------------------------------------------------------------------------------------
// Responses and errors

/// `{"stat": "OK", "response": …, "metadata": {…}}`, or a failure.
#[derive(Deserialize)]
struct WireEnvelope {
    stat: Option<String>,
    response: Option<Box<RawValue>>,
    metadata: Option<Metadata>,
    #[serde(default, deserialize_with = "string_or_number")]
    code: Option<String>,
    message: Option<String>,
    message_detail: Option<String>,
}

#[derive(Deserialize, Default)]
struct Metadata {
    #[serde(default, deserialize_with = "string_or_number")]
    next_offset: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    total_objects: Option<String>,
}

/// A successful envelope: its `response` and `metadata`.
struct Envelope {
    response: Box<RawValue>,
    metadata: Option<Metadata>,
}

/// Decodes Duo's envelope; a `stat` other than `OK` is an error even with a 2xx status.
fn open_envelope(response: &Response) -> Result<Envelope> {
    let wire: WireEnvelope = response.json()?;
    let stat = wire.stat.as_deref().map(str::trim).unwrap_or_default();
    if !stat.eq_ignore_ascii_case("OK") {
        let message = fail_message(wire.message, wire.message_detail).unwrap_or_else(|| {
            if stat.is_empty() {
                "Duo's answer has no `stat`".to_owned()
            } else {
                format!("Duo answered `stat: {stat}`")
            }
        });
        let mut err = Error::new(ErrorKind::Provider, message)
            .with_provider(INTEGRATION.slug)
            .with_status(response.status.as_u16());
        if let Some(code) = wire.code {
            err = err.with_code(code);
        }
        return Err(err);
    }
    let Some(response) = wire.response else {
        return Err(Error::decode("Duo's answer has no `response`").with_provider(INTEGRATION.slug));
    };
    Ok(Envelope {
        response,
        metadata: wire.metadata,
    })
}

fn fail_message(message: Option<String>, detail: Option<String>) -> Option<String> {
    match (non_empty(message), non_empty(detail)) {
        (Some(m), Some(d)) => Some(format!("{m} ({d})")),
        (Some(m), None) => Some(m),
        (None, Some(d)) => Some(d),
        (None, None) => None,
    }
}

#[derive(Deserialize)]
struct WireFail {
    #[serde(default, deserialize_with = "string_or_number")]
    code: Option<String>,
    message: Option<String>,
    message_detail: Option<String>,
}

/// Duo's error bodies, read by [`duo_error`], with the secret key scrubbed from what they
/// say (Duo never receives it, so it could only come back from something in between).
#[derive(Debug)]
struct DuoErrors {
    secret_key: SecretString,
}

impl ErrorReader for DuoErrors {
    fn read(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
        let mut details = duo_error(status, headers, body);
        let secret = self.secret_key.expose_secret();
        for text in [&mut details.message, &mut details.code]
            .into_iter()
            .flatten()
        {
            if !secret.is_empty() && text.contains(secret) {
                *text = text.replace(secret, "[REDACTED]");
            }
        }
        details
    }
}

/// Reads Duo's error body: `message` (with `message_detail`) and the five-digit `code`.
fn duo_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    match serde_json::from_slice::<WireFail>(body) {
        Ok(fail) if fail.message.is_some() || fail.code.is_some() => {
            let mut details = ErrorDetails::default();
            details.message = fail_message(fail.message, fail.message_detail);
            details.code = non_empty(fail.code);
            details
        }
        _ => generic_error_details(status, headers, body),
    }
}

// ---------------------------------------------------------------------------------------
// Mapping

#[derive(Deserialize)]
struct WireUser {
    user_id: String,
    username: Option<String>,
    realname: Option<String>,
    firstname: Option<String>,
    lastname: Option<String>,
    email: Option<String>,
    status: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    is_enrolled: Option<bool>,
    #[serde(default, deserialize_with = "string_or_number")]
    created: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    last_login: Option<String>,
    phones: Option<Vec<WirePhone>>,
    groups: Option<Vec<WireGroup>>,
    aliases: Option<Map<String, Value>>,
    alias1: Option<String>,
    alias2: Option<String>,
    alias3: Option<String>,
    alias4: Option<String>,
}

#[derive(Deserialize)]
struct WirePhone {
    number: Option<String>,
    extension: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Deserialize)]
struct WireGroup {
    group_id: Option<String>,
    name: Option<String>,
}

/// The unified status of a Duo status (see the module docs).
fn map_status(raw: &str) -> UserStatus {
    match raw.trim().to_ascii_lowercase().as_str() {
        "active" | "bypass" => UserStatus::Active,
        "disabled" | "locked out" => UserStatus::Inactive,
        "pending deletion" => UserStatus::Deleted,
        _ => UserStatus::Other(raw.to_owned()),
    }
}

fn to_user(wire: WireUser, remote: RemoteData) -> User {
    let mut user = User::new(wire.user_id);
    user.username = non_empty(wire.username);
    user.first_name = non_empty(wire.firstname);
    user.last_name = non_empty(wire.lastname);
    user.name = non_empty(wire.realname).or_else(|| {
        let parts: Vec<&str> = [user.first_name.as_deref(), user.last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    if let Some(email) = non_empty(wire.email) {
        user.emails.push(Email::new(email.trim()).primary(true));
    }
    for phone in wire.phones.unwrap_or_default() {
        let Some(number) = non_empty(phone.number) else {
            continue;
        };
        let mut unified = Phone::new(number);
        unified.extension = non_empty(phone.extension);
        unified.kind = non_empty(phone.kind).map(|k| k.to_ascii_lowercase());
        user.phones.push(unified);
    }
    user.status = non_empty(wire.status).map(|s| map_status(&s));
    user.is_2fa_enabled = wire.is_enrolled;
    user.groups = wire
        .groups
        .unwrap_or_default()
        .into_iter()
        .filter_map(|g| {
            let (id, name) = (non_empty(g.group_id), non_empty(g.name));
            (id.is_some() || name.is_some()).then(|| Group::new(id, name))
        })
        .collect();
    let mut identifiers = Map::new();
    for (key, value) in wire.aliases.unwrap_or_default() {
        if let Value::String(text) = value
            && !text.trim().is_empty()
        {
            identifiers.insert(key, Value::String(text));
        }
    }
    if identifiers.is_empty() {
        for (key, value) in [
            ("alias1", wire.alias1),
            ("alias2", wire.alias2),
            ("alias3", wire.alias3),
            ("alias4", wire.alias4),
        ] {
            if let Some(text) = non_empty(value) {
                identifiers.insert(key.to_owned(), Value::String(text));
            }
        }
    }
    user.identifiers = (!identifiers.is_empty()).then_some(identifiers);
    user.created_at = wire.created.as_deref().and_then(parse_datetime);
    user.last_login_at = wire.last_login.as_deref().and_then(parse_datetime);
    user.remote_data = Some(remote);
    user
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const IKEY: &str = "DIWJ8X6AEYOR5OMC6TQ1";
    const SKEY: &str = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";

    fn authorization(canonical: &str) -> String {
        let signature = hmac_sha512_hex(SKEY, canonical).unwrap();
        format!("Basic {}", STANDARD.encode(format!("{IKEY}:{signature}")))
    }

    #[test]
    fn params_are_quoted_and_sorted_as_the_official_client_does() {
        // duo_client_python tests/test_client.py, TestQueryParameters.
        let canon = |pairs: &[(&str, &str)]| canon_params(pairs.iter().copied());
        assert_eq!(canon(&[]), "");
        assert_eq!(
            canon(&[("username", "root"), ("realname", "First Last")]),
            "realname=First%20Last&username=root"
        );
        assert_eq!(canon(&[("foo_bar", "2"), ("foo", "1")]), "foo=1&foo_bar=2");
        assert_eq!(
            canon(&[
                ("punctuation", "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"),
                ("whitespace", "\t\n\x0b\x0c\r "),
            ]),
            "punctuation=%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~&whitespace=%09%0A%0B%0C%0D%20"
        );
        assert_eq!(
            canon(&[("bar", "\u{2815}\u{aaa3}")]),
            "bar=%E2%A0%95%EA%AA%A3"
        );
        // Repeated keys: sorted by value within the key.
        assert_eq!(canon(&[("a", "z"), ("a", "b")]), "a=b&a=z");
    }

    #[test]
    fn hmac_sha512_matches_the_official_vector() {
        // duo_client_python tests/test_client.py, TestSign.test_hmac_sha512 (signature v2
        // canonical text, same HMAC).
        let canonical = "Fri, 07 Dec 2012 17:18:00 -0000\nPOST\nfoo.bar52.com\n/Foo/BaR2/qux\n%E4%9A%9A%E2%A1%BB%E3%97%90%E8%BB%B3%E6%9C%A7%E5%80%AA%E0%A0%90%ED%82%91%C3%88%EC%85%B0=%E0%BD%85%E1%A9%B6%E3%90%9A%E6%95%8C%EC%88%BF%E9%AC%89%EA%AF%A2%E8%8D%83%E1%AC%A7%E6%83%90&%E7%91%89%E7%B9%8B%EC%B3%BB%E5%A7%BF%EF%B9%9F%E8%8E%B7%EA%B7%8C%E9%80%8C%EC%BF%91%E7%A0%93=%E8%B6%B7%E5%80%A2%E9%8B%93%E4%8B%AF%E2%81%BD%E8%9C%B0%EA%B3%BE%E5%98%97%E0%A5%86%E4%B8%B0&%E7%91%B0%E9%8C%94%E9%80%9C%E9%BA%AE%E4%83%98%E4%88%81%E8%8B%98%E8%B1%B0%E1%B4%B1%EA%81%82=%E1%9F%99%E0%AE%A8%E9%8D%98%EA%AB%9F%EA%90%AA%E4%A2%BE%EF%AE%96%E6%BF%A9%EB%9F%BF%E3%8B%B3&%EC%8B%85%E2%B0%9D%E2%98%A0%E3%98%97%E9%9A%B3F%E8%98%85%E2%83%A8%EA%B0%A1%E5%A4%B4=%EF%AE%A9%E4%86%AA%EB%B6%83%E8%90%8B%E2%98%95%E3%B9%AE%E6%94%AD%EA%A2%B5%ED%95%ABU";
        assert_eq!(
            hmac_sha512_hex("gtdfxv9YgVBYcF6dl2Eq17KUQJN2PLM2ODVTkvoT", canonical).unwrap(),
            "0508065035a03b2a1de2f453e629e791d180329e157f65df6b3e0f08299d4321e1c5c7a7c7ee6b9e5fc80d1fb6fbf3ad5eb7c44dd3b3985a02c37aca53ec3698"
        );
    }

    #[test]
    fn v5_signatures_match_the_official_client() {
        // Computed with duo_client_python 5.6.1's `sign(..., sig_version=5, body='')`.
        let date = "Tue, 21 Aug 2012 17:29:18 -0000";
        let params = canon_params(
            [
                ("limit", "2"),
                ("offset", "0"),
                ("email", "ada lovelace+x@example.com"),
                ("username", "ü~*"),
            ]
            .into_iter(),
        );
        assert_eq!(
            params,
            "email=ada%20lovelace%2Bx%40example.com&limit=2&offset=0&username=%C3%BC~%2A"
        );
        let canonical = canonicalize(
            date,
            "get",
            "API-XXXXXXXX.duosecurity.com",
            "/admin/v1/users",
            &params,
        );
        let empty = "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e";
        assert_eq!(
            canonical,
            format!(
                "{date}\nGET\napi-xxxxxxxx.duosecurity.com\n/admin/v1/users\n{params}\n{empty}\n{empty}"
            )
        );
        assert_eq!(
            authorization(&canonical),
            "Basic RElXSjhYNkFFWU9SNU9NQzZUUTE6ZTUzMjQ2YzkwMWJkYzlkNDMzMmUxNzc5YjA0MWE0MWE1NDliNzAyY2QxMmIzNGMyYmU3NTlmNzZhNjU1OTNjODU2OWE0YTAwM2JkYmZhZTcwMjMwZmEzZmFmYTZlNjlmOTY0OWZhMWQ3YzkwN2QwMjQ4YzBmMzgyZTg3NzUzY2Q="
        );
        let canonical = canonicalize(
            date,
            "GET",
            "api-xxxxxxxx.duosecurity.com",
            "/admin/v1/users/DU..%2Fx",
            "",
        );
        assert_eq!(
            authorization(&canonical),
            "Basic RElXSjhYNkFFWU9SNU9NQzZUUTE6MjUxZjIwM2Y5ZGI4ZWYwMTcyZTVhNTY2OWVhNGMyMjcwMzc4ZTJhYjI2NDM5NWUxNWY3YTBlM2Q4NThkOTY2MzEyZjE1YzQ5NTQyNTIwMmY0ZjZkYWRjYWRiZGRiOGM4ZWUxMWVkNmQ2NmQ3MTAwMjMwYjJhNjU2YTA5MWZiYTM="
        );
    }

    #[test]
    fn dates_are_written_as_formatdate_writes_them() {
        let at = Utc.with_ymd_and_hms(2012, 12, 7, 17, 18, 0).unwrap();
        assert_eq!(duo_date(at), "Fri, 07 Dec 2012 17:18:00 -0000");
    }

    #[test]
    fn statuses() {
        for (raw, want) in [
            ("active", UserStatus::Active),
            ("bypass", UserStatus::Active),
            ("disabled", UserStatus::Inactive),
            ("locked out", UserStatus::Inactive),
            ("pending deletion", UserStatus::Deleted),
            ("Active", UserStatus::Active),
            ("frozen", UserStatus::Other("frozen".into())),
        ] {
            assert_eq!(map_status(raw), want, "{raw}");
        }
    }

    #[test]
    fn error_bodies_are_read() {
        let body = br#"{"code": 40401, "message": "Resource not found", "message_detail": "user_id", "stat": "FAIL"}"#;
        let d = duo_error(StatusCode::NOT_FOUND, &HeaderMap::new(), body);
        assert_eq!(d.code.as_deref(), Some("40401"));
        assert_eq!(d.message.as_deref(), Some("Resource not found (user_id)"));
        let d = duo_error(
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"<html>bad gateway</html>",
        );
        assert_eq!(d.code, None);
        assert_eq!(d.message.as_deref(), Some("<html>bad gateway</html>"));
    }
}
