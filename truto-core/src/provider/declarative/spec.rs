//! The spec: everything one provider's user endpoints are, as `const` data.

use crate::filter::Filter;
use crate::integration::{Integration, PaginationStyle};
use crate::provider::http::{ErrorDetails, RateLimitHeaders};
use crate::user::User;
use crate::wire::{FilterRule, Method, UpdateField};

use super::rules::Rule;

/// Where a paging value (position or page size) goes on a list request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Param {
    /// Not sent.
    None,
    /// A query parameter.
    Query(&'static str),
    /// A field of the JSON body (a dotted location).
    Body(&'static str),
    /// A request header.
    Header(&'static str),
}

/// A query parameter named `name`.
pub const fn query(name: &'static str) -> Param {
    Param::Query(name)
}

/// A JSON body field at `location`.
pub const fn body(location: &'static str) -> Param {
    Param::Body(location)
}

/// A request header named `name`.
pub const fn header(name: &'static str) -> Param {
    Param::Header(name)
}

/// How a page says there is no page after it (besides being empty).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum End {
    /// A page shorter than the page size asked for is the last.
    ShortPage,
    /// The total number of records, at a location.
    Total(&'static str),
    /// The total number of pages, at a location.
    TotalPages(&'static str),
    /// A flag at a location that is true while more pages follow.
    More(&'static str),
    /// A flag at a location that is true on the last page.
    Last(&'static str),
    /// The next page's number at a location (absent or null on the last page).
    NextPage(&'static str),
}

/// How a list endpoint pages, in the provider's terms; each maps onto one kind of
/// [`Position`](crate::provider::Position) the engine compares and resumes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Paging {
    /// Everything in one response.
    None,
    /// A record offset and a page size (`offset`, `limit`): positions are offsets.
    Offset {
        /// Where the offset goes.
        offset: Param,
        /// Where the page size goes.
        size: Param,
        /// How the last page is known.
        end: End,
    },
    /// A page number and a page size: positions are page numbers.
    Page {
        /// Where the page number goes.
        page: Param,
        /// Where the page size goes.
        size: Param,
        /// The number of the first page (0 or 1).
        first: u64,
        /// How the last page is known.
        end: End,
    },
    /// An opaque cursor from the response body, sent back: positions are tokens.
    Cursor {
        /// Where the cursor goes.
        cursor: Param,
        /// Where the page size goes.
        size: Param,
        /// The location of the next cursor in the response (empty or absent: no next).
        next: &'static str,
        /// A flag at a location that is true while more pages follow, when the provider
        /// sends one.
        more: Option<&'static str>,
    },
    /// The next page's full URL in the response body: positions are URLs.
    NextUrl {
        /// Where the page size goes (on the first request).
        size: Param,
        /// The location of the next URL in the response.
        next: &'static str,
    },
    /// RFC 8288 `Link: <…>; rel="next"`: positions are URLs.
    Link {
        /// Where the page size goes (on the first request).
        size: Param,
    },
    /// A one-based record index and a count: SCIM's `startIndex`, `count` and
    /// `totalResults`, or an API that ends on a short page (Zoho's `index`, `range`).
    StartIndex {
        /// Where the start index goes.
        start: Param,
        /// Where the count goes.
        size: Param,
        /// How the last page is known.
        end: End,
    },
    /// A cursor in a response header, sent back: positions are tokens.
    HeaderCursor {
        /// Where the cursor goes.
        cursor: Param,
        /// Where the page size goes.
        size: Param,
        /// The response header carrying the next cursor.
        header: &'static str,
    },
}

impl Paging {
    /// The engine's view of it.
    pub const fn style(&self) -> PaginationStyle {
        match self {
            Paging::None => PaginationStyle::Single,
            Paging::Offset { .. } => PaginationStyle::OffsetLimit,
            Paging::Page { .. } => PaginationStyle::PageNumber,
            Paging::Cursor { .. } | Paging::HeaderCursor { .. } => PaginationStyle::CursorField,
            Paging::NextUrl { .. } => PaginationStyle::NextUrl,
            Paging::Link { .. } => PaginationStyle::LinkHeader,
            Paging::StartIndex { .. } => PaginationStyle::ScimStartIndex,
        }
    }

    /// Where the page size goes.
    pub const fn size(&self) -> Param {
        match *self {
            Paging::None => Param::None,
            Paging::Offset { size, .. }
            | Paging::Page { size, .. }
            | Paging::Cursor { size, .. }
            | Paging::NextUrl { size, .. }
            | Paging::Link { size }
            | Paging::StartIndex { size, .. }
            | Paging::HeaderCursor { size, .. } => size,
        }
    }
}

/// Offset paging: `offset`, `limit`, ending as `end` says.
pub const fn offset(offset: Param, size: Param, end: End) -> Paging {
    Paging::Offset { offset, size, end }
}

/// Page-number paging starting at page `first`.
pub const fn page_number(page: Param, size: Param, first: u64, end: End) -> Paging {
    Paging::Page {
        page,
        size,
        first,
        end,
    }
}

/// Cursor paging: the next cursor at location `next` of the response.
pub const fn cursor(cursor: Param, size: Param, next: &'static str) -> Paging {
    Paging::Cursor {
        cursor,
        size,
        next,
        more: None,
    }
}

/// Cursor paging that also reads a "more pages follow" flag at location `more`.
pub const fn cursor_while(
    cursor: Param,
    size: Param,
    next: &'static str,
    more: &'static str,
) -> Paging {
    Paging::Cursor {
        cursor,
        size,
        next,
        more: Some(more),
    }
}

/// Next-URL paging: the next page's URL at location `next`.
pub const fn next_url(size: Param, next: &'static str) -> Paging {
    Paging::NextUrl { size, next }
}

/// `Link` header paging.
pub const fn link_header(size: Param) -> Paging {
    Paging::Link { size }
}

/// SCIM paging: `startIndex`, `count`, `totalResults`.
pub const SCIM_PAGING: Paging = Paging::StartIndex {
    start: Param::Query("startIndex"),
    size: Param::Query("count"),
    end: End::Total("totalResults"),
};

/// One-based index paging (`start` is 1 on the first page), ending as `end` says.
pub const fn start_index(start: Param, size: Param, end: End) -> Paging {
    Paging::StartIndex { start, size, end }
}

/// Header-cursor paging: the next cursor in response header `header`.
pub const fn header_cursor(cursor: Param, size: Param, header: &'static str) -> Paging {
    Paging::HeaderCursor {
        cursor,
        size,
        header,
    }
}

/// The list request.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct List {
    /// `GET`, or `POST` for a search endpoint.
    pub method: Method,
    /// Path below the base URL; `{placeholders}` are filled from parameters, filters and
    /// config keys, each as one percent-encoded segment.
    pub path: &'static str,
    /// Query parameters always sent (`{placeholders}` allowed in values).
    pub query: &'static [(&'static str, &'static str)],
    /// Headers always sent with the list request.
    pub headers: &'static [(&'static str, &'static str)],
    /// JSON body template of a `POST`; paging, filters and `{placeholder}` string values
    /// are written into it.
    pub body: Option<&'static str>,
    /// Location of the records in the response (`""`: the response is the array).
    pub records: &'static str,
    /// How it pages.
    pub paging: Paging,
    /// The filters it honours, and where each goes.
    pub filters: &'static [FilterRule],
    /// Page sizes: the default sent when the caller sets none, and the largest accepted.
    pub page_size: Option<(u32, u32)>,
    /// Listed records carry less than a get returns.
    pub partial: bool,
}

impl List {
    /// A list by `GET path`.
    pub const fn get(path: &'static str) -> Self {
        List {
            method: Method::Get,
            path,
            query: &[],
            headers: &[],
            body: None,
            records: "",
            paging: Paging::None,
            filters: &[],
            page_size: None,
            partial: false,
        }
    }
    /// A list by `POST path` with a JSON body template.
    pub const fn post(path: &'static str, body: &'static str) -> Self {
        let mut list = List::get(path);
        list.method = Method::Post;
        list.body = Some(body);
        list
    }
    /// Query parameters always sent.
    pub const fn query(mut self, pairs: &'static [(&'static str, &'static str)]) -> Self {
        self.query = pairs;
        self
    }
    /// Headers always sent.
    pub const fn headers(mut self, pairs: &'static [(&'static str, &'static str)]) -> Self {
        self.headers = pairs;
        self
    }
    /// Where the records are in the response.
    pub const fn records(mut self, location: &'static str) -> Self {
        self.records = location;
        self
    }
    /// How it pages.
    pub const fn paging(mut self, paging: Paging) -> Self {
        self.paging = paging;
        self
    }
    /// The filters it honours.
    pub const fn filters(mut self, filters: &'static [FilterRule]) -> Self {
        self.filters = filters;
        self
    }
    /// Page sizes: the default and the largest accepted.
    pub const fn page_size(mut self, default: u32, max: u32) -> Self {
        self.page_size = Some((default, max));
        self
    }
    /// Listed records carry less than a get returns.
    pub const fn partial(mut self) -> Self {
        self.partial = true;
        self
    }
}

/// The get request.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Get {
    /// `GET`, or `POST` for an RPC-style endpoint.
    pub method: Method,
    /// Path with `{id}` (one percent-encoded segment) and other placeholders.
    pub path: &'static str,
    /// Query parameters (a value `{id}` puts the id there instead of the path).
    pub query: &'static [(&'static str, &'static str)],
    /// JSON body template of a `POST` (`"{id}"` string values are filled).
    pub body: Option<&'static str>,
    /// Location of the record in the response (`""`: the response is the record).
    pub record: &'static str,
}

impl Get {
    /// A get by `GET path`.
    #[allow(clippy::self_named_constructors)]
    pub const fn get(path: &'static str) -> Self {
        Get {
            method: Method::Get,
            path,
            query: &[],
            body: None,
            record: "",
        }
    }
    /// A get by `POST path` with a JSON body template.
    pub const fn post(path: &'static str, body: &'static str) -> Self {
        let mut get = Get::get(path);
        get.method = Method::Post;
        get.body = Some(body);
        get
    }
    /// Query parameters.
    pub const fn query(mut self, pairs: &'static [(&'static str, &'static str)]) -> Self {
        self.query = pairs;
        self
    }
    /// Where the record is in the response.
    pub const fn record(mut self, location: &'static str) -> Self {
        self.record = location;
        self
    }
}

/// What an update's response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Answer {
    /// The user at a location when the response has one (an object with the id), else
    /// the user is read back with a get.
    UserOrReadBack(&'static str),
    /// Nothing useful: the user is always read back with a get.
    ReadBack,
}

/// The update request.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Update {
    /// `PATCH`, `PUT` or `POST`.
    pub method: Method,
    /// Path with `{id}` and other placeholders.
    pub path: &'static str,
    /// Location in the body the fields are written under (`""`: the body itself).
    pub envelope: &'static str,
    /// A JSON template the body starts from, before the fields are written into it
    /// (`{id}` and config placeholders filled): JSON:API's `{"data":{"type":"users","id":"{id}"}}`.
    pub body: Option<&'static str>,
    /// The fields it can change and how each is written.
    pub fields: &'static [UpdateField],
    /// Writing the same body twice equals writing it once, so a retry after a failure
    /// that may have reached the server is safe.
    pub idempotent: bool,
    /// What the response holds.
    pub answer: Answer,
}

impl Update {
    /// An update by `method path` writing `fields`.
    pub const fn new(method: Method, path: &'static str, fields: &'static [UpdateField]) -> Self {
        Update {
            method,
            path,
            envelope: "",
            body: None,
            fields,
            idempotent: false,
            answer: Answer::UserOrReadBack(""),
        }
    }
    /// `PATCH path`.
    pub const fn patch(path: &'static str, fields: &'static [UpdateField]) -> Self {
        Update::new(Method::Patch, path, fields)
    }
    /// `PUT path`.
    pub const fn put(path: &'static str, fields: &'static [UpdateField]) -> Self {
        Update::new(Method::Put, path, fields)
    }
    /// The fields go under this location of the body.
    pub const fn envelope(mut self, location: &'static str) -> Self {
        self.envelope = location;
        self
    }
    /// The body starts from this JSON template (placeholders filled) before the fields are
    /// written into it.
    pub const fn body(mut self, template: &'static str) -> Self {
        self.body = Some(template);
        self
    }
    /// The body sets absolute values: a retry is safe.
    pub const fn idempotent(mut self) -> Self {
        self.idempotent = true;
        self
    }
    /// What the response holds.
    pub const fn answer(mut self, answer: Answer) -> Self {
        self.answer = answer;
        self
    }
}

/// Reads a provider's errors by hand (see [`ErrorParser`](crate::provider::http::ErrorParser)).
pub type ErrorFn = crate::provider::http::ErrorParser;

/// How a 2xx response can still be an error (GraphQL `errors`, Slack's `"ok": false`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InBody {
    /// The response is an error when the flag at this location is `false`.
    FlagFalse(&'static str),
    /// The response is an error when this location holds a non-empty value.
    Present(&'static str),
}

/// Where a provider's error bodies keep what matters.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Errors {
    /// Locations of the message, tried in order (the generic shapes after them).
    pub message: &'static [&'static str],
    /// Locations of the error code, tried in order.
    pub code: &'static [&'static str],
    /// Locations of a request id in the body (headers are read by the transport).
    pub request_id: &'static [&'static str],
    /// Codes that mean throttling, whatever the status.
    pub throttled: &'static [&'static str],
    /// Codes that mean a quota that resets in hours (never retried).
    pub quota: &'static [&'static str],
    /// Statuses that mean "try again" besides 408, 429 and 5xx (Jira's 409 timeouts).
    pub retry_statuses: &'static [u16],
    /// Errors in 2xx responses, and the status each code stands for (unknown codes: 400).
    pub in_body: Option<(InBody, &'static [(&'static str, u16)])>,
    /// Reads error bodies by hand instead (the other fields are then unused, except
    /// `in_body`).
    pub parser: Option<ErrorFn>,
}

