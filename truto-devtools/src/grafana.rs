//! # Grafana
//!
//! The users of the current organization of a Grafana instance (Grafana Cloud or
//! self-hosted), through Grafana's HTTP API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `grafana` |
//! | operations | list |
//! | list | `GET /api/org/users`: every user of the token's organization in one response (a bare array) |
//! | base URL | `{instance}`: the instance's origin, e.g. `https://acme.grafana.net` (`base_url` for a Grafana served below a path) |
//! | auth | `Authorization: Bearer <token>`, config key `token` (env `TRUTO_GRAFANA_TOKEN`): a service account token; **or** Basic auth, config keys `username` and `password` |
//! | config keys | `instance` (the instance's URL) |
//! | scopes | `org.users:read` on `users:*` (the organization's Admin role has it) |
//! | page size | none: the endpoint takes no paging parameters |
//! | filters | none (`query`, a free-text search, and `limit` are remote queries) |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | Grafana | unified |
//! |---|---|
//! | `userId` | `id` |
//! | `name`, else `login` | `name` |
//! | `login` | `username` |
//! | `email` | `emails` (one, primary) |
//! | `isDisabled`: true → `inactive`, false → `active` | `status` |
//! | `role` (the organization role: `Admin`, `Editor`, `Viewer`, `None`) | `roles` |
//! | `orgId` | `organizations` |
//! | `avatarUrl` | `avatar` |
//! | `lastSeenAt` | `last_active_at` |
//! | `created` | `created_at` |
//!
//! ## Quirks
//!
//! - A service account token belongs to one organization, and the list is that
//!   organization's users. Listing every user of the server (`/api/users`) needs Basic
//!   auth as a Grafana server admin and does not work on Grafana Cloud.
//! - `avatarUrl` is a path on the instance (`/avatar/<hash>`), kept as Grafana sends it.
//! - `uid`, `lastSeenAtAge`, `authLabels`, `isExternallySynced` and `isProvisioned` stay
//!   in `remote_data`.
//!
//! ## Sources
//!
//! - <https://grafana.com/docs/grafana/latest/developers/http_api/org/> (`GET /api/org/users`, its example response, permissions)
//! - <https://grafana.com/docs/grafana/latest/developers/http_api/user/> (`/api/users` needs a server admin and Basic auth)
//! - Grafana's generated OpenAPI client, `grafana/grafana-openapi-client-go` (`models/org_user_dto.go`: every field of `OrgUserDTO`; `client/org`: the `/org/users` operation and its `query` and `limit` parameters)
//!
//! ## Not confirmed
//!
//! - The meaning and default of `limit` on `/api/org/users`, and whether very large
//!   organizations are cut off without it.
//! - The `lastSeenAt` Grafana reports for users never seen, and the error body
//!   (`{"message": …}` is read).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_GRAFANA_INSTANCE=https://acme.grafana.net TRUTO_GRAFANA_TOKEN=glsa_…
//! let dir = truto_devtools::grafana::connect(&Config::from_env("grafana"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Grafana spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("grafana", "Grafana", Family::Devtools)
        .credentials(&[
            Credential::bearer("token"),
            Credential::basic("{username}", "password"),
        ])
        .base_url("{instance}")
        .config(&[
            ConfigKey::required(
                "instance",
                "the instance's URL, e.g. https://acme.grafana.net",
            )
            .origin(),
            ConfigKey::optional_secret("token", "a service account token"),
            ConfigKey::optional("username", "a user's login (Basic auth, with `password`)"),
            ConfigKey::optional_secret("password", "that user's password"),
        ])
        .note("a service account token and the instance URL; lists the token's organization"),
)
.list(List::get("api/org/users"))
.map(&[
    id("userId"),
    text(Text::Name, "name"),
    // Grafana versions before `name` was in the DTO: the login.
    text(Text::Name, "login"),
    text(Text::Username, "login"),
    email("email"),
    status_flag("isDisabled", Status::Inactive, Some(Status::Active)),
    reference(Refs::Roles).id("role"),
    reference(Refs::Organizations).id("orgId"),
    text(Text::Avatar, "avatarUrl"),
    time(Time::LastActiveAt, "lastSeenAt", TimeFormat::Auto),
    time(Time::CreatedAt, "created", TimeFormat::Auto),
])
.sources(&[
    "https://grafana.com/docs/grafana/latest/developers/http_api/org/",
    "https://grafana.com/docs/grafana/latest/developers/http_api/user/",
    "https://github.com/grafana/grafana-openapi-client-go",
]);

/// Connects to Grafana (`instance`, and `token` or `username`/`password`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
