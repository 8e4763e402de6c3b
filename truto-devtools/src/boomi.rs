//! # Boomi
//!
//! The users of one Boomi account (the AtomSphere / Enterprise Platform), through the
//! Platform API's `AccountUserRole` object. Hand-written, not a spec: Boomi has no user
//! object to list, only the links between a user, the account and a role, one record per
//! role a user holds; the users are assembled from them (see *Why hand-written*).
//!
//! | | |
//! |---|---|
//! | slug / feature | `boomi` |
//! | operations | list, get |
//! | list | `POST /api/rest/v1/{account_id}/AccountUserRole/query` with `{"QueryFilter": {"expression": {"operator": "IS_NOT_NULL", "property": "userId"}}}`, then `POST …/AccountUserRole/queryMore` with the previous response's `queryToken` as a `text/plain` body until a response has none; every page is read before the listing returns, and the records are grouped into one user per `userId` |
//! | get | the same query with `{"argument": ["{id}"], "operator": "EQUALS", "property": "userId"}` (and its `queryMore` pages): the user's records, grouped; none is `NotFound` |
//! | base URL | `https://api.boomi.com/api/rest/v1`, the account id below it (config key `account_id`); for a European account set `base_url` to `https://api.platform.gb.boomi.com/api/rest/v1` |
//! | auth | HTTP Basic. With an API token: user `BOOMI_TOKEN.<username>`, password the token (config keys `username` and `api_token`, env `TRUTO_BOOMI_USERNAME`, `TRUTO_BOOMI_API_TOKEN`); or the user name and its password (`username` and `password`, env `TRUTO_BOOMI_PASSWORD`). SSO users without administrator rights and users with two-factor authentication must use a token |
//! | config keys | `account_id`: the account the calls act on (Settings → Account Information and Setup) |
//! | scopes | the user's privileges: `API` (use the Platform API) and `ACCOUNT_ADMIN` (account configuration and administration) |
//! | page size | fixed by Boomi: at most 100 records a response; not settable. The listing is one page |
//! | filters | `email` (the `userId`: `EQUALS` in the query) |
//! | rate limits | 10 requests a second per account; beyond it Boomi answers `503`, retried with backoff. No rate-limit headers. The listing sends one request at a time |
//!
//! ## Why hand-written
//!
//! - **One record per assignment.** `AccountUserRole` links a user, the account and one
//!   role; a user with three roles is three records, each repeating `userId`, `firstName`
//!   and `lastName`. The declarative layer maps one record to one user.
//! - **Grouping across pages.** Boomi pages a query by 100 records behind an opaque
//!   `queryToken` and documents no order and no sort for `AccountUserRole` (its query
//!   takes a `QueryFilter` only; `QuerySort` exists on other objects), so a user's
//!   records can be on any page. To give every user exactly once, with all its roles, one
//!   `fetch_page` reads the query and every `queryMore` (each request retried by the
//!   transport like any read), groups the records by `userId` in the order users first
//!   appear, and returns them as one page without a next cursor.
//! - **The `queryMore` body.** The token goes as the raw body, `Content-Type: text/plain`
//!   (`Request::text`), not as JSON.
//!
//! The price of the grouping, stated plainly:
//!
//! - **Memory**: the whole account's assignments are held at once (each record is a few
//!   hundred bytes; 10 000 assignments are 100 requests and a few MB).
//! - **No resume**: the listing has no cursor; a failure after the retries (on any page)
//!   fails the listing, and listing again starts from the first query. Boomi's tokens are
//!   not kept: the listing is one position only (`Start`).
//! - **Latency**: nothing is returned before the last page is read.
//!
//! A token Boomi sends twice within one listing stops it with an error instead of looping.
//!
//! ## Mapping
//!
//! | `AccountUserRole` (every record of one `userId`) | unified |
//! |---|---|
//! | `userId` (the user's login, an e-mail address) | `id`, `username`, and `emails` (primary) when it holds an `@`; the spelling of the first record |
//! | `firstName`, `lastName` (the first record that has them) | `first_name`, `last_name`, and `name` joined from them |
//! | `roleId` of each record | `roles`: id = `roleId`, `organization` = the record's `accountId`; no name (names are `Role` objects, not read) |
//! | `accountId` | `organizations` (id only) |
//!
//! `remote_data` is `{"result": [...]}`: the user's `AccountUserRole` records as Boomi sent
//! them, as in Boomi's `QueryResult`. There `id` (the link's id, "synthesized from the
//! role, user, and account IDs", the key of a `DELETE`) and `notifyUser` (a create-time
//! flag) stay. Boomi keeps no status, dates, title or phone on this object, so those fields
//! are never set.
//!
//! ## Quirks
//!
//! - The reference marks list only; get is added because Boomi documents the `userId`
//!   `EQUALS` query (it has no `GET` on `AccountUserRole`). A get reads all the user's
//!   assignments the same way (one request per 100 roles).
//! - Users are grouped case-insensitively (ASCII) on `userId`: addresses are compared that
//!   way; the `email` filter and a get keep only the user asked for, whatever the case.
//! - A user with no role in the account has no record, so is neither listed nor found.
//! - Listing asks for `userId IS_NOT_NULL` rather than an empty filter: Boomi's REST
//!   description marks `QueryFilter` (and its `expression`) as required.
//! - Boomi's own example answer repeats one `userId` with two first names (`John`, `Jane`);
//!   the first record's names win.
//! - Errors are Boomi's `{"message": …}` (XML `<error><message>…</message></error>` when
//!   JSON is not asked for; `Accept: application/json` is always sent). `503` means "the
//!   server is currently unavailable or your account's rate limits have been exceeded" and
//!   is treated as throttling. `410` is a retired endpoint.
//! - The query and `queryMore` are `POST`s that change nothing: they are sent as reads
//!   (retried like a `GET`, let through by a dry run).
//! - `remote_query` pairs go on every request of a listing or get (the first query and
//!   each `queryMore`).
//!
//! ## Sources
//!
//! - <https://developer.boomi.com/docs/api/platformapi/AccountUserRole> (Boomi Platform API
//!   Reference 1.0.0: the object, its fields, the `API` + `ACCOUNT_ADMIN` privileges,
//!   `POST /AccountUserRole/query` and `/queryMore` with a `text/plain` body, the example
//!   records)
//! - <https://developer.boomi.com/docs/APIs/PlatformSOAPAPI/APIObjects/Account_User_Role_object>
//!   (GET not supported, QUERY supported; `userId` as the QUERY filter field and its
//!   operators; `id` synthesized from the role, user and account ids)
//! - Boomi's "Query paging" topic (100 results a response, `queryToken`, `queryMore` at
//!   `https://api.boomi.com/api/rest/v1/{accountId}/{objectType}/queryMore` with only the
//!   token in the body) and <https://developer.boomi.com/docs/APIs/PlatformSOAPAPI/Introduction/Query-filters>
//!   (simple and grouping expressions; `IS_NOT_NULL` takes no argument)
//! - <https://developer.boomi.com/docs/APIs/PlatformSOAPAPI/Introduction/Platform-API-and-Partner-API-authentication>
//!   (Basic with user name and password, or `BOOMI_TOKEN.<username>` and an API token)
//! - <https://developer.boomi.com/docs/APIs/PlatformAPI/Introduction/Platform_API> (the
//!   `https://api.boomi.com/api/rest/v1/{accountID}` prefix)
//! - <https://developer.boomi.com/docs/GettingStarted/API_licensing> (10 requests a second,
//!   `503` beyond)
//! - Boomi's OpenAPI description "Boomi Enterprise Platform REST API Reference" 1.0.0, read
//!   from the copy `openapi/platformOpenAPISv3.0.3.json` in `RenEra-ai/boomi-python`
//!   (commit `07bcffb`): the US and GB servers, `AccountUserRoleQueryConfig` (no sort),
//!   `AccountUserRoleQueryResponse`, the `403`/`410`/`503` bodies `{"message": …}`; the
//!   `Accept`/`Content-Type` headers for JSON
//! - community.boomi.com DOC-3398 (a listing of `AccountUserRole` with `query` then
//!   `queryMore`)
//!
//! ## Not confirmed
//!
//! - Whether Boomi accepts a query without a filter for `AccountUserRole`; `IS_NOT_NULL`
//!   on `userId` is sent instead (a documented field and operator).
//! - Which filter fields the REST query accepts: the object's page lists `userId` only,
//!   Boomi's OpenAPI lists `accountId`, `userId` and `roleId`; only `userId` is used.
//! - Whether `EQUALS` on `userId` ignores case.
//! - The European host for the REST API is from Boomi's OpenAPI description (a copy in a
//!   third-party repository) and Boomi's GraphQL page, not from the REST introduction.
//! - How long a `queryToken` stays valid, and whether a token can be read again after a
//!   failed `queryMore` (the listing restarts instead).
//! - The `401` body (the description documents `403`, `410` and `503` only); whether a
//!   `429` is ever returned.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BOOMI_ACCOUNT_ID=acme-A1B2C3, TRUTO_BOOMI_USERNAME=admin@acme.example,
//! // TRUTO_BOOMI_API_TOKEN=…
//! let dir = truto_devtools::boomi::connect(&Config::from_env("boomi"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::header::HeaderMap;
use http::{Method, StatusCode};
use serde::Deserialize;
use serde_json::{Value, json};
use truto_core::provider::decode::non_empty;
use truto_core::provider::http::{ErrorDetails, HttpClient, ProviderHttp, generic_error_details};
use truto_core::provider::{Connection, Credential, FilterRule, Page, PageRequest, Position};
use truto_core::{
    Config, ConfigKey, Email, Error, ErrorKind, Family, Filter, GetUser, Integration, Operation,
    Organization, PaginationStyle, Reference, RemoteData, Result, Role, User, UserDirectory,
};

