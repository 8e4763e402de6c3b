//! # Qdrant Cloud
//!
//! The users of a Qdrant Cloud account, through the Qdrant Cloud public API (REST/JSON).
//!
//! | | |
//! |---|---|
//! | slug / feature | `qdrant_cloud` |
//! | operations | list |
//! | list | `GET /api/iam/v1/accounts/{account_id}/users` (`IAMService.ListUsers`): `{"items": […]}`, one response |
//! | base URL | `https://api.cloud.qdrant.io` |
//! | auth | `Authorization: apikey <management key>`; config key `api_key` (env `TRUTO_QDRANT_CLOUD_API_KEY`) |
//! | config keys | `account_id` (required): the account's id (a GUID) |
//! | scopes | the management key's role must grant `read:users` |
//! | page size | none (the request has no paging fields) |
//! | filters | none |
//! | rate limits | not documented; `429` is retried by the transport |
//!
//! ## Mapping
//!
//! | Qdrant Cloud | unified |
//! |---|---|
//! | `id` (a GUID) | `id` |
//! | `email` | `emails` (primary), `username` |
//! | `status`: `USER_STATUS_ACTIVE` → `active`, `USER_STATUS_BLOCKED` → `inactive`, `USER_STATUS_DELETED` → `deleted` (`USER_STATUS_UNSPECIFIED` passes through) | `status` |
//! | `createdAt`, `lastModifiedAt` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - The user record has no name and no roles: roles are per user
//!   (`GET /api/iam/v1/accounts/{account_id}/users/{user_id}/roles`, a call per user the
//!   spec does not make). The reference marks the list partial; with no get declared (the
//!   reference lists Qdrant Cloud for listing only) the list is not declared partial.
//! - Pending invitations are account invites (`/api/account/v1/accounts/{account_id}/invites`),
//!   not users.
//! - Enums come as their names (`USER_STATUS_ACTIVE`), as gRPC-Gateway renders them.
//!
//! ## Sources
//!
//! - Qdrant's public API definition, `qdrant/qdrant-cloud-public-api`: `README.md` (the
//!   REST endpoint, `Authorization: apikey …`), `proto/qdrant/cloud/iam/v1/iam.proto`
//!   (`ListUsers`, `User`, `UserStatus`), `gen/openapiv2/qdrant/cloud/iam/v1/iam.swagger.json`
//!   (JSON names, the `rpcStatus` error), `docs/auth.md` (management keys, permissions)
//! - <https://qdrant.tech/documentation/cloud-api/> (the rendered reference)
//!
//! ## Not confirmed
//!
//! - That live responses render enums by name (gRPC-Gateway's default) rather than number.
//! - Rate limits and a request-id header.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_QDRANT_CLOUD_API_KEY=…, TRUTO_QDRANT_CLOUD_ACCOUNT_ID=…
//! let dir = truto_devtools::qdrant_cloud::connect(&Config::from_env("qdrant_cloud"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Qdrant Cloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("qdrant_cloud", "Qdrant Cloud", Family::Devtools)
        .credentials(&[Credential::custom("apikey", "api_key")])
        .base_url("https://api.cloud.qdrant.io")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "a management key whose role grants `read:users`",
            ),
            ConfigKey::required("account_id", "the Qdrant Cloud account's id (a GUID)"),
        ])
        .note("needs a management key with `read:users` and the account's id; users carry no name or roles"),
)
.list(List::get("api/iam/v1/accounts/{account_id}/users").records("items"))
.map(&[
    id("id"),
    email("email"),
    text(Text::Username, "email"),
    status(
        "status",
        &[
            ("USER_STATUS_ACTIVE", Status::Active),
            ("USER_STATUS_BLOCKED", Status::Inactive),
            ("USER_STATUS_DELETED", Status::Deleted),
        ],
    ),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
    time(Time::UpdatedAt, "lastModifiedAt", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["message"]).code(&["code"]))
.sources(&[
    "https://github.com/qdrant/qdrant-cloud-public-api",
    "https://qdrant.tech/documentation/cloud-api/",
]);

/// Connects to Qdrant Cloud (`api_key`, `account_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
