//! The shared scenarios. Each takes a [`Simulator`], starts its own server, and panics
//! with a message naming what went wrong.
//!
//! Not every scenario applies to every integration: [`applies`] says which do, from the
//! integration's capabilities and what its simulator declares. The runner
//! ([`super::runner`]) reports a scenario that does not apply as ignored, with the reason;
//! called directly (as `conformance_tests!` does), a scenario that does not apply because
//! the operation is missing checks instead that the operation is refused before anything
//! is sent, and panics on any other reason.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, missing_docs)]

use std::collections::HashSet;
use std::time::Duration;

use futures::StreamExt;

use super::fault_server::{FaultPlan, FaultServer};
use super::sim::{Fault, IdLocation, Route, SimServer, Simulator};
use crate::UserDirectoryExt;
use crate::{ErrorKind, Operation};
use crate::{Filter, ListUsers};
use crate::{User, UserField};

const USERS: usize = 25;

/// Why a scenario does not apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotApplicable {
    /// The integration does not support this operation.
    Missing(Operation),
    /// Another reason.
    Because(String),
}

impl std::fmt::Display for NotApplicable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotApplicable::Missing(op) => write!(f, "the integration does not support {op}"),
            NotApplicable::Because(why) => f.write_str(why),
        }
    }
}

/// Every shared scenario, by name.
pub const ALL: &[&str] = &[
    "lists_every_user_across_pages",
    "gets_one_user",
    "updates_a_user",
    "unauthenticated_is_not_retried",
    "not_found_is_typed",
    "rate_limit_waits_for_retry_after",
    "reset_header_waits_when_no_retry_after",
    "server_error_then_success",
    "malformed_body_is_a_decode_error",
    "repeated_cursor_ends_the_listing",
    "remote_query_is_passed_through",
    "exclude_fields_and_remote_data",
    "raw_format_keeps_the_record",
    "resumes_from_a_cursor",
    "hostile_ids_stay_one_segment",
    "validates_before_sending",
    "page_level_listing_round_trips_cursor",
    "exactly_once_through_faults",
    "next_links_to_another_origin_are_refused",
    "interrupted_updates_are_retried_only_when_idempotent",
    "credential_alternatives_are_resolved",
];

/// Whether `scenario` applies to `sim`'s integration.
pub fn applies(scenario: &str, sim: &dyn Simulator) -> Result<(), NotApplicable> {
    let i = sim.integration();
    let because = |why: &str| Err(NotApplicable::Because(why.to_owned()));
    let list = || {
        if i.list.is_none() {
            Err(NotApplicable::Missing(Operation::List))
        } else {
            Ok(())
        }
    };
    let paged = || {
        list()?;
        if i.list == Some(crate::PaginationStyle::Single) {
            return because("the provider answers every user in one response");
        }
        Ok(())
    };
    match scenario {
        "gets_one_user" | "not_found_is_typed" | "hostile_ids_stay_one_segment" => {
            if i.get {
                Ok(())
            } else {
                Err(NotApplicable::Missing(Operation::Get))
            }
        }
        "updates_a_user" => {
            if !i.update {
                return Err(NotApplicable::Missing(Operation::Update));
            }
            match sim.update_unavailable() {
                Some(why) => because(why),
                None => Ok(()),
            }
        }
        "interrupted_updates_are_retried_only_when_idempotent" => {
            if !i.update {
                return Err(NotApplicable::Missing(Operation::Update));
            }
            if sim.update_unavailable().is_some() || sim.update_options().is_none() {
                return because("the simulator has no update case");
            }
            match sim.update_is_idempotent() {
                Some(_) => Ok(()),
                None => because("the simulator does not say whether its update is idempotent"),
            }
        }
        "lists_every_user_across_pages"
        | "rate_limit_waits_for_retry_after"
        | "repeated_cursor_ends_the_listing"
        | "resumes_from_a_cursor"
        | "exactly_once_through_faults" => paged(),
        "reset_header_waits_when_no_retry_after" => {
            paged()?;
            match sim.rate_limit_headers() {
                None => because("the simulator declares no rate-limit headers"),
                Some(h) if h.reset.eq_ignore_ascii_case("retry-after") => {
                    because("the provider's only reset is Retry-After")
                }
                Some(_) => Ok(()),
            }
        }
        "next_links_to_another_origin_are_refused" => {
            paged()?;
            if !matches!(
                i.list,
                Some(crate::PaginationStyle::NextUrl | crate::PaginationStyle::LinkHeader)
            ) {
                return because("the provider does not page by next-page URLs");
            }
            if sim
                .with_next_url(super::sim::SimResponse::empty(200), "http://x.test/")
                .is_none()
            {
                return because("the simulator cannot hand out a next-page URL");
            }
            Ok(())
        }
        "credential_alternatives_are_resolved" => {
            if i.credentials.is_empty() {
                because("the integration takes no credentials")
            } else {
                Ok(())
            }
        }
        _ => list(),
    }
}

