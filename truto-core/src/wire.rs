//! How an integration's declared capabilities reach the provider: which credential goes
//! where, where each filter's value goes in a list request, and how each update field is
//! written. Declared once, as `const` data inside [`Integration`](crate::Integration); the
//! declarative layer ([`crate::provider::declarative`]) acts on it, and hand-written
//! integrations declare [`FilterTo::Native`] / [`Write::Native`] and do the work themselves.

use serde_json::{Map, Value};

use crate::filter::Filter;
use crate::user::UserStatus;

/// One of the four unified statuses, as declarations name them (a provider's other values
/// pass through as its raw status).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Status {
    /// `active`.
    Active,
    /// `inactive`.
    Inactive,
    /// `deleted`.
    Deleted,
    /// `invited`.
    Invited,
}

impl Status {
    /// The same status as a [`UserStatus`].
    pub fn user_status(self) -> UserStatus {
        match self {
            Status::Active => UserStatus::Active,
            Status::Inactive => UserStatus::Inactive,
            Status::Deleted => UserStatus::Deleted,
            Status::Invited => UserStatus::Invited,
        }
    }

    /// Whether `status` is this one.
    pub fn is(self, status: &UserStatus) -> bool {
        self.user_status() == *status
    }

    /// The contract's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Inactive => "inactive",
            Status::Deleted => "deleted",
            Status::Invited => "invited",
        }
    }
}

