//! # Airtable SCIM
//!
//! Airtable's SCIM API lists, reads, activates and deactivates the managed users of an
//! enterprise account.
//!
//! | | |
//! |---|---|
//! | slug / feature | `airtable_scim` |
//! | operations | list, get, update (`status`, by `PATCH` `replace active`) |
//! | base URL | `https://airtable.com/scim/v2` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_AIRTABLE_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); Airtable documents no maximum |
//! | filters | one at a time: `username` (`userName eq "…"`), or `email`, written as `userName eq "…"` and used by `find_by_email` |
//!
//! The token is a personal access token, or an OAuth integration's token, with the scope
//! `enterprise.scim.usersAndGroups:manage`, belonging to an enterprise admin. Admins of
//! several enterprise accounts should use a service account's token, which belongs to one.
//!
//! **Managed users only.** The listing holds the enterprise account's *managed* users;
//! people who reach the enterprise's bases without being managed by it (outside
//! collaborators, for example) are not listed and cannot be read or updated here. An
//! access review that needs everyone with access must look elsewhere.
//!
//! Updates: Airtable documents `PATCH` and `PUT` on `/Users/{id}` setting `active`; the
//! preset sends `{"op":"replace","path":"active","value":false}` (or `true`), and only
//! the status is declared.
//!
//! Quirks: the user name is the user's Airtable email, and a single equality on
//! `userName` is the only filter Airtable supports (`emails.value eq` is not, nor `and`),
//! so email filters are written on `userName`, and a listing given both an email and a
//! user name is refused before sending (`InvalidInput`) instead of sending
//! `userName eq "…" and userName eq "…"`. Without `count` Airtable returns every user at
//! once; the preset always pages. Airtable's docs show both `airtable.com` and
//! `api.airtable.com` as the host; the default is the former, and `base_url` overrides it.
//! SCIM needs the Business, Enterprise (legacy) or Enterprise Scale plan.
//!
//! Unconfirmed: the largest `count` Airtable accepts (a third-party API description says
//! 100) and its rate limits. The managed-users scope, the `PATCH`/`PUT` of `active` and
//! the single `userName eq` filter are as Airtable's SCIM reference is reported to say;
//! they were not confirmed by a look-up when this module was last changed.
//!
//! Source: Airtable's Web API reference, SCIM section
//! (<https://airtable.com/developers/web/api/introduction>).
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

use truto_core::provider::{FilterRule, UpdateField};
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{EmailFilter, Preset, Quirks, ScimDirectory};

/// The Airtable SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("airtable_scim", "Airtable SCIM")
        .note("Enterprise; lists managed users only; filters by user name (the email) or email, one at a time; status updates")
        .base_url("https://airtable.com/scim/v2")
        .update(&[UpdateField::native("status")])
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
        ])
        .single_filter()
        .email_filter(Filter::Email),
    Quirks::STANDARD.email_filter(EmailFilter::UserName),
);

/// Connects to Airtable's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
