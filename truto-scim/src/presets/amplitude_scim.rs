//! # Amplitude SCIM
//!
//! Amplitude's SCIM API lists and reads the users of an organization, joined and pending.
//!
//! | | |
//! |---|---|
//! | slug / feature | `amplitude_scim` |
//! | operations | list, get |
//! | base URL | `https://core.amplitude.com/scim/1`; EU data residency: set `base_url` to `https://core.eu.amplitude.com/scim/1` |
//! | auth | `Authorization: Bearer <SCIM key>`; config key `token` (env `TRUTO_AMPLITUDE_SCIM_TOKEN`) |
//! | page size | 100 by default (sent as `count`); the maximum is not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//! | rate limit | 100 requests per minute per organization |
//!
//! The SCIM key is generated under Settings › Access and SSO › Provisioning. It identifies
//! the organization (the URL is the same for every organization); regenerating it
//! invalidates the old key at once.
//!
//! Quirks: the `1` in the path is Amplitude's own API version; the API speaks SCIM 2.0.
//! A user's `id` is their email address, `userName` equals it, and a user has one email.
//! Listing returns pending (invited) users as well as joined ones. To stay under the rate
//! limit on large organizations, set the common `requests_per_second` config key (for
//! example `1.5`).
//!
//! Unconfirmed: Amplitude's Postman collection names the page-size parameter
//! `itemsPerPage`, not `count`; whether `count` is honoured is not documented (the listing
//! stays complete either way, since paging follows what the server returns). Which filter
//! attributes Amplitude accepts is not documented, so no filter is declared. Amplitude
//! documents updates by `PUT` (`active: false` removes the user from the organization), but
//! the reference integration does not update, so updating is not declared.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::amplitude_scim::connect(&Config::from_env("amplitude_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Amplitude SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("amplitude_scim", "Amplitude SCIM")
        .note("EU: set `base_url` to `core.eu.amplitude.com`")
        .base_url("https://core.amplitude.com/scim/1"),
    Quirks::STANDARD,
);

/// Connects to Amplitude's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
