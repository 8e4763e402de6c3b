//! # Bitwarden
//!
//! The members of one Bitwarden organization, through Bitwarden's Public (organization)
//! API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `bitwarden` |
//! | operations | list, get |
//! | list | `GET /public/members`: every member in one response (`{"object": "list", "data": […]}`) |
//! | get | `GET /public/members/{id}` |
//! | base URL | `https://api.bitwarden.{region}` (`region` `com`, the default, or `eu`); a self-hosted server's `https://your.domain.com/api` through `base_url` |
//! | auth | OAuth 2.0 client credentials: the organization's API key (`client_id` `organization.…`, `client_secret`; env `TRUTO_BITWARDEN_CLIENT_ID`, `TRUTO_BITWARDEN_CLIENT_SECRET`) exchanged at `https://identity.bitwarden.{region}/connect/token` with `scope=api.organization`, then `Authorization: Bearer <access_token>`; **or** an access token obtained that way elsewhere (`access_token`) |
//! | config keys | `region` |
//! | scopes | `api.organization` |
//! | page size | none: one response |
//! | filters | none |
//! | rate limits | none documented |
//!
//! The API key is in the Admin Console, under *Settings › Organization info › API key*
//! (organization owners). The Public API is available to Teams and Enterprise
//! organizations.
//!
//! ## Mapping
//!
//! | Bitwarden | unified |
//! |---|---|
//! | `id` (the member's id in the organization) | `id` |
//! | `name` (from the member's account; empty while invited) | `name` |
//! | `email` | `emails` (primary), `username` |
//! | `status`: `2` Confirmed → `active`; `0` Invited, `1` Accepted, `3` Staged → `invited`; `-1` Revoked → `inactive` | `status` |
//! | `twoFactorEnabled` | `is_2fa_enabled` |
//! | `type`: `0` → `owner`, `1` → `admin`, `2` → `user`, `4` → `custom` | `user_type` |
//! | `externalId` | `external_id` |
//! | `userId` (the account's id across Bitwarden), `ssoExternalId` | `identifiers.user_id`, `identifiers.sso_external_id` |
//!
//! ## Quirks
//!
//! - Ids are membership ids (one per organization), not account ids: a get takes the
//!   membership id; the account id is `identifiers.user_id` (absent while invited).
//! - `status` and `type` are numbers. An `Accepted` member has accepted the invitation
//!   but is not yet confirmed by an administrator, so cannot decrypt the organization's
//!   data: it is `invited` until confirmed. A `Staged` member was provisioned (SCIM,
//!   Directory Connector) and not yet invited: also `invited`. A revoked member keeps its
//!   place and returns to its former status when restored: `inactive`.
//! - `collections` (the collections the member can reach) and `permissions` (of a custom
//!   role) stay in `remote_data`; group ids come from `GET /public/members/{id}/group-ids`,
//!   which is not read.
//! - A self-hosted server's identity endpoint (`https://your.domain.com/identity`) is not
//!   reachable through `region`.
//!
//! ## Sources
//!
//! - <https://bitwarden.com/help/public-api/> (base URLs, token endpoints, client
//!   credentials, `api.organization`)
//! - <https://bitwarden.com/help/api/> (the published OpenAPI reference)
//! - Bitwarden's server source, <https://github.com/bitwarden/server> (commit `ac309aa1`):
//!   `src/Api/AdminConsole/Public/Controllers/MembersController.cs` (routes),
//!   `…/Models/Response/MemberResponseModel.cs` and `…/Models/MemberBaseModel.cs` (fields and
//!   examples), `src/Api/Models/Public/Response/ListResponseModel.cs` and
//!   `ErrorResponseModel.cs`, `src/Core/AdminConsole/Enums/OrganizationUserStatusType.cs`
//!   and `OrganizationUserType.cs` (the numbers)
//!
//! ## Not confirmed
//!
//! - Rate limits (none are documented).
//! - That `status` and `type` are always sent as numbers (no string converter is declared
//!   on them; the hosted reference shows numbers).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BITWARDEN_CLIENT_ID=organization.… TRUTO_BITWARDEN_CLIENT_SECRET=…
//! let dir = truto_idp::bitwarden::connect(&Config::from_env("bitwarden"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Bitwarden spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("bitwarden", "Bitwarden", Family::Idp)
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "https://identity.bitwarden.{region}/connect/token",
            )
            .scope("api.organization"),
        ])
        .base_url("https://api.bitwarden.{region}")
        .config(&[
            ConfigKey::optional(
                "client_id",
                "the organization API key's client id (`organization.…`)",
            ),
            ConfigKey::optional_secret(
                "client_secret",
                "the organization API key's client secret",
            ),
            ConfigKey::optional_secret(
                "access_token",
                "an access token already obtained with the organization API key (instead of `client_id` and `client_secret`)",
            ),
            ConfigKey::optional(
                "region",
                "the cloud: `com` (bitwarden.com, the default) or `eu` (bitwarden.eu)",
            )
            .default("com"),
        ])
        .note("the organization's API key (client id and secret; Teams or Enterprise plan); lists every member, invited and revoked included"),
)
.list(List::get("public/members").records("data"))
.get(Get::get("public/members/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    text(Text::Username, "email"),
    status(
        "status",
        &[
            ("2", Status::Active),
            ("0", Status::Invited),
            ("1", Status::Invited),
            ("3", Status::Invited),
            ("-1", Status::Inactive),
        ],
    ),
    flag(Flag::TwoFactor, "twoFactorEnabled"),
    text(Text::UserType, "type").table(&[
        ("0", "owner"),
        ("1", "admin"),
        ("2", "user"),
        ("4", "custom"),
    ]),
    text(Text::ExternalId, "externalId"),
    identifier("user_id", "userId"),
    identifier("sso_external_id", "ssoExternalId"),
])
.sources(&[
    "https://bitwarden.com/help/public-api/",
    "https://bitwarden.com/help/api/",
    "https://github.com/bitwarden/server",
]);

/// Connects to Bitwarden (`client_id`, `client_secret`, optionally `region`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
