//! # Peakon SCIM
//!
//! Workday Peakon Employee Voice's SCIM API provisions employees; this preset lists them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `peakon_scim` |
//! | operations | list |
//! | base URL | `https://api.peakon.com/api/scim/v2`; the newer form `https://{subdomain}.peakon.com/api/scim/v2` is reached with `base_url` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_PEAKON_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); the maximum is not documented |
//! | filters | `username` (`userName eq "…"`); `email` (Peakon's `emails eq "…"`), used by `find_by_email` |
//! | rate limit | 25,000 operations an hour |
//!
//! The token is created under Administration › Integrations › Employee provisioning. SCIM
//! is available to every Peakon customer; a test environment is available on request.
//!
//! Quirks: Peakon filters on `userName`, `emails`, `externalId` and `id`; email filters are
//! written on `emails`. A bulk request counts one operation per operation it carries
//! against the rate limit.
//!
//! Unconfirmed: the host. Peakon's developer reference gives
//! `https://{subdomain}.peakon.com/api/scim/v2` and a page on legacy and future API
//! domains, while other renderings of the same reference and the help center use
//! `https://api.peakon.com` (the default here); set `base_url` for the subdomain form. The
//! largest `count` (the reference's example uses 50) is not documented. Peakon documents
//! updates by `PUT` and `PATCH`, but the reference integration covers listing only, so get
//! and update are not declared.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::peakon_scim::connect(&Config::from_env("peakon_scim"))?;
//! for user in dir.find_by_email("ada@example.com", ListUsers::new()).await? {
//!     println!("{} {:?}", user.id, user.name);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::FilterRule;
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{EmailFilter, Preset, Quirks, ScimDirectory};

/// The Peakon SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("peakon_scim", "Peakon SCIM")
        .note("filters by user name and email")
        .base_url("https://api.peakon.com/api/scim/v2")
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
        ])
        .email_filter(Filter::Email),
    Quirks::STANDARD.email_filter(EmailFilter::Emails),
);

/// Connects to Peakon's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
