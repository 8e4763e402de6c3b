//! The one path from a [`Config`] to a connected transport: every integration, declarative
//! or hand-written, opens a [`Connection`] first.
//!
//! Opening checks the config against the integration's declared keys (an unknown key, a
//! misspelt one, or a missing required one is refused), picks the credential alternative
//! the config chose (exactly one), fills the base URL and builds the transport settings
//! from the common keys. The messages are the same for every integration.

use std::sync::Arc;

use secrecy::{ExposeSecret, SecretString};
use url::Url;

use super::http::oauth::{ClientCredentials, ServiceAccount, ServiceKey};
use super::http::{Auth, HttpClient, HttpSettings, ProviderHttp, check_url};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::integration::Integration;
use crate::wire::{Credential, Scheme};

/// A config checked against an integration, with its credential resolved.
#[derive(Debug)]
pub struct Connection {
    integration: &'static Integration,
    config: Config,
    credential: Option<&'static Credential>,
    settings: HttpSettings,
}

impl Connection {
    /// Checks `config` against `integration` and resolves its credential and base URL.
    pub fn open(integration: &'static Integration, config: &Config) -> Result<Self> {
        config.validate(integration)?;
        let credential = choose(integration, config)?;
        let template = credential.and_then(|c| c.base_url);
        let base_text = match (
            config.get("base_url"),
            template,
            integration.default_base_url,
        ) {
            (Some(url), _, _) => url.to_owned(),
            (None, Some(pattern), _) | (None, None, Some(pattern)) => {
                config.fill(integration, pattern)?
            }
            (None, None, None) => config.require(integration, "base_url")?.to_owned(),
        };
        let base_url = Config::parse_base_url(integration, &base_text)?;
        let allow_insecure = config
            .flag(integration, "allow_insecure_http")?
            .unwrap_or(false);
        check_url(&base_url, allow_insecure)
            .map_err(|e| Error::config(e).with_provider(integration.slug))?;
        let settings = config.http_settings(integration, base_url, Auth::None)?;
        let mut connection = Connection {
            integration,
            config: config.clone(),
            credential,
            settings,
        };
        let auth = match credential {
            Some(c) => connection.auth(&c.scheme)?,
            None => Auth::None,
        };
        connection.settings.auth = auth;
        Ok(connection)
    }

