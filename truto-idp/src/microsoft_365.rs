//! # Microsoft 365
//!
//! Truto's `microsoft_365` integration: the users of a Microsoft 365 tenant's directory
//! (Microsoft Entra ID) through Microsoft Graph v1.0, the same API as
//! [`azure_active_directory`] under its own slug. Everything
//! (endpoints, auth, paging, filters, mapping, updates, what is unconfirmed) is as that
//! module documents; only the slug, the name and the config environment
//! (`TRUTO_MICROSOFT_365_…`) differ.
//!
//! | | |
//! |---|---|
//! | slug / feature | `microsoft_365` (enables `azure_active_directory`) |
//! | operations | list, get, update (the reference marks list; Graph documents all three) |
//! | list | `GET /users` with `$select`, paged by `@odata.nextLink`; `$top` at most 999 |
//! | auth | client credentials (`tenant_id`, `client_id`, `client_secret`; application permission `User.Read.All`), or `access_token` |
//!
//! ## Sources
//!
//! - <https://learn.microsoft.com/graph/api/user-list?view=graph-rest-1.0>
//! - <https://learn.microsoft.com/graph/paging>
//! - the sources of [`azure_active_directory`]
//!
//! ## Not confirmed
//!
//! - That Truto's `microsoft_365` integration addresses the tenant's Entra ID users (the
//!   reference names Microsoft 365, whose users live there); see
//!   [`azure_active_directory`] for Graph's own unconfirmed
//!   facts.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_MICROSOFT_365_TENANT_ID=…, TRUTO_MICROSOFT_365_CLIENT_ID=…,
//! // TRUTO_MICROSOFT_365_CLIENT_SECRET=…
//! let dir = truto_idp::microsoft_365::connect(&Config::from_env("microsoft_365"))?;
//! let users = dir.collect_users(ListUsers::new()).await?;
//! println!("{} users", users.len());
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::{Config, Integration, Result, UserDirectory};

use crate::azure_active_directory::{self, AzureActiveDirectory};

/// What the Microsoft 365 integration declares: Microsoft Entra ID's declaration, renamed.
pub static INTEGRATION: Integration = azure_active_directory::INTEGRATION
    .renamed("microsoft_365", "Microsoft 365")
    .note("the tenant's Entra ID users through Microsoft Graph; client credentials (`tenant_id`, `client_id`, `client_secret`, `User.Read.All`) or `access_token`");

/// Connects with `config` (the keys of
/// [`azure_active_directory`]).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(AzureActiveDirectory::connect_as(
        &INTEGRATION,
        config,
    )?))
}
