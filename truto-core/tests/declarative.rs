//! The declarative layer's request building, over HTTP against wiremock: credentials made
//! of several headers, update bodies that start from a template, cursors sent in a JSON
//! body, SCIM-style `startIndex` paging, listings that map only what the caller keeps, and
//! pages read in one pass with each record's exact text kept.
//!
//! The specs here describe a made-up provider on purpose: each test isolates one feature
//! of the layer; real providers' specs are tested in their family crates.

use std::sync::Arc;

use futures::StreamExt;
use serde_json::json;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{
    End, List, Param, Spec, Update, body, connect, cursor, page_number, query, start_index,
};
use truto_core::provider::{Credential, Status, UpdateField, Write};
use truto_core::{
    Config, ConfigKey, Family, Integration, ListUsers, ResponseFormat, UpdateUser, UserDirectory,
    UserDirectoryExt, UserField, UserUpdate,
};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const RULES: &[Rule] = &[
    id("id"),
    email("email"),
    status_flag("active", Status::Active, Some(Status::Inactive)),
];

static TWO_KEYS: Spec = Spec::new(
    Integration::new("two_keys", "Two Keys", Family::Devtools)
        .credentials(&[Credential::headers(&[
            ("X-Api-Key", "api_key"),
            ("X-App-Key", "application_key"),
        ])])
        .base_url("https://api.example.com")
        .config(&[
            ConfigKey::secret("api_key", "the account's API key"),
            ConfigKey::secret("application_key", "the user's application key"),
        ]),
)
.list(List::get("users").records("data"))
.map(RULES);

/// `spec` connected to `server` with the bearer token `t`.
fn with_token(spec: &'static Spec, server: &MockServer) -> Arc<dyn UserDirectory> {
    connect(
        spec,
        &Config::new()
            .set("base_url", server.uri())
            .set("token", "t"),
    )
    .unwrap()
}

#[tokio::test]
async fn a_credential_of_two_headers_sends_both_and_shows_neither() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(header("x-api-key", "account-key-1"))
        .and(header("x-app-key", "user-key-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": [{"id": "u1", "email": "a@example.com", "active": true}]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(
        &TWO_KEYS,
        &Config::new()
            .set("base_url", server.uri())
            .set("api_key", "account-key-1")
            .set("application_key", "user-key-2"),
    )
    .unwrap();
    let shown = format!("{dir:?}");
    assert!(
        !shown.contains("account-key-1") && !shown.contains("user-key-2"),
        "{shown}"
    );
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].emails[0].email, "a@example.com");
}

#[tokio::test]
async fn a_missing_second_key_is_named_at_connect() {
    let err = connect(
        &TWO_KEYS,
        &Config::new()
            .set("base_url", "https://api.example.com")
            .set("api_key", "account-key-1"),
    )
    .unwrap_err();
    assert!(err.to_string().contains("application_key"), "{err}");
}

const BEARER_TOKEN: &[Credential] = &[Credential::bearer("token")];
const TOKEN_KEY: &[ConfigKey] = &[ConfigKey::secret("token", "an API token")];

/// A made-up provider at `https://api.example.com` that takes a bearer `token`: most of
/// the specs below differ only in how they list and map.
const fn bearer_provider(slug: &'static str, name: &'static str) -> Integration {
    Integration::new(slug, name, Family::Devtools)
        .credentials(BEARER_TOKEN)
        .base_url("https://api.example.com")
        .config(TOKEN_KEY)
}

