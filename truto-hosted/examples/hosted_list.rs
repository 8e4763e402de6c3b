//! Lists the users of a Truto integrated account through the hosted Unified API.
//!
//! ```text
//! TRUTO_API_TOKEN=… TRUTO_INTEGRATED_ACCOUNT_ID=… cargo run -p truto-hosted --example hosted_list
//! ```
//!
//! Optional: `TRUTO_INTEGRATION` (slug or name of the integration behind the account, for
//! checks before sending) and `TRUTO_BASE_URL` (another deployment or a mock).

use futures::StreamExt;
use truto_core::{Config, ListUsers, UserDirectoryExt};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let (Some(token), Some(account)) = (var("TRUTO_API_TOKEN"), var("TRUTO_INTEGRATED_ACCOUNT_ID"))
    else {
        eprintln!("set TRUTO_API_TOKEN and TRUTO_INTEGRATED_ACCOUNT_ID");
        std::process::exit(2);
    };
    let mut config = Config::new()
        .set("token", token)
        .set("integrated_account_id", account);
    if let Some(integration) = var("TRUTO_INTEGRATION") {
        config.insert("integration", integration);
    }
    if let Some(base_url) = var("TRUTO_BASE_URL") {
        config.insert("base_url", base_url);
    }
    let dir = truto_hosted::connect(&config)?;
    let mut users = dir.list_users(ListUsers::new().limit(100));
    let mut count = 0usize;
    while let Some(user) = users.next().await {
        match user {
            Ok(user) => {
                count += 1;
                println!(
                    "{}\t{}\t{}",
                    user.id,
                    user.name.as_deref().unwrap_or("-"),
                    user.primary_email().unwrap_or("-")
                );
            }
            Err(e) => {
                if let Some(cursor) = e.resume_cursor() {
                    eprintln!("resume with cursor {cursor}");
                }
                return Err(e.into());
            }
        }
    }
    eprintln!("{count} users");
    Ok(())
}
