//! Decoding the hosted API's responses.
//!
//! The API's records are unified users already, with the contract's JSON names, so they
//! deserialize straight into [`User`]; `remote_data` is kept as the exact JSON text it came
//! as ([`truto_core::RemoteData`]), so it is scanned once and never built into a tree.
//!
//! A page is first decoded in one pass. Only when that fails is each record decoded on its
//! own, leniently (`null` for an array, a timestamp that is not RFC 3339, a numeric id), so a
//! single odd record neither fails its page nor hides which record and field were bad.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use truto_core::provider::decode::{decode_text, parse_datetime, string_or_number};
use truto_core::{Error, RemoteData, Result, User};

/// A list page in the unified format, read in one pass: its users are pushed onto the
/// vector, its `next_cursor` is the value.
struct TypedPage<'v>(&'v mut Vec<User>);

/// The keys of a page that are read; the others are skipped.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum PageKey {
    Result,
    NextCursor,
    #[serde(other)]
    Other,
}

/// A page's `next_cursor`: text, or a number read as text.
#[derive(Deserialize)]
struct NextCursor(#[serde(deserialize_with = "string_or_number")] Option<String>);

impl<'de> DeserializeSeed<'de> for TypedPage<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TypedPage<'_> {
    type Value = Option<String>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(r#"a page: {"result": [...], "next_cursor": ...}"#)
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let (mut result, mut next_cursor) = (false, None);
        while let Some(key) = map.next_key()? {
            match key {
                PageKey::Result if result => return Err(de::Error::duplicate_field("result")),
                PageKey::Result => {
                    result = true;
                    map.next_value_seed(Users(&mut *self.0))?;
                }
                PageKey::NextCursor if next_cursor.is_some() => {
                    return Err(de::Error::duplicate_field("next_cursor"));
                }
                PageKey::NextCursor => next_cursor = Some(map.next_value::<NextCursor>()?.0),
                PageKey::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !result {
            return Err(de::Error::missing_field("result"));
        }
        Ok(next_cursor.flatten())
    }
}

/// A page's `result`, each user pushed onto the vector as it is read.
struct Users<'v>(&'v mut Vec<User>);

impl<'de> DeserializeSeed<'de> for Users<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Users<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of users")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        while let Some(user) = seq.next_element()? {
            self.0.push(user);
        }
        Ok(())
    }
}

/// A list page with its records kept as text.
#[derive(Deserialize)]
struct RawPage<'a> {
    #[serde(borrow, default)]
    result: Option<&'a RawValue>,
    #[serde(default, deserialize_with = "string_or_number")]
    next_cursor: Option<String>,
}

/// The page's `next_cursor` (`Some(None)` on the last page), read ahead of the records so
/// the next page can be requested while they decode; `None` when the body does not read
/// (the full decode then reports why).
pub(crate) fn next_cursor(body: &[u8]) -> Option<Option<String>> {
    truto_core::provider::decode::peek(body, &["next_cursor"])
}

/// A decoded page: users and the API's `next_cursor`.
pub(crate) struct DecodedPage {
    pub(crate) users: Vec<User>,
    pub(crate) next_cursor: Option<String>,
}

/// Decodes a unified (or normalized) list page.
pub(crate) fn unified_page(body: &[u8]) -> Result<DecodedPage> {
    let mut users = Vec::new();
    let next_cursor = unified_page_into(page_text(body)?, &mut users)?;
    Ok(DecodedPage { users, next_cursor })
}

/// The body as text: checked as UTF-8 once, here; read from `str`, the parser does not
/// check every string again, nor `remote_data`'s raw text.
fn page_text(body: &[u8]) -> Result<&str> {
    std::str::from_utf8(body).map_err(|_| Error::decode("the response is not UTF-8 text"))
}

/// Decodes a unified (or normalized) list page from its text: its users are pushed onto
/// `users` (empty; on an error, what is left there is to discard), its `next_cursor`
/// returned.
pub(crate) fn unified_page_into(text: &str, users: &mut Vec<User>) -> Result<Option<String>> {
    let mut de = serde_json::Deserializer::from_str(text);
    if let Ok(next_cursor) = TypedPage(users).deserialize(&mut de)
        && de.end().is_ok()
    {
        return Ok(next_cursor);
    }
    users.clear();
    let (records, next_cursor) = records(text)?;
    users.reserve(records.len());
    for (i, raw) in records.iter().enumerate() {
        let user = user(raw.get())
            .map_err(|e| Error::decode(format!("record {i} of `result` is invalid at {e}")))?;
        users.push(user);
    }
    Ok(next_cursor)
}

