//! # YouTrack
//!
//! The users of one YouTrack instance, through the YouTrack REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `youtrack` |
//! | operations | list, get |
//! | list | `GET /api/users?fields=…&$skip=&$top=`: a bare JSON array, no total |
//! | get | `GET /api/users/{userID}?fields=…` |
//! | base URL | `https://{instance}.youtrack.cloud`; `base_url` for YouTrack Server or an older cloud address (`https://youtrack.example.com`, `https://acme.myjetbrains.com/youtrack`) |
//! | auth | `Authorization: Bearer perm:…` (a permanent token); config key `token` (env `TRUTO_YOUTRACK_TOKEN`) |
//! | config keys | `instance` (`acme` for acme.youtrack.cloud, or the full host name) |
//! | permissions | a token of a user who may read other users' profiles; email addresses follow their visibility settings |
//! | page size | YouTrack's own default when none is asked for (`$top`); no maximum documented |
//! | filters | none |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | YouTrack | unified |
//! |---|---|
//! | `id` (e.g. `1-2`) | `id` |
//! | `fullName` | `name` |
//! | `login` | `username` |
//! | `email` | `emails` (one, primary) |
//! | `banned`: `true` → `inactive`, `false` → `active` | `status` |
//! | `guest`: `true` → `guest` | `user_type` |
//! | `avatarUrl` | `avatar` |
//! | `ringId` (the same user's id in Hub) | `identifiers.hub_id` |
//!
//! ## Quirks
//!
//! - Attributes come only when `fields` names them; this integration always asks for
//!   `id,login,fullName,email,ringId,guest,online,banned,avatarUrl`.
//! - The listing includes banned users and the `guest` account (`user_type` `guest`).
//! - **No total.** A short page is the last.
//! - Accounts (credentials, email, bans, groups, roles) are managed in Hub: see the
//!   `youtrack_hub` integration for them.
//!
//! ## Sources
//!
//! - <https://www.jetbrains.com/help/youtrack/devportal/resource-api-users.html> (the
//!   resource, the `User` attributes, Read a List of Users)
//! - <https://www.jetbrains.com/help/youtrack/devportal/operations-api-users.html> (one user)
//! - <https://www.jetbrains.com/help/youtrack/devportal/api-fields-syntax.html> (`fields`,
//!   and a request with `Authorization: Bearer perm:…` and its answer)
//! - <https://www.jetbrains.com/help/youtrack/server/2019.1/api-concept-pagination.html>
//!   (`$skip`, `$top`)
//!
//! ## Not confirmed
//!
//! - The default and largest `$top` of `/api/users`.
//! - Whether `avatarUrl` is absolute or relative to the instance (it is passed on as sent).
//! - The error body (read with the common shapes: `error_description`, `error`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_YOUTRACK_TOKEN=perm:…, TRUTO_YOUTRACK_INSTANCE=acme
//! let dir = truto_devtools::youtrack::connect(&Config::from_env("youtrack"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Get, List, Spec, offset, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The attributes asked for on every request.
const FIELDS: &str = "id,login,fullName,email,ringId,guest,online,banned,avatarUrl";

/// The YouTrack spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("youtrack", "YouTrack", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{instance}.youtrack.cloud")
        .config(&[
            ConfigKey::secret("token", "a permanent token (`perm:…`) with the YouTrack scope"),
            ConfigKey::required(
                "instance",
                "the instance's name, e.g. `acme` for acme.youtrack.cloud (`base_url` for YouTrack Server)",
            )
            .host_suffix(".youtrack.cloud"),
        ])
        .note("a permanent token; includes banned users and the guest account"),
)
.list(
    List::get("api/users")
        .query(&[("fields", FIELDS)])
        .paging(offset(query("$skip"), query("$top"), End::ShortPage)),
)
.get(Get::get("api/users/{id}").query(&[("fields", FIELDS)]))
.map(&[
    id("id"),
    text(Text::Name, "fullName"),
    text(Text::Username, "login"),
    email("email"),
    status_flag("banned", Status::Inactive, Some(Status::Active)),
    user_type_flag("guest", "guest", None),
    text(Text::Avatar, "avatarUrl"),
    identifier("hub_id", "ringId"),
])
.sources(&[
    "https://www.jetbrains.com/help/youtrack/devportal/resource-api-users.html",
    "https://www.jetbrains.com/help/youtrack/devportal/operations-api-users.html",
    "https://www.jetbrains.com/help/youtrack/devportal/api-fields-syntax.html",
    "https://www.jetbrains.com/help/youtrack/server/2019.1/api-concept-pagination.html",
]);

/// Connects to YouTrack (`token`, `instance`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
