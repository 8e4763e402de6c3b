//! Jira Cloud: a simulator of the user endpoints for the shared conformance scenarios (Basic
//! and OAuth 2.0 addressing), the mapping of a full documented user, the exact requests
//! Jira receives, and the published description served by Prism.
#![cfg(feature = "jira")]

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use serde_json::{Value, json};
use truto_core::testing::TestClock;
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{PrismServer, Route, SimRequest, SimResponse, SimServer, Simulator};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, Integration, ListUsers, Result, UpdateUser, UserDirectory,
    UserDirectoryExt, UserStatus,
};
use truto_devtools::jira;
use wiremock::matchers::query_param_is_missing;
use wiremock::matchers::{basic_auth, bearer_token, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const EMAIL: &str = "admin@acme.example";
const API_TOKEN: &str = "test-api-token-1234";
/// `base64("admin@acme.example:test-api-token-1234")`.
const BASIC: &str = "Basic YWRtaW5AYWNtZS5leGFtcGxlOnRlc3QtYXBpLXRva2VuLTEyMzQ=";
const ACCESS_TOKEN: &str = "test-access-token-5678";
const CLOUD_ID: &str = "11223344-a1b2-4b33-8c44-def123456789";
const EXPAND: &str = "groups,applicationRoles";

const APPS: &[&str] = &[
    "Automation for Jira",
    "Slack",
    "Jira Service Management Widget",
    "Tempo",
];
const ZONES: &[&str] = &[
    "Australia/Sydney",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Tokyo",
];
const LOCALES: &[&str] = &["en_US", "de_DE", "en_AU", "ja_JP", "fr_FR"];

/// How the simulated site is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `https://{site}.atlassian.net` with Basic email:API token.
    Basic,
    /// `https://api.atlassian.com/ex/jira/{cloud_id}` with an OAuth 2.0 bearer token.
    OAuth,
}

/// A Jira Cloud site's user endpoints: `users/search` (all users, bare-array offset pages
/// without a total), `user/search?query=` (active users whose display name or email starts
/// with the query, filtered then paged), `user?accountId=`, and `ErrorCollection` bodies.
#[derive(Debug, Clone, Copy)]
struct JiraSim {
    mode: Mode,
}

impl JiraSim {
    fn basic() -> Self {
        JiraSim { mode: Mode::Basic }
    }
    fn oauth() -> Self {
        JiraSim { mode: Mode::OAuth }
    }
    fn prefix(&self) -> &'static [&'static str] {
        match self.mode {
            Mode::Basic => &[],
            Mode::OAuth => &["ex", "jira", CLOUD_ID],
        }
    }
    fn api_path(&self, rest: &str) -> String {
        let mut p = String::new();
        for s in self.prefix() {
            p.push('/');
            p.push_str(s);
        }
        format!("{p}/rest/api/3/{rest}")
    }
}

/// The Jira user record of test user `n`, shaped as `users/search` returns it.
fn jira_user(n: usize) -> Value {
    let (account_type, id) = match n % 10 {
        9 => ("app", format!("557058:f58131cb-b67d-43c7-b30d-{n:012x}")),
        7 => ("customer", format!("qm:2c0b4a0e-7f3d-4b9e-a1c5-{n:012x}")),
        _ => ("atlassian", format!("5b10ac8d82e05b22cc{n:06x}")),
    };
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    let initials = format!("{}{}", &first[..1], &last[..1]);
    let avatar = |size: u32| {
        format!(
            "https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/{initials}-{}.png?size={size}&s={size}",
            n % 6
        )
    };
    let mut user = json!({
        "self": format!("https://acme.atlassian.net/rest/api/3/user?accountId={id}"),
        "accountId": id,
        "accountType": account_type,
        "avatarUrls": {
            "48x48": avatar(48),
            "24x24": avatar(24),
            "16x16": avatar(16),
            "32x32": avatar(32)
        },
        "displayName": if account_type == "app" { APPS[n % APPS.len()].to_owned() } else { format!("{first} {last}") },
        "active": n % 5 != 4,
    });
    let shows_email = match account_type {
        "app" => false,
        "customer" => true,
        // Some people hide their email address in their profile visibility settings.
        _ => n % 6 != 5,
    };
    if shows_email {
        let domain = if account_type == "customer" {
            "customer.example.org"
        } else {
            "acme.example"
        };
        user["emailAddress"] = json!(format!(
            "{}.{}{n}@{domain}",
            first.to_lowercase(),
            last.to_lowercase()
        ));
    }
    if account_type != "app" {
        user["timeZone"] = json!(ZONES[n % ZONES.len()]);
        user["locale"] = json!(LOCALES[n % LOCALES.len()]);
    }
    user
}

