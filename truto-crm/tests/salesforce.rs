//! Salesforce: a simulator of the REST API's user endpoints (SOQL `query` with query
//! locators, `sobjects/User/{id}` GET and PATCH) run through the shared conformance kit; the
//! exact requests the client sends (wiremock); the mapping of full User records.
#![cfg(feature = "salesforce")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
#![recursion_limit = "256"]

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};
use serde_json::{Map, Value, json};
use truto_core::provider::decode::parse_datetime;
use truto_core::testing::answer_once_then;
use truto_core::testing::{Route, SimRequest, SimResponse, Simulator, TestClock};
use truto_core::{
    Config, Email, ErrorKind, Filter, GetUser, Integration, ListUsers, Phone, Result, UpdateUser,
    User, UserDirectory, UserDirectoryExt, UserStatus, UserUpdate,
};
use wiremock::matchers::{
    body_json, body_string_contains, header, method, path, query_param, query_param_is_missing,
};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "00DHs000000AbCd!AQ4AQL7test.session.token";
const VERSION: &str = "v62.0";

/// The SELECT list the client is expected to send, written out independently of the code.
const SELECT: &str = "SELECT Id, Username, FirstName, LastName, Name, Email, Title, IsActive, \
UserType, ProfileId, Profile.Name, UserRoleId, UserRole.Name, FederationIdentifier, \
EmployeeNumber, Alias, Department, Division, CompanyName, ManagerId, Phone, Extension, \
MobilePhone, SmallPhotoUrl, FullPhotoUrl, TimeZoneSidKey, LanguageLocaleKey, LocaleSidKey, \
AboutMe, CreatedDate, LastModifiedDate, LastLoginDate FROM User";

// =======================================================================================
// The simulator
// =======================================================================================

const FIRST: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Katherine",
    "Linus",
    "Barbara",
    "Dennis",
    "Margaret",
    "Ken",
    "Frances",
    "Edsger",
    "Radia",
    "Tim",
    "Hedy",
    "John",
    "Sophie",
    "Donald",
];
const LAST: &[&str] = &[
    "Lovelace", "Hopper", "Turing", "Johnson", "Torvalds", "Liskov", "Ritchie", "Hamilton",
    "Thompson", "Allen", "Dijkstra", "Perlman", "O'Brien", "Lamarr",
];
const TITLES: &[&str] = &[
    "Account Executive",
    "Sales Engineer",
    "Customer Success Manager",
    "Sales Operations Analyst",
    "VP Sales",
];
const PROFILES: &[(&str, &str)] = &[
    ("00eHs000000Ab01IAC", "System Administrator"),
    ("00eHs000000Ab02IAC", "Standard User"),
    ("00eHs000000Ab03IAC", "Sales User"),
];
const ROLES: &[(&str, &str)] = &[
    ("00EHs000000Cd01MAC", "CEO"),
    ("00EHs000000Cd02MAC", "VP, North American Sales"),
    ("00EHs000000Cd03MAC", "Western Sales Team"),
];
const DEPARTMENTS: &[&str] = &["Sales", "Customer Success", "Sales Operations"];
const TIMEZONES: &[&str] = &["America/Los_Angeles", "America/New_York", "Europe/London"];

fn user_id(n: usize) -> String {
    // 18 characters, like Salesforce ids, and in `Id` order with `n`.
    format!("005Hs{n:010}IAQ")
}

fn related(kind: &str, id: &str, name: &str) -> Value {
    json!({
        "attributes": {"type": kind, "url": format!("/services/data/{VERSION}/sobjects/{kind}/{id}")},
        "Name": name
    })
}

/// User `n` as a SOQL listing returns it: the selected fields, `attributes`, and the related
/// `Profile` / `UserRole` records (null when the user has no role).
fn user_record(n: usize) -> Value {
    let id = user_id(n);
    let first = FIRST[n % FIRST.len()];
    let last = LAST[(n / FIRST.len() + n) % LAST.len()];
    let email = format!(
        "{}.{}{n}@acme.example.com",
        first.to_lowercase(),
        last.to_lowercase().replace('\'', "")
    );
    let partner = n % 10 == 9;
    let (profile_id, profile_name) = if partner {
        ("00eHs000000Ab09IAC", "Partner Community User")
    } else {
        PROFILES[n % PROFILES.len()]
    };
    let role = (n % 4 != 3).then(|| ROLES[n % ROLES.len()]);
    json!({
        "attributes": {"type": "User", "url": format!("/services/data/{VERSION}/sobjects/User/{id}")},
        "Id": id,
        "Username": email,
        "FirstName": first,
        "LastName": last,
        "Name": format!("{first} {last}"),
        "Email": email,
        "Title": TITLES[n % TITLES.len()],
        "IsActive": n % 5 != 4,
        "UserType": if partner { "PowerPartner" } else { "Standard" },
        "ProfileId": profile_id,
        "Profile": related("Profile", profile_id, profile_name),
        "UserRoleId": role.map(|r| r.0),
        "UserRole": role.map(|(rid, name)| related("UserRole", rid, name)),
        "FederationIdentifier": if n.is_multiple_of(3) { Value::Null } else { json!(format!("{first}.{last}@idp.acme.example.com").to_lowercase()) },
        "EmployeeNumber": format!("E{:05}", 1000 + n),
        "Alias": format!("{}{}", &first[..1].to_lowercase(), &last.to_lowercase().replace('\'', "")[..3.min(last.len())]),
        "Department": DEPARTMENTS[n % DEPARTMENTS.len()],
        "Division": "Americas",
        "CompanyName": "Acme Corporation",
        "ManagerId": if n == 0 { Value::Null } else { json!(user_id(n / 5)) },
        "Phone": format!("+1 415 555 {:04}", n % 10_000),
        "Extension": if n.is_multiple_of(2) { json!(format!("{}", 100 + n % 900)) } else { Value::Null },
        "MobilePhone": if n % 3 == 1 { json!(format!("+1 650 555 {:04}", n % 10_000)) } else { Value::Null },
        "SmallPhotoUrl": format!("https://acme.file.force.com/profilephoto/729Hs{n:010}/T"),
        "FullPhotoUrl": format!("https://acme.file.force.com/profilephoto/729Hs{n:010}/F"),
        "TimeZoneSidKey": TIMEZONES[n % TIMEZONES.len()],
        "LanguageLocaleKey": "en_US",
        "LocaleSidKey": "en_US",
        "AboutMe": Value::Null,
        "CreatedDate": format!("2024-{:02}-{:02}T09:{:02}:00.000+0000", n % 12 + 1, n % 28 + 1, n % 60),
        "LastModifiedDate": format!("2025-{:02}-{:02}T17:{:02}:30.000+0000", n % 12 + 1, n % 28 + 1, n % 60),
        "LastLoginDate": if n % 6 == 5 { Value::Null } else { json!(format!("2026-10-{:02}T08:15:00.000+0000", n % 28 + 1)) }
    })
}

