//! Path, query and body templates with `{placeholders}`, compiled once at connect.

use serde_json::Value;

/// A piece of a template: literal text or a placeholder's name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Lit(String),
    Var(String),
}

fn pieces(text: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        if start > 0 {
            out.push(Piece::Lit(rest[..start].to_owned()));
        }
        let len = rest[start..]
            .find('}')
            .ok_or_else(|| format!("`{text}` has an unclosed `{{`"))?;
        let name = &rest[start + 1..start + len];
        if name.is_empty() {
            return Err(format!("`{text}` has an empty placeholder"));
        }
        out.push(Piece::Var(name.to_owned()));
        rest = &rest[start + len + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Lit(rest.to_owned()));
    }
    Ok(out)
}

fn fill(pieces: &[Piece], resolve: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::new();
    for piece in pieces {
        match piece {
            Piece::Lit(text) => out.push_str(text),
            Piece::Var(name) => out.push_str(&resolve(name).ok_or_else(|| name.clone())?),
        }
    }
    Ok(out)
}

/// A path below the base URL (each `/`-separated segment filled and encoded as one
/// segment), with an optional fixed `?query`.
#[derive(Debug, Clone)]
pub(crate) struct PathTemplate {
    /// The template as written, to name the path in traces.
    pub(crate) label: &'static str,
    segments: Vec<Vec<Piece>>,
    /// The path ends with `/` (Sentry's and Django's paths do; a request without it is
    /// redirected, which the transport never follows).
    pub(crate) trailing_slash: bool,
    query: Vec<(String, Vec<Piece>)>,
}

impl PathTemplate {
    pub(crate) fn new(label: &'static str) -> Result<Self, String> {
        let (path, query) = label.split_once('?').unwrap_or((label, ""));
        let segments = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(pieces)
            .collect::<Result<_, _>>()?;
        let query = url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| Ok((k.into_owned(), pieces(&v)?)))
            .collect::<Result<_, String>>()?;
        Ok(PathTemplate {
            label,
            trailing_slash: path.ends_with('/') && !path.trim_matches('/').is_empty(),
            segments,
            query,
        })
    }

    /// Whether decoded path `segments` (and `query` pairs) are this template's, and the
    /// placeholders' values when they are (a segment holds at most one placeholder).
    #[cfg(feature = "testing")]
    pub(crate) fn matches(
        &self,
        segments: &[String],
        query: &[(String, String)],
    ) -> Option<std::collections::BTreeMap<String, String>> {
        if segments.len() != self.segments.len() {
            return None;
        }
        let mut out = std::collections::BTreeMap::new();
        let mut take = |pieces: &[Piece], text: &str| -> Option<()> {
            match pieces {
                [Piece::Lit(l)] => (l == text).then_some(()),
                [Piece::Var(v)] => {
                    out.insert(v.clone(), text.to_owned());
                    Some(())
                }
                _ => {
                    let (before, var, after) = match pieces {
                        [Piece::Lit(b), Piece::Var(v)] => (b.as_str(), v, ""),
                        [Piece::Var(v), Piece::Lit(a)] => ("", v, a.as_str()),
                        [Piece::Lit(b), Piece::Var(v), Piece::Lit(a)] => {
                            (b.as_str(), v, a.as_str())
                        }
                        _ => return None,
                    };
                    let middle = text.strip_prefix(before)?.strip_suffix(after)?;
                    out.insert(var.clone(), middle.to_owned());
                    Some(())
                }
            }
        };
        for (pieces, text) in self.segments.iter().zip(segments) {
            take(pieces, text)?;
        }
        for (key, pieces) in &self.query {
            let value = query
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())?;
            take(pieces, value)?;
        }
        Some(out)
    }

    /// The placeholders the template names.
    pub(crate) fn names(&self) -> Vec<&str> {
        self.segments
            .iter()
            .flatten()
            .chain(self.query.iter().flat_map(|(_, p)| p))
            .filter_map(|p| match p {
                Piece::Var(n) => Some(n.as_str()),
                Piece::Lit(_) => None,
            })
            .collect()
    }

    /// The filled segments and query pairs; `Err` names a placeholder that has no value.
    #[allow(clippy::type_complexity)]
    pub(crate) fn fill(
        &self,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Result<(Vec<String>, Vec<(String, String)>), String> {
        let segments = self
            .segments
            .iter()
            .map(|s| fill(s, resolve))
            .collect::<Result<_, _>>()?;
        let query = self
            .query
            .iter()
            .map(|(k, v)| Ok((k.clone(), fill(v, resolve)?)))
            .collect::<Result<_, String>>()?;
        Ok((segments, query))
    }
}

