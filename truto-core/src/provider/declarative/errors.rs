//! A spec's [`Errors`] as the transport's [`ErrorReader`].

use http::{HeaderMap, StatusCode};
use serde_json::Value;

use super::path::Path;
use super::reader::{Leaf, Plan, ROOT, Slot, Want};
use super::spec::{Errors, Hooks, InBody};
use crate::provider::http::{ErrorDetails, ErrorReader, generic_error_details};

/// Reads a provider's errors as its spec declares them.
#[derive(Debug)]
pub(crate) struct SpecErrors {
    errors: Errors,
    hooks: Hooks,
    message: Vec<Path>,
    code: Vec<Path>,
    request_id: Vec<Path>,
    /// The 2xx error marker: how it reads, and a plan that finds it in one scan.
    in_body: Option<(InBody, Plan, Slot)>,
}

fn paths(locations: &[&str]) -> Result<Vec<Path>, String> {
    locations
        .iter()
        .map(|l| Path::parse(l).map_err(|e| e.to_string()))
        .collect()
}

impl SpecErrors {
    pub(crate) fn new(errors: Errors, hooks: Hooks) -> Result<Self, String> {
        let in_body = match errors.in_body {
            Some((how, _)) => {
                let at = match how {
                    InBody::FlagFalse(at) | InBody::Present(at) => at,
                };
                let mut plan = Plan::new();
                let slot = plan.add(
                    ROOT,
                    &Path::parse(at).map_err(|e| e.to_string())?,
                    Want::Value,
                )?;
                Some((how, plan, slot))
            }
            None => None,
        };
        Ok(SpecErrors {
            message: paths(errors.message)?,
            code: paths(errors.code)?,
            request_id: paths(errors.request_id)?,
            errors,
            hooks,
            in_body,
        })
    }

    fn details(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
        let mut details = match self.errors.parser {
            Some(parser) => parser(status, headers, body),
            None => self.declared(status, headers, body),
        };
        if let Some(code) = &details.code {
            if self
                .errors
                .throttled
                .iter()
                .any(|c| c.eq_ignore_ascii_case(code))
            {
                details.throttled = true;
            }
            if self
                .errors
                .quota
                .iter()
                .any(|c| c.eq_ignore_ascii_case(code))
            {
                details.quota_exhausted = true;
            }
        }
        if self.errors.retry_statuses.contains(&status.as_u16()) {
            details.throttled = true;
        }
        if let Some(hook) = self.hooks.error_details {
            hook(&mut details, body);
        }
        details
    }

    fn declared(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
        let generic = generic_error_details(status, headers, body);
        let Ok(json) = serde_json::from_slice::<Value>(body) else {
            return generic;
        };
        let first = |paths: &[Path]| {
            paths.iter().find_map(|p| match p.lookup(&json)? {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Value::Number(n) => Some(n.to_string()),
                Value::Array(items) => {
                    // A list of messages (`errorMessages`): joined.
                    let texts: Vec<&str> = items
                        .iter()
                        .filter_map(|i| i.as_str().or_else(|| i.get("message")?.as_str()))
                        .filter(|t| !t.trim().is_empty())
                        .collect();
                    (!texts.is_empty()).then(|| texts.join("; "))
                }
                _ => None,
            })
        };
        ErrorDetails {
            message: first(&self.message).or(generic.message),
            code: first(&self.code).or(generic.code),
            request_id: first(&self.request_id),
            ..ErrorDetails::default()
        }
    }
}

impl ErrorReader for SpecErrors {
    fn read(&self, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> ErrorDetails {
        self.details(status, headers, body)
    }

    fn in_success(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Option<(StatusCode, ErrorDetails)> {
        let (how, plan, slot) = self.in_body.as_ref()?;
        // One scan that keeps only the marker: a successful page is not parsed twice.
        let text = std::str::from_utf8(body).ok()?;
        let captured = plan.read(text).ok()?;
        let failed = match (how, captured.value(*slot)) {
            (InBody::FlagFalse(_), leaf) => *leaf == Leaf::Bool(false),
            (InBody::Present(_), Leaf::Absent | Leaf::Null) => false,
            (InBody::Present(_), Leaf::Json(Value::Array(items))) => !items.is_empty(),
            (InBody::Present(_), Leaf::Str(s)) => !s.is_empty(),
            (InBody::Present(_), _) => true,
        };
        if !failed {
            return None;
        }
        let details = self.details(status, headers, body);
        let statuses = self.errors.in_body.map(|(_, s)| s).unwrap_or_default();
        let code = details.code.clone().unwrap_or_default();
        let stands_for = statuses
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(&code))
            .map(|(_, s)| *s)
            .unwrap_or(if details.throttled { 429 } else { 400 });
        let status = StatusCode::from_u16(stands_for).unwrap_or(StatusCode::BAD_REQUEST);
        Some((status, details))
    }
}
