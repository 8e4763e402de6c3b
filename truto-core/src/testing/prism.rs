//! Prism (`@stoplight/prism-cli`) serving a provider's published API description on
//! loopback: it answers with the provider's own examples and rejects requests that break
//! the description. `scripts/test.sh` installs it into `.tools/prism` on first use.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::process::{Child, Command};

/// A running Prism mock server. Killed when dropped.
pub struct PrismServer {
    _child: Child,
    base: String,
}

/// What a test needs from outside the repository, or `None` to skip it.
///
/// Outside CI a missing need skips the test with one line on stderr saying what it needs
/// and how to get it; under CI (the `CI` variable set) nothing may skip, so it panics.
#[allow(clippy::panic)]
pub fn need(what: &str, path: Option<PathBuf>) -> Option<PathBuf> {
    if let Some(path) = path.filter(|p| p.exists()) {
        return Some(path);
    }
    if std::env::var_os("CI").is_some() {
        panic!("CI must provide {what}");
    }
    // Written to the stderr handle, not with `eprintln!`, which the test harness captures:
    // a skip must show in a plain `cargo test` run.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: needs {what}; `scripts/test.sh` runs everything"
    );
    None
}

/// A file of the project's `shared/` folder beside the repository (`provider-specs/…`,
/// `spec/…`), or `None` (the test skips with one line) when the repository was cloned
/// without it.
pub fn shared_file(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared")
        .join(relative);
    need(
        &format!("../shared/{relative} beside the repository (the project's shared folder)"),
        Some(path),
    )
}

/// The Prism binary, or `None` (the test skips with one line) when it is not installed.
pub fn prism_binary_or_skip() -> Option<PathBuf> {
    need(
        "Prism (`scripts/test.sh` installs it into .tools/prism, or set TRUTO_PRISM)",
        Some(prism_binary()),
    )
}

/// The path of a description in `shared/provider-specs/` (beside the repository).
///
/// # Panics
/// When the file is missing: the tests need `shared/` beside the repository.
#[allow(clippy::panic)]
pub fn provider_spec(file: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/provider-specs")
        .join(file);
    if !path.exists() {
        panic!(
            "{} is missing: the tests need the project's shared/ folder beside the repository",
            path.display()
        );
    }
    path
}

fn prism_binary() -> PathBuf {
    if let Ok(path) = std::env::var("TRUTO_PRISM") {
        return PathBuf::from(path);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.tools/prism/node_modules/.bin/prism")
}

impl PrismServer {
    /// Serves `shared/provider-specs/<file>`, or `None` (the test skips with one line)
    /// when the description or Prism is missing outside CI.
    pub async fn start_or_skip(file: &str, errors: bool) -> Option<Self> {
        let spec = shared_file(&format!("provider-specs/{file}"))?;
        prism_binary_or_skip()?;
        Some(PrismServer::start(spec, errors).await)
    }

    /// Serves `spec` with request validation (`--errors`), or without it when `errors` is
    /// false (for descriptions whose own examples break their schemas).
    ///
    /// # Panics
    /// When Prism is not installed, exits at start three times, or does not answer within
    /// 60 s; the message says how to install it. Tests never skip for want of it.
    #[allow(clippy::panic)]
    pub async fn start(spec: PathBuf, errors: bool) -> Self {
        let binary = prism_binary();
        if !binary.exists() {
            panic!(
                "Prism is not installed at {}. Run `scripts/test.sh` (it installs @stoplight/prism-cli into .tools/prism), or set TRUTO_PRISM.",
                binary.display()
            );
        }
        let probe = reqwest::Client::builder()
            .no_proxy()
            .timeout(Duration::from_secs(5))
            .build()
            .unwrap_or_else(|e| panic!("no HTTP client for the readiness probe: {e}"));
        let started = Instant::now();
        // A port found free can be taken before Prism binds it, and Prism then exits: it is
        // started again on another.
        for _ in 0..3 {
            let port = std::net::TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .map(|a| a.port())
                .unwrap_or_else(|e| panic!("no free loopback port: {e}"));
            let mut command = Command::new(&binary);
            command
                .arg("mock")
                .arg(&spec)
                .args(["-h", "127.0.0.1", "-p", &port.to_string()])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .kill_on_drop(true);
            if errors {
                command.arg("--errors");
            }
            let mut child = command
                .spawn()
                .unwrap_or_else(|e| panic!("could not start Prism: {e}"));
            let base = format!("http://127.0.0.1:{port}");
            // Ready when Prism answers HTTP (any status). A bare TCP connect is not enough: a
            // connect to a loopback port nobody listens on yet can, rarely, reach itself (the
            // same ephemeral port on both ends), and the test's requests then find no server.
            loop {
                if probe.get(&base).send().await.is_ok() {
                    return PrismServer {
                        _child: child,
                        base,
                    };
                }
                if !matches!(child.try_wait(), Ok(None)) {
                    break;
                }
                if started.elapsed() > Duration::from_secs(60) {
                    panic!("Prism did not start within 60 s for {}", spec.display());
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        panic!("Prism exited at start three times for {}", spec.display());
    }

    /// The base URL (`http://127.0.0.1:PORT`).
    pub fn uri(&self) -> &str {
        &self.base
    }
}
