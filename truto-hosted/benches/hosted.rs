//! Listing close to the wire: the hosted API's listing against the server alone, a plain
//! `reqwest` + `serde_json::Value` loop (and reqwest alone, reading the bodies without
//! decoding them), a direct provider on the declarative layer reading
//! the same pages, and Truto's official Python SDK, over one loopback mock of the hosted API.
//!
//! `cargo bench -p truto-hosted` serves 100,000 unified users of ~1.4 KB each, 100 per page,
//! from a minimal keep-alive HTTP/1.1 server (1,000 pages pre-rendered, served cyclically
//! with their cursor patched in, so 1,000,000 users cost no more memory), then runs each
//! variant in its own child process (this binary re-executed with `--variant … --url …`)
//! so that each peak RSS (`VmHWM`) is its own. A round runs every variant once, back to
//! back; `ROUNDS` rounds at 100,000 users, `MILLION_ROUNDS` at 1,000,000 (where the
//! issue's targets apply as well). The table gives each variant's median and best users/s
//! and its median CPU time (the client's own, all its threads); the targets are read round
//! by round: each round's ratios compare variants that ran side by side, within seconds of
//! each other, so a minute when the shared machine is busier slows both sides of a ratio
//! instead of one. The verdict is the median of the rounds' ratios, printed with every
//! round's. A request asking `truto_ignore_remote_data=true` gets the same pages without
//! `remote_data`, as the API would send them.
//!
//! The Python SDK (`truto-python-sdk==0.1.6`) is installed into `.tools/pybench` on first
//! use (`pip install --ignore-requires-python`); when that fails the variant is skipped
//! with a line saying why. `--serve` runs the mock alone, for profiling a child by hand.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::sync::Arc;
use std::time::Instant;

use futures::StreamExt;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use truto_bench::child::{self, ChildRun};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec, cursor, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, ListUsers, UserDirectoryExt};

const USERS: usize = 100_000;
const MILLION: usize = 1_000_000;
const PER_PAGE: usize = 100;
/// Rounds at 100,000 users (and runs of "decode alone").
const ROUNDS: usize = 5;
/// Rounds at 1,000,000 users.
const MILLION_ROUNDS: usize = 3;
const ACCOUNT: &str = "6f1c2a9e-1b7d-4c55-9a7e-0d3c2b1a0f99";
/// Pages rendered; a longer listing serves them again, its cursor patched in.
const RENDERED: usize = 1_000;
/// The cursor every rendered page carries, whose digits are patched per request.
const CURSOR_SLOT: &[u8] = b"pg00000000";
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

/// The rendered pages: `RENDERED` bodies whose `next_cursor` is `CURSOR_SLOT` (the offset
/// of its digits alongside), and one more, the last, whose `next_cursor` is `null`.
struct Rendered {
    bodies: Vec<(Vec<u8>, usize)>,
    last: Vec<u8>,
}

/// The pages as the API sends them, and as it sends them when asked to leave
/// `remote_data` out (`truto_ignore_remote_data=true`).
struct Pages {
    full: Rendered,
    lean: Rendered,
}

fn pages() -> Pages {
    let render = |p: usize, next: Value, remote_data: bool| {
        let result: Vec<Value> = (p * PER_PAGE..(p + 1) * PER_PAGE)
            .map(user)
            .map(|mut user| {
                if !remote_data {
                    user.as_object_mut().unwrap().remove("remote_data");
                }
                user
            })
            .collect();
        serde_json::to_vec(&json!({
            "result": result,
            "next_cursor": next,
            "prev_cursor": null,
            "result_count": PER_PAGE,
        }))
        .unwrap()
    };
    let slot = std::str::from_utf8(CURSOR_SLOT).unwrap();
    let rendered = |remote_data: bool| Rendered {
        bodies: (0..RENDERED)
            .map(|p| {
                let body = render(p, json!(slot), remote_data);
                let at = body
                    .windows(CURSOR_SLOT.len())
                    .rposition(|w| w == CURSOR_SLOT)
                    .unwrap()
                    + 2;
                (body, at)
            })
            .collect(),
        last: render(RENDERED - 1, Value::Null, remote_data),
    };
    Pages {
        full: rendered(true),
        lean: rendered(false),
    }
}

