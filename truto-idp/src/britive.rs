//! # Britive
//!
//! The users of one Britive tenant, through the tenant's REST API (the API Britive's own
//! SDKs and Terraform provider call).
//!
//! | | |
//! |---|---|
//! | slug / feature | `britive` |
//! | operations | list, get |
//! | list | `GET /api/users?type=User&page=&size=`, paged by a zero-based page number up to `count` |
//! | get | `GET /api/users/{userId}` |
//! | base URL | `https://{tenant}.britive-app.com/api` |
//! | auth | `Authorization: TOKEN <api_token>`; config key `api_token` (env `TRUTO_BRITIVE_API_TOKEN`) |
//! | config keys | `tenant` (`acme` for `acme.britive-app.com`; the full host name is accepted too) |
//! | page size | `size`: 100 (what Britive's SDK asks for; no maximum is documented) |
//! | filters | `status` (`filter=status eq "active"` or `"inactive"`) |
//! | rate limits | none documented; `429` is retried |
//!
//! An API token is created by a tenant administrator in the Britive console; what it can
//! read follows the role it was created with.
//!
//! ## Mapping
//!
//! | Britive | unified |
//! |---|---|
//! | `userId` | `id` |
//! | `externalId` | `external_id` |
//! | `firstName`, `lastName`, `name` | `first_name`, `last_name`, `name` |
//! | `username` | `username` |
//! | `email` | `emails` (primary) |
//! | `mobile` | `phones` (`mobile`) |
//! | `status`: `active` / `inactive` | `status` |
//! | `adminRoles[]` `{name, displayName}` | `roles` `{id, name}` |
//! | `identityProvider.name` (`Britive` for the tenant's own users) | `identifiers.identity_provider` |
//!
//! ## Quirks
//!
//! - `type=User` is always sent, as Britive's SDK does: the same endpoint also lists
//!   service identities.
//! - `adminRoles` are the administrative roles of the Britive tenant itself (`TenantAdmin`,
//!   …), not the access profiles a user can check out.
//!
//! ## Sources
//!
//! - Britive's official Python SDK, <https://github.com/britive/python-sdk> (commit
//!   `7e821a73`): `src/britive/identity_management/users.py` (list parameters `type=User`,
//!   `page=0`, `size=100`, `filter` on `name`, `status` or `role` with `eq` and `co`; get
//!   `users/{user_id}`; statuses `active`, `inactive`), `src/britive/britive.py` (base
//!   `https://{tenant}.britive-app.com/api`, `Authorization: TOKEN …` for API tokens,
//!   retries on 429 and 5xx, paging while `size * (page + 1) < count`)
//! - Britive's official Terraform provider, <https://github.com/britive/terraform-provider-britive>
//!   (commit `79a8937b`): `britive-client-go/models.go` (the `User` JSON fields; the error
//!   body `{status, message, errorCode, details}`)
//! - <https://docs.britive.com/> (the API reference)
//!
//! ## Not confirmed
//!
//! - The largest `size` accepted.
//! - Whether a user record carries creation and update times (Britive's clients read
//!   none).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_BRITIVE_TENANT=acme TRUTO_BRITIVE_API_TOKEN=…
//! let dir = truto_idp::britive::connect(&Config::from_env("britive"))?;
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
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Britive spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("britive", "Britive", Family::Idp)
        .credentials(&[Credential::custom("TOKEN", "api_token")])
        .base_url("https://{tenant}.britive-app.com/api")
        .config(&[
            ConfigKey::required(
                "tenant",
                "the tenant's name, e.g. `acme` for acme.britive-app.com",
            )
            .host_suffix(".britive-app.com"),
            ConfigKey::secret("api_token", "a Britive API token"),
        ])
        .note("a tenant API token; lists the tenant's users (service identities excluded)"),
)
.list(
    List::get("users")
        .query(&[("type", "User")])
        .records("data")
        .paging(page_number(query("page"), query("size"), 0, End::Total("count")))
        .filters(&[FilterRule::mapped(
            Filter::Status,
            "filter",
            &[
                ("active", "status eq \"active\""),
                ("inactive", "status eq \"inactive\""),
            ],
        )])
        .page_size(100, 100),
)
.get(Get::get("users/{id}"))
.map(&[
    id("userId"),
    text(Text::ExternalId, "externalId"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    text(Text::Name, "name"),
    name_from_parts(),
    text(Text::Username, "username"),
    email("email"),
    phone("mobile").kind("mobile"),
    status(
        "status",
        &[("active", Status::Active), ("inactive", Status::Inactive)],
    ),
    refs(Refs::Roles, "adminRoles").id("name").name("displayName"),
    identifier("identity_provider", "identityProvider.name"),
])
.errors(Errors::GENERIC.message(&["message"]).code(&["errorCode"]))
.sources(&[
    "https://github.com/britive/python-sdk",
    "https://github.com/britive/terraform-provider-britive",
    "https://docs.britive.com/",
])
.absent(&[
    (
        "created_at",
        "the user record of Britive's official clients (`User` in britive-client-go) has no timestamps",
    ),
    (
        "updated_at",
        "the user record of Britive's official clients (`User` in britive-client-go) has no timestamps",
    ),
]);

/// Connects to Britive (`tenant`, `api_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
