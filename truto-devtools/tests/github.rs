//! GitHub: a simulator of the organization-members API for the shared conformance kit,
//! the exact requests GitHub receives (wiremock), the mapping of a documented user, the
//! throttling GitHub signals with 403s, and GitHub's published description served by Prism.
#![cfg(feature = "github")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use truto_core::testing::answer_once_then;
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{
    PrismServer, Route, SimRequest, SimResponse, SimServer, Simulator, TestClock,
};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, Integration, ListUsers, Result, UpdateUser, UserDirectory,
    UserDirectoryExt, UserStatus,
};
use url::Url;
use wiremock::matchers::{header, headers, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "ghp_TestToken0123456789abcdef";
const ORG: &str = "octo-org";
const ORG_ID: u64 = 9_919;
const FIRST_ID: u64 = 583_231;

const TOWNS: &[&str] = &["Berlin", "Lisbon", "Toronto", "Nairobi", "Osaka"];

// ---------------------------------------------------------------------------------------
// The simulator
// ---------------------------------------------------------------------------------------

/// GitHub's organization-members API for `octo-org`: `GET /orgs/{org}/members` paged with
/// `per_page`/`page` and a `Link` header pointing at `/organizations/{id}/members` (as
/// GitHub does), `role` and `filter`, `GET /user/{account_id}`, `GET /users/{login}` and
/// `GET /orgs/{org}/memberships/{login}`, the bearer token, API version and media type
/// checks, and GitHub's error bodies. Records are keyed by their numeric account id, the
/// unified id.
///
/// The stored records are simple users, exactly what the members listing returns. With
/// `profiles` off (the conformance kit, which needs a get to return the listed record),
/// `/user/{account_id}` and `/users/{login}` return that record; with `profiles` on they
/// return the full public user, as GitHub does.
#[derive(Debug, Clone, Default)]
struct GitHubSim {
    profiles: bool,
}

fn names(n: usize) -> (&'static str, &'static str) {
    (
        FIRST_NAMES[n % FIRST_NAMES.len()],
        LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()],
    )
}

fn login(n: usize) -> String {
    let (first, last) = names(n);
    format!(
        "{}{}-{}",
        first[..1].to_ascii_lowercase(),
        last.to_ascii_lowercase(),
        n
    )
}

fn role_of(n: usize) -> &'static str {
    if n.is_multiple_of(10) {
        "admin"
    } else {
        "member"
    }
}

/// The simple user of member `n`, as `GET /orgs/{org}/members` returns it.
fn member(n: usize) -> Value {
    let login = login(n);
    let id = FIRST_ID + 7 * n as u64;
    let api = format!("https://api.github.com/users/{login}");
    json!({
        "login": login,
        "id": id,
        "node_id": format!("U_kgDOAA{id:X}"),
        "avatar_url": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
        "gravatar_id": "",
        "url": api,
        "html_url": format!("https://github.com/{login}"),
        "followers_url": format!("{api}/followers"),
        "following_url": format!("{api}/following{{/other_user}}"),
        "gists_url": format!("{api}/gists{{/gist_id}}"),
        "starred_url": format!("{api}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{api}/subscriptions"),
        "organizations_url": format!("{api}/orgs"),
        "repos_url": format!("{api}/repos"),
        "events_url": format!("{api}/events{{/privacy}}"),
        "received_events_url": format!("{api}/received_events"),
        "type": "User",
        "user_view_type": "public",
        "site_admin": false
    })
}

/// The public user of member `n`, as `GET /users/{login}` returns it.
fn profile(n: usize) -> Value {
    let (first, last) = names(n);
    let mut user = member(n);
    let extra = json!({
        "name": format!("{first} {last}"),
        "company": "@octo-org",
        "blog": if n.is_multiple_of(3) { format!("https://{}.dev", login(n)) } else { String::new() },
        "location": TOWNS[n % TOWNS.len()],
        "email": if n % 4 == 3 { Value::Null } else { json!(format!("{}@example.com", login(n))) },
        "hireable": null,
        "bio": if n.is_multiple_of(2) { json!(format!("{first} writes compilers.")) } else { Value::Null },
        "twitter_username": null,
        "public_repos": n % 40,
        "public_gists": n % 5,
        "followers": 3 * n,
        "following": n % 11,
        "created_at": format!("20{:02}-{:02}-{:02}T08:{:02}:11Z", 12 + n % 12, n % 12 + 1, n % 28 + 1, n % 60),
        "updated_at": format!("2026-{:02}-{:02}T17:{:02}:45Z", n % 11 + 1, n % 27 + 1, n % 60)
    });
    for (k, v) in extra.as_object().unwrap() {
        user[k.as_str()] = v.clone();
    }
    user
}

fn index_of(record: &Value) -> usize {
    ((record["id"].as_u64().unwrap() - FIRST_ID) / 7) as usize
}

/// The numeric account id of member `n`, as the unified id writes it.
fn account_id(n: usize) -> String {
    (FIRST_ID + 7 * n as u64).to_string()
}

