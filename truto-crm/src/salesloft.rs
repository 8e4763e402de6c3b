//! # Salesloft
//!
//! The users of one Salesloft team, through the Salesloft REST API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `salesloft` |
//! | operations | list, get, update |
//! | list | `GET /v2/users?page=&per_page=`, paged by page number while `metadata.paging.next_page` names one |
//! | get | `GET /v2/users/{id}` (the user at `data`) |
//! | update | `PUT /v2/users/{id}` with only the fields that change; the user at `data` in the response is returned (else it is read back) |
//! | base URL | `https://api.salesloft.com` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_SALESLOFT_TOKEN`): an API key or an OAuth access token |
//! | config keys | none besides the token |
//! | scopes | the token's user decides what is listed: a team admin sees the team's users, others only themselves or their group; updates need a team admin |
//! | page size | `per_page` 25 by default, at most 100 |
//! | filters | `status` (`active=true` / `false`), `group_id` (`group_id=`), `role_id` (`role_id=`) |
//! | update fields | `status` (`active`: `true` / `false`), `roles` (exactly one role, by id → `role_id`), `groups` (exactly one group, by id → `group_id`), `licenses` (exactly one, by name → `seat_package`), `remote_data` (merged into the body as is, e.g. `{"work_country": "US", "manager_user_guid": "…"}`) |
//! | rate limits | a per-team cost budget per minute; its headers are not named in what was read |
//!
//! ## Mapping
//!
//! | Salesloft | unified |
//! |---|---|
//! | `id` | `id` |
//! | `guid` | `identifiers.guid` (what `manager_user_guid` refers to) |
//! | `first_name`, `last_name`, `name` | `first_name`, `last_name`, `name` |
//! | `job_role` | `title` |
//! | `email` | `emails[0]` (primary) |
//! | `active` | `status`: `active` / `inactive` |
//! | `role.id` (`Admin`, or a custom role's id) | `roles[0].id` |
//! | `team_admin` | `user_type`: `admin` when true, `user` when false |
//! | `group.id` | `groups[0].id` |
//! | `team.id` | `organizations[0].id` |
//! | `seat_package` (`premier`, …) | `licenses[0].name` |
//! | `time_zone` | `timezone` |
//! | `created_at`, `updated_at` | `created_at`, `updated_at` |
//!
//! The sending addresses (`email_client_email_address`, `sending_email_address`,
//! `from_address`), `work_country`, `manager_user_guid` and the telephony fields stay in
//! `remote_data`.
//!
//! ## Updates
//!
//! Salesloft has no deactivation endpoint: a user is deactivated by `PUT` with
//! `{"active": false}` and reactivated with `{"active": true}`; `invited` and `deleted` are
//! refused before sending. The update body names only what changes, and every field is an
//! absolute value, so an update is safe to retry. Names, email addresses, title and time
//! zone are not fields of the update body and are refused. A group id that is a number is
//! sent as a number (Salesloft's example body has `"group_id": 0`).
//!
//! ## Quirks
//!
//! - The users list carries `metadata.paging` only when there is paging to do; a response
//!   without it is the only page.
//! - Paths also answer with a `.json` suffix (`/v2/users.json`); this integration calls the
//!   documented form without it.
//!
//! ## Sources
//!
//! - <https://developers.salesloft.com/docs/api/users/> (Salesloft's users reference: list,
//!   fetch, update; read through copies of Salesloft's published collection:
//!   `api-evangelist/salesloft` `openapi/salesloft-users-api-openapi.yml`, with the list
//!   parameters and the update body `{active, work_country, role_id, group_id,
//!   seat_package, manager_user_guid}`)
//! - the User object as generated from Salesloft's API description (field names and
//!   descriptions, e.g. "Whether an user is currently active in SalesLoft"), and its list
//!   parameters (`per_page` "in the range [1, 100]. Defaults to 25", seen on other lists)
//! - `amp-labs/connectors`, `providers/salesloft` (a recorded `GET /v2/users` response, and
//!   the `metadata.paging.next_page` paging)
//!
//! ## Not confirmed
//!
//! - Salesloft's own reference pages were not readable; the facts come from copies of its
//!   published collection and API description and from a third-party connector.
//! - The update response (the user at `data` is read when present, else the user is read
//!   back) and the error body (the common shapes are read).
//! - `per_page`'s range for users in particular (seen on Salesloft's other lists).
//! - The values `role.id` and `seat_package` take besides `Admin` and `premier`.
//! - OAuth scope names and the rate-limit headers.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UpdateUser, UserDirectoryExt, UserStatus, UserUpdate};
//! // TRUTO_SALESLOFT_TOKEN=…
//! let dir = truto_crm::salesloft::connect(&Config::from_env("salesloft"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//!
//! // Offboarding: deactivate the user.
//! let mut body = UserUpdate::default();
//! body.status = Some(UserStatus::Inactive);
//! let user = dir.update_user("49067", UpdateUser::new().body(body)).await?;
//! println!("{:?}", user.status);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::{Map, Value};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Answer, End, Get, List, Spec, Update, page_number, query};
use truto_core::provider::{Credential, FilterRule, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Salesloft spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("salesloft", "Salesloft", Family::Crm)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.salesloft.com")
        .config(&[ConfigKey::secret(
            "token",
            "a Salesloft API key or OAuth access token (a team admin's, to list the whole team and update)",
        )])
        .note("needs a team admin's API key or OAuth token to list the whole team; deactivates with active=false"),
)
.list(
    List::get("v2/users")
        .records("data")
        .paging(page_number(
            query("page"),
            query("per_page"),
            1,
            End::NextPage("metadata.paging.next_page"),
        ))
        .filters(&[
            FilterRule::mapped(
                Filter::Status,
                "active",
                &[("active", "true"), ("inactive", "false")],
            ),
            FilterRule::query(Filter::GroupId, "group_id"),
            FilterRule::query(Filter::RoleId, "role_id"),
        ])
        .page_size(25, 100),
)
.get(Get::get("v2/users/{id}").record("data"))
.update(
    Update::put(
        "v2/users/{id}",
        &[
            UpdateField::new("status", Write::ActiveFlag("active")),
            UpdateField::new("roles", Write::OneId("role_id")),
            UpdateField::new("groups", Write::Custom(group)),
            UpdateField::new("licenses", Write::OneName("seat_package")),
            UpdateField::new("remote_data", Write::Merge),
        ],
    )
    .answer(Answer::UserOrReadBack("data"))
    // Every field is an absolute value: applying the body twice equals applying it once.
    .idempotent(),
)
.map(&[
    id("id"),
    identifier("guid", "guid"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    text(Text::Name, "name"),
    name_from_parts(),
    text(Text::Title, "job_role"),
    email("email"),
    active_flag("active"),
    reference(Refs::Roles).id("role.id"),
    user_type_flag("team_admin", "admin", Some("user")),
    reference(Refs::Groups).id("group.id"),
    reference(Refs::Organizations).id("team.id"),
    reference(Refs::Licenses).name("seat_package"),
    text(Text::Timezone, "time_zone"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
])
.sources(&[
    "https://developers.salesloft.com/docs/api/users/",
    "https://github.com/api-evangelist/salesloft/blob/main/openapi/salesloft-users-api-openapi.yml",
    "https://github.com/amp-labs/connectors/tree/main/providers/salesloft",
])
.absent(&[
    (
        "update:first_name",
        "Salesloft's update body has no name fields (active, work_country, role_id, group_id, seat_package, manager_user_guid)",
    ),
    (
        "update:last_name",
        "Salesloft's update body has no name fields (active, work_country, role_id, group_id, seat_package, manager_user_guid)",
    ),
    (
        "update:name",
        "Salesloft's update body has no name fields (active, work_country, role_id, group_id, seat_package, manager_user_guid)",
    ),
    (
        "update:title",
        "Salesloft's update body has no job_role field",
    ),
    (
        "update:emails",
        "Salesloft's update body has no email field: the address is the user's accounts.salesloft.com login",
    ),
    (
        "update:timezone",
        "Salesloft's update body has no time_zone field",
    ),
    ("update:created_at", "a creation time is not something an update sets"),
]);

/// Connects to Salesloft (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `groups`: exactly one group, by id, as `group_id` (a number when the id is one, as in
/// Salesloft's example body).
fn group(groups: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let ids: Vec<&str> = groups
        .as_array()
        .into_iter()
        .flatten()
        .map(|g| g.get("id").and_then(Value::as_str).map(str::trim))
        .collect::<Option<Vec<_>>>()
        .ok_or("a Salesloft group is set by its id")?;
    let [id] = ids.as_slice() else {
        return Err("a Salesloft user belongs to exactly one group: give one group id".to_owned());
    };
    if id.is_empty() {
        return Err("a Salesloft group is set by its id".to_owned());
    }
    let value = match id.parse::<u64>() {
        Ok(n) => Value::from(n),
        Err(_) => Value::String((*id).to_owned()),
    };
    body.insert("group_id".into(), value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn one_group_by_id_numbers_as_numbers() {
        let mut body = Map::new();
        group(&json!([{"id": "12"}]), &mut body).unwrap();
        assert_eq!(Value::Object(body), json!({"group_id": 12}));
        let mut body = Map::new();
        group(&json!([{"id": "abc"}]), &mut body).unwrap();
        assert_eq!(Value::Object(body), json!({"group_id": "abc"}));
        assert!(group(&json!([]), &mut Map::new()).is_err());
        assert!(group(&json!([{"id": "1"}, {"id": "2"}]), &mut Map::new()).is_err());
        assert!(group(&json!([{"name": "EMEA"}]), &mut Map::new()).is_err());
    }
}
