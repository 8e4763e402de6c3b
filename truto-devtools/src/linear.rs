//! # Linear
//!
//! The members of one Linear workspace, through Linear's GraphQL API: every call is a
//! `POST https://api.linear.app/graphql` with a JSON body `{"query": …, "variables": …}`.
//!
//! | | |
//! |---|---|
//! | slug / feature | `linear` |
//! | operations | list, get (no update: the reference offers none for Linear) |
//! | list | `users(first, after, filter, includeDisabled: true, includeArchived) { nodes { … } pageInfo { hasNextPage endCursor } }` |
//! | parameters | `include_archived`: `true` also lists archived users (Linear's `includeArchived`; Linear leaves them out by default); a flag, `true`/`false`/`1`/`0`/`yes`/`no`, anything else is `InvalidInput` |
//! | get | `user(id: $id) { … }` |
//! | base URL | `https://api.linear.app` (the endpoint is `{base_url}/graphql`) |
//! | auth | one of: a personal API key sent bare as `Authorization: <key>` (no `Bearer`), config key `api_key` (env `TRUTO_LINEAR_API_KEY`); or an OAuth 2.0 access token sent as `Authorization: Bearer <token>`, config key `access_token` (env `TRUTO_LINEAR_ACCESS_TOKEN`) |
//! | scopes | OAuth: `read` |
//! | page size | 50 by default (Linear's own default), at most 100 (see *Complexity*) |
//! | rate limits | a request budget and a query-complexity budget per user per hour (leaky bucket), reported in `X-RateLimit-Requests-*` and `X-RateLimit-Complexity-*` (resets in epoch milliseconds); a refusal is HTTP 400 with `extensions.code` `RATELIMITED`, which is retried like a 429 |
//!
//! An API key is created under Settings › Account › Security & access; it acts as its
//! owner and sees what its owner sees. Workspace members, guests and deactivated users
//! are all listed.
//!
//! ## Filters
//!
//! Every filter is sent as a GraphQL variable (a `UserFilter`), never spliced into the
//! query text.
//!
//! | filter | `UserFilter` |
//! |---|---|
//! | `email` | `email: {eqIgnoreCase: …}`; used by `find_by_email` |
//! | `name` | `name: {eq: …}` (the full name, exactly) |
//! | `username` | `displayName: {eq: …}` (the handle, exactly) |
//! | `status` | `active` → `active: {eq: true}`; `inactive` → `active: {eq: false}`; any other value is `InvalidInput` |
//! | `user_type` | `admin` → `or: [{admin: {eq: true}}, {owner: {eq: true}}]`; `bot` → `app: {eq: true}`; `guest` and `user` cannot be expressed (Linear has no guest comparator) and are `InvalidInput` |
//!
//! `includeDisabled: true` is always sent: without it Linear leaves disabled (suspended,
//! departed) users out of the listing, and a directory must show them.
//!
//! Archived users are a different matter: Linear's connections leave archived entities out
//! unless asked with `includeArchived: true`. `.param("include_archived", "true")` sends
//! it (as the `$includeArchived` variable of the list query); without the parameter the
//! variable is not sent and Linear's default (not included) applies. The flag is checked
//! before anything is sent.
//!
//! ## Mapping
//!
//! | Linear `User` | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` (not split: Linear keeps one full name) |
//! | `displayName` | `username`: Linear's unique handle, the one `@mentions` use |
//! | `email` | `emails[0]`, primary |
//! | `active` | `status` `active` / `inactive` |
//! | `app`, `owner`, `admin`, `guest` | `user_type` `bot` (app users), `admin` (owners and admins), `guest`, else `user` |
//! | `owner`, `admin`, `guest` | one role, the workspace permission level: `owner`, `admin`, `guest` or `member`, with the workspace as its `organization` |
//! | `organization { id name }` | `organizations` |
//! | `teams { nodes { id name } }` | `groups` |
//! | `title` | `title` |
//! | `description` | `bio` |
//! | `avatarUrl` | `avatar` |
//! | `timezone` | `timezone` |
//! | `url` | `urls` (type `profile`) |
//! | `createdAt`, `updatedAt`, `lastSeen` | `created_at`, `updated_at`, `last_active_at` |
//!
//! `disableReason`, `statusEmoji`, `statusLabel`, `isMe`, `initials`, the workspace's
//! `urlKey` and each team's `key` are in `remote_data` only (`inviteHash` is deprecated
//! and always empty, so it is not asked for). `remote_data` is the `User`
//! node exactly as Linear sent it (with the fields this module asks for).
//!
//! ## Complexity
//!
//! Linear scores every query (each object 1 point, each field 0.1, a connection multiplies
//! what it holds by its page size) and refuses one that scores over 10,000. A user with its
//! workspace and up to 50 teams scores about 70, so a page holds at most 100 users (about
//! 7,000). `groups` therefore carries a user's first 50 teams; whether there are more is in
//! `remote_data` (`teams.pageInfo.hasNextPage`).
//!
//! ## Errors
//!
//! GraphQL answers many errors with HTTP 200 and a body
//! `{"errors": [{"message", "extensions": {"code", "type", "userPresentableMessage"}}], "data": null}`.
//! Such a body is read before `data` and becomes a typed error carrying Linear's message
//! and code (and the HTTP status it came with):
//!
//! | Linear | kind |
//! |---|---|
//! | message `Entity not found…` | `NotFound` (an unknown id: `code` `INPUT_ERROR`) |
//! | `AUTHENTICATION_ERROR` / `authentication error` | `Unauthenticated` |
//! | `FORBIDDEN` / `forbidden` | `PermissionDenied` |
//! | `RATELIMITED` / `ratelimited` | `RateLimited`, retryable, with `retry_at` when Linear says when |
//! | `INPUT_ERROR`, `invalid input`, `GRAPHQL_VALIDATION_FAILED`, `graphql error` | `InvalidInput` |
//! | anything else | `Provider` (retryable for `internal error` and `lock timeout`) |
//!
//! The same bodies arrive with HTTP 400 (rate limiting, and on some paths authentication)
//! or 401; the transport reads them with this module's error parser, which flags
//! `RATELIMITED` as throttling so the transport waits and retries it, and the kind is then
//! refined the same way (a 400 `AUTHENTICATION_ERROR` is `Unauthenticated`, not
//! `InvalidInput`). A 200 that carries `RATELIMITED` is returned as a retryable
//! `RateLimited` error, not retried here. A response with both `errors` and `data` fails:
//! a page with some fields missing is not passed off as complete.
//!
//! ## Retries
//!
//! List and get are POSTs, which the transport would treat as writes (never retried after
//! a 5xx or a dropped connection, since the request may have been applied). A GraphQL
//! *query* has no side effects, so these requests are marked idempotent and are retried
//! like GETs.
//!
//! ## Quirks
//!
//! - `remote_query` has no query string to go into; its pairs are appended to the URL of
//!   the POST, so the contract's passthrough holds literally, but Linear reads only the
//!   body and is not documented to use them.
//! - Under a dry run (`Config::with_dry_run`) the transport stops every request that is not
//!   a GET, so list and get, being POSTs, are stopped too (`DryRun`) until the transport
//!   can be told that a POST only reads.
//! - Linear reports two budgets on every response: requests
//!   (`X-RateLimit-Requests-Remaining` / `-Reset`) and complexity
//!   (`X-RateLimit-Complexity-Remaining` / `-Reset`, and `X-Complexity` for the query), with
//!   resets in epoch *milliseconds*. The transport watches the request budget (it holds
//!   further requests when it reaches 0, until its reset) and honours `Retry-After`; a
//!   provider declares one budget, so a spent complexity budget is only seen as a
//!   `RATELIMITED` refusal, backed off and retried. An error built here from a 200
//!   `RATELIMITED` body takes its `retry_at` from the budget that is spent.
//! - Linear's `user(id:)` takes any string, so ids are never a URL path: `.`, `..` or
//!   `a/b` travel as GraphQL variables and come back `NotFound`.
//!
//! ## Not confirmed
//!
//! - The exact HTTP status of an authentication failure: captured responses show both
//!   400 and 401 with the same body (`extensions.statusCode: 401`); both are handled.
//! - Whether `disableReason` distinguishes a pending invitation well enough to report
//!   `invited` (its values are not enumerated), so disabled users are `inactive`.
//! - Linear's OAuth client-credentials grant is not offered as a connection mode yet;
//!   obtain a token elsewhere and pass it as `access_token`.
//! - How an archived user differs from a disabled one in a listing (`archivedAt` is not
//!   asked for; an archived user's `active` is mapped as for any other user).
//!
//! - That `users` itself takes `includeArchived`: Linear's schema gives every connection
//!   that argument, and the task that added the parameter says `users` has it, but the
//!   look-up made for it (a client generated from Linear's schema) showed `users` with
//!   `includeDisabled` and the rest of its arguments cut off.
//!
//! ## Sources
//!
//! - Linear's GraphQL schema, as generated into `lineark-sdk`'s query builders
//!   (<https://docs.rs/lineark-sdk/latest/src/lineark_sdk/generated/queries.rs.html>:
//!   `includeArchived` on connections, `users(includeDisabled, …)`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! let linear = truto_devtools::linear::connect(&Config::from_env("linear"))?;
//! let mut users = linear.list_users(ListUsers::new().filter(Filter::Status, "active"));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.user_type);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use http::header::HeaderMap;
use http::{Method, StatusCode};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value, json};
use truto_core::ConfigKey;
use truto_core::provider::decode::{decode_record, non_empty, parse_datetime};
use truto_core::provider::http::{
    ErrorDetails, HttpClient, ProviderHttp, RateLimitHeaders, ResetFormat, Response,
    generic_error_details, retry_after,
};
use truto_core::provider::paging::token_next;
use truto_core::provider::{Connection, Credential, FilterRule, Page, PageRequest, Position};
use truto_core::{
    Config, Email, Error, ErrorKind, Family, Filter, GetUser, Group, Integration, ListUsers,
    Operation, Organization, PaginationStyle, Param, Reference, RemoteData, Result, Role, User,
    UserDirectory, UserStatus, UserUrl,
};

