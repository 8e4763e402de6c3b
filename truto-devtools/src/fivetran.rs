//! # Fivetran
//!
//! The users of one Fivetran account, through Fivetran's REST API (v1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `fivetran` |
//! | operations | list, get, update |
//! | list | `GET /v1/users?cursor=&limit=`, paged by the cursor in `data.next_cursor` |
//! | get | `GET /v1/users/{user_id}`: the user under `data` |
//! | update | `PATCH /v1/users/{user_id}` with only the fields that change; the user under `data` is returned |
//! | base URL | `https://api.fivetran.com` |
//! | auth | `Authorization: Basic base64(api_key:api_secret)`; config keys `api_key`, `api_secret` (env `TRUTO_FIVETRAN_API_KEY`, `TRUTO_FIVETRAN_API_SECRET`) |
//! | scopes | the key's user (or service account) needs an account role that can see users, and manage them to update |
//! | page size | 1 to 1000 (`limit`); 100 by default |
//! | filters | none (the list's `active`, `user_type` and `has_api_key` flags are remote queries) |
//! | update fields | `first_name` (`given_name`), `last_name` (`family_name`), `phones` (the first number → `phone`), `avatar` (`picture`), `roles` (exactly one account role, by id = its name → `role`), `remote_data` (merged into the body) |
//! | rate limits | `429` with `Retry-After` (seconds), honoured by the transport |
//!
//! ## Mapping
//!
//! | Fivetran | unified |
//! |---|---|
//! | `id` | `id` |
//! | `given_name`, `family_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails` (one, primary) |
//! | `phone` | `phones` |
//! | `picture` | `avatar` |
//! | `verified` | `is_email_verified` |
//! | `invited: true` → `invited`; else `active: true` → `active`, `active: false` (suspended) → `inactive` | `status` |
//! | `role` (the account role: `Account Administrator`, `Account Billing`, `Account Analyst`, `Account Reviewer` or a custom role) | `roles` (id and name are the role's name) |
//! | `created_at` | `created_at` |
//! | `logged_in_at` | `last_login_at` |
//!
//! ## Quirks
//!
//! - The list holds invited and suspended users as well as active ones; invited users
//!   are `invited` whatever `active` says.
//! - Fivetran has no single name field: `name` is built from `given_name` and
//!   `family_name`, and an update sets `first_name` and `last_name`, not `name`.
//! - `active`, `invited` and `verified` are read-only ("they change only through internal
//!   actions"), so `status` cannot be updated; a user is removed with `DELETE /v1/users/{id}`.
//! - The email address cannot be changed through the API.
//! - Requests carry `Accept: application/json;version=2`, as Fivetran's own Go SDK sends.
//!
//! ## Sources
//!
//! - <https://fivetran.com/docs/rest-api/api-reference/users/list-all-users> (`cursor`, `limit` 1..1000, the list's flags, Basic auth)
//! - <https://fivetran.com/docs/rest-api/users> (the user resource, lifecycle and RBAC attributes)
//! - <https://fivetran.com/docs/rest-api/pagination> (`data.items`, `data.next_cursor`)
//! - Fivetran's Go SDK, `fivetran/go-fivetran` (`users/common_types.go`: the user's fields and
//!   the update body; `users/user_update.go`: `PATCH /users/{id}`; `client.go`: the base URL and
//!   `Accept` header; `http_utils/http_request.go`: `Retry-After`)
//!
//! ## Not confirmed
//!
//! - Which account permission reading and updating users needs.
//! - Rate-limit numbers.
//! - Whether the role names are accepted in another spelling than Fivetran shows them.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UpdateUser, UserDirectoryExt, UserUpdate};
//! // TRUTO_FIVETRAN_API_KEY=… TRUTO_FIVETRAN_API_SECRET=…
//! let dir = truto_devtools::fivetran::connect(&Config::from_env("fivetran"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! let mut body = UserUpdate::default();
//! body.first_name = Some("John".into());
//! let user = dir.update_user("nozzle_eat", UpdateUser::new().body(body)).await?;
//! println!("{:?}", user.first_name);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec, Update, cursor, query};
use truto_core::provider::{Credential, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Fivetran spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("fivetran", "Fivetran", Family::Devtools)
        .credentials(&[Credential::basic("{api_key}", "api_secret")])
        .base_url("https://api.fivetran.com")
        .config(&[
            ConfigKey::required("api_key", "the API key"),
            ConfigKey::secret("api_secret", "the API key's secret"),
        ])
        .note(
            "an API key and secret; lists the account's users, invited and suspended ones included",
        ),
)
.list(
    List::get("v1/users")
        .records("data.items")
        .paging(cursor(query("cursor"), query("limit"), "data.next_cursor"))
        .page_size(100, 1000),
)
.get(Get::get("v1/users/{id}").record("data"))
.update(
    Update::patch(
        "v1/users/{id}",
        &[
            UpdateField::new("first_name", Write::Value("given_name")),
            UpdateField::new("last_name", Write::Value("family_name")),
            UpdateField::new("phones", Write::FirstPhone("phone")),
            UpdateField::new("avatar", Write::Value("picture")),
            UpdateField::new("roles", Write::OneId("role")),
            UpdateField::new("remote_data", Write::Merge),
        ],
    )
    .answer(truto_core::provider::declarative::Answer::UserOrReadBack(
        "data",
    ))
    // The body sets absolute values: applying it twice equals applying it once.
    .idempotent(),
)
.map(&[
    id("id"),
    text(Text::FirstName, "given_name"),
    text(Text::LastName, "family_name"),
    name_from_parts(),
    email("email"),
    phone("phone"),
    text(Text::Avatar, "picture"),
    flag(Flag::EmailVerified, "verified"),
    status_flag("invited", Status::Invited, None),
    active_flag("active"),
    reference(Refs::Roles).id("role").name("role"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::LastLoginAt, "logged_in_at", TimeFormat::Auto),
])
.headers(&[("Accept", "application/json;version=2")])
.sources(&[
    "https://fivetran.com/docs/rest-api/api-reference/users/list-all-users",
    "https://fivetran.com/docs/rest-api/users",
    "https://fivetran.com/docs/rest-api/pagination",
    "https://github.com/fivetran/go-fivetran",
])
.absent(&[
    (
        "licenses",
        "a Fivetran user has no licence or seat field; its account role is `roles`",
    ),
    (
        "update:name",
        "Fivetran has no single name field: set `first_name` and `last_name`",
    ),
    (
        "update:emails",
        "the update body (`given_name`, `family_name`, `phone`, `picture`, `role`) has no email",
    ),
    (
        "update:status",
        "`active` and `invited` are read-only: they change only through Fivetran's own actions",
    ),
    (
        "update:licenses",
        "a Fivetran user has no licence to set; the account role is `roles`",
    ),
    (
        "update:created_at",
        "a creation time is not something an update sets",
    ),
]);

/// Connects to Fivetran (`api_key`, `api_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
