//! # Salesforce
//!
//! The users of a Salesforce org, read with SOQL through the REST API and changed through
//! the `User` sObject.
//!
//! | | |
//! |---|---|
//! | slug / feature | `salesforce` |
//! | operations | list (SOQL `query`, paged by `nextRecordsUrl`), get (`sobjects/User/{id}`), update (`PATCH sobjects/User/{id}`) |
//! | base URL | the org's instance URL (its My Domain), e.g. `https://acme.my.salesforce.com`; requests go to `/services/data/v{api_version}/…` below it. `base_url`, when set, replaces it for every request, the token endpoint included (tests, proxies); either must be an origin without a path |
//! | config keys | `instance_url` (required; env `TRUTO_SALESFORCE_INSTANCE_URL`), `api_version` (default `62.0`; env `TRUTO_SALESFORCE_API_VERSION`), and one way to authenticate (below) |
//! | auth | `Authorization: Bearer <access_token>` from `access_token` (env `TRUTO_SALESFORCE_ACCESS_TOKEN`), **or** the OAuth 2.0 client-credentials flow from `client_id` and `client_secret` (env `TRUTO_SALESFORCE_CLIENT_ID`, `TRUTO_SALESFORCE_CLIENT_SECRET`): `POST {instance_url}/services/oauth2/token` with `grant_type=client_credentials`; the token is cached and fetched again after a 401 |
//! | permissions | the OAuth scope `api`; the running user needs *API Enabled*; updates need *Manage Internal Users* (*Manage External Users* for portal and community users) |
//! | page size | `Sforce-Query-Options: batchSize=N`, 200 to 2,000 (default 2,000); a `limit` below 200 asks for 200, and Salesforce may return fewer than asked |
//! | filters | `email`, `username`, `first_name`, `last_name`, `name`, `title` (SOQL `=`, which Salesforce compares without regard to case), `status` (`active`/`inactive` → `IsActive`), `user_type` (`user` → `UserType = 'Standard'`, any other value as Salesforce writes it, e.g. `PowerPartner`), `role_id` (a profile or role id: `ProfileId` or `UserRoleId`), `created_at` / `updated_at` (users created / modified strictly after an RFC 3339 date-time or a `YYYY-MM-DD` date, UTC); `email` is what `find_by_email` uses |
//! | update fields | `status` (`IsActive`: `inactive` deactivates, `active` reactivates), `first_name`, `last_name`, `title`, `username`, `emails` (exactly one → `Email`), `phones` (a `mobile` number → `MobilePhone`, one other → `Phone` and `Extension`; kinds left out are cleared), `timezone` (`TimeZoneSidKey`), `languages` (exactly one → `LanguageLocaleKey`, `en-US` written `en_US`), and `remote_data`, merged into the PATCH body as is (e.g. `{"ProfileId": "00e…"}`) |
//! | rate limits | a rolling 24-hour allocation of API requests per org, reported in `Sforce-Limit-Info: api-usage=USED/LIMIT` (no reset time, so the transport cannot pace on it); a limit on concurrent long-running requests |
//!
//! ## Mapping
//!
//! `Id` → `id`; `FederationIdentifier` (the SSO federation id the customer's identity
//! provider sets) → `external_id`; `EmployeeNumber`, `Alias`, `Department`, `Division`,
//! `ManagerId` → `identifiers` (`employee_number`, `alias`, `department`, `division`,
//! `manager_id`); `FirstName`, `LastName`, `Name`, `Title`, `Username`; `Email` → the one
//! primary email; `Phone` (with `Extension`) → a `work` phone, `MobilePhone` → a `mobile`
//! phone; `IsActive` → `active`/`inactive`; the profile (`ProfileId`, `Profile.Name`) and the
//! role in the role hierarchy (`UserRoleId`, `UserRole.Name`) → `roles`, profile first;
//! `CompanyName` → `organizations`; `UserType` `Standard` → `user_type` `user`, any other
//! license category (`PowerPartner`, `CspLitePortal`, `CsnOnly`, `Guest`, …) unchanged;
//! `FullPhotoUrl` (else `SmallPhotoUrl`) → `avatar`; `TimeZoneSidKey` → `timezone`;
//! `LanguageLocaleKey` → `languages`; `AboutMe` → `bio`; `CreatedDate`, `LastModifiedDate`,
//! `LastLoginDate` → `created_at`, `updated_at`, `last_login_at`.
//!
//! ## Quirks
//!
//! - **The list is partial.** A listing selects the fields above with SOQL (`… FROM User
//!   ORDER BY Id`); a get returns every field of the user, custom fields included. A get does
//!   not carry the related `Profile.Name` and `UserRole.Name`, so its roles have ids only.
//!   `ListUsers::hydrate` replaces each listed user with its full record.
//! - A next page is a relative `nextRecordsUrl` (`/services/data/v62.0/query/01g…-2000`)
//!   naming a server-side query locator. Salesforce releases a locator after 15 minutes
//!   without use and keeps at most 10 per user, so a cursor resumes a listing only within
//!   that time (after it, Salesforce answers `INVALID_QUERY_LOCATOR` and the listing has to
//!   start again). A resumed page keeps the filters of the listing that opened the locator.
//! - The token endpoint's answer has no `expires_in`: the token is kept for an hour (the
//!   core's default) and fetched again at once when Salesforce answers 401.
//! - SOQL dateTime literals have whole seconds, so a `created_at`/`updated_at` filter with a
//!   fraction of a second compares from the second it falls in.
//! - Errors are arrays of `{message, errorCode, fields}`; the first error's code is kept
//!   and the messages (with their fields) are joined.
//! - `REQUEST_LIMIT_EXCEEDED` (`403`) means the org's daily allocation is used up
//!   (`TotalRequests Limit exceeded.`): it is never retried and the error is not retryable.
//!   The same code with a `Concurrent…` message is the concurrent-request limit, which
//!   clears in seconds: that one is retried like a 429.
//! - A user cannot be deleted, only deactivated (`IsActive = false`); freezing
//!   (`UserLogin.IsFrozen`) is another object and is not offered here.
//! - `PATCH` sets the fields it names to the values it carries, so an update is safe to
//!   retry after a 5xx; it answers `204`, and the user is then read back with a get.
//! - `Name` is computed by Salesforce from the first and last name and cannot be set;
//!   `UserType` follows the profile's license. Passwords have their own resource and are not
//!   offered.
//!
//! ## Not confirmed
//!
//! - What Salesforce does with a `batchSize` below its documented minimum of 200; the client
//!   never asks for fewer.
//! - Whether `FullPhotoUrl`/`SmallPhotoUrl` are selectable in every org edition (they are
//!   documented User fields); a field the org lacks makes the whole query fail with
//!   `INVALID_FIELD`.
//! - The status that accompanies the concurrent-request form of `REQUEST_LIMIT_EXCEEDED`
//!   (third-party reports say `403`).
//! - That reading the same `nextRecordsUrl` twice (a page retried after a fault) returns the
//!   same batch; its suffix is the batch's offset, which suggests so.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UpdateUser, UserDirectoryExt, UserStatus};
//! // TRUTO_SALESFORCE_INSTANCE_URL=https://acme.my.salesforce.com
//! // TRUTO_SALESFORCE_CLIENT_ID=… TRUTO_SALESFORCE_CLIENT_SECRET=…
//! let dir = truto_crm::salesforce::connect(&Config::from_env("salesforce"))?;
//! let mut users = dir.list_users(ListUsers::new().filter(Filter::Status, "active"));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.primary_email());
//! }
//! dir.update_user("005Hs00000A1b2cIAB", UpdateUser::new().status(UserStatus::Inactive))
//!     .await?;
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::provider::decode::{decode_one, decode_record, non_empty, parse_datetime};
use truto_core::provider::http::{
    ErrorDetails, HttpClient, ProviderHttp, Request, generic_error_details,
};
use truto_core::provider::paging::url_next;
use truto_core::provider::{
    Connection, Credential, FilterRule, Page, PageRequest, Position, UpdateField,
};
use truto_core::{
    Config, ConfigKey, Email, Error, Family, Filter, GetUser, Integration, Operation, Organization,
    PaginationStyle, Phone, RemoteData, Result, Role, UpdateUser, User, UserDirectory, UserStatus,
    UserUpdate,
};