/// What a scenario does when called for an integration it does not apply to: a missing
/// operation must be refused before anything is sent; any other reason is a misuse.
async fn not_applicable(sim: impl Simulator, why: NotApplicable) {
    let NotApplicable::Missing(op) = why else {
        panic!("this scenario does not apply: {why}; leave it out (the runner does)");
    };
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let err = match op {
        Operation::List => dir.collect_users(ListUsers::new()).await.map(|_| ()),
        Operation::Get => dir
            .get_user("u-1", server.sim().get_options())
            .await
            .map(|_| ()),
        _ => dir
            .update_user(
                "u-1",
                crate::UpdateUser::new().status(crate::UserStatus::Inactive),
            )
            .await
            .map(|_| ()),
    }
    .expect_err("an operation the integration does not support was accepted");
    assert_eq!(err.kind(), ErrorKind::Unsupported, "{err}");
    assert!(
        server.requests().await.is_empty(),
        "an unsupported operation sent a request"
    );
}

macro_rules! applies_or_return {
    ($name:literal, $sim:ident) => {
        if let Err(why) = applies($name, &$sim) {
            return not_applicable($sim, why).await;
        }
    };
}

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
    applies_or_return!("lists_every_user_across_pages", sim);
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
    applies_or_return!("gets_one_user", sim);
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let id = server.ids()[7].clone();
    let user = dir.get_user(&id, server.sim().get_options()).await.unwrap();
    assert_eq!(user.id, id);
    assert_eq!(
        user.remote_data.unwrap().to_value(),
        server.record(&id).unwrap()
    );
}

pub async fn updates_a_user(sim: impl Simulator) {
    applies_or_return!("updates_a_user", sim);
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let update = server
        .sim()
        .update_options()
        .expect("the integration updates but the simulator has no update case");
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
    applies_or_return!("unauthenticated_is_not_retried", sim);
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
    // A grant's token is renewed once after a 401; nothing more.
    let allowed = if server.sim().refreshes_credentials() {
        2
    } else {
        1
    };
    assert_eq!(
        server.requests().await.len(),
        allowed,
        "a 401 must not be retried"
    );
}

pub async fn not_found_is_typed(sim: impl Simulator) {
    applies_or_return!("not_found_is_typed", sim);
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
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
    applies_or_return!("rate_limit_waits_for_retry_after", sim);
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
    applies_or_return!("server_error_then_success", sim);
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
    applies_or_return!("malformed_body_is_a_decode_error", sim);
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
    applies_or_return!("repeated_cursor_ends_the_listing", sim);
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
    applies_or_return!("remote_query_is_passed_through", sim);
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
    applies_or_return!("exclude_fields_and_remote_data", sim);
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
    applies_or_return!("raw_format_keeps_the_record", sim);
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
    applies_or_return!("resumes_from_a_cursor", sim);
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
    applies_or_return!("hostile_ids_stay_one_segment", sim);
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
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
        match server.sim().id_location() {
            location @ (IdLocation::PathSegment | IdLocation::PathSegmentAt { .. }) => {
                let (from_end, prefix, suffix) = match location {
                    IdLocation::PathSegmentAt {
                        from_end,
                        prefix,
                        suffix,
                    } => (from_end, prefix, suffix),
                    _ => (0, "", ""),
                };
                let segments = req.segments();
                let at = segments.len().checked_sub(1 + from_end);
                assert_eq!(
                    at.and_then(|i| segments.get(i))
                        .and_then(|s| s.strip_prefix(prefix)?.strip_suffix(suffix)),
                    Some(id),
                    "id {id:?} became path {}",
                    req.path
                );
                assert!(req.query.is_empty() || !req.query.iter().any(|(k, _)| k.contains(id)));
            }
            IdLocation::Query(name) => {
                let values: Vec<&str> = req
                    .query
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
                    .collect();
                assert_eq!(values, [id], "id {id:?} became {:?}", req.query);
                assert!(
                    !req.path.contains(
                        &percent_encoding::utf8_percent_encode(
                            id,
                            percent_encoding::NON_ALPHANUMERIC
                        )
                        .to_string()
                    ),
                    "id {id:?} reached the path {}",
                    req.path
                );
            }
            IdLocation::Body => {
                let body = String::from_utf8_lossy(&req.body);
                let quoted = serde_json::to_string(id).unwrap();
                assert!(
                    body.contains(&quoted),
                    "id {id:?} is not one JSON string in {body}"
                );
            }
        }
    }
}

