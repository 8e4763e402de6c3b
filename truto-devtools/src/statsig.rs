//! # Statsig
//!
//! The members of one Statsig project, through Statsig's Console API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `statsig` |
//! | operations | list, get |
//! | list | `GET /console/v1/users?page=&limit=`: `data`, with `pagination.totalItems` |
//! | get | `GET /console/v1/users/{email}`: `data` |
//! | base URL | `https://statsigapi.net` |
//! | auth | `STATSIG-API-KEY: <console API key>`; config key `api_key` (env `TRUTO_STATSIG_API_KEY`) |
//! | config keys | none besides the key (the key belongs to one project) |
//! | keys | a **Console** API key (`console-…`), from Project Settings → API Keys; server and client SDK keys are refused with `401` |
//! | page size | Statsig's default is 10 (`limit`); no maximum is documented |
//! | filters | none |
//! | rate limits | mutations only (~100 per 10 s, ~900 per 15 min per project); reads: none documented |
//!
//! Every request also carries `STATSIG-API-VERSION: 20240601`, the one version of the
//! Console API.
//!
//! ## Mapping
//!
//! | Statsig | unified |
//! |---|---|
//! | `email` (the key a get takes) | `id`, `emails` (one, primary) |
//! | `firstName`, `lastName` | `first_name`, `last_name`; `name` joins them |
//! | `role` (`Admin`, `Read Only`, `Member` or a custom role's name) | `roles` (id and name) |
//!
//! ## Quirks
//!
//! - The records carry no id of their own: a user is addressed by email address, so `id`
//!   is the email address, percent-encoded as one path segment on a get.
//! - No status is returned: the listing holds the project's current members.
//! - `lastName` is often `""`: the name is then the first name alone.
//!
//! ## Sources
//!
//! - Statsig's published Console API description, `statsig-io/docs`,
//!   `console-api/capiopenapi.json` (`/console/v1/users`, `/console/v1/users/{email}`,
//!   `UserContractDto`, `PaginationResponseMetadataDto`, the examples and error bodies)
//! - <https://docs.statsig.com/console-api/introduction> (base URL, `STATSIG-API-KEY`,
//!   `STATSIG-API-VERSION`, rate limits)
//! - <https://docs.statsig.com/api-reference/users/list-users>
//!
//! ## Not confirmed
//!
//! - The largest `limit` the list accepts.
//! - Whether reads are rate-limited, and with which status and headers.
//! - Statsig's current reference page shows a `userID` in list records and an
//!   `include_stale_members` parameter; the published description read here has neither,
//!   so neither is used.
//! - Whether invited members who have not joined are listed.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_STATSIG_API_KEY=console-…
//! let dir = truto_devtools::statsig::connect(&Config::from_env("statsig"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Get, List, Spec, page_number, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Statsig spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("statsig", "Statsig", Family::Devtools)
        .credentials(&[Credential::header("STATSIG-API-KEY", "api_key")])
        .base_url("https://statsigapi.net")
        .config(&[ConfigKey::secret(
            "api_key",
            "a Console API key (`console-…`) of the project",
        )])
        .note("a Console API key (not an SDK key); lists the project's members, keyed by email"),
)
.headers(&[("STATSIG-API-VERSION", "20240601")])
.list(
    List::get("console/v1/users")
        .records("data")
        .paging(page_number(
            query("page"),
            query("limit"),
            1,
            End::Total("pagination.totalItems"),
        )),
)
.get(Get::get("console/v1/users/{id}").record("data"))
.map(&[
    id("email"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("email"),
    reference(Refs::Roles).id("role").name("role"),
])
.sources(&[
    "https://github.com/statsig-io/docs/blob/main/console-api/capiopenapi.json",
    "https://docs.statsig.com/console-api/introduction",
    "https://docs.statsig.com/api-reference/users/list-users",
]);

/// Connects to Statsig (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