/// What the Boomi integration declares.
pub static INTEGRATION: Integration = Integration::new("boomi", "Boomi", Family::Devtools)
    .note("`account_id`, `username` + `api_token` (or `password`), privileges API + ACCOUNT_ADMIN; users are grouped from role assignments, so a listing reads every page before returning")
    .list(PaginationStyle::Single)
    .get()
    .filters(&[FilterRule::native(Filter::Email)])
    .email_filter(Filter::Email)
    .credentials(&[
        Credential::basic("BOOMI_TOKEN.{username}", "api_token"),
        Credential::basic("{username}", "password"),
    ])
    .base_url(BASE_URL)
    .config(&[
        ConfigKey::required(
            "account_id",
            "the Boomi account id the calls act on, e.g. acme-A1B2C3",
        ),
        ConfigKey::required(
            "username",
            "the Boomi user name (an e-mail address) the token or password belongs to",
        ),
        ConfigKey::optional_secret(
            "api_token",
            "a Platform API token (sent as Basic BOOMI_TOKEN.<username>:<token>)",
        ),
        ConfigKey::optional_secret("password", "the user's password (Basic, no SSO or 2FA)"),
    ]);

const BASE_URL: &str = "https://api.boomi.com/api/rest/v1";
/// The first request of a query.
const QUERY: &str = "{}/AccountUserRole/query";
/// The next page of a query.
const QUERY_MORE: &str = "{}/AccountUserRole/queryMore";
/// What Boomi documents for the `queryMore` body.
const TEXT_PLAIN: &str = "text/plain";

