//! # FowCRM
//!
//! FowCRM (FowApps) documents no API that lists its users: this integration is reached
//! through Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `fowcrm` |
//! | operations | list, through Truto's hosted API |
//! | auth | a Truto API `token` and the `integrated_account_id` of the connected FowCRM account (env `TRUTO_FOWCRM_TOKEN`, `TRUTO_FOWCRM_INTEGRATED_ACCOUNT_ID`) |
//! | filters | none |
//!
//! ## Quirks
//!
//! - FowCRM has a public API ("FowAPI"), protected by personal access tokens of the
//!   "Open API" type (Settings › Personal Access Token, valid for a year), whose responses
//!   share one envelope (`success`, `key`, `data`, `meta` with `total`, `page`,
//!   `perPage`, `totalPages`). Its published tutorials cover modules such as accounts and
//!   leads; none lists the CRM's users or team members, and its host is not given in the
//!   pages that could be read. No endpoint is guessed, so no direct integration is offered.
//!
//! ## Sources
//!
//! - <https://developers.fowapps.com/docs/development/overview/token-management> (tokens)
//! - <https://docs.fowapps.com/docs/developers/standarts/api-schema> (the `ApiResult`
//!   envelope and error body)
//! - <https://developers.fowapps.com/docs/tutorials/api/account> and
//!   <https://developers.fowapps.com/docs/tutorials/api/leads> (the module endpoints
//!   documented)
//!
//! ## Not confirmed
//!
//! - Whether FowAPI's full reference (not readable here) has a users endpoint; if it has,
//!   a direct integration can replace this one.
//! - The API's host and the header that carries a token.
//!
//! ```no_run
//! // Reached through truto-hosted with TRUTO_FOWCRM_TOKEN and
//! // TRUTO_FOWCRM_INTEGRATED_ACCOUNT_ID; see truto_crm::register.
//! let _ = &truto_crm::fowcrm::INTEGRATION;
//! ```

use truto_core::{Family, Integration};

/// FowCRM: reached through Truto only.
pub static INTEGRATION: Integration = Integration::new("fowcrm", "FowCRM", Family::Crm)
    .truto_only(
        "no documented API lists users: FowAPI's published pages cover modules such as accounts and leads, not the CRM's users",
        "searched on 2026-12-04 the docs corpus (FowApps/FowAPI users, team members) and pages (fowcrm api, FowAPI User GetUsers), the code index (fowcrm: no API client) and GitHub (FowApps/fow.ui, IronHook, fow.cli: no API client); read developers.fowapps.com token-management, the account and leads tutorials and docs.fowapps.com api-schema: no users endpoint and no API host",
    )
    .note("Reached through Truto only: FowCRM documents no API that lists users.");
