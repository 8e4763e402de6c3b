//! # BigPanda
//!
//! The users of a BigPanda organization, through BigPanda's SCIM Users API (SCIM 1.1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `bigpanda` |
//! | operations | list, update |
//! | list | `GET /resources/v2.0/scim/Users?startIndex=&count=`, paged by SCIM `startIndex` / `count` / `totalResults` |
//! | update | `PATCH /resources/v2.0/scim/Users/{id}` with the attributes to change (SCIM 1.1 partial modify) |
//! | base URL | `https://{host}/resources/v2.0`: `host` is `api.bigpanda.io` (the default) or `eu-api.bigpanda.io` |
//! | auth | `Authorization: Bearer <User API Key>`; config key `api_key` (env `TRUTO_BIGPANDA_API_KEY`) |
//! | config keys | `host` (optional; env `TRUTO_BIGPANDA_HOST`) |
//! | scopes | the key acts as the user who created it: that user's role needs the *User Management* permission (View to list, Full Access to update) |
//! | page size | `count`: BigPanda answers the first 1000 users when none is given; 100 by default here, 1000 at most |
//! | filters | `username` (`filter=userName eq "…"`), `name` (`filter=displayName eq "…"`), `status` (`filter=active eq true` / `false`) |
//! | update fields | `name` (`displayName`), `status` (`active`: `active` true, `inactive` false), `phones` (`phoneNumbers`, one number), `roles` (`roles`, by name) |
//! | rate limits | 2 requests per route per second; `429` beyond |
//!
//! ## Mapping
//!
//! | BigPanda | unified |
//! |---|---|
//! | `id` | `id` |
//! | `userName` (the login, usually an email address) | `username` |
//! | `displayName` | `name` |
//! | `active` | `status`: `active` / `inactive` |
//! | `phoneNumbers[]` `{value, type}` (`work`, `home`, `other`) | `phones` |
//! | `roles[]` (role names) | `roles` (the name as id and name) |
//! | `meta.created` | `created_at` |
//!
//! ## Quirks
//!
//! - The listing includes inactive users; BigPanda calls an inactive user *deleted*.
//!   Setting `status` to `inactive` writes `active: false`.
//! - BigPanda keeps one phone number per user: an update with more than one is refused
//!   before sending; a type other than `work`, `home` or `other` is written as `other`.
//! - The reference marks list and update only, so no get is declared (the SCIM API has
//!   `GET /scim/Users/{id}`): an update answers with what BigPanda returns, else with what
//!   it set.
//!
//! ## Sources
//!
//! - <https://docs.bigpanda.io/reference/scim-users-api> (SCIM 1.1, the User API Key, the User
//!   Management permission, methods, rate limit, the US and EU hosts)
//! - <https://docs.bigpanda.io/reference/retrieve-all-users> (list: filters, sort, `startIndex` /
//!   `count`, the first 1000 users by default, inactive users included)
//! - <https://docs.bigpanda.io/reference/user-object> (the User attributes and their examples;
//!   PATCH supported)
//!
//! ## Not confirmed
//!
//! - The body of a PATCH: BigPanda's pages name the method but show no example; the body
//!   here is SCIM 1.1's partial modify (the attributes to replace, at the top level).
//! - Whether the PATCH answers with the user.
//! - The largest `count`, and the list envelope's field names (`Resources`,
//!   `totalResults`, as SCIM defines them).
//! - `name.givenName` / `familyName` and `emails`: BigPanda's User object does not list
//!   them, so they are neither read nor written.
//! - The error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BIGPANDA_API_KEY=…  (TRUTO_BIGPANDA_HOST=eu-api.bigpanda.io in the EU)
//! let dir = truto_devtools::bigpanda::connect(&Config::from_env("bigpanda"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::{Map, Value, json};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, SCIM_PAGING, Spec, Update};
use truto_core::provider::{Credential, FilterRule, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The BigPanda spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("bigpanda", "BigPanda", Family::Devtools)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("{host}/resources/v2.0")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "a User API Key of a user whose role has the User Management permission",
            ),
            ConfigKey::optional(
                "host",
                "`api.bigpanda.io` (the default) or `eu-api.bigpanda.io` for the EU",
            )
            .default("api.bigpanda.io")
            .origin(),
        ])
        .note("Needs a User API Key whose user has the User Management permission; inactive (deleted) users are listed."),
)
.list(
    List::get("scim/Users")
        .records("Resources")
        .paging(SCIM_PAGING)
        .filters(&[
            FilterRule::template(Filter::Username, "filter", "userName eq \"{}\""),
            FilterRule::template(Filter::Name, "filter", "displayName eq \"{}\""),
            FilterRule::mapped(
                Filter::Status,
                "filter",
                &[("active", "active eq true"), ("inactive", "active eq false")],
            ),
        ])
        .page_size(100, 1000),
)
.update(
    Update::patch(
        "scim/Users/{id}",
        &[
            UpdateField::new("name", Write::Value("displayName")),
            UpdateField::new("status", Write::ActiveFlag("active")),
            UpdateField::new("phones", Write::Custom(phone_numbers)),
            UpdateField::new("roles", Write::Ids("roles")),
        ],
    )
    // A partial modify replaces the attributes it names: sending it twice equals once.
    .idempotent(),
)
.map(&[
    id("id"),
    text(Text::Username, "userName"),
    text(Text::Name, "displayName"),
    active_flag("active"),
    phones("phoneNumbers", "value").kind("type"),
    refs(Refs::Roles, "roles").id("").name(""),
    time(Time::CreatedAt, "meta.created", TimeFormat::Auto),
])
.sources(&[
    "https://docs.bigpanda.io/reference/scim-users-api",
    "https://docs.bigpanda.io/reference/retrieve-all-users",
    "https://docs.bigpanda.io/reference/user-object",
])
.absent(&[
    (
        "update:first_name",
        "BigPanda's User object has no given name (`displayName` is the name)",
    ),
    (
        "update:last_name",
        "BigPanda's User object has no family name (`displayName` is the name)",
    ),
    (
        "update:username",
        "`userName` is the login: BigPanda documents no change of it",
    ),
    (
        "update:emails",
        "BigPanda's User object has no email attribute (the login is `userName`)",
    ),
    (
        "update:groups",
        "BigPanda's User object has no groups; teams are not part of the SCIM Users API",
    ),
    (
        "update:created_at",
        "a creation time is not something an update sets",
    ),
]);