const SLUG: &str = "salesforce";
/// The REST API version used when `api_version` is not set (Winter '25).
pub const DEFAULT_API_VERSION: &str = "62.0";
/// Smallest and largest `batchSize` Salesforce accepts.
const MIN_BATCH: u32 = 200;
const MAX_BATCH: u32 = 2000;

/// What Salesforce declares.
pub static INTEGRATION: Integration = Integration::new(SLUG, "Salesforce", Family::Crm)
    .note("SOQL; `instance_url` + `access_token` or client credentials")
    .list(PaginationStyle::NextUrl)
    .get()
    .update(&[
        UpdateField::native("status"),
        UpdateField::native("first_name"),
        UpdateField::native("last_name"),
        UpdateField::native("title"),
        UpdateField::native("username"),
        UpdateField::native("emails"),
        UpdateField::native("phones"),
        UpdateField::native("timezone"),
        UpdateField::native("languages"),
        UpdateField::native("remote_data"),
    ])
    .filters(&[
        FilterRule::native(Filter::FirstName),
        FilterRule::native(Filter::LastName),
        FilterRule::native(Filter::Name),
        FilterRule::native(Filter::Email),
        FilterRule::native(Filter::Username),
        FilterRule::native(Filter::Title),
        FilterRule::native(Filter::Status),
        FilterRule::native(Filter::CreatedAt),
        FilterRule::native(Filter::UpdatedAt),
        FilterRule::native(Filter::RoleId),
        FilterRule::native(Filter::UserType),
    ])
    .email_filter(Filter::Email)
    .partial_list()
    .credentials(&[
        Credential::bearer("access_token"),
        Credential::client_credentials(
            "client_id",
            "client_secret",
            "{instance_url}/services/oauth2/token",
        ),
    ])
    .base_url("{instance_url}")
    .config(&[
        ConfigKey::required(
            "instance_url",
            "the org's instance URL, e.g. https://acme.my.salesforce.com",
        )
        .origin(),
        ConfigKey::optional("api_version", "REST API version, e.g. 62.0 (the default)"),
        ConfigKey::optional_secret(
            "access_token",
            "an OAuth access token (or session id), sent as a bearer token",
        ),
        ConfigKey::optional(
            "client_id",
            "consumer key of an external client app with the client-credentials flow enabled",
        ),
        ConfigKey::optional_secret("client_secret", "consumer secret of that app"),
    ])
    .page_size(MAX_BATCH, MAX_BATCH);

