#![doc = include_str!("../README.md")]
#![deny(missing_docs)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

#[cfg(feature = "anthropic")]
pub mod anthropic;
#[cfg(feature = "apache_airflow")]
pub mod apache_airflow;
#[cfg(feature = "atlassian")]
pub mod atlassian;
#[cfg(feature = "bigpanda")]
pub mod bigpanda;
#[cfg(feature = "bitbucket")]
pub mod bitbucket;
#[cfg(feature = "boomi")]
pub mod boomi;
#[cfg(feature = "browserstack")]
pub mod browserstack;
#[cfg(feature = "buildkite")]
pub mod buildkite;
#[cfg(feature = "chronosphere")]
pub mod chronosphere;
#[cfg(feature = "circleci")]
pub mod circleci;
#[cfg(feature = "cloudflare")]
pub mod cloudflare;
#[cfg(feature = "cockroachdb_cloud")]
pub mod cockroachdb_cloud;
#[cfg(feature = "confluent")]
pub mod confluent;
#[cfg(feature = "databricks")]
pub mod databricks;
#[cfg(feature = "datadog")]
pub mod datadog;
#[cfg(feature = "dbt_labs")]
pub mod dbt_labs;
#[cfg(feature = "devrev")]
pub mod devrev;
#[cfg(feature = "doppler")]
pub mod doppler;
#[cfg(feature = "dynatrace")]
pub mod dynatrace;
#[cfg(feature = "elastic_cloud")]
pub mod elastic_cloud;
#[cfg(feature = "fivetran")]
pub mod fivetran;
#[cfg(feature = "github")]
pub mod github;
#[cfg(feature = "gitlab")]
pub mod gitlab;
#[cfg(feature = "google_cloud")]
pub mod google_cloud;
#[cfg(feature = "google_cloudsql")]
pub mod google_cloudsql;
#[cfg(feature = "grafana")]
pub mod grafana;
#[cfg(feature = "harness")]
pub mod harness;
#[cfg(feature = "hashicorp_terraform_cloud")]
pub mod hashicorp_terraform_cloud;
#[cfg(feature = "heroku")]
pub mod heroku;
#[cfg(feature = "jenkins")]
pub mod jenkins;
#[cfg(feature = "jetbrains")]
pub mod jetbrains;
#[cfg(feature = "jfrog")]
pub mod jfrog;
#[cfg(feature = "jira")]
pub mod jira;
#[cfg(feature = "launchdarkly")]
pub mod launchdarkly;
#[cfg(feature = "linear")]
pub mod linear;
#[cfg(feature = "make")]
pub mod make;
#[cfg(feature = "mongodb_atlas_admin")]
pub mod mongodb_atlas_admin;
#[cfg(feature = "netlify")]
pub mod netlify;
#[cfg(feature = "new_relic")]
pub mod new_relic;
#[cfg(feature = "openai")]
pub mod openai;
#[cfg(feature = "opsgenie")]
pub mod opsgenie;
#[cfg(feature = "pagerduty")]
pub mod pagerduty;
#[cfg(feature = "paralus")]
pub mod paralus;
#[cfg(feature = "pivotal_tracker")]
pub mod pivotal_tracker;
#[cfg(feature = "platform_sh")]
pub mod platform_sh;
#[cfg(feature = "qdrant_cloud")]
pub mod qdrant_cloud;
#[cfg(feature = "redis")]
pub mod redis;
#[cfg(feature = "render")]
pub mod render;
#[cfg(feature = "retool")]
pub mod retool;
#[cfg(feature = "rockset")]
pub mod rockset;
#[cfg(feature = "rollbar")]
pub mod rollbar;
#[cfg(feature = "rootly")]
pub mod rootly;
#[cfg(feature = "scale_ai")]
pub mod scale_ai;
#[cfg(feature = "sentry")]
pub mod sentry;
#[cfg(feature = "shortcut")]
pub mod shortcut;
#[cfg(feature = "snowflake")]
pub mod snowflake;
#[cfg(feature = "sonarqube_cloud")]
pub mod sonarqube_cloud;
#[cfg(feature = "sonarqube_server")]
pub mod sonarqube_server;
#[cfg(feature = "statsig")]
pub mod statsig;
#[cfg(feature = "sumo_logic")]
pub mod sumo_logic;
#[cfg(feature = "supabase")]
pub mod supabase;
#[cfg(feature = "travis_ci")]
pub mod travis_ci;
#[cfg(feature = "turso")]
pub mod turso;
#[cfg(feature = "uipath")]
pub mod uipath;
#[cfg(feature = "vercel")]
pub mod vercel;
#[cfg(feature = "workato")]
pub mod workato;
#[cfg(feature = "youtrack")]
pub mod youtrack;
#[cfg(feature = "youtrack_hub")]
pub mod youtrack_hub;
#[cfg(feature = "zoho_bugtracker")]
pub mod zoho_bugtracker;
#[cfg(feature = "zoho_sprints")]
pub mod zoho_sprints;

use truto_core::provider::declarative::Spec;
use truto_core::{Integration, Registry};

