//! The generic SCIM 2.0 client: one implementation of `UserDirectory` driven by a
//! [`Preset`] (the integration's metadata, auth and quirks).

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::header::{HeaderName, HeaderValue};
use http::{Method, StatusCode};
use secrecy::ExposeSecret;
use serde_json::{Map, Value, json};
use truto_core::provider::decode::{decode_one, decode_record, parse_datetime};
use truto_core::provider::http::{HttpClient, ProviderHttp, Request, Response};
use truto_core::provider::paging::start_index_next;
use truto_core::provider::{Connection, Page, PageRequest, Position};
use truto_core::{
    Config, Error, Filter, GetUser, Integration, Operation, Result, Role, UpdateUser, User,
    UserDirectory, UserStatus,
};

use crate::wire::{self, ErrorBody, ListResponse, ScimUser};

/// The media type of SCIM messages (RFC 7644 §3.1).
pub const SCIM_JSON: &str = "application/scim+json";
/// The `PatchOp` message schema.
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// The core `User` schema (RFC 7643 §4.1).
pub const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";

/// How a provider changes a user.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UpdateMethod {
    /// `PATCH` with a `PatchOp` of one `replace` operation per attribute, each with a
    /// `path` (RFC 7644 §3.5.2.3).
    Patch,
    /// `PATCH` with a `PatchOp` of a single `replace` operation without `path`, whose value
    /// holds every changed attribute (RFC 7644 §3.5.2.3, the form Postman documents).
    PatchValueMap,
    /// `GET` the user, change it, `PUT` it back whole (RFC 7644 §3.5.1).
    Put,
    /// The status by one path-less `PATCH` `replace` (as [`UpdateMethod::PatchValueMap`]),
    /// the first and last names by a `PUT` of `name` alone (Postman). The two go in
    /// different requests, so one update cannot change both; a `PUT` given one name reads
    /// the user first and sends the other as it is.
    PatchStatusPutName,
}

/// How `find_by_email` (and the `email` filter) is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailFilter {
    /// `emails.value eq "…"` (RFC 7644).
    EmailsValue,
    /// `emails eq "…"`.
    Emails,
    /// `userName eq "…"`, where the user name is the email.
    UserName,
    /// `email eq "…"` (Notion).
    Email,
}

impl EmailFilter {
    fn attribute(self) -> &'static str {
        match self {
            EmailFilter::EmailsValue => "emails.value",
            EmailFilter::Emails => "emails",
            EmailFilter::UserName => "userName",
            EmailFilter::Email => "email",
        }
    }
}

/// Where an extra header's value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderValueFrom {
    /// A fixed value.
    Static(&'static str),
    /// A required config key.
    Config(&'static str),
    /// An optional config key; the header is sent only when it is set.
    OptionalConfig(&'static str),
}

/// How a provider writes a time that is not an RFC 3339 `dateTime`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeText {
    /// RFC 3339, or the other forms truto-core's `parse_datetime` reads.
    Standard,
    /// English weekday and month names and a 12-hour clock, without an offset:
    /// `Thursday, January 1, 1970 12:00:00 AM` (Braze); read as UTC.
    LongEnglish,
}

impl TimeText {
    /// `text` in a form `parse_datetime` reads, or `None` when it is not in this form.
    fn normalize(self, text: &str) -> Option<String> {
        match self {
            TimeText::Standard => Some(text.to_owned()),
            TimeText::LongEnglish => long_english_to_rfc3339(text),
        }
    }
}

/// `Thursday, January 1, 1970 12:00:00 AM` → `1970-01-01T00:00:00Z` (the weekday is not
/// checked; an impossible date is refused by the RFC 3339 parser).
fn long_english_to_rfc3339(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let mut parts = text.trim().split(',').map(str::trim);
    let (_weekday, month_day, rest) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (month, day) = month_day.split_once(' ')?;
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month.trim()))?
        + 1;
    let day: u32 = day.trim().parse().ok()?;
    let mut rest = rest.split_whitespace();
    let (year, clock, half) = (rest.next()?, rest.next()?, rest.next()?);
    if rest.next().is_some() {
        return None;
    }
    let year: u32 = year.parse().ok()?;
    let mut hms = clock.split(':');
    let (h, m, sec) = (hms.next()?, hms.next()?, hms.next().unwrap_or("0"));
    if hms.next().is_some() {
        return None;
    }
    let (h, m, sec): (u32, u32, u32) = (h.parse().ok()?, m.parse().ok()?, sec.parse().ok()?);
    if !(1..=12).contains(&h) {
        return None;
    }
    let hour = match half.to_ascii_uppercase().as_str() {
        "AM" => h % 12,
        "PM" => h % 12 + 12,
        _ => return None,
    };
    Some(format!(
        "{year:04}-{month:02}-{day:02}T{hour:02}:{m:02}:{sec:02}Z"
    ))
}

