//! # Chronosphere
//!
//! Chronosphere publishes no API that lists its users: this integration is reached through
//! Truto only.
//!
//! | | |
//! |---|---|
//! | slug / feature | `chronosphere` |
//! | operations | list, through Truto's hosted API |
//! | auth | a Truto API `token` and the `integrated_account_id` of the connected Chronosphere account (env `TRUTO_CHRONOSPHERE_TOKEN`, `TRUTO_CHRONOSPHERE_INTEGRATED_ACCOUNT_ID`) |
//! | filters | none |
//!
//! ## Quirks
//!
//! - Chronosphere's public Config API (`https://{org}.chronosphere.io/api/v1/config/…`)
//!   knows users only as the `user_emails` of Teams (`GET /api/v1/config/teams`): one
//!   record per team, each holding many email addresses. A user list derived from teams
//!   (one user per distinct email, its teams as groups, users in no team missing) is not
//!   something a declarative spec maps — one record is one user — and it is not the
//!   provider's user list, so no direct integration is offered.
//!
//! ## Sources
//!
//! - Chronosphere's official Terraform provider,
//!   <https://github.com/chronosphereio/terraform-provider-chronosphere>:
//!   `chronosphere/pkg/configv1/swagger.json` ("Config V1 API": the only user-related paths
//!   are `/api/v1/config/teams` and `/api/v1/config/teams/{slug}`) and
//!   `chronosphere/pkg/configunstable/swagger.json` ("Config Unstable API": no path with
//!   `user`, `member` or `team`)
//!
//! ## Not confirmed
//!
//! - Whether Chronosphere has a user or SCIM API outside its published descriptions (none
//!   was found in its documentation).
//!
//! ```no_run
//! // Reached through truto-hosted with TRUTO_CHRONOSPHERE_TOKEN and
//! // TRUTO_CHRONOSPHERE_INTEGRATED_ACCOUNT_ID; see truto_devtools::register.
//! let _ = &truto_devtools::chronosphere::INTEGRATION;
//! ```

use truto_core::{Family, Integration};

/// Chronosphere: reached through Truto only.
pub static INTEGRATION: Integration =
    Integration::new("chronosphere", "Chronosphere", Family::Devtools)
        .truto_only(
            "no public API lists users: Chronosphere's Config API knows users only as the email addresses of Teams",
            "searched the Config V1 and Config Unstable API descriptions in chronosphereio/terraform-provider-chronosphere (snapshot of 2026-08-20) and Chronosphere's documentation: the only user data is `user_emails` of `/api/v1/config/teams`",
        )
        .note("Reached through Truto only: Chronosphere has no API that lists users.");