/// An HTTP method a declaration can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method's name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// The same method as an `http` crate method.
    pub fn to_http(self) -> http::Method {
        match self {
            Method::Get => http::Method::GET,
            Method::Post => http::Method::POST,
            Method::Put => http::Method::PUT,
            Method::Patch => http::Method::PATCH,
            Method::Delete => http::Method::DELETE,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Credentials
// ---------------------------------------------------------------------------------------

/// How a credential is put on a request. Each names the config keys it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Scheme {
    /// `Authorization: Bearer <token>`.
    Bearer {
        /// Config key of the token.
        token: &'static str,
    },
    /// `Authorization: <scheme> <token>` (Okta's `SSWS`, `Token`, `Zoho-oauthtoken`, ...).
    Custom {
        /// The scheme word.
        scheme: &'static str,
        /// Config key of the token.
        token: &'static str,
    },
    /// The token, after a fixed prefix, in a header of its own (`X-Api-Key: <token>`).
    Header {
        /// Header name.
        header: &'static str,
        /// Text put before the token (often empty).
        prefix: &'static str,
        /// Config key of the token.
        token: &'static str,
    },
    /// Several secrets, each in a header of its own (Datadog's `DD-API-KEY` and
    /// `DD-APPLICATION-KEY`, Redis Cloud's account and user keys).
    Headers {
        /// `(header name, config key)` pairs; every value is treated as a secret.
        headers: &'static [(&'static str, &'static str)],
    },
    /// The token in a query parameter.
    Query {
        /// Parameter name.
        param: &'static str,
        /// Config key of the token.
        token: &'static str,
    },
    /// `Authorization: Basic base64(user:password)`. The user is a template filled from
    /// config keys (`{email}`, `{email}/token`, or a key alone); the password is a config
    /// key, or empty when `None` (an API key sent as the user name).
    Basic {
        /// Template of the user name.
        username: &'static str,
        /// Config key of the password or API token, if any.
        password: Option<&'static str>,
    },
    /// OAuth 2.0 client credentials (RFC 6749 §4.4), exchanged for a bearer token.
    ClientCredentials {
        /// Config key of the client id.
        client_id: &'static str,
        /// Config key of the client secret.
        client_secret: &'static str,
        /// The token endpoint; `{placeholders}` are filled from config keys.
        token_url: &'static str,
        /// `scope` sent with the request, if any.
        scope: Option<&'static str>,
        /// Other form fields of the token request; values are templates filled from config
        /// keys (Box's `box_subject_id={enterprise_id}`).
        params: &'static [(&'static str, &'static str)],
        /// The client authenticates with HTTP Basic (RFC 6749 §2.3.1's preferred way)
        /// instead of form fields.
        basic_client_auth: bool,
        /// The `Authorization` scheme word the access token is sent with.
        token_scheme: &'static str,
    },
    /// An OAuth 2.0 refresh token (RFC 6749 §6) exchanged for short-lived bearer tokens
    /// (Zoho's, Outreach's, …), each cached until it expires.
    RefreshToken {
        /// Config key of the client id.
        client_id: &'static str,
        /// Config key of the client secret.
        client_secret: &'static str,
        /// Config key of the refresh token.
        refresh_token: &'static str,
        /// The token endpoint; `{placeholders}` are filled from config keys.
        token_url: &'static str,
        /// The `Authorization` scheme word the access token is sent with.
        token_scheme: &'static str,
    },
    /// A service account's RS256-signed JWT exchanged for a bearer token (RFC 7523, as
    /// Google documents it), acting as the user named by the `subject` config key. The
    /// config keys `scopes` and `token_url`, when declared and set, override the defaults.
    ServiceAccount {
        /// Config key of the key file (JSON with `client_email`, `private_key`, and
        /// optionally `private_key_id` and `token_uri`).
        key_file: &'static str,
        /// Config key of the user the account acts as (domain-wide delegation).
        subject: &'static str,
        /// The scopes asked for, space-separated.
        scopes: &'static str,
        /// The token endpoint when the key file names none.
        token_url: &'static str,
    },
    /// The same grant from the key's parts instead of its file.
    ServiceAccountKey {
        /// Config key of the account's email (`client_email`).
        email: &'static str,
        /// Config key of the PEM private key.
        private_key: &'static str,
        /// Config key of the user the account acts as.
        subject: &'static str,
        /// The scopes asked for, space-separated.
        scopes: &'static str,
        /// The token endpoint.
        token_url: &'static str,
    },
    /// No credentials.
    None,
}

impl Scheme {
    /// The config keys this scheme reads, in order (placeholders of a Basic user name
    /// template included).
    pub fn keys(&self) -> Vec<&'static str> {
        match *self {
            Scheme::Bearer { token }
            | Scheme::Custom { token, .. }
            | Scheme::Header { token, .. }
            | Scheme::Query { token, .. } => vec![token],
            Scheme::Headers { headers } => headers.iter().map(|&(_, key)| key).collect(),
            Scheme::Basic { username, password } => {
                let mut keys = placeholders(username);
                keys.extend(password);
                keys
            }
            Scheme::ClientCredentials {
                client_id,
                client_secret,
                ..
            } => vec![client_id, client_secret],
            Scheme::RefreshToken {
                client_id,
                client_secret,
                refresh_token,
                ..
            } => vec![refresh_token, client_id, client_secret],
            Scheme::ServiceAccount {
                key_file, subject, ..
            } => vec![key_file, subject],
            Scheme::ServiceAccountKey {
                email,
                private_key,
                subject,
                ..
            } => vec![email, private_key, subject],
            Scheme::None => Vec::new(),
        }
    }

    /// A short name of the scheme for listings (`bearer`, `basic`, ...).
    pub fn kind(&self) -> &'static str {
        match self {
            Scheme::Bearer { .. } => "bearer",
            Scheme::Custom { .. } => "custom-scheme",
            Scheme::Header { .. } => "api-key-header",
            Scheme::Query { .. } => "api-key-query",
            Scheme::Headers { .. } => "api-key-headers",
            Scheme::Basic { .. } => "basic",
            Scheme::ClientCredentials { .. } => "oauth2-client-credentials",
            Scheme::RefreshToken { .. } => "oauth2-refresh-token",
            Scheme::ServiceAccount { .. } | Scheme::ServiceAccountKey { .. } => {
                "service-account-jwt"
            }
            Scheme::None => "none",
        }
    }
}

/// The `{placeholders}` of a template, in order.
pub(crate) fn placeholders(template: &'static str) -> Vec<&'static str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    out
}

