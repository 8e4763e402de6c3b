//! The registry builds integrations from string-map configs and lists what is compiled in.

use std::sync::Arc;

use async_trait::async_trait;
use truto_core::provider::{Connection, Credential, Page, PageRequest};
use truto_core::{
    Config, ErrorKind, Family, Integration, ListUsers, Registry, Result, User, UserDirectory,
    UserDirectoryExt,
};
use truto_core::{ConfigKey, PaginationStyle};

static ECHO: Integration = Integration::new("echo", "Echo", Family::Other)
    .list(PaginationStyle::Single)
    .base_url("https://{tenant}.echo.test/api")
    .credentials(&[Credential::bearer("token")])
    .config(&[
        ConfigKey::required("tenant", "tenant"),
        ConfigKey::secret("token", "token"),
    ]);

/// Lists one user whose id is the base URL it was built with.
#[derive(Debug)]
struct Echo {
    base: String,
}

#[async_trait]
impl UserDirectory for Echo {
    fn integration(&self) -> &Integration {
        &ECHO
    }
    async fn fetch_page(&self, _request: PageRequest<'_>) -> Result<Page> {
        Ok(Page::new(vec![User::new(self.base.clone())], None))
    }
}

fn build_echo(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    let connection = Connection::open(&ECHO, config)?;
    Ok(Arc::new(Echo {
        base: connection.base_url().to_string(),
    }))
}

fn registry() -> Registry {
    let mut r = Registry::new();
    r.register(&ECHO, build_echo);
    r
}

#[tokio::test]
async fn builds_from_a_string_map_with_a_base_url_override() {
    let r = registry();
    assert_eq!(
        r.integrations().map(|i| i.slug).collect::<Vec<_>>(),
        vec!["echo"]
    );
    assert_eq!(r.family(Family::Other).count(), 1);
    assert_eq!(r.family(Family::Scim).count(), 0);

    let config: Config = [("tenant", "acme"), ("token", "t")].into_iter().collect();
    let dir = r.build("echo", &config).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users[0].id, "https://acme.echo.test/api/");

    let config = config.set("base_url", "http://127.0.0.1:9/mock");
    let dir = r.build("echo", &config).unwrap();
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users[0].id, "http://127.0.0.1:9/mock/");
}

#[test]
fn refuses_unknown_slugs_missing_keys_and_unknown_keys() {
    let r = registry();
    let err = r.build("ech", &Config::new()).err().unwrap();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(err.to_string().contains("did you mean echo"), "{err}");
    let err = r
        .build("echo", &Config::new().set("tenant", "a"))
        .err()
        .unwrap();
    assert_eq!(err.kind(), ErrorKind::Config);
    assert!(err.to_string().contains("token"), "{err}");
    let err = r
        .build(
            "echo",
            &Config::new()
                .set("tenant", "a")
                .set("token", "t")
                .set("tennant", "b"),
        )
        .err()
        .unwrap();
    assert!(err.to_string().contains("tennant"), "{err}");
}
