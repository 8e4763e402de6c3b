//! [`TrutoHosted`]: the hosted Unified User Directory API as a [`UserDirectory`].

use std::fmt;

use async_trait::async_trait;
use http::header::{HeaderName, HeaderValue};
use http::{Method, StatusCode};
use secrecy::ExposeSecret;
use serde_json::Value;
use truto_core::CommonOptions;
use truto_core::provider::http::{HttpClient, ProviderHttp, RateLimitHeaders, Request};
use truto_core::provider::paging::token_next;
use truto_core::provider::{Connection, Page, PageRequest, Position};
use truto_core::{
    Config, Error, Family, GetUser, Integration, Operation, PaginationStyle, Registry,
    ResponseFormat, Result, UpdateUser, User, UserDirectory,
};

use crate::catalog::{self, CatalogEntry};
use crate::errors::hosted_error;
use crate::{INTEGRATION, UPDATE_FIELDS, wire};

const USERS: &str = "unified/user-directory/users";
const USER: &str = "unified/user-directory/users/{}";

/// A connection to Truto's hosted Unified User Directory API for one integrated account.
///
/// Build it with [`TrutoHosted::connect`] (or [`crate::connect`] for an
/// `Arc<dyn UserDirectory>`), then use it through [`truto_core::UserDirectoryExt`] like any
/// integration. Options are checked against [`TrutoHosted::integration`] before anything is
/// sent: by default that is [`INTEGRATION`] (every filter and contract update field), narrowed
/// to the operations the reference lists for the integration named by the `integration`
/// config key, and to that integration's declared rules when they are given
/// ([`TrutoHosted::with_rules`], [`TrutoHosted::connect_with_registry`]).
pub struct TrutoHosted {
    http: HttpClient,
    account: String,
    behind: Option<CatalogEntry>,
    rules: Option<&'static Integration>,
    integration: Integration,
}

impl fmt::Debug for TrutoHosted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TrutoHosted")
            .field("integrated_account_id", &self.account)
            .field("integration", &self.behind.map(|b| b.slug))
            .field("rules", &self.rules.map(|r| r.slug))
            .field("http", &self.http)
            .finish()
    }
}

impl TrutoHosted {
    /// Connects with `config`: `token` (secret, required), `integrated_account_id`
    /// (required), `integration` (optional slug or name of the integration behind the
    /// account) and the common keys (`base_url`, `max_attempts`, ...).
    ///
    /// A named integration the reference does not list is a configuration error: a typo
    /// would otherwise silently switch every check off.
    pub fn connect(config: &Config) -> Result<Self> {
        let account = config
            .require(&INTEGRATION, "integrated_account_id")?
            .to_owned();
        let behind = match config.get("integration") {
            None => None,
            Some(name) => Some(catalog::lookup(name).ok_or_else(|| {
                Error::config(format!(
                    "`{name}` is not an integration of Truto's user directory (see truto_hosted::catalog)"
                ))
                .with_provider(INTEGRATION.slug)
            })?),
        };
        let connection = Connection::open(&INTEGRATION, config)?;
        let provider = ProviderHttp::new(INTEGRATION.slug)
            .error_parser(hosted_error)
            .rate_limit_headers(RateLimitHeaders::IETF);
        let http = connection.http(provider)?;
        Ok(TrutoHosted {
            http,
            account,
            behind,
            rules: None,
            integration: effective(behind, None),
        })
    }

    /// Connects, taking the declared rules of the `integration` config key from `registry`
    /// when that integration is compiled in (see [`TrutoHosted::with_rules`]).
    pub fn connect_with_registry(config: &Config, registry: &Registry) -> Result<Self> {
        let hosted = TrutoHosted::connect(config)?;
        let rules = hosted
            .behind
            .and_then(|b| registry.get(b.slug))
            .filter(|i| i.family != Family::Hosted);
        Ok(match rules {
            Some(rules) => hosted.with_rules(rules),
            None => hosted,
        })
    }

