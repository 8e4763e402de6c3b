//! Listing throughput and memory: the SDK against a plain `reqwest` + `serde_json::Value`
//! loop, over the same pages of a loopback mock of the hosted API.
//!
//! `cargo bench -p truto-hosted` serves 100,000 unified users of ~1.4 KB each, 100 per page,
//! from a minimal keep-alive HTTP/1.1 server (pages pre-rendered, so serving costs a write),
//! then runs each variant in its own child process (this binary re-executed with
//! `--variant sdk|plain --url …`) so that each peak RSS (`VmHWM`) is its own. Each variant
//! runs `ROUNDS` times, alternating; the best and median users/s are reported.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::sync::Arc;
use std::time::Instant;

use futures::StreamExt;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use truto_bench::child::{self, ChildRun};
use truto_core::{Config, ListUsers, UserDirectoryExt};

const USERS: usize = 100_000;
const PER_PAGE: usize = 100;
const ROUNDS: usize = 3;
const ACCOUNT: &str = "6f1c2a9e-1b7d-4c55-9a7e-0d3c2b1a0f99";

fn user(n: usize) -> Value {
    json!({
        "id": format!("00u{n:012}"),
        "external_id": format!("hr-{n:08}"),
        "first_name": "Radia",
        "last_name": format!("Perlman{n}"),
        "name": format!("Radia Perlman{n}"),
        "title": "Principal Network Engineer",
        "username": format!("radia.perlman{n}"),
        "emails": [
            {"email": format!("radia.perlman{n}@example.com"), "type": "work", "is_primary": true},
            {"email": format!("rp{n}@home.example.org"), "type": "home", "is_primary": false}
        ],
        "phones": [{"number": "+1 555 010 2030", "type": "mobile"}],
        "status": if n.is_multiple_of(10) { "inactive" } else { "active" },
        "is_email_verified": true,
        "is_2fa_enabled": n.is_multiple_of(3),
        "roles": [{"id": "r-admin", "name": "Administrator"}],
        "groups": [{"id": "g-eng", "name": "Engineering"}, {"id": "g-net", "name": "Networking"}],
        "user_type": "user",
        "timezone": "America/New_York",
        "languages": ["en-US"],
        "created_at": "2021-03-04T05:06:07Z",
        "updated_at": "2024-05-06T07:08:09Z",
        "last_login_at": "2024-06-01T12:00:00Z",
        "remote_data": {
            "id": format!("00u{n:012}"),
            "status": "ACTIVE",
            "created": "2021-03-04T05:06:07.000Z",
            "statusChanged": "2021-03-04T05:07:00.000Z",
            "lastLogin": "2024-06-01T12:00:00.000Z",
            "lastUpdated": "2024-05-06T07:08:09.000Z",
            "profile": {
                "firstName": "Radia",
                "lastName": format!("Perlman{n}"),
                "login": format!("radia.perlman{n}@example.com"),
                "email": format!("radia.perlman{n}@example.com"),
                "secondEmail": format!("rp{n}@home.example.org"),
                "mobilePhone": "+1 555 010 2030",
                "title": "Principal Network Engineer",
                "department": "Engineering",
                "employeeNumber": format!("{n:08}"),
                "timezone": "America/New_York",
                "locale": "en_US"
            },
            "credentials": {"provider": {"type": "OKTA", "name": "OKTA"}}
        }
    })
}

fn pages() -> Vec<Vec<u8>> {
    let count = USERS / PER_PAGE;
    (0..count)
        .map(|p| {
            let result: Vec<Value> = (p * PER_PAGE..(p + 1) * PER_PAGE).map(user).collect();
            let next = (p + 1 < count).then(|| format!("pg{}", p + 1));
            let body = serde_json::to_vec(&json!({
                "result": result,
                "next_cursor": next,
                "prev_cursor": null,
                "result_count": PER_PAGE,
            }))
            .unwrap();
            let mut response = format!(
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nratelimit-remaining: 499\r\nratelimit-reset: 10\r\n\r\n",
                body.len()
            )
            .into_bytes();
            response.extend_from_slice(&body);
            response
        })
        .collect()
}

