//! What an integration is and declares: the metadata every request is checked against.
//!
//! An [`Integration`] is plain `const` data, so the registry, the CLI and the docs can read
//! what a provider supports without building a client.

use std::fmt;

use crate::error::Operation;
use crate::filter::Filter;
use crate::wire::{Credential, FilterRule, UpdateField};

/// The family crate an integration lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Family {
    /// SCIM 2.0 endpoints (`truto-scim`).
    Scim,
    /// Identity, SSO, password managers, device management (`truto-idp`).
    Idp,
    /// Developer, cloud, data and observability platforms (`truto-devtools`).
    Devtools,
    /// CRM and sales engagement (`truto-crm`).
    Crm,
    /// Support desks and IT service management (`truto-helpdesk`).
    Helpdesk,
    /// Chat, meetings, calling, docs and wikis, design, file storage (`truto-collaboration`).
    Collaboration,
    /// Project and work management, e-signature and document workflows (`truto-work`).
    Work,
    /// HR, recruiting, performance, learning (`truto-hris`).
    Hris,
    /// Accounting, spend, payments, commerce (`truto-finance`).
    Finance,
    /// Security, compliance, network access (`truto-security`).
    Security,
    /// Marketing, email delivery, surveys, analytics and BI (`truto-marketing`).
    Marketing,
    /// Truto's hosted Unified API.
    Hosted,
    /// Anything else.
    Other,
}

impl Family {
    /// Every family, in the order listings show them.
    pub const ALL: &'static [Family] = &[
        Family::Scim,
        Family::Idp,
        Family::Devtools,
        Family::Crm,
        Family::Helpdesk,
        Family::Collaboration,
        Family::Work,
        Family::Hris,
        Family::Finance,
        Family::Security,
        Family::Marketing,
        Family::Hosted,
        Family::Other,
    ];

    /// The family's name as the CLI and the integration list write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Scim => "scim",
            Family::Idp => "idp",
            Family::Devtools => "devtools",
            Family::Crm => "crm",
            Family::Helpdesk => "helpdesk",
            Family::Collaboration => "collaboration",
            Family::Work => "work",
            Family::Hris => "hris",
            Family::Finance => "finance",
            Family::Security => "security",
            Family::Marketing => "marketing",
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

/// The pagination shape a provider's list endpoint uses, as its positions show it.
///
/// The engine reads it to know which positions it may compute ahead: with
/// `page_concurrency` above 1, an [`OffsetLimit`](Self::OffsetLimit) or
/// [`ScimStartIndex`](Self::ScimStartIndex) provider is asked for several pages from the
/// first request, so it must return its next positions as [`Position::Offset`] or
/// [`Position::StartIndex`](crate::provider::Position::StartIndex). A provider that sends offsets on
/// the wire but returns richer positions (Jira's carry the ids of the page before) declares
/// [`CursorField`](Self::CursorField).
///
/// [`Position::Offset`]: crate::provider::Position::Offset
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PaginationStyle {
    /// RFC 8288 `Link: <...>; rel="next"` header.
    LinkHeader,
    /// An opaque cursor in the response body, sent back as a parameter; or any position
    /// the provider alone can compute.
    CursorField,
    /// Offset and limit parameters; next positions are [`Position::Offset`](crate::provider::Position::Offset).
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
    /// For a key that names a host's first label (a subdomain): the rest of the host name,
    /// so the full host name is accepted too (`acme.atlassian.net` for `acme`).
    pub host_suffix: Option<&'static str>,
    /// The key holds an origin (`https://acme.my.salesforce.com`, or the host alone),
    /// which a URL template takes whole.
    pub origin: bool,
    /// The value used when the config does not set the key (a region, say).
    pub default: Option<&'static str>,
}

