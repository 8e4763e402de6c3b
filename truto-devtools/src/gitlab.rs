//! # GitLab
//!
//! GitLab's REST API (v4), on GitLab.com or a self-managed / Dedicated instance. A
//! listing reads one of two directories:
//!
//! - **a group's members**, when the listing names a group with `organization_id` (or,
//!   the same thing, `workspace_id`): `GET /groups/{group}/members/all` (direct,
//!   inherited and invited members, each at its highest role), or
//!   `GET /groups/{group}/members` (direct members only) with `include_inherited=false`.
//!   This is the way to list users on GitLab.com.
//! - **the instance's users**, when no group is named: `GET /users`. Every user of a
//!   self-managed instance; an administrator's token sees every field (email, sign-ins,
//!   2FA, admin flag), anyone else sees public profiles only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `gitlab` |
//! | operations | list, get, update |
//! | base URL | `https://gitlab.com/api/v4`; a self-managed instance with `base_url` (e.g. `https://gitlab.example.com/api/v4`; a base URL without a path gets `/api/v4`) |
//! | auth | one of: `PRIVATE-TOKEN: <token>` with config key `token` (a personal, group or project access token; env `TRUTO_GITLAB_TOKEN`), or `Authorization: Bearer <access_token>` with config key `access_token` (an OAuth 2.0 token; env `TRUTO_GITLAB_ACCESS_TOKEN`) |
//! | scopes | `read_api` to list and get (`read_user` is enough for `/users` alone); `api` to update |
//! | roles | listing a group needs membership of it (emails of enterprise users need the Owner role); updates need an instance administrator, so they are for self-managed and Dedicated instances only |
//! | page size | at most 100 (`per_page`); 100 by default |
//! | rate limits | `RateLimit-Remaining` and `RateLimit-Reset` (Unix epoch seconds) are honoured; a 429 is retried after its `Retry-After` |
//!
//! ## Listing
//!
//! | filter | group members | instance users |
//! |---|---|---|
//! | `organization_id` / `workspace_id` | the group: its numeric id or its full path (`my-org/my-team`, or URL-encoded `my-org%2Fmy-team`) | — |
//! | `include_inherited` | `true` (the default): `/members/all`; `false`: `/members` | not accepted |
//! | `username` | `query=` (GitLab matches partially) | `username=` (exact, case-insensitive) |
//! | `email` | `query=` | `search=`: an exact match on the full address (public addresses, and private ones for administrators); used by `find_by_email` |
//! | `name` | `query=` | `search=` (fuzzy, also matches usernames) |
//! | `status` | not accepted | `active` → `active=true`; `inactive` → `exclude_active=true` |
//! | `created_at` | not accepted | `created_after=` (GitLab ignores it for non-administrators) |
//!
//! `query` and `search` take one value, so at most one of `username`, `email`, `name`
//! can be combined with a group, and one of `email`, `name` without.
//!
//! Group members page by page number: `page` and `per_page`, with `X-Next-Page` naming the
//! next page and `X-Total` the number of members, so pages can be fetched concurrently
//! (`page_concurrency`). GitLab leaves `X-Total` out above 10,000 records. Instance users
//! page by keyset (`pagination=keyset&order_by=id&sort=asc`) following the `Link: rel="next"`
//! URL, which GitLab requires for large instances and which does not slow down with
//! depth; a server too old for keyset answers with offset pages and the same `Link`
//! header, which is followed the same way.
//!
//! ## Getting one user
//!
//! `GET /users/{id}`. When `organization_id` (or `workspace_id`) is given as a parameter
//! it is `GET /groups/{group}/members/all/{id}` instead (`/members/{id}` with
//! `include_inherited=false`): the member record, with the role in that group. Prefer it
//! on GitLab.com, where `/users/{id}` is rate limited for non-administrators and carries
//! no email.
//!
//! ## Updating
//!
//! Needs an administrator's token. Fields:
//!
//! | field | how |
//! |---|---|
//! | `name`, `username`, `bio`, `password` | `PUT /users/{id}` (a new password must be changed at the next sign-in) |
//! | `emails` | exactly one address, sent as `email` to `PUT /users/{id}`. GitLab emails the new address and applies it only once confirmed (it shows as `unconfirmed_email`); add `"skip_reconfirmation": true` to `remote_data` to apply it at once |
//! | `organizations` | exactly one, its `name` sent as the profile's `organization` (an empty list clears it) |
//! | `status` | `inactive` → `POST /users/{id}/block` (the user can no longer sign in; works on any active user, unlike `deactivate`, which GitLab only allows for dormant users). `active` → read the user, then `POST /users/{id}/unblock` for a blocked user, `/activate` for a deactivated one, `/unban` for a banned one, `/approve` for one pending approval; nothing for a user already in the asked state |
//! | `remote_data` | merged into the `PUT` body as is (e.g. `linkedin`, `location`, `note`, `skip_reconfirmation`) |
//!
//! The user is read back afterwards (from the group when `organization_id` is given) and
//! returned.
//!
//! ## Mapping
//!
//! `id` (a number) becomes text; `state` `active` is `active`; `blocked`, `ldap_blocked`,
//! `banned` and `deactivated` are `inactive`; anything else (`blocked_pending_approval`)
//! is kept raw. `email` is the primary address, `public_email` a second one (type
//! `public`) when it differs; `confirmed_at` says whether the primary is verified.
//! `job_title` is `title`, `organization` an organization by name, `bio`, `avatar_url` the
//! avatar, `web_url` (type `profile`) and `website_url` (type `website`) the urls.
//! `last_login_at` is the later of `current_sign_in_at` and `last_sign_in_at`;
//! `last_active_at` is `last_activity_on`, a date (midnight UTC). `two_factor_enabled` is
//! `is_2fa_enabled`; `user_type` is `bot` for bots, `admin` for administrators (who also
//! get an `Admin` role), `user` otherwise (unknown on member records). `identities`
//! become `identifiers` (provider → external uid); a member's `group_saml_identity` (or
//! `group_scim_identity`) uid is `external_id`. A member's `access_level` is a role
//! (id `30`, name `Developer`; 10 Guest, 15 Planner, 20 Reporter, 30 Developer,
//! 40 Maintainer, 50 Owner, 5 Minimal access, 60 Admin) whose `organization` is the group,
//! which is also listed in `organizations`. A member record's `created_at` is when the
//! membership was created, not the account, so it is left in `remote_data`.
//!
//! ## Errors
//!
//! GitLab answers `{"message": "..."}` (the message may be an object of field errors,
//! which are joined), `{"error": "..."}` for invalid parameters, and OAuth's
//! `{"error": ..., "error_description": ...}`; rate-limit refusals say so in text.
//!
//! ## Not confirmed
//!
//! - Whether keyset paging of `/users` keeps every filter in its `Link` URL on every
//!   version (GitLab's docs say to follow the link as given, which is what is done).
//! - `exclude_active` needs a GitLab recent enough to know it (it is in the current docs);
//!   an older server ignores it and returns every user.
//! - `job_title` cannot be set through `PUT /users/{id}` (it is not among its documented
//!   attributes), so `title` is not updatable.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! let gitlab = truto_devtools::gitlab::connect(&Config::from_env("gitlab"))?;
//! let mut members = gitlab.list_users(ListUsers::new().filter(Filter::OrganizationId, "my-org"));
//! while let Some(user) = members.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.roles.first());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use http::header::HeaderMap;
use http::{Method, StatusCode};
use secrecy::ExposeSecret;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::ConfigKey;
use truto_core::provider::decode::{
    decode_one, decode_record, non_empty, parse_datetime, string_or_number,
};
use truto_core::provider::http::{
    ErrorDetails, HttpClient, ProviderHttp, RateLimitHeaders, Request, ResetFormat, Response,
    generic_error_details,
};
use truto_core::provider::paging::{link_header_next, page_number_next};
use truto_core::provider::{
    Connection, Credential, FilterRule, Page, PageRequest, Position, UpdateField,
};
use truto_core::{
    Config, Email, Error, Family, Filter, GetUser, Integration, ListUsers, Operation, Organization,
    PaginationStyle, Reference, RemoteData, Result, Role, UpdateUser, User, UserDirectory,
    UserStatus, UserUrl,
};

