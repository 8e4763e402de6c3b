//! The integrations Truto's Unified User Directory API names, and the operations it supports
//! for each, embedded at compile time.
//!
//! `data/integrations.tsv` is a verbatim copy of `spec/integrations.tsv` (name, list, get,
//! update, partial list); `data/integration-slugs.tsv` is the name and slug columns of
//! `spec/integrations-classified.tsv` (`cut -f1,2`). Refresh both when the spec changes.
//!
//! ```
//! let github = truto_hosted::catalog::lookup("github").unwrap();
//! assert_eq!(github.name, "GitHub");
//! assert!(github.list && github.get && !github.update && github.partial_list);
//! assert_eq!(truto_hosted::catalog::lookup("Notion SCIM").unwrap().slug, "notion_scim");
//! ```

const OPERATIONS: &str = include_str!("../data/integrations.tsv");
const SLUGS: &str = include_str!("../data/integration-slugs.tsv");

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
    rows(SLUGS)
        .find(|r| r.first().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .and_then(|r| r.get(1).copied())
        .filter(|s| !s.is_empty())
}

fn name_of(slug: &str) -> Option<&'static str> {
    rows(SLUGS)
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
    let row = rows(OPERATIONS).find(|r| r.first().is_some_and(|n| n.eq_ignore_ascii_case(name)))?;
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
    rows(OPERATIONS).filter_map(|r| r.first().and_then(|n| lookup(n)))
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
        assert!(lookup("").is_none());
    }
}
