//! # KnowBe4 SCIM
//!
//! KnowBe4's SCIM API (KSAT) lists and reads the users of a security awareness training
//! account.
//!
//! | | |
//! |---|---|
//! | slug / feature | `knowbe4_scim` |
//! | operations | list, get |
//! | base URL | none by default: config key `base_url` (env `TRUTO_KNOWBE4_SCIM_BASE_URL`) is required, the "Tenant URL" of the account |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_KNOWBE4_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The Tenant URL and the SCIM token are both shown in the KSAT console under Account
//! Settings (SCIM). The SCIM token is not the Reporting API key.
//!
//! Quirks: KnowBe4 archives users rather than deleting them. The sync is one-way: users
//! missing from the identity provider are archived and console edits are overwritten.
//!
//! Unconfirmed: the base URL is per account and KnowBe4's own docs only point at the
//! Tenant URL; third parties use `https://training.knowbe4.com/scim/v2` (US),
//! `https://eu.knowbe4.com/scim/v2` and `https://ca.knowbe4.com/scim/v2`, and another
//! source claims `https://{region}.api.knowbe4.com/scim/v2`, so no default is set. Also
//! unconfirmed: that `GET /Users` lists without a filter, the page size, the filters,
//! extra headers, how updates work, and rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::new()
//!     .set("base_url", "https://training.knowbe4.com/scim/v2") // the account's Tenant URL
//!     .set("token", std::env::var("KNOWBE4_SCIM_TOKEN").unwrap_or_default());
//! let dir = truto_scim::presets::knowbe4_scim::connect(&config)?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The KnowBe4 SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("knowbe4_scim", "KnowBe4 SCIM")
        .note("`base_url` required (the account's Tenant URL)"),
    Quirks::STANDARD,
);

/// Connects to KnowBe4's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