/// A connected Boomi account.
pub struct Boomi {
    http: HttpClient,
    account_id: String,
}

impl fmt::Debug for Boomi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Boomi")
            .field("http", &self.http)
            .field("account_id", &self.account_id)
            .finish()
    }
}

/// Connects to Boomi with `config` (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(Boomi::connect(config)?))
}

impl Boomi {
    /// Connects with `config`: `account_id`, `username`, and `api_token` or `password`.
    pub fn connect(config: &Config) -> Result<Self> {
        let connection = Connection::open(&INTEGRATION, config)?;
        let account_id = connection.require("account_id")?.trim().to_owned();
        if account_id.is_empty() {
            return Err(
                Error::config("`account_id` cannot be empty").with_provider(INTEGRATION.slug)
            );
        }
        let http =
            connection.http(ProviderHttp::new(INTEGRATION.slug).error_parser(boomi_error))?;
        Ok(Boomi { http, account_id })
    }

    /// Every `AccountUserRole` record of the query for `user_id` (all users when `None`):
    /// the query, then `queryMore` until a response carries no token.
    async fn assignments(
        &self,
        user_id: Option<&str>,
        remote_query: &BTreeMap<String, String>,
        op: Operation,
    ) -> Result<Vec<Value>> {
        let request = self
            .http
            .request(Method::POST, QUERY, &[&self.account_id])?
            .remote_query(remote_query)
            .json(&query_body(user_id))?
            // A query changes nothing.
            .read_only();
        let mut page: WireQueryResult = self.http.send(request, op).await?.json()?;
        let mut records = Vec::new();
        let mut tokens = HashSet::new();
        loop {
            records.extend(page.result.unwrap_or_default());
            let Some(token) = non_empty(page.query_token) else {
                return Ok(records);
            };
            if !tokens.insert(token.clone()) {
                return Err(Error::new(
                    ErrorKind::Provider,
                    "Boomi returned the same queryToken twice in one query; stopping instead of looping",
                )
                .with_provider(INTEGRATION.slug));
            }
            let request = self
                .http
                .request(Method::POST, QUERY_MORE, &[&self.account_id])?
                .remote_query(remote_query)
                .text(token, TEXT_PLAIN)
                .read_only();
            page = self.http.send(request, op).await?.json()?;
        }
    }
}

