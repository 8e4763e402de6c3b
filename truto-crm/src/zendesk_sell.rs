//! # Zendesk Sell
//!
//! The users of one Zendesk Sell (formerly Base CRM) account, through the Sell Core API v2
//! (read-only for users).
//!
//! | | |
//! |---|---|
//! | slug / feature | `zendesk_sell` |
//! | operations | list, get |
//! | list | `GET /v2/users?page=&per_page=`, paged by page number until a short page; each item is `{data: user, meta}` |
//! | get | `GET /v2/users/{id}` (`{data: user, meta}`) |
//! | base URL | `https://api.getbase.com` |
//! | auth | `Authorization: Bearer <token>`; config key `access_token` (env `TRUTO_ZENDESK_SELL_ACCESS_TOKEN`): a personal access token or an OAuth access token; `Accept: application/json` is sent |
//! | config keys | none besides the token |
//! | scopes | read access (an OAuth token's `read` scope) |
//! | page size | `per_page` 25 by default, at most 100 |
//! | filters | `email` (exact, `email=`), `name` (exact, `name=`), `status` (`active` / `inactive`, `status=`), `roles` (`admin` / `user`, `role=`) |
//! | rate limits | not documented in what was read |
//!
//! ## Mapping
//!
//! | Sell (`data.…`) | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` (and `first_name` / `last_name` split at the first space) |
//! | `email` | `emails[0]` (primary) |
//! | `phone_number` | `phones[0]` |
//! | `status` (`active`, `inactive`) | `status` |
//! | `roles[]` `{id, name}` (role-based access roles) | `roles` |
//! | `role` (`admin`, `user`) | `user_type` |
//! | `group` `{id, name}` | `groups[0]` |
//! | `created_at`, `updated_at` | `created_at`, `updated_at` |
//!
//! `invited`, `confirmed`, `team_name` and `reports_to` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Sell wraps every record: list items and a get's answer are `{"data": {…}, "meta":
//!   {"type": "user"}}`, so the rules read `data.…` and `remote_data` is the whole item.
//! - `role` is not a permission role ("no connection with role based access control"): it
//!   says whether the user is an admin, so it maps to `user_type`; the `roles` filter takes
//!   the same two values.
//! - Whether an invitation was sent and accepted is in `invited` and `confirmed` (kept in
//!   `remote_data`); `status` is Sell's own account status, passed as given.
//! - `email` and `name` filters match exactly ("used in a strict sense").
//!
//! ## Sources
//!
//! - <https://developer.zendesk.com/docs/rest/reference/users> (the user's
//!   JSON format, read-only API)
//! - Zendesk's official Ruby SDK, `zendesk/basecrm-ruby`, generated from the Sell API's
//!   discovery schema: `lib/basecrm/services/users_service.rb` (paths, parameters, page
//!   sizes), `lib/basecrm/models/user.rb`, `lib/basecrm/http_client.rb` (Bearer,
//!   `Accept`, `/v2`, `https://api.getbase.com`), `lib/basecrm/middlewares/raise_error.rb`
//!   and `errors.rb` (the error envelope)
//!
//! ## Not confirmed
//!
//! - The user fields after `team_name` in the official JSON-format table (a timezone and a
//!   last-activity time are not mapped: their names were not seen).
//! - Rate limits and their headers.
//! - Whether a page past the end is empty (the SDK stops on an empty page; this listing
//!   stops on a short one).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, Filter, ListUsers, UserDirectoryExt};
//! // TRUTO_ZENDESK_SELL_ACCESS_TOKEN=…
//! let dir = truto_crm::zendesk_sell::connect(&Config::from_env("zendesk_sell"))?;
//! let mut users = dir.list_users(ListUsers::new().filter(Filter::Status, "active"));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, page_number, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Zendesk Sell spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("zendesk_sell", "Zendesk Sell", Family::Crm)
        .credentials(&[Credential::bearer("access_token")])
        .base_url("https://api.getbase.com")
        .config(&[ConfigKey::secret(
            "access_token",
            "a Sell personal access token or an OAuth access token with read access",
        )])
        .note("needs a Sell access token (personal or OAuth, read access); lists active and inactive users"),
)
.list(
    List::get("v2/users")
        .records("items")
        .paging(page_number(query("page"), query("per_page"), 1, End::ShortPage))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::query(Filter::Name, "name"),
            FilterRule::mapped(
                Filter::Status,
                "status",
                &[("active", "active"), ("inactive", "inactive")],
            ),
            FilterRule::mapped(Filter::Roles, "role", &[("admin", "admin"), ("user", "user")]),
        ])
        .page_size(25, 100),
)
.get(Get::get("v2/users/{id}"))
.map(&[
    id("data.id"),
    text(Text::Name, "data.name"),
    split_name("data.name"),
    email("data.email"),
    phone("data.phone_number"),
    status(
        "data.status",
        &[("active", Status::Active), ("inactive", Status::Inactive)],
    ),
    refs(Refs::Roles, "data.roles").id("id").name("name"),
    text(Text::UserType, "data.role"),
    reference(Refs::Groups).id("data.group.id").name("data.group.name"),
    time(Time::CreatedAt, "data.created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "data.updated_at", TimeFormat::Auto),
])
.headers(&[("Accept", "application/json")])
.errors(
    Errors::GENERIC
        .message(&["errors[0].error.message"])
        .code(&["errors[0].error.code"])
        .request_id(&["meta.logref"]),
)
.sources(&[
    "https://developer.zendesk.com/docs/rest/reference/users",
    "https://github.com/zendesk/basecrm-ruby/blob/master/lib/basecrm/services/users_service.rb",
    "https://github.com/zendesk/basecrm-ruby/blob/master/lib/basecrm/http_client.rb",
])
.absent(&[
    (
        "timezone",
        "not among the user fields Sell's JSON-format table and official SDK show",
    ),
    (
        "last_active_at",
        "not among the user fields Sell's JSON-format table and official SDK show",
    ),
]);

/// Connects to Zendesk Sell (`access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
