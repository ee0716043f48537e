//! Generated teams for the plain-language gates: a calm week, a terrible week, no data at all,
//! one service, 200 services, an incident still open, and teams shaped like a real PagerDuty
//! account (the demo team is in `demo.rs`). Each is built the same way every time from the
//! clock it is given, with 28 days of history ([`PAGERDUTY_HISTORY_DAYS`] for the PagerDuty teams).

use crate::demo;
use crate::model::{
    Change, Dataset, Disposition, Explanation, Incident, IncidentKind, Interval, Service, Severity,
    Status, ThankYou,
};
use chrono::{DateTime, Duration, DurationRound, Utc};

mod practice;
pub use practice::{hard_text_teams, hard_texts, what_got_better};

pub const HISTORY_DAYS: i64 = 28;

/// Every scenario by name, built at `now`.
pub fn all(now: DateTime<Utc>) -> Vec<(&'static str, Dataset)> {
    vec![
        ("demo team", demo::team(now)),
        ("calm week", calm_week(now)),
        ("terrible week", terrible_week(now)),
        ("no data at all", Dataset::default()),
        ("one service", one_service(now)),
        ("200 services", many_services(now, 200)),
        ("an incident still open", incident_still_open(now)),
        ("a team that says what got better", what_got_better(now)),
        ("PagerDuty only", pagerduty_team(now)),
        (
            "PagerDuty only, some names given",
            pagerduty_team_named(now),
        ),
    ]
}

/// A team's history under construction: services, what went wrong when, and who fixed it.
struct Builder {
    now: DateTime<Utc>,
    data: Dataset,
    /// (service id, start, end, status); everything else in the history is up.
    marks: Vec<(String, DateTime<Utc>, DateTime<Utc>, Status)>,
}

struct Trouble<'a> {
    service: usize,
    hours_ago: i64,
    minutes: i64,
    status: Status,
    severity: Severity,
    fixer: Option<&'a str>,
    helpers: &'a [&'a str],
    title: &'a str,
}

impl Builder {
    fn new(now: DateTime<Utc>) -> Builder {
        Builder {
            now: now.duration_trunc(Duration::hours(1)).unwrap_or(now),
            data: Dataset::default(),
            marks: Vec::new(),
        }
    }

    fn service(&mut self, key: &str, technical: &str, friendly: Option<&str>) -> &mut Builder {
        self.data.services.push(Service {
            id: format!("gen/{key}"),
            source: "gen".into(),
            external_id: key.into(),
            name: technical.into(),
            friendly_name: friendly.map(str::to_string),
        });
        self
    }

    fn at(&self, hours_ago: i64) -> DateTime<Utc> {
        self.now - Duration::hours(hours_ago)
    }

    /// Something that went wrong `hours_ago`, lasting `minutes`; still open when `fixer` is None.
    fn trouble(&mut self, t: Trouble) -> &mut Builder {
        let service = self.data.services[t.service].id.clone();
        let start = self.at(t.hours_ago);
        let open = t.fixer.is_none();
        let end = if open {
            self.now
        } else {
            start + Duration::minutes(t.minutes)
        };
        if t.status != Status::Up {
            self.marks.push((service.clone(), start, end, t.status));
        }
        let number = self.data.incidents.len() + 1;
        let mut responders: Vec<String> = t.fixer.into_iter().map(str::to_string).collect();
        responders.extend(t.helpers.iter().map(|h| h.to_string()));
        self.data.incidents.push(Incident {
            id: format!("gen/{number}"),
            source: "gen".into(),
            external_id: number.to_string(),
            service_id: Some(service),
            title: t.title.into(),
            severity: t.severity,
            opened_at: start,
            acknowledged_at: Some(start + Duration::minutes(2)),
            resolved_at: (!open).then_some(end),
            resolved_by: t.fixer.map(str::to_string),
            responders,
            notes: vec![],
            disposition: Disposition::Counted,
            link: None,
            kind: IncidentKind::Problem,
            source_explanation: None,
            explanation: None,
        });
        self
    }

