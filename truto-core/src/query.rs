//! Options of list, get and update, named exactly as the contract names them, and their
//! validation against what an integration declares.

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use secrecy::SecretString;
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::cursor::Cursor;
use crate::error::{Error, Operation, Result};
use crate::filter::Filter;
use crate::integration::Integration;
use crate::user::{
    Email, Group, License, Organization, Phone, Role, UserField, UserStatus, UserUrl, Workspace,
};

/// How results are shaped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseFormat {
    /// Mapped fields plus `remote_data` (the default).
    #[default]
    Unified,
    /// The provider's records untouched: each user carries only `id` and `remote_data`.
    Raw,
    /// Mapped fields in canonical form; see [`crate::normalize`].
    Normalized,
    /// Results delivered incrementally. Every listing in this SDK is a stream, so this is
    /// the same as `Unified`; it is accepted so options copied from the hosted API work.
    Stream,
}

impl ResponseFormat {
    /// The contract's name.
    pub fn as_str(self) -> &'static str {
        match self {
            ResponseFormat::Unified => "unified",
            ResponseFormat::Raw => "raw",
            ResponseFormat::Normalized => "normalized",
            ResponseFormat::Stream => "stream",
        }
    }
}

impl FromStr for ResponseFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "unified" => Ok(ResponseFormat::Unified),
            "raw" => Ok(ResponseFormat::Raw),
            "normalized" => Ok(ResponseFormat::Normalized),
            "stream" => Ok(ResponseFormat::Stream),
            other => Err(Error::invalid_input(format!(
                "unknown response format `{other}` (expected unified, raw, normalized or stream)"
            ))),
        }
    }
}

impl fmt::Display for ResponseFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Options every operation shares.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct CommonOptions {
    /// How results are shaped.
    pub response_format: ResponseFormat,
    /// Leave `remote_data` out.
    pub ignore_remote_data: bool,
    /// Unified fields to leave out.
    pub exclude_fields: Vec<UserField>,
    /// Passed verbatim into the provider's own query string.
    pub remote_query: BTreeMap<String, String>,
    /// Integration-specific parameters (required ones included), by name.
    pub params: BTreeMap<String, String>,
}

macro_rules! common_builders {
    () => {
        /// How results are shaped.
        pub fn response_format(mut self, format: ResponseFormat) -> Self {
            self.common.response_format = format;
            self
        }
        /// Leave `remote_data` out of every user.
        pub fn ignore_remote_data(mut self, ignore: bool) -> Self {
            self.common.ignore_remote_data = ignore;
            self
        }
        /// Unified fields to leave out of every user.
        pub fn exclude_fields(mut self, fields: impl IntoIterator<Item = UserField>) -> Self {
            self.common.exclude_fields.extend(fields);
            self
        }
        /// A key/value passed verbatim into the provider's own query string.
        pub fn remote_query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
            self.common.remote_query.insert(key.into(), value.into());
            self
        }
        /// An integration-specific parameter (e.g. `organization_id`, `customer`).
        pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
            self.common.params.insert(name.into(), value.into());
            self
        }
        /// The options shared by every operation.
        pub fn common(&self) -> &CommonOptions {
            &self.common
        }
        /// A parameter by name: an extra parameter, or else a filter of the same name.
        pub fn get_param(&self, name: &str) -> Option<&str> {
            self.common.params.get(name).map(String::as_str)
        }
    };
}

