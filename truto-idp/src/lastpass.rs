//! # LastPass
//!
//! The users of a LastPass Business account, through the LastPass Enterprise API
//! (provisioning API): one JSON endpoint whose body names the command.
//!
//! | | |
//! |---|---|
//! | slug / feature | `lastpass` |
//! | operations | list, get |
//! | list | `POST /enterpriseapi.php` with `{"cid": …, "provhash": …, "cmd": "getuserdata", "data": {}}`; every user in one response |
//! | get | the same command: with `"data": {"username": "<id>"}` when the id is a username (an email address); otherwise the listing, picked by id (see *Getting one user*) |
//! | base URL | `https://lastpass.com` |
//! | auth | no header: the account number and the provisioning hash go in every request body; config keys `cid` (env `TRUTO_LASTPASS_CID`) and `provhash` (env `TRUTO_LASTPASS_PROVHASH`) |
//! | config keys | `cid`, `provhash` |
//! | scopes | none: the provisioning hash acts for the whole account |
//! | page size | none: `getuserdata` answers with every user at once |
//! | filters | `email`, `username` (both sent as `data.username`, LastPass's user name being the email address; one at a time) |
//! | rate limits | none documented |
//!
//! The credentials travel in the JSON body next to the command, which the declarative
//! layer cannot express (its credentials are headers, query parameters or tokens), and
//! users come back as an object keyed by user id, the id only in the key: this module is a
//! hand-written [`UserDirectory`], the layer's escape hatch. It sends through the shared
//! transport, which retries (the command only reads, so it is sent as a read) and maps
//! HTTP errors as for every other integration.
//!
//! The account number (`cid`) is on the Admin Console's dashboard ("Account number"); the
//! provisioning hash is made in the Admin Console under *Advanced › Enterprise API*
//! ("Create provisioning hash"; resetting it invalidates the old one). Both need a
//! LastPass Business account and an admin.
//!
//! ## Getting one user
//!
//! `getuserdata` selects one user only by user name (`data.username`, the email address);
//! it takes no user id. So a get:
//!
//! - with an id containing `@` (a user name) sends `{"username": "<id>"}` and returns the
//!   user whose `username` is that name (compared without regard to case). The user it
//!   returns has LastPass's numeric user id as its `id`.
//! - with any other id (LastPass's user id, e.g. `101`) asks for every user and returns the
//!   one whose key is that id: one request, but the whole directory's worth of data.
//!
//! Either way a user not in the answer is [`ErrorKind::NotFound`]. The id is always sent as
//! a JSON string built by the serializer, never spliced into text.
//!
//! ## Mapping
//!
//! | LastPass | unified |
//! |---|---|
//! | the key in `Users` (`"101"`) | `id` |
//! | `username` (an email address) | `username`, and `emails[0]` (primary) when it holds an `@` |
//! | `fullname` | `name` |
//! | `disabled`, `neverloggedin` | `status` (table below) |
//! | `groups[]` (group names) | `groups` (name only: LastPass groups have no id) |
//! | `created` | `created_at` |
//! | `last_login` | `last_login_at` |
//!
//! | `disabled` | `neverloggedin` | unified `status` |
//! |---|---|---|
//! | `true` | any | `inactive` |
//! | `false` or absent | `true` | `invited` (created, never signed in; this reading is ours) |
//! | `false` | `false` or absent | `active` |
//! | absent | absent | none |
//!
//! `mpstrength`, `last_pw_change`, `linked`, the item counters (`sites`, `notes`,
//! `formfills`, `applications`, `attachments`) and any other field stay in `remote_data`,
//! which is the user's object exactly as LastPass sent it (without the id, which is only
//! its key). The response's `Groups` object (group name → user names) is not read. There
//! are no licences in the record: `licenses` stays empty.
//!
//! ## Quirks
//!
//! - Users come back as `{"Users": {"<id>": {…}}}`, in the response's order. An empty
//!   `Users` may come as `[]` (PHP writes an empty object that way) or `null`: no users. A
//!   non-empty list (records without ids) is a decode error.
//! - Errors come with HTTP 200 and a body such as `{"status": "FAIL", "errors": […]}`:
//!   an answer without `Users`, or whose `status` is neither `OK`, `success` nor `WARN`,
//!   is an [`ErrorKind::Provider`] error carrying LastPass's `status` as its code and its
//!   `error` / `errors` text as the message.
//! - `cid` is sent as a JSON number (LastPass documents it as an integer), so it must be
//!   digits only.
//! - The caller's `remote_query` pairs are added to `data` as strings (a way to pass
//!   `getuserdata` options this module does not know); `username` set by a filter or a get
//!   wins over one given there.
//! - `provhash` never appears in `Debug` output, errors or `remote_data`: it is held as a
//!   secret, only serialized into the request body, and scrubbed from any message that
//!   echoes it.
//! - `created` and `last_login` are `YYYY-MM-DD HH:MM:SS` without a zone, read as UTC.
//!
//! ## Sources
//!
//! - <https://support.lastpass.com/s/document-item?bundleId=lastpass&topicId=LastPass/api_get_user_data.html>
//!   ("Get user data": the request and response example, with `data.username`; read
//!   through the example reproduced verbatim in public client code, the page itself was
//!   not reachable)
//! - <https://support.lastpass.com/help/enable-users-via-lastpass-api>,
//!   <https://support.lastpass.com/help/disable-users-via-lastpass-api>,
//!   <https://support.lastpass.com/help/update-users-via-lastpass-api> (the request shape
//!   every command shares: `cid` "a mandatory integer parameter", `provhash`, `cmd`,
//!   `data`; the `status` field of answers)
//! - <https://enterprise.lastpass.com/enterprise-administration-basics/getting-started-tab/set-up-create-new-user-2/lastpass-provisioning-api/>
//!   (the provisioning API and where its documentation lives)
//!
//! ## Not confirmed
//!
//! - Paging: `getuserdata` is documented with one answer holding every user; whether it
//!   takes a page size or index (`pagesize` / `pageindex` appear in third-party notes) is
//!   not settled, so none is sent.
//! - What `getuserdata` answers for an unknown user name, and for a wrong `cid` or
//!   `provhash` (the error body's exact fields and wording, and whether the HTTP status is
//!   200); such answers surface as provider errors with whatever text they carry.
//! - Whether `data.disabled` / `data.admin` narrow the listing ("can be either UserName,
//!   disabled, or admin" says the example's comment), and with what values: not used.
//! - Whether invited users who never accepted appear in `Users` or only elsewhere.
//! - The time zone of `created` and `last_login`.
//! - The European host (`https://lastpass.eu`): set `base_url` to use it.
//! - Rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, GetUser, ListUsers, UserDirectoryExt};
//! // TRUTO_LASTPASS_CID=8771312  TRUTO_LASTPASS_PROVHASH=…
//! let dir = truto_idp::lastpass::connect(&Config::from_env("lastpass"))?;
//! for user in dir.collect_users(ListUsers::new()).await? {
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! let ned = dir.get_user("user1@lastpass.com", GetUser::new()).await?;
//! println!("{} is LastPass user {}", ned.username.unwrap_or_default(), ned.id);
//! # Ok(()) }
//! ```

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::header::HeaderMap;
use http::{Method, StatusCode};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::provider::decode::{decode_text, lenient_bool, non_empty, parse_datetime};
use truto_core::provider::http::{
    ErrorDetails, ErrorReader, HttpClient, ProviderHttp, generic_error_details,
};
use truto_core::provider::{Connection, FilterRule, Page, PageRequest, Position};
use truto_core::{
    Config, ConfigKey, Email, Error, ErrorKind, Family, Filter, GetUser, Group, Integration,
    Operation, PaginationStyle, RemoteData, Result, User, UserDirectory, UserStatus,
};

