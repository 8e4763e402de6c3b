//! Writers that stream users as they arrive: table, JSON array, JSON lines, CSV.

use std::io::{self, Write};

use serde_json::Value;
use truto_core::{User, UserField};

use crate::cli::Format;

/// Columns of the table, and of CSV unless `--columns` chooses others.
const COLUMNS: &[(&str, usize)] = &[
    ("ID", 36),
    ("NAME", 24),
    ("EMAIL", 32),
    ("USERNAME", 24),
    ("STATUS", 9),
    ("TITLE", 20),
    ("TYPE", 10),
    ("GROUPS", 24),
    ("ROLES", 16),
    ("CREATED", 20),
    ("LAST LOGIN", 20),
];

fn cells(user: &User) -> Vec<String> {
    // As `%Y-%m-%dT%H:%M:%SZ` would write it, without reading a format string per cell.
    let date = |d: &Option<chrono::DateTime<chrono::Utc>>| {
        d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            .unwrap_or_default()
    };
    vec![
        user.id.clone(),
        user.name.clone().unwrap_or_default(),
        user.primary_email().unwrap_or_default().to_owned(),
        user.username.clone().unwrap_or_default(),
        user.status
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        user.title.clone().unwrap_or_default(),
        user.user_type.clone().unwrap_or_default(),
        field_cell(user, UserField::Groups),
        field_cell(user, UserField::Roles),
        date(&user.created_at),
        date(&user.last_login_at),
    ]
}

/// The CSV text of one unified field of `user`. Lists are joined with `;`: email addresses,
/// phone numbers, URLs and languages as they are; roles, groups, organizations, workspaces
/// and licenses by name, else id; identifiers as `key=value`. `remote_data` is its JSON.
pub(crate) fn field_cell(user: &User, field: UserField) -> String {
    fn by_name<'a>(
        items: impl Iterator<Item = (&'a Option<String>, &'a Option<String>)>,
    ) -> String {
        let names: Vec<&str> = items
            .filter_map(|(name, id)| name.as_deref().or(id.as_deref()))
            .collect();
        names.join(";")
    }
    let join = |items: Vec<&str>| items.join(";");
    match field {
        UserField::Emails => join(user.emails.iter().map(|e| e.email.as_str()).collect()),
        UserField::Phones => join(user.phones.iter().map(|p| p.number.as_str()).collect()),
        UserField::Urls => join(user.urls.iter().map(|u| u.url.as_str()).collect()),
        UserField::Languages => user.languages.join(";"),
        UserField::Roles => by_name(user.roles.iter().map(|r| (&r.name, &r.id))),
        UserField::Groups => by_name(user.groups.iter().map(|g| (&g.name, &g.id))),
        UserField::Organizations => by_name(user.organizations.iter().map(|o| (&o.name, &o.id))),
        UserField::Workspaces => by_name(user.workspaces.iter().map(|w| (&w.name, &w.id))),
        UserField::Licenses => by_name(user.licenses.iter().map(|l| (&l.name, &l.id))),
        UserField::Identifiers => user
            .identifiers
            .iter()
            .flatten()
            .map(|(k, v)| match v {
                Value::String(s) => format!("{k}={s}"),
                other => format!("{k}={other}"),
            })
            .collect::<Vec<_>>()
            .join(";"),
        UserField::RemoteData => user
            .remote_data
            .as_ref()
            .map(|r| r.get().to_owned())
            .unwrap_or_default(),
        scalar => scalar.key_of(user).unwrap_or_default(),
    }
}

