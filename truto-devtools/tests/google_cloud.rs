//! Google Cloud: the shared listing scenarios over a simulator of a project's IAM policy
//! (`POST /v3/projects/{project}:getIamPolicy`), and the exact requests of a listing and of
//! both kinds of get (wiremock), with the policy example of Google's `Policy` reference and
//! profiles shaped as the IAM `ServiceAccount` and Directory `User` resources describe.
#![cfg(feature = "google_cloud")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use serde_json::{Value, json};
use truto_core::testing::people::{FIRST_NAMES, LAST_NAMES};
use truto_core::testing::{Route, SimRequest, SimResponse, Simulator, TestClock};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, Integration, ListUsers, Operation, Result, UserDirectory,
    UserDirectoryExt, UserStatus,
};
use truto_devtools::google_cloud;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "ya29.a0AfB_test-access-token-0123456789";
const PROJECT: &str = "my-project";

fn config(base_url: &str) -> Config {
    Config::new()
        .set("base_url", base_url)
        .set("access_token", TOKEN)
}

/// Roles a simulated principal may hold, in policy order (`roles/browser` first: everyone
/// holds it, so the policy names the principals in the store's order).
const ROLES: &[&str] = &[
    "roles/browser",
    "roles/viewer",
    "roles/editor",
    "roles/storage.admin",
    "roles/owner",
];

fn principal_email(n: usize) -> (bool, String) {
    let service_account = n % 4 == 3;
    if service_account {
        (
            true,
            format!("app-{n:04}@{PROJECT}.iam.gserviceaccount.com"),
        )
    } else {
        let first = FIRST_NAMES[n % FIRST_NAMES.len()].to_lowercase();
        let last = LAST_NAMES[(n / FIRST_NAMES.len() + n) % LAST_NAMES.len()]
            .to_lowercase()
            .replace(['-', '\'', ' '], "");
        (false, format!("{first}.{last}{n:04}@example.com"))
    }
}

/// Test principal `n`, as this integration records it: its member text and the bindings
/// that name it, in policy order.
fn principal(n: usize) -> Value {
    let (service_account, email) = principal_email(n);
    let member = if service_account {
        format!("serviceAccount:{email}")
    } else {
        format!("user:{email}")
    };
    let mut bindings = vec![json!({"role": ROLES[0]})];
    for (i, role) in ROLES.iter().enumerate().skip(1) {
        if (n + i).is_multiple_of(3) {
            bindings.push(json!({"role": role}));
        }
    }
    json!({"member": member, "bindings": bindings})
}

/// The policy that grants `records`' bindings: one binding per role, members in order.
fn policy_of(records: &[Value]) -> Value {
    let bindings: Vec<Value> = ROLES
        .iter()
        .filter_map(|role| {
            let members: Vec<&Value> = records
                .iter()
                .filter(|r| {
                    r["bindings"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|b| b["role"] == json!(role))
                })
                .map(|r| &r["member"])
                .collect();
            (!members.is_empty()).then(|| json!({"role": role, "members": members}))
        })
        .collect();
    json!({"version": 1, "etag": "BwWWja0YfJA=", "bindings": bindings})
}

fn google_error(code: u16, status: &str, message: &str) -> Value {
    json!({"error": {"code": code, "message": message, "status": status}})
}

#[derive(Debug, Clone, Copy, Default)]
struct GoogleCloudSim;

impl Simulator for GoogleCloudSim {
    fn integration(&self) -> &'static Integration {
        &google_cloud::INTEGRATION
    }

    fn config(&self, base_url: &str) -> Config {
        config(base_url)
    }

    fn connect(&self, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        google_cloud::connect(config)
    }

    fn list_options(&self) -> ListUsers {
        ListUsers::new().param("workspace_id", PROJECT)
    }

    fn record(&self, n: usize) -> Value {
        principal(n)
    }

    fn record_id(&self, record: &Value) -> String {
        let member = record["member"].as_str().unwrap();
        member.split_once(':').unwrap().1.to_owned()
    }

    fn authorized(&self, request: &SimRequest) -> bool {
        request.header("authorization") == Some(format!("Bearer {TOKEN}").as_str())
    }

    fn route(&self, request: &SimRequest) -> Option<Route> {
        let wanted = format!("/v3/projects/{PROJECT}:getIamPolicy");
        (request.method == "POST" && request.path == wanted).then_some(Route::List)
    }

    fn list(&self, request: &SimRequest, records: &[Value]) -> SimResponse {
        if request.json() != Some(json!({"options": {"requestedPolicyVersion": 3}})) {
            return SimResponse::json(
                400,
                &google_error(400, "INVALID_ARGUMENT", "Invalid JSON payload received."),
            );
        }
        SimResponse::json(200, &policy_of(records))
    }

    fn error(&self, status: u16, message: &str) -> SimResponse {
        let name = match status {
            401 => "UNAUTHENTICATED",
            403 => "PERMISSION_DENIED",
            404 => "NOT_FOUND",
            429 => "RESOURCE_EXHAUSTED",
            503 => "UNAVAILABLE",
            _ => "INTERNAL",
        };
        SimResponse::json(status, &google_error(status, name, message))
    }

    fn malformed_list_body(&self) -> SimResponse {
        SimResponse::raw(
            200,
            "application/json",
            r#"{"version": 1, "bindings": [{"role": "roles/viewer", "members": ["user:ad"#,
        )
    }
}

