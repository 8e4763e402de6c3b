//! The one pagination engine, and the helpers providers use to say where the next page is.
//!
//! Providers fetch one page ([`UserDirectory::fetch_page`]) and return the next
//! [`Position`]; this module drives the loop:
//!
//! - it stops on an empty page, on a missing next position and on a position it has
//!   already requested (a provider that repeats a cursor would otherwise page forever);
//! - with `prefetch` (on by default) it runs in a task of its own, at most one finished
//!   page ahead of the caller, and fetches the next page while the caller consumes the
//!   current one; a provider that can read the next position before decoding its page
//!   announces it ([`PageRequest::announce_next`]) and that request starts while the page
//!   decodes, so fetching and decoding overlap across cores; a page it returns undecoded
//!   ([`Page::decoded_by_reader`]) is decoded on the reader's side, where its users are
//!   consumed and freed, when nothing in the engine needs them first;
//! - for offset and SCIM providers it can fetch several pages at once from the first
//!   request (`page_concurrency`), page-number providers once a total is reported; a page
//!   fetched ahead is yielded only when the page before it names it as its next, so users
//!   come in the order, and exactly the set, a one-page-at-a-time listing would give;
//! - it hydrates partial lists with one get per user, `hydrate_concurrency` at a time in
//!   one window that runs across page boundaries, through the same client (and so the
//!   same rate limits), yielding each page whole and in order;
//! - `max_users` cuts the page that reaches it; nothing after it is requested;
//! - when a page fails after the transport's retries, the stream ends with that error and
//!   [`Error::resume_cursor`] resumes exactly at the failed page: every user before it was
//!   yielded, none after it was.

use std::collections::{HashSet, VecDeque};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use futures::stream::{self, BoxStream};
use futures::{Stream, StreamExt, TryStreamExt};
use tokio::task::JoinHandle;

use crate::cursor::{Cursor, Position};
use crate::directory::UserDirectory;
use crate::error::{Error, ErrorKind, Operation, Result};
use crate::integration::PaginationStyle;
use crate::normalize::{apply_options, apply_options_to_page};
use crate::page::{EarlyNext, Page, PageRequest, UserPage};
use crate::query::{GetUser, ListUsers};
use crate::user::User;

/// Every user of a listing, page after page: a `futures::Stream` of `Result<User>`.
///
/// It is `'static` and `Send`: it holds its own handle on the client.
pub struct UserStream {
    inner: BoxStream<'static, Result<User>>,
    pages: Arc<AtomicU64>,
}

impl UserStream {
    /// A stream that yields `error` and ends.
    pub fn failed(error: Error) -> Self {
        UserStream::from_stream(stream::once(async move { Err(error) }))
    }

    /// Wraps any stream of users.
    pub fn from_stream(inner: impl Stream<Item = Result<User>> + Send + 'static) -> Self {
        UserStream {
            inner: inner.boxed(),
            pages: Arc::default(),
        }
    }

    /// How many pages have been fetched so far (for progress displays).
    pub fn pages_fetched(&self) -> u64 {
        self.pages.load(Ordering::Relaxed)
    }
}

impl Stream for UserStream {
    type Item = Result<User>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.poll_next_unpin(cx)
    }
}

impl std::fmt::Debug for UserStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UserStream")
    }
}

pub(crate) fn stream<D: UserDirectory + ?Sized>(dir: Arc<D>, options: ListUsers) -> UserStream {
    let engine = match Engine::new(Arc::clone(&dir), options) {
        Ok(engine) => engine,
        Err(e) => return UserStream::failed(e),
    };
    let options = Arc::clone(&engine.options);
    let counter = Arc::clone(&engine.pages_counter);
    let fetched = stream::unfold(engine, |mut engine| async move {
        let page = engine.next_page().await?;
        Some((page, engine))
    });
    let reader = PageReader::new(Arc::clone(&dir), Arc::clone(&options));
    let users = if options.hydrate {
        hydrated(reader.read(fetched), dir, Arc::clone(&options))
            .flat_map(|page| match page {
                Ok(users) => stream::iter(users.into_iter().map(Ok)).left_stream(),
                Err(e) => stream::once(async move { Err(e) }).right_stream(),
            })
            .boxed()
    } else if options.prefetch {
        // The engine runs in a task of its own, so it hears a provider's early word about
        // the next page while the caller is busy with this one; the pages it leaves
        // undecoded are decoded here, on the caller's side.
        reader.users(in_background(fetched)).boxed()
    } else {
        reader.users(fetched).boxed()
    };
    let mut stream = UserStream::from_stream(users);
    stream.pages = counter;
    stream
}

