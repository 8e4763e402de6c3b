//! GitLab: the shared conformance scenarios over a simulator of both directories GitLab
//! lists (a group's members, paged by `X-Next-Page`; the instance's users, paged by
//! keyset `Link` headers), the mapping of full documented records, and the exact requests
//! GitLab receives (wiremock).
#![cfg(feature = "gitlab")]
#![recursion_limit = "256"]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{Map, Value, json};
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{Route, SimRequest, SimResponse, SimServer, Simulator, TestClock};
use truto_core::{
    Config, Email, ErrorKind, Filter, GetUser, Integration, ListUsers, Organization, Result,
    UpdateUser, User, UserDirectory, UserDirectoryExt, UserStatus, UserUpdate,
};
use truto_devtools::gitlab;
use url::Url;
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "glpat-test-0123456789abcdef";
const GROUP: &str = "acme-corp/platform";

const TITLES: &[&str] = &[
    "Backend Engineer",
    "Site Reliability Engineer",
    "Engineering Manager",
    "Security Analyst",
    "",
    "Technical Writer",
];
const LEVELS: &[i64] = &[10, 15, 20, 30, 40, 50];

fn user_id(n: usize) -> u64 {
    1000 + 3 * n as u64
}

fn index_of(id: u64) -> usize {
    ((id - 1000) / 3) as usize
}

fn username(n: usize) -> String {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    format!("{}.{}{n}", first.to_lowercase(), last.to_lowercase())
}

fn full_name(n: usize) -> String {
    let first = FIRST_NAMES[n % FIRST_NAMES.len()];
    let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()];
    format!("{first} {last}")
}

fn state(n: usize) -> &'static str {
    match n {
        n if n % 11 == 10 => "blocked",
        n if n % 17 == 16 => "deactivated",
        n if n % 23 == 22 => "blocked_pending_approval",
        _ => "active",
    }
}

fn timestamp(n: usize, year: u32) -> String {
    format!(
        "{year}-{:02}-{:02}T{:02}:{:02}:{:02}.000Z",
        n % 12 + 1,
        n % 28 + 1,
        n % 24,
        n % 60,
        (n * 7) % 60
    )
}

/// User `n` as `/users` answers an administrator.
fn admin_user(n: usize) -> Value {
    let id = user_id(n);
    let login = username(n);
    json!({
        "id": id,
        "username": login,
        "email": format!("{login}@acme.example.com"),
        "name": full_name(n),
        "state": state(n),
        "locked": false,
        "avatar_url": format!("https://gitlab.acme.example.com/uploads/-/system/user/avatar/{id}/avatar.png"),
        "web_url": format!("https://gitlab.acme.example.com/{login}"),
        "created_at": timestamp(n, 2021),
        "is_admin": n.is_multiple_of(10),
        "bio": if n.is_multiple_of(3) { "Keeps the pipelines green." } else { "" },
        "location": if n.is_multiple_of(2) { Value::from("Berlin") } else { Value::Null },
        "public_email": if n.is_multiple_of(4) { format!("{login}@users.example.org") } else { String::new() },
        "skype": "",
        "linkedin": "",
        "twitter": "",
        "discord": "",
        "website_url": "",
        "organization": "Acme Corp",
        "job_title": TITLES[n % TITLES.len()],
        "pronouns": null,
        "bot": n % 19 == 18,
        "work_information": "Acme Corp",
        "followers": n % 7,
        "following": n % 5,
        "local_time": null,
        "last_sign_in_at": timestamp(n, 2025),
        "confirmed_at": if n % 8 == 7 { Value::Null } else { Value::from(timestamp(n, 2021)) },
        "theme_id": 1,
        "last_activity_on": format!("2026-01-{:02}", n % 28 + 1),
        "color_scheme_id": 1,
        "projects_limit": 100000,
        "current_sign_in_at": timestamp(n, 2026),
        "note": null,
        "identities": if n.is_multiple_of(3) {
            json!([{"provider": "saml", "extern_uid": format!("{login}@idp.acme.example.com")}])
        } else {
            json!([])
        },
        "can_create_group": true,
        "can_create_project": true,
        "two_factor_enabled": n % 4 != 1,
        "external": false,
        "private_profile": false,
        "commit_email": format!("{login}@acme.example.com"),
        "current_sign_in_ip": format!("198.51.100.{}", n % 250),
        "last_sign_in_ip": format!("198.51.100.{}", (n + 1) % 250),
        "namespace_id": 5000 + n,
        "created_by": null,
        "email_reset_offered_at": null
    })
}