/// The record key (account id) a login names, or a key no record has.
fn key_of_login(login_asked: &str) -> String {
    login_asked
        .rsplit_once('-')
        .and_then(|(_, n)| n.parse::<usize>().ok())
        .filter(|n| login(*n) == login_asked)
        .map(account_id)
        .unwrap_or_else(|| format!("no-such-login:{login_asked}"))
}

fn error_body(status: u16, message: &str) -> SimResponse {
    SimResponse::json(
        status,
        &json!({
            "message": message,
            "documentation_url": "https://docs.github.com/rest",
            "status": status.to_string()
        }),
    )
    .header("x-github-request-id", "C0DE:1F2E:3A4B5C:6D7E8F:65A0B1C2")
}

fn rate_headers(response: SimResponse) -> SimResponse {
    let reset = chrono::Utc::now().timestamp() + 3_600;
    response
        .header("x-ratelimit-limit", "5000")
        .header("x-ratelimit-remaining", "4987")
        .header("x-ratelimit-used", "13")
        .header("x-ratelimit-reset", reset.to_string())
        .header("x-ratelimit-resource", "core")
        .header("x-github-media-type", "github.v3; format=json")
}

impl GitHubSim {
    fn page_url(&self, request: &SimRequest, page: usize) -> String {
        let host = request.header("host").unwrap_or("127.0.0.1");
        let mut url = Url::parse(&format!("http://{host}/organizations/{ORG_ID}/members")).unwrap();
        {
            let mut q = url.query_pairs_mut();
            for (k, v) in request.query.iter().filter(|(k, _)| k != "page") {
                q.append_pair(k, v);
            }
            q.append_pair("page", &page.to_string());
        }
        url.to_string()
    }

    fn org_matches(segment: &str) -> bool {
        segment.eq_ignore_ascii_case(ORG)
    }
}

impl Simulator for GitHubSim {
    fn integration(&self) -> &'static Integration {
        &truto_devtools::github::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        Config::new().set("base_url", base_url).set("token", TOKEN)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        truto_devtools::github::connect(config)
    }

    fn list_options(&self) -> ListUsers {
        // The kit lists with the organization as a filter; the get takes it as a param.
        ListUsers::new().filter(Filter::OrganizationId, ORG)
    }

    fn get_options(&self) -> GetUser {
        GetUser::new().param("organization_id", ORG)
    }

    fn update_options(&self) -> Option<UpdateUser> {
        None
    }

    fn record(&self, n: usize) -> Value {
        member(n)
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(&format!("Bearer {TOKEN}"))
            && request.header("x-github-api-version") == Some("2022-11-28")
            && request
                .header("accept")
                .is_some_and(|a| a.contains("application/vnd.github+json"))
            && request.header("user-agent").is_some_and(|u| !u.is_empty())
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        if request.method != "GET" {
            return None;
        }
        let segments = request.segments();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match segments.as_slice() {
            ["orgs", _, "members"] | ["organizations", _, "members"] => Some(Route::List),
            ["user", account] => Some(Route::Get((*account).to_owned())),
            ["users", login] | ["orgs", _, "memberships", login] => {
                Some(Route::Get(key_of_login(login)))
            }
            _ => None,
        }
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        let segments = request.segments();
        let known_org = match segments.first().map(String::as_str) {
            Some("orgs") => Self::org_matches(&segments[1]),
            _ => segments[1] == ORG_ID.to_string(),
        };
        if !known_org {
            return self.error(404, "Not Found");
        }
        let role = request.query_param("role").unwrap_or("all");
        if !["all", "admin", "member"].contains(&role) {
            return self.error(422, "Validation Failed");
        }
        let two_factor = request.query_param("filter").unwrap_or("all");
        if !["all", "2fa_disabled", "2fa_insecure"].contains(&two_factor) {
            return self.error(422, "Validation Failed");
        }
        let per_page = request
            .query_param("per_page")
            .and_then(|v| v.parse::<usize>().ok())
            .filter(|v| *v > 0)
            .unwrap_or(30)
            .min(100);
        let page = request
            .query_param("page")
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(1)
            .max(1);
        let selected: Vec<&Value> = records
            .iter()
            .filter(|r| {
                let n = index_of(r);
                (role == "all" || role_of(n) == role)
                    && match two_factor {
                        "2fa_disabled" => n % 7 == 3,
                        "2fa_insecure" => n % 7 == 5,
                        _ => true,
                    }
            })
            .collect();
        let last = selected.len().div_ceil(per_page).max(1);
        let items: Vec<&Value> = selected
            .iter()
            .skip((page - 1) * per_page)
            .take(per_page)
            .copied()
            .collect();
        let mut links = Vec::new();
        if page > 1 {
            links.push(format!(
                "<{}>; rel=\"prev\"",
                self.page_url(request, page - 1)
            ));
        }
        if page < last {
            links.push(format!(
                "<{}>; rel=\"next\"",
                self.page_url(request, page + 1)
            ));
            links.push(format!("<{}>; rel=\"last\"", self.page_url(request, last)));
        }
        if page > 1 {
            links.push(format!("<{}>; rel=\"first\"", self.page_url(request, 1)));
        }
        let mut response = rate_headers(SimResponse::json(200, &json!(items)));
        if !links.is_empty() {
            response = response.header("link", links.join(", "));
        }
        response
    }

    fn get(&self, request: &SimRequest, record: &Value) -> SimResponse {
        let segments = request.segments();
        let n = index_of(record);
        if segments[0] == "orgs" {
            if !Self::org_matches(&segments[1]) {
                return self.error(404, "Not Found");
            }
            let login = record["login"].as_str().unwrap_or_default();
            return rate_headers(SimResponse::json(
                200,
                &json!({
                    "url": format!("https://api.github.com/orgs/{ORG}/memberships/{login}"),
                    "state": "active",
                    "role": role_of(n),
                    "organization_url": format!("https://api.github.com/orgs/{ORG}"),
                    "organization": {
                        "login": ORG,
                        "id": ORG_ID,
                        "node_id": "O_kgDOAAAmvw",
                        "url": format!("https://api.github.com/orgs/{ORG}"),
                        "repos_url": format!("https://api.github.com/orgs/{ORG}/repos"),
                        "events_url": format!("https://api.github.com/orgs/{ORG}/events"),
                        "hooks_url": format!("https://api.github.com/orgs/{ORG}/hooks"),
                        "issues_url": format!("https://api.github.com/orgs/{ORG}/issues"),
                        "members_url": format!("https://api.github.com/orgs/{ORG}/members{{/member}}"),
                        "public_members_url": format!("https://api.github.com/orgs/{ORG}/public_members{{/member}}"),
                        "avatar_url": format!("https://avatars.githubusercontent.com/u/{ORG_ID}?v=4"),
                        "description": "Octo Org builds things."
                    },
                    "user": record
                }),
            ));
        }
        let body = if self.profiles {
            profile(n)
        } else {
            record.clone()
        };
        rate_headers(SimResponse::json(200, &body))
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        let message = match status {
            401 => "Bad credentials",
            404 => "Not Found",
            _ => message,
        };
        error_body(status, message)
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json; charset=utf-8",
            r#"[{"login": "octocat", "id": "#,
        )
    }
}