/// The fields a listing selects (and the mapping reads).
const FIELDS: &[&str] = &[
    "Id",
    "Username",
    "FirstName",
    "LastName",
    "Name",
    "Email",
    "Title",
    "IsActive",
    "UserType",
    "ProfileId",
    "Profile.Name",
    "UserRoleId",
    "UserRole.Name",
    "FederationIdentifier",
    "EmployeeNumber",
    "Alias",
    "Department",
    "Division",
    "CompanyName",
    "ManagerId",
    "Phone",
    "Extension",
    "MobilePhone",
    "SmallPhotoUrl",
    "FullPhotoUrl",
    "TimeZoneSidKey",
    "LanguageLocaleKey",
    "LocaleSidKey",
    "AboutMe",
    "CreatedDate",
    "LastModifiedDate",
    "LastLoginDate",
];

/// A connected Salesforce org.
pub struct Salesforce {
    http: HttpClient,
    /// The path segment of the API version, e.g. `v62.0`.
    version: String,
}

impl fmt::Debug for Salesforce {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Salesforce")
            .field("api_version", &self.version)
            .field("http", &self.http)
            .finish()
    }
}

/// Connects to the org that `config` names.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(Salesforce::connect(config)?))
}

impl Salesforce {
    /// Connects to the org that `config` names.
    pub fn connect(config: &Config) -> Result<Self> {
        let connection = Connection::open(&INTEGRATION, config)?;
        let version = api_version(config.get("api_version").unwrap_or(DEFAULT_API_VERSION))?;
        // No rate-limit dialect to declare: Salesforce sends no remaining/reset pair, only
        // `Sforce-Limit-Info: api-usage=USED/LIMIT` over a rolling 24 hours, with no reset
        // time to hold requests until. Its limits arrive as `REQUEST_LIMIT_EXCEEDED`, which
        // the error parser flags.
        let provider = ProviderHttp::new(SLUG).error_parser(salesforce_error);
        let http = connection.http(provider)?;
        Ok(Salesforce { http, version })
    }

