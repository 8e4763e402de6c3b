//! The shared scenarios. Each takes a [`Simulator`], starts its own server, and panics
//! with a message naming what went wrong.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::HashSet;
use std::time::Duration;

use futures::StreamExt;

use super::fault_server::{FaultPlan, FaultServer};
use super::sim::{Fault, Route, SimServer, Simulator};
use crate::UserDirectoryExt;
use crate::{ErrorKind, Operation};
use crate::{Filter, ListUsers};
use crate::{User, UserField};

const USERS: usize = 25;

fn ids(users: &[User]) -> Vec<String> {
    users.iter().map(|u| u.id.clone()).collect()
}

fn list_options(sim: &dyn Simulator) -> ListUsers {
    sim.list_options().limit(sim.page_size_for_tests())
}

fn assert_exactly_once(got: &[String], expected: &[String]) {
    let unique: HashSet<&String> = got.iter().collect();
    assert_eq!(unique.len(), got.len(), "a user was yielded twice");
    assert_eq!(got, expected, "users lost, repeated or out of order");
}

pub async fn lists_every_user_across_pages(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let users = dir.collect_users(list_options(server.sim())).await.unwrap();
    assert_exactly_once(&ids(&users), &server.ids());
    for user in &users {
        assert!(
            user.remote_data.is_some(),
            "user {} has no remote_data",
            user.id
        );
        let record = server.record(&user.id).unwrap();
        assert_eq!(
            user.remote_data.as_ref().unwrap().to_value(),
            record,
            "remote_data is not the provider's record"
        );
    }
    let lists = server.list_requests().await;
    assert!(
        lists.len() >= 3,
        "expected at least 3 page requests, saw {}",
        lists.len()
    );
}

pub async fn gets_one_user(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    if !dir.integration().get {
        return;
    }
    let id = server.ids()[7].clone();
    let user = dir.get_user(&id, server.sim().get_options()).await.unwrap();
    assert_eq!(user.id, id);
    assert_eq!(
        user.remote_data.unwrap().to_value(),
        server.record(&id).unwrap()
    );
}

pub async fn updates_a_user(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let Some(update) = server.sim().update_options() else {
        assert!(
            !dir.integration().update,
            "the integration updates but the simulator has no update case"
        );
        return;
    };
    let id = server.ids()[3].clone();
    let user = dir.update_user(&id, update).await.unwrap();
    assert_eq!(user.id, id);
    server.sim().check_updated(&user);
    if dir.integration().get {
        let read_back = dir.get_user(&id, server.sim().get_options()).await.unwrap();
        server.sim().check_updated(&read_back);
    }
    let updates: Vec<_> = server
        .requests()
        .await
        .into_iter()
        .filter(|r| matches!(server.sim().route(r), Some(Route::Update(_))))
        .collect();
    assert!(
        !updates.is_empty(),
        "no update request reached the provider"
    );
}

pub async fn unauthenticated_is_not_retried(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    server.fail_everything(Fault::Status(401, None));
    let dir = server.connect();
    let err = dir
        .collect_users(list_options(server.sim()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Unauthenticated, "{err}");
    assert_eq!(err.status(), Some(401));
    assert!(!err.is_retryable());
    assert_eq!(err.operation(), Some(Operation::List));
    assert_eq!(err.provider(), Some(dir.integration().slug));
    assert_eq!(
        server.requests().await.len(),
        1,
        "a 401 must not be retried"
    );
}

pub async fn not_found_is_typed(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    if !dir.integration().get {
        return;
    }
    let err = dir
        .get_user("no-such-user-123", server.sim().get_options())
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound, "{err}");
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.operation(), Some(Operation::Get));
    assert!(err.to_string().contains(dir.integration().slug), "{err}");
    assert_eq!(
        server.requests().await.len(),
        1,
        "a 404 must not be retried"
    );
}

pub async fn rate_limit_waits_for_retry_after(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    server.script_list([None, Some(Fault::Status(429, Some(7)))]);
    let dir = server.connect();
    let users = dir.collect_users(list_options(server.sim())).await.unwrap();
    assert_exactly_once(&ids(&users), &server.ids());
    let waited = server.clock().sleeps();
    assert!(
        waited.iter().any(|d| *d >= Duration::from_secs(7)),
        "the client did not wait the 7 s the server asked for: {waited:?}"
    );
}

pub async fn server_error_then_success(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    server.script_list([
        Some(Fault::Status(503, None)),
        Some(Fault::Status(500, None)),
    ]);
    let dir = server.connect();
    let users = dir.collect_users(list_options(server.sim())).await.unwrap();
    assert_exactly_once(&ids(&users), &server.ids());
    assert_eq!(server.clock().sleeps().len(), 2, "expected two backoffs");
}

