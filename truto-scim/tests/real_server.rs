//! End to end against a real SCIM 2.0 server: `scim2-server` (PyPI), an in-memory
//! implementation of RFC 7643/7644, started on loopback by this test.
//!
//! `scripts/test.sh` installs it into `.tools/venv` on first use; `TRUTO_SCIM2_SERVER` may
//! point at another copy. If it cannot be found the test fails and says how to install it:
//! it never skips silently.

use std::collections::HashSet;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::{Value, json};
use tokio::process::{Child, Command};
use truto_core::{
    Config, ErrorKind, Filter, GetUser, ListUsers, UpdateUser, UserDirectoryExt, UserStatus,
};

const TOKEN: &str = "e2e-secret-token";
const USERS: usize = 260;

/// The scim2-server binary, or `None` (the test skips with one line; under `CI` it fails)
/// when it is not installed.
fn server_binary() -> Option<PathBuf> {
    let path = std::env::var_os("TRUTO_SCIM2_SERVER")
        .map(PathBuf::from)
        .or_else(|| {
            let local =
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/venv/bin/scim2-server");
            local.exists().then_some(local)
        })
        .or_else(|| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join("scim2-server"))
                    .find(|p| p.exists())
            })
        });
    truto_core::testing::need(
        "scim2-server (`scripts/test.sh` installs it into .tools/venv, or set TRUTO_SCIM2_SERVER)",
        path,
    )
}

struct Server {
    _child: Child,
    base: String,
}

