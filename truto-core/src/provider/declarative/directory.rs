//! The one generic directory that runs every spec.

use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use http::header::{HeaderName, HeaderValue};
use secrecy::ExposeSecret;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::errors::SpecErrors;
use super::mapper::{Mapper, Wanted};
use super::path::Path;
use super::reader::{self, Captured, Leaf, ListSlot, Plan, ROOT, Slot, Want};
use super::rules::Rule;
use super::spec::{Answer, End, Paging, Param, Spec};
use super::template::{BodyTemplate, PathTemplate, QueryTemplate};
use crate::config::Config;
use crate::cursor::Position;
use crate::directory::UserDirectory;
use crate::error::{Error, ErrorKind, Operation, Result};
use crate::filter::Filter;
use crate::integration::Integration;
use crate::page::{Page, PageRequest};
use crate::provider::connect::Connection;
use crate::provider::http::{HttpClient, ProviderHttp, Request, Response};
use crate::provider::paging::{link_header_next, offset_next, start_index_next};
use crate::query::{GetUser, ListUsers, UpdateUser};
use crate::user::{User, UserStatus};
use crate::wire::{Call, FilterTo, Lifecycle, Method, Write};

/// Connects `spec` with `config` (the registry's constructor of every declarative
/// integration).
pub fn connect(spec: &'static Spec, config: &Config) -> Result<Arc<dyn UserDirectory>> {
    Ok(Arc::new(DeclarativeDirectory::connect(spec, config)?))
}

/// The envelope of a list response: where the records and the paging values are.
#[derive(Debug)]
struct ListPlan {
    plan: Plan,
    records: ListSlot,
    /// Where each record's text is kept for the mapper to read on its own; `None` when the
    /// mapper's locations are read in the page's own pass instead.
    record_text: Option<Slot>,
    next: Option<Slot>,
    more: Option<Slot>,
}

#[derive(Debug)]
struct CompiledList {
    path: PathTemplate,
    query: QueryTemplate,
    body: Option<BodyTemplate>,
    /// The envelope read with each record's locations, in one pass over the page.
    envelope: ListPlan,
    /// The same envelope with each record kept as text, read again by the mapper: for a
    /// page the one pass cannot take (see [`DeclarativeDirectory::read_page_in_one`]), and
    /// to name the record an error is in.
    two_pass: ListPlan,
    /// Other endpoints a filter lists from (their pages are read with the same envelope).
    endpoints: Vec<(Filter, PathTemplate, &'static str)>,
}

#[derive(Debug)]
struct CompiledGet {
    path: PathTemplate,
    query: QueryTemplate,
    body: Option<BodyTemplate>,
    record: Option<(Plan, Slot)>,
}

/// A connected declarative integration.
pub struct DeclarativeDirectory {
    spec: &'static Spec,
    http: HttpClient,
    config: Config,
    /// Shared with the decoders of the pages left to the listing's reader.
    mapper: Arc<Mapper>,
    list: Option<Arc<CompiledList>>,
    get: Option<CompiledGet>,
    update: Option<(PathTemplate, Option<BodyTemplate>)>,
    /// Where the raw status is, for lifecycle tables.
    status_at: Option<Path>,
}

impl fmt::Debug for DeclarativeDirectory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeclarativeDirectory")
            .field("integration", &self.spec.integration.slug)
            .field("http", &self.http)
            .finish_non_exhaustive()
    }
}

fn broken(spec: &Spec, what: String) -> Error {
    Error::config(format!(
        "the spec of {} is broken: {what}",
        spec.integration.name
    ))
    .with_provider(spec.integration.slug)
}

/// The envelope at `records` for `paging`; each record read with `mapper`'s locations in
/// the same pass when given, else kept as text.
fn envelope(
    records: &str,
    paging: &Paging,
    mapper: Option<&Mapper>,
) -> std::result::Result<ListPlan, String> {
    let parse = |t: &str| Path::parse(t).map_err(|e| e.to_string());
    let mut plan = Plan::new();
    let records = plan.add_list(ROOT, &parse(records)?)?;
    let record_text = match mapper {
        Some(mapper) => {
            plan.graft_record(records.element, mapper.plan())?;
            None
        }
        None => Some(plan.add(records.element, &Path::default(), Want::Raw)?),
    };
    let end_location = |end: &End| match *end {
        End::ShortPage => None,
        End::Total(at)
        | End::TotalPages(at)
        | End::More(at)
        | End::Last(at)
        | End::NextPage(at) => Some(at),
    };
    let (next, more) = match paging {
        Paging::Offset { end, .. } | Paging::Page { end, .. } => (end_location(end), None),
        Paging::Cursor { next, more, .. } => (Some(*next), *more),
        Paging::NextUrl { next, .. } => (Some(*next), None),
        Paging::StartIndex { end, .. } => (end_location(end), None),
        Paging::None | Paging::Link { .. } | Paging::HeaderCursor { .. } => (None, None),
    };
    let next = next
        .map(|at| plan.add(ROOT, &parse(at)?, Want::Value))
        .transpose()?;
    let more = more
        .map(|at| plan.add(ROOT, &parse(at)?, Want::Value))
        .transpose()?;
    Ok(ListPlan {
        plan,
        records,
        record_text,
        next,
        more,
    })
}

