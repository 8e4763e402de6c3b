//! The conformance kit (feature `testing`): what every integration's tests run.
//!
//! An integration's test file implements [`Simulator`], a small, faithful model of the
//! provider's user endpoints (routing, paging, the record shape the provider documents,
//! its error bodies and its auth check), then invokes [`conformance_tests!`](crate::conformance_tests), which
//! generates one `#[tokio::test]` per shared scenario: three or more pages, get, update,
//! 401, 404, 429 with `Retry-After`, 5xx then success, malformed body, repeated cursor,
//! remote query passthrough, exclude fields, raw format, resume from a cursor, hostile
//! ids, validation before sending, and a large listing through injected faults.
//!
//! Two servers serve a simulator on loopback:
//! - [`SimServer`], on wiremock, answers unexpected requests with an error naming them and
//!   lets a scenario script faults for the next requests;
//! - [`FaultServer`], a minimal HTTP/1.1 server, can also drop connections and cut bodies
//!   short, which wiremock cannot.
//!
//! Waits run on [`TestClock`], so a scenario with `Retry-After: 7` takes no real time and
//! still checks that 7 seconds were waited.

mod clock;
mod credentials;
mod fault_server;
mod fixture;
mod lint;
mod once;
pub mod people;
mod prism;
pub mod runner;
pub mod scenarios;
mod sim;
mod spec_sim;

pub use clock::TestClock;
pub use credentials::{carries_test_credential, test_config, test_value};
pub use fault_server::{FaultPlan, FaultServer, FaultStats};
pub use fixture::{DocumentedValues, ExpectedRequest, Fixture, RequestCase, load_fixture};
pub use lint::lint;
pub use once::answer_once_then;
pub use prism::{PrismServer, need, prism_binary_or_skip, provider_spec, shared_file};
pub use sim::{Fault, IdLocation, Route, SimRequest, SimResponse, SimServer, Simulator, Store};
pub use spec_sim::{SECRET, SpecSim};

/// Generates the shared conformance scenarios as `#[tokio::test]`s for a simulator.
///
/// ```ignore
/// truto_core::conformance_tests!(crate::MySim::default());
/// ```
#[macro_export]
macro_rules! conformance_tests {
    ($sim:expr) => {
        $crate::conformance_tests!(@tests $sim;
            lists_every_user_across_pages,
            gets_one_user,
            updates_a_user,
            unauthenticated_is_not_retried,
            not_found_is_typed,
            rate_limit_waits_for_retry_after,
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
        );
    };
    (@tests $sim:expr; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $name() {
                $crate::testing::scenarios::$name($sim).await;
            }
        )*
    };
}