/// Query pairs whose values may be templates. A pair whose value is a single placeholder
/// with no value is left out (an optional parameter); a placeholder inside other text
/// must have one.
#[derive(Debug, Clone, Default)]
pub(crate) struct QueryTemplate(Vec<(&'static str, Vec<Piece>)>);

impl QueryTemplate {
    pub(crate) fn new(pairs: &'static [(&'static str, &'static str)]) -> Result<Self, String> {
        Ok(QueryTemplate(
            pairs
                .iter()
                .map(|(k, v)| Ok((*k, pieces(v)?)))
                .collect::<Result<_, String>>()?,
        ))
    }

    pub(crate) fn fill(
        &self,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Vec<(&'static str, String)>, String> {
        let mut out = Vec::new();
        for (key, value) in &self.0 {
            match value.as_slice() {
                [Piece::Var(name)] => {
                    if let Some(v) = resolve(name) {
                        out.push((*key, v));
                    }
                }
                pieces => out.push((*key, fill(pieces, resolve)?)),
            }
        }
        Ok(out)
    }

    pub(crate) fn names(&self) -> Vec<&str> {
        self.0
            .iter()
            .flat_map(|(_, p)| p)
            .filter_map(|p| match p {
                Piece::Var(n) => Some(n.as_str()),
                Piece::Lit(_) => None,
            })
            .collect()
    }
}

/// A JSON body template: string values that are exactly `{name}` are replaced by the
/// placeholder's value (left out when it has none).
#[derive(Debug, Clone)]
pub(crate) struct BodyTemplate(Value);

impl BodyTemplate {
    pub(crate) fn new(text: &str) -> Result<Self, String> {
        serde_json::from_str(text)
            .map(BodyTemplate)
            .map_err(|e| format!("the body template is not JSON: {e}"))
    }

    /// The placeholders the template names.
    pub(crate) fn names(&self) -> Vec<&str> {
        fn walk<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
            match value {
                Value::String(s) => {
                    if let Some(name) = s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))
                        && !name.contains(['{', '}'])
                    {
                        out.push(name);
                    }
                }
                Value::Object(map) => map.values().for_each(|v| walk(v, out)),
                Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
                _ => {}
            }
        }
        let mut out = Vec::new();
        walk(&self.0, &mut out);
        out
    }

    pub(crate) fn fill(&self, resolve: &dyn Fn(&str) -> Option<String>) -> Value {
        fn walk(value: &Value, resolve: &dyn Fn(&str) -> Option<String>) -> Option<Value> {
            Some(match value {
                Value::String(s) => match s.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                    Some(name) if !name.contains(['{', '}']) => Value::String(resolve(name)?),
                    _ => value.clone(),
                },
                Value::Object(map) => Value::Object(
                    map.iter()
                        .filter_map(|(k, v)| Some((k.clone(), walk(v, resolve)?)))
                        .collect(),
                ),
                Value::Array(items) => {
                    Value::Array(items.iter().filter_map(|v| walk(v, resolve)).collect())
                }
                other => other.clone(),
            })
        }
        walk(&self.0, resolve).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolve(name: &str) -> Option<String> {
        match name {
            "id" => Some("a/b".to_owned()),
            "org" => Some("acme".to_owned()),
            _ => None,
        }
    }

    #[test]
    fn fills_paths_queries_and_bodies() {
        let t = PathTemplate::new("orgs/{org}/users/{id}.json?sendEmail=false").unwrap();
        assert_eq!(t.names(), ["org", "id",]);
        let (segments, query) = t.fill(&resolve).unwrap();
        assert_eq!(segments, ["orgs", "acme", "users", "a/b.json"]);
        assert_eq!(query, [("sendEmail".to_owned(), "false".to_owned())]);
        assert_eq!(
            PathTemplate::new("teams/{team}")
                .unwrap()
                .fill(&resolve)
                .unwrap_err(),
            "team"
        );
        let q = QueryTemplate::new(&[("customer", "{customer}"), ("fields", "id,{org}")]).unwrap();
        assert_eq!(
            q.fill(&resolve).unwrap(),
            [("fields", "id,acme".to_owned())]
        );
        let b = BodyTemplate::new(r#"{"id": "{id}", "x": "{nope}", "page": {"size": 1}}"#).unwrap();
        assert_eq!(b.fill(&resolve), json!({"id": "a/b", "page": {"size": 1}}));
        assert!(PathTemplate::new("a/{").is_err());
    }
}