static JSON_API: Spec = Spec::new(bearer_provider("json_api", "JSON API"))
    .list(List::get("users").records("data"))
    .update(
        Update::patch(
            "users/{id}",
            &[UpdateField::new("first_name", Write::Value("first_name"))],
        )
        .body(r#"{"data": {"type": "users", "id": "{id}"}}"#)
        .envelope("data.attributes")
        .answer(truto_core::provider::declarative::Answer::UserOrReadBack(
            "data",
        )),
    )
    .map(RULES);

#[tokio::test]
async fn an_update_body_starts_from_its_template_with_the_id_filled_in() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/users/a%2Fb"))
        .and(body_json(json!({
            "data": {"type": "users", "id": "a/b", "attributes": {"first_name": "Ada"}}
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": {"id": "a/b", "email": "ada@example.com", "active": true}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let dir = with_token(&JSON_API, &server);
    let mut body = UserUpdate::default();
    body.first_name = Some("Ada".into());
    let user = dir
        .update_user("a/b", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.id, "a/b");
}

static BODY_CURSOR: Spec = Spec::new(bearer_provider("body_cursor", "Body Cursor"))
    .list(
        List::post("users/search", "{}")
            .records("users")
            .paging(cursor(body("page.after"), body("page.size"), "next")),
    )
    .map(RULES);

#[tokio::test]
async fn a_cursor_in_a_json_body_stays_text_and_the_size_is_a_number() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/users/search"))
        .and(body_json(json!({"page": {"size": 1}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "users": [{"id": "u1", "email": "a@example.com", "active": true}],
            "next": "000123"
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/users/search"))
        .and(body_json(json!({"page": {"size": 1, "after": "000123"}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "users": [{"id": "u2", "email": "b@example.com", "active": false}],
            "next": null
        })))
        .expect(1)
        .mount(&server)
        .await;
    let dir = with_token(&BODY_CURSOR, &server);
    let users = dir.collect_users(ListUsers::new().limit(1)).await.unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u1", "u2"]);
}

static START_INDEX: Spec = Spec::new(bearer_provider("start_index", "Start Index"))
    .list(List::get("Users").records("Resources").paging(start_index(
        query("startIndex"),
        query("count"),
        End::ShortPage,
    )))
    .map(RULES);

#[tokio::test]
async fn start_index_paging_counts_from_one_and_stops_at_a_short_page() {
    let server = MockServer::start().await;
    let record = |id: &str| json!({"id": id, "email": format!("{id}@example.com"), "active": true});
    for (start, records) in [
        ("1", vec![record("u1"), record("u2")]),
        ("3", vec![record("u3")]),
    ] {
        Mock::given(method("GET"))
            .and(path("/Users"))
            .and(query_param("startIndex", start))
            .and(query_param("count", "2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"Resources": records})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let dir = with_token(&START_INDEX, &server);
    let users = dir.collect_users(ListUsers::new().limit(2)).await.unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u1", "u2", "u3"]);
}

static NO_SIZE: Spec = Spec::new(bearer_provider("no_size", "No Size"))
    .list(List::get("users").records("users").paging(page_number(
        query("page"),
        Param::None,
        1,
        End::ShortPage,
    )))
    .map(RULES);

#[tokio::test]
async fn without_a_size_parameter_only_an_empty_page_ends_the_listing() {
    // The caller's page size cannot reach this provider, so a page shorter than it is no
    // sign of the end.
    let server = MockServer::start().await;
    let record = |id: &str| json!({"id": id, "email": format!("{id}@example.com"), "active": true});
    for (page, records) in [
        ("1", vec![record("u1")]),
        ("2", vec![record("u2")]),
        ("3", vec![]),
    ] {
        Mock::given(method("GET"))
            .and(path("/users"))
            .and(query_param("page", page))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"users": records})))
            .expect(1)
            .mount(&server)
            .await;
    }
    let dir = with_token(&NO_SIZE, &server);
    let users = dir.collect_users(ListUsers::new().limit(50)).await.unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["u1", "u2"]);
}

static CLIENT_BASIC: Spec = Spec::new(
    Integration::new("client_basic", "Client Basic", Family::Devtools)
        .credentials(&[Credential::client_credentials(
            "client_id",
            "client_secret",
            "https://auth.example.com/oauth2/token",
        )
        .client_secret_basic()
        .token_params(&[
            ("subject_type", "enterprise"),
            ("subject_id", "{enterprise_id}"),
        ])])
        .base_url("https://api.example.com")
        .config(&[
            ConfigKey::required("client_id", "the app's client id"),
            ConfigKey::secret("client_secret", "the app's client secret"),
            ConfigKey::required("enterprise_id", "the enterprise the app acts for"),
        ]),
)
.list(List::get("users").records("users"))
.map(RULES);

#[tokio::test]
async fn client_credentials_can_authenticate_with_basic_and_send_more_form_fields() {
    let server = MockServer::start().await;
    // RFC 6749 §2.3.1: id and secret are form-encoded, then joined and base64-encoded.
    token_then_one_user(
        &server,
        TokenExchange {
            path: "/oauth2/token",
            authorization: Some("Basic Y2xpZW50JTNBMTpzJTJCY3JldA=="),
            form: "grant_type=client_credentials&subject_type=enterprise&subject_id=e-42",
        },
        "Bearer at-1",
    )
    .await;
    let dir = connect(
        &CLIENT_BASIC,
        &Config::new()
            .set("base_url", server.uri())
            .set("token_url", format!("{}/oauth2/token", server.uri()))
            .set("client_id", "client:1")
            .set("client_secret", "s+cret")
            .set("enterprise_id", "e-42"),
    )
    .unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
}

static REFRESHED: Spec = Spec::new(
    Integration::new("refreshed", "Refreshed", Family::Devtools)
        .credentials(&[Credential::refresh_token(
            "refresh_token",
            "client_id",
            "client_secret",
            "https://accounts.example.com/oauth/v2/token",
        )
        .token_scheme("Example-oauthtoken")])
        .base_url("https://api.example.com")
        .config(&[
            ConfigKey::secret("refresh_token", "a refresh token"),
            ConfigKey::required("client_id", "the client id"),
            ConfigKey::secret("client_secret", "the client secret"),
        ]),
)
.list(List::get("users").records("users"))
.map(RULES);

#[tokio::test]
async fn a_refresh_token_is_exchanged_and_the_token_sent_after_the_declared_scheme_word() {
    let server = MockServer::start().await;
    token_then_one_user(
        &server,
        TokenExchange {
            path: "/oauth/v2/token",
            authorization: None,
            form: "grant_type=refresh_token&refresh_token=rt-1&client_id=c-1&client_secret=s-1",
        },
        "Example-oauthtoken at-1",
    )
    .await;
    let dir = connect(
        &REFRESHED,
        &Config::new()
            .set("base_url", server.uri())
            .set("token_url", format!("{}/oauth/v2/token", server.uri()))
            .set("refresh_token", "rt-1")
            .set("client_id", "c-1")
            .set("client_secret", "s-1"),
    )
    .unwrap();
    let shown = format!("{dir:?}");
    assert!(!shown.contains("rt-1") && !shown.contains("s-1"), "{shown}");
    assert_eq!(dir.collect_users(ListUsers::new()).await.unwrap().len(), 1);
}

/// The token request a test expects: its path, its `authorization` header if any, and its
/// form body exactly.
struct TokenExchange {
    path: &'static str,
    authorization: Option<&'static str>,
    form: &'static str,
}

/// Mounts a token endpoint that answers `exchange` (once) with the access token `at-1`, and
/// a one-user list at `/users` that answers (once) only when sent `authorization`.
async fn token_then_one_user(server: &MockServer, exchange: TokenExchange, authorization: &str) {
    let mut token = Mock::given(method("POST"))
        .and(path(exchange.path))
        .and(wiremock::matchers::body_string(exchange.form));
    if let Some(basic) = exchange.authorization {
        token = token.and(header("authorization", basic));
    }
    token
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"access_token": "at-1", "expires_in": 3600})),
        )
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(header("authorization", authorization))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"users": [{"id": "u1", "email": "a@example.com", "active": true}]}),
        ))
        .expect(1)
        .mount(server)
        .await;
}

