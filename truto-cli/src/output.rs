//! Writers that stream users as they arrive: table, JSON array, JSON lines, CSV.

use std::io::{self, Write};

use truto_core::User;

use crate::cli::Format;

/// Columns of the table and CSV formats.
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
    let date = |d: &Option<chrono::DateTime<chrono::Utc>>| {
        d.map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default()
    };
    let names = |items: Vec<Option<&String>>| {
        items
            .into_iter()
            .flatten()
            .cloned()
            .collect::<Vec<_>>()
            .join(";")
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
        names(
            user.groups
                .iter()
                .map(|g| g.name.as_ref().or(g.id.as_ref()))
                .collect(),
        ),
        names(
            user.roles
                .iter()
                .map(|r| r.name.as_ref().or(r.id.as_ref()))
                .collect(),
        ),
        date(&user.created_at),
        date(&user.last_login_at),
    ]
}

fn fit(text: &str, width: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let count = clean.chars().count();
    if count <= width {
        format!("{clean:<width$}")
    } else {
        let cut: String = clean.chars().take(width.saturating_sub(1)).collect();
        format!("{cut}…")
    }
}

/// A streaming writer of users.
pub(crate) struct UserWriter {
    format: Format,
    out: Box<dyn Write>,
    csv: Option<csv::Writer<Box<dyn Write>>>,
    written: u64,
}

impl UserWriter {
    /// A writer of `format` into `out`.
    pub(crate) fn new(format: Format, out: Box<dyn Write>) -> Self {
        match format {
            Format::Csv => UserWriter {
                format,
                out: Box::new(io::sink()),
                csv: Some(csv::Writer::from_writer(out)),
                written: 0,
            },
            _ => UserWriter {
                format,
                out,
                csv: None,
                written: 0,
            },
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
                let header: Vec<String> = COLUMNS
                    .iter()
                    .map(|(n, _)| n.to_ascii_lowercase().replace(' ', "_"))
                    .collect();
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
                // Ids are never cut short: an operator copies them into the next command.
                let row: Vec<String> = cells(user)
                    .iter()
                    .zip(COLUMNS)
                    .enumerate()
                    .map(|(i, (c, (_, w)))| {
                        if i == 0 {
                            format!("{c:<w$}")
                        } else {
                            fit(c, *w)
                        }
                    })
                    .collect();
                writeln!(self.out, "{}", row.join("  ").trim_end())?;
            }
            Format::Json => {
                if self.written > 0 {
                    write!(self.out, ",")?;
                }
                write!(self.out, "\n  ")?;
                serde_json::to_writer(&mut self.out, user)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, user)?;
                writeln!(self.out)?;
            }
            Format::Csv => {
                let row = cells(user);
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
