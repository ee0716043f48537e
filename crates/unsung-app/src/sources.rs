//! Connecting sources and syncing them: add, test, list and remove a source; sync each one
//! from its cursor, folding what is new into what the store holds and saving it in one
//! transaction, so a failed sync changes nothing but the note of what went wrong. One
//! source failing never stops the others. Tokens go to [`Secrets`], never to the store.

use crate::dto::{NewSource, SourceSyncResult, SourceView, SyncEvent, SyncProblem, SyncSummary};
use crate::secrets::TokenHome;
use crate::{App, AppError, ErrorCode, ErrorDetail, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use unsung_core::demo;
use unsung_sources::{
    Context, Http, HttpLimits, Kind, Progress, SourceConfig, SourceError, SourceErrorKind,
    connector, merge,
};
use unsung_store::{SourceCounts, SourceRecord, Store};

/// What a source row's `settings` holds: how to reach it and where its sync stands.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    config: Option<SourceConfig>,
    #[serde(default)]
    sync: SyncState,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
struct SyncState {
    #[serde(default)]
    cursor: serde_json::Value,
    #[serde(default)]
    last_attempt_at: Option<DateTime<Utc>>,
    #[serde(default)]
    last_success_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed; `None` after a success.
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    requests: u64,
}

impl Settings {
    fn of(record: &SourceRecord) -> Settings {
        serde_json::from_str(&record.settings).unwrap_or_default()
    }

    fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

impl From<SourceError> for AppError {
    fn from(error: SourceError) -> AppError {
        let code = match error.kind {
            SourceErrorKind::Invalid => ErrorCode::InvalidInput,
            SourceErrorKind::Unreachable => ErrorCode::Offline,
            _ => ErrorCode::SourceFailed,
        };
        AppError::new(code, error.message)
    }
}

impl From<SourceErrorKind> for SyncProblem {
    fn from(kind: SourceErrorKind) -> SyncProblem {
        match kind {
            SourceErrorKind::Invalid => SyncProblem::Settings,
            SourceErrorKind::Unauthorized => SyncProblem::TokenRefused,
            SourceErrorKind::RateLimited => SyncProblem::RateLimited,
            SourceErrorKind::Unreachable => SyncProblem::Unreachable,
            SourceErrorKind::Timeout => SyncProblem::Timeout,
            SourceErrorKind::ServerError => SyncProblem::ServerError,
            SourceErrorKind::NotFound => SyncProblem::NotFound,
            SourceErrorKind::BadResponse => SyncProblem::BadResponse,
        }
    }
}

/// `UNSUNG_HTTP_TIMEOUT` (seconds) shortens every wait: for scripts on a slow link, and the
/// tests' fault cases.
pub(crate) fn http_limits_from_env() -> HttpLimits {
    let mut limits = HttpLimits::default();
    if let Some(seconds) = std::env::var("UNSUNG_HTTP_TIMEOUT")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|s| *s > 0.0 && *s < 3600.0)
    {
        let timeout = Duration::from_secs_f64(seconds);
        limits.timeout = timeout;
        limits.backoff = limits.backoff.min(timeout / 10);
        limits.max_wait = timeout * 3;
        limits.wait_budget = timeout * 5;
    }
    limits
}

fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.chars().count() <= 40
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && name != demo::SOURCE;
    if ok {
        Ok(())
    } else {
        Err(AppError::invalid(
            "A source's name is up to 40 letters, digits, dashes, dots or underscores, such as \
             \"pagerduty\" or \"status-page\"",
        ))
    }
}

/// GitHub repositories as typed or pasted (`owner/name`, or the repository's address on
/// github.com, `.git` and all), each once, in the order given; blank entries are skipped.
fn repositories(typed: &[String]) -> Result<Vec<String>> {
    let mut repos: Vec<String> = Vec::new();
    for entry in typed.iter().map(|r| r.trim()).filter(|r| !r.is_empty()) {
        let repo = repository(entry)?;
        if !repos.contains(&repo) {
            repos.push(repo);
        }
    }
    Ok(repos)
}

fn repository(typed: &str) -> Result<String> {
    let path = typed.trim_end_matches('/');
    let path = ["https://github.com/", "http://github.com/", "github.com/"]
        .iter()
        .find_map(|prefix| path.strip_prefix(prefix))
        .unwrap_or(path);
    let path = path.strip_suffix(".git").unwrap_or(path);
    // The connector's own rule for names, so what is saved is what a sync accepts.
    unsung_sources::github::check_repo(path).map_err(|e| AppError::invalid(e.to_string()))?;
    Ok(path.to_string())
}

