//! # Microsoft Entra ID (Azure Active Directory)
//!
//! The users of a Microsoft Entra ID tenant (called "Azure Active Directory" in Truto's
//! reference), through Microsoft Graph v1.0.
//!
//! | | |
//! |---|---|
//! | slug / feature | `azure_active_directory` |
//! | operations | list (`GET /users`), get (`GET /users/{id}`), update (`PATCH /users/{id}`) |
//! | base URL | `https://graph.microsoft.com/v1.0` (config key `base_url`) |
//! | auth | OAuth 2.0 client credentials: `tenant_id`, `client_id`, `client_secret` (env `TRUTO_AZURE_ACTIVE_DIRECTORY_TENANT_ID`, `…_CLIENT_ID`, `…_CLIENT_SECRET`); or a ready Graph token in `access_token` (env `TRUTO_AZURE_ACTIVE_DIRECTORY_ACCESS_TOKEN`) |
//! | token endpoint | `https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token`, overridable with `token_url`; scope `https://graph.microsoft.com/.default`, overridable with `scope` (national clouds) |
//! | application permissions | `User.Read.All` to list and get; `User.ReadWrite.All` to update (`User.EnableDisableAccount.All` + `User.Read.All` is enough to change `status` alone); `AuditLog.Read.All` for `include_last_login_at` |
//! | page size | `$top`, default and maximum 999; at most 500 when `include_last_login_at` selects `signInActivity` |
//! | paging | `@odata.nextLink`, followed as given and only on the base URL's origin |
//! | rate limits | Graph answers `429` (sometimes `503`) with `Retry-After`, which the transport honours; no remaining/reset headers are documented for directory reads |
//!
//! ## Filters
//!
//! Each filter becomes an OData `eq` clause (string literals quoted with `'`, a quote
//! inside doubled); several are joined with ` and `. All of them are "default" Graph
//! queries: no `ConsistencyLevel` header is needed.
//!
//! | filter | `$filter` |
//! |---|---|
//! | `email` (used by `find_by_email`) | `mail eq '…'` |
//! | `username` | `userPrincipalName eq '…'` |
//! | `first_name` / `last_name` / `name` / `title` | `givenName` / `surname` / `displayName` / `jobTitle eq '…'` |
//! | `status` | `active` → `accountEnabled eq true`, `inactive` → `accountEnabled eq false`, `invited` → `externalUserState eq 'PendingAcceptance'` |
//! | `user_type` | `userType eq 'Member'` or `'Guest'` (case-insensitive input) |
//! | `include_last_login_at` | `true` adds `signInActivity` to `$select` (not a filter) |
//!
//! `include_last_login_at` needs a tenant with Microsoft Entra ID P1 or P2 and the
//! `AuditLog.Read.All` permission; without them Graph answers `403`
//! `Authentication_RequestFromNonPremiumTenantOrB2CTenant`, reported as a permission error
//! that says so. It is also honoured as a parameter of get and update
//! (`GetUser::new().param("include_last_login_at", "true")`), where Graph wants the user's
//! object id, not its user principal name.
//!
//! ## Remote query and advanced queries
//!
//! `remote_query` pairs go to Graph verbatim, with three merges: a `$select` replaces the
//! built-in one (`id`, and `signInActivity` when asked for, are added if missing); a
//! `$filter` is joined to the filters above with ` and `; a `$top` replaces the page size.
//! Graph's "advanced queries" need `ConsistencyLevel: eventual` and `$count=true`: both
//! are sent, on every page, when `remote_query` has `$search`, `$count` or `$orderby`, or a
//! `$filter` using `ne`, `not(…)` or `endsWith(…)`. They are never sent otherwise (the
//! advanced index is eventually consistent).
//!
//! ## Mapping
//!
//! `id`; `userPrincipalName` → `username`; `displayName` → `name`; `givenName`,
//! `surname`, `jobTitle` → `first_name`, `last_name`, `title`; `mail` (primary, `work`)
//! and `otherMails` (`other`) → `emails`; `businessPhones` (`work`) and `mobilePhone`
//! (`mobile`) → `phones`; `accountEnabled` → `status` (`false` is `inactive`; an enabled
//! guest whose `externalUserState` is `PendingAcceptance` is `invited`); `userType`
//! (`Member`/`Guest`, unchanged) → `user_type`; `preferredLanguage` → `languages`;
//! `createdDateTime` → `created_at`; `companyName` → `organizations`;
//! `assignedLicenses[].skuId` → `licenses` (ids only: names need `/subscribedSkus`);
//! `employeeId` → `external_id` (the identifier the customer's HR system sets);
//! `identifiers` holds `employee_id`, `employee_type`, `on_premises_immutable_id`,
//! `on_premises_sam_account_name`, `mail_nickname`, `department` and `office_location`.
//! With `include_last_login_at`: `last_login_at` is `signInActivity.lastSuccessfulSignInDateTime`
//! (Microsoft's advice for "last real access"), or `lastSignInDateTime` when the former is
//! absent (it was not backfilled before December 2023); `last_active_at` is the latest of
//! the interactive, non-interactive and successful sign-in times. Graph's
//! `0001-01-01T00:00:00Z` "never" placeholder is read as absent.
//!
//! ## Update
//!
//! `PATCH /users/{id}` with the changed properties; Graph answers `204 No Content`, so the
//! user is read back with a get (same `$select`). Fields: `status` (`active`/`inactive` →
//! `accountEnabled`), `first_name`, `last_name`, `name`, `title`, `username`
//! (`userPrincipalName`), `phones` (one `mobile` number → `mobilePhone`, at most one other →
//! `businessPhones`, which Graph limits to one; the list replaces both, so a missing kind
//! is cleared), `languages` (at most one → `preferredLanguage`), `user_type` (`Member` or
//! `Guest`), and `remote_data` merged into the body as is.
//!
//! Quirks: a `PATCH` of plain properties replaces values, so it is declared idempotent
//! and retried after a 5xx. Graph replicates writes with a delay, so the read-back may
//! briefly show old values. A next-page link always names Graph's own host, so a
//! `base_url` pointing at a proxy on another origin stops after the first page with an
//! error. Users synchronised from on-premises AD refuse changes to synced properties.
//!
//! Not confirmed against a live tenant: that every built-in `$filter` works without the
//! advanced-query header for every tenant (the property reference lists `eq` as a default
//! capability for each); the 500-user page limit with `signInActivity` is from Microsoft's
//! beta reference of mid-2025.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! // TRUTO_AZURE_ACTIVE_DIRECTORY_TENANT_ID, _CLIENT_ID and _CLIENT_SECRET
//! let config = Config::from_env("azure_active_directory");
//! let dir = truto_idp::azure_active_directory::connect(&config)?;
//! let options = ListUsers::new()
//!     .filter(Filter::UserType, "Guest")
//!     .filter(Filter::IncludeLastLoginAt, "true");
//! let mut users = dir.list_users(options);
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.last_login_at);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Datelike, Utc};
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
    Config, Email, Error, Filter, GetUser, Integration, License, ListUsers, Operation,
    Organization, Phone, RemoteData, Result, UpdateUser, User, UserDirectory, UserStatus,
};
use truto_core::{ConfigKey, Family, PaginationStyle};

