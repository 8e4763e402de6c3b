//! The unified [`User`] and its parts, with the contract's exact JSON names.
//!
//! Every field but `id` is optional. Absent values are left out of the JSON this crate
//! writes (`None` and empty arrays are skipped) and default when read, so a user
//! round-trips losslessly through JSON.

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// A user of a SaaS product, in the unified shape every integration maps into.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The provider's identifier of the user.
    pub id: String,
    /// Identifier set by the customer's own system (SCIM `externalId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Other identifiers the provider keeps (employee number, login id, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identifiers: Option<Map<String, Value>>,
    /// Given name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Display or full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Login or handle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Email addresses.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub emails: Vec<Email>,
    /// Phone numbers.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub phones: Vec<Phone>,
    /// Lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<UserStatus>,
    /// Whether the provider has verified the user's email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_email_verified: Option<bool>,
    /// Whether the user has a second factor enrolled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_2fa_enabled: Option<bool>,
    /// Roles, with where each applies when roles differ per group, organization or workspace.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub roles: Vec<Role>,
    /// Organizations the user belongs to.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub organizations: Vec<Organization>,
    /// Workspaces the user belongs to.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub workspaces: Vec<Workspace>,
    /// Groups or teams the user belongs to.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub groups: Vec<Group>,
    /// Licenses or products assigned to the user.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub licenses: Vec<License>,
    /// Kind of account, e.g. `admin`, `end_user`, `user`, `service-account`, `machine`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,
    /// URL of the user's picture.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar: Option<String>,
    /// IANA time zone, as the provider reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Preferred languages or locales.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub languages: Vec<String>,
    /// Short self-description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<String>,
    /// Web addresses of the user.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "list"
    )]
    pub urls: Vec<UserUrl>,
    /// When the account was created.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp",
        serialize_with = "timestamp_text"
    )]
    pub created_at: Option<DateTime<Utc>>,
    /// When the account was last changed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp",
        serialize_with = "timestamp_text"
    )]
    pub updated_at: Option<DateTime<Utc>>,
    /// When the user was last active.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp",
        serialize_with = "timestamp_text"
    )]
    pub last_active_at: Option<DateTime<Utc>>,
    /// When the user last signed in.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp",
        serialize_with = "timestamp_text"
    )]
    pub last_login_at: Option<DateTime<Utc>>,
    /// When `status` last changed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp",
        serialize_with = "timestamp_text"
    )]
    pub status_changed_at: Option<DateTime<Utc>>,
    /// When the account was activated.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "timestamp",
        serialize_with = "timestamp_text"
    )]
    pub activated_at: Option<DateTime<Utc>>,
    /// The provider's own record, untouched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remote_data: Option<RemoteData>,
}

impl User {
    /// A user with only its id set.
    pub fn new(id: impl Into<String>) -> Self {
        User {
            id: id.into(),
            ..User::default()
        }
    }

    /// The primary email address: the one marked primary, else the first.
    pub fn primary_email(&self) -> Option<&str> {
        self.emails
            .iter()
            .find(|e| e.is_primary == Some(true))
            .or_else(|| self.emails.first())
            .map(|e| e.email.as_str())
    }

    /// Whether any of the user's email addresses equals `email`, ignoring ASCII case.
    pub fn has_email(&self, email: &str) -> bool {
        let wanted = email.trim();
        self.emails
            .iter()
            .any(|e| e.email.trim().eq_ignore_ascii_case(wanted))
    }
}

/// An email address of a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Email {
    /// The address.
    pub email: String,
    /// Kind of address as the provider names it (`work`, `home`, ...).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether this is the primary address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub is_primary: Option<bool>,
}

impl Email {
    /// An address with no type.
    pub fn new(email: impl Into<String>) -> Self {
        Email {
            email: email.into(),
            ..Email::default()
        }
    }

    /// The same address marked primary (or not).
    pub fn primary(mut self, is_primary: bool) -> Self {
        self.is_primary = Some(is_primary);
        self
    }

    /// The same address with a type.
    pub fn with_type(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }
}

