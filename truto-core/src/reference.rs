//! What Truto's Unified User Directory reference says about each integration, embedded at
//! compile time: the operations it supports ([`lookup`], [`entries`]) and the fields and
//! parameters it documents ([`field_support`]).
//!
//! `data/integrations.tsv` and `data/field-support.tsv` are verbatim copies of the
//! project's `spec/integrations.tsv` and `spec/field-support.tsv`; `data/integration-slugs.tsv`
//! is the name, slug and family columns of `spec/integrations-classified.tsv`. Refresh them
//! when the spec changes (a test compares them when the spec folder is beside the
//! repository).
//!
//! ```
//! let github = truto_core::reference::lookup("github").unwrap();
//! assert_eq!(github.name, "GitHub");
//! assert!(github.list && github.get && !github.update && github.partial_list);
//! assert_eq!(truto_core::reference::lookup("Notion SCIM").unwrap().slug, "notion_scim");
//! let fields = truto_core::reference::field_support("github").unwrap();
//! assert!(fields.get_fields.contains(&"emails"));
//! assert_eq!(fields.list_required, ["organization_id"]);
//! ```

/// `spec/integrations.tsv`.
pub const INTEGRATIONS_TSV: &str = include_str!("../data/integrations.tsv");
/// `spec/field-support.tsv`.
pub const FIELD_SUPPORT_TSV: &str = include_str!("../data/field-support.tsv");
/// Name, slug and family columns of `spec/integrations-classified.tsv`.
pub const SLUGS_TSV: &str = include_str!("../data/integration-slugs.tsv");

/// One integration of the reference, with the operations the hosted API supports for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogEntry {
    /// The name the reference uses (e.g. `GitHub`).
    pub name: &'static str,
    /// The slug (e.g. `github`), as truto-rs names its integrations.
    pub slug: &'static str,
    /// Listing users is supported.
    pub list: bool,
    /// Getting one user is supported.
    pub get: bool,
    /// Updating a user is supported.
    pub update: bool,
    /// Listed users carry less than a get returns.
    pub partial_list: bool,
}

fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn slug_of(name: &str) -> Option<&'static str> {
    rows(SLUGS_TSV)
        .find(|r| r.first().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(|r| r.get(1).copied())
        .filter(|s| !s.is_empty())
}

fn name_of(slug: &str) -> Option<&'static str> {
    rows(SLUGS_TSV)
        .find(|r| r.get(1).is_some_and(|s| s.eq_ignore_ascii_case(slug)))
        .and_then(|r| r.first().copied())
}

/// The integration called `key`, by slug (`google_workspace`) or by name (`Google
/// Workspace`), ignoring ASCII case.
pub fn lookup(key: &str) -> Option<CatalogEntry> {
    let key = key.trim();
    if key.is_empty() {
        return None;
    }
    let name = name_of(key).unwrap_or(key);
    let row =
        rows(INTEGRATIONS_TSV).find(|r| r.first().is_some_and(|n| n.eq_ignore_ascii_case(name)))?;
    let flag = |i: usize| row.get(i).is_some_and(|v| *v == "y");
    let name = row.first().copied().unwrap_or_default();
    Some(CatalogEntry {
        name,
        slug: slug_of(name).unwrap_or(name),
        list: flag(1),
        get: flag(2),
        update: flag(3),
        partial_list: flag(4),
    })
}

/// Every integration of the reference, in the reference's order.
pub fn entries() -> impl Iterator<Item = CatalogEntry> {
    rows(INTEGRATIONS_TSV).filter_map(|r| r.first().and_then(|n| lookup(n)))
}

/// The fields and parameters the reference documents for one integration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldSupport {
    /// Fields a listed user carries.
    pub list_fields: Vec<&'static str>,
    /// Fields a user got by id carries.
    pub get_fields: Vec<&'static str>,
    /// Fields an update can set.
    pub update_fields: Vec<&'static str>,
    /// Parameters of a listing.
    pub list_params: Vec<&'static str>,
    /// Parameters a listing requires.
    pub list_required: Vec<&'static str>,
    /// Parameters of a get.
    pub get_params: Vec<&'static str>,
    /// Parameters a get requires.
    pub get_required: Vec<&'static str>,
    /// Parameters of an update.
    pub update_params: Vec<&'static str>,
    /// Parameters an update requires.
    pub update_required: Vec<&'static str>,
    /// Integration-specific notes, as `op.param: text`.
    pub notes: Vec<&'static str>,
}

impl FieldSupport {
    /// Every field a listed or got user carries, each once.
    pub fn read_fields(&self) -> Vec<&'static str> {
        let mut out = self.list_fields.clone();
        for f in &self.get_fields {
            if !out.contains(f) {
                out.push(f);
            }
        }
        out
    }
}

/// What the reference documents for the integration called `key` (slug or name).
pub fn field_support(key: &str) -> Option<FieldSupport> {
    let entry = lookup(key);
    let name = entry
        .map(|e| e.name)
        .or_else(|| name_of(key))
        .unwrap_or(key);
    let row = rows(FIELD_SUPPORT_TSV)
        .find(|r| r.first().is_some_and(|n| n.eq_ignore_ascii_case(name)))?;
    let list = |i: usize| -> Vec<&'static str> {
        row.get(i)
            .map(|cell| {
                cell.split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(FieldSupport {
        list_fields: list(1),
        get_fields: list(2),
        update_fields: list(3),
        list_params: list(4),
        list_required: list(5),
        get_params: list(6),
        get_required: list(7),
        update_params: list(8),
        update_required: list(9),
        notes: row
            .get(10)
            .map(|cell| cell.split(" | ").filter(|s| !s.is_empty()).collect())
            .unwrap_or_default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_resolves_to_a_slug() {
        let all: Vec<CatalogEntry> = entries().collect();
        assert!(all.len() >= 350, "{}", all.len());
        for e in &all {
            assert!(!e.slug.contains(' '), "{e:?} has no slug");
        }
        let figma = lookup("figma").unwrap();
        assert!(!figma.list && figma.get && !figma.update);
        assert!(lookup("no such thing").is_none());
        let vercel = field_support("vercel").unwrap();
        assert_eq!(vercel.update_required, ["groups"]);
    }

    /// The embedded copies match the project's spec folder, when it is beside the
    /// repository (always in CI).
    #[test]
    fn embedded_copies_match_the_spec() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/spec");
        if !dir.exists() {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI runs with shared/ beside the repository"
            );
            eprintln!("skipped: needs ../shared/spec beside the repository");
            return;
        }
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).unwrap_or_default();
        assert_eq!(read("integrations.tsv"), INTEGRATIONS_TSV);
        assert_eq!(read("field-support.tsv"), FIELD_SUPPORT_TSV);
        let slugs: String = read("integrations-classified.tsv")
            .lines()
            .map(|l| l.split('\t').take(3).collect::<Vec<_>>().join("\t") + "\n")
            .collect();
        assert_eq!(slugs, SLUGS_TSV);
    }
}