impl DeclarativeDirectory {
    /// Connects `spec` with `config`: the config is checked and the credential resolved by
    /// [`Connection`], and the spec's locations are compiled once.
    pub fn connect(spec: &'static Spec, config: &Config) -> Result<Self> {
        let connection = Connection::open(&spec.integration, config)?;
        let slug = spec.integration.slug;
        let mut provider = ProviderHttp::new(slug).errors(Arc::new(
            SpecErrors::new(spec.errors, spec.hooks).map_err(|e| broken(spec, e))?,
        ));
        if let Some(headers) = spec.rate_limits {
            provider = provider.rate_limit_headers(headers);
        }
        for (name, value) in spec.headers.iter().chain(connection.credential_headers()) {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| broken(spec, format!("`{name}` is not a header name")))?;
            let value = HeaderValue::from_str(value)
                .map_err(|_| broken(spec, format!("`{value}` is not a header value")))?;
            provider = provider.header(name, value);
        }
        let http = connection.http(provider)?;
        let mapper = Mapper::new(spec.rules, spec.hooks.post_map).map_err(|e| broken(spec, e))?;
        let list = spec
            .list
            .map(|l| -> std::result::Result<CompiledList, String> {
                let mut endpoints = Vec::new();
                for rule in l.filters {
                    if let FilterTo::Endpoint { path, param } = rule.to {
                        endpoints.push((rule.filter, PathTemplate::new(path)?, param));
                    }
                }
                Ok(CompiledList {
                    path: PathTemplate::new(l.path)?,
                    query: QueryTemplate::new(l.query)?,
                    body: l.body.map(BodyTemplate::new).transpose()?,
                    envelope: envelope(l.records, &l.paging, Some(&mapper))?,
                    two_pass: envelope(l.records, &l.paging, None)?,
                    endpoints,
                })
            })
            .transpose()
            .map_err(|e| broken(spec, e))?;
        let get = spec
            .get
            .map(|g| -> std::result::Result<CompiledGet, String> {
                let record = if g.record.is_empty() {
                    None
                } else {
                    let mut plan = Plan::new();
                    let at = Path::parse(g.record).map_err(|e| e.to_string())?;
                    let slot = plan.add(ROOT, &at, Want::Raw)?;
                    Some((plan, slot))
                };
                Ok(CompiledGet {
                    path: PathTemplate::new(g.path)?,
                    query: QueryTemplate::new(g.query)?,
                    body: g.body.map(BodyTemplate::new).transpose()?,
                    record,
                })
            })
            .transpose()
            .map_err(|e| broken(spec, e))?;
        let update = spec
            .update
            .map(|u| -> std::result::Result<_, String> {
                Ok((
                    PathTemplate::new(u.path)?,
                    u.body.map(BodyTemplate::new).transpose()?,
                ))
            })
            .transpose()
            .map_err(|e| broken(spec, e))?;
        let status_at = spec
            .rules
            .iter()
            .find_map(|r| match r {
                Rule::Status { at, .. } => Some(*at),
                _ => None,
            })
            .map(Path::parse)
            .transpose()
            .map_err(|e| broken(spec, e.to_string()))?;
        let directory = DeclarativeDirectory {
            spec,
            http,
            config: connection.config().clone(),
            mapper: Arc::new(mapper),
            list: list.map(Arc::new),
            get,
            update,
            status_at,
        };
        directory.check_placeholders()?;
        Ok(directory)
    }

    /// Every placeholder of every template names the id, a config key, a parameter or a
    /// filter: a spec that names anything else is broken, and says so at connect.
    fn check_placeholders(&self) -> Result<()> {
        let integration = self.integration_();
        let known = |name: &str| {
            name == "id"
                || integration.config_key(name).is_some()
                || integration.knows_param(name)
                || Filter::ALL.iter().any(|f| f.as_str() == name)
        };
        let mut names: Vec<&str> = Vec::new();
        if let Some(list) = &self.list {
            names.extend(list.path.names());
            names.extend(list.query.names());
            names.extend(list.body.iter().flat_map(BodyTemplate::names));
            for (_, path, _) in &list.endpoints {
                names.extend(path.names());
            }
        }
        if let Some(get) = &self.get {
            names.extend(get.path.names());
            names.extend(get.query.names());
            names.extend(get.body.iter().flat_map(BodyTemplate::names));
        }
        if let Some((path, body)) = &self.update {
            names.extend(path.names());
            names.extend(body.iter().flat_map(BodyTemplate::names));
        }
        match names.into_iter().find(|n| !known(n)) {
            Some(unknown) => Err(broken(
                self.spec,
                format!(
                    "`{{{unknown}}}` is neither the id, a config key, a parameter nor a filter"
                ),
            )),
            None => Ok(()),
        }
    }

    fn integration_(&self) -> &'static Integration {
        &self.spec.integration
    }

    /// A placeholder's value: the user id, a parameter or filter, else a config key.
    fn resolver<'a>(
        &'a self,
        id: Option<&'a str>,
        lookup: &'a (dyn Fn(&str) -> Option<&'a str> + Sync),
    ) -> impl Fn(&str) -> Option<String> + Sync + 'a {
        move |name| {
            if name == "id" {
                return id.map(str::to_owned);
            }
            lookup(name)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .or_else(|| self.config.get(name))
                .map(str::to_owned)
        }
    }

    fn request(
        &self,
        method: Method,
        path: &PathTemplate,
        resolve: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Request> {
        let (segments, query) = path.fill(resolve).map_err(missing)?;
        let mut request = self.http.request_segments(
            method.to_http(),
            path.label,
            &segments,
            path.trailing_slash,
        )?;
        for (k, v) in query {
            request = request.query(&k, v);
        }
        Ok(request)
    }

    fn list_request(&self, page: &PageRequest<'_>) -> Result<Request> {
        let spec_list = self
            .spec
            .list
            .ok_or_else(|| unsupported(self.spec, Operation::List))?;
        let compiled = self
            .list
            .as_ref()
            .ok_or_else(|| unsupported(self.spec, Operation::List))?;
        let options = page.options;
        let lookup = |name: &str| options.lookup(name);
        let resolve = self.resolver(None, &lookup);
        if let Position::Url(url) = page.position {
            return self
                .http
                .request_url(Method::Get.to_http(), url, compiled.path.label);
        }
        // A filter served by another endpoint replaces the list path.
        let mut path = &compiled.path;
        let mut endpoint_param = None;
        for (filter, other, param) in &compiled.endpoints {
            if let Some(value) = options.filter_value(*filter) {
                if value.trim().is_empty() {
                    return Err(Error::invalid_input(format!(
                        "the `{filter}` filter is blank"
                    )));
                }
                path = other;
                endpoint_param = Some((*param, value.trim().to_owned()));
            }
        }
        let mut request = self.request(spec_list.method, path, &resolve)?;
        let mut body = compiled.body.as_ref().map(|b| b.fill(&resolve));
        // A filter's parameter takes the place of a fixed one of the same name (Zoho's
        // `type=AllUsers` gives way to a status filter's `type=DeactiveUsers`).
        let filtered = self.filter_query_names(options);
        for (k, v) in compiled.query.fill(&resolve).map_err(missing)? {
            if !filtered.contains(&k) {
                request = request.query(k, v);
            }
        }
        for (name, value) in spec_list.headers {
            request = add_header(request, name, value)?;
        }
        if let Some((param, value)) = endpoint_param {
            request = request.query(param, value);
        }
        request = self.filters(request, &mut body, options)?;
        // The position and the page size. Sizes, offsets and page numbers go into a JSON
        // body as numbers; cursors stay text even when they look like numbers.
        let mut put = |request: Request, param: Param, value: Value| -> Result<Request> {
            let text = match &value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            Ok(match param {
                Param::None => request,
                Param::Query(name) => request.query(name, text),
                Param::Header(name) => add_header(request, name, &text)?,
                Param::Body(at) => {
                    set_body(&mut body, at, value)?;
                    request
                }
            })
        };
        if let Some(size) = page.page_size {
            request = put(request, spec_list.paging.size(), Value::from(size))?;
        }
        let position = match (spec_list.paging, page.position) {
            (Paging::None | Paging::Link { .. } | Paging::NextUrl { .. }, Position::Start) => None,
            (Paging::Offset { offset, .. }, Position::Start) => Some((offset, Value::from(0))),
            (Paging::Offset { offset, .. }, Position::Offset(n)) => Some((offset, Value::from(*n))),
            (Paging::Page { page, first, .. }, Position::Start) => Some((page, Value::from(first))),
            (Paging::Page { page, .. }, Position::Page(n)) => Some((page, Value::from(*n))),
            (Paging::Cursor { .. } | Paging::HeaderCursor { .. }, Position::Start) => None,
            (
                Paging::Cursor { cursor, .. } | Paging::HeaderCursor { cursor, .. },
                Position::Token(t),
            ) => Some((cursor, Value::String(t.clone()))),
            (Paging::StartIndex { start, .. }, Position::Start) => Some((start, Value::from(1))),
            (Paging::StartIndex { start, .. }, Position::StartIndex(n)) => {
                Some((start, Value::from(*n)))
            }
            (_, other) => {
                return Err(Error::cannot_resume(
                    &format!("a {} listing", self.spec.integration.name),
                    other,
                ));
            }
        };
        if let Some((param, value)) = position {
            request = put(request, param, value)?;
        }
        request = request.remote_query(&options.common().remote_query);
        if let Some(body) = body {
            // A search by POST reads; it is retried like a GET.
            request = request.json(&body)?.read_only();
        }
        Ok(request)
    }

    /// The query parameters the set filters write.
    fn filter_query_names(&self, options: &ListUsers) -> Vec<&'static str> {
        let integration = self.integration_();
        options
            .filters
            .keys()
            .filter_map(|filter| match integration.filter_rule(*filter)?.to {
                FilterTo::Query(name)
                | FilterTo::QueryTemplate(name, _)
                | FilterTo::QueryMap(name, _) => Some(name),
                _ => None,
            })
            .collect()
    }

    fn filters(
        &self,
        mut request: Request,
        body: &mut Option<Value>,
        options: &ListUsers,
    ) -> Result<Request> {
        let integration = self.integration_();
        let mut native = Vec::new();
        for (filter, value) in &options.filters {
            let Some(rule) = integration.filter_rule(*filter) else {
                continue;
            };
            let value = value.trim();
            match rule.to {
                FilterTo::Query(name) => request = request.query(name, value),
                FilterTo::QueryTemplate(name, template) => {
                    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
                    request = request.query(name, template.replace("{}", &escaped));
                }
                FilterTo::QueryMap(name, table) => {
                    let Some((_, to)) = table
                        .iter()
                        .find(|(from, _)| from.eq_ignore_ascii_case(value))
                    else {
                        let known: Vec<&str> = table.iter().map(|(from, _)| *from).collect();
                        return Err(Error::invalid_input(format!(
                            "{} filters `{filter}` by {}, not `{value}`",
                            integration.name,
                            known.join(", ")
                        )));
                    };
                    request = request.query(name, to);
                }
                FilterTo::Body(at) => set_body(body, at, Value::String(value.to_owned()))?,
                // Placeholders and other endpoints are filled where the path is built.
                FilterTo::Path | FilterTo::Endpoint { .. } => {}
                FilterTo::Native => native.push((*filter, value)),
            }
        }
        if !native.is_empty() {
            let Some(hook) = self.spec.hooks.filter_query else {
                return Err(broken(
                    self.spec,
                    "a filter is declared native but no `filter_query` hook writes it".to_owned(),
                ));
            };
            for (k, v) in hook(&native)? {
                request = request.query(&k, v);
            }
        }
        Ok(request)
    }

    /// Reads a list page: in one pass over it when it can, else in two (the envelope with
    /// each record's text, then each record), which also names a bad record.
    fn read_page(&self, response: &Response, page: &PageRequest<'_>) -> Result<Page> {
        let spec_list = self
            .spec
            .list
            .ok_or_else(|| unsupported(self.spec, Operation::List))?;
        let compiled = self
            .list
            .as_ref()
            .ok_or_else(|| unsupported(self.spec, Operation::List))?;
        let text = page_text(response)?;
        let wanted = self.mapper.wanted(page.options.common());
        let mut users = Vec::new();
        let (mut captured, envelope) =
            read_records(&self.mapper, compiled, &text, &wanted, &mut users)?;
        let count = users.len();
        let next = self.next_position(
            &spec_list.paging,
            envelope,
            &mut captured,
            response,
            page,
            count,
        )?;
        let total = match spec_list.paging {
            Paging::Offset {
                end: End::Total(_), ..
            }
            | Paging::Page {
                end: End::Total(_), ..
            }
            | Paging::StartIndex { .. } => number(&captured, envelope.next),
            _ => None,
        };
        Ok(Page::new(users, next).with_total(total))
    }

    /// A list page whose next position is known before its records are read, left for
    /// the listing's reader to decode (see [`Page::decoded_by_reader`]): its users are
    /// then allocated on the thread that consumes and frees them.
    fn page_for_reader(
        &self,
        response: Response,
        next: Option<Position>,
        page: &PageRequest<'_>,
    ) -> Result<Page> {
        let compiled = self
            .list
            .as_ref()
            .ok_or_else(|| unsupported(self.spec, Operation::List))?;
        let text = page_text(&response)?;
        let mapper = Arc::clone(&self.mapper);
        let compiled = Arc::clone(compiled);
        let wanted = self.mapper.wanted(page.options.common());
        Ok(Page::decoded_by_reader(next, move |users| {
            read_records(&mapper, &compiled, &text, &wanted, users).map(drop)
        }))
    }

    fn next_position(
        &self,
        paging: &Paging,
        envelope: &ListPlan,
        captured: &mut Captured<'_>,
        response: &Response,
        page: &PageRequest<'_>,
        count: usize,
    ) -> Result<Option<Position>> {
        let slot = Some(envelope);
        fn value_at<'d>(c: &Captured<'d>, slot: Option<&ListPlan>) -> Option<Leaf<'d>> {
            slot.and_then(|s| s.next).map(|s| c.value(s).clone())
        }
        let value = |c: &Captured<'_>| {
            value_at(c, slot).map(|l| match l {
                Leaf::Str(s) => Leaf::Str(std::borrow::Cow::Owned(s.into_owned())),
                other => other.into_owned_leaf(),
            })
        };
        let flag = |leaf: Option<Leaf<'_>>| match leaf {
            Some(Leaf::Bool(b)) => Some(b),
            Some(Leaf::Str(s)) => match s.as_ref() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            },
            Some(Leaf::UInt(n)) => Some(n != 0),
            _ => None,
        };
        if count == 0 {
            return Ok(None);
        }
        // The size asked for is only the page size when the provider is told it: one that
        // takes no size parameter pages at its own size, so only an empty page ends it.
        let asked = match paging.size() {
            Param::None => None,
            _ => page.page_size,
        };
        Ok(match *paging {
            Paging::None => None,
            Paging::Offset { end, .. } => {
                let at = match page.position {
                    Position::Offset(n) => *n,
                    _ => 0,
                };
                let next = Position::Offset(at + count as u64);
                match end {
                    End::ShortPage => offset_next(at, count, asked, None),
                    End::Total(_) => offset_next(
                        at,
                        count,
                        asked,
                        number(captured, slot.and_then(|s| s.next)),
                    ),
                    End::More(_) => flag(value(captured)).unwrap_or(false).then_some(next),
                    End::Last(_) => (!flag(value(captured)).unwrap_or(true)).then_some(next),
                    End::TotalPages(_) | End::NextPage(_) => offset_next(at, count, asked, None),
                }
            }
            Paging::Page { first, end, .. } => {
                let at = match page.position {
                    Position::Page(n) => *n,
                    _ => first,
                };
                let next = Position::Page(at + 1);
                let done_pages = at + 1 - first;
                match end {
                    End::ShortPage => match asked {
                        Some(size) => (count >= size as usize).then_some(next),
                        None => Some(next),
                    },
                    End::Total(_) => {
                        let total = number(captured, slot.and_then(|s| s.next));
                        match (total, asked) {
                            (Some(total), Some(size)) => {
                                (done_pages * u64::from(size) < total).then_some(next)
                            }
                            (Some(_), None) | (None, _) => match asked {
                                Some(size) => (count >= size as usize).then_some(next),
                                None => Some(next),
                            },
                        }
                    }
                    End::TotalPages(_) => {
                        let pages = number(captured, slot.and_then(|s| s.next));
                        pages.is_some_and(|p| done_pages < p).then_some(next)
                    }
                    End::More(_) => flag(value(captured)).unwrap_or(false).then_some(next),
                    End::Last(_) => (!flag(value(captured)).unwrap_or(true)).then_some(next),
                    End::NextPage(_) => {
                        number(captured, slot.and_then(|s| s.next)).map(Position::Page)
                    }
                }
            }
            Paging::Cursor { .. } => {
                let more = slot
                    .and_then(|s| s.more)
                    .map(|m| flag(Some(captured.value(m).clone())));
                if more == Some(Some(false)) {
                    return Ok(None);
                }
                text(value(captured)).map(Position::Token)
            }
            Paging::NextUrl { .. } => text(value(captured)).map(Position::Url),
            Paging::Link { .. } => link_header_next(&response.headers),
            Paging::StartIndex { end, .. } => {
                let at = match page.position {
                    Position::StartIndex(n) => *n,
                    _ => 1,
                };
                let next = Position::StartIndex(at + count as u64);
                match end {
                    End::Total(_) => {
                        start_index_next(at, count, number(captured, slot.and_then(|s| s.next)))
                    }
                    End::ShortPage => match asked {
                        Some(size) => (count >= size as usize).then_some(next),
                        None => Some(next),
                    },
                    End::More(_) => flag(value(captured)).unwrap_or(false).then_some(next),
                    End::Last(_) => (!flag(value(captured)).unwrap_or(true)).then_some(next),
                    End::TotalPages(_) | End::NextPage(_) => Some(next),
                }
            }
            Paging::HeaderCursor { header, .. } => header_cursor(response, header),
        })
    }

    /// The next position as the response's headers or a scan of its body give it before
    /// the records are decoded, for the paging kinds where that is the same position
    /// [`Self::next_position`] reads (`None`: not knowable early).
    fn early_next(&self, response: &Response) -> Option<Option<Position>> {
        // A simple dotted location only; quoted or indexed ones wait for the full read.
        let keys = |location: &'static str| -> Option<Vec<&'static str>> {
            (!location.is_empty() && !location.contains(['[', '"']))
                .then(|| location.split('.').collect())
        };
        let peeked = |location: &'static str| -> Option<Option<String>> {
            let text = crate::provider::decode::peek(&response.body, &keys(location)?)?;
            Some(text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()))
        };
        match self.spec.list?.paging {
            Paging::Link { .. } => Some(link_header_next(&response.headers)),
            Paging::HeaderCursor { header, .. } => Some(header_cursor(response, header)),
            Paging::Cursor {
                next, more: None, ..
            } => peeked(next).map(|t| t.map(Position::Token)),
            Paging::NextUrl { next, .. } => peeked(next).map(|t| t.map(Position::Url)),
            _ => None,
        }
    }

    async fn read_user(&self, id: &str, options: &GetUser, op: Operation) -> Result<User> {
        let spec_get = self
            .spec
            .get
            .ok_or_else(|| unsupported(self.spec, Operation::Get))?;
        let compiled = self
            .get
            .as_ref()
            .ok_or_else(|| unsupported(self.spec, Operation::Get))?;
        let lookup = |name: &str| options.get_param(name);
        let resolve = self.resolver(Some(id), &lookup);
        let mut request = self.request(spec_get.method, &compiled.path, &resolve)?;
        for (k, v) in compiled.query.fill(&resolve).map_err(missing)? {
            request = request.query(k, v);
        }
        request = request.remote_query(&options.common().remote_query);
        if let Some(body) = &compiled.body {
            request = request.json(&body.fill(&resolve))?.read_only();
        }
        let response = self.http.send(request, op).await?;
        self.record_of(&response, compiled)
    }

    fn record_of(&self, response: &Response, compiled: &CompiledGet) -> Result<User> {
        let text = body_text(response)?;
        let raw: Box<RawValue> = match &compiled.record {
            None => serde_json::from_str::<&RawValue>(text)
                .map_err(|e| Error::decode(format!("invalid JSON: {e}")))?
                .to_owned(),
            Some((plan, slot)) => {
                let captured = plan
                    .read(text)
                    .map_err(|e| Error::decode(format!("invalid JSON: {e}")))?;
                captured
                    .raw(*slot)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::NotFound,
                            format!(
                                "the response holds no user at `{}`",
                                self.spec.get.map(|g| g.record).unwrap_or_default()
                            ),
                        )
                    })?
                    .to_owned()
            }
        };
        self.mapper.map(raw, "the user")
    }

    async fn update_user(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let spec_update = self
            .spec
            .update
            .ok_or_else(|| unsupported(self.spec, Operation::Update))?;
        let (path, body_template) = self
            .update
            .as_ref()
            .ok_or_else(|| unsupported(self.spec, Operation::Update))?;
        let contract = serde_json::to_value(&options.body)
            .map_err(|e| Error::invalid_input("the update could not be read").with_source(e))?;
        let mut fields = Map::new();
        let mut lifecycle = None;
        for field in spec_update.fields {
            let value = if field.field == "password" {
                options
                    .body
                    .password
                    .as_ref()
                    .map(|p| Value::String(p.expose_secret().to_owned()))
            } else if field.field == "remote_data" {
                options.body.remote_data.clone().map(Value::Object)
            } else {
                contract.get(field.field).cloned()
            };
            let Some(value) = value else {
                continue;
            };
            if let Write::Lifecycle(table) = field.write {
                lifecycle = Some((table, options.body.status.clone()));
                continue;
            }
            write_field(self.spec, field.field, field.write, &value, &mut fields)?;
        }
        // Check a lifecycle change can be made before anything is written.
        let call = match lifecycle {
            Some((table, Some(wanted))) => Some(self.lifecycle_call(id, table, &wanted).await?),
            _ => None,
        };
        let lookup = |name: &str| options.get_param(name);
        let resolve = self.resolver(Some(id), &lookup);
        let mut answer = None;
        if !fields.is_empty() {
            let mut body = match body_template {
                Some(template) => template.fill(&resolve),
                None => Value::Object(Map::new()),
            };
            let envelope =
                Path::parse(spec_update.envelope).map_err(|e| broken(self.spec, e.to_string()))?;
            envelope.set(&mut body, Value::Object(fields));
            let mut request = self
                .request(spec_update.method, path, &resolve)?
                .remote_query(&options.common().remote_query)
                .json(&body)?;
            if spec_update.idempotent {
                request = request.idempotent();
            }
            answer = Some(self.http.send(request, Operation::Update).await?);
        }
        if let Some(Some((method, call_path))) = call {
            let template = PathTemplate::new(call_path).map_err(|e| broken(self.spec, e))?;
            let request = self
                .request(method, &template, &resolve)?
                .remote_query(&options.common().remote_query);
            answer = None;
            self.http.send(request, Operation::Update).await?;
        }
        if let (Some(response), Answer::UserOrReadBack(at)) = (&answer, spec_update.answer)
            && let Some(user) = self.user_in(response, at, id)
        {
            return Ok(user);
        }
        if self.spec.get.is_some() {
            let mut read = GetUser::new();
            for (k, v) in &options.common().params {
                read = read.param(k.clone(), v.clone());
            }
            for (k, v) in &options.common().remote_query {
                read = read.remote_query(k.clone(), v.clone());
            }
            return self.read_user(id, &read, Operation::Update).await;
        }
        // Nothing to read the user back with: what the update set is what is known.
        Ok(updated(id, options))
    }

    /// The user in an update response, when it holds one with this id.
    fn user_in(&self, response: &Response, at: &str, id: &str) -> Option<User> {
        if response.is_empty() {
            return None;
        }
        let text = std::str::from_utf8(&response.body).ok()?;
        let raw: Box<RawValue> = if at.is_empty() {
            serde_json::from_str::<&RawValue>(text).ok()?.to_owned()
        } else {
            let mut plan = Plan::new();
            let slot = plan.add(ROOT, &Path::parse(at).ok()?, Want::Raw).ok()?;
            plan.read(text).ok()?.raw(slot)?.to_owned()
        };
        let user = self.mapper.map(raw, "the updated user").ok()?;
        (user.id == id).then_some(user)
    }

    /// The call a lifecycle table makes to reach `wanted` from the user's current status.
    async fn lifecycle_call(
        &self,
        id: &str,
        table: &'static [Lifecycle],
        wanted: &UserStatus,
    ) -> Result<Option<(Method, &'static str)>> {
        let needs_current = table
            .iter()
            .any(|row| row.to.is(wanted) && !row.from.is_empty());
        let current = if needs_current {
            let user = self
                .read_user(id, &GetUser::new(), Operation::Update)
                .await?;
            let raw = user
                .remote_data
                .as_ref()
                .and_then(|r| serde_json::from_str::<Value>(r.get()).ok());
            self.status_at
                .as_ref()
                .zip(raw.as_ref())
                .and_then(|(at, raw)| at.lookup(raw))
                .and_then(Value::as_str)
                .map(str::to_owned)
        } else {
            None
        };
        let row = table.iter().find(|row| {
            row.to.is(wanted)
                && (row.from.is_empty()
                    || current
                        .as_deref()
                        .is_some_and(|c| row.from.iter().any(|f| f.eq_ignore_ascii_case(c))))
        });
        match row.map(|r| r.call) {
            Some(Call::Request(method, path)) => Ok(Some((method, path))),
            Some(Call::Nothing) => Ok(None),
            Some(Call::Refuse(reason)) => Err(Error::invalid_input(reason.to_owned())),
            None => Err(Error::unsupported(format!(
                "{} cannot set the status `{wanted}`{}",
                self.spec.integration.name,
                current.map(|c| format!(" from `{c}`")).unwrap_or_default()
            ))),
        }
    }
}

