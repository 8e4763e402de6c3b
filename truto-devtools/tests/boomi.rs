//! Boomi: the exact requests the Platform API receives (wiremock) for a listing and a get
//! over `AccountUserRole/query` and `queryMore`, the grouping of role assignments into
//! users across Boomi's pages, hostile ids, decode errors and secrets.
//!
//! Payloads are shaped as Boomi documents them: the `QueryResult` and `AccountUserRole`
//! records of the 200 example of `POST /AccountUserRole/query` in the Boomi Platform API
//! Reference (developer.boomi.com/docs/api/platformapi/AccountUserRole, and the OpenAPI
//! description it links), the `{"message": …}` error bodies of its `403`/`503` responses,
//! and the query-filter JSON of its `SimpleExpression` example.
#![cfg(feature = "boomi")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{Value, json};
use truto_core::testing::TestClock;
use truto_core::{Config, ErrorKind, Filter, GetUser, ListUsers, UserDirectoryExt};
use truto_devtools::boomi;
use wiremock::matchers::{body_json, body_string, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ACCOUNT: &str = "acme-A1B2C3";
const USERNAME: &str = "admin@acme.example";
const API_TOKEN: &str = "7f3c1d2e-9a8b-4c5d-b6e7-0123456789ab";
const PASSWORD: &str = "Hunter2-correct-horse";
/// python3: base64.b64encode(b"BOOMI_TOKEN.admin@acme.example:" + API_TOKEN)
const TOKEN_BASIC: &str = "Basic Qk9PTUlfVE9LRU4uYWRtaW5AYWNtZS5leGFtcGxlOjdmM2MxZDJlLTlhOGItNGM1ZC1iNmU3LTAxMjM0NTY3ODlhYg==";
/// python3: base64.b64encode(b"admin@acme.example:" + PASSWORD)
const PASSWORD_BASIC: &str = "Basic YWRtaW5AYWNtZS5leGFtcGxlOkh1bnRlcjItY29ycmVjdC1ob3JzZQ==";
/// An opaque query token, with characters that would break a JSON or form body.
const QUERY_TOKEN: &str = "EXAMPLE_QUERY_TOKEN+a/b=c\"d";

/// Roles as Boomi identifies them (UUIDs, as in the reference's examples).
const ADMINISTRATOR: &str = "01234567-89ab-cdef-0123-456789abcdef";
const STANDARD_USER: &str = "fedcba98-7654-3210-fedc-ba9876543210";
const SUPPORT: &str = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

fn config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", format!("{}/api/rest/v1", server.uri()))
        .set("account_id", ACCOUNT)
        .set("username", USERNAME)
        .set("api_token", API_TOKEN)
}

fn api_path(tail: &str) -> String {
    format!("/api/rest/v1/{ACCOUNT}/AccountUserRole/{tail}")
}

/// One `AccountUserRole`, as in the reference's query example.
fn assignment(user: &str, role: &str, first: &str, last: &str) -> Value {
    json!({
        "@type": "AccountUserRole",
        "id": format!("Ab0Cd1Ef1Gh3Ij4Kl5Mn6Op7{}{}", user.len(), &role[..8]),
        "accountId": ACCOUNT,
        "userId": user,
        "roleId": role,
        "firstName": first,
        "lastName": last,
        "notifyUser": true
    })
}

/// A `QueryResult`: `queryToken` only when more results follow.
fn query_result(records: &[Value], token: Option<&str>) -> Value {
    let mut body = json!({
        "@type": "QueryResult",
        "result": records,
        "numberOfResults": records.len(),
    });
    if let Some(token) = token {
        body["queryToken"] = json!(token);
    }
    body
}

fn all_users_body() -> Value {
    json!({"QueryFilter": {"expression": {"operator": "IS_NOT_NULL", "property": "userId"}}})
}

fn user_body(user: &str) -> Value {
    json!({"QueryFilter": {"expression": {"argument": [user], "operator": "EQUALS", "property": "userId"}}})
}

