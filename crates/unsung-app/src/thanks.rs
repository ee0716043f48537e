//! Thanking teammates: checking a note, giving it a time-ordered id, storing it (locally, or
//! through the outbox to the team database), changing or withdrawing one's own, and the wall
//! with what each note thanks for.

use crate::dto::{NewThankYou, ThankYouEdit, ThankYouView};
use crate::{App, AppError, Result};
use chrono::{DateTime, Utc};
use std::collections::HashSet;
use unsung_core::period::{TimeRange, days_label, local_date};
use unsung_core::stats::rfc3339;
use unsung_core::{Incident, ThankYou};
use unsung_store::{Store, StoreError, Waiting};

pub const MAX_MESSAGE_CHARS: usize = 10_000;
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_RECIPIENTS: usize = 50;
/// How many of the team's notes a sync copies to the local database (the newest).
pub(crate) const TEAM_NOTES_KEPT: u32 = 10_000;

fn clean_name(name: &str, what: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::invalid(format!(
            "{what} is missing; write a name"
        )));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(AppError::invalid(format!(
            "{what} is longer than {MAX_NAME_CHARS} characters; use a shorter name"
        )));
    }
    Ok(name.to_string())
}

/// Recipients trimmed, each once, never only the author.
fn clean_recipients(author: &str, names: &[String]) -> Result<Vec<String>> {
    let mut recipients: Vec<String> = Vec::new();
    for name in names {
        let name = clean_name(name, "A recipient's name")?;
        if !recipients.contains(&name) {
            recipients.push(name);
        }
    }
    if recipients.is_empty() {
        return Err(AppError::invalid(
            "Say who the note is for: add at least one name",
        ));
    }
    if recipients.len() > MAX_RECIPIENTS {
        return Err(AppError::invalid(format!(
            "A note can thank up to {MAX_RECIPIENTS} people; write to fewer"
        )));
    }
    if recipients.iter().all(|r| r == author) {
        return Err(AppError::invalid(
            "A thank-you goes to someone else: add a teammate's name",
        ));
    }
    Ok(recipients)
}

/// The message exactly as written (it is shown as text wherever it goes).
fn check_message(message: &str) -> Result<()> {
    if message.trim().is_empty() {
        return Err(AppError::invalid(
            "The message is empty: write what you are thankful for",
        ));
    }
    if message.chars().count() > MAX_MESSAGE_CHARS {
        return Err(AppError::invalid(format!(
            "The message is longer than {MAX_MESSAGE_CHARS} characters; shorten it"
        )));
    }
    Ok(())
}

fn parse_time(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| AppError::invalid(format!("{text:?} is not an RFC 3339 time")))
}

type Period = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn clean_period(from: Option<&str>, to: Option<&str>) -> Result<Period> {
    fn blank(text: Option<&str>) -> Option<&str> {
        text.map(str::trim).filter(|t| !t.is_empty())
    }
    match (blank(from), blank(to)) {
        (None, None) => Ok((None, None)),
        (Some(from), Some(to)) => {
            let range = TimeRange::new(parse_time(from)?, parse_time(to)?)
                .ok_or_else(|| AppError::invalid("The period's end must come after its start"))?;
            Ok((Some(range.from), Some(range.to)))
        }
        _ => Err(AppError::invalid("A period needs both a start and an end")),
    }
}

fn team_unreachable(error: &StoreError) -> AppError {
    AppError::new(
        crate::ErrorCode::Offline,
        format!(
            "The team database cannot be reached, so this note cannot be changed now; try again \
             when it is back ({error})"
        ),
    )
}

impl App {
    /// Stores a note from `note.author` to `note.recipients`. The message is kept exactly as
    /// written; only surrounding blank space is trimmed from names. With a team database the
    /// note goes through the outbox: it is sent at once if the database can be reached, and
    /// otherwise waits (and says so) until it can.
    pub async fn post_thanks(&self, note: NewThankYou) -> Result<ThankYouView> {
        let author = clean_name(&note.author, "Who the note is from")?;
        let recipients = clean_recipients(&author, &note.recipients)?;
        check_message(&note.message)?;
        let (period_from, period_to) =
            clean_period(note.period_from.as_deref(), note.period_to.as_deref())?;
        let note = ThankYou {
            id: uuid::Uuid::now_v7().to_string(),
            author,
            recipients,
            message: note.message,
            incident_id: note.incident_id.filter(|id| !id.trim().is_empty()),
            period_from,
            period_to,
            created_at: self.now_to_the_second(),
            edited_at: None,
            is_demo: false,
        };
        let Some(team) = self.team() else {
            self.local.insert_thanks(&note).await?;
            self.tell_channels(&note).await?;
            return Ok(self.view(note, None).await);
        };
        if let Some(me) = self.team_me(&team, false).await?
            && me != note.author
        {
            return Err(AppError::forbidden(format!(
                "On the team database you are {me}: notes from this computer are signed {me}"
            )));
        }
        self.local.queue_note(&note).await?;
        self.tell_channels(&note).await?;
        // Sends this note and any older ones; failures are kept with each note.
        self.send_waiting_with(&team, false).await?;
        match self.local.waiting_note(&note.id).await? {
            Some(waiting) => Ok(self.waiting_view(waiting).await),
            None => Ok(self.view(note, None).await),
        }
    }

