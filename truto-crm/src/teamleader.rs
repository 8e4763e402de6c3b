//! # Teamleader Focus
//!
//! The users of one Teamleader Focus account, through Teamleader's RPC-style API (users
//! are read-only there).
//!
//! | | |
//! |---|---|
//! | slug / feature | `teamleader` |
//! | operations | list, get |
//! | list | `POST /users.list` with `{"filter": {"status": ["active", "deactivated"]}, "page": {"size", "number"}}`, paged by page number until a short page |
//! | get | `POST /users.info` with `{"id": "<uuid>"}`: the user under `data` |
//! | base URL | `https://api.focus.teamleader.eu` |
//! | auth | `Authorization: Bearer <token>`; config key `access_token` (env `TRUTO_TEAMLEADER_ACCESS_TOKEN`): an OAuth access token of a Teamleader integration |
//! | config keys | none besides the token |
//! | scopes | the integration's `users` scope |
//! | page size | `page.size` 20 by default, at most 100 |
//! | filters | none |
//! | rate limits | not read |
//!
//! ## Mapping
//!
//! | Teamleader | unified |
//! |---|---|
//! | `id` (a UUID) | `id` |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `telephones[]` `{type, number}` (`phone`, `mobile`, `fax`) | `phones` |
//! | `status` (`active`, `deactivated`) | `status`: `active` / `inactive` |
//! | `function` | `title` |
//! | `language` (`nl-BE`, `en`, …) | `languages` |
//! | `teams[].id` | `groups` |
//! | `account.id` | `organizations[0].id` |
//!
//! | `time_zone` (get only) | `timezone` |
//!
//! `users.info` adds `time_zone` and `external_rate`; a listed user has neither.
//!
//! ## Quirks
//!
//! - Every listing asks for both statuses (`active` and `deactivated`), so deactivated
//!   users are listed: whether Teamleader includes them when the filter is left out is not
//!   documented. Teamleader's `filter.status` takes an array, which a filter of this layer
//!   cannot write, so no `status` filter is offered.
//! - `time_zone` is only in a get's answer, so a listed user has no time zone.
//! - Tokens are OAuth access tokens; a refresh-token grant is not offered here: how
//!   Teamleader treats a refresh token once used was not confirmed.
//!
//! ## Sources
//!
//! - <https://developer.focus.teamleader.eu/docs/api/users-list> (`users.list`: filter,
//!   sort, page, the response and its example)
//! - <https://developer.focus.teamleader.eu/docs/api/users-info> (`users.info`: the user,
//!   with `time_zone`, `language`, `external_rate`)
//! - Teamleader's official JavaScript SDK, `teamleadercrm/sdk-js` (`POST
//!   {base}/{domain}.{action}` with a JSON body, `Authorization: Bearer`, `page.number`)
//! - `amp-labs/connectors`, `providers/teamleader.go` and `providers/teamleader`
//!   (`https://api.focus.teamleader.eu`, records at `data`, 100 per page, short-page end)
//!
//! ## Not confirmed
//!
//! - Teamleader's reference pages were not re-read for this spec: the request bodies and
//!   the user's fields follow a colleague's reading of them, checked against Teamleader's
//!   SDK and a third-party connector.
//! - The largest `page.size` (100 is asked at most, as third-party clients do).
//! - Whether a listing without a status filter includes deactivated users.
//! - The error body and the rate limits; the scope's exact name.
//! - An `avatar` (not in the documented user).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_TEAMLEADER_ACCESS_TOKEN=…
//! let dir = truto_crm::teamleader::connect(&Config::from_env("teamleader"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Get, List, Spec, body, page_number};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Teamleader Focus spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("teamleader", "Teamleader Focus", Family::Crm)
        .credentials(&[Credential::bearer("access_token")])
        .base_url("https://api.focus.teamleader.eu")
        .config(&[ConfigKey::secret(
            "access_token",
            "an OAuth access token of a Teamleader integration with the users scope",
        )])
        .note("needs an OAuth access token of a Teamleader integration (users scope); lists active and deactivated users"),
)
.list(
    List::post(
        "users.list",
        r#"{"filter":{"status":["active","deactivated"]}}"#,
    )
    .records("data")
    .paging(page_number(
        body("page.number"),
        body("page.size"),
        1,
        End::ShortPage,
    ))
    .page_size(20, 100),
)
.get(Get::post("users.info", r#"{"id":"{id}"}"#).record("data"))
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email"),
    phones("telephones", "number").kind("type"),
    status(
        "status",
        &[("active", Status::Active), ("deactivated", Status::Inactive)],
    ),
    text(Text::Title, "function"),
    languages("language"),
    refs(Refs::Groups, "teams").id("id"),
    reference(Refs::Organizations).id("account.id"),
    text(Text::Timezone, "time_zone"),
])
.sources(&[
    "https://developer.focus.teamleader.eu/docs/api/users-list",
    "https://developer.focus.teamleader.eu/docs/api/users-info",
    "https://github.com/teamleadercrm/sdk-js",
])
.absent(&[
    (
        "avatar",
        "Teamleader's documented user (users.list, users.info) has no picture",
    ),
]);

/// Connects to Teamleader Focus (`access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
