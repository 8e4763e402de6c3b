//! The cost of every layer of truto-rs, side by side: `cargo bench -p truto-bench`.
//!
//! 1. decode/map overhead: SDK listing throughput vs a plain `reqwest` +
//!    `serde_json::Value` loop over the same pages, `remote_data` kept and dropped;
//! 2. memory: peak RSS streaming 100,000 and 1,000,000 users;
//! 3. prefetch on vs off with 20 ms pages and a consumer spending 10 ms per page;
//! 4. concurrent pages (offset with a total) 1 vs 8 at 20 ms per page;
//! 5. hydration 1 vs 8 vs 32 at 20 ms per get, and a client-side rate limit checked
//!    against the mock's arrival times.
//!
//! Throughput and memory run in child processes (this binary re-executed with `--child`)
//! so each peak RSS (`VmHWM`) is its own; the rest runs in this process against mocks
//! on their own thread. `BENCH_ONLY=3,4` runs a subset; `--serve N` runs a mock alone
//! (for profiling a `--child` by hand). Compile cost (6) is
//! `benches/compile-cost.sh`. Results: `BENCHMARKS.md`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::Value;
use truto_bench::child::{self, ChildRun};
use truto_bench::mock::{Mock, MockConfig, max_in_window};
use truto_bench::providers::{Shape, connect};
use truto_core::{Config, ListUsers, UserDirectoryExt};

const PER_PAGE: usize = 100;
const ROUNDS: usize = 3;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn config(url: &str) -> Config {
    Config::new().set("base_url", url)
}

// ---------------------------------------------------------------- child processes

async fn run_sdk(shape: Shape, url: &str, keep_remote: bool, prefetch: bool) -> (usize, usize) {
    let dir = connect(shape, &config(url)).unwrap();
    let options = ListUsers::new()
        .limit(PER_PAGE as u32)
        .ignore_remote_data(!keep_remote)
        .prefetch(prefetch);
    let mut stream = dir.list_users(options);
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
        let mut target = format!("{url}/cursor/users?limit={PER_PAGE}");
        if let Some(c) = &cursor {
            target.push_str("&cursor=");
            target.push_str(c);
        }
        let body = truto_bench::plain_get(&client, target).await;
        let page: Value = serde_json::from_slice(&body).unwrap();
        for record in page["users"].as_array().unwrap() {
            users += 1;
            with_remote += usize::from(record.is_object());
        }
        cursor = page["next_cursor"].as_str().map(str::to_owned);
        if cursor.is_none() {
            break;
        }
    }
    (users, with_remote)
}

fn child(args: &[String]) {
    let variant = arg(args, "--child").unwrap();
    let url = arg(args, "--url").unwrap();
    let expected: usize = arg(args, "--users").unwrap().parse().unwrap();
    let shape = arg(args, "--shape")
        .and_then(|s| Shape::parse(&s))
        .unwrap_or(Shape::Cursor);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let start = Instant::now();
    let (users, with_remote) = runtime.block_on(async {
        match variant.as_str() {
            "sdk" => run_sdk(shape, &url, true, true).await,
            "sdk-drop" => run_sdk(shape, &url, false, true).await,
            // Sequential like the plain loop: the decode and map cost alone.
            "sdk-serial" => run_sdk(shape, &url, true, false).await,
            "plain" => run_plain(&url).await,
            other => panic!("unknown variant {other}"),
        }
    });
    let secs = start.elapsed().as_secs_f64();
    assert_eq!(users, expected, "{variant}: users lost");
    let expected_remote = if variant == "sdk-drop" { 0 } else { expected };
    assert_eq!(with_remote, expected_remote, "{variant}: remote_data");
    child::report(users, secs);
}

fn spawn(variant: &str, shape: Shape, url: &str, users: usize) -> ChildRun {
    let users = users.to_string();
    child::run(&[
        "--child",
        variant,
        "--shape",
        shape.as_str(),
        "--url",
        url,
        "--users",
        &users,
    ])
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}

fn met(ok: bool) -> &'static str {
    if ok { "met" } else { "MISSED" }
}

// ---------------------------------------------------------------- 1. decode/map overhead

