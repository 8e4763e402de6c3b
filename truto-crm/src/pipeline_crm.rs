//! # Pipeline CRM
//!
//! The users of one Pipeline CRM (formerly PipelineDeals) account, through its API v3.
//!
//! | | |
//! |---|---|
//! | slug / feature | `pipeline_crm` |
//! | operations | list |
//! | list | `GET /api/v3/users.json?page=&per_page=`, paged by page number; records in `entries` |
//! | base URL | `https://api.pipelinedeals.com/api/v3` |
//! | auth | `api_key=<key>` in the query string of every request; config key `api_key` (env `TRUTO_PIPELINE_CRM_API_KEY`): a user's API key, whose visibility rules apply (an administrator's sees every user) |
//! | page size | `per_page`: 100 by default and at most ("a hard limit of 100 items for any request") |
//! | filters | none |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | Pipeline CRM | unified |
//! |---|---|
//! | `id` | `id` |
//! | `first_name`, `last_name`, `full_name` | `first_name`, `last_name`, `name` |
//! | `email` | `emails[0]` (primary) |
//! | `avatar_thumb_url` | `avatar` |
//! | `time_zone` (e.g. `Eastern Time (US & Canada)`) | `timezone`, unchanged |
//! | `created_at`, `updated_at` (`YYYY/MM/DD HH:MM:SS ±ZZZZ`) | `created_at`, `updated_at` |
//!
//! `w2lid` (the user's web-to-lead id) and anything else stays in `remote_data`.
//!
//! ## Quirks
//!
//! - Every collection answers `{entries: [...], pagination: {page, per_page, total, …}}`;
//!   the listing asks for the next page while a page comes back full.
//! - Dates are written `2012/05/25 11:36:37 -0400`, not RFC 3339.
//! - Access follows the key's user's visibility rules.
//!
//! ## Sources
//!
//! - <https://app.pipelinedeals.com/api/docs> (the changelog: the `/users` endpoint, its
//!   `w2lid` and `time_zone` attributes)
//! - <https://app.pipelinedeals.com/api/docs/request_response> (the REST pattern
//!   `GET /:object`, `api_key` in the query, JSON responses, the date format and the `user`
//!   object's `first_name`, `last_name`, `id`, `avatar_thumb_url`)
//! - <http://www.pipelinedeals.com/api/docs/pagination> (`entries`, `pagination`, `page`,
//!   `per_page`, the limit of 100)
//! - <https://app.pipelinedeals.com/api/docs/resources/people> (the `user` convenience object's
//!   `full_name`)
//! - <https://app.pipelinedeals.com/api/docs/visibility_rules> (visibility)
//!
//! ## Not confirmed
//!
//! - The users resource page itself could not be read: the path `users.json` follows the
//!   documented REST pattern and the changelog's "/users endpoint"; `email`, `full_name`,
//!   `created_at` and `updated_at` on a user are assumed from the other resources' shapes.
//! - Whether inactive users are listed, and how they are marked (no status is mapped).
//! - The error body and rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_PIPELINE_CRM_API_KEY=…
//! let dir = truto_crm::pipeline_crm::connect(&Config::from_env("pipeline_crm"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, List, Spec, page_number, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Pipeline CRM spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("pipeline_crm", "Pipeline CRM", Family::Crm)
        .credentials(&[Credential::query("api_key", "api_key")])
        .base_url("https://api.pipelinedeals.com/api/v3")
        .config(&[ConfigKey::secret(
            "api_key",
            "a user's API key (an administrator's sees every user)",
        )])
        .note("an administrator's API key; lists the account's users"),
)
.list(
    List::get("users.json")
        .records("entries")
        .paging(page_number(
            query("page"),
            query("per_page"),
            1,
            End::ShortPage,
        ))
        .page_size(100, 100),
)
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    text(Text::Name, "full_name"),
    name_from_parts(),
    email("email"),
    text(Text::Avatar, "avatar_thumb_url"),
    text(Text::Timezone, "time_zone"),
    time(Time::CreatedAt, "created_at", DATE),
    time(Time::UpdatedAt, "updated_at", DATE),
])
.sources(&[
    "https://app.pipelinedeals.com/api/docs",
    "https://app.pipelinedeals.com/api/docs/request_response",
    "http://www.pipelinedeals.com/api/docs/pagination",
    "https://app.pipelinedeals.com/api/docs/resources/people",
    "https://app.pipelinedeals.com/api/docs/visibility_rules",
]);

/// Pipeline CRM's dates: `2012/05/25 11:36:37 -0400`.
const DATE: TimeFormat = TimeFormat::Custom("%Y/%m/%d %H:%M:%S %z");

/// Connects to Pipeline CRM (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
