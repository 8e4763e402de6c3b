//! # OneLogin
//!
//! The users of one OneLogin account, through the OneLogin API 2.0.
//!
//! | | |
//! |---|---|
//! | slug / feature | `onelogin` |
//! | operations | list, get |
//! | list | `GET /api/2/users?limit=&cursor=`, paged by the cursor in the `After-Cursor` response header |
//! | get | `GET /api/2/users/{user_id}` |
//! | base URL | `https://{subdomain}.onelogin.com` (the full host name is accepted too) |
//! | auth | `Authorization: Bearer <access token>`, config key `access_token` (env `TRUTO_ONELOGIN_ACCESS_TOKEN`); **or** an API credential pair, `client_id` and `client_secret`, exchanged at `https://{subdomain}.onelogin.com/auth/oauth2/v2/token` (client credentials, the pair as HTTP Basic) |
//! | config keys | `subdomain` (required) |
//! | scopes | the API credential's scope: *Read Users*, *Manage Users*, *Read All* or *Manage All* |
//! | page size | `limit`: at most 100; 50 by default here (OneLogin: "up to 50 users per page") |
//! | filters | `email`, `username`, `first_name` (`firstname`), `last_name` (`lastname`) |
//! | rate limits | per account; `429` when throttled (the headers are not confirmed, so none are read) |
//!
//! ## Mapping
//!
//! | OneLogin (`User`) | unified |
//! |---|---|
//! | `id` (an integer) | `id` |
//! | `external_id` | `external_id` |
//! | `firstname`, `lastname` | `first_name`, `last_name`, and `name` (the two joined: OneLogin has no display name) |
//! | `title` | `title` |
//! | `username` | `username` |
//! | `email` | `emails[0]` (primary) |
//! | `phone` (E.164) | `phones[0]` |
//! | `status` | `status`: `1` Active → `active`; `2` Suspended, `3` Locked → `inactive`; `0` Unactivated, `7` Password pending → `invited`; `4` Password expired, `5` Awaiting password reset, `8` Security questions required → `active` (the account can sign in once the step is done) |
//! | `role_ids[]` | `roles` (ids only; names at `/api/2/roles`) |
//! | `group_id` | `groups[0]` (a user is in at most one group; id only) |
//! | `preferred_locale_code` | `languages` |
//! | `created_at`, `updated_at` | `created_at`, `updated_at` |
//! | `last_login` | `last_login_at` |
//! | `activated_at` (when the status was last set to Active) | `activated_at` |
//!
//! `state` (0 Unapproved, 1 Approved, 2 Rejected, 3 Unlicensed), the directory fields
//! (`directory_id`, `samaccountname`, `member_of`, …), `company`, `department`, `manager_*`
//! and `custom_attributes` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - The listing includes users of every status; there is no status filter in API 2.0.
//! - Paging is by response headers: `After-Cursor` holds the next page's cursor (absent on
//!   the last page); `Total-Count`, `Total-Pages` and `Current-Page` are not needed.
//! - Ids are integers; they are written out as text.
//!
//! ## Sources
//!
//! - <https://developers.onelogin.com/api-docs/2/users/list-users> (list, filters, scopes)
//! - <https://developers.onelogin.com/api-docs/1/getting-started/working-with-api-credentials> (credential scopes)
//! - <https://github.com/onelogin/onelogin-python-sdk> (official SDK generated from OneLogin's
//!   API description: `docs/UsersV2Api.md` list and get with their query parameters, `limit`
//!   "max 100", the `cursor` from `After-Cursor`; `docs/User.md` the user record;
//!   `docs/Error.md` the error body)
//! - <https://github.com/onelogin/onelogin-go-sdk> (official SDK: `pkg/onelogin/users.go` the
//!   paging headers, `pkg/onelogin/models/user.go` the `status` and `state` values,
//!   `pkg/onelogin/authentication/authenticator.go` the token endpoint and Basic client auth)
//!
//! ## Not confirmed
//!
//! - That the token endpoint accepts a form-encoded request: OneLogin documents a JSON body
//!   `{"grant_type": "client_credentials"}`, and this library's client-credentials exchange
//!   sends the grant as a form. With `access_token` no exchange is made.
//! - The default page size (50 per OneLogin's prose) and the rate-limit response headers
//!   (`X-RateLimit-Remaining`, `X-RateLimit-Reset`, seen only as fields of
//!   `GET /auth/rate_limit`).
//! - Whether the filters match exactly or by prefix (exact matches are kept by
//!   `find_by_email` either way).
//! - No OneLogin example of a whole user response was found: the fixture is built from the
//!   documented `User` schema.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ONELOGIN_SUBDOMAIN=acme TRUTO_ONELOGIN_CLIENT_ID=… TRUTO_ONELOGIN_CLIENT_SECRET=…
//! let dir = truto_idp::onelogin::connect(&Config::from_env("onelogin"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Get, List, Spec, header_cursor, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The OneLogin spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("onelogin", "OneLogin", Family::Idp)
        .credentials(&[
            Credential::bearer("access_token"),
            Credential::client_credentials(
                "client_id",
                "client_secret",
                "https://{subdomain}.onelogin.com/auth/oauth2/v2/token",
            )
            .client_secret_basic(),
        ])
        .base_url("https://{subdomain}.onelogin.com")
        .config(&[
            ConfigKey::required("subdomain", "the account's subdomain (`acme` of acme.onelogin.com)")
                .host_suffix(".onelogin.com"),
            ConfigKey::optional_secret("access_token", "an API access token (instead of the client credentials)"),
            ConfigKey::optional("client_id", "an API credential's client id (scope Read Users or more)"),
            ConfigKey::optional_secret("client_secret", "that API credential's client secret"),
        ])
        .note("The account's subdomain and an API credential pair (Developers › API Credentials) with the Read Users scope."),
)
.list(
    List::get("api/2/users")
        .paging(header_cursor(query("cursor"), query("limit"), "After-Cursor"))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::query(Filter::Username, "username"),
            FilterRule::query(Filter::FirstName, "firstname"),
            FilterRule::query(Filter::LastName, "lastname"),
        ])
        .page_size(50, 100),
)
.get(Get::get("api/2/users/{id}"))
.map(&[
    id("id"),
    text(Text::ExternalId, "external_id"),
    text(Text::FirstName, "firstname"),
    text(Text::LastName, "lastname"),
    name_from_parts(),
    text(Text::Title, "title"),
    text(Text::Username, "username"),
    email("email"),
    phone("phone"),
    status(
        "status",
        &[
            ("0", Status::Invited),
            ("1", Status::Active),
            ("2", Status::Inactive),
            ("3", Status::Inactive),
            ("4", Status::Active),
            ("5", Status::Active),
            ("7", Status::Invited),
            ("8", Status::Active),
        ],
    ),
    refs(Refs::Roles, "role_ids").id(""),
    reference(Refs::Groups).id("group_id"),
    languages("preferred_locale_code"),
    time(Time::CreatedAt, "created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "updated_at", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_login", TimeFormat::Auto),
    time(Time::ActivatedAt, "activated_at", TimeFormat::Auto),
])
.sources(&[
    "https://developers.onelogin.com/api-docs/2/users/list-users",
    "https://developers.onelogin.com/api-docs/1/getting-started/working-with-api-credentials",
    "https://github.com/onelogin/onelogin-python-sdk",
    "https://github.com/onelogin/onelogin-go-sdk",
]);

/// Connects to OneLogin (`subdomain`, and `access_token` or `client_id` with `client_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
