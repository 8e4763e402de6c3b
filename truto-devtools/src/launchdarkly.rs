//! # LaunchDarkly
//!
//! The members of one LaunchDarkly account, through LaunchDarkly's REST API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `launchdarkly` |
//! | operations | list, get |
//! | list | `GET /api/v2/members?limit=`, paged by following `_links.next.href` (absent on the last page) |
//! | get | `GET /api/v2/members/{id}` |
//! | base URL | `https://app.launchdarkly.com` (federal instance: `https://app.launchdarkly.us`, through `base_url`) |
//! | auth | `Authorization: <token>` (the token itself, no scheme word); config key `token` (env `TRUTO_LAUNCHDARKLY_TOKEN`): a personal or service access token |
//! | scopes | the token's role must be allowed to read members (e.g. the Reader base role) |
//! | page size | `limit`, 20 by default |
//! | filters | one at a time: `email` (`filter=email:<address>`), `role_id` (`filter=role:<role>`), `group_id` (`filter=team:<team key>`) |
//! | rate limits | a global limit per account per ten seconds: `X-Ratelimit-Global-Remaining`, `X-Ratelimit-Reset` (epoch milliseconds); `429` when exceeded |
//!
//! ## Mapping
//!
//! | LaunchDarkly | unified |
//! |---|---|
//! | `_id` | `id` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails` (one, primary) |
//! | `_verified` | `is_email_verified` |
//! | `_pendingInvite`: true → `invited`, false → `active` | `status` |
//! | `role` (the base role: `reader`, `writer`, `admin`, `owner`, `no_access`), then `customRoles[]` | `roles` (ids) |
//! | `teams[]` `{key, name}` | `groups` `{id, name}` |
//! | `creationDate` (epoch milliseconds) | `created_at` |
//! | `_lastSeen` (epoch milliseconds; 0 when never seen) | `last_active_at` |
//! | `_integrationMetadata.externalId` (members managed by SCIM or an IdP) | `external_id` |
//!
//! ## Quirks
//!
//! - Members who have not accepted their invitation are listed, with `_pendingInvite: true`.
//!   LaunchDarkly has no deactivated state: members are deleted.
//! - Requests carry `LD-API-Version: 20240415`, LaunchDarkly's current version, so the
//!   answer does not depend on the version the token was created with.
//! - The filter language is LaunchDarkly's (`field:value`, `,` between filters, `|`
//!   between values), so one filter is sent at a time, and a value holding `,` or `|` is
//!   read by LaunchDarkly as several.
//! - `mfa` is a string whose values LaunchDarkly does not document, so `is_2fa_enabled` is
//!   not mapped; it stays in `remote_data` with `permissionGrants`, `oauthProviders` and
//!   `_lastSeenMetadata`.
//! - Errors are `{"code": "…", "message": "…", "id": "…"}`; the `id` is the error's request id.
//!
//! ## Sources
//!
//! - LaunchDarkly's OpenAPI description, `https://app.launchdarkly.com/api/v2/openapi.json`
//!   (as in `launchdarkly/api-client-go`, `api/openapi.yaml`): `getMembers` (paging by
//!   `_links`, the filter fields), `getMember`, the `Members` and `Member` schemas and the
//!   `Member` example, the `Authorization` header scheme, the sections on rate limiting,
//!   errors and versioning
//! - <https://launchdarkly.com/docs/api/account-members/get-members>
//! - <https://launchdarkly.com/docs/api/account-members/get-member>
//!
//! ## Not confirmed
//!
//! - The largest `limit` the members list accepts.
//! - That `creationDate` and `_lastSeen` are epoch milliseconds (the description types them
//!   as int64 without a unit; LaunchDarkly's other timestamps, e.g. the `lastSeen` filter,
//!   are milliseconds).
//! - The values of `mfa`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_LAUNCHDARKLY_TOKEN=api-…
//! let dir = truto_devtools::launchdarkly::connect(&Config::from_env("launchdarkly"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, next_url, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, User, UserDirectory};

/// The LaunchDarkly spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("launchdarkly", "LaunchDarkly", Family::Devtools)
        .credentials(&[Credential::header("Authorization", "token")])
        .base_url("https://app.launchdarkly.com")
        .config(&[ConfigKey::secret(
            "token",
            "a personal or service access token",
        )])
        .single_filter()
        .note("a personal or service access token; lists the account's members, invited ones included"),
)
.list(
    List::get("api/v2/members")
        .records("items")
        .paging(next_url(query("limit"), "_links.next.href"))
        .filters(&[
            FilterRule::template(Filter::Email, "filter", "email:{}"),
            FilterRule::template(Filter::RoleId, "filter", "role:{}"),
            FilterRule::template(Filter::GroupId, "filter", "team:{}"),
        ]),
)
.get(Get::get("api/v2/members/{id}"))
.map(&[
    id("_id"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("email"),
    flag(Flag::EmailVerified, "_verified"),
    status_flag("_pendingInvite", Status::Invited, Some(Status::Active)),
    reference(Refs::Roles).id("role"),
    refs(Refs::Roles, "customRoles").id(""),
    refs(Refs::Groups, "teams").id("key").name("name"),
    time(Time::CreatedAt, "creationDate", TimeFormat::EpochMillis),
    time(Time::LastActiveAt, "_lastSeen", TimeFormat::EpochMillis),
    text(Text::ExternalId, "_integrationMetadata.externalId"),
])
.post_map(never_seen, &[])
.headers(&[("LD-API-Version", "20240415")])
.errors(
    Errors::GENERIC
        .message(&["message"])
        .code(&["code"])
        .request_id(&["id"])
        .throttled(&["rate_limited"]),
)
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-global-remaining",
    "x-ratelimit-reset",
    ResetFormat::EpochMillis,
))
.sources(&[
    "https://app.launchdarkly.com/api/v2/openapi.json",
    "https://github.com/launchdarkly/api-client-go",
    "https://launchdarkly.com/docs/api/account-members/get-members",
    "https://launchdarkly.com/docs/api/account-members/get-member",
])
.absent(&[
    (
        "is_2fa_enabled",
        "`mfa` is a string whose values LaunchDarkly does not document",
    ),
    (
        "licenses",
        "a member has no licence or seat field; its base and custom roles are `roles`",
    ),
]);

/// Connects to LaunchDarkly (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `_lastSeen` is 0 for a member never seen: no last activity, not 1970.
fn never_seen(user: &mut User, record: &str) -> Result<()> {
    let seen = serde_json::from_str::<Value>(record)
        .ok()
        .and_then(|r| r.get("_lastSeen").and_then(Value::as_i64));
    if seen == Some(0) {
        user.last_active_at = None;
    }
    Ok(())
}