/// A phone number of a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Phone {
    /// The number as the provider stores it.
    pub number: String,
    /// Extension, when kept apart from the number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extension: Option<String>,
    /// Kind of number, e.g. `phone`, `mobile`, `work`.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl Phone {
    /// A number with no type.
    pub fn new(number: impl Into<String>) -> Self {
        Phone {
            number: number.into(),
            ..Phone::default()
        }
    }

    /// The same number with a type.
    pub fn with_type(mut self, kind: impl Into<String>) -> Self {
        self.kind = Some(kind.into());
        self
    }
}

/// A role of a user, and where it applies.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Role {
    /// The provider's role id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The role's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The group the role applies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<Reference>,
    /// The organization the role applies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Reference>,
    /// The workspace the role applies in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workspace: Option<Reference>,
}

impl Role {
    /// A role known by id and/or name.
    pub fn new(id: Option<String>, name: Option<String>) -> Self {
        Role {
            id,
            name,
            ..Role::default()
        }
    }
}

/// A reference to another object: its id and name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Reference {
    /// The provider's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Reference {
    /// A reference from an id and a name.
    pub fn new(id: Option<String>, name: Option<String>) -> Self {
        Reference { id, name }
    }
}

/// An organization a user belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Organization {
    /// The provider's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The organization's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl Organization {
    /// An organization from an id and a name.
    pub fn new(id: Option<String>, name: Option<String>) -> Self {
        Organization { id, name }
    }
}

/// A workspace a user belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Workspace {
    /// The provider's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The workspace's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The organization the workspace belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Reference>,
}

impl Workspace {
    /// A workspace from an id and a name.
    pub fn new(id: Option<String>, name: Option<String>) -> Self {
        Workspace {
            id,
            name,
            organization: None,
        }
    }
}

/// A group or team a user belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// The provider's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The group's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The organization the group belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Reference>,
}

impl Group {
    /// A group from an id and a name.
    pub fn new(id: Option<String>, name: Option<String>) -> Self {
        Group {
            id,
            name,
            organization: None,
        }
    }
}

/// A license or product assigned to a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct License {
    /// The provider's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The license's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The organization that holds the license.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<Reference>,
    /// When the user last used the licensed product.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "timestamp_text"
    )]
    pub last_active_at: Option<DateTime<Utc>>,
}

impl License {
    /// A license from an id and a name.
    pub fn new(id: Option<String>, name: Option<String>) -> Self {
        License {
            id,
            name,
            ..License::default()
        }
    }
}

/// A web address of a user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserUrl {
    /// The address.
    pub url: String,
    /// Kind of address (`profile`, `blog`, ...).
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

impl UserUrl {
    /// An address with an optional type.
    pub fn new(url: impl Into<String>, kind: Option<String>) -> Self {
        UserUrl {
            url: url.into(),
            kind,
        }
    }
}

/// The lifecycle status of a user.
///
/// Providers' values that have a clear unified meaning map to the four named variants;
/// anything else is kept verbatim in [`UserStatus::Other`] (the contract's "raw value").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum UserStatus {
    /// Can sign in and use the product.
    Active,
    /// Exists but cannot sign in (deactivated, suspended, blocked).
    Inactive,
    /// Removed, or pending removal.
    Deleted,
    /// Invited and not yet joined.
    Invited,
    /// A provider value with no clear unified meaning, unchanged.
    Other(String),
}

impl UserStatus {
    /// The JSON text of the status.
    pub fn as_str(&self) -> &str {
        match self {
            UserStatus::Active => "active",
            UserStatus::Inactive => "inactive",
            UserStatus::Deleted => "deleted",
            UserStatus::Invited => "invited",
            UserStatus::Other(raw) => raw,
        }
    }

    /// Parses the unified names exactly; any other text becomes [`UserStatus::Other`].
    pub fn from_unified(text: &str) -> Self {
        match text {
            "active" => UserStatus::Active,
            "inactive" => UserStatus::Inactive,
            "deleted" => UserStatus::Deleted,
            "invited" => UserStatus::Invited,
            other => UserStatus::Other(other.to_owned()),
        }
    }

    /// The unified status for an active/inactive flag, as most providers report it.
    pub fn from_active(active: bool) -> Self {
        if active {
            UserStatus::Active
        } else {
            UserStatus::Inactive
        }
    }
}

