//! # Microsoft Dynamics 365 Sales
//!
//! The users (the `systemuser` table) of one Dynamics 365 Sales environment, through the
//! Dataverse Web API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `microsoft_dynamics_365_sales` |
//! | operations | list, get |
//! | list | `GET /api/data/v9.2/systemusers?$expand=systemuserroles_association($select=name,roleid)`, paged by the full URL in `@odata.nextLink` |
//! | get | `GET /api/data/v9.2/systemusers({systemuserid})` (OData key syntax: the id, percent-encoded, inside the segment), with the list's `$expand` |
//! | base URL | `https://{organization}.{region}.dynamics.com/api/data/v9.2`: `organization` is the environment's name, `region` its host part (`crm`, the default, for North America; `crm4` Europe, `crm11` UK, …) |
//! | auth | `Authorization: Bearer <access_token>` (config key `access_token`, env `TRUTO_MICROSOFT_DYNAMICS_365_SALES_ACCESS_TOKEN`); or OAuth 2.0 client credentials with Microsoft Entra ID: config keys `tenant_id`, `client_id`, `client_secret` for an app registered as an *application user* of the environment, the token asked for `https://{organization}.{region}.dynamics.com/.default` |
//! | headers | `Accept: application/json`, `OData-MaxVersion: 4.0`, `OData-Version: 4.0`, `Prefer: odata.include-annotations="OData.Community.Display.V1.FormattedValue"` |
//! | permissions | the application user needs a security role that can read users (the *User* table) |
//! | page size | the service's: up to 5,000 rows a page (no size is sent; `Prefer: odata.maxpagesize` is not used) |
//! | filters | `email` (`internalemailaddress`), `username` (`domainname`), `first_name`, `last_name`, `name` (`fullname`), `status` (`active` / `inactive` on `isdisabled`): written as one OData `$filter`, joined with `and` |
//! | rate limits | Dataverse service protection limits, per user: `429` with `Retry-After` (seconds) |
//!
//! ## Mapping
//!
//! | Dataverse (`systemuser`) | unified |
//! |---|---|
//! | `systemuserid` | `id` |
//! | `firstname`, `lastname`, `fullname` | `first_name`, `last_name`, `name` |
//! | `jobtitle`, else `title` | `title` |
//! | `domainname` (the sign-in name) | `username` |
//! | `internalemailaddress` (primary), `personalemailaddress` | `emails` |
//! | `address1_telephone1`, `mobilephone`, `homephone` | `phones` typed `work`, `mobile`, `home` |
//! | `isdisabled` | `status`: `true` → `inactive`, `false` → `active` |
//! | `accessmode`: `0` Read-Write, `1` Administrative, `2` Read, `3` Support User, `4` Non-interactive, `5` Delegated Admin | `user_type`: `user`, `admin`, `limited`, `support`, `machine`, `delegated_admin` |
//! | `systemuserroles_association[]` `{roleid, name}` (security roles) | `roles` |
//! | `_businessunitid_value` and its formatted value | `organizations[0]` (the business unit) |
//! | `photourl` | `avatar` |
//! | `azureactivedirectoryobjectid`, `employeeid` | `identifiers.entra_object_id`, `identifiers.employee_id` |
//! | `createdon`, `modifiedon` | `created_at`, `updated_at` |
//!
//! Every other column (`invitestatuscode`, `islicensed`, `isintegrationuser`, the addresses,
//! …) stays in `remote_data`.
//!
//! ## Quirks
//!
//! - The table holds more than people: application users, non-interactive and support
//!   users are listed too; tell them apart by `user_type` (`accessmode`).
//! - Status is `isdisabled` alone. `invitestatuscode` (invitation not sent, invited,
//!   accepted, expired, …) stays in `remote_data`: most users synchronised from Entra ID
//!   were never invited, so it does not say whether a user is active.
//! - Filter values are written as OData string literals, a `'` doubled.
//! - The business unit's name comes from the `FormattedValue` annotation the `Prefer`
//!   header asks for.
//! - The access token is the first way to authenticate (the one the conformance kit
//!   tests): with client credentials first, the kit's `unauthenticated_is_not_retried`
//!   scenario fails the token request itself and reports the error as `Authenticate`, not
//!   `List`.
//!
//! ## Sources
//!
//! - <https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser>
//!   (the User table: messages, `systemusers`, the columns and their choices;
//!   `MicrosoftDocs/powerapps-docs`, commit `06570acd`)
//! - <https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results>
//!   (`@odata.nextLink`, up to 5,000 rows a page)
//! - <https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors>
//!   (OData headers, the error body)
//! - <https://learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth>
//!   (client credentials for an application user, the `/.default` scope)
//! - <https://learn.microsoft.com/power-apps/developer/data-platform/api-limits>
//!   (service protection limits, `429` and `Retry-After`)
//!
//! ## Not confirmed
//!
//! - The navigation property `systemuserroles_association` (the N:N relationship between
//!   users and security roles) was confirmed in public code that uses it, not in the part
//!   of the reference read.
//! - The list of regional host parts (`crm`, `crm4`, `crm11`, …).
//! - That `azureactivedirectoryobjectid` is present for every Entra ID user.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_MICROSOFT_DYNAMICS_365_SALES_ORGANIZATION=contoso, …_REGION=crm4,
//! // …_TENANT_ID=…, …_CLIENT_ID=…, …_CLIENT_SECRET=…
//! let dir = truto_crm::microsoft_dynamics_365_sales::connect(&Config::from_env(
//!     "microsoft_dynamics_365_sales",
//! ))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.primary_email(), user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, Param, Spec, next_url};
use truto_core::provider::{Credential, FilterRule, Status};
use truto_core::{Config, ConfigKey, Error, Family, Filter, Integration, Result, UserDirectory};

