//! The reader's own settings, asked on first run and changed in Settings: their name, time
//! zone, working hours and the weekly "your story is ready" notice. Kept in the local
//! database; defaults come from the machine.

use crate::dto::{Preferences, TimeZones, WeeklyNoticeView, WorkingHoursView};
use crate::{App, AppError, Result, resolve_tz};
use chrono::{DateTime, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use unsung_core::schedule::{self, Weekly};
use unsung_core::working_hours::WorkingHours;

const PREFERENCES_SETTING: &str = "preferences";
const NOTICE_GIVEN_SETTING: &str = "weekly_notice_given_at";

/// As stored: every field optional, so a missing one takes its default, now and later.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct Stored {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    tz: Option<String>,
    #[serde(default)]
    work_start: Option<String>,
    #[serde(default)]
    work_end: Option<String>,
    #[serde(default)]
    work_days: Option<Vec<u8>>,
    /// `None` until the reader chooses: then the notice is on once a source is connected.
    #[serde(default)]
    notice_enabled: Option<bool>,
    #[serde(default)]
    notice_weekday: Option<u8>,
    #[serde(default)]
    notice_hour: Option<u8>,
    #[serde(default)]
    welcomed: bool,
    #[serde(default)]
    drill_words: Vec<String>,
}

impl Stored {
    pub fn working_hours(&self) -> WorkingHours {
        let default = WorkingHours::default();
        let time = |text: &Option<String>, fallback| {
            text.as_deref()
                .and_then(|t| NaiveTime::parse_from_str(t, "%H:%M").ok())
                .unwrap_or(fallback)
        };
        WorkingHours {
            days: self
                .work_days
                .as_ref()
                .map(|days| days.iter().filter_map(|d| weekday(*d)).collect())
                .unwrap_or(default.days),
            start: time(&self.work_start, default.start),
            end: time(&self.work_end, default.end),
        }
    }

    fn weekly(&self) -> Weekly {
        Weekly {
            weekday: self
                .notice_weekday
                .and_then(weekday)
                .unwrap_or(Weekday::Mon),
            hour: u32::from(self.notice_hour.unwrap_or(9).min(23)),
        }
    }
}

/// How many extra drill words a reader may keep, and how long each may be.
pub const MAX_DRILL_WORDS: usize = 50;
const MAX_DRILL_WORD_CHARS: usize = 60;

/// The reader's drill words trimmed, each once (compared without case), blanks dropped.
fn clean_drill_words(words: &[String]) -> Result<Vec<String>> {
    let mut kept: Vec<String> = Vec::new();
    for word in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        if word.chars().count() > MAX_DRILL_WORD_CHARS {
            return Err(AppError::invalid(format!(
                "A drill word is at most {MAX_DRILL_WORD_CHARS} characters"
            )));
        }
        if !kept.iter().any(|k| k.to_lowercase() == word.to_lowercase()) {
            kept.push(word.to_string());
        }
    }
    if kept.len() > MAX_DRILL_WORDS {
        return Err(AppError::invalid(format!(
            "Keep at most {MAX_DRILL_WORDS} drill words"
        )));
    }
    Ok(kept)
}

fn weekday(number: u8) -> Option<Weekday> {
    match number {
        1..=7 => Some(Weekday::try_from(number - 1).ok()?),
        _ => None,
    }
}

pub(crate) fn hours_view(hours: &WorkingHours) -> WorkingHoursView {
    WorkingHoursView {
        start: hours.start.format("%H:%M").to_string(),
        end: hours.end.format("%H:%M").to_string(),
        days: hours
            .days
            .iter()
            .map(|d| d.number_from_monday() as u8)
            .collect(),
    }
}

impl App {
    pub(crate) async fn load_preferences(local: &unsung_store::SqliteStore) -> Result<Stored> {
        Ok(local
            .setting(PREFERENCES_SETTING)
            .await?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default())
    }

    fn stored(&self) -> Stored {
        self.prefs.read().map(|p| p.clone()).unwrap_or_default()
    }

    /// The zone dates are read in: `--tz` or the one chosen in Settings, else the machine's.
    pub fn reader_tz(&self) -> Tz {
        self.tz_given.unwrap_or_else(|| {
            self.stored()
                .tz
                .and_then(|name| name.parse().ok())
                .unwrap_or(self.machine_tz)
        })
    }

