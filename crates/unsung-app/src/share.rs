//! Sharing a period's story: building the [`ShareDoc`] every format is drawn from, running the
//! privacy pass over it, and turning it into the bytes a file or the clipboard gets.
//!
//! The story itself comes from the story engine as a headline and paragraphs; everything else
//! here is plain strings, so the renderers never depend on how the story is told.

use crate::{App, AppError, Audience, Lang, PeriodKind, Result, TimeRange};
use base64::Engine;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use ts_rs::TS;
use unsung_core::locale::{Locale, format_list, locale};
use unsung_core::period::{local_date, start_of_day};
use unsung_core::stats;
use unsung_core::story::{
    self, PeriodData, SectionKind, StoryPart, capitalised, duration, percent,
};
use unsung_core::timeline::{DayState, daily_bars, with_planned_work};
use unsung_core::{Interval, Person, Service, demo};
use unsung_share::{
    DAY_STATES, IncidentLine, Labels, PrivacyRules, PrivacyWords, ServiceLine, ShareDoc,
};
use unsung_store::Store;

pub use unsung_share::{CardSize, ShareFormat};

/// How many days of bars a shared story shows.
pub const SHARE_DAYS: u32 = 90;
/// How much larger than its size in points a PDF page preview is drawn.
const PAGE_PREVIEW_SCALE: f32 = 1.5;

/// What the user chose in the Share view (or on the command line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShareOptions {
    pub format: ShareFormat,
    /// The card's shape; only pictures use it.
    pub size: CardSize,
    /// Customer names to take out, from the user's own list.
    pub customer_names: Vec<String>,
    /// Keep teammates' names (they become "a teammate" otherwise).
    pub show_teammates: bool,
}

/// Exactly what would be shared: the pictures as `data:` URLs (the card itself for PNG; each
/// page for PDF, drawn from the same page layout), or the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SharePreview {
    pub format: ShareFormat,
    pub size: CardSize,
    /// `data:image/png;base64,…` pictures, in order.
    pub images: Vec<String>,
    /// The story as plain text: what Copy puts on the clipboard, and the words of the web page.
    pub text: String,
    /// A name for the saved file, such as `unsung-2026-11-23-to-2026-11-29.png`.
    pub file_name: String,
    /// How big the saved file will be.
    #[ts(type = "number")]
    pub bytes: u64,
}

/// Where Save put the file, to tell the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedShare {
    pub path: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// A shared story ready to be written somewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SharedFile {
    pub format: ShareFormat,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

fn share_error(error: unsung_share::ShareError) -> AppError {
    AppError::internal(format!("The story could not be drawn: {error}"))
}

/// "7 days", "one day", "less than a day", in the reader's language.
fn span(words: &Locale, seconds: i64) -> String {
    let days = (seconds as f64 / 86_400.0).round() as i64;
    words.message("share-span", &[("days", days.into())])
}

/// "99.96%": cut, never rounded up, and never 100% when there was trouble.
fn percent_label(lang: Lang, ratio: f64, had_trouble: bool) -> String {
    locale(lang).message(
        "ui-percent",
        &[("value", percent(lang, ratio, had_trouble).into())],
    )
}

/// A local date as the locale files' `DATETIME()` reads it.
fn date_arg(date: NaiveDate) -> unsung_core::locale::Arg {
    date.format("%Y-%m-%d").to_string().into()
}

/// "Working on 70 of 90 days, trouble on 19, 1 with planned maintenance": bars in words.
fn days_summary(words: &Locale, days: &[DayState]) -> (String, String) {
    let count = |states: &[DayState]| days.iter().filter(|d| states.contains(d)).count();
    let working = words.message(
        "ui-days-working",
        &[
            ("up", count(&[DayState::Up]).into()),
            ("total", days.len().into()),
        ],
    );
    let mut parts = vec![working.clone()];
    let trouble = count(&[DayState::Degraded, DayState::Partial, DayState::Down]);
    if trouble > 0 {
        parts.push(words.message("ui-days-trouble", &[("count", trouble.into())]));
    }
    let planned = count(&[DayState::Maintenance]);
    if planned > 0 {
        parts.push(words.message("ui-days-planned", &[("count", planned.into())]));
    }
    let no_data = count(&[DayState::NoData]);
    if no_data > 0 {
        parts.push(words.message("ui-days-no-data", &[("count", no_data.into())]));
    }
    (working, parts.join(", ") + ".")
}

