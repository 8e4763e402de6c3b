//! Per-preset facts checked on the wire: auth headers, extra headers, base URL patterns,
//! page sizes, filter attributes and update bodies. (Helpers carry `allow(dead_code)`:
//! a build with one preset uses only some of them.)

use serde_json::{Value, json};
use truto_core::{Config, Registry};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The base URL a preset connects to for `self` (a token added when the config has none).
trait BaseUrl {
    fn base_url(
        &self,
        integration: &'static truto_core::Integration,
    ) -> truto_core::Result<url::Url>;
}

impl BaseUrl for Config {
    fn base_url(
        &self,
        integration: &'static truto_core::Integration,
    ) -> truto_core::Result<url::Url> {
        let config = match self.get("token") {
            Some(_) => self.clone(),
            None => self.clone().set("token", "t"),
        };
        truto_core::provider::Connection::open(integration, &config).map(|c| c.base_url().clone())
    }
}
const TOKEN: &str = "preset-test-token-42";

/// A SCIM user as a provider would send it.
#[allow(dead_code)]
fn scim_user(id: &str, email: &str, active: bool) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": id,
        "userName": email,
        "name": {"givenName": "Radia", "familyName": "Perlman"},
        "displayName": "Radia Perlman",
        "active": active,
        "emails": [{"value": email, "type": "work", "primary": true}],
        "meta": {"resourceType": "User", "created": "2024-05-01T10:00:00Z", "lastModified": "2024-05-02T10:00:00Z"}
    })
}

/// A server answering `GET /scim/v2/Users` with `body`.
#[allow(dead_code)]
async fn list_server(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "application/scim+json")
                .set_body_json(body),
        )
        .mount(&server)
        .await;
    server
}

/// An empty SCIM list.
#[allow(dead_code)]
fn empty_list() -> Value {
    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": 0, "Resources": []})
}

/// The config of a preset pointed at `server`.
#[allow(dead_code)]
fn config(server: &MockServer) -> Config {
    Config::new()
        .set("base_url", format!("{}/scim/v2", server.uri()))
        .set("token", TOKEN)
        .set("max_attempts", "1")
}

#[allow(dead_code)]
async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests.len(),
        1,
        "expected one request, saw {}",
        requests.len()
    );
    requests.remove(0)
}

#[allow(dead_code)]
fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[allow(dead_code)]
fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// Every compiled-in preset's base URL placeholders are required config keys, and only
/// the presets whose updates are confirmed declare updating.
#[test]
fn placeholders_are_required_keys_and_updates_are_few() {
    let mut registry = Registry::new();
    truto_scim::register(&mut registry);
    for integration in registry.integrations() {
        if let Some(pattern) = integration.default_base_url {
            let mut rest = pattern;
            while let Some(start) = rest.find('{') {
                let end = start + rest[start..].find('}').unwrap();
                let key = &rest[start + 1..end];
                let declared = integration.config_key(key);
                assert!(
                    declared.is_some_and(|k| k.required && !k.secret),
                    "{}: placeholder `{key}` is not a required, non-secret config key",
                    integration.slug
                );
                rest = &rest[end + 1..];
            }
        }
        if integration.update {
            assert!(
                [
                    "scim",
                    "canva",
                    "figma_scim",
                    "github_enterprise_scim",
                    "postman_scim"
                ]
                .contains(&integration.slug),
                "{} declares updates",
                integration.slug
            );
        }
        if let Some(email) = integration.email_filter {
            assert!(integration.supports_filter(email), "{}", integration.slug);
        }
    }
}

#[cfg(feature = "travelperk")]
#[tokio::test]
async fn travelperk_sends_its_api_key_scheme_and_version() {
    use truto_core::{ListUsers, UserDirectoryExt};
    let server = list_server(empty_list()).await;
    let dir = truto_scim::presets::travelperk::connect(&config(&server)).unwrap();
    dir.collect_users(ListUsers::new().limit(500))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some(format!("ApiKey {TOKEN}").as_str())
    );
    assert_eq!(header(&request, "api-version"), Some("1"));
    assert_eq!(query(&request, "count").as_deref(), Some("50"));
}