// The listing scenarios that apply to a one-response list. The get scenarios assume the
// listed record is what a get returns; here a get adds the profile of another API (see the
// wiremock tests below).
mod conformance {
    use super::*;
    truto_core::conformance_tests!(@tests GoogleCloudSim;
        unauthenticated_is_not_retried,
        server_error_then_success,
        malformed_body_is_a_decode_error,
        remote_query_is_passed_through,
        exclude_fields_and_remote_data,
        raw_format_keeps_the_record,
        validates_before_sending,
        page_level_listing_round_trips_cursor,
    );
}

/// The example of Google's `Policy` reference, with a principal granted twice, a
/// Kubernetes service account and a deleted user added.
fn documented_policy() -> Value {
    json!({
        "bindings": [
            {
                "role": "roles/resourcemanager.organizationAdmin",
                "members": [
                    "user:mike@example.com",
                    "group:admins@example.com",
                    "domain:google.com",
                    "serviceAccount:my-project-id@appspot.gserviceaccount.com"
                ]
            },
            {
                "role": "roles/resourcemanager.organizationViewer",
                "members": [
                    "user:eve@example.com"
                ],
                "condition": {
                    "title": "expirable access",
                    "description": "Does not grant access after Sep 2020",
                    "expression": "request.time < timestamp('2020-10-01T00:00:00.000Z')"
                }
            },
            {
                "role": "roles/viewer",
                "members": [
                    "user:eve@example.com",
                    "user:Mike@example.com",
                    "allAuthenticatedUsers",
                    "deleted:user:bob@example.com?uid=123456789012345678901",
                    "serviceAccount:my-project.svc.id.goog[default/app]"
                ]
            }
        ],
        "etag": "BwWWja0YfJA=",
        "version": 3
    })
}

async fn mount_policy(server: &MockServer, project: &str) {
    Mock::given(method("POST"))
        .and(path(format!("/v3/projects/{project}:getIamPolicy")))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({"options": {"requestedPolicyVersion": 3}})))
        .respond_with(ResponseTemplate::new(200).set_body_json(documented_policy()))
        .mount(server)
        .await;
}