    /// Changes the words or recipients of one of `edit.author`'s notes.
    pub async fn edit_thanks(&self, edit: ThankYouEdit) -> Result<ThankYouView> {
        let author = clean_name(&edit.author, "Who is changing the note")?;
        if let Some(message) = &edit.message {
            check_message(message)?;
        }
        let recipients = edit
            .recipients
            .as_deref()
            .map(|names| clean_recipients(&author, names))
            .transpose()?;
        let edited_at = self.now_to_the_second();
        let change = |note: ThankYou| ThankYou {
            recipients: recipients.clone().unwrap_or(note.recipients),
            message: edit.message.clone().unwrap_or(note.message),
            edited_at: Some(edited_at),
            ..note
        };
        if let Some(waiting) = self.local.waiting_note(&edit.id).await? {
            self.check_author(&waiting.note, &author)?;
            let changed = change(waiting.note);
            self.local.update_waiting(&changed).await?;
            let waiting = self.local.waiting_note(&changed.id).await?;
            return match waiting {
                Some(waiting) => Ok(self.waiting_view(waiting).await),
                None => Err(AppError::not_found(
                    "That note was sent meanwhile; try again",
                )),
            };
        }
        match self.where_is(&edit.id).await? {
            Place::Local(note) => {
                self.check_author(&note, &author)?;
                let changed = change(note);
                if !self.local.update_thanks(&changed).await? {
                    return Err(AppError::not_found("That note is gone"));
                }
                Ok(self.view(changed, None).await)
            }
            Place::Team => {
                let team = self
                    .team()
                    .ok_or_else(|| AppError::not_found("No such note"))?;
                let store = team.connect(true).await.map_err(|e| team_unreachable(&e))?;
                let note = self.team_note(&*store, &edit.id, &author).await?;
                let changed = change(note);
                if !store.update_thanks(&changed).await? {
                    return Err(AppError::forbidden(
                        "The team database refused: only the person who wrote a note can change it",
                    ));
                }
                self.local.cache_team_note(&changed).await?;
                Ok(self.view(changed, None).await)
            }
        }
    }

    /// Deletes one of `author`'s notes (or takes it out of the outbox if it is still waiting).
    pub async fn delete_thanks(&self, id: &str, author: &str) -> Result<()> {
        let author = clean_name(author, "Who is deleting the note")?;
        if let Some(waiting) = self.local.waiting_note(id).await? {
            self.check_author(&waiting.note, &author)?;
            self.local.unqueue(id, &author).await?;
            return Ok(());
        }
        match self.where_is(id).await? {
            Place::Local(note) => {
                self.check_author(&note, &author)?;
                self.local.delete_thanks(id, &author).await?;
                Ok(())
            }
            Place::Team => {
                let team = self
                    .team()
                    .ok_or_else(|| AppError::not_found("No such note"))?;
                let store = team.connect(true).await.map_err(|e| team_unreachable(&e))?;
                self.team_note(&*store, id, &author).await?;
                if !store.delete_thanks(id, &author).await? {
                    return Err(AppError::forbidden(
                        "The team database refused: only the person who wrote a note can delete it",
                    ));
                }
                self.local.uncache_team_note(id).await?;
                Ok(())
            }
        }
    }

    /// The wall, newest first: with a team database, its newest `limit` notes refreshed from it
    /// when it can be reached (the local copy otherwise; a sync refreshes the rest), with the
    /// notes still waiting to be sent.
    pub async fn list_thanks(&self, limit: u32) -> Result<Vec<ThankYouView>> {
        let limit = limit.clamp(1, TEAM_NOTES_KEPT);
        if let Some(team) = self.team() {
            self.refresh_team_notes(&team, false, limit).await?;
        }
        self.wall(limit).await
    }