/// Fields of User that a PATCH may set (a subset of what the org allows).
const WRITABLE: &[&str] = &[
    "FirstName",
    "LastName",
    "Email",
    "Username",
    "Title",
    "IsActive",
    "Phone",
    "Extension",
    "MobilePhone",
    "TimeZoneSidKey",
    "LanguageLocaleKey",
    "LocaleSidKey",
    "ProfileId",
    "UserRoleId",
    "Department",
    "Division",
    "CompanyName",
    "EmployeeNumber",
    "FederationIdentifier",
    "ManagerId",
    "Alias",
    "AboutMe",
];

/// One open query locator: the query's condition and batch size.
#[derive(Debug, Clone)]
struct Locator {
    condition: Option<Expr>,
    batch: usize,
}

/// A simulated Salesforce org: `GET /services/data/v62.0/query?q=SELECT … FROM User [WHERE …]
/// ORDER BY Id` (the condition is parsed and evaluated; unknown fields are refused as
/// Salesforce refuses them), batches of `Sforce-Query-Options: batchSize=N` (Salesforce's
/// 200–2,000, and — as Salesforce says it may — fewer when the server chooses: at most
/// `batch_cap`), `done`/`totalSize` and a relative `nextRecordsUrl` naming a server-side
/// query locator; `GET` and `PATCH` (`204`) of `/services/data/v62.0/sobjects/User/{id}`;
/// bearer auth; Salesforce's error arrays.
///
/// The kit compares listed and fetched records with the stored one, so a get returns the
/// listing's shape here; the real get returns every field of the user and no related
/// `Profile`/`UserRole` records.
#[derive(Debug)]
struct SalesforceSim {
    batch_cap: usize,
    locators: Mutex<Vec<Locator>>,
}

impl Default for SalesforceSim {
    fn default() -> Self {
        SalesforceSim {
            batch_cap: 10,
            locators: Mutex::new(Vec::new()),
        }
    }
}

fn sf_error(status: u16, code: &str, message: &str, fields: &[&str]) -> SimResponse {
    SimResponse::json(
        status,
        &json!([{"message": message, "errorCode": code, "fields": fields}]),
    )
}

fn locator_name(index: usize) -> String {
    format!("01gHs{index:010}AAW")
}

fn locator_index(name: &str) -> Option<usize> {
    name.strip_prefix("01gHs")?
        .strip_suffix("AAW")?
        .parse()
        .ok()
}

impl SalesforceSim {
    fn page(&self, locator: usize, offset: usize, records: &[Value]) -> SimResponse {
        let Some(open) = self.locators.lock().unwrap().get(locator).cloned() else {
            return sf_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator", &[]);
        };
        let matching: Vec<&Value> = records
            .iter()
            .filter(|r| open.condition.as_ref().is_none_or(|c| c.eval(r)))
            .collect();
        let end = (offset + open.batch).min(matching.len());
        let batch: Vec<&Value> = matching[offset.min(end)..end].to_vec();
        let done = end >= matching.len();
        let mut body = Map::new();
        body.insert("totalSize".into(), json!(matching.len()));
        body.insert("done".into(), json!(done));
        if !done {
            body.insert(
                "nextRecordsUrl".into(),
                json!(format!(
                    "/services/data/{VERSION}/query/{}-{end}",
                    locator_name(locator)
                )),
            );
        }
        body.insert("records".into(), json!(batch));
        SimResponse::json(200, &Value::Object(body))
            .header("sforce-limit-info", "api-usage=18/15000")
    }
}

