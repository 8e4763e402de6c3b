//! # Apono
//!
//! The users of an Apono account, through Apono's Public API (`/api/admin/v3/users`).
//!
//! | | |
//! |---|---|
//! | slug / feature | `apono` |
//! | operations | list, get |
//! | list | `GET /api/admin/v3/users?limit=&page_token=`, paged by the cursor in `pagination.next_page_token` |
//! | get | `GET /api/admin/v3/users/{id}` |
//! | base URL | `https://api.apono.io` (`base_url` overrides it, as Apono's `APONO_ENDPOINT` does) |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_APONO_TOKEN`): a personal API token or a service account's token (`aup_…`) |
//! | page size | `limit`: 100 by default (the documented default; no maximum is documented) |
//! | filters | `first_name` (`first_name`), `last_name` (`last_name`), `roles` (`role`, one role name) |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | Apono | unified |
//! |---|---|
//! | `id` | `id` |
//! | `email` (primary), `email_aliases[]` | `emails` |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` joined from them |
//! | `active` | `status`: `active` / `inactive` |
//! | `roles[]` (names: `Admin`, `Power User`, `Deployment`, `Viewer`, …) | `roles` (by name) |
//! | `attributes.title` | `title` |
//! | `source_integration_id`, `source_integration_name` | `identifiers` |
//!
//! ## Quirks
//!
//! - Apono does not own its users: they come from the identity integrations connected to
//!   it (Okta, Google, …), named by `source_integration_id` / `source_integration_name`.
//!   `attributes` is whatever that source sends (department, location, title, …), so
//!   `title` is filled only when the source sends `title`.
//! - The `first_name` and `last_name` filters take Apono's wildcards: `*` alone means
//!   "contains", `prefix*` "starts with", `*suffix` "ends with"; without a `*` the value is
//!   sent as is.
//! - Records carry no timestamps.
//!
//! ## Sources
//!
//! - Apono's Public API description as vendored in its official Terraform provider,
//!   <https://github.com/apono-io/terraform-provider-apono> `internal/v2/api/openapi.json`
//!   (`listUsersV3`, `getUserV3`, `UserV3`, `PublicApiPaginationInfoModel`; commit
//!   `11acf3e8`)
//! - the same repository's `docs/index.md` (token kinds, `aup_` tokens, the default endpoint)
//! - <https://docs.apono.io/api-reference> (authentication)
//!
//! ## Not confirmed
//!
//! - The largest `limit` accepted.
//! - The error body of reads (only `{error_code, error_details}` of writes is described).
//! - Rate limits.
//! - Whether inactive users are listed (the record's `active` flag suggests so).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_APONO_TOKEN=aup_…
//! let dir = truto_idp::apono::connect(&Config::from_env("apono"))?;
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

/// The Apono spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("apono", "Apono", Family::Idp)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.apono.io")
        .config(&[ConfigKey::secret(
            "token",
            "a personal API token or a service account's token (`aup_…`)",
        )])
        .note("a personal or service-account API token; lists the users Apono's identity integrations bring in"),
)
.list(
    List::get("api/admin/v3/users")
        .records("items")
        .paging(cursor(
            query("page_token"),
            query("limit"),
            "pagination.next_page_token",
        ))
        .filters(&[
            FilterRule::query(Filter::FirstName, "first_name"),
            FilterRule::query(Filter::LastName, "last_name"),
            FilterRule::query(Filter::Roles, "role"),
        ])
        .page_size(100, 100),
)
.get(Get::get("api/admin/v3/users/{id}"))
.map(&[
    id("id"),
    email("email"),
    emails("email_aliases", ""),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    active_flag("active"),
    refs(Refs::Roles, "roles").name(""),
    text(Text::Title, "attributes.title"),
    identifier("source_integration_id", "source_integration_id"),
    identifier("source_integration_name", "source_integration_name"),
])
.errors(
    Errors::GENERIC
        .message(&["error_details"])
        .code(&["error_code"]),
)
.sources(&[
    "https://github.com/apono-io/terraform-provider-apono",
    "https://docs.apono.io/api-reference",
]);

/// Connects to Apono (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
