//! # HighLevel
//!
//! The users of one HighLevel agency (company), through the Users API of HighLevel's API 2.0
//! (LeadConnector).
//!
//! | | |
//! |---|---|
//! | slug / feature | `highlevel` |
//! | operations | list, get |
//! | list | `GET /users/search?companyId=&skip=&limit=`, paged by offset; the total is `count` |
//! | get | `GET /users/{userId}` (the user is the response) |
//! | base URL | `https://services.leadconnectorhq.com` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_HIGHLEVEL_TOKEN`): an agency Private Integration Token or an OAuth access token of user type *Agency* (sub-account tokens may get a user but not search the agency) |
//! | headers | `Version: 2021-07-28` on every request (required by every Users operation) |
//! | config keys | `company_id`: the agency's company id, required by `users/search` (`companyId`) |
//! | scopes | `users.readonly` |
//! | page size | `limit`, 25 by default; no maximum is documented, so none is declared |
//! | filters | `user_type` (`type`: `agency` or `account`), `workspace_id` (`locationId`: a sub-account) |
//! | rate limits | per app and per resource (agency or sub-account): a burst limit of 100 requests per 10 seconds (`X-RateLimit-Remaining`, `X-RateLimit-Max`, `X-RateLimit-Interval-Milliseconds`) and a daily limit of 200,000 (`X-RateLimit-Daily-Remaining`, `X-RateLimit-Limit-Daily`); no reset header |
//!
//! ## Mapping
//!
//! | HighLevel | unified |
//! |---|---|
//! | `id` | `id` |
//! | `firstName`, `lastName`, `name` | `first_name`, `last_name`, `name` (joined from the parts when `name` is absent) |
//! | `email` | `emails[0]` (primary) |
//! | `phone` | `phones[0]` |
//! | `deleted` (search results only) | `status`: `true` → `deleted`, `false` → `active` |
//! | `roles.role` (e.g. `admin`, `user`) | `roles[0].name` |
//! | `roles.type` (`agency` or `account`) | `user_type` |
//! | `roles.locationIds[]` (the sub-accounts the user works in) | `workspaces` (ids) |
//! | `platformLanguage` (`en_US`, `es`, `fr_CA`, …) | `languages` |
//!
//! `permissions`, `scopes`, `lcPhone` and `extension` stay in `remote_data`. The record has no
//! avatar, time zone or timestamps.
//!
//! ## Quirks
//!
//! - The `Version: 2021-07-28` header is required on every Users operation; it is always
//!   sent.
//! - `users/search` needs the agency's `companyId`, so the integration needs `company_id`
//!   even when listing one sub-account (`workspace_id`).
//! - Only search results carry `deleted`: a get returns no status (`UserSuccessfulResponseDto`
//!   has no `deleted`).
//! - The search's `query` parameter matches a name, an email *or* a phone number, so it is
//!   not declared as an exact `email` or `name` filter (it stays reachable as a remote
//!   query). The email search (`POST /users/search/filter-by-email`) is not used.
//! - Rate limits: the daily remaining count is read as the main window and the 10-second
//!   burst window from `X-RateLimit-Remaining`; HighLevel sends no reset time, so a `429`
//!   is retried after `Retry-After` when present, else with backoff.
//!
//! ## Sources
//!
//! - <https://github.com/GoHighLevel/highlevel-api-docs/blob/main/apps/users.json> (HighLevel's
//!   OpenAPI description of the Users API: paths, parameters, `UserSchema`, the example
//!   values, security schemes and scopes; commit `0af86a4c`)
//! - <https://github.com/GoHighLevel/highlevel-api-docs/blob/main/common/common-schemas.json>
//!   (error bodies)
//! - <https://github.com/GoHighLevel/highlevel-api-docs/blob/main/docs/oauth/Authorization.md>
//!   (rate limits and their headers)
//! - <https://marketplace.gohighlevel.com/docs/> (the same documentation, rendered)
//!
//! ## Not confirmed
//!
//! - The largest `limit` the search accepts.
//! - Whether `users/search` returns deleted users by default.
//! - Every value of `roles.type` and `roles.role` (the description gives examples only).
//! - The status code and `Retry-After` of a throttled request (HighLevel documents neither).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_HIGHLEVEL_TOKEN=…, TRUTO_HIGHLEVEL_COMPANY_ID=…
//! let dir = truto_crm::highlevel::connect(&Config::from_env("highlevel"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The HighLevel spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("highlevel", "HighLevel", Family::Crm)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://services.leadconnectorhq.com")
        .config(&[
            ConfigKey::secret(
                "token",
                "an agency Private Integration Token or agency OAuth access token with users.readonly",
            ),
            ConfigKey::required("company_id", "the agency's company id (`companyId`)"),
        ])
        .note("an agency-level token with users.readonly and the agency's company id; lists the agency's users"),
)
.headers(&[("Version", "2021-07-28")])
.list(
    List::get("users/search")
        .query(&[("companyId", "{company_id}")])
        .records("users")
        .paging(offset(query("skip"), query("limit"), End::Total("count")))
        .filters(&[
            FilterRule::query(Filter::UserType, "type"),
            FilterRule::query(Filter::WorkspaceId, "locationId"),
        ]),
)
.get(Get::get("users/{id}"))
.map(&[
    id("id"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    text(Text::Name, "name"),
    name_from_parts(),
    email("email"),
    phone("phone"),
    status_flag("deleted", Status::Deleted, Some(Status::Active)),
    reference(Refs::Roles).name("roles.role"),
    text(Text::UserType, "roles.type"),
    refs(Refs::Workspaces, "roles.locationIds").id(""),
    languages("platformLanguage"),
])
.errors(Errors::GENERIC.message(&["message"]))
.rate_limits(
    RateLimitHeaders::new(
        "x-ratelimit-daily-remaining",
        "retry-after",
        ResetFormat::DeltaSeconds,
    )
    .with_window("x-ratelimit-remaining", 10_000),
)
.sources(&[
    "https://github.com/GoHighLevel/highlevel-api-docs/blob/main/apps/users.json",
    "https://github.com/GoHighLevel/highlevel-api-docs/blob/main/common/common-schemas.json",
    "https://github.com/GoHighLevel/highlevel-api-docs/blob/main/docs/oauth/Authorization.md",
]);

/// Connects to HighLevel (`token`, `company_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
