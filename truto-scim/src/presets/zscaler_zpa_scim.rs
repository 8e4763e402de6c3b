//! # Zscaler Private Access SCIM
//!
//! Zscaler Private Access (ZPA) takes users from an identity provider over SCIM 2.0; this
//! preset lists the users of one IdP's SCIM endpoint.
//!
//! | | |
//! |---|---|
//! | slug / feature | `zscaler_zpa_scim` |
//! | operations | list |
//! | base URL | none by default: config key `base_url` (env `TRUTO_ZSCALER_ZPA_SCIM_BASE_URL`) is required, of the form `https://{hostname}/scim/{userdb}/{idpId}/v2` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_ZSCALER_ZPA_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! Each IdP configured in ZPA has its own SCIM endpoint and token. Copy the "SCIM Service
//! Provider Endpoint" from the IdP's configuration in the ZPA admin portal into `base_url`
//! (Zscaler's example: `https://scim1.private.zscaler.com/scim/1/144118148382065427/v2`),
//! and generate the token there ("Generate New Token"; it is shown once).
//!
//! Quirks: Zscaler warns the endpoint "might differ depending on your organization's IdP
//! configuration", which is why the whole URL is configured rather than its parts. In
//! Zscaler's example `active` is the string `"true"`, not a boolean; the client reads
//! both. Ids are numeric strings and `userType` is `ZPA User`. Custom attributes are not
//! supported. The SCIM APIs are rate limited; Zscaler Support gives the numbers (the ZIA
//! and ZIdentity limits do not apply to ZPA).
//!
//! Unconfirmed: the page size (Zscaler's example answer has `itemsPerPage: 10`, perhaps
//! the default) and which filters `/Users` accepts. Zscaler documents updates by `PUT` and
//! `PATCH`, but the reference integration covers listing only, so get and update are not
//! declared.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::from_env("zscaler_zpa_scim"); // TRUTO_ZSCALER_ZPA_SCIM_BASE_URL, _TOKEN
//! let dir = truto_scim::presets::zscaler_zpa_scim::connect(&config)?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Zscaler ZPA SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("zscaler_zpa_scim", "Zscaler ZPA SCIM")
        .note("`base_url` required (per IdP)"),
    Quirks::STANDARD,
);

/// Connects to a Zscaler ZPA IdP's SCIM endpoint.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
