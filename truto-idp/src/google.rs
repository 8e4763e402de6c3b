//! # Google
//!
//! Truto's `google` integration: the users of a Google Workspace account through the
//! Admin SDK Directory API, the same API as [`google_workspace`]
//! under its own slug. Everything (endpoints, auth, paging, filters, mapping, updates, what
//! is unconfirmed) is as that module documents; only the slug, the name and the config
//! environment (`TRUTO_GOOGLE_…`) differ.
//!
//! | | |
//! |---|---|
//! | slug / feature | `google` (enables `google_workspace`) |
//! | operations | list, get, update (the reference marks list; the API documents all three) |
//! | list | `GET /admin/directory/v1/users?customer=my_customer`, paged by `pageToken` |
//! | auth | `access_token` (env `TRUTO_GOOGLE_ACCESS_TOKEN`), or a service account (`service_account_json` + `subject`) with domain-wide delegation |
//!
//! ## Sources
//!
//! - <https://developers.google.com/workspace/admin/directory/reference/rest/v1/users/list>
//! - the sources of [`google_workspace`]
//!
//! ## Not confirmed
//!
//! - That Truto's `google` integration addresses the Workspace directory (its reference
//!   lists users of a Google account without naming the API); see
//!   [`google_workspace`] for the API's own unconfirmed facts.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_GOOGLE_ACCESS_TOKEN=ya29.…
//! let dir = truto_idp::google::connect(&Config::from_env("google"))?;
//! let users = dir.collect_users(ListUsers::new()).await?;
//! println!("{} users", users.len());
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Integration, Result, UserDirectory};

use crate::google_workspace::{self, GoogleWorkspace};

/// What the Google integration declares: Google Workspace's declaration, renamed.
pub static INTEGRATION: Integration = google_workspace::INTEGRATION
    .renamed("google", "Google")
    .note("the Google Workspace Directory API under Truto's `google` slug; `access_token`, or a service account (`service_account_json` + `subject`) with domain-wide delegation");

/// Connects with `config` (the keys of [`google_workspace`]).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(GoogleWorkspace::connect_as(&INTEGRATION, config)?))
}
