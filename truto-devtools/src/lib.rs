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

use truto_core::Registry;

/// Registers every integration of this crate that is compiled in.
#[allow(unused_variables)]
pub fn register(registry: &mut Registry) {
    #[cfg(feature = "github")]
    registry.register(&github::INTEGRATION, github::connect);
    #[cfg(feature = "gitlab")]
    registry.register(&gitlab::INTEGRATION, gitlab::connect);
    #[cfg(feature = "jira")]
    registry.register(&jira::INTEGRATION, jira::connect);
    #[cfg(feature = "linear")]
    registry.register(&linear::INTEGRATION, linear::connect);
}