fn throughput() {
    const USERS: usize = 100_000;
    let mock = Mock::start(MockConfig {
        prerender: true,
        ..MockConfig::new(USERS)
    });
    println!(
        "\n## 1. Decode/map overhead: {USERS} users, {PER_PAGE} per page, ~{:.2} KB per record, pre-rendered pages, {ROUNDS} rounds alternating, median (best)",
        truto_bench::mock::record(USERS / 2).len() as f64 / 1024.0
    );
    let variants: [(&str, &str, Shape); 9] = [
        (
            "plain reqwest + serde_json::Value (cursor)",
            "plain",
            Shape::Cursor,
        ),
        ("SDK cursor, remote_data kept", "sdk", Shape::Cursor),
        ("SDK cursor, ignore_remote_data", "sdk-drop", Shape::Cursor),
        (
            "SDK cursor, remote_data kept, prefetch off (sequential like plain)",
            "sdk-serial",
            Shape::Cursor,
        ),
        ("SDK offset+total, remote_data kept", "sdk", Shape::Offset),
        ("SDK Link header, remote_data kept", "sdk", Shape::Link),
        (
            "SDK declarative spec (cursor), remote_data kept",
            "sdk",
            Shape::Spec,
        ),
        (
            "SDK declarative spec (cursor), remote_data kept, prefetch off",
            "sdk-serial",
            Shape::Spec,
        ),
        (
            "SDK declarative spec (cursor), ignore_remote_data",
            "sdk-drop",
            Shape::Spec,
        ),
    ];
    let mut runs: Vec<Vec<ChildRun>> = variants.iter().map(|_| Vec::new()).collect();
    for _ in 0..ROUNDS {
        for (i, (_, variant, shape)) in variants.iter().enumerate() {
            runs[i].push(spawn(variant, *shape, &mock.url, USERS));
        }
    }
    let plain = median(runs[0].iter().map(|r| r.users_per_sec()).collect());
    println!("| variant | users/s (median) | best | ratio to plain | peak RSS |");
    println!("|---|---:|---:|---:|---:|");
    for (i, (name, _, _)) in variants.iter().enumerate() {
        let m = median(runs[i].iter().map(|r| r.users_per_sec()).collect());
        let best = runs[i]
            .iter()
            .map(|r| r.users_per_sec())
            .fold(0.0, f64::max);
        let rss = runs[i].iter().map(|r| r.rss_kb).max().unwrap_or(0);
        println!(
            "| {name} | {m:.0} | {best:.0} | {:.2}x | {:.1} MB |",
            m / plain,
            mb(rss)
        );
    }
    let kept = median(runs[1].iter().map(|r| r.users_per_sec()).collect());
    println!(
        "target: SDK with remote_data kept >= 1.0x plain: {:.2}x, {}",
        kept / plain,
        met(kept / plain >= 1.0)
    );
    let typed_serial = median(runs[3].iter().map(|r| r.users_per_sec()).collect());
    let spec = median(runs[6].iter().map(|r| r.users_per_sec()).collect());
    let spec_serial = median(runs[7].iter().map(|r| r.users_per_sec()).collect());
    println!(
        "target: declarative spec >= 0.9x the typed provider: {:.2}x (prefetch off: {:.2}x), {}",
        spec / kept,
        spec_serial / typed_serial,
        met(spec / kept >= 0.9 && spec_serial / typed_serial >= 0.9)
    );
    println!(
        "target: declarative spec >= 1.6x plain: {:.2}x, {}",
        spec / plain,
        met(spec / plain >= 1.6)
    );
}

// ---------------------------------------------------------------- 2. memory

fn memory() {
    println!(
        "\n## 2. Memory: peak RSS (VmHWM) of a child streaming N users (cursor shape, pages rendered on demand), max over 2 runs"
    );
    println!("| users (shape) | secs | users/s | peak RSS |");
    println!("|---:|---:|---:|---:|");
    let mut peaks = Vec::new();
    // The Link shape (long next-page URLs as positions) is run at 1M too, to show whether
    // memory grows with the positions the engine remembers.
    for (users, shape) in [
        (100_000usize, Shape::Cursor),
        (300_000, Shape::Cursor),
        (1_000_000, Shape::Cursor),
        (1_000_000, Shape::Link),
    ] {
        let mock = Mock::start(MockConfig::new(users));
        let runs: Vec<ChildRun> = (0..2)
            .map(|_| spawn("sdk", shape, &mock.url, users))
            .collect();
        let rss = runs.iter().map(|r| r.rss_kb).max().unwrap();
        let secs = median(runs.iter().map(|r| r.secs).collect());
        println!(
            "| {users} ({}) | {secs:.2} | {:.0} | {:.1} MB |",
            shape.as_str(),
            users as f64 / secs,
            mb(rss)
        );
        if shape == Shape::Cursor && users != 300_000 {
            peaks.push(rss);
        }
    }
    let growth = peaks[1] as f64 / peaks[0] as f64 - 1.0;
    println!(
        "target: <= 64 MB at 1M: {:.1} MB, {}; within 10 % of 100k: {:+.1} %, {}",
        mb(peaks[1]),
        met(mb(peaks[1]) <= 64.0),
        growth * 100.0,
        met(growth.abs() <= 0.10)
    );
}

