//! # Adobe Marketo Engage
//!
//! The users of one Marketo Engage subscription, through Marketo's User Management REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `adobe_marketo_engage` |
//! | operations | list (partial), get, update |
//! | list | `GET /userservice/management/v1/users/allusers.json?pageOffset=&pageSize=`, paged by offset until a short page |
//! | get | `GET /userservice/management/v1/users/{userid}/user.json` |
//! | update | `POST /userservice/management/v1/users/{userid}/update.json` with only the attributes that change; the user of the response is returned |
//! | base URL | `https://{munchkin_id}.mktorest.com` (no `/rest` prefix for these endpoints) |
//! | auth | `Authorization: Bearer <token>` (these endpoints refuse the token as a query parameter): an `access_token` (env `TRUTO_ADOBE_MARKETO_ENGAGE_ACCESS_TOKEN`), or OAuth 2.0 client credentials `client_id`, `client_secret` exchanged at `https://{munchkin_id}.mktorest.com/identity/oauth/token` (tokens last an hour) |
//! | config keys | `munchkin_id` (the account id in the REST endpoint, e.g. `284-RPR-133`, or the whole host) |
//! | scopes | the custom service's API-only user needs a role with "Access Users" (Access Admin) and "Access User Management Api" (Access API) |
//! | page size | at most 200 (`pageSize`); 200 by default here (Marketo's own default is 20) |
//! | filters | none: the list takes only `pageOffset` and `pageSize` |
//! | update fields | `first_name`, `last_name`, `emails` (the primary, else first, address → `emailAddress`), `remote_data` (merged as is: `expiresAt`, `apiOnly`) |
//! | rate limits | per subscription: 100 calls in 20 seconds (error `606`), 10 at once (`615`), a daily quota (`607`, reset at midnight US Central time); no rate-limit headers |
//!
//! ## Mapping
//!
//! | Marketo | unified |
//! |---|---|
//! | `userid` (the login id, an email address) | `id` and `username` |
//! | `id` (numeric) | `identifiers.id` |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `emailAddress` | `emails[0]` (primary) |
//! | `userRoleWorkspaces[].accessRoleId` / `accessRoleName` | `roles` (get only) |
//! | `userRoleWorkspaces[].workspaceId` / `workspaceName` | `workspaces` (get only) |
//! | `apiOnly` | `user_type`: `service-account` when true, `user` when false |
//! | `lastLoginAt` (`2020-02-05T01:02:23.000t+0000`) | `last_login_at` (get only) |
//!
//! `isLocked`, `lockedReason`, `failedLogins`, `optedIn` and `expiresAt` stay in
//! `remote_data`: a locked user (too many failed logins) is not a deactivated one, so
//! `status` is left unset.
//!
//! ## Partial list
//!
//! Listed users carry only `userid`, `firstName`, `lastName`, `emailAddress`, `id` and
//! `apiOnly`; the get adds roles, workspaces, lock state, expiry and last login. The
//! integration is declared partial: `ListUsers::hydrate(true)` reads each listed user with a
//! get.
//!
//! ## Updates
//!
//! Marketo changes only the attributes the body names (`emailAddress`, `firstName`,
//! `lastName`, `expiresAt`, `apiOnly`), so the body holds only what the update sets; it sets
//! absolute values, so a retry after a `5xx` is safe. Marketo users have no status: there
//! is no deactivation call (only a destructive, irreversible delete), so `status` is refused
//! before sending. The nearest thing, the login expiry, can be set through `remote_data`
//! (`{"expiresAt": "20211231T08:00:00.000t+0000"}`). Roles are added and removed through
//! other endpoints (`roles/create.json`, `roles/delete.json`), one role–workspace pair at a
//! time, so `roles` is refused too. On subscriptions integrated with Adobe IMS, Marketo
//! updates API-only users only; standard users are managed through Adobe's User
//! Management API.
//!
//! ## Errors
//!
//! Unlike Marketo's other REST APIs, these endpoints answer errors with a non-200 status
//! and `{"errors": [{"code", "message"}]}`; the first error's code and message are read.
//! Codes `606` (rate) and `615` (concurrency) are throttling and retried; `607` (daily
//! quota) is reported at once as a quota.
//!
//! ## Quirks
//!
//! - The id is the `userid` (a login in the form of an email address), which the get and
//!   update paths take; the numeric `id` cannot address a user.
//! - A get answers only users who accepted their invitation; pending invitations are read
//!   at `…/users/{userid}/invite.json`.
//! - Marketo writes timestamps with a literal `t` before the offset, with or without the
//!   date's dashes (`20200731T20:49:54.0t+0000`); both forms are read.
//!
//! ## Sources
//!
//! - <https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/user-management>
//!   (`AdobeDocs/marketo-developer.en`, `help/rest-api/user-management.md`: every endpoint
//!   and example)
//! - <https://developer.adobe.com/marketo-apis/api/user/> (the published description,
//!   `help/rest-api/assets/swagger-user.json`: parameters, `ResponseOfAllUsers`,
//!   `ResponseOfUser`, `UpdateUserAttributesRequest`)
//! - <https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/authentication>
//!   and `help/rest-api/assets/swagger-identity.json` (the token endpoint)
//! - <https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/base-url>
//! - <https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/error-codes>
//!
//! ## Not confirmed
//!
//! - That `pageOffset` counts records (the documents say only "where to begin retrieving
//!   entries"), and that the list ends on a short page (no total is sent).
//! - Whether the list includes pending invitations.
//! - That the identity endpoint takes the client credentials as form fields of a `POST`
//!   (its description names them as query parameters; the same servlet parameters).
//! - The HTTP status of a `606`/`615`/`607` from these endpoints.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_ADOBE_MARKETO_ENGAGE_MUNCHKIN_ID=284-RPR-133, …_CLIENT_ID=…, …_CLIENT_SECRET=…
//! let dir = truto_crm::adobe_marketo_engage::connect(&Config::from_env("adobe_marketo_engage"))?;
//! let mut users = dir.list_users(ListUsers::new().hydrate(true));
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.roles);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, Update, offset, query};
use truto_core::provider::{Credential, Method, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// Marketo's timestamps: `2020-02-05T01:02:23.000t+0000`.
const DASHED: TimeFormat = TimeFormat::Custom("%Y-%m-%dT%H:%M:%S%.ft%z");
/// Marketo's other timestamps: `20200731T20:49:54.0t+0000`.
const COMPACT: TimeFormat = TimeFormat::Custom("%Y%m%dT%H:%M:%S%.ft%z");

/// The Adobe Marketo Engage spec.
pub static SPEC: Spec = Spec::new(
    Integration::new(
        "adobe_marketo_engage",
        "Adobe Marketo Engage",
        Family::Crm,
    )
    .credentials(&[
        Credential::bearer("access_token"),
        Credential::client_credentials(
            "client_id",
            "client_secret",
            "https://{munchkin_id}.mktorest.com/identity/oauth/token",
        ),
    ])
    .base_url("https://{munchkin_id}.mktorest.com")
    .config(&[
        ConfigKey::optional_secret(
            "access_token",
            "an access token from the identity endpoint (or set `client_id` and `client_secret`)",
        ),
        ConfigKey::required(
            "munchkin_id",
            "the Munchkin account id of the REST endpoint (Admin › Web Services), e.g. `284-RPR-133`",
        )
        .host_suffix(".mktorest.com"),
        ConfigKey::optional(
            "client_id",
            "a custom service's client id (Admin › LaunchPoint › View Details)",
        ),
        ConfigKey::optional_secret("client_secret", "the custom service's client secret"),
    ])
    .note("a LaunchPoint custom service whose API-only user has \"Access Users\" and \"Access User Management Api\"; updates only API-only users on Adobe IMS subscriptions"),
)
.list(
    List::get("userservice/management/v1/users/allusers.json")
        .paging(offset(query("pageOffset"), query("pageSize"), End::ShortPage))
        .page_size(200, 200)
        .partial(),
)
.get(Get::get("userservice/management/v1/users/{id}/user.json"))
.update(
    // A POST of plain attributes, each set to an absolute value: applying it twice equals
    // applying it once.
    Update::new(
        Method::Post,
        "userservice/management/v1/users/{id}/update.json",
        &[
            UpdateField::new("first_name", Write::Value("firstName")),
            UpdateField::new("last_name", Write::Value("lastName")),
            UpdateField::new("emails", Write::PrimaryEmail("emailAddress")),
            UpdateField::new("remote_data", Write::Merge),
        ],
    )
    .idempotent(),
)
.map(&[
    id("userid"),
    text(Text::Username, "userid"),
    identifier("id", "id"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    email("emailAddress"),
    refs(Refs::Roles, "userRoleWorkspaces")
        .id("accessRoleId")
        .name("accessRoleName"),
    refs(Refs::Workspaces, "userRoleWorkspaces")
        .id("workspaceId")
        .name("workspaceName"),
    user_type_flag("apiOnly", "service-account", Some("user")),
    time(Time::LastLoginAt, "lastLoginAt", DASHED),
    time(Time::LastLoginAt, "lastLoginAt", COMPACT),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].message"])
        .code(&["errors[0].code"])
        .throttled(&["606", "615"])
        .quota(&["607"]),
)
.sources(&[
    "https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/user-management",
    "https://developer.adobe.com/marketo-apis/api/user/",
    "https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/authentication",
    "https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/base-url",
    "https://experienceleague.adobe.com/en/docs/marketo-developer/marketo/rest/error-codes",
])
.absent(&[
    (
        "update:name",
        "Marketo keeps a first and a last name only: set `first_name` and `last_name`",
    ),
    (
        "update:roles",
        "roles are added and removed as role–workspace pairs through roles/create.json and roles/delete.json, not the update",
    ),
]);

/// What the Adobe Marketo Engage integration declares.
pub static INTEGRATION: Integration = SPEC.integration;

/// Connects to Adobe Marketo Engage (`munchkin_id`, and `client_id` + `client_secret` or
/// `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
