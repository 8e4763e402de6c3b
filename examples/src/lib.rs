//! Example programs for truto-rs (see the `[[example]]` targets of this package).
//!
//! The workspace README is included below so that its Rust example is compiled by
//! `cargo test --doc`.
#![doc = include_str!("../../README.md")]
