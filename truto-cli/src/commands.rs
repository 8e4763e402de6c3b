//! What each command does.

use std::io::{IsTerminal, Write};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use serde_json::Value;
use truto_core::provider::http::DryRun;
use truto_core::{
    Cursor, Email, ErrorKind, Filter, GetUser, Group, Integration, ListUsers, Phone, Reach,
    ResponseFormat, Role, UpdateUser, User, UserDirectory, UserDirectoryExt, UserField, UserStatus,
    UserUpdate,
};

use crate::cli::{Cli, Command, Format, InfoFormat, OutputArgs, QueryArgs, Shape, UsersCommand};
use crate::output::{UserWriter, pretty_user};
use crate::settings::{Connection, registry};

/// How a command failed.
#[derive(Debug)]
pub(crate) enum Failure {
    /// An error from truto-rs.
    Truto(truto_core::Error),
    /// A usage error found here.
    Usage(String),
    /// Writing the output failed.
    Io(std::io::Error),
    /// Already reported on stderr; exit with this code.
    Reported(u8),
}

impl From<truto_core::Error> for Failure {
    fn from(e: truto_core::Error) -> Self {
        Failure::Truto(e)
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

type Outcome = Result<(), Failure>;

fn pair(text: &str, what: &str) -> Result<(String, String), Failure> {
    match text.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_owned(), v.to_owned())),
        _ => Err(Failure::Usage(format!(
            "{what} must be written key=value, not `{text}`"
        ))),
    }
}

