#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod clock;
pub mod config;
pub mod directory;
pub mod error;
pub mod http;
pub mod integration;
pub mod map;
pub mod normalize;
pub mod paginate;
pub mod query;
pub mod registry;
pub mod user;

#[cfg(feature = "testing")]
pub mod testing;

pub use config::Config;
pub use directory::{
    Cursor, KeyedUsers, Page, PageRequest, Position, UserDirectory, UserDirectoryExt, UserPage,
};
pub use error::{Error, ErrorKind, Operation, Result};
pub use integration::{AuthKind, ConfigKey, Family, Integration, PaginationStyle, Param};
pub use paginate::UserStream;
pub use query::{Filter, GetUser, ListUsers, ResponseFormat, UpdateUser, UserUpdate};
pub use registry::Registry;
pub use user::{
    Email, Group, License, Organization, Phone, Reference, RemoteData, Role, User, UserField,
    UserStatus, UserUrl, Workspace,
};

/// Re-exports integrations need, so their crates depend on one version of each.
pub mod reexports {
    pub use async_trait::async_trait;
    pub use reqwest;
    pub use secrecy;
    pub use serde_json;
    pub use url;
}
