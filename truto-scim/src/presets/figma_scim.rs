//! # Figma SCIM
//!
//! Figma's SCIM API lists, reads and updates the SCIM-provisioned users of an
//! organization.
//!
//! | | |
//! |---|---|
//! | slug / feature | `figma_scim` |
//! | operations | list, get, update (`PATCH` with `replace` operations) |
//! | base URL | `https://www.figma.com/scim/v2/{tenant_id}`; config key `tenant_id` (env `TRUTO_FIGMA_SCIM_TENANT_ID`) |
//! | auth | `Authorization: Bearer <SCIM API token>`; config key `token` (env `TRUTO_FIGMA_SCIM_TOKEN`) |
//! | page size | 100 by default, at most 200 (`count`; a larger limit, and `ignore_limit`, ask for 200) |
//! | filters | `username` (`userName eq "…"`); `email`, written as `userName eq "…"`, used by `find_by_email` |
//!
//! An organization admin generates the SCIM API token (it is shown once; it is not a REST
//! API token) and finds the tenant id under Admin › Settings › Login and provisioning ›
//! SAML SSO. Figma answers `GET` on the base URL with 200 for a valid tenant and 400 for an
//! invalid one.
//!
//! Quirks: listing returns only users provisioned through SCIM (and binds them to SCIM);
//! accounts created in Figma directly are not listed. The user name is the email: filters
//! by email are written on `userName`, and changing the user name changes the login email.
//! Setting the status to inactive (`active: false`) deactivates the user and removes them
//! from the organization while keeping the SCIM record. Seats are the `roles` of type
//! `seatType` (Full, Dev, Collab, View; Enterprise only); the `roles` update field writes
//! roles without a `type`. Sorting is not supported. Figma's examples send
//! `application/json` bodies, so the preset does too. SCIM needs the Organization or
//! Enterprise plan.
//!
//! Page size: Figma's `ServiceProviderConfig` (shown in its SCIM endpoint reference)
//! reports `filter.maxResults: 200`, the most resources Figma returns in one response
//! (RFC 7643 §5), so pages ask for at most 200.
//!
//! Unconfirmed: rate limits. A third party reports that Figma for Government uses the host
//! `figma-gov.com`; set `base_url` to reach it.
//!
//! Sources: <https://developers.figma.com/docs/rest-api/scim/>,
//! <https://developers.figma.com/docs/rest-api/scim-endpoints/> (`ServiceProviderConfig`),
//! <https://developers.figma.com/docs/rest-api/scim-supported-schemas/> (`roles`,
//! `userName`, `active`); RFC 7643 §5 (`maxResults`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UpdateUser, UserDirectoryExt, UserStatus};
//! let config = Config::from_env("figma_scim"); // TRUTO_FIGMA_SCIM_TENANT_ID, TRUTO_FIGMA_SCIM_TOKEN
//! let dir = truto_scim::presets::figma_scim::connect(&config)?;
//! for user in dir.find_by_email("ada@example.com", ListUsers::new()).await? {
//!     dir.update_user(&user.id, UpdateUser::new().status(UserStatus::Inactive)).await?;
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::FilterRule;
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{EmailFilter, Preset, Quirks, ScimDirectory};

/// The Figma SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("figma_scim", "Figma SCIM")
        .note("needs `tenant_id`; lists SCIM-provisioned users only; pages of up to 200")
        .base_url("https://www.figma.com/scim/v2/{tenant_id}")
        .config(&[
            ConfigKey::required(
                "tenant_id",
                "the organization's SCIM tenant id (SAML SSO settings)",
            ),
            ConfigKey::secret("token", "SCIM API token"),
        ])
        .update(super::UPDATE_FIELDS)
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
        ])
        .email_filter(Filter::Email)
        .page_size(100, 200),
    Quirks::STANDARD
        .email_filter(EmailFilter::UserName)
        .plain_json(),
);

/// Connects to Figma's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