impl fmt::Display for UserStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for UserStatus {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(UserStatus::from_unified(s))
    }
}

impl Serialize for UserStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for UserStatus {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Read from the text in place: only a status outside the unified ones is copied.
        struct StatusText;
        impl serde::de::Visitor<'_> for StatusText {
            type Value = UserStatus;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a status text")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<UserStatus, E> {
                Ok(UserStatus::from_unified(text))
            }
            fn visit_string<E: serde::de::Error>(self, text: String) -> Result<UserStatus, E> {
                Ok(match UserStatus::from_unified(&text) {
                    UserStatus::Other(_) => UserStatus::Other(text),
                    known => known,
                })
            }
        }
        deserializer.deserialize_str(StatusText)
    }
}

/// The provider's own record, kept as the exact JSON text it sent.
///
/// Keeping the text rather than a parsed tree means a listing parses each record once
/// into the provider's wire struct and never builds a `serde_json::Value` it may not need.
/// Call [`RemoteData::to_value`] or [`RemoteData::deserialize`] to look inside.
///
/// A listing on the declarative layer does not copy each record: its users' remote data
/// share the text of the page they came in, which lives as long as one of them does (and
/// clones share it too). To keep a few users of a large listing without their pages, call
/// [`RemoteData::detach`] on those kept.
#[derive(Clone)]
pub struct RemoteData(Text);

/// Valid JSON, with no white space around it: every constructor makes sure.
#[derive(Clone)]
enum Text {
    /// The record's own copy.
    Own(Box<str>),
    /// The record's place in its page's text (`page[start..end]`).
    InPage {
        page: Arc<str>,
        start: u32,
        end: u32,
    },
}

impl RemoteData {
    /// Wraps already-validated JSON text.
    pub fn from_raw(raw: Box<RawValue>) -> Self {
        RemoteData(Text::Own(raw.into()))
    }

    /// Serializes a value into remote data.
    pub fn from_value(value: &Value) -> Self {
        // Serializing a `Value` cannot fail; fall back to `null` rather than panic.
        let raw = serde_json::value::to_raw_value(value).unwrap_or_else(|_| null_raw());
        RemoteData::from_raw(raw)
    }

    /// `record`, a part of `page`'s text known to be one valid JSON value with no white
    /// space around it because it was read whole as part of the page: shared with the
    /// page, not copied nor validated again. Text that is not part of `page` is copied.
    pub(crate) fn in_page(page: &Arc<str>, record: &str) -> Self {
        // Where the record lies in the page's memory: text elsewhere is out of its bounds.
        let start = (record.as_ptr() as usize).wrapping_sub(page.as_ptr() as usize);
        let end = start.wrapping_add(record.len());
        match (u32::try_from(start), u32::try_from(end)) {
            (Ok(start), Ok(end)) if page.get(start as usize..end as usize).is_some() => {
                RemoteData(Text::InPage {
                    page: Arc::clone(page),
                    start,
                    end,
                })
            }
            _ => RemoteData(Text::Own(record.into())),
        }
    }

    /// The JSON text.
    pub fn get(&self) -> &str {
        match &self.0 {
            Text::Own(text) => text,
            // In bounds and on character boundaries: `in_page` checked both.
            Text::InPage { page, start, end } => &page[*start as usize..*end as usize],
        }
    }

    /// Gives this record its own copy of its text, so that it no longer keeps the page it
    /// came in alive (see the type's docs); nothing to do when it has one already.
    pub fn detach(&mut self) {
        if let Text::InPage { .. } = self.0 {
            self.0 = Text::Own(self.get().into());
        }
    }

    /// The record parsed into a JSON tree.
    pub fn to_value(&self) -> Value {
        serde_json::from_str(self.get()).unwrap_or(Value::Null)
    }

    /// The record parsed into any deserializable type.
    pub fn deserialize<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<T> {
        serde_json::from_str(self.get())
    }

    /// The text as a [`RawValue`], to embed in other serialized JSON. It scans the text
    /// (a listing does not keep it scanned; most callers never ask).
    pub fn as_raw(&self) -> &RawValue {
        serde_json::from_str(self.get()).unwrap_or(RawValue::NULL)
    }
}