    fn maintenance(&mut self, service: usize, hours_ago: i64, minutes: i64) -> &mut Builder {
        let id = self.data.services[service].id.clone();
        let start = self.at(hours_ago);
        self.marks.push((
            id,
            start,
            start + Duration::minutes(minutes),
            Status::Maintenance,
        ));
        self
    }

    fn updates(&mut self, every_hours: i64) -> &mut Builder {
        let count = self.data.services.len();
        for (n, hours_ago) in (1..HISTORY_DAYS * 24)
            .step_by(every_hours as usize)
            .enumerate()
        {
            let service = &self.data.services[n % count];
            self.data.changes.push(Change {
                id: format!("gen/change-{n}"),
                source: "gen".into(),
                service_id: Some(service.id.clone()),
                at: self.now - Duration::hours(hours_ago),
                summary: "An update".into(),
            });
        }
        self
    }

    fn thanks(&mut self, hours_ago: i64, from: &str, to: &[&str], message: &str) -> &mut Builder {
        let n = self.data.thanks.len() + 1;
        self.data.thanks.push(ThankYou {
            id: format!("01900000-0000-7000-8000-1000000000{n:02}"),
            author: from.into(),
            recipients: to.iter().map(|s| s.to_string()).collect(),
            message: message.into(),
            incident_id: None,
            period_from: None,
            period_to: None,
            created_at: self.at(hours_ago),
            edited_at: None,
            is_demo: false,
        });
        self
    }

    /// The dataset as an incident tool alone knows it: no uptime at all.
    fn build_incidents_only(&mut self, people: &[&str]) -> Dataset {
        let mut data = std::mem::take(&mut self.data);
        data.incidents.sort_by_key(|i| i.opened_at);
        data.people = people.iter().map(|p| p.to_string()).collect();
        data
    }

    /// Fills the rest of every service's history with "up" and returns the dataset.
    fn build(&mut self) -> Dataset {
        let start = self.now - Duration::days(HISTORY_DAYS);
        let mut intervals = Vec::new();
        for service in &self.data.services {
            let mut own: Vec<_> = self.marks.iter().filter(|m| m.0 == service.id).collect();
            own.sort_by_key(|m| m.1);
            let mut cursor = start;
            for (_, from, to, status) in own {
                let (from, to) = ((*from).max(cursor), (*to).min(self.now));
                if to <= from {
                    continue;
                }
                if cursor < from {
                    intervals.push(interval(&service.id, cursor, from, Status::Up));
                }
                intervals.push(interval(&service.id, from, to, *status));
                cursor = to;
            }
            if cursor < self.now {
                intervals.push(interval(&service.id, cursor, self.now, Status::Up));
            }
        }
        let mut data = std::mem::take(&mut self.data);
        data.intervals = intervals;
        data.incidents.sort_by_key(|i| i.opened_at);
        data.people = ["Ana", "Ben", "Chloe", "Dev"].map(String::from).to_vec();
        data
    }
}

fn interval(service: &str, start: DateTime<Utc>, end: DateTime<Utc>, status: Status) -> Interval {
    Interval::new(service, start, end, status)
}

fn minor<'a>(
    service: usize,
    hours_ago: i64,
    minutes: i64,
    status: Status,
    fixer: &'a str,
) -> Trouble<'a> {
    Trouble {
        service,
        hours_ago,
        minutes,
        status,
        severity: Severity::Minor,
        fixer: Some(fixer),
        helpers: &[],
        title: "Something went wrong",
    }
}