/// What the GitLab integration declares.
pub static INTEGRATION: Integration = Integration::new("gitlab", "GitLab", Family::Devtools)
        .note("group members (`organization_id`) or instance users; `token` (PRIVATE-TOKEN) or `access_token`; block/unblock")
    .list(PaginationStyle::LinkHeader)
    .get()
    .update(&[
        UpdateField::native("status"),
        UpdateField::native("name"),
        UpdateField::native("username"),
        UpdateField::native("emails"),
        UpdateField::native("password"),
        UpdateField::native("organizations"),
        UpdateField::native("bio"),
        UpdateField::native("remote_data"),
    ])
    .filters(&[
        FilterRule::native(Filter::OrganizationId),
        FilterRule::native(Filter::WorkspaceId),
        FilterRule::native(Filter::IncludeInherited),
        FilterRule::native(Filter::Username),
        FilterRule::native(Filter::Email),
        FilterRule::native(Filter::Name),
        FilterRule::native(Filter::Status),
        FilterRule::native(Filter::CreatedAt),
    ])
    .email_filter(Filter::Email)
    .credentials(&[
        Credential::header("PRIVATE-TOKEN", "token"),
        Credential::bearer("access_token"),
    ])
    .base_url("https://gitlab.com/api/v4")
    .config(&[
        ConfigKey::optional_secret(
            "token",
            "personal, group or project access token, sent as PRIVATE-TOKEN (or set access_token)",
        ),
        ConfigKey::optional_secret(
            "access_token",
            "OAuth 2.0 access token, sent as a bearer token (or set token)",
        ),
    ])
    .page_size(100, 100);

