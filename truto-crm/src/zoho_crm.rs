//! # Zoho CRM
//!
//! The users of one Zoho CRM organization, through the Zoho CRM REST API (v8).
//!
//! | | |
//! |---|---|
//! | slug / feature | `zoho_crm` |
//! | operations | list, get |
//! | list | `GET /crm/v8/users?type=AllUsers&page=&per_page=`, paged by page number while `info.more_records` is true |
//! | get | `GET /crm/v8/users/{user_id}`: the user is the one element of `users` |
//! | base URL | `https://www.zohoapis.{dc}`: the organization's data centre (`dc`) |
//! | auth | `Authorization: Zoho-oauthtoken <token>`, config key `access_token` (env `TRUTO_ZOHO_CRM_ACCESS_TOKEN`); or an OAuth refresh token exchanged at `https://accounts.zoho.{dc}/oauth/v2/token`: config keys `refresh_token`, `client_id`, `client_secret` (e.g. from a Self Client), renewed as it expires |
//! | config keys | `dc`: `com` (US, the default), `eu`, `in`, `com.au`, `jp`, `com.cn`, `ca`, `sa`; `token_url` overrides the token endpoint (Canada's is `https://accounts.zohocloud.ca/oauth/v2/token`) |
//! | scopes | `ZohoCRM.users.READ` (or `ZohoCRM.users.ALL`) |
//! | page size | `per_page` 200 by default and at most |
//! | filters | `status` (`type`: `active` → `ActiveUsers`, `inactive` → `DeactiveUsers`, `invited` → `NotConfirmedUsers`), in place of `AllUsers` |
//! | rate limits | API credits per day and concurrency limits per organization edition; an exhausted credit allowance is `LIMIT_REACHED` |
//!
//! ## Mapping
//!
//! | Zoho CRM | unified |
//! |---|---|
//! | `id` | `id` |
//! | `zuid` | `identifiers.zuid` (the Zoho account's id) |
//! | `first_name`, `last_name`, `full_name` | `first_name`, `last_name`, `name` |
//! | `email` | `emails[0]` (primary) |
//! | `phone`, `mobile` | `phones` (types `phone`, `mobile`) |
//! | `status` (`active`, others passed through) | `status` |
//! | `role` `{id, name}`, `profile` `{id, name}` | `roles` (the role in the hierarchy, then the permission profile) |
//! | `time_zone` | `timezone` |
//! | `language`, `locale` | `languages` |
//! | `image_link` | `avatar` |
//! | `created_time`, `Modified_Time` | `created_at`, `updated_at` |
//!
//! `confirm` (whether the user accepted the invitation), `Reporting_To`, the address and
//! format preferences stay in `remote_data`.
//!
//! ## Quirks
//!
//! - `type=AllUsers` is sent unless a `status` filter is set, so deactivated users are
//!   listed with active ones; the filter's `type` value takes its place.
//! - Zoho answers `204 No Content` when a listing matches nothing; with `AllUsers` the
//!   listing always holds at least the caller (an empty answer is an empty page).
//!
//! ## Sources
//!
//! - Zoho's official Python SDK for CRM API v8, `zoho/zohocrm-python-sdk-8.0`:
//!   `users/users_operations.py` (paths, `type`/`page`/`per_page`/`ids`, `If-Modified-Since`),
//!   `json_details.json` (the user's fields, `info`, the error codes), `dc/*_data_center.py`
//!   (API and accounts domains per data centre), `samples/users/get_users.py`
//! - <https://www.zoho.com/crm/developer/docs/api/v8/get-users.html> (request, header,
//!   scopes, `type` values)
//! - <https://www.zoho.com/crm/help/api-diff/getUsers.html> (a v2 response example)
//! - <https://www.zoho.com/deluge/help/crm/get-user-data.html> (page defaults)
//!
//! ## Not confirmed
//!
//! - The `status` values besides `active`.
//! - The largest `per_page` (200 is the documented default; none larger is used).
//! - The rate-limit headers and the throttling code (a `429` is retried).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ZOHO_CRM_REFRESH_TOKEN=…, TRUTO_ZOHO_CRM_CLIENT_ID=…,
//! // TRUTO_ZOHO_CRM_CLIENT_SECRET=…, TRUTO_ZOHO_CRM_DC=eu
//! // (or TRUTO_ZOHO_CRM_ACCESS_TOKEN=… for a short-lived access token)
//! let dir = truto_crm::zoho_crm::connect(&Config::from_env("zoho_crm"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use crate::zoho;
use truto_core::provider::FilterRule;
use truto_core::provider::declarative::{End, Get, List, Spec, page_number, query};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Zoho CRM spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("zoho_crm", "Zoho CRM", Family::Crm)
        .credentials(zoho::CREDENTIALS)
        .base_url("https://www.zohoapis.{dc}")
        .config(&[
            ConfigKey::optional_secret(
                "refresh_token",
                "a refresh token with ZohoCRM.users.READ (a Self Client's, for instance)",
            ),
            ConfigKey::optional("client_id", "the client id the refresh token was issued to"),
            ConfigKey::optional_secret("client_secret", "that client's secret"),
            ConfigKey::optional_secret(
                "access_token",
                "an access token with ZohoCRM.users.READ (instead of a refresh token)",
            ),
            ConfigKey::optional(
                "dc",
                "the data centre's domain: `com` (US, the default), `eu`, `in`, `com.au`, `jp`, `com.cn`, `ca` or `sa`",
            )
            .default("com"),
        ])
        .note("needs a Zoho refresh token (ZohoCRM.users.READ) with its client id and secret, and the data centre `dc`; lists active and deactivated users"),
)
.list(
    List::get("crm/v8/users")
        .query(&[("type", "AllUsers")])
        .records("users")
        .paging(page_number(
            query("page"),
            query("per_page"),
            1,
            End::More("info.more_records"),
        ))
        .filters(&[FilterRule::mapped(
            Filter::Status,
            "type",
            &[
                ("active", "ActiveUsers"),
                ("inactive", "DeactiveUsers"),
                ("invited", "NotConfirmedUsers"),
            ],
        )])
        .page_size(200, 200),
)
.get(Get::get("crm/v8/users/{id}").record("users[0]"))
.map(zoho::USER)
.errors(zoho::ERRORS)
.sources(&[
    "https://github.com/zoho/zohocrm-python-sdk-8.0",
    "https://www.zoho.com/crm/developer/docs/api/v8/get-users.html",
    "https://www.zoho.com/crm/help/api-diff/getUsers.html",
    "https://www.zoho.com/deluge/help/crm/get-user-data.html",
]);

/// Connects to Zoho CRM (`refresh_token`, `client_id`, `client_secret`, or
/// `access_token`; optionally `dc`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
