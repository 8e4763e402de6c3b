//! The pagination engine with an in-memory provider: concurrency, hydration, prefetch,
//! stops, resume and validation, without HTTP in the way.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use futures::StreamExt;
use truto_core::PaginationStyle;
use truto_core::provider::paging::offset_next;
use truto_core::provider::{FilterRule, Page, PageRequest, Position};
use truto_core::{
    Error, ErrorKind, Family, Filter, GetUser, Integration, ListUsers, Result, User, UserDirectory,
    UserDirectoryExt, UserField,
};

const OFFSET: Integration = Integration::new("memory", "Memory", Family::Other)
    .list(PaginationStyle::OffsetLimit)
    .get()
    .filters(&[FilterRule::native(Filter::Email)])
    .page_size(10, 50)
    .required_get(&[]);

/// A provider of `n` users paging by offset, with a total, a delay per call, and counters
/// of calls in flight.
#[derive(Debug, Default)]
struct Memory {
    n: usize,
    delay_ms: u64,
    report_total: bool,
    fail_page_at_offset: Option<u64>,
    fail_get_of: Option<String>,
    repeat_after: Option<u64>,
    ignore_position: bool,
    /// The most records a page holds, whatever was asked (a server capping the page size).
    cap: Option<usize>,
    /// Pages at offsets `o` with `o % 3 == 1` hold one record fewer than they could.
    ragged: bool,
    /// Every get, as `("start" | "end", id)`, in the order they happened.
    get_log: std::sync::Mutex<Vec<(&'static str, String)>>,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    gets_in_flight: AtomicUsize,
    max_gets_in_flight: AtomicUsize,
    pages_fetched: AtomicUsize,
}

impl Memory {
    fn new(n: usize) -> Self {
        Memory {
            n,
            report_total: true,
            ..Memory::default()
        }
    }
}

fn enter(now: &AtomicUsize, max: &AtomicUsize) {
    let v = now.fetch_add(1, Ordering::SeqCst) + 1;
    max.fetch_max(v, Ordering::SeqCst);
}

#[async_trait]
impl UserDirectory for Memory {
    fn integration(&self) -> &Integration {
        &OFFSET
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        enter(&self.in_flight, &self.max_in_flight);
        tokio::time::sleep(Duration::from_millis(self.delay_ms)).await;
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        self.pages_fetched.fetch_add(1, Ordering::SeqCst);
        let requested = match request.position {
            Position::Start => 0,
            Position::Offset(o) => *o,
            other => return Err(Error::invalid_input(format!("{other:?}"))),
        };
        let offset = if self.ignore_position { 0 } else { requested };
        if self.fail_page_at_offset == Some(offset) {
            return Err(Error::new(ErrorKind::Provider, "page failed"));
        }
        let mut size =
            (request.page_size.unwrap_or(10) as usize).min(self.cap.unwrap_or(usize::MAX));
        if self.ragged && offset % 3 == 1 {
            size = size.saturating_sub(1).max(1);
        }
        let users: Vec<User> = (offset as usize..self.n.min(offset as usize + size))
            .map(|i| User::new(format!("u{i:05}")))
            .collect();
        let total = self.report_total.then_some(self.n as u64);
        let mut next = offset_next(requested, users.len(), request.page_size, total);
        if let Some(r) = self.repeat_after.filter(|r| offset >= *r) {
            next = Some(Position::Offset(r));
        }
        Ok(Page::new(users, next).with_total(total))
    }

    async fn fetch_user(&self, id: &str, _options: &GetUser) -> Result<User> {
        enter(&self.gets_in_flight, &self.max_gets_in_flight);
        self.get_log.lock().unwrap().push(("start", id.to_owned()));
        tokio::time::sleep(Duration::from_millis(self.delay_ms)).await;
        self.get_log.lock().unwrap().push(("end", id.to_owned()));
        self.gets_in_flight.fetch_sub(1, Ordering::SeqCst);
        if self.fail_get_of.as_deref() == Some(id) {
            return Err(Error::new(ErrorKind::Provider, "get failed"));
        }
        let mut user = User::new(id);
        user.name = Some(format!("full record of {id}"));
        Ok(user)
    }
}

fn expected(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("u{i:05}")).collect()
}

