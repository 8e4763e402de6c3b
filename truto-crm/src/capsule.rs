//! # Capsule
//!
//! The users of one Capsule CRM account, through the Capsule API v2, each with its own
//! party (the person record that carries its email addresses).
//!
//! | | |
//! |---|---|
//! | slug / feature | `capsule` |
//! | operations | list, get |
//! | list | `GET /api/v2/users?embed=party` (the users under `users`; a `Link: <…>; rel="next"` header is followed when sent) |
//! | get | `GET /api/v2/users/{id}?embed=party` (the user under `user`) |
//! | base URL | `https://api.capsulecrm.com/api/v2` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_CAPSULE_TOKEN`): a personal API token (My Preferences › API Authentication Tokens) or an OAuth access token |
//! | scopes | none for a personal token |
//! | page size | Capsule's own: the users endpoint documents no paging parameter |
//! | filters | none |
//! | rate limits | `429` when exceeded |
//!
//! ## Mapping
//!
//! | Capsule | unified |
//! |---|---|
//! | `id` | `id` |
//! | `username` | `username` |
//! | `name` | `name` |
//! | `party.firstName`, `party.lastName` | `first_name`, `last_name` |
//! | `party.emailAddresses[].address` (with its `type`) | `emails` |
//! | `party.pictureURL` | `avatar` |
//! | `status`: `ACTIVE` → `active` (other values pass through) | `status` |
//! | `timezone` | `timezone` |
//! | `locale` | `languages` |
//! | `lastLoginAt` | `last_login_at` |
//!
//! `currency`, `taskReminder` and the rest of the party stay in `remote_data`.
//!
//! ## Quirks
//!
//! - A user's names, picture and email addresses belong to its party; `embed=party` (the
//!   value Capsule documents for these endpoints) asks for the whole party with the user.
//! - Some users have no first or last name, only a username.
//!
//! ## Sources
//!
//! - <https://developer.capsulecrm.com/v2/operations/User> (list users, show user, the
//!   example users, `embed=party`)
//! - <https://developer.capsulecrm.com/v2/models/party> (the party's `emailAddresses`,
//!   `pictureURL`)
//! - <https://developer.capsulecrm.com/v2/operations/Party> (an email address's shape:
//!   `id`, `type`, `address`; the `Link` paging of Capsule's collections)
//!
//! ## Not confirmed
//!
//! - Whether the users list is ever paged (its page names no `page` or `perPage`); a `Link`
//!   header is followed when one is sent.
//! - The `status` values besides `ACTIVE`.
//! - The rate-limit headers and the error body (`message` is read).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_CAPSULE_TOKEN=…
//! let dir = truto_crm::capsule::connect(&Config::from_env("capsule"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Param, Spec, link_header};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Capsule spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("capsule", "Capsule", Family::Crm)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.capsulecrm.com/api/v2")
        .config(&[ConfigKey::secret(
            "token",
            "a personal API token (My Preferences › API Authentication Tokens) or an OAuth access token",
        )])
        .note("a personal API token; lists the account's users with their own party's email addresses"),
)
.list(
    List::get("users")
        .query(&[("embed", "party")])
        .records("users")
        .paging(link_header(Param::None)),
)
.get(Get::get("users/{id}").query(&[("embed", "party")]).record("user"))
.map(&[
    id("id"),
    text(Text::Username, "username"),
    text(Text::Name, "name"),
    text(Text::FirstName, "party.firstName"),
    text(Text::LastName, "party.lastName"),
    name_from_parts(),
    emails("party.emailAddresses", "address").kind("type"),
    text(Text::Avatar, "party.pictureURL"),
    status("status", &[("ACTIVE", Status::Active)]),
    text(Text::Timezone, "timezone"),
    languages("locale"),
    time(Time::LastLoginAt, "lastLoginAt", TimeFormat::Auto),
])
.sources(&[
    "https://developer.capsulecrm.com/v2/operations/User",
    "https://developer.capsulecrm.com/v2/models/party",
    "https://developer.capsulecrm.com/v2/operations/Party",
]);

/// What the Capsule integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Capsule (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