mod conformance {
    use super::*;
    truto_core::conformance_tests!(GitHubSim::default());
}

// ---------------------------------------------------------------------------------------
// Hydration through the simulator
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn hydrating_the_simulated_org_reads_every_profile_and_membership() {
    let server = SimServer::start(GitHubSim { profiles: true }, 23).await;
    let dir = server.connect();
    let options = ListUsers::new()
        .param("organization_id", ORG)
        .limit(10)
        .hydrate(true);
    let users = dir.collect_users(options).await.unwrap();
    assert_eq!(users.len(), 23);
    for (n, user) in users.iter().enumerate() {
        assert_eq!(user.id, account_id(n));
        assert_eq!(user.username.as_deref(), Some(login(n).as_str()));
        let (first, last) = names(n);
        assert_eq!(
            user.name.as_deref(),
            Some(format!("{first} {last}").as_str())
        );
        if n % 4 == 3 {
            assert!(user.emails.is_empty(), "{user:?}");
        } else {
            assert_eq!(
                user.primary_email(),
                Some(format!("{}@example.com", login(n)).as_str())
            );
        }
        assert!(user.created_at.is_some() && user.updated_at.is_some());
        assert_eq!(user.status, Some(UserStatus::Active));
        let roles: Vec<_> = user
            .roles
            .iter()
            .filter_map(|r| r.name.as_deref())
            .collect();
        assert_eq!(roles, vec![role_of(n)], "{}", user.id);
        assert_eq!(
            user.remote_data.as_ref().unwrap().to_value(),
            profile(n),
            "hydrated remote_data is the /user record"
        );
    }
    let requests = server.requests().await;
    let count = |prefix: &str| {
        requests
            .iter()
            .filter(|r| r.path.starts_with(prefix))
            .count()
    };
    assert_eq!(
        count("/user/"),
        23,
        "one profile read per member, by account id"
    );
    assert_eq!(count("/users/"), 0, "no profile is read by login");
    assert_eq!(count("/orgs/octo-org/memberships/"), 23);
    let pages = requests
        .iter()
        .filter(|r| r.path == "/orgs/octo-org/members" || r.path.starts_with("/organizations/"))
        .count();
    assert_eq!(pages, 3, "23 members in pages of 10");
}

#[tokio::test]
async fn the_simulated_listing_narrows_by_role_and_two_factor_state() {
    let server = SimServer::start(GitHubSim::default(), 40).await;
    let dir = server.connect();
    let admins = dir
        .collect_users(
            ListUsers::new()
                .param("organization_id", ORG)
                .param("role", "admin"),
        )
        .await
        .unwrap();
    let expected: Vec<String> = (0..40).filter(|n| n % 10 == 0).map(account_id).collect();
    assert_eq!(
        admins.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
        expected
    );
    let logins: Vec<String> = (0..40).filter(|n| n % 10 == 0).map(login).collect();
    assert_eq!(
        admins
            .iter()
            .map(|u| u.username.clone().unwrap())
            .collect::<Vec<_>>(),
        logins
    );
    for user in &admins {
        assert_eq!(user.roles.len(), 1);
        assert_eq!(user.roles[0].name.as_deref(), Some("admin"));
        assert_eq!(
            user.roles[0]
                .organization
                .as_ref()
                .and_then(|o| o.id.as_deref()),
            Some(ORG)
        );
    }
    let weak = dir
        .collect_users(
            ListUsers::new()
                .param("organization_id", ORG)
                .param("filter", "2fa_disabled")
                .limit(2),
        )
        .await
        .unwrap();
    assert_eq!(weak.len(), (0..40).filter(|n| n % 7 == 3).count());
    assert!(weak.iter().all(|u| u.is_2fa_enabled == Some(false)));
}

