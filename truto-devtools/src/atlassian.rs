//! # Atlassian (organization)
//!
//! The managed accounts of an Atlassian Cloud organization, through the Organizations REST
//! API of Atlassian Administration.
//!
//! | | |
//! |---|---|
//! | slug / feature | `atlassian` |
//! | operations | list |
//! | list | `GET /admin/v1/orgs/{org_id}/users?cursor=`, paged by cursor: `links.next` of a page is the `cursor` of the next |
//! | base URL | `https://api.atlassian.com/admin` |
//! | auth | `Authorization: Bearer <organization API key>`; config key `api_key` (env `TRUTO_ATLASSIAN_API_KEY`) |
//! | config keys | `org_id` (env `TRUTO_ATLASSIAN_ORG_ID`): shown in Atlassian Administration's URL and where the API key is created |
//! | scopes | an organization admin's API key (`read:accounts:admin` for scoped keys); Forge and OAuth 2.0 apps cannot call this resource |
//! | page size | Atlassian's own: the endpoint takes no page-size parameter |
//! | filters | none |
//! | rate limits | `429` when throttled (`Retry-After` honoured when sent) |
//!
//! ## Mapping
//!
//! | Atlassian | unified |
//! |---|---|
//! | `account_id` | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `account_status`: `active`, `inactive`, `closed` | `status`: `active`, `inactive`, `deleted` |
//! | `account_type`: `atlassian`, `app`, `customer` | `user_type`: `user`, `machine`, `customer` |
//! | `picture` | `avatar` |
//! | `product_access[]` `{key, name}` | `licenses` `{id, name}` |
//! | `last_active` | `last_active_at` |
//!
//! `access_billable`, each product's `url` and `last_active`, and `links.self` stay in
//! `remote_data`.
//!
//! ## Quirks
//!
//! - Only **managed accounts** are listed: accounts whose email domain the organization has
//!   verified. Other members of the organization's sites are not.
//! - Closed and inactive managed accounts are listed with their status.
//! - There is no get for one account on this API (the reference marks list only).
//!
//! ## Sources
//!
//! - <https://developer.atlassian.com/cloud/admin/organization/rest/api-group-users/> (Get managed
//!   accounts in an organization: `cursor`; `data`, `meta.total`, `links.next`; the record)
//! - <https://developer.atlassian.com/cloud/admin/organization/rest/api-group-orgs/> (the base URL,
//!   Bearer API keys, finding `orgId`)
//! - <https://mrrefactoring.github.io/jira.js/api/functions/admin.getUsers> (types generated from
//!   Atlassian's published description: the `account_status` and `account_type` values, the
//!   `read:accounts:admin` scope)
//!
//! ## Not confirmed
//!
//! - That `links.next` is a bare cursor token (as on the sibling `users/search` endpoint's
//!   example) and not a URL: the reference's example shows `"<string>"`.
//! - The page size (50 per Atlassian's issue tracker, not the reference).
//! - The text form of `last_active` (`"<string>"` in the reference); RFC 3339 is read.
//! - The error body and rate-limit headers.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ATLASSIAN_API_KEY=… TRUTO_ATLASSIAN_ORG_ID=…
//! let dir = truto_devtools::atlassian::connect(&Config::from_env("atlassian"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Param, Spec, cursor, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Atlassian organization spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("atlassian", "Atlassian", Family::Devtools)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.atlassian.com/admin")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "an organization API key created by an org admin in Atlassian Administration",
            ),
            ConfigKey::required("org_id", "the organization's id"),
        ])
        .note("Needs an organization admin API key and the org id; lists managed accounts (verified domains) only."),
)
.list(
    List::get("v1/orgs/{org_id}/users")
        .records("data")
        .paging(cursor(query("cursor"), Param::None, "links.next")),
)
.map(&[
    id("account_id"),
    text(Text::Name, "name"),
    email("email"),
    status(
        "account_status",
        &[
            ("active", Status::Active),
            ("inactive", Status::Inactive),
            ("closed", Status::Deleted),
        ],
    ),
    text(Text::UserType, "account_type").table(&[
        ("atlassian", "user"),
        ("app", "machine"),
        ("customer", "customer"),
    ]),
    text(Text::Avatar, "picture"),
    refs(Refs::Licenses, "product_access").id("key").name("name"),
    time(Time::LastActiveAt, "last_active", TimeFormat::Auto),
])
.sources(&[
    "https://developer.atlassian.com/cloud/admin/organization/rest/api-group-users/",
    "https://developer.atlassian.com/cloud/admin/organization/rest/api-group-orgs/",
    "https://mrrefactoring.github.io/jira.js/api/functions/admin.getUsers",
]);

/// Connects to the Atlassian Organizations API (`api_key`, `org_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
