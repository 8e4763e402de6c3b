//! A simulator generated from a spec and its fixture: the provider as the spec describes
//! it, serving the fixture's records (each with a fresh id) in the spec's paging dialect,
//! envelopes and error shapes, so every shared scenario runs for every declarative
//! integration without a hand-written simulator.

use std::sync::Arc;

use serde_json::{Map, Value, json};
use url::Url;

use super::credentials::{carries_test_credential, test_config, test_value};
use super::fixture::Fixture;
use super::sim::{IdLocation, Route, SimRequest, SimResponse, Simulator};
use crate::config::Config;
use crate::directory::UserDirectory;
use crate::error::Result;
use crate::integration::Integration;
use crate::provider::declarative::path::Path;
use crate::provider::declarative::rules::{Rule, Text};
use crate::provider::declarative::template::PathTemplate;
use crate::provider::declarative::{Answer, End, InBody, Paging, Param, Spec};
use crate::provider::http::RateLimitHeaders;
use crate::query::{GetUser, ListUsers, UpdateUser};
use crate::user::User;
use crate::wire::{Call, Status, Write};

/// The secret every generated simulator accepts.
pub const SECRET: &str = "test-secret-5f2a9c";

/// The query parameter a generated simulator puts in the next-page URLs it hands out.
const NEXT: &str = "sim_offset";

/// What an update the simulator can read back sets, and how to check it.
#[derive(Debug, Clone)]
enum Check {
    Text(Text, String),
    Status(Status),
}

/// A simulated provider built from `spec` and `fixture`.
#[derive(Debug, Clone)]
pub struct SpecSim {
    spec: &'static Spec,
    fixture: Arc<Fixture>,
    base_path: String,
    id_at: Path,
    check: Option<Check>,
    /// Serve the fixture's records as they are (ids included) instead of numbered copies.
    verbatim: bool,
}

