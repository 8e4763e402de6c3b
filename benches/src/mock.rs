//! A minimal keep-alive HTTP/1.1 mock provider on loopback.
//!
//! It serves `users` users of ~1.4 KB each (an Okta-like raw record) in three shapes:
//!
//! | route | shape |
//! |---|---|
//! | `GET /cursor/users?limit=L[&cursor=cN]` | `{"users": [...], "next_cursor": "cM" \| null}` |
//! | `GET /offset/users?offset=O&limit=L` | `{"total": N, "offset": O, "users": [...]}` |
//! | `GET /link/users?after=O&limit=L` | `[...]` and `Link: <…?after=M&limit=L>; rel="next"` |
//! | `GET /users/u000000000042` | one record |
//!
//! Every list request waits `list_latency` and every get `get_latency` before answering
//! (asynchronously, so concurrent requests wait concurrently). Pages of `per_page` users
//! can be rendered up front (`prerender`, so serving costs a copy); otherwise each page is
//! rendered from the record template when asked, so a million users need no 1.4 GB.
//! Arrival times of requests are recorded for rate checks.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the mock serves.
#[derive(Debug, Clone)]
pub struct MockConfig {
    /// Users in the directory.
    pub users: usize,
    /// The page size pages are pre-rendered for (other sizes are rendered on demand).
    pub per_page: usize,
    /// Wait before answering a list request.
    pub list_latency: Duration,
    /// Wait before answering a get.
    pub get_latency: Duration,
    /// Render every page of `per_page` users up front.
    pub prerender: bool,
}

impl MockConfig {
    /// `users` users, 100 per page, no latency, rendered on demand.
    pub fn new(users: usize) -> Self {
        MockConfig {
            users,
            per_page: 100,
            list_latency: Duration::ZERO,
            get_latency: Duration::ZERO,
            prerender: false,
        }
    }
}

/// A running mock; it stops when dropped (its runtime is shut down).
pub struct Mock {
    /// `http://127.0.0.1:port`.
    pub url: String,
    state: Arc<State>,
    runtime: Option<tokio::runtime::Runtime>,
}

struct State {
    config: MockConfig,
    pages: Vec<String>,
    arrivals: Mutex<Vec<(Instant, bool)>>,
    in_flight: AtomicUsize,
    peak_in_flight: AtomicUsize,
}

/// One raw provider record, ~1.4 KB of JSON.
pub fn record(n: usize) -> String {
    let lock = if n.is_multiple_of(10) {
        "SUSPENDED"
    } else {
        "ACTIVE"
    };
    format!(
        r#"{{"id":"u{n:012}","status":"{lock}","created":"2021-03-04T05:06:07.000Z","activated":"2021-03-04T05:07:00.000Z","statusChanged":"2021-03-04T05:07:00.000Z","lastLogin":"2024-06-01T12:00:00.000Z","lastUpdated":"2024-05-06T07:08:09.000Z","passwordChanged":"2023-01-02T03:04:05.000Z","type":{{"id":"oty1a2b3c4d5e6f7g8h9"}},"profile":{{"firstName":"Radia","lastName":"Perlman{n}","displayName":"Radia Perlman{n}","login":"radia.perlman{n}@example.com","email":"radia.perlman{n}@example.com","secondEmail":"rp{n}@home.example.org","mobilePhone":"+1 555 010 2030","primaryPhone":"+1 555 010 4050","title":"Principal Network Engineer","department":"Engineering","division":"Infrastructure","costCenter":"CC-{cc:04}","employeeNumber":"{n:08}","organization":"Example Corp","timezone":"America/New_York","locale":"en_US","preferredLanguage":"en-US","userType":"Employee","managerId":"u{m:012}","manager":"Vint Cerf"}},"credentials":{{"emails":[{{"value":"radia.perlman{n}@example.com","status":"VERIFIED","type":"PRIMARY"}}],"provider":{{"type":"OKTA","name":"OKTA"}}}},"_links":{{"self":{{"href":"https://example.okta.com/api/v1/users/u{n:012}"}},"suspend":{{"href":"https://example.okta.com/api/v1/users/u{n:012}/lifecycle/suspend","method":"POST"}},"resetPassword":{{"href":"https://example.okta.com/api/v1/users/u{n:012}/lifecycle/reset_password","method":"POST"}}}}}}"#,
        cc = n % 1000,
        m = n / 50,
    )
}

fn records(from: usize, to: usize) -> String {
    let mut out = String::with_capacity((to - from) * 1500 + 2);
    out.push('[');
    for n in from..to {
        if n > from {
            out.push(',');
        }
        out.push_str(&record(n));
    }
    out.push(']');
    out
}