async fn start_server() -> Option<Server> {
    let binary = server_binary()?;
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("no free loopback port");
        listener.local_addr().unwrap().port()
    };
    let child = Command::new(binary)
        .args([
            "--hostname",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--bearer-token",
            TOKEN,
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("could not start scim2-server");
    let base = format!("http://127.0.0.1:{port}/v2");
    let http = reqwest::Client::new();
    let started = Instant::now();
    loop {
        // ServiceProviderConfig needs no token: a readiness probe.
        let ready = http
            .get(format!("{base}/ServiceProviderConfig"))
            .send()
            .await
            .is_ok_and(|r| r.status().is_success());
        if ready {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "scim2-server did not start within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Some(Server {
        _child: child,
        base,
    })
}

fn new_user(n: usize) -> Value {
    let login = format!("person{n:03}@e2e.example.com");
    json!({
        "schemas": [
            "urn:ietf:params:scim:schemas:core:2.0:User",
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        ],
        "userName": login,
        "externalId": format!("ext-{n:03}"),
        "name": {"givenName": format!("Given{n}"), "familyName": format!("Family{n}"), "formatted": format!("Given{n} Family{n}")},
        "displayName": format!("Given{n} Family{n}"),
        "title": "Engineer",
        "active": true,
        "emails": [{"value": login, "type": "work", "primary": true}],
        "phoneNumbers": [{"value": format!("+1 555 {n:04}"), "type": "mobile"}],
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {
            "employeeNumber": format!("{}", 5000 + n),
            "department": "R&D"
        }
    })
}

/// Seeds users through real `POST /Users` calls and returns the ids the server assigned.
async fn seed(base: &str) -> Vec<String> {
    let http = reqwest::Client::new();
    let posts = futures::stream::iter(0..USERS).map(|n| {
        let http = http.clone();
        let url = format!("{base}/Users");
        async move {
            let response = http
                .post(url)
                .bearer_auth(TOKEN)
                .header("content-type", "application/scim+json")
                .body(serde_json::to_vec(&new_user(n)).unwrap())
                .send()
                .await
                .expect("POST /Users failed");
            assert_eq!(response.status(), 201, "POST /Users for user {n}");
            let body: Value = serde_json::from_slice(&response.bytes().await.unwrap()).unwrap();
            body["id"].as_str().unwrap().to_owned()
        }
    });
    posts.buffered(16).collect().await
}

fn config(base: &str, token: &str) -> Config {
    Config::new().set("base_url", base).set("token", token)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_scim_server_end_to_end() {
    let Some(server) = start_server().await else {
        return;
    };
    let seeded = seed(&server.base).await;
    let expected: HashSet<&String> = seeded.iter().collect();
    assert_eq!(expected.len(), USERS);
    let dir = truto_scim::generic::connect(&config(&server.base, TOKEN)).unwrap();

    // List across pages, page by page: every user exactly once.
    let mut options = ListUsers::new().limit(100);
    let mut ids = Vec::new();
    let mut pages = 0;
    loop {
        let page = dir.list_users_page(options.clone()).await.unwrap();
        pages += 1;
        assert_eq!(page.total, Some(USERS as u64), "totalResults");
        ids.extend(page.users.into_iter().map(|u| u.id));
        match page.next_cursor {
            Some(cursor) => options = options.next_cursor(cursor),
            None => break,
        }
    }
    assert!(pages >= 3, "expected at least 3 pages, got {pages}");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(ids.len(), USERS, "users listed");
    assert_eq!(unique, expected, "every seeded user exactly once");

    // The same through the stream, with pages fetched concurrently from the total.
    let streamed: Vec<_> = dir
        .list_users(ListUsers::new().limit(50).page_concurrency(4))
        .map(|u| u.unwrap().id)
        .collect()
        .await;
    assert_eq!(
        streamed, ids,
        "the stream yields the same users in the same order"
    );

    // Get: the unified mapping of a real server's record.
    let id = &seeded[42];
    let user = dir.get_user(id, GetUser::new()).await.unwrap();
    assert_eq!(user.username.as_deref(), Some("person042@e2e.example.com"));
    assert_eq!(user.first_name.as_deref(), Some("Given42"));
    assert_eq!(user.last_name.as_deref(), Some("Family42"));
    assert_eq!(user.name.as_deref(), Some("Given42 Family42"));
    assert_eq!(user.external_id.as_deref(), Some("ext-042"));
    assert_eq!(user.primary_email(), Some("person042@e2e.example.com"));
    assert_eq!(user.phones[0].number, "+1 555 0042");
    assert_eq!(user.status, Some(UserStatus::Active));
    assert!(user.created_at.is_some() && user.updated_at.is_some());
    assert_eq!(
        user.identifiers.as_ref().unwrap()["employee_number"],
        "5042"
    );
    assert_eq!(
        user.remote_data.as_ref().unwrap().to_value()["id"],
        json!(id)
    );

    // Filters: by userName and by email.
    let by_name = dir
        .collect_users(ListUsers::new().filter(Filter::Username, "person007@e2e.example.com"))
        .await
        .unwrap();
    assert_eq!(by_name.len(), 1);
    assert_eq!(by_name[0].id, seeded[7]);
    let by_email = dir
        .find_by_email("PERSON123@e2e.example.com", ListUsers::new())
        .await
        .unwrap();
    assert_eq!(by_email.len(), 1, "find_by_email");
    assert_eq!(by_email[0].id, seeded[123]);

    // Deactivate by PATCH (the server answers 204), confirmed by a fresh GET.
    let updated = dir
        .update_user(id, UpdateUser::new().status(UserStatus::Inactive))
        .await
        .unwrap();
    assert_eq!(updated.status, Some(UserStatus::Inactive));
    let read_back = dir.get_user(id, GetUser::new()).await.unwrap();
    assert_eq!(
        read_back.status,
        Some(UserStatus::Inactive),
        "the deactivation did not stick"
    );
    let inactive = dir
        .collect_users(ListUsers::new().filter(Filter::Status, "inactive"))
        .await
        .unwrap();
    assert_eq!(inactive.iter().map(|u| &u.id).collect::<Vec<_>>(), vec![id]);

    // 404 and 401.
    let err = dir
        .get_user("does-not-exist", GetUser::new())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.status(), Some(404));
    assert!(err.message().unwrap_or("").contains("not found"), "{err}");
    let intruder = truto_scim::generic::connect(&config(&server.base, "wrong-token")).unwrap();
    let err = intruder.collect_users(ListUsers::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert!(
        !err.to_string().contains("wrong-token"),
        "the token leaked into the error"
    );
}