#[tokio::test]
async fn the_policy_becomes_one_user_per_principal() {
    let server = MockServer::start().await;
    mount_policy(&server, PROJECT).await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let users = dir
        .collect_users(ListUsers::new().param("workspace_id", PROJECT))
        .await
        .unwrap();
    let unified: Vec<Value> = users
        .iter()
        .map(|u| {
            let mut v = serde_json::to_value(u).unwrap();
            v.as_object_mut().unwrap().remove("remote_data");
            v
        })
        .collect();
    let role = |r: &str| json!({"id": r, "name": r, "workspace": {"id": PROJECT, "name": PROJECT}});
    let workspaces = json!([{"id": PROJECT, "name": PROJECT}]);
    assert_eq!(
        unified,
        [
            json!({
                "id": "mike@example.com",
                "emails": [{"email": "mike@example.com", "is_primary": true}],
                "roles": [role("roles/resourcemanager.organizationAdmin"), role("roles/viewer")],
                "workspaces": workspaces,
                "user_type": "user"
            }),
            json!({
                "id": "my-project-id@appspot.gserviceaccount.com",
                "emails": [{"email": "my-project-id@appspot.gserviceaccount.com", "is_primary": true}],
                "roles": [role("roles/resourcemanager.organizationAdmin")],
                "workspaces": workspaces,
                "user_type": "service-account"
            }),
            json!({
                "id": "eve@example.com",
                "emails": [{"email": "eve@example.com", "is_primary": true}],
                "roles": [role("roles/resourcemanager.organizationViewer"), role("roles/viewer")],
                "workspaces": workspaces,
                "user_type": "user"
            }),
        ]
    );
    assert_eq!(
        users[2].remote_data.as_ref().unwrap().to_value(),
        json!({"member": "user:eve@example.com", "bindings": [
            {"role": "roles/resourcemanager.organizationViewer", "condition": {
                "title": "expirable access",
                "description": "Does not grant access after Sep 2020",
                "expression": "request.time < timestamp('2020-10-01T00:00:00.000Z')"
            }},
            {"role": "roles/viewer"}
        ]})
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn filters_narrow_the_policy() {
    let server = MockServer::start().await;
    mount_policy(&server, PROJECT).await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let ids = |users: Vec<truto_core::User>| users.into_iter().map(|u| u.id).collect::<Vec<_>>();
    let by_workspace_filter = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::WorkspaceId, PROJECT)
                .filter(Filter::UserType, "service-account"),
        )
        .await
        .unwrap();
    assert_eq!(
        ids(by_workspace_filter),
        ["my-project-id@appspot.gserviceaccount.com"]
    );
    let by_email = dir
        .collect_users(
            ListUsers::new()
                .param("workspace_id", PROJECT)
                .filter(Filter::Email, "EVE@example.com"),
        )
        .await
        .unwrap();
    assert_eq!(ids(by_email), ["eve@example.com"]);
    let by_role = dir
        .collect_users(
            ListUsers::new()
                .param("workspace_id", PROJECT)
                .filter(Filter::RoleId, "roles/viewer"),
        )
        .await
        .unwrap();
    assert_eq!(ids(by_role), ["mike@example.com", "eve@example.com"]);
    let err = dir
        .collect_users(
            ListUsers::new()
                .param("workspace_id", PROJECT)
                .filter(Filter::UserType, "group"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingParameter, "{err}");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        3,
        "refused listings sent nothing"
    );
}

fn service_account() -> Value {
    json!({
        "name": "projects/my-project-id/serviceAccounts/my-project-id@appspot.gserviceaccount.com",
        "projectId": "my-project-id",
        "uniqueId": "112233445566778899001",
        "email": "my-project-id@appspot.gserviceaccount.com",
        "displayName": "App Engine default service account",
        "etag": "MDEwMjE5MjA=",
        "description": "Used by the reporting job",
        "oauth2ClientId": "112233445566778899001",
        "disabled": true
    })
}

fn directory_user() -> Value {
    json!({
        "kind": "admin#directory#user",
        "id": "103456789012345678901",
        "etag": "\"abc\"",
        "primaryEmail": "eve.smith@example.com",
        "name": {"givenName": "Eve", "familyName": "Smith", "fullName": "Eve Smith"},
        "isAdmin": false,
        "isDelegatedAdmin": false,
        "lastLoginTime": "1970-01-01T00:00:00.000Z",
        "creationTime": "2021-03-04T05:06:07.000Z",
        "agreedToTerms": true,
        "suspended": false,
        "archived": false,
        "changePasswordAtNextLogin": false,
        "ipWhitelisted": false,
        "emails": [
            {"address": "eve.smith@example.com", "primary": true},
            {"address": "eve@example.com"}
        ],
        "organizations": [
            {"title": "Intern", "primary": false},
            {"title": "Security Engineer", "primary": true, "department": "Security"}
        ],
        "customerId": "C01abcde2",
        "orgUnitPath": "/Engineering",
        "isMailboxSetup": true,
        "isEnrolledIn2Sv": true,
        "isEnforcedIn2Sv": false,
        "includeInGlobalAddressList": true,
        "thumbnailPhotoUrl": "https://lh3.googleusercontent.com/a/photo"
    })
}