/// The words around the story, for `incidents` (oldest first) and the overall `days`.
fn labels(lang: Lang, days: &[DayState], incidents: &[IncidentLine]) -> Labels {
    let words = locale(lang);
    let (working_on, days_summary) = days_summary(words, days);
    let problems = |count: usize, open: usize, fixed_id: &str, open_id: &str| {
        if open == 0 {
            words.message(fixed_id, &[("count", count.into())])
        } else {
            words.message(open_id, &[("count", count.into()), ("open", open.into())])
        }
    };
    let open_among = |n: usize| incidents[..n].iter().filter(|i| !i.fixed).count();
    Labels {
        lang: lang.code().to_string(),
        last_days: words.message("share-last-days", &[("days", days.len().into())]),
        what_happened: words.message("share-what-happened", &[]),
        day_words: DAY_STATES.map(|state| {
            let id = match state {
                DayState::Up => "ui-state-up",
                DayState::Degraded => "ui-state-degraded",
                DayState::Partial => "ui-state-partial",
                DayState::Down => "ui-state-down",
                DayState::Maintenance => "ui-state-maintenance",
                DayState::NoData => "ui-state-no_data",
            };
            words.message(id, &[])
        }),
        working_on,
        days_summary,
        all_problems: if incidents.is_empty() {
            words.message("share-nothing-broke", &[])
        } else {
            problems(
                incidents.len(),
                open_among(incidents.len()),
                "share-problems-fixed",
                "share-problems-open",
            )
        },
        earlier: (1..incidents.len())
            .map(|n| {
                problems(
                    n,
                    open_among(n),
                    "share-earlier-fixed",
                    "share-earlier-open",
                )
            })
            .collect(),
        made_with: words.message("share-made-with", &[]),
        pages: [1, 2]
            .map(|page| words.message("share-page", &[("page", page.into()), ("pages", 2.into())])),
        no_data: words.message("share-uptime-no-data", &[]),
    }
}

/// Gravest first, so the overall bar of a day shows the worst thing that happened to any part.
fn gravity(state: DayState) -> u8 {
    match state {
        DayState::Down => 5,
        DayState::Partial => 4,
        DayState::Degraded => 3,
        DayState::Maintenance => 2,
        DayState::Up => 1,
        DayState::NoData => 0,
    }
}

/// What the privacy pass puts in place of what it takes out, in the reader's language.
fn privacy_words(words: &Locale) -> PrivacyWords {
    PrivacyWords {
        server: words.message("share-private-server", &[]),
        system: words.message("share-private-system", &[]),
        web_page: words.message("share-private-web-page", &[]),
        email: words.message("share-private-email", &[]),
        customer: words.message("share-private-customer", &[]),
        teammate: words.message("share-private-teammate", &[]),
        and: words.message("share-private-and", &[]),
        teammates: (2..=10)
            .map(|n| words.message("share-private-teammates", &[("count", n.into())]))
            .collect(),
    }
}

/// The save dialog's title, in the reader's language.
pub fn save_dialog_title(lang: Lang) -> String {
    locale(lang).message("share-save-title", &[])
}

/// The names the privacy pass takes out unless allowed: the team (with the other names
/// sources know them by), who fixed, who helped, who thanked and who was thanked.
fn teammates(people: &[Person], data: &PeriodData) -> Vec<String> {
    let mut names: BTreeSet<String> = BTreeSet::new();
    for person in people {
        names.insert(person.name.clone());
        names.extend(person.aliases.iter().cloned());
    }
    for incident in &data.incidents {
        names.extend(incident.resolved_by.iter().cloned());
        names.extend(incident.responders.iter().cloned());
    }
    for note in &data.thanks {
        names.insert(note.author.clone());
        names.extend(note.recipients.iter().cloned());
    }
    // A family story calls people by their first names.
    let first: Vec<String> = names
        .iter()
        .map(|name| unsung_core::people::first_name(name).to_string())
        .collect();
    names.extend(first);
    names.into_iter().collect()
}

/// Who a shared story is for: its reader's time zone, language and audience.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reader {
    pub tz: Tz,
    pub lang: Lang,
    pub audience: Audience,
}

