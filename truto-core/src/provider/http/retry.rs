//! Retry policy, backoff and the rate-limit signals servers send.

use std::time::Duration;

use chrono::{DateTime, TimeZone, Utc};
use http::HeaderMap;

/// How failed requests are retried (see `RELIABILITY.md`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RetryPolicy {
    /// Attempts in all, the first included (default 3).
    pub max_attempts: u32,
    /// Backoff base after a failure (default 500 ms).
    pub base: Duration,
    /// Backoff base after throttling (default 1 s).
    pub throttled_base: Duration,
    /// Longest backoff (default 20 s).
    pub cap: Duration,
    /// Longest wait the client sleeps for; a server asking for more gets a `RateLimited`
    /// error with the time to retry instead (default 60 s).
    pub max_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base: Duration::from_millis(500),
            throttled_base: Duration::from_secs(1),
            cap: Duration::from_secs(20),
            max_wait: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The same policy with `n` attempts in all.
    pub fn with_max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Full-jitter backoff before attempt `attempt + 1`: `random(0, min(cap, base * 2^(attempt-1)))`.
    pub fn backoff(&self, attempt: u32, throttled: bool) -> Duration {
        let base = if throttled {
            self.throttled_base
        } else {
            self.base
        };
        let exp = base.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let ceiling = exp.min(self.cap);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(0..=millis))
    }
}

/// How a provider's reset header counts time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResetFormat {
    /// Unix epoch seconds (GitHub, Okta, GitLab).
    EpochSeconds,
    /// Unix epoch milliseconds (Linear).
    EpochMillis,
    /// Seconds from now (IETF `RateLimit-Reset`, Truto's hosted API).
    DeltaSeconds,
    /// An ISO 8601 timestamp (Atlassian).
    Iso8601,
}

/// The rate-limit headers a provider speaks. The same header name means epoch seconds for
/// one provider and a delta for another, so each provider module says which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimitHeaders {
    /// Header with the requests left in the window.
    pub remaining: &'static str,
    /// Header with the window's reset.
    pub reset: &'static str,
    /// How the reset header counts time.
    pub reset_format: ResetFormat,
    /// A second, fixed window: a header with the requests left in it and its length in
    /// milliseconds (HubSpot's per-second burst limit). When it reaches zero, requests wait
    /// for the window to pass.
    pub window: Option<(&'static str, u64)>,
}

impl RateLimitHeaders {
    /// The IETF draft fields `RateLimit-Remaining` / `RateLimit-Reset` (delta seconds).
    pub const IETF: RateLimitHeaders = RateLimitHeaders {
        remaining: "ratelimit-remaining",
        reset: "ratelimit-reset",
        reset_format: ResetFormat::DeltaSeconds,
        window: None,
    };

    /// A dialect from header names and a reset format.
    pub const fn new(
        remaining: &'static str,
        reset: &'static str,
        reset_format: ResetFormat,
    ) -> Self {
        RateLimitHeaders {
            remaining,
            reset,
            reset_format,
            window: None,
        }
    }

    /// The same dialect with a fixed window of `millis` whose remaining requests are in
    /// header `remaining`.
    pub const fn with_window(mut self, remaining: &'static str, millis: u64) -> Self {
        self.window = Some((remaining, millis));
        self
    }

    /// When the fixed window's requests are spent: the end of the window, from `now`.
    pub fn window_spent(&self, headers: &HeaderMap, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let (name, millis) = self.window?;
        let left: u64 = header_str(headers, name)?.trim().parse().ok()?;
        (left == 0).then(|| {
            now + chrono::Duration::milliseconds(i64::try_from(millis).unwrap_or(i64::MAX))
        })
    }

    /// Requests left in the window, when the header says.
    pub fn remaining(&self, headers: &HeaderMap) -> Option<u64> {
        header_str(headers, self.remaining)?
            .split([',', ';'])
            .next()?
            .trim()
            .parse()
            .ok()
    }

    /// When the window resets, when the header says.
    pub fn reset_at(&self, headers: &HeaderMap, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let text = header_str(headers, self.reset)?.trim();
        match self.reset_format {
            ResetFormat::EpochSeconds => {
                let secs: f64 = text.parse().ok()?;
                Utc.timestamp_opt(secs.ceil() as i64, 0).single()
            }
            ResetFormat::EpochMillis => {
                let millis: f64 = text.parse().ok()?;
                Utc.timestamp_millis_opt(millis.ceil() as i64).single()
            }
            ResetFormat::DeltaSeconds => {
                let secs: f64 = text.split([',', ';']).next()?.trim().parse().ok()?;
                delta(now, secs)
            }
            ResetFormat::Iso8601 => parse_iso(text),
        }
    }
}

