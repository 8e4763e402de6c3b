//! # CyberArk (Privileged Access Manager)
//!
//! The Vault users of a CyberArk Privilege Cloud tenant or a self-hosted Privileged Access
//! Manager (PVWA), through the PAM REST API (`/PasswordVault/API/Users`).
//!
//! | | |
//! |---|---|
//! | slug / feature | `cyberark` |
//! | operations | list (partial), get |
//! | list | `GET /PasswordVault/API/Users`: every user in one response (`{"Users": […], "Total": n}`) |
//! | get | `GET /PasswordVault/API/Users/{UserID}/` |
//! | base URL | `{pvwa_url}/PasswordVault/API` (`pvwa_url`: `https://acme.privilegecloud.cyberark.cloud`, or a self-hosted PVWA's origin) |
//! | auth | a PVWA session token as is, `Authorization: <token>` (config key `session_token`, env `TRUTO_CYBERARK_SESSION_TOKEN`), **or** a Privilege Cloud (Shared Services) token from CyberArk Identity, `Authorization: Bearer <token>` (`access_token`) |
//! | config keys | `pvwa_url` |
//! | permissions | the *Audit users* Vault authorization |
//! | page size | none: one response (CyberArk: "up to 6000 users in up to 20 seconds") |
//! | filters | none |
//! | rate limits | none documented |
//!
//! A self-hosted session token is the body of `POST /PasswordVault/API/Auth/{CyberArk|LDAP|RADIUS|Windows}/Logon`
//! (`{"username", "password"}`); it is not obtained here (see *Quirks*).
//!
//! ## Mapping
//!
//! | CyberArk | unified |
//! |---|---|
//! | `id` (a number) | `id` |
//! | `username` | `username` |
//! | `personalDetails.firstName`, `.lastName` | `first_name`, `last_name`, and `name` joined from them |
//! | `personalDetails.title` (get only) | `title` |
//! | `personalDetails.organization` (get only) | `organizations` (by name) |
//! | `internet.businessEmail` (primary, `work`), `.homeEmail` (`home`), `.otherEmail` (`other`) (get only) | `emails` |
//! | `phones.businessNumber` (`work`), `.cellularNumber` (`mobile`), `.homeNumber` (`home`), `.faxNumber` (`fax`), `.pagerNumber` (`pager`) (get only) | `phones` |
//! | `suspended: true` → `inactive`; else `enableUser` → `active` / `inactive` (get only) | `status` |
//! | `vaultAuthorization[]` (`AuditUsers`, `AddSafes`, …) | `roles` (by name) |
//! | `groupsMembership[]` `{groupID, groupName}` | `groups` |
//! | `userType` (the licensed user type: `EPVUser`, `Built-InAdmins`, …) | `user_type` |
//! | `lastSuccessfulLoginDate` (Unix seconds; get only) | `last_login_at` |
//! | `source` (`CyberArk`, `LDAP`) | `identifiers.source` |
//!
//! ## Quirks
//!
//! - **The list is partial.** Listed users carry their id, name, type, groups, Vault
//!   authorizations and first and last names; status, email addresses, phones, title and
//!   organization come only from a get: `hydrate(true)` fetches each listed user.
//! - The Master and Batch built-in users are never listed; only users at the caller's level
//!   of the Vault hierarchy or below are.
//! - A user is `inactive` when suspended (after too many failed logons) or disabled.
//! - Logging on (self-hosted) or obtaining a Shared Services token (Privilege Cloud) is not
//!   done here: the library has no credential that exchanges a user name and password for
//!   a PVWA session token. Give a token obtained beforehand; it expires with the session.
//! - Component users (CPM, PSM, …) are listed with the others (`componentUser: true`).
//!
//! ## Sources
//!
//! - <https://docs.cyberark.com/PrivCloud/Latest/en/Content/SDK/get-users-api.htm> (Get
//!   users: URL, parameters, the `{Users, Total}` result and its example)
//! - <https://docs.cyberark.com/Product-Doc/OnlineHelp/PAS/Latest/en/Content/SDK/get-user-details-v10.htm>
//!   (Get user details: URL with the trailing `/`, the result and its example)
//! - <https://docs.cyberark.com/PAS/12.2/en/Content/SDK/get-users-api.htm> (sort and search
//!   fields; the *Audit users* permission)
//! - CyberArk's official Python SDK, <https://github.com/cyberark/ark-sdk-python> (commit
//!   `c9bacd55`): `ark_sdk_python/services/pcloud/common/ark_pcloud_base_service.py`
//!   (Privilege Cloud's `passwordvault/api/` base path, bearer tokens)
//!
//! ## Not confirmed
//!
//! - The syntax of the list's `filter` parameter (`userType`, `componentUser`,
//!   `userName`), so no filter is declared.
//! - The error body (`{"ErrorCode", "ErrorMessage"}` is read first, then the common
//!   shapes).
//! - Paging parameters on Privilege Cloud (`offset`/`limit` are mentioned by third
//!   parties, not by CyberArk's pages).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_CYBERARK_PVWA_URL=https://acme.privilegecloud.cyberark.cloud TRUTO_CYBERARK_ACCESS_TOKEN=…
//! let dir = truto_idp::cyberark::connect(&Config::from_env("cyberark"))?;
//! let mut users = dir.list_users(ListUsers::new().hydrate(true));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The CyberArk spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("cyberark", "CyberArk", Family::Idp)
        .credentials(&[
            Credential::header("Authorization", "session_token"),
            Credential::bearer("access_token"),
        ])
        .base_url("{pvwa_url}/PasswordVault/API")
        .config(&[
            ConfigKey::required(
                "pvwa_url",
                "the PVWA's origin: `https://acme.privilegecloud.cyberark.cloud`, or a self-hosted PVWA",
            )
            .origin(),
            ConfigKey::optional_secret(
                "session_token",
                "a PVWA session token (the body of a Logon call), sent as is",
            ),
            ConfigKey::optional_secret(
                "access_token",
                "a Privilege Cloud (Shared Services) bearer token from CyberArk Identity",
            ),
        ])
        .note("a PVWA session token or a Privilege Cloud bearer token (Audit users); the list is partial"),
)
.list(List::get("Users").records("Users").partial())
.get(Get::get("Users/{id}/"))
.map(&[
    id("id"),
    text(Text::Username, "username"),
    text(Text::FirstName, "personalDetails.firstName"),
    text(Text::LastName, "personalDetails.lastName"),
    name_from_parts(),
    text(Text::Title, "personalDetails.title"),
    reference(Refs::Organizations).name("personalDetails.organization"),
    email("internet.businessEmail").kind("work"),
    email("internet.homeEmail").kind("home").secondary(),
    email("internet.otherEmail").kind("other").secondary(),
    phone("phones.businessNumber").kind("work"),
    phone("phones.cellularNumber").kind("mobile"),
    phone("phones.homeNumber").kind("home"),
    phone("phones.faxNumber").kind("fax"),
    phone("phones.pagerNumber").kind("pager"),
    status_flag("suspended", Status::Inactive, None),
    status_flag("enableUser", Status::Active, Some(Status::Inactive)),
    refs(Refs::Roles, "vaultAuthorization").name(""),
    refs(Refs::Groups, "groupsMembership")
        .id("groupID")
        .name("groupName"),
    text(Text::UserType, "userType"),
    time(
        Time::LastLoginAt,
        "lastSuccessfulLoginDate",
        TimeFormat::EpochSeconds,
    ),
    identifier("source", "source"),
])
.errors(
    Errors::GENERIC
        .message(&["ErrorMessage"])
        .code(&["ErrorCode"]),
)
.sources(&[
    "https://docs.cyberark.com/PrivCloud/Latest/en/Content/SDK/get-users-api.htm",
    "https://docs.cyberark.com/Product-Doc/OnlineHelp/PAS/Latest/en/Content/SDK/get-user-details-v10.htm",
    "https://docs.cyberark.com/PAS/12.2/en/Content/SDK/get-users-api.htm",
    "https://github.com/cyberark/ark-sdk-python",
]);

/// Connects to CyberArk (`pvwa_url`, and `session_token` or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
