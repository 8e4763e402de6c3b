//! What an integration author needs, and an application does not.
//!
//! An application uses the crate root: [`User`](crate::User), the
//! [`UserDirectory`](crate::UserDirectory) trait and [`UserDirectoryExt`](crate::UserDirectoryExt),
//! options, [`Error`](crate::Error), [`Config`](crate::Config) and
//! [`Registry`](crate::Registry). A provider module uses this module as well:
//!
//! - [`declarative`]: a provider as a `static` [`Spec`](declarative::Spec), run by one generic
//!   directory — how almost every integration is written;
//! - [`Connection`]: the one path from a [`Config`](crate::Config) to a transport, which
//!   checks the config's keys and resolves the integration's credential alternatives;
//! - [`http`]: the transport (requests, retries, rate limits, error bodies);
//! - [`paging`]: where the next page starts, for each paging shape;
//! - [`decode`]: decoding records and the small conversions mapping needs;
//! - [`Page`], [`PageRequest`] and [`Position`]: what `fetch_page` takes and returns;
//! - [`Credential`], [`FilterRule`] and [`UpdateField`]: how an
//!   [`Integration`](crate::Integration)'s credentials, filters and update fields reach the
//!   provider.
//!
//! `docs/adding-an-integration.md` in the repository walks through writing one.

mod connect;
pub mod declarative;
pub mod decode;
pub mod http;
pub mod paging;

pub use crate::clock::{Clock, SystemClock};
pub use crate::cursor::Position;
pub use crate::page::{Page, PageRequest};
pub use crate::wire::{
    Call, Credential, FilterRule, FilterTo, Lifecycle, Method, Scheme, Status, UpdateField, Write,
    WriteFn,
};
pub use connect::Connection;
