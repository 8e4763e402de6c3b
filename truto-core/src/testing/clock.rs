use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::future::BoxFuture;

use crate::clock::Clock;

/// A clock whose sleeps return at once and move its time forward, recording each wait.
#[derive(Debug, Clone)]
pub struct TestClock {
    inner: Arc<Mutex<State>>,
}

#[derive(Debug)]
struct State {
    now: DateTime<Utc>,
    sleeps: Vec<Duration>,
}

impl Default for TestClock {
    fn default() -> Self {
        TestClock::new()
    }
}

impl TestClock {
    /// A clock starting at the real current time.
    pub fn new() -> Self {
        TestClock {
            inner: Arc::new(Mutex::new(State {
                now: Utc::now(),
                sleeps: Vec::new(),
            })),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Every wait so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    /// The sum of all waits.
    pub fn total_slept(&self) -> Duration {
        self.state().sleeps.iter().sum()
    }

    /// The clock as the transport takes it.
    pub fn shared(&self) -> Arc<dyn Clock> {
        Arc::new(self.clone())
    }
}

impl Clock for TestClock {
    fn now(&self) -> DateTime<Utc> {
        self.state().now
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
        let mut state = self.state();
        state.sleeps.push(duration);
        state.now += chrono::Duration::from_std(duration).unwrap_or_default();
        Box::pin(async { tokio::task::yield_now().await })
    }
}