/// A throttled response without `Retry-After` but with the provider's own reset header:
/// the client waits until that reset.
pub async fn reset_header_waits_when_no_retry_after(sim: impl Simulator) {
    applies_or_return!("reset_header_waits_when_no_retry_after", sim);
    let headers = sim.rate_limit_headers().expect("declared");
    let server = SimServer::start(sim, USERS).await;
    let reset_at = crate::provider::Clock::now(server.clock()) + chrono::Duration::seconds(9);
    let value = match headers.reset_format {
        crate::provider::http::ResetFormat::EpochSeconds => reset_at.timestamp().to_string(),
        crate::provider::http::ResetFormat::EpochMillis => reset_at.timestamp_millis().to_string(),
        crate::provider::http::ResetFormat::DeltaSeconds => "9".to_owned(),
        _ => reset_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    };
    let throttled = server
        .sim()
        .error(429, "slow down")
        .header(headers.reset, value)
        .header(headers.remaining, "0");
    server.script_list([None, Some(Fault::Replay(throttled))]);
    let dir = server.connect();
    let users = dir.collect_users(list_options(server.sim())).await.unwrap();
    assert_exactly_once(&ids(&users), &server.ids());
    let waited = server.clock().total_slept();
    assert!(
        waited >= Duration::from_secs(8),
        "the client did not wait for the reset header ({waited:?})"
    );
}

/// A next-page URL on another origin is not followed: credentials never travel there.
pub async fn next_links_to_another_origin_are_refused(sim: impl Simulator) {
    applies_or_return!("next_links_to_another_origin_are_refused", sim);
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    // The first page, as the provider serves it, with its next link pointing elsewhere.
    let first = server.first_list_response(list_options(server.sim())).await;
    let foreign = server
        .sim()
        .with_next_url(first, "https://elsewhere.example/users?page=2")
        .expect("declared");
    server.script_list([Some(Fault::Replay(foreign))]);
    let items: Vec<_> = dir.list_users(list_options(server.sim())).collect().await;
    let err = items
        .last()
        .unwrap()
        .as_ref()
        .expect_err("a next link to another origin must end the listing with an error");
    assert_eq!(err.kind(), ErrorKind::Provider, "{err}");
    assert!(err.to_string().contains("another origin"), "{err}");
    assert_eq!(
        server.list_requests().await.len(),
        2,
        "only the probe and the first page reached the provider"
    );
}

/// An update whose response never arrives is retried when the integration declares its
/// update idempotent, and otherwise reported as `OutcomeUnknown` without a second try.
pub async fn interrupted_updates_are_retried_only_when_idempotent(sim: impl Simulator) {
    applies_or_return!("interrupted_updates_are_retried_only_when_idempotent", sim);
    let idempotent = sim.update_is_idempotent().expect("declared");
    let server = SimServer::start(sim, USERS).await;
    let dir = server.connect();
    let id = server.ids()[2].clone();
    server.script_updates([Some(Fault::Status(503, None))]);
    let update = server.sim().update_options().expect("an update case");
    let result = dir.update_user(&id, update).await;
    let updates = server
        .requests()
        .await
        .into_iter()
        .filter(|r| matches!(server.sim().route(r), Some(Route::Update(_))))
        .count();
    if idempotent {
        let user = result.expect("an idempotent update is retried after a 503");
        server.sim().check_updated(&user);
        assert_eq!(updates, 2, "one failed attempt and one retry");
    } else {
        let err = result.expect_err("a write that may have applied is not replayed");
        assert_eq!(err.kind(), ErrorKind::OutcomeUnknown, "{err}");
        assert_eq!(updates, 1, "the update was sent again");
    }
}

