//! # Zoho Vault
//!
//! The users of one Zoho Vault account, through the Zoho Vault REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `zoho_vault` |
//! | operations | list, get |
//! | list | `GET /api/rest/json/v1/user?isAsc=true&pageNum=&rowPerPage=`, paged by page number; the last page is the first one shorter than `rowPerPage` |
//! | get | `GET /api/rest/json/v1/user/{zuid}`: the user is the one element of `operation.Details` |
//! | base URL | `https://vault.zoho.{dc}`: `dc` is the account's data centre, `com` (the default), `eu`, `in`, `com.au`, … |
//! | auth | `Authorization: Zoho-oauthtoken <access token>`, config key `access_token` (env `TRUTO_ZOHO_VAULT_ACCESS_TOKEN`); **or** an OAuth refresh token exchanged at `https://accounts.zoho.{dc}/oauth/v2/token`: config keys `refresh_token`, `client_id`, `client_secret` |
//! | config keys | `dc` |
//! | scopes | `ZohoVault.user.READ` |
//! | page size | `rowPerPage`: 100 by default here (Zoho documents no default or maximum) |
//! | filters | `email` (`email`), `username` (`userName`) |
//! | rate limits | not documented |
//!
//! ## Mapping
//!
//! | Zoho Vault | unified |
//! |---|---|
//! | `unique-id` (the user's Zoho id, `zuid`, which Zoho's get takes) | `id` |
//! | `username` | `name` and `username` |
//! | `email` | `emails[0]` (primary) |
//! | `enabled` (`1` / `0`) | `status`: `active` / `inactive` |
//! | `role` (`SuperAdmin`, …) | `roles[0]` (name) |
//!
//! `user_auto_id` (Vault's own number for the user) stays in `remote_data`.
//!
//! ## Quirks
//!
//! - `isAsc`, `pageNum` and `rowPerPage` are all required by Zoho; `isAsc=true` is always
//!   sent.
//! - The list and the get answer in Zoho Vault's envelope,
//!   `{"operation": {"result": {"status", "message"}, "Details": […], "name"}}`.
//! - Zoho's examples show an email with a leading space (`" john@zylker.com"`); emails
//!   are trimmed.
//!
//! ## Sources
//!
//! - <https://www.zoho.com/vault/api/user-management.html> (Get users with its arguments and
//!   response example, Get user details by `zuid`, the scope)
//! - <https://www.zoho.com/vault/api/> (the API root `https://vault.zoho.com/`)
//! - <https://www.zoho.com/vault/api/supported-operations.html> (OAuth 2.0 through Zoho
//!   Accounts, refresh tokens)
//! - <https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token-expiry.html> (Zoho's
//!   refresh-token exchange)
//!
//! ## Not confirmed
//!
//! - Whether `pageNum` counts from 0 or 1. This integration starts at 0: if Zoho counts
//!   from 1 and treats 0 as the first page, the first page is read twice (and its users
//!   listed twice) rather than skipped.
//! - The default and largest `rowPerPage`, and whether `email` and `userName` match exactly
//!   (`find_by_email` keeps exact matches either way).
//! - That `unique-id` is the `zuid` Zoho's get takes (Zoho's examples suggest it).
//! - Whether errors arrive with HTTP 200 and `operation.result.status` `Failed`: such a
//!   body has no `Details` and lists no user; errors are read from `operation.result.message`.
//! - The header scheme: Zoho Vault's examples print `Zoho-authtoken`; `Zoho-oauthtoken` (Zoho
//!   Accounts' scheme) is sent, with `access_token` and with the tokens of a refresh-token
//!   exchange alike.
//! - The Vault hosts of the non-US data centres.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ZOHO_VAULT_REFRESH_TOKEN=…, …_CLIENT_ID=…, …_CLIENT_SECRET=…, TRUTO_ZOHO_VAULT_DC=com
//! let dir = truto_idp::zoho_vault::connect(&Config::from_env("zoho_vault"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, page_number, query};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Zoho Vault spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("zoho_vault", "Zoho Vault", Family::Idp)
        .credentials(&[
            Credential::custom("Zoho-oauthtoken", "access_token"),
            Credential::refresh_token(
                "refresh_token",
                "client_id",
                "client_secret",
                "https://accounts.zoho.{dc}/oauth/v2/token",
            )
            .token_scheme("Zoho-oauthtoken"),
        ])
        .base_url("https://vault.zoho.{dc}")
        .config(&[
            ConfigKey::optional("dc", "the account's data centre: com (the default), eu, in, com.au, …")
                .default("com"),
            ConfigKey::optional_secret("access_token", "an access token with ZohoVault.user.READ"),
            ConfigKey::optional_secret(
                "refresh_token",
                "a refresh token with ZohoVault.user.READ (instead of an access token)",
            ),
            ConfigKey::optional("client_id", "the client id the refresh token was issued to"),
            ConfigKey::optional_secret("client_secret", "that client's secret"),
        ])
        .note("A Zoho OAuth refresh token (or access token) with ZohoVault.user.READ, and the account's data centre."),
)
.list(
    List::get("api/rest/json/v1/user")
        .query(&[("isAsc", "true")])
        .records("operation.Details")
        .paging(page_number(query("pageNum"), query("rowPerPage"), 0, End::ShortPage))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::query(Filter::Username, "userName"),
        ])
        .page_size(100, 100),
)
.get(Get::get("api/rest/json/v1/user/{id}").record("operation.Details[0]"))
.map(&[
    id("unique-id"),
    text(Text::Name, "username"),
    text(Text::Username, "username"),
    email("email"),
    active_flag("enabled"),
    reference(Refs::Roles).name("role"),
])
.errors(Errors::GENERIC.message(&["operation.result.message"]))
.sources(&[
    "https://www.zoho.com/vault/api/user-management.html",
    "https://www.zoho.com/vault/api/",
    "https://www.zoho.com/vault/api/supported-operations.html",
    "https://www.zoho.com/accounts/protocol/oauth/web-apps/access-token-expiry.html",
])
.absent(&[
    (
        "external_id",
        "the record's only other id, `user_auto_id`, is Vault's own number for the user, not an id in an external system; the Zoho user id (`unique-id`) is the id",
    ),
]);

/// Connects to Zoho Vault (`access_token`, or `refresh_token` with `client_id` and
/// `client_secret`; optionally `dc`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
