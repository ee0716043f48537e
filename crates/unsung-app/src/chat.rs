//! Thank-yous in the team's chat: the channels (Slack, Mattermost, Discord, Microsoft Teams,
//! Matrix) with their webhook URLs or access tokens in the keychain, and an outbox per channel
//! that a posted note enters at once and leaves when the channel has it.
//!
//! Guarantees: a note written offline waits and goes when the network is back, oldest first.
//! Matrix gets the note's id as its transaction id, so it shows once however often it is sent.
//! Webhooks have no such key: when a delivery gets no clear answer it is sent again later,
//! and the outbox counts it, so the UI and `unsung channel list` say it may show twice.

use crate::{App, AppError, Lang, Result};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use ts_rs::TS;
use unsung_core::ThankYou;
use unsung_core::locale::{format_list, locale};
use unsung_deliver::chat::{self, ChatKind, ChatNote, ChatTarget, Outcome};
use unsung_store::{ChatChannel, ChatDelivery};

/// The longest wait a rate limit may ask for before the delivery is left for later.
const LONGEST_WAIT: Duration = Duration::from_secs(10);
/// How long one request to a chat may take.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

fn secret_key(channel: &str) -> String {
    format!("channel:{channel}")
}

/// A new channel, from Settings or the command line. The secret is the webhook URL, or the
/// Matrix access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewChannel {
    /// `slack`, `mattermost`, `discord`, `teams` or `matrix`.
    pub kind: String,
    pub name: String,
    pub secret: String,
    /// Matrix only: `https://matrix.example.org`.
    pub homeserver: Option<String>,
    /// Matrix only: `!room:example.org`.
    pub room: Option<String>,
    pub lang: Lang,
}

/// A channel as the UI sees it: never its URL or token, only whether one is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChannelView {
    pub name: String,
    pub kind: String,
    /// Matrix: the homeserver and room; webhooks: nothing (the URL is a secret).
    pub homeserver: Option<String>,
    pub room: Option<String>,
    pub lang: Lang,
    pub secret_set: bool,
    /// Notes waiting for it.
    pub waiting: u32,
    /// Notes it refused (shown with the reason).
    pub refused: u32,
    /// Notes sent to it again after an unclear answer: they may show twice there.
    pub maybe_twice: u32,
    /// What went wrong last, if anything.
    pub problem: Option<String>,
}

/// What one delivery run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChatReport {
    pub delivered: u32,
    pub waiting: u32,
    pub refused: u32,
    /// Delivered to a webhook after an earlier try got no clear answer: may show twice.
    pub maybe_twice: u32,
    /// One line per problem, naming the channel.
    pub problems: Vec<String>,
}

fn view(channel: ChatChannel, secret_set: bool, deliveries: &[ChatDelivery]) -> ChannelView {
    let own: Vec<&ChatDelivery> = deliveries
        .iter()
        .filter(|d| d.channel == channel.name)
        .collect();
    let count = |state: &str| own.iter().filter(|d| d.state == state).count() as u32;
    let idempotent = ChatKind::parse(&channel.kind).is_some_and(ChatKind::is_idempotent);
    ChannelView {
        waiting: count("waiting"),
        refused: count("refused"),
        maybe_twice: if idempotent {
            0
        } else {
            own.iter().filter(|d| d.unknown_outcomes > 0).count() as u32
        },
        problem: own
            .iter()
            .rev()
            .filter(|d| d.state != "delivered")
            .find_map(|d| d.last_error.clone()),
        lang: Lang::parse(&channel.lang).unwrap_or(Lang::En),
        name: channel.name,
        kind: channel.kind,
        homeserver: channel.homeserver,
        room: channel.room,
        secret_set,
    }
}

fn checked_url(text: &str, what: &str) -> Result<String> {
    let text = text.trim();
    match url::Url::parse(text) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.host_str().is_some() => {
            Ok(text.to_string())
        }
        _ => Err(AppError::invalid(format!(
            "{what} must be an https:// address"
        ))),
    }
}

impl App {
    pub async fn channels(&self) -> Result<Vec<ChannelView>> {
        let deliveries = self.local.chat_deliveries(None).await?;
        let mut views = Vec::new();
        for channel in self.local.chat_channels().await? {
            let set = self
                .secrets
                .get(&secret_key(&channel.name))
                .await?
                .is_some();
            views.push(view(channel, set, &deliveries));
        }
        Ok(views)
    }

    /// Adds a channel (or replaces the one with that name); its secret goes to the keychain.
    pub async fn add_channel(&self, new: NewChannel) -> Result<Vec<ChannelView>> {
        let kind = ChatKind::parse(new.kind.trim()).ok_or_else(|| {
            AppError::invalid(
                "The kind of chat must be slack, mattermost, discord, teams or matrix",
            )
        })?;
        let name = new.name.trim();
        if name.is_empty() || name.chars().count() > crate::thanks::MAX_NAME_CHARS {
            return Err(AppError::invalid(
                "Give the channel a name (up to 100 characters)",
            ));
        }
        let (homeserver, room, secret) = if kind == ChatKind::Matrix {
            let homeserver = checked_url(
                new.homeserver.as_deref().unwrap_or(""),
                "The Matrix homeserver",
            )?;
            let room = new.room.as_deref().map(str::trim).unwrap_or("");
            if !room.starts_with('!') || !room.contains(':') {
                return Err(AppError::invalid(
                    "The Matrix room must be a room id such as !abc123:example.org",
                ));
            }
            let token = new.secret.trim();
            if token.is_empty() {
                return Err(AppError::invalid("The Matrix access token is empty"));
            }
            (Some(homeserver), Some(room.to_string()), token.to_string())
        } else {
            (None, None, checked_url(&new.secret, "The webhook URL")?)
        };
        self.secrets.set(&secret_key(name), &secret).await?;
        let channel = ChatChannel {
            name: name.to_string(),
            kind: kind.as_str().to_string(),
            homeserver,
            room,
            lang: new.lang.code().to_string(),
        };
        self.local.save_chat_channel(&channel, self.now()).await?;
        self.channels().await
    }

