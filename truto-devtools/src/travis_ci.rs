//! # Travis CI
//!
//! One Travis CI user at a time, through the Travis CI API v3 (travis-ci.com).
//!
//! | | |
//! |---|---|
//! | slug / feature | `travis_ci` |
//! | operations | get |
//! | get | `GET /user/{user.id}` (a numeric id) |
//! | base URL | `https://api.travis-ci.com` |
//! | auth | `Authorization: token <API token>`; config key `token` (env `TRUTO_TRAVIS_CI_TOKEN`) |
//! | config keys | none besides the token |
//! | tokens | a user's API token, from travis-ci.com → Account settings → Settings → API authentication |
//! | filters | none |
//! | rate limits | per token (2000 requests a minute in the server's source); `429` when exceeded, no rate-limit headers |
//!
//! Every request also carries `Travis-API-Version: 3`.
//!
//! ## Mapping
//!
//! | Travis CI | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` |
//! | `login` (the VCS login) | `username` |
//! | `email` (the token's own user only) | `emails` (one, primary) |
//! | `avatar_url` | `avatar` |
//! | `confirmed_at` | `activated_at` |
//! | `last_activity_at` | `last_active_at` |
//!
//! ## Quirks
//!
//! - **No listing.** API v3 has no endpoint that lists users: `GET /user` is the token's
//!   own user, `/users` only suspends and unsuspends (administrators), and
//!   `/org/{id}/user_activity` needs an internal token. Users are read one by one by id.
//! - `email` is filled only for the token's own user; any other user has `email: null`.
//! - Travis CI Enterprise answers `confirmed_at` as `2000-01-01` for everyone.
//! - Errors are `{"@type": "error", "error_type": …, "error_message": …}`; an unknown or
//!   invisible user is `404` `not_found`.
//!
//! ## Sources
//!
//! - Travis CI's API server source, `travis-ci/travis-api`: `lib/travis/api/v3/routes.rb`
//!   (the user routes), `lib/travis/api/v3/renderer/user.rb` and `renderer/owner.rb` (the
//!   user's attributes), `renderer/error.rb` (the error body), `README.md` (the headers),
//!   `lib/travis/api/attack.rb` (the throttles)
//! - <https://developer.travis-ci.com/resource/user>
//!
//! ## Not confirmed
//!
//! - The base URL of Travis CI Enterprise's API (`base_url` overrides the default).
//! - The exact JSON of a user: the fixture is built from the server's renderer, not from a
//!   documented example.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, GetUser, UserDirectoryExt};
//! // TRUTO_TRAVIS_CI_TOKEN=…
//! let dir = truto_devtools::travis_ci::connect(&Config::from_env("travis_ci"))?;
//! let user = dir.get_user("3954", GetUser::new()).await?;
//! println!("{} {:?} {:?}", user.id, user.username, user.name);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Travis CI spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("travis_ci", "Travis CI", Family::Devtools)
        .credentials(&[Credential::custom("token", "token")])
        .base_url("https://api.travis-ci.com")
        .config(&[ConfigKey::secret(
            "token",
            "an API token (travis-ci.com → Account settings → API authentication)",
        )])
        .note("an API token; get by numeric user id only (Travis CI lists no users)"),
)
.headers(&[("Travis-API-Version", "3")])
.get(Get::get("user/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::Username, "login"),
    email("email"),
    text(Text::Avatar, "avatar_url"),
    time(Time::ActivatedAt, "confirmed_at", TimeFormat::Auto),
    time(Time::LastActiveAt, "last_activity_at", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["error_message"])
        .code(&["error_type"]),
)
.sources(&[
    "https://github.com/travis-ci/travis-api",
    "https://developer.travis-ci.com/resource/user",
])
.absent(&[
    (
        "updated_at",
        "a v3 user has no update time (`synced_at` is the last sync with the VCS account)",
    ),
    (
        "list",
        "API v3 lists no users: `GET /user` is the token's own user, `/users` only suspends and unsuspends (travis-api lib/travis/api/v3/routes.rb)",
    ),
]);

/// Connects to Travis CI (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
