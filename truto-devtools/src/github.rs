//! # GitHub
//!
//! The members of one GitHub organization, through GitHub's REST API (`api.github.com`, or
//! a GitHub Enterprise Server's `/api/v3`).
//!
//! | | |
//! |---|---|
//! | slug / feature | `github` |
//! | operations | list (partial), get |
//! | list | `GET /orgs/{org}/members`, paged by the `Link` header (`per_page` ≤ 100, `page`) |
//! | get | `GET /user/{account_id}` for a numeric id (a login: `GET /users/{username}`), then `GET /orgs/{org}/memberships/{username}` with the login it returns |
//! | required | `organization_id` (the organization's login, e.g. `octo-org`) to list and to get; pass it with `.param("organization_id", …)` (to list, `.filter(Filter::OrganizationId, …)` works too) |
//! | parameters | `role` (`all`, `admin`, `member`) and `filter` (`all`, `2fa_disabled`, `2fa_insecure`) narrow the listing; `include_membership` (`true` by default) makes a get also read the organization membership |
//! | user id | the numeric account id, as a string (`"583231"`); the login is `username`; the numeric id and `node_id` are also in `identifiers` |
//! | base URL | `https://api.github.com`; GitHub Enterprise Server: `base_url = https://HOST/api/v3` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_GITHUB_TOKEN`): a personal access token (classic or fine-grained), an OAuth token or a GitHub App installation token |
//! | headers | `Accept: application/vnd.github+json, application/json`, `X-GitHub-Api-Version: 2022-11-28` |
//! | scopes | classic PAT / OAuth: `read:org`; fine-grained PAT or GitHub App: organization permission *Members: read*; the token's user must be a member of the organization (see *Who is listed*) |
//! | page size | 100 by default and at most (GitHub's own default is 30) |
//! | rate limits | `x-ratelimit-remaining` / `x-ratelimit-reset` (epoch seconds); 5,000 requests an hour for a token |
//!
//! ## User ids
//!
//! A user's unified `id` is GitHub's numeric account id, written as a string. A login
//! changes when its user renames the account, so it cannot be a stable key; the account
//! id does not change. A get accepts:
//!
//! - the numeric id (`583231`): `GET /user/{account_id}` (GitHub's "Get a user using
//!   their ID");
//! - a login (`octocat`), for callers who have one: `GET /users/{username}`. The user it
//!   returns has the numeric id as its `id`. A login made only of digits would be read as an
//!   account id; write it `@1234` to read it as a login (`@octocat` works too).
//!
//! Either way the membership is read with the login the profile returns.
//!
//! ## Who is listed
//!
//! `GET /orgs/{org}/members` answers according to who asks: "if the authenticated user is
//! also a member of this organization then both concealed and public members will be
//! returned. Otherwise only public members are returned." A token whose user is not a
//! member of the organization therefore gets a listing that silently leaves out everyone
//! who keeps their membership private: no error, just fewer users. Use a token of an
//! organization member (an owner, for `filter=2fa_disabled`) or a GitHub App installed on
//! the organization.
//!
//! ## Partial list
//!
//! Organization members come back as GitHub's *simple user*: login, ids, avatar, profile
//! URL, `type` and `site_admin` — no name, no email, no dates. The integration is declared
//! partial: `ListUsers::hydrate(true)` makes the core call [`GitHub`]'s get once per listed
//! member (`hydrate_concurrency` at a time) by its numeric id, which reads the full public
//! profile and the membership (the core passes `organization_id` on, whether it was given
//! as a param or a filter). The listed id and the hydrated record's id are the same
//! account id, as the core requires.
//!
//! ## Mapping
//!
//! | GitHub | unified |
//! |---|---|
//! | `id` (the account id, a number) | `id` (as a string), `identifiers.id` (as a number) |
//! | `login` | `username` |
//! | `node_id` | `identifiers.node_id` |
//! | `name` | `name` (not split into first and last) |
//! | `email` (the *public* profile email, often `null`) | `emails[0]`, primary |
//! | `avatar_url` | `avatar` |
//! | `html_url`, `blog` | `urls` (`profile`, `blog`) |
//! | `bio` | `bio` |
//! | `type` `User` / `Bot` | `user_type` `user` / `bot` (any other value unchanged) |
//! | `site_admin: true` | a role `site_admin` (GitHub staff, or an Enterprise Server instance administrator) |
//! | `created_at`, `updated_at` | `created_at`, `updated_at` |
//! | membership `role` (`admin`, `member`, `billing_manager`) | a role with `organization` = the org |
//! | membership `state` `active` / `pending` | `status` `active` / `invited` (anything else unchanged) |
//! | the `organization_id` asked for | `organizations` (`id` and `name` = the org login) |
//!
//! Listed members are always `active` (GitHub lists pending invitations elsewhere, at
//! `/orgs/{org}/invitations`). A listing narrowed with `role=admin` or `role=member` gives
//! each member that role; `filter=2fa_disabled` sets `is_2fa_enabled: false` and
//! `filter=2fa_insecure` sets it `true` (those members use an insecure second factor).
//! `company`, `location`, `twitter_username`, `hireable` and the counters stay in
//! `remote_data` only. `remote_data` is the `/user/{account_id}` (or `/users/{username}`)
//! record, or the listed record; the membership document is not part of it. A record
//! without a numeric `id` is a decode error (GitHub always sends one).
//!
//! ## The membership call
//!
//! A get costs two requests: the profile, then the membership. The second one is what
//! gives the user's role in the organization and whether they joined or are only invited,
//! and it confirms the user belongs to the organization at all: a user who is not a member
//! (nor invited) is `NotFound`, as in any directory. Hydrating N members therefore costs
//! 2·N requests; `.param("include_membership", "false")` skips the membership (N requests,
//! no role, no status). The two calls are made one after the other, so a user that does
//! not exist costs one request.
//!
//! ## Rate limits and errors
//!
//! GitHub answers a spent primary limit with 403 or 429 and `x-ratelimit-remaining: 0`, and
//! a secondary limit with 403 or 429, a message saying "secondary rate limit" and often
//! `retry-after`. Both are flagged as throttling, so the transport waits for `retry-after`,
//! for `x-ratelimit-reset` after a spent primary limit, or — a secondary limit that names
//! no time — for one minute, then twice as long each time the same call meets it again,
//! as GitHub asks (its reset header then describes the primary window, which is not
//! spent); it returns `RateLimited` with the time to retry when that is further than it
//! sleeps (60 s by default), instead of reporting a permission error. Error bodies are
//! `{"message", "documentation_url", "status"}`, with `errors[]` (`resource`, `field`,
//! `code`) on 422.
//!
//! Quirks: GitHub's `Link` URLs for an organization point at
//! `/organizations/{numeric id}/members?…&page=N`, not at the `/orgs/{login}` path that was
//! asked; they are followed as given (same origin only). The listing cannot be filtered
//! by email, so `find_by_email` scans the listing and needs `hydrate(true)` to see emails,
//! and even then only public profile emails. There is no update: GitHub has no API to change
//! another user's profile.
//!
//! Not confirmed: that the members listing never includes pending members (documented as
//! "members"; invitations have their own endpoint); the exact wording of every
//! secondary-limit message (anything mentioning "secondary rate limit", "rate limit
//! exceeded" or "abuse detection" counts); which GitHub Enterprise Server versions serve
//! `GET /user/{account_id}` (on one that does not, a get by numeric id, and so
//! hydration, fails with `NotFound`; a get by login still works).
//!
//! Sources: <https://docs.github.com/rest/orgs/members> ("List organization members":
//! who is returned; memberships), <https://docs.github.com/rest/users/users> ("Get a user",
//! "Get a user using their ID").
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_devtools::github::connect(&Config::from_env("github"))?;
//! let options = ListUsers::new()
//!     .param("organization_id", "octo-org")
//!     .hydrate(true);
//! let mut users = dir.list_users(options);
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use http::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::provider::decode::{decode_one, decode_record, non_empty, parse_datetime};
use truto_core::provider::http::{
    ErrorDetails, HttpClient, ProviderHttp, RateLimitHeaders, ResetFormat, generic_error_details,
};
use truto_core::provider::paging::link_header_next;
use truto_core::provider::{Connection, Credential, FilterRule, Page, PageRequest, Position};
use truto_core::{
    Config, ConfigKey, Email, Error, ErrorKind, Family, Filter, GetUser, Integration, ListUsers,
    Operation, Organization, PaginationStyle, Param, Reference, RemoteData, Result, Role, User,
    UserDirectory, UserStatus, UserUrl,
};

