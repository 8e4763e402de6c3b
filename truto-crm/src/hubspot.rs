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
//! | rate limits | per app, a rolling ten-second window (`X-HubSpot-RateLimit-Max` requests per `X-HubSpot-RateLimit-Interval-Milliseconds`, `X-HubSpot-RateLimit-Remaining` left); per account, a daily quota (`X-HubSpot-RateLimit-Daily` / `-Daily-Remaining`, not sent to OAuth apps), reset at midnight in the account's time zone |
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
//! request's `429` is retried with backoff.
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

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::http::{
    Auth, ErrorDetails, HttpClient, ProviderHttp, RateLimitHeaders, ResetFormat, Response,
    generic_error_details,
};
use truto_core::integration::{AuthKind, ConfigKey, Family, PaginationStyle};
use truto_core::map::{decode_one, decode_record, lenient_bool, non_empty, string_or_number};
use truto_core::paginate::token_next;
use truto_core::reexports::reqwest::header::HeaderMap;
use truto_core::reexports::reqwest::{Method, StatusCode};
use truto_core::{
    Config, Email, Error, GetUser, Group, Integration, License, Operation, Page, PageRequest,
    Position, RemoteData, Result, Role, UpdateUser, User, UserDirectory,
};

/// What the HubSpot integration declares.
pub static INTEGRATION: Integration = Integration::new("hubspot", "HubSpot", Family::Crm)
    .list(PaginationStyle::CursorField)
    .get()
    .update(&["first_name", "last_name", "roles", "groups", "remote_data"])
    .partial_list()
    .auth(&[AuthKind::Bearer])
    .base_url("https://api.hubapi.com")
    .config(&[ConfigKey::secret(
        "token",
        "a private app access token or an OAuth access token with settings.users.read (and settings.users.write to update)",
    )])
    .page_size(100, 100);

/// HubSpot's rate-limit headers. The ten-second window rolls and has no reset header
/// (`X-HubSpot-RateLimit-Interval-Milliseconds` is the window's length), so the only
/// reset is `Retry-After`, in seconds.
pub const RATE_LIMIT_HEADERS: RateLimitHeaders = RateLimitHeaders::new(
    "x-hubspot-ratelimit-remaining",
    "retry-after",
    ResetFormat::DeltaSeconds,
);

const USERS: &str = "settings/v3/users";
const USER: &str = "settings/v3/users/{}";

// ---------------------------------------------------------------------------------------
// Wire types
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct ListBody {
    #[serde(default)]
    results: Vec<Box<RawValue>>,
    #[serde(default)]
    paging: Option<Paging>,
}

#[derive(Deserialize)]
struct Paging {
    #[serde(default)]
    next: Option<NextPage>,
}

#[derive(Deserialize)]
struct NextPage {
    #[serde(default, deserialize_with = "string_or_number")]
    after: Option<String>,
}

/// A `PublicUser`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HubSpotUser {
    #[serde(deserialize_with = "string_or_number")]
    id: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    role_id: Option<String>,
    #[serde(default, deserialize_with = "id_list")]
    role_ids: Vec<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    primary_team_id: Option<String>,
    #[serde(default, deserialize_with = "id_list")]
    secondary_team_ids: Vec<String>,
    #[serde(default, deserialize_with = "id_list")]
    seat_names: Vec<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    super_admin: Option<bool>,
}

/// A list of ids given as strings or numbers; `null` is an empty list.
fn id_list<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flex {
        Text(String),
        Int(i64),
    }
    let items = Option::<Vec<Flex>>::deserialize(deserializer)?.unwrap_or_default();
    Ok(items
        .into_iter()
        .map(|f| match f {
            Flex::Text(t) => t,
            Flex::Int(n) => n.to_string(),
        })
        .filter(|t| !t.trim().is_empty())
        .collect())
}

// ---------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------

fn push_unique(out: &mut Vec<String>, id: String) {
    if !out.contains(&id) {
        out.push(id);
    }
}

fn to_user(wire: HubSpotUser, remote: RemoteData) -> Result<User> {
    let id = non_empty(wire.id).ok_or_else(|| Error::decode("a HubSpot user without an `id`"))?;
    let mut user = User::new(id);
    let email = non_empty(wire.email);
    if let Some(email) = &email {
        user.emails.push(Email::new(email.clone()).primary(true));
    }
    user.username = email;
    user.first_name = non_empty(wire.first_name);
    user.last_name = non_empty(wire.last_name);
    let full: Vec<&str> = [user.first_name.as_deref(), user.last_name.as_deref()]
        .into_iter()
        .flatten()
        .map(str::trim)
        .collect();
    user.name = (!full.is_empty()).then(|| full.join(" "));

    let mut roles = Vec::new();
    for id in wire.role_ids {
        push_unique(&mut roles, id);
    }
    if let Some(id) = non_empty(wire.role_id) {
        push_unique(&mut roles, id);
    }
    user.roles = roles
        .into_iter()
        .map(|id| Role::new(Some(id), None))
        .collect();

    let mut teams = Vec::new();
    if let Some(id) = non_empty(wire.primary_team_id) {
        teams.push(id);
    }
    for id in wire.secondary_team_ids {
        push_unique(&mut teams, id);
    }
    user.groups = teams
        .into_iter()
        .map(|id| Group::new(Some(id), None))
        .collect();

    user.licenses = wire
        .seat_names
        .into_iter()
        .map(|seat| License::new(None, Some(seat)))
        .collect();
    user.user_type = wire
        .super_admin
        .map(|admin| if admin { "admin" } else { "user" }.to_owned());
    user.remote_data = Some(remote);
    Ok(user)
}

