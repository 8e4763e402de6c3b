//! # JFrog
//!
//! The users of a JFrog Platform deployment (JFrog Cloud or self-hosted), through the
//! Access REST API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `jfrog` |
//! | operations | list (partial), get, update |
//! | list | `GET /access/api/v2/users?limit=&cursor=`, paged by the `cursor` of each answer |
//! | get | `GET /access/api/v2/users/{username}` |
//! | update | `PATCH /access/api/v2/users/{username}` with only the fields that change (unlisted fields keep their value); the user in the answer is returned |
//! | base URL | `{instance}`: the platform's origin, e.g. `https://acme.jfrog.io` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_JFROG_TOKEN`): an admin-scoped access token |
//! | config keys | `instance` (the platform's URL) |
//! | scopes | platform admin (all three endpoints "require admin authentication using Access Tokens") |
//! | page size | 1 to 99,999 (`limit`); 1,000 by default |
//! | filters | none |
//! | update fields | `emails` (the primary address → `email`), `groups` (the group names → `groups`), `remote_data` (merged into the body, e.g. `{"admin": true}`, `{"disable_ui_access": true}`) |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | JFrog | unified |
//! |---|---|
//! | `username` | `id`, `username`, `name` (JFrog keeps no display name) |
//! | `email` (get only) | `emails` (one, primary) |
//! | `status`: `enabled` → `active`, `disabled` → `inactive` | `status` |
//! | `groups[]` (group names; get only) | `groups` (id and name are the group's name) |
//! | `admin`: true → `admin`, false → `user` (get only) | `user_type` |
//!
//! ## Quirks
//!
//! - **The list is partial**: its items are `{username, uri, realm, status}`; email, groups
//!   and the admin flag come with a get (`ListUsers::hydrate(true)`).
//! - Users are addressed by username, which cannot be renamed; `name` repeats it.
//! - Disabling a user is not part of the partial update: JFrog documents it through its
//!   SCIM endpoint (`PUT /access/api/v1/scim/v2/Users/{id}` with `active`), so `status` is
//!   not an update field.
//! - `realm` (`internal`, `ldap`, `saml`, …), `profile_updatable`,
//!   `internal_password_disabled`, `disable_ui_access` and `effective_admin` (7.66+) stay in
//!   `remote_data`.
//!
//! ## Sources
//!
//! - <https://jfrog.com/help/r/jfrog-rest-apis/get-user-list> (`GET /access/api/v2/users` since 7.49.3, `{users, cursor}`, `limit`)
//! - <https://jfrog.com/help/r/jfrog-rest-apis/get-user-details> (the get and its sample response)
//! - <https://jfrog.com/help/r/jfrog-rest-apis/update-a-user-partial-update> (`PATCH`, its fields)
//! - <https://jfrog.com/help/r/jfrog-rest-apis/update-user> (SCIM: disabling and re-enabling users)
//! - JFrog's Terraform provider, `jfrog/terraform-provider-artifactory`
//!   (`pkg/artifactory/resource/user/user.go`: `PATCH access/api/v2/users/{name}` with
//!   `email`, `admin`, `profile_updatable`, `disable_ui_access`, `groups`)
//!
//! ## Not confirmed
//!
//! - The name of the query parameter that carries the list's cursor back: JFrog's page shows
//!   only the `cursor` in the answer; `cursor=` is what third-party callers send. (A server
//!   that ignored it would answer the first page again, and the listing would end with an
//!   error rather than repeat users.)
//! - The whole `status` value set (`enabled` is documented, `disabled` is inferred).
//! - Whether `groups` in the partial update replaces the user's groups (JFrog's Terraform
//!   provider sends it, and also syncs groups through `PATCH …/users/{name}/groups`).
//! - A last-login time: the v2 record has none (`last_login_at` is absent).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_JFROG_INSTANCE=https://acme.jfrog.io TRUTO_JFROG_TOKEN=…
//! let dir = truto_devtools::jfrog::connect(&Config::from_env("jfrog"))?;
//! let mut users = dir.list_users(ListUsers::new().hydrate(true));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.groups);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec, Update, cursor, query};
use truto_core::provider::{Credential, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The JFrog spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("jfrog", "JFrog", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("{instance}")
        .config(&[
            ConfigKey::required("instance", "the platform's URL, e.g. https://acme.jfrog.io")
                .origin(),
            ConfigKey::secret("token", "an admin-scoped access token"),
        ])
        .note("an admin access token and the platform URL; the list is partial (hydrate for email and groups)"),
)
.list(
    List::get("access/api/v2/users")
        .records("users")
        .paging(cursor(query("cursor"), query("limit"), "cursor"))
        .page_size(1000, 99_999)
        .partial(),
)
.get(Get::get("access/api/v2/users/{id}"))
.update(
    Update::patch(
        "access/api/v2/users/{id}",
        &[
            UpdateField::new("emails", Write::PrimaryEmail("email")),
            UpdateField::new("groups", Write::Ids("groups")),
            UpdateField::new("remote_data", Write::Merge),
        ],
    )
    // The body sets absolute values: applying it twice equals applying it once.
    .idempotent(),
)
.map(&[
    id("username"),
    text(Text::Username, "username"),
    text(Text::Name, "username"),
    email("email"),
    status(
        "status",
        &[("enabled", Status::Active), ("disabled", Status::Inactive)],
    ),
    refs(Refs::Groups, "groups").id("").name(""),
    user_type_flag("admin", "admin", Some("user")),
])
.sources(&[
    "https://jfrog.com/help/r/jfrog-rest-apis/get-user-list",
    "https://jfrog.com/help/r/jfrog-rest-apis/get-user-details",
    "https://jfrog.com/help/r/jfrog-rest-apis/update-a-user-partial-update",
    "https://jfrog.com/help/r/jfrog-rest-apis/update-user",
    "https://github.com/jfrog/terraform-provider-artifactory",
])
.absent(&[
    (
        "last_login_at",
        "the Access API v2 user record has no last-login time",
    ),
    ("update:name", "JFrog keeps no display name: `name` is the username"),
    ("update:username", "a JFrog username cannot be renamed"),
    (
        "update:status",
        "the partial update has no status; JFrog disables users through SCIM (`active`)",
    ),
]);

/// Connects to JFrog (`instance`, `token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
