//! GitHub (REST API, `Bearer` with a fine-grained read-only token): the releases and successful
//! deployments of the repositories the user lists (`--repo owner/name`), as updates shipped
//! (the model's changes), so a story can say how often the team ships while nothing breaks.
//!
//! What it reads for each repository, and why no more:
//! - `GET /repos/{o}/{r}/releases`, newest first, 100 a page, following `Link` pages only
//!   while they still hold releases created since the last sync (or within the history
//!   setting on a first sync). Drafts are left out; a release counts when it was published.
//! - `GET /repos/{o}/{r}/deployments` the same way, and `GET …/deployments/{id}/statuses` for
//!   each deployment created since the last sync and for each one the last sync saw still
//!   pending: a deployment counts at its first `success` status, and only then. GitHub deletes
//!   statuses after 90 days, so older deployments are not asked about.
//! - Both lists' first pages are asked with `If-None-Match` and the tag GitHub gave last time
//!   (kept in the cursor, per repository and list). Unchanged, GitHub answers 304, which costs
//!   nothing against the rate limit: an unchanged resync is two requests per repository, one
//!   per list (the REST API has no single list of both).
//!
//! Rate limits (`x-ratelimit-remaining`/`x-ratelimit-reset`, a 403 or 429 with none left) are
//! waited out in [`crate::http`]; a repository GitHub does not show this token is a 404 that
//! names it.

mod api;

use crate::{Context, Fetched, Result, Source, text, time};
use api::{Api, Listing, Repo};
use async_trait::async_trait;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use unsung_core::Change;

/// The public API, when no address is given (GitHub Enterprise Server: `https://HOST/api/v3`).
pub const API: &str = "https://api.github.com";

pub struct GitHub;

/// Bumped when the cursor's meaning changes; an older cursor means a first sync again.
const CURSOR_VERSION: u32 = 1;
/// A resync reads back a little before the last one, so an item GitHub listed late is not
/// missed; ids are stable, so reading one twice changes nothing.
const RESYNC_OVERLAP: Duration = Duration::hours(1);
/// GitHub keeps deployment statuses for 90 days.
const STATUSES_KEPT: Duration = Duration::days(90);
/// A deployment with no final status a day after it began is not asked about again.
const SETTLE_WITHIN: Duration = Duration::days(1);

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Cursor {
    version: u32,
    /// The history setting's start when the lists were first read.
    from: DateTime<Utc>,
    /// When the last sync ran.
    through: DateTime<Utc>,
    /// By `owner/name`.
    repos: BTreeMap<String, RepoCursor>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct RepoCursor {
    /// The first pages' tags, for `If-None-Match`.
    releases: Option<String>,
    deployments: Option<String>,
    /// Deployments with no final status yet, by id: asked again.
    #[serde(default)]
    unsettled: BTreeMap<u64, Pending>,
}

/// A deployment still pending: when it was created and what it will be called.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Pending {
    created: DateTime<Utc>,
    summary: String,
}

impl Cursor {
    fn read(value: &Value, history_start: DateTime<Utc>) -> Option<Cursor> {
        if value.is_null() {
            return None;
        }
        match serde_json::from_value::<Cursor>(value.clone()) {
            // A longer history setting than last time: read the lists again.
            Ok(cursor) if cursor.version == CURSOR_VERSION && cursor.from <= history_start => {
                Some(cursor)
            }
            Ok(_) => None,
            Err(_) => {
                tracing::warn!("GitHub cursor not understood; reading the history again");
                None
            }
        }
    }
}

