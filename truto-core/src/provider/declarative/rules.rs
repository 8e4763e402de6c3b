//! Mapping rules: from locations in a provider's record to the unified fields.
//!
//! Rules apply in order. A single-valued field takes the first value a rule finds (later
//! rules for the same field are fallbacks); a list field (emails, phones, roles, groups,
//! ...) collects what every rule for it finds, without duplicates.
//!
//! ```
//! use truto_core::provider::Status;
//! use truto_core::provider::declarative::rules::*;
//!
//! const RULES: &[Rule] = &[
//!     id("id"),
//!     text(Text::Name, "profile.real_name"),
//!     text(Text::Name, "name"),
//!     email("profile.email"),
//!     status_flag("deleted", Status::Inactive, Some(Status::Active)),
//!     refs(Refs::Roles, "roles[]").id("id").name("name"),
//!     time(Time::UpdatedAt, "updated", TimeFormat::EpochSeconds),
//! ];
//! ```

use crate::wire::Status;

/// A single text field of the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Text {
    /// `external_id`.
    ExternalId,
    /// `first_name`.
    FirstName,
    /// `last_name`.
    LastName,
    /// `name`.
    Name,
    /// `title`.
    Title,
    /// `username`.
    Username,
    /// `user_type`.
    UserType,
    /// `avatar`.
    Avatar,
    /// `timezone`.
    Timezone,
    /// `bio`.
    Bio,
}

impl Text {
    /// The unified field's name.
    pub const fn field(self) -> &'static str {
        match self {
            Text::ExternalId => "external_id",
            Text::FirstName => "first_name",
            Text::LastName => "last_name",
            Text::Name => "name",
            Text::Title => "title",
            Text::Username => "username",
            Text::UserType => "user_type",
            Text::Avatar => "avatar",
            Text::Timezone => "timezone",
            Text::Bio => "bio",
        }
    }
}

/// A list of references of the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refs {
    /// `roles`.
    Roles,
    /// `groups`.
    Groups,
    /// `organizations`.
    Organizations,
    /// `workspaces`.
    Workspaces,
    /// `licenses`.
    Licenses,
}

impl Refs {
    /// The unified field's name.
    pub const fn field(self) -> &'static str {
        match self {
            Refs::Roles => "roles",
            Refs::Groups => "groups",
            Refs::Organizations => "organizations",
            Refs::Workspaces => "workspaces",
            Refs::Licenses => "licenses",
        }
    }
}

/// A timestamp of the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Time {
    /// `created_at`.
    CreatedAt,
    /// `updated_at`.
    UpdatedAt,
    /// `last_active_at`.
    LastActiveAt,
    /// `last_login_at`.
    LastLoginAt,
    /// `status_changed_at`.
    StatusChangedAt,
    /// `activated_at`.
    ActivatedAt,
}

impl Time {
    /// The unified field's name.
    pub const fn field(self) -> &'static str {
        match self {
            Time::CreatedAt => "created_at",
            Time::UpdatedAt => "updated_at",
            Time::LastActiveAt => "last_active_at",
            Time::LastLoginAt => "last_login_at",
            Time::StatusChangedAt => "status_changed_at",
            Time::ActivatedAt => "activated_at",
        }
    }
}

/// A boolean of the user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Flag {
    /// `is_email_verified`.
    EmailVerified,
    /// `is_2fa_enabled`.
    TwoFactor,
}

impl Flag {
    /// The unified field's name.
    pub const fn field(self) -> &'static str {
        match self {
            Flag::EmailVerified => "is_email_verified",
            Flag::TwoFactor => "is_2fa_enabled",
        }
    }
}

/// How a timestamp is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TimeFormat {
    /// RFC 3339, a timestamp without offset (taken as UTC), or a Unix time in seconds or
    /// milliseconds (told apart by size), as text or number.
    Auto,
    /// Unix seconds.
    EpochSeconds,
    /// Unix milliseconds.
    EpochMillis,
    /// A `chrono` format string, taken as UTC when it has no offset.
    Custom(&'static str),
}

/// A text transform a rule's value goes through (a named escape hatch): `None` drops it.
pub type TextFn = fn(&str) -> Option<String>;

