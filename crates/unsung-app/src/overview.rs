//! The "This week" view in one call: the period, its story and figures, 90 daily bars per
//! service, the period's incidents and the thank-you wall.

use crate::dto::{ExplanationView, IncidentView, Overview, Period, ServiceTimeline};
use crate::team::ME_SETTING;
use crate::{App, Lang, PeriodKind, Result, TimeRange};
use chrono::Duration;
use chrono_tz::Tz;
use unsung_core::locale::locale;
use unsung_core::period::{local_date, start_of_day};
use unsung_core::stats::{self, rfc3339};
use unsung_core::story::{self, Audience};
use unsung_core::timeline::{daily_bars, with_planned_work};
use unsung_core::{Disposition, demo};
use unsung_store::Store;

/// How many days of bars each service shows.
pub const BAR_DAYS: u32 = 90;
/// How many notes the wall shows at once.
pub const WALL_SIZE: u32 = 50;

impl App {
    /// The This week view of `kind` read in `tz`: its story for `audience` in `lang`, figures,
    /// bars, incidents and the wall.
    pub async fn overview(
        &self,
        kind: PeriodKind,
        tz: Tz,
        lang: Lang,
        audience: Audience,
    ) -> Result<Overview> {
        // The team database is reached in the background: the view shows the local copy and
        // says where reaching it stands, and never waits for it.
        let team = self.team();
        if let Some(team) = &team {
            team.reach_in_background();
        }
        let now = self.now();
        let range = kind.range(now, tz);
        let data = self.period_data(range).await?;
        let hours = self.working_hours();
        let mut report = data.report(range, tz, &hours, now);
        // The view names services in its language; the figures follow the services' order.
        for (figures, service) in report.services.iter_mut().zip(&data.services) {
            figures.name = story::service_name(locale(lang), service, Audience::Team);
        }
        let overall = data.overall(range);
        let story = self.story(range, tz, audience, lang).await?;

        let bars_from = start_of_day(
            local_date(now, tz) - Duration::days(BAR_DAYS as i64 - 1),
            tz,
        );
        let bar_intervals = self
            .bar_intervals(bars_from, now.max(bars_from + Duration::seconds(1)))
            .await?;
        let grouped = stats::intervals_by_service(&bar_intervals);
        let period_intervals = with_planned_work(&data.intervals, &data.incidents);
        let services = data
            .services
            .iter()
            .map(|service| {
                let own = grouped
                    .get(service.id.as_str())
                    .map(Vec::as_slice)
                    .unwrap_or(&[]);
                let in_period: Vec<_> = period_intervals
                    .iter()
                    .filter(|i| i.service_id == service.id)
                    .collect();
                ServiceTimeline {
                    id: service.id.clone(),
                    name: story::service_name(locale(lang), service, Audience::Team),
                    technical_name: service.name.clone(),
                    uptime_ratio: stats::state_seconds(&in_period, range).uptime_ratio(),
                    days: daily_bars(own, BAR_DAYS, now, tz),
                }
            })
            .collect();

        // Drills, maintenance and practice are listed too (marked as such, never counted), so
        // a person can tell what got better or take the practice mark back.
        let mut incidents: Vec<IncidentView> = data
            .incidents
            .iter()
            .filter(|i| i.disposition == Disposition::Counted && range.contains(i.opened_at))
            .map(|incident| {
                let service_name = incident
                    .service_id
                    .as_deref()
                    .and_then(|id| data.services.iter().find(|s| s.id == id))
                    .map(|s| story::service_name(locale(lang), s, Audience::Team));
                IncidentView {
                    id: incident.id.clone(),
                    title: incident.title.clone(),
                    summary: story::incident_summary(
                        lang,
                        incident,
                        &data.services,
                        (now - incident.opened_at).num_seconds(),
                    ),
                    service_name,
                    severity: incident.severity.as_str().to_string(),
                    opened_at: rfc3339(incident.opened_at),
                    resolved_at: incident.resolved_at.map(rfc3339),
                    resolved_by: incident.resolved_by.clone(),
                    seconds_to_resolve: incident.seconds_to_resolve(),
                    outside_working_hours: hours.is_outside(incident.opened_at, tz),
                    // Names are already the people's (see `period_data`).
                    fixed_by: match &incident.resolved_by {
                        Some(who) => vec![who.clone()],
                        None => incident.responders.clone(),
                    },
                    kind: incident.effective_kind().as_str().to_string(),
                    source_explanation: incident.source_explanation.clone(),
                    explanation: incident.explanation.as_ref().map(|e| ExplanationView {
                        text: e.text.clone(),
                        practice: e.practice,
                        written_by: e.written_by.clone(),
                        written_at: rfc3339(e.written_at),
                        edited_by: e.edited_by.clone(),
                        edited_at: e.edited_at.map(rfc3339),
                    }),
                }
            })
            .collect();
        incidents.reverse();

        let is_demo = self.is_demo().await?;
        let words = locale(lang);
        Ok(Overview {
            is_demo,
            lang,
            audience,
            team_name: if is_demo {
                words.message("demo-team-label", &[("team", demo::TEAM_NAME.into())])
            } else {
                words.message("ui-team-yours", &[])
            },
            tz: tz.name().to_string(),
            working_hours: crate::preferences::hours_view(&hours),
            period: Period {
                kind,
                from: rfc3339(range.from),
                to: rfc3339(range.to),
                label: story.title.clone(),
            },
            overall_uptime_ratio: overall.uptime_ratio(),
            story,
            stats: report,
            services,
            incidents,
            thanks: self.wall(WALL_SIZE).await?,
            people: self
                .local
                .people()
                .await?
                .into_iter()
                .map(|p| p.name)
                .collect(),
            me: match &team {
                Some(_) => self.local.setting(ME_SETTING).await?,
                None => None,
            },
            last_synced_at: self.last_synced_at().await?.map(rfc3339),
            sysadmin_day: self.is_sysadmin_day(),
            welcomed: self.preferences().await?.welcomed,
            team: team.map(|team| team.reach()),
        })
    }

    /// Used by [`App::overview`] callers that want the exact range a period kind covers now.
    pub fn period_range(&self, kind: PeriodKind, tz: Tz) -> TimeRange {
        kind.range(self.now(), tz)
    }
}
