//! The story by email: the people to tell (name, address, language, whether names are shown),
//! the SMTP settings (the password in the keychain, never in the database, logs or the UI),
//! and sending one message per person, at most once per person and period.
//!
//! At most once: before a message is handed to the server, a record says it is being sent; it
//! becomes "sent" when the server accepts it. A crash in between leaves "being sent", which is
//! never sent again unless the user asks (it may have arrived). A send that failed with nothing
//! delivered is tried again only on request (sending again) or at the next period.

use crate::share::Reader;
use crate::{App, AppError, Audience, Lang, Result, ShareFormat, ShareOptions, TimeRange};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::time::SystemTime;
use ts_rs::TS;
use unsung_core::locale::locale;
use unsung_core::stats::rfc3339;
use unsung_deliver::mail::{self, StoryMail};
use unsung_deliver::{Mailer, SendError, SmtpSettings};
use unsung_share::{CardSize, ShareDoc};
use unsung_store::{MailRecipient, Retry};

/// The setting with the SMTP server, user, sender and trusted certificate (no password).
const SMTP_SETTING: &str = "email.smtp";
/// The keychain entry of the SMTP password.
const SMTP_SECRET: &str = "email:smtp-password";

/// Someone the story is emailed to, as Settings shows and edits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MailRecipientEntry {
    pub name: String,
    pub address: String,
    pub lang: Lang,
    /// Teammates' names stay in their story (otherwise "a teammate").
    pub show_names: bool,
    /// Also sent the week's story with the Monday notice.
    pub weekly: bool,
}

/// The email settings as the UI may see them: never the password, only whether it is set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EmailSettingsView {
    /// `smtp://USER@HOST:PORT` (STARTTLS) or `smtps://…` (TLS); `null` when not set up.
    pub smtp: Option<String>,
    pub sender: Option<String>,
    pub password_set: bool,
    /// A certificate the user chose to trust (a self-signed server).
    pub trusts_certificate: bool,
}

/// New email settings from Settings or the command line. `password: null` keeps the one set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EmailSettingsInput {
    pub smtp: String,
    pub sender: String,
    pub password: Option<String>,
    /// PEM text of a certificate to trust; `null` trusts only the usual authorities.
    pub trusted_certificate: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MailOutcome {
    /// The server accepted the message now.
    Sent,
    /// It was sent for this period before; not sent again.
    AlreadySent,
    /// An earlier try broke off while sending: it may have arrived, so it is not sent again
    /// unless asked.
    MayHaveArrived,
    /// Not delivered; `message` says why and what to do.
    Failed,
}

/// What happened for one person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MailResult {
    pub address: String,
    pub outcome: MailOutcome,
    pub message: String,
}

impl MailResult {
    /// Sent now or before: nothing for the user to do.
    pub fn is_done(&self) -> bool {
        matches!(self.outcome, MailOutcome::Sent | MailOutcome::AlreadySent)
    }
}

/// What is recorded for one person and period, for Settings and `unsung email list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MailSendView {
    pub address: String,
    /// `from/to` of the period, in RFC 3339.
    pub period: String,
    /// `sent`, `failed` (nothing delivered) or `sending` (broke off: may have arrived).
    pub state: String,
    pub attempts: u32,
    pub last_error: Option<String>,
    pub updated_at: String,
}

/// Who to send to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailTo {
    /// Everyone in "Family and friends".
    Everyone,
    /// Those with the weekly notice on.
    Weekly,
    /// These addresses: people in the list get their own settings; others get `fallback`'s.
    Addresses {
        addresses: Vec<String>,
        fallback: (Lang, bool),
    },
}

#[derive(Serialize, Deserialize)]
struct StoredSmtp {
    smtp: String,
    sender: String,
    trusted_certificate: Option<String>,
}

fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or(Lang::En)
}

fn entry(person: MailRecipient) -> MailRecipientEntry {
    MailRecipientEntry {
        lang: lang_of(&person.lang),
        name: person.name,
        address: person.address,
        show_names: person.show_names,
        weekly: person.weekly,
    }
}

/// `period` as the send record keys it: the same range is the same period.
fn period_key(range: TimeRange) -> String {
    format!("{}/{}", rfc3339(range.from), rfc3339(range.to))
}

