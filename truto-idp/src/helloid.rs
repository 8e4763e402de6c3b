//! # HelloID
//!
//! The users of one HelloID (Tools4ever) tenant, through HelloID's REST API v1.
//!
//! | | |
//! |---|---|
//! | slug / feature | `helloid` |
//! | operations | list, get |
//! | list | `GET /api/v1/users?take=&skip=`: a bare JSON array, paged by offset until a short page |
//! | get | `GET /api/v1/users/{userGUID}` (a user name is accepted too) |
//! | base URL | `https://{company}.helloid.com/api/v1` |
//! | auth | `Authorization: Basic base64(<api_key>:<api_secret>)`; config keys `api_key`, `api_secret` (env `TRUTO_HELLOID_API_KEY`, `TRUTO_HELLOID_API_SECRET`) |
//! | config keys | `company` (`acme` for `acme.helloid.com`; the full host name is accepted too) |
//! | page size | `take`: 100 by default; up to 1000 asked for (what HelloID's own connector asks) |
//! | filters | `status` (`enabled=true` for `active`, `enabled=false` for `inactive`) |
//! | rate limits | none documented |
//!
//! API keys are made in the HelloID administrator portal; a key can be IP-restricted or
//! disabled, which HelloID reports as `401` like a wrong secret. Every request carries
//! `Content-Type: application/json`, which HelloID's reference requires.
//!
//! ## Mapping
//!
//! | HelloID | unified |
//! |---|---|
//! | `userGUID` | `id` |
//! | `id` (a number), `source` (`AD`, `Local`, …) | `identifiers.id`, `identifiers.source` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` joined from them |
//! | `userName` | `username` |
//! | `contactEmail` | `emails` (primary) |
//! | `userAttributes.phoneNumber` | `phones` |
//! | `userAttributes.title` | `title` |
//! | `isEnabled` | `status`: `active` / `inactive` |
//! | `lastLogin` (no time zone: read as UTC) | `last_login_at` |
//!
//! ## Quirks
//!
//! - Deleted users are not listed (HelloID's `isDeleted` defaults to `false`); pass
//!   `remote_query` `isDeleted=true` to list them instead.
//! - `userAttributes` holds the tenant's user attributes (`department`, `description`,
//!   `phoneNumber`, `title`, …, as HelloID's own provisioning connector maps them); only
//!   `phoneNumber` and `title` are mapped, the rest stays in `remote_data`.
//! - The list has no total: the next page is asked for while a page comes back full.
//!
//! ## Sources
//!
//! - <https://docs.helloid.com/hc/en-us/articles/115002969074-GET-Get-all-users> (the
//!   request URI with `enabled`, `take` (default 100), `skip`, `isDeleted`; the required
//!   `Content-Type`; statuses 200/400/401; the sample response)
//! - HelloID's own provisioning connector for its API,
//!   <https://github.com/Tools4everBV/HelloID-Conn-Prov-Target-HelloID> (commit `9e3e8c1f`):
//!   `import.ps1` (Basic `apiKey:apiSecret`, `?take=1000&skip=` paging, `GET /users/{guid}`,
//!   errors in `resultMsg` or `message`), `fieldMapping.json` (the user's fields),
//!   `configuration.json` (base URL `https://{company}.helloid.com/api/v1`)
//!
//! ## Not confirmed
//!
//! - The largest `take` (1000 is what HelloID's connector asks for).
//! - The time zone of `lastLogin` (written without an offset).
//! - The status of a get for an unknown user (taken as `404`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_HELLOID_COMPANY=acme TRUTO_HELLOID_API_KEY=… TRUTO_HELLOID_API_SECRET=…
//! let dir = truto_idp::helloid::connect(&Config::from_env("helloid"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The HelloID spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("helloid", "HelloID", Family::Idp)
        .credentials(&[Credential::basic("{api_key}", "api_secret")])
        .base_url("https://{company}.helloid.com/api/v1")
        .config(&[
            ConfigKey::required(
                "company",
                "the tenant's name, e.g. `acme` for acme.helloid.com",
            )
            .host_suffix(".helloid.com"),
            ConfigKey::secret("api_key", "a HelloID API key"),
            ConfigKey::secret("api_secret", "that key's secret"),
        ])
        .note("an API key and secret (they may be IP-restricted); deleted users are not listed"),
)
.headers(&[("Content-Type", "application/json")])
.list(
    List::get("users")
        .paging(offset(query("skip"), query("take"), End::ShortPage))
        .filters(&[FilterRule::mapped(
            Filter::Status,
            "enabled",
            &[("active", "true"), ("inactive", "false")],
        )])
        .page_size(100, 1000),
)
.get(Get::get("users/{id}"))
.map(&[
    id("userGUID"),
    identifier("id", "id"),
    identifier("source", "source"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    text(Text::Username, "userName"),
    email("contactEmail"),
    phone("userAttributes.phoneNumber"),
    text(Text::Title, "userAttributes.title"),
    active_flag("isEnabled"),
    time(Time::LastLoginAt, "lastLogin", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["resultMsg", "message"]))
.sources(&[
    "https://docs.helloid.com/hc/en-us/articles/115002969074-GET-Get-all-users",
    "https://github.com/Tools4everBV/HelloID-Conn-Prov-Target-HelloID",
])
.absent(&[(
    "roles",
    "the user record carries no roles or groups (HelloID keeps them on other resources)",
)]);

/// Connects to HelloID (`company`, `api_key`, `api_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
