//! HubSpot: a simulator of the Settings › User Provisioning v3 endpoints run through the
//! shared conformance scenarios, the mapping of a full documented user, the exact requests
//! HubSpot receives (wiremock), its rate-limit signals, and HubSpot's published description
//! served by Prism.
#![cfg(feature = "hubspot")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{PrismServer, Route, SimRequest, SimResponse, Simulator, TestClock};
use truto_core::{
    Config, ErrorKind, GetUser, Group, Integration, ListUsers, Result, Role, UpdateUser, User,
    UserDirectory, UserDirectoryExt, UserUpdate,
};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "pat-na1-11111111-2222-3333-4444-555555555555";

// ---------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------

/// Role (permission set) ids of the simulated account.
const ROLES: &[&str] = &["4100001", "4100002", "4100003"];
/// Team ids of the simulated account.
const TEAMS: &[&str] = &["2001", "2002", "2003", "2004"];
/// Fields HubSpot's `PublicUserUpdate` accepts.
const UPDATABLE: &[&str] = &[
    "firstName",
    "lastName",
    "primaryTeamId",
    "roleId",
    "secondaryTeamIds",
    "seatNames",
];

/// A simulated HubSpot account: `GET /settings/v3/users` paged by `after`/`limit` (at most
/// 100), `GET` and `PUT /settings/v3/users/{userId}`, Bearer auth, HubSpot error bodies
/// and `X-HubSpot-RateLimit-*` headers.
#[derive(Debug, Default, Clone)]
struct HubSpotSim;

fn correlation_id(n: u64) -> String {
    format!("aeb5f871-7f07-4993-9211-{n:012x}")
}

fn with_rate_limit_headers(response: SimResponse, remaining: u32) -> SimResponse {
    response
        .header("x-hubspot-ratelimit-max", "190")
        .header("x-hubspot-ratelimit-interval-milliseconds", "10000")
        .header("x-hubspot-ratelimit-remaining", remaining.to_string())
        .header("x-hubspot-ratelimit-daily", "625000")
        .header("x-hubspot-ratelimit-daily-remaining", "624870")
}

