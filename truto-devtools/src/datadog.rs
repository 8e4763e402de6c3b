//! # Datadog
//!
//! The users of one Datadog organization, through Datadog's API v2.
//!
//! | | |
//! |---|---|
//! | slug / feature | `datadog` |
//! | operations | list, get, update |
//! | list | `GET /api/v2/users?page[number]=&page[size]=`, paged by page number from 0 until `meta.page.total_filtered_count` users are read |
//! | get | `GET /api/v2/users/{user_id}` (the user under `data`) |
//! | update | `PATCH /api/v2/users/{user_id}` with `{"data": {"type": "users", "id": …, "attributes": {…}}}`; the updated user comes back under `data` |
//! | base URL | `https://api.{site}`; config key `site` (`datadoghq.com`, the default, `us3.datadoghq.com`, `us5.datadoghq.com`, `datadoghq.eu`, `ap1.datadoghq.com`, `ap2.datadoghq.com`, `ddog-gov.com`) |
//! | auth | `DD-API-KEY` and `DD-APPLICATION-KEY`: config keys `api_key` and `application_key` (env `TRUTO_DATADOG_API_KEY`, `TRUTO_DATADOG_APPLICATION_KEY`); or `Authorization: Bearer <token>` with an OAuth 2.0 access token of a Datadog OAuth client, config key `access_token` |
//! | config keys | `site` |
//! | scopes | `user_access_read`; `user_access_manage` to update (the application key's user, or the OAuth token, needs them) |
//! | page size | 100 by default here (Datadog's default is 10); at most 100 |
//! | filters | `status` (`filter[status]`: `active` → `Active`, `invited` → `Pending`, `inactive` → `Disabled`) |
//! | update fields | `name`, `emails` (the primary address, as `email`), `status` (`active` / `inactive`, as `disabled`) |
//! | rate limits | per endpoint: `X-RateLimit-Remaining`, `X-RateLimit-Reset` (seconds until the reset); `429` when exceeded |
//!
//! ## Mapping
//!
//! | Datadog | unified |
//! |---|---|
//! | `id` | `id` |
//! | `attributes.name` | `name` |
//! | `attributes.handle` | `username` |
//! | `attributes.email` | `emails` (one, primary) |
//! | `attributes.status`: `Active` → `active`, `Pending` → `invited`, `Disabled` → `inactive` (else `attributes.disabled: true` → `inactive`) | `status` |
//! | `attributes.verified` | `is_email_verified` |
//! | `attributes.mfa_enabled` | `is_2fa_enabled` |
//! | `relationships.roles.data[].id` | `roles` (ids) |
//! | `relationships.org.data.id` | `organizations` (id) |
//! | `attributes.service_account`: `true` → `service-account`, `false` → `user` | `user_type` |
//! | `attributes.icon` | `avatar` |
//! | `attributes.title` | `title` |
//! | `attributes.created_at` | `created_at` |
//! | `attributes.modified_at` | `updated_at` |
//! | `attributes.last_login_time` | `last_login_at` |
//!
//! Role and organization names are not part of the user: Datadog sends them in the
//! response's top-level `included[]`, outside the record, so roles and organizations carry
//! ids only.
//!
//! ## Updates
//!
//! One `PATCH /api/v2/users/{user_id}` writes what changes: `name`, `email` and
//! `disabled` (`status: inactive` sets `disabled: true`, `status: active` sets it back to
//! `false`; other statuses are refused before sending). The JSON:API body names the user's
//! id and type, as Datadog requires. Every value is absolute, so a retry after a lost
//! answer is safe.
//!
//! ## Quirks
//!
//! - The listing includes every user, deactivated and unverified ones included.
//! - `filter` (free text) is not declared as a filter: Datadog does not say which
//!   attributes it matches. Pass it as a remote query (`filter=…`) when wanted.
//!
//! ## Sources
//!
//! - Datadog's published API description, `DataDog/datadog-api-client-rust`,
//!   `.generator/schemas/v2/openapi.yaml` (list, get, update and disable users, the `User`
//!   schema, the servers, the security schemes, the error body)
//! - <https://docs.datadoghq.com/api/latest/rate-limits/> (rate-limit headers)
//!
//! ## Not confirmed
//!
//! - Which OAuth clients can obtain a token for these endpoints (Datadog's OAuth is for
//!   Datadog apps and partner integrations).
//! - Whether re-enabling a user that was disabled by `DELETE` works with `disabled: false`.
//! - Whether `included[]` is sent with a list response.
//! - Every value `attributes.status` takes besides `Active`, `Pending` and `Disabled`
//!   (others pass through unchanged).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DATADOG_API_KEY=…, TRUTO_DATADOG_APPLICATION_KEY=…, TRUTO_DATADOG_SITE=datadoghq.eu
//! let dir = truto_devtools::datadog::connect(&Config::from_env("datadog"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::{Map, Value};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{
    Answer, End, Errors, Get, List, Spec, Update, page_number, query,
};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::provider::{Credential, FilterRule, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The Datadog spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("datadog", "Datadog", Family::Devtools)
        .credentials(&[
            Credential::headers(&[
                ("DD-API-KEY", "api_key"),
                ("DD-APPLICATION-KEY", "application_key"),
            ]),
            Credential::bearer("access_token"),
        ])
        .base_url("https://api.{site}")
        .config(&[
            ConfigKey::optional_secret("api_key", "an API key of the organization"),
            ConfigKey::optional_secret(
                "application_key",
                "an application key whose user has user_access_read (user_access_manage to update)",
            ),
            ConfigKey::optional_secret(
                "access_token",
                "instead of the keys: an OAuth 2.0 access token with user_access_read (user_access_manage to update)",
            ),
            ConfigKey::optional(
                "site",
                "the Datadog site: `datadoghq.com` (the default), `us3.datadoghq.com`, `us5.datadoghq.com`, `datadoghq.eu`, `ap1.datadoghq.com`, `ap2.datadoghq.com` or `ddog-gov.com`",
            )
            .default("datadoghq.com"),
        ])
        .note("An API key and an application key (or an OAuth access token) with user_access_read; set `site` outside US1."),
)
.list(
    List::get("api/v2/users")
        .records("data")
        .paging(page_number(
            query("page[number]"),
            query("page[size]"),
            0,
            End::Total("meta.page.total_filtered_count"),
        ))
        .filters(&[FilterRule::mapped(
            Filter::Status,
            "filter[status]",
            &[
                ("active", "Active"),
                ("invited", "Pending"),
                ("inactive", "Disabled"),
            ],
        )])
        .page_size(100, 100),
)
.get(Get::get("api/v2/users/{id}").record("data"))
.update(
    Update::patch(
        "api/v2/users/{id}",
        &[
            UpdateField::new("name", Write::Value("name")),
            UpdateField::new("emails", Write::PrimaryEmail("email")),
            UpdateField::new("status", Write::Custom(disabled)),
        ],
    )
    .body(r#"{"data": {"type": "users", "id": "{id}"}}"#)
    .envelope("data.attributes")
    .idempotent()
    .answer(Answer::UserOrReadBack("data")),
)
.map(&[
    id("id"),
    text(Text::Name, "attributes.name"),
    text(Text::Username, "attributes.handle"),
    email("attributes.email"),
    status(
        "attributes.status",
        &[
            ("Active", Status::Active),
            ("Pending", Status::Invited),
            ("Disabled", Status::Inactive),
        ],
    ),
    status_flag("attributes.disabled", Status::Inactive, None),
    flag(Flag::EmailVerified, "attributes.verified"),
    flag(Flag::TwoFactor, "attributes.mfa_enabled"),
    refs(Refs::Roles, "relationships.roles.data").id("id"),
    reference(Refs::Organizations).id("relationships.org.data.id"),
    user_type_flag("attributes.service_account", "service-account", Some("user")),
    text(Text::Avatar, "attributes.icon"),
    text(Text::Title, "attributes.title"),
    time(Time::CreatedAt, "attributes.created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "attributes.modified_at", TimeFormat::Auto),
    time(Time::LastLoginAt, "attributes.last_login_time", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["errors[0]"]))
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::DeltaSeconds,
))
.sources(&[
    "https://github.com/DataDog/datadog-api-client-rust",
    "https://docs.datadoghq.com/api/latest/rate-limits/",
])
.absent(&[
    (
        "bio",
        "the user has no bio attribute (`title` is mapped to title)",
    ),
    (
        "last_active_at",
        "the user carries no activity time besides `last_login_time`",
    ),
    (
        "update:username",
        "`handle` is not among the attributes Datadog's PATCH takes (name, email, disabled)",
    ),
    (
        "update:roles",
        "roles are not attributes of the user: Datadog changes them through the role endpoints",
    ),
    (
        "update:avatar",
        "`icon` is not among the attributes Datadog's PATCH takes (name, email, disabled)",
    ),
    ("update:created_at", "a creation time is not something an update sets"),
]);

/// Connects to Datadog (`api_key` and `application_key`, or `access_token`; optionally
/// `site`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `status` as Datadog's `disabled` flag: `inactive` disables, `active` enables.
fn disabled(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let disabled = match value.as_str() {
        Some("inactive") => true,
        Some("active") => false,
        other => {
            return Err(format!(
                "Datadog users are active or disabled; `{}` cannot be set",
                other.unwrap_or_default()
            ));
        }
    };
    body.insert("disabled".to_owned(), Value::Bool(disabled));
    Ok(())
}