/// The rate-limit headers GitLab sends: `RateLimit-Reset` is a Unix time.
const RATE_LIMITS: RateLimitHeaders = RateLimitHeaders::new(
    "ratelimit-remaining",
    "ratelimit-reset",
    ResetFormat::EpochSeconds,
);

/// A connected GitLab instance.
#[derive(Debug)]
pub struct GitLab {
    http: HttpClient,
}

/// Connects to GitLab with `config` (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(GitLab::connect(config)?))
}

impl GitLab {
    /// Connects with `config`: `token` or `access_token`, and optionally `base_url`.
    pub fn connect(config: &Config) -> Result<Self> {
        let integration = &INTEGRATION;
        let mut connection = Connection::open(integration, config)?;
        let settings = connection.settings_mut();
        // An instance's root URL means its REST API.
        if settings.base_url.path() == "/" {
            settings.base_url.set_path("/api/v4/");
        }
        let provider = ProviderHttp::new(integration.slug)
            .error_parser(gitlab_error)
            .rate_limit_headers(RATE_LIMITS);
        Ok(GitLab {
            http: connection.http(provider)?,
        })
    }

    /// Reads one user: the member record when `scope` names a group, else `/users/{id}`.
    async fn read_user(
        &self,
        id: &str,
        scope: Option<&GroupScope>,
        remote_query: &std::collections::BTreeMap<String, String>,
        op: Operation,
    ) -> Result<User> {
        let request = match scope {
            Some(scope) => self.http.request(
                Method::GET,
                if scope.inherited {
                    "groups/{}/members/all/{}"
                } else {
                    "groups/{}/members/{}"
                },
                &[&scope.group, id],
            )?,
            None => self.http.request(Method::GET, "users/{}", &[id])?,
        }
        .remote_query(remote_query);
        let response = self.http.send(request, op).await?;
        let (wire, remote) = decode_one::<WireUser>(&response.body)?;
        to_user(wire, remote, scope)
    }

    fn members_request(
        &self,
        request: &PageRequest<'_>,
        scope: &GroupScope,
        page: u64,
    ) -> Result<Request> {
        let options = request.options;
        for filter in [Filter::Status, Filter::CreatedAt] {
            if options.filter_value(filter).is_some() {
                return Err(Error::invalid_input(format!(
                    "GitLab cannot filter a group's members by `{filter}`; list the instance's users (no organization_id) to use it"
                )));
            }
        }
        let query = one_of(
            options,
            &[Filter::Username, Filter::Email, Filter::Name],
            "a group's members",
        )?;
        let template = if scope.inherited {
            "groups/{}/members/all"
        } else {
            "groups/{}/members"
        };
        Ok(self
            .http
            .request(Method::GET, template, &[&scope.group])?
            .query("page", page)
            .query_opt("per_page", request.page_size)
            .query_opt("query", query)
            .remote_query(&options.common().remote_query))
    }

