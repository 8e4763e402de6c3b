//! # Harness
//!
//! The users of one Harness account, through the Harness Platform (NextGen) API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `harness` |
//! | operations | list, get |
//! | list | `POST /ng/api/user/aggregate?accountIdentifier=&pageIndex=&pageSize=` with the JSON body `{}`, paged by page number (first page 0) until `data.totalPages` |
//! | get | `GET /ng/api/user/aggregate/{userId}?accountIdentifier=`: the user under `data` |
//! | base URL | `https://app.harness.io/gateway` |
//! | auth | `x-api-key: <token>`; config key `api_key` (env `TRUTO_HARNESS_API_KEY`): a personal access token or a service account token |
//! | config keys | `account_id` (the account identifier) |
//! | scopes | the token's principal must be allowed to view users in the account |
//! | page size | at most 100 (`pageSize`); 50 by default |
//! | filters | none (`searchTerm`, `orgIdentifier` and `projectIdentifier` are remote queries) |
//! | rate limits | `429` when exceeded, retried with backoff |
//!
//! ## Mapping
//!
//! | Harness | unified |
//! |---|---|
//! | `user.uuid` | `id` |
//! | `user.name` | `name` |
//! | `user.email` | `emails` (one, primary) |
//! | `user.locked: true` → `inactive`; else `user.disabled`: true → `inactive`, false → `active` | `status` |
//! | `roleAssignmentMetadata[]` `{roleIdentifier, roleName}` | `roles` `{id, name}` |
//!
//! ## Quirks
//!
//! - The list and the get return the same `UserAggregate`: the user's metadata and its
//!   role assignments at the account scope (add the remote queries `orgIdentifier` /
//!   `projectIdentifier` for another scope). The resource group each role applies to stays
//!   in `remote_data`.
//! - `externallyManaged` (a user managed by SCIM or SSO) stays in `remote_data`.
//! - Errors are `{"status": "ERROR", "code": "…", "message": "…", "correlationId": "…"}`;
//!   the correlation id is the error's request id.
//!
//! ## Sources
//!
//! - <https://apidocs.harness.io/tag/User> (Get list of users `getAggregatedUsers`, Get detailed user information `getAggregatedUser`)
//! - Harness's generated Go SDK, `harness/harness-go-sdk` (`harness/nextgen/api_user.go`: methods,
//!   paths and query parameters; `docs/UserApi.md`: `pageIndex` default 0, `pageSize` default
//!   50 and at most 100; models `UserAggregate`, `UserMetadata`, `RoleAssignmentMetadata`,
//!   `PageResponseUserAggregate`, `Failure`; `harness/utils/const.go`: the base URL; the
//!   `x-api-key` header)
//!
//! ## Not confirmed
//!
//! - The permission needed to list users.
//! - Whether an absent body is accepted (`{}` is sent; the body is an optional
//!   `AclAggregateFilter`), and what the SDK's `pageToken` does.
//! - Harness's rate-limit numbers and headers.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_HARNESS_API_KEY=pat.… TRUTO_HARNESS_ACCOUNT_ID=…
//! let dir = truto_devtools::harness::connect(&Config::from_env("harness"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, page_number, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Harness spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("harness", "Harness", Family::Devtools)
        .credentials(&[Credential::header("x-api-key", "api_key")])
        .base_url("https://app.harness.io/gateway")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "a personal access token or a service account token",
            ),
            ConfigKey::required("account_id", "the account identifier"),
        ])
        .note("an API token and the account identifier; lists the account's users"),
)
.list(
    List::post("ng/api/user/aggregate", "{}")
        .query(&[("accountIdentifier", "{account_id}")])
        .records("data.content")
        .paging(page_number(
            query("pageIndex"),
            query("pageSize"),
            0,
            End::TotalPages("data.totalPages"),
        ))
        .page_size(50, 100),
)
.get(
    Get::get("ng/api/user/aggregate/{id}")
        .query(&[("accountIdentifier", "{account_id}")])
        .record("data"),
)
.map(&[
    id("user.uuid"),
    text(Text::Name, "user.name"),
    email("user.email"),
    status_flag("user.locked", Status::Inactive, None),
    status_flag("user.disabled", Status::Inactive, Some(Status::Active)),
    refs(Refs::Roles, "roleAssignmentMetadata")
        .id("roleIdentifier")
        .name("roleName"),
])
.errors(
    Errors::GENERIC
        .message(&["message"])
        .code(&["code"])
        .request_id(&["correlationId"]),
)
.sources(&[
    "https://apidocs.harness.io/tag/User",
    "https://github.com/harness/harness-go-sdk",
])
.absent(&[(
    "is_2fa_enabled",
    "the user aggregate (`UserMetadata`) has no 2FA flag; Harness returns it only for the caller's own user",
)]);

/// Connects to Harness (`api_key`, `account_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
