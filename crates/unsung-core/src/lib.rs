//! Unsung's pure domain: what a team's systems did, how to count it, and how to tell it.
//!
//! Nothing here does I/O or knows about Tauri, HTTP or SQL, so every rule (what counts as
//! uptime, which incidents count, how a week is told, in which words) is tested by plain unit
//! tests. The locale files and the syllable dictionary are compiled in.

pub mod demo;
pub mod glossary;
pub mod index;
pub mod local_time;
pub mod locale;
pub mod model;
pub mod people;
pub mod period;
pub mod readability;
pub mod scenarios;
pub mod schedule;
pub mod seconds;
pub mod stats;
pub mod story;
#[cfg(test)]
mod testing;
pub mod timeline;
pub mod working_hours;

pub use model::*;
pub use people::Person;
