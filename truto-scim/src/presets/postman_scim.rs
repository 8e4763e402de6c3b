//! # Postman SCIM
//!
//! Postman's SCIM API lists and reads the members of a team, activates or deactivates
//! them, and changes their first and last names (Enterprise plan).
//!
//! | | |
//! |---|---|
//! | slug / feature | `postman_scim` |
//! | operations | list, get, update: `status` by one path-less `PATCH` `replace`; `first_name` and `last_name` by a `PUT` of `name` |
//! | base URL | `https://api.getpostman.com/scim/v2` |
//! | auth | `x-api-key: <API key>`; config key `token` (env `TRUTO_POSTMAN_SCIM_TOKEN`) |
//! | page size | 100 by default (`count`); the maximum is not documented |
//! | filters | `username` (`userName eq "…"`); `email`, written as `userName eq "…"`, used by `find_by_email` |
//!
//! The token is a Postman API key, sent in the `x-api-key` header (not as a Bearer token).
//!
//! ## Updates
//!
//! Postman models two changes, each with its own request:
//!
//! - **Status**: one `replace` operation without a `path`,
//!   `{"op":"replace","value":{"active":false}}`. Deactivating removes the user from the
//!   team and keeps their data; `active: true` brings them back.
//! - **First and last name** ("Update a user's information"): `PUT /Users/{id}` with
//!   `{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"name":{"givenName":…,"familyName":…}}`
//!   and nothing else. An update that gives one of the two names reads the user first and
//!   sends the other unchanged, so a `PUT` never blanks it.
//!
//! An update that changes the status and a name together is refused before sending
//! (`InvalidInput`): two requests could leave half of it applied. Send two updates.
//!
//! Quirks: Postman's example filters on `userName` with an email, so email filters are
//! written on `userName`. Postman documents no `DELETE` for users.
//!
//! Unconfirmed: the forms of both requests come from Postman's published API collection
//! and OpenAPI description (and a client generated from it, whose "update user
//! information" sends `PUT` with `schemas` and `name`), not from the reference pages;
//! whether Postman needs both names in the `PUT` (the preset always sends both when the
//! user has both). Also unconfirmed: the largest `count`, whether `emails` filters work,
//! and rate limits. Older Postman collections sent the key as `Authorization: <key>` as
//! well; the preset follows the current reference, which requires `x-api-key`.
//!
//! Sources: Postman's API reference, its SCIM endpoints (the status `PATCH`, `x-api-key`;
//! not re-read for the name update); the `postman` crate generated from Postman's OpenAPI
//! description (<https://docs.rs/crate/postman/latest/source/src/request/update_user_information.rs>:
//! `PUT /scim/v2/Users/{user_id}` with `schemas` and `name`).
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
        .note("token in `x-api-key`; updates status or names (not both at once)")
        .base_url("https://api.getpostman.com/scim/v2")
        .credentials(&[Credential::header("x-api-key", "token")])
        .config(&[ConfigKey::secret("token", "Postman API key")])
        .update(&[
            UpdateField::native("status"),
            UpdateField::native("first_name"),
            UpdateField::native("last_name"),
        ])
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
        ])
        .email_filter(Filter::Email),
    Quirks::STANDARD
        .patch_status_put_name()
        .email_filter(EmailFilter::UserName),
);

/// Connects to Postman's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