    fn users_request(&self, request: &PageRequest<'_>) -> Result<Request> {
        let options = request.options;
        if options.filter_value(Filter::IncludeInherited).is_some() {
            return Err(Error::invalid_input(
                "`include_inherited` applies to a group's members; name the group with organization_id",
            ));
        }
        let search = one_of(options, &[Filter::Email, Filter::Name], "instance users")?;
        let (active, exclude_active) = match options.filter_value(Filter::Status) {
            None => (None, None),
            Some(status) => match UserStatus::from_unified(status.trim()) {
                UserStatus::Active => (Some(true), None),
                UserStatus::Inactive => (None, Some(true)),
                _ => {
                    return Err(Error::invalid_input(format!(
                        "GitLab filters users by status `active` or `inactive`, not `{status}`"
                    )));
                }
            },
        };
        Ok(self
            .http
            .request(Method::GET, "users", &[])?
            .query("pagination", "keyset")
            .query("order_by", "id")
            .query("sort", "asc")
            .query_opt("per_page", request.page_size)
            .query_opt("username", options.filter_value(Filter::Username))
            .query_opt("search", search)
            .query_opt("active", active)
            .query_opt("exclude_active", exclude_active)
            .query_opt("created_after", options.filter_value(Filter::CreatedAt))
            .remote_query(&options.common().remote_query))
    }
}

