//! # Docker Hub SCIM
//!
//! Docker Hub's SCIM API lists and reads the members of a Docker Business organization.
//!
//! | | |
//! |---|---|
//! | slug / feature | `docker_hub_scim` |
//! | operations | list, get |
//! | base URL | `https://hub.docker.com/v2/scim/2.0` |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_DOCKER_HUB_SCIM_TOKEN`) |
//! | page size | 100 by default, at most 200 (`count`; a larger limit, and `ignore_limit`, ask for 200) |
//! | filters | `username` (`userName eq "…"`) |
//!
//! The token is the organization's SCIM token (Docker's `scimToken` scheme), issued with
//! the organization's SSO and SCIM setup (Docker Business only); where in Docker's admin
//! pages it is generated was not checked.
//!
//! Quirks: Docker's filter grammar has `eq`, `ne`, `co`, `sw`, `and`, `or`, `not` and
//! parentheses, with case-insensitive attribute names. SCIM manages only users added after
//! it was enabled; earlier members are not under its control. Docker labels the API
//! version "2-beta". A `PUT` without `active` deactivates the user (`active` defaults to
//! false), one reason this preset does not update.
//!
//! Page size: Docker's `ServiceProviderConfig` (in its API reference) reports
//! `filter.maxResults: 200`, the most resources Docker returns in one response (RFC 7643
//! §5), so pages ask for at most 200.
//!
//! Unconfirmed: whether `emails.value` filters work (probable, not listed), so no email
//! filter is declared and `find_by_email` matches locally; rate limits. Docker documents
//! updates by `PUT`, but the reference integration covers list and get only, so updating is
//! not declared.
//!
//! Sources: <https://docs.docker.com/reference/api/hub/latest/> (`GET /v2/scim/2.0/Users`,
//! `GET /v2/scim/2.0/ServiceProviderConfig`); RFC 7643 §5 (`maxResults`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let dir = truto_scim::presets::docker_hub_scim::connect(&Config::from_env("docker_hub_scim"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::FilterRule;
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The Docker Hub SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("docker_hub_scim", "Docker Hub SCIM")
        .note("pages of up to 200")
        .base_url("https://hub.docker.com/v2/scim/2.0")
        .filters(&[FilterRule::native(Filter::Username)])
        .page_size(100, 200),
    Quirks::STANDARD,
);

/// Connects to Docker Hub's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
