//! # UiPath
//!
//! The users of one UiPath Orchestrator tenant, through the Orchestrator API (OData).
//!
//! | | |
//! |---|---|
//! | slug / feature | `uipath` |
//! | operations | list |
//! | list | `GET /{organization}/{tenant}/orchestrator_/odata/Users?$count=true&$top=&$skip=`: `value`, with the total at `@odata.count` |
//! | base URL | `{cloud}/{organization}/{tenant}/orchestrator_`, `cloud` being `https://cloud.uipath.com` (the default) or `https://govcloud.uipath.us`; `base_url` for an on-premises Orchestrator |
//! | auth | `Authorization: Bearer <access token>`, config key `access_token` (env `TRUTO_UIPATH_ACCESS_TOKEN`); **or** OAuth 2.0 client credentials of an external application (`POST {cloud}/{organization}/identity_/connect/token` with scope `OR.Users.Read`), config keys `client_id`, `client_secret` (env `TRUTO_UIPATH_CLIENT_ID`, `TRUTO_UIPATH_CLIENT_SECRET`) |
//! | config keys | `organization`, `tenant` (the names in the Orchestrator URL; needed unless `base_url` is set), `cloud` |
//! | scopes | `OR.Users.Read` (or `OR.Users`), granted to the external application as an application scope |
//! | page size | Orchestrator's own default when none is asked for (`$top`); the maximum is not documented here |
//! | filters | `status` (OData `$filter=IsActive eq true` / `false`) |
//! | rate limits | none documented for these endpoints |
//!
//! ## Mapping
//!
//! | Orchestrator | unified |
//! |---|---|
//! | `Id` | `id` |
//! | `FullName` | `name` |
//! | `Name`, `Surname` | `first_name`, `last_name` |
//! | `UserName` | `username` |
//! | `EmailAddress` | `emails` (one, primary) |
//! | `IsEmailConfirmed` | `is_email_verified` |
//! | `IsActive` | `status`: `active` / `inactive` |
//! | `RolesList[]` (role names) | `roles` |
//! | `Type`: `User` → `user`, `DirectoryGroup` → `group`; others unchanged | `user_type` |
//! | `Key` (a GUID) | `identifiers.key` |
//! | `CreationTime` | `created_at` |
//! | `LastLoginTime` | `last_login_at` |
//!
//! ## Quirks
//!
//! - The listing holds every account of the tenant: people, directory groups, robots and
//!   external applications; tell them apart by `user_type` (or pass
//!   `$filter=Type eq 'User'` as a remote query).
//! - `RolesList` carries role names only; role ids come with `$expand=UserRoles`.
//! - UiPath reads one user at `GET /odata/Users({Id})` (the numeric id in parentheses);
//!   the reference marks list only, and this integration offers no get: the conformance
//!   kit's simulator cannot yet check an id written inside a path segment.
//! - Directory (AD) users have an empty `Domain`.
//! - Email and username filters are not declared: OData needs a value quoted with `'`
//!   doubled, which a declared filter cannot write (a `$filter` such as
//!   `EmailAddress eq 'ada@example.com'` can be passed as a remote query).
//!
//! ## Sources
//!
//! - <https://docs.uipath.com/orchestrator/automation-cloud/latest/api-guide/users-requests>
//!   (`/odata/Users`, `/odata/Users({Id})`, the URL form, Bearer authorization)
//! - <https://uipath.github.io/uipath-typescript/api/interfaces/OrchestratorUserServiceModel/>
//!   (UiPath's SDK: a tenant-level list of people, directory groups, robots and external
//!   applications; `expand: 'userRoles'`)
//! - UiPath's TypeScript SDK, `UiPath/uipath-typescript`: `src/core/auth/token-manager.ts`
//!   (the token endpoint `{baseUrl}/{orgName}/identity_/connect/token`),
//!   `docs/oauth-scopes.md` (`OR.Users`, `OR.Users.Read`)
//! - <https://github.com/masatomix/uipath-orchestrator-api-node> (a third party's recorded
//!   `GET /odata/Users({id})` answer: the wire names of the fixture's first record)
//!
//! ## Not confirmed
//!
//! - The record's wire names were read from a third party's recorded answer, not from
//!   UiPath's Swagger definition; the full set of `Type` values.
//! - The default and largest `$top`.
//! - The error body (read with the common shapes: `message`, `errorCode`).
//! - That the client-credentials grant is accepted at the organization-scoped token
//!   endpoint (UiPath's SDK uses it for its OAuth flows; `token_url` overrides it).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_UIPATH_CLIENT_ID=…, TRUTO_UIPATH_CLIENT_SECRET=… (or TRUTO_UIPATH_ACCESS_TOKEN=…),
//! // TRUTO_UIPATH_ORGANIZATION=acme, TRUTO_UIPATH_TENANT=DefaultTenant
//! let dir = truto_devtools::uipath::connect(&Config::from_env("uipath"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.user_type);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, List, Spec, offset, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The UiPath spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("uipath", "UiPath", Family::Devtools)
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "{cloud}/{organization}/identity_/connect/token",
            )
            .scope("OR.Users.Read"),
        ])
        .base_url("{cloud}/{organization}/{tenant}/orchestrator_")
        .config(&[
            ConfigKey::optional_secret(
                "access_token",
                "an access token with OR.Users.Read (instead of `client_id` and `client_secret`)",
            ),
            ConfigKey::optional("client_id", "the external application's app ID"),
            ConfigKey::optional_secret("client_secret", "the external application's app secret"),
            ConfigKey::optional(
                "organization",
                "the organization's name in the Orchestrator URL (Automation Cloud)",
            ),
            ConfigKey::optional(
                "tenant",
                "the tenant's name in the Orchestrator URL (Automation Cloud)",
            ),
            ConfigKey::optional(
                "cloud",
                "the cloud's origin: https://cloud.uipath.com (the default) or https://govcloud.uipath.us",
            )
            .default("https://cloud.uipath.com")
            .origin(),
        ])
        .note("an external application (client credentials) or access token with OR.Users.Read; lists people, groups and robots of one tenant"),
)
.list(
    List::get("odata/Users")
        .query(&[("$count", "true")])
        .records("value")
        .paging(offset(
            query("$skip"),
            query("$top"),
            End::Total("[\"@odata.count\"]"),
        ))
        .filters(&[FilterRule::mapped(
            Filter::Status,
            "$filter",
            &[("active", "IsActive eq true"), ("inactive", "IsActive eq false")],
        )]),
)
.map(&[
    id("Id"),
    text(Text::Name, "FullName"),
    text(Text::FirstName, "Name"),
    text(Text::LastName, "Surname"),
    text(Text::Username, "UserName"),
    email("EmailAddress"),
    flag(Flag::EmailVerified, "IsEmailConfirmed"),
    active_flag("IsActive"),
    refs(Refs::Roles, "RolesList").name(""),
    text(Text::UserType, "Type").table(&[("User", "user"), ("DirectoryGroup", "group")]),
    identifier("key", "Key"),
    time(Time::CreatedAt, "CreationTime", TimeFormat::Auto),
    time(Time::LastLoginAt, "LastLoginTime", TimeFormat::Auto),
])
.sources(&[
    "https://docs.uipath.com/orchestrator/automation-cloud/latest/api-guide/users-requests",
    "https://uipath.github.io/uipath-typescript/api/interfaces/OrchestratorUserServiceModel/",
    "https://github.com/UiPath/uipath-typescript",
    "https://github.com/masatomix/uipath-orchestrator-api-node",
]);

/// Connects to UiPath Orchestrator (`access_token`, or `client_id` and `client_secret`;
/// `organization`, `tenant`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