impl Mock {
    /// Starts the mock on its own runtime (one thread of its own, so the code measured
    /// keeps the caller's threads).
    pub fn start(config: MockConfig) -> Mock {
        let pages = if config.prerender {
            (0..config.users.div_ceil(config.per_page))
                .map(|p| {
                    let from = p * config.per_page;
                    records(from, (from + config.per_page).min(config.users))
                })
                .collect()
        } else {
            Vec::new()
        };
        let state = Arc::new(State {
            config,
            pages,
            arrivals: Mutex::new(Vec::new()),
            in_flight: AtomicUsize::new(0),
            peak_in_flight: AtomicUsize::new(0),
        });
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("mock")
            .enable_all()
            .build()
            .expect("a runtime for the mock");
        // Bound here, not with `block_on`, so a mock can be started from async code.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        listener
            .set_nonblocking(true)
            .expect("a non-blocking socket");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let accept_state = Arc::clone(&state);
        runtime.spawn(async move {
            let listener = TcpListener::from_std(listener).expect("a tokio listener");
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(serve(stream, Arc::clone(&accept_state)));
            }
        });
        Mock {
            url,
            state,
            runtime: Some(runtime),
        }
    }

    /// Arrival times of requests since the last call (`true` for gets), and clears them.
    pub fn take_arrivals(&self) -> Vec<(Instant, bool)> {
        std::mem::take(
            &mut *self
                .state
                .arrivals
                .lock()
                .unwrap_or_else(|p| p.into_inner()),
        )
    }

    /// Most requests the mock was answering at once since the last call; resets it.
    pub fn take_peak_in_flight(&self) -> usize {
        self.state.peak_in_flight.swap(0, Ordering::Relaxed)
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        if let Some(rt) = self.runtime.take() {
            rt.shutdown_background();
        }
    }
}

/// The most arrivals in any window of `window` (a window starts at each arrival).
pub fn max_in_window(times: &[Instant], window: Duration) -> usize {
    let mut times = times.to_vec();
    times.sort();
    let mut best = 0;
    let mut end = 0;
    for start in 0..times.len() {
        while end < times.len() && times[end] < times[start] + window {
            end += 1;
        }
        best = best.max(end - start);
    }
    best
}

fn query<'a>(target: &'a str, key: &str) -> Option<&'a str> {
    let (_, q) = target.split_once('?')?;
    q.split('&').find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        (k == key).then_some(v)
    })
}

fn number(target: &str, key: &str) -> Option<usize> {
    query(target, key).and_then(|v| v.parse().ok())
}

enum Reply {
    Json(String, Option<String>),
    NotFound,
}

fn users_json(state: &State, from: usize, limit: usize) -> String {
    let c = &state.config;
    let to = (from + limit).min(c.users);
    if from >= to {
        return "[]".to_owned();
    }
    if !state.pages.is_empty() && limit == c.per_page && from.is_multiple_of(c.per_page) {
        return state.pages[from / c.per_page].clone();
    }
    records(from, to)
}

fn route(state: &State, base: &str, target: &str) -> (Reply, bool) {
    let path = target.split('?').next().unwrap_or("");
    let total = state.config.users;
    let limit = number(target, "limit").unwrap_or(100).clamp(1, 1000);
    match path {
        "/cursor/users" => {
            let from = query(target, "cursor")
                .and_then(|c| c.strip_prefix('c'))
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let next = if from + limit < total {
                format!("\"c{}\"", from + limit)
            } else {
                "null".to_owned()
            };
            let body = format!(
                r#"{{"users":{},"next_cursor":{next}}}"#,
                users_json(state, from, limit)
            );
            (Reply::Json(body, None), false)
        }
        "/offset/users" => {
            let from = number(target, "offset").unwrap_or(0);
            let body = format!(
                r#"{{"total":{total},"offset":{from},"users":{}}}"#,
                users_json(state, from, limit)
            );
            (Reply::Json(body, None), false)
        }
        "/link/users" => {
            let from = number(target, "after").unwrap_or(0);
            let link = (from + limit < total).then(|| {
                format!(
                    "<{base}/link/users?after={}&limit={limit}>; rel=\"next\"",
                    from + limit
                )
            });
            (Reply::Json(users_json(state, from, limit), link), false)
        }
        _ => match path
            .strip_prefix("/users/u")
            .and_then(|n| n.parse::<usize>().ok())
        {
            Some(n) if n < total => (Reply::Json(record(n), None), true),
            _ => (Reply::NotFound, true),
        },
    }
}

async fn serve(mut stream: TcpStream, state: Arc<State>) {
    let _ = stream.set_nodelay(true);
    let base = match stream.local_addr() {
        Ok(addr) => format!("http://{addr}"),
        Err(_) => return,
    };
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
        let arrived = Instant::now();
        let head = String::from_utf8_lossy(&buf[..end]).into_owned();
        buf.drain(..end);
        let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
        let now = state.in_flight.fetch_add(1, Ordering::Relaxed) + 1;
        state.peak_in_flight.fetch_max(now, Ordering::Relaxed);
        let (reply, is_get) = route(&state, &base, &target);
        state
            .arrivals
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push((arrived, is_get));
        let wait = if is_get {
            state.config.get_latency
        } else {
            state.config.list_latency
        };
        if !wait.is_zero() {
            tokio::time::sleep_until((arrived + wait).into()).await;
        }
        let bytes = match reply {
            Reply::Json(body, link) => {
                let link = link.map(|l| format!("link: {l}\r\n")).unwrap_or_default();
                let mut out = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n{link}content-length: {}\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                out.extend_from_slice(body.as_bytes());
                out
            }
            Reply::NotFound => b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_vec(),
        };
        let written = stream.write_all(&bytes).await;
        state.in_flight.fetch_sub(1, Ordering::Relaxed);
        if written.is_err() {
            return;
        }
    }
}