/// A provider's departures from plain SCIM 2.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Quirks {
    /// How users are updated.
    pub update: UpdateMethod,
    /// How email filters are written.
    pub email_filter: EmailFilter,
    /// Extra headers sent with every request.
    pub headers: &'static [(&'static str, HeaderValueFrom)],
    /// Content type of request bodies.
    pub content_type: &'static str,
    /// The user name is the email address: a user sent without `emails` gets its user
    /// name as primary email (Braze).
    pub username_is_email: bool,
    /// The provider keeps one email address (Canva): an update with several is refused
    /// before sending, and the one it carries is written as the primary address.
    pub single_email: bool,
    /// The provider keeps one role, in a top-level `role` string that takes one of these
    /// values (Canva). An update's role must be exactly one of them (matched without
    /// regard to case, sent as spelled here), or it is refused before sending; a user's
    /// `role` is read into its `roles`.
    pub role_values: Option<&'static [&'static str]>,
    /// A top-level attribute holding the user's last sign-in, and how its time is
    /// written (Braze's `lastSignInAt`); it maps to `last_login_at`.
    pub last_login: Option<(&'static str, TimeText)>,
    /// Config values used when the config sets none (Ironclad's `region`).
    pub config_defaults: &'static [(&'static str, &'static str)],
}

impl Quirks {
    /// Plain SCIM 2.0.
    pub const STANDARD: Quirks = Quirks {
        update: UpdateMethod::Patch,
        email_filter: EmailFilter::EmailsValue,
        headers: &[],
        content_type: SCIM_JSON,
        username_is_email: false,
        single_email: false,
        role_values: None,
        last_login: None,
        config_defaults: &[],
    };
    /// Updates by `PUT`.
    pub const fn put(mut self) -> Self {
        self.update = UpdateMethod::Put;
        self
    }
    /// Updates by one path-less `PATCH` operation.
    pub const fn patch_value_map(mut self) -> Self {
        self.update = UpdateMethod::PatchValueMap;
        self
    }
    /// Updates the status by one path-less `PATCH` operation and the names by a `PUT` of
    /// `name` alone.
    pub const fn patch_status_put_name(mut self) -> Self {
        self.update = UpdateMethod::PatchStatusPutName;
        self
    }
    /// Keeps one email address.
    pub const fn single_email(mut self) -> Self {
        self.single_email = true;
        self
    }
    /// Keeps one role, a top-level `role` string among `values`.
    pub const fn single_role(mut self, values: &'static [&'static str]) -> Self {
        self.role_values = Some(values);
        self
    }
    /// Reads the last sign-in from the top-level `attribute`, written as `format`.
    pub const fn last_login(mut self, attribute: &'static str, format: TimeText) -> Self {
        self.last_login = Some((attribute, format));
        self
    }
    /// Uses these config values when the config sets none.
    pub const fn config_defaults(
        mut self,
        defaults: &'static [(&'static str, &'static str)],
    ) -> Self {
        self.config_defaults = defaults;
        self
    }
    /// Writes email filters with `filter`.
    pub const fn email_filter(mut self, filter: EmailFilter) -> Self {
        self.email_filter = filter;
        self
    }
    /// Sends these headers.
    pub const fn headers(mut self, headers: &'static [(&'static str, HeaderValueFrom)]) -> Self {
        self.headers = headers;
        self
    }
    /// Takes the user name as the email when a user has no `emails`.
    pub const fn username_is_email(mut self) -> Self {
        self.username_is_email = true;
        self
    }
    /// Sends bodies as `application/json`.
    pub const fn plain_json(mut self) -> Self {
        self.content_type = "application/json";
        self
    }
}

