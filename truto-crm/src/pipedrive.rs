//! # Pipedrive
//!
//! The users of one Pipedrive company, through Pipedrive's API v1.
//!
//! | | |
//! |---|---|
//! | slug / feature | `pipedrive` |
//! | operations | list, get, update |
//! | list | `GET /v1/users`: every user of the company in one response (`data`) |
//! | get | `GET /v1/users/{id}` (the user in `data`) |
//! | update | `PUT /v1/users/{id}` with `{"active_flag": true\|false}`: the only field Pipedrive lets an update change; the user in the response is returned |
//! | base URL | `https://api.pipedrive.com/v1` with an API token; `{api_domain}/api/v1` with an OAuth access token (`api_domain` from the token response, `https://api.pipedrive.com` by default) |
//! | auth | `x-api-token: <api_token>` (config key `api_token`, env `TRUTO_PIPEDRIVE_API_TOKEN`: Settings › Personal preferences › API), or `Authorization: Bearer <access_token>` (config keys `access_token`, optionally `api_domain`) |
//! | scopes | list and get: `users:read`; update: `admin` (an admin's API token) |
//! | page size | none: the whole company at once |
//! | filters | `email`: `GET /v1/users/find?search_by_email=1&term={email}` |
//! | update fields | `status`: `active` → `active_flag: true`, `inactive` → `active_flag: false` |
//! | rate limits | per token, a 2-second window by plan (`x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset`: seconds), and a daily token budget per company; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Pipedrive | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` |
//! | `email` | `emails[0]` (primary) |
//! | `phone` | `phones[0]` |
//! | `is_deleted: true` → `deleted`; else `active_flag` | `status`: `deleted`, else `active` / `inactive` |
//! | `access[].app` (`global`, `sales`, `campaigns`, `projects`, `account_settings`, `partnership`) | `licenses` (names) |
//! | `role_id` | `roles[0].id` |
//! | `icon_url` | `avatar` |
//! | `timezone_name` (e.g. `Europe/Tallinn`) | `timezone` |
//! | `created`, `modified`, `last_login` (`YYYY-MM-DD HH:MM:SS`) | `created_at`, `updated_at`, `last_login_at` |
//!
//! `default_currency`, `locale` (a date and number format, not a language), `lang`,
//! `activated`, `has_created_company`, `timezone_offset`, `is_you` and each app's `admin` /
//! `permission_set_id` stay in `remote_data`.
//!
//! ## Updates
//!
//! Pipedrive's user update changes `active_flag` alone ("Currently, only `active_flag` can
//! be updated"): `status` `inactive` deactivates a user, `active` reactivates one; any other
//! status, and every other field, is refused before sending. The body sets an absolute
//! value, so it is safe to retry.
//!
//! ## Quirks
//!
//! - Deactivated users are listed (`active_flag: false`), and deleted ones carry
//!   `is_deleted: true`.
//! - The `email` filter uses the user search, which matches the term against email
//!   addresses (possibly partially); `find_by_email` keeps the exact matches. The search has
//!   a lower rate limit (10 requests per 2 seconds).
//! - Timestamps have no zone; they are read as UTC.
//!
//! ## Sources
//!
//! - <https://developers.pipedrive.com/docs/api/v1/Users> (the users endpoints)
//! - <https://github.com/pipedrive/client-nodejs> (Pipedrive's SDK generated from its
//!   OpenAPI description: `src/versions/v1/api/users-api.ts` (paths, the `x-api-token`
//!   header, OAuth scopes), `models/base-user.ts`, `update-user-request.ts`,
//!   `fail-response.ts`, `configuration.ts` (`api_domain`); commit `97e5382f`)
//! - <https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting> (rate limits and
//!   their headers)
//!
//! ## Not confirmed
//!
//! - Whether `GET /users` lists deleted users (with `is_deleted: true`).
//! - The difference between `activated` and `active_flag` (the description says the same
//!   of both); `active_flag` is the one the update writes.
//! - The time zone of `created`, `modified` and `last_login`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UpdateUser, UserDirectoryExt, UserStatus, UserUpdate};
//! // TRUTO_PIPEDRIVE_API_TOKEN=…
//! let dir = truto_crm::pipedrive::connect(&Config::from_env("pipedrive"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//!
//! let mut body = UserUpdate::default();
//! body.status = Some(UserStatus::Inactive);
//! let user = dir.update_user("123", UpdateUser::new().body(body)).await?;
//! println!("{:?}", user.status);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Answer, Errors, Get, List, Spec, Update};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Pipedrive spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("pipedrive", "Pipedrive", Family::Crm)
        .credentials(&[
            Credential::header("x-api-token", "api_token"),
            Credential::bearer("access_token").base_url("{api_domain}/api/v1"),
        ])
        .base_url("https://api.pipedrive.com/v1")
        .config(&[
            ConfigKey::optional_secret(
                "api_token",
                "a user's API token (an admin's to deactivate users)",
            ),
            ConfigKey::optional_secret(
                "access_token",
                "an OAuth access token with users:read (admin to update)",
            ),
            ConfigKey::optional(
                "api_domain",
                "the company's API domain from the OAuth token response",
            )
            .default("https://api.pipedrive.com")
            .origin(),
        ])
        .note("an API token (an admin's to deactivate users) or an OAuth access token; lists the whole company"),
)
.list(
    List::get("users")
        .records("data")
        .filters(&[FilterRule::endpoint(
            Filter::Email,
            "users/find?search_by_email=1",
            "term",
        )]),
)
.get(Get::get("users/{id}").record("data"))
.update(
    Update::put(
        "users/{id}",
        &[UpdateField::new("status", Write::ActiveFlag("active_flag"))],
    )
    .answer(Answer::UserOrReadBack("data"))
    // `{"active_flag": …}` is an absolute value: writing it twice equals once.
    .idempotent(),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    phone("phone"),
    status_flag("is_deleted", Status::Deleted, None),
    active_flag("active_flag"),
    refs(Refs::Licenses, "access").name("app"),
    reference(Refs::Roles).id("role_id"),
    text(Text::Avatar, "icon_url"),
    text(Text::Timezone, "timezone_name"),
    time(Time::CreatedAt, "created", TimeFormat::Auto),
    time(Time::UpdatedAt, "modified", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_login", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["error"]))
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::DeltaSeconds,
))
.sources(&[
    "https://developers.pipedrive.com/docs/api/v1/Users",
    "https://github.com/pipedrive/client-nodejs",
    "https://pipedrive.readme.io/docs/core-api-concepts-rate-limiting",
])
.absent(&[
    (
        "update:name",
        "`PUT /users/{id}` accepts only `active_flag` (\"Currently, only active_flag can be updated\")",
    ),
    ("update:emails", "`PUT /users/{id}` accepts only `active_flag`"),
    ("update:phones", "`PUT /users/{id}` accepts only `active_flag`"),
    (
        "update:licenses",
        "`PUT /users/{id}` accepts only `active_flag`; app access is set when a user is added",
    ),
    ("update:avatar", "`PUT /users/{id}` accepts only `active_flag`"),
    ("update:timezone", "`PUT /users/{id}` accepts only `active_flag`"),
    ("update:created_at", "a creation time is not something an update sets"),
]);

/// Connects to Pipedrive (`api_token`, or `access_token` and optionally `api_domain`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
