//! # Rootly
//!
//! The users of a Rootly organization, through Rootly's JSON:API REST API (v1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `rootly` |
//! | operations | list |
//! | list | `GET /v1/users?page[number]=&page[size]=`, paged by page number until `meta.next_page` is null |
//! | base URL | `https://api.rootly.com` |
//! | auth | `Authorization: Bearer <api key>`; config key `api_key` (env `TRUTO_ROOTLY_API_KEY`) |
//! | config keys | none besides the key |
//! | scopes | a Global API key sees every user; Team and Personal keys carry their team's or user's permissions |
//! | page size | `page[size]`; Rootly's default when none is given (50 in its examples), maximum not documented |
//! | filters | `email` (`filter[email]`) |
//! | rate limits | `RateLimit-Remaining` and `RateLimit-Reset` (UTC epoch seconds) are read; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Rootly | unified |
//! |---|---|
//! | `id` | `id` |
//! | `attributes.full_name`, else `attributes.name` | `name` |
//! | `attributes.email` | `emails` (one, primary) |
//! | `attributes.phone`, `attributes.phone_2` | `phones` |
//! | `attributes.time_zone` | `timezone` |
//! | `attributes.created_at`, `attributes.updated_at` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - Records are JSON:API resources: the fields are under `attributes`; related e-mail
//!   addresses, phone numbers and devices are ids under `relationships` (their values need
//!   `include=…`, which this spec does not ask for; they stay in `remote_data`).
//! - The reference marks Rootly's list partial, but Rootly documents the same resource for
//!   a list and a get (`GET /v1/users/{id}`, not declared: the reference lists Rootly for
//!   listing only), so the list is not declared partial here.
//! - The user record has no role, team or status.
//!
//! ## Sources
//!
//! - Rootly's published API description, the `swagger.json` of `rootlyhq/rootly-go`
//!   (Rootly API v1, April 2025): servers, `bearer_auth`, `listUsers` (paging, filters),
//!   the `user`, `links` and `errors_list` schemas, the example users, and the rate-limit
//!   and pagination sections of its description
//! - <https://docs.rootly.com/api-reference/users/list-users> (the current reference page)
//! - <https://docs.rootly.com/api-reference> (API key kinds)
//!
//! ## Not confirmed
//!
//! - The default and largest `page[size]`.
//! - The current rate-limit numbers: the April 2025 description says about 3000 GET calls a
//!   minute per key, the current page begins with another number.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ROOTLY_API_KEY=…
//! let dir = truto_devtools::rootly::connect(&Config::from_env("rootly"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, page_number, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Rootly spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("rootly", "Rootly", Family::Devtools)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.rootly.com")
        .config(&[ConfigKey::secret(
            "api_key",
            "a Rootly API key (Organization Settings → API Keys); a Global key sees every user",
        )])
        .note("needs an API key (a Global key to see every user); users carry no role or status"),
)
.list(
    List::get("v1/users")
        .records("data")
        .paging(page_number(
            query("page[number]"),
            query("page[size]"),
            1,
            End::NextPage("meta.next_page"),
        ))
        .filters(&[FilterRule::query(Filter::Email, "filter[email]")]),
)
.map(&[
    id("id"),
    text(Text::Name, "attributes.full_name"),
    text(Text::Name, "attributes.name"),
    email("attributes.email"),
    phone("attributes.phone"),
    phone("attributes.phone_2"),
    text(Text::Timezone, "attributes.time_zone"),
    time(Time::CreatedAt, "attributes.created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "attributes.updated_at", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].detail", "errors[0].title"])
        .code(&["errors[0].code", "errors[0].status"]),
)
.rate_limits(RateLimitHeaders::new(
    "ratelimit-remaining",
    "ratelimit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://github.com/rootlyhq/rootly-go/blob/main/swagger.json",
    "https://docs.rootly.com/api-reference/users/list-users",
    "https://docs.rootly.com/api-reference",
]);

/// Connects to Rootly (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