/// What the LastPass integration declares.
pub static INTEGRATION: Integration = Integration::new("lastpass", "LastPass", Family::Idp)
    .note("Enterprise API: `cid` + `provhash` in the body; one answer lists every user; get by id lists all, by email asks for one")
    .list(PaginationStyle::Single)
    .get()
    .filters(&[
        FilterRule::native(Filter::Email),
        FilterRule::native(Filter::Username),
    ])
    .single_filter()
    .email_filter(Filter::Email)
    .base_url("https://lastpass.com")
    .config(&[
        ConfigKey::required(
            "cid",
            "the account number (CID), on the Admin Console's dashboard",
        ),
        ConfigKey::secret(
            "provhash",
            "the provisioning hash (API secret), from Admin Console › Advanced › Enterprise API",
        ),
    ]);

/// The one endpoint, below the base URL.
const ENDPOINT: &str = "enterpriseapi.php";

/// A connected LastPass Business account.
pub struct LastPass {
    http: HttpClient,
    cid: u64,
    provhash: SecretString,
}

impl fmt::Debug for LastPass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LastPass")
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

/// Connects to LastPass (the registry's constructor).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(LastPass::new(config)?))
}

impl LastPass {
    /// Connects with `config`: `cid` and `provhash` (and optionally `base_url`).
    pub fn new(config: &Config) -> Result<Self> {
        let connection = Connection::open(&INTEGRATION, config)?;
        let cid = connection.require("cid")?;
        let cid = cid.parse::<u64>().map_err(|_| {
            Error::config("LastPass's `cid` is the account number: digits only")
                .with_provider(INTEGRATION.slug)
        })?;
        let provhash = config.secret(&INTEGRATION, "provhash")?;
        let errors = LastPassErrors {
            provhash: provhash.clone(),
        };
        let http = connection.http(ProviderHttp::new(INTEGRATION.slug).errors(Arc::new(errors)))?;
        Ok(LastPass {
            http,
            cid,
            provhash,
        })
    }