/// Nothing broke this week; the week before had a problem; planned upkeep nobody noticed.
pub fn calm_week(now: DateTime<Utc>) -> Dataset {
    Builder::new(now)
        .service("site", "www-prod", Some("the website"))
        .service("mail", "smtp-relay", Some("the newsletter"))
        .service("login", "auth-svc", Some("signing in"))
        .trouble(minor(0, 9 * 24, 25, Status::Down, "Ana"))
        .maintenance(2, 30, 90)
        .updates(11)
        .thanks(20, "Ben", &["Ana"], "Thanks for the quiet week.")
        .build()
}

/// Everything went wrong: long outages, nights, a big outage this week, problems still open.
pub fn terrible_week(now: DateTime<Utc>) -> Dataset {
    let mut b = Builder::new(now);
    for (key, technical, friendly) in [
        ("shop", "storefront-k8s", "the shop"),
        ("pay", "pay-gateway-02", "card payments"),
        ("search", "solr-search", "search"),
        ("app", "app-backend-v2", "the app"),
        ("mail", "smtp-relay-eu", "emails"),
        ("img", "media-cache", "pictures"),
        ("login", "auth-svc", "signing in"),
        ("stock", "inventory-db", "the stock list"),
    ] {
        b.service(key, technical, Some(friendly));
    }
    let people = ["Ana", "Ben", "Chloe", "Dev"];
    for n in 0..24i64 {
        let hours_ago = 3 + n * 6 + (n % 5);
        if hours_ago >= 6 * 24 {
            break;
        }
        let status = if n % 3 == 0 {
            Status::Degraded
        } else {
            Status::Down
        };
        let fixer = people[(n % 4) as usize];
        b.trouble(Trouble {
            helpers: &["Dev"],
            title: "Customers see errors",
            ..minor((n % 8) as usize, hours_ago, 20 + n * 7, status, fixer)
        });
    }
    b.trouble(Trouble {
        service: 1,
        hours_ago: 50,
        minutes: 5 * 60,
        status: Status::Down,
        severity: Severity::Major,
        fixer: Some("Ana"),
        helpers: &["Ben", "Chloe"],
        title: "Payments down for everyone",
    });
    b.trouble(Trouble {
        service: 0,
        hours_ago: 2,
        minutes: 0,
        status: Status::Down,
        severity: Severity::Major,
        fixer: None,
        helpers: &["Chloe"],
        title: "Shop unreachable",
    });
    b.trouble(Trouble {
        service: 3,
        hours_ago: 1,
        minutes: 0,
        status: Status::Degraded,
        severity: Severity::Minor,
        fixer: None,
        helpers: &["Dev"],
        title: "App slow",
    });
    b.trouble(minor(4, 9 * 24, 10, Status::Down, "Ben"));
    b.updates(30).build()
}

pub fn one_service(now: DateTime<Utc>) -> Dataset {
    Builder::new(now)
        .service("site", "www-prod", Some("the website"))
        .trouble(minor(0, 40, 12, Status::Down, "Chloe"))
        .trouble(minor(0, 12 * 24, 30, Status::Down, "Chloe"))
        .thanks(30, "Dev", &["Chloe"], "Thank you!")
        .build()
}

/// `count` services, every third one without a friendly name (a family story must never show
/// the technical name instead).
pub fn many_services(now: DateTime<Utc>, count: usize) -> Dataset {
    let mut b = Builder::new(now);
    for n in 0..count {
        let friendly = format!("shop page {n}");
        b.service(
            &format!("svc{n}"),
            &format!("api-gw-{n:03}.prod.internal"),
            (n % 3 != 0).then_some(friendly.as_str()),
        );
    }
    for n in 0..12i64 {
        let service = (n as usize * 17) % count;
        b.trouble(minor(
            service,
            5 + n * 11,
            6 + n,
            Status::Down,
            ["Ana", "Ben"][n as usize % 2],
        ));
    }
    b.maintenance(3, 70, 60).updates(4).build()
}

