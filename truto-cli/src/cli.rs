//! The command line, as clap parses it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// List, read, export and deactivate the users of SaaS products.
///
/// Credentials come from the environment (`TRUTO_<SLUG>_<KEY>`, e.g. `TRUTO_OKTA_TOKEN`) or
/// from a profile in the config file (`~/.config/truto/config.toml`); never from flags.
#[derive(Debug, Parser)]
#[command(name = "truto", version, about, long_about = None, propagate_version = true)]
pub(crate) struct Cli {
    /// Profile of the config file to read credentials from.
    #[arg(long, global = true, env = "TRUTO_PROFILE", default_value = "default")]
    pub(crate) profile: String,
    /// Config file (default: $XDG_CONFIG_HOME/truto/config.toml or ~/.config/truto/config.toml).
    #[arg(long, global = true, env = "TRUTO_CONFIG")]
    pub(crate) config: Option<PathBuf>,
    /// Overrides the integration's base URL.
    #[arg(long, global = true)]
    pub(crate) base_url: Option<String>,
    /// Log each HTTP request on stderr: method, URL, status, duration, attempt, and the
    /// waits before retries (credentials are never logged).
    #[arg(long, short = 'v', global = true)]
    pub(crate) verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Top-level commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// What is compiled in: each integration's operations, filters, parameters and update fields.
    Integrations {
        /// Only this family (scim, idp, devtools, crm, helpdesk, collaboration, work, marketing).
        #[arg(long)]
        family: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = InfoFormat::Table)]
        format: InfoFormat,
        /// Print every column of the table in full, however wide (by default the table fits
        /// 120 columns: long lists end in `+N`, the number left out).
        #[arg(long)]
        wide: bool,
    },
    /// Users of one integration.
    #[command(subcommand)]
    Users(Box<UsersCommand>),
    /// Lists the users of an embedded demo SCIM directory (no credentials needed).
    Demo {
        /// How many demo users.
        #[arg(long, default_value_t = 42)]
        users: usize,
        /// Output.
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// `truto users ...`
#[derive(Debug, Subcommand)]
pub(crate) enum UsersCommand {
    /// Lists users, streaming them as pages arrive.
    List {
        /// Integration slug (see `truto integrations`).
        integration: String,
        /// Parameters and list options.
        #[command(flatten)]
        query: QueryArgs,
        /// Page size asked of the provider.
        #[arg(long)]
        limit: Option<u32>,
        /// Stop after this many users.
        #[arg(long)]
        max: Option<u64>,
        /// Fetch each user's full record (for integrations whose list is partial).
        #[arg(long)]
        hydrate: bool,
        /// Resume a listing from the cursor a failed run printed.
        #[arg(long)]
        cursor: Option<String>,
        /// A filter, `name=value` (repeatable), e.g. `--filter status=active`.
        #[arg(long = "filter", short = 'f', value_name = "NAME=VALUE")]
        filters: Vec<String>,
        /// Shorthand for `--filter email=…`.
        #[arg(long)]
        email: Option<String>,
        /// Shorthand for `--filter status=…`.
        #[arg(long)]
        status: Option<String>,
        /// Output.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Gets one user by id.
    Get {
        /// Integration slug.
        integration: String,
        /// The user's id.
        id: String,
        /// Parameters.
        #[command(flatten)]
        query: QueryArgs,
        /// Output.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Finds users by email address.
    Find {
        /// Integration slug.
        integration: String,
        /// The email address.
        #[arg(long)]
        email: String,
        /// Parameters.
        #[command(flatten)]
        query: QueryArgs,
        /// Output.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Updates one user: `--set field=value` for each change.
    Update {
        /// Integration slug.
        integration: String,
        /// The user's id.
        id: String,
        /// A change, `field=value` (repeatable). Lists (emails, phones, languages, roles,
        /// groups) take comma-separated values; other fields not of the contract are sent as
        /// JSON when they parse as JSON.
        #[arg(long = "set", value_name = "FIELD=VALUE", required = true)]
        set: Vec<String>,
        /// Print the exact request that would be sent (credentials redacted) and send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Parameters.
        #[command(flatten)]
        query: QueryArgs,
        /// Output.
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Deactivates one user (sets its status to inactive).
    Deactivate {
        /// Integration slug.
        integration: String,
        /// The user's id.
        id: String,
        /// Print the exact request that would be sent and send nothing.
        #[arg(long)]
        dry_run: bool,
        /// Parameters.
        #[command(flatten)]
        query: QueryArgs,
        /// Output.
        #[command(flatten)]
        output: OutputArgs,
    },
}

/// Options every users command takes.
#[derive(Debug, Args)]
pub(crate) struct QueryArgs {
    /// An integration parameter, `key=value` (repeatable), e.g. `--param organization_id=acme`.
    #[arg(long = "param", short = 'p', value_name = "KEY=VALUE")]
    pub(crate) params: Vec<String>,
    /// Passed verbatim into the provider's query string, `key=value` (repeatable).
    #[arg(long = "remote-query", value_name = "KEY=VALUE")]
    pub(crate) remote_query: Vec<String>,
    /// Unified fields to leave out, comma-separated.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub(crate) exclude: Vec<String>,
    /// Leave out `remote_data`.
    #[arg(long)]
    pub(crate) no_remote_data: bool,
    /// How users are shaped.
    #[arg(long, value_enum, default_value_t = Shape::Unified)]
    pub(crate) response_format: Shape,
}

/// Where and how users are written.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub(crate) format: Format,
    /// Write to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub(crate) output: Option<PathBuf>,
    /// CSV columns: unified field names, comma-separated (e.g. `id,emails,roles`). Lists
    /// are joined with `;`. Default: id, name, email, username, status, title, type,
    /// groups, roles, created, last_login.
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    pub(crate) columns: Vec<String>,
}

/// Output formats for users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned columns (a listing does not ask for `remote_data`, which they never show).
    Table,
    /// One pretty-printed JSON array (one object for a single user).
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row (`remote_data` is asked for only when
    /// `--columns` names it).
    Csv,
}

/// Output formats for `integrations`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum InfoFormat {
    /// Aligned columns.
    Table,
    /// Pretty-printed JSON.
    Json,
}

/// The contract's response formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Shape {
    /// Mapped fields plus remote_data.
    Unified,
    /// The provider's records untouched.
    Raw,
    /// Mapped fields in canonical form.
    Normalized,
}
