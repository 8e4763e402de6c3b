//! Linear: the shared conformance scenarios over a simulator of Linear's GraphQL endpoint
//! (one `POST /graphql`, `users(first, after, filter, includeDisabled)` paged by
//! `pageInfo.endCursor`, `user(id)`, errors in 200 and 400 bodies), the mapping of a full
//! documented `User` node, and the exact requests Linear receives (wiremock).
#![cfg(feature = "linear")]
#![recursion_limit = "256"]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{Fault, Route, SimRequest, SimResponse, SimServer, Simulator, TestClock};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, Integration, ListUsers, Operation, Result, User,
    UserDirectory, UserDirectoryExt, UserStatus,
};
use truto_devtools::linear;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const API_KEY: &str = "lin_api_T3stK3y0123456789abcdefABCDEF";
const ORG_ID: &str = "9cfb482a-81e3-4154-b5b9-2c805e70a02d";

const TITLES: &[&str] = &[
    "Software Engineer",
    "Product Designer",
    "Engineering Manager",
    "",
    "Product Manager",
    "Support Engineer",
];
const TEAMS: &[(&str, &str, &str)] = &[
    ("4a1c2e7f-0b3d-4e5f-8a9b-0c1d2e3f4a5b", "Engineering", "ENG"),
    ("5b2d3f80-1c4e-4f60-9bac-1d2e3f4a5b6c", "Design", "DES"),
    ("6c3e4091-2d5f-4071-8cbd-2e3f4a5b6c7d", "Product", "PRD"),
    (
        "7d4f51a2-3e60-4182-9dce-3f4a5b6c7d8e",
        "Customer Success",
        "CS",
    ),
];

fn timestamp(n: usize, year: u32) -> String {
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        n % 12 + 1,
        n % 28 + 1,
        n % 24,
        n % 60,
        (n * 7) % 60,
        (n * 37) % 1000
    )
}

fn user_id(n: usize) -> String {
    format!(
        "{:08x}-5f2a-4c3b-9d1e-{:012x}",
        0x1a2b_0000 + n,
        0xbeef_0000 + n
    )
}

/// Test user `n` as Linear's `User` node, with the fields the integration selects.
fn linear_user(n: usize) -> Value {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    let handle = format!("{}{n}", first.to_lowercase());
    let id = user_id(n);
    let active = n % 7 != 6;
    let app = n % 13 == 12;
    let admin = n.is_multiple_of(10) && !app;
    let guest = n % 9 == 8 && !admin && !app;
    let teams: Vec<Value> = if app {
        Vec::new()
    } else {
        (0..(n % 3) + 1)
            .map(|i| {
                let (id, name, key) = TEAMS[(n + i) % TEAMS.len()];
                json!({"id": id, "name": name, "key": key})
            })
            .collect()
    };
    json!({
        "id": id,
        "name": if app { format!("{first} Bot") } else { format!("{first} {last}") },
        "displayName": handle,
        "email": if app {
            format!("{id}@oauthapp.linear.app")
        } else {
            format!("{}.{}{n}@acme.example.com", first.to_lowercase(), last.to_lowercase().replace('-', ""))
        },
        "avatarUrl": if n % 4 == 3 { Value::Null } else { Value::from(format!("https://public.linear.app/{ORG_ID}/{id}/avatar.png")) },
        "active": active,
        "admin": admin,
        "owner": n == 0,
        "guest": guest,
        "app": app,
        "title": if app { Value::Null } else { Value::from(TITLES[n % TITLES.len()]) },
        "description": if n.is_multiple_of(3) { Value::from("Keeps the cycles moving.") } else { Value::Null },
        "timezone": if n.is_multiple_of(2) { "Europe/Berlin" } else { "America/New_York" },
        "url": format!("https://linear.app/acme/profiles/{handle}"),
        "createdAt": timestamp(n, 2022),
        "updatedAt": timestamp(n, 2024),
        "lastSeen": if active { Value::from(timestamp(n, 2025)) } else { Value::Null },
        "disableReason": if active { Value::Null } else { Value::from("voluntary departure") },
        "statusEmoji": if n % 5 == 1 { Value::from("🌴") } else { Value::Null },
        "statusLabel": if n % 5 == 1 { Value::from("On vacation") } else { Value::Null },
        "isMe": n == 0,
        "initials": format!("{}{}", &first[..1], &last[..1]),
        "organization": {"id": ORG_ID, "name": "Acme", "urlKey": "acme"},
        "teams": {"nodes": teams, "pageInfo": {"hasNextPage": false}}
    })
}

/// A GraphQL error body as Linear sends it.
fn gql_error(message: &str, code: &str, kind: &str, friendly: Option<&str>) -> Value {
    let mut extensions = json!({"code": code, "type": kind, "userError": true});
    if let Some(f) = friendly {
        extensions["userPresentableMessage"] = json!(f);
    }
    json!({"errors": [{"message": message, "extensions": extensions}], "data": null})
}

