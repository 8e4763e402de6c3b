//! What an integration is and declares: the metadata every request is checked against.
//!
//! An [`Integration`] is plain `const` data, so the registry, the CLI and the docs can read
//! what a provider supports without building a client.

use std::fmt;

use crate::error::Operation;
use crate::query::Filter;

/// The family crate an integration lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Family {
    /// SCIM 2.0 endpoints (`truto-scim`).
    Scim,
    /// Identity providers (`truto-idp`).
    Idp,
    /// Developer tools (`truto-devtools`).
    Devtools,
    /// CRMs (`truto-crm`).
    Crm,
    /// Truto's hosted Unified API.
    Hosted,
    /// Anything else.
    Other,
}

impl Family {
    /// The family's name as the CLI and the integration list write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Scim => "scim",
            Family::Idp => "idp",
            Family::Devtools => "devtools",
            Family::Crm => "crm",
            Family::Hosted => "hosted",
            Family::Other => "other",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a provider accepts credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AuthKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// `Authorization: Basic base64(user:password)`.
    Basic,
    /// A token in a provider-specific header.
    ApiKeyHeader,
    /// A token in the query string.
    ApiKeyQuery,
    /// `Authorization: <Scheme> <token>` with a custom scheme (Okta's `SSWS`).
    CustomScheme,
    /// OAuth 2.0 client credentials, exchanged for a bearer token.
    OAuth2ClientCredentials,
    /// A signed JWT exchanged for a bearer token (service accounts).
    JwtBearer,
}

impl AuthKind {
    /// A short name for listings.
    pub fn as_str(self) -> &'static str {
        match self {
            AuthKind::Bearer => "bearer",
            AuthKind::Basic => "basic",
            AuthKind::ApiKeyHeader => "api-key-header",
            AuthKind::ApiKeyQuery => "api-key-query",
            AuthKind::CustomScheme => "custom-scheme",
            AuthKind::OAuth2ClientCredentials => "oauth2-client-credentials",
            AuthKind::JwtBearer => "jwt-bearer",
        }
    }
}

/// The pagination shape a provider's list endpoint uses, as its positions show it.
///
/// The engine reads it to know which positions it may compute ahead: with
/// `page_concurrency` above 1, an [`OffsetLimit`](Self::OffsetLimit) or
/// [`ScimStartIndex`](Self::ScimStartIndex) provider is asked for several pages from the
/// first request, so it must return its next positions as [`Position::Offset`] or
/// [`Position::StartIndex`](crate::Position::StartIndex). A provider that sends offsets on
/// the wire but returns richer positions (Jira's carry the ids of the page before) declares
/// [`CursorField`](Self::CursorField).
///
/// [`Position::Offset`]: crate::Position::Offset
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaginationStyle {
    /// RFC 8288 `Link: <...>; rel="next"` header.
    LinkHeader,
    /// An opaque cursor in the response body, sent back as a parameter; or any position
    /// the provider alone can compute.
    CursorField,
    /// Offset and limit parameters; next positions are [`Position::Offset`](crate::Position::Offset).
    OffsetLimit,
    /// Page number and page size parameters.
    PageNumber,
    /// A full next-page URL in the body (`@odata.nextLink`, `nextRecordsUrl`, `next`).
    NextUrl,
    /// SCIM's 1-based `startIndex` and `count`.
    ScimStartIndex,
    /// Everything in one response.
    Single,
}

/// A configuration key a connection takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConfigKey {
    /// The key, e.g. `token` or `tenant_id`.
    pub name: &'static str,
    /// Whether a connection cannot be made without it.
    pub required: bool,
    /// Whether it holds a credential (never printed, never taken from a command line).
    pub secret: bool,
    /// One line on what it is.
    pub description: &'static str,
}

impl ConfigKey {
    /// A required, non-secret key.
    pub const fn required(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: true,
            secret: false,
            description,
        }
    }
    /// An optional, non-secret key.
    pub const fn optional(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: false,
            secret: false,
            description,
        }
    }
    /// A required secret.
    pub const fn secret(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: true,
            secret: true,
            description,
        }
    }
    /// An optional secret (one of several ways to authenticate).
    pub const fn optional_secret(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: false,
            secret: true,
            description,
        }
    }
}

/// A parameter an operation takes beyond the contract's filters (Google's `customer`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Param {
    /// The parameter's name.
    pub name: &'static str,
    /// One line on what it is.
    pub description: &'static str,
}

impl Param {
    /// A parameter with a description.
    pub const fn new(name: &'static str, description: &'static str) -> Self {
        Param { name, description }
    }
}

