//! # Intercom
//!
//! The teammates (Intercom's *admins*) of one Intercom workspace, through the Intercom
//! REST API. Intercom's *users* and *contacts* are the workspace's customers, not people
//! who sign in to it, so they are not listed.
//!
//! | | |
//! |---|---|
//! | slug / feature | `intercom` |
//! | operations | list, get |
//! | list | `GET /admins`: every admin in one response (`{"type": "admin.list", "admins": […]}`) |
//! | get | `GET /admins/{admin_id}` |
//! | base URL | `https://api.intercom.io` (US); EU and Australian workspaces set `base_url` to `https://api.eu.intercom.io` or `https://api.au.intercom.io` |
//! | auth | `Authorization: Bearer <access token>`; config key `token` (env `TRUTO_INTERCOM_TOKEN`): a private app's access token, or an OAuth token of a public app |
//! | API version | `Intercom-Version: 2.16` on every request |
//! | page size | none: the endpoint is not paged |
//! | filters | none |
//! | rate limits | per app, in 10-second windows: `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix seconds); `429` with the code `rate_limit_exceeded` |
//!
//! ## Mapping
//!
//! | Intercom | unified |
//! |---|---|
//! | `id` (numeric, as text) | `id` |
//! | `name` (one field) | `name` |
//! | `email` | `emails` (one, primary) |
//! | `job_title` | `title` |
//! | `role` `{id, name}` (only when a role is assigned) | `roles` |
//! | `team_ids[]` | `groups` (team ids) |
//! | `has_inbox_seat: true` → a license named `inbox_seat` (a paid inbox seat) | `licenses` |
//!
//! ## Quirks
//!
//! - An admin record has no status: away mode (`away_mode_enabled`) is not deactivation,
//!   and the documents do not say whether deactivated or invited teammates are listed, so
//!   `status` is left unset. Away mode, `away_status_reason_id` and
//!   `team_priority_level` stay in `remote_data`.
//! - `avatar` is not mapped: the 2.16 description types it as a URL string, while Intercom's
//!   SDK and the `display_avatar=true` option describe an object with `image_url`; it stays
//!   in `remote_data`.
//! - Error bodies are `{"type": "error.list", "request_id": …, "errors": [{"code", "message"}]}`:
//!   the first error's message and code are read, and `request_id`.
//!
//! ## Sources
//!
//! - Intercom's published API description, `intercom/Intercom-OpenAPI`,
//!   `descriptions/2.16/api.intercom.io.yaml` (`GET /admins`, `GET /admins/{admin_id}`, the
//!   admin schema and its examples, the error schema, the servers)
//! - <https://developers.intercom.com/docs/references/2.17/rest-api/errors/rate-limiting>
//!
//! ## Not confirmed
//!
//! - Whether deactivated or invited teammates appear in `GET /admins`.
//! - The OAuth permission a public app needs to read admins.
//! - The current shape of `avatar` (string or `{image_url}`).
//! - Whether `role` is returned on every plan.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_INTERCOM_TOKEN=…
//! let dir = truto_helpdesk::intercom::connect(&Config::from_env("intercom"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Intercom spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("intercom", "Intercom", Family::Helpdesk)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.intercom.io")
        .config(&[ConfigKey::secret(
            "token",
            "an Intercom access token (private app) or OAuth token (public app)",
        )])
        .note("an access token of the workspace's app; lists teammates (admins), not customers; EU/AU workspaces set `base_url`"),
)
.list(List::get("admins").records("admins"))
.get(Get::get("admins/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    text(Text::Title, "job_title"),
    reference(Refs::Roles).id("role.id").name("role.name"),
    refs(Refs::Groups, "team_ids").id(""),
    ref_if(Refs::Licenses, "has_inbox_seat", "inbox_seat"),
])
.headers(&[("Intercom-Version", "2.16")])
.errors(
    Errors::GENERIC
        .message(&["errors[0].message"])
        .code(&["errors[0].code"])
        .request_id(&["request_id"])
        .throttled(&["rate_limit_exceeded"]),
)
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://github.com/intercom/Intercom-OpenAPI",
    "https://developers.intercom.com/docs/references/2.17/rest-api/errors/rate-limiting",
]);

/// Connects to Intercom (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
