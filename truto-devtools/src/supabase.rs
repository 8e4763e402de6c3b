//! # Supabase
//!
//! The members of one Supabase organization (the dashboard accounts, not a project's Auth
//! users), through the Supabase Management API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `supabase` |
//! | operations | list |
//! | list | `GET /v1/organizations/{slug}/members`: a bare JSON array, all in one response |
//! | base URL | `https://api.supabase.com` |
//! | auth | `Authorization: Bearer <personal access token>` (`sbp_…`) or an OAuth access token with `organizations:read`; config key `token` (env `TRUTO_SUPABASE_TOKEN`) |
//! | config keys | `organization` (the organization's slug, from `GET /v1/organizations`) |
//! | permissions | the token's user must be a member of the organization with the `members_read` permission |
//! | page size | none: the list is not paged |
//! | filters | none |
//! | rate limits | 60 requests a minute per user across all its tokens; past it, every call is refused with `429` for the next minute |
//!
//! ## Mapping
//!
//! | Supabase | unified |
//! |---|---|
//! | `user_id` | `id` |
//! | `user_name` | `username` |
//! | `email` | `emails` (one, primary) |
//! | `role_name` | `roles` (id and name) |
//! | `mfa_enabled` | `is_2fa_enabled` |
//!
//! ## Quirks
//!
//! - Members carry no display name, status or dates: the listing holds the
//!   organization's current members. There is no endpoint that reads one member.
//! - `email` may be missing.
//!
//! ## Sources
//!
//! - Supabase's Management API description as its CLI keeps it (downloaded from
//!   `https://api.supabase.com`), `supabase/cli`, `packages/api/src/generated/openapi.json`
//!   (`v1-list-organization-members`, `V1OrganizationMemberResponse`, the `members_read`
//!   permission and the `organizations:read` OAuth scope)
//! - <https://supabase.com/docs/reference/api/> (bearer tokens, rate limits)
//!
//! ## Not confirmed
//!
//! - Whether invited members who have not accepted are listed.
//! - The values of `role_name` (the description does not enumerate them).
//! - The error body (read with the common shapes: `message`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SUPABASE_TOKEN=sbp_…, TRUTO_SUPABASE_ORGANIZATION=tsrqponmlkjihgfedcba
//! let dir = truto_devtools::supabase::connect(&Config::from_env("supabase"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Supabase spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("supabase", "Supabase", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.supabase.com")
        .config(&[
            ConfigKey::secret(
                "token",
                "a personal access token (`sbp_…`) or an OAuth token with organizations:read",
            ),
            ConfigKey::required("organization", "the organization's slug"),
        ])
        .note("a personal access token and the organization slug; lists dashboard members, not Auth users"),
)
.list(List::get("v1/organizations/{organization}/members"))
.map(&[
    id("user_id"),
    text(Text::Username, "user_name"),
    email("email"),
    reference(Refs::Roles).id("role_name").name("role_name"),
    flag(Flag::TwoFactor, "mfa_enabled"),
])
.sources(&[
    "https://github.com/supabase/cli/blob/main/packages/api/src/generated/openapi.json",
    "https://supabase.com/docs/reference/api/",
]);

/// Connects to Supabase (`token`, `organization`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