impl Simulator for SalesforceSim {
    fn integration(&self) -> &'static Integration {
        &truto_crm::salesforce::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new()
            .set("instance_url", "https://acme.my.salesforce.com")
            .set("base_url", base_url)
            .set("access_token", TOKEN)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        truto_crm::salesforce::connect(config)
    }

    fn update_options(&self) -> Option<UpdateUser> {
        let mut body = UserUpdate::default();
        body.status = Some(UserStatus::Inactive);
        body.title = Some("Principal Solution Engineer".into());
        Some(UpdateUser::new().body(body))
    }

    fn check_updated(&self, user: &User) {
        assert_eq!(user.status, Some(UserStatus::Inactive), "not deactivated");
        assert_eq!(
            user.title.as_deref(),
            Some("Principal Solution Engineer"),
            "title not changed"
        );
    }

    fn record(&self, n: usize) -> Value {
        user_record(n)
    }

    fn record_id(&self, record: &Value) -> String {
        record["Id"].as_str().unwrap_or_default().to_owned()
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(format!("Bearer {TOKEN}").as_str())
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = request.segments();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["services", "data", VERSION, "query"])
            | ("GET", ["services", "data", VERSION, "query", _]) => Some(Route::List),
            ("GET", ["services", "data", VERSION, "sobjects", "User", id]) => {
                Some(Route::Get((*id).to_owned()))
            }
            ("PATCH", ["services", "data", VERSION, "sobjects", "User", id]) => {
                Some(Route::Update((*id).to_owned()))
            }
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let asked = match request.header("sforce-query-options") {
            None => 2000,
            Some(options) => match options
                .strip_prefix("batchSize=")
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(n) => n,
                None => {
                    return sf_error(400, "INVALID_HEADER_TYPE", "bad Sforce-Query-Options", &[]);
                }
            },
        };
        // Salesforce's documented range, then the server's own choice.
        let batch = asked.clamp(200, 2000).min(self.batch_cap);
        let segments = request.segments();
        if let Some(name) = segments.get(4) {
            let Some((locator, offset)) = name.rsplit_once('-') else {
                return sf_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator", &[]);
            };
            let (Some(locator), Ok(offset)) = (locator_index(locator), offset.parse()) else {
                return sf_error(400, "INVALID_QUERY_LOCATOR", "invalid query locator", &[]);
            };
            return self.page(locator, offset, records);
        }
        let Some(q) = request.query_param("q") else {
            return sf_error(
                400,
                "MALFORMED_QUERY",
                "A query string has to be specified",
                &[],
            );
        };
        let condition = match parse_soql(q, &user_record(0)) {
            Ok(c) => c,
            Err((code, message)) => return sf_error(400, code, &message, &[]),
        };
        let index = {
            let mut locators = self.locators.lock().unwrap();
            locators.push(Locator { condition, batch });
            locators.len() - 1
        };
        self.page(index, 0, records)
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        if !request
            .header("content-type")
            .is_some_and(|c| c.starts_with("application/json"))
        {
            return sf_error(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "Content-Type must be JSON",
                &[],
            );
        }
        let Some(Value::Object(body)) = request.json() else {
            return sf_error(
                400,
                "JSON_PARSER_ERROR",
                "the body is not a JSON object",
                &[],
            );
        };
        for (field, value) in &body {
            if !WRITABLE.contains(&field.as_str()) {
                return if record.get(field).is_some() {
                    sf_error(
                        400,
                        "INVALID_FIELD_FOR_INSERT_UPDATE",
                        &format!(
                            "Unable to create/update fields: {field}. Please check the security settings of this field and verify that it is read/write for your profile or permission set."
                        ),
                        &[field],
                    )
                } else {
                    sf_error(
                        400,
                        "INVALID_FIELD",
                        &format!("No such column '{field}' on sobject of type User"),
                        &[],
                    )
                };
            }
            if field == "IsActive" && !value.is_boolean() {
                return sf_error(
                    400,
                    "JSON_PARSER_ERROR",
                    "Cannot deserialize instance of boolean",
                    &[],
                );
            }
        }
        for (field, value) in body {
            record[field.as_str()] = value;
        }
        let name = format!(
            "{} {}",
            record["FirstName"].as_str().unwrap_or(""),
            record["LastName"].as_str().unwrap_or("")
        );
        record["Name"] = json!(name.trim());
        record["LastModifiedDate"] = json!("2026-11-23T10:00:00.000+0000");
        SimResponse::empty(204)
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        match status {
            401 => sf_error(401, "INVALID_SESSION_ID", "Session expired or invalid", &[]),
            403 => sf_error(403, "INSUFFICIENT_ACCESS", message, &[]),
            404 => sf_error(
                404,
                "NOT_FOUND",
                "The requested resource does not exist",
                &[],
            ),
            // The REST API has no 429 of its own; its short-lived throttle is the
            // concurrent-request limit.
            429 => sf_error(
                429,
                "REQUEST_LIMIT_EXCEEDED",
                "ConcurrentPerOrgLongTxn Limit exceeded.",
                &[],
            ),
            500 => sf_error(
                500,
                "UNKNOWN_EXCEPTION",
                "An unexpected error occurred. Please include this ErrorId if you contact support: 1523465882-38217 (-1047716134)",
                &[],
            ),
            503 => sf_error(
                503,
                "SERVER_UNAVAILABLE",
                "Server temporarily unavailable",
                &[],
            ),
            _ => sf_error(status, "BAD_REQUEST", message, &[]),
        }
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json;charset=UTF-8",
            r#"{"totalSize":25,"done":false,"records":[{"attributes":{"type":"User","#,
        )
    }
}

// ---------------------------------------------------------------------------------------
// A small SOQL condition parser and evaluator (what the client sends, no more).

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Word(String),
    Str(String),
    Op(String),
    Open,
    Close,
}

#[derive(Debug, Clone)]
enum Lit {
    Str(String),
    Bool(bool),
    Time(DateTime<Utc>),
}

#[derive(Debug, Clone)]
enum Expr {
    Or(Vec<Expr>),
    And(Vec<Expr>),
    Cmp(String, String, Lit),
}