/// The CSV columns `--columns` names; empty for the default ones.
fn columns(output: &OutputArgs) -> Result<Vec<UserField>, Failure> {
    let names = output
        .columns
        .iter()
        .map(|n| n.trim())
        .filter(|n| !n.is_empty());
    let fields = names
        .map(|name| {
            UserField::from_str(name).map_err(|_| {
                let valid: Vec<&str> = UserField::ALL.iter().map(|f| f.as_str()).collect();
                Failure::Usage(format!(
                    "unknown column `{name}`; the columns are the unified fields: {}",
                    valid.join(", ")
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if !fields.is_empty() && output.format != Format::Csv {
        return Err(Failure::Usage(
            "--columns chooses the columns of --format csv".into(),
        ));
    }
    Ok(fields)
}

fn open_output(output: &OutputArgs) -> Result<Box<dyn Write>, Failure> {
    Ok(match &output.output {
        Some(path) => Box::new(std::io::BufWriter::new(std::fs::File::create(path)?)),
        None => Box::new(std::io::BufWriter::new(std::io::stdout())),
    })
}

/// Runs a parsed command line.
pub(crate) async fn run(cli: Cli) -> Outcome {
    let connection = Connection {
        profile: cli.profile,
        config: cli.config,
        base_url: cli.base_url,
    };
    match cli.command {
        Command::Integrations {
            family,
            format,
            wide,
        } => integrations(family.as_deref(), format, wide),
        Command::Demo { users, output } => demo(users, &output).await,
        Command::Users(command) => users(&connection, *command).await,
    }
}

fn integrations(family: Option<&str>, format: InfoFormat, wide: bool) -> Outcome {
    let registry = registry();
    let list: Vec<&Integration> = registry
        .integrations()
        .filter(|i| family.is_none_or(|f| i.family.as_str() == f))
        .collect();
    if let Some(f) = family.filter(|_| list.is_empty()) {
        return Err(Failure::Usage(format!(
            "no integration of family `{f}` is compiled in"
        )));
    }
    let mut out = std::io::BufWriter::new(std::io::stdout());
    match format {
        InfoFormat::Json => {
            let items: Vec<Described> = list.iter().map(|i| describe(i)).collect();
            serde_json::to_writer_pretty(&mut out, &items).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        InfoFormat::Table => write!(out, "{}", integration_table(&list, wide))?,
    }
    out.flush()?;
    Ok(())
}

/// The width `truto integrations` fits its table in, unless `--wide`.
const TABLE_WIDTH: usize = 120;

/// The integrations table: slug, family, reach, operations and whether lists are partial
/// in full; filters, required parameters and update fields (lists of names, each joined by
/// the separator beside its header) share what is left of [`TABLE_WIDTH`], as many names
/// as fit followed by `+N` for the rest. With `wide`, every column is in full.
fn integration_table(list: &[&Integration], wide: bool) -> String {
    const HEADER: [(&str, &str); 8] = [
        ("SLUG", ""),
        ("FAMILY", ""),
        ("REACH", ""),
        ("OPERATIONS", ","),
        ("PARTIAL", ""),
        ("FILTERS", ","),
        ("REQUIRED", " "),
        ("UPDATE FIELDS", ","),
    ];
    const WHOLE: usize = 5;
    let owned = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    let rows: Vec<[Vec<String>; 8]> = list
        .iter()
        .map(|i| {
            let required = [
                ("list", i.required_list),
                ("get", i.required_get),
                ("update", i.required_update),
            ];
            [
                owned(&[i.slug]),
                owned(&[i.family.as_str()]),
                owned(&[reach(i)]),
                owned(&operations(i)),
                owned(&[if i.partial_list { "yes" } else { "" }]),
                i.filter_names().map(|f| f.as_str().to_owned()).collect(),
                required
                    .iter()
                    .filter(|(_, names)| !names.is_empty())
                    .map(|(op, names)| format!("{op}:{}", names.join(",")))
                    .collect(),
                owned(&i.update_field_names().collect::<Vec<_>>()),
            ]
        })
        .collect();
    let natural: Vec<usize> = HEADER
        .iter()
        .enumerate()
        .map(|(c, (name, sep))| {
            let cells = rows.iter().map(|r| r[c].join(sep).chars().count());
            cells.chain([name.len()]).max().unwrap_or(0)
        })
        .collect();
    let widths = if wide {
        natural
    } else {
        let taken = natural[..WHOLE].iter().sum::<usize>() + 2 * (HEADER.len() - 1);
        let mut widths = natural[..WHOLE].to_vec();
        let least: Vec<usize> = HEADER[WHOLE..].iter().map(|(name, _)| name.len()).collect();
        widths.extend(share(
            &natural[WHOLE..],
            &least,
            TABLE_WIDTH.saturating_sub(taken),
        ));
        widths
    };
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut table = line(HEADER.iter().map(|(name, _)| (*name).to_owned()).collect());
    for row in &rows {
        let cells = row.iter().zip(HEADER).zip(&widths).enumerate();
        table += &line(
            cells
                .map(|(c, ((items, (_, sep)), width))| {
                    if wide || c < WHOLE {
                        items.join(sep)
                    } else {
                        elide(items, sep, *width)
                    }
                })
                .collect(),
        );
    }
    table
}

/// Widths for columns of `natural` widths sharing `room`: each gets at least its header's
/// width (`least`), then narrow columns get all they need and the wider ones split the
/// rest evenly.
fn share(natural: &[usize], least: &[usize], room: usize) -> Vec<usize> {
    let mut widths = least.to_vec();
    let mut room = room.saturating_sub(least.iter().sum());
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&c| natural[c] - least[c]);
    for (k, &c) in order.iter().enumerate() {
        let extra = (natural[c] - least[c]).min(room / (natural.len() - k));
        widths[c] += extra;
        room -= extra;
    }
    widths
}

/// `items` joined by `sep` in at most `width` characters: as many as fit, then `+N` for
/// the N left out; when not even the first fits, its start and `…`.
fn elide(items: &[String], sep: &str, width: usize) -> String {
    let with_rest = |names: &[String], left: usize| match left {
        0 => names.join(sep),
        left => format!("{} +{left}", names.join(sep)),
    };
    let fits = |text: &String| text.chars().count() <= width;
    let shortened = (1..=items.len()).rev();
    if let Some(text) = shortened
        .map(|n| with_rest(&items[..n], items.len() - n))
        .find(fits)
    {
        return text;
    }
    let Some(first) = items.first() else {
        return String::new();
    };
    let rest = with_rest(&[], items.len() - 1);
    let keep = width.saturating_sub(rest.chars().count() + 1);
    format!("{}…{rest}", first.chars().take(keep).collect::<String>())
}

/// `direct`, or `truto-only` for an integration reached only through Truto's hosted API.
fn reach(i: &Integration) -> &'static str {
    if i.is_direct() {
        "direct"
    } else {
        "truto-only"
    }
}

fn operations(i: &Integration) -> Vec<&'static str> {
    [
        (i.list.is_some(), "list"),
        (i.get, "get"),
        (i.update, "update"),
    ]
    .into_iter()
    .filter_map(|(supported, op)| supported.then_some(op))
    .collect()
}

/// What `integrations --format json` says of one integration, in this order.
#[derive(Debug, Serialize)]
struct Described {
    slug: &'static str,
    name: &'static str,
    family: &'static str,
    /// `direct` or `truto-only`.
    mode: &'static str,
    /// Why a truto-only integration has no direct client.
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<&'static str>,
    /// What established it.
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<&'static str>,
    operations: Vec<&'static str>,
    filters: Vec<&'static str>,
    params: Vec<&'static str>,
    required: Required,
    update_fields: Vec<&'static str>,
    partial_list: bool,
    auth: Vec<&'static str>,
    config_keys: Vec<DescribedKey>,
    default_base_url: Option<&'static str>,
}

/// The parameters each operation requires.
#[derive(Debug, Serialize)]
struct Required {
    list: &'static [&'static str],
    get: &'static [&'static str],
    update: &'static [&'static str],
}

/// A config key, and the environment variable that sets it.
#[derive(Debug, Serialize)]
struct DescribedKey {
    name: &'static str,
    required: bool,
    secret: bool,
    env: String,
}

fn describe(i: &Integration) -> Described {
    let (reason, evidence) = match i.reach {
        Reach::TrutoOnly { reason, evidence } => (Some(reason), Some(evidence)),
        _ => (None, None),
    };
    let slug = i.slug.to_ascii_uppercase();
    Described {
        slug: i.slug,
        name: i.name,
        family: i.family.as_str(),
        mode: reach(i),
        reason,
        evidence,
        operations: operations(i),
        filters: i.filter_names().map(|f| f.as_str()).collect(),
        params: i.params.iter().map(|p| p.name).collect(),
        required: Required {
            list: i.required_list,
            get: i.required_get,
            update: i.required_update,
        },
        update_fields: i.update_field_names().collect(),
        partial_list: i.partial_list,
        auth: i.auth_kinds(),
        config_keys: i
            .config
            .iter()
            .map(|k| DescribedKey {
                name: k.name,
                required: k.required,
                secret: k.secret,
                env: format!("TRUTO_{slug}_{}", k.name.to_ascii_uppercase()),
            })
            .collect(),
        default_base_url: i.default_base_url,
    }
}

async fn demo(users: usize, output: &OutputArgs) -> Outcome {
    let demo = truto_scim::demo::DemoDirectory::start(users).await?;
    eprintln!("demo SCIM directory at {}", demo.base_url());
    list(demo.directory(), ListUsers::new().limit(10), output, "demo").await
}

fn apply_query<T>(
    mut target: T,
    query: &QueryArgs,
    param: impl Fn(T, String, String) -> T,
    remote: impl Fn(T, String, String) -> T,
    shape: impl Fn(T, ResponseFormat, bool, Vec<UserField>) -> T,
) -> Result<T, Failure> {
    for p in &query.params {
        let (k, v) = pair(p, "--param")?;
        target = param(target, k, v);
    }
    for p in &query.remote_query {
        let (k, v) = pair(p, "--remote-query")?;
        target = remote(target, k, v);
    }
    let mut exclude = Vec::new();
    for name in query.exclude.iter().filter(|n| !n.trim().is_empty()) {
        exclude.push(UserField::from_str(name.trim()).map_err(|e| Failure::Usage(e.to_string()))?);
    }
    let format = match query.response_format {
        Shape::Unified => ResponseFormat::Unified,
        Shape::Raw => ResponseFormat::Raw,
        Shape::Normalized => ResponseFormat::Normalized,
    };
    Ok(shape(target, format, query.no_remote_data, exclude))
}

fn list_options(query: &QueryArgs) -> Result<ListUsers, Failure> {
    apply_query(
        ListUsers::new(),
        query,
        |o, k, v| o.param(k, v),
        |o, k, v| o.remote_query(k, v),
        |o, f, ignore, ex| {
            o.response_format(f)
                .ignore_remote_data(ignore)
                .exclude_fields(ex)
        },
    )
}

fn get_options(query: &QueryArgs) -> Result<GetUser, Failure> {
    apply_query(
        GetUser::new(),
        query,
        |o, k, v| o.param(k, v),
        |o, k, v| o.remote_query(k, v),
        |o, f, ignore, ex| {
            o.response_format(f)
                .ignore_remote_data(ignore)
                .exclude_fields(ex)
        },
    )
}

async fn users(connection: &Connection, command: UsersCommand) -> Outcome {
    match command {
        UsersCommand::List {
            integration,
            query,
            limit,
            max,
            hydrate,
            cursor,
            filters,
            email,
            status,
            output,
        } => {
            let mut options = list_options(&query)?.hydrate(hydrate);
            if let Some(l) = limit {
                options = options.limit(l);
            }
            if let Some(m) = max {
                options = options.max_users(m);
            }
            if let Some(c) = cursor {
                options = options.next_cursor(Cursor::from_text(c));
            }
            let shorthand = [("email", email), ("status", status)]
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| format!("{k}={v}")));
            for text in filters.into_iter().chain(shorthand) {
                let (name, value) = pair(&text, "--filter")?;
                let filter = Filter::from_str(&name)?;
                options = options.filter(filter, value);
            }
            let dir = connection.connect(&integration, None)?;
            list(dir, options, &output, &integration).await
        }
        UsersCommand::Get {
            integration,
            id,
            query,
            output,
        } => {
            let dir = connection.connect(&integration, None)?;
            let user = dir.get_user(&id, get_options(&query)?).await?;
            write_users(&[user], &output)
        }
        UsersCommand::Find {
            integration,
            email,
            query,
            output,
        } => {
            let dir = connection.connect(&integration, None)?;
            let found = dir.find_by_email(&email, list_options(&query)?).await?;
            if found.is_empty() {
                eprintln!("no user of {integration} has the email {email}");
                return Err(Failure::Reported(4));
            }
            write_users(&found, &output)
        }
        UsersCommand::Update {
            integration,
            id,
            set,
            dry_run,
            query,
            output,
        } => {
            let body = update_body(&set)?;
            update(
                connection,
                &integration,
                &id,
                body,
                dry_run,
                &query,
                &output,
            )
            .await
        }
        UsersCommand::Deactivate {
            integration,
            id,
            dry_run,
            query,
            output,
        } => {
            let mut body = UserUpdate::default();
            body.status = Some(UserStatus::Inactive);
            update(
                connection,
                &integration,
                &id,
                body,
                dry_run,
                &query,
                &output,
            )
            .await
        }
    }
}