/// A SCIM-speaking integration: what it declares (credentials included) and its quirks.
#[derive(Debug)]
#[non_exhaustive]
pub struct Preset {
    /// Metadata (slug, capabilities, credentials, config keys, base URL pattern).
    pub integration: Integration,
    /// Departures from the standard.
    pub quirks: Quirks,
}

impl Preset {
    /// A preset.
    pub const fn new(integration: Integration, quirks: Quirks) -> Self {
        Preset {
            integration,
            quirks,
        }
    }
}

/// A connected SCIM directory.
pub struct ScimDirectory {
    preset: &'static Preset,
    http: HttpClient,
}

impl fmt::Debug for ScimDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScimDirectory")
            .field("integration", &self.preset.integration.slug)
            .field("http", &self.http)
            .finish()
    }
}

/// Reads SCIM error bodies (`detail`, `scimType`, `status` as string or number).
fn scim_error(
    status: StatusCode,
    headers: &http::header::HeaderMap,
    body: &[u8],
) -> truto_core::provider::http::ErrorDetails {
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(ErrorBody {
            detail: Some(detail),
            scim_type,
        }) => {
            let mut d = truto_core::provider::http::ErrorDetails::default();
            d.message = Some(detail);
            d.code = scim_type;
            d
        }
        _ => truto_core::provider::http::generic_error_details(status, headers, body),
    }
}

impl ScimDirectory {
    /// Connects `preset` with `config`.
    pub fn connect(preset: &'static Preset, config: &Config) -> Result<Self> {
        let with_defaults;
        let config = if preset
            .quirks
            .config_defaults
            .iter()
            .any(|(key, _)| config.get(key).is_none())
        {
            let mut filled = config.clone();
            for (key, value) in preset.quirks.config_defaults {
                if filled.get(key).is_none() {
                    filled.insert(*key, *value);
                }
            }
            with_defaults = filled;
            &with_defaults
        } else {
            config
        };
        let connection = Connection::open(&preset.integration, config)?;
        let integration = &preset.integration;
        let mut provider = ProviderHttp::new(integration.slug)
            .error_parser(scim_error)
            .header(
                http::header::ACCEPT,
                HeaderValue::from_static("application/scim+json, application/json"),
            );
        for (name, from) in preset.quirks.headers {
            let value = match from {
                HeaderValueFrom::Static(v) => (*v).to_owned(),
                HeaderValueFrom::Config(key) => config.require(integration, key)?.to_owned(),
                HeaderValueFrom::OptionalConfig(key) => match config.get(key) {
                    Some(v) => v.to_owned(),
                    None => continue,
                },
            };
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| Error::config(format!("bad header name `{name}`")))?;
            let value = HeaderValue::from_str(&value).map_err(|_| {
                Error::config(format!(
                    "the value for `{name}` is not a valid header value"
                ))
            })?;
            provider = provider.header(name, value);
        }
        let http = connection.http(provider)?;
        Ok(ScimDirectory { preset, http })
    }

    /// Connects and wraps in an `Arc<dyn UserDirectory>` (the registry's constructor).
    pub fn connect_dyn(preset: &'static Preset, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        Ok(Arc::new(ScimDirectory::connect(preset, config)?))
    }

    fn filter(&self, request: &PageRequest<'_>) -> Result<Option<String>> {
        let options = request.options;
        let mut clauses = Vec::new();
        if let Some(email) = options.filter_value(Filter::Email) {
            clauses.push(format!(
                "{} eq {}",
                self.preset.quirks.email_filter.attribute(),
                quote(email)
            ));
        }
        if let Some(username) = options.filter_value(Filter::Username) {
            clauses.push(format!("userName eq {}", quote(username)));
        }
        if let Some(status) = options.filter_value(Filter::Status) {
            let active = match UserStatus::from_unified(status) {
                UserStatus::Active => true,
                UserStatus::Inactive => false,
                _ => {
                    return Err(Error::invalid_input(format!(
                        "SCIM can filter by status `active` or `inactive`, not `{status}`"
                    )));
                }
            };
            clauses.push(format!("active eq {active}"));
        }
        Ok((!clauses.is_empty()).then(|| clauses.join(" and ")))
    }

    async fn get_value(&self, id: &str, options: &GetUser, op: Operation) -> Result<Response> {
        let request = self
            .http
            .request(Method::GET, "Users/{}", &[id])?
            .remote_query(&options.common().remote_query);
        self.http.send(request, op).await
    }

    fn body(&self, request: Request, body: &Value) -> Result<Request> {
        request.json_as(body, self.preset.quirks.content_type)
    }
}

