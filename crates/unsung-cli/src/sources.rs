//! `unsung source …` and the sources' part of `unsung sync`: connect, list and remove sources,
//! and sync them with a progress bar on a terminal and plain lines otherwise (cron, CI, pipes).

use clap::builder::PossibleValue;
use clap::{Args, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::Duration;
use unsung_app::dto::{NewSource, SourceSyncResult, SourceView, SyncEvent};
use unsung_app::{App, AppError};
use unsung_sources::Kind;

/// A kind of source as `source add` takes it: the app's own kinds, by the names the rest of
/// Unsung uses, each with what `source add` needs for it (shown by `--help`).
#[derive(Clone, Copy)]
pub struct KindArg(Kind);

impl KindArg {
    /// Every kind, in the app's order (clap wants them as a static slice).
    const ALL: [KindArg; Kind::ALL.len()] = {
        let mut all = [KindArg(Kind::ALL[0]); Kind::ALL.len()];
        let mut i = 0;
        while i < all.len() {
            all[i] = KindArg(Kind::ALL[i]);
            i += 1;
        }
        all
    };

    fn as_str(self) -> &'static str {
        self.0.as_str()
    }

    /// What `source add` needs for this kind (its flags live here, so the text does too).
    fn help(self) -> &'static str {
        match self.0 {
            Kind::PagerDuty => {
                "PagerDuty incidents: needs --token-env (a read-only API key); --url only for the EU \
                 service (https://api.eu.pagerduty.com)"
            }
            Kind::Statuspage => {
                "An Atlassian Statuspage page: needs --url (the page's address); no token"
            }
            Kind::UptimeKuma => "An Uptime Kuma status page: needs --url and --slug; no token",
            Kind::Prometheus => {
                "Uptime from a Prometheus 0/1 series: needs --url and --query; --service-label and \
                 --token-env if wanted"
            }
            Kind::Csv => "Incidents kept in a CSV file: needs --file; no token",
            Kind::IncidentIo => {
                "incident.io incidents: needs --token-env (a read-only API key); --url only to \
                 replace https://api.incident.io"
            }
            Kind::BetterStack => {
                "Better Stack Uptime monitors and incidents: needs --token-env (a read-only API \
                 token); --url only to replace https://uptime.betterstack.com"
            }
            Kind::UptimeRobot => {
                "UptimeRobot monitors and their logs: needs --token-env (a read-only API key); \
                 --url only to replace https://api.uptimerobot.com"
            }
            Kind::GrafanaOnCall => {
                "Grafana OnCall (or Grafana Cloud IRM) alert groups: needs --url (the OnCall API's \
                 address) and --token-env; --stack-url for Grafana Cloud"
            }
            Kind::Gatus => {
                "A Gatus status page's checks: needs --url (the Gatus address); no token"
            }
            Kind::GitHub => {
                "GitHub releases and deployments as updates shipped: needs --token-env (a \
                 fine-grained, read-only token) and --repo OWNER/NAME (repeat for more); --url \
                 only for GitHub Enterprise Server's API"
            }
        }
    }
}

impl ValueEnum for KindArg {
    fn value_variants<'a>() -> &'a [Self] {
        &Self::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.as_str()).help(self.help()))
    }
}

