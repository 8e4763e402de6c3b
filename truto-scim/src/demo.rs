//! The embedded demo directory (feature `demo`): a SCIM 2.0 server in this process, on
//! loopback, holding made-up people, so truto-rs can be tried with no credentials.
//!
//! It is served by the same simulator the tests use and read through the real generic
//! SCIM client, over real HTTP.

use std::sync::Arc;

use truto_core::testing::{FaultPlan, FaultServer, Simulator};
use truto_core::{Error, ErrorKind, Result, UserDirectory};

use crate::testing::ScimSim;

/// A running demo directory.
pub struct DemoDirectory {
    server: FaultServer,
    directory: Arc<dyn UserDirectory>,
}

impl std::fmt::Debug for DemoDirectory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DemoDirectory")
            .field("base_url", &self.base_url())
            .finish()
    }
}

impl DemoDirectory {
    /// Starts a demo SCIM server holding `users` people and connects the generic client.
    pub async fn start(users: usize) -> Result<Self> {
        let sim = ScimSim::new(&crate::generic::PRESET);
        let plan = FaultPlan {
            probability: 0.0,
            ..FaultPlan::default()
        };
        let server = FaultServer::start(sim.clone(), users, plan)
            .await
            .map_err(|e| {
                Error::new(
                    ErrorKind::Transport,
                    "could not start the demo server on loopback",
                )
                .with_source(e)
            })?;
        let directory = sim.connect(&sim.config(&server.uri()))?;
        Ok(DemoDirectory { server, directory })
    }

    /// The connected directory.
    pub fn directory(&self) -> Arc<dyn UserDirectory> {
        Arc::clone(&self.directory)
    }

    /// The demo server's SCIM base URL.
    pub fn base_url(&self) -> String {
        format!("{}/scim/v2", self.server.uri())
    }
}