// ---------------------------------------------------------------- 3-5 in process

async fn timed_listing(
    url: &str,
    shape: Shape,
    cfg: Config,
    options: ListUsers,
    consume: Duration,
) -> (f64, usize) {
    let dir = connect(shape, &cfg.set("base_url", url)).unwrap();
    let start = Instant::now();
    let mut stream = dir.list_users(options);
    let mut users = 0;
    while let Some(user) = stream.next().await {
        user.unwrap();
        users += 1;
        if !consume.is_zero() && users % PER_PAGE == 0 {
            tokio::time::sleep(consume).await;
        }
    }
    (start.elapsed().as_secs_f64(), users)
}

async fn median_secs(
    url: &str,
    shape: Shape,
    options: &ListUsers,
    consume: Duration,
    expected: usize,
) -> f64 {
    let mut secs = Vec::new();
    for _ in 0..ROUNDS {
        let (s, users) = timed_listing(url, shape, Config::new(), options.clone(), consume).await;
        assert_eq!(users, expected);
        secs.push(s);
    }
    median(secs)
}

async fn prefetch() {
    const PAGES: usize = 50;
    let users = PAGES * PER_PAGE;
    let mock = Mock::start(MockConfig {
        list_latency: Duration::from_millis(20),
        ..MockConfig::new(users)
    });
    println!(
        "\n## 3. Prefetch: cursor shape, {PAGES} pages of {PER_PAGE}, 20 ms per page, consumer sleeps 10 ms after each page, median of {ROUNDS}"
    );
    let base = ListUsers::new().limit(PER_PAGE as u32);
    let consume = Duration::from_millis(10);
    let off = median_secs(
        &mock.url,
        Shape::Cursor,
        &base.clone().prefetch(false),
        consume,
        users,
    )
    .await;
    let on = median_secs(
        &mock.url,
        Shape::Cursor,
        &base.prefetch(true),
        consume,
        users,
    )
    .await;
    println!("| prefetch | wall time | ideal |");
    println!("|---|---:|---:|");
    println!("| off | {:.3} s | {:.3} s |", off, PAGES as f64 * 0.030);
    println!(
        "| on (default) | {:.3} s | {:.3} s |",
        on,
        PAGES as f64 * 0.020 + 0.010
    );
    println!(
        "target: on/off <= 0.75: {:.2}x, {}",
        on / off,
        met(on / off <= 0.75)
    );
}

async fn page_concurrency() {
    const PAGES: usize = 80;
    println!(
        "\n## 4. Concurrent pages: offset shape with a total, {PAGES} pages, 20 ms per page, median of {ROUNDS}"
    );
    println!(
        "| users per page | page_concurrency | wall time | speedup | peak requests in flight at the mock |"
    );
    println!("|---:|---:|---:|---:|---:|");
    let mut verdict = String::new();
    // 100 per page is the measurement; 10 per page shows the engine with little decoding.
    for per_page in [PER_PAGE, 10] {
        let users = PAGES * per_page;
        let mock = Mock::start(MockConfig {
            list_latency: Duration::from_millis(20),
            per_page,
            ..MockConfig::new(users)
        });
        let mut base_secs = 0.0;
        for c in [1usize, 8] {
            let options = ListUsers::new().limit(per_page as u32).page_concurrency(c);
            mock.take_peak_in_flight();
            let secs = median_secs(&mock.url, Shape::Offset, &options, Duration::ZERO, users).await;
            let peak = mock.take_peak_in_flight();
            if c == 1 {
                base_secs = secs;
            }
            let speedup = base_secs / secs;
            if c == 8 && per_page == PER_PAGE {
                verdict = format!("{speedup:.2}x, {}", met(speedup >= 6.4));
            }
            println!("| {per_page} | {c} | {secs:.3} s | {speedup:.2}x | {peak} |");
        }
    }
    println!(
        "target: speedup at 8 >= 6.4x (100 per page): {verdict}; bound: 8x (the first 8 pages go out together)"
    );
}