/// One way an integration accepts credentials. An integration declares one or more;
/// [`Connection`](crate::provider::Connection) picks the one whose keys the config sets and
/// refuses a config that sets none, or more than one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Credential {
    /// How the credential is sent.
    pub scheme: Scheme,
    /// The base URL this way of authenticating addresses, when it is not the integration's
    /// default (Jira's OAuth tokens address `api.atlassian.com/ex/jira/{cloud_id}`).
    pub base_url: Option<&'static str>,
    /// Headers this way of authenticating sends besides the credential (Snowflake's
    /// `X-Snowflake-Authorization-Token-Type`).
    pub headers: &'static [(&'static str, &'static str)],
}

impl Credential {
    /// A credential sent with `scheme`.
    pub const fn new(scheme: Scheme) -> Self {
        Credential {
            scheme,
            base_url: None,
            headers: &[],
        }
    }
    /// `Authorization: Bearer <token>` from config key `token`.
    pub const fn bearer(token: &'static str) -> Self {
        Credential::new(Scheme::Bearer { token })
    }
    /// `Authorization: <scheme> <token>`.
    pub const fn custom(scheme: &'static str, token: &'static str) -> Self {
        Credential::new(Scheme::Custom { scheme, token })
    }
    /// The token in header `header`.
    pub const fn header(header: &'static str, token: &'static str) -> Self {
        Credential::new(Scheme::Header {
            header,
            prefix: "",
            token,
        })
    }
    /// Several secrets, each in its own header: `(header name, config key)` pairs.
    pub const fn headers(headers: &'static [(&'static str, &'static str)]) -> Self {
        Credential::new(Scheme::Headers { headers })
    }
    /// The token in header `header`, after `prefix`.
    pub const fn header_with_prefix(
        header: &'static str,
        prefix: &'static str,
        token: &'static str,
    ) -> Self {
        Credential::new(Scheme::Header {
            header,
            prefix,
            token,
        })
    }
    /// The token in query parameter `param`.
    pub const fn query(param: &'static str, token: &'static str) -> Self {
        Credential::new(Scheme::Query { param, token })
    }
    /// Basic auth: the user name from a template of config keys, the password from a key.
    pub const fn basic(username: &'static str, password: &'static str) -> Self {
        Credential::new(Scheme::Basic {
            username,
            password: Some(password),
        })
    }
    /// Basic auth with an empty password (an API key sent as the user name).
    pub const fn basic_user_only(username: &'static str) -> Self {
        Credential::new(Scheme::Basic {
            username,
            password: None,
        })
    }
    /// OAuth 2.0 client credentials against `token_url`.
    pub const fn client_credentials(
        client_id: &'static str,
        client_secret: &'static str,
        token_url: &'static str,
    ) -> Self {
        Credential::new(Scheme::ClientCredentials {
            client_id,
            client_secret,
            token_url,
            scope: None,
            params: &[],
            basic_client_auth: false,
            token_scheme: "Bearer",
        })
    }
    /// An OAuth 2.0 refresh token exchanged at `token_url` for short-lived access tokens.
    pub const fn refresh_token(
        refresh_token: &'static str,
        client_id: &'static str,
        client_secret: &'static str,
        token_url: &'static str,
    ) -> Self {
        Credential::new(Scheme::RefreshToken {
            client_id,
            client_secret,
            refresh_token,
            token_url,
            token_scheme: "Bearer",
        })
    }
    /// The same credential, also sending these headers.
    pub const fn with_headers(mut self, headers: &'static [(&'static str, &'static str)]) -> Self {
        self.headers = headers;
        self
    }
    /// A service account's signed JWT from its key file, acting as `subject`.
    pub const fn service_account(
        key_file: &'static str,
        subject: &'static str,
        scopes: &'static str,
        token_url: &'static str,
    ) -> Self {
        Credential::new(Scheme::ServiceAccount {
            key_file,
            subject,
            scopes,
            token_url,
        })
    }
    /// A service account's signed JWT from its email and PEM key, acting as `subject`.
    pub const fn service_account_key(
        email: &'static str,
        private_key: &'static str,
        subject: &'static str,
        scopes: &'static str,
        token_url: &'static str,
    ) -> Self {
        Credential::new(Scheme::ServiceAccountKey {
            email,
            private_key,
            subject,
            scopes,
            token_url,
        })
    }
    /// The same credential with a `scope` for the token request (client credentials only).
    pub const fn scope(mut self, value: &'static str) -> Self {
        if let Scheme::ClientCredentials { scope, .. } = &mut self.scheme {
            *scope = Some(value);
        }
        self
    }
    /// The same credential with more form fields for the token request (client credentials
    /// only); values are templates filled from config keys.
    pub const fn token_params(mut self, pairs: &'static [(&'static str, &'static str)]) -> Self {
        if let Scheme::ClientCredentials { params, .. } = &mut self.scheme {
            *params = pairs;
        }
        self
    }
    /// The same credential, sending the client id and secret as HTTP Basic to the token
    /// endpoint instead of as form fields (client credentials only).
    pub const fn client_secret_basic(mut self) -> Self {
        if let Scheme::ClientCredentials {
            basic_client_auth, ..
        } = &mut self.scheme
        {
            *basic_client_auth = true;
        }
        self
    }
    /// The same credential, sending the access token it obtains after `scheme` instead of
    /// `Bearer` (Zoho's `Zoho-oauthtoken`; OAuth grants only).
    pub const fn token_scheme(mut self, scheme: &'static str) -> Self {
        match &mut self.scheme {
            Scheme::ClientCredentials { token_scheme, .. }
            | Scheme::RefreshToken { token_scheme, .. } => *token_scheme = scheme,
            _ => {}
        }
        self
    }
    /// The same credential, addressing `base_url` instead of the integration's default.
    pub const fn base_url(mut self, base_url: &'static str) -> Self {
        self.base_url = Some(base_url);
        self
    }
}