impl ScimDirectory {
    /// `PATCH` with `replace` operations: one per change with its `path`, or (with
    /// `value_map`) one without a path whose value holds every change.
    async fn patch(
        &self,
        id: &str,
        options: &UpdateUser,
        changes: Vec<(&'static str, Value)>,
        value_map: bool,
    ) -> Result<Response> {
        let operations: Vec<Value> = if value_map {
            let mut value = Map::new();
            for (path, v) in changes {
                set_path(&mut value, path, v);
            }
            vec![json!({"op": "replace", "value": value})]
        } else {
            changes
                .into_iter()
                .map(|(path, value)| json!({"op": "replace", "path": path, "value": value}))
                .collect()
        };
        let mut body = json!({"schemas": [PATCH_OP], "Operations": operations});
        merge_remote(&mut body, options);
        // A PatchOp of `replace` operations sets absolute values: applying it twice has the
        // effect of applying it once, so a retry after a 5xx is safe.
        let request = self
            .body(self.http.request(Method::PATCH, "Users/{}", &[id])?, &body)?
            .idempotent();
        self.http.send(request, Operation::Update).await
    }

    /// [`UpdateMethod::PatchStatusPutName`]: the status by a path-less `PATCH`, or the
    /// names by a `PUT` of `name` alone; never both in one update.
    async fn patch_status_or_put_name(
        &self,
        id: &str,
        options: &UpdateUser,
        changes: Vec<(&'static str, Value)>,
    ) -> Result<Response> {
        let name = self.preset.integration.name;
        let (mut status, mut given, mut family) = (None, None, None);
        for (path, value) in changes {
            match path {
                "active" => status = Some(value),
                "name.givenName" => given = Some(value),
                "name.familyName" => family = Some(value),
                other => {
                    return Err(Error::unsupported(format!(
                        "{name} updates the status, the first name and the last name, not `{other}`"
                    )));
                }
            }
        }
        let names = given.is_some() || family.is_some();
        match (status, names) {
            (Some(_), true) => Err(Error::invalid_input(format!(
                "{name} changes the status and the names with different requests; update them separately"
            ))),
            (Some(active), false) => {
                self.patch(id, options, vec![("active", active)], true)
                    .await
            }
            (None, true) => {
                if given.is_none() || family.is_none() {
                    // The `PUT` replaces `name` whole: keep the name that is not changing.
                    let current = self
                        .get_value(id, &GetUser::new(), Operation::Update)
                        .await?;
                    let current: ScimUser = current.json()?;
                    let current = current.name.unwrap_or_default();
                    given = given.or_else(|| current.given_name.map(Value::String));
                    family = family.or_else(|| current.family_name.map(Value::String));
                }
                let mut name_value = Map::new();
                if let Some(g) = given {
                    name_value.insert("givenName".to_owned(), g);
                }
                if let Some(f) = family {
                    name_value.insert("familyName".to_owned(), f);
                }
                let mut body = json!({"schemas": [CORE_USER], "name": name_value});
                merge_remote(&mut body, options);
                // The same body applied twice leaves the same names: safe to retry.
                let request = self
                    .body(self.http.request(Method::PUT, "Users/{}", &[id])?, &body)?
                    .idempotent();
                self.http.send(request, Operation::Update).await
            }
            (None, false) => Err(Error::invalid_input(format!(
                "the update changes nothing {name} can change"
            ))),
        }
    }
}

/// A SCIM filter string literal (RFC 7644 §3.4.2.2: JSON string syntax).
fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned())
}