pub(crate) async fn one_page<D: UserDirectory + ?Sized>(
    dir: Arc<D>,
    options: ListUsers,
) -> Result<UserPage> {
    let integration = dir.integration();
    options.validate(integration)?;
    let slug = integration.slug.to_owned();
    let page_size = options.page_size(integration);
    let position = start_position(&options, &slug)?;
    let at_position = |e: Error| e.with_resume_cursor(Cursor::new(&slug, &position));
    let mut page = fetch_listed(&*dir, &options, &position, page_size)
        .await
        .map_err(at_position)?;
    if options.hydrate {
        let users = std::mem::take(&mut page.users);
        let get = Arc::new(hydrate_request(&*dir, &options));
        let options = Arc::new(options.clone());
        page.users = stream::iter(users)
            .map(|listed| {
                hydrate_one(
                    Arc::clone(&dir),
                    Arc::clone(&get),
                    Arc::clone(&options),
                    listed.id,
                )
            })
            .buffered(options.hydrate_concurrency.max(1))
            .try_collect()
            .await
            .map_err(at_position)?;
    } else {
        apply_options_to_page(&mut page.users, options.common());
    }
    let next_cursor = match page.next {
        Some(next) if next == position => {
            return Err(Error::new(
                ErrorKind::Provider,
                format!(
                    "the provider named {} as the page after itself; stopping rather than paging in a loop",
                    dir.describe_position(&next)
                ),
            )
            .with_provider(slug)
            .with_operation(Operation::List));
        }
        Some(next) if !page.users.is_empty() => Some(Cursor::new(&slug, &next)),
        _ => None,
    };
    Ok(UserPage {
        users: page.users,
        next_cursor,
        total: page.total,
    })
}

fn start_position(options: &ListUsers, slug: &str) -> Result<Position> {
    match &options.next_cursor {
        Some(cursor) => cursor.position_for(slug).map_err(Error::from),
        None => Ok(Position::Start),
    }
}

/// Tags an error of a listing with the provider and the operation.
fn list_error(slug: &'static str) -> impl Fn(Error) -> Error {
    move |e| e.with_provider(slug).with_operation(Operation::List)
}

/// Fetches one page as the provider lists it.
async fn fetch_listed<D: UserDirectory + ?Sized>(
    dir: &D,
    options: &ListUsers,
    position: &Position,
    page_size: Option<u32>,
) -> Result<Page> {
    dir.fetch_page(PageRequest::new(options, position, page_size))
        .await
        .and_then(Page::decoded)
        .map_err(list_error(dir.integration().slug))
}

/// The get options hydration uses: the listing's parameters, plus any parameter the get
/// requires that the listing was given as a filter.
fn hydrate_request<D: UserDirectory + ?Sized>(dir: &D, options: &ListUsers) -> GetUser {
    let mut get = GetUser::new();
    for (k, v) in &options.common().params {
        get = get.param(k.clone(), v.clone());
    }
    for name in dir.integration().required_get {
        if get.get_param(name).is_none()
            && let Some(value) = options.lookup(name)
        {
            get = get.param(*name, value);
        }
    }
    get
}

