//! A declarative integration's fixture: provider records shaped exactly as the provider
//! documents them, the unified users they must map to, and the requests each operation
//! must send. See `docs/adding-an-integration.md` for how to write one.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;

/// One request as the provider must receive it. Each part that is given is compared:
/// the method and path exactly, the query pairs as a set (every pair, nothing more),
/// the headers named (others may be present), the body as JSON.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExpectedRequest {
    /// `GET`, `POST`, ...
    pub method: String,
    /// The path, below the server (the spec's base path included).
    pub path: String,
    /// Query pairs (all of them).
    #[serde(default)]
    pub query: Option<BTreeMap<String, String>>,
    /// Headers that must be present with these values (names in any case).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The JSON body.
    #[serde(default)]
    pub body: Option<Value>,
}

/// A case of a request check: the call made and the request expected.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RequestCase {
    /// Filters of a listing (`{"email": "ada@example.com"}`), by contract name.
    #[serde(default)]
    pub filters: BTreeMap<String, String>,
    /// Parameters of the call.
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// The page size asked for.
    #[serde(default)]
    pub limit: Option<u32>,
    /// The id a get or update addresses (the first record's by default).
    #[serde(default)]
    pub id: Option<String>,
    /// The update body, as the contract's JSON (`{"first_name": "Ada"}`).
    #[serde(default)]
    pub update: Option<Value>,
    /// The request the provider must receive.
    pub expect: ExpectedRequest,
    /// For a listing: the request of the second page, when the first is full.
    #[serde(default)]
    pub then: Option<ExpectedRequest>,
}

/// A spec's fixture file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Fixture {
    /// Where the records come from: the provider document (URL) whose example they copy.
    pub source: String,
    /// Provider records, exactly as the provider documents them.
    pub records: Vec<Value>,
    /// The unified user each record maps to, without `remote_data` (in order; records
    /// past the end are not compared).
    #[serde(default)]
    pub expected: Vec<Value>,
    /// Every status value the provider documents (when it has a status), and where.
    #[serde(default)]
    pub statuses: Option<DocumentedValues>,
    /// Extra config keys for the test connection (non-secret: `site`, `region`, ...).
    #[serde(default)]
    pub config: BTreeMap<String, String>,
    /// Parameters every call needs (required ones: `organization_id`, ...).
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    /// An error body the provider sends, with `{message}` and `{status}` placeholders in
    /// its string values (by default one is built from the spec's error locations).
    #[serde(default)]
    pub error_body: Option<Value>,
    /// The requests each operation sends.
    #[serde(default)]
    pub requests: BTreeMap<String, RequestCase>,
}

/// Values a provider documents for a field, and where.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct DocumentedValues {
    /// The document.
    pub source: String,
    /// The values.
    pub values: Vec<String>,
}

/// The fixture of `slug` in `dir` (`<dir>/<slug>.json`).
///
/// # Panics
/// When the file is missing or not a fixture: a broken test, named in the message.
#[allow(clippy::panic)]
pub fn load_fixture(dir: &Path, slug: &str) -> Fixture {
    let path: PathBuf = dir.join(format!("{slug}.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot read the fixture: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: not a fixture: {e}", path.display()))
}
