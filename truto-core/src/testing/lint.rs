//! The spec lint: what every declarative integration must get right before it runs.
//!
//! - every spec names its sources, and its fixture names where its records come from;
//! - every fixture record maps (it has an id), and to the unified user the fixture expects;
//! - every record location a rule reads is present in some fixture record;
//! - every status value the spec's tables name appears in the fixture or in the statuses
//!   the fixture says the provider documents;
//! - every field, required parameter and operation the reference
//!   (`spec/field-support.tsv`, `spec/integrations.tsv`) lists for the integration is
//!   mapped, declared, or declared absent with a reason;
//! - the module docs' capability table says what the spec does.

use serde_json::Value;

use super::fixture::Fixture;
use crate::provider::declarative::path::{Path, Step};
use crate::provider::declarative::rules::Rule;
use crate::provider::declarative::{Spec, map_record};
use crate::reference;

/// Every problem the lint finds with `spec`, its `fixture`, and (when given) the text of
/// its module's source file; empty when there is none.
pub fn lint(spec: &'static Spec, fixture: &Fixture, source: Option<&str>) -> Vec<String> {
    let mut problems = Vec::new();
    let i = &spec.integration;
    if spec.sources.is_empty() {
        problems.push("the spec names no sources (`.sources(&[…])`)".to_owned());
    }
    for s in spec.sources {
        if !s.starts_with("https://") && !s.starts_with("http://") {
            problems.push(format!("source `{s}` is not a URL"));
        }
    }
    if fixture.source.trim().is_empty() {
        problems.push("the fixture names no source for its records".to_owned());
    }
    for (n, record) in fixture.records.iter().enumerate() {
        let text = record.to_string();
        match map_record(spec, &text) {
            Err(e) => problems.push(format!("fixture record {n} does not map: {e}")),
            Ok(user) => {
                if let Some(expected) = fixture.expected.get(n) {
                    let got = serde_json::to_value(&user).unwrap_or_default();
                    if &got != expected {
                        problems.push(format!(
                            "fixture record {n} maps to\n  {got}\nnot the expected\n  {expected}"
                        ));
                    }
                }
            }
        }
    }
    if fixture.expected.is_empty() {
        // Show what the records map to, for the author to check against the provider's
        // docs and copy into `expected`.
        let mapped: Vec<String> = fixture
            .records
            .iter()
            .filter_map(|r| map_record(spec, &r.to_string()).ok())
            .filter_map(|u| serde_json::to_string(&u).ok())
            .collect();
        problems.push(format!(
            "the fixture expects no unified user (`expected`); its records map to:\n  [{}]",
            mapped.join(",\n   ")
        ));
    }
    for rule in spec.rules {
        for location in rule.locations() {
            let Ok(path) = Path::parse(&location) else {
                problems.push(format!("`{location}` is not a location"));
                continue;
            };
            if !fixture.records.iter().any(|r| present(r, &path.0)) {
                problems.push(format!(
                    "`{location}` ({}) is in no fixture record",
                    rule.field()
                ));
            }
        }
        if let Rule::Status { at, table } = rule {
            let documented: Vec<&str> = fixture
                .statuses
                .as_ref()
                .map(|d| d.values.iter().map(String::as_str).collect())
                .unwrap_or_default();
            let seen: Vec<String> = Path::parse(at)
                .ok()
                .map(|p| {
                    fixture
                        .records
                        .iter()
                        .filter_map(|r| p.lookup(r).and_then(Value::as_str).map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            for (value, _) in *table {
                let known = documented.iter().any(|d| d.eq_ignore_ascii_case(value))
                    || seen.iter().any(|s| s.eq_ignore_ascii_case(value));
                if !known {
                    problems.push(format!(
                        "status `{value}` is neither in a fixture record nor in the fixture's documented statuses"
                    ));
                }
            }
        }
    }
    let absent = |name: &str| {
        spec.absent
            .iter()
            .any(|(f, why)| *f == name && !why.trim().is_empty())
    };
    let mapped: Vec<&str> = spec
        .rules
        .iter()
        .map(Rule::field)
        .chain(spec.hooks.post_map_sets.iter().copied())
        .collect();
    let mapped = |field: &str| {
        mapped.contains(&field)
            || (field == "first_name" || field == "last_name")
                && spec
                    .rules
                    .iter()
                    .any(|r| matches!(r, Rule::SplitName { .. }))
    };
    if let Some(support) = reference::field_support(i.slug) {
        for field in support.read_fields() {
            if field == "remote_data" || mapped(field) || absent(field) {
                continue;
            }
            problems.push(format!(
                "the reference lists `{field}` for {}: map it or declare it absent with a reason",
                i.name
            ));
        }
        for field in &support.update_fields {
            if *field == "id" || i.can_update(field) || absent(&format!("update:{field}")) {
                continue;
            }
            problems.push(format!(
                "the reference lets an update set `{field}`: declare it or declare `update:{field}` absent with a reason"
            ));
        }
        for (op, required, declared) in [
            ("list", &support.list_required, i.required_list),
            ("get", &support.get_required, i.required_get),
            ("update", &support.update_required, i.required_update),
        ] {
            for name in required {
                if !declared.contains(name) && !absent(&format!("{op}:{name}")) {
                    problems.push(format!(
                        "the reference requires `{name}` to {op}: require it or declare `{op}:{name}` absent with a reason"
                    ));
                }
            }
        }
    }
    if let Some(entry) = reference::lookup(i.slug) {
        for (op, marked, supported) in [
            ("list", entry.list, i.list.is_some()),
            ("get", entry.get, i.get),
            ("update", entry.update, i.update),
        ] {
            if marked && !supported && !absent(op) {
                problems.push(format!(
                    "the reference marks {op} for {}: support it or declare `{op}` absent with the evidence",
                    i.name
                ));
            }
        }
    }
    if let Some(source) = source {
        problems.extend(check_docs(spec, source));
    }
    problems
}

/// Whether `steps` lead to a non-null value in `value` (`[]`: in some element).
fn present(value: &Value, steps: &[Step]) -> bool {
    let Some((first, rest)) = steps.split_first() else {
        return !value.is_null();
    };
    match first {
        Step::Key(k) => value.get(&**k).is_some_and(|v| present(v, rest)),
        Step::Index(n) => value.get(*n).is_some_and(|v| present(v, rest)),
        Step::Each => value
            .as_array()
            .is_some_and(|items| items.iter().any(|v| present(v, rest))),
    }
}

/// The module docs' capability table (`//! | operations | … |`) says what the spec does.
fn check_docs(spec: &Spec, source: &str) -> Vec<String> {
    let i = &spec.integration;
    let row = |name: &str| {
        source.lines().find_map(|l| {
            let cells: Vec<&str> = l
                .trim_start_matches("//!")
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            (cells.len() >= 2 && cells[0] == name).then(|| cells[1].to_owned())
        })
    };
    let mut problems = Vec::new();
    match row("operations") {
        None => problems.push("the module docs have no `| operations | … |` row".to_owned()),
        Some(text) => {
            let words: Vec<String> = text
                .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                .map(str::to_owned)
                .filter(|w| !w.is_empty())
                .collect();
            for (op, supported) in [
                ("list", i.list.is_some()),
                ("get", i.get),
                ("update", i.update),
            ] {
                let said = words.iter().any(|w| w == op);
                if said != supported {
                    problems.push(format!(
                        "the docs' operations row {} `{op}`, the spec {}",
                        if said { "says" } else { "omits" },
                        if supported { "supports it" } else { "does not" }
                    ));
                }
            }
            if i.partial_list != words.iter().any(|w| w == "partial") {
                problems
                    .push("the docs' operations row and the spec disagree on `partial`".to_owned());
            }
        }
    }
    let filters = row("filters");
    for f in i.filter_names() {
        if !filters.as_deref().unwrap_or("").contains(&format!("`{f}`")) {
            problems.push(format!("the docs' filters row does not name `{f}`"));
        }
    }
    if row("slug / feature").is_none_or(|t| !t.contains(&format!("`{}`", i.slug))) {
        problems.push("the docs' `| slug / feature | … |` row does not name the slug".to_owned());
    }
    problems
}
