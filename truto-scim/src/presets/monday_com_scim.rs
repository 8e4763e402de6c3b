//! # monday.com SCIM
//!
//! monday.com's SCIM API lists and reads the users of an account (Enterprise plan).
//!
//! | | |
//! |---|---|
//! | slug / feature | `monday_com_scim` |
//! | operations | list, get |
//! | base URL | `https://{account}.monday.com/scim/v2`; config key `account` (env `TRUTO_MONDAY_COM_SCIM_ACCOUNT`), e.g. `myaccount` for `myaccount.monday.com` |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_MONDAY_COM_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! An admin generates the SCIM token under Admin › Security › SCIM. It is not a token of
//! monday.com's GraphQL API, whose complexity-based limits do not apply to SCIM.
//!
//! Quirks: teams are provisioned as SCIM Groups.
//!
//! Unconfirmed: that `GET /Users` lists without a filter (the reference integration lists
//! by `startIndex`), the page size, the filters and rate limits. monday.com documents
//! updating and deactivating users but not the method, and the reference integration
//! covers list and get only, so updating is not declared.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::from_env("monday_com_scim"); // TRUTO_MONDAY_COM_SCIM_ACCOUNT, _TOKEN
//! let dir = truto_scim::presets::monday_com_scim::connect(&config)?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The monday.com SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("monday_com_scim", "Monday.com SCIM")
        .note("needs `account`")
        .base_url("https://{account}.monday.com/scim/v2")
        .config(&[
            ConfigKey::required(
                "account",
                "the account's URL name (`myaccount` in myaccount.monday.com)",
            ),
            ConfigKey::secret("token", "SCIM token"),
        ]),
    Quirks::STANDARD,
);

/// Connects to monday.com's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
