//! # Shortcut
//!
//! The members of a Shortcut workspace, through Shortcut's REST API v3.
//!
//! | | |
//! |---|---|
//! | slug / feature | `shortcut` |
//! | operations | list, get |
//! | list | `GET /api/v3/members`: every member in one response (a bare array, no paging) |
//! | get | `GET /api/v3/members/{member-public-id}` |
//! | base URL | `https://api.app.shortcut.com` |
//! | auth | `Shortcut-Token: <api token>`; config key `api_token` (env `TRUTO_SHORTCUT_API_TOKEN`) |
//! | config keys | none besides the token |
//! | scopes | none: an API token acts as the member who created it, in that member's workspace |
//! | page size | none (one response) |
//! | filters | `status` (`active` → `disabled=false`, `inactive` → `disabled=true`) |
//! | rate limits | not published in the API description; `429` is retried by the transport |
//!
//! ## Mapping
//!
//! | Shortcut | unified |
//! |---|---|
//! | `id` (the member's UUID) | `id` |
//! | `profile.name` | `name` |
//! | `profile.mention_name` ("the Member's username within the Organization") | `username` |
//! | `profile.email_address` (the primary address) | `emails` |
//! | `disabled` | `status`: `true` → `inactive`, `false` → `active` |
//! | `profile.two_factor_auth_activated` | `is_2fa_enabled` |
//! | `role` ("the Member's role in the Workspace") | `roles` |
//! | `group_ids[]` | `groups` (ids) |
//! | `profile.display_icon.url` | `avatar` |
//! | `created_at`, `updated_at` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - The listing includes disabled members unless the `status` filter asks for one kind.
//!   `state` says more (`full`: enabled with a login; `disabled`, `partial` and `imported`
//!   are all disabled), and stays in `remote_data`.
//! - Ids are member UUIDs; the nested `profile.id` is another id and is not used.
//!
//! ## Sources
//!
//! - Shortcut's published API description, `shortcut.swagger.json` (in
//!   `useshortcut/shortcut-client-js`, `schema/`; also at
//!   <https://developer.shortcut.com/api/rest/v3/shortcut.swagger.json>): host, the
//!   `Shortcut-Token` security definition, `listMembers`, `getMember`, and the `Member`,
//!   `Profile` and `Icon` definitions
//! - <https://developer.shortcut.com/api/rest/v3> (the rendered reference)
//!
//! ## Not confirmed
//!
//! - The error body (the description gives only statuses: 400, 404, 422); the common shapes
//!   are read.
//! - The rate limit (200 requests a minute, as a third party quotes Shortcut) and any
//!   rate-limit headers.
//! - The values of `role` (a free string in the description).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SHORTCUT_API_TOKEN=…
//! let dir = truto_devtools::shortcut::connect(&Config::from_env("shortcut"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Shortcut spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("shortcut", "Shortcut", Family::Devtools)
        .credentials(&[Credential::header("Shortcut-Token", "api_token")])
        .base_url("https://api.app.shortcut.com")
        .config(&[ConfigKey::secret(
            "api_token",
            "a Shortcut API token (Settings → Account → API Tokens)",
        )])
        .note("needs an API token; lists every member of the token's workspace, disabled ones included"),
)
.list(
    List::get("api/v3/members").filters(&[FilterRule::mapped(
        Filter::Status,
        "disabled",
        &[("active", "false"), ("inactive", "true")],
    )]),
)
.get(Get::get("api/v3/members/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "profile.name"),
    text(Text::Username, "profile.mention_name"),
    email("profile.email_address"),
    status_flag("disabled", Status::Inactive, Some(Status::Active)),
    flag(Flag::TwoFactor, "profile.two_factor_auth_activated"),
    reference(Refs::Roles).id("role"),
    refs(Refs::Groups, "group_ids").id(""),
    text(Text::Avatar, "profile.display_icon.url"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
])
.sources(&[
    "https://developer.shortcut.com/api/rest/v3/shortcut.swagger.json",
    "https://github.com/useshortcut/shortcut-client-js/blob/main/schema/shortcut.swagger.json",
    "https://developer.shortcut.com/api/rest/v3",
]);

/// Connects to Shortcut (`api_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
