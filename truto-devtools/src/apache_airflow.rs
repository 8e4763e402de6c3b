//! # Apache Airflow
//!
//! The users of an Apache Airflow 2.x deployment (the Flask AppBuilder security manager),
//! through Airflow's stable REST API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `apache_airflow` |
//! | operations | list |
//! | list | `GET /api/v1/users?limit=&offset=`, paged by offset; `total_entries` is the total |
//! | base URL | `{host}/api/v1`: `host` is the webserver's origin, e.g. `https://airflow.example.com` |
//! | auth | `Authorization: Basic base64(username:password)` (the `basic_auth` API backend); config keys `username` and `password` (env `TRUTO_APACHE_AIRFLOW_USERNAME`, `TRUTO_APACHE_AIRFLOW_PASSWORD`) |
//! | config keys | `host` (required; env `TRUTO_APACHE_AIRFLOW_HOST`) |
//! | scopes | the calling user's role must be allowed to read users |
//! | page size | `limit`: default 100; the server caps it at its `[api] maximum_page_limit` |
//! | filters | none (`order_by` sorts only) |
//! | rate limits | none documented (self-hosted) |
//!
//! ## Mapping
//!
//! | Airflow | unified |
//! |---|---|
//! | `username` (users are addressed by it) | `id`, `username` |
//! | `first_name`, `last_name` (may be empty since 2.4.0) | `first_name`, `last_name`, and `name` joined from them |
//! | `email` | `emails` (one, primary) |
//! | `active` | `status`: `active` / `inactive` |
//! | `roles[].name` | `roles` (the role name as id and name) |
//! | `created_on` | `created_at` |
//! | `changed_on` | `updated_at` |
//! | `last_login` | `last_login_at` |
//!
//! `login_count` and `failed_login_count` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - The user's id is its username: the API has no other identifier.
//! - The REST API answers only when the deployment enables an API auth backend
//!   (`[api] auth_backends`); the default denies every request. Basic auth needs
//!   `airflow.api.auth.backend.basic_auth`.
//! - Airflow 3 moved user management to the FAB provider's own API (and JWT tokens); this
//!   integration speaks the Airflow 2 stable API.
//!
//! ## Sources
//!
//! - Airflow's stable REST API description (`airflow/api/openapi.yaml` of the official
//!   `apache/airflow-client-go`, spec 2.5.0): `GET /users`, `UserCollection`,
//!   `UserCollectionItem`, `CollectionInfo`, `Error`, the `Basic` security scheme
//! - <https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html>
//!
//! ## Not confirmed
//!
//! - The default of `[api] maximum_page_limit` (100 is asked for at most).
//! - The text form of `created_on`, `changed_on` and `last_login` (`format: datetime`
//!   only); a timestamp without offset is read as UTC.
//! - Airflow 3 (`/auth/fab/v1/users`, JWT bearer tokens): not read, not supported.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_APACHE_AIRFLOW_HOST=https://airflow.example.com
//! // TRUTO_APACHE_AIRFLOW_USERNAME=admin TRUTO_APACHE_AIRFLOW_PASSWORD=…
//! let dir = truto_devtools::apache_airflow::connect(&Config::from_env("apache_airflow"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, offset, query};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Apache Airflow spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("apache_airflow", "Apache Airflow", Family::Devtools)
        .credentials(&[Credential::basic("{username}", "password")])
        .base_url("{host}/api/v1")
        .config(&[
            ConfigKey::required(
                "host",
                "the Airflow webserver's origin, e.g. https://airflow.example.com",
            )
            .origin(),
            ConfigKey::required("username", "an Airflow user allowed to read users"),
            ConfigKey::secret("password", "that user's password"),
        ])
        .note("Airflow 2.x stable REST API with the basic_auth API backend enabled; the user must be allowed to read users."),
)
.list(
    List::get("users")
        .records("users")
        .paging(offset(
            query("offset"),
            query("limit"),
            End::Total("total_entries"),
        ))
        .page_size(100, 100),
)
.map(&[
    id("username"),
    text(Text::Username, "username"),
    text(Text::FirstName, "first_name"),
    text(Text::LastName, "last_name"),
    name_from_parts(),
    email("email"),
    active_flag("active"),
    refs(Refs::Roles, "roles").id("name").name("name"),
    time(Time::CreatedAt, "created_on", TimeFormat::Auto),
    time(Time::UpdatedAt, "changed_on", TimeFormat::Auto),
    time(Time::LastLoginAt, "last_login", TimeFormat::Auto),
])
.errors(Errors::GENERIC.message(&["detail", "title"]).code(&["type"]))
.sources(&[
    "https://github.com/apache/airflow-client-go/blob/main/airflow/api/openapi.yaml",
    "https://airflow.apache.org/docs/apache-airflow/stable/stable-rest-api-ref.html",
]);

/// Connects to Apache Airflow (`host`, `username`, `password`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
