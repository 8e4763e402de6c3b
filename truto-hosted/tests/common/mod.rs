//! A simulator of Truto's hosted Unified User Directory API for the conformance kit.
//!
//! It models the API in front of one provider: the store holds the *provider's* records;
//! the API answers with unified users (mapped fields, `remote_data` = the provider's record),
//! pages by opaque `next_cursor` tokens, honours `truto_response_format=raw`,
//! `truto_ignore_remote_data` and `truto_exclude_fields[]`, checks the bearer token and the
//! `integrated_account_id`, and sends the API's error bodies.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use serde_json::{Map, Value, json};
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{Route, SimRequest, SimResponse, Simulator};
use truto_core::{
    Config, Integration, ListUsers, Result, UpdateUser, User, UserDirectory, UserStatus, UserUpdate,
};

pub(crate) const TOKEN: &str = "truto-test-token-8841";
pub(crate) const ACCOUNT: &str = "6f1c2a9e-1b7d-4c55-9a7e-0d3c2b1a0f99";
const PREFIX: [&str; 3] = ["unified", "user-directory", "users"];

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HostedSim;

/// The opaque cursor the simulated API hands out for `offset` (it contains characters a
/// query string must encode).
pub(crate) fn cursor_for(offset: usize) -> String {
    format!("cur/{:x}+{}==", offset * 7919, offset)
}

fn offset_of(cursor: &str) -> Option<usize> {
    let rest = cursor.strip_prefix("cur/")?.strip_suffix("==")?;
    let (hex, plain) = rest.split_once('+')?;
    let offset: usize = plain.parse().ok()?;
    (usize::from_str_radix(hex, 16).ok()? == offset * 7919).then_some(offset)
}

/// The API's error body.
pub(crate) fn error_body(status: u16, message: &str) -> Value {
    let reason = http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error");
    json!({"statusCode": status, "error": reason, "message": message})
}

/// The provider's record for user `n`.
pub(crate) fn provider_record(n: usize) -> Value {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len()) % LAST_NAMES.len()];
    json!({
        "id": format!("usr_{n:05}"),
        "login": format!("{}.{}{n}", first.to_lowercase(), last.to_lowercase()),
        "given": first,
        "family": last,
        "display": format!("{first} {last}"),
        "mail": format!("{}.{}{n}@example.com", first.to_lowercase(), last.to_lowercase()),
        "job": "Engineer",
        "state": if n % 4 == 3 { "suspended" } else { "active" },
        "created": format!("2024-{:02}-{:02}T10:00:00Z", n % 12 + 1, n % 28 + 1),
    })
}

/// The unified user the API maps a provider record to.
pub(crate) fn unified(record: &Value, request: &SimRequest) -> Value {
    let r = record;
    let mut u = json!({
        "id": r["id"],
        "first_name": r["given"],
        "last_name": r["family"],
        "name": r["display"],
        "title": r["job"],
        "username": r["login"],
        "emails": [{"email": r["mail"], "type": "work", "is_primary": true}],
        "status": if r["state"] == "active" { "active" } else { "inactive" },
        "created_at": r["created"],
        "remote_data": r,
    });
    let obj = u.as_object_mut().unwrap();
    if request.query_param("truto_ignore_remote_data") == Some("true") {
        obj.remove("remote_data");
    }
    for (k, v) in &request.query {
        if k == "truto_exclude_fields[]" {
            obj.remove(v);
        }
    }
    u
}

fn shape(record: &Value, request: &SimRequest) -> Value {
    if request.query_param("truto_response_format") == Some("raw") {
        record.clone()
    } else {
        unified(record, request)
    }
}

/// The API's answer when `integrated_account_id` is missing or unknown.
fn account_error(request: &SimRequest) -> Option<SimResponse> {
    match request.query_param("integrated_account_id") {
        None => {
            let mut body = error_body(400, "Missing required query parameters");
            body["truto_error_insight"] =
                json!({"missing_required_query_parameters": ["integrated_account_id"]});
            Some(SimResponse::json(400, &body))
        }
        Some(ACCOUNT) => None,
        Some(_) => Some(SimResponse::json(
            404,
            &error_body(404, "Integrated account not found"),
        )),
    }
}