async fn hydration() {
    const USERS: usize = 200;
    let mock = Mock::start(MockConfig {
        get_latency: Duration::from_millis(20),
        ..MockConfig::new(5_000)
    });
    println!(
        "\n## 5. Hydration: cursor shape, first {USERS} users (pages of {PER_PAGE}, list 0 ms), one get per user at 20 ms, median of {ROUNDS}"
    );
    println!(
        "| hydrate_concurrency | wall time | speedup | ideal | peak requests in flight at the mock |"
    );
    println!("|---:|---:|---:|---:|---:|");
    let mut base_secs = 0.0;
    let mut verdicts = Vec::new();
    for c in [1usize, 8, 32] {
        let options = ListUsers::new()
            .limit(PER_PAGE as u32)
            .max_users(USERS as u64)
            .hydrate(true)
            .hydrate_concurrency(c);
        mock.take_peak_in_flight();
        let secs = median_secs(&mock.url, Shape::Cursor, &options, Duration::ZERO, USERS).await;
        let peak = mock.take_peak_in_flight();
        if c == 1 {
            base_secs = secs;
        }
        let speedup = base_secs / secs;
        let ideal = USERS as f64 * 0.020 / c as f64;
        println!("| {c} | {secs:.3} s | {speedup:.2}x | {ideal:.3} s | {peak} |");
        if c > 1 {
            verdicts.push(format!(
                "{c}: {speedup:.2}x vs {:.1}x {}",
                0.8 * c as f64,
                met(speedup >= 0.8 * c as f64)
            ));
        }
    }
    println!(
        "target: speedup >= 0.8 x concurrency: {}",
        verdicts.join("; ")
    );

    // The client-side rate limit, checked against the mock's own arrival times.
    const RPS: f64 = 100.0;
    const LIMITED_USERS: usize = 300;
    let options = ListUsers::new()
        .limit(PER_PAGE as u32)
        .max_users(LIMITED_USERS as u64)
        .hydrate(true)
        .hydrate_concurrency(32);
    // Several runs: the mock's arrival times carry scheduling jitter on both sides.
    let mut maxima = Vec::new();
    let mut summary = String::new();
    for _ in 0..ROUNDS {
        mock.take_arrivals();
        let (secs, users) = timed_listing(
            &mock.url,
            Shape::Cursor,
            Config::new().set("requests_per_second", RPS.to_string()),
            options.clone(),
            Duration::ZERO,
        )
        .await;
        assert_eq!(users, LIMITED_USERS);
        let arrivals = mock.take_arrivals();
        let all: Vec<Instant> = arrivals.iter().map(|(t, _)| *t).collect();
        maxima.push(max_in_window(&all, Duration::from_secs(1)));
        let span = all
            .iter()
            .max()
            .unwrap()
            .duration_since(*all.iter().min().unwrap())
            .as_secs_f64();
        summary = format!(
            "{} requests ({} gets) in {secs:.2} s, mean {:.1} req/s over the span",
            all.len(),
            arrivals.iter().filter(|(_, g)| *g).count(),
            (all.len() - 1) as f64 / span,
        );
    }
    let worst = maxima.iter().copied().max().unwrap_or(0);
    println!(
        "\nrate limit: requests_per_second={RPS}, hydrate_concurrency 32, {LIMITED_USERS} users, {ROUNDS} runs: last run {summary}; max requests in any 1 s window of the mock's arrival times per run: {maxima:?}; {}",
        if worst as f64 <= RPS {
            "never exceeded"
        } else {
            "EXCEEDED"
        }
    );
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if arg(&args, "--child").is_some() {
        child(&args);
        return;
    }
    // For profiling a child by hand: `layers --serve 300000` prints the mock's URL and
    // serves until stdin closes; then `layers --child sdk --url URL --users 300000`.
    if let Some(users) = arg(&args, "--serve") {
        let mock = Mock::start(MockConfig::new(users.parse().unwrap()));
        println!("{}", mock.url);
        let _ = std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new());
        return;
    }
    let only: Option<Vec<String>> = std::env::var("BENCH_ONLY")
        .ok()
        .map(|v| v.split(',').map(|s| s.trim().to_owned()).collect());
    let wanted = |n: &str| only.as_ref().is_none_or(|o| o.iter().any(|x| x == n));
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "# truto-rs layers benchmark ({} cores, load average {})",
        std::thread::available_parallelism().map_or(0, usize::from),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
    if wanted("1") {
        throughput();
    }
    if wanted("2") {
        memory();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        if wanted("3") {
            prefetch().await;
        }
        if wanted("4") {
            page_concurrency().await;
        }
        if wanted("5") {
            hydration().await;
        }
    });
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\nload average at the end: {}",
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}
