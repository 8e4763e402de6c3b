//! # PagerDuty
//!
//! The users of one PagerDuty account, through PagerDuty's REST API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `pagerduty` |
//! | operations | list, get |
//! | list | `GET /users?offset=&limit=`, paged by offset while the response's `more` is true |
//! | get | `GET /users/{id}` (the user under `user`) |
//! | base URL | `https://api.pagerduty.com`; EU service region: `base_url` `https://api.eu.pagerduty.com` |
//! | auth | `Authorization: Token token=<key>`: a REST API key (account or user key), config key `token` (env `TRUTO_PAGERDUTY_TOKEN`); **or** `Authorization: Bearer <token>`: an OAuth access token, config key `access_token` (`TRUTO_PAGERDUTY_ACCESS_TOKEN`) |
//! | headers | `Accept: application/vnd.pagerduty+json;version=2, application/json` (the version header, and plain JSON for servers and mocks that serve only it), `Content-Type: application/json` (the description requires it on every request) |
//! | scopes | scoped OAuth: `users.read`; a read-only API key is enough |
//! | page size | 100 by default here (what PagerDuty's own client asks for); at most 100 (see *Not confirmed*) |
//! | filters | `name` (`query`: users whose name matches), `group_id` (`team_ids[]`: members of a team; the account needs the `teams` ability) |
//! | rate limits | per key, user or app: `ratelimit-remaining`, `ratelimit-reset` (seconds to wait); `429` when exceeded |
//!
//! ## Mapping
//!
//! | PagerDuty | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `invitation_sent`: `true` → `invited`, `false` → `active` | `status` |
//! | `role` (`admin`, `limited_user`, `observer`, `owner`, `read_only_user`, `restricted_access`, `read_only_limited_user`, `user`) | `roles` (the role's id) |
//! | `teams[]` `{id, summary}` | `groups` `{id, name}` |
//! | `avatar_url` | `avatar` |
//! | `time_zone` (IANA, e.g. `America/Lima`) | `timezone` |
//! | `job_title` | `title` |
//! | `description` (the user's bio) | `bio` |
//! | `html_url` | `urls` (`profile`) |
//!
//! `contact_methods[]` and `notification_rules[]` are references (ids and summaries), not
//! phone numbers, so they stay in `remote_data`; so do `color` and `created_via_sso`.
//!
//! ## Quirks
//!
//! - PagerDuty keeps no disabled state: a removed user is deleted. A listed user is
//!   `invited` while an invitation is outstanding (`invitation_sent`) and `active`
//!   otherwise.
//! - The list and the get return the same user schema; only the calendar feed URLs
//!   (`http_cal_url`, `web_cal_url`) are get-only, and they are bearer credentials, so
//!   they are not mapped.
//! - Classic pagination stops at 10 000 records: `offset + limit` may not exceed 10 000
//!   (enforced by the API; PagerDuty's own client stops there too). Narrow a listing with
//!   a filter past that.
//! - The `name` filter (`query`) matches names, not email addresses; `find_by_email`
//!   therefore lists every user and keeps exact matches.
//!
//! ## Sources
//!
//! - PagerDuty's published API description, `PagerDuty/api-schema`,
//!   `reference/REST/openapiv3.json` (list and get users, the `User` schema, parameters,
//!   the error body and the example users)
//! - PagerDuty's official Python client, `PagerDuty/python-pagerduty`
//!   (`Token token=` and `Bearer` authorization, page size 100, the 10 000 record limit of
//!   classic pagination, `https://api.eu.pagerduty.com`)
//! - <https://support.pagerduty.com/docs/rest-api-rate-limits> (rate-limit headers)
//!
//! ## Not confirmed
//!
//! - The largest `limit` the users list honours (the description gives none; 100 is what
//!   PagerDuty's client asks for), and its default.
//! - That the API accepts the combined `Accept` value (the documented value alone is
//!   `application/vnd.pagerduty+json;version=2`).
//! - Whether `query` matches anything besides the name.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_PAGERDUTY_TOKEN=…
//! let dir = truto_devtools::pagerduty::connect(&Config::from_env("pagerduty"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::http::RateLimitHeaders;
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The PagerDuty spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("pagerduty", "PagerDuty", Family::Devtools)
        .credentials(&[
            Credential::header_with_prefix("Authorization", "Token token=", "token"),
            Credential::bearer("access_token"),
        ])
        .base_url("https://api.pagerduty.com")
        .config(&[
            ConfigKey::optional_secret(
                "token",
                "a REST API key (account or user key; read-only is enough)",
            ),
            ConfigKey::optional_secret(
                "access_token",
                "an OAuth access token with users.read (instead of `token`)",
            ),
        ])
        .note("A REST API key (read-only is enough) or an OAuth token with users.read; EU accounts set `base_url` to `https://api.eu.pagerduty.com`."),
)
.list(
    List::get("users")
        .records("users")
        .paging(offset(query("offset"), query("limit"), End::More("more")))
        .filters(&[
            FilterRule::query(Filter::Name, "query"),
            FilterRule::query(Filter::GroupId, "team_ids[]"),
        ])
        .page_size(100, 100),
)
.get(Get::get("users/{id}").record("user"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    status_flag("invitation_sent", Status::Invited, Some(Status::Active)),
    reference(Refs::Roles).id("role"),
    refs(Refs::Groups, "teams").id("id").name("summary"),
    text(Text::Avatar, "avatar_url"),
    text(Text::Timezone, "time_zone"),
    text(Text::Title, "job_title"),
    text(Text::Bio, "description"),
    url("html_url", Some("profile")),
])
.headers(&[
    ("Accept", "application/vnd.pagerduty+json;version=2, application/json"),
    ("Content-Type", "application/json"),
])
.errors(Errors::GENERIC.message(&["error.message"]).code(&["error.code"]))
.rate_limits(RateLimitHeaders::IETF)
.sources(&[
    "https://github.com/PagerDuty/api-schema",
    "https://github.com/PagerDuty/python-pagerduty",
    "https://support.pagerduty.com/docs/rest-api-rate-limits",
])
.absent(&[
    (
        "licenses",
        "the `User` record carries no license: PagerDuty takes one only in an update body, and license allocations are another endpoint",
    ),
    (
        "last_login_at",
        "the `User` record has no login time",
    ),
]);

/// Connects to PagerDuty (`token`, or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
