//! # Confluent Cloud
//!
//! The users of a Confluent Cloud organization, through the Confluent Cloud IAM v2 API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `confluent` |
//! | operations | list, get |
//! | list | `GET /iam/v2/users?page_size=`, paged by the full URL in `metadata.next` (carrying `page_token`) |
//! | get | `GET /iam/v2/users/{id}` |
//! | base URL | `https://api.confluent.cloud` |
//! | auth | `Authorization: Basic base64(api_key:api_secret)` with a Cloud API key (the key's id as user name, its secret as password); config keys `api_key` and `api_secret` (env `TRUTO_CONFLUENT_API_KEY`, `TRUTO_CONFLUENT_API_SECRET`) |
//! | config keys | none besides the credentials: the organization is the key's |
//! | scopes | a Cloud resource management API key (not a Kafka cluster key) whose owner may read the organization's users |
//! | page size | `page_size`: default 10, at most 100 |
//! | filters | none |
//! | rate limits | `X-RateLimit-Remaining`, `X-RateLimit-Reset` (seconds until the window resets, not an epoch); `429` with `Retry-After` |
//!
//! ## Mapping
//!
//! | Confluent (`iam.v2.User`) | unified |
//! |---|---|
//! | `id` (`u-…`) | `id` |
//! | `full_name` | `name` |
//! | `email` | `emails` (one, primary) |
//! | `metadata.created_at` | `created_at` |
//! | `metadata.updated_at` | `updated_at` |
//!
//! `auth_type` (`AUTH_TYPE_LOCAL`, `AUTH_TYPE_SSO`), `metadata.self`,
//! `metadata.resource_name` and `metadata.deleted_at` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - The reference marks the list *partial*; Confluent's description gives list items and
//!   the get the same schema (`iam.v2.User`), so the list is not declared partial here.
//! - Roles are role bindings of a separate API and are not read.
//!
//! ## Sources
//!
//! - Confluent Cloud IAM v2 API description, `iam/v2/api/openapi.yaml` of the official
//!   <https://github.com/confluentinc/ccloud-sdk-go-v2>: `listIamV2Users` (`page_size`,
//!   `page_token`), `getIamV2User`, `iam.v2.User`, `iam.v2.UserList`, `ListMeta`,
//!   `ObjectMeta`, `Failure`, the `cloud-api-key` Basic scheme, the rate-limit headers
//! - <https://docs.confluent.io/cloud/current/api.html> (the rendered reference)
//!
//! ## Not confirmed
//!
//! - Which role the API key's owner needs (OrganizationAdmin, presumably).
//! - Whether users being deleted (`metadata.deleted_at` set) are listed.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_CONFLUENT_API_KEY=… TRUTO_CONFLUENT_API_SECRET=…
//! let dir = truto_devtools::confluent::connect(&Config::from_env("confluent"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.name, user.primary_email());
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::Credential;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Spec, next_url, query};
use truto_core::provider::http::{RateLimitHeaders, ResetFormat};
use truto_core::{Config, ConfigKey, Family, Integration, Result, UserDirectory};

/// The Confluent Cloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("confluent", "Confluent", Family::Devtools)
        .credentials(&[Credential::basic("{api_key}", "api_secret")])
        .base_url("https://api.confluent.cloud")
        .config(&[
            ConfigKey::required("api_key", "a Cloud API key's id (not a Kafka cluster key)"),
            ConfigKey::secret("api_secret", "that Cloud API key's secret"),
        ])
        .note("Needs a Cloud resource management API key (id and secret) whose owner can read the organization's users."),
)
.list(
    List::get("iam/v2/users")
        .records("data")
        .paging(next_url(query("page_size"), "metadata.next"))
        .page_size(10, 100),
)
.get(Get::get("iam/v2/users/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "full_name"),
    email("email"),
    time(Time::CreatedAt, "metadata.created_at", TimeFormat::Auto),
    time(Time::UpdatedAt, "metadata.updated_at", TimeFormat::Auto),
])
.errors(
    Errors::GENERIC
        .message(&["errors[0].detail", "errors[0].title"])
        .code(&["errors[0].code"]),
)
.rate_limits(RateLimitHeaders::new(
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    ResetFormat::DeltaSeconds,
))
.sources(&[
    "https://github.com/confluentinc/ccloud-sdk-go-v2/blob/master/iam/v2/api/openapi.yaml",
    "https://docs.confluent.io/cloud/current/api.html",
])
.absent(&[(
    "licenses",
    "Confluent's user record (`iam.v2.User`) has no license, seat or product field",
)]);

/// Connects to Confluent Cloud (`api_key`, `api_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