#[cfg(feature = "postman_scim")]
#[tokio::test]
async fn postman_sends_x_api_key_and_a_path_less_deactivation() {
    use truto_core::{UpdateUser, UserDirectoryExt, UserStatus};
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path(
            "/scim/v2/Users/405775fe15ed41872a8eea4c8aa2b38cda9749812cc55c99",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(scim_user(
            "405775fe15ed41872a8eea4c8aa2b38cda9749812cc55c99",
            "radia@example.com",
            false,
        )))
        .mount(&server)
        .await;
    let dir = truto_scim::presets::postman_scim::connect(&config(&server)).unwrap();
    let user = dir
        .update_user(
            "405775fe15ed41872a8eea4c8aa2b38cda9749812cc55c99",
            UpdateUser::new().status(UserStatus::Inactive),
        )
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some(TOKEN));
    assert_eq!(header(&request, "authorization"), None);
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "value": {"active": false}}]
        })
    );
}

#[cfg(feature = "postman_scim")]
#[tokio::test]
async fn postman_updates_only_the_status() {
    use truto_core::{ErrorKind, UpdateUser, UserDirectoryExt, UserUpdate};
    let server = MockServer::start().await;
    let dir = truto_scim::presets::postman_scim::connect(&config(&server)).unwrap();
    let mut body = UserUpdate::default();
    body.title = Some("Engineer".into());
    let err = dir
        .update_user("1", UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[cfg(feature = "netskope_scim")]
#[tokio::test]
async fn netskope_sends_its_token_header() {
    use truto_core::{ListUsers, UserDirectoryExt};
    let server = list_server(empty_list()).await;
    let dir = truto_scim::presets::netskope_scim::connect(&config(&server).set("tenant", "acme"))
        .unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "netskope-api-token"), Some(TOKEN));
    assert_eq!(header(&request, "authorization"), None);
    let url = Config::new()
        .set("tenant", "acme")
        .base_url(&truto_scim::presets::netskope_scim::PRESET.integration)
        .unwrap();
    assert_eq!(url.as_str(), "https://acme.goskope.com/api/v2/scim/");
}

#[cfg(feature = "github_enterprise_scim")]
#[test]
fn github_fills_the_organization() {
    let integration = &truto_scim::presets::github_enterprise_scim::PRESET.integration;
    let url = Config::new()
        .set("organization", "octo-org")
        .base_url(integration)
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://api.github.com/scim/v2/organizations/octo-org/"
    );
    let err = Config::new().base_url(integration).unwrap_err();
    assert!(err.to_string().contains("organization"), "{err}");
}

#[cfg(feature = "github_enterprise_scim")]
#[tokio::test]
async fn github_filters_on_emails_and_patches_without_a_path() {
    use truto_core::{ListUsers, UpdateUser, UserDirectoryExt, UserStatus};
    let user = scim_user("edefdfedf-050c-11e7-8d32", "mona@example.com", true);
    let server = list_server(json!({"schemas": [], "totalResults": 1, "Resources": [user]})).await;
    Mock::given(method("PATCH"))
        .and(path("/scim/v2/Users/edefdfedf-050c-11e7-8d32"))
        .respond_with(ResponseTemplate::new(200).set_body_json(scim_user(
            "edefdfedf-050c-11e7-8d32",
            "mona@example.com",
            false,
        )))
        .mount(&server)
        .await;
    let dir = truto_scim::presets::github_enterprise_scim::connect(
        &config(&server).set("organization", "octo-org"),
    )
    .unwrap();
    let found = dir
        .find_by_email("mona@example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    dir.update_user(
        "edefdfedf-050c-11e7-8d32",
        UpdateUser::new().status(UserStatus::Inactive),
    )
    .await
    .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        query(&requests[0], "filter").as_deref(),
        Some(r#"emails eq "mona@example.com""#)
    );
    assert_eq!(
        header(&requests[1], "content-type"),
        Some("application/json")
    );
    let body: Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(
        body,
        json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "value": {"active": false}}]
        })
    );
}

