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

/// The config defaults a preset fills in (a placeholder with a default need not be set).
fn config_defaults(slug: &str) -> &'static [(&'static str, &'static str)] {
    match slug {
        #[cfg(feature = "ironclad")]
        "ironclad" => truto_scim::presets::ironclad::PRESET.quirks.config_defaults,
        _ => &[],
    }
}

/// Every compiled-in preset's base URL placeholders are required config keys (or have a
/// default the preset fills), and only the presets whose updates are confirmed declare
/// updating.
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
                let defaulted = config_defaults(integration.slug)
                    .iter()
                    .any(|(k, _)| *k == key);
                assert!(
                    declared.is_some_and(|k| (k.required || defaulted) && !k.secret),
                    "{}: placeholder `{key}` is not a required (or defaulted), non-secret config key",
                    integration.slug
                );
                rest = &rest[end + 1..];
            }
        }
        if integration.update {
            assert!(
                [
                    "scim",
                    "airtable_scim",
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
async fn postman_refuses_other_fields_before_sending() {
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

// ---------------------------------------------------------------------------------------
// Canva: one documented role, one email
// ---------------------------------------------------------------------------------------

#[cfg(feature = "canva")]
fn canva_update(
    roles: Option<Vec<truto_core::Role>>,
    emails: Option<Vec<truto_core::Email>>,
) -> truto_core::UpdateUser {
    let mut body = truto_core::UserUpdate::default();
    body.roles = roles;
    body.emails = emails;
    truto_core::UpdateUser::new().body(body)
}

#[cfg(feature = "canva")]
#[tokio::test]
async fn canva_refuses_an_undocumented_role_before_sending() {
    use truto_core::{ErrorKind, Role, UserDirectoryExt};
    let server = MockServer::start().await;
    let dir = truto_scim::presets::canva::connect(&config(&server)).unwrap();
    for roles in [
        vec![Role::new(None, Some("Owner".into()))],
        vec![Role::new(Some("super-admin".into()), None)],
        vec![
            Role::new(None, Some("Admin".into())),
            Role::new(None, Some("Member".into())),
        ],
        vec![],
    ] {
        let err = dir
            .update_user("UAFdxab4PQx", canva_update(Some(roles.clone()), None))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{roles:?}: {err}");
        let message = err.to_string();
        for allowed in [
            "`Member`",
            "`Admin`",
            "`Template-designer`",
            "`Administrator`",
        ] {
            assert!(message.contains(allowed), "{message}");
        }
    }
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "a request was sent"
    );
}

#[cfg(feature = "canva")]
#[tokio::test]
async fn canva_refuses_several_emails_before_sending() {
    use truto_core::{Email, ErrorKind, UserDirectoryExt};
    let server = MockServer::start().await;
    let dir = truto_scim::presets::canva::connect(&config(&server)).unwrap();
    let err = dir
        .update_user(
            "UAFdxab4PQx",
            canva_update(
                None,
                Some(vec![
                    Email::new("radia@example.com"),
                    Email::new("radia.perlman@example.com"),
                ]),
            ),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(err.to_string().contains("one email"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[cfg(feature = "canva")]
#[tokio::test]
async fn canva_sends_a_documented_role_as_canva_spells_it_and_reads_it_back() {
    use truto_core::{Email, Role, UserDirectoryExt};
    let server = MockServer::start().await;
    let mut after = scim_user("UAFdxab4PQx", "radia@example.com", true);
    after["role"] = json!("Template-designer");
    Mock::given(method("PATCH"))
        .and(path("/scim/v2/Users/UAFdxab4PQx"))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let dir = truto_scim::presets::canva::connect(&config(&server)).unwrap();
    let user = dir
        .update_user(
            "UAFdxab4PQx",
            canva_update(
                Some(vec![Role::new(None, Some("template-designer".into()))]),
                Some(vec![Email::new("radia@example.com")]),
            ),
        )
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "content-type"),
        Some("application/scim+json")
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [
                {"op": "replace", "path": "emails", "value": [
                    {"value": "radia@example.com", "type": "work", "primary": true}
                ]},
                {"op": "replace", "path": "role", "value": "Template-designer"}
            ]
        })
    );
    assert_eq!(
        user.roles,
        vec![Role::new(
            Some("Template-designer".into()),
            Some("Template-designer".into())
        )]
    );
    assert_eq!(user.primary_email(), Some("radia@example.com"));
}

// ---------------------------------------------------------------------------------------
// Docker Hub and Figma: pages of at most 200
// ---------------------------------------------------------------------------------------

#[cfg(any(feature = "docker_hub_scim", feature = "figma_scim"))]
async fn counts_asked(
    connect: fn(&Config) -> truto_core::Result<std::sync::Arc<dyn truto_core::UserDirectory>>,
    config: Config,
    server: &MockServer,
) -> Vec<String> {
    use truto_core::{ListUsers, UserDirectoryExt};
    let dir = connect(&config).unwrap();
    dir.collect_users(ListUsers::new().limit(500))
        .await
        .unwrap();
    dir.collect_users(ListUsers::new().ignore_limit(true))
        .await
        .unwrap();
    dir.collect_users(ListUsers::new()).await.unwrap();
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| query(r, "count").unwrap_or_default())
        .collect()
}

#[cfg(feature = "docker_hub_scim")]
#[tokio::test]
async fn docker_hub_asks_for_at_most_200_a_page() {
    let server = list_server(empty_list()).await;
    let counts = counts_asked(
        truto_scim::presets::docker_hub_scim::connect,
        config(&server),
        &server,
    )
    .await;
    assert_eq!(counts, ["200", "200", "100"]);
    let integration = &truto_scim::presets::docker_hub_scim::PRESET.integration;
    assert_eq!(integration.max_page_size, Some(200));
}

#[cfg(feature = "figma_scim")]
#[tokio::test]
async fn figma_asks_for_at_most_200_a_page() {
    let server = list_server(empty_list()).await;
    let counts = counts_asked(
        truto_scim::presets::figma_scim::connect,
        config(&server).set("tenant_id", "t1"),
        &server,
    )
    .await;
    assert_eq!(counts, ["200", "200", "100"]);
    let integration = &truto_scim::presets::figma_scim::PRESET.integration;
    assert_eq!(integration.max_page_size, Some(200));
}

// ---------------------------------------------------------------------------------------
// Ironclad: `na1` unless told otherwise
// ---------------------------------------------------------------------------------------

#[cfg(feature = "ironclad")]
#[tokio::test]
async fn ironclad_defaults_the_region_to_the_documented_na1() {
    let dir = truto_scim::presets::ironclad::connect(&Config::new().set("token", TOKEN))
        .expect("connects without a region");
    let debug = format!("{dir:?}");
    assert!(
        debug.contains("https://na1.ironcladapp.com/scim/v2"),
        "{debug}"
    );
    assert!(!debug.contains(TOKEN), "{debug}");
    let dir = truto_scim::presets::ironclad::connect(
        &Config::new().set("token", TOKEN).set("region", "eu1"),
    )
    .unwrap();
    let debug = format!("{dir:?}");
    assert!(
        debug.contains("https://eu1.ironcladapp.com/scim/v2"),
        "{debug}"
    );
    let key = truto_scim::presets::ironclad::PRESET
        .integration
        .config_key("region")
        .unwrap();
    assert!(!key.required);
    // A region is still a subdomain label, never a way to another host.
    assert!(
        truto_scim::presets::ironclad::connect(
            &Config::new()
                .set("token", TOKEN)
                .set("region", "evil.test/x?")
        )
        .is_err()
    );
}

// ---------------------------------------------------------------------------------------
// ServiceNow: the SCIM API policy and `scim_admin`
// ---------------------------------------------------------------------------------------

#[cfg(feature = "servicenow_scim")]
#[test]
fn servicenow_docs_name_the_scim_admin_role_and_the_scim_api_policy() {
    let docs = include_str!("../src/presets/servicenow_scim.rs");
    assert!(docs.contains("`scim_admin`"), "the role is not named");
    assert!(docs.contains("SCIM API Policy"), "the policy is not named");
    assert!(
        !docs.contains("instance user allowed to read users"),
        "the docs still say any user who may read users will do"
    );
    let integration = &truto_scim::presets::servicenow_scim::PRESET.integration;
    let username = integration.config_key("username").unwrap();
    assert!(username.description.contains("scim_admin"), "{username:?}");
}

// ---------------------------------------------------------------------------------------
// Postman: status by PATCH, names by PUT
// ---------------------------------------------------------------------------------------

#[cfg(feature = "postman_scim")]
const POSTMAN_ID: &str = "405775fe15ed41872a8eea4c8aa2b38cda9749812cc55c99";

#[cfg(feature = "postman_scim")]
#[tokio::test]
async fn postman_puts_both_names_in_one_request() {
    use truto_core::{UpdateUser, UserDirectoryExt, UserUpdate};
    let server = MockServer::start().await;
    let mut after = scim_user(POSTMAN_ID, "radia@example.com", true);
    after["name"] = json!({"givenName": "Radia J.", "familyName": "Perlman-Smith"});
    Mock::given(method("PUT"))
        .and(path(format!("/scim/v2/Users/{POSTMAN_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let dir = truto_scim::presets::postman_scim::connect(&config(&server)).unwrap();
    let mut body = UserUpdate::default();
    body.first_name = Some("Radia J.".into());
    body.last_name = Some("Perlman-Smith".into());
    let user = dir
        .update_user(POSTMAN_ID, UpdateUser::new().body(body))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(header(&request, "x-api-key"), Some(TOKEN));
    let sent: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        sent,
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "name": {"givenName": "Radia J.", "familyName": "Perlman-Smith"}
        })
    );
    assert_eq!(user.first_name.as_deref(), Some("Radia J."));
    assert_eq!(user.last_name.as_deref(), Some("Perlman-Smith"));
}

#[cfg(feature = "postman_scim")]
#[tokio::test]
async fn postman_keeps_the_name_that_is_not_changing() {
    use truto_core::{UpdateUser, UserDirectoryExt, UserUpdate};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(format!("/scim/v2/Users/{POSTMAN_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(scim_user(
            POSTMAN_ID,
            "radia@example.com",
            true,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let mut after = scim_user(POSTMAN_ID, "radia@example.com", true);
    after["name"] = json!({"givenName": "Radia", "familyName": "Perlman-Smith"});
    Mock::given(method("PUT"))
        .and(path(format!("/scim/v2/Users/{POSTMAN_ID}")))
        .respond_with(ResponseTemplate::new(200).set_body_json(after))
        .expect(1)
        .mount(&server)
        .await;
    let dir = truto_scim::presets::postman_scim::connect(&config(&server)).unwrap();
    let mut body = UserUpdate::default();
    body.last_name = Some("Perlman-Smith".into());
    let user = dir
        .update_user(POSTMAN_ID, UpdateUser::new().body(body))
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].method.as_str(), "GET");
    assert_eq!(requests[1].method.as_str(), "PUT");
    let sent: Value = serde_json::from_slice(&requests[1].body).unwrap();
    assert_eq!(
        sent["name"],
        json!({"givenName": "Radia", "familyName": "Perlman-Smith"})
    );
    assert_eq!(user.last_name.as_deref(), Some("Perlman-Smith"));
    assert_eq!(user.first_name.as_deref(), Some("Radia"));
}

#[cfg(feature = "postman_scim")]
#[tokio::test]
async fn postman_refuses_a_status_and_a_name_in_one_update() {
    use truto_core::{ErrorKind, UpdateUser, UserDirectoryExt, UserStatus, UserUpdate};
    let server = MockServer::start().await;
    let dir = truto_scim::presets::postman_scim::connect(&config(&server)).unwrap();
    let mut body = UserUpdate::default();
    body.status = Some(UserStatus::Inactive);
    body.first_name = Some("Radia".into());
    let err = dir
        .update_user(POSTMAN_ID, UpdateUser::new().body(body))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
    let fields: Vec<&str> = truto_scim::presets::postman_scim::PRESET
        .integration
        .update_field_names()
        .collect();
    assert_eq!(fields, ["status", "first_name", "last_name"]);
}

// ---------------------------------------------------------------------------------------
// Airtable: status updates, one filter, managed users
// ---------------------------------------------------------------------------------------

#[cfg(feature = "airtable_scim")]
#[tokio::test]
async fn airtable_deactivates_with_a_patch_of_active() {
    use truto_core::{UpdateUser, UserDirectoryExt, UserStatus};
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/scim/v2/Users/usrA1b2C3d4E5f6G7"))
        .respond_with(ResponseTemplate::new(200).set_body_json(scim_user(
            "usrA1b2C3d4E5f6G7",
            "radia@example.com",
            false,
        )))
        .expect(1)
        .mount(&server)
        .await;
    let dir = truto_scim::presets::airtable_scim::connect(&config(&server)).unwrap();
    let user = dir
        .update_user(
            "usrA1b2C3d4E5f6G7",
            UpdateUser::new().status(UserStatus::Inactive),
        )
        .await
        .unwrap();
    assert_eq!(user.status, Some(UserStatus::Inactive));
    let request = only_request(&server).await;
    assert_eq!(
        header(&request, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "replace", "path": "active", "value": false}]
        })
    );
    let fields: Vec<&str> = truto_scim::presets::airtable_scim::PRESET
        .integration
        .update_field_names()
        .collect();
    assert_eq!(fields, ["status"]);
}

