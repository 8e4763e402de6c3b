//! # Google Workspace
//!
//! The users of a Google Workspace (or Cloud Identity) account, through the Admin SDK
//! Directory API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `google_workspace` |
//! | operations | list, get, update (`status`, `first_name`, `last_name`, `name`, `remote_data`) |
//! | base URL | `https://admin.googleapis.com/admin/directory/v1` |
//! | list | `GET users?customer=…\|domain=…&maxResults=…&pageToken=…&projection=full&viewType=admin_view`; pages by `pageToken`/`nextPageToken` |
//! | get | `GET users/{userKey}?projection=full&viewType=admin_view` (`userKey` is the id, primary email or an alias) |
//! | update | `PUT users/{userKey}` with only the changed fields (`users.update` has patch semantics) |
//! | page size | 500 by default, at most 500 (`maxResults`) |
//! | parameters | `customer` (a customer id, or `my_customer`, the default), `domain` (one domain of the account) |
//! | filters | `email`, `first_name`, `last_name`, `name`, `title`, `status`, `user_type`, `org_unit_path`, `customer_id`, `sort_by` |
//!
//! ## Authentication
//!
//! Either of:
//!
//! - **an OAuth 2.0 access token** (`Authorization: Bearer`): config key `access_token`
//!   (env `TRUTO_GOOGLE_WORKSPACE_ACCESS_TOKEN`). The caller obtains and renews it; a 401
//!   is returned as `Unauthenticated`.
//! - **a service account with domain-wide delegation** (JWT bearer grant, RFC 7523): the
//!   key file's contents in `service_account_json` (env
//!   `TRUTO_GOOGLE_WORKSPACE_SERVICE_ACCOUNT_JSON`), or its parts in
//!   `service_account_email` and `private_key` (a PEM RSA key; `\n` escapes, as an
//!   environment variable often carries them, are accepted), plus `subject`, the admin
//!   user to act as (required: the Directory API answers only for an admin). Optional
//!   `scopes` (space- or comma-separated; default
//!   `https://www.googleapis.com/auth/admin.directory.user`, or
//!   `https://www.googleapis.com/auth/admin.directory.user.readonly` for read-only use)
//!   and `token_url` (default: the key file's `token_uri`, else
//!   `https://oauth2.googleapis.com/token`). The client signs an RS256 assertion
//!   `{iss: client_email, sub: subject, scope, aud: token URL, iat, exp: iat + 3600}`,
//!   exchanges it for an access token (10 s timeout), caches the token until 60 s before it
//!   expires, and fetches a new one once after a 401. The key, the assertion and token
//!   responses never appear in errors or `Debug` output. The service account's client id
//!   must be granted the scopes under Admin console › Security › API controls ›
//!   Domain-wide delegation.
//!
//! Scopes: listing and getting need `admin.directory.user.readonly` (or the full scope);
//! updating needs `admin.directory.user`.
//!
//! ## Filters
//!
//! Filters become clauses of Google's `query` search language, joined by spaces (AND);
//! text values are single-quoted with `\` and `'` escaped:
//!
//! | filter | query clause |
//! |---|---|
//! | `email` (also `find_by_email`) | `email:'…'` (matches aliases too) |
//! | `first_name` / `last_name` / `name` | `givenName:'…'` / `familyName:'…'` / `name:'…'` |
//! | `title` | `orgTitle:'…'` |
//! | `status` | `active` → `isSuspended=false isArchived=false`, `inactive` → `isSuspended=true`, `archived` → `isArchived=true`; `deleted` lists deleted users instead (`showDeleted=true`) |
//! | `user_type` | `admin` → `isAdmin=true`, `delegated_admin` → `isDelegatedAdmin=true`, `user` → `isAdmin=false isDelegatedAdmin=false` |
//! | `org_unit_path` | `orgUnitPath='/…'` (the unit and the units below it) |
//!
//! `customer_id` is the same as the `customer` parameter (give one, or the same value in
//! both). `sort_by` is `email`, `first_name` or `last_name` (Google's `givenName` and
//! `familyName` are accepted too), prefixed with `-` or suffixed with `:desc` for
//! descending order: it becomes `orderBy` and `sortOrder`. A `query` in the remote query
//! is joined with the filters' clauses; other remote-query keys the client would set
//! itself (`projection`, `viewType`, `customer`, `domain`, `maxResults`, `orderBy`,
//! `sortOrder`, `showDeleted`) replace the client's values; `pageToken` is refused (page
//! with cursors).
//!
//! ## Mapping
//!
//! `primaryEmail` is the primary email and the `username`, followed by the other
//! `emails[]` and the `aliases` (type `alias`). `name` is `name.displayName`, else
//! `name.fullName`. Status: a deleted user (`deletionTime`) is `deleted`, an archived one
//! is the raw `archived`, a suspended one `inactive`, others `active`; `status_changed_at`
//! is the matching deletion, archival or suspension time. `isAdmin` / `isDelegatedAdmin`
//! give `user_type` `admin` / `delegated_admin` (guests `guest`, others `user`) and the
//! roles `Super Admin` / `Delegated Admin`. The primary (else first) of `organizations[]`
//! gives `title`; every organization with a name is an organization. `externalIds[]` of
//! type `organization` (the employee id), else the first, is `external_id`; all of them,
//! with the customer id, org unit path, department, cost center and manager, are in
//! `identifiers`. `lastLoginTime` of 1970-01-01 (never signed in) is no `last_login_at`.
//! `isEnrolledIn2Sv` is `is_2fa_enabled`; `thumbnailPhotoUrl` the avatar; `languages[]`,
//! `phones[]` and `websites[]` map to languages, phones and urls. `isMailboxSetup`,
//! `agreedToTerms` and the rest stay in `remote_data`.
//!
//! ## Rate limits
//!
//! 2,400 queries per minute per user per Cloud project by default. Google answers 403
//! `userRateLimitExceeded` or `quotaExceeded`, or 429 `rateLimitExceeded`: these are
//! retried with backoff (no rate-limit headers are documented; a `Retry-After` is
//! honoured). 403 `dailyLimitExceeded` is a `RateLimited` error that is not retried.
//!
//! ## Not supported, or not confirmed
//!
//! - Updating `title` (it lives in the repeated `organizations[]`, which can only be
//!   replaced whole), `password` (needs a `hashFunction`), emails and phones.
//! - That a partial `name` object in `users.update` keeps the sub-fields it leaves out
//!   (Google documents that absent fields are preserved; nested objects are assumed to
//!   follow).
//! - Whether `\` needs escaping in query values is not documented; single quotes are
//!   escaped with a backslash as Google's examples do.
//! - Updates use `PUT` (`users.update`), which Google recommends over `PATCH`
//!   (`users.patch`); the body holds absolute values only, so it is retried safely.
//! - Google's published description types `emails`, `phones`, `organizations` and other
//!   repeated fields as "any"; the API returns arrays of objects, which is what is decoded
//!   (anything else is a decode error).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! // TRUTO_GOOGLE_WORKSPACE_SERVICE_ACCOUNT_JSON and TRUTO_GOOGLE_WORKSPACE_SUBJECT set.
//! let dir = truto_idp::google_workspace::connect(&Config::from_env("google_workspace"))?;
//! let mut users = dir.list_users(ListUsers::new().filter(Filter::Status, "active"));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Datelike, Utc};
use http::header::HeaderMap;
use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::provider::decode::{decode_one, decode_record, non_empty, parse_datetime};
use truto_core::provider::http::{
    ErrorDetails, HttpClient, ProviderHttp, Request, Response, generic_error_details,
};
use truto_core::provider::paging::token_next;
use truto_core::provider::{
    Connection, Credential, FilterRule, Page, PageRequest, Position, UpdateField,
};
use truto_core::{
    Config, Email, Error, Family, Filter, GetUser, Integration, Operation, Organization,
    PaginationStyle, Phone, RemoteData, Result, Role, UpdateUser, User, UserDirectory, UserStatus,
    UserUrl,
};
use truto_core::{ConfigKey, Param};

