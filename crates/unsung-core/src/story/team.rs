//! What broke, for the team: each incident on its own when there are a few; with many, one
//! line per service, most serious first, because ten incidents run together in one paragraph
//! read as noise. A title that starts with its service's name does not name it twice.

use super::phrases::{self, capitalised, duration, title_without_service};
use super::plan::{NEW_PARAGRAPH, Sentence, fix_times, say};
use super::{Audience, StoryRequest};
use crate::locale::{Args, Locale};
use crate::model::{Incident, Service, Severity};
use crate::stats::IncidentStats;
use std::cmp::Reverse;

/// Up to this many incidents, each is told on its own.
const LISTED: usize = 5;
/// How many services get a line of their own before the rest are counted.
const SERVICE_LINES: usize = 8;

/// The incidents of the told range, for the team.
pub(super) fn team_problems(
    locale: &Locale,
    request: &StoryRequest,
    services: &[Service],
    counted: Vec<&Incident>,
    stats: &IncidentStats,
) -> Vec<Sentence> {
    let lines = Lines {
        locale,
        request,
        services,
    };
    let mut out = Vec::new();
    if counted.len() <= LISTED {
        out.push(say(
            "story-team-incidents",
            vec![("count", counted.len().into())],
        ));
        out.extend(counted.iter().map(|incident| lines.incident(incident)));
    } else {
        out.extend(lines.by_service(&counted));
        out.push(say(NEW_PARAGRAPH, vec![]));
    }
    out.extend(fix_times(locale, stats, "story-team-fix-times"));
    out
}

struct Lines<'a> {
    locale: &'a Locale,
    request: &'a StoryRequest<'a>,
    services: &'a [Service],
}

/// How serious an incident was, most serious smallest: a big outage first, then one still
/// open, then the longest.
fn seriousness(incident: &Incident, request: &StoryRequest) -> (bool, bool, Reverse<i64>) {
    let length = (incident.resolved_at.unwrap_or(request.now) - incident.opened_at).num_seconds();
    (
        incident.severity != Severity::Major,
        incident.resolved_at.is_some(),
        Reverse(length),
    )
}

impl Lines<'_> {
    fn service_name(&self, incident: &Incident) -> String {
        capitalised(&phrases::incident_service(
            self.locale,
            incident,
            self.services,
            Audience::Team,
        ))
    }

    /// The incident's title, without its service's name in front.
    fn title<'i>(&self, incident: &'i Incident) -> &'i str {
        let service = incident
            .service_id
            .as_deref()
            .and_then(|id| self.services.iter().find(|s| s.id == id));
        let names: Vec<&str> = service
            .map(|s| {
                std::iter::once(s.name.as_str())
                    .chain(s.friendly_name.as_deref())
                    .collect()
            })
            .unwrap_or_default();
        title_without_service(&incident.title, &names)
    }

    /// "checkout-api-prod: certificate expiring. Priya fixed it in about an hour, ...".
    fn incident(&self, incident: &Incident) -> Sentence {
        let (locale, tz) = (self.locale, self.request.tz);
        let mut args: Args = vec![
            ("service", self.service_name(incident).into()),
            ("title", self.title(incident).into()),
        ];
        let id = match (
            incident.seconds_to_resolve(),
            incident.resolved_by.as_deref(),
        ) {
            (None, _) => {
                args.push((
                    "since",
                    phrases::since(locale, incident.opened_at, tz).into(),
                ));
                "story-team-open"
            }
            (Some(time), who) => {
                args.push(("duration", duration(locale, time).into()));
                args.push(("when", phrases::when(locale, incident.opened_at, tz).into()));
                match who {
                    Some(who) => {
                        args.push(("who", who.into()));
                        "story-team-fixed"
                    }
                    None => "story-team-fixed-nobody",
                }
            }
        };
        say(id, args)
    }

    /// The count, then one paragraph per service (most serious first): how many incidents
    /// and the most serious of them; the services past the first few are counted.
    fn by_service(&self, counted: &[&Incident]) -> Vec<Sentence> {
        let mut groups: Vec<(Option<&str>, Vec<&Incident>)> = Vec::new();
        for incident in counted {
            let key = incident.service_id.as_deref();
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, own)) => own.push(incident),
                None => groups.push((key, vec![incident])),
            }
        }
        for (_, own) in &mut groups {
            own.sort_by_key(|incident| seriousness(incident, self.request));
        }
        // Stable: services that tie stay in the order their first incident came.
        groups.sort_by_key(|(_, own)| (seriousness(own[0], self.request), Reverse(own.len())));
        let mut out = vec![say(
            "story-team-incidents-grouped",
            vec![
                ("count", counted.len().into()),
                ("services", groups.len().into()),
            ],
        )];
        for (_, own) in groups.iter().take(SERVICE_LINES) {
            out.push(say(NEW_PARAGRAPH, vec![]));
            if let [only] = own.as_slice() {
                out.push(self.incident(only));
                continue;
            }
            out.extend(self.service(own));
        }
        let rest = &groups[SERVICE_LINES.min(groups.len())..];
        if !rest.is_empty() {
            out.push(say(NEW_PARAGRAPH, vec![]));
            out.push(say(
                "story-team-more-services",
                vec![
                    ("services", rest.len().into()),
                    (
                        "count",
                        rest.iter().map(|(_, own)| own.len()).sum::<usize>().into(),
                    ),
                ],
            ));
        }
        out
    }

    /// "checkout-api-prod: 14 incidents, 1 still open. The most serious: ...".
    fn service(&self, own: &[&Incident]) -> [Sentence; 2] {
        let (locale, tz) = (self.locale, self.request.tz);
        let worst = own[0];
        let open = own.iter().filter(|i| i.resolved_at.is_none()).count();
        let mut args: Args = vec![
            ("service", self.service_name(worst).into()),
            ("count", own.len().into()),
        ];
        let id = if open > 0 {
            args.push(("open", open.into()));
            "story-team-service-open"
        } else {
            "story-team-service"
        };
        let mut detail: Args = vec![("title", self.title(worst).into())];
        let detail_id = match (worst.seconds_to_resolve(), worst.resolved_by.as_deref()) {
            (None, _) => {
                detail.push(("since", phrases::since(locale, worst.opened_at, tz).into()));
                "story-team-worst-open"
            }
            (Some(time), who) => {
                detail.push(("duration", duration(locale, time).into()));
                match who {
                    Some(who) => {
                        detail.push(("who", who.into()));
                        "story-team-worst-fixed"
                    }
                    None => "story-team-worst-fixed-nobody",
                }
            }
        };
        [say(id, args), say(detail_id, detail)]
    }
}
