//! The generic SCIM 2.0 client: one implementation of `UserDirectory` driven by a
//! [`Preset`] (the integration's metadata, auth and quirks).

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::header::{HeaderName, HeaderValue};
use http::{Method, StatusCode};
use secrecy::ExposeSecret;
use serde_json::{Map, Value, json};
use truto_core::provider::decode::{decode_one, decode_record};
use truto_core::provider::http::{HttpClient, ProviderHttp, Request, Response};
use truto_core::provider::paging::start_index_next;
use truto_core::provider::{Connection, Page, PageRequest, Position};
use truto_core::{
    Config, Error, Filter, GetUser, Integration, Operation, Result, UpdateUser, User,
    UserDirectory, UserStatus,
};

use crate::wire::{self, ErrorBody, ListResponse, ScimUser};

/// The media type of SCIM messages (RFC 7644 §3.1).
pub const SCIM_JSON: &str = "application/scim+json";
/// The `PatchOp` message schema.
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

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
}

impl Quirks {
    /// Plain SCIM 2.0.
    pub const STANDARD: Quirks = Quirks {
        update: UpdateMethod::Patch,
        email_filter: EmailFilter::EmailsValue,
        headers: &[],
        content_type: SCIM_JSON,
        username_is_email: false,
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

/// A SCIM filter string literal (RFC 7644 §3.4.2.2: JSON string syntax).
fn quote(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".to_owned())
}

impl ScimDirectory {
    fn map(&self, wire: ScimUser, remote: truto_core::RemoteData) -> User {
        let mut user = wire::to_user(wire, remote);
        if self.preset.quirks.username_is_email
            && user.emails.is_empty()
            && let Some(name) = user.username.clone().filter(|n| n.contains('@'))
        {
            user.emails.push(truto_core::Email::new(name).primary(true));
        }
        user
    }

    fn decode_user(&self, response: &Response) -> Result<User> {
        let (wire, remote) = decode_one::<ScimUser>(&response.body)?;
        Ok(self.map(wire, remote))
    }
}

/// The attribute changes of an update, as SCIM paths and values.
fn changes(update: &UpdateUser) -> Result<Vec<(&'static str, Value)>> {
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
        let v: Vec<Value> = emails
            .iter()
            .map(|e| json!({"value": e.email, "type": e.kind.as_deref().unwrap_or("work"), "primary": e.is_primary.unwrap_or(false)}))
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
        let v: Vec<Value> = roles
            .iter()
            .map(|r| json!({"value": r.id.as_ref().or(r.name.as_ref())}))
            .collect();
        out.push(("roles", Value::Array(v)));
    }
    Ok(out)
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
                return Err(Error::invalid_input(format!(
                    "a SCIM listing cannot resume at {other:?}"
                )));
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
        let changes = changes(options)?;
        let response = match self.preset.quirks.update {
            style @ (UpdateMethod::Patch | UpdateMethod::PatchValueMap) => {
                let operations: Vec<Value> = if style == UpdateMethod::Patch {
                    changes
                        .into_iter()
                        .map(|(path, value)| json!({"op": "replace", "path": path, "value": value}))
                        .collect()
                } else {
                    let mut value = Map::new();
                    for (path, v) in changes {
                        set_path(&mut value, path, v);
                    }
                    vec![json!({"op": "replace", "value": value})]
                };
                let mut body = json!({"schemas": [PATCH_OP], "Operations": operations});
                merge_remote(&mut body, options);
                // A PatchOp of `replace` operations sets absolute values: applying it twice
                // has the effect of applying it once, so a retry after a 5xx is safe.
                let request = self
                    .body(self.http.request(Method::PATCH, "Users/{}", &[id])?, &body)?
                    .idempotent();
                self.http.send(request, Operation::Update).await?
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
