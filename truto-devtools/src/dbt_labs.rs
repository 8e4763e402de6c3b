//! # dbt Labs (dbt Cloud)
//!
//! The users of a dbt Cloud account, through the dbt Cloud Administrative API v3.
//!
//! | | |
//! |---|---|
//! | slug / feature | `dbt_labs` |
//! | operations | list |
//! | list | `GET /api/v3/accounts/{account_id}/users/?offset=&limit=`, paged by offset; `extra.pagination.total_count` is the total |
//! | base URL | `https://{host}`: `host` is `cloud.getdbt.com` (the default, US multi-tenant), `{account_prefix}.us1.dbt.com` (US cell), `emea.dbt.com` or `au.dbt.com` |
//! | auth | `Authorization: Token <token>` (`Bearer` is equivalent), with `Accept: application/json`; config key `token` (env `TRUTO_DBT_LABS_TOKEN`) |
//! | config keys | `account_id` (env `TRUTO_DBT_LABS_ACCOUNT_ID`), `host` (optional; env `TRUTO_DBT_LABS_HOST`) |
//! | scopes | a personal access token or a service token whose permissions can read the account's users |
//! | page size | `limit`: at most 100 |
//! | filters | none |
//! | rate limits | not documented; `429` is retried with `Retry-After` when sent |
//!
//! ## Mapping
//!
//! | dbt Cloud (`UserResponse`) | unified |
//! |---|---|
//! | `id` | `id` |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` joined from them |
//! | `email` | `emails` (one, primary) |
//! | `email_verified` | `is_email_verified` |
//! | `is_active` | `status`: `active` / `inactive` |
//! | `permissions[].license_type` (`developer`, `read_only`, `analyst`, `it`) | `licenses` (by id) |
//! | `created_at` | `created_at` |
//! | `last_login` | `last_login_at` |
//!
//! The SSO and Git-provider fields (`github_username`, `sso_only_user`, `*_connected`, …),
//! `is_staff` and `apitoken_last_used` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - A permission's `state` 2 means deleted; licenses are listed whatever their state
//!   (the state stays in `remote_data`).
//! - Paths end with `/`, as dbt Cloud documents them.
//!
//! ## Sources
//!
//! - dbt Cloud's published descriptions, <https://github.com/dbt-labs/dbt-cloud-openapi-spec>
//!   (`openapi-v3.yaml`: servers, the `Token` / `Bearer` header, the API-wide `limit` /
//!   `offset` pagination with `extra.pagination`, `GET /api/v3/accounts/{account_id}/users/`,
//!   `UserListEnveloped`, `UserResponse`, `UserLicense`, `ResponseStatus`)
//! - <https://docs.getdbt.com/dbt-cloud/api-v3>
//!
//! ## Not confirmed
//!
//! - That the users operation honours `limit` and `offset` (stated for all list operations,
//!   not on the operation itself), and its default page size.
//! - Whether deactivated users are listed.
//! - The permission set a token needs, and the plans that include the API.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DBT_LABS_TOKEN=… TRUTO_DBT_LABS_ACCOUNT_ID=12345
//! let dir = truto_devtools::dbt_labs::connect(&Config::from_env("dbt_labs"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.licenses);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, offset, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The dbt Labs spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("dbt_labs", "dbt Labs", Family::Devtools)
        .credentials(&[Credential::custom("Token", "token")])
        .base_url("{host}")
        .config(&[
            ConfigKey::secret("token", "a dbt Cloud personal access token or service token"),
            ConfigKey::required("account_id", "the dbt Cloud account's id (a number)"),
            ConfigKey::optional(
                "host",
                "the account's access URL host: cloud.getdbt.com (the default), <prefix>.us1.dbt.com, emea.dbt.com or au.dbt.com",
            )
            .default("cloud.getdbt.com")
            .origin(),
        ])
        .note("Needs a token that can read the account's users, the account id, and the access URL's host outside the US multi-tenant cloud."),
)
.list(
    List::get("api/v3/accounts/{account_id}/users/")
        .records("data")
        .paging(offset(
            query("offset"),
            query("limit"),
            End::Total("extra.pagination.total_count"),
        ))
        .page_size(100, 100),
)
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email"),
    flag(Flag::EmailVerified, "email_verified"),
    active_flag("is_active"),
    refs(Refs::Licenses, "permissions").id("license_type"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_login", TimeFormat::Auto),
])
.headers(&[("Accept", "application/json")])
.errors(Errors::GENERIC.message(&["status.user_message", "status.developer_message"]))
.sources(&[
    "https://github.com/dbt-labs/dbt-cloud-openapi-spec/blob/master/openapi-v3.yaml",
    "https://docs.getdbt.com/dbt-cloud/api-v3",
]);

/// Connects to dbt Cloud (`token`, `account_id`, optionally `host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
