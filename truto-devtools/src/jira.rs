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
//! | permissions / scopes | the *Browse users and groups* global permission (without it the listing is **empty, not an error**: see *Quirks*); OAuth 2.0 apps need the classic scope `read:jira-user` |
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
//! - **Without the permission, an empty list.** Jira does not refuse a token whose user
//!   lacks the *Browse users and groups* global permission: `users/search` (and the
//!   `user/search` behind the `email` filter) answer `200` with an empty array, not `403`.
//!   The listing then ends at once with no users and no error, and `find_by_email` finds
//!   nobody. An empty listing of a site that has users means the permission is missing:
//!   grant it (Jira settings › System › Global permissions) to a group the token's user is
//!   in.
//! - **The list is partial.** Search results carry neither groups nor application roles, and
//!   `emailAddress`, `timeZone` and `locale` are returned only where the user's profile
//!   visibility allows; `hydrate(true)` fetches each listed user's full record.
//! - **No total.** `users/search` answers a bare array. The next page is asked for while a
//!   page comes back full; a short or empty page ends the listing. Because nothing in the
//!   response says where a page started, each next position also remembers the first and
//!   last account id of the page before it: a server that ignores `startAt` and answers
//!   the same page again ends the listing with an error instead of paging forever (the
//!   engine's rule for every integration). With `page_concurrency` above 1, pages are
//!   asked for ahead by offset and kept only when the page before them confirms them: with
//!   no total, the listing's end costs up to `page_concurrency - 1` requests that come back
//!   empty.
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
//! - The empty answer without *Browse users and groups*: Atlassian's user-search reference
//!   says calls without the required permission "return empty search results"; that
//!   `users/search` behaves the same way was reported, not found in its reference text
//!   when this was written.
//!
//! ## Sources
//!
//! - <https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/> (`users/search`, `user`)
//! - <https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/> (`user/search`)
//! - <https://developer.atlassian.com/cloud/jira/platform/rate-limiting/> (429, `Retry-After`, `X-RateLimit-*`)
//! - Atlassian's published `swagger-v3.v3.json` (a January 2022 copy)
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

use std::sync::Arc;

use http::StatusCode;
use http::header::HeaderMap;
use serde::Deserialize;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::http::{
    ErrorDetails, RateLimitHeaders, ResetFormat, generic_error_details,
};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Jira spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("jira", "Jira", Family::Devtools)
        .note("`site` + `email` + `api_token`, or OAuth `access_token` + `cloud_id`")
        .credentials(&[
            Credential::basic("{email}", "api_token"),
            Credential::bearer("access_token")
                .base_url("https://api.atlassian.com/ex/jira/{cloud_id}"),
        ])
        .base_url("https://{site}.atlassian.net")
        .config(&[
            ConfigKey::optional(
                "site",
                "the site's subdomain, e.g. `acme` for acme.atlassian.net (with `email` and `api_token`)",
            )
            .host_suffix(".atlassian.net"),
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
        ]),
)
.list(
    List::get("rest/api/3/users/search")
        // A bare array without a total: a short page is the last.
        .paging(offset(query("startAt"), query("maxResults"), End::ShortPage))
        .filters(&[FilterRule::endpoint(
            Filter::Email,
            "rest/api/3/user/search",
            "query",
        )])
        .page_size(100, 1000)
        .partial(),
)
.get(Get::get("rest/api/3/user").query(&[
    ("accountId", "{id}"),
    // Groups and product access (application roles).
    ("expand", "groups,applicationRoles"),
]))
.map(&[
    id("accountId"),
    text(Text::Name, "displayName"),
    email("emailAddress"),
    active_flag("active"),
    text(Text::UserType, "accountType").table(&[
        ("atlassian", "user"),
        ("app", "machine"),
        ("customer", "customer"),
    ]),
    text(Text::Avatar, "avatarUrls[\"48x48\"]"),
    text(Text::Avatar, "avatarUrls[\"32x32\"]"),
    text(Text::Avatar, "avatarUrls[\"24x24\"]"),
    text(Text::Avatar, "avatarUrls[\"16x16\"]"),
    text(Text::Timezone, "timeZone"),
    languages("locale"),
    refs(Refs::Groups, "groups.items").id("groupId").name("name"),
    refs(Refs::Licenses, "applicationRoles.items").id("key").name("name"),
])
.errors(
    Errors::GENERIC
        .parser(jira_error)
        // `users/search` answers 409 when a request runs past Jira's 10 s limit; every
        // request sent is a GET, so a 409 is never an edit conflict.
        .retry_statuses(&[409]),
)
.rate_limits(RATE_LIMIT_HEADERS)
.sources(&[
    "https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/",
    "https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/",
    "https://developer.atlassian.com/cloud/jira/platform/rate-limiting/",
])
.absent(&[(
    "roles",
    "Jira keeps no role per user; product access (`applicationRoles`) is `licenses`",
)]);

/// What Jira declares: list (partial) and get, the `email` filter, Basic or Bearer auth.
pub static INTEGRATION: Integration = SPEC.integration;

/// Atlassian's rate-limit headers: the reset is an ISO 8601 timestamp.
const RATE_LIMIT_HEADERS: RateLimitHeaders = RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::Iso8601,
);

/// Connects to Jira Cloud (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// Jira's `ErrorCollection`: `{"errorMessages": [...], "errors": {"field": "message"}}`.
#[derive(Deserialize)]
struct ErrorCollection {
    #[serde(default, rename = "errorMessages")]
    error_messages: Option<Vec<String>>,
    #[serde(default)]
    errors: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Reads Jira's error bodies; a `409` (a request that ran past Jira's 10 s limit on
/// `users/search`) is explained when its body says nothing.
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
    if status == StatusCode::CONFLICT && details.message.is_none() {
        details.message = Some("Jira stopped a request that took longer than 10 seconds".into());
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_collections_are_read() {
        let body =
            br#"{"errorMessages":["Specified user does not exist"],"errors":{"accountId":"bad"}}"#;
        let d = jira_error(StatusCode::NOT_FOUND, &HeaderMap::new(), body);
        assert_eq!(
            d.message.as_deref(),
            Some("Specified user does not exist; accountId: bad")
        );
        let d = jira_error(StatusCode::CONFLICT, &HeaderMap::new(), b"");
        assert!(d.message.is_some_and(|m| m.contains("10 seconds")));
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
}
