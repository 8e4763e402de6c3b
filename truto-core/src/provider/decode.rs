//! Small helpers provider modules share when they map records into [`crate::User`].

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::user::RemoteData;

/// Parses a provider timestamp into UTC: RFC 3339 (any offset), a timestamp without an
/// offset (taken as UTC), or Unix seconds or milliseconds. Anything else is `None`: the
/// provider's text is still in `remote_data`.
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d.with_timezone(&Utc));
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(text, format) {
            return Some(d.with_timezone(&Utc));
        }
        if let Ok(n) = NaiveDateTime::parse_from_str(text, format) {
            return Some(Utc.from_utc_datetime(&n));
        }
    }
    if let Ok(n) = text.parse::<i64>() {
        return epoch(n);
    }
    None
}

/// Unix seconds, or milliseconds when the number is too large to be seconds.
pub fn epoch(n: i64) -> Option<DateTime<Utc>> {
    if n.abs() >= 100_000_000_000 {
        Utc.timestamp_millis_opt(n).single()
    } else {
        Utc.timestamp_opt(n, 0).single()
    }
}

/// `Some(text)` unless it is blank.
pub fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}

/// Decodes one record of a page into the provider's wire type, naming the record's index
/// and the bad field's path on failure; the record's text becomes `remote_data` as is,
/// without a copy.
pub fn decode_record<T: DeserializeOwned>(
    raw: Box<RawValue>,
    index: usize,
) -> Result<(T, RemoteData)> {
    let wire = decode_text(raw.get())
        .map_err(|e| Error::decode(format!("record {index} is invalid at {e}")))?;
    Ok((wire, RemoteData::from_raw(raw)))
}

/// Decodes one whole-body record (a get or update response) the same way.
pub fn decode_one<T: DeserializeOwned>(body: &[u8]) -> Result<(T, RemoteData)> {
    let raw: Box<RawValue> =
        serde_json::from_slice(body).map_err(|e| Error::decode(format!("invalid JSON: {e}")))?;
    let wire = decode_text(raw.get()).map_err(|e| Error::decode(format!("invalid JSON at {e}")))?;
    Ok((wire, RemoteData::from_raw(raw)))
}

/// Decodes JSON text; a failure is described as `` `path`: reason ``.
///
/// The path is only worked out when decoding fails: tracking it costs an allocation per
/// field, on every record, so the fast path decodes without it and a failure is decoded
/// again to name the field.
pub fn decode_text<T: DeserializeOwned>(text: &str) -> std::result::Result<T, String> {
    serde_json::from_str(text).map_err(|fast| {
        let mut de = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, T>(&mut de) {
            Err(e) => format!("`{}`: {}", e.path(), e.inner()),
            // The value decoded and something followed it.
            Ok(_) => format!("`.`: {fast}"),
        }
    })
}

/// A boolean a provider may send as `true`, `"true"`, `1` or `"1"` (Zscaler sends
/// `"active": "true"`). Use with `#[serde(default, deserialize_with = "lenient_bool")]`.
pub fn lenient_bool<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flex {
        Bool(bool),
        Text(String),
        Number(i64),
    }
    Ok(match Option::<Flex>::deserialize(deserializer)? {
        None => None,
        Some(Flex::Bool(b)) => Some(b),
        Some(Flex::Number(n)) => Some(n != 0),
        Some(Flex::Text(t)) => match t.trim().to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "expected a boolean, got `{other}`"
                )));
            }
        },
    })
}

/// A string a provider may send as a string or a number (ids, status codes).
pub fn string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flex {
        Text(String),
        Int(i64),
        Float(f64),
    }
    Ok(match Option::<Flex>::deserialize(deserializer)? {
        None => None,
        Some(Flex::Text(t)) => Some(t),
        Some(Flex::Int(n)) => Some(n.to_string()),
        Some(Flex::Float(f)) => Some(f.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        let want = Utc.with_ymd_and_hms(2024, 5, 6, 7, 8, 9).unwrap();
        assert_eq!(parse_datetime("2024-05-06T07:08:09Z"), Some(want));
        assert_eq!(parse_datetime("2024-05-06T09:08:09+02:00"), Some(want));
        assert_eq!(parse_datetime("2024-05-06T07:08:09"), Some(want));
        assert_eq!(parse_datetime("2024-05-06 07:08:09"), Some(want));
        assert_eq!(parse_datetime("2024-05-06T07:08:09.000+0000"), Some(want));
        assert_eq!(parse_datetime(&want.timestamp().to_string()), Some(want));
        assert_eq!(
            parse_datetime(&want.timestamp_millis().to_string()),
            Some(want)
        );
        assert_eq!(parse_datetime("yesterday"), None);
        assert_eq!(parse_datetime(""), None);
    }

    #[test]
    fn decode_names_the_path() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct W {
            id: String,
        }
        let raw = RawValue::from_string(r#"{"id": 5}"#.into()).unwrap();
        let err = decode_record::<W>(raw, 3).unwrap_err();
        assert!(err.to_string().contains("record 3"), "{err}");
        assert!(err.to_string().contains("id"), "{err}");
    }

    #[test]
    fn decode_text_names_nested_paths_and_trailing_text() {
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Outer {
            profile: Inner,
        }
        #[derive(Deserialize, Debug)]
        #[allow(dead_code)]
        struct Inner {
            emails: Vec<String>,
        }
        let err = decode_text::<Outer>(r#"{"profile": {"emails": ["a", 7]}}"#).unwrap_err();
        assert!(err.starts_with("`profile.emails[1]`"), "{err}");
        let err = decode_text::<Outer>(r#"{"profile": {"emails": []}} tail"#).unwrap_err();
        assert!(err.contains("trailing characters"), "{err}");
        assert!(decode_text::<Outer>(r#"{"profile": {"emails": ["a"]}}"#).is_ok());
    }
}