impl Simulator for HubSpotSim {
    fn integration(&self) -> &'static Integration {
        &truto_crm::hubspot::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new().set("base_url", base_url).set("token", TOKEN)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        truto_crm::hubspot::connect(config)
    }

    fn update_options(&self) -> Option<UpdateUser> {
        let mut body = UserUpdate::default();
        body.roles = Some(vec![Role::new(Some(ROLES[2].into()), None)]);
        body.groups = Some(vec![
            Group::new(Some(TEAMS[3].into()), None),
            Group::new(Some(TEAMS[0].into()), None),
            Group::new(Some(TEAMS[1].into()), None),
        ]);
        Some(UpdateUser::new().body(body))
    }

    fn check_updated(&self, user: &User) {
        let roles: Vec<_> = user.roles.iter().map(|r| r.id.as_deref()).collect();
        assert_eq!(roles, [Some(ROLES[2])], "the role was not changed");
        let groups: Vec<_> = user.groups.iter().map(|g| g.id.as_deref()).collect();
        assert_eq!(
            groups,
            [Some(TEAMS[3]), Some(TEAMS[0]), Some(TEAMS[1])],
            "the teams were not changed (primary first)"
        );
    }

    fn record(&self, n: usize) -> Value {
        let first = FIRST_NAMES[n % FIRST_NAMES.len()];
        let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
        let email = format!(
            "{}.{}{n}@example.com",
            first.to_lowercase(),
            last.to_lowercase()
        );
        let role = ROLES[n % ROLES.len()];
        let mut record = json!({
            "id": (31_337_000 + n * 7).to_string(),
            "email": email,
            "roleIds": [role],
            "roleId": role,
            "primaryTeamId": TEAMS[n % TEAMS.len()],
            "secondaryTeamIds": if n.is_multiple_of(3) { vec![TEAMS[(n + 1) % TEAMS.len()]] } else { vec![] },
            "superAdmin": n.is_multiple_of(9),
            "sendWelcomeEmail": false
        });
        // Users invited without a name have none until they set one.
        if n % 6 != 5 {
            record["firstName"] = json!(first);
            record["lastName"] = json!(last);
        }
        record
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(&format!("Bearer {TOKEN}"))
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = request.segments();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["settings", "v3", "users"]) => Some(Route::List),
            ("GET", ["settings", "v3", "users", id]) => Some(Route::Get((*id).to_owned())),
            ("PUT", ["settings", "v3", "users", id]) => Some(Route::Update((*id).to_owned())),
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let limit = match request.query_param("limit").map(str::parse::<usize>) {
            None => 100,
            Some(Ok(n)) if n >= 1 => n.min(100),
            Some(_) => return self.error(400, "limit must be a positive integer"),
        };
        // HubSpot's `after` is opaque; this account pages by position.
        let start = match request.query_param("after").map(str::parse::<usize>) {
            None => 0,
            Some(Ok(n)) => n,
            Some(Err(_)) => return self.error(400, "Invalid paging cursor"),
        };
        let page: Vec<&Value> = records.iter().skip(start).take(limit).collect();
        let mut body = json!({ "results": page });
        let next = start + page.len();
        if next < records.len() {
            body["paging"] = json!({"next": {
                "after": next.to_string(),
                "link": format!("https://api.hubapi.com/settings/v3/users/?after={next}&limit={limit}")
            }});
        }
        with_rate_limit_headers(SimResponse::json(200, &body), 180)
    }

    fn get(&self, _request: &SimRequest, record: &Value) -> SimResponse {
        with_rate_limit_headers(SimResponse::json(200, record), 180)
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        let Some(Value::Object(body)) = request.json() else {
            return self.error(400, "the body is not a JSON object");
        };
        if let Some(unknown) = body.keys().find(|k| !UPDATABLE.contains(&k.as_str())) {
            return self.error(400, &format!("Unrecognized field \"{unknown}\""));
        }
        for (key, value) in body {
            if key == "roleId" {
                record["roleIds"] = json!([value.clone()]);
            }
            record[key] = value;
        }
        with_rate_limit_headers(SimResponse::json(200, record), 179)
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        let id = correlation_id(u64::from(status));
        let body = if status == 429 {
            json!({
                "status": "error",
                "message": "You have reached your ten_secondly_rolling limit.",
                "errorType": "RATE_LIMIT",
                "correlationId": id,
                "policyName": "TEN_SECONDLY_ROLLING"
            })
        } else {
            let category = match status {
                400 => "VALIDATION_ERROR",
                401 => "INVALID_AUTHENTICATION",
                403 => "MISSING_SCOPES",
                404 => "OBJECT_NOT_FOUND",
                _ => "INTERNAL_ERROR",
            };
            json!({"status": "error", "message": message, "correlationId": id, "category": category})
        };
        let remaining = if status == 429 { 0 } else { 150 };
        with_rate_limit_headers(SimResponse::json(status, &body), remaining)
            .header("x-hubspot-correlation-id", id)
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json",
            r#"{"results": [{"id": "31337000", "email": "#,
        )
    }
}

truto_core::conformance_tests!(HubSpotSim);

// ---------------------------------------------------------------------------------------
// Mapping of a full documented user
// ---------------------------------------------------------------------------------------

/// Every field of HubSpot's `PublicUser`, as the API reference documents it (ids as strings,
/// `superAdmin` as the string `"false"` of HubSpot's own example). Seat names are
/// illustrative: their values are not documented.
fn full_user() -> Value {
    json!({
        "id": "123",
        "email": "newUser@email.com",
        "firstName": "Jane",
        "lastName": "Doe",
        "roleId": "100",
        "roleIds": ["100", "105"],
        "primaryTeamId": "101",
        "secondaryTeamIds": ["102", "103"],
        "seatNames": ["core", "sales-professional"],
        "superAdmin": "false",
        "sendWelcomeEmail": false
    })
}

async fn connect(server: &MockServer) -> Arc<dyn UserDirectory> {
    connect_with(server, &TestClock::new()).await
}

