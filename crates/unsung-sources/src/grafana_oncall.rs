//! Grafana OnCall (self-hosted) and Grafana Cloud IRM: alert groups are the incidents of teams
//! paged by Grafana, read with a read-only API token and mapped into the core model.
//!
//! What it reads, and why it reads no more:
//! - `GET /api/v1/alert_groups/`, which lists the newest first, page by page following
//!   Django's `next` until a page holds only groups older than what is wanted (the history on
//!   a first sync; a resync, what came since the last one): the API has no filter on change
//!   time, so an unchanged resync is this one page;
//! - `GET /api/v1/alert_groups/{id}/` for each group the store still holds open (new,
//!   acknowledged or silenced: silencing quiets a page, it fixes nothing) that the pages read
//!   did not list;
//! - `GET /api/v1/users/`, all pages, only when a group names someone (`resolved_by`,
//!   `acknowledged_by` are user ids) this source has not named yet; the names are kept with
//!   the cursor.
//!
//! Self-hosted OnCall takes the token in `Authorization` as it is; Grafana Cloud takes
//! `Bearer <token>` and the stack's address in `X-Grafana-URL`.

use crate::connect::Endpoint;
use crate::{Context, Fetched, Result, Source, SourceError, SourceErrorKind, connect, text, time};
use async_trait::async_trait;
use chrono::Duration;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use unsung_core::{Disposition, Incident, Severity};

pub struct GrafanaOnCall;

/// A resync reads again from a little before the last one ended, so a group recorded late is
/// not missed; ids are stable, so reading one twice changes nothing.
const RESYNC_OVERLAP: Duration = Duration::minutes(10);
/// Bumped when the cursor's meaning changes; an older cursor means a first sync again.
const CURSOR_VERSION: u32 = 1;
/// A listing that never ends (a server whose `next` goes round) stops here.
const MAX_PAGES: usize = 10_000;
const MAX_NAME_CHARS: usize = 100;

#[async_trait]
impl Source for GrafanaOnCall {
    async fn check(&self, cx: &Context<'_>) -> Result<String> {
        let api = Api::new(cx)?;
        let page: Page<Value> = api.get(&api.url(&["alert_groups"]), &[]).await?;
        Ok(connect::connected(
            "Grafana OnCall",
            page.count,
            "alert group",
            "alert groups",
        ))
    }

    async fn fetch(&self, cx: &Context<'_>) -> Result<Fetched> {
        Sync::new(Api::new(cx)?).run().await
    }
}

/// A Django REST framework page.
#[derive(Debug, Deserialize)]
struct Page<T> {
    #[serde(default)]
    count: Option<u64>,
    #[serde(default)]
    next: Option<String>,
    results: Vec<T>,
}

#[derive(Debug, Deserialize)]
struct AlertGroup {
    id: String,
    #[serde(default)]
    created_at: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    alert_group_number: Option<u64>,
    /// new, acknowledged, resolved or silenced.
    #[serde(default)]
    state: Option<String>,
    #[serde(default)]
    acknowledged_at: Option<String>,
    #[serde(default)]
    acknowledged_by: Option<String>,
    #[serde(default)]
    resolved_at: Option<String>,
    #[serde(default)]
    resolved_by: Option<String>,
    #[serde(default)]
    permalinks: Option<Permalinks>,
}

#[derive(Debug, Deserialize)]
struct Permalinks {
    #[serde(default)]
    web: Option<String>,
}

#[derive(Debug, Deserialize)]
struct User {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    username: Option<String>,
}

/// The API as this token sees it.
struct Api<'c, 'a> {
    cx: &'c Context<'a>,
    /// The address up to and including `/api/v1/`, signed with the token (with `Bearer ` for
    /// Grafana Cloud).
    endpoint: Endpoint,
    stack_url: Option<String>,
}

