//! # Jira (Atlassian Cloud)
//!
//! Lists and reads the users of a Jira Cloud site through the Jira platform REST API v3.
//!
//! | | |
//! |---|---|
//! | slug / feature | `jira` |
//! | operations | list (partial: see below), get |
//! | base URL | `https://{site}.atlassian.net` with an API token; `https://api.atlassian.com/ex/jira/{cloud_id}` with an OAuth 2.0 (3LO) token; paths are `/rest/api/3/...` below it |
//! | auth | `Authorization: Basic base64(email:api_token)`, config keys `email` and `api_token` (env `TRUTO_JIRA_EMAIL`, `TRUTO_JIRA_API_TOKEN`) and `site` (`TRUTO_JIRA_SITE`, e.g. `acme` for `acme.atlassian.net`); **or** `Authorization: Bearer <access_token>`, config keys `access_token` and `cloud_id` (`TRUTO_JIRA_ACCESS_TOKEN`, `TRUTO_JIRA_CLOUD_ID`) |
//! | permissions / scopes | the *Browse users and groups* global permission; OAuth 2.0 apps need the classic scope `read:jira-user` |
//! | list | `GET /rest/api/3/users/search?startAt=&maxResults=`: a bare JSON array, no total |
//! | get | `GET /rest/api/3/user?accountId={id}&expand=groups,applicationRoles` |
//! | page size | default 100, at most 1000 (`maxResults`) |
//! | rate limits | `429` with `Retry-After` (seconds), honoured by the transport; `X-RateLimit-Remaining` and `X-RateLimit-Reset` (an ISO 8601 timestamp) are declared, so a 429 without `Retry-After` waits for the reset and requests are held while the remaining count is 0 (see *Not confirmed* on the reset's precision) |
//! | filters | `email`: `GET /rest/api/3/user/search?query={email}` (used by `find_by_email`) |
//! | update | none: Jira Cloud cannot edit other users' profiles (Atlassian accounts are managed by Atlassian) |
//!
//! An API token is created at <https://id.atlassian.com/manage-profile/security/api-tokens>
//! and acts as the user who created it. An OAuth 2.0 (3LO) access token is obtained by
//! your own app's authorization-code flow; the site's `cloud_id` comes from
//! `GET https://api.atlassian.com/oauth/token/accessible-resources`. `base_url` overrides
//! both defaults (a legacy `*.jira.com` site, a proxy, a test server). `site` may also be
//! given as the full host name (`acme.atlassian.net`).
//!
//! ## Mapping
//!
//! | Jira | unified |
//! |---|---|
//! | `accountId` | `id` |
//! | `displayName` | `name` |
//! | `emailAddress` | `emails` (one, primary) |
//! | `active` | `status`: `active` / `inactive` |
//! | `accountType` | `user_type`: `atlassian` → `user`, `app` → `machine`, `customer` → `customer`; anything else (e.g. `unknown`) unchanged |
//! | `avatarUrls["48x48"]` (else the largest other size) | `avatar` |
//! | `timeZone` | `timezone` |
//! | `locale` (e.g. `en_US`, as Jira writes it) | `languages` |
//! | `groups.items[]` `{groupId, name}` (get only) | `groups` `{id, name}` |
//! | `applicationRoles.items[]` `{key, name}` (get only): product access | `licenses` `{id, name}` |
//!
//! `self` is the record's API URL, not a profile page, so it stays in `remote_data` only.
//!
//! ## Quirks
//!
//! - **The list is partial.** Search results carry neither groups nor application roles, and
//!   `emailAddress`, `timeZone` and `locale` are returned only where the user's profile
//!   visibility allows; `hydrate(true)` fetches each listed user's full record.
//! - **No total.** `users/search` answers a bare array. The next page is asked for while a
//!   page comes back full; a short or empty page ends the listing. Because nothing in the
//!   response says where a page started, each next position also remembers the first and
//!   last account id of the page before it: a server that ignores `startAt` and answers
//!   the same page again ends the listing with an error instead of paging forever. Pages
//!   are therefore fetched one after the other (`page_concurrency` has no effect; prefetch
//!   still overlaps the next page with the caller's work).
//! - The listing includes every account the site has seen: inactive users, former users
//!   that still have an Atlassian account, app (bot) accounts and Jira Service Management
//!   customers. Tell them apart by `user_type` and `status`; Jira has no server-side filter.
//! - **The `email` filter** is sent to `user/search` as `query`, which matches the *prefix*
//!   of a user's display name or email address and returns **active users only**;
//!   `find_by_email` then keeps exact (case-insensitive) email matches. A user who hides
//!   their email address cannot be found by it. Atlassian's current reference says that
//!   endpoint filters first and then pages (so a short page is the last); the January 2022
//!   description this module was tested against said the opposite (pages the first 1000
//!   users, then filters), which would make a short page inconclusive.
//! - `users/search` answers `409` when a request takes longer than 10 seconds; that is
//!   treated as transient and retried. A smaller `limit` helps on very large sites.
//! - Ids are account ids (`5b10ac8d82e05b22cc7d4ef5`, `557058:…`, `qm:…`). They travel as the
//!   `accountId` query parameter, percent-encoded as one value; blank ids, `.` and `..` are
//!   refused before sending, as for every integration.
//!
//! ## Not confirmed
//!
//! - The largest `maxResults` `users/search` honours (1000, as widely reported; the
//!   published description gives only the default, 50). A server capping pages below what
//!   was asked would look like a short, last page.
//! - `X-RateLimit-Reset` is documented as minute-precision (`yyyy-MM-ddTHH:mmZ`); the
//!   transport reads full RFC 3339 timestamps, so a minute-precision reset is ignored and
//!   `Retry-After` (sent with every 429) governs the wait.
//! - Granular OAuth scopes (instead of `read:jira-user`) were not checked.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_JIRA_SITE=acme TRUTO_JIRA_EMAIL=me@acme.com TRUTO_JIRA_API_TOKEN=...
//! let dir = truto_devtools::jira::connect(&Config::from_env("jira"))?;
//! let mut users = dir.list_users(ListUsers::new().hydrate(true));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use truto_core::http::{
    Auth, ErrorDetails, HttpClient, ProviderHttp, RateLimitHeaders, ResetFormat,
    generic_error_details,
};
use truto_core::map::{decode_one, decode_record, non_empty};
use truto_core::paginate::offset_next;
use truto_core::reexports::reqwest::header::HeaderMap;
use truto_core::reexports::reqwest::{Method, StatusCode};
use truto_core::{
    AuthKind, Config, ConfigKey, Email, Error, ErrorKind, Family, Filter, GetUser, Group,
    Integration, License, Operation, Page, PageRequest, PaginationStyle, Position, RemoteData,
    Result, User, UserDirectory, UserStatus,
};