// ---------------------------------------------------------------------------------------
// The exact requests (wiremock)
// ---------------------------------------------------------------------------------------

fn config(base: &str) -> Config {
    Config::new().set("base_url", base).set("token", TOKEN)
}

fn connect(base: &str) -> Arc<dyn UserDirectory> {
    truto_devtools::github::connect(&config(base)).unwrap()
}

fn json_response(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200)
        .insert_header("content-type", "application/json; charset=utf-8")
        .set_body_json(body)
}

fn github_error(status: u16, message: &str) -> ResponseTemplate {
    ResponseTemplate::new(status)
        .insert_header("content-type", "application/json; charset=utf-8")
        .set_body_json(json!({
            "message": message,
            "documentation_url": "https://docs.github.com/rest",
            "status": status.to_string()
        }))
}

fn authed(builder: wiremock::MockBuilder) -> wiremock::MockBuilder {
    builder
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("x-github-api-version", "2022-11-28"))
        .and(headers(
            "accept",
            vec!["application/vnd.github+json", "application/json"],
        ))
}

#[tokio::test]
async fn lists_with_per_page_role_filter_and_follows_the_link_header() {
    let server = MockServer::start().await;
    let next = format!(
        "{}/organizations/{ORG_ID}/members?per_page=2&role=admin&filter=2fa_disabled&page=2",
        server.uri()
    );
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/members")))
        .and(query_param("per_page", "2"))
        .and(query_param("role", "admin"))
        .and(query_param("filter", "2fa_disabled"))
        .and(query_param("truto_probe", "1"))
        .and(query_param_is_missing("page"))
        .respond_with(json_response(json!([member(0), member(10)])).insert_header(
            "link",
            format!("<{next}>; rel=\"next\", <{next}>; rel=\"last\"").as_str(),
        ))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path(format!("/organizations/{ORG_ID}/members"))))
        .and(query_param("page", "2"))
        .and(query_param("per_page", "2"))
        .and(query_param("role", "admin"))
        .respond_with(json_response(json!([member(20)])))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let users = dir
        .collect_users(
            ListUsers::new()
                .param("organization_id", ORG)
                .param("role", "admin")
                .param("filter", "2fa_disabled")
                .remote_query("truto_probe", "1")
                .limit(2),
        )
        .await
        .unwrap();
    assert_eq!(
        users.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(),
        vec![account_id(0), account_id(10), account_id(20)]
    );
    let first = serde_json::to_value(&users[0]).unwrap();
    let mut without_remote = first.clone();
    without_remote
        .as_object_mut()
        .unwrap()
        .remove("remote_data");
    let id = FIRST_ID;
    assert_eq!(
        without_remote,
        json!({
            "id": id.to_string(),
            "identifiers": {"id": id, "node_id": format!("U_kgDOAA{id:X}")},
            "username": login(0),
            "status": "active",
            "is_2fa_enabled": false,
            "roles": [{"name": "admin", "organization": {"id": ORG, "name": ORG}}],
            "organizations": [{"id": ORG, "name": ORG}],
            "user_type": "user",
            "avatar": format!("https://avatars.githubusercontent.com/u/{id}?v=4"),
            "urls": [{"url": format!("https://github.com/{}", login(0)), "type": "profile"}]
        })
    );
    assert_eq!(first["remote_data"], member(0));
    let received = server.received_requests().await.unwrap();
    assert!(
        received.iter().all(|r| r
            .headers
            .get("user-agent")
            .is_some_and(|u| u.to_str().unwrap().starts_with("truto-rs/"))),
        "GitHub refuses requests without a User-Agent"
    );
}