impl<'c, 'a> Api<'c, 'a> {
    fn new(cx: &'c Context<'a>) -> Result<Api<'c, 'a>> {
        let token = connect::token(
            cx,
            "Grafana OnCall",
            "an API token (OnCall, Settings, API tokens)",
        )?;
        let mut base = connect::base(
            cx,
            "give the OnCall API's address, such as https://oncall.example.com",
        )?;
        // The address may be given with or without the API's path.
        let path = base.path().trim_end_matches('/').to_string();
        let root = path.strip_suffix("/api/v1").unwrap_or(&path);
        base.set_path(&format!("{root}/api/v1/"));
        let stack_url = cx
            .config
            .stack_url
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string);
        // The stack's address goes in a header: it must be one, with nothing else in it.
        if let Some(stack) = stack_url.as_deref()
            && (stack.chars().any(char::is_control)
                || !url::Url::parse(stack).is_ok_and(|u| matches!(u.scheme(), "http" | "https")))
        {
            return Err(SourceError::invalid(format!(
                "\"{}\" is not a web address; give the Grafana stack's address, such as \
                 https://team.grafana.net",
                text::shorten(&text::clean(stack), 80)
            )));
        }
        let authorization = match &stack_url {
            Some(_) => format!("Bearer {token}"),
            None => token.to_string(),
        };
        Ok(Api {
            cx,
            endpoint: Endpoint::new(base, authorization),
            stack_url,
        })
    }

    /// `/api/v1/<segments>/`, each segment escaped, with Django's trailing slash.
    fn url(&self, segments: &[&str]) -> url::Url {
        let mut url = self.endpoint.url(segments);
        if let Ok(mut path) = url.path_segments_mut() {
            path.push("");
        }
        url
    }

    async fn get<T: DeserializeOwned>(
        &self,
        url: &url::Url,
        query: &[(&str, String)],
    ) -> Result<T> {
        let mut headers = vec![("Accept", "application/json")];
        if let Some(stack) = &self.stack_url {
            headers.push(("X-Grafana-URL", stack.as_str()));
        }
        self.endpoint
            .get(self.cx.http, url.as_str(), query, &headers)
            .await
    }

    fn bad(&self, what: impl std::fmt::Display) -> SourceError {
        self.endpoint.bad(what)
    }

    /// The next page's address: `next`'s query on this source's own address, so the token
    /// never follows a link to another host (or to the inside address a proxy leaks).
    fn next_page(&self, first: &url::Url, next: &str) -> Result<url::Url> {
        let next = url::Url::parse(next)
            .or_else(|_| first.join(next))
            .map_err(|_| self.bad("a \"next\" link that is not an address"))?;
        let mut url = first.clone();
        url.set_query(next.query());
        Ok(url)
    }

    /// Pages of `segments`, newest first, until `enough` says a page reached far enough back.
    async fn list<T: DeserializeOwned>(
        &self,
        segments: &[&str],
        enough: impl Fn(&[T]) -> bool,
    ) -> Result<Vec<T>> {
        let first = self.url(segments);
        let mut url = first.clone();
        let mut seen = HashSet::new();
        let mut items = Vec::new();
        for _ in 0..MAX_PAGES {
            let page: Page<T> = self.get(&url, &[]).await?;
            let done = page.results.is_empty() || enough(&page.results);
            items.extend(page.results);
            match page.next.filter(|n| !n.is_empty()) {
                Some(next) if !done => {
                    url = self.next_page(&first, &next)?;
                    if !seen.insert(url.to_string()) {
                        return Err(self.bad("a \"next\" link going round in circles"));
                    }
                }
                _ => return Ok(items),
            }
        }
        Err(self.bad("a list that never ended"))
    }
}

/// What the next sync needs to read only what is new: alert groups created from `from` on
/// were read, and what this connector keeps.
type Cursor = connect::Cursor<Kept>;

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kept {
    /// OnCall's users by id, as named so far.
    #[serde(default)]
    users: BTreeMap<String, String>,
}

struct Sync<'c, 'a> {
    api: Api<'c, 'a>,
    cursor: Option<Cursor>,
}

impl<'c, 'a> Sync<'c, 'a> {
    fn new(api: Api<'c, 'a>) -> Sync<'c, 'a> {
        Sync {
            cursor: connect::cursor(api.cx.cursor, CURSOR_VERSION, "Grafana OnCall"),
            api,
        }
    }