#[tokio::test]
async fn a_service_account_is_read_from_iam() {
    let server = MockServer::start().await;
    mount_policy(&server, PROJECT).await;
    Mock::given(method("GET"))
        .and(path(
            "/v1/projects/-/serviceAccounts/my-project-id@appspot.gserviceaccount.com",
        ))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(service_account()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let user = dir
        .get_user(
            "my-project-id@appspot.gserviceaccount.com",
            GetUser::new()
                .param("workspace_id", PROJECT)
                .param("user_type", "service-account"),
        )
        .await
        .unwrap();
    assert_eq!(user.id, "my-project-id@appspot.gserviceaccount.com");
    assert_eq!(
        user.name.as_deref(),
        Some("App Engine default service account")
    );
    assert_eq!(user.bio.as_deref(), Some("Used by the reporting job"));
    assert_eq!(user.status, Some(UserStatus::Inactive));
    assert_eq!(user.user_type.as_deref(), Some("service-account"));
    assert_eq!(
        user.identifiers.unwrap()["uniqueId"],
        json!("112233445566778899001")
    );
    assert_eq!(user.roles.len(), 1);
    let remote = user.remote_data.unwrap().to_value();
    assert_eq!(remote["profile"], service_account());
    assert_eq!(
        remote["member"],
        json!("serviceAccount:my-project-id@appspot.gserviceaccount.com")
    );
}

#[tokio::test]
async fn a_person_is_read_from_the_directory() {
    let server = MockServer::start().await;
    mount_policy(&server, PROJECT).await;
    Mock::given(method("GET"))
        .and(path("/admin/directory/v1/users/eve@example.com"))
        .and(query_param("trace", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(directory_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let user = dir
        .get_user(
            "eve@example.com",
            GetUser::new()
                .param("workspace_id", PROJECT)
                .param("user_type", "user")
                .remote_query("trace", "1"),
        )
        .await
        .unwrap();
    let mut unified = serde_json::to_value(&user).unwrap();
    unified.as_object_mut().unwrap().remove("remote_data");
    let role = |r: &str| json!({"id": r, "name": r, "workspace": {"id": PROJECT, "name": PROJECT}});
    assert_eq!(
        unified,
        json!({
            "id": "eve@example.com",
            "identifiers": {"id": "103456789012345678901", "customerId": "C01abcde2", "orgUnitPath": "/Engineering"},
            "first_name": "Eve",
            "last_name": "Smith",
            "name": "Eve Smith",
            "title": "Security Engineer",
            "emails": [
                {"email": "eve.smith@example.com", "is_primary": true},
                {"email": "eve@example.com"}
            ],
            "status": "active",
            "is_2fa_enabled": true,
            "roles": [role("roles/resourcemanager.organizationViewer"), role("roles/viewer")],
            "workspaces": [{"id": PROJECT, "name": PROJECT}],
            "user_type": "user",
            "avatar": "https://lh3.googleusercontent.com/a/photo",
            "created_at": "2021-03-04T05:06:07Z"
        })
    );
}

#[tokio::test]
async fn a_principal_without_a_role_is_not_found_after_one_request() {
    let server = MockServer::start().await;
    mount_policy(&server, PROJECT).await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let get = || {
        GetUser::new()
            .param("workspace_id", PROJECT)
            .param("user_type", "user")
    };
    // Also: a service account asked for as a user, a group, hostile ids.
    for id in [
        "nobody@example.com",
        "my-project-id@appspot.gserviceaccount.com",
        "admins@example.com",
        "../x",
        "a/b",
        "?",
        "#",
        "ü ñ",
    ] {
        let err = dir.get_user(id, get()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "{id:?}: {err}");
        assert_eq!(err.operation(), Some(Operation::Get));
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 8, "only the policy was read");
    assert!(
        requests
            .iter()
            .all(|r| r.url.path().ends_with(":getIamPolicy"))
    );
}

#[tokio::test]
async fn a_get_checks_its_parameters_before_sending() {
    let server = MockServer::start().await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let err = dir
        .get_user(
            "eve@example.com",
            GetUser::new().param("workspace_id", PROJECT),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingParameter, "{err}");
    let err = dir
        .get_user("eve@example.com", GetUser::new().param("user_type", "user"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingParameter, "{err}");
    let err = dir
        .get_user(
            "eve@example.com",
            GetUser::new()
                .param("workspace_id", PROJECT)
                .param("user_type", "serviceAccount"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    for id in ["", ".", ".."] {
        let err = dir
            .get_user(
                id,
                GetUser::new()
                    .param("workspace_id", PROJECT)
                    .param("user_type", "user"),
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err.kind(), ErrorKind::InvalidInput | ErrorKind::NotFound),
            "{id:?}: {err}"
        );
    }
    assert!(
        server
            .received_requests()
            .await
            .unwrap()
            .iter()
            .all(|r| r.url.path().ends_with(":getIamPolicy")),
        "no profile was read for a refused id"
    );
}

#[tokio::test]
async fn a_hostile_project_stays_one_path_segment() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"version": 1, "etag": "ACAB"})),
        )
        .mount(&server)
        .await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    for (project, raw) in [
        ("../x", "/v3/projects/..%2Fx:getIamPolicy"),
        ("a/b", "/v3/projects/a%2Fb:getIamPolicy"),
        ("p?q=1#f", "/v3/projects/p%3Fq=1%23f:getIamPolicy"),
        ("ü", "/v3/projects/%C3%BC:getIamPolicy"),
    ] {
        let users = dir
            .collect_users(ListUsers::new().param("workspace_id", project))
            .await
            .unwrap();
        assert!(users.is_empty(), "a policy without bindings has no users");
        let request = server.received_requests().await.unwrap().pop().unwrap();
        assert_eq!(request.url.path(), raw, "project {project:?}");
        assert_eq!(request.url.query(), None);
    }
}

#[tokio::test]
async fn errors_are_typed_and_throttling_is_retried() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/projects/denied:getIamPolicy"))
        .respond_with(ResponseTemplate::new(403).set_body_json(google_error(
            403,
            "PERMISSION_DENIED",
            "The caller does not have permission",
        )))
        .mount(&server)
        .await;
    truto_core::testing::answer_once_then(
        &server,
        || Mock::given(method("POST")).and(path(format!("/v3/projects/{PROJECT}:getIamPolicy"))),
        ResponseTemplate::new(429).set_body_json(google_error(
            429,
            "RESOURCE_EXHAUSTED",
            "Quota exceeded for quota metric 'Read requests'",
        )),
        ResponseTemplate::new(200).set_body_json(documented_policy()),
    )
    .await;
    let clock = TestClock::new();
    let dir = google_cloud::connect(&config(&server.uri()).with_clock(clock.shared())).unwrap();
    let err = dir
        .collect_users(ListUsers::new().param("workspace_id", "denied"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{err}");
    assert_eq!(err.code(), Some("PERMISSION_DENIED"));
    assert!(
        err.to_string().contains("does not have permission"),
        "{err}"
    );
    let users = dir
        .collect_users(ListUsers::new().param("workspace_id", PROJECT))
        .await
        .unwrap();
    assert_eq!(users.len(), 3);
    assert_eq!(clock.sleeps().len(), 1, "one backoff after the 429");
}

#[tokio::test]
async fn malformed_json_is_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .set_body_string(r#"{"bindings": [{"role": "roles/viewer", "members": ["user:a"#),
        )
        .mount(&server)
        .await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let err = dir
        .collect_users(ListUsers::new().param("workspace_id", PROJECT))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    // A profile of the wrong shape is a decode error too.
    let server = MockServer::start().await;
    mount_policy(&server, PROJECT).await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"name": "Eve", "organizations": "x"})),
        )
        .mount(&server)
        .await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let err = dir
        .get_user(
            "eve@example.com",
            GetUser::new()
                .param("workspace_id", PROJECT)
                .param("user_type", "user"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
}

#[tokio::test]
async fn hydrating_a_listing_filtered_by_kind_gets_each_principal() {
    let server = MockServer::start().await;
    mount_policy(&server, PROJECT).await;
    Mock::given(method("GET"))
        .and(path(
            "/v1/projects/-/serviceAccounts/my-project-id@appspot.gserviceaccount.com",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(service_account()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = google_cloud::connect(&config(&server.uri())).unwrap();
    let users = dir
        .collect_users(
            ListUsers::new()
                .param("workspace_id", PROJECT)
                .filter(Filter::UserType, "service-account")
                .hydrate(true),
        )
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].status, Some(UserStatus::Inactive));
    assert_eq!(users[0].roles.len(), 1, "the roles survive hydration");
}

#[test]
fn the_token_stays_out_of_debug_and_the_hosts_are_google_s() {
    let dir = google_cloud::connect(&Config::new().set("access_token", TOKEN)).unwrap();
    let debug = format!("{dir:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    for host in [
        "cloudresourcemanager.googleapis.com",
        "iam.googleapis.com",
        "admin.googleapis.com",
    ] {
        assert!(debug.contains(host), "{host}: {debug}");
    }
    let err = google_cloud::connect(&Config::new()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config, "{err}");
    let i = &google_cloud::INTEGRATION;
    assert!(i.get && !i.update && i.partial_list);
    assert_eq!(i.required(Operation::Get), ["workspace_id", "user_type"]);
}
