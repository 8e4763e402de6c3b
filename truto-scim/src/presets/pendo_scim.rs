//! # Pendo SCIM
//!
//! Pendo's SCIM API lists and reads the users of a Pendo subscription.
//!
//! | | |
//! |---|---|
//! | slug / feature | `pendo_scim` |
//! | operations | list, get |
//! | base URL | `https://app.pendo.io/scim/v2` (unconfirmed, see below) |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_PENDO_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The SCIM token is generated under Settings › Integrations › SCIM (as third parties
//! describe it). It is not the
//! `x-pendo-integration-key` of Pendo's REST API. SCIM needs the Premium plan (or the
//! add-on) and SAML SSO set up first.
//!
//! Quirks: in Microsoft Entra ID, SCIM needs its own non-gallery application.
//!
//! Unconfirmed: the base URL and the Bearer scheme come from third-party sources only;
//! Pendo says some settings depend on the subscription's region, and regional hosts (e.g.
//! `app.eu.pendo.io`) are not documented: set `base_url` for them. Also unconfirmed: that
//! `GET /Users` lists without a filter, the page size, the filters, extra headers and rate
//! limits. Pendo's identity-provider guides say users can be updated and deactivated, but
//! not how, and the reference integration covers list and get only, so updating is not
//! declared.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::pendo_scim::connect(&Config::from_env("pendo_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Pendo SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("pendo_scim", "Pendo SCIM").base_url("https://app.pendo.io/scim/v2"),
    Quirks::STANDARD,
);

/// Connects to Pendo's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