async fn connect_with(server: &MockServer, clock: &TestClock) -> Arc<dyn UserDirectory> {
    let config = Config::new()
        .set("base_url", server.uri())
        .set("token", TOKEN)
        .with_clock(clock.shared());
    truto_crm::hubspot::connect(&config).unwrap()
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/settings/v3/users/123"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let user = dir.get_user("123", GetUser::new()).await.unwrap();
    let mut unified = serde_json::to_value(&user).unwrap();
    let remote = unified.as_object_mut().unwrap().remove("remote_data");
    assert_eq!(
        unified,
        json!({
            "id": "123",
            "first_name": "Jane",
            "last_name": "Doe",
            "name": "Jane Doe",
            "username": "newUser@email.com",
            "emails": [{"email": "newUser@email.com", "is_primary": true}],
            "roles": [{"id": "100"}, {"id": "105"}],
            "groups": [{"id": "101"}, {"id": "102"}, {"id": "103"}],
            "licenses": [{"name": "core"}, {"name": "sales-professional"}],
            "user_type": "user"
        })
    );
    assert_eq!(
        remote,
        Some(full_user()),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn maps_a_minimal_super_admin_with_numeric_ids() {
    let server = MockServer::start().await;
    let record = json!({"id": 9, "email": "owner@example.com", "roleIds": [], "roleId": 100, "superAdmin": true, "secondaryTeamIds": null});
    Mock::given(method("GET"))
        .and(path("/settings/v3/users/9"))
        .respond_with(ResponseTemplate::new(200).set_body_json(record.clone()))
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let user = dir.get_user("9", GetUser::new()).await.unwrap();
    assert_eq!(user.id, "9");
    assert_eq!(user.user_type.as_deref(), Some("admin"));
    assert_eq!(user.roles, vec![Role::new(Some("100".into()), None)]);
    assert!(user.groups.is_empty() && user.name.is_none() && user.status.is_none());
    assert_eq!(user.remote_data.unwrap().to_value(), record);
}

#[tokio::test]
async fn a_user_without_an_id_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/settings/v3/users"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"results": [{"email": "nobody@example.com"}]})),
        )
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert!(err.to_string().contains("id"), "{err}");
}

// ---------------------------------------------------------------------------------------
// The requests HubSpot receives
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn list_pages_by_after_with_limit_and_remote_query() {
    let server = MockServer::start().await;
    let page = |ids: &[&str], after: Option<&str>| {
        let mut body = json!({"results": ids.iter().map(|id| json!({"id": id, "email": format!("u{id}@example.com"), "roleIds": [], "superAdmin": false})).collect::<Vec<_>>()});
        if let Some(after) = after {
            body["paging"] = json!({"next": {"after": after, "link": format!("https://api.hubapi.com/settings/v3/users/?after={after}")}});
        }
        body
    };
    Mock::given(method("GET"))
        .and(path("/settings/v3/users"))
        .and(query_param("limit", "2"))
        .and(query_param_is_missing("after"))
        .and(query_param("probe", "x y"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["1", "2"], Some("NTI1Cg=="))))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/settings/v3/users"))
        .and(query_param("limit", "2"))
        .and(query_param("after", "NTI1Cg=="))
        .and(query_param("probe", "x y"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(&["3"], None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let users = dir
        .collect_users(ListUsers::new().limit(2).remote_query("probe", "x y"))
        .await
        .unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    server.verify().await;
}

#[tokio::test]
async fn page_size_is_capped_at_100_and_defaults_to_100() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/settings/v3/users"))
        .and(query_param("limit", "100"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"results": []})))
        .expect(2)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    dir.collect_users(ListUsers::new().limit(500))
        .await
        .unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    server.verify().await;
}