    /// The integration.
    pub fn integration(&self) -> &'static Integration {
        self.integration
    }

    /// The config, as given.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The credential alternative the config chose (`None` when the integration takes
    /// none).
    pub fn credential(&self) -> Option<&'static Credential> {
        self.credential
    }

    /// Headers the chosen credential sends besides itself (a token-type header).
    pub fn credential_headers(&self) -> &'static [(&'static str, &'static str)] {
        self.credential.map(|c| c.headers).unwrap_or_default()
    }

    /// The base URL every path is relative to.
    pub fn base_url(&self) -> &Url {
        &self.settings.base_url
    }

    /// The transport settings (base URL, credential, timeouts, retries, limits).
    pub fn settings(&self) -> &HttpSettings {
        &self.settings
    }

    /// The transport settings, to adjust before [`Connection::http`] (an escape hatch: a
    /// provider whose base URL depends on what the config says, say).
    pub fn settings_mut(&mut self) -> &mut HttpSettings {
        &mut self.settings
    }

    /// A transport for this connection that speaks `provider`'s dialect.
    pub fn http(&self, provider: ProviderHttp) -> Result<HttpClient> {
        HttpClient::new(provider, self.settings.clone())
    }

    /// A required config value.
    pub fn require(&self, key: &str) -> Result<&str> {
        self.config.require(self.integration, key)
    }

    fn secret(&self, key: &str) -> Result<SecretString> {
        self.config.secret(self.integration, key)
    }

    fn auth(&self, scheme: &Scheme) -> Result<Auth> {
        let slug = self.integration.slug;
        Ok(match *scheme {
            Scheme::None => Auth::None,
            Scheme::Bearer { token } => Auth::Bearer(self.secret(token)?),
            Scheme::Custom { scheme, token } => Auth::Scheme {
                scheme: scheme.to_owned(),
                token: self.secret(token)?,
            },
            Scheme::Header {
                header,
                prefix,
                token,
            } => {
                let value = self.secret(token)?;
                Auth::header(header, format!("{prefix}{}", value.expose_secret()))
                    .map_err(|e| e.with_provider(slug))?
            }
            Scheme::Headers { headers } => Auth::Headers(
                headers
                    .iter()
                    .map(|&(name, key)| {
                        let name = http::HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
                            Error::config(format!("invalid header name `{name}`"))
                                .with_provider(slug)
                        })?;
                        Ok((name, self.secret(key)?))
                    })
                    .collect::<Result<_>>()?,
            ),
            Scheme::Query { param, token } => Auth::Query {
                name: param.to_owned(),
                value: self.secret(token)?,
            },
            Scheme::Basic { username, password } => {
                let user = self.fill_text(username)?;
                let password = match password {
                    Some(key) => self.secret(key)?,
                    None => SecretString::from(String::new()),
                };
                // A user name made of a secret key (an API key sent as the user) is kept
                // as secret as a password.
                let secret_user = crate::wire::placeholders(username)
                    .iter()
                    .any(|k| self.integration.config_key(k).is_some_and(|k| k.secret));
                if secret_user {
                    Auth::BasicSecret {
                        username: SecretString::from(user),
                        password,
                    }
                } else {
                    Auth::Basic {
                        username: user,
                        password,
                    }
                }
            }
            Scheme::ClientCredentials {
                client_id,
                client_secret,
                token_url,
                scope,
                params,
                basic_client_auth,
                token_scheme,
            } => {
                let url = self.token_url(token_url)?;
                let mut grant = ClientCredentials::new(
                    slug,
                    url,
                    self.require(client_id)?,
                    self.secret(client_secret)?,
                )
                .clock(Arc::clone(&self.settings.clock));
                // A declared `scope` key overrides the integration's default scope.
                if let Some(scope) = self.config.get("scope").or(scope) {
                    grant = grant.param("scope", scope);
                }
                for (name, template) in params {
                    grant = grant.param(*name, self.fill_text(template)?);
                }
                if basic_client_auth {
                    grant = grant.basic_client_auth();
                }
                grant = grant.scheme(token_scheme);
                Auth::Dynamic(Arc::new(grant))
            }
            Scheme::RefreshToken {
                client_id,
                client_secret,
                refresh_token,
                token_url,
                token_scheme,
            } => {
                let url = self.token_url(token_url)?;
                let grant = ClientCredentials::new(
                    slug,
                    url,
                    self.require(client_id)?,
                    self.secret(client_secret)?,
                )
                .refresh_token(self.secret(refresh_token)?)
                .scheme(token_scheme)
                .clock(Arc::clone(&self.settings.clock));
                Auth::Dynamic(Arc::new(grant))
            }
            Scheme::ServiceAccount {
                key_file,
                subject,
                scopes,
                token_url,
            } => {
                let key = ServiceKey::from_file(slug, &self.secret(key_file)?)?;
                self.service_account(key, subject, scopes, token_url)?
            }
            Scheme::ServiceAccountKey {
                email,
                private_key,
                subject,
                scopes,
                token_url,
            } => {
                let key = ServiceKey::from_parts(
                    self.require(email)?,
                    self.secret(private_key)?.expose_secret(),
                );
                self.service_account(key, subject, scopes, token_url)?
            }
        })
    }

    fn service_account(
        &self,
        key: ServiceKey,
        subject: &str,
        scopes: &str,
        token_url: &str,
    ) -> Result<Auth> {
        let slug = self.integration.slug;
        let scopes = match self.config.get("scopes") {
            Some(listed) => listed
                .split([' ', ','])
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
            None => scopes.to_owned(),
        };
        // `token_url` in the config wins, then the key file's `token_uri`, then the default.
        let token_url = self.token_url(key.token_uri.as_deref().unwrap_or(token_url))?;
        let account = ServiceAccount::new(
            slug,
            key,
            self.require(subject)?,
            scopes,
            token_url,
            Arc::clone(&self.settings.clock),
        )?;
        Ok(Auth::Dynamic(Arc::new(account)))
    }

    /// A template of config keys, filled verbatim (a Basic user name such as
    /// `{email}/token`).
    fn fill_text(&self, template: &str) -> Result<String> {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            out.push_str(self.require(&rest[start + 1..start + len])?);
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }

    fn token_url(&self, template: &str) -> Result<Url> {
        let slug = self.integration.slug;
        let text = match self.config.get("token_url") {
            Some(url) => url.to_owned(),
            None if template.contains('{') => self.config.fill(self.integration, template)?,
            None => template.to_owned(),
        };
        let url = Url::parse(&text).map_err(|_| {
            Error::config(format!("`{text}` is not a valid URL")).with_provider(slug)
        })?;
        check_url(&url, self.settings.allow_insecure_http)
            .map_err(|e| Error::config(format!("the token endpoint: {e}")).with_provider(slug))?;
        Ok(url)
    }
}

