//! # BrowserStack
//!
//! The users of a BrowserStack Enterprise organization account, through BrowserStack's
//! Enterprise User Management REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `browserstack` |
//! | operations | list |
//! | list | `GET /user/user_detail`: every user in one response (`user_details`, with `count`) |
//! | base URL | `https://api.browserstack.com` (`https://api-enterprise.browserstack.com` is documented too) |
//! | auth | `Authorization: Basic base64(username:access_key)`; config keys `username` and `access_key` (env `TRUTO_BROWSERSTACK_USERNAME`, `TRUTO_BROWSERSTACK_ACCESS_KEY`) |
//! | config keys | none besides the credentials |
//! | scopes | an Owner or Admin of an Enterprise plan account; BrowserStack Support must enable the Users API for the account; a team admin sees their team only |
//! | page size | none: one response |
//! | filters | `status` (`status=pending` for `invited`, `disabled` for `inactive`), `role_id` (`role`: `user`, `admin`, `owner`), `group_id` (`team_name`), `product` (`product_access`: `live_testing`, `automate`, `percy`, `app_percy`, `app_live_testing`, `app_automate`); several values comma-separated |
//! | rate limits | 5 requests in a burst, then 15 a minute; `429` beyond |
//!
//! ## Mapping
//!
//! | BrowserStack | unified |
//! |---|---|
//! | `id` | `id` |
//! | `username` | `username` |
//! | `full_name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `role` (`user`, `admin`, `owner`) | `roles` (one, by id) |
//! | `organization_name` | `organizations` (by name) |
//! | `teams[]`, `additional-teams[]` (team names) | `groups` (the name as id and name) |
//! | `product_access` `{product: true/false}` | `licenses`: one per product set to `true`, by id (a hook: no rule reads an object's keys) |
//!
//! ## Quirks
//!
//! - Records carry no status: `status` can filter the listing (pending invitations,
//!   disabled users) but is not mapped.
//! - Teams have no id but their name, which is also what `group_id` filters by.
//! - Everything comes in one response; there is no page parameter in this version of the
//!   API.
//!
//! ## Sources
//!
//! - <https://www.browserstack.com/docs/enterprise/api-reference/users/manage> (Get users: the
//!   path, the filters and their values, the response example)
//! - <https://www.browserstack.com/docs/enterprise/api-reference/introduction> (base URLs, Enterprise
//!   plan, Owner or Admin, Support enabling access, the rate limit)
//!
//! ## Not confirmed
//!
//! - Whether a listing without `status` includes pending and disabled users.
//! - The error body.
//! - The upper bound of one response (no paging is documented for this version).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BROWSERSTACK_USERNAME=… TRUTO_BROWSERSTACK_ACCESS_KEY=…
//! let dir = truto_devtools::browserstack::connect(&Config::from_env("browserstack"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.licenses);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{
    Config, ConfigKey, Error, Family, Filter, Integration, License, Result, User, UserDirectory,
};

/// The BrowserStack spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("browserstack", "BrowserStack", Family::Devtools)
        .credentials(&[Credential::basic("{username}", "access_key")])
        .base_url("https://api.browserstack.com")
        .config(&[
            ConfigKey::required("username", "the BrowserStack username of an Owner or Admin"),
            ConfigKey::secret("access_key", "that user's access key"),
        ])
        .note("Enterprise plan only; an Owner or Admin's username and access key, and Support must enable the Users API."),
)
.list(
    List::get("user/user_detail")
        .records("user_details")
        .filters(&[
            FilterRule::mapped(
                Filter::Status,
                "status",
                &[("invited", "pending"), ("inactive", "disabled")],
            ),
            FilterRule::query(Filter::RoleId, "role"),
            FilterRule::query(Filter::GroupId, "team_name"),
            FilterRule::query(Filter::Product, "product_access"),
        ]),
)
.map(&[
    id("id"),
    text(Text::Username, "username"),
    text(Text::Name, "full_name"),
    email("email"),
    reference(Refs::Roles).id("role"),
    reference(Refs::Organizations).name("organization_name"),
    refs(Refs::Groups, "teams").id("").name(""),
    refs(Refs::Groups, "additional-teams").id("").name(""),
])
.post_map(licenses, &["licenses"])
.sources(&[
    "https://www.browserstack.com/docs/enterprise/api-reference/users/manage",
    "https://www.browserstack.com/docs/enterprise/api-reference/introduction",
]);

/// Connects to BrowserStack (`username`, `access_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `licenses`: one per product of `product_access` whose flag is `true`.
fn licenses(user: &mut User, record: &str) -> Result<()> {
    let record: Value = serde_json::from_str(record)
        .map_err(|e| Error::decode(format!("the user is not JSON: {e}")))?;
    if let Some(products) = record.get("product_access").and_then(Value::as_object) {
        for (product, granted) in products {
            if granted.as_bool() == Some(true) {
                user.licenses
                    .push(License::new(Some(product.clone()), None));
            }
        }
    }
    Ok(())
}
