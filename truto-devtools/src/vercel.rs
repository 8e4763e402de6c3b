//! # Vercel
//!
//! The members of one Vercel team, through the Vercel REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `vercel` |
//! | operations | list, update |
//! | list | `GET /v3/teams/{teamId}/members?limit=&until=`: `members`, paged by the timestamp `pagination.next` while `pagination.hasNext` |
//! | update | `PATCH /v1/teams/{teamId}/members/{uid}` (`role`, `confirmed`) |
//! | base URL | `https://api.vercel.com` |
//! | auth | `Authorization: Bearer <access token>`; config key `token` (env `TRUTO_VERCEL_TOKEN`) |
//! | config keys | `team_id` (the team's id, `team_…`) |
//! | permissions | any member's token lists; an update needs a token of a team `OWNER` |
//! | page size | `limit` (at least 1); Vercel's default and maximum are not documented for this endpoint |
//! | filters | `email` (Vercel's `search`: name, username and email), `role_id` (`role`, one of the team roles) |
//! | update fields | `roles` (exactly one team role, by id: `OWNER`, `MEMBER`, `DEVELOPER`, `SECURITY`, `BILLING`, `VIEWER`, `VIEWER_FOR_PLUS`, `CONTRIBUTOR`), `status` (`active` only: confirms a member who requested access) |
//! | rate limits | `429` when exceeded; `X-RateLimit-Remaining` / `X-RateLimit-Reset` (Unix seconds) are declared |
//!
//! ## Mapping
//!
//! | Vercel | unified |
//! |---|---|
//! | `uid` | `id` |
//! | `name` | `name` |
//! | `username` | `username` |
//! | `email` | `emails` (one, primary) |
//! | `confirmed`: `true` → `active`, `false` → `invited` (requested access, not yet confirmed by an owner) | `status` |
//! | `role` | `roles` (id and name) |
//! | `createdAt` (Unix milliseconds: when the member was added) | `created_at` |
//!
//! `avatar` is the id of an avatar file, not a URL: it stays in `remote_data`, with
//! `joinedFrom`, `projects`, `github`, `gitlab`, `bitbucket` and `isEnterpriseManaged`.
//!
//! ## Quirks
//!
//! - The team is the config key `team_id`: the reference's `groups` update parameter (the
//!   team) is that key, for listing and updating alike.
//! - Pending email invitations are not members: Vercel returns them beside the members,
//!   in `emailInviteCodes`, which this integration does not read.
//! - **The `email` filter** is Vercel's `search`, which also matches names and usernames;
//!   `find_by_email` keeps exact matches only.
//! - An update answers `{"id": <team id>}`, not the member, and there is no endpoint that
//!   reads one member: the user returned is what the update set.
//! - `status` can only be set to `active` (`confirmed: true`); removing a member is a
//!   `DELETE`, not an update, and is refused.
//!
//! ## Sources
//!
//! - <https://vercel.com/docs/rest-api/teams/list-team-members>
//! - <https://vercel.com/docs/rest-api/teams/update-a-team-member>
//! - Vercel's official TypeScript SDK, generated from its API description, `vercel/sdk`:
//!   `src/funcs/teamsGetTeamMembers.ts`, `src/funcs/teamsUpdateTeamMember.ts` and the
//!   models `GetTeamMembersRequest`, `GetTeamMembersResponseBody`,
//!   `GetTeamMembersPagination`, `GetTeamMembersMembers` (the example member),
//!   `GetTeamMembersRole`, `UpdateTeamMemberRequestBody`, `UpdateTeamMemberResponseBody`
//!
//! ## Not confirmed
//!
//! - That the next page is asked for with `until` = `pagination.next` (the parameter says
//!   "members added until then", `next` is "the timestamp that must be used to request the
//!   next page"; Vercel's general pagination page was not read).
//! - `limit`'s default and maximum on this endpoint.
//! - The rate-limit headers and the error body (`{"error": {"code", "message"}}`, read
//!   with the common shapes) for this endpoint.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_VERCEL_TOKEN=…, TRUTO_VERCEL_TEAM_ID=team_…
//! let dir = truto_devtools::vercel::connect(&Config::from_env("vercel"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::{Map, Value};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Answer, List, Spec, Update, cursor_while, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Vercel spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("vercel", "Vercel", Family::Devtools)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.vercel.com")
        .config(&[
            ConfigKey::secret("token", "an access token with access to the team"),
            ConfigKey::required("team_id", "the team's id (`team_…`)"),
        ])
        .note("an access token and the team id; updates (role, confirm) need a team OWNER's token"),
)
.list(
    List::get("v3/teams/{team_id}/members")
        .records("members")
        .paging(cursor_while(
            query("until"),
            query("limit"),
            "pagination.next",
            "pagination.hasNext",
        ))
        .filters(&[
            FilterRule::query(Filter::Email, "search"),
            FilterRule::query(Filter::RoleId, "role"),
        ]),
)
.update(
    Update::patch(
        "v1/teams/{team_id}/members/{id}",
        &[
            UpdateField::new("roles", Write::OneId("role")),
            UpdateField::new("status", Write::Custom(confirm)),
        ],
    )
    .idempotent()
    .answer(Answer::ReadBack),
)
.map(&[
    id("uid"),
    text(Text::Name, "name"),
    text(Text::Username, "username"),
    email("email"),
    status_flag("confirmed", Status::Active, Some(Status::Invited)),
    reference(Refs::Roles).id("role").name("role"),
    time(Time::CreatedAt, "createdAt", TimeFormat::EpochMillis),
])
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://vercel.com/docs/rest-api/teams/list-team-members",
    "https://vercel.com/docs/rest-api/teams/update-a-team-member",
    "https://github.com/vercel/sdk",
])
.absent(&[(
    "update:groups",
    "the team is the config key `team_id`; Vercel's update body has no groups",
)]);

/// Connects to Vercel (`token`, `team_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `status: active` is Vercel's `confirmed: true` (an owner accepts a member who requested
/// access); Vercel has no other status to set.
fn confirm(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    match value.as_str() {
        Some("active") => {
            body.insert("confirmed".into(), Value::Bool(true));
            Ok(())
        }
        _ => Err(
            "Vercel can only confirm a member (`active`); remove a member from the team instead of deactivating"
                .into(),
        ),
    }
}
