//! LastPass: the exact requests the Enterprise API receives (wiremock: one endpoint, the
//! command and credentials in the JSON body), the mapping of users keyed by id, gets by id
//! and by user name, hostile ids kept inside JSON strings, LastPass's 200-with-an-error
//! answers, and the provisioning hash kept out of `Debug`, errors and `remote_data`.
#![cfg(feature = "lastpass")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use serde_json::{Value, json};
use truto_core::testing::TestClock;
use truto_core::{
    Config, Email, ErrorKind, Filter, GetUser, Group, ListUsers, UserDirectory, UserDirectoryExt,
    UserStatus,
};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const CID: &str = "8771312";
const PROVHASH: &str = "359fdfbc93bc6b8f1963c84e9db3539a5f3d688f394bd536e1ca6b77f8d5f101";

fn config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", server.uri())
        .set("cid", CID)
        .set("provhash", PROVHASH)
        .set("max_attempts", "2")
        .with_clock(TestClock::new().shared())
}

fn connect(server: &MockServer) -> Arc<dyn UserDirectory> {
    truto_idp::lastpass::connect(&config(server)).unwrap()
}

/// The body every `getuserdata` call sends: `cid` as a number, as LastPass documents it.
fn request_body(data: Value) -> Value {
    json!({"cid": 8771312, "provhash": PROVHASH, "cmd": "getuserdata", "data": data})
}

/// User "101" of LastPass's "Get user data" example (support.lastpass.com, as reproduced
/// verbatim in public client code): every field as documented.
fn ned() -> Value {
    json!({
        "username": "user1@lastpass.com",
        "fullname": "Ned Flanders",
        "mpstrength": "100",
        "created": "2014-03-12 10:02:56",
        "last_pw_change": "2015-05-19 10:58:33",
        "last_login": "2015-05-29 11:45:05",
        "disabled": false,
        "neverloggedin": false,
        "linked": "personal.account@mydomain.com",
        "sites": 72,
        "notes": 19,
        "formfills": 2,
        "applications": 0,
        "attachments": 1,
        "groups": ["Domain Admins", "Dev Team", "Support Team"]
    })
}

/// Another user built from the same documented fields: disabled, or never signed in.
fn other(username: &str, disabled: bool, never: bool) -> Value {
    let mut u = ned();
    u["username"] = json!(username);
    u["fullname"] = json!("Maude Flanders");
    u["disabled"] = json!(disabled);
    u["neverloggedin"] = json!(never);
    u["last_login"] = json!("");
    u["groups"] = json!([]);
    u
}

/// The example's answer shape, `Users` keyed by id (in the order given) and `Groups`, as
/// the JSON text LastPass sends.
fn answer(users: &[(&str, Value)]) -> String {
    let users: Vec<String> = users
        .iter()
        .map(|(id, u)| format!("{}: {u}", json!(id)))
        .collect();
    format!(
        r#"{{"Users": {{{}}}, "Groups": {{"Domain Admins": ["user1@lastpass.com"], "Dev Team": ["user1@lastpass.com"], "Support Team": ["user1@lastpass.com"]}}}}"#,
        users.join(", ")
    )
}

fn ok(text: String) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(text, "application/json")
}

fn three() -> String {
    // Not in id order: the answer's order is kept.
    answer(&[
        ("205", other("maude@lastpass.com", false, true)),
        ("101", ned()),
        ("187", other("rod@lastpass.com", true, false)),
    ])
}

#[tokio::test]
async fn list_is_one_post_with_the_credentials_in_the_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/enterpriseapi.php"))
        .and(header("content-type", "application/json"))
        .and(body_json(request_body(json!({}))))
        .respond_with(ok(three()))
        .expect(2)
        .mount(&server)
        .await;
    let dir = connect(&server);
    // A small page size changes nothing: LastPass answers with every user at once.
    let users = dir.collect_users(ListUsers::new().limit(2)).await.unwrap();
    let got: Vec<(&str, Option<&str>, Option<UserStatus>)> = users
        .iter()
        .map(|u| (u.id.as_str(), u.username.as_deref(), u.status.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("205", Some("maude@lastpass.com"), Some(UserStatus::Invited)),
            ("101", Some("user1@lastpass.com"), Some(UserStatus::Active)),
            ("187", Some("rod@lastpass.com"), Some(UserStatus::Inactive)),
        ]
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one answer, no second page");
    assert!(requests[0].url.query().is_none());
    assert!(requests[0].headers.get("authorization").is_none());
    let page = dir.list_users_page(ListUsers::new()).await.unwrap();
    assert_eq!(page.users.len(), 3);
    assert!(page.next_cursor.is_none());
}

