//! # SailPoint Identity Security Cloud
//!
//! The identities of one SailPoint Identity Security Cloud (IdentityNow) tenant, through
//! its v2025 Identities API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `sailpoint_identity_security_cloud` |
//! | operations | list, get |
//! | list | `GET /v2025/identities?limit=&offset=`, paged by record offset; the last page is the first one shorter than `limit` |
//! | get | `GET /v2025/identities/{id}` |
//! | base URL | `https://{tenant}.api.identitynow.com` (the full host name is accepted too) |
//! | auth | OAuth 2.0 client credentials, `client_id` and `client_secret` (a personal access token's or an API client's), exchanged at `https://{tenant}.api.identitynow.com/oauth/token`; **or** an access token, config key `access_token` (env `TRUTO_SAILPOINT_IDENTITY_SECURITY_CLOUD_ACCESS_TOKEN`), sent as `Authorization: Bearer <token>` |
//! | config keys | `tenant` (required) |
//! | scopes | `idn:identity:read` (or `idn:identity:manage`, `sp:scopes:all`) |
//! | page size | `limit`: at most 250, and 250 by default |
//! | filters | `email` (`email eq`), `username` (`alias eq`), `first_name` (`firstname eq`), `last_name` (`lastname eq`), `name` (`name eq`), joined with `and` into one `filters` expression |
//! | rate limits | per token; `429` with `Retry-After` (seconds) when exceeded |
//!
//! ## Mapping
//!
//! | SailPoint (`IdentityDto`) | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` (the identity's display name) | `name` |
//! | `alias` (the account name on the authoritative source) | `username` |
//! | `emailAddress` | `emails[0]` (primary) |
//! | `attributes.firstname`, `attributes.lastname` | `first_name`, `last_name` |
//! | `identityStatus` | `status`: `ACTIVE`, `REGISTERED` → `active`; `UNREGISTERED`, `PENDING` → `invited`; `DISABLED`, `DEACTIVATED`, `LOCKED`, `TERMINATED` → `inactive`; `WARNING`, `ERROR` pass through |
//! | `created`, `modified` | `created_at`, `updated_at` |
//!
//! `lifecycleState` (the tenant's own lifecycle state names), `managerRef`, `isManager`,
//! `processingState`, `lastRefresh` (a system refresh, not a sign-in) and the rest of
//! `attributes` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - The reference marks this list partial: it reads the *public identities*
//!   (`GET /v3/public-identities`), which carry no timestamps, names or status. This
//!   integration lists the full identities instead (same ids), so the list is not partial
//!   and a get returns the same record.
//! - By default (`defaultFilter=CORRELATED_ONLY`) only identities correlated to an
//!   authoritative account are listed; pass `defaultFilter=NONE` as a remote query to list
//!   the uncorrelated ones too.
//! - `identityStatus` is the identity's status in Identity Security Cloud (whether the
//!   person has registered, is locked, …), not their employment; the tenant's lifecycle
//!   state (`lifecycleState.stateName`, e.g. `active`, `inactive`) is in `remote_data`.
//!
//! ## Sources
//!
//! - <https://github.com/sailpoint-oss/api-specs> (SailPoint's published API description:
//!   `idn/sailpoint-api.v2025.yaml` servers and security schemes, `idn/v2025/paths/identities.yaml`
//!   and `identity.yaml` list and get with their filters, scopes and responses,
//!   `idn/v2025/schemas/Identity.yaml` the record and its example, `idn/v2025/parameters/`
//!   `limit`, `offset`, `count`, `idn/v2025/responses/` and `schemas/ErrorResponseDto.yaml` the
//!   errors, `idn/v3/paths/public-identities.yaml` the public identities)
//! - <https://developer.sailpoint.com/docs/api/authentication/> (personal access tokens,
//!   client credentials)
//! - <https://developer.sailpoint.com/idn/api/standard-collection-parameters> (the `filters`
//!   syntax)
//!
//! ## Not confirmed
//!
//! - Whether the token endpoint takes the client credentials as form fields (sent so here) as
//!   well as the query parameters SailPoint's examples show.
//! - The numeric rate limit and the `Retry-After` unit (seconds, as HTTP defines it).
//! - How SailPoint's own sign-in states map onto the unified statuses: the table above is
//!   this library's reading of the `identityStatus` names.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_SAILPOINT_IDENTITY_SECURITY_CLOUD_TENANT=acme, …_CLIENT_ID=…, …_CLIENT_SECRET=…
//! let dir = truto_idp::sailpoint_identity_security_cloud::connect(&Config::from_env(
//!     "sailpoint_identity_security_cloud",
//! ))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{End, Errors, Get, List, Spec, offset, query};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Error, Family, Filter, Integration, Result, UserDirectory};

