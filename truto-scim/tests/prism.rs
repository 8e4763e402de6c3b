//! SCIM presets against Prism serving the provider's own published API description:
//! Prism refuses a request that breaks the description, and answers with the
//! description's examples, which must map to sensible users.

use truto_core::testing::PrismServer;
use truto_core::{Config, GetUser, ListUsers, UpdateUser, UserDirectoryExt, UserStatus};

#[cfg(feature = "github_enterprise_scim")]
#[tokio::test]
async fn github_enterprise_scim() {
    let Some(prism) = PrismServer::start_or_skip("github-ghec-scim.json", true).await else {
        return;
    };
    let config = Config::new()
        .set(
            "base_url",
            format!("{}/scim/v2/organizations/octo-org", prism.uri()),
        )
        .set("organization", "octo-org")
        .set("token", "prism-test-token")
        .set("max_attempts", "1");
    let dir = truto_scim::presets::github_enterprise_scim::connect(&config).unwrap();
    let page = dir
        .list_users_page(ListUsers::new().limit(2))
        .await
        .unwrap();
    assert!(!page.users.is_empty());
    for user in &page.users {
        assert!(!user.id.is_empty());
        assert!(user.username.is_some(), "{user:?}");
        assert!(user.primary_email().is_some(), "{user:?}");
        assert!(user.name.is_some(), "{user:?}");
    }

    let user = dir
        .get_user("edefdfedf-050c-11e7-8d32", GetUser::new())
        .await
        .unwrap();
    assert!(!user.id.is_empty());
    assert!(user.primary_email().is_some(), "{user:?}");

    // The path-less `replace` GitHub documents; Prism checks the body against the
    // description's `PatchOp` schema (and answers with its example identity).
    let user = dir
        .update_user(
            "edefdfedf-050c-11e7-8d32",
            UpdateUser::new().status(UserStatus::Inactive),
        )
        .await
        .unwrap();
    assert!(!user.id.is_empty());
}
