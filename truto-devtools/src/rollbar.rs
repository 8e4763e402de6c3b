//! # Rollbar
//!
//! The users of a Rollbar account, through Rollbar's REST API (account-level endpoints).
//!
//! | | |
//! |---|---|
//! | slug / feature | `rollbar` |
//! | operations | list (partial), get |
//! | list | `GET /api/1/users`: `{"err": 0, "result": {"users": […]}}`, one response |
//! | get | `GET /api/1/user/{user_id}` (singular `user`) |
//! | base URL | `https://api.rollbar.com` |
//! | auth | `X-Rollbar-Access-Token: <account access token>`; config key `access_token` (env `TRUTO_ROLLBAR_ACCESS_TOKEN`) |
//! | config keys | none besides the token |
//! | scopes | an account-level access token with `read` (project tokens do not reach account resources) |
//! | page size | none (one response) |
//! | filters | `email` (`email=<address>`) |
//! | rate limits | `429` when exceeded, retried by the transport |
//!
//! ## Mapping
//!
//! | Rollbar | unified |
//! |---|---|
//! | `id` (a number) | `id` |
//! | `username` | `username` |
//! | `email` | `emails` (one, primary) |
//!
//! ## Quirks
//!
//! - **Partial list** (as the reference marks it): a get adds `email_enabled` (kept in
//!   `remote_data`). Teams and their access levels come from
//!   `GET /api/1/user/{user_id}/teams`, a call per user the spec does not make.
//! - Rollbar users have a username and an e-mail address, no display name.
//! - Success bodies carry `"err": 0`; errors come with an HTTP error status and
//!   `{"err": 1, "message": …}`.
//!
//! ## Sources
//!
//! - Rollbar's official Terraform provider, `rollbar/terraform-provider-rollbar`
//!   (`client/paths.go`, `client/client.go`, `client/user.go`, and the recorded responses
//!   `client/fixtures/user/list.json` and `read.json`): paths, the
//!   `X-Rollbar-Access-Token` header, the `email` query of the users list, the envelopes
//! - <https://docs.rollbar.com/reference/list-all-users> and
//!   <https://docs.rollbar.com/reference/get-a-user> (the reference pages)
//!
//! ## Not confirmed
//!
//! - Whether `/api/1/users` pages (Rollbar's own client makes one request and reads one
//!   page); a large account might be cut short.
//! - The rate-limit headers and the token scope's exact name.
//! - Whether pending invitations are listed.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ROLLBAR_ACCESS_TOKEN=…
//! let dir = truto_devtools::rollbar::connect(&Config::from_env("rollbar"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Rollbar spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("rollbar", "Rollbar", Family::Devtools)
        .credentials(&[Credential::header("X-Rollbar-Access-Token", "access_token")])
        .base_url("https://api.rollbar.com")
        .config(&[ConfigKey::secret(
            "access_token",
            "an account-level access token with `read` (Account Settings → Account Access Tokens)",
        )])
        .note("needs an account-level access token (not a project token); users carry username and e-mail only"),
)
.list(
    List::get("api/1/users")
        .records("result.users")
        .filters(&[FilterRule::query(Filter::Email, "email")])
        .partial(),
)
.get(Get::get("api/1/user/{id}").record("result"))
.map(&[id("id"), text(Text::Username, "username"), email("email")])
.errors(Errors::GENERIC.message(&["message"]))
.sources(&[
    "https://github.com/rollbar/terraform-provider-rollbar",
    "https://docs.rollbar.com/reference/list-all-users",
    "https://docs.rollbar.com/reference/get-a-user",
])
.absent(&[
    (
        "name",
        "Rollbar users have a username and an e-mail address, no display name",
    ),
    (
        "roles",
        "access levels belong to teams: GET /api/1/user/{user_id}/teams, a call per user",
    ),
    (
        "groups",
        "teams come from GET /api/1/user/{user_id}/teams, a call per user",
    ),
]);

/// Connects to Rollbar (`access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