/// The default scope: read and change users.
pub const SCOPE_USER: &str = "https://www.googleapis.com/auth/admin.directory.user";
/// The read-only scope, enough to list and get.
pub const SCOPE_USER_READONLY: &str =
    "https://www.googleapis.com/auth/admin.directory.user.readonly";
/// Google's OAuth 2.0 token endpoint.
pub const DEFAULT_TOKEN_URL: &str = "https://oauth2.googleapis.com/token";
/// The `customer` sent when neither `customer` nor `domain` is given.
pub const MY_CUSTOMER: &str = "my_customer";

const CONFIG: &[ConfigKey] = &[
    ConfigKey::optional_secret(
        "access_token",
        "OAuth 2.0 access token with an admin.directory.user scope",
    ),
    ConfigKey::optional_secret(
        "service_account_json",
        "the service account's JSON key file contents",
    ),
    ConfigKey::optional(
        "service_account_email",
        "the service account's client_email (with private_key, instead of service_account_json)",
    ),
    ConfigKey::optional_secret(
        "private_key",
        "the service account's PEM private key (with service_account_email)",
    ),
    ConfigKey::optional(
        "subject",
        "the admin user the service account acts as (required with a service account)",
    ),
    ConfigKey::optional(
        "scopes",
        "OAuth scopes for the service account (default admin.directory.user)",
    ),
    ConfigKey::optional(
        "token_url",
        "token endpoint (default: the key file's token_uri, else https://oauth2.googleapis.com/token)",
    ),
];