async fn update(
    connection: &Connection,
    slug: &str,
    id: &str,
    body: UserUpdate,
    dry_run: bool,
    query: &QueryArgs,
    output: &OutputArgs,
) -> Outcome {
    let log = dry_run.then(|| Arc::new(DryRun::new()));
    let dir = connection.connect(slug, log.clone())?;
    let mut options = apply_query(
        UpdateUser::new(),
        query,
        |o, k, v| o.param(k, v),
        |o, k, v| o.remote_query(k, v),
        |o, f, ignore, ex| {
            o.response_format(f)
                .ignore_remote_data(ignore)
                .exclude_fields(ex)
        },
    )?;
    options = options.body(body);
    match (dir.update_user(id, options).await, log) {
        (Ok(user), _) => write_users(&[user], output),
        (Err(e), Some(log)) if e.kind() == ErrorKind::DryRun => {
            let mut out = std::io::stdout().lock();
            writeln!(out, "# dry run: nothing was sent. The request would be:")?;
            for request in log.requests() {
                write!(out, "{request}")?;
            }
            Ok(())
        }
        (Err(e), _) => Err(e.into()),
    }
}

fn split_list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Builds an update body from `--set field=value` pairs.
fn update_body(set: &[String]) -> Result<UserUpdate, Failure> {
    let mut body = UserUpdate::default();
    for text in set {
        let (field, value) = pair(text, "--set")?;
        match field.as_str() {
            "password" => {
                return Err(Failure::Usage(
                    "passwords are secrets and are not accepted on the command line".into(),
                ));
            }
            "status" => body.status = Some(UserStatus::from_unified(value.trim())),
            "name" => body.name = Some(value),
            "first_name" => body.first_name = Some(value),
            "last_name" => body.last_name = Some(value),
            "username" => body.username = Some(value),
            "title" => body.title = Some(value),
            "timezone" => body.timezone = Some(value),
            "avatar" => body.avatar = Some(value),
            "user_type" => body.user_type = Some(value),
            "emails" => {
                body.emails = Some(
                    split_list(&value)
                        .into_iter()
                        .enumerate()
                        .map(|(i, e)| Email::new(e).primary(i == 0))
                        .collect(),
                )
            }
            "phones" => {
                body.phones = Some(split_list(&value).into_iter().map(Phone::new).collect())
            }
            "languages" => body.languages = Some(split_list(&value)),
            "roles" => {
                body.roles = Some(
                    split_list(&value)
                        .into_iter()
                        .map(|r| Role::new(Some(r), None))
                        .collect(),
                )
            }
            "groups" => {
                body.groups = Some(
                    split_list(&value)
                        .into_iter()
                        .map(|g| Group::new(Some(g), None))
                        .collect(),
                )
            }
            other => {
                let json = serde_json::from_str(&value).unwrap_or(Value::String(value));
                body.extra.insert(other.to_owned(), json);
            }
        }
    }
    Ok(body)
}