/// A listed user's full record, by its id, the response options applied.
async fn hydrate_one<D: UserDirectory + ?Sized>(
    dir: Arc<D>,
    get: Arc<GetUser>,
    options: Arc<ListUsers>,
    id: String,
) -> Result<User> {
    let slug = dir.integration().slug;
    let user = dir.fetch_user(&id, &get).await.map_err(list_error(slug))?;
    if user.id != id {
        // Keeping it would put another user's record in this one's place.
        return Err(list_error(slug)(Error::new(
            ErrorKind::Provider,
            format!(
                "asked for listed user `{id}`, the provider answered with user `{}`",
                user.id
            ),
        )));
    }
    Ok(apply_options(user, options.common()))
}

/// A listed page, with where it was fetched from.
type Listed = (Position, Vec<User>);

/// A fetched page, with where it was fetched from; its users may be still to decode.
type Fetched = (Position, Page);

/// What tells a page served twice: its first id, last id and length.
#[derive(Default)]
struct LastPage(Option<(String, String, usize)>);

impl LastPage {
    /// Whether `users` is the page seen last; remembers it.
    fn repeats(&mut self, users: &[User]) -> bool {
        let (Some(first), Some(last)) = (users.first(), users.last()) else {
            return false;
        };
        let key = (first.id.clone(), last.id.clone(), users.len());
        let repeat = self.0.as_ref() == Some(&key);
        self.0 = Some(key);
        repeat
    }

    fn forget(&mut self) {
        self.0 = None;
    }
}

/// The error that ends a listing whose provider served the page at `position` twice in a
/// row. Its users would be repeated, and the ones the provider never served lost without
/// a word: the listing resumes at this position.
fn repeat_error<D: UserDirectory + ?Sized>(dir: &D, position: &Position) -> Error {
    let slug = dir.integration().slug;
    let at = dir.describe_position(position);
    Error::new(
        ErrorKind::Provider,
        format!(
            "the provider answered {at} with the same users as the page before it; stopping rather than repeating them"
        ),
    )
    .with_provider(slug)
    .with_operation(Operation::List)
    .with_resume_cursor(Cursor::new(slug, position))
}

/// The listing's side of the pages: decodes the pages a provider left to the reader
/// ([`Page::decoded_by_reader`]) on the thread that reads them, ends the listing at an
/// empty one, and notices a page served twice. It sees every page in order; the engine
/// already stopped at a decoded page served twice in a row (and so fetched nothing
/// more), this catches the rest.
struct PageReader<D: ?Sized> {
    dir: Arc<D>,
    options: Arc<ListUsers>,
    last_page: LastPage,
    ended: bool,
}

impl<D: UserDirectory + ?Sized> PageReader<D> {
    fn new(dir: Arc<D>, options: Arc<ListUsers>) -> Self {
        PageReader {
            dir,
            options,
            last_page: LastPage::default(),
            ended: false,
        }
    }

    /// The pages of `fetched`, read. The listing ends where the reader ends it: then
    /// `fetched` (and with it the engine and its requests ahead) is dropped.
    fn read(
        self,
        fetched: impl Stream<Item = Result<Fetched>> + Send + 'static,
    ) -> impl Stream<Item = Result<Listed>> + Send + 'static {
        stream::unfold(
            (Box::pin(fetched), self),
            |(mut fetched, mut reader)| async move {
                let mut users = Vec::new();
                let listed = reader
                    .take(fetched.next().await?, &mut users)?
                    .map(|position| (position, users));
                Some((listed, (fetched, reader)))
            },
        )
    }

    /// The users of `fetched`'s pages, one by one, read through one buffer that every
    /// page's users are decoded into: a listing allocates it once, not once a page.
    fn users(
        self,
        fetched: impl Stream<Item = Result<Fetched>> + Send + 'static,
    ) -> impl Stream<Item = Result<User>> + Send + 'static {
        ReadUsers {
            fetched: Some(Box::pin(fetched)),
            reader: self,
            buffer: VecDeque::new(),
        }
    }

    /// One fetched page's users, into `users`, as the caller receives them; its position
    /// when it has any, `None` when the listing ends.
    fn take(
        &mut self,
        fetched: Result<Fetched>,
        users: &mut Vec<User>,
    ) -> Option<Result<Position>> {
        if self.ended {
            return None;
        }
        let (position, page) = match fetched {
            Ok(fetched) => fetched,
            Err(e) => return self.end(e),
        };
        let slug = self.dir.integration().slug;
        let decoded_here = !page.is_decoded();
        if let Err(e) = page.users_into(users) {
            let e = list_error(slug)(e).with_resume_cursor(Cursor::new(slug, &position));
            return self.end(e);
        }
        if decoded_here {
            // Only without hydration (see `reader_decodes`): the options apply here.
            apply_options_to_page(users, self.options.common());
        }
        if users.is_empty() {
            // The engine stops at an empty page it sees; one decoded here ends it here.
            return None;
        }
        if self.last_page.repeats(users) {
            users.clear();
            return self.end(repeat_error(&*self.dir, &position));
        }
        Some(Ok(position))
    }

    fn end<T>(&mut self, e: Error) -> Option<Result<T>> {
        self.ended = true;
        Some(Err(e))
    }
}