#[tokio::test]
async fn gets_the_profile_then_the_membership() {
    let server = MockServer::start().await;
    authed(Mock::given(method("GET")).and(path("/users/hubot")))
        .and(query_param_is_missing("per_page"))
        .respond_with(json_response(documented_user()))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/memberships/hubot")))
        .respond_with(json_response(membership(
            "hubot",
            "pending",
            "billing_manager",
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let user = dir
        .get_user("hubot", GetUser::new().param("organization_id", ORG))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Invited));
    let roles: Vec<_> = user
        .roles
        .iter()
        .filter_map(|r| r.name.as_deref())
        .collect();
    assert_eq!(roles, vec!["site_admin", "billing_manager"]);
}

#[tokio::test]
async fn a_get_by_account_id_reads_the_account_then_the_membership_by_login() {
    let server = MockServer::start().await;
    authed(Mock::given(method("GET")).and(path("/user/480938")))
        .respond_with(json_response(documented_user()))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/memberships/hubot")))
        .respond_with(json_response(membership("hubot", "active", "admin")))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let user = dir
        .get_user("480938", GetUser::new().param("organization_id", ORG))
        .await
        .unwrap();
    assert_eq!(user.id, "480938");
    assert_eq!(user.username.as_deref(), Some("hubot"));
    assert_eq!(user.status, Some(UserStatus::Active));
    assert!(
        user.roles
            .iter()
            .any(|r| r.name.as_deref() == Some("admin") && r.organization.is_some())
    );
    let paths: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.path().to_owned())
        .collect();
    assert_eq!(paths, ["/user/480938", "/orgs/octo-org/memberships/hubot"]);
}

/// A user renamed since they were listed: the listed id still names them, and a get by
/// the new login answers with the same id.
#[tokio::test]
async fn the_id_survives_a_rename_and_a_get_by_login_answers_with_it() {
    let server = MockServer::start().await;
    let mut renamed = documented_user();
    renamed["login"] = json!("hubot-2");
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/members")))
        .respond_with(json_response(
            json!([{"login": "hubot", "id": 480_938, "type": "User"}]),
        ))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path("/user/480938")))
        .respond_with(json_response(renamed.clone()))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path("/users/hubot-2")))
        .respond_with(json_response(renamed))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let listed = dir
        .collect_users(ListUsers::new().param("organization_id", ORG))
        .await
        .unwrap();
    let no_membership = || {
        GetUser::new()
            .param("organization_id", ORG)
            .param("include_membership", "false")
    };
    let by_id = dir.get_user(&listed[0].id, no_membership()).await.unwrap();
    let by_login = dir.get_user("hubot-2", no_membership()).await.unwrap();
    assert_eq!(listed[0].id, "480938");
    assert_eq!(listed[0].username.as_deref(), Some("hubot"));
    assert_eq!(by_id.id, listed[0].id);
    assert_eq!(by_login.id, listed[0].id);
    assert_eq!(by_id.username.as_deref(), Some("hubot-2"));
}

#[tokio::test]
async fn a_login_made_of_digits_is_read_as_a_login_when_written_with_an_at_sign() {
    let server = MockServer::start().await;
    let mut digits = documented_user();
    digits["login"] = json!("1234");
    authed(Mock::given(method("GET")).and(path("/users/1234")))
        .respond_with(json_response(digits))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let options = || {
        GetUser::new()
            .param("organization_id", ORG)
            .param("include_membership", "false")
    };
    let user = dir.get_user("@1234", options()).await.unwrap();
    assert_eq!(user.id, "480938");
    assert_eq!(user.username.as_deref(), Some("1234"));
    let err = dir.get_user("@", options()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[test]
fn the_docs_say_a_non_member_token_sees_only_public_members() {
    let docs = include_str!("../src/github.rs");
    assert!(
        docs.contains("Otherwise only public members are returned"),
        "the module docs do not say what a non-member's token sees"
    );
}

/// A public user as GitHub documents `GET /users/{username}`, with every profile field.
fn documented_user() -> Value {
    json!({
        "login": "hubot",
        "id": 480_938,
        "node_id": "MDQ6VXNlcjQ4MDkzOA==",
        "avatar_url": "https://avatars.githubusercontent.com/u/480938?v=4",
        "gravatar_id": "",
        "url": "https://api.github.com/users/hubot",
        "html_url": "https://github.com/hubot",
        "followers_url": "https://api.github.com/users/hubot/followers",
        "following_url": "https://api.github.com/users/hubot/following{/other_user}",
        "gists_url": "https://api.github.com/users/hubot/gists{/gist_id}",
        "starred_url": "https://api.github.com/users/hubot/starred{/owner}{/repo}",
        "subscriptions_url": "https://api.github.com/users/hubot/subscriptions",
        "organizations_url": "https://api.github.com/users/hubot/orgs",
        "repos_url": "https://api.github.com/users/hubot/repos",
        "events_url": "https://api.github.com/users/hubot/events{/privacy}",
        "received_events_url": "https://api.github.com/users/hubot/received_events",
        "type": "User",
        "user_view_type": "public",
        "site_admin": true,
        "name": "Hubot Robot",
        "company": "@github",
        "blog": "https://hubot.github.com",
        "location": "San Francisco",
        "email": "hubot@example.com",
        "hireable": null,
        "bio": "Chat bot, friend to all.",
        "twitter_username": "hubot",
        "public_repos": 12,
        "public_gists": 3,
        "followers": 780,
        "following": 0,
        "created_at": "2010-11-16T21:36:01Z",
        "updated_at": "2026-09-30T12:04:41+02:00"
    })
}

fn membership(login: &str, state: &str, role: &str) -> Value {
    json!({
        "url": format!("https://api.github.com/orgs/{ORG}/memberships/{login}"),
        "state": state,
        "role": role,
        "organization_url": format!("https://api.github.com/orgs/{ORG}"),
        "direct_membership": true,
        "organization": {
            "login": ORG, "id": ORG_ID, "node_id": "O_kgDOAAAmvw",
            "url": format!("https://api.github.com/orgs/{ORG}"),
            "repos_url": format!("https://api.github.com/orgs/{ORG}/repos"),
            "events_url": format!("https://api.github.com/orgs/{ORG}/events"),
            "hooks_url": format!("https://api.github.com/orgs/{ORG}/hooks"),
            "issues_url": format!("https://api.github.com/orgs/{ORG}/issues"),
            "members_url": format!("https://api.github.com/orgs/{ORG}/members{{/member}}"),
            "public_members_url": format!("https://api.github.com/orgs/{ORG}/public_members{{/member}}"),
            "avatar_url": "https://avatars.githubusercontent.com/u/9919?v=4",
            "description": null
        },
        "user": {"login": login, "id": 480_938, "type": "User", "site_admin": false}
    })
}

#[tokio::test]
async fn maps_every_field_of_a_documented_user() {
    let server = MockServer::start().await;
    authed(Mock::given(method("GET")).and(path("/users/hubot")))
        .respond_with(json_response(documented_user()))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/memberships/hubot")))
        .respond_with(json_response(membership("hubot", "active", "admin")))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let user = dir
        .get_user("hubot", GetUser::new().param("organization_id", ORG))
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
            "id": "480938",
            "identifiers": {"id": 480_938, "node_id": "MDQ6VXNlcjQ4MDkzOA=="},
            "name": "Hubot Robot",
            "username": "hubot",
            "emails": [{"email": "hubot@example.com", "is_primary": true}],
            "status": "active",
            "roles": [
                {"name": "site_admin"},
                {"name": "admin", "organization": {"id": ORG, "name": ORG}}
            ],
            "organizations": [{"id": ORG, "name": ORG}],
            "user_type": "user",
            "avatar": "https://avatars.githubusercontent.com/u/480938?v=4",
            "bio": "Chat bot, friend to all.",
            "urls": [
                {"url": "https://github.com/hubot", "type": "profile"},
                {"url": "https://hubot.github.com", "type": "blog"}
            ],
            "created_at": "2010-11-16T21:36:01Z",
            "updated_at": "2026-09-30T10:04:41Z"
        })
    );
    assert_eq!(
        unified["remote_data"],
        documented_user(),
        "remote_data is the /users record untouched"
    );
}

