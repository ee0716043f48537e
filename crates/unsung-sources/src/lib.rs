//! Connectors that pull a team's uptime and incidents from the tools it already uses, and map
//! them into the core model.
//!
//! Each source is one file behind one trait ([`Source`]): it reads what is new since its
//! cursor and returns it as a [`Fetched`] delta. Folding a delta into what the store already
//! holds ([`merge::apply`]) and saving the result in one transaction is the app's job, so a
//! failed sync never leaves half a delta behind. HTTP (timeouts, retries, rate limits, size
//! limits, request counts) lives once, in [`http`].

pub mod better_stack;
mod checks;
mod connect;
pub mod csv;
mod error;
pub mod gatus;
pub mod github;
pub mod grafana_oncall;
pub mod http;
pub mod incident_io;
pub mod merge;
pub mod pagerduty;
pub mod prometheus;
pub mod statuspage;
pub mod text;
pub mod time;
pub mod uptime_kuma;
pub mod uptimerobot;

pub use error::{SourceError, SourceErrorKind};
pub use http::{Http, HttpLimits};

use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use unsung_core::Dataset;

pub type Result<T> = std::result::Result<T, SourceError>;

/// The tools Unsung can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    #[serde(rename = "pagerduty")]
    PagerDuty,
    Statuspage,
    UptimeKuma,
    Prometheus,
    Csv,
    IncidentIo,
    BetterStack,
    #[serde(rename = "uptimerobot")]
    UptimeRobot,
    #[serde(rename = "grafana-oncall")]
    GrafanaOnCall,
    Gatus,
    #[serde(rename = "github")]
    GitHub,
}

impl Kind {
    pub const ALL: [Kind; 11] = [
        Kind::PagerDuty,
        Kind::Statuspage,
        Kind::UptimeKuma,
        Kind::Prometheus,
        Kind::Csv,
        Kind::IncidentIo,
        Kind::BetterStack,
        Kind::UptimeRobot,
        Kind::GrafanaOnCall,
        Kind::Gatus,
        Kind::GitHub,
    ];

    /// The name used on the command line and in the store.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::PagerDuty => "pagerduty",
            Kind::Statuspage => "statuspage",
            Kind::UptimeKuma => "uptime-kuma",
            Kind::Prometheus => "prometheus",
            Kind::Csv => "csv",
            Kind::IncidentIo => "incident-io",
            Kind::BetterStack => "better-stack",
            Kind::UptimeRobot => "uptimerobot",
            Kind::GrafanaOnCall => "grafana-oncall",
            Kind::Gatus => "gatus",
            Kind::GitHub => "github",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }

    /// Whether this kind reads an API that needs a token.
    pub fn needs_token(self) -> bool {
        matches!(
            self,
            Kind::PagerDuty
                | Kind::IncidentIo
                | Kind::BetterStack
                | Kind::UptimeRobot
                | Kind::GrafanaOnCall
                | Kind::GitHub
        )
    }

    /// Whether this kind may take a token (sent as the API expects) when one is set.
    pub fn takes_token(self) -> bool {
        self.needs_token() || matches!(self, Kind::Prometheus)
    }
}

/// How to reach one source: what `unsung source add` and Settings → Sources take. Never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceConfig {
    pub kind: Kind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Prometheus: a 0/1 series such as `probe_success` or `up{job="web"}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Prometheus: the label that names the service (default `instance`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_label: Option<String>,
    /// Uptime Kuma: the status page's slug.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// CSV: the file to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Grafana Cloud OnCall: the Grafana stack's address, sent as `X-Grafana-URL` (absent for
    /// a self-hosted OnCall, whose token goes in `Authorization` as it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stack_url: Option<String>,
    /// GitHub: the repositories whose releases and deployments are updates shipped, each
    /// `owner/name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repos: Vec<String>,
    /// How far back a first sync reaches, in days (default [`DEFAULT_HISTORY_DAYS`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history_days: Option<u32>,
}

/// A first sync reaches back a year: the longest period the app tells a story about.
pub const DEFAULT_HISTORY_DAYS: u32 = 365;

/// A setting a source kind needs before it can be added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Url,
    File,
    Slug,
    Query,
    Repos,
}