fn templates(paths: &[&'static str]) -> Vec<PathTemplate> {
    paths
        .iter()
        .filter_map(|p| PathTemplate::new(p).ok())
        .collect()
}

impl SpecSim {
    /// A simulator of `spec` serving `fixture`'s records.
    ///
    /// # Panics
    /// When the spec maps no id or the fixture has no records: a broken test.
    #[allow(clippy::panic)]
    pub fn new(spec: &'static Spec, fixture: Fixture) -> Self {
        let id_at = spec
            .rules
            .iter()
            .find_map(|r| match r {
                Rule::Id { at } => Path::parse(at).ok(),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{}: the spec maps no id", spec.integration.slug));
        assert!(
            !fixture.records.is_empty(),
            "{}: the fixture has no records",
            spec.integration.slug
        );
        let template = spec
            .integration
            .credentials
            .first()
            .and_then(|c| c.base_url)
            .or(spec.integration.default_base_url)
            .unwrap_or("");
        let filled = fill_test(template, &fixture);
        let base_path = Url::parse(&filled)
            .map(|u| u.path().trim_end_matches('/').to_owned())
            .unwrap_or_default();
        let mut sim = SpecSim {
            spec,
            fixture: Arc::new(fixture),
            base_path,
            id_at,
            check: None,
            verbatim: false,
        };
        sim.check = sim.choose_update();
        sim
    }

    /// The same simulator serving the fixture's records as they are, ids included (for
    /// checking the exact requests an id produces).
    pub fn verbatim(mut self) -> Self {
        self.verbatim = true;
        self
    }

    /// The spec.
    pub fn spec(&self) -> &'static Spec {
        self.spec
    }

    /// The fixture.
    pub fn fixture(&self) -> &Fixture {
        &self.fixture
    }

    /// The path every request's path starts with (the spec's base path).
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// Why the update scenario cannot run, when it cannot.
    pub fn update_unavailable(&self) -> Option<&'static str> {
        (self.spec.update.is_some() && self.check.is_none()).then_some(
            "no update field the simulator can read back (a text or status written where it is read)",
        )
    }

    /// An update whose effect a read-back shows: a text field written where a rule reads
    /// it, else a status the spec can set.
    fn choose_update(&self) -> Option<Check> {
        let update = self.spec.update?;
        for field in update.fields {
            if let Write::Value(at) = field.write {
                let readable = self.spec.rules.iter().find_map(|r| match *r {
                    Rule::Text {
                        field: text,
                        at: read,
                        table: [],
                        via: None,
                    } if read == at && text.field() == field.field => Some(text),
                    _ => None,
                });
                if let Some(text) = readable {
                    return Some(Check::Text(text, format!("Updated {}", field.field)));
                }
            }
        }
        for field in update.fields {
            let status = match field.write {
                Write::ActiveFlag(at) => self
                    .spec
                    .rules
                    .iter()
                    .any(|r| matches!(r, Rule::StatusFlag { at: read, .. } if *read == at))
                    .then_some(Status::Inactive),
                Write::StatusValue(at, table) => self.spec.rules.iter().find_map(|r| match r {
                    Rule::Status {
                        at: read,
                        table: reads,
                    } if *read == at => table
                        .iter()
                        .map(|(s, _)| *s)
                        .find(|s| reads.iter().any(|(_, r)| r == s)),
                    _ => None,
                }),
                Write::Lifecycle(rows) => rows.iter().find_map(|row| match row.call {
                    Call::Request(..)
                        if row.from.is_empty() && self.raw_status(row.to).is_some() =>
                    {
                        Some(row.to)
                    }
                    _ => None,
                }),
                _ => None,
            };
            if let Some(status) = status {
                return Some(Check::Status(status));
            }
        }
        None
    }

    /// The provider's value of a unified status (from the spec's status rule), or a flag.
    fn raw_status(&self, status: Status) -> Option<(Path, Value)> {
        self.spec.rules.iter().find_map(|r| match *r {
            Rule::Status { at, table } => table
                .iter()
                .find(|(_, s)| *s == status)
                .and_then(|(raw, _)| Some((Path::parse(at).ok()?, json!(raw)))),
            Rule::StatusFlag {
                at,
                when_true,
                when_false,
            } => {
                let value = if when_true == status {
                    true
                } else if when_false == Some(status) {
                    false
                } else {
                    return None;
                };
                Some((Path::parse(at).ok()?, json!(value)))
            }
            _ => None,
        })
    }

    fn relative_segments(&self, request: &SimRequest) -> Option<Vec<String>> {
        let path = request.path.strip_prefix(&self.base_path)?;
        Some(
            path.split('/')
                .filter(|s| !s.is_empty())
                .map(|s| {
                    percent_encoding::percent_decode_str(s)
                        .decode_utf8_lossy()
                        .into_owned()
                })
                .collect(),
        )
    }

    fn param_value(request: &SimRequest, param: Param) -> Option<String> {
        match param {
            Param::None => None,
            Param::Query(name) => request.query_param(name).map(str::to_owned),
            Param::Header(name) => request.header(name).map(str::to_owned),
            Param::Body(at) => {
                let body = request.json()?;
                match Path::parse(at).ok()?.lookup(&body)? {
                    Value::String(s) => Some(s.clone()),
                    Value::Number(n) => Some(n.to_string()),
                    _ => None,
                }
            }
        }
    }

    fn next_url(request: &SimRequest, offset: usize) -> String {
        let host = request.header("host").unwrap_or("127.0.0.1");
        let mut url = Url::parse(&format!("http://{host}{}", request.path)).unwrap_or_else(|_| {
            Url::parse("http://127.0.0.1/").unwrap_or_else(|_| unreachable_url())
        });
        {
            let mut q = url.query_pairs_mut();
            for (k, v) in &request.query {
                if k != NEXT {
                    q.append_pair(k, v);
                }
            }
            q.append_pair(NEXT, &offset.to_string());
        }
        url.to_string()
    }

    fn wrap_record(&self, at: &str, record: &Value) -> Value {
        let mut body = if at.is_empty() {
            record.clone()
        } else {
            let mut body = json!({});
            if let Ok(p) = Path::parse(at) {
                p.set(&mut body, record.clone());
            }
            body
        };
        self.mark_ok(&mut body);
        body
    }

    /// Providers that answer errors with a 2xx flag their successes too (`"ok": true`).
    fn mark_ok(&self, body: &mut Value) {
        if let Some((InBody::FlagFalse(at), _)) = self.spec.errors.in_body
            && let Ok(p) = Path::parse(at)
            && body.is_object()
        {
            p.set(body, Value::Bool(true));
        }
    }
}

#[allow(clippy::panic)]
fn unreachable_url() -> Url {
    panic!("a loopback URL did not parse")
}

/// A template filled with test values (`test-<key>`) and the fixture's config.
fn fill_test(template: &str, fixture: &Fixture) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let key = &rest[start + 1..start + len];
        out.push_str(
            &fixture
                .config
                .get(key)
                .cloned()
                .unwrap_or_else(|| test_value(key)),
        );
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

impl Simulator for SpecSim {
    fn integration(&self) -> &'static Integration {
        &self.spec.integration
    }

    fn config(&self, base_url: &str) -> Config {
        let mut config = test_config(
            &self.spec.integration,
            &format!("{base_url}{}", self.base_path),
            SECRET,
        );
        for (k, v) in &self.fixture.config {
            config.insert(k.clone(), v.clone());
        }
        if let Some(c) = self.spec.integration.credentials.first()
            && matches!(
                c.scheme,
                crate::wire::Scheme::ClientCredentials { .. }
                    | crate::wire::Scheme::RefreshToken { .. }
            )
        {
            config.insert("token_url", format!("{base_url}/__token"));
        }
        config
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        crate::provider::declarative::connect(self.spec, config)
    }

    fn list_options(&self) -> ListUsers {
        let mut options = ListUsers::new();
        for (k, v) in &self.fixture.params {
            options = options.param(k.clone(), v.clone());
        }
        options
    }

    fn get_options(&self) -> GetUser {
        let mut options = GetUser::new();
        for (k, v) in &self.fixture.params {
            if self.spec.integration.required_get.contains(&k.as_str())
                || self.spec.integration.knows_param(k)
            {
                options = options.param(k.clone(), v.clone());
            }
        }
        options
    }

    fn update_options(&self) -> Option<UpdateUser> {
        let mut update = UpdateUser::new();
        for (k, v) in &self.fixture.params {
            if self.spec.integration.required_update.contains(&k.as_str())
                || self.spec.integration.knows_param(k)
            {
                update = update.param(k.clone(), v.clone());
            }
        }
        let mut body = crate::query::UserUpdate::default();
        match self.check.as_ref()? {
            Check::Text(text, value) => {
                let value = Some(value.clone());
                match text {
                    Text::Name => body.name = value,
                    Text::FirstName => body.first_name = value,
                    Text::LastName => body.last_name = value,
                    Text::Username => body.username = value,
                    Text::Title => body.title = value,
                    Text::Timezone => body.timezone = value,
                    Text::Avatar => body.avatar = value,
                    Text::UserType => body.user_type = value,
                    Text::ExternalId | Text::Bio => return None,
                }
            }
            Check::Status(status) => body.status = Some(status.user_status()),
        }
        Some(update.body(body))
    }

    fn check_updated(&self, user: &User) {
        match &self.check {
            Some(Check::Text(text, value)) => {
                let got = match text {
                    Text::Name => &user.name,
                    Text::FirstName => &user.first_name,
                    Text::LastName => &user.last_name,
                    Text::Username => &user.username,
                    Text::Title => &user.title,
                    Text::Timezone => &user.timezone,
                    Text::Avatar => &user.avatar,
                    Text::UserType => &user.user_type,
                    Text::ExternalId => &user.external_id,
                    Text::Bio => &user.bio,
                };
                assert_eq!(
                    got.as_deref(),
                    Some(value.as_str()),
                    "the update did not show"
                );
            }
            Some(Check::Status(status)) => {
                assert_eq!(
                    user.status,
                    Some(status.user_status()),
                    "the status did not change"
                );
            }
            None => {}
        }
    }

    fn record(&self, n: usize) -> Value {
        let mut record = self.fixture.records[n % self.fixture.records.len()].clone();
        if self.verbatim {
            return record;
        }
        let original = self.id_at.lookup(&record).cloned().unwrap_or(Value::Null);
        let id = match original {
            Value::Number(_) => json!(1_000_000 + n as u64),
            Value::String(s) => json!(format!("{s}-{n:05}")),
            _ => json!(format!("user-{n:05}")),
        };
        self.id_at.set(&mut record, id);
        record
    }

    fn record_id(&self, record: &Value) -> String {
        match self.id_at.lookup(record) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    }

    fn extra(&self, request: &SimRequest) -> Option<SimResponse> {
        // The OAuth token endpoint of client-credentials specs.
        (request.path.ends_with("/__token") && request.method == "POST").then(|| {
            SimResponse::json(
                200,
                &json!({"access_token": SECRET, "token_type": "Bearer", "expires_in": 3600}),
            )
        })
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        carries_test_credential(&self.spec.integration, request, SECRET)
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = self.relative_segments(request)?;
        let method = request.method.as_str();
        let id_of = |vars: std::collections::BTreeMap<String, String>| vars.get("id").cloned();
        // A get sent as a query in a body (GraphQL) shares the list's method and path: the
        // id where the get's body template puts `{id}` tells them apart.
        if let Some(get) = self.spec.get
            && method == get.method.as_str()
            && let Some(template) = get.body.and_then(|b| serde_json::from_str::<Value>(b).ok())
            && let Some(at) = placeholder_location(&template, "{id}")
            && let Ok(t) = PathTemplate::new(get.path)
            && t.matches(&segments, &[]).is_some()
            && let Some(Value::String(id)) = request.json().and_then(|b| value_at(&b, &at).cloned())
        {
            return Some(Route::Get(id));
        }
        if let Some(list) = self.spec.list
            && method == list.method.as_str()
        {
            let mut paths = vec![list.path];
            paths.extend(list.filters.iter().filter_map(|f| match f.to {
                crate::wire::FilterTo::Endpoint { path, .. } => Some(path),
                _ => None,
            }));
            if templates(&paths)
                .iter()
                .any(|t| t.matches(&segments, &request.query).is_some())
            {
                return Some(Route::List);
            }
        }
        if let Some(get) = self.spec.get
            && method == get.method.as_str()
            && let Ok(t) = PathTemplate::new(get.path)
            && let Some(vars) = t.matches(&segments, &[])
        {
            let id = id_of(vars).or_else(|| {
                get.query
                    .iter()
                    .find(|(_, v)| *v == "{id}")
                    .and_then(|(k, _)| request.query_param(k).map(str::to_owned))
            })?;
            return Some(Route::Get(id));
        }
        if let Some(update) = self.spec.update {
            if method == update.method.as_str()
                && let Ok(t) = PathTemplate::new(update.path)
                && let Some(id) = t.matches(&segments, &[]).and_then(id_of)
            {
                return Some(Route::Update(id));
            }
            for field in update.fields {
                if let Write::Lifecycle(rows) = field.write {
                    for row in rows {
                        if let Call::Request(m, path) = row.call
                            && m.as_str() == method
                            && let Ok(t) = PathTemplate::new(path)
                            && let Some(id) = t.matches(&segments, &request.query).and_then(id_of)
                        {
                            return Some(Route::Update(id));
                        }
                    }
                }
            }
        }
        None
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let Some(list) = self.spec.list else {
            return self.error(404, "no list endpoint");
        };
        let max = self.spec.integration.max_page_size.unwrap_or(1000) as usize;
        // A provider without a page-size parameter pages at its own size: a small one here,
        // so a few users make several pages.
        let size = match list.paging.size() {
            Param::None => 10,
            param => Self::param_value(request, param)
                .and_then(|s| s.parse::<usize>().ok())
                .or(self.spec.integration.default_page_size.map(|s| s as usize))
                .unwrap_or(50),
        }
        .clamp(1, max.max(1));
        let from_next = request
            .query_param(NEXT)
            .and_then(|v| v.parse::<usize>().ok());
        let start = match list.paging {
            Paging::None => 0,
            Paging::Offset { offset, .. } => Self::param_value(request, offset)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0),
            Paging::Page { page, first, .. } => {
                let n = Self::param_value(request, page)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(first);
                (n.saturating_sub(first) as usize) * size
            }
            Paging::Cursor { cursor, .. } | Paging::HeaderCursor { cursor, .. } => {
                match Self::param_value(request, cursor) {
                    None => 0,
                    Some(token) => match token.strip_prefix("cur-").and_then(|n| n.parse().ok()) {
                        Some(n) => n,
                        None => return self.error(400, "invalid cursor"),
                    },
                }
            }
            Paging::NextUrl { .. } | Paging::Link { .. } => from_next.unwrap_or(0),
            Paging::StartIndex { start, .. } => Self::param_value(request, start)
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(1)
                .saturating_sub(1),
        };
        let size = if matches!(list.paging, Paging::None) {
            records.len().max(1)
        } else {
            size
        };
        let page: Vec<Value> = records.iter().skip(start).take(size).cloned().collect();
        let after = start + page.len();
        let more = after < records.len();
        let mut body = if list.records.is_empty() {
            Value::Array(page)
        } else {
            let mut body = json!({});
            if let Ok(p) = Path::parse(list.records) {
                p.set(&mut body, Value::Array(page));
            }
            body
        };
        let set = |body: &mut Value, at: &str, value: Value| {
            if let Ok(p) = Path::parse(at)
                && body.is_object()
            {
                p.set(body, value);
            }
        };
        let end = |body: &mut Value, end: End, page_number: Option<u64>| match end {
            End::ShortPage => {}
            End::Total(at) => set(body, at, json!(records.len())),
            End::TotalPages(at) => set(body, at, json!(records.len().div_ceil(size))),
            End::More(at) => set(body, at, json!(more)),
            End::Last(at) => set(body, at, json!(!more)),
            End::NextPage(at) => set(
                body,
                at,
                match (more, page_number) {
                    (true, Some(n)) => json!(n + 1),
                    _ => Value::Null,
                },
            ),
        };
        let mut response_headers = Vec::new();
        match list.paging {
            Paging::None => {}
            Paging::Offset { end: e, .. } => end(&mut body, e, None),
            Paging::Page {
                page,
                first,
                end: e,
                ..
            } => {
                let n = Self::param_value(request, page)
                    .and_then(|v| v.parse::<u64>().ok())
                    .unwrap_or(first);
                end(&mut body, e, Some(n));
            }
            Paging::Cursor {
                next, more: flag, ..
            } => {
                set(
                    &mut body,
                    next,
                    if more {
                        json!(format!("cur-{after}"))
                    } else {
                        Value::Null
                    },
                );
                if let Some(at) = flag {
                    set(&mut body, at, json!(more));
                }
            }
            Paging::NextUrl { next, .. } => set(
                &mut body,
                next,
                if more {
                    json!(Self::next_url(request, after))
                } else {
                    Value::Null
                },
            ),
            Paging::Link { .. } => {
                if more {
                    response_headers.push((
                        "link".to_owned(),
                        format!("<{}>; rel=\"next\"", Self::next_url(request, after)),
                    ));
                }
            }
            Paging::StartIndex { end: e, .. } => end(&mut body, e, None),
            Paging::HeaderCursor { header, .. } => {
                if more {
                    response_headers.push((header.to_owned(), format!("cur-{after}")));
                }
            }
        }
        self.mark_ok(&mut body);
        let mut response = SimResponse::json(200, &body);
        for (k, v) in response_headers {
            response = response.append_header(&k, v);
        }
        response
    }

    fn get(&self, _request: &SimRequest, record: &Value) -> SimResponse {
        let at = self.spec.get.map(|g| g.record).unwrap_or("");
        SimResponse::json(200, &self.wrap_record(at, record))
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        let Some(update) = self.spec.update else {
            return self.error(405, "updates are not supported");
        };
        let lifecycle = update.fields.iter().find_map(|f| match f.write {
            Write::Lifecycle(rows) => rows.iter().find_map(|row| match row.call {
                Call::Request(m, path)
                    if m.as_str() == request.method
                        && PathTemplate::new(path).is_ok_and(|t| {
                            self.relative_segments(request)
                                .is_some_and(|s| t.matches(&s, &request.query).is_some())
                        }) =>
                {
                    Some(row.to)
                }
                _ => None,
            }),
            _ => None,
        });
        if let Some(status) = lifecycle {
            if let Some((at, raw)) = self.raw_status(status) {
                at.set(record, raw);
            }
            return SimResponse::json(200, &self.wrap_record("", record));
        }
        let Some(body) = request.json() else {
            return self.error(400, "the body is not JSON");
        };
        let fields = match Path::parse(update.envelope)
            .ok()
            .and_then(|p| p.lookup(&body).cloned())
        {
            Some(Value::Object(fields)) => fields,
            _ => Map::new(),
        };
        merge(record, Value::Object(fields));
        match update.answer {
            Answer::UserOrReadBack(at) => SimResponse::json(200, &self.wrap_record(at, record)),
            Answer::ReadBack => SimResponse::empty(204),
        }
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        let errors = &self.spec.errors;
        let code = match status {
            429 => errors.throttled.first().copied().unwrap_or("rate_limited"),
            401 => "unauthenticated",
            404 => "not_found",
            _ => "error",
        };
        // A provider that answers errors with a 2xx flag answers this one so, when its
        // table names the status (throttling and server errors keep their status).
        if let Some((InBody::FlagFalse(at), table)) = errors.in_body
            && status != 429
            && status < 500
            && let Some((code, _)) = table.iter().find(|(_, s)| *s == status)
        {
            let mut body = json!({});
            if let Ok(p) = Path::parse(at) {
                p.set(&mut body, Value::Bool(false));
            }
            if let Some(at) = errors.code.first().and_then(|c| Path::parse(c).ok()) {
                at.set(&mut body, json!(code));
            }
            return SimResponse::json(200, &body);
        }
        let body = match &self.fixture.error_body {
            Some(template) => substitute(template, message, status),
            None => {
                let mut body = json!({});
                let at = errors.message.first().copied().unwrap_or("message");
                if let Ok(p) = Path::parse(at) {
                    p.set(&mut body, json!(message));
                }
                if let Some(p) = errors.code.first().and_then(|c| Path::parse(c).ok()) {
                    p.set(&mut body, json!(code));
                }
                body
            }
        };
        SimResponse::json(status, &body)
    }

    fn page_size_for_tests(&self) -> u32 {
        self.spec.integration.max_page_size.unwrap_or(10).min(10)
    }

    fn id_location(&self) -> IdLocation {
        let Some(get) = self.spec.get else {
            return IdLocation::PathSegment;
        };
        if get.path.contains("{id}") {
            // Counted as the request's segments are: empty ones (a trailing `/`) left out.
            let segments: Vec<&str> = get
                .path
                .split('?')
                .next()
                .unwrap_or("")
                .split('/')
                .filter(|s| !s.is_empty())
                .collect();
            match segments.iter().rev().position(|s| s.contains("{id}")) {
                Some(from_end) => {
                    let segment = segments[segments.len() - 1 - from_end];
                    let (prefix, suffix) = segment.split_once("{id}").unwrap_or(("", ""));
                    if from_end == 0 && prefix.is_empty() && suffix.is_empty() {
                        IdLocation::PathSegment
                    } else {
                        IdLocation::PathSegmentAt {
                            from_end,
                            prefix,
                            suffix,
                        }
                    }
                }
                None => IdLocation::PathSegment,
            }
        } else if let Some((name, _)) = get.query.iter().find(|(_, v)| *v == "{id}") {
            IdLocation::Query(name)
        } else {
            IdLocation::Body
        }
    }

    fn with_next_url(&self, page: SimResponse, url: &str) -> Option<SimResponse> {
        match self.spec.list?.paging {
            Paging::NextUrl { next, .. } => {
                let mut body: Value = serde_json::from_slice(&page.body).unwrap_or(json!({}));
                Path::parse(next).ok()?.set(&mut body, json!(url));
                let mut out = SimResponse::json(page.status, &body);
                for (k, v) in page.headers.iter().filter(|(k, _)| k != "content-type") {
                    out = out.append_header(k, v.clone());
                }
                Some(out)
            }
            Paging::Link { .. } => Some(page.header("link", format!("<{url}>; rel=\"next\""))),
            _ => None,
        }
    }

    fn rate_limit_headers(&self) -> Option<RateLimitHeaders> {
        self.spec.rate_limits
    }

    fn update_is_idempotent(&self) -> Option<bool> {
        let update = self.spec.update?;
        let lifecycle = matches!(self.check, Some(Check::Status(_)))
            && update
                .fields
                .iter()
                .any(|f| f.field == "status" && matches!(f.write, Write::Lifecycle(_)));
        Some(update.idempotent && !lifecycle)
    }

    fn update_unavailable(&self) -> Option<&'static str> {
        SpecSim::update_unavailable(self)
    }

    fn faults_users(&self) -> usize {
        2_000
    }

    fn refreshes_credentials(&self) -> bool {
        self.spec.integration.credentials.first().is_some_and(|c| {
            matches!(
                c.scheme,
                crate::wire::Scheme::ClientCredentials { .. }
                    | crate::wire::Scheme::RefreshToken { .. }
            )
        })
    }
}