fn auth_error_body() -> Value {
    let mut body = gql_error(
        "Authentication required, not authenticated",
        "AUTHENTICATION_ERROR",
        "authentication error",
        Some("You need to authenticate to access this operation."),
    );
    body["errors"][0]["extensions"]["statusCode"] = json!(401);
    body
}

fn not_found_body() -> Value {
    let mut body = gql_error(
        "Entity not found: User",
        "INPUT_ERROR",
        "invalid input",
        Some("Could not find referenced User."),
    );
    body["errors"][0]["path"] = json!(["user"]);
    body["errors"][0]["extensions"]["statusCode"] = json!(400);
    body
}

fn ratelimited_body() -> Value {
    gql_error("Rate limit exceeded", "RATELIMITED", "ratelimited", None)
}

/// Linear's rate-limit headers, on every answer (the reset is epoch milliseconds).
fn with_rate_headers(response: SimResponse) -> SimResponse {
    response
        .header("x-ratelimit-requests-limit", "5000")
        .header("x-ratelimit-requests-remaining", "4321")
        .header("x-ratelimit-requests-reset", "1767225600000")
        .header("x-complexity", "712")
        .header("x-ratelimit-complexity-limit", "3000000")
        .header("x-ratelimit-complexity-remaining", "2999288")
        .header("x-ratelimit-complexity-reset", "1767225600000")
}

/// Whether `record` matches a `UserFilter`, for the fields and comparators Linear
/// documents and the integration sends.
fn matches(record: &Value, filter: &Map<String, Value>) -> std::result::Result<bool, String> {
    for (field, comparator) in filter {
        let ok = match field.as_str() {
            "or" => {
                let mut any = false;
                for sub in comparator.as_array().ok_or("`or` takes a list")? {
                    any |= matches(record, sub.as_object().ok_or("bad `or` item")?)?;
                }
                any
            }
            "and" => {
                let mut all = true;
                for sub in comparator.as_array().ok_or("`and` takes a list")? {
                    all &= matches(record, sub.as_object().ok_or("bad `and` item")?)?;
                }
                all
            }
            "email" | "name" | "displayName" | "active" | "admin" | "owner" | "app" => {
                let value = &record[field.as_str()];
                let ops = comparator.as_object().ok_or("a comparator is an object")?;
                let mut ok = true;
                for (op, wanted) in ops {
                    ok &= match op.as_str() {
                        "eq" => value == wanted,
                        "neq" => value != wanted,
                        "eqIgnoreCase" => value
                            .as_str()
                            .zip(wanted.as_str())
                            .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b)),
                        other => return Err(format!("unknown comparator `{other}`")),
                    };
                }
                ok
            }
            other => {
                return Err(format!(
                    "Field \"{other}\" is not defined by type \"UserFilter\"."
                ));
            }
        };
        if !ok {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A simulated Linear GraphQL endpoint.
#[derive(Debug, Clone, Default)]
struct LinearSim;

impl LinearSim {
    fn validation_error(message: &str) -> SimResponse {
        let mut body = gql_error(message, "GRAPHQL_VALIDATION_FAILED", "graphql error", None);
        body["errors"][0]["extensions"]["http"] = json!({"status": 400});
        SimResponse::json(400, &body)
    }
}

impl Simulator for LinearSim {
    fn integration(&self) -> &'static Integration {
        &linear::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new()
            .set("base_url", base_url)
            .set("api_key", API_KEY)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        linear::connect(config)
    }

    fn record(&self, n: usize) -> Value {
        linear_user(n)
    }

    fn record_id(&self, record: &Value) -> String {
        record["id"].as_str().unwrap().to_owned()
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        // A personal key is the whole header value: no `Bearer`.
        request.header("authorization") == Some(API_KEY)
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        if request.method != "POST" || request.path != "/graphql" {
            return None;
        }
        let body = request.json()?;
        let query = body["query"].as_str()?;
        if query.contains("users(") {
            Some(Route::List)
        } else if query.contains("user(id: $id)") {
            Some(Route::Get(body["variables"]["id"].as_str()?.to_owned()))
        } else {
            None
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let body = request.json().unwrap_or_default();
        let vars = &body["variables"];
        let first = vars["first"].as_u64().unwrap_or(50) as usize;
        if first == 0 || first > 250 {
            return Self::validation_error("first must be between 1 and 250");
        }
        let include_disabled = vars["includeDisabled"] == json!(true);
        let filter = vars["filter"].as_object().cloned().unwrap_or_default();
        let mut visible = Vec::new();
        for record in records {
            if !include_disabled && record["active"] == json!(false) {
                continue;
            }
            match matches(record, &filter) {
                Ok(true) => visible.push(record),
                Ok(false) => {}
                Err(message) => return Self::validation_error(&message),
            }
        }
        // Linear's cursors are opaque; here, the id of the last node of the page.
        let start = match vars["after"].as_str() {
            None => 0,
            Some(cursor) => match visible.iter().position(|r| r["id"] == json!(cursor)) {
                Some(i) => i + 1,
                None => {
                    return SimResponse::json(
                        400,
                        &gql_error(
                            "Argument Validation Error",
                            "INPUT_ERROR",
                            "invalid input",
                            Some("after: cursor is not valid"),
                        ),
                    );
                }
            },
        };
        let page: Vec<&Value> = visible.iter().skip(start).take(first).copied().collect();
        let has_next = start + page.len() < visible.len();
        let end_cursor = page.last().map(|r| r["id"].clone()).unwrap_or(Value::Null);
        with_rate_headers(SimResponse::json(
            200,
            &json!({"data": {"users": {
                "nodes": page,
                "pageInfo": {"hasNextPage": has_next, "endCursor": end_cursor}
            }}}),
        ))
    }

    fn get(&self, _request: &SimRequest, record: &Value) -> SimResponse {
        with_rate_headers(SimResponse::json(200, &json!({"data": {"user": record}})))
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        match status {
            401 => SimResponse::json(401, &auth_error_body()),
            // Linear answers an unknown id with 200 and the error in the body.
            404 => with_rate_headers(SimResponse::json(200, &not_found_body())),
            // Linear refuses over-limit requests with 400 and `RATELIMITED`, not 429.
            429 => with_rate_headers(SimResponse::json(400, &ratelimited_body())),
            _ => SimResponse::json(
                status,
                &gql_error(message, "INTERNAL_SERVER_ERROR", "internal error", None),
            ),
        }
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json",
            r#"{"data": {"users": {"nodes": [{"id": "1a2b0000-5f2a"#,
        )
    }
}

