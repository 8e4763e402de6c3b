//! # Redis (Redis Cloud)
//!
//! The users of one Redis Cloud account (the people of its team, not database ACL users),
//! through the Redis Cloud REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `redis` |
//! | operations | list, get |
//! | list | `GET /v1/users` (`getAllUsers`): every account user in one response, under `users` |
//! | get | `GET /v1/users/{userId}` (`getUserById`): one `AccountUser` at the root |
//! | base URL | `https://api.redislabs.com` |
//! | auth | two headers on every request: `x-api-key: <account key>` and `x-api-secret-key: <user key>`; config keys `api_key` and `secret_key` (env `TRUTO_REDIS_API_KEY`, `TRUTO_REDIS_SECRET_KEY`) |
//! | config keys | none besides the two keys |
//! | scopes | none: a user key acts as its user; user keys belong to users with the Owner, Viewer, Billing admin or Logs viewer role, and may be limited to IP ranges |
//! | page size | none (one response) |
//! | filters | none |
//! | rate limits | 400 requests a minute per account key; over it, `429` (retried by the transport) |
//!
//! The API is disabled on every account by default: an account owner enables it
//! (Access Management › API Keys › Enable API), which creates the account key, and creates
//! user keys there.
//!
//! ## Mapping
//!
//! | Redis Cloud `AccountUser` | unified |
//! |---|---|
//! | `id` (an integer) | `id` (as text) |
//! | `name` | `name` (one full name; not split) |
//! | `email` | `emails` (primary) |
//! | `role` (`Owner`, `Member`, `Viewer`, `Logs Viewer (API use only)`, `Manager`, `Billing Admin`) | `roles` (id and name) |
//! | `options.mfaEnabled` | `is_2fa_enabled` |
//!
//! `userType` (`Local` in the example; the other values are not listed), `signUp` (its
//! format is not described), `hasApiKey` and `options.billing`, `options.emailAlerts`,
//! `options.operationalEmails` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - The `AccountUsers` schema declares only `account`; the users are in `users`, as the
//!   schema's own example shows.
//! - No status and no dates are published for account users; listed users carry none.
//! - The reference marks only list for Redis; get is offered too because the API documents
//!   it (`getUserById`).
//! - The API also documents `PUT /v1/users/{userId}` (name, role) and `DELETE`; the
//!   reference does not mark update, so neither is offered.
//!
//! ## Sources
//!
//! - Redis Cloud API description (OpenAPI), `redis/docs`
//!   `content/operate/rc/api/api-reference/openapi.json` (commit `63f31f6`, 2026-08-21), the
//!   source of <https://redis.io/docs/latest/operate/rc/api/api-reference/>: server,
//!   security schemes `x-api-key` / `x-api-secret-key`, `getAllUsers`, `getUserById`,
//!   schemas `AccountUsers` (example), `AccountUser`, `AccountUserOptions`,
//!   `AccountUserUpdateRequest` (the role names), responses 400/401/403/404/412/429/500/503.
//! - <https://redis.io/docs/latest/operate/rc/api/get-started/> (the two keys and their
//!   headers; which roles hold user keys)
//! - <https://redis.io/docs/latest/operate/rc/api/get-started/use-rest-api/> (base URL
//!   `https://api.redislabs.com/v1`; 400 requests a minute per account key)
//! - <https://redis.io/docs/latest/operate/rc/api/get-started/enable-the-api/> (the API is
//!   off until an owner enables it)
//!
//! ## Not confirmed
//!
//! - The error body: the description defines none (the common shapes are read: `message`,
//!   `error`, …).
//! - Which roles may read `/v1/users` (a Viewer's key is expected to).
//! - Whether invited users who have not signed up are listed, and what `signUp` holds.
//! - `userType` values other than `Local`.
//! - Rate-limit headers: none are documented.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_REDIS_API_KEY=…, TRUTO_REDIS_SECRET_KEY=…
//! let dir = truto_devtools::redis::connect(&Config::from_env("redis"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Redis Cloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("redis", "Redis", Family::Devtools)
        .credentials(&[Credential::headers(&[
            ("x-api-key", "api_key"),
            ("x-api-secret-key", "secret_key"),
        ])])
        .base_url("https://api.redislabs.com")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "the account key (Access Management › API Keys, after enabling the API)",
            ),
            ConfigKey::secret(
                "secret_key",
                "a user key of a user with the Owner, Viewer, Billing admin or Logs viewer role",
            ),
        ])
        .note("Redis Cloud account users; needs the API enabled, the account key (`api_key`) and a user key (`secret_key`)"),
)
.list(List::get("v1/users").records("users"))
.get(Get::get("v1/users/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    reference(Refs::Roles).id("role").name("role"),
    flag(Flag::TwoFactor, "options.mfaEnabled"),
])
.sources(&[
    "https://github.com/redis/docs/blob/main/content/operate/rc/api/api-reference/openapi.json",
    "https://redis.io/docs/latest/operate/rc/api/get-started/",
    "https://redis.io/docs/latest/operate/rc/api/get-started/use-rest-api/",
    "https://redis.io/docs/latest/operate/rc/api/get-started/enable-the-api/",
]);

/// Connects to Redis Cloud (`api_key`, `secret_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
