//! # Any SCIM 2.0 endpoint
//!
//! The generic client for a SCIM 2.0 service provider not covered by a preset.
//!
//! | | |
//! |---|---|
//! | slug | `scim` (always compiled) |
//! | operations | list, get, update (PATCH with `replace` operations) |
//! | base URL | config key `base_url`, the URL that `/Users` is relative to |
//! | auth | `token` (Bearer), or `username` and `password` (Basic) |
//! | filters | `email` (`emails.value eq`), `username` (`userName eq`), `status` (`active eq`) |
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::new()
//!     .set("base_url", "https://scim.example.com/scim/v2")
//!     .set("token", std::env::var("SCIM_TOKEN").unwrap_or_default());
//! let dir = truto_scim::generic::connect(&config)?;
//! let users = dir.collect_users(ListUsers::new()).await?;
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, Family, Filter, Integration, PaginationStyle, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};
use crate::presets::UPDATE_FIELDS;

/// The generic SCIM 2.0 integration.
pub static PRESET: Preset = Preset::new(
    Integration::new("scim", "SCIM 2.0", Family::Scim)
        .note("`base_url` + `token`, or `username`/`password`")
        .list(PaginationStyle::ScimStartIndex)
        .get()
        .update(UPDATE_FIELDS)
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
            FilterRule::native(Filter::Status),
        ])
        .email_filter(Filter::Email)
        .credentials(&[
            Credential::bearer("token"),
            Credential::basic("{username}", "password"),
        ])
        .config(&[
            ConfigKey::optional_secret("token", "bearer token"),
            ConfigKey::optional("username", "Basic auth user (when no token)"),
            ConfigKey::optional_secret("password", "Basic auth password"),
        ])
        .page_size(100, 1000),
    Quirks::STANDARD,
);

/// Connects to a SCIM 2.0 endpoint.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