// Fifteen of the seventeen shared scenarios. The other two assume a REST path and cannot
// hold for GraphQL; Linear-specific versions follow (`an_unknown_id_is_not_found_from_a_200_body`,
// `hostile_ids_travel_as_variables`):
// - `not_found_is_typed` wants HTTP 404, but Linear answers an unknown id with HTTP 200
//   and `Entity not found` in the body;
// - `hostile_ids_stay_one_segment` wants the id as the URL's last path segment, but every
//   Linear request is `POST /graphql` with the id in the variables.
mod conformance {
    use super::*;
    truto_core::conformance_tests!(@tests LinearSim;
        lists_every_user_across_pages,
        gets_one_user,
        updates_a_user,
        unauthenticated_is_not_retried,
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
}

fn variables(request: &SimRequest) -> Value {
    request.json().unwrap()["variables"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_id_is_not_found_from_a_200_body() {
    let server = SimServer::start(LinearSim, 25).await;
    let dir = server.connect();
    let err = dir
        .get_user("no-such-user-123", GetUser::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.status(), Some(200), "the status Linear answered with");
    assert_eq!(err.code(), Some("INPUT_ERROR"));
    assert_eq!(err.operation(), Some(Operation::Get));
    assert_eq!(err.provider(), Some("linear"));
    assert!(!err.is_retryable());
    assert!(
        err.message().unwrap().contains("Entity not found")
            && err
                .message()
                .unwrap()
                .contains("Could not find referenced User"),
        "{err}"
    );
    assert_eq!(
        err.url(),
        Some(format!("{}/graphql", server.uri()).as_str())
    );
    assert_eq!(server.requests().await.len(), 1, "not retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_ids_travel_as_variables() {
    let server = SimServer::start(LinearSim, 25).await;
    let dir = server.connect();
    let err = dir.get_user("", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(server.requests().await.is_empty(), "an empty id was sent");
    // `.` and `..` are refused before sending, for every integration.
    for id in [".", ".."] {
        let err = dir.get_user(id, GetUser::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "id {id:?}: {err}");
    }
    let ids = [
        "../x",
        "a/b",
        "?",
        "#",
        "..%2F",
        "ü ñ/%2F",
        "x?y=1#z",
        "\"}) { id }",
    ];
    for id in ids {
        let err = dir.get_user(id, GetUser::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "id {id:?}: {err}");
        let request = server.requests().await.pop().unwrap();
        assert_eq!(request.path, "/graphql", "id {id:?}");
        assert!(request.query.is_empty(), "id {id:?}: {:?}", request.query);
        assert_eq!(variables(&request), json!({"id": id}), "id {id:?}");
        let query = request.json().unwrap()["query"]
            .as_str()
            .unwrap()
            .to_owned();
        // (`.` and `..` are in any query: `...TrutoUser`.)
        assert!(
            id.len() <= 2 || !query.contains(id),
            "id {id:?} was spliced into the query"
        );
    }
    // A real id still works after all that.
    let id = server.ids()[4].clone();
    assert_eq!(dir.get_user(&id, GetUser::new()).await.unwrap().id, id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deactivated_users_are_listed_because_include_disabled_is_sent() {
    let server = SimServer::start(LinearSim, 25).await;
    let dir = server.connect();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 25);
    let inactive: Vec<&User> = users
        .iter()
        .filter(|u| u.status == Some(UserStatus::Inactive))
        .collect();
    assert_eq!(inactive.len(), 3, "users 6, 13 and 20 are deactivated");
    for request in server.list_requests().await {
        assert_eq!(variables(&request)["includeDisabled"], json!(true));
        assert_eq!(variables(&request)["first"], json!(50), "Linear's default");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_reach_linear_as_a_user_filter() {
    let server = SimServer::start(LinearSim, 40).await;
    let dir = server.connect();

    let inactive = dir
        .collect_users(ListUsers::new().filter(Filter::Status, "inactive"))
        .await
        .unwrap();
    let ids: Vec<String> = inactive.iter().map(|u| u.id.clone()).collect();
    let expected: Vec<String> = [6, 13, 20, 27, 34].iter().map(|n| user_id(*n)).collect();
    assert_eq!(ids, expected);

    let admins = dir
        .collect_users(ListUsers::new().filter(Filter::UserType, "admin"))
        .await
        .unwrap();
    assert!(!admins.is_empty());
    assert!(
        admins
            .iter()
            .all(|u| u.user_type.as_deref() == Some("admin")),
        "{admins:?}"
    );
    let bots = dir
        .collect_users(ListUsers::new().filter(Filter::UserType, "bot").limit(2))
        .await
        .unwrap();
    let bot_ids: Vec<String> = bots.iter().map(|u| u.id.clone()).collect();
    assert_eq!(bot_ids, vec![user_id(12), user_id(25), user_id(38)]);

    let handle = dir
        .collect_users(ListUsers::new().filter(Filter::Username, "katherine3"))
        .await
        .unwrap();
    assert_eq!(handle.len(), 1);
    assert_eq!(handle[0].id, user_id(3));

    // find_by_email uses Linear's case-insensitive email comparator.
    let found = dir
        .find_by_email("GRACE.HOPPER1@acme.example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, user_id(1));
    let last = server.list_requests().await.pop().unwrap();
    assert_eq!(
        variables(&last)["filter"],
        json!({"email": {"eqIgnoreCase": "GRACE.HOPPER1@acme.example.com"}})
    );
    let query = last.json().unwrap()["query"].as_str().unwrap().to_owned();
    assert!(
        !query.contains("GRACE"),
        "a filter value was spliced into the query"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_linear_cannot_express_are_refused_before_sending() {
    let server = SimServer::start(LinearSim, 5).await;
    let dir = server.connect();
    for (filter, value) in [
        (Filter::Status, "invited"),
        (Filter::UserType, "guest"),
        (Filter::UserType, "user"),
        (Filter::Email, " "),
    ] {
        let err = dir
            .collect_users(ListUsers::new().filter(filter, value))
            .await
            .unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidInput,
            "{filter}={value}: {err}"
        );
    }
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Title, "Engineer"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(server.requests().await.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_authentication_error_in_a_400_body_is_unauthenticated() {
    let server = SimServer::start(LinearSim, 5).await;
    server.fail_everything(Fault::Replay(SimResponse::json(400, &auth_error_body())));
    let dir = server.connect();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.code(), Some("AUTHENTICATION_ERROR"));
    assert!(!err.is_retryable());
    assert!(
        err.message().unwrap().contains("not authenticated"),
        "{err}"
    );
    assert_eq!(server.requests().await.len(), 1, "not retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_in_a_200_body_are_typed() {
    let cases = [
        (
            auth_error_body(),
            ErrorKind::Unauthenticated,
            "AUTHENTICATION_ERROR",
            false,
        ),
        (
            gql_error(
                "Forbidden",
                "FORBIDDEN",
                "forbidden",
                Some("You don't have permission to access this resource."),
            ),
            ErrorKind::PermissionDenied,
            "FORBIDDEN",
            false,
        ),
        (
            gql_error(
                "Cannot query field \"nosuchfield\" on type \"User\".",
                "GRAPHQL_VALIDATION_FAILED",
                "graphql error",
                None,
            ),
            ErrorKind::InvalidInput,
            "GRAPHQL_VALIDATION_FAILED",
            false,
        ),
        (
            gql_error("Lock timeout", "LOCK_TIMEOUT", "lock timeout", None),
            ErrorKind::Provider,
            "LOCK_TIMEOUT",
            true,
        ),
        (
            json!({"errors": [{"message": "Something else"}], "data": null}),
            ErrorKind::Provider,
            "",
            false,
        ),
    ];
    for (body, kind, code, retryable) in cases {
        let server = SimServer::start(LinearSim, 5).await;
        server.fail_everything(Fault::Replay(SimResponse::json(200, &body)));
        let dir = server.connect();
        let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
        assert_eq!(err.kind(), kind, "{err}");
        assert_eq!(err.status(), Some(200));
        assert_eq!(err.code().unwrap_or(""), code, "{err}");
        assert_eq!(err.is_retryable(), retryable, "{err}");
        assert_eq!(err.operation(), Some(Operation::List));
        assert!(err.resume_cursor().is_some(), "{err}");
        assert_eq!(server.requests().await.len(), 1, "a 200 is never retried");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn errors_next_to_data_fail_the_page() {
    let server = SimServer::start(LinearSim, 5).await;
    let mut body = json!({"data": {"users": {"nodes": [linear_user(0)], "pageInfo": {"hasNextPage": false, "endCursor": user_id(0)}}}});
    body["errors"] = json!([{"message": "Internal server error", "path": ["users", "nodes", 0, "teams"], "extensions": {"code": "INTERNAL_SERVER_ERROR", "type": "internal error"}}]);
    server.fail_everything(Fault::Replay(SimResponse::json(200, &body)));
    let dir = server.connect();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.is_retryable(), "an internal error may pass");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ratelimited_400_is_retried_and_then_typed() {
    // Once: retried after a backoff, and the listing completes.
    let server = SimServer::start(LinearSim, 25).await;
    server.script_list([
        None,
        Some(Fault::Replay(SimResponse::json(400, &ratelimited_body()))),
    ]);
    let dir = server.connect();
    let users = dir.collect_users(ListUsers::new().limit(10)).await.unwrap();
    assert_eq!(users.len(), 25);
    assert_eq!(server.clock().sleeps().len(), 1, "one throttled backoff");
    assert_eq!(server.list_requests().await.len(), 4);

    // Always: the transport gives up after its attempts; the error is RateLimited.
    let server = SimServer::start(LinearSim, 25).await;
    server.fail_everything(Fault::Replay(SimResponse::json(400, &ratelimited_body())));
    let dir = server.connect();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err}");
    assert_eq!(err.status(), Some(400));
    assert_eq!(err.code(), Some("RATELIMITED"));
    assert!(err.is_retryable());
    assert_eq!(
        server.requests().await.len(),
        3,
        "three attempts by default"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ratelimited_200_is_typed_with_the_millisecond_reset() {
    use truto_core::provider::Clock;
    let server = SimServer::start(LinearSim, 5).await;
    let now = server.clock().now();
    let reset = now + chrono::Duration::seconds(90);
    server.fail_everything(Fault::Replay(
        SimResponse::json(200, &ratelimited_body())
            .header("x-ratelimit-requests-remaining", "0")
            .header(
                "x-ratelimit-requests-reset",
                reset.timestamp_millis().to_string(),
            ),
    ));
    let dir = server.connect();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err}");
    assert!(err.is_retryable());
    let at = err
        .retry_at()
        .expect("the reset header gives the retry time");
    assert!(
        (at - reset).num_milliseconds().abs() < 1000,
        "read as milliseconds: {at} vs {reset}"
    );
    assert_eq!(
        server.requests().await.len(),
        1,
        "not retried by the provider"
    );

    // The spent budget's reset counts, not an earlier one of a budget that is not spent.
    let server = SimServer::start(LinearSim, 5).await;
    let now = server.clock().now();
    let soon = now + chrono::Duration::seconds(10);
    let later = now + chrono::Duration::seconds(300);
    server.fail_everything(Fault::Replay(
        SimResponse::json(200, &ratelimited_body())
            .header("x-ratelimit-requests-remaining", "1200")
            .header(
                "x-ratelimit-requests-reset",
                soon.timestamp_millis().to_string(),
            )
            .header("x-ratelimit-complexity-remaining", "0")
            .header(
                "x-ratelimit-complexity-reset",
                later.timestamp_millis().to_string(),
            ),
    ));
    let dir = server.connect();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    let at = err.retry_at().unwrap();
    assert!(
        (at - later).num_milliseconds().abs() < 1000,
        "{at} vs {later}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_next_page_without_a_cursor_is_an_error_not_the_end() {
    let server = SimServer::start(LinearSim, 5).await;
    server.fail_everything(Fault::Replay(SimResponse::json(
        200,
        &json!({"data": {"users": {"nodes": [linear_user(0)], "pageInfo": {"hasNextPage": true, "endCursor": null}}}}),
    )));
    let dir = server.connect();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_are_capped_by_query_complexity() {
    let server = SimServer::start(LinearSim, 5).await;
    let dir = server.connect();
    dir.collect_users(ListUsers::new().limit(500))
        .await
        .unwrap();
    let first = server.list_requests().await.remove(0);
    assert_eq!(variables(&first)["first"], json!(100));
    dir.collect_users(ListUsers::new().limit(500).ignore_limit(true))
        .await
        .unwrap();
    let last = server.list_requests().await.pop().unwrap();
    assert_eq!(variables(&last)["first"], json!(100));
}

/// A full `User` node, every field documented in Linear's schema that the integration asks for.
fn documented_user() -> Value {
    json!({
        "id": "a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d",
        "name": "Grace Hopper",
        "displayName": "grace",
        "email": "grace.hopper@acme.example.com",
        "avatarUrl": "https://public.linear.app/9cfb482a/a52bd2f6/avatar.png",
        "active": true,
        "admin": true,
        "owner": false,
        "guest": false,
        "app": false,
        "title": "Engineering Manager",
        "description": "Compilers, cycles and coffee.",
        "timezone": "America/New_York",
        "url": "https://linear.app/acme/profiles/grace",
        "createdAt": "2021-03-04T15:16:17.181Z",
        "updatedAt": "2025-06-07T08:09:10.111Z",
        "lastSeen": "2025-06-30T12:00:00.000Z",
        "disableReason": null,
        "statusEmoji": "🚢",
        "statusLabel": "Shipping",
        "isMe": false,
        "initials": "GH",
        "organization": {"id": ORG_ID, "name": "Acme", "urlKey": "acme"},
        "teams": {
            "nodes": [
                {"id": TEAMS[0].0, "name": "Engineering", "key": "ENG"},
                {"id": TEAMS[2].0, "name": "Product", "key": "PRD"}
            ],
            "pageInfo": {"hasNextPage": false}
        }
    })
}

fn key_config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", server.uri())
        .set("api_key", API_KEY)
}

fn without_remote(user: &User) -> Value {
    let mut value = serde_json::to_value(user).unwrap();
    value.as_object_mut().unwrap().remove("remote_data");
    value
}

fn graphql_body(request: &Request) -> Value {
    serde_json::from_slice(&request.body).unwrap()
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"user": documented_user()}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let dir = linear::connect(&key_config(&server)).unwrap();
    let user = dir
        .get_user("a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d", GetUser::new())
        .await
        .unwrap();
    let org = json!({"id": ORG_ID, "name": "Acme"});
    assert_eq!(
        without_remote(&user),
        json!({
            "id": "a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d",
            "name": "Grace Hopper",
            "title": "Engineering Manager",
            "username": "grace",
            "emails": [{"email": "grace.hopper@acme.example.com", "is_primary": true}],
            "status": "active",
            "roles": [{"id": "admin", "name": "Admin", "organization": org}],
            "organizations": [org],
            "groups": [
                {"id": TEAMS[0].0, "name": "Engineering"},
                {"id": TEAMS[2].0, "name": "Product"}
            ],
            "user_type": "admin",
            "avatar": "https://public.linear.app/9cfb482a/a52bd2f6/avatar.png",
            "timezone": "America/New_York",
            "bio": "Compilers, cycles and coffee.",
            "urls": [{"url": "https://linear.app/acme/profiles/grace", "type": "profile"}],
            "created_at": "2021-03-04T15:16:17.181Z",
            "updated_at": "2025-06-07T08:09:10.111Z",
            "last_active_at": "2025-06-30T12:00:00Z"
        })
    );
    assert_eq!(user.remote_data.unwrap().to_value(), documented_user());
}

#[tokio::test]
async fn maps_owners_guests_apps_and_deactivated_users() {
    let mut owner = documented_user();
    owner["owner"] = json!(true);
    let mut guest = documented_user();
    guest["id"] = json!("b1");
    guest["admin"] = json!(false);
    guest["guest"] = json!(true);
    guest["active"] = json!(false);
    guest["disableReason"] = json!("admin suspension");
    guest["teams"] = json!({"nodes": [], "pageInfo": {"hasNextPage": false}});
    let mut member = documented_user();
    member["id"] = json!("c1");
    member["admin"] = json!(false);
    member["description"] = json!("");
    member["lastSeen"] = json!(null);
    let mut app = documented_user();
    app["id"] = json!("d1");
    app["admin"] = json!(false);
    app["app"] = json!(true);
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"users": {
                "nodes": [owner, guest, member, app],
                "pageInfo": {"hasNextPage": false, "endCursor": "d1"}
            }}})),
        )
        .mount(&server)
        .await;
    let dir = linear::connect(&key_config(&server)).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    let summary: Vec<(Option<&str>, Option<&str>, Option<&str>)> = users
        .iter()
        .map(|u| {
            (
                u.user_type.as_deref(),
                u.roles[0].name.as_deref(),
                u.status.as_ref().map(UserStatus::as_str),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (Some("admin"), Some("Owner"), Some("active")),
            (Some("guest"), Some("Guest"), Some("inactive")),
            (Some("user"), Some("Member"), Some("active")),
            (Some("bot"), Some("Member"), Some("active")),
        ]
    );
    assert!(users[1].groups.is_empty());
    assert_eq!(users[2].bio, None, "an empty description is no bio");
    assert_eq!(users[2].last_active_at, None);
}

#[tokio::test]
async fn list_requests_are_graphql_posts_with_variables() {
    let server = MockServer::start().await;
    let first_page = |r: &Request| {
        let body = graphql_body(r);
        body["variables"]
            == json!({
                "first": 2,
                "includeDisabled": true,
                "filter": {
                    "email": {"eqIgnoreCase": "ada@acme.example.com"},
                    "active": {"eq": true}
                }
            })
    };
    let second_page = |r: &Request| graphql_body(r)["variables"]["after"] == json!("cursor-1");
    let is_users_query = |r: &Request| {
        let body = graphql_body(r);
        let query = body["query"].as_str().unwrap_or_default();
        query.contains("users(first: $first, after: $after, filter: $filter, includeDisabled: $includeDisabled, includeArchived: $includeArchived)")
            && query.contains("pageInfo { hasNextPage endCursor }")
            && query.contains("fragment TrutoUser on User")
            && query.contains("teams(first: 50)")
            && !query.contains("ada@")
    };
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(header("authorization", API_KEY))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(query_param("trace", "on"))
        .and(is_users_query)
        .and(first_page)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"users": {
                "nodes": [documented_user()],
                "pageInfo": {"hasNextPage": true, "endCursor": "cursor-1"}
            }}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut second = documented_user();
    second["id"] = json!("second-user");
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(header("authorization", API_KEY))
        .and(query_param("trace", "on"))
        .and(is_users_query)
        .and(second_page)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"users": {
                "nodes": [second],
                "pageInfo": {"hasNextPage": false, "endCursor": "second-user"}
            }}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let dir = linear::connect(&key_config(&server)).unwrap();
    let users = dir
        .collect_users(
            ListUsers::new()
                .limit(2)
                .filter(Filter::Email, "ada@acme.example.com")
                .filter(Filter::Status, "active")
                .remote_query("trace", "on"),
        )
        .await
        .unwrap();
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        vec!["a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d", "second-user"]
    );
}

#[tokio::test]
async fn include_archived_is_sent_as_a_variable_of_the_list_query() {
    let server = MockServer::start().await;
    let mut archived = documented_user();
    archived["id"] = json!("archived-user");
    archived["active"] = json!(false);
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(|r: &Request| {
            let body = graphql_body(r);
            let query = body["query"].as_str().unwrap_or_default();
            query.contains("$includeArchived: Boolean")
                && query.contains("includeArchived: $includeArchived")
                && body["variables"]
                    == json!({"first": 50, "includeDisabled": true, "includeArchived": true})
        })
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"users": {
                "nodes": [documented_user(), archived],
                "pageInfo": {"hasNextPage": false, "endCursor": "archived-user"}
            }}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let dir = linear::connect(&key_config(&server)).unwrap();
    let users = dir
        .collect_users(ListUsers::new().param("include_archived", "yes"))
        .await
        .unwrap();
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(
        ids,
        ["a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d", "archived-user"]
    );
    assert_eq!(users[1].status, Some(UserStatus::Inactive));
    assert!(linear::INTEGRATION.knows_param("include_archived"));
}

#[tokio::test]
async fn include_archived_false_is_sent_and_no_flag_sends_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"users": {
                "nodes": [],
                "pageInfo": {"hasNextPage": false, "endCursor": null}
            }}})),
        )
        .mount(&server)
        .await;
    let dir = linear::connect(&key_config(&server)).unwrap();
    dir.collect_users(ListUsers::new().param("include_archived", "0"))
        .await
        .unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        graphql_body(&requests[0])["variables"]["includeArchived"],
        json!(false)
    );
    assert!(
        graphql_body(&requests[1])["variables"]
            .get("includeArchived")
            .is_none()
    );
}

