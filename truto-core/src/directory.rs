//! The [`UserDirectory`] trait every integration implements, and [`UserDirectoryExt`],
//! the API applications call on top of it.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use async_trait::async_trait;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use futures::StreamExt;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Operation, Result};
use crate::integration::Integration;
use crate::paginate::{self, UserStream};
use crate::query::{GetUser, ListUsers, UpdateUser};
use crate::user::{User, UserField};

/// Where a page of a listing starts, in the provider's own terms.
///
/// Providers read it to build the request for one page and return the next one in
/// [`Page::next`]; the core never interprets a token or URL, it only compares positions to
/// stop on a repeated one and, for offsets and page numbers, computes further positions
/// to fetch pages concurrently.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "k", content = "v", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Position {
    /// The first page.
    Start,
    /// An opaque token from the provider (cursor field, `pageToken`, `after`, ...).
    Token(String),
    /// A zero-based record offset.
    Offset(u64),
    /// A page number (as the provider counts them).
    Page(u64),
    /// A full URL the provider gave for the next page (Link header, `@odata.nextLink`).
    Url(String),
    /// SCIM's one-based `startIndex`.
    StartIndex(u64),
}

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
}

impl<'a> PageRequest<'a> {
    /// A request for the page at `position`.
    pub fn new(options: &'a ListUsers, position: &'a Position, page_size: Option<u32>) -> Self {
        PageRequest {
            options,
            position,
            page_size,
        }
    }
}

/// One page as a provider returns it.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct Page {
    /// Users on this page, mapped, each with its `remote_data`.
    pub users: Vec<User>,
    /// Where the next page starts; `None` when this is the last page.
    pub next: Option<Position>,
    /// Total number of users, when the provider reports it.
    pub total: Option<u64>,
}

impl Page {
    /// A page with its users and the next position.
    pub fn new(users: Vec<User>, next: Option<Position>) -> Self {
        Page {
            users,
            next,
            total: None,
        }
    }

    /// The same page with the provider's total.
    pub fn with_total(mut self, total: Option<u64>) -> Self {
        self.total = total;
        self
    }
}

/// An opaque, serializable position that resumes a listing, even in another process.
///
/// It names the integration it belongs to; handing it to another integration is refused
/// with [`ErrorKind::InvalidInput`].
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Cursor(String);

#[derive(Serialize, Deserialize)]
struct CursorBody {
    v: u8,
    i: String,
    p: Position,
}

impl Cursor {
    /// The cursor for `position` of a listing of `integration`.
    pub fn new(integration: &str, position: &Position) -> Self {
        let body = CursorBody {
            v: 1,
            i: integration.to_owned(),
            p: position.clone(),
        };
        // Serializing this plain struct cannot fail.
        let json = serde_json::to_vec(&body).unwrap_or_default();
        Cursor(URL_SAFE_NO_PAD.encode(json))
    }

    /// Wraps cursor text received from elsewhere (a file, a command line).
    pub fn from_text(text: impl Into<String>) -> Self {
        Cursor(text.into().trim().to_owned())
    }

    /// The cursor's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    fn decode(&self) -> Result<CursorBody> {
        let bad = || Error::invalid_input("the cursor is not one this library issued");
        let bytes = URL_SAFE_NO_PAD
            .decode(self.0.as_bytes())
            .map_err(|_| bad())?;
        let body: CursorBody = serde_json::from_slice(&bytes).map_err(|_| bad())?;
        if body.v != 1 {
            return Err(bad());
        }
        Ok(body)
    }

    /// Checks that the cursor belongs to `integration`.
    pub fn check_integration(&self, integration: &str) -> Result<()> {
        self.position_for(integration).map(|_| ())
    }

    /// The position the cursor resumes at, if it belongs to `integration`.
    pub fn position_for(&self, integration: &str) -> Result<Position> {
        let body = self.decode()?;
        if body.i != integration {
            return Err(Error::invalid_input(format!(
                "the cursor belongs to a listing of `{}`, not `{integration}`",
                body.i
            )));
        }
        Ok(body.p)
    }
}

impl fmt::Debug for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Cursor").field(&self.0).finish()
    }
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One page as the caller receives it from [`UserDirectoryExt::list_users_page`].
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

/// Users collected by a key (see [`UserDirectoryExt::key_by`]).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct KeyedUsers {
    /// Users by the key's text.
    pub keyed: BTreeMap<String, User>,
    /// Users that have no value for the key, in listing order.
    pub unkeyed: Vec<User>,
}

/// A directory of users at one provider, reached through one configured connection.
///
/// This is what an integration implements: one page of users, one user, and optionally an
/// update. Applications call the methods of [`UserDirectoryExt`], which validate options
/// against [`UserDirectory::integration`] before anything is sent, drive pagination,
/// hydrate partial lists and apply the response options.
///
/// The trait is object safe: `Arc<dyn UserDirectory>` is what the registry hands out.
/// `Debug` is required so a connected directory can be logged; implementations must keep
/// credentials out of it (the transport's `HttpClient` already does).
#[async_trait]
pub trait UserDirectory: Send + Sync + fmt::Debug + 'static {
    /// What this integration declares about itself.
    fn integration(&self) -> &Integration;

    /// Fetches one page. Providers map each record to a [`User`] with its `remote_data` and
    /// say where the next page starts; they never loop over pages, sleep or retry.
    async fn fetch_page(&self, request: PageRequest<'_>) -> Result<Page>;

    /// Fetches one user's full record.
    async fn fetch_user(&self, id: &str, options: &GetUser) -> Result<User> {
        let _ = (id, options);
        Err(unsupported(self.integration(), Operation::Get))
    }

    /// Applies an update and returns the user as it is afterwards.
    async fn apply_update(&self, id: &str, options: &UpdateUser) -> Result<User> {
        let _ = (id, options);
        Err(unsupported(self.integration(), Operation::Update))
    }
}