/// The REST API version every request asks for.
pub const API_VERSION: &str = "2022-11-28";

/// What `Accept` says: GitHub's media type, and plain JSON for servers (and mocks) that
/// only know that.
const ACCEPT_VALUE: &str = "application/vnd.github+json, application/json";

const ROLES: &[&str] = &["all", "admin", "member"];
const TWO_FACTOR_FILTERS: &[&str] = &["all", "2fa_disabled", "2fa_insecure"];

/// What GitHub declares.
pub static INTEGRATION: Integration = Integration::new("github", "GitHub", Family::Devtools)
        .note("`organization_id` required; ids are numeric account ids; `hydrate` reads each member's profile and membership")
    .list(PaginationStyle::LinkHeader)
    .get()
    .filters(&[FilterRule::native(Filter::OrganizationId)])
    .params(&[
        Param::new(
            "role",
            "list only members with this organization role: `all` (default), `admin` or `member`",
        ),
        Param::new(
            "filter",
            "list only members by two-factor state: `all` (default), `2fa_disabled` or `2fa_insecure` (organization owners only)",
        ),
        Param::new(
            "include_membership",
            "`false` makes a get skip the organization membership request (no role, no status)",
        ),
    ])
    .required_list(&["organization_id"])
    .required_get(&["organization_id"])
    .partial_list()
    .credentials(&[Credential::bearer("token")])
    .base_url("https://api.github.com")
    .config(&[ConfigKey::secret(
        "token",
        "personal access token, OAuth token or GitHub App installation token (read:org / Members: read)",
    )])
    .page_size(100, 100);

