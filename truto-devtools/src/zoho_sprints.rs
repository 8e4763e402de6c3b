//! # Zoho Sprints
//!
//! The users of a Zoho Sprints team: reached through Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `zoho_sprints` |
//! | operations | list (through Truto's hosted API) |
//! | auth | a Truto API token (`token`) and the Truto integrated account connected to Zoho Sprints (`integrated_account_id`) |
//! | filters | none |
//!
//! ## Why not direct
//!
//! Zoho publishes a Zoho Sprints API (its reference is at
//! <https://sprints.zoho.com/apidoc.html>, also linked as
//! <https://www.zoho.com/sprints/help/api/v1/>), but its users endpoint could not be
//! confirmed in Zoho's own documents: the team-users request
//! (`GET https://sprintsapi.zoho.{domain}/zsapi/team/{teamId}/users/?action=data&index=&range=`)
//! and its record are known only from third-party code. That record is columnar (a
//! `userJObj` object keyed by user id whose values are arrays read by position, with only
//! position 0, the name, seen in that code), so neither the request nor the mapping can be
//! written from documentation without guessing. Truto's hosted API lists Zoho Sprints
//! users today (its integration page names Users in the Unified User Directory API).
//!
//! ## Sources
//!
//! - <https://truto.one/integrations/detail/zohosprints/> (Users through Truto's Unified
//!   User Directory API)
//!
//! ## Not confirmed
//!
//! - Zoho's team-users endpoint, its parameters (`action=data`, `index`, `range`, `type`),
//!   its response keys beyond `userJObj` and the meaning of each array position; the
//!   scope `ZohoSprints.teamusers.READ` (seen in third-party OAuth configurations).
//!
//! ```no_run
//! // Connect it with a Truto token and integrated account id through `truto-hosted`
//! // (TRUTO_ZOHO_SPRINTS_TOKEN=…, TRUTO_ZOHO_SPRINTS_INTEGRATED_ACCOUNT_ID=…).
//! let mut registry = truto_core::Registry::new();
//! truto_devtools::register(&mut registry);
//! if let Some(zoho) = registry.get("zoho_sprints") {
//!     println!("{}: {:?}", zoho.name, zoho.reach);
//! }
//! ```

use truto_core::{Family, Integration};

/// Zoho Sprints: reached through Truto only.
pub static INTEGRATION: Integration =
    Integration::new("zoho_sprints", "Zoho Sprints", Family::Devtools)
        .note("through Truto only: Zoho's own reference for its team-users endpoint could not be confirmed")
        .truto_only(
            "Zoho's own documents for the Zoho Sprints users endpoint could not be read; the endpoint and its columnar record (`userJObj`, values by array position) are known only from third-party code",
            "searched the docs and pages corpora for Zoho Sprints' API reference (sprints.zoho.com/apidoc.html, zoho.com/sprints/help/api/v1/) and its team-users endpoint: only third-party clients (Pipedream, skills, OAuth configs) and Truto's integration page; no Zoho page",
        );