fn unsupported(integration: &Integration, op: Operation) -> Error {
    Error::unsupported(format!(
        "{} does not support this operation",
        integration.name
    ))
    .with_provider(integration.slug)
    .with_operation(op)
}

/// The application-facing API, provided once for every integration.
///
/// Implemented for `Arc<D>` of any [`UserDirectory`], including `Arc<dyn UserDirectory>`;
/// streams hold a clone of the `Arc`, so they are `'static` and can be moved to a task.
#[async_trait]
pub trait UserDirectoryExt {
    /// Every user, across all pages, as a stream. Ends with an error carrying the resume
    /// cursor if a page cannot be fetched after retries.
    fn list_users(&self, options: ListUsers) -> UserStream;

    /// One page, with the cursor of the next.
    async fn list_users_page(&self, options: ListUsers) -> Result<UserPage>;

    /// One user by id.
    async fn get_user(&self, id: &str, options: GetUser) -> Result<User>;

    /// Updates one user and returns it as it is afterwards.
    async fn update_user(&self, id: &str, options: UpdateUser) -> Result<User>;

    /// The users whose email is `email` (ignoring case): by the provider's email filter when
    /// it has one, else by scanning the listing.
    async fn find_by_email(&self, email: &str, options: ListUsers) -> Result<Vec<User>>;

    /// Every user, collected into a `Vec`.
    async fn collect_users(&self, options: ListUsers) -> Result<Vec<User>>;

    /// Every user, keyed by `field` (`emails` keys by the primary address). Users without a
    /// value for the field are kept apart; a key seen twice is an error, so nothing is
    /// silently overwritten.
    async fn key_by(&self, field: UserField, options: ListUsers) -> Result<KeyedUsers>;
}

#[async_trait]
impl<D: UserDirectory + ?Sized> UserDirectoryExt for Arc<D> {
    fn list_users(&self, options: ListUsers) -> UserStream {
        paginate::stream(Arc::clone(self), options)
    }

    async fn list_users_page(&self, options: ListUsers) -> Result<UserPage> {
        paginate::one_page(Arc::clone(self), options).await
    }

    async fn get_user(&self, id: &str, options: GetUser) -> Result<User> {
        let integration = self.integration();
        options.validate(integration)?;
        check_id(integration, id, Operation::Get)?;
        let user = self.fetch_user(id, &options).await.map_err(|e| {
            e.with_provider(integration.slug)
                .with_operation(Operation::Get)
        })?;
        Ok(crate::normalize::apply_options(user, options.common()))
    }

    async fn update_user(&self, id: &str, options: UpdateUser) -> Result<User> {
        let integration = self.integration();
        options.validate(integration)?;
        check_id(integration, id, Operation::Update)?;
        let user = self.apply_update(id, &options).await.map_err(|e| {
            e.with_provider(integration.slug)
                .with_operation(Operation::Update)
        })?;
        Ok(crate::normalize::apply_options(user, options.common()))
    }

    async fn find_by_email(&self, email: &str, options: ListUsers) -> Result<Vec<User>> {
        let email = email.trim();
        if email.is_empty() {
            return Err(Error::invalid_input("an email address is required")
                .with_provider(self.integration().slug)
                .with_operation(Operation::List));
        }
        let options = match self.integration().email_filter {
            Some(filter) => options.filter(filter, email),
            None => options,
        };
        let wanted = email.to_owned();
        let mut stream = self.list_users(options);
        let mut found = Vec::new();
        while let Some(user) = stream.next().await {
            let user = user?;
            // The provider filter may match loosely (or be absent): keep exact matches only.
            if user.has_email(&wanted)
                || user
                    .username
                    .as_deref()
                    .is_some_and(|u| u.eq_ignore_ascii_case(&wanted))
            {
                found.push(user);
            }
        }
        Ok(found)
    }

    async fn collect_users(&self, options: ListUsers) -> Result<Vec<User>> {
        let mut stream = self.list_users(options);
        let mut users = Vec::new();
        while let Some(user) = stream.next().await {
            users.push(user?);
        }
        Ok(users)
    }

    async fn key_by(&self, field: UserField, options: ListUsers) -> Result<KeyedUsers> {
        let mut stream = self.list_users(options);
        let mut out = KeyedUsers::default();
        while let Some(user) = stream.next().await {
            let user = user?;
            match field.key_of(&user) {
                None => out.unkeyed.push(user),
                Some(key) => {
                    if out.keyed.contains_key(&key) {
                        return Err(Error::invalid_input(format!(
                            "two users share the {field} `{key}`; key_by needs a unique field"
                        ))
                        .with_provider(self.integration().slug)
                        .with_operation(Operation::List));
                    }
                    out.keyed.insert(key, user);
                }
            }
        }
        Ok(out)
    }
}

fn check_id(integration: &Integration, id: &str, op: Operation) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::new(ErrorKind::InvalidInput, "a user id is required")
            .with_provider(integration.slug)
            .with_operation(op));
    }
    Ok(())
}
