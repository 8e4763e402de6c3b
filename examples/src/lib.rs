//! Example programs for truto-rs; see the `[[example]]` targets of this package.