impl Errors {
    /// The common shapes: `message`, `error.message`, `error_description`, `detail`,
    /// `errors[0].message`, ... and a code from `code`, `error.code`, `errorCode`, ...
    pub const GENERIC: Errors = Errors {
        message: &[],
        code: &[],
        request_id: &[],
        throttled: &[],
        quota: &[],
        retry_statuses: &[],
        in_body: None,
        parser: None,
    };

    /// The message at these locations.
    pub const fn message(mut self, locations: &'static [&'static str]) -> Self {
        self.message = locations;
        self
    }
    /// The code at these locations.
    pub const fn code(mut self, locations: &'static [&'static str]) -> Self {
        self.code = locations;
        self
    }
    /// A request id at these locations.
    pub const fn request_id(mut self, locations: &'static [&'static str]) -> Self {
        self.request_id = locations;
        self
    }
    /// These codes mean throttling.
    pub const fn throttled(mut self, codes: &'static [&'static str]) -> Self {
        self.throttled = codes;
        self
    }
    /// These codes mean an exhausted quota.
    pub const fn quota(mut self, codes: &'static [&'static str]) -> Self {
        self.quota = codes;
        self
    }
    /// These statuses are retried like a 503.
    pub const fn retry_statuses(mut self, statuses: &'static [u16]) -> Self {
        self.retry_statuses = statuses;
        self
    }
    /// 2xx responses can carry errors, each code standing for a status.
    pub const fn in_body(mut self, how: InBody, statuses: &'static [(&'static str, u16)]) -> Self {
        self.in_body = Some((how, statuses));
        self
    }
    /// Error bodies are read by `parser`.
    pub const fn parser(mut self, parser: ErrorFn) -> Self {
        self.parser = Some(parser);
        self
    }
}

