//! # Bitbucket Cloud
//!
//! The members of one Bitbucket Cloud workspace, through the Bitbucket REST API 2.0.
//!
//! | | |
//! |---|---|
//! | slug / feature | `bitbucket` |
//! | operations | list, get |
//! | list | `GET /2.0/workspaces/{workspace}/members?pagelen=&fields=+values.user.email`, paged by the full URL in `next` |
//! | get | `GET /2.0/workspaces/{workspace}/members/{member}` (the user's UUID, with its braces, or Atlassian account id) |
//! | base URL | `https://api.bitbucket.org/2.0` |
//! | auth | `Authorization: Basic base64(email:api_token)` with an Atlassian API token, config keys `email` and `api_token` (env `TRUTO_BITBUCKET_EMAIL`, `TRUTO_BITBUCKET_API_TOKEN`); **or** `Authorization: Bearer <access_token>` (an OAuth 2.0 or workspace access token; env `TRUTO_BITBUCKET_ACCESS_TOKEN`) |
//! | config keys | `workspace` (the workspace's slug or `{UUID}`; env `TRUTO_BITBUCKET_WORKSPACE`) |
//! | scopes | `read:workspace:bitbucket` (API tokens), `account` (OAuth 2.0) |
//! | page size | `pagelen`: default 10, at most 100 |
//! | filters | `email` (`q=user.email IN ("…")`; workspace administrators, integrations and workspace access tokens only) |
//! | rate limits | 1,000 authenticated requests per hour per user (rolling); `429` beyond |
//!
//! ## Mapping
//!
//! | Bitbucket (`workspace_membership`) | unified |
//! |---|---|
//! | `user.uuid` (`{…}`, braces included) | `id` |
//! | `user.account_id` | `identifiers.account_id` |
//! | `user.display_name` | `name` |
//! | `user.nickname` | `username` |
//! | `user.email` (only when listed by the `email` filter) | `emails` |
//! | `user.account_status` (`active` is the only documented value) | `status` |
//! | `user.has_2fa_enabled` | `is_2fa_enabled` |
//! | `user.links.avatar.href` | `avatar` |
//! | `user.created_on` | `created_at` |
//! | `workspace` `{uuid, name}` | `workspaces` |
//!
//! ## Quirks
//!
//! - Bitbucket shows no email address of a member, except the addresses a workspace
//!   administrator filters by, and only when `fields=+values.user.email` asks for them: every
//!   listing sends it, so the `email` filter (and `find_by_email`) returns the address.
//! - `nickname` is not unique; `uuid` is the stable id. A get also accepts the Atlassian
//!   account id.
//! - Next pages are followed by the `next` URL Bitbucket gives ("refrain from constructing
//!   your own URLs"); a `next` on another origin is refused.
//!
//! ## Sources
//!
//! - Bitbucket Cloud's published description, <https://dac-static.atlassian.com/cloud/bitbucket/swagger.v3.json>
//!   (read from a copy vendored by a third party that downloads it from that URL):
//!   `GET /workspaces/{workspace}/members`, `GET /workspaces/{workspace}/members/{member}`,
//!   `paginated_workspace_memberships`, `workspace_membership`, `account`, `user`, `error`,
//!   the security schemes and scopes
//! - <https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/>
//! - <https://support.atlassian.com/bitbucket-cloud/docs/api-request-limits/> (rate limits)
//!
//! ## Not confirmed
//!
//! - That an Atlassian API token is sent with the account's email as the Basic user name
//!   (the description names Basic auth and API tokens, not the user name), and that
//!   workspace access tokens are accepted as Bearer tokens on these endpoints.
//! - Whether `has_2fa_enabled` is returned to every caller.
//! - Rate-limit response headers (none named).
//! - That `fields=+values.user.email` is harmless on a listing without `q` (it is sent on
//!   every listing because a filter can add a query pair but not a second one).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BITBUCKET_WORKSPACE=acme TRUTO_BITBUCKET_EMAIL=me@acme.com TRUTO_BITBUCKET_API_TOKEN=…
//! let dir = truto_devtools::bitbucket::connect(&Config::from_env("bitbucket"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.username);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, next_url, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Bitbucket spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("bitbucket", "Bitbucket", Family::Devtools)
        .credentials(&[
            Credential::basic("{email}", "api_token"),
            Credential::bearer("access_token"),
        ])
        .base_url("https://api.bitbucket.org/2.0")
        .config(&[
            ConfigKey::required("workspace", "the workspace's slug or {UUID}"),
            ConfigKey::optional(
                "email",
                "the Atlassian account email the API token belongs to",
            ),
            ConfigKey::optional_secret(
                "api_token",
                "an Atlassian API token with read:workspace:bitbucket (Basic auth with `email`)",
            ),
            ConfigKey::optional_secret(
                "access_token",
                "an OAuth 2.0 or workspace access token (instead of `email`/`api_token`)",
            ),
        ])
        .note(
            "Lists one workspace's members; emails only appear for addresses an admin filters by.",
        ),
)
.list(
    List::get("workspaces/{workspace}/members")
        .records("values")
        .paging(next_url(query("pagelen"), "next"))
        // Emails are returned only for the addresses filtered by, and only when asked for.
        .query(&[("fields", "+values.user.email")])
        .filters(&[FilterRule::template(
            Filter::Email,
            "q",
            "user.email IN (\"{}\")",
        )])
        .page_size(10, 100),
)
.get(Get::get("workspaces/{workspace}/members/{id}"))
.map(&[
    id("user.uuid"),
    identifier("account_id", "user.account_id"),
    text(Text::Name, "user.display_name"),
    text(Text::Username, "user.nickname"),
    email("user.email"),
    status("user.account_status", &[("active", Status::Active)]),
    flag(Flag::TwoFactor, "user.has_2fa_enabled"),
    text(Text::Avatar, "user.links.avatar.href"),
    time(Time::CreatedAt, "user.created_on", TimeFormat::Auto),
    reference(Refs::Workspaces)
        .id("workspace.uuid")
        .name("workspace.name"),
])
.errors(Errors::GENERIC.message(&["error.message", "error.detail"]))
.sources(&[
    "https://dac-static.atlassian.com/cloud/bitbucket/swagger.v3.json",
    "https://developer.atlassian.com/cloud/bitbucket/rest/api-group-workspaces/",
    "https://support.atlassian.com/bitbucket-cloud/docs/api-request-limits/",
]);

/// Connects to Bitbucket Cloud (`workspace`, and `email` with `api_token` or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