/// User `n` as a group's members endpoints answer.
fn member(n: usize) -> Value {
    let id = user_id(n);
    let login = username(n);
    let mut record = json!({
        "id": id,
        "username": login,
        "name": full_name(n),
        "state": state(n),
        "locked": false,
        "avatar_url": format!("https://gitlab.acme.example.com/uploads/-/system/user/avatar/{id}/avatar.png"),
        "web_url": format!("https://gitlab.acme.example.com/{login}"),
        "access_level": LEVELS[n % LEVELS.len()],
        "created_at": timestamp(n, 2024),
        "created_by": {
            "id": 1,
            "username": "root",
            "name": "Administrator",
            "state": "active",
            "locked": false,
            "avatar_url": "https://gitlab.acme.example.com/uploads/-/system/user/avatar/1/avatar.png",
            "web_url": "https://gitlab.acme.example.com/root"
        },
        "expires_at": if n.is_multiple_of(4) { Value::from("2026-12-31") } else { Value::Null },
        "group_saml_identity": if n.is_multiple_of(3) {
            json!({"extern_uid": format!("saml-{n:05}"), "provider": "group_saml", "saml_provider_id": 10})
        } else {
            Value::Null
        }
    });
    // Enterprise users of the group show their email to its owners.
    if n.is_multiple_of(2) {
        record["email"] = json!(format!("{login}@acme.example.com"));
    }
    record
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// `organization_id` names a group: its members are listed.
    Group,
    /// No group: the instance's users, by keyset.
    Instance,
}

/// A simulated GitLab instance.
#[derive(Debug, Clone)]
struct GitLabSim {
    mode: Mode,
    /// Profile fields set by `PUT /users/{id}` that a member record does not carry.
    profiles: Arc<Mutex<HashMap<String, Map<String, Value>>>>,
}

impl GitLabSim {
    fn group() -> Self {
        GitLabSim {
            mode: Mode::Group,
            profiles: Arc::default(),
        }
    }

    fn instance() -> Self {
        GitLabSim {
            mode: Mode::Instance,
            profiles: Arc::default(),
        }
    }

    /// What `GET /users/{id}` answers for a stored record.
    fn user_view(&self, record: &Value) -> Value {
        if self.mode == Mode::Instance {
            return record.clone();
        }
        let id = record["id"].as_u64().unwrap();
        let mut view = admin_user(index_of(id));
        for key in ["name", "username", "state"] {
            view[key] = record[key].clone();
        }
        if let Some(profile) = self.profiles.lock().unwrap().get(&id.to_string()) {
            for (k, v) in profile {
                view[k.as_str()] = v.clone();
            }
        }
        view
    }

    fn rate_limit_headers(response: SimResponse) -> SimResponse {
        let reset = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
            + 60;
        response
            .header("ratelimit-limit", "2000")
            .header("ratelimit-observed", "1")
            .header("ratelimit-remaining", "1999")
            .header("ratelimit-reset", reset.to_string())
    }
}

/// The path's segments below `/api/v4`, decoded.
fn api_segments(request: &SimRequest) -> Vec<String> {
    let segments = request.segments();
    match segments.as_slice() {
        [api, v4, rest @ ..] if api == "api" && v4 == "v4" => rest.to_vec(),
        _ => Vec::new(),
    }
}

/// An absolute URL on the server the request came to, as GitLab writes its links.
fn link(request: &SimRequest, replace: &[(&str, String)]) -> String {
    let host = request.header("host").unwrap_or("127.0.0.1");
    let mut url = Url::parse(&format!("http://{host}{}", request.path)).unwrap();
    {
        let mut q = url.query_pairs_mut();
        for (k, v) in &request.query {
            if !replace.iter().any(|(r, _)| r == k) {
                q.append_pair(k, v);
            }
        }
        for (k, v) in replace {
            q.append_pair(k, v);
        }
    }
    url.to_string()
}