#[tokio::test]
async fn hydration_reads_one_profile_per_member() {
    let server = MockServer::start().await;
    let listed = [member(4), member(5), member(6)];
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/members")))
        .and(query_param("per_page", "100"))
        .respond_with(json_response(json!(listed)))
        .expect(1)
        .mount(&server)
        .await;
    for n in 4..=6 {
        authed(Mock::given(method("GET")).and(path(format!("/user/{}", account_id(n)))))
            .respond_with(json_response(profile(n)))
            .expect(1)
            .mount(&server)
            .await;
        authed(
            Mock::given(method("GET"))
                .and(path(format!("/orgs/octo-org/memberships/{}", login(n)))),
        )
        .respond_with(json_response(membership(&login(n), "active", "member")))
        .expect(1)
        .mount(&server)
        .await;
    }
    let dir = connect(&server.uri());
    let users = dir
        .collect_users(ListUsers::new().param("organization_id", ORG).hydrate(true))
        .await
        .unwrap();
    assert_eq!(users.len(), 3);
    for (user, n) in users.iter().zip(4..) {
        let (first, last) = names(n);
        assert_eq!(user.id, account_id(n));
        assert_eq!(user.username.as_deref(), Some(login(n).as_str()));
        assert_eq!(
            user.name.as_deref(),
            Some(format!("{first} {last}").as_str())
        );
        assert_eq!(
            user.primary_email(),
            Some(format!("{}@example.com", login(n)).as_str())
        );
        assert_eq!(user.roles[0].name.as_deref(), Some("member"));
        assert_eq!(user.status, Some(UserStatus::Active));
    }
}

