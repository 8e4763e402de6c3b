//! # Turso
//!
//! The members of one Turso organization, through the Turso Platform API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `turso` |
//! | operations | list, get |
//! | list | `GET /v1/organizations/{organizationSlug}/members`: `members`, all in one response |
//! | get | `GET /v1/organizations/{organizationSlug}/members/{username}`: `member` |
//! | base URL | `https://api.turso.tech` |
//! | auth | `Authorization: Bearer <platform API token>`; config key `token` (env `TRUTO_TURSO_TOKEN`) |
//! | config keys | `organization` (the organization's slug, from `turso org list`) |
//! | tokens | an organization-scoped platform token (`turso auth api-tokens mint <name> --org <org>`) |
//! | page size | none: the list is not paged |
//! | filters | none |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | Turso | unified |
//! |---|---|
//! | `username` (the key a get takes) | `id`, `username` |
//! | `email` | `emails` (one, primary) |
//! | `role` (`owner`, `admin`, `member`, `viewer`) | `roles` (id and name) |
//!
//! ## Quirks
//!
//! - A member is addressed by username: `id` is the username.
//! - Members carry no name, avatar or status; the listing holds the organization's
//!   current members. Pending invitations are a separate resource
//!   (`/v2/organizations/{organizationSlug}/invites`), not listed here.
//!
//! ## Sources
//!
//! - Turso's published API description, `tursodatabase/turso-docs`,
//!   `api-reference/openapi.json` (`listOrganizationMembers`, `getOrganizationMember`,
//!   the `Member` schema and its example values, the `404` body)
//! - <https://docs.turso.tech/api-reference/authentication> (bearer tokens, token scopes)
//! - <https://docs.turso.tech/api-reference/response-codes> (error statuses)
//!
//! ## Not confirmed
//!
//! - Whether a group-scoped token can list members (organization-scoped tokens can).
//! - Rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_TURSO_TOKEN=…, TRUTO_TURSO_ORGANIZATION=acme
//! let dir = truto_devtools::turso::connect(&Config::from_env("turso"))?;
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
use truto_core::provider::declarative::{Get, List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Turso spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("turso", "Turso", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.turso.tech")
        .config(&[
            ConfigKey::secret("token", "an organization-scoped platform API token"),
            ConfigKey::required("organization", "the organization's slug"),
        ])
        .note("an organization-scoped platform API token and the organization slug; members carry no name"),
)
.list(List::get("v1/organizations/{organization}/members").records("members"))
.get(Get::get("v1/organizations/{organization}/members/{id}").record("member"))
.map(&[
    id("username"),
    text(Text::Username, "username"),
    email("email"),
    reference(Refs::Roles).id("role").name("role"),
])
.sources(&[
    "https://github.com/tursodatabase/turso-docs/blob/main/api-reference/openapi.json",
    "https://docs.turso.tech/api-reference/authentication",
    "https://docs.turso.tech/api-reference/response-codes",
]);

/// Connects to Turso (`token`, `organization`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