async fn ids(dir: &Arc<Memory>, options: ListUsers) -> Vec<String> {
    dir.collect_users(options)
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pages_keep_order_and_respect_the_limit() {
    let mut memory = Memory::new(1000);
    memory.delay_ms = 5;
    let dir = Arc::new(memory);
    let got = ids(&dir, ListUsers::new().limit(20).page_concurrency(4)).await;
    assert_eq!(got, expected(1000));
    let max = dir.max_in_flight.load(Ordering::SeqCst);
    assert!((2..=4).contains(&max), "pages in flight peaked at {max}");
    assert_eq!(dir.pages_fetched.load(Ordering::SeqCst), 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_pages_start_with_the_first_request() {
    let mut memory = Memory::new(200);
    memory.delay_ms = 20;
    let dir = Arc::new(memory);
    let mut stream = dir.list_users(ListUsers::new().limit(10).page_concurrency(4));
    stream.next().await.unwrap().unwrap();
    let max = dir.max_in_flight.load(Ordering::SeqCst);
    assert_eq!(
        max, 4,
        "offsets 0, 10, 20 and 30 are requested together, before any total is known"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_total_pages_fetched_ahead_are_kept_only_when_confirmed() {
    let mut memory = Memory::new(95);
    memory.report_total = false;
    memory.delay_ms = 2;
    let dir = Arc::new(memory);
    let got = ids(&dir, ListUsers::new().limit(10).page_concurrency(8)).await;
    assert_eq!(got, expected(95));
    assert!(dir.max_in_flight.load(Ordering::SeqCst) > 1);
    let fetched = dir.pages_fetched.load(Ordering::SeqCst);
    assert!(
        fetched <= 10 + 7,
        "at most concurrency - 1 pages past the end are wasted, fetched {fetched}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_capping_the_page_size_loses_no_user_to_concurrent_pages() {
    // Asked for 10, the server returns 7 and says the next page starts at 7: the pages
    // requested ahead at 10, 20, 30 are dropped and the listing follows the server.
    for report_total in [true, false] {
        let mut memory = Memory::new(100);
        memory.cap = Some(7);
        memory.report_total = report_total;
        memory.delay_ms = 2;
        let dir = Arc::new(memory);
        let got = ids(&dir, ListUsers::new().limit(10).page_concurrency(4)).await;
        let want = if report_total {
            expected(100)
        } else {
            // Without a total a short page ends an offset listing, as it would sequentially.
            expected(7)
        };
        assert_eq!(got, want, "report_total = {report_total}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hydration_is_bounded_ordered_and_complete() {
    let mut memory = Memory::new(64);
    memory.delay_ms = 3;
    let dir = Arc::new(memory);
    let users = dir
        .collect_users(ListUsers::new().limit(32).hydrate(true))
        .await
        .unwrap();
    assert_eq!(
        users.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
        expected(64)
    );
    assert!(
        users
            .iter()
            .all(|u| u.name.as_deref() == Some(&format!("full record of {}", u.id)))
    );
    let max = dir.max_gets_in_flight.load(Ordering::SeqCst);
    assert!(
        (2..=8).contains(&max),
        "default hydration concurrency is 8, saw {max}"
    );

    let dir = Arc::new(Memory {
        delay_ms: 2,
        ..Memory::new(40)
    });
    dir.collect_users(
        ListUsers::new()
            .limit(40)
            .hydrate(true)
            .hydrate_concurrency(2),
    )
    .await
    .unwrap();
    assert!(dir.max_gets_in_flight.load(Ordering::SeqCst) <= 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_hydration_resumes_at_its_page() {
    let dir = Arc::new(Memory {
        fail_get_of: Some("u00025".into()),
        ..Memory::new(50)
    });
    let mut stream = dir.list_users(ListUsers::new().limit(10).hydrate(true));
    let mut got = Vec::new();
    let cursor = loop {
        match stream.next().await.unwrap() {
            Ok(u) => got.push(u.id),
            Err(e) => break e.resume_cursor().unwrap().clone(),
        }
    };
    assert_eq!(
        got,
        expected(20),
        "users of the failing page must not be yielded"
    );
    let healthy = Arc::new(Memory::new(50));
    got.extend(
        ids(
            &healthy,
            ListUsers::new().limit(10).hydrate(true).next_cursor(cursor),
        )
        .await,
    );
    assert_eq!(got, expected(50));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hydration_runs_across_page_boundaries() {
    // Pages of 10 hydrated 8 at a time: the window must not drain at the end of a page,
    // so gets of the second page start while the first page's last gets are still out.
    let dir = Arc::new(Memory {
        delay_ms: 20,
        ..Memory::new(30)
    });
    let users = dir
        .collect_users(ListUsers::new().limit(10).hydrate(true))
        .await
        .unwrap();
    assert_eq!(
        users.iter().map(|u| u.id.clone()).collect::<Vec<_>>(),
        expected(30)
    );
    let log = dir.get_log.lock().unwrap().clone();
    let first_of_page_2 = log
        .iter()
        .position(|(what, id)| *what == "start" && id == "u00010")
        .unwrap();
    let pages_1_last_end = log
        .iter()
        .rposition(|(what, id)| *what == "end" && id.as_str() < "u00010")
        .unwrap();
    assert!(
        first_of_page_2 < pages_1_last_end,
        "page 2's gets waited for page 1 to finish: {log:?}"
    );
    assert!(dir.max_gets_in_flight.load(Ordering::SeqCst) <= 8);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hydration_goes_on_while_the_caller_works_unless_prefetch_is_off() {
    for prefetch in [true, false] {
        let dir = Arc::new(Memory {
            delay_ms: 5,
            ..Memory::new(40)
        });
        let mut stream = dir.list_users(
            ListUsers::new()
                .limit(10)
                .hydrate(true)
                .hydrate_concurrency(10)
                .prefetch(prefetch),
        );
        stream.next().await.unwrap().unwrap();
        tokio::time::sleep(Duration::from_millis(150)).await;
        let gets = dir.get_log.lock().unwrap().len() / 2;
        if prefetch {
            assert!(gets >= 20, "only {gets} gets while the caller worked");
        } else {
            assert!(gets <= 20, "{gets} gets with prefetch off");
        }
        drop(stream);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prefetch_fetches_the_next_page_while_the_caller_works() {
    let dir = Arc::new(Memory {
        delay_ms: 30,
        ..Memory::new(30)
    });
    let mut stream = dir.list_users(ListUsers::new().limit(10));
    let first = stream.next().await.unwrap().unwrap();
    assert_eq!(first.id, "u00000");
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert!(
        dir.pages_fetched.load(Ordering::SeqCst) >= 2,
        "page 2 was not prefetched"
    );

    let dir = Arc::new(Memory {
        delay_ms: 30,
        ..Memory::new(30)
    });
    let mut stream = dir.list_users(ListUsers::new().limit(10).prefetch(false));
    stream.next().await.unwrap().unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        dir.pages_fetched.load(Ordering::SeqCst),
        1,
        "prefetch off must wait for the caller"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_repeated_position_ends_the_listing_with_an_error() {
    let mut memory = Memory::new(1_000_000);
    memory.report_total = false;
    memory.repeat_after = Some(20);
    let dir = Arc::new(memory);
    let (got, err) = until_error(&dir, ListUsers::new().limit(10)).await;
    // Every page before the loop is yielded once; the listing then says why it stopped.
    assert_eq!(got, expected(30));
    let err = err.expect("a repeated position must end the listing with an error");
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("listed already"), "{err}");
    // Its users were yielded already, so no cursor resumes past it.
    assert!(err.resume_cursor().is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn max_users_stops_early_and_page_size_is_clamped() {
    let dir = Arc::new(Memory::new(500));
    let got = ids(&dir, ListUsers::new().limit(1000).max_users(75)).await;
    assert_eq!(got, expected(75));
    assert_eq!(
        dir.pages_fetched.load(Ordering::SeqCst),
        2,
        "no page after the one reaching max_users is requested"
    );
    let hydrated = Arc::new(Memory::new(500));
    let got = ids(
        &hydrated,
        ListUsers::new()
            .limit(10)
            .max_users(15)
            .hydrate(true)
            .hydrate_concurrency(32),
    )
    .await;
    assert_eq!(got, expected(15));
    assert_eq!(
        hydrated.get_log.lock().unwrap().len(),
        2 * 15,
        "no user past max_users is hydrated"
    );
    assert!(
        ids(&hydrated, ListUsers::new().max_users(0))
            .await
            .is_empty()
    );
    let page = dir
        .list_users_page(ListUsers::new().limit(1000))
        .await
        .unwrap();
    assert_eq!(
        page.users.len(),
        50,
        "limit is clamped to the integration's maximum"
    );
    let page = dir
        .list_users_page(ListUsers::new().ignore_limit(true).limit(3))
        .await
        .unwrap();
    assert_eq!(page.users.len(), 50, "ignore_limit uses the largest page");
}

#[tokio::test]
async fn options_are_validated_before_any_call() {
    let dir = Arc::new(Memory::new(5));
    let err = dir
        .collect_users(ListUsers::new().filter(Filter::Title, "x"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    assert!(
        err.to_string().contains("email"),
        "the error lists what is supported: {err}"
    );
    let err = dir
        .collect_users(ListUsers::new().param("organization_id", "1"))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unsupported);
    let err = dir
        .collect_users(
            ListUsers::new()
                .ignore_remote_data(true)
                .response_format(truto_core::ResponseFormat::Raw),
        )
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let err = dir
        .collect_users(ListUsers::new().exclude_fields([UserField::Id]))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let err = dir
        .collect_users(ListUsers::new().next_cursor(truto_core::Cursor::from_text("garbage")))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    let err = dir.get_user("  ", GetUser::new()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(dir.pages_fetched.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn key_by_keeps_unkeyed_users_and_refuses_duplicates() {
    let dir = Arc::new(Memory::new(12));
    let keyed = dir.key_by(UserField::Id, ListUsers::new()).await.unwrap();
    assert_eq!(keyed.keyed.len(), 12);
    let keyed = dir
        .key_by(UserField::Emails, ListUsers::new())
        .await
        .unwrap();
    assert_eq!(
        keyed.unkeyed.len(),
        12,
        "users without email are kept apart, not lost"
    );
}

#[tokio::test]
async fn the_trait_is_object_safe_and_the_stream_is_static() {
    let dir: Arc<dyn UserDirectory> = Arc::new(Memory::new(25));
    let stream = dir.list_users(ListUsers::new());
    drop(dir);
    let handle = tokio::spawn(async move { stream.collect::<Vec<_>>().await.len() });
    assert_eq!(handle.await.unwrap(), 25);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_served_twice_ends_the_listing_with_a_resumable_error() {
    let mut memory = Memory::new(1000);
    memory.report_total = false;
    memory.ignore_position = true;
    let dir = Arc::new(memory);
    let (got, err) = until_error(&dir, ListUsers::new().limit(10)).await;
    assert_eq!(got, expected(10), "the first page once, never again");
    let err = err.expect("a page served twice must end the listing with an error");
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("same users"), "{err}");
    // The repeated page's users were not yielded: its cursor resumes exactly there.
    let cursor = err.resume_cursor().expect("a resume cursor").clone();
    assert_eq!(
        cursor.position_for(dir.integration().slug).unwrap(),
        truto_core::provider::Position::Offset(10)
    );
}

/// The users a listing yields until it ends, and the error it ends with, if any.
async fn until_error(dir: &Arc<Memory>, options: ListUsers) -> (Vec<String>, Option<Error>) {
    let mut stream = dir.list_users(options);
    let mut got = Vec::new();
    let run = async {
        while let Some(item) = stream.next().await {
            match item {
                Ok(user) => got.push(user.id),
                Err(e) => return Some(e),
            }
        }
        None
    };
    let err = tokio::time::timeout(Duration::from_secs(5), run)
        .await
        .expect("endless paging");
    (got, err)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Whatever the provider does with page sizes and totals, fetching pages ahead yields
    /// exactly what a one-page-at-a-time listing yields, in the same order.
    #[test]
    fn concurrent_pages_yield_what_sequential_paging_yields(
        n in 0usize..250,
        page in 1u32..30,
        cap in proptest::option::of(1usize..30),
        ragged: bool,
        report_total: bool,
        concurrency in 2usize..9,
        hydrate: bool,
        max_users in proptest::option::of(0u64..300),
    ) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let provider = || Arc::new(Memory { cap, ragged, report_total, ..Memory::new(n) });
        let mut options = ListUsers::new().limit(page).hydrate(hydrate);
        if let Some(max) = max_users {
            options = options.max_users(max);
        }
        let (sequential, concurrent) = runtime.block_on(async {
            (
                ids(&provider(), options.clone()).await,
                ids(&provider(), options.page_concurrency(concurrency)).await,
            )
        });
        if report_total {
            // With a total every user is reached, however the pages were cut.
            let all = n.min(max_users.map_or(usize::MAX, |m| m as usize));
            proptest::prop_assert_eq!(&sequential, &expected(all));
        }
        proptest::prop_assert_eq!(concurrent, sequential);
    }

    /// A get failing anywhere ends a hydrated listing at the start of its page, and the
    /// cursor it carries resumes there: every user exactly once, in order.
    #[test]
    fn a_failed_get_resumes_without_loss_or_repeat(
        n in 1usize..120,
        page in 1u32..25,
        failing in 0usize..120,
        window in 1usize..17,
        prefetch: bool,
        report_total: bool,
    ) {
        let failing = failing % n;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let options = ListUsers::new()
            .limit(page)
            .hydrate(true)
            .hydrate_concurrency(window)
            .prefetch(prefetch);
        let got = runtime.block_on(async {
            let broken = Arc::new(Memory {
                fail_get_of: Some(format!("u{failing:05}")),
                report_total,
                ..Memory::new(n)
            });
            let mut stream = broken.list_users(options.clone());
            let mut got = Vec::new();
            let mut cursor = None;
            while let Some(item) = stream.next().await {
                match item {
                    Ok(user) => got.push(user.id),
                    Err(e) => cursor = Some(e.resume_cursor().unwrap().clone()),
                }
            }
            let cursor = cursor.expect("the failing get ends the listing with an error");
            let page_start = failing - failing % page as usize;
            assert_eq!(got, expected(page_start), "users of the failing page were yielded");
            let healthy = Arc::new(Memory { report_total, ..Memory::new(n) });
            got.extend(ids(&healthy, options.next_cursor(cursor)).await);
            got
        });
        proptest::prop_assert_eq!(got, expected(n));
    }
}

/// A cursor provider that says its next position before "decoding" its page (a sleep), as
/// an HTTP provider does once the body has arrived; optionally it says a wrong one, or
/// decodes as real code does: holding its worker thread for the whole decode.
#[derive(Debug, Default)]
struct Announcing {
    pages: usize,
    announce_wrong: bool,
    decode_holds_the_worker: bool,
    log: std::sync::Mutex<Vec<String>>,
}

const CURSOR: Integration = Integration::new("announcing", "Announcing", Family::Other)
    .list(PaginationStyle::CursorField)
    .page_size(10, 10);

impl Announcing {
    /// Where `event` ("start 1", "end 0") stands in the log, if it happened.
    fn when(&self, event: &str) -> Option<usize> {
        self.log.lock().unwrap().iter().position(|e| e == event)
    }
}

#[async_trait]
impl UserDirectory for Announcing {
    fn integration(&self) -> &Integration {
        &CURSOR
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let page: usize = match request.position {
            Position::Start => 0,
            Position::Token(t) => t.parse().unwrap(),
            other => return Err(Error::invalid_input(format!("{other:?}"))),
        };
        self.log.lock().unwrap().push(format!("start {page}"));
        if self.decode_holds_the_worker {
            // The response takes a while to arrive.
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let next = (page + 1 < self.pages).then(|| Position::Token((page + 1).to_string()));
        if request.wants_next_early() {
            let said = if self.announce_wrong {
                Some(Position::Token("999".into()))
            } else {
                next.clone()
            };
            request.announce_next(said.as_ref()).await;
        }
        if self.decode_holds_the_worker {
            std::thread::sleep(Duration::from_millis(30));
        } else {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.log.lock().unwrap().push(format!("end {page}"));
        let users = (0..10).map(|i| User::new(format!("p{page}-{i}"))).collect();
        Ok(Page::new(users, next))
    }

    async fn fetch_user(&self, id: &str, _options: &GetUser) -> Result<User> {
        Ok(User::new(id))
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_announced_next_page_is_fetched_while_the_current_one_decodes() {
    let dir = Arc::new(Announcing {
        pages: 4,
        ..Announcing::default()
    });
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 40);
    assert_eq!(users[10].id, "p1-0", "in order");
    let log = dir.log.lock().unwrap().clone();
    assert!(
        dir.when("start 1").unwrap() < dir.when("end 0").unwrap(),
        "page 1 started before page 0 ended: {log:?}"
    );
    assert_eq!(
        log.iter().filter(|e| e.starts_with("start")).count(),
        4,
        "{log:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_announced_next_page_goes_out_while_a_decode_holds_its_worker() {
    let dir = Arc::new(Announcing {
        pages: 4,
        decode_holds_the_worker: true,
        ..Announcing::default()
    });
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    assert_eq!(users.len(), 40);
    for page in 0..3 {
        let (next_started, ended) = (
            dir.when(&format!("start {}", page + 1)).unwrap(),
            dir.when(&format!("end {page}")).unwrap(),
        );
        assert!(
            next_started < ended,
            "page {} started before page {page} ended: {:?}",
            page + 1,
            dir.log.lock().unwrap()
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_announcement_is_dropped_and_the_page_own_next_followed() {
    let dir = Arc::new(Announcing {
        pages: 3,
        announce_wrong: true,
        ..Announcing::default()
    });
    let users = dir.collect_users(ListUsers::new()).await.unwrap();
    let ids: Vec<_> = users.iter().map(|u| u.id.clone()).collect();
    assert_eq!(ids.len(), 30, "every user once: {ids:?}");
    assert_eq!(ids[29], "p2-9");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_is_announced_to_listings_that_stop_early_or_do_not_prefetch() {
    for options in [
        ListUsers::new().max_users(15),
        ListUsers::new().prefetch(false),
    ] {
        let dir = Arc::new(Announcing {
            pages: 4,
            ..Announcing::default()
        });
        let _ = dir.collect_users(options).await.unwrap();
        assert!(
            dir.when("start 1") > dir.when("end 0"),
            "{:?}",
            dir.log.lock().unwrap()
        );
    }
}
