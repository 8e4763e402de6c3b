//! # SonarQube Server
//!
//! The users of one self-managed SonarQube Server instance, through its Web API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `sonarqube_server` |
//! | operations | list |
//! | list | `GET /api/users/search?p=&ps=`: `users`, with `paging.total` |
//! | base URL | the instance's origin, config key `server` (`https://sonar.example.com`); `base_url` for an instance under a context path |
//! | auth | `Authorization: Bearer <user token>` (SonarQube 10.0 and later); config key `token` (env `TRUTO_SONARQUBE_SERVER_TOKEN`) |
//! | config keys | `server` |
//! | permissions | any user token lists users; `email`, `groups`, `lastConnectionDate` and the other private fields come only with the *Administer System* permission |
//! | page size | default 50, at most 500 (`ps`) |
//! | filters | `email` (`q`: login, name or email contains the text, at least 2 characters), `status` (`deactivated`: `active` → `false`, `inactive` → `true`) |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | SonarQube | unified |
//! |---|---|
//! | `login` | `id`, `username` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `active` | `status`: `active` / `inactive` |
//! | `groups[]` (group names) | `groups` (id and name: SonarQube groups are named) |
//! | `lastConnectionDate` (`2023-09-11T14:08:32+0200`) | `last_login_at` |
//!
//! `avatar` is the MD5 hash of the email address for Gravatar, not a URL: it stays in
//! `remote_data`, with `local`, `externalIdentity`, `externalProvider`, `managed`,
//! `scmAccounts` and `tokensCount`.
//!
//! ## Quirks
//!
//! - **Only active users are listed by default.** Deactivated users come only with the
//!   `status` filter `inactive` (SonarQube's `deactivated=true`, which returns them
//!   *instead* of the active ones): list twice to see everyone.
//! - Users are addressed by login: `id` is the login. There is no endpoint that reads one
//!   user, so there is no get.
//! - **The `email` filter** is SonarQube's `q`, a case-insensitive contains match on login,
//!   name and email; `find_by_email` keeps exact matches only.
//! - `lastConnectionDate` is updated at most once an hour.
//! - Servers before 10.0 take a token only as a Basic user name with no password; this
//!   integration sends it as a Bearer token, so it needs SonarQube 10.0 or later.
//!
//! ## Sources
//!
//! - SonarQube's source, `SonarSource/sonarqube`:
//!   `server/sonar-webserver-webapi/src/main/java/org/sonar/server/user/ws/SearchAction.java`
//!   (parameters, the page-size limit of 500, admin-only fields) and its response example
//!   `search-example.json`
//! - <https://docs.sonarsource.com/sonarqube-server/10.2/extension-guide/web-api/>
//!   (token authentication: Bearer since 10.0, or the token as a Basic user name)
//!
//! ## Not confirmed
//!
//! - The format of `lastConnectionDate` in responses: it is read as
//!   `YYYY-MM-DDThh:mm:ss±hhmm`, the format the filter parameters of the same field document.
//! - The error body `{"errors": [{"msg": …}]}` (the Web API's convention; not re-read here).
//! - Newer servers also offer `/api/v2/users-management/users`; this integration uses
//!   `api/users/search`, present in every version since 3.6.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SONARQUBE_SERVER_TOKEN=squ_…, TRUTO_SONARQUBE_SERVER_SERVER=https://sonar.example.com
//! let dir = truto_devtools::sonarqube_server::connect(&Config::from_env("sonarqube_server"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, page_number, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The SonarQube Server spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("sonarqube_server", "SonarQube Server", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("{server}")
        .config(&[
            ConfigKey::required(
                "server",
                "the instance's origin, e.g. https://sonar.example.com",
            )
            .origin(),
            ConfigKey::secret("token", "a user token (SonarQube 10.0 and later)"),
        ])
        .note("SonarQube 10.0+ and a user token (Administer System to see emails and groups); lists active users unless `status` is `inactive`"),
)
.list(
    List::get("api/users/search")
        .records("users")
        .paging(page_number(
            query("p"),
            query("ps"),
            1,
            End::Total("paging.total"),
        ))
        .filters(&[
            FilterRule::query(Filter::Email, "q"),
            FilterRule::mapped(
                Filter::Status,
                "deactivated",
                &[("active", "false"), ("inactive", "true")],
            ),
        ])
        .page_size(50, 500),
)
.map(&[
    id("login"),
    text(Text::Username, "login"),
    text(Text::Name, "name"),
    email("email"),
    active_flag("active"),
    refs(Refs::Groups, "groups").id("").name(""),
    time(
        Time::LastLoginAt,
        "lastConnectionDate",
        TimeFormat::Custom("%Y-%m-%dT%H:%M:%S%z"),
    ),
])
.errors(Errors::GENERIC.message(&["errors[0].msg"]))
.sources(&[
    "https://github.com/SonarSource/sonarqube/blob/master/server/sonar-webserver-webapi/src/main/java/org/sonar/server/user/ws/SearchAction.java",
    "https://github.com/SonarSource/sonarqube/blob/master/server/sonar-webserver-webapi/src/main/resources/org/sonar/server/user/ws/search-example.json",
    "https://docs.sonarsource.com/sonarqube-server/10.2/extension-guide/web-api/",
]);

/// Connects to SonarQube Server (`server`, `token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
