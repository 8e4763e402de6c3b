//! # Close
//!
//! The users of the organizations a Close API key's user belongs to, through the Close API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `close` |
//! | operations | list, get |
//! | list | `GET /api/v1/user/?_skip=&_limit=`, paged by offset while `has_more` |
//! | get | `GET /api/v1/user/{id}/` |
//! | base URL | `https://api.close.com/api/v1` |
//! | auth | HTTP Basic with the API key as the user and an empty password; config key `api_key` (env `TRUTO_CLOSE_API_KEY`); or an OAuth `access_token` (`Authorization: Bearer`) |
//! | scopes | none: a key acts as its user |
//! | page size | 100 by default (`_limit`); Close documents no maximum |
//! | filters | none |
//! | rate limits | `429` when exceeded |
//!
//! ## Mapping
//!
//! | Close | unified |
//! |---|---|
//! | `id` (`user_…`) | `id` |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `image` | `avatar` |
//! | `organizations[]` (ids) | `organizations` |
//! | `date_created`, `date_updated` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - The list holds the users who are members of the same organizations as the key's user.
//! - Whether a user's membership is active is kept on the organization
//!   (`GET /api/v1/organization/{id}/`), not on the user, so `status` is left unset.
//! - Paths end with `/`, as Close documents them.
//!
//! ## Sources
//!
//! - <https://developer.close.com/api/resources/users/list> (`_order_by`, `_limit` (default
//!   100), `_skip`; Basic auth)
//! - <https://developer.close.com/api/resources/users/get>
//! - <https://developer.close.com/api/resources/users/get-me> (auth: the key as the Basic
//!   user, or a Bearer token; the user's fields)
//!
//! ## Not confirmed
//!
//! - The list's envelope (`data`, `has_more`): Close's list pages use it, and a third-party
//!   fixture of this endpoint (hex.pm `closex`) shows it; the users page itself shows no
//!   example in what could be read. The fixture record is that third-party copy.
//! - The largest `_limit`; the rate-limit headers and the error body.
//! - Where the reference's `status`, `is_email_verified`, `timezone` and `activated_at`
//!   come from: no documented user field holds them.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_CLOSE_API_KEY=…
//! let dir = truto_crm::close::connect(&Config::from_env("close"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Get, List, Spec, offset, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Close spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("close", "Close", Family::Crm)
        .credentials(&[
            Credential::basic_user_only("{api_key}"),
            Credential::bearer("access_token"),
        ])
        .base_url("https://api.close.com/api/v1")
        .config(&[
            ConfigKey::optional_secret("api_key", "an API key (Settings › Developer › API Keys)"),
            ConfigKey::optional_secret(
                "access_token",
                "an OAuth access token (or set `api_key`)",
            ),
        ])
        .note("an API key; lists the users of the organizations the key's user belongs to"),
)
.list(
    List::get("user/")
        .records("data")
        .paging(offset(query("_skip"), query("_limit"), End::More("has_more")))
        .page_size(100, 100),
)
.get(Get::get("user/{id}/"))
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email"),
    text(Text::Avatar, "image"),
    refs(Refs::Organizations, "organizations").id(""),
    time(Time::CreatedAt, "date_created", TimeFormat::Auto),
    time(Time::UpdatedAt, "date_updated", TimeFormat::Auto),
])
.sources(&[
    "https://developer.close.com/api/resources/users/list",
    "https://developer.close.com/api/resources/users/get",
    "https://developer.close.com/api/resources/users/get-me",
])
.absent(&[
    (
        "status",
        "the user record has no status: active and inactive memberships are kept on the organization",
    ),
    (
        "is_email_verified",
        "no documented user field says whether the address is verified",
    ),
    ("timezone", "no documented user field holds a time zone"),
    ("activated_at", "no documented user field holds an activation time"),
]);

/// What the Close integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Close (`api_key`, or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
