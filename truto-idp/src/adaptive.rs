//! # Adaptive
//!
//! Adaptive (adaptive.live, now app.adaptive.com), an access-management platform that
//! brokers audited, time-limited access to databases, clouds and clusters. It publishes no
//! API that lists its users, so it is reached through Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `adaptive` |
//! | operations | list (through Truto only) |
//! | reach | through Truto only: config keys `token` (a Truto API token) and `integrated_account_id` |
//! | filters | none |
//!
//! ## Why through Truto only
//!
//! Adaptive's only published API client is its official Terraform provider
//! (`adaptive-scale/terraform-provider-adaptive`). Its client talks to
//! `{workspace_url}/api/v1` (default `https://app.adaptive.com/api/v1`) with
//! `Authorization: <service token>`, and calls only the Terraform endpoints
//! `/terraform/authorization`, `/terraform/team`, `/terraform/script`,
//! `/terraform/resource`, `/terraform/session` and `/terraform/schedule` (create, read,
//! update, delete). Users appear only as email addresses inside teams, sessions and
//! schedules; no endpoint lists or reads users. A search of public documentation for an
//! Adaptive users API found none.
//!
//! ## Mapping
//!
//! Truto's unified users, as Truto's hosted API returns them.
//!
//! ## Quirks
//!
//! - "Adaptive" is also the name of Workday Adaptive Planning, a different product with its
//!   own XML API; this integration is the access-management platform.
//!
//! ## Sources
//!
//! - <https://github.com/adaptive-scale/terraform-provider-adaptive>
//!   (`internal/terraform-client/*.go`, commit `fe8bc638`, 2026-07-10): every endpoint the
//!   official client calls
//! - <https://adaptive.live> (the product)
//!
//! ## Not confirmed
//!
//! - Whether Adaptive has a users API that is not public (the one Truto's integration
//!   uses).
//!
//! ```no_run
//! use truto_core::{Reach, Registry};
//! let mut registry = Registry::new();
//! truto_idp::register(&mut registry);
//! // Building `adaptive` needs the hosted constructor (`truto_hosted::register`) and a
//! // config with `token` and `integrated_account_id`.
//! let adaptive = registry.get("adaptive").expect("registered");
//! if let Reach::TrutoOnly { reason, .. } = adaptive.reach {
//!     println!("{}: {reason}", adaptive.name);
//! }
//! ```

use truto_core::{Family, Integration};

/// Adaptive: reached through Truto only.
pub static INTEGRATION: Integration = Integration::new("adaptive", "Adaptive", Family::Idp)
    .note("through Truto only: Adaptive publishes no users API (only Terraform endpoints)")
    .truto_only(
        "no public API lists users",
        "the official Terraform provider (adaptive-scale/terraform-provider-adaptive, commit fe8bc638, 2026-07-10) \
         calls only /api/v1/terraform/{authorization,team,script,resource,session,schedule}; \
         a documentation search for an Adaptive users API found none",
    );