/// One mapping rule. Build rules with the functions of this module.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Rule {
    /// `id`, as text (numbers are written out).
    Id {
        /// Location.
        at: &'static str,
    },
    /// A text field, optionally through a table (provider value → unified value; others
    /// pass through) or a function.
    Text {
        /// Field.
        field: Text,
        /// Location.
        at: &'static str,
        /// Values renamed.
        table: &'static [(&'static str, &'static str)],
        /// A transform.
        via: Option<TextFn>,
    },
    /// `name` joined from the first and last names already mapped, when unset.
    NameFromParts,
    /// `first_name` and `last_name` split from a full name at the first space, when unset.
    SplitName {
        /// Location of the full name.
        at: &'static str,
    },
    /// One email address.
    Email {
        /// Location.
        at: &'static str,
        /// Its type.
        kind: Option<&'static str>,
        /// Whether it is the primary address.
        primary: Option<bool>,
    },
    /// Email addresses from an array of objects or of text.
    Emails {
        /// Location of the array.
        list: &'static str,
        /// Location of the address in an element (`""`: the element).
        value: &'static str,
        /// Location of the type in an element.
        kind: Option<&'static str>,
        /// Location of the primary flag in an element.
        primary: Option<&'static str>,
    },
    /// One phone number.
    Phone {
        /// Location.
        at: &'static str,
        /// Its type.
        kind: Option<&'static str>,
    },
    /// Phone numbers from an array.
    Phones {
        /// Location of the array.
        list: &'static str,
        /// Location of the number in an element (`""`: the element).
        value: &'static str,
        /// Location of the type in an element.
        kind: Option<&'static str>,
    },
    /// `status` from a text value through a table; an unmapped value passes through as
    /// the provider's raw status.
    Status {
        /// Location.
        at: &'static str,
        /// Provider values and their unified status (matched ignoring ASCII case).
        table: &'static [(&'static str, Status)],
    },
    /// `status` from a boolean.
    StatusFlag {
        /// Location.
        at: &'static str,
        /// The status when it is true.
        when_true: Status,
        /// The status when it is false (none: the rule finds nothing).
        when_false: Option<Status>,
    },
    /// A boolean field (read leniently: `true`, `"true"`, `1`, `"yes"`, ...).
    Flag {
        /// Field.
        field: Flag,
        /// Location.
        at: &'static str,
        /// The field is the opposite of the value.
        invert: bool,
    },
    /// References from an array of objects or of text.
    Refs {
        /// Field.
        field: Refs,
        /// Location of the array.
        list: &'static str,
        /// Location of the id in an element (`""`: the element).
        id: Option<&'static str>,
        /// Location of the name in an element (`""`: the element).
        name: Option<&'static str>,
    },
    /// One reference from locations in the record.
    Ref {
        /// Field.
        field: Refs,
        /// Location of the id.
        id: Option<&'static str>,
        /// Location of the name.
        name: Option<&'static str>,
    },
    /// A fixed reference when a flag is true (`is_admin` → role `admin`).
    RefIf {
        /// Field.
        field: Refs,
        /// Location of the flag.
        at: &'static str,
        /// The reference's name.
        name: &'static str,
    },
    /// A timestamp.
    Time {
        /// Field.
        field: Time,
        /// Location.
        at: &'static str,
        /// Its format.
        format: TimeFormat,
    },
    /// `languages` from text or an array of text.
    Languages {
        /// Location.
        at: &'static str,
    },
    /// One URL of the user.
    Url {
        /// Location.
        at: &'static str,
        /// Its type.
        kind: Option<&'static str>,
    },
    /// One entry of `identifiers`.
    Identifier {
        /// The identifier's name in `identifiers`.
        name: &'static str,
        /// Location.
        at: &'static str,
    },
    /// `user_type` from a boolean.
    UserTypeFlag {
        /// Location.
        at: &'static str,
        /// The type when it is true.
        when_true: &'static str,
        /// The type when it is false.
        when_false: Option<&'static str>,
    },
}

/// `id` at `at`.
pub const fn id(at: &'static str) -> Rule {
    Rule::Id { at }
}

/// A text field at `at`.
pub const fn text(field: Text, at: &'static str) -> Rule {
    Rule::Text {
        field,
        at,
        table: &[],
        via: None,
    }
}

/// `name` from the mapped first and last names, when no rule set it.
pub const fn name_from_parts() -> Rule {
    Rule::NameFromParts
}

/// `first_name` and `last_name` from the full name at `at`, when no rule set them.
pub const fn split_name(at: &'static str) -> Rule {
    Rule::SplitName { at }
}

/// One email address at `at`, marked primary.
pub const fn email(at: &'static str) -> Rule {
    Rule::Email {
        at,
        kind: None,
        primary: Some(true),
    }
}

/// Email addresses from the array at `list` (each element an object with the address at
/// `value`, or the address itself when `value` is `""`).
pub const fn emails(list: &'static str, value: &'static str) -> Rule {
    Rule::Emails {
        list,
        value,
        kind: None,
        primary: None,
    }
}