#[cfg(feature = "figma_scim")]
#[test]
fn figma_fills_the_tenant_and_refuses_hostile_ones() {
    let integration = &truto_scim::presets::figma_scim::PRESET.integration;
    let url = Config::new()
        .set("tenant_id", "1122334455667788990")
        .base_url(integration)
        .unwrap();
    assert_eq!(
        url.as_str(),
        "https://www.figma.com/scim/v2/1122334455667788990/"
    );
    for hostile in ["a/b", "evil.test/x?", "x@evil.test", "a#b"] {
        let result = Config::new()
            .set("tenant_id", hostile)
            .base_url(integration);
        assert!(result.is_err(), "`{hostile}` was accepted: {result:?}");
    }
    let err = Config::new().base_url(integration).unwrap_err();
    assert!(err.to_string().contains("tenant_id"), "{err}");
}

#[cfg(feature = "figma_scim")]
#[tokio::test]
async fn figma_finds_by_user_name_and_patches_json() {
    use truto_core::{ListUsers, UpdateUser, UserDirectoryExt, UserStatus};
    let user = scim_user("9a8b7c6d", "radia@example.com", true);
    let server = list_server(json!({"schemas": [], "totalResults": 1, "Resources": [user]})).await;
    Mock::given(method("PATCH"))
        .and(path("/scim/v2/Users/9a8b7c6d"))
        .respond_with(ResponseTemplate::new(200).set_body_json(scim_user(
            "9a8b7c6d",
            "radia@example.com",
            false,
        )))
        .mount(&server)
        .await;
    let dir =
        truto_scim::presets::figma_scim::connect(&config(&server).set("tenant_id", "t1")).unwrap();
    let found = dir
        .find_by_email("radia@example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    dir.update_user("9a8b7c6d", UpdateUser::new().status(UserStatus::Inactive))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        query(&requests[0], "filter").as_deref(),
        Some(r#"userName eq "radia@example.com""#)
    );
    assert_eq!(
        header(&requests[0], "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(
        header(&requests[1], "content-type"),
        Some("application/json")
    );
    let body: Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(
        body["Operations"],
        json!([{"op": "replace", "path": "active", "value": false}])
    );
}

#[cfg(feature = "canva")]
#[tokio::test]
async fn canva_pages_by_ten_and_reads_lower_case_resources() {
    use truto_core::{ListUsers, UserDirectoryExt, UserStatus};
    let server = list_server(json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": 1,
        "itemsPerPage": 1,
        "startIndex": 1,
        "resources": [{
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "id": "UAFdxab4PQx",
            "userName": "radia.perlman@example.com",
            "name": {"givenName": "Radia", "familyName": "Perlman"},
            "displayName": "Radia Perlman",
            "active": false,
            "emails": [{"primary": true, "value": "radia.perlman@example.com", "type": "work"}],
            "role": "MEMBER"
        }]
    }))
    .await;
    let dir = truto_scim::presets::canva::connect(&config(&server)).unwrap();
    let users = dir
        .collect_users(ListUsers::new().limit(500))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(query(&request, "count").as_deref(), Some("10"));
    assert_eq!(query(&request, "startIndex").as_deref(), Some("1"));
    assert_eq!(users.len(), 1);
    assert_eq!(users[0].id, "UAFdxab4PQx");
    assert_eq!(users[0].name.as_deref(), Some("Radia Perlman"));
    assert_eq!(users[0].primary_email(), Some("radia.perlman@example.com"));
    assert_eq!(users[0].status, Some(UserStatus::Inactive));
}

