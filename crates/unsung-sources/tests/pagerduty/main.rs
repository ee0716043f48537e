//! The PagerDuty connector against a local fake of the REST API v2 that replays PagerDuty's
//! own example payloads (tests/fixtures/pagerduty) and variants built from them: mapping,
//! paging, windows split at the 10 000 offset cap, sync cost, and every way a sync can fail.

#[path = "../common/mod.rs"]
mod common;

mod account;
mod drills;
mod faults;
mod mapping;
mod paging;
