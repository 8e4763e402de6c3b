//! # Asana
//!
//! The users of the Asana workspaces and organizations a token can see, through Asana's
//! REST API 1.0.
//!
//! | | |
//! |---|---|
//! | slug / feature | `asana` |
//! | operations | list, get |
//! | list | `GET /users?opt_fields=email,name,photo,workspaces,workspaces.name&limit=&offset=`, paged by the token in `next_page.offset` |
//! | get | `GET /users/{user_gid}` (the user under `data`; the id may also be an email address or `me`) |
//! | base URL | `https://app.asana.com/api/1.0` |
//! | auth | `Authorization: Bearer <token>`: a personal access token, a service account token or an OAuth access token; config key `token` (env `TRUTO_ASANA_TOKEN`) |
//! | scopes | `users:read` (OAuth apps with the `default` scope have every scope) |
//! | page size | 1 to 100 (`limit`); 100 by default here |
//! | filters | `organization_id` (`workspace`: users of one workspace or organization), `group_id` (`team`: members of one team) |
//! | rate limits | per token, 150 requests a minute on free domains and 1 500 on paid ones; `429` with `Retry-After` (seconds), which the transport honours; no remaining-count headers |
//!
//! ## Mapping
//!
//! | Asana | unified |
//! |---|---|
//! | `gid` | `id` |
//! | `name` | `name`, and `first_name` / `last_name` split at its first space |
//! | `email` | `emails` (one, primary) |
//! | `photo.image_128x128` (else `photo.image_1024x1024`) | `avatar` |
//! | `workspaces[]` `{gid, name}` | `organizations` `{id, name}` |
//!
//! Asana keeps one name per user; the first and last names are derived from it.
//! `resource_type` (always `user`) stays in `remote_data`.
//!
//! ## Quirks
//!
//! - The reference marks the list partial: by default `GET /users` returns compact users
//!   (`gid`, `name`, `resource_type`). This integration asks for the fields a get returns
//!   with `opt_fields`, so listed users are whole.
//! - `workspaces` holds only the workspaces and organizations the token's own user is in
//!   too.
//! - Without the `organization_id` filter the listing covers every workspace and
//!   organization the token can see; results are sorted by user id.
//! - A page offset is a token: it expires after a while, and only an offset Asana returned
//!   may be sent back.
//!
//! ## Sources
//!
//! - Asana's published API description, `Asana/openapi`, `defs/asana_oas.yaml` (list and
//!   get users, `opt_fields`, `limit`, `offset`, `next_page`, the user and error schemas,
//!   the security schemes and scopes)
//! - <https://developers.asana.com/docs/pagination> (the offset token, `limit`)
//! - <https://developers.asana.com/jd/docs/rate-limits> (limits, `429`, `Retry-After`)
//!
//! ## Not confirmed
//!
//! - Whether deactivated or removed members are listed, and how they would differ: the
//!   user record has no status (a workspace membership's `is_active` is another endpoint).
//! - Whether an `opt_fields` list makes `GET /users` return every field a get returns in
//!   all cases (the description lists the same optional fields for both).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! // TRUTO_ASANA_TOKEN=…
//! let dir = truto_work::asana::connect(&Config::from_env("asana"))?;
//! let mut users = dir.list_users(ListUsers::new().filter(Filter::OrganizationId, "1331"));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, cursor, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Asana spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("asana", "Asana", Family::Work)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://app.asana.com/api/1.0")
        .config(&[ConfigKey::secret(
            "token",
            "a personal access token, service account token or OAuth access token with users:read",
        )])
        .note("A personal access token or OAuth token with users:read; lists the users of every workspace the token sees (filter by `organization_id`)."),
)
.list(
    List::get("users")
        .query(&[("opt_fields", "email,name,photo,workspaces,workspaces.name")])
        .records("data")
        .paging(cursor(query("offset"), query("limit"), "next_page.offset"))
        .filters(&[
            FilterRule::query(Filter::OrganizationId, "workspace"),
            FilterRule::query(Filter::GroupId, "team"),
        ])
        .page_size(100, 100),
)
.get(Get::get("users/{id}").record("data"))
.map(&[
    id("gid"),
    text(Text::Name, "name"),
    split_name("name"),
    email("email"),
    text(Text::Avatar, "photo.image_128x128"),
    text(Text::Avatar, "photo.image_1024x1024"),
    refs(Refs::Organizations, "workspaces").id("gid").name("name"),
])
.errors(Errors::GENERIC.message(&["errors[0].message"]))
.sources(&[
    "https://github.com/Asana/openapi",
    "https://developers.asana.com/docs/pagination",
    "https://developers.asana.com/jd/docs/rate-limits",
])
.absent(&[
    (
        "status",
        "the user record has no status (a workspace membership's `is_active` is another endpoint)",
    ),
    (
        "roles",
        "the user record has no role (a workspace membership's `is_admin` and `is_guest` are another endpoint)",
    ),
    ("licenses", "Asana's user record carries no seat or license"),
    ("last_login_at", "Asana's user record has no login time"),
]);

/// Connects to Asana (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
