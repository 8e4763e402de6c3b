//! Positions in a listing and the opaque cursors that carry them between processes.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

/// Where a page of a listing starts, in the provider's own terms.
///
/// Providers read it to build the request for one page and return the next one in
/// [`Page::next`](crate::provider::Page::next); the core never interprets a token or URL, it
/// only compares positions to stop on a repeated one and, for offsets and page numbers,
/// computes further positions to fetch pages concurrently.
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

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Start => f.write_str("the first page"),
            Position::Token(t) => write!(f, "cursor `{}`", shorten(t)),
            Position::Offset(n) => write!(f, "offset {n}"),
            Position::Page(n) => write!(f, "page {n}"),
            Position::Url(u) => write!(f, "`{}`", shorten(u)),
            Position::StartIndex(n) => write!(f, "startIndex {n}"),
        }
    }
}

fn shorten(text: &str) -> &str {
    match text.char_indices().nth(60) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// A cursor that is not one this library issued for the integration at hand (it becomes
/// an [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) error).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CursorError {
    /// Not base64 JSON of the expected shape.
    Malformed,
    /// Issued for another integration (named).
    OtherIntegration(String),
}

impl std::error::Error for CursorError {}

impl fmt::Display for CursorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CursorError::Malformed => f.write_str("the cursor is not one this library issued"),
            CursorError::OtherIntegration(other) => {
                write!(f, "the cursor belongs to a listing of `{other}`")
            }
        }
    }
}

/// An opaque, serializable position that resumes a listing, even in another process.
///
/// It names the integration it belongs to; handing it to another integration is refused
/// with [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput).
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

    /// The position the cursor resumes at, if it belongs to `integration`.
    pub fn position_for(&self, integration: &str) -> Result<Position, CursorError> {
        let bytes = URL_SAFE_NO_PAD
            .decode(self.0.as_bytes())
            .map_err(|_| CursorError::Malformed)?;
        let body: CursorBody =
            serde_json::from_slice(&bytes).map_err(|_| CursorError::Malformed)?;
        if body.v != 1 {
            return Err(CursorError::Malformed);
        }
        if body.i != integration {
            return Err(CursorError::OtherIntegration(body.i));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_name_their_integration() {
        let c = Cursor::new("okta", &Position::Url("https://x.test/a?after=1".into()));
        let again = Cursor::from_text(format!(" {} ", c.as_str()));
        assert_eq!(
            again.position_for("okta"),
            Ok(Position::Url("https://x.test/a?after=1".into()))
        );
        assert_eq!(
            again.position_for("jira"),
            Err(CursorError::OtherIntegration("okta".into()))
        );
        assert_eq!(
            Cursor::from_text("not base64 json").position_for("okta"),
            Err(CursorError::Malformed)
        );
    }
}
