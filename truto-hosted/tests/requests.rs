//! What goes on the wire: every option's encoding, the cursor round trip, idempotency keys,
//! error bodies and checks that send nothing. Each test asserts on the requests wiremock
//! received.

mod common;

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;

use common::{ACCOUNT, TOKEN, error_body};
use serde_json::{Value, json};
use truto_core::provider::{FilterRule, UpdateField};
use truto_core::testing::TestClock;
use truto_core::{
    Config, Cursor, ErrorKind, Family, Filter, GetUser, Integration, ListUsers, PaginationStyle,
    Registry, ResponseFormat, UpdateUser, UserDirectory, UserDirectoryExt, UserField, UserStatus,
    UserUpdate,
};
use truto_hosted::TrutoHosted;
use wiremock::matchers::{any, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const USERS: &str = "/unified/user-directory/users";

fn config(server: &MockServer, clock: &TestClock) -> Config {
    Config::new()
        .set("base_url", server.uri())
        .set("token", TOKEN)
        .set("integrated_account_id", ACCOUNT)
        .with_clock(clock.shared())
}

fn user(id: &str) -> Value {
    json!({"id": id, "name": "Radia Perlman", "emails": [{"email": "radia@example.com", "is_primary": true}],
           "status": "active", "remote_data": {"uid": id, "nested": {"k": [1, 2, 3]}}})
}

fn page(ids: &[&str], next: Option<&str>) -> ResponseTemplate {
    let result: Vec<Value> = ids.iter().map(|id| user(id)).collect();
    ResponseTemplate::new(200).set_body_json(json!({"result": result, "next_cursor": next}))
}

/// Any request no mock expects is answered with a 418 naming it.
async fn catch_all(server: &MockServer) {
    Mock::given(any())
        .respond_with(|r: &Request| {
            ResponseTemplate::new(418).set_body_string(format!("unexpected {} {}", r.method, r.url))
        })
        .with_priority(u8::MAX)
        .mount(server)
        .await;
}

fn pairs(request: &Request) -> Vec<(String, String)> {
    request
        .url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn values<'a>(pairs: &'a [(String, String)], key: &str) -> Vec<&'a str> {
    pairs
        .iter()
        .filter(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[tokio::test]
async fn every_list_option_is_encoded_as_the_api_documents() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(USERS))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(page(&["u1"], None))
        .expect(1)
        .mount(&server)
        .await;
    catch_all(&server).await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let options = ListUsers::new()
        .limit(50)
        .filter(Filter::Status, "active")
        .filter(Filter::CreatedAt, "2024-01-01T00:00:00Z")
        .filter(Filter::OrganizationId, "org 1&2")
        .exclude_fields([UserField::Phones, UserField::Bio])
        .ignore_remote_data(true)
        .response_format(ResponseFormat::Normalized)
        .remote_query("foo", "bar")
        .remote_query("a[b]", "c d")
        .param("workspace", "w1")
        .next_cursor(Cursor::new(
            "truto_hosted",
            &truto_core::provider::Position::Token("tok/1+=".into()),
        ));
    let page = dir.list_users_page(options).await.unwrap();
    assert_eq!(page.users.len(), 1);
    assert!(page.next_cursor.is_none());

    let received = server.received_requests().await.unwrap();
    let q = pairs(&received[0]);
    assert_eq!(values(&q, "integrated_account_id"), [ACCOUNT]);
    assert_eq!(values(&q, "limit"), ["50"]);
    assert_eq!(values(&q, "next_cursor"), ["tok/1+="]);
    assert_eq!(values(&q, "status"), ["active"]);
    assert_eq!(values(&q, "created_at"), ["2024-01-01T00:00:00Z"]);
    assert_eq!(values(&q, "organization_id"), ["org 1&2"]);
    assert_eq!(values(&q, "truto_exclude_fields[]"), ["phones", "bio"]);
    assert_eq!(values(&q, "truto_ignore_remote_data"), ["true"]);
    assert_eq!(values(&q, "truto_response_format"), ["normalized"]);
    assert_eq!(values(&q, "remote_query[foo]"), ["bar"]);
    assert_eq!(values(&q, "remote_query[a][b]"), ["c d"]);
    assert_eq!(values(&q, "workspace"), ["w1"]);
    assert!(values(&q, "truto_ignore_limit").is_empty());
    assert!(values(&q, "truto_key_by").is_empty());
    // The raw query string: brackets are percent-encoded, which the API's parser decodes.
    let raw = received[0].url.query().unwrap();
    assert!(
        raw.contains("truto_exclude_fields%5B%5D=phones&truto_exclude_fields%5B%5D=bio"),
        "{raw}"
    );
}

