//! # Jenkins
//!
//! The users a self-hosted Jenkins knows, through its Remote Access API and the People
//! view.
//!
//! | | |
//! |---|---|
//! | slug / feature | `jenkins` |
//! | operations | list |
//! | list | `GET /asynchPeople/api/json?tree=users[lastChange,user[id,fullName,absoluteUrl,description,property[address]]]`: every user in one response (`users`) |
//! | base URL | `{instance}`: the controller's origin, e.g. `https://jenkins.example.com` (`base_url` when Jenkins is served below a path, e.g. `https://example.com/jenkins`) |
//! | auth | `Authorization: Basic base64(username:api_token)`; config keys `username`, `api_token` (env `TRUTO_JENKINS_USERNAME`, `TRUTO_JENKINS_API_TOKEN`) |
//! | config keys | `instance` (the controller's URL) |
//! | scopes | `Overall/Read`; a user sees the users visible to them (administrators see all) |
//! | page size | none: the endpoint takes no paging parameters |
//! | filters | none |
//! | rate limits | none (self-hosted) |
//!
//! ## Mapping
//!
//! | Jenkins | unified |
//! |---|---|
//! | `user.id` | `id`, `username` |
//! | `user.fullName` | `name` |
//! | `user.property[].address` (the Mailer plugin's `hudson.tasks.Mailer$UserProperty`) | `emails` |
//! | `user.description` | `bio` |
//! | `user.absoluteUrl` | `urls` (`profile`) |
//!
//! ## Quirks
//!
//! - "People" are every user Jenkins knows: accounts that signed in and authors seen in
//!   SCM changelogs who never had an account. Jenkins keeps no status, so `status` is
//!   unset.
//! - Since Jenkins 2.452 (LTS 2.462) the People view is the **People View** plugin; without
//!   it `/asynchPeople/` is not served.
//! - The `tree` parameter names what is exported: without it the nested user carries
//!   neither its id nor its properties (Jenkins' export visibility).
//! - `lastChange` (the user's last SCM change, not a sign-in) stays in `remote_data`.
//! - An email address needs the Mailer plugin; users without one have none.
//!
//! ## Sources
//!
//! - The People View plugin, `jenkinsci/people-view-plugin` (`AsynchPeopleAction`: the
//!   `asynchPeople` URL; `AsynchPeople.getApi()`: the exported `users`; `UserInfo`: `user`,
//!   `lastChange`, `project`)
//! - Jenkins core, `jenkinsci/jenkins` (`hudson/model/User.java`: `id`, `fullName`,
//!   `absoluteUrl`, `description`, `property`; JENKINS-18884, the People view's move to the plugin)
//! - The Mailer plugin, `jenkinsci/mailer-plugin` (`Mailer.UserProperty` exports `address`)
//! - <https://www.jenkins.io/doc/book/using/remote-access-api/> (`/api/json`, `tree`, Basic auth with an API token)
//!
//! ## Not confirmed
//!
//! - The status a controller without the People View plugin answers `/asynchPeople/api/json` with.
//! - How `lastChange` is written in JSON.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_JENKINS_INSTANCE=https://jenkins.example.com TRUTO_JENKINS_USERNAME=admin TRUTO_JENKINS_API_TOKEN=…
//! let dir = truto_devtools::jenkins::connect(&Config::from_env("jenkins"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Jenkins spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("jenkins", "Jenkins", Family::Devtools)
        .credentials(&[Credential::basic("{username}", "api_token")])
        .base_url("{instance}")
        .config(&[
            ConfigKey::required(
                "instance",
                "the controller's URL, e.g. https://jenkins.example.com",
            )
            .origin(),
            ConfigKey::required("username", "the Jenkins user the API token belongs to"),
            ConfigKey::secret("api_token", "that user's API token"),
        ])
        .note("a user's API token and the controller URL; needs the People View plugin on Jenkins 2.452+"),
)
.list(
    List::get("asynchPeople/api/json")
        .query(&[(
            "tree",
            "users[lastChange,user[id,fullName,absoluteUrl,description,property[address]]]",
        )])
        .records("users"),
)
.map(&[
    id("user.id"),
    text(Text::Username, "user.id"),
    text(Text::Name, "user.fullName"),
    emails("user.property", "address"),
    text(Text::Bio, "user.description"),
    url("user.absoluteUrl", Some("profile")),
])
.sources(&[
    "https://github.com/jenkinsci/people-view-plugin",
    "https://github.com/jenkinsci/jenkins",
    "https://github.com/jenkinsci/mailer-plugin",
    "https://www.jenkins.io/doc/book/using/remote-access-api/",
]);

/// Connects to Jenkins (`instance`, `username`, `api_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
