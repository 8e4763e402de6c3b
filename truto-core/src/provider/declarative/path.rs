//! Locations in a JSON document, as specs write them.
//!
//! A location is a dotted path of keys: `profile.email`. `[]` steps into every element of
//! an array (`emails[].value`), `[2]` into one element, and a key that holds dots or
//! brackets is quoted: `["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"].employeeNumber`
//! or `avatarUrls["48x48"]`. The empty location is the document itself.

use std::fmt;

/// One step of a location.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    /// An object's member.
    Key(Box<str>),
    /// One element of an array.
    Index(usize),
    /// Every element of an array.
    Each,
}

/// A parsed location.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(crate) struct Path(pub(crate) Vec<Step>);

/// A location that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathError(pub(crate) String);

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Path {
    /// Parses `text`.
    pub(crate) fn parse(text: &str) -> Result<Path, PathError> {
        let bad = |why: &str| PathError(format!("`{text}` is not a record location: {why}"));
        let mut steps = Vec::new();
        let bytes = text.as_bytes();
        let mut i = 0;
        let mut expect_key = true;
        while i < bytes.len() {
            match bytes[i] {
                b'.' => {
                    if expect_key {
                        return Err(bad("an empty key"));
                    }
                    expect_key = true;
                    i += 1;
                }
                b'[' => {
                    let close = text[i..]
                        .find(']')
                        .map(|c| i + c)
                        .ok_or_else(|| bad("an unclosed `[`"))?;
                    let inside = &text[i + 1..close];
                    if inside.is_empty() {
                        steps.push(Step::Each);
                    } else if let Some(quoted) =
                        inside.strip_prefix('"').and_then(|s| s.strip_suffix('"'))
                    {
                        steps.push(Step::Key(quoted.into()));
                    } else {
                        let n = inside
                            .parse()
                            .map_err(|_| bad("`[…]` holds a number, nothing, or a quoted key"))?;
                        steps.push(Step::Index(n));
                    }
                    expect_key = false;
                    i = close + 1;
                }
                _ => {
                    if !expect_key {
                        return Err(bad("a key must follow a `.`"));
                    }
                    let end = text[i..]
                        .find(['.', '['])
                        .map(|e| i + e)
                        .unwrap_or(text.len());
                    steps.push(Step::Key(text[i..end].into()));
                    expect_key = false;
                    i = end;
                }
            }
        }
        if expect_key && !text.is_empty() {
            return Err(bad("it ends with `.`"));
        }
        Ok(Path(steps))
    }

    /// Whether the location steps into every element of an array somewhere.
    pub(crate) fn has_each(&self) -> bool {
        self.0.contains(&Step::Each)
    }

    /// Looks the location up in a value (`[]` is not allowed here and finds nothing).
    pub(crate) fn lookup<'v>(&self, value: &'v serde_json::Value) -> Option<&'v serde_json::Value> {
        let mut at = value;
        for step in &self.0 {
            at = match step {
                Step::Key(k) => at.get(&**k)?,
                Step::Index(n) => at.get(*n)?,
                Step::Each => return None,
            };
        }
        Some(at)
    }

    /// Sets the location in `value` to `new`, creating objects and arrays on the way (used
    /// to build request bodies and simulated responses; `[]` is not allowed).
    pub(crate) fn set(&self, value: &mut serde_json::Value, new: serde_json::Value) -> bool {
        use serde_json::Value;
        let mut at = value;
        for step in &self.0 {
            at = match step {
                Step::Key(k) => {
                    if !at.is_object() {
                        *at = Value::Object(serde_json::Map::new());
                    }
                    let Value::Object(map) = at else {
                        return false;
                    };
                    map.entry(k.to_string()).or_insert(Value::Null)
                }
                Step::Index(i) => {
                    if !at.is_array() {
                        *at = Value::Array(Vec::new());
                    }
                    let Value::Array(items) = at else {
                        return false;
                    };
                    if items.len() <= *i {
                        items.resize(i + 1, Value::Null);
                    }
                    &mut items[*i]
                }
                Step::Each => return false,
            };
        }
        *at = new;
        true
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for step in &self.0 {
            match step {
                Step::Key(k) if k.contains(['.', '[', ']']) => write!(f, "[\"{k}\"]")?,
                Step::Key(k) => {
                    if !first {
                        f.write_str(".")?;
                    }
                    f.write_str(k)?;
                }
                Step::Index(n) => write!(f, "[{n}]")?,
                Step::Each => f.write_str("[]")?,
            }
            first = false;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn key(k: &str) -> Step {
        Step::Key(k.into())
    }

    #[test]
    fn parses_keys_arrays_indexes_and_quoted_keys() {
        assert_eq!(Path::parse("").unwrap(), Path(vec![]));
        assert_eq!(
            Path::parse("profile.email").unwrap(),
            Path(vec![key("profile"), key("email")])
        );
        assert_eq!(
            Path::parse("emails[].value").unwrap(),
            Path(vec![key("emails"), Step::Each, key("value")])
        );
        assert_eq!(
            Path::parse("avatarUrls[\"48x48\"]").unwrap(),
            Path(vec![key("avatarUrls"), key("48x48")])
        );
        assert_eq!(
            Path::parse("[\"a.b\"].c[0]").unwrap(),
            Path(vec![key("a.b"), key("c"), Step::Index(0)])
        );
        for bad in ["a..b", "a.", ".a", "a[", "a[x]", "a[]b"] {
            assert!(Path::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            Path::parse("a[\"b.c\"][]").unwrap().to_string(),
            "a[\"b.c\"][]"
        );
    }

    #[test]
    fn looks_up_and_sets() {
        let v = json!({"a": {"b": [1, {"c": "x"}]}});
        assert_eq!(
            Path::parse("a.b[1].c").unwrap().lookup(&v),
            Some(&json!("x"))
        );
        assert_eq!(Path::parse("a.z").unwrap().lookup(&v), None);
        let mut out = json!({});
        assert!(Path::parse("page.size").unwrap().set(&mut out, json!(20)));
        assert_eq!(out, json!({"page": {"size": 20}}));
    }
}
