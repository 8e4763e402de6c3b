//! The explicit registry: slug → constructor, and what is compiled in.
//!
//! Each family crate has a `register(&mut Registry)` that adds the integrations its
//! enabled features compile; nothing registers itself behind your back.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::config::Config;
use crate::directory::UserDirectory;
use crate::error::{Error, ErrorKind, Result};
use crate::integration::{Family, Integration};

/// Builds a connected directory from configuration.
pub type Constructor = fn(&Config) -> Result<Arc<dyn UserDirectory>>;

#[derive(Clone, Copy)]
struct Entry {
    integration: &'static Integration,
    build: Constructor,
}

/// The integrations an application has compiled in.
#[derive(Clone, Default)]
pub struct Registry {
    entries: BTreeMap<&'static str, Entry>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.entries.keys()).finish()
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Adds an integration; a later registration of the same slug replaces the earlier.
    pub fn register(&mut self, integration: &'static Integration, build: Constructor) -> &mut Self {
        self.entries
            .insert(integration.slug, Entry { integration, build });
        self
    }

    /// Every registered integration, by slug.
    pub fn integrations(&self) -> impl Iterator<Item = &'static Integration> + '_ {
        self.entries.values().map(|e| e.integration)
    }

    /// Registered integrations of one family.
    pub fn family(&self, family: Family) -> impl Iterator<Item = &'static Integration> + '_ {
        self.integrations().filter(move |i| i.family == family)
    }

    /// The integration called `slug`.
    pub fn get(&self, slug: &str) -> Option<&'static Integration> {
        self.entries.get(slug).map(|e| e.integration)
    }

    /// How many integrations are registered.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Builds a directory for `slug` from `config`, after checking the config's keys.
    pub fn build(&self, slug: &str, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        let entry = self.entries.get(slug).ok_or_else(|| self.unknown(slug))?;
        config.validate(entry.integration)?;
        (entry.build)(config)
    }

    fn unknown(&self, slug: &str) -> Error {
        let close: Vec<&str> = self
            .entries
            .keys()
            .copied()
            .filter(|k| k.contains(slug) || slug.contains(*k))
            .take(5)
            .collect();
        let hint = if close.is_empty() {
            String::from("run `truto integrations` to see what is compiled in")
        } else {
            format!("did you mean {}?", close.join(", "))
        };
        Error::new(
            ErrorKind::Unsupported,
            format!("no integration `{slug}` is compiled in; {hint}"),
        )
    }
}