fn ok(body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

#[tokio::test]
async fn a_listing_queries_then_follows_query_more_and_groups_roles_across_pages() {
    let server = MockServer::start().await;
    // Page 1: 100 records (Boomi's maximum): 99 users with one role each, then Ada's
    // first role as the last record.
    let mut first: Vec<Value> = (1..=99)
        .map(|n| {
            assignment(
                &format!("user{n:02}@acme.example"),
                STANDARD_USER,
                "User",
                &format!("{n:02}"),
            )
        })
        .collect();
    first.push(assignment(
        "ada@acme.example",
        ADMINISTRATOR,
        "Ada",
        "Lovelace",
    ));
    // Page 2: Ada's second role (spelt in another case), and two more users.
    let second = vec![
        assignment("Ada@acme.example", SUPPORT, "Ada", "Lovelace"),
        assignment("grace@acme.example", STANDARD_USER, "Grace", "Hopper"),
        assignment("alan@acme.example", ADMINISTRATOR, "Alan", "Turing"),
    ];
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .and(header("authorization", TOKEN_BASIC))
        .and(header("accept", "application/json"))
        .and(header("content-type", "application/json"))
        .and(body_json(all_users_body()))
        .respond_with(ok(&query_result(&first, Some(QUERY_TOKEN))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api_path("queryMore")))
        .and(header("authorization", TOKEN_BASIC))
        .and(header("accept", "application/json"))
        .and(header("content-type", "text/plain"))
        .and(body_string(QUERY_TOKEN))
        .respond_with(ok(&query_result(&second, None)))
        .expect(1)
        .mount(&server)
        .await;

    let dir = boomi::connect(&config(&server)).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();

    assert_eq!(users.len(), 102, "every user once");
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids[0], "user01@acme.example");
    assert_eq!(ids[99], "ada@acme.example", "first-seen order");
    assert_eq!(&ids[100..], ["grace@acme.example", "alan@acme.example"]);
    let adas: Vec<_> = users
        .iter()
        .filter(|u| u.id.eq_ignore_ascii_case("ada@acme.example"))
        .collect();
    assert_eq!(adas.len(), 1, "Ada comes out once");
    let ada = adas[0];
    let roles: Vec<&str> = ada.roles.iter().filter_map(|r| r.id.as_deref()).collect();
    assert_eq!(roles, [ADMINISTRATOR, SUPPORT], "both pages' roles");
    assert!(
        ada.roles
            .iter()
            .all(|r| r.organization.as_ref().and_then(|o| o.id.as_deref()) == Some(ACCOUNT))
    );
    assert_eq!(ada.username.as_deref(), Some("ada@acme.example"));
    assert_eq!(ada.emails.len(), 1);
    assert_eq!(ada.emails[0].email, "ada@acme.example");
    assert_eq!(ada.first_name.as_deref(), Some("Ada"));
    assert_eq!(ada.last_name.as_deref(), Some("Lovelace"));
    assert_eq!(ada.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(ada.organizations.len(), 1);
    assert_eq!(ada.organizations[0].id.as_deref(), Some(ACCOUNT));
    assert_eq!(ada.status, None, "Boomi keeps no status here");
    let remote = ada.remote_data.as_ref().unwrap().to_value();
    assert_eq!(remote["result"].as_array().unwrap().len(), 2);
    assert_eq!(remote["result"][0], first[99]);
    assert_eq!(remote["result"][1], second[0]);
}

#[tokio::test]
async fn the_documented_example_is_one_user_with_two_roles() {
    let server = MockServer::start().await;
    // The 200 example of `POST /AccountUserRole/query`, verbatim.
    let example = json!({
        "numberOfResults": 2,
        "@type": "QueryResult",
        "result": [
            {"@type": "AccountUserRole", "id": "Ab0Cd1Ef1Gh3Ij4Kl5Mn6Op7Qr8St9Uv0Wx9Yz8Zy7Xw6Vu5Ts4Rq3Po2Nm1Lk0Ji1Hg",
             "accountId": "account-123456", "userId": "user123@company.biz",
             "roleId": "01234567-89ab-cdef-0123-456789abcdef", "firstName": "John", "lastName": "Doe", "notifyUser": true},
            {"@type": "AccountUserRole", "id": "gAb0Cd1Ef1Gh3Ij4Kl5Mn6Op7Qr8St9Uv0Wx9Yz8Zy7Xw6Vu5Ts4Rq3Po2Nm1Lk0Ji1H",
             "accountId": "account-123456", "userId": "user123@company.biz",
             "roleId": "fedcba98-7654-3210-fedc-ba9876543210", "firstName": "Jane", "lastName": "Doe", "notifyUser": true}
        ]
    });
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ok(&example))
        .expect(1)
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    let user = &users[0];
    assert_eq!(user.id, "user123@company.biz");
    assert_eq!(
        user.name.as_deref(),
        Some("John Doe"),
        "the first record wins"
    );
    assert_eq!(user.roles.len(), 2);
}

