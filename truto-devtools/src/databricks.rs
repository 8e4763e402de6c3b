//! # Databricks
//!
//! The users of one Databricks workspace, through the workspace SCIM 2.0 API.
//!
//! | | |
//! |---|---|
//! | slug / feature | `databricks` |
//! | operations | list, get, update |
//! | list | `GET /api/2.0/preview/scim/v2/Users?startIndex=&count=`, paged by SCIM `startIndex` / `count` / `totalResults` |
//! | get | `GET /api/2.0/preview/scim/v2/Users/{id}` |
//! | update | `PATCH /api/2.0/preview/scim/v2/Users/{id}` with a SCIM `PatchOp` of `replace` operations |
//! | base URL | `host`: the workspace URL, e.g. `https://dbc-a1b2c3d4-e5f6.cloud.databricks.com` or `https://adb-1234567890123456.7.azuredatabricks.net` |
//! | auth | `Authorization: Bearer <personal access token>`, config key `token` (env `TRUTO_DATABRICKS_TOKEN`); **or** OAuth 2.0 client credentials of a service principal, `client_id` and `client_secret` (env `TRUTO_DATABRICKS_CLIENT_ID`, `TRUTO_DATABRICKS_CLIENT_SECRET`), exchanged at `{host}/oidc/v1/token` with scope `all-apis` |
//! | config keys | `host` (required; env `TRUTO_DATABRICKS_HOST`) |
//! | scopes | any workspace user can list; updating needs a workspace admin |
//! | page size | `count`: 100 by default here; the official SDK asks for 10000 |
//! | filters | `email` and `username` (`filter=userName eq "…"`), `name` (`filter=displayName eq "…"`) |
//! | update fields | `first_name` (`name.givenName`), `last_name` (`name.familyName`), `name` (`displayName`), `status` (`active`: `active` true, `inactive` false), `roles` (`roles`, by value: AWS instance profile ARNs) |
//! | rate limits | `429` when throttled (`Retry-After` honoured when sent) |
//!
//! ## Mapping
//!
//! | Databricks (`User`) | unified |
//! |---|---|
//! | `id` | `id` |
//! | `userName` (the user's email address) | `username` |
//! | `displayName` | `name` |
//! | `name.givenName`, `name.familyName` | `first_name`, `last_name` |
//! | `emails[]` `{value, type, primary}` | `emails` |
//! | `active` | `status`: `active` / `inactive` |
//! | `roles[].value` (AWS instance profile ARNs) | `roles` |
//! | `groups[]` `{value, display}` | `groups` |
//!
//! `entitlements`, `externalId` (reserved, unused) and `schemas` stay in `remote_data`.
//!
//! ## Quirks
//!
//! - `userName` and `emails` cannot be changed through this API (Databricks ignores them),
//!   so an update refuses them before sending; `displayName` cannot be changed here when
//!   identity federation is enabled (the account SCIM API can).
//! - Deactivating writes `active` as the text `"false"`, as Databricks' own SDK example
//!   does; reactivating writes `"true"`.
//! - The PATCH answer is not read: the user is read back with a get.
//! - Group membership is changed on the group (`/Groups/{id}` members), not here.
//! - Account-level SCIM (`/api/2.0/accounts/{account_id}/scim/v2/Users`) is not used.
//!
//! ## Sources
//!
//! - <https://github.com/databricks/databricks-sdk-go> (official SDK generated from Databricks'
//!   API description: `service/iam/impl.go` paths and methods, `service/iam/model.go`
//!   `User`, `ListUsersRequest`, `ListUsersResponse`, `ComplexValue`, `Patch`,
//!   `PatchUserRequest`, `service/iam/api.go` on `userName` and `emails`)
//! - <https://github.com/databricks/databricks-sdk-py/blob/main/examples/users/patch_workspace_users.py>
//!   (official example: `replace` of `active` with `"false"`)
//! - <https://docs.databricks.com/api/workspace/users>
//!
//! ## Not confirmed
//!
//! - The largest `count` Databricks honours.
//! - The PATCH response (a user, or no content): either way the user is read back.
//! - `active` as a filter attribute (so no `status` filter is declared).
//! - That a `replace` of `roles` (instance profiles) is accepted on PATCH, as SCIM allows.
//!
//! ```no_run
//! # async fn run() -> truto_core::Result<()> {
//! use futures::StreamExt;
//! use truto_core::{Config, ListUsers, UserDirectoryExt};
//! // TRUTO_DATABRICKS_HOST=https://dbc-a1b2c3d4-e5f6.cloud.databricks.com TRUTO_DATABRICKS_TOKEN=dapi…
//! let dir = truto_devtools::databricks::connect(&Config::from_env("databricks"))?;
//! let mut users = dir.list_users(ListUsers::new());
//! while let Some(user) = users.next().await {
//!     let user = user?;
//!     println!("{} {:?} {:?}", user.id, user.username, user.status);
//! }
//! # Ok(()) }
//! ```

use std::sync::Arc;

use serde_json::{Map, Value, json};
use truto_core::provider::declarative::rules::*;
use truto_core::provider::declarative::{Errors, Get, List, SCIM_PAGING, Spec, Update};
use truto_core::provider::{Credential, FilterRule, UpdateField, Write};
use truto_core::{Config, ConfigKey, Family, Filter, Integration, Result, UserDirectory};

/// The `PatchOp` message schema.
const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

