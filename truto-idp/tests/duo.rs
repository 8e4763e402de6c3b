//! Duo: the exact requests the Admin API receives (wiremock), each signature recomputed
//! here from what the server received, paging by `metadata.next_offset`, the mapping of a
//! documented user, hostile ids, Duo's errors and secrets kept out of `Debug` and errors.
#![cfg(feature = "duo")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, TimeZone, Utc};
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::{Digest, Sha512};
use truto_core::testing::{TestClock, answer_once_then};
use truto_core::{
    Config, Email, ErrorKind, Filter, GetUser, Group, ListUsers, Phone, UserDirectory,
    UserDirectoryExt, UserStatus,
};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const IKEY: &str = "DIWJ8X6AEYOR5OMC6TQ1";
const SKEY: &str = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";
const HOSTNAME: &str = "api-xxxxxxxx.duosecurity.com";

fn config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", server.uri())
        .set("api_hostname", HOSTNAME)
        .set("integration_key", IKEY)
        .set("secret_key", SKEY)
        .set("max_attempts", "2")
        .with_clock(TestClock::new().shared())
}

fn connect(server: &MockServer) -> Arc<dyn UserDirectory> {
    truto_idp::duo::connect(&config(server)).unwrap()
}

// ---------------------------------------------------------------------------------------
// The signature, recomputed from the request as received