#[derive(Debug, Deserialize)]
struct Release {
    id: u64,
    #[serde(default)]
    tag_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    draft: Option<bool>,
    #[serde(default)]
    published_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Deployment {
    id: u64,
    #[serde(default, rename = "ref")]
    git_ref: Option<String>,
    #[serde(default)]
    environment: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DeploymentStatus {
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    created_at: Option<String>,
}

#[async_trait]
impl Source for GitHub {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let api = Api::new(cx)?;
        let repos = repos(cx)?;
        for repo in &repos {
            api.object(repo, &[]).await?;
        }
        Ok(match repos.len() {
            1 => format!("Connected to GitHub: {}", repos[0].full()),
            n => format!("Connected to GitHub: {n} repositories"),
        })
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        let api = Api::new(cx)?;
        let repos = repos(cx)?;
        let history_start = cx.history_start();
        let cursor = Cursor::read(cx.cursor, history_start);
        // Lists are read back to here; deployments' statuses no further than GitHub keeps them.
        let since = cursor.as_ref().map_or(history_start, |c| {
            (c.through - RESYNC_OVERLAP).max(history_start)
        });
        let mut fetched = Fetched::default();
        let mut next = BTreeMap::new();
        for repo in &repos {
            let full = repo.full();
            cx.report(format!("releases and deployments of {full}"));
            let last = cursor
                .as_ref()
                .and_then(|c| c.repos.get(&full))
                .cloned()
                .unwrap_or_default();
            let mut sync = RepoSync {
                api: &api,
                repo,
                since,
                history_start,
                changes: Vec::new(),
            };
            let releases = sync.releases(last.releases.clone()).await?;
            let (deployments, unsettled) = sync.deployments(&last).await?;
            fetched.data.changes.extend(sync.changes);
            next.insert(
                full,
                RepoCursor {
                    releases,
                    deployments,
                    unsettled,
                },
            );
        }
        fetched
            .data
            .changes
            .sort_by(|a, b| (a.at, &a.id).cmp(&(b.at, &b.id)));
        fetched.cursor = serde_json::to_value(Cursor {
            version: CURSOR_VERSION,
            from: cursor.as_ref().map_or(history_start, |c| c.from),
            through: cx.now,
            repos: next,
        })
        .unwrap_or(Value::Null);
        cx.report(format!("{} updates shipped", fetched.data.changes.len()));
        Ok(fetched)
    }
}

/// Whether `text` names a repository as `owner/name`, before a source is saved.
pub fn check_repo(text: &str) -> Result<()> {
    Repo::parse(text).map(|_| ())
}

/// The configured repositories, each once, checked before any request.
fn repos(cx: &Context<'_>) -> Result<Vec<Repo>> {
    let mut repos: Vec<Repo> = Vec::new();
    for text in cx.config.repos.iter().filter(|r| !r.trim().is_empty()) {
        let repo = Repo::parse(text)?;
        if !repos
            .iter()
            .any(|r| r.full().eq_ignore_ascii_case(&repo.full()))
        {
            repos.push(repo);
        }
    }
    if repos.is_empty() {
        return Err(crate::SourceError::invalid(
            "A github source needs at least one repository, as owner/name",
        ));
    }
    Ok(repos)
}

/// Whether the oldest item of a newest-first page was created at or after `since`: then the
/// next page may hold more that are.
fn reaches(page: &[Value], since: DateTime<Utc>) -> bool {
    page.last()
        .and_then(|item| item.get("created_at")?.as_str().and_then(time::parse))
        .is_some_and(|at| at >= since)
}

/// Items of a page that read as `T`; others are left out with a warning, not the sync.
fn readable<T: serde::de::DeserializeOwned>(items: Vec<Value>, what: &str) -> Vec<T> {
    let count = items.len();
    let read: Vec<T> = items
        .into_iter()
        .filter_map(|item| serde_json::from_value(item).ok())
        .collect();
    if read.len() < count {
        tracing::warn!(
            what,
            left_out = count - read.len(),
            "unreadable items left out"
        );
    }
    read
}

/// One repository's part of a sync.
struct RepoSync<'s, 'c, 'a> {
    api: &'s Api<'c, 'a>,
    repo: &'s Repo,
    since: DateTime<Utc>,
    history_start: DateTime<Utc>,
    changes: Vec<Change>,
}