/// Each declared credential alternative connects alone; two at once, or none, is a
/// configuration error naming the keys; no secret shows in `Debug`.
pub async fn credential_alternatives_are_resolved(sim: impl Simulator) {
    applies_or_return!("credential_alternatives_are_resolved", sim);
    let integration = sim.integration();
    let base = sim.config("http://127.0.0.1:9");
    let credential_keys: Vec<&str> = integration
        .credentials
        .iter()
        .flat_map(|c| c.scheme.keys())
        .collect();
    let without_credentials = base
        .keys()
        .filter(|k| !credential_keys.contains(k))
        .filter_map(|k| base.get(k).map(|v| (k.to_owned(), v.to_owned())))
        .collect::<Vec<_>>();
    let bare: crate::Config = without_credentials.iter().cloned().collect();
    let secret = "S3cr3t-alternative-0042";
    let with = |credential: &crate::provider::Credential, config: crate::Config| {
        let mut config = config;
        for key in credential.scheme.keys() {
            let value = match integration.config_key(key) {
                Some(k) if k.secret => secret.to_owned(),
                _ => base
                    .get(key)
                    .map(str::to_owned)
                    .unwrap_or_else(|| super::test_value(key)),
            };
            config.insert(key, value);
        }
        config
    };
    for credential in integration.credentials {
        // Keys its base URL or token endpoint needs beyond the credential's own.
        let mut config = with(credential, bare.clone());
        for template in [credential.base_url]
            .into_iter()
            .flatten()
            .chain(match credential.scheme {
                crate::provider::Scheme::ClientCredentials { token_url, .. } => Some(token_url),
                _ => None,
            })
        {
            for key in crate::wire::placeholders(template) {
                if config.get(key).is_none() && integration.config_key(key).is_some() {
                    config.insert(key, super::test_value(key));
                }
            }
        }
        // Service accounts need a real key; their grant is tested on its own.
        if matches!(
            credential.scheme,
            crate::provider::Scheme::ServiceAccount { .. }
                | crate::provider::Scheme::ServiceAccountKey { .. }
        ) {
            continue;
        }
        let dir = sim.connect(&config).unwrap_or_else(|e| {
            panic!("{:?} alone did not connect: {e}", credential.scheme.keys())
        });
        assert!(
            !format!("{dir:?}").contains(secret),
            "a secret shows in Debug"
        );
    }
    if integration.credentials.len() > 1 {
        let both = with(
            &integration.credentials[1],
            with(&integration.credentials[0], bare.clone()),
        );
        let err = sim
            .connect(&both)
            .expect_err("two credentials at once were accepted");
        assert_eq!(err.kind(), ErrorKind::Config, "{err}");
        assert!(err.to_string().contains("not both"), "{err}");
        assert!(!err.to_string().contains(secret));
    }
    let err = sim.connect(&bare).expect_err("no credential was accepted");
    assert_eq!(err.kind(), ErrorKind::Config, "{err}");
    for credential in integration.credentials {
        if let Some(key) = credential.scheme.keys().first() {
            assert!(err.to_string().contains(key), "`{key}` is not named: {err}");
        }
    }
}

pub async fn validates_before_sending(sim: impl Simulator) {
    applies_or_return!("validates_before_sending", sim);
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
    applies_or_return!("page_level_listing_round_trips_cursor", sim);
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

/// `faults_users` users (10,000 by default) through ~10 % injected faults: every user
/// exactly once. Then a permanent fault halfway: the error's cursor resumes the rest,
/// nothing lost or repeated.
pub async fn exactly_once_through_faults(sim: impl Simulator) {
    applies_or_return!("exactly_once_through_faults", sim);
    let n = sim.faults_users();
    let server = FaultServer::start(sim, n, FaultPlan::default())
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
                    if pages_seen == n / 40 {
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
