//! What the connectors reading an API with a token share, written once: the token checked
//! before anything is sent, the address read as a base to build paths on, a cursor read only
//! when its version is understood, the signed requests, and the people a list of incidents
//! names.

use crate::http::{Auth, Http, host_of};
use crate::{Context, Fetched, SourceError, text};
use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::marker::PhantomData;
use unsung_core::{Dataset, Incident};

/// The source's token, trimmed. `tool` names the vendor ("PagerDuty") and `what` the token it
/// issues ("a read-only API token").
pub(crate) fn token<'a>(cx: &Context<'a>, tool: &str, what: &str) -> crate::Result<&'a str> {
    let token = cx.token.map(str::trim).unwrap_or_default();
    if token.is_empty() {
        return Err(SourceError::invalid(format!(
            "{tool} needs {what}. Set one for this source, then sync again."
        )));
    }
    // A token that cannot be sent as a header would fail later with a less useful message.
    if token.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err(SourceError::invalid(format!(
            "The {tool} token contains spaces or line breaks. Copy it again from {tool} and set \
             it for this source again."
        )));
    }
    Ok(token)
}

/// The source's address as a base for paths; `instead` says what to give when it is not one.
pub(crate) fn base(cx: &Context<'_>, instead: &str) -> crate::Result<url::Url> {
    let address = cx.config.base_url();
    url::Url::parse(&address)
        .ok()
        .filter(|url| !url.cannot_be_a_base())
        .ok_or_else(|| {
            SourceError::invalid(format!(
                "\"{}\" is not a web address; {instead}",
                text::shorten(&address, 80)
            ))
        })
}

/// Where a token's requests go and how they are signed: the base address, its host (named in
/// errors) and the `Authorization` header's value (a secret, so this type has no `Debug`).
pub(crate) struct Endpoint {
    pub(crate) base: url::Url,
    host: String,
    authorization: String,
}

impl Endpoint {
    /// `base` with `authorization` sent to it as the `Authorization` header.
    pub(crate) fn new(base: url::Url, authorization: String) -> Endpoint {
        Endpoint {
            host: host_of(base.as_str()),
            base,
            authorization,
        }
    }

    /// The token checked (see [`token`]) and the address read as a base (empty means `api`),
    /// the token sent after `scheme` ("Bearer ").
    pub(crate) fn signed(
        cx: &Context<'_>,
        tool: &str,
        what: &str,
        api: &str,
        scheme: &str,
    ) -> crate::Result<Endpoint> {
        let token = token(cx, tool, what)?;
        let base = base(cx, &format!("leave the address empty for {api}"))?;
        Ok(Endpoint::new(base, format!("{scheme}{token}")))
    }

    /// The address of `segments` under the base, each segment escaped (ids come from outside).
    pub(crate) fn url(&self, segments: &[&str]) -> url::Url {
        under(&self.base, segments)
    }

    pub(crate) fn auth(&self) -> Auth<'_> {
        Auth::Header("Authorization", &self.authorization)
    }

    /// An answer from this host that cannot be read.
    pub(crate) fn bad(&self, what: impl std::fmt::Display) -> SourceError {
        SourceError::bad_response(&self.host, what)
    }

    /// A signed GET of `url` asking for JSON, read as `T`.
    pub(crate) async fn get_json<T: DeserializeOwned>(
        &self,
        http: &Http,
        url: &url::Url,
        query: &[(&str, String)],
    ) -> crate::Result<T> {
        let accept = [("Accept", "application/json")];
        self.get(http, url.as_str(), query, &accept).await
    }

    /// A signed GET of `url`, its JSON read as `T`.
    pub(crate) async fn get<T: DeserializeOwned>(
        &self,
        http: &Http,
        url: &str,
        query: &[(&str, String)],
        headers: &[(&str, &str)],
    ) -> crate::Result<T> {
        let body: Value = http.get_json(url, query, self.auth(), headers).await?;
        serde_json::from_value(body).map_err(|e| self.bad(text::shorten(&e.to_string(), 100)))
    }
}

