//! The README's integration matrix is generated from what every family crate registers:
//! this test fails when it is out of date, and rewrites it with `TRUTO_BLESS=1`.

use truto_core::{Integration, Reach, Registry};

const START: &str = "<!-- integrations:start -->";
const END: &str = "<!-- integrations:end -->";

fn registry() -> Registry {
    let mut r = Registry::new();
    truto_scim::register(&mut r);
    truto_idp::register(&mut r);
    truto_devtools::register(&mut r);
    truto_crm::register(&mut r);
    truto_helpdesk::register(&mut r);
    truto_collaboration::register(&mut r);
    truto_work::register(&mut r);
    truto_marketing::register(&mut r);
    truto_hosted::register(&mut r);
    r
}

fn row(i: &Integration) -> String {
    let mark = |on: bool| if on { "✓" } else { "" };
    let list = match (i.list.is_some(), i.partial_list) {
        (true, true) => "✓ (partial)",
        (true, false) => "✓",
        (false, _) => "",
    };
    let mode = match i.reach {
        Reach::TrutoOnly { .. } => "through Truto",
        _ => "direct",
    };
    let note = match i.reach {
        Reach::TrutoOnly { reason, .. } => reason.to_owned(),
        _ => i.note.unwrap_or("").to_owned(),
    };
    format!(
        "| `{}` | {} | {} | {} | {} | {} | {} | {} |",
        i.slug,
        i.name,
        i.family,
        mode,
        list,
        mark(i.get),
        mark(i.update),
        note.replace('|', "\\|")
    )
}

fn matrix() -> String {
    let registry = registry();
    let mut integrations: Vec<&Integration> = registry.integrations().collect();
    integrations.sort_by_key(|i| (i.family, i.slug));
    let direct = integrations.iter().filter(|i| i.is_direct()).count();
    let mut out = format!(
        "{} integrations: {direct} direct, {} through Truto only.\n\n| slug | name | family | mode | list | get | update | notes |\n|---|---|---|---|---|---|---|---|\n",
        integrations.len(),
        integrations.len() - direct,
    );
    for i in integrations {
        out.push_str(&row(i));
        out.push('\n');
    }
    out
}

#[test]
fn the_readme_matrix_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no {START} … {END} block");
    };
    let current = &readme[start + START.len()..end];
    let wanted = format!("\n{}", matrix());
    if current == wanted {
        return;
    }
    if std::env::var_os("TRUTO_BLESS").is_some() {
        let updated = format!("{}{START}{wanted}{}", &readme[..start], &readme[end..]);
        std::fs::write(path, updated).unwrap();
        return;
    }
    panic!(
        "README.md's integration matrix is out of date: run `TRUTO_BLESS=1 cargo test -p truto-examples --test readme`"
    );
}