fn null_raw() -> Box<RawValue> {
    RawValue::NULL.to_owned()
}

impl fmt::Debug for RemoteData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("RemoteData").field(&self.get()).finish()
    }
}

impl PartialEq for RemoteData {
    /// Two records are equal when they hold the same JSON, whatever the spacing or key order.
    fn eq(&self, other: &Self) -> bool {
        self.get() == other.get() || self.to_value() == other.to_value()
    }
}

impl Serialize for RemoteData {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Written out as the text it is (a `RawValue`), not as a string.
        self.as_raw().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for RemoteData {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Box::<RawValue>::deserialize(deserializer).map(RemoteData::from_raw)
    }
}

impl From<Value> for RemoteData {
    fn from(value: Value) -> Self {
        RemoteData::from_value(&value)
    }
}

/// A unified field of [`User`], by its JSON name: what `exclude_fields` and `key_by` take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[allow(missing_docs)]
pub enum UserField {
    Id,
    ExternalId,
    Identifiers,
    FirstName,
    LastName,
    Name,
    Title,
    Username,
    Emails,
    Phones,
    Status,
    IsEmailVerified,
    Is2faEnabled,
    Roles,
    Organizations,
    Workspaces,
    Groups,
    Licenses,
    UserType,
    Avatar,
    Timezone,
    Languages,
    Bio,
    Urls,
    CreatedAt,
    UpdatedAt,
    LastActiveAt,
    LastLoginAt,
    StatusChangedAt,
    ActivatedAt,
    RemoteData,
}