#[tokio::test]
async fn defaults_send_only_the_account_and_ignore_limit_drops_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(USERS))
        .respond_with(page(&["u1"], None))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    dir.collect_users(
        ListUsers::new()
            .limit(10)
            .ignore_limit(true)
            .response_format(ResponseFormat::Stream),
    )
    .await
    .unwrap();
    let raw = dir
        .collect_users(ListUsers::new().response_format(ResponseFormat::Raw))
        .await
        .unwrap();
    // Raw records keep their own id and become remote_data whole.
    assert_eq!(raw[0].id, "u1");
    assert_eq!(raw[0].remote_data.as_ref().unwrap().to_value(), user("u1"));
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        pairs(&received[0]),
        [("integrated_account_id".to_owned(), ACCOUNT.to_owned())]
    );
    let q = pairs(&received[1]);
    assert_eq!(values(&q, "truto_ignore_limit"), ["true"]);
    assert!(values(&q, "limit").is_empty() && values(&q, "truto_response_format").is_empty());
    assert_eq!(
        values(&pairs(&received[2]), "truto_response_format"),
        ["raw"]
    );
}

#[tokio::test]
async fn the_api_cursor_round_trips_through_the_sdk_cursor() {
    let server = MockServer::start().await;
    let token = "eyJvZmZzZXQiOjJ9/+==";
    Mock::given(method("GET"))
        .and(path(USERS))
        .and(query_param("next_cursor", token))
        .respond_with(page(&["u3"], None))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(USERS))
        .respond_with(page(&["u1", "u2"], Some(token)))
        .with_priority(10)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let first = dir
        .list_users_page(ListUsers::new().limit(2))
        .await
        .unwrap();
    let cursor = first.next_cursor.expect("a next cursor");
    // The cursor survives as text, as if handed to another process.
    let text = cursor.as_str().to_owned();
    let other = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let second = other
        .list_users_page(
            ListUsers::new()
                .limit(2)
                .next_cursor(Cursor::from_text(text)),
        )
        .await
        .unwrap();
    assert_eq!(second.users[0].id, "u3");
    assert!(second.next_cursor.is_none());
    let received = server.received_requests().await.unwrap();
    assert_eq!(values(&pairs(&received[1]), "next_cursor"), [token]);
    // The stream follows the same cursor and ends on `null`.
    let all = dir.collect_users(ListUsers::new().limit(2)).await.unwrap();
    let ids: Vec<&str> = all.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u1", "u2", "u3"]);
}

#[tokio::test]
async fn updates_send_the_body_and_a_stable_idempotency_key_across_retries() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(format!("{USERS}/u%2F1")))
        .respond_with(ResponseTemplate::new(503).set_body_json(error_body(503, "try later")))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{USERS}/u%2F1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(user("u/1")))
        .mount(&server)
        .await;
    catch_all(&server).await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let mut body = UserUpdate::default();
    body.title = Some("CTO".into());
    body.status = Some(UserStatus::Inactive);
    body.password = Some("hunter2-secret".to_owned().into());
    body.remote_data = Some(json!({"custom": 1}).as_object().unwrap().clone());
    let updated = dir
        .update_user(
            "u/1",
            UpdateUser::new()
                .body(body)
                .exclude_fields([UserField::Bio]),
        )
        .await
        .unwrap();
    assert_eq!(updated.id, "u/1");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "the PATCH is retried once after the 503");
    let keys: Vec<&str> = received
        .iter()
        .map(|r| r.headers.get("idempotency-key").unwrap().to_str().unwrap())
        .collect();
    assert_eq!(keys[0], keys[1], "a retry must reuse the key");
    assert_eq!(keys[0].len(), 32);
    let sent: Value = serde_json::from_slice(&received[0].body).unwrap();
    assert_eq!(
        sent,
        json!({"title": "CTO", "status": "inactive", "password": "hunter2-secret", "remote_data": {"custom": 1}})
    );
    let q = pairs(&received[0]);
    assert_eq!(values(&q, "integrated_account_id"), [ACCOUNT]);
    assert_eq!(values(&q, "truto_exclude_fields[]"), ["bio"]);

    // A second update gets a new key.
    dir.update_user("u/1", UpdateUser::new().status(UserStatus::Active))
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    let third = received[2].headers.get("idempotency-key").unwrap();
    assert_ne!(third.to_str().unwrap(), keys[0]);
}

