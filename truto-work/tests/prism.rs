//! The declarative integrations of this crate against their providers' published API
//! descriptions served by Prism with request validation: every request an operation sends
//! must be one the description accepts, and the users Prism answers with (generated from
//! the descriptions' schemas: neither has example responses) must map to users with an id.

use truto_core::testing::PrismServer;
use truto_core::{Config, Filter, GetUser, ListUsers, UserDirectoryExt};

/// Asana (`asana.yaml`): one page of the list, the two filters, and get. Prism builds the
/// users from the schema's property examples.
#[cfg(feature = "asana")]
#[tokio::test]
async fn asana() {
    let Some(prism) = PrismServer::start_or_skip("asana.yaml", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("token", "prism-token");
    let dir = truto_work::asana::connect(&config).expect("connects");

    let page = dir
        .list_users_page(ListUsers::new().limit(50))
        .await
        .expect("Prism accepts the list request");
    assert!(!page.users.is_empty(), "Prism answers with users");
    for user in &page.users {
        assert_eq!(user.id, "12345");
        assert_eq!(user.name.as_deref(), Some("Greg Sanchez"));
        assert_eq!(user.first_name.as_deref(), Some("Greg"));
    }
    // Prism's example `next_page` always names an offset: the page says there is another.
    assert!(page.next_cursor.is_some());

    for (filter, value) in [(Filter::OrganizationId, "1331"), (Filter::GroupId, "15627")] {
        let page = dir
            .list_users_page(ListUsers::new().filter(filter, value))
            .await
            .unwrap_or_else(|e| panic!("Prism accepts the {filter:?} filter: {e}"));
        assert!(page.users.iter().all(|u| !u.id.is_empty()));
    }

    let user = dir
        .get_user("12345", GetUser::new())
        .await
        .expect("Prism accepts the get request");
    assert_eq!(user.id, "12345");
    assert_eq!(user.primary_email(), Some("gsanchez@example.com"));
    assert_eq!(
        user.organizations[0].name.as_deref(),
        Some("My Company Workspace")
    );
}

/// DocuSign (`docusign-esign.json`, Swagger 2.0: Prism serves its paths without the
/// `/restapi` base path, so `base_url` is Prism's root): one page of the list, the three
/// filters, and get.
#[cfg(feature = "docusign")]
#[tokio::test]
async fn docusign() {
    let Some(prism) = PrismServer::start_or_skip("docusign-esign.json", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("access_token", "prism-access-token")
        .set("base_uri", "https://demo.docusign.net")
        .set("account_id", "f636f297-0000-0000-0000-8e7a14715950");
    let dir = truto_work::docusign::connect(&config).expect("connects");

    let page = dir
        .list_users_page(ListUsers::new().limit(10))
        .await
        .expect("Prism accepts the list request");
    assert!(!page.users.is_empty(), "Prism answers with users");
    assert!(page.users.iter().all(|u| !u.id.is_empty()));
    let id = page.users[0].id.clone();

    for (filter, value) in [
        (Filter::Email, "examplename42@orobia.net"),
        (Filter::Name, "Morales"),
        (Filter::GroupId, "8817433"),
    ] {
        let page = dir
            .list_users_page(ListUsers::new().filter(filter, value))
            .await
            .unwrap_or_else(|e| panic!("Prism accepts the {filter:?} filter: {e}"));
        assert!(page.users.iter().all(|u| !u.id.is_empty()));
    }

    let user = dir
        .get_user(&id, GetUser::new())
        .await
        .expect("Prism accepts the get request");
    assert!(!user.id.is_empty());
}