#[tokio::test]
async fn the_documented_user_maps_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ok(answer(&[("101", ned())])))
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap();
    let user = &users[0];
    assert_eq!(user.id, "101");
    assert_eq!(user.username.as_deref(), Some("user1@lastpass.com"));
    assert_eq!(
        user.emails,
        vec![Email::new("user1@lastpass.com").primary(true)]
    );
    assert_eq!(user.name.as_deref(), Some("Ned Flanders"));
    assert_eq!(user.status, Some(UserStatus::Active));
    assert_eq!(
        user.groups,
        vec![
            Group::new(None, Some("Domain Admins".into())),
            Group::new(None, Some("Dev Team".into())),
            Group::new(None, Some("Support Team".into())),
        ]
    );
    assert_eq!(
        user.created_at,
        Some(Utc.with_ymd_and_hms(2014, 3, 12, 10, 2, 56).unwrap())
    );
    assert_eq!(
        user.last_login_at,
        Some(Utc.with_ymd_and_hms(2015, 5, 29, 11, 45, 5).unwrap())
    );
    assert!(user.licenses.is_empty());
    assert_eq!(user.remote_data.as_ref().unwrap().to_value(), ned());
}

#[tokio::test]
async fn email_and_username_filters_ask_for_one_user_and_keep_only_it() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(request_body(
            json!({"username": "user1@lastpass.com"}),
        )))
        // Should LastPass answer with more than the one user, only that one is kept.
        .respond_with(ok(three()))
        .expect(3)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let users = dir
        .collect_users(ListUsers::new().filter(Filter::Email, "user1@lastpass.com"))
        .await
        .unwrap();
    assert_eq!(
        users.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        ["101"]
    );
    let found = dir
        .find_by_email("user1@lastpass.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "101");
    let users = dir
        .collect_users(ListUsers::new().filter(Filter::Username, "user1@lastpass.com"))
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    let err = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::Email, "a@b.c")
                .filter(Filter::Username, "a@b.c"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
}

#[tokio::test]
async fn remote_query_pairs_go_into_data_as_strings() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(request_body(json!({"disabled": "1"}))))
        .respond_with(ok(three()))
        .expect(1)
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(ListUsers::new().remote_query("disabled", "1"))
        .await
        .unwrap();
    assert_eq!(users.len(), 3);
}

// ---------------------------------------------------------------------------------------
// Get

#[tokio::test]
async fn get_by_user_name_asks_for_that_user() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/enterpriseapi.php"))
        .and(body_json(request_body(
            json!({"username": "user1@lastpass.com"}),
        )))
        .respond_with(ok(answer(&[("101", ned())])))
        .expect(1)
        .mount(&server)
        .await;
    let user = connect(&server)
        .get_user("user1@lastpass.com", GetUser::new())
        .await
        .unwrap();
    assert_eq!(user.id, "101", "the id is LastPass's, whatever was asked");
    assert_eq!(user.name.as_deref(), Some("Ned Flanders"));
}

#[tokio::test]
async fn get_by_id_reads_every_user_and_picks_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(request_body(json!({}))))
        .respond_with(ok(three()))
        .expect(2)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let user = dir.get_user("187", GetUser::new()).await.unwrap();
    assert_eq!(user.username.as_deref(), Some("rod@lastpass.com"));
    assert_eq!(user.status, Some(UserStatus::Inactive));
    let err = dir.get_user("999", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.provider(), Some("lastpass"));
    assert!(err.to_string().contains("999"), "{err}");
}

#[tokio::test]
async fn an_unknown_user_name_is_not_found() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Users": [], "Groups": []})))
        .expect(1)
        .mount(&server)
        .await;
    let err = connect(&server)
        .get_user("nobody@lastpass.com", GetUser::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
}

#[tokio::test]
async fn hostile_ids_travel_as_json_strings() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Users": []})))
        .mount(&server)
        .await;
    let dir = connect(&server);
    let names = [
        "../x@evil.test",
        "a/b@c.d",
        "?#@x",
        "ü@exämple.test",
        r#"x@y", "cmd": "deluser", "z": "@"#,
        "q\"uote\\@x\n",
    ];
    for name in names {
        let err = dir.get_user(name, GetUser::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "{name}: {err}");
    }
    for id in ["../x", "a/b", "?", "#", "ü"] {
        let err = dir.get_user(id, GetUser::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "{id}: {err}");
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), names.len() + 5);
    for (request, name) in requests.iter().zip(names) {
        assert_eq!(request.url.path(), "/enterpriseapi.php");
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body, request_body(json!({"username": name})), "{name}");
    }
    for request in &requests[names.len()..] {
        let body: Value = serde_json::from_slice(&request.body).unwrap();
        assert_eq!(body, request_body(json!({})));
    }
}