/// Changes a mapped user, with its record's JSON text.
pub type PostMapFn = fn(&mut User, &str) -> crate::error::Result<()>;

/// Writes the filters a spec declares [`FilterTo::Native`](crate::provider::FilterTo::Native)
/// as query pairs.
pub type FilterQueryFn = fn(&[(Filter, &str)]) -> crate::error::Result<Vec<(String, String)>>;

/// Code for what a spec cannot say: each hook replaces one step of the generic directory.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct Hooks {
    /// Changes a mapped user, with its record's text (a transform the rules cannot
    /// express). Runs before `remote_data` is attached. With it, a listing applies every
    /// rule, even those writing only fields the caller excluded (the hook may read them).
    pub post_map: Option<PostMapFn>,
    /// The unified fields `post_map` sets (what the lint counts as mapped).
    pub post_map_sets: &'static [&'static str],
    /// Builds the list request's query for the filters by hand: gets the filters set and
    /// returns query pairs (an expression language, say).
    pub filter_query: Option<FilterQueryFn>,
    /// Reads an error response body by hand, after the declared shapes.
    pub error_details: Option<fn(&mut ErrorDetails, &[u8])>,
}

/// One provider's user endpoints, as data: what [`connect`](super::connect) runs.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Spec {
    /// What the integration declares (derived from the parts below as they are set).
    pub integration: Integration,
    /// The list request.
    pub list: Option<List>,
    /// The get request.
    pub get: Option<Get>,
    /// The update request.
    pub update: Option<Update>,
    /// How a record maps to a [`User`].
    pub rules: &'static [Rule],
    /// Where the errors are.
    pub errors: Errors,
    /// The rate-limit headers the provider sends.
    pub rate_limits: Option<RateLimitHeaders>,
    /// Headers sent with every request (API versions, `Accept`).
    pub headers: &'static [(&'static str, &'static str)],
    /// Code for what the spec cannot say.
    pub hooks: Hooks,
    /// The provider's documents the spec follows (URLs).
    pub sources: &'static [&'static str],
    /// Unified fields the reference lists for the integration that the provider does not
    /// return, and why.
    pub absent: &'static [(&'static str, &'static str)],
}

