//! # Slack
//!
//! The members of one Slack workspace, through Slack's Web API (`users.list`, `users.info`).
//!
//! | | |
//! |---|---|
//! | slug / feature | `slack` |
//! | operations | list, get |
//! | list | `GET /api/users.list?limit=&cursor=&include_locale=true`, paged by the cursor in `response_metadata.next_cursor` |
//! | get | `GET /api/users.info?user={id}&include_locale=true` |
//! | base URL | `https://slack.com/api` |
//! | auth | `Authorization: Bearer <token>` (a bot token `xoxb-…` or a user token `xoxp-…`); config key `token` (env `TRUTO_SLACK_TOKEN`) |
//! | scopes | `users:read`; `users:read.email` as well for `profile.email` |
//! | page size | 200 by default (`limit`), at most 999 |
//! | filters | none (`users.lookupByEmail` answers one user at `user`, not a page: see *Quirks*) |
//! | rate limits | per method, app and workspace: `users.list` Tier 2 (20+ per minute), `users.info` Tier 4 (100+ per minute); `429` with `Retry-After` (seconds) |
//!
//! ## Mapping
//!
//! | Slack | unified |
//! |---|---|
//! | `id` (`U…` or `W…`) | `id` |
//! | `profile.real_name`, else `real_name` | `name` |
//! | `profile.first_name`, `profile.last_name` | `first_name`, `last_name` |
//! | `name` (the handle) | `username` |
//! | `profile.email` (primary) | `emails` |
//! | `profile.phone` | `phones` |
//! | `profile.title` | `title` |
//! | `is_invited_user: true` → `invited`; `deleted: true` → `inactive`, `false` → `active` | `status` |
//! | `is_primary_owner`, `is_owner`, `is_admin`, `is_restricted`, `is_ultra_restricted` → `primary_owner`, `owner`, `admin`, `multi_channel_guest`, `single_channel_guest` | `roles` (names) |
//! | `is_bot` → `machine`, else `user` | `user_type` |
//! | `has_2fa` | `is_2fa_enabled` |
//! | `team_id` | `workspaces` |
//! | `profile.image_512`, else `profile.image_192` | `avatar` |
//! | `tz` (IANA name) | `timezone` |
//! | `locale` (sent because `include_locale=true`) | `languages` |
//! | `updated` (Unix seconds) | `updated_at` |
//!
//! ## Quirks
//!
//! - **Errors come with HTTP 200**: a body `{"ok": false, "error": "<code>"}` is an error;
//!   `invalid_auth`, `not_authed`, `account_inactive`, `token_revoked` and `token_expired`
//!   read as 401, `missing_scope` and `no_permission` as 403, `user_not_found` as 404,
//!   `ratelimited` as 429 (retried), `fatal_error` and `internal_error` as 500 (retried).
//! - The listing includes deactivated members (`deleted: true`, Slack's word for
//!   deactivated, so `inactive`), invited members, bots (`is_bot`) and app users, in no
//!   particular order. A single-channel guest carries both guest flags, so both guest
//!   roles.
//! - Slack may return fewer members than `limit` before the end: only an empty or absent
//!   `next_cursor` ends the listing.
//! - `profile.email` is present only when the token has `users:read.email`.
//! - Slack's exact email lookup, `users.lookupByEmail?email=`, answers one member at
//!   `user` instead of a page at `members`; the declarative layer reads a filter endpoint's
//!   answer at the list's location, so it is not declared, and `find_by_email` pages
//!   through `users.list`.
//! - Tokens are sent in the `Authorization` header only: Slack refuses tokens in the query
//!   string from apps created after 24 February 2021.
//! - The token belongs to one workspace. Org-wide (Enterprise Grid) tokens need `team_id`,
//!   which this integration does not send; `Slack Enterprise` is a separate integration.
//!
//! ## Sources
//!
//! - Slack's published API description, `slackapi/slack-api-specs`,
//!   `web-api/slack_web_openapi_v2.json` (`users.list`, `users.info`, the user object, the
//!   error codes, the example members)
//! - <https://api.slack.com/methods/users.list> and <https://api.slack.com/methods/users.info>
//! - <https://docs.slack.dev/apis/web-api/pagination> (`cursor`, `limit`, `next_cursor`)
//! - <https://api.slack.com/docs/rate-limits> (tiers, `429` and `Retry-After`)
//! - <https://docs.slack.dev/changelog/2020-11-no-more-tokens-in-querystrings-for-newly-created-apps>
//! - <https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/UsersListArguments>
//!   (Slack's Node SDK: `limit` at most 999)
//!
//! ## Not confirmed
//!
//! - The largest `limit`: Slack's Node SDK says 999, other copies of the method page say
//!   1000; 999 is used.
//! - That the last page's `next_cursor` is an empty string rather than absent (both end
//!   the listing).
//! - `missing_scope`, `ratelimited`, `token_revoked`, `token_expired` and `internal_error`
//!   are Slack's general Web API error codes; the 2021 description lists only some of them
//!   for these two methods.
//! - The tiers (`users.list` Tier 2, `users.info` Tier 4) are from copies of Slack's method
//!   metadata; Slack's method pages were not read to those lines.
//! - `is_email_confirmed`, which real responses are reported to carry, is in neither the
//!   description nor Slack's documented example, so `is_email_verified` is not mapped.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SLACK_TOKEN=xoxb-…
//! let dir = truto_collaboration::slack::connect(&Config::from_env("slack"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, InBody, List, Spec, cursor, query};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Slack spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("slack", "Slack", Family::Collaboration)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://slack.com/api")
        .config(&[ConfigKey::secret(
            "token",
            "a bot or user token with users:read (and users:read.email for email addresses)",
        )])
        .note("a bot or user token with `users:read` (`users:read.email` for emails); lists every member of the token's workspace, deactivated members, guests and bots included"),
)
.list(
    List::get("users.list")
        .query(&[("include_locale", "true")])
        .records("members")
        .paging(cursor(
            query("cursor"),
            query("limit"),
            "response_metadata.next_cursor",
        ))
        .page_size(200, 999),
)
.get(
    Get::get("users.info")
        .query(&[("user", "{id}"), ("include_locale", "true")])
        .record("user"),
)
.map(&[
    id("id"),
    text(Text::Name, "profile.real_name"),
    text(Text::Name, "real_name"),
    text(Text::FirstName, "profile.first_name"),
    text(Text::LastName, "profile.last_name"),
    text(Text::Username, "name"),
    email("profile.email"),
    phone("profile.phone"),
    text(Text::Title, "profile.title"),
    status_flag("is_invited_user", Status::Invited, None),
    status_flag("deleted", Status::Inactive, Some(Status::Active)),
    ref_if(Refs::Roles, "is_primary_owner", "primary_owner"),
    ref_if(Refs::Roles, "is_owner", "owner"),
    ref_if(Refs::Roles, "is_admin", "admin"),
    ref_if(Refs::Roles, "is_restricted", "multi_channel_guest"),
    ref_if(Refs::Roles, "is_ultra_restricted", "single_channel_guest"),
    user_type_flag("is_bot", "machine", Some("user")),
    flag(Flag::TwoFactor, "has_2fa"),
    reference(Refs::Workspaces).id("team_id"),
    text(Text::Avatar, "profile.image_512"),
    text(Text::Avatar, "profile.image_192"),
    text(Text::Timezone, "tz"),
    languages("locale"),
    time(Time::UpdatedAt, "updated", TimeFormat::EpochSeconds),
])
.errors(
    Errors::GENERIC
        .message(&["error"])
        .code(&["error"])
        .throttled(&["ratelimited"])
        .in_body(
            InBody::FlagFalse("ok"),
            &[
                ("not_authed", 401),
                ("invalid_auth", 401),
                ("account_inactive", 401),
                ("token_revoked", 401),
                ("token_expired", 401),
                ("missing_scope", 403),
                ("no_permission", 403),
                ("user_not_visible", 403),
                ("user_not_found", 404),
                ("invalid_cursor", 400),
                ("limit_required", 400),
                ("ratelimited", 429),
                ("fatal_error", 500),
                ("internal_error", 500),
            ],
        ),
)
.sources(&[
    "https://github.com/slackapi/slack-api-specs",
    "https://api.slack.com/methods/users.list",
    "https://api.slack.com/methods/users.info",
    "https://docs.slack.dev/apis/web-api/pagination",
    "https://api.slack.com/docs/rate-limits",
    "https://docs.slack.dev/changelog/2020-11-no-more-tokens-in-querystrings-for-newly-created-apps",
    "https://docs.slack.dev/tools/node-slack-sdk/reference/web-api/interfaces/UsersListArguments",
])
.absent(&[
    (
        "is_email_verified",
        "neither Slack's published user object nor its documented example has an email-confirmation field",
    ),
    (
        "bio",
        "a Slack profile has no biography; `profile.status_text` is a transient status, left in remote_data",
    ),
    (
        "licenses",
        "a Slack member record carries no license or seat (guest flags are roles)",
    ),
    (
        "groups",
        "`users.info` carries no user groups: they are listed by the separate `usergroups.*` methods",
    ),
]);

/// Connects to Slack (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
