//! # ServiceNow SCIM
//!
//! ServiceNow's SCIM v2 plugin serves an instance's users (`sys_user`) over SCIM 2.0; this
//! preset lists and reads them.
//!
//! | | |
//! |---|---|
//! | slug / feature | `servicenow_scim` |
//! | operations | list, get |
//! | base URL | `https://{instance}.service-now.com/api/now/scim`; config key `instance` (env `TRUTO_SERVICENOW_SCIM_INSTANCE`) |
//! | auth | `Authorization: Bearer <token>` from `token`, or Basic from `username` and `password` (env `TRUTO_SERVICENOW_SCIM_TOKEN`, `_USERNAME`, `_PASSWORD`) |
//! | page size | 100 by default (`count`); not documented |
//! | filters | none declared (`find_by_email` lists and matches locally) |
//!
//! Access goes through the instance's **SCIM API Policy** (System Web Services › REST API
//! Access Policies), and the user the credentials belong to needs the **`scim_admin`**
//! role. Being allowed to read users (`sys_user`) is not enough: such credentials are
//! answered 401 or 403. ServiceNow warns that `scim_admin` is equivalent to `admin` (it can
//! add and change personal data), so grant it to a dedicated integration user. The
//! credentials are that user's, sent with Basic auth, or an OAuth access token the
//! instance issued through the policy's OAuth entity (the "SCIM API" application registry
//! record; the policy's `SCIMAPIOAuthOnly` authentication profile); check in the policy
//! which of Basic and OAuth it allows. The preset does not fetch OAuth tokens: obtain one
//! and set `token`, or use Basic. The plugin "SCIM v2 - ServiceNow Cross-domain Identity
//! Management" (`com.snc.integration.scim2`) must be active.
//!
//! Quirks: `id` is the record's `sys_id`. `userName` is `sys_user.user_name`, often not an
//! email; emails map to `sys_user.email`; `active` maps to `sys_user.active`. ServiceNow
//! extends the user with `urn:ietf:params:scim:schemas:extension:servicenow:2.0:User`,
//! which stays in `remote_data`. The instance's own rate-limit rules apply.
//!
//! Unconfirmed: the path `/api/now/scim` comes from `meta.location` in public examples,
//! not from ServiceNow's reference; set `base_url` if your instance differs (for example a
//! custom domain). Also unconfirmed: whether the policy as installed accepts Basic as well
//! as OAuth (ServiceNow's provisioning guide shows its OAuth-only profile); the page size,
//! the filters, and how updates work.
//!
//! Sources: ServiceNow's platform-security documentation, "System for Cross-domain
//! Identity Management (SCIM)" (the plugin) and "Provision user using OAuth" (role
//! `scim_admin`, the SCIM API Policy, the `SCIMAPIOAuthOnly` profile):
//! <https://www.servicenow.com/docs/r/zurich/platform-security/identity/provisioning-user-oauth.html>.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, GetUser, UserDirectoryExt};
//! let config = Config::new()
//!     .set("instance", "acme")
//!     .set("username", "scim.integration") // a user with the scim_admin role
//!     .set("password", std::env::var("SERVICENOW_PASSWORD").unwrap_or_default());
//! let dir = truto_scim::presets::servicenow_scim::connect(&config)?;
//! let user = dir.get_user("62826bf03710200044e0bfc8bcbe5df1", GetUser::new()).await?;
//! println!("{:?}", user.username);
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::Credential;
use truto_core::{Config, Result, UserDirectory};

use crate::client::{Preset, Quirks, ScimDirectory};

/// The ServiceNow SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("servicenow_scim", "ServiceNow SCIM")
        .note("needs `instance`; Bearer or Basic")
        .base_url("https://{instance}.service-now.com/api/now/scim")
        .credentials(&[
            Credential::bearer("token"),
            Credential::basic("{username}", "password"),
        ])
        .config(&[
            ConfigKey::required(
                "instance",
                "the instance name (`acme` in acme.service-now.com)",
            ),
            ConfigKey::optional_secret(
                "token",
                "OAuth bearer token issued through the SCIM API Policy",
            ),
            ConfigKey::optional(
                "username",
                "Basic auth user with the scim_admin role (when no token)",
            ),
            ConfigKey::optional_secret("password", "Basic auth password"),
        ]),
    Quirks::STANDARD,
);

/// Connects to a ServiceNow instance's SCIM API.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
