//! # Opsgenie
//!
//! The users of an Opsgenie account, through Opsgenie's REST API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `opsgenie` |
//! | operations | list (partial), get, update |
//! | list | `GET /v2/users?offset=&limit=`, paged by offset until `totalCount` |
//! | get | `GET /v2/users/{identifier}` (the user's id or username) |
//! | update | `PATCH /v2/users/{identifier}` (only the fields sent change), then the user is read back |
//! | base URL | `https://{api_host}`: `api.opsgenie.com` (the default) or `api.eu.opsgenie.com` (the EU instance) |
//! | auth | `Authorization: GenieKey <api key>`; config key `api_key` (env `TRUTO_OPSGENIE_API_KEY`) |
//! | config keys | `api_host` (optional) |
//! | scopes | the key of an API integration (or of API key management); a read-only key cannot update |
//! | page size | `limit`, 100 by default (100 is sent) |
//! | filters | none |
//! | update fields | `name` → `fullName`, `username` and `emails` → `username` (the user's e-mail address), `roles` (exactly one, by name) → `role.name`, `timezone` → `timeZone`, `languages` (the first) → `locale` |
//! | rate limits | per plan; throttled requests answer `429` (retried by the transport); `X-RateLimit-State` carries no count or reset |
//!
//! ## Mapping
//!
//! | Opsgenie | unified |
//! |---|---|
//! | `id` | `id` |
//! | `fullName` | `name` |
//! | `username` (the user's e-mail address) | `username`, `emails` (primary) |
//! | `blocked` | `status`: `true` → `inactive`, `false` → `active` |
//! | `verified` | `is_email_verified` |
//! | `role.id`, `role.name` (`owner`, `admin`, `user` or a custom role) | `roles` |
//! | `timeZone` | `timezone` |
//! | `locale` (e.g. `en_US`) | `languages` |
//! | `createdAt` | `created_at` |
//!
//! ## Quirks
//!
//! - **Partial list** (as the reference marks it): contact methods (`userContacts`) come
//!   only from a get with `expand=contact`, which this spec does not ask for; teams come
//!   from `GET /v2/users/{identifier}/teams`, a call per user the spec does not make.
//! - Opsgenie has no deactivation: `blocked` is read-only and users are only deleted, so
//!   `status` cannot be updated.
//! - `username` and `emails` both write `username`: changing the e-mail address changes the
//!   user name.
//! - The `query` parameter (`field:value` searches over username, fullName, blocked, role,
//!   …) is not offered as a filter: its value syntax is not documented beyond `field:value`.
//!
//! ## Sources
//!
//! - Opsgenie's published API description, `opsgenie/opsgenie-oas` (`swagger.yaml`,
//!   `paths/user.yaml`, `parameters/user.yaml`, `definitions/user.yaml`,
//!   `definitions/common.yaml`): `listUsers`, `getUser`, `updateUser`, the `User`,
//!   `UpdateUserPayload`, `ListUsersResponse` and `ErrorResponse` definitions, the
//!   `GenieKey` security definition and the rate-limit headers
//! - Opsgenie's official Go SDK, `opsgenie/opsgenie-go-sdk-v2` (`client/client.go`,
//!   `client/config.go`, `user/user_request.go`): `Authorization: GenieKey …`, the EU host,
//!   `role` written as `{"name": …}`
//! - <https://docs.opsgenie.com/docs/user-api> (the User API page)
//!
//! ## Not confirmed
//!
//! - The largest `limit` accepted.
//! - What `verified` means exactly (it is a bare boolean in the description); it is read as
//!   "the e-mail address is verified".
//! - The values of `X-RateLimit-State`, and the numeric limits per plan.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_OPSGENIE_API_KEY=…, TRUTO_OPSGENIE_API_HOST=api.eu.opsgenie.com (EU only)
//! let dir = truto_devtools::opsgenie::connect(&Config::from_env("opsgenie"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::{Map, Value};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{
    Answer, End, Errors, Get, List, Spec, Update, offset, query,
};
use truto_core::provider::{Credential, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Opsgenie spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("opsgenie", "Opsgenie", Family::Devtools)
        .credentials(&[Credential::custom("GenieKey", "api_key")])
        .base_url("https://{api_host}")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "the API key of an API integration (not read-only, to update)",
            ),
            ConfigKey::optional(
                "api_host",
                "`api.opsgenie.com` (the default) or, for the EU instance, `api.eu.opsgenie.com`",
            )
            .default("api.opsgenie.com"),
        ])
        .note("needs the API key of an API integration (not read-only to update); `api_host` `api.eu.opsgenie.com` for EU accounts"),
)
.list(
    List::get("v2/users")
        .records("data")
        .paging(offset(query("offset"), query("limit"), End::Total("totalCount")))
        .page_size(100, 100)
        .partial(),
)
.get(Get::get("v2/users/{id}").record("data"))
.update(
    Update::patch(
        "v2/users/{id}",
        &[
            UpdateField::new("name", Write::Value("fullName")),
            UpdateField::new("username", Write::Value("username")),
            UpdateField::new("emails", Write::PrimaryEmail("username")),
            UpdateField::new("roles", Write::OneName("role.name")),
            UpdateField::new("timezone", Write::Value("timeZone")),
            UpdateField::new("languages", Write::Custom(locale)),
        ],
    )
    // PATCH with absolute values: sending it twice equals sending it once.
    .idempotent()
    // The answer is `{"result": …, "requestId": …}`, not the user.
    .answer(Answer::ReadBack),
)
.map(&[
    id("id"),
    text(Text::Name, "fullName"),
    text(Text::Username, "username"),
    email("username"),
    status_flag("blocked", Status::Inactive, Some(Status::Active)),
    flag(Flag::EmailVerified, "verified"),
    reference(Refs::Roles).id("role.id").name("role.name"),
    text(Text::Timezone, "timeZone"),
    languages("locale"),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["message"])
        .request_id(&["requestId"]),
)
.sources(&[
    "https://github.com/opsgenie/opsgenie-oas",
    "https://github.com/opsgenie/opsgenie-go-sdk-v2",
    "https://docs.opsgenie.com/docs/user-api",
])
.absent(&[
    (
        "groups",
        "teams are not in the user record: they come from GET /v2/users/{identifier}/teams, a call per user",
    ),
    (
        "update:created_at",
        "`createdAt` is read-only (not in UpdateUserPayload)",
    ),
]);

/// Connects to Opsgenie (`api_key`, optionally `api_host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `languages`: Opsgenie keeps one `locale` (e.g. `en_US`); the first language is written.
fn locale(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let first = match value {
        Value::String(s) => Some(s.as_str()),
        Value::Array(items) => items.first().and_then(Value::as_str),
        _ => None,
    }
    .map(str::trim)
    .filter(|s| !s.is_empty());
    match first {
        Some(locale) => {
            body.insert("locale".into(), Value::String(locale.to_owned()));
            Ok(())
        }
        None => Err("Opsgenie needs one language (a locale such as `en_US`)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_first_language_is_the_locale() {
        let mut body = Map::new();
        locale(&json!(["en_US", "de_DE"]), &mut body).unwrap();
        assert_eq!(Value::Object(body), json!({"locale": "en_US"}));
        assert!(locale(&json!([]), &mut Map::new()).is_err());
    }
}
