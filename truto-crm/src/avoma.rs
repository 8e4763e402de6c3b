//! # Avoma
//!
//! The users of one Avoma organization, through Avoma's public API (v1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `avoma` |
//! | operations | list |
//! | list | `GET /v1/users/` (every user in one response, a JSON array) |
//! | base URL | `https://api.avoma.com/v1` |
//! | auth | `Authorization: Bearer <key>`; config key `api_key` (env `TRUTO_AVOMA_API_KEY`): an API key an admin creates in Avoma's settings |
//! | scopes | none |
//! | page size | none: the list is not paged |
//! | filters | none |
//! | rate limits | 60 requests a minute; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Avoma | unified |
//! |---|---|
//! | `uuid` | `id` |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `role.name` | `roles` (name) |
//!
//! ## Quirks
//!
//! - The users are sent as a bare array; should Avoma wrap them in its paged envelope
//!   (`count`, `next`, `results`), as it does meetings, the listing fails to decode rather
//!   than miss users.
//! - No endpoint reading one user could be confirmed, so `get` is declared absent: list
//!   and match the `uuid`.
//!
//! ## Sources
//!
//! - <https://api.avoma.com/docs> (Avoma's API documentation; it could not be read here)
//! - <https://dev694.avoma.com/> (the documentation's rate limits, as quoted by a
//!   third-party connector)
//!
//! ## Not confirmed
//!
//! - Everything but the list's path and the Bearer key comes from third-party code: a
//!   connector's tests (`GET https://api.avoma.com/v1/users/`, "the documented bare
//!   array", records keyed by `uuid`, a `401` body `{"detail": …}`) and a client's mock
//!   (`email`, `first_name`, `last_name`, `role {name}`). The fixture record is built from
//!   those names.
//! - Whether the user has a status or an avatar (the reference lists both; their field
//!   names are unknown), and a single-user endpoint (`/v1/users/{uuid}/` is likely, not
//!   documented here).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_AVOMA_API_KEY=…
//! let dir = truto_crm::avoma::connect(&Config::from_env("avoma"))?;
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
use truto_core::provider::declarative::{List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Avoma spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("avoma", "Avoma", Family::Crm)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.avoma.com/v1")
        .config(&[ConfigKey::secret(
            "api_key",
            "an API key created by an Avoma admin",
        )])
        .note("an admin's API key; lists the organization's users (field names not confirmed by Avoma's docs)"),
)
.list(List::get("users/"))
.map(&[
    id("uuid"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email"),
    reference(Refs::Roles).name("role.name"),
])
.sources(&["https://api.avoma.com/docs", "https://dev694.avoma.com/"])
.absent(&[
    (
        "get",
        "no endpoint reading one user could be confirmed: Avoma's documentation (api.avoma.com/docs) is not readable here and third-party clients call only GET /v1/users/",
    ),
    (
        "status",
        "no user field holding a status is known (the user's fields are known only from third-party code)",
    ),
    (
        "avatar",
        "no user field holding a picture is known (the user's fields are known only from third-party code)",
    ),
]);

/// What the Avoma integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Avoma (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