/// Connects to BigPanda (`api_key`, optionally `host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `phones`: BigPanda keeps one number, typed `work`, `home` or `other`.
fn phone_numbers(phones: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let list = phones.as_array().map(Vec::as_slice).unwrap_or_default();
    let phone = match list {
        [] => {
            body.insert("phoneNumbers".into(), json!([]));
            return Ok(());
        }
        [one] => one,
        _ => return Err("BigPanda keeps one phone number per user".to_owned()),
    };
    let number = phone
        .get("number")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .ok_or("a phone number needs a `number`")?;
    let kind = phone
        .get("type")
        .and_then(Value::as_str)
        .filter(|k| matches!(*k, "work" | "home" | "other"))
        .unwrap_or("other");
    body.insert(
        "phoneNumbers".into(),
        json!([{ "value": number, "type": kind }]),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_phone_number_is_written() {
        let mut body = Map::new();
        phone_numbers(
            &json!([{"number": "555-555-5555", "type": "mobile"}]),
            &mut body,
        )
        .unwrap();
        assert_eq!(
            body["phoneNumbers"],
            json!([{"value": "555-555-5555", "type": "other"}])
        );
        let two = json!([{"number": "1"}, {"number": "2"}]);
        assert!(phone_numbers(&two, &mut Map::new()).is_err());
    }
}
