//! # Box
//!
//! The users of one Box enterprise, through the Box Platform API (`/2.0/users`).
//!
//! | | |
//! |---|---|
//! | slug / feature | `box` |
//! | operations | list, get |
//! | list | `GET /2.0/users?usemarker=true&limit=&marker=`, paged by the marker in `next_marker` |
//! | get | `GET /2.0/users/{user_id}` |
//! | base URL | `https://api.box.com/2.0` |
//! | auth | `Authorization: Bearer <access token>`; config key `token` (env `TRUTO_BOX_TOKEN`) |
//! | permissions | the app and the authenticated user must be allowed to look up users in the whole enterprise (an admin or co-admin, or a service account of an app with *Manage users* / `manage_managed_users`) |
//! | page size | 100 by default (`limit`), at most 1000 |
//! | filters | `email` and `name`, both sent as `filter_term` (one at a time): Box matches users whose `name` or `login` *starts with* the term |
//! | rate limits | about 1000 requests per minute per user; `429` with `Retry-After` |
//!
//! The token is any Box access token: an OAuth 2.0 user token, or a server token from a
//! JWT or Client Credentials Grant app authorized in the Admin Console. This integration
//! does not fetch it: Box's client-credentials grant needs `box_subject_type` and
//! `box_subject_id` form fields the declarative layer does not send, so get the token
//! first (or use an SDK) and pass it as `token`.
//!
//! ## Mapping
//!
//! | Box | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` (one field; Box keeps no first or last name) | `name` |
//! | `login` (the primary email, used to sign in) | `emails[0]` (primary) and `username` |
//! | `notification_email.email` (an alternate address for notifications) | `emails` (type `notification`) |
//! | `phone` | `phones` |
//! | `job_title` | `title` |
//! | `status`: `active` → `active`, `inactive` → `inactive`; `cannot_delete_edit` and `cannot_delete_edit_upload` (active accounts restricted from deleting, editing or uploading) → `active` | `status` |
//! | `role` (`admin`, `coadmin`, `user`; only with `fields=role`) | `roles` |
//! | `enterprise` `{id, name}` (only with `fields=enterprise`) | `organizations` |
//! | `is_platform_access_only` (only with `fields=…`) → `app_user`, else `user` | `user_type` |
//! | `external_app_user_id` (set by the customer's system for App Users) | `external_id` |
//! | `avatar_url` | `avatar` |
//! | `timezone` (IANA name) | `timezone` |
//! | `language` | `languages` |
//! | `created_at` | `created_at` |
//! | `modified_at` | `updated_at` |
//!
//! ## Quirks
//!
//! - Listing uses Box's marker paging (`usemarker=true`): offset paging refuses offsets
//!   above 10 000, marker paging does not. Box sends `next_marker` only while more users
//!   follow.
//! - A list and a get return Box's *standard* user; `role`, `enterprise`,
//!   `is_platform_access_only`, `tracking_codes` and the other *full* fields come only when
//!   asked for with `fields` (e.g. the remote query
//!   `fields=id,name,login,status,role,enterprise`), and `fields` then returns only the
//!   fields named (besides `id`, `type`, `name`, `login`).
//! - The listing includes every kind of user in the enterprise (`user_type` not sent: Box's
//!   default), App Users included.
//! - `email` and `name` are prefix matches on `login` or `name` (external users must match
//!   exactly); `find_by_email` keeps exact matches only. Both go to `filter_term`, so only
//!   one of them can be set at a time.
//!
//! ## Sources
//!
//! - Box's published API description, `box/box-openapi`, `openapi/openapi.json`
//!   (`GET /users`, `GET /users/{user_id}`, `User--Full` and its examples, `ClientError`)
//! - <https://developer.box.com/reference/get-users/> and
//!   <https://developer.box.com/reference/get-users-id/>
//! - <https://developer.box.com/guides/api-calls/pagination/marker-based/>
//! - <https://developer.box.com/guides/api-calls/permissions-and-errors/rate-limits/>
//!
//! ## Not confirmed
//!
//! - The default `limit` of `GET /users` (100, as Box's community answers show; the
//!   description states only the maximum, 1000).
//! - Which app scope gates listing users (the description says "permission to look up
//!   users in the entire enterprise"; `manage_managed_users` is the likely one).
//! - Rate-limit headers besides `Retry-After` (none are documented, so none are read), and
//!   the per-user figure of about 1000 requests per minute (from Box's rate-limits guide as
//!   quoted, not read here).
//! - That `cannot_delete_edit*` users can sign in like `active` ones (the description
//!   names the statuses without describing them).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BOX_TOKEN=…
//! let dir = truto_collaboration::r#box::connect(&Config::from_env("box"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, cursor, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Box spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("box", "Box", Family::Collaboration)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.box.com/2.0")
        .config(&[ConfigKey::secret(
            "token",
            "a Box access token allowed to look up the enterprise's users",
        )])
        // `email` and `name` both go to `filter_term`.
        .single_filter()
        .note("a Box access token (OAuth 2.0, or a JWT / Client Credentials app authorized in the Admin Console) allowed to look up the enterprise's users; Business plan or above"),
)
.list(
    List::get("users")
        .query(&[("usemarker", "true")])
        .records("entries")
        .paging(cursor(query("marker"), query("limit"), "next_marker"))
        .filters(&[
            FilterRule::query(Filter::Email, "filter_term"),
            FilterRule::query(Filter::Name, "filter_term"),
        ])
        .page_size(100, 1000),
)
.get(Get::get("users/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("login"),
    email("notification_email.email")
        .kind("notification")
        .secondary(),
    text(Text::Username, "login"),
    phone("phone"),
    text(Text::Title, "job_title"),
    status(
        "status",
        &[
            ("active", Status::Active),
            ("inactive", Status::Inactive),
            ("cannot_delete_edit", Status::Active),
            ("cannot_delete_edit_upload", Status::Active),
        ],
    ),
    reference(Refs::Roles).id("role"),
    reference(Refs::Organizations)
        .id("enterprise.id")
        .name("enterprise.name"),
    user_type_flag("is_platform_access_only", "app_user", Some("user")),
    text(Text::ExternalId, "external_app_user_id"),
    text(Text::Avatar, "avatar_url"),
    text(Text::Timezone, "timezone"),
    languages("language"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "modified_at", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["message"])
        .code(&["code"])
        .request_id(&["request_id"])
        .throttled(&["too_many_requests"]),
)
.sources(&[
    "https://github.com/box/box-openapi",
    "https://developer.box.com/reference/get-users/",
    "https://developer.box.com/reference/get-users-id/",
    "https://developer.box.com/guides/api-calls/pagination/marker-based/",
    "https://developer.box.com/guides/api-calls/permissions-and-errors/rate-limits/",
]);

/// Connects to Box (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
