//! # Wealthbox
//!
//! The users of one Wealthbox account, through the Wealthbox CRM API v1.
//!
//! | | |
//! |---|---|
//! | slug / feature | `wealthbox` |
//! | operations | list |
//! | list | `GET /v1/users?page=`, paged by page number while `meta.total_pages` says more follow (a response without it is the only page) |
//! | base URL | `https://api.crmworkspace.com` |
//! | auth | `ACCESS_TOKEN: <token>`, config key `access_token` (env `TRUTO_WEALTHBOX_ACCESS_TOKEN`): a personal API access token (Settings › API Access Tokens); or `Authorization: Bearer <token>` with an OAuth token, config key `oauth_token` |
//! | config keys | none besides the token |
//! | scopes | none for a personal token (it acts as its user) |
//! | page size | Wealthbox's own (no size is sent) |
//! | filters | none |
//! | rate limits | per token, documented on dev.wealthbox.com (not read) |
//!
//! ## Mapping
//!
//! | Wealthbox | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` (and `first_name` / `last_name` split at the first space) |
//! | `email` | `emails[0]` (primary) |
//! | `status` (`active`, `invited`, `inactive`; `legacy` passed through) | `status` |
//! | `account` | `organizations[0].id` (the Wealthbox account) |
//!
//! `excluded_from_assignments` (whether the user is left out of assignments) stays in
//! `remote_data`.
//!
//! ## Quirks
//!
//! - Errors are `{"success": false, "errors": "…"}`: the message is `errors`.
//! - Whether `/users` pages at all is not documented in what was read: `page` is sent and
//!   the listing follows `meta.total_pages` when Wealthbox gives it, as on its other lists.
//!
//! ## Sources
//!
//! - <https://dev.wealthbox.com/#topics-users> (Wealthbox's API reference: users; not
//!   readable here) and <https://dev.wealthbox.com/#topics-authentication>
//! - `amp-labs/connectors`, `providers/wealthbox.go` (`https://api.crmworkspace.com`, the
//!   `ACCESS_TOKEN` header) and `providers/wealthbox/metadata/schemas.json` at commit
//!   `4e123b34` (the `users` object, "hand-curated from dev.wealthbox.com": `users`
//!   envelope, `id`, `email`, `name`, `account`, `excluded_from_assignments`, `status`
//!   with `active`, `invited`, `inactive`, `legacy`), `errors.go` (the error body)
//! - Activepieces' Wealthbox piece (validates a token with `GET /v1/users` and
//!   `ACCESS_TOKEN`); <https://pipedream.com/apps/wealthbox> (OAuth tokens as
//!   `Authorization: Bearer`)
//!
//! ## Not confirmed
//!
//! - Wealthbox's own reference was not readable: every fact comes from third-party
//!   clients that cite it.
//! - Paging of `/users` (see Quirks), the page size, rate-limit headers.
//! - What `legacy` means; the OAuth scopes.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_WEALTHBOX_ACCESS_TOKEN=…
//! let dir = truto_crm::wealthbox::connect(&Config::from_env("wealthbox"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Param, Spec, page_number, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Wealthbox spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("wealthbox", "Wealthbox", Family::Crm)
        .credentials(&[
            Credential::header("ACCESS_TOKEN", "access_token"),
            Credential::bearer("oauth_token"),
        ])
        .base_url("https://api.crmworkspace.com")
        .config(&[
            ConfigKey::optional_secret(
                "access_token",
                "a Wealthbox personal API access token (Settings › API Access Tokens)",
            ),
            ConfigKey::optional_secret(
                "oauth_token",
                "a Wealthbox OAuth access token (instead of a personal token)",
            ),
        ])
        .note("needs a Wealthbox API access token (Settings › API Access Tokens); lists active, invited and inactive users"),
)
.list(
    List::get("v1/users")
        .records("users")
        .paging(page_number(
            query("page"),
            Param::None,
            1,
            End::TotalPages("meta.total_pages"),
        )),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    split_name("name"),
    email("email"),
    status(
        "status",
        &[
            ("active", Status::Active),
            ("invited", Status::Invited),
            ("inactive", Status::Inactive),
        ],
    ),
    reference(Refs::Organizations).id("account"),
])
.errors(Errors::GENERIC.message(&["errors"]))
.sources(&[
    "https://dev.wealthbox.com/#topics-users",
    "https://dev.wealthbox.com/#topics-authentication",
    "https://github.com/amp-labs/connectors/blob/4e123b349d0e18034517329e5b7ca106a1f0ddb0/providers/wealthbox/metadata/schemas.json",
]);

/// Connects to Wealthbox (`access_token`, or `oauth_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