fn add_header(request: Request, name: &str, value: &str) -> Result<Request> {
    let name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| Error::invalid_input(format!("`{name}` is not a header name")))?;
    let value = HeaderValue::from_str(value)
        .map_err(|_| Error::invalid_input(format!("`{value}` is not a header value")))?;
    Ok(request.header(name, value))
}

fn set_body(body: &mut Option<Value>, at: &str, value: Value) -> Result<()> {
    let path = Path::parse(at).map_err(|e| Error::invalid_input(e.to_string()))?;
    let body = body.get_or_insert_with(|| Value::Object(Map::new()));
    path.set(body, value);
    Ok(())
}

/// A list page's records, mapped, pushed onto `users` (empty; on an error, what is left
/// there is to discard): in one pass over the page when it can, else in two (the envelope
/// with each record's text, then each record), which also names a bad record. Gives what
/// the page's envelope held and the plan that read it.
fn read_records<'t, 'l>(
    mapper: &Mapper,
    list: &'l CompiledList,
    text: &'t Arc<str>,
    wanted: &Wanted,
    users: &mut Vec<User>,
) -> Result<(Captured<'t>, &'l ListPlan)> {
    if let Some(read) = read_page_in_one(mapper, text, &list.envelope, wanted, users) {
        return Ok((read?, &list.envelope));
    }
    users.clear();
    let captured = read_page_in_two(mapper, text, &list.two_pass, wanted, users)?;
    Ok((captured, &list.two_pass))
}

