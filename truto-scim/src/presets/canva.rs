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
//! | rate limit | creating a user: 1 request a second (other endpoints: not documented) |
//!
//! The token is the SCIM token Canva issues to the team for SCIM provisioning; where in
//! Canva's settings it is generated was not checked. SCIM needs Canva Enterprise with a
//! single team; organizations with several teams cannot use it.
//!
//! ## Roles and emails
//!
//! A Canva user has one role, a top-level `role` string (not SCIM's `roles` list), which
//! Canva documents as one of `Member`, `Teacher`, `Staff`, `Admin`, `Template-designer`,
//! `Aide`, `Administrator`, `School administrator`, `School`, `Tenant`, `Faculty`. Canva
//! does not refuse any other value: "if an invalid value is provided, the role defaults to
//! Member", so an update with a misspelt role would silently demote an administrator.
//! The preset therefore refuses, before sending, an update whose `roles` is not exactly one
//! of those values (`InvalidInput`, naming them); the value is matched without regard to
//! case and sent as Canva spells it (values are case-sensitive), as
//! `{"op":"replace","path":"role","value":"Admin"}`. A user's `role` is read into its
//! unified `roles` (`id` and `name` both the value).
//!
//! Canva "only supports one email address for each user", of type `work`, marked primary:
//! an update with several `emails` is refused before sending, and the one address is sent
//! as primary unless it says otherwise (an address without a `type` is sent as `work`).
//!
//! ## Quirks
//!
//! The list envelope holds the users under a lower-case `resources`, not the RFC's
//! `Resources`; the client reads both. `userName` is the SAML NameID, which need not be an
//! email, and Canva filters only on `userName` and `externalId`, so `find_by_email` pages
//! through the whole team (ten users a request) and matches locally. Listing includes
//! deactivated users. Canva does not implement `DELETE`: deprovision by setting the status
//! to inactive (`replace active false`). Request bodies must be `application/scim+json`,
//! and parameters and values are case-sensitive.
//!
//! ## Not confirmed
//!
//! - That a `PATCH` `replace` with the path `role` changes the role: Canva documents `role`
//!   for creating a user, and `PATCH` paths in general, with no example for `role`.
//! - Rate limits other than creation's. Which other attributes Canva lets a `PATCH`
//!   change, beyond `active`, `name` and the work email, was not checked; the preset
//!   declares the common SCIM update fields, and Canva may refuse some of them (for
//!   example `password` or `timezone`).
//!
//! ## Sources
//!
//! - <https://www.canva.dev/docs/scim/> (base URL, case sensitivity, availability)
//! - <https://www.canva.dev/docs/scim/create-user/> (`role` values and the Member fallback, one `work` email)
//! - <https://www.canva.dev/docs/scim/update-individual-attributes-user/> (`PATCH`, deprovisioning)
//! - <https://www.canva.dev/docs/scim/delete-user/> (no `DELETE`)
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

/// The roles Canva documents for a user's `role`, spelled as Canva spells them.
pub const ROLES: &[&str] = &[
    "Member",
    "Teacher",
    "Staff",
    "Admin",
    "Template-designer",
    "Aide",
    "Administrator",
    "School administrator",
    "School",
    "Tenant",
    "Faculty",
];

/// The Canva preset.
pub static PRESET: Preset = Preset::new(
    super::scim("canva", "Canva")
        .note("pages of at most 10; no email filter; one documented role per update")
        .base_url("https://www.canva.com/_scim/v2")
        .update(super::UPDATE_FIELDS)
        .filters(&[FilterRule::native(Filter::Username)])
        .page_size(10, 10),
    Quirks::STANDARD.single_email().single_role(ROLES),
);

/// Connects to Canva's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