/// A connected GitHub organization directory.
#[derive(Debug)]
pub struct GitHub {
    http: HttpClient,
}

/// Connects to GitHub (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(GitHub::connect(config)?))
}

impl GitHub {
    /// Connects with `config` (`token`, optional `base_url`).
    pub fn connect(config: &Config) -> Result<Self> {
        let connection = Connection::open(&INTEGRATION, config)?;
        let provider = ProviderHttp::new(INTEGRATION.slug)
            .error_parser(github_error)
            .rate_limit_headers(RateLimitHeaders::new(
                "x-ratelimit-remaining",
                "x-ratelimit-reset",
                ResetFormat::EpochSeconds,
            ))
            .header(ACCEPT, HeaderValue::from_static(ACCEPT_VALUE))
            .header(
                HeaderName::from_static("x-github-api-version"),
                HeaderValue::from_static(API_VERSION),
            );
        let http = connection.http(provider)?;
        Ok(GitHub { http })
    }

    async fn membership(&self, org: &str, login: &str) -> Result<WireMembership> {
        let request = self
            .http
            .request(Method::GET, "orgs/{}/memberships/{}", &[org, login])?;
        let response = self.http.send(request, Operation::Get).await.map_err(|e| {
            if e.kind() == ErrorKind::NotFound {
                let message = format!("`{login}` is not a member of the `{org}` organization");
                e.with_message(message)
            } else {
                e
            }
        })?;
        response.json()
    }
}