/// Decodes a raw list page: each record of `result` is the provider's record untouched; it
/// becomes a user with only an `id` (see [`raw_user`]) and its `remote_data`.
pub(crate) fn raw_page(body: &[u8]) -> Result<DecodedPage> {
    let mut users = Vec::new();
    let next_cursor = raw_page_into(page_text(body)?, &mut users)?;
    Ok(DecodedPage { users, next_cursor })
}

/// Decodes a raw list page from its text, as [`unified_page_into`] does.
pub(crate) fn raw_page_into(text: &str, users: &mut Vec<User>) -> Result<Option<String>> {
    let (records, next_cursor) = records(text)?;
    users.extend(records.iter().map(|raw| raw_user(raw, None)));
    Ok(next_cursor)
}

/// The records of a page and its next cursor. `result` is an array (or, keyed, an object
/// whose values are the records); a bare array body is taken as one last page.
fn records(text: &str) -> Result<(Vec<&RawValue>, Option<String>)> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        let items: Vec<&RawValue> =
            serde_json::from_str(text).map_err(|e| Error::decode(format!("invalid JSON: {e}")))?;
        return Ok((items, None));
    }
    let page: RawPage<'_> =
        serde_json::from_str(text).map_err(|e| Error::decode(format!("invalid JSON: {e}")))?;
    let Some(result) = page.result else {
        return Err(Error::decode(
            "the response has no `result`: expected {\"result\": [...], \"next_cursor\": ...}",
        ));
    };
    let items: Vec<&RawValue> = if result.get().trim_start().starts_with('{') {
        // Keyed results (`truto_key_by`) are not requested by this client; read them anyway.
        let keyed: std::collections::BTreeMap<String, &RawValue> =
            serde_json::from_str(result.get())
                .map_err(|e| Error::decode(format!("invalid JSON in `result`: {e}")))?;
        keyed.into_values().collect()
    } else {
        serde_json::from_str(result.get())
            .map_err(|e| Error::decode(format!("`result` is not a list of records: {e}")))?
    };
    Ok((items, page.next_cursor))
}

/// Decodes one unified user (a get or update response, or one record of a page).
pub(crate) fn one_user(body: &[u8]) -> Result<User> {
    let text =
        std::str::from_utf8(body).map_err(|_| Error::decode("the response is not UTF-8 text"))?;
    user(text).map_err(|e| Error::decode(format!("the user is invalid at {e}")))
}

/// One unified user from its JSON text: typed first, then leniently. The error names the
/// path of the bad field.
fn user(text: &str) -> std::result::Result<User, String> {
    let first = match decode_text::<User>(text) {
        Ok(user) => return Ok(user),
        Err(e) => e,
    };
    let Ok(Value::Object(mut map)) = serde_json::from_str::<Value>(text) else {
        return Err(first);
    };
    tidy(&mut map);
    let Ok(fixed) = serde_json::to_string(&Value::Object(map)) else {
        return Err(first);
    };
    decode_text::<User>(&fixed)
}

const DATE_FIELDS: &[&str] = &[
    "created_at",
    "updated_at",
    "last_active_at",
    "last_login_at",
    "status_changed_at",
    "activated_at",
];

/// Makes a record the typed decoder can read without losing what it means: absent instead
/// of `null`, ids as text, timestamps in RFC 3339 (dropped when they do not parse; the
/// provider's text is still in `remote_data`).
fn tidy(map: &mut Map<String, Value>) {
    map.retain(|k, v| !v.is_null() || k == "id");
    if let Some(id @ Value::Number(_)) = map.get_mut("id") {
        *id = Value::String(id.to_string());
    }
    for field in DATE_FIELDS {
        let parsed = match map.get(*field) {
            Some(Value::String(s)) => parse_datetime(s),
            Some(Value::Number(n)) => n.as_i64().and_then(truto_core::provider::decode::epoch),
            _ => continue,
        };
        match parsed {
            Some(d) => {
                map.insert((*field).to_owned(), Value::String(d.to_rfc3339()));
            }
            None => {
                map.remove(*field);
            }
        }
    }
    if let Some(Value::Bool(b)) = map.get("status") {
        let text = if *b { "active" } else { "inactive" };
        map.insert("status".to_owned(), Value::String(text.to_owned()));
    }
}

#[derive(Deserialize)]
struct IdOnly {
    #[serde(default, deserialize_with = "lenient_id")]
    id: Option<String>,
}