/// What the Linear integration declares.
pub static INTEGRATION: Integration = Integration::new("linear", "Linear", Family::Devtools)
        .note("GraphQL; `api_key` or `access_token`; `include_archived` lists archived users too")
    .list(PaginationStyle::CursorField)
    .get()
    .filters(&[
        FilterRule::native(Filter::Email),
        FilterRule::native(Filter::Name),
        FilterRule::native(Filter::Username),
        FilterRule::native(Filter::Status),
        FilterRule::native(Filter::UserType),
    ])
    .email_filter(Filter::Email)
    .params(&[Param::new(
        INCLUDE_ARCHIVED,
        "`true` also lists archived users (Linear's `includeArchived`); a flag: true/false, 1/0, yes/no",
    )])
    .credentials(&[
        // Linear takes a personal key as the whole header value, without a scheme.
        Credential::header("Authorization", "api_key"),
        Credential::bearer("access_token"),
    ])
    .base_url("https://api.linear.app")
    .config(&[
        ConfigKey::optional_secret(
            "api_key",
            "personal API key, sent bare as `Authorization: <key>` (or set access_token)",
        ),
        ConfigKey::optional_secret(
            "access_token",
            "OAuth 2.0 access token, sent as a bearer token (or set api_key)",
        ),
    ])
    .page_size(50, 100);

