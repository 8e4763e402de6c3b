//! # JumpCloud
//!
//! The users ("system users") of one JumpCloud organization, through JumpCloud's API v1.
//!
//! | | |
//! |---|---|
//! | slug / feature | `jumpcloud` |
//! | operations | list (partial), get |
//! | list | `GET /api/systemusers?limit=&skip=`, paged by offset up to `totalCount` |
//! | get | `GET /api/systemusers/{id}` |
//! | base URL | `https://console.jumpcloud.com/api` |
//! | auth | `x-api-key: <key>`; config key `api_key` (env `TRUTO_JUMPCLOUD_API_KEY`) |
//! | page size | `limit`: 100 (JumpCloud's default is 10; "Limited to 100") |
//! | filters | `email` (`filter=email:$eq:…`), `username` (`filter=username:$eq:…`), `status` (`filter=state:$eq:ACTIVATED`, `SUSPENDED` or `STAGED`); several are combined (JumpCloud takes every `filter`) |
//! | rate limits | none documented in the API description |
//!
//! The key is an administrator's, from the Admin Console (the user menu › *API Settings*);
//! it reads what that administrator can. `Accept: application/json` and
//! `Content-Type: application/json` go with every request, as the API description
//! declares.
//!
//! ## Mapping
//!
//! | JumpCloud | unified |
//! |---|---|
//! | `_id` | `id` |
//! | `firstname`, `lastname` | `first_name`, `last_name` |
//! | `displayname`, else first and last names joined | `name` |
//! | `username` | `username` |
//! | `email` (primary), `alternateEmail` | `emails` |
//! | `jobTitle` | `title` |
//! | `phoneNumbers[]` `{number, type}` | `phones` |
//! | `state`: `ACTIVATED` → `active`, `SUSPENDED` → `inactive`, `STAGED` → `invited` | `status` |
//! | `mfa.configured`, else `totp_enabled` | `is_2fa_enabled` |
//! | `admin.roleName`, `admin.roleNames[]` | `roles` (by name) |
//! | `organization` (the organization's id) | `organizations` |
//! | `created` | `created_at` |
//! | `employeeIdentifier` | `identifiers.employee_identifier` |
//!
//! ## Quirks
//!
//! - **The list is partial**, as the reference marks it: JumpCloud returns "the default
//!   list of fields" unless `fields` is given; `hydrate(true)` fetches each listed user
//!   (or pass `remote_query` `fields=…`).
//! - A `STAGED` user has been created but not activated (no password set, not yet sent an
//!   activation): `invited`.
//! - Multi-tenant (MTP) administrators must send `x-org-id` with every request; this
//!   integration cannot send it (a header filled from an optional config key is not
//!   expressible yet), so it serves single-tenant keys.
//! - No user carries a licence: JumpCloud has no licence field on users.
//!
//! ## Sources
//!
//! - JumpCloud's API v1 description, `SwaggerSpecs/JumpCloud.SDK.V1.json` in
//!   <https://github.com/TheJumpCloud/jcapi-powershell> (commit `82c20c19`): host and base
//!   path, the `x-api-key` scheme, `/systemusers` and `/systemusers/{id}` with `limit`
//!   ("Limited to 100", default 10), `skip`, `filter` (repeatable), `fields`,
//!   `systemuserslist` (`results`, `totalCount`), `systemuserreturn`, `Error`
//! - the same repository's `JumpCloud.SDK.V1.md` (the `field:$eq:value` filter syntax)
//! - <https://docs.jumpcloud.com/api/1.0/index.html> (the rendered reference)
//!
//! ## Not confirmed
//!
//! - Which fields the list leaves out.
//! - What `admin.roleName` / `roleNames` mean on a system user (the administrator role of
//!   the same person, presumably).
//! - The format of `created` (read as RFC 3339).
//! - Rate limits, and the EU host.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_JUMPCLOUD_API_KEY=…
//! let dir = truto_idp::jumpcloud::connect(&Config::from_env("jumpcloud"))?;
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
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The JumpCloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("jumpcloud", "JumpCloud", Family::Idp)
        .credentials(&[Credential::header("x-api-key", "api_key")])
        .base_url("https://console.jumpcloud.com/api")
        .config(&[ConfigKey::secret(
            "api_key",
            "an administrator's API key (Admin Console › API Settings)",
        )])
        .note("an administrator's API key (single-tenant: multi-tenant x-org-id is not sent); the list is partial"),
)
.headers(&[
    ("Accept", "application/json"),
    ("Content-Type", "application/json"),
])
.list(
    List::get("systemusers")
        .records("results")
        .paging(offset(query("skip"), query("limit"), End::Total("totalCount")))
        .filters(&[
            FilterRule::template(Filter::Email, "filter", "email:$eq:{}"),
            FilterRule::template(Filter::Username, "filter", "username:$eq:{}"),
            FilterRule::mapped(
                Filter::Status,
                "filter",
                &[
                    ("active", "state:$eq:ACTIVATED"),
                    ("inactive", "state:$eq:SUSPENDED"),
                    ("invited", "state:$eq:STAGED"),
                ],
            ),
        ])
        .page_size(100, 100)
        .partial(),
)
.get(Get::get("systemusers/{id}"))
.map(&[
    id("_id"),
    text(Text::FirstName, "firstname"),
    text(Text::LastName, "lastname"),
    text(Text::Name, "displayname"),
    name_from_parts(),
    text(Text::Username, "username"),
    email("email"),
    email("alternateEmail").secondary(),
    text(Text::Title, "jobTitle"),
    phones("phoneNumbers", "number").kind("type"),
    status(
        "state",
        &[
            ("ACTIVATED", Status::Active),
            ("SUSPENDED", Status::Inactive),
            ("STAGED", Status::Invited),
        ],
    ),
    flag(Flag::TwoFactor, "mfa.configured"),
    flag(Flag::TwoFactor, "totp_enabled"),
    reference(Refs::Roles).name("admin.roleName"),
    refs(Refs::Roles, "admin.roleNames").name(""),
    reference(Refs::Organizations).id("organization"),
    time(Time::CreatedAt, "created", TimeFormat::Auto),
    identifier("employee_identifier", "employeeIdentifier"),
])
.errors(Errors::GENERIC.message(&["message"]))
.sources(&[
    "https://github.com/TheJumpCloud/jcapi-powershell",
    "https://docs.jumpcloud.com/api/1.0/index.html",
])
.absent(&[(
    "licenses",
    "JumpCloud's system user (`systemuserreturn`) has no licence field",
)]);

/// Connects to JumpCloud (`api_key`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