// ---------------------------------------------------------------------------------------
// Errors

#[tokio::test]
async fn errors_in_200_answers_and_malformed_answers_are_typed() {
    let cases: Vec<(ResponseTemplate, ErrorKind, &str)> = vec![
        (
            ResponseTemplate::new(200).set_body_json(
                json!({"status": "FAIL", "errors": ["Authorization Error", "bad cid"]}),
            ),
            ErrorKind::Provider,
            "Authorization Error; bad cid",
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"status": "FAIL"})),
            ErrorKind::Provider,
            "status `FAIL`",
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"error": "Missing provhash"})),
            ErrorKind::Provider,
            "Missing provhash",
        ),
        (
            ResponseTemplate::new(200).set_body_string("<html>Service unavailable</html>"),
            ErrorKind::Decode,
            "invalid JSON",
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"Groups": {}})),
            ErrorKind::Decode,
            "no `Users`",
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"Users": [ned()]})),
            ErrorKind::Decode,
            "not an object keyed by user id",
        ),
        (
            ResponseTemplate::new(200).set_body_json(
                json!({"Users": {"101": {"username": "a@b.c", "disabled": "perhaps"}}}),
            ),
            ErrorKind::Decode,
            "user `101` is invalid at `disabled`",
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"Users": {"": ned()}})),
            ErrorKind::Decode,
            "empty id",
        ),
        (
            ResponseTemplate::new(503).set_body_string("maintenance"),
            ErrorKind::Provider,
            "maintenance",
        ),
        (
            ResponseTemplate::new(401).set_body_string("Unauthorized"),
            ErrorKind::Unauthenticated,
            "Unauthorized",
        ),
    ];
    for (answer, kind, says) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let err = connect(&server)
            .collect_users(ListUsers::new())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.to_string().contains(says), "{err}");
        assert_eq!(err.provider(), Some("lastpass"));
    }
}

#[tokio::test]
async fn a_5xx_is_retried_as_a_read() {
    let server = MockServer::start().await;
    truto_core::testing::answer_once_then(
        &server,
        || Mock::given(method("POST")),
        ResponseTemplate::new(502),
        ok(three()),
    )
    .await;
    let users = connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap();
    assert_eq!(users.len(), 3);
}

// ---------------------------------------------------------------------------------------
// Config and secrets

#[tokio::test]
async fn the_provisioning_hash_stays_out_of_debug_errors_and_remote_data() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(body_json(request_body(json!({"username": "echo@x.test"}))))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "FAIL",
            "errors": [format!("bad provhash {PROVHASH} for cid {CID}")]
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_json(request_body(json!({"username": "http@x.test"}))))
        .respond_with(ResponseTemplate::new(400).set_body_string(format!("echo: {PROVHASH}")))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(body_json(request_body(json!({}))))
        .respond_with(ok(three()))
        .mount(&server)
        .await;
    let dir = connect(&server);
    let shown = format!("{dir:?}");
    assert!(!shown.contains(PROVHASH), "{shown}");
    assert!(!format!("{:?}", config(&server)).contains(PROVHASH));
    for name in ["echo@x.test", "http@x.test"] {
        let err = dir.get_user(name, GetUser::new()).await.unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains(PROVHASH), "{shown}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
    }
    for user in dir.collect_users(ListUsers::new()).await.unwrap() {
        let remote = user.remote_data.unwrap().get().to_owned();
        assert!(!remote.contains(PROVHASH));
        assert!(!serde_json::to_string(&user.id).unwrap().contains(PROVHASH));
    }
}

#[test]
fn config_needs_a_numeric_cid_and_the_hash() {
    let err = truto_idp::lastpass::connect(&Config::new().set("cid", CID)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("provhash"), "{err}");
    let err =
        truto_idp::lastpass::connect(&Config::new().set("cid", "acme").set("provhash", PROVHASH))
            .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("digits"), "{err}");
    assert!(!format!("{err:?}").contains(PROVHASH));
    let dir =
        truto_idp::lastpass::connect(&Config::new().set("cid", CID).set("provhash", PROVHASH))
            .unwrap();
    assert!(
        format!("{dir:?}").contains("https://lastpass.com/"),
        "{dir:?}"
    );
}