/// The parameter that asks for archived users too.
pub const INCLUDE_ARCHIVED: &str = "include_archived";

/// How many of a user's teams are read with it (a nested connection's page).
const TEAMS_PER_USER: u32 = 50;

/// The fields read for every user (`TEAMS` becomes [`TEAMS_PER_USER`]).
const USER_FIELDS: &str = "fragment TrutoUser on User {
  id
  name
  displayName
  email
  avatarUrl
  active
  admin
  owner
  guest
  app
  title
  description
  timezone
  url
  createdAt
  updatedAt
  lastSeen
  disableReason
  statusEmoji
  statusLabel
  isMe
  initials
  organization { id name urlKey }
  teams(first: TEAMS) { nodes { id name key } pageInfo { hasNextPage } }
}";

fn user_fields() -> String {
    USER_FIELDS.replace("TEAMS", &TEAMS_PER_USER.to_string())
}

/// One page of users. Every input is a variable.
const LIST_QUERY: &str = "query TrutoUsers($first: Int, $after: String, $filter: UserFilter, $includeDisabled: Boolean, $includeArchived: Boolean) {
  users(first: $first, after: $after, filter: $filter, includeDisabled: $includeDisabled, includeArchived: $includeArchived) {
    nodes { ...TrutoUser }
    pageInfo { hasNextPage endCursor }
  }
}
";

/// One user by id.
const GET_QUERY: &str = "query TrutoUser($id: String!) {
  user(id: $id) { ...TrutoUser }
}
";

