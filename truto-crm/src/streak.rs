//! # Streak
//!
//! Streak (the CRM inside Gmail): reached through Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `streak` |
//! | operations | list (partial), through Truto |
//! | reach | Truto's hosted API (`token`, `integrated_account_id`) |
//! | filters | none |
//!
//! ## Why through Truto only
//!
//! Streak's API key is a personal one: "Since API keys are associated with the user, each
//! API key only has privileges to access its own user object" (`GET /v1/users/me`). Streak's
//! public reference documents no endpoint that lists the other members of a team or
//! organization. Third-party summaries name such endpoints, but disagree on them
//! (`GET /v2/users/me/teams` then `GET /v2/teams/{teamKey}`, or
//! `GET /organizations/{orgKey}/users`), and none gives the member records' field names;
//! calling them directly would be calling a guess.
//!
//! ## Sources
//!
//! - <https://streak.readme.io/v1/reference> (the user object: `email`, `lowercaseEmail`,
//!   `lastSeenTimestamp`, `isOauthComplete`, `displayName`; users cannot be altered; a key
//!   reaches only its own user)
//! - <https://www.stitchflow.com/user-management/streak/api> (third-party: names org and
//!   team member endpoints, unpaginated)
//!
//! ## Not confirmed
//!
//! - Whether Streak's team (`/v2/teams/{teamKey}`) or organization endpoints list members,
//!   and their record shape: not in the public reference searched on 2026-12-04.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! // Through Truto: TRUTO_STREAK_TOKEN=… and TRUTO_STREAK_INTEGRATED_ACCOUNT_ID=…
//! let config = truto_core::Config::from_env("streak");
//! println!("{:?}", config.get("integrated_account_id"));
//! # Ok(()) }
//! ```

use truto_core::{Family, Integration};

/// Streak: reached through Truto only.
pub static INTEGRATION: Integration = Integration::new("streak", "Streak", Family::Crm)
    .truto_only(
        "Streak's public API reaches only the key owner's own user; no endpoint listing a team's members is documented",
        "searched streak.readme.io (v1 reference: users/me, \"each API key only has privileges to access its own user object\") and third-party summaries on 2026-12-04: member-listing endpoints are named only by third parties, inconsistently, without record fields",
    )
    .note("through Truto only: Streak's API key reaches only its own user");