pub async fn malformed_body_is_a_decode_error(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    server.script_list([Some(Fault::Malformed)]);
    let dir = server.connect();
    let err = dir
        .collect_users(list_options(server.sim()))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode, "{err}");
    assert_eq!(err.provider(), Some(dir.integration().slug));
    assert!(
        err.resume_cursor().is_some(),
        "a failed listing must carry its resume cursor"
    );
}

pub async fn repeated_cursor_ends_the_listing(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    // The second page is served again for every later list request: its "next" repeats.
    server.script_list([None, Some(Fault::ReplayFromNow)]);
    let dir = server.connect();
    let stream = dir.list_users(list_options(server.sim()));
    let outcome = tokio::time::timeout(Duration::from_secs(20), stream.collect::<Vec<_>>()).await;
    let items = outcome.expect("the listing did not end on a repeated cursor");
    assert!(items.len() <= 3 * USERS, "the listing kept paging");
    let last = items.last().expect("the listing yielded nothing");
    let err = last
        .as_ref()
        .expect_err("a provider that repeats its pages must end the listing with an error");
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    let users: Vec<&str> = items
        .iter()
        .filter_map(|i| i.as_ref().ok())
        .map(|u| u.id.as_str())
        .collect();
    let unique: HashSet<&&str> = users.iter().collect();
    assert_eq!(unique.len(), users.len(), "a user was yielded twice");
    let lists = server.list_requests().await.len();
    assert!(
        lists <= 4,
        "expected the engine to stop after the repeat, saw {lists} list requests"
    );
}

pub async fn remote_query_is_passed_through(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let options = list_options(server.sim()).remote_query("truto_probe", "a b&c");
    dir.collect_users(options).await.unwrap();
    let first = &server.list_requests().await[0];
    assert_eq!(
        first.query_param("truto_probe"),
        Some("a b&c"),
        "remote_query was not passed through: {:?}",
        first.query
    );
}

pub async fn exclude_fields_and_remote_data(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let options = list_options(server.sim())
        .exclude_fields([UserField::Emails, UserField::Name])
        .ignore_remote_data(true);
    let users = dir.collect_users(options).await.unwrap();
    assert_eq!(users.len(), USERS);
    for u in &users {
        assert!(
            u.emails.is_empty() && u.name.is_none() && u.remote_data.is_none(),
            "{u:?}"
        );
    }
}

pub async fn raw_format_keeps_the_record(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let options = list_options(server.sim()).response_format(crate::ResponseFormat::Raw);
    let users = dir.collect_users(options).await.unwrap();
    for u in &users {
        let expected = User {
            id: u.id.clone(),
            remote_data: u.remote_data.clone(),
            ..User::default()
        };
        assert_eq!(u, &expected, "raw users carry only id and remote_data");
        assert_eq!(
            u.remote_data.as_ref().unwrap().to_value(),
            server.record(&u.id).unwrap()
        );
    }
}

pub async fn resumes_from_a_cursor(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    server.fail_lists_from(2, Fault::Status(500, None));
    let dir = server.connect();
    let mut stream = dir.list_users(list_options(server.sim()));
    let mut got = Vec::new();
    let cursor = loop {
        match stream.next().await {
            Some(Ok(u)) => got.push(u.id),
            Some(Err(e)) => {
                assert_eq!(e.kind(), ErrorKind::Provider, "{e}");
                break e
                    .resume_cursor()
                    .cloned()
                    .expect("no resume cursor on a failed listing");
            }
            None => panic!("the listing should have failed"),
        }
    };
    assert!(
        stream.next().await.is_none(),
        "the stream must end after its error"
    );
    assert!(!got.is_empty() && got.len() < USERS);
    server.heal();
    // A new client, as if in another process, resumes from the cursor's text.
    let cursor = crate::Cursor::from_text(cursor.as_str().to_owned());
    let dir = server.connect();
    let rest = dir
        .collect_users(list_options(server.sim()).next_cursor(cursor))
        .await
        .unwrap();
    got.extend(ids(&rest));
    assert_exactly_once(&got, &server.ids());
}

pub async fn hostile_ids_stay_one_segment(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    if !dir.integration().get {
        return;
    }
    for id in [".", "..", ""] {
        let err = dir
            .get_user(id, server.sim().get_options())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "id {id:?}: {err}");
    }
    assert!(
        server.requests().await.is_empty(),
        "a dot id must never reach the server"
    );
    for id in ["../x", "a/b", "?", "#", "..%2F", "ü ñ/%2F", "x?y=1#z"] {
        let err = dir
            .get_user(id, server.sim().get_options())
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound, "id {id:?}: {err}");
        let req = server.requests().await.pop().unwrap();
        assert_eq!(
            req.last_segment().as_deref(),
            Some(id),
            "id {id:?} became path {}",
            req.path
        );
        assert!(req.query.is_empty() || !req.query.iter().any(|(k, _)| k.contains(id)));
    }
}