/// `urllib.parse.quote(text, '~')`: everything but RFC 3986's unreserved characters.
fn quote(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What `duo_client_python` sends as `Authorization` for this request (signature v5, no
/// body, no `X-Duo-*` headers).
fn expected_authorization(request: &Request) -> String {
    let date = request.headers.get("date").expect("a Date header");
    let mut params: Vec<String> = request
        .url
        .query_pairs()
        .map(|(k, v)| format!("{}={}", quote(&k), quote(&v)))
        .collect();
    params.sort();
    // The host the server was addressed as (wiremock's own URL says `localhost`), without
    // the port, as the official client signs its bare API hostname.
    let host = request.headers.get("host").unwrap().to_str().unwrap();
    let host = host
        .rsplit_once(':')
        .map_or(host, |(h, _)| h)
        .to_lowercase();
    let empty = hex(&Sha512::digest(b""));
    let canonical = [
        date.to_str().unwrap(),
        request.method.as_str(),
        &host,
        request.url.path(),
        &params.join("&"),
        &empty,
        &empty,
    ]
    .join("\n");
    let mut mac = Hmac::<Sha512>::new_from_slice(SKEY.as_bytes()).unwrap();
    mac.update(canonical.as_bytes());
    let signature = hex(&mac.finalize().into_bytes());
    format!("Basic {}", STANDARD.encode(format!("{IKEY}:{signature}")))
}

/// Every request the server received is signed as Duo's official client signs it, with
/// an RFC 2822 `Date`, and never carries the secret key.
async fn assert_all_signed(server: &MockServer) -> Vec<Request> {
    let requests = server.received_requests().await.unwrap();
    assert!(!requests.is_empty());
    for request in &requests {
        let date = request.headers.get("date").unwrap().to_str().unwrap();
        assert!(
            DateTime::parse_from_rfc2822(date).is_ok() && date.ends_with(" -0000"),
            "{date}"
        );
        let got = request
            .headers
            .get("authorization")
            .unwrap()
            .to_str()
            .unwrap();
        assert_eq!(got, expected_authorization(request), "{}", request.url);
        assert!(!request.url.as_str().contains(SKEY));
        for value in request.headers.values() {
            assert!(!value.to_str().unwrap_or_default().contains(SKEY));
        }
        assert!(request.body.is_empty(), "a GET has no body");
    }
    requests
}

// ---------------------------------------------------------------------------------------
// Records

/// A user as Duo documents it: the example of "Retrieve Users" in
/// <https://duo.com/docs/adminapi#retrieve-users> (fields, types and example values).
fn documented_user() -> Value {
    json!({
        "alias1": "joe.smith",
        "alias2": "jsmith@example.com",
        "alias3": null,
        "alias4": null,
        "aliases": {"alias1": "joe.smith", "alias2": "jsmith@example.com"},
        "created": 1489612729,
        "email": "jsmith@example.com",
        "firstname": "Joe",
        "groups": [{
            "desc": "People with hardware tokens",
            "group_id": "DGXXXXXXXXXXXXXXXXXX",
            "mobile_otp_enabled": false,
            "name": "token_users",
            "push_enabled": false,
            "sms_enabled": false,
            "status": "Active",
            "voice_enabled": false
        }],
        "is_enrolled": true,
        "last_directory_sync": 1508789163,
        "last_login": 1343921403,
        "lastname": "Smith",
        "notes": "",
        "phones": [{
            "activated": true,
            "capabilities": ["auto", "push", "sms", "phone", "mobile_otp"],
            "encrypted": "Encrypted",
            "extension": "",
            "fingerprint": "Configured",
            "last_seen": "2019-11-18T15:51:13",
            "model": "Apple iPhone 11 Pro",
            "name": "My iPhone",
            "number": "15555550100",
            "phone_id": "DPFZRS9FB0D46QFTM899",
            "platform": "Apple iOS",
            "postdelay": "",
            "predelay": "",
            "screenlock": "Locked",
            "sms_passcodes_sent": false,
            "tampered": "Not tampered",
            "type": "Mobile"
        }],
        "realname": "Joe Smith",
        "status": "active",
        "tokens": [],
        "u2ftokens": [],
        "user_id": "DU3RP9I2WOC59VZX672N",
        "username": "jsmith",
        "webauthncredentials": []
    })
}

fn user(id: &str, username: &str, status: &str) -> Value {
    let mut u = documented_user();
    u["user_id"] = json!(id);
    u["username"] = json!(username);
    u["status"] = json!(status);
    u
}

/// Duo's envelope for a list: `stat`, `response`, `metadata`.
fn page(users: Vec<Value>, next_offset: Option<u64>, total: u64) -> Value {
    let mut metadata = json!({"total_objects": total});
    if let Some(next) = next_offset {
        metadata["next_offset"] = json!(next);
    }
    json!({"stat": "OK", "response": users, "metadata": metadata})
}

fn fail(code: u32, message: &str, detail: Option<&str>) -> Value {
    let mut body = json!({"stat": "FAIL", "code": code, "message": message});
    if let Some(d) = detail {
        body["message_detail"] = json!(d);
    }
    body
}

// ---------------------------------------------------------------------------------------
// Listing

#[tokio::test]
async fn list_signs_each_page_and_follows_next_offset() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users"))
        .and(query_param("limit", "2"))
        .and(query_param("offset", "0"))
        .and(query_param_is_missing("username"))
        .and(query_param_is_missing("email"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![
                user("DU0000000000000000A1", "ada", "active"),
                user("DU0000000000000000A2", "grace", "bypass"),
            ],
            Some(2),
            3,
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users"))
        .and(query_param("limit", "2"))
        .and(query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![user("DU0000000000000000A3", "edsger", "locked out")],
            None,
            3,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(ListUsers::new().limit(2))
        .await
        .unwrap();
    let got: Vec<(&str, Option<&str>, Option<UserStatus>)> = users
        .iter()
        .map(|u| (u.id.as_str(), u.username.as_deref(), u.status.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "DU0000000000000000A1",
                Some("ada"),
                Some(UserStatus::Active)
            ),
            (
                "DU0000000000000000A2",
                Some("grace"),
                Some(UserStatus::Active)
            ),
            (
                "DU0000000000000000A3",
                Some("edsger"),
                Some(UserStatus::Inactive)
            ),
        ]
    );
    let requests = assert_all_signed(&server).await;
    assert_eq!(requests.len(), 2);
    for r in &requests {
        assert_eq!(r.method.as_str(), "GET");
        assert_eq!(r.url.path(), "/admin/v1/users");
    }
    // Each page is signed on its own: the offsets differ, so do the signatures.
    assert_ne!(
        requests[0].headers.get("authorization"),
        requests[1].headers.get("authorization")
    );
}

#[tokio::test]
async fn the_page_size_defaults_to_100_and_is_capped_at_300() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users"))
        .and(query_param("limit", "100"))
        .and(query_param("offset", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], None, 0)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users"))
        .and(query_param("limit", "300"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(vec![], None, 0)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    assert!(
        dir.collect_users(ListUsers::new())
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        dir.collect_users(ListUsers::new().limit(1000))
            .await
            .unwrap()
            .is_empty()
    );
    assert_all_signed(&server).await;
}

#[tokio::test]
async fn filters_and_remote_query_are_sent_and_signed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users"))
        .and(query_param("username", "jsmith"))
        .and(query_param_is_missing("email"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![documented_user()],
            None,
            1,
        )))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users"))
        .and(query_param("email", "j smith+duo@example.com"))
        .and(query_param("account_id", "DA~1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![documented_user()],
            None,
            1,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let users = dir
        .collect_users(ListUsers::new().filter(Filter::Username, "jsmith"))
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    let users = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::Email, "j smith+duo@example.com")
                .remote_query("account_id", "DA~1"),
        )
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    // Spaces, `+` and `~` are signed as Duo canonicalizes them, whatever the URL's encoding.
    assert_all_signed(&server).await;
    // Duo documents the two filters one at a time: both together are refused unsent.
    let err = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::Username, "jsmith")
                .filter(Filter::Email, "jsmith@example.com"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn find_by_email_uses_the_email_parameter() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users"))
        .and(query_param("email", "jsmith@example.com"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(
            vec![documented_user()],
            None,
            1,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let found = connect(&server)
        .find_by_email("jsmith@example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "DU3RP9I2WOC59VZX672N");
    assert_all_signed(&server).await;
}

// ---------------------------------------------------------------------------------------
// Get and mapping

#[tokio::test]
async fn get_maps_every_documented_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users/DU3RP9I2WOC59VZX672N"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"stat": "OK", "response": documented_user()})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let user = connect(&server)
        .get_user("DU3RP9I2WOC59VZX672N", GetUser::new())
        .await
        .unwrap();
    assert_eq!(user.id, "DU3RP9I2WOC59VZX672N");
    assert_eq!(user.username.as_deref(), Some("jsmith"));
    assert_eq!(user.name.as_deref(), Some("Joe Smith"));
    assert_eq!(user.first_name.as_deref(), Some("Joe"));
    assert_eq!(user.last_name.as_deref(), Some("Smith"));
    assert_eq!(
        user.emails,
        vec![Email::new("jsmith@example.com").primary(true)]
    );
    assert_eq!(
        user.phones,
        vec![Phone::new("15555550100").with_type("mobile")]
    );
    assert_eq!(user.status, Some(UserStatus::Active));
    assert_eq!(user.is_2fa_enabled, Some(true));
    assert_eq!(
        user.groups,
        vec![Group::new(
            Some("DGXXXXXXXXXXXXXXXXXX".into()),
            Some("token_users".into())
        )]
    );
    let ids = user.identifiers.as_ref().unwrap();
    assert_eq!(ids["alias1"], "joe.smith");
    assert_eq!(ids["alias2"], "jsmith@example.com");
    assert_eq!(ids.len(), 2);
    assert_eq!(
        user.created_at,
        Some(Utc.timestamp_opt(1489612729, 0).unwrap())
    );
    assert_eq!(
        user.last_login_at,
        Some(Utc.timestamp_opt(1343921403, 0).unwrap())
    );
    let remote = user.remote_data.as_ref().unwrap().to_value();
    assert_eq!(remote, documented_user(), "remote_data is the user as sent");
    assert_all_signed(&server).await;
}

#[tokio::test]
async fn sparse_users_map_without_inventing_values() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "stat": "OK",
            "response": {
                "user_id": "DU1", "username": "x", "realname": "", "firstname": "Ann",
                "lastname": null, "email": "", "status": "pending deletion",
                "last_login": null, "phones": [{"number": "", "type": "Tablet"}],
                "groups": [], "alias1": "a-one", "aliases": {}
            }
        })))
        .mount(&server)
        .await;
    let user = connect(&server)
        .get_user("DU1", GetUser::new())
        .await
        .unwrap();
    assert_eq!(user.name.as_deref(), Some("Ann"));
    assert!(user.emails.is_empty() && user.phones.is_empty() && user.groups.is_empty());
    assert_eq!(user.status, Some(UserStatus::Deleted));
    assert_eq!(user.last_login_at, None);
    assert_eq!(user.is_2fa_enabled, None);
    assert_eq!(user.identifiers.unwrap()["alias1"], "a-one");
}