impl ScimDirectory {
    fn map(&self, wire: ScimUser, remote: truto_core::RemoteData) -> User {
        let quirks = &self.preset.quirks;
        let mut user = wire::to_user(wire, remote);
        if quirks.username_is_email
            && user.emails.is_empty()
            && let Some(name) = user.username.clone().filter(|n| n.contains('@'))
        {
            user.emails.push(truto_core::Email::new(name).primary(true));
        }
        if quirks.role_values.is_some() || quirks.last_login.is_some() {
            // Attributes outside RFC 7643, read from the record itself (only for the
            // presets that have them).
            let extra: Map<String, Value> = user
                .remote_data
                .as_ref()
                .and_then(|r| r.deserialize().ok())
                .unwrap_or_default();
            let text = |name: &str| {
                extra
                    .get(name)
                    .and_then(Value::as_str)
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
            };
            if quirks.role_values.is_some()
                && user.roles.is_empty()
                && let Some(role) = text("role")
            {
                user.roles
                    .push(Role::new(Some(role.to_owned()), Some(role.to_owned())));
            }
            if let Some((attribute, format)) = quirks.last_login {
                user.last_login_at = text(attribute)
                    .and_then(|t| format.normalize(t))
                    .and_then(|t| parse_datetime(&t));
            }
        }
        user
    }

    fn decode_user(&self, response: &Response) -> Result<User> {
        let (wire, remote) = decode_one::<ScimUser>(&response.body)?;
        Ok(self.map(wire, remote))
    }
}

/// The attribute changes of an update, as SCIM paths and values; what the preset cannot
/// hold is refused here, before anything is sent.
fn changes(preset: &Preset, update: &UpdateUser) -> Result<Vec<(&'static str, Value)>> {
    let name = preset.integration.name;
    let quirks = &preset.quirks;
    let b = &update.body;
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    if let Some(status) = &b.status {
        let active = match status {
            UserStatus::Active => true,
            UserStatus::Inactive => false,
            other => {
                return Err(Error::invalid_input(format!(
                    "SCIM sets status `active` or `inactive`, not `{other}`"
                )));
            }
        };
        out.push(("active", Value::Bool(active)));
    }
    let mut text = |path: &'static str, v: &Option<String>| {
        if let Some(v) = v {
            out.push((path, Value::String(v.clone())));
        }
    };
    text("displayName", &b.name);
    text("name.givenName", &b.first_name);
    text("name.familyName", &b.last_name);
    text("userName", &b.username);
    text("title", &b.title);
    text("timezone", &b.timezone);
    text("userType", &b.user_type);
    if let Some(p) = &b.password {
        out.push(("password", Value::String(p.expose_secret().to_owned())));
    }
    if let Some(emails) = &b.emails {
        if quirks.single_email && emails.len() > 1 {
            return Err(Error::invalid_input(format!(
                "{name} keeps one email address per user; {} were given",
                emails.len()
            )));
        }
        // With one address allowed, it is the primary one.
        let primary_default = quirks.single_email;
        let v: Vec<Value> = emails
            .iter()
            .map(|e| json!({"value": e.email, "type": e.kind.as_deref().unwrap_or("work"), "primary": e.is_primary.unwrap_or(primary_default)}))
            .collect();
        out.push(("emails", Value::Array(v)));
    }
    if let Some(phones) = &b.phones {
        let v: Vec<Value> = phones
            .iter()
            .map(|p| json!({"value": p.number, "type": p.kind.as_deref().unwrap_or("work")}))
            .collect();
        out.push(("phoneNumbers", Value::Array(v)));
    }
    if let Some(first) = b.languages.as_ref().and_then(|l| l.first()) {
        out.push(("preferredLanguage", Value::String(first.clone())));
    }
    if let Some(roles) = &b.roles {
        match quirks.role_values {
            Some(allowed) => out.push(("role", Value::String(single_role(name, allowed, roles)?))),
            None => {
                let v: Vec<Value> = roles
                    .iter()
                    .map(|r| json!({"value": r.id.as_ref().or(r.name.as_ref())}))
                    .collect();
                out.push(("roles", Value::Array(v)));
            }
        }
    }
    Ok(out)
}

