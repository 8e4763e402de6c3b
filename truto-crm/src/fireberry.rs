//! # Fireberry
//!
//! Fireberry's record API can read any object, its system users (object type 9) included,
//! but the user object's fields are not documented: this integration is reached through
//! Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `fireberry` |
//! | operations | list, through Truto's hosted API |
//! | auth | a Truto API `token` and the `integrated_account_id` of the connected Fireberry account (env `TRUTO_FIREBERRY_TOKEN`, `TRUTO_FIREBERRY_INTEGRATED_ACCOUNT_ID`) |
//! | filters | none |
//!
//! ## Quirks
//!
//! - Fireberry's REST API (`https://api.fireberry.com/api`, header `tokenid: <token>`)
//!   reads records of an object type, 50 to a page (`pagesize`, `pagenumber`), at most 500
//!   a request; its official SDK names object type 9 `user`. What a user record holds —
//!   its id field above all, and the response's envelope — is not in the documentation
//!   that could be read (the fields are discovered per account through the metadata
//!   endpoint). Mapping a record whose fields are guessed is not offered, so there is no
//!   direct integration.
//!
//! ## Sources
//!
//! - <https://developers.fireberry.com/docs/authentication> (`tokenid`, per-user tokens)
//! - <https://developers.fireberry.com/docs/pagination> (`pagesize`, `pagenumber`, limits)
//! - <https://developers.fireberry.com/docs/api-explorer>
//! - Fireberry's official SDK, <https://github.com/fireberry-crm/sdk>, `src/constants/index.ts`
//!   (`OBJECTS.user = 9`) and `src/types/index.ts` (the v3 query's payload and response)
//!
//! ## Not confirmed
//!
//! - The user object's field names, the list response's envelope, and the REST path of the
//!   v3 query (`POST /api/v3/query` in a third-party guide).
//!
//! ```no_run
//! // Reached through truto-hosted with TRUTO_FIREBERRY_TOKEN and
//! // TRUTO_FIREBERRY_INTEGRATED_ACCOUNT_ID; see truto_crm::register.
//! let _ = &truto_crm::fireberry::INTEGRATION;
//! ```

use truto_core::{Family, Integration};

/// Fireberry: reached through Truto only.
pub static INTEGRATION: Integration = Integration::new("fireberry", "Fireberry", Family::Crm)
    .truto_only(
        "the user object (type 9) is readable through the generic record API, but its fields (its id among them) and the list envelope are not documented",
        "searched on 2026-12-04 developers.fireberry.com (authentication, quick start, pagination, API explorer: generic record paging only), the docs corpus for the records response and user fields, the code index (no client reading users), and the official SDK fireberry-crm/sdk (object type 9 = user; no field list)",
    )
    .note("Reached through Truto only: Fireberry does not document its user records.");
