//! Google Workspace: the shared conformance scenarios over a simulated Directory API, the
//! mapping of a full user, the exact requests Google receives, the service-account token
//! flow, and Prism serving Google's own API description.
#![cfg(feature = "google_workspace")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::{Value, json};
use truto_core::provider::Clock;
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{Route, SimRequest, SimResponse, Simulator, TestClock};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, ListUsers, Operation, Result, UpdateUser, User,
    UserDirectory, UserDirectoryExt, UserStatus, UserUpdate,
};
use truto_idp::google_workspace;
use url::form_urlencoded;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "ya29.test-access-token";
const BASE: &str = "/admin/directory/v1";
/// A throwaway key pair made for these tests only (see fixtures/google_workspace/README.md).
const TEST_KEY: &str = include_str!("fixtures/google_workspace/test_key.pem");
const TEST_PUBLIC_KEY: &str = include_str!("fixtures/google_workspace/test_key.pub.pem");
const SA_EMAIL: &str = "directory-sync@truto-test.iam.gserviceaccount.com";
const SUBJECT: &str = "admin@example.com";

// ---------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------

const TITLES: &[&str] = &[
    "Engineer",
    "Designer",
    "Product Manager",
    "Analyst",
    "Recruiter",
];
const UNITS: &[&str] = &[
    "/",
    "/Engineering",
    "/Engineering/Platform",
    "/Sales",
    "/People",
];

/// Test user `n` as the Directory API returns it with `projection=full`.
fn google_user(n: usize) -> Value {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    let local = format!("{}.{}{n}", first.to_lowercase(), last.to_lowercase());
    let email = format!("{local}@example.com");
    let alias = format!("{}{n}@example.com", first.to_lowercase());
    let created = format!(
        "2023-{:02}-{:02}T09:{:02}:11.000Z",
        n % 12 + 1,
        n % 28 + 1,
        n % 60
    );
    let last_login = if n % 6 == 5 {
        "1970-01-01T00:00:00.000Z".to_owned()
    } else {
        format!("2026-10-{:02}T08:{:02}:00.000Z", n % 28 + 1, n % 60)
    };
    json!({
        "kind": "admin#directory#user",
        "id": format!("1{:020}", 4_000_000 + n),
        "etag": format!("\"ZhOe5bM7x8vQ/user{n}\""),
        "primaryEmail": email,
        "name": {"givenName": first, "familyName": last, "fullName": format!("{first} {last}")},
        "isAdmin": n == 0,
        "isDelegatedAdmin": n % 7 == 3,
        "lastLoginTime": last_login,
        "creationTime": created,
        "agreedToTerms": n % 6 != 5,
        "suspended": n % 5 == 4,
        "archived": false,
        "changePasswordAtNextLogin": false,
        "ipWhitelisted": false,
        "emails": [{"address": email, "primary": true}, {"address": alias}],
        "aliases": [alias],
        "nonEditableAliases": [format!("{local}@example.com.test-google-a.com")],
        "phones": [{"value": format!("+1 650-555-01{:02}", n % 100), "type": "work"}],
        "organizations": [{
            "name": "Example Corp",
            "title": TITLES[n % TITLES.len()],
            "primary": true,
            "customType": "",
            "department": "Engineering"
        }],
        "externalIds": [{"value": format!("E-{:05}", n), "type": "organization"}],
        "languages": [{"languageCode": "en", "preference": "preferred"}],
        "customerId": "C03az79cb",
        "orgUnitPath": UNITS[n % UNITS.len()],
        "isMailboxSetup": true,
        "isEnrolledIn2Sv": n.is_multiple_of(2),
        "isEnforcedIn2Sv": false,
        "includeInGlobalAddressList": true,
        "thumbnailPhotoUrl": format!("https://lh3.googleusercontent.com/a-/photo{n}=s96-c")
    })
}

/// Google's error envelope.
fn google_error(status: u16, reason: &str, message: &str, state: &str) -> SimResponse {
    SimResponse::json(
        status,
        &json!({
            "error": {
                "code": status,
                "message": message,
                "errors": [{"message": message, "domain": "global", "reason": reason}],
                "status": state
            }
        }),
    )
    .header("content-type", "application/json; charset=UTF-8")
}

/// Page tokens are opaque to clients; the simulator's encode an offset.
fn page_token(offset: usize) -> String {
    format!("Q0FF{:x}Rz", offset * 7 + 3)
}

fn offset_of(token: &str) -> Option<usize> {
    let hex = token.strip_prefix("Q0FF")?.strip_suffix("Rz")?;
    let n = usize::from_str_radix(hex, 16).ok()?;
    (n >= 3 && (n - 3) % 7 == 0).then(|| (n - 3) / 7)
}