#[tokio::test]
async fn an_include_archived_that_is_not_a_flag_is_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = linear::connect(&key_config(&server)).unwrap();
    for value in ["maybe", "", "2"] {
        let err = dir
            .collect_users(ListUsers::new().param("include_archived", value))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{value}: {err}");
        assert!(err.to_string().contains("include_archived"), "{err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn get_sends_the_id_as_a_variable() {
    let server = MockServer::start().await;
    let is_get = |r: &Request| {
        let body = graphql_body(r);
        let query = body["query"].as_str().unwrap_or_default();
        query.starts_with("query TrutoUser($id: String!)")
            && query.contains("user(id: $id) { ...TrutoUser }")
            && body["variables"] == json!({"id": "a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d"})
    };
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(header("authorization", API_KEY))
        .and(is_get)
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"user": documented_user()}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let dir = linear::connect(&key_config(&server)).unwrap();
    let user = dir
        .get_user("a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d", GetUser::new())
        .await
        .unwrap();
    assert_eq!(user.username.as_deref(), Some("grace"));
}

#[tokio::test]
async fn an_oauth_access_token_is_sent_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(header("authorization", "Bearer lin_oauth_0123456789"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": {"user": documented_user()}})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", server.uri())
        .set("access_token", "lin_oauth_0123456789");
    let dir = linear::connect(&config).unwrap();
    dir.get_user("a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d", GetUser::new())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_5xx_on_a_query_post_is_retried_like_a_get() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("POST")).and(path("/graphql")),
        ResponseTemplate::new(502).set_body_string("Bad gateway"),
        ResponseTemplate::new(200).set_body_json(json!({"data": {"user": documented_user()}})),
    )
    .await;
    let clock = TestClock::new();
    let dir = linear::connect(&key_config(&server).with_clock(clock.shared())).unwrap();
    dir.get_user("a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d", GetUser::new())
        .await
        .unwrap();
    assert_eq!(clock.sleeps().len(), 1);
}