/// What Jira declares: list (partial) and get, the `email` filter, Basic or Bearer auth.
pub static INTEGRATION: Integration = Integration::new("jira", "Jira", Family::Devtools)
    // `startAt` on the wire, but each next position is a token carrying the ids of the
    // page before it (`PageMark`), which only this module can compute: pages are fetched
    // one after the other.
    .list(PaginationStyle::CursorField)
    .get()
    .filters(&[Filter::Email])
    .email_filter(Filter::Email)
    .partial_list()
    .auth(&[AuthKind::Basic, AuthKind::Bearer])
    .base_url("https://{site}.atlassian.net")
    .config(&[
        ConfigKey::optional(
            "site",
            "the site's subdomain, e.g. `acme` for acme.atlassian.net (with `email` and `api_token`)",
        ),
        ConfigKey::optional("email", "email address of the account the API token belongs to"),
        ConfigKey::optional_secret("api_token", "Atlassian API token (Basic auth with `email`)"),
        ConfigKey::optional_secret(
            "access_token",
            "OAuth 2.0 (3LO) access token with `read:jira-user` (instead of `email`/`api_token`)",
        ),
        ConfigKey::optional(
            "cloud_id",
            "the site's cloud id, from oauth/token/accessible-resources (with `access_token`)",
        ),
    ])
    .page_size(100, 1000);