async fn serve(mut stream: TcpStream, pages: Arc<Vec<Vec<u8>>>) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        let end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..end]).into_owned();
        buf.drain(..end);
        let target = head.split_whitespace().nth(1).unwrap_or("/");
        let page = target
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("next_cursor=pg"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let ok = target.starts_with("/unified/user-directory/users?")
            && target.contains(ACCOUNT)
            && head
                .to_ascii_lowercase()
                .contains("authorization: bearer bench-token");
        let write = if ok && page < pages.len() {
            stream.write_all(&pages[page]).await
        } else {
            stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n")
                .await
        };
        if write.is_err() {
            return;
        }
    }
}

async fn run_sdk(url: &str) -> (usize, usize) {
    let dir = truto_hosted::connect(
        &Config::new()
            .set("base_url", url)
            .set("token", "bench-token")
            .set("integrated_account_id", ACCOUNT),
    )
    .unwrap();
    let mut stream = dir.list_users(ListUsers::new().limit(PER_PAGE as u32));
    let (mut users, mut with_remote) = (0, 0);
    while let Some(user) = stream.next().await {
        let user = user.unwrap();
        users += 1;
        with_remote += usize::from(user.remote_data.is_some());
    }
    (users, with_remote)
}

async fn run_plain(url: &str) -> (usize, usize) {
    let client = reqwest::Client::new();
    let (mut users, mut with_remote) = (0, 0);
    let mut cursor: Option<String> = None;
    loop {
        let mut target = format!(
            "{url}/unified/user-directory/users?integrated_account_id={ACCOUNT}&limit={PER_PAGE}"
        );
        if let Some(c) = &cursor {
            target.push_str("&next_cursor=");
            target.push_str(c);
        }
        let body = client
            .get(target)
            .bearer_auth("bench-token")
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let page: Value = serde_json::from_slice(&body).unwrap();
        for record in page["result"].as_array().unwrap() {
            users += 1;
            with_remote += usize::from(record.get("remote_data").is_some());
        }
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    (users, with_remote)
}

fn child(variant: &str, url: &str) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let start = Instant::now();
    let (users, with_remote) = runtime.block_on(async {
        match variant {
            "sdk" => run_sdk(url).await,
            "plain" => run_plain(url).await,
            other => panic!("unknown variant {other}"),
        }
    });
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(users, USERS, "{variant}: users lost");
    assert_eq!(with_remote, USERS, "{variant}: remote_data lost");
    child::report(users, secs);
}

fn summary(name: &str, runs: &mut [ChildRun]) -> (f64, f64, u64) {
    runs.sort_by(|a, b| a.users_per_sec().total_cmp(&b.users_per_sec()));
    let median = runs[runs.len() / 2].users_per_sec();
    let best = runs[runs.len() - 1].users_per_sec();
    let rss = runs.iter().map(|r| r.rss_kb).max().unwrap_or(0);
    println!(
        "{name:<34} median {median:>9.0} users/s   best {best:>9.0} users/s   peak RSS {:>6.1} MB",
        rss as f64 / 1024.0
    );
    (median, best, rss)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    if let (Some(variant), Some(url)) = (arg("--variant"), arg("--url")) {
        child(&variant, &url);
        return;
    }

    let rendered = pages();
    let bytes: usize = rendered.iter().map(Vec::len).sum();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let pages = Arc::new(rendered);
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, Arc::clone(&pages)));
        }
    });
    println!(
        "hosted-api listing: {USERS} users, {PER_PAGE} per page, {:.2} KB per user on the wire, {ROUNDS} rounds per variant, loopback {url}",
        bytes as f64 / USERS as f64 / 1024.0
    );
    let (mut sdk, mut plain) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        sdk.push(child::run(&["--variant", "sdk", "--url", &url]));
        plain.push(child::run(&["--variant", "plain", "--url", &url]));
    }
    let (sdk_median, sdk_best, sdk_rss) = summary("truto-hosted stream", &mut sdk);
    let (plain_median, plain_best, plain_rss) =
        summary("reqwest + serde_json::Value loop", &mut plain);
    println!(
        "ratio sdk/plain: median {:.2}x, best {:.2}x; peak RSS sdk {:.1} MB (target < 16 MB), plain {:.1} MB",
        sdk_median / plain_median,
        sdk_best / plain_best,
        sdk_rss as f64 / 1024.0,
        plain_rss as f64 / 1024.0
    );
}
