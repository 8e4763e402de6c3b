//! Reading the hosted API's error bodies.
//!
//! Every error body has `statusCode`, `error` (the status text) and `message`. Errors that
//! come from the provider behind the account add `truto_is_remote_error: true` and the
//! provider's body in `raw_response` (`message` may then be empty); the API's own errors may
//! add `truto_error_insight`, an object whose keys name the problem
//! (`missing_required_query_parameters`, `forbidden_error`, `rate_limit_error`, ...).

use http::StatusCode;
use http::header::HeaderMap;
use serde_json::{Map, Value};
use truto_core::provider::http::{ErrorDetails, generic_error_details};

/// The error code given to errors the provider behind the account raised.
pub const REMOTE_ERROR: &str = "remote_error";

const MAX_TEXT: usize = 300;

/// Reads a hosted API error body into the transport's [`ErrorDetails`]:
///
/// - the message is `message`, or, when that is empty, the provider's message found in
///   `raw_response` (by the common error shapes), or the status text;
/// - the code is [`REMOTE_ERROR`] for provider errors, else the first key of
///   `truto_error_insight`; the insight's details (missing parameters, missing scopes) are
///   added to the message;
/// - a 401 says whether the API token was refused or the connected account needs to be
///   re-authorised; a 503 from the API itself says the integrated account is blocked;
/// - a `rate_limit_error` insight marks the response as throttling whatever its status.
pub fn hosted_error(status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
    let Ok(Value::Object(json)) = serde_json::from_slice::<Value>(body) else {
        return generic_error_details(status, headers, body);
    };
    let is_truto = json.contains_key("statusCode")
        || json.contains_key("truto_is_remote_error")
        || json.contains_key("truto_error_insight");
    if !is_truto {
        return generic_error_details(status, headers, body);
    }
    let remote = matches!(json.get("truto_is_remote_error"), Some(Value::Bool(true)))
        || json
            .get("truto_is_remote_error")
            .and_then(Value::as_str)
            .is_some_and(|s| s.eq_ignore_ascii_case("true"));
    let insight = match json.get("truto_error_insight") {
        Some(Value::Object(map)) => Some(map),
        _ => None,
    };

    let mut message = text(json.get("message"))
        .or_else(|| {
            json.get("raw_response")
                .and_then(|raw| raw_message(status, headers, raw))
        })
        .or_else(|| text(json.get("error")))
        .unwrap_or_else(|| status.canonical_reason().unwrap_or("error").to_owned());
    if let Some(details) = insight.and_then(describe_insight) {
        message = format!("{message} ({details})");
    }
    let message = match (status.as_u16(), remote) {
        (401, true) => format!(
            "the connected account needs to be re-authorised in Truto: the provider refused its credentials: {message}"
        ),
        (401, false) => format!("the Truto API token was refused: {message}"),
        (503, false) => {
            format!("the integrated account is blocked or unavailable in Truto: {message}")
        }
        (_, true) => format!("the provider answered: {message}"),
        _ => message,
    };
    let code = if remote {
        Some(REMOTE_ERROR.to_owned())
    } else {
        insight.and_then(|m| m.keys().next().cloned())
    };
    let mut details = ErrorDetails::default();
    details.message = Some(truncate(message, 2 * MAX_TEXT));
    details.code = code;
    details.throttled = insight.is_some_and(|m| m.contains_key("rate_limit_error"));
    // The provider's raw response and the whole insight stay on the error for the caller.
    let kept: serde_json::Map<String, Value> = ["raw_response", "truto_error_insight"]
        .into_iter()
        .filter_map(|k| json.get(k).map(|v| (k.to_owned(), v.clone())))
        .collect();
    details.detail = (!kept.is_empty()).then_some(Value::Object(kept));
    details
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(truncate(s.trim().to_owned(), MAX_TEXT)),
        _ => None,
    }
}