async fn failing(status: u16, body: Value) -> truto_core::Error {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    dir.get_user("u1", GetUser::new()).await.unwrap_err()
}

#[tokio::test]
async fn remote_errors_are_told_apart_and_keep_the_provider_message() {
    let mut body = error_body(422, "");
    body["truto_is_remote_error"] = json!(true);
    body["raw_response"] = json!({"errors": [{"message": "login already taken"}]});
    let err = failing(422, body).await;
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(err.code(), Some("remote_error"));
    assert_eq!(err.status(), Some(422));
    let shown = err.to_string();
    assert!(
        shown.contains("login already taken") && shown.contains("provider"),
        "{shown}"
    );
    assert_eq!(
        err.detail().unwrap()["raw_response"],
        json!({"errors": [{"message": "login already taken"}]}),
        "the provider's raw response is kept"
    );

    let mut body = error_body(400, "Missing required query parameters");
    body["truto_error_insight"] = json!({"missing_required_query_parameters": ["organization_id"]});
    let err = failing(400, body).await;
    assert_eq!(err.code(), Some("missing_required_query_parameters"));
    assert!(err.to_string().contains("organization_id"), "{err}");
    assert_eq!(
        err.detail().unwrap()["truto_error_insight"],
        json!({"missing_required_query_parameters": ["organization_id"]})
    );
}

#[tokio::test]
async fn a_401_says_whose_credentials_were_refused() {
    let err = failing(401, error_body(401, "Invalid API token")).await;
    assert_eq!(err.kind(), ErrorKind::Unauthenticated);
    assert!(err.to_string().contains("Truto API token"), "{err}");
    assert_ne!(err.code(), Some("remote_error"));

    let mut body = error_body(401, "");
    body["truto_is_remote_error"] = json!(true);
    body["raw_response"] = json!({"message": "token expired"});
    let err = failing(401, body).await;
    assert_eq!(err.kind(), ErrorKind::Unauthenticated);
    assert_eq!(err.code(), Some("remote_error"));
    let shown = err.to_string();
    assert!(
        shown.contains("re-authorised") && shown.contains("token expired"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_blocked_account_is_named() {
    let err = failing(503, error_body(503, "Integrated account is blocked")).await;
    assert!(err.to_string().contains("blocked"), "{err}");
    assert_eq!(err.status(), Some(503));
}

#[tokio::test]
async fn rate_limit_headers_hold_the_next_request() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(USERS))
        .and(query_param("next_cursor", "p2"))
        .respond_with(page(&["u2"], None))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(USERS))
        .respond_with(
            page(&["u1"], Some("p2"))
                .append_header("ratelimit-limit", "50;w=10")
                .append_header("ratelimit-remaining", "0")
                .append_header("ratelimit-reset", "7"),
        )
        .with_priority(10)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let users = dir
        .collect_users(ListUsers::new().prefetch(false))
        .await
        .unwrap();
    assert_eq!(users.len(), 2);
    let waited: Duration = clock.sleeps().iter().sum();
    assert!(waited >= Duration::from_secs(6), "waited {waited:?}");
}