#[tokio::test]
async fn update_puts_role_and_teams_and_returns_the_user_in_the_response() {
    let server = MockServer::start().await;
    let mut after = full_user();
    after["roleId"] = json!("300");
    after["roleIds"] = json!(["300"]);
    after["primaryTeamId"] = json!("201");
    after["secondaryTeamIds"] = json!(["202", "203"]);
    after["firstName"] = json!("Janet");
    Mock::given(method("PUT"))
        .and(path("/settings/v3/users/123"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "firstName": "Janet",
            "roleId": "300",
            "primaryTeamId": "201",
            "secondaryTeamIds": ["202", "203"]
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(after.clone()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let mut body = UserUpdate::default();
    body.first_name = Some("Janet".into());
    body.roles = Some(vec![Role::new(Some("300".into()), Some("Sales".into()))]);
    body.groups = Some(vec![
        Group::new(Some("201".into()), None),
        Group::new(Some("202".into()), None),
        Group::new(Some("203".into()), None),
    ]);
    let user = dir
        .update_user("123", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.first_name.as_deref(), Some("Janet"));
    assert_eq!(user.roles, vec![Role::new(Some("300".into()), None)]);
    assert_eq!(user.groups.len(), 3);
    assert_eq!(user.remote_data.unwrap().to_value(), after);
    // Only the PUT: the response was the user.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn update_merges_remote_data_and_reads_back_after_an_empty_response() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/settings/v3/users/jane@example.com"))
        .and(query_param("idProperty", "EMAIL"))
        .and(body_json(
            json!({"primaryTeamId": "7", "secondaryTeamIds": [], "seatNames": ["core"]}),
        ))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/settings/v3/users/jane@example.com"))
        .and(query_param("idProperty", "EMAIL"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let mut body = UserUpdate::default();
    body.groups = Some(vec![Group::new(Some("7".into()), None)]);
    body.remote_data = Some(json!({"seatNames": ["core"]}).as_object().unwrap().clone());
    let user = dir
        .update_user(
            "jane@example.com",
            UpdateUser::new()
                .body(body)
                .remote_query("idProperty", "EMAIL"),
        )
        .await
        .unwrap();
    assert_eq!(user.id, "123");
    server.verify().await;
}

#[tokio::test]
async fn updates_hubspot_cannot_express_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server).await;
    let cases: Vec<UserUpdate> = {
        let mut two_roles = UserUpdate::default();
        two_roles.roles = Some(vec![
            Role::new(Some("1".into()), None),
            Role::new(Some("2".into()), None),
        ]);
        let mut no_role = UserUpdate::default();
        no_role.roles = Some(vec![]);
        let mut role_by_name = UserUpdate::default();
        role_by_name.roles = Some(vec![Role::new(None, Some("Sales".into()))]);
        let mut no_team = UserUpdate::default();
        no_team.groups = Some(vec![]);
        let mut team_by_name = UserUpdate::default();
        team_by_name.groups = Some(vec![Group::new(None, Some("EMEA".into()))]);
        vec![two_roles, no_role, role_by_name, no_team, team_by_name]
    };
    for body in cases {
        let err = dir
            .update_user("123", UpdateUser::new().body(body))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    }
    let mut status = UserUpdate::default();
    status.status = Some(truto_core::UserStatus::Inactive);
    let err = dir
        .update_user("123", UpdateUser::new().body(status))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------
// Errors and rate limits
// ---------------------------------------------------------------------------------------

fn rate_limited(policy: &str) -> ResponseTemplate {
    ResponseTemplate::new(429)
        .insert_header("x-hubspot-ratelimit-remaining", "0")
        .insert_header("x-hubspot-ratelimit-max", "190")
        .insert_header("x-hubspot-ratelimit-interval-milliseconds", "10000")
        .set_body_json(json!({
            "status": "error",
            "message": format!("You have reached your {} limit.", policy.to_lowercase()),
            "errorType": "RATE_LIMIT",
            "correlationId": "c033cdaa-2c40-4a64-ae48-b4cec88dad24",
            "policyName": policy,
            "requestId": "3d3e35b7-0dae-4b9f-a6e3-9c230cbcf8dd"
        }))
}

#[tokio::test]
async fn the_daily_limit_is_quota_exhaustion_and_never_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(rate_limited("DAILY").insert_header("retry-after", "5"))
        .expect(1)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = connect_with(&server, &clock).await;
    let err = dir.get_user("123", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err}");
    assert!(!err.is_retryable(), "a spent daily quota is not retryable");
    assert_eq!(err.code(), Some("DAILY"));
    assert_eq!(err.status(), Some(429));
    assert_eq!(
        err.request_id(),
        Some("c033cdaa-2c40-4a64-ae48-b4cec88dad24"),
        "{err:?}"
    );
    assert!(
        clock.sleeps().is_empty(),
        "nothing is slept for a daily limit"
    );
    server.verify().await;
}

#[tokio::test]
async fn the_ten_second_limit_is_throttling_and_retried() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")),
        rate_limited("TEN_SECONDLY_ROLLING"),
        ResponseTemplate::new(200)
            .insert_header("x-hubspot-ratelimit-remaining", "189")
            .set_body_json(full_user()),
    )
    .await;
    let clock = TestClock::new();
    let dir = connect_with(&server, &clock).await;
    let user = dir.get_user("123", GetUser::new()).await.unwrap();
    assert_eq!(user.id, "123");
    assert_eq!(clock.sleeps().len(), 1, "one backoff before the retry");
    server.verify().await;
}

#[tokio::test]
async fn retry_after_on_a_ten_second_limit_is_honoured() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")),
        rate_limited("TEN_SECONDLY_ROLLING").insert_header("retry-after", "4"),
        ResponseTemplate::new(200).set_body_json(full_user()),
    )
    .await;
    let clock = TestClock::new();
    let dir = connect_with(&server, &clock).await;
    dir.get_user("123", GetUser::new()).await.unwrap();
    assert!(
        clock.sleeps().iter().any(|d| *d >= Duration::from_secs(4)),
        "{:?}",
        clock.sleeps()
    );
}