/// The scope of a client-credentials token for Microsoft Graph (global cloud).
pub const DEFAULT_SCOPE: &str = "https://graph.microsoft.com/.default";

/// The properties every list and get asks for (`$select`).
pub const SELECT: &[&str] = &[
    "id",
    "userPrincipalName",
    "displayName",
    "givenName",
    "surname",
    "jobTitle",
    "mail",
    "otherMails",
    "businessPhones",
    "mobilePhone",
    "accountEnabled",
    "userType",
    "externalUserState",
    "preferredLanguage",
    "createdDateTime",
    "employeeId",
    "employeeType",
    "onPremisesImmutableId",
    "onPremisesSamAccountName",
    "mailNickname",
    "department",
    "companyName",
    "officeLocation",
    "assignedLicenses",
];

/// Added to `$select` by `include_last_login_at`.
pub const SIGN_IN_ACTIVITY: &str = "signInActivity";

/// Graph's largest page when `signInActivity` is selected.
const SIGN_IN_MAX_PAGE: u32 = 500;

/// The Microsoft Entra ID integration.
pub static INTEGRATION: Integration = Integration::new(
    "azure_active_directory",
    "Microsoft Entra ID",
    Family::Idp,
)
        .note("Graph; client credentials (`tenant_id`, `client_id`, `client_secret`) or `access_token`; `include_last_login_at` needs P1/P2")
