//! # Paralus
//!
//! The users of a self-hosted Paralus (the open-source Kubernetes access manager), through
//! its REST gateway (`/auth/v3`). Hand-written, not a spec: Paralus's API token is derived
//! from the key's secret (an MD5 digest), and an update replaces the whole user, so it is a
//! read, a change and a write back (see *Why hand-written*).
//!
//! | | |
//! |---|---|
//! | slug / feature | `paralus` |
//! | operations | list, get, update |
//! | list | `GET /auth/v3/users?partner=…&organization=…&limit=…&offset=…&orderBy=email&order=asc` (`GetUsers`), users under `items` |
//! | get | `GET /auth/v3/user/{name}` (`GetUser`): `name` is the user's e-mail address |
//! | update | `GET /auth/v3/user/{name}`, the requested fields changed, then `PUT /auth/v3/user/{name}` with the whole user (`UpdateUser`), then a get to return the user as stored |
//! | base URL | the Paralus console's origin, e.g. `https://console.paralus.example.com` (config key `host`, or `base_url`) |
//! | auth | `X-API-KEYID: <key>` and `X-API-TOKEN: base64(md5(<secret>))`; config keys `api_key` and `api_secret` (env `TRUTO_PARALUS_API_KEY`, `TRUTO_PARALUS_API_SECRET`): a user's API key and secret, from the console (the CLI config download carries them) |
//! | config keys | `partner` and `organization`: the names of the key's partner and organization, as in the CLI config; Paralus needs them in every listing and update |
//! | scopes | the key acts as its user: Paralus's RBAC decides (`user_read` to list and get, `user_write` to update) |
//! | page size | 50 by default and at most (Paralus's own default is 10 and it cuts any larger `limit` to 50) |
//! | filters | `email` (Paralus's `q`, a substring match on e-mail, first and last name, narrowed here to the exact address), `group_id` (a group name: `group`), `role_id` (a role name: `role`), `workspace_id` (a project name: `project`) |
//! | update fields | `first_name`, `last_name`, `groups` (the complete list of group names), `remote_data` (merged into the user before it is written) |
//! | rate limits | none documented |
//!
//! ## Why hand-written
//!
//! - **The token.** Paralus checks `X-API-TOKEN` against the base64 of the MD5 digest of the
//!   key's secret; the declarative layer sends configured secrets as they are. The digest
//!   is computed once when connecting and kept as a secret (it is as good as a password).
//! - **Full-replace updates.** `PUT /auth/v3/user/{name}` replaces the user: first and last
//!   name are written from the body, and every direct role and group membership is deleted
//!   and re-created from it, so a body holding only the changed field would wipe the rest.
//!   An update therefore reads the user, changes only the requested fields and writes the
//!   whole record back (`metadata.partner` and `metadata.organization` are set from the
//!   config: Paralus resolves them by name and a read user does not carry them).
//!
//! The same `PUT` body sent twice leaves the same user (names set, relations deleted and
//! re-created from the same lists), so the write is marked idempotent and the transport
//! may retry it. Each `PUT` does record an audit event.
//!
//! ## Mapping
//!
//! | Paralus `User` | unified |
//! |---|---|
//! | `metadata.name` (the e-mail address, also the key of get and update) | `id`, `username`, `emails` (primary) |
//! | `metadata.id` (the identity's UUID) | `identifiers.id` |
//! | `spec.firstName`, `spec.lastName` | `first_name`, `last_name`, and `name` joined from them |
//! | `spec.groups` and `spec.idpGroups` (group names) | `groups` (id and name = the group name) |
//! | `spec.projectNamespaceRoles[]` `{project, namespace, role, group}` | `roles`: id and name = `role`, `workspace` = `project`, `group` = the group it comes from (an inherited role) |
//! | `spec.lastLogin` (RFC 3339) | `last_login_at` |
//! | `metadata.createdAt`, `metadata.modifiedAt` (`{seconds, nanos}`) | `created_at`, `updated_at` |
//!
//! A role's `namespace` has no unified place: it stays in `remote_data`. `spec.forceReset`,
//! `spec.phone` and `status` (the request's outcome, not the user's) stay there too.
//! Paralus has no user status (no deactivation: only `DELETE`), so `status` is never set.
//!
//! ## Quirks
//!
//! - Users are addressed by e-mail: the unified `id` is the e-mail address, the UUID is in
//!   `identifiers`. An e-mail cannot be changed through the API (it is the look-up key).
//! - Listings are ordered by e-mail (`orderBy=email&order=asc`) so that `limit`/`offset`
//!   pages are stable; Paralus's default order is unspecified.
//! - `metadata.count` is the number of users in the page, not a total; the listing ends at
//!   a page shorter than `limit`. With the `email` filter, Paralus's substring matches are
//!   narrowed to the exact address (case-insensitive) after the page is read, so a page
//!   may hold fewer users than Paralus sent; paging still counts what Paralus sent.
//! - An empty page arrives without `items` (omitted when empty).
//! - Paralus answers an unknown user with HTTP 500 (`sql: no rows in result set`: the
//!   gateway's default for an untyped error). The transport retries it as any 5xx, then it
//!   is reported as `NotFound`. An unknown group, role or project in a filter is a 500
//!   `unable to find …`, reported as `InvalidInput`.
//! - For users who sign in through an identity provider, Paralus keeps the provider's name
//!   and ignores `first_name`/`last_name` in an update; the user returned after an update
//!   is read back, so it shows what was stored.
//! - `groups` writes the groups the user is a member of directly; groups an identity
//!   provider assigns (`spec.idpGroups`) are kept by Paralus whatever is sent, and are left
//!   out of the body. Roles inherited from a group (with `group` set) are ignored by
//!   Paralus on write; direct roles are written back as read. Change roles through
//!   `remote_data` (`{"spec": {"projectNamespaceRoles": [...]}}`): `remote_data` is merged
//!   into the read user (objects key by key, anything else replaced) before the write.
//! - Between the read and the write another change to the same user would be overwritten
//!   (Paralus offers no version or precondition to guard it).
//!
//! ## Sources
//!
//! - `paralus/paralus` (commit `209be7f`, 2026-01-16), the official source:
//!   `proto/rpc/user/user.proto` (routes and security headers), `proto/types/userpb/v3/user.proto`
//!   and `group.proto` (`User`, `UserSpec`, `UserList`, `ProjectNamespaceRole`),
//!   `proto/types/commonpb/v3/common.proto` (`Metadata`, `ListMetadata`, `QueryOptions`),
//!   `pkg/service/user.go` (`List`, `GetByName`, `Update`: the full replace, the partner and
//!   organization look-ups, IdP users' names left alone), `internal/dao/user.go` (the `q`
//!   search, `orderBy`/`order`, `limit`/`offset`), `pkg/query/options.go` (default limit
//!   10, maximum 50), `pkg/auth/v3/core.go` (`X-API-TOKEN` = base64 of the MD5 of the
//!   secret), `pkg/gateway/json.go` (the JSON names of the generated `*.pb.go`).
//! - `paralus/cli` (commit `3c9fd69`), the official CLI: `pkg/authprofile/key_profile.go`
//!   (the two headers), `pkg/user/user.go` (`partner` and `organization` on listings; apply
//!   = get then `PUT` of the whole user).
//!
//! ## Not confirmed
//!
//! - The HTTP status of a refused key: the interceptor returns gRPC `Unauthenticated` /
//!   `PermissionDenied` (401 / 403 by the gateway's default mapping); not seen on a server.
//! - The error body `{"code", "message", "details"}` is the gRPC gateway's default; Paralus
//!   registers no handler of its own (read from the source, not observed).
//! - That a server fills no `metadata.partner`/`metadata.organization` of its own: the
//!   source resolves them from the body only, so they are always sent.
//! - Whether a Paralus deployment behind a path prefix serves `/auth/v3` below it (set
//!   `base_url` to the prefix if so).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_PARALUS_HOST=https://console.paralus.example.com, TRUTO_PARALUS_API_KEY=…,
//! // TRUTO_PARALUS_API_SECRET=…, TRUTO_PARALUS_PARTNER=…, TRUTO_PARALUS_ORGANIZATION=…
//! let dir = truto_devtools::paralus::connect(&Config::from_env("paralus"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.groups);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeSet;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, Utc};
use http::header::{HeaderMap, HeaderName};
use http::{Method, StatusCode};
use md5::{Digest, Md5};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::provider::decode::{decode_one, decode_record, epoch, non_empty, parse_datetime};
use truto_core::provider::http::{
    Auth, ErrorDetails, HttpClient, ProviderHttp, Response, generic_error_details,
};
use truto_core::provider::paging::offset_next;
use truto_core::provider::{
    Connection, Credential, FilterRule, Page, PageRequest, Position, UpdateField,
};
use truto_core::{
    Config, ConfigKey, Email, Error, ErrorKind, Family, Filter, GetUser, Group, Integration,
    ListUsers, Operation, PaginationStyle, Reference, RemoteData, Result, Role, UpdateUser, User,
    UserDirectory,
};

