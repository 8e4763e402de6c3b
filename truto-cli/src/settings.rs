//! Where credentials and settings come from: the config file's profile, then the
//! environment (`TRUTO_<SLUG>_<KEY>`), then `--base-url`. Never from other flags.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use truto_core::provider::http::DryRun;
use truto_core::{Config, Error, Registry, Result, UserDirectory};

/// Every integration compiled into this binary.
pub(crate) fn registry() -> Registry {
    let mut registry = Registry::new();
    truto_scim::register(&mut registry);
    truto_idp::register(&mut registry);
    truto_devtools::register(&mut registry);
    truto_crm::register(&mut registry);
    truto_helpdesk::register(&mut registry);
    truto_collaboration::register(&mut registry);
    truto_work::register(&mut registry);
    truto_marketing::register(&mut registry);
    truto_hosted::register(&mut registry);
    registry
}

/// The config file: `[<profile>.<slug>]` tables of string keys.
///
/// ```toml
/// [default.okta]
/// domain = "acme.okta.com"
/// token = "..."
///
/// [staging.notion_scim]
/// token = "..."
/// ```
#[derive(Debug, Default)]
pub(crate) struct ConfigFile {
    profiles: BTreeMap<String, BTreeMap<String, BTreeMap<String, String>>>,
}

fn default_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("truto").join("config.toml"))
}

impl ConfigFile {
    /// Reads `explicit`, or the default path if it exists. An explicit path must exist.
    pub(crate) fn load(explicit: Option<&Path>) -> Result<Self> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match default_path().filter(|p| p.exists()) {
                Some(p) => p,
                None => return Ok(ConfigFile::default()),
            },
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| Error::config(format!("cannot read {}: {e}", path.display())))?;
        let value: toml::Table = text
            .parse()
            .map_err(|e| Error::config(format!("{} is not valid TOML: {e}", path.display())))?;
        let mut profiles = BTreeMap::new();
        for (profile, integrations) in value {
            let toml::Value::Table(integrations) = integrations else {
                return Err(Error::config(format!(
                    "{}: `{profile}` must be a table of integrations, e.g. [{profile}.okta]",
                    path.display()
                )));
            };
            let mut by_slug = BTreeMap::new();
            for (slug, keys) in integrations {
                let toml::Value::Table(keys) = keys else {
                    return Err(Error::config(format!(
                        "{}: `{profile}.{slug}` must be a table of keys",
                        path.display()
                    )));
                };
                let keys = keys
                    .into_iter()
                    .map(|(k, v)| {
                        let text = match v {
                            toml::Value::String(s) => s,
                            other => other.to_string(),
                        };
                        (k, text)
                    })
                    .collect();
                by_slug.insert(slug, keys);
            }
            profiles.insert(profile, by_slug);
        }
        Ok(ConfigFile { profiles })
    }

    /// The keys of `slug` in `profile`.
    pub(crate) fn keys(&self, profile: &str, slug: &str) -> BTreeMap<String, String> {
        self.profiles
            .get(profile)
            .and_then(|p| p.get(slug))
            .cloned()
            .unwrap_or_default()
    }

    /// Whether the file has `profile`.
    pub(crate) fn has_profile(&self, profile: &str) -> bool {
        self.profiles.contains_key(profile)
    }
}

/// How to connect, from the global flags.
#[derive(Debug, Clone)]
pub(crate) struct Connection {
    /// Profile name.
    pub(crate) profile: String,
    /// Config file path, when given.
    pub(crate) config: Option<PathBuf>,
    /// `--base-url`.
    pub(crate) base_url: Option<String>,
}

impl Connection {
    /// Builds the directory for `slug`; with `dry_run`, writes are recorded, not sent.
    pub(crate) fn connect(
        &self,
        slug: &str,
        dry_run: Option<Arc<DryRun>>,
    ) -> Result<Arc<dyn UserDirectory>> {
        let registry = registry();
        let file = ConfigFile::load(self.config.as_deref())?;
        if self.profile != "default" && !file.has_profile(&self.profile) {
            return Err(Error::config(format!(
                "the config file has no profile `{}`",
                self.profile
            )));
        }
        let from_file: Config = file.keys(&self.profile, slug).into_iter().collect();
        let mut config = from_file.merged_with(&Config::from_env(slug));
        if let Some(url) = &self.base_url {
            config.insert("base_url", url.clone());
        }
        if let Some(log) = dry_run {
            config = config.with_dry_run(log);
        }
        registry.build(slug, &config)
    }
}
