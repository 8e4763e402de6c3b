//! One page of a listing: what a provider is asked for and what it returns, and what the
//! caller of a page-level listing receives.

use std::sync::Arc;

use crate::cursor::{Cursor, Position};
use crate::error::Result;
use crate::query::ListUsers;
use crate::user::User;

/// What a provider is asked for one page.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct PageRequest<'a> {
    /// The listing's options (filters, remote query, parameters).
    pub options: &'a ListUsers,
    /// Where the page starts.
    pub position: &'a Position,
    /// How many users to ask for, when the caller or the integration chose.
    pub page_size: Option<u32>,
    /// Where to say the next position before the page is decoded (see
    /// [`PageRequest::announce_next`]).
    pub(crate) early_next: Option<&'a EarlyNext>,
}

impl<'a> PageRequest<'a> {
    /// A request for the page at `position`.
    pub fn new(options: &'a ListUsers, position: &'a Position, page_size: Option<u32>) -> Self {
        PageRequest {
            options,
            position,
            page_size,
            early_next: None,
        }
    }

    pub(crate) fn with_early_next(mut self, early: &'a EarlyNext) -> Self {
        self.early_next = Some(early);
        self
    }

    /// Whether the engine listens for [`PageRequest::announce_next`]: a provider that must
    /// do extra work to find the next position early (scan the body) does it only then.
    pub fn wants_next_early(&self) -> bool {
        self.early_next.is_some()
    }

    /// Tells the engine where the next page starts (`None`: this is the last page) as soon
    /// as the response says so, before its records are decoded: the engine requests the
    /// next page while this one decodes, so fetching and decoding overlap across cores.
    ///
    /// Await it before decoding: it yields to the runtime once, so the engine's request for
    /// the next page goes out first. Without that yield the request would wait for the
    /// decode: a task woken by the running one waits in its worker's LIFO slot, which no
    /// other worker may take from, until the running task yields or ends.
    ///
    /// Optional: a provider that never calls it is paged as before. What it announces
    /// must equal the [`Page::next`] it returns; if not, the page fetched on its word is
    /// dropped unseen and the listing follows `Page::next`. Only the first call counts.
    pub async fn announce_next(&self, next: Option<&Position>) {
        if let Some(early) = self.early_next
            && early.send(next.cloned())
        {
            tokio::task::yield_now().await;
        }
    }
}

/// The engine's end of [`PageRequest::announce_next`]: a one-shot channel.
#[derive(Debug)]
pub(crate) struct EarlyNext(
    std::sync::Mutex<Option<tokio::sync::oneshot::Sender<Option<Position>>>>,
);

impl EarlyNext {
    pub(crate) fn channel() -> (Self, tokio::sync::oneshot::Receiver<Option<Position>>) {
        let (tx, rx) = tokio::sync::oneshot::channel();
        (EarlyNext(std::sync::Mutex::new(Some(tx))), rx)
    }

    /// Whether the engine heard it: only the first word counts, and the engine may have
    /// stopped listening (nothing is lost then).
    fn send(&self, next: Option<Position>) -> bool {
        let sender = self.0.lock().unwrap_or_else(|p| p.into_inner()).take();
        sender.is_some_and(|sender| sender.send(next).is_ok())
    }
}

/// One page as a provider returns it.
///
/// Its users are either decoded already ([`Page::new`]) or left for the listing to decode
/// where its caller reads them ([`Page::decoded_by_reader`]); [`Page::decoded`] gives the
/// page with its users in either case.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// Users on this page, mapped, each with its `remote_data`; empty until
    /// [`Page::decoded`] when the page was made by [`Page::decoded_by_reader`].
    pub users: Vec<User>,
    /// Where the next page starts; `None` when this is the last page.
    pub next: Option<Position>,
    /// Total number of users, when the provider reports it.
    pub total: Option<u64>,
    /// The decoder that owns the page's body, while its users are not decoded yet.
    undecoded: Option<Undecoded>,
}

impl Page {
    /// A page with its users and the next position.
    pub fn new(users: Vec<User>, next: Option<Position>) -> Self {
        Page {
            users,
            next,
            total: None,
            undecoded: None,
        }
    }

    /// A page whose users are decoded later, by `decode`, on the thread that reads the
    /// listing: a provider that knows the next position before decoding (it read it from
    /// the headers, or peeked it in the body) returns this, so the engine can request the
    /// next page at once and the users are allocated on the thread that consumes and frees
    /// them. The allocator then frees each user into its own thread's arena, with no lock
    /// shared with the threads fetching the next pages (BENCHMARKS.md §8: dropped on
    /// another thread, the same users cost 1.7–2.7 times as much).
    ///
    /// `decode` owns what it reads (the page's text, checked as UTF-8 by the provider on
    /// its own thread: that check allocates nothing, so it is not the reader's to make).
    /// `next` must be what the decoded page would say; `decode` must push the page's users
    /// onto the vector it is given (empty, its capacity kept from the listing's earlier
    /// pages, so a listing reuses one buffer), or return the error that fails the page (it
    /// ends the listing with a cursor that resumes at this page, as a failed fetch does;
    /// what it pushed before is discarded).
    pub fn decoded_by_reader(
        next: Option<Position>,
        decode: impl Fn(&mut Vec<User>) -> Result<()> + Send + Sync + 'static,
    ) -> Self {
        Page {
            users: Vec::new(),
            next,
            total: None,
            undecoded: Some(Undecoded(Arc::new(decode))),
        }
    }

    /// The same page with the provider's total.
    pub fn with_total(mut self, total: Option<u64>) -> Self {
        self.total = total;
        self
    }

    /// Whether the users are still to decode ([`Page::decoded_by_reader`]).
    pub fn is_decoded(&self) -> bool {
        self.undecoded.is_none()
    }

    /// The page with its users decoded: a page made by [`Page::new`] is returned as it is;
    /// one made by [`Page::decoded_by_reader`] runs its decoder, here, on this thread.
    pub fn decoded(mut self) -> Result<Self> {
        if let Some(Undecoded(decode)) = self.undecoded.take() {
            decode(&mut self.users)?;
        }
        Ok(self)
    }

    /// The page's users, in `users`: a page left to the reader is decoded into it, here,
    /// keeping its capacity; a decoded page's users replace it. On an error `users` is
    /// left empty.
    pub(crate) fn users_into(self, users: &mut Vec<User>) -> Result<()> {
        users.clear();
        let Some(Undecoded(decode)) = self.undecoded else {
            *users = self.users;
            return Ok(());
        };
        decode(users).inspect_err(|_| users.clear())
    }
}

/// Pushes a page's users onto a vector.
type Decoder = dyn Fn(&mut Vec<User>) -> Result<()> + Send + Sync;

/// How a page left to the reader is decoded.
#[derive(Clone)]
struct Undecoded(Arc<Decoder>);

impl std::fmt::Debug for Undecoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Undecoded")
    }
}

impl PartialEq for Undecoded {
    /// The same decoder (of the same page).
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// One page as the caller receives it from
/// [`UserDirectoryExt::list_users_page`](crate::UserDirectoryExt::list_users_page).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct UserPage {
    /// Users on this page, with the listing's options applied.
    pub users: Vec<User>,
    /// The cursor of the next page; `None` when the listing is complete.
    pub next_cursor: Option<Cursor>,
    /// Total number of users, when the provider reports it.
    pub total: Option<u64>,
}