/// Splits a search query into clauses, keeping quoted values whole.
fn clauses(query: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut current, mut quoted, mut escaped) = (String::new(), false, false);
    for c in query.chars() {
        match c {
            _ if escaped => {
                current.push(c);
                escaped = false;
            }
            '\\' if quoted => escaped = true,
            '\'' => quoted = !quoted,
            ' ' if !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            _ => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn matches(record: &Value, clause: &str) -> std::result::Result<bool, String> {
    let text = |v: &Value| v.as_str().unwrap_or_default().to_lowercase();
    if let Some((field, value)) = clause.split_once(':') {
        let value = value.to_lowercase();
        return match field {
            "email" => Ok(text(&record["primaryEmail"]) == value
                || record["aliases"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| text(x) == value))),
            "givenName" => Ok(text(&record["name"]["givenName"]).starts_with(&value)),
            "familyName" => Ok(text(&record["name"]["familyName"]).starts_with(&value)),
            other => Err(format!("Invalid Input: unknown field {other}")),
        };
    }
    if let Some((field, value)) = clause.split_once('=') {
        return match field {
            "isSuspended" => Ok(record["suspended"].as_bool() == value.parse().ok()),
            "isArchived" => Ok(record["archived"].as_bool() == value.parse().ok()),
            "isAdmin" => Ok(record["isAdmin"].as_bool() == value.parse().ok()),
            "orgUnitPath" => {
                let unit = text(&record["orgUnitPath"]);
                let wanted = value.to_lowercase();
                Ok(wanted == "/" || unit == wanted || unit.starts_with(&format!("{wanted}/")))
            }
            other => Err(format!("Invalid Input: unknown field {other}")),
        };
    }
    Err(format!("Invalid Input: {clause}"))
}

#[derive(Debug, Clone, Default)]
struct GoogleSim;

impl Simulator for GoogleSim {
    fn integration(&self) -> &'static truto_core::Integration {
        &google_workspace::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new()
            .set("base_url", format!("{base_url}{BASE}"))
            .set("access_token", TOKEN)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        google_workspace::connect(config)
    }

    fn update_options(&self) -> Option<UpdateUser> {
        Some(UpdateUser::new().status(UserStatus::Inactive))
    }

    fn check_updated(&self, user: &User) {
        assert_eq!(
            user.status,
            Some(UserStatus::Inactive),
            "the user was not suspended"
        );
    }

    fn record(&self, n: usize) -> Value {
        google_user(n)
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(&format!("Bearer {TOKEN}"))
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = request.segments();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["admin", "directory", "v1", "users"]) => Some(Route::List),
            ("GET", ["admin", "directory", "v1", "users", id]) => Some(Route::Get((*id).into())),
            ("PUT" | "PATCH", ["admin", "directory", "v1", "users", id]) => {
                Some(Route::Update((*id).into()))
            }
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        if request.query_param("customer").is_none() && request.query_param("domain").is_none() {
            return google_error(400, "badRequest", "Bad Request", "INVALID_ARGUMENT");
        }
        let max: usize = match request.query_param("maxResults").map(str::parse) {
            None => 100,
            Some(Ok(n)) if (1..=500).contains(&n) => n,
            Some(_) => {
                return google_error(
                    400,
                    "invalid",
                    "Invalid value for maxResults; values must be within the range: [1, 500]",
                    "INVALID_ARGUMENT",
                );
            }
        };
        let offset = match request.query_param("pageToken") {
            None => 0,
            Some(token) => match offset_of(token) {
                Some(o) => o,
                None => {
                    return google_error(400, "invalid", "Invalid page token", "INVALID_ARGUMENT");
                }
            },
        };
        let mut selected: Vec<&Value> = Vec::new();
        for record in records {
            let mut keep = true;
            for clause in clauses(request.query_param("query").unwrap_or("")) {
                match matches(record, &clause) {
                    Ok(m) => keep &= m,
                    Err(msg) => return google_error(400, "invalid", &msg, "INVALID_ARGUMENT"),
                }
            }
            if keep {
                selected.push(record);
            }
        }
        let page: Vec<&Value> = selected.iter().skip(offset).take(max).copied().collect();
        let mut body = json!({"kind": "admin#directory#users", "etag": "\"ZhOe5bM7x8vQ/list\""});
        // Google leaves `users` out of an empty result.
        if !page.is_empty() {
            body["users"] = json!(page);
        }
        if offset + max < selected.len() {
            body["nextPageToken"] = json!(page_token(offset + max));
        }
        SimResponse::json(200, &body).header("content-type", "application/json; charset=UTF-8")
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        let Some(Value::Object(body)) = request.json() else {
            return google_error(400, "parseError", "Parse Error", "INVALID_ARGUMENT");
        };
        for (key, value) in body {
            match (key.as_str(), value) {
                ("id" | "kind" | "etag" | "creationTime", _) => {}
                ("name", Value::Object(name)) => {
                    for (k, v) in name {
                        record["name"][k] = v;
                    }
                    let full = format!(
                        "{} {}",
                        record["name"]["givenName"].as_str().unwrap_or_default(),
                        record["name"]["familyName"].as_str().unwrap_or_default()
                    );
                    record["name"]["fullName"] = json!(full);
                }
                ("suspended", Value::Bool(s)) => {
                    record["suspended"] = json!(s);
                    if s {
                        record["suspensionReason"] = json!("ADMIN");
                        record["suspensionTime"] = json!("2026-11-23T10:00:00.000Z");
                    }
                }
                (k, v) => record[k] = v,
            }
        }
        record["etag"] = json!("\"ZhOe5bM7x8vQ/updated\"");
        SimResponse::json(200, record).header("content-type", "application/json; charset=UTF-8")
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        match status {
            401 => google_error(
                401,
                "authError",
                "Request had invalid authentication credentials. Expected OAuth 2 access token.",
                "UNAUTHENTICATED",
            ),
            404 => google_error(404, "notFound", "Resource Not Found: userKey", "NOT_FOUND"),
            429 => google_error(
                429,
                "rateLimitExceeded",
                "Quota exceeded for quota metric 'Queries'",
                "RESOURCE_EXHAUSTED",
            ),
            500 | 503 => google_error(status, "backendError", message, "UNAVAILABLE"),
            _ => google_error(status, "invalid", message, "INVALID_ARGUMENT"),
        }
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json; charset=UTF-8",
            r#"{"kind": "admin#directory#users", "users": [{"id": "#,
        )
    }
}

