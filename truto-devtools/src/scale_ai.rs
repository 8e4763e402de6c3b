//! # Scale AI
//!
//! The teammates of a Scale AI team, through Scale's REST API (Teams API).
//!
//! | | |
//! |---|---|
//! | slug / feature | `scale_ai` |
//! | operations | list |
//! | list | `GET /v1/teams` ("List Teammates"): a bare array, one response |
//! | base URL | `https://api.scale.com/v1` |
//! | auth | `Authorization: Basic base64(<api key>:)` (the key as the user name, an empty password); config key `api_key` (env `TRUTO_SCALE_AI_API_KEY`) |
//! | config keys | none besides the key |
//! | scopes | none: a key acts for its team |
//! | page size | none (one response) |
//! | filters | none |
//! | rate limits | `429` when exceeded, retried by the transport |
//!
//! ## Mapping
//!
//! | Scale | unified |
//! |---|---|
//! | `email` (a teammate's only identifier) | `id`, `emails` (primary), `username` |
//! | `firstName`, `lastName` (and `name` joined from them) | `first_name`, `last_name`, `name` |
//! | `role` (`labeler`, `member`, `manager`, `admin`) | `roles` (id and name) |
//! | `company` | `organizations` (by name) |
//!
//! ## Quirks
//!
//! - Teammates have no id of their own: the e-mail address is the id.
//! - `expiry` (what it dates is not documented; perhaps a pending invitation) and
//!   `isStudioLabeler` stay in `remote_data`; no status is derived.
//! - There is no endpoint for one teammate, so no get.
//!
//! ## Sources
//!
//! - Scale's official Python SDK, <https://github.com/scaleapi/scaleapi-python-client>
//!   (commit `b4111b2`, 2026-04-24; `scaleapi/api.py`: the base URL, Basic auth with the
//!   key and an empty password, errors read from `error`, retries on 408, 429 and 5xx;
//!   `scaleapi/__init__.py` `list_teammates` → `GET teams`; `scaleapi/teams.py`: the
//!   teammate's fields and `TeammateRole`)
//! - <https://docs.scale.com/reference/teams-list> (the reference page the SDK cites)
//! - <https://scale.com/docs/account> (team roles)
//!
//! ## Not confirmed
//!
//! - The reference page's own response example: the fields come from the official SDK's
//!   `Teammate` class (`email` and `role` always, the others optional).
//! - Whether every plan and key may list teammates, and which role the key's owner needs.
//! - Whether the listing includes pending invitations (`expiry` suggests so; undocumented).
//! - Rate-limit numbers and headers (the SDK only knows `429`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SCALE_AI_API_KEY=live_…
//! let dir = truto_devtools::scale_ai::connect(&Config::from_env("scale_ai"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Scale AI spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("scale_ai", "Scale AI", Family::Devtools)
        .credentials(&[Credential::basic_user_only("{api_key}")])
        .base_url("https://api.scale.com/v1")
        .config(&[ConfigKey::secret(
            "api_key",
            "a Scale API key (from the Scale dashboard)",
        )])
        .note("needs a Scale API key; teammates are identified by e-mail address"),
)
.list(List::get("teams"))
.map(&[
    id("email"),
    email("email"),
    text(Text::Username, "email"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    reference(Refs::Roles).id("role").name("role"),
    reference(Refs::Organizations).name("company"),
])
.errors(Errors::GENERIC.message(&["error"]))
.sources(&[
    "https://github.com/scaleapi/scaleapi-python-client",
    "https://docs.scale.com/reference/teams-list",
    "https://scale.com/docs/account",
]);

/// Connects to Scale AI (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
