//! End-to-end runs of the `truto` binary against a simulated SCIM provider on wiremock and
//! against the embedded demo.

use std::collections::HashSet;
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;
use truto_core::testing::{Fault, Route, SimServer};
use truto_scim::testing::{ScimSim, TEST_TOKEN};

const USERS: usize = 25;

async fn server() -> SimServer {
    SimServer::start(ScimSim::new(&truto_scim::generic::PRESET), USERS).await
}

/// Runs `truto` with the simulator's credentials in the environment.
async fn truto(server: &SimServer, args: &[&str]) -> Output {
    let base = format!("{}/scim/v2", server.uri());
    run(
        args,
        &[
            ("TRUTO_SCIM_TOKEN", TEST_TOKEN),
            ("TRUTO_SCIM_MAX_ATTEMPTS", "1"),
        ],
        Some(&base),
    )
    .await
}

async fn run(args: &[&str], env: &[(&str, &str)], base_url: Option<&str>) -> Output {
    let mut cmd = Command::cargo_bin("truto").unwrap();
    cmd.env_clear()
        .env("HOME", std::env::temp_dir().join("truto-cli-test-home"))
        .args(args);
    if let Some(url) = base_url {
        cmd.args(["--base-url", url]);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    tokio::task::spawn_blocking(move || cmd.output().unwrap())
        .await
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}
fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn integrations_lists_what_is_compiled_in() {
    let out = run(&["integrations", "--format", "json"], &[], None).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let items: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let scim = items.iter().find(|i| i["slug"] == "scim").unwrap();
    assert_eq!(
        scim["operations"],
        serde_json::json!(["list", "get", "update"])
    );
    assert!(
        scim["filters"]
            .as_array()
            .unwrap()
            .contains(&Value::from("email"))
    );
    let braze = items.iter().find(|i| i["slug"] == "braze").unwrap();
    assert_eq!(braze["required"]["list"], serde_json::json!(["email"]));
    assert!(
        braze["config_keys"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["env"] == "TRUTO_BRAZE_SERVICE_ORIGIN")
    );

    let out = run(&["integrations", "--family", "scim"], &[], None).await;
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("SLUG"), "{text}");
    assert!(
        text.lines().any(|l| l.starts_with("notion_scim ")),
        "{text}"
    );
    let out = run(&["integrations", "--family", "nope"], &[], None).await;
    assert_eq!(code(&out), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_in_every_format() {
    let server = server().await;
    let expected: Vec<String> = server.ids();

    let out = truto(
        &server,
        &["users", "list", "scim", "--limit", "7", "--format", "json"],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let users: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    let ids: Vec<&str> = users.iter().map(|u| u["id"].as_str().unwrap()).collect();
    assert_eq!(ids, expected);
    assert!(users[0]["remote_data"].is_object());
    assert_eq!(
        server.list_requests().await.len(),
        4,
        "25 users in pages of 7"
    );

    let out = truto(&server, &["users", "list", "scim", "--format", "jsonl"]).await;
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), USERS);

    let out = truto(&server, &["users", "list", "scim", "--format", "csv"]).await;
    let text = stdout(&out);
    let mut rows = text.lines();
    assert_eq!(
        rows.next().unwrap(),
        "id,name,email,username,status,title,type,groups,roles,created,last_login"
    );
    assert_eq!(rows.count(), USERS);
    assert!(text.contains(",ada.lovelace0@example.com,"), "{text}");

    let out = truto(&server, &["users", "list", "scim"]).await;
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().starts_with("ID "));
    assert_eq!(text.lines().count(), USERS + 1);
    assert!(text.contains(&expected[0]), "ids are printed whole");

    let file = std::env::temp_dir().join(format!("truto-cli-{}.jsonl", std::process::id()));
    let out = truto(
        &server,
        &[
            "users",
            "list",
            "scim",
            "--format",
            "jsonl",
            "--output",
            file.to_str().unwrap(),
        ],
    )
    .await;
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).is_empty());
    assert_eq!(
        std::fs::read_to_string(&file).unwrap().lines().count(),
        USERS
    );
    let _ = std::fs::remove_file(file);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_options_reach_the_provider_and_shape_the_output() {
    let server = server().await;
    let out = truto(
        &server,
        &[
            "users",
            "list",
            "scim",
            "--status",
            "inactive",
            "--exclude",
            "emails,phones",
            "--no-remote-data",
            "--remote-query",
            "attributes=userName",
            "--max",
            "3",
            "--format",
            "json",
        ],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let users: Vec<Value> = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(users.len(), 3);
    for u in &users {
        assert_eq!(u["status"], "inactive");
        assert!(
            u.get("emails").is_none()
                && u.get("phones").is_none()
                && u.get("remote_data").is_none(),
            "{u}"
        );
    }
    let first = &server.list_requests().await[0];
    assert_eq!(first.query_param("filter"), Some("active eq false"));
    assert_eq!(first.query_param("attributes"), Some("userName"));

    let out = truto(
        &server,
        &[
            "users",
            "list",
            "scim",
            "--response-format",
            "raw",
            "--max",
            "1",
            "--format",
            "jsonl",
        ],
    )
    .await;
    let user: Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(
        user.as_object().unwrap().len(),
        2,
        "raw users are id and remote_data: {user}"
    );

    let out = truto(&server, &["users", "list", "scim", "--filter", "title=x"]).await;
    assert_eq!(
        code(&out),
        2,
        "unsupported filter is a usage error: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("does not support the `title` filter"),
        "{}",
        stderr(&out)
    );
    let out = truto(&server, &["users", "list", "scim", "--param", "novalue"]).await;
    assert_eq!(code(&out), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_listing_prints_its_cursor_and_a_resumed_run_completes_the_set() {
    let server = server().await;
    server.fail_lists_from(3, Fault::Status(500, None));
    let out = truto(
        &server,
        &["users", "list", "scim", "--limit", "5", "--format", "jsonl"],
    )
    .await;
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("the listing stopped after 10 users"), "{err}");
    let cursor = err
        .lines()
        .find_map(|l| l.trim().strip_prefix("--cursor "))
        .unwrap_or_else(|| panic!("no cursor printed: {err}"))
        .to_owned();
    let mut ids: Vec<String> = stdout(&out)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(ids.len(), 10);

    server.heal();
    let out = truto(
        &server,
        &[
            "users", "list", "scim", "--limit", "5", "--format", "jsonl", "--cursor", &cursor,
        ],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    ids.extend(stdout(&out).lines().map(|l| {
        serde_json::from_str::<Value>(l).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }));
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "nothing repeated");
    assert_eq!(ids, server.ids(), "nothing lost");

    let out = truto(
        &server,
        &["users", "list", "notion_scim", "--cursor", &cursor],
    )
    .await;
    assert_ne!(code(&out), 0, "a cursor of another integration is refused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_find_update_and_deactivate() {
    let server = server().await;
    let id = server.ids()[3].clone();

    let out = truto(&server, &["users", "get", "scim", &id, "--format", "json"]).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let user: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(user["id"], Value::from(id.clone()));
    let out = truto(&server, &["users", "get", "scim", "no-such-user"]).await;
    assert_eq!(code(&out), 4, "{}", stderr(&out));

    let email = user["emails"][0]["email"].as_str().unwrap().to_uppercase();
    let out = truto(
        &server,
        &[
            "users", "find", "scim", "--email", &email, "--format", "jsonl",
        ],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 1);
    let out = truto(
        &server,
        &["users", "find", "scim", "--email", "nobody@example.com"],
    )
    .await;
    assert_eq!(code(&out), 4);

    let out = truto(
        &server,
        &[
            "users",
            "update",
            "scim",
            &id,
            "--set",
            "title=Chief Explorer",
            "--format",
            "json",
        ],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let user: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(user["title"], "Chief Explorer");
    assert_eq!(server.record(&id).unwrap()["title"], "Chief Explorer");

    let out = truto(
        &server,
        &["users", "deactivate", "scim", &id, "--format", "json"],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let user: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(user["status"], "inactive");
    assert_eq!(server.record(&id).unwrap()["active"], false);

    let out = truto(
        &server,
        &["users", "update", "scim", &id, "--set", "password=hunter2"],
    )
    .await;
    assert_eq!(code(&out), 2, "passwords are refused on the command line");
    let out = truto(
        &server,
        &[
            "users",
            "update",
            "scim",
            &id,
            "--set",
            "licensed_sheet_creator=true",
        ],
    )
    .await;
    assert_eq!(
        code(&out),
        2,
        "a field the integration cannot update: {}",
        stderr(&out)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_prints_the_request_and_sends_no_write() {
    let server = server().await;
    let id = server.ids()[0].clone();
    let out = truto(&server, &["users", "deactivate", "scim", &id, "--dry-run"]).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("PATCH {}/scim/v2/Users/{id}", server.uri())),
        "{text}"
    );
    assert!(text.contains("authorization: [REDACTED]"), "{text}");
    assert!(text.contains(r#""path":"active","value":false"#), "{text}");
    assert!(!text.contains(TEST_TOKEN));
    let writes = server
        .requests()
        .await
        .into_iter()
        .filter(|r| matches!(server.sim().route(r), Some(Route::Update(_))))
        .count();
    assert_eq!(writes, 0, "a dry run must not send the write");
    assert_eq!(server.record(&id).unwrap()["active"], true);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_come_from_the_environment_or_a_profile_never_flags() {
    let server = server().await;
    let base = format!("{}/scim/v2", server.uri());
    let out = run(
        &["users", "list", "scim"],
        &[("TRUTO_SCIM_TOKEN", "wrong")],
        Some(&base),
    )
    .await;
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        !stderr(&out).contains("wrong"),
        "the token leaked: {}",
        stderr(&out)
    );

    let out = run(&["users", "list", "scim"], &[], Some(&base)).await;
    assert_eq!(code(&out), 2, "missing credentials: {}", stderr(&out));
    assert!(stderr(&out).contains("token"), "{}", stderr(&out));

    let dir = std::env::temp_dir().join(format!("truto-cli-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("config.toml");
    std::fs::write(
        &file,
        format!("[work.scim]\ntoken = \"{TEST_TOKEN}\"\nbase_url = \"{base}\"\n"),
    )
    .unwrap();
    let out = run(
        &[
            "users",
            "list",
            "scim",
            "--profile",
            "work",
            "--config",
            file.to_str().unwrap(),
            "--format",
            "jsonl",
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), USERS);
    let out = run(
        &[
            "users",
            "list",
            "scim",
            "--profile",
            "nope",
            "--config",
            file.to_str().unwrap(),
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(code(&out), 2);
    let _ = std::fs::remove_dir_all(dir);

    let out = run(&["users", "list", "scim", "--token", "x"], &[], None).await;
    assert_eq!(code(&out), 2, "there is no flag for secrets");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_needs_no_credentials() {
    let out = run(&["demo", "--users", "30", "--format", "csv"], &[], None).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 31);
    let out = run(&["demo"], &[], None).await;
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("Ada Lovelace"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn verbose_logs_each_request_and_its_retries_but_never_the_token() {
    let server = server().await;
    server.script_list([Some(Fault::Status(503, Some(0)))]);
    let base = format!("{}/scim/v2", server.uri());
    let env = [
        ("TRUTO_SCIM_TOKEN", TEST_TOKEN),
        ("TRUTO_SCIM_MAX_ATTEMPTS", "3"),
    ];
    let out = run(
        &[
            "-v", "users", "list", "scim", "--limit", "10", "--format", "jsonl",
        ],
        &env,
        Some(&base),
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().count(),
        USERS,
        "the log stays off stdout"
    );
    let log = stderr(&out);
    let first = format!("request method=GET url={base}/Users?startIndex=1&count=10");
    assert!(log.contains(&format!("{first} status=503")), "{log}");
    assert!(log.contains(&format!("{first} status=200")), "{log}");
    assert!(
        log.contains("waiting before the next attempt wait_ms="),
        "{log}"
    );
    assert!(log.contains("attempt=2"), "{log}");
    assert!(log.contains("took_ms="), "{log}");
    assert!(log.contains(r#"provider="scim" op="list""#), "{log}");
    assert_eq!(
        log.matches("status=200").count(),
        3,
        "25 users, pages of 10: {log}"
    );
    assert!(!log.contains(TEST_TOKEN), "the token leaked: {log}");

    let id = server.ids()[2].clone();
    let out = run(
        &["users", "get", "scim", &id, "--verbose"],
        &env,
        Some(&base),
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let log = stderr(&out);
    assert!(
        log.contains(&format!(
            "request method=GET url={base}/Users/{id} status=200"
        )),
        "{log}"
    );
    assert!(!log.contains(TEST_TOKEN), "the token leaked: {log}");

    let out = run(&["users", "get", "scim", &id], &env, Some(&base)).await;
    assert_eq!(code(&out), 0);
    assert!(stderr(&out).is_empty(), "nothing is logged without -v");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn integrations_fit_120_columns_and_wide_prints_every_column() {
    let out = run(&["integrations", "--format", "json"], &[], None).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("[\n  {\n    \"slug\""),
        "pretty JSON: {text}"
    );
    let items: Vec<Value> = serde_json::from_str(&text).unwrap();
    let mut truto_only = 0;
    for item in &items {
        match item["mode"].as_str() {
            Some("direct") => assert!(item.get("reason").is_none(), "{item}"),
            Some("truto-only") => {
                // Reachable through Truto alone: it says why and what was searched.
                truto_only += 1;
                assert!(
                    item["reason"].as_str().is_some_and(|r| !r.is_empty()),
                    "{item}"
                );
                assert!(
                    item["evidence"].as_str().is_some_and(|e| !e.is_empty()),
                    "{item}"
                );
                assert_eq!(item["operations"], serde_json::json!([]), "{item}");
            }
            _ => panic!("unknown mode: {item}"),
        }
        for key in [
            "name",
            "family",
            "params",
            "auth",
            "partial_list",
            "default_base_url",
        ] {
            assert!(item.get(key).is_some(), "{key} missing: {item}");
        }
    }
    assert!(
        truto_only > 0,
        "the integrations reachable through Truto only are listed too"
    );
    let okta = items.iter().find(|i| i["slug"] == "okta").unwrap();
    let update_fields: Vec<&str> = okta["update_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let scim = items.iter().find(|i| i["slug"] == "scim").unwrap();
    assert_eq!(scim["auth"], serde_json::json!(["bearer", "basic"]));
    let token = &scim["config_keys"][0];
    assert_eq!(token["env"], "TRUTO_SCIM_TOKEN");
    assert_eq!(token["secret"], true);

    let out = run(&["integrations"], &[], None).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let table = stdout(&out);
    let header = table.lines().next().unwrap();
    for column in [
        "SLUG",
        "FAMILY",
        "REACH",
        "OPERATIONS",
        "FILTERS",
        "UPDATE FIELDS",
    ] {
        assert!(header.contains(column), "{header}");
    }
    for line in table.lines() {
        assert!(line.chars().count() <= 120, "too wide: {line}");
    }
    assert_eq!(table.lines().count(), items.len() + 1);
    let okta_row = table.lines().find(|l| l.starts_with("okta ")).unwrap();
    assert!(okta_row.contains(" direct "), "{okta_row}");
    assert!(
        okta_row.contains(&format!(" +{}", update_fields.len() - 1))
            || okta_row.contains(&format!(",{} +", update_fields[1])),
        "long lists end in +N: {okta_row}"
    );

    let out = run(&["integrations", "--wide"], &[], None).await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let wide = stdout(&out);
    let okta_row = wide.lines().find(|l| l.starts_with("okta ")).unwrap();
    assert!(okta_row.contains(&update_fields.join(",")), "{okta_row}");
    assert!(wide.lines().any(|l| l.chars().count() > 120));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_output_is_pretty_remote_data_included() {
    let server = server().await;
    let id = server.ids()[0].clone();
    let out = truto(
        &server,
        &["users", "list", "scim", "--max", "2", "--format", "json"],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("[\n  {{\n    \"id\": \"{id}\",\n")),
        "{text}"
    );
    assert!(
        text.contains("\n    \"remote_data\": {\n      \""),
        "{text}"
    );
    assert!(text.ends_with("\n  }\n]\n"), "{text}");
    let users: Vec<Value> = serde_json::from_str(&text).unwrap();
    let out = truto(
        &server,
        &["users", "list", "scim", "--max", "2", "--format", "jsonl"],
    )
    .await;
    let lines: Vec<Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(users, lines, "pretty JSON holds the same users");

    let email = users[0]["emails"][0]["email"].as_str().unwrap().to_owned();
    let commands: [&[&str]; 3] = [
        &["users", "get", "scim", &id, "--format", "json"],
        &[
            "users", "find", "scim", "--email", &email, "--format", "json",
        ],
        &[
            "users",
            "update",
            "scim",
            &id,
            "--set",
            "title=Poet",
            "--format",
            "json",
        ],
    ];
    for args in commands {
        let out = truto(&server, args).await;
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with("{\n  \"id\": "), "{args:?}: {text}");
        assert!(
            text.contains("\n  \"remote_data\": {\n    \""),
            "{args:?}: {text}"
        );
        let user: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(user["id"], Value::from(id.clone()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_columns_are_chosen_from_the_unified_fields() {
    let server = server().await;
    let out = truto(
        &server,
        &[
            "users",
            "list",
            "scim",
            "--max",
            "2",
            "--format",
            "csv",
            "--columns",
            "id,emails,groups,status,created_at,user_type,roles",
        ],
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(
        rows[0],
        "id,emails,groups,status,created_at,user_type,roles"
    );
    assert_eq!(
        rows[1],
        format!(
            "{},ada.lovelace0@example.com;ada0@home.example.org,Engineering,active,2024-01-01T09:00:00Z,Contractor,",
            server.ids()[0]
        )
    );
    assert_eq!(rows.len(), 3);

    let out = truto(
        &server,
        &[
            "users",
            "list",
            "scim",
            "--format",
            "csv",
            "--columns",
            "id,bogus",
        ],
    )
    .await;
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("`bogus`"), "{err}");
    assert!(
        err.contains("external_id") && err.contains("last_login_at"),
        "{err}"
    );

    let out = truto(
        &server,
        &[
            "users",
            "list",
            "scim",
            "--format",
            "json",
            "--columns",
            "id",
        ],
    )
    .await;
    assert_eq!(code(&out), 2, "--columns is for CSV: {}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn csv_roles_are_named_by_name_else_id() {
    use wiremock::matchers::{method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    let user = serde_json::json!({
        "id": "u-1",
        "userName": "ada@example.com",
        "emails": [{"value": "ada@example.com", "primary": true}, {"value": "ada@home.example.org"}],
        "roles": [{"value": "r-1", "display": "Admin"}, {"value": "r-2"}],
        "phoneNumbers": [{"value": "+1 555 0100"}],
    });
    Mock::given(method("GET"))
        .and(path("/scim/v2/Users"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": 1,
            "startIndex": 1,
            "Resources": [user],
        })))
        .mount(&server)
        .await;
    let base = format!("{}/scim/v2", server.uri());
    let out = run(
        &[
            "users",
            "list",
            "scim",
            "--format",
            "csv",
            "--columns",
            "id,roles,emails,phones,title",
        ],
        &[("TRUTO_SCIM_TOKEN", TEST_TOKEN)],
        Some(&base),
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "id,roles,emails,phones,title\nu-1,Admin;r-2,ada@example.com;ada@home.example.org,+1 555 0100,\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remote_data_is_asked_for_only_when_the_output_shows_it() {
    use wiremock::matchers::{method, path, query_param};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    const ACCOUNT: &str = "6f1c2a9e-1b7d-4c55-9a7e-0d3c2b1a0f99";
    let server = MockServer::start().await;
    // The hosted API's list page: unified users, each with the provider's record.
    Mock::given(method("GET"))
        .and(path("/unified/user-directory/users"))
        .and(query_param("integrated_account_id", ACCOUNT))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"result": [{"id": "00u1a2b3c4", "name": "Ada Lovelace",
                "emails": [{"email": "ada@example.com", "type": "work", "is_primary": true}],
                "status": "active", "created_at": "2024-01-02T03:04:05Z",
                "remote_data": {"id": "00u1a2b3c4", "status": "ACTIVE", "profile": {"login": "ada@example.com"}}}],
              "next_cursor": null, "result_count": 1}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let env = [
        ("TRUTO_TRUTO_HOSTED_TOKEN", "hosted-test-token"),
        ("TRUTO_TRUTO_HOSTED_INTEGRATED_ACCOUNT_ID", ACCOUNT),
    ];
    // (arguments after the integration, whether `remote_data` is asked for, a line of the output)
    let cases: [(&[&str], bool, &str); 6] = [
        (&["--format", "table"], false, "00u1a2b3c4"),
        (
            &["--format", "csv"],
            false,
            "00u1a2b3c4,Ada Lovelace,ada@example.com,",
        ),
        (
            &["--format", "csv", "--columns", "id,remote_data"],
            true,
            r#"00u1a2b3c4,"{""id"": ""00u1a2b3c4"", ""status"": ""ACTIVE"", ""profile"": {""login"": ""ada@example.com""}}""#,
        ),
        (
            &["--format", "jsonl"],
            true,
            r#""remote_data":{"id": "00u1a2b3c4""#,
        ),
        (&["--format", "json"], true, r#""remote_data": {"#),
        // Raw users are their `remote_data`: a table of them still asks for it.
        (
            &["--format", "table", "--response-format", "raw"],
            true,
            "00u1a2b3c4",
        ),
    ];
    for (args, asked, line) in cases {
        let mut full = vec!["users", "list", "truto_hosted"];
        full.extend_from_slice(args);
        let out = run(&full, &env, Some(&server.uri())).await;
        assert_eq!(code(&out), 0, "{args:?}: {}", stderr(&out));
        assert!(stdout(&out).contains(line), "{args:?}: {}", stdout(&out));
        let requests = server.received_requests().await.unwrap();
        let query = requests
            .last()
            .unwrap()
            .url
            .query()
            .unwrap_or("")
            .to_owned();
        assert_eq!(
            !query.contains("truto_ignore_remote_data=true"),
            asked,
            "{args:?}: {query}"
        );
        assert!(
            query.contains(&format!("integrated_account_id={ACCOUNT}")),
            "{query}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_takes_every_output_option() {
    let out = run(
        &[
            "demo",
            "--users",
            "3",
            "--format",
            "csv",
            "--columns",
            "name,emails",
        ],
        &[],
        None,
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "name,emails\nAda Lovelace,ada.lovelace0@example.com\nGrace Hopper,grace.hopper1@example.com\nAlan Turing,alan.turing2@example.com\n"
    );
    let out = run(
        &["demo", "--users", "12", "-v", "--format", "jsonl"],
        &[],
        None,
    )
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let log = stderr(&out);
    assert_eq!(
        log.matches("status=200").count(),
        2,
        "two pages of 10: {log}"
    );
    assert!(
        log.contains("/scim/v2/Users?startIndex=11&count=10"),
        "{log}"
    );
    assert!(!log.contains("demo-token"), "{log}");
}