/// Parses `Retry-After` as seconds, an HTTP date, or an ISO 8601 timestamp (Zoom).
pub fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let text = header_str(headers, "retry-after")?.trim();
    if let Ok(secs) = text.parse::<f64>() {
        return delta(now, secs);
    }
    if let Ok(time) = httpdate::parse_http_date(text) {
        return Some(DateTime::<Utc>::from(time));
    }
    parse_iso(text)
}

fn delta(now: DateTime<Utc>, secs: f64) -> Option<DateTime<Utc>> {
    if !secs.is_finite() || secs < 0.0 {
        return None;
    }
    let millis = (secs * 1000.0).min(1e12) as i64;
    Some(now + chrono::Duration::milliseconds(millis))
}

fn parse_iso(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(d) = DateTime::parse_from_rfc3339(text) {
        return Some(d.with_timezone(&Utc));
    }
    // Atlassian documents minute precision: `2026-01-01T10:05Z`.
    chrono::NaiveDateTime::parse_from_str(text.trim_end_matches('Z'), "%Y-%m-%dT%H:%M")
        .ok()
        .filter(|_| text.ends_with('Z'))
        .map(|n| n.and_utc())
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn retry_after_forms() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        assert_eq!(
            retry_after(&headers(&[("retry-after", "7")]), now),
            Some(now + chrono::Duration::seconds(7))
        );
        assert_eq!(
            retry_after(
                &headers(&[("retry-after", "Thu, 01 Jan 2026 00:00:30 GMT")]),
                now
            ),
            Some(now + chrono::Duration::seconds(30))
        );
        assert_eq!(
            retry_after(&headers(&[("retry-after", "2026-01-01T00:01:00Z")]), now),
            Some(now + chrono::Duration::seconds(60))
        );
        assert_eq!(retry_after(&headers(&[("retry-after", "soon")]), now), None);
        assert_eq!(retry_after(&headers(&[("retry-after", "-3")]), now), None);
    }

    #[test]
    fn reset_dialects() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let epoch = RateLimitHeaders::new(
            "x-rate-limit-remaining",
            "x-rate-limit-reset",
            ResetFormat::EpochSeconds,
        );
        let h = headers(&[
            ("x-rate-limit-remaining", "0"),
            ("x-rate-limit-reset", &(now.timestamp() + 12).to_string()),
        ]);
        assert_eq!(epoch.remaining(&h), Some(0));
        assert_eq!(
            epoch.reset_at(&h, now),
            Some(now + chrono::Duration::seconds(12))
        );
        let h = headers(&[("ratelimit-reset", "10"), ("ratelimit-remaining", "5")]);
        assert_eq!(
            RateLimitHeaders::IETF.reset_at(&h, now),
            Some(now + chrono::Duration::seconds(10))
        );
        assert_eq!(RateLimitHeaders::IETF.remaining(&h), Some(5));
        let millis = RateLimitHeaders::new("r", "x-reset", ResetFormat::EpochMillis);
        let h = headers(&[("x-reset", &(now.timestamp_millis() + 1500).to_string())]);
        assert_eq!(
            millis.reset_at(&h, now),
            Some(now + chrono::Duration::milliseconds(1500))
        );
        let iso = RateLimitHeaders::new(
            "x-ratelimit-remaining",
            "x-ratelimit-reset",
            ResetFormat::Iso8601,
        );
        let h = headers(&[("x-ratelimit-reset", "2026-01-01T00:02Z")]);
        assert_eq!(
            iso.reset_at(&h, now),
            Some(now + chrono::Duration::seconds(120))
        );
        let h = headers(&[("x-ratelimit-reset", "2026-01-01T00:00:05Z")]);
        assert_eq!(
            iso.reset_at(&h, now),
            Some(now + chrono::Duration::seconds(5))
        );
    }

    #[test]
    fn backoff_is_capped_full_jitter() {
        let p = RetryPolicy::default();
        for attempt in 1..20 {
            let d = p.backoff(attempt, false);
            assert!(d <= p.cap);
            assert!(d <= p.base.saturating_mul(2u32.saturating_pow(attempt - 1)));
        }
    }
}
