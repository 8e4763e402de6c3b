//! # Keap
//!
//! The users of one Keap (formerly Infusionsoft) account, through Keap's REST API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `keap` |
//! | operations | list, get |
//! | list | `GET /crm/rest/v2/users?filter=include_inactive==true&page_size=&page_token=`, paged by the cursor in `next_page_token` |
//! | get | `GET /crm/rest/v2/users/{user_id}` (the user is the response) |
//! | base URL | `https://api.keap.com/crm` |
//! | auth | `Authorization: Bearer <token>`; config key `token` (env `TRUTO_KEAP_TOKEN`): a Service Account Key (admin access), a Personal Access Token, or an OAuth access token |
//! | scopes | none are declared by the description; a Personal Access Token acts with its creator's permissions |
//! | page size | `page_size`, 1 to 100; 100 is sent |
//! | filters | none (see *Quirks*) |
//! | rate limits | per key: a Service Account Key or Personal Access Token gets 10 requests a second, 240 a minute and 30,000 a day; OAuth apps 1,500 a minute and 150,000 a day; `429` when throttled |
//!
//! ## Mapping
//!
//! | Keap | unified |
//! |---|---|
//! | `id` | `id` |
//! | `given_name`, `family_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `title` (job title) | `title` |
//! | `email_addresses[].email` | `emails` |
//! | `phone_numbers[]` `{number, type}` | `phones` `{number, type}` |
//! | `status`: `ACTIVE`, `INVITED`, `INACTIVE` | `status`: `active`, `invited`, `inactive`; `NOT_A_USER` is kept as the raw status |
//! | `admin` | `user_type`: `admin` when true, `user` when false |
//! | `website` | `urls` |
//! | `global_user_id`, `keap_id` | `identifiers.global_user_id`, `identifiers.keap_id` |
//! | `create_time`, `update_time` | `created_at`, `updated_at` |
//!
//! `address`, `fax_numbers`, `social_accounts`, `company_name`, `partner`, `middle_name`,
//! `nickname`, `suffix`, `spouse_name`, `created_by` and `updated_by` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - **Inactive users are asked for.** The list's `filter` names `include_inactive` (and
//!   `include_partners`) as opt-ins, so every listing sends `filter=include_inactive==true`
//!   to list inactive users too. Partners are not asked for.
//! - Keap's `filter` is one query parameter holding every condition joined by `;`
//!   (`include_inactive==true;email==…`). The declarative layer writes a filter as its own
//!   query pair, so the `email` and `first_name` (`given_name`) conditions are not declared
//!   (a remote query `filter` would be sent besides the fixed one, not instead of it).
//! - The email addresses carry their slot (`field`: `EMAIL1`…`EMAIL3`) but no primary flag,
//!   so none is marked primary.
//! - The v2 user has no time zone (only the update request takes `time_zone`).
//!
//! ## Sources
//!
//! - <https://github.com/infusionsoft/keap-sdk/blob/main/sdks/v2/swagger.yml> (Keap's OpenAPI
//!   description of REST v2: `listPaginatedUsers`, `getUserById`, `User`,
//!   `ListUsersPaginatedResponse`, `Error`; commit `d5b3dec2`)
//! - <https://github.com/infusionsoft/keap-sdk/tree/main/samples/v2> (the official samples send
//!   a service account key as `Authorization: Bearer`)
//! - <https://developer.infusionsoft.com/pat-and-sak> (Personal Access Tokens and Service
//!   Account Keys)
//! - <https://developer.infusionsoft.com/api-token-quota-and-usage-measurements/> (quotas)
//!
//! ## Not confirmed
//!
//! - That inactive users are left out without `include_inactive==true` (the filter's name
//!   says so; no sentence does).
//! - The default page size.
//! - The names of the quota headers (`x-keap-product-quota-*`), so none is declared.
//! - Whether the legacy host `https://api.infusionsoft.com/crm` answers the same (set
//!   `base_url` to use it).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_KEAP_TOKEN=…
//! let dir = truto_crm::keap::connect(&Config::from_env("keap"))?;
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
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Keap spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("keap", "Keap", Family::Crm)
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.keap.com/crm")
        .config(&[ConfigKey::secret(
            "token",
            "a Service Account Key, a Personal Access Token or an OAuth access token",
        )])
        .note("a Service Account Key (admin) or Personal Access Token; lists active and inactive users"),
)
.list(
    List::get("rest/v2/users")
        .query(&[("filter", "include_inactive==true")])
        .records("users")
        .paging(cursor(
            query("page_token"),
            query("page_size"),
            "next_page_token",
        ))
        .page_size(100, 100),
)
.get(Get::get("rest/v2/users/{id}"))
.map(&[
    id("id"),
    text(Text::FirstName, "given_name"),
    text(Text::LastName, "family_name"),
    name_from_parts(),
    text(Text::Title, "title"),
    emails("email_addresses", "email"),
    phones("phone_numbers", "number").kind("type"),
    status(
        "status",
        &[
            ("ACTIVE", Status::Active),
            ("INVITED", Status::Invited),
            ("INACTIVE", Status::Inactive),
        ],
    ),
    user_type_flag("admin", "admin", Some("user")),
    url("website", Some("website")),
    identifier("global_user_id", "global_user_id"),
    identifier("keap_id", "keap_id"),
    time(Time::CreatedAt, "create_time", TimeFormat::Auto),
    time(Time::UpdatedAt, "update_time", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["message"]).code(&["status"]))
.sources(&[
    "https://github.com/infusionsoft/keap-sdk/blob/main/sdks/v2/swagger.yml",
    "https://github.com/infusionsoft/keap-sdk/tree/main/samples/v2",
    "https://developer.infusionsoft.com/pat-and-sak",
    "https://developer.infusionsoft.com/api-token-quota-and-usage-measurements/",
])
.absent(&[(
    "timezone",
    "the REST v2 `User` has no time zone (only the update request takes `time_zone`)",
)]);

/// Connects to Keap (`token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
