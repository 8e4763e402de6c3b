//! # SailPoint NERM
//!
//! The users of one SailPoint Non-Employee Risk Management (NERM) tenant, through the NERM
//! API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `sailpoint_nerm` |
//! | operations | list, get |
//! | list | `GET /api/users?limit=&offset=`, paged by record offset; the last page is the first one shorter than `limit` |
//! | get | `GET /api/users/{id}` (the user under `user`) |
//! | base URL | `https://{tenant}.nonemployee.com/api` (the full host name is accepted too) |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_SAILPOINT_NERM_TOKEN`): a NERM API key, or an Identity Security Cloud access token for a tenant linked to it |
//! | config keys | `tenant` (required) |
//! | scopes | the API key's NERM role |
//! | page size | `limit`: 100 by default (NERM's own default); no documented maximum, so at most 100 here |
//! | filters | `email` (`email`), `username` (`login`), `name` (`name`), `title` (`title`), `status` (`user_status`: `active` → `Active`, `inactive` → `Disabled`, `invited` → `Pending`), `user_type` (`type`: `NeprofileUser` or `NeaccessUser`) |
//! | rate limits | not documented |
//!
//! ## Mapping
//!
//! | NERM (`User`) | unified |
//! |---|---|
//! | `id` (a UUID) | `id` |
//! | `name` | `name` |
//! | `login` | `username` |
//! | `email` | `emails[0]` (primary) |
//! | `title` | `title` |
//! | `status` | `status`: `Active` → `active`, `Disabled` → `inactive`, `Pending` → `invited` |
//! | `type` (`NeprofileUser`, `NeaccessUser`) | `user_type` |
//! | `group_strings` (comma-separated group names from the identity provider) | `groups` (names) |
//! | `preferred_language`, `locale` | `languages` |
//! | `last_login` (`Wed, 07 Feb 2024 12:55:20.456682000 EST -05:00`) | `last_login_at` |
//!
//! `uid`, `sailpoint_identity_id` (the user's identity in Identity Security Cloud) and
//! `cookies_accepted_at` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - These are the people who sign in to NERM (administrators, sponsors, …), not the
//!   non-employee profiles it manages (`/api/profiles`).
//! - The reference marks this list partial; NERM's description gives the list and the get
//!   the same `User` record, so the list is not declared partial here.
//! - Timestamps are written as `Wed, 07 Feb 2024 12:55:20.456682000 EST -05:00`, not RFC
//!   3339; they are read with that pattern.
//! - The record has no creation or update time (`order=created_at` sorts by one that is not
//!   returned).
//!
//! ## Sources
//!
//! - <https://github.com/sailpoint-oss/api-specs> (SailPoint's published API description,
//!   `nerm/openapi.yaml`: the server, `paths/users.yaml` and `users_id.yaml` list and get,
//!   `parameters/query/` the list's parameters, `schemas/GET/User.yaml` the record and its
//!   example, `responses/Users_Meta.yaml`, `User.yaml`, `404.yaml`)
//! - <https://developer.sailpoint.com/docs/api/nerm/v1/authentication> (API keys and
//!   Identity Security Cloud tokens)
//! - <https://developer.sailpoint.com/docs/api/nerm/pagination-metadata-filtering> (limit,
//!   offset and their defaults)
//!
//! ## Not confirmed
//!
//! - The largest `limit` for `/users`, and whether `offset=0` is accepted (the description
//!   gives `offset` a minimum of 1, though it counts items to skip).
//! - Rate limits and the `401` body.
//! - That the status filter is named `user_status` on the wire (the description's parameter
//!   file is named `user_status` and says so; other NERM lists filter by `status`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SAILPOINT_NERM_TENANT=acme TRUTO_SAILPOINT_NERM_TOKEN=…
//! let dir = truto_idp::sailpoint_nerm::connect(&Config::from_env("sailpoint_nerm"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{
    Config, ConfigKey, Family, Filter, Group, Integration, Result, User, UserDirectory,
};

/// The SailPoint NERM spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("sailpoint_nerm", "SailPoint NERM", Family::Idp)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://{tenant}.nonemployee.com/api")
        .config(&[
            ConfigKey::required("tenant", "the tenant's name (`acme` of acme.nonemployee.com)")
                .host_suffix(".nonemployee.com"),
            ConfigKey::secret("token", "a NERM API key (or an Identity Security Cloud access token)"),
        ])
        .note("The NERM tenant name and an API key; lists the people who sign in to NERM, not the non-employee profiles."),
)
.list(
    List::get("users")
        .records("users")
        .paging(offset(query("offset"), query("limit"), End::ShortPage))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::query(Filter::Username, "login"),
            FilterRule::query(Filter::Name, "name"),
            FilterRule::query(Filter::Title, "title"),
            FilterRule::mapped(
                Filter::Status,
                "user_status",
                &[("active", "Active"), ("inactive", "Disabled"), ("invited", "Pending")],
            ),
            FilterRule::query(Filter::UserType, "type"),
        ])
        .page_size(100, 100),
)
.get(Get::get("users/{id}").record("user"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::Username, "login"),
    email("email"),
    text(Text::Title, "title"),
    status(
        "status",
        &[
            ("Active", Status::Active),
            ("Disabled", Status::Inactive),
            ("Pending", Status::Invited),
        ],
    ),
    text(Text::UserType, "type"),
    languages("preferred_language"),
    languages("locale"),
    time(Time::LastLoginAt, "last_login", TimeFormat::Custom(NERM_TIME)),
])
.post_map(groups, &["groups"])
.errors(Errors::GENERIC.message(&["error"]))
.sources(&[
    "https://github.com/sailpoint-oss/api-specs",
    "https://developer.sailpoint.com/docs/api/nerm/v1/authentication",
    "https://developer.sailpoint.com/docs/api/nerm/pagination-metadata-filtering",
])
.absent(&[
    ("created_at", "the NERM `User` record has no creation time"),
    ("updated_at", "the NERM `User` record has no update time"),
]);

/// NERM's timestamps: `Wed, 07 Feb 2024 12:55:20.456682000 EST -05:00` (the zone name is
/// skipped, the offset read).
const NERM_TIME: &str = "%a, %d %b %Y %H:%M:%S%.f %Z %:z";

/// Connects to SailPoint NERM (`tenant`, `token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `groups` from `group_strings`: the identity provider's group names, comma-separated.
fn groups(user: &mut User, record: &str) -> Result<()> {
    let Ok(Value::Object(record)) = serde_json::from_str::<Value>(record) else {
        return Ok(());
    };
    let Some(Value::String(names)) = record.get("group_strings") else {
        return Ok(());
    };
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        if !user.groups.iter().any(|g| g.name.as_deref() == Some(name)) {
            user.groups.push(Group::new(None, Some(name.to_owned())));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_strings_split_into_names() {
        let mut user = User::new("1");
        groups(
            &mut user,
            r#"{"group_strings": "Admin_group, Developer_group,"}"#,
        )
        .unwrap();
        let names: Vec<_> = user.groups.iter().map(|g| g.name.as_deref()).collect();
        assert_eq!(names, [Some("Admin_group"), Some("Developer_group")]);
    }
}