impl Spec {
    /// A spec for `integration`; add its parts with the builder methods.
    pub const fn new(integration: Integration) -> Self {
        Spec {
            integration,
            list: None,
            get: None,
            update: None,
            rules: &[],
            errors: Errors::GENERIC,
            rate_limits: None,
            headers: &[],
            hooks: Hooks {
                post_map: None,
                post_map_sets: &[],
                filter_query: None,
                error_details: None,
            },
            sources: &[],
            absent: &[],
        }
    }

    /// The list request; the integration's list capability, filters, page sizes and
    /// partial flag follow from it.
    pub const fn list(mut self, list: List) -> Self {
        self.integration.list = Some(list.paging.style());
        self.integration.filters = list.filters;
        if list.partial {
            self.integration.partial_list = true;
        }
        if let Some((default, max)) = list.page_size {
            self.integration.default_page_size = Some(default);
            self.integration.max_page_size = Some(max);
        }
        let mut i = 0;
        while i < list.filters.len() {
            if matches!(list.filters[i].filter, Filter::Email)
                && self.integration.email_filter.is_none()
            {
                self.integration.email_filter = Some(Filter::Email);
            }
            i += 1;
        }
        self.list = Some(list);
        self
    }
    /// The get request.
    pub const fn get(mut self, get: Get) -> Self {
        self.integration.get = true;
        self.get = Some(get);
        self
    }
    /// The update request; the integration's update fields follow from it.
    pub const fn update(mut self, update: Update) -> Self {
        self.integration.update = true;
        self.integration.update_fields = update.fields;
        self.update = Some(update);
        self
    }
    /// The mapping rules.
    pub const fn map(mut self, rules: &'static [Rule]) -> Self {
        self.rules = rules;
        self
    }
    /// Where the errors are.
    pub const fn errors(mut self, errors: Errors) -> Self {
        self.errors = errors;
        self
    }
    /// The rate-limit headers.
    pub const fn rate_limits(mut self, headers: RateLimitHeaders) -> Self {
        self.rate_limits = Some(headers);
        self
    }
    /// Headers sent with every request.
    pub const fn headers(mut self, pairs: &'static [(&'static str, &'static str)]) -> Self {
        self.headers = pairs;
        self
    }
    /// Code for what the spec cannot say.
    pub const fn hooks(mut self, hooks: Hooks) -> Self {
        self.hooks = hooks;
        self
    }
    /// Writes the filters declared [`FilterTo::Native`](crate::provider::FilterTo::Native)
    /// with `hook` (see [`Hooks::filter_query`]).
    pub const fn filter_query(mut self, hook: FilterQueryFn) -> Self {
        self.hooks.filter_query = Some(hook);
        self
    }
    /// Reads error bodies further with `hook` after the declared shapes (see
    /// [`Hooks::error_details`]).
    pub const fn error_details(mut self, hook: fn(&mut ErrorDetails, &[u8])) -> Self {
        self.hooks.error_details = Some(hook);
        self
    }
    /// Changes each mapped user with `hook` (see [`Hooks::post_map`]), which sets the
    /// unified fields `sets` (`&["licenses"]`).
    pub const fn post_map(mut self, hook: PostMapFn, sets: &'static [&'static str]) -> Self {
        self.hooks.post_map = Some(hook);
        self.hooks.post_map_sets = sets;
        self
    }
    /// The documents the spec follows.
    pub const fn sources(mut self, urls: &'static [&'static str]) -> Self {
        self.sources = urls;
        self
    }
    /// Fields the reference lists that the provider does not return, with reasons.
    pub const fn absent(mut self, fields: &'static [(&'static str, &'static str)]) -> Self {
        self.absent = fields;
        self
    }
}
