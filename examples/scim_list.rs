//! Lists the users of any SCIM 2.0 endpoint, one JSON object per line.
//!
//! ```text
//! SCIM_BASE_URL=https://scim.example.com/scim/v2 SCIM_TOKEN=... cargo run --example scim_list
//! ```
//!
//! `SCIM_TOKEN` is sent as a bearer token; for Basic auth set `SCIM_USERNAME` and
//! `SCIM_PASSWORD` instead. If the listing fails part way, the error says where to resume:
//! set `SCIM_CURSOR` to the printed cursor and run again.

use std::io::Write;

use futures::StreamExt;
use truto_core::{Config, Cursor, ListUsers, UserDirectoryExt};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = Config::new();
    for (var, key) in [
        ("SCIM_BASE_URL", "base_url"),
        ("SCIM_TOKEN", "token"),
        ("SCIM_USERNAME", "username"),
        ("SCIM_PASSWORD", "password"),
    ] {
        if let Ok(value) = std::env::var(var) {
            config.insert(key, value);
        }
    }
    if config.get("base_url").is_none() {
        return Err(
            "set SCIM_BASE_URL (and SCIM_TOKEN, or SCIM_USERNAME and SCIM_PASSWORD)".into(),
        );
    }
    let directory = truto_scim::generic::connect(&config)?;
    let mut options = ListUsers::new();
    if let Ok(cursor) = std::env::var("SCIM_CURSOR") {
        options = options.next_cursor(Cursor::from_text(cursor));
    }

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut users = directory.list_users(options);
    let mut count = 0u64;
    while let Some(user) = users.next().await {
        match user {
            Ok(user) => {
                count += 1;
                writeln!(out, "{}", serde_json_line(&user)?)?;
            }
            Err(e) => {
                eprintln!("listing failed after {count} users: {e}");
                if let Some(cursor) = e.resume_cursor() {
                    eprintln!("resume with SCIM_CURSOR={cursor}");
                }
                std::process::exit(1);
            }
        }
    }
    eprintln!("{count} users");
    Ok(())
}

fn serde_json_line(user: &truto_core::User) -> Result<String, serde_json::Error> {
    serde_json::to_string(user)
}
