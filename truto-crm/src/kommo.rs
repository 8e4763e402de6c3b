//! # Kommo
//!
//! The users of one Kommo (formerly amoCRM) account, through Kommo's API v4.
//!
//! | | |
//! |---|---|
//! | slug / feature | `kommo` |
//! | operations | list, get |
//! | list | `GET /api/v4/users?with=role,group&page=&limit=`, paged by page number; the last page is `_page_count` |
//! | get | `GET /api/v4/users/{id}?with=role,group` (the user is the response) |
//! | base URL | `https://{subdomain}.kommo.com/api/v4` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_KOMMO_TOKEN`): a private integration's long-lived token or an OAuth access token |
//! | config keys | `subdomain`: the account's subdomain (`acme` for `acme.kommo.com`; the full host name is accepted too) |
//! | permissions | the token's user must be an **administrator** ("Method is available for administrator users only"); others get `403` |
//! | page size | `limit`, at most 250; 250 is sent |
//! | filters | none: the users list takes only `with`, `page` and `limit` |
//! | rate limits | about 7 requests a second per account; `429` when exceeded |
//!
//! ## Mapping
//!
//! | Kommo | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` (the full name) | `name` |
//! | `email` | `emails[0]` (primary) |
//! | `lang` (`en`, `es`, `pt`, and `ru` on older accounts) | `languages` |
//! | `rights.is_active` | `status`: `active` / `inactive` |
//! | `rights.is_admin` | `user_type`: `admin` when true, `user` when false |
//! | `_embedded.roles[]` `{id, name}`, else `rights.role_id` | `roles` |
//! | `_embedded.groups[]` `{id, name}`, else `rights.group_id` | `groups` |
//!
//! The per-entity rights (`rights.leads`, `rights.contacts`, …, `status_rights`),
//! `rights.is_free` (a free user) and `_links` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - `with=role,group` embeds the user's role and group (`_embedded.roles`,
//!   `_embedded.groups`) so they come with their names; without it only the ids in `rights`
//!   are there.
//! - Administrator and free user are flags (`rights.is_admin`, `rights.is_free`), not roles.
//! - The record has no first and last name, no phone, no time zone and no timestamps.
//!
//! ## Sources
//!
//! - <https://developers.kommo.com/reference/users-list> (list: parameters, `with` values,
//!   the user's fields, administrators only)
//! - <https://www.kommo.com/developers/content/api_v4/users/> (list and get; `limit` up to
//!   250; `application/hal+json`, errors as `application/problem+json`)
//! - <https://developers.kommo.com/reference/add-users> (administrator and free user are flags)
//!
//! ## Not confirmed
//!
//! - The default `limit`, and whether a page past the last answers `204 No Content` (as
//!   amoCRM does); the listing stops at `_page_count` so it never asks for one.
//! - The fields of an error body (read as RFC 7807: `detail`, then `title`).
//! - The rate limit's numbers and headers.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_KOMMO_TOKEN=…, TRUTO_KOMMO_SUBDOMAIN=acme
//! let dir = truto_crm::kommo::connect(&Config::from_env("kommo"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, page_number, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Kommo spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("kommo", "Kommo", Family::Crm)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{subdomain}.kommo.com/api/v4")
        .config(&[
            ConfigKey::secret(
                "token",
                "an administrator's long-lived token (private integration) or OAuth access token",
            ),
            ConfigKey::required("subdomain", "the account's subdomain (`acme` for acme.kommo.com)")
                .host_suffix(".kommo.com"),
        ])
        .note("an administrator's token and the account's subdomain; lists every user with role and group"),
)
.list(
    List::get("users")
        .query(&[("with", "role,group")])
        .records("_embedded.users")
        .paging(page_number(
            query("page"),
            query("limit"),
            1,
            End::TotalPages("_page_count"),
        ))
        .page_size(250, 250),
)
.get(Get::get("users/{id}").query(&[("with", "role,group")]))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    languages("lang"),
    active_flag("rights.is_active"),
    user_type_flag("rights.is_admin", "admin", Some("user")),
    refs(Refs::Roles, "_embedded.roles").id("id").name("name"),
    reference(Refs::Roles).id("rights.role_id"),
    refs(Refs::Groups, "_embedded.groups").id("id").name("name"),
    reference(Refs::Groups).id("rights.group_id"),
])
.errors(Errors::GENERIC.message(&["detail", "title"]))
.sources(&[
    "https://developers.kommo.com/reference/users-list",
    "https://www.kommo.com/developers/content/api_v4/users/",
    "https://developers.kommo.com/reference/add-users",
]);

/// Connects to Kommo (`token`, `subdomain`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
