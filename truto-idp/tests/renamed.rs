//! `google` and `microsoft_365`: the Google Workspace and Microsoft Entra ID directories
//! under Truto's other slugs. Each sends its API's requests, reads its own config
//! environment, and labels its errors with its own slug.

use serde_json::json;
use truto_core::{Config, ErrorKind, ListUsers, UserDirectoryExt};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[cfg(feature = "google")]
#[tokio::test]
async fn google_lists_the_workspace_directory_under_its_own_slug() {
    let server = MockServer::start().await;
    // The Directory API's users.list answer, shaped as Google documents it.
    Mock::given(method("GET"))
        .and(path("/admin/directory/v1/users"))
        .and(query_param("customer", "my_customer"))
        .and(query_param("maxResults", "2"))
        .and(header("authorization", "Bearer ya29.google-test"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "kind": "admin#directory#users",
            "users": [{
                "kind": "admin#directory#user",
                "id": "107383210843751276417",
                "primaryEmail": "liz@example.com",
                "name": {"givenName": "Elizabeth", "familyName": "Smith", "fullName": "Elizabeth Smith"},
                "isAdmin": false,
                "suspended": false,
                "creationTime": "2024-03-01T09:00:00.000Z"
            }]
        })))
        .expect(1)
        .mount(&server)
        .await;
    let dir = truto_idp::google::connect(
        &Config::new()
            .set("base_url", format!("{}/admin/directory/v1", server.uri()))
            .set("access_token", "ya29.google-test"),
    )
    .unwrap();
    assert_eq!(dir.integration().slug, "google");
    let users = dir.collect_users(ListUsers::new().limit(2)).await.unwrap();
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].id, "107383210843751276417");
    assert_eq!(users[0].primary_email(), Some("liz@example.com"));

    let missing = truto_idp::google::connect(&Config::new()).unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::Config);
    assert!(
        missing.to_string().contains("TRUTO_GOOGLE_ACCESS_TOKEN"),
        "{missing}"
    );
}

#[cfg(feature = "microsoft_365")]
#[tokio::test]
async fn microsoft_365_lists_the_tenant_through_graph_under_its_own_slug() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/users"))
        .and(query_param("$top", "2"))
        .and(header("authorization", "Bearer graph-test"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users",
            "value": [{
                "id": "87d349ed-44d7-43e1-9a83-5f2406dee5bd",
                "displayName": "MOD Administrator",
                "givenName": "MOD",
                "surname": "Administrator",
                "mail": "admin@contoso.OnMicrosoft.com",
                "userPrincipalName": "admin@contoso.OnMicrosoft.com",
                "accountEnabled": true,
                "userType": "Member"
            }]
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/users/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({
            "error": {"code": "Request_ResourceNotFound", "message": "Resource 'missing' does not exist."}
        })))
        .mount(&server)
        .await;
    let dir = truto_idp::microsoft_365::connect(
        &Config::new()
            .set("base_url", server.uri())
            .set("access_token", "graph-test"),
    )
    .unwrap();
    let users = dir.collect_users(ListUsers::new().limit(2)).await.unwrap();
    assert_eq!(users[0].id, "87d349ed-44d7-43e1-9a83-5f2406dee5bd");
    assert_eq!(users[0].name.as_deref(), Some("MOD Administrator"));

    let err = dir
        .get_user("missing", truto_core::GetUser::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.provider(), Some("microsoft_365"));
}