/// Offset pagination with GitLab's headers.
fn offset_page(request: &SimRequest, records: &[&Value], per_page: usize) -> SimResponse {
    let page: usize = request
        .query_param("page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .max(1);
    let total = records.len();
    let pages = total.div_ceil(per_page).max(1);
    let slice: Vec<&Value> = records
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .copied()
        .collect();
    let next = (page < pages).then(|| (page + 1).to_string());
    let prev = (page > 1).then(|| (page - 1).to_string());
    let mut links = Vec::new();
    if let Some(p) = &prev {
        links.push(format!(
            "<{}>; rel=\"prev\"",
            link(request, &[("page", p.clone())])
        ));
    }
    if let Some(n) = &next {
        links.push(format!(
            "<{}>; rel=\"next\"",
            link(request, &[("page", n.clone())])
        ));
    }
    links.push(format!(
        "<{}>; rel=\"first\"",
        link(request, &[("page", "1".into())])
    ));
    let mut response = SimResponse::json(200, &json!(slice))
        .header("x-page", page.to_string())
        .header("x-per-page", per_page.to_string())
        .header("x-next-page", next.unwrap_or_default())
        .header("x-prev-page", prev.unwrap_or_default());
    // GitLab leaves the counts out above 10,000 records.
    if total <= 10_000 {
        links.push(format!(
            "<{}>; rel=\"last\"",
            link(request, &[("page", pages.to_string())])
        ));
        response = response
            .header("x-total", total.to_string())
            .header("x-total-pages", pages.to_string());
    }
    GitLabSim::rate_limit_headers(response.header("link", links.join(", ")))
}

fn hex(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Option<String> {
    let bytes: Option<Vec<u8>> = (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

fn contains(record: &Value, key: &str, needle: &str) -> bool {
    record[key]
        .as_str()
        .is_some_and(|v| v.to_lowercase().contains(&needle.to_lowercase()))
}

impl Simulator for GitLabSim {
    fn integration(&self) -> &'static Integration {
        &gitlab::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new()
            .set("base_url", format!("{base_url}/api/v4"))
            .set("token", TOKEN)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        gitlab::connect(config)
    }

    fn list_options(&self) -> ListUsers {
        match self.mode {
            Mode::Group => ListUsers::new().filter(Filter::OrganizationId, GROUP),
            Mode::Instance => ListUsers::new(),
        }
    }

    fn get_options(&self) -> GetUser {
        match self.mode {
            Mode::Group => GetUser::new().param("organization_id", GROUP),
            Mode::Instance => GetUser::new(),
        }
    }

    fn update_options(&self) -> Option<UpdateUser> {
        let mut body = UserUpdate::default();
        body.name = Some("Renamed Person".into());
        body.status = Some(UserStatus::Inactive);
        Some(UpdateUser::new().body(body))
    }

    fn check_updated(&self, user: &User) {
        assert_eq!(
            user.status,
            Some(UserStatus::Inactive),
            "not blocked: {user:?}"
        );
        assert_eq!(user.name.as_deref(), Some("Renamed Person"));
    }

    fn record(&self, n: usize) -> Value {
        match self.mode {
            Mode::Group => member(n),
            Mode::Instance => admin_user(n),
        }
    }

    fn record_id(&self, record: &Value) -> String {
        record["id"]
            .as_u64()
            .map(|id| id.to_string())
            .unwrap_or_default()
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("private-token") == Some(TOKEN)
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let segments = api_segments(request);
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["users"])
            | ("GET", ["groups", _, "members"])
            | ("GET", ["groups", _, "members", "all"]) => Some(Route::List),
            ("GET", ["users", id])
            | ("GET", ["groups", _, "members", "all", id])
            | ("GET", ["groups", _, "members", id]) => Some(Route::Get((*id).to_owned())),
            ("PUT", ["users", id]) => Some(Route::Update((*id).to_owned())),
            (
                "POST",
                [
                    "users",
                    id,
                    "block" | "unblock" | "activate" | "deactivate" | "ban" | "unban" | "approve",
                ],
            ) => Some(Route::Update((*id).to_owned())),
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let per_page: usize = request
            .query_param("per_page")
            .and_then(|p| p.parse().ok())
            .unwrap_or(20)
            .clamp(1, 100);
        let segments = api_segments(request);
        if segments[0] == "groups" {
            if segments[1] != GROUP {
                return SimResponse::json(404, &json!({"message": "404 Group Not Found"}));
            }
            let filtered: Vec<&Value> = records
                .iter()
                .filter(|r| match request.query_param("query") {
                    Some(q) => {
                        contains(r, "username", q)
                            || contains(r, "name", q)
                            || contains(r, "email", q)
                    }
                    None => true,
                })
                .collect();
            return offset_page(request, &filtered, per_page);
        }
        let filtered: Vec<&Value> = records
            .iter()
            .filter(|r| {
                request.query_param("username").is_none_or(|u| {
                    r["username"]
                        .as_str()
                        .is_some_and(|v| v.eq_ignore_ascii_case(u))
                }) && request.query_param("search").is_none_or(|s| {
                    contains(r, "name", s)
                        || contains(r, "username", s)
                        || r["email"]
                            .as_str()
                            .is_some_and(|e| e.eq_ignore_ascii_case(s))
                }) && (request.query_param("active") != Some("true") || r["state"] == "active")
                    && (request.query_param("exclude_active") != Some("true")
                        || r["state"] != "active")
            })
            .collect();
        if request.query_param("pagination") != Some("keyset") {
            return offset_page(request, &filtered, per_page);
        }
        if request.query_param("order_by") != Some("id")
            || request.query_param("sort") != Some("asc")
        {
            return SimResponse::json(
                405,
                &json!({"message": "405 Method Not Allowed - keyset pagination is supported for order_by=id and sort=asc here"}),
            );
        }
        let after: u64 = match request.query_param("cursor") {
            None => 0,
            Some(c) => match unhex(c).and_then(|t| t.strip_prefix("id:")?.parse().ok()) {
                Some(id) => id,
                None => return SimResponse::json(400, &json!({"error": "cursor is invalid"})),
            },
        };
        let page: Vec<&Value> = filtered
            .iter()
            .filter(|r| r["id"].as_u64().unwrap_or(0) > after)
            .take(per_page)
            .copied()
            .collect();
        let mut response = SimResponse::json(200, &json!(page));
        // A full page links to the next; the end of the collection has no link.
        if page.len() == per_page {
            let last = page[page.len() - 1]["id"].as_u64().unwrap();
            let next = link(request, &[("cursor", hex(&format!("id:{last}")))]);
            response = response.header("link", format!("<{next}>; rel=\"next\""));
        }
        Self::rate_limit_headers(response)
    }

    fn get(&self, request: &SimRequest, record: &Value) -> SimResponse {
        let segments = api_segments(request);
        if segments[0] == "users" {
            return Self::rate_limit_headers(SimResponse::json(200, &self.user_view(record)));
        }
        if segments[1] != GROUP {
            return SimResponse::json(404, &json!({"message": "404 Group Not Found"}));
        }
        Self::rate_limit_headers(SimResponse::json(200, record))
    }

    fn update(&self, request: &SimRequest, record: &mut Value) -> SimResponse {
        let segments = api_segments(request);
        let id = self.record_id(record);
        if request.method == "PUT" {
            let Some(Value::Object(body)) = request.json() else {
                return SimResponse::json(400, &json!({"error": "body is invalid"}));
            };
            let skip = body.get("skip_reconfirmation") == Some(&json!(true));
            let mut profiles = self.profiles.lock().unwrap();
            for (key, value) in body {
                let key = match key.as_str() {
                    "password" | "skip_reconfirmation" => continue,
                    // A new email waits for confirmation unless told otherwise.
                    "email" if !skip => "unconfirmed_email".to_owned(),
                    _ => key,
                };
                if record.get(&key).is_some() {
                    record[key.as_str()] = value;
                } else {
                    profiles.entry(id.clone()).or_default().insert(key, value);
                }
            }
            drop(profiles);
            return SimResponse::json(200, &self.user_view(record));
        }
        let current = record["state"].as_str().unwrap_or("").to_owned();
        let forbidden = |why: &str| {
            SimResponse::json(403, &json!({"message": format!("403 Forbidden - {why}")}))
        };
        let next = match (segments[2].as_str(), current.as_str()) {
            ("block", "ldap_blocked") => {
                return forbidden("LDAP blocked users cannot be modified by the API");
            }
            ("block", _) => "blocked",
            ("unblock", "ldap_blocked") => {
                return forbidden("LDAP blocked users cannot be unblocked by the API");
            }
            ("unblock", "deactivated") => {
                return forbidden("Deactivated users cannot be unblocked by the API");
            }
            ("unblock", _) => "active",
            ("activate", "blocked" | "ldap_blocked") => {
                return forbidden("A blocked user must be unblocked to be activated");
            }
            ("activate", _) => "active",
            ("deactivate", "active") => "deactivated",
            ("deactivate", _) => {
                return forbidden("The user you are trying to deactivate is not active");
            }
            ("ban", "active") => "banned",
            ("unban", "banned") => "active",
            ("approve", "blocked_pending_approval") => "active",
            _ => return SimResponse::json(409, &json!({"message": "409 Conflict"})),
        };
        record["state"] = json!(next);
        SimResponse::raw(201, "application/json", "true")
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        match status {
            401 => SimResponse::json(401, &json!({"message": "401 Unauthorized"})),
            404 => SimResponse::json(404, &json!({"message": "404 User Not Found"})),
            // Rack::Attack refuses in plain text.
            429 => SimResponse::raw(429, "text/plain", "Retry later\n"),
            _ => SimResponse::json(status, &json!({"message": format!("{status} {message}")})),
        }
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(200, "application/json", r#"[{"id": 1000, "username": "ada"#)
    }
}

mod group_members {
    use super::*;
    truto_core::conformance_tests!(GitLabSim::group());
}

mod instance_users {
    use super::*;
    truto_core::conformance_tests!(GitLabSim::instance());
}

#[tokio::test]
async fn group_pages_are_fetched_concurrently_from_x_total() {
    let server = SimServer::start(GitLabSim::group(), 95).await;
    let dir = server.connect();
    let users = dir
        .collect_users(
            GitLabSim::group()
                .list_options()
                .limit(10)
                .page_concurrency(4),
        )
        .await
        .unwrap();
    let got: Vec<String> = users.iter().map(|u| u.id.clone()).collect();
    assert_eq!(got, server.ids());
    let pages: Vec<String> = server
        .list_requests()
        .await
        .iter()
        .map(|r| r.query_param("page").unwrap().to_owned())
        .collect();
    assert_eq!(pages.len(), 10, "{pages:?}");
    for p in 1..=10 {
        assert!(
            pages.contains(&p.to_string()),
            "page {p} not fetched: {pages:?}"
        );
    }
}

#[tokio::test]
async fn group_member_roles_and_scope_through_the_simulator() {
    let server = SimServer::start(GitLabSim::group(), 12).await;
    let dir = server.connect();
    let users = dir
        .collect_users(GitLabSim::group().list_options())
        .await
        .unwrap();
    let owner = &users[5];
    assert_eq!(owner.roles.len(), 1);
    assert_eq!(owner.roles[0].id.as_deref(), Some("50"));
    assert_eq!(owner.roles[0].name.as_deref(), Some("Owner"));
    assert_eq!(
        owner.roles[0].organization.as_ref().unwrap().id.as_deref(),
        Some(GROUP)
    );
    // Record 10 is blocked, 22 would be pending approval.
    assert_eq!(users[10].status, Some(UserStatus::Inactive));
    assert_eq!(
        users[0].emails[0].email,
        format!("{}@acme.example.com", username(0))
    );
    assert!(
        users[1].emails.is_empty(),
        "only enterprise users show an email"
    );
    // The group path travels as one encoded segment.
    let first = &server.list_requests().await[0];
    assert_eq!(
        first.path,
        "/api/v4/groups/acme-corp%2Fplatform/members/all"
    );
}

/// A user as `GET /users/:id` answers an administrator (fields as GitLab documents them).
fn full_admin_user() -> Value {
    json!({
        "id": 4217,
        "username": "grace.hopper",
        "email": "grace.hopper@example.com",
        "name": "Grace Hopper",
        "state": "active",
        "locked": false,
        "avatar_url": "https://gitlab.example.com/uploads/-/system/user/avatar/4217/avatar.png",
        "web_url": "https://gitlab.example.com/grace.hopper",
        "created_at": "2019-03-14T09:26:53.000Z",
        "is_admin": true,
        "bio": "Compilers, COBOL and nanoseconds.",
        "location": "Arlington, VA",
        "public_email": "grace@hopper.example.org",
        "skype": "",
        "linkedin": "gracehopper",
        "twitter": "",
        "discord": "",
        "website_url": "https://hopper.example.org",
        "organization": "US Navy",
        "job_title": "Rear Admiral",
        "pronouns": "she/her",
        "bot": false,
        "work_information": "Rear Admiral at US Navy",
        "followers": 12,
        "following": 3,
        "local_time": "9:41 AM",
        "last_sign_in_at": "2026-01-05T08:00:00.000Z",
        "confirmed_at": "2019-03-14T09:30:00.000Z",
        "theme_id": 1,
        "last_activity_on": "2026-01-07",
        "color_scheme_id": 2,
        "projects_limit": 100000,
        "current_sign_in_at": "2026-01-07T14:22:10.512Z",
        "note": "Onboarded by IT",
        "identities": [
            {"provider": "saml", "extern_uid": "ghopper@idp.example.com"},
            {"provider": "github", "extern_uid": "2435223452345"}
        ],
        "can_create_group": true,
        "can_create_project": true,
        "two_factor_enabled": true,
        "external": false,
        "private_profile": false,
        "commit_email": "grace.hopper@example.com",
        "current_sign_in_ip": "198.51.100.7",
        "last_sign_in_ip": "198.51.100.9",
        "plan": "ultimate",
        "trial": false,
        "sign_in_count": 1337,
        "namespace_id": 5120,
        "created_by": null,
        "email_reset_offered_at": null,
        "is_auditor": false,
        "using_license_seat": true
    })
}

/// Members as `GET /groups/:id/members/all` answers a group owner.
fn documented_members() -> Value {
    json!([
        {
            "id": 1,
            "username": "raymond_smith",
            "name": "Raymond Smith",
            "state": "active",
            "locked": false,
            "avatar_url": "https://www.gravatar.com/avatar/c2525a7f58ae3776070e44c106c48e15?s=80&d=identicon",
            "web_url": "https://gitlab.example.com/raymond_smith",
            "created_at": "2024-09-22T14:13:35Z",
            "created_by": {
                "id": 2,
                "username": "john_doe",
                "name": "John Doe",
                "state": "active",
                "avatar_url": "https://www.gravatar.com/avatar/c2525a7f58ae3776070e44c106c48e15?s=80&d=identicon",
                "web_url": "https://gitlab.example.com/john_doe"
            },
            "expires_at": "2026-10-22",
            "access_level": 30,
            "group_saml_identity": null
        },
        {
            "id": 2,
            "username": "john_doe",
            "name": "John Doe",
            "state": "blocked",
            "locked": false,
            "avatar_url": "https://www.gravatar.com/avatar/c2525a7f58ae3776070e44c106c48e15?s=80&d=identicon",
            "web_url": "https://gitlab.example.com/john_doe",
            "created_at": "2024-09-22T14:13:35Z",
            "created_by": null,
            "expires_at": null,
            "access_level": 50,
            "email": "john@example.com",
            "group_saml_identity": {
                "extern_uid": "ABC-1234567890",
                "provider": "group_saml",
                "saml_provider_id": 10
            }
        }
    ])
}

fn token_config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", format!("{}/api/v4", server.uri()))
        .set("token", TOKEN)
}

fn connect(server: &MockServer) -> Arc<dyn UserDirectory> {
    gitlab::connect(&token_config(server)).unwrap()
}

fn without_remote(user: &User) -> Value {
    let mut v = serde_json::to_value(user).unwrap();
    v.as_object_mut().unwrap().remove("remote_data");
    v
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users/4217"))
        .and(header("private-token", TOKEN))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_admin_user()))
        .expect(1)
        .mount(&server)
        .await;
    let user = connect(&server)
        .get_user("4217", GetUser::new())
        .await
        .unwrap();
    assert_eq!(
        without_remote(&user),
        json!({
            "id": "4217",
            "identifiers": {"saml": "ghopper@idp.example.com", "github": "2435223452345"},
            "name": "Grace Hopper",
            "title": "Rear Admiral",
            "username": "grace.hopper",
            "emails": [
                {"email": "grace.hopper@example.com", "is_primary": true},
                {"email": "grace@hopper.example.org", "type": "public"}
            ],
            "status": "active",
            "is_email_verified": true,
            "is_2fa_enabled": true,
            "roles": [{"id": "admin", "name": "Admin"}],
            "organizations": [{"name": "US Navy"}],
            "user_type": "admin",
            "avatar": "https://gitlab.example.com/uploads/-/system/user/avatar/4217/avatar.png",
            "bio": "Compilers, COBOL and nanoseconds.",
            "urls": [
                {"url": "https://gitlab.example.com/grace.hopper", "type": "profile"},
                {"url": "https://hopper.example.org", "type": "website"}
            ],
            "created_at": "2019-03-14T09:26:53Z",
            "last_active_at": "2026-01-07T00:00:00Z",
            "last_login_at": "2026-01-07T14:22:10.512Z"
        })
    );
    assert_eq!(
        user.remote_data.unwrap().to_value(),
        full_admin_user(),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn maps_group_members_with_their_role_in_the_group() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/groups/acme-corp%2Fplatform/members/all"))
        .and(query_param("page", "1"))
        .and(query_param("per_page", "100"))
        .and(header("private-token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(documented_members())
                .insert_header("x-next-page", "")
                .insert_header("x-total", "2"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let page = connect(&server)
        .list_users_page(ListUsers::new().filter(Filter::OrganizationId, "acme-corp%2Fplatform"))
        .await
        .unwrap();
    assert_eq!(page.total, Some(2));
    assert!(page.next_cursor.is_none());
    let got: Vec<Value> = page.users.iter().map(without_remote).collect();
    assert_eq!(
        got,
        vec![
            json!({
                "id": "1",
                "name": "Raymond Smith",
                "username": "raymond_smith",
                "status": "active",
                "roles": [{"id": "30", "name": "Developer", "organization": {"id": GROUP}}],
                "organizations": [{"id": GROUP}],
                "avatar": "https://www.gravatar.com/avatar/c2525a7f58ae3776070e44c106c48e15?s=80&d=identicon",
                "urls": [{"url": "https://gitlab.example.com/raymond_smith", "type": "profile"}]
            }),
            json!({
                "id": "2",
                "external_id": "ABC-1234567890",
                "name": "John Doe",
                "username": "john_doe",
                "emails": [{"email": "john@example.com", "is_primary": true}],
                "status": "inactive",
                "roles": [{"id": "50", "name": "Owner", "organization": {"id": GROUP}}],
                "organizations": [{"id": GROUP}],
                "avatar": "https://www.gravatar.com/avatar/c2525a7f58ae3776070e44c106c48e15?s=80&d=identicon",
                "urls": [{"url": "https://gitlab.example.com/john_doe", "type": "profile"}]
            }),
        ]
    );
    assert_eq!(
        page.users[1].remote_data.as_ref().unwrap().to_value(),
        documented_members()[1]
    );
}

#[tokio::test]
async fn group_listing_follows_x_next_page_with_filters_and_remote_query() {
    let server = MockServer::start().await;
    let records = documented_members();
    for (page, next, body) in [
        ("1", "2", json!([records[0]])),
        ("2", "", json!([records[1]])),
    ] {
        Mock::given(method("GET"))
            .and(path("/api/v4/groups/77/members/all"))
            .and(query_param("page", page))
            .and(query_param("per_page", "1"))
            .and(query_param("query", "doe"))
            .and(query_param("with_custom_attributes", "true"))
            .and(header("private-token", TOKEN))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(body)
                    .insert_header("x-page", page)
                    .insert_header("x-next-page", next)
                    .insert_header("x-total", "2"),
            )
            .expect(1)
            .mount(&server)
            .await;
    }
    let users = connect(&server)
        .collect_users(
            ListUsers::new()
                .filter(Filter::WorkspaceId, "77")
                .filter(Filter::Username, "doe")
                .limit(1)
                .remote_query("with_custom_attributes", "true"),
        )
        .await
        .unwrap();
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
}

#[tokio::test]
async fn direct_members_only_without_inherited() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/groups/77/members"))
        .and(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/groups/77/members/5"))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_members()[0].clone()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let users = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::OrganizationId, "77")
                .filter(Filter::IncludeInherited, "false"),
        )
        .await
        .unwrap();
    assert!(users.is_empty());
    let user = dir
        .get_user(
            "5",
            GetUser::new()
                .param("organization_id", "77")
                .param("include_inherited", "false"),
        )
        .await
        .unwrap();
    assert_eq!(user.roles[0].name.as_deref(), Some("Developer"));
}

#[tokio::test]
async fn instance_users_page_by_keyset_link() {
    let server = MockServer::start().await;
    let next = format!(
        "{}/api/v4/users?active=true&created_after=2024-01-01T00%3A00%3A00Z&order_by=id&pagination=keyset&per_page=2&search=grace%40example.com&sort=asc&cursor=eyJpZCI6IjQyMTcifQ",
        server.uri()
    );
    Mock::given(method("GET"))
        .and(path("/api/v4/users"))
        .and(query_param("pagination", "keyset"))
        .and(query_param("order_by", "id"))
        .and(query_param("sort", "asc"))
        .and(query_param("per_page", "2"))
        .and(query_param("search", "grace@example.com"))
        .and(query_param("active", "true"))
        .and(query_param("created_after", "2024-01-01T00:00:00Z"))
        .and(query_param_is_missing("cursor"))
        .and(header("private-token", TOKEN))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([full_admin_user(), admin_user(1)]))
                .insert_header("link", format!("<{next}>; rel=\"next\"").as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users"))
        .and(query_param("cursor", "eyJpZCI6IjQyMTcifQ"))
        .and(query_param("search", "grace@example.com"))
        .and(header("private-token", TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([admin_user(2)])))
        .expect(1)
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(
            ListUsers::new()
                .filter(Filter::Email, "grace@example.com")
                .filter(Filter::Status, "active")
                .filter(Filter::CreatedAt, "2024-01-01T00:00:00Z")
                .limit(2),
        )
        .await
        .unwrap();
    let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["4217", "1003", "1006"]);
}

#[tokio::test]
async fn inactive_and_username_filters_on_instance_users() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users"))
        .and(query_param("exclude_active", "true"))
        .and(query_param("username", "grace.hopper"))
        .and(query_param("per_page", "100"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .expect(1)
        .mount(&server)
        .await;
    let users = connect(&server)
        .collect_users(
            ListUsers::new()
                .filter(Filter::Status, "inactive")
                .filter(Filter::Username, "grace.hopper"),
        )
        .await
        .unwrap();
    assert!(users.is_empty());
}

#[tokio::test]
async fn a_next_link_to_another_host_is_not_followed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([admin_user(0)]))
                .insert_header(
                    "link",
                    "<https://attacker.example.net/api/v4/users?cursor=x>; rel=\"next\"",
                ),
        )
        .expect(1)
        .mount(&server)
        .await;
    let err = connect(&server)
        .collect_users(ListUsers::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("another origin"), "{err}");
}

