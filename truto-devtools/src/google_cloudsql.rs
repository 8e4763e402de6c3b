//! # Google Cloud SQL
//!
//! The database users of one Cloud SQL instance, through the Cloud SQL Admin API (v1).
//!
//! | | |
//! |---|---|
//! | slug / feature | `google_cloudsql` |
//! | operations | list |
//! | list | `GET /v1/projects/{project}/instances/{instance}/users`: every user in one response (`items`) |
//! | base URL | `https://sqladmin.googleapis.com` |
//! | auth | `Authorization: Bearer <access_token>`; config key `access_token` (env `TRUTO_GOOGLE_CLOUDSQL_ACCESS_TOKEN`): an OAuth 2.0 access token, e.g. a service account's or `gcloud auth print-access-token` |
//! | config keys | `project` (the project id), `instance` (the instance id, without the project) |
//! | scopes | `https://www.googleapis.com/auth/sqlservice.admin` or `https://www.googleapis.com/auth/cloud-platform` |
//! | page size | none: the list takes no paging parameters (`nextPageToken` is documented as unused) |
//! | filters | none |
//! | rate limits | per-project quotas; `429` when exceeded, retried with backoff |
//!
//! ## Mapping
//!
//! | Cloud SQL | unified |
//! |---|---|
//! | `name` (the database user's name) | `id`, `username` |
//! | `name`, when `type` is `CLOUD_IAM_USER` or `CLOUD_IAM_SERVICE_ACCOUNT` and it is an address | `emails` (one, primary) |
//! | `type`: `CLOUD_IAM_USER` → `user`, `CLOUD_IAM_SERVICE_ACCOUNT` → `service-account`; others (`BUILT_IN`, group types) unchanged | `user_type` |
//! | `sqlserverUserDetails.disabled` (SQL Server only) | `status`: `inactive` when true, `active` when false |
//! | `sqlserverUserDetails.serverRoles[]` (SQL Server only) | `roles` |
//!
//! ## Quirks
//!
//! - These are database users of one instance, not people: built-in database accounts are
//!   listed next to the IAM users and service accounts that may sign in to it.
//! - A MySQL user is one name *and* one `host`; two users with the same name and different
//!   hosts share an id here (the host stays in `remote_data`).
//! - Only SQL Server instances say whether a user is disabled; elsewhere `status` is unset.
//! - Google's service-account grant in this library acts *as a user* (domain-wide
//!   delegation, with a `subject`), which Cloud SQL does not use: bring an access token.
//! - Errors are Google's `{"error": {"code", "message", "status"}}`.
//!
//! ## Sources
//!
//! - <https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/users/list> (the endpoint, `items`, the unused `nextPageToken`, the scopes)
//! - <https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/users> (the `User` resource: `name`, `host`, `instance`, `project`, `type`, `sqlserverUserDetails`)
//!
//! ## Not confirmed
//!
//! - The whole `type` value set (newer group types may exist) and the values of `iamStatus`.
//! - The IAM permission needed (`cloudsql.users.list` is assumed).
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_GOOGLE_CLOUDSQL_ACCESS_TOKEN=… TRUTO_GOOGLE_CLOUDSQL_PROJECT=my-project TRUTO_GOOGLE_CLOUDSQL_INSTANCE=db-1
//! let dir = truto_devtools::google_cloudsql::connect(&Config::from_env("google_cloudsql"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?}", user.id, user.user_type);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, List, Spec};
use truto_core::provider::{Credential, Status};
use truto_core::{Config, ConfigKey, Email, Family, Integration, Result, User, UserDirectory};

/// The Google Cloud SQL spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("google_cloudsql", "Google CloudSQL", Family::Devtools)
        .credentials(&[Credential::bearer("access_token")])
        .base_url("https://sqladmin.googleapis.com")
        .config(&[
            ConfigKey::secret(
                "access_token",
                "an OAuth 2.0 access token with sqlservice.admin or cloud-platform",
            ),
            ConfigKey::required("project", "the project id"),
            ConfigKey::required("instance", "the instance id (without the project)"),
        ])
        .note("an OAuth access token, the project and the instance; lists the instance's database users"),
)
.list(List::get("v1/projects/{project}/instances/{instance}/users").records("items"))
.map(&[
    id("name"),
    text(Text::Username, "name"),
    text(Text::UserType, "type").table(&[
        ("CLOUD_IAM_USER", "user"),
        ("CLOUD_IAM_SERVICE_ACCOUNT", "service-account"),
    ]),
    status_flag(
        "sqlserverUserDetails.disabled",
        Status::Inactive,
        Some(Status::Active),
    ),
    refs(Refs::Roles, "sqlserverUserDetails.serverRoles").id(""),
])
.post_map(iam_email, &["emails"])
.errors(
    Errors::GENERIC
        .message(&["error.message"])
        .code(&["error.status"]),
)
.sources(&[
    "https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/users/list",
    "https://cloud.google.com/sql/docs/mysql/admin-api/rest/v1/users",
]);

/// Connects to Cloud SQL (`access_token`, `project`, `instance`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// An IAM user's or service account's database name is its email address: it becomes the
/// user's email (a built-in user's name is not an address).
fn iam_email(user: &mut User, record: &str) -> Result<()> {
    let Ok(record) = serde_json::from_str::<Value>(record) else {
        return Ok(());
    };
    let iam = matches!(
        record.get("type").and_then(Value::as_str),
        Some("CLOUD_IAM_USER" | "CLOUD_IAM_SERVICE_ACCOUNT")
    );
    if let Some(name) = record.get("name").and_then(Value::as_str)
        && iam
        && name.contains('@')
        && user.emails.is_empty()
    {
        user.emails.push(Email::new(name).primary(true));
    }
    Ok(())
}
