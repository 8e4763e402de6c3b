//! # Teamwork CRM
//!
//! Teamwork CRM: reached through Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `teamwork_crm` |
//! | operations | list, get, through Truto |
//! | reach | Truto's hosted API (`token`, `integrated_account_id`) |
//! | filters | none |
//!
//! ## Why through Truto only
//!
//! Teamwork CRM has a REST API (v2, under `https://{site}.teamwork.com/crm/api/v2/`), but
//! its users resource could not be found in any copy of its reference that could be read:
//! neither the path (`users.json` is only what the naming of its `contacts.json` suggests),
//! nor the response envelope, nor the user's fields or status values. A direct integration
//! would call a guessed endpoint and map guessed fields, so this one goes through Truto
//! until the reference can be read.
//!
//! ## Sources
//!
//! - <https://apidocs.teamwork.com/> (Teamwork's API reference; the CRM users pages were not
//!   in the stored copies searched on 2026-12-04)
//! - <https://api-docs.integration.app/apps/teamwork-crm/operations/get-contacts-json>
//!   (third-party mirror of the CRM v2 contacts endpoint: `pageSize`, `pageOffset`,
//!   `include`, `orderBy`)
//!
//! ## Not confirmed
//!
//! - The users endpoint, its paging, its record and its auth for CRM (Bearer OAuth tokens
//!   or a Basic API key, as Teamwork's other products take).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! // Through Truto: TRUTO_TEAMWORK_CRM_TOKEN=… and TRUTO_TEAMWORK_CRM_INTEGRATED_ACCOUNT_ID=…
//! let config = truto_core::Config::from_env("teamwork_crm");
//! println!("{:?}", config.get("integrated_account_id"));
//! # Ok(()) }
//! ```

use truto_core::{Family, Integration};

/// Teamwork CRM: reached through Truto only.
pub static INTEGRATION: Integration =
    Integration::new("teamwork_crm", "Teamwork CRM", Family::Crm)
        .truto_only(
            "the users endpoint of Teamwork CRM's API is not in any readable copy of its reference",
            "searched apidocs.teamwork.com copies, documentation and code corpora on 2026-12-04: only the CRM v2 contacts endpoint (via a third-party mirror) was found, no users path, envelope or fields",
        )
        .note("through Truto only: Teamwork CRM's users endpoint could not be confirmed");
