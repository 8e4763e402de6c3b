//! # Make
//!
//! The users of one Make organization, through Make's API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `make` |
//! | operations | list |
//! | list | `GET /api/v2/users?organizationId=&pg[offset]=&pg[limit]=`, paged by offset until a page comes back short |
//! | base URL | `https://{zone}.make.com` (`zone`: `eu1`, `eu2`, `us1`, `us2`, …, the host the account lives on) |
//! | auth | `Authorization: Token <api_token>`, config key `api_token` (env `TRUTO_MAKE_API_TOKEN`); **or** an OAuth 2.0 access token, `Authorization: Bearer <access_token>`, config key `access_token` |
//! | config keys | `zone`, `organization_id` |
//! | scopes | `user:read` |
//! | page size | at most 10,000 (`pg[limit]`); Make's default is 10, 100 is sent |
//! | filters | none |
//! | rate limits | per-plan requests per minute; `429` with `Retry-After` (seconds), honoured by the transport |
//!
//! ## Mapping
//!
//! | Make | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` (the full name) | `name` |
//! | `email` | `emails` (one, primary) |
//! | `language` (e.g. `en`) | `languages` |
//! | `timezone` (an IANA name, when returned) | `timezone` |
//! | `tfaEnabled` (when returned) | `is_2fa_enabled` |
//! | `avatar` | `avatar` |
//!
//! ## Quirks
//!
//! - Pending invitations are not users: Make returns them beside the users
//!   (`membershipPromises`, cloud instances only), so no user is `invited` and `status` is
//!   unset.
//! - Make answers with its default columns (`id`, `name`, `email`, `language`, `timezoneId`,
//!   `localeId`, `countryId`, `features`, `avatar`); `timezone` and `tfaEnabled` come only
//!   when asked for with the remote query `cols[]`.
//! - The list is of one organization; Make also lists the users of one team
//!   (`teamId=` instead of `organizationId=`), which this integration does not do.
//! - Errors are `{"message": "…", "detail": "…", "code": "…"}`; the detail is preferred.
//!
//! ## Sources
//!
//! - <https://developers.make.com/api-documentation/api-reference/users/get--users> (List users: `organizationId` / `teamId`, `cols[]`, `pg[offset]`, `pg[limit]` up to 10,000, the response example)
//! - <https://www.make.com/en/api-documentation/users-get> (the previous edition of the same page: the default columns, the optional ones, `pg[sortBy]`)
//! - Make's TypeScript SDK, `integromat/make-typescript-sdk` (`src/make.ts`: `Authorization: Token …` or `Bearer …`, the `https://{zone}/api/v2` base, `Retry-After` on `429`; `src/utils.ts`: the error body; `src/endpoints/users.ts`: the user's fields)
//!
//! ## Not confirmed
//!
//! - Which `cols[]` values the list accepts.
//! - The default sort (the two editions of Make's reference disagree: by name, or by id
//!   descending); paging by offset is stable only if the order is.
//! - Rate-limit numbers and headers; the error body's `code`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_MAKE_ZONE=eu1 TRUTO_MAKE_API_TOKEN=… TRUTO_MAKE_ORGANIZATION_ID=12345
//! let dir = truto_devtools::make::connect(&Config::from_env("make"))?;
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
use truto_core::provider::declarative::{End, Errors, List, Spec, offset, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Make spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("make", "Make", Family::Devtools)
        .credentials(&[
            Credential::custom("Token", "api_token"),
            Credential::bearer("access_token"),
        ])
        .base_url("https://{zone}.make.com")
        .config(&[
            ConfigKey::required(
                "zone",
                "the account's zone, e.g. `eu1` for eu1.make.com",
            )
            .host_suffix(".make.com"),
            ConfigKey::required("organization_id", "the organization's id"),
            ConfigKey::optional_secret("api_token", "an API token with the user:read scope"),
            ConfigKey::optional_secret(
                "access_token",
                "an OAuth 2.0 access token (instead of `api_token`)",
            ),
        ])
        .note("an API token with user:read, the zone and the organization id; lists the organization's users"),
)
.list(
    List::get("api/v2/users")
        .query(&[("organizationId", "{organization_id}")])
        .records("users")
        .paging(offset(
            query("pg[offset]"),
            query("pg[limit]"),
            End::ShortPage,
        ))
        .page_size(100, 10_000),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    languages("language"),
    text(Text::Timezone, "timezone"),
    flag(Flag::TwoFactor, "tfaEnabled"),
    text(Text::Avatar, "avatar"),
])
.errors(
    Errors::GENERIC
        .message(&["detail", "message"])
        .code(&["code"]),
)
.sources(&[
    "https://developers.make.com/api-documentation/api-reference/users/get--users",
    "https://www.make.com/en/api-documentation/users-get",
    "https://github.com/integromat/make-typescript-sdk",
]);

/// Connects to Make (`zone`, `organization_id`, and `api_token` or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