/// [`PageReader::users`]: the users of the page read last, then the next page's.
struct ReadUsers<S, D: ?Sized> {
    /// The pages; dropped, with the engine and its requests ahead, when the listing ends.
    fetched: Option<Pin<Box<S>>>,
    reader: PageReader<D>,
    /// The users of the page read last still to yield; emptied, its allocation holds the
    /// next page's.
    buffer: VecDeque<User>,
}

impl<S, D> Stream for ReadUsers<S, D>
where
    S: Stream<Item = Result<Fetched>>,
    D: UserDirectory + ?Sized,
{
    type Item = Result<User>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<User>>> {
        // Only the boxed `fetched` is pinned; the rest moves freely.
        let this = Pin::into_inner(self);
        loop {
            if let Some(user) = this.buffer.pop_front() {
                return Poll::Ready(Some(Ok(user)));
            }
            let Some(fetched) = this.fetched.as_mut() else {
                return Poll::Ready(None);
            };
            let next = std::task::ready!(fetched.as_mut().poll_next(cx));
            // Empty, so this moves no user and keeps the allocation.
            let mut users = Vec::from(std::mem::take(&mut this.buffer));
            let taken = next.and_then(|fetched| this.reader.take(fetched, &mut users));
            this.buffer = VecDeque::from(users);
            match taken {
                Some(Ok(_)) => {}
                Some(Err(e)) => {
                    this.fetched = None;
                    return Poll::Ready(Some(Err(e)));
                }
                None => {
                    this.fetched = None;
                    return Poll::Ready(None);
                }
            }
        }
    }
}

/// One unit of hydration work: a listed user's id (and whether it ends its page), or the
/// listing's own failure passed along in order.
enum Step {
    Get {
        page: Arc<Position>,
        last: bool,
        id: String,
    },
    Failed(Error),
}

