//! # Keeper
//!
//! The users of one node of a Keeper Enterprise account, through Keeper's SCIM 2.0
//! endpoint for that node.
//!
//! | | |
//! |---|---|
//! | slug / feature | `keeper` |
//! | operations | list, get |
//! | list | `GET /api/rest/scim/v2/{node_id}/Users?startIndex=&count=`, SCIM paging (`startIndex`, `count`, `totalResults`) |
//! | get | `GET /api/rest/scim/v2/{node_id}/Users/{id}` |
//! | base URL | `https://{host}/api/rest/scim/v2/{node_id}`: `host` is the tenant's data center, `keepersecurity.com` (US, the default), `keepersecurity.eu`, `keepersecurity.com.au`, `keepersecurity.jp`, `keepersecurity.ca` or `govcloud.keepersecurity.us` |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_KEEPER_TOKEN`): the token Keeper generates when SCIM provisioning is set up on the node |
//! | config keys | `node_id` (required), `host` |
//! | scopes | the SCIM token reaches the node it was made for |
//! | page size | `count`: 100 by default here (Keeper documents no paging: "returns all users of node") |
//! | filters | none (Keeper documents no SCIM `filter`; `find_by_email` lists and matches locally) |
//! | rate limits | not documented |
//!
//! ## Mapping
//!
//! | Keeper (SCIM `User`) | unified |
//! |---|---|
//! | `id` | `id` |
//! | `externalId` | `external_id` |
//! | `userName` (the user's email address) | `username` |
//! | `displayName` | `name` |
//! | `name.givenName`, `name.familyName` | `first_name`, `last_name` |
//! | `emails[]` `{value, primary}` | `emails` |
//! | `active` (`false`: the user is locked) | `status`: `active` / `inactive` |
//! | `groups[]` `{value, display}` (Keeper teams, by team UID) | `groups` |
//! | `meta.created`, `meta.lastModified` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - Only the users of the SCIM node are listed; sub-nodes of a SCIM node are not managed
//!   through it (one node per identity provider).
//! - Keeper teams are SCIM groups; their ids are team UIDs.
//! - A SCIM `active` of `false` is a locked Keeper user.
//! - A SCIM preset in `truto-scim` would fit this endpoint as well; Keeper is an identity
//!   provider in the reference (slug `keeper`), and the declarative SCIM paging covers it,
//!   so it is a spec here.
//!
//! ## Sources
//!
//! - <https://docs.keeper.io/enterprise-guide/user-and-team-provisioning/automated-provisioning-with-scim>
//!   (the endpoint per node, header-token authentication, `Users` GET of all users and of
//!   one user, `404` when not found)
//! - <https://docs.keeper.io/enterprise-guide/user-and-team-provisioning/automated-provisioning-with-scim/using-scim-api-provisioning>
//!   (`Authorization: Bearer`, the data-center domains, the node id, the user attributes
//!   Keeper takes, locking with `active`)
//! - <https://datatracker.ietf.org/doc/html/rfc7643> and
//!   <https://datatracker.ietf.org/doc/html/rfc7644> (the SCIM `User` schema, `ListResponse`
//!   and paging Keeper's endpoint follows)
//!
//! ## Not confirmed
//!
//! - Whether Keeper honours `startIndex` and `count` (if it returns every user at once,
//!   `totalResults` ends the listing after the first page).
//! - Which attributes Keeper returns (`displayName`, `name`, `meta`), and how invited users
//!   who have not accepted appear.
//! - SCIM `filter` support, rate limits and the error body (SCIM's `detail` is read).
//! - No Keeper response example was found: the fixture is built from the SCIM `User`
//!   schema, restricted to the attributes Keeper's documentation names.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_KEEPER_NODE_ID=123… TRUTO_KEEPER_TOKEN=…
//! let dir = truto_idp::keeper::connect(&Config::from_env("keeper"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, SCIM_PAGING, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Keeper spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("keeper", "Keeper", Family::Idp)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{host}/api/rest/scim/v2/{node_id}")
        .config(&[
            ConfigKey::required("node_id", "the id of the node SCIM provisioning is set up on (Admin Console, SCIM setup page)"),
            ConfigKey::secret("token", "the node's SCIM token"),
            ConfigKey::optional(
                "host",
                "the tenant's data center: keepersecurity.com (US, the default), keepersecurity.eu, keepersecurity.com.au, keepersecurity.jp, keepersecurity.ca or govcloud.keepersecurity.us",
            )
            .default("keepersecurity.com"),
        ])
        .note("Keeper Enterprise with SCIM provisioning set up on a node: the node id and its SCIM token; lists that node's users."),
)
.list(
    List::get("Users")
        .records("Resources")
        .paging(SCIM_PAGING)
        .page_size(100, 1000),
)
.get(Get::get("Users/{id}"))
.map(&[
    id("id"),
    text(Text::ExternalId, "externalId"),
    text(Text::Username, "userName"),
    text(Text::Name, "displayName"),
    text(Text::FirstName, "name.givenName"),
    text(Text::LastName, "name.familyName"),
    name_from_parts(),
    emails("emails", "value").primary("primary"),
    active_flag("active"),
    refs(Refs::Groups, "groups").id("value").name("display"),
    time(Time::CreatedAt, "meta.created", TimeFormat::Auto),
    time(Time::UpdatedAt, "meta.lastModified", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["detail"]).code(&["scimType"]))
.sources(&[
    "https://docs.keeper.io/enterprise-guide/user-and-team-provisioning/automated-provisioning-with-scim",
    "https://docs.keeper.io/enterprise-guide/user-and-team-provisioning/automated-provisioning-with-scim/using-scim-api-provisioning",
    "https://datatracker.ietf.org/doc/html/rfc7643",
    "https://datatracker.ietf.org/doc/html/rfc7644",
]);

/// Connects to Keeper (`node_id`, `token`, optionally `host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
