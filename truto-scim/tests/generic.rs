//! The generic SCIM client against wiremock: the exact requests a SCIM service provider
//! receives, and the mapping of a full RFC 7643 user (core and enterprise extension).

use serde_json::{Value, json};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, ListUsers, UpdateUser, UserDirectoryExt, UserStatus,
    UserUpdate,
};
use wiremock::matchers::{body_json, header, headers, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "scim-test-token";

/// A user shaped like RFC 7643 §8.2's full representation.
fn full_user() -> Value {
    json!({
        "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        ],
        "id": "2819c223-7f76-453a-919d-413861904646",
        "externalId": "701984",
        "userName": "bjensen@example.com",
        "name": {
            "formatted": "Ms. Barbara J Jensen, III",
            "familyName": "Jensen",
            "givenName": "Barbara",
            "middleName": "Jane",
            "honorificPrefix": "Ms.",
            "honorificSuffix": "III"
        },
        "displayName": "Babs Jensen",
        "nickName": "Babs",
        "profileUrl": "https://login.example.com/bjensen",
        "emails": [
            {"value": "bjensen@example.com", "type": "work", "primary": true},
            {"value": "babs@jensen.org", "type": "home"}
        ],
        "addresses": [{"type": "work", "streetAddress": "100 Universal City Plaza", "locality": "Hollywood", "primary": true}],
        "phoneNumbers": [
            {"value": "555-555-5555", "type": "work"},
            {"value": "555-555-4444", "type": "mobile"}
        ],
        "ims": [{"value": "someaimhandle", "type": "aim"}],
        "photos": [
            {"value": "https://photos.example.com/profilephoto/72930000000Ccne/F", "type": "photo"},
            {"value": "https://photos.example.com/profilephoto/72930000000Ccne/T", "type": "thumbnail"}
        ],
        "userType": "Employee",
        "title": "Tour Guide",
        "preferredLanguage": "en-US",
        "locale": "en-US",
        "timezone": "America/Los_Angeles",
        "active": true,
        "groups": [
            {"value": "e9e30dba-f08f-4109-8486-d5c6a331660a", "$ref": "https://example.com/v2/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a", "display": "Tour Guides"},
            {"value": "fc348aa8-3835-40eb-a20b-c726e15c55b5", "display": "Employees"}
        ],
        "roles": [{"value": "guide", "display": "Guide", "primary": true}],
        "x509Certificates": [{"value": "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": "701984",
            "costCenter": "4130",
            "organization": "Universal Studios",
            "division": "Theme Park",
            "department": "Tour Operations",
            "manager": {"value": "26118915-6090-4610-87e4-49d8ca9f808d", "$ref": "../Users/26118915-6090-4610-87e4-49d8ca9f808d", "displayName": "John Smith"}
        },
        "meta": {
            "resourceType": "User",
            "created": "2010-01-23T04:56:22Z",
            "lastModified": "2011-05-13T04:42:34Z",
            "version": "W/\"3694e05e9dff591\"",
            "location": "https://example.com/v2/Users/2819c223-7f76-453a-919d-413861904646"
        }
    })
}

fn list_of(users: Vec<Value>, total: usize, start: usize) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": users.len(),
        "Resources": users
    })
}

async fn connect(server: &MockServer) -> std::sync::Arc<dyn truto_core::UserDirectory> {
    let config = Config::new()
        .set("base_url", format!("{}/scim/v2", server.uri()))
        .set("token", TOKEN);
    truto_scim::generic::connect(&config).unwrap()
}

#[tokio::test]
async fn maps_every_field_of_a_full_user() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users/2819c223-7f76-453a-919d-413861904646"))
        .and(header("authorization", format!("Bearer {TOKEN}").as_str()))
        .and(headers(
            "accept",
            vec!["application/scim+json", "application/json"],
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(full_user()))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let user = dir
        .get_user("2819c223-7f76-453a-919d-413861904646", GetUser::new())
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
            "id": "2819c223-7f76-453a-919d-413861904646",
            "external_id": "701984",
            "identifiers": {
                "employee_number": "701984",
                "cost_center": "4130",
                "division": "Theme Park",
                "department": "Tour Operations",
                "manager_id": "26118915-6090-4610-87e4-49d8ca9f808d",
                "manager_name": "John Smith"
            },
            "first_name": "Barbara",
            "last_name": "Jensen",
            "name": "Babs Jensen",
            "title": "Tour Guide",
            "username": "bjensen@example.com",
            "emails": [
                {"email": "bjensen@example.com", "type": "work", "is_primary": true},
                {"email": "babs@jensen.org", "type": "home", "is_primary": false}
            ],
            "phones": [
                {"number": "555-555-5555", "type": "work"},
                {"number": "555-555-4444", "type": "mobile"}
            ],
            "status": "active",
            "roles": [{"id": "guide", "name": "Guide"}],
            "organizations": [{"name": "Universal Studios"}],
            "groups": [
                {"id": "e9e30dba-f08f-4109-8486-d5c6a331660a", "name": "Tour Guides"},
                {"id": "fc348aa8-3835-40eb-a20b-c726e15c55b5", "name": "Employees"}
            ],
            "user_type": "Employee",
            "avatar": "https://photos.example.com/profilephoto/72930000000Ccne/F",
            "timezone": "America/Los_Angeles",
            "languages": ["en-US"],
            "urls": [{"url": "https://login.example.com/bjensen", "type": "profile"}],
            "created_at": "2010-01-23T04:56:22Z",
            "updated_at": "2011-05-13T04:42:34Z"
        })
    );
    assert_eq!(
        unified["remote_data"],
        full_user(),
        "remote_data is the record untouched"
    );
}

