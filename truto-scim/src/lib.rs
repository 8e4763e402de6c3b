#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod client;
pub mod generic;
pub mod presets;
mod wire;

#[cfg(feature = "testing")]
pub mod testing;

#[cfg(feature = "demo")]
pub mod demo;

pub use client::{Preset, ScimDirectory};

use truto_core::Registry;

macro_rules! register_presets {
    ($registry:ident; $($feature:literal => $module:ident),* $(,)?) => {
        $(
            #[cfg(feature = $feature)]
            $registry.register(&presets::$module::PRESET.integration, presets::$module::connect);
        )*
    };
}

/// Registers the generic SCIM client and every preset compiled in.
pub fn register(registry: &mut Registry) {
    registry.register(&generic::PRESET.integration, generic::connect);
    register_presets!(registry;
        "airtable_scim" => airtable_scim,
        "amplitude_scim" => amplitude_scim,
        "braze" => braze,
        "canva" => canva,
        "docker_hub_scim" => docker_hub_scim,
        "figma_scim" => figma_scim,
        "github_enterprise_scim" => github_enterprise_scim,
        "ironclad" => ironclad,
        "jostle_scim" => jostle_scim,
        "knowbe4_scim" => knowbe4_scim,
        "miro_scim" => miro_scim,
        "mixpanel_scim" => mixpanel_scim,
        "monday_com_scim" => monday_com_scim,
        "netskope_scim" => netskope_scim,
        "notion_scim" => notion_scim,
        "peakon_scim" => peakon_scim,
        "pendo_scim" => pendo_scim,
        "postman_scim" => postman_scim,
        "sailpoint_identityiq_scim" => sailpoint_identityiq_scim,
        "servicenow_scim" => servicenow_scim,
        "travelperk" => travelperk,
        "zapier_scim" => zapier_scim,
        "zoominfo_scim" => zoominfo_scim,
        "zscaler_zpa_scim" => zscaler_zpa_scim,
    );
}