const NAMED_RULES: &[Rule] = &[
    id("id"),
    text(Text::FirstName, "given"),
    text(Text::LastName, "family"),
    name_from_parts(),
    text(Text::Title, "title"),
    email("email"),
];

static NAMED: Spec = Spec::new(bearer_provider("named", "Named"))
    .list(List::get("people").records("people"))
    .map(NAMED_RULES);

#[tokio::test]
async fn a_listing_maps_only_what_its_caller_keeps() {
    let server = MockServer::start().await;
    // `title` is an object where text is expected: mapping it fails the record.
    let person = json!({
        "id": "p1",
        "given": "Ada",
        "family": "Lovelace",
        "title": {"unexpected": "object"},
        "email": "ada@example.com"
    });
    Mock::given(method("GET"))
        .and(path("/people"))
        .and(header("authorization", "Bearer t"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"people": [person]})))
        .expect(4)
        .mount(&server)
        .await;
    let dir = with_token(&NAMED, &server);

    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert!(err.to_string().contains("`title`"), "{err}");

    // Title excluded: its rule is not applied. First and last name excluded but `name`,
    // made from them, kept.
    let users = dir
        .collect_users(ListUsers::new().exclude_fields([
            UserField::Title,
            UserField::FirstName,
            UserField::LastName,
        ]))
        .await
        .unwrap();
    let ada = &users[0];
    assert_eq!(ada.id, "p1");
    assert_eq!(ada.title, None);
    assert_eq!(
        (ada.first_name.as_deref(), ada.last_name.as_deref()),
        (None, None)
    );
    assert_eq!(ada.name.as_deref(), Some("Ada Lovelace"));
    assert_eq!(ada.emails[0].email, "ada@example.com");
    assert!(
        ada.remote_data
            .as_ref()
            .unwrap()
            .get()
            .contains("unexpected")
    );

    let users = dir
        .collect_users(
            ListUsers::new()
                .exclude_fields([UserField::Title])
                .ignore_remote_data(true),
        )
        .await
        .unwrap();
    assert_eq!(users[0].remote_data, None);
    assert_eq!(users[0].first_name.as_deref(), Some("Ada"));

    // The raw format reads the id alone and keeps the record.
    let users = dir
        .collect_users(ListUsers::new().response_format(ResponseFormat::Raw))
        .await
        .unwrap();
    assert_eq!(users[0].id, "p1");
    assert_eq!(users[0].name, None);
    assert!(users[0].emails.is_empty());
    assert!(
        users[0]
            .remote_data
            .as_ref()
            .unwrap()
            .get()
            .contains("Lovelace")
    );
}

