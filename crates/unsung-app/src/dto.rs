//! The shapes the desktop UI receives. TypeScript types are generated from these with ts-rs
//! (see `tests/bindings.rs`), so the UI and the shell cannot drift apart silently.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use unsung_core::locale::Lang;
use unsung_core::period::PeriodKind;
use unsung_core::stats::StatsReport;
use unsung_core::story::{Audience, Story};
use unsung_core::timeline::DayBar;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Period {
    pub kind: PeriodKind,
    pub from: String,
    pub to: String,
    /// Absolute dates in the overview's language, such as "Monday 23 to Sunday 29 November 2026".
    pub label: String,
}

/// When the reader's team is expected to work, for "How was this counted?".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WorkingHoursView {
    /// "09:00"
    pub start: String,
    /// "18:00" (exclusive)
    pub end: String,
    /// ISO weekday numbers, Monday = 1.
    pub days: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceTimeline {
    pub id: String,
    /// The friendly name ("the checkout page").
    pub name: String,
    /// The name the source uses ("api-gw-prod").
    pub technical_name: String,
    /// Over the chosen period; `null` when there is no data for it.
    pub uptime_ratio: Option<f64>,
    /// 90 bars, oldest first, ending today.
    pub days: Vec<DayBar>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct IncidentView {
    pub id: String,
    pub title: String,
    pub service_name: Option<String>,
    /// "major" or "minor".
    pub severity: String,
    pub opened_at: String,
    pub resolved_at: Option<String>,
    pub resolved_by: Option<String>,
    #[ts(type = "number | null")]
    pub seconds_to_resolve: Option<i64>,
    pub outside_working_hours: bool,
    /// One plain sentence about what happened.
    pub summary: String,
    /// Who to thank for it: the person who resolved it, else its responders (names as
    /// Settings → People knows them).
    pub fixed_by: Vec<String>,
    /// "problem", "drill" or "maintenance", after a person's "this was practice" mark.
    /// Only problems are counted.
    pub kind: String,
    /// What changed afterwards in the engineers' own words, as the source has it: a starting
    /// point for "What got better?", never shown to the family as is.
    pub source_explanation: Option<String>,
    /// What a person wrote about what got better, if anyone did.
    pub explanation: Option<ExplanationView>,
}

/// "What got better" after an incident, as a person wrote it in the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExplanationView {
    /// Exactly as written (empty when the incident was only marked as practice).
    pub text: String,
    /// "This was practice": told as a drill, never counted.
    pub practice: bool,
    pub written_by: String,
    pub written_at: String,
    /// Who changed it last, and when; `null` if nobody changed it since it was written.
    pub edited_by: Option<String>,
    pub edited_at: Option<String>,
}

/// A service as Settings → Service names shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceNameEntry {
    pub id: String,
    /// The name the source uses ("checkout-api-prod").
    pub internal_name: String,
    /// The name people outside the team know it by, if it has one.
    pub friendly_name: Option<String>,
    /// A name Unsung suggests from the internal one ("Checkout"), if it can.
    pub suggestion: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(rename = "ThankYou")]
pub struct ThankYouView {
    pub id: String,
    pub author: String,
    pub recipients: Vec<String>,
    pub message: String,
    pub incident_id: Option<String>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    /// What the note thanks for, in plain English words (for the `unsung` command): an
    /// incident's title and day, or a period's dates. `null` for a note about nothing in
    /// particular. The window words it itself, from the fields below and the period.
    pub about: Option<String>,
    /// The incident it thanks for, as the local database knows it.
    pub incident_title: Option<String>,
    /// When that incident began (RFC 3339).
    pub incident_opened_at: Option<String>,
    pub created_at: String,
    /// When its author last changed it.
    pub edited_at: Option<String>,
    pub is_demo: bool,
    /// Written for the team database and not delivered yet (it could not be reached): shown
    /// as "waiting to send"; it is sent, once, when the database is back.
    pub waiting_to_send: bool,
    /// The team database refused it (not this teammate's to post): it will not be sent.
    pub send_refused: bool,
    /// Why the last try to send it failed, if one did.
    pub send_error: Option<String>,
}