/// The request budget the transport watches: its reset is a Unix time in milliseconds.
const RATE_LIMITS: RateLimitHeaders = RateLimitHeaders::new(
    "x-ratelimit-requests-remaining",
    "x-ratelimit-requests-reset",
    ResetFormat::EpochMillis,
);

/// Every budget Linear reports, as (remaining, reset) header pairs (resets in epoch
/// milliseconds), read for the `retry_at` of a 200 `RATELIMITED` body.
const BUDGET_HEADERS: &[(&str, &str)] = &[
    (
        "x-ratelimit-requests-remaining",
        "x-ratelimit-requests-reset",
    ),
    (
        "x-ratelimit-complexity-remaining",
        "x-ratelimit-complexity-reset",
    ),
    (
        "x-ratelimit-endpoint-requests-remaining",
        "x-ratelimit-endpoint-requests-reset",
    ),
];

/// A connected Linear workspace.
pub struct Linear {
    http: HttpClient,
    list_query: String,
    get_query: String,
}

/// Connects to Linear with `config` (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(Linear::connect(config)?))
}

impl Linear {
    /// Connects with `config`: `api_key` or `access_token`, and optionally `base_url`.
    pub fn connect(config: &Config) -> Result<Self> {
        let integration = &INTEGRATION;
        let connection = Connection::open(integration, config)?;
        let provider = ProviderHttp::new(integration.slug)
            .error_parser(linear_error)
            .rate_limit_headers(RATE_LIMITS);
        Ok(Linear {
            http: connection.http(provider)?,
            list_query: format!("{LIST_QUERY}{}\n", user_fields()),
            get_query: format!("{GET_QUERY}{}\n", user_fields()),
        })
    }

    /// Sends one GraphQL query and returns the response once its `errors` are checked.
    async fn query<V: Serialize>(
        &self,
        query: &str,
        variables: &V,
        remote_query: &BTreeMap<String, String>,
        op: Operation,
    ) -> Result<Response> {
        let request = self
            .http
            .request(Method::POST, "graphql", &[])?
            .remote_query(remote_query)
            .json(&GraphQlRequest { query, variables })?
            // A query reads and changes nothing: retried like a GET, let through a dry run.
            .read_only();
        let url = request.url().clone();
        let response = self.http.send(request, op).await.map_err(refine)?;
        if let Some(err) = self.errors_in(&response, &url)? {
            return Err(err);
        }
        Ok(response)
    }

    /// The typed error a successful response's `errors` carry, if any.
    fn errors_in(&self, response: &Response, url: &url::Url) -> Result<Option<Error>> {
        let envelope: ErrorsOnly = response.json()?;
        let Some(first) = envelope.errors.as_deref().and_then(<[_]>::first) else {
            return Ok(None);
        };
        let code = first.code();
        let kind = classify(
            first.message.as_deref(),
            first.extensions.code.as_deref(),
            first.extensions.kind.as_deref(),
        );
        let mut err = Error::new(kind, first.text())
            .with_status(response.status.as_u16())
            .with_request(Method::POST.as_str(), url);
        if let Some(code) = code {
            err = err.with_code(code);
        }
        match kind {
            ErrorKind::RateLimited => {
                if let Some(at) = self.retry_at(&response.headers) {
                    err = err.with_retry_at(at);
                }
            }
            ErrorKind::Provider if is_transient(first) => err = err.with_retryable(true),
            _ => {}
        }
        Ok(Some(err))
    }

    /// When a throttled call may be tried again: `Retry-After`, else the reset of the
    /// budget that is spent (or, when none says it is, the latest reset).
    fn retry_at(&self, headers: &HeaderMap) -> Option<DateTime<Utc>> {
        let now = self.http.clock().now();
        if let Some(at) = retry_after(headers, now) {
            return Some(at);
        }
        let number =
            |name: &str| -> Option<i64> { headers.get(name)?.to_str().ok()?.trim().parse().ok() };
        let resets: Vec<(bool, DateTime<Utc>)> = BUDGET_HEADERS
            .iter()
            .filter_map(|(remaining, reset)| {
                let at = DateTime::from_timestamp_millis(number(reset)?)?;
                Some((number(remaining) == Some(0), at))
            })
            .filter(|(_, at)| *at > now)
            .collect();
        let spent = resets
            .iter()
            .filter(|(spent, _)| *spent)
            .map(|(_, at)| *at)
            .max();
        spent.or_else(|| resets.iter().map(|(_, at)| *at).max())
    }
}