/// How an alternative reads in a message: "`email` (TRUTO_JIRA_EMAIL) and `api_token`
/// (TRUTO_JIRA_API_TOKEN)", with the keys its token endpoint and base URL need.
fn describe(integration: &Integration, credential: &Credential) -> String {
    let mut keys = credential.scheme.keys();
    let mut templates = Vec::new();
    if let Scheme::ClientCredentials { token_url, .. } | Scheme::RefreshToken { token_url, .. } =
        credential.scheme
    {
        templates.push(token_url);
    }
    templates.extend(credential.base_url);
    for key in templates.into_iter().flat_map(crate::wire::placeholders) {
        if !keys.contains(&key) && integration.config_key(key).is_some_and(|k| !k.origin) {
            keys.push(key);
        }
    }
    let keys: Vec<String> = keys
        .into_iter()
        .map(|k| format!("`{k}` ({})", env_var(integration, k)))
        .collect();
    match keys.as_slice() {
        [] => "no credential".to_owned(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn env_var(integration: &Integration, key: &str) -> String {
    format!(
        "TRUTO_{}_{}",
        integration.slug.to_ascii_uppercase(),
        key.to_ascii_uppercase()
    )
}

/// Picks the credential alternative whose keys the config sets: exactly one, complete.
fn choose(
    integration: &'static Integration,
    config: &Config,
) -> Result<Option<&'static Credential>> {
    let alternatives = integration.credentials;
    if alternatives.is_empty() {
        return Ok(None);
    }
    if let [only] = alternatives
        && only.scheme.keys().is_empty()
    {
        return Ok(Some(only));
    }
    let fail = |message: String| Err(Error::config(message).with_provider(integration.slug));
    let touched: Vec<&'static Credential> = alternatives
        .iter()
        .filter(|c| c.scheme.keys().iter().any(|k| config.get(k).is_some()))
        .collect();
    // Keys two alternatives share (an email used with either of two tokens) do not
    // choose between them: the alternatives whose other keys are set do.
    let distinct: Vec<&'static Credential> = touched
        .iter()
        .copied()
        .filter(|c| {
            c.scheme.keys().iter().any(|k| {
                config.get(k).is_some()
                    && alternatives
                        .iter()
                        .filter(|o| o.scheme.keys().contains(k))
                        .count()
                        == 1
            })
        })
        .collect();
    let chosen: Vec<&'static Credential> = if distinct.is_empty() {
        touched.clone()
    } else {
        distinct
    };
    match chosen.as_slice() {
        [] => {
            let options: Vec<String> = alternatives
                .iter()
                .map(|c| describe(integration, c))
                .collect();
            fail(format!(
                "{} needs {}, as config keys or environment variables",
                integration.name,
                options.join(", or ")
            ))
        }
        [one] => {
            let keys = one.scheme.keys();
            let missing: Vec<&str> = keys
                .iter()
                .copied()
                .filter(|k| config.get(k).is_none())
                .collect();
            match missing.first() {
                None => Ok(Some(*one)),
                Some(key) if keys.len() > 1 => {
                    let given: Vec<String> = keys
                        .iter()
                        .filter(|k| config.get(k).is_some())
                        .map(|k| format!("`{k}`"))
                        .collect();
                    fail(format!(
                        "{} needs `{key}` with {} (set {} or the `{key}` config key)",
                        integration.name,
                        given.join(" and "),
                        env_var(integration, key)
                    ))
                }
                Some(key) => fail(format!(
                    "{} needs `{key}` (set {} or the `{key}` config key)",
                    integration.name,
                    env_var(integration, key)
                )),
            }
        }
        many => {
            let options: Vec<String> = many
                .iter()
                .map(|c| {
                    let keys: Vec<String> =
                        c.scheme.keys().iter().map(|k| format!("`{k}`")).collect();
                    keys.join(" and ")
                })
                .collect();
            fail(format!(
                "{} takes {}, not both",
                integration.name,
                options.join(", or ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ConfigKey, Family};

    static JIRA_LIKE: Integration = Integration::new("acme", "Acme", Family::Devtools)
        .base_url("https://{site}.acme.test")
        .credentials(&[
            Credential::basic("{email}", "api_token"),
            Credential::bearer("access_token").base_url("https://api.acme.test/ex/{cloud_id}"),
        ])
        .config(&[
            ConfigKey::optional("site", "the site's subdomain").host_suffix(".acme.test"),
            ConfigKey::optional("email", "the account's email"),
            ConfigKey::optional_secret("api_token", "API token"),
            ConfigKey::optional_secret("access_token", "OAuth token"),
            ConfigKey::optional("cloud_id", "the site's cloud id"),
        ]);

    fn open(pairs: &[(&str, &str)]) -> Result<Connection> {
        let config: Config = pairs.iter().map(|(k, v)| (*k, *v)).collect();
        Connection::open(&JIRA_LIKE, &config)
    }

    fn message(pairs: &[(&str, &str)]) -> String {
        open(pairs).unwrap_err().to_string()
    }

    #[test]
    fn picks_the_alternative_the_config_sets() {
        let c = open(&[("site", "acme"), ("email", "a@b.c"), ("api_token", "t0ken")]).unwrap();
        assert_eq!(c.base_url().as_str(), "https://acme.acme.test/");
        assert!(matches!(c.settings().auth, Auth::Basic { .. }));
        let c = open(&[
            ("site", "acme.acme.test"),
            ("email", "a@b.c"),
            ("api_token", "t"),
        ])
        .unwrap();
        assert_eq!(c.base_url().as_str(), "https://acme.acme.test/");
        let c = open(&[("access_token", "t"), ("cloud_id", "c-1")]).unwrap();
        assert_eq!(c.base_url().as_str(), "https://api.acme.test/ex/c-1/");
        assert!(matches!(c.settings().auth, Auth::Bearer(_)));
        assert!(!format!("{c:?}").contains("t0ken"));
    }

    #[test]
    fn says_what_is_missing_or_mixed() {
        assert_eq!(
            message(&[("site", "acme")]),
            "acme: connect failed: configuration error: Acme needs `email` (TRUTO_ACME_EMAIL) and `api_token` (TRUTO_ACME_API_TOKEN), or `access_token` (TRUTO_ACME_ACCESS_TOKEN) and `cloud_id` (TRUTO_ACME_CLOUD_ID), as config keys or environment variables"
        );
        assert!(message(&[("site", "acme"), ("email", "a@b.c")]).contains("TRUTO_ACME_API_TOKEN"));
        assert!(message(&[("email", "a"), ("api_token", "t")]).contains("TRUTO_ACME_SITE"));
        assert!(message(&[("access_token", "t")]).contains("TRUTO_ACME_CLOUD_ID"));
        assert!(
            message(&[("email", "a"), ("api_token", "t"), ("access_token", "t")])
                .contains("not both")
        );
        assert!(
            message(&[("access_token", "t"), ("cloud_id", "evil.test/x")]).contains("cloud id")
        );
        assert!(
            message(&[("access_token", "t"), ("cloud_id", "c"), ("tokne", "x")]).contains("tokne")
        );
        assert!(
            message(&[
                ("access_token", "t"),
                ("cloud_id", "c"),
                ("allow_insecure_http", "maybe")
            ])
            .contains("allow_insecure_http")
        );
        assert!(
            message(&[("access_token", "t"), ("base_url", "http://example.com")])
                .contains("plain http")
        );
    }
}