    fn query_request(&self, request: &PageRequest<'_>) -> Result<Request> {
        let http_request = match request.position {
            Position::Start => self
                .http
                .request(Method::GET, "services/data/{}/query", &[&self.version])?
                .query("q", soql(request.options)?)
                .remote_query(&request.options.common().remote_query),
            // A relative `/services/data/vNN.0/query/<locator>-<offset>`, joined to the
            // instance's origin (and refused if it names another origin).
            Position::Url(url) => {
                self.http
                    .request_url(Method::GET, url, "services/data/{}/query/{}")?
            }
            other => {
                return Err(Error::cannot_resume("a Salesforce listing", other));
            }
        };
        // The header also applies to the batches fetched with a locator.
        let batch = request
            .page_size
            .unwrap_or(MAX_BATCH)
            .clamp(MIN_BATCH, MAX_BATCH);
        let value = HeaderValue::from_str(&format!("batchSize={batch}"))
            .map_err(|_| Error::invalid_input("invalid batch size"))?;
        Ok(http_request.header(HeaderName::from_static("sforce-query-options"), value))
    }

    async fn get_record(&self, id: &str, options: &GetUser, op: Operation) -> Result<User> {
        let request = self
            .http
            .request(
                Method::GET,
                "services/data/{}/sobjects/User/{}",
                &[&self.version, id],
            )?
            .remote_query(&options.common().remote_query);
        let response = self.http.send(request, op).await?;
        let (wire, remote) = decode_one::<WireUser>(&response.body)?;
        Ok(to_user(wire, remote))
    }
}

/// The instance's origin, from `base_url` (tests, proxies) or else `instance_url`.
/// `62.0`, `v62.0` or `62` → `v62.0`.
fn api_version(text: &str) -> Result<String> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let bare = text.trim().trim_start_matches(['v', 'V']);
    let (major, minor) = bare.split_once('.').unwrap_or((bare, "0"));
    if digits(major) && digits(minor) {
        Ok(format!("v{major}.{minor}"))
    } else {
        Err(Error::config(format!(
            "`api_version` must look like {DEFAULT_API_VERSION}, not `{text}`"
        ))
        .with_provider(SLUG))
    }
}

// ---------------------------------------------------------------------------------------
// SOQL

/// The SOQL of a listing: the mapped fields, the filters as a `WHERE`, ordered by `Id`.
fn soql(options: &truto_core::ListUsers) -> Result<String> {
    let mut clauses = Vec::new();
    for (filter, value) in &options.filters {
        if value.trim().is_empty() {
            return Err(Error::invalid_input(format!(
                "the `{filter}` filter needs a value"
            )));
        }
        let equals = |field: &str| format!("{field} = {}", literal(value));
        let clause = match filter {
            Filter::FirstName => equals("FirstName"),
            Filter::LastName => equals("LastName"),
            Filter::Name => equals("Name"),
            Filter::Email => equals("Email"),
            Filter::Username => equals("Username"),
            Filter::Title => equals("Title"),
            Filter::Status => match UserStatus::from_unified(value.trim()) {
                UserStatus::Active => "IsActive = true".to_owned(),
                UserStatus::Inactive => "IsActive = false".to_owned(),
                _ => {
                    return Err(Error::invalid_input(format!(
                        "Salesforce filters by status `active` or `inactive`, not `{value}`"
                    )));
                }
            },
            Filter::UserType => match value.trim() {
                "user" => "UserType = 'Standard'".to_owned(),
                other => format!("UserType = {}", literal(other)),
            },
            Filter::RoleId => format!(
                "(ProfileId = {0} OR UserRoleId = {0})",
                literal(value.trim())
            ),
            Filter::CreatedAt => format!("CreatedDate > {}", datetime_literal(*filter, value)?),
            Filter::UpdatedAt => {
                format!("LastModifiedDate > {}", datetime_literal(*filter, value)?)
            }
            other => {
                return Err(Error::unsupported(format!(
                    "Salesforce does not support the `{other}` filter"
                )));
            }
        };
        clauses.push(clause);
    }
    let mut query = format!("SELECT {} FROM User", FIELDS.join(", "));
    if !clauses.is_empty() {
        query.push_str(" WHERE ");
        query.push_str(&clauses.join(" AND "));
    }
    query.push_str(" ORDER BY Id");
    Ok(query)
}

/// A SOQL string literal: single quotes, with `'`, `\`, `"` and control characters escaped
/// by the sequences SOQL defines.
pub fn literal(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A SOQL dateTime literal (`2024-01-01T00:00:00Z`, unquoted) from an RFC 3339 date-time
/// or a `YYYY-MM-DD` date (midnight UTC). SOQL literals have whole seconds.
fn datetime_literal(filter: Filter, value: &str) -> Result<String> {
    let text = value.trim();
    let when: Option<DateTime<Utc>> = parse_datetime(text).or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc())
    });
    match when {
        Some(when) => Ok(when.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        None => Err(Error::invalid_input(format!(
            "the `{filter}` filter takes an RFC 3339 date-time or a YYYY-MM-DD date, not `{value}`"
        ))),
    }
}