#[tokio::test]
async fn gets_a_member_of_a_group() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/groups/acme-corp%2Fplatform/members/all/2"))
        .and(header("private-token", TOKEN))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_members()[1].clone()))
        .expect(1)
        .mount(&server)
        .await;
    let user = connect(&server)
        .get_user("2", GetUser::new().param("organization_id", GROUP))
        .await
        .unwrap();
    assert_eq!(user.roles[0].name.as_deref(), Some("Owner"));
    assert_eq!(user.primary_email(), Some("john@example.com"));
}

#[tokio::test]
async fn updates_the_profile_with_one_put_and_reads_back() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/v4/users/4217"))
        .and(header("private-token", TOKEN))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "name": "Grace Brewster Hopper",
            "username": "amazing.grace",
            "email": "grace@navy.example.mil",
            "organization": "Remington Rand",
            "bio": "",
            "skip_reconfirmation": true
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_admin_user()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users/4217"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_admin_user()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let mut body = UserUpdate::default();
    body.name = Some("Grace Brewster Hopper".into());
    body.username = Some("amazing.grace".into());
    body.emails = Some(vec![Email::new("grace@navy.example.mil")]);
    body.organizations = Some(vec![Organization::new(None, Some("Remington Rand".into()))]);
    body.extra.insert("bio".into(), Value::Null);
    body.remote_data = Some(
        json!({"skip_reconfirmation": true})
            .as_object()
            .unwrap()
            .clone(),
    );
    let user = connect(&server)
        .update_user("4217", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.id, "4217");
}

