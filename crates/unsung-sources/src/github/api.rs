//! The one place that talks to GitHub's REST API: the token and the headers GitHub asks for,
//! repositories named safely, conditional first pages (`If-None-Match`) and `Link` paging that
//! never leaves the API's own address, and errors that name the repository.

use super::API;
use crate::connect::{self, Facts, Vendor};
use crate::http::parse_json;
use crate::{Result, SourceError, SourceErrorKind, text};
use serde_json::Value;

/// GitHub's largest page.
const PER_PAGE: &str = "100";
/// The REST API version the payloads are read in.
const API_VERSION: &str = "2022-11-28";

/// One repository, as `owner/name`, checked to be only that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Repo {
    pub(super) owner: String,
    pub(super) name: String,
}

impl Repo {
    pub(super) fn parse(text: &str) -> Result<Repo> {
        let allowed = |part: &str| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        };
        match text.trim().split_once('/') {
            Some((owner, name)) if allowed(owner) && allowed(name) => Ok(Repo {
                owner: owner.to_string(),
                name: name.trim_end_matches(".git").to_string(),
            }),
            _ => Err(SourceError::invalid(format!(
                "\"{}\" is not a GitHub repository; give it as owner/name, such as \
                 octocat/hello-world",
                text::shorten(&text::clean(text), 80)
            ))),
        }
    }

    /// `owner/name`, as the cursor and the messages say it.
    pub(super) fn full(&self) -> String {
        format!("{}/{}", self.owner, self.name)
    }
}

/// A list's first page and what followed it.
pub(super) enum Listing {
    /// 304: nothing changed since the tag sent.
    Unchanged,
    /// The items of the pages read, newest first, and the first page's tag.
    Read {
        items: Vec<Value>,
        etag: Option<String>,
    },
}

/// The token GitHub issues, as messages ask for it.
const TOKEN: &str = "a fine-grained token with read access to Contents and Deployments of the \
             repositories";

/// The API as this token sees it.
pub(super) type Api<'c, 'a> = connect::Api<'c, 'a, super::GitHub>;

impl Vendor for super::GitHub {
    const FACTS: Facts = Facts::new("GitHub", TOKEN, API, "Bearer ");
}

impl Api<'_, '_> {
    /// The address of `segments` under `repo`, each segment escaped.
    pub(super) fn url(&self, repo: &Repo, segments: &[&str]) -> url::Url {
        let mut url = self
            .endpoint
            .url(&["repos", repo.owner.as_str(), repo.name.as_str()]);
        if let Ok(mut path) = url.path_segments_mut() {
            path.extend(segments);
        }
        url
    }

    /// One GET; `etag` makes it conditional.
    async fn get(
        &self,
        repo: &Repo,
        url: &url::Url,
        etag: Option<&str>,
    ) -> Result<crate::http::Answer> {
        let mut headers = vec![
            ("Accept", "application/vnd.github+json"),
            ("X-GitHub-Api-Version", API_VERSION),
        ];
        if let Some(etag) = etag {
            headers.push(("If-None-Match", etag));
        }
        self.cx
            .http
            .get_answer(url.as_str(), &[], self.endpoint.auth(), &headers)
            .await
            .map_err(|error| self.about(repo, error))
    }

    /// One JSON object (`/repos/{o}/{r}`, for "Test connection").
    pub(super) async fn object(&self, repo: &Repo, segments: &[&str]) -> Result<Value> {
        let url = self.url(repo, segments);
        let answer = self.get(repo, &url, None).await?;
        parse_json(url.as_str(), &answer.body.unwrap_or_default())
    }

    /// A list, newest first, read page by page while `more` says the last page read may be
    /// followed by items still wanted. With `etag`, an unchanged first page is one 304.
    pub(super) async fn list(
        &self,
        repo: &Repo,
        segments: &[&str],
        etag: Option<&str>,
        more: impl Fn(&[Value]) -> bool,
    ) -> Result<Listing> {
        let mut url = self.url(repo, segments);
        url.query_pairs_mut().append_pair("per_page", PER_PAGE);
        let first = self.get(repo, &url, etag).await?;
        let first_etag = first.etag.clone();
        let mut answer = first;
        let mut items = Vec::new();
        loop {
            let Some(body) = answer.body else {
                if items.is_empty() {
                    return Ok(Listing::Unchanged);
                }
                return Err(self.bad("\"not modified\" for a page not asked about"));
            };
            let page: Vec<Value> = parse_json(url.as_str(), &body)?;
            let wanted = !page.is_empty() && more(&page);
            items.extend(page);
            let next = match answer.next.as_deref() {
                Some(next) if wanted => self.same_api(next)?,
                _ => break,
            };
            url = next;
            answer = self.get(repo, &url, None).await?;
        }
        Ok(Listing::Read {
            items,
            etag: first_etag,
        })
    }

    /// A `Link` address, only when it is the API's own: the token goes nowhere else.
    fn same_api(&self, next: &str) -> Result<url::Url> {
        url::Url::parse(next)
            .ok()
            .filter(|url| url.origin() == self.endpoint.base.origin())
            .ok_or_else(|| self.bad("a next page at another address"))
    }

    /// An error with the repository named and what to do on GitHub.
    fn about(&self, repo: &Repo, error: SourceError) -> SourceError {
        let full = repo.full();
        match error.kind {
            SourceErrorKind::NotFound => SourceError::new(
                SourceErrorKind::NotFound,
                format!(
                    "GitHub has no repository {full} that this token can read (HTTP 404). \
                     Earlier data is kept; check the name, and that the token is given access \
                     to {full}, then sync again."
                ),
            ),
            SourceErrorKind::Unauthorized => SourceError::new(
                SourceErrorKind::Unauthorized,
                format!(
                    "GitHub refused the token for {full}. Earlier data is kept; set a \
                     fine-grained token with read access to Contents and Deployments of \
                     {full}, then sync again."
                ),
            ),
            _ => error,
        }
    }
}