/// The value of at most one of `filters`, which GitLab sends in a single parameter.
fn one_of<'a>(options: &'a ListUsers, filters: &[Filter], what: &str) -> Result<Option<&'a str>> {
    let set: Vec<(Filter, &str)> = filters
        .iter()
        .filter_map(|f| options.filter_value(*f).map(|v| (*f, v)))
        .collect();
    match set.as_slice() {
        [] => Ok(None),
        [(_, value)] => Ok(Some(value)),
        _ => Err(Error::invalid_input(format!(
            "GitLab searches {what} with one text; use only one of {}",
            set.iter()
                .map(|(f, _)| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// The group a call is scoped to, and whether inherited members count.
#[derive(Debug, Clone, PartialEq, Eq)]
struct GroupScope {
    /// The group's id or full path, as one path segment (the transport encodes `/`).
    group: String,
    inherited: bool,
}

/// Reads `organization_id` / `workspace_id` and `include_inherited` through `lookup`.
fn group_scope<'a>(lookup: impl Fn(&str) -> Option<&'a str>) -> Result<Option<GroupScope>> {
    let clean = |v: &str| {
        // A URL-encoded full path is accepted as well as a plain one.
        let v = v.trim().replace("%2F", "/").replace("%2f", "/");
        (!v.is_empty()).then_some(v)
    };
    let org = lookup(Filter::OrganizationId.as_str()).map(clean);
    let workspace = lookup(Filter::WorkspaceId.as_str()).map(clean);
    let group = match (org, workspace) {
        (Some(None), _) | (_, Some(None)) => {
            return Err(Error::invalid_input(
                "the GitLab group (organization_id / workspace_id) is empty",
            ));
        }
        (Some(Some(a)), Some(Some(b))) if a != b => {
            return Err(Error::invalid_input(format!(
                "organization_id `{a}` and workspace_id `{b}` name different GitLab groups; give one"
            )));
        }
        (Some(Some(g)), _) | (None, Some(Some(g))) => g,
        (None, None) => return Ok(None),
    };
    let inherited = match lookup(Filter::IncludeInherited.as_str()).map(str::trim) {
        None => true,
        Some(v) if v.eq_ignore_ascii_case("true") || v == "1" => true,
        Some(v) if v.eq_ignore_ascii_case("false") || v == "0" => false,
        Some(v) => {
            return Err(Error::invalid_input(format!(
                "`include_inherited` is `true` or `false`, not `{v}`"
            )));
        }
    };
    Ok(Some(GroupScope { group, inherited }))
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok().map(str::trim)
}

fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    header_text(headers, name)?.parse().ok()
}

/// Maps every record of a list response.
fn decode_page(response: &Response, scope: Option<&GroupScope>) -> Result<Vec<User>> {
    let records: Vec<Box<RawValue>> = response.json()?;
    records
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let (wire, remote) = decode_record::<WireUser>(raw, i)?;
            to_user(wire, remote, scope)
        })
        .collect()
}

#[async_trait]
impl UserDirectory for GitLab {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let scope = group_scope(|name| request.options.lookup(name))?;
        match &scope {
            Some(scope) => {
                let page = match request.position {
                    Position::Start => 1,
                    Position::Page(n) => (*n).max(1),
                    other => {
                        return Err(Error::cannot_resume("a GitLab group listing", other));
                    }
                };
                let http_request = self.members_request(&request, scope, page)?;
                let response = self.http.send(http_request, Operation::List).await?;
                let users = decode_page(&response, Some(scope))?;
                let headers = &response.headers;
                let next = if users.is_empty() {
                    None
                } else {
                    match header_text(headers, "x-next-page") {
                        // GitLab names the next page, and sends the header empty on the last.
                        Some(text) => text
                            .parse::<u64>()
                            .ok()
                            .filter(|n| *n > page)
                            .map(Position::Page),
                        None => page_number_next(page, users.len(), request.page_size, None),
                    }
                };
                let total = header_u64(headers, "x-total");
                Ok(Page::new(users, next).with_total(total))
            }
            None => {
                let http_request = match request.position {
                    Position::Start => self.users_request(&request)?,
                    Position::Url(url) => self.http.request_url(Method::GET, url, "users")?,
                    other => {
                        return Err(Error::cannot_resume("a GitLab users listing", other));
                    }
                };
                let response = self.http.send(http_request, Operation::List).await?;
                let users = decode_page(&response, None)?;
                let next = if users.is_empty() {
                    None
                } else {
                    link_header_next(&response.headers)
                };
                let total = header_u64(&response.headers, "x-total");
                Ok(Page::new(users, next).with_total(total))
            }
        }
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let scope = group_scope(|name| options.get_param(name))?;
        self.read_user(
            id,
            scope.as_ref(),
            &options.common().remote_query,
            Operation::Get,
        )
        .await
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let scope = group_scope(|name| options.get_param(name))?;
        // Everything is checked before the first request.
        let profile = profile_body(options)?;
        let wanted = match &options.body.status {
            None => None,
            Some(UserStatus::Active) => Some(true),
            Some(UserStatus::Inactive) => Some(false),
            Some(other) => {
                return Err(Error::invalid_input(format!(
                    "GitLab sets status `active` or `inactive`, not `{other}`"
                )));
            }
        };
        let remote_query = &options.common().remote_query;
        if !profile.is_empty() {
            // A PUT of absolute values has the same effect applied twice.
            let request = self
                .http
                .request(Method::PUT, "users/{}", &[id])?
                .remote_query(remote_query)
                .json(&Value::Object(profile))?
                .idempotent();
            self.http.send(request, Operation::Update).await?;
        }
        if let Some(active) = wanted {
            let current = self
                .read_user(id, None, &Default::default(), Operation::Update)
                .await?;
            let state = current
                .remote_data
                .as_ref()
                .and_then(|r| r.to_value().get("state")?.as_str().map(str::to_owned))
                .unwrap_or_default();
            if let Some(template) = status_action(active, &state) {
                // Blocking a blocked user (or unblocking an active one) changes nothing,
                // so a retry after a failure is safe.
                let request = self
                    .http
                    .request(Method::POST, template, &[id])?
                    .remote_query(remote_query)
                    .idempotent();
                self.http.send(request, Operation::Update).await?;
            }
        }
        self.read_user(id, scope.as_ref(), &Default::default(), Operation::Update)
            .await
    }
}

/// The moderation call that takes a user in `state` to active (or not), if any.
fn status_action(active: bool, state: &str) -> Option<&'static str> {
    let now = map_state(state);
    if active {
        match state {
            "active" => None,
            "deactivated" => Some("users/{}/activate"),
            "banned" => Some("users/{}/unban"),
            "blocked_pending_approval" => Some("users/{}/approve"),
            _ => Some("users/{}/unblock"),
        }
    } else if now == UserStatus::Inactive {
        None
    } else {
        Some("users/{}/block")
    }
}

