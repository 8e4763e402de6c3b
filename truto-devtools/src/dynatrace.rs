//! # Dynatrace
//!
//! The users of one Dynatrace account, through the Account Management API (IAM v1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `dynatrace` |
//! | operations | list |
//! | list | `GET /iam/v1/accounts/{account_uuid}/users`: every user in one response (`items`, with `count`) |
//! | base URL | `https://api.dynatrace.com` |
//! | auth | OAuth 2.0 client credentials: `POST https://sso.dynatrace.com/sso/oauth2/token` (`grant_type=client_credentials`, `client_id`, `client_secret`), then `Authorization: Bearer <token>`; config keys `client_id`, `client_secret` (env `TRUTO_DYNATRACE_CLIENT_ID`, `TRUTO_DYNATRACE_CLIENT_SECRET`); **or** a token already obtained that way, config key `access_token` (`TRUTO_DYNATRACE_ACCESS_TOKEN`) |
//! | config keys | `account_uuid` (the account's UUID), optionally `scope` (sent with the token request) |
//! | scopes | `account-idm-read` ("Allow read access for identity resources (users and groups)"), chosen when the OAuth client is created |
//! | page size | none: the endpoint takes no paging parameters |
//! | filters | none |
//! | rate limits | `429` (retried with backoff, or after `Retry-After` when sent) |
//!
//! ## Mapping
//!
//! | Dynatrace | unified |
//! |---|---|
//! | `uid` | `id` |
//! | `email` | `emails` (one, primary) and `username` (users sign in with it) |
//! | `name` (the first name) | `first_name` |
//! | `surname` (the last name) | `last_name` |
//! | `name` + `surname` | `name` |
//! | `userStatus`: `ACTIVE` → `active`, `INACTIVE` (deactivated, cannot sign in) → `inactive`, `PENDING` (invited, not signed up) → `invited`; other values unchanged | `status` |
//!
//! ## Quirks
//!
//! - `name` is the user's *first* name, as Dynatrace documents it; the full name is built
//!   from `name` and `surname`.
//! - The list includes invited (`PENDING`) and deactivated users. Service users are listed
//!   or not as Dynatrace decides by default; the `service-users` query flag (a remote query)
//!   chooses.
//! - The account UUID is shown in Account Management › Identity & access management ›
//!   OAuth clients.
//!
//! ## Sources
//!
//! - <https://docs.dynatrace.com/docs/shortlink/account-api-users-get-all> (the endpoint, `UserListDto`, `UsersDto`, `userStatus`)
//! - <https://docs.dynatrace.com/docs/shortlink/account-api-oauth> (OAuth clients and scopes)
//! - Dynatrace's Terraform provider, `dynatrace-oss/terraform-provider-dynatrace`
//!   (`dynatrace/api/iam/users/service.go`, `dynatrace/rest/iam_client.go`: the token URL,
//!   the base URL, a token request with client id and secret only)
//!
//! ## Not confirmed
//!
//! - The full `userStatus` value set beyond `ACTIVE`, `INACTIVE` and `PENDING`.
//! - Whether the token endpoint needs `scope` or `resource=urn:dtaccount:<uuid>` for some
//!   clients (Dynatrace's own provider sends neither; set `scope` if yours does).
//! - Paging on very large accounts (the documented endpoint has none), rate-limit numbers
//!   and headers, and the error body.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DYNATRACE_CLIENT_ID=… TRUTO_DYNATRACE_CLIENT_SECRET=… TRUTO_DYNATRACE_ACCOUNT_UUID=…
//! let dir = truto_devtools::dynatrace::connect(&Config::from_env("dynatrace"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Dynatrace spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("dynatrace", "Dynatrace", Family::Devtools)
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "https://sso.dynatrace.com/sso/oauth2/token",
            ),
        ])
        .base_url("https://api.dynatrace.com")
        .config(&[
            ConfigKey::optional_secret(
                "access_token",
                "a bearer token already obtained from an OAuth client (instead of `client_id`/`client_secret`)",
            ),
            ConfigKey::optional("client_id", "the OAuth client's id (`dt0s02.…`)"),
            ConfigKey::optional_secret("client_secret", "the OAuth client's secret"),
            ConfigKey::required(
                "account_uuid",
                "the account's UUID (Account Management › Identity & access management › OAuth clients)",
            ),
            ConfigKey::optional(
                "scope",
                "scopes for the token request, e.g. `account-idm-read` (none by default)",
            ),
        ])
        .note("an OAuth client with account-idm-read and the account UUID; lists the account's users"),
)
.list(List::get("iam/v1/accounts/{account_uuid}/users").records("items"))
.map(&[
    id("uid"),
    email("email"),
    text(Text::Username, "email"),
    text(Text::FirstName, "name"),
    text(Text::LastName, "surname"),
    name_from_parts(),
    status(
        "userStatus",
        &[
            ("ACTIVE", Status::Active),
            ("INACTIVE", Status::Inactive),
            ("PENDING", Status::Invited),
        ],
    ),
])
.sources(&[
    "https://docs.dynatrace.com/docs/shortlink/account-api-users-get-all",
    "https://docs.dynatrace.com/docs/shortlink/account-api-oauth",
    "https://github.com/dynatrace-oss/terraform-provider-dynatrace",
]);

/// Connects to Dynatrace (`client_id` and `client_secret`, or `access_token`; `account_uuid`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
