//! # Notion SCIM
//!
//! Notion's SCIM API (Enterprise plan) lists and reads workspace members.
//!
//! | | |
//! |---|---|
//! | slug / feature | `notion_scim` |
//! | operations | list, get |
//! | base URL | `https://api.notion.com/scim/v2` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_NOTION_SCIM_TOKEN`) |
//! | page size | at most 100 (`count`) |
//! | filters | `email` (Notion's `email eq "…"`), used by `find_by_email`; no `username` filter |
//!
//! The token is created by a workspace owner under Settings › Identity & provisioning ›
//! SCIM provisioning, and is revoked when that owner leaves or changes role.
//!
//! Quirks: `meta.created`/`lastModified` are millisecond strings that Notion says are
//! not meaningful (they map to `created_at`/`updated_at` when they parse). Notion's docs
//! publish more than one host; `api.notion.com` is the one its SCIM reference uses.
//! Notion documents filtering users by `email` only: it documents no `userName` filter, so
//! none is declared and a `username` filter is refused before sending (`Unsupported`).
//!
//! Source: Notion's help-centre SCIM provisioning reference (endpoints, `email eq`
//! filter, page size); not looked up again when the `userName` wording was made explicit.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::notion_scim::connect(&Config::from_env("notion_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::FilterRule;
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{EmailFilter, Preset, Quirks, ScimDirectory};

/// The Notion SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("notion_scim", "Notion SCIM")
        .note("filters by email")
        .base_url("https://api.notion.com/scim/v2")
        .filters(&[FilterRule::native(Filter::Email)])
        .email_filter(Filter::Email)
        .page_size(100, 100),
    Quirks::STANDARD.email_filter(EmailFilter::Email),
);

/// Connects to Notion's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