fn with_state(state: &str) -> Value {
    let mut user = full_admin_user();
    user["state"] = json!(state);
    user
}

#[tokio::test]
async fn deactivating_blocks_the_user() {
    let server = MockServer::start().await;
    // The first read finds the user active; the read after the block finds it blocked.
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/api/v4/users/4217")),
        ResponseTemplate::new(200).set_body_json(with_state("active")),
        ResponseTemplate::new(200).set_body_json(with_state("blocked")),
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/users/4217/block"))
        .and(header("private-token", TOKEN))
        .respond_with(ResponseTemplate::new(201).set_body_string("true"))
        .expect(1)
        .mount(&server)
        .await;
    let user = connect(&server)
        .update_user("4217", UpdateUser::new().status(UserStatus::Inactive))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
}

#[tokio::test]
async fn activating_a_deactivated_user_uses_activate() {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/api/v4/users/4217")),
        ResponseTemplate::new(200).set_body_json(with_state("deactivated")),
        ResponseTemplate::new(200).set_body_json(with_state("active")),
    )
    .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/users/4217/activate"))
        .respond_with(ResponseTemplate::new(201).set_body_string("true"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/api/v4/users/4217/unblock"))
        .respond_with(ResponseTemplate::new(201).set_body_string("true"))
        .expect(0)
        .mount(&server)
        .await;
    let user = connect(&server)
        .update_user("4217", UpdateUser::new().status(UserStatus::Active))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Active));
}