// ---------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------

/// Where a filter's value goes in a list request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FilterTo {
    /// The integration's own code puts it on the request (hand-written integrations).
    Native,
    /// A query parameter, `name=value`.
    Query(&'static str),
    /// A query parameter whose value is a template with `{}` replaced by the filter's value,
    /// with `"` and `\` escaped (SCIM's `userName eq "{}"`).
    QueryTemplate(&'static str, &'static str),
    /// A query parameter whose value is looked up in a table (unified value, provider's
    /// value); a value outside the table is refused before sending.
    QueryMap(&'static str, &'static [(&'static str, &'static str)]),
    /// A field of the JSON body of a list sent by `POST` (a dotted path).
    Body(&'static str),
    /// A `{placeholder}` of the list path of the same name: the value is one path segment.
    Path,
    /// Another endpoint serves the filtered listing: `path` with `param=value` (Jira lists
    /// by email at `user/search?query=`).
    Endpoint {
        /// Path of the other endpoint.
        path: &'static str,
        /// Its parameter.
        param: &'static str,
    },
}

/// A filter an integration honours, and where its value goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct FilterRule {
    /// The contract's filter.
    pub filter: Filter,
    /// Where its value goes.
    pub to: FilterTo,
}

impl FilterRule {
    /// A filter the integration's own code handles.
    pub const fn native(filter: Filter) -> Self {
        FilterRule {
            filter,
            to: FilterTo::Native,
        }
    }
    /// A filter sent as query parameter `name`.
    pub const fn query(filter: Filter, name: &'static str) -> Self {
        FilterRule {
            filter,
            to: FilterTo::Query(name),
        }
    }
    /// A filter sent as query parameter `name` with the value in `template`.
    pub const fn template(filter: Filter, name: &'static str, template: &'static str) -> Self {
        FilterRule {
            filter,
            to: FilterTo::QueryTemplate(name, template),
        }
    }
    /// A filter sent as query parameter `name`, its value looked up in `table`.
    pub const fn mapped(
        filter: Filter,
        name: &'static str,
        table: &'static [(&'static str, &'static str)],
    ) -> Self {
        FilterRule {
            filter,
            to: FilterTo::QueryMap(name, table),
        }
    }
    /// A filter written into the list request's JSON body at `path`.
    pub const fn body(filter: Filter, path: &'static str) -> Self {
        FilterRule {
            filter,
            to: FilterTo::Body(path),
        }
    }
    /// A filter that fills the list path's placeholder of the same name.
    pub const fn path(filter: Filter) -> Self {
        FilterRule {
            filter,
            to: FilterTo::Path,
        }
    }
    /// A filter served by another endpoint, `path?param=value`.
    pub const fn endpoint(filter: Filter, path: &'static str, param: &'static str) -> Self {
        FilterRule {
            filter,
            to: FilterTo::Endpoint { path, param },
        }
    }
}

