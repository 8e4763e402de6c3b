//! # PingOne
//!
//! The users of one PingOne environment, through the PingOne Platform API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `pingone` |
//! | operations | list, get |
//! | list | `GET /v1/environments/{environmentID}/users?limit=`, paged by the next-page URL in `_links.next.href` |
//! | get | `GET /v1/environments/{environmentID}/users/{userID}` |
//! | base URL | `https://api.pingone.{region}/v1`: `region` `com` (North America, the default), `eu`, `asia`, `ca` or `com.au` |
//! | auth | OAuth 2.0 client credentials of a Worker application, `client_id` and `client_secret`, exchanged at `https://auth.pingone.{region}/{environment_id}/as/token` (the client authenticates with HTTP Basic); **or** an access token, config key `access_token` (env `TRUTO_PINGONE_ACCESS_TOKEN`), sent as `Authorization: Bearer <token>` |
//! | config keys | `environment_id` (required), `region` |
//! | scopes | the Worker application's role: *Identity Data Read Only* (or *Identity Data Admin*, which reading group membership needs) |
//! | page size | `limit`: 100 by default here, at most 1000 (PingOne may return fewer than asked: users pages hold at most 200) |
//! | filters | `email` (`email eq "…"`), `username` (`username eq "…"`), `group_id` (`memberOfGroups[id eq "…"]`), joined with `and` into one SCIM `filter` |
//! | rate limits | `429` when throttled (`Retry-After` honoured when sent) |
//!
//! ## Mapping
//!
//! | PingOne (`User`) | unified |
//! |---|---|
//! | `id` (a UUID) | `id` |
//! | `externalId` | `external_id` |
//! | `name.formatted`, else `name.given` and `name.family` joined | `name` |
//! | `name.given`, `name.family` | `first_name`, `last_name` |
//! | `username` | `username` |
//! | `email` | `emails[0]` (primary) |
//! | `emailVerified` | `is_email_verified` |
//! | `mfaEnabled` | `is_2fa_enabled` |
//! | `enabled: false` → `inactive`; else `lifecycle.status` `ACCOUNT_OK` → `active`, `VERIFICATION_REQUIRED` → `invited`; else `enabled` | `status` |
//! | `primaryPhone`, `mobilePhone` | `phones` (types `primary`, `mobile`) |
//! | `title` | `title` |
//! | `type` (free text: `Employee`, `Contractor`, …) | `user_type` |
//! | `photo.href` | `avatar` |
//! | `timezone` | `timezone` |
//! | `preferredLanguage` | `languages` |
//! | `memberOfGroupIDs[]` (only with `include=memberOfGroupIDs`) | `groups` (ids) |
//! | `createdAt`, `updatedAt` | `created_at`, `updated_at` |
//! | `lastSignOn.at` | `last_login_at` |
//!
//! `account` (`status` `OK` / `LOCKED`, `canAuthenticate`), `population`, `identityProvider`,
//! `verifyStatus` (identity verification, not the account), `locale`, `nickname` and `address`
//! stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Disabled users are listed (`enabled: false`); a locked account (`account.status`
//!   `LOCKED`) keeps its status and the lock is in `remote_data`.
//! - Group membership is not part of a listed user; a get with the remote query
//!   `include=memberOfGroupIDs` (or `memberOfGroupNames`) adds it, and needs the Identity
//!   Data Admin role.
//! - `count` in a page is the total of matching users (possibly wrong for bounded
//!   `updatedAt` filters); paging follows `_links.next.href` and does not rely on it.
//!
//! ## Sources
//!
//! - <https://developer.pingidentity.com/pingone-api/platform/users/users-1/read-all-users.html>
//!   (list users, `limit`, the SCIM `filter` attributes and operators, the roles)
//! - <https://developer.pingidentity.com/pingone-api/platform/users/users-1.html> (the user
//!   data model)
//! - <https://developer.pingidentity.com/pingone-api/platform/reference/paging-ordering-collections.html>
//!   (cursor paging through `_links.next.href`, the 200-user page)
//! - <https://developer.pingidentity.com/pingone-api/platform/users/group-membership/read-all-users-in-a-group.html>
//!   (`memberOfGroups[id eq "…"]`)
//! - <https://github.com/patrickcping/pingone-go-sdk-v2> (`management/api/openapi.yaml`, the
//!   API description behind Ping Identity's Terraform provider: the servers and regions,
//!   `limit` and `cursor`, the `User`, `EntityArray` and `P1Error` schemas)
//!
//! ## Not confirmed
//!
//! - The Worker application's token endpoint authentication method: HTTP Basic
//!   (`client_secret_basic`, believed to be PingOne's default) is used; an application set
//!   to `client_secret_post` needs an `access_token` instead.
//! - The default `limit`, and whether the OpenAPI maximum (1000) is honoured.
//! - Rate-limit numbers and headers.
//! - The API description is maintained outside the `pingidentity` organization; no official
//!   whole-user JSON example was read, so the fixture is built from its `User` schema.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_PINGONE_ENVIRONMENT_ID=…, TRUTO_PINGONE_CLIENT_ID=…, TRUTO_PINGONE_CLIENT_SECRET=…
//! let dir = truto_idp::pingone::connect(&Config::from_env("pingone"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, next_url, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{
    Config, ConfigKey, Error, Family, Filter, Integration, Result, User, UserDirectory, UserStatus,
};

