#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "activecampaign")]
pub mod activecampaign;
#[cfg(feature = "adobe_marketo_engage")]
pub mod adobe_marketo_engage;
#[cfg(feature = "apollo")]
pub mod apollo;
#[cfg(feature = "attio")]
pub mod attio;
#[cfg(feature = "avoma")]
pub mod avoma;
#[cfg(feature = "capsule")]
pub mod capsule;
#[cfg(feature = "close")]
pub mod close;
#[cfg(feature = "copper")]
pub mod copper;
#[cfg(feature = "drift")]
pub mod drift;
#[cfg(feature = "fireberry")]
pub mod fireberry;
#[cfg(feature = "fowcrm")]
pub mod fowcrm;
#[cfg(feature = "freshsales")]
pub mod freshsales;
#[cfg(feature = "gong")]
pub mod gong;
#[cfg(feature = "hubspot")]
pub mod hubspot;
#[cfg(feature = "salesforce")]
pub mod salesforce;

use truto_core::provider::declarative::Spec;
use truto_core::{Integration, Registry};

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "activecampaign")]
    &activecampaign::SPEC,
    #[cfg(feature = "adobe_marketo_engage")]
    &adobe_marketo_engage::SPEC,
    #[cfg(feature = "apollo")]
    &apollo::SPEC,
    #[cfg(feature = "attio")]
    &attio::SPEC,
    #[cfg(feature = "avoma")]
    &avoma::SPEC,
    #[cfg(feature = "capsule")]
    &capsule::SPEC,
    #[cfg(feature = "close")]
    &close::SPEC,
    #[cfg(feature = "copper")]
    &copper::SPEC,
    #[cfg(feature = "drift")]
    &drift::SPEC,
    #[cfg(feature = "freshsales")]
    &freshsales::SPEC,
    #[cfg(feature = "gong")]
    &gong::SPEC,
    #[cfg(feature = "hubspot")]
    &hubspot::SPEC,
];

/// The integrations of this crate reached only through Truto (no public API to call).
pub static TRUTO_ONLY: &[&Integration] = &[
    #[cfg(feature = "fireberry")]
    &fireberry::INTEGRATION,
    #[cfg(feature = "fowcrm")]
    &fowcrm::INTEGRATION,
];

/// Registers every integration of this crate that is compiled in.
#[allow(unused_variables)]
pub fn register(registry: &mut Registry) {
    #[cfg(feature = "salesforce")]
    registry.register(&salesforce::INTEGRATION, salesforce::connect);
    for spec in SPECS {
        registry.register_spec(spec);
    }
    for integration in TRUTO_ONLY {
        registry.register_truto_only(integration);
    }
}