// ---------------------------------------------------------------------------------------
// Wire types and mapping

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct QueryResponse {
    #[serde(default)]
    total_size: Option<u64>,
    done: bool,
    #[serde(default)]
    next_records_url: Option<String>,
    records: Vec<Box<RawValue>>,
}

/// A related record in a SOQL result (`Profile`, `UserRole`): its `Name`, when selected.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Related {
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct WireUser {
    id: String,
    #[serde(default)]
    username: Option<String>,
    #[serde(default)]
    first_name: Option<String>,
    #[serde(default)]
    last_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    is_active: Option<bool>,
    #[serde(default)]
    user_type: Option<String>,
    #[serde(default)]
    profile_id: Option<String>,
    #[serde(default)]
    profile: Option<Related>,
    #[serde(default)]
    user_role_id: Option<String>,
    #[serde(default)]
    user_role: Option<Related>,
    #[serde(default)]
    federation_identifier: Option<String>,
    #[serde(default)]
    employee_number: Option<String>,
    #[serde(default)]
    alias: Option<String>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    division: Option<String>,
    #[serde(default)]
    company_name: Option<String>,
    #[serde(default)]
    manager_id: Option<String>,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    extension: Option<String>,
    #[serde(default)]
    mobile_phone: Option<String>,
    #[serde(default)]
    small_photo_url: Option<String>,
    #[serde(default)]
    full_photo_url: Option<String>,
    #[serde(default)]
    time_zone_sid_key: Option<String>,
    #[serde(default)]
    language_locale_key: Option<String>,
    #[serde(default)]
    about_me: Option<String>,
    #[serde(default)]
    created_date: Option<String>,
    #[serde(default)]
    last_modified_date: Option<String>,
    #[serde(default)]
    last_login_date: Option<String>,
}

fn date(text: Option<&String>) -> Option<DateTime<Utc>> {
    text.and_then(|t| parse_datetime(t))
}

fn to_user(w: WireUser, remote: RemoteData) -> User {
    let mut user = User::new(w.id);
    user.external_id = non_empty(w.federation_identifier);
    let mut identifiers = Map::new();
    for (key, value) in [
        ("employee_number", w.employee_number),
        ("alias", w.alias),
        ("department", w.department),
        ("division", w.division),
        ("manager_id", w.manager_id),
    ] {
        if let Some(value) = non_empty(value) {
            identifiers.insert(key.to_owned(), Value::String(value));
        }
    }
    user.identifiers = (!identifiers.is_empty()).then_some(identifiers);
    user.first_name = non_empty(w.first_name);
    user.last_name = non_empty(w.last_name);
    user.name = non_empty(w.name);
    user.title = non_empty(w.title);
    user.username = non_empty(w.username);
    if let Some(email) = non_empty(w.email) {
        user.emails.push(Email::new(email).primary(true));
    }
    if let Some(number) = non_empty(w.phone) {
        let mut phone = Phone::new(number).with_type("work");
        phone.extension = non_empty(w.extension);
        user.phones.push(phone);
    }
    if let Some(number) = non_empty(w.mobile_phone) {
        user.phones.push(Phone::new(number).with_type("mobile"));
    }
    user.status = w.is_active.map(UserStatus::from_active);
    let profile_name = non_empty(w.profile.and_then(|p| p.name));
    let profile_id = non_empty(w.profile_id);
    if profile_id.is_some() || profile_name.is_some() {
        user.roles.push(Role::new(profile_id, profile_name));
    }
    let role_name = non_empty(w.user_role.and_then(|r| r.name));
    let role_id = non_empty(w.user_role_id);
    if role_id.is_some() || role_name.is_some() {
        user.roles.push(Role::new(role_id, role_name));
    }
    if let Some(company) = non_empty(w.company_name) {
        user.organizations
            .push(Organization::new(None, Some(company)));
    }
    user.user_type = non_empty(w.user_type).map(|t| {
        if t == "Standard" {
            "user".to_owned()
        } else {
            t
        }
    });
    user.avatar = non_empty(w.full_photo_url).or_else(|| non_empty(w.small_photo_url));
    user.timezone = non_empty(w.time_zone_sid_key);
    user.languages = non_empty(w.language_locale_key).into_iter().collect();
    user.bio = non_empty(w.about_me);
    user.created_at = date(w.created_date.as_ref());
    user.updated_at = date(w.last_modified_date.as_ref());
    user.last_login_at = date(w.last_login_date.as_ref());
    user.remote_data = Some(remote);
    user
}