/// A note as the user writes it; the app adds the id and the time. A note may be about an
/// incident, or about a period (`period_from` and `period_to`, RFC 3339, both or neither).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NewThankYou {
    pub author: String,
    pub recipients: Vec<String>,
    pub incident_id: Option<String>,
    #[serde(default)]
    pub period_from: Option<String>,
    #[serde(default)]
    pub period_to: Option<String>,
    pub message: String,
}

/// New words or recipients for a note, from its author; `null` keeps what the note has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ThankYouEdit {
    pub id: String,
    pub author: String,
    pub recipients: Option<Vec<String>>,
    pub message: Option<String>,
}

/// A teammate as Settings → People shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PersonEntry {
    pub name: String,
    /// Other names sources use for them, such as "ana.garcia".
    pub aliases: Vec<String>,
}

/// Where the team database stands, for Settings and the `unsung team status` command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TeamStatus {
    /// A team database is set.
    pub configured: bool,
    /// Its URL without any password.
    pub url: Option<String>,
    /// "settings", or "start" when given at start (--team-db or UNSUNG_TEAM_DB), which
    /// Settings cannot change.
    pub set_by: Option<String>,
    pub reachable: bool,
    /// The name notes from this computer are signed with there.
    pub me: Option<String>,
    /// Notes waiting to be sent.
    pub waiting: u32,
    /// Notes it refused.
    pub refused: u32,
    /// Why it cannot be used right now, in words to show.
    pub problem: Option<String>,
}

/// Where the connection to the team database stands as a view is built (it never waits for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TeamReach {
    /// Being reached: the view shows the local copy meanwhile.
    Reaching,
    Reached,
    /// It could not be reached; the view shows the local copy.
    Unreachable,
}

/// What sending the waiting notes did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SendReport {
    pub sent: u32,
    /// Still waiting (the database could not be reached).
    pub waiting: u32,
    pub refused: u32,
    /// Why the database could not be reached, if it could not.
    pub problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Overview {
    pub is_demo: bool,
    /// The language the story, labels and summaries are written in.
    pub lang: Lang,
    /// Who the story is told for.
    pub audience: Audience,
    pub team_name: String,
    pub tz: String,
    pub working_hours: WorkingHoursView,
    pub period: Period,
    pub overall_uptime_ratio: Option<f64>,
    pub story: Story,
    pub stats: StatsReport,
    pub services: Vec<ServiceTimeline>,
    /// Opened in the period, newest first.
    pub incidents: Vec<IncidentView>,
    /// Newest first, at most 50.
    pub thanks: Vec<ThankYouView>,
    /// Team members, for the thank-you form.
    pub people: Vec<String>,
    /// With a team database, the name this computer's notes are signed with (the form's
    /// "From"); `null` without one, or before it was ever reached.
    pub me: Option<String>,
    /// When a source last synced successfully (what the figures are as of); `null` if never.
    pub last_synced_at: Option<String>,
    /// Today is SysAdmin Appreciation Day (the last Friday of July): a day to thank teammates.
    pub sysadmin_day: bool,
    /// The reader went through the welcome (or chose Settings); `false` on first run.
    pub welcomed: bool,
    /// With a team database, where reaching it stands (the figures are the local copy's until
    /// it is reached); `null` without one.
    pub team: Option<TeamReach>,
}

/// The reader's own settings, from the welcome and Settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Preferences {
    /// What to call the reader (also the thank-you form's "From").
    pub name: Option<String>,
    /// An IANA zone, such as Europe/Madrid.
    pub tz: String,
    pub working_hours: WorkingHoursView,
    pub weekly_notice: WeeklyNoticeView,
    pub welcomed: bool,
    /// The reader's own words that mark an incident or maintenance title as a drill, on top
    /// of the built-in ones ("game day", "simulacro", …).
    #[serde(default)]
    pub drill_words: Vec<String>,
}

/// The zones to choose from: each place once, under its current name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TimeZones {
    /// This machine's zone, under its current name: offered first.
    pub machine: String,
    /// In name order: "Africa", "America", … (Etc/UTC alone under "UTC").
    pub regions: Vec<ZoneRegion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ZoneRegion {
    pub region: String,
    /// Full IANA names ("Europe/Madrid"), in name order.
    pub zones: Vec<String>,
}