/// Hydrates listed pages with one window of `hydrate_concurrency` gets that runs across
/// page boundaries: the gets of the next page start while the last ones of this page are
/// still out, so the window never drains at a page end. Pages are still yielded whole and
/// in order, and a failed get ends the stream with its page's cursor, so a resume repeats
/// no user and skips none.
///
/// With prefetch on (the default) the work runs in a task of its own, one finished page
/// ahead of the caller, so hydration goes on while the caller works on a page.
fn hydrated<D: UserDirectory + ?Sized>(
    listed: impl Stream<Item = Result<Listed>> + Send + 'static,
    dir: Arc<D>,
    options: Arc<ListUsers>,
) -> BoxStream<'static, Result<Vec<User>>> {
    let slug = dir.integration().slug;
    let get = Arc::new(hydrate_request(&*dir, &options));
    let window = options.hydrate_concurrency.max(1);
    let steps = listed.flat_map(|page| match page {
        Ok((position, users)) => {
            let (page, count) = (Arc::new(position), users.len());
            stream::iter(
                users
                    .into_iter()
                    .enumerate()
                    .map(move |(i, listed)| Step::Get {
                        page: Arc::clone(&page),
                        last: i + 1 == count,
                        id: listed.id,
                    }),
            )
            .left_stream()
        }
        Err(e) => stream::once(async move { Step::Failed(e) }).right_stream(),
    });
    let prefetch = options.prefetch;
    let hydrated = steps
        .map(move |step| {
            let (dir, get, options) = (Arc::clone(&dir), Arc::clone(&get), Arc::clone(&options));
            async move {
                match step {
                    Step::Get { page, last, id } => {
                        let user = hydrate_one(dir, get, options, id).await;
                        (Some(page), last, user)
                    }
                    Step::Failed(e) => (None, true, Err(e)),
                }
            }
        })
        .buffered(window);
    let pages = stream::unfold(
        (Box::pin(hydrated), false),
        move |(mut hydrated, ended)| async move {
            if ended {
                return None;
            }
            let mut users = Vec::new();
            loop {
                match hydrated.next().await? {
                    (_, last, Ok(user)) => {
                        users.push(user);
                        if last {
                            return Some((Ok(users), (hydrated, false)));
                        }
                    }
                    (page, _, Err(e)) => {
                        let e = match page {
                            Some(position) => e.with_resume_cursor(Cursor::new(slug, &position)),
                            None => e,
                        };
                        return Some((Err(e), (hydrated, true)));
                    }
                }
            }
        },
    );
    if prefetch {
        in_background(pages)
    } else {
        pages.boxed()
    }
}

/// Runs `pages` in a task of its own, at most one finished page ahead of the reader;
/// dropping the returned stream stops the task. The task starts on the first poll, inside
/// the caller's runtime.
fn in_background<T: Send + 'static>(
    pages: impl Stream<Item = T> + Send + 'static,
) -> BoxStream<'static, T> {
    struct AbortOnDrop(JoinHandle<()>);
    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            self.0.abort();
        }
    }
    stream::once(async move {
        let (tx, rx) = tokio::sync::mpsc::channel(1);
        let task = tokio::spawn(async move {
            let mut pages = std::pin::pin!(pages);
            while let Some(page) = pages.next().await {
                if tx.send(page).await.is_err() {
                    break;
                }
            }
        });
        stream::unfold((rx, AbortOnDrop(task)), |(mut rx, task)| async move {
            let page = rx.recv().await?;
            Some((page, (rx, task)))
        })
    })
    .flatten()
    .boxed()
}

fn position_hash(position: &Position) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(position)
}

struct InFlight {
    position: Position,
    task: JoinHandle<Result<Page>>,
    /// The next position, when the provider announces it before decoding the page.
    early_next: Option<tokio::sync::oneshot::Receiver<Option<Position>>>,
}

/// Positions computed ahead, `step` apart: up to a reported total, or, before any total is
/// known, for as long as each page's own next position confirms them.
#[derive(Debug)]
struct Plan {
    next: Position,
    step: u64,
    /// Pages left to request; `None` while no total bounds the plan.
    remaining: Option<u64>,
}

impl Plan {
    fn take(&mut self) -> Option<Position> {
        match &mut self.remaining {
            Some(0) => return None,
            Some(n) => *n -= 1,
            None => {}
        }
        let current = self.next.clone();
        self.next = match &current {
            Position::Offset(o) => Position::Offset(o + self.step),
            Position::StartIndex(i) => Position::StartIndex(i + self.step),
            Position::Page(p) => Position::Page(p + self.step),
            other => other.clone(),
        };
        Some(current)
    }

    /// Bounds an open plan of record positions by the total the provider reported.
    fn bound_by(&mut self, total: u64) {
        if self.remaining.is_some() {
            return;
        }
        let before = match self.next {
            Position::Offset(o) => o,
            Position::StartIndex(i) => i.saturating_sub(1),
            _ => return,
        };
        self.remaining = Some(total.saturating_sub(before).div_ceil(self.step.max(1)));
    }
}

