//! # CockroachDB Cloud
//!
//! The users of a CockroachDB Cloud organization, through the Cloud API's SCIM 2.0 Users
//! endpoint.
//!
//! | | |
//! |---|---|
//! | slug / feature | `cockroachdb_cloud` |
//! | operations | list |
//! | list | `GET /api/scim/v2/Users?startIndex=&count=`, paged by SCIM `startIndex` / `count` / `totalResults` |
//! | base URL | `https://cockroachlabs.cloud` |
//! | auth | `Authorization: Bearer <service account API key>`; config key `api_key` (env `TRUTO_COCKROACHDB_CLOUD_API_KEY`) |
//! | config keys | `api_key` only: the organization is the service account's |
//! | scopes | the service account needs the `ORG_ADMIN` role at the organization scope |
//! | page size | `count`: default 20; 100 is asked for at most |
//! | filters | none |
//! | rate limits | 10 requests per second per user; beyond, a response with `Retry-After` (honoured) |
//!
//! ## Mapping
//!
//! | CockroachDB Cloud (`ScimUser`) | unified |
//! |---|---|
//! | `id` | `id` |
//! | `externalId` | `external_id` |
//! | `userName` | `username` |
//! | `displayName` | `name` |
//! | `name.givenName`, `name.familyName` | `first_name`, `last_name` |
//! | `emails[]` `{value, type, primary}` | `emails` |
//! | `active` | `status`: `active` / `inactive` |
//! | `groups[]` `{value, display}` | `groups` |
//! | `meta.created` | `created_at` |
//! | `meta.lastModified` | `updated_at` |
//!
//! ## Quirks
//!
//! - The reference marks this integration's list *partial*: it lists role grants
//!   (`GET /api/v1/roles`, only a `user_id` and roles per user). The SCIM listing used here
//!   returns the full user, the same record as `GET /api/scim/v2/Users/{id}`, so the list
//!   is not partial. Role grants are not read: users have no `roles` here.
//! - The reference marks list only, so no get is declared.
//!
//! ## Sources
//!
//! - CockroachDB Cloud API description, `internal/spec/openapi.json` of the official Go SDK
//!   <https://github.com/cockroachdb/cockroach-cloud-sdk-go> (version 2024-09-16):
//!   `GET /api/scim/v2/Users` (`startIndex`, `count`, `filter`), `GetUsersResponse`,
//!   `ScimUser`, `ScimEmail`, `ScimName`, `ScimResource`, `ScimMetadata`, `Status`, the
//!   `ORG_ADMIN` requirement, Bearer security
//! - <https://www.cockroachlabs.com/docs/cockroachcloud/cloud-api> (service account API keys,
//!   the rate limit)
//!
//! ## Not confirmed
//!
//! - The largest `count`; the SCIM filter attributes and operators the endpoint supports
//!   (so no filter is declared).
//! - Whether SCIM provisioning must be enabled on the organization for these endpoints.
//! - The text form of `meta.created` and `meta.lastModified` (strings without a format);
//!   RFC 3339 is read.
//! - The status code of a rate-limited response (`429` presumed).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_COCKROACHDB_CLOUD_API_KEY=…
//! let dir = truto_devtools::cockroachdb_cloud::connect(&Config::from_env("cockroachdb_cloud"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, SCIM_PAGING, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The CockroachDB Cloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("cockroachdb_cloud", "CockroachDB Cloud", Family::Devtools)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://cockroachlabs.cloud")
        .config(&[ConfigKey::secret(
            "api_key",
            "the API key of a service account with the ORG_ADMIN role",
        )])
        .note("Needs a service account API key with ORG_ADMIN; lists the organization's users through SCIM."),
)
.list(
    List::get("api/scim/v2/Users")
        .records("Resources")
        .paging(SCIM_PAGING)
        .page_size(20, 100),
)
.map(&[
    id("id"),
    text(Text::ExternalId, "externalId"),
    text(Text::Username, "userName"),
    text(Text::Name, "displayName"),
    text(Text::FirstName, "name.givenName"),
    text(Text::LastName, "name.familyName"),
    emails("emails", "value").kind("type").primary("primary"),
    active_flag("active"),
    refs(Refs::Groups, "groups").id("value").name("display"),
    time(Time::CreatedAt, "meta.created", TimeFormat::Auto),
    time(Time::UpdatedAt, "meta.lastModified", TimeFormat::Auto),
])
.sources(&[
    "https://github.com/cockroachdb/cockroach-cloud-sdk-go/blob/main/internal/spec/openapi.json",
    "https://www.cockroachlabs.com/docs/cockroachcloud/cloud-api",
]);

/// Connects to CockroachDB Cloud (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
