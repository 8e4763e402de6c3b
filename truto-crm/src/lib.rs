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
#[cfg(any(feature = "zoho_bigin", feature = "zoho_crm"))]
mod zoho;
#[cfg(feature = "zoho_bigin")]
pub mod zoho_bigin;
#[cfg(feature = "zoho_crm")]
pub mod zoho_crm;

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
    #[cfg(feature = "fireberry")]
    &fireberry::INTEGRATION,
    #[cfg(feature = "fowcrm")]
    &fowcrm::INTEGRATION,
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
