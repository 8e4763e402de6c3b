//! # Copper
//!
//! The users of one Copper account, through the Copper Developer API (v1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `copper` |
//! | operations | list, get |
//! | list | `POST /developer_api/v1/users/search` with `{"page_number", "page_size"}`, paged until a short page |
//! | get | `GET /developer_api/v1/users/{id}` |
//! | base URL | `https://api.copper.com/developer_api/v1` |
//! | auth | `X-PW-AccessToken: <key>` and `X-PW-UserEmail: <the key's owner>` (config keys `api_key`, `email`; env `TRUTO_COPPER_API_KEY`, `TRUTO_COPPER_EMAIL`), with `X-PW-Application: developer_api` |
//! | scopes | none: a key acts as its user |
//! | page size | 1 to 200 (`page_size`); 200 by default here (Copper's own default is 20) |
//! | filters | none |
//! | rate limits | 600 requests per 10 minutes, bursts of 36 per 6 seconds (rolling windows); `429` when exceeded |
//!
//! ## Mapping
//!
//! | Copper | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` (full name) | `name` |
//! | `email` | `emails[0]` (primary) |
//! | `groups[]` (`id`, `name`: teams) | `groups` |
//!
//! Copper keeps one full name: `first_name` and `last_name` are not split from it.
//!
//! ## Quirks
//!
//! - A get also takes the special id `me` (the key's user).
//! - The response's `X-PW-TOTAL` header is only an upper bound of the total, so the list
//!   ends on a short page.
//!
//! ## Sources
//!
//! - <https://developer.copper.com/account-and-users/list-users.html> (`page_number`,
//!   `page_size`, the example)
//! - <https://developer.copper.com/account-and-users/fetch-user-by-id.html> (get, headers, the
//!   example with `groups`)
//! - <https://developer.copper.com/account-and-users/overview.html> (the user's properties)
//! - <https://developer.copper.com/> (headers, rate limits, `X-PW-TOTAL`)
//!
//! ## Not confirmed
//!
//! - The list's page was read in a 2019 copy of Copper's documentation (then at
//!   `api.prosperworks.com`); the current page was not. Whether the list sorts, and by what.
//! - The current rate limits (a 2019 copy) and the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_COPPER_API_KEY=…, TRUTO_COPPER_EMAIL=owner@example.com
//! let dir = truto_crm::copper::connect(&Config::from_env("copper"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Get, List, Spec, body, page_number};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Copper spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("copper", "Copper", Family::Crm)
        .credentials(&[Credential::headers(&[
            ("X-PW-AccessToken", "api_key"),
            ("X-PW-UserEmail", "email"),
        ])])
        .base_url("https://api.copper.com/developer_api/v1")
        .config(&[
            ConfigKey::secret("api_key", "an API key (System settings › API Keys)"),
            ConfigKey::secret("email", "the email address of the API key's owner"),
        ])
        .note("an API key and its owner's email address; lists the account's users"),
)
.list(
    List::post("users/search", "{}")
        .paging(page_number(
            body("page_number"),
            body("page_size"),
            1,
            End::ShortPage,
        ))
        .page_size(200, 200),
)
.get(Get::get("users/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    email("email"),
    refs(Refs::Groups, "groups").id("id").name("name"),
])
.headers(&[("X-PW-Application", "developer_api")])
.sources(&[
    "https://developer.copper.com/account-and-users/list-users.html",
    "https://developer.copper.com/account-and-users/fetch-user-by-id.html",
    "https://developer.copper.com/account-and-users/overview.html",
    "https://developer.copper.com/",
]);

/// What the Copper integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Copper (`api_key`, `email`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
