//! # Buildkite
//!
//! The members of one Buildkite organization, through Buildkite's REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `buildkite` |
//! | operations | list |
//! | list | `GET /v2/organizations/{organization}/members?per_page=`, paged by the `Link` header |
//! | base URL | `https://api.buildkite.com/v2` |
//! | auth | `Authorization: Bearer <API access token>` (Basic auth is not supported); config key `token` (env `TRUTO_BUILDKITE_TOKEN`) |
//! | config keys | `organization` (the organization's slug; env `TRUTO_BUILDKITE_ORGANIZATION`) |
//! | scopes | `read_organizations`, and permission to view teams in the organization |
//! | page size | `per_page`: default 30, at most 100 |
//! | filters | none |
//! | rate limits | 200 requests a minute per organization and 50 per user; `RateLimit-User-Remaining` / `RateLimit-User-Reset` (seconds) are read, and `RateLimit-Remaining` for the organization's minute; `429` beyond |
//!
//! ## Mapping
//!
//! | Buildkite | unified |
//! |---|---|
//! | `id` (the user's UUID) | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `role` (`admin` or `member`) | `roles` (one, by id) |
//!
//! `sso_mode` (`required` or `optional`; shown to organization admins, or for one's own
//! membership) stays in `remote_data`.
//!
//! ## Quirks
//!
//! - Only members are listed; pending invitations are a separate API.
//! - The record has no status, timestamps or avatar on this API.
//! - The reference marks list only, so no get is declared (Buildkite has
//!   `GET /v2/organizations/{org.slug}/members/{user.uuid}`).
//!
//! ## Sources
//!
//! - <https://buildkite.com/docs/apis/rest-api/organizations/members> (the member data model, list,
//!   scope and permission, the response example)
//! - <https://buildkite.com/docs/apis/rest-api> (host, Bearer tokens, `Link` pagination, `page` /
//!   `per_page`)
//! - <https://buildkite.com/docs/apis/rest-api/rate-limits> (limits, headers, the `429` body)
//!
//! ## Not confirmed
//!
//! - That the members endpoint pages (the members page does not say; the API-wide rule is
//!   followed: the `Link` header's `next`, and no `Link` ends the listing).
//! - The body of errors other than `429` (`message` is read).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BUILDKITE_TOKEN=bkua_… TRUTO_BUILDKITE_ORGANIZATION=acme
//! let dir = truto_devtools::buildkite::connect(&Config::from_env("buildkite"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec, link_header, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Buildkite spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("buildkite", "Buildkite", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.buildkite.com/v2")
        .config(&[
            ConfigKey::secret("token", "an API access token with read_organizations"),
            ConfigKey::required("organization", "the organization's slug"),
        ])
        .note("Needs an API access token with read_organizations and the organization's slug; lists members, not invitations."),
)
.list(
    List::get("organizations/{organization}/members")
        .paging(link_header(query("per_page")))
        .page_size(30, 100),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    reference(Refs::Roles).id("role"),
])
.rate_limits(
    // The per-user limit (50 a minute) is the tighter one; the organization's (200 a
    // minute) is watched as a one-minute window.
    RateLimitHeaders::new(
        "ratelimit-user-remaining",
        "ratelimit-user-reset",
        ResetFormat::DeltaSeconds,
    )
    .with_window("ratelimit-remaining", 60_000),
)
.sources(&[
    "https://buildkite.com/docs/apis/rest-api/organizations/members",
    "https://buildkite.com/docs/apis/rest-api",
    "https://buildkite.com/docs/apis/rest-api/rate-limits",
]);

/// Connects to Buildkite (`token`, `organization`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
