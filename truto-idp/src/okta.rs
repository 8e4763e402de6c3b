//! # Okta
//!
//! Okta's Users API (Management API v1) lists, reads and updates the people of an Okta org.
//!
//! | | |
//! |---|---|
//! | slug / feature | `okta` |
//! | operations | list, get, update |
//! | base URL | `https://{domain}/api/v1`, where `domain` is the org's full host, e.g. `acme.okta.com` or a custom domain |
//! | auth | an API token, `Authorization: SSWS <token>` (config key `token`, env `TRUTO_OKTA_TOKEN`), **or** an OAuth 2.0 access token, `Authorization: Bearer <token>` (config key `access_token`, env `TRUTO_OKTA_ACCESS_TOKEN`); exactly one of the two |
//! | other config | `domain` (env `TRUTO_OKTA_DOMAIN`) |
//! | scopes (OAuth) | `okta.users.read` to list and get; `okta.users.manage` to update |
//! | page size | 200 by default, at most 200 (`limit`) |
//! | paging | `Link: <…/api/v1/users?after=…&limit=…>; rel="next"`, followed as given (same origin only) |
//! | rate limits | per endpoint and org; `X-Rate-Limit-Limit`, `X-Rate-Limit-Remaining` and `X-Rate-Limit-Reset` (UTC epoch seconds) are honoured; a 429 carries error code `E0000047` |
//! | filters | `email`, `username`, `first_name`, `last_name`, `title`, `created_at` (through `search`); `status`, `updated_at` (through `filter`, or `search` when combined with the others) |
//!
//! An API token acts with the permissions of the admin who created it (Security › API ›
//! Tokens). An access token comes from an OAuth 2.0 service app granted the scopes above;
//! obtaining and refreshing it is up to the caller.
//!
//! ## Filters
//!
//! | filter | Okta expression |
//! |---|---|
//! | `email` (also `find_by_email`) | `search=profile.email eq "…"` |
//! | `username` | `search=profile.login eq "…"` |
//! | `first_name` / `last_name` / `title` | `search=profile.firstName eq "…"` / `profile.lastName` / `profile.title` |
//! | `created_at` | `search=created gt "<RFC 3339 time>"` (created after) |
//! | `updated_at` | `filter=lastUpdated gt "<RFC 3339 time>"` (updated after) |
//! | `status` | `filter=(status eq "ACTIVE" or …)`: every Okta status the unified value is read from (table below); an Okta status name (`LOCKED_OUT`, `suspended`, …) selects that one status; `deleted` is refused |
//!
//! Literals are written as JSON strings, so quotes and backslashes in a value are escaped.
//! When a `search`-only filter is combined with `status` or `updated_at`, every clause
//! goes into one `search` expression (Okta's `search` also knows `status` and
//! `lastUpdated`). Okta's `search` is eventually consistent and compares values without
//! regard to case; `filter` is case-sensitive.
//!
//! ## Status
//!
//! | Okta `status` | unified `status` |
//! |---|---|
//! | `ACTIVE`, `PASSWORD_EXPIRED`, `LOCKED_OUT`, `RECOVERY` | `active` (the account exists and is usable; the user may have to reset or unlock) |
//! | `STAGED`, `PROVISIONED` | `invited` (created; activation not yet done or not yet completed by the user) |
//! | `SUSPENDED`, `DEPROVISIONED` | `inactive` |
//! | anything else | the raw value, unchanged |
//!
//! Okta changes a status through lifecycle operations, not a field. An update's `status`
//! reads the user first, then:
//!
//! | requested | current Okta status | request |
//! |---|---|---|
//! | `active` | `SUSPENDED` | `POST /users/{id}/lifecycle/unsuspend` |
//! | `active` | `STAGED`, `DEPROVISIONED` | `POST /users/{id}/lifecycle/activate?sendEmail=false` |
//! | `active` | `ACTIVE`, `PASSWORD_EXPIRED`, `LOCKED_OUT`, `RECOVERY` | none (already active) |
//! | `active` | `PROVISIONED` | refused (`InvalidInput`): Okta activates only `STAGED` and `DEPROVISIONED` users; a provisioned user finishes activation themselves |
//! | `inactive` | any but `DEPROVISIONED` | `POST /users/{id}/lifecycle/deactivate` (destructive: the user is deprovisioned from all apps) |
//! | `suspended` (raw, [`UserStatus::Other`]) | `ACTIVE` / `SUSPENDED` | `POST /users/{id}/lifecycle/suspend` / none |
//!
//! Any other requested status (`invited`, `deleted`, other raw values) is refused before
//! anything is sent.
//!
//! ## Updates
//!
//! Profile changes are one `POST /users/{id}` with a partial `{"profile": {…}}` body (Okta's
//! partial-update semantics; properties not sent are kept). `name` → `displayName`,
//! `first_name` → `firstName`, `last_name` → `lastName`, `username` → `login`, `title`,
//! `timezone`, `user_type` → `userType`, `languages` (at most one) → `preferredLanguage`,
//! `urls` (at most one) → `profileUrl`, `emails` → `email` (the primary, else the first)
//! and `secondEmail` (at most one other), `phones` → `mobilePhone` (type `mobile`) and
//! `primaryPhone` (any other type; at most one of each), `password` →
//! `credentials.password.value`. Lists replace what Okta holds: an attribute the list no
//! longer fills is set to `null`. `remote_data` is merged into the request body as is
//! (objects such as `profile` are merged key by key), which is how custom profile
//! attributes are set. The caller's `remote_query` goes on the write requests.
//!
//! A profile change is sent before a deactivation or suspension and after an activation or
//! unsuspension (Okta does not edit deactivated profiles by default). The user returned is
//! the one Okta answers the profile update with, or a fresh `GET` after a lifecycle
//! operation; activation and deactivation can be asynchronous, so the user may still show
//! the old status with a `transitioningToStatus`.
//!
//! ## Mapping
//!
//! `profile.firstName`/`lastName`/`displayName` (the name falls back to first and last
//! name), `login` → `username`, `email` (primary) and `secondEmail` → `emails`,
//! `credentials.emails[type=PRIMARY].status` → `is_email_verified`, `mobilePhone` (type
//! `mobile`) and `primaryPhone` (type `phone`) → `phones`, `title`, `timezone`,
//! `preferredLanguage` → `languages`, `userType` → `user_type`, `organization` →
//! `organizations`, `profileUrl` → `urls` (type `profile`); `employeeNumber`,
//! `costCenter`, `division`, `department`, `managerId`, `manager` (`manager_name`) and
//! `type.id` (`user_type_id`) → `identifiers`; `created`, `lastUpdated`, `activated`,
//! `statusChanged`, `lastLogin` → the matching dates. `passwordChanged`, credentials,
//! custom attributes and `_links` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - A listing without a filter leaves out `DEPROVISIONED` users (Okta's rule); any filter
//!   or `search` includes them.
//! - Next-page links carry the whole query (filters, `limit`, remote query), so later pages
//!   follow the link exactly as Okta gives it.
//! - A `search` or `filter` passed through `remote_query` is sent beside the one built from
//!   filters; use one or the other.
//!
//! Not confirmed against a live org: the exact error codes Okta answers an invalid
//! lifecycle transition with (they surface as typed errors with Okta's code and summary).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! // TRUTO_OKTA_DOMAIN=acme.okta.com, TRUTO_OKTA_TOKEN=00abc…
//! let dir = truto_idp::okta::connect(&Config::from_env("okta"))?;
//! let mut users = dir.list_users(ListUsers::new().filter(Filter::Status, "active"));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::header::HeaderMap;
use http::{Method, StatusCode};
use secrecy::ExposeSecret;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::provider::decode::{
    decode_one, decode_record, non_empty, parse_datetime, string_or_number,
};
use truto_core::provider::http::{
    ErrorDetails, HttpClient, ProviderHttp, RateLimitHeaders, ResetFormat, Response,
    generic_error_details,
};
use truto_core::provider::paging::link_header_next;
use truto_core::provider::{
    Connection, Credential, FilterRule, Page, PageRequest, Position, UpdateField,
};
use truto_core::{
    Config, Email, Error, Filter, GetUser, Integration, ListUsers, Operation, Organization, Phone,
    RemoteData, Result, UpdateUser, User, UserDirectory, UserStatus, UserUpdate, UserUrl,
};
use truto_core::{ConfigKey, Family, PaginationStyle};

