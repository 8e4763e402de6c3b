//! The client-side limiter: a cap on requests in flight, a request rate, and the hold a
//! server imposes when its "remaining" header reaches zero.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::clock::Clock;

/// Limits a client puts on itself.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
#[non_exhaustive]
pub struct ClientLimits {
    /// Most requests in flight at once.
    pub max_concurrency: Option<usize>,
    /// Most requests started per second.
    pub requests_per_second: Option<f64>,
}

impl ClientLimits {
    /// No limits.
    pub fn none() -> Self {
        ClientLimits::default()
    }
    /// At most `n` requests in flight.
    pub fn max_concurrency(mut self, n: usize) -> Self {
        self.max_concurrency = Some(n.max(1));
        self
    }
    /// At most `rps` requests started per second.
    pub fn requests_per_second(mut self, rps: f64) -> Self {
        self.requests_per_second = (rps.is_finite() && rps > 0.0).then_some(rps);
        self
    }
}

#[derive(Debug)]
pub(crate) struct Limiter {
    permits: Option<Arc<Semaphore>>,
    interval: Option<chrono::Duration>,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The earliest time the next request may start under the rate limit.
    next_slot: Option<DateTime<Utc>>,
    /// Held until the server's window resets.
    hold_until: Option<DateTime<Utc>>,
}

impl Limiter {
    pub(crate) fn new(limits: ClientLimits) -> Self {
        Limiter {
            permits: limits.max_concurrency.map(|n| Arc::new(Semaphore::new(n))),
            interval: limits
                .requests_per_second
                .map(|rps| chrono::Duration::microseconds((1_000_000.0 / rps) as i64)),
            state: Mutex::new(State::default()),
        }
    }

    /// Waits for a turn. Returns the permit to hold while the request is in flight, or the
    /// time the server's hold ends if that is further than `max_wait`.
    pub(crate) async fn acquire(
        &self,
        clock: &dyn Clock,
        max_wait: Duration,
    ) -> Result<Option<OwnedSemaphorePermit>, DateTime<Utc>> {
        let permit = match &self.permits {
            Some(s) => Arc::clone(s).acquire_owned().await.ok(),
            None => None,
        };
        // A turn is claimed at the moment the request really starts, never reserved ahead:
        // a sleeper that wakes late cannot end up closer than one interval to the next.
        loop {
            let now = clock.now();
            let wait_until = {
                let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
                let mut at = now;
                if let Some(hold) = state.hold_until {
                    if hold > now {
                        if (hold - now).to_std().unwrap_or_default() > max_wait {
                            return Err(hold);
                        }
                        at = hold;
                    } else {
                        state.hold_until = None;
                    }
                }
                if let Some(next) = state.next_slot {
                    at = at.max(next);
                }
                if at <= now {
                    if let Some(interval) = self.interval {
                        state.next_slot = Some(now + interval);
                    }
                    None
                } else {
                    Some(at)
                }
            };
            match wait_until {
                None => break,
                Some(at) => clock.sleep((at - now).to_std().unwrap_or_default()).await,
            }
        }
        Ok(permit)
    }

    /// Holds further requests until `until` (a "remaining: 0" signal).
    pub(crate) fn hold(&self, until: DateTime<Utc>) {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.hold_until = Some(state.hold_until.map_or(until, |h| h.max(until)));
    }
}
