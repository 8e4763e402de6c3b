//! # Drift
//!
//! The users of one Drift organization, through Drift's public API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `drift` |
//! | operations | list (partial), get |
//! | list | `GET /users/list` (every user in one response, under `data`) |
//! | get | `GET /users/{userId}` (the user under `data`) |
//! | base URL | `https://driftapi.com` |
//! | auth | `Authorization: Bearer <token>`; config key `access_token` (env `TRUTO_DRIFT_ACCESS_TOKEN`): a Drift app's OAuth access token (or a private app's token) |
//! | scopes | `user_read` |
//! | page size | none: the list is not paged |
//! | filters | none |
//! | rate limits | per app; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Drift | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name`, else `alias` | `name` |
//! | `email` | `emails[0]` (primary) |
//! | `phone` | `phones[0]` |
//! | `verified` | `is_email_verified` |
//! | `role` | `roles` (name) |
//! | `orgId` | `organizations` (id) |
//! | `avatarUrl` | `avatar` |
//! | `timeZone` | `timezone` |
//! | `locale` | `languages` |
//! | `bot`: `true` → `bot`, `false` → `user` | `user_type` |
//! | `createdAt`, `updatedAt` (Unix milliseconds) | `created_at`, `updated_at` |
//!
//! `availability` (the user's presence, e.g. available or offline) stays in `remote_data`:
//! it is not an account status.
//!
//! ## Partial list
//!
//! The reference marks Drift's list as partial, so the integration is declared partial:
//! `ListUsers::hydrate(true)` reads each listed user again with a get. Which fields the
//! list leaves out is not documented.
//!
//! ## Quirks
//!
//! - Drift is being folded into Salesloft; the API may be retired.
//! - Drift also documents `PATCH /users/update?userId=` (attributes such as `phone`); the
//!   reference does not mark update for Drift, so it is not offered.
//!
//! ## Sources
//!
//! - <https://devdocs.drift.com/docs/user-model> (the user model, list, get, update)
//! - Drift's official Python SDK, <https://github.com/Driftt/drift-python>, `drift/users.py`
//!   and `drift/api.py` (`GET https://driftapi.com/users/list`, `GET …/users/{id}`,
//!   `PATCH …/users/update?userId=`, Bearer token)
//! - Airbyte's Drift connector, `airbyte-integrations/connectors/source-drift/source_drift/schemas/users.json`
//!   (the user's fields and types, built against Drift's user model; scope `user_read`)
//!
//! ## Not confirmed
//!
//! - Drift's own pages were not readable here: the `data` envelope of the list and the get
//!   (read by third-party code), the values of `role` and `availability`, and that
//!   `createdAt`/`updatedAt` are milliseconds (integers in the schema; Drift's other
//!   timestamps are milliseconds) are not confirmed. The fixture is built from the schema.
//! - The rate limits and the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DRIFT_ACCESS_TOKEN=…
//! let dir = truto_crm::drift::connect(&Config::from_env("drift"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Drift spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("drift", "Drift", Family::Crm)
        .credentials(&[Credential::bearer("access_token")])
        .base_url("https://driftapi.com")
        .config(&[ConfigKey::secret(
            "access_token",
            "a Drift app's access token with the user_read scope",
        )])
        .note("a Drift app token with user_read; lists the organization's users (bots included)"),
)
.list(List::get("users/list").records("data").partial())
.get(Get::get("users/{id}").record("data"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::Name, "alias"),
    email("email"),
    phone("phone"),
    flag(Flag::EmailVerified, "verified"),
    reference(Refs::Roles).name("role"),
    reference(Refs::Organizations).id("orgId"),
    text(Text::Avatar, "avatarUrl"),
    text(Text::Timezone, "timeZone"),
    languages("locale"),
    user_type_flag("bot", "bot", Some("user")),
    time(Time::CreatedAt, "createdAt", TimeFormat::EpochMillis),
    time(Time::UpdatedAt, "updatedAt", TimeFormat::EpochMillis),
])
.sources(&[
    "https://devdocs.drift.com/docs/user-model",
    "https://github.com/Driftt/drift-python",
    "https://github.com/airbytehq/airbyte/blob/master/airbyte-integrations/connectors/source-drift/source_drift/schemas/users.json",
])
.absent(&[
    (
        "status",
        "the user model has no account status: `availability` is presence (available, offline), not whether the account is active",
    ),
    (
        "licenses",
        "the user model has no license or seat field",
    ),
    (
        "groups",
        "the user model has no team field (teams are a separate API)",
    ),
]);

/// What the Drift integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Drift (`access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
