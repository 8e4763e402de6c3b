//! Lists the users of an embedded demo SCIM directory, no credentials needed:
//!
//! ```text
//! cargo run --example demo
//! ```
//!
//! A SCIM 2.0 server starts in this process on loopback; the real SCIM client lists its
//! users page by page over HTTP and prints them as a table.

use futures::StreamExt;
use truto_core::{ListUsers, User, UserDirectoryExt};
use truto_scim::demo::DemoDirectory;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let demo = DemoDirectory::start(42).await?;
    let directory = demo.directory();
    println!("Demo SCIM directory at {}\n", demo.base_url());

    let columns = ["ID", "NAME", "EMAIL", "TITLE", "STATUS", "GROUPS"];
    let mut rows = Vec::new();
    let mut users = directory.list_users(ListUsers::new().limit(10));
    while let Some(user) = users.next().await {
        rows.push(row(&user?));
    }
    print_table(&columns, &rows);
    let inactive = rows.iter().filter(|r| r[4] == "inactive").count();
    println!(
        "\n{} users ({} inactive), listed in pages of 10.",
        rows.len(),
        inactive
    );
    Ok(())
}

fn row(user: &User) -> Vec<String> {
    let short_id = user
        .id
        .rsplit('-')
        .next()
        .unwrap_or(&user.id)
        .trim_start_matches('0');
    vec![
        if short_id.is_empty() {
            "0".to_owned()
        } else {
            short_id.to_owned()
        },
        user.name.clone().unwrap_or_default(),
        user.primary_email().unwrap_or_default().to_owned(),
        user.title.clone().unwrap_or_default(),
        user.status
            .as_ref()
            .map(|s| s.to_string())
            .unwrap_or_default(),
        user.groups
            .iter()
            .filter_map(|g| g.name.clone())
            .collect::<Vec<_>>()
            .join(", "),
    ]
}

fn print_table(columns: &[&str], rows: &[Vec<String>]) {
    let widths: Vec<usize> = (0..columns.len())
        .map(|i| {
            rows.iter()
                .map(|r| r[i].chars().count())
                .chain([columns[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(columns.to_vec());
    line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    );
    for r in rows {
        line(r.iter().map(String::as_str).collect());
    }
}
