//! # Snowflake
//!
//! The users of one Snowflake account, through the Snowflake REST API's user resource.
//!
//! | | |
//! |---|---|
//! | slug / feature | `snowflake` |
//! | operations | list, get |
//! | list | `GET /api/v2/users`: a bare JSON array (`SHOW USERS`); further pages, when Snowflake splits a result, through the `Link` header |
//! | get | `GET /api/v2/users/{name}` (`DESCRIBE USER`) |
//! | base URL | `https://{account}.snowflakecomputing.com` (the account identifier, e.g. `myorg-myaccount`) |
//! | auth | `Authorization: Bearer <programmatic access token>` with `X-Snowflake-Authorization-Token-Type: PROGRAMMATIC_ACCESS_TOKEN`; config key `token` (env `TRUTO_SNOWFLAKE_TOKEN`) |
//! | config keys | `account` (the account identifier, or the full host name) |
//! | permissions | the token's role must be allowed to run `SHOW USERS` and `DESCRIBE USER` (e.g. `USERADMIN`) |
//! | page size | none: `showLimit` caps the whole result (1 to 10000), it does not page |
//! | filters | none |
//! | rate limits | `429` when exceeded; no rate-limit headers documented |
//!
//! ## Mapping
//!
//! | Snowflake | unified |
//! |---|---|
//! | `name` (the user's identifier, used in paths) | `id` |
//! | `display_name` | `name` |
//! | `first_name`, `last_name` | `first_name`, `last_name` |
//! | `login_name` | `username` |
//! | `email` | `emails` (one, primary) |
//! | `disabled`: `false` → `active`, `true` → `inactive` | `status` |
//! | `default_role` | `roles` (one, id and name: Snowflake roles are named) |
//! | `type`: `PERSON` → `user`, `SERVICE` and `LEGACY_SERVICE` → `service-account` | `user_type` |
//! | `created_on` | `created_at` |
//! | `last_successful_login` | `last_login_at` |
//!
//! ## Quirks
//!
//! - Users are addressed by name: `id` is the `name` property (case as Snowflake
//!   stores it, upper case unless it was created quoted).
//! - `roles` is the user's **default** role only; the roles granted to a user are at
//!   `GET /api/v2/users/{name}/grants`, which this integration does not call.
//! - Disabled users are listed (`disabled: true`, status `inactive`); a user locked by
//!   failed logins (`mins_to_unlock`, `locked_until`) or by Snowflake (`snowflake_lock`)
//!   keeps its status and shows the lock in `remote_data` only.
//! - Snowflake answers `202 Accepted` with a `Location` to poll when a request runs long;
//!   that answer carries no users and this integration does not poll it (it fails the page).
//! - Only programmatic access tokens are accepted: the layer sends one fixed
//!   `X-Snowflake-Authorization-Token-Type`, so key-pair JWTs (`KEYPAIR_JWT`) and OAuth
//!   tokens (`OAUTH`) cannot be used.
//! - `like` (a case-insensitive SQL pattern on the user name), `startsWith` and `showLimit`
//!   are Snowflake's own list parameters; pass them as a remote query.
//!
//! ## Sources
//!
//! - Snowflake's published API description, `snowflakedb/snowflake-rest-api-specs`,
//!   `specifications/user.yaml` (listUsers, fetchUser, the `User` schema) and
//!   `specifications/common.yaml` (parameters, the `Link` header, security schemes,
//!   `ErrorResponse`, `429`, `202`)
//! - <https://docs.snowflake.com/en/developer-guide/snowflake-rest-api/users/users-introduction>
//! - <https://docs.snowflake.com/en/developer-guide/snowflake-rest-api/authentication>
//! - <https://docs.snowflake.com/en/user-guide/programmatic-access-tokens>
//!
//! ## Not confirmed
//!
//! - Whether `listUsers` ever sends a `Link` header (the description declares one; its
//!   example points at `/api/v2/results/{id}?page=N`), and the order of the users.
//! - Which columns a listing fills that a get (`DESCRIBE USER`) does not, and the reverse.
//! - That `X-Snowflake-Authorization-Token-Type: PROGRAMMATIC_ACCESS_TOKEN` is required
//!   with a programmatic access token (Snowflake's SQL API description says a missing
//!   header means `OAUTH`); it is sent always.
//! - Numeric rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SNOWFLAKE_TOKEN=…, TRUTO_SNOWFLAKE_ACCOUNT=myorg-myaccount
//! let dir = truto_devtools::snowflake::connect(&Config::from_env("snowflake"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Param, Spec, link_header};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Snowflake spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("snowflake", "Snowflake", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{account}.snowflakecomputing.com")
        .config(&[
            ConfigKey::secret(
                "token",
                "a programmatic access token of a user whose role may run SHOW USERS",
            ),
            ConfigKey::required(
                "account",
                "the account identifier, e.g. `myorg-myaccount` for myorg-myaccount.snowflakecomputing.com",
            )
            .host_suffix(".snowflakecomputing.com"),
        ])
        .note("a programmatic access token and the account identifier; roles are default roles only"),
)
.headers(&[(
    "X-Snowflake-Authorization-Token-Type",
    "PROGRAMMATIC_ACCESS_TOKEN",
)])
.list(List::get("api/v2/users").paging(link_header(Param::None)))
.get(Get::get("api/v2/users/{id}"))
.map(&[
    id("name"),
    text(Text::Name, "display_name"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    text(Text::Username, "login_name"),
    email("email"),
    status_flag("disabled", Status::Inactive, Some(Status::Active)),
    reference(Refs::Roles).id("default_role").name("default_role"),
    text(Text::UserType, "type").table(&[
        ("PERSON", "user"),
        ("SERVICE", "service-account"),
        ("LEGACY_SERVICE", "service-account"),
    ]),
    time(Time::CreatedAt, "created_on", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_successful_login", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["message"])
        .code(&["code", "error_code"])
        .request_id(&["request_id"]),
)
.sources(&[
    "https://github.com/snowflakedb/snowflake-rest-api-specs",
    "https://docs.snowflake.com/en/developer-guide/snowflake-rest-api/users/users-introduction",
    "https://docs.snowflake.com/en/developer-guide/snowflake-rest-api/authentication",
    "https://docs.snowflake.com/en/user-guide/programmatic-access-tokens",
]);

/// Connects to Snowflake (`token`, `account`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
