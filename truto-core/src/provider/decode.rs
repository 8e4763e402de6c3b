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
    let text = trimmed(text);
    if text.is_empty() {
        return None;
    }
    if let Some(d) = rfc3339_fast(text) {
        return Some(d);
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

/// The common RFC 3339 shape (`2024-05-06T07:08:09.123Z`, `…+05:30`) read without chrono's
/// general parser, or `None` for anything else, left to chrono. Where it reads a text, it
/// reads what chrono reads (the tests hold it to that).
pub(crate) fn rfc3339_fast(text: &str) -> Option<DateTime<Utc>> {
    let b = text.as_bytes();
    // The digits of a field whose length was checked (`b` has at least 20 bytes).
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let mut n = 0;
        for &c in &b[range] {
            if !c.is_ascii_digit() {
                return None;
            }
            n = n * 10 + u32::from(c - b'0');
        }
        Some(n)
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(digits(0..4)?).ok()?,
        digits(5..7)?,
        digits(8..10)?,
    )?;
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let mut at = 19;
    let mut nanos = 0u32;
    if b[at] == b'.' {
        at += 1;
        let start = at;
        while at < b.len() && b[at].is_ascii_digit() {
            if at - start < 9 {
                nanos = nanos * 10 + u32::from(b[at] - b'0');
            }
            at += 1;
        }
        let count = at - start;
        if count == 0 {
            return None;
        }
        for _ in count..9 {
            nanos *= 10;
        }
    }
    let offset_seconds: i64 = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let two = |x: u8, y: u8| -> Option<i64> {
                (x.is_ascii_digit() && y.is_ascii_digit())
                    .then(|| i64::from((x - b'0') * 10 + (y - b'0')))
            };
            let (hours, minutes) = (two(*h1, *h2)?, two(*m1, *m2)?);
            // chrono refuses an offset of a day or more, and minutes past 59.
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = hours * 3600 + minutes * 60;
            if *sign == b'+' { seconds } else { -seconds }
        }
        _ => return None,
    };
    // Leap seconds (`:60`) and other rarities are chrono's.
    let time = chrono::NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)?;
    let local = chrono::NaiveDateTime::new(date, time);
    let utc = if offset_seconds == 0 {
        local
    } else {
        local.checked_sub_signed(chrono::TimeDelta::seconds(offset_seconds))?
    };
    Some(DateTime::from_naive_utc_and_offset(utc, Utc))
}