impl UserField {
    /// Every field, in the contract's order.
    pub const ALL: &'static [UserField] = &[
        UserField::Id,
        UserField::ExternalId,
        UserField::Identifiers,
        UserField::FirstName,
        UserField::LastName,
        UserField::Name,
        UserField::Title,
        UserField::Username,
        UserField::Emails,
        UserField::Phones,
        UserField::Status,
        UserField::IsEmailVerified,
        UserField::Is2faEnabled,
        UserField::Roles,
        UserField::Organizations,
        UserField::Workspaces,
        UserField::Groups,
        UserField::Licenses,
        UserField::UserType,
        UserField::Avatar,
        UserField::Timezone,
        UserField::Languages,
        UserField::Bio,
        UserField::Urls,
        UserField::CreatedAt,
        UserField::UpdatedAt,
        UserField::LastActiveAt,
        UserField::LastLoginAt,
        UserField::StatusChangedAt,
        UserField::ActivatedAt,
        UserField::RemoteData,
    ];

    /// The field's JSON name.
    pub fn as_str(self) -> &'static str {
        match self {
            UserField::Id => "id",
            UserField::ExternalId => "external_id",
            UserField::Identifiers => "identifiers",
            UserField::FirstName => "first_name",
            UserField::LastName => "last_name",
            UserField::Name => "name",
            UserField::Title => "title",
            UserField::Username => "username",
            UserField::Emails => "emails",
            UserField::Phones => "phones",
            UserField::Status => "status",
            UserField::IsEmailVerified => "is_email_verified",
            UserField::Is2faEnabled => "is_2fa_enabled",
            UserField::Roles => "roles",
            UserField::Organizations => "organizations",
            UserField::Workspaces => "workspaces",
            UserField::Groups => "groups",
            UserField::Licenses => "licenses",
            UserField::UserType => "user_type",
            UserField::Avatar => "avatar",
            UserField::Timezone => "timezone",
            UserField::Languages => "languages",
            UserField::Bio => "bio",
            UserField::Urls => "urls",
            UserField::CreatedAt => "created_at",
            UserField::UpdatedAt => "updated_at",
            UserField::LastActiveAt => "last_active_at",
            UserField::LastLoginAt => "last_login_at",
            UserField::StatusChangedAt => "status_changed_at",
            UserField::ActivatedAt => "activated_at",
            UserField::RemoteData => "remote_data",
        }
    }

    /// Clears this field of `user` (`id` cannot be cleared and is left as is).
    pub fn clear(self, user: &mut User) {
        match self {
            UserField::Id => {}
            UserField::ExternalId => user.external_id = None,
            UserField::Identifiers => user.identifiers = None,
            UserField::FirstName => user.first_name = None,
            UserField::LastName => user.last_name = None,
            UserField::Name => user.name = None,
            UserField::Title => user.title = None,
            UserField::Username => user.username = None,
            UserField::Emails => user.emails.clear(),
            UserField::Phones => user.phones.clear(),
            UserField::Status => user.status = None,
            UserField::IsEmailVerified => user.is_email_verified = None,
            UserField::Is2faEnabled => user.is_2fa_enabled = None,
            UserField::Roles => user.roles.clear(),
            UserField::Organizations => user.organizations.clear(),
            UserField::Workspaces => user.workspaces.clear(),
            UserField::Groups => user.groups.clear(),
            UserField::Licenses => user.licenses.clear(),
            UserField::UserType => user.user_type = None,
            UserField::Avatar => user.avatar = None,
            UserField::Timezone => user.timezone = None,
            UserField::Languages => user.languages.clear(),
            UserField::Bio => user.bio = None,
            UserField::Urls => user.urls.clear(),
            UserField::CreatedAt => user.created_at = None,
            UserField::UpdatedAt => user.updated_at = None,
            UserField::LastActiveAt => user.last_active_at = None,
            UserField::LastLoginAt => user.last_login_at = None,
            UserField::StatusChangedAt => user.status_changed_at = None,
            UserField::ActivatedAt => user.activated_at = None,
            UserField::RemoteData => user.remote_data = None,
        }
    }

    /// The text a user is keyed by for this field (`key_by`), if the field is a scalar the
    /// user has. `emails` keys by the primary address.
    pub fn key_of(self, user: &User) -> Option<String> {
        fn date(d: &Option<DateTime<Utc>>) -> Option<String> {
            d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        }
        match self {
            UserField::Id => Some(user.id.clone()),
            UserField::ExternalId => user.external_id.clone(),
            UserField::FirstName => user.first_name.clone(),
            UserField::LastName => user.last_name.clone(),
            UserField::Name => user.name.clone(),
            UserField::Title => user.title.clone(),
            UserField::Username => user.username.clone(),
            UserField::Emails => user.primary_email().map(str::to_owned),
            UserField::Phones => user.phones.first().map(|p| p.number.clone()),
            UserField::Status => user.status.as_ref().map(|s| s.as_str().to_owned()),
            UserField::UserType => user.user_type.clone(),
            UserField::Avatar => user.avatar.clone(),
            UserField::Timezone => user.timezone.clone(),
            UserField::Bio => user.bio.clone(),
            UserField::CreatedAt => date(&user.created_at),
            UserField::UpdatedAt => date(&user.updated_at),
            UserField::LastActiveAt => date(&user.last_active_at),
            UserField::LastLoginAt => date(&user.last_login_at),
            UserField::StatusChangedAt => date(&user.status_changed_at),
            UserField::ActivatedAt => date(&user.activated_at),
            UserField::IsEmailVerified => user.is_email_verified.map(|b| b.to_string()),
            UserField::Is2faEnabled => user.is_2fa_enabled.map(|b| b.to_string()),
            UserField::Identifiers
            | UserField::Roles
            | UserField::Organizations
            | UserField::Workspaces
            | UserField::Groups
            | UserField::Licenses
            | UserField::Languages
            | UserField::Urls
            | UserField::RemoteData => None,
        }
    }
}

impl fmt::Display for UserField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text named no field of [`User`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a field of the unified user")]
pub struct UnknownField(pub String);

impl FromStr for UserField {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        UserField::ALL
            .iter()
            .copied()
            .find(|f| f.as_str() == s)
            .ok_or_else(|| UnknownField(s.to_owned()))
    }
}

/// A JSON list, allocated at the size it has when it has one or two items (most of a
/// user's lists), not at the four serde reserves when the length is not known ahead.
fn list<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    struct List<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for List<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a sequence")
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let Some(first) = seq.next_element()? else {
                return Ok(Vec::new());
            };
            let Some(second) = seq.next_element()? else {
                return Ok(vec![first]);
            };
            let mut items = vec![first, second];
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(List(std::marker::PhantomData))
}