/// One phone number at `at`.
pub const fn phone(at: &'static str) -> Rule {
    Rule::Phone { at, kind: None }
}

/// Phone numbers from the array at `list`.
pub const fn phones(list: &'static str, value: &'static str) -> Rule {
    Rule::Phones {
        list,
        value,
        kind: None,
    }
}

/// `status` from the text at `at`, through `table`; other values pass through.
pub const fn status(at: &'static str, table: &'static [(&'static str, Status)]) -> Rule {
    Rule::Status { at, table }
}

/// `status` from the boolean at `at`.
pub const fn status_flag(at: &'static str, when_true: Status, when_false: Option<Status>) -> Rule {
    Rule::StatusFlag {
        at,
        when_true,
        when_false,
    }
}

/// `status` `active` / `inactive` from an `active` flag at `at`.
pub const fn active_flag(at: &'static str) -> Rule {
    status_flag(at, Status::Active, Some(Status::Inactive))
}

/// A boolean field from `at`.
pub const fn flag(field: Flag, at: &'static str) -> Rule {
    Rule::Flag {
        field,
        at,
        invert: false,
    }
}

/// References from the array at `list` (add `.id(…)` and `.name(…)`).
pub const fn refs(field: Refs, list: &'static str) -> Rule {
    Rule::Refs {
        field,
        list,
        id: None,
        name: None,
    }
}

/// One reference from the record itself (add `.id(…)` and `.name(…)`).
pub const fn reference(field: Refs) -> Rule {
    Rule::Ref {
        field,
        id: None,
        name: None,
    }
}

/// A reference named `name` when the flag at `at` is true.
pub const fn ref_if(field: Refs, at: &'static str, name: &'static str) -> Rule {
    Rule::RefIf { field, at, name }
}

/// A timestamp at `at`.
pub const fn time(field: Time, at: &'static str, format: TimeFormat) -> Rule {
    Rule::Time { field, at, format }
}

/// `languages` from the text or array of text at `at`.
pub const fn languages(at: &'static str) -> Rule {
    Rule::Languages { at }
}

/// One URL at `at`.
pub const fn url(at: &'static str, kind: Option<&'static str>) -> Rule {
    Rule::Url { at, kind }
}

/// `identifiers[name]` from `at`.
pub const fn identifier(name: &'static str, at: &'static str) -> Rule {
    Rule::Identifier { name, at }
}

/// `user_type` from the boolean at `at`.
pub const fn user_type_flag(
    at: &'static str,
    when_true: &'static str,
    when_false: Option<&'static str>,
) -> Rule {
    Rule::UserTypeFlag {
        at,
        when_true,
        when_false,
    }
}

// The modifiers are called in `const` context, where a misuse is a compile error; the
// panics are how a `const fn` reports it.
#[allow(clippy::panic)]
impl Rule {
    /// The location of the id of each reference (`refs`, `reference`).
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn id(self, at: &'static str) -> Rule {
        match self {
            Rule::Refs {
                field, list, name, ..
            } => Rule::Refs {
                field,
                list,
                id: Some(at),
                name,
            },
            Rule::Ref { field, name, .. } => Rule::Ref {
                field,
                id: Some(at),
                name,
            },
            _ => panic!("`.id(…)` applies to `refs` and `reference` rules"),
        }
    }

    /// The location of the name of each reference (`refs`, `reference`).
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn name(self, at: &'static str) -> Rule {
        match self {
            Rule::Refs {
                field, list, id, ..
            } => Rule::Refs {
                field,
                list,
                id,
                name: Some(at),
            },
            Rule::Ref { field, id, .. } => Rule::Ref {
                field,
                id,
                name: Some(at),
            },
            _ => panic!("`.name(…)` applies to `refs` and `reference` rules"),
        }
    }

    /// The type of an email or phone: a fixed word for `email`/`phone`, the location of
    /// the type in an element for `emails`/`phones`.
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn kind(self, kind: &'static str) -> Rule {
        match self {
            Rule::Email { at, primary, .. } => Rule::Email {
                at,
                kind: Some(kind),
                primary,
            },
            Rule::Emails {
                list,
                value,
                primary,
                ..
            } => Rule::Emails {
                list,
                value,
                kind: Some(kind),
                primary,
            },
            Rule::Phone { at, .. } => Rule::Phone {
                at,
                kind: Some(kind),
            },
            Rule::Phones { list, value, .. } => Rule::Phones {
                list,
                value,
                kind: Some(kind),
            },
            _ => panic!("`.kind(…)` applies to email and phone rules"),
        }
    }

    /// The location of the primary flag in each element of `emails`.
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn primary(self, at: &'static str) -> Rule {
        match self {
            Rule::Emails {
                list, value, kind, ..
            } => Rule::Emails {
                list,
                value,
                kind,
                primary: Some(at),
            },
            _ => panic!("`.primary(…)` applies to `emails` rules"),
        }
    }

    /// An `email` that is not known to be the primary address.
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn secondary(self) -> Rule {
        match self {
            Rule::Email { at, kind, .. } => Rule::Email {
                at,
                kind,
                primary: None,
            },
            _ => panic!("`.secondary()` applies to `email` rules"),
        }
    }

    /// Renames values of a text field through `table` (others pass through).
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn table(self, table: &'static [(&'static str, &'static str)]) -> Rule {
        match self {
            Rule::Text { field, at, via, .. } => Rule::Text {
                field,
                at,
                table,
                via,
            },
            _ => panic!("`.table(…)` applies to `text` rules"),
        }
    }

    /// Passes a text field's value through `f`.
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn via(self, f: TextFn) -> Rule {
        match self {
            Rule::Text {
                field, at, table, ..
            } => Rule::Text {
                field,
                at,
                table,
                via: Some(f),
            },
            _ => panic!("`.via(…)` applies to `text` rules"),
        }
    }

    /// A flag whose meaning is the opposite of the field (`disabled` for 2FA off).
    ///
    /// # Panics
    /// At compile time, on another kind of rule.
    pub const fn inverted(self) -> Rule {
        match self {
            Rule::Flag { field, at, .. } => Rule::Flag {
                field,
                at,
                invert: true,
            },
            _ => panic!("`.inverted()` applies to `flag` rules"),
        }
    }

    /// The unified field the rule fills (`name` for the name rules, `first_name` for a
    /// split name).
    pub fn field(&self) -> &'static str {
        match self {
            Rule::Id { .. } => "id",
            Rule::Text { field, .. } => field.field(),
            Rule::NameFromParts => "name",
            Rule::SplitName { .. } => "first_name",
            Rule::Email { .. } | Rule::Emails { .. } => "emails",
            Rule::Phone { .. } | Rule::Phones { .. } => "phones",
            Rule::Status { .. } | Rule::StatusFlag { .. } => "status",
            Rule::Flag { field, .. } => field.field(),
            Rule::Refs { field, .. } | Rule::Ref { field, .. } | Rule::RefIf { field, .. } => {
                field.field()
            }
            Rule::Time { field, .. } => field.field(),
            Rule::Languages { .. } => "languages",
            Rule::Url { .. } => "urls",
            Rule::Identifier { .. } => "identifiers",
            Rule::UserTypeFlag { .. } => "user_type",
        }
    }

    /// Every record location the rule reads (list locations with their element
    /// locations joined to them).
    pub fn locations(&self) -> Vec<String> {
        let join = |list: &str, inner: &str| {
            let base = list.strip_suffix("[]").unwrap_or(list);
            if inner.is_empty() {
                format!("{base}[]")
            } else {
                format!("{base}[].{inner}")
            }
        };
        match *self {
            Rule::Id { at }
            | Rule::Text { at, .. }
            | Rule::SplitName { at }
            | Rule::Email { at, .. }
            | Rule::Phone { at, .. }
            | Rule::Status { at, .. }
            | Rule::StatusFlag { at, .. }
            | Rule::Flag { at, .. }
            | Rule::RefIf { at, .. }
            | Rule::Time { at, .. }
            | Rule::Languages { at }
            | Rule::Url { at, .. }
            | Rule::Identifier { at, .. }
            | Rule::UserTypeFlag { at, .. } => vec![at.to_owned()],
            Rule::NameFromParts => Vec::new(),
            Rule::Emails {
                list,
                value,
                kind,
                primary,
            } => [Some(value), kind, primary]
                .into_iter()
                .flatten()
                .map(|inner| join(list, inner))
                .collect(),
            Rule::Phones { list, value, kind } => [Some(value), kind]
                .into_iter()
                .flatten()
                .map(|inner| join(list, inner))
                .collect(),
            Rule::Refs { list, id, name, .. } => [id, name]
                .into_iter()
                .flatten()
                .map(|inner| join(list, inner))
                .collect(),
            Rule::Ref { id, name, .. } => [id, name]
                .into_iter()
                .flatten()
                .map(str::to_owned)
                .collect(),
        }
    }
}