/// The query body: `userId EQUALS {id}`, or every record (`userId IS_NOT_NULL`).
fn query_body(user_id: Option<&str>) -> Value {
    let expression = match user_id {
        Some(id) => json!({"argument": [id], "operator": "EQUALS", "property": "userId"}),
        None => json!({"operator": "IS_NOT_NULL", "property": "userId"}),
    };
    json!({"QueryFilter": {"expression": expression}})
}

/// `QueryResult`: `queryToken` only when more results follow.
#[derive(Debug, Deserialize)]
struct WireQueryResult {
    #[serde(default)]
    result: Option<Vec<Value>>,
    #[serde(default, rename = "queryToken")]
    query_token: Option<String>,
}

/// An `AccountUserRole`, as far as it maps.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireAssignment {
    user_id: Option<String>,
    account_id: Option<String>,
    role_id: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
}

/// One user: every assignment of one `userId`.
#[derive(Debug)]
struct Member {
    user_id: String,
    first_name: Option<String>,
    last_name: Option<String>,
    /// `(roleId, accountId)` without duplicates.
    roles: Vec<(String, Option<String>)>,
    accounts: Vec<String>,
    records: Vec<Value>,
}

/// The key users are grouped and looked up by.
fn key(user_id: &str) -> String {
    user_id.trim().to_ascii_lowercase()
}

/// Groups the records into one member per `userId` (ASCII case-insensitive), in the order
/// users first appear. A record without a `userId` is a decode error.
fn group(records: Vec<Value>) -> Result<Vec<Member>> {
    let mut members: Vec<Member> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (i, record) in records.into_iter().enumerate() {
        let wire = WireAssignment::deserialize(&record).map_err(|e| {
            Error::decode(format!(
                "Boomi's AccountUserRole record {i} is not readable: {e}"
            ))
            .with_provider(INTEGRATION.slug)
        })?;
        let Some(user_id) = non_empty(wire.user_id) else {
            return Err(Error::decode(format!(
                "Boomi's AccountUserRole record {i} has no `userId`"
            ))
            .with_provider(INTEGRATION.slug));
        };
        let user_id = user_id.trim().to_owned();
        let at = *index.entry(key(&user_id)).or_insert_with(|| {
            members.push(Member {
                user_id: user_id.clone(),
                first_name: None,
                last_name: None,
                roles: Vec::new(),
                accounts: Vec::new(),
                records: Vec::new(),
            });
            members.len() - 1
        });
        let Some(member) = members.get_mut(at) else {
            continue;
        };
        if member.first_name.is_none() {
            member.first_name = non_empty(wire.first_name).map(|n| n.trim().to_owned());
        }
        if member.last_name.is_none() {
            member.last_name = non_empty(wire.last_name).map(|n| n.trim().to_owned());
        }
        let account = non_empty(wire.account_id).map(|a| a.trim().to_owned());
        if let Some(account) = &account
            && !member.accounts.contains(account)
        {
            member.accounts.push(account.clone());
        }
        if let Some(role) = non_empty(wire.role_id).map(|r| r.trim().to_owned()) {
            let role = (role, account);
            if !member.roles.contains(&role) {
                member.roles.push(role);
            }
        }
        member.records.push(record);
    }
    Ok(members)
}

fn to_user(member: Member) -> User {
    let mut user = User::new(member.user_id.clone());
    user.username = Some(member.user_id.clone());
    if member.user_id.contains('@') {
        user.emails = vec![Email::new(member.user_id.clone()).primary(true)];
    }
    let full: Vec<&str> = [member.first_name.as_deref(), member.last_name.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    user.name = (!full.is_empty()).then(|| full.join(" "));
    user.first_name = member.first_name;
    user.last_name = member.last_name;
    for (role_id, account) in member.roles {
        let mut role = Role::new(Some(role_id), None);
        role.organization = account.map(|a| Reference::new(Some(a), None));
        user.roles.push(role);
    }
    user.organizations = member
        .accounts
        .into_iter()
        .map(|a| Organization::new(Some(a), None))
        .collect();
    user.remote_data = Some(RemoteData::from_value(&json!({"result": member.records})));
    user
}

/// Reads Boomi's `{"message": …}` (or the XML `<error><message>…</message></error>`);
/// a `503` is Boomi's rate-limit answer.
fn boomi_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let mut details = generic_error_details(status, headers, body);
    if let Some(message) = xml_message(body) {
        details.message = Some(message);
    }
    details.throttled = status == StatusCode::SERVICE_UNAVAILABLE;
    details
}