    /// Checks options against `rules` — the declaration of the integration behind the
    /// account, as its own truto-rs module makes it (filters, parameters, required
    /// parameters, update fields, page sizes) — before sending. The operations stay those the
    /// reference lists for the integration named in the config, when one is.
    pub fn with_rules(mut self, rules: &'static Integration) -> Self {
        self.rules = Some(rules);
        self.integration = effective(self.behind, Some(rules));
        self
    }

    /// The integration behind the account, when the config named one the reference lists.
    pub fn behind(&self) -> Option<&CatalogEntry> {
        self.behind.as_ref()
    }

    /// The integrated account this client acts for.
    pub fn integrated_account_id(&self) -> &str {
        &self.account
    }

    fn users(&self) -> Result<Request> {
        Ok(self
            .http
            .request(Method::GET, USERS, &[])?
            .query("integrated_account_id", &self.account))
    }

    fn user(&self, method: Method, id: &str) -> Result<Request> {
        Ok(self
            .http
            .request(method, USER, &[id])?
            .query("integrated_account_id", &self.account))
    }
}

/// What the client checks options against: the hosted declaration, narrowed by the
/// reference's operations for the integration behind the account and by its rules.
fn effective(behind: Option<CatalogEntry>, rules: Option<&'static Integration>) -> Integration {
    let mut i = INTEGRATION;
    if let Some(r) = rules {
        i.name = r.name;
        i.list = r.list.map(|_| PaginationStyle::CursorField);
        i.get = r.get;
        i.update = r.update;
        i.filters = r.filters;
        i.single_filter = r.single_filter;
        i.email_filter = r.email_filter;
        i.params = r.params;
        i.required_list = r.required_list;
        i.required_get = r.required_get;
        i.required_update = r.required_update;
        i.update_fields = if r.update {
            r.update_fields
        } else {
            UPDATE_FIELDS
        };
        i.partial_list = r.partial_list;
        i.open_params = r.open_params;
        i.max_page_size = r.max_page_size;
        i.default_page_size = r.default_page_size;
    }
    if let Some(b) = behind {
        i.name = b.name;
        i.list = b.list.then_some(PaginationStyle::CursorField);
        i.get = b.get;
        i.update = b.update;
        i.partial_list = b.partial_list || i.partial_list;
    }
    i
}

/// The response options, as the hosted API documents them.
///
/// `stream` is not forwarded: every listing of this SDK is a stream already, and the hosted
/// API's streamed wire format is not documented. `key_by` is applied by the SDK
/// ([`truto_core::UserDirectoryExt::key_by`]), so `truto_key_by` is never sent.
fn response_options(mut request: Request, common: &CommonOptions) -> Request {
    match common.response_format {
        ResponseFormat::Raw | ResponseFormat::Normalized => {
            request = request.query("truto_response_format", common.response_format.as_str());
        }
        _ => {}
    }
    if common.ignore_remote_data {
        request = request.query("truto_ignore_remote_data", "true");
    }
    for field in &common.exclude_fields {
        request = request.query("truto_exclude_fields[]", field.as_str());
    }
    for (name, value) in &common.params {
        request = request.query(name, value);
    }
    for (key, value) in &common.remote_query {
        request = request.query(&remote_query_key(key), value);
    }
    request
}

/// `foo` → `remote_query[foo]`; a key that is itself bracketed nests: `a[b]` →
/// `remote_query[a][b]`, `a[]` → `remote_query[a][]`.
pub(crate) fn remote_query_key(key: &str) -> String {
    match key.find('[') {
        Some(i) if i > 0 => format!("remote_query[{}]{}", &key[..i], &key[i..]),
        _ => format!("remote_query[{key}]"),
    }
}

/// A fresh `Idempotency-Key`: 128 random bits as 32 hex digits.
fn idempotency_key() -> String {
    format!("{:032x}", fastrand::u128(..))
}

fn is_raw(common: &CommonOptions) -> bool {
    common.response_format == ResponseFormat::Raw
}

