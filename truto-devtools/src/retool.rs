//! # Retool
//!
//! The users of a Retool organization (cloud, Space or self-hosted instance), through the
//! Retool API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `retool` |
//! | operations | list |
//! | list | `GET /api/v2/users?limit=&next_token=`, paged by cursor (`next_token`) while `has_more` is true |
//! | base URL | `https://{domain}/api/v2`, `domain` being the instance's host (`example.retool.com`, a Space's or a self-hosted host) |
//! | auth | `Authorization: Bearer <api token>`; config key `token` (env `TRUTO_RETOOL_TOKEN`) |
//! | config keys | `domain` (required) |
//! | scopes | the API token needs the "Users > Read" scope |
//! | page size | `limit`, 1 to 100 (100 is sent: without it Retool returns every user unpaged) |
//! | filters | `email`, `first_name`, `last_name` (query parameters of the same names) |
//! | rate limits | not documented; `429` is retried by the transport |
//!
//! ## Mapping
//!
//! | Retool | unified |
//! |---|---|
//! | `id` (`user_…`) | `id` |
//! | `first_name`, `last_name` (and `name` joined from them) | `first_name`, `last_name`, `name` |
//! | `email` | `emails` (one, primary) |
//! | `active` | `status`: `true` → `active`, `false` → `inactive` |
//! | `is_admin` | `roles`: `admin` when true |
//! | `user_type` (`default`, `mobile`, `embed`) | `user_type` |
//! | `two_factor_auth_enabled` | `is_2fa_enabled` |
//! | `created_at` | `created_at` |
//! | `last_active` | `last_active_at` |
//! | `legacy_id` | `identifiers.legacy_id` |
//!
//! ## Quirks
//!
//! - Pending invitations are a resource of their own (`/user_invites`) and are not listed.
//! - The reference lists Retool for listing only; `GET /api/v2/users/{userId}` exists but is
//!   not declared.
//!
//! ## Sources
//!
//! - Retool's API description as vendored by its official Terraform provider,
//!   `tryretool/terraform-provider-retool` (`internal/sdk/openAPISpec.json`, version
//!   2.12.0): bearer authentication, "List users" (`email`, `first_name`, `last_name`,
//!   `limit`, `next_token`) and the user object; `internal/provider/provider.go` (the host
//!   and the `/api/v2` base path)
//! - <https://docs.retool.com/reference/api> (the rendered reference)
//!
//! ## Not confirmed
//!
//! - Whether the filters match exactly or by substring.
//! - Which plans include the API, and any rate limit.
//! - The error body beyond `{"success": false, "message": …}`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_RETOOL_TOKEN=…, TRUTO_RETOOL_DOMAIN=example.retool.com
//! let dir = truto_devtools::retool::connect(&Config::from_env("retool"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec, cursor_while, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Retool spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("retool", "Retool", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{domain}/api/v2")
        .config(&[
            ConfigKey::secret(
                "token",
                "a Retool API token with the \"Users > Read\" scope (Settings → API)",
            ),
            ConfigKey::required(
                "domain",
                "the instance's host, e.g. `example.retool.com` (a Space's or a self-hosted host likewise)",
            ),
        ])
        .note("needs an API token with \"Users > Read\" and the instance's host as `domain`"),
)
.list(
    List::get("users")
        .records("data")
        .paging(cursor_while(
            query("next_token"),
            query("limit"),
            "next_token",
            "has_more",
        ))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::query(Filter::FirstName, "first_name"),
            FilterRule::query(Filter::LastName, "last_name"),
        ])
        .page_size(100, 100),
)
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email"),
    active_flag("active"),
    ref_if(Refs::Roles, "is_admin", "admin"),
    text(Text::UserType, "user_type"),
    flag(Flag::TwoFactor, "two_factor_auth_enabled"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::LastActiveAt, "last_active", TimeFormat::Auto),
    identifier("legacy_id", "legacy_id"),
])
.errors(Errors::GENERIC.message(&["message"]))
.sources(&[
    "https://github.com/tryretool/terraform-provider-retool/blob/main/internal/sdk/openAPISpec.json",
    "https://docs.retool.com/reference/api",
]);

/// Connects to Retool (`token`, `domain`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