.list(PaginationStyle::NextUrl)
.get()
.update(&[
    UpdateField::native("status"),
    UpdateField::native("first_name"),
    UpdateField::native("last_name"),
    UpdateField::native("name"),
    UpdateField::native("title"),
    UpdateField::native("username"),
    UpdateField::native("phones"),
    UpdateField::native("languages"),
    UpdateField::native("user_type"),
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
    FilterRule::native(Filter::UserType),
    FilterRule::native(Filter::IncludeLastLoginAt),
])
.email_filter(Filter::Email)
.credentials(&[
    Credential::client_credentials(
        "client_id",
        "client_secret",
        "https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token",
    )
    .scope(DEFAULT_SCOPE),
    Credential::bearer("access_token"),
])
.base_url("https://graph.microsoft.com/v1.0")
.config(&[
    ConfigKey::optional(
        "tenant_id",
        "Directory (tenant) id, or a verified domain such as contoso.onmicrosoft.com",
    ),
    ConfigKey::optional(
        "client_id",
        "Application (client) id of the app registration",
    ),
    ConfigKey::optional_secret("client_secret", "A client secret of the app registration"),
    ConfigKey::optional_secret(
        "access_token",
        "A ready Microsoft Graph access token, instead of client credentials",
    ),
    ConfigKey::optional(
        "token_url",
        "Token endpoint (default https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token)",
    ),
    ConfigKey::optional(
        "scope",
        "Token scope (default https://graph.microsoft.com/.default)",
    ),
])
.page_size(999, 999);

/// A connected Microsoft Entra ID tenant.
pub struct AzureActiveDirectory {
    http: HttpClient,
    integration: &'static Integration,
}

impl fmt::Debug for AzureActiveDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AzureActiveDirectory")
            .field("integration", &self.integration.slug)
            .field("http", &self.http)
            .finish()
    }
}

/// Connects to Microsoft Graph with `config`.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(AzureActiveDirectory::connect(config)?))
}

impl AzureActiveDirectory {
    /// Connects with `config` (see the module docs for the keys).
    pub fn connect(config: &Config) -> Result<Self> {
        Self::connect_as(&INTEGRATION, config)
    }

    /// Connects with `config` under another declaration of the same API (the
    /// `microsoft_365` slug).
    pub(crate) fn connect_as(integration: &'static Integration, config: &Config) -> Result<Self> {
        let connection = Connection::open(integration, config)?;
        let provider = ProviderHttp::new(integration.slug).error_parser(graph_error);
        let http = connection.http(provider)?;
        Ok(AzureActiveDirectory { http, integration })
    }

    async fn read_user(&self, id: &str, sign_in: bool, op: Operation) -> Result<User> {
        let request = self
            .http
            .request(Method::GET, "users/{}", &[id])?
            .query("$select", select(sign_in));
        let response = self.http.send(request, op).await?;
        let (wire, remote) = decode_one::<GraphUser>(&response.body)?;
        Ok(to_user(wire, remote))
    }
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct ErrorEnvelope {
    error: GraphError,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default, alias = "innererror")]
    inner_error: Option<InnerError>,
}

