//! Connection configuration as data: a string map every integration reads the same way,
//! so the registry and the CLI can build any of them. Values are never printed.
//!
//! Keys every integration takes besides its own:
//!
//! | key | meaning |
//! |---|---|
//! | `base_url` | overrides the integration's default base URL (how tests point at a mock) |
//! | `max_attempts` | attempts per request, the first included (default 3) |
//! | `timeout_secs` | per-attempt timeout (default 30) |
//! | `call_timeout_secs` | per-call deadline, retries included (default 120) |
//! | `requests_per_second` | client-side request rate |
//! | `max_concurrency` | client-side cap on requests in flight |
//! | `allow_insecure_http` | `true` to allow `http://` to a non-loopback host |
//!
//! Flags (`allow_insecure_http`, and any boolean key or parameter) read `true`/`false`,
//! `1`/`0` or `yes`/`no`, in any case; anything else is an error naming the key.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use secrecy::SecretString;
use url::Url;

use crate::clock::Clock;
use crate::error::{Error, Result};
use crate::integration::Integration;
use crate::provider::http::{Auth, ClientLimits, DryRun, HttpSettings, RetryPolicy, Timeouts};

/// Keys every integration accepts.
pub const COMMON_KEYS: &[&str] = &[
    "base_url",
    "max_attempts",
    "timeout_secs",
    "call_timeout_secs",
    "requests_per_second",
    "max_concurrency",
    "allow_insecure_http",
];

/// The configuration of one connection.
#[derive(Clone, Default)]
pub struct Config {
    values: BTreeMap<String, String>,
    clock: Option<Arc<dyn Clock>>,
    dry_run: Option<Arc<DryRun>>,
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (k, v) in &self.values {
            if k == "base_url" {
                m.entry(k, v);
            } else {
                m.entry(k, &"[REDACTED]");
            }
        }
        m.finish()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Config {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Config {
            values: iter
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            clock: None,
            dry_run: None,
        }
    }
}

impl Config {
    /// An empty configuration.
    pub fn new() -> Self {
        Config::default()
    }

    /// Sets a key.
    pub fn set(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.values.insert(key.into(), value.into());
        self
    }

    /// Sets a key in place.
    pub fn insert(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.values.insert(key.into(), value.into());
    }

    /// Reads `TRUTO_<SLUG>_<KEY>` variables (slug and key upper-cased) for `slug`, e.g.
    /// `TRUTO_NOTION_SCIM_TOKEN` → `token`.
    pub fn from_env(slug: &str) -> Self {
        Config::from_vars(slug, std::env::vars())
    }

    /// Like [`Config::from_env`], from any list of variables.
    pub fn from_vars(slug: &str, vars: impl IntoIterator<Item = (String, String)>) -> Self {
        let prefix = format!("TRUTO_{}_", slug.to_ascii_uppercase().replace('-', "_"));
        vars.into_iter()
            .filter_map(|(k, v)| {
                let key = k.strip_prefix(&prefix)?.to_ascii_lowercase();
                (!key.is_empty()).then_some((key, v))
            })
            .collect()
    }

    /// Sets the clock retries and rate limits wait on (tests).
    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Adds every key of `other`, replacing the same keys here (e.g. the environment over a
    /// config file).
    pub fn merged_with(mut self, other: &Config) -> Self {
        for (k, v) in &other.values {
            self.values.insert(k.clone(), v.clone());
        }
        self
    }

    /// Records writes in `log` instead of sending them (reads are still sent).
    pub fn with_dry_run(mut self, log: Arc<DryRun>) -> Self {
        self.dry_run = Some(log);
        self
    }

    /// A value, if set and not blank.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values
            .get(key)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }

    /// The keys that are set.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    /// A required value.
    pub fn require(&self, integration: &Integration, key: &str) -> Result<&str> {
        self.get(key).ok_or_else(|| {
            Error::config(format!(
                "{} needs `{key}` (set TRUTO_{}_{} or the `{key}` config key)",
                integration.name,
                integration.slug.to_ascii_uppercase(),
                key.to_ascii_uppercase()
            ))
            .with_provider(integration.slug)
        })
    }

    /// A required secret.
    pub fn secret(&self, integration: &Integration, key: &str) -> Result<SecretString> {
        self.require(integration, key)
            .map(|v| SecretString::from(v.to_owned()))
    }

    /// A flag: `true`/`false`, `1`/`0` or `yes`/`no` in any case; `None` when unset.
    pub fn flag(&self, integration: &Integration, key: &str) -> Result<Option<bool>> {
        self.get(key)
            .map(|v| parse_flag(key, v).map_err(|e| e.with_provider(integration.slug)))
            .transpose()
    }