struct Engine<D: ?Sized> {
    dir: Arc<D>,
    options: Arc<ListUsers>,
    slug: String,
    page_size: Option<u32>,
    started_at_start: bool,
    pages_done: u64,
    pages_counter: Arc<AtomicU64>,
    /// Hashes of every position requested: 8 bytes a page, so memory stays flat however
    /// long the cursors or URLs (a collision would only end a listing early, at odds of
    /// about one in 2^64 per page).
    seen: HashSet<u64>,
    /// Whether pages a provider left undecoded go to the [`PageReader`] as they are: only
    /// when nothing here needs their users (no hydration, no `max_users`, no fan-out), and
    /// only with prefetch, where the reader is on another thread than the fetching.
    reader_decodes: bool,
    inflight: VecDeque<InFlight>,
    /// Next position not yet requested (prefetch off, or nothing in flight).
    next: Option<Position>,
    plan: Option<Plan>,
    /// The last page, when it was decoded here: a provider that ignores the position
    /// serves the same page again, and the engine stops before fetching more.
    last_page: LastPage,
    /// Users still to yield under `max_users`: the page that reaches it is cut there and
    /// nothing after it is requested (or hydrated).
    users_left: Option<u64>,
    done: bool,
    /// The error the listing ends with once the pages before it are yielded.
    failed: Option<Error>,
}

impl<D: UserDirectory + ?Sized> Engine<D> {
    fn new(dir: Arc<D>, options: ListUsers) -> Result<Self> {
        let integration = dir.integration();
        options.validate(integration)?;
        let slug = integration.slug.to_owned();
        let page_size = options.page_size(integration);
        let start = start_position(&options, &slug)?;
        let plan = if options.page_concurrency > 1 {
            fan_out(integration.list, &start, page_size)
        } else {
            None
        };
        let reader_decodes = options.prefetch
            && !options.hydrate
            && options.max_users.is_none()
            && options.page_concurrency <= 1;
        Ok(Engine {
            started_at_start: start == Position::Start,
            users_left: options.max_users,
            dir,
            options: Arc::new(options),
            slug,
            page_size,
            pages_done: 0,
            pages_counter: Arc::default(),
            seen: HashSet::new(),
            reader_decodes,
            inflight: VecDeque::new(),
            next: Some(start),
            plan,
            last_page: LastPage::default(),
            done: false,
            failed: None,
        })
    }

    fn spawn(&mut self, position: Position) {
        self.seen.insert(position_hash(&position));
        let (dir, options, page_size, reader_decodes) = (
            Arc::clone(&self.dir),
            Arc::clone(&self.options),
            self.page_size,
            self.reader_decodes,
        );
        let at = position.clone();
        let (early, early_next) = if self.may_follow_early_word() {
            let (early, announced) = EarlyNext::channel();
            (Some(early), Some(announced))
        } else {
            (None, None)
        };
        let task = tokio::spawn(async move {
            let mut request = PageRequest::new(&options, &at, page_size);
            if let Some(early) = &early {
                request = request.with_early_next(early);
            }
            let page = dir
                .fetch_page(request)
                .await
                .map_err(list_error(dir.integration().slug))?;
            if reader_decodes && !page.is_decoded() {
                return Ok(page);
            }
            let mut page = page.decoded().map_err(list_error(dir.integration().slug))?;
            if !options.hydrate {
                // Applied here, on the task, so it overlaps the caller's work.
                apply_options_to_page(&mut page.users, options.common());
            }
            Ok(page)
        });
        self.inflight.push_back(InFlight {
            position,
            task,
            early_next,
        });
    }

    /// Whether the next page may be requested on the provider's early word, while the
    /// current one decodes: with prefetch, pages one after another (no plan), and never
    /// past `max_users`.
    fn may_follow_early_word(&self) -> bool {
        self.options.prefetch && self.plan.is_none() && self.users_left.is_none()
    }

    /// Whether to act on an early word now: also only one page ahead.
    fn follows_early_word(&self) -> bool {
        self.may_follow_early_word() && self.inflight.is_empty()
    }

    /// The provider announced `next` before its page was decoded: request it now (unless
    /// it was requested before; the finished page's own `next` decides what then happens).
    fn request_early(&mut self, next: Option<Position>) {
        if let Some(next) = next
            && !self.seen.contains(&position_hash(&next))
        {
            self.spawn(next);
        }
    }

