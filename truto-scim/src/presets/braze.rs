//! # Braze
//!
//! Braze's SCIM endpoints manage dashboard users. Braze has no endpoint that lists every
//! user: a listing must name one email, so this preset answers "who is `<email>`?".
//!
//! | | |
//! |---|---|
//! | slug / feature | `braze` |
//! | operations | list, by email only (`email` filter required) |
//! | base URL | `https://{rest_host}/scim/v2`; config key `rest_host` (env `TRUTO_BRAZE_REST_HOST`), e.g. `rest.iad-01.braze.com` or `rest.fra-01.braze.eu` |
//! | auth | `Authorization: Bearer <SCIM token>`; config key `token` (env `TRUTO_BRAZE_TOKEN`) |
//! | extra header | `X-Request-Origin: <service origin>`; config key `service_origin` (env `TRUTO_BRAZE_SERVICE_ORIGIN`), required |
//! | page size | not sent (a lookup returns at most one user) |
//! | filters | `email` (written `userName eq "…"`), required to list; used by `find_by_email` |
//! | rate limit | 5,000 requests a day per company, shared by all `/scim/v2/Users` endpoints |
//!
//! The token is created under Settings › Admin Settings › SCIM Provisioning, together with
//! a "Service origin"; every request must send that origin in `X-Request-Origin`, so the
//! two are configured together. `rest_host` is the host of the company's REST endpoint,
//! whole: EU instances use the `.braze.eu` domain, so an instance name alone is not enough.
//!
//! ## Mapping
//!
//! Besides SCIM's `id`, `userName` and `name`, Braze's record carries:
//!
//! | Braze | unified |
//! |---|---|
//! | `userName` (the email) | `username`, and `emails[0]` (primary) |
//! | `lastSignInAt`, e.g. `Thursday, January 1, 1970 12:00:00 AM` | `last_login_at` (read as UTC: Braze writes no offset) |
//! | `department`, e.g. `finance` | none: `remote_data` only |
//! | `permissions` (company, workspace and team permissions) | none: `remote_data` only |
//!
//! `department` is the department Braze records for the dashboard user (a business
//! function such as `finance`), not a job title, a group or an identifier; the unified
//! contract has no department field, so it is left in `remote_data` rather than forced
//! into one that means something else.
//!
//! Quirks: the user name is the dashboard user's email (it is also mapped as the primary
//! email, since Braze sends no `emails`), and `userName eq` is the only
//! filter Braze documents. Braze's error bodies carry `status` as a number
//! (`{"detail":"User not found","status":404}`); the message is read from `detail`.
//! Braze's SCIM endpoints cannot be used while an IdP integration (Okta, Entra ID) manages
//! the company's users, and a company can have one SCIM connection. To export every user,
//! Braze suggests downloading the security event report and looking each email up.
//!
//! Unconfirmed: Braze's pages disagree on the rate limit (5,000 a day in the endpoint
//! pages, 20,000 in a newer API description). Braze documents `GET /Users/{id}` and
//! updates by `PUT`, but the reference integration covers listing only, so get and update
//! are not declared. Braze documents no `count` or paging for the lookup. Also
//! unconfirmed: the time zone of `lastSignInAt`, which has no offset (it is read as UTC;
//! Braze's example, the Unix epoch, suggests UTC), and the values `department` can take.
//!
//! Sources: <https://www.braze.com/docs/api/endpoints/scim/get_search_existing_dashboard_user/>
//! (the lookup and its response: `department`, `lastSignInAt`, `permissions`; the page's
//! source is `_docs/_api/endpoints/scim/get_search_existing_dashboard_user.md` in
//! `braze-inc/braze-docs`); <https://www.braze.com/docs/scim/automated_user_provisioning/>.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! let config = Config::new()
//!     .set("rest_host", "rest.iad-01.braze.com")
//!     .set("service_origin", "https://idp.example.com")
//!     .set("token", std::env::var("BRAZE_SCIM_TOKEN").unwrap_or_default());
//! let dir = truto_scim::presets::braze::connect(&config)?;
//! let found = dir.find_by_email("ada@example.com", ListUsers::new()).await?;
//! println!("{} user(s)", found.len());
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::ConfigKey;
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, Family, Filter, Integration, PaginationStyle, Result, UserDirectory};

use crate::client::{EmailFilter, HeaderValueFrom, Preset, Quirks, ScimDirectory, TimeText};

/// The Braze preset.
pub static PRESET: Preset = Preset::new(
    Integration::new("braze", "Braze", Family::Scim)
        .note("no list-all endpoint: `email` filter required; needs `rest_host`, `service_origin`; `department` stays in `remote_data`")
        .list(PaginationStyle::ScimStartIndex)
        .filters(&[FilterRule::native(Filter::Email)])
        .email_filter(Filter::Email)
        .required_list(&["email"])
        .base_url("https://{rest_host}/scim/v2")
        .credentials(&[Credential::bearer("token")])
        .config(&[
            ConfigKey::required(
                "rest_host",
                "the company's REST endpoint host, e.g. rest.iad-01.braze.com",
            ),
            ConfigKey::required(
                "service_origin",
                "the service origin entered when the SCIM token was created",
            ),
            ConfigKey::secret("token", "SCIM token"),
        ]),
    Quirks::STANDARD
        .email_filter(EmailFilter::UserName)
        .username_is_email()
        .last_login("lastSignInAt", TimeText::LongEnglish)
        .headers(&[(
            "X-Request-Origin",
            HeaderValueFrom::Config("service_origin"),
        )])
        .plain_json(),
);

/// Connects to Braze's SCIM endpoints.
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    ScimDirectory::connect_dyn(&PRESET, config)
}