// ---------------------------------------------------------------------------------------
// Updates

/// The `PATCH` body of an update: User fields and their new values.
fn update_body(update: &UserUpdate) -> Result<Map<String, Value>> {
    let mut body = Map::new();
    let mut set = |field: &str, value: Value| {
        body.insert(field.to_owned(), value);
    };
    if let Some(status) = &update.status {
        let active = match status {
            UserStatus::Active => true,
            UserStatus::Inactive => false,
            other => {
                return Err(Error::invalid_input(format!(
                    "Salesforce sets status `active` or `inactive`, not `{other}`"
                )));
            }
        };
        set("IsActive", Value::Bool(active));
    }
    for (field, value) in [
        ("FirstName", &update.first_name),
        ("LastName", &update.last_name),
        ("Title", &update.title),
        ("Username", &update.username),
        ("TimeZoneSidKey", &update.timezone),
    ] {
        if let Some(value) = value {
            set(field, Value::String(value.clone()));
        }
    }
    if let Some(emails) = &update.emails {
        match emails.as_slice() {
            [one] => set("Email", Value::String(one.email.clone())),
            [] => {
                return Err(Error::invalid_input(
                    "a Salesforce user must keep an email address",
                ));
            }
            _ => {
                return Err(Error::invalid_input(
                    "a Salesforce user has exactly one email address; pass one",
                ));
            }
        }
    }
    if let Some(phones) = &update.phones {
        let (mut work, mut mobile) = (None, None);
        for phone in phones {
            let is_mobile = phone
                .kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("mobile"));
            let slot = if is_mobile { &mut mobile } else { &mut work };
            if slot.replace(phone).is_some() {
                return Err(Error::invalid_input(
                    "a Salesforce user has one phone and one mobile phone; pass at most one of each",
                ));
            }
        }
        let text = |v: Option<&String>| v.map_or(Value::Null, |s| Value::String(s.clone()));
        set("Phone", text(work.map(|p| &p.number)));
        set("Extension", text(work.and_then(|p| p.extension.as_ref())));
        set("MobilePhone", text(mobile.map(|p| &p.number)));
    }
    if let Some(languages) = &update.languages {
        match languages.as_slice() {
            [one] => set(
                "LanguageLocaleKey",
                Value::String(one.trim().replace('-', "_")),
            ),
            _ => {
                return Err(Error::invalid_input(
                    "a Salesforce user has exactly one language (LanguageLocaleKey, e.g. en_US); pass one",
                ));
            }
        }
    }
    if let Some(extra) = &update.remote_data {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    Ok(body)
}

// ---------------------------------------------------------------------------------------
// Errors

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ApiError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    error_code: Option<String>,
    #[serde(default)]
    fields: Option<Vec<String>>,
}

/// Reads Salesforce's error arrays `[{"message", "errorCode", "fields"}]`; other bodies
/// (the OAuth endpoints' `{"error", "error_description"}`) go to the generic reader.
pub fn salesforce_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let errors = match serde_json::from_slice::<Vec<ApiError>>(body) {
        Ok(errors) if !errors.is_empty() => errors,
        _ => return generic_error_details(status, headers, body),
    };
    let messages: Vec<String> = errors
        .iter()
        .filter_map(|e| {
            let message = e.message.as_deref()?.trim();
            Some(match e.fields.as_deref() {
                Some(fields) if !fields.is_empty() => {
                    format!("{message} (fields: {})", fields.join(", "))
                }
                _ => message.to_owned(),
            })
        })
        .filter(|m| !m.is_empty())
        .collect();
    let mut details = ErrorDetails::default();
    details.message = (!messages.is_empty()).then(|| messages.join("; "));
    details.code = errors.iter().find_map(|e| non_empty(e.error_code.clone()));
    if let Some(limit) = errors
        .iter()
        .find(|e| e.error_code.as_deref() == Some("REQUEST_LIMIT_EXCEEDED"))
    {
        let concurrent = limit
            .message
            .as_deref()
            .is_some_and(|m| m.to_ascii_lowercase().contains("concurrent"));
        // Concurrent-request limits clear in seconds; the daily allocation in hours.
        if concurrent {
            details.throttled = true;
        } else {
            details.quota_exhausted = true;
        }
    }
    details
}