    /// Sends `getuserdata` with `data` and returns the users of the answer, in order.
    async fn get_user_data(
        &self,
        data: Map<String, Value>,
        op: Operation,
    ) -> Result<Vec<(String, User)>> {
        let body = serde_json::json!({
            "cid": self.cid,
            "provhash": self.provhash.expose_secret(),
            "cmd": "getuserdata",
            "data": Value::Object(data),
        });
        // `getuserdata` only reads: retried like a GET, let through by a dry run.
        let request = self
            .http
            .request(Method::POST, ENDPOINT, &[])?
            .json(&body)?
            .read_only();
        let response = self.http.send(request, op).await?;
        let reply: Reply = response.json()?;
        self.check(reply)?
            .into_iter()
            .map(|(id, raw)| {
                let wire = decode_text::<WireUser>(raw.get()).map_err(|e| {
                    Error::decode(format!("user `{id}` is invalid at {e}"))
                        .with_provider(INTEGRATION.slug)
                })?;
                if id.trim().is_empty() {
                    return Err(Error::decode("a user has an empty id (its key in `Users`)")
                        .with_provider(INTEGRATION.slug));
                }
                let user = to_user(id.clone(), wire, RemoteData::from_raw(raw));
                Ok((id, user))
            })
            .collect()
    }

    /// The answer's users, or the error it carries (LastPass answers errors with 200).
    fn check(&self, reply: Reply) -> Result<Vec<(String, Box<RawValue>)>> {
        let status = reply.status.as_ref().map(text_of);
        let failed = status.as_deref().is_some_and(|s| {
            !["ok", "success", "warn"].contains(&s.trim().to_ascii_lowercase().as_str())
        });
        match (failed, reply.users) {
            (false, Some(users)) => Ok(users.0),
            (false, None)
                if status.is_none() && reply.error.is_none() && reply.errors.is_none() =>
            {
                Err(Error::decode("LastPass's answer has no `Users`")
                    .with_provider(INTEGRATION.slug))
            }
            _ => {
                let said: Vec<String> = [reply.error.as_ref(), reply.errors.as_ref()]
                    .into_iter()
                    .flatten()
                    .map(text_of)
                    .filter(|t| !t.trim().is_empty())
                    .collect();
                let message = if said.is_empty() {
                    match &status {
                        Some(s) => format!("LastPass answered with status `{s}` and no users"),
                        None => "LastPass answered without users".to_owned(),
                    }
                } else {
                    said.join("; ")
                };
                let mut err = Error::new(ErrorKind::Provider, scrub(&message, &self.provhash))
                    .with_provider(INTEGRATION.slug);
                if let Some(code) = status.filter(|s| !s.trim().is_empty()) {
                    err = err.with_code(scrub(&code, &self.provhash));
                }
                Err(err)
            }
        }
    }
}

