//! # Jamf Pro
//!
//! The end users of a Jamf Pro server (the people devices are assigned to), through the
//! Jamf Pro Classic API (`/JSSResource/users`).
//!
//! | | |
//! |---|---|
//! | slug / feature | `jamf` |
//! | operations | list (partial), get |
//! | list | `GET /JSSResource/users`: every end user in one response, as `{id, name}` |
//! | get | `GET /JSSResource/users/id/{id}` (the record under `user`) |
//! | base URL | `{instance_url}/JSSResource` (`instance_url`: `https://acme.jamfcloud.com`, or an on-premises server's origin) |
//! | auth | `Authorization: Bearer <token>`: a token obtained elsewhere (`token`), **or** an API client's `client_id` and `client_secret` exchanged at `{instance_url}/api/oauth/token` (Jamf Pro 10.49 or later); `Accept: application/json` on every request |
//! | config keys | `instance_url` |
//! | privileges | *Read Users* (the API role of the client, or the account) |
//! | page size | none: one response |
//! | filters | none |
//! | rate limits | none documented |
//!
//! API clients and their roles are made under *Settings › System › API roles and clients*.
//!
//! ## Mapping
//!
//! | Jamf Pro | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` (the short name) | `username` |
//! | `full_name` | `name` |
//! | `email` (primary), `email_address` | `emails` |
//! | `phone_number` | `phones` |
//! | `position` | `title` |
//! | `custom_photo_url` | `avatar` |
//! | `links.vpp_assignments[]` `{id, name}` (Volume Purchasing assignments) | `licenses` |
//! | `ldap_server.name` (the directory the user comes from) | `identifiers.ldap_server` |
//! | always `end_user` | `user_type` |
//!
//! ## Quirks
//!
//! - **End users only.** The reference also lets a get read Jamf Pro's administrator
//!   accounts (`user_type=admin`), which live at another path of another shape
//!   (`/JSSResource/accounts/userid/{id}`, under `account`); a spec's get has one path, so
//!   this integration reads end users and takes no `user_type`.
//! - **The list is partial**: it names each user's id and short name only;
//!   `hydrate(true)` fetches each listed user.
//! - End users have no status in Jamf Pro (they are inventory records, not accounts).
//! - The Classic API answers XML unless asked for JSON; every request asks for JSON.
//!   Its errors are short HTML pages, read as text.
//! - `sites`, `extension_attributes` and the devices in `links` stay in `remote_data`.
//!
//! ## Sources
//!
//! - <https://developer.jamf.com/jamf-pro/docs/getting-started-2> (Classic API overview:
//!   `/JSSResource`, bearer tokens since 10.35, client credentials since 10.49)
//! - <https://developer.jamf.com/jamf-pro/docs/client-credentials> (API clients, the token
//!   request)
//! - <https://developer.jamf.com/jamf-pro/docs/classic-api-minimum-required-privileges-and-endpoint-mapping>
//!   (privileges per endpoint)
//! - Jamf's Classic API description as generated into a client,
//!   <https://github.com/speakeasy-sdks/jamf-classic-client> (commit `c5a7c449`):
//!   `src/sdk/users.ts` (`/users`, `/users/id/{id}`, JSON on request),
//!   `src/sdk/models/shared/user.ts`, `users.ts`, `account.ts` (the fields; `enabled`
//!   `Enabled`/`Disabled`, `access_level`, `privilege_set` of administrator accounts)
//! - <https://help.okta.com/en/prod/Content/Topics/Workflows/connector-reference/jamf/actions/readuser.htm>
//!   (the end user's fields, as Okta's Jamf connector reads them)
//!
//! ## Not confirmed
//!
//! - The JSON shapes: Jamf's description models the XML (`<users><size/><user>…`); the JSON
//!   is read as `{"users": [{"id", "name"}]}` and `{"user": {…}}`, with lists as arrays.
//! - The token path `/api/oauth/token` (from Jamf's client-credentials guide as quoted by
//!   others).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_JAMF_INSTANCE_URL=https://acme.jamfcloud.com TRUTO_JAMF_CLIENT_ID=… TRUTO_JAMF_CLIENT_SECRET=…
//! let dir = truto_idp::jamf::connect(&Config::from_env("jamf"))?;
//! let mut users = dir.list_users(ListUsers::new().hydrate(true));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec};
use truto_core::{Config, ConfigKey, Family, Integration, Result, User, UserDirectory};

/// The Jamf Pro spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("jamf", "Jamf", Family::Idp)
        .credentials(&[
            Credential::bearer("token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "{instance_url}/api/oauth/token",
            ),
        ])
        .base_url("{instance_url}/JSSResource")
        .config(&[
            ConfigKey::required(
                "instance_url",
                "the Jamf Pro server's URL, e.g. `https://acme.jamfcloud.com`",
            )
            .origin(),
            ConfigKey::optional_secret("token", "a Jamf Pro API bearer token"),
            ConfigKey::optional("client_id", "an API client's id (Jamf Pro 10.49+)"),
            ConfigKey::optional_secret("client_secret", "that API client's secret"),
        ])
        .note("an API client (client id and secret) or a bearer token with Read Users; end users only, the list is partial"),
)
.headers(&[("Accept", "application/json")])
.list(List::get("users").records("users").partial())
.get(Get::get("users/id/{id}").record("user"))
.map(&[
    id("id"),
    text(Text::Username, "name"),
    text(Text::Name, "full_name"),
    email("email"),
    email("email_address").secondary(),
    phone("phone_number"),
    text(Text::Title, "position"),
    text(Text::Avatar, "custom_photo_url"),
    refs(Refs::Licenses, "links.vpp_assignments")
        .id("id")
        .name("name"),
    identifier("ldap_server", "ldap_server.name"),
])
.post_map(end_user, &["user_type"])
.sources(&[
    "https://developer.jamf.com/jamf-pro/docs/getting-started-2",
    "https://developer.jamf.com/jamf-pro/docs/client-credentials",
    "https://developer.jamf.com/jamf-pro/docs/classic-api-minimum-required-privileges-and-endpoint-mapping",
    "https://github.com/speakeasy-sdks/jamf-classic-client",
])
.absent(&[
    (
        "status",
        "Jamf Pro end users have no status (only administrator accounts have `enabled`, and they are not read)",
    ),
    (
        "roles",
        "Jamf Pro end users have no roles (administrator accounts' `privilege_set` is not read)",
    ),
    (
        "get:user_type",
        "the get reads end users only (`/JSSResource/users/id/{id}`); administrator accounts live at `/JSSResource/accounts/userid/{id}` under `account`, a second path a spec's get cannot choose by parameter",
    ),
]);

/// Connects to Jamf Pro (`instance_url`, and `token` or `client_id` and
/// `client_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// Every user this integration reads is an end user.
fn end_user(user: &mut User, _record: &str) -> Result<()> {
    user.user_type = Some("end_user".to_owned());
    Ok(())
}
