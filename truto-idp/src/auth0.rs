//! # Auth0
//!
//! The users of one Auth0 tenant, through the Auth0 Management API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `auth0` |
//! | operations | list, get |
//! | list | `GET /api/v2/users?page=&per_page=&include_totals=true`, paged by a zero-based page number up to `total` |
//! | get | `GET /api/v2/users/{user_id}` |
//! | base URL | `https://{domain}/api/v2` (`domain`: the tenant's Auth0 domain, `acme.us.auth0.com`, or a custom domain with a pre-issued token) |
//! | auth | `Authorization: Bearer <token>`: a Management API access token (config key `token`, env `TRUTO_AUTH0_TOKEN`), **or** a machine-to-machine application's `client_id` and `client_secret`, exchanged at `https://{domain}/oauth/token` for the audience `https://{domain}/api/v2/` |
//! | config keys | `domain` |
//! | scopes | `read:users` |
//! | page size | `per_page`: 50 by default, at most 100 |
//! | filters | `email` (`q=email:"…"`, Lucene query syntax) |
//! | rate limits | `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix seconds); `429` when exceeded |
//!
//! ## Mapping
//!
//! | Auth0 | unified |
//! |---|---|
//! | `user_id` (`auth0\|…`, `google-oauth2\|…`) | `id` |
//! | `given_name`, `family_name`, `name` | `first_name`, `last_name`, `name` |
//! | `username` (only on connections that use usernames) | `username` |
//! | `email`, `email_verified` | `emails` (primary), `is_email_verified` |
//! | `phone_number` | `phones` |
//! | `blocked`: `true` → `inactive`; `false` or absent → `active` | `status` |
//! | `multifactor` (the enrolled MFA providers): non-empty → `true`, empty → `false` | `is_2fa_enabled` |
//! | `picture` | `avatar` |
//! | `created_at`, `updated_at`, `last_login` | `created_at`, `updated_at`, `last_login_at` |
//! | `identities[0].connection` | `identifiers.connection` |
//!
//! ## Quirks
//!
//! - **At most 1000 users.** Auth0 returns no more than 1000 users through this endpoint
//!   (for example 10 pages of 100); past that it refuses the page. Larger tenants need
//!   Auth0's user export job (`POST /api/v2/jobs/users-exports`), which this integration
//!   does not run; the `email` filter still finds any one user.
//! - `blocked` is only present on users an administrator (or the API) has blocked or
//!   unblocked: a user without it is `active`.
//! - The `email` filter is a Lucene query on `q`; Auth0 stores the addresses of its own
//!   database connections in lower case.
//! - Ids contain `|`; they travel percent-encoded as one path segment.
//! - `app_metadata` and `user_metadata` stay in `remote_data`.
//!
//! ## Sources
//!
//! - <https://auth0.com/docs/api/management/v2/users/get-users> (list)
//! - <https://auth0.com/docs/manage-users/user-search/view-search-results-by-page> (`page`,
//!   `per_page`, `include_totals`, the `{start, limit, length, users, total}` envelope, the
//!   1000-user limit)
//! - Auth0's official Go SDK, <https://github.com/auth0/go-auth0>: `management/requests.go`
//!   (`ListUsersRequestParameters`: zero-based `page`, `per_page`, `include_totals`, `q`),
//!   `management/users/client/client.go` (defaults `page=0`, `per_page=50`,
//!   `include_totals=true`), the v1 `management/user.go` (the user's JSON fields) and
//!   `management/management_error.go` (`{statusCode, error, message}`),
//!   `internal/client/client.go` (token URL `https://{domain}/oauth/token`, audience
//!   `https://{domain}/api/v2/`, `X-RateLimit-Reset` in Unix seconds)
//!
//! ## Not confirmed
//!
//! - The largest `per_page` (100 comes from Auth0's own "100 users per page for 10 pages"
//!   example).
//! - That the v3 search engine is the default for `q` (no `search_engine` is sent).
//! - Which Management API errors carry `errorCode`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_AUTH0_DOMAIN=acme.us.auth0.com TRUTO_AUTH0_CLIENT_ID=… TRUTO_AUTH0_CLIENT_SECRET=…
//! let dir = truto_idp::auth0::connect(&Config::from_env("auth0"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, page_number, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{
    Config, ConfigKey, Family, Filter, Integration, Result, User, UserDirectory, UserStatus,
};

/// The Auth0 spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("auth0", "Auth0", Family::Idp)
        .credentials(&[
            Credential::bearer("token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "https://{domain}/oauth/token",
            )
            .token_params(&[("audience", "https://{domain}/api/v2/")]),
        ])
        .base_url("https://{domain}/api/v2")
        .config(&[
            ConfigKey::required(
                "domain",
                "the tenant's Auth0 domain, e.g. `acme.us.auth0.com`",
            ),
            ConfigKey::optional_secret(
                "token",
                "a Management API access token with read:users",
            ),
            ConfigKey::optional(
                "client_id",
                "a machine-to-machine application's client id, authorized for the Management API with read:users",
            ),
            ConfigKey::optional_secret("client_secret", "that application's client secret"),
        ])
        .note("a Management API token, or an M2M app's client id and secret (read:users); Auth0 lists at most 1000 users"),
)
.list(
    List::get("users")
        .query(&[("include_totals", "true")])
        .records("users")
        .paging(page_number(query("page"), query("per_page"), 0, End::Total("total")))
        .filters(&[FilterRule::template(Filter::Email, "q", "email:\"{}\"")])
        .page_size(50, 100),
)
.get(Get::get("users/{id}"))
.map(&[
    id("user_id"),
    text(Text::FirstName, "given_name"),
    text(Text::LastName, "family_name"),
    text(Text::Name, "name"),
    text(Text::Username, "username"),
    email("email"),
    flag(Flag::EmailVerified, "email_verified"),
    phone("phone_number"),
    status_flag("blocked", Status::Inactive, Some(Status::Active)),
    text(Text::Avatar, "picture"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_login", TimeFormat::Auto),
    identifier("connection", "identities[0].connection"),
])
.post_map(blocked_and_mfa, &["status", "is_2fa_enabled"])
.errors(Errors::GENERIC.code(&["errorCode", "error"]))
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://auth0.com/docs/api/management/v2/users/get-users",
    "https://auth0.com/docs/manage-users/user-search/view-search-results-by-page",
    "https://github.com/auth0/go-auth0",
])
.absent(&[(
    "organizations",
    "a user's organizations come from another endpoint (`GET /api/v2/users/{id}/organizations`), which is not read",
)]);

/// Connects to Auth0 (`domain`, and `token` or `client_id` and `client_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// A user without `blocked` has never been blocked: `active`. `multifactor` lists the MFA
/// providers the user has enrolled with: any means two-factor is on.
fn blocked_and_mfa(user: &mut User, record: &str) -> Result<()> {
    if user.status.is_none() {
        user.status = Some(UserStatus::Active);
    }
    if let Ok(Value::Object(record)) = serde_json::from_str::<Value>(record)
        && let Some(Value::Array(providers)) = record.get("multifactor")
    {
        user.is_2fa_enabled = Some(!providers.is_empty());
    }
    Ok(())
}