#[async_trait]
impl UserDirectory for LastPass {
    fn integration(&self) -> &Integration {
        &INTEGRATION
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        if *request.position != Position::Start {
            return Err(Error::cannot_resume(
                "a LastPass listing, which is one answer,",
                request.position,
            )
            .with_provider(INTEGRATION.slug));
        }
        let options = request.options;
        let mut data = remote_data(&options.common().remote_query);
        let name = options
            .filter_value(Filter::Email)
            .or_else(|| options.filter_value(Filter::Username));
        if let Some(name) = name {
            data.insert("username".into(), Value::String(name.to_owned()));
        }
        let mut users: Vec<User> = self
            .get_user_data(data, Operation::List)
            .await?
            .into_iter()
            .map(|(_, user)| user)
            .collect();
        if let Some(name) = name {
            // Only the asked user, even if LastPass answered with more.
            users.retain(|u| same_name(u, name));
        }
        Ok(Page::new(users, None))
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let mut data = remote_data(&options.common().remote_query);
        let by_name = id.contains('@');
        if by_name {
            data.insert("username".into(), Value::String(id.to_owned()));
        }
        let users = self.get_user_data(data, Operation::Get).await?;
        let found = users.into_iter().find_map(|(key, user)| {
            let hit = if by_name {
                same_name(&user, id)
            } else {
                key == id
            };
            hit.then_some(user)
        });
        found.ok_or_else(|| {
            let what = if by_name { "user name" } else { "id" };
            Error::new(
                ErrorKind::NotFound,
                format!("LastPass has no user with {what} `{id}`"),
            )
            .with_provider(INTEGRATION.slug)
            .with_operation(Operation::Get)
        })
    }
}

fn same_name(user: &User, name: &str) -> bool {
    user.username
        .as_deref()
        .is_some_and(|u| u.trim().eq_ignore_ascii_case(name.trim()))
}

/// The caller's `remote_query` as `data` members (strings).
fn remote_data(pairs: &std::collections::BTreeMap<String, String>) -> Map<String, Value> {
    pairs
        .iter()
        .map(|(k, v)| (k.clone(), Value::String(v.clone())))
        .collect()
}

/// `text` with the provisioning hash replaced by `[REDACTED]`.
fn scrub(text: &str, provhash: &SecretString) -> String {
    let secret = provhash.expose_secret();
    if secret.is_empty() {
        text.to_owned()
    } else {
        text.replace(secret, "[REDACTED]")
    }
}

/// A JSON value as text: a string as is, a list of strings joined by `; `.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join("; "),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Errors of HTTP statuses

/// Errors of non-2xx answers: the common shapes, with the provisioning hash scrubbed (the
/// transport scrubs credentials it knows; this one travels in the body, so it does not).
#[derive(Debug)]
struct LastPassErrors {
    provhash: SecretString,
}

impl ErrorReader for LastPassErrors {
    fn read(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
        let mut details = generic_error_details(status, headers, body);
        for text in [&mut details.message, &mut details.code]
            .into_iter()
            .flatten()
        {
            *text = scrub(text, &self.provhash);
        }
        details
    }
}

// ---------------------------------------------------------------------------------------
// Wire shapes and mapping

/// `getuserdata`'s answer, or an error.
#[derive(Deserialize)]
struct Reply {
    #[serde(rename = "Users", default, deserialize_with = "present")]
    users: Option<KeyedRecords>,
    status: Option<Value>,
    error: Option<Value>,
    errors: Option<Value>,
}

/// A field that is there (even `null`) is `Some`.
fn present<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<KeyedRecords>, D::Error> {
    KeyedRecords::deserialize(deserializer).map(Some)
}

/// `{"<id>": {…}, …}` in the answer's order (`[]` and `null`: none).
struct KeyedRecords(Vec<(String, Box<RawValue>)>);

