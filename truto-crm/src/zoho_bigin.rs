//! # Zoho Bigin
//!
//! The users of one Bigin organization, through the Bigin REST API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `zoho_bigin` |
//! | operations | list |
//! | list | `GET /bigin/v2/users?type=AllUsers&page=&per_page=`, paged by page number while `info.more_records` is true |
//! | base URL | `https://www.zohoapis.{dc}`: the organization's data centre (`dc`) |
//! | auth | `Authorization: Zoho-oauthtoken <token>`, config key `access_token` (env `TRUTO_ZOHO_BIGIN_ACCESS_TOKEN`); or an OAuth refresh token exchanged at `https://accounts.zoho.{dc}/oauth/v2/token`: config keys `refresh_token`, `client_id`, `client_secret` (e.g. from a Self Client), renewed as it expires |
//! | config keys | `dc`: `com` (US, the default), `eu`, `com.au`, `in`, `com.cn`, `jp` (the data centres Bigin lists); `token_url` overrides the token endpoint |
//! | scopes | `ZohoBigin.users.READ` (or `ZohoBigin.users.ALL`) |
//! | page size | `per_page` 200 by default and at most |
//! | filters | none (see Quirks) |
//! | rate limits | Zoho's API credits; an exhausted allowance is `LIMIT_REACHED` |
//!
//! ## Mapping
//!
//! | Bigin | unified |
//! |---|---|
//! | `id` | `id` |
//! | `zuid` | `identifiers.zuid` (the Zoho account's id) |
//! | `first_name`, `last_name`, `full_name` | `first_name`, `last_name`, `name` |
//! | `email` | `emails[0]` (primary) |
//! | `phone`, `mobile` | `phones` (types `phone`, `mobile`) |
//! | `status` (`active`, others passed through) | `status` |
//! | `role` `{id, name}`, `profile` `{id, name}` | `roles` (the role, then the permission profile) |
//! | `time_zone` | `timezone` |
//! | `language`, `locale` | `languages` |
//! | `image_link` | `avatar` |
//! | `created_time`, `Modified_Time` | `created_at`, `updated_at` |
//!
//! ## Quirks
//!
//! - `type=AllUsers` ("all users including active and inactive users") is always sent.
//!   Bigin filters users by that same parameter (`ActiveUsers`, `DeactiveUsers`,
//!   `NotConfirmedUsers`, `DeletedUsers`, …); the declarative layer cannot replace an
//!   always-sent parameter with a filter's value, so no status filter is offered.
//! - Bigin also documents `GET /bigin/v2/users/{user_id}`; the reference does not mark a
//!   get for Bigin, so none is declared.
//! - Tokens, given or from a refresh-token exchange, are sent as `Zoho-oauthtoken`, the
//!   scheme Bigin documents.
//!
//! ## Sources
//!
//! - <https://www.bigin.com/developer/docs/apis/v2/get-users.html> (request URLs, the API
//!   domains per data centre, `Zoho-oauthtoken`, scopes, `type` values)
//! - <https://www.bigin.com/developer/docs/apis/get-users.html> (v1: `type` values, `page`
//!   default 1, `per_page` default 200)
//! - Zoho's official CRM SDK, `zoho/zohocrm-python-sdk-8.0` (`dc/*_data_center.py`: the
//!   accounts domain of each data centre; the user model Bigin shares)
//!
//! ## Not confirmed
//!
//! - Bigin's response envelope and user fields: the v2 page's example was not readable, so
//!   they follow Zoho CRM's (`users`, `info.more_records`, the same user model).
//! - The `status` values besides `active`; the largest `per_page`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ZOHO_BIGIN_REFRESH_TOKEN=…, TRUTO_ZOHO_BIGIN_CLIENT_ID=…,
//! // TRUTO_ZOHO_BIGIN_CLIENT_SECRET=…, TRUTO_ZOHO_BIGIN_DC=eu
//! // (or TRUTO_ZOHO_BIGIN_ACCESS_TOKEN=… for a short-lived access token)
//! let dir = truto_crm::zoho_bigin::connect(&Config::from_env("zoho_bigin"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use crate::zoho;
use truto_core::provider::declarative::{End, List, Spec, page_number, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Zoho Bigin spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("zoho_bigin", "Zoho Bigin", Family::Crm)
        .credentials(zoho::CREDENTIALS)
        .base_url("https://www.zohoapis.{dc}")
        .config(&[
            ConfigKey::optional_secret(
                "access_token",
                "an access token with ZohoBigin.users.READ (instead of a refresh token)",
            ),
            ConfigKey::optional_secret(
                "refresh_token",
                "a refresh token with ZohoBigin.users.READ (a Self Client's, for instance)",
            ),
            ConfigKey::optional("client_id", "the client id the refresh token was issued to"),
            ConfigKey::optional_secret("client_secret", "that client's secret"),
            ConfigKey::optional(
                "dc",
                "the data centre's domain: `com` (US, the default), `eu`, `com.au`, `in`, `com.cn` or `jp`",
            )
            .default("com"),
        ])
        .note("needs a Zoho refresh token (ZohoBigin.users.READ) with its client id and secret, and the data centre `dc`; lists active and deactivated users"),
)
.list(
    List::get("bigin/v2/users")
        .query(&[("type", "AllUsers")])
        .records("users")
        .paging(page_number(
            query("page"),
            query("per_page"),
            1,
            End::More("info.more_records"),
        ))
        .page_size(200, 200),
)
.map(zoho::USER)
.errors(zoho::ERRORS)
.sources(&[
    "https://www.bigin.com/developer/docs/apis/v2/get-users.html",
    "https://www.bigin.com/developer/docs/apis/get-users.html",
    "https://github.com/zoho/zohocrm-python-sdk-8.0",
]);

/// Connects to Zoho Bigin (`access_token`, or `refresh_token`, `client_id` and
/// `client_secret`; optionally `dc`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