/// `text.trim()`, without decoding characters when both ends are visible ASCII, as most
/// of a record's text is: a string with white space at either end is trimmed as `trim`
/// trims it.
pub(crate) fn trimmed(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        [only] if only.is_ascii_graphic() => text,
        _ => text.trim(),
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
pub(crate) mod tests {
    use super::*;

    /// chrono's own reading of a timestamp, in UTC: what the fast reading must agree with.
    pub(crate) fn chrono_reads(text: &str) -> Option<DateTime<Utc>> {
        text.parse::<DateTime<chrono::FixedOffset>>()
            .ok()
            .map(|d| d.with_timezone(&Utc))
    }

    #[test]
    fn the_fast_reading_agrees_with_chrono_or_leaves_it_to_chrono() {
        for text in [
            "2024-05-06T07:08:09Z",
            "2024-05-06t07:08:09z",
            "2024-05-06T07:08:09.1Z",
            "2024-05-06T07:08:09.123Z",
            "2024-05-06T07:08:09.123456789Z",
            "2024-05-06T07:08:09.1234567891234Z",
            "2024-05-06T07:08:09+05:30",
            "2024-05-06T07:08:09.5-08:00",
            "2024-12-31T23:59:59-23:59",
            "2024-02-29T00:00:00Z",
            "0001-01-01T00:00:00Z",
        ] {
            assert_eq!(rfc3339_fast(text), chrono_reads(text), "{text}");
            assert!(rfc3339_fast(text).is_some(), "{text} is the common shape");
        }
        for text in [
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-05-06T24:00:00Z",
            "2024-05-06T07:08:60Z",
            "2024-05-06 07:08:09Z",
            "2024-05-06T07:08:09",
            "2024-05-06T07:08:09.Z",
            "2024-05-06T07:08:09+0530",
            "2024-05-06T07:08:09ZZ",
            "2024-05-06T07:08:09+24:00",
            "2024-05-06T07:08:09-99:00",
            "2024-05-06T07:08:09+05:60",
            "２０２４-05-06T07:08:09Z",
            "",
        ] {
            assert_eq!(rfc3339_fast(text), None, "{text} is left to chrono");
        }
    }

    /// Timestamps near the common shape: valid ones, and ones off by a field, a separator
    /// or a range.
    fn timestamp_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let two = |hi: u32| (0..=hi).prop_map(|n| format!("{n:02}"));
        let offset = prop_oneof![
            Just("Z".to_owned()),
            Just("z".to_owned()),
            Just(String::new()),
            (
                prop_oneof![Just('+'), Just('-')],
                two(30),
                two(70),
                prop_oneof![Just(":"), Just("")]
            )
                .prop_map(|(sign, h, m, colon)| format!("{sign}{h}{colon}{m}")),
        ];
        (
            (0u32..=10_000).prop_map(|y| format!("{y:04}")),
            two(13),
            two(32),
            prop_oneof![Just('T'), Just('t'), Just(' '), Just('x')],
            two(25),
            two(61),
            two(61),
            prop_oneof![Just(String::new()), Just(".".to_owned()), "\\.[0-9]{1,12}"],
            offset,
        )
            .prop_map(|(y, mo, d, sep, h, mi, s, frac, off)| {
                format!("{y}-{mo}-{d}{sep}{h}:{mi}:{s}{frac}{off}")
            })
    }

    proptest::proptest! {
        #[test]
        fn the_fast_reading_is_chronos_reading_where_it_reads(text in timestamp_like()) {
            if let Some(fast) = rfc3339_fast(&text) {
                proptest::prop_assert_eq!(Some(fast), chrono_reads(&text));
                let rfc3339 = DateTime::parse_from_rfc3339(&text).ok();
                proptest::prop_assert_eq!(Some(fast), rfc3339.map(|d| d.with_timezone(&Utc)));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn trimmed_is_trim(text in "[ \\t\\n\u{a0}\u{3000}a-z\u{e9}~!]{0,6}") {
            proptest::prop_assert_eq!(trimmed(&text), text.trim());
        }
    }

    #[test]
    fn trimmed_trims_unicode_white_space_too() {
        for (text, want) in [
            ("", ""),
            ("x", "x"),
            (" x", "x"),
            ("x\t", "x"),
            ("\u{a0}x", "x"),
            ("x\u{3000}", "x"),
            ("\u{e9}", "\u{e9}"),
            (" ", ""),
        ] {
            assert_eq!(trimmed(text), want, "{text:?}");
        }
    }

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

/// The text (or number, as text) at `path` (object keys from the top) of a JSON body,
/// read without building anything else: `Some(None)` when it is absent, `null` or empty,
/// `None` when the body does not read that far. Used to learn a page's next cursor before
/// its records are decoded ([`PageRequest::announce_next`](crate::provider::PageRequest::announce_next)).
///
/// With the `simd` feature (on by default) sonic-rs skips the other members with SIMD;
/// without it serde_json skips them byte by byte.
pub fn peek(body: &[u8], path: &[&str]) -> Option<Option<String>> {
    let text = peek_impl(body, path)?;
    Some(text.filter(|t| !t.is_empty()))
}

#[cfg(feature = "simd")]
fn peek_impl(body: &[u8], path: &[&str]) -> Option<Option<String>> {
    use sonic_rs::JsonValueTrait as _;
    match sonic_rs::get_from_slice(body, path) {
        Ok(value) if value.is_null() => Some(None),
        Ok(value) => match value.as_str() {
            Some(text) => Some(Some(text.to_owned())),
            None if value.is_number() => Some(Some(value.as_raw_str().to_owned())),
            None => None,
        },
        Err(e) if e.is_not_found() => Some(None),
        Err(_) => None,
    }
}

#[cfg(not(feature = "simd"))]
fn peek_impl(body: &[u8], path: &[&str]) -> Option<Option<String>> {
    use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, Visitor};
    use std::fmt;

    /// Descends one key per level; every other member is skipped unread.
    struct Walk<'p>(&'p [&'p str]);
    impl<'de> DeserializeSeed<'de> for Walk<'_> {
        type Value = Option<String>;
        fn deserialize<D: Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<Self::Value, D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Walk<'_> {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(
            self,
            mut map: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            let mut found = None;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                match self.0.split_first() {
                    Some((first, rest)) if *first == key => {
                        found = map.next_value_seed(Walk(rest))?;
                    }
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(found)
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Self::Value, A::Error> {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            Ok(None)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Self::Value, E> {
            Ok(self.0.is_empty().then(|| v.to_owned()))
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Self::Value, E> {
            Ok(self.0.is_empty().then(|| v.to_string()))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Self::Value, E> {
            Ok(self.0.is_empty().then(|| v.to_string()))
        }
        fn visit_f64<E: serde::de::Error>(self, _: f64) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_bool<E: serde::de::Error>(self, _: bool) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<Self::Value, E> {
            Ok(None)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let found = Walk(path).deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(found)
}

#[cfg(test)]
mod peek_tests {
    use super::peek;

    #[test]
    fn peeks_the_value_at_a_path_and_nothing_else() {
        let body = br#"{"result":[{"id":"1","remote_data":{"next_cursor":"decoy"}}],"meta":{"next":"p2","n":3},"next_cursor":"a\"b\u00e9"}"#;
        assert_eq!(
            peek(body, &["next_cursor"]),
            Some(Some("a\"b\u{e9}".to_owned()))
        );
        assert_eq!(peek(body, &["meta", "next"]), Some(Some("p2".to_owned())));
        assert_eq!(peek(body, &["meta", "n"]), Some(Some("3".to_owned())));
        assert_eq!(peek(body, &["meta", "missing"]), Some(None));
        assert_eq!(peek(body, &["missing"]), Some(None));
        assert_eq!(peek(br#"{"next":null}"#, &["next"]), Some(None));
        assert_eq!(peek(br#"{"next":""}"#, &["next"]), Some(None));
        assert_eq!(peek(br#"{"result": [1, 2"#, &["next"]), None);
    }
}