impl RepoSync<'_, '_, '_> {
    fn change(&mut self, external_id: String, at: DateTime<Utc>, summary: String) {
        let cx = self.api.cx;
        self.changes.push(Change {
            id: cx.id(&external_id),
            source: cx.name.to_string(),
            service_id: None,
            at,
            summary,
        });
    }

    /// Published releases since `since`; the first page's tag for next time.
    async fn releases(&mut self, etag: Option<String>) -> Result<Option<String>> {
        let since = self.since;
        let listing = self
            .api
            .list(self.repo, &["releases"], etag.as_deref(), |page| {
                reaches(page, since)
            })
            .await?;
        let (items, etag) = match listing {
            Listing::Unchanged => return Ok(etag),
            Listing::Read { items, etag } => (items, etag),
        };
        let full = self.repo.full();
        for release in readable::<Release>(items, "releases") {
            if release.draft == Some(true) {
                continue;
            }
            let Some(at) = release.published_at.as_deref().and_then(time::parse) else {
                continue;
            };
            if at < self.history_start || at > self.api.cx.now {
                continue;
            }
            let label = release
                .name
                .as_deref()
                .map(text::clean)
                .filter(|n| !n.is_empty())
                .or(release.tag_name.clone())
                .unwrap_or_default();
            let summary = text::title(&format!("Released {label} of {full}"), "A release");
            self.change(format!("{full}/release/{}", release.id), at, summary);
        }
        Ok(etag)
    }

    /// Deployments that succeeded: those created since `since`, and those the last sync saw
    /// pending. Returns the first page's tag and the deployments still pending.
    async fn deployments(
        &mut self,
        last: &RepoCursor,
    ) -> Result<(Option<String>, BTreeMap<u64, Pending>)> {
        let cx = self.api.cx;
        let since = self.since.max(cx.now - STATUSES_KEPT);
        let listing = self
            .api
            .list(
                self.repo,
                &["deployments"],
                last.deployments.as_deref(),
                |page| reaches(page, since),
            )
            .await?;
        let (read, etag) = match listing {
            Listing::Unchanged => (Vec::new(), last.deployments.clone()),
            Listing::Read { items, etag } => (readable::<Deployment>(items, "deployments"), etag),
        };
        let full = self.repo.full();
        // What to ask about: new deployments, then those left pending (unless listed again).
        let mut ask: BTreeMap<u64, (DateTime<Utc>, String)> = BTreeMap::new();
        for deployment in read {
            let Some(created) = deployment.created_at.as_deref().and_then(time::parse) else {
                continue;
            };
            let id = cx.id(&format!("{full}/deployment/{}", deployment.id));
            if created < since || cx.known.changes.iter().any(|c| c.id == id) {
                continue;
            }
            let summary = format!(
                "Deployed {} to {} of {full}",
                deployment.git_ref.as_deref().unwrap_or("a change"),
                deployment
                    .environment
                    .as_deref()
                    .unwrap_or("an environment")
            );
            ask.insert(deployment.id, (created, summary));
        }
        for (id, pending) in &last.unsettled {
            if pending.created >= cx.now - SETTLE_WITHIN {
                ask.entry(*id)
                    .or_insert_with(|| (pending.created, pending.summary.clone()));
            }
        }
        let mut unsettled = BTreeMap::new();
        for (id, (created, summary)) in ask {
            let number = id.to_string();
            let statuses = match self
                .api
                .list(
                    self.repo,
                    &["deployments", &number, "statuses"],
                    None,
                    |_| true,
                )
                .await?
            {
                Listing::Read { items, .. } => readable::<DeploymentStatus>(items, "statuses"),
                Listing::Unchanged => Vec::new(),
            };
            let succeeded = statuses
                .iter()
                .filter(|s| s.state.as_deref() == Some("success"))
                .filter_map(|s| s.created_at.as_deref().and_then(time::parse))
                .min();
            let summary = text::title(&summary, "A deployment");
            match succeeded {
                Some(at) if at <= cx.now => {
                    self.change(format!("{full}/deployment/{id}"), at, summary);
                }
                _ => {
                    // Newest first: the first status is where it stands.
                    let state = statuses.first().and_then(|s| s.state.as_deref());
                    let pending =
                        matches!(state, None | Some("pending" | "queued" | "in_progress"));
                    if pending && created >= cx.now - SETTLE_WITHIN {
                        unsettled.insert(id, Pending { created, summary });
                    }
                }
            }
        }
        Ok((etag, unsettled))
    }
}
