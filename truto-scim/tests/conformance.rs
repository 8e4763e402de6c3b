//! The shared conformance scenarios over the generic SCIM client and every preset (but Braze,
//! which cannot list without an email filter: see `braze.rs`).

use truto_scim::testing::ScimSim;

mod generic {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::generic::PRESET));
}

mod generic_patch_returns_user {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::generic::PRESET).patch_returns_user());
}

#[cfg(feature = "airtable_scim")]
mod airtable_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::airtable_scim::PRESET));
}

#[cfg(feature = "amplitude_scim")]
mod amplitude_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::amplitude_scim::PRESET));
}

#[cfg(feature = "canva")]
mod canva {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::canva::PRESET));
}

#[cfg(feature = "docker_hub_scim")]
mod docker_hub_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::docker_hub_scim::PRESET));
}

#[cfg(feature = "figma_scim")]
mod figma_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::figma_scim::PRESET));
}

#[cfg(feature = "github_enterprise_scim")]
mod github_enterprise_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(
        &truto_scim::presets::github_enterprise_scim::PRESET
    ));
}

#[cfg(feature = "ironclad")]
mod ironclad {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::ironclad::PRESET));
}

#[cfg(feature = "jostle_scim")]
mod jostle_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::jostle_scim::PRESET));
}

#[cfg(feature = "knowbe4_scim")]
mod knowbe4_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::knowbe4_scim::PRESET));
}

#[cfg(feature = "miro_scim")]
mod miro_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::miro_scim::PRESET));
}

#[cfg(feature = "mixpanel_scim")]
mod mixpanel_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::mixpanel_scim::PRESET));
}

#[cfg(feature = "monday_com_scim")]
mod monday_com_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::monday_com_scim::PRESET));
}

#[cfg(feature = "netskope_scim")]
mod netskope_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::netskope_scim::PRESET));
}

#[cfg(feature = "notion_scim")]
mod notion_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::notion_scim::PRESET));
}

#[cfg(feature = "peakon_scim")]
mod peakon_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::peakon_scim::PRESET));
}

#[cfg(feature = "pendo_scim")]
mod pendo_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::pendo_scim::PRESET));
}

#[cfg(feature = "postman_scim")]
mod postman_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::postman_scim::PRESET));
}

#[cfg(feature = "sailpoint_identityiq_scim")]
mod sailpoint_identityiq_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(
        &truto_scim::presets::sailpoint_identityiq_scim::PRESET
    ));
}

#[cfg(feature = "servicenow_scim")]
mod servicenow_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::servicenow_scim::PRESET));
}

#[cfg(feature = "travelperk")]
mod travelperk {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::travelperk::PRESET));
}

#[cfg(feature = "zapier_scim")]
mod zapier_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::zapier_scim::PRESET));
}

#[cfg(feature = "zoominfo_scim")]
mod zoominfo_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::zoominfo_scim::PRESET));
}

#[cfg(feature = "zscaler_zpa_scim")]
mod zscaler_zpa_scim {
    use super::*;
    truto_core::conformance_tests!(ScimSim::new(&truto_scim::presets::zscaler_zpa_scim::PRESET));
}
