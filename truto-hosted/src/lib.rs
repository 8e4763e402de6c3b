#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod catalog;
mod client;
pub mod errors;
mod wire;

use std::sync::Arc;

pub use client::TrutoHosted;

use truto_core::provider::{Credential, FilterRule, UpdateField};
use truto_core::{
    Config, ConfigKey, Family, Filter, Integration, PaginationStyle, Param, Registry, Result,
    UserDirectory,
};

/// Every update field of the contract (and `remote_data`, which the API merges into the
/// provider's request body); the hosted API writes them.
pub const UPDATE_FIELDS: &[UpdateField] = &[
    UpdateField::native("name"),
    UpdateField::native("first_name"),
    UpdateField::native("last_name"),
    UpdateField::native("username"),
    UpdateField::native("password"),
    UpdateField::native("emails"),
    UpdateField::native("phones"),
    UpdateField::native("status"),
    UpdateField::native("roles"),
    UpdateField::native("groups"),
    UpdateField::native("group"),
    UpdateField::native("organizations"),
    UpdateField::native("workspaces"),
    UpdateField::native("licenses"),
    UpdateField::native("title"),
    UpdateField::native("timezone"),
    UpdateField::native("avatar"),
    UpdateField::native("languages"),
    UpdateField::native("user_type"),
    UpdateField::native("urls"),
    UpdateField::native("remote_data"),
];

/// Every filter of the contract, sent as the hosted API names it.
pub const FILTERS: &[FilterRule] = &[
    FilterRule::native(Filter::FirstName),
    FilterRule::native(Filter::LastName),
    FilterRule::native(Filter::Name),
    FilterRule::native(Filter::Email),
    FilterRule::native(Filter::Emails),
    FilterRule::native(Filter::Username),
    FilterRule::native(Filter::Title),
    FilterRule::native(Filter::Status),
    FilterRule::native(Filter::CreatedAt),
    FilterRule::native(Filter::UpdatedAt),
    FilterRule::native(Filter::SortBy),
    FilterRule::native(Filter::GroupId),
    FilterRule::native(Filter::WorkspaceId),
    FilterRule::native(Filter::OrganizationId),
    FilterRule::native(Filter::OrgId),
    FilterRule::native(Filter::RoleId),
    FilterRule::native(Filter::Roles),
    FilterRule::native(Filter::Groups),
    FilterRule::native(Filter::UserType),
    FilterRule::native(Filter::IncludeLastLoginAt),
    FilterRule::native(Filter::IncludeInherited),
    FilterRule::native(Filter::Product),
    FilterRule::native(Filter::CustomerId),
    FilterRule::native(Filter::OrgUnitPath),
];

/// Parameters the contract names that are not filters; sent as plain query parameters.
pub const PARAMS: &[Param] = &[
    Param::new(
        "workspace",
        "the workspace a get or update applies to (WordPress, Power BI)",
    ),
    Param::new("user_id", "the user an update applies to (Torii)"),
];

/// What the hosted API declares: list (by `next_cursor`), get and update, every filter of
/// the contract and every update field. A client narrows it to the integration behind its
/// account (see [`TrutoHosted`]).
pub static INTEGRATION: Integration =
    Integration::new("truto_hosted", "Truto hosted API", Family::Hosted)
        .note("`token` + `integrated_account_id` (+ optional `integration`): any integration Truto connects, behind the same trait")
        .list(PaginationStyle::CursorField)
        .get()
        .update(UPDATE_FIELDS)
        .filters(FILTERS)
        .email_filter(Filter::Email)
        .params(PARAMS)
        .open_params()
        .credentials(&[Credential::bearer("token")])
        .base_url("https://api.truto.one")
        .config(&[
            ConfigKey::secret(
                "token",
                "Truto API token, sent as `Authorization: Bearer <token>`",
            ),
            ConfigKey::required(
                "integrated_account_id",
                "the integrated account (UUID) whose users are read and changed",
            ),
            ConfigKey::optional(
                "integration",
                "slug or name of the integration behind the account; enables checks before sending",
            ),
        ]);

/// Connects to the hosted API (see [`TrutoHosted::connect`] for the config keys).
pub fn connect(config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(TrutoHosted::connect(config)?))
}

/// Connects, validating options against the declared rules of the integration behind the
/// account when `registry` has it compiled in (see [`TrutoHosted::connect_with_registry`]).
pub fn connect_with_registry(
    config: &Config,
    registry: &Registry,
) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(TrutoHosted::connect_with_registry(
        config, registry,
    )?))
}

/// Connects to `integration` through the hosted API: the registry's constructor for an
/// integration reached only through Truto. `config` carries the hosted API's keys (`token`,
/// `integrated_account_id`); `integration` names the integration behind the account.
pub fn connect_as(
    integration: &'static Integration,
    config: &Config,
) -> Result<Arc<dyn UserDirectory>> {
    let config = config.clone().set("integration", integration.slug);
    let hosted = TrutoHosted::connect(&config)?;
    Ok(Arc::new(if integration.is_direct() {
        hosted.with_rules(integration)
    } else {
        hosted
    }))
}

/// Registers `truto_hosted`, and makes the integrations reached only through Truto
/// buildable through it.
pub fn register(registry: &mut Registry) {
    registry.register(&INTEGRATION, connect);
    registry.set_hosted(connect_as);
}