/// What the Okta integration declares.
pub static INTEGRATION: Integration = Integration::new("okta", "Okta", Family::Idp)
    .note("`domain` + `token` (SSWS) or `access_token`; status via lifecycle endpoints")
    .list(PaginationStyle::LinkHeader)
    .get()
    .update(&[
        UpdateField::native("name"),
        UpdateField::native("first_name"),
        UpdateField::native("last_name"),
        UpdateField::native("username"),
        UpdateField::native("password"),
        UpdateField::native("emails"),
        UpdateField::native("phones"),
        UpdateField::native("status"),
        UpdateField::native("title"),
        UpdateField::native("timezone"),
        UpdateField::native("languages"),
        UpdateField::native("user_type"),
        UpdateField::native("urls"),
        UpdateField::native("remote_data"),
    ])
    .filters(&[
        FilterRule::native(Filter::FirstName),
        FilterRule::native(Filter::LastName),
        FilterRule::native(Filter::Email),
        FilterRule::native(Filter::Username),
        FilterRule::native(Filter::Title),
        FilterRule::native(Filter::Status),
        FilterRule::native(Filter::CreatedAt),
        FilterRule::native(Filter::UpdatedAt),
    ])
    .email_filter(Filter::Email)
    .credentials(&[
        Credential::custom("SSWS", "token"),
        Credential::bearer("access_token"),
    ])
    .base_url("https://{domain}/api/v1")
    .config(&[
        ConfigKey::required(
            "domain",
            "the org's host, e.g. `acme.okta.com` (or its custom domain)",
        ),
        ConfigKey::optional_secret(
            "token",
            "an API token, sent as `Authorization: SSWS <token>` (or set `access_token`)",
        ),
        ConfigKey::optional_secret(
            "access_token",
            "an OAuth 2.0 access token with okta.users.* scopes (or set `token`)",
        ),
    ])
    .page_size(200, 200);