#[tokio::test]
async fn include_membership_false_skips_the_second_request() {
    let server = MockServer::start().await;
    authed(Mock::given(method("GET")).and(path("/users/hubot")))
        .respond_with(json_response(documented_user()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/orgs/octo-org/memberships/hubot"))
        .respond_with(json_response(membership("hubot", "active", "admin")))
        .expect(0)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let user = dir
        .get_user(
            "hubot",
            GetUser::new()
                .param("organization_id", ORG)
                .param("include_membership", "false"),
        )
        .await
        .unwrap();
    assert_eq!(user.status, None);
    assert_eq!(user.organizations.len(), 1);
    assert_eq!(
        user.roles
            .iter()
            .filter_map(|r| r.name.as_deref())
            .collect::<Vec<_>>(),
        vec!["site_admin"]
    );
}

#[tokio::test]
async fn a_user_outside_the_org_is_not_found() {
    let server = MockServer::start().await;
    authed(Mock::given(method("GET")).and(path("/users/hubot")))
        .respond_with(json_response(documented_user()))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/memberships/hubot")))
        .respond_with(github_error(404, "Not Found"))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let err = dir
        .get_user("hubot", GetUser::new().param("organization_id", ORG))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.status(), Some(404));
    assert!(
        err.to_string().contains("not a member of the `octo-org`"),
        "{err}"
    );
}

#[tokio::test]
async fn enterprise_server_base_path_is_kept_across_pages() {
    let server = MockServer::start().await;
    let next = format!(
        "{}/api/v3/organizations/{ORG_ID}/members?per_page=100&page=2",
        server.uri()
    );
    authed(Mock::given(method("GET")).and(path("/api/v3/orgs/octo-org/members")))
        .respond_with(
            json_response(json!([member(0)]))
                .insert_header("link", format!("<{next}>; rel=\"next\"").as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path(format!("/api/v3/organizations/{ORG_ID}/members"))))
        .and(query_param("page", "2"))
        .respond_with(json_response(json!([member(1)])))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&format!("{}/api/v3", server.uri()));
    let users = dir
        .collect_users(ListUsers::new().param("organization_id", ORG))
        .await
        .unwrap();
    assert_eq!(users.len(), 2);
}