const NESTED_RULES: &[Rule] = &[
    id("id"),
    email("profile.email"),
    refs(Refs::Groups, "groups").id("id").name("name"),
];

static NESTED: Spec = Spec::new(bearer_provider("nested", "Nested"))
    .list(List::get("people").records("data.people"))
    .map(NESTED_RULES);

/// A page of `records` under `data.people`, with the spacing a provider might send and
/// a key after the records.
fn nested_page(records: &[&str]) -> String {
    format!(
        "{{ \"data\" : {{\n  \"people\": [\n    {}\n  ],\n  \"count\": {}\n}} }}",
        records.join(" ,\n    "),
        records.len()
    )
}

#[tokio::test]
async fn each_record_keeps_its_exact_text_whether_its_page_reads_in_one_pass_or_two() {
    let plain = [
        r#"{"id": "p1", "profile": {"email": "ada@example.com", "note": "} ] , {"}, "groups": [{"id": "g1", "name": "Eng"}]}"#,
        "{\n      \"id\" : 2,\n      \"profile\": {\"email\": \"grace@example.com\"},\n      \"tail\": [\"]\", [\",\"]]\n    }",
    ];
    // A first key with an escape does not tell where its record starts: the page is read
    // in two passes, with the same result.
    let escaped = [
        plain[0],
        r#"{"\u0069d_hint": "x", "id": "p3", "profile": {"email": "x@example.com"}}"#,
    ];
    for (records, who) in [(plain, ["p1", "2"]), (escaped, ["p1", "p3"])] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/people"))
            .and(header("authorization", "Bearer t"))
            .respond_with(
                ResponseTemplate::new(200).set_body_raw(nested_page(&records), "application/json"),
            )
            .expect(1)
            .mount(&server)
            .await;
        let users = with_token(&NESTED, &server)
            .collect_users(ListUsers::new())
            .await
            .unwrap();
        let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, who);
        for (user, record) in users.iter().zip(records) {
            assert_eq!(user.remote_data.as_ref().unwrap().get(), record);
        }
        assert_eq!(users[0].emails[0].email, "ada@example.com");
        assert_eq!(users[0].groups[0].name.as_deref(), Some("Eng"));
        assert!(users[1].emails[0].email.ends_with("@example.com"));
    }
}

