//! # Netlify
//!
//! The members of one Netlify team (account), through Netlify's REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `netlify` |
//! | operations | list, get |
//! | list | `GET /api/v1/{account_slug}/members`: a bare array; a `Link: rel="next"` header is followed when Netlify sends one |
//! | get | `GET /api/v1/{account_slug}/members/{member_id}` |
//! | base URL | `https://api.netlify.com/api/v1` |
//! | auth | `Authorization: Bearer <token>` (a personal access token or an OAuth 2 access token); config key `token` (env `TRUTO_NETLIFY_TOKEN`) |
//! | parameters | `group_id` (required to list and to get): the team's account slug, from `GET /api/v1/accounts` (`[].slug`) |
//! | scopes | none: a token acts as its user, on the teams that user belongs to |
//! | page size | none on this endpoint (no `page`/`per_page` in the API description) |
//! | filters | none |
//! | rate limits | `X-RateLimit-Remaining` and `X-RateLimit-Reset` (Unix seconds) are read; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Netlify | unified |
//! |---|---|
//! | `id` | `id` |
//! | `full_name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `role` (`Owner`, `Developer`, `Billing Admin`, `Reviewer`, …) | `roles` |
//! | `avatar` | `avatar` |
//!
//! ## Quirks
//!
//! - The `member` record has five fields only: no status, timestamps, two-factor flag or
//!   user type (see the absent fields of the spec).
//! - The team is addressed by its slug, passed as the `group_id` parameter (the name the
//!   reference gives it), for listing and getting alike.
//!
//! ## Sources
//!
//! - Netlify's published API description, `netlify/open-api` (`swagger.yml`, version
//!   2.55.0): host and base path, `listMembersForAccount`, `getAccountMember`, the `member`
//!   and `error` definitions (rendered at <https://open-api.netlify.com>)
//! - <https://docs.netlify.com/api-and-cli-guides/api-guides/get-started-with-api/>
//!   (bearer tokens, personal access tokens)
//!
//! ## Not confirmed
//!
//! - Whether the members list pages: the API description declares no paging on it; the
//!   guide's paging (`page`, `per_page`, `Link`) applies to "endpoints that support it".
//! - The rate-limit numbers and header names (500 requests a minute, `X-RateLimit-*` with a
//!   Unix reset) were read in a third-party summary of the guide, not in the guide itself.
//! - Whether pending invitations are listed; the team role needed to list members.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_NETLIFY_TOKEN=…
//! let dir = truto_devtools::netlify::connect(&Config::from_env("netlify"))?;
//! let mut users = dir.list_users(ListUsers::new().param("group_id", "my-team"));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Param, Spec, link_header};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Netlify spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("netlify", "Netlify", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.netlify.com/api/v1")
        .config(&[ConfigKey::secret(
            "token",
            "a personal access token (User settings → Applications) or an OAuth 2 access token",
        )])
        .required_list(&["group_id"])
        .required_get(&["group_id"])
        .note("needs a personal access token; pass the team's account slug as `group_id`"),
)
.list(List::get("{group_id}/members").paging(link_header(Param::None)))
.get(Get::get("{group_id}/members/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "full_name"),
    email("email"),
    reference(Refs::Roles).id("role"),
    text(Text::Avatar, "avatar"),
])
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://github.com/netlify/open-api/blob/main/swagger.yml",
    "https://open-api.netlify.com",
    "https://docs.netlify.com/api-and-cli-guides/api-guides/get-started-with-api/",
])
.absent(&[
    (
        "is_2fa_enabled",
        "the `member` definition of Netlify's API description has no two-factor field",
    ),
    (
        "user_type",
        "the `member` definition has no user type (only `role`, mapped to `roles`)",
    ),
    ("created_at", "the `member` definition has no timestamps"),
    ("updated_at", "the `member` definition has no timestamps"),
]);

/// Connects to Netlify (`token`; each call takes `group_id`, the team's slug).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
