//! # Salesflare
//!
//! The users of one Salesflare team, through the Salesflare REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `salesflare` |
//! | operations | list, get |
//! | list | `GET /users?limit=&offset=`, paged by offset until a short page; the response is the array |
//! | get | `GET /users/{id}` |
//! | base URL | `https://api.salesflare.com` |
//! | auth | `Authorization: Bearer <key>`; config key `api_key` (env `TRUTO_SALESFLARE_API_KEY`), made in Settings › API keys |
//! | config keys | none besides the key |
//! | scopes | none: a key acts for the team |
//! | page size | `limit` (at least 1); 20 by default here, at most 100 asked |
//! | filters | `email` (`email=`), `name` (`name=`), `status` (`active` only: `onlyEnabled=true`) |
//! | rate limits | `429 Too Many Requests`; no headers documented |
//!
//! ## Mapping
//!
//! | Salesflare | unified |
//! |---|---|
//! | `id` | `id` |
//! | `firstname`, `lastname` (else `name` split at the first space) | `first_name`, `last_name` |
//! | `name` | `name` |
//! | `email` | `emails[0]` (primary) |
//! | `phone_numbers[]` `{number, type}` | `phones` |
//! | `disabled` | `status`: `inactive` when true, `active` when false |
//! | `role` `{id, name}` | `roles[0]` |
//! | `is_admin` | `user_type`: `admin` when true, `user` when false |
//! | `group` (an id) | `groups[0].id` |
//! | `team` `{id, name}` | `organizations[0]` |
//! | `picture` | `avatar` |
//! | `language` (`en`, `nl`, …) | `languages` |
//! | `two_fa_enabled` | `is_2fa_enabled` |
//! | `creation_date`, `modification_date` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - Salesflare's description declares no schema for `/users` or `/users/{id}`; the user
//!   fields are those of its `GET /me` schema. Listed users, as recorded from the live API
//!   by Airbyte's connector, carry `name` but not `firstname`, `lastname`, `role` or
//!   `is_admin`; the names are then split from `name`.
//! - Disabled users are listed unless the `status` filter (`onlyEnabled=true`) is set;
//!   only `active` can be filtered on.
//! - Errors are hapi's `{statusCode, error, message}`.
//!
//! ## Sources
//!
//! - Salesflare's published description, <https://api.salesflare.com/openapi.json> (read
//!   from the verbatim copy in `api-evangelist/salesflare`): auth, `GET /users` parameters
//!   (`id`, `name`, `email`, `search`, `limit` ≥ 1, `offset`, `order_by`, `onlyEnabled`),
//!   `GET /users/{id}`, the `GET /me` user schema, status codes
//! - <https://api.salesflare.com/docs> (the reference built from it)
//! - Airbyte's Salesflare connector (`airbytehq/airbyte`,
//!   `airbyte-integrations/connectors/source-salesflare/manifest.yaml`): the list is the
//!   response array, paged by `offset`/`limit`, and the fields live users carry
//!
//! ## Not confirmed
//!
//! - The largest `limit` (the description sets none; 100 is the most asked here).
//! - Whether `GET /users/{id}` returns the full `/me`-shaped user or the listed one.
//! - That disabled users are listed without `onlyEnabled` (the parameter's name says so;
//!   the description does not).
//! - The values `type` takes; the error body beyond hapi's shape.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SALESFLARE_API_KEY=…
//! let dir = truto_crm::salesflare::connect(&Config::from_env("salesflare"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Salesflare spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("salesflare", "Salesflare", Family::Crm)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.salesflare.com")
        .config(&[ConfigKey::secret(
            "api_key",
            "a Salesflare API key (Settings › API keys)",
        )])
        .note("needs a Salesflare API key (Settings › API keys); lists enabled and disabled users"),
)
.list(
    List::get("users")
        .paging(offset(query("offset"), query("limit"), End::ShortPage))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::query(Filter::Name, "name"),
            FilterRule::mapped(Filter::Status, "onlyEnabled", &[("active", "true")]),
        ])
        .page_size(20, 100),
)
.get(Get::get("users/{id}"))
.map(&[
    id("id"),
    text(Text::FirstName, "firstname"),
    text(Text::LastName, "lastname"),
    text(Text::Name, "name"),
    split_name("name"),
    email("email"),
    phones("phone_numbers", "number").kind("type"),
    status_flag("disabled", Status::Inactive, Some(Status::Active)),
    reference(Refs::Roles).id("role.id").name("role.name"),
    user_type_flag("is_admin", "admin", Some("user")),
    reference(Refs::Groups).id("group"),
    reference(Refs::Organizations)
        .id("team.id")
        .name("team.name"),
    text(Text::Avatar, "picture"),
    languages("language"),
    flag(Flag::TwoFactor, "two_fa_enabled"),
    time(Time::CreatedAt, "creation_date", TimeFormat::Auto),
    time(Time::UpdatedAt, "modification_date", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["message"]).code(&["error"]))
.sources(&[
    "https://api.salesflare.com/openapi.json",
    "https://api.salesflare.com/docs",
    "https://github.com/airbytehq/airbyte/blob/master/airbyte-integrations/connectors/source-salesflare/manifest.yaml",
]);

/// Connects to Salesflare (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