impl SourceConfig {
    pub fn new(kind: Kind) -> SourceConfig {
        SourceConfig {
            kind,
            url: None,
            query: None,
            service_label: None,
            slug: None,
            file: None,
            stack_url: None,
            repos: Vec::new(),
            history_days: None,
        }
    }

    /// The first setting this kind needs that is not there, if one is missing. Faces word it
    /// themselves (the `unsung` command as a flag, the window as a field).
    pub fn missing_setting(&self) -> Option<Setting> {
        let empty = |value: &Option<String>| value.as_deref().is_none_or(str::is_empty);
        match self.kind {
            Kind::Csv if empty(&self.file) => Some(Setting::File),
            Kind::Statuspage
            | Kind::UptimeKuma
            | Kind::Prometheus
            | Kind::GrafanaOnCall
            | Kind::Gatus
                if empty(&self.url) =>
            {
                Some(Setting::Url)
            }
            Kind::GitHub if self.repos.iter().all(|r| r.trim().is_empty()) => Some(Setting::Repos),
            Kind::UptimeKuma if empty(&self.slug) => Some(Setting::Slug),
            Kind::Prometheus if empty(&self.query) => Some(Setting::Query),
            _ => None,
        }
    }

    /// Checks that what this kind needs is there, before anything is saved.
    pub fn validate(&self) -> Result<()> {
        if let Some(setting) = self.missing_setting() {
            let what = match setting {
                Setting::File => "a file",
                Setting::Url => "an address",
                Setting::Slug => "the status page's name in its address",
                Setting::Query => "a query (a 0/1 series such as probe_success or up)",
                Setting::Repos => "at least one repository, as owner/name",
            };
            return Err(SourceError::invalid(format!(
                "A {} source needs {what}",
                self.kind.as_str()
            )));
        }
        if self.kind == Kind::GitHub {
            for repo in &self.repos {
                github::check_repo(repo)?;
            }
        }
        if let Some(url) = &self.url {
            let parsed = url::Url::parse(url).map_err(|_| {
                SourceError::invalid(format!(
                    "\"{}\" is not a web address; give one such as https://status.example.com",
                    text::shorten(url, 80)
                ))
            })?;
            if !matches!(parsed.scheme(), "http" | "https") {
                return Err(SourceError::invalid(
                    "The address must start with https:// (or http:// on your own network)",
                ));
            }
        }
        Ok(())
    }

    /// The address to read, or this kind's public API.
    pub fn base_url(&self) -> String {
        match (&self.url, self.kind) {
            (Some(url), _) => url.trim_end_matches('/').to_string(),
            (None, Kind::PagerDuty) => pagerduty::API.to_string(),
            (None, Kind::IncidentIo) => incident_io::API.to_string(),
            (None, Kind::BetterStack) => better_stack::API.to_string(),
            (None, Kind::UptimeRobot) => uptimerobot::API.to_string(),
            (None, Kind::GitHub) => github::API.to_string(),
            (None, _) => String::new(),
        }
    }

    pub fn history(&self) -> Duration {
        Duration::days(i64::from(self.history_days.unwrap_or(DEFAULT_HISTORY_DAYS)))
    }
}

/// What a sync step is doing, for a progress bar or a line on the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// What is being read, in plain words ("incidents from 2026-05-01").
    pub step: String,
    /// Requests made so far for this source.
    pub requests: u64,
}

/// Everything one sync of one source may read.
pub struct Context<'a> {
    /// The source's name: ids are `<name>/<the source's own id>`.
    pub name: &'a str,
    pub config: &'a SourceConfig,
    pub token: Option<&'a str>,
    /// What the last successful sync left (`Null` before the first).
    pub cursor: &'a serde_json::Value,
    /// What the store already holds for this source: incidents still open are checked again.
    pub known: &'a Dataset,
    pub now: DateTime<Utc>,
    pub http: &'a Http,
    pub progress: &'a (dyn Fn(Progress) + Send + Sync),
    /// The user's own words that mark a title as a drill (Settings), beyond the built-in ones
    /// ([`unsung_core::drills::BUILT_IN_DRILL_WORDS`]); empty by default.
    pub drill_words: &'a [String],
}

