//! # JetBrains
//!
//! Reached through Truto only: JetBrains documents no API that lists an organization's
//! users.
//!
//! | | |
//! |---|---|
//! | slug / feature | `jetbrains` |
//! | operations | those Truto's reference lists (list), through Truto's hosted API |
//! | auth | a Truto API token and the integrated account's id: config keys `token`, `integrated_account_id` |
//!
//! ## Why not directly
//!
//! The JetBrains Account API (enabled per organization, a personal token in `X-Api-Key`
//! and the organization's customer code in `X-Customer-Code`) manages **licenses**: view,
//! assign, revoke and transfer them, and create or delete user accounts for verified
//! domains. Its documented listing, `GET /api/v1/customer/licenses`, returns licenses whose
//! `assignee` is a person; a person with two licenses appears twice and a person without one
//! not at all, so it is not a list of users, and building one from it (grouping licenses by
//! assignee) is beyond a declarative spec. The API's reference
//! (`https://account.jetbrains.com/api-doc`) could not be read, so neither the license
//! record's fields nor a users endpoint could be confirmed.
//!
//! ## Sources
//!
//! - <https://www.jetbrains.com/help/jetbrains-console/jetbrains-account-api.html> (what the API does, who may use it)
//! - <https://sales.jetbrains.com/hc/en-gb/articles/4406854152978-JetBrains-Account-API> (access levels, the customer code)
//! - <https://account.jetbrains.com/api-doc> (the reference; not readable here)
//!
//! ## Not confirmed
//!
//! - Whether the Account API has an endpoint that lists users (for organizations with a
//!   verified domain, which can create and delete user accounts).
//!
//! ```no_run
//! # fn run() -> truto_core::Result<()> {
//! let integration = &truto_devtools::jetbrains::INTEGRATION;
//! assert!(!integration.is_direct());
//! # Ok(()) }
//! ```

use truto_core::{Family, Integration};

/// JetBrains: reached through Truto only.
pub static INTEGRATION: Integration = Integration::new("jetbrains", "JetBrains", Family::Devtools)
    .truto_only(
        "no documented JetBrains API lists users: the JetBrains Account API lists licenses, with a person as each license's assignee",
        "searched jetbrains.com/help/jetbrains-console (JetBrains Account API), sales.jetbrains.com (JetBrains Account API) and public callers of account.jetbrains.com/api/v1 on 2026-12-04: only /customer/licenses (and team licenses) are called; the reference at account.jetbrains.com/api-doc could not be read",
    )
    .note("reached through Truto only: JetBrains' Account API lists licenses, not users");
