//! # Zapier SCIM
//!
//! Zapier's SCIM API lists and reads the members of a Zapier Enterprise account.
//!
//! | | |
//! |---|---|
//! | slug / feature | `zapier_scim` |
//! | operations | list, get |
//! | base URL | `https://zapier.com/scim/v2` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_ZAPIER_SCIM_TOKEN`) |
//! | page size | 50 by default (`count`); the maximum is not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The token is generated in the account's user provisioning settings; regenerating it
//! invalidates the old one. SCIM needs the Enterprise plan and a verified domain.
//!
//! Quirks: Zapier supports `sortBy`, `sortOrder` and `attributes` (pass them as a remote
//! query). SCIM Groups are Teams workspaces. Users created through SCIM must have an email
//! as user name.
//!
//! Unconfirmed: Zapier supports "a subset of the SCIM filter DSL" without this preset's
//! sources saying which, so no filter is declared (`userName eq` is likely). A third party
//! gives the host `scim.zapier.com`; Zapier's own docs say `zapier.com`, the default. The
//! largest page and rate limits are not documented. Updates (a third party says users can
//! be deactivated) are not declared; the reference integration covers list and get only.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::zapier_scim::connect(&Config::from_env("zapier_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Zapier SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("zapier_scim", "Zapier SCIM")
        .base_url("https://zapier.com/scim/v2")
        .page_size(50, 1000),
    Quirks::STANDARD,
);

/// Connects to Zapier's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
