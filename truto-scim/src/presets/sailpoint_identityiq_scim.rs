//! # SailPoint IdentityIQ SCIM
//!
//! SailPoint IdentityIQ (on premises) serves its identities over SCIM 2.0; this preset
//! lists them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `sailpoint_identityiq_scim` |
//! | operations | list |
//! | base URL | `https://{host}/identityiq/scim/v2`; config key `host` (env `TRUTO_SAILPOINT_IDENTITYIQ_SCIM_HOST`) |
//! | auth | `Authorization: Bearer <token>` from `token`, or Basic from `username` and `password` (env `TRUTO_SAILPOINT_IDENTITYIQ_SCIM_TOKEN`, `_USERNAME`, `_PASSWORD`) |
//! | page size | 100 by default (`count`); no maximum is documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! Credentials are those of a service account allowed to use the SCIM API, sent with
//! Basic auth, or (IdentityIQ 7.1 and later) a Bearer token from an OAuth client set up
//! under Global Settings › API Authentication with a proxy user. The preset does not fetch
//! OAuth tokens: obtain one and set `token`, or use Basic.
//!
//! Quirks: `host` is a host name only. A host with a port (`iiq.example.com:8443`), or a
//! deployment whose context path is not `identityiq`, is reached by setting `base_url` to
//! the whole URL, e.g. `https://iiq.example.com:8443/iiq/scim/v2`. IdentityIQ returns some
//! attributes, such as `roles`, only when asked (pass `attributes` as a remote query); it
//! also takes `sortBy`, `sortOrder` and `excludedAttributes`. Without `count` IdentityIQ
//! returns 1000 users; the preset always pages. `userName` cannot be changed. IdentityIQ servers
//! often use self-signed certificates; there is no setting to trust one, so the server's
//! certificate must be one the transport's TLS verification accepts.
//!
//! Unconfirmed: IdentityIQ supports RFC 7644 filters but says "not all operations are
//! supported", without listing them, so no filter is declared. The OAuth token endpoint,
//! how updates work, and rate limits are not documented here.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::new()
//!     .set("host", "iiq.example.com")
//!     .set("username", "scim-reader")
//!     .set("password", std::env::var("IIQ_PASSWORD").unwrap_or_default());
//! let dir = truto_scim::presets::sailpoint_identityiq_scim::connect(&config)?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     println!("{}", user?.id);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::Credential;
use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The SailPoint IdentityIQ SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim_list_only("sailpoint_identityiq_scim", "SailPoint IdentityIQ SCIM")
        .note("needs `host`; Bearer or Basic")
        .base_url("https://{host}/identityiq/scim/v2")
        .credentials(&[
            Credential::bearer("token"),
            Credential::basic("{username}", "password"),
        ])
        .config(&[
            ConfigKey::required("host", "the IdentityIQ server's host name"),
            ConfigKey::optional_secret("token", "OAuth bearer token"),
            ConfigKey::optional("username", "Basic auth user (when no token)"),
            ConfigKey::optional_secret("password", "Basic auth password"),
        ]),
    Quirks::STANDARD,
);

/// Connects to SailPoint IdentityIQ's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