/// Options of a listing.
///
/// ```
/// use truto_core::{Filter, ListUsers};
/// use truto_core::UserField;
/// let options = ListUsers::new()
///     .limit(100)
///     .filter(Filter::Status, "active")
///     .exclude_fields([UserField::Phones]);
/// assert_eq!(options.filter_value(Filter::Status), Some("active"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ListUsers {
    common: CommonOptions,
    /// Filters, by contract name.
    pub filters: BTreeMap<Filter, String>,
    /// Page size asked of the provider.
    pub limit: Option<u32>,
    /// Where to resume a listing.
    pub next_cursor: Option<Cursor>,
    /// Ignore the caller's `limit` and use the provider's largest page size.
    pub ignore_limit: bool,
    /// Fetch each listed user's full record (for partial lists).
    pub hydrate: bool,
    /// How many users are hydrated at once.
    pub hydrate_concurrency: usize,
    /// Fetch ahead while the caller consumes the current page: the listing runs in a task
    /// of its own, at most one finished page ahead of the caller, with the page after it
    /// on its way.
    pub prefetch: bool,
    /// How many pages may be fetched at once: from the first request for offset and SCIM
    /// providers, once a total is reported for page-number providers.
    pub page_concurrency: usize,
    /// Stop after this many users in all; nothing past them is requested or hydrated.
    pub max_users: Option<u64>,
}

impl Default for ListUsers {
    fn default() -> Self {
        ListUsers {
            common: CommonOptions::default(),
            filters: BTreeMap::new(),
            limit: None,
            next_cursor: None,
            ignore_limit: false,
            hydrate: false,
            hydrate_concurrency: 8,
            prefetch: true,
            page_concurrency: 1,
            max_users: None,
        }
    }
}

impl ListUsers {
    /// Default options: unified format, provider's page size, prefetch on.
    pub fn new() -> Self {
        ListUsers::default()
    }
    common_builders!();

    /// Adds a filter.
    pub fn filter(mut self, filter: Filter, value: impl Into<String>) -> Self {
        self.filters.insert(filter, value.into());
        self
    }
    /// The value of a filter, if set.
    pub fn filter_value(&self, filter: Filter) -> Option<&str> {
        self.filters.get(&filter).map(String::as_str)
    }
    /// Page size asked of the provider.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }
    /// Resume from a cursor returned by an earlier page or error.
    pub fn next_cursor(mut self, cursor: Cursor) -> Self {
        self.next_cursor = Some(cursor);
        self
    }
    /// Use the provider's largest page size whatever `limit` says.
    pub fn ignore_limit(mut self, ignore: bool) -> Self {
        self.ignore_limit = ignore;
        self
    }
    /// Fetch each listed user's full record, `hydrate_concurrency` at a time.
    pub fn hydrate(mut self, hydrate: bool) -> Self {
        self.hydrate = hydrate;
        self
    }
    /// How many users are hydrated at once (default 8).
    pub fn hydrate_concurrency(mut self, n: usize) -> Self {
        self.hydrate_concurrency = n.max(1);
        self
    }
    /// Fetch the next page while the current one is consumed (default on).
    pub fn prefetch(mut self, prefetch: bool) -> Self {
        self.prefetch = prefetch;
        self
    }
    /// Pages fetched at once (default 1).
    ///
    /// For providers that page by record offset (offset/limit, SCIM `startIndex`) the
    /// first request goes out together with the next `n - 1`, computed from the page size;
    /// each page fetched ahead is kept only when the page before it names it as its next,
    /// so a provider that returns short pages costs up to `n - 1` dropped requests, never a
    /// lost or repeated user. A reported total bounds the pages requested ahead. Providers
    /// paging by page number fetch concurrently once the first page reports a total;
    /// cursor and next-link providers always fetch one page at a time.
    pub fn page_concurrency(mut self, n: usize) -> Self {
        self.page_concurrency = n.max(1);
        self
    }
    /// Stop after `n` users: the page that reaches `n` is cut there and no later page is
    /// requested, nor any user past `n` hydrated.
    pub fn max_users(mut self, n: u64) -> Self {
        self.max_users = Some(n);
        self
    }

    /// The value of a parameter or filter called `name`.
    pub fn lookup(&self, name: &str) -> Option<&str> {
        self.get_param(name).or_else(|| {
            Filter::from_str(name)
                .ok()
                .and_then(|f| self.filter_value(f))
        })
    }

    /// The page size to ask for: the caller's limit within the provider's maximum, or the
    /// provider's default.
    pub fn page_size(&self, integration: &Integration) -> Option<u32> {
        let max = integration.max_page_size;
        if self.ignore_limit {
            return max.or(integration.default_page_size);
        }
        match (self.limit, max) {
            (Some(l), Some(m)) => Some(l.clamp(1, m)),
            (Some(l), None) => Some(l.max(1)),
            (None, _) => integration.default_page_size,
        }
    }

