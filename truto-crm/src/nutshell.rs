//! # Nutshell
//!
//! The users of one Nutshell company, through Nutshell's REST API (2.0).
//!
//! | | |
//! |---|---|
//! | slug / feature | `nutshell` |
//! | operations | list |
//! | list | `GET /rest/users`, paged by the full URL in `meta.next` |
//! | base URL | `https://app.nutshell.com/rest` |
//! | auth | `Authorization: Basic base64(username:api_key)`: the user name is the company's domain or a user's email address (to act as that user), the password an API key; config keys `username`, `api_key` (env `TRUTO_NUTSHELL_USERNAME`, `TRUTO_NUTSHELL_API_KEY`) from Settings › Connections › API keys (not a *web-only* key) |
//! | page size | Nutshell's own (no size is sent) |
//! | filters | none |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | Nutshell | unified |
//! |---|---|
//! | `id` (e.g. `1-users`) | `id` |
//! | `name`, `firstName` | `name`, `first_name` |
//! | `emails[]` (addresses, as text or as `{value}` objects) | `emails` (the first primary) |
//! | `isEnabled` | `status`: `active` / `inactive` |
//! | `isAdministrator` | `user_type`: `admin` when true, `user` when false |
//! | `avatarUrl` | `avatar` |
//! | `modifiedTime` (Unix seconds) | `updated_at` |
//!
//! `permissions`, `initials`, `isViewingRestricted`, `isHiddenFromFilters`,
//! `canAccessEmailMarketing`, `hasSetPassword`, `phonecallerType` and `type` stay in
//! `remote_data`.
//!
//! ## Quirks
//!
//! - The shape of `emails[]`' elements is not documented where it could be read; a
//!   `post_map` hook takes an element's address whether it is a string or an object with a
//!   `value` (or `email`) member, so an unexpected shape drops the address instead of
//!   failing the listing.
//! - Nutshell's REST host can differ per account (its JSON-RPC `getApiForUsername` tells
//!   which); set `base_url` when it is not `app.nutshell.com`.
//!
//! ## Sources
//!
//! - <https://developers.nutshell.com/reference/d3997a48c80629bf9a63637c4fde9aab.md> (Get a list
//!   of users: `GET /users`, Basic authentication, `UserResponse` with `meta.next`,
//!   `meta.total` and `users`)
//! - <https://developers-rpc.nutshell.com/> (authentication: the domain or a user's email as
//!   the user name, an API key as the password)
//! - <https://github.com/amp-labs/connectors> (`providers/nutshell/internal/metadata/schemas.json`,
//!   generated from Nutshell's REST description: the user's field names and types;
//!   `providers/nutshell/test/read`: `meta.next` is a full URL)
//!
//! ## Not confirmed
//!
//! - The user's fields: the official page's user schema could not be read whole; the names
//!   come from a third-party schema generated from Nutshell's description.
//! - The page size and its parameter (`page[limit]` in third-party code), and whether
//!   `meta.next` is always a full URL for users.
//! - A get endpoint (`GET /users/{id}` is likely; the reference does not mark get).
//! - Rate limits and the error body (read from `errors[0].detail`, then the common shapes).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_NUTSHELL_USERNAME=acme.com, TRUTO_NUTSHELL_API_KEY=…
//! let dir = truto_crm::nutshell::connect(&Config::from_env("nutshell"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Param, Spec, next_url};
use truto_core::{Config, ConfigKey, Email, Family, Integration, Result, User, UserDirectory};

/// The Nutshell spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("nutshell", "Nutshell", Family::Crm)
        .credentials(&[Credential::basic("{username}", "api_key")])
        .base_url("https://app.nutshell.com/rest")
        .config(&[
            ConfigKey::required(
                "username",
                "the company's domain, or a user's email address to act as that user",
            ),
            ConfigKey::secret(
                "api_key",
                "an API key (Settings › Connections), not web-only",
            ),
        ])
        .note("the company's domain (or a user's email) and an API key"),
)
.list(
    List::get("users")
        .records("users")
        .paging(next_url(Param::None, "meta.next")),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::FirstName, "firstName"),
    active_flag("isEnabled"),
    user_type_flag("isAdministrator", "admin", Some("user")),
    text(Text::Avatar, "avatarUrl"),
    time(Time::UpdatedAt, "modifiedTime", TimeFormat::EpochSeconds),
])
.post_map(emails, &["emails"])
.errors(Errors::GENERIC.message(&["errors[0].detail", "errors[0].title", "message"]))
.sources(&[
    "https://developers.nutshell.com/reference/d3997a48c80629bf9a63637c4fde9aab.md",
    "https://developers-rpc.nutshell.com/",
    "https://github.com/amp-labs/connectors",
]);

/// Connects to Nutshell (`username`, `api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `emails[]`: each element an address, or an object with the address in `value` (or
/// `email`); the first is the primary. Other shapes are skipped.
fn emails(user: &mut User, record: &str) -> Result<()> {
    let Ok(json) = serde_json::from_str::<Value>(record) else {
        return Ok(());
    };
    let list = json.get("emails").and_then(Value::as_array);
    for element in list.into_iter().flatten() {
        let address = match element {
            Value::String(s) => Some(s.as_str()),
            Value::Object(o) => o
                .get("value")
                .or_else(|| o.get("email"))
                .and_then(Value::as_str),
            _ => None,
        };
        let Some(address) = address.map(str::trim).filter(|a| !a.is_empty()) else {
            continue;
        };
        if user
            .emails
            .iter()
            .any(|e| e.email.eq_ignore_ascii_case(address))
        {
            continue;
        }
        let mut email = Email::new(address);
        if user.emails.is_empty() {
            email.is_primary = Some(true);
        }
        user.emails.push(email);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_read_as_text_or_objects() {
        let mut user = User::new("1-users");
        emails(
            &mut user,
            r#"{"emails": ["a@x.com", {"value": "b@x.com"}, {"email": "c@x.com"}, 7, "A@x.com"]}"#,
        )
        .unwrap();
        let got: Vec<_> = user.emails.iter().map(|e| e.email.as_str()).collect();
        assert_eq!(got, ["a@x.com", "b@x.com", "c@x.com"]);
        assert_eq!(user.emails[0].is_primary, Some(true));
        assert_eq!(user.emails[1].is_primary, None);
    }
}