#[tokio::test]
async fn bad_parameters_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server.uri());
    let err = dir
        .collect_users(
            ListUsers::new()
                .param("organization_id", ORG)
                .param("role", "owner"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let err = dir
        .collect_users(
            ListUsers::new()
                .param("organization_id", ORG)
                .param("filter", "no_2fa"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let err = dir.get_user("octocat", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingParameter, "{err}");
    let err = dir
        .get_user(
            "octocat",
            GetUser::new()
                .param("organization_id", ORG)
                .param("include_membership", "maybe"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Email, "a@example.com"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn config_needs_a_token_and_never_shows_it() {
    let err = truto_devtools::github::connect(&Config::new()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("TRUTO_GITHUB_TOKEN"), "{err}");
    let dir = truto_devtools::github::connect(&Config::new().set("token", TOKEN)).unwrap();
    let shown = format!("{dir:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("api.github.com"), "{shown}");
}

// ---------------------------------------------------------------------------------------
// Throttling signalled with 403
// ---------------------------------------------------------------------------------------

fn clocked(base: &str, clock: &TestClock) -> Arc<dyn UserDirectory> {
    truto_devtools::github::connect(&config(base).with_clock(clock.shared())).unwrap()
}

const SECONDARY_LIMIT: &str =
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";

/// Lists the organization's two members after one refusal; returns the client's waits.
async fn waits_before_listing(refusal: ResponseTemplate, clock: &TestClock) -> Vec<Duration> {
    let server = MockServer::start().await;
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/orgs/octo-org/members")),
        refusal,
        json_response(json!([member(0), member(1)])),
    )
    .await;
    let users = clocked(&server.uri(), clock)
        .collect_users(ListUsers::new().param("organization_id", ORG))
        .await
        .unwrap();
    assert_eq!(users.len(), 2);
    clock.sleeps()
}

#[tokio::test]
async fn secondary_rate_limit_403_is_retried_after_retry_after() {
    let refusal = github_error(403, SECONDARY_LIMIT)
        .insert_header("retry-after", "3")
        .insert_header("x-ratelimit-remaining", "4321");
    assert_eq!(
        waits_before_listing(refusal, &TestClock::new()).await,
        vec![Duration::from_secs(3)],
        "the client waits exactly what retry-after says"
    );
}

#[tokio::test]
async fn secondary_rate_limit_without_retry_after_waits_a_minute_not_the_primary_reset() {
    let clock = TestClock::new();
    // The primary window is not spent and resets in an hour; that is not the wait.
    let primary_reset = clock.shared().now().timestamp() + 3600;
    let refusal = github_error(403, SECONDARY_LIMIT)
        .insert_header("x-ratelimit-remaining", "4321")
        .insert_header("x-ratelimit-reset", primary_reset.to_string().as_str());
    assert_eq!(
        waits_before_listing(refusal, &clock).await,
        vec![Duration::from_secs(60)],
        "GitHub asks for at least a minute after a secondary limit that names no time"
    );
}

#[tokio::test]
async fn a_secondary_limit_met_again_doubles_the_wait_and_returns_the_time_to_retry() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/orgs/octo-org/members"))
        .respond_with(
            github_error(403, "You have exceeded a secondary rate limit.")
                .insert_header("x-ratelimit-remaining", "4000"),
        )
        .expect(2)
        .mount(&server)
        .await;
    let clock = TestClock::new();
    let dir = clocked(&server.uri(), &clock);
    let err = dir
        .collect_users(ListUsers::new().param("organization_id", ORG))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err}");
    assert_eq!(clock.sleeps(), vec![Duration::from_secs(60)]);
    // Two minutes after the second refusal, which came after the one-minute wait.
    let second_refusal = clock.shared().now();
    assert_eq!(
        err.retry_at(),
        Some(second_refusal + chrono::Duration::seconds(120))
    );
}

#[tokio::test]
async fn spent_primary_limit_waits_for_the_reset() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = clock.shared().now().timestamp() + 5;
    answer_once_then(
        &server,
        || Mock::given(method("GET")).and(path("/users/octocat")),
        github_error(403, "API rate limit exceeded for user ID 1.")
            .insert_header("x-ratelimit-remaining", "0")
            .insert_header("x-ratelimit-reset", reset.to_string().as_str()),
        json_response(documented_user()),
    )
    .await;
    let dir = clocked(&server.uri(), &clock);
    let user = dir
        .get_user(
            "octocat",
            GetUser::new()
                .param("organization_id", ORG)
                .param("include_membership", "false"),
        )
        .await
        .unwrap();
    assert_eq!(user.id, "480938");
    assert_eq!(user.username.as_deref(), Some("hubot"));
    let waited = clock.total_slept();
    assert!(
        waited >= Duration::from_secs(4) && waited <= Duration::from_secs(6),
        "expected a wait until x-ratelimit-reset, got {:?}",
        clock.sleeps()
    );
}

#[tokio::test]
async fn a_far_reset_is_a_rate_limited_error_not_a_sleep() {
    let server = MockServer::start().await;
    let clock = TestClock::new();
    let reset = clock.shared().now().timestamp() + 2_400;
    Mock::given(method("GET"))
        .and(path("/orgs/octo-org/members"))
        .respond_with(
            github_error(403, "API rate limit exceeded for installation ID 77.")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", reset.to_string().as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let dir = clocked(&server.uri(), &clock);
    let err = dir
        .collect_users(ListUsers::new().param("organization_id", ORG))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::RateLimited, "{err}");
    assert_eq!(err.retry_at().map(|t| t.timestamp()), Some(reset));
    assert!(err.resume_cursor().is_some());
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn a_plain_403_is_permission_denied_and_not_retried() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/orgs/octo-org/members"))
        .respond_with(
            github_error(403, "Resource not accessible by integration")
                .insert_header("x-ratelimit-remaining", "4999"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let err = dir
        .collect_users(ListUsers::new().param("organization_id", ORG))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    assert!(!err.is_retryable());
    assert!(
        err.to_string()
            .contains("Resource not accessible by integration"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------------------
// GitHub's published description, served by Prism with request validation
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn requests_pass_githubs_description_and_its_examples_map() {
    let Some(prism) = PrismServer::start_or_skip("github.json", true).await else {
        return;
    };
    let dir = connect(prism.uri());

    let page = dir
        .list_users_page(
            ListUsers::new()
                .param("organization_id", ORG)
                .param("role", "admin")
                .param("filter", "2fa_disabled")
                .limit(5),
        )
        .await
        .unwrap();
    assert!(!page.users.is_empty());
    for user in &page.users {
        assert!(user.username.is_some());
        assert!(
            !user.id.is_empty() && user.id.bytes().all(|b| b.is_ascii_digit()),
            "the id is the numeric account id: {}",
            user.id
        );
        assert!(user.avatar.is_some() && !user.urls.is_empty());
        assert!(user.remote_data.is_some());
    }
    assert!(
        page.next_cursor.is_some(),
        "the description's Link example names a next page"
    );

    let user = dir
        .get_user("octocat", GetUser::new().param("organization_id", ORG))
        .await
        .unwrap();
    assert_eq!(user.username.as_deref(), Some("octocat"));
    assert!(user.id.bytes().all(|b| b.is_ascii_digit()), "{}", user.id);
    assert!(user.primary_email().is_some_and(|e| e.contains('@')));
    assert!(user.name.is_some() && user.created_at.is_some());
    assert_eq!(user.status, Some(UserStatus::Active));
    assert!(
        user.roles
            .iter()
            .any(|r| r.name.as_deref() == Some("admin") && r.organization.is_some()),
        "{:?}",
        user.roles
    );

    // A parameter the description does not allow is refused by Prism (a 4xx).
    let err = dir
        .list_users_page(
            ListUsers::new()
                .param("organization_id", ORG)
                .remote_query("role", "superuser"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422), "{err}");
}

/// The core hands a hydrating get the parameters it requires even when the listing got
/// them as filters: with the organization given as a filter, each member gets its profile
/// and its membership.
#[tokio::test]
async fn hydration_with_the_org_as_a_filter_reads_profile_and_membership() {
    let server = MockServer::start().await;
    authed(Mock::given(method("GET")).and(path("/orgs/octo-org/members")))
        .respond_with(json_response(json!([member(4)])))
        .expect(1)
        .mount(&server)
        .await;
    authed(Mock::given(method("GET")).and(path(format!("/user/{}", account_id(4)))))
        .respond_with(json_response(profile(4)))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/orgs/octo-org/memberships/{}", login(4))))
        .respond_with(json_response(membership(&login(4), "active", "member")))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server.uri());
    let users = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::OrganizationId, ORG)
                .hydrate(true),
        )
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    assert!(users[0].name.is_some());
    assert_eq!(users[0].status, Some(truto_core::UserStatus::Active));
    assert_eq!(users[0].roles.len(), 1, "{:?}", users[0].roles);
    server.verify().await;
}