impl Simulator for HostedSim {
    fn integration(&self) -> &'static Integration {
        &truto_hosted::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new()
            .set("base_url", base_url)
            .set("token", TOKEN)
            .set("integrated_account_id", ACCOUNT)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        truto_hosted::connect(config)
    }

    fn list_options(&self) -> ListUsers {
        ListUsers::new()
    }

    fn update_options(&self) -> Option<UpdateUser> {
        let mut body = UserUpdate::default();
        body.title = Some("Chief Tester".into());
        body.status = Some(UserStatus::Inactive);
        Some(UpdateUser::new().body(body))
    }

    fn check_updated(&self, user: &User) {
        assert_eq!(user.title.as_deref(), Some("Chief Tester"), "{user:?}");
        assert_eq!(user.status, Some(UserStatus::Inactive), "{user:?}");
    }

    fn record(&self, n: usize) -> Value {
        provider_record(n)
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(&format!("Bearer {TOKEN}"))
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = request.segments();
        if segments.len() < 3 || segments[..3] != PREFIX {
            return None;
        }
        match (request.method.as_str(), segments.len()) {
            ("GET", 3) => Some(Route::List),
            ("GET", 4) => Some(Route::Get(segments[3].clone())),
            ("PATCH", 4) => Some(Route::Update(segments[3].clone())),
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        if let Some(e) = account_error(request) {
            return e;
        }
        let start = match request.query_param("next_cursor") {
            None => 0,
            Some(c) => match offset_of(c) {
                Some(o) => o,
                None => return self.error(400, "Invalid next_cursor"),
            },
        };
        let limit = if request.query_param("truto_ignore_limit") == Some("true") {
            1000
        } else {
            request
                .query_param("limit")
                .and_then(|l| l.parse::<usize>().ok())
                .unwrap_or(25)
                .clamp(1, 100)
        };
        let end = (start + limit).min(records.len());
        let page: Vec<Value> = records[start.min(end)..end]
            .iter()
            .map(|r| shape(r, request))
            .collect();
        let next = (end < records.len()).then(|| cursor_for(end));
        SimResponse::json(
            200,
            &json!({
                "result": page,
                "next_cursor": next,
                "prev_cursor": if start > 0 { Value::String(cursor_for(start.saturating_sub(limit))) } else { Value::Null },
                "result_count": end - start.min(end),
            }),
        )
    }

    fn get(&self, request: &SimRequest, record: &Value) -> SimResponse {
        if let Some(e) = account_error(request) {
            return e;
        }
        SimResponse::json(200, &shape(record, request))
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        if let Some(e) = account_error(request) {
            return e;
        }
        let Some(Value::Object(body)) = request.json() else {
            return self.error(400, "Invalid JSON body");
        };
        let r: &mut Map<String, Value> = record.as_object_mut().unwrap();
        for (field, target) in [
            ("first_name", "given"),
            ("last_name", "family"),
            ("name", "display"),
            ("title", "job"),
            ("username", "login"),
        ] {
            if let Some(v) = body.get(field) {
                r.insert(target.to_owned(), v.clone());
            }
        }
        if let Some(status) = body.get("status").and_then(Value::as_str) {
            let state = if status == "active" {
                "active"
            } else {
                "suspended"
            };
            r.insert("state".to_owned(), json!(state));
        }
        if let Some(Value::Object(extra)) = body.get("remote_data") {
            for (k, v) in extra {
                r.insert(k.clone(), v.clone());
            }
        }
        SimResponse::json(200, &shape(record, request))
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        SimResponse::json(status, &error_body(status, message))
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(200, "application/json", r#"{"result": [{"id": "1", "#)
    }
}