#[derive(Deserialize)]
struct InnerError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default, rename = "request-id")]
    request_id: Option<String>,
}

/// Graph error codes that mean "slow down", whatever the status.
const THROTTLE_CODES: &[&str] = &[
    "TooManyRequests",
    "activityLimitReached",
    "throttledRequest",
];
const NON_PREMIUM: &str = "Authentication_RequestFromNonPremiumTenantOrB2CTenant";

/// Reads Graph's `{"error": {"code", "message", "innerError": {"request-id", …}}}`.
fn graph_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let Ok(ErrorEnvelope { error }) = serde_json::from_slice::<ErrorEnvelope>(body) else {
        return generic_error_details(status, headers, body);
    };
    let inner_code = error.inner_error.as_ref().and_then(|i| i.code.clone());
    let code = non_empty(error.code).or_else(|| inner_code.clone());
    let mut message = non_empty(error.message).or_else(|| code.clone());
    if code.as_deref() == Some(NON_PREMIUM) {
        let hint = "signInActivity (include_last_login_at) needs Microsoft Entra ID P1 or P2 and the AuditLog.Read.All permission";
        message = Some(match message {
            Some(m) => format!("{m}; {hint}"),
            None => hint.to_owned(),
        });
    }
    let throttled = [code.as_deref(), inner_code.as_deref()]
        .into_iter()
        .flatten()
        .any(|c| THROTTLE_CODES.iter().any(|t| t.eq_ignore_ascii_case(c)));
    let mut details = ErrorDetails::default();
    details.message = message;
    details.code = code;
    details.throttled = throttled;
    // The transport prefers the `request-id` header; the body's id covers its absence.
    details.request_id = error.inner_error.and_then(|i| i.request_id);
    details
}

// ---------------------------------------------------------------------------------------
// Wire types and mapping
// ---------------------------------------------------------------------------------------

