//! # Rockset
//!
//! Rockset's users, reached through Truto only: the service has shut down.
//!
//! | | |
//! |---|---|
//! | slug / feature | `rockset` |
//! | operations | list, through Truto's hosted API (what the reference lists) |
//! | reach | Truto only: config keys `token` (a Truto API token) and `integrated_account_id` |
//!
//! ## Why not direct
//!
//! Rockset documented account users in its REST API (`GET /v1/orgs/self/users` at
//! `https://api.{region}.rockset.com`, `Authorization: ApiKey …`), but the service is gone:
//! OpenAI bought Rockset in June 2024 and its customers were given 90 days to move off the
//! platform; integrators announced the end of Rockset's service and deprecated their Rockset
//! connectors; Rockset's official Go client (the home of its API description) has had no
//! commit since May 2024. There is no API left to call, so this library does not call one.
//!
//! ## Sources
//!
//! - `rockset/rockset-go-client`, `openapi/api/openapi.yaml` (the users endpoints as they
//!   were) and its history (last commit 2024-05-28)
//! - <https://docs.goldsky.com/mirror/sinks/rockset> ("Rockset recently announced that it
//!   was shutting down support for their service")
//! - The New Stack, "Rockset Users Stranded by OpenAI Acquisition: Now What?" (2024-08-28:
//!   "current users of its platform had 90 days to find another solution")
//!
//! ```no_run
//! # fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, Registry};
//! // TRUTO_ROCKSET_TOKEN=<a Truto API token>, TRUTO_ROCKSET_INTEGRATED_ACCOUNT_ID=<uuid>
//! let mut registry = Registry::new();
//! truto_devtools::register(&mut registry);
//! // The hosted constructor (truto-hosted) must be installed with `set_hosted`.
//! let dir = registry.build("rockset", &Config::from_env("rockset"))?;
//! # let _ = dir;
//! # Ok(()) }
//! ```

use truto_core::{Family, Integration};

/// Rockset: reached through Truto only.
pub static INTEGRATION: Integration = Integration::new("rockset", "Rockset", Family::Devtools)
    .truto_only(
        "Rockset has shut down: OpenAI bought it in June 2024 and its customers had 90 days to move off; no API is left to call",
        "searched on 2026-08: rockset/rockset-go-client (the API description; no commit since 2024-05-28), Goldsky's Rockset sink page (\"Rockset recently announced that it was shutting down support for their service\"), The New Stack 2024-08-28 (\"90 days to find another solution\")",
    )
    .note("Rockset has shut down; reached through Truto only");