/// What the Paralus integration declares.
pub static INTEGRATION: Integration = Integration::new("paralus", "Paralus", Family::Devtools)
    .note("self-hosted: `host`, a user's `api_key` + `api_secret`, and the key's `partner` and `organization` names")
    .list(PaginationStyle::OffsetLimit)
    .get()
    .update(&[
        UpdateField::native("first_name"),
        UpdateField::native("last_name"),
        UpdateField::native("groups"),
        UpdateField::native("remote_data"),
    ])
    .filters(&[
        FilterRule::native(Filter::Email),
        FilterRule::native(Filter::GroupId),
        FilterRule::native(Filter::RoleId),
        FilterRule::native(Filter::WorkspaceId),
    ])
    .email_filter(Filter::Email)
    // The keys the connection reads. `X-API-TOKEN` is not sent as configured: `connect`
    // replaces it with the digest of the secret.
    .credentials(&[Credential::headers(&[
        (KEY_HEADER, "api_key"),
        (TOKEN_HEADER, "api_secret"),
    ])])
    .base_url("{host}")
    .config(&[
        ConfigKey::optional(
            "host",
            "the Paralus console's URL, e.g. https://console.paralus.example.com (or set base_url)",
        )
        .origin(),
        ConfigKey::secret("api_key", "a user's API key (X-API-KEYID)"),
        ConfigKey::secret(
            "api_secret",
            "that key's secret (sent as base64(md5(secret)) in X-API-TOKEN)",
        ),
        ConfigKey::required("partner", "the partner's name, as in the CLI config"),
        ConfigKey::required("organization", "the organization's name, as in the CLI config"),
    ])
    .page_size(MAX_PAGE, MAX_PAGE);

