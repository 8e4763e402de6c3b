//! # Doppler
//!
//! The members of one Doppler workplace, through Doppler's REST API (v3).
//!
//! | | |
//! |---|---|
//! | slug / feature | `doppler` |
//! | operations | list, get |
//! | list | `GET /v3/workplace/users?page=`, paged by page number (first page 1) until a page comes back empty |
//! | get | `GET /v3/workplace/users/{id}`: the user under `workplace_user` |
//! | base URL | `https://api.doppler.com` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_DOPPLER_TOKEN`): a personal token (`dp.pt.…`) or a service account token (`dp.sa.…`) of the workplace |
//! | config keys | none besides `token`: the token selects the workplace |
//! | scopes | the token's workplace role must be able to read the team (every workplace role can) |
//! | page size | Doppler's own: there is no page-size parameter, so a caller's `limit` is not sent |
//! | filters | `email` (`email=`: only the user with that address) |
//! | rate limits | `429` with `Retry-After` (seconds), honoured by the transport |
//!
//! ## Mapping
//!
//! | Doppler | unified |
//! |---|---|
//! | `id` (the workplace membership's id, the "slug") | `id` |
//! | `user.name` | `name` |
//! | `user.username` | `username` |
//! | `user.email` | `emails` (one, primary) |
//! | `access` (the workplace role: `owner`, `admin`, `collaborator`, `viewer` or a custom role) | `roles` |
//! | `user.profile_image_url` | `avatar` |
//! | `created_at` (when the user joined the workplace) | `created_at` |
//! | `user.mfa_enabled` (only in the Audit API's answer, see below) | `is_2fa_enabled` |
//!
//! `status` is left unset: every listed user is a member of the workplace, and invitations
//! are a separate resource (`/v3/workplace/invites`).
//!
//! ## Quirks
//!
//! - The list stops at the first empty page: Doppler's answer carries the page number it
//!   served but neither a total nor a "more" flag, and its page size is not documented, so
//!   the last page costs one more request that comes back empty.
//! - `is_2fa_enabled` is filled only when the record carries `user.mfa_enabled`. Doppler
//!   documents that flag on the Audit API's "Workplace User"
//!   (`GET /v3/workplace/users/{id}?settings=true`, which takes an *Audit API token*); the
//!   ordinary get does not return it. Connect with an audit token and pass the remote query
//!   `settings=true` on a get to read it.
//! - Errors are `{"messages": ["…"], "success": false}`; the first message is the error's
//!   message.
//!
//! ## Sources
//!
//! - <https://docs.doppler.com/reference/users-list> (list, `page`, `email`, the example user)
//! - <https://docs.doppler.com/reference/users-get> (get, `workplace_user`)
//! - <https://docs.doppler.com/reference/audit-get_user> (the Audit API's user with `mfa_enabled`)
//! - <https://docs.doppler.com/docs/workplace-team> (workplace roles)
//! - Doppler's Terraform provider, `DopplerHQ/terraform-provider-doppler`, `doppler/api.go`
//!   (`GET /v3/workplace/users?email=`, the error body, `429` with `retry-after`)
//!
//! ## Not confirmed
//!
//! - The page size, and that an empty page is the only end signal.
//! - Doppler's rate-limit numbers and whether it sends rate-limit headers besides `Retry-After`.
//! - Whether the ordinary get returns `mfa_enabled` to any token, or accepts `settings=true`
//!   from a token that is not an audit token.
//! - Whether project-scoped service tokens (`dp.st.…`) are refused on these endpoints.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DOPPLER_TOKEN=dp.sa.…
//! let dir = truto_devtools::doppler::connect(&Config::from_env("doppler"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Param, Spec, page_number, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Doppler spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("doppler", "Doppler", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.doppler.com")
        .config(&[ConfigKey::secret(
            "token",
            "a personal (dp.pt.) or service account (dp.sa.) token of the workplace",
        )])
        .note("a personal or service account token; lists the workplace's members"),
)
.list(
    List::get("v3/workplace/users")
        .records("workplace_users")
        // No page-size parameter and no total: only an empty page ends the listing (the
        // layer never takes a caller's `limit` for the size of a page it could not ask for).
        .paging(page_number(query("page"), Param::None, 1, End::ShortPage))
        .filters(&[FilterRule::query(Filter::Email, "email")]),
)
.get(Get::get("v3/workplace/users/{id}").record("workplace_user"))
.map(&[
    id("id"),
    text(Text::Name, "user.name"),
    text(Text::Username, "user.username"),
    email("user.email"),
    reference(Refs::Roles).id("access"),
    text(Text::Avatar, "user.profile_image_url"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    flag(Flag::TwoFactor, "user.mfa_enabled"),
])
.errors(Errors::GENERIC.message(&["messages[0]"]))
.sources(&[
    "https://docs.doppler.com/reference/users-list",
    "https://docs.doppler.com/reference/users-get",
    "https://docs.doppler.com/reference/audit-get_user",
    "https://docs.doppler.com/docs/workplace-team",
    "https://github.com/DopplerHQ/terraform-provider-doppler",
]);

/// Connects to Doppler (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
