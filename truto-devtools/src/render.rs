//! # Render
//!
//! The members of one Render workspace, through Render's public REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `render` |
//! | operations | list |
//! | list | `GET /v1/owners/{owner_id}/members`: a bare array, one response |
//! | base URL | `https://api.render.com/v1` |
//! | auth | `Authorization: Bearer <api key>`; config key `api_key` (env `TRUTO_RENDER_API_KEY`) |
//! | config keys | `owner_id` (required): the workspace's id (`tea-…`), from `GET /v1/owners` |
//! | scopes | none: an API key acts as its user, in every workspace of that user |
//! | page size | none (one response) |
//! | filters | none |
//! | rate limits | `429` with `Retry-After` (seconds), honoured by the transport |
//!
//! ## Mapping
//!
//! | Render | unified |
//! |---|---|
//! | `userId` | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `status` (`active`, `inactive`) | `status` |
//! | `role` (`ADMIN`, `DEVELOPER`, `WORKSPACE_BILLING`, `WORKSPACE_CONTRIBUTOR`, `WORKSPACE_VIEWER`; always upper case) | `roles` |
//! | `mfaEnabled` | `is_2fa_enabled` |
//!
//! ## Quirks
//!
//! - Unlike Render's other lists, the members list is a bare array without cursors.
//! - There is no endpoint for one member (only `PATCH` and `DELETE` on
//!   `/owners/{ownerId}/members/{userId}`), so no get.
//!
//! ## Sources
//!
//! - Render's official Terraform provider, `render-oss/terraform-provider-render`, whose
//!   client is generated from Render's public API description
//!   (`internal/client/client_gen.go`: `RetrieveOwnerMembers`; `internal/client/types_gen.go`:
//!   `TeamMember`, `TeamMemberStatus`, `TeamMemberRole`, `Error`;
//!   `internal/provider/provider.go` and `client.go`: the host, bearer auth, `Retry-After`)
//! - <https://api-docs.render.com/reference/> (the rendered reference)
//!
//! ## Not confirmed
//!
//! - Whether pending invitations are listed.
//! - Render's published rate limits and any rate-limit headers.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_RENDER_API_KEY=…, TRUTO_RENDER_OWNER_ID=tea-…
//! let dir = truto_devtools::render::connect(&Config::from_env("render"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Render spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("render", "Render", Family::Devtools)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.render.com/v1")
        .config(&[
            ConfigKey::secret("api_key", "a Render API key (Account Settings → API Keys)"),
            ConfigKey::required(
                "owner_id",
                "the workspace's id (`tea-…`), from GET /v1/owners",
            ),
        ])
        .note("needs an API key and the workspace's id as `owner_id`"),
)
.list(List::get("owners/{owner_id}/members"))
.map(&[
    id("userId"),
    text(Text::Name, "name"),
    email("email"),
    status(
        "status",
        &[("active", Status::Active), ("inactive", Status::Inactive)],
    ),
    reference(Refs::Roles).id("role"),
    flag(Flag::TwoFactor, "mfaEnabled"),
])
.errors(Errors::GENERIC.message(&["message"]).code(&["id"]))
.sources(&[
    "https://github.com/render-oss/terraform-provider-render",
    "https://api-docs.render.com/reference/",
]);

/// Connects to Render (`api_key`, `owner_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