fn decode_user(response: &Response) -> Result<User> {
    let (wire, remote) = decode_one::<HubSpotUser>(&response.body)?;
    to_user(wire, remote)
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Updates
// ---------------------------------------------------------------------------------------

/// The `PUT` body of an update: only the fields it sets, then `remote_data` merged in.
fn update_body(update: &UpdateUser) -> Result<Map<String, Value>> {
    let b = &update.body;
    let mut body = Map::new();
    if let Some(first) = &b.first_name {
        body.insert("firstName".into(), Value::String(first.clone()));
    }
    if let Some(last) = &b.last_name {
        body.insert("lastName".into(), Value::String(last.clone()));
    }
    if let Some(roles) = &b.roles {
        let [role] = roles.as_slice() else {
            return Err(Error::invalid_input(format!(
                "HubSpot assigns exactly one role through this API (`roleId`); {} given",
                roles.len()
            )));
        };
        let id = non_empty(role.id.clone()).ok_or_else(|| {
            Error::invalid_input("a HubSpot role is set by its id (see /settings/v3/users/roles)")
        })?;
        body.insert("roleId".into(), Value::String(id));
    }
    if let Some(groups) = &b.groups {
        let mut ids = Vec::with_capacity(groups.len());
        for group in groups {
            let id = non_empty(group.id.clone()).ok_or_else(|| {
                Error::invalid_input(
                    "a HubSpot team is set by its id (see /settings/v3/users/teams)",
                )
            })?;
            ids.push(Value::String(id));
        }
        let mut ids = ids.into_iter();
        let Some(primary) = ids.next() else {
            return Err(Error::invalid_input(
                "HubSpot needs at least one team: the first is the primary team",
            ));
        };
        body.insert("primaryTeamId".into(), primary);
        body.insert("secondaryTeamIds".into(), Value::Array(ids.collect()));
    }
    if let Some(extra) = &b.remote_data {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    Ok(body)
}

/// Whether an update response carries a user (a JSON object with an `id`).
fn carries_user(response: &Response) -> bool {
    if response.status == StatusCode::NO_CONTENT || response.is_empty() {
        return false;
    }
    serde_json::from_slice::<Value>(&response.body)
        .map(|v| v.get("id").is_some_and(|id| !id.is_null()))
        .unwrap_or(true)
}

// ---------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------

/// A connected HubSpot account.
pub struct HubSpot {
    http: HttpClient,
}

impl fmt::Debug for HubSpot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HubSpot").field("http", &self.http).finish()
    }
}

impl HubSpot {
    /// Connects with `config` (`token`, and optionally `base_url` and the common keys).
    pub fn connect(config: &Config) -> Result<Self> {
        let integration = &INTEGRATION;
        let auth = Auth::Bearer(config.secret(integration, "token")?);
        let provider = ProviderHttp::new(integration.slug)
            .error_parser(hubspot_error)
            .rate_limit_headers(RATE_LIMIT_HEADERS);
        let http = HttpClient::new(provider, config.http_settings(integration, auth)?)?;
        Ok(HubSpot { http })
    }

    async fn get(&self, id: &str, options: &GetUser, op: Operation) -> Result<Response> {
        let request = self
            .http
            .request(Method::GET, USER, &[id])?
            .remote_query(&options.common().remote_query);
        self.http.send(request, op).await
    }
}

/// Connects to HubSpot (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(HubSpot::connect(config)?))
}

#[async_trait]
impl UserDirectory for HubSpot {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let after = match request.position {
            Position::Start => None,
            Position::Token(token) => Some(token.as_str()),
            other => {
                return Err(Error::invalid_input(format!(
                    "a HubSpot listing cannot resume at {other:?}"
                )));
            }
        };
        let http_request = self
            .http
            .request(Method::GET, USERS, &[])?
            .query_opt("limit", request.page_size)
            .query_opt("after", after)
            .remote_query(&request.options.common().remote_query);
        let response = self.http.send(http_request, Operation::List).await?;
        let list: ListBody = response.json()?;
        let users = list
            .results
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<HubSpotUser>(raw, i)?;
                to_user(wire, remote)
            })
            .collect::<Result<Vec<_>>>()?;
        let next = token_next(list.paging.and_then(|p| p.next).and_then(|n| n.after));
        Ok(Page::new(users, next))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let response = self.get(id, options, Operation::Get).await?;
        decode_user(&response)
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let body = update_body(options)?;
        let remote_query = &options.common().remote_query;
        // The body sets absolute values: applying it twice equals applying it once.
        let request = self
            .http
            .request(Method::PUT, USER, &[id])?
            .remote_query(remote_query)
            .json(&Value::Object(body))?
            .idempotent();
        let response = self.http.send(request, Operation::Update).await?;
        if carries_user(&response) {
            return decode_user(&response);
        }
        let mut read = GetUser::new();
        for (k, v) in remote_query {
            read = read.remote_query(k.clone(), v.clone());
        }
        let after = self.get(id, &read, Operation::Update).await?;
        decode_user(&after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use truto_core::UserUpdate;

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
    fn update_bodies_name_only_what_changes() {
        let mut body = UserUpdate::default();
        body.groups = Some(vec![Group::new(Some("7".into()), None)]);
        let b = update_body(&UpdateUser::new().body(body)).unwrap();
        assert_eq!(
            Value::Object(b),
            json!({"primaryTeamId": "7", "secondaryTeamIds": []})
        );
        let mut body = UserUpdate::default();
        body.roles = Some(vec![
            Role::new(Some("1".into()), None),
            Role::new(Some("2".into()), None),
        ]);
        assert!(update_body(&UpdateUser::new().body(body)).is_err());
        let mut body = UserUpdate::default();
        body.groups = Some(vec![]);
        assert!(update_body(&UpdateUser::new().body(body)).is_err());
    }
}
