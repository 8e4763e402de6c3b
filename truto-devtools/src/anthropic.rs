//! # Anthropic
//!
//! The members of an Anthropic (Claude Console) organization, through the Admin API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `anthropic` |
//! | operations | list |
//! | list | `GET /v1/organizations/users?limit=&after_id=`, paged by cursor: `last_id` of a page is the `after_id` of the next while `has_more` is true |
//! | base URL | `https://api.anthropic.com` |
//! | auth | `x-api-key: <Admin API key>` and `anthropic-version: 2023-06-01` on every request; config key `api_key` (env `TRUTO_ANTHROPIC_API_KEY`) |
//! | config keys | `api_key` only: the organization is the Admin key's |
//! | scopes | none: an Admin API key (created by an organization admin in the Claude Console) acts with admin rights; a normal API key is refused |
//! | page size | `limit`: default 20; 100 is asked for at most (see *Not confirmed*) |
//! | filters | `email` (`email=`, an exact address) |
//! | rate limits | `429` with error type `rate_limit_error`; `529` `overloaded_error` is retried like a 5xx |
//!
//! ## Mapping
//!
//! | Anthropic | unified |
//! |---|---|
//! | `id` (`user_…`) | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `role` (`user`, `developer`, `billing`, `admin`, `claude_code_user`) | `roles` (one, by id) |
//! | `added_at` (when the user joined the organization) | `created_at` |
//!
//! `type` is always `user` and stays in `remote_data`.
//!
//! ## Quirks
//!
//! - The Users API lists members only; pending invitations are a separate resource
//!   (`/v1/organizations/invites`) and are not listed.
//! - The record has no status: every listed user is a member of the organization, so no
//!   status is mapped rather than one invented.
//! - The reference marks list only, so no get is declared (the Admin API has one:
//!   `GET /v1/organizations/users/{user_id}`).
//!
//! ## Sources
//!
//! - <https://platform.claude.com/docs/en/api/admin/users/list> (List Users: `after_id`,
//!   `before_id`, `email`, `limit`; `data`, `first_id`, `last_id`, `has_more`; the
//!   `x-api-key` and `anthropic-version` headers)
//! - <https://platform.claude.com/docs/en/api/admin/users/retrieve> (the User object and its example)
//! - <https://docs.anthropic.com/en/api/errors> (error body and types)
//!
//! ## Not confirmed
//!
//! - The largest `limit`: the current reference says 1000, an older copy of the same page
//!   100; 100 is the largest asked for.
//! - Whether the Admin API sends rate-limit headers (`retry-after` is honoured when sent).
//! - The full `role` enumeration (other values pass through as role ids).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ANTHROPIC_API_KEY=sk-ant-admin…
//! let dir = truto_devtools::anthropic::connect(&Config::from_env("anthropic"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec, cursor_while, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Anthropic spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("anthropic", "Anthropic", Family::Devtools)
        .credentials(&[Credential::header("x-api-key", "api_key")])
        .base_url("https://api.anthropic.com")
        .config(&[ConfigKey::secret(
            "api_key",
            "an Admin API key (created by an organization admin in the Claude Console)",
        )])
        .note("Needs an Admin API key (not a normal API key); lists the organization's members, not its invites."),
)
.list(
    List::get("v1/organizations/users")
        .records("data")
        .paging(cursor_while(
            query("after_id"),
            query("limit"),
            "last_id",
            "has_more",
        ))
        .filters(&[FilterRule::query(Filter::Email, "email")])
        .page_size(20, 100),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    reference(Refs::Roles).id("role"),
    time(Time::CreatedAt, "added_at", TimeFormat::Auto),
])
.headers(&[("anthropic-version", "2023-06-01")])
.errors(
    Errors::GENERIC
        .message(&["error.message"])
        .code(&["error.type"])
        .request_id(&["request_id"])
        .throttled(&["rate_limit_error"]),
)
.sources(&[
    "https://platform.claude.com/docs/en/api/admin/users/list",
    "https://platform.claude.com/docs/en/api/admin/users/retrieve",
    "https://docs.anthropic.com/en/api/errors",
]);

/// Connects to the Anthropic Admin API (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