/// The body of `PUT /users/{id}` for the profile fields of an update.
fn profile_body(options: &UpdateUser) -> Result<Map<String, Value>> {
    let b = &options.body;
    let mut body = Map::new();
    let mut text = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            body.insert(key.to_owned(), Value::String(v.clone()));
        }
    };
    text("name", &b.name);
    text("username", &b.username);
    if let Some(password) = &b.password {
        body.insert(
            "password".into(),
            Value::String(password.expose_secret().to_owned()),
        );
    }
    if let Some(emails) = &b.emails {
        match emails.as_slice() {
            [one] if !one.email.trim().is_empty() => {
                body.insert("email".into(), Value::String(one.email.trim().to_owned()));
            }
            _ => {
                return Err(Error::invalid_input(
                    "GitLab sets one primary email per user: give exactly one address",
                ));
            }
        }
    }
    if let Some(orgs) = &b.organizations {
        let name = match orgs.as_slice() {
            [] => String::new(),
            [one] => one.name.clone().ok_or_else(|| {
                Error::invalid_input("GitLab's profile organization is a name: set its `name`")
            })?,
            _ => {
                return Err(Error::invalid_input(
                    "GitLab keeps one organization name per user: give at most one",
                ));
            }
        };
        body.insert("organization".into(), Value::String(name));
    }
    for (key, value) in &b.extra {
        match (key.as_str(), value) {
            ("bio", Value::String(_)) => {
                body.insert("bio".into(), value.clone());
            }
            ("bio", Value::Null) => {
                body.insert("bio".into(), Value::String(String::new()));
            }
            ("bio", _) => return Err(Error::invalid_input("`bio` must be text")),
            (other, _) => {
                return Err(Error::unsupported(format!(
                    "GitLab cannot update `{other}`"
                )));
            }
        }
    }
    if let Some(extra) = &b.remote_data {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    Ok(body)
}

/// Reads GitLab's error bodies.
fn gitlab_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let mut details = match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(obj)) => {
            let mut d = ErrorDetails::default();
            let error = obj.get("error").and_then(Value::as_str).map(str::to_owned);
            let description = obj
                .get("error_description")
                .and_then(Value::as_str)
                .map(str::to_owned);
            d.message = obj
                .get("message")
                .and_then(message_text)
                .or_else(|| description.clone())
                .or_else(|| error.clone());
            // With a description, `error` is an OAuth code (`invalid_token`).
            d.code = description.and(error);
            if d.message.is_none() {
                d = generic_error_details(status, headers, body);
            }
            d
        }
        _ => generic_error_details(status, headers, body),
    };
    let throttle = details.message.as_deref().is_some_and(|m| {
        let m = m.to_ascii_lowercase();
        m.contains("requested too many times") || m.contains("retry later")
    });
    if throttle {
        details.throttled = true;
    }
    details
}

/// A `message` as text: a string, or field errors (`{"email": ["has already been taken"]}`).
fn message_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(message_text).collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        Value::Object(fields) => {
            let parts: Vec<String> = fields
                .iter()
                .filter_map(|(k, v)| {
                    let text = message_text(v)?;
                    Some(if k == "error" || k == "base" {
                        text
                    } else {
                        format!("{k} {text}")
                    })
                })
                .collect();
            (!parts.is_empty()).then(|| parts.join("; "))
        }
        _ => None,
    }
}

/// A user as `/users` and `/users/{id}` send it, or a member as the members endpoints do
/// (the user's basic fields plus the membership).
#[derive(Debug, Deserialize)]
struct WireUser {
    #[serde(deserialize_with = "string_or_number")]
    id: Option<String>,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    avatar_url: Option<String>,
    #[serde(default)]
    web_url: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    bio: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    public_email: Option<String>,
    #[serde(default)]
    website_url: Option<String>,
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    job_title: Option<String>,
    #[serde(default)]
    bot: Option<bool>,
    #[serde(default)]
    is_admin: Option<bool>,
    #[serde(default)]
    two_factor_enabled: Option<bool>,
    #[serde(default)]
    last_sign_in_at: Option<String>,
    #[serde(default)]
    current_sign_in_at: Option<String>,
    #[serde(default)]
    last_activity_on: Option<String>,
    /// Absent for non-administrators; `null` when the email is unconfirmed.
    #[serde(default, deserialize_with = "present")]
    confirmed_at: Option<Option<String>>,
    #[serde(default)]
    identities: Option<Vec<WireIdentity>>,
    #[serde(default)]
    access_level: Option<i64>,
    #[serde(default)]
    group_saml_identity: Option<WireIdentity>,
    #[serde(default)]
    group_scim_identity: Option<WireIdentity>,
}

