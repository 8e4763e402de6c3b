//! `truto`: list, read, export and deactivate the users of SaaS products from a terminal.

mod cli;
mod commands;
mod output;
mod settings;

use std::process::ExitCode;

use clap::Parser;

use cli::Cli;
use commands::exit_code;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.verbose {
        log_requests();
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(commands::Failure::Truto(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(exit_code(&e))
        }
        Err(commands::Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(commands::Failure::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(commands::Failure::Io(e)) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
        Err(commands::Failure::Reported(code)) => ExitCode::from(code),
    }
}

/// Writes truto-core's HTTP events to stderr: each request (target `truto::http`, with its
/// method, redacted URL, status, duration and attempt) and each wait before a retry, inside
/// the `truto.http` span naming the provider and operation. Nothing else is logged, and
/// headers (where credentials travel) never are.
fn log_requests() {
    use tracing_subscriber::prelude::*;

    let http_only = tracing_subscriber::filter::filter_fn(|meta| {
        *meta.level() <= tracing::Level::INFO
            && (meta.target() == "truto::http" || meta.name() == "truto.http")
    });
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_target(false)
        .with_filter(http_only);
    // Fails only if a subscriber is already set, which nothing else does.
    let _ = tracing_subscriber::registry().with(layer).try_init();
}