impl App {
    /// The story of `range` as every share format tells it, after the privacy pass. A period
    /// still going is told up to now, as the story is.
    pub async fn share_doc(
        &self,
        range: TimeRange,
        reader: Reader,
        options: &ShareOptions,
    ) -> Result<ShareDoc> {
        let Reader { tz, lang, audience } = reader;
        let words = locale(lang);
        let now = self.now();
        let range = TimeRange::new(range.from, range.to.min(now)).unwrap_or(range);
        let told = self.story(range, tz, audience, lang).await?;
        let data = self.period_data(range).await?;
        let overall = data.overall(range);

        // The last instant of the period: its day is the last bar and the date of the PDF.
        let end = range.to - Duration::seconds(1);
        let first_day = local_date(range.from, tz);
        let last_day = local_date(end, tz);
        let bars_from = start_of_day(last_day - Duration::days(SHARE_DAYS as i64 - 1), tz);
        let bar_intervals = self.bar_intervals(bars_from, range.to).await?;
        let (days, per_service, bars_start) = share_bars(
            &data.services,
            &bar_intervals,
            &with_planned_work(&data.intervals, &data.incidents),
            range,
            end,
            tz,
        );
        let days_in_period = ((last_day - first_day.max(bars_start)).num_days() + 1)
            .clamp(0, SHARE_DAYS as i64) as usize;
        let services: Vec<ServiceLine> = data
            .services
            .iter()
            .zip(per_service)
            .map(|(service, (days, ratio))| ServiceLine {
                name: story::service_name(words, service, audience),
                uptime: ratio.map(|r| percent_label(lang, r, r < 1.0)),
                summary: days_summary(words, &days).1,
                days,
            })
            .collect();

        let measured = overall.up + overall.degraded + overall.down;
        let uptime_in_time = if measured == 0 {
            words.message(
                "share-no-data",
                &[("span", span(words, range.seconds()).into())],
            )
        } else if overall.down == 0 {
            words.message(
                "share-no-trouble",
                &[("span", span(words, range.seconds()).into())],
            )
        } else {
            words.message(
                "share-trouble",
                &[
                    (
                        "duration",
                        capitalised(&duration(words, overall.down)).into(),
                    ),
                    ("span", span(words, range.seconds()).into()),
                ],
            )
        };

        let incidents: Vec<IncidentLine> = stats::counted_in(&data.incidents, range)
            .into_iter()
            .map(|incident| IncidentLine {
                when: words.message(
                    "share-day",
                    &[("date", date_arg(local_date(incident.opened_at, tz)))],
                ),
                text: story::incident_summary(
                    lang,
                    incident,
                    &data.services,
                    (range.to - incident.opened_at).num_seconds(),
                ),
                fixed: incident.resolved_at.is_some(),
            })
            .collect();

        let mut recipients: Vec<&str> = Vec::new();
        for note in &data.thanks {
            for name in &note.recipients {
                if !recipients.contains(&name.as_str()) {
                    recipients.push(name);
                }
            }
        }
        let thanks = if options.show_teammates && !recipients.is_empty() {
            words.message(
                "share-thanks-names",
                &[("names", format_list(lang, &recipients).into())],
            )
        } else {
            words.message("share-thanks-everyone", &[])
        };

        let is_demo = self.is_demo().await?;
        let doc = ShareDoc {
            team: if is_demo {
                words.message("demo-team-label", &[("team", demo::TEAM_NAME.into())])
            } else {
                words.message("share-team-ours", &[])
            },
            period: told.title,
            headline: told.headline,
            uptime: overall
                .uptime_ratio()
                .map(|ratio| percent_label(lang, ratio, overall.down > 0)),
            uptime_in_time,
            better: told
                .sections
                .iter()
                .find(|s| s.kind == SectionKind::WhatGotBetter)
                .map(|s| s.parts.iter().map(StoryPart::text).collect()),
            paragraphs: told.paragraphs,
            labels: labels(lang, &days, &incidents),
            days,
            days_first: words.message("share-day", &[("date", date_arg(bars_start))]),
            days_last: words.message("share-day", &[("date", date_arg(last_day))]),
            days_in_period,
            incidents,
            thanks,
            services,
            as_of: last_day,
        };

        let people = self.local.people().await?;
        let hidden = if options.show_teammates {
            Vec::new()
        } else {
            teammates(&people, &data)
        };
        let rules = PrivacyRules::new(
            privacy_words(words),
            data.services.iter().map(|s| {
                (
                    s.name.clone(),
                    story::service_name(words, s, Audience::Family),
                )
            }),
            &options.customer_names,
            &hidden,
        );
        Ok(doc.map_text(|text| rules.clean(text)))
    }

    /// The story of `range` in the chosen format, ready to save.
    pub async fn share(
        &self,
        range: TimeRange,
        reader: Reader,
        options: &ShareOptions,
    ) -> Result<SharedFile> {
        let doc = self.share_doc(range, reader, options).await?;
        let bytes =
            unsung_share::render(&doc, options.format, options.size).map_err(share_error)?;
        Ok(SharedFile {
            format: options.format,
            file_name: file_name(range, reader.tz, options.format),
            bytes,
        })
    }

