//! The conformance runner: a test harness (`harness = false`) that runs, for each
//! integration, the shared scenarios that apply to it — a scenario that does not apply is
//! reported as ignored with the reason, never counted as a pass — and, for each spec, its
//! lint and the requests its fixture expects.
//!
//! ```no_run
//! // tests/conformance.rs of a family crate, with `harness = false` in Cargo.toml:
//! fn main() {
//!     let dir = env!("CARGO_MANIFEST_DIR");
//!     let mut trials = Vec::new();
//!     for spec in my_family::SPECS {
//!         trials.extend(truto_core::testing::runner::spec_trials(spec, dir));
//!     }
//!     truto_core::testing::runner::run(trials);
//! }
//! # mod my_family { pub static SPECS: &[&truto_core::provider::declarative::Spec] = &[]; }
//! ```

use std::collections::BTreeMap;
use std::path::Path as FsPath;
use std::str::FromStr;

use futures::future::BoxFuture;
pub use libtest_mimic::{Completion, Failed, Trial};
use serde_json::Value;

use super::fixture::{ExpectedRequest, Fixture, RequestCase, load_fixture};
use super::lint::lint;
use super::scenarios::{self, ALL, NotApplicable, applies};
use super::sim::{SimRequest, SimServer, Simulator};
use super::spec_sim::SpecSim;
use crate::ext::UserDirectoryExt;
use crate::filter::Filter;
use crate::provider::declarative::Spec;
use crate::query::{GetUser, ListUsers, UpdateUser, UserUpdate};

/// Runs `trials` as the test binary's harness and exits with its outcome.
pub fn run(trials: Vec<Trial>) -> ! {
    let args = libtest_mimic::Arguments::from_args();
    libtest_mimic::run(&args, trials).exit()
}

fn block_on(future: BoxFuture<'static, ()>) -> Result<(), Failed> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Failed::from(format!("no runtime: {e}")))?;
    runtime.block_on(future);
    Ok(())
}