truto_core::conformance_tests!(GoogleSim);

// ---------------------------------------------------------------------------------------
// The mapping of a full user
// ---------------------------------------------------------------------------------------

/// A user with every field the Directory API documents for `projection=full`.
fn full_user() -> Value {
    serde_json::from_str(include_str!("fixtures/google_workspace/full_user.json")).unwrap()
}

async fn token_client(server: &MockServer) -> Arc<dyn UserDirectory> {
    google_workspace::connect(
        &Config::new()
            .set("base_url", format!("{}{BASE}", server.uri()))
            .set("access_token", TOKEN),
    )
    .unwrap()
}

fn users_body(users: Vec<Value>, next: Option<&str>) -> Value {
    let mut body = json!({"kind": "admin#directory#users", "etag": "\"e\"", "users": users});
    if let Some(next) = next {
        body["nextPageToken"] = json!(next);
    }
    body
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users/107383210843751276417")))
        .and(query_param("projection", "full"))
        .and(query_param("viewType", "admin_view"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = token_client(&server).await;
    let user = dir
        .get_user("107383210843751276417", GetUser::new())
        .await
        .unwrap();
    let unified = serde_json::to_value(&user).unwrap();
    let mut without_remote = unified.clone();
    without_remote
        .as_object_mut()
        .unwrap()
        .remove("remote_data");
    assert_eq!(
        without_remote,
        json!({
            "id": "107383210843751276417",
            "external_id": "E-1024",
            "identifiers": {
                "customer_id": "C03az79cb",
                "org_unit_path": "/Engineering/Platform",
                "department": "Platform",
                "cost_center": "CC-42",
                "manager": "boss@example.com",
                "external_ids": {"login_id": "lsmith", "organization": "E-1024", "badge": "B-77"}
            },
            "first_name": "Elizabeth",
            "last_name": "Smith",
            "name": "Liz Smith",
            "title": "Staff Engineer",
            "username": "liz@example.com",
            "emails": [
                {"email": "liz@example.com", "type": "work", "is_primary": true},
                {"email": "liz.smith@example.org", "type": "home"},
                {"email": "elizabeth@example.com", "type": "alias"},
                {"email": "ls@example.net", "type": "billing"},
                {"email": "e.smith@example.com", "type": "alias"}
            ],
            "phones": [
                {"number": "+1 650-555-0100", "type": "work"},
                {"number": "+1 650-555-0199", "type": "mobile"},
                {"number": "+1 650-555-0111", "type": "desk"}
            ],
            "status": "inactive",
            "is_2fa_enabled": true,
            "roles": [{"name": "Super Admin"}],
            "organizations": [{"name": "Open Source Foundation"}, {"name": "Example Inc."}],
            "user_type": "admin",
            "avatar": "https://lh3.googleusercontent.com/a-/AOh14GhLiz=s96-c",
            "languages": ["en-GB", "Klingon"],
            "urls": [{"url": "https://liz.example.com", "type": "blog"}],
            "created_at": "2019-06-18T14:32:10Z",
            "last_login_at": "2024-03-04T09:12:54Z",
            "status_changed_at": "2024-05-01T08:00:00Z"
        })
    );
    assert_eq!(
        unified["remote_data"],
        full_user(),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn status_user_type_and_never_logged_in() {
    let cases = [
        (json!({"suspended": false, "archived": false}), "active"),
        (json!({"suspended": true}), "inactive"),
        (
            json!({"suspended": false, "archived": true, "archivalTime": "2025-01-02T03:04:05.000Z"}),
            "archived",
        ),
        (
            json!({"suspended": false, "deletionTime": "2025-02-03T04:05:06.000Z"}),
            "deleted",
        ),
    ];
    for (extra, want) in cases {
        let server = MockServer::start().await;
        let mut record = json!({
            "id": "1", "primaryEmail": "a@example.com", "isDelegatedAdmin": true,
            "lastLoginTime": "1970-01-01T00:00:00.000Z"
        });
        for (k, v) in extra.as_object().unwrap() {
            record[k] = v.clone();
        }
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(record))
            .mount(&server)
            .await;
        let user = token_client(&server)
            .await
            .get_user("1", GetUser::new())
            .await
            .unwrap();
        assert_eq!(user.status.as_ref().unwrap().as_str(), want);
        assert_eq!(user.last_login_at, None, "1970 means never signed in");
        assert_eq!(user.user_type.as_deref(), Some("delegated_admin"));
        assert_eq!(user.roles.len(), 1);
        assert_eq!(user.emails.len(), 1);
        if want == "archived" || want == "deleted" {
            assert!(user.status_changed_at.is_some(), "{want}");
        }
    }
}

#[tokio::test]
async fn malformed_records_are_decode_errors_naming_the_field() {
    let server = MockServer::start().await;
    let mut bad = full_user();
    bad["emails"] = json!("liz@example.com");
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(users_body(vec![full_user(), bad], None)),
        )
        .mount(&server)
        .await;
    let err = token_client(&server)
        .await
        .collect_users(ListUsers::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    let message = err.message().unwrap();
    assert!(
        message.contains("record 1") && message.contains("emails"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// The requests Google receives
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn list_requests_carry_paging_filters_sorting_and_remote_query() {
    let server = MockServer::start().await;
    let query = "email:'liz@example.com' givenName:'Eliza\\'beth' isSuspended=true orgUnitPath='/Engineering/Platform Team'";
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users")))
        .and(query_param("customer", "my_customer"))
        .and(query_param_is_missing("domain"))
        .and(query_param("maxResults", "2"))
        .and(query_param("projection", "full"))
        .and(query_param("viewType", "admin_view"))
        .and(query_param("query", query))
        .and(query_param("orderBy", "familyName"))
        .and(query_param("sortOrder", "DESCENDING"))
        .and(query_param(
            "fields",
            "users(id,primaryEmail),nextPageToken",
        ))
        .and(query_param("pageToken", "tok-2"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(users_body(
            vec![json!({"id": "2", "primaryEmail": "b@example.com"})],
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users")))
        .and(query_param("query", query))
        .and(query_param("maxResults", "2"))
        .and(query_param_is_missing("pageToken"))
        .respond_with(ResponseTemplate::new(200).set_body_json(users_body(
            vec![json!({"id": "1", "primaryEmail": "a@example.com"})],
            Some("tok-2"),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let users = token_client(&server)
        .await
        .collect_users(
            ListUsers::new()
                .limit(2)
                .filter(Filter::Email, "liz@example.com")
                .filter(Filter::FirstName, "Eliza'beth")
                .filter(Filter::Status, "inactive")
                .filter(Filter::OrgUnitPath, "/Engineering/Platform Team")
                .filter(Filter::SortBy, "-last_name")
                .remote_query("fields", "users(id,primaryEmail),nextPageToken"),
        )
        .await
        .unwrap();
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
}

#[tokio::test]
async fn domain_customer_and_status_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users")))
        .and(query_param("domain", "sales.example.com"))
        .and(query_param_is_missing("customer"))
        .and(query_param("maxResults", "500"))
        .and(query_param(
            "query",
            "isSuspended=false isArchived=false isAdmin=true",
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"kind": "admin#directory#users"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users")))
        .and(query_param("customer", "C03az79cb"))
        .and(query_param("showDeleted", "true"))
        .and(query_param_is_missing("query"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"kind": "admin#directory#users"})),
        )
        .expect(2)
        .mount(&server)
        .await;
    let dir = token_client(&server).await;
    let users = dir
        .collect_users(
            ListUsers::new()
                .param("domain", "sales.example.com")
                .filter(Filter::Status, "active")
                .filter(Filter::UserType, "admin"),
        )
        .await
        .unwrap();
    assert!(
        users.is_empty(),
        "a result without `users` is an empty page"
    );
    for options in [
        ListUsers::new().param("customer", "C03az79cb"),
        ListUsers::new()
            .filter(Filter::CustomerId, "C03az79cb")
            .param("customer", "C03az79cb"),
    ] {
        dir.collect_users(options.filter(Filter::Status, "deleted"))
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn the_remote_query_joins_the_search_and_overrides_defaults() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users")))
        .and(query_param("query", "familyName:'Smith' isAdmin=true"))
        .and(query_param("projection", "basic"))
        .and(query_param("viewType", "admin_view"))
        .respond_with(ResponseTemplate::new(200).set_body_json(users_body(vec![], None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = token_client(&server).await;
    dir.collect_users(
        ListUsers::new()
            .filter(Filter::LastName, "Smith")
            .remote_query("query", "isAdmin=true")
            .remote_query("projection", "basic"),
    )
    .await
    .unwrap();
    let requests = server.received_requests().await.unwrap();
    let url = &requests[0].url;
    for key in ["query", "projection"] {
        assert_eq!(
            url.query_pairs().filter(|(k, _)| k == key).count(),
            1,
            "`{key}` sent twice: {url}"
        );
    }
}

#[tokio::test]
async fn bad_list_options_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = token_client(&server).await;
    for options in [
        ListUsers::new()
            .param("customer", "C1")
            .param("domain", "example.com"),
        ListUsers::new()
            .param("customer", "C1")
            .filter(Filter::CustomerId, "C2"),
        ListUsers::new().filter(Filter::Status, "invited"),
        ListUsers::new().filter(Filter::UserType, "robot"),
        ListUsers::new().filter(Filter::OrgUnitPath, "Sales"),
        ListUsers::new().filter(Filter::SortBy, "created_at"),
        ListUsers::new().remote_query("pageToken", "abc"),
    ] {
        let err = dir.collect_users(options.clone()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{options:?}: {err}");
    }
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::GroupId, "g"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn find_by_email_searches_google_and_keeps_exact_matches() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users")))
        .and(query_param("query", "email:'Elizabeth@example.com'"))
        .respond_with(ResponseTemplate::new(200).set_body_json(users_body(
            vec![
                full_user(),
                json!({"id": "9", "primaryEmail": "elizabeth.other@example.com"}),
            ],
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let found = token_client(&server)
        .await
        .find_by_email("Elizabeth@example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "an alias is one of the user's emails");
    assert_eq!(found[0].id, "107383210843751276417");
}

#[tokio::test]
async fn update_puts_only_the_changed_fields_and_returns_the_user() {
    let server = MockServer::start().await;
    let mut after = full_user();
    after["name"]["givenName"] = json!("Liz");
    Mock::given(method("PUT"))
        .and(path(format!("{BASE}/users/liz@example.com")))
        .and(header("content-type", "application/json"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(body_json(json!({
            "suspended": true,
            "name": {"givenName": "Liz", "familyName": "Smith", "displayName": "Liz S."},
            "orgUnitPath": "/Alumni"
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let dir = token_client(&server).await;
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.first_name = Some("Liz".into());
    body.last_name = Some("Smith".into());
    body.name = Some("Liz S.".into());
    body.remote_data = Some(
        json!({"orgUnitPath": "/Alumni"})
            .as_object()
            .unwrap()
            .clone(),
    );
    let user = dir
        .update_user("liz@example.com", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.id, "107383210843751276417");
    assert_eq!(user.first_name.as_deref(), Some("Liz"));
    assert_eq!(user.status, Some(UserStatus::Inactive));
}

#[tokio::test]
async fn reactivating_sends_suspended_false_and_is_retried_after_a_5xx() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(body_json(json!({"suspended": false})))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({
            "error": {"code": 503, "message": "The service is currently unavailable.",
                      "errors": [{"reason": "backendError", "domain": "global", "message": "x"}]}
        })))
        .up_to_n_times(1)
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    let mut after = full_user();
    after["suspended"] = json!(false);
    Mock::given(method("PUT"))
        .and(body_json(json!({"suspended": false})))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = google_workspace::connect(
        &Config::new()
            .set("base_url", format!("{}{BASE}", server.uri()))
            .set("access_token", TOKEN)
            .with_clock(clock.shared()),
    )
    .unwrap();
    let user = dir
        .update_user("1", UpdateUser::new().status(UserStatus::Active))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Active));
}

#[tokio::test]
async fn updates_google_cannot_express_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = token_client(&server).await;
    let err = dir
        .update_user("1", UpdateUser::new().status(UserStatus::Invited))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let mut body = UserUpdate::default();
    body.title = Some("CTO".into());
    let err = dir
        .update_user("1", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    let mut body = UserUpdate::default();
    body.first_name = Some(" ".into());
    let err = dir
        .update_user("1", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

fn error_body(status: u16, reason: &str, message: &str) -> Value {
    json!({"error": {"code": status, "message": message,
        "errors": [{"message": message, "domain": "usageLimits", "reason": reason}]}})
}

#[tokio::test]
async fn throttling_403s_are_retried_and_quotas_are_not() {
    // 403 userRateLimitExceeded, then success.
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")),
        ResponseTemplate::new(403).set_body_json(error_body(
            403,
            "userRateLimitExceeded",
            "User Rate Limit Exceeded",
        )),
        ResponseTemplate::new(200).set_body_json(users_body(
            vec![json!({"id": "1", "primaryEmail": "a@example.com"})],
            None,
        )),
    )
    .await;
    let clock = TestClock::new();
    let config = |server: &MockServer| {
        Config::new()
            .set("base_url", format!("{}{BASE}", server.uri()))
            .set("access_token", TOKEN)
            .with_clock(clock.shared())
    };
    let dir = google_workspace::connect(&config(&server)).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert_eq!(clock.sleeps().len(), 1, "one backoff after the throttle");

    // 403 dailyLimitExceeded: a rate limit that is not retried.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(error_body(
            403,
            "dailyLimitExceeded",
            "Daily Limit Exceeded",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let err = google_workspace::connect(&config(&server))
        .unwrap()
        .collect_users(ListUsers::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err}");
    assert!(!err.is_retryable());
    assert_eq!(err.code(), Some("dailyLimitExceeded"));

    // A plain 403 is a permission error, not retried.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(error_body(
            403,
            "forbidden",
            "Not Authorized to access this resource/api",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let err = google_workspace::connect(&config(&server))
        .unwrap()
        .get_user("1", GetUser::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    assert_eq!(
        err.message(),
        Some("Not Authorized to access this resource/api")
    );
    assert_eq!(err.code(), Some("forbidden"));
    assert_eq!(err.operation(), Some(Operation::Get));
}

// ---------------------------------------------------------------------------------------
// Service account (JWT bearer grant)
// ---------------------------------------------------------------------------------------

fn key_file(token_uri: &str) -> String {
    json!({
        "type": "service_account",
        "project_id": "truto-test",
        "private_key_id": "0123456789abcdef0123456789abcdef01234567",
        "private_key": TEST_KEY,
        "client_email": SA_EMAIL,
        "client_id": "109876543210987654321",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
        "universe_domain": "googleapis.com"
    })
    .to_string()
}

fn sa_config(server: &MockServer, clock: &TestClock) -> Config {
    Config::new()
        .set("base_url", format!("{}{BASE}", server.uri()))
        .set(
            "service_account_json",
            key_file(&format!("{}/token", server.uri())),
        )
        .set("subject", SUBJECT)
        .with_clock(clock.shared())
}

/// Answers token requests with `ya29.token-1`, `ya29.token-2`, ... valid for `lifetime` s.
struct Tokens {
    issued: AtomicUsize,
    lifetime: u64,
}

impl Respond for Tokens {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        ResponseTemplate::new(200).set_body_json(json!({
            "access_token": format!("ya29.token-{n}"),
            "expires_in": self.lifetime,
            "token_type": "Bearer"
        }))
    }
}

async fn mount_tokens(server: &MockServer, lifetime: u64, expected: u64) {
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .respond_with(Tokens {
            issued: AtomicUsize::new(0),
            lifetime,
        })
        .expect(expected)
        .mount(server)
        .await;
}

async fn mount_users(server: &MockServer, token: &str) {
    Mock::given(method("GET"))
        .and(path(format!("{BASE}/users")))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(users_body(
            vec![json!({"id": "1", "primaryEmail": "a@example.com"})],
            None,
        )))
        .mount(server)
        .await;
}

async fn assertions(server: &MockServer) -> Vec<(String, String)> {
    server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() == "/token")
        .map(|r| {
            let form: Vec<(String, String)> = form_urlencoded::parse(&r.body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let get = |key: &str| {
                form.iter()
                    .find(|(k, _)| k == key)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            };
            (get("grant_type"), get("assertion"))
        })
        .collect()
}

fn verify(assertion: &str, audience: &str) -> (jsonwebtoken::Header, Value) {
    let key = jsonwebtoken::DecodingKey::from_rsa_pem(TEST_PUBLIC_KEY.as_bytes()).unwrap();
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[SA_EMAIL]);
    let data = jsonwebtoken::decode::<Value>(assertion, &key, &validation)
        .expect("the assertion is signed by the service account's key");
    (data.header, data.claims)
}

#[tokio::test]
async fn a_service_account_signs_an_assertion_and_caches_the_token() {
    let server = MockServer::start().await;
    mount_tokens(&server, 3599, 1).await;
    mount_users(&server, "ya29.token-1").await;
    let clock = TestClock::new();
    let dir = google_workspace::connect(&sa_config(&server, &clock)).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();

    let sent = assertions(&server).await;
    assert_eq!(sent.len(), 1, "the token is cached");
    let (grant, assertion) = &sent[0];
    assert_eq!(grant, "urn:ietf:params:oauth:grant-type:jwt-bearer");
    let token_url = format!("{}/token", server.uri());
    let (header, claims) = verify(assertion, &token_url);
    assert_eq!(header.alg, jsonwebtoken::Algorithm::RS256);
    assert_eq!(
        header.kid.as_deref(),
        Some("0123456789abcdef0123456789abcdef01234567")
    );
    assert_eq!(claims["iss"], SA_EMAIL);
    assert_eq!(claims["sub"], SUBJECT);
    assert_eq!(claims["aud"], token_url.as_str());
    assert_eq!(
        claims["scope"],
        "https://www.googleapis.com/auth/admin.directory.user"
    );
    let iat = claims["iat"].as_i64().unwrap();
    assert_eq!(claims["exp"].as_i64().unwrap() - iat, 3600);
    assert!((iat - clock.now().timestamp()).abs() <= 1);
}

#[tokio::test]
async fn a_401_fetches_a_new_token_once() {
    let server = MockServer::start().await;
    mount_tokens(&server, 3599, 2).await;
    // The first token was revoked; the second works.
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer ya29.token-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(error_body(
            401,
            "authError",
            "Invalid Credentials",
        )))
        .expect(1)
        .mount(&server)
        .await;
    mount_users(&server, "ya29.token-2").await;
    let clock = TestClock::new();
    let dir = google_workspace::connect(&sa_config(&server, &clock)).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);

    // A token that keeps failing is refreshed once, then the 401 is returned.
    let server = MockServer::start().await;
    mount_tokens(&server, 3599, 2).await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(error_body(
            401,
            "authError",
            "Invalid Credentials",
        )))
        .expect(2)
        .mount(&server)
        .await;
    let dir = google_workspace::connect(&sa_config(&server, &clock)).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
}

#[tokio::test]
async fn the_token_is_renewed_a_minute_before_it_expires() {
    let server = MockServer::start().await;
    mount_tokens(&server, 300, 2).await;
    mount_users(&server, "ya29.token-1").await;
    mount_users(&server, "ya29.token-2").await;
    let clock = TestClock::new();
    let dir = google_workspace::connect(&sa_config(&server, &clock)).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    clock.sleep(std::time::Duration::from_secs(200)).await;
    dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(
        assertions(&server).await.len(),
        1,
        "still fresh after 200 s"
    );
    clock.sleep(std::time::Duration::from_secs(45)).await;
    dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(
        assertions(&server).await.len(),
        2,
        "renewed within the last minute"
    );
}

#[tokio::test]
async fn token_endpoint_errors_keep_the_response_out_of_the_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": "invalid_grant",
            "error_description": "Invalid JWT Signature. secret-detail-7f3a"
        })))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = google_workspace::connect(&sa_config(&server, &clock)).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert_eq!(err.code(), Some("invalid_grant"));
    assert_eq!(err.status(), Some(400));
    for text in [format!("{err}"), format!("{err:?}")] {
        assert!(!text.contains("secret-detail-7f3a"), "{text}");
        assert!(!text.contains("PRIVATE KEY"), "{text}");
    }
    let api_calls = server
        .received_requests()
        .await
        .unwrap()
        .into_iter()
        .filter(|r| r.url.path() != "/token")
        .count();
    assert_eq!(api_calls, 0, "no API request without a token");
}

#[tokio::test]
async fn key_parts_readonly_scopes_and_a_token_url_override() {
    let server = MockServer::start().await;
    mount_tokens(&server, 3599, 1).await;
    mount_users(&server, "ya29.token-1").await;
    let clock = TestClock::new();
    // The key as an environment variable carries it: on one line with `\n` escapes.
    let escaped = TEST_KEY.trim_end().replace('\n', "\\n");
    let token_url = format!("{}/token", server.uri());
    let config = Config::new()
        .set("base_url", format!("{}{BASE}", server.uri()))
        .set("service_account_email", SA_EMAIL)
        .set("private_key", escaped)
        .set("subject", SUBJECT)
        .set(
            "scopes",
            "https://www.googleapis.com/auth/admin.directory.user.readonly, https://www.googleapis.com/auth/admin.directory.orgunit.readonly",
        )
        .set("token_url", token_url.as_str())
        .with_clock(clock.shared());
    let dir = google_workspace::connect(&config).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let sent = assertions(&server).await;
    let (header, claims) = verify(&sent[0].1, &token_url);
    assert_eq!(header.kid, None);
    assert_eq!(
        claims["scope"],
        "https://www.googleapis.com/auth/admin.directory.user.readonly https://www.googleapis.com/auth/admin.directory.orgunit.readonly"
    );

    // `token_url` overrides the key file's token_uri.
    let server2 = MockServer::start().await;
    mount_tokens(&server2, 3599, 1).await;
    mount_users(&server2, "ya29.token-1").await;
    let config = Config::new()
        .set("base_url", format!("{}{BASE}", server2.uri()))
        .set(
            "service_account_json",
            key_file("https://oauth2.googleapis.com/token"),
        )
        .set("subject", SUBJECT)
        .set("token_url", format!("{}/token", server2.uri()))
        .with_clock(clock.shared());
    google_workspace::connect(&config)
        .unwrap()
        .collect_users(ListUsers::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn secrets_never_reach_debug_output() {
    let server = MockServer::start().await;
    mount_tokens(&server, 3599, 1).await;
    mount_users(&server, "ya29.token-1").await;
    let clock = TestClock::new();
    let config = sa_config(&server, &clock);
    let dir = google_workspace::connect(&config).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let key_body: String = TEST_KEY.lines().nth(3).unwrap().to_owned();
    for text in [format!("{dir:?}"), format!("{config:?}")] {
        assert!(!text.contains("PRIVATE KEY"), "{text}");
        assert!(!text.contains(&key_body), "{text}");
        assert!(!text.contains("ya29.token-1"), "{text}");
    }
    let dir = token_client(&server).await;
    assert!(!format!("{dir:?}").contains(TOKEN));
}

#[test]
fn connection_config_is_checked() {
    let base = || {
        Config::new().set(
            "base_url",
            "https://admin.googleapis.com/admin/directory/v1",
        )
    };
    let err = |config: Config| google_workspace::connect(&config).unwrap_err();

    let e = err(base());
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("access_token"), "{e}");

    let e = err(base().set(
        "service_account_json",
        key_file("https://oauth2.googleapis.com/token"),
    ));
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(e.to_string().contains("subject"), "{e}");

    let e = err(base()
        .set(
            "service_account_json",
            r#"{"client_email": "x", "private_key": "hunter2-secret"#,
        )
        .set("subject", SUBJECT));
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(!format!("{e} {e:?}").contains("hunter2"), "{e}");

    let e = err(base()
        .set("service_account_email", SA_EMAIL)
        .set(
            "private_key",
            "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n",
        )
        .set("subject", SUBJECT));
    assert_eq!(e.kind(), ErrorKind::Config);
    assert!(!format!("{e:?}").contains("bm90IGEga2V5"), "{e}");

    let e = err(base()
        .set("service_account_email", SA_EMAIL)
        .set("subject", SUBJECT));
    assert_eq!(e.kind(), ErrorKind::Config);

    let e = err(base()
        .set("access_token", TOKEN)
        .set(
            "service_account_json",
            key_file("https://oauth2.googleapis.com/token"),
        )
        .set("subject", SUBJECT));
    assert_eq!(e.kind(), ErrorKind::Config);

    let e = err(base()
        .set(
            "service_account_json",
            key_file("http://tokens.example.com/token"),
        )
        .set("subject", SUBJECT));
    assert_eq!(
        e.kind(),
        ErrorKind::Config,
        "tokens never travel over plain http"
    );

    assert!(
        google_workspace::connect(
            &base()
                .set(
                    "service_account_json",
                    key_file("https://oauth2.googleapis.com/token")
                )
                .set("subject", SUBJECT)
        )
        .is_ok()
    );
    let config = base().set("access_token", TOKEN);
    assert!(google_workspace::connect(&config).is_ok());
}

// ---------------------------------------------------------------------------------------
// Prism serving Google's published description
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn requests_pass_googles_description_under_prism() {
    let Some(prism) =
        truto_core::testing::PrismServer::start_or_skip("google-directory.json", true).await
    else {
        return;
    };
    let dir = google_workspace::connect(
        &Config::new()
            .set("base_url", format!("{}{BASE}", prism.uri()))
            .set("access_token", TOKEN)
            .set("max_attempts", "1"),
    )
    .unwrap();

    let page = dir
        .list_users_page(
            ListUsers::new()
                .limit(500)
                .filter(Filter::Email, "liz@example.com")
                .filter(Filter::Status, "active")
                .filter(Filter::SortBy, "-email"),
        )
        .await
        .unwrap();
    assert!(!page.users.is_empty());
    for user in &page.users {
        assert!(!user.id.is_empty());
        assert!(user.primary_email().is_some(), "{user:?}");
        assert!(user.remote_data.is_some());
    }
    assert!(page.next_cursor.is_some(), "nextPageToken becomes a cursor");
    // Prism answers every page with the same example token, so the second page names
    // itself as its next: the request was accepted, and the engine refuses to loop.
    let err = dir
        .list_users_page(ListUsers::new().next_cursor(page.next_cursor.unwrap()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("after itself"), "{err}");
    dir.list_users_page(
        ListUsers::new()
            .param("domain", "example.com")
            .filter(Filter::UserType, "admin")
            .filter(Filter::OrgUnitPath, "/Sales"),
    )
    .await
    .unwrap();
    // Prism does validate: a value outside the description's enum is refused.
    let err = dir
        .list_users_page(ListUsers::new().remote_query("sortOrder", "SIDEWAYS"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422), "{err}");

    let user = dir
        .get_user("107383210843751276417", GetUser::new())
        .await
        .unwrap();
    assert!(!user.id.is_empty() && user.primary_email().is_some());

    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.first_name = Some("Liz".into());
    body.last_name = Some("Smith".into());
    let updated = dir
        .update_user("liz@example.com", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert!(!updated.id.is_empty());
}
