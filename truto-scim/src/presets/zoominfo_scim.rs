//! # ZoomInfo SCIM
//!
//! ZoomInfo's Auto Provisioning API (SCIM) lists and reads users provisioned into a
//! ZoomInfo account.
//!
//! | | |
//! |---|---|
//! | slug / feature | `zoominfo_scim` |
//! | operations | list, get |
//! | base URL | none by default: config key `base_url` (env `TRUTO_ZOOMINFO_SCIM_BASE_URL`) is required, the Base URL the Admin Portal shows |
//! | auth | `Authorization: Bearer <API token>`; config key `token` (env `TRUTO_ZOOMINFO_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! An admin copies the API token and the Base URL from Admin Portal › Company Settings ›
//! Auto Provisioning, with the "Auto Provisioning User Management" switch on. SAML SSO must
//! be set up before a token can be created.
//!
//! Quirks: a third party reports that listing returns only users created through SCIM.
//! Provisioned users need a product license, a role (User or Admin) and a credits setting.
//!
//! Unconfirmed: all of the above comes from third-party guides, not ZoomInfo's own docs.
//! The base URL is per account (the guess `https://api.zoominfo.com/scim/v2` was not
//! confirmed, so no default is set), and the Bearer scheme is presumed. The page size, the filters, extra headers,
//! how updates work, and rate limits are not documented.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::from_env("zoominfo_scim"); // TRUTO_ZOOMINFO_SCIM_BASE_URL, _TOKEN
//! let dir = truto_scim::presets::zoominfo_scim::connect(&config)?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The ZoomInfo SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("zoominfo_scim", "ZoomInfo SCIM")
        .note("`base_url` required (shown in the admin portal)"),
    Quirks::STANDARD,
);

/// Connects to ZoomInfo's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