fn error_body(message: &str) -> Value {
    json!({"errorMessages": [message], "errors": {}})
}

fn number(request: &SimRequest, key: &str, default: usize) -> std::result::Result<usize, String> {
    match request.query_param(key) {
        None => Ok(default),
        Some(v) => v
            .parse()
            .map_err(|_| format!("'{v}' is not a valid value for {key}")),
    }
}

fn starts_with_ci(text: Option<&str>, prefix: &str) -> bool {
    text.is_some_and(|t| t.to_lowercase().starts_with(&prefix.to_lowercase()))
}

impl Simulator for JiraSim {
    fn integration(&self) -> &'static Integration {
        &jira::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        match self.mode {
            Mode::Basic => Config::new()
                .set("base_url", base_url)
                .set("email", EMAIL)
                .set("api_token", API_TOKEN),
            Mode::OAuth => Config::new()
                .set("base_url", format!("{base_url}/ex/jira/{CLOUD_ID}"))
                .set("access_token", ACCESS_TOKEN),
        }
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        jira::connect(config)
    }

    fn record(&self, n: usize) -> Value {
        jira_user(n)
    }

    fn record_id(&self, record: &Value) -> String {
        record["accountId"].as_str().unwrap_or_default().to_owned()
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        let expected = match self.mode {
            Mode::Basic => BASIC.to_owned(),
            Mode::OAuth => format!("Bearer {ACCESS_TOKEN}"),
        };
        request.header("authorization") == Some(expected.as_str())
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        if request.method != "GET" {
            return None;
        }
        let segments = request.segments();
        let rest = segments.strip_prefix(
            &self
                .prefix()
                .iter()
                .map(|s| (*s).to_owned())
                .collect::<Vec<_>>()[..],
        )?;
        let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
        match rest.as_slice() {
            ["rest", "api", "3", "users", "search"] | ["rest", "api", "3", "user", "search"] => {
                Some(Route::List)
            }
            ["rest", "api", "3", "user"] => Some(Route::Get(
                request
                    .query_param("accountId")
                    .unwrap_or_default()
                    .to_owned(),
            )),
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let (start_at, max_results) = match (
            number(request, "startAt", 0),
            number(request, "maxResults", 50),
        ) {
            (Ok(s), Ok(m)) => (s, m.min(1000)),
            (Err(e), _) | (_, Err(e)) => return self.error(400, &e),
        };
        let matching: Vec<&Value> = if request.path.ends_with("/user/search") {
            let Some(query) = request.query_param("query").filter(|q| !q.is_empty()) else {
                return self.error(
                    400,
                    "The query parameter 'query' or 'accountId' or 'property' is required.",
                );
            };
            // Active users whose display name (any word) or email address starts with the
            // query; filtered first, then paged, as Atlassian's reference says.
            records
                .iter()
                .filter(|r| r["active"] == json!(true))
                .filter(|r| {
                    starts_with_ci(r["emailAddress"].as_str(), query)
                        || r["displayName"]
                            .as_str()
                            .is_some_and(|d| d.split(' ').any(|w| starts_with_ci(Some(w), query)))
                })
                .collect()
        } else {
            records.iter().collect()
        };
        let page: Vec<&Value> = matching
            .into_iter()
            .skip(start_at)
            .take(max_results)
            .collect();
        SimResponse::json(200, &json!(page))
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        let response = SimResponse::json(status, &error_body(message));
        if status == 429 {
            // Atlassian's documented form of the reset: minute precision. (No
            // `X-RateLimit-Remaining: 0`: the kit's clock is not the wall clock this reset is
            // computed from, so a hold on it would measure nothing.)
            let reset =
                (chrono::Utc::now() + chrono::Duration::minutes(1)).format("%Y-%m-%dT%H:%MZ");
            response
                .header("x-ratelimit-limit", "100")
                .header("x-ratelimit-reset", reset.to_string())
        } else {
            response
        }
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(200, "application/json", r#"[{"accountId": "5b10ac8d82e0"#)
    }
}

/// The shared `hostile_ids_stay_one_segment` checks that an id is the request's last path
/// segment; Jira takes the account id as the `accountId` query parameter. This is the same
/// check for a query value: dot and blank ids never leave, and every other id arrives as
/// exactly one `accountId` value, the path and the other parameters untouched.
async fn hostile_ids_stay_one_query_value(sim: JiraSim) {
    let server = SimServer::start(sim, 25).await;
    let dir = server.connect();
    for id in [".", "..", "", "  "] {
        let err = dir.get_user(id, GetUser::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "id {id:?}: {err}");
    }
    assert!(
        server.requests().await.is_empty(),
        "a dot or blank id must never reach the server"
    );
    for id in [
        "../x",
        "a/b",
        "?",
        "#",
        "..%2F",
        "ü ñ/%2F",
        "x?y=1#z",
        "x&expand=none",
        "a+b=c",
    ] {
        let err = dir.get_user(id, GetUser::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "id {id:?}: {err}");
        let req = server.requests().await.pop().unwrap();
        assert_eq!(req.path, sim.api_path("user"), "id {id:?} changed the path");
        let ids: Vec<&str> = req
            .query
            .iter()
            .filter(|(k, _)| k == "accountId")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(ids, vec![id], "id {id:?} became {:?}", req.query);
        let expands: Vec<&str> = req
            .query
            .iter()
            .filter(|(k, _)| k == "expand")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(expands, vec![EXPAND], "id {id:?} injected a parameter");
    }
}

macro_rules! jira_conformance {
    ($sim:expr) => {
        // Every shared scenario but `hostile_ids_stay_one_segment` (ids are query values).
        truto_core::conformance_tests!(@tests $sim;
            lists_every_user_across_pages,
            gets_one_user,
            updates_a_user,
            unauthenticated_is_not_retried,
            not_found_is_typed,
            rate_limit_waits_for_retry_after,
            server_error_then_success,
            malformed_body_is_a_decode_error,
            repeated_cursor_ends_the_listing,
            remote_query_is_passed_through,
            exclude_fields_and_remote_data,
            raw_format_keeps_the_record,
            resumes_from_a_cursor,
            validates_before_sending,
            page_level_listing_round_trips_cursor,
            exactly_once_through_faults,
        );

        #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
        async fn hostile_ids_stay_one_query_value() {
            super::hostile_ids_stay_one_query_value($sim).await;
        }
    };
}

mod conformance_basic {
    use super::JiraSim;
    jira_conformance!(JiraSim::basic());
}

mod conformance_oauth {
    use super::JiraSim;
    jira_conformance!(JiraSim::oauth());
}

// ---------------------------------------------------------------------------------------
// Exact requests and mapping, against wiremock.

/// A user as `GET /rest/api/3/user?expand=groups,applicationRoles` documents it.
fn full_user() -> Value {
    json!({
        "self": "https://acme.atlassian.net/rest/api/3/user?accountId=5b10a2844c20165700ede21g",
        "accountId": "5b10a2844c20165700ede21g",
        "accountType": "atlassian",
        "emailAddress": "mia@example.com",
        "avatarUrls": {
            "48x48": "https://avatar-management--avatars.server-location.prod.public.atl-paas.net/initials/MK-5.png?size=48&s=48",
            "24x24": "https://avatar-management--avatars.server-location.prod.public.atl-paas.net/initials/MK-5.png?size=24&s=24",
            "16x16": "https://avatar-management--avatars.server-location.prod.public.atl-paas.net/initials/MK-5.png?size=16&s=16",
            "32x32": "https://avatar-management--avatars.server-location.prod.public.atl-paas.net/initials/MK-5.png?size=32&s=32"
        },
        "displayName": "Mia Krystof",
        "active": true,
        "timeZone": "Australia/Sydney",
        "locale": "en_AU",
        "groups": {
            "size": 2,
            "items": [
                {"groupId": "276f955c-63d7-42c8-9520-92d01dca0625", "name": "jira-software-users", "self": "https://acme.atlassian.net/rest/api/3/group?groupId=276f955c-63d7-42c8-9520-92d01dca0625"},
                {"groupId": "6e87dc72-4f1f-421f-9382-2fee8b652487", "name": "site-admins", "self": "https://acme.atlassian.net/rest/api/3/group?groupId=6e87dc72-4f1f-421f-9382-2fee8b652487"}
            ],
            "max-results": 1000
        },
        "applicationRoles": {
            "size": 2,
            "items": [
                {
                    "key": "jira-software",
                    "name": "Jira Software",
                    "groups": ["jira-software-users"],
                    "groupDetails": [{"groupId": "276f955c-63d7-42c8-9520-92d01dca0625", "name": "jira-software-users"}],
                    "defaultGroups": ["jira-software-users"],
                    "selectedByDefault": false,
                    "numberOfSeats": 10,
                    "remainingSeats": 5,
                    "userCount": 5,
                    "userCountDescription": "5 developers",
                    "hasUnlimitedSeats": false,
                    "platform": false
                },
                {"key": "jira-servicedesk", "name": "Jira Service Management", "groups": [], "platform": false}
            ],
            "max-results": 1000
        },
        "expand": "groups,applicationRoles"
    })
}

fn basic_config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", server.uri())
        .set("email", EMAIL)
        .set("api_token", API_TOKEN)
}