/// A Grafana Cloud stack's address, checked as the source's own address is.
fn stack_address(typed: String) -> Result<String> {
    match url::Url::parse(&typed) {
        Ok(url) if matches!(url.scheme(), "http" | "https") && url.host().is_some() => {
            Ok(typed.trim_end_matches('/').to_string())
        }
        _ => Err(AppError::invalid(format!(
            "\"{}\" is not the address of a Grafana stack; give one such as \
             https://yourteam.grafana.net",
            unsung_sources::text::shorten(&typed, 80)
        ))),
    }
}

impl NewSource {
    fn config(&self) -> Result<SourceConfig> {
        let kind = Kind::parse(self.kind.trim()).ok_or_else(|| {
            let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
            AppError::invalid(format!(
                "The kind of source is one of: {}",
                kinds.join(", ")
            ))
        })?;
        let given = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let config = SourceConfig {
            url: given(&self.url),
            query: given(&self.query),
            service_label: given(&self.service_label),
            slug: given(&self.slug),
            file: given(&self.file),
            // A stack and repositories mean something only to the kinds that read them.
            stack_url: match kind {
                Kind::GrafanaOnCall => given(&self.stack_url).map(stack_address).transpose()?,
                _ => None,
            },
            repos: match kind {
                Kind::GitHub => repositories(&self.repos)?,
                _ => Vec::new(),
            },
            ..SourceConfig::new(kind)
        };
        if let Some(setting) = config.missing_setting() {
            return Err(AppError::detailed(
                ErrorCode::InvalidInput,
                ErrorDetail::SettingNeeded {
                    kind: kind.as_str().into(),
                    setting: setting.into(),
                },
            ));
        }
        config.validate()?;
        Ok(config)
    }
}

impl App {
    /// Adds a source (or changes one with the same name, keeping its data) after checking its
    /// settings. A token given is kept in the keychain. The first real source takes the demo
    /// team's place.
    pub async fn add_source(&self, new: NewSource) -> Result<SourceView> {
        let name = new.name.trim().to_string();
        check_name(&name)?;
        let config = new.config()?;
        let existing = self.local.source(&name).await?;
        if let Some(old) = &existing
            && old.kind != config.kind.as_str()
        {
            return Err(AppError::invalid(format!(
                "There is already a {} source called \"{name}\"; remove it first or choose \
                 another name",
                old.kind
            )));
        }
        let token = new
            .token
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        if let Some(token) = token {
            if !config.kind.takes_token() {
                return Err(AppError::detailed(
                    ErrorCode::InvalidInput,
                    ErrorDetail::TokenNotTaken {
                        kind: config.kind.as_str().into(),
                    },
                ));
            }
            self.secrets.set(&name, token).await?;
        } else if config.kind.needs_token() && self.secrets.get(&name).await?.is_none() {
            return Err(AppError::detailed(
                ErrorCode::InvalidInput,
                ErrorDetail::TokenNeeded {
                    kind: config.kind.as_str().into(),
                },
            ));
        }
        let mut settings = existing.as_ref().map(Settings::of).unwrap_or_default();
        if settings.config.as_ref() != Some(&config) {
            // Another address or query: what the old cursor says no longer applies.
            settings.sync = SyncState::default();
        }
        settings.config = Some(config.clone());
        let record = SourceRecord {
            settings: settings.to_text(),
            url: config.url.clone(),
            ..existing.unwrap_or_else(|| {
                SourceRecord::new(&name, config.kind.as_str(), None, self.now_to_the_second())
            })
        };
        self.local.save_source(&record).await?;
        self.drop_demo().await?;
        let counts = self.local.source_counts().await?;
        self.source_view(&record, &counts).await
    }

    /// Whether the user connected any source: one query, no source's data read (the
    /// overview and the weekly check ask this often).
    pub async fn has_real_sources(&self) -> Result<bool> {
        Ok(self
            .local
            .sources()
            .await?
            .iter()
            .any(|s| s.kind != demo::SOURCE))
    }

    /// The sources the user connected (not the demo team), by name. What each brought is
    /// counted by the database in one query, not read.
    pub async fn sources(&self) -> Result<Vec<SourceView>> {
        let counts = self.local.source_counts().await?;
        let mut views = Vec::new();
        for record in self.local.sources().await? {
            if record.kind != demo::SOURCE {
                views.push(self.source_view(&record, &counts).await?);
            }
        }
        Ok(views)
    }

