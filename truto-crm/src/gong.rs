//! # Gong
//!
//! The users of one Gong company, through Gong's public API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `gong` |
//! | operations | list, get |
//! | list | `GET /v2/users`, paged by the cursor in `records.cursor` (sent back as `cursor`) |
//! | get | `GET /v2/users/{id}` (the user under `user`) |
//! | base URL | `https://api.gong.io`, or the company's own API base URL (Company settings › API) in `api_url` |
//! | auth | HTTP Basic with an access key and its secret (config keys `access_key`, `access_key_secret`; env `TRUTO_GONG_ACCESS_KEY`, `TRUTO_GONG_ACCESS_KEY_SECRET`), created by a technical administrator on the API page; or an OAuth `access_token` (`Authorization: Bearer`) |
//! | scopes | OAuth: `api:users:read` |
//! | page size | Gong's own: up to 100 users a page, no size parameter |
//! | filters | none (`POST /v2/users/extensive` filters by ids and creation time; it is not used) |
//! | rate limits | 3 calls a second and 10,000 a day per company; `429` with `Retry-After` |
//!
//! ## Mapping
//!
//! | Gong | unified |
//! |---|---|
//! | `id` (numeric, as text) | `id` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `emailAddress` (primary), then `emailAliases[]` | `emails` |
//! | `title` | `title` |
//! | `phoneNumber` | `phones[0]` (`extension` stays in `remote_data`) |
//! | `active` | `status` (`active` / `inactive`) |
//! | `created` | `created_at` |
//! | `spokenLanguages[].language` | `languages` |
//!
//! `trustedEmailAddress`, `managerId`, `settings` (what Gong records and imports for the
//! user), `personalMeetingUrls` and `meetingConsentPageUrl` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - The list includes inactive users (`active: false`) and, unless `includeAvatars=true`
//!   is passed as a remote query, excludes avatars (users standing for Gong's staff).
//! - Users are sorted by id. Gong cannot search users by name or email: list and match
//!   `emailAddress` and `emailAliases`.
//!
//! ## Sources
//!
//! - <https://help.gong.io/apidocs/users> (the endpoints, inactive users, avatars, email
//!   addresses)
//! - <https://help.gong.io/apidocs/list-all-users> (`cursor`, `records.cursor`, up to 100 a
//!   page)
//! - <https://help.gong.io/apidocs/retrieve-user-v2usersid> (the user's fields)
//! - <https://help.gong.io/apidocs/users-1> (the user's details)
//! - <https://help.gong.io/apidocs/> (Basic access keys, OAuth, the company's base URL)
//! - `gong-rs` 0.0.1 on docs.rs, generated from Gong's published description (the
//!   `User` model's field names)
//!
//! ## Not confirmed
//!
//! - The shape of `spokenLanguages` items (`{language, primary}`, from the generated
//!   client) and of `settings`; the reference's `licenses` for Gong (no license field is
//!   documented; perhaps derived from `settings`).
//! - The rate limits (3 a second, 10,000 a day) were not re-read.
//! - The error body (`errors[]` of strings and `requestId` are read).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_GONG_ACCESS_KEY=…, TRUTO_GONG_ACCESS_KEY_SECRET=…
//! let dir = truto_crm::gong::connect(&Config::from_env("gong"))?;
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
use truto_core::provider::declarative::{Errors, Get, List, Param, Spec, cursor, query};
use truto_core::{Config, ConfigKey, Error, Family, Integration, Result, User, UserDirectory};

/// The Gong spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("gong", "Gong", Family::Crm)
        .credentials(&[
            Credential::basic("{access_key}", "access_key_secret"),
            Credential::bearer("access_token"),
        ])
        .base_url("{api_url}")
        .config(&[
            ConfigKey::optional_secret(
                "access_key",
                "an access key from the API page (Company settings › API)",
            ),
            ConfigKey::optional_secret("access_key_secret", "the access key's secret"),
            ConfigKey::optional_secret(
                "access_token",
                "an OAuth access token with api:users:read (or set the access key)",
            ),
            ConfigKey::optional(
                "api_url",
                "the company's API base URL shown on the API page (`https://api.gong.io` by default)",
            )
            .origin()
            .default("https://api.gong.io"),
        ])
        .note("an access key and secret made by a technical administrator; lists active and inactive users"),
)
.list(
    List::get("v2/users")
        .records("users")
        .paging(cursor(query("cursor"), Param::None, "records.cursor")),
)
.get(Get::get("v2/users/{id}").record("user"))
.map(&[
    id("id"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("emailAddress"),
    emails("emailAliases", ""),
    text(Text::Title, "title"),
    phone("phoneNumber"),
    active_flag("active"),
    time(Time::CreatedAt, "created", TimeFormat::Auto),
])
.post_map(spoken_languages, &["languages"])
.errors(Errors::GENERIC.message(&["errors[0]"]).request_id(&["requestId"]))
.sources(&[
    "https://help.gong.io/apidocs/users",
    "https://help.gong.io/apidocs/list-all-users",
    "https://help.gong.io/apidocs/retrieve-user-v2usersid",
    "https://help.gong.io/apidocs/users-1",
    "https://help.gong.io/apidocs/",
    "https://docs.rs/gong-rs/0.0.1",
])
.absent(&[(
    "licenses",
    "Gong's user has no license field (its settings say what is recorded and imported, not which licenses are held)",
)]);

/// What the Gong integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Gong (`access_key` + `access_key_secret`, or `access_token`; optionally
/// `api_url`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `languages` from `spokenLanguages[].language`, the primary language first.
fn spoken_languages(user: &mut User, record: &str) -> Result<()> {
    let record: Value = serde_json::from_str(record)
        .map_err(|e| Error::decode(format!("the user is not JSON: {e}")))?;
    let mut spoken: Vec<(bool, String)> = record
        .get("spokenLanguages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|l| {
            let language = l.get("language")?.as_str()?.trim();
            let primary = l.get("primary").and_then(Value::as_bool) == Some(true);
            (!language.is_empty()).then(|| (primary, language.to_owned()))
        })
        .collect();
    spoken.sort_by_key(|(primary, _)| !*primary);
    for (_, language) in spoken {
        if !user.languages.contains(&language) {
            user.languages.push(language);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_primary_spoken_language_comes_first() {
        let mut user = User::default();
        spoken_languages(
            &mut user,
            r#"{"spokenLanguages": [{"language": "fr-FR", "primary": false}, {"language": "en-US", "primary": true}, {"language": " "}]}"#,
        )
        .unwrap();
        assert_eq!(user.languages, ["en-US", "fr-FR"]);
    }
}
