//! # LeadSquared
//!
//! The users of one LeadSquared account, through LeadSquared's User Management API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `leadsquared` |
//! | operations | list (partial), get |
//! | list | `GET /v2/UserManagement.svc/Users.Get`: every user in one bare JSON array, no paging |
//! | get | `GET /v2/UserManagement.svc/User/Retrieve/ByUserId?userId={id}`: the one user of the array it answers |
//! | base URL | `https://{host}/v2`; `host` is the account's API host: `api.leadsquared.com` (Singapore, the default), `api-us11.leadsquared.com` (US), `api-in21.leadsquared.com` (India), `api-ir31.leadsquared.com` (Ireland), `api-ca12.leadsquared.com` (Canada), … |
//! | auth | `x-LSQ-AccessKey: <access_key>` and `x-LSQ-SecretKey: <secret_key>`; config keys `access_key`, `secret_key` (env `TRUTO_LEADSQUARED_ACCESS_KEY`, `TRUTO_LEADSQUARED_SECRET_KEY`) from My Account › Settings › API and Webhooks, an administrator's keys |
//! | config keys | `host` |
//! | page size | none: the whole account in one response |
//! | filters | none |
//! | rate limits | 25 calls in 5 seconds (`429` beyond); no rate-limit headers are documented |
//!
//! ## Mapping
//!
//! | LeadSquared | unified |
//! |---|---|
//! | `ID` (list), `UserId` (get) | `id` |
//! | `FirstName`, `LastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `EmailAddress` | `emails[0]` (primary) |
//! | `PhoneMain`, `PhoneMobile`, `PhoneOthers` (get) | `phones` typed `phone`, `mobile`, `other` |
//! | `StatusCode` (list): `0`, `1` | `status`: `active`, `inactive` |
//! | `Role` (`Administrator`, `Sales_Manager`, `Sales_User`, `Marketing_User`) | `roles[0].name`; `user_type` `admin` for `Administrator`, else `user` |
//! | `MemberOfGroups[]` (list: names), `Groups[]` `{Id, Name}` (get) | `groups` |
//! | `Designation` (get) | `title` |
//! | `TimeZone` (get, e.g. `Asia/Kolkata`) | `timezone` |
//!
//! `UserType`, `ManagerUserId`, `TeamId`/`TeamName`, the check-in fields (`IsCheckedIn`,
//! `LastCheckedOn`, …), the address and `mx_Custom_*` fields stay in `remote_data`.
//!
//! ## Quirks
//!
//! - **The list is partial.** `Users.Get` carries only the id, names, email, role, status
//!   and group names; phones, designation, time zone and the group ids are only in the
//!   user's own record (`ByUserId`).
//! - A get answers `[ {user} ]`, a one-element array, and finds active users only: an
//!   inactive or unknown id answers `[]`, a not-found error.
//! - `LastCheckedOn` is the last check-in (LeadSquared's attendance feature), not the last
//!   sign-in, so it is not mapped to `last_login_at`.
//! - `Users.Get` has been seen to fail intermittently with `500`; 5xx answers are retried.
//!
//! ## Sources
//!
//! - <https://apidocs.leadsquared.com/get-users> (the list's example and `StatusCode` values)
//! - <https://apidocs.leadsquared.com/get-user-by-id/> (the get's URL and example; `[]` for an
//!   inactive or unknown user)
//! - <https://apidocs.leadsquared.com/authentication/> (the `x-LSQ-AccessKey` and
//!   `x-LSQ-SecretKey` headers)
//! - <https://apidocs.leadsquared.com/user-authentication/> (the regional API hosts)
//! - <https://apidocs.leadsquared.com/create-a-user/> (the role values)
//!
//! ## Not confirmed
//!
//! - The list's path: the official page's URL box was not captured; `Users.Get` below
//!   `UserManagement.svc` is the path public clients call.
//! - The error body (read as `ExceptionMessage` / `ExceptionType`, then the common shapes).
//! - The meaning of `UserType` (`0` in the example).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_LEADSQUARED_ACCESS_KEY=…, TRUTO_LEADSQUARED_SECRET_KEY=…, TRUTO_LEADSQUARED_HOST=api-us11.leadsquared.com
//! let dir = truto_crm::leadsquared::connect(&Config::from_env("leadsquared"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The LeadSquared spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("leadsquared", "LeadSquared", Family::Crm)
        .credentials(&[Credential::headers(&[
            ("x-LSQ-AccessKey", "access_key"),
            ("x-LSQ-SecretKey", "secret_key"),
        ])])
        .base_url("https://{host}/v2")
        .config(&[
            ConfigKey::secret("access_key", "an administrator's API access key"),
            ConfigKey::secret("secret_key", "the matching secret key"),
            ConfigKey::optional(
                "host",
                "the account's API host (`api.leadsquared.com`, the default, `api-us11.leadsquared.com`, …)",
            )
            .default("api.leadsquared.com"),
        ])
        .note("an administrator's access and secret keys, and the account's regional API host"),
)
.list(
    List::get("UserManagement.svc/Users.Get")
        .records("")
        .partial(),
)
.get(
    Get::get("UserManagement.svc/User/Retrieve/ByUserId")
        .query(&[("userId", "{id}")])
        .record("[0]"),
)
.map(&[
    id("ID"),
    id("UserId"),
    text(Text::FirstName, "FirstName"),
    text(Text::LastName, "LastName"),
    name_from_parts(),
    email("EmailAddress"),
    phone("PhoneMain").kind("phone"),
    phone("PhoneMobile").kind("mobile"),
    phone("PhoneOthers").kind("other"),
    status("StatusCode", &[("0", Status::Active), ("1", Status::Inactive)]),
    reference(Refs::Roles).name("Role"),
    text(Text::UserType, "Role").table(&[
        ("Administrator", "admin"),
        ("Sales_Manager", "user"),
        ("Sales_User", "user"),
        ("Marketing_User", "user"),
    ]),
    refs(Refs::Groups, "MemberOfGroups").name(""),
    refs(Refs::Groups, "Groups").id("Id").name("Name"),
    text(Text::Title, "Designation"),
    text(Text::Timezone, "TimeZone"),
])
.errors(
    Errors::GENERIC
        .message(&["ExceptionMessage"])
        .code(&["ExceptionType"]),
)
.sources(&[
    "https://apidocs.leadsquared.com/get-users",
    "https://apidocs.leadsquared.com/get-user-by-id/",
    "https://apidocs.leadsquared.com/authentication/",
    "https://apidocs.leadsquared.com/user-authentication/",
    "https://apidocs.leadsquared.com/create-a-user/",
])
.absent(&[
    (
        "last_login_at",
        "LeadSquared records no sign-in time: `LastCheckedOn` is the last attendance check-in",
    ),
]);

/// Connects to LeadSquared (`access_key`, `secret_key`, optionally `host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
