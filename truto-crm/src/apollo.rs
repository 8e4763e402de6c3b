//! # Apollo
//!
//! The users (teammates) of one Apollo account, through Apollo's "Get a List of Users"
//! endpoint.
//!
//! | | |
//! |---|---|
//! | slug / feature | `apollo` |
//! | operations | list |
//! | list | `GET /api/v1/users/search?page=&per_page=`, paged by page number until `pagination.total_entries` |
//! | base URL | `https://api.apollo.io` |
//! | auth | `X-Api-Key: <key>`; config key `api_key` (env `TRUTO_APOLLO_API_KEY`): a master API key, or a key with `api/v1/users/search` enabled; or an OAuth `access_token` (`Authorization: Bearer`) with the `users_list` scope |
//! | scopes | OAuth: `users_list` |
//! | page size | 100 by default here (`per_page`); Apollo documents no maximum |
//! | filters | none: the endpoint takes only `page` and `per_page` |
//! | rate limits | per plan and endpoint; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Apollo | unified |
//! |---|---|
//! | `id` | `id` |
//! | `first_name`, `last_name`, `name` | `first_name`, `last_name`, `name` |
//! | `email` | `emails[0]` (primary) |
//! | `title` | `title` |
//! | `role` | `roles` (name) |
//! | `team_id` (the Apollo account's team) | `organizations` (id) |
//! | `deleted`: `false` → `active`, `true` → `deleted` | `status` |
//! | `created_at`, `updated_at` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - Apollo publishes no endpoint that reads one user: its Users section lists only "Get a
//!   List of Users" and the email accounts. `get` is declared absent; list and match the id.
//! - A key that is not a master key (and lacks the endpoint) is answered `403`.
//! - The call costs no credits.
//!
//! ## Sources
//!
//! - <https://docs.apollo.io/reference/get-a-list-of-users> (endpoint, `page`, `per_page`,
//!   key access, OAuth scope, credits)
//! - <https://docs.apollo.io/docs/get-a-list-of-users> (master key, `403`)
//! - <https://docs.apollo.io/reference/users> (the Users section: no single-user endpoint)
//!
//! ## Not confirmed
//!
//! - The response: Apollo's page shows no example in what could be read. The `users`
//!   envelope, the `pagination` object and the user's fields (`id`, `name`, `email`,
//!   `team_id`, `deleted` read by independent third-party scripts; `first_name`,
//!   `last_name`, `title`, `role`, `created_at`, `updated_at` from a third-party
//!   specification) are not confirmed by Apollo, and neither is the fixture record.
//! - The largest `per_page` (if Apollo caps it below 100, listing stops early).
//! - Whether `deleted: true` users are listed, and whether they are deactivated teammates
//!   or removed ones.
//! - The `X-Api-Key` header (Apollo's examples and third-party clients send it; the pages
//!   read name "API key access" without the header).
//! - The rate-limit headers and the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_APOLLO_API_KEY=… (a master key)
//! let dir = truto_crm::apollo::connect(&Config::from_env("apollo"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, List, Spec, page_number, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Apollo spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("apollo", "Apollo", Family::Crm)
        .credentials(&[
            Credential::header("X-Api-Key", "api_key"),
            Credential::bearer("access_token"),
        ])
        .base_url("https://api.apollo.io")
        .config(&[
            ConfigKey::optional_secret(
                "api_key",
                "a master API key (or one with api/v1/users/search enabled)",
            ),
            ConfigKey::optional_secret(
                "access_token",
                "an OAuth access token with the users_list scope (or set `api_key`)",
            ),
        ])
        .note("needs a master API key (other keys are refused with 403); lists the account's teammates, no single-user read"),
)
.list(
    List::get("api/v1/users/search")
        .records("users")
        .paging(page_number(
            query("page"),
            query("per_page"),
            1,
            End::Total("pagination.total_entries"),
        ))
        .page_size(100, 100),
)
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    text(Text::Name, "name"),
    name_from_parts(),
    email("email"),
    text(Text::Title, "title"),
    reference(Refs::Roles).name("role"),
    reference(Refs::Organizations).id("team_id"),
    status_flag("deleted", Status::Deleted, Some(Status::Active)),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
])
.sources(&[
    "https://docs.apollo.io/reference/get-a-list-of-users",
    "https://docs.apollo.io/docs/get-a-list-of-users",
    "https://docs.apollo.io/reference/users",
])
.absent(&[
    (
        "get",
        "Apollo's Users section (docs.apollo.io/reference/users) documents only Get a List of Users and email accounts: no endpoint reads one user",
    ),
    (
        "is_email_verified",
        "no field of the user record says whether the address is verified",
    ),
]);

/// What the Apollo integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Apollo (`api_key`, or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