    /// The period the app shows, shared: what the Share view saves.
    pub async fn share_period(
        &self,
        kind: PeriodKind,
        reader: Reader,
        options: &ShareOptions,
    ) -> Result<SharedFile> {
        self.share(kind.range(self.now(), reader.tz), reader, options)
            .await
    }

    /// The plain text Copy puts on the clipboard for the period the app shows.
    pub async fn share_text(
        &self,
        kind: PeriodKind,
        reader: Reader,
        options: &ShareOptions,
    ) -> Result<String> {
        let range = kind.range(self.now(), reader.tz);
        let doc = self.share_doc(range, reader, options).await?;
        Ok(unsung_share::text(&doc))
    }

    /// Exactly what Save or Copy would share, for the Share view.
    pub async fn share_preview(
        &self,
        kind: PeriodKind,
        reader: Reader,
        options: &ShareOptions,
    ) -> Result<SharePreview> {
        let range = kind.range(self.now(), reader.tz);
        let doc = self.share_doc(range, reader, options).await?;
        let bytes =
            unsung_share::render(&doc, options.format, options.size).map_err(share_error)?;
        let images = match options.format {
            ShareFormat::Png => vec![data_url(&bytes)],
            ShareFormat::Pdf => unsung_share::report_pngs(&doc, PAGE_PREVIEW_SCALE)
                .map_err(share_error)?
                .iter()
                .map(|page| data_url(page))
                .collect(),
            ShareFormat::Html | ShareFormat::Text => Vec::new(),
        };
        Ok(SharePreview {
            format: options.format,
            size: options.size,
            images,
            text: unsung_share::text(&doc),
            file_name: file_name(range, reader.tz, options.format),
            bytes: bytes.len() as u64,
        })
    }
}

fn data_url(png: &[u8]) -> String {
    format!(
        "data:image/png;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(png)
    )
}

/// `unsung-2026-11-23-to-2026-11-29.png`: the period in the name, so files sort by date.
pub fn file_name(range: TimeRange, tz: Tz, format: ShareFormat) -> String {
    let first = local_date(range.from, tz);
    let last = local_date(range.to - Duration::seconds(1), tz);
    let dates = if first == last {
        first.format("%Y-%m-%d").to_string()
    } else {
        format!(
            "{}-to-{}",
            first.format("%Y-%m-%d"),
            last.format("%Y-%m-%d")
        )
    };
    format!("unsung-{dates}.{}", format.extension())
}

/// Each service's bars and its uptime ratio in the period, in the services' order.
type ServiceBars = Vec<(Vec<DayState>, Option<f64>)>;

/// The overall bar (the gravest state of any service each day), each service's bars and
/// uptime, and the first day shown.
fn share_bars(
    services: &[Service],
    bar_intervals: &[Interval],
    period_intervals: &[Interval],
    range: TimeRange,
    end: DateTime<Utc>,
    tz: Tz,
) -> (Vec<DayState>, ServiceBars, NaiveDate) {
    let grouped = stats::intervals_by_service(bar_intervals);
    let mut overall = vec![DayState::NoData; SHARE_DAYS as usize];
    let mut each = Vec::new();
    for service in services {
        let own = grouped
            .get(service.id.as_str())
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let states: Vec<DayState> = daily_bars(own, SHARE_DAYS, end, tz)
            .iter()
            .map(|b| b.state)
            .collect();
        for (day, state) in overall.iter_mut().zip(&states) {
            if gravity(*state) > gravity(*day) {
                *day = *state;
            }
        }
        let in_period: Vec<&Interval> = period_intervals
            .iter()
            .filter(|i| i.service_id == service.id)
            .collect();
        each.push((
            states,
            stats::state_seconds(&in_period, range).uptime_ratio(),
        ));
    }
    let first = local_date(end, tz) - Duration::days(SHARE_DAYS as i64 - 1);
    (overall, each, first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gravest_state_wins_the_overall_bar_and_missing_data_loses_to_anything() {
        let mut states = [
            DayState::NoData,
            DayState::Up,
            DayState::Maintenance,
            DayState::Degraded,
            DayState::Partial,
            DayState::Down,
        ];
        let before = states;
        states.sort_by_key(|s| gravity(*s));
        assert_eq!(states, before);
    }
}