/// The response to page `page` of a listing of `total` users, into `out`.
fn respond(pages: &Rendered, total: usize, page: usize, out: &mut Vec<u8>) {
    let last_page = total.div_ceil(PER_PAGE) - 1;
    out.clear();
    let (body, slot) = if page == last_page {
        (&pages.last, None)
    } else {
        let (body, at) = &pages.bodies[page % RENDERED];
        (body, Some(*at))
    };
    out.extend_from_slice(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nratelimit-remaining: 499\r\nratelimit-reset: 10\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    let start = out.len();
    out.extend_from_slice(body);
    if let Some(at) = slot {
        let digits = format!("{:08}", page + 1);
        out[start + at..start + at + 8].copy_from_slice(digits.as_bytes());
    }
}

/// One connection of the mock: `GET /t{total}/unified/user-directory/users?…` answers the
/// page its `next_cursor=pg…` names (the first without one) of a listing of `total` users.
async fn serve(mut stream: TcpStream, pages: Arc<Pages>) {
    let _ = stream.set_nodelay(true);
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    let mut out = Vec::new();
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
        let (total, rest) = target
            .strip_prefix("/t")
            .and_then(|t| t.split_once('/'))
            .and_then(|(n, rest)| Some((n.parse::<usize>().ok()?, rest)))
            .unwrap_or((0, ""));
        let page = rest
            .split(['?', '&'])
            .find_map(|p| p.strip_prefix("next_cursor=pg"))
            .and_then(|n| n.parse::<usize>().ok())
            .unwrap_or(0);
        let ok = rest.starts_with("unified/user-directory/users?")
            && rest.contains(ACCOUNT)
            && head
                .to_ascii_lowercase()
                .contains("authorization: bearer bench-token")
            && page < total.div_ceil(PER_PAGE);
        let write = if ok {
            let lean = rest
                .split(['?', '&'])
                .any(|p| p == "truto_ignore_remote_data=true");
            let rendered = if lean { &pages.lean } else { &pages.full };
            respond(rendered, total, page, &mut out);
            stream.write_all(&out).await
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

/// The number of users a listing at `url` (`…/t{total}`) holds.
fn total_of(url: &str) -> usize {
    url.rsplit_once("/t").unwrap().1.parse().unwrap()
}

/// Counts users and the ones that kept `remote_data`.
async fn drain(mut stream: truto_core::UserStream) -> (usize, usize) {
    let (mut users, mut with_remote) = (0, 0);
    while let Some(user) = stream.next().await {
        let user = user.unwrap();
        users += 1;
        with_remote += usize::from(user.remote_data.is_some());
    }
    (users, with_remote)
}

async fn run_sdk(url: &str) -> (usize, usize) {
    let dir = truto_hosted::connect(
        &Config::new()
            .set("base_url", url)
            .set("token", "bench-token")
            .set("integrated_account_id", ACCOUNT),
    )
    .unwrap();
    drain(dir.list_users(ListUsers::new().limit(PER_PAGE as u32))).await
}

/// A direct provider on the declarative layer whose provider happens to answer in the
/// unified shape: the same bytes, read by the layer's one-pass record reader and rules.
static UNIFIED_SPEC: Spec = Spec::new(
    Integration::new("bench_unified", "Bench (unified pages)", Family::Other)
        .credentials(&[Credential::bearer("token")])
        .config(&[
            ConfigKey::secret("token", "the bench token"),
            ConfigKey::required("integrated_account_id", "the account"),
        ]),
)
.list(
    List::get("unified/user-directory/users")
        .query(&[("integrated_account_id", "{integrated_account_id}")])
        .records("result")
        .paging(cursor(query("next_cursor"), query("limit"), "next_cursor"))
        .page_size(100, 100),
)
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    text(Text::Name, "name"),
    text(Text::Title, "title"),
    text(Text::Username, "username"),
    emails("emails", "email").kind("type").primary("is_primary"),
    phones("phones", "number").kind("type"),
    status(
        "status",
        &[("active", Status::Active), ("inactive", Status::Inactive)],
    ),
    flag(Flag::EmailVerified, "is_email_verified"),
    flag(Flag::TwoFactor, "is_2fa_enabled"),
    refs(Refs::Roles, "roles").id("id").name("name"),
    refs(Refs::Groups, "groups").id("id").name("name"),
    text(Text::UserType, "user_type"),
    text(Text::Timezone, "timezone"),
    languages("languages"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_login_at", TimeFormat::Auto),
]);

async fn run_declarative(url: &str) -> (usize, usize) {
    let dir = truto_core::provider::declarative::connect(
        &UNIFIED_SPEC,
        &Config::new()
            .set("base_url", url)
            .set("token", "bench-token")
            .set("integrated_account_id", ACCOUNT),
    )
    .unwrap();
    drain(dir.list_users(ListUsers::new().limit(PER_PAGE as u32))).await
}

/// The hosted API's list request for the page at `cursor` (the first without one).
fn page_url(url: &str, cursor: Option<&str>) -> String {
    let mut target = format!(
        "{url}/unified/user-directory/users?integrated_account_id={ACCOUNT}&limit={PER_PAGE}"
    );
    if let Some(cursor) = cursor {
        target.push_str("&next_cursor=");
        target.push_str(cursor);
    }
    target
}

async fn run_plain(url: &str) -> (usize, usize) {
    let client = reqwest::Client::new();
    let (mut users, mut with_remote) = (0, 0);
    let mut cursor: Option<String> = None;
    loop {
        let target = page_url(url, cursor.as_deref());
        let body = truto_bench::plain_get(&client, target).await;
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

/// reqwest alone: the same requests through reqwest, each body read whole, nothing decoded.
/// The distance to "server alone" is the HTTP client's; to truto-hosted, the decoding's.
async fn run_reqwest_alone(url: &str) -> (usize, usize) {
    let client = reqwest::Client::new();
    let pages = total_of(url).div_ceil(PER_PAGE);
    for page in 0..pages {
        let cursor = (page > 0).then(|| format!("pg{page:08}"));
        let target = page_url(url, cursor.as_deref());
        let body = truto_bench::plain_get(&client, target).await;
        assert!(!body.is_empty());
    }
    (pages * PER_PAGE, pages * PER_PAGE)
}

/// The server alone: a keep-alive HTTP/1.1 client that sends each page's request and reads
/// its bytes (`content-length` of them), decoding nothing (the mock's cursors are the page
/// numbers). The floor the other variants are measured against.
async fn run_server_alone(url: &str) -> (usize, usize) {
    let (address, prefix) = url.trim_start_matches("http://").split_once('/').unwrap();
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream.set_nodelay(true).unwrap();
    let mut buf = vec![0u8; 1 << 20];
    let pages = total_of(url).div_ceil(PER_PAGE);
    for page in 0..pages {
        let cursor = if page == 0 {
            String::new()
        } else {
            format!("&next_cursor=pg{page:08}")
        };
        let request = format!(
            "GET /{prefix}/unified/user-directory/users?integrated_account_id={ACCOUNT}&limit={PER_PAGE}{cursor} HTTP/1.1\r\nhost: {address}\r\nauthorization: Bearer bench-token\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut filled = 0;
        let (head_end, length) = loop {
            let n = stream.read(&mut buf[filled..]).await.unwrap();
            assert!(n > 0, "the mock closed the connection");
            filled += n;
            if let Some(i) = buf[..filled].windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&buf[..i]).unwrap().to_ascii_lowercase();
                assert!(head.starts_with("http/1.1 200"), "{head}");
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length: "))
                    .unwrap()
                    .trim()
                    .parse()
                    .unwrap();
                break (i + 4, length);
            }
        };
        while filled < head_end + length {
            let n = stream.read(&mut buf[filled..]).await.unwrap();
            assert!(n > 0, "the mock closed the connection");
            filled += n;
        }
    }
    // Every page was read whole; its users were not looked at.
    (pages * PER_PAGE, pages * PER_PAGE)
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
            "declarative" => run_declarative(url).await,
            "plain" => run_plain(url).await,
            "server" => run_server_alone(url).await,
            "reqwest" => run_reqwest_alone(url).await,
            other => panic!("unknown variant {other}"),
        }
    });
    let secs = start.elapsed().as_secs_f64();
    let total = total_of(url);
    assert_eq!(users, total, "{variant}: users lost");
    assert_eq!(with_remote, total, "{variant}: remote_data lost");
    child::report(users, secs);
}