#[tokio::test]
async fn an_oauth_access_token_is_sent_as_bearer() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users/4217"))
        .and(header("authorization", "Bearer oauth-access-token-123"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_admin_user()))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", format!("{}/api/v4", server.uri()))
        .set("access_token", "oauth-access-token-123");
    let dir = gitlab::connect(&config).unwrap();
    dir.get_user("4217", GetUser::new()).await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert!(received[0].headers.get("private-token").is_none());
    assert!(!format!("{dir:?}").contains("oauth-access-token-123"));
}

#[tokio::test]
async fn an_instance_root_url_means_its_rest_api() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users/4217"))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_admin_user()))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", server.uri())
        .set("token", TOKEN);
    gitlab::connect(&config)
        .unwrap()
        .get_user("4217", GetUser::new())
        .await
        .unwrap();
}

#[test]
fn a_connection_takes_exactly_one_credential() {
    let err = gitlab::connect(&Config::new()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("TRUTO_GITLAB_TOKEN"), "{err}");
    let err = gitlab::connect(
        &Config::new()
            .set("token", "a-token")
            .set("access_token", "b-token"),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    let dir = gitlab::connect(&Config::new().set("token", "glpat-secret-value")).unwrap();
    let debug = format!("{dir:?}");
    assert!(!debug.contains("glpat-secret-value"), "{debug}");
    assert!(debug.contains("https://gitlab.com/api/v4/"), "{debug}");
}

#[tokio::test]
async fn a_429_without_retry_after_waits_for_ratelimit_reset_epoch() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = (clock_now(&clock) + 9).to_string();
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/api/v4/users/4217")),
        ResponseTemplate::new(429)
            .set_body_json(json!({"message": {"error": "This endpoint has been requested too many times. Try again later."}}))
            .insert_header("ratelimit-remaining", "0")
            .insert_header("ratelimit-reset", reset.as_str()),
        ResponseTemplate::new(200).set_body_json(full_admin_user()),
    )
    .await;
    let dir = gitlab::connect(&token_config(&server).with_clock(clock.shared())).unwrap();
    dir.get_user("4217", GetUser::new()).await.unwrap();
    let waited = clock.total_slept();
    assert!(
        waited >= Duration::from_secs(8) && waited <= Duration::from_secs(11),
        "the client did not wait for RateLimit-Reset (epoch seconds): {waited:?}"
    );
}

