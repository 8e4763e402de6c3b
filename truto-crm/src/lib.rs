#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "highlevel")]
pub mod highlevel;
#[cfg(feature = "hubspot")]
pub mod hubspot;
#[cfg(feature = "insightly")]
pub mod insightly;
#[cfg(feature = "keap")]
pub mod keap;
#[cfg(feature = "kommo")]
pub mod kommo;
#[cfg(feature = "leadsquared")]
pub mod leadsquared;
#[cfg(feature = "lemlist")]
pub mod lemlist;
#[cfg(feature = "microsoft_dynamics_365_sales")]
pub mod microsoft_dynamics_365_sales;
#[cfg(feature = "nutshell")]
pub mod nutshell;
#[cfg(feature = "onepagecrm")]
pub mod onepagecrm;
#[cfg(feature = "outreach")]
pub mod outreach;
#[cfg(feature = "pipedrive")]
pub mod pipedrive;
#[cfg(feature = "pipeline_crm")]
pub mod pipeline_crm;
#[cfg(feature = "pipeliner")]
pub mod pipeliner;
#[cfg(feature = "salesforce")]
pub mod salesforce;

use truto_core::provider::declarative::Spec;
use truto_core::{Integration, Registry};

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "highlevel")]
    &highlevel::SPEC,
    #[cfg(feature = "hubspot")]
    &hubspot::SPEC,
    #[cfg(feature = "insightly")]
    &insightly::SPEC,
    #[cfg(feature = "keap")]
    &keap::SPEC,
    #[cfg(feature = "kommo")]
    &kommo::SPEC,
    #[cfg(feature = "leadsquared")]
    &leadsquared::SPEC,
    #[cfg(feature = "lemlist")]
    &lemlist::SPEC,
    #[cfg(feature = "microsoft_dynamics_365_sales")]
    &microsoft_dynamics_365_sales::SPEC,
    #[cfg(feature = "nutshell")]
    &nutshell::SPEC,
    #[cfg(feature = "onepagecrm")]
    &onepagecrm::SPEC,
    #[cfg(feature = "outreach")]
    &outreach::SPEC,
    #[cfg(feature = "pipedrive")]
    &pipedrive::SPEC,
    #[cfg(feature = "pipeline_crm")]
    &pipeline_crm::SPEC,
    #[cfg(feature = "pipeliner")]
    &pipeliner::SPEC,
];

/// The integrations of this crate reached only through Truto (no public API to call).
pub static TRUTO_ONLY: &[&Integration] = &[];

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