#[tokio::test]
async fn hostile_ids_are_one_percent_encoded_segment_and_signed_as_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"stat": "OK", "response": documented_user()})),
        )
        .mount(&server)
        .await;
    let dir = connect(&server);
    for (id, want) in [
        ("../x", "/admin/v1/users/..%2Fx"),
        ("a/b", "/admin/v1/users/a%2Fb"),
        ("?", "/admin/v1/users/%3F"),
        ("#", "/admin/v1/users/%23"),
        ("ü ß", "/admin/v1/users/%C3%BC%20%C3%9F"),
    ] {
        dir.get_user(id, GetUser::new()).await.unwrap();
        let requests = server.received_requests().await.unwrap();
        let last = requests.last().unwrap();
        assert_eq!(last.url.path(), want, "{id}");
        assert_eq!(last.url.query(), None, "{id}");
    }
    assert_all_signed(&server).await;
    for id in ["..", ".", " "] {
        let err = dir.get_user(id, GetUser::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{id}: {err}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 5);
}

// ---------------------------------------------------------------------------------------
// Errors

#[tokio::test]
async fn duo_errors_become_typed_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users/DUMISSING"))
        .respond_with(ResponseTemplate::new(404).set_body_json(fail(
            40401,
            "Resource not found",
            None,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users/DUBADSIG"))
        .respond_with(ResponseTemplate::new(401).set_body_json(fail(
            40103,
            "Invalid signature in request credentials",
            None,
        )))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/admin/v1/users/DUDENIED"))
        .respond_with(ResponseTemplate::new(403).set_body_json(fail(
            40301,
            "Access forbidden",
            Some("Grant read resource"),
        )))
        .mount(&server)
        .await;
    let dir = connect(&server);
    let err = dir.get_user("DUMISSING", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.code(), Some("40401"));
    assert_eq!(err.message(), Some("Resource not found"));
    assert_eq!(err.provider(), Some("duo"));
    let err = dir.get_user("DUBADSIG", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated);
    assert_eq!(err.code(), Some("40103"));
    let err = dir.get_user("DUDENIED", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert_eq!(
        err.message(),
        Some("Access forbidden (Grant read resource)")
    );
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(SKEY), "{shown}");
}

#[tokio::test]
async fn malformed_answers_are_decode_or_provider_errors_never_panics() {
    let cases: Vec<(ResponseTemplate, ErrorKind, &str)> = vec![
        (
            ResponseTemplate::new(200).set_body_string("<html>maintenance</html>"),
            ErrorKind::Decode,
            "invalid JSON",
        ),
        (
            ResponseTemplate::new(200)
                .set_body_string(r#"{"stat": "OK", "response": [{"user_id": 5}]}"#),
            ErrorKind::Decode,
            "record 0",
        ),
        (
            ResponseTemplate::new(200)
                .set_body_json(json!({"stat": "OK", "response": {"user_id": "DU1"}})),
            ErrorKind::Decode,
            "not a list",
        ),
        (
            ResponseTemplate::new(200).set_body_json(json!({"stat": "OK"})),
            ErrorKind::Decode,
            "no `response`",
        ),
        (
            ResponseTemplate::new(200).set_body_json(fail(50001, "Internal error", None)),
            ErrorKind::Provider,
            "Internal error",
        ),
        (
            ResponseTemplate::new(200).set_body_json(
                json!({"stat": "OK", "response": [], "metadata": {"next_offset": 0}}),
            ),
            ErrorKind::Decode,
            "does not move past offset 0",
        ),
        (
            ResponseTemplate::new(200).set_body_json(
                json!({"stat": "OK", "response": [], "metadata": {"next_offset": ["1", "2"]}}),
            ),
            ErrorKind::Decode,
            "next_offset",
        ),
    ];
    for (answer, kind, says) in cases {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .respond_with(answer)
            .mount(&server)
            .await;
        let err = connect(&server)
            .collect_users(ListUsers::new())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert!(err.to_string().contains(says), "{err}");
        assert_eq!(err.provider(), Some("duo"));
    }
}

#[tokio::test]
async fn a_retry_resends_the_signed_request_as_built() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/admin/v1/users")),
        ResponseTemplate::new(429).set_body_json(fail(42901, "Too Many Requests", None)),
        ResponseTemplate::new(200).set_body_json(page(vec![documented_user()], None, 1)),
    )
    .await;
    let clock = TestClock::new();
    let dir = truto_idp::duo::connect(&config(&server).with_clock(clock.shared())).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    assert!(!clock.sleeps().is_empty(), "the 429 was waited out");
    let requests = assert_all_signed(&server).await;
    assert_eq!(requests.len(), 2);
    // The signature is made when the request is built, so the retry carries the same one.
    assert_eq!(
        requests[0].headers.get("date"),
        requests[1].headers.get("date")
    );
    assert_eq!(
        requests[0].headers.get("authorization"),
        requests[1].headers.get("authorization")
    );
}

// ---------------------------------------------------------------------------------------
// Config and secrets

#[tokio::test]
async fn keys_stay_out_of_debug_and_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500).set_body_string(format!("upstream echoed: {SKEY} {IKEY}")),
        )
        .mount(&server)
        .await;
    let dir = connect(&server);
    let shown = format!("{dir:?}");
    assert!(!shown.contains(SKEY) && !shown.contains(IKEY), "{shown}");
    let shown = format!("{:?}", config(&server));
    assert!(!shown.contains(SKEY), "{shown}");
    let err = dir.get_user("DU1", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider);
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(SKEY), "{shown}");
    assert!(shown.contains("echoed: [REDACTED]"), "{shown}");

    let missing = Config::new()
        .set("api_hostname", HOSTNAME)
        .set("integration_key", IKEY);
    let err = truto_idp::duo::connect(&missing).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("secret_key"), "{err}");
}

#[test]
fn the_base_url_is_the_api_hostname() {
    let config = Config::new()
        .set("api_hostname", HOSTNAME)
        .set("integration_key", IKEY)
        .set("secret_key", SKEY);
    let dir = truto_idp::duo::connect(&config).unwrap();
    assert!(
        format!("{dir:?}").contains("https://api-xxxxxxxx.duosecurity.com/"),
        "{dir:?}"
    );
    let err =
        truto_idp::duo::connect(&config.clone().set("api_hostname", "evil.test/x")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
}
