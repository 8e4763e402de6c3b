//! Running one measured variant in a child process, so its peak RSS is its own: the bench
//! binary re-executes itself with arguments naming the variant, the child prints one
//! `RESULT` line ([`report`]) and the parent reads it back ([`run`]).

use std::process::Command;

/// What a child measured.
#[derive(Debug, Clone, Copy)]
pub struct ChildRun {
    /// Users listed.
    pub users: f64,
    /// Wall time of the listing, in seconds.
    pub secs: f64,
    /// Peak resident set size of the child, in KiB.
    pub rss_kb: u64,
    /// CPU time the child spent (user and system, all its threads), in seconds; `None`
    /// when it did not say.
    pub cpu_secs: Option<f64>,
}

impl ChildRun {
    /// Users per second.
    pub fn users_per_sec(&self) -> f64 {
        self.users / self.secs
    }
}

/// Prints the `RESULT` line the parent reads: `users`, `secs`, this process's peak RSS and
/// the CPU time it has spent so far (`cpu`, when `/proc` tells).
pub fn report(users: usize, secs: f64) {
    let cpu = cpu_secs()
        .map(|c| format!(" cpu={c:.2}"))
        .unwrap_or_default();
    println!(
        "RESULT users={users} secs={secs:.4} rss_kb={}{cpu}",
        vm_hwm_kb()
    );
}

/// The CPU time this process has spent, user and system, all its threads (`utime` and
/// `stime` of `/proc/self/stat`, counted in Linux's fixed 100 ticks a second); `None`
/// where `/proc` is missing.
pub fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces:
    // the state is field 3, `utime` field 14 and `stime` field 15.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}

/// Runs this binary again with `args` and reads the child's `RESULT` line; panics with the
/// child's output when there is none (a failed variant must not pass unnoticed).
pub fn run(args: &[&str]) -> ChildRun {
    run_program(
        &std::env::current_exe().expect("the bench binary's path"),
        args,
    )
}

/// Runs `program` with `args` (another language's client, say) and reads its `RESULT`
/// line, which it prints in the same form as [`report`].
pub fn run_program(program: &std::path::Path, args: &[&str]) -> ChildRun {
    let out = Command::new(program)
        .args(args)
        .output()
        .expect("the child process starts");
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.starts_with("RESULT"))
        .unwrap_or_else(|| {
            panic!(
                "{args:?} failed: {text}{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let optional = |name: &str| -> Option<f64> {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name)?.strip_prefix('='))
            .and_then(|v| v.parse().ok())
    };
    let field = |name: &str| optional(name).unwrap_or_else(|| panic!("no `{name}` in {line}"));
    ChildRun {
        users: field("users"),
        secs: field("secs"),
        rss_kb: field("rss_kb") as u64,
        cpu_secs: optional("cpu"),
    }
}

/// This process's peak resident set size (`VmHWM`), in KiB; 0 where `/proc` is missing.
pub fn vm_hwm_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
