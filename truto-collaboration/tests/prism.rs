//! Each integration against Prism serving the provider's own published API description:
//! Prism refuses a request that breaks the description, and answers with the
//! description's examples, which must map to sensible users.

use truto_core::testing::PrismServer;
use truto_core::{Config, GetUser, ListUsers, UserDirectoryExt, UserStatus};

/// A config pointed at Prism (the descriptions' paths start at its root).
fn config(prism: &PrismServer, secret_key: &str) -> Config {
    Config::new()
        .set("base_url", prism.uri())
        .set(secret_key, "prism-test-token")
        .set("max_attempts", "1")
}

#[tokio::test]
async fn slack() {
    // Prism serves Slack's paths at its root (the description's `/api` base path is not
    // part of them).
    let Some(prism) = PrismServer::start_or_skip("slack.json", true).await else {
        return;
    };
    let dir = truto_collaboration::slack::connect(&config(&prism, "token")).unwrap();
    // Prism answers every `users.list` with the example's non-empty `next_cursor`, so only
    // one page is read.
    let page = dir
        .list_users_page(ListUsers::new().limit(2))
        .await
        .unwrap();
    assert!(page.next_cursor.is_some());
    let ids: Vec<&str> = page.users.iter().map(|u| u.id.as_str()).collect();
    assert_eq!(ids, ["W012A3CDE", "W07QCRPA4"]);
    let spengler = &page.users[0];
    assert_eq!(spengler.name.as_deref(), Some("Egon Spengler"));
    assert_eq!(spengler.username.as_deref(), Some("spengler"));
    assert_eq!(
        spengler.primary_email(),
        Some("spengler@ghostbusters.example.com")
    );
    assert_eq!(spengler.status, Some(UserStatus::Active));
    let glinda = &page.users[1];
    assert_eq!(glinda.first_name.as_deref(), Some("Glinda"));
    assert_eq!(glinda.last_name.as_deref(), Some("Southgood"));
    assert_eq!(glinda.primary_email(), Some("glenda@south.oz.coven"));

    // The description marks `users.info`'s `token` query parameter required, as Slack's
    // older apps sent it; Slack now refuses tokens in the query string from apps created
    // after 24 February 2021, so the spec sends the token only in the `Authorization`
    // header. Prism without `--errors` does not accept the get either: it answers the
    // description's `default` error example (`user_not_found`, status 422). So the test
    // itself adds `token` as a remote query pair (passed through verbatim), and Prism keeps
    // checking everything else the spec sends.
    let user = dir
        .get_user(
            "W012A3CDE",
            GetUser::new().remote_query("token", "prism-test-token"),
        )
        .await
        .unwrap();
    assert_eq!(user.id, "W012A3CDE");
    assert_eq!(user.name.as_deref(), Some("Egon Spengler"));
    assert_eq!(
        user.primary_email(),
        Some("spengler@ghostbusters.example.com")
    );
}

#[tokio::test]
async fn r#box() {
    let Some(prism) = PrismServer::start_or_skip("box.json", true).await else {
        return;
    };
    let dir = truto_collaboration::r#box::connect(&config(&prism, "token")).unwrap();
    // Prism builds the page from the schema's examples, `next_marker` included: one page.
    let page = dir
        .list_users_page(ListUsers::new().limit(10))
        .await
        .unwrap();
    assert!(!page.users.is_empty());
    let user = &page.users[0];
    assert_eq!(user.id, "11446498");
    assert_eq!(user.name.as_deref(), Some("Aaron Levie"));
    assert_eq!(user.primary_email(), Some("ceo@example.com"));
    assert_eq!(user.status, Some(UserStatus::Active));

    let page = dir
        .list_users_page(
            ListUsers::new()
                .limit(10)
                .filter(truto_core::Filter::Email, "ceo@example.com"),
        )
        .await
        .unwrap();
    assert!(!page.users.is_empty());

    let user = dir.get_user("11446498", GetUser::new()).await.unwrap();
    assert_eq!(user.id, "11446498");
    assert_eq!(user.name.as_deref(), Some("Aaron Levie"));
    assert_eq!(user.primary_email(), Some("ceo@example.com"));
}