pub async fn validates_before_sending(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let integration = dir.integration();
    if let Some(filter) = Filter::ALL
        .iter()
        .find(|f| !integration.supports_filter(**f))
    {
        let err = dir
            .collect_users(list_options(server.sim()).filter(*filter, "x"))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    }
    for name in integration.required_list {
        let err = dir.collect_users(ListUsers::new()).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::MissingParameter, "{name}: {err}");
    }
    if !integration.update {
        let err = dir
            .update_user(
                "1",
                crate::UpdateUser::new().status(crate::UserStatus::Inactive),
            )
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
    } else if !integration.open_params {
        let mut body = crate::UserUpdate::default();
        body.extra
            .insert("not_a_field_anyone_updates".into(), serde_json::json!(1));
        let err = dir
            .update_user("1", crate::UpdateUser::new().body(body))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsupported);
    }
    let err = dir
        .collect_users(list_options(server.sim()).next_cursor(crate::Cursor::new(
            "some_other_integration",
            &crate::provider::Position::Offset(10),
        )))
        .await
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
    assert!(
        server.requests().await.is_empty(),
        "a refused call sent a request"
    );
}

pub async fn page_level_listing_round_trips_cursor(sim: impl Simulator) {
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let mut got = Vec::new();
    let mut options = list_options(server.sim());
    let mut pages = 0;
    loop {
        let page = dir.list_users_page(options.clone()).await.unwrap();
        pages += 1;
        got.extend(ids(&page.users));
        match page.next_cursor {
            Some(c) => {
                let text = serde_json::to_string(&c).unwrap();
                options = options.next_cursor(serde_json::from_str(&text).unwrap());
            }
            None => break,
        }
        assert!(pages < 100, "page-level listing did not end");
    }
    assert_exactly_once(&got, &server.ids());
}

/// 10,000 users through ~10 % injected faults: every user exactly once. Then a permanent
/// fault mid-listing: the error's cursor resumes the rest, nothing lost or repeated.
pub async fn exactly_once_through_faults(sim: impl Simulator) {
    const N: usize = 10_000;
    let server = FaultServer::start(sim, N, FaultPlan::default())
        .await
        .unwrap();
    let clock = super::TestClock::new();
    let sim = server.simulator();
    let config = sim
        .config(&server.uri())
        .set("max_attempts", "6")
        .with_clock(clock.shared());
    let dir = sim.connect(&config).unwrap();
    // Small pages make many requests, so every kind of fault is injected.
    let options = sim.list_options().limit(20);
    let users = dir.collect_users(options.clone()).await.unwrap();
    let got = ids(&users);
    let expected = server.ids();
    let unique: HashSet<&String> = got.iter().collect();
    let stats = server.stats();
    eprintln!(
        "exactly-once: {} users listed, {} unique, {} expected; {} requests, {} faults injected ({} 429, {} 5xx, {} dropped, {} truncated); duplicates {}, losses {}",
        got.len(),
        unique.len(),
        expected.len(),
        stats.requests,
        stats.faults(),
        stats.throttled,
        stats.server_errors,
        stats.dropped,
        stats.truncated,
        got.len() - unique.len(),
        expected.len().saturating_sub(unique.len()),
    );
    assert!(
        stats.throttled > 0 && stats.server_errors > 0 && stats.dropped > 0 && stats.truncated > 0,
        "every kind of fault must be injected to prove anything: {stats:?}"
    );
    assert_exactly_once(&got, &expected);

    // The same through faults with pages fetched ahead (offset and SCIM providers request
    // several at once; for the others it changes nothing).
    let users = dir
        .collect_users(options.clone().page_concurrency(4))
        .await
        .unwrap();
    assert_exactly_once(&ids(&users), &expected);

    // A permanent fault from the 30th page on: the stream ends with a cursor.
    let mut stream = dir.list_users(options.clone());
    let mut got = Vec::new();
    let mut pages_seen = 0usize;
    let cursor = loop {
        match stream.next().await {
            Some(Ok(u)) => {
                if got.len() % 20 == 0 {
                    pages_seen += 1;
                    if pages_seen == 150 {
                        server.fail_lists(true);
                    }
                }
                got.push(u.id);
            }
            Some(Err(e)) => break e.resume_cursor().cloned().expect("no resume cursor"),
            None => panic!("the permanent fault did not end the listing"),
        }
    };
    server.fail_lists(false);
    let rest = dir
        .collect_users(options.next_cursor(cursor))
        .await
        .unwrap();
    let first_part = got.len();
    got.extend(ids(&rest));
    eprintln!(
        "resume: {} users before the permanent fault, {} after resuming, {} in all of {}",
        first_part,
        rest.len(),
        got.len(),
        expected.len()
    );
    assert_exactly_once(&got, &expected);
}