impl fmt::Debug for Linear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Linear")
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

#[async_trait]
impl UserDirectory for Linear {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let after = match request.position {
            Position::Start => None,
            Position::Token(cursor) => Some(cursor.as_str()),
            other => {
                return Err(Error::cannot_resume("a Linear listing", other));
            }
        };
        let variables = ListVariables {
            first: request.page_size,
            after,
            filter: user_filter(request.options)?,
            include_disabled: true,
            include_archived: include_archived(request.options)?,
        };
        let response = self
            .query(
                &self.list_query,
                &variables,
                &request.options.common().remote_query,
                Operation::List,
            )
            .await?;
        let body: ListBody = response.json()?;
        let connection = body
            .data
            .and_then(|d| d.users)
            .ok_or_else(|| Error::decode("Linear answered without `data.users`"))?;
        let users = connection
            .nodes
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<WireUser>(raw, i)?;
                to_user(wire, remote)
            })
            .collect::<Result<Vec<_>>>()?;
        let info = connection.page_info;
        let next = if info.has_next_page {
            let next = token_next(info.end_cursor);
            if next.is_none() {
                // Ending here would silently drop the rest of the workspace.
                return Err(Error::decode(
                    "Linear said there is a next page but sent no `pageInfo.endCursor`",
                ));
            }
            next
        } else {
            None
        };
        Ok(Page::new(users, next))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let response = self
            .query(
                &self.get_query,
                &json!({ "id": id }),
                &options.common().remote_query,
                Operation::Get,
            )
            .await?;
        let body: GetBody = response.json()?;
        let raw = body
            .data
            .and_then(|d| d.user)
            .ok_or_else(|| Error::decode("Linear answered without `data.user`"))?;
        let (wire, remote) = decode_record::<WireUser>(raw, 0)?;
        to_user(wire, remote)
    }
}

/// The `include_archived` flag, when given; anything but a flag is refused.
fn include_archived(options: &ListUsers) -> Result<Option<bool>> {
    let Some(value) = options.get_param(INCLUDE_ARCHIVED) else {
        return Ok(None);
    };
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(Some(true)),
        "false" | "0" | "no" => Ok(Some(false)),
        _ => Err(Error::invalid_input(format!(
            "`{INCLUDE_ARCHIVED}` is a flag (true/false, 1/0, yes/no), not `{value}`"
        ))),
    }
}

/// The `UserFilter` for the listing's filters, or `None` when there are none.
fn user_filter(options: &ListUsers) -> Result<Option<Map<String, Value>>> {
    let mut filter = Map::new();
    let value = |f: Filter| -> Result<Option<String>> {
        match options.filter_value(f).map(str::trim) {
            None => Ok(None),
            Some("") => Err(Error::invalid_input(format!(
                "the `{f}` filter needs a value"
            ))),
            Some(v) => Ok(Some(v.to_owned())),
        }
    };
    if let Some(email) = value(Filter::Email)? {
        filter.insert("email".into(), json!({ "eqIgnoreCase": email }));
    }
    if let Some(name) = value(Filter::Name)? {
        filter.insert("name".into(), json!({ "eq": name }));
    }
    if let Some(handle) = value(Filter::Username)? {
        filter.insert("displayName".into(), json!({ "eq": handle }));
    }
    if let Some(status) = value(Filter::Status)? {
        let active = match UserStatus::from_unified(&status) {
            UserStatus::Active => true,
            UserStatus::Inactive => false,
            _ => {
                return Err(Error::invalid_input(format!(
                    "Linear filters users by status `active` or `inactive`, not `{status}`"
                )));
            }
        };
        filter.insert("active".into(), json!({ "eq": active }));
    }
    if let Some(kind) = value(Filter::UserType)? {
        match kind.as_str() {
            "admin" => {
                filter.insert(
                    "or".into(),
                    json!([{ "admin": { "eq": true } }, { "owner": { "eq": true } }]),
                );
            }
            "bot" => {
                filter.insert("app".into(), json!({ "eq": true }));
            }
            other => {
                return Err(Error::invalid_input(format!(
                    "Linear filters users by user_type `admin` or `bot`, not `{other}` (it has no guest filter)"
                )));
            }
        }
    }
    Ok((!filter.is_empty()).then_some(filter))
}