const LIST_ALL: &str = "rest/api/3/users/search";
const SEARCH: &str = "rest/api/3/user/search";
const GET: &str = "rest/api/3/user";
/// The expansions a get asks for: groups and product access (application roles).
const EXPAND: &str = "groups,applicationRoles";
const OAUTH_BASE: &str = "https://api.atlassian.com/ex/jira/";

/// A connected Jira Cloud site.
pub struct Jira {
    http: HttpClient,
    oauth: bool,
}

impl fmt::Debug for Jira {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Jira")
            .field("auth", &if self.oauth { "oauth2-bearer" } else { "basic" })
            .field("http", &self.http)
            .finish()
    }
}

/// Connects to Jira Cloud (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(Jira::connect(config)?))
}

fn config_error(message: impl Into<String>) -> Error {
    Error::config(message).with_provider(INTEGRATION.slug)
}

impl Jira {
    /// Connects with `config`: `email` + `api_token` (+ `site`), or `access_token`
    /// (+ `cloud_id`); `base_url` replaces the site or cloud id.
    pub fn connect(config: &Config) -> Result<Self> {
        let i = &INTEGRATION;
        let has_basic = config.get("email").is_some() || config.get("api_token").is_some();
        let has_bearer = config.get("access_token").is_some();
        let mut config = config.clone();
        let auth = match (has_basic, has_bearer) {
            (true, true) => {
                return Err(config_error(
                    "Jira takes `email` and `api_token`, or `access_token`, not both",
                ));
            }
            (false, false) => {
                return Err(config_error(
                    "Jira needs `email` and `api_token` (with `site`), or an OAuth 2.0 `access_token` (with `cloud_id`); set them as config keys or TRUTO_JIRA_* variables",
                ));
            }
            (true, false) => {
                let email = config.require(i, "email")?.to_owned();
                let token = config.secret(i, "api_token")?;
                if config.get("base_url").is_none() {
                    let site = config.require(i, "site")?;
                    // Accept `acme.atlassian.net` as well as `acme`.
                    if let Some(short) = site.strip_suffix(".atlassian.net") {
                        let short = short.to_owned();
                        config.insert("site", short);
                    }
                }
                Auth::Basic {
                    username: email,
                    password: token,
                }
            }
            (false, true) => {
                let token = config.secret(i, "access_token")?;
                if config.get("base_url").is_none() {
                    let cloud_id = config.require(i, "cloud_id")?;
                    if !cloud_id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-')
                    {
                        return Err(config_error(
                            "`cloud_id` must be the site's cloud id (a UUID), not a URL",
                        ));
                    }
                    let base = format!("{OAUTH_BASE}{cloud_id}");
                    config.insert("base_url", base);
                }
                Auth::Bearer(token)
            }
        };
        let provider = ProviderHttp::new(i.slug)
            .error_parser(jira_error)
            .rate_limit_headers(RATE_LIMIT_HEADERS);
        let http = HttpClient::new(provider, config.http_settings(i, auth)?)?;
        Ok(Jira {
            http,
            oauth: has_bearer,
        })
    }
}

/// Atlassian's rate-limit headers: the reset is an ISO 8601 timestamp.
const RATE_LIMIT_HEADERS: RateLimitHeaders = RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::Iso8601,
);

/// Jira's `ErrorCollection`: `{"errorMessages": [...], "errors": {"field": "message"}}`.
#[derive(Deserialize)]
struct ErrorCollection {
    #[serde(default, rename = "errorMessages")]
    error_messages: Option<Vec<String>>,
    #[serde(default)]
    errors: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Reads Jira's error bodies; a `409` (a request that ran past Jira's 10 s limit on
/// `users/search`) is flagged as a throttle signal so it is retried.
fn jira_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let mut details = match serde_json::from_slice::<ErrorCollection>(body) {
        Ok(collection) => {
            let mut parts: Vec<String> = collection
                .error_messages
                .unwrap_or_default()
                .into_iter()
                .filter(|m| !m.trim().is_empty())
                .collect();
            for (field, value) in collection.errors.unwrap_or_default() {
                match value {
                    serde_json::Value::String(m) if !m.trim().is_empty() => {
                        parts.push(format!("{field}: {m}"));
                    }
                    serde_json::Value::String(_) | serde_json::Value::Null => {}
                    other => parts.push(format!("{field}: {other}")),
                }
            }
            if parts.is_empty() {
                generic_error_details(status, headers, body)
            } else {
                let mut d = ErrorDetails::default();
                d.message = Some(parts.join("; "));
                d
            }
        }
        Err(_) => generic_error_details(status, headers, body),
    };
    if status == StatusCode::CONFLICT {
        // Every request this module sends is a GET, so a 409 is never an edit conflict.
        details.throttled = true;
        if details.message.is_none() {
            details.message =
                Some("Jira stopped a request that took longer than 10 seconds".into());
        }
    }
    details
}

