//! The explicit registry: slug → constructor, and what is compiled in.
//!
//! Each family crate has a `register(&mut Registry)` that adds the integrations its
//! enabled features compile; nothing registers itself behind your back. An integration
//! reached only through Truto ([`Reach::TrutoOnly`]) is registered with its metadata and no
//! constructor of its own: it is built through the hosted API's constructor, which
//! `truto_hosted::register` installs, so no family crate depends on the hosted one.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::config::Config;
use crate::directory::UserDirectory;
use crate::error::{Error, ErrorKind, Result};
use crate::integration::{Family, Integration, Reach};
use crate::provider::declarative::Spec;

/// Builds a connected directory from configuration.
pub type Constructor = fn(&Config) -> Result<Arc<dyn UserDirectory>>;

/// Builds a directory for an integration through Truto's hosted API: the integration and
/// a config with the hosted API's keys (`token`, `integrated_account_id`).
pub type HostedConstructor = fn(&'static Integration, &Config) -> Result<Arc<dyn UserDirectory>>;

#[derive(Clone, Copy)]
enum Build {
    Function(Constructor),
    Spec(&'static Spec),
    Hosted,
}

#[derive(Clone, Copy)]
struct Entry {
    integration: &'static Integration,
    build: Build,
}

/// The integrations an application has compiled in.
#[derive(Clone, Default)]
pub struct Registry {
    entries: BTreeMap<&'static str, Entry>,
    hosted: Option<HostedConstructor>,
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
        self.entries.insert(
            integration.slug,
            Entry {
                integration,
                build: Build::Function(build),
            },
        );
        self
    }

    /// Adds an integration reached only through Truto: building it goes through the hosted
    /// constructor (see [`Registry::set_hosted`]).
    pub fn register_truto_only(&mut self, integration: &'static Integration) -> &mut Self {
        self.entries.insert(
            integration.slug,
            Entry {
                integration,
                build: Build::Hosted,
            },
        );
        self
    }

    /// Adds a declarative integration: built by running its spec.
    pub fn register_spec(&mut self, spec: &'static Spec) -> &mut Self {
        self.entries.insert(
            spec.integration.slug,
            Entry {
                integration: &spec.integration,
                build: Build::Spec(spec),
            },
        );
        self
    }

    /// Installs the constructor that reaches an integration through Truto's hosted API.
    pub fn set_hosted(&mut self, build: HostedConstructor) -> &mut Self {
        self.hosted = Some(build);
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

    /// Builds a directory for `slug` from `config`. The integration's constructor checks
    /// the config against its declared keys; an integration reached only through Truto
    /// takes the hosted API's keys and is built through it.
    pub fn build(&self, slug: &str, config: &Config) -> Result<Arc<dyn UserDirectory>> {
        let entry = self.entries.get(slug).ok_or_else(|| self.unknown(slug))?;
        match (entry.build, entry.integration.reach, self.hosted) {
            (Build::Function(build), _, _) => build(config),
            (Build::Spec(spec), _, _) => crate::provider::declarative::connect(spec, config),
            (Build::Hosted, _, Some(hosted)) => hosted(entry.integration, config),
            (Build::Hosted, Reach::TrutoOnly { reason, .. }, None) => Err(Error::new(
                ErrorKind::Unsupported,
                format!(
                    "{} is reached only through Truto ({reason}); register truto-hosted to connect it with a Truto token and integrated account id",
                    entry.integration.name
                ),
            )
            .with_provider(entry.integration.slug)),
            (Build::Hosted, Reach::Direct, None) => Err(Error::new(
                ErrorKind::Unsupported,
                format!("{} has no constructor", entry.integration.name),
            )
            .with_provider(entry.integration.slug)),
        }
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