/// The address of `segments` under `base`, each segment escaped (ids come from outside).
pub(crate) fn under(base: &url::Url, segments: &[&str]) -> url::Url {
    let mut url = base.clone();
    if let Ok(mut path) = url.path_segments_mut() {
        path.pop_if_empty().extend(segments);
    }
    url
}

/// The last sync's cursor when its `version` is the one this code writes; `None` before a
/// first sync, and (logged) for a cursor not understood, which means reading everything again.
pub(crate) fn cursor<T: DeserializeOwned>(value: &Value, version: u32, tool: &str) -> Option<T> {
    if value.is_null() {
        return None;
    }
    let understood = value.get("version").and_then(Value::as_u64) == Some(u64::from(version));
    match serde_json::from_value::<T>(value.clone()) {
        Ok(cursor) if understood => Some(cursor),
        _ => {
            tracing::warn!("{tool} cursor not understood; reading the whole history again");
            None
        }
    }
}

/// A page of the vendor's to link an incident to: only an `https://` address, trimmed (a
/// `javascript:` or plain-HTTP value from outside is no link).
pub(crate) fn web_link(url: Option<&str>) -> Option<String> {
    url.map(str::trim)
        .filter(|url| url.starts_with("https://"))
        .map(str::to_string)
}

/// A sync's data as it is handed back: incidents in the order they opened, and everyone they
/// name.
pub(crate) fn settle(data: &mut Dataset) {
    data.incidents
        .sort_by(|a, b| (a.opened_at, &a.id).cmp(&(b.opened_at, &b.id)));
    data.people = people(&data.incidents);
}

/// What "Test connection" says: the tool and how many `one`s (plural `many`) it holds, when
/// the vendor says.
pub(crate) fn connected(tool: &str, count: Option<u64>, one: &str, many: &str) -> String {
    match count {
        Some(1) => format!("Connected to {tool}: 1 {one}"),
        Some(count) => format!("Connected to {tool}: {count} {many}"),
        None => format!("Connected to {tool}"),
    }
}

/// Everyone `incidents` name (who resolved them, who responded), each once, in order.
pub(crate) fn people(incidents: &[Incident]) -> Vec<String> {
    let mut people: Vec<String> = Vec::new();
    for incident in incidents {
        for name in incident.resolved_by.iter().chain(&incident.responders) {
            if !people.contains(name) {
                people.push(name.clone());
            }
        }
    }
    people
}

/// A connector's cursor as stored: the version its code writes, the span of creation times
/// read (`from`) and when changes were read up to (`through`), and what else the connector
/// keeps (`kept`, its fields beside these in the one JSON object).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Cursor<T> {
    pub(crate) version: u32,
    pub(crate) from: DateTime<Utc>,
    pub(crate) through: DateTime<Utc>,
    #[serde(flatten)]
    pub(crate) kept: T,
}

impl<T: Serialize> Cursor<T> {
    /// The cursor after a sync that read from `since` up to `now`: the `last` one's span
    /// widened by it.
    pub(crate) fn after(
        last: Option<&Self>,
        version: u32,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        kept: T,
    ) -> Cursor<T> {
        let (from, through) = match last {
            Some(last) => (last.from.min(since), last.through.max(now)),
            None => (since, now),
        };
        Cursor {
            version,
            from,
            through,
            kept,
        }
    }

    /// Ends a sync: its data settled (see [`settle`]) and this cursor kept for the next one.
    pub(crate) fn finish(self, fetched: &mut Fetched) {
        settle(&mut fetched.data);
        fetched.cursor = serde_json::to_value(self).unwrap_or(Value::Null);
    }
}

/// What a sync of an incident tool carries from start to end: the last sync's cursor, the
/// store's incidents of this source by id, and what it will hand back.
pub(crate) struct Progress<T> {
    pub(crate) cursor: Option<Cursor<T>>,
    pub(crate) known: HashMap<String, Incident>,
    pub(crate) fetched: Fetched,
    /// Where each incident kept so far sits in `fetched`, so keeping one is not a search
    /// through every one before it (a first sync of 100,000 incidents made that quadratic).
    kept_at: HashMap<String, usize>,
}

