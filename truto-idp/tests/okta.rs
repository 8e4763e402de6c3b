//! Okta: a simulator of the Users API for the shared conformance scenarios, the mapping of
//! a full documented user, the exact requests Okta receives (wiremock), and Okta's own
//! published description served by Prism.
#![cfg(feature = "okta")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use futures::StreamExt;
use serde_json::{Map, Value, json};
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{PrismServer, Route, SimRequest, SimResponse, Simulator, TestClock};
use truto_core::{
    Config, Email, ErrorKind, Filter, GetUser, Integration, ListUsers, Phone, Result, UpdateUser,
    User, UserDirectory, UserDirectoryExt, UserStatus, UserUpdate,
};
use url::Url;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "00okta-sim-Api-Token_5678";
const DOMAIN: &str = "example.okta.com";

// ---------------------------------------------------------------------------------------
// The simulator

const TITLES: &[&str] = &[
    "Engineer",
    "Designer",
    "Director",
    "Analyst",
    "Support Lead",
];
const DEPARTMENTS: &[&str] = &["Engineering", "Design", "Product", "Finance", "Support"];
/// Test users' statuses: no `DEPROVISIONED`, which an unfiltered listing leaves out.
const STATUSES: &[&str] = &[
    "ACTIVE",
    "ACTIVE",
    "ACTIVE",
    "ACTIVE",
    "ACTIVE",
    "PASSWORD_EXPIRED",
    "STAGED",
    "PROVISIONED",
    "SUSPENDED",
    "LOCKED_OUT",
];
const NOW: &str = "2026-11-23T10:00:00.000Z";

fn okta_id(n: usize) -> String {
    format!("00u{n:06}Xq7VhkLm0g4")
}

/// An Okta user record shaped like the Users API's documented examples.
fn okta_user(n: usize) -> Value {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    let login = format!(
        "{}.{}{n}@example.com",
        first.to_lowercase(),
        last.to_lowercase()
    );
    let status = STATUSES[n % STATUSES.len()];
    let created = format!(
        "2024-{:02}-{:02}T09:{:02}:00.000Z",
        n % 12 + 1,
        n % 28 + 1,
        n % 60
    );
    let activated = match status {
        "STAGED" | "PROVISIONED" => Value::Null,
        _ => json!(created.replace("T09:", "T10:")),
    };
    let id = okta_id(n);
    json!({
        "id": id,
        "status": status,
        "created": created,
        "activated": activated,
        "statusChanged": activated,
        "lastLogin": if n.is_multiple_of(3) { Value::Null } else { json!("2026-10-01T08:30:00.000Z") },
        "lastUpdated": format!("2026-0{}-15T12:00:00.000Z", n % 9 + 1),
        "passwordChanged": if status == "STAGED" { Value::Null } else { json!(created) },
        "type": {"id": "oty1162QAr8hJjTaq0g4"},
        "profile": {
            "firstName": first,
            "lastName": last,
            "mobilePhone": if n.is_multiple_of(4) { Value::Null } else { json!(format!("+1-555-01{:02}", n % 100)) },
            "secondEmail": null,
            "login": login,
            "email": login,
            "title": TITLES[n % TITLES.len()],
            "department": DEPARTMENTS[n % DEPARTMENTS.len()],
            "employeeNumber": format!("{}", 1000 + n),
            "userType": if n.is_multiple_of(10) { "Contractor" } else { "Employee" },
            "timezone": "America/Los_Angeles",
            "preferredLanguage": "en-US"
        },
        "credentials": {
            "password": {},
            "emails": [{"value": login, "status": "VERIFIED", "type": "PRIMARY"}],
            "provider": {"type": "OKTA", "name": "OKTA"}
        },
        "_links": {"self": {"href": format!("https://{DOMAIN}/api/v1/users/{id}")}}
    })
}

/// A simulated Okta org: `/api/v1/users` with `limit`, `after`, `search` and `filter`,
/// `Link` headers, the partial profile update and the lifecycle operations, SSWS auth and
/// Okta's error bodies.
#[derive(Debug, Clone, Copy, Default)]
struct OktaSim;

fn okta_error_body(status: u16, message: &str) -> (String, Value) {
    let (code, summary): (&str, String) = match status {
        400 => ("E0000001", format!("Api validation failed: {message}")),
        401 => ("E0000011", "Invalid token provided".into()),
        403 => (
            "E0000006",
            "You do not have permission to perform the requested action".into(),
        ),
        404 => ("E0000007", "Not found: Resource not found: (User)".into()),
        405 => (
            "E0000022",
            "The endpoint does not support the provided HTTP method".into(),
        ),
        429 => (
            "E0000047",
            "API call exceeded rate limit due to too many requests.".into(),
        ),
        _ => ("E0000009", "Internal Server Error".into()),
    };
    let causes = if status == 400 {
        json!([{"errorSummary": message}])
    } else {
        json!([])
    };
    (
        code.to_owned(),
        json!({
            "errorCode": code,
            "errorSummary": summary,
            "errorLink": code,
            "errorId": "oaeSimulatedErr0r1d",
            "errorCauses": causes
        }),
    )
}

fn rate_limit_headers(response: SimResponse, remaining: u64) -> SimResponse {
    let reset = Utc::now().timestamp() + if remaining == 0 { 1 } else { 60 };
    response
        .header("x-rate-limit-limit", "600")
        .header("x-rate-limit-remaining", remaining.to_string())
        .header("x-rate-limit-reset", reset.to_string())
}

fn set_status(record: &mut Value, status: &str) {
    record["status"] = json!(status);
    record["statusChanged"] = json!(NOW);
    record["lastUpdated"] = json!(NOW);
    if status == "ACTIVE" && record["activated"].is_null() {
        record["activated"] = json!(NOW);
    }
}