/// `unsung source add`: a source's kind, name and settings, as the app's NewSource takes them.
#[derive(Args)]
pub struct AddSource {
    #[arg(
        help = "The kind of source (--help says what each one needs)",
        long_help = "The kind of source, and what each one needs:"
    )]
    kind: KindArg,
    /// A short name for it, such as "pagerduty" or "status-page"
    #[arg(long)]
    name: String,
    /// Its address: a status page, or an Uptime Kuma, Prometheus, Grafana OnCall or Gatus
    /// server [the public API for PagerDuty, incident.io, Better Stack, UptimeRobot and GitHub]
    #[arg(long)]
    url: Option<String>,
    /// The name of an environment variable holding its read-only API token (kept in the
    /// keychain, never in the database): PagerDuty, incident.io, Better Stack, UptimeRobot,
    /// Grafana OnCall and GitHub need one; Prometheus takes one if it asks
    #[arg(long, value_name = "VAR")]
    token_env: Option<String>,
    /// Prometheus: a 0/1 series, such as probe_success or up{job="web"}
    #[arg(long, value_name = "PROMQL")]
    query: Option<String>,
    /// Prometheus: the label that names each service [default: instance]
    #[arg(long, value_name = "LABEL")]
    service_label: Option<String>,
    /// Uptime Kuma: the status page's slug, as in https://kuma.example.org/status/SLUG
    #[arg(long)]
    slug: Option<String>,
    /// CSV: the file of incidents to read
    #[arg(long, value_name = "PATH")]
    file: Option<String>,
    /// Grafana OnCall in Grafana Cloud: the Grafana stack's address, such as
    /// https://yourteam.grafana.net (sent as X-Grafana-URL; leave it out for a self-hosted
    /// OnCall)
    #[arg(long, value_name = "URL")]
    stack_url: Option<String>,
    /// GitHub: a repository whose releases and deployments count as updates shipped, such
    /// as octo-org/web (repeat the flag for more, or separate them with commas)
    #[arg(long = "repo", value_name = "OWNER/NAME", value_delimiter = ',')]
    repos: Vec<String>,
}

impl AddSource {
    /// The source to add, with the token read from `--token-env`.
    fn into_new_source(self, token: Option<String>) -> NewSource {
        NewSource {
            name: self.name,
            kind: self.kind.as_str().to_string(),
            url: self.url,
            query: self.query,
            service_label: self.service_label,
            slug: self.slug,
            file: self.file,
            stack_url: self.stack_url,
            repos: self.repos,
            token,
        }
    }
}

#[derive(Subcommand)]
pub enum SourceCommand {
    /// Connect a source (or change the settings of one with the same name)
    Add(AddSource),
    /// List the connected sources and how their last sync went
    List {
        #[arg(long)]
        json: bool,
    },
    /// Try a source's address and token with one request
    Test { name: String },
    /// Disconnect a source and forget what it brought, and its token
    Remove { name: String },
}

pub async fn run(app: &App, command: SourceCommand) -> Result<(), AppError> {
    match command {
        SourceCommand::Add(add) => {
            let token = match &add.token_env {
                Some(var) => Some(std::env::var(var).map_err(|_| {
                    AppError::invalid(format!(
                        "--token-env {var}: there is no environment variable {var} holding a token"
                    ))
                })?),
                None => None,
            };
            let view = app.add_source(add.into_new_source(token)).await?;
            println!(
                "Added the {} source \"{}\". Run `unsung sync` to bring its data in.",
                view.kind, view.name
            );
            if let Some(home) = &view.token_home {
                println!("{}", token_place(home));
            }
        }
        SourceCommand::List { json } => {
            let sources = app.sources().await?;
            if json {
                let text = serde_json::to_string_pretty(&sources)
                    .map_err(|e| AppError::internal(e.to_string()))?;
                println!("{text}");
            } else if sources.is_empty() {
                println!("No sources yet: connect one with `unsung source add`.");
            } else {
                for source in &sources {
                    println!("{}", list_line(source));
                }
            }
        }
        SourceCommand::Test { name } => {
            let said = app.test_source(&name).await?;
            println!("{name}: {said}");
        }
        SourceCommand::Remove { name } => {
            app.remove_source(&name).await?;
            println!("Removed the source \"{name}\" and what it brought.");
        }
    }
    Ok(())
}

fn token_place(home: &str) -> &'static str {
    if home == "keychain" {
        "Its token is in the keychain."
    } else {
        "No keychain is running here, so its token is in a file only you can read, beside the database."
    }
}

/// Where a source reads from: its address or file, then what narrows it (GitHub's
/// repositories, a Grafana Cloud stack).
fn place(source: &SourceView) -> String {
    let mut parts: Vec<String> = source
        .url
        .iter()
        .chain(source.file.iter())
        .cloned()
        .collect();
    if !source.repos.is_empty() {
        parts.push(source.repos.join(", "));
    }
    if let Some(stack) = &source.stack_url {
        parts.push(format!("(stack {stack})"));
    }
    parts.join(" ")
}

