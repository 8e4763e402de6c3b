//! Test credentials from an integration's declaration: a config that sets its first
//! credential alternative (and every other required key), and the check a simulator makes
//! that a request carries it.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::sim::SimRequest;
use crate::config::Config;
use crate::integration::Integration;
use crate::wire::Scheme;

/// The value a test config gives a non-secret key: `test-<key>`, or a plausible email for
/// keys named like one.
pub fn test_value(key: &str) -> String {
    if key.contains("email") || key == "username" || key == "subject" {
        format!("test-{}@example.com", key.replace('_', "-"))
    } else {
        format!("test-{}", key.replace('_', "-"))
    }
}

/// A config pointing at `base_url` that sets the integration's first credential
/// alternative (secrets to `secret`, other keys to [`test_value`]) and every required key.
pub fn test_config(integration: &Integration, base_url: &str, secret: &str) -> Config {
    let mut config = Config::new().set("base_url", base_url);
    let credential_keys = integration
        .credentials
        .first()
        .map(|c| c.scheme.keys())
        .unwrap_or_default();
    for key in integration.config {
        let used = key.required || credential_keys.contains(&key.name);
        if used {
            let value = if key.secret {
                secret.to_owned()
            } else {
                test_value(key.name)
            };
            config.insert(key.name, value);
        }
    }
    config
}

/// Whether `request` carries the first credential alternative as [`test_config`] sets it.
pub fn carries_test_credential(
    integration: &Integration,
    request: &SimRequest,
    secret: &str,
) -> bool {
    let Some(credential) = integration.credentials.first() else {
        return true;
    };
    let fill = |template: &str| {
        let mut out = String::new();
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let key = &rest[start + 1..start + len];
            if integration.config_key(key).is_some_and(|k| k.secret) {
                out.push_str(secret);
            } else {
                out.push_str(&test_value(key));
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    };
    match credential.scheme {
        Scheme::Bearer { .. } => {
            request.header("authorization") == Some(&format!("Bearer {secret}"))
        }
        Scheme::Custom { scheme, .. } => {
            request.header("authorization") == Some(&format!("{scheme} {secret}"))
        }
        Scheme::Header { header, prefix, .. } => {
            request.header(header) == Some(&format!("{prefix}{secret}"))
        }
        Scheme::Headers { headers } => headers
            .iter()
            .all(|&(name, _)| request.header(name) == Some(secret)),
        Scheme::Query { param, .. } => request.query_param(param) == Some(secret),
        Scheme::Basic { username, password } => {
            let password = if password.is_some() { secret } else { "" };
            let expected = STANDARD.encode(format!("{}:{password}", fill(username)));
            request.header("authorization") == Some(&format!("Basic {expected}"))
        }
        // Token endpoints are exercised by their own tests; a simulated provider accepts
        // any bearer token a grant produced.
        Scheme::ClientCredentials { token_scheme, .. }
        | Scheme::RefreshToken { token_scheme, .. } => request
            .header("authorization")
            .is_some_and(|v| v.starts_with(&format!("{token_scheme} "))),
        Scheme::ServiceAccount { .. } | Scheme::ServiceAccountKey { .. } => request
            .header("authorization")
            .is_some_and(|v| v.starts_with("Bearer ")),
        Scheme::None => true,
    }
}