    async fn source_view(
        &self,
        record: &SourceRecord,
        counts: &[SourceCounts],
    ) -> Result<SourceView> {
        let settings = Settings::of(record);
        let config = settings
            .config
            .clone()
            .unwrap_or_else(|| SourceConfig::new(Kind::parse(&record.kind).unwrap_or(Kind::Csv)));
        let (services, incidents) = counts
            .iter()
            .find(|c| c.name == record.name)
            .map_or((0, 0), |c| (c.services, c.incidents));
        let token_set =
            config.kind.takes_token() && self.secrets.get(&record.name).await?.is_some();
        Ok(SourceView {
            name: record.name.clone(),
            kind: record.kind.clone(),
            url: config.url,
            query: config.query,
            service_label: config.service_label,
            slug: config.slug,
            file: config.file,
            stack_url: config.stack_url,
            repos: config.repos,
            takes_token: config.kind.takes_token(),
            token_set,
            token_home: if token_set {
                Some(self.secrets.home().await.as_str().to_string())
            } else {
                None
            },
            services: services.try_into().unwrap_or(u32::MAX),
            incidents: incidents.try_into().unwrap_or(u32::MAX),
            last_attempt_at: settings.sync.last_attempt_at.map(crate::rfc3339),
            last_success_at: settings.sync.last_success_at.map(crate::rfc3339),
            last_error: settings.sync.error,
            last_requests: settings.sync.requests,
        })
    }

    /// Removes a source, what it brought, and its token.
    pub async fn remove_source(&self, name: &str) -> Result<()> {
        if name == demo::SOURCE || !self.local.remove_source(name).await? {
            return Err(AppError::detailed(
                ErrorCode::NotFound,
                ErrorDetail::NoSuchSource {
                    source: name.into(),
                },
            ));
        }
        self.secrets.remove(name).await?;
        if let Some(team) = self.team()
            && let Ok(store) = team.connect(false).await
            && let Err(error) = store.remove_source(name).await
        {
            team.saw(&error);
        }
        Ok(())
    }

    /// Tries a source's address and token with one cheap request; says what it found.
    pub async fn test_source(&self, name: &str) -> Result<String> {
        let record = self.source_record(name).await?;
        let settings = Settings::of(&record);
        let config = settings
            .config
            .ok_or_else(|| AppError::invalid(format!("\"{name}\" has no settings yet")))?;
        let token = self.secrets.get(name).await?;
        let http = Http::new(http_limits_from_env());
        let known = unsung_core::Dataset::default();
        let cursor = serde_json::Value::Null;
        let drill_words = self.drill_words();
        let quiet = |_: Progress| {};
        let cx = Context {
            name,
            config: &config,
            token: token.as_deref(),
            cursor: &cursor,
            known: &known,
            now: self.now(),
            http: &http,
            progress: &quiet,
            drill_words: &drill_words,
        };
        Ok(connector(config.kind).check(&cx).await?)
    }

    async fn source_record(&self, name: &str) -> Result<SourceRecord> {
        match self.local.source(name).await? {
            Some(record) if record.kind != demo::SOURCE => Ok(record),
            _ => Err(AppError::detailed(
                ErrorCode::NotFound,
                ErrorDetail::NoSuchSource {
                    source: name.into(),
                },
            )),
        }
    }

    /// Syncs every source (or only `only`), then, with a team database, sends the notes that
    /// wait and refreshes the team's copy, telling `events` how it goes.
    pub async fn sync(
        &self,
        only: Option<&str>,
        events: &(dyn Fn(SyncEvent) + Send + Sync),
    ) -> Result<SyncSummary> {
        let results = self.sync_sources(only, events).await?;
        let team = self.sync_team().await?.map(|report| report.send);
        let summary = SyncSummary {
            ok: results.iter().all(|r| r.ok),
            sources: results,
            team,
        };
        events(SyncEvent::Done {
            summary: summary.clone(),
        });
        Ok(summary)
    }

