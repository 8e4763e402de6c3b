//! # Insightly
//!
//! The users of one Insightly instance, through Insightly's REST API v3.1.
//!
//! | | |
//! |---|---|
//! | slug / feature | `insightly` |
//! | operations | list, get |
//! | list | `GET /v3.1/Users?skip=&top=`: a bare JSON array, paged by offset |
//! | get | `GET /v3.1/Users/{id}` (the same fields as the list) |
//! | base URL | `https://api.{pod}.insightly.com/v3.1`; `pod` is the instance's pod (`na1`, the default, `eu1`, …: the *API URL* under User Settings shows it) |
//! | auth | `Authorization: Basic base64(<api_key>:)`: the API key as the user name, an empty password; config key `api_key` (env `TRUTO_INSIGHTLY_API_KEY`) |
//! | config keys | `pod` |
//! | scopes | none: the key acts as the user it belongs to (User Settings › API key) |
//! | page size | `top`; 100 by default, at most 500 |
//! | filters | `email`: `GET /v3.1/Users/Search?field_name=EMAIL_ADDRESS&field_value={email}` |
//! | rate limits | per instance, by plan: a daily request quota and a per-second limit; no rate-limit headers are documented |
//!
//! ## Mapping
//!
//! | Insightly | unified |
//! |---|---|
//! | `USER_ID` | `id` |
//! | `FIRST_NAME`, `LAST_NAME` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `EMAIL_ADDRESS` | `emails[0]` (primary) |
//! | `ACTIVE` | `status`: `active` / `inactive` |
//! | `ADMINISTRATOR` | a role named `Administrator`; `user_type` `admin` (else `user`) |
//! | `ACCOUNT_OWNER` | a role named `Account Owner` |
//! | `ROLE_ID` (v3.1) | a role by id |
//! | `TIMEZONE_ID` (e.g. `Pacific Standard Time`, a Windows zone name) | `timezone`, unchanged |
//! | `DATE_CREATED_UTC`, `DATE_UPDATED_UTC` (`yyyy-MM-dd HH:mm:ss`, UTC) | `created_at`, `updated_at` |
//! | `CONTACT_ID` | `identifiers.contact_id` |
//!
//! `EMAIL_DROPBOX_*`, `USER_CURRENCY`, `CONTACT_DISPLAY`, `CONTACT_ORDER`, `TASK_WEEK_START`,
//! `INSTANCE_ID` and `PROFILE_ID` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - The list is a bare array with no total (`count_total=true` would put one in a response
//!   header): a short page ends the listing.
//! - `Users/Search` takes one filter at a time, so only `email` is declared (exact match on
//!   `EMAIL_ADDRESS`).
//! - Inactive users are listed, with `ACTIVE: false`.
//! - A user id (`USER_ID`) is not the user's contact id (`CONTACT_ID`).
//!
//! ## Sources
//!
//! - <https://api.na1.insightly.com/v3.1/Help> (Insightly's API help: `Users`, `Users/{id}`,
//!   `Users/Search`, the `skip`/`top`/`count_total` parameters, Basic authentication with
//!   the API key)
//! - <https://github.com/philltran/insightly-php> (a client generated from Insightly's own
//!   v3.0 Swagger: `docs/Api/UsersApi.md`, `docs/Model/APIUser.md`, the wire names of the user)
//! - <https://learn.microsoft.com/connectors/insightly/> ("Insightly API returns maximum 500
//!   records")
//! - <https://github.com/amp-labs/connectors> (`providers/insightly/metadata/schemas.json`,
//!   generated from Insightly's v3.1 Swagger: `ROLE_ID`, `PROFILE_ID`)
//!
//! ## Not confirmed
//!
//! - The error body (read from `Message`, then the common shapes).
//! - The date format of `DATE_CREATED_UTC` (read as RFC 3339 or `yyyy-MM-dd HH:mm:ss` UTC).
//! - The default `top` (100) and the 500 maximum come from third-party descriptions.
//! - The meaning of `ROLE_ID` (a v3.1 field, read as a role id).
//! - The status and headers of a throttled request.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_INSIGHTLY_API_KEY=…, TRUTO_INSIGHTLY_POD=na1
//! let dir = truto_crm::insightly::connect(&Config::from_env("insightly"))?;
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
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Insightly spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("insightly", "Insightly", Family::Crm)
        .credentials(&[Credential::basic_user_only("{api_key}")])
        .base_url("https://api.{pod}.insightly.com/v3.1")
        .config(&[
            ConfigKey::secret("api_key", "a user's API key (User Settings › API key)"),
            ConfigKey::optional(
                "pod",
                "the instance's pod, from the API URL in User Settings (`na1`, the default, `eu1`, …)",
            )
            .default("na1"),
        ])
        .note("a user's API key and the instance's pod (`na1` by default); lists every user, inactive ones too"),
)
.list(
    List::get("Users")
        .paging(offset(query("skip"), query("top"), End::ShortPage))
        .filters(&[FilterRule::endpoint(
            Filter::Email,
            "Users/Search?field_name=EMAIL_ADDRESS",
            "field_value",
        )])
        .page_size(100, 500),
)
.get(Get::get("Users/{id}"))
.map(&[
    id("USER_ID"),
    text(Text::FirstName, "FIRST_NAME"),
    text(Text::LastName, "LAST_NAME"),
    name_from_parts(),
    email("EMAIL_ADDRESS"),
    active_flag("ACTIVE"),
    ref_if(Refs::Roles, "ADMINISTRATOR", "Administrator"),
    ref_if(Refs::Roles, "ACCOUNT_OWNER", "Account Owner"),
    reference(Refs::Roles).id("ROLE_ID"),
    user_type_flag("ADMINISTRATOR", "admin", Some("user")),
    text(Text::Timezone, "TIMEZONE_ID"),
    time(Time::CreatedAt, "DATE_CREATED_UTC", TimeFormat::Auto),
    time(Time::UpdatedAt, "DATE_UPDATED_UTC", TimeFormat::Auto),
    identifier("contact_id", "CONTACT_ID"),
])
.errors(Errors::GENERIC.message(&["Message", "message"]))
.sources(&[
    "https://api.na1.insightly.com/v3.1/Help",
    "https://github.com/philltran/insightly-php",
    "https://learn.microsoft.com/connectors/insightly/",
    "https://github.com/amp-labs/connectors",
]);

/// Connects to Insightly (`api_key`, optionally `pod`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