/// A declared integration: lists with a required `organization_id`, filters by email only,
/// updates the title only.
static DECLARED: Integration = Integration::new("acme", "Acme", Family::Other)
    .list(PaginationStyle::OffsetLimit)
    .get()
    .update(&[UpdateField::native("title")])
    .filters(&[
        FilterRule::native(Filter::Email),
        FilterRule::native(Filter::OrganizationId),
    ])
    .required_list(&["organization_id"]);

#[tokio::test]
async fn declared_rules_and_the_reference_are_checked_before_sending() {
    let server = MockServer::start().await;
    catch_all(&server).await;
    let clock = TestClock::new();
    let hosted = TrutoHosted::connect(&config(&server, &clock))
        .unwrap()
        .with_rules(&DECLARED);
    let dir: Arc<dyn UserDirectory> = Arc::new(hosted);
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingParameter, "{err}");
    let err = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::OrganizationId, "o")
                .filter(Filter::Status, "active"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    let err = dir
        .update_user("u1", UpdateUser::new().status(UserStatus::Inactive))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");

    // The reference: GitHub has no update, Figma no list.
    let github =
        truto_hosted::connect(&config(&server, &clock).set("integration", "github")).unwrap();
    let err = github
        .update_user("u1", UpdateUser::new().status(UserStatus::Inactive))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(err.to_string().contains("GitHub"), "{err}");
    let figma =
        truto_hosted::connect(&config(&server, &clock).set("integration", "Figma")).unwrap();
    let err = figma.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    let err =
        truto_hosted::connect(&config(&server, &clock).set("integration", "githbu")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config, "{err}");

    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a refused call reached the API"
    );
}

