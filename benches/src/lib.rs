//! Pieces of the `layers` benchmark (`cargo bench -p truto-bench`): a loopback mock
//! provider serving users in the three pagination shapes, and bench-only
//! [`UserDirectory`](truto_core::UserDirectory) providers written the way real
//! integrations are (one page per `fetch_page`, records decoded with
//! [`decode_record`](truto_core::map::decode_record) so `remote_data` stays raw).
//!
//! See `BENCHMARKS.md` at the repository root for what is measured and the results.

pub mod mock;
pub mod providers;

/// This process's peak resident set size (`VmHWM`), in KiB; 0 where `/proc` is missing.
pub fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
