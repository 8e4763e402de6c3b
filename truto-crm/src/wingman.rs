//! # Wingman (Clari Copilot)
//!
//! The users of one Clari Copilot workspace (Wingman is now Clari Copilot), through the
//! Copilot REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `wingman` |
//! | operations | list |
//! | list | `GET /users`, every user of the workspace in one response (`users`) |
//! | base URL | `https://rest-api.copilot.clari.com` |
//! | auth | `X-Api-Key: <key>` and `X-Api-Password: <password>`; config keys `api_key` and `api_password` (env `TRUTO_WINGMAN_API_KEY`, `TRUTO_WINGMAN_API_PASSWORD`) |
//! | config keys | none besides the credentials |
//! | scopes | none: one key and password pair per workspace (Workspace Settings › Integrations › Clari Copilot API), shown to workspace admins |
//! | page size | none: the users endpoint takes no paging parameters |
//! | filters | none |
//! | rate limits | not documented for this endpoint |
//!
//! ## Mapping
//!
//! | Clari Copilot | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` | `name` (and `first_name` / `last_name` split at the first space) |
//! | `email` | `emails[0]` (primary) |
//! | `role` (`MANAGER`, …) | `roles[0].name` |
//!
//! `is_recording` (whether Copilot records the user's calls) stays in `remote_data`.
//!
//! ## Quirks
//!
//! - The key and password belong to the workspace; regenerating them invalidates the old
//!   pair.
//! - The record has no status: whether deactivated users are listed is not documented.
//!
//! ## Sources
//!
//! - <https://community.clari.com/product-q-a-6/how-to-use-copilot-apis-2258> (Clari's own
//!   guide: "List Users — retrieve all users in your Copilot workspace", endpoint `/users`)
//! - <https://api-doc.copilot.clari.com> (the API reference the guide links to; not read)
//! - <https://docs.nexla.com/user-guides/connectors/clari_copilot_api/clari_copilot_api_auth>
//!   (the `X-Api-Key` / `X-Api-Password` headers, one pair per workspace)
//! - `amp-labs/connectors`, `providers/claricopilot/test/users.json` (a recorded `/users`
//!   response: `{"users": [{id, email, name, role, is_recording}]}`)
//!
//! ## Not confirmed
//!
//! - Clari's own reference was not readable: the record's fields come from a third-party
//!   connector's recorded response, the headers from third-party guides.
//! - Whether `/users` pages for large workspaces (no paging parameter is documented; one
//!   response is read).
//! - The values `role` takes besides `MANAGER`; the error body; rate limits.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_WINGMAN_API_KEY=…, TRUTO_WINGMAN_API_PASSWORD=…
//! let dir = truto_crm::wingman::connect(&Config::from_env("wingman"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Wingman (Clari Copilot) spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("wingman", "Wingman (Clari Copilot)", Family::Crm)
        .credentials(&[Credential::headers(&[
            ("X-Api-Key", "api_key"),
            ("X-Api-Password", "api_password"),
        ])])
        .base_url("https://rest-api.copilot.clari.com")
        .config(&[
            ConfigKey::secret("api_key", "the workspace's Clari Copilot API key"),
            ConfigKey::secret("api_password", "the workspace's Clari Copilot API password"),
        ])
        .note("needs the workspace's Copilot API key and password (Workspace Settings › Integrations); lists every workspace user"),
)
.list(List::get("users").records("users"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    split_name("name"),
    email("email"),
    reference(Refs::Roles).name("role"),
])
.sources(&[
    "https://community.clari.com/product-q-a-6/how-to-use-copilot-apis-2258",
    "https://docs.nexla.com/user-guides/connectors/clari_copilot_api/clari_copilot_api_auth",
]);

/// Connects to Clari Copilot (`api_key`, `api_password`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