/// The Microsoft Dynamics 365 Sales spec.
pub static SPEC: Spec = Spec::new(
    Integration::new(
        "microsoft_dynamics_365_sales",
        "Microsoft Dynamics 365 Sales",
        Family::Crm,
    )
    .credentials(&[
        Credential::bearer("access_token"),
        Credential::client_credentials(
            "client_id",
            "client_secret",
            "https://login.microsoftonline.com/{tenant_id}/oauth2/v2.0/token",
        )
        .token_params(&[("scope", "https://{organization}.{region}.dynamics.com/.default")]),
    ])
    .base_url("https://{organization}.{region}.dynamics.com/api/data/v9.2")
    .config(&[
        ConfigKey::required(
            "organization",
            "the environment's name (`contoso` for contoso.crm.dynamics.com)",
        ),
        ConfigKey::optional(
            "region",
            "the environment's regional host part: `crm` (the default), `crm4`, `crm11`, …",
        )
        .default("crm"),
        ConfigKey::optional("tenant_id", "the Microsoft Entra tenant id (client credentials)"),
        ConfigKey::optional("client_id", "the app registration's client id"),
        ConfigKey::optional_secret("client_secret", "the app registration's client secret"),
        ConfigKey::optional_secret("access_token", "an access token for the environment"),
    ])
    .note("an Entra ID app registered as an application user of the environment (tenant, client id and secret) and the environment's name"),
)
.headers(&[
    ("Accept", "application/json"),
    ("OData-MaxVersion", "4.0"),
    ("OData-Version", "4.0"),
    (
        "Prefer",
        "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"",
    ),
])
.list(
    List::get("systemusers")
        .query(&[("$expand", ROLES)])
        .records("value")
        .paging(next_url(Param::None, "[\"@odata.nextLink\"]"))
        .filters(&[
            FilterRule::native(Filter::Email),
            FilterRule::native(Filter::Username),
            FilterRule::native(Filter::FirstName),
            FilterRule::native(Filter::LastName),
            FilterRule::native(Filter::Name),
            FilterRule::native(Filter::Status),
        ]),
)
.get(Get::get("systemusers({id})").query(&[("$expand", ROLES)]))
.map(&[
    id("systemuserid"),
    text(Text::FirstName, "firstname"),
    text(Text::LastName, "lastname"),
    text(Text::Name, "fullname"),
    name_from_parts(),
    text(Text::Title, "jobtitle"),
    text(Text::Title, "title"),
    text(Text::Username, "domainname"),
    email("internalemailaddress"),
    email("personalemailaddress").secondary().kind("personal"),
    phone("address1_telephone1").kind("work"),
    phone("mobilephone").kind("mobile"),
    phone("homephone").kind("home"),
    status_flag("isdisabled", Status::Inactive, Some(Status::Active)),
    text(Text::UserType, "accessmode").table(&[
        ("0", "user"),
        ("1", "admin"),
        ("2", "limited"),
        ("3", "support"),
        ("4", "machine"),
        ("5", "delegated_admin"),
    ]),
    refs(Refs::Roles, "systemuserroles_association")
        .id("roleid")
        .name("name"),
    reference(Refs::Organizations)
        .id("_businessunitid_value")
        .name("[\"_businessunitid_value@OData.Community.Display.V1.FormattedValue\"]"),
    text(Text::Avatar, "photourl"),
    identifier("entra_object_id", "azureactivedirectoryobjectid"),
    identifier("employee_id", "employeeid"),
    time(Time::CreatedAt, "createdon", TimeFormat::Auto),
    time(Time::UpdatedAt, "modifiedon", TimeFormat::Auto),
])
.filter_query(odata_filter)
.errors(
    Errors::GENERIC
        .message(&["error.message"])
        .code(&["error.code"]),
)
.sources(&[
    "https://learn.microsoft.com/power-apps/developer/data-platform/reference/entities/systemuser",
    "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/query/page-results",
    "https://learn.microsoft.com/power-apps/developer/data-platform/webapi/compose-http-requests-handle-errors",
    "https://learn.microsoft.com/power-apps/developer/data-platform/authenticate-oauth",
    "https://learn.microsoft.com/power-apps/developer/data-platform/api-limits",
])
.absent(&[
    (
        "is_email_verified",
        "Dataverse records whether a mailbox's address is approved for server-side sync (`emailrouteraccessapproval`), not whether the user verified it",
    ),
]);

