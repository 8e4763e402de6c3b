//! # OnePageCRM
//!
//! The members of one OnePageCRM account, through the OnePageCRM REST API v3.
//!
//! | | |
//! |---|---|
//! | slug / feature | `onepagecrm` |
//! | operations | list, get |
//! | list | `GET /api/v3/users`: the whole team in one response, each user in `data[].user` |
//! | get | `GET /api/v3/users/{user_id}` (the user in `data.user`) |
//! | base URL | `https://app.onepagecrm.com/api/v3` |
//! | auth | `Authorization: Basic base64(user_id:api_key)`; config keys `user_id` and `api_key` (env `TRUTO_ONEPAGECRM_USER_ID`, `TRUTO_ONEPAGECRM_API_KEY`), both on the API tab of <https://app.onepagecrm.com/app/api> |
//! | permissions | any team member can list the team; the key acts as its user |
//! | page size | none: "the full team is returned, unpaginated" |
//! | filters | none |
//! | rate limits | about 5 requests a second on average, bursts of 10; the throttle answers `403` with a plain-text body |
//!
//! ## Mapping
//!
//! | OnePageCRM (`user`) | unified |
//! |---|---|
//! | `id` (a BSON id) | `id` |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `account_rights[]` (`account_owner`, `admin`, `pipeline`, `export`, …) | `roles` (names) |
//! | `photo_url` | `avatar` |
//! | `company_name` (the company the user works for) | `organizations[0].name` |
//!
//! `country_code`, and on the caller's own record `bcc_email` and
//! `google_contacts_email`, stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Every record is wrapped: `{"user": {…}}` in the list's `data[]` and in the get's
//!   `data`; the rules read below `user`.
//! - The user has no status and no timestamps: every listed user is a member of the
//!   account.
//! - **Throttling answers `403`** with a plain-text body. A `403` whose body is not JSON is
//!   therefore read as throttling and retried; a JSON `403` is a permission error.
//! - Error bodies are `{status, message, error_name, error_message, errors}`: the message is
//!   `error_message` (else `message`), the code `error_name`.
//!
//! ## Sources
//!
//! - <https://github.com/OnePageCRM/swagger/blob/master/swagger.yaml> (OnePageCRM's OpenAPI
//!   description: `/users`, `/users/{user_id}`, `User` and its examples, the error bodies and
//!   the 403 throttle; commit `1bfe63c3`)
//! - <https://developer.onepagecrm.com/> (the developer portal the description points to)
//! - <https://github.com/OnePageCRM/OnePageCRM.github.io/blob/master/_posts/2014-11-11-api-rate-limit.md>
//!   (the rate limit)
//!
//! ## Not confirmed
//!
//! - Today's rate-limit numbers (the post is from 2014).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ONEPAGECRM_USER_ID=…, TRUTO_ONEPAGECRM_API_KEY=…
//! let dir = truto_crm::onepagecrm::connect(&Config::from_env("onepagecrm"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use http::StatusCode;
use http::header::HeaderMap;
use serde_json::Value;
use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec};
use truto_core::provider::http::{ErrorDetails, generic_error_details};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The OnePageCRM spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("onepagecrm", "OnePageCRM", Family::Crm)
        .credentials(&[Credential::basic("{user_id}", "api_key")])
        .base_url("https://app.onepagecrm.com/api/v3")
        .config(&[
            ConfigKey::required("user_id", "your user id (API tab of app.onepagecrm.com/app/api)"),
            ConfigKey::secret("api_key", "your API key (same tab)"),
        ])
        .note("a member's user id and API key (API tab); lists the whole team"),
)
.list(List::get("users").records("data"))
.get(Get::get("users/{id}").record("data"))
.map(&[
    id("user.id"),
    text(Text::FirstName, "user.first_name"),
    text(Text::LastName, "user.last_name"),
    name_from_parts(),
    email("user.email"),
    refs(Refs::Roles, "user.account_rights").name(""),
    text(Text::Avatar, "user.photo_url"),
    reference(Refs::Organizations).name("user.company_name"),
])
.errors(Errors::GENERIC.parser(onepagecrm_error))
.sources(&[
    "https://github.com/OnePageCRM/swagger/blob/master/swagger.yaml",
    "https://developer.onepagecrm.com/",
    "https://github.com/OnePageCRM/OnePageCRM.github.io/blob/master/_posts/2014-11-11-api-rate-limit.md",
]);

/// Connects to OnePageCRM (`user_id`, `api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// Reads OnePageCRM's error bodies (`{status, message, error_name, error_message}`); a
/// `403` whose body is not JSON is the request-rate throttle.
fn onepagecrm_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let Ok(Value::Object(json)) = serde_json::from_slice::<Value>(body) else {
        let mut out = generic_error_details(status, headers, body);
        if status == StatusCode::FORBIDDEN {
            out.throttled = true;
        }
        return out;
    };
    let text = |key: &str| {
        json.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut out = ErrorDetails::default();
    out.message = text("error_message").or_else(|| text("message"));
    out.code = text("error_name");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_403_is_throttling_and_json_403_is_not() {
        let throttle = onepagecrm_error(
            StatusCode::FORBIDDEN,
            &HeaderMap::new(),
            b"Rate limit exceeded",
        );
        assert!(throttle.throttled);
        let denied = onepagecrm_error(
            StatusCode::FORBIDDEN,
            &HeaderMap::new(),
            br#"{"status":403,"message":"Forbidden","error_name":"forbidden","error_message":"You cannot do that"}"#,
        );
        assert!(!denied.throttled);
        assert_eq!(denied.message.as_deref(), Some("You cannot do that"));
        assert_eq!(denied.code.as_deref(), Some("forbidden"));
    }
}
