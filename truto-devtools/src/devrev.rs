//! # DevRev
//!
//! The dev users of a DevRev organization (its own members, not its customers), through
//! DevRev's public REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `devrev` |
//! | operations | list |
//! | list | `GET /dev-users.list?limit=&cursor=`, paged by cursor: `next_cursor` of a page is the `cursor` of the next |
//! | base URL | `https://api.devrev.ai` |
//! | auth | `Authorization: Bearer <token>` (a personal access token, or a service account's token); config key `token` (env `TRUTO_DEVREV_TOKEN`) |
//! | config keys | `token` only |
//! | scopes | the token has its owner's privileges: the owner must be allowed to read dev users |
//! | page size | `limit`: default 50; 100 is asked for at most |
//! | filters | `email` (`email=`), `status` (`state=`: `active`, `deactivated` for `inactive`, `deleted`) |
//! | rate limits | per user, in five-minute windows: `X-Ratelimit-Remaining`, `X-Ratelimit-Reset` (Unix seconds); `429` with `Retry-After` |
//!
//! ## Mapping
//!
//! | DevRev (`dev-user`) | unified |
//! |---|---|
//! | `id` (a DON, `don:identity:…:devu/30`) | `id` |
//! | `display_id` (`DEVU-30`) | `identifiers.display_id` |
//! | `full_name` | `name` |
//! | `display_name` (a non-unique, mutable handle) | `username` |
//! | `email` | `emails` (one, primary) |
//! | `phone_numbers[]` | `phones` |
//! | `state`: `active`, `deactivated`, `deleted` | `status`: `active`, `inactive`, `deleted`; `locked`, `shadow` and `unassigned` pass through |
//! | the `title` of the `job_history[]` entry with `is_current` | `title` (a hook: no rule picks an element by a flag) |
//! | `created_date` | `created_at` |
//! | `modified_date` | `updated_at` |
//!
//! `display_picture` (an artifact, not a URL), `external_identities`, `reports_to`,
//! `skills` and `experience_start_date` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Dev users are the organization's members; customers (rev users) are another resource
//!   and are not listed.
//! - The reference marks list only, so no get is declared (DevRev has
//!   `GET /dev-users.get?id=`).
//!
//! ## Sources
//!
//! - DevRev's public API description, `fern/apis/public/openapi-public.yaml` of the official
//!   <https://github.com/devrev/fern-api-docs> (the source of developer.devrev.ai):
//!   `GET /dev-users.list` (`cursor`, `email`, `limit`, `mode`, `sort_by`, `state`),
//!   `dev-users-list-response`, `dev-user`, `user-base`, `atom-base`, `user-state`,
//!   `job-history-item`, `error-base`, the bearer scheme
//! - <https://developer.devrev.ai/about/pagination> (cursors; no `next_cursor` on the last page)
//! - <https://developer.devrev.ai/about/rate-limits> (the rate-limit headers, `Retry-After`)
//!
//! ## Not confirmed
//!
//! - The largest `limit`.
//! - Whether a listing without `state` includes deleted and shadow users.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DEVREV_TOKEN=…
//! let dir = truto_devtools::devrev::connect(&Config::from_env("devrev"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.title);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec, cursor, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{
    Config, ConfigKey, Error, Family, Filter, Integration, Result, User, UserDirectory,
};

/// The DevRev spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("devrev", "DevRev", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.devrev.ai")
        .config(&[ConfigKey::secret(
            "token",
            "a personal access token or service account token allowed to read dev users",
        )])
        .note("Needs a DevRev token whose owner can read dev users; lists the organization's dev users, not customers."),
)
.list(
    List::get("dev-users.list")
        .records("dev_users")
        .paging(cursor(query("cursor"), query("limit"), "next_cursor"))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::mapped(
                Filter::Status,
                "state",
                &[
                    ("active", "active"),
                    ("inactive", "deactivated"),
                    ("deleted", "deleted"),
                ],
            ),
        ])
        .page_size(50, 100),
)
.map(&[
    id("id"),
    identifier("display_id", "display_id"),
    text(Text::Name, "full_name"),
    text(Text::Username, "display_name"),
    email("email"),
    phones("phone_numbers", ""),
    status(
        "state",
        &[
            ("active", Status::Active),
            ("deactivated", Status::Inactive),
            ("deleted", Status::Deleted),
        ],
    ),
    time(Time::CreatedAt, "created_date", TimeFormat::Auto),
    time(Time::UpdatedAt, "modified_date", TimeFormat::Auto),
])
.post_map(current_title, &["title"])
.errors(Errors::GENERIC.message(&["message", "detail"]).code(&["type"]))
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://github.com/devrev/fern-api-docs/blob/main/fern/apis/public/openapi-public.yaml",
    "https://developer.devrev.ai/about/pagination",
    "https://developer.devrev.ai/about/rate-limits",
]);

/// Connects to DevRev (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `title`: the title of the current job in `job_history`.
fn current_title(user: &mut User, record: &str) -> Result<()> {
    let record: Value = serde_json::from_str(record)
        .map_err(|e| Error::decode(format!("the user is not JSON: {e}")))?;
    let current = record
        .get("job_history")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|job| job.get("is_current").and_then(Value::as_bool) == Some(true));
    if let Some(title) = current
        .and_then(|job| job.get("title"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        user.title = Some(title.to_owned());
    }
    Ok(())
}