/// `json` re-indented two spaces a level, starting at `depth` levels, its key order kept.
///
/// serde_json's own pretty printer writes `remote_data` (kept as raw JSON text) verbatim;
/// this indents it with the rest.
pub(crate) fn pretty_json(json: &str, depth: usize) -> String {
    let mut out = Vec::with_capacity(json.len() * 2);
    pretty_json_into(json.as_bytes(), depth, &mut out);
    // Only ASCII bytes outside strings were added or removed, so the text is still UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// [`pretty_json`] onto the end of `out`. It works on bytes: every byte JSON structures
/// or spaces with is ASCII, and no byte of a multi-byte UTF-8 character is.
fn pretty_json_into(json: &[u8], depth: usize, out: &mut Vec<u8>) {
    fn newline(out: &mut Vec<u8>, depth: usize) {
        out.push(b'\n');
        for _ in 0..depth {
            out.extend_from_slice(b"  ");
        }
    }
    let mut depth = depth;
    let mut i = 0;
    while let Some(&b) = json.get(i) {
        i += 1;
        match b {
            b'"' => {
                // The string whole, up to its closing quote (one an escape does not hide).
                let start = i - 1;
                loop {
                    let rest = json.get(i..).unwrap_or_default();
                    match memchr::memchr2(b'"', b'\\', rest) {
                        Some(at) if rest[at] == b'\\' => i += at + 2,
                        Some(at) => {
                            i += at + 1;
                            break;
                        }
                        None => {
                            i = json.len();
                            break;
                        }
                    }
                }
                out.extend_from_slice(&json[start..i.min(json.len())]);
            }
            b'{' | b'[' => {
                out.push(b);
                while json.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                match json.get(i) {
                    Some(&close @ (b'}' | b']')) => {
                        out.push(close);
                        i += 1;
                    }
                    _ => {
                        depth += 1;
                        newline(out, depth);
                    }
                }
            }
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                newline(out, depth);
                out.push(b);
            }
            b',' => {
                out.push(b);
                newline(out, depth);
            }
            b':' => out.extend_from_slice(b": "),
            b if b.is_ascii_whitespace() => {}
            b => out.push(b),
        }
    }
}

/// `user` as pretty JSON (see [`pretty_json`]), indented `depth` levels.
pub(crate) fn pretty_user(user: &User, depth: usize) -> io::Result<String> {
    Ok(pretty_json(&serde_json::to_string(user)?, depth))
}

