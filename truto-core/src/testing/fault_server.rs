//! A minimal HTTP/1.1 server on loopback that serves a simulator and injects faults a
//! mock framework cannot: dropped connections and bodies cut short, besides 429 with
//! `Retry-After` and 5xx. One request per connection; deterministic for a given seed.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::sim::{Route, SimRequest, SimResponse, Simulator, Store, answer};

/// How often and how a [`FaultServer`] fails.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaultPlan {
    /// Probability that a request is answered with a fault (0.0 – 1.0).
    pub probability: f64,
    /// Seed of the fault sequence.
    pub seed: u64,
    /// `Retry-After` seconds sent with injected 429s.
    pub retry_after_secs: u64,
}

impl Default for FaultPlan {
    fn default() -> Self {
        FaultPlan {
            probability: 0.1,
            seed: 7,
            retry_after_secs: 2,
        }
    }
}

/// What a [`FaultServer`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FaultStats {
    /// Requests received.
    pub requests: u64,
    /// 429s injected.
    pub throttled: u64,
    /// 500s and 503s injected.
    pub server_errors: u64,
    /// Connections dropped without a response.
    pub dropped: u64,
    /// Bodies cut short.
    pub truncated: u64,
    /// List requests refused by a permanent fault.
    pub permanent: u64,
}

impl FaultStats {
    /// Faults injected in all.
    pub fn faults(&self) -> u64 {
        self.throttled + self.server_errors + self.dropped + self.truncated + self.permanent
    }
}

#[derive(Default)]
struct Counters {
    requests: AtomicU64,
    throttled: AtomicU64,
    server_errors: AtomicU64,
    dropped: AtomicU64,
    truncated: AtomicU64,
    permanent: AtomicU64,
    /// Every list request fails while set.
    fail_lists: AtomicBool,
}

struct Shared {
    sim: Arc<dyn Simulator>,
    store: Mutex<Store>,
    plan: FaultPlan,
    rng: Mutex<fastrand::Rng>,
    counters: Counters,
}

/// A fault-injecting server for a simulator.
pub struct FaultServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

enum Action {
    Answer(SimResponse),
    Drop,
    Truncate(SimResponse),
}

impl FaultServer {
    /// Starts serving `users` records of `sim` on a loopback port.
    pub async fn start(
        sim: impl Simulator,
        users: usize,
        plan: FaultPlan,
    ) -> std::io::Result<Self> {
        let sim: Arc<dyn Simulator> = Arc::new(sim);
        let records = (0..users).map(|n| sim.record(n)).collect();
        let shared = Arc::new(Shared {
            sim,
            store: Mutex::new(Store { records }),
            rng: Mutex::new(fastrand::Rng::with_seed(plan.seed)),
            plan,
            counters: Counters::default(),
        });
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let accept = Arc::clone(&shared);
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let shared = Arc::clone(&accept);
                tokio::spawn(async move {
                    let _ = serve(stream, shared).await;
                });
            }
        });
        Ok(FaultServer { addr, shared, task })
    }

    /// The base URL.
    pub fn uri(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// What the server did so far.
    pub fn stats(&self) -> FaultStats {
        let c = &self.shared.counters;
        FaultStats {
            requests: c.requests.load(Ordering::SeqCst),
            throttled: c.throttled.load(Ordering::SeqCst),
            server_errors: c.server_errors.load(Ordering::SeqCst),
            dropped: c.dropped.load(Ordering::SeqCst),
            truncated: c.truncated.load(Ordering::SeqCst),
            permanent: c.permanent.load(Ordering::SeqCst),
        }
    }

    /// While `fail` is set, every list request fails with a 500 (a permanent fault).
    pub fn fail_lists(&self, fail: bool) {
        self.shared
            .counters
            .fail_lists
            .store(fail, Ordering::SeqCst);
    }

    /// The simulator being served.
    pub fn simulator(&self) -> &dyn Simulator {
        &*self.shared.sim
    }

    /// The ids of the stored records, in order.
    pub fn ids(&self) -> Vec<String> {
        let store = self.shared.store.lock().unwrap_or_else(|p| p.into_inner());
        store
            .records
            .iter()
            .map(|r| self.shared.sim.record_id(r))
            .collect()
    }
}

fn decide(shared: &Shared, request: &SimRequest) -> Action {
    let c = &shared.counters;
    c.requests.fetch_add(1, Ordering::SeqCst);
    if shared.sim.route(request) == Some(Route::List) && c.fail_lists.load(Ordering::SeqCst) {
        c.permanent.fetch_add(1, Ordering::SeqCst);
        return Action::Answer(shared.sim.error(500, "permanent injected fault"));
    }
    // The first faults go through every kind in turn, so a short run still meets each;
    // after them the seeded sequence decides.
    let seen = c.requests.load(Ordering::SeqCst);
    let period = (1.0 / shared.plan.probability.max(1e-9)).round().max(1.0) as u64;
    let (fault, kind) = if shared.plan.probability > 0.0 && seen <= 5 * period {
        (seen % period == period / 2, ((seen / period) % 5) as u8)
    } else {
        let mut rng = shared.rng.lock().unwrap_or_else(|p| p.into_inner());
        (rng.f64() < shared.plan.probability, rng.u8(0..5))
    };
    if !fault {
        return Action::Answer(answer(&*shared.sim, &shared.store, request));
    }
    match kind {
        0 => {
            c.throttled.fetch_add(1, Ordering::SeqCst);
            Action::Answer(
                shared
                    .sim
                    .error(429, "slow down")
                    .header("retry-after", shared.plan.retry_after_secs.to_string()),
            )
        }
        1 | 2 => {
            c.server_errors.fetch_add(1, Ordering::SeqCst);
            let status = if kind == 1 { 500 } else { 503 };
            Action::Answer(shared.sim.error(status, "injected server error"))
        }
        3 => {
            c.dropped.fetch_add(1, Ordering::SeqCst);
            Action::Drop
        }
        _ => {
            c.truncated.fetch_add(1, Ordering::SeqCst);
            Action::Truncate(answer(&*shared.sim, &shared.store, request))
        }
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) -> std::io::Result<()> {
    let Some(request) = read_request(&mut stream).await? else {
        return Ok(());
    };
    match decide(&shared, &request) {
        Action::Drop => {}
        Action::Answer(r) => write_response(&mut stream, &r, r.body.len()).await?,
        Action::Truncate(r) => write_response(&mut stream, &r, r.body.len() / 2).await?,
    }
    stream.shutdown().await
}

async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<SimRequest>> {
    let mut buf = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if buf.len() > 64 * 1024 {
            return Ok(None);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("GET").to_owned();
    let target = first.next().unwrap_or("/").to_owned();
    let mut headers = BTreeMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_owned());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let Ok(url) = url::Url::parse(&format!("http://fault.local{target}")) else {
        return Ok(None);
    };
    Ok(Some(SimRequest::new(&method, &url, headers, body)))
}

async fn write_response(
    stream: &mut TcpStream,
    r: &SimResponse,
    send: usize,
) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} X\r\ncontent-length: {}\r\nconnection: close\r\n",
        r.status,
        r.body.len()
    );
    for (k, v) in &r.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(&r.body[..send]).await?;
    stream.flush().await
}
