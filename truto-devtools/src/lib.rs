#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "doppler")]
pub mod doppler;
#[cfg(feature = "dynatrace")]
pub mod dynatrace;
#[cfg(feature = "elastic_cloud")]
pub mod elastic_cloud;
#[cfg(feature = "fivetran")]
pub mod fivetran;
#[cfg(feature = "github")]
pub mod github;
#[cfg(feature = "gitlab")]
pub mod gitlab;
#[cfg(feature = "google_cloudsql")]
pub mod google_cloudsql;
#[cfg(feature = "grafana")]
pub mod grafana;
#[cfg(feature = "harness")]
pub mod harness;
#[cfg(feature = "hashicorp_terraform_cloud")]
pub mod hashicorp_terraform_cloud;
#[cfg(feature = "heroku")]
pub mod heroku;
#[cfg(feature = "jenkins")]
pub mod jenkins;
#[cfg(feature = "jetbrains")]
pub mod jetbrains;
#[cfg(feature = "jfrog")]
pub mod jfrog;
#[cfg(feature = "jira")]
pub mod jira;
#[cfg(feature = "launchdarkly")]
pub mod launchdarkly;
#[cfg(feature = "linear")]
pub mod linear;
#[cfg(feature = "make")]
pub mod make;
#[cfg(feature = "mongodb_atlas_admin")]
pub mod mongodb_atlas_admin;
#[cfg(feature = "sentry")]
pub mod sentry;

use truto_core::provider::declarative::Spec;
use truto_core::{Integration, Registry};

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "doppler")]
    &doppler::SPEC,
    #[cfg(feature = "dynatrace")]
    &dynatrace::SPEC,
    #[cfg(feature = "elastic_cloud")]
    &elastic_cloud::SPEC,
    #[cfg(feature = "fivetran")]
    &fivetran::SPEC,
    #[cfg(feature = "google_cloudsql")]
    &google_cloudsql::SPEC,
    #[cfg(feature = "grafana")]
    &grafana::SPEC,
    #[cfg(feature = "harness")]
    &harness::SPEC,
    #[cfg(feature = "hashicorp_terraform_cloud")]
    &hashicorp_terraform_cloud::SPEC,
    #[cfg(feature = "heroku")]
    &heroku::SPEC,
    #[cfg(feature = "jenkins")]
    &jenkins::SPEC,
    #[cfg(feature = "jfrog")]
    &jfrog::SPEC,
    #[cfg(feature = "jira")]
    &jira::SPEC,
    #[cfg(feature = "launchdarkly")]
    &launchdarkly::SPEC,
    #[cfg(feature = "make")]
    &make::SPEC,
    #[cfg(feature = "mongodb_atlas_admin")]
    &mongodb_atlas_admin::SPEC,
    #[cfg(feature = "sentry")]
    &sentry::SPEC,
];

/// The integrations of this crate reached only through Truto (no public API to call).
pub static TRUTO_ONLY: &[&Integration] = &[
    #[cfg(feature = "jetbrains")]
    &jetbrains::INTEGRATION,
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