/// Okta's rate-limit headers: the reset is UTC epoch seconds.
const RATE_LIMIT_HEADERS: RateLimitHeaders = RateLimitHeaders::new(
    "x-rate-limit-remaining",
    "x-rate-limit-reset",
    ResetFormat::EpochSeconds,
);

/// Okta's error code for "API call exceeded rate limit due to too many requests".
const RATE_LIMIT_CODE: &str = "E0000047";

/// A connected Okta org.
pub struct Okta {
    http: HttpClient,
}

impl fmt::Debug for Okta {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Okta").field("http", &self.http).finish()
    }
}

/// Connects to Okta (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(Okta::new(config)?))
}

impl Okta {
    /// Connects with `config`: `domain` (or `base_url`) and exactly one of `token` and
    /// `access_token`.
    pub fn new(config: &Config) -> Result<Self> {
        let connection = Connection::open(&INTEGRATION, config)?;
        let integration = &INTEGRATION;
        let provider = ProviderHttp::new(integration.slug)
            .error_parser(okta_error)
            .rate_limit_headers(RATE_LIMIT_HEADERS);
        let http = connection.http(provider)?;
        Ok(Okta { http })
    }

    async fn get_response(&self, id: &str, options: &GetUser, op: Operation) -> Result<Response> {
        let request = self
            .http
            .request(Method::GET, "users/{}", &[id])?
            .remote_query(&options.common().remote_query);
        self.http.send(request, op).await
    }

    async fn post_profile(&self, id: &str, body: &Value, options: &UpdateUser) -> Result<User> {
        // A partial update sets absolute values: applying it twice equals applying it once.
        let request = self
            .http
            .request(Method::POST, "users/{}", &[id])?
            .remote_query(&options.common().remote_query)
            .json(body)?
            .idempotent();
        let response = self.http.send(request, Operation::Update).await?;
        decode_user(&response)
    }

    async fn lifecycle(&self, id: &str, action: Lifecycle, options: &UpdateUser) -> Result<()> {
        let remote = &options.common().remote_query;
        let mut request = self
            .http
            .request(Method::POST, action.template(), &[id])?
            .remote_query(remote);
        if action == Lifecycle::Activate && !remote.contains_key("sendEmail") {
            request = request.query("sendEmail", "false");
        }
        // Lifecycle operations are not idempotent (Okta says so): never retried blindly.
        self.http.send(request, Operation::Update).await?;
        Ok(())
    }
}

#[async_trait]
impl UserDirectory for Okta {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let http_request = match request.position {
            Position::Start => {
                let query = list_query(request.options)?;
                self.http
                    .request(Method::GET, "users", &[])?
                    .query_opt("limit", request.page_size)
                    .query_opt("search", query.search)
                    .query_opt("filter", query.filter)
                    .remote_query(&request.options.common().remote_query)
            }
            Position::Url(url) => self.http.request_url(Method::GET, url, "users")?,
            other => {
                return Err(Error::cannot_resume("an Okta listing", other));
            }
        };
        let response = self.http.send(http_request, Operation::List).await?;
        let records: Vec<Box<RawValue>> = response.json()?;
        let users = records
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<WireUser>(raw, i)?;
                Ok(to_user(wire, remote))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(users, link_header_next(&response.headers)))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let response = self.get_response(id, options, Operation::Get).await?;
        decode_user(&response)
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        // Everything that can be refused without asking Okta is checked first.
        let body = update_body(&options.body)?;
        let target = options
            .body
            .status
            .as_ref()
            .map(Target::from_status)
            .transpose()?;
        let Some(target) = target else {
            return self.post_profile(id, &body, options).await;
        };
        let response = self
            .get_response(id, &GetUser::new(), Operation::Update)
            .await?;
        let (wire, remote) = decode_one::<WireUser>(&response.body)?;
        let okta_status = wire.status.clone().unwrap_or_default();
        let current = to_user(wire, remote);
        let action = target.action(&okta_status)?;
        let has_profile = body.as_object().is_some_and(|b| !b.is_empty());
        let lifecycle_first = matches!(action, Some(Lifecycle::Activate | Lifecycle::Unsuspend));
        if lifecycle_first && let Some(action) = action {
            self.lifecycle(id, action, options).await?;
        }
        let mut latest = None;
        if has_profile {
            latest = Some(self.post_profile(id, &body, options).await?);
        }
        if !lifecycle_first && let Some(action) = action {
            self.lifecycle(id, action, options).await?;
            latest = None;
        }
        match (latest, action) {
            (Some(user), _) => Ok(user),
            (None, None) => Ok(current),
            (None, Some(_)) => {
                let after = self
                    .get_response(id, &GetUser::new(), Operation::Update)
                    .await?;
                decode_user(&after)
            }
        }
    }
}

