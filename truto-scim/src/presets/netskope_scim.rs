//! # Netskope SCIM
//!
//! Netskope's SCIM API (REST API v2) manages the users of a tenant; this preset lists them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `netskope_scim` |
//! | operations | list |
//! | base URL | `https://{tenant}.goskope.com/api/v2/scim`; config key `tenant` (env `TRUTO_NETSKOPE_SCIM_TENANT`) |
//! | auth | `Netskope-Api-Token: <token>`; config key `token` (env `TRUTO_NETSKOPE_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The token is a REST API v2 token (Settings › Tools › REST API v2 › New Token) granted the
//! endpoints `api/v2/scim/Users` and `api/v2/scim/Groups`; a token of another kind is
//! refused with a bare 403 (a third-party report). `tenant` is the part of the tenant's host before
//! `.goskope.com`; the old `addon-{tenant}` host is deprecated. A tenant whose host does
//! not have this shape is reached by setting `base_url`.
//!
//! Quirks: the user name need not be an email. The tenant's IP allowlist can block calls.
//! Users created through the API are invited by email and must afterwards be changed
//! through the API.
//!
//! Unconfirmed: the `Netskope-Api-Token` header comes from public scripts, not Netskope's
//! reference (identity providers send the same token as a Bearer token, which probably
//! works too). `userName eq` filters appear only in third-party code, so no filter is
//! declared. The page size and rate limits are not documented.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::from_env("netskope_scim"); // TRUTO_NETSKOPE_SCIM_TENANT, _TOKEN
//! let dir = truto_scim::presets::netskope_scim::connect(&config)?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::Credential;
use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Netskope SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("netskope_scim", "Netskope SCIM")
        .note("needs `tenant`; token in `Netskope-Api-Token`")
        .base_url("https://{tenant}.goskope.com/api/v2/scim")
        .credentials(&[Credential::header("Netskope-Api-Token", "token")])
        .config(&[
            ConfigKey::required("tenant", "the tenant name (`acme` in acme.goskope.com)"),
            ConfigKey::secret("token", "REST API v2 token with the SCIM endpoints"),
        ]),
    Quirks::STANDARD,
);

/// Connects to Netskope's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
