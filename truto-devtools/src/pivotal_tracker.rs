//! # Pivotal Tracker
//!
//! Pivotal Tracker's project members, reached through Truto only: the service has shut
//! down.
//!
//! | | |
//! |---|---|
//! | slug / feature | `pivotal_tracker` |
//! | operations | list, get, through Truto's hosted API (what the reference lists; `workspace_id` is required to get) |
//! | reach | Truto only: config keys `token` (a Truto API token) and `integrated_account_id` |
//!
//! ## Why not direct
//!
//! Pivotal Tracker documented project memberships in its REST API v5
//! (`GET /services/v5/projects/{project_id}/memberships`, `X-TrackerToken: …`), but the
//! service is gone: it was closed to all but Broadcom enterprise customers in 2024 and shut
//! down on 30 April 2025. There is no API left to call, so this library does not call one.
//!
//! ## Sources
//!
//! - <https://www.pivotaltracker.com/help/api/rest/v5> (the API reference, as it was)
//! - <https://litetracker.com/blog/pivotal-tracker> ("VMware shut it down on April 30, 2025")
//! - <https://jardo.dev/goodbye-pivotal-tracker> and
//!   <https://dwf.bigpencil.net/why-do-we-miss-pivotal-tracker/> (2024: shutting down for
//!   everyone but enterprise customers)
//!
//! ```no_run
//! # fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, Registry};
//! // TRUTO_PIVOTAL_TRACKER_TOKEN=<a Truto API token>, TRUTO_PIVOTAL_TRACKER_INTEGRATED_ACCOUNT_ID=<uuid>
//! let mut registry = Registry::new();
//! truto_devtools::register(&mut registry);
//! // The hosted constructor (truto-hosted) must be installed with `set_hosted`.
//! let dir = registry.build("pivotal_tracker", &Config::from_env("pivotal_tracker"))?;
//! # let _ = dir;
//! # Ok(()) }
//! ```

use truto_core::{Family, Integration};

/// Pivotal Tracker: reached through Truto only.
pub static INTEGRATION: Integration =
    Integration::new("pivotal_tracker", "Pivotal Tracker", Family::Devtools)
        .truto_only(
            "Pivotal Tracker has shut down (30 April 2025); no API is left to call",
            "searched on 2026-08: pivotaltracker.com/help/api (the v5 reference, as it was), litetracker.com/blog/pivotal-tracker (\"VMware shut it down on April 30, 2025\"), 2024 posts on its closing to all but Broadcom enterprise customers",
        )
        .note("Pivotal Tracker has shut down; reached through Truto only");
