//! Every declarative integration of this crate: its spec lint, the requests its fixture
//! expects, and the shared conformance scenarios against a simulator generated from its
//! spec and fixture (`tests/fixtures/<slug>.json`).

fn main() {
    let dir = env!("CARGO_MANIFEST_DIR");
    let trials = truto_idp::SPECS
        .iter()
        .flat_map(|spec| truto_core::testing::runner::spec_trials(spec, dir))
        .collect();
    truto_core::testing::runner::run(trials);
}