#[derive(Deserialize)]
struct ListResponse {
    #[serde(default)]
    value: Vec<Box<RawValue>>,
    #[serde(default, rename = "@odata.nextLink")]
    next_link: Option<String>,
    #[serde(default, rename = "@odata.count")]
    count: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GraphUser {
    id: String,
    #[serde(default)]
    user_principal_name: Option<String>,
    #[serde(default)]
    display_name: Option<String>,
    #[serde(default)]
    given_name: Option<String>,
    #[serde(default)]
    surname: Option<String>,
    #[serde(default)]
    job_title: Option<String>,
    #[serde(default)]
    mail: Option<String>,
    #[serde(default)]
    other_mails: Option<Vec<String>>,
    #[serde(default)]
    business_phones: Option<Vec<String>>,
    #[serde(default)]
    mobile_phone: Option<String>,
    #[serde(default)]
    account_enabled: Option<bool>,
    #[serde(default)]
    user_type: Option<String>,
    #[serde(default)]
    external_user_state: Option<String>,
    #[serde(default)]
    preferred_language: Option<String>,
    #[serde(default)]
    created_date_time: Option<String>,
    #[serde(default)]
    employee_id: Option<String>,
    #[serde(default)]
    employee_type: Option<String>,
    #[serde(default)]
    on_premises_immutable_id: Option<String>,
    #[serde(default)]
    on_premises_sam_account_name: Option<String>,
    #[serde(default)]
    mail_nickname: Option<String>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    company_name: Option<String>,
    #[serde(default)]
    office_location: Option<String>,
    #[serde(default)]
    assigned_licenses: Option<Vec<AssignedLicense>>,
    #[serde(default)]
    sign_in_activity: Option<SignInActivity>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AssignedLicense {
    #[serde(default)]
    sku_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SignInActivity {
    #[serde(default)]
    last_sign_in_date_time: Option<String>,
    #[serde(default)]
    last_non_interactive_sign_in_date_time: Option<String>,
    #[serde(default)]
    last_successful_sign_in_date_time: Option<String>,
}

/// A Graph timestamp, with the `0001-01-01T00:00:00Z` "never" placeholder as `None`.
fn graph_date(text: Option<&str>) -> Option<DateTime<Utc>> {
    parse_datetime(text?).filter(|d| d.year() > 1601)
}

fn status(wire: &GraphUser) -> Option<UserStatus> {
    match wire.account_enabled? {
        false => Some(UserStatus::Inactive),
        true if wire
            .external_user_state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("PendingAcceptance")) =>
        {
            Some(UserStatus::Invited)
        }
        true => Some(UserStatus::Active),
    }
}

fn to_user(wire: GraphUser, remote: RemoteData) -> User {
    let mut user = User::new(wire.id.clone());
    user.status = status(&wire);
    user.created_at = graph_date(wire.created_date_time.as_deref());
    if let Some(activity) = &wire.sign_in_activity {
        let interactive = graph_date(activity.last_sign_in_date_time.as_deref());
        let background = graph_date(activity.last_non_interactive_sign_in_date_time.as_deref());
        let successful = graph_date(activity.last_successful_sign_in_date_time.as_deref());
        user.last_login_at = successful.or(interactive);
        user.last_active_at = [interactive, background, successful]
            .into_iter()
            .flatten()
            .max();
    }

    let mut identifiers = Map::new();
    for (key, value) in [
        ("employee_id", &wire.employee_id),
        ("employee_type", &wire.employee_type),
        ("on_premises_immutable_id", &wire.on_premises_immutable_id),
        (
            "on_premises_sam_account_name",
            &wire.on_premises_sam_account_name,
        ),
        ("mail_nickname", &wire.mail_nickname),
        ("department", &wire.department),
        ("office_location", &wire.office_location),
    ] {
        if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
            identifiers.insert(key.to_owned(), Value::String(v.to_owned()));
        }
    }
    user.identifiers = (!identifiers.is_empty()).then_some(identifiers);

    let GraphUser {
        user_principal_name,
        display_name,
        given_name,
        surname,
        job_title,
        mail,
        other_mails,
        business_phones,
        mobile_phone,
        user_type,
        preferred_language,
        employee_id,
        company_name,
        assigned_licenses,
        ..
    } = wire;
    user.external_id = non_empty(employee_id);
    user.username = non_empty(user_principal_name);
    user.name = non_empty(display_name);
    user.first_name = non_empty(given_name);
    user.last_name = non_empty(surname);
    user.title = non_empty(job_title);
    user.user_type = non_empty(user_type);

    if let Some(mail) = non_empty(mail) {
        user.emails
            .push(Email::new(mail).with_type("work").primary(true));
    }
    for other in other_mails.unwrap_or_default() {
        let other = other.trim();
        if !other.is_empty() && !user.has_email(other) {
            user.emails
                .push(Email::new(other).with_type("other").primary(false));
        }
    }
    for number in business_phones.unwrap_or_default() {
        if !number.trim().is_empty() {
            user.phones.push(Phone::new(number).with_type("work"));
        }
    }
    if let Some(mobile) = non_empty(mobile_phone) {
        user.phones.push(Phone::new(mobile).with_type("mobile"));
    }
    user.languages.extend(non_empty(preferred_language));
    if let Some(company) = non_empty(company_name) {
        user.organizations
            .push(Organization::new(None, Some(company)));
    }
    user.licenses = assigned_licenses
        .unwrap_or_default()
        .into_iter()
        .filter_map(|l| non_empty(l.sku_id))
        .map(|sku| License::new(Some(sku), None))
        .collect();
    user.remote_data = Some(remote);
    user
}

// ---------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------

/// An OData string literal: single quotes, a quote inside doubled.
fn odata_string(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
}

fn select(sign_in: bool) -> String {
    let mut s = SELECT.join(",");
    if sign_in {
        s.push(',');
        s.push_str(SIGN_IN_ACTIVITY);
    }
    s
}

/// Reads the `include_last_login_at` value.
fn include_last_login(value: Option<&str>) -> Result<bool> {
    match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "false" | "0" | "no") => Ok(false),
        Some("true" | "1" | "yes") => Ok(true),
        Some(other) => Err(Error::invalid_input(format!(
            "`include_last_login_at` is `true` or `false`, not `{other}`"
        ))),
    }
}