// ---------------------------------------------------------------------------------------

#[async_trait]
impl UserDirectory for Salesforce {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let http_request = self.query_request(&request)?;
        let response = self.http.send(http_request, Operation::List).await?;
        let page: QueryResponse = response.json()?;
        let users = page
            .records
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<WireUser>(raw, i)?;
                Ok(to_user(wire, remote))
            })
            .collect::<Result<Vec<_>>>()?;
        let next = if page.done {
            None
        } else {
            match url_next(page.next_records_url) {
                Some(next) => Some(next),
                // Stopping here would silently drop the rest of the listing.
                None => {
                    return Err(Error::decode(
                        "the query result says `done: false` but has no `nextRecordsUrl`",
                    ));
                }
            }
        };
        Ok(Page::new(users, next).with_total(page.total_size))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        self.get_record(id, options, Operation::Get).await
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let body = update_body(&options.body)?;
        // A PATCH sets each named field to the value it carries, so sending it twice has
        // the effect of sending it once: safe to retry after a 5xx or a timeout.
        let request = self
            .http
            .request(
                Method::PATCH,
                "services/data/{}/sobjects/User/{}",
                &[&self.version, id],
            )?
            .json(&body)?
            .idempotent();
        self.http.send(request, Operation::Update).await?;
        // Salesforce answers 204 No Content: read the user back.
        self.get_record(id, &GetUser::new(), Operation::Update)
            .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_escape_what_soql_reserves() {
        assert_eq!(literal("o'brien"), r"'o\'brien'");
        assert_eq!(literal(r"a\b"), r"'a\\b'");
        assert_eq!(literal("x\"y\nz\u{1}"), r#"'x\"y\nz\u0001'"#);
        assert_eq!(literal("héllo"), "'héllo'");
    }

    #[test]
    fn api_versions_are_normalised_or_refused() {
        assert_eq!(api_version("62.0").unwrap(), "v62.0");
        assert_eq!(api_version("v61.0").unwrap(), "v61.0");
        assert_eq!(api_version("63").unwrap(), "v63.0");
        for bad in ["", "latest", "62.x", "../x", "6 2.0"] {
            assert!(api_version(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_become_soql_datetime_literals() {
        let f = Filter::CreatedAt;
        assert_eq!(
            datetime_literal(f, "2024-01-02T03:04:05+02:00").unwrap(),
            "2024-01-02T01:04:05Z"
        );
        assert_eq!(
            datetime_literal(f, "2024-01-02").unwrap(),
            "2024-01-02T00:00:00Z"
        );
        assert!(datetime_literal(f, "last week").is_err());
        assert!(datetime_literal(f, "2024-13-40").is_err());
    }

    #[test]
    fn error_arrays_are_read_and_limits_flagged() {
        let h = HeaderMap::new();
        let d = salesforce_error(
            StatusCode::BAD_REQUEST,
            &h,
            br#"[{"message":"Username already exists","errorCode":"DUPLICATE_USERNAME","fields":["Username"]},{"message":"Bad email","errorCode":"INVALID_EMAIL_ADDRESS","fields":[]}]"#,
        );
        assert_eq!(
            d.message.as_deref(),
            Some("Username already exists (fields: Username); Bad email")
        );
        assert_eq!(d.code.as_deref(), Some("DUPLICATE_USERNAME"));
        assert!(!d.throttled && !d.quota_exhausted);

        let d = salesforce_error(
            StatusCode::FORBIDDEN,
            &h,
            br#"[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"TotalRequests Limit exceeded."}]"#,
        );
        assert!(d.quota_exhausted && !d.throttled);

        let d = salesforce_error(
            StatusCode::FORBIDDEN,
            &h,
            br#"[{"errorCode":"REQUEST_LIMIT_EXCEEDED","message":"ConcurrentPerOrgLongTxn Limit exceeded."}]"#,
        );
        assert!(d.throttled && !d.quota_exhausted);

        let d = salesforce_error(
            StatusCode::BAD_REQUEST,
            &h,
            br#"{"error":"invalid_grant","error_description":"authentication failure"}"#,
        );
        assert_eq!(d.message.as_deref(), Some("authentication failure"));
    }
}
