//! The declarative integrations of this crate against their providers' published API
//! descriptions served by Prism with request validation: every request an operation sends
//! must be one the description accepts, and the description's example users (or the bodies
//! Prism generates from its schemas where it has none) must map to users with an id.

use truto_core::testing::PrismServer;
use truto_core::{Config, Filter, GetUser, ListUsers, UpdateUser, UserDirectoryExt, UserStatus};

/// Sentry (`sentry.json`): list and get, with the description's example member.
#[cfg(feature = "sentry")]
#[tokio::test]
async fn sentry() {
    let Some(prism) = PrismServer::start_or_skip("sentry.json", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("token", "prism-auth-token")
        .set("organization", "the-interstellar-jurisdiction");
    let dir = truto_devtools::sentry::connect(&config).expect("connects");

    let page = dir
        .list_users_page(ListUsers::new().limit(25))
        .await
        .expect("Prism accepts the list request");
    let first = page.users.first().expect("the example page holds a member");
    assert_eq!(first.id, "57377908164");
    assert_eq!(first.name.as_deref(), Some("Sir Penguin"));
    assert_eq!(
        first.primary_email(),
        Some("sirpenguin@antarcticarocks.com")
    );
    assert_eq!(
        first.username.as_deref(),
        Some("sirpenguin@antarcticarocks.com")
    );
    assert_eq!(first.status, Some(UserStatus::Active));

    let user = dir
        .get_user("57377908164", GetUser::new())
        .await
        .expect("Prism accepts the get request");
    assert_eq!(user.id, "57377908164");
    assert_eq!(user.is_2fa_enabled, Some(false));
}

/// PagerDuty (`pagerduty.json`): list, the two filters, and get, with the description's
/// example users.
#[cfg(feature = "pagerduty")]
#[tokio::test]
async fn pagerduty() {
    let Some(prism) = PrismServer::start_or_skip("pagerduty.json", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("token", "prism-api-key");
    let dir = truto_devtools::pagerduty::connect(&config).expect("connects");

    // The example page holds two users and says `more: false`.
    let page = dir
        .list_users_page(ListUsers::new().limit(25))
        .await
        .expect("Prism accepts the list request");
    let ids: Vec<&str> = page.users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["PXPGF42", "PAM4FGS"]);
    assert!(page.next_cursor.is_none(), "`more: false` ends the listing");
    let first = &page.users[0];
    assert_eq!(first.name.as_deref(), Some("Earline Greenholt"));
    assert_eq!(
        first.primary_email(),
        Some("125.greenholt.earline@graham.name")
    );
    assert_eq!(first.status, Some(UserStatus::Active));
    assert_eq!(first.timezone.as_deref(), Some("America/Lima"));
    assert_eq!(first.roles[0].id.as_deref(), Some("admin"));
    assert_eq!(first.groups[0].name.as_deref(), Some("Engineering"));

    for (filter, value) in [(Filter::Name, "Earline"), (Filter::GroupId, "PQ9K7I8")] {
        let page = dir
            .list_users_page(ListUsers::new().filter(filter, value))
            .await
            .unwrap_or_else(|e| panic!("Prism accepts the {filter:?} filter: {e}"));
        assert!(page.users.iter().all(|u| !u.id.is_empty()));
    }

    let user = dir
        .get_user("PXPGF42", GetUser::new())
        .await
        .expect("Prism accepts the get request");
    assert_eq!(user.id, "PXPGF42");
    assert_eq!(user.title.as_deref(), Some("Director of Engineering"));
    assert_eq!(user.bio.as_deref(), Some("I'm the boss"));
}

/// Datadog (`datadog.yaml`, no examples: Prism generates users from the schema): list,
/// the status filter, get, and a deactivation (`PATCH` of `disabled`).
#[cfg(feature = "datadog")]
#[tokio::test]
async fn datadog() {
    let Some(prism) = PrismServer::start_or_skip("datadog.yaml", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("api_key", "prism-api-key")
        .set("application_key", "prism-application-key");
    let dir = truto_devtools::datadog::connect(&config).expect("connects");

    let page = dir
        .list_users_page(ListUsers::new().limit(10))
        .await
        .expect("Prism accepts the list request");
    assert!(!page.users.is_empty(), "Prism generates at least one user");
    assert!(page.users.iter().all(|u| !u.id.is_empty()));
    let id = page.users[0].id.clone();

    let page = dir
        .list_users_page(ListUsers::new().filter(Filter::Status, "inactive"))
        .await
        .expect("Prism accepts the status filter");
    assert!(page.users.iter().all(|u| !u.id.is_empty()));

    let user = dir
        .get_user(&id, GetUser::new())
        .await
        .expect("Prism accepts the get request");
    assert!(!user.id.is_empty());

    dir.update_user(&id, UpdateUser::new().status(UserStatus::Inactive))
        .await
        .expect("Prism accepts the deactivation");
}
