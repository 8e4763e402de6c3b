#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "github")]
pub mod github;
#[cfg(feature = "gitlab")]
pub mod gitlab;
#[cfg(feature = "jira")]
pub mod jira;
#[cfg(feature = "linear")]
pub mod linear;
#[cfg(feature = "netlify")]
pub mod netlify;
#[cfg(feature = "new_relic")]
pub mod new_relic;
#[cfg(feature = "openai")]
pub mod openai;
#[cfg(feature = "opsgenie")]
pub mod opsgenie;
#[cfg(feature = "pivotal_tracker")]
pub mod pivotal_tracker;
#[cfg(feature = "platform_sh")]
pub mod platform_sh;
#[cfg(feature = "qdrant_cloud")]
pub mod qdrant_cloud;
#[cfg(feature = "render")]
pub mod render;
#[cfg(feature = "retool")]
pub mod retool;
#[cfg(feature = "rockset")]
pub mod rockset;
#[cfg(feature = "rollbar")]
pub mod rollbar;
#[cfg(feature = "rootly")]
pub mod rootly;
#[cfg(feature = "sentry")]
pub mod sentry;
#[cfg(feature = "shortcut")]
pub mod shortcut;

use truto_core::provider::declarative::Spec;
use truto_core::{Integration, Registry};

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "jira")]
    &jira::SPEC,
    #[cfg(feature = "netlify")]
    &netlify::SPEC,
    #[cfg(feature = "new_relic")]
    &new_relic::SPEC,
    #[cfg(feature = "openai")]
    &openai::SPEC,
    #[cfg(feature = "opsgenie")]
    &opsgenie::SPEC,
    #[cfg(feature = "platform_sh")]
    &platform_sh::SPEC,
    #[cfg(feature = "qdrant_cloud")]
    &qdrant_cloud::SPEC,
    #[cfg(feature = "render")]
    &render::SPEC,
    #[cfg(feature = "retool")]
    &retool::SPEC,
    #[cfg(feature = "rollbar")]
    &rollbar::SPEC,
    #[cfg(feature = "rootly")]
    &rootly::SPEC,
    #[cfg(feature = "sentry")]
    &sentry::SPEC,
    #[cfg(feature = "shortcut")]
    &shortcut::SPEC,
];

/// The integrations of this crate reached only through Truto (no public API to call).
pub static TRUTO_ONLY: &[&Integration] = &[
    #[cfg(feature = "pivotal_tracker")]
    &pivotal_tracker::INTEGRATION,
    #[cfg(feature = "rockset")]
    &rockset::INTEGRATION,
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
    for integration in TRUTO_ONLY {
        registry.register_truto_only(integration);
    }
}