/// The kind of a Linear GraphQL error, from its message, `extensions.code` and
/// `extensions.type` (Linear sends codes as `RATELIMITED` and types as `ratelimited`).
fn classify(message: Option<&str>, code: Option<&str>, kind: Option<&str>) -> ErrorKind {
    if message.is_some_and(is_not_found) || code.is_some_and(|c| normalize(c) == "ENTITY_NOT_FOUND")
    {
        return ErrorKind::NotFound;
    }
    [code, kind]
        .into_iter()
        .flatten()
        .find_map(|c| match normalize(c).as_str() {
            "AUTHENTICATION_ERROR" | "UNAUTHENTICATED" => Some(ErrorKind::Unauthenticated),
            "FORBIDDEN" | "FEATURE_NOT_ACCESSIBLE" => Some(ErrorKind::PermissionDenied),
            "RATELIMITED" => Some(ErrorKind::RateLimited),
            "INPUT_ERROR"
            | "INVALID_INPUT"
            | "BAD_USER_INPUT"
            | "USER_ERROR"
            | "GRAPHQL_ERROR"
            | "GRAPHQL_VALIDATION_FAILED"
            | "GRAPHQL_PARSE_FAILED" => Some(ErrorKind::InvalidInput),
            _ => None,
        })
        .unwrap_or(ErrorKind::Provider)
}

fn is_not_found(message: &str) -> bool {
    message
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("entity not found")
}

/// `ratelimited` → `RATELIMITED`, `authentication error` → `AUTHENTICATION_ERROR`.
fn normalize(code: &str) -> String {
    code.trim().to_ascii_uppercase().replace([' ', '-'], "_")
}

fn is_transient(error: &GqlError) -> bool {
    [
        error.extensions.code.as_deref(),
        error.extensions.kind.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|c| {
        matches!(
            normalize(c).as_str(),
            "INTERNAL_ERROR" | "INTERNAL_SERVER_ERROR" | "LOCK_TIMEOUT"
        )
    })
}

/// Gives an error the transport typed by its HTTP status the kind Linear's body names
/// (a 400 `AUTHENTICATION_ERROR` is unauthenticated, a 400 `RATELIMITED` is throttling).
fn refine(err: Error) -> Error {
    if !matches!(err.kind(), ErrorKind::InvalidInput | ErrorKind::Provider) {
        return err;
    }
    let kind = classify(err.message(), err.code(), None);
    if matches!(kind, ErrorKind::Provider | ErrorKind::InvalidInput) {
        return err;
    }
    err.into_kind(kind)
}

/// Reads Linear's error bodies (`errors[0]`), flagging `RATELIMITED` as throttling.
fn linear_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let first = serde_json::from_slice::<ErrorsOnly>(body)
        .ok()
        .and_then(|e| e.errors)
        .and_then(|e| e.into_iter().next());
    let Some(first) = first else {
        return generic_error_details(status, headers, body);
    };
    let mut details = ErrorDetails::default();
    details.throttled = classify(
        None,
        first.extensions.code.as_deref(),
        first.extensions.kind.as_deref(),
    ) == ErrorKind::RateLimited;
    details.code = first.code();
    details.message = Some(first.text());
    details
}

/// A GraphQL request body.
#[derive(Serialize)]
struct GraphQlRequest<'a, V> {
    query: &'a str,
    variables: &'a V,
}

#[derive(Serialize)]
struct ListVariables<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    first: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<Map<String, Value>>,
    #[serde(rename = "includeDisabled")]
    include_disabled: bool,
    #[serde(rename = "includeArchived", skip_serializing_if = "Option::is_none")]
    include_archived: Option<bool>,
}

/// A response read for its `errors` alone (whatever `data` holds).
#[derive(Debug, Deserialize)]
struct ErrorsOnly {
    #[serde(default)]
    errors: Option<Vec<GqlError>>,
}

#[derive(Debug, Deserialize)]
struct GqlError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    extensions: GqlExtensions,
}

#[derive(Debug, Default, Deserialize)]
struct GqlExtensions {
    #[serde(default)]
    code: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default, rename = "userPresentableMessage")]
    user_message: Option<String>,
}

impl GqlError {
    /// Linear's code, or its error type when it sent no code.
    fn code(&self) -> Option<String> {
        non_empty(self.extensions.code.clone()).or_else(|| non_empty(self.extensions.kind.clone()))
    }

