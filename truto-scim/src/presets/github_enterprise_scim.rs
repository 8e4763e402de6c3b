//! # GitHub Enterprise Cloud SCIM
//!
//! GitHub's SCIM API for organizations lists, reads and updates the SCIM-provisioned
//! identities of one GitHub Enterprise Cloud organization that uses SAML SSO.
//!
//! | | |
//! |---|---|
//! | slug / feature | `github_enterprise_scim` |
//! | operations | list, get, update (`status`, `name`, `username`, by one path-less `PATCH` `replace`) |
//! | base URL | `https://api.github.com/scim/v2/organizations/{organization}`; config key `organization` (env `TRUTO_GITHUB_ENTERPRISE_SCIM_ORGANIZATION`), the organization's login |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_GITHUB_ENTERPRISE_SCIM_TOKEN`): a token of an organization owner, e.g. a personal access token (classic) with `admin:org` authorized for the organization's SAML SSO, or a GitHub App user access token |
//! | page size | 100 by default (`count`); the maximum is not documented |
//! | filters | `username` (`userName eq "…"`); `email` (`emails eq "…"`), used by `find_by_email` |
//!
//! The endpoints work only for organizations on GitHub Enterprise Cloud with SAML SSO
//! enabled; not for enterprise accounts, nor for organizations with Enterprise Managed
//! Users (their SCIM API is `/scim/v2/enterprises/{enterprise}`, not this preset).
//!
//! Quirks: ids are SCIM identity ids (`scim_user_id`), not GitHub user ids. The listing
//! holds every provisioned identity, pending invitations included, and may differ from
//! the organization's member list (an identity whose member left, or whose invitation was
//! never accepted). GitHub documents its `PATCH` as path-less `replace` operations
//! (`{"op":"replace","value":{"active":false}}`), so updates are sent that way, as
//! `application/json` like GitHub's examples. **Setting the status to inactive
//! (`active: false`) removes the user from the organization and deletes the SCIM
//! identity and its id**: the id is gone afterwards. GitHub's `PUT` (replace the whole
//! identity) is not used. Errors are SCIM error bodies (`detail`, `scimType`).
//!
//! Unconfirmed: the default and largest `count`; whether `first_name`/`last_name`
//! (`name.givenName`/`familyName`) can be replaced this way — the description lists
//! `givenName` and `familyName` at the top level of the operation's value, not under
//! `name`, so they are not offered; whether pending invitations can be told apart from
//! linked identities; rate limits (GitHub's REST limits and `x-ratelimit-*` headers are
//! assumed to apply; the SCIM client does not read them, `Retry-After` is honoured).
//!
//! Sources: GitHub's published API description (`github/rest-api-description`, as
//! packaged in `@octokit/openapi` 23.0.2, `generated/ghec.json`: the organization SCIM
//! operations and examples), and
//! <https://docs.github.com/enterprise-cloud@latest/rest/scim/scim>.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_GITHUB_ENTERPRISE_SCIM_ORGANIZATION=octo-org TRUTO_GITHUB_ENTERPRISE_SCIM_TOKEN=…
//! let config = Config::from_env("github_enterprise_scim");
//! let dir = truto_scim::presets::github_enterprise_scim::connect(&config)?;
//! for user in dir.find_by_email("mona.octocat@okta.example.com", ListUsers::new()).await? {
//!     println!("{} {:?}", user.id, user.username);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::{FilterRule, UpdateField};
use truto_core::{Config, Filter, Result, UserDirectory};

use crate::client::{EmailFilter, Preset, Quirks, ScimDirectory};

/// The GitHub Enterprise Cloud SCIM preset.
pub static PRESET: Preset = Preset::new(
    super::scim("github_enterprise_scim", "GitHub Enterprise Cloud SCIM")
        .base_url("https://api.github.com/scim/v2/organizations/{organization}")
        .config(&[
            ConfigKey::required("organization", "the organization's login"),
            ConfigKey::secret(
                "token",
                "an organization owner's token (classic PAT with admin:org, SSO-authorized)",
            ),
        ])
        .update(&[
            UpdateField::native("status"),
            UpdateField::native("name"),
            UpdateField::native("username"),
        ])
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
        ])
        .email_filter(Filter::Email)
        .note("needs `organization` and an owner's token (`admin:org`, SSO-authorized); GitHub Enterprise Cloud with SAML SSO; lists SCIM identities; deactivating deletes the identity"),
    Quirks::STANDARD
        .patch_value_map()
        .email_filter(EmailFilter::Emails)
        .plain_json(),
);

/// Connects to GitHub's SCIM API for one organization.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
