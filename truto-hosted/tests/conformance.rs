//! The shared conformance scenarios against a simulator of the hosted API.
//!
//! Every scenario of `truto_core::conformance_tests!` runs but `remote_query_is_passed_through`,
//! which looks for the pair at the top level of the query string: the hosted API takes the
//! provider's query as `remote_query[key]=value`, so that scenario is restated here for
//! the hosted encoding.

mod common;

use common::HostedSim;
use truto_core::testing::SimServer;
use truto_core::{ListUsers, UserDirectoryExt};

truto_core::conformance_tests!(@tests HostedSim;
    lists_every_user_across_pages,
    gets_one_user,
    updates_a_user,
    unauthenticated_is_not_retried,
    not_found_is_typed,
    rate_limit_waits_for_retry_after,
    server_error_then_success,
    malformed_body_is_a_decode_error,
    repeated_cursor_ends_the_listing,
    exclude_fields_and_remote_data,
    raw_format_keeps_the_record,
    resumes_from_a_cursor,
    hostile_ids_stay_one_segment,
    validates_before_sending,
    page_level_listing_round_trips_cursor,
    exactly_once_through_faults,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn remote_query_is_passed_through_in_brackets() {
    let server = SimServer::start(HostedSim, 25).await;
    let dir = server.connect();
    let options = ListUsers::new()
        .limit(10)
        .remote_query("truto_probe", "a b&c");
    let users = dir.collect_users(options).await.unwrap();
    assert_eq!(users.len(), 25);
    for request in server.list_requests().await {
        assert_eq!(
            request.query_param("remote_query[truto_probe]"),
            Some("a b&c"),
            "{:?}",
            request.query
        );
        assert_eq!(request.query_param("truto_probe"), None);
    }
}