macro_rules! dispatch {
    ($name:expr, $sim:expr; $($scenario:ident),* $(,)?) => {
        match $name {
            $(stringify!($scenario) => Box::pin(scenarios::$scenario($sim)) as BoxFuture<'static, ()>,)*
            other => Box::pin(async move { panic!("no scenario `{other}`") }),
        }
    };
}

fn scenario<S: Simulator + Clone>(name: &'static str, sim: S) -> BoxFuture<'static, ()> {
    dispatch!(name, sim;
        lists_every_user_across_pages,
        gets_one_user,
        updates_a_user,
        unauthenticated_is_not_retried,
        not_found_is_typed,
        rate_limit_waits_for_retry_after,
        reset_header_waits_when_no_retry_after,
        server_error_then_success,
        malformed_body_is_a_decode_error,
        repeated_cursor_ends_the_listing,
        remote_query_is_passed_through,
        exclude_fields_and_remote_data,
        raw_format_keeps_the_record,
        resumes_from_a_cursor,
        hostile_ids_stay_one_segment,
        validates_before_sending,
        page_level_listing_round_trips_cursor,
        exactly_once_through_faults,
        next_links_to_another_origin_are_refused,
        interrupted_updates_are_retried_only_when_idempotent,
        credential_alternatives_are_resolved,
    )
}

/// One trial per shared scenario for `sim`, named `<prefix>::<scenario>`. A scenario that
/// does not apply, or that `except` names (with the reason), is ignored with its reason.
pub fn scenario_trials<S: Simulator + Clone>(
    prefix: &str,
    sim: S,
    except: &[(&'static str, &'static str)],
) -> Vec<Trial> {
    ALL.iter()
        .map(|&name| {
            let label = format!("{prefix}::{name}");
            let excepted = except.iter().find(|(n, _)| *n == name).map(|(_, why)| *why);
            let verdict = match excepted {
                Some(why) => Err(why.to_owned()),
                None => applies(name, &sim).map_err(|e| match e {
                    NotApplicable::Missing(op) => format!("does not apply: no {op}"),
                    NotApplicable::Because(why) => format!("does not apply: {why}"),
                }),
            };
            match verdict {
                Err(why) => Trial::ignorable_test(label, move || Ok(Completion::ignored_with(why))),
                Ok(()) => {
                    let sim = sim.clone();
                    Trial::test(label, move || block_on(scenario(name, sim)))
                }
            }
        })
        .collect()
}

/// Every trial of a spec: its lint, the requests its fixture expects, and the shared
/// scenarios against a simulator generated from it. The fixture is
/// `<crate_dir>/tests/fixtures/<slug>.json`; the module docs are read from
/// `<crate_dir>/src/<slug>.rs` when it exists.
pub fn spec_trials(spec: &'static Spec, crate_dir: &str) -> Vec<Trial> {
    let slug = spec.integration.slug;
    let dir = FsPath::new(crate_dir);
    let fixture = load_fixture(&dir.join("tests/fixtures"), slug);
    let source = std::fs::read_to_string(dir.join(format!("src/{slug}.rs"))).ok();
    let mut trials = Vec::new();
    {
        let fixture = fixture.clone();
        trials.push(Trial::test(format!("{slug}::lint"), move || {
            let problems = lint(spec, &fixture, source.as_deref());
            if problems.is_empty() {
                Ok(())
            } else {
                Err(Failed::from(format!(
                    "{} problem(s):\n- {}",
                    problems.len(),
                    problems.join("\n- ")
                )))
            }
        }));
    }
    if fixture.requests.is_empty() && spec.integration.is_direct() {
        trials.push(Trial::test(format!("{slug}::requests"), || {
            Err(Failed::from(
                "the fixture asserts no request (`requests`): say what each operation sends",
            ))
        }));
    }
    for (name, case) in fixture.requests.clone() {
        let fixture = fixture.clone();
        trials.push(Trial::test(
            format!("{slug}::requests::{name}"),
            move || {
                let result = std::sync::Arc::new(std::sync::Mutex::new(None));
                let out = std::sync::Arc::clone(&result);
                block_on(Box::pin(async move {
                    let outcome = check_request(spec, fixture, &name, case).await;
                    *out.lock().unwrap_or_else(|p| p.into_inner()) = Some(outcome);
                }))?;
                let outcome = result.lock().unwrap_or_else(|p| p.into_inner()).take();
                outcome
                    .unwrap_or_else(|| Err("the check did not run".to_owned()))
                    .map_err(Failed::from)
            },
        ));
    }
    trials.extend(scenario_trials(slug, SpecSim::new(spec, fixture), &[]));
    trials
}

/// Sends one operation of `case` to a simulator of `spec` and compares the request it
/// received with the expected one.
async fn check_request(
    spec: &'static Spec,
    fixture: Fixture,
    name: &str,
    case: RequestCase,
) -> Result<(), String> {
    let records = fixture.records.len();
    let sim = SpecSim::new(spec, fixture).verbatim();
    let server = SimServer::start(sim.clone(), records).await;
    let dir = server.connect();
    let first_id = server.ids().first().cloned().unwrap_or_default();
    let id = case.id.clone().unwrap_or(first_id);
    let with_params = |mut params: BTreeMap<String, String>| {
        for (k, v) in &sim.fixture().params {
            params.entry(k.clone()).or_insert_with(|| v.clone());
        }
        params
    };
    if name.starts_with("list") || name.starts_with("find") {
        let mut options = ListUsers::new();
        for (k, v) in with_params(case.params.clone()) {
            options = options.param(k, v);
        }
        for (k, v) in &case.filters {
            let filter = Filter::from_str(k).map_err(|e| e.to_string())?;
            options = options.filter(filter, v.clone());
        }
        if let Some(limit) = case.limit {
            options = options.limit(limit);
        }
        let page = dir
            .list_users_page(options.clone())
            .await
            .map_err(|e| format!("the listing failed: {e}"))?;
        compare(&server.requests().await, 0, &case.expect, sim.base_path())?;
        if let Some(then) = &case.then {
            let cursor = page
                .next_cursor
                .ok_or("the first page names no next page")?;
            dir.list_users_page(options.next_cursor(cursor))
                .await
                .map_err(|e| format!("the second page failed: {e}"))?;
            compare(&server.requests().await, 1, then, sim.base_path())?;
        }
    } else if name.starts_with("get") {
        let mut options = GetUser::new();
        for (k, v) in with_params(case.params.clone()) {
            if spec.integration.required_get.contains(&k.as_str())
                || spec.integration.knows_param(&k)
            {
                options = options.param(k, v);
            }
        }
        dir.get_user(&id, options)
            .await
            .map_err(|e| format!("the get failed: {e}"))?;
        compare(&server.requests().await, 0, &case.expect, sim.base_path())?;
    } else if name.starts_with("update") {
        let body: UserUpdate = serde_json::from_value(case.update.clone().unwrap_or(Value::Null))
            .map_err(|e| format!("`update` is not an update body: {e}"))?;
        let mut options = UpdateUser::new().body(body);
        for (k, v) in with_params(case.params.clone()) {
            if spec.integration.required_update.contains(&k.as_str())
                || spec.integration.knows_param(&k)
            {
                options = options.param(k, v);
            }
        }
        dir.update_user(&id, options)
            .await
            .map_err(|e| format!("the update failed: {e}"))?;
        let requests = server.requests().await;
        // The update is the first write (a lifecycle table may read the user first).
        let at = requests
            .iter()
            .position(|r| r.method != "GET")
            .ok_or("no write reached the provider")?;
        compare(&requests, at, &case.expect, sim.base_path())?;
    } else {
        return Err(format!(
            "`{name}`: a request case is named list…, find…, get… or update…"
        ));
    }
    Ok(())
}

fn compare(
    requests: &[SimRequest],
    at: usize,
    expected: &ExpectedRequest,
    _base_path: &str,
) -> Result<(), String> {
    let got = requests
        .get(at)
        .ok_or_else(|| format!("request {at} was never sent ({} sent)", requests.len()))?;
    let mut problems = Vec::new();
    if !got.method.eq_ignore_ascii_case(&expected.method) {
        problems.push(format!(
            "method {} (expected {})",
            got.method, expected.method
        ));
    }
    let path = percent_encoding::percent_decode_str(&got.path).decode_utf8_lossy();
    if path != expected.path && got.path != expected.path {
        problems.push(format!("path {} (expected {})", got.path, expected.path));
    }
    if let Some(query) = &expected.query {
        let mut actual: Vec<(String, String)> = got.query.clone();
        actual.sort();
        let mut wanted: Vec<(String, String)> =
            query.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        wanted.sort();
        if actual != wanted {
            problems.push(format!("query {actual:?} (expected {wanted:?})"));
        }
    }
    for (name, value) in &expected.headers {
        let value = value.replace("{secret}", super::spec_sim::SECRET);
        if got.header(name) != Some(value.as_str()) {
            problems.push(format!(
                "header {name}: {:?} (expected {value:?})",
                got.header(name)
            ));
        }
    }
    if let Some(body) = &expected.body
        && got.json().as_ref() != Some(body)
    {
        problems.push(format!(
            "body {} (expected {body})",
            String::from_utf8_lossy(&got.body)
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("request {at}: {}", problems.join("; ")))
    }
}