/// A user as GitHub sends it: the simple user of listings, or the public/private user of
/// `/users/{username}` (every profile field optional).
#[derive(Debug, Deserialize)]
struct WireUser {
    login: String,
    /// The account id: the unified id, so required.
    id: u64,
    #[serde(default)]
    node_id: Option<String>,
    #[serde(default)]
    avatar_url: Option<String>,
    #[serde(default)]
    html_url: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    site_admin: Option<bool>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    blog: Option<String>,
    #[serde(default)]
    bio: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    updated_at: Option<String>,
}

/// `GET /orgs/{org}/memberships/{username}`.
#[derive(Debug, Deserialize)]
struct WireMembership {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    role: Option<String>,
}

/// GitHub's error body.
#[derive(Debug, Deserialize)]
struct WireError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    errors: Vec<WireErrorItem>,
}

#[derive(Debug, Deserialize)]
struct WireErrorItem {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    field: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

/// How long GitHub asks a client to wait after a secondary rate limit that names no time.
const SECONDARY_LIMIT_WAIT: Duration = Duration::from_secs(60);

/// Reads GitHub's error bodies and flags primary and secondary rate limits, which arrive
/// as 403 as often as 429.
fn github_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let mut details = match serde_json::from_slice::<WireError>(body) {
        Ok(WireError {
            message: Some(message),
            errors,
        }) => {
            let mut d = ErrorDetails::default();
            let first = errors.first();
            d.message = Some(match first {
                Some(WireErrorItem {
                    message: Some(detail),
                    ..
                }) => format!("{message}: {detail}"),
                Some(WireErrorItem {
                    field: Some(field),
                    code: Some(code),
                    ..
                }) => format!("{message} (`{field}`: {code})"),
                _ => message,
            });
            d.code = first.and_then(|e| e.code.clone());
            d
        }
        _ => generic_error_details(status, headers, body),
    };
    if matches!(status.as_u16(), 403 | 429) {
        let spent = headers
            .get("x-ratelimit-remaining")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim() == "0");
        let text = details
            .message
            .as_deref()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let says_so = [
            "secondary rate limit",
            "rate limit exceeded",
            "abuse detection",
        ]
        .iter()
        .any(|m| text.contains(m));
        details.throttled = spent || says_so || headers.contains_key("retry-after");
        if says_so && !spent {
            // A secondary limit without `retry-after`: GitHub asks for at least a minute
            // (its reset header describes the primary window, which is not spent).
            details.min_wait = Some(SECONDARY_LIMIT_WAIT);
        }
    }
    details
}

/// The organization a call is about.
fn required_org(value: Option<&str>, op: Operation) -> Result<&str> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| Error::missing_parameter("organization_id", op))
}

/// A parameter that takes one of `allowed`, checked before anything is sent.
fn one_of<'a>(options: &'a ListUsers, name: &str, allowed: &[&str]) -> Result<Option<&'a str>> {
    match options.get_param(name).map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if allowed.contains(&v) => Ok(Some(v)),
        Some(v) => Err(Error::invalid_input(format!(
            "GitHub's `{name}` is one of {}, not `{v}`",
            allowed.join(", ")
        ))),
    }
}

fn include_membership(options: &GetUser) -> Result<bool> {
    match options
        .get_param("include_membership")
        .map(|v| v.trim().to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "true" | "1" | "yes") => Ok(true),
        Some("false" | "0" | "no") => Ok(false),
        Some(other) => Err(Error::invalid_input(format!(
            "`include_membership` is `true` or `false`, not `{other}`"
        ))),
    }
}