impl Context<'_> {
    /// A stable id for something the source calls `external_id`.
    pub fn id(&self, external_id: &str) -> String {
        format!("{}/{external_id}", self.name)
    }

    pub fn report(&self, step: impl Into<String>) {
        (self.progress)(Progress {
            step: step.into(),
            requests: self.http.requests(),
        });
    }

    /// Whether `title` marks planned practice, by the built-in words or the user's.
    pub fn is_drill(&self, title: &str) -> bool {
        unsung_core::drills::is_drill_title(title, self.drill_words)
    }

    /// What an unplanned record from the vendor is: a drill when `title` marks one, else a
    /// problem.
    pub fn problem_kind(&self, title: &str) -> unsung_core::IncidentKind {
        if self.is_drill(title) {
            unsung_core::IncidentKind::Drill
        } else {
            unsung_core::IncidentKind::Problem
        }
    }

    /// The store's incidents of this source, by id, for a sync to keep what it does not read
    /// again.
    pub fn known_incidents(&self) -> std::collections::HashMap<String, unsung_core::Incident> {
        self.known
            .incidents
            .iter()
            .map(|incident| (incident.id.clone(), incident.clone()))
            .collect()
    }

    /// A record of planned work (a maintenance window, a scheduled maintenance) from `start`
    /// to `end`: a drill when its title marks one, else maintenance; told as a quiet win and
    /// never counted. Never open: a window still going on is recorded up to `end`, and read
    /// again (with a later end) while it goes on.
    pub fn planned_work(
        &self,
        external_id: String,
        title: &str,
        (start, end): (DateTime<Utc>, DateTime<Utc>),
        service_id: Option<String>,
    ) -> unsung_core::Incident {
        let title = text::title(title, "Planned maintenance");
        unsung_core::Incident {
            id: self.id(&external_id),
            source: self.name.to_string(),
            external_id,
            service_id,
            kind: if self.is_drill(&title) {
                unsung_core::IncidentKind::Drill
            } else {
                unsung_core::IncidentKind::Maintenance
            },
            title,
            severity: unsung_core::Severity::Minor,
            opened_at: start,
            acknowledged_at: None,
            resolved_at: Some(end),
            resolved_by: None,
            responders: Vec::new(),
            notes: Vec::new(),
            disposition: unsung_core::Disposition::Counted,
            link: None,
            source_explanation: None,
            explanation: None,
        }
    }

    /// Where a first sync starts.
    pub fn history_start(&self) -> DateTime<Utc> {
        self.now - self.config.history()
    }
}

/// A span of time over which a sync saw a service's state: what it brings replaces what the
/// store held for that service in that span; outside it, history is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub service_id: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What one sync brought: new and changed records, and the cursor for the next sync.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fetched {
    /// Services, incidents, changes and people are added or replaced by id; intervals replace
    /// the store's within `coverage`.
    pub data: Dataset,
    pub coverage: Vec<Coverage>,
    pub cursor: serde_json::Value,
}

/// One connector.
#[async_trait]
pub trait Source: Send + Sync {
    /// One cheap read proving the address (and token) work; says what it found.
    async fn check(&self, cx: &Context<'_>) -> Result<String>;
    /// What is new since `cx.cursor`.
    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched>;
}

/// The connector for `kind`.
pub fn connector(kind: Kind) -> Box<dyn Source> {
    match kind {
        Kind::PagerDuty => Box::new(pagerduty::PagerDuty),
        Kind::Statuspage => Box::new(statuspage::Statuspage),
        Kind::UptimeKuma => Box::new(uptime_kuma::UptimeKuma),
        Kind::Prometheus => Box::new(prometheus::Prometheus),
        Kind::Csv => Box::new(csv::CsvFile),
        Kind::IncidentIo => Box::new(incident_io::IncidentIo),
        Kind::BetterStack => Box::new(better_stack::BetterStack),
        Kind::UptimeRobot => Box::new(uptimerobot::UptimeRobot),
        Kind::GrafanaOnCall => Box::new(grafana_oncall::GrafanaOnCall),
        Kind::Gatus => Box::new(gatus::Gatus),
        Kind::GitHub => Box::new(github::GitHub),
    }
}
