//! # Sumo Logic
//!
//! The users of one Sumo Logic organization, through the Sumo Logic User Management API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `sumo_logic` |
//! | operations | list, get |
//! | list | `GET /api/v1/users?limit=&token=`: `data`, with the next page's token at `next` |
//! | get | `GET /api/v1/users/{id}` |
//! | base URL | `https://{api_host}.sumologic.com/api`: `api_host` is `api` for US1 (the default), `api.eu`, `api.us2`, `api.de`, `api.au`, `api.jp`, `api.ca`, `api.in`, `api.kr`, `api.ch`, `api.fed`, … for the other deployments |
//! | auth | `Authorization: Basic base64(accessId:accessKey)`; config keys `access_id` and `access_key` (env `TRUTO_SUMO_LOGIC_ACCESS_ID`, `TRUTO_SUMO_LOGIC_ACCESS_KEY`) |
//! | config keys | `api_host` |
//! | permissions | the access key's user needs the Administrator role or the *Manage Users and Roles* capability |
//! | page size | default 100 (`limit`); no maximum documented |
//! | filters | `email` (`email`: the user with that address) |
//! | rate limits | 4 requests a second (240 a minute) per user, 10 concurrent requests per access key; `429` when exceeded, no rate-limit headers |
//!
//! ## Mapping
//!
//! | Sumo Logic | unified |
//! |---|---|
//! | `id` | `id` |
//! | `firstName`, `lastName` | `first_name`, `last_name`; `name` joins them |
//! | `email` | `emails` (one, primary) |
//! | `isActive` | `status`: `active` / `inactive` |
//! | `isMfaEnabled` | `is_2fa_enabled` |
//! | `roleIds[]` | `roles` (ids; names are at `GET /api/v1/roles/{id}`) |
//! | `createdAt` | `created_at` |
//! | `modifiedAt` | `updated_at` |
//! | `lastLoginTimestamp` | `last_login_at` |
//!
//! ## Quirks
//!
//! - Inactive users are listed (`isActive: false`); a user locked after failed logins
//!   (`isLocked: true`) keeps its status and shows the lock in `remote_data` only.
//! - A page may hold fewer users than `limit` and still have a next one: only a missing
//!   `next` token ends the listing.
//! - A request to the wrong deployment answers `301` with a `Location`; it is not followed
//!   (set `api_host`).
//! - Errors are `{"id": …, "errors": [{"code": …, "message": …}]}`; `id` is the request's.
//!
//! ## Sources
//!
//! - <https://www.sumologic.com/help/docs/api/user-management/> (the User Management API,
//!   the permission needed)
//! - <https://www.sumologic.com/help/docs/api/about-apis/getting-started/> (deployments and
//!   their API hosts, access-key authentication, the `301` for a wrong deployment)
//! - <https://www.sumologic.com/help/docs/reuse/api-rate-limit/> (rate limits)
//! - Sumo Logic's Terraform provider, `SumoLogic/terraform-provider-sumologic`:
//!   `sumologic/sumologic_user.go`, `sumologic/data_source_sumologic_user.go`,
//!   `sumologic/sumologic_client.go` (`v1/users`, `?email=`, `data`, `v1/users/{id}`, Basic
//!   auth, the deployments' hosts)
//! - `craigsands/sumologic-client` (generated from Sumo Logic's OpenAPI description):
//!   `docs/UserManagementApi.md`, `docs/UserModel.md`, `docs/ListUserModelsResponse.md`,
//!   `docs/ErrorResponse.md` (`limit`, `token`, `next`, the user's fields)
//!
//! ## Not confirmed
//!
//! - The user fields beyond `id`, `firstName`, `lastName`, `email`, `roleIds` and
//!   `isActive` (`isLocked`, `isMfaEnabled`, `createdAt`, `modifiedAt`,
//!   `lastLoginTimestamp`), `limit`, `token` and `next` were read through a client generated
//!   from Sumo Logic's OpenAPI description, not from the description itself.
//! - The largest `limit`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SUMO_LOGIC_ACCESS_ID=…, TRUTO_SUMO_LOGIC_ACCESS_KEY=…, TRUTO_SUMO_LOGIC_API_HOST=api.eu
//! let dir = truto_devtools::sumo_logic::connect(&Config::from_env("sumo_logic"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, cursor, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Sumo Logic spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("sumo_logic", "Sumo Logic", Family::Devtools)
        .credentials(&[Credential::basic("{access_id}", "access_key")])
        .base_url("https://{api_host}.sumologic.com/api")
        .config(&[
            ConfigKey::required("access_id", "the access ID of an access key"),
            ConfigKey::secret("access_key", "the access key"),
            ConfigKey::optional(
                "api_host",
                "the deployment's API host: `api` for US1 (the default), `api.eu`, `api.us2`, `api.de`, … (or the full host name)",
            )
            .default("api")
            .host_suffix(".sumologic.com"),
        ])
        .note("an access ID and key of a user who can manage users and roles; set `api_host` outside US1"),
)
.list(
    List::get("v1/users")
        .records("data")
        .paging(cursor(query("token"), query("limit"), "next"))
        .filters(&[FilterRule::query(Filter::Email, "email")]),
)
.get(Get::get("v1/users/{id}"))
.map(&[
    id("id"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("email"),
    active_flag("isActive"),
    flag(Flag::TwoFactor, "isMfaEnabled"),
    refs(Refs::Roles, "roleIds").id(""),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
    time(Time::UpdatedAt, "modifiedAt", TimeFormat::Auto),
    time(Time::LastLoginAt, "lastLoginTimestamp", TimeFormat::Auto),
])
.errors(Errors::GENERIC.request_id(&["id"]))
.sources(&[
    "https://www.sumologic.com/help/docs/api/user-management/",
    "https://www.sumologic.com/help/docs/api/about-apis/getting-started/",
    "https://www.sumologic.com/help/docs/reuse/api-rate-limit/",
    "https://github.com/SumoLogic/terraform-provider-sumologic",
    "https://github.com/craigsands/sumologic-client",
]);

/// Connects to Sumo Logic (`access_id`, `access_key`, optionally `api_host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
