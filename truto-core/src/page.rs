//! One page of a listing: what a provider is asked for and what it returns, and what the
//! caller of a page-level listing receives.

use crate::cursor::{Cursor, Position};
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