fn decode_user(response: &Response) -> Result<User> {
    let (wire, remote) = decode_one::<WireUser>(&response.body)?;
    Ok(to_user(wire, remote))
}

// ---------------------------------------------------------------------------------------
// Errors

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    error_code: Option<String>,
    error_summary: Option<String>,
    error_id: Option<String>,
    #[serde(default)]
    error_causes: Option<Vec<ErrorCause>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorCause {
    error_summary: Option<String>,
}

/// Reads Okta's error bodies: `errorCode`, `errorSummary`, `errorCauses[].errorSummary`
/// and `errorId`; `E0000047` is a throttle signal.
fn okta_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let parsed = serde_json::from_slice::<ErrorBody>(body)
        .ok()
        .filter(|b| b.error_code.is_some() || b.error_summary.is_some());
    let Some(parsed) = parsed else {
        // OAuth failures answer in RFC 6749 shape (`error`, `error_description`).
        return generic_error_details(status, headers, body);
    };
    let causes: Vec<String> = parsed
        .error_causes
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| non_empty(c.error_summary))
        .collect();
    let mut message = non_empty(parsed.error_summary)
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
    if !causes.is_empty() {
        message = format!("{message}: {}", causes.join("; "));
    }
    if let Some(id) = non_empty(parsed.error_id) {
        message = format!("{message} (errorId {id})");
    }
    let code = non_empty(parsed.error_code);
    let mut details = ErrorDetails::default();
    details.throttled = code.as_deref() == Some(RATE_LIMIT_CODE);
    details.message = Some(message);
    details.code = code;
    details
}

// ---------------------------------------------------------------------------------------
// Listing: filters

#[derive(Debug, Default, PartialEq)]
struct ListQuery {
    search: Option<String>,
    filter: Option<String>,
}

/// Builds Okta's `search` / `filter` expressions from the listing's filters.
fn list_query(options: &ListUsers) -> Result<ListQuery> {
    let mut search_only = Vec::new();
    for (filter, attribute) in [
        (Filter::Email, "profile.email"),
        (Filter::Username, "profile.login"),
        (Filter::FirstName, "profile.firstName"),
        (Filter::LastName, "profile.lastName"),
        (Filter::Title, "profile.title"),
    ] {
        if let Some(value) = options.filter_value(filter) {
            search_only.push(format!("{attribute} eq {}", quote(value)));
        }
    }
    if let Some(value) = options.filter_value(Filter::CreatedAt) {
        search_only.push(format!(
            "created gt {}",
            quote(&okta_time(value, "created_at")?)
        ));
    }
    let mut either = Vec::new();
    if let Some(value) = options.filter_value(Filter::Status) {
        either.push(status_expression(value)?);
    }
    if let Some(value) = options.filter_value(Filter::UpdatedAt) {
        either.push(format!(
            "lastUpdated gt {}",
            quote(&okta_time(value, "updated_at")?)
        ));
    }
    Ok(if search_only.is_empty() {
        ListQuery {
            search: None,
            filter: (!either.is_empty()).then(|| either.join(" and ")),
        }
    } else {
        search_only.extend(either);
        ListQuery {
            search: Some(search_only.join(" and ")),
            filter: None,
        }
    })
}

/// The Okta statuses, as Okta spells them.
const OKTA_STATUSES: &[&str] = &[
    "ACTIVE",
    "DEPROVISIONED",
    "LOCKED_OUT",
    "PASSWORD_EXPIRED",
    "PROVISIONED",
    "RECOVERY",
    "STAGED",
    "SUSPENDED",
];

/// The expression selecting the users whose status reads as `value`.
fn status_expression(value: &str) -> Result<String> {
    let statuses: Vec<&str> = match UserStatus::from_unified(value.trim()) {
        UserStatus::Active => vec!["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"],
        UserStatus::Invited => vec!["STAGED", "PROVISIONED"],
        UserStatus::Inactive => vec!["SUSPENDED", "DEPROVISIONED"],
        UserStatus::Deleted => {
            return Err(Error::invalid_input(
                "Okta lists no deleted users; filter by `active`, `inactive`, `invited` or an Okta status",
            ));
        }
        other => {
            let raw = other.as_str().trim();
            match OKTA_STATUSES.iter().find(|s| s.eq_ignore_ascii_case(raw)) {
                Some(s) => vec![*s],
                None => {
                    return Err(Error::invalid_input(format!(
                        "Okta cannot filter by status `{raw}` (use active, inactive, invited or one of {})",
                        OKTA_STATUSES.join(", ")
                    )));
                }
            }
        }
    };
    let clauses: Vec<String> = statuses
        .iter()
        .map(|s| format!("status eq {}", quote(s)))
        .collect();
    Ok(if clauses.len() == 1 {
        clauses.join("")
    } else {
        format!("({})", clauses.join(" or "))
    })
}