/// The desktop notice that the new week's story is ready.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WeeklyNoticeView {
    pub enabled: bool,
    /// 1 Monday … 7 Sunday.
    pub weekday: u8,
    /// 0–23, on the reader's clock.
    pub hour: u8,
}

/// A source as the user adds it in Settings → Sources or with `unsung source add`. The
/// token, if given, goes to the keychain and never comes back.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct NewSource {
    pub name: String,
    /// pagerduty, statuspage, uptime-kuma, prometheus, csv, incident-io, better-stack,
    /// uptimerobot, grafana-oncall, gatus or github.
    pub kind: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub service_label: Option<String>,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub file: Option<String>,
    /// Grafana Cloud OnCall: the Grafana stack's address.
    #[serde(default)]
    pub stack_url: Option<String>,
    /// GitHub: the repositories to read, each `owner/name`.
    #[serde(default)]
    pub repos: Vec<String>,
    #[serde(default)]
    pub token: Option<String>,
}

/// A connected source, as Settings → Sources and `unsung source list` show it. Never its token.
/// (`Default`, an unnamed source never synced, is for tests that set only what they look at.)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceView {
    pub name: String,
    pub kind: String,
    pub url: Option<String>,
    pub query: Option<String>,
    pub service_label: Option<String>,
    pub slug: Option<String>,
    pub file: Option<String>,
    pub stack_url: Option<String>,
    pub repos: Vec<String>,
    /// This kind of source can use a token.
    pub takes_token: bool,
    pub token_set: bool,
    /// "keychain", or "file" where no keychain runs (a file only this user can read).
    pub token_home: Option<String>,
    pub services: u32,
    pub incidents: u32,
    pub last_attempt_at: Option<String>,
    pub last_success_at: Option<String>,
    /// Why the last sync failed, in words to show; `null` after a success.
    pub last_error: Option<String>,
    #[ts(type = "number")]
    pub last_requests: u64,
}

/// Why a source did not sync, for each face to say in its own words (earlier data is kept
/// whatever it is).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncProblem {
    /// Saved without settings: add it again.
    NoSettings,
    /// No token is set for it.
    NoToken,
    /// Its settings do not work (a bad query, an unreadable file).
    Settings,
    /// It refused the token.
    TokenRefused,
    /// It kept asking Unsung to slow down.
    RateLimited,
    /// It could not be reached (no network, or a wrong address).
    Unreachable,
    /// It took too long to answer, every time.
    Timeout,
    /// It kept failing on its side.
    ServerError,
    /// Nothing is at that address.
    NotFound,
    /// Its answer could not be read.
    BadResponse,
}

/// How one source's sync went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceSyncResult {
    pub name: String,
    pub ok: bool,
    /// Why it failed, for the window to word; `null` after a success.
    pub problem: Option<SyncProblem>,
    /// The source's own account of what went wrong and what to do, in English.
    pub message: Option<String>,
    #[ts(type = "number")]
    pub requests: u64,
    /// What the store holds for this source now.
    pub services: u32,
    pub incidents: u32,
    /// The team database has it too.
    pub shared_with_team: bool,
}

/// How a whole sync went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SyncSummary {
    /// Every source synced.
    pub ok: bool,
    pub sources: Vec<SourceSyncResult>,
    /// Notes sent to the team database, when one is set.
    pub team: Option<SendReport>,
}

/// Live progress of a sync, sent to the UI through a channel as it happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum SyncEvent {
    Started {
        source: String,
        index: u32,
        total: u32,
    },
    Step {
        source: String,
        step: String,
        #[ts(type = "number")]
        requests: u64,
    },
    Finished {
        result: SourceSyncResult,
    },
    Done {
        summary: SyncSummary,
    },
}

/// What the desktop shell tells the window on its own (through a channel the window opens).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum ShellEvent {
    /// The weekly notification was clicked: show This week.
    OpenStory,
    /// The team database was reached at start and the local copy brought up to date: the
    /// view can be read again.
    TeamSynced,
}
