//! # Seismic
//!
//! The users of one Seismic tenant, through Seismic's Reporting API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `seismic` |
//! | operations | list |
//! | list | `GET /reporting/v2/users`: every user of the tenant in one response (the response is the array) |
//! | base URL | `https://api.seismic.com` |
//! | auth | `Authorization: Bearer <token>`; config key `access_token` (env `TRUTO_SEISMIC_ACCESS_TOKEN`): an OAuth access token from the tenant's token endpoint (`https://auth.seismic.com/tenants/{tenant}/connect/token`) |
//! | config keys | none besides the token |
//! | scopes | the Reporting API's scope (`reporting`) for the app registered in Seismic's developer portal |
//! | page size | none: the Reporting API does not page |
//! | filters | none |
//! | rate limits | a per-tenant policy, strictly enforced since 2023; numbers and headers not read |
//!
//! ## Mapping
//!
//! | Seismic | unified |
//! |---|---|
//! | `id` | `id` |
//! | `externalId` | `external_id` |
//! | `username` | `username` |
//! | `firstName`, `lastName`, `fullName` | `first_name`, `last_name`, `name` |
//! | `email` | `emails[0]` (primary) |
//! | `phoneNumber` | `phones[0]` |
//! | `title` | `title` |
//! | `isDeleted` → `deleted`, else `isDeactivated` → `inactive` / `active` | `status` |
//! | `organization` | `organizations[0].name` |
//! | `licenseType` | `licenses[0].name` |
//! | `isSystemAdmin` | `user_type`: `admin` when true, `user` when false |
//! | `languageCode` | `languages` |
//! | `createdAt`, `modifiedAt`, `latestActivityDate` | `created_at`, `updated_at`, `last_active_at` |
//!
//! `department`, `businessUnit`, `location`, `managerId`, `hireDate`, `ssoUserId` and the
//! other reporting columns stay in `remote_data`.
//!
//! ## Quirks
//!
//! - No public description of Seismic's user endpoints (`/integration/v2/users/…`) beyond
//!   `users/me` was found; the Reporting API's `users` table lists every user, deleted and
//!   deactivated ones included.
//! - The Reporting API does not page: one response holds the tenant's users.
//!
//! ## Sources
//!
//! - <https://developer.seismic.com/seismicsoftware/reference> (API families, the
//!   Reporting API, the rate-limit policy)
//! - <https://developer.seismic.com/seismicsoftware/reference/h1-reporting-api-overview>
//!   (reporting objects, no pagination)
//! - `amp-labs/connectors`, `providers/seismic.go` and `providers/seismic` (base URLs,
//!   the tenant token endpoint, `GET {reporting}/v2/{object}` with the response as the
//!   array, and the `users` object's fields)
//!
//! ## Not confirmed
//!
//! - Seismic's reference pages were not readable: the endpoint, the field names and the
//!   absence of paging come from a third-party connector built on them.
//! - The fields' types (`isDeactivated`, `isDeleted`, `isSystemAdmin` are read as flags,
//!   the dates in any RFC 3339 form) and the values `licenseType` takes.
//! - A single-user read (none is declared), the scope's exact name, rate-limit headers
//!   and the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SEISMIC_ACCESS_TOKEN=…
//! let dir = truto_crm::seismic::connect(&Config::from_env("seismic"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Seismic spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("seismic", "Seismic", Family::Crm)
        .credentials(&[Credential::bearer("access_token")])
        .base_url("https://api.seismic.com")
        .config(&[ConfigKey::secret(
            "access_token",
            "an OAuth access token of a Seismic app with the Reporting API's scope",
        )])
        .note("needs an OAuth access token with Seismic's Reporting API scope; lists every user of the tenant, deactivated and deleted ones included"),
)
.list(List::get("reporting/v2/users"))
.map(&[
    id("id"),
    text(Text::ExternalId, "externalId"),
    text(Text::Username, "username"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    text(Text::Name, "fullName"),
    name_from_parts(),
    email("email"),
    phone("phoneNumber"),
    text(Text::Title, "title"),
    status_flag("isDeleted", Status::Deleted, None),
    status_flag("isDeactivated", Status::Inactive, Some(Status::Active)),
    reference(Refs::Organizations).name("organization"),
    reference(Refs::Licenses).name("licenseType"),
    user_type_flag("isSystemAdmin", "admin", Some("user")),
    languages("languageCode"),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
    time(Time::UpdatedAt, "modifiedAt", TimeFormat::Auto),
    time(Time::LastActiveAt, "latestActivityDate", TimeFormat::Auto),
])
.sources(&[
    "https://developer.seismic.com/seismicsoftware/reference",
    "https://developer.seismic.com/seismicsoftware/reference/h1-reporting-api-overview",
    "https://github.com/amp-labs/connectors/tree/main/providers/seismic",
])
.absent(&[
    (
        "get",
        "no read of another user by id was found in Seismic's public reference (only the caller's own, /integration/v2/users/me); the Reporting API lists users only",
    ),
    (
        "bio",
        "the Reporting API's users table has no biography column",
    ),
]);

/// Connects to Seismic (`access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