/// The page and its records read in one pass, each record mapped as soon as the next
/// one starts (its text ends there); `None` when the page does not read so (a record of
/// the wrong shape, or whose start is unknown: see [`Captured::start`]), for
/// [`read_page_in_two`] to read and explain.
fn read_page_in_one<'t>(
    mapper: &Mapper,
    text: &'t Arc<str>,
    envelope: &ListPlan,
    wanted: &Wanted,
    users: &mut Vec<User>,
) -> Option<Result<Captured<'t>>> {
    let mut failed = None;
    // The record read last, mapped when the next one starts or the page ends.
    let mut pending: Option<(usize, Captured<'t>)> = None;
    let mut map = |start: usize, record: &Captured<'t>, next: Option<usize>| {
        let raw = reader::record_text(text, start, next)
            .ok_or_else(|| "a record's text was not found".to_owned())?;
        match mapper.map_read(record, text, raw, users.len(), wanted) {
            Ok(user) => {
                users.push(user);
                Ok(())
            }
            Err(e) => {
                failed = Some(e);
                Err("a record did not map".to_owned())
            }
        }
    };
    let read = envelope
        .plan
        .read_each(text, envelope.records, &mut |record| {
            let start = record
                .start()
                .ok_or_else(|| "a record's start is unknown".to_owned())?;
            match pending.replace((start, record)) {
                // Mapped, the record is given back for the next to be read into.
                Some((previous, read)) => map(previous, &read, Some(start)).map(|()| Some(read)),
                None => Ok(None),
            }
        });
    let finished = read.and_then(|captured| match pending.take() {
        Some((start, last)) => map(start, &last, None).map(|()| captured),
        None => Ok(captured),
    });
    match (finished, failed) {
        (_, Some(e)) => Some(Err(e)),
        (Ok(captured), None) => Some(Ok(captured)),
        (Err(_), None) => None,
    }
}

