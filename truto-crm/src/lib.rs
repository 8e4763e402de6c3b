#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "hubspot")]
pub mod hubspot;
#[cfg(feature = "salesforce")]
pub mod salesforce;

use truto_core::Registry;
use truto_core::provider::declarative::Spec;

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "hubspot")]
    &hubspot::SPEC,
];

/// Registers every integration of this crate that is compiled in.
#[allow(unused_variables)]
pub fn register(registry: &mut Registry) {
    #[cfg(feature = "salesforce")]
    registry.register(&salesforce::INTEGRATION, salesforce::connect);
    for spec in SPECS {
        registry.register_spec(spec);
    }
}
