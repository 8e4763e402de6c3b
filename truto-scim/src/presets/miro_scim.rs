//! # Miro SCIM
//!
//! Miro's SCIM API lists and reads the users of a company (Enterprise plan).
//!
//! | | |
//! |---|---|
//! | slug / feature | `miro_scim` |
//! | operations | list, get |
//! | base URL | `https://miro.com/api/v1/scim` |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_MIRO_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); the maximum is not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The token is the SCIM token Miro issues to a company for SCIM provisioning (its
//! `bearerAuth` scheme); where in Miro's settings it is generated was not checked. It is
//! not a REST API token.
//!
//! Quirks: the `v1` in the path is Miro's API version; the API speaks SCIM 2.0. The user
//! name is the email. `displayName` is at most 60 characters. A SCIM Group is a Miro user
//! group on migrated organizations and a team on legacy ones.
//!
//! Unconfirmed: Miro says its list endpoint can "filter by attribute" without listing the
//! attributes, so no filter is declared; the page size and rate limits are not documented.
//! Miro documents updates (including `active` true/false) but not whether by `PATCH` or
//! `PUT`, and the reference integration covers list and get only, so updating is not
//! declared.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::miro_scim::connect(&Config::from_env("miro_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Miro SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("miro_scim", "Miro SCIM").base_url("https://miro.com/api/v1/scim"),
    Quirks::STANDARD,
);

/// Connects to Miro's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