/// The declarative integrations of this crate that are compiled in.
pub static SPECS: &[&Spec] = &[
    #[cfg(feature = "anthropic")]
    &anthropic::SPEC,
    #[cfg(feature = "apache_airflow")]
    &apache_airflow::SPEC,
    #[cfg(feature = "atlassian")]
    &atlassian::SPEC,
    #[cfg(feature = "bigpanda")]
    &bigpanda::SPEC,
    #[cfg(feature = "bitbucket")]
    &bitbucket::SPEC,
    #[cfg(feature = "browserstack")]
    &browserstack::SPEC,
    #[cfg(feature = "buildkite")]
    &buildkite::SPEC,
    #[cfg(feature = "circleci")]
    &circleci::SPEC,
    #[cfg(feature = "cloudflare")]
    &cloudflare::SPEC,
    #[cfg(feature = "cockroachdb_cloud")]
    &cockroachdb_cloud::SPEC,
    #[cfg(feature = "confluent")]
    &confluent::SPEC,
    #[cfg(feature = "databricks")]
    &databricks::SPEC,
    #[cfg(feature = "datadog")]
    &datadog::SPEC,
    #[cfg(feature = "dbt_labs")]
    &dbt_labs::SPEC,
    #[cfg(feature = "devrev")]
    &devrev::SPEC,
    #[cfg(feature = "doppler")]
    &doppler::SPEC,
    #[cfg(feature = "dynatrace")]
    &dynatrace::SPEC,
    #[cfg(feature = "elastic_cloud")]
    &elastic_cloud::SPEC,
    #[cfg(feature = "fivetran")]
    &fivetran::SPEC,
    #[cfg(feature = "google_cloudsql")]
    &google_cloudsql::SPEC,
    #[cfg(feature = "grafana")]
    &grafana::SPEC,
    #[cfg(feature = "harness")]
    &harness::SPEC,
    #[cfg(feature = "hashicorp_terraform_cloud")]
    &hashicorp_terraform_cloud::SPEC,
    #[cfg(feature = "heroku")]
    &heroku::SPEC,
    #[cfg(feature = "jenkins")]
    &jenkins::SPEC,
    #[cfg(feature = "jfrog")]
    &jfrog::SPEC,
    #[cfg(feature = "jira")]
    &jira::SPEC,
    #[cfg(feature = "launchdarkly")]
    &launchdarkly::SPEC,
    #[cfg(feature = "make")]
    &make::SPEC,
    #[cfg(feature = "mongodb_atlas_admin")]
    &mongodb_atlas_admin::SPEC,
    #[cfg(feature = "netlify")]
    &netlify::SPEC,
    #[cfg(feature = "new_relic")]
    &new_relic::SPEC,
    #[cfg(feature = "openai")]
    &openai::SPEC,
    #[cfg(feature = "opsgenie")]
    &opsgenie::SPEC,
    #[cfg(feature = "pagerduty")]
    &pagerduty::SPEC,
    #[cfg(feature = "platform_sh")]
    &platform_sh::SPEC,
    #[cfg(feature = "qdrant_cloud")]
    &qdrant_cloud::SPEC,
    #[cfg(feature = "redis")]
    &redis::SPEC,
    #[cfg(feature = "render")]
    &render::SPEC,
    #[cfg(feature = "retool")]
    &retool::SPEC,
    #[cfg(feature = "rollbar")]
    &rollbar::SPEC,
    #[cfg(feature = "rootly")]
    &rootly::SPEC,
    #[cfg(feature = "scale_ai")]
    &scale_ai::SPEC,
    #[cfg(feature = "sentry")]
    &sentry::SPEC,
    #[cfg(feature = "shortcut")]
    &shortcut::SPEC,
    #[cfg(feature = "snowflake")]
    &snowflake::SPEC,
    #[cfg(feature = "sonarqube_cloud")]
    &sonarqube_cloud::SPEC,
    #[cfg(feature = "sonarqube_server")]
    &sonarqube_server::SPEC,
    #[cfg(feature = "statsig")]
    &statsig::SPEC,
    #[cfg(feature = "sumo_logic")]
    &sumo_logic::SPEC,
    #[cfg(feature = "supabase")]
    &supabase::SPEC,
    #[cfg(feature = "travis_ci")]
    &travis_ci::SPEC,
    #[cfg(feature = "turso")]
    &turso::SPEC,
    #[cfg(feature = "uipath")]
    &uipath::SPEC,
    #[cfg(feature = "vercel")]
    &vercel::SPEC,
    #[cfg(feature = "workato")]
    &workato::SPEC,
    #[cfg(feature = "youtrack")]
    &youtrack::SPEC,
    #[cfg(feature = "youtrack_hub")]
    &youtrack_hub::SPEC,
    #[cfg(feature = "zoho_bugtracker")]
    &zoho_bugtracker::SPEC,
];

/// The integrations of this crate reached only through Truto (no public API to call).
pub static TRUTO_ONLY: &[&Integration] = &[
    #[cfg(feature = "chronosphere")]
    &chronosphere::INTEGRATION,
    #[cfg(feature = "jetbrains")]
    &jetbrains::INTEGRATION,
    #[cfg(feature = "pivotal_tracker")]
    &pivotal_tracker::INTEGRATION,
    #[cfg(feature = "rockset")]
    &rockset::INTEGRATION,
    #[cfg(feature = "zoho_sprints")]
    &zoho_sprints::INTEGRATION,
];

/// Registers every integration of this crate that is compiled in.
#[allow(unused_variables)]
pub fn register(registry: &mut Registry) {
    #[cfg(feature = "boomi")]
    registry.register(&boomi::INTEGRATION, boomi::connect);
    #[cfg(feature = "github")]
    registry.register(&github::INTEGRATION, github::connect);
    #[cfg(feature = "gitlab")]
    registry.register(&gitlab::INTEGRATION, gitlab::connect);
    #[cfg(feature = "google_cloud")]
    registry.register(&google_cloud::INTEGRATION, google_cloud::connect);
    #[cfg(feature = "linear")]
    registry.register(&linear::INTEGRATION, linear::connect);
    #[cfg(feature = "paralus")]
    registry.register(&paralus::INTEGRATION, paralus::connect);
    for spec in SPECS {
        registry.register_spec(spec);
    }
    for integration in TRUTO_ONLY {
        registry.register_truto_only(integration);
    }
}