#[tokio::test]
async fn the_email_filter_is_an_equals_query() {
    let server = MockServer::start().await;
    let records = [
        assignment("grace@acme.example", STANDARD_USER, "Grace", "Hopper"),
        assignment("grace@acme.example", SUPPORT, "Grace", "Hopper"),
    ];
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .and(body_json(user_body("grace@acme.example")))
        .respond_with(ok(&query_result(&records, None)))
        .expect(2)
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let users = dir
        .collect_users(ListUsers::new().filter(Filter::Email, " grace@acme.example "))
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].roles.len(), 2);
    let found = dir
        .find_by_email("grace@acme.example", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "grace@acme.example");
}

#[tokio::test]
async fn a_get_queries_the_user_and_reads_every_page() {
    let server = MockServer::start().await;
    // A user with more than 100 roles would span pages; two pages are enough to show it.
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .and(header("authorization", TOKEN_BASIC))
        .and(header("content-type", "application/json"))
        .and(body_json(user_body("grace@acme.example")))
        .respond_with(ok(&query_result(
            &[assignment(
                "grace@acme.example",
                ADMINISTRATOR,
                "Grace",
                "Hopper",
            )],
            Some(QUERY_TOKEN),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api_path("queryMore")))
        .and(header("content-type", "text/plain"))
        .and(body_string(QUERY_TOKEN))
        .respond_with(ok(&query_result(
            &[assignment("grace@acme.example", SUPPORT, "Grace", "Hopper")],
            None,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let user = dir
        .get_user("grace@acme.example", GetUser::new())
        .await
        .unwrap();
    assert_eq!(user.id, "grace@acme.example");
    let roles: Vec<&str> = user.roles.iter().filter_map(|r| r.id.as_deref()).collect();
    assert_eq!(roles, [ADMINISTRATOR, SUPPORT]);
}

#[tokio::test]
async fn a_user_without_assignments_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .and(body_json(user_body("nobody@acme.example")))
        .respond_with(ok(&json!({"@type": "QueryResult", "numberOfResults": 0})))
        .expect(1)
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let err = dir
        .get_user("nobody@acme.example", GetUser::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
}

#[tokio::test]
async fn a_hostile_account_id_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(
            "/api/rest/v1/acme%2F..%2Fx%3Fy%23z/AccountUserRole/query",
        ))
        .respond_with(ok(&query_result(&[], None)))
        .expect(1)
        .mount(&server)
        .await;
    let config = config(&server).set("account_id", "acme/../x?y#z");
    let dir = boomi::connect(&config).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert!(users.is_empty());
    // `..` alone cannot be a segment at all.
    let config = self::config(&server).set("account_id", "..");
    let dir = boomi::connect(&config).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
}

#[tokio::test]
async fn a_hostile_user_id_stays_one_json_string() {
    let server = MockServer::start().await;
    let hostile = r#"x@y.z"], "operator": "IS_NOT_NULL", "property": "userId", "argument": ["#;
    let records = [assignment(hostile, SUPPORT, "Eve", "Hacker")];
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .and(body_json(user_body(hostile)))
        .respond_with(ok(&query_result(&records, None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let user = dir.get_user(hostile, GetUser::new()).await.unwrap();
    assert_eq!(user.id, hostile);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(
        requests[0].url.path(),
        api_path("query"),
        "the id is not in the URL"
    );
}

#[tokio::test]
async fn malformed_json_is_a_typed_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"@type":"QueryResult","result":[{"@type":"AccountUserRole","userId":"ada@"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");

    // The same on a `queryMore` page.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ok(&query_result(
            &[assignment("ada@acme.example", SUPPORT, "Ada", "Lovelace")],
            Some(QUERY_TOKEN),
        )))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api_path("queryMore")))
        .respond_with(ResponseTemplate::new(200).set_body_raw("{\"result\": [", "application/json"))
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");

    // A record whose `userId` is not text.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ok(&json!({"@type": "QueryResult", "numberOfResults": 1,
            "result": [{"@type": "AccountUserRole", "userId": 42, "roleId": SUPPORT}]})))
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
}