/// A Jira user as `users/search`, `user/search` and `user` return it.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JiraUser {
    account_id: String,
    #[serde(default)]
    account_type: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    email_address: Option<String>,
    #[serde(default)]
    active: Option<bool>,
    #[serde(default)]
    avatar_urls: Option<AvatarUrls>,
    #[serde(default)]
    time_zone: Option<String>,
    #[serde(default)]
    locale: Option<String>,
    #[serde(default)]
    groups: Option<ListWrapper<GroupName>>,
    #[serde(default)]
    application_roles: Option<ListWrapper<ApplicationRole>>,
}

#[derive(Deserialize)]
struct AvatarUrls {
    #[serde(default, rename = "48x48")]
    x48: Option<String>,
    #[serde(default, rename = "32x32")]
    x32: Option<String>,
    #[serde(default, rename = "24x24")]
    x24: Option<String>,
    #[serde(default, rename = "16x16")]
    x16: Option<String>,
}

/// Jira's `SimpleListWrapper`: `{"size": n, "items": [...]}`.
#[derive(Deserialize)]
struct ListWrapper<T> {
    // A missing `items` is `None` without `#[serde(default)]` (which would ask `T: Default`).
    items: Option<Vec<T>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GroupName {
    #[serde(default)]
    group_id: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct ApplicationRole {
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

/// The unified `user_type` of an `accountType`.
fn user_type(account_type: &str) -> String {
    match account_type {
        "atlassian" => "user",
        "app" => "machine",
        "customer" => "customer",
        other => other,
    }
    .to_owned()
}

fn to_user(wire: JiraUser, remote: RemoteData) -> User {
    let mut user = User::new(wire.account_id);
    user.name = non_empty(wire.display_name);
    user.emails = non_empty(wire.email_address)
        .map(|e| vec![Email::new(e).primary(true)])
        .unwrap_or_default();
    user.status = wire.active.map(UserStatus::from_active);
    user.user_type = non_empty(wire.account_type).map(|t| user_type(&t));
    user.avatar = wire
        .avatar_urls
        .and_then(|a| non_empty(a.x48.or(a.x32).or(a.x24).or(a.x16)));
    user.timezone = non_empty(wire.time_zone);
    user.languages = non_empty(wire.locale).into_iter().collect();
    user.groups = wire
        .groups
        .and_then(|g| g.items)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|g| {
            let (id, name) = (non_empty(g.group_id), non_empty(g.name));
            (id.is_some() || name.is_some()).then(|| Group::new(id, name))
        })
        .collect();
    user.licenses = wire
        .application_roles
        .and_then(|r| r.items)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|r| {
            let (id, name) = (non_empty(r.key), non_empty(r.name));
            (id.is_some() || name.is_some()).then(|| License::new(id, name))
        })
        .collect();
    user.remote_data = Some(remote);
    user
}

/// Where the next page starts, and the first and last account id of the page before it,
/// so that a server answering the same page again is noticed.
#[derive(Serialize, Deserialize)]
struct PageMark {
    at: u64,
    first: String,
    last: String,
}

impl PageMark {
    fn parse(token: &str) -> Result<Self> {
        serde_json::from_str(token)
            .map_err(|_| Error::invalid_input("the cursor is not a Jira page position"))
    }