/// The Databricks spec.
pub static SPEC: Spec = Spec::new(
    Integration::new("databricks", "Databricks", Family::Devtools)
        .credentials(&[
            Credential::bearer("token"),
            Credential::client_credentials("client_id", "client_secret", "{host}/oidc/v1/token")
                .scope("all-apis"),
        ])
        .base_url("{host}")
        .config(&[
            ConfigKey::required("host", "the workspace URL, e.g. https://dbc-a1b2c3d4-e5f6.cloud.databricks.com")
                .origin(),
            ConfigKey::optional_secret("token", "a personal access token (a workspace admin's, to update)"),
            ConfigKey::optional("client_id", "a service principal's OAuth client id (instead of `token`)"),
            ConfigKey::optional_secret("client_secret", "that service principal's OAuth secret"),
        ])
        .note("One workspace's users: its URL and a personal access token (or a service principal's OAuth secret); updates need a workspace admin."),
)
.list(
    List::get("api/2.0/preview/scim/v2/Users")
        .records("Resources")
        .paging(SCIM_PAGING)
        .filters(&[
            FilterRule::template(Filter::Email, "filter", "userName eq \"{}\""),
            FilterRule::template(Filter::Username, "filter", "userName eq \"{}\""),
            FilterRule::template(Filter::Name, "filter", "displayName eq \"{}\""),
        ])
        .page_size(100, 10000),
)
.get(Get::get("api/2.0/preview/scim/v2/Users/{id}"))
.update(
    Update::patch(
        "api/2.0/preview/scim/v2/Users/{id}",
        &[
            UpdateField::new("first_name", Write::Custom(given_name)),
            UpdateField::new("last_name", Write::Custom(family_name)),
            UpdateField::new("name", Write::Custom(display_name)),
            UpdateField::new("status", Write::Custom(active)),
            UpdateField::new("roles", Write::Custom(roles)),
        ],
    )
    // `replace` operations set absolute values: sending them twice equals once.
    .idempotent(),
)
.map(&[
    id("id"),
    text(Text::Username, "userName"),
    text(Text::Name, "displayName"),
    text(Text::FirstName, "name.givenName"),
    text(Text::LastName, "name.familyName"),
    emails("emails", "value").kind("type").primary("primary"),
    active_flag("active"),
    refs(Refs::Roles, "roles").id("value"),
    refs(Refs::Groups, "groups").id("value").name("display"),
])
.errors(
    Errors::GENERIC
        .message(&["message", "detail"])
        .code(&["error_code", "scimType"]),
)
.sources(&[
    "https://github.com/databricks/databricks-sdk-go",
    "https://github.com/databricks/databricks-sdk-py/blob/main/examples/users/patch_workspace_users.py",
    "https://docs.databricks.com/api/workspace/users",
])
.absent(&[
    (
        "update:username",
        "Databricks ignores changes to `userName` through the SCIM API (its SDK's documentation)",
    ),
    (
        "update:emails",
        "Databricks ignores changes to `emails` through the SCIM API (its SDK's documentation)",
    ),
    (
        "update:groups",
        "group membership is changed on the group (`PATCH /Groups/{id}` members), not on the user",
    ),
    (
        "update:active",
        "the contract sets it as `status` (`active` / `inactive`), written to `active`",
    ),
]);

/// Connects to Databricks (`host`, and `token` or `client_id` with `client_secret`).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    truto_core::provider::declarative::connect(&SPEC, config)
}

/// Appends a `replace` operation to the `PatchOp` being built.
fn replace(body: &mut Map<String, Value>, path: &str, value: Value) {
    body.entry("schemas").or_insert_with(|| json!([PATCH_OP]));
    let operations = body.entry("Operations").or_insert_with(|| json!([]));
    if let Value::Array(list) = operations {
        list.push(json!({ "op": "replace", "path": path, "value": value }));
    }
}

/// A text value, refused when it is not text.
fn text_value(value: &Value, field: &str) -> std::result::Result<Value, String> {
    match value {
        Value::String(s) => Ok(Value::String(s.clone())),
        _ => Err(format!("`{field}` must be text")),
    }
}

fn given_name(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    replace(body, "name.givenName", text_value(value, "first_name")?);
    Ok(())
}

fn family_name(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    replace(body, "name.familyName", text_value(value, "last_name")?);
    Ok(())
}

fn display_name(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    replace(body, "displayName", text_value(value, "name")?);
    Ok(())
}

/// `status`: `active` / `inactive`, written as Databricks' own example writes `active`.
fn active(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let flag = match value.as_str() {
        Some("active") => "true",
        Some("inactive") => "false",
        _ => return Err("Databricks sets `status` to `active` or `inactive` only".to_owned()),
    };
    replace(body, "active", json!(flag));
    Ok(())
}

/// `roles`: the instance profile ARNs, by id.
fn roles(value: &Value, body: &mut Map<String, Value>) -> std::result::Result<(), String> {
    let mut list = Vec::new();
    for role in value.as_array().into_iter().flatten() {
        match role.get("id").and_then(Value::as_str).map(str::trim) {
            Some(id) if !id.is_empty() => list.push(json!({ "value": id })),
            _ => {
                return Err(
                    "a Databricks role is set by its id (an instance profile ARN)".to_owned(),
                );
            }
        }
    }
    replace(body, "roles", Value::Array(list));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn updates_are_one_patch_op() {
        let mut body = Map::new();
        given_name(&json!("Ada"), &mut body).unwrap();
        active(&json!("inactive"), &mut body).unwrap();
        assert_eq!(
            Value::Object(body),
            json!({
                "schemas": [PATCH_OP],
                "Operations": [
                    {"op": "replace", "path": "name.givenName", "value": "Ada"},
                    {"op": "replace", "path": "active", "value": "false"}
                ]
            })
        );
        assert!(active(&json!("deleted"), &mut Map::new()).is_err());
        assert!(roles(&json!([{"name": "x"}]), &mut Map::new()).is_err());
    }
}