/// The security roles, expanded on the list.
const ROLES: &str = "systemuserroles_association($select=name,roleid)";

/// Connects to Dynamics 365 Sales (`organization`, optionally `region`, and `access_token`
/// or `tenant_id`, `client_id`, `client_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// Writes the filters as one OData `$filter`, each value an OData string literal.
fn odata_filter(filters: &[(Filter, &str)]) -> Result<Vec<(String, String)>> {
    let literal = |v: &str| format!("'{}'", v.replace('\'', "''"));
    let mut terms = Vec::new();
    for (filter, value) in filters {
        let term = match filter {
            Filter::Email => format!("internalemailaddress eq {}", literal(value)),
            Filter::Username => format!("domainname eq {}", literal(value)),
            Filter::FirstName => format!("firstname eq {}", literal(value)),
            Filter::LastName => format!("lastname eq {}", literal(value)),
            Filter::Name => format!("fullname eq {}", literal(value)),
            Filter::Status => match value.to_ascii_lowercase().as_str() {
                "active" => "isdisabled eq false".to_owned(),
                "inactive" => "isdisabled eq true".to_owned(),
                other => {
                    return Err(Error::invalid_input(format!(
                        "Dynamics 365 filters `status` by active or inactive, not `{other}`"
                    )));
                }
            },
            other => {
                return Err(Error::invalid_input(format!(
                    "Dynamics 365 does not filter by `{other}`"
                )));
            }
        };
        terms.push(term);
    }
    Ok(if terms.is_empty() {
        Vec::new()
    } else {
        vec![("$filter".to_owned(), terms.join(" and "))]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_join_and_quote() {
        let q = odata_filter(&[
            (Filter::Email, "o'neil@contoso.com"),
            (Filter::Status, "active"),
        ])
        .unwrap();
        assert_eq!(
            q,
            vec![(
                "$filter".to_owned(),
                "internalemailaddress eq 'o''neil@contoso.com' and isdisabled eq false".to_owned()
            )]
        );
        assert!(odata_filter(&[(Filter::Status, "invited")]).is_err());
    }
}
