#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "adaptive")]
pub mod adaptive;
#[cfg(feature = "apono")]
pub mod apono;
#[cfg(feature = "auth0")]
pub mod auth0;
#[cfg(feature = "azure_active_directory")]
pub mod azure_active_directory;
#[cfg(feature = "bitwarden")]
pub mod bitwarden;
#[cfg(feature = "britive")]
pub mod britive;
#[cfg(feature = "cyberark")]
pub mod cyberark;
#[cfg(feature = "cyberark_identity_management")]
pub mod cyberark_identity_management;
#[cfg(feature = "dashlane")]
pub mod dashlane;
#[cfg(feature = "duo")]
pub mod duo;
#[cfg(feature = "google")]
pub mod google;
#[cfg(feature = "google_workspace")]
pub mod google_workspace;
#[cfg(feature = "helloid")]
pub mod helloid;
#[cfg(feature = "jamf")]
pub mod jamf;
#[cfg(feature = "jumpcloud")]
pub mod jumpcloud;
#[cfg(feature = "kandji")]
pub mod kandji;
#[cfg(feature = "keeper")]
pub mod keeper;
#[cfg(feature = "lastpass")]
pub mod lastpass;
#[cfg(feature = "microsoft_365")]
pub mod microsoft_365;
#[cfg(feature = "miniorange")]
pub mod miniorange;
#[cfg(feature = "ninjaone")]
pub mod ninjaone;
#[cfg(feature = "okta")]
pub mod okta;
#[cfg(feature = "onelogin")]
pub mod onelogin;
#[cfg(feature = "pingone")]
pub mod pingone;
#[cfg(feature = "sailpoint_identity_security_cloud")]
pub mod sailpoint_identity_security_cloud;
#[cfg(feature = "sailpoint_nerm")]
pub mod sailpoint_nerm;
#[cfg(feature = "torii")]
pub mod torii;
#[cfg(feature = "zoho_vault")]
pub mod zoho_vault;

use truto_core::provider::declarative::Spec;
use truto_core::{Integration, Registry};

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "apono")]
    &apono::SPEC,
    #[cfg(feature = "auth0")]
    &auth0::SPEC,
    #[cfg(feature = "bitwarden")]
    &bitwarden::SPEC,
    #[cfg(feature = "britive")]
    &britive::SPEC,
    #[cfg(feature = "cyberark")]
    &cyberark::SPEC,
    #[cfg(feature = "cyberark_identity_management")]
    &cyberark_identity_management::SPEC,
    #[cfg(feature = "dashlane")]
    &dashlane::SPEC,
    #[cfg(feature = "helloid")]
    &helloid::SPEC,
    #[cfg(feature = "jamf")]
    &jamf::SPEC,
    #[cfg(feature = "jumpcloud")]
    &jumpcloud::SPEC,
    #[cfg(feature = "kandji")]
    &kandji::SPEC,
    #[cfg(feature = "keeper")]
    &keeper::SPEC,
    #[cfg(feature = "ninjaone")]
    &ninjaone::SPEC,
    #[cfg(feature = "onelogin")]
    &onelogin::SPEC,
    #[cfg(feature = "pingone")]
    &pingone::SPEC,
    #[cfg(feature = "sailpoint_identity_security_cloud")]
    &sailpoint_identity_security_cloud::SPEC,
    #[cfg(feature = "sailpoint_nerm")]
    &sailpoint_nerm::SPEC,
    #[cfg(feature = "torii")]
    &torii::SPEC,
    #[cfg(feature = "zoho_vault")]
    &zoho_vault::SPEC,
];

/// The integrations of this crate reached only through Truto (no public API to call).
pub static TRUTO_ONLY: &[&Integration] = &[
    #[cfg(feature = "adaptive")]
    &adaptive::INTEGRATION,
    #[cfg(feature = "miniorange")]
    &miniorange::INTEGRATION,
];

/// Registers every integration of this crate that is compiled in.
#[allow(unused_variables)]
pub fn register(registry: &mut Registry) {
    #[cfg(feature = "azure_active_directory")]
    registry.register(
        &azure_active_directory::INTEGRATION,
        azure_active_directory::connect,
    );
    #[cfg(feature = "duo")]
    registry.register(&duo::INTEGRATION, duo::connect);
    #[cfg(feature = "google")]
    registry.register(&google::INTEGRATION, google::connect);
    #[cfg(feature = "google_workspace")]
    registry.register(&google_workspace::INTEGRATION, google_workspace::connect);
    #[cfg(feature = "lastpass")]
    registry.register(&lastpass::INTEGRATION, lastpass::connect);
    #[cfg(feature = "microsoft_365")]
    registry.register(&microsoft_365::INTEGRATION, microsoft_365::connect);
    #[cfg(feature = "okta")]
    registry.register(&okta::INTEGRATION, okta::connect);
    for spec in SPECS {
        registry.register_spec(spec);
    }
    for integration in TRUTO_ONLY {
        registry.register_truto_only(integration);
    }
}