/// The parts every message in one language and privacy setting shares.
struct Rendered {
    key: (Lang, bool),
    doc: ShareDoc,
    text: String,
    page: String,
    card: Vec<u8>,
    pdf: Vec<u8>,
    pdf_name: String,
}

impl App {
    pub async fn email_settings(&self) -> Result<EmailSettingsView> {
        let stored = self.stored_smtp().await?;
        Ok(EmailSettingsView {
            password_set: self.secrets.get(SMTP_SECRET).await?.is_some(),
            trusts_certificate: stored
                .as_ref()
                .is_some_and(|s| s.trusted_certificate.is_some()),
            sender: stored.as_ref().map(|s| s.sender.clone()),
            smtp: stored.map(|s| s.smtp),
        })
    }

    /// Checks and keeps the SMTP settings; the password goes to the keychain.
    pub async fn set_email(&self, input: EmailSettingsInput) -> Result<EmailSettingsView> {
        let parsed = SmtpSettings::parse(&input.smtp, &input.sender).map_err(AppError::invalid)?;
        let trusted_certificate = input
            .trusted_certificate
            .map(|pem| pem.trim().to_string())
            .filter(|pem| !pem.is_empty());
        if let Some(pem) = &trusted_certificate
            && !pem.starts_with("-----BEGIN CERTIFICATE-----")
        {
            return Err(AppError::invalid(
                "The certificate to trust must be a PEM file (it starts with -----BEGIN CERTIFICATE-----)",
            ));
        }
        if let Some(password) = input.password.as_deref() {
            self.secrets.set(SMTP_SECRET, password).await?;
        } else if self.secrets.get(SMTP_SECRET).await?.is_none() {
            return Err(AppError::invalid(
                "Give the SMTP password (it is kept in the keychain)",
            ));
        }
        let stored = StoredSmtp {
            smtp: parsed.url(),
            sender: parsed.sender,
            trusted_certificate,
        };
        let text = serde_json::to_string(&stored).map_err(|e| AppError::internal(e.to_string()))?;
        self.local.set_setting(SMTP_SETTING, Some(&text)).await?;
        self.email_settings().await
    }

    async fn stored_smtp(&self) -> Result<Option<StoredSmtp>> {
        Ok(self
            .local
            .setting(SMTP_SETTING)
            .await?
            .and_then(|text| serde_json::from_str(&text).ok()))
    }

    /// What was sent to whom, newest first.
    pub async fn mail_sends(&self) -> Result<Vec<MailSendView>> {
        Ok(self
            .local
            .mail_sends()
            .await?
            .into_iter()
            .map(|s| MailSendView {
                address: s.address,
                period: s.period,
                state: s.state,
                attempts: s.attempts,
                last_error: s.last_error,
                updated_at: rfc3339(s.updated_at),
            })
            .collect())
    }

    pub async fn mail_recipients(&self) -> Result<Vec<MailRecipientEntry>> {
        Ok(self
            .local
            .mail_recipients()
            .await?
            .into_iter()
            .map(entry)
            .collect())
    }

    /// Adds someone to tell, or changes the person with that address.
    pub async fn save_mail_recipient(
        &self,
        person: MailRecipientEntry,
    ) -> Result<Vec<MailRecipientEntry>> {
        let mailbox = mail::mailbox(&person.name, &person.address)
            .map_err(|e| AppError::invalid(e.to_string()))?;
        let name = person.name.trim();
        if name.is_empty() || name.chars().count() > crate::thanks::MAX_NAME_CHARS {
            return Err(AppError::invalid(
                "Write the person's name (up to 100 characters)",
            ));
        }
        let record = MailRecipient {
            address: mailbox.email.to_string(),
            name: name.to_string(),
            lang: person.lang.code().to_string(),
            show_names: person.show_names,
            weekly: person.weekly,
        };
        self.local.save_mail_recipient(&record, self.now()).await?;
        self.mail_recipients().await
    }

    pub async fn remove_mail_recipient(&self, address: &str) -> Result<Vec<MailRecipientEntry>> {
        if !self.local.remove_mail_recipient(address.trim()).await? {
            return Err(AppError::not_found(format!(
                "Nobody with the address {address} is in Family and friends"
            )));
        }
        self.mail_recipients().await
    }

