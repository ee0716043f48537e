//! Thank-you notes as each team chat's own request: the payload its documentation describes,
//! with every piece of outside text (names and message) kept inert in that platform's markup,
//! and its answer read into one [`Outcome`] that says whether the note arrived, may have
//! arrived, should wait, or was refused.
//!
//! One file per platform builds the request; this one sends it and reads the answer.

mod discord;
mod escape;
mod matrix;
mod slack;
mod teams;

pub use escape::{markdown_escaped, slack_escaped};

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Slack,
    Mattermost,
    Discord,
    Teams,
    Matrix,
}

impl ChatKind {
    pub const ALL: [ChatKind; 5] = [
        ChatKind::Slack,
        ChatKind::Mattermost,
        ChatKind::Discord,
        ChatKind::Teams,
        ChatKind::Matrix,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ChatKind::Slack => "slack",
            ChatKind::Mattermost => "mattermost",
            ChatKind::Discord => "discord",
            ChatKind::Teams => "teams",
            ChatKind::Matrix => "matrix",
        }
    }

    pub fn parse(text: &str) -> Option<ChatKind> {
        ChatKind::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// True when sending the same note again can never show it twice (Matrix's transaction
    /// ids); webhooks have no such key, so a retry after an unknown outcome may duplicate.
    pub fn is_idempotent(self) -> bool {
        self == ChatKind::Matrix
    }
}

/// A note as it is posted: `headline` ("Ana thanked Ben and Carla") and the message, both
/// outside text to be escaped. `id` is the note's id (Matrix's transaction id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatNote {
    pub id: String,
    pub headline: String,
    pub message: String,
}

/// Where a note goes, with its secret (webhook URL or access token) held only in memory.
#[derive(Clone, PartialEq, Eq)]
pub enum ChatTarget {
    Webhook {
        kind: ChatKind,
        url: String,
    },
    Matrix {
        homeserver: String,
        room: String,
        token: String,
    },
}

impl std::fmt::Debug for ChatTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChatTarget::Webhook { kind, .. } => write!(f, "Webhook({})", kind.as_str()),
            ChatTarget::Matrix {
                homeserver, room, ..
            } => write!(f, "Matrix({homeserver}, {room})"),
        }
    }
}

impl ChatTarget {
    pub fn kind(&self) -> ChatKind {
        match self {
            ChatTarget::Webhook { kind, .. } => *kind,
            ChatTarget::Matrix { .. } => ChatKind::Matrix,
        }
    }
}

/// A request ready to send: exactly the bytes the platform receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChatRequest {
    pub method: reqwest::Method,
    pub url: String,
    pub bearer: Option<String>,
    pub body: Vec<u8>,
}

/// What happened to one delivery.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Delivered,
    /// Not delivered: the platform asked to wait (rate limit), or could not be reached.
    Later {
        after: Option<Duration>,
        reason: String,
    },
    /// The platform answered in a way that may or may not mean the note was posted (a broken
    /// connection after the request went out, a server error).
    Unknown(String),
    /// The platform refused it (bad payload, revoked webhook, wrong token): retrying the same
    /// request will not help.
    Refused(String),
}

/// An HTTP client for chats: rustls, `timeout` per request, no redirects (a webhook that
/// redirects elsewhere is not followed with the note).
pub fn client(timeout: Duration) -> Result<reqwest::Client, String> {
    // reqwest is built without a TLS provider of its own (the workspace chose ring).
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(timeout)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())
}

/// The request that posts `note` to `target`.
pub fn request(target: &ChatTarget, note: &ChatNote) -> ChatRequest {
    match target {
        ChatTarget::Webhook { kind, url } => {
            let body = match kind {
                ChatKind::Slack => slack::slack_body(note),
                ChatKind::Mattermost => slack::mattermost_body(note),
                ChatKind::Discord => discord::body(note),
                ChatKind::Teams => teams::body(note),
                ChatKind::Matrix => unreachable!("Matrix is not a webhook"),
            };
            let url = if *kind == ChatKind::Discord {
                discord::waiting_url(url)
            } else {
                url.clone()
            };
            ChatRequest {
                method: reqwest::Method::POST,
                url,
                bearer: None,
                body,
            }
        }
        ChatTarget::Matrix {
            homeserver,
            room,
            token,
        } => ChatRequest {
            method: reqwest::Method::PUT,
            url: matrix::send_url(homeserver, room, &note.id),
            bearer: Some(token.clone()),
            body: matrix::body(note),
        },
    }
}

/// Posts `note` once and says what happened; never retries by itself.
pub async fn post(client: &reqwest::Client, target: &ChatTarget, note: &ChatNote) -> Outcome {
    let prepared = request(target, note);
    let mut builder = client
        .request(prepared.method, &prepared.url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .body(prepared.body);
    if let Some(token) = &prepared.bearer {
        builder = builder.bearer_auth(token);
    }
    let response = match builder.send().await {
        Ok(response) => response,
        Err(error) if error.is_connect() => {
            return Outcome::Later {
                after: None,
                reason: format!("{} could not be reached", target.kind().as_str()),
            };
        }
        Err(error) => {
            return Outcome::Unknown(format!(
                "no answer from {} ({})",
                target.kind().as_str(),
                without_url(&error)
            ));
        }
    };
    let status = response.status();
    let retry_after = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .map(Duration::from_secs_f64);
    let body = response.text().await.unwrap_or_default();
    let answer = Answer {
        status: status.as_u16(),
        retry_after,
        body: &body,
    };
    match target.kind() {
        ChatKind::Slack | ChatKind::Mattermost | ChatKind::Teams => answer.webhook(),
        ChatKind::Discord => discord::outcome(&answer),
        ChatKind::Matrix => matrix::outcome(&answer),
    }
}

/// A platform's answer, as the per-platform readers see it.
pub(crate) struct Answer<'a> {
    pub status: u16,
    pub retry_after: Option<Duration>,
    pub body: &'a str,
}

impl Answer<'_> {
    /// The answer of a plain webhook: 2xx posted, 429 wait, other 4xx refused (with the
    /// platform's own words, such as Slack's `invalid_payload`), 5xx unknown.
    pub fn webhook(&self) -> Outcome {
        match self.status {
            200..=299 => Outcome::Delivered,
            429 => Outcome::Later {
                after: self.retry_after,
                reason: "rate limited".into(),
            },
            400..=499 => Outcome::Refused(format!("{} {}", self.status, self.short_body())),
            _ => Outcome::Unknown(format!(
                "server error {} {}",
                self.status,
                self.short_body()
            )),
        }
    }

    /// The body, short and on one line, for messages.
    pub fn short_body(&self) -> String {
        let line: String = self.body.split_whitespace().collect::<Vec<_>>().join(" ");
        line.chars().take(200).collect()
    }
}

/// reqwest's error without the URL (a webhook URL is a secret).
fn without_url(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    if let Some(url) = error.url() {
        text = text.replace(url.as_str(), "the webhook");
    }
    text
}
