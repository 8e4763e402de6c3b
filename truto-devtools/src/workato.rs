//! # Workato
//!
//! The collaborators of one Workato workspace, through the Workato Developer API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `workato` |
//! | operations | list |
//! | list | `GET /api/members`: `data` (with `total`), all in one response |
//! | base URL | the data center's origin, config key `host`: `https://www.workato.com` (US, the default), `https://app.eu.workato.com`, `https://app.jp.workato.com`, `https://app.sg.workato.com`, `https://app.au.workato.com`, `https://app.il.workato.com`, `https://app.workatoapp.cn`, … |
//! | auth | `Authorization: Bearer <API client token>`; config key `token` (env `TRUTO_WORKATO_TOKEN`) |
//! | config keys | `host` |
//! | permissions | an API client whose client role allows *Get collaborators* (`GET /api/members`) and has access to the `DEV` environment |
//! | page size | none: the list is not paged |
//! | filters | none |
//! | rate limits | 60 requests a minute for the collaborator endpoints |
//!
//! ## Mapping
//!
//! | Workato | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `role_name` | `roles` (name) |
//! | `external_id` | `external_id` |
//! | `time_zone` (a Rails zone name, e.g. `Pacific Time (US & Canada)`) | `timezone` |
//!
//! `grant_type` (a team member or a customer manager) stays in `remote_data`.
//!
//! ## Quirks
//!
//! - Collaborators carry no status: the listing holds the workspace's current
//!   collaborators; pending invitations (`/api/member_invitations`) are not listed.
//! - Under Workato's role-based access control, a collaborator's roles differ per
//!   environment; they are read one collaborator at a time (`/api/members/{id}/privileges`),
//!   which this integration does not call.
//! - The Developer API is included only in some Workato plans.
//!
//! ## Sources
//!
//! - <https://docs.workato.com/en/workato-api/team.html> (the collaborator endpoints, the
//!   DEV-environment requirement, rate limits)
//! - <https://api-docs.workato.com/workato-api/resources/workspace-collaborators/get-members>
//!   (Get list of collaborators: `data` and `total`, the bearer token, the client-role
//!   privilege)
//! - <https://api-docs.workato.com/oem-api/resources/customer-workspace-collaborators/get-managed-users-managed-user-id-members>
//!   (the collaborator's fields: `id`, `grant_type`, `role_name`, `external_id`, `name`,
//!   `email`, `time_zone`)
//! - <https://docs.workato.com/en/workato-api.html> (the data centers' base URLs, API
//!   client tokens)
//!
//! ## Not confirmed
//!
//! - The collaborator's fields were read from the Embedded API's twin endpoint; the
//!   Developer API's list may carry more (a third-party connector reads `roles[]`,
//!   `created_at` and `last_activity_log`), which stay in `remote_data`.
//! - Whether the list is ever paged (the reference lists no query parameters).
//! - The error body (read with the common shapes: `message`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_WORKATO_TOKEN=…, TRUTO_WORKATO_HOST=https://app.eu.workato.com
//! let dir = truto_devtools::workato::connect(&Config::from_env("workato"))?;
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

/// The Workato spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("workato", "Workato", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("{host}")
        .config(&[
            ConfigKey::secret(
                "token",
                "an API client's token (its client role allows Get collaborators, with DEV access)",
            ),
            ConfigKey::optional(
                "host",
                "the data center's origin: https://www.workato.com (US, the default), https://app.eu.workato.com, …",
            )
            .default("https://www.workato.com")
            .origin(),
        ])
        .note("an API client token (Developer API plans); set `host` outside the US data center"),
)
.list(List::get("api/members").records("data"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    reference(Refs::Roles).name("role_name"),
    text(Text::ExternalId, "external_id"),
    text(Text::Timezone, "time_zone"),
])
.sources(&[
    "https://docs.workato.com/en/workato-api/team.html",
    "https://api-docs.workato.com/workato-api/resources/workspace-collaborators/get-members",
    "https://api-docs.workato.com/oem-api/resources/customer-workspace-collaborators/get-managed-users-managed-user-id-members",
    "https://docs.workato.com/en/workato-api.html",
]);

/// Connects to Workato (`token`, optionally `host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