    fn fill_from_plan(&mut self) {
        let limit = self.options.page_concurrency.max(1);
        while self.inflight.len() < limit {
            match self.plan.as_mut().and_then(Plan::take) {
                Some(position) => self.spawn(position),
                None => break,
            }
        }
    }

    /// Drops the pages requested ahead: the provider paged differently from the plan.
    fn abandon_plan(&mut self) {
        self.plan = None;
        for f in self.inflight.drain(..) {
            f.task.abort();
            self.seen.remove(&position_hash(&f.position));
        }
    }

    fn stop(&mut self) {
        self.done = true;
        self.next = None;
        self.plan = None;
        for f in self.inflight.drain(..) {
            f.task.abort();
        }
    }

    /// The next page and its position, `None` at the end. The page's users may be still to
    /// decode (see `reader_decodes`).
    async fn next_page(&mut self) -> Option<Result<Fetched>> {
        loop {
            if self.users_left == Some(0) {
                self.stop();
                return None;
            }
            if self.inflight.is_empty() {
                if self.done {
                    return self.failed.take().map(Err);
                }
                let position = self.next.take()?;
                self.spawn(position);
                self.fill_from_plan();
            }
            let InFlight {
                position,
                mut task,
                early_next,
            } = self.inflight.pop_front()?;
            let finished = match early_next {
                Some(mut announced) if self.follows_early_word() => {
                    tokio::select! {
                        biased;
                        finished = &mut task => finished,
                        next = &mut announced => {
                            if let Ok(next) = next {
                                self.request_early(next);
                            }
                            task.await
                        }
                    }
                }
                _ => task.await,
            };
            let page = match finished {
                Ok(result) => result,
                Err(join) => Err(
                    Error::new(ErrorKind::Transport, "a page task was cancelled")
                        .with_source(join)
                        .with_provider(self.slug.clone())
                        .with_operation(Operation::List),
                ),
            };
            let mut page = match page {
                Ok(page) => page,
                Err(e) => {
                    self.stop();
                    return Some(Err(e.with_resume_cursor(Cursor::new(&self.slug, &position))));
                }
            };
            self.pages_done += 1;
            self.pages_counter.fetch_add(1, Ordering::Relaxed);
            if !page.is_decoded() {
                self.last_page.forget();
            } else if self.last_page.repeats(&page.users) {
                self.stop();
                return Some(Err(repeat_error(&*self.dir, &position)));
            }
            if let Some(left) = self.users_left {
                let len = page.users.len() as u64;
                if len >= left && left > 0 {
                    page.users
                        .truncate(usize::try_from(left).unwrap_or(usize::MAX));
                    self.users_left = Some(0);
                    return Some(Ok((position, page)));
                }
                self.users_left = Some(left - len);
            }
            self.after_page(&position, &page);
            if page.is_decoded() && page.users.is_empty() {
                continue;
            }
            return Some(Ok((position, page)));
        }
    }

    /// Decides what to fetch after `page`, which was fetched at `position`.
    fn after_page(&mut self, position: &Position, page: &Page) {
        // An undecoded page's emptiness is the reader's to find.
        if page.is_decoded() && page.users.is_empty() {
            self.stop();
            return;
        }
        if let Some(ahead) = self.inflight.front() {
            if page.next.as_ref() == Some(&ahead.position) {
                // The provider's next page is the one already on its way: the plan holds.
                if let (Some(plan), Some(total)) = (self.plan.as_mut(), page.total) {
                    plan.bound_by(total);
                }
                self.fill_from_plan();
                return;
            }
            // The provider ends here, or its next page is not the one planned (a short
            // page, a server capping the page size): what was requested ahead is dropped
            // unseen, and the listing follows the provider.
            self.abandon_plan();
        }
        // The plan is spent or dropped: follow the page's own next position, if any.
        self.plan = None;
        let next = match &page.next {
            None => {
                self.done = true;
                return;
            }
            Some(next) if self.seen.contains(&position_hash(next)) => {
                // Following it would page forever; its users were listed already, so no
                // cursor can resume past it.
                self.done = true;
                self.failed = Some(
                    Error::new(
                        ErrorKind::Provider,
                        format!(
                            "the provider named {} as the next page, which was listed already; stopping rather than paging in a loop",
                            self.dir.describe_position(next)
                        ),
                    )
                    .with_provider(self.slug.clone())
                    .with_operation(Operation::List),
                );
                return;
            }
            Some(next) => next.clone(),
        };
        if let Some(plan) = self.plan_from(position, &next, page) {
            self.plan = Some(plan);
            self.fill_from_plan();
        } else if self.options.prefetch {
            self.spawn(next);
        } else {
            self.next = Some(next);
        }
    }

