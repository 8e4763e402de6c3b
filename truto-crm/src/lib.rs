#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "hubspot")]
pub mod hubspot;
#[cfg(feature = "podium")]
pub mod podium;
#[cfg(feature = "salesflare")]
pub mod salesflare;
#[cfg(feature = "salesforce")]
pub mod salesforce;
#[cfg(feature = "salesloft")]
pub mod salesloft;
#[cfg(feature = "seismic")]
pub mod seismic;
#[cfg(feature = "showpad")]
pub mod showpad;
#[cfg(feature = "streak")]
pub mod streak;
#[cfg(feature = "teamleader")]
pub mod teamleader;
#[cfg(feature = "teamwork_crm")]
pub mod teamwork_crm;
#[cfg(feature = "wealthbox")]
pub mod wealthbox;
#[cfg(feature = "wingman")]
pub mod wingman;
#[cfg(feature = "zendesk_sell")]
pub mod zendesk_sell;
#[cfg(feature = "zoho_bigin")]
pub mod zoho_bigin;
#[cfg(feature = "zoho_crm")]
pub mod zoho_crm;

use truto_core::provider::declarative::Spec;
use truto_core::{Integration, Registry};

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "hubspot")]
    &hubspot::SPEC,
    #[cfg(feature = "podium")]
    &podium::SPEC,
    #[cfg(feature = "salesflare")]
    &salesflare::SPEC,
    #[cfg(feature = "salesloft")]
    &salesloft::SPEC,
    #[cfg(feature = "seismic")]
    &seismic::SPEC,
    #[cfg(feature = "showpad")]
    &showpad::SPEC,
    #[cfg(feature = "teamleader")]
    &teamleader::SPEC,
    #[cfg(feature = "wealthbox")]
    &wealthbox::SPEC,
    #[cfg(feature = "wingman")]
    &wingman::SPEC,
    #[cfg(feature = "zendesk_sell")]
    &zendesk_sell::SPEC,
    #[cfg(feature = "zoho_bigin")]
    &zoho_bigin::SPEC,
    #[cfg(feature = "zoho_crm")]
    &zoho_crm::SPEC,
];

/// The integrations of this crate reached only through Truto (no public API to call).
pub static TRUTO_ONLY: &[&Integration] = &[
    #[cfg(feature = "streak")]
    &streak::INTEGRATION,
    #[cfg(feature = "teamwork_crm")]
    &teamwork_crm::INTEGRATION,
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
