//! # Elastic Cloud
//!
//! The members of one Elastic Cloud organization, through the Elastic Cloud API (v1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `elastic_cloud` |
//! | operations | list |
//! | list | `GET /api/v1/organizations/{organization_id}/members`: every member in one response (`members`) |
//! | base URL | `https://api.elastic-cloud.com` (GovCloud: `https://api.us-gov-east-1.aws.elastic-cloud.com`, through `base_url`) |
//! | auth | `Authorization: ApiKey <key>`; config key `api_key` (env `TRUTO_ELASTIC_CLOUD_API_KEY`) |
//! | config keys | `organization_id` (the organization's id, from `GET /api/v1/organizations`) |
//! | scopes | an API key whose role can read the organization's members (an organization owner or admin role) |
//! | page size | none: the endpoint takes no paging parameters |
//! | filters | none |
//! | rate limits | `x-ratelimit-remaining` on every response; throttled requests are retried with backoff |
//!
//! ## Mapping
//!
//! | Elastic Cloud | unified |
//! |---|---|
//! | `user_id` | `id` |
//! | `name` (the full name) | `name` |
//! | `email` | `emails` (one, primary) |
//! | `organization_id` | `organizations` |
//! | `role_assignments.organization[].role_id`, `.deployment[].role_id`, `.project.{elasticsearch,observability,security}[].role_id`, `.platform[].role_id` | `roles` (ids) |
//! | `member_since` (when the user joined the organization) | `created_at` |
//!
//! ## Quirks
//!
//! - Only members who accepted their invitation are listed; pending invitations are a
//!   separate resource (`/organizations/{organization_id}/invitations`), so no user is
//!   `invited` and `status` is left unset.
//! - Roles are collected from every scope (organization, deployment, serverless project,
//!   platform) as ids; where a deployment or project role applies (`all`, `deployment_ids`,
//!   `project_ids`) stays in `remote_data`.
//! - Errors are `{"errors": [{"code": "organization.not_found", "message": "…"}]}`; the
//!   first error's message and code are read.
//! - The endpoint is not available on self-hosted ECE.
//!
//! ## Sources
//!
//! - Elastic Cloud's published API description (`https://api.elastic-cloud.com/api/v1/api-docs-user/swagger.json`,
//!   as shipped in `elastic/cloud-sdk-go`, `api/apidocs-user.json`): `list-organization-members`,
//!   `OrganizationMembership`, `RoleAssignments`, `BasicFailedReply`, the `apiKey` scheme
//! - <https://www.elastic.co/docs/api/doc/cloud/authentication> (`Authorization: ApiKey …`)
//! - <https://www.elastic.co/guide/en/cloud/current/ec-api-rate-limiting.html> (rate-limit headers)
//!
//! ## Not confirmed
//!
//! - The role an API key needs to list members.
//! - The values `role_id` takes (the description does not enumerate them).
//! - The status of a throttled response and whether a reset header is sent.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ELASTIC_CLOUD_API_KEY=… TRUTO_ELASTIC_CLOUD_ORGANIZATION_ID=…
//! let dir = truto_devtools::elastic_cloud::connect(&Config::from_env("elastic_cloud"))?;
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
use truto_core::provider::declarative::{Errors, List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Elastic Cloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("elastic_cloud", "Elastic Cloud", Family::Devtools)
        .credentials(&[Credential::custom("ApiKey", "api_key")])
        .base_url("https://api.elastic-cloud.com")
        .config(&[
            ConfigKey::secret("api_key", "an Elastic Cloud API key"),
            ConfigKey::required(
                "organization_id",
                "the organization's id (from GET /api/v1/organizations)",
            ),
        ])
        .note("an API key and the organization id; lists the organization's members"),
)
.list(List::get("api/v1/organizations/{organization_id}/members").records("members"))
.map(&[
    id("user_id"),
    text(Text::Name, "name"),
    email("email"),
    reference(Refs::Organizations).id("organization_id"),
    refs(Refs::Roles, "role_assignments.organization").id("role_id"),
    refs(Refs::Roles, "role_assignments.deployment").id("role_id"),
    refs(Refs::Roles, "role_assignments.project.elasticsearch").id("role_id"),
    refs(Refs::Roles, "role_assignments.project.observability").id("role_id"),
    refs(Refs::Roles, "role_assignments.project.security").id("role_id"),
    refs(Refs::Roles, "role_assignments.platform").id("role_id"),
    time(Time::CreatedAt, "member_since", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].message"])
        .code(&["errors[0].code"]),
)
.sources(&[
    "https://api.elastic-cloud.com/api/v1/api-docs-user/swagger.json",
    "https://github.com/elastic/cloud-sdk-go",
    "https://www.elastic.co/docs/api/doc/cloud/authentication",
    "https://www.elastic.co/guide/en/cloud/current/ec-api-rate-limiting.html",
]);

/// Connects to Elastic Cloud (`api_key`, `organization_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
