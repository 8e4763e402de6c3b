//! # HashiCorp Terraform Cloud (HCP Terraform)
//!
//! The members of one HCP Terraform organization, through the HCP Terraform API (v2,
//! JSON:API).
//!
//! | | |
//! |---|---|
//! | slug / feature | `hashicorp_terraform_cloud` |
//! | operations | list |
//! | list | `GET /api/v2/organizations/{organization}/organization-memberships?page[number]=&page[size]=`, paged by page number (first page 1) until `meta.pagination.total-pages` |
//! | base URL | `https://app.terraform.io` (Terraform Enterprise: its own host, through `base_url`) |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_HASHICORP_TERRAFORM_CLOUD_TOKEN`): an organization token, an owners-team token or a user token |
//! | config keys | `organization` (the organization's name) |
//! | scopes | the token must be able to manage the organization's membership (the owners team, its token, the organization token, or Team Management permission) |
//! | page size | at most 100 (`page[size]`); 20 by default |
//! | filters | `email` (`filter[email]`, exact), `status` (`filter[status]`: `active`, `invited`, `inactive`) |
//! | rate limits | 30 requests per second per token; `429` when exceeded |
//!
//! ## Mapping
//!
//! | HCP Terraform | unified |
//! |---|---|
//! | `id` (the membership, `ou-…`) | `id` |
//! | `attributes.email` | `emails` (one, primary) |
//! | `attributes.status` (`active`, `invited`, `inactive`) | `status` |
//! | `attributes.created-at` | `created_at` |
//! | `relationships.teams.data[].id` (`team-…`) | `groups` (ids) |
//! | `relationships.organization.data.id` (the organization's name) | `organizations` |
//! | `relationships.user.data.id` (`user-…`) | `identifiers.user_id` |
//!
//! ## Quirks
//!
//! - Ids are membership ids (`ou-…`), not user ids; the user's own id is in
//!   `identifiers.user_id`.
//! - The listing includes invited members (`status: invited`) and inactive ones.
//! - The user's profile (username, avatar, 2FA, service-account flag) is not part of the
//!   membership: HCP Terraform side-loads it in the response's top-level `included` with
//!   `include=user`, which this declarative integration does not join. Pass the remote query
//!   `include=user` to read it from the raw response.
//! - Errors are JSON:API error objects (`{"errors": [{"status", "title", "detail"}]}`); a
//!   `404` also answers for an organization the token cannot see.
//!
//! ## Sources
//!
//! - <https://developer.hashicorp.com/terraform/cloud-docs/api-docs/organization-memberships> (list memberships, its filters, the sample response)
//! - <https://developer.hashicorp.com/terraform/cloud-docs/api-docs> (pagination `page[number]` / `page[size]`, default 20, max 100; rate limiting; errors)
//! - HashiCorp's Go client, `hashicorp/go-tfe` (`v2/api`, generated from HashiCorp's API description): the list's URL template with `filter[email]`, `filter[status]`, `q`, `include`, the status values, the membership's `email` and `created-at` attributes
//!
//! ## Not confirmed
//!
//! - The `inactive` status value and the membership's `email` and `created-at` attributes
//!   appear in HashiCorp's generated client, not in the documentation's sample response.
//! - Whether a reset header accompanies a `429`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_HASHICORP_TERRAFORM_CLOUD_TOKEN=… TRUTO_HASHICORP_TERRAFORM_CLOUD_ORGANIZATION=acme
//! let dir = truto_devtools::hashicorp_terraform_cloud::connect(&Config::from_env(
//!     "hashicorp_terraform_cloud",
//! ))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, page_number, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The HCP Terraform spec.
pub static SPEC: Spec = Spec::new(
    Integration::new(
        "hashicorp_terraform_cloud",
        "HashiCorp Terraform Cloud",
        Family::Devtools,
    )
    .credentials(&[Credential::bearer("token")])
    .base_url("https://app.terraform.io")
    .config(&[
        ConfigKey::secret(
            "token",
            "an organization, owners-team or user API token",
        ),
        ConfigKey::required("organization", "the organization's name"),
    ])
    .note("an organization or owners-team token and the organization name; lists memberships, invited ones included"),
)
.list(
    List::get("api/v2/organizations/{organization}/organization-memberships")
        .records("data")
        .paging(page_number(
            query("page[number]"),
            query("page[size]"),
            1,
            End::TotalPages("meta.pagination.total-pages"),
        ))
        .filters(&[
            FilterRule::query(Filter::Email, "filter[email]"),
            FilterRule::mapped(
                Filter::Status,
                "filter[status]",
                &[
                    ("active", "active"),
                    ("invited", "invited"),
                    ("inactive", "inactive"),
                ],
            ),
        ])
        .page_size(20, 100),
)
.map(&[
    id("id"),
    email("attributes.email"),
    status(
        "attributes.status",
        &[
            ("active", Status::Active),
            ("invited", Status::Invited),
            ("inactive", Status::Inactive),
        ],
    ),
    time(Time::CreatedAt, "attributes.created-at", TimeFormat::Auto),
    refs(Refs::Groups, "relationships.teams.data").id("id"),
    reference(Refs::Organizations).id("relationships.organization.data.id"),
    identifier("user_id", "relationships.user.data.id"),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].detail", "errors[0].title"])
        .code(&["errors[0].status"]),
)
.sources(&[
    "https://developer.hashicorp.com/terraform/cloud-docs/api-docs/organization-memberships",
    "https://developer.hashicorp.com/terraform/cloud-docs/api-docs",
    "https://github.com/hashicorp/go-tfe",
]);

/// Connects to HCP Terraform (`token`, `organization`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