    /// The reader's own words that mark a title as a drill, for the sources' syncs.
    pub fn drill_words(&self) -> Vec<String> {
        self.stored().drill_words
    }

    /// The reader's working hours, used to tell who gave up free time.
    pub fn working_hours(&self) -> WorkingHours {
        self.stored().working_hours()
    }

    /// The zones the reader chooses from, this machine's first.
    pub fn time_zones(&self) -> TimeZones {
        crate::zones::time_zones(self.machine_tz)
    }

    pub async fn preferences(&self) -> Result<Preferences> {
        let stored = self.stored();
        let has_sources = self.has_real_sources().await?;
        let weekly = stored.weekly();
        Ok(Preferences {
            name: stored.name.clone(),
            tz: crate::canonical_zone(self.reader_tz().name()).to_string(),
            working_hours: hours_view(&stored.working_hours()),
            weekly_notice: WeeklyNoticeView {
                enabled: stored.notice_enabled.unwrap_or(has_sources),
                weekday: weekly.weekday.number_from_monday() as u8,
                hour: weekly.hour as u8,
            },
            // Someone who connected a source before the welcome existed needs no welcome.
            welcomed: stored.welcomed || has_sources,
            drill_words: stored.drill_words.clone(),
        })
    }

    /// Checks and keeps the reader's settings; marks the welcome as done.
    pub async fn save_preferences(&self, preferences: Preferences) -> Result<Preferences> {
        let tz = resolve_tz(Some(&preferences.tz))?;
        let time = |text: &str, what: &str| {
            NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
                AppError::invalid(format!(
                    "The {what} of the working day is a time such as 09:00"
                ))
            })
        };
        let start = time(&preferences.working_hours.start, "start")?;
        let end = time(&preferences.working_hours.end, "end")?;
        if end <= start {
            return Err(AppError::invalid(
                "The working day must end after it starts",
            ));
        }
        let mut days = preferences.working_hours.days.clone();
        days.sort_unstable();
        days.dedup();
        if days.iter().any(|d| weekday(*d).is_none()) {
            return Err(AppError::invalid(
                "Working days are numbered 1 (Monday) to 7 (Sunday)",
            ));
        }
        let notice = &preferences.weekly_notice;
        if weekday(notice.weekday).is_none() || notice.hour > 23 {
            return Err(AppError::invalid(
                "The weekly notice needs a day (1 Monday to 7 Sunday) and an hour (0 to 23)",
            ));
        }
        let name = preferences
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(|n| n.chars().take(80).collect::<String>());
        let stored = Stored {
            name,
            tz: Some(tz.name().to_string()),
            work_start: Some(start.format("%H:%M").to_string()),
            work_end: Some(end.format("%H:%M").to_string()),
            work_days: Some(days),
            notice_enabled: Some(notice.enabled),
            notice_weekday: Some(notice.weekday),
            notice_hour: Some(notice.hour),
            welcomed: true,
            drill_words: clean_drill_words(&preferences.drill_words)?,
        };
        let text = serde_json::to_string(&stored).map_err(|e| AppError::internal(e.to_string()))?;
        self.local
            .set_setting(PREFERENCES_SETTING, Some(&text))
            .await?;
        if let Ok(mut prefs) = self.prefs.write() {
            *prefs = stored;
        }
        self.preferences().await
    }

    /// Whether the weekly notice should be given now (its day and hour have come, and it was
    /// not given for them yet).
    pub async fn weekly_notice_due(&self) -> Result<bool> {
        let preferences = self.preferences().await?;
        if !preferences.weekly_notice.enabled {
            return Ok(false);
        }
        let given = self
            .local
            .setting(NOTICE_GIVEN_SETTING)
            .await?
            .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
            .map(|t| t.with_timezone(&Utc));
        Ok(self
            .stored()
            .weekly()
            .is_due(self.now(), self.reader_tz(), given))
    }

    /// Notes that the weekly notice was given now.
    pub async fn weekly_notice_given(&self) -> Result<()> {
        let now = crate::rfc3339(self.now());
        Ok(self
            .local
            .set_setting(NOTICE_GIVEN_SETTING, Some(&now))
            .await?)
    }

    /// Today is SysAdmin Appreciation Day, in the reader's zone.
    pub fn is_sysadmin_day(&self) -> bool {
        schedule::is_sysadmin_day(self.now().with_timezone(&self.reader_tz()).date_naive())
    }
}