    /// Emails the story of `range` (told in `tz`) to `to`, one message each. `retry` says which
    /// earlier tries for this period may be sent again.
    pub async fn email_story(
        &self,
        range: TimeRange,
        tz: Tz,
        to: &MailTo,
        retry: Retry,
    ) -> Result<Vec<MailResult>> {
        let stored = self.stored_smtp().await?.ok_or_else(|| {
            AppError::invalid(
                "Email is not set up: add the mail server in Settings (or unsung email set)",
            )
        })?;
        let password = self.secrets.get(SMTP_SECRET).await?.ok_or_else(|| {
            AppError::invalid(
                "The SMTP password is not set: set it in Settings (or unsung email set)",
            )
        })?;
        let mut settings =
            SmtpSettings::parse(&stored.smtp, &stored.sender).map_err(AppError::invalid)?;
        settings.trusted_certificate = stored.trusted_certificate;
        let people = self.people_to_tell(to).await?;
        if people.is_empty() {
            return Err(AppError::invalid(
                "Nobody to send to: add people in Settings → Family and friends (or unsung email add)",
            ));
        }
        let mailer =
            Mailer::new(&settings, &password).map_err(|e| AppError::invalid(e.to_string()))?;
        let from = mail::mailbox("Unsung", &settings.sender)
            .map_err(|e| AppError::invalid(e.to_string()))?;
        let domain = settings
            .sender
            .rsplit_once('@')
            .map(|(_, d)| d.to_string())
            .unwrap_or_else(|| "unsung.invalid".into());
        let period = period_key(range);
        let mut rendered: Vec<Rendered> = Vec::new();
        let mut results = Vec::new();
        for person in people {
            let key = (lang_of(&person.lang), person.show_names);
            if !rendered.iter().any(|r| r.key == key) {
                rendered.push(self.render_for_mail(range, tz, key).await?);
            }
            let parts = rendered
                .iter()
                .find(|r| r.key == key)
                .expect("just rendered");
            let result = self
                .email_one(&mailer, &from, &domain, &person, parts, &period, retry)
                .await?;
            results.push(result);
        }
        Ok(results)
    }

    /// Share → Send now: the period the app shows, to everyone in Family and friends. Asking
    /// again retries failures; a send that may have arrived is not repeated.
    pub async fn email_period(&self, kind: crate::PeriodKind) -> Result<Vec<MailResult>> {
        let tz = self.reader_tz();
        let retry = Retry {
            failed: true,
            unknown: false,
        };
        self.email_story(kind.range(self.now(), tz), tz, &MailTo::Everyone, retry)
            .await
    }

    /// The week just ended, to everyone with the weekly notice on; earlier tries are not
    /// repeated (the next week is the next chance).
    pub async fn email_weekly(&self) -> Result<Vec<MailResult>> {
        if self.stored_smtp().await?.is_none()
            || !self.local.mail_recipients().await?.iter().any(|p| p.weekly)
        {
            return Ok(Vec::new());
        }
        let tz = self.reader_tz();
        let range = crate::PeriodKind::LastWeek.range(self.now(), tz);
        let retry = Retry {
            failed: false,
            unknown: false,
        };
        self.email_story(range, tz, &MailTo::Weekly, retry).await
    }

    async fn people_to_tell(&self, to: &MailTo) -> Result<Vec<MailRecipient>> {
        let known = self.local.mail_recipients().await?;
        Ok(match to {
            MailTo::Everyone => known,
            MailTo::Weekly => known.into_iter().filter(|p| p.weekly).collect(),
            MailTo::Addresses {
                addresses,
                fallback,
            } => {
                let mut people: Vec<MailRecipient> = Vec::new();
                for address in addresses {
                    let address = address.trim();
                    let mailbox =
                        mail::mailbox("", address).map_err(|e| AppError::invalid(e.to_string()))?;
                    let address = mailbox.email.to_string();
                    if people.iter().any(|p| p.address == address) {
                        continue;
                    }
                    people.push(match known.iter().find(|p| p.address == address) {
                        Some(person) => person.clone(),
                        None => MailRecipient {
                            name: String::new(),
                            lang: fallback.0.code().to_string(),
                            show_names: fallback.1,
                            weekly: false,
                            address,
                        },
                    });
                }
                people
            }
        })
    }