fn lenient_id<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<String>, D::Error> {
    // Anything that is not a string or number leaves the id empty rather than failing.
    let v = Value::deserialize(d)?;
    Ok(match v {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// A raw record as a user: `id` from the record's own `id` (a string or number) when it has
/// one, else `fallback_id` (the id a get asked for), else empty; `remote_data` is the record.
pub(crate) fn raw_user(raw: &RawValue, fallback_id: Option<&str>) -> User {
    let id = serde_json::from_str::<IdOnly>(raw.get())
        .ok()
        .and_then(|r| r.id)
        .or_else(|| fallback_id.map(str::to_owned))
        .unwrap_or_default();
    let mut user = User::new(id);
    user.remote_data = Some(RemoteData::from_raw(raw.to_owned()));
    user
}

/// A raw get response as a user.
pub(crate) fn raw_one(body: &[u8], id: &str) -> Result<User> {
    let raw: Box<RawValue> =
        serde_json::from_slice(body).map_err(|e| Error::decode(format!("invalid JSON: {e}")))?;
    Ok(raw_user(&raw, Some(id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_page_keeps_remote_data_as_text() {
        let body = br#"{"result":[{"id":"1","name":"Ada","remote_data":{"x": [1, 2]}}],"next_cursor":"abc"}"#;
        let page = unified_page(body).unwrap();
        assert_eq!(page.next_cursor.as_deref(), Some("abc"));
        assert_eq!(
            page.users[0].remote_data.as_ref().unwrap().get(),
            r#"{"x": [1, 2]}"#
        );
    }

    #[test]
    fn odd_records_are_read_leniently_and_bad_ones_named() {
        let body = br#"{"result":[{"id":7,"emails":null,"created_at":"2024-05-06 07:08:09","status":true}],"next_cursor":null}"#;
        let page = unified_page(body).unwrap();
        let u = &page.users[0];
        assert_eq!(u.id, "7");
        assert!(u.emails.is_empty());
        assert!(u.created_at.is_some());
        assert_eq!(page.next_cursor, None);
        let body = br#"{"result":[{"id":"1"},{"id":"2","emails":"nope"}]}"#;
        let err = unified_page(body).err().unwrap().to_string();
        assert!(err.contains("record 1") && err.contains("emails"), "{err}");
        let err = unified_page(br#"{"data":[]}"#).err().unwrap().to_string();
        assert!(err.contains("result"), "{err}");
    }

    #[test]
    fn the_cursor_read_ahead_is_the_pages_own() {
        for body in [
            r#"{"result":[{"id":"1","remote_data":{"next_cursor":"decoy"}}],"next_cursor":"abc"}"#,
            r#"{"result":[],"next_cursor":"a\"b\u00e9"}"#,
            r#"{"result":[{"id":"1"}],"next_cursor":42}"#,
            r#"{"result":[{"id":"1"}],"next_cursor":null}"#,
            r#"{"result":[{"id":"1"}]}"#,
            r#"{"next_cursor":"first","result":[{"id":"1"}]}"#,
        ] {
            let page = unified_page(body.as_bytes()).unwrap();
            assert_eq!(
                next_cursor(body.as_bytes()),
                Some(page.next_cursor),
                "{body}"
            );
        }
        assert_eq!(next_cursor(b"{\"result\": [1, 2"), None);
    }

    #[test]
    fn a_page_is_read_into_the_buffer_it_is_given() {
        let mut users = Vec::with_capacity(8);
        let capacity = users.capacity();
        let body = r#"{"next_cursor":7,"result":[{"id":"a"},{"id":"b"}],"more":{"result":[1]}}"#;
        assert_eq!(
            unified_page_into(body, &mut users).unwrap().as_deref(),
            Some("7")
        );
        let ids: Vec<&str> = users.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        assert_eq!(users.capacity(), capacity);
        // A second `result` is refused, not read on into the same buffer.
        users.clear();
        let twice = r#"{"result":[{"id":"a"}],"result":[{"id":"b"}]}"#;
        let err = unified_page_into(twice, &mut users).unwrap_err();
        assert!(err.to_string().contains("duplicate"), "{err}");
        users.clear();
        let err = unified_page_into(r#"{"result":[{"id":"a"}]} x"#, &mut users).unwrap_err();
        assert_eq!(err.kind(), truto_core::ErrorKind::Decode, "{err}");
    }

    #[test]
    fn raw_records_take_their_id() {
        let page =
            raw_page(br#"{"result":[{"id":12,"login":"x"},{"login":"y"}],"next_cursor":"n"}"#)
                .unwrap();
        assert_eq!(page.users[0].id, "12");
        assert_eq!(page.users[1].id, "");
        assert_eq!(
            page.users[1].remote_data.as_ref().unwrap().get(),
            r#"{"login":"y"}"#
        );
        assert_eq!(raw_one(br#"{"login":"z"}"#, "u1").unwrap().id, "u1");
    }
}