fn connect(config: &Config) -> Arc<dyn UserDirectory> {
    jira::connect(config).unwrap()
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/user"))
        .and(query_param("accountId", "5b10a2844c20165700ede21g"))
        .and(query_param("expand", EXPAND))
        .and(basic_auth(EMAIL, API_TOKEN))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&basic_config(&server));
    let user = dir
        .get_user("5b10a2844c20165700ede21g", GetUser::new())
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
            "id": "5b10a2844c20165700ede21g",
            "name": "Mia Krystof",
            "emails": [{"email": "mia@example.com", "is_primary": true}],
            "status": "active",
            "groups": [
                {"id": "276f955c-63d7-42c8-9520-92d01dca0625", "name": "jira-software-users"},
                {"id": "6e87dc72-4f1f-421f-9382-2fee8b652487", "name": "site-admins"}
            ],
            "licenses": [
                {"id": "jira-software", "name": "Jira Software"},
                {"id": "jira-servicedesk", "name": "Jira Service Management"}
            ],
            "user_type": "user",
            "avatar": "https://avatar-management--avatars.server-location.prod.public.atl-paas.net/initials/MK-5.png?size=48&s=48",
            "timezone": "Australia/Sydney",
            "languages": ["en_AU"]
        })
    );
    assert_eq!(
        unified["remote_data"],
        full_user(),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn account_types_and_hidden_fields_map_sparingly() {
    let server = MockServer::start().await;
    let records = json!([
        {"accountId": "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "accountType": "app", "displayName": "Automation for Jira", "active": true, "avatarUrls": {"32x32": "https://x.test/a32.png", "16x16": "https://x.test/a16.png"}},
        {"accountId": "qm:2c0b4a0e-7f3d-4b9e-a1c5-000000000007", "accountType": "customer", "displayName": "Ola Nordmann", "emailAddress": "ola@customer.example.org", "active": false},
        {"accountId": "unknown", "accountType": "unknown", "displayName": "Former user", "active": false, "emailAddress": "", "timeZone": null}
    ]);
    Mock::given(method("GET"))
        .and(path("/rest/api/3/users/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(records))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&basic_config(&server));
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    let got: Vec<Value> = users
        .iter()
        .map(|u| {
            let mut v = serde_json::to_value(u).unwrap();
            v.as_object_mut().unwrap().remove("remote_data");
            v
        })
        .collect();
    assert_eq!(
        got,
        vec![
            json!({"id": "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", "name": "Automation for Jira", "status": "active", "user_type": "machine", "avatar": "https://x.test/a32.png"}),
            json!({"id": "qm:2c0b4a0e-7f3d-4b9e-a1c5-000000000007", "name": "Ola Nordmann", "emails": [{"email": "ola@customer.example.org", "is_primary": true}], "status": "inactive", "user_type": "customer"}),
            json!({"id": "unknown", "name": "Former user", "status": "inactive", "user_type": "unknown"}),
        ]
    );
}

#[tokio::test]
async fn list_pages_by_start_at_until_a_short_page() {
    let server = MockServer::start().await;
    let page = |from: usize, n: usize| json!((from..from + n).map(jira_user).collect::<Vec<_>>());
    Mock::given(method("GET"))
        .and(path("/rest/api/3/users/search"))
        .and(query_param("startAt", "0"))
        .and(query_param("maxResults", "2"))
        .and(query_param("expand", "none"))
        .and(query_param_is_missing("query"))
        .and(basic_auth(EMAIL, API_TOKEN))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0, 2)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/users/search"))
        .and(query_param("startAt", "2"))
        .and(query_param("maxResults", "2"))
        .and(query_param("expand", "none"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(2, 1)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&basic_config(&server));
    let users = dir
        .collect_users(ListUsers::new().limit(2).remote_query("expand", "none"))
        .await
        .unwrap();
    let ids: Vec<String> = users.iter().map(|u| u.id.clone()).collect();
    let expected: Vec<String> = (0..3)
        .map(|n| jira_user(n)["accountId"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, expected);
    server.verify().await;
}

#[tokio::test]
async fn an_empty_page_after_a_full_one_ends_the_listing() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/users/search"))
        .and(query_param("startAt", "0"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([jira_user(0), jira_user(1)])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/users/search"))
        .and(query_param("startAt", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&basic_config(&server));
    let page = dir
        .list_users_page(ListUsers::new().limit(2))
        .await
        .unwrap();
    assert_eq!(page.users.len(), 2);
    let cursor = page.next_cursor.expect("a full page has a next page");
    let page = dir
        .list_users_page(ListUsers::new().limit(2).next_cursor(cursor))
        .await
        .unwrap();
    assert!(page.users.is_empty() && page.next_cursor.is_none());
    server.verify().await;
}

#[tokio::test]
async fn a_server_ignoring_start_at_ends_with_an_error_not_a_loop() {
    let server = MockServer::start().await;
    // Every request gets the same full page, whatever `startAt` says.
    Mock::given(method("GET"))
        .and(path("/rest/api/3/users/search"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([jira_user(0), jira_user(1)])))
        .mount(&server)
        .await;
    let dir = connect(&basic_config(&server));
    // Bounded, so a client that pages forever fails here instead of hanging.
    let items: Vec<_> = dir
        .list_users(ListUsers::new().limit(2))
        .take(10)
        .collect()
        .await;
    assert_eq!(items.len(), 3, "two users, then the error: {items:?}");
    assert!(items[0].is_ok() && items[1].is_ok());
    let err = items[2].as_ref().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("startAt=2"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn email_filter_searches_by_query_and_find_by_email_keeps_exact_matches() {
    let server = MockServer::start().await;
    let mut exact = jira_user(0);
    exact["emailAddress"] = json!("Mia@Example.com");
    let mut prefix = jira_user(1);
    prefix["emailAddress"] = json!("mia@example.com.au");
    Mock::given(method("GET"))
        .and(path("/rest/api/3/user/search"))
        .and(query_param("query", "mia@example.com"))
        .and(query_param("startAt", "0"))
        .and(query_param("maxResults", "100"))
        .and(basic_auth(EMAIL, API_TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([exact, prefix])))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&basic_config(&server));
    let found = dir
        .find_by_email(" mia@example.com ", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, jira_user(0)["accountId"].as_str().unwrap());
    server.verify().await;

    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Email, "  "))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn oauth_requests_carry_the_bearer_token_under_the_cloud_id_path() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/ex/jira/{CLOUD_ID}/rest/api/3/users/search")))
        .and(query_param("startAt", "0"))
        .and(query_param("maxResults", "100"))
        .and(bearer_token(ACCESS_TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([jira_user(3)])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/ex/jira/{CLOUD_ID}/rest/api/3/user")))
        .and(query_param("accountId", "5b10ac8d82e05b22cc000003"))
        .and(query_param("expand", EXPAND))
        .and(bearer_token(ACCESS_TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(jira_user(3)))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", format!("{}/ex/jira/{CLOUD_ID}", server.uri()))
        .set("access_token", ACCESS_TOKEN);
    let dir = connect(&config);
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    let user = dir.get_user(&users[0].id, GetUser::new()).await.unwrap();
    assert_eq!(user.id, "5b10ac8d82e05b22cc000003");
    server.verify().await;
}

#[test]
fn default_base_urls_follow_the_auth_kind() {
    let dir = connect(
        &Config::new()
            .set("site", "acme")
            .set("email", EMAIL)
            .set("api_token", API_TOKEN),
    );
    let text = format!("{dir:?}");
    assert!(text.contains("\"https://acme.atlassian.net/\""), "{text}");
    assert!(!text.contains(API_TOKEN), "{text}");

    let dir = connect(
        &Config::new()
            .set("site", "acme.atlassian.net")
            .set("email", EMAIL)
            .set("api_token", API_TOKEN),
    );
    assert!(format!("{dir:?}").contains("\"https://acme.atlassian.net/\""));

    let dir = connect(
        &Config::new()
            .set("cloud_id", CLOUD_ID)
            .set("access_token", ACCESS_TOKEN),
    );
    let text = format!("{dir:?}");
    assert!(
        text.contains(&format!(
            "\"https://api.atlassian.com/ex/jira/{CLOUD_ID}/\""
        )),
        "{text}"
    );
    assert!(!text.contains(ACCESS_TOKEN), "{text}");
}

#[test]
fn incomplete_or_mixed_credentials_are_config_errors() {
    let cases: Vec<(Config, &str)> = vec![
        (Config::new().set("site", "acme"), "access_token"),
        (
            Config::new().set("site", "acme").set("email", EMAIL),
            "TRUTO_JIRA_API_TOKEN",
        ),
        (
            Config::new()
                .set("email", EMAIL)
                .set("api_token", API_TOKEN),
            "TRUTO_JIRA_SITE",
        ),
        (
            Config::new().set("access_token", ACCESS_TOKEN),
            "TRUTO_JIRA_CLOUD_ID",
        ),
        (
            Config::new()
                .set("access_token", ACCESS_TOKEN)
                .set("cloud_id", "evil.test/x"),
            "cloud id",
        ),
        (
            Config::new()
                .set("site", "acme")
                .set("email", EMAIL)
                .set("api_token", API_TOKEN)
                .set("access_token", ACCESS_TOKEN),
            "not both",
        ),
        (
            Config::new()
                .set("site", "https://acme.atlassian.net")
                .set("email", EMAIL)
                .set("api_token", API_TOKEN),
            "plain name",
        ),
    ];
    for (config, needle) in cases {
        let err = jira::connect(&config).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Config, "{err}");
        assert!(err.to_string().contains(needle), "{needle}: {err}");
    }
}

#[tokio::test]
async fn error_collections_become_typed_errors() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/user"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "errorMessages": ["Specified user does not exist or you do not have required permissions"],
            "errors": {}
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/rest/api/3/users/search"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "errorMessages": ["You do not have the permission to see the specified user."],
            "errors": {}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&basic_config(&server));
    let err = dir.get_user("nobody", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(
        err.message(),
        Some("Specified user does not exist or you do not have required permissions")
    );
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied);
    assert!(!err.is_retryable());
    assert!(err.to_string().contains("permission to see"), "{err}");
    server.verify().await;
}

#[tokio::test]
async fn a_409_timeout_is_retried() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/rest/api/3/users/search")),
        ResponseTemplate::new(409),
        ResponseTemplate::new(200).set_body_json(json!([jira_user(0)])),
    )
    .await;
    let clock = TestClock::new();
    let dir = connect(&basic_config(&server).with_clock(clock.shared()));
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(clock.sleeps().len(), 1);
    server.verify().await;
}

#[tokio::test]
async fn a_429_without_retry_after_waits_for_the_iso_8601_reset() {
    let server = MockServer::start().await;
    let reset = chrono::Utc::now() + chrono::Duration::seconds(30);
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/rest/api/3/users/search")),
        ResponseTemplate::new(429)
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("x-ratelimit-reset", reset.to_rfc3339().as_str())
            .set_body_json(error_body("Rate limit exceeded.")),
        ResponseTemplate::new(200).set_body_json(json!([jira_user(0)])),
    )
    .await;
    let clock = TestClock::new();
    let dir = connect(&basic_config(&server).with_clock(clock.shared()));
    dir.collect_users(ListUsers::new()).await.unwrap();
    let waited = clock.total_slept();
    assert!(
        waited >= Duration::from_secs(25) && waited <= Duration::from_secs(35),
        "the client did not wait for X-RateLimit-Reset: {:?}",
        clock.sleeps()
    );
    server.verify().await;
}

#[tokio::test]
async fn updates_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&basic_config(&server));
    let err = dir
        .update_user(
            "5b10a2844c20165700ede21g",
            UpdateUser::new().status(UserStatus::Inactive),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(server.received_requests().await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------
// Atlassian's published description (Jan 2022 mirror), served by Prism with validation.

#[tokio::test]
async fn prism_accepts_every_request_and_its_examples_map() {
    let Some(prism) = PrismServer::start_or_skip("jira-cloud.json", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("email", EMAIL)
        .set("api_token", API_TOKEN);
    let dir = connect(&config);

    // The example page has 2 users; asked for 50, it is short, so it is the last.
    let page = dir
        .list_users_page(ListUsers::new().limit(50))
        .await
        .unwrap();
    assert_eq!(page.users.len(), 2);
    assert!(page.next_cursor.is_none());
    let ids: Vec<&str> = page.users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        ["5b10a2844c20165700ede21g", "5b10ac8d82e05b22cc7d4ef5"]
    );
    for user in &page.users {
        assert!(user.name.is_some() && user.avatar.is_some(), "{user:?}");
        assert_eq!(user.status, Some(UserStatus::Inactive));
        assert_eq!(user.user_type.as_deref(), Some("user"));
    }

    let user = dir
        .get_user("5b10a2844c20165700ede21g", GetUser::new())
        .await
        .unwrap();
    assert_eq!(user.id, "5b10a2844c20165700ede21g");
    assert_eq!(user.primary_email(), Some("mia@example.com"));
    assert_eq!(user.name.as_deref(), Some("Mia Krystof"));
    assert_eq!(user.status, Some(UserStatus::Active));
    assert_eq!(user.timezone.as_deref(), Some("Australia/Sydney"));

    // The email filter's request (user/search?query=) passes validation too.
    let page = dir
        .list_users_page(ListUsers::new().filter(Filter::Email, "mia@example.com"))
        .await
        .unwrap();
    assert_eq!(page.users.len(), 2);
}