#[cfg(feature = "airtable_scim")]
#[tokio::test]
async fn airtable_refuses_an_email_and_a_user_name_together_before_sending() {
    use truto_core::{ErrorKind, Filter, ListUsers, UserDirectoryExt};
    let server = list_server(empty_list()).await;
    let dir = truto_scim::presets::airtable_scim::connect(&config(&server)).unwrap();
    let err = dir
        .collect_users(
            ListUsers::new()
                .filter(Filter::Email, "radia@example.com")
                .filter(Filter::Username, "radia@example.com"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
    // One at a time is fine.
    dir.collect_users(ListUsers::new().filter(Filter::Username, "radia@example.com"))
        .await
        .unwrap();
    let request = only_request(&server).await;
    assert_eq!(
        query(&request, "filter").as_deref(),
        Some(r#"userName eq "radia@example.com""#)
    );
}

#[cfg(feature = "airtable_scim")]
#[test]
fn airtable_docs_say_only_managed_users_are_listed() {
    let docs = include_str!("../src/presets/airtable_scim.rs");
    assert!(docs.contains("Managed users only"), "not said");
}

// ---------------------------------------------------------------------------------------
// Jostle: unfiltered paging and `userName eq`
// ---------------------------------------------------------------------------------------

#[cfg(feature = "jostle_scim")]
#[tokio::test]
async fn jostle_pages_without_a_filter_and_filters_by_user_name() {
    use truto_core::{Filter, ListUsers, UserDirectoryExt};
    let server = MockServer::start().await;
    let users: Vec<Value> = (0..3)
        .map(|n| scim_user(&format!("j{n}"), &format!("user{n}@example.com"), true))
        .collect();
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .and(wiremock::matchers::query_param(
            "filter",
            r#"userName eq "user1@example.com""#,
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": 1,
            "startIndex": 1,
            "Resources": [users[1].clone()]
        })))
        .mount(&server)
        .await;
    for (start, page) in [(1, &users[..2]), (3, &users[2..])] {
        Mock::given(method("GET"))
            .and(path("/scim/v2/Users"))
            .and(wiremock::matchers::query_param_is_missing("filter"))
            .and(wiremock::matchers::query_param(
                "startIndex",
                start.to_string(),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
                "totalResults": 3,
                "startIndex": start,
                "itemsPerPage": page.len(),
                "Resources": page
            })))
            .mount(&server)
            .await;
    }
    let dir = truto_scim::presets::jostle_scim::connect(&config(&server)).unwrap();
    let listed = dir.collect_users(ListUsers::new().limit(2)).await.unwrap();
    let ids: Vec<&str> = listed.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["j0", "j1", "j2"]);
    let found = dir
        .collect_users(ListUsers::new().filter(Filter::Username, "user1@example.com"))
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "j1");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    for r in &requests[..2] {
        assert_eq!(query(r, "filter"), None);
        assert_eq!(query(r, "count").as_deref(), Some("2"));
    }
    assert_eq!(
        query(&requests[2], "filter").as_deref(),
        Some(r#"userName eq "user1@example.com""#)
    );
}

// ---------------------------------------------------------------------------------------
// Notion: no `userName` filter
// ---------------------------------------------------------------------------------------

#[cfg(feature = "notion_scim")]
#[tokio::test]
async fn notion_has_no_user_name_filter() {
    use truto_core::{ErrorKind, Filter, ListUsers, UserDirectoryExt};
    let server = MockServer::start().await;
    let dir = truto_scim::presets::notion_scim::connect(&config(&server)).unwrap();
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Username, "radia"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
    let docs = include_str!("../src/presets/notion_scim.rs");
    assert!(
        docs.contains("documents no `userName` filter"),
        "the docs do not say Notion documents no userName filter"
    );
}