#[derive(Debug, Deserialize)]
struct WireIdentity {
    #[serde(default)]
    provider: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    extern_uid: Option<String>,
}

/// Tells a field sent as `null` (`Some(None)`) from a field not sent (`None`).
fn present<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

/// The unified status of a GitLab user `state`.
fn map_state(state: &str) -> UserStatus {
    match state {
        "active" => UserStatus::Active,
        "blocked" | "ldap_blocked" | "banned" | "deactivated" => UserStatus::Inactive,
        other => UserStatus::Other(other.to_owned()),
    }
}

/// The name of a GitLab access level.
fn access_level_name(level: i64) -> Option<&'static str> {
    Some(match level {
        0 => "No access",
        5 => "Minimal access",
        10 => "Guest",
        15 => "Planner",
        20 => "Reporter",
        30 => "Developer",
        40 => "Maintainer",
        50 => "Owner",
        60 => "Admin",
        _ => return None,
    })
}

/// `last_activity_on` is a date; it becomes midnight UTC.
fn parse_day(text: &str) -> Option<DateTime<Utc>> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|d| d.and_utc())
        .or_else(|| parse_datetime(text))
}

fn date(text: &Option<String>) -> Option<DateTime<Utc>> {
    text.as_deref().and_then(parse_datetime)
}