fn canonical_user_type(value: &str) -> Option<&'static str> {
    if value.trim().eq_ignore_ascii_case("member") {
        Some("Member")
    } else if value.trim().eq_ignore_ascii_case("guest") {
        Some("Guest")
    } else {
        None
    }
}

/// The `$filter` clauses of the contract's filters.
fn filter_clauses(options: &ListUsers) -> Result<Vec<String>> {
    let mut clauses = Vec::new();
    for (filter, property) in [
        (Filter::Email, "mail"),
        (Filter::Username, "userPrincipalName"),
        (Filter::FirstName, "givenName"),
        (Filter::LastName, "surname"),
        (Filter::Name, "displayName"),
        (Filter::Title, "jobTitle"),
    ] {
        if let Some(value) = options.filter_value(filter) {
            clauses.push(format!("{property} eq {}", odata_string(value)));
        }
    }
    if let Some(value) = options.filter_value(Filter::Status) {
        clauses.push(match UserStatus::from_unified(value.trim()) {
            UserStatus::Active => "accountEnabled eq true".to_owned(),
            UserStatus::Inactive => "accountEnabled eq false".to_owned(),
            UserStatus::Invited => "externalUserState eq 'PendingAcceptance'".to_owned(),
            _ => {
                return Err(Error::invalid_input(format!(
                    "Microsoft Entra ID filters status `active`, `inactive` or `invited`, not `{value}`"
                )));
            }
        });
    }
    if let Some(value) = options.filter_value(Filter::UserType) {
        let literal = canonical_user_type(value).unwrap_or(value);
        clauses.push(format!("userType eq {}", odata_string(literal)));
    }
    Ok(clauses)
}

/// Whether the caller's raw query needs Graph's advanced-query mode.
fn needs_advanced(remote: &BTreeMap<String, String>) -> bool {
    remote.iter().any(|(k, v)| {
        let key = k.to_ascii_lowercase();
        match key.as_str() {
            "$search" | "$count" | "$orderby" => true,
            "$filter" => {
                let f = format!(" {} ", v.to_ascii_lowercase());
                f.contains(" ne ")
                    || f.contains("not(")
                    || f.contains(" not ")
                    || f.contains("endswith(")
            }
            _ => false,
        }
    })
}

const CONSISTENCY_LEVEL: HeaderName = HeaderName::from_static("consistencylevel");

/// The first page's request: `$select`, `$filter`, `$top` and the remote query.
fn first_page(
    mut request: Request,
    options: &ListUsers,
    page_size: Option<u32>,
    sign_in: bool,
    advanced: bool,
) -> Result<Request> {
    let remote = &options.common().remote_query;
    let mut rest = BTreeMap::new();
    let mut select_text = None;
    let mut remote_filter = None;
    let mut remote_top = None;
    let mut remote_count = false;
    for (k, v) in remote {
        match k.as_str() {
            "$select" => select_text = Some(v.clone()),
            "$filter" => remote_filter = Some(v.clone()),
            "$top" => remote_top = Some(v.clone()),
            _ => {
                remote_count |= k == "$count";
                rest.insert(k.clone(), v.clone());
            }
        }
    }
    let select_text = match select_text {
        None => select(sign_in),
        Some(mut s) => {
            let has = |s: &str, p: &str| s.split(',').any(|x| x.trim().eq_ignore_ascii_case(p));
            if !has(&s, "id") {
                s = format!("id,{s}");
            }
            if sign_in && !has(&s, SIGN_IN_ACTIVITY) {
                s.push(',');
                s.push_str(SIGN_IN_ACTIVITY);
            }
            s
        }
    };
    let mut clauses = filter_clauses(options)?;
    if let Some(f) = remote_filter.filter(|f| !f.trim().is_empty()) {
        clauses.insert(
            0,
            if clauses.is_empty() {
                f
            } else {
                format!("({f})")
            },
        );
    }
    let top = match remote_top {
        Some(t) => Some(t),
        None => page_size
            .map(|s| if sign_in { s.min(SIGN_IN_MAX_PAGE) } else { s })
            .map(|s| s.to_string()),
    };
    request = request.query("$select", select_text);
    if !clauses.is_empty() {
        request = request.query("$filter", clauses.join(" and "));
    }
    request = request.query_opt("$top", top);
    if advanced && !remote_count {
        request = request.query("$count", "true");
    }
    Ok(request.remote_query(&rest))
}