/// The header that names the key.
const KEY_HEADER: &str = "X-API-KEYID";
/// The header that carries the secret's digest.
const TOKEN_HEADER: &str = "X-API-TOKEN";
/// Paralus cuts any larger `limit` to 50 (`pkg/query/options.go`).
const MAX_PAGE: u32 = 50;
/// What an unknown user's error says (the gateway's 500 for `sql.ErrNoRows`).
const NO_ROWS: &str = "no rows in result set";

/// A connected Paralus.
pub struct Paralus {
    http: HttpClient,
    partner: String,
    organization: String,
}

impl fmt::Debug for Paralus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Paralus")
            .field("http", &self.http)
            .field("partner", &self.partner)
            .field("organization", &self.organization)
            .finish()
    }
}

/// Connects to Paralus with `config` (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(Paralus::connect(config)?))
}

/// `X-API-TOKEN` for `secret`: the base64 of its MD5 digest, as Paralus's server and CLI
/// compute it.
fn api_token(secret: &str) -> SecretString {
    SecretString::from(STANDARD.encode(Md5::digest(secret.as_bytes())))
}

impl Paralus {
    /// Connects with `config`: `host` (or `base_url`), `api_key`, `api_secret`, `partner`
    /// and `organization`.
    pub fn connect(config: &Config) -> Result<Self> {
        let integration = &INTEGRATION;
        let mut connection = Connection::open(integration, config)?;
        let partner = required_text(&connection, "partner")?;
        let organization = required_text(&connection, "organization")?;
        // The declared credential names the keys; the token is the secret's digest.
        let key = config.secret(integration, "api_key")?;
        let token = api_token(config.secret(integration, "api_secret")?.expose_secret());
        connection.settings_mut().auth = Auth::Headers(vec![
            (HeaderName::from_static("x-api-keyid"), key),
            (HeaderName::from_static("x-api-token"), token),
        ]);
        let http =
            connection.http(ProviderHttp::new(integration.slug).error_parser(paralus_error))?;
        Ok(Paralus {
            http,
            partner,
            organization,
        })
    }