/// The envelope read with each record kept as text, then each record read on its own.
fn read_page_in_two<'t>(
    mapper: &Mapper,
    text: &'t Arc<str>,
    envelope: &ListPlan,
    wanted: &Wanted,
    users: &mut Vec<User>,
) -> Result<Captured<'t>> {
    let mut captured = envelope
        .plan
        .read(text)
        .map_err(|e| Error::decode(format!("the response is not a page of users: {e}")))?;
    let records = captured.take_list(envelope.records).unwrap_or_default();
    let slot = envelope
        .record_text
        .ok_or_else(|| Error::decode("the page's records were not kept as text"))?;
    users.reserve(records.len());
    for (i, record) in records.iter().enumerate() {
        let raw = record
            .raw(slot)
            .ok_or_else(|| Error::decode(format!("record {i} is missing")))?;
        users.push(mapper.map_wanted(text, raw, i, wanted)?);
    }
    Ok(captured)
}

fn body_text(response: &Response) -> Result<&str> {
    std::str::from_utf8(&response.body).map_err(|_| Error::decode("the response is not UTF-8 text"))
}

/// A list page's text, in one allocation its users' `remote_data` share (see
/// [`RemoteData::in_page`]) rather than one copy per record.
fn page_text(response: &Response) -> Result<Arc<str>> {
    body_text(response).map(Arc::from)
}