// ---------------------------------------------------------------------------------------
// Update
// ---------------------------------------------------------------------------------------

/// The `PATCH` body of an update.
fn patch_body(update: &UpdateUser) -> Result<Value> {
    let b = &update.body;
    let mut body = Map::new();
    if let Some(status) = &b.status {
        let enabled = match status {
            UserStatus::Active => true,
            UserStatus::Inactive => false,
            other => {
                return Err(Error::invalid_input(format!(
                    "Microsoft Entra ID sets status `active` or `inactive`, not `{other}`"
                )));
            }
        };
        body.insert("accountEnabled".into(), Value::Bool(enabled));
    }
    for (property, value) in [
        ("displayName", &b.name),
        ("givenName", &b.first_name),
        ("surname", &b.last_name),
        ("jobTitle", &b.title),
        ("userPrincipalName", &b.username),
    ] {
        if let Some(v) = value {
            body.insert(property.into(), Value::String(v.clone()));
        }
    }
    if let Some(phones) = &b.phones {
        let mut mobile = Vec::new();
        let mut business = Vec::new();
        for phone in phones {
            if phone.extension.is_some() {
                return Err(Error::invalid_input(
                    "Microsoft Entra ID keeps a phone number as one text: put the extension in the number",
                ));
            }
            let is_mobile = phone.kind.as_deref().is_some_and(|k| {
                k.eq_ignore_ascii_case("mobile") || k.eq_ignore_ascii_case("cell")
            });
            if is_mobile {
                mobile.push(phone.number.clone());
            } else {
                business.push(phone.number.clone());
            }
        }
        if mobile.len() > 1 || business.len() > 1 {
            return Err(Error::invalid_input(
                "Microsoft Entra ID keeps one mobile and one business phone number",
            ));
        }
        body.insert(
            "businessPhones".into(),
            Value::Array(business.into_iter().map(Value::String).collect()),
        );
        body.insert(
            "mobilePhone".into(),
            mobile.pop().map_or(Value::Null, Value::String),
        );
    }
    if let Some(languages) = &b.languages {
        let value = match languages.as_slice() {
            [] => Value::Null,
            [one] => Value::String(one.clone()),
            _ => {
                return Err(Error::invalid_input(
                    "Microsoft Entra ID keeps one preferred language",
                ));
            }
        };
        body.insert("preferredLanguage".into(), value);
    }
    if let Some(kind) = &b.user_type {
        let canonical = canonical_user_type(kind).ok_or_else(|| {
            Error::invalid_input(format!(
                "Microsoft Entra ID user types are `Member` and `Guest`, not `{kind}`"
            ))
        })?;
        body.insert("userType".into(), Value::String(canonical.to_owned()));
    }
    if let Some(extra) = &b.remote_data {
        for (k, v) in extra {
            body.insert(k.clone(), v.clone());
        }
    }
    Ok(Value::Object(body))
}

