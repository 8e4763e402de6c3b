#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod clock;
mod config;
mod cursor;
mod directory;
mod error;
mod ext;
mod filter;
mod integration;
mod normalize;
mod page;
mod paginate;
pub mod provider;
mod query;
pub mod reference;
mod registry;
mod user;
mod wire;

#[cfg(feature = "testing")]
#[cfg_attr(docsrs, doc(cfg(feature = "testing")))]
pub mod testing;

pub use config::{COMMON_KEYS, Config};
pub use cursor::{Cursor, CursorError};
pub use directory::UserDirectory;
pub use error::{Error, ErrorKind, Operation, Result};
pub use ext::{KeyedUsers, UserDirectoryExt};
pub use filter::Filter;
pub use integration::{ConfigKey, Family, Integration, PaginationStyle, Param, Reach, TRUTO_KEYS};
pub use normalize::normalize;
pub use page::UserPage;
pub use paginate::UserStream;
pub use provider::http::{DryRun, RenderedRequest};
pub use query::{CommonOptions, GetUser, ListUsers, ResponseFormat, UpdateUser, UserUpdate};
pub use registry::{Constructor, HostedConstructor, Registry};
pub use user::{
    Email, Group, License, Organization, Phone, Reference, RemoteData, Role, UnknownField, User,
    UserField, UserStatus, UserUrl, Workspace,
};
