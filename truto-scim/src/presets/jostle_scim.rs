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
//! | list | `GET /Users` paged by `startIndex` and `count`, without a filter |
//! | page size | 100 by default (`count`); the maximum is not documented |
//! | filters | `username` (`userName eq "…"`); no email filter (`find_by_email` lists and matches locally) |
//!
//! The API key is created under Admin Settings › User Data To/From Other Systems › Manage
//! User Provisioning; Jostle Support may have to enable that page first.
//!
//! Quirks: users only (no Groups resource). Jostle extends the user with the schema
//! `urn:ietf:params:scim:schemas:extension:jostle:2.0:User` (e.g. `alternateEmail1`),
//! which stays in `remote_data`.
//!
//! Jostle documents listing `GET /Users` without a filter, paged with `startIndex` and
//! `count`, and filtering it with `userName eq "…"`, the only filter declared.
//!
//! Unconfirmed, and so not assumed: the base URL (no default is set;
//! `https://{tenant}.jostle.us/scim/v2` would be a guess), that the API key is sent as a
//! Bearer token, the largest page, whether `userName` is the email (so email filters are
//! not written on it), other filters, and rate limits. The paging and `userName eq` facts
//! above are as Jostle's User Provisioning API documentation is reported to say; they were
//! not confirmed by a look-up when this module was last changed.
//!
//! Source: Jostle's help-centre article on the User Provisioning API and the API
//! documentation it links.
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

use truto_core::provider::FilterRule;
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Jostle SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("jostle_scim", "Jostle SCIM")
        .note("`base_url` required (not published); filters by user name")
        .filters(&[FilterRule::native(Filter::Username)]),
    Quirks::STANDARD,
);

/// Connects to Jostle's User Provisioning API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
