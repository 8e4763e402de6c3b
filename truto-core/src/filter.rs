//! The contract's list filters.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

macro_rules! filters {
    ($($variant:ident => $name:literal),* $(,)?) => {
        /// A list filter of the contract. Each integration honours a subset, declared in
        /// its [`Integration::filters`](crate::Integration::filters).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        #[allow(missing_docs)]
        pub enum Filter { $($variant),* }

        impl Filter {
            /// Every filter the contract names.
            pub const ALL: &'static [Filter] = &[$(Filter::$variant),*];

            /// The contract's name of the filter.
            pub fn as_str(self) -> &'static str {
                match self { $(Filter::$variant => $name),* }
            }
        }
    };
}

filters! {
    FirstName => "first_name",
    LastName => "last_name",
    Name => "name",
    Email => "email",
    Emails => "emails",
    Username => "username",
    Title => "title",
    Status => "status",
    CreatedAt => "created_at",
    UpdatedAt => "updated_at",
    SortBy => "sort_by",
    GroupId => "group_id",
    WorkspaceId => "workspace_id",
    OrganizationId => "organization_id",
    OrgId => "org_id",
    RoleId => "role_id",
    Roles => "roles",
    Groups => "groups",
    UserType => "user_type",
    IncludeLastLoginAt => "include_last_login_at",
    IncludeInherited => "include_inherited",
    Product => "product",
    CustomerId => "customer_id",
    OrgUnitPath => "org_unit_path",
}

impl FromStr for Filter {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Filter::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| Error::invalid_input(format!("`{s}` is not a filter of the contract")))
    }
}

impl fmt::Display for Filter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
