//! # HubSpot
//!
//! The users of one HubSpot account, through the Settings › User Provisioning API (v3).
//!
//! | | |
//! |---|---|
//! | slug / feature | `hubspot` |
//! | operations | list (partial), get, update |
//! | list | `GET /settings/v3/users?limit=&after=`, paged by the cursor in `paging.next.after` |
//! | get | `GET /settings/v3/users/{userId}` |
//! | update | `PUT /settings/v3/users/{userId}` with only the fields that change; the user in the response is returned (a body without a user is followed by a get) |
//! | base URL | `https://api.hubapi.com` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_HUBSPOT_TOKEN`): a private app's access token or an OAuth access token |
//! | scopes | read: `settings.users.read` (or the granular `crm.objects.users.read`); update: `settings.users.write` (or `crm.objects.users.write`) |
//! | page size | at most 100 (`limit`); 100 by default |
//! | filters | none: the list endpoint takes only `limit` and `after` |
//! | update fields | `first_name`, `last_name`, `roles` (exactly one role, by id → `roleId`), `groups` (the first group's id → `primaryTeamId`, the others → `secondaryTeamIds`), `remote_data` (merged into the `PUT` body as is, e.g. `{"seatNames": […]}`) |
//! | rate limits | per app, a rolling ten-second window (`X-HubSpot-RateLimit-Max` requests per `X-HubSpot-RateLimit-Interval-Milliseconds`, `X-HubSpot-RateLimit-Remaining` left) and a per-second burst limit (`X-HubSpot-RateLimit-Secondly` / `-Secondly-Remaining`); per account, a daily quota (`X-HubSpot-RateLimit-Daily` / `-Daily-Remaining`, not sent to OAuth apps), reset at midnight in the account's time zone |
//!
//! ## Mapping
//!
//! | HubSpot | unified |
//! |---|---|
//! | `id` | `id` |
//! | `email` | `emails[0]` (primary) and `username` (HubSpot users sign in with it) |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `roleIds` (and the older single `roleId`) | `roles` (ids only) |
//! | `primaryTeamId`, then `secondaryTeamIds` | `groups` (ids only), the primary team first |
//! | `seatNames` | `licenses` (names) |
//! | `superAdmin` | `user_type`: `admin` when true, `user` when false |
//!
//! Role and team names are not part of the user record (they live at
//! `/settings/v3/users/roles` and `/settings/v3/users/teams`, which need further scopes), so
//! roles and groups carry ids only. `status` is left unset: the record has no status field
//! (an account's users are those who can be assigned work in it; whether HubSpot's
//! *deactivated* users are listed, and how they would differ, is not documented).
//! `remote_data` is the record untouched.
//!
//! ## Partial list
//!
//! The reference marks HubSpot's list as partial, so the integration is declared partial
//! and `ListUsers::hydrate(true)` reads every listed user again with a get. HubSpot's own
//! description gives the list and the get the same user schema, names included, so the
//! get adds nothing the list lacks today. Names are therefore **not** enriched from the CRM
//! owners API (`/crm/v3/owners?email=`): that would cost one more request per user and the
//! `crm.objects.owners.read` scope for data the user record already carries.
//!
//! ## Updates
//!
//! HubSpot's `PUT` changes only the fields its body names, so the body holds only what the
//! update sets. A user has one role through this API: `roles` must hold exactly one role
//! with an id. `groups` must hold at least one group with an id: the first becomes the
//! primary team and the rest replace the secondary teams (an empty `secondaryTeamIds` is
//! sent when there is only one). The body sets absolute values, so an update is safe to
//! retry after a 5xx. A user can be addressed by email instead of id with the remote
//! query `idProperty=EMAIL` (on a get or an update, whose read-back uses it too).
//!
//! ## Rate limits and errors
//!
//! Error bodies are `{status, message, correlationId, category, errors[], …}`; the message
//! keeps the messages of `errors[]`, and the `correlationId` (also the
//! `x-hubspot-correlation-id` header), which HubSpot asks for in support requests, is the
//! error's request id. The code is
//! the `category` (`VALIDATION_ERROR`, `OBJECT_NOT_FOUND`, `MISSING_SCOPES`, …).
//!
//! A `429` says which limit was hit in `policyName`. `DAILY` is the account's daily quota:
//! it is reported at once as `RateLimited`, not retryable, with no retry time (midnight in
//! the account's time zone, which the response does not give). Any other policy
//! (`TEN_SECONDLY_ROLLING`, `SECONDLY`) is throttling and is retried with backoff, or after
//! `Retry-After` when it is sent. The policy name is the error's code.
//!
//! HubSpot sends no reset time for its ten-second window: the window rolls, and
//! `X-HubSpot-RateLimit-Interval-Milliseconds` is its length, not when it resets. The
//! transport reads `X-HubSpot-RateLimit-Remaining` and takes its reset only from
//! `Retry-After`, so when the remaining count reaches 0 nothing is held back and the next
//! request's `429` is retried with backoff. The per-second burst limit is read too: when
//! `X-HubSpot-RateLimit-Secondly-Remaining` reaches 0, requests wait for the next second.
//!
//! ## Quirks
//!
//! - HubSpot's published description (rollout 144927, `v3`) has listed the users at
//!   `/settings/users/v3` since March 2026, the shape of its dated versions
//!   (`/settings/users/2026-03`), while its get and update stay at `/settings/v3/users/…`.
//!   The documented v3 endpoint is `/settings/v3/users/`, which this integration calls.
//! - HubSpot's own examples send `superAdmin` as the string `"false"`; booleans are read
//!   leniently, and ids are read as strings or numbers.
//! - `sendWelcomeEmail` is only meaningful in a create response and is left in
//!   `remote_data`.
//!
//! ## Not confirmed
//!
//! - Whether deactivated users appear in the listing, and how.
//! - Whether `PUT` can remove a user's primary team or role (so empty `roles` and `groups`
//!   are refused before sending).
//! - The values `seatNames` takes; seats can be set only through `remote_data`.
//! - Whether the list endpoint answers without the trailing slash of its documentation
//!   (other integrations of this API call `/settings/v3/users`).
//!
//! ## Sources
//!
//! - <https://developers.hubspot.com/docs/api/settings/user-provisioning> (list, get, update)
//! - <https://developers.hubspot.com/docs/api/usage-details> (rate limits and their headers)
//! - HubSpot's published description, `HubSpot/HubSpot-public-api-spec-collection`,
//!   `PublicApiSpecs/Settings/User Provisioning/Rollouts/144927/v3/userProvisioning.json`
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, Role, UpdateUser, UserDirectoryExt, UserUpdate};
//!
//! let dir = truto_crm::hubspot::connect(&Config::from_env("hubspot"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.primary_email());
//! }
//!
//! let mut body = UserUpdate::default();
//! body.roles = Some(vec![Role::new(Some("100".into()), None)]);
//! let user = dir.update_user("123", UpdateUser::new().body(body)).await?;
//! println!("{:?}", user.roles);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use http::StatusCode;
use http::header::HeaderMap;
use serde_json::{Map, Value};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, Update, cursor, query};
use truto_core::provider::http::{
    ErrorDetails, RateLimitHeaders, ResetFormat, generic_error_details,
};
use truto_core::provider::{Credential, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The HubSpot spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("hubspot", "HubSpot", Family::Crm)
        .note("settings users API; roles and teams")
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.hubapi.com")
        .config(&[ConfigKey::secret(
            "token",
            "a private app access token or an OAuth access token with settings.users.read (and settings.users.write to update)",
        )]),
)
.list(
    List::get("settings/v3/users")
        .records("results")
        .paging(cursor(query("after"), query("limit"), "paging.next.after"))
        .page_size(100, 100)
        .partial(),
)
.get(Get::get("settings/v3/users/{id}"))
.update(
    Update::put(
        "settings/v3/users/{id}",
        &[
            UpdateField::new("first_name", Write::Value("firstName")),
            UpdateField::new("last_name", Write::Value("lastName")),
            UpdateField::new("roles", Write::OneId("roleId")),
            UpdateField::new("groups", Write::Custom(teams)),
            UpdateField::new("remote_data", Write::Merge),
        ],
    )
    // The body sets absolute values: applying it twice equals applying it once.
    .idempotent(),
)
.map(&[
    id("id"),
    email("email"),
    // HubSpot users sign in with their email.
    text(Text::Username, "email"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    refs(Refs::Roles, "roleIds").id(""),
    reference(Refs::Roles).id("roleId"),
    reference(Refs::Groups).id("primaryTeamId"),
    refs(Refs::Groups, "secondaryTeamIds").id(""),
    refs(Refs::Licenses, "seatNames").name(""),
    user_type_flag("superAdmin", "admin", Some("user")),
])
.errors(Errors::GENERIC.parser(hubspot_error))
.rate_limits(RATE_LIMIT_HEADERS)
.sources(&[
    "https://developers.hubspot.com/docs/api/settings/user-provisioning",
    "https://developers.hubspot.com/docs/api/usage-details",
])
.absent(&[
    (
        "status",
        "the user record has no status field; whether deactivated users are listed is not documented",
    ),
    ("created_at", "the user record (`PublicUser`) has no timestamps"),
    ("updated_at", "the user record (`PublicUser`) has no timestamps"),
    ("last_login_at", "the user record (`PublicUser`) has no timestamps"),
    (
        "update:status",
        "the User Provisioning API has no status to write: users are removed, not deactivated",
    ),
    ("update:created_at", "a creation time is not something an update sets"),
]);

/// What the HubSpot integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// HubSpot's rate-limit headers. The ten-second window rolls and has no reset header
/// (`X-HubSpot-RateLimit-Interval-Milliseconds` is the window's length), so its only reset
/// is `Retry-After`, in seconds; the per-second burst window resets each second.
pub const RATE_LIMIT_HEADERS: RateLimitHeaders = RateLimitHeaders::new(
    "x-hubspot-ratelimit-remaining",
    "retry-after",
    ResetFormat::DeltaSeconds,
)
.with_window("x-hubspot-ratelimit-secondly-remaining", 1000);

/// Connects to HubSpot (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `groups`: the first team is the primary team (`primaryTeamId`), the others replace the
/// secondary teams (an empty `secondaryTeamIds` when there is only one). Teams are set by
/// id (see `/settings/v3/users/teams`).
fn teams(groups: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let mut ids = Vec::new();
    for group in groups.as_array().into_iter().flatten() {
        match group.get("id").and_then(Value::as_str).map(str::trim) {
            Some(id) if !id.is_empty() => ids.push(Value::String(id.to_owned())),
            _ => {
                return Err(
                    "a HubSpot team is set by its id (see /settings/v3/users/teams)".to_owned(),
                );
            }
        }
    }
    let mut ids = ids.into_iter();
    let Some(primary) = ids.next() else {
        return Err("HubSpot needs at least one team: the first is the primary team".to_owned());
    };
    body.insert("primaryTeamId".into(), primary);
    body.insert("secondaryTeamIds".into(), Value::Array(ids.collect()));
    Ok(())
}

/// Reads HubSpot's error bodies (`{status, message, correlationId, category, errors[]}`,
/// and on `429` `{errorType: "RATE_LIMIT", policyName, …}`).
fn hubspot_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let Ok(Value::Object(json)) = serde_json::from_slice::<Value>(body) else {
        return generic_error_details(status, headers, body);
    };
    let text = |key: &str| {
        json.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let mut message = text("message");
    let details: Vec<String> = json
        .get("errors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| e.get("message")?.as_str())
                .map(str::trim)
                .filter(|m| !m.is_empty() && Some(*m) != message.as_deref())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    if !details.is_empty() {
        let joined = details.join("; ");
        message = Some(match message {
            Some(m) => format!("{m}: {joined}"),
            None => joined,
        });
    }
    let policy = text("policyName");
    let mut out = ErrorDetails::default();
    // The transport prefers the `x-hubspot-correlation-id` header; the body covers its absence.
    out.request_id = text("correlationId");
    out.code = policy
        .clone()
        .or_else(|| text("category"))
        .or_else(|| text("errorType"));
    out.message = message;
    match policy {
        Some(p) if p.eq_ignore_ascii_case("DAILY") => out.quota_exhausted = true,
        // Any other policy (ten-secondly, secondly) is throttling, whatever the status.
        Some(_) => out.throttled = true,
        None => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn details(status: u16, body: Value) -> ErrorDetails {
        hubspot_error(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            &serde_json::to_vec(&body).unwrap(),
        )
    }

    #[test]
    fn daily_limit_is_quota_and_ten_secondly_is_throttling() {
        let daily = details(
            429,
            json!({"status": "error", "message": "You have reached your daily limit.", "errorType": "RATE_LIMIT", "correlationId": "c033cdaa", "policyName": "DAILY"}),
        );
        assert!(daily.quota_exhausted && !daily.throttled);
        assert_eq!(daily.code.as_deref(), Some("DAILY"));
        let rolling = details(
            429,
            json!({"status": "error", "message": "You have reached your ten_secondly_rolling limit.", "errorType": "RATE_LIMIT", "correlationId": "x", "policyName": "TEN_SECONDLY_ROLLING"}),
        );
        assert!(rolling.throttled && !rolling.quota_exhausted);
    }

    #[test]
    fn validation_details_reach_the_message_and_correlation_id_the_request_id() {
        let d = details(
            400,
            json!({"status": "error", "message": "Invalid input", "correlationId": "aeb5f871", "category": "VALIDATION_ERROR", "errors": [{"message": "roleId 7 does not exist", "in": "roleId"}]}),
        );
        assert_eq!(
            d.message.as_deref(),
            Some("Invalid input: roleId 7 does not exist")
        );
        assert_eq!(d.request_id.as_deref(), Some("aeb5f871"));
        assert_eq!(d.code.as_deref(), Some("VALIDATION_ERROR"));
        assert!(!d.throttled && !d.quota_exhausted);
    }

    #[test]
    fn teams_put_the_first_as_primary() {
        let mut body = Map::new();
        teams(&json!([{"id": "7"}]), &mut body).unwrap();
        assert_eq!(
            Value::Object(body),
            json!({"primaryTeamId": "7", "secondaryTeamIds": []})
        );
        assert!(teams(&json!([]), &mut Map::new()).is_err());
        assert!(teams(&json!([{"name": "EMEA"}]), &mut Map::new()).is_err());
    }
}
