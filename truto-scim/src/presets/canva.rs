//! # Canva
//!
//! Canva's SCIM API lists, reads and updates the members of a Canva Enterprise team. It is
//! Canva's only user-management API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `canva` |
//! | operations | list, get, update (`PATCH` with `replace` operations) |
//! | base URL | `https://www.canva.com/_scim/v2` |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_CANVA_TOKEN`) |
//! | page size | at most 10 (`count` must be between 1 and 10) |
//! | filters | `username` (`userName eq "…"`, the SAML NameID); no email filter |
//!
//! The token is the SCIM token Canva issues to the team for SCIM provisioning; where in
//! Canva's settings it is generated was not checked. SCIM needs Canva Enterprise with a
//! single team; organizations with several teams cannot use it.
//!
//! Quirks: the list envelope holds the users under a lower-case `resources`, not the RFC's
//! `Resources`; the client reads both. `userName` is the SAML NameID, which need not be an
//! email, and Canva filters only on `userName` and `externalId`, so `find_by_email` pages
//! through the whole team (ten users a request) and matches locally. Listing includes
//! deactivated users. Canva does not implement `DELETE`: deprovision by setting the status
//! to inactive (`replace active false`). Request bodies must be `application/scim+json`,
//! parameters and values are case-sensitive, and an email's `type` must be `work` (the
//! client writes `work` when no type is given).
//!
//! Unconfirmed: rate limits are not documented. Which attributes Canva lets a `PATCH`
//! change, beyond `active`, was not checked; the preset declares the common SCIM update
//! fields, and Canva may refuse some of them (for example `password` or `timezone`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, UpdateUser, UserDirectoryExt, UserStatus};
//! let dir = truto_scim::presets::canva::connect(&Config::from_env("canva"))?;
//! let user = dir
//!     .update_user("UAFxxxxxxxx", UpdateUser::new().status(UserStatus::Inactive))
//!     .await?;
//! println!("{} is now {:?}", user.id, user.status);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::FilterRule;
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Canva preset.
pub static PRESET: Preset = Preset::new(
    super::scim("canva", "Canva")
        .base_url("https://www.canva.com/_scim/v2")
        .update(super::UPDATE_FIELDS)
        .filters(&[FilterRule::native(Filter::Username)])
        .page_size(10, 10),
    Quirks::STANDARD,
);

/// Connects to Canva's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