/// Everything an integration declares about itself.
///
/// Built in `const` context with the builder methods:
///
/// ```
/// use truto_core::integration::{Integration, Family, AuthKind, PaginationStyle};
/// use truto_core::query::Filter;
///
/// const EXAMPLE: Integration = Integration::new("example", "Example", Family::Other)
///     .list(PaginationStyle::CursorField)
///     .get()
///     .filters(&[Filter::Email])
///     .auth(&[AuthKind::Bearer]);
/// assert!(EXAMPLE.supports_filter(Filter::Email));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Integration {
    /// Stable identifier, as in `integrations-classified.tsv`.
    pub slug: &'static str,
    /// Human name.
    pub name: &'static str,
    /// Family crate.
    pub family: Family,
    /// Whether listing is supported, and how it pages.
    pub list: Option<PaginationStyle>,
    /// Whether getting one user is supported.
    pub get: bool,
    /// Whether updating a user is supported.
    pub update: bool,
    /// Contract filters the list endpoint honours.
    pub filters: &'static [Filter],
    /// The filter `find_by_email` uses, when the provider can filter by email.
    pub email_filter: Option<Filter>,
    /// Extra parameters (beyond filters) the integration understands.
    pub params: &'static [Param],
    /// Filters or parameters required to list.
    pub required_list: &'static [&'static str],
    /// Filters or parameters required to get a user.
    pub required_get: &'static [&'static str],
    /// Filters or parameters required to update a user.
    pub required_update: &'static [&'static str],
    /// Update-body fields the integration can change.
    pub update_fields: &'static [&'static str],
    /// Whether listed users carry less than a get returns.
    pub partial_list: bool,
    /// Accepted credential kinds.
    pub auth: &'static [AuthKind],
    /// Default base URL; `{placeholders}` are filled from config keys.
    pub default_base_url: Option<&'static str>,
    /// Configuration keys (besides `base_url`, which every integration takes).
    pub config: &'static [ConfigKey],
    /// Largest page size the provider accepts.
    pub max_page_size: Option<u32>,
    /// Page size used when the caller sets none.
    pub default_page_size: Option<u32>,
    /// Any parameter and update field is passed through unchecked (a gateway such as the
    /// hosted API, which validates them itself).
    pub open_params: bool,
}

impl Integration {
    /// An integration with no operations; add them with the builder methods.
    pub const fn new(slug: &'static str, name: &'static str, family: Family) -> Self {
        Integration {
            slug,
            name,
            family,
            list: None,
            get: false,
            update: false,
            filters: &[],
            email_filter: None,
            params: &[],
            required_list: &[],
            required_get: &[],
            required_update: &[],
            update_fields: &[],
            partial_list: false,
            auth: &[],
            default_base_url: None,
            config: &[],
            max_page_size: None,
            default_page_size: None,
            open_params: false,
        }
    }
    /// Supports listing, paging in `style`.
    pub const fn list(mut self, style: PaginationStyle) -> Self {
        self.list = Some(style);
        self
    }
    /// Supports getting one user.
    pub const fn get(mut self) -> Self {
        self.get = true;
        self
    }
    /// Supports updating these fields.
    pub const fn update(mut self, fields: &'static [&'static str]) -> Self {
        self.update = true;
        self.update_fields = fields;
        self
    }
    /// Honours these list filters.
    pub const fn filters(mut self, filters: &'static [Filter]) -> Self {
        self.filters = filters;
        self
    }
    /// Finds users by email with this filter.
    pub const fn email_filter(mut self, filter: Filter) -> Self {
        self.email_filter = Some(filter);
        self
    }
    /// Understands these extra parameters.
    pub const fn params(mut self, params: &'static [Param]) -> Self {
        self.params = params;
        self
    }
    /// Requires these parameters to list.
    pub const fn required_list(mut self, names: &'static [&'static str]) -> Self {
        self.required_list = names;
        self
    }
    /// Requires these parameters to get.
    pub const fn required_get(mut self, names: &'static [&'static str]) -> Self {
        self.required_get = names;
        self
    }
    /// Requires these parameters to update.
    pub const fn required_update(mut self, names: &'static [&'static str]) -> Self {
        self.required_update = names;
        self
    }
    /// Listed users are partial; a get returns more.
    pub const fn partial_list(mut self) -> Self {
        self.partial_list = true;
        self
    }
    /// Accepts these credential kinds.
    pub const fn auth(mut self, kinds: &'static [AuthKind]) -> Self {
        self.auth = kinds;
        self
    }
    /// Default base URL.
    pub const fn base_url(mut self, url: &'static str) -> Self {
        self.default_base_url = Some(url);
        self
    }
    /// Configuration keys.
    pub const fn config(mut self, keys: &'static [ConfigKey]) -> Self {
        self.config = keys;
        self
    }
    /// Passes any parameter and update field through unchecked.
    pub const fn open_params(mut self) -> Self {
        self.open_params = true;
        self
    }
    /// Page sizes: the default and the largest accepted.
    pub const fn page_size(mut self, default: u32, max: u32) -> Self {
        self.default_page_size = Some(default);
        self.max_page_size = Some(max);
        self
    }

    /// Whether `op` is supported.
    pub fn supports(&self, op: Operation) -> bool {
        match op {
            Operation::List => self.list.is_some(),
            Operation::Get => self.get,
            Operation::Update => self.update,
            Operation::Authenticate | Operation::Connect => true,
        }
    }
    /// Whether the list endpoint honours `filter`.
    pub fn supports_filter(&self, filter: Filter) -> bool {
        self.filters.contains(&filter)
    }
    /// Whether `name` is a known extra parameter (any name, for open integrations).
    pub fn knows_param(&self, name: &str) -> bool {
        self.open_params || self.params.iter().any(|p| p.name == name)
    }
    /// Parameters required for `op`.
    pub fn required(&self, op: Operation) -> &'static [&'static str] {
        match op {
            Operation::List => self.required_list,
            Operation::Get => self.required_get,
            Operation::Update => self.required_update,
            Operation::Authenticate | Operation::Connect => &[],
        }
    }
    /// The declared configuration key called `name`.
    pub fn config_key(&self, name: &str) -> Option<&ConfigKey> {
        self.config.iter().find(|k| k.name == name)
    }
}
