//! [`UserDirectoryExt`]: the API applications call, provided once for every integration on
//! top of [`UserDirectory`].

use std::collections::BTreeMap;
use std::sync::Arc;

use async_trait::async_trait;
use futures::StreamExt;

use crate::directory::UserDirectory;
use crate::error::{Error, ErrorKind, Operation, Result};
use crate::integration::Integration;
use crate::page::UserPage;
use crate::paginate::{self, UserStream};
use crate::query::{GetUser, ListUsers, UpdateUser};
use crate::user::{User, UserField};

/// Users collected by a key (see [`UserDirectoryExt::key_by`]).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct KeyedUsers {
    /// Users by the key's text.
    pub keyed: BTreeMap<String, User>,
    /// Users that have no value for the key, in listing order.
    pub unkeyed: Vec<User>,
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

/// Refuses ids no provider can be asked for: blank ones, and `.` and `..`, which a URL
/// resolves as path steps (whether the id goes in the path or the query, it is refused
/// the same way everywhere).
fn check_id(integration: &Integration, id: &str, op: Operation) -> Result<()> {
    let message = if id.trim().is_empty() {
        "a user id is required".to_owned()
    } else if id == "." || id == ".." {
        format!("`{id}` cannot be a user id")
    } else {
        return Ok(());
    };
    Err(Error::new(ErrorKind::InvalidInput, message)
        .with_provider(integration.slug)
        .with_operation(op))
}
