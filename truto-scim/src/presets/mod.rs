//! Presets for SCIM-speaking providers: each is the provider's metadata, auth and quirks
//! on top of the generic client, behind a cargo feature named by its slug.
//!
//! Facts were checked against each provider's documentation; where a fact could not be
//! confirmed, the preset's docs say so rather than guess.

use truto_core::provider::{Credential, UpdateField};
use truto_core::{ConfigKey, Family, Integration, PaginationStyle};

/// Update fields every SCIM preset that updates can change (the client writes them).
pub const UPDATE_FIELDS: &[UpdateField] = &[
    UpdateField::native("status"),
    UpdateField::native("name"),
    UpdateField::native("first_name"),
    UpdateField::native("last_name"),
    UpdateField::native("username"),
    UpdateField::native("title"),
    UpdateField::native("timezone"),
    UpdateField::native("user_type"),
    UpdateField::native("password"),
    UpdateField::native("emails"),
    UpdateField::native("phones"),
    UpdateField::native("languages"),
    UpdateField::native("roles"),
];

/// The credential of presets authenticated by one bearer token.
pub(crate) const BEARER: &[Credential] = &[Credential::bearer("token")];

/// Config of presets authenticated by one token.
pub(crate) const TOKEN: &[ConfigKey] = &[ConfigKey::secret("token", "SCIM token")];

/// The starting point of every preset: SCIM paging, get, bearer auth.
// Unused in a build whose only presets start from `scim_list_only`.
#[allow(dead_code)]
pub(crate) const fn scim(slug: &'static str, name: &'static str) -> Integration {
    Integration::new(slug, name, Family::Scim)
        .list(PaginationStyle::ScimStartIndex)
        .get()
        .credentials(BEARER)
        .config(TOKEN)
        .page_size(100, 1000)
}

/// Like [`scim`], for presets whose reference supports listing only (no get).
// Unused in a build whose only presets start from `scim`.
#[allow(dead_code)]
pub(crate) const fn scim_list_only(slug: &'static str, name: &'static str) -> Integration {
    Integration::new(slug, name, Family::Scim)
        .list(PaginationStyle::ScimStartIndex)
        .credentials(BEARER)
        .config(TOKEN)
        .page_size(100, 1000)
}

#[cfg(feature = "airtable_scim")]
pub mod airtable_scim;
#[cfg(feature = "amplitude_scim")]
pub mod amplitude_scim;
#[cfg(feature = "braze")]
pub mod braze;
#[cfg(feature = "canva")]
pub mod canva;
#[cfg(feature = "docker_hub_scim")]
pub mod docker_hub_scim;
#[cfg(feature = "figma_scim")]
pub mod figma_scim;
#[cfg(feature = "github_enterprise_scim")]
pub mod github_enterprise_scim;
#[cfg(feature = "ironclad")]
pub mod ironclad;
#[cfg(feature = "jostle_scim")]
pub mod jostle_scim;
#[cfg(feature = "knowbe4_scim")]
pub mod knowbe4_scim;
#[cfg(feature = "miro_scim")]
pub mod miro_scim;
#[cfg(feature = "mixpanel_scim")]
pub mod mixpanel_scim;
#[cfg(feature = "monday_com_scim")]
pub mod monday_com_scim;
#[cfg(feature = "netskope_scim")]
pub mod netskope_scim;
#[cfg(feature = "notion_scim")]
pub mod notion_scim;
#[cfg(feature = "peakon_scim")]
pub mod peakon_scim;
#[cfg(feature = "pendo_scim")]
pub mod pendo_scim;
#[cfg(feature = "postman_scim")]
pub mod postman_scim;
#[cfg(feature = "sailpoint_identityiq_scim")]
pub mod sailpoint_identityiq_scim;
#[cfg(feature = "servicenow_scim")]
pub mod servicenow_scim;
#[cfg(feature = "travelperk")]
pub mod travelperk;
#[cfg(feature = "zapier_scim")]
pub mod zapier_scim;
#[cfg(feature = "zoominfo_scim")]
pub mod zoominfo_scim;
#[cfg(feature = "zscaler_zpa_scim")]
pub mod zscaler_zpa_scim;