/// Where a user's profile is read: `user/{account_id}` for a numeric id, `users/{login}`
/// for a login (or an `@`-prefixed one, for a login made of digits).
fn profile_path(id: &str) -> Result<(&'static str, &str)> {
    if let Some(login) = id.strip_prefix('@') {
        return if login.trim().is_empty() {
            Err(Error::invalid_input(
                "`@` must be followed by a GitHub login",
            ))
        } else {
            Ok(("users/{}", login))
        };
    }
    if id.bytes().all(|b| b.is_ascii_digit()) {
        Ok(("user/{}", id))
    } else {
        Ok(("users/{}", id))
    }
}

fn org_reference(org: &str) -> Reference {
    Reference::new(Some(org.to_owned()), Some(org.to_owned()))
}

fn org_role(name: &str, org: &str) -> Role {
    let mut role = Role::new(None, Some(name.to_owned()));
    role.organization = Some(org_reference(org));
    role
}

fn user_type(kind: String) -> String {
    match kind.as_str() {
        "User" => "user".to_owned(),
        "Bot" => "bot".to_owned(),
        _ => kind,
    }
}

fn membership_status(state: String) -> UserStatus {
    match state.as_str() {
        "active" => UserStatus::Active,
        "pending" => UserStatus::Invited,
        _ => UserStatus::Other(state),
    }
}

/// Maps a listed or fetched user.
fn to_user(wire: WireUser, remote: RemoteData) -> User {
    let mut user = User::new(wire.id.to_string());
    user.username = Some(wire.login);
    let mut identifiers = Map::new();
    identifiers.insert("id".into(), Value::from(wire.id));
    if let Some(node_id) = non_empty(wire.node_id) {
        identifiers.insert("node_id".into(), Value::String(node_id));
    }
    user.identifiers = (!identifiers.is_empty()).then_some(identifiers);
    user.name = non_empty(wire.name);
    user.emails = non_empty(wire.email)
        .map(|e| vec![Email::new(e.trim()).primary(true)])
        .unwrap_or_default();
    user.avatar = non_empty(wire.avatar_url);
    user.bio = non_empty(wire.bio);
    if let Some(url) = non_empty(wire.html_url) {
        user.urls
            .push(UserUrl::new(url, Some("profile".to_owned())));
    }
    if let Some(blog) = non_empty(wire.blog) {
        user.urls.push(UserUrl::new(blog, Some("blog".to_owned())));
    }
    user.user_type = non_empty(wire.kind).map(user_type);
    if wire.site_admin == Some(true) {
        user.roles
            .push(Role::new(None, Some("site_admin".to_owned())));
    }
    user.created_at = wire.created_at.as_deref().and_then(parse_datetime);
    user.updated_at = wire.updated_at.as_deref().and_then(parse_datetime);
    user.remote_data = Some(remote);
    user
}