    /// Checks the options against what `integration` declares. Nothing is sent when this
    /// fails.
    pub fn validate(&self, integration: &Integration) -> Result<()> {
        let err = |e: Error| {
            e.with_provider(integration.slug)
                .with_operation(Operation::List)
        };
        if !integration.supports(Operation::List) {
            return Err(err(Error::unsupported(format!(
                "{} does not support listing users",
                integration.name
            ))));
        }
        for filter in self.filters.keys() {
            if !integration.supports_filter(*filter) {
                return Err(err(Error::unsupported(format!(
                    "{} does not support the `{filter}` filter (supported: {})",
                    integration.name,
                    join(integration.filter_names().map(Filter::as_str))
                ))));
            }
        }
        if integration.single_filter && self.filters.len() > 1 {
            let names: Vec<&str> = self.filters.keys().map(|f| f.as_str()).collect();
            return Err(err(Error::invalid_input(format!(
                "{} takes one filter at a time; {} were given",
                integration.name,
                names.join(" and ")
            ))));
        }
        if self.hydrate && !integration.get {
            return Err(err(Error::unsupported(format!(
                "{} cannot hydrate listed users: it has no get endpoint",
                integration.name
            ))));
        }
        validate_common(&self.common, integration, Operation::List, |n| {
            self.lookup(n)
        })
        .map_err(err)?;
        if let Some(cursor) = &self.next_cursor {
            cursor
                .position_for(integration.slug)
                .map_err(|e| err(Error::from(e)))?;
        }
        Ok(())
    }
}

/// Options of getting one user.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct GetUser {
    common: CommonOptions,
}

impl GetUser {
    /// Default options.
    pub fn new() -> Self {
        GetUser::default()
    }
    common_builders!();

    /// Checks the options against what `integration` declares.
    pub fn validate(&self, integration: &Integration) -> Result<()> {
        let err = |e: Error| {
            e.with_provider(integration.slug)
                .with_operation(Operation::Get)
        };
        if !integration.supports(Operation::Get) {
            return Err(err(Error::unsupported(format!(
                "{} does not support getting a user",
                integration.name
            ))));
        }
        validate_common(&self.common, integration, Operation::Get, |n| {
            self.get_param(n)
        })
        .map_err(err)
    }
}

/// Options of updating one user: the fields to change and the usual options.
///
/// ```
/// use truto_core::UpdateUser;
/// use truto_core::UserStatus;
/// let deactivate = UpdateUser::new().status(UserStatus::Inactive);
/// assert_eq!(deactivate.body.fields(), vec!["status"]);
/// ```
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct UpdateUser {
    common: CommonOptions,
    /// The fields to change.
    pub body: UserUpdate,
}

impl UpdateUser {
    /// No changes yet.
    pub fn new() -> Self {
        UpdateUser::default()
    }
    common_builders!();

    /// Sets the lifecycle status (`inactive` deactivates).
    pub fn status(mut self, status: UserStatus) -> Self {
        self.body.status = Some(status);
        self
    }
    /// Replaces the whole body.
    pub fn body(mut self, body: UserUpdate) -> Self {
        self.body = body;
        self
    }

    /// Checks the options and the body against what `integration` declares.
    pub fn validate(&self, integration: &Integration) -> Result<()> {
        let err = |e: Error| {
            e.with_provider(integration.slug)
                .with_operation(Operation::Update)
        };
        if !integration.supports(Operation::Update) {
            return Err(err(Error::unsupported(format!(
                "{} does not support updating a user",
                integration.name
            ))));
        }
        let fields = self.body.fields();
        if fields.is_empty() {
            return Err(err(Error::invalid_input("the update changes no field")));
        }
        for field in fields {
            if !integration.can_update(field) {
                return Err(err(Error::unsupported(format!(
                    "{} cannot update `{field}` (updatable: {})",
                    integration.name,
                    join(integration.update_field_names())
                ))));
            }
        }
        validate_common(&self.common, integration, Operation::Update, |n| {
            self.get_param(n)
        })
        .map_err(err)
    }
}