    async fn run(self) -> Result<Fetched> {
        let cx = self.api.cx;
        let history_start = cx.history_start();
        // A longer history setting than last time reads back to it, once.
        let since = match &self.cursor {
            Some(cursor) if cursor.from <= history_start => cursor.through - RESYNC_OVERLAP,
            _ => history_start,
        };
        cx.report(format!("alert groups from {}", since.date_naive()));
        let older = |group: &AlertGroup| {
            group
                .created_at
                .as_deref()
                .and_then(time::parse)
                .is_some_and(|at| at < since)
        };
        let mut groups: Vec<AlertGroup> = self
            .api
            .list(&["alert_groups"], |page: &[AlertGroup]| {
                page.iter().all(older)
            })
            .await?;
        // An older group the store holds open, listed anyway, is read as it is now for free.
        let known_open: HashSet<&str> = cx
            .known
            .incidents
            .iter()
            .filter(|i| i.resolved_at.is_none())
            .map(|i| i.external_id.as_str())
            .collect();
        groups.retain(|group| !older(group) || known_open.contains(group.id.as_str()));
        let mut seen: HashSet<String> = groups.iter().map(|g| g.id.clone()).collect();
        groups.retain(|group| seen.remove(&group.id));
        groups.extend(self.open_groups(&groups).await?);

        let mut users = self
            .cursor
            .as_ref()
            .map(|c| c.kept.users.clone())
            .unwrap_or_default();
        let unnamed = groups
            .iter()
            .flat_map(|g| [&g.resolved_by, &g.acknowledged_by])
            .flatten()
            .any(|id| !id.is_empty() && !users.contains_key(id));
        if unnamed {
            cx.report("who is who");
            let all: Vec<User> = self.api.list(&["users"], |_: &[User]| false).await?;
            for user in all {
                let name = user.name.or(user.username).unwrap_or_default();
                let name = text::shorten(&text::clean(&name), MAX_NAME_CHARS);
                if !name.is_empty() {
                    users.insert(user.id, name);
                }
            }
        }

        let mut fetched = Fetched::default();
        for group in &groups {
            if let Some(incident) = map_group(cx, group, &users) {
                fetched.data.incidents.push(incident);
            }
        }
        let kept = Kept { users };
        Cursor::after(self.cursor.as_ref(), CURSOR_VERSION, since, cx.now, kept)
            .finish(&mut fetched);
        cx.report(format!("{} alert groups", fetched.data.incidents.len()));
        Ok(fetched)
    }

    /// Groups the store holds open that this sync did not list again, as they are now.
    async fn open_groups(&self, listed: &[AlertGroup]) -> Result<Vec<AlertGroup>> {
        let cx = self.api.cx;
        let listed: HashSet<&str> = listed.iter().map(|g| g.id.as_str()).collect();
        let mut open: Vec<&str> = cx
            .known
            .incidents
            .iter()
            .filter(|i| i.resolved_at.is_none() && !listed.contains(i.external_id.as_str()))
            .map(|i| i.external_id.as_str())
            .collect();
        open.sort_unstable();
        if !open.is_empty() {
            cx.report(format!("{} open alert groups", open.len()));
        }
        let mut groups = Vec::new();
        for id in open {
            match self
                .api
                .get(&self.api.url(&["alert_groups", id]), &[])
                .await
            {
                Ok(group) => groups.push(group),
                // Gone from OnCall (or no longer visible to this token): keep what is stored.
                Err(error) if error.kind == SourceErrorKind::NotFound => {
                    tracing::warn!(group = %id, "open alert group no longer found; kept as stored");
                }
                Err(error) => return Err(error),
            }
        }
        Ok(groups)
    }
}

/// One alert group as an incident; `None` (logged) when its times cannot be read.
fn map_group(
    cx: &Context<'_>,
    group: &AlertGroup,
    users: &BTreeMap<String, String>,
) -> Option<Incident> {
    let Some(opened_at) = group.created_at.as_deref().and_then(time::parse) else {
        tracing::warn!(group = %group.id, "alert group skipped: unreadable created_at");
        return None;
    };
    // Silenced, acknowledged or new: not fixed, whatever else it says.
    let resolved_at = if group.state.as_deref() == Some("resolved")
        || (group.state.is_none() && group.resolved_at.is_some())
    {
        match group.resolved_at.as_deref().and_then(time::parse) {
            Some(at) if at >= opened_at => Some(at),
            _ => {
                tracing::warn!(group = %group.id, "alert group skipped: unreadable resolved_at");
                return None;
            }
        }
    } else {
        None
    };
    let name = |id: &Option<String>| id.as_deref().and_then(|id| users.get(id)).cloned();
    let resolved_by = name(&group.resolved_by).filter(|_| resolved_at.is_some());
    let mut responders: Vec<String> = Vec::new();
    for person in [name(&group.acknowledged_by), resolved_by.clone()]
        .into_iter()
        .flatten()
    {
        if !responders.contains(&person) {
            responders.push(person);
        }
    }
    let fallback = match group.alert_group_number {
        Some(number) => format!("Alert group #{number}"),
        None => "Untitled alert group".to_string(),
    };
    let title = text::title(group.title.as_deref().unwrap_or_default(), &fallback);
    Some(Incident {
        id: cx.id(&group.id),
        source: cx.name.to_string(),
        external_id: group.id.clone(),
        service_id: None,
        kind: cx.problem_kind(&title),
        title,
        // OnCall has no severity of its own.
        severity: Severity::Minor,
        opened_at,
        acknowledged_at: group
            .acknowledged_at
            .as_deref()
            .and_then(time::parse)
            .filter(|at| *at >= opened_at),
        resolved_at,
        resolved_by,
        responders,
        notes: Vec::new(),
        disposition: Disposition::Counted,
        link: connect::web_link(group.permalinks.as_ref().and_then(|p| p.web.as_deref())),
        source_explanation: None,
        explanation: None,
    })
}