fn clock_now(clock: &TestClock) -> i64 {
    use truto_core::provider::Clock;
    clock.now().timestamp()
}

#[tokio::test]
async fn gitlab_errors_are_typed_with_their_messages() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/api/v4/users/4217"))
        .respond_with(
            ResponseTemplate::new(409)
                .set_body_json(json!({"message": "Email has already been taken"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users"))
        .respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"message": "403 Forbidden - Not authorized to access /api/v4/users"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users/1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({
            "error": "invalid_token",
            "error_description": "Token is expired. You can either do re-authorization or token refresh."
        })))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server);
    let mut body = UserUpdate::default();
    body.emails = Some(vec![Email::new("taken@example.com")]);
    let err = dir
        .update_user("4217", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert_eq!(err.message(), Some("Email has already been taken"));
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    assert!(err.to_string().contains("Not authorized"), "{err}");
    let err = dir.get_user("1", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert_eq!(err.code(), Some("invalid_token"));
}

#[tokio::test]
async fn bad_options_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server);
    let list = |options: ListUsers| {
        let dir = Arc::clone(&dir);
        async move { dir.collect_users(options).await.unwrap_err().kind() }
    };
    let group = || ListUsers::new().filter(Filter::OrganizationId, GROUP);
    assert_eq!(
        list(ListUsers::new().filter(Filter::Status, "invited")).await,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        list(ListUsers::new().filter(Filter::IncludeInherited, "false")).await,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        list(group().filter(Filter::Status, "active")).await,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        list(group().filter(Filter::CreatedAt, "2024-01-01")).await,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        list(
            group()
                .filter(Filter::Email, "a@example.com")
                .filter(Filter::Name, "Ada")
        )
        .await,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        list(
            ListUsers::new()
                .filter(Filter::Email, "a@example.com")
                .filter(Filter::Name, "Ada")
        )
        .await,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        list(group().filter(Filter::WorkspaceId, "other-group")).await,
        ErrorKind::InvalidInput
    );
    assert_eq!(
        list(ListUsers::new().filter(Filter::GroupId, "1")).await,
        ErrorKind::Unsupported
    );

    let update = |body: UserUpdate| {
        let dir = Arc::clone(&dir);
        async move {
            dir.update_user("4217", UpdateUser::new().body(body))
                .await
                .unwrap_err()
                .kind()
        }
    };
    let mut two_emails = UserUpdate::default();
    two_emails.emails = Some(vec![
        Email::new("a@example.com"),
        Email::new("b@example.com"),
    ]);
    assert_eq!(update(two_emails).await, ErrorKind::InvalidInput);
    let mut deleted = UserUpdate::default();
    deleted.status = Some(UserStatus::Deleted);
    assert_eq!(update(deleted).await, ErrorKind::InvalidInput);
    let mut title = UserUpdate::default();
    title.title = Some("Admiral".into());
    assert_eq!(update(title).await, ErrorKind::Unsupported);
    let mut bio = UserUpdate::default();
    bio.extra.insert("bio".into(), json!(42));
    assert_eq!(update(bio).await, ErrorKind::InvalidInput);

    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a refused call sent a request"
    );
}

#[tokio::test]
async fn find_by_email_searches_the_instance() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/v4/users"))
        .and(query_param("search", "grace.hopper@example.com"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([full_admin_user()])))
        .expect(1)
        .mount(&server)
        .await;
    let found = connect(&server)
        .find_by_email("grace.hopper@example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "4217");
}