    /// Syncs every source (or only `only`), one after another. A source that fails keeps its
    /// earlier data and its result says why; the others still sync.
    pub async fn sync_sources(
        &self,
        only: Option<&str>,
        events: &(dyn Fn(SyncEvent) + Send + Sync),
    ) -> Result<Vec<SourceSyncResult>> {
        let records: Vec<SourceRecord> = match only {
            Some(name) => vec![self.source_record(name).await?],
            None => self
                .local
                .sources()
                .await?
                .into_iter()
                .filter(|s| s.kind != demo::SOURCE)
                .collect(),
        };
        let total = records.len() as u32;
        let mut results = Vec::new();
        for (index, record) in records.into_iter().enumerate() {
            events(SyncEvent::Started {
                source: record.name.clone(),
                index: index as u32,
                total,
            });
            let result = self.sync_one(record, events).await?;
            events(SyncEvent::Finished {
                result: result.clone(),
            });
            results.push(result);
        }
        Ok(results)
    }

    async fn sync_one(
        &self,
        mut record: SourceRecord,
        events: &(dyn Fn(SyncEvent) + Send + Sync),
    ) -> Result<SourceSyncResult> {
        let name = record.name.clone();
        let mut settings = Settings::of(&record);
        let now = self.now_to_the_second();
        let drill_words = self.drill_words();
        settings.sync.last_attempt_at = Some(now);
        let http = Http::new(http_limits_from_env());
        // What the store holds now: the sync starts from it, and a failed sync reports it.
        let known = self.local.source_data(&name).await?;
        let outcome = match settings.config.clone() {
            None => Err((
                SyncProblem::NoSettings,
                format!("\"{name}\" has no settings: add it again"),
            )),
            Some(config) => {
                let token = self.secrets.get(&name).await?;
                if config.kind.needs_token() && token.is_none() {
                    Err((
                        SyncProblem::NoToken,
                        format!("No token is set for \"{name}\""),
                    ))
                } else {
                    let progress = |step: Progress| {
                        events(SyncEvent::Step {
                            source: name.clone(),
                            step: step.step,
                            requests: step.requests,
                        })
                    };
                    let cx = Context {
                        name: &name,
                        config: &config,
                        token: token.as_deref(),
                        cursor: &settings.sync.cursor,
                        known: &known,
                        now,
                        http: &http,
                        progress: &progress,
                        drill_words: &drill_words,
                    };
                    match connector(config.kind).fetch(&cx).await {
                        Ok(fetched) => {
                            let merged = merge::apply(known.clone(), &fetched);
                            let changed = merged != known;
                            Ok((merged, fetched.cursor, changed))
                        }
                        Err(error) => Err((SyncProblem::from(error.kind), error.message)),
                    }
                }
            }
        };
        settings.sync.requests = http.requests();
        match outcome {
            Ok((merged, cursor, changed)) => {
                settings.sync.cursor = cursor;
                settings.sync.last_success_at = Some(now);
                settings.sync.error = None;
                record.settings = settings.to_text();
                // The local copy is what counts; the team database is a courtesy that waits
                // for the next sync when it cannot be reached. With nothing new, only the
                // note of the sync changes.
                let shared = if changed {
                    self.store_source_data(&record, &merged)
                        .await
                        .unwrap_or(false)
                } else {
                    self.local.save_source(&record).await?;
                    false
                };
                Ok(SourceSyncResult {
                    name,
                    ok: true,
                    problem: None,
                    message: None,
                    requests: http.requests(),
                    services: merged.services.len() as u32,
                    incidents: merged.incidents.len() as u32,
                    shared_with_team: shared,
                })
            }
            Err((problem, message)) => {
                tracing::warn!(source = %name, "sync failed: {message}");
                settings.sync.error = Some(message.clone());
                record.settings = settings.to_text();
                self.local.save_source(&record).await?;
                Ok(SourceSyncResult {
                    name,
                    ok: false,
                    problem: Some(problem),
                    message: Some(message),
                    requests: http.requests(),
                    services: known.services.len() as u32,
                    incidents: known.incidents.len() as u32,
                    shared_with_team: false,
                })
            }
        }
    }

    /// When a source last synced successfully: what the figures are as of.
    pub async fn last_synced_at(&self) -> Result<Option<DateTime<Utc>>> {
        Ok(self
            .local
            .sources()
            .await?
            .iter()
            .filter(|s| s.kind != demo::SOURCE)
            .filter_map(|s| Settings::of(s).sync.last_success_at)
            .max())
    }

    /// Where tokens are kept on this machine: the keychain, or a private file.
    pub async fn token_home(&self) -> TokenHome {
        self.secrets.home().await
    }

    /// The demo team leaves once real data arrives: its figures would mix with the team's.
    pub(crate) async fn drop_demo(&self) -> Result<()> {
        self.local.remove_source(demo::SOURCE).await?;
        self.local.replace_sample_notes(&[]).await?;
        Ok(())
    }
}