impl Simulator for OktaSim {
    fn integration(&self) -> &'static Integration {
        &truto_idp::okta::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new()
            .set("base_url", format!("{base_url}/api/v1"))
            .set("domain", DOMAIN)
            .set("token", TOKEN)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        truto_idp::okta::connect(config)
    }

    fn update_options(&self) -> Option<UpdateUser> {
        let mut body = UserUpdate::default();
        body.status = Some(UserStatus::Inactive);
        body.title = Some("Head of Platform".into());
        Some(UpdateUser::new().body(body))
    }

    fn check_updated(&self, user: &User) {
        assert_eq!(user.status, Some(UserStatus::Inactive), "not deactivated");
        assert_eq!(user.title.as_deref(), Some("Head of Platform"));
        let remote = user.remote_data.as_ref().unwrap().to_value();
        assert_eq!(remote["status"], "DEPROVISIONED");
    }

    fn record(&self, n: usize) -> Value {
        okta_user(n)
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(&format!("SSWS {TOKEN}"))
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = request.segments();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["api", "v1", "users"]) => Some(Route::List),
            ("GET", ["api", "v1", "users", id]) => Some(Route::Get((*id).to_owned())),
            ("POST", ["api", "v1", "users", id]) => Some(Route::Update((*id).to_owned())),
            (
                "POST",
                [
                    "api",
                    "v1",
                    "users",
                    id,
                    "lifecycle",
                    "activate" | "deactivate" | "suspend" | "unsuspend",
                ],
            ) => Some(Route::Update((*id).to_owned())),
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let limit = match request.query_param("limit").map(str::parse::<usize>) {
            None => 200,
            Some(Ok(n)) if n >= 1 => n.min(200),
            Some(_) => return self.error(400, "limit: must be a positive number"),
        };
        let search = request.query_param("search");
        let filter = request.query_param("filter");
        let mut selected = Vec::new();
        for record in records {
            let mut keep = true;
            if let Some(expr) = search {
                match evaluate(expr, record, Mode::Search) {
                    Ok(ok) => keep &= ok,
                    Err(e) => return self.error(400, &format!("search: {e}")),
                }
            }
            if let Some(expr) = filter {
                match evaluate(expr, record, Mode::Filter) {
                    Ok(ok) => keep &= ok,
                    Err(e) => return self.error(400, &format!("filter: {e}")),
                }
            }
            // Without a search or filter, Okta leaves deprovisioned users out.
            if search.is_none() && filter.is_none() && record["status"] == "DEPROVISIONED" {
                keep = false;
            }
            if keep {
                selected.push(record);
            }
        }
        let start = match request.query_param("after") {
            None => 0,
            Some(after) => match selected.iter().position(|r| r["id"] == after) {
                Some(i) => i + 1,
                None => selected.len(),
            },
        };
        let page: Vec<&Value> = selected.iter().skip(start).take(limit).copied().collect();
        let host = request.header("host").unwrap_or(DOMAIN);
        let link = |after: Option<&str>| {
            let mut url = Url::parse(&format!("http://{host}/api/v1/users")).unwrap();
            {
                let mut q = url.query_pairs_mut();
                for (k, v) in &request.query {
                    if k != "after" {
                        q.append_pair(k, v);
                    }
                }
                if let Some(after) = after {
                    q.append_pair("after", after);
                }
            }
            url.to_string()
        };
        let mut links = vec![format!("<{}>; rel=\"self\"", link(None))];
        if start + page.len() < selected.len()
            && let Some(last) = page.last()
        {
            links.push(format!("<{}>; rel=\"next\"", link(last["id"].as_str())));
        }
        rate_limit_headers(SimResponse::json(200, &json!(page)), 599)
            .header("link", links.join(", "))
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        let segments = request.segments();
        if let Some(action) = segments.get(5) {
            let status = record["status"].as_str().unwrap_or_default().to_owned();
            let next = match (action.as_str(), status.as_str()) {
                ("deactivate", "DEPROVISIONED") => None,
                ("deactivate", _) => Some("DEPROVISIONED"),
                ("activate", "STAGED" | "DEPROVISIONED") => Some("ACTIVE"),
                ("unsuspend", "SUSPENDED") => Some("ACTIVE"),
                ("suspend", "ACTIVE") => Some("SUSPENDED"),
                _ => None,
            };
            let Some(next) = next else {
                return self.error(
                    400,
                    &format!("cannot {action} a user whose status is {status}"),
                );
            };
            set_status(record, next);
            if *action == "activate" && request.query_param("sendEmail") == Some("false") {
                return SimResponse::json(
                    200,
                    &json!({
                        "activationUrl": format!("https://{DOMAIN}/welcome/XE6wE17zmphl3KqAPFxO"),
                        "activationToken": "XE6wE17zmphl3KqAPFxO"
                    }),
                );
            }
            return SimResponse::empty(200);
        }
        let Some(Value::Object(body)) = request.json() else {
            return self.error(400, "the body is not a JSON object");
        };
        if let Some(key) = body
            .keys()
            .find(|k| !["profile", "credentials", "type", "realmId"].contains(&k.as_str()))
        {
            return self.error(400, &format!("unknown property `{key}`"));
        }
        if record["status"] == "DEPROVISIONED" {
            return self.error(400, "a deactivated user's profile cannot be updated");
        }
        if let Some(kind) = body.get("type")
            && kind != &record["type"]
        {
            return self.error(400, "type: can only be changed with a full replace");
        }
        if let Some(profile) = body.get("profile") {
            let Some(profile) = profile.as_object() else {
                return self.error(400, "profile: must be an object");
            };
            for (k, v) in profile {
                record["profile"][k] = v.clone();
            }
        }
        if body
            .get("credentials")
            .and_then(|c| c.pointer("/password/value"))
            .is_some()
        {
            record["passwordChanged"] = json!(NOW);
        }
        record["lastUpdated"] = json!(NOW);
        rate_limit_headers(SimResponse::json(200, record), 599)
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        let (_, body) = okta_error_body(status, message);
        let response = SimResponse::json(status, &body);
        if status == 429 {
            rate_limit_headers(response, 0)
        } else {
            response
        }
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json",
            r#"[{"id": "00u000000Xq7VhkLm0g4", "status": "ACT"#,
        )
    }
}

/// How Okta compares: `search` values without regard to case, `filter` values exactly.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Search,
    Filter,
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Open,
    Close,
    Word(String),
    Text(String),
}