fn header_cursor(response: &Response, header: &str) -> Option<Position> {
    response
        .headers
        .get(header)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| Position::Token(v.to_owned()))
}

fn text(leaf: Option<Leaf<'_>>) -> Option<String> {
    match leaf? {
        Leaf::Str(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
        Leaf::UInt(n) => Some(n.to_string()),
        Leaf::Int(n) => Some(n.to_string()),
        _ => None,
    }
}

fn number(captured: &Captured<'_>, slot: Option<Slot>) -> Option<u64> {
    match captured.value(slot?) {
        Leaf::UInt(n) => Some(*n),
        Leaf::Float(f) if *f >= 0.0 => Some(*f as u64),
        Leaf::Str(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn missing(name: String) -> Error {
    Error::new(
        ErrorKind::MissingParameter,
        format!("`{name}` is needed to build the request"),
    )
}

fn unsupported(spec: &Spec, op: Operation) -> Error {
    Error::unsupported(format!(
        "{} does not support this operation",
        spec.integration.name
    ))
    .with_operation(op)
}

/// The user as an update without a read-back leaves it: its id and the fields written.
fn updated(id: &str, options: &UpdateUser) -> User {
    let b = &options.body;
    let mut user = User::new(id);
    user.first_name = b.first_name.clone();
    user.last_name = b.last_name.clone();
    user.name = b.name.clone();
    user.username = b.username.clone();
    user.title = b.title.clone();
    user.status = b.status.clone();
    user.timezone = b.timezone.clone();
    user.avatar = b.avatar.clone();
    user.user_type = b.user_type.clone();
    user.emails = b.emails.clone().unwrap_or_default();
    user.phones = b.phones.clone().unwrap_or_default();
    user.roles = b.roles.clone().unwrap_or_default();
    user.groups = b.groups.clone().unwrap_or_default();
    user.licenses = b.licenses.clone().unwrap_or_default();
    user.languages = b.languages.clone().unwrap_or_default();
    user
}

/// Writes one contract field into the update body as `write` says.
fn write_field(
    spec: &Spec,
    field: &str,
    write: Write,
    value: &Value,
    body: &mut Map<String, Value>,
) -> Result<()> {
    let refuse = |why: String| Error::invalid_input(format!("{}: {why}", spec.integration.name));
    let mut put = |at: &str, v: Value| {
        let mut whole = Value::Object(std::mem::take(body));
        if let Ok(path) = Path::parse(at) {
            path.set(&mut whole, v);
        }
        if let Value::Object(map) = whole {
            *body = map;
        }
    };
    let refs = |value: &Value, key: &str| -> std::result::Result<Vec<Value>, String> {
        value
            .as_array()
            .map(|items| {
                items
                    .iter()
                    .map(|item| {
                        item.get(key)
                            .filter(|v| !v.is_null())
                            .cloned()
                            .ok_or_else(|| format!("each of `{field}` needs its {key}"))
                    })
                    .collect()
            })
            .unwrap_or_else(|| Ok(Vec::new()))
    };
    match write {
        Write::Value(at) => put(at, value.clone()),
        Write::PrimaryEmail(at) => {
            let emails = value.as_array().cloned().unwrap_or_default();
            let chosen = emails
                .iter()
                .find(|e| e.get("is_primary") == Some(&Value::Bool(true)))
                .or_else(|| emails.first())
                .and_then(|e| e.get("email"))
                .cloned()
                .ok_or_else(|| refuse("`emails` holds no address".to_owned()))?;
            put(at, chosen);
        }
        Write::FirstPhone(at) => {
            let number = value
                .get(0)
                .and_then(|p| p.get("number"))
                .cloned()
                .ok_or_else(|| refuse("`phones` holds no number".to_owned()))?;
            put(at, number);
        }
        Write::Ids(at) => put(at, Value::Array(refs(value, "id").map_err(refuse)?)),
        Write::Names(at) => put(at, Value::Array(refs(value, "name").map_err(refuse)?)),
        Write::OneId(at) | Write::OneName(at) => {
            let key = if matches!(write, Write::OneId(_)) {
                "id"
            } else {
                "name"
            };
            let mut items = refs(value, key).map_err(refuse)?;
            if items.len() != 1 {
                return Err(refuse(format!(
                    "`{field}` takes exactly one, by {key}; {} given",
                    items.len()
                )));
            }
            put(at, items.remove(0));
        }
        Write::ActiveFlag(at) => {
            let active = match value.as_str() {
                Some("active") => true,
                Some("inactive") => false,
                other => {
                    return Err(refuse(format!(
                        "the status can be set to active or inactive, not `{}`",
                        other.unwrap_or("?")
                    )));
                }
            };
            put(at, Value::Bool(active));
        }
        Write::StatusValue(at, table) => {
            let wanted = value.as_str().map(UserStatus::from_unified);
            let Some((_, to)) = table
                .iter()
                .find(|(s, _)| wanted.as_ref().is_some_and(|w| s.is(w)))
            else {
                let known: Vec<&str> = table.iter().map(|(s, _)| s.as_str()).collect();
                return Err(refuse(format!(
                    "the status can be set to {}, not `{}`",
                    known.join(", "),
                    value.as_str().unwrap_or("?")
                )));
            };
            put(at, Value::String((*to).to_owned()));
        }
        Write::Merge => {
            if let Value::Object(extra) = value {
                for (k, v) in extra {
                    body.insert(k.clone(), v.clone());
                }
            }
        }
        Write::Custom(f) => f(value, body).map_err(refuse)?,
        Write::Lifecycle(_) => {}
        Write::Native => {
            return Err(broken(
                spec,
                format!(
                    "`{field}` is declared native; a declarative update must say how it is written"
                ),
            ));
        }
    }
    Ok(())
}

#[async_trait]
impl UserDirectory for DeclarativeDirectory {
    fn integration(&self) -> &Integration {
        &self.spec.integration
    }

    fn describe_position(&self, position: &Position) -> String {
        let param = |p: Param| match p {
            Param::Query(name) | Param::Header(name) | Param::Body(name) => Some(name),
            Param::None => None,
        };
        let named = match (self.spec.list.map(|l| l.paging), position) {
            (Some(Paging::Offset { offset, .. }), Position::Offset(n)) => {
                param(offset).map(|p| format!("{p}={n}"))
            }
            (Some(Paging::Page { page, .. }), Position::Page(n)) => {
                param(page).map(|p| format!("{p}={n}"))
            }
            (Some(Paging::StartIndex { start, .. }), Position::StartIndex(n)) => {
                param(start).map(|p| format!("{p}={n}"))
            }
            _ => None,
        };
        named.unwrap_or_else(|| position.to_string())
    }

    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page> {
        let http_request = self.list_request(&request)?;
        let response = self.http.send(http_request, Operation::List).await?;
        if request.wants_next_early()
            && let Some(next) = self.early_next(&response)
        {
            // The next page is requested at once; this one is decoded by the listing's
            // reader, where its users are consumed.
            request.announce_next(next.as_ref()).await;
            return self.page_for_reader(response, next, &request);
        }
        self.read_page(&response, &request)
    }

    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        self.read_user(id, options, Operation::Get).await
    }

    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        self.update_user(id, options).await
    }
}