type SoqlError = (&'static str, String);

fn malformed(msg: impl Into<String>) -> SoqlError {
    ("MALFORMED_QUERY", msg.into())
}

fn tokenize(text: &str) -> std::result::Result<Vec<Tok>, SoqlError> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            c if c.is_whitespace() => {
                chars.next();
            }
            '(' => {
                chars.next();
                out.push(Tok::Open);
            }
            ')' => {
                chars.next();
                out.push(Tok::Close);
            }
            '\'' => {
                chars.next();
                let mut s = String::new();
                loop {
                    match chars.next() {
                        None => return Err(malformed("unterminated string literal")),
                        Some('\'') => break,
                        Some('\\') => match chars.next() {
                            Some('\'') => s.push('\''),
                            Some('\\') => s.push('\\'),
                            Some('"') => s.push('"'),
                            Some('n' | 'N') => s.push('\n'),
                            Some('r' | 'R') => s.push('\r'),
                            Some('t' | 'T') => s.push('\t'),
                            Some('b' | 'B') => s.push('\u{8}'),
                            Some('f' | 'F') => s.push('\u{c}'),
                            Some('u') => {
                                let hex: String = chars.by_ref().take(4).collect();
                                let code = u32::from_str_radix(&hex, 16)
                                    .ok()
                                    .and_then(char::from_u32)
                                    .ok_or_else(|| malformed("bad \\u escape"))?;
                                s.push(code);
                            }
                            other => {
                                return Err(malformed(format!(
                                    "Invalid string literal: unknown escape {other:?}"
                                )));
                            }
                        },
                        Some(c) => s.push(c),
                    }
                }
                out.push(Tok::Str(s));
            }
            '=' | '!' | '<' | '>' => {
                let mut op = String::new();
                while let Some(&c) = chars.peek() {
                    if matches!(c, '=' | '!' | '<' | '>') {
                        op.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Tok::Op(op));
            }
            _ => {
                let mut w = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_whitespace() || matches!(c, '(' | ')' | '=' | '!' | '<' | '>' | '\'') {
                        break;
                    }
                    w.push(c);
                    chars.next();
                }
                out.push(Tok::Word(w));
            }
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

impl Parser {
    fn peek_word(&self, word: &str) -> bool {
        matches!(self.toks.get(self.at), Some(Tok::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn or(&mut self) -> std::result::Result<Expr, SoqlError> {
        let mut parts = vec![self.and()?];
        while self.peek_word("OR") {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::Or(parts)
        })
    }

    fn and(&mut self) -> std::result::Result<Expr, SoqlError> {
        let mut parts = vec![self.atom()?];
        while self.peek_word("AND") {
            self.at += 1;
            parts.push(self.atom()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Expr::And(parts)
        })
    }

    fn atom(&mut self) -> std::result::Result<Expr, SoqlError> {
        let tok = self.toks.get(self.at).cloned();
        self.at += 1;
        match tok {
            Some(Tok::Open) => {
                let inner = self.or()?;
                if self.toks.get(self.at) != Some(&Tok::Close) {
                    return Err(malformed("expected )"));
                }
                self.at += 1;
                Ok(inner)
            }
            Some(Tok::Word(field)) => {
                let Some(Tok::Op(op)) = self.toks.get(self.at).cloned() else {
                    return Err(malformed(format!("expected an operator after {field}")));
                };
                self.at += 1;
                let value = match self.toks.get(self.at).cloned() {
                    Some(Tok::Str(s)) => Lit::Str(s),
                    Some(Tok::Word(w)) if w.eq_ignore_ascii_case("true") => Lit::Bool(true),
                    Some(Tok::Word(w)) if w.eq_ignore_ascii_case("false") => Lit::Bool(false),
                    // SOQL dateTime literals: YYYY-MM-DDThh:mm:ss(Z|±hh:mm), unquoted.
                    Some(Tok::Word(w)) if w.len() >= 20 && w.as_bytes()[10] == b'T' => {
                        Lit::Time(parse_datetime(&w).ok_or_else(|| {
                            (
                                "INVALID_QUERY_FILTER_OPERATOR",
                                format!("invalid date-time {w}"),
                            )
                        })?)
                    }
                    other => return Err(malformed(format!("unexpected value {other:?}"))),
                };
                self.at += 1;
                Ok(Expr::Cmp(field, op, value))
            }
            other => Err(malformed(format!("unexpected token {other:?}"))),
        }
    }
}

/// Parses `SELECT <fields> FROM User [WHERE <condition>] ORDER BY Id`, checking every field
/// against a record of the org.
fn parse_soql(q: &str, sample: &Value) -> std::result::Result<Option<Expr>, SoqlError> {
    let known = |field: &str| match field.split_once('.') {
        Some((rel, name)) => sample.get(rel).is_some_and(|r| r.get(name).is_some()),
        None => sample.get(field).is_some(),
    };
    let rest = q
        .strip_prefix("SELECT ")
        .ok_or_else(|| malformed("expected SELECT"))?;
    let (fields, rest) = rest
        .split_once(" FROM User")
        .ok_or_else(|| malformed("expected FROM User"))?;
    for field in fields.split(", ") {
        if !known(field) {
            return Err((
                "INVALID_FIELD",
                format!("No such column '{field}' on entity 'User'."),
            ));
        }
    }
    let rest = rest
        .strip_suffix(" ORDER BY Id")
        .ok_or_else(|| malformed("expected ORDER BY Id"))?;
    if rest.is_empty() {
        return Ok(None);
    }
    let condition = rest
        .strip_prefix(" WHERE ")
        .ok_or_else(|| malformed(format!("unexpected {rest}")))?;
    let mut parser = Parser {
        toks: tokenize(condition)?,
        at: 0,
    };
    let expr = parser.or()?;
    if parser.at != parser.toks.len() {
        return Err(malformed("trailing tokens"));
    }
    if !expr.fields().iter().all(|f| known(f)) {
        return Err(("INVALID_FIELD", "No such column in WHERE".into()));
    }
    Ok(Some(expr))
}

impl Expr {
    fn fields(&self) -> Vec<String> {
        match self {
            Expr::Or(parts) | Expr::And(parts) => parts.iter().flat_map(Expr::fields).collect(),
            Expr::Cmp(field, _, _) => vec![field.clone()],
        }
    }

    fn eval(&self, record: &Value) -> bool {
        match self {
            Expr::Or(parts) => parts.iter().any(|p| p.eval(record)),
            Expr::And(parts) => parts.iter().all(|p| p.eval(record)),
            Expr::Cmp(field, op, lit) => {
                let value = match field.split_once('.') {
                    Some((rel, name)) => &record[rel][name],
                    None => &record[field.as_str()],
                };
                let ordering = match (lit, value) {
                    (Lit::Str(s), Value::String(v)) => {
                        Some(v.to_lowercase().cmp(&s.to_lowercase()))
                    }
                    (Lit::Bool(b), Value::Bool(v)) => Some(v.cmp(b)),
                    (Lit::Time(t), Value::String(v)) => parse_datetime(v).map(|v| v.cmp(t)),
                    _ => None,
                };
                let Some(ordering) = ordering else {
                    return false;
                };
                match op.as_str() {
                    "=" => ordering.is_eq(),
                    "!=" => ordering.is_ne(),
                    ">" => ordering.is_gt(),
                    ">=" => ordering.is_ge(),
                    "<" => ordering.is_lt(),
                    "<=" => ordering.is_le(),
                    _ => false,
                }
            }
        }
    }
}

truto_core::conformance_tests!(SalesforceSim::default());

// =======================================================================================
// The simulator's own behaviour with filters (an end-to-end check of the SOQL escaping)
// =======================================================================================

#[tokio::test]
async fn filters_round_trip_through_soql() {
    use truto_core::testing::SimServer;
    let server = SimServer::start(SalesforceSim::default(), 40).await;
    let dir = server.connect();
    let all = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(all.len(), 40);

    // A last name with a quote: `O'Brien` must be escaped to match.
    let obrien = dir
        .collect_users(ListUsers::new().filter(Filter::LastName, "o'brien"))
        .await
        .unwrap();
    let expected: Vec<&User> = all
        .iter()
        .filter(|u| u.last_name.as_deref() == Some("O'Brien"))
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(obrien.len(), expected.len());

    let inactive = dir
        .collect_users(ListUsers::new().filter(Filter::Status, "inactive"))
        .await
        .unwrap();
    assert_eq!(
        inactive.len(),
        all.iter()
            .filter(|u| u.status == Some(UserStatus::Inactive))
            .count()
    );
    assert!(
        inactive
            .iter()
            .all(|u| u.status == Some(UserStatus::Inactive))
    );

    let partners = dir
        .collect_users(ListUsers::new().filter(Filter::UserType, "PowerPartner"))
        .await
        .unwrap();
    assert_eq!(partners.len(), 4);
    let standard = dir
        .collect_users(ListUsers::new().filter(Filter::UserType, "user"))
        .await
        .unwrap();
    assert_eq!(standard.len(), 36);

    let role = dir
        .collect_users(ListUsers::new().filter(Filter::RoleId, "00EHs000000Cd02MAC"))
        .await
        .unwrap();
    assert!(!role.is_empty());
    assert!(role.iter().all(|u| {
        u.roles
            .iter()
            .any(|r| r.id.as_deref() == Some("00EHs000000Cd02MAC"))
    }));

    let recent = dir
        .collect_users(ListUsers::new().filter(Filter::CreatedAt, "2024-11-01"))
        .await
        .unwrap();
    let cutoff = parse_datetime("2024-11-01T00:00:00Z").unwrap();
    assert_eq!(
        recent.len(),
        all.iter()
            .filter(|u| u.created_at.unwrap() > cutoff)
            .count()
    );
    assert!(!recent.is_empty() && recent.len() < 40);

    let wanted = all[17].primary_email().unwrap().to_uppercase();
    let found = dir.find_by_email(&wanted, ListUsers::new()).await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, all[17].id);
}

// =======================================================================================
// Fixtures and mapping
// =======================================================================================

/// A User as `GET /services/data/v62.0/sobjects/User/{id}` returns it: every field.
fn full_user() -> Value {
    json!({
        "attributes": {"type": "User", "url": "/services/data/v62.0/sobjects/User/005Hs00000A1b2cIAB"},
        "Id": "005Hs00000A1b2cIAB",
        "Username": "ada.lovelace@acme.example.com",
        "LastName": "Lovelace",
        "FirstName": "Ada",
        "MiddleName": null,
        "Suffix": null,
        "Name": "Ada Lovelace",
        "CompanyName": "Acme Corporation",
        "Division": "Americas",
        "Department": "Sales Engineering",
        "Title": "Principal Solution Engineer",
        "Street": "415 Mission Street",
        "City": "San Francisco",
        "State": "CA",
        "PostalCode": "94105",
        "Country": "US",
        "Latitude": null,
        "Longitude": null,
        "GeocodeAccuracy": null,
        "Address": {"city": "San Francisco", "country": "US", "geocodeAccuracy": null, "latitude": null, "longitude": null, "postalCode": "94105", "state": "CA", "street": "415 Mission Street"},
        "Email": "ada.lovelace@acme.example.com",
        "EmailPreferencesAutoBcc": true,
        "EmailPreferencesAutoBccStayInTouch": false,
        "EmailPreferencesStayInTouchReminder": true,
        "SenderEmail": null,
        "SenderName": null,
        "Signature": null,
        "Phone": "+1 415 555 0100",
        "Fax": null,
        "MobilePhone": "+1 650 555 0199",
        "Alias": "alove",
        "CommunityNickname": "ada.lovelace",
        "BadgeText": "",
        "IsActive": true,
        "TimeZoneSidKey": "America/Los_Angeles",
        "UserRoleId": "00EHs000000Cd03MAC",
        "LocaleSidKey": "en_US",
        "ReceivesInfoEmails": false,
        "ReceivesAdminInfoEmails": false,
        "EmailEncodingKey": "UTF-8",
        "ProfileId": "00eHs000000Ab02IAC",
        "UserType": "Standard",
        "LanguageLocaleKey": "en_US",
        "EmployeeNumber": "E01815",
        "DelegatedApproverId": null,
        "ManagerId": "005Hs00000A0zzzIAB",
        "LastLoginDate": "2026-11-20T08:15:42.000+0000",
        "LastPasswordChangeDate": "2026-09-01T12:00:00.000+0000",
        "CreatedDate": "2023-03-14T16:20:05.000+0000",
        "CreatedById": "005Hs00000A0001IAB",
        "LastModifiedDate": "2026-11-02T10:11:12.000+0000",
        "LastModifiedById": "005Hs00000A0001IAB",
        "SystemModstamp": "2026-11-20T08:15:42.000+0000",
        "NumberOfFailedLogins": 0,
        "FederationIdentifier": "ada.lovelace@idp.acme.example.com",
        "AboutMe": "Analytical engines and sales demos.",
        "FullPhotoUrl": "https://acme.file.force.com/profilephoto/729Hs000000Pq1F/F",
        "SmallPhotoUrl": "https://acme.file.force.com/profilephoto/729Hs000000Pq1F/T",
        "MediumPhotoUrl": "https://acme.file.force.com/profilephoto/729Hs000000Pq1F/M",
        "IsExtIndicatorVisible": false,
        "OutOfOfficeMessage": "",
        "DigestFrequency": "D",
        "DefaultGroupNotificationFrequency": "N",
        "LastViewedDate": "2026-11-21T09:00:00.000+0000",
        "LastReferencedDate": "2026-11-21T09:00:00.000+0000",
        "BannerPhotoUrl": "/profilephoto/005/B",
        "IsProfilePhotoActive": true,
        "IndividualId": null,
        "Extension": "4711",
        "CustomerSuccessTier__c": "Gold"
    })
}

fn query_result(records: Vec<Value>, total: usize, next: Option<&str>) -> Value {
    let mut body = json!({"totalSize": total, "done": next.is_none(), "records": records});
    if let Some(next) = next {
        body["nextRecordsUrl"] = json!(next);
    }
    body
}

fn connect(server: &MockServer) -> Arc<dyn UserDirectory> {
    let config = Config::new()
        .set("instance_url", server.uri())
        .set("access_token", TOKEN);
    truto_crm::salesforce::connect(&config).unwrap()
}

fn without_remote(user: &User) -> Value {
    let mut v = serde_json::to_value(user).unwrap();
    v.as_object_mut().unwrap().remove("remote_data");
    v
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(
            "/services/data/v62.0/sobjects/User/005Hs00000A1b2cIAB",
        ))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let user = dir
        .get_user("005Hs00000A1b2cIAB", GetUser::new())
        .await
        .unwrap();
    assert_eq!(
        without_remote(&user),
        json!({
            "id": "005Hs00000A1b2cIAB",
            "external_id": "ada.lovelace@idp.acme.example.com",
            "identifiers": {
                "employee_number": "E01815",
                "alias": "alove",
                "department": "Sales Engineering",
                "division": "Americas",
                "manager_id": "005Hs00000A0zzzIAB"
            },
            "first_name": "Ada",
            "last_name": "Lovelace",
            "name": "Ada Lovelace",
            "title": "Principal Solution Engineer",
            "username": "ada.lovelace@acme.example.com",
            "emails": [{"email": "ada.lovelace@acme.example.com", "is_primary": true}],
            "phones": [
                {"number": "+1 415 555 0100", "extension": "4711", "type": "work"},
                {"number": "+1 650 555 0199", "type": "mobile"}
            ],
            "status": "active",
            "roles": [{"id": "00eHs000000Ab02IAC"}, {"id": "00EHs000000Cd03MAC"}],
            "organizations": [{"name": "Acme Corporation"}],
            "user_type": "user",
            "avatar": "https://acme.file.force.com/profilephoto/729Hs000000Pq1F/F",
            "timezone": "America/Los_Angeles",
            "languages": ["en_US"],
            "bio": "Analytical engines and sales demos.",
            "created_at": "2023-03-14T16:20:05Z",
            "updated_at": "2026-11-02T10:11:12Z",
            "last_login_at": "2026-11-20T08:15:42Z"
        })
    );
    assert_eq!(
        user.remote_data.unwrap().to_value(),
        full_user(),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn maps_listed_records_with_profile_and_role_names() {
    let server = MockServer::start().await;
    let partner = user_record(9);
    let mut sparse = json!({
        "attributes": {"type": "User", "url": "/services/data/v62.0/sobjects/User/005Hs0000000000042IAQ"},
        "Id": "005Hs0000000000042IAQ",
        "Username": "guest@acme.example.com",
        "FirstName": null,
        "LastName": "Site Guest User",
        "Name": "Site Guest User",
        "Email": "",
        "IsActive": false,
        "UserType": "Guest",
        "ProfileId": "00eHs000000Ab77IAC",
        "Profile": null,
        "UserRoleId": null,
        "UserRole": null,
        "CreatedDate": "not a date"
    });
    sparse["SmallPhotoUrl"] = json!("https://acme.file.force.com/profilephoto/005/T");
    Mock::given(method("GET"))
        .and(path("/services/data/v62.0/query"))
        .respond_with(ResponseTemplate::new(200).set_body_json(query_result(
            vec![partner.clone(), sparse.clone()],
            2,
            None,
        )))
        .mount(&server)
        .await;
    let dir = connect(&server);
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 2);
    assert_eq!(
        without_remote(&users[0]),
        json!({
            "id": user_id(9),
            "identifiers": {
                "employee_number": "E01009",
                "alias": "fall",
                "department": "Sales",
                "division": "Americas",
                "manager_id": user_id(1)
            },
            "first_name": "Frances",
            "last_name": "Allen",
            "name": "Frances Allen",
            "title": "VP Sales",
            "username": "frances.allen9@acme.example.com",
            "emails": [{"email": "frances.allen9@acme.example.com", "is_primary": true}],
            "phones": [{"number": "+1 415 555 0009", "type": "work"}],
            "status": "inactive",
            "roles": [
                {"id": "00eHs000000Ab09IAC", "name": "Partner Community User"},
                {"id": "00EHs000000Cd01MAC", "name": "CEO"}
            ],
            "organizations": [{"name": "Acme Corporation"}],
            "user_type": "PowerPartner",
            "avatar": "https://acme.file.force.com/profilephoto/729Hs0000000009/F",
            "timezone": "America/Los_Angeles",
            "languages": ["en_US"],
            "created_at": "2024-10-10T09:09:00Z",
            "updated_at": "2025-10-10T17:09:30Z",
            "last_login_at": "2026-10-10T08:15:00Z"
        })
    );
    assert_eq!(users[0].remote_data.as_ref().unwrap().to_value(), partner);
    // Blank and unparsable values are left out (they stay in remote_data).
    assert_eq!(
        without_remote(&users[1]),
        json!({
            "id": "005Hs0000000000042IAQ",
            "last_name": "Site Guest User",
            "name": "Site Guest User",
            "username": "guest@acme.example.com",
            "status": "inactive",
            "roles": [{"id": "00eHs000000Ab77IAC"}],
            "user_type": "Guest",
            "avatar": "https://acme.file.force.com/profilephoto/005/T"
        })
    );
    assert_eq!(users[1].remote_data.as_ref().unwrap().to_value(), sparse);
}

// =======================================================================================
// Requests
// =======================================================================================

#[tokio::test]
async fn list_sends_soql_and_batch_size_then_follows_the_relative_next_url() {
    let server = MockServer::start().await;
    let soql = format!(
        "{SELECT} WHERE Email = 'ada.lovelace0@acme.example.com' AND IsActive = true ORDER BY Id"
    );
    Mock::given(method("GET"))
        .and(path("/services/data/v62.0/query"))
        .and(query_param("q", soql.as_str()))
        .and(query_param("truto_probe", "1"))
        .and(header("sforce-query-options", "batchSize=500"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("sforce-limit-info", "api-usage=18/15000")
                .set_body_json(query_result(
                    vec![user_record(0)],
                    2,
                    Some("/services/data/v62.0/query/01gD0000002HU6KIAW-500"),
                )),
        )
        // Once for the page-level call, once for the full listing.
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/services/data/v62.0/query/01gD0000002HU6KIAW-500"))
        .and(query_param_is_missing("q"))
        .and(header("sforce-query-options", "batchSize=500"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(query_result(
            vec![user_record(1)],
            2,
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let options = ListUsers::new()
        .limit(500)
        .filter(Filter::Email, "ada.lovelace0@acme.example.com")
        .filter(Filter::Status, "active")
        .remote_query("truto_probe", "1");
    let page = dir.list_users_page(options.clone()).await.unwrap();
    assert_eq!(page.total, Some(2));
    assert!(page.next_cursor.is_some());
    let users = dir.collect_users(options).await.unwrap();
    assert_eq!(
        users.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
        [user_id(0), user_id(1)]
    );
}

#[tokio::test]
async fn batch_size_stays_within_what_salesforce_accepts() {
    for (limit, expected) in [(Some(10), "200"), (None, "2000"), (Some(5000), "2000")] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/services/data/v62.0/query"))
            .and(header(
                "sforce-query-options",
                format!("batchSize={expected}").as_str(),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(query_result(vec![], 0, None)))
            .expect(1)
            .mount(&server)
            .await;
        let dir = connect(&server);
        let options = match limit {
            Some(n) => ListUsers::new().limit(n),
            None => ListUsers::new(),
        };
        assert!(dir.collect_users(options).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn filter_values_are_escaped_soql_literals() {
    let server = MockServer::start().await;
    let soql = format!(
        "{SELECT} WHERE FirstName = 'Ann\\nMarie' AND Username = 'o\\'brien\\\\x@example.com' \
         AND CreatedDate > 2024-01-01T00:00:00Z AND LastModifiedDate > 2024-06-30T22:00:00Z \
         AND (ProfileId = '00eHs000000Ab02IAC' OR UserRoleId = '00eHs000000Ab02IAC') \
         AND UserType = 'Standard' ORDER BY Id"
    );
    Mock::given(method("GET"))
        .and(path("/services/data/v62.0/query"))
        .and(query_param("q", soql.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(query_result(vec![], 0, None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let users = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::FirstName, "Ann\nMarie")
                .filter(Filter::Username, r"o'brien\x@example.com")
                .filter(Filter::CreatedAt, "2024-01-01")
                .filter(Filter::UpdatedAt, "2024-07-01T00:00:00+02:00")
                .filter(Filter::RoleId, "00eHs000000Ab02IAC")
                .filter(Filter::UserType, "user"),
        )
        .await
        .unwrap();
    assert!(users.is_empty());
}

#[tokio::test]
async fn bad_filter_values_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server);
    for (filter, value) in [
        (Filter::Status, "invited"),
        (Filter::CreatedAt, "last tuesday"),
        (Filter::UpdatedAt, "2024-02-30"),
        (Filter::Email, "  "),
    ] {
        let err = dir
            .collect_users(ListUsers::new().filter(filter, value))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{filter}: {err}");
        assert_eq!(err.provider(), Some("salesforce"));
    }
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::GroupId, "x"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_unfinished_result_without_a_next_url_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "totalSize": 3000, "done": false, "records": [user_record(0)]
        })))
        .mount(&server)
        .await;
    let dir = connect(&server);
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert!(err.resume_cursor().is_some());
}

#[tokio::test]
async fn a_next_url_on_another_origin_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(query_result(
            vec![user_record(0)],
            2,
            Some("https://evil.example.com/services/data/v62.0/query/01g-1"),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert!(err.to_string().contains("another origin"), "{err}");
}

#[tokio::test]
async fn get_passes_remote_query_and_encodes_the_id() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(
            "/services/data/v62.0/sobjects/User/005Hs00000A1b2cIAB",
        ))
        .and(query_param("fields", "Id,Email"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "attributes": {"type": "User"}, "Id": "005Hs00000A1b2cIAB", "Email": "a@b.example"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let user = dir
        .get_user(
            "005Hs00000A1b2cIAB",
            GetUser::new().remote_query("fields", "Id,Email"),
        )
        .await
        .unwrap();
    assert_eq!(user.primary_email(), Some("a@b.example"));
    Mock::given(method("GET"))
        .and(path("/services/data/v62.0/sobjects/User/a%2F..%3Fb"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!([
            {"errorCode": "NOT_FOUND", "message": "The requested resource does not exist"}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let err = dir.get_user("a/..?b", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.code(), Some("NOT_FOUND"));
}

#[tokio::test]
async fn update_patches_the_user_and_reads_it_back() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(
            "/services/data/v62.0/sobjects/User/005Hs00000A1b2cIAB",
        ))
        .and(header("content-type", "application/json"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(json!({
            "IsActive": false,
            "FirstName": "Augusta",
            "LastName": "King",
            "Title": "Countess",
            "Username": "augusta.king@acme.example.com",
            "TimeZoneSidKey": "Europe/London",
            "Email": "augusta.king@acme.example.com",
            "Phone": "+44 20 7946 0000",
            "Extension": "12",
            "MobilePhone": null,
            "LanguageLocaleKey": "en_GB",
            "ProfileId": "00eHs000000Ab03IAC"
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let mut after = full_user();
    after["IsActive"] = json!(false);
    after["FirstName"] = json!("Augusta");
    Mock::given(method("GET"))
        .and(path(
            "/services/data/v62.0/sobjects/User/005Hs00000A1b2cIAB",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.first_name = Some("Augusta".into());
    body.last_name = Some("King".into());
    body.title = Some("Countess".into());
    body.username = Some("augusta.king@acme.example.com".into());
    body.timezone = Some("Europe/London".into());
    body.emails = Some(vec![
        Email::new("augusta.king@acme.example.com").primary(true),
    ]);
    let mut phone = Phone::new("+44 20 7946 0000").with_type("work");
    phone.extension = Some("12".into());
    body.phones = Some(vec![phone]);
    body.languages = Some(vec!["en-GB".into()]);
    body.remote_data = Some(
        json!({"ProfileId": "00eHs000000Ab03IAC"})
            .as_object()
            .unwrap()
            .clone(),
    );
    let user = dir
        .update_user("005Hs00000A1b2cIAB", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    assert_eq!(user.first_name.as_deref(), Some("Augusta"));
}

#[tokio::test]
async fn a_patch_is_retried_after_a_server_error_as_it_is_a_replace() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("PATCH")),
        ResponseTemplate::new(503).set_body_json(json!([
            {"errorCode": "SERVER_UNAVAILABLE", "message": "Server temporarily unavailable"}
        ])),
        ResponseTemplate::new(204),
    )
    .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let config = Config::new()
        .set("instance_url", server.uri())
        .set("access_token", TOKEN)
        .with_clock(clock.shared());
    let dir = truto_crm::salesforce::connect(&config).unwrap();
    dir.update_user(
        "005Hs00000A1b2cIAB",
        UpdateUser::new().status(UserStatus::Active),
    )
    .await
    .unwrap();
    let patches = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.method.as_str() == "PATCH")
        .count();
    assert_eq!(patches, 2);
    assert_eq!(clock.sleeps().len(), 1);
}

#[tokio::test]
async fn updates_salesforce_cannot_hold_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server);
    let mut two_emails = UserUpdate::default();
    two_emails.emails = Some(vec![Email::new("a@x.example"), Email::new("b@x.example")]);
    let mut no_email = UserUpdate::default();
    no_email.emails = Some(vec![]);
    let mut two_mobiles = UserUpdate::default();
    two_mobiles.phones = Some(vec![
        Phone::new("1").with_type("mobile"),
        Phone::new("2").with_type("Mobile"),
    ]);
    let mut two_languages = UserUpdate::default();
    two_languages.languages = Some(vec!["en_US".into(), "de".into()]);
    let mut invited = UserUpdate::default();
    invited.status = Some(UserStatus::Invited);
    for body in [two_emails, no_email, two_mobiles, two_languages, invited] {
        let err = dir
            .update_user("005Hs00000A1b2cIAB", UpdateUser::new().body(body))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    }
    let mut name = UserUpdate::default();
    name.name = Some("Ada King".into());
    let err = dir
        .update_user("005Hs00000A1b2cIAB", UpdateUser::new().body(name))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(server.received_requests().await.unwrap().is_empty());
}

// =======================================================================================
// Errors and limits
// =======================================================================================

#[tokio::test]
async fn daily_request_limit_is_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!([
            {"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "TotalRequests Limit exceeded."}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.code(), Some("REQUEST_LIMIT_EXCEEDED"));
    assert_eq!(err.message(), Some("TotalRequests Limit exceeded."));
    assert!(!err.is_retryable(), "{err}");
    // The core types a 403 by its throttle flag; a quota is reported with the 403's kind.
    assert!(
        matches!(
            err.kind(),
            ErrorKind::PermissionDenied | ErrorKind::RateLimited
        ),
        "{err}"
    );
}

#[tokio::test]
async fn concurrent_request_limit_is_retried() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")),
        ResponseTemplate::new(403).set_body_json(json!([
            {"errorCode": "REQUEST_LIMIT_EXCEEDED", "message": "ConcurrentPerOrgLongTxn Limit exceeded."}
        ])),
        ResponseTemplate::new(200).set_body_json(query_result(
            vec![user_record(3)],
            1,
            None,
        )),
    )
    .await;
    let clock = TestClock::new();
    let config = Config::new()
        .set("instance_url", server.uri())
        .set("access_token", TOKEN)
        .with_clock(clock.shared());
    let dir = truto_crm::salesforce::connect(&config).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn field_errors_carry_code_message_and_fields() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!([{
            "message": "Duplicate Username.<br>The username already exists in this or another Salesforce organization.",
            "errorCode": "DUPLICATE_USERNAME",
            "fields": ["Username"]
        }])))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let mut body = UserUpdate::default();
    body.username = Some("taken@acme.example.com".into());
    let err = dir
        .update_user("005Hs00000A1b2cIAB", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.code(), Some("DUPLICATE_USERNAME"));
    assert!(
        err.message().unwrap().ends_with("(fields: Username)"),
        "{err}"
    );
}

// =======================================================================================
// Auth and configuration
// =======================================================================================

#[tokio::test]
async fn client_credentials_are_exchanged_and_refreshed_after_a_401() {
    let server = MockServer::start().await;
    let token_response = |token: &str| {
        json!({
            "access_token": token,
            "signature": "d9xJbPZ2nDzSf0b7mIqK5FM3VG2N1Q1c0Z4mZ8Qf0o0=",
            "instance_url": "https://acme.my.salesforce.com",
            "id": "https://login.salesforce.com/id/00DHs000000AbCdMAK/005Hs00000A0001IAB",
            "token_type": "Bearer",
            "issued_at": "1763980800000"
        })
    };
    Mock::given(method("POST"))
        .and(path("/services/oauth2/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string_contains("grant_type=client_credentials"))
        .and(body_string_contains("client_id=3MVG9.consumer.key"))
        .and(body_string_contains("client_secret=consumer-secret"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_response("tok-1")))
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/services/oauth2/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(token_response("tok-2")))
        .with_priority(2)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!([
            {"message": "Session expired or invalid", "errorCode": "INVALID_SESSION_ID"}
        ])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/services/data/v61.0/query"))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(query_result(
            vec![user_record(2)],
            1,
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("instance_url", server.uri())
        .set("api_version", "61.0")
        .set("client_id", "3MVG9.consumer.key")
        .set("client_secret", "consumer-secret");
    let dir = truto_crm::salesforce::connect(&config).unwrap();
    let debug = format!("{dir:?}");
    assert!(!debug.contains("consumer-secret"), "{debug}");
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
}

#[tokio::test]
async fn a_refused_client_secret_is_unauthenticated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/services/oauth2/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_client", "error_description": "invalid client credentials"
        })))
        .mount(&server)
        .await;
    let config = Config::new()
        .set("instance_url", server.uri())
        .set("client_id", "id")
        .set("client_secret", "wrong");
    let dir = truto_crm::salesforce::connect(&config).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert_eq!(err.code(), Some("invalid_client"));
}

#[test]
fn configuration_is_checked() {
    let connect = |pairs: &[(&str, &str)]| {
        let config: Config = pairs.iter().copied().collect();
        truto_crm::salesforce::connect(&config)
    };
    let ok = connect(&[
        ("instance_url", "acme.my.salesforce.com"),
        ("access_token", TOKEN),
    ])
    .unwrap();
    let debug = format!("{ok:?}");
    assert!(debug.contains("https://acme.my.salesforce.com/"), "{debug}");
    assert!(debug.contains("v62.0"), "{debug}");
    assert!(!debug.contains(TOKEN), "{debug}");

    for (pairs, needle) in [
        (vec![("access_token", TOKEN)], "instance_url"),
        (
            vec![("instance_url", "https://acme.my.salesforce.com")],
            "access_token",
        ),
        (
            vec![
                ("instance_url", "https://acme.my.salesforce.com"),
                ("access_token", TOKEN),
                ("client_id", "x"),
                ("client_secret", "y"),
            ],
            "not both",
        ),
        (
            vec![
                ("instance_url", "https://acme.my.salesforce.com"),
                ("client_id", "x"),
            ],
            "`client_secret` with `client_id`",
        ),
        (
            vec![
                (
                    "instance_url",
                    "https://acme.my.salesforce.com/services/data/v62.0",
                ),
                ("access_token", TOKEN),
            ],
            "no path",
        ),
        (
            vec![
                ("instance_url", "https://acme.my.salesforce.com"),
                ("access_token", TOKEN),
                ("api_version", "latest"),
            ],
            "api_version",
        ),
        (
            vec![
                ("instance_url", "http://acme.my.salesforce.com"),
                ("access_token", TOKEN),
            ],
            "plain http",
        ),
    ] {
        let err = connect(&pairs).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{err}");
        assert!(err.to_string().contains(needle), "{needle}: {err}");
        assert!(!err.to_string().contains(TOKEN));
    }
}

#[test]
fn the_integration_declares_what_it_supports() {
    let i = &truto_crm::salesforce::INTEGRATION;
    assert_eq!(i.slug, "salesforce");
    assert!(i.get && i.update && i.partial_list);
    assert_eq!(i.email_filter, Some(Filter::Email));
    assert_eq!(i.max_page_size, Some(2000));
    assert!(i.config_key("instance_url").is_some_and(|k| k.required));
    assert!(i.config_key("client_secret").is_some_and(|k| k.secret));
    assert!(i.config_key("access_token").is_some_and(|k| k.secret));
}
