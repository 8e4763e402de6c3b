//! # lemlist
//!
//! The members of one lemlist team, through the lemlist API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `lemlist` |
//! | operations | list (partial), get |
//! | list | `GET /api/team`: the team, whose `userIds[]` are its members' ids (one response, no paging) |
//! | get | `GET /api/users/{userId}` (the user is the response) |
//! | base URL | `https://api.lemlist.com/api` |
//! | auth | `Authorization: Basic base64(":" + api_key)`: an **empty** user name and the API key as the password; config key `api_key` (env `TRUTO_LEMLIST_API_KEY`), from Settings › Integrations › Generate a new API key |
//! | page size | none: the team lists every member id at once |
//! | filters | none |
//! | rate limits | 20 requests per 2 seconds per API key, on every route: `X-RateLimit-Remaining`, `X-RateLimit-Reset` (a date), `Retry-After` (seconds) |
//!
//! ## Mapping
//!
//! | lemlist | unified |
//! |---|---|
//! | `_id` (get), the id itself (list) | `id` |
//! | `email` | `emails[0]` (primary) and `username` (lemlist users sign in with it) |
//! | `role` (`admin`, `member`, …) | `roles[0].name` |
//!
//! `linkedIn` (the connected LinkedIn account's limits) and `mailboxes[]` (the connected
//! sending mailboxes and their status) stay in `remote_data`.
//!
//! ## Quirks
//!
//! - **The list is partial.** The team names its members by id only (`userIds`), so a
//!   listed user carries just its id; `hydrate(true)` reads each with a get for its email and
//!   role. Every member is listed in one response.
//! - Pending invitations (`invitedUsers[]` of the team: an email, a role, who invited and
//!   when) have no user id and are not listed.
//! - The user record has no name, status or timestamps: every member of `userIds` belongs
//!   to the team.
//! - Rate limits: `X-RateLimit-Reset` is a date in JavaScript's `Date.toString()` form, not a
//!   timestamp, so the reset is taken from `Retry-After`.
//!
//! ## Sources
//!
//! - <https://developer.lemlist.com/api-reference/endpoints/team/get-team> (the team, its
//!   example, and lemlist's OpenAPI description with the rate limits)
//! - <https://developer.lemlist.com/api-reference/objects-definitions/team> (`userIds`,
//!   `invitedUsers`)
//! - <https://developer.lemlist.com/api-reference/endpoints/users/get-user> (the user and its
//!   example)
//! - <https://developer.lemlist.com/api-reference/getting-started/authentication> (Basic
//!   authentication with an empty user name)
//!
//! ## Not confirmed
//!
//! - Every value of `role` ("admin, member, etc.").
//! - The throttled status code (`429` is assumed) and the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_LEMLIST_API_KEY=…
//! let dir = truto_crm::lemlist::connect(&Config::from_env("lemlist"))?;
//! let mut users = dir.list_users(ListUsers::new().hydrate(true));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The lemlist spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("lemlist", "lemlist", Family::Crm)
        .credentials(&[Credential::basic("", "api_key")])
        .base_url("https://api.lemlist.com/api")
        .config(&[ConfigKey::secret(
            "api_key",
            "an API key (Settings › Integrations › Generate a new API key)",
        )])
        .note("a team API key; the team lists member ids only, so hydrate for emails and roles"),
)
.list(List::get("team").records("userIds").partial())
.get(Get::get("users/{id}"))
.map(&[
    id("_id"),
    // A listed member is its id alone.
    id(""),
    email("email"),
    text(Text::Username, "email"),
    reference(Refs::Roles).name("role"),
])
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "retry-after",
    ResetFormat::DeltaSeconds,
))
.sources(&[
    "https://developer.lemlist.com/api-reference/endpoints/team/get-team",
    "https://developer.lemlist.com/api-reference/objects-definitions/team",
    "https://developer.lemlist.com/api-reference/endpoints/users/get-user",
    "https://developer.lemlist.com/api-reference/getting-started/authentication",
]);

/// Connects to lemlist (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