/// The Python SDK's interpreter, installed into `.tools/pybench` on first use; `None`, with
/// the reason printed, when it cannot be installed.
fn python_sdk() -> Option<std::path::PathBuf> {
    let venv = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.tools/pybench");
    let python = venv.join("bin/python");
    let installed = || {
        std::process::Command::new(&python)
            .args(["-c", "import truto_python_sdk"])
            .status()
            .is_ok_and(|s| s.success())
    };
    if !installed() {
        let made = std::process::Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success())
            && std::process::Command::new(venv.join("bin/pip"))
                .args([
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "--ignore-requires-python",
                    "truto-python-sdk==0.1.6",
                ])
                .status()
                .is_ok_and(|s| s.success());
        if !made || !installed() {
            println!(
                "python sdk: skipped (could not install truto-python-sdk==0.1.6 into {})",
                venv.display()
            );
            return None;
        }
    }
    Some(python)
}

/// The floor of the client's own work: the rendered pages decoded into `User`s on one
/// core, with no HTTP, in one pass per page as truto-hosted decodes them (serde_json,
/// `remote_data` kept as text). The users are dropped on this thread, or with
/// `drop_elsewhere` on a second one, as a listing's caller drops the users a runtime worker
/// decoded. Seconds per `USERS` users, best of `ROUNDS`.
fn decode_alone(rendered: &Pages, drop_elsewhere: bool) -> f64 {
    #[derive(serde::Deserialize)]
    struct UnifiedPage {
        result: Vec<truto_core::User>,
    }
    (0..ROUNDS)
        .map(|_| {
            let (to_drop, dropped) = std::sync::mpsc::sync_channel::<Vec<truto_core::User>>(1);
            let dropper = std::thread::spawn(move || dropped.into_iter().for_each(drop));
            let start = Instant::now();
            let mut users = 0;
            for (body, _) in &rendered.full.bodies {
                let text = std::str::from_utf8(body).unwrap();
                let page: UnifiedPage = serde_json::from_str(text).unwrap();
                assert!(page.result.iter().all(|u| u.remote_data.is_some()));
                users += page.result.len();
                if drop_elsewhere {
                    to_drop.send(page.result).unwrap();
                }
            }
            drop(to_drop);
            dropper.join().unwrap();
            assert_eq!(users, USERS);
            start.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// Prints the variant's row of the table; returns its peak RSS over the rounds, in KiB.
fn summary(name: &str, runs: &mut [ChildRun]) -> u64 {
    let mut cpu: Vec<f64> = runs.iter().filter_map(|r| r.cpu_secs).collect();
    cpu.sort_by(f64::total_cmp);
    let cpu = cpu
        .get(cpu.len() / 2)
        .map_or_else(|| "–".to_owned(), |c| format!("{c:.2} s"));
    runs.sort_by(|a, b| a.users_per_sec().total_cmp(&b.users_per_sec()));
    let median = runs[runs.len() / 2].users_per_sec();
    let best = runs[runs.len() - 1].users_per_sec();
    let rss = runs.iter().map(|r| r.rss_kb).max().unwrap_or(0);
    println!(
        "| {name} | {median:.0} | {best:.0} | {:.3} s | {cpu} | {:.1} MB |",
        runs[runs.len() / 2].secs,
        rss as f64 / 1024.0
    );
    rss
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
    let serve_only = args.iter().any(|a| a == "--serve");

    let rendered = pages();
    let bytes: usize = rendered.full.bodies.iter().map(|(b, _)| b.len()).sum();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let pages = Arc::new(rendered);
    let served = Arc::clone(&pages);
    runtime.spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(serve(stream, Arc::clone(&served)));
        }
    });
    let url = |users: usize| format!("{base}/t{users}");
    if serve_only {
        // The mock alone, for profiling a child by hand:
        // `hosted-… --variant sdk --url <printed url>` under `perf record`.
        println!("{}", url(USERS));
        std::thread::park();
        return;
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "# hosted-api listing: {PER_PAGE} per page, {:.2} KB per user on the wire, loopback, {} cores, load average {}",
        bytes as f64 / (RENDERED * PER_PAGE) as f64 / 1024.0,
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    let decode_secs = decode_alone(&pages, false);
    println!(
        "decode alone (the same pages into `User`s, one core, no HTTP): {decode_secs:.3} s per {USERS} users, best of {ROUNDS}"
    );
    // The same, with each page's users dropped on a second thread: what glibc's malloc
    // charges when the users' memory is freed away from the thread that allocated it.
    println!(
        "decode alone, the users dropped on a second thread: {:.3} s per {USERS} users, best of {ROUNDS}",
        decode_alone(&pages, true)
    );
    let python = python_sdk();
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/python_sdk.py");
    let script = script.to_str().unwrap().to_owned();

    let variants = ["server", "reqwest", "plain", "sdk", "declarative"];
    for (users, rounds) in [(USERS, ROUNDS), (MILLION, MILLION_ROUNDS)] {
        let target = url(users);
        let mut runs: Vec<Vec<ChildRun>> = vec![Vec::new(); variants.len() + 1];
        for _ in 0..rounds {
            for (i, variant) in variants.iter().enumerate() {
                runs[i].push(child::run(&["--variant", variant, "--url", &target]));
            }
            if let Some(python) = &python {
                runs[variants.len()].push(child::run_program(python, &[&script, &target]));
            }
        }
        println!(
            "\n## {users} users, {rounds} round(s), median (best)\n\n| variant | users/s (median) | best | time (median) | client CPU (median) | peak RSS |\n|---|---:|---:|---:|---:|---:|"
        );
        let names = [
            "server alone (reads the bytes)",
            "reqwest alone (reads the bodies)",
            "plain reqwest + serde_json::Value loop",
            "truto-hosted stream",
            "declarative provider, same pages",
            "truto-python-sdk 0.1.6",
        ];
        // Each round's times and CPU, side by side, before `summary` sorts them.
        let times: Vec<Vec<f64>> = runs
            .iter()
            .map(|r| r.iter().map(|run| run.secs).collect())
            .collect();
        let cpu: Vec<Vec<f64>> = runs
            .iter()
            .map(|r| {
                r.iter()
                    .map(|run| run.cpu_secs.unwrap_or(f64::NAN))
                    .collect()
            })
            .collect();
        let mut rss = Vec::new();
        for (i, name) in names.iter().enumerate() {
            rss.push((!runs[i].is_empty()).then(|| summary(name, &mut runs[i])));
        }
        let (server, plain, sdk, declarative, python) =
            (&times[0], &times[2], &times[3], &times[4], &times[5]);
        println!("\nround by round, the variants of a round side by side:");
        // The targets are truto-hosted's; the declarative layer is shown beside it.
        for (name, listing, rss, targets) in [
            ("truto-hosted", sdk, rss[3], true),
            ("declarative", declarative, rss[4], false),
        ] {
            let note = |target: &'static str| if targets { target } else { "" };
            println!(
                "{name}: {} the plain loop{}; {} the server-alone time{}; peak RSS {:.1} MB{}",
                rounds_ratio(plain, listing),
                note(" (target >= 3x)"),
                rounds_ratio(listing, server),
                note(" (target <= 4x)"),
                rss.unwrap_or(0) as f64 / 1024.0,
                note(" (target <= 16 MB)"),
            );
            if !python.is_empty() {
                println!(
                    "{name}: {} the Python SDK{}",
                    rounds_ratio(python, listing),
                    note(" (target >= 5x)")
                );
            }
        }
        // CPU is steadier than wall time on a shared machine: it is the client's own work,
        // whoever else holds the cores. Not a target; shown beside them.
        println!(
            "CPU of the client: the plain loop's {} truto-hosted's; the Python SDK's {}",
            rounds_ratio(&cpu[2], &cpu[3]),
            if python.is_empty() {
                "not run".to_owned()
            } else {
                rounds_ratio(&cpu[5], &cpu[3])
            }
        );
        if users == USERS {
            let decode = vec![decode_secs; server.len()];
            println!(
                "decode alone: {} the server-alone time, {} truto-hosted's (one core's floor for decoding these users)",
                rounds_ratio(&decode, server),
                rounds_ratio(&decode, sdk)
            );
        }
    }
}

/// `numerator[i] / denominator[i]` for every round, as "median x (round 1, round 2, ...)".
fn rounds_ratio(numerator: &[f64], denominator: &[f64]) -> String {
    let mut ratios: Vec<f64> = numerator
        .iter()
        .zip(denominator)
        .map(|(n, d)| n / d)
        .collect();
    let each = ratios
        .iter()
        .map(|r| format!("{r:.2}"))
        .collect::<Vec<_>>()
        .join(", ");
    ratios.sort_by(f64::total_cmp);
    format!("{:.2}x ({each})", ratios[ratios.len() / 2])
}
