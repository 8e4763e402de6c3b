//! # Showpad
//!
//! The users of one Showpad organization, through the Showpad API v4.
//!
//! | | |
//! |---|---|
//! | slug / feature | `showpad` |
//! | operations | list, get |
//! | list | `GET /v4/users?limit=&offset=`, paged by offset until `count` (the total) is reached |
//! | get | `GET /v4/users/{userId}` |
//! | base URL | `https://{subdomain}.api.showpad.com` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_SHOWPAD_TOKEN`): a personal API token from the Admin App or an OAuth access token |
//! | config keys | `subdomain` (the organization's Showpad subdomain; `acme.api.showpad.com` is accepted too) |
//! | scopes | whatever lets the token's user read users (v4 documents no scopes) |
//! | page size | `limit` 50 by default, at most 1000 |
//! | filters | `email` (`emails=`, exact addresses) |
//! | rate limits | `429` when exceeded; the headers are not named by Showpad |
//!
//! ## Mapping
//!
//! | Showpad | unified |
//! |---|---|
//! | `id` | `id` |
//! | `email` | `emails[0]` (primary) |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `createdAt`, `updatedAt` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - v4 users carry only these six fields ("only support basic `GET` functionality in
//!   this version"): no status, role or group. Richer users live in the deprecated v3 API,
//!   which this integration does not call.
//! - Errors are `application/problem+json` (`{title, detail, status}`): the message is
//!   `detail`, else `title`.
//!
//! ## Sources
//!
//! - Showpad's published OpenAPI description "Showpad API 4"
//!   (`https://developer.showpad.com/docs/apis/references/v4`), read from the verbatim copy
//!   `openapi/showpad-v4-openapi-original.yml` of `api-evangelist/showpad`: `GET /users`
//!   (`limit` 0–1000, default 50; `offset`; `ids`; `emails`; `{count, items}`),
//!   `GET /users/{userId}`, Bearer auth, problem+json errors
//! - <https://developer.showpad.com/docs/apis/concepts/authentication> (personal API tokens,
//!   OAuth)
//!
//! ## Not confirmed
//!
//! - Whether deactivated users are listed by v4 (the record has no status).
//! - Rate-limit headers (Showpad names none).
//! - OAuth scopes a token needs to read users.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SHOWPAD_TOKEN=…, TRUTO_SHOWPAD_SUBDOMAIN=acme
//! let dir = truto_crm::showpad::connect(&Config::from_env("showpad"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Showpad spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("showpad", "Showpad", Family::Crm)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{subdomain}.api.showpad.com")
        .config(&[
            ConfigKey::secret(
                "token",
                "a personal API token (Admin App) or an OAuth access token",
            ),
            ConfigKey::required("subdomain", "the organization's Showpad subdomain")
                .host_suffix(".api.showpad.com"),
        ])
        .note("needs a Showpad API token and the organization's subdomain; v4 users carry names, email and timestamps only"),
)
.list(
    List::get("v4/users")
        .records("items")
        .paging(offset(query("offset"), query("limit"), End::Total("count")))
        .filters(&[FilterRule::query(Filter::Email, "emails")])
        .page_size(50, 1000),
)
.get(Get::get("v4/users/{id}"))
.map(&[
    id("id"),
    email("email"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
    time(Time::UpdatedAt, "updatedAt", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["detail", "title"]))
.sources(&[
    "https://developer.showpad.com/docs/apis/references/v4",
    "https://developer.showpad.com/docs/apis/concepts/authentication",
]);

/// Connects to Showpad (`token`, `subdomain`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
