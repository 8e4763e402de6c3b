//! # Ironclad
//!
//! Ironclad exposes its users only through SCIM 2.0; this preset lists them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `ironclad` |
//! | operations | list |
//! | base URL | `https://{region}.ironcladapp.com/scim/v2`; config key `region` (env `TRUTO_IRONCLAD_REGION`), `na1` when unset (the documented `https://na1.ironcladapp.com/scim/v2`), or `eu1` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_IRONCLAD_TOKEN`) |
//! | extra header | `x-as-user-email` from config key `as_user_email`, or `x-as-user-id` from `as_user_id`, when set |
//! | page size | 25 by default, at most 1000 (`count`) |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! The token is either an OAuth client-credentials token with the scopes
//! `scim.users.readUsers` and `scim.users.create`, or a SCIM-scoped token created under
//! Company Settings › Integrations › SAML › SCIM Configuration. A client-credentials token
//! acts on behalf of a user, named by `x-as-user-email` (or `x-as-user-id`): set
//! `as_user_email` (or `as_user_id`) for such tokens; a SCIM-scoped token needs neither.
//!
//! Quirks: users are listed in creation order. Ironclad users cannot be marked inactive:
//! `active: false` removes them from the company (this preset does not update). Ironclad
//! supports `excludedAttributes`, which can be passed as a remote query. SCIM needs the
//! Enterprise plan and SAML set up first.
//!
//! Unconfirmed: the `eu1` region and a `demo` sandbox region come from a third-party API
//! description (Ironclad's reference shows `https://na1.ironcladapp.com/scim/v2`, hence
//! the default); a base URL without a region prefix was not seen. Ironclad says filters
//! follow RFC 7644, but not which attributes it accepts, so none is declared. Rate limits
//! are not documented.
//!
//! Source: Ironclad's SCIM API reference (the `na1` base URL); it was not looked up again
//! when the `na1` default was added.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::new() // `region` defaults to `na1`
//!     .set("token", std::env::var("IRONCLAD_TOKEN").unwrap_or_default())
//!     .set("as_user_email", "admin@example.com");
//! let dir = truto_scim::presets::ironclad::connect(&config)?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::{Config, Result, UserDirectory};

use crate::client::{HeaderValueFrom, Preset, Quirks, ScimDirectory};

/// The Ironclad preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("ironclad", "Ironclad")
        .note("`region` (`na1`, the default, or `eu1`); optional `as_user_email`")
        .base_url("https://{region}.ironcladapp.com/scim/v2")
        .config(&[
            ConfigKey::optional("region", "the Ironclad region: na1 (the default) or eu1"),
            ConfigKey::secret(
                "token",
                "OAuth client-credentials token or SCIM-scoped token",
            ),
            ConfigKey::optional(
                "as_user_email",
                "the user a client-credentials token acts as (x-as-user-email)",
            ),
            ConfigKey::optional(
                "as_user_id",
                "the user id a client-credentials token acts as (x-as-user-id)",
            ),
        ])
        .page_size(25, 1000),
    Quirks::STANDARD
        .headers(&[
            (
                "x-as-user-email",
                HeaderValueFrom::OptionalConfig("as_user_email"),
            ),
            (
                "x-as-user-id",
                HeaderValueFrom::OptionalConfig("as_user_id"),
            ),
        ])
        .config_defaults(&[("region", "na1")]),
);

/// Connects to Ironclad's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
