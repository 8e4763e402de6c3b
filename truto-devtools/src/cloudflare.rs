//! # Cloudflare
//!
//! The members of one Cloudflare account, through the Cloudflare API v4.
//!
//! | | |
//! |---|---|
//! | slug / feature | `cloudflare` |
//! | operations | list, get |
//! | list | `GET /client/v4/accounts/{account_id}/members?page=&per_page=`, paged by page number (the first is 1); a short page is the last |
//! | get | `GET /client/v4/accounts/{account_id}/members/{member_id}` (the membership id) |
//! | base URL | `https://api.cloudflare.com/client/v4` |
//! | auth | `Authorization: Bearer <API token>`; config key `api_token` (env `TRUTO_CLOUDFLARE_API_TOKEN`) |
//! | config keys | `account_id` (the 32-character account id; env `TRUTO_CLOUDFLARE_ACCOUNT_ID`) |
//! | scopes | an API token with *Account Settings Read* (or *Account Settings Write*, or *SCIM Provisioning*) on the account |
//! | page size | `per_page`: at least 5, at most 50; 20 by default here |
//! | filters | `status` (`status=accepted` for `active`, `pending` for `invited`) |
//! | rate limits | 1200 requests per 5 minutes per token; `429` with `Retry-After` (honoured) |
//!
//! ## Mapping
//!
//! | Cloudflare (`Member`) | unified |
//! |---|---|
//! | `id` (the membership) | `id` |
//! | `user.id` | `identifiers.user_id` |
//! | `user.first_name`, `user.last_name` (nullable) | `first_name`, `last_name`, and `name` joined from them |
//! | `email` (else `user.email`) | `emails` (one, primary) |
//! | `status`: `accepted`, `pending` | `status`: `active`, `invited` |
//! | `user.two_factor_authentication_enabled` (not about API authentication) | `is_2fa_enabled` |
//! | `roles[]` `{id, name}` | `roles` |
//!
//! `policies[]` and each role's `description` and `permissions` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - Ids are membership ids, not user ids: a get takes the membership id (`id`); the
//!   Cloudflare user id is in `identifiers.user_id`.
//! - Invitations not yet accepted are listed, with status `invited`.
//! - Every response is the v4 envelope (`success`, `errors`, `messages`, `result`); a 2xx
//!   with `success: false` is an error, and the message is `errors[0].message`.
//! - The legacy `X-Auth-Email` + `X-Auth-Key` (Global API key) pair is not supported: use
//!   an API token.
//!
//! ## Sources
//!
//! - <https://developers.cloudflare.com/api/go/resources/accounts/subresources/members/methods/list>
//!   (List Members: path, accepted permissions, `direction`, `order`, `page`, `per_page`,
//!   `status`)
//! - <https://github.com/cloudflare/cloudflare-go> (official SDK generated from Cloudflare's
//!   description: `accounts/member.go`, `shared/shared.go` `Member`, `MemberUser`, `Role`,
//!   `MemberStatus`; `packages/pagination/pagination.go` `V4PagePaginationArray`)
//! - <https://developers.cloudflare.com/api/terraform/resources/accounts/subresources/members>
//!   (member field descriptions)
//! - <https://developers.cloudflare.com/fundamentals/api/reference/limits/> (rate limits)
//!
//! ## Not confirmed
//!
//! - The default `per_page` of this endpoint, and whether its `result_info` carries
//!   `total_pages` (the SDK reads only `page` and `per_page`): a short page ends the
//!   listing, as the SDK's empty page does.
//! - Cloudflare's `Ratelimit` header (structured: `"default";r=50;t=30`) is not read;
//!   `Retry-After` on a `429` is.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_CLOUDFLARE_API_TOKEN=… TRUTO_CLOUDFLARE_ACCOUNT_ID=023e105f4ecef8ad9ca31a8372d0c353
//! let dir = truto_devtools::cloudflare::connect(&Config::from_env("cloudflare"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, InBody, List, Spec, page_number, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Cloudflare spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("cloudflare", "Cloudflare", Family::Devtools)
        .credentials(&[Credential::bearer("api_token")])
        .base_url("https://api.cloudflare.com/client/v4")
        .config(&[
            ConfigKey::secret(
                "api_token",
                "an API token with Account Settings Read on the account",
            ),
            ConfigKey::required("account_id", "the account's id (32 hexadecimal characters)"),
        ])
        .note("Needs an API token with Account Settings Read and the account id; pending invitations are listed as invited."),
)
.list(
    List::get("accounts/{account_id}/members")
        .records("result")
        .paging(page_number(
            query("page"),
            query("per_page"),
            1,
            End::ShortPage,
        ))
        .filters(&[FilterRule::mapped(
            Filter::Status,
            "status",
            &[("active", "accepted"), ("invited", "pending")],
        )])
        .page_size(20, 50),
)
.get(Get::get("accounts/{account_id}/members/{id}").record("result"))
.map(&[
    id("id"),
    identifier("user_id", "user.id"),
    text(Text::FirstName, "user.first_name"),
    text(Text::LastName, "user.last_name"),
    name_from_parts(),
    email("email"),
    email("user.email"),
    status(
        "status",
        &[("accepted", Status::Active), ("pending", Status::Invited)],
    ),
    flag(Flag::TwoFactor, "user.two_factor_authentication_enabled"),
    refs(Refs::Roles, "roles").id("id").name("name"),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].message"])
        .code(&["errors[0].code"])
        .in_body(InBody::FlagFalse("success"), &[]),
)
.sources(&[
    "https://developers.cloudflare.com/api/go/resources/accounts/subresources/members/methods/list",
    "https://github.com/cloudflare/cloudflare-go",
    "https://developers.cloudflare.com/api/terraform/resources/accounts/subresources/members",
    "https://developers.cloudflare.com/fundamentals/api/reference/limits/",
]);

/// Connects to Cloudflare (`api_token`, `account_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
