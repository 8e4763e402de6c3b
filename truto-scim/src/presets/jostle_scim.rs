//! # Jostle SCIM
//!
//! Jostle's User Provisioning API (SCIM 2.0) manages the users of a Jostle intranet; this
//! preset lists them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `jostle_scim` |
//! | operations | list |
//! | base URL | none by default: config key `base_url` (env `TRUTO_JOSTLE_SCIM_BASE_URL`) is required |
//! | auth | `Authorization: Bearer <API key>`; config key `token` (env `TRUTO_JOSTLE_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The API key is created under Admin Settings › User Data To/From Other Systems › Manage
//! User Provisioning; Jostle Support may have to enable that page first.
//!
//! Quirks: users only (no Groups resource). Jostle extends the user with the schema
//! `urn:ietf:params:scim:schemas:extension:jostle:2.0:User` (e.g. `alternateEmail1`),
//! which stays in `remote_data`.
//!
//! Unconfirmed, and so not assumed: the base URL (Jostle's article links an API
//! documentation page that was not available; `https://{tenant}.jostle.us/scim/v2` is a
//! guess, which is why no default is set), that the API key is sent as a Bearer token,
//! that `GET /Users` lists without a filter (only "get user by id" was seen), the page
//! size, the filters, and rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::jostle_scim::connect(&Config::from_env("jostle_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Jostle SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("jostle_scim", "Jostle SCIM"),
    Quirks::STANDARD,
);

/// Connects to Jostle's User Provisioning API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
