//! What the property-test files share: their proptest configuration and the case counter that
//! `./dev test` adds up ("property cases tried").

#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, Ordering};

use proptest::prelude::ProptestConfig;

/// `cases` cases per property, no persisted failures (the seed is printed on failure).
pub fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// Counts cases per property and writes the total to `target/property-cases/NAME.txt` every
/// 500 cases (the last case of a run is a multiple).
pub struct Counter(&'static str, AtomicU64);

impl Counter {
    /// A counter named after its property.
    pub const fn new(name: &'static str) -> Self {
        Self(name, AtomicU64::new(0))
    }

    /// One more case.
    pub fn tick(&self) {
        let n = self.1.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(500) {
            let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../target/property-cases");
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(format!("{dir}/{}.txt", self.0), n.to_string());
        }
    }
}
