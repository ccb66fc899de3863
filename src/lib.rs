//! Copilot Seat Review: the browser app.
//!
//! - [`api`]: the only code that talks HTTP (fetch, through `browser`), on top of `seat_core::loader`.
//! - [`browser`]: thin web-sys wrappers (download, storage, clock, panic hook).
//! - [`components`]: presentational pieces that take data through props and never fetch.
//! - [`pages`]: routed containers that own loading and URL state.
//! - [`domain`]: the pure rules, re-exported from the `seat-core` crate (tested natively).

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod export;
pub mod pages;
pub mod state;

/// The pure core (sort, filter, cost, editor names, CSV, demo data), shared with fakehub.
pub use seat_core as domain;