/// A date-time filter value in the form Okta writes them (`2024-05-06T07:08:09.000Z`).
fn okta_time(value: &str, filter: &str) -> Result<String> {
    parse_datetime(value)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "the `{filter}` filter takes a date-time (RFC 3339), not `{value}`"
            ))
        })
}

/// An Okta expression string literal: JSON string syntax, so `"` and `\` are escaped.
fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned())
}

// ---------------------------------------------------------------------------------------
// Updates

/// The lifecycle operations an update may call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lifecycle {
    Activate,
    Unsuspend,
    Deactivate,
    Suspend,
}

impl Lifecycle {
    fn template(self) -> &'static str {
        match self {
            Lifecycle::Activate => "users/{}/lifecycle/activate",
            Lifecycle::Unsuspend => "users/{}/lifecycle/unsuspend",
            Lifecycle::Deactivate => "users/{}/lifecycle/deactivate",
            Lifecycle::Suspend => "users/{}/lifecycle/suspend",
        }
    }
}

/// The status an update asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Active,
    Inactive,
    Suspended,
}

impl Target {
    fn from_status(status: &UserStatus) -> Result<Self> {
        match status {
            UserStatus::Active => Ok(Target::Active),
            UserStatus::Inactive => Ok(Target::Inactive),
            UserStatus::Other(raw) if raw.trim().eq_ignore_ascii_case("suspended") => {
                Ok(Target::Suspended)
            }
            other => Err(Error::invalid_input(format!(
                "Okta can set status `active`, `inactive` or `suspended`, not `{other}`"
            ))),
        }
    }

    /// The lifecycle operation that takes a user in `current` (Okta's status) to this
    /// target, `None` when it is there already.
    fn action(self, current: &str) -> Result<Option<Lifecycle>> {
        let refuse = |why: &str| {
            Err(Error::invalid_input(format!(
                "the user's Okta status is `{current}`: {why}"
            )))
        };
        match (self, current) {
            (Target::Active, "ACTIVE" | "PASSWORD_EXPIRED" | "LOCKED_OUT" | "RECOVERY") => Ok(None),
            (Target::Active, "SUSPENDED") => Ok(Some(Lifecycle::Unsuspend)),
            (Target::Active, "STAGED" | "DEPROVISIONED") => Ok(Some(Lifecycle::Activate)),
            (Target::Active, "PROVISIONED") => refuse(
                "Okta activates only STAGED or DEPROVISIONED users; a provisioned user completes activation through the link Okta sent",
            ),
            (Target::Active, _) => refuse("it cannot be activated from there"),
            (Target::Inactive, "DEPROVISIONED") => Ok(None),
            (Target::Inactive, _) => Ok(Some(Lifecycle::Deactivate)),
            (Target::Suspended, "SUSPENDED") => Ok(None),
            (Target::Suspended, "ACTIVE") => Ok(Some(Lifecycle::Suspend)),
            (Target::Suspended, _) => refuse("Okta suspends only ACTIVE users"),
        }
    }
}