fn tokenize(expr: &str) -> std::result::Result<Vec<Token>, String> {
    let chars: Vec<char> = expr.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            c if c.is_whitespace() => i += 1,
            '(' => {
                out.push(Token::Open);
                i += 1;
            }
            ')' => {
                out.push(Token::Close);
                i += 1;
            }
            '"' => {
                let start = i;
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        i += 1;
                    }
                    i += 1;
                }
                if i >= chars.len() {
                    return Err("unterminated string".into());
                }
                let literal: String = chars[start..=i].iter().collect();
                let text: String =
                    serde_json::from_str(&literal).map_err(|_| format!("bad literal {literal}"))?;
                out.push(Token::Text(text));
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len() && !chars[i].is_whitespace() && !"()\"".contains(chars[i]) {
                    i += 1;
                }
                out.push(Token::Word(chars[start..i].iter().collect()));
            }
        }
    }
    Ok(out)
}

struct Eval<'a> {
    tokens: Vec<Token>,
    at: usize,
    record: &'a Value,
    mode: Mode,
}

impl Eval<'_> {
    fn keyword(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn expr(&mut self) -> std::result::Result<bool, String> {
        let mut value = self.term()?;
        while self.keyword("or") {
            self.at += 1;
            let rhs = self.term()?;
            value = value || rhs;
        }
        Ok(value)
    }

    fn term(&mut self) -> std::result::Result<bool, String> {
        let mut value = self.factor()?;
        while self.keyword("and") {
            self.at += 1;
            let rhs = self.factor()?;
            value = value && rhs;
        }
        Ok(value)
    }

    fn factor(&mut self) -> std::result::Result<bool, String> {
        if self.tokens.get(self.at) == Some(&Token::Open) {
            self.at += 1;
            let value = self.expr()?;
            if self.tokens.get(self.at) != Some(&Token::Close) {
                return Err("missing `)`".into());
            }
            self.at += 1;
            return Ok(value);
        }
        let (Some(Token::Word(attr)), Some(Token::Word(op)), Some(Token::Text(literal))) = (
            self.tokens.get(self.at).cloned(),
            self.tokens.get(self.at + 1).cloned(),
            self.tokens.get(self.at + 2).cloned(),
        ) else {
            return Err("expected `attribute operator \"value\"`".into());
        };
        self.at += 3;
        let op = op.to_ascii_lowercase();
        let is_date =
            ["created", "lastUpdated", "activated", "statusChanged"].contains(&attr.as_str());
        if self.mode == Mode::Filter {
            let allowed = [
                "status",
                "lastUpdated",
                "id",
                "profile.login",
                "profile.email",
                "profile.firstName",
                "profile.lastName",
            ];
            if !allowed.contains(&attr.as_str()) {
                return Err(format!("`{attr}` cannot be filtered"));
            }
            if op != "eq" && attr != "lastUpdated" {
                return Err(format!("`{op}` works only on lastUpdated"));
            }
        }
        let actual = match attr.strip_prefix("profile.") {
            Some(name) => &self.record["profile"][name],
            None => &self.record[attr.as_str()],
        };
        let Some(actual) = actual.as_str() else {
            return Ok(false);
        };
        if is_date {
            let a = chrono::DateTime::parse_from_rfc3339(actual).map_err(|e| e.to_string())?;
            let b = chrono::DateTime::parse_from_rfc3339(&literal)
                .map_err(|_| format!("`{literal}` is not a date"))?;
            return match op.as_str() {
                "eq" => Ok(a == b),
                "gt" => Ok(a > b),
                "ge" => Ok(a >= b),
                "lt" => Ok(a < b),
                "le" => Ok(a <= b),
                other => Err(format!("unsupported operator `{other}`")),
            };
        }
        let (a, b) = if self.mode == Mode::Search {
            (actual.to_lowercase(), literal.to_lowercase())
        } else {
            (actual.to_owned(), literal)
        };
        match op.as_str() {
            "eq" => Ok(a == b),
            "sw" if self.mode == Mode::Search => Ok(a.starts_with(&b)),
            "co" if self.mode == Mode::Search => Ok(a.contains(&b)),
            other => Err(format!("unsupported operator `{other}`")),
        }
    }
}

fn evaluate(expr: &str, record: &Value, mode: Mode) -> std::result::Result<bool, String> {
    let mut eval = Eval {
        tokens: tokenize(expr)?,
        at: 0,
        record,
        mode,
    };
    let value = eval.expr()?;
    if eval.at != eval.tokens.len() {
        return Err("trailing input".into());
    }
    Ok(value)
}

truto_core::conformance_tests!(OktaSim);

// ---------------------------------------------------------------------------------------
// The simulator itself: filters through the real client

#[tokio::test]
async fn simulated_filters_select_the_right_users() {
    let server = truto_core::testing::SimServer::start(OktaSim, 40).await;
    let dir = server.connect();
    let user = dir
        .find_by_email("GRACE.HOPPER1@example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(user.len(), 1);
    assert_eq!(user[0].id, okta_id(1));
    let invited = dir
        .collect_users(ListUsers::new().limit(5).filter(Filter::Status, "invited"))
        .await
        .unwrap();
    assert_eq!(invited.len(), 8, "statuses 6 and 7 of every 10");
    assert!(
        invited
            .iter()
            .all(|u| u.status == Some(UserStatus::Invited))
    );
    let locked = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::Status, "LOCKED_OUT")
                .filter(Filter::Title, "support lead"),
        )
        .await
        .unwrap();
    let expected: Vec<String> = (0..40).filter(|n| n % 10 == 9).map(okta_id).collect();
    assert!(!expected.is_empty());
    assert_eq!(
        locked.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
        expected
    );
    let lists = server.list_requests().await;
    let last = lists.last().unwrap();
    assert_eq!(
        last.query_param("search"),
        Some(r#"profile.title eq "support lead" and status eq "LOCKED_OUT""#)
    );
    assert_eq!(last.query_param("filter"), None);
}

