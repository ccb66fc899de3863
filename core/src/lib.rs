//! Pure Rust core of Copilot Seat Review.
//!
//! Everything here is free of web-sys and I/O so it runs in `cargo test` in milliseconds and is
//! shared by the browser app, `fakehub` and the benchmarks:
//! - [`models`]: GitHub's Copilot objects, decoded leniently and kept small;
//! - [`api_base`], [`link`], [`error`], [`loader`]: the rules of talking to GitHub (where the token
//!   may go, paging, rate limits, what each failure means), with the transport and the clock
//!   passed in;
//! - [`editor`], [`table`], [`overview`], [`report`], [`charts`]: what the views show;
//! - [`reclaim`]: which seats to take back and what they cost;
//! - [`selection`]: the seats ticked in the access list;
//! - [`enterprise`]: an enterprise listing merged into one seat per person, and its overview;
//! - [`pacing`]: GitHub's secondary limit of points a minute, kept by waiting before sending;
//! - [`writes`]: removing seats and giving access back, batched, paced and reported exactly;
//! - [`generate`]: realistic, deterministic organizations (fakehub's and the demo's data).

pub mod api_base;
pub mod charts;
pub mod compare;
pub mod editor;
pub mod enterprise;
pub mod error;
mod fast_hash;
pub mod filter;
pub mod generate;
pub mod groups;
pub mod link;
pub mod loader;
pub mod members;
pub mod models;
pub mod money;
pub mod overview;
pub mod pacing;
pub mod plan;
pub mod query;
pub mod reclaim;
pub mod report;
pub mod report_read;
pub mod route;
pub mod selection;
pub mod session;
pub mod small_sort;
pub mod spend;
pub mod status;
pub mod table;
pub mod text;
pub mod time;
pub mod token;
pub mod writes;