/// The body of `POST /users/{id}` for the update's profile and credential fields; an empty
/// object when it changes only the status.
fn update_body(update: &UserUpdate) -> Result<Value> {
    let mut profile = Map::new();
    let mut text = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            profile.insert(key.to_owned(), Value::String(v.clone()));
        }
    };
    text("displayName", &update.name);
    text("firstName", &update.first_name);
    text("lastName", &update.last_name);
    text("login", &update.username);
    text("title", &update.title);
    text("timezone", &update.timezone);
    text("userType", &update.user_type);
    if let Some(languages) = &update.languages {
        let language = at_most_one(languages.iter().cloned(), "languages", "preferredLanguage")?;
        profile.insert("preferredLanguage".into(), opt_value(language));
    }
    if let Some(urls) = &update.urls {
        let url = at_most_one(urls.iter().map(|u| u.url.clone()), "urls", "profileUrl")?;
        profile.insert("profileUrl".into(), opt_value(url));
    }
    if let Some(emails) = &update.emails {
        let (primary, second) = split_emails(emails)?;
        profile.insert("email".into(), Value::String(primary));
        profile.insert("secondEmail".into(), opt_value(second));
    }
    if let Some(phones) = &update.phones {
        if phones.iter().any(|p| p.extension.is_some()) {
            return Err(Error::invalid_input(
                "Okta keeps a phone number as one text; put the extension into the number",
            ));
        }
        let is_mobile = |p: &&Phone| {
            p.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("mobile"))
        };
        let mobile = at_most_one(
            phones.iter().filter(is_mobile).map(|p| p.number.clone()),
            "phones of type `mobile`",
            "mobilePhone",
        )?;
        let primary = at_most_one(
            phones
                .iter()
                .filter(|p| !is_mobile(p))
                .map(|p| p.number.clone()),
            "phones of a type other than `mobile`",
            "primaryPhone",
        )?;
        profile.insert("mobilePhone".into(), opt_value(mobile));
        profile.insert("primaryPhone".into(), opt_value(primary));
    }
    let mut body = Map::new();
    if !profile.is_empty() {
        body.insert("profile".into(), Value::Object(profile));
    }
    if let Some(password) = &update.password {
        let mut value = Map::new();
        value.insert(
            "value".into(),
            Value::String(password.expose_secret().to_owned()),
        );
        let mut credentials = Map::new();
        credentials.insert("password".into(), Value::Object(value));
        body.insert("credentials".into(), Value::Object(credentials));
    }
    if let Some(extra) = &update.remote_data {
        for (key, value) in extra {
            match (body.get_mut(key), value) {
                (Some(Value::Object(existing)), Value::Object(more)) => {
                    for (k, v) in more {
                        existing.insert(k.clone(), v.clone());
                    }
                }
                _ => {
                    body.insert(key.clone(), value.clone());
                }
            }
        }
    }
    Ok(Value::Object(body))
}

fn opt_value(value: Option<String>) -> Value {
    value.map_or(Value::Null, Value::String)
}

fn at_most_one(
    mut values: impl Iterator<Item = String>,
    what: &str,
    attribute: &str,
) -> Result<Option<String>> {
    let first = values.next();
    if values.next().is_some() {
        return Err(Error::invalid_input(format!(
            "Okta keeps one `{attribute}`; the update has more than one of its {what}"
        )));
    }
    Ok(first)
}

/// The primary address (the one marked primary, else the first) and at most one other.
fn split_emails(emails: &[Email]) -> Result<(String, Option<String>)> {
    let primaries = emails.iter().filter(|e| e.is_primary == Some(true)).count();
    if primaries > 1 {
        return Err(Error::invalid_input(
            "the update marks more than one email address primary",
        ));
    }
    let primary_index = emails
        .iter()
        .position(|e| e.is_primary == Some(true))
        .unwrap_or(0);
    let Some(primary) = emails.get(primary_index) else {
        return Err(Error::invalid_input(
            "Okta users need a primary email address; the update's `emails` is empty",
        ));
    };
    let others = emails
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != primary_index)
        .map(|(_, e)| e.email.clone());
    let second = at_most_one(others, "email addresses besides the primary", "secondEmail")?;
    Ok((primary.email.clone(), second))
}

// ---------------------------------------------------------------------------------------
// Reading: wire shapes and mapping

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct WireUser {
    id: String,
    status: Option<String>,
    created: Option<String>,
    activated: Option<String>,
    status_changed: Option<String>,
    last_login: Option<String>,
    last_updated: Option<String>,
    #[serde(rename = "type")]
    user_type: Option<TypeRef>,
    profile: Option<Profile>,
    credentials: Option<Credentials>,
}

