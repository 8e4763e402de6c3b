//! # Sentry
//!
//! The members of one Sentry organization, through Sentry's web API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `sentry` |
//! | operations | list, get |
//! | list | `GET /api/0/organizations/{organization}/members/`, paged by the `Link` header |
//! | get | `GET /api/0/organizations/{organization}/members/{member_id}/` |
//! | base URL | `https://{region}.sentry.io` (`region` `us`, the default, or `de`); `base_url` for self-hosted Sentry |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_SENTRY_TOKEN`) |
//! | config keys | `organization` (the organization's slug or id), `region` |
//! | scopes | `member:read` (or `member:write`, `member:admin`) |
//! | page size | Sentry's own (no page-size parameter on this endpoint) |
//! | filters | none |
//! | rate limits | per caller and endpoint: `X-Sentry-Rate-Limit-Remaining`, `X-Sentry-Rate-Limit-Reset` (Unix seconds); `429` when exceeded |
//!
//! ## Mapping
//!
//! | Sentry | unified |
//! |---|---|
//! | `id` (the organization membership's id) | `id` |
//! | `name`, else `user.name` | `name` |
//! | `user.username` | `username` |
//! | `email` (primary), `user.emails[].email` | `emails` |
//! | `pending: true` → `invited`; `user.isActive` → `active` / `inactive` | `status` |
//! | `user.emails[0].is_verified` | `is_email_verified` |
//! | `user.has2fa` | `is_2fa_enabled` |
//! | `orgRole` (with `roleName` on a get) | `roles` |
//! | `teams[]` (get only) | `groups` |
//! | `user.avatarUrl` | `avatar` |
//! | `dateCreated` (the membership) | `created_at` |
//! | `user.dateJoined` (the account) | `activated_at` |
//! | `user.lastActive` | `last_active_at` |
//! | `user.lastLogin` | `last_login_at` |
//!
//! ## Quirks
//!
//! - The listing includes invitations that are approved and not yet accepted: they have
//!   `pending: true` and `user: null`, so they carry only an id, a name, an email, a role
//!   and a creation time, and their status is `invited`.
//! - Ids are membership ids, not user ids: a get takes the membership id.
//! - Sentry always sends a `next` link; `results="false"` on it says the page after is
//!   empty, so the listing ends there without asking for it.
//! - Paths end with `/`; Sentry redirects a path without it, which this library never
//!   follows (credentials stay on the configured origin).
//!
//! ## Sources
//!
//! - Sentry's published API description, `getsentry/sentry-api-schema`,
//!   `openapi-derefed.json` (list and get members, the example members)
//! - <https://docs.sentry.io/api/pagination/> (the `Link` header and `results`)
//! - <https://docs.sentry.io/api/ratelimits/> (rate-limit headers)
//!
//! ## Not confirmed
//!
//! - The page size of the members list, and whether it takes a page-size parameter.
//! - Which token kinds (user auth token, internal integration, organization token) carry
//!   `member:read`.
//! - The error body (`{"detail": …}` is read, and the common shapes after it).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SENTRY_TOKEN=…, TRUTO_SENTRY_ORGANIZATION=acme
//! let dir = truto_devtools::sentry::connect(&Config::from_env("sentry"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Param, Spec, link_header};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Sentry spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("sentry", "Sentry", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{region}.sentry.io")
        .config(&[
            ConfigKey::secret("token", "an auth token with member:read"),
            ConfigKey::required("organization", "the organization's slug or id"),
            ConfigKey::optional(
                "region",
                "the data-storage location: `us` (the default) or `de`",
            )
            .default("us"),
        ]),
)
.list(List::get("api/0/organizations/{organization}/members/").paging(link_header(Param::None)))
.get(Get::get("api/0/organizations/{organization}/members/{id}/"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::Name, "user.name"),
    text(Text::Username, "user.username"),
    email("email"),
    emails("user.emails", "email"),
    status_flag("pending", Status::Invited, None),
    status_flag("user.isActive", Status::Active, Some(Status::Inactive)),
    flag(Flag::EmailVerified, "user.emails[0].is_verified"),
    flag(Flag::TwoFactor, "user.has2fa"),
    reference(Refs::Roles).id("orgRole").name("roleName"),
    refs(Refs::Groups, "teams").id(""),
    text(Text::Avatar, "user.avatarUrl"),
    time(Time::CreatedAt, "dateCreated", TimeFormat::Auto),
    time(Time::ActivatedAt, "user.dateJoined", TimeFormat::Auto),
    time(Time::LastActiveAt, "user.lastActive", TimeFormat::Auto),
    time(Time::LastLoginAt, "user.lastLogin", TimeFormat::Auto),
])
.rate_limits(RateLimitHeaders::new(
    "x-sentry-rate-limit-remaining",
    "x-sentry-rate-limit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://github.com/getsentry/sentry-api-schema",
    "https://docs.sentry.io/api/pagination/",
    "https://docs.sentry.io/api/ratelimits/",
]);

/// Connects to Sentry (`token`, `organization`, optionally `region`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