    /// Positions to fetch concurrently, when the provider reported a total.
    fn plan_from(&self, current: &Position, next: &Position, page: &Page) -> Option<Plan> {
        if self.options.page_concurrency <= 1 {
            return None;
        }
        let total = page.total?;
        let per_page = page.users.len() as u64;
        let (step, remaining_records) = match (current, next) {
            (Position::Offset(a), Position::Offset(b)) if b > a => (b - a, total.checked_sub(*b)?),
            (Position::Start, Position::Offset(b)) if *b > 0 => (*b, total.checked_sub(*b)?),
            (Position::StartIndex(a), Position::StartIndex(b)) if b > a => {
                (b - a, total.checked_sub(b - 1)?)
            }
            (Position::Start, Position::StartIndex(b)) if *b > 1 => {
                (b - 1, total.checked_sub(b - 1)?)
            }
            // Page numbers say nothing about records before them unless we began at the start.
            (Position::Start, Position::Page(_))
                if self.started_at_start && self.pages_done == 1 =>
            {
                (1, total.checked_sub(per_page)?)
            }
            (Position::Page(a), Position::Page(b))
                if *b == a + 1 && self.started_at_start && self.pages_done == 1 =>
            {
                (1, total.checked_sub(per_page)?)
            }
            _ => return None,
        };
        let records_per_page = match next {
            Position::Page(_) => per_page,
            _ => step,
        };
        if records_per_page == 0 || step == 0 {
            return None;
        }
        Some(Plan {
            next: next.clone(),
            step,
            remaining: Some(remaining_records.div_ceil(records_per_page)),
        })
    }
}

/// The pages to request together with the first one, for a provider whose positions are
/// record offsets: `start + size`, `start + 2·size`, ... Each is kept only when the page
/// before it names it as its next, so a provider that pages differently costs a few
/// dropped requests, never a lost or repeated user.
fn fan_out(style: Option<PaginationStyle>, start: &Position, size: Option<u32>) -> Option<Plan> {
    let step = u64::from(size.filter(|s| *s > 0)?);
    let next = match (style?, start) {
        (PaginationStyle::OffsetLimit, Position::Start) => Position::Offset(step),
        (PaginationStyle::OffsetLimit, Position::Offset(o)) => Position::Offset(o + step),
        (PaginationStyle::ScimStartIndex, Position::Start) => Position::StartIndex(1 + step),
        (PaginationStyle::ScimStartIndex, Position::StartIndex(i)) => {
            Position::StartIndex(i.max(&1) + step)
        }
        _ => return None,
    };
    Some(Plan {
        next,
        step,
        remaining: None,
    })
}

impl<D: ?Sized> Drop for Engine<D> {
    fn drop(&mut self) {
        for f in self.inflight.drain(..) {
            f.task.abort();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_counts_remaining_pages() {
        let mut plan = Plan {
            next: Position::Offset(100),
            step: 100,
            remaining: Some(3),
        };
        let taken: Vec<_> = std::iter::from_fn(|| plan.take()).collect();
        assert_eq!(
            taken,
            vec![
                Position::Offset(100),
                Position::Offset(200),
                Position::Offset(300)
            ]
        );
    }
}
