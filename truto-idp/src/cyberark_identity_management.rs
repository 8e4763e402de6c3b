//! # CyberArk Identity (Identity Management)
//!
//! The users of a CyberArk Identity tenant (formerly Idaptive), through the Identity
//! platform's query API (`POST /Redrock/query`, a SQL `Select … from User`), as CyberArk's
//! own SDK reads them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `cyberark_identity_management` |
//! | operations | list (partial) |
//! | list | `POST /Redrock/query` with `{"Script": "Select ID, Username, DisplayName, Email, MobileNumber, LastLogin from User", "Args": {"PageNumber", "PageSize", "SortBy": "Username", "Caching": -1}}`; rows at `Result.Results[].Row` |
//! | base URL | `{tenant_url}` (`https://abc1234.id.cyberark.cloud`) |
//! | auth | `Authorization: Bearer <token>` (config key `token`, env `TRUTO_CYBERARK_IDENTITY_MANAGEMENT_TOKEN`), **or** an OAuth2 Client web app's confidential client: the service user and its password as `client_id` and `client_secret`, sent as HTTP Basic to `{tenant_url}/Oauth2/Token/{application_id}` with `grant_type=client_credentials&scope=api` (the `scope` config key overrides `api`); `X-IDAP-NATIVE-CLIENT: true` on every request |
//! | config keys | `tenant_url`, `application_id` |
//! | permissions | an administrative right that reads users (e.g. *User Management*, or read-only system administration) |
//! | page size | `Args.PageSize`: 100 by default |
//! | filters | none |
//! | rate limits | none documented |
//!
//! The OAuth2 Client web app is added in the Identity Administration portal (*Apps & Widgets
//! › Web Apps*), with an application id and a scope; the service user is a user marked
//! *Is OAuth confidential client*.
//!
//! ## Mapping
//!
//! | CyberArk Identity (`Row`) | unified |
//! |---|---|
//! | `ID` | `id` |
//! | `Username` (`user@suffix`) | `username` |
//! | `DisplayName` | `name` |
//! | `Email` | `emails` (primary) |
//! | `MobileNumber` | `phones` (`mobile`) |
//! | `LastLogin` (`/Date(<Unix milliseconds>)/`) | `last_login_at` |
//!
//! ## Quirks
//!
//! - **The list is partial**, and there is no get: the query selects the columns CyberArk's
//!   SDK reads. Account state (enabled, locked) is not among them, so users carry no
//!   `status`.
//! - Errors can come with `200 OK`: `{"success": false, "Message", "ErrorCode", …}` is an
//!   error like any other.
//! - `LastLogin` is written the Microsoft JSON way, `/Date(1704067200000)/`.
//!
//! ## Sources
//!
//! - CyberArk's official Python SDK, <https://github.com/cyberark/ark-sdk-python> (commit
//!   `c9bacd55`): `ark_sdk_python/services/identity/users/ark_identity_users_service.py`
//!   (`Redrock/query`, the `Script`, `Result.Results[].Row`, `success`, the `LastLogin`
//!   format), `ark_sdk_python/models/common/identity/ark_identity_directory_schemas.py`
//!   (`Args`: `PageNumber` from 1, `PageSize`, `SortBy`, `Caching`),
//!   `ark_sdk_python/models/common/identity/ark_identity_common_schemas.py` (the envelope
//!   `success`, `Message`, `ErrorCode`, `ErrorID`, `Exception`),
//!   `ark_sdk_python/auth/identity/ark_identity_service_user.py` (the token request:
//!   `Oauth2/Token/{app}`, HTTP Basic, `grant_type=client_credentials`, `scope=api`) and
//!   `ark_identity_fqdn_resolver.py` (`X-IDAP-NATIVE-CLIENT: true`)
//! - <https://api-docs.cyberark.com/> (the Identity REST API reference)
//!
//! ## Not confirmed
//!
//! - That `Redrock/query` honours `Args` paging as the SDK's directory queries do (the SDK
//!   sends the users query without `Args`); a server that ignores it answers the same page
//!   again, which ends the listing with an error rather than repeating users.
//! - The columns of the `User` table beyond the six the SDK selects (a status column in
//!   particular).
//! - That the access token of the client-credentials grant is accepted by `Redrock/query`
//!   as is (CyberArk's SDK goes on to an authorize step to obtain a platform token).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_CYBERARK_IDENTITY_MANAGEMENT_TENANT_URL=https://abc1234.id.cyberark.cloud
//! // TRUTO_CYBERARK_IDENTITY_MANAGEMENT_TOKEN=…
//! let dir = truto_idp::cyberark_identity_management::connect(&Config::from_env(
//!     "cyberark_identity_management",
//! ))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.last_login_at);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use chrono::DateTime;
use serde_json::Value;
use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, InBody, List, Spec, body, page_number};
use truto_core::{Config, ConfigKey, Family, Integration, Result, User, UserDirectory};