#[tokio::test]
async fn a_record_of_the_wrong_shape_is_named_by_its_place_in_the_page() {
    let server = MockServer::start().await;
    let records = [
        r#"{"id": "p1", "profile": {"email": "ada@example.com"}}"#,
        r#"{"id": "p2", "profile": "not an object"}"#,
    ];
    Mock::given(method("GET"))
        .and(path("/people"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(nested_page(&records), "application/json"),
        )
        .mount(&server)
        .await;
    let err = with_token(&NESTED, &server)
        .collect_users(ListUsers::new())
        .await
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("record 1") && message.contains("`profile` is text, expected an object"),
        "{message}"
    );
}

static QUERY_CURSOR: Spec = Spec::new(bearer_provider("query_cursor", "Query Cursor"))
    .list(List::get("people").records("data.people").paging(cursor(
        query("after"),
        query("limit"),
        "data.next",
    )))
    .map(NESTED_RULES);

/// With the cursor read ahead of the records, a page is decoded where the listing is read
/// (`Page::decoded_by_reader`): the caller's field choices still apply, and a record that
/// does not map ends the listing after every user before its page, with a cursor that
/// resumes at that page.
#[tokio::test]
async fn pages_decoded_by_the_reader_keep_the_options_and_end_resumably() {
    let server = MockServer::start().await;
    let first = [
        r#"{"id": "p1", "profile": {"email": "ada@example.com"}, "groups": [{"id": "g1", "name": "Eng"}]}"#,
        r#"{"id": "p2", "profile": {"email": "grace@example.com"}}"#,
    ];
    let second = [
        r#"{"id": "p3", "profile": {"email": "kay@example.com"}}"#,
        r#"{"id": "p4", "profile": "not an object"}"#,
    ];
    let with_next = |records: &[&str], next: &str| {
        format!(
            r#"{{"data": {{"people": [{}], "next": "{next}"}}}}"#,
            records.join(",")
        )
    };
    Mock::given(method("GET"))
        .and(path("/people"))
        .and(query_param("after", "c2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(with_next(&second, "c3"), "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/people"))
        .and(query_param("limit", "2"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(with_next(&first, "c2"), "application/json"),
        )
        .with_priority(10)
        .mount(&server)
        .await;
    let dir = with_token(&QUERY_CURSOR, &server);
    let options = ListUsers::new()
        .limit(2)
        .exclude_fields([UserField::Groups]);
    let items: Vec<_> = dir.list_users(options.clone()).collect().await;
    let users: Vec<_> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["p1", "p2"]);
    assert!(users[0].groups.is_empty());
    assert_eq!(users[0].emails[0].email, "ada@example.com");
    assert_eq!(users[0].remote_data.as_ref().unwrap().get(), first[0]);
    let err = items.last().unwrap().as_ref().unwrap_err();
    assert!(err.to_string().contains("record 1"), "{err}");
    let resume = err
        .resume_cursor()
        .expect("a cursor to resume from")
        .clone();
    let again = dir
        .collect_users(options.next_cursor(resume))
        .await
        .unwrap_err();
    assert!(again.to_string().contains("record 1"), "{again}");
    let received = server.received_requests().await.unwrap();
    let after = |i: usize| {
        received[i]
            .url
            .query_pairs()
            .find(|(k, _)| k == "after")
            .map(|(_, v)| v.into_owned())
    };
    // Page 3 may be asked for while page 2 decodes, in either listing; the resume starts at
    // page 2.
    let asked: Vec<Option<String>> = (0..received.len())
        .map(after)
        .filter(|after| after.as_deref() != Some("c3"))
        .collect();
    let c2 = Some("c2".to_owned());
    assert_eq!(asked, [None, c2.clone(), c2]);
}
