#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
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

use truto_core::{
    AuthKind, Config, ConfigKey, Family, Filter, Integration, PaginationStyle, Param, Registry,
    Result, UserDirectory,
};

/// Every update field of the contract (and `remote_data`, which the API merges into the
/// provider's request body).
pub const UPDATE_FIELDS: &[&str] = &[
    "name",
    "first_name",
    "last_name",
    "username",
    "password",
    "emails",
    "phones",
    "status",
    "roles",
    "groups",
    "group",
    "organizations",
    "workspaces",
    "licenses",
    "title",
    "timezone",
    "avatar",
    "languages",
    "user_type",
    "urls",
    "remote_data",
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
        .list(PaginationStyle::CursorField)
        .get()
        .update(UPDATE_FIELDS)
        .filters(Filter::ALL)
        .email_filter(Filter::Email)
        .params(PARAMS)
        .open_params()
        .auth(&[AuthKind::Bearer])
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

/// Registers `truto_hosted`.
pub fn register(registry: &mut Registry) {
    registry.register(&INTEGRATION, connect);
}
