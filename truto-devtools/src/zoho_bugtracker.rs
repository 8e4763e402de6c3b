//! # Zoho BugTracker
//!
//! The users of one Zoho BugTracker portal, through the Zoho BugTracker REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `zoho_bugtracker` |
//! | operations | list |
//! | list | `GET /restapi/portal/{portal_id}/users/?index=&range=`: `users` |
//! | base URL | `https://bugtracker.zoho.{domain}`, `domain` being the account's data center: `com` (the default), `eu`, `in`, `com.au`, `com.cn`, `jp`, … |
//! | auth | `Authorization: Zoho-oauthtoken <access token>`; config key `access_token` (env `TRUTO_ZOHO_BUGTRACKER_ACCESS_TOKEN`) |
//! | config keys | `portal_id` (from `GET /restapi/portals/`), `domain` |
//! | scopes | `ZohoBugTracker.users.READ` (a token minted with Zoho Projects scopes is refused) |
//! | page size | default 100, at most 200 (`range`) |
//! | filters | none |
//! | rate limits | none documented for BugTracker |
//!
//! ## Mapping
//!
//! | BugTracker | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `active` | `status`: `active` / `inactive` |
//! | `role` (`admin`, `manager`, `employee`, `contractor`, …) | `roles` (id and name) |
//!
//! ## Quirks
//!
//! - **Zoho access tokens last an hour** and this integration does not refresh them:
//!   mint one from your refresh token (`POST https://accounts.zoho.{domain}/oauth/v2/token`,
//!   `grant_type=refresh_token`) before connecting.
//! - `index` is the **one-based** position of a page's first user and `range` the number
//!   asked for; Zoho sends no total, so a page shorter than `range` is the last.
//! - Zoho documents `user_type` (`active`, `inactive`, `all`; active users by default) for
//!   a project's users; pass it as a remote query to ask for inactive portal users too.
//! - Zoho marks this REST API for deprecation in favour of its V3 API.
//!
//! ## Sources
//!
//! - <https://www.zoho.com/projects/help/rest-api/bugtracker-users-api.html> (Get portal
//!   users, the scope, `user_type`, the sample users)
//! - <https://www.zoho.com/projects/developers/zohoprojectsapi.html> (the BugTracker host
//!   per domain, separate BugTracker tokens, `index` and `range`: at most 200, 100 by default)
//! - <https://www.zoho.com/projects/help/rest-api/bugtracker-portal-api.html> (portal ids)
//!
//! ## Not confirmed
//!
//! - The portal-users answer: Zoho's sample is the project users' (`{"users": [...]}`),
//!   taken to be the same shape.
//! - What Zoho answers past the last user (an empty `users`, or `204 No Content`, which
//!   this integration would report as an error).
//! - Whether `user_type` applies to portal users; rate limits; the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ZOHO_BUGTRACKER_ACCESS_TOKEN=1000.…, TRUTO_ZOHO_BUGTRACKER_PORTAL_ID=2063335
//! let dir = truto_devtools::zoho_bugtracker::connect(&Config::from_env("zoho_bugtracker"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, List, Spec, query, start_index};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Zoho BugTracker spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("zoho_bugtracker", "Zoho BugTracker", Family::Devtools)
        .credentials(&[Credential::custom("Zoho-oauthtoken", "access_token")])
        .base_url("https://bugtracker.zoho.{domain}")
        .config(&[
            ConfigKey::secret(
                "access_token",
                "a Zoho OAuth access token with ZohoBugTracker.users.READ",
            ),
            ConfigKey::required("portal_id", "the portal's id, from GET /restapi/portals/"),
            ConfigKey::optional(
                "domain",
                "the account's data center: `com` (the default), `eu`, `in`, `com.au`, `com.cn`, `jp`, …",
            )
            .default("com"),
        ])
        .note("a Zoho OAuth access token (hourly; not refreshed) with ZohoBugTracker.users.READ, and the portal id"),
)
.list(
    List::get("restapi/portal/{portal_id}/users/")
        .records("users")
        // `index` is one-based. Zoho documents no total, so a page shorter than `range`
        // is the last.
        .paging(start_index(query("index"), query("range"), End::ShortPage))
        .page_size(100, 200),
)
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    active_flag("active"),
    reference(Refs::Roles).id("role").name("role"),
])
.sources(&[
    "https://www.zoho.com/projects/help/rest-api/bugtracker-users-api.html",
    "https://www.zoho.com/projects/developers/zohoprojectsapi.html",
    "https://www.zoho.com/projects/help/rest-api/bugtracker-portal-api.html",
]);

/// Connects to Zoho BugTracker (`access_token`, `portal_id`, optionally `domain`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