#[async_trait]
impl UserDirectory for AzureActiveDirectory {
    fn integration(&self) -> &Integration {
        self.integration
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let options = request.options;
        let sign_in = include_last_login(options.lookup(Filter::IncludeLastLoginAt.as_str()))?;
        let advanced = needs_advanced(&options.common().remote_query);
        let mut http_request = match request.position {
            Position::Start => first_page(
                self.http.request(Method::GET, "users", &[])?,
                options,
                request.page_size,
                sign_in,
                advanced,
            )?,
            // Graph's next link repeats every query option of the first request.
            Position::Url(url) => self.http.request_url(Method::GET, url, "users")?,
            other => {
                return Err(Error::cannot_resume("a Microsoft Graph listing", other));
            }
        };
        if advanced {
            http_request =
                http_request.header(CONSISTENCY_LEVEL, HeaderValue::from_static("eventual"));
        }
        let response = self.http.send(http_request, Operation::List).await?;
        let list: ListResponse = response.json()?;
        let users = list
            .value
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<GraphUser>(raw, i)?;
                Ok(to_user(wire, remote))
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Page::new(users, url_next(list.next_link)).with_total(list.count))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let sign_in = include_last_login(options.get_param(Filter::IncludeLastLoginAt.as_str()))?;
        let request = self
            .http
            .request(Method::GET, "users/{}", &[id])?
            .query("$select", select(sign_in))
            .remote_query(&options.common().remote_query);
        let response = self.http.send(request, Operation::Get).await?;
        let (wire, remote) = decode_one::<GraphUser>(&response.body)?;
        Ok(to_user(wire, remote))
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let sign_in = include_last_login(options.get_param(Filter::IncludeLastLoginAt.as_str()))?;
        let body = patch_body(options)?;
        // A PATCH of plain properties replaces their values: sending it twice has the
        // effect of sending it once, so a retry after a 5xx is safe.
        let request = self
            .http
            .request(Method::PATCH, "users/{}", &[id])?
            .json(&body)?
            .idempotent();
        self.http.send(request, Operation::Update).await?;
        // Graph answers 204 No Content: read the user back with the usual `$select`.
        self.read_user(id, sign_in, Operation::Update).await
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_token_endpoint_is_the_tenants_and_hostile_tenants_are_refused() {
        let connect = |tenant: &str| {
            Connection::open(
                &INTEGRATION,
                &Config::new()
                    .set("tenant_id", tenant)
                    .set("client_id", "app")
                    .set("client_secret", "s3cret"),
            )
        };
        let connection = connect("contoso.onmicrosoft.com").unwrap();
        assert!(format!("{:?}", connection.settings().auth).contains(
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token"
        ));
        for bad in ["evil.test/x", "a?b", "..", "x@y", "."] {
            assert!(connect(bad).is_err(), "{bad}");
        }
        let with_url = |url: &str, insecure: &str| {
            Connection::open(
                &INTEGRATION,
                &Config::new()
                    .set("token_url", url)
                    .set("allow_insecure_http", insecure)
                    .set("client_id", "app")
                    .set("client_secret", "s3cret"),
            )
        };
        assert!(with_url("http://login.example.test/token", "false").is_err());
        assert!(with_url("http://login.example.test/token", "true").is_ok());
        assert!(with_url("http://127.0.0.1:9/t", "false").is_ok());
    }

    #[test]
    fn odata_literals_double_quotes() {
        assert_eq!(odata_string("o'brien@x.test"), "'o''brien@x.test'");
    }

    #[test]
    fn advanced_queries_are_detected() {
        let map = |k: &str, v: &str| BTreeMap::from([(k.to_owned(), v.to_owned())]);
        assert!(needs_advanced(&map("$search", "\"displayName:ada\"")));
        assert!(needs_advanced(&map("$filter", "endsWith(mail,'@x.test')")));
        assert!(needs_advanced(&map("$filter", "userType ne 'Guest'")));
        assert!(!needs_advanced(&map("$filter", "department eq 'Ops'")));
        assert!(!needs_advanced(&map("truto_probe", "x")));
    }

    #[test]
    fn never_dates_are_absent() {
        assert_eq!(graph_date(Some("0001-01-01T00:00:00Z")), None);
        assert!(graph_date(Some("2024-03-01T10:00:00Z")).is_some());
    }
}
