//! Copilot Seat Review: the browser app.
//!
//! - [`api`]: the only code that talks HTTP (fetch, through `browser`), on top of `seat_core::loader`.
//! - [`browser`]: thin web-sys wrappers (download, storage, clock, panic hook).
//! - [`components`]: presentational pieces that take data through props and never fetch.
//! - [`pages`]: routed containers that own loading and URL state.
//! - [`state`]: what is loaded and the tasks that load and write it.
//! - The pure rules (sort, filter, cost, CSV, demo data) are the `seat-core` crate, tested natively.

pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub(crate) mod export;
pub(crate) mod pages;
pub(crate) mod state;
