//! Braze cannot list without an email, so it runs its own scenarios instead of the shared
//! conformance kit: the lookup by email, the refusal to list without one, and its errors.
#![cfg(feature = "braze")]

use serde_json::json;
use truto_core::{Config, ErrorKind, ListUsers, UserDirectoryExt};
use truto_scim::presets::braze;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "braze-scim-token-5678";
const ORIGIN: &str = "https://idp.example.com";

fn config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", format!("{}/scim/v2", server.uri()))
        .set("rest_host", "rest.iad-01.braze.com")
        .set("service_origin", ORIGIN)
        .set("token", TOKEN)
        .set("max_attempts", "1")
}

/// A lookup answer in the shape Braze documents: no `emails`, no `active`.
fn found(email: &str) -> serde_json::Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 1,
        "Resources": [{
            "userName": email,
            "id": "a1b2c3d4-11223344-55667788-99aabbcc",
            "name": {"givenName": "Grace", "familyName": "Hopper"},
            "department": "engineering",
            "lastSignInAt": "Monday, March 3, 2025 9:15:00 AM",
            "permissions": {
                "companyPermissions": ["manage_company_settings"],
                "appGroup": [{
                    "appGroupId": "5f0c1e2d3a4b5c6d7e8f",
                    "appGroupName": "Production",
                    "appGroupPermissions": ["basic_access"],
                    "team": []
                }]
            }
        }]
    })
}

#[tokio::test]
async fn listing_without_an_email_is_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = braze::connect(&config(&server)).unwrap();
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingParameter, "{err}");
    assert!(err.to_string().contains("email"), "{err}");
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a request was sent"
    );
}

#[tokio::test]
async fn find_by_email_looks_up_the_user_name() {
    let server = MockServer::start().await;
    let email = "grace.hopper@example.com";
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/json")
                .set_body_json(found(email)),
        )
        .expect(1)
        .mount(&server)
        .await;
    let dir = braze::connect(&config(&server)).unwrap();
    let users = dir.find_by_email(email, ListUsers::new()).await.unwrap();

    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/scim/v2/Users");
    let filter = request
        .url
        .query_pairs()
        .find(|(k, _)| k == "filter")
        .map(|(_, v)| v.into_owned());
    assert_eq!(
        filter.as_deref(),
        Some(r#"userName eq "grace.hopper@example.com""#)
    );
    let header_value = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
    assert_eq!(
        header_value("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(header_value("x-request-origin"), Some(ORIGIN));

    assert_eq!(users.len(), 1);
    let user = &users[0];
    assert_eq!(user.id, "a1b2c3d4-11223344-55667788-99aabbcc");
    assert_eq!(user.username.as_deref(), Some(email));
    assert_eq!(user.first_name.as_deref(), Some("Grace"));
    assert_eq!(user.last_name.as_deref(), Some("Hopper"));
    assert_eq!(user.name.as_deref(), Some("Grace Hopper"));
    // Braze's user carries the email only as its user name (mapped as the primary
    // email), and no `active`.
    assert_eq!(user.primary_email(), Some(email));
    assert_eq!(user.emails.len(), 1);
    assert_eq!(user.status, None);
    let remote = user.remote_data.as_ref().unwrap().to_value();
    assert_eq!(remote["department"], "engineering");
    // "Monday, March 3, 2025 9:15:00 AM", Braze's form, without an offset: read as UTC.
    assert_eq!(
        user.last_login_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-03-03T09:15:00+00:00")
    );
}

#[tokio::test]
async fn the_last_sign_in_is_mapped_and_the_department_stays_in_remote_data() {
    let server = MockServer::start().await;
    let email = "grace.hopper@example.com";
    let mut body = found(email);
    body["Resources"][0]["lastSignInAt"] = json!("Thursday, March 6, 2025 12:05:09 PM");
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .expect(1)
        .mount(&server)
        .await;
    let dir = braze::connect(&config(&server)).unwrap();
    let users = dir.find_by_email(email, ListUsers::new()).await.unwrap();
    let user = &users[0];
    assert_eq!(
        user.last_login_at.map(|t| t.to_rfc3339()).as_deref(),
        Some("2025-03-06T12:05:09+00:00")
    );
    let unified = serde_json::to_value(user).unwrap();
    assert_eq!(unified["last_login_at"], "2025-03-06T12:05:09Z");
    // `department` has no unified field: it is neither a title, a group nor an identifier.
    assert_eq!(user.title, None);
    assert!(user.groups.is_empty());
    assert_eq!(user.identifiers, None);
    assert_eq!(
        user.remote_data.as_ref().unwrap().to_value()["department"],
        "engineering"
    );
}

#[tokio::test]
async fn braze_not_found_body_is_a_typed_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .and(header("x-request-origin", ORIGIN))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "detail": "User not found",
            "status": 404
        })))
        .mount(&server)
        .await;
    let dir = braze::connect(&config(&server)).unwrap();
    let err = dir
        .collect_users(ListUsers::new().filter(truto_core::Filter::Email, "nobody@example.com"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.message(), Some("User not found"));
    assert_eq!(err.provider(), Some("braze"));
}

#[tokio::test]
async fn connecting_needs_the_service_origin() {
    let config = Config::new()
        .set("rest_host", "rest.fra-01.braze.eu")
        .set("token", TOKEN);
    let Err(err) = braze::connect(&config) else {
        panic!("connected without `service_origin`");
    };
    assert!(err.to_string().contains("service_origin"), "{err}");
}

#[test]
fn eu_rest_hosts_fill_the_base_url() {
    let config = Config::new()
        .set("rest_host", "rest.fra-01.braze.eu")
        .set("service_origin", ORIGIN)
        .set("token", TOKEN);
    let connection =
        truto_core::provider::Connection::open(&braze::PRESET.integration, &config).unwrap();
    assert_eq!(
        connection.base_url().as_str(),
        "https://rest.fra-01.braze.eu/scim/v2/"
    );
}