/// A contract timestamp: RFC 3339, read by hand in its common shape
/// (`2024-05-06T07:08:09(.fraction)(Z|±hh:mm)`) and by chrono otherwise, which is several
/// times slower and was a tenth of a page's decoding.
fn timestamp<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    struct Timestamp;
    impl<'de> serde::de::Visitor<'de> for Timestamp {
        type Value = Option<DateTime<Utc>>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 timestamp or null")
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_str(self)
        }
        // Borrowed or transient text alike: nothing is allocated.
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
            if let Some(parsed) = crate::provider::decode::rfc3339_fast(text) {
                return Ok(Some(parsed));
            }
            text.parse::<DateTime<chrono::FixedOffset>>()
                .map(|d| Some(d.with_timezone(&Utc)))
                .map_err(E::custom)
        }
    }
    deserializer.deserialize_option(Timestamp)
}

/// A timestamp written as chrono writes it (`to_rfc3339_opts` with `AutoSi` and `Z` is the
/// writer chrono's `Serialize` uses), but handed to the serializer as one string: chrono's
/// own `Serialize` goes through `collect_str`, where serde_json escapes its text a
/// character at a time, a quarter of the time it takes to write a user as JSON.
fn timestamp_text<S: Serializer>(
    timestamp: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match timestamp {
        Some(t) => {
            serializer.serialize_some(&t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true))
        }
        None => serializer.serialize_none(),
    }
}

#[cfg(test)]
mod timestamp_tests {
    use super::*;
    use crate::provider::decode::tests::chrono_reads;

    #[test]
    fn users_read_timestamps_in_every_shape_chrono_accepts() {
        let user: User = serde_json::from_str(
            r#"{"id":"1","created_at":"2024-05-06T07:08:09.5+02:00","updated_at":"2024-05-06 07:08:09Z","last_login_at":null}"#,
        )
        .unwrap();
        assert_eq!(
            user.created_at,
            chrono_reads("2024-05-06T05:08:09.5Z"),
            "offset applied"
        );
        assert_eq!(user.updated_at, chrono_reads("2024-05-06T07:08:09Z"));
        assert_eq!(user.last_login_at, None);
        let err = serde_json::from_str::<User>(r#"{"id":"1","created_at":"yesterday"}"#);
        assert!(err.is_err());
    }

    #[test]
    fn a_leap_second_and_a_fraction_are_written_as_chrono_writes_them() {
        let mut user = User::new("1");
        user.created_at = DateTime::from_timestamp(1_483_228_799, 1_500_000_000);
        user.updated_at = DateTime::from_timestamp(1_714_979_289, 120_000);
        let written = serde_json::to_value(&user).unwrap();
        assert_eq!(written["created_at"], "2016-12-31T23:59:60.500Z");
        assert_eq!(written["updated_at"], "2024-05-06T07:08:09.000120Z");
        assert_eq!(
            written["created_at"],
            serde_json::to_value(user.created_at).unwrap()
        );
    }

    /// Nanoseconds of every kind chrono writes differently: none, whole milliseconds,
    /// whole microseconds, any, and a leap second's (a billion and more).
    fn nanos() -> impl proptest::strategy::Strategy<Value = u32> {
        use proptest::prelude::*;
        prop_oneof![
            Just(0u32),
            (0u32..1_000).prop_map(|ms| ms * 1_000_000),
            (0u32..1_000_000).prop_map(|us| us * 1_000),
            0u32..2_000_000_000,
        ]
    }

    proptest::proptest! {
        /// Every timestamp a user or license holds is written as chrono writes it: years
        /// before 1 and past 9999 too, every length of fraction, leap seconds.
        #[test]
        fn timestamps_are_written_as_chrono_writes_them(
            secs in -62_135_596_800i64 * 3..253_402_300_800i64 * 3,
            nanos in nanos(),
        ) {
            // Leap-second nanoseconds are refused except at a minute's last second.
            let Some(at) = DateTime::from_timestamp(secs, nanos) else {
                return Ok(());
            };
            let mut user = User::new("1");
            user.created_at = Some(at);
            user.licenses.push(License { last_active_at: Some(at), ..License::default() });
            let written = serde_json::to_value(&user).unwrap();
            let chrono = serde_json::to_value(at).unwrap();
            proptest::prop_assert_eq!(&written["created_at"], &chrono);
            proptest::prop_assert_eq!(&written["licenses"][0]["last_active_at"], &chrono);
            let read: User = serde_json::from_value(written).unwrap();
            proptest::prop_assert_eq!(read.created_at, Some(at));
        }
    }
}

#[cfg(test)]
mod remote_data_tests {
    use super::*;

