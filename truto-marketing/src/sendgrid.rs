//! # SendGrid
//!
//! The teammates (user accounts) of one Twilio SendGrid account, through SendGrid's
//! Teammates API (v3).
//!
//! | | |
//! |---|---|
//! | slug / feature | `sendgrid` |
//! | operations | list, get |
//! | list | `GET /v3/teammates?limit=&offset=`, paged by offset; a short page is the last |
//! | get | `GET /v3/teammates/{username}` |
//! | base URL | `https://api.sendgrid.com`; EU regional subusers set `base_url` to `https://api.eu.sendgrid.com` |
//! | auth | `Authorization: Bearer <API key>`; config key `api_key` (env `TRUTO_SENDGRID_API_KEY`) |
//! | scopes | an API key allowed to read teammates |
//! | page size | 500 by default (`limit`), at most 500 |
//! | filters | none |
//! | rate limits | per endpoint: `X-RateLimit-Remaining`, `X-RateLimit-Reset` (Unix seconds); `429` when exceeded |
//!
//! ## Mapping
//!
//! | SendGrid | unified |
//! |---|---|
//! | `username` (the teammate's key: the get takes it) | `id` and `username` |
//! | `first_name`, `last_name` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `email` | `emails` (one, primary) |
//! | `phone` | `phones` |
//! | `user_type` (`owner`, `admin`, `teammate`) | `roles` |
//! | `website` | `urls` (type `website`) |
//!
//! `is_admin`, the permission `scopes` (get only), the postal address fields and `company`
//! stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Only current teammates are listed (pending invitations are another resource), so the
//!   record has no status and `status` is left unset.
//! - The list's records are at `result`, as SendGrid's schema and reference say. The
//!   published description's *example* names them `results`; a server answering so would
//!   list nothing (the Prism test shows it).
//! - Nothing in the body says how many teammates there are: a page shorter than `limit`
//!   ends the listing (SendGrid's pagination headers are not documented).
//! - A parent account reads a subuser's teammates with the header
//!   `on-behalf-of: <subuser>`, which this integration does not send.
//! - Errors are `{"errors": [{"field", "message"}]}`; the first message is read.
//!
//! ## Sources
//!
//! - SendGrid's published API description, `twilio/sendgrid-oai`,
//!   `spec/json/tsg_teammates_v3.json` (list and get, the schemas and examples)
//! - <https://www.twilio.com/docs/sendgrid/api-reference/teammates/retrieve-all-teammates>
//! - <https://www.twilio.com/docs/sendgrid/api-reference/teammates/retrieve-specific-teammate>
//! - <https://docs.sendgrid.com/api-reference/teammates/retrieve-all-teammates> (the older
//!   reference: `limit` default 500, offset default 0)
//! - <https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/rate-limits>
//!
//! ## Not confirmed
//!
//! - That the live API answers `result` (the schema, the older reference and a
//!   third-party client, StrongGrid, read `result`; the description's example says
//!   `results`).
//! - The API-key permission (scope) needed to read teammates.
//! - The pagination response headers the older reference mentions.
//! - The rate-limit header names were taken from SendGrid's rate-limits page as quoted, not
//!   seen on a teammates response.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SENDGRID_API_KEY=SG.…
//! let dir = truto_marketing::sendgrid::connect(&Config::from_env("sendgrid"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The SendGrid spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("sendgrid", "SendGrid", Family::Marketing)
        .credentials(&[Credential::bearer("api_key")])
        .base_url("https://api.sendgrid.com")
        .config(&[ConfigKey::secret(
            "api_key",
            "a SendGrid API key allowed to read teammates",
        )])
        .note("an API key allowed to read teammates; lists the account's current teammates (Free and Essentials plans have one); EU subusers set `base_url`"),
)
.list(
    List::get("v3/teammates")
        .records("result")
        .paging(offset(query("offset"), query("limit"), End::ShortPage))
        .page_size(500, 500),
)
.get(Get::get("v3/teammates/{id}"))
.map(&[
    id("username"),
    text(Text::Username, "username"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email"),
    phone("phone"),
    reference(Refs::Roles).id("user_type"),
    url("website", Some("website")),
])
.errors(Errors::GENERIC.message(&["errors[0].message"]))
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::EpochSeconds,
))
.sources(&[
    "https://github.com/twilio/sendgrid-oai",
    "https://www.twilio.com/docs/sendgrid/api-reference/teammates/retrieve-all-teammates",
    "https://www.twilio.com/docs/sendgrid/api-reference/teammates/retrieve-specific-teammate",
    "https://docs.sendgrid.com/api-reference/teammates/retrieve-all-teammates",
    "https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/rate-limits",
]);

/// Connects to SendGrid (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
