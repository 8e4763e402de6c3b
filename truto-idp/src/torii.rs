//! # Torii
//!
//! The users of one Torii organization (the people Torii's SaaS management tracks),
//! through the Torii API v1.0.
//!
//! | | |
//! |---|---|
//! | slug / feature | `torii` |
//! | operations | list, update |
//! | list | `GET /v1.0/users?size=&cursor=` (header `torii-version: 1.0.1`), paged by the cursor in `nextCursor` |
//! | update | `PUT /v1.0/users/{idUser}` with `{"lifecycleStatus": …}`; the user in the response (`user`) is returned |
//! | base URL | `https://api.toriihq.com` |
//! | auth | `Authorization: Bearer <API key>`; config key `api_key` (env `TRUTO_TORII_API_KEY`) |
//! | scopes | an API key from Settings › API (an admin's); updating needs a key allowed to write |
//! | page size | `size`: Torii's default when not set (its maximum is not documented) |
//! | filters | none |
//! | update fields | `status`: `inactive` → `offboarding` (starts Torii's offboarding), `active` → `active` |
//! | rate limits | `429` with `Retry-After` (seconds) when exceeded |
//!
//! ## Mapping
//!
//! | Torii | unified |
//! |---|---|
//! | `id` (an integer) | `id` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `additionalEmails[]` | `emails` (after the primary) |
//! | `lifecycleStatus` | `status`: `active` → `active`; `offboarding`, `offboarded` → `inactive` |
//! | `idRole`, `role` | `roles[0]` (`{id, name}`, e.g. `Admin`) |
//! | `idOrg` | `organizations[0]` (id) |
//! | `isExternal: true` | `user_type` `external` |
//! | `creationTime` | `created_at` |
//!
//! `isDeletedInIdentitySources` (the person has left according to the identity sources)
//! and `activeAppsCount` stay in `remote_data`.
//!
//! ## Updates
//!
//! Torii's user API changes one thing, the user's lifecycle status, and it is required:
//! an update sets `status`, and any other field is refused before sending. `inactive`
//! writes `offboarding`, which starts Torii's offboarding of the person (its workflows
//! then mark them `offboarded`); `active` writes `active`. A status change can start
//! workflows, so an update is not retried after a failure that may have reached Torii.
//!
//! Names, emails, roles and organizations are not writable through this API. A role is
//! changed through Torii's SCIM API (`PUT /v1.0/scim/v2/Users/{idUser}` with the role's
//! name), which this integration does not call.
//!
//! ## Quirks
//!
//! - The listing includes people being offboarded or already offboarded, and people deleted
//!   in the identity sources (`isDeletedInIdentitySources`).
//! - Keys created before 23 January 2024 listed everything in one response unless sent
//!   `torii-version: 1.0.1`; the header is always sent on the list.
//! - No documented endpoint reads one user, so there is no get; an update returns the user
//!   Torii sends back.
//!
//! ## Sources
//!
//! - <https://developers.toriihq.com/reference/getusers> (list users, version 1.0.1: `size`,
//!   `sort`, `cursor`, the `torii-version` header)
//! - <https://developers.toriihq.com/reference/pagination> (`nextCursor` → `cursor`, the
//!   `{users, count, total, nextCursor}` response)
//! - <https://developers.toriihq.com/changelog/list-users-pagination> (version 1.0.1)
//! - <https://developers.toriihq.com/reference/putusersiduser> (update user: `lifecycleStatus`,
//!   the `{user: …}` response and its example)
//! - <https://developers.toriihq.com/reference/putscimv2usersiduser> (the SCIM update of the
//!   role and `active`)
//! - <https://github.com/toriihq/torii-cli> (official CLI: the base URL, bearer API key, the
//!   `nextCursor` loop, `Retry-After` on `429`)
//!
//! ## Not confirmed
//!
//! - The default and largest `size`, and the `sort` syntax.
//! - The list's filter parameters (a third-party summary describes a JSON `filters`
//!   parameter, an integration wrapper plain `email`, `lifecycleStatus`, …): none is declared.
//! - `GET /v1.0/users/{idUser}` (described only by third parties), so no get.
//! - Which lifecycle transitions Torii allows (e.g. `offboarded` → `active`), and whether
//!   sending `offboarding` again restarts workflows.
//! - The error body (the CLI reads `message`, then `error`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UpdateUser, UserDirectoryExt, UserStatus, UserUpdate};
//! // TRUTO_TORII_API_KEY=…
//! let dir = truto_idp::torii::connect(&Config::from_env("torii"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! let mut body = UserUpdate::default();
//! body.status = Some(UserStatus::Inactive);
//! let user = dir.update_user("1000", UpdateUser::new().body(body)).await?;
//! println!("{:?}", user.status);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Answer, Errors, List, Spec, Update, cursor, query};
use truto_core::provider::{Credential, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Torii spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("torii", "Torii", Family::Idp)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.toriihq.com")
        .config(&[ConfigKey::secret("api_key", "an API key from Settings › API")])
        .note("An API key (Settings › API); deactivating a user starts Torii's offboarding."),
)
.list(
    List::get("v1.0/users")
        .records("users")
        .headers(&[("torii-version", "1.0.1")])
        .paging(cursor(query("cursor"), query("size"), "nextCursor")),
)
.update(
    Update::put(
        "v1.0/users/{id}",
        &[UpdateField::new(
            "status",
            Write::StatusValue(
                "lifecycleStatus",
                &[(Status::Inactive, "offboarding"), (Status::Active, "active")],
            ),
        )],
    )
    .answer(Answer::UserOrReadBack("user")),
)
.map(&[
    id("id"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("email"),
    emails("additionalEmails", ""),
    status(
        "lifecycleStatus",
        &[
            ("active", Status::Active),
            ("offboarding", Status::Inactive),
            ("offboarded", Status::Inactive),
        ],
    ),
    reference(Refs::Roles).id("idRole").name("role"),
    reference(Refs::Organizations).id("idOrg"),
    user_type_flag("isExternal", "external", None),
    time(Time::CreatedAt, "creationTime", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["message", "error"]))
.sources(&[
    "https://developers.toriihq.com/reference/getusers",
    "https://developers.toriihq.com/reference/pagination",
    "https://developers.toriihq.com/changelog/list-users-pagination",
    "https://developers.toriihq.com/reference/putusersiduser",
    "https://developers.toriihq.com/reference/putscimv2usersiduser",
    "https://github.com/toriihq/torii-cli",
])
.absent(&[
    (
        "update:user_id",
        "the user's id is the update's id (`{idUser}` in the path), not a separate parameter",
    ),
    ("update:first_name", "`PUT /users/{idUser}` changes only `lifecycleStatus`"),
    ("update:last_name", "`PUT /users/{idUser}` changes only `lifecycleStatus`"),
    ("update:name", "`PUT /users/{idUser}` changes only `lifecycleStatus`"),
    ("update:emails", "`PUT /users/{idUser}` changes only `lifecycleStatus`; SCIM cannot change `userName` either"),
    (
        "update:roles",
        "`PUT /users/{idUser}` changes only `lifecycleStatus`; roles change through Torii's SCIM API, not called here",
    ),
    ("update:organizations", "`PUT /users/{idUser}` changes only `lifecycleStatus`"),
    ("update:created_at", "a creation time is not something an update sets"),
]);

/// Connects to Torii (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