#[tokio::test]
async fn a_ratelimited_400_with_retry_after_is_waited_for() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("POST")).and(path("/graphql")),
        ResponseTemplate::new(400)
            .set_body_json(ratelimited_body())
            .insert_header("retry-after", "12"),
        ResponseTemplate::new(200).set_body_json(json!({"data": {"user": documented_user()}})),
    )
    .await;
    let clock = TestClock::new();
    let dir = linear::connect(&key_config(&server).with_clock(clock.shared())).unwrap();
    dir.get_user("a52bd2f6-3c1e-4f0a-9d8b-5e6f7a8b9c0d", GetUser::new())
        .await
        .unwrap();
    assert!(clock.total_slept() >= Duration::from_secs(12));
}

fn user_page(id: &str, next: Option<&str>) -> Value {
    let mut user = documented_user();
    user["id"] = json!(id);
    json!({"data": {"users": {
        "nodes": [user],
        "pageInfo": {"hasNextPage": next.is_some(), "endCursor": next.unwrap_or(id)}
    }}})
}

#[tokio::test]
async fn a_spent_request_budget_holds_the_next_request_until_its_millisecond_reset() {
    use truto_core::provider::Clock;
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = clock.now() + chrono::Duration::seconds(20);
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(|r: &Request| graphql_body(r)["variables"].get("after").is_none())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(user_page("u1", Some("u1")))
                .insert_header("x-ratelimit-requests-remaining", "0")
                .insert_header(
                    "x-ratelimit-requests-reset",
                    reset.timestamp_millis().to_string().as_str(),
                ),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/graphql"))
        .and(|r: &Request| graphql_body(r)["variables"]["after"] == json!("u1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(user_page("u2", None)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = linear::connect(&key_config(&server).with_clock(clock.shared())).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 2);
    let waited = clock.total_slept();
    assert!(
        waited >= Duration::from_secs(19) && waited <= Duration::from_secs(21),
        "the reset is epoch milliseconds, 20 s away: waited {waited:?}"
    );
}

#[tokio::test]
async fn a_ratelimited_400_without_retry_after_waits_for_the_request_reset() {
    use truto_core::provider::Clock;
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = clock.now() + chrono::Duration::seconds(15);
    answer_once_then(
        &server,
        || Mock::given(method("POST")).and(path("/graphql")),
        ResponseTemplate::new(400)
            .set_body_json(ratelimited_body())
            .insert_header("x-ratelimit-requests-remaining", "0")
            .insert_header(
                "x-ratelimit-requests-reset",
                reset.timestamp_millis().to_string().as_str(),
            ),
        ResponseTemplate::new(200).set_body_json(user_page("u1", None)),
    )
    .await;
    let dir = linear::connect(&key_config(&server).with_clock(clock.shared())).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let waited = clock.total_slept();
    assert!(
        waited >= Duration::from_secs(14) && waited <= Duration::from_secs(16),
        "waited {waited:?}"
    );
}

#[test]
fn a_connection_takes_exactly_one_credential() {
    let base = Config::new().set("base_url", "https://api.linear.app");
    let err = linear::connect(&base).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("TRUTO_LINEAR_API_KEY"), "{err}");
    let both = base
        .clone()
        .set("api_key", API_KEY)
        .set("access_token", "tok");
    assert_eq!(
        linear::connect(&both).unwrap_err().kind(),
        ErrorKind::Config
    );
    let dir = linear::connect(&base.set("api_key", API_KEY)).unwrap();
    let debug = format!("{dir:?}");
    assert!(!debug.contains(API_KEY), "{debug}");
    assert!(debug.contains("api.linear.app"), "{debug}");
}

#[test]
fn the_integration_declares_what_linear_offers() {
    let i = &linear::INTEGRATION;
    assert_eq!(i.slug, "linear");
    assert!(i.get && !i.update && !i.partial_list);
    assert_eq!(i.default_base_url, Some("https://api.linear.app"));
    assert_eq!(
        (i.default_page_size, i.max_page_size),
        (Some(50), Some(100))
    );
    assert_eq!(i.email_filter, Some(Filter::Email));
    let dir = linear::connect(&Config::new().set("api_key", API_KEY)).unwrap();
    assert_eq!(dir.integration().slug, "linear");
}