#[async_trait]
impl UserDirectory for GitHub {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let options = request.options;
        let org = required_org(options.lookup("organization_id"), Operation::List)?;
        let role = one_of(options, "role", ROLES)?;
        let two_factor = one_of(options, "filter", TWO_FACTOR_FILTERS)?;
        let http_request = match request.position {
            Position::Start => self
                .http
                .request(Method::GET, "orgs/{}/members", &[org])?
                .query_opt("per_page", request.page_size)
                .query_opt("role", role)
                .query_opt("filter", two_factor)
                .remote_query(&options.common().remote_query),
            // GitHub's `Link` keeps every query parameter and moves `page` on.
            Position::Url(url) => self.http.request_url(Method::GET, url, "orgs/{}/members")?,
            other => {
                return Err(Error::cannot_resume("a GitHub listing", other));
            }
        };
        let response = self.http.send(http_request, Operation::List).await?;
        let records: Vec<Box<RawValue>> = response.json()?;
        let users = records
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<WireUser>(raw, i)?;
                let mut user = to_user(wire, remote);
                // Only members are listed; invitations live elsewhere.
                user.status = Some(UserStatus::Active);
                user.organizations = vec![Organization::new(
                    Some(org.to_owned()),
                    Some(org.to_owned()),
                )];
                if let Some(role @ ("admin" | "member")) = role {
                    user.roles.push(org_role(role, org));
                }
                match two_factor {
                    Some("2fa_disabled") => user.is_2fa_enabled = Some(false),
                    Some("2fa_insecure") => user.is_2fa_enabled = Some(true),
                    _ => {}
                }
                Ok(user)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(users, link_header_next(&response.headers)))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let include = include_membership(options)?;
        // `get_user` (and hydration) check that the organization is given; without it only
        // the profile can be read.
        let org = options
            .get_param("organization_id")
            .map(str::trim)
            .filter(|v| !v.is_empty());
        let (path, key) = profile_path(id)?;
        let request = self
            .http
            .request(Method::GET, path, &[key])?
            .remote_query(&options.common().remote_query);
        let response = self.http.send(request, Operation::Get).await?;
        let (wire, remote) = decode_one::<WireUser>(&response.body)?;
        let login = wire.login.clone();
        let mut user = to_user(wire, remote);
        let Some(org) = org else {
            return Ok(user);
        };
        user.organizations = vec![Organization::new(
            Some(org.to_owned()),
            Some(org.to_owned()),
        )];
        if include {
            let membership = self.membership(org, &login).await?;
            if let Some(role) = non_empty(membership.role) {
                user.roles.push(org_role(&role, org));
            }
            user.status = non_empty(membership.state).map(membership_status);
        }
        Ok(user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn secondary_limits_and_spent_windows_are_throttling() {
        let secondary = br#"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest"}"#;
        let d = github_error(StatusCode::FORBIDDEN, &headers(&[]), secondary);
        assert!(d.throttled);
        assert!(d.message.unwrap().contains("secondary rate limit"));

        let primary = br#"{"message":"API rate limit exceeded for user ID 1.","documentation_url":"https://docs.github.com/rest"}"#;
        let spent = headers(&[("x-ratelimit-remaining", "0")]);
        assert!(github_error(StatusCode::FORBIDDEN, &spent, primary).throttled);
        assert!(github_error(StatusCode::TOO_MANY_REQUESTS, &spent, b"").throttled);

        let denied = br#"{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest","status":"403"}"#;
        let left = headers(&[("x-ratelimit-remaining", "4999")]);
        let d = github_error(StatusCode::FORBIDDEN, &left, denied);
        assert!(!d.throttled);
        assert_eq!(
            d.message.as_deref(),
            Some("Resource not accessible by integration")
        );
        // A 404 is never a throttle, whatever it says.
        assert!(!github_error(StatusCode::NOT_FOUND, &spent, secondary).throttled);
    }

    #[test]
    fn validation_errors_name_the_field() {
        let body = br#"{"message":"Validation Failed","errors":[{"resource":"Member","field":"role","code":"invalid"}],"documentation_url":"https://docs.github.com/rest"}"#;
        let d = github_error(StatusCode::UNPROCESSABLE_ENTITY, &headers(&[]), body);
        assert_eq!(
            d.message.as_deref(),
            Some("Validation Failed (`role`: invalid)")
        );
        assert_eq!(d.code.as_deref(), Some("invalid"));
        let d = github_error(
            StatusCode::BAD_GATEWAY,
            &headers(&[]),
            b"<html>bad gateway</html>",
        );
        assert_eq!(d.message.as_deref(), Some("<html>bad gateway</html>"));
    }

    #[test]
    fn statuses_and_types() {
        assert_eq!(membership_status("active".into()), UserStatus::Active);
        assert_eq!(membership_status("pending".into()), UserStatus::Invited);
        assert_eq!(
            membership_status("suspended".into()),
            UserStatus::Other("suspended".into())
        );
        assert_eq!(user_type("Bot".into()), "bot");
        assert_eq!(user_type("Mannequin".into()), "Mannequin");
    }
}
