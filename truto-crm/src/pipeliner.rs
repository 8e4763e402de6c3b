//! # Pipeliner CRM
//!
//! The users of one Pipeliner CRM team space, through Pipeliner's REST API (v100), where
//! users are the `Clients` entity.
//!
//! | | |
//! |---|---|
//! | slug / feature | `pipeliner` |
//! | operations | list, get, update |
//! | list | `GET /api/v100/rest/spaces/{space_id}/entities/Clients?first=&after=`, paged by the cursor in `page_info.end_cursor` while `page_info.has_next_page` |
//! | get | `GET …/entities/Clients/{id}` (the user in `data`) |
//! | update | `PATCH …/entities/Clients/{id}` with the fields that change; the user in the response's `data` is returned |
//! | base URL | `{service_url}/api/v100/rest/spaces/{space_id}`: the space's *Service URL* (e.g. `https://eu-central.api.pipelinersales.com`) and *Space ID*, both shown with the API keys |
//! | auth | `Authorization: Basic base64(api_token:api_password)`: the space's API keys (Administration › Unit, Users & Roles › Applications › *Show API Access*); config keys `api_token`, `api_password` (env `TRUTO_PIPELINER_API_TOKEN`, `TRUTO_PIPELINER_API_PASSWORD`) |
//! | config keys | `service_url`, `space_id` |
//! | page size | `first`: 30 by default, at most 100; 100 is sent |
//! | filters | none |
//! | update fields | `title` (`position`), `roles` (exactly one, by id → `master_right_id`, the user's role), `groups` (exactly one, by id → `default_unit_id`, the default sales unit), `remote_data` (merged into the body as is) |
//! | rate limits | none documented |
//!
//! ## Mapping
//!
//! | Pipeliner (`Clients`) | unified |
//! |---|---|
//! | `id` (a UUID) | `id` |
//! | `first_name`, `last_name`, `name` | `first_name`, `last_name`, `name` |
//! | `email` | `emails[0]` (primary) |
//! | `phone` | `phones[0]` |
//! | `position` | `title` |
//! | `is_deleted` | `status`: `true` → `deleted`, else `active` |
//! | `master_right_id` (the role) | `roles[0].id` |
//! | `default_unit_id` (the default sales unit) | `groups[0].id` |
//! | `picture_url` | `avatar` |
//! | `timezone` | `timezone` |
//! | `created`, `modified`, `last_active` | `created_at`, `updated_at`, `last_active_at` |
//!
//! `middle_name`, `formatted_name`, `user_profile_id`, `unit_membership`, the favourites and
//! `revision` stay in `remote_data`.
//!
//! ## Updates
//!
//! A `PATCH` changes only the fields its body names, and sets absolute values, so an update
//! is safe to retry. The writable Client fields in Pipeliner's description are the
//! position, the role (`master_right_id`), the default sales unit, the sales-unit
//! memberships and the favourites: a user's name, email, phone and picture are not among
//! them, and a Client has no active flag (only `is_deleted`), so **status cannot be
//! changed** through the API: users are deactivated in Pipeliner's administration.
//!
//! ## Quirks
//!
//! - Pipeliner calls its users *Clients*; a Client's id is what other entities hold as
//!   `owner_id`.
//! - Deleted Clients are left out unless `include-deleted=true` is sent (as a remote
//!   query); they then carry `is_deleted: true`.
//! - Dates are written `2019-02-01 13:17:03.495636+00:00`.
//!
//! ## Sources
//!
//! - <https://developers.pipelinersales.com/api-docs/overview/authentication> (Basic
//!   authentication with the space's API keys, the Space ID and Service URL)
//! - <https://developers.pipelinersales.com/api-docs/core-api-concepts/pagination> (`first`,
//!   `after`, `page_info`, 30 by default and at most 100)
//! - <https://developers.pipelinersales.com/api-docs/core-api-concepts/understanding-the-crm-concept>
//!   (users are Clients, roles are `master_right`, the date format)
//! - <https://developers.pipelinersales.com/api-docs/tutorials-and-articles> (`GET
//!   /entities/Clients`, `include-deleted`)
//! - <https://api-docs.integration.app/apps/pipeliner/operations/Clients.update__draft> (a
//!   rendering of Pipeliner's OpenAPI description: the Clients update input)
//! - <https://github.com/amp-labs/connectors> (`providers/pipeliner/internal/metadata/schemas.json`,
//!   generated from Pipeliner's OpenAPI description: the Client's fields; `PATCH` for
//!   entity updates)
//!
//! ## Not confirmed
//!
//! - The get and update paths for Clients (`entities/Clients/{id}`, the generic entity
//!   pattern) and the update's method (`PATCH`).
//! - Whether `timezone` holds an IANA name (`timezone_name` is another field).
//! - The error body (read from `message`, the code from `name`).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_PIPELINER_API_TOKEN=…, TRUTO_PIPELINER_API_PASSWORD=…,
//! // TRUTO_PIPELINER_SERVICE_URL=https://eu-central.api.pipelinersales.com, TRUTO_PIPELINER_SPACE_ID=…
//! let dir = truto_crm::pipeliner::connect(&Config::from_env("pipeliner"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.title);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{
    Answer, Errors, Get, List, Spec, Update, cursor_while, query,
};
use truto_core::provider::{Credential, Status, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Pipeliner spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("pipeliner", "Pipeliner CRM", Family::Crm)
        .credentials(&[Credential::basic("{api_token}", "api_password")])
        .base_url("{service_url}/api/v100/rest/spaces/{space_id}")
        .config(&[
            ConfigKey::secret("api_token", "the space's API token (Show API Access)"),
            ConfigKey::secret("api_password", "the space's API password"),
            ConfigKey::required(
                "service_url",
                "the space's Service URL (e.g. https://eu-central.api.pipelinersales.com)",
            )
            .origin(),
            ConfigKey::required("space_id", "the space's id"),
        ])
        .note("the space's API token and password, Service URL and Space ID; users are Clients, and their status cannot be changed by API"),
)
.list(
    List::get("entities/Clients")
        .records("data")
        .paging(cursor_while(
            query("after"),
            query("first"),
            "page_info.end_cursor",
            "page_info.has_next_page",
        ))
        .page_size(100, 100),
)
.get(Get::get("entities/Clients/{id}").record("data"))
.update(
    Update::patch(
        "entities/Clients/{id}",
        &[
            UpdateField::new("title", Write::Value("position")),
            UpdateField::new("roles", Write::OneId("master_right_id")),
            UpdateField::new("groups", Write::OneId("default_unit_id")),
            UpdateField::new("remote_data", Write::Merge),
        ],
    )
    .answer(Answer::UserOrReadBack("data"))
    // A PATCH of plain fields: writing it twice equals once.
    .idempotent(),
)
.map(&[
    id("id"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    text(Text::Name, "name"),
    name_from_parts(),
    email("email"),
    phone("phone"),
    text(Text::Title, "position"),
    status_flag("is_deleted", Status::Deleted, Some(Status::Active)),
    reference(Refs::Roles).id("master_right_id"),
    reference(Refs::Groups).id("default_unit_id"),
    text(Text::Avatar, "picture_url"),
    text(Text::Timezone, "timezone"),
    time(Time::CreatedAt, "created", TimeFormat::Auto),
    time(Time::UpdatedAt, "modified", TimeFormat::Auto),
    time(Time::LastActiveAt, "last_active", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["message"]).code(&["name"]))
.sources(&[
    "https://developers.pipelinersales.com/api-docs/overview/authentication",
    "https://developers.pipelinersales.com/api-docs/core-api-concepts/pagination",
    "https://developers.pipelinersales.com/api-docs/core-api-concepts/understanding-the-crm-concept",
    "https://developers.pipelinersales.com/api-docs/tutorials-and-articles",
    "https://api-docs.integration.app/apps/pipeliner/operations/Clients.update__draft",
    "https://github.com/amp-labs/connectors",
])
.absent(&[
    (
        "update:status",
        "a Client has no active flag (only `is_deleted`): users are deactivated in Pipeliner's administration, not through the API",
    ),
    (
        "update:first_name",
        "not among the writable Client fields of Pipeliner's description (position, role, default unit, sales units, favourites)",
    ),
    (
        "update:last_name",
        "not among the writable Client fields of Pipeliner's description",
    ),
    (
        "update:name",
        "not among the writable Client fields of Pipeliner's description",
    ),
    (
        "update:emails",
        "not among the writable Client fields of Pipeliner's description",
    ),
    (
        "update:phones",
        "not among the writable Client fields of Pipeliner's description",
    ),
    (
        "update:avatar",
        "not among the writable Client fields of Pipeliner's description",
    ),
    (
        "update:timezone",
        "not among the writable Client fields of Pipeliner's description",
    ),
    ("update:created_at", "a creation time is not something an update sets"),
]);

/// Connects to Pipeliner (`api_token`, `api_password`, `service_url`, `space_id`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