    /// Checks that no key is unknown to `integration` and every key it requires is set.
    pub(crate) fn validate(&self, integration: &Integration) -> Result<()> {
        // A grant's token endpoint and scopes can be overridden (a proxy, a test server).
        let grant_keys: &[&str] = if integration.credentials.iter().any(|c| {
            matches!(
                c.scheme,
                crate::wire::Scheme::ClientCredentials { .. }
                    | crate::wire::Scheme::RefreshToken { .. }
                    | crate::wire::Scheme::ServiceAccount { .. }
                    | crate::wire::Scheme::ServiceAccountKey { .. }
            )
        }) {
            &["token_url", "scope", "scopes"]
        } else {
            &[]
        };
        for key in self.keys() {
            if !COMMON_KEYS.contains(&key)
                && !grant_keys.contains(&key)
                && integration.config_key(key).is_none()
            {
                let known: Vec<&str> = integration.config.iter().map(|k| k.name).collect();
                return Err(Error::config(format!(
                    "{} has no config key `{key}` (known: {})",
                    integration.name,
                    if known.is_empty() {
                        "none".to_owned()
                    } else {
                        known.join(", ")
                    }
                ))
                .with_provider(integration.slug));
            }
        }
        for key in integration.config.iter().filter(|k| k.required) {
            self.require(integration, key.name)?;
        }
        Ok(())
    }

