//! SCIM 2.0 wire types (RFC 7643 core and enterprise user, RFC 7644 list and error
//! messages) and their mapping into the unified user.

use serde::Deserialize;
use serde_json::value::RawValue;
use truto_core::provider::decode::{lenient_bool, parse_datetime, string_or_number};
use truto_core::{Email, Group, Organization, Phone, RemoteData, Role, User, UserStatus, UserUrl};

/// `ListResponse` (RFC 7644 §3.4.2). Canva sends `resources` in lower case.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ListResponse {
    #[serde(default)]
    pub total_results: Option<u64>,
    #[serde(default)]
    pub start_index: Option<u64>,
    #[serde(default, rename = "Resources", alias = "resources")]
    pub resources: Vec<Box<RawValue>>,
}

/// A SCIM error body (RFC 7644 §3.12). `status` (a string by the RFC, a number for some
/// servers) is not read: the HTTP status is the one that counts.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ErrorBody {
    #[serde(default)]
    pub scim_type: Option<String>,
    #[serde(default)]
    pub detail: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ScimUser {
    #[serde(deserialize_with = "required_id")]
    pub id: String,
    #[serde(default)]
    pub external_id: Option<String>,
    #[serde(default)]
    pub user_name: Option<String>,
    #[serde(default)]
    pub name: Option<Name>,
    #[serde(default)]
    pub display_name: Option<String>,
    #[serde(default)]
    pub nick_name: Option<String>,
    #[serde(default)]
    pub profile_url: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub user_type: Option<String>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub locale: Option<String>,
    #[serde(default)]
    pub timezone: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub active: Option<bool>,
    #[serde(default)]
    pub emails: Vec<MultiValue>,
    #[serde(default)]
    pub phone_numbers: Vec<MultiValue>,
    #[serde(default)]
    pub photos: Vec<MultiValue>,
    #[serde(default)]
    pub groups: Vec<MultiValue>,
    #[serde(default)]
    pub roles: Vec<MultiValue>,
    #[serde(default)]
    pub meta: Option<Meta>,
    #[serde(
        default,
        rename = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
    )]
    pub enterprise: Option<Enterprise>,
}

fn required_id<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    string_or_number(d)?.ok_or_else(|| serde::de::Error::custom("the user has no id"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Name {
    #[serde(default)]
    pub formatted: Option<String>,
    #[serde(default)]
    pub given_name: Option<String>,
    #[serde(default)]
    pub family_name: Option<String>,
}

/// A multi-valued attribute entry (`emails`, `phoneNumbers`, `groups`, `roles`, ...).
#[derive(Debug, Default, Deserialize)]
pub(crate) struct MultiValue {
    #[serde(default, deserialize_with = "string_or_number")]
    pub value: Option<String>,
    #[serde(default)]
    pub display: Option<String>,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default, deserialize_with = "lenient_bool")]
    pub primary: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Meta {
    #[serde(default, deserialize_with = "string_or_number")]
    pub created: Option<String>,
    #[serde(default, deserialize_with = "string_or_number")]
    pub last_modified: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Enterprise {
    #[serde(default, deserialize_with = "string_or_number")]
    pub employee_number: Option<String>,
    #[serde(default)]
    pub cost_center: Option<String>,
    #[serde(default)]
    pub organization: Option<String>,
    #[serde(default)]
    pub division: Option<String>,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub manager: Option<Manager>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Manager {
    #[serde(default, deserialize_with = "string_or_number")]
    pub value: Option<String>,
    #[serde(default)]
    pub display_name: Option<String>,
}

fn text(value: Option<String>) -> Option<String> {
    value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// Maps a SCIM user into the unified user.
pub(crate) fn to_user(wire: ScimUser, remote: RemoteData) -> User {
    let mut user = User::new(wire.id);
    let name = wire.name.unwrap_or_default();
    user.external_id = text(wire.external_id);
    user.username = text(wire.user_name);
    user.first_name = text(name.given_name);
    user.last_name = text(name.family_name);
    user.name = text(wire.display_name)
        .or_else(|| text(name.formatted))
        .or_else(|| match (&user.first_name, &user.last_name) {
            (Some(f), Some(l)) => Some(format!("{f} {l}")),
            (Some(n), None) | (None, Some(n)) => Some(n.clone()),
            (None, None) => None,
        })
        .or_else(|| text(wire.nick_name));
    user.title = text(wire.title);
    user.user_type = text(wire.user_type);
    user.timezone = text(wire.timezone);
    user.languages = [wire.preferred_language, wire.locale]
        .into_iter()
        .filter_map(text)
        .fold(Vec::new(), |mut acc, l| {
            if !acc.contains(&l) {
                acc.push(l);
            }
            acc
        });
    user.status = wire.active.map(UserStatus::from_active);
    user.emails = wire
        .emails
        .into_iter()
        .filter_map(|e| {
            let mut email = Email::new(text(e.value)?);
            email.kind = text(e.kind);
            email.is_primary = e.primary;
            Some(email)
        })
        .collect();
    // When one address is marked primary, the others are known not to be (RFC 7643
    // §2.4: at most one value is primary), not unknown.
    if user.emails.iter().any(|e| e.is_primary == Some(true)) {
        for email in &mut user.emails {
            email.is_primary.get_or_insert(false);
        }
    }
    user.phones = wire
        .phone_numbers
        .into_iter()
        .filter_map(|p| {
            let mut phone = Phone::new(text(p.value)?);
            phone.kind = text(p.kind);
            Some(phone)
        })
        .collect();
    user.avatar = pick_primary(wire.photos);
    user.urls = text(wire.profile_url)
        .map(|u| vec![UserUrl::new(u, Some("profile".to_owned()))])
        .unwrap_or_default();
    user.groups = wire
        .groups
        .into_iter()
        .filter(|g| g.value.is_some() || g.display.is_some())
        .map(|g| Group::new(text(g.value), text(g.display)))
        .collect();
    user.roles = wire
        .roles
        .into_iter()
        .filter(|r| r.value.is_some() || r.display.is_some())
        .map(|r| {
            let name = text(r.display).or_else(|| r.value.clone());
            Role::new(text(r.value), name)
        })
        .collect();
    if let Some(meta) = wire.meta {
        user.created_at = meta.created.as_deref().and_then(parse_datetime);
        user.updated_at = meta.last_modified.as_deref().and_then(parse_datetime);
    }
    if let Some(ent) = wire.enterprise {
        let mut ids = serde_json::Map::new();
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = text(v) {
                ids.insert(k.to_owned(), serde_json::Value::String(v));
            }
        };
        put("employee_number", ent.employee_number);
        put("cost_center", ent.cost_center);
        put("division", ent.division);
        put("department", ent.department);
        put(
            "manager_id",
            ent.manager.as_ref().and_then(|m| m.value.clone()),
        );
        put("manager_name", ent.manager.and_then(|m| m.display_name));
        if !ids.is_empty() {
            user.identifiers = Some(ids);
        }
        if let Some(org) = text(ent.organization) {
            user.organizations = vec![Organization::new(None, Some(org))];
        }
    }
    user.remote_data = Some(remote);
    user
}

fn pick_primary(values: Vec<MultiValue>) -> Option<String> {
    let mut first = None;
    for v in values {
        if v.primary == Some(true) {
            return text(v.value);
        }
        if first.is_none() {
            first = text(v.value);
        }
    }
    first
}