#[cfg(feature = "canva")]
#[tokio::test]
async fn canva_has_no_email_filter() {
    use truto_core::{ErrorKind, Filter, ListUsers, UserDirectoryExt};
    let server = MockServer::start().await;
    let dir = truto_scim::presets::canva::connect(&config(&server)).unwrap();
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Email, "radia@example.com"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[cfg(feature = "ironclad")]
#[tokio::test]
async fn ironclad_acts_as_a_user_when_configured() {
    use truto_core::{ListUsers, UserDirectoryExt};
    let server = list_server(empty_list()).await;
    let base = config(&server).set("region", "na1");
    let dir = truto_scim::presets::ironclad::connect(&base).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let dir = truto_scim::presets::ironclad::connect(&base.set("as_user_email", "ops@example.com"))
        .unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(header(&requests[0], "x-as-user-email"), None);
    assert_eq!(query(&requests[0], "count").as_deref(), Some("25"));
    assert_eq!(
        header(&requests[1], "x-as-user-email"),
        Some("ops@example.com")
    );
    let url = Config::new()
        .set("region", "eu1")
        .base_url(&truto_scim::presets::ironclad::PRESET.integration)
        .unwrap();
    assert_eq!(url.as_str(), "https://eu1.ironcladapp.com/scim/v2/");
}

#[cfg(feature = "peakon_scim")]
#[tokio::test]
async fn peakon_filters_email_on_emails() {
    use truto_core::{ListUsers, UserDirectoryExt};
    let server = list_server(empty_list()).await;
    let dir = truto_scim::presets::peakon_scim::connect(&config(&server)).unwrap();
    dir.find_by_email("radia@example.com", ListUsers::new())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        query(&request, "filter").as_deref(),
        Some(r#"emails eq "radia@example.com""#)
    );
}

#[cfg(feature = "airtable_scim")]
#[tokio::test]
async fn airtable_filters_email_on_user_name() {
    use truto_core::{ListUsers, UserDirectoryExt};
    let server = list_server(empty_list()).await;
    let dir = truto_scim::presets::airtable_scim::connect(&config(&server)).unwrap();
    dir.find_by_email("radia@example.com", ListUsers::new())
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        query(&request, "filter").as_deref(),
        Some(r#"userName eq "radia@example.com""#)
    );
}

#[cfg(feature = "sailpoint_identityiq_scim")]
#[tokio::test]
async fn sailpoint_takes_basic_auth() {
    use truto_core::{ListUsers, UserDirectoryExt};
    let server = list_server(empty_list()).await;
    let config = Config::new()
        .set("base_url", format!("{}/scim/v2", server.uri()))
        .set("host", "iiq.example.com")
        .set("username", "svc")
        .set("password", "pw");
    let dir = truto_scim::presets::sailpoint_identityiq_scim::connect(&config).unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    let request = only_request(&server).await;
    // base64("svc:pw")
    assert_eq!(header(&request, "authorization"), Some("Basic c3ZjOnB3"));
    let url = Config::new()
        .set("host", "iiq.example.com")
        .base_url(&truto_scim::presets::sailpoint_identityiq_scim::PRESET.integration)
        .unwrap();
    assert_eq!(url.as_str(), "https://iiq.example.com/identityiq/scim/v2/");
}

#[cfg(feature = "servicenow_scim")]
#[test]
fn servicenow_fills_the_instance_and_needs_credentials() {
    let preset = &truto_scim::presets::servicenow_scim::PRESET;
    let url = Config::new()
        .set("instance", "acme")
        .base_url(&preset.integration)
        .unwrap();
    assert_eq!(url.as_str(), "https://acme.service-now.com/api/now/scim/");
    let Err(err) =
        truto_scim::presets::servicenow_scim::connect(&Config::new().set("instance", "acme"))
    else {
        panic!("connected without credentials");
    };
    assert!(err.to_string().contains("password"), "{err}");
}

/// Presets whose URL is per account have no default: `base_url` is required.
#[test]
fn per_account_presets_need_a_base_url() {
    let mut registry = Registry::new();
    truto_scim::register(&mut registry);
    for slug in [
        "jostle_scim",
        "knowbe4_scim",
        "zoominfo_scim",
        "zscaler_zpa_scim",
    ] {
        let Some(integration) = registry.get(slug) else {
            continue;
        };
        assert_eq!(integration.default_base_url, None, "{slug}");
        let err = Config::new()
            .set("token", TOKEN)
            .base_url(integration)
            .unwrap_err();
        assert!(err.to_string().contains("base_url"), "{slug}: {err}");
    }
}

#[test]
fn the_readme_matrix_lists_every_registered_integration() {
    let readme = include_str!("../../README.md");
    let mut registry = truto_core::Registry::new();
    truto_scim::register(&mut registry);
    for integration in registry.integrations() {
        let row = format!("| `{}` |", integration.slug);
        assert!(
            readme.contains(&row),
            "README's integration matrix has no row for {}",
            integration.slug
        );
    }
}