    async fn render_for_mail(
        &self,
        range: TimeRange,
        tz: Tz,
        (lang, show_names): (Lang, bool),
    ) -> Result<Rendered> {
        let reader = Reader {
            tz,
            lang,
            audience: Audience::Family,
        };
        let options = |format| ShareOptions {
            format,
            size: CardSize::Landscape,
            customer_names: Vec::new(),
            show_teammates: show_names,
        };
        let doc = self
            .share_doc(range, reader, &options(ShareFormat::Pdf))
            .await?;
        let drawn = |error: unsung_share::ShareError| {
            AppError::internal(format!("The story could not be drawn: {error}"))
        };
        Ok(Rendered {
            key: (lang, show_names),
            text: unsung_share::text(&doc),
            page: unsung_share::html(&doc),
            card: unsung_share::png(&doc, CardSize::Landscape).map_err(drawn)?,
            pdf: unsung_share::pdf(&doc).map_err(drawn)?,
            pdf_name: crate::share::file_name(range, tz, ShareFormat::Pdf),
            doc,
        })
    }

    #[allow(clippy::too_many_arguments)]
    async fn email_one(
        &self,
        mailer: &Mailer,
        from: &mail::Mailbox,
        domain: &str,
        person: &MailRecipient,
        parts: &Rendered,
        period: &str,
        retry: Retry,
    ) -> Result<MailResult> {
        let words = locale(parts.key.0);
        let name = if person.name.is_empty() {
            "none".to_string()
        } else {
            person.name.clone()
        };
        let text = [
            words.message("email-greeting", &[("name", name.into())]),
            words.message("email-intro", &[("team", parts.doc.team.clone().into())]),
            parts.text.trim_end().to_string(),
            words.message("email-closing", &[]),
        ]
        .join("\n\n")
            + "\n";
        let message_id = format!("<{}@{domain}>", uuid::Uuid::now_v7());
        let to = mail::mailbox(&person.name, &person.address)
            .map_err(|e| AppError::invalid(e.to_string()))?;
        let message = mail::build_message(StoryMail {
            from: from.clone(),
            to,
            subject: words.message(
                "email-subject",
                &[
                    ("team", parts.doc.team.clone().into()),
                    ("period", parts.doc.period.clone().into()),
                ],
            ),
            text,
            page: parts.page.clone(),
            card_png: parts.card.clone(),
            card_alt: words.message(
                "email-card-alt",
                &[("headline", parts.doc.headline.clone().into())],
            ),
            pdf: parts.pdf.clone(),
            pdf_name: parts.pdf_name.clone(),
            lang: parts.key.0.code().to_string(),
            message_id: message_id.clone(),
            date: SystemTime::from(self.now()),
        })
        .map_err(|e| AppError::internal(e.to_string()))?;
        let address = person.address.clone();
        let claimed = self
            .local
            .claim_mail_send(&address, period, &message_id, retry, self.now())
            .await?;
        if !claimed {
            let earlier = self.local.mail_send(&address, period).await?;
            let (outcome, message) = match earlier.as_ref().map(|s| s.state.as_str()) {
                Some("sent") => (MailOutcome::AlreadySent, "already sent for this period".to_string()),
                Some("failed") => (
                    MailOutcome::Failed,
                    format!(
                        "not sent: the last try failed ({}); send again to retry",
                        earlier.and_then(|s| s.last_error).unwrap_or_default()
                    ),
                ),
                _ => (
                    MailOutcome::MayHaveArrived,
                    "an earlier try broke off while sending, so it may have arrived; not sent again unless you ask".to_string(),
                ),
            };
            return Ok(MailResult {
                address,
                outcome,
                message,
            });
        }
        let (state, outcome, error) = match mailer.send(&message).await {
            Ok(()) => ("sent", MailOutcome::Sent, None),
            Err(error @ SendError::Unknown(_)) => (
                "sending",
                MailOutcome::MayHaveArrived,
                Some(error.to_string()),
            ),
            Err(error) => ("failed", MailOutcome::Failed, Some(error.to_string())),
        };
        self.local
            .finish_mail_send(&address, period, state, error.as_deref(), self.now())
            .await?;
        if let Some(error) = &error {
            tracing::warn!("email to {address} not confirmed: {error}");
        }
        Ok(MailResult {
            address,
            outcome,
            message: error.unwrap_or_default(),
        })
    }
}