fn to_user(wire: WireUser, remote: RemoteData, scope: Option<&GroupScope>) -> Result<User> {
    let id = wire
        .id
        .filter(|id| !id.trim().is_empty())
        .ok_or_else(|| Error::decode("a GitLab user has no `id`"))?;
    let mut user = User::new(id);
    let is_member = wire.access_level.is_some();
    user.username = non_empty(wire.username);
    user.name = non_empty(wire.name);
    user.status = non_empty(wire.state).map(|s| map_state(&s));
    user.avatar = non_empty(wire.avatar_url);
    user.bio = non_empty(wire.bio);
    user.title = non_empty(wire.job_title);

    let email = non_empty(wire.email);
    if let Some(email) = &email {
        user.emails.push(Email::new(email.clone()).primary(true));
    }
    if let Some(public) = non_empty(wire.public_email)
        && !email
            .as_deref()
            .is_some_and(|e| e.eq_ignore_ascii_case(&public))
    {
        user.emails.push(Email::new(public).with_type("public"));
    }
    user.is_email_verified = match wire.confirmed_at {
        Some(confirmed) if email.is_some() => Some(confirmed.is_some()),
        _ => None,
    };
    user.is_2fa_enabled = wire.two_factor_enabled;

    user.user_type = match (wire.bot, wire.is_admin) {
        (Some(true), _) => Some("bot".to_owned()),
        (_, Some(true)) => Some("admin".to_owned()),
        (Some(false), _) | (_, Some(false)) => Some("user".to_owned()),
        (None, None) => None,
    };
    if wire.is_admin == Some(true) {
        user.roles.push(Role::new(
            Some("admin".to_owned()),
            Some("Admin".to_owned()),
        ));
    }
    if let Some(level) = wire.access_level {
        let mut role = Role::new(
            Some(level.to_string()),
            access_level_name(level).map(str::to_owned),
        );
        if let Some(scope) = scope {
            role.organization = Some(Reference::new(Some(scope.group.clone()), None));
        }
        user.roles.push(role);
    }
    if let Some(scope) = scope {
        user.organizations
            .push(Organization::new(Some(scope.group.clone()), None));
    }
    if let Some(org) = non_empty(wire.organization) {
        user.organizations.push(Organization::new(None, Some(org)));
    }

    if let Some(url) = non_empty(wire.web_url) {
        user.urls
            .push(UserUrl::new(url, Some("profile".to_owned())));
    }
    if let Some(url) = non_empty(wire.website_url) {
        user.urls
            .push(UserUrl::new(url, Some("website".to_owned())));
    }

    let identities: Map<String, Value> = wire
        .identities
        .unwrap_or_default()
        .into_iter()
        .filter_map(|i| {
            Some((
                non_empty(i.provider)?,
                Value::String(non_empty(i.extern_uid)?),
            ))
        })
        .collect();
    if !identities.is_empty() {
        user.identifiers = Some(identities);
    }
    user.external_id = [wire.group_saml_identity, wire.group_scim_identity]
        .into_iter()
        .flatten()
        .find_map(|i| non_empty(i.extern_uid));

    // A member's `created_at` is the membership's, not the account's.
    if !is_member {
        user.created_at = date(&wire.created_at);
    }
    user.last_login_at = match (date(&wire.current_sign_in_at), date(&wire.last_sign_in_at)) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    user.last_active_at = wire.last_activity_on.as_deref().and_then(parse_day);
    user.remote_data = Some(remote);
    Ok(user)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies() {
        let h = HeaderMap::new();
        let d = gitlab_error(
            StatusCode::BAD_REQUEST,
            &h,
            br#"{"message": {"email": ["has already been taken"], "username": ["is too long", "is invalid"]}}"#,
        );
        assert_eq!(
            d.message.as_deref(),
            Some("email has already been taken; username is too long; is invalid")
        );
        let d = gitlab_error(
            StatusCode::UNAUTHORIZED,
            &h,
            br#"{"error": "invalid_token", "error_description": "Token is expired. You can either do re-authorization or token refresh."}"#,
        );
        assert_eq!(d.code.as_deref(), Some("invalid_token"));
        assert!(d.message.unwrap().starts_with("Token is expired"));
        let d = gitlab_error(
            StatusCode::BAD_REQUEST,
            &h,
            br#"{"error": "id is invalid"}"#,
        );
        assert_eq!(d.message.as_deref(), Some("id is invalid"));
        assert_eq!(d.code, None);
        let d = gitlab_error(StatusCode::TOO_MANY_REQUESTS, &h, b"Retry later\n");
        assert!(d.throttled);
        let d = gitlab_error(
            StatusCode::FORBIDDEN,
            &h,
            br#"{"message": {"error": "This endpoint has been requested too many times. Try again later."}}"#,
        );
        assert!(d.throttled);
        let d = gitlab_error(
            StatusCode::NOT_FOUND,
            &h,
            br#"{"message": "404 User Not Found"}"#,
        );
        assert_eq!(d.message.as_deref(), Some("404 User Not Found"));
        assert!(!d.throttled);
    }

    #[test]
    fn scopes() {
        let scope = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            group_scope(|name| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            })
        };
        assert_eq!(scope(&[]).unwrap(), None);
        assert_eq!(
            scope(&[("organization_id", "my-org%2Fteam")]).unwrap(),
            Some(GroupScope {
                group: "my-org/team".into(),
                inherited: true
            })
        );
        assert_eq!(
            scope(&[("workspace_id", "42"), ("include_inherited", "false")]).unwrap(),
            Some(GroupScope {
                group: "42".into(),
                inherited: false
            })
        );
        assert!(scope(&[("organization_id", "1"), ("workspace_id", "2")]).is_err());
        assert!(scope(&[("organization_id", " ")]).is_err());
        assert!(scope(&[("organization_id", "1"), ("include_inherited", "maybe")]).is_err());
    }

    #[test]
    fn status_actions() {
        assert_eq!(status_action(false, "active"), Some("users/{}/block"));
        assert_eq!(status_action(false, "deactivated"), None);
        assert_eq!(
            status_action(false, "blocked_pending_approval"),
            Some("users/{}/block")
        );
        assert_eq!(status_action(true, "active"), None);
        assert_eq!(status_action(true, "blocked"), Some("users/{}/unblock"));
        assert_eq!(
            status_action(true, "deactivated"),
            Some("users/{}/activate")
        );
        assert_eq!(status_action(true, "banned"), Some("users/{}/unban"));
        assert_eq!(
            status_action(true, "blocked_pending_approval"),
            Some("users/{}/approve")
        );
    }

    #[test]
    fn days() {
        assert_eq!(
            parse_day("2024-05-06").map(|d| d.to_rfc3339()),
            Some("2024-05-06T00:00:00+00:00".to_owned())
        );
        assert_eq!(parse_day("soon"), None);
    }
}
