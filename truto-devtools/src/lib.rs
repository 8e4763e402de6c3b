#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "datadog")]
pub mod datadog;
#[cfg(feature = "github")]
pub mod github;
#[cfg(feature = "gitlab")]
pub mod gitlab;
#[cfg(feature = "jira")]
pub mod jira;
#[cfg(feature = "linear")]
pub mod linear;
#[cfg(feature = "pagerduty")]
pub mod pagerduty;
#[cfg(feature = "sentry")]
pub mod sentry;

use truto_core::Registry;
use truto_core::provider::declarative::Spec;

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "datadog")]
    &datadog::SPEC,
    #[cfg(feature = "jira")]
    &jira::SPEC,
    #[cfg(feature = "pagerduty")]
    &pagerduty::SPEC,
    #[cfg(feature = "sentry")]
    &sentry::SPEC,
];

/// Registers every integration of this crate that is compiled in.
#[allow(unused_variables)]
pub fn register(registry: &mut Registry) {
    #[cfg(feature = "github")]
    registry.register(&github::INTEGRATION, github::connect);
    #[cfg(feature = "gitlab")]
    registry.register(&gitlab::INTEGRATION, gitlab::connect);
    #[cfg(feature = "linear")]
    registry.register(&linear::INTEGRATION, linear::connect);
    for spec in SPECS {
        registry.register_spec(spec);
    }
}