/// Where in `template` the string `placeholder` is: object keys and array indexes.
fn placeholder_location(template: &Value, placeholder: &str) -> Option<Vec<Value>> {
    match template {
        Value::String(s) if s == placeholder => Some(Vec::new()),
        Value::Object(map) => map.iter().find_map(|(k, v)| {
            let mut at = placeholder_location(v, placeholder)?;
            at.insert(0, Value::String(k.clone()));
            Some(at)
        }),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            let mut at = placeholder_location(v, placeholder)?;
            at.insert(0, Value::from(i));
            Some(at)
        }),
        _ => None,
    }
}

/// The value at a location [`placeholder_location`] gave.
fn value_at<'v>(value: &'v Value, at: &[Value]) -> Option<&'v Value> {
    at.iter().try_fold(value, |v, step| match step {
        Value::String(k) => v.get(k.as_str()),
        Value::Number(i) => v.get(usize::try_from(i.as_u64()?).ok()?),
        _ => None,
    })
}

/// Deep-merges `patch` into `target` (objects merge, anything else replaces).
fn merge(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                merge(t.entry(k).or_insert(Value::Null), v);
            }
        }
        (t, p) => *t = p,
    }
}

fn substitute(template: &Value, message: &str, status: u16) -> Value {
    match template {
        Value::String(s) => match s.as_str() {
            "{status}" => json!(status),
            _ => json!(
                s.replace("{message}", message)
                    .replace("{status}", &status.to_string())
            ),
        },
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|i| substitute(i, message, status))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, message, status)))
                .collect(),
        ),
        other => other.clone(),
    }
}