/// What the Google Workspace integration declares.
pub static INTEGRATION: Integration =
    Integration::new("google_workspace", "Google Workspace", Family::Idp)
        .note("Directory API; `access_token`, or a service account (`service_account_json` + `subject`) with domain-wide delegation")
        .list(PaginationStyle::CursorField)
        .get()
        .update(&[
            UpdateField::native("status"),
            UpdateField::native("first_name"),
            UpdateField::native("last_name"),
            UpdateField::native("name"),
            UpdateField::native("remote_data"),
        ])
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::FirstName),
            FilterRule::native(Filter::LastName),
            FilterRule::native(Filter::Name),
            FilterRule::native(Filter::Title),
            FilterRule::native(Filter::Status),
            FilterRule::native(Filter::UserType),
            FilterRule::native(Filter::OrgUnitPath),
            FilterRule::native(Filter::CustomerId),
            FilterRule::native(Filter::SortBy),
        ])
        .email_filter(Filter::Email)
        .params(&[
            Param::new(
                "customer",
                "customer id of the account, or `my_customer` (the default) for the caller's own",
            ),
            Param::new(
                "domain",
                "list the users of this domain only (instead of `customer`)",
            ),
        ])
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::service_account(
                "service_account_json",
                "subject",
                SCOPE_USER,
                DEFAULT_TOKEN_URL,
            ),
            Credential::service_account_key(
                "service_account_email",
                "private_key",
                "subject",
                SCOPE_USER,
                DEFAULT_TOKEN_URL,
            ),
        ])
        .base_url("https://admin.googleapis.com/admin/directory/v1")
        .config(CONFIG)
        .page_size(500, 500);

