//! # Dashlane
//!
//! The members of one Dashlane team (business plan), through Dashlane's read-only Public
//! API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `dashlane` |
//! | operations | list |
//! | list | `POST /public/teams/Members` with `{"page", "limit"}`, paged by a zero-based page number up to `data.pages` |
//! | base URL | `https://api.dashlane.com/public` |
//! | auth | `Authorization: Bearer DLP_<teamUuid>_<accessKey>_<secretKey>`; config key `api_key`, the whole `DLP_…` key (env `TRUTO_DASHLANE_API_KEY`) |
//! | page size | `limit`: 100 by default, at most 100 |
//! | filters | none |
//! | rate limits | none documented |
//!
//! A key is created by a team admin in the Admin Console, or with the Dashlane CLI
//! (`dcli team public-api create-key "…"`); it is shown once.
//!
//! ## Mapping
//!
//! | Dashlane | unified |
//! |---|---|
//! | `email` (the member's login) | `id`, `username`, `emails` (primary) |
//! | `name` | `name` |
//! | `status`: `accepted` → `active`, `proposed` → `invited`, `removed` → `deleted`; `unproposed` passes through | `status` |
//! | `role.teamAdmin`, `role.billingAdmin`, `role.groupManager` | `roles`: `team_admin`, `billing_admin`, `group_manager` |
//! | `language` (ISO 639-1) | `languages` |
//! | `invitedDate` | `created_at` |
//! | `joinedDate` (the invitation accepted) | `activated_at` |
//! | `lastUpdateDate` | `updated_at` |
//! | `removedDate` | `status_changed_at` |
//!
//! ## Quirks
//!
//! - **No member id.** Dashlane identifies members by their login email, so the email is
//!   the id; there is no get.
//! - The listing includes invited (`proposed`), removed and `unproposed` (an invitation
//!   withdrawn) members, not only members of the team.
//! - Times are Unix times (read as seconds or milliseconds by their size).
//! - `authentication.type` (`sso`, `email_token`, `totp_device_registration`,
//!   `totp_login`) and the password-health figures stay in `remote_data`: which of the
//!   authentication types count as two-factor is not documented.
//! - Asking for a page past the last answers `400 PAGE_OUT_OF_RANGE`; the listing stops at
//!   `data.pages` before that.
//!
//! ## Sources
//!
//! - <https://github.com/Dashlane/public-api-documentation> (commit `97036d30`: the key
//!   format, the base URL, the `POST /teams/Members` example, read-only access)
//! - Dashlane's OpenAPI description, <https://get.dashlane.com/public-api/openapi.json>
//!   (version `2026-07-17T15:19:22.696Z`, read through its copy in
//!   `api-evangelist/dashlane`, `openapi/_original/dashlane-public-api-openapi-original.json`):
//!   `teams-Members` request and response, the 400/500/503 errors
//! - <https://support.dashlane.com/hc/en-us/articles/23955544757266-Dashlane-public-API>
//!
//! ## Not confirmed
//!
//! - Whether the Unix times are seconds or milliseconds (both are read).
//! - The status and body of a refused key.
//! - The meaning of `unproposed`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DASHLANE_API_KEY=DLP_…
//! let dir = truto_idp::dashlane::connect(&Config::from_env("dashlane"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, body, page_number};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Dashlane spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("dashlane", "Dashlane", Family::Idp)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.dashlane.com/public")
        .config(&[ConfigKey::secret(
            "api_key",
            "a Public API key, the whole `DLP_…` string",
        )])
        .note("a team admin's Public API key (`DLP_…`; business plans); members are keyed by email, invited and removed included"),
)
.list(
    List::post("teams/Members", "{}")
        .records("data.members")
        .paging(page_number(
            body("page"),
            body("limit"),
            0,
            End::TotalPages("data.pages"),
        ))
        .page_size(100, 100),
)
.map(&[
    id("email"),
    email("email"),
    text(Text::Username, "email"),
    text(Text::Name, "name"),
    status(
        "status",
        &[
            ("accepted", Status::Active),
            ("proposed", Status::Invited),
            ("removed", Status::Deleted),
        ],
    ),
    ref_if(Refs::Roles, "role.teamAdmin", "team_admin"),
    ref_if(Refs::Roles, "role.billingAdmin", "billing_admin"),
    ref_if(Refs::Roles, "role.groupManager", "group_manager"),
    languages("language"),
    time(Time::CreatedAt, "invitedDate", TimeFormat::Auto),
    time(Time::ActivatedAt, "joinedDate", TimeFormat::Auto),
    time(Time::UpdatedAt, "lastUpdateDate", TimeFormat::Auto),
    time(Time::StatusChangedAt, "removedDate", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].message"])
        .code(&["errors[0].code"])
        .request_id(&["requestId"]),
)
.sources(&[
    "https://github.com/Dashlane/public-api-documentation",
    "https://get.dashlane.com/public-api/openapi.json",
    "https://support.dashlane.com/hc/en-us/articles/23955544757266-Dashlane-public-API",
]);

/// Connects to Dashlane (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