/// `text` in exactly `width` characters: control characters as spaces, padded with spaces,
/// or cut to `width - 1` characters and `…`.
fn fit(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    fit_into(text, width, &mut out);
    // Whole characters and ASCII spaces were written: the bytes are UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// [`fit`] onto the end of `out`.
fn fit_into(text: &str, width: usize, out: &mut Vec<u8>) {
    let (mut count, mut last) = (0, out.len());
    for c in text.chars() {
        if count == width {
            // One character too many: the last one kept gives way to the ellipsis.
            out.truncate(last);
            out.extend_from_slice("…".as_bytes());
            return;
        }
        last = out.len();
        let c = if c.is_control() { ' ' } else { c };
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        count += 1;
    }
    out.resize(out.len() + (width - count), b' ');
}

/// A streaming writer of users.
pub(crate) struct UserWriter {
    format: Format,
    out: Box<dyn Write>,
    csv: Option<csv::Writer<Box<dyn Write>>>,
    /// CSV columns chosen with `--columns`; empty for the default ones.
    fields: Vec<UserField>,
    written: u64,
    /// A user's JSON, compact, and the text written for it: kept from user to user, so
    /// writing one allocates nothing and reaches `out` in one write.
    compact: Vec<u8>,
    text: Vec<u8>,
}

impl UserWriter {
    /// A writer of `format` into `out`; CSV rows hold `fields`, or the default columns
    /// when it is empty.
    pub(crate) fn new(format: Format, out: Box<dyn Write>, fields: Vec<UserField>) -> Self {
        let (out, csv): (Box<dyn Write>, _) = match format {
            Format::Csv => (Box::new(io::sink()), Some(csv::Writer::from_writer(out))),
            _ => (out, None),
        };
        UserWriter {
            format,
            out,
            csv,
            fields,
            written: 0,
            compact: Vec::new(),
            text: Vec::new(),
        }
    }

    /// Writes the header, if the format has one.
    pub(crate) fn begin(&mut self) -> io::Result<()> {
        match self.format {
            Format::Table => {
                let header: Vec<String> = COLUMNS.iter().map(|(n, w)| fit(n, *w)).collect();
                writeln!(self.out, "{}", header.join("  ").trim_end())
            }
            Format::Json => write!(self.out, "["),
            Format::Jsonl => Ok(()),
            Format::Csv => {
                let header: Vec<String> = if self.fields.is_empty() {
                    COLUMNS
                        .iter()
                        .map(|(n, _)| n.to_ascii_lowercase().replace(' ', "_"))
                        .collect()
                } else {
                    self.fields.iter().map(|f| f.to_string()).collect()
                };
                self.csv_writer()?
                    .write_record(&header)
                    .map_err(io::Error::other)
            }
        }
    }

    fn csv_writer(&mut self) -> io::Result<&mut csv::Writer<Box<dyn Write>>> {
        self.csv
            .as_mut()
            .ok_or_else(|| io::Error::other("not a CSV writer"))
    }

    /// Writes one user.
    pub(crate) fn write(&mut self, user: &User) -> io::Result<()> {
        match self.format {
            Format::Table => {
                self.text.clear();
                for (i, (cell, (_, width))) in cells(user).iter().zip(COLUMNS).enumerate() {
                    if i == 0 {
                        // Ids are never cut short: an operator copies them into the next
                        // command.
                        self.text.extend_from_slice(cell.as_bytes());
                        let padding = width.saturating_sub(cell.chars().count());
                        self.text.resize(self.text.len() + padding, b' ');
                    } else {
                        self.text.extend_from_slice(b"  ");
                        fit_into(cell, *width, &mut self.text);
                    }
                }
                let end = std::str::from_utf8(&self.text)
                    .map_or(self.text.len(), |row| row.trim_end().len());
                self.text.truncate(end);
                self.text.push(b'\n');
                self.out.write_all(&self.text)?;
            }
            Format::Json => {
                self.compact.clear();
                serde_json::to_writer(&mut self.compact, user)?;
                self.text.clear();
                if self.written > 0 {
                    self.text.push(b',');
                }
                self.text.extend_from_slice(b"\n  ");
                pretty_json_into(&self.compact, 1, &mut self.text);
                self.out.write_all(&self.text)?;
            }
            Format::Jsonl => {
                self.text.clear();
                serde_json::to_writer(&mut self.text, user)?;
                self.text.push(b'\n');
                self.out.write_all(&self.text)?;
            }
            Format::Csv => {
                let row = if self.fields.is_empty() {
                    cells(user)
                } else {
                    self.fields.iter().map(|f| field_cell(user, *f)).collect()
                };
                self.csv_writer()?
                    .write_record(&row)
                    .map_err(io::Error::other)?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the output (the JSON array's bracket) and flushes it.
    pub(crate) fn finish(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json => {
                if self.written > 0 {
                    writeln!(self.out)?;
                }
                writeln!(self.out, "]")?;
            }
            Format::Csv => self.csv_writer()?.flush()?,
            Format::Table | Format::Jsonl => {}
        }
        self.out.flush()
    }

    /// Flushes what was written so far.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        if let Some(csv) = self.csv.as_mut() {
            csv.flush()?;
        }
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_json_indents_like_serde_json_and_keeps_key_order() {
        let value = serde_json::json!({
            "a": [1, {"b": "x, y: {z}", "c": []}, {}],
            "d": {"e": "quote \" and \\\\", "f": null},
            "ünïcødé 🦀": ["é\\", "\\\"]{", "\u{7}\n", "日本語, {[:]}"],
            "\\": "\\\\\"",
        });
        let compact = serde_json::to_string(&value).unwrap();
        assert_eq!(
            pretty_json(&compact, 0),
            serde_json::to_string_pretty(&value).unwrap()
        );
        assert_eq!(
            pretty_json(r#"{ "z" : 1 , "a":[ ] }"#, 1),
            "{\n    \"z\": 1,\n    \"a\": []\n  }"
        );
    }

    #[test]
    fn fit_pads_cuts_and_blanks_control_characters_counting_characters_not_bytes() {
        assert_eq!(fit("Ada", 5), "Ada  ");
        assert_eq!(fit("Lovelace", 8), "Lovelace");
        assert_eq!(fit("Lovelaces", 8), "Lovelac…");
        assert_eq!(fit("Zoë Ångström", 6), "Zoë Å…");
        assert_eq!(fit("日本語", 4), "日本語 ");
        assert_eq!(fit("a\tb\nc", 5), "a b c");
        assert_eq!(fit("", 2), "  ");
        assert_eq!(fit("x", 0), "…");
    }

    /// Any JSON value: text with escapes and characters of every UTF-8 length, nested lists
    /// and objects, empty ones among them.
    fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let text = "[ -~\u{7}\n\u{e9}\u{65e5}\u{1F980}]{0,10}";
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            text.prop_map(Value::from),
        ];
        leaf.prop_recursive(4, 32, 5, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::from),
                proptest::collection::btree_map(text, inner, 0..5)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn pretty_json_is_serde_jsons_pretty_text_for_any_value(value in any_json()) {
            let compact = serde_json::to_string(&value).unwrap();
            proptest::prop_assert_eq!(
                pretty_json(&compact, 0),
                serde_json::to_string_pretty(&value).unwrap()
            );
        }
    }
}
