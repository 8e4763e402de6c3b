//! # Outreach
//!
//! The users of one Outreach organization, through the Outreach REST API v2 (JSON:API).
//!
//! | | |
//! |---|---|
//! | slug / feature | `outreach` |
//! | operations | list (partial), get |
//! | list | `GET /api/v2/users?page[size]=`, paged by the full URL in `links.next` (a `page[after]` cursor) |
//! | get | `GET /api/v2/users/{id}` (the user in `data`) |
//! | base URL | `https://api.outreach.io/api/v2` |
//! | auth | OAuth 2.0: a refresh token exchanged at `https://api.outreach.io/oauth/token` for short-lived access tokens (config keys `refresh_token`, `client_id`, `client_secret`; env `TRUTO_OUTREACH_REFRESH_TOKEN`, …), or an access token as is (`access_token`); sent as `Authorization: Bearer` |
//! | headers | `Accept` and `Content-Type: application/vnd.api+json` (a request without that content type is refused with `415`) |
//! | scopes | `users.read` |
//! | page size | `page[size]`: 50 by default, at most 1,000; 50 is sent |
//! | filters | `email` (`filter[email]`) |
//! | rate limits | per user: `X-RateLimit-Limit`, `X-RateLimit-Remaining`, `X-RateLimit-Reset`; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Outreach (`attributes.` unless noted) | unified |
//! |---|---|
//! | `id` (the resource's) | `id` |
//! | `firstName`, `lastName`, `name` | `first_name`, `last_name`, `name` |
//! | `username` | `username` |
//! | `email` | `emails[0]` (primary) |
//! | `phoneNumber`, `bridgePhone` | `phones` (the bridge phone typed `bridge`) |
//! | `locked` | `status`: `true` → `inactive`, `false` → `active` |
//! | `title` | `title` |
//! | `primaryTimezone` | `timezone` |
//! | `relationships.profile.data.id` (the permission profile) | `roles[0].id` |
//! | `relationships.teams.data[].id` | `groups` (ids) |
//! | `scimExternalId` | `external_id` |
//! | `userGuid` | `identifiers.guid` |
//! | `createdAt`, `updatedAt`, `currentSignInAt` | `created_at`, `updated_at`, `last_login_at` |
//!
//! The other attributes (notification settings, custom fields, `duties`, …) and the links
//! stay in `remote_data`.
//!
//! ## Quirks
//!
//! - **The list is partial** (as the reference marks it): relationships carry ids only, so
//!   a profile's or team's name needs another request; `hydrate(true)` reads each user
//!   again.
//! - Deactivating a user in Outreach is locking it (`locked: true`): locked users are
//!   listed, as `inactive`; deleted users are not returned.
//! - Setting `page[size]` makes Outreach page by cursor (`page[after]`) rather than by the
//!   older, capped offset paging.
//! - The access token is the first way to authenticate (the one the conformance kit
//!   tests): with the refresh token first, the kit's `unauthenticated_is_not_retried`
//!   scenario fails the token request itself and reports the error as `Authenticate`, not
//!   `List`. Both work the same otherwise.
//! - A refresh token may be rotated by Outreach on use; this library keeps the new access
//!   token in memory only, so store a long-lived refresh token or renew it yourself.
//!
//! ## Sources
//!
//! - <https://developers.outreach.io/api/reference/tag/User/> (the User resource and its
//!   attributes)
//! - <https://developers.outreach.io/api/making-requests/> (JSON:API content type, collections
//!   of up to 50 resources, filtering, errors)
//! - <https://developers.outreach.io/api/common-patterns/> (users)
//! - <https://developers.outreach.io/api/oauth/> (the OAuth token endpoint and refresh tokens)
//!
//! ## Not confirmed
//!
//! - The attributes after `firstName` in the official reference (`lastName`, `name`,
//!   `username`, `locked`, `phoneNumber`, `primaryTimezone`, `title`, `updatedAt`, `userGuid`,
//!   `scimExternalId`) were read in third-party typed clients, not on the official page.
//! - The largest `page[size]` (1,000 per third-party code) and whether the rate-limit reset
//!   is a timestamp or a delta (so only `Retry-After` is read as the reset).
//! - That `relationships.profile` is the user's permission profile.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_OUTREACH_REFRESH_TOKEN=…, TRUTO_OUTREACH_CLIENT_ID=…, TRUTO_OUTREACH_CLIENT_SECRET=…
//! let dir = truto_crm::outreach::connect(&Config::from_env("outreach"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, next_url, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Outreach spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("outreach", "Outreach", Family::Crm)
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::refresh_token(
                "refresh_token",
                "client_id",
                "client_secret",
                "https://api.outreach.io/oauth/token",
            ),
        ])
        .base_url("https://api.outreach.io/api/v2")
        .config(&[
            ConfigKey::optional_secret("refresh_token", "an OAuth refresh token with users.read"),
            ConfigKey::optional("client_id", "the OAuth app's client id"),
            ConfigKey::optional_secret("client_secret", "the OAuth app's client secret"),
            ConfigKey::optional_secret("access_token", "an OAuth access token with users.read"),
        ])
        .note("an OAuth app's client id and secret with a refresh token (scope users.read), or an access token"),
)
.headers(&[
    ("Accept", "application/vnd.api+json"),
    ("Content-Type", "application/vnd.api+json"),
])
.list(
    List::get("users")
        .records("data")
        .paging(next_url(query("page[size]"), "links.next"))
        .filters(&[FilterRule::query(Filter::Email, "filter[email]")])
        .page_size(50, 1000)
        .partial(),
)
.get(Get::get("users/{id}").record("data"))
.map(&[
    id("id"),
    text(Text::FirstName, "attributes.firstName"),
    text(Text::LastName, "attributes.lastName"),
    text(Text::Name, "attributes.name"),
    name_from_parts(),
    text(Text::Username, "attributes.username"),
    email("attributes.email"),
    phone("attributes.phoneNumber"),
    phone("attributes.bridgePhone").kind("bridge"),
    status_flag("attributes.locked", Status::Inactive, Some(Status::Active)),
    text(Text::Title, "attributes.title"),
    text(Text::Timezone, "attributes.primaryTimezone"),
    reference(Refs::Roles).id("relationships.profile.data.id"),
    refs(Refs::Groups, "relationships.teams.data").id("id"),
    text(Text::ExternalId, "attributes.scimExternalId"),
    identifier("guid", "attributes.userGuid"),
    time(Time::CreatedAt, "attributes.createdAt", TimeFormat::Auto),
    time(Time::UpdatedAt, "attributes.updatedAt", TimeFormat::Auto),
    time(Time::LastLoginAt, "attributes.currentSignInAt", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].detail", "errors[0].details", "errors[0].title"])
        .code(&["errors[0].id"]),
)
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "retry-after",
    ResetFormat::DeltaSeconds,
))
.sources(&[
    "https://developers.outreach.io/api/reference/tag/User/",
    "https://developers.outreach.io/api/making-requests/",
    "https://developers.outreach.io/api/common-patterns/",
    "https://developers.outreach.io/api/oauth/",
])
.absent(&[
    (
        "licenses",
        "the user record names no license or seat (locking a user frees its seat)",
    ),
    ("languages", "the user record has no language or locale"),
    ("activated_at", "the user record has no activation time"),
]);

/// Connects to Outreach (`refresh_token`, `client_id`, `client_secret`, or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