#[tokio::test]
async fn simulated_lifecycle_round_trip() {
    let server = truto_core::testing::SimServer::start(OktaSim, 12).await;
    let dir = server.connect();
    let suspended = okta_id(8);
    let user = dir
        .update_user(&suspended, UpdateUser::new().status(UserStatus::Active))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Active));
    let staged = okta_id(6);
    let user = dir
        .update_user(&staged, UpdateUser::new().status(UserStatus::Active))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Active));
    let active = okta_id(1);
    let user = dir
        .update_user(
            &active,
            UpdateUser::new().status(UserStatus::Other("suspended".into())),
        )
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    assert_eq!(server.record(&active).unwrap()["status"], "SUSPENDED");
    let provisioned = okta_id(7);
    let err = dir
        .update_user(&provisioned, UpdateUser::new().status(UserStatus::Active))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let paths: Vec<String> = server
        .requests()
        .await
        .into_iter()
        .filter(|r| r.method == "POST")
        .map(|r| {
            let q = r
                .query
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&");
            format!("{}?{q}", r.path)
        })
        .collect();
    assert_eq!(
        paths,
        vec![
            format!("/api/v1/users/{suspended}/lifecycle/unsuspend?"),
            format!("/api/v1/users/{staged}/lifecycle/activate?sendEmail=false"),
            format!("/api/v1/users/{active}/lifecycle/suspend?"),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Mapping of a full documented user

/// A user with every standard profile attribute, shaped as Okta's `user-example` and
/// `ListUsersQResponse` document it.
fn full_user() -> Value {
    json!({
        "id": "00ub0oNGTSWTBKOLGLNR",
        "status": "LOCKED_OUT",
        "created": "2013-06-24T16:39:18.000Z",
        "activated": "2013-06-24T16:39:19.000Z",
        "statusChanged": "2013-06-24T16:39:19.000Z",
        "lastLogin": "2013-06-24T17:39:19.000Z",
        "lastUpdated": "2013-07-02T21:36:25.344Z",
        "passwordChanged": "2013-07-02T21:36:25.344Z",
        "type": {"id": "oty2di92xFgQTiKEJ1d6"},
        "profile": {
            "login": "isaac.brock@example.com",
            "firstName": "Isaac",
            "lastName": "Brock",
            "nickName": "issac",
            "displayName": "Isaac Brock",
            "email": "isaac.brock@example.com",
            "secondEmail": "isaac@example.org",
            "profileUrl": "http://www.example.com/profile",
            "preferredLanguage": "en-US",
            "userType": "Employee",
            "organization": "Okta",
            "title": "Director",
            "division": "R&D",
            "department": "Engineering",
            "costCenter": "10",
            "employeeNumber": "187",
            "manager": "Jane Doe",
            "managerId": "00u1mgr0ZZZZZZZZZZZZ",
            "mobilePhone": "+1-555-415-1337",
            "primaryPhone": "+1-555-514-1337",
            "streetAddress": "301 Brannan St.",
            "city": "San Francisco",
            "state": "CA",
            "zipCode": "94107",
            "countryCode": "US",
            "timezone": "America/Los_Angeles",
            "locale": "en_US",
            "customAttr": ["a", "b"]
        },
        "credentials": {
            "password": {},
            "emails": [
                {"value": "isaac.brock@example.com", "status": "VERIFIED", "type": "PRIMARY"},
                {"value": "isaac@example.org", "status": "UNVERIFIED", "type": "SECONDARY"}
            ],
            "recovery_question": {"question": "What's my childhood elementary school?"},
            "provider": {"type": "OKTA", "name": "OKTA"}
        },
        "_links": {
            "self": {"href": "https://example.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR"}
        }
    })
}

fn config_for(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", format!("{}/api/v1", server.uri()))
        .set("domain", DOMAIN)
        .set("token", TOKEN)
}

fn connect(server: &MockServer) -> Arc<dyn UserDirectory> {
    truto_idp::okta::connect(&config_for(server)).unwrap()
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/users/00ub0oNGTSWTBKOLGLNR"))
        .and(header("authorization", format!("SSWS {TOKEN}").as_str()))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let user = connect(&server)
        .get_user("00ub0oNGTSWTBKOLGLNR", GetUser::new())
        .await
        .unwrap();
    let mut unified = serde_json::to_value(&user).unwrap();
    let remote = unified.as_object_mut().unwrap().remove("remote_data");
    assert_eq!(
        unified,
        json!({
            "id": "00ub0oNGTSWTBKOLGLNR",
            "identifiers": {
                "employee_number": "187",
                "cost_center": "10",
                "division": "R&D",
                "department": "Engineering",
                "manager_id": "00u1mgr0ZZZZZZZZZZZZ",
                "manager_name": "Jane Doe",
                "user_type_id": "oty2di92xFgQTiKEJ1d6"
            },
            "first_name": "Isaac",
            "last_name": "Brock",
            "name": "Isaac Brock",
            "title": "Director",
            "username": "isaac.brock@example.com",
            "emails": [
                {"email": "isaac.brock@example.com", "is_primary": true},
                {"email": "isaac@example.org", "is_primary": false}
            ],
            "phones": [
                {"number": "+1-555-415-1337", "type": "mobile"},
                {"number": "+1-555-514-1337", "type": "phone"}
            ],
            "status": "active",
            "is_email_verified": true,
            "organizations": [{"name": "Okta"}],
            "user_type": "Employee",
            "timezone": "America/Los_Angeles",
            "languages": ["en-US"],
            "urls": [{"url": "http://www.example.com/profile", "type": "profile"}],
            "created_at": "2013-06-24T16:39:18Z",
            "updated_at": "2013-07-02T21:36:25.344Z",
            "last_login_at": "2013-06-24T17:39:19Z",
            "status_changed_at": "2013-06-24T16:39:19Z",
            "activated_at": "2013-06-24T16:39:19Z"
        })
    );
    assert_eq!(
        remote,
        Some(full_user()),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn sparse_records_map_without_inventing_values() {
    let server = MockServer::start().await;
    let sparse = json!({
        "id": "00u1xke1apZnmHgpB1d7",
        "status": "STAGED",
        "created": "2021-11-17T16:11:16.000Z",
        "activated": null,
        "statusChanged": null,
        "lastLogin": null,
        "lastUpdated": "2022-05-24T15:39:09.000Z",
        "passwordChanged": null,
        "type": {"id": "oty2di92xFgQTiKEJ1d6"},
        "profile": {
            "firstName": "Ben",
            "lastName": "Richler",
            "mobilePhone": null,
            "secondEmail": "",
            "department": "Engineering",
            "login": "ben.richler@example.com",
            "email": "ben.richler@example.com"
        }
    });
    let odd = json!({"id": "00u2odd", "status": "ACTIVATING", "profile": null});
    Mock::given(method("GET"))
        .and(path("/api/v1/users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([sparse, odd])))
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap();
    let mut first = serde_json::to_value(&users[0]).unwrap();
    first.as_object_mut().unwrap().remove("remote_data");
    assert_eq!(
        first,
        json!({
            "id": "00u1xke1apZnmHgpB1d7",
            "identifiers": {"department": "Engineering", "user_type_id": "oty2di92xFgQTiKEJ1d6"},
            "first_name": "Ben",
            "last_name": "Richler",
            "name": "Ben Richler",
            "username": "ben.richler@example.com",
            "emails": [{"email": "ben.richler@example.com", "is_primary": true}],
            "status": "invited",
            "created_at": "2021-11-17T16:11:16Z",
            "updated_at": "2022-05-24T15:39:09Z"
        })
    );
    assert_eq!(
        users[1].status,
        Some(UserStatus::Other("ACTIVATING".into()))
    );
    assert!(users[1].emails.is_empty() && users[1].name.is_none());
}

#[tokio::test]
async fn malformed_records_are_decode_errors_naming_the_field() {
    let server = MockServer::start().await;
    let mut bad = full_user();
    bad["profile"]["email"] = json!(["not", "a", "string"]);
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([full_user(), bad])))
        .mount(&server)
        .await;
    let err = connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let message = err.message().unwrap();
    assert!(
        message.contains("record 1") && message.contains("profile.email"),
        "{err}"
    );
    assert_eq!(err.provider(), Some("okta"));
}

// ---------------------------------------------------------------------------------------
// Requests: listing

#[tokio::test]
async fn list_sends_limit_search_and_auth_then_follows_the_next_link_verbatim() {
    let server = MockServer::start().await;
    let search = r#"profile.email eq "isaac.brock@example.com" and (status eq "STAGED" or status eq "PROVISIONED")"#;
    let mut u1 = full_user();
    u1["id"] = json!("00u1");
    let mut u2 = full_user();
    u2["id"] = json!("00u2");
    let mut u3 = full_user();
    u3["id"] = json!("00u3");
    let mut next = Url::parse(&format!("{}/api/v1/users", server.uri())).unwrap();
    next.query_pairs_mut()
        .append_pair("after", "00u2")
        .append_pair("limit", "2")
        .append_pair("search", search)
        .append_pair("sortBy", "id");
    Mock::given(method("GET"))
        .and(path("/api/v1/users"))
        .and(query_param("limit", "2"))
        .and(query_param("search", search))
        .and(query_param("sortBy", "id"))
        .and(query_param_is_missing("after"))
        .and(query_param_is_missing("filter"))
        .and(header("authorization", format!("SSWS {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([u1, u2]))
                .append_header(
                    "link",
                    format!("<{}/api/v1/users?limit=2>; rel=\"self\"", server.uri()).as_str(),
                )
                .append_header("link", format!("<{next}>; rel=\"next\"").as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v1/users"))
        .and(query_param("after", "00u2"))
        .and(header("authorization", format!("SSWS {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([u3]))
                .append_header("link", format!("<{next}>; rel=\"self\"").as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(
            ListUsers::new()
                .limit(2)
                .filter(Filter::Email, "isaac.brock@example.com")
                .filter(Filter::Status, "invited")
                .remote_query("sortBy", "id"),
        )
        .await
        .unwrap();
    assert_eq!(
        users.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        vec!["00u1", "00u2", "00u3"]
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[1].url.query(),
        next.query(),
        "the next link is followed as given"
    );
}

#[tokio::test]
async fn limit_is_capped_at_200_and_defaults_to_200() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/users"))
        .and(query_param("limit", "200"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(2)
        .mount(&server)
        .await;
    let dir = connect(&server);
    dir.collect_users(ListUsers::new().limit(5000))
        .await
        .unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
}

#[tokio::test]
async fn status_and_updated_at_use_the_filter_parameter() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/users"))
        .and(query_param(
            "filter",
            r#"(status eq "SUSPENDED" or status eq "DEPROVISIONED") and lastUpdated gt "2024-05-06T07:08:09.000Z""#,
        ))
        .and(query_param_is_missing("search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    connect(&server)
        .collect_users(
            ListUsers::new()
                .filter(Filter::Status, "inactive")
                .filter(Filter::UpdatedAt, "2024-05-06T07:08:09Z"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn search_literals_are_escaped() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param(
            "search",
            r#"profile.login eq "o\"brien\\x" and profile.firstName eq "Ada" and created gt "2020-01-01T00:00:00.000Z""#,
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    connect(&server)
        .collect_users(
            ListUsers::new()
                .filter(Filter::Username, r#"o"brien\x"#)
                .filter(Filter::FirstName, "Ada")
                .filter(Filter::CreatedAt, "2020-01-01"),
        )
        .await
        .unwrap_err();
    // `2020-01-01` is not a date-time: refused before sending.
    assert!(server.received_requests().await.unwrap().is_empty());
    connect(&server)
        .collect_users(
            ListUsers::new()
                .filter(Filter::Username, r#"o"brien\x"#)
                .filter(Filter::FirstName, "Ada")
                .filter(Filter::CreatedAt, "2020-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn filters_okta_cannot_express_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server);
    for options in [
        ListUsers::new().filter(Filter::Status, "deleted"),
        ListUsers::new().filter(Filter::Status, "archived"),
        ListUsers::new().filter(Filter::UpdatedAt, "yesterday"),
    ] {
        let err = dir.collect_users(options).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        assert_eq!(err.provider(), Some("okta"));
    }
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::GroupId, "00g1"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn next_links_to_another_origin_are_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([full_user()]))
                .append_header(
                    "link",
                    "<https://evil.example.net/api/v1/users?after=00u1&limit=200>; rel=\"next\"",
                ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut stream = connect(&server).list_users(ListUsers::new());
    assert!(stream.next().await.unwrap().is_ok());
    let err = stream.next().await.unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("another origin"), "{err}");
}

// ---------------------------------------------------------------------------------------
// Requests: get and auth

#[tokio::test]
async fn get_with_an_oauth_access_token_and_a_hostile_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v1/users/isaac.brock%2F1%3F"))
        .and(query_param("expand", "blocks"))
        .and(header("authorization", "Bearer eyJ.access.token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", format!("{}/api/v1", server.uri()))
        .set("domain", DOMAIN)
        .set("access_token", "eyJ.access.token");
    let dir = truto_idp::okta::connect(&config).unwrap();
    let user = dir
        .get_user(
            "isaac.brock/1?",
            GetUser::new().remote_query("expand", "blocks"),
        )
        .await
        .unwrap();
    assert_eq!(user.id, "00ub0oNGTSWTBKOLGLNR");
}

#[tokio::test]
async fn config_takes_exactly_one_credential_and_builds_the_base_url() {
    let both = Config::new()
        .set("domain", "acme.okta.com")
        .set("token", "t0ken-secret")
        .set("access_token", "acc3ss-secret");
    let err = truto_idp::okta::connect(&both).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(!err.to_string().contains("secret"), "{err}");
    let none = Config::new().set("domain", "acme.okta.com");
    let err = truto_idp::okta::connect(&none).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("access_token"), "{err}");
    let url_domain = Config::new()
        .set("domain", "https://acme.okta.com")
        .set("token", "t0ken-secret");
    assert_eq!(
        truto_idp::okta::connect(&url_domain).unwrap_err().kind(),
        ErrorKind::Config
    );
    let good = Config::new()
        .set("domain", "acme.okta.com")
        .set("token", "t0ken-secret");
    let dir = truto_idp::okta::connect(&good).unwrap();
    let debug = format!("{dir:?}");
    assert!(debug.contains("https://acme.okta.com/api/v1/"), "{debug}");
    assert!(!debug.contains("t0ken-secret"), "{debug}");
    // The registry checks the keys, then builds the same client.
    let mut registry = truto_core::Registry::new();
    truto_idp::register(&mut registry);
    assert!(registry.build("okta", &good).is_ok());
    let typo = good.clone().set("api_token", "x");
    assert_eq!(
        registry.build("okta", &typo).unwrap_err().kind(),
        ErrorKind::Config
    );
    let env = Config::from_vars(
        "okta",
        [
            ("TRUTO_OKTA_DOMAIN".to_owned(), "acme.okta.com".to_owned()),
            ("TRUTO_OKTA_ACCESS_TOKEN".to_owned(), "acc3ss".to_owned()),
        ],
    );
    assert!(truto_idp::okta::connect(&env).is_ok());
}

// ---------------------------------------------------------------------------------------
// Requests: update

fn with_status(status: &str) -> Value {
    let mut user = full_user();
    user["status"] = json!(status);
    user
}

#[tokio::test]
async fn profile_update_is_one_partial_post_answered_with_the_user() {
    let server = MockServer::start().await;
    let mut after = full_user();
    after["profile"]["title"] = json!("VP");
    Mock::given(method("POST"))
        .and(path("/api/v1/users/00ub0oNGTSWTBKOLGLNR"))
        .and(query_param("strict", "true"))
        .and(header("content-type", "application/json"))
        .and(header("authorization", format!("SSWS {TOKEN}").as_str()))
        .and(body_json(json!({
            "profile": {
                "displayName": "Isaac B.",
                "lastName": "Brock-Smith",
                "login": "ibrock@example.com",
                "title": "VP",
                "timezone": "Europe/Berlin",
                "userType": "Contractor",
                "preferredLanguage": "de-DE",
                "profileUrl": "https://example.com/ib",
                "email": "ibrock@example.com",
                "secondEmail": null,
                "mobilePhone": "+49 151 0000",
                "primaryPhone": "+49 30 0000",
                "costCenter": "42"
            },
            "credentials": {"password": {"value": "n3w-Passw0rd!"}}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let mut body = UserUpdate::default();
    body.name = Some("Isaac B.".into());
    body.last_name = Some("Brock-Smith".into());
    body.username = Some("ibrock@example.com".into());
    body.title = Some("VP".into());
    body.timezone = Some("Europe/Berlin".into());
    body.user_type = Some("Contractor".into());
    body.languages = Some(vec!["de-DE".into()]);
    body.urls = Some(vec![truto_core::UserUrl::new(
        "https://example.com/ib",
        None,
    )]);
    body.emails = Some(vec![Email::new("ibrock@example.com")]);
    body.phones = Some(vec![
        Phone::new("+49 30 0000").with_type("work"),
        Phone::new("+49 151 0000").with_type("mobile"),
    ]);
    body.password = Some("n3w-Passw0rd!".to_owned().into());
    let mut extra = Map::new();
    extra.insert("profile".into(), json!({"costCenter": "42"}));
    body.remote_data = Some(extra);
    let user = connect(&server)
        .update_user(
            "00ub0oNGTSWTBKOLGLNR",
            UpdateUser::new().body(body).remote_query("strict", "true"),
        )
        .await
        .unwrap();
    assert_eq!(user.title.as_deref(), Some("VP"));
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        1,
        "no read-back needed"
    );
}

#[tokio::test]
async fn a_5xx_on_the_partial_profile_post_is_retried_as_idempotent() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("POST")),
        ResponseTemplate::new(503).set_body_json(okta_error_body(503, "x").1),
        ResponseTemplate::new(200).set_body_json(full_user()),
    )
    .await;
    let clock = TestClock::new();
    let dir = truto_idp::okta::connect(&config_for(&server).with_clock(clock.shared())).unwrap();
    let mut body = UserUpdate::default();
    body.title = Some("Director".into());
    dir.update_user("00ub0oNGTSWTBKOLGLNR", UpdateUser::new().body(body))
        .await
        .unwrap();
}

#[tokio::test]
async fn deactivation_reads_the_status_updates_the_profile_then_deactivates_and_reads_back() {
    let server = MockServer::start().await;
    let id = "00ub0oNGTSWTBKOLGLNR";
    Mock::given(method("GET"))
        .and(path(format!("/api/v1/users/{id}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(with_status("ACTIVE")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    let mut after = with_status("DEPROVISIONED");
    after["profile"]["title"] = json!("Former Director");
    Mock::given(method("GET"))
        .and(path(format!("/api/v1/users/{id}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/api/v1/users/{id}")))
        .and(body_json(json!({"profile": {"title": "Former Director"}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(with_status("ACTIVE")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/api/v1/users/{id}/lifecycle/deactivate")))
        .and(query_param_is_missing("sendEmail"))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.title = Some("Former Director".into());
    let user = connect(&server)
        .update_user(id, UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    assert_eq!(user.title.as_deref(), Some("Former Director"));
    let order: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        order,
        vec![
            format!("GET /api/v1/users/{id}"),
            format!("POST /api/v1/users/{id}"),
            format!("POST /api/v1/users/{id}/lifecycle/deactivate"),
            format!("GET /api/v1/users/{id}"),
        ]
    );
}

#[tokio::test]
async fn activation_picks_the_lifecycle_operation_from_the_current_status() {
    for (current, lifecycle, send_email) in [
        ("SUSPENDED", Some("unsuspend"), None),
        ("STAGED", Some("activate"), Some("false")),
        ("DEPROVISIONED", Some("activate"), Some("false")),
        ("LOCKED_OUT", None, None),
        ("ACTIVE", None, None),
    ] {
        let server = MockServer::start().await;
        let id = "00ub0oNGTSWTBKOLGLNR";
        Mock::given(method("GET"))
            .and(path(format!("/api/v1/users/{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(with_status(current)))
            .up_to_n_times(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("/api/v1/users/{id}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(with_status("ACTIVE")))
            .mount(&server)
            .await;
        let mut profile_post = Mock::given(method("POST")).and(path(format!("/api/v1/users/{id}")));
        profile_post = profile_post.and(body_json(json!({"profile": {"firstName": "Zac"}})));
        profile_post
            .respond_with(ResponseTemplate::new(200).set_body_json(with_status("ACTIVE")))
            .expect(1)
            .mount(&server)
            .await;
        if let Some(op) = lifecycle {
            let mut m =
                Mock::given(method("POST")).and(path(format!("/api/v1/users/{id}/lifecycle/{op}")));
            m = match send_email {
                Some(v) => m.and(query_param("sendEmail", v)),
                None => m.and(query_param_is_missing("sendEmail")),
            };
            m.respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
                .expect(1)
                .mount(&server)
                .await;
        }
        let mut body = UserUpdate::default();
        body.status = Some(UserStatus::Active);
        body.first_name = Some("Zac".into());
        let user = connect(&server)
            .update_user(id, UpdateUser::new().body(body))
            .await
            .unwrap();
        assert_eq!(user.status, Some(UserStatus::Active), "{current}");
        let order: Vec<String> = server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .map(|r| format!("{} {}", r.method, r.url.path()))
            .collect();
        let mut expected = vec![format!("GET /api/v1/users/{id}")];
        if let Some(op) = lifecycle {
            // Activation comes before the profile change (deactivated profiles are locked).
            expected.push(format!("POST /api/v1/users/{id}/lifecycle/{op}"));
        }
        expected.push(format!("POST /api/v1/users/{id}"));
        assert_eq!(order, expected, "{current}");
        server.verify().await;
    }
}

#[tokio::test]
async fn suspension_is_a_raw_status_and_already_there_is_a_no_op() {
    let server = MockServer::start().await;
    let id = "00ub0oNGTSWTBKOLGLNR";
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(with_status("ACTIVE")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(with_status("SUSPENDED")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(format!("/api/v1/users/{id}/lifecycle/suspend")))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let suspend = || UpdateUser::new().status(UserStatus::Other("suspended".into()));
    let user = dir.update_user(id, suspend()).await.unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    // Now SUSPENDED: asking again reads the user and sends nothing else.
    let user = dir.update_user(id, suspend()).await.unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    assert_eq!(server.received_requests().await.unwrap().len(), 4);
}

#[tokio::test]
async fn statuses_okta_cannot_set_are_refused_before_any_write() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(with_status("PROVISIONED")))
        .mount(&server)
        .await;
    let dir = connect(&server);
    for status in [
        UserStatus::Invited,
        UserStatus::Deleted,
        UserStatus::Other("frozen".into()),
    ] {
        let err = dir
            .update_user("00u1", UpdateUser::new().status(status.clone()))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{status}: {err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Active);
    body.title = Some("x".into());
    let err = dir
        .update_user("00u1", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(err.to_string().contains("PROVISIONED"), "{err}");
    let requests = server.received_requests().await.unwrap();
    assert!(
        requests.iter().all(|r| r.method.as_str() == "GET"),
        "no write was sent"
    );
    let mut body = UserUpdate::default();
    body.avatar = Some("https://example.com/a.png".into());
    let err = dir
        .update_user("00u1", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
}

// ---------------------------------------------------------------------------------------
// Errors and rate limits

#[tokio::test]
async fn okta_error_bodies_become_typed_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(400)
                .insert_header("x-okta-request-id", "req-123")
                .set_body_json(json!({
                    "errorCode": "E0000001",
                    "errorSummary": "Api validation failed: login",
                    "errorLink": "E0000001",
                    "errorId": "oaeWmeqjDzpTm2GsXbh7J3WzQ",
                    "errorCauses": [{"errorSummary": "login: An object with this field already exists in the current organization"}]
                })),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(okta_error_body(403, "").1))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let mut body = UserUpdate::default();
    body.username = Some("taken@example.com".into());
    let err = dir
        .update_user("00u1", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.code(), Some("E0000001"));
    assert_eq!(err.request_id(), Some("req-123"));
    assert!(err.message().unwrap().contains("already exists"), "{err}");
    assert!(!err.is_retryable());
    let err = dir.get_user("00u1", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert_eq!(err.code(), Some("E0000006"));
}

#[tokio::test]
async fn a_429_without_retry_after_waits_for_the_epoch_reset() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = clock.shared().now().timestamp() + 5;
    answer_once_then(
        &server,
        || Mock::given(method("GET")),
        ResponseTemplate::new(429)
            .insert_header("x-rate-limit-limit", "600")
            .insert_header("x-rate-limit-remaining", "0")
            .insert_header("x-rate-limit-reset", reset.to_string().as_str())
            .set_body_json(okta_error_body(429, "").1),
        ResponseTemplate::new(200).set_body_json(json!([full_user()])),
    )
    .await;
    let dir = truto_idp::okta::connect(&config_for(&server).with_clock(clock.shared())).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    let slept = clock.total_slept();
    assert!(
        slept >= Duration::from_secs(4) && slept <= Duration::from_secs(6),
        "expected a wait until the reset, slept {slept:?}"
    );
}

#[tokio::test]
async fn remaining_zero_on_a_page_holds_the_next_request_until_the_reset() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = clock.shared().now().timestamp() + 10;
    Mock::given(method("GET"))
        .and(query_param_is_missing("after"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-rate-limit-remaining", "0")
                .insert_header("x-rate-limit-reset", reset.to_string().as_str())
                .append_header(
                    "link",
                    format!(
                        "<{}/api/v1/users?after=00u1&limit=200>; rel=\"next\"",
                        server.uri()
                    )
                    .as_str(),
                )
                .set_body_json(json!([full_user()])),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut second = full_user();
    second["id"] = json!("00u2");
    Mock::given(method("GET"))
        .and(query_param("after", "00u1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([second])))
        .expect(1)
        .mount(&server)
        .await;
    let dir = truto_idp::okta::connect(&config_for(&server).with_clock(clock.shared())).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 2);
    let slept = clock.total_slept();
    assert!(
        slept >= Duration::from_secs(9),
        "the second page was not held until the reset: {slept:?}"
    );
}

// ---------------------------------------------------------------------------------------
// Okta's published description, served by Prism

/// Prism serving Okta's description, or `None` (the test skips with one line) outside CI
/// when Prism or `../shared` is missing.
async fn prism() -> Option<PrismServer> {
    PrismServer::start_or_skip("okta.yaml", true).await
}

fn prism_config(prism: &PrismServer) -> Config {
    Config::new()
        .set("base_url", format!("{}/api/v1", prism.uri()))
        .set("domain", DOMAIN)
        .set("token", TOKEN)
}

#[tokio::test]
async fn prism_list_and_get_pass_validation_and_map_the_examples() {
    let Some(prism) = prism().await else {
        return;
    };
    let dir = truto_idp::okta::connect(&prism_config(&prism)).unwrap();
    let users = dir
        .collect_users(ListUsers::new().limit(50).max_users(5))
        .await
        .unwrap();
    assert!(!users.is_empty());
    for user in &users {
        assert!(user.id.starts_with("00u"), "{user:?}");
        assert!(
            user.primary_email().is_some_and(|e| e.contains('@')),
            "{user:?}"
        );
        assert!(
            user.status.is_some() && user.created_at.is_some(),
            "{user:?}"
        );
    }
    let filtered = dir
        .collect_users(
            ListUsers::new()
                .max_users(5)
                .filter(Filter::Email, "isaac.brock@example.com")
                .filter(Filter::Status, "active"),
        )
        .await
        .unwrap();
    assert!(!filtered.is_empty());
    let filtered = dir
        .collect_users(
            ListUsers::new()
                .max_users(5)
                .filter(Filter::UpdatedAt, "2013-06-01T00:00:00Z"),
        )
        .await
        .unwrap();
    assert!(!filtered.is_empty());
    let user = dir
        .get_user("00ub0oNGTSWTBKOLGLNR", GetUser::new())
        .await
        .unwrap();
    assert_eq!(user.id, "00ub0oNGTSWTBKOLGLNR");
    assert_eq!(user.primary_email(), Some("isaac.brock@example.com"));
    assert_eq!(user.name.as_deref(), Some("Isaac Brock"));
    assert_eq!(user.status, Some(UserStatus::Active));
    let bearer = Config::new()
        .set("base_url", format!("{}/api/v1", prism.uri()))
        .set("domain", DOMAIN)
        .set("access_token", "eyJ.access.token");
    let dir = truto_idp::okta::connect(&bearer).unwrap();
    assert!(
        dir.get_user("00ub0oNGTSWTBKOLGLNR", GetUser::new())
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn prism_updates_pass_validation() {
    let Some(prism) = prism().await else {
        return;
    };
    let dir = truto_idp::okta::connect(&prism_config(&prism)).unwrap();
    let mut body = UserUpdate::default();
    body.first_name = Some("Isaac".into());
    body.emails = Some(vec![Email::new("isaac.brock@update.example.com")]);
    body.phones = Some(vec![Phone::new("555-415-1337").with_type("mobile")]);
    let user = dir
        .update_user("00ub0oNGTSWTBKOLGLNR", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.id, "00ub0oNGTSWTBKOLGLNR");
    assert!(user.primary_email().is_some());
    // Prism's example user is ACTIVE: deactivation and suspension reach their endpoints.
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.title = Some("Director".into());
    let user = dir
        .update_user("00ub0oNGTSWTBKOLGLNR", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.id, "00ub0oNGTSWTBKOLGLNR");
    let user = dir
        .update_user(
            "00ub0oNGTSWTBKOLGLNR",
            UpdateUser::new().status(UserStatus::Other("suspended".into())),
        )
        .await
        .unwrap();
    assert_eq!(user.id, "00ub0oNGTSWTBKOLGLNR");
}
