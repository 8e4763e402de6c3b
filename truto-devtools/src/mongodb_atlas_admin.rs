//! # MongoDB Atlas (Administration API)
//!
//! The users of one MongoDB Atlas organization, through the Atlas Administration API (v2).
//!
//! | | |
//! |---|---|
//! | slug / feature | `mongodb_atlas_admin` |
//! | operations | list |
//! | list | `GET /api/atlas/v2/orgs/{org_id}/users?pageNum=&itemsPerPage=`, paged by page number (first page 1) until `totalCount` |
//! | base URL | `https://cloud.mongodb.com` |
//! | auth | a service account: OAuth 2.0 client credentials at `https://cloud.mongodb.com/api/oauth/token`, config keys `client_id`, `client_secret` (env `TRUTO_MONGODB_ATLAS_ADMIN_CLIENT_ID`, `TRUTO_MONGODB_ATLAS_ADMIN_CLIENT_SECRET`); **or** a service account's access token, `Authorization: Bearer <access_token>`, config key `access_token` |
//! | config keys | `org_id` (the organization's 24-hexadecimal id) |
//! | scopes | the service account needs the Organization Member role |
//! | page size | `itemsPerPage`, 100 by default |
//! | filters | `email` (`username=`), `status` (`orgMembershipStatuses`: `active` → `ACTIVE`, `invited` → `PENDING`) |
//! | rate limits | token buckets per endpoint set and scope; `429` when exceeded, retried with backoff |
//!
//! ## Mapping
//!
//! | Atlas | unified |
//! |---|---|
//! | `id` | `id` |
//! | `username` (the user's email address) | `username`, `emails` (one, primary) |
//! | `firstName`, `lastName` | `first_name`, `last_name`, and `name` (the two joined) |
//! | `mobileNumber` | `phones` (`mobile`) |
//! | `orgMembershipStatus`: `ACTIVE` → `active`, `PENDING` → `invited`; `INVITATION_EXPIRED`, `INVITATION_REJECTED` unchanged | `status` |
//! | `roles.orgRoles[]` | `roles` (ids) |
//! | `teamIds[]` | `groups` (ids) |
//! | `createdAt` | `created_at` |
//! | `lastAuth` | `last_login_at` |
//!
//! ## Quirks
//!
//! - Requests carry `Accept: application/vnd.atlas.2025-02-19+json`: from that version the
//!   list holds pending (invited) users beside active ones; older versions list active
//!   users only.
//! - Only organization roles are mapped; project roles (`roles.groupRoleAssignments[]`, a
//!   project id with its roles) stay in `remote_data`, with `country` and the invitation's
//!   `invitationCreatedAt`, `invitationExpiresAt` and `inviterUsername`.
//! - Programmatic API keys (HTTP Digest) are not supported; use a service account.
//! - Errors are `{"detail": "…", "error": 404, "errorCode": "…", "reason": "…"}`.
//!
//! ## Sources
//!
//! - <https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-listorganizationusers> (the endpoint, its parameters, pending users from 2025-02-19)
//! - MongoDB's Go SDK generated from the Administration API description, `mongodb/atlas-sdk-go`
//!   (`admin/api_mongo_db_cloud_users.go`: path, `pageNum` (1), `itemsPerPage` (100),
//!   `includeCount`, `username`, `orgMembershipStatuses` and their values, the `Accept`
//!   version; `admin/model_org_user_response.go`, `model_paginated_org_user.go`,
//!   `model_org_user_roles_response.go`: the fields; `auth/clientcredentials`: the token URL)
//! - <https://www.mongodb.com/docs/atlas/api/api-rate-limit/> (rate limits)
//!
//! ## Not confirmed
//!
//! - The largest `itemsPerPage` (500 is what Atlas documents for its other lists).
//! - Whether Atlas's token endpoint accepts the client secret in the form body, as this
//!   library sends it (MongoDB's SDK sends it as HTTP Basic); an `access_token` avoids the
//!   question.
//! - That `totalCount`, "an estimate", is exact enough to end the listing on; a last page
//!   shorter than asked for also ends it.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_MONGODB_ATLAS_ADMIN_CLIENT_ID=mdb_sa_id_… TRUTO_MONGODB_ATLAS_ADMIN_CLIENT_SECRET=… TRUTO_MONGODB_ATLAS_ADMIN_ORG_ID=…
//! let dir = truto_devtools::mongodb_atlas_admin::connect(&Config::from_env("mongodb_atlas_admin"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, List, Spec, page_number, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The MongoDB Atlas Administration API spec.
pub static SPEC: Spec = Spec::new(
    Integration::new(
        "mongodb_atlas_admin",
        "MongoDB Atlas Admin",
        Family::Devtools,
    )
    .credentials(&[
        Credential::bearer("access_token"),
        Credential::client_credentials(
            "client_id",
            "client_secret",
            "https://cloud.mongodb.com/api/oauth/token",
        ),
    ])
    .base_url("https://cloud.mongodb.com")
    .config(&[
        ConfigKey::required("org_id", "the organization's id (24 hexadecimal digits)"),
        ConfigKey::optional("client_id", "the service account's client id"),
        ConfigKey::optional_secret("client_secret", "the service account's client secret"),
        ConfigKey::optional_secret(
            "access_token",
            "a service account's access token (instead of `client_id`/`client_secret`)",
        ),
    ])
    .note("a service account with Organization Member and the organization id; lists active and pending users"),
)
.list(
    List::get("api/atlas/v2/orgs/{org_id}/users")
        .records("results")
        .paging(page_number(
            query("pageNum"),
            query("itemsPerPage"),
            1,
            End::Total("totalCount"),
        ))
        .filters(&[
            FilterRule::query(Filter::Email, "username"),
            FilterRule::mapped(
                Filter::Status,
                "orgMembershipStatuses",
                &[("active", "ACTIVE"), ("invited", "PENDING")],
            ),
        ])
        .page_size(100, 500),
)
.map(&[
    id("id"),
    text(Text::Username, "username"),
    email("username"),
    text(Text::FirstName, "firstName"),
    text(Text::LastName, "lastName"),
    name_from_parts(),
    phone("mobileNumber").kind("mobile"),
    status(
        "orgMembershipStatus",
        &[("ACTIVE", Status::Active), ("PENDING", Status::Invited)],
    ),
    refs(Refs::Roles, "roles.orgRoles").id(""),
    refs(Refs::Groups, "teamIds").id(""),
    time(Time::CreatedAt, "createdAt", TimeFormat::Auto),
    time(Time::LastLoginAt, "lastAuth", TimeFormat::Auto),
])
.headers(&[("Accept", "application/vnd.atlas.2025-02-19+json")])
.errors(Errors::GENERIC.message(&["detail"]).code(&["errorCode"]))
.sources(&[
    "https://www.mongodb.com/docs/api/doc/atlas-admin-api-v2/operation/operation-listorganizationusers",
    "https://github.com/mongodb/atlas-sdk-go",
    "https://www.mongodb.com/docs/atlas/api/api-rate-limit/",
]);

/// Connects to MongoDB Atlas (`org_id`, and `client_id`/`client_secret` or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}