/// One service down since three hours ago, at night; nothing else happened.
pub fn incident_still_open(now: DateTime<Utc>) -> Dataset {
    Builder::new(now)
        .service("site", "www-prod", Some("the website"))
        .service("app", "mobile-api", Some("the app"))
        .trouble(Trouble {
            service: 1,
            hours_ago: 3,
            minutes: 0,
            status: Status::Down,
            severity: Severity::Major,
            fixer: None,
            helpers: &["Ben"],
            title: "App down",
        })
        .build()
}

/// How far back the PagerDuty teams go: a 90-day story and the 30 days before a 30-day one.
pub const PAGERDUTY_HISTORY_DAYS: i64 = 120;

/// The PagerDuty team's responders, as PagerDuty names them.
pub const PAGERDUTY_PEOPLE: [&str; 5] = [
    "Priya Natarajan",
    "Tomás Ortega",
    "Grace Okafor",
    "Daniel Kowalski",
    "Mei Chen",
];

/// The PagerDuty team's services, known only by their internal names, most troubled first,
/// with the titles their alerts come with (some start with the service's own name).
const PAGERDUTY_SERVICES: [(&str, &[&str]); 8] = [
    (
        "checkout-api-prod",
        &[
            "checkout-api-prod: certificate expiring",
            "High error rate on POST /api/v2/orders",
            "checkout-api-prod: p99 latency above 2s",
        ],
    ),
    (
        "pg-replica-03",
        &[
            "Replication lag above 30s on pg-replica-03",
            "pg-replica-03: disk usage above 90%",
        ],
    ),
    (
        "k8s-ingress-eu",
        &[
            "[FIRING:1] KubeIngress5xxRateHigh",
            "k8s-ingress-eu: TLS handshake errors",
        ],
    ),
    (
        "payments-gateway-prod",
        &["payments-gateway-prod: timeouts from card processor"],
    ),
    (
        "auth-svc-prod",
        &[
            "auth-svc-prod: login failures above threshold",
            "JWKS fetch failing",
        ],
    ),
    (
        "search-indexer-02",
        &[
            "Indexing queue backlog above 10k",
            "search-indexer-02: OOMKilled",
        ],
    ),
    ("redis-cache-01", &["redis-cache-01: evictions spiking"]),
    (
        "notifications-worker-prod",
        &["DLQ depth growing on notifications-worker-prod"],
    ),
];

/// A team as a new user with only PagerDuty brings it: incidents and nothing else (no uptime
/// source, no intervals), five responders with full names, about 66 incidents a month over
/// [`PAGERDUTY_HISTORY_DAYS`], services known only by internal names, a big outage in the
/// night twelve days ago, and two incidents still open.
pub fn pagerduty_team(now: DateTime<Utc>) -> Dataset {
    pagerduty_builder(now).build_incidents_only(&PAGERDUTY_PEOPLE)
}

/// The same team after a person gave three of its services friendly names in Settings.
pub fn pagerduty_team_named(now: DateTime<Utc>) -> Dataset {
    let mut b = pagerduty_builder(now);
    for (service, friendly) in [
        (0, "the checkout page"),
        (3, "card payments"),
        (4, "signing in"),
    ] {
        b.data.services[service].friendly_name = Some(friendly.to_string());
    }
    b.build_incidents_only(&PAGERDUTY_PEOPLE)
}

