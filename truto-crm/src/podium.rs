//! # Podium
//!
//! The users of the Podium locations an OAuth app's user can reach, through the Podium
//! API v4.
//!
//! | | |
//! |---|---|
//! | slug / feature | `podium` |
//! | operations | list |
//! | list | `GET /v4/users?limit=&cursor=`, paged by the cursor in `metadata.nextCursor` |
//! | base URL | `https://api.podium.com` |
//! | auth | `Authorization: Bearer <token>`; config key `access_token` (env `TRUTO_PODIUM_ACCESS_TOKEN`): an OAuth access token of a Podium app |
//! | config keys | none besides the token |
//! | scopes | the app's users-read scope; the authorizing Podium user must have access to the feature (else `403`) |
//! | page size | `limit` 10 by Podium's default; 100 asked by default here, at most 100 |
//! | filters | none |
//! | rate limits | not documented in what was read |
//!
//! ## Mapping
//!
//! | Podium | unified |
//! |---|---|
//! | `uid` | `id` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `phone` (E.164) | `phones[0]` |
//! | `archived` | `status`: `inactive` when true, `active` when false |
//! | `role` (`Account Owner`, …) | `roles[0].name` |
//! | `locations[].uid` | `groups` (the Podium locations the user belongs to) |
//! | `createdAt` | `created_at` |
//!
//! ## Quirks
//!
//! - The listing covers the users of every location the token's user can reach, archived
//!   users included.
//! - "If the cursor parameter is used then all other parameters will be ignored": the page
//!   size of the first request holds for the whole listing.
//! - Podium may send a `nextCursor` on the last page; the page after it is empty, which
//!   ends the listing.
//!
//! ## Sources
//!
//! - <https://docs.podium.com/reference> (Podium API v4; "List all users": `GET /v4/users`,
//!   "List of all the users that belong to any of the locations that the caller has access
//!   to", `search`, `searchFields`, `createdAt[…]`, `limit` "Defaults to 10", `cursor`,
//!   and the response example `{"data": [{archived, createdAt, email, firstName, lastName,
//!   locations[{uid}], phone, role, uid}]}`, read through a mirror of Podium's published
//!   collection at developers.qodex.ai)
//! - <https://docs.podium.com/docs/oauth-scopes> (scopes; the user must have access)
//! - `amp-labs/connectors`, `providers/podium` (paging by `metadata.nextCursor`, pages of
//!   100, `https://api.podium.com`)
//!
//! ## Not confirmed
//!
//! - Podium's own reference pages were not readable; the endpoint and the record come from
//!   a mirror of its collection, the cursor's location from a third-party connector.
//! - The largest `limit` (100 works for third-party clients); the users scope's name; the
//!   OAuth token endpoint (no refresh-token grant is offered here); rate limits; the error
//!   body.
//! - The values `role` takes besides `Account Owner`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_PODIUM_ACCESS_TOKEN=…
//! let dir = truto_crm::podium::connect(&Config::from_env("podium"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec, cursor, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Podium spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("podium", "Podium", Family::Crm)
        .credentials(&[Credential::bearer("access_token")])
        .base_url("https://api.podium.com")
        .config(&[ConfigKey::secret(
            "access_token",
            "an OAuth access token of a Podium app that may read users",
        )])
        .note("needs an OAuth access token of a Podium app; lists the users of every location the token's user can reach, archived ones included"),
)
.list(
    List::get("v4/users")
        .records("data")
        .paging(cursor(query("cursor"), query("limit"), "metadata.nextCursor"))
        .page_size(100, 100),
)
.map(&[
    id("uid"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("email"),
    phone("phone"),
    status_flag("archived", Status::Inactive, Some(Status::Active)),
    reference(Refs::Roles).name("role"),
    refs(Refs::Groups, "locations").id("uid"),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
])
.sources(&[
    "https://docs.podium.com/reference",
    "https://docs.podium.com/docs/oauth-scopes",
    "https://developers.qodex.ai/podium-s-api/podium-api-v4/accounts-user/list-all-users-19",
]);

/// Connects to Podium (`access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