    pub async fn remove_channel(&self, name: &str) -> Result<Vec<ChannelView>> {
        if !self.local.remove_chat_channel(name.trim()).await? {
            return Err(AppError::not_found(format!("No channel is called {name}")));
        }
        self.secrets.remove(&secret_key(name.trim())).await?;
        self.channels().await
    }

    /// Puts a just-posted note in every channel's outbox.
    pub(crate) async fn queue_for_channels(&self, note: &ThankYou) -> Result<()> {
        for channel in self.local.chat_channels().await? {
            let lang = Lang::parse(&channel.lang).unwrap_or(Lang::En);
            let recipients: Vec<&str> = note.recipients.iter().map(String::as_str).collect();
            let headline = locale(lang).message(
                "chat-headline",
                &[
                    ("author", note.author.clone().into()),
                    ("recipients", format_list(lang, &recipients).into()),
                ],
            );
            self.local
                .queue_chat_note(
                    &note.id,
                    &channel.name,
                    &headline,
                    &note.message,
                    self.now(),
                )
                .await?;
        }
        Ok(())
    }

    /// Sends every note waiting for a channel, oldest first. A channel that cannot take one
    /// now (offline, rate limited, no clear answer) keeps the rest for the next run.
    pub async fn deliver_to_channels(&self) -> Result<ChatReport> {
        let waiting = self.local.waiting_chat().await?;
        let mut report = ChatReport::default();
        if waiting.is_empty() {
            return Ok(report);
        }
        let channels = self.local.chat_channels().await?;
        let client = chat::client(REQUEST_TIMEOUT).map_err(AppError::internal)?;
        let mut paused: Vec<String> = Vec::new();
        for delivery in waiting {
            if paused.contains(&delivery.channel) {
                report.waiting += 1;
                continue;
            }
            let Some(channel) = channels.iter().find(|c| c.name == delivery.channel) else {
                continue;
            };
            let Some(target) = self.target_of(channel).await? else {
                let problem = format!("{}: its webhook URL or token is not set", channel.name);
                self.local
                    .record_chat_attempt(
                        &delivery.note_id,
                        &channel.name,
                        "waiting",
                        false,
                        Some(&problem),
                    )
                    .await?;
                report.waiting += 1;
                report.problems.push(problem);
                paused.push(channel.name.clone());
                continue;
            };
            let note = ChatNote {
                id: delivery.note_id.clone(),
                headline: delivery.headline.clone(),
                message: delivery.message.clone(),
            };
            let mut outcome = chat::post(&client, &target, &note).await;
            if let Outcome::Later {
                after: Some(after), ..
            } = &outcome
                && *after <= LONGEST_WAIT
            {
                tokio::time::sleep(*after).await;
                outcome = chat::post(&client, &target, &note).await;
            }
            let name = &channel.name;
            let (state, unknown, problem) = match outcome {
                Outcome::Delivered => {
                    report.delivered += 1;
                    if delivery.unknown_outcomes > 0 && !target.kind().is_idempotent() {
                        report.maybe_twice += 1;
                        report.problems.push(format!(
                            "{name}: a note was sent again after an unclear answer; it may show twice there"
                        ));
                    }
                    ("delivered", false, None)
                }
                Outcome::Refused(why) => {
                    report.refused += 1;
                    (
                        "refused",
                        false,
                        Some(format!("{name} refused the note: {why}")),
                    )
                }
                Outcome::Later { reason, .. } => {
                    report.waiting += 1;
                    paused.push(name.clone());
                    (
                        "waiting",
                        false,
                        Some(format!("{name}: {reason}; it will be sent later")),
                    )
                }
                Outcome::Unknown(why) => {
                    report.waiting += 1;
                    paused.push(name.clone());
                    let twice = if target.kind().is_idempotent() {
                        ""
                    } else {
                        "; sending it again may show it twice"
                    };
                    ("waiting", true, Some(format!("{name}: {why}{twice}")))
                }
            };
            self.local
                .record_chat_attempt(&delivery.note_id, name, state, unknown, problem.as_deref())
                .await?;
            if let Some(problem) = problem {
                tracing::warn!("chat delivery: {problem}");
                report.problems.push(problem);
            }
        }
        Ok(report)
    }

    async fn target_of(&self, channel: &ChatChannel) -> Result<Option<ChatTarget>> {
        let Some(secret) = self.secrets.get(&secret_key(&channel.name)).await? else {
            return Ok(None);
        };
        let kind = ChatKind::parse(&channel.kind)
            .ok_or_else(|| AppError::internal(format!("unknown chat kind {}", channel.kind)))?;
        Ok(Some(match kind {
            ChatKind::Matrix => ChatTarget::Matrix {
                homeserver: channel.homeserver.clone().unwrap_or_default(),
                room: channel.room.clone().unwrap_or_default(),
                token: secret,
            },
            kind => ChatTarget::Webhook { kind, url: secret },
        }))
    }
}

impl App {
    /// A just-posted note to the team's chats: queued for each, then sent if they can be
    /// reached (what cannot go now waits in the outbox).
    pub(crate) async fn tell_channels(&self, note: &ThankYou) -> Result<()> {
        self.queue_for_channels(note).await?;
        self.deliver_to_channels().await?;
        Ok(())
    }
}