// ---------------------------------------------------------------------------------------
// Wire types
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UsersPage {
    #[serde(default)]
    users: Option<Vec<Box<RawValue>>>,
    #[serde(default)]
    next_page_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GUser {
    id: String,
    #[serde(default)]
    primary_email: Option<String>,
    #[serde(default)]
    name: Option<GName>,
    #[serde(default)]
    suspended: Option<bool>,
    #[serde(default)]
    archived: Option<bool>,
    #[serde(default)]
    is_admin: Option<bool>,
    #[serde(default)]
    is_delegated_admin: Option<bool>,
    #[serde(default)]
    is_guest_user: Option<bool>,
    #[serde(default, rename = "isEnrolledIn2Sv")]
    is_enrolled_in_2sv: Option<bool>,
    #[serde(default)]
    org_unit_path: Option<String>,
    #[serde(default)]
    customer_id: Option<String>,
    #[serde(default)]
    creation_time: Option<String>,
    #[serde(default)]
    last_login_time: Option<String>,
    #[serde(default)]
    deletion_time: Option<String>,
    #[serde(default)]
    suspension_time: Option<String>,
    #[serde(default)]
    archival_time: Option<String>,
    #[serde(default)]
    thumbnail_photo_url: Option<String>,
    #[serde(default)]
    aliases: Option<Vec<String>>,
    #[serde(default)]
    emails: Option<Vec<GEmail>>,
    #[serde(default)]
    phones: Option<Vec<GPhone>>,
    #[serde(default)]
    organizations: Option<Vec<GOrganization>>,
    #[serde(default)]
    languages: Option<Vec<GLanguage>>,
    #[serde(default)]
    external_ids: Option<Vec<GExternalId>>,
    #[serde(default)]
    websites: Option<Vec<GWebsite>>,
    #[serde(default)]
    relations: Option<Vec<GRelation>>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct GName {
    #[serde(default)]
    given_name: Option<String>,
    #[serde(default)]
    family_name: Option<String>,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GEmail {
    #[serde(default)]
    address: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    custom_type: Option<String>,
    #[serde(default)]
    primary: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GPhone {
    #[serde(default)]
    value: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    custom_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GOrganization {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    cost_center: Option<String>,
    #[serde(default)]
    primary: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GLanguage {
    #[serde(default)]
    language_code: Option<String>,
    #[serde(default)]
    custom_language: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GExternalId {
    #[serde(default)]
    value: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    custom_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GWebsite {
    #[serde(default)]
    value: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    custom_type: Option<String>,
}

#[derive(Deserialize)]
struct GRelation {
    #[serde(default)]
    value: Option<String>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

/// `{"error": {"code", "message", "errors": [{"reason", "domain", "message"}], "status"}}`.
#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorInner,
}

#[derive(Deserialize)]
struct ErrorInner {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    errors: Vec<ErrorItem>,
    #[serde(default)]
    status: Option<String>,
}

#[derive(Deserialize)]
struct ErrorItem {
    #[serde(default)]
    reason: Option<String>,
}

/// Reasons Google documents for throttling that passes after a backoff.
const THROTTLE_REASONS: &[&str] = &[
    "userRateLimitExceeded",
    "rateLimitExceeded",
    "quotaExceeded",
];
/// Reasons for quotas that reset in hours.
const QUOTA_REASONS: &[&str] = &["dailyLimitExceeded"];

/// Reads Google's JSON error bodies; throttle reasons are flagged.
fn google_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let Ok(ErrorBody { error }) = serde_json::from_slice::<ErrorBody>(body) else {
        return generic_error_details(status, headers, body);
    };
    let reasons: Vec<&str> = error
        .errors
        .iter()
        .filter_map(|e| e.reason.as_deref())
        .collect();
    let quota = reasons.iter().any(|r| QUOTA_REASONS.contains(r));
    let throttled = quota || reasons.iter().any(|r| THROTTLE_REASONS.contains(r));
    let mut details = ErrorDetails::default();
    details.message = non_empty(error.message);
    details.code = reasons
        .first()
        .map(|r| (*r).to_owned())
        .or_else(|| non_empty(error.status));
    details.throttled = throttled;
    details.quota_exhausted = quota;
    details
}

// ---------------------------------------------------------------------------------------
// Mapping
// ---------------------------------------------------------------------------------------

/// `type`, or the `customType` when the type is `custom`.
fn kind_of(kind: Option<String>, custom: Option<String>) -> Option<String> {
    match non_empty(kind) {
        Some(k) if k == "custom" => non_empty(custom).or(Some(k)),
        other => other,
    }
}

/// A timestamp, where Google's zero time (1970-01-01) means "never".
fn real_time(text: Option<&str>) -> Option<DateTime<Utc>> {
    parse_datetime(text?).filter(|d| d.year() > 1970)
}

fn to_user(wire: GUser, remote: RemoteData) -> User {
    let mut user = User::new(wire.id);
    let name = wire.name.unwrap_or_default();
    let primary = non_empty(wire.primary_email);

    // Emails: the primary address first, then the others, then aliases; each address once.
    let listed: Vec<GEmail> = wire.emails.unwrap_or_default();
    let aliases: Vec<String> = wire.aliases.unwrap_or_default();
    let mut emails: Vec<Email> = Vec::new();
    let seen = |emails: &Vec<Email>, address: &str| {
        emails
            .iter()
            .any(|e: &Email| e.email.eq_ignore_ascii_case(address))
    };
    if let Some(address) = &primary {
        let mut email = Email::new(address.clone()).primary(true);
        if let Some(kind) = listed
            .iter()
            .find(|e| {
                e.address
                    .as_deref()
                    .is_some_and(|a| a.eq_ignore_ascii_case(address))
            })
            .and_then(|e| kind_of(e.kind.clone(), e.custom_type.clone()))
        {
            email = email.with_type(kind);
        }
        emails.push(email);
    }
    for e in listed {
        let Some(address) = non_empty(e.address) else {
            continue;
        };
        if seen(&emails, &address) {
            continue;
        }
        let mut email = Email::new(address);
        email.kind = kind_of(e.kind, e.custom_type).or_else(|| {
            aliases
                .iter()
                .any(|a| a.eq_ignore_ascii_case(&email.email))
                .then(|| "alias".to_owned())
        });
        email.is_primary = e.primary.filter(|p| *p && primary.is_none());
        emails.push(email);
    }
    for alias in aliases {
        if !alias.trim().is_empty() && !seen(&emails, &alias) {
            emails.push(Email::new(alias).with_type("alias"));
        }
    }
    user.emails = emails;
    user.username = primary;

    user.first_name = non_empty(name.given_name);
    user.last_name = non_empty(name.family_name);
    user.name = non_empty(name.display_name)
        .or_else(|| non_empty(name.full_name))
        .or_else(|| {
            let joined = [user.first_name.as_deref(), user.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            non_empty(Some(joined))
        });

    // Status, most final state first.
    let deleted = wire.deletion_time.as_deref().and_then(parse_datetime);
    let (status, changed) = if wire.deletion_time.is_some() {
        (Some(UserStatus::Deleted), deleted)
    } else if wire.archived == Some(true) {
        (
            Some(UserStatus::Other("archived".to_owned())),
            real_time(wire.archival_time.as_deref()),
        )
    } else {
        match wire.suspended {
            Some(true) => (
                Some(UserStatus::Inactive),
                real_time(wire.suspension_time.as_deref()),
            ),
            Some(false) => (Some(UserStatus::Active), None),
            None => (None, None),
        }
    };
    user.status = status;
    user.status_changed_at = changed;

    user.is_2fa_enabled = wire.is_enrolled_in_2sv;
    if wire.is_admin == Some(true) {
        user.roles
            .push(Role::new(None, Some("Super Admin".to_owned())));
    }
    if wire.is_delegated_admin == Some(true) {
        user.roles
            .push(Role::new(None, Some("Delegated Admin".to_owned())));
    }
    user.user_type = Some(
        if wire.is_admin == Some(true) {
            "admin"
        } else if wire.is_delegated_admin == Some(true) {
            "delegated_admin"
        } else if wire.is_guest_user == Some(true) {
            "guest"
        } else {
            "user"
        }
        .to_owned(),
    );

    let mut identifiers = Map::new();
    let mut put = |key: &str, value: Option<String>| {
        if let Some(v) = non_empty(value) {
            identifiers.insert(key.to_owned(), Value::String(v));
        }
    };
    put("customer_id", wire.customer_id);
    put("org_unit_path", wire.org_unit_path);

    let organizations = wire.organizations.unwrap_or_default();
    let main_org = organizations
        .iter()
        .find(|o| o.primary == Some(true))
        .or_else(|| organizations.first());
    if let Some(org) = main_org {
        user.title = non_empty(org.title.clone());
        put("department", org.department.clone());
        put("cost_center", org.cost_center.clone());
    }
    let manager = wire
        .relations
        .unwrap_or_default()
        .into_iter()
        .find(|r| r.kind.as_deref() == Some("manager"))
        .and_then(|r| r.value);
    put("manager", manager);
    user.organizations = organizations
        .into_iter()
        .filter_map(|o| non_empty(o.name))
        .map(|name| Organization::new(None, Some(name)))
        .collect();

    let external_ids: Vec<(String, String)> = wire
        .external_ids
        .unwrap_or_default()
        .into_iter()
        .filter_map(|x| {
            let value = non_empty(x.value)?;
            let kind = kind_of(x.kind, x.custom_type).unwrap_or_else(|| "other".to_owned());
            Some((kind, value))
        })
        .collect();
    user.external_id = external_ids
        .iter()
        .find(|(k, _)| k == "organization")
        .or_else(|| external_ids.first())
        .map(|(_, v)| v.clone());
    if !external_ids.is_empty() {
        let mut by_kind = Map::new();
        for (kind, value) in external_ids {
            by_kind.entry(kind).or_insert(Value::String(value));
        }
        identifiers.insert("external_ids".to_owned(), Value::Object(by_kind));
    }
    user.identifiers = (!identifiers.is_empty()).then_some(identifiers);

    user.phones = wire
        .phones
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| {
            let mut phone = Phone::new(non_empty(p.value)?);
            phone.kind = kind_of(p.kind, p.custom_type);
            Some(phone)
        })
        .collect();
    user.languages = wire
        .languages
        .unwrap_or_default()
        .into_iter()
        .filter_map(|l| non_empty(l.language_code).or_else(|| non_empty(l.custom_language)))
        .collect();
    user.urls = wire
        .websites
        .unwrap_or_default()
        .into_iter()
        .filter_map(|w| {
            Some(UserUrl::new(
                non_empty(w.value)?,
                kind_of(w.kind, w.custom_type),
            ))
        })
        .collect();
    user.avatar = non_empty(wire.thumbnail_photo_url);
    user.created_at = real_time(wire.creation_time.as_deref());
    user.last_login_at = real_time(wire.last_login_time.as_deref());
    user.remote_data = Some(remote);
    user
}

// ---------------------------------------------------------------------------------------
// The client
// ---------------------------------------------------------------------------------------

/// A connected Google Workspace directory.
pub struct GoogleWorkspace {
    http: HttpClient,
    integration: &'static Integration,
}

impl fmt::Debug for GoogleWorkspace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GoogleWorkspace")
            .field("integration", &self.integration.slug)
            .field("http", &self.http)
            .finish()
    }
}

/// Connects with `config` (see the module docs for the keys).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(GoogleWorkspace::connect(config)?))
}

impl GoogleWorkspace {
    /// Connects with `config`.
    pub fn connect(config: &Config) -> Result<Self> {
        Self::connect_as(&INTEGRATION, config)
    }

    /// Connects with `config` under another declaration of the same API (the `google`
    /// slug).
    pub(crate) fn connect_as(integration: &'static Integration, config: &Config) -> Result<Self> {
        let connection = Connection::open(integration, config)?;
        let provider = ProviderHttp::new(integration.slug).error_parser(google_error);
        let http = connection.http(provider)?;
        Ok(GoogleWorkspace { http, integration })
    }

    fn decode_user(response: &Response) -> Result<User> {
        let (wire, remote) = decode_one::<GUser>(&response.body)?;
        Ok(to_user(wire, remote))
    }
}

/// A text value of Google's user-search language: single-quoted, with `\` and `'` escaped.
fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The `orderBy` and `sortOrder` for a `sort_by` filter value.
fn sort_order(value: &str) -> Result<(&'static str, &'static str)> {
    let value = value.trim();
    let (field, descending) = if let Some(rest) = value.strip_prefix('-') {
        (rest, true)
    } else if let Some((field, dir)) = value.rsplit_once(':') {
        match dir.trim().to_ascii_lowercase().as_str() {
            "asc" | "ascending" => (field, false),
            "desc" | "descending" => (field, true),
            _ => {
                return Err(Error::invalid_input(format!(
                    "sort direction `{dir}` is neither `asc` nor `desc`"
                )));
            }
        }
    } else {
        (value, false)
    };
    let order_by = match field.trim() {
        "email" | "primaryEmail" => "email",
        "first_name" | "givenName" => "givenName",
        "last_name" | "familyName" => "familyName",
        other => {
            return Err(Error::invalid_input(format!(
                "Google Workspace sorts by `email`, `first_name` or `last_name`, not `{other}`"
            )));
        }
    };
    Ok((
        order_by,
        if descending {
            "DESCENDING"
        } else {
            "ASCENDING"
        },
    ))
}

/// The query parameters of a list request, before the caller's remote query.
fn list_params(request: &PageRequest<'_>) -> Result<Vec<(&'static str, String)>> {
    let options = request.options;
    let mut params: Vec<(&'static str, String)> = Vec::new();

    let customer_param = options.get_param("customer").map(str::trim);
    let customer_filter = options.filter_value(Filter::CustomerId).map(str::trim);
    let customer = match (customer_param, customer_filter) {
        (Some(a), Some(b)) if a != b => {
            return Err(Error::invalid_input(format!(
                "the `customer` parameter (`{a}`) and the `customer_id` filter (`{b}`) disagree"
            )));
        }
        (a, b) => a.or(b).filter(|c| !c.is_empty()),
    };
    let domain = options
        .get_param("domain")
        .map(str::trim)
        .filter(|d| !d.is_empty());
    match (customer, domain) {
        (Some(_), Some(_)) => {
            return Err(Error::invalid_input(
                "give either a `customer` or a `domain`, not both",
            ));
        }
        (Some(c), None) => params.push(("customer", c.to_owned())),
        (None, Some(d)) => params.push(("domain", d.to_owned())),
        (None, None) => params.push(("customer", MY_CUSTOMER.to_owned())),
    }

    let mut clauses: Vec<String> = Vec::new();
    let mut text = |field: &str, filter: Filter| {
        if let Some(v) = options.filter_value(filter) {
            clauses.push(format!("{field}:{}", quoted(v.trim())));
        }
    };
    text("email", Filter::Email);
    text("givenName", Filter::FirstName);
    text("familyName", Filter::LastName);
    text("name", Filter::Name);
    text("orgTitle", Filter::Title);
    if let Some(status) = options.filter_value(Filter::Status) {
        match status.trim() {
            "active" => {
                clauses.push("isSuspended=false".into());
                clauses.push("isArchived=false".into());
            }
            "inactive" => clauses.push("isSuspended=true".into()),
            "archived" => clauses.push("isArchived=true".into()),
            "deleted" => params.push(("showDeleted", "true".into())),
            other => {
                return Err(Error::invalid_input(format!(
                    "Google Workspace filters status by `active`, `inactive`, `archived` or `deleted`, not `{other}`"
                )));
            }
        }
    }
    if let Some(kind) = options.filter_value(Filter::UserType) {
        match kind.trim() {
            "admin" => clauses.push("isAdmin=true".into()),
            "delegated_admin" => clauses.push("isDelegatedAdmin=true".into()),
            "user" => {
                clauses.push("isAdmin=false".into());
                clauses.push("isDelegatedAdmin=false".into());
            }
            other => {
                return Err(Error::invalid_input(format!(
                    "Google Workspace filters user_type by `admin`, `delegated_admin` or `user`, not `{other}`"
                )));
            }
        }
    }
    if let Some(path) = options.filter_value(Filter::OrgUnitPath) {
        let path = path.trim();
        if !path.starts_with('/') {
            return Err(Error::invalid_input(format!(
                "an org unit path starts with `/` (the top level is `/`), not `{path}`"
            )));
        }
        clauses.push(format!("orgUnitPath={}", quoted(path)));
    }
    if !clauses.is_empty() {
        params.push(("query", clauses.join(" ")));
    }

    if let Some(sort) = options.filter_value(Filter::SortBy) {
        let (order_by, order) = sort_order(sort)?;
        params.push(("orderBy", order_by.to_owned()));
        params.push(("sortOrder", order.to_owned()));
    }
    if let Some(size) = request.page_size {
        params.push(("maxResults", size.clamp(1, 500).to_string()));
    }
    params.push(("projection", "full".into()));
    params.push(("viewType", "admin_view".into()));
    Ok(params)
}

/// Adds the client's parameters and the caller's remote query: the caller's `query` is
/// joined with the filters' clauses, and the caller's value wins for any other key the
/// client sets.
fn with_params(
    mut request: Request,
    params: Vec<(&'static str, String)>,
    remote: &std::collections::BTreeMap<String, String>,
) -> Request {
    let mut rest = remote.clone();
    for (key, value) in params {
        match (key, rest.remove(key)) {
            ("query", Some(theirs)) => {
                request = request.query("query", format!("{value} {theirs}"));
            }
            (_, Some(theirs)) => request = request.query(key, theirs),
            (_, None) => request = request.query(key, value),
        }
    }
    request.remote_query(&rest)
}

/// The `users.update` body of an update: the changed fields only.
fn update_body(options: &UpdateUser) -> Result<Value> {
    let b = &options.body;
    let mut body = Map::new();
    if let Some(status) = &b.status {
        let suspended = match status {
            UserStatus::Active => false,
            UserStatus::Inactive => true,
            other => {
                return Err(Error::invalid_input(format!(
                    "Google Workspace sets status `active` or `inactive` (suspended), not `{other}`"
                )));
            }
        };
        body.insert("suspended".into(), Value::Bool(suspended));
    }
    let mut name = Map::new();
    for (field, value) in [
        ("givenName", &b.first_name),
        ("familyName", &b.last_name),
        ("displayName", &b.name),
    ] {
        if let Some(v) = value {
            if v.trim().is_empty() && field != "displayName" {
                return Err(Error::invalid_input(format!(
                    "Google Workspace needs a non-empty `{field}`"
                )));
            }
            name.insert(field.into(), Value::String(v.clone()));
        }
    }
    if !name.is_empty() {
        body.insert("name".into(), Value::Object(name));
    }
    if let Some(extra) = &b.remote_data {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::Object(body))
}

#[async_trait]
impl UserDirectory for GoogleWorkspace {
    fn integration(&self) -> &Integration {
        self.integration
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let token = match request.position {
            Position::Start => None,
            Position::Token(t) => Some(t.as_str()),
            other => {
                return Err(Error::cannot_resume("a Google Workspace listing", other));
            }
        };
        let remote = &request.options.common().remote_query;
        if remote.contains_key("pageToken") {
            return Err(Error::invalid_input(
                "`pageToken` cannot be set in the remote query; resume with a cursor",
            ));
        }
        let mut params = list_params(&request)?;
        if let Some(token) = token {
            params.push(("pageToken", token.to_owned()));
        }
        let http_request = with_params(
            self.http.request(Method::GET, "users", &[])?,
            params,
            remote,
        );
        let response = self.http.send(http_request, Operation::List).await?;
        let page: UsersPage = response.json()?;
        let users = page
            .users
            .unwrap_or_default()
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<GUser>(raw, i)?;
                Ok(to_user(wire, remote))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(users, token_next(page.next_page_token)))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let request = with_params(
            self.http.request(Method::GET, "users/{}", &[id])?,
            vec![
                ("projection", "full".to_owned()),
                ("viewType", "admin_view".to_owned()),
            ],
            &options.common().remote_query,
        );
        let response = self.http.send(request, Operation::Get).await?;
        Self::decode_user(&response)
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let body = update_body(options)?;
        // `users.update` with only absolute values: sending it twice leaves the user as
        // sending it once, so a retry after a 5xx is safe.
        let request = self
            .http
            .request(Method::PUT, "users/{}", &[id])?
            .remote_query(&options.common().remote_query)
            .json(&body)?
            .idempotent();
        let response = self.http.send(request, Operation::Update).await?;
        Self::decode_user(&response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn query_values_are_quoted_and_escaped() {
        assert_eq!(quoted("o'brien"), r"'o\'brien'");
        assert_eq!(quoted(r"a\b"), r"'a\\b'");
        assert_eq!(quoted("/Sales/EMEA North"), "'/Sales/EMEA North'");
    }

    #[test]
    fn sort_values() {
        assert_eq!(sort_order("email").unwrap(), ("email", "ASCENDING"));
        assert_eq!(
            sort_order("-last_name").unwrap(),
            ("familyName", "DESCENDING")
        );
        assert_eq!(
            sort_order("givenName:desc").unwrap(),
            ("givenName", "DESCENDING")
        );
        assert!(sort_order("created_at").is_err());
        assert!(sort_order("email:sideways").is_err());
    }

    #[test]
    fn error_bodies_flag_throttling_and_quotas() {
        let body = |reason: &str| {
            json!({"error": {"code": 403, "message": "m", "errors": [{"reason": reason, "domain": "usageLimits", "message": "m"}]}})
                .to_string()
        };
        let h = HeaderMap::new();
        for reason in [
            "userRateLimitExceeded",
            "quotaExceeded",
            "rateLimitExceeded",
        ] {
            let d = google_error(StatusCode::FORBIDDEN, &h, body(reason).as_bytes());
            assert!(d.throttled && !d.quota_exhausted, "{reason}");
            assert_eq!(d.code.as_deref(), Some(reason));
        }
        let d = google_error(
            StatusCode::FORBIDDEN,
            &h,
            body("dailyLimitExceeded").as_bytes(),
        );
        assert!(d.quota_exhausted);
        let d = google_error(StatusCode::FORBIDDEN, &h, body("forbidden").as_bytes());
        assert!(!d.throttled && !d.quota_exhausted);
        assert_eq!(d.message.as_deref(), Some("m"));
        let d = google_error(StatusCode::BAD_GATEWAY, &h, b"<html>bad gateway</html>");
        assert!(!d.throttled);
    }

    #[test]
    fn never_logged_in_is_no_time() {
        assert_eq!(real_time(Some("1970-01-01T00:00:00.000Z")), None);
        assert!(real_time(Some("2024-03-01T10:00:00.000Z")).is_some());
        assert_eq!(real_time(None), None);
    }
}