    /// Sends `request`, giving Paralus's untyped 500s the kind they stand for.
    async fn send(
        &self,
        request: truto_core::provider::http::Request,
        op: Operation,
    ) -> Result<Response> {
        self.http.send(request, op).await.map_err(refine)
    }

    /// The user `name` as Paralus sends it.
    async fn read(&self, name: &str, options: &GetUser) -> Result<Response> {
        let request = self
            .http
            .request(Method::GET, "auth/v3/user/{}", &[name])?
            .remote_query(&options.common().remote_query);
        self.send(request, Operation::Get).await
    }

    /// The body that writes `update` over `current` (the user as read).
    fn update_body(&self, name: &str, current: &[u8], update: &UpdateUser) -> Result<Value> {
        let mut body: Value = serde_json::from_slice(current).map_err(|e| {
            Error::decode(format!("the Paralus user `{name}` could not be read: {e}"))
                .with_provider(INTEGRATION.slug)
        })?;
        let Some(record) = body.as_object_mut() else {
            return Err(Error::decode(format!(
                "the Paralus user `{name}` is not a JSON object"
            )));
        };
        // The outcome of the read, not part of the user.
        record.remove("status");
        put(
            record,
            "metadata",
            "partner",
            Value::String(self.partner.clone()),
        );
        put(
            record,
            "metadata",
            "organization",
            Value::String(self.organization.clone()),
        );
        let fields = &update.body;
        if let Some(first) = &fields.first_name {
            put(
                record,
                "spec",
                "firstName",
                Value::String(first.trim().to_owned()),
            );
        }
        if let Some(last) = &fields.last_name {
            put(
                record,
                "spec",
                "lastName",
                Value::String(last.trim().to_owned()),
            );
        }
        if let Some(groups) = &fields.groups {
            // Groups an identity provider assigns are kept by Paralus whatever is sent.
            let from_idp: BTreeSet<&str> = record
                .get("spec")
                .and_then(|s| s.get("idpGroups"))
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let names: Vec<Value> = group_names(groups)?
                .into_iter()
                .filter(|g| !from_idp.contains(g.as_str()))
                .map(Value::String)
                .collect();
            put(record, "spec", "groups", Value::Array(names));
        }
        if let Some(extra) = &fields.remote_data {
            for (key, value) in extra {
                merge(record.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
        match body.pointer("/metadata/name").and_then(Value::as_str) {
            Some(stored) if stored == name => Ok(body),
            Some(other) => Err(Error::invalid_input(format!(
                "a Paralus user cannot be renamed: `metadata.name` is `{name}`, not `{other}`"
            ))),
            None => Err(Error::decode(format!(
                "the Paralus user `{name}` was read without `metadata.name`"
            ))),
        }
    }
}

fn config_error(message: &str) -> Error {
    Error::config(message).with_provider(INTEGRATION.slug)
}

fn required_text(connection: &Connection, key: &str) -> Result<String> {
    let value = connection.require(key)?.trim();
    if value.is_empty() {
        return Err(config_error(&format!("`{key}` cannot be empty")));
    }
    Ok(value.to_owned())
}

/// Sets `record[section][key]` to `value`, making `record[section]` an object if needed.
fn put(record: &mut Map<String, Value>, section: &str, key: &str, value: Value) {
    let slot = record
        .entry(section.to_owned())
        .or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    if let Value::Object(map) = slot {
        map.insert(key.to_owned(), value);
    }
}

/// Merges `from` into `into`: objects key by key, anything else replaced.
fn merge(into: &mut Value, from: &Value) {
    match (into, from) {
        (Value::Object(into), Value::Object(from)) => {
            for (key, value) in from {
                merge(into.entry(key.clone()).or_insert(Value::Null), value);
            }
        }
        (slot, value) => *slot = value.clone(),
    }
}

/// The group names of an update (Paralus names groups; a group's id is its name).
fn group_names(groups: &[Group]) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for group in groups {
        let name = group
            .name
            .as_deref()
            .or(group.id.as_deref())
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                Error::invalid_input("a Paralus group is named: give each group a `name` (or `id`)")
            })?;
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    Ok(names)
}

/// gRPC status codes, as the gateway writes them in `code`.
const GRPC_CODES: &[&str] = &[
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

#[derive(Debug, Deserialize)]
struct WireError {
    #[serde(default)]
    code: Option<u64>,
    #[serde(default)]
    message: Option<String>,
}

/// Reads the gateway's error body `{"code": <gRPC code>, "message": …, "details": […]}`
/// (plain text from the HTTP middleware falls back to the generic reader).
fn paralus_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    match serde_json::from_slice::<WireError>(body) {
        Ok(WireError {
            code,
            message: Some(message),
        }) if !message.trim().is_empty() => {
            let code = code.and_then(|c| GRPC_CODES.get(usize::try_from(c).ok()?).copied());
            let mut details = ErrorDetails::default();
            details.throttled = code == Some("RESOURCE_EXHAUSTED");
            details.code = code.map(str::to_owned);
            details.message = Some(message);
            details
        }
        _ => generic_error_details(status, headers, body),
    }
}

/// Gives Paralus's untyped errors (HTTP 500, gRPC `UNKNOWN`) the kind their message says.
fn refine(err: Error) -> Error {
    if err.kind() != ErrorKind::Provider {
        return err;
    }
    let message = err.message().unwrap_or_default().to_ascii_lowercase();
    if message.contains(NO_ROWS) || message.starts_with("no user found with name") {
        err.into_kind(ErrorKind::NotFound).with_retryable(false)
    } else if message.starts_with("unable to find ") {
        err.into_kind(ErrorKind::InvalidInput).with_retryable(false)
    } else {
        err
    }
}

/// `GET /auth/v3/users`: `items` is left out when the page is empty.
#[derive(Debug, Deserialize)]
struct WireList {
    #[serde(default)]
    items: Option<Vec<Box<RawValue>>>,
}

/// A `User`, as far as it maps (every field is omitted when empty).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireUser {
    metadata: WireMetadata,
    spec: WireSpec,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireMetadata {
    name: Option<String>,
    id: Option<String>,
    created_at: Option<Value>,
    modified_at: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireSpec {
    first_name: Option<String>,
    last_name: Option<String>,
    groups: Option<Vec<String>>,
    idp_groups: Option<Vec<String>>,
    project_namespace_roles: Option<Vec<WireRole>>,
    last_login: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireRole {
    project: Option<String>,
    role: Option<String>,
    group: Option<String>,
}

/// A protobuf `Timestamp` as Paralus's JSON writes it (`{"seconds", "nanos"}`), or an
/// RFC 3339 text.
fn timestamp(value: Option<&Value>) -> Option<DateTime<Utc>> {
    match value? {
        Value::String(text) => parse_datetime(text),
        Value::Object(fields) => {
            let seconds = match fields.get("seconds")? {
                Value::Number(n) => n.as_i64()?,
                Value::String(s) => s.parse().ok()?,
                _ => return None,
            };
            let nanos = fields
                .get("nanos")
                .and_then(Value::as_u64)
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(0);
            DateTime::from_timestamp(seconds, nanos).or_else(|| epoch(seconds))
        }
        _ => None,
    }
}

fn reference(name: &str) -> Reference {
    Reference::new(Some(name.to_owned()), Some(name.to_owned()))
}

fn to_user(wire: WireUser, remote: RemoteData) -> Result<User> {
    let name = non_empty(wire.metadata.name)
        .map(|n| n.trim().to_owned())
        .ok_or_else(|| Error::decode("a Paralus user has no `metadata.name`"))?;
    let mut user = User::new(name.clone());
    user.username = Some(name.clone());
    user.emails = vec![Email::new(name).primary(true)];
    if let Some(id) = non_empty(wire.metadata.id) {
        let mut identifiers = Map::new();
        identifiers.insert("id".into(), Value::String(id));
        user.identifiers = Some(identifiers);
    }
    let spec = wire.spec;
    user.first_name = non_empty(spec.first_name);
    user.last_name = non_empty(spec.last_name);
    let full: Vec<&str> = [user.first_name.as_deref(), user.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    user.name = (!full.is_empty()).then(|| full.join(" "));
    let mut seen = BTreeSet::new();
    for group in spec
        .groups
        .into_iter()
        .flatten()
        .chain(spec.idp_groups.into_iter().flatten())
    {
        let group = group.trim();
        if !group.is_empty() && seen.insert(group.to_owned()) {
            user.groups
                .push(Group::new(Some(group.to_owned()), Some(group.to_owned())));
        }
    }
    for assignment in spec.project_namespace_roles.into_iter().flatten() {
        let Some(role_name) = non_empty(assignment.role) else {
            continue;
        };
        let mut role = Role::new(Some(role_name.clone()), Some(role_name));
        role.workspace = non_empty(assignment.project).map(|p| reference(&p));
        role.group = non_empty(assignment.group).map(|g| reference(&g));
        if !user.roles.contains(&role) {
            user.roles.push(role);
        }
    }
    user.last_login_at = spec.last_login.as_deref().and_then(parse_datetime);
    user.created_at = timestamp(wire.metadata.created_at.as_ref());
    user.updated_at = timestamp(wire.metadata.modified_at.as_ref());
    user.remote_data = Some(remote);
    Ok(user)
}

/// A filter's value, trimmed; an empty one is refused.
fn filter(options: &ListUsers, filter: Filter) -> Result<Option<&str>> {
    match options.filter_value(filter).map(str::trim) {
        None => Ok(None),
        Some("") => Err(Error::invalid_input(format!(
            "the `{filter}` filter needs a value"
        ))),
        Some(value) => Ok(Some(value)),
    }
}

#[async_trait]
impl UserDirectory for Paralus {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let offset = match request.position {
            Position::Start => 0,
            Position::Offset(n) => *n,
            other => {
                return Err(Error::cannot_resume("a Paralus listing", other));
            }
        };
        let options = request.options;
        let email = filter(options, Filter::Email)?;
        let limit = request.page_size.unwrap_or(MAX_PAGE).clamp(1, MAX_PAGE);
        let http_request = self
            .http
            .request(Method::GET, "auth/v3/users", &[])?
            .query("partner", &self.partner)
            .query("organization", &self.organization)
            .query("limit", limit)
            .query("offset", offset)
            .query("orderBy", "email")
            .query("order", "asc")
            .query_opt("q", email)
            .query_opt("group", filter(options, Filter::GroupId)?)
            .query_opt("role", filter(options, Filter::RoleId)?)
            .query_opt("project", filter(options, Filter::WorkspaceId)?)
            .remote_query(&options.common().remote_query);
        let response = self.send(http_request, Operation::List).await?;
        let list: WireList = response.json()?;
        let records = list.items.unwrap_or_default();
        let returned = records.len();
        let mut users = Vec::with_capacity(returned);
        for (i, raw) in records.into_iter().enumerate() {
            let (wire, remote) = decode_record::<WireUser>(raw, i)?;
            let user = to_user(wire, remote)?;
            // `q` matches substrings of e-mail and names; keep the address asked for.
            if email.is_none_or(|e| user.id.eq_ignore_ascii_case(e)) {
                users.push(user);
            }
        }
        Ok(Page::new(
            users,
            offset_next(offset, returned, Some(limit), None),
        ))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let response = self.read(id, options).await?;
        let (wire, remote) = decode_one::<WireUser>(&response.body)?;
        to_user(wire, remote)
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let read = GetUser::new();
        let current = self.read(id, &read).await?;
        let body = self.update_body(id, &current.body, options)?;
        let request = self
            .http
            .request(Method::PUT, "auth/v3/user/{}", &[id])?
            .remote_query(&options.common().remote_query)
            .json(&body)?
            // The whole user, replaced: the same body twice leaves the same user.
            .idempotent();
        self.send(request, Operation::Update).await?;
        // The `PUT` answers with the body it was sent; read what Paralus stored.
        let stored = self.read(id, &read).await?;
        let (wire, remote) = decode_one::<WireUser>(&stored.body)?;
        to_user(wire, remote)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_is_the_base64_of_the_md5_of_the_secret() {
        // md5("secret") = 5ebe2294ecd0e0f08eab7690d2a6ee69
        assert_eq!(
            api_token("secret").expose_secret(),
            "Xr4ilOzQ4PCOq3aQ0qbuaQ=="
        );
        assert_eq!(api_token("").expose_secret(), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    #[test]
    fn gateway_errors_are_read() {
        let d = paralus_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            &HeaderMap::new(),
            br#"{"code":2,"message":"sql: no rows in result set","details":[]}"#,
        );
        assert_eq!(d.code.as_deref(), Some("UNKNOWN"));
        assert_eq!(d.message.as_deref(), Some("sql: no rows in result set"));
        assert!(!d.throttled);
        let d = paralus_error(
            StatusCode::TOO_MANY_REQUESTS,
            &HeaderMap::new(),
            br#"{"code":8,"message":"slow down"}"#,
        );
        assert!(d.throttled);
        let d = paralus_error(StatusCode::FORBIDDEN, &HeaderMap::new(), b"Forbidden\n");
        assert_eq!(d.message.as_deref(), Some("Forbidden"));
    }

    #[test]
    fn untyped_errors_are_refined() {
        let provider = |m: &str| Error::new(ErrorKind::Provider, m).with_retryable(true);
        let e = refine(provider("sql: no rows in result set"));
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(!e.is_retryable());
        assert_eq!(
            refine(provider("unable to find group 'ops'")).kind(),
            ErrorKind::InvalidInput
        );
        assert_eq!(refine(provider("boom")).kind(), ErrorKind::Provider);
        let denied = Error::new(ErrorKind::PermissionDenied, "no rows in result set");
        assert_eq!(refine(denied).kind(), ErrorKind::PermissionDenied);
    }

    #[test]
    fn merging_keeps_what_is_not_replaced() {
        let mut into =
            serde_json::json!({"spec": {"firstName": "A", "groups": ["x"]}, "kind": "User"});
        merge(
            &mut into,
            &serde_json::json!({"spec": {"groups": ["y"], "forceReset": true}}),
        );
        assert_eq!(
            into,
            serde_json::json!({"spec": {"firstName": "A", "groups": ["y"], "forceReset": true}, "kind": "User"})
        );
    }

    #[test]
    fn timestamps_read_both_shapes() {
        let t = timestamp(Some(
            &serde_json::json!({"seconds": 1_700_000_000, "nanos": 5}),
        ));
        assert_eq!(t.unwrap().timestamp(), 1_700_000_000);
        let t = timestamp(Some(&serde_json::json!("2024-05-01T10:20:30Z")));
        assert_eq!(t.unwrap().to_rfc3339(), "2024-05-01T10:20:30+00:00");
        assert_eq!(timestamp(Some(&serde_json::json!(true))), None);
        assert_eq!(timestamp(None), None);
    }

    #[test]
    fn groups_need_a_name() {
        let named = [
            Group::new(None, Some("ops".into())),
            Group::new(Some("ops".into()), None),
            Group::new(Some("dev".into()), Some(" dev ".into())),
        ];
        assert_eq!(group_names(&named).unwrap(), ["ops", "dev"]);
        let err = group_names(&[Group::new(None, Some(" ".into()))]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
    }
}
