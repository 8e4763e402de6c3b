//! Pieces of the `layers` benchmark (`cargo bench -p truto-bench`): a loopback mock
//! provider serving users in the three pagination shapes, and bench-only
//! [`UserDirectory`](truto_core::UserDirectory) providers written the way real
//! integrations are (one page per `fetch_page`, records decoded with
//! [`decode_record`](truto_core::provider::decode::decode_record) so `remote_data` stays raw).
//!
//! It also holds the child-process protocol the benches use to measure each variant's
//! own peak RSS ([`child`]).
//!
//! See `BENCHMARKS.md` at the repository root for what is measured and the results.

pub mod child;
pub mod mock;
pub mod providers;

/// The plain loops' request (the baseline every bench compares with): a GET with the
/// bench's bearer token and the body read whole. Panics on any failure, so a failed
/// variant cannot pass unnoticed.
pub async fn plain_get(client: &reqwest::Client, url: String) -> bytes::Bytes {
    client
        .get(url)
        .bearer_auth("bench-token")
        .send()
        .await
        .and_then(reqwest::Response::error_for_status)
        .expect("the mock answers")
        .bytes()
        .await
        .expect("the mock sends the whole body")
}
