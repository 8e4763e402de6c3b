//! # NinjaOne
//!
//! The users of one NinjaOne (NinjaRMM) account, technicians and end users, through the
//! NinjaOne Public API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `ninjaone` |
//! | operations | list |
//! | list | `GET /api/v2/users` (optionally `userType=`), every user in one response |
//! | base URL | `https://{instance}.ninjarmm.com`: `instance` `app` (US, the default), `eu`, `oc`, `ca`, `us2` |
//! | auth | OAuth 2.0 client credentials of an *API Services (machine-to-machine)* client app, `client_id` and `client_secret`, exchanged at `https://{instance}.ninjarmm.com/ws/oauth/token` with scope `monitoring`; **or** an access token, config key `access_token` (env `TRUTO_NINJAONE_ACCESS_TOKEN`), sent as `Authorization: Bearer <token>` |
//! | config keys | `instance` |
//! | scopes | `monitoring` (read-only) |
//! | page size | none: the endpoint takes no paging parameters |
//! | filters | `user_type` (`userType`: `technician` → `TECHNICIAN`, `end_user` → `END_USER`) |
//! | rate limits | not documented (`429` and `Retry-After` are honoured when sent) |
//!
//! ## Mapping
//!
//! | NinjaOne (`User`) | unified |
//! |---|---|
//! | `id` (an integer) | `id` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails[0]` (primary) |
//! | `phone` | `phones[0]` |
//! | `enabled` → `active` / `inactive`; `invitationStatus` `PENDING` or `EXPIRED` → `invited` | `status` |
//! | `mfaConfigured` | `is_2fa_enabled` |
//! | `userType` (`TECHNICIAN`, `END_USER`) | `user_type` (`technician`, `end_user`) |
//! | `administrator: true` | `roles`: `admin` |
//! | `organizationId` (end users) | `organizations[0]` (id) |
//!
//! `uid`, `permitAllClients`, `notifyAllClients`, `mustChangePw`, `deviceIds`, `tags` and
//! `fields` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Technicians (who use NinjaOne) and end users (of the managed organizations) are both
//!   listed; filter by `user_type` for one kind.
//! - The users of one organization are also at `GET /api/v2/organization/{id}/end-users`
//!   (not used here).
//! - No endpoint reads one user by id, so there is no get.
//!
//! ## Sources
//!
//! - <https://www.ninjaone.com/docs/application-programming-interface-api/oauth-token-configuration>
//!   (NinjaOne: OAuth 2.0 client apps, the Monitoring / Management / Control scopes, who may
//!   create them)
//! - <https://app.ninjarmm.com/apidocs-beta/> (NinjaOne's API reference, *core resources* ›
//!   `getUsers`; not readable here)
//! - <https://www.powershellgallery.com/packages/NinjaOne> (a public PowerShell client:
//!   `v2/users`, `userType` `TECHNICIAN` | `END_USER`, `v2/organization/{id}/end-users`, the
//!   token endpoint `/ws/oauth/token`)
//! - <https://nango.dev/docs/integrations/all/ninjaone-rmm/connect> (the machine-to-machine
//!   client app with the Client Credentials grant)
//!
//! ## Not confirmed
//!
//! NinjaOne's own API reference could not be read, so the facts below come from public
//! clients of the API, not from NinjaOne:
//!
//! - The list endpoint and its `userType` parameter, and that it takes no paging
//!   parameters and answers a bare array.
//! - The token endpoint path (`/ws/oauth/token`; one third party writes `/oauth/token`) and
//!   whether `monitoring` is the scope to ask for.
//! - The user record's fields (`enabled`, `invitationStatus` `PENDING` / `REGISTERED` /
//!   `EXPIRED`, `administrator`, `mfaConfigured`, `organizationId`) and the instance hosts
//!   other than `app`, `eu` and `oc`.
//! - The error body and rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_NINJAONE_CLIENT_ID=… TRUTO_NINJAONE_CLIENT_SECRET=… (TRUTO_NINJAONE_INSTANCE=eu)
//! let dir = truto_idp::ninjaone::connect(&Config::from_env("ninjaone"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.user_type, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{
    Config, ConfigKey, Family, Filter, Integration, Result, User, UserDirectory, UserStatus,
};

/// The NinjaOne spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("ninjaone", "NinjaOne", Family::Idp)
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "https://{instance}.ninjarmm.com/ws/oauth/token",
            )
            .scope("monitoring"),
        ])
        .base_url("https://{instance}.ninjarmm.com")
        .config(&[
            ConfigKey::optional(
                "instance",
                "the NinjaOne instance: app (US, the default), eu, oc, ca or us2",
            )
            .default("app"),
            ConfigKey::optional("client_id", "an API Services (machine-to-machine) client app's id, with the Monitoring scope"),
            ConfigKey::optional_secret("client_secret", "that client app's secret"),
            ConfigKey::optional_secret("access_token", "an access token (instead of the client credentials)"),
        ])
        .note("A machine-to-machine client app (client id and secret) with the Monitoring scope; lists technicians and end users."),
)
.list(
    List::get("api/v2/users").filters(&[FilterRule::mapped(
        Filter::UserType,
        "userType",
        &[("technician", "TECHNICIAN"), ("end_user", "END_USER")],
    )]),
)
.map(&[
    id("id"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("email"),
    phone("phone"),
    active_flag("enabled"),
    flag(Flag::TwoFactor, "mfaConfigured"),
    text(Text::UserType, "userType").table(&[("TECHNICIAN", "technician"), ("END_USER", "end_user")]),
    ref_if(Refs::Roles, "administrator", "admin"),
    reference(Refs::Organizations).id("organizationId"),
])
.post_map(invited, &["status"])
.errors(Errors::GENERIC.message(&["errorMessage", "message", "error"]).code(&["resultCode"]))
.sources(&[
    "https://www.ninjaone.com/docs/application-programming-interface-api/oauth-token-configuration",
    "https://app.ninjarmm.com/apidocs-beta/",
    "https://www.powershellgallery.com/packages/NinjaOne",
    "https://nango.dev/docs/integrations/all/ninjaone-rmm/connect",
]);

/// Connects to NinjaOne (`client_id` and `client_secret`, or `access_token`; optionally
/// `instance`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// A user whose invitation is pending (or expired) has not joined: `invited`, whatever
/// `enabled` says.
fn invited(user: &mut User, record: &str) -> Result<()> {
    if let Ok(Value::Object(record)) = serde_json::from_str::<Value>(record)
        && let Some(Value::String(invitation)) = record.get("invitationStatus")
        && (invitation.eq_ignore_ascii_case("PENDING")
            || invitation.eq_ignore_ascii_case("EXPIRED"))
    {
        user.status = Some(UserStatus::Invited);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pending_invitations_are_invited() {
        let mut user = User::new("1");
        user.status = Some(UserStatus::Active);
        invited(&mut user, r#"{"invitationStatus": "PENDING"}"#).unwrap();
        assert_eq!(user.status, Some(UserStatus::Invited));
        let mut user = User::new("2");
        user.status = Some(UserStatus::Active);
        invited(&mut user, r#"{"invitationStatus": "REGISTERED"}"#).unwrap();
        assert_eq!(user.status, Some(UserStatus::Active));
    }
}