/// The provider's message inside `raw_response`: a string as is, an object or array by the
/// common error shapes.
fn raw_message(status: StatusCode, headers: &HeaderMap, raw: &Value) -> Option<String> {
    match raw {
        Value::String(s) => {
            // Some providers' bodies arrive as JSON text.
            match serde_json::from_str::<Value>(s) {
                Ok(inner @ (Value::Object(_) | Value::Array(_))) => {
                    raw_message(status, headers, &inner)
                }
                _ => text(Some(raw)),
            }
        }
        Value::Object(_) | Value::Array(_) => {
            let bytes = serde_json::to_vec(raw).ok()?;
            generic_error_details(status, headers, &bytes)
                .message
                .map(|m| truncate(m, MAX_TEXT))
        }
        _ => None,
    }
}

/// One line on the insight's details, e.g. `missing_required_query_parameters:
/// organization_id`.
fn describe_insight(insight: &Map<String, Value>) -> Option<String> {
    let parts: Vec<String> = insight
        .iter()
        .map(|(key, value)| {
            let detail = match value {
                Value::Object(map) => map
                    .get("value")
                    .and_then(describe_value)
                    .or_else(|| describe_value(value)),
                Value::Bool(_) | Value::Null => None,
                other => describe_value(other).or_else(|| Some(other.to_string())),
            };
            match detail {
                Some(d) => format!("{key}: {d}"),
                None => key.clone(),
            }
        })
        .collect();
    (!parts.is_empty()).then(|| truncate(parts.join("; "), MAX_TEXT))
}

fn describe_value(value: &Value) -> Option<String> {
    match value {
        Value::Array(items) => list(items),
        Value::Object(map) => map
            .get("missing_scopes")
            .and_then(Value::as_array)
            .and_then(|a| list(a))
            .map(|s| format!("missing scopes {s}"))
            .or_else(|| (!map.is_empty()).then(|| truncate(value.to_string(), 120))),
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn list(items: &[Value]) -> Option<String> {
    let names: Vec<String> = items
        .iter()
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn truncate(mut s: String, max: usize) -> String {
    if let Some((i, _)) = s.char_indices().nth(max) {
        s.truncate(i);
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn details(status: u16, body: Value) -> ErrorDetails {
        hosted_error(
            StatusCode::from_u16(status).unwrap(),
            &HeaderMap::new(),
            &serde_json::to_vec(&body).unwrap(),
        )
    }

    #[test]
    fn remote_error_takes_the_message_from_raw_response() {
        let d = details(
            422,
            json!({"statusCode": 422, "error": "Unprocessable Entity", "message": "",
                   "truto_is_remote_error": true,
                   "raw_response": {"errors": [{"message": "email already taken"}]}}),
        );
        assert_eq!(d.code.as_deref(), Some(REMOTE_ERROR));
        assert!(d.message.unwrap().contains("email already taken"));
        let d = details(
            400,
            json!({"statusCode": 400, "message": "", "truto_is_remote_error": true,
                   "raw_response": "{\"error\":{\"message\":\"bad filter\"}}"}),
        );
        assert!(d.message.unwrap().contains("bad filter"));
    }

    #[test]
    fn insight_becomes_code_and_detail() {
        let d = details(
            400,
            json!({"statusCode": 400, "error": "Bad Request", "message": "Missing parameters",
                   "truto_error_insight": {"missing_required_query_parameters": ["organization_id"]}}),
        );
        assert_eq!(d.code.as_deref(), Some("missing_required_query_parameters"));
        let m = d.message.unwrap();
        assert!(
            m.contains("organization_id") && m.contains("Missing parameters"),
            "{m}"
        );
        let d = details(
            403,
            json!({"statusCode": 403, "message": "Forbidden",
                   "truto_error_insight": {"forbidden_error": {"value": {"missing_scopes": ["users:read"]}}}}),
        );
        assert!(d.message.unwrap().contains("users:read"));
        let d = details(
            400,
            json!({"statusCode": 400, "message": "slow down",
                   "truto_error_insight": {"rate_limit_error": true}}),
        );
        assert!(d.throttled);
    }

    #[test]
    fn other_bodies_fall_back_to_the_generic_reader() {
        let d = details(500, json!({"error": {"message": "boom"}}));
        assert_eq!(d.message.as_deref(), Some("boom"));
        let d = hosted_error(StatusCode::BAD_GATEWAY, &HeaderMap::new(), b"upstream down");
        assert_eq!(d.message.as_deref(), Some("upstream down"));
    }
}