/// The text of `<message>` in an XML error body.
fn xml_message(body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?;
    if !text.trim_start().starts_with('<') {
        return None;
    }
    let start = text.find("<message>")? + "<message>".len();
    let end = start + text.get(start..)?.find("</message>")?;
    non_empty(text.get(start..end).map(|m| m.trim().to_owned()))
}

/// A filter's or id's value, trimmed; an empty one is refused.
fn given<'a>(value: Option<&'a str>, what: &str) -> Result<Option<&'a str>> {
    match value.map(str::trim) {
        None => Ok(None),
        Some("") => Err(Error::invalid_input(format!("`{what}` needs a value"))),
        Some(v) => Ok(Some(v)),
    }
}

#[async_trait]
impl UserDirectory for Boomi {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        if !matches!(request.position, Position::Start) {
            return Err(Error::cannot_resume(
                "a Boomi listing, which is one page (every queryMore is read at once),",
                request.position,
            ));
        }
        let options = request.options;
        let email = given(options.filter_value(Filter::Email), "email")?;
        let records = self
            .assignments(email, &options.common().remote_query, Operation::List)
            .await?;
        let wanted = email.map(key);
        let users = group(records)?
            .into_iter()
            .filter(|m| wanted.as_ref().is_none_or(|w| key(&m.user_id) == *w))
            .map(to_user)
            .collect();
        Ok(Page::new(users, None))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let Some(id) = given(Some(id), "id")? else {
            return Err(Error::invalid_input("`id` needs a value"));
        };
        let records = self
            .assignments(Some(id), &options.common().remote_query, Operation::Get)
            .await?;
        let wanted = key(id);
        group(records)?
            .into_iter()
            .find(|m| key(&m.user_id) == wanted)
            .map(to_user)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::NotFound,
                    format!("no Boomi user `{id}` holds a role in the account"),
                )
                .with_provider(INTEGRATION.slug)
                .with_operation(Operation::Get)
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(user: &str, role: &str, first: &str) -> Value {
        json!({"@type": "AccountUserRole", "id": format!("{user}-{role}"), "accountId": "account-123456",
               "userId": user, "roleId": role, "firstName": first, "lastName": "Doe", "notifyUser": true})
    }

    #[test]
    fn records_are_grouped_per_user_in_first_seen_order() {
        let members = group(vec![
            record("user123@company.biz", "r1", "John"),
            record("ada@company.biz", "r1", "Ada"),
            record("USER123@company.biz", "r2", "Jane"),
            record("user123@company.biz", "r1", "John"),
        ])
        .unwrap();
        assert_eq!(members.len(), 2);
        let user = to_user(members.into_iter().next().unwrap());
        assert_eq!(user.id, "user123@company.biz");
        assert_eq!(user.first_name.as_deref(), Some("John"));
        assert_eq!(user.name.as_deref(), Some("John Doe"));
        let roles: Vec<_> = user.roles.iter().filter_map(|r| r.id.as_deref()).collect();
        assert_eq!(roles, ["r1", "r2"]);
        assert_eq!(user.organizations.len(), 1);
        let remote = user.remote_data.unwrap().to_value();
        assert_eq!(remote["result"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn a_record_without_a_user_is_a_decode_error() {
        let err = group(vec![json!({"roleId": "r1"})]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        let err = group(vec![json!({"userId": 7})]).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
    }

    #[test]
    fn errors_read_json_and_xml_and_503_is_throttling() {
        let d = boomi_error(
            StatusCode::FORBIDDEN,
            &HeaderMap::new(),
            br#"{"message": "Access denied due to insufficient permissions."}"#,
        );
        assert_eq!(
            d.message.as_deref(),
            Some("Access denied due to insufficient permissions.")
        );
        assert!(!d.throttled);
        let d = boomi_error(
            StatusCode::SERVICE_UNAVAILABLE,
            &HeaderMap::new(),
            b"<error><message>Retry later.</message></error>",
        );
        assert_eq!(d.message.as_deref(), Some("Retry later."));
        assert!(d.throttled);
    }

    #[test]
    fn the_query_body_filters_on_user_id() {
        assert_eq!(
            query_body(None),
            json!({"QueryFilter": {"expression": {"operator": "IS_NOT_NULL", "property": "userId"}}})
        );
        assert_eq!(
            query_body(Some("a@b.c")),
            json!({"QueryFilter": {"expression": {"argument": ["a@b.c"], "operator": "EQUALS", "property": "userId"}}})
        );
    }
}
