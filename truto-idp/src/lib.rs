#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "azure_active_directory")]
pub mod azure_active_directory;
#[cfg(feature = "google_workspace")]
pub mod google_workspace;
#[cfg(feature = "okta")]
pub mod okta;

use truto_core::Registry;

/// Registers every integration of this crate that is compiled in.
#[allow(unused_variables)]
pub fn register(registry: &mut Registry) {
    #[cfg(feature = "okta")]
    registry.register(&okta::INTEGRATION, okta::connect);
    #[cfg(feature = "azure_active_directory")]
    registry.register(
        &azure_active_directory::INTEGRATION,
        azure_active_directory::connect,
    );
    #[cfg(feature = "google_workspace")]
    registry.register(&google_workspace::INTEGRATION, google_workspace::connect);
}