    /// Fills the `{placeholders}` of a URL template from config keys, each value checked
    /// to be a plain name and percent-encoded. A key that accepts a full host name
    /// ([`ConfigKey::host_suffix`](crate::ConfigKey)) has that suffix removed first.
    pub(crate) fn fill(&self, integration: &Integration, pattern: &str) -> Result<String> {
        let mut out = String::with_capacity(pattern.len());
        let mut rest = pattern;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let end = rest[start..]
                .find('}')
                .map(|e| start + e)
                .ok_or_else(|| Error::config("unterminated placeholder in a URL template"))?;
            let key = &rest[start + 1..end];
            let declared = integration.config_key(key);
            let mut value = match (self.get(key), declared.and_then(|k| k.default)) {
                (Some(v), _) | (None, Some(v)) => v,
                (None, None) => self.require(integration, key)?,
            };
            if declared.is_some_and(|k| k.origin) {
                out.push_str(&origin(integration, key, value)?);
                rest = &rest[end + 1..];
                continue;
            }
            if let Some(suffix) = declared.and_then(|k| k.host_suffix) {
                value = value.strip_suffix(suffix).unwrap_or(value);
            }
            if value.contains(['/', '?', '#', '@', ':']) || value == "." || value == ".." {
                let what = declared
                    .map(|k| format!(" ({})", k.description))
                    .unwrap_or_default();
                return Err(Error::config(format!(
                    "`{key}` must be a plain name, not a URL{what}"
                ))
                .with_provider(integration.slug));
            }
            out.push_str(
                &percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
                    .to_string()
                    .replace("%2D", "-")
                    .replace("%2E", ".")
                    .replace("%5F", "_"),
            );
            rest = &rest[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    /// Parses a base URL (from `base_url` or a filled template): absolute, no query or
    /// fragment, with a trailing slash so every path is relative to the whole base path.
    pub(crate) fn parse_base_url(integration: &Integration, text: &str) -> Result<Url> {
        let mut url = Url::parse(text).map_err(|e| {
            Error::config(format!("`{text}` is not a valid base URL: {e}"))
                .with_provider(integration.slug)
        })?;
        if url.query().is_some() || url.fragment().is_some() {
            return Err(
                Error::config("the base URL must not have a query or fragment")
                    .with_provider(integration.slug),
            );
        }
        if !url.path().ends_with('/') {
            let path = format!("{}/", url.path());
            url.set_path(&path);
        }
        Ok(url)
    }

    fn number<T: std::str::FromStr>(
        &self,
        integration: &Integration,
        key: &str,
    ) -> Result<Option<T>> {
        self.get(key)
            .map(|v| {
                v.parse().map_err(|_| {
                    Error::config(format!("`{key}` must be a number, not `{v}`"))
                        .with_provider(integration.slug)
                })
            })
            .transpose()
    }

    /// Transport settings for `integration` at `base_url` with `auth`, from the common keys.
    pub(crate) fn http_settings(
        &self,
        integration: &Integration,
        base_url: Url,
        auth: Auth,
    ) -> Result<HttpSettings> {
        let mut settings = HttpSettings::new(base_url, auth);
        if let Some(clock) = &self.clock {
            settings = settings.clock(Arc::clone(clock));
        }
        if let Some(log) = &self.dry_run {
            settings = settings.dry_run(Arc::clone(log));
        }
        if let Some(n) = self.number::<u32>(integration, "max_attempts")? {
            settings = settings.retry(RetryPolicy::default().with_max_attempts(n));
        }
        let mut timeouts = Timeouts::default();
        if let Some(s) = self.number::<u64>(integration, "timeout_secs")? {
            timeouts.attempt = Duration::from_secs(s.max(1));
        }
        if let Some(s) = self.number::<u64>(integration, "call_timeout_secs")? {
            timeouts.call = Duration::from_secs(s.max(1));
        }
        settings = settings.timeouts(timeouts);
        let mut limits = ClientLimits::none();
        if let Some(rps) = self.number::<f64>(integration, "requests_per_second")? {
            limits = limits.requests_per_second(rps);
        }
        if let Some(n) = self.number::<usize>(integration, "max_concurrency")? {
            limits = limits.max_concurrency(n);
        }
        settings = settings.limits(limits);
        if let Some(allow) = self.flag(integration, "allow_insecure_http")? {
            settings = settings.allow_insecure_http(allow);
        }
        Ok(settings)
    }
}

/// The origin a key holds (`https://host[:port]`; a bare host is taken as https), checked
/// to carry nothing else.
fn origin(integration: &Integration, key: &str, value: &str) -> Result<String> {
    let text = if value.contains("://") {
        value.to_owned()
    } else {
        format!("https://{value}")
    };
    let bad = |why: &str| {
        let what = integration
            .config_key(key)
            .map(|k| format!(" ({})", k.description))
            .unwrap_or_default();
        Error::config(format!(
            "`{key}` must be an origin such as https://host{what}: {why}"
        ))
        .with_provider(integration.slug)
    };
    let url = Url::parse(&text).map_err(|e| bad(&e.to_string()))?;
    if url.query().is_some() || url.fragment().is_some() || !matches!(url.path(), "" | "/") {
        return Err(bad("no path, query or fragment"));
    }
    if url.host().is_none() || !url.username().is_empty() || url.password().is_some() {
        return Err(bad("a host and nothing before it"));
    }
    Ok(url.origin().ascii_serialization())
}

/// Reads a flag: `true`/`false`, `1`/`0`, `yes`/`no`, in any case and with spaces
/// around; anything else is an [`ErrorKind::InvalidInput`](crate::ErrorKind) error naming
/// `key`.
pub(crate) fn parse_flag(key: &str, value: &str) -> Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" => Ok(true),
        "false" | "0" | "no" => Ok(false),
        other => Err(Error::invalid_input(format!(
            "`{key}` must be true or false (or 1/0, yes/no), not `{other}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::integration::{ConfigKey, Family};

    const I: Integration = Integration::new("acme_scim", "Acme", Family::Scim)
        .base_url("https://{tenant}.acme.test/scim/v2")
        .config(&[
            ConfigKey::required("tenant", "tenant"),
            ConfigKey::secret("token", "token"),
        ]);

    #[test]
    fn fills_placeholders_and_redacts_debug() {
        let c = Config::new().set("tenant", "my-co").set("token", "s3cr3t");
        assert_eq!(
            c.fill(&I, I.default_base_url.unwrap()).unwrap(),
            "https://my-co.acme.test/scim/v2"
        );
        assert!(!format!("{c:?}").contains("s3cr3t"));
        assert!(c.validate(&I).is_ok());
    }

    #[test]
    fn refuses_hostile_placeholders_and_unknown_keys() {
        let c = Config::new()
            .set("tenant", "evil.test/x?")
            .set("token", "t");
        assert!(c.fill(&I, I.default_base_url.unwrap()).is_err());
        let c = Config::new()
            .set("tenant", "a")
            .set("token", "t")
            .set("tokne", "x");
        assert!(c.validate(&I).unwrap_err().to_string().contains("tokne"));
        let c = Config::new().set("tenant", "a");
        assert!(
            c.validate(&I)
                .unwrap_err()
                .to_string()
                .contains("TRUTO_ACME_SCIM_TOKEN")
        );
    }

    #[test]
    fn flags_read_one_vocabulary_and_refuse_anything_else() {
        for (text, want) in [
            ("true", true),
            ("YES", true),
            (" 1 ", true),
            ("False", false),
            ("no", false),
            ("0", false),
        ] {
            let c = Config::new().set("allow_insecure_http", text);
            assert_eq!(
                c.flag(&I, "allow_insecure_http").unwrap(),
                Some(want),
                "{text}"
            );
        }
        let err = Config::new()
            .set("allow_insecure_http", "yep")
            .flag(&I, "allow_insecure_http")
            .unwrap_err();
        assert!(err.to_string().contains("allow_insecure_http"), "{err}");
        assert_eq!(Config::new().flag(&I, "allow_insecure_http").unwrap(), None);
    }

    #[test]
    fn origins_are_taken_whole_and_checked() {
        const O: Integration = Integration::new("acme", "Acme", Family::Crm)
            .base_url("{instance_url}")
            .config(&[ConfigKey::required("instance_url", "the org's URL").origin()]);
        let c = Config::new().set("instance_url", "acme.my.example.com");
        assert_eq!(
            c.fill(&O, "{instance_url}/x").unwrap(),
            "https://acme.my.example.com/x"
        );
        let c = Config::new().set("instance_url", "https://acme.test:8443/");
        assert_eq!(
            c.fill(&O, "{instance_url}").unwrap(),
            "https://acme.test:8443"
        );
        let c = Config::new().set("instance_url", "https://acme.test/services?x");
        assert!(c.fill(&O, "{instance_url}").is_err());
    }

    #[test]
    fn reads_env_style_vars() {
        let c = Config::from_vars(
            "notion_scim",
            [
                ("TRUTO_NOTION_SCIM_TOKEN".to_owned(), "x".to_owned()),
                ("OTHER".to_owned(), "y".to_owned()),
            ],
        );
        assert_eq!(c.get("token"), Some("x"));
        assert_eq!(c.keys().count(), 1);
    }
}