// ---------------------------------------------------------------------------------------
// Updates
// ---------------------------------------------------------------------------------------

/// Writes one update field into the request body by hand: gets the field's value as the
/// contract's JSON (e.g. `roles` as `[{"id": "7"}]`) and the body built so far; an `Err`
/// is the reason the update is refused before sending.
pub type WriteFn = fn(value: &Value, body: &mut Map<String, Value>) -> Result<(), String>;

/// What a status change calls, for one requested status and the user's current status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Call {
    /// A request to `path` (a template with `{id}`; a `?query` part is sent as is).
    Request(Method, &'static str),
    /// Nothing: the user is already there.
    Nothing,
    /// The change is refused before anything is sent, for this reason.
    Refuse(&'static str),
}

/// One row of a lifecycle table: to reach `to` from a current provider status in `from`
/// (any status when empty), make `call`. Rows are tried in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Lifecycle {
    /// The requested status.
    pub to: Status,
    /// The provider's current status values this row applies to (any when empty).
    pub from: &'static [&'static str],
    /// What to do.
    pub call: Call,
}

impl Lifecycle {
    /// Reach `to` from any of `from` with a `POST` to `path`.
    pub const fn post(to: Status, from: &'static [&'static str], path: &'static str) -> Self {
        Lifecycle {
            to,
            from,
            call: Call::Request(Method::Post, path),
        }
    }
    /// Reach `to` from any of `from` with a request.
    pub const fn call(
        to: Status,
        from: &'static [&'static str],
        method: Method,
        path: &'static str,
    ) -> Self {
        Lifecycle {
            to,
            from,
            call: Call::Request(method, path),
        }
    }
    /// The user is already `to` when its status is one of `from`.
    pub const fn already(to: Status, from: &'static [&'static str]) -> Self {
        Lifecycle {
            to,
            from,
            call: Call::Nothing,
        }
    }
    /// Refuse `to` from `from`, saying why.
    pub const fn refuse(to: Status, from: &'static [&'static str], reason: &'static str) -> Self {
        Lifecycle {
            to,
            from,
            call: Call::Refuse(reason),
        }
    }
}

/// How an update field is written.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Write {
    /// The integration's own code writes it (hand-written integrations).
    Native,
    /// The value as the contract gives it (text, list of text) at a body path.
    Value(&'static str),
    /// The primary (else first) email address, as text, at a body path.
    PrimaryEmail(&'static str),
    /// The first phone number, as text, at a body path.
    FirstPhone(&'static str),
    /// The references' ids (roles, groups, ...) as an array at a body path.
    Ids(&'static str),
    /// Exactly one reference, by id, at a body path; anything else is refused.
    OneId(&'static str),
    /// Exactly one reference, by name, at a body path; anything else is refused.
    OneName(&'static str),
    /// The references' names as an array at a body path.
    Names(&'static str),
    /// The status as a boolean at a body path: `active` is true, `inactive` false; other
    /// statuses are refused.
    ActiveFlag(&'static str),
    /// The status as the provider's value from a table at a body path; statuses outside
    /// the table are refused.
    StatusValue(&'static str, &'static [(Status, &'static str)]),
    /// The status through the provider's lifecycle calls (a table).
    Lifecycle(&'static [Lifecycle]),
    /// `remote_data`, merged into the body as is.
    Merge,
    /// Written by a function (see [`WriteFn`]).
    Custom(WriteFn),
}

/// An update field an integration can change, and how it is written.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct UpdateField {
    /// The contract's update field (`first_name`, `status`, `roles`, ...).
    pub field: &'static str,
    /// How it is written.
    pub write: Write,
}

impl UpdateField {
    /// A field the integration's own code writes.
    pub const fn native(field: &'static str) -> Self {
        UpdateField {
            field,
            write: Write::Native,
        }
    }
    /// A field written as `write`.
    pub const fn new(field: &'static str, write: Write) -> Self {
        UpdateField { field, write }
    }
}
