//! Generated teams that write what got better after their problems and practise on purpose:
//! plain texts that must pass the gates, and engineers' texts that must not make our own
//! sentences hard (the coaching flags their jargon instead).

use super::*;

/// What the team changed after problems, and planned work: the builder's part for them.
impl Builder {
    /// What got better after the latest problem added, as `who` wrote it in the app.
    fn explain(&mut self, who: &str, text: &str) -> &mut Builder {
        let now = self.now;
        if let Some(incident) = self.data.incidents.last_mut() {
            incident.explanation = Some(Explanation {
                incident_id: incident.id.clone(),
                text: text.into(),
                practice: false,
                written_by: who.into(),
                written_at: incident.resolved_at.unwrap_or(now).min(now),
                edited_by: None,
                edited_at: None,
            });
        }
        self
    }

    /// Planned work of `kind` on a service: a drill switches it off (`status` shows it), a
    /// maintenance record may have no uptime data behind it (`status` Up).
    fn planned(
        &mut self,
        kind: IncidentKind,
        service: usize,
        hours_ago: i64,
        minutes: i64,
        status: Status,
    ) -> &mut Builder {
        self.trouble(Trouble {
            title: "Planned work",
            helpers: &["Dev"],
            ..minor(service, hours_ago, minutes, status, "Chloe")
        });
        if let Some(incident) = self.data.incidents.last_mut() {
            incident.kind = kind;
        }
        self
    }
}

/// A team that writes what got better after its problems, plainly, and practises on purpose:
/// drills that switch parts off, upkeep records with no uptime data behind them, and a
/// problem a person marked as practice.
pub fn what_got_better(now: DateTime<Utc>) -> Dataset {
    let mut b = Builder::new(now);
    b.service("site", "www-prod", Some("the website"))
        .service("pay", "payments-svc", Some("card payments"))
        .service("mail", "newsletter-smtp", Some("the newsletter"))
        .service("login", "auth-svc", None);
    b.trouble(Trouble {
        severity: Severity::Major,
        title: "Payments down",
        ..minor(1, 30, 50, Status::Down, "Ana")
    })
    .explain(
        "Ana",
        "We added a spare for card payments. If one breaks, the other takes over.",
    )
    .trouble(minor(0, 60, 15, Status::Degraded, "Ben"))
    .explain(
        "Ben",
        "The website now warns us sooner. We fix things before most people see them.",
    )
    .trouble(minor(3, 90, 20, Status::Down, "Chloe"))
    .explain(
        "Chloe",
        "We made signing in simpler. It has fewer steps that can go wrong.",
    )
    .trouble(minor(0, 8 * 24, 12, Status::Down, "Dev"))
    .explain(
        "Dev",
        "We now try each change on a copy first. Then it goes out to everyone.",
    )
    .trouble(minor(2, 15 * 24, 25, Status::Down, "Ana"))
    .explain(
        "Ana",
        "The newsletter has a second way out now. It waits and tries again.",
    )
    .trouble(minor(2, 20, 8, Status::Down, "Ben"))
    .planned(IncidentKind::Drill, 1, 50, 30, Status::Down)
    .planned(IncidentKind::Drill, 3, 10 * 24, 20, Status::Degraded)
    .planned(IncidentKind::Maintenance, 2, 5 * 24, 60, Status::Up)
    .planned(IncidentKind::Maintenance, 0, 12 * 24, 90, Status::Up)
    .trouble(minor(0, 100, 10, Status::Down, "Chloe"));
    if let Some(practice) = b.data.incidents.last_mut() {
        practice.explanation = Some(Explanation {
            incident_id: practice.id.clone(),
            text: String::new(),
            practice: true,
            written_by: "Chloe".into(),
            written_at: now,
            edited_by: None,
            edited_at: None,
        });
    }
    b.updates(9).build()
}

/// Filler between jargon words: nothing in it is jargon itself.
const HARD_TEMPLATE: [&str; 7] = [
    "During the night the ",
    " and the ",
    " misbehaved badly, so after a lengthy investigation we reconfigured the ",
    " together with the ",
    ", then verified the ",
    " against the ",
    " across every environment we operate.",
];

/// Every English jargon word the coaching knows, each once.
fn every_jargon_word() -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for entry in crate::coach::jargon(crate::locale::Lang::En) {
        for variant in &entry.variants {
            if !words.contains(variant) {
                words.push(variant.clone());
            }
        }
    }
    words
}

/// Hard engineer texts: long sentences, each with six jargon words taken in turn, so together
/// they use every word the coaching knows; each with the words it uses, in order.
pub fn hard_texts() -> Vec<(String, Vec<String>)> {
    let words = every_jargon_word();
    let per_text = HARD_TEMPLATE.len() - 1;
    words
        .chunks(per_text)
        .map(|chunk| {
            let used: Vec<String> = (0..per_text)
                .map(|j| chunk.get(j).unwrap_or(&chunk[0]).clone())
                .collect();
            let mut text = HARD_TEMPLATE[0].to_string();
            for (word, filler) in used.iter().zip(&HARD_TEMPLATE[1..]) {
                text.push_str(word);
                text.push_str(filler);
            }
            (text, used)
        })
        .collect()
}

/// Teams whose engineers write "what got better" as engineers do: long sentences thick with
/// jargon ([`hard_texts`]). Not held to the gates as written: the gate test proves that our
/// own sentences around them stay plain, and that the coaching flags every jargon word.
pub fn hard_text_teams(now: DateTime<Utc>) -> Vec<(&'static str, Dataset)> {
    let texts = hard_texts();
    let mut busy = Builder::new(now);
    busy.service("api", "api-gw-prod", Some("the shop"))
        .service("db", "orders-db-primary", None);
    for (k, (text, _)) in texts.iter().enumerate() {
        let hours_ago = 3 + (k as i64 * 37) % (HISTORY_DAYS * 24 - 6);
        busy.trouble(Trouble {
            severity: [Severity::Major, Severity::Minor][k % 2],
            ..minor(k % 2, hours_ago, 5 + k as i64, Status::Down, "Ana")
        })
        .explain("Ana", text);
    }
    let mut one = Builder::new(now);
    one.service("site", "www-prod", Some("the website"))
        .trouble(minor(0, 20, 45, Status::Down, "Ben"))
        .explain("Ben", &texts[0].0.repeat(3));
    vec![
        (
            "engineers who write like engineers",
            busy.updates(6).build(),
        ),
        ("one long postmortem", one.build()),
    ]
}