fn list_line(source: &SourceView) -> String {
    let place = place(source);
    let last = match (&source.last_error, &source.last_success_at) {
        (Some(error), _) => format!("last sync failed: {error}"),
        (None, Some(at)) => format!("synced {at}"),
        (None, None) => "never synced".to_string(),
    };
    format!(
        "{:<16} {:<12} {} — {} services, {} incidents; {last}{}",
        source.name,
        source.kind,
        place,
        source.services,
        source.incidents,
        if source.takes_token {
            if source.token_set {
                "; token set"
            } else {
                "; no token"
            }
        } else {
            ""
        }
    )
}

fn result_line(result: &SourceSyncResult) -> String {
    format!(
        "{}: synced ({} services, {} incidents; {} requests)",
        result.name, result.services, result.incidents, result.requests
    )
}

/// Syncs the sources; `Ok(false)` when one failed (its line went to stderr).
pub async fn sync(app: &App, only: Option<&str>) -> Result<bool, AppError> {
    let terminal = std::io::stderr().is_terminal();
    let bar = terminal.then(|| {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {prefix}: {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        bar
    });
    let lines = Mutex::new(Vec::<String>::new());
    let events = |event: SyncEvent| match event {
        SyncEvent::Started {
            source,
            index,
            total,
        } => match &bar {
            Some(bar) => {
                bar.set_prefix(format!("[{}/{total}] {source}", index + 1));
                bar.set_message("starting");
            }
            None => println!("Syncing {source} ({} of {total})…", index + 1),
        },
        SyncEvent::Step { step, requests, .. } => {
            if let Some(bar) = &bar {
                bar.set_message(format!("{step} ({requests} requests)"));
            }
        }
        SyncEvent::Finished { result } => {
            let line = match crate::words::sync_problem(&result) {
                None => result_line(&result),
                Some(message) => format!("unsung: {}: {message}", result.name),
            };
            match (&bar, result.ok) {
                (Some(bar), true) => bar.println(line),
                (None, true) => println!("{line}"),
                (_, false) => {
                    if let Ok(mut lines) = lines.lock() {
                        lines.push(line);
                    }
                }
            }
        }
        SyncEvent::Done { .. } => {}
    };
    let results = app.sync_sources(only, &events).await;
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let results = results?;
    for line in lines.lock().map(|l| l.clone()).unwrap_or_default() {
        eprintln!("{line}");
    }
    if results.is_empty() && only.is_none() {
        println!("No sources to sync: connect one with `unsung source add`.");
    }
    Ok(results.iter().all(|r| r.ok))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The name typed on the command line is the name the app and the store know the kind by.
    #[test]
    fn each_kind_is_typed_as_the_app_names_it() {
        for kind in KindArg::value_variants() {
            let typed = kind.to_possible_value().expect("every kind is shown");
            assert_eq!(typed.get_name(), kind.as_str());
        }
    }

    fn view(kind: &str) -> SourceView {
        SourceView {
            name: "s".into(),
            kind: kind.into(),
            takes_token: true,
            token_set: true,
            token_home: Some("file".into()),
            ..SourceView::default()
        }
    }

    #[test]
    fn a_source_reads_from_its_address_with_what_narrows_it() {
        let github = SourceView {
            repos: vec!["octo-org/web".into(), "octo-org/api".into()],
            ..view("github")
        };
        assert_eq!(place(&github), "octo-org/web, octo-org/api");
        let oncall = SourceView {
            url: Some("https://oncall.example.net".into()),
            stack_url: Some("https://team.grafana.net".into()),
            ..view("grafana-oncall")
        };
        assert_eq!(
            place(&oncall),
            "https://oncall.example.net (stack https://team.grafana.net)"
        );
        let sheet = SourceView {
            file: Some("/tmp/incidents.csv".into()),
            ..view("csv")
        };
        assert_eq!(place(&sheet), "/tmp/incidents.csv");
    }
}
