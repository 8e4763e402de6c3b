//! # Airtable SCIM
//!
//! Airtable's SCIM API lists and reads the users of an enterprise account.
//!
//! | | |
//! |---|---|
//! | slug / feature | `airtable_scim` |
//! | operations | list, get |
//! | base URL | `https://airtable.com/scim/v2` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_AIRTABLE_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); Airtable documents no maximum |
//! | filters | `username` (`userName eq "…"`); `email`, written as `userName eq "…"`, used by `find_by_email` |
//!
//! The token is a personal access token, or an OAuth integration's token, with the scope
//! `enterprise.scim.usersAndGroups:manage`, belonging to an enterprise admin. Admins of
//! several enterprise accounts should use a service account's token, which belongs to one.
//!
//! Quirks: the user name is the user's Airtable email, and equality on `userName` is the
//! only filter Airtable supports (`emails.value eq` is not), so email filters are written
//! on `userName`. Without `count` Airtable returns every user at once; the preset always
//! pages. Airtable's docs show both `airtable.com` and `api.airtable.com` as the host; the
//! default is the former, and `base_url` overrides it. SCIM needs the Business,
//! Enterprise (legacy) or Enterprise Scale plan.
//!
//! Unconfirmed: the largest `count` Airtable accepts (a third-party API description says
//! 100), its rate limits, and how updates behave, so updating is not declared.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::airtable_scim::connect(&Config::from_env("airtable_scim"))?;
//! for user in dir.find_by_email("ada@example.com", ListUsers::new()).await? {
//!     println!("{} {:?}", user.id, user.name);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::FilterRule;
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{EmailFilter, Preset, Quirks, ScimDirectory};

/// The Airtable SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("airtable_scim", "Airtable SCIM")
        .base_url("https://airtable.com/scim/v2")
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
        ])
        .email_filter(Filter::Email),
    Quirks::STANDARD.email_filter(EmailFilter::UserName),
);

/// Connects to Airtable's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
