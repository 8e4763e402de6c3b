//! # DocuSign
//!
//! The users of one DocuSign account, through the eSignature REST API v2.1.
//!
//! | | |
//! |---|---|
//! | slug / feature | `docusign` |
//! | operations | list (partial), get |
//! | list | `GET /restapi/v2.1/accounts/{accountId}/users?additional_info=true&start_position=&count=`, paged by offset until `totalSetSize` users are read |
//! | get | `GET /restapi/v2.1/accounts/{accountId}/users/{userId}` (the user is the response) |
//! | base URL | `{base_uri}/restapi`: `base_uri` is the account's `base_uri` from `GET https://account.docusign.com/oauth/userinfo` (e.g. `https://na3.docusign.net`; developer accounts `https://demo.docusign.net`) |
//! | auth | `Authorization: Bearer <token>`: an OAuth access token (authorization code or JWT grant) with the `signature` scope; config key `access_token` (env `TRUTO_DOCUSIGN_ACCESS_TOKEN`) |
//! | config keys | `base_uri`, `account_id` (the account's id GUID or number, from the same userinfo response) |
//! | scopes | `signature` (JWT grant also `impersonation`) |
//! | page size | 1 to 100 (`count`); 100 by default here |
//! | filters | `email` (`email`: exact address), `name` (`user_name_substring`: a full or partial user name), `group_id` (`group_id`) |
//! | rate limits | per account, 3 000 requests an hour by default (`X-RateLimit-Remaining`, `X-RateLimit-Reset` a Unix timestamp) and a 30-second burst limit (`X-BurstLimit-Remaining`; 500 in production, 200 in the developer environment); the hourly limit's error `HOURLY_APIINVOCATION_LIMIT_EXCEEDED` is an exhausted quota |
//!
//! ## Mapping
//!
//! | DocuSign | unified |
//! |---|---|
//! | `userId` | `id` |
//! | `firstName`, `lastName` | `first_name`, `last_name` |
//! | `userName` (the full name), else the two names joined | `name` |
//! | `email` | `emails` (one, primary) and `username` (DocuSign users sign in with it) |
//! | `userStatus`: `Active` → `active`; `ActivationRequired`, `ActivationSent` → `invited`; `Disabled`, `Closed` → `inactive` | `status` |
//! | `permissionProfileId`, `permissionProfileName` | `roles` |
//! | `groupList[]` `{groupId, groupName}` | `groups` |
//! | `userType` (e.g. `CompanyUser`) | `user_type` |
//! | `jobTitle` | `title` |
//! | `profileImageUri` | `avatar` |
//! | `userSettings.timezoneOffset` (DocuSign's ids, e.g. `tz_02_alaskan`, not IANA names) | `timezone` |
//! | `userSettings.locale` (e.g. `en`, `pt_BR`) | `languages` |
//! | `createdDateTime` | `created_at` |
//! | `userProfileLastModifiedDate` | `updated_at` |
//! | `lastLogin` | `last_login_at` |
//!
//! `userAddedToAccountDateTime` stays in `remote_data`: DocuSign's own example holds the
//! placeholder `0001-01-01T08:00:00.0000000Z`. So do `isAdmin` and the address objects.
//!
//! ## Quirks
//!
//! - The listing includes closed users (DocuSign never deletes a user from an account; it
//!   closes them). Closed and disabled users are both `inactive`.
//! - The list asks for `additional_info=true`, with which DocuSign returns full user
//!   information for each user (settings and groups included). It is still declared
//!   partial: DocuSign does not say the listed record equals the get's, so
//!   `hydrate(true)` is there to read each listed user whole.
//! - Every number in a list response is text (`"totalSetSize": "12"`); the listing reads
//!   the total either way.
//! - DocuSign's description has no security scheme and lists only the `400` response;
//!   errors are `{"errorCode": …, "message": …}`.
//!
//! ## Sources
//!
//! - DocuSign's published API description, `docusign/OpenAPI-Specifications`,
//!   `esignature.rest.swagger-v2.1.json` (list and get users, their parameters, the
//!   `userInformation`, `userInformationList` and `errorDetails` schemas, the example user)
//! - <https://developers.docusign.com/platform/auth/reference/user-info> (`base_uri` and
//!   account ids from `/oauth/userinfo`)
//! - <https://developers.docusign.com/platform/resource-limits> (hourly and burst limits,
//!   their headers)
//! - <https://www.docusign.com/blog/dsdev-from-the-trenches-working-with-headers-in-docusign-sdks>
//!   (`X-RateLimit-Reset` is a Unix timestamp)
//! - <https://www.docusign.com/blog/dsdev-from-the-trenches-api-rate-limits> (the
//!   `HOURLY_APIINVOCATION_LIMIT_EXCEEDED` error)
//!
//! ## Not confirmed
//!
//! - Which fields the list carries without `additional_info`, and whether `lastLogin` is
//!   listed at all.
//! - Which permission lets a token list and read other users (the description copies onto
//!   every `userId` parameter a note that users can only access their own information).
//! - Whether `profileImageUri` is a full URL or a path below the account's API path.
//! - The HTTP status and error code of an exceeded burst limit, and the status of the
//!   hourly one.
//! - The default `count`.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DOCUSIGN_ACCESS_TOKEN=…, TRUTO_DOCUSIGN_BASE_URI=https://na3.docusign.net,
//! // TRUTO_DOCUSIGN_ACCOUNT_ID=…
//! let dir = truto_work::docusign::connect(&Config::from_env("docusign"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The DocuSign spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("docusign", "DocuSign", Family::Work)
        .credentials(&[Credential::bearer("access_token")])
        .base_url("{base_uri}/restapi")
        .config(&[
            ConfigKey::secret(
                "access_token",
                "an OAuth access token with the signature scope",
            ),
            ConfigKey::required(
                "base_uri",
                "the account's base_uri from /oauth/userinfo, e.g. https://na3.docusign.net",
            )
            .origin(),
            ConfigKey::required(
                "account_id",
                "the account's id (GUID or number) from /oauth/userinfo",
            ),
        ])
        .note("An OAuth access token (signature scope) plus the account's `base_uri` and `account_id` from /oauth/userinfo; closed users are listed as inactive."),
)
.list(
    List::get("v2.1/accounts/{account_id}/users")
        .query(&[("additional_info", "true")])
        .records("users")
        .paging(offset(
            query("start_position"),
            query("count"),
            End::Total("totalSetSize"),
        ))
        .filters(&[
            FilterRule::query(Filter::Email, "email"),
            FilterRule::query(Filter::Name, "user_name_substring"),
            FilterRule::query(Filter::GroupId, "group_id"),
        ])
        .page_size(100, 100)
        .partial(),
)
.get(Get::get("v2.1/accounts/{account_id}/users/{id}"))
.map(&[
    id("userId"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    text(Text::Name, "userName"),
    name_from_parts(),
    email("email"),
    text(Text::Username, "email"),
    status(
        "userStatus",
        &[
            ("Active", Status::Active),
            ("ActivationRequired", Status::Invited),
            ("ActivationSent", Status::Invited),
            ("Disabled", Status::Inactive),
            ("Closed", Status::Inactive),
        ],
    ),
    reference(Refs::Roles)
        .id("permissionProfileId")
        .name("permissionProfileName"),
    refs(Refs::Groups, "groupList").id("groupId").name("groupName"),
    text(Text::UserType, "userType"),
    text(Text::Title, "jobTitle"),
    text(Text::Avatar, "profileImageUri"),
    text(Text::Timezone, "userSettings.timezoneOffset"),
    languages("userSettings.locale"),
    time(Time::CreatedAt, "createdDateTime", TimeFormat::Auto),
    time(Time::UpdatedAt, "userProfileLastModifiedDate", TimeFormat::Auto),
    time(Time::LastLoginAt, "lastLogin", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["message"])
        .code(&["errorCode"])
        .quota(&["HOURLY_APIINVOCATION_LIMIT_EXCEEDED"]),
)
.rate_limits(
    RateLimitHeaders::new(
        "x-ratelimit-remaining",
        "x-ratelimit-reset",
        ResetFormat::EpochSeconds,
    )
    .with_window("x-burstlimit-remaining", 30_000),
)
.sources(&[
    "https://github.com/docusign/OpenAPI-Specifications",
    "https://developers.docusign.com/platform/auth/reference/user-info",
    "https://developers.docusign.com/platform/resource-limits",
    "https://www.docusign.com/blog/dsdev-from-the-trenches-working-with-headers-in-docusign-sdks",
    "https://www.docusign.com/blog/dsdev-from-the-trenches-api-rate-limits",
])
.absent(&[(
    "last_active_at",
    "the user record has no activity time besides `lastLogin`",
)]);

/// Connects to DocuSign (`access_token`, `base_uri`, `account_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
