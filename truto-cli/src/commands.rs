//! What each command does.

use std::io::{IsTerminal, Write};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};
use truto_core::provider::http::DryRun;
use truto_core::{
    Cursor, Email, ErrorKind, Filter, GetUser, Group, Integration, ListUsers, Phone,
    ResponseFormat, Role, UpdateUser, User, UserDirectory, UserDirectoryExt, UserField, UserStatus,
    UserUpdate,
};

use crate::cli::{Cli, Command, Format, InfoFormat, OutputArgs, QueryArgs, Shape, UsersCommand};
use crate::output::UserWriter;
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
        Command::Integrations { family, format } => integrations(family.as_deref(), format),
        Command::Demo { users, output } => demo(users, &output).await,
        Command::Users(command) => users(&connection, *command).await,
    }
}

fn integrations(family: Option<&str>, format: InfoFormat) -> Outcome {
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
            let items: Vec<Value> = list.iter().map(|i| describe(i)).collect();
            serde_json::to_writer_pretty(&mut out, &items).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
        InfoFormat::Table => {
            writeln!(
                out,
                "{:<28}  {:<8}  {:<18}  {:<7}  {:<30}  {:<26}  UPDATE FIELDS",
                "SLUG", "FAMILY", "OPERATIONS", "PARTIAL", "FILTERS", "REQUIRED"
            )?;
            for i in list {
                let d = describe(i);
                let join = |v: &Value| {
                    v.as_array()
                        .map(|a| {
                            a.iter()
                                .filter_map(Value::as_str)
                                .collect::<Vec<_>>()
                                .join(",")
                        })
                        .unwrap_or_default()
                };
                let required = d["required"]
                    .as_object()
                    .map(|m| {
                        m.iter()
                            .filter_map(|(op, names)| {
                                let names = join(names);
                                (!names.is_empty()).then(|| format!("{op}:{names}"))
                            })
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{:<28}  {:<8}  {:<18}  {:<7}  {:<30}  {:<26}  {}",
                    i.slug,
                    i.family.as_str(),
                    join(&d["operations"]),
                    if i.partial_list { "yes" } else { "" },
                    join(&d["filters"]),
                    required,
                    join(&d["update_fields"]),
                )?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

fn describe(i: &Integration) -> Value {
    let mut ops = Vec::new();
    if i.list.is_some() {
        ops.push("list");
    }
    if i.get {
        ops.push("get");
    }
    if i.update {
        ops.push("update");
    }
    json!({
        "slug": i.slug,
        "name": i.name,
        "family": i.family.as_str(),
        "operations": ops,
        "filters": i.filter_names().map(|f| f.as_str()).collect::<Vec<_>>(),
        "params": i.params.iter().map(|p| p.name).collect::<Vec<_>>(),
        "required": {"list": i.required_list, "get": i.required_get, "update": i.required_update},
        "update_fields": i.update_field_names().collect::<Vec<_>>(),
        "partial_list": i.partial_list,
        "auth": i.auth_kinds(),
        "config_keys": i.config.iter().map(|k| json!({"name": k.name, "required": k.required, "secret": k.secret, "env": format!("TRUTO_{}_{}", i.slug.to_ascii_uppercase(), k.name.to_ascii_uppercase())})).collect::<Vec<_>>(),
        "default_base_url": i.default_base_url,
    })
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
    let mut out = open_output(output)?;
    if output.format == Format::Json && users.len() == 1 {
        serde_json::to_writer_pretty(&mut out, &users[0]).map_err(std::io::Error::other)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    let mut writer = UserWriter::new(output.format, out);
    writer.begin()?;
    for user in users {
        writer.write(user)?;
    }
    writer.finish()?;
    Ok(())
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
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
    let out = open_output(output)?;
    let mut writer = UserWriter::new(output.format, out);
    writer.begin()?;
    let bar = progress_bar();
    let started = Instant::now();
    let mut stream = dir.list_users(options);
    let mut count: u64 = 0;
    while let Some(item) = stream.next().await {
        match item {
            Ok(user) => {
                writer.write(&user)?;
                count += 1;
                let rate = count as f64 / started.elapsed().as_secs_f64().max(0.001);
                bar.set_message(format!(
                    "{count} users, {} pages, {rate:.0} users/s",
                    stream.pages_fetched()
                ));
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