impl<T: DeserializeOwned> Progress<T> {
    /// A sync's start: `tool`'s cursor read when its `version` is understood (see [`cursor`]).
    pub(crate) fn start(cx: &Context<'_>, version: u32, tool: &str) -> Progress<T> {
        Progress {
            cursor: cursor(cx.cursor, version, tool),
            known: cx.known_incidents(),
            fetched: Fetched::default(),
            kept_at: HashMap::new(),
        }
    }
}

impl<T> Progress<T> {
    /// `incident` in what this sync hands back, in place of an earlier reading of it (a later
    /// page or update may tell the same incident again).
    pub(crate) fn keep(&mut self, incident: Incident) {
        let incidents = &mut self.fetched.data.incidents;
        match self.kept_at.get(&incident.id) {
            Some(&at) => incidents[at] = incident,
            None => {
                self.kept_at.insert(incident.id.clone(), incidents.len());
                incidents.push(incident);
            }
        }
    }
}

impl<T: Serialize> Progress<T> {
    /// Ends the sync that read from `since` up to `now` (see [`Cursor::after`] and
    /// [`Cursor::finish`]).
    pub(crate) fn finish(
        &mut self,
        version: u32,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        kept: T,
    ) {
        Cursor::after(self.cursor.as_ref(), version, since, now, kept).finish(&mut self.fetched);
    }
}

/// What reaching a vendor's API with a token takes: its name ("PagerDuty", as messages say
/// it), the token it issues with its article ("a read-only API token"), its public API (used
/// when no address is given) and what goes before the token in `Authorization` ("Bearer ").
pub(crate) struct Facts {
    tool: &'static str,
    token: &'static str,
    api: &'static str,
    scheme: &'static str,
}

impl Facts {
    pub(crate) const fn new(
        tool: &'static str,
        token: &'static str,
        api: &'static str,
        scheme: &'static str,
    ) -> Facts {
        Facts {
            tool,
            token,
            api,
            scheme,
        }
    }
}

/// A vendor whose API takes a token.
pub(crate) trait Vendor {
    const FACTS: Facts;
}

/// One sync's view of a vendor's API: the sync's context and the signed endpoint. Each
/// connector adds its own reads in an `impl` for its vendor.
pub(crate) struct Api<'c, 'a, V> {
    pub(crate) cx: &'c Context<'a>,
    pub(crate) endpoint: Endpoint,
    vendor: PhantomData<V>,
}

impl<'c, 'a, V: Vendor> Api<'c, 'a, V> {
    pub(crate) fn new(cx: &'c Context<'a>) -> crate::Result<Self> {
        let Facts {
            tool,
            token,
            api,
            scheme,
        } = V::FACTS;
        let endpoint = Endpoint::signed(cx, tool, token, api, scheme)?;
        Ok(Api {
            cx,
            endpoint,
            vendor: PhantomData,
        })
    }

    /// An answer from this vendor that cannot be read.
    pub(crate) fn bad(&self, what: impl std::fmt::Display) -> SourceError {
        self.endpoint.bad(what)
    }
}

#[cfg(test)]
mod cursor_tests {
    use super::{Cursor, cursor};
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct Kept {
        #[serde(default)]
        users: std::collections::BTreeMap<String, String>,
    }

    #[test]
    fn a_stored_cursor_reads_and_writes_back_as_one_flat_object() {
        let stored = json!({
            "version": 1,
            "from": "2026-01-01T00:00:00Z",
            "through": "2026-02-01T00:00:00Z",
            "users": {"U1": "Ada"},
        });
        let read: Cursor<Kept> = cursor(&stored, 1, "Test").expect("understood");
        assert_eq!(read.kept.users["U1"], "Ada");
        assert_eq!(serde_json::to_value(&read).unwrap(), stored);
        assert!(cursor::<Cursor<Kept>>(&stored, 2, "Test").is_none());
    }
}