    /// The wall from the local database only (no network).
    pub(crate) async fn wall(&self, limit: u32) -> Result<Vec<ThankYouView>> {
        let limit = limit.clamp(1, 10_000);
        let waiting = self.local.waiting().await?;
        let waiting_ids: HashSet<String> = waiting.iter().map(|w| w.note.id.clone()).collect();
        let mut notes: Vec<(ThankYou, Option<Waiting>)> = Vec::new();
        for note in self.local.list_thanks(limit).await? {
            if !waiting_ids.contains(note.id.as_str()) {
                notes.push((note, None));
            }
        }
        notes.extend(waiting.into_iter().map(|w| (w.note.clone(), Some(w))));
        notes.sort_by(|(a, _), (b, _)| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
        notes.truncate(limit as usize);
        let mut views = Vec::with_capacity(notes.len());
        for (note, waiting) in notes {
            views.push(self.view(note, waiting.as_ref()).await);
        }
        Ok(views)
    }

    /// Makes the local copy of the team's newest `asked` notes the team database's, if
    /// reachable (the older copies stay; see `replace_newest_team_notes`).
    pub(crate) async fn refresh_team_notes(
        &self,
        team: &crate::team::TeamLink,
        now: bool,
        asked: u32,
    ) -> Result<Option<usize>> {
        let Ok(store) = team.connect(now).await else {
            return Ok(None);
        };
        match store.list_thanks(asked).await {
            Ok(notes) => {
                self.local.replace_newest_team_notes(&notes, asked).await?;
                Ok(Some(notes.len()))
            }
            Err(error) => {
                team.saw(&error);
                Ok(None)
            }
        }
    }

    fn check_author(&self, note: &ThankYou, author: &str) -> Result<()> {
        if note.is_demo {
            return Err(AppError::forbidden(
                "This is a sample note of the demo team; it cannot be changed",
            ));
        }
        if note.author != author {
            return Err(AppError::forbidden(format!(
                "This note is {}'s: only the person who wrote a note can change or delete it",
                note.author
            )));
        }
        Ok(())
    }

    /// Where a note that is not waiting lives: here, or in the team database.
    async fn where_is(&self, id: &str) -> Result<Place> {
        match self.local.thanks_by_id(id).await? {
            Some(note) if !self.local.is_team_note(id).await? => Ok(Place::Local(note)),
            Some(_) => Ok(Place::Team),
            None if self.team().is_some() => Ok(Place::Team),
            None => Err(AppError::not_found("There is no such note")),
        }
    }

    async fn team_note(&self, store: &dyn Store, id: &str, author: &str) -> Result<ThankYou> {
        let note = store
            .thanks_by_id(id)
            .await?
            .ok_or_else(|| AppError::not_found("There is no such note on the team database"))?;
        self.check_author(&note, author)?;
        Ok(note)
    }

    async fn waiting_view(&self, waiting: Waiting) -> ThankYouView {
        let note = waiting.note.clone();
        self.view(note, Some(&waiting)).await
    }

    /// A note as the wall shows it, with what it thanks for and, if it waits in the outbox,
    /// how sending it went.
    pub(crate) async fn view(&self, note: ThankYou, waiting: Option<&Waiting>) -> ThankYouView {
        let incident = match &note.incident_id {
            Some(id) => self.local.incident(id).await.ok().flatten(),
            None => None,
        };
        ThankYouView {
            about: self.about(&note, incident.as_ref()),
            incident_title: incident.as_ref().map(|i| i.title.clone()),
            incident_opened_at: incident.as_ref().map(|i| rfc3339(i.opened_at)),
            period_from: note.period_from.map(rfc3339),
            period_to: note.period_to.map(rfc3339),
            created_at: rfc3339(note.created_at),
            edited_at: note.edited_at.map(rfc3339),
            waiting_to_send: waiting.is_some(),
            send_refused: waiting.is_some_and(|w| w.refused),
            send_error: waiting.and_then(|w| w.last_error.clone()),
            id: note.id,
            author: note.author,
            recipients: note.recipients,
            message: note.message,
            incident_id: note.incident_id,
            is_demo: note.is_demo,
        }
    }

    /// "Book search showing errors, Tue 24 Nov" or "Mon 23 Nov – Sun 29 Nov 2026".
    fn about(&self, note: &ThankYou, incident: Option<&Incident>) -> Option<String> {
        if note.incident_id.is_some() {
            let incident = incident?;
            let day = local_date(incident.opened_at, self.reader_tz()).format("%a %-d %b");
            return Some(format!("{}, {day}", incident.title));
        }
        let range = TimeRange::new(note.period_from?, note.period_to?)?;
        Some(days_label(range, self.reader_tz()))
    }
}

enum Place {
    Local(ThankYou),
    Team,
}
