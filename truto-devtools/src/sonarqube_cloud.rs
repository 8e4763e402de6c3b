//! # SonarQube Cloud
//!
//! The members of one SonarQube Cloud (sonarcloud.io) organization, through its Web API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `sonarqube_cloud` |
//! | operations | list |
//! | list | `GET /api/organizations/search_members?organization=&p=&ps=`: `users`, with `paging.total` |
//! | base URL | `https://sonarcloud.io` |
//! | auth | `Authorization: Bearer <user token>`; config key `token` (env `TRUTO_SONARQUBE_CLOUD_TOKEN`) |
//! | config keys | `organization` (the organization's key) |
//! | tokens | a user token from My Account → Security; `groupCount` comes only when its user administers the organization |
//! | page size | default 50, at most 500 (`ps`) |
//! | filters | none |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | SonarQube Cloud | unified |
//! |---|---|
//! | `login` (e.g. `JohnDoe@github`) | `id`, `username` |
//! | `name` | `name` |
//!
//! `avatar` is the MD5 hash of the email address for Gravatar, not a URL, and
//! `groupCount` a number of groups: both stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Members carry no email address and no status: the listing holds the organization's
//!   current members. SonarQube Cloud looks users up by email only one at a time
//!   (`https://api.sonarcloud.io/users/users?email=`), which this integration does not call.
//! - Logins carry the ALM they sign in with (`@github`, `@gitlab`, `@bitbucket`, `@azuredevops`).
//! - `q` (at least 2 characters, on names and logins) is SonarQube Cloud's own search; pass
//!   it as a remote query.
//!
//! ## Sources
//!
//! - SonarQube's source when organizations were part of it, `SonarSource/sonarqube` at
//!   `230e4a3e`: `server/sonar-server/src/main/java/org/sonar/server/organization/ws/SearchMembersAction.java`
//!   (parameters, paging, the members' fields); SonarQube Cloud's own server is not public
//! - <https://community.sonarsource.com/t/new-search-api-for-sonarcloud/119780> (SonarSource
//!   staff on `api/organizations/search_members` and the email lookup)
//!
//! ## Not confirmed
//!
//! - That SonarQube Cloud's current `search_members` answers exactly as the source above
//!   (a third-party script shows an extra `isOrgAdmin` per member) and still caps `ps`
//!   at 500; the endpoint was marked *internal* in that source.
//! - That SonarQube Cloud takes its tokens as `Authorization: Bearer` (SonarQube Server's
//!   documented convention; SonarQube Cloud's own page was not read).
//! - The error body `{"errors": [{"msg": …}]}` (the Web API's convention) and rate limits.
//! - The fixture is built from the response builder of the source above, not from a
//!   documented example.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SONARQUBE_CLOUD_TOKEN=…, TRUTO_SONARQUBE_CLOUD_ORGANIZATION=acme
//! let dir = truto_devtools::sonarqube_cloud::connect(&Config::from_env("sonarqube_cloud"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.name);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, page_number, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The SonarQube Cloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("sonarqube_cloud", "SonarQube Cloud", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://sonarcloud.io")
        .config(&[
            ConfigKey::secret("token", "a SonarQube Cloud user token"),
            ConfigKey::required("organization", "the organization's key"),
        ])
        .note("a user token and the organization key; members carry login and name only"),
)
.list(
    List::get("api/organizations/search_members")
        .query(&[("organization", "{organization}")])
        .records("users")
        .paging(page_number(
            query("p"),
            query("ps"),
            1,
            End::Total("paging.total"),
        ))
        .page_size(50, 500),
)
.map(&[
    id("login"),
    text(Text::Username, "login"),
    text(Text::Name, "name"),
])
.errors(Errors::GENERIC.message(&["errors[0].msg"]))
.sources(&[
    "https://github.com/SonarSource/sonarqube/blob/230e4a3ea204b934c5f12387930b89d8549f848c/server/sonar-server/src/main/java/org/sonar/server/organization/ws/SearchMembersAction.java",
    "https://community.sonarsource.com/t/new-search-api-for-sonarcloud/119780",
]);

/// Connects to SonarQube Cloud (`token`, `organization`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
