//! # CircleCI
//!
//! One CircleCI user by id, through CircleCI's API v2. CircleCI has no endpoint that lists
//! an organization's users, so this integration gets users and does not list them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `circleci` |
//! | operations | get |
//! | get | `GET /api/v2/user/{id}` (the user's UUID) |
//! | base URL | `https://circleci.com/api/v2`; for CircleCI Server set `base_url` to `https://<host>/api/v2` |
//! | auth | `Circle-Token: <personal API token>`; config key `token` (env `TRUTO_CIRCLECI_TOKEN`) |
//! | config keys | `token` only |
//! | scopes | a personal API token (project tokens are not supported on API v2) |
//! | filters | none (no list) |
//! | rate limits | `429` with `Retry-After` when throttled (honoured) |
//!
//! ## Mapping
//!
//! | CircleCI (`User`) | unified |
//! |---|---|
//! | `id` (UUID) | `id` |
//! | `name` | `name` |
//! | `login` (the VCS login) | `username` |
//!
//! ## Quirks
//!
//! - There is no list: `GET /me` is the token's owner and `GET /me/collaborations` its
//!   organizations; neither lists users. The reference marks get only.
//! - The user record has no email, status or role.
//!
//! ## Sources
//!
//! - <https://circleci.com/docs/api/v2/> (API v2 reference: User Information,
//!   `GET /user/{id}`)
//! - <https://circleci.com/docs/guides/toolkit/api-developers-guide> (personal API tokens in the
//!   `Circle-Token` header; project tokens not supported on v2; Server hosts)
//! - Clients generated from CircleCI's API v2 description (`fdns/circleci-api`,
//!   `bravehager/circleci`, `konfig-sdks/circle-ci-java-sdk`, `docs/UserApi.md`):
//!   `GET /user/{id}`, the `User` schema (`id`, `login`, `name`)
//!
//! ## Not confirmed
//!
//! - CircleCI's own description text for `GET /user/{id}` (read through the generated
//!   clients above, which agree): which users a token may read.
//! - The error body (`message` is read).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, GetUser, UserDirectoryExt};
//! // TRUTO_CIRCLECI_TOKEN=…
//! let dir = truto_devtools::circleci::connect(&Config::from_env("circleci"))?;
//! let user = dir
//!     .get_user("b7a4b6b2-4c0e-4c53-9f3c-2b1d2f6f5e11", GetUser::new())
//!     .await?;
//! println!("{} {:?} {:?}", user.id, user.name, user.username);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The CircleCI spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("circleci", "CircleCI", Family::Devtools)
        .credentials(&[Credential::header("Circle-Token", "token")])
        .base_url("https://circleci.com/api/v2")
        .config(&[ConfigKey::secret("token", "a personal API token")])
        .note("Get only: CircleCI has no API that lists users; needs a personal API token."),
)
.get(Get::get("user/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::Username, "login"),
])
.sources(&[
    "https://circleci.com/docs/api/v2/",
    "https://circleci.com/docs/guides/toolkit/api-developers-guide",
]);

/// Connects to CircleCI (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
