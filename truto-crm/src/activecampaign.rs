//! # ActiveCampaign
//!
//! The users of one ActiveCampaign account, through the v3 API's Users resource.
//!
//! | | |
//! |---|---|
//! | slug / feature | `activecampaign` |
//! | operations | list (partial), get, update |
//! | list | `GET /api/3/users?limit=&offset=`, paged by offset until `meta.total` |
//! | get | `GET /api/3/users/{id}` (the user under `user`) |
//! | update | `PUT /api/3/users/{id}` with `{"user": {…}}` holding only the fields that change; the `user` of the response is returned |
//! | base URL | `{api_url}/api/3`, `api_url` being the account's own API URL (Settings › Developer, e.g. `https://acme.api-us1.com`) |
//! | auth | `Api-Token: <key>`; config key `api_key` (env `TRUTO_ACTIVECAMPAIGN_API_KEY`): the key of a user allowed to manage users |
//! | config keys | `api_url` (required: the URL on the Developer tab; ActiveCampaign warns that the host is not always `*.api-us1.com`) |
//! | scopes | none: a key carries the permissions of its user's group |
//! | page size | at most 100 (`limit`); 100 by default here (ActiveCampaign's own default is 20) |
//! | filters | none: the list takes only `limit` and `offset` |
//! | update fields | `first_name`, `last_name`, `emails` (the primary, else first, address → `email`), `email` (the address as text), `password`, `group` (one group by id → `group`, an integer), `remote_data` (merged into `user` as is) |
//! | rate limits | 5 requests per second per account; `429` with `Retry-After` (seconds); `RateLimit-Limit` and `RateLimit-Remaining` headers |
//!
//! ## Mapping
//!
//! | ActiveCampaign | unified |
//! |---|---|
//! | `id` | `id` |
//! | `username` | `username` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `phone` (often `""`, then left out) | `phones[0]` |
//! | `localZoneid` | `timezone` |
//! | `lang` | `languages` |
//! | `cdate`, `udate` | `created_at`, `updated_at` |
//!
//! `signature` and `links` (URLs of related resources such as `links.userGroup`) stay in
//! `remote_data`. A user's group is in no list or get record (it is at
//! `GET /api/3/users/{id}/userGroup`); an update's response carries it as `user.userGroup`,
//! left in `remote_data` so that an updated user maps as a listed one does.
//!
//! ## Partial list
//!
//! The reference marks the list as partial, so the integration is declared partial:
//! `ListUsers::hydrate(true)` reads each listed user again with a get. ActiveCampaign's
//! documented list item and get record carry the same fields.
//!
//! ## Updates
//!
//! ActiveCampaign's `PUT` takes `username`, `password`, `email`, `firstName`, `lastName` and
//! `group` under `user`, all optional; only the fields the update sets are sent. The body
//! sets absolute values, so a retry after a `5xx` is safe. ActiveCampaign users have no
//! status: the API can delete a user (`DELETE /api/3/users/{id}`) but not deactivate one, so
//! `status` is refused before sending. The username cannot be changed ("Username cannot be
//! changed!"); `name` is refused too (set `first_name` and `last_name`); phones, time zone
//! and language are not in the documented body.
//!
//! ## Quirks
//!
//! - `meta.total` is a string (`"2"`); it is read as the record count.
//! - `localZoneid`, `lang`, `cdate` and `udate` appear in the documented create response;
//!   the list and get examples show only `username`, `firstName`, `lastName`, `email`,
//!   `phone`, `signature`, `links` and `id`.
//! - A user can also be read by email (`GET /api/3/users/email/{email}`) or username
//!   (`GET /api/3/users/username/{username}`); those are not list filters.
//!
//! ## Sources
//!
//! - <https://developers.activecampaign.com/reference/list-all-users> (list, and its example)
//! - <https://developers.activecampaign.com/reference/get-user> (get)
//! - <https://developers.activecampaign.com/reference/update-user> (update body and response)
//! - <https://developers.activecampaign.com/reference/create-user> (the create response's fields)
//! - <https://developers.activecampaign.com/reference/pagination> (`limit`, `offset`, `meta.total`)
//! - <https://developers.activecampaign.com/reference/url> and
//!   <https://developers.activecampaign.com/reference/authentication> (API URL, `Api-Token`)
//! - <https://developers.activecampaign.com/reference/rate-limits>
//! - The documentation's OpenAPI rendering, `api-evangelist/activecampaign`,
//!   `openapi/_original/activecampaign-v3.json` (the users operations and examples)
//!
//! ## Not confirmed
//!
//! - Whether the list and get records carry `localZoneid`, `lang`, `cdate` and `udate` (the
//!   reference lists a time zone and languages for the list), and whether they carry a
//!   status or a two-factor flag (the reference lists both; no document shows them).
//! - The error body (the generic shapes are read: `message`, `errors[0].title`, …).
//! - Which permission a key's user needs to list and update users.
//! - Whether the email- and username-lookups take an address with `+` or `/` unescaped.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UpdateUser, UserDirectoryExt, UserUpdate};
//! // TRUTO_ACTIVECAMPAIGN_API_URL=https://acme.api-us1.com, TRUTO_ACTIVECAMPAIGN_API_KEY=…
//! let dir = truto_crm::activecampaign::connect(&Config::from_env("activecampaign"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.primary_email());
//! }
//!
//! let mut body = UserUpdate::default();
//! body.last_name = Some("Doe-Smith".into());
//! let user = dir.update_user("1", UpdateUser::new().body(body)).await?;
//! println!("{:?}", user.name);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::{Map, Value};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{
    Answer, End, Errors, Get, List, Spec, Update, offset, query,
};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The ActiveCampaign spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("activecampaign", "ActiveCampaign", Family::Crm)
        .credentials(&[Credential::header("Api-Token", "api_key")])
        .base_url("{api_url}/api/3")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "the API key on Settings › Developer, of a user allowed to manage users",
            ),
            ConfigKey::required(
                "api_url",
                "the account's API URL on Settings › Developer, e.g. `https://acme.api-us1.com`",
            )
            .origin(),
        ])
        .note("needs the account's API URL and an API key (Settings › Developer) of a user who may manage users"),
)
.list(
    List::get("users")
        .records("users")
        .paging(offset(query("offset"), query("limit"), End::Total("meta.total")))
        .page_size(100, 100)
        .partial(),
)
.get(Get::get("users/{id}").record("user"))
.update(
    Update::put(
        "users/{id}",
        &[
            UpdateField::new("first_name", Write::Value("firstName")),
            UpdateField::new("last_name", Write::Value("lastName")),
            UpdateField::new("emails", Write::PrimaryEmail("email")),
            UpdateField::new("email", Write::Value("email")),
            UpdateField::new("password", Write::Value("password")),
            UpdateField::new("group", Write::Custom(group)),
            UpdateField::new("remote_data", Write::Merge),
        ],
    )
    .envelope("user")
    .answer(Answer::UserOrReadBack("user"))
    // A PUT of plain fields: applying it twice equals applying it once.
    .idempotent(),
)
.map(&[
    id("id"),
    text(Text::Username, "username"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("email"),
    phone("phone"),
    text(Text::Timezone, "localZoneid"),
    languages("lang"),
    time(Time::CreatedAt, "cdate", TimeFormat::Auto),
    time(Time::UpdatedAt, "udate", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["errors[0].title", "errors[0].detail", "message"]))
.rate_limits(RateLimitHeaders::new(
    "ratelimit-remaining",
    "retry-after",
    ResetFormat::DeltaSeconds,
))
.sources(&[
    "https://developers.activecampaign.com/reference/list-all-users",
    "https://developers.activecampaign.com/reference/get-user",
    "https://developers.activecampaign.com/reference/update-user",
    "https://developers.activecampaign.com/reference/create-user",
    "https://developers.activecampaign.com/reference/pagination",
    "https://developers.activecampaign.com/reference/url",
    "https://developers.activecampaign.com/reference/authentication",
    "https://developers.activecampaign.com/reference/rate-limits",
])
.absent(&[
    (
        "status",
        "no documented user record has a status; ActiveCampaign deletes users, it does not deactivate them",
    ),
    (
        "is_2fa_enabled",
        "no documented user record has a two-factor flag",
    ),
    (
        "update:name",
        "ActiveCampaign keeps a first and a last name only: set `first_name` and `last_name`",
    ),
    (
        "update:username",
        "the update documentation says \"Username cannot be changed!\"",
    ),
    (
        "update:phones",
        "the documented update body has no phone (only username, password, email, firstName, lastName, group)",
    ),
    (
        "update:timezone",
        "the documented update body has no time zone",
    ),
    (
        "update:languages",
        "the documented update body has no language",
    ),
]);

/// What the ActiveCampaign integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to ActiveCampaign (`api_url`, `api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `group`: one group, by its numeric id, as ActiveCampaign's integer `group`.
fn group(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let id = match value.get("id") {
        Some(Value::String(s)) => s.trim().parse::<u64>().ok(),
        Some(Value::Number(n)) => n.as_u64(),
        _ => None,
    };
    let Some(id) = id else {
        return Err("an ActiveCampaign group is set by its numeric id".to_owned());
    };
    body.insert("group".into(), Value::from(id));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn group_is_written_as_an_integer() {
        let mut body = Map::new();
        group(&json!({"id": "3"}), &mut body).unwrap();
        assert_eq!(Value::Object(body), json!({"group": 3}));
        assert!(group(&json!({"name": "Admins"}), &mut Map::new()).is_err());
        assert!(group(&json!({"id": "admins"}), &mut Map::new()).is_err());
    }
}
