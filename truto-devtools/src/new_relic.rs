//! # New Relic
//!
//! The users of a New Relic organization (every authentication domain), through NerdGraph,
//! New Relic's GraphQL API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `new_relic` |
//! | operations | list, get |
//! | list | `POST /graphql` with `customerAdministration { users(cursor:, filter:) { items {…} nextCursor } }`; the cursor goes back as the `cursor` variable |
//! | get | the same query with `filter: {id: {eq: <id>}}`: the first item |
//! | base URL | `https://{api_host}`: `api.newrelic.com` (the default) or `api.eu.newrelic.com` (EU data center) |
//! | auth | `API-Key: <user key>` (`NRAK-…`); config key `api_key` (env `TRUTO_NEW_RELIC_API_KEY`) |
//! | config keys | `api_host` (optional) |
//! | scopes | the key's user must be a core or full platform user with the *Authentication domain settings* administration setting (*Organization settings* for the whole organization) |
//! | page size | NerdGraph's own (no page-size argument) |
//! | filters | `email` (`filter: {email: {eq: …}}`) |
//! | rate limits | not documented for these queries; `429` is retried by the transport |
//!
//! ## Mapping
//!
//! | New Relic | unified |
//! |---|---|
//! | `id` | `id` |
//! | `name` (split at the first space for `first_name`, `last_name`) | `name`, `first_name`, `last_name` |
//! | `email` | `emails` (one, primary) |
//! | `emailVerificationState`: `VERIFIED` → `true`, `PENDING` → `false` (`NOT_VERIFIABLE`: unset) | `is_email_verified` |
//! | `type.name` (Basic, Core, Full platform) | `user_type` |
//! | `type` (`id`, `name`): the user type is New Relic's license tier | `licenses` |
//! | `groups.items[]` (`id`, `name`) | `groups` |
//! | `timeZone` (IANA) | `timezone` |
//! | `lastActive` | `last_active_at` |
//!
//! ## Quirks
//!
//! - NerdGraph answers `200` with an `errors` array when a query fails (a bad key can
//!   also answer `401`/`403`): a response with `errors` is an error, its first `message`
//!   the message.
//! - A user's `groups` is itself paged; the first page of groups is read.
//! - `authenticationDomainId` and `pendingUpgradeRequest` stay in `remote_data`.
//! - **A get is a filtered list.** NerdGraph has no user-by-id root field: a get asks the
//!   users query for `id: {eq: <id>}` and reads its first item.
//!
//! ## Sources
//!
//! - New Relic's official Go client, `newrelic/newrelic-client-go`, generated from the
//!   NerdGraph schema: `pkg/customeradministration/customeradministration_api.go`
//!   (`GetUsers(cursor, filter, sort)` and its query) and `types.go`
//!   (`MultiTenantIdentityUser`, `MultiTenantIdentityUserCollection`,
//!   `MultiTenantIdentityUserFilterInput`, `MultiTenantIdentityEmailVerificationState`);
//!   `pkg/region/region_constants.go` (the US and EU endpoints); `internal/http/auth.go`
//!   (the `API-Key` header)
//! - <https://docs.newrelic.com/docs/apis/nerdgraph/examples/nerdgraph-manage-users>
//!   (requirements, user types, the `errors` shape of a failed request)
//!
//! ## Not confirmed
//!
//! - That `customerAdministration.users` is open to every organization's user keys (New
//!   Relic's tutorial shows the older `userManagement` query, per authentication domain).
//! - Rate limits, and the `extensions` codes of NerdGraph errors.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_NEW_RELIC_API_KEY=NRAK-…
//! let dir = truto_devtools::new_relic::connect(&Config::from_env("new_relic"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.user_type);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::Value;
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, InBody, List, Param, Spec, body, cursor};
use truto_core::provider::{Credential, FilterRule};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, User, UserDirectory};

/// The users query: every user of the organization, a page at a time.
const LIST_BODY: &str = r#"{
  "query": "query($cursor: String, $filter: MultiTenantIdentityUserFilterInput!) { customerAdministration { users(cursor: $cursor, filter: $filter) { items { authenticationDomainId email emailVerificationState groups { items { id name } } id lastActive name pendingUpgradeRequest { id } timeZone type { id name } } nextCursor totalCount } } }",
  "variables": { "filter": {} }
}"#;

