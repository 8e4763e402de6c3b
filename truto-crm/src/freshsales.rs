//! # Freshsales
//!
//! The users of one Freshsales (Freshworks CRM) account, through the CRM API's owners
//! selector.
//!
//! | | |
//! |---|---|
//! | slug / feature | `freshsales` |
//! | operations | list |
//! | list | `GET /crm/sales/api/selector/owners` (every user in one response, under `users`) |
//! | base URL | `https://{domain}.myfreshworks.com/crm/sales/api` (`domain`: the bundle alias's subdomain, or the whole host); `base_url` for a legacy `https://{domain}.freshsales.io/api` account |
//! | auth | `Authorization: Token token=<key>`; config key `api_key` (env `TRUTO_FRESHSALES_API_KEY`): Profile Settings › API Settings |
//! | config keys | `domain` (e.g. `acme` for `acme.myfreshworks.com`) |
//! | scopes | none: a key acts as its user |
//! | page size | none: the selector is not paged |
//! | filters | none |
//! | rate limits | per account and plan; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Freshsales | unified |
//! |---|---|
//! | `id` | `id` |
//! | `display_name` | `name` |
//! | `email` | `emails[0]` (primary) |
//! | `is_active` | `status` (`active` / `inactive`) |
//! | `job_title` | `title` |
//! | `time_zone` | `timezone` (Freshsales' own zone names, e.g. `Chennai`) |
//! | `language` | `languages` |
//! | `role_id` | `roles` (id) |
//! | `created_at`, `last_login_at` | `created_at`, `last_login_at` |
//!
//! ## Quirks
//!
//! - A selector lists the values a record's field can take: the owners selector lists the
//!   users records can be assigned to. There is no endpoint that reads one user, so `get`
//!   is not offered.
//! - `is_active` says whether the user is active to be assigned leads, contacts, tasks and
//!   appointments.
//!
//! ## Sources
//!
//! - <https://developers.freshworks.com/crm/api/> (authentication, the bundle alias and
//!   base URL, the Selectors section)
//! - <https://developers.freshworks.com/crm/docs/data-methods/> (the user object: `id`,
//!   `display_name`, `email`, `is_active`, `job_title`, `time_zone`, …)
//!
//! ## Not confirmed
//!
//! - The owners selector's page could not be read here: its path and the `users` envelope
//!   come from several independent third-party integrations, and which user fields it
//!   returns (beyond `id`, `display_name`, `email`) is not confirmed. The fixture record is
//!   Freshworks' documented user object.
//! - Whether deactivated users are listed; the rate limits and the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_FRESHSALES_DOMAIN=acme, TRUTO_FRESHSALES_API_KEY=…
//! let dir = truto_crm::freshsales::connect(&Config::from_env("freshsales"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Freshsales spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("freshsales", "Freshsales", Family::Crm)
        .credentials(&[Credential::header_with_prefix(
            "Authorization",
            "Token token=",
            "api_key",
        )])
        .base_url("https://{domain}.myfreshworks.com/crm/sales/api")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "your API key (Profile Settings › API Settings)",
            ),
            ConfigKey::required(
                "domain",
                "the account's subdomain, e.g. `acme` for acme.myfreshworks.com",
            )
            .host_suffix(".myfreshworks.com"),
        ])
        .note("an API key and the account's myfreshworks.com subdomain; lists the users records can be assigned to"),
)
.list(List::get("selector/owners").records("users"))
.map(&[
    id("id"),
    text(Text::Name, "display_name"),
    email("email"),
    active_flag("is_active"),
    text(Text::Title, "job_title"),
    text(Text::Timezone, "time_zone"),
    languages("language"),
    reference(Refs::Roles).id("role_id"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_login_at", TimeFormat::Auto),
])
.sources(&[
    "https://developers.freshworks.com/crm/api/",
    "https://developers.freshworks.com/crm/docs/data-methods/",
]);

/// What the Freshsales integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Freshsales (`domain`, `api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
