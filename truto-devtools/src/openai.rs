//! # OpenAI
//!
//! The users of an OpenAI platform organization, through the Administration API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `openai` |
//! | operations | list |
//! | list | `GET /v1/organization/users?limit=&after=`, paged by cursor: `after` is the `last_id` of the page before, while `has_more` is true |
//! | base URL | `https://api.openai.com/v1` |
//! | auth | `Authorization: Bearer <admin key>`; config key `admin_api_key` (env `TRUTO_OPENAI_ADMIN_API_KEY`) |
//! | config keys | none besides the key |
//! | scopes | an Admin API key (created by an Organization Owner); project API keys are not accepted here |
//! | page size | `limit`, 1 to 100, 20 by default (100 is sent) |
//! | filters | `email` (`emails[]=<address>`) |
//! | rate limits | not documented for the Administration API; `429` is retried by the transport |
//!
//! ## Mapping
//!
//! | OpenAI | unified |
//! |---|---|
//! | `id` (`user_…`) | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `role` (`owner` or `reader`) | `roles` |
//! | `is_service_account` | `user_type`: `true` → `machine`, `false` → `user` |
//! | `user.picture` | `avatar` |
//! | `added_at` (Unix seconds, when the user was added to the organization), else `created` | `created_at` |
//! | `api_key_last_used_at` (Unix seconds) | `last_active_at` |
//!
//! ## Quirks
//!
//! - Invited people who have not accepted are invites (`/organization/invites`), not
//!   users, and are not listed.
//! - `user.enabled`, `user.banned` and `user.banned_at` are in the schema without a
//!   description of their meaning, so no status is derived from them; they stay in
//!   `remote_data`.
//! - The reference lists OpenAI for listing only; `GET /organization/users/{user_id}`
//!   exists but is not declared.
//!
//! ## Sources
//!
//! - OpenAI's published API description, `openai/openai-openapi` (`openapi.json`):
//!   `list-users` (`limit`, `after`, `emails`), the `User` and `UserListResponse` schemas,
//!   the `AdminApiKeyAuth` scheme and the `ErrorResponse` schema
//! - <https://platform.openai.com/docs/api-reference/users> (the rendered reference)
//! - OpenAI's official Python SDK, `openai/openai-python` (`_client.py`): query arrays are
//!   written with brackets (`emails[]=`)
//!
//! ## Not confirmed
//!
//! - The role values: the schema says `owner` or `reader`, the modify-user text says
//!   `owner` or `member`.
//! - That `emails` matches exactly (the description says only "Filter by the email address
//!   of users"), and that the server reads the bracketed array form the SDK sends.
//! - Rate limits and rate-limit headers of the Administration API.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_OPENAI_ADMIN_API_KEY=sk-admin-…
//! let dir = truto_devtools::openai::connect(&Config::from_env("openai"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec, cursor_while, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The OpenAI spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("openai", "OpenAI", Family::Devtools)
        .credentials(&[Credential::bearer("admin_api_key")])
        .base_url("https://api.openai.com/v1")
        .config(&[ConfigKey::secret(
            "admin_api_key",
            "an Admin API key (sk-admin-…), created by an Organization Owner",
        )])
        .note("needs an Admin API key (not a project key); lists the organization's users, not pending invites"),
)
.list(
    List::get("organization/users")
        .records("data")
        .paging(cursor_while(
            query("after"),
            query("limit"),
            "last_id",
            "has_more",
        ))
        .filters(&[FilterRule::query(Filter::Email, "emails[]")])
        .page_size(100, 100),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    reference(Refs::Roles).id("role"),
    user_type_flag("is_service_account", "machine", Some("user")),
    text(Text::Avatar, "user.picture"),
    time(Time::CreatedAt, "added_at", TimeFormat::EpochSeconds),
    time(Time::CreatedAt, "created", TimeFormat::EpochSeconds),
    time(Time::LastActiveAt, "api_key_last_used_at", TimeFormat::EpochSeconds),
])
.errors(
    Errors::GENERIC
        .message(&["error.message"])
        .code(&["error.code", "error.type"]),
)
.sources(&[
    "https://github.com/openai/openai-openapi",
    "https://platform.openai.com/docs/api-reference/users",
    "https://github.com/openai/openai-python/blob/main/src/openai/_client.py",
]);

/// Connects to OpenAI (`admin_api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