/// The PingOne spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("pingone", "PingOne", Family::Idp)
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "https://auth.pingone.{region}/{environment_id}/as/token",
            )
            .client_secret_basic(),
        ])
        .base_url("https://api.pingone.{region}/v1")
        .config(&[
            ConfigKey::required("environment_id", "the environment's id (a UUID)"),
            ConfigKey::optional(
                "region",
                "the environment's region: `com` (North America, the default), `eu`, `asia`, `ca` or `com.au`",
            )
            .default("com"),
            ConfigKey::optional("client_id", "a Worker application's client id"),
            ConfigKey::optional_secret("client_secret", "that application's client secret"),
            ConfigKey::optional_secret("access_token", "an access token (instead of the client credentials)"),
        ])
        .note("The environment id, its region and a Worker application (client id and secret) with the Identity Data Read Only role."),
)
.list(
    List::get("environments/{environment_id}/users")
        .records("_embedded.users")
        .paging(next_url(query("limit"), "_links.next.href"))
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
            FilterRule::native(Filter::GroupId),
        ])
        .page_size(100, 1000),
)
.get(Get::get("environments/{environment_id}/users/{id}"))
.map(&[
    id("id"),
    text(Text::ExternalId, "externalId"),
    text(Text::Name, "name.formatted"),
    text(Text::FirstName, "name.given"),
    text(Text::LastName, "name.family"),
    name_from_parts(),
    text(Text::Username, "username"),
    email("email"),
    flag(Flag::EmailVerified, "emailVerified"),
    flag(Flag::TwoFactor, "mfaEnabled"),
    status(
        "lifecycle.status",
        &[
            ("ACCOUNT_OK", Status::Active),
            ("VERIFICATION_REQUIRED", Status::Invited),
        ],
    ),
    active_flag("enabled"),
    phone("primaryPhone").kind("primary"),
    phone("mobilePhone").kind("mobile"),
    text(Text::Title, "title"),
    text(Text::UserType, "type"),
    text(Text::Avatar, "photo.href"),
    text(Text::Timezone, "timezone"),
    languages("preferredLanguage"),
    refs(Refs::Groups, "memberOfGroupIDs").id(""),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
    time(Time::UpdatedAt, "updatedAt", TimeFormat::Auto),
    time(Time::LastLoginAt, "lastSignOn.at", TimeFormat::Auto),
])
.post_map(disabled, &["status"])
.filter_query(filter)
.errors(
    Errors::GENERIC
        .message(&["message", "details[0].message"])
        .code(&["code"])
        .request_id(&["id"]),
)
.sources(&[
    "https://developer.pingidentity.com/pingone-api/platform/users/users-1/read-all-users.html",
    "https://developer.pingidentity.com/pingone-api/platform/users/users-1.html",
    "https://developer.pingidentity.com/pingone-api/platform/reference/paging-ordering-collections.html",
    "https://developer.pingidentity.com/pingone-api/platform/users/group-membership/read-all-users-in-a-group.html",
    "https://github.com/patrickcping/pingone-go-sdk-v2",
]);

/// Connects to PingOne (`environment_id`, optionally `region`, and `client_id` with
/// `client_secret`, or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// A disabled user (`enabled: false`) is `inactive`, whatever its lifecycle status.
fn disabled(user: &mut User, record: &str) -> Result<()> {
    if let Ok(Value::Object(record)) = serde_json::from_str::<Value>(record)
        && record.get("enabled") == Some(&Value::Bool(false))
    {
        user.status = Some(UserStatus::Inactive);
    }
    Ok(())
}

/// The filters as one SCIM `filter` expression (`email eq "a@b.com" and …`).
fn filter(set: &[(Filter, &str)]) -> Result<Vec<(String, String)>> {
    let mut terms = Vec::new();
    for (filter, value) in set {
        let value = value.replace('\\', "\\\\").replace('"', "\\\"");
        terms.push(match filter {
            Filter::Email => format!("email eq \"{value}\""),
            Filter::Username => format!("username eq \"{value}\""),
            Filter::GroupId => format!("memberOfGroups[id eq \"{value}\"]"),
            other => {
                return Err(Error::invalid_input(format!(
                    "PingOne does not filter by `{other}`"
                )));
            }
        });
    }
    Ok(vec![("filter".to_owned(), terms.join(" and "))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_join_into_one_scim_expression() {
        let query = filter(&[(Filter::Email, "a@b.com"), (Filter::GroupId, "g1")]).unwrap();
        assert_eq!(
            query[0].1,
            "email eq \"a@b.com\" and memberOfGroups[id eq \"g1\"]"
        );
    }

    #[test]
    fn disabled_overrides_the_lifecycle() {
        let mut user = User::new("1");
        user.status = Some(UserStatus::Active);
        disabled(&mut user, r#"{"enabled": false}"#).unwrap();
        assert_eq!(user.status, Some(UserStatus::Inactive));
    }
}