/// The SailPoint Identity Security Cloud spec.
pub static SPEC: Spec = Spec::new(
    Integration::new(
        "sailpoint_identity_security_cloud",
        "SailPoint Identity Security Cloud",
        Family::Idp,
    )
    .credentials(&[
        Credential::bearer("access_token"),
        Credential::client_credentials(
            "client_id",
            "client_secret",
            "https://{tenant}.api.identitynow.com/oauth/token",
        ),
    ])
    .base_url("https://{tenant}.api.identitynow.com")
    .config(&[
        ConfigKey::required("tenant", "the tenant's name (`acme` of acme.api.identitynow.com)")
            .host_suffix(".api.identitynow.com"),
        ConfigKey::optional("client_id", "a personal access token's or API client's client id"),
        ConfigKey::optional_secret("client_secret", "that client's secret"),
        ConfigKey::optional_secret("access_token", "an access token (instead of the client credentials)"),
    ])
    .note("The tenant name and a personal access token or API client (client id and secret) with idn:identity:read."),
)
.list(
    List::get("v2025/identities")
        .paging(offset(query("offset"), query("limit"), End::ShortPage))
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
            FilterRule::native(Filter::FirstName),
            FilterRule::native(Filter::LastName),
            FilterRule::native(Filter::Name),
        ])
        .page_size(250, 250),
)
.get(Get::get("v2025/identities/{id}"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    text(Text::Username, "alias"),
    email("emailAddress"),
    text(Text::FirstName, "attributes.firstname"),
    text(Text::LastName, "attributes.lastname"),
    status(
        "identityStatus",
        &[
            ("ACTIVE", Status::Active),
            ("REGISTERED", Status::Active),
            ("UNREGISTERED", Status::Invited),
            ("PENDING", Status::Invited),
            ("DISABLED", Status::Inactive),
            ("DEACTIVATED", Status::Inactive),
            ("LOCKED", Status::Inactive),
            ("TERMINATED", Status::Inactive),
        ],
    ),
    time(Time::CreatedAt, "created", TimeFormat::Auto),
    time(Time::UpdatedAt, "modified", TimeFormat::Auto),
])
.filter_query(filters)
.errors(
    Errors::GENERIC
        .message(&["messages[0].text", "error", "message"])
        .code(&["detailCode"])
        .request_id(&["trackingId"]),
)
.sources(&[
    "https://github.com/sailpoint-oss/api-specs",
    "https://developer.sailpoint.com/docs/api/authentication/",
    "https://developer.sailpoint.com/idn/api/standard-collection-parameters",
]);

/// Connects to SailPoint Identity Security Cloud (`tenant`, and `client_id` with
/// `client_secret`, or `access_token`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// The filters as one `filters` expression of SailPoint's collection syntax
/// (`email eq "a@b.com" and firstname eq "Ada"`).
fn filters(set: &[(Filter, &str)]) -> Result<Vec<(String, String)>> {
    let mut terms = Vec::new();
    for (filter, value) in set {
        let field = match filter {
            Filter::Email => "email",
            Filter::Username => "alias",
            Filter::FirstName => "firstname",
            Filter::LastName => "lastname",
            Filter::Name => "name",
            other => {
                return Err(Error::invalid_input(format!(
                    "SailPoint Identity Security Cloud does not filter by `{other}`"
                )));
            }
        };
        let value = value.replace('\\', "\\\\").replace('"', "\\\"");
        terms.push(format!("{field} eq \"{value}\""));
    }
    Ok(vec![("filters".to_owned(), terms.join(" and "))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_join_into_one_expression() {
        let query = filters(&[(Filter::Email, "a\"b@x.com"), (Filter::FirstName, "Ada")]).unwrap();
        assert_eq!(
            query,
            vec![(
                "filters".to_owned(),
                "email eq \"a\\\"b@x.com\" and firstname eq \"Ada\"".to_owned()
            )]
        );
    }
}