fn pagerduty_builder(now: DateTime<Utc>) -> Builder {
    let mut b = Builder::new(now);
    for (name, _) in PAGERDUTY_SERVICES {
        b.service(name, name, None);
    }
    // 2.2 incidents a day, placed and sized by a fixed sequence so every build is the same.
    let count = PAGERDUTY_HISTORY_DAYS * 22 / 10;
    let mut seed: u64 = 0x5eed_1dea;
    let mut next = move |bound: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % bound
    };
    for n in 0..count {
        // Busier services first: the first ones get most of the alerts.
        let service = (next(8) * next(8) / 8) as usize;
        let titles = PAGERDUTY_SERVICES[service].1;
        let hours_ago = 8 + n * (PAGERDUTY_HISTORY_DAYS * 24 - 10) / count + next(9) as i64;
        let minutes = [4, 9, 14, 22, 35, 48, 70, 125][next(8) as usize] + next(6) as i64;
        let fixer = PAGERDUTY_PEOPLE[next(5) as usize];
        let helper = PAGERDUTY_PEOPLE[next(5) as usize];
        let helpers: Vec<&str> = if helper != fixer && next(3) == 0 {
            vec![helper]
        } else {
            vec![]
        };
        b.trouble(Trouble {
            service,
            hours_ago,
            minutes,
            status: Status::Up,
            severity: Severity::Minor,
            fixer: Some(fixer),
            helpers: &helpers,
            title: titles[next(titles.len() as u64) as usize],
        });
    }
    // The big outage: checkout down for everyone at 02:00 UTC twelve days ago, all hands.
    let night = 12 * 24
        + (b.now - b.now.duration_trunc(Duration::days(1)).unwrap_or(b.now)).num_hours()
        - 2;
    b.trouble(Trouble {
        service: 0,
        hours_ago: night,
        minutes: 3 * 60 + 10,
        status: Status::Up,
        severity: Severity::Major,
        fixer: Some(PAGERDUTY_PEOPLE[0]),
        helpers: &PAGERDUTY_PEOPLE[1..],
        title: "checkout-api-prod: all checkout requests failing",
    });
    // A smaller major one two months earlier, so some periods have a last big outage before them.
    b.trouble(Trouble {
        service: 1,
        hours_ago: 70 * 24 + 5,
        minutes: 95,
        status: Status::Up,
        severity: Severity::Major,
        fixer: Some(PAGERDUTY_PEOPLE[3]),
        helpers: &PAGERDUTY_PEOPLE[..2],
        title: "Primary database failover",
    });
    for (service, hours_ago, title) in [
        (2, 3, "k8s-ingress-eu: TLS handshake errors"),
        (5, 5, "Indexing queue backlog above 10k"),
    ] {
        b.trouble(Trouble {
            service,
            hours_ago,
            minutes: 0,
            status: Status::Up,
            severity: Severity::Minor,
            fixer: None,
            helpers: &[PAGERDUTY_PEOPLE[1]],
            title,
        });
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn scenarios_are_the_same_every_time_and_cover_the_whole_history() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 20, 0, 0).unwrap();
        for ((name, a), (_, b)) in all(now).into_iter().zip(all(now)) {
            assert_eq!(a, b, "{name}");
        }
        let big = many_services(now, 200);
        assert_eq!(big.services.len(), 200);
        assert!(big.services.iter().any(|s| s.friendly_name.is_none()));
        let open = incident_still_open(now);
        assert_eq!(
            open.incidents
                .iter()
                .filter(|i| i.resolved_at.is_none())
                .count(),
            1
        );
        let pagerduty = pagerduty_team(now);
        assert!(pagerduty.intervals.is_empty() && pagerduty.changes.is_empty());
        assert!(pagerduty.services.iter().all(|s| s.friendly_name.is_none()));
        let month = now - Duration::days(30);
        let in_month = pagerduty
            .incidents
            .iter()
            .filter(|i| i.opened_at >= month)
            .count();
        assert!((60..=80).contains(&in_month), "{in_month} in 30 days");
        let oldest = pagerduty.incidents.first().unwrap().opened_at;
        assert!(now - oldest > Duration::days(PAGERDUTY_HISTORY_DAYS - 2));
        let outage = pagerduty
            .incidents
            .iter()
            .find(|i| i.severity == Severity::Major && i.opened_at >= month)
            .unwrap();
        assert_eq!(outage.opened_at.format("%H:%M").to_string(), "02:00");
        assert_eq!(outage.responders.len(), 5);
        let terrible = terrible_week(now);
        assert!(
            terrible.incidents.len() > 20,
            "{}",
            terrible.incidents.len()
        );
    }
}
