//! # miniOrange
//!
//! miniOrange publishes no API that lists its users: this integration is reached through
//! Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `miniorange` |
//! | operations | list, through Truto's hosted API |
//! | auth | a Truto API `token` and the `integrated_account_id` of the connected miniOrange account (env `TRUTO_MINIORANGE_TOKEN`, `TRUTO_MINIORANGE_INTEGRATED_ACCOUNT_ID`) |
//! | filters | none |
//!
//! ## Why not directly
//!
//! miniOrange's public User APIs "can be used to create/update/get users": they create a
//! user (`POST /moas/api/admin/users/create`), update one and look one up by user name.
//! None lists the users of an account, and no paged or bulk read is documented, so a
//! direct integration would have to call an undocumented endpoint.
//!
//! Every call is also signed per request: `Customer-Key`, `Timestamp` (milliseconds) and
//! `Authorization: sha512(customerKey + timestamp + apiKey)` in lowercase hex. The
//! declarative layer has no credential scheme that computes a signature from the request
//! time, so even the documented single-user calls would need a hand-written directory.
//!
//! ## Sources
//!
//! - <https://developers.miniorange.com/docs/idp/api/user-api-guide> (the User APIs: create,
//!   update, get; the signed headers), the same guide at
//!   <https://www.miniorange.com/user-api-guide>
//! - <https://developers.miniorange.com/docs/idp/api/groups-api-guide> (the same
//!   authentication for groups)
//!
//! ## Not confirmed
//!
//! - Whether miniOrange offers a user export or list outside its public documentation
//!   (for its on-premise product, or to partners).
//!
//! ```no_run
//! // Reached through truto-hosted with TRUTO_MINIORANGE_TOKEN and
//! // TRUTO_MINIORANGE_INTEGRATED_ACCOUNT_ID; see truto_idp::register.
//! let integration = &truto_idp::miniorange::INTEGRATION;
//! assert!(!integration.is_direct());
//! ```

use truto_core::{Family, Integration};

/// miniOrange: reached through Truto only.
pub static INTEGRATION: Integration = Integration::new("miniorange", "miniOrange", Family::Idp)
    .truto_only(
        "no public API lists users: miniOrange's User APIs create, update and look up one user at a time",
        "searched developers.miniorange.com (User API guide, Groups API guide) and miniorange.com/user-api-guide on 2026-12-04, and public callers of /moas/api/admin/users/: only create, update, search (one user by user name) and get are called; every call is signed with sha512(customerKey + timestamp + apiKey)",
    )
    .note("Reached through Truto only: miniOrange's API has no call that lists users.");
