//! # Mixpanel SCIM
//!
//! Mixpanel's SCIM API manages the users of an organization; this preset lists them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `mixpanel_scim` |
//! | operations | list |
//! | base URL | `https://mixpanel.com/api/app/scim/v2` |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_MIXPANEL_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); the maximum is not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The SCIM token is generated under Organization Settings › Access Security › SCIM;
//! generating a new one revokes the old. It is not the service-account (Basic) credential
//! Mixpanel's other APIs take. SCIM needs the Enterprise plan, SSO and a claimed domain.
//!
//! Quirks: SCIM only affects users whose email domain is one of the organization's
//! claimed domains. `DELETE /Users/{id}` permanently deletes a user and their data
//! (reported by a third party); this preset never deletes.
//!
//! Unconfirmed: an EU host (the `eu.mixpanel.com` guess was not seen in Mixpanel's docs;
//! set `base_url` if you need another host), the page size, the filters, rate limits, and
//! how updates work.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::mixpanel_scim::connect(&Config::from_env("mixpanel_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Mixpanel SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("mixpanel_scim", "Mixpanel SCIM")
        .base_url("https://mixpanel.com/api/app/scim/v2"),
    Quirks::STANDARD,
);

/// Connects to Mixpanel's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