/// The same query filtered to one id: NerdGraph has no user-by-id field.
const GET_BODY: &str = r#"{
  "query": "query($filter: MultiTenantIdentityUserFilterInput!) { customerAdministration { users(filter: $filter) { items { authenticationDomainId email emailVerificationState groups { items { id name } } id lastActive name pendingUpgradeRequest { id } timeZone type { id name } } } } }",
  "variables": { "filter": { "id": { "eq": "{id}" } } }
}"#;

/// The New Relic spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("new_relic", "New Relic", Family::Devtools)
        .credentials(&[Credential::header("API-Key", "api_key")])
        .base_url("https://{api_host}")
        .config(&[
            ConfigKey::secret(
                "api_key",
                "a user key (NRAK-…) of a core or full platform user allowed to see users",
            ),
            ConfigKey::optional(
                "api_host",
                "`api.newrelic.com` (the default) or, for the EU data center, `api.eu.newrelic.com`",
            )
            .default("api.newrelic.com"),
        ])
        .note("needs a user key (NRAK-…) of a user with authentication-domain settings; lists every user of the organization"),
)
.list(
    List::post("graphql", LIST_BODY)
        .records("data.customerAdministration.users.items")
        .paging(cursor(
            body("variables.cursor"),
            Param::None,
            "data.customerAdministration.users.nextCursor",
        ))
        .filters(&[FilterRule::body(Filter::Email, "variables.filter.email.eq")]),
)
.get(Get::post("graphql", GET_BODY).record("data.customerAdministration.users.items[0]"))
.map(&[
    id("id"),
    text(Text::Name, "name"),
    split_name("name"),
    email("email"),
    text(Text::UserType, "type.name"),
    reference(Refs::Licenses).id("type.id").name("type.name"),
    refs(Refs::Groups, "groups.items").id("id").name("name"),
    text(Text::Timezone, "timeZone"),
    time(Time::LastActiveAt, "lastActive", TimeFormat::Auto),
])
.post_map(email_verified, &["is_email_verified"])
.errors(
    Errors::GENERIC
        .message(&["errors[0].message"])
        .code(&["errors[0].extensions.errorClass"])
        .in_body(InBody::Present("errors"), &[]),
)
.sources(&[
    "https://github.com/newrelic/newrelic-client-go/blob/main/pkg/customeradministration/customeradministration_api.go",
    "https://github.com/newrelic/newrelic-client-go/blob/main/pkg/customeradministration/types.go",
    "https://docs.newrelic.com/docs/apis/nerdgraph/examples/nerdgraph-manage-users",
]);

/// Connects to New Relic (`api_key`, optionally `api_host`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// `is_email_verified` from `emailVerificationState`: `VERIFIED` is true, `PENDING` false;
/// `NOT_VERIFIABLE` (the address needs no verification) leaves it unset.
fn email_verified(user: &mut User, record: &str) -> Result<()> {
    let state = serde_json::from_str::<Value>(record)
        .ok()
        .and_then(|r| r.get("emailVerificationState")?.as_str().map(str::to_owned));
    user.is_email_verified = match state.as_deref() {
        Some(s) if s.eq_ignore_ascii_case("VERIFIED") => Some(true),
        Some(s) if s.eq_ignore_ascii_case("PENDING") => Some(false),
        _ => user.is_email_verified,
    };
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verification_state_is_read() {
        let mut user = User::default();
        email_verified(&mut user, r#"{"emailVerificationState":"VERIFIED"}"#).unwrap();
        assert_eq!(user.is_email_verified, Some(true));
        let mut user = User::default();
        email_verified(&mut user, r#"{"emailVerificationState":"PENDING"}"#).unwrap();
        assert_eq!(user.is_email_verified, Some(false));
        let mut user = User::default();
        email_verified(&mut user, r#"{"emailVerificationState":"NOT_VERIFIABLE"}"#).unwrap();
        assert_eq!(user.is_email_verified, None);
    }
}