/// The one role of an update to a provider that keeps one role among `allowed`, spelled
/// as `allowed` spells it. A provider that turns an unknown role into its default one
/// would otherwise demote the user silently.
fn single_role(name: &str, allowed: &[&'static str], roles: &[Role]) -> Result<String> {
    let listed = || {
        allowed
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let [role] = roles else {
        return Err(Error::invalid_input(format!(
            "{name} keeps exactly one role per user ({}); {} were given",
            listed(),
            roles.len()
        )));
    };
    let wanted = role
        .id
        .as_deref()
        .or(role.name.as_deref())
        .map(str::trim)
        .unwrap_or_default();
    allowed
        .iter()
        .find(|v| v.eq_ignore_ascii_case(wanted))
        .map(|v| (*v).to_owned())
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "{name} has no role `{wanted}`; its roles are {}",
                listed()
            ))
        })
}

/// Sets `path` (`a` or `a.b`) in a SCIM resource.
fn set_path(resource: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            resource.insert(path.to_owned(), value);
        }
        Some((head, tail)) => {
            let entry = resource
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(inner) = entry {
                set_path(inner, tail, value);
            }
        }
    }
}

fn merge_remote(body: &mut Value, update: &UpdateUser) {
    if let (Some(extra), Value::Object(obj)) = (&update.body.remote_data, body) {
        for (k, v) in extra {
            obj.insert(k.clone(), v.clone());
        }
    }
}

