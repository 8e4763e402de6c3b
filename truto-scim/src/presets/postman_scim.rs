//! # Postman SCIM
//!
//! Postman's SCIM API lists and reads the members of a team, and activates or deactivates
//! them (Enterprise plan).
//!
//! | | |
//! |---|---|
//! | slug / feature | `postman_scim` |
//! | operations | list, get, update (`status` only, by one path-less `PATCH` `replace`) |
//! | base URL | `https://api.getpostman.com/scim/v2` |
//! | auth | `x-api-key: <API key>`; config key `token` (env `TRUTO_POSTMAN_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); the maximum is not documented |
//! | filters | `username` (`userName eq "…"`); `email`, written as `userName eq "…"`, used by `find_by_email` |
//!
//! The token is a Postman API key, sent in the `x-api-key` header (not as a Bearer token).
//!
//! Quirks: Postman changes a user's state with one `replace` operation without a `path`:
//! `{"op":"replace","value":{"active":false}}`. Deactivating removes the user from the team
//! and keeps their data; `active: true` brings them back. That is the only change its API
//! models, so `status` is the only update field. Postman's example filters on `userName`
//! with an email, so email filters are written on `userName`. Postman documents no
//! `DELETE` for users.
//!
//! Unconfirmed: the update's `PATCH` form comes from Postman's published API collection
//! and an SDK generated from it, not from the reference pages. Also unconfirmed: the
//! largest `count`, whether `emails` filters work, and rate limits. Older
//! Postman collections sent the key as `Authorization: <key>` as well; the preset follows
//! the current reference, which requires `x-api-key`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UpdateUser, UserDirectoryExt, UserStatus};
//! let dir = truto_scim::presets::postman_scim::connect(&Config::from_env("postman_scim"))?;
//! for user in dir.find_by_email("ada@example.com", ListUsers::new()).await? {
//!     dir.update_user(&user.id, UpdateUser::new().status(UserStatus::Inactive)).await?;
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::{Credential, FilterRule, UpdateField};
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{EmailFilter, Preset, Quirks, ScimDirectory};

/// The Postman SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("postman_scim", "Postman SCIM")
        .base_url("https://api.getpostman.com/scim/v2")
        .credentials(&[Credential::header("x-api-key", "token")])
        .config(&[ConfigKey::secret("token", "Postman API key")])
        .update(&[UpdateField::native("status")])
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
        ])
        .email_filter(Filter::Email),
    Quirks::STANDARD
        .patch_value_map()
        .email_filter(EmailFilter::UserName),
);

/// Connects to Postman's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