#[tokio::test]
async fn a_spent_window_without_reset_holds_nothing_back() {
    // HubSpot's window rolls and has no reset header: a success that says 0 remaining
    // does not make the client wait before the next request.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-hubspot-ratelimit-remaining", "0")
                .insert_header("x-hubspot-ratelimit-interval-milliseconds", "10000")
                .set_body_json(full_user()),
        )
        .expect(2)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = connect_with(&server, &clock).await;
    dir.get_user("123", GetUser::new()).await.unwrap();
    dir.get_user("123", GetUser::new()).await.unwrap();
    assert!(clock.sleeps().is_empty(), "{:?}", clock.sleeps());
    server.verify().await;
}

#[tokio::test]
async fn missing_scopes_is_permission_denied_with_hubspots_details() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403).set_body_json(json!({
            "status": "error",
            "message": "This app hasn't been granted all required scopes to make this call.",
            "correlationId": "4a0a4d3e-1b0a-4c1e-9d4b-1b9e0c0c0c0c",
            "category": "MISSING_SCOPES",
            "errors": [{"message": "One or more of the following scopes are required.", "context": {"requiredGranularScopes": ["settings.users.read"]}}]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    assert!(!err.is_retryable());
    assert_eq!(err.code(), Some("MISSING_SCOPES"));
    let message = err.message().unwrap();
    assert!(
        message.contains("required scopes") && message.contains("scopes are required"),
        "{message}"
    );
    server.verify().await;
}

#[tokio::test]
async fn connect_needs_a_token_and_keeps_it_out_of_debug() {
    let err = truto_crm::hubspot::connect(&Config::new()).unwrap_err();
    assert!(err.to_string().contains("TRUTO_HUBSPOT_TOKEN"), "{err}");
    let dir = truto_crm::hubspot::connect(&Config::new().set("token", TOKEN)).unwrap();
    let debug = format!("{dir:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("api.hubapi.com"), "{debug}");
}

// ---------------------------------------------------------------------------------------
// HubSpot's published description, served by Prism
// ---------------------------------------------------------------------------------------

/// The trimmed `v3` User Provisioning description. Since March 2026 it lists users at
/// `/settings/users/v3` (the path shape of HubSpot's dated versions) while get and update
/// stay at `/settings/v3/users/…`; the documented v3 list endpoint is `/settings/v3/users/`.
/// That one path key is renamed in a copy; every schema and parameter is kept.
fn users_description() -> std::path::PathBuf {
    let source = truto_core::testing::provider_spec("hubspot-users.json");
    let mut spec: Value = serde_json::from_slice(&std::fs::read(&source).unwrap()).unwrap();
    let paths = spec["paths"].as_object_mut().unwrap();
    let list = paths
        .remove("/settings/users/v3")
        .or_else(|| paths.remove("/settings/v3/users/"))
        .expect("the description lists users");
    paths.insert("/settings/v3/users".into(), list);
    let target = std::env::temp_dir().join(format!(
        "truto-hubspot-users-{}-{}.json",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::write(&target, serde_json::to_vec(&spec).unwrap()).unwrap();
    target
}

#[tokio::test]
async fn prism_validates_list_get_and_update_against_hubspots_description() {
    if truto_core::testing::shared_file("provider-specs/hubspot-users.json").is_none()
        || truto_core::testing::prism_binary_or_skip().is_none()
    {
        return;
    }
    let spec = users_description();
    let prism = PrismServer::start(spec.clone(), true).await;
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("token", TOKEN)
        .set("max_attempts", "1");
    let dir = truto_crm::hubspot::connect(&config).unwrap();

    let page = dir
        .list_users_page(ListUsers::new().limit(5))
        .await
        .unwrap();
    assert!(!page.users.is_empty(), "Prism's page has no users");
    for user in &page.users {
        assert!(!user.id.is_empty());
        assert!(user.primary_email().is_some_and(|e| !e.is_empty()));
        assert!(user.remote_data.is_some());
    }
    assert!(page.next_cursor.is_some(), "paging.next.after was not read");

    let user = dir.get_user("123", GetUser::new()).await.unwrap();
    assert!(!user.id.is_empty() && user.primary_email().is_some());
    assert!(!user.roles.is_empty() && !user.groups.is_empty());

    let mut body = UserUpdate::default();
    body.first_name = Some("Jane".into());
    body.last_name = Some("Doe".into());
    body.roles = Some(vec![Role::new(Some("100".into()), None)]);
    body.groups = Some(vec![
        Group::new(Some("101".into()), None),
        Group::new(Some("102".into()), None),
    ]);
    let updated = dir
        .update_user("123", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert!(!updated.id.is_empty() && updated.primary_email().is_some());
    let _ = std::fs::remove_file(spec);
}