#[async_trait]
impl UserDirectory for ScimDirectory {
    fn integration(&self) -> &Integration {
        &self.preset.integration
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let start = match request.position {
            Position::Start => 1,
            Position::StartIndex(i) => *i,
            other => {
                return Err(Error::cannot_resume("a SCIM listing", other));
            }
        };
        let http_request = self
            .http
            .request(Method::GET, "Users", &[])?
            .query("startIndex", start)
            .query_opt("count", request.page_size)
            .query_opt("filter", self.filter(&request)?)
            .remote_query(&request.options.common().remote_query);
        let response = self.http.send(http_request, Operation::List).await?;
        let list: ListResponse = response.json()?;
        let returned = list.resources.len();
        let users = list
            .resources
            .into_iter()
            .enumerate()
            .map(|(i, raw)| {
                let (wire, remote) = decode_record::<ScimUser>(raw, i)?;
                Ok(self.map(wire, remote))
            })
            .collect::<Result<Vec<_>>>()?;
        // Some servers echo a different startIndex than asked; continue from what they say.
        let served_from = list.start_index.filter(|s| *s >= 1).unwrap_or(start);
        let next = start_index_next(served_from, returned, list.total_results);
        Ok(Page::new(users, next).with_total(list.total_results))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let response = self.get_value(id, options, Operation::Get).await?;
        self.decode_user(&response)
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let changes = changes(self.preset, options)?;
        let response = match self.preset.quirks.update {
            UpdateMethod::PatchStatusPutName => {
                self.patch_status_or_put_name(id, options, changes).await?
            }
            style @ (UpdateMethod::Patch | UpdateMethod::PatchValueMap) => {
                self.patch(id, options, changes, style == UpdateMethod::PatchValueMap)
                    .await?
            }
            UpdateMethod::Put => {
                let current = self
                    .get_value(id, &GetUser::new(), Operation::Update)
                    .await?;
                let mut resource: Map<String, Value> = current.json()?;
                // Read-only attributes are ignored by servers but some reject `meta`.
                resource.remove("meta");
                for (path, value) in changes {
                    set_path(&mut resource, path, value);
                }
                let mut body = Value::Object(resource);
                merge_remote(&mut body, options);
                let request = self
                    .body(self.http.request(Method::PUT, "Users/{}", &[id])?, &body)?
                    .idempotent();
                self.http.send(request, Operation::Update).await?
            }
        };
        if response.status == StatusCode::NO_CONTENT || response.is_empty() {
            // 204: the server applied the change and returned nothing; read it back.
            let after = self
                .get_value(id, &GetUser::new(), Operation::Update)
                .await?;
            return self.decode_user(&after);
        }
        self.decode_user(&response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_literals_are_json_strings() {
        assert_eq!(quote(r#"a"b\c"#), r#""a\"b\\c""#);
    }

    #[test]
    fn long_english_times_read_as_utc() {
        let read = |t: &str| long_english_to_rfc3339(t);
        assert_eq!(
            read("Thursday, January 1, 1970 12:00:00 AM").as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            read("Monday, March 3, 2025 9:15:00 AM").as_deref(),
            Some("2025-03-03T09:15:00Z")
        );
        assert_eq!(
            read("Friday, December 12, 2025 12:30:05 PM").as_deref(),
            Some("2025-12-12T12:30:05Z")
        );
        assert_eq!(
            read(" Friday, December 12, 2025 11:59:59 pm ").as_deref(),
            Some("2025-12-12T23:59:59Z")
        );
        for bad in [
            "",
            "2025-03-03T09:15:00Z",
            "Monday, Smarch 3, 2025 9:15:00 AM",
            "Monday, March 3, 2025 13:15:00 PM",
            "Monday, March 3, 2025 9:15:00",
            "Monday, March 3, 2025, 9:15:00 AM",
        ] {
            assert_eq!(read(bad), None, "{bad}");
        }
        // An impossible date passes this step and is refused by the RFC 3339 parser.
        let feb30 = read("Monday, February 30, 2025 9:15:00 AM").unwrap();
        assert_eq!(parse_datetime(&feb30), None);
        assert!(
            TimeText::LongEnglish
                .normalize("Monday, March 3, 2025 9:15:00 AM")
                .is_some()
        );
    }

    #[test]
    fn a_single_role_is_one_of_the_allowed_values() {
        const ALLOWED: &[&str] = &["Member", "Admin"];
        let role = |id: Option<&str>, name: Option<&str>| {
            Role::new(id.map(str::to_owned), name.map(str::to_owned))
        };
        assert_eq!(
            single_role("X", ALLOWED, &[role(None, Some(" admin "))]).unwrap(),
            "Admin"
        );
        assert_eq!(
            single_role("X", ALLOWED, &[role(Some("Member"), Some("ignored"))]).unwrap(),
            "Member"
        );
        for roles in [
            vec![],
            vec![role(None, None)],
            vec![role(None, Some("Owner"))],
        ] {
            let err = single_role("X", ALLOWED, &roles).unwrap_err();
            assert_eq!(err.kind(), truto_core::ErrorKind::InvalidInput);
            assert!(err.to_string().contains("`Member`, `Admin`"), "{err}");
        }
    }

    #[test]
    fn set_path_nests() {
        let mut m = Map::new();
        set_path(&mut m, "name.givenName", json!("Ada"));
        set_path(&mut m, "active", json!(false));
        assert_eq!(
            Value::Object(m),
            json!({"name": {"givenName": "Ada"}, "active": false})
        );
    }
}