    /// The message, with the user-facing explanation when it adds something.
    fn text(&self) -> String {
        let message = non_empty(self.message.clone());
        let friendly = non_empty(self.extensions.user_message.clone());
        match (message, friendly) {
            (Some(m), Some(f)) if m != f => format!("{m} - {f}"),
            (Some(m), _) => m,
            (None, Some(f)) => f,
            (None, None) => "Linear returned an error without a message".to_owned(),
        }
    }
}

#[derive(Debug, Deserialize)]
struct ListBody {
    #[serde(default)]
    data: Option<ListData>,
}

#[derive(Debug, Deserialize)]
struct ListData {
    #[serde(default)]
    users: Option<WireConnection>,
}

#[derive(Debug, Deserialize)]
struct WireConnection {
    nodes: Vec<Box<RawValue>>,
    #[serde(rename = "pageInfo")]
    page_info: WirePageInfo,
}

#[derive(Debug, Deserialize)]
struct WirePageInfo {
    #[serde(rename = "hasNextPage")]
    has_next_page: bool,
    #[serde(default, rename = "endCursor")]
    end_cursor: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GetBody {
    #[serde(default)]
    data: Option<GetData>,
}

#[derive(Debug, Deserialize)]
struct GetData {
    #[serde(default)]
    user: Option<Box<RawValue>>,
}

/// A `User` node, as far as it maps.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireUser {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    avatar_url: Option<String>,
    #[serde(default)]
    active: Option<bool>,
    #[serde(default)]
    admin: Option<bool>,
    #[serde(default)]
    owner: Option<bool>,
    #[serde(default)]
    guest: Option<bool>,
    #[serde(default)]
    app: Option<bool>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    timezone: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    updated_at: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    #[serde(default)]
    organization: Option<WireRef>,
    #[serde(default)]
    teams: Option<WireTeams>,
}

#[derive(Debug, Deserialize)]
struct WireRef {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Debug, Deserialize)]
struct WireTeams {
    #[serde(default)]
    nodes: Vec<WireRef>,
}

fn date(text: &Option<String>) -> Option<DateTime<Utc>> {
    text.as_deref().and_then(parse_datetime)
}

