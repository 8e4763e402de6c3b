//! # Heroku
//!
//! The members of one Heroku team, through the Heroku Platform API (v3).
//!
//! | | |
//! |---|---|
//! | slug / feature | `heroku` |
//! | operations | list |
//! | list | `GET /teams/{team}/members` (a bare array), paged by ranges: a truncated page answers `206 Partial Content` with `Next-Range`, sent back as `Range` |
//! | base URL | `https://api.heroku.com` |
//! | auth | `Authorization: Bearer <token>` and `Accept: application/vnd.heroku+json; version=3`; config key `token` (env `TRUTO_HEROKU_TOKEN`): an API key or an OAuth authorization's token |
//! | config keys | `team` (the team's name or id) |
//! | scopes | the token's account must be a member of the team |
//! | page size | Heroku's own: 200 by default, at most 1000 (set with `max` inside `Range`) |
//! | filters | none |
//! | rate limits | a pool of request tokens per account; `RateLimit-Remaining` on every response, `429` when it is empty |
//!
//! ## Mapping
//!
//! | Heroku | unified |
//! |---|---|
//! | `id` (the team membership) | `id` |
//! | `user.id` (the Heroku account) | `identifiers.user_id` |
//! | `user.name` | `name` |
//! | `email`, else `user.email` | `emails` (one, primary) |
//! | `role` (`admin`, `collaborator`, `member`, `owner`, or null) | `roles` |
//! | `two_factor_authentication` | `is_2fa_enabled` |
//! | `created_at`, `updated_at` (the membership) | `created_at`, `updated_at` |
//!
//! `status` is left unset: every listed member belongs to the team; invitations are a
//! separate resource.
//!
//! ## Quirks
//!
//! - Ids are membership ids; the account's id is in `identifiers.user_id`.
//! - Members come sorted by the range key, `email`.
//! - `federated` and `identity_provider` (SSO) stay in `remote_data`.
//! - Enterprise accounts list their members at `/enterprise-accounts/{id}/members`, a
//!   different record; this integration lists one team.
//!
//! ## Sources
//!
//! - <https://devcenter.heroku.com/articles/platform-api-reference#team-member-list> (Team Member List)
//! - Heroku's JSON schema, `https://api.heroku.com/schema` (as shipped in `heroku/platform-api`,
//!   `schema.json`): the `team-member` definition and its example values, the list link with
//!   `ranges: ["email"]`, the `team` role enum
//! - <https://devcenter.heroku.com/articles/platform-api-reference#ranges> (`Range`, `206`, `Next-Range`, page sizes)
//! - <https://devcenter.heroku.com/articles/platform-api-reference#rate-limits> (`RateLimit-Remaining`)
//!
//! ## Not confirmed
//!
//! - The Dev Center pages on ranges and rate limits were read through quoted copies, not
//!   the pages themselves.
//! - The error body (`{"id": "…", "message": "…"}`, read by the common shapes) and whether
//!   non-admin members can list the team.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_HEROKU_TOKEN=… TRUTO_HEROKU_TEAM=acme
//! let dir = truto_devtools::heroku::connect(&Config::from_env("heroku"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Param, Spec, header, header_cursor};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Heroku spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("heroku", "Heroku", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.heroku.com")
        .config(&[
            ConfigKey::secret("token", "an API key or an OAuth authorization's token"),
            ConfigKey::required("team", "the team's name or id"),
        ])
        .note("an API key and the team name; lists the team's members"),
)
.list(List::get("teams/{team}/members").paging(header_cursor(
    header("Range"),
    Param::None,
    "Next-Range",
)))
.map(&[
    id("id"),
    identifier("user_id", "user.id"),
    text(Text::Name, "user.name"),
    email("email"),
    email("user.email"),
    reference(Refs::Roles).id("role"),
    flag(Flag::TwoFactor, "two_factor_authentication"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["message"]).code(&["id"]))
.headers(&[("Accept", "application/vnd.heroku+json; version=3")])
.sources(&[
    "https://devcenter.heroku.com/articles/platform-api-reference#team-member-list",
    "https://api.heroku.com/schema",
    "https://github.com/heroku/platform-api",
    "https://devcenter.heroku.com/articles/platform-api-reference#ranges",
    "https://devcenter.heroku.com/articles/platform-api-reference#rate-limits",
]);

/// Connects to Heroku (`token`, `team`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