impl<'de> Deserialize<'de> for KeyedRecords {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct Records;
        impl<'de> Visitor<'de> for Records {
            type Value = KeyedRecords;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of users keyed by user id")
            }

            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<KeyedRecords, A::Error> {
                let mut records = Vec::new();
                while let Some((id, raw)) = map.next_entry::<String, Box<RawValue>>()? {
                    records.push((id, raw));
                }
                Ok(KeyedRecords(records))
            }

            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<KeyedRecords, A::Error> {
                // PHP writes an empty object as `[]`; a list of users would carry no ids.
                if seq.next_element::<IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom(
                        "a list of users, not an object keyed by user id",
                    ));
                }
                Ok(KeyedRecords(Vec::new()))
            }

            fn visit_unit<E: de::Error>(self) -> std::result::Result<KeyedRecords, E> {
                Ok(KeyedRecords(Vec::new()))
            }

            fn visit_none<E: de::Error>(self) -> std::result::Result<KeyedRecords, E> {
                Ok(KeyedRecords(Vec::new()))
            }
        }
        deserializer.deserialize_any(Records)
    }
}

#[derive(Deserialize)]
struct WireUser {
    username: Option<String>,
    fullname: Option<String>,
    created: Option<String>,
    last_login: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    disabled: Option<bool>,
    #[serde(default, deserialize_with = "lenient_bool")]
    neverloggedin: Option<bool>,
    groups: Option<Vec<String>>,
}

/// The unified status of a user's flags (see the module docs).
fn status(disabled: Option<bool>, never_logged_in: Option<bool>) -> Option<UserStatus> {
    match (disabled, never_logged_in) {
        (Some(true), _) => Some(UserStatus::Inactive),
        (_, Some(true)) => Some(UserStatus::Invited),
        (Some(false), _) => Some(UserStatus::Active),
        (None, _) => None,
    }
}

fn to_user(id: String, wire: WireUser, remote: RemoteData) -> User {
    let mut user = User::new(id);
    user.username = non_empty(wire.username).map(|u| u.trim().to_owned());
    if let Some(name) = user.username.as_deref().filter(|u| u.contains('@')) {
        user.emails.push(Email::new(name).primary(true));
    }
    user.name = non_empty(wire.fullname);
    user.status = status(wire.disabled, wire.neverloggedin);
    user.groups = wire
        .groups
        .unwrap_or_default()
        .into_iter()
        .filter(|g| !g.trim().is_empty())
        .map(|g| Group::new(None, Some(g)))
        .collect();
    user.created_at = wire.created.as_deref().and_then(parse_datetime);
    user.last_login_at = wire.last_login.as_deref().and_then(parse_datetime);
    user.remote_data = Some(remote);
    user
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_follow_the_flags() {
        assert_eq!(status(Some(true), Some(true)), Some(UserStatus::Inactive));
        assert_eq!(status(Some(false), Some(true)), Some(UserStatus::Invited));
        assert_eq!(status(None, Some(true)), Some(UserStatus::Invited));
        assert_eq!(status(Some(false), Some(false)), Some(UserStatus::Active));
        assert_eq!(status(Some(false), None), Some(UserStatus::Active));
        assert_eq!(status(None, Some(false)), None);
        assert_eq!(status(None, None), None);
    }

    #[test]
    fn users_keep_the_answer_order_and_accept_php_empties() {
        let reply: Reply =
            serde_json::from_str(r#"{"Users": {"202": {"username": "b"}, "101": {}}}"#).unwrap();
        let ids: Vec<String> = reply.users.unwrap().0.into_iter().map(|(k, _)| k).collect();
        assert_eq!(ids, ["202", "101"]);
        for empty in [r#"{"Users": []}"#, r#"{"Users": null}"#] {
            let reply: Reply = serde_json::from_str(empty).unwrap();
            assert!(reply.users.unwrap().0.is_empty(), "{empty}");
        }
        let reply: Reply = serde_json::from_str(r#"{"status": "FAIL"}"#).unwrap();
        assert!(reply.users.is_none());
        assert!(serde_json::from_str::<Reply>(r#"{"Users": [{"username": "a"}]}"#).is_err());
        assert!(serde_json::from_str::<Reply>(r#"{"Users": "none"}"#).is_err());
    }

    #[test]
    fn text_of_values() {
        assert_eq!(text_of(&serde_json::json!(["a", "b"])), "a; b");
        assert_eq!(text_of(&serde_json::json!("x")), "x");
        assert_eq!(text_of(&serde_json::json!({"k": 1})), r#"{"k":1}"#);
    }
}