impl ConfigKey {
    /// A required, non-secret key.
    pub const fn required(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: true,
            secret: false,
            description,
            host_suffix: None,
            origin: false,
            default: None,
        }
    }
    /// An optional, non-secret key.
    pub const fn optional(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: false,
            secret: false,
            description,
            host_suffix: None,
            origin: false,
            default: None,
        }
    }
    /// A required secret.
    pub const fn secret(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: true,
            secret: true,
            description,
            host_suffix: None,
            origin: false,
            default: None,
        }
    }
    /// The same key, taking `value` when the config does not set it.
    pub const fn default(mut self, value: &'static str) -> Self {
        self.default = Some(value);
        self
    }
    /// The same key, holding an origin (scheme and host, or the host alone for https).
    pub const fn origin(mut self) -> Self {
        self.origin = true;
        self
    }
    /// The same key, also accepting the full host name that ends in `suffix`.
    pub const fn host_suffix(mut self, suffix: &'static str) -> Self {
        self.host_suffix = Some(suffix);
        self
    }
    /// An optional secret (one of several ways to authenticate).
    pub const fn optional_secret(name: &'static str, description: &'static str) -> Self {
        ConfigKey {
            name,
            required: false,
            secret: true,
            description,
            host_suffix: None,
            origin: false,
            default: None,
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

/// The config keys of an integration reached through Truto's hosted API.
pub const TRUTO_KEYS: &[ConfigKey] = &[
    ConfigKey::secret("token", "Truto API token"),
    ConfigKey::required(
        "integrated_account_id",
        "the Truto integrated account (UUID) connected to the provider",
    ),
];

/// The credential of an integration reached through Truto's hosted API.
const TRUTO_CREDENTIALS: &[Credential] = &[Credential::bearer("token")];

/// How an integration is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Reach {
    /// This library calls the provider's own API.
    Direct,
    /// The provider publishes no API this library can call for its users; a config with a
    /// Truto token and integrated account id reaches it through Truto's hosted API.
    TrutoOnly {
        /// Why there is no direct integration.
        reason: &'static str,
        /// What was searched, and where, to establish it.
        evidence: &'static str,
    },
}

/// Everything an integration declares about itself.
///
/// Built in `const` context with the builder methods:
///
/// ```
/// use truto_core::{Family, Filter, Integration, PaginationStyle};
/// use truto_core::provider::{Credential, FilterRule};
///
/// const EXAMPLE: Integration = Integration::new("example", "Example", Family::Other)
///     .list(PaginationStyle::CursorField)
///     .get()
///     .filters(&[FilterRule::query(Filter::Email, "email")])
///     .credentials(&[Credential::bearer("token")]);
/// assert!(EXAMPLE.supports_filter(Filter::Email));
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Integration {
    /// Stable identifier, as in `integrations-classified.tsv`.
    pub slug: &'static str,
    /// Human name.
    pub name: &'static str,
    /// Family crate.
    pub family: Family,
    /// Whether the provider is called directly or only through Truto.
    pub reach: Reach,
    /// Whether listing is supported, and how it pages.
    pub list: Option<PaginationStyle>,
    /// Whether getting one user is supported.
    pub get: bool,
    /// Whether updating a user is supported.
    pub update: bool,
    /// Contract filters the list endpoint honours, and where each goes.
    pub filters: &'static [FilterRule],
    /// Whether the provider takes at most one filter at a time (several are refused).
    pub single_filter: bool,
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
    /// Update-body fields the integration can change, and how each is written.
    pub update_fields: &'static [UpdateField],
    /// Whether listed users carry less than a get returns.
    pub partial_list: bool,
    /// The ways it accepts credentials; a config must choose exactly one.
    pub credentials: &'static [Credential],
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
    /// One line for listings (the README matrix, `truto integrations`): what a user should
    /// know before connecting it.
    pub note: Option<&'static str>,
}

impl Integration {
    /// An integration with no operations; add them with the builder methods.
    pub const fn new(slug: &'static str, name: &'static str, family: Family) -> Self {
        Integration {
            slug,
            name,
            family,
            reach: Reach::Direct,
            list: None,
            get: false,
            update: false,
            filters: &[],
            single_filter: false,
            email_filter: None,
            params: &[],
            required_list: &[],
            required_get: &[],
            required_update: &[],
            update_fields: &[],
            partial_list: false,
            credentials: &[],
            default_base_url: None,
            config: &[],
            max_page_size: None,
            default_page_size: None,
            open_params: false,
            note: None,
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
    pub const fn update(mut self, fields: &'static [UpdateField]) -> Self {
        self.update = true;
        self.update_fields = fields;
        self
    }
    /// Honours these list filters.
    pub const fn filters(mut self, filters: &'static [FilterRule]) -> Self {
        self.filters = filters;
        self
    }
    /// Takes at most one filter at a time.
    pub const fn single_filter(mut self) -> Self {
        self.single_filter = true;
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
    /// Accepts these credentials (alternatives: a config sets exactly one).
    pub const fn credentials(mut self, credentials: &'static [Credential]) -> Self {
        self.credentials = credentials;
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
    /// One line for listings: what a user should know before connecting it.
    pub const fn note(mut self, note: &'static str) -> Self {
        self.note = Some(note);
        self
    }
    /// The same declaration under another slug and name: Truto lists some providers
    /// twice (`google` and `google_workspace` are one Directory API), and each slug keeps
    /// its own config environment (`TRUTO_<SLUG>_…`) and error labels.
    pub const fn renamed(mut self, slug: &'static str, name: &'static str) -> Self {
        self.slug = slug;
        self.name = name;
        self
    }
    /// Reached only through Truto, for `reason`, established by `evidence`: the
    /// integration takes the hosted API's config keys (`token`, `integrated_account_id`)
    /// and its operations are those the reference lists.
    pub const fn truto_only(mut self, reason: &'static str, evidence: &'static str) -> Self {
        self.reach = Reach::TrutoOnly { reason, evidence };
        self.config = TRUTO_KEYS;
        self.credentials = TRUTO_CREDENTIALS;
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
        self.filters.iter().any(|f| f.filter == filter)
    }
    /// The filters the list endpoint honours.
    pub fn filter_names(&self) -> impl Iterator<Item = Filter> + '_ {
        self.filters.iter().map(|f| f.filter)
    }
    /// How `filter` reaches the provider, if it is honoured.
    pub fn filter_rule(&self, filter: Filter) -> Option<&FilterRule> {
        self.filters.iter().find(|f| f.filter == filter)
    }
    /// The update fields the integration can change.
    pub fn update_field_names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.update_fields.iter().map(|f| f.field)
    }
    /// Whether `field` can be updated.
    pub fn can_update(&self, field: &str) -> bool {
        self.open_params || self.update_fields.iter().any(|f| f.field == field)
    }
    /// The short names of the credential schemes it accepts (`bearer`, `basic`, ...).
    pub fn auth_kinds(&self) -> Vec<&'static str> {
        let mut kinds: Vec<&'static str> = Vec::new();
        for c in self.credentials {
            let kind = c.scheme.kind();
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        kinds
    }
    /// Whether it is called directly (not only through Truto).
    pub fn is_direct(&self) -> bool {
        self.reach == Reach::Direct
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