#[tokio::test]
async fn list_requests_carry_paging_filters_and_remote_query() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .and(query_param("startIndex", "1"))
        .and(query_param("count", "2"))
        .and(query_param(
            "filter",
            r#"emails.value eq "bjensen@example.com" and active eq true"#,
        ))
        .and(query_param("attributes", "userName"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_of(vec![full_user()], 1, 1)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let users = dir
        .collect_users(
            ListUsers::new()
                .limit(2)
                .filter(Filter::Email, "bjensen@example.com")
                .filter(Filter::Status, "active")
                .remote_query("attributes", "userName"),
        )
        .await
        .unwrap();
    assert_eq!(users.len(), 1);
}

#[tokio::test]
async fn filter_values_are_escaped_as_scim_strings() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .and(query_param("filter", r#"userName eq "o\"brien\\x""#))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_of(vec![], 0, 1)))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let users = dir
        .collect_users(ListUsers::new().filter(Filter::Username, r#"o"brien\x"#))
        .await
        .unwrap();
    assert!(users.is_empty());
}

#[tokio::test]
async fn deactivate_sends_a_replace_patchop_and_reads_back_after_204() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/scim/v2/Users/u%2F1"))
        .and(header("content-type", "application/scim+json"))
        .and(body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                {"op": "replace", "path": "active", "value": false},
                {"op": "replace", "path": "name.givenName", "value": "Barb"}
            ]
        })))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let mut after = full_user();
    after["id"] = json!("u/1");
    after["active"] = json!(false);
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users/u%2F1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.first_name = Some("Barb".into());
    let user = dir
        .update_user("u/1", UpdateUser::new().body(body))
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    assert_eq!(user.id, "u/1");
}

#[tokio::test]
async fn a_200_patch_response_is_used_as_is() {
    let server = MockServer::start().await;
    let mut after = full_user();
    after["active"] = json!(false);
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let user = dir
        .update_user(
            "2819c223-7f76-453a-919d-413861904646",
            UpdateUser::new().status(UserStatus::Inactive),
        )
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    server.verify().await;
}

#[tokio::test]
async fn statuses_scim_cannot_express_are_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = connect(&server).await;
    let err = dir
        .update_user("1", UpdateUser::new().status(UserStatus::Invited))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Status, "deleted"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn scim_error_bodies_with_string_or_number_status_are_typed() {
    for status in [json!("409"), json!(409)] {
        let server = MockServer::start().await;
        Mock::given(method("PATCH"))
            .respond_with(ResponseTemplate::new(409).set_body_json(json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
                "status": status,
                "scimType": "uniqueness",
                "detail": "userName is already taken"
            })))
            .expect(1)
            .mount(&server)
            .await;
        let dir = connect(&server).await;
        let mut body = UserUpdate::default();
        body.username = Some("taken@example.com".into());
        let err = dir
            .update_user("1", UpdateUser::new().body(body))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert_eq!(err.status(), Some(409));
        assert_eq!(err.code(), Some("uniqueness"));
        assert_eq!(err.message(), Some("userName is already taken"));
    }
}

#[tokio::test]
async fn malformed_records_are_decode_errors_naming_the_field() {
    let server = MockServer::start().await;
    let mut bad = full_user();
    bad["emails"] = json!("not-a-list");
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_of(
            vec![full_user(), bad],
            2,
            1,
        )))
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(
        err.message().unwrap().contains("record 1") && err.message().unwrap().contains("emails"),
        "{err}"
    );
    assert_eq!(err.provider(), Some("scim"));
}

#[tokio::test]
async fn basic_auth_is_used_when_no_token_is_set() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Basic c3ZjOnB3"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_of(vec![], 0, 1)))
        .expect(1)
        .mount(&server)
        .await;
    let config = Config::new()
        .set("base_url", server.uri())
        .set("username", "svc")
        .set("password", "pw");
    let dir = truto_scim::generic::connect(&config).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let err =
        truto_scim::generic::connect(&Config::new().set("base_url", server.uri())).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[tokio::test]
async fn the_other_emails_of_a_user_with_a_primary_one_are_not_primary() {
    let server = MockServer::start().await;
    let mut marked = full_user();
    marked["id"] = json!("u1");
    marked["emails"] = json!([
        {"value": "home@jensen.org", "type": "home"},
        {"value": "bjensen@example.com", "type": "work", "primary": true},
        {"value": "other@jensen.org", "type": "other", "primary": false}
    ]);
    let mut unmarked = full_user();
    unmarked["id"] = json!("u2");
    unmarked["emails"] = json!([
        {"value": "a@jensen.org", "type": "home"},
        {"value": "b@jensen.org", "type": "work"}
    ]);
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list_of(
            vec![marked, unmarked],
            2,
            1,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = connect(&server).await;
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    let emails = |n: usize| serde_json::to_value(&users[n]).unwrap()["emails"].clone();
    assert_eq!(
        emails(0),
        json!([
            {"email": "home@jensen.org", "type": "home", "is_primary": false},
            {"email": "bjensen@example.com", "type": "work", "is_primary": true},
            {"email": "other@jensen.org", "type": "other", "is_primary": false}
        ])
    );
    // Without a primary, nothing is known about any of them: left unset.
    assert_eq!(
        emails(1),
        json!([
            {"email": "a@jensen.org", "type": "home"},
            {"email": "b@jensen.org", "type": "work"}
        ])
    );
}