    const PAGE: &str = r#"{"data":[{"id":"1","name":"Zoë"},{"id":"2","tags":["a b"]}]}"#;

    fn record(page: &str, n: usize) -> &str {
        let start = page.match_indices(r#"{"id""#).nth(n).unwrap().0;
        let end = start + page[start..].find('}').unwrap() + 1;
        &page[start..end]
    }

    #[test]
    fn a_record_of_its_page_shares_the_pages_text() {
        let page: Arc<str> = Arc::from(PAGE);
        let first = RemoteData::in_page(&page, record(&page, 0));
        let second = RemoteData::in_page(&page, record(&page, 1));
        assert_eq!(first.get(), r#"{"id":"1","name":"Zoë"}"#);
        assert_eq!(second.get(), r#"{"id":"2","tags":["a b"]}"#);
        assert_eq!(Arc::strong_count(&page), 3, "both share the page");
        let copy = second.clone();
        assert_eq!(Arc::strong_count(&page), 4, "a clone shares it too");
        assert_eq!(second.to_value()["tags"][0], "a b");
        assert_eq!(
            serde_json::to_string(&copy).unwrap(),
            r#"{"id":"2","tags":["a b"]}"#
        );
        assert_eq!(copy, RemoteData::from_value(&second.to_value()));
        assert_eq!(
            format!("{first:?}"),
            r#"RemoteData("{\"id\":\"1\",\"name\":\"Zoë\"}")"#
        );
    }

    #[test]
    fn text_from_elsewhere_is_copied() {
        let page: Arc<str> = Arc::from(PAGE);
        let same_text_elsewhere: Arc<str> = Arc::from(PAGE);
        let data = RemoteData::in_page(&page, record(&same_text_elsewhere, 1));
        assert_eq!(data.get(), r#"{"id":"2","tags":["a b"]}"#);
        assert_eq!(
            Arc::strong_count(&page),
            1,
            "not shared: another page's text"
        );
        let outside = String::from(r#"{"id":"3"}"#);
        assert_eq!(RemoteData::in_page(&page, &outside).get(), outside);
        assert_eq!(Arc::strong_count(&page), 1);
    }

    #[test]
    fn a_detached_record_no_longer_holds_its_page() {
        let page: Arc<str> = Arc::from(PAGE);
        let mut data = RemoteData::in_page(&page, record(&page, 0));
        data.detach();
        assert_eq!(Arc::strong_count(&page), 1, "the page is let go");
        assert_eq!(data.get(), r#"{"id":"1","name":"Zoë"}"#);
        data.detach();
        assert_eq!(
            data.get(),
            r#"{"id":"1","name":"Zoë"}"#,
            "detaching twice is harmless"
        );
    }

    proptest::proptest! {
        /// Any part of a page (cut at character boundaries) reads back as that very text.
        #[test]
        fn any_part_of_a_page_reads_back_as_itself(
            text in "\\PC{0,40}",
            cut in (0usize..=40, 0usize..=40),
        ) {
            let page: Arc<str> = Arc::from(text.as_str());
            let bounds: Vec<usize> = (0..=page.len()).filter(|&i| page.is_char_boundary(i)).collect();
            let (a, b) = (bounds[cut.0 % bounds.len()], bounds[cut.1 % bounds.len()]);
            let part = &page[a.min(b)..a.max(b)];
            let data = RemoteData::in_page(&page, part);
            proptest::prop_assert_eq!(data.get(), part);
            proptest::prop_assert_eq!(Arc::strong_count(&page), 2, "shared, not copied");
        }
    }
}
