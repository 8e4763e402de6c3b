//! # Kandji
//!
//! The users Kandji has synced from its user-directory integrations, through the Kandji
//! API v1.
//!
//! | | |
//! |---|---|
//! | slug / feature | `kandji` |
//! | operations | list, get |
//! | list | `GET /api/v1/users`, paged by the full next-page URL in `next` |
//! | get | `GET /api/v1/users/{user_id}` |
//! | base URL | `api_url`: the tenant's API URL from Settings › Access, `https://{subdomain}.api.kandji.io` (US) or `https://{subdomain}.api.eu.kandji.io` (EU) |
//! | auth | `Authorization: Bearer <API token>`; config key `token` (env `TRUTO_KANDJI_TOKEN`) |
//! | config keys | `api_url` (required) |
//! | scopes | the API token's permissions, chosen when it is created in Settings › Access: it needs the Users endpoints |
//! | page size | fixed: at most 300 records per response; no page-size parameter |
//! | filters | `email` (`email`: addresses *containing* the value) |
//! | rate limits | 10,000 requests per hour per customer; no rate-limit headers are documented |
//!
//! ## Mapping
//!
//! | Kandji | unified |
//! |---|---|
//! | `id` (a UUID) | `id` |
//! | `name` | `name` |
//! | `email` | `emails[0]` (primary) |
//! | `job_title` | `title` |
//! | `archived: true` → `inactive`; else `active` → `active` / `inactive` | `status` |
//! | `created_at`, `updated_at` | `created_at`, `updated_at` |
//!
//! `deprecated_user_id`, `department`, `device_count` and `integration` (the directory the
//! user comes from: `{id, name, uuid, type}`, e.g. `office365`) stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Only users synced from user-directory integrations are listed, not the people who
//!   administer the Kandji tenant.
//! - Archived users (Kandji's *Archived* tab) are listed too; they are mapped `inactive`.
//!   The list endpoint takes `archived=true|false` (pass it as a remote query).
//! - The `email` filter matches addresses that contain the value; `find_by_email` keeps
//!   exact matches only.
//! - Paging follows the `next` URL; a next URL on another origin than `api_url` is refused
//!   (the token never travels to another host), which ends the listing with an error.
//!
//! ## Sources
//!
//! - <https://api-docs.kandji.io/> (Kandji's API documentation, a Postman collection: the
//!   API URL formats, the rate limit, the response codes, *Users › List Users* and
//!   *Get User* with their example responses), read through the copy of the collection in
//!   <https://github.com/MScottBlake/kandji-openapi> (`kandji_postman_collection.json` and the
//!   `openapi.json` generated from it, which lists the `email`, `id`, `integration_id`,
//!   `archived` and `cursor` query parameters)
//!
//! ## Not confirmed
//!
//! - The name of the token permission the Users endpoints need.
//! - The status and headers of a throttled request (`429` and `Retry-After` are handled
//!   when sent).
//! - Whether `name` is the display name or the directory's user name (the examples show
//!   `test_user_01`).
//! - The host of the `next` URL: Kandji's example shows `https://{subdomain}.kandji.io/…`,
//!   not the API host; if Kandji sends it so, the listing stops after the first page with
//!   an error (the token is never sent to another origin).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_KANDJI_API_URL=https://acme.api.kandji.io TRUTO_KANDJI_TOKEN=…
//! let dir = truto_idp::kandji::connect(&Config::from_env("kandji"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Param, Spec, next_url};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Kandji spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("kandji", "Kandji", Family::Idp)
        .credentials(&[Credential::bearer("token")])
        .base_url("{api_url}")
        .config(&[
            ConfigKey::required(
                "api_url",
                "the tenant's API URL from Settings › Access, e.g. https://acme.api.kandji.io (EU: https://acme.api.eu.kandji.io)",
            )
            .origin(),
            ConfigKey::secret("token", "an API token allowed to list users"),
        ])
        .note("The tenant's API URL and an API token (Settings › Access) allowed to read users; lists the users synced from directory integrations."),
)
.list(
    List::get("api/v1/users")
        .records("results")
        .paging(next_url(Param::None, "next"))
        .filters(&[FilterRule::query(Filter::Email, "email")]),
)
.get(Get::get("api/v1/users/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    text(Text::Title, "job_title"),
    status_flag("archived", Status::Inactive, None),
    active_flag("active"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
])
.sources(&[
    "https://api-docs.kandji.io/",
    "https://github.com/MScottBlake/kandji-openapi",
]);

/// Connects to Kandji (`api_url`, `token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
