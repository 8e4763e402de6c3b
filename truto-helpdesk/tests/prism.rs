//! Each integration against Prism serving the provider's own published API description:
//! Prism refuses a request that breaks the description, and answers with the
//! description's examples, which must map to sensible users.

use truto_core::testing::PrismServer;
use truto_core::{Config, GetUser, ListUsers, UserDirectoryExt};

#[tokio::test]
async fn intercom() {
    let Some(prism) = PrismServer::start_or_skip("intercom.yaml", true).await else {
        return;
    };
    let config = Config::new()
        .set("base_url", prism.uri())
        .set("token", "prism-test-token")
        .set("max_attempts", "1");
    let dir = truto_helpdesk::intercom::connect(&config).unwrap();
    let page = dir.list_users_page(ListUsers::new()).await.unwrap();
    assert!(page.next_cursor.is_none());
    assert_eq!(page.users.len(), 1);
    let admin = &page.users[0];
    assert_eq!(admin.id, "991267466");
    assert_eq!(admin.name.as_deref(), Some("Ciaran7 Lee"));
    assert_eq!(admin.primary_email(), Some("admin7@email.com"));

    // Intercom's admin ids are numeric (the description types `admin_id` as an integer).
    let admin = dir.get_user("991267468", GetUser::new()).await.unwrap();
    assert_eq!(admin.id, "991267468");
    assert_eq!(admin.name.as_deref(), Some("Ciaran9 Lee"));
    assert_eq!(admin.primary_email(), Some("admin9@email.com"));
}
