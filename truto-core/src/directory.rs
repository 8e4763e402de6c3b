//! The [`UserDirectory`] trait every integration implements.

use std::fmt;

use async_trait::async_trait;

use crate::cursor::Position;
use crate::error::{Error, Operation, Result};
use crate::integration::Integration;
use crate::page::{Page, PageRequest};
use crate::query::{GetUser, UpdateUser};
use crate::user::User;

/// A directory of users at one provider, reached through one configured connection.
///
/// This is what an integration implements: one page of users, one user, and optionally an
/// update. Applications call the methods of [`UserDirectoryExt`](crate::UserDirectoryExt), which validate options
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

    /// How `position` reads in this provider's terms (`startAt=40`), for messages.
    fn describe_position(&self, position: &Position) -> String {
        position.to_string()
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