fn write_users(users: &[User], output: &OutputArgs) -> Outcome {
    let fields = columns(output)?;
    let mut out = open_output(output)?;
    if let ([user], Format::Json) = (users, output.format) {
        writeln!(out, "{}", pretty_user(user, 0)?)?;
        out.flush()?;
        return Ok(());
    }
    let mut writer = UserWriter::new(output.format, out, fields);
    writer.begin()?;
    for user in users {
        writer.write(user)?;
    }
    writer.finish()?;
    Ok(())
}

fn progress_bar() -> ProgressBar {
    // Under `-v` a subscriber is set, and a spinner would garble the request log.
    if !std::io::stderr().is_terminal() || tracing::dispatcher::has_been_set() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

async fn list(
    dir: Arc<dyn UserDirectory>,
    options: ListUsers,
    output: &OutputArgs,
    slug: &str,
) -> Outcome {
    let fields = columns(output)?;
    let options = if shows_remote_data(output.format, &fields) {
        options
    } else {
        leave_out_remote_data(options)
    };
    let out = open_output(output)?;
    let mut writer = UserWriter::new(output.format, out, fields);
    writer.begin()?;
    let bar = progress_bar();
    let started = Instant::now();
    let mut shown = started;
    let mut stream = dir.list_users(options);
    let mut count: u64 = 0;
    while let Some(item) = stream.next().await {
        match item {
            Ok(user) => {
                writer.write(&user)?;
                count += 1;
                // The spinner redraws every 120 ms: a newer message in between is not seen.
                if !bar.is_hidden() && shown.elapsed() >= Duration::from_millis(100) {
                    shown = Instant::now();
                    let rate = count as f64 / started.elapsed().as_secs_f64().max(0.001);
                    bar.set_message(format!(
                        "{count} users, {} pages, {rate:.0} users/s",
                        stream.pages_fetched()
                    ));
                }
            }
            Err(e) => {
                writer.flush()?;
                bar.finish_and_clear();
                eprintln!("error: the listing stopped after {count} users: {e}");
                // At the very first page a cursor would only restart the listing.
                if let Some(cursor) = e.resume_cursor().filter(|_| count > 0) {
                    eprintln!("to resume {slug} where it stopped, run the same command with:");
                    eprintln!("  --cursor {cursor}");
                }
                return Err(Failure::Reported(exit_code(&e)));
            }
        }
    }
    writer.finish()?;
    bar.finish_and_clear();
    if std::io::stderr().is_terminal() {
        eprintln!("{count} users in {:.1}s", started.elapsed().as_secs_f64());
    }
    Ok(())
}

/// Whether `format` writes users' `remote_data`: JSON does; a table never; CSV only as a
/// column `--columns` names.
fn shows_remote_data(format: Format, fields: &[UserField]) -> bool {
    match format {
        Format::Json | Format::Jsonl => true,
        Format::Table => false,
        Format::Csv => fields.contains(&UserField::RemoteData),
    }
}

/// `options` asking the provider not to send `remote_data`, when the output leaves it out
/// anyway: the hosted API then sends pages without it, and a direct provider does not copy
/// each record's text. Raw users are nothing but their `remote_data`, so they keep it.
fn leave_out_remote_data(options: ListUsers) -> ListUsers {
    if options.common().response_format == ResponseFormat::Raw {
        options
    } else {
        options.ignore_remote_data(true)
    }
}

/// Exit codes: usage 2, auth 3, not found 4, rate limited 5, anything else 1.
pub(crate) fn exit_code(error: &truto_core::Error) -> u8 {
    match error.kind() {
        ErrorKind::Unauthenticated | ErrorKind::PermissionDenied => 3,
        ErrorKind::NotFound => 4,
        ErrorKind::RateLimited => 5,
        ErrorKind::InvalidInput
        | ErrorKind::MissingParameter
        | ErrorKind::Unsupported
        | ErrorKind::Config => 2,
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use truto_core::{Family, PaginationStyle};

    use super::*;

    const TRUTO_ONLY: Integration = Integration::new("acme_hr", "Acme HR", Family::Hris)
        .list(PaginationStyle::CursorField)
        .truto_only(
            "Acme publishes no users API",
            "searched developer.acme.example",
        );

    #[test]
    fn truto_only_integrations_say_so_and_why() {
        let json = serde_json::to_value(describe(&TRUTO_ONLY)).unwrap();
        assert_eq!(json["mode"], "truto-only");
        assert_eq!(json["reason"], "Acme publishes no users API");
        assert_eq!(json["evidence"], "searched developer.acme.example");
        assert_eq!(json["operations"], serde_json::json!(["list"]));

        let registry = registry();
        let scim = registry.integrations().find(|i| i.slug == "scim").unwrap();
        let table = integration_table(&[scim, &TRUTO_ONLY], false);
        let row = table.lines().find(|l| l.starts_with("acme_hr ")).unwrap();
        assert!(row.contains(" truto-only  list"), "{table}");
        assert!(
            table
                .lines()
                .any(|l| l.starts_with("scim ") && l.contains(" direct "))
        );
    }

    #[test]
    fn long_lists_end_in_the_count_left_out() {
        let items: Vec<String> = ["email", "username", "status"].map(String::from).into();
        assert_eq!(elide(&items, ",", 40), "email,username,status");
        assert_eq!(elide(&items, ",", 17), "email,username +1");
        assert_eq!(elide(&items, ",", 10), "email +2");
        assert_eq!(elide(&items, ",", 6), "em… +2");
        assert_eq!(elide(&[], ",", 6), "");
        assert_eq!(share(&[8, 50, 40], &[0, 0, 0], 41), vec![8, 17, 16]);
        assert_eq!(share(&[8, 10, 12], &[0, 0, 0], 41), vec![8, 10, 12]);
        // Headers always fit, even when that leaves almost nothing to share.
        assert_eq!(share(&[8, 50, 40], &[7, 13, 8], 30), vec![7, 14, 9]);
    }
}
