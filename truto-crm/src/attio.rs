//! # Attio
//!
//! The members of one Attio workspace, through Attio's REST API (v2) workspace members.
//!
//! | | |
//! |---|---|
//! | slug / feature | `attio` |
//! | operations | list, get |
//! | list | `GET /v2/workspace_members` (every member in one response, under `data`) |
//! | get | `GET /v2/workspace_members/{workspace_member_id}` (the member under `data`) |
//! | base URL | `https://api.attio.com` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_ATTIO_TOKEN`): a workspace access token or an OAuth access token |
//! | scopes | `user_management:read` |
//! | page size | none: the list is not paged |
//! | filters | none |
//! | rate limits | 100 reads per second; `429` with `Retry-After` (an HTTP date, usually the next second) |
//!
//! ## Mapping
//!
//! | Attio | unified |
//! |---|---|
//! | `id.workspace_member_id` | `id` |
//! | `id.workspace_id` | `workspaces` (id) |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email_address` | `emails[0]` (primary) |
//! | `avatar_url` | `avatar` |
//! | `access_level`: `admin`, `member` → `active`; `suspended` → `inactive` | `status` |
//! | `access_level`: `admin` → `admin`, `member` → `user` (none when suspended) | `user_type` |
//! | `created_at` | `created_at` |
//!
//! ## Quirks
//!
//! - Attio never deletes workspace members: a removed member stays, with `access_level`
//!   `suspended`, so that past actions stay attributed.
//! - The API reaches one workspace (the token's); a member is one user in that workspace.
//! - Workspace members are read-only through the API.
//!
//! ## Sources
//!
//! - <https://docs.attio.com/rest-api/endpoint-reference/workspace-members/list-workspace-members>
//! - <https://docs.attio.com/rest-api/endpoint-reference/workspace-members/get-a-workspace-member>
//!   (the example member and `access_level`'s values)
//! - <https://docs.attio.com/docs/users-and-workspaces>
//! - <https://docs.attio.com/rest-api/guides/rate-limiting>
//!
//! ## Not confirmed
//!
//! - The error body's `code` values besides `rate_limit_exceeded` (`message` and `code` are
//!   read).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ATTIO_TOKEN=…
//! let dir = truto_crm::attio::connect(&Config::from_env("attio"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Attio spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("attio", "Attio", Family::Crm)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.attio.com")
        .config(&[ConfigKey::secret(
            "token",
            "a workspace access token or OAuth access token with user_management:read",
        )])
        .note("a token with user_management:read; lists the token's workspace members, suspended ones included"),
)
.list(List::get("v2/workspace_members").records("data"))
.get(Get::get("v2/workspace_members/{id}").record("data"))
.map(&[
    id("id.workspace_member_id"),
    reference(Refs::Workspaces).id("id.workspace_id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email_address"),
    text(Text::Avatar, "avatar_url"),
    status(
        "access_level",
        &[
            ("admin", Status::Active),
            ("member", Status::Active),
            ("suspended", Status::Inactive),
        ],
    ),
    text(Text::UserType, "access_level").via(user_type),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["message"])
        .code(&["code"])
        .throttled(&["rate_limit_exceeded"]),
)
.sources(&[
    "https://docs.attio.com/rest-api/endpoint-reference/workspace-members/list-workspace-members",
    "https://docs.attio.com/rest-api/endpoint-reference/workspace-members/get-a-workspace-member",
    "https://docs.attio.com/docs/users-and-workspaces",
    "https://docs.attio.com/rest-api/guides/rate-limiting",
]);

/// What the Attio integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Attio (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `user_type` from `access_level`: an admin is `admin`, a member `user`; a suspended
/// member's former level is not known.
fn user_type(level: &str) -> Option<String> {
    match level {
        "admin" => Some("admin".to_owned()),
        "member" => Some("user".to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_levels_give_user_types() {
        assert_eq!(user_type("admin").as_deref(), Some("admin"));
        assert_eq!(user_type("member").as_deref(), Some("user"));
        assert_eq!(user_type("suspended"), None);
    }
}
