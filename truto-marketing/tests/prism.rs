//! Each integration against Prism serving the provider's own published API description:
//! Prism refuses a request that breaks the description, and answers with the
//! description's examples, which must map to sensible users.

use truto_core::testing::PrismServer;
use truto_core::{Config, GetUser, ListUsers, UserDirectoryExt};

#[tokio::test]
async fn sendgrid() {
    let Some(prism) = PrismServer::start_or_skip("sendgrid-teammates.json", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("api_key", "prism-test-key")
        .set("max_attempts", "1");
    let dir = truto_marketing::sendgrid::connect(&config).unwrap();
    // Prism accepts the request. The description's list *example* puts the teammates at
    // `results`, while its schema (and SendGrid's reference) says `result`, which the spec
    // reads: Prism's example page therefore lists nobody, and is the last page.
    let page = dir
        .list_users_page(ListUsers::new().limit(10))
        .await
        .unwrap();
    assert!(page.users.is_empty());
    assert!(page.next_cursor.is_none());

    let user = dir.get_user("teammate1", GetUser::new()).await.unwrap();
    assert_eq!(user.id, "teammate1");
    assert_eq!(user.username.as_deref(), Some("teammate1"));
    assert_eq!(user.name.as_deref(), Some("Jane Doe"));
    assert_eq!(user.primary_email(), Some("teammate1@example.com"));
    assert_eq!(user.roles.len(), 1);
}