fn to_user(wire: WireUser, remote: RemoteData) -> Result<User> {
    if wire.id.trim().is_empty() {
        return Err(Error::decode("a Linear user has an empty `id`"));
    }
    let mut user = User::new(wire.id);
    user.name = non_empty(wire.name);
    user.username = non_empty(wire.display_name);
    if let Some(email) = non_empty(wire.email) {
        user.emails.push(Email::new(email).primary(true));
    }
    user.status = wire.active.map(UserStatus::from_active);
    let flag = |f: Option<bool>| f == Some(true);
    let known = wire.admin.is_some() || wire.owner.is_some() || wire.guest.is_some();
    user.user_type = if flag(wire.app) {
        Some("bot")
    } else if flag(wire.owner) || flag(wire.admin) {
        Some("admin")
    } else if flag(wire.guest) {
        Some("guest")
    } else if known || wire.app.is_some() {
        Some("user")
    } else {
        None
    }
    .map(str::to_owned);
    let workspace = wire
        .organization
        .map(|o| (non_empty(o.id), non_empty(o.name)))
        .filter(|(id, name)| id.is_some() || name.is_some());
    if known {
        let (id, name) = if flag(wire.owner) {
            ("owner", "Owner")
        } else if flag(wire.admin) {
            ("admin", "Admin")
        } else if flag(wire.guest) {
            ("guest", "Guest")
        } else {
            ("member", "Member")
        };
        let mut role = Role::new(Some(id.to_owned()), Some(name.to_owned()));
        role.organization = workspace.clone().map(|(id, name)| Reference::new(id, name));
        user.roles.push(role);
    }
    if let Some((id, name)) = workspace {
        user.organizations.push(Organization::new(id, name));
    }
    user.groups = wire
        .teams
        .map(|t| t.nodes)
        .unwrap_or_default()
        .into_iter()
        .filter(|t| t.id.is_some() || t.name.is_some())
        .map(|t| Group::new(non_empty(t.id), non_empty(t.name)))
        .collect();
    user.title = non_empty(wire.title);
    user.bio = non_empty(wire.description);
    user.avatar = non_empty(wire.avatar_url);
    user.timezone = non_empty(wire.timezone);
    if let Some(url) = non_empty(wire.url) {
        user.urls
            .push(UserUrl::new(url, Some("profile".to_owned())));
    }
    user.created_at = date(&wire.created_at);
    user.updated_at = date(&wire.updated_at);
    user.last_active_at = date(&wire.last_seen);
    user.remote_data = Some(remote);
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn details(status: u16, body: &str) -> ErrorDetails {
        linear_error(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            body.as_bytes(),
        )
    }

    #[test]
    fn ratelimited_bodies_are_throttling() {
        let d = details(
            400,
            r#"{"errors":[{"message":"Rate limit exceeded","extensions":{"code":"RATELIMITED","type":"ratelimited"}}]}"#,
        );
        assert!(d.throttled);
        assert_eq!(d.code.as_deref(), Some("RATELIMITED"));
        assert_eq!(d.message.as_deref(), Some("Rate limit exceeded"));
        // The type alone is enough.
        assert!(
            details(
                400,
                r#"{"errors":[{"message":"x","extensions":{"type":"ratelimited"}}]}"#
            )
            .throttled
        );
        let auth = details(
            400,
            r#"{"errors":[{"message":"Authentication required, not authenticated","extensions":{"type":"authentication error","code":"AUTHENTICATION_ERROR","userPresentableMessage":"You need to authenticate to access this operation."}}]}"#,
        );
        assert!(!auth.throttled);
        assert_eq!(
            auth.message.as_deref(),
            Some(
                "Authentication required, not authenticated - You need to authenticate to access this operation."
            )
        );
    }

    #[test]
    fn other_bodies_fall_back_to_the_generic_reader() {
        let d = details(502, "<html>Bad gateway</html>");
        assert_eq!(d.message.as_deref(), Some("<html>Bad gateway</html>"));
        assert!(!d.throttled);
    }

    #[test]
    fn classification() {
        assert_eq!(
            classify(Some("Entity not found: User"), Some("INPUT_ERROR"), None),
            ErrorKind::NotFound
        );
        assert_eq!(
            classify(Some("x"), None, Some("authentication error")),
            ErrorKind::Unauthenticated
        );
        assert_eq!(
            classify(Some("x"), Some("FORBIDDEN"), None),
            ErrorKind::PermissionDenied
        );
        assert_eq!(
            classify(None, Some("INPUT_ERROR"), Some("invalid input")),
            ErrorKind::InvalidInput
        );
        assert_eq!(
            classify(None, Some("SOMETHING_NEW"), None),
            ErrorKind::Provider
        );
    }

    #[test]
    fn filters_become_variables() {
        let options = ListUsers::new()
            .filter(Filter::Email, " Ada@Example.com ")
            .filter(Filter::Status, "inactive")
            .filter(Filter::UserType, "admin");
        let filter = Value::Object(user_filter(&options).unwrap().unwrap());
        assert_eq!(
            filter,
            json!({
                "email": {"eqIgnoreCase": "Ada@Example.com"},
                "active": {"eq": false},
                "or": [{"admin": {"eq": true}}, {"owner": {"eq": true}}]
            })
        );
        assert!(user_filter(&ListUsers::new()).unwrap().is_none());
        for (f, v) in [
            (Filter::Status, "invited"),
            (Filter::UserType, "guest"),
            (Filter::Name, "  "),
        ] {
            let err = user_filter(&ListUsers::new().filter(f, v)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{f}: {err}");
        }
    }

    #[test]
    fn include_archived_is_a_flag() {
        let flag = |v: &str| include_archived(&ListUsers::new().param(INCLUDE_ARCHIVED, v));
        for v in ["true", "1", "yes", " TRUE "] {
            assert_eq!(flag(v).unwrap(), Some(true), "{v}");
        }
        for v in ["false", "0", "no", "No"] {
            assert_eq!(flag(v).unwrap(), Some(false), "{v}");
        }
        for v in ["", "maybe", "2", "y"] {
            let err = flag(v).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{v}");
            assert!(err.to_string().contains("include_archived"), "{err}");
        }
        assert_eq!(include_archived(&ListUsers::new()).unwrap(), None);
    }

    #[test]
    fn the_nested_team_page_is_filled_in() {
        assert!(user_fields().contains(&format!("teams(first: {TEAMS_PER_USER})")));
        assert!(!user_fields().contains("TEAMS"));
    }
}