/// The CyberArk Identity spec.
pub static SPEC: Spec = Spec::new(
    Integration::new(
        "cyberark_identity_management",
        "CyberArk Identity Management",
        Family::Idp,
    )
    .credentials(&[
        Credential::bearer("token"),
        Credential::client_credentials(
            "client_id",
            "client_secret",
            "{tenant_url}/Oauth2/Token/{application_id}",
        )
        .client_secret_basic()
        .scope("api"),
    ])
    .base_url("{tenant_url}")
    .config(&[
        ConfigKey::required(
            "tenant_url",
            "the Identity tenant's URL, e.g. `https://abc1234.id.cyberark.cloud`",
        )
        .origin(),
        ConfigKey::optional_secret(
            "token",
            "a bearer token for the Identity API (instead of the client credentials)",
        ),
        ConfigKey::optional(
            "client_id",
            "the OAuth confidential client's service user (`user@suffix`)",
        ),
        ConfigKey::optional_secret("client_secret", "that service user's password"),
        ConfigKey::optional(
            "application_id",
            "the OAuth2 Client web app's application id (with `client_id`)",
        ),
    ])
    .note("a bearer token, or an OAuth2 Client app's service user (client credentials); lists id, name, email, phone and last login"),
)
.headers(&[("X-IDAP-NATIVE-CLIENT", "true")])
.list(
    List::post(
        "Redrock/query",
        r#"{"Script":"Select ID, Username, DisplayName, Email, MobileNumber, LastLogin from User","Args":{"SortBy":"Username","Caching":-1}}"#,
    )
    .records("Result.Results")
    .paging(page_number(
        body("Args.PageNumber"),
        body("Args.PageSize"),
        1,
        End::ShortPage,
    ))
    .page_size(100, 1000)
    .partial(),
)
.map(&[
    id("Row.ID"),
    text(Text::Username, "Row.Username"),
    text(Text::Name, "Row.DisplayName"),
    email("Row.Email"),
    phone("Row.MobileNumber").kind("mobile"),
])
.post_map(last_login, &["last_login_at"])
.errors(
    Errors::GENERIC
        .message(&["Message"])
        .code(&["ErrorCode"])
        .request_id(&["ErrorID"])
        .in_body(InBody::FlagFalse("success"), &[]),
)
.sources(&[
    "https://github.com/cyberark/ark-sdk-python",
    "https://api-docs.cyberark.com/",
]);

/// Connects to CyberArk Identity (`tenant_url`, and `token` or `client_id`,
/// `client_secret` and `application_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `Row.LastLogin` is `/Date(<Unix milliseconds>)/`.
fn last_login(user: &mut User, record: &str) -> Result<()> {
    let Ok(record) = serde_json::from_str::<Value>(record) else {
        return Ok(());
    };
    let millis = record
        .pointer("/Row/LastLogin")
        .and_then(Value::as_str)
        .and_then(|s| s.trim().strip_prefix("/Date(")?.strip_suffix(")/"))
        // An offset (`/Date(1704067200000+0100)/`) does not move the instant.
        .map(|s| s.split(['+', '-']).next().unwrap_or(s))
        .and_then(|s| s.parse::<i64>().ok());
    if let Some(at) = millis.and_then(DateTime::from_timestamp_millis) {
        user.last_login_at = Some(at);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn microsoft_json_dates_are_read() {
        let mut user = User::default();
        last_login(
            &mut user,
            r#"{"Row":{"LastLogin":"/Date(1704067200000)/"}}"#,
        )
        .unwrap();
        assert_eq!(
            user.last_login_at.map(|t| t.to_rfc3339()),
            Some("2024-01-01T00:00:00+00:00".to_owned())
        );
        let mut user = User::default();
        last_login(&mut user, r#"{"Row":{"LastLogin":null}}"#).unwrap();
        assert_eq!(user.last_login_at, None);
    }
}