/// The fields of an update, named as the contract's update body. It reads and writes the
/// contract's JSON (a `password` is never written and read from JSON only as text).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserUpdate {
    /// Display or full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Given name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Login or handle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// New password; never printed.
    #[serde(skip_serializing, default, deserialize_with = "secret")]
    pub password: Option<SecretString>,
    /// Email addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emails: Option<Vec<Email>>,
    /// Phone numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phones: Option<Vec<Phone>>,
    /// Lifecycle status; `inactive` deactivates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    /// Roles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<Role>>,
    /// Groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<Group>>,
    /// A single group (providers where a user has exactly one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<Group>,
    /// Organizations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organizations: Option<Vec<Organization>>,
    /// Workspaces.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workspaces: Option<Vec<Workspace>>,
    /// Licenses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub licenses: Option<Vec<License>>,
    /// Job title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Time zone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Picture URL.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// Languages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<String>>,
    /// Kind of account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,
    /// Web addresses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub urls: Option<Vec<UserUrl>>,
    /// Integration-specific fields (e.g. Smartsheet's `licensed_sheet_creator`).
    #[serde(flatten)]
    pub extra: Map<String, Value>,
    /// Merged into the provider's request body untransformed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote_data: Option<Map<String, Value>>,
}

impl UserUpdate {
    /// The names of the fields this update sets (`remote_data` excluded: it is merged as is).
    pub fn fields(&self) -> Vec<&str> {
        let mut out = Vec::new();
        let mut push = |set: bool, name: &'static str| {
            if set {
                out.push(name);
            }
        };
        push(self.name.is_some(), "name");
        push(self.first_name.is_some(), "first_name");
        push(self.last_name.is_some(), "last_name");
        push(self.username.is_some(), "username");
        push(self.password.is_some(), "password");
        push(self.emails.is_some(), "emails");
        push(self.phones.is_some(), "phones");
        push(self.status.is_some(), "status");
        push(self.roles.is_some(), "roles");
        push(self.groups.is_some(), "groups");
        push(self.group.is_some(), "group");
        push(self.organizations.is_some(), "organizations");
        push(self.workspaces.is_some(), "workspaces");
        push(self.licenses.is_some(), "licenses");
        push(self.title.is_some(), "title");
        push(self.timezone.is_some(), "timezone");
        push(self.avatar.is_some(), "avatar");
        push(self.languages.is_some(), "languages");
        push(self.user_type.is_some(), "user_type");
        push(self.urls.is_some(), "urls");
        out.extend(self.extra.keys().map(String::as_str));
        if self.remote_data.is_some() && out.is_empty() {
            out.push("remote_data");
        }
        out
    }
}

fn validate_common<'a>(
    common: &CommonOptions,
    integration: &Integration,
    op: Operation,
    lookup: impl Fn(&str) -> Option<&'a str>,
) -> Result<()> {
    if common.response_format == ResponseFormat::Raw && common.ignore_remote_data {
        return Err(Error::invalid_input(
            "the raw response format is the remote data; it cannot be combined with ignore_remote_data",
        ));
    }
    if common.exclude_fields.contains(&UserField::Id) {
        return Err(Error::invalid_input("`id` cannot be excluded"));
    }
    for name in common.params.keys() {
        let known = integration.knows_param(name)
            || integration.required(op).contains(&name.as_str())
            || Filter::from_str(name).is_ok_and(|f| integration.supports_filter(f));
        if !known {
            return Err(Error::unsupported(format!(
                "{} does not take the parameter `{name}`",
                integration.name
            )));
        }
    }
    for name in integration.required(op) {
        if lookup(name).is_none_or(|v| v.trim().is_empty()) {
            return Err(Error::missing_parameter(name, op));
        }
    }
    Ok(())
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    let v: Vec<&str> = items.collect();
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join(", ")
    }
}

fn secret<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<SecretString>, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.map(SecretString::from))
}