#[tokio::test]
async fn a_repeated_token_stops_instead_of_looping() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ok(&query_result(
            &[assignment("ada@acme.example", SUPPORT, "Ada", "Lovelace")],
            Some(QUERY_TOKEN),
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api_path("queryMore")))
        .respond_with(ok(&query_result(
            &[assignment("alan@acme.example", SUPPORT, "Alan", "Turing")],
            Some(QUERY_TOKEN),
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = boomi::connect(&config(&server)).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
}

#[tokio::test]
async fn a_503_is_throttling_and_is_retried() {
    let server = MockServer::start().await;
    // The reference's 503 body.
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ResponseTemplate::new(503).set_body_json(json!({
            "message": "The Boomi server is currently unavailable or your account's rate limits have been exceeded. Retry later."
        })))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ok(&query_result(
            &[assignment("ada@acme.example", SUPPORT, "Ada", "Lovelace")],
            None,
        )))
        .with_priority(2)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = boomi::connect(&config(&server).with_clock(clock.shared())).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(clock.sleeps().len(), 1, "one backoff after the 503");
}

#[tokio::test]
async fn the_password_alternative_is_plain_basic() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .and(header("authorization", PASSWORD_BASIC))
        .respond_with(ok(&query_result(&[], None)))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", format!("{}/api/rest/v1", server.uri()))
        .set("account_id", ACCOUNT)
        .set("username", USERNAME)
        .set("password", PASSWORD);
    let dir = boomi::connect(&config).unwrap();
    assert!(
        dir.collect_users(ListUsers::new())
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn secrets_stay_out_of_debug_and_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"message": "Unauthorized"})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path(api_path("query")))
        .and(body_json(user_body("ada@acme.example")))
        .respond_with(
            ResponseTemplate::new(403).set_body_json(
                json!({"message": "Access denied due to insufficient permissions."}),
            ),
        )
        .with_priority(1)
        .mount(&server)
        .await;
    let encoded = TOKEN_BASIC.trim_start_matches("Basic ");
    let clean = |text: &str| {
        assert!(!text.contains(API_TOKEN), "{text}");
        assert!(!text.contains(encoded), "{text}");
    };
    let config = config(&server);
    clean(&format!("{config:?}"));
    let dir = boomi::connect(&config).unwrap();
    clean(&format!("{dir:?}"));
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    clean(&format!("{err}"));
    clean(&format!("{err:?}"));
    let err = dir
        .get_user("ada@acme.example", GetUser::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    assert!(
        err.to_string().contains("insufficient permissions"),
        "{err}"
    );
    clean(&format!("{err}"));
    clean(&format!("{err:?}"));
    let dir = boomi::connect(
        &Config::new()
            .set("base_url", format!("{}/api/rest/v1", server.uri()))
            .set("account_id", ACCOUNT)
            .set("username", USERNAME)
            .set("password", PASSWORD),
    )
    .unwrap();
    let text = format!("{dir:?}");
    assert!(!text.contains(PASSWORD), "{text}");
}

#[tokio::test]
async fn a_config_without_credentials_or_account_is_refused() {
    let err = boomi::connect(
        &Config::new()
            .set("account_id", ACCOUNT)
            .set("username", USERNAME),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config, "{err}");
    let err = boomi::connect(
        &Config::new()
            .set("account_id", " ")
            .set("username", USERNAME)
            .set("api_token", API_TOKEN),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config, "{err}");
    assert!(!err.to_string().contains(API_TOKEN));
}