#[derive(Deserialize)]
struct TypeRef {
    id: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct Profile {
    first_name: Option<String>,
    last_name: Option<String>,
    display_name: Option<String>,
    login: Option<String>,
    email: Option<String>,
    second_email: Option<String>,
    title: Option<String>,
    mobile_phone: Option<String>,
    primary_phone: Option<String>,
    timezone: Option<String>,
    preferred_language: Option<String>,
    user_type: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    employee_number: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    cost_center: Option<String>,
    division: Option<String>,
    department: Option<String>,
    organization: Option<String>,
    manager: Option<String>,
    manager_id: Option<String>,
    profile_url: Option<String>,
}

#[derive(Deserialize)]
struct Credentials {
    emails: Option<Vec<CredentialEmail>>,
}

#[derive(Deserialize)]
struct CredentialEmail {
    status: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

/// The unified status of an Okta status (see the module docs).
fn map_status(raw: &str) -> UserStatus {
    match raw {
        "ACTIVE" | "PASSWORD_EXPIRED" | "LOCKED_OUT" | "RECOVERY" => UserStatus::Active,
        "STAGED" | "PROVISIONED" => UserStatus::Invited,
        "SUSPENDED" | "DEPROVISIONED" => UserStatus::Inactive,
        other => UserStatus::Other(other.to_owned()),
    }
}

fn to_user(wire: WireUser, remote: RemoteData) -> User {
    let p = wire.profile.unwrap_or_default();
    let mut user = User::new(wire.id);
    user.first_name = non_empty(p.first_name);
    user.last_name = non_empty(p.last_name);
    user.name = non_empty(p.display_name).or_else(|| {
        let parts: Vec<&str> = [user.first_name.as_deref(), user.last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    });
    user.title = non_empty(p.title);
    user.username = non_empty(p.login);
    let primary = non_empty(p.email);
    if let Some(email) = &primary {
        user.emails.push(Email::new(email.clone()).primary(true));
    }
    if let Some(second) = non_empty(p.second_email)
        && !primary
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(&second))
    {
        user.emails.push(Email::new(second).primary(false));
    }
    user.is_email_verified = wire
        .credentials
        .and_then(|c| c.emails)
        .unwrap_or_default()
        .into_iter()
        .find(|e| {
            e.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("PRIMARY"))
        })
        .and_then(|e| e.status)
        .map(|s| s.eq_ignore_ascii_case("VERIFIED"));
    if let Some(mobile) = non_empty(p.mobile_phone) {
        user.phones.push(Phone::new(mobile).with_type("mobile"));
    }
    if let Some(phone) = non_empty(p.primary_phone) {
        user.phones.push(Phone::new(phone).with_type("phone"));
    }
    user.status = non_empty(wire.status).map(|s| map_status(&s));
    user.user_type = non_empty(p.user_type);
    user.timezone = non_empty(p.timezone);
    user.languages = non_empty(p.preferred_language).into_iter().collect();
    user.urls = non_empty(p.profile_url)
        .map(|u| vec![UserUrl::new(u, Some("profile".to_owned()))])
        .unwrap_or_default();
    user.organizations = non_empty(p.organization)
        .map(|o| vec![Organization::new(None, Some(o))])
        .unwrap_or_default();
    let mut ids = Map::new();
    for (key, value) in [
        ("employee_number", p.employee_number),
        ("cost_center", p.cost_center),
        ("division", p.division),
        ("department", p.department),
        ("manager_id", p.manager_id),
        ("manager_name", p.manager),
        ("user_type_id", wire.user_type.and_then(|t| t.id)),
    ] {
        if let Some(v) = non_empty(value) {
            ids.insert(key.to_owned(), Value::String(v));
        }
    }
    user.identifiers = (!ids.is_empty()).then_some(ids);
    let date = |d: Option<String>| d.as_deref().and_then(parse_datetime);
    user.created_at = date(wire.created);
    user.updated_at = date(wire.last_updated);
    user.activated_at = date(wire.activated);
    user.status_changed_at = date(wire.status_changed);
    user.last_login_at = date(wire.last_login);
    user.remote_data = Some(remote);
    user
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::HeaderValue;

    #[test]
    fn status_mapping_follows_the_documented_table() {
        for (raw, want) in [
            ("ACTIVE", UserStatus::Active),
            ("PASSWORD_EXPIRED", UserStatus::Active),
            ("LOCKED_OUT", UserStatus::Active),
            ("RECOVERY", UserStatus::Active),
            ("STAGED", UserStatus::Invited),
            ("PROVISIONED", UserStatus::Invited),
            ("SUSPENDED", UserStatus::Inactive),
            ("DEPROVISIONED", UserStatus::Inactive),
            ("ACTIVATING", UserStatus::Other("ACTIVATING".into())),
        ] {
            assert_eq!(map_status(raw), want, "{raw}");
        }
    }