#[async_trait]
impl UserDirectory for TrutoHosted {
    fn integration(&self) -> &Integration {
        &self.integration
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let options = request.options;
        let mut http_request = self.users()?;
        for (filter, value) in &options.filters {
            http_request = http_request.query(filter.as_str(), value);
        }
        http_request = response_options(http_request, options.common());
        if options.ignore_limit {
            http_request = http_request.query("truto_ignore_limit", "true");
        }
        http_request = http_request.query_opt("limit", request.page_size);
        match request.position {
            Position::Start => {}
            Position::Token(token) => http_request = http_request.query("next_cursor", token),
            other => {
                return Err(Error::cannot_resume("a hosted listing", other));
            }
        }
        let response = self.http.send(http_request, Operation::List).await?;
        let raw = is_raw(options.common());
        let peeked = wire::next_cursor(&response.body);
        let (next_cursor, text) = match (peeked, String::from_utf8(Vec::from(response.body))) {
            (Some(next_cursor), Ok(text)) => (next_cursor, text),
            (_, body) => {
                // The body does not read as a page: the decode says why.
                let body = body.map_or_else(|e| e.into_bytes(), String::into_bytes);
                let page = if raw {
                    wire::raw_page(&body)?
                } else {
                    wire::unified_page(&body)?
                };
                return Ok(Page::new(page.users, token_next(page.next_cursor)));
            }
        };
        let next = token_next(next_cursor);
        if request.wants_next_early() {
            request.announce_next(next.as_ref()).await;
        }
        // Decoded by the listing's reader, where the users are consumed and freed: decoded
        // on a worker, every user is freed by the caller into the worker's allocator arena
        // while the worker allocates the next page's from it (BENCHMARKS.md §8).
        let decode: fn(&str, &mut Vec<User>) -> Result<Option<String>> = if raw {
            wire::raw_page_into
        } else {
            wire::unified_page_into
        };
        Ok(Page::decoded_by_reader(next, move |users| {
            decode(&text, users).map(drop)
        }))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let request = response_options(self.user(Method::GET, id)?, options.common());
        let response = self.http.send(request, Operation::Get).await?;
        if is_raw(options.common()) {
            wire::raw_one(&response.body, id)
        } else {
            wire::one_user(&response.body)
        }
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let mut body = match serde_json::to_value(&options.body) {
            Ok(Value::Object(map)) => map,
            _ => return Err(Error::invalid_input("the update could not be serialized")),
        };
        if let Some(password) = &options.body.password {
            body.insert(
                "password".to_owned(),
                Value::String(password.expose_secret().to_owned()),
            );
        }
        let key = HeaderValue::from_str(&idempotency_key())
            .map_err(|_| Error::invalid_input("could not build an idempotency key"))?;
        // The key makes the API replay its first answer to a repeated PATCH, so a retry
        // after a 5xx or a timeout cannot apply the update twice.
        let request = response_options(self.user(Method::PATCH, id)?, options.common())
            .header(HeaderName::from_static("idempotency-key"), key)
            .json(&body)?
            .idempotent();
        let response = self.http.send(request, Operation::Update).await?;
        if response.status == StatusCode::NO_CONTENT || response.is_empty() {
            return self.fetch_user(id, &GetUser::new()).await;
        }
        if is_raw(options.common()) {
            wire::raw_one(&response.body, id)
        } else {
            wire::one_user(&response.body)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remote_query_keys_nest() {
        assert_eq!(remote_query_key("foo"), "remote_query[foo]");
        assert_eq!(remote_query_key("a[b][c]"), "remote_query[a][b][c]");
        assert_eq!(remote_query_key("ids[]"), "remote_query[ids][]");
        assert_eq!(remote_query_key("[x]"), "remote_query[[x]]");
    }

    #[test]
    fn idempotency_keys_are_fresh_hex() {
        let a = idempotency_key();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, idempotency_key());
    }

    #[test]
    fn the_reference_narrows_operations() {
        let github = catalog::lookup("github").unwrap();
        let i = effective(Some(github), None);
        assert!(i.list.is_some() && i.get && !i.update && i.partial_list);
        assert_eq!(i.slug, "truto_hosted");
        assert_eq!(i.name, "GitHub");
    }
}
