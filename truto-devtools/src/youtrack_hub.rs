//! # YouTrack Hub
//!
//! The user accounts of a JetBrains Hub (YouTrack's built-in Hub, or a standalone Hub),
//! through the Hub REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `youtrack_hub` |
//! | operations | list, get |
//! | list | `GET <Hub REST API URL>/users?fields=…&$skip=&$top=`: `users` |
//! | get | `GET <Hub REST API URL>/users/{id}?fields=…` |
//! | base URL | the Hub REST API URL: `https://{instance}.youtrack.cloud/hub/api/rest` for YouTrack Cloud; `base_url` for a standalone Hub (`https://hub.example.com/hub/api/rest`) |
//! | auth | `Authorization: Bearer perm:…` (a permanent token with the Hub scope); config key `token` (env `TRUTO_YOUTRACK_HUB_TOKEN`) |
//! | config keys | `instance` (`acme` for acme.youtrack.cloud, or the full host name) |
//! | permissions | a token of a user who may read users in Hub |
//! | page size | Hub's own default when none is asked for (`$top`); no maximum documented |
//! | filters | `email` (`query=email: {}`, Hub's query syntax) |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | Hub | unified |
//! |---|---|
//! | `id` (a UUID; YouTrack's `ringId`) | `id` |
//! | `name` | `name` |
//! | `login` | `username` |
//! | `profile.email.email` | `emails` (one, primary) |
//! | `profile.email.verified` | `is_email_verified` |
//! | `banned`: `true` → `inactive`, `false` → `active` | `status` |
//! | `guest`: `true` → `guest` | `user_type` |
//! | `transitiveProjectRoles[].role` `{id, name}` | `roles` |
//! | `groups[]` `{id, name}` | `groups` |
//! | `avatar.url` | `avatar` |
//! | `creationTime` (Unix milliseconds) | `created_at` |
//! | `lastAccessTime` (Unix milliseconds) | `last_active_at` |
//!
//! ## Quirks
//!
//! - Attributes come only when `fields` names them; this integration always asks for
//!   the ones mapped above (and `banReason`).
//! - Banned users and the guest account are listed (`status` `inactive`, `user_type`
//!   `guest`); Hub's `query=not is: banned` leaves banned users out (a remote query).
//! - Roles are the project roles a user holds directly or through groups
//!   (`transitiveProjectRoles`); the project each applies to stays in `remote_data`.
//! - **The `email` filter** is Hub's query `email: <address>`.
//! - A short page is the last.
//!
//! ## Sources
//!
//! - <https://www.jetbrains.com/help/youtrack/devportal/rest-api-hub-users.html> (the
//!   Users resource and the `User` attributes)
//! - <https://www.jetbrains.com/help/hub/2017.4/HUB-REST-API_Users_Get-All-Users.html>
//!   (`fields`, `$skip`, `$top`, `query`, `orderBy` and the query syntax)
//! - <https://www.jetbrains.com/help/hub/2017.1/HUB-REST-API_Users_Get-User.html> (one user)
//! - <https://www.jetbrains.com/help/hub/2017.4/HUB-REST-API_Users_Post-VerifyContact.html>
//!   (`profile.email`)
//!
//! ## Not confirmed
//!
//! - The list's envelope: the users are read from `users` (as client code calling Hub
//!   does); its `skip`/`top`/`total` siblings were not confirmed, so a short page ends the
//!   listing.
//! - The sub-attributes `avatar.url` and `profile.email.{email,verified}`, and that
//!   `creationTime` / `lastAccessTime` are milliseconds.
//! - Whether a user's two-factor state is an attribute (Hub documents only the
//!   `twoFactorAuthentication` sub-resource), and the shape of `profile.locale`: neither
//!   is mapped.
//! - The default and largest `$top`; the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_YOUTRACK_HUB_TOKEN=perm:…, TRUTO_YOUTRACK_HUB_INSTANCE=acme
//! let dir = truto_devtools::youtrack_hub::connect(&Config::from_env("youtrack_hub"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Get, List, Spec, offset, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The attributes asked for on every request.
const FIELDS: &str = "id,login,name,banned,banReason,guest,creationTime,lastAccessTime,avatar(url),profile(email(email,verified)),groups(id,name),transitiveProjectRoles(role(id,name),project(id,name))";

/// The YouTrack Hub spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("youtrack_hub", "Youtrack Hub", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{instance}.youtrack.cloud/hub/api/rest")
        .config(&[
            ConfigKey::secret("token", "a permanent token (`perm:…`) with the Hub scope"),
            ConfigKey::required(
                "instance",
                "the YouTrack Cloud instance, e.g. `acme` for acme.youtrack.cloud (`base_url` for a standalone Hub)",
            )
            .host_suffix(".youtrack.cloud"),
        ])
        .note("a permanent token with the Hub scope; includes banned users and the guest account"),
)
.list(
    List::get("users")
        .query(&[("fields", FIELDS)])
        .records("users")
        .paging(offset(query("$skip"), query("$top"), End::ShortPage))
        .filters(&[FilterRule::template(Filter::Email, "query", "email: {}")]),
)
.get(Get::get("users/{id}").query(&[("fields", FIELDS)]))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::Username, "login"),
    email("profile.email.email"),
    flag(Flag::EmailVerified, "profile.email.verified"),
    status_flag("banned", Status::Inactive, Some(Status::Active)),
    user_type_flag("guest", "guest", None),
    refs(Refs::Roles, "transitiveProjectRoles")
        .id("role.id")
        .name("role.name"),
    refs(Refs::Groups, "groups").id("id").name("name"),
    text(Text::Avatar, "avatar.url"),
    time(Time::CreatedAt, "creationTime", TimeFormat::EpochMillis),
    time(Time::LastActiveAt, "lastAccessTime", TimeFormat::EpochMillis),
])
.sources(&[
    "https://www.jetbrains.com/help/youtrack/devportal/rest-api-hub-users.html",
    "https://www.jetbrains.com/help/hub/2017.4/HUB-REST-API_Users_Get-All-Users.html",
    "https://www.jetbrains.com/help/hub/2017.1/HUB-REST-API_Users_Get-User.html",
    "https://www.jetbrains.com/help/hub/2017.4/HUB-REST-API_Users_Post-VerifyContact.html",
])
.absent(&[
    (
        "is_2fa_enabled",
        "Hub documents two-factor authentication only as a sub-resource of a user, not as an attribute it returns",
    ),
    (
        "languages",
        "the shape of `profile.locale` is not documented",
    ),
]);

/// Connects to YouTrack Hub (`token`, `instance`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