    #[test]
    fn filters_become_search_or_filter_expressions() {
        let q = list_query(&ListUsers::new().filter(Filter::Status, "active")).unwrap();
        assert_eq!(
            q,
            ListQuery {
                search: None,
                filter: Some(
                    r#"(status eq "ACTIVE" or status eq "PASSWORD_EXPIRED" or status eq "LOCKED_OUT" or status eq "RECOVERY")"#
                        .into()
                ),
            }
        );
        let q = list_query(
            &ListUsers::new()
                .filter(Filter::Status, "locked_out")
                .filter(Filter::UpdatedAt, "2024-05-06T09:08:09+02:00"),
        )
        .unwrap();
        assert_eq!(
            q.filter.as_deref(),
            Some(r#"status eq "LOCKED_OUT" and lastUpdated gt "2024-05-06T07:08:09.000Z""#)
        );
        let q = list_query(
            &ListUsers::new()
                .filter(Filter::Email, r#"o"brien\x@example.com"#)
                .filter(Filter::Status, "invited"),
        )
        .unwrap();
        assert_eq!(
            q.search.as_deref(),
            Some(
                r#"profile.email eq "o\"brien\\x@example.com" and (status eq "STAGED" or status eq "PROVISIONED")"#
            )
        );
        assert_eq!(q.filter, None);
        assert_eq!(list_query(&ListUsers::new()).unwrap(), ListQuery::default());
        for bad in [
            ListUsers::new().filter(Filter::Status, "deleted"),
            ListUsers::new().filter(Filter::Status, "frozen"),
            ListUsers::new().filter(Filter::UpdatedAt, "last tuesday"),
        ] {
            let err = list_query(&bad).unwrap_err();
            assert_eq!(err.kind(), truto_core::ErrorKind::InvalidInput, "{err}");
        }
    }

    #[test]
    fn lifecycle_plan() {
        use Lifecycle::*;
        assert_eq!(Target::Active.action("SUSPENDED").unwrap(), Some(Unsuspend));
        assert_eq!(Target::Active.action("STAGED").unwrap(), Some(Activate));
        assert_eq!(
            Target::Active.action("DEPROVISIONED").unwrap(),
            Some(Activate)
        );
        assert_eq!(Target::Active.action("LOCKED_OUT").unwrap(), None);
        assert!(Target::Active.action("PROVISIONED").is_err());
        assert_eq!(Target::Inactive.action("ACTIVE").unwrap(), Some(Deactivate));
        assert_eq!(
            Target::Inactive.action("SUSPENDED").unwrap(),
            Some(Deactivate)
        );
        assert_eq!(Target::Inactive.action("DEPROVISIONED").unwrap(), None);
        assert_eq!(Target::Suspended.action("ACTIVE").unwrap(), Some(Suspend));
        assert_eq!(Target::Suspended.action("SUSPENDED").unwrap(), None);
        assert!(Target::Suspended.action("STAGED").is_err());
        assert!(Target::from_status(&UserStatus::Invited).is_err());
        assert!(Target::from_status(&UserStatus::Deleted).is_err());
        assert_eq!(
            Target::from_status(&UserStatus::Other("Suspended".into())).unwrap(),
            Target::Suspended
        );
    }

    #[test]
    fn error_bodies_are_read() {
        let body = br#"{"errorCode":"E0000001","errorSummary":"Api validation failed: login","errorLink":"E0000001","errorId":"oaeX1","errorCauses":[{"errorSummary":"login: An object with this field already exists"}]}"#;
        let d = okta_error(StatusCode::BAD_REQUEST, &HeaderMap::new(), body);
        assert_eq!(d.code.as_deref(), Some("E0000001"));
        assert_eq!(
            d.message.as_deref(),
            Some(
                "Api validation failed: login: login: An object with this field already exists (errorId oaeX1)"
            )
        );
        assert!(!d.throttled);
        let body = br#"{"errorCode":"E0000047","errorSummary":"API call exceeded rate limit due to too many requests.","errorLink":"E0000047","errorId":"x","errorCauses":[]}"#;
        let d = okta_error(StatusCode::TOO_MANY_REQUESTS, &HeaderMap::new(), body);
        assert!(d.throttled);
        let mut headers = HeaderMap::new();
        headers.insert("content-type", HeaderValue::from_static("application/json"));
        let d = okta_error(
            StatusCode::UNAUTHORIZED,
            &headers,
            br#"{"error":"invalid_token","error_description":"The token is expired."}"#,
        );
        assert_eq!(d.message.as_deref(), Some("The token is expired."));
        assert_eq!(d.code.as_deref(), Some("invalid_token"));
        let d = okta_error(
            StatusCode::BAD_GATEWAY,
            &HeaderMap::new(),
            b"<html>oops</html>",
        );
        assert!(d.code.is_none());
    }

    #[test]
    fn update_bodies() {
        let mut b = UserUpdate::default();
        b.first_name = Some("Isaac".into());
        b.emails = Some(vec![
            Email::new("isaac@example.org"),
            Email::new("isaac.brock@example.com").primary(true),
        ]);
        b.phones = Some(vec![Phone::new("+1-555-415-1337").with_type("mobile")]);
        b.languages = Some(vec![]);
        let mut extra = Map::new();
        extra.insert(
            "profile".into(),
            serde_json::json!({"costCenter": "10", "firstName": "Zac"}),
        );
        b.remote_data = Some(extra);
        assert_eq!(
            update_body(&b).unwrap(),
            serde_json::json!({"profile": {
                "firstName": "Zac",
                "email": "isaac.brock@example.com",
                "secondEmail": "isaac@example.org",
                "mobilePhone": "+1-555-415-1337",
                "primaryPhone": null,
                "preferredLanguage": null,
                "costCenter": "10"
            }})
        );
        let mut b = UserUpdate::default();
        b.status = Some(UserStatus::Inactive);
        assert_eq!(update_body(&b).unwrap(), serde_json::json!({}));
        for bad in [
            {
                let mut b = UserUpdate::default();
                b.emails = Some(vec![]);
                b
            },
            {
                let mut b = UserUpdate::default();
                b.languages = Some(vec!["en".into(), "de".into()]);
                b
            },
            {
                let mut b = UserUpdate::default();
                b.phones = Some(vec![Phone::new("1"), Phone::new("2").with_type("work")]);
                b
            },
        ] {
            let err = update_body(&bad).unwrap_err();
            assert_eq!(err.kind(), truto_core::ErrorKind::InvalidInput, "{err}");
        }
    }
}