#[tokio::test]
async fn a_registry_supplies_the_rules_of_a_compiled_in_integration() {
    let server = MockServer::start().await;
    catch_all(&server).await;
    let clock = TestClock::new();
    static GITHUB_LIKE: Integration = Integration::new("github", "GitHub", Family::Devtools)
        .list(PaginationStyle::LinkHeader)
        .get()
        .required_list(&["organization_id"])
        .filters(&[FilterRule::native(Filter::OrganizationId)]);
    fn never(_: &Config) -> truto_core::Result<Arc<dyn UserDirectory>> {
        Err(truto_core::Error::config("not used"))
    }
    let mut registry = Registry::new();
    registry.register(&GITHUB_LIKE, never);
    truto_hosted::register(&mut registry);
    let cfg = config(&server, &clock).set("integration", "github");
    let dir = truto_hosted::connect_with_registry(&cfg, &registry).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingParameter, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
    // The hosted integration itself builds through the registry from config keys.
    let built = registry.build("truto_hosted", &cfg).unwrap();
    assert_eq!(built.integration().slug, "truto_hosted");
    let err = registry
        .build("truto_hosted", &cfg.clone().set("tokne", "x"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[tokio::test]
async fn debug_never_shows_the_token() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let shown = format!("{dir:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains(ACCOUNT), "{shown}");
    let err = truto_hosted::connect(&Config::new().set("token", TOKEN)).unwrap_err();
    assert!(err.to_string().contains("integrated_account_id"), "{err}");
}

#[tokio::test]
async fn without_rules_integration_parameters_and_fields_pass_through() {
    let server = MockServer::start().await;
    catch_all(&server).await;
    Mock::given(method("GET"))
        .and(path(USERS))
        .respond_with(page(&["u1"], None))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(format!("{USERS}/u1")))
        .respond_with(ResponseTemplate::new(200).set_body_json(user("u1")))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    dir.collect_users(ListUsers::new().param("customer", "C0abc123"))
        .await
        .unwrap();
    let mut body = UserUpdate::default();
    body.extra
        .insert("licensed_sheet_creator".into(), json!(true));
    dir.update_user("u1", UpdateUser::new().body(body))
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(values(&pairs(&received[0]), "customer"), vec!["C0abc123"]);
    let sent: Value = serde_json::from_slice(&received[1].body).unwrap();
    assert_eq!(sent["licensed_sheet_creator"], json!(true));
}

/// Pages are decoded where the listing is read (`Page::decoded_by_reader`): a page whose
/// record does not decode still ends the listing after every user before it, with a cursor
/// that resumes at that page; a page served twice under new cursors ends it with an error.
#[tokio::test]
async fn pages_decoded_by_the_reader_end_resumably_on_a_bad_record_or_a_repeat() {
    let server = MockServer::start().await;
    let bad = json!({"result": [{"id": "u3", "emails": "not a list", "created_at": 5, "remote_data": {}}],
                     "next_cursor": null});
    Mock::given(method("GET"))
        .and(path(USERS))
        .and(query_param("next_cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(bad))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(USERS))
        .respond_with(page(&["u1", "u2"], Some("c2")))
        .with_priority(10)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let items: Vec<_> = dir.list_users(ListUsers::new()).collect().await;
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|u| u.id.as_str())
        .collect();
    assert_eq!(ids, ["u1", "u2"]);
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    let resume = err.resume_cursor().expect("a cursor to resume from");
    let again = dir
        .list_users_page(ListUsers::new().next_cursor(resume.clone()))
        .await
        .unwrap_err();
    assert_eq!(again.kind(), ErrorKind::Decode);
    let received = server.received_requests().await.unwrap();
    assert_eq!(values(&pairs(&received[1]), "next_cursor"), ["c2"]);
    assert_eq!(
        values(&pairs(received.last().unwrap()), "next_cursor"),
        ["c2"]
    );

    // The same users under every new cursor: ended, not repeated.
    let server = MockServer::start().await;
    let served = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = Arc::clone(&served);
    Mock::given(method("GET"))
        .and(path(USERS))
        .respond_with(move |_: &Request| {
            let n = count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            page(&["u1", "u2"], Some(&format!("c{n}")))
        })
        .mount(&server)
        .await;
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let items: Vec<_> = dir.list_users(ListUsers::new()).collect().await;
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 2);
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("same users"), "{err}");
    assert!(err.resume_cursor().is_some());
}

/// Every page's users are decoded into one buffer the listing keeps: pages of different
/// sizes, with `next_cursor` before or after `result` and keys the client does not read,
/// still yield each user once, in order, with its `remote_data`; once ended, the stream
/// stays ended and asks for nothing more.
#[tokio::test]
async fn pages_of_any_size_are_read_through_one_buffer_in_order() {
    let server = MockServer::start().await;
    catch_all(&server).await;
    let ids = |range: std::ops::Range<usize>| -> Vec<Value> {
        range.map(|n| user(&format!("u{n}"))).collect()
    };
    // Written out, so the keys keep this order.
    let bodies = [
        (
            None,
            format!(
                r#"{{"result_count": 3, "result": {}, "next_cursor": "c1"}}"#,
                Value::Array(ids(0..3))
            ),
        ),
        (
            Some("c1"),
            format!(
                r#"{{"next_cursor": "c2", "result": {}, "prev_cursor": "c0"}}"#,
                Value::Array(ids(3..4))
            ),
        ),
        (
            Some("c2"),
            format!(
                r#"{{"result": {}, "next_cursor": null}}"#,
                Value::Array(ids(4..9))
            ),
        ),
    ];
    for (cursor, body) in bodies {
        let mock = Mock::given(method("GET")).and(path(USERS));
        let mock = match cursor {
            Some(c) => mock.and(query_param("next_cursor", c)),
            None => mock,
        };
        mock.respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .with_priority(if cursor.is_some() { 1 } else { 10 })
            .expect(1)
            .mount(&server)
            .await;
    }
    let clock = TestClock::new();
    let dir = truto_hosted::connect(&config(&server, &clock)).unwrap();
    let mut stream = dir.list_users(ListUsers::new());
    let mut listed = Vec::new();
    while let Some(user) = stream.next().await {
        let user = user.unwrap();
        assert!(user.remote_data.is_some(), "{}", user.id);
        listed.push(user.id);
    }
    assert_eq!(listed, (0..9).map(|n| format!("u{n}")).collect::<Vec<_>>());
    assert!(stream.next().await.is_none());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}
