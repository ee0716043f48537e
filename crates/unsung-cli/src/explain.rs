//! `unsung incident explain` and `unsung service …`: telling what got better after an incident,
//! with the same coaching the window gives as one types, and the friendly names of services.

use clap::Subcommand;
use unsung_app::{App, AppError, Coaching, Lang, MAX_GRADE, MIN_READING_EASE, Span};

#[derive(Subcommand)]
pub enum IncidentCommand {
    /// Keep what got better after an incident, in one or two plain sentences for the family
    /// (saved here and, when set, on the team database). Prints how plain it is: the grade,
    /// the sentences over 20 words and each jargon word with a plainer one. Nothing is
    /// refused for its grade: the advice is yours to take.
    Explain {
        /// The incident's id: the source's name, a slash and the source's own id, such as
        /// pagerduty/Q1W2E3 or demo/104
        #[arg(long)]
        incident: String,
        /// What changed, in your words ("We added an early warning.")
        #[arg(long)]
        text: String,
        /// It was practice: told as a drill and never counted as an incident
        #[arg(long)]
        practice: bool,
        /// The language the text is written in
        #[arg(long, value_enum, default_value_t = crate::LangArg::En)]
        lang: crate::LangArg,
        /// Print one JSON object: the incident id and the coaching
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ServiceCommand {
    /// List the services with their friendly names and a suggested one
    List {
        #[arg(long)]
        json: bool,
    },
    /// Give a service the name people outside the team know it by (a sync never changes it)
    Name {
        /// The service's id (as `unsung service list` shows it)
        #[arg(long)]
        service: String,
        /// The friendly name, such as "the checkout page"
        #[arg(long, required_unless_present = "clear", conflicts_with = "clear")]
        name: Option<String>,
        /// Take the friendly name away
        #[arg(long)]
        clear: bool,
    },
}

/// The part of `text` a span covers (its offsets count UTF-16 units, as the window's do).
fn covered(text: &str, span: &Span) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let end = span.end.min(units.len());
    String::from_utf16_lossy(&units[span.start.min(end)..end])
}

/// The grade in words, as the gates read it.
fn grade_line(coaching: &Coaching, lang: Lang) -> String {
    let scores = &coaching.scores;
    let verdict = if coaching.within_gates {
        "plain enough for the family story"
    } else {
        "harder than the family story allows: try shorter words and sentences"
    };
    match lang {
        Lang::En => format!(
            "Grade {:.1} (Flesch-Kincaid; the family story keeps to {MAX_GRADE:.0} or less): {verdict}.",
            scores.flesch_kincaid_grade
        ),
        Lang::Es => format!(
            "Ease {:.0} (Fernández-Huerta; the family story keeps to {MIN_READING_EASE:.0} or more): {verdict}.",
            scores.fernandez_huerta
        ),
    }
}

pub fn coaching_text(text: &str, coaching: &Coaching, lang: Lang) -> String {
    let mut out = grade_line(coaching, lang) + "\n";
    if !coaching.long_sentences.is_empty() {
        out.push_str("Sentences over 20 words (split them):\n");
        for span in &coaching.long_sentences {
            out.push_str(&format!("  {:?}\n", covered(text, span)));
        }
    }
    if !coaching.jargon.is_empty() {
        out.push_str("Words the family may not know, with a plainer one:\n");
        for hit in &coaching.jargon {
            out.push_str(&format!("  {:?}: {:?}\n", hit.word, hit.plain));
        }
    }
    out
}

pub async fn incident(app: &App, command: IncidentCommand) -> Result<(), AppError> {
    let IncidentCommand::Explain {
        incident,
        text,
        practice,
        lang,
        json,
    } = command;
    let lang = Lang::from(lang);
    let coaching = app
        .explain_incident(&incident, &text, practice, lang)
        .await?;
    if json {
        let mut object = serde_json::to_value(&coaching).map_err(crate::internal)?;
        if let Some(map) = object.as_object_mut() {
            map.insert("incident_id".into(), incident.trim().into());
        }
        println!(
            "{}",
            serde_json::to_string_pretty(&object).map_err(crate::internal)?
        );
        return Ok(());
    }
    let what = if practice {
        "Marked as practice and saved what got better"
    } else {
        "Saved what got better"
    };
    println!("{what} after {}.", incident.trim());
    print!("{}", coaching_text(&text, &coaching, lang));
    Ok(())
}

pub async fn service(app: &App, command: ServiceCommand) -> Result<(), AppError> {
    match command {
        ServiceCommand::List { json } => {
            let services = app.service_names(Lang::En).await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&services).map_err(crate::internal)?
                );
                return Ok(());
            }
            for service in services {
                let name = match (&service.friendly_name, &service.suggestion) {
                    (Some(name), _) => format!("\"{name}\""),
                    (None, Some(suggestion)) => format!("no friendly name (try \"{suggestion}\")"),
                    (None, None) => "no friendly name".into(),
                };
                println!("{}  {}: {name}", service.id, service.internal_name);
            }
        }
        ServiceCommand::Name {
            service,
            name,
            clear,
        } => {
            let name = if clear { None } else { name };
            app.set_service_name(&service, name.as_deref()).await?;
            match name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(name) => println!("{service} is now called \"{name}\"."),
                None => println!("{service} has no friendly name now."),
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_counts_utf16_units_as_the_window_does() {
        let text = "😀 We fixed it.";
        assert_eq!(covered(text, &Span { start: 3, end: 5 }), "We");
    }
}
