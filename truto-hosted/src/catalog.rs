//! The integrations Truto's Unified User Directory API names, and the operations it supports
//! for each: [`truto_core::reference`], re-exported where the hosted client reads it.
//!
//! ```
//! let github = truto_hosted::catalog::lookup("github").unwrap();
//! assert_eq!(github.name, "GitHub");
//! assert!(github.list && github.get && !github.update && github.partial_list);
//! ```

pub use truto_core::reference::{CatalogEntry, entries, lookup};
