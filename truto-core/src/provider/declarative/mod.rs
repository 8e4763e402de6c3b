//! Providers as data: a `static` [`Spec`] per provider, run by one generic directory.
//!
//! A spec says, as `const` data, everything about one provider's user endpoints that the
//! rest of the library needs: the [`Integration`](crate::Integration) it declares
//! (credentials, config keys, filters, update fields), the list request and how it pages
//! ([`List`], [`Paging`]), the get and update requests ([`Get`], [`Update`]), how a record
//! maps to a [`User`](crate::User) ([`rules`]), where the errors are ([`Errors`]) and which
//! rate-limit headers the provider sends. [`connect`] runs it: one
//! [`UserDirectory`](crate::UserDirectory) for every spec, fetching one page per call
//! through the shared engine and transport — no loop, sleep or retry of its own.
//!
//! What a spec cannot say goes into the smallest escape hatch that says it: a text
//! transform on one rule ([`Rule::via`](rules::Rule::via)), a [`Hooks::post_map`] function,
//! a hand-written error parser ([`Errors::parser`]), a filter-query hook, a
//! [`Write::Custom`](crate::provider::Write::Custom) for one update field — and, last, a
//! hand-written [`UserDirectory`](crate::UserDirectory).
//!
//! Record locations are compiled once, at connect, and each record is read in one pass
//! that keeps only the values the rules use. A listed record's `remote_data` is its place in
//! the page's text, which the page's users share (see [`RemoteData`](crate::RemoteData)); a
//! record read alone is moved, not copied, into it.
//!
//! ```
//! use truto_core::provider::declarative::rules::*;
//! use truto_core::provider::declarative::*;
//! use truto_core::provider::{Credential, FilterRule};
//! use truto_core::{ConfigKey, Family, Filter, Integration, UserStatus};
//!
//! static SPEC: Spec = Spec::new(
//!     Integration::new("acme", "Acme", Family::Other)
//!         .credentials(&[Credential::bearer("token")])
//!         .config(&[ConfigKey::secret("token", "an API token")])
//!         .base_url("https://api.acme.test/v1"),
//! )
//! .list(
//!     List::get("users")
//!         .records("data")
//!         .paging(cursor(query("cursor"), query("limit"), "meta.next_cursor"))
//!         .filters(&[FilterRule::query(Filter::Email, "email")])
//!         .page_size(100, 200),
//! )
//! .get(Get::get("users/{id}").record("data"))
//! .map(&[
//!     id("id"),
//!     text(Text::Name, "name"),
//!     email("email"),
//!     active_flag("active"),
//! ])
//! .sources(&["https://docs.acme.test/api/users"]);
//!
//! let dir = connect(&SPEC, &truto_core::Config::new().set("token", "t0k3n")).unwrap();
//! assert!(dir.integration().supports_filter(Filter::Email));
//! ```

mod directory;
mod errors;
mod mapper;
pub(crate) mod path;
pub(crate) mod reader;
pub mod rules;
mod spec;
pub(crate) mod template;

pub use directory::{DeclarativeDirectory, connect};
pub use rules::Rule;
pub use spec::{
    Answer, End, ErrorFn, Errors, FilterQueryFn, Get, Hooks, InBody, List, Paging, Param,
    PostMapFn, SCIM_PAGING, Spec, Update, body, cursor, cursor_while, header, header_cursor,
    link_header, next_url, offset, page_number, query, start_index,
};

/// Maps one provider record's JSON text with `spec`'s rules, without `remote_data` (what
/// the spec lint and the generated simulator use to check a fixture).
pub fn map_record(spec: &'static Spec, text: &str) -> crate::error::Result<crate::User> {
    let mapper = mapper::Mapper::new(spec.rules, spec.hooks.post_map)
        .map_err(|e| crate::error::Error::config(e).with_provider(spec.integration.slug))?;
    let raw = serde_json::value::RawValue::from_string(text.to_owned())
        .map_err(|e| crate::error::Error::decode(format!("invalid JSON: {e}")))?;
    let mut user = mapper.map(raw, "the record")?;
    user.remote_data = None;
    Ok(user)
}