    fn token(self) -> Position {
        // Serializing three plain fields cannot fail.
        Position::Token(serde_json::to_string(&self).unwrap_or_default())
    }
}

fn check_id(id: &str) -> Result<()> {
    if id.trim().is_empty() || id == "." || id == ".." {
        return Err(Error::invalid_input(format!(
            "`{id}` is not a Jira account id"
        )));
    }
    Ok(())
}

#[async_trait]
impl UserDirectory for Jira {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let (start_at, previous) = match request.position {
            Position::Start => (0, None),
            Position::Offset(n) => (*n, None),
            Position::Token(token) => {
                let mark = PageMark::parse(token)?;
                (mark.at, Some(mark))
            }
            other => {
                return Err(Error::invalid_input(format!(
                    "a Jira listing cannot resume at {other:?}"
                )));
            }
        };
        let options = request.options;
        let http_request = match options.filter_value(Filter::Email) {
            Some(email) if email.trim().is_empty() => {
                return Err(Error::invalid_input("the `email` filter is blank"));
            }
            Some(email) => self
                .http
                .request(Method::GET, SEARCH, &[])?
                .query("query", email.trim()),
            None => self.http.request(Method::GET, LIST_ALL, &[])?,
        };
        let http_request = http_request
            .query("startAt", start_at)
            .query_opt("maxResults", request.page_size)
            .remote_query(&options.common().remote_query);
        let response = self.http.send(http_request, Operation::List).await?;
        let records: Vec<Box<RawValue>> = response.json()?;
        let users = records
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<JiraUser>(raw, i)?;
                Ok(to_user(wire, remote))
            })
            .collect::<Result<Vec<_>>>()?;
        let (first, last) = match (users.first(), users.last()) {
            (Some(f), Some(l)) => (f.id.clone(), l.id.clone()),
            _ => return Ok(Page::new(users, None)),
        };
        if let Some(prev) = previous
            && prev.first == first
            && prev.last == last
        {
            return Err(Error::new(
                ErrorKind::Provider,
                format!(
                    "Jira answered startAt={start_at} with the same users as the page before it; ending the listing rather than paging forever"
                ),
            ));
        }
        let next =
            offset_next(start_at, users.len(), request.page_size, None).and_then(|p| match p {
                Position::Offset(at) => Some(PageMark { at, first, last }.token()),
                _ => None,
            });
        Ok(Page::new(users, next))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        check_id(id)?;
        let request = self
            .http
            .request(Method::GET, GET, &[])?
            .query("accountId", id)
            .query("expand", EXPAND)
            .remote_query(&options.common().remote_query);
        let response = self.http.send(request, Operation::Get).await?;
        let (wire, remote) = decode_one::<JiraUser>(&response.body)?;
        Ok(to_user(wire, remote))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_types_map_to_user_types() {
        assert_eq!(user_type("atlassian"), "user");
        assert_eq!(user_type("app"), "machine");
        assert_eq!(user_type("customer"), "customer");
        assert_eq!(user_type("unknown"), "unknown");
    }

    #[test]
    fn error_collections_are_read() {
        let body =
            br#"{"errorMessages":["Specified user does not exist"],"errors":{"accountId":"bad"}}"#;
        let d = jira_error(StatusCode::NOT_FOUND, &HeaderMap::new(), body);
        assert_eq!(
            d.message.as_deref(),
            Some("Specified user does not exist; accountId: bad")
        );
        assert!(!d.throttled);
        let d = jira_error(StatusCode::CONFLICT, &HeaderMap::new(), b"");
        assert!(d.throttled);
        let d = jira_error(
            StatusCode::UNAUTHORIZED,
            &HeaderMap::new(),
            b"Client must be authenticated to access this resource.",
        );
        assert_eq!(
            d.message.as_deref(),
            Some("Client must be authenticated to access this resource.")
        );
    }

    #[test]
    fn page_marks_round_trip() {
        let Position::Token(t) = (PageMark {
            at: 40,
            first: "557058:a".into(),
            last: "qm:b".into(),
        })
        .token() else {
            panic!("not a token")
        };
        let m = PageMark::parse(&t).unwrap();
        assert_eq!(
            (m.at, m.first.as_str(), m.last.as_str()),
            (40, "557058:a", "qm:b")
        );
        assert!(PageMark::parse("20").is_err());
    }
}
