//! The `unsung` command: a thin face over unsung-app for scripts and cron. Its flags and
//! output are a stable interface (DESIGN.md, "The `unsung` command"). A library, so the desktop
//! binary can carry it too: the .deb ships one binary with two faces, not two binaries.

mod deliver;
mod explain;
mod output;
mod sources;
mod team;
mod words;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::process::ExitCode;
use unsung_app::dto::{NewThankYou, ThankYouEdit};
use unsung_app::{
    App, AppError, Audience, CardSize, Clock, Config, ErrorCode, Lang, Reader, ShareFormat,
    ShareOptions, TimeRange, parse_instant, resolve_tz,
};

#[derive(Parser)]
#[command(
    name = "unsung",
    version,
    about = "Tell the story of your team's quiet work"
)]
struct Cli {
    /// The local database: a sqlite: URL or a file path [default: unsung.db in the platform data dir]
    #[arg(long, env = "UNSUNG_DB", global = true)]
    db: Option<String>,
    /// The team database, a PostgreSQL URL [default: the one in Settings, if any]
    #[arg(long, env = "UNSUNG_TEAM_DB", global = true, hide_env_values = true)]
    team_db: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Load the demo team (safe to run again: it refreshes, never duplicates)
    Demo,
    /// Print a period's figures
    Stats {
        #[command(flatten)]
        period: PeriodArgs,
        /// Print one JSON object
        #[arg(long)]
        json: bool,
    },
    /// Tell a period's story
    Story {
        #[command(flatten)]
        period: PeriodArgs,
        /// The language to tell it in
        #[arg(long, value_enum, default_value_t = LangArg::En)]
        lang: LangArg,
        /// family: plain words, no system names; team: names services, incidents and people
        #[arg(long, value_enum, default_value_t = AudienceArg::Family)]
        audience: AudienceArg,
        /// json: the story in parts, with the glossary terms it uses and its readability scores;
        /// html, png and pdf: a file to share, after a privacy pass (no host names, addresses,
        /// internal names, listed customers or, unless --show-names, teammates)
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write to this file instead of standard output (needed for png and pdf)
        #[arg(long)]
        out: Option<std::path::PathBuf>,
        /// The card's shape for --format png: landscape is 1200×630, portrait 1080×1350
        #[arg(long, value_enum, default_value_t = SizeArg::Landscape)]
        size: SizeArg,
        /// A file of customer names to take out of shared files, one name per line
        #[arg(long, value_name = "FILE")]
        customers: Option<std::path::PathBuf>,
        /// Keep teammates' names in shared files (they become "a teammate" otherwise)
        #[arg(long)]
        show_names: bool,
        /// Email the story to these addresses instead of writing it (people in `email list`
        /// get their own language and privacy; others get --lang and --show-names)
        #[arg(long, value_name = "ADDR", num_args = 1.., value_delimiter = ',', conflicts_with = "out")]
        email: Vec<String>,
        /// Email the story to everyone in `email list`
        #[arg(long, conflicts_with_all = ["out", "email"])]
        email_all: bool,
        /// Also send to people whose earlier try broke off mid-send (it may have arrived)
        #[arg(long)]
        resend_unknown: bool,
    },
    /// Thank teammates, or list the notes
    #[command(subcommand)]
    Thanks(ThanksCommand),
    /// Connect, list, test or remove the tools Unsung reads (PagerDuty, Statuspage, Uptime
    /// Kuma, Prometheus, CSV)
    #[command(subcommand)]
    Source(sources::SourceCommand),
    /// Bring in what is new from every source (exit 1 if one failed: its earlier data is
    /// kept, the others still sync), then send the thank-you notes waiting for the team
    /// database and refresh the local copy of the team's notes and data
    Sync {
        /// Only this source
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
    },
    /// Set up or check the team database
    #[command(subcommand)]
    Team(team::TeamCommand),
    /// The mail server and the people the story is emailed to
    #[command(subcommand)]
    Email(deliver::EmailCommand),
    /// The team chats thank-yous go to
    #[command(subcommand)]
    Channel(deliver::ChannelCommand),
    /// Tell what got better after an incident
    #[command(subcommand)]
    Incident(explain::IncidentCommand),
    /// The services' friendly names (the names people outside the team know them by)
    #[command(subcommand)]
    Service(explain::ServiceCommand),
}

#[derive(Args)]
struct PeriodArgs {
    /// First day (YYYY-MM-DD) or instant (RFC 3339), inclusive
    #[arg(long)]
    from: String,
    /// Last day or instant, exclusive
    #[arg(long)]
    to: String,
    /// The reader's time zone, such as Europe/Madrid [default: this machine's]
    #[arg(long)]
    tz: Option<String>,
}

#[derive(Subcommand)]
enum ThanksCommand {
    /// Post a thank-you note
    Post {
        #[arg(long)]
        from: String,
        /// One or more names, separated by commas
        #[arg(long, value_delimiter = ',', required = true)]
        to: Vec<String>,
        /// The incident this note is about
        #[arg(long)]
        incident: Option<String>,
        /// The start of the period this note is about (YYYY-MM-DD or RFC 3339)
        #[arg(long, requires = "period_to", conflicts_with = "incident")]
        period_from: Option<String>,
        /// The end of that period, exclusive
        #[arg(long, requires = "period_from")]
        period_to: Option<String>,
        #[arg(long)]
        message: String,
    },
    /// Change one of your notes
    Edit {
        /// The note's id (as `thanks list --json` shows it)
        id: String,
        /// Who you are: only a note's author can change it
        #[arg(long)]
        from: String,
        /// New recipients, separated by commas [default: unchanged]
        #[arg(long, value_delimiter = ',')]
        to: Option<Vec<String>>,
        /// New words [default: unchanged]
        #[arg(long)]
        message: Option<String>,
    },
    /// Delete one of your notes
    Delete {
        id: String,
        /// Who you are: only a note's author can delete it
        #[arg(long)]
        from: String,
    },
    /// List notes, newest first
    List {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

use deliver::LangChoice as LangArg;

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    Family,
    Team,
}

#[derive(Clone, Copy, ValueEnum)]
enum SizeArg {
    Landscape,
    Portrait,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Format {
    Text,
    Json,
    Html,
    Png,
    Pdf,
}

/// Exit code 2 is for what the user can fix by changing the command (DESIGN.md keeps 1 for
/// failed work such as a source that would not sync, or a team database out of reach).
fn exit_code(error: &AppError) -> u8 {
    match error.code {
        ErrorCode::InvalidInput | ErrorCode::NotFound | ErrorCode::Forbidden => 2,
        ErrorCode::Offline | ErrorCode::Storage | ErrorCode::Internal | ErrorCode::SourceFailed => {
            1
        }
    }
}

/// The share artifact a `--format` makes, if it is one (text and json print the story).
fn share_format(format: Format) -> Option<ShareFormat> {
    match format {
        Format::Text | Format::Json => None,
        Format::Html => Some(ShareFormat::Html),
        Format::Png => Some(ShareFormat::Png),
        Format::Pdf => Some(ShareFormat::Pdf),
    }
}

fn range(args: &PeriodArgs) -> Result<(TimeRange, unsung_app::Tz), AppError> {
    let tz = resolve_tz(args.tz.as_deref())?;
    let from = parse_instant(&args.from, tz)?;
    let to = parse_instant(&args.to, tz)?;
    let range =
        TimeRange::new(from, to).ok_or_else(|| AppError::invalid("--to must be after --from"))?;
    Ok((range, tz))
}

async fn run(cli: Cli) -> Result<ExitCode, AppError> {
    // Check what needs no database first, so a mistyped command never creates one.
    if let Command::Story {
        format,
        out,
        email,
        email_all,
        ..
    } = &cli.command
        && out.is_none()
        && email.is_empty()
        && !email_all
        && let Some(kind) =
            share_format(*format).filter(|f| matches!(f, ShareFormat::Png | ShareFormat::Pdf))
    {
        let ext = kind.extension();
        return Err(AppError::invalid(format!(
            "--format {ext} makes a binary file: add --out FILE to say where to save it (for example --out story.{ext})"
        )));
    }
    // Setting a team database up needs no local database.
    if let Command::Team(team::TeamCommand::Init { admin_url, member }) = &cli.command {
        return team::init(admin_url, member)
            .await
            .map(|()| ExitCode::SUCCESS);
    }
    let location = match cli.db {
        Some(db) if !db.trim().is_empty() => db,
        _ => unsung_app::default_db_location()?,
    };
    let app = App::start(Config {
        db: location,
        team_db: cli.team_db,
        clock: Clock::from_env()?,
        tz: None,
    })
    .await?;
    match cli.command {
        Command::Demo => {
            let summary = app.load_demo().await?;
            println!(
                "Loaded the demo team: {} services, {} incidents, {} thank-you notes.",
                summary.services, summary.incidents, summary.thanks
            );
        }
        Command::Stats { period, json } => {
            let (range, tz) = range(&period)?;
            let report = app.stats(range, tz).await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).map_err(internal)?
                );
            } else {
                print!("{}", output::stats_table(&report));
            }
        }
        Command::Story {
            period,
            lang,
            audience,
            format,
            out,
            size,
            customers,
            show_names,
            email,
            email_all,
            resend_unknown,
        } => {
            let (range, tz) = range(&period)?;
            if !email.is_empty() || email_all {
                let request = deliver::EmailRequest {
                    addresses: email,
                    everyone: email_all,
                    resend_unknown,
                    lang: lang.into(),
                    show_names,
                };
                return deliver::email_story(&app, range, tz, request).await;
            }
            let audience = match audience {
                AudienceArg::Family => Audience::Family,
                AudienceArg::Team => Audience::Team,
            };
            let lang = Lang::from(lang);
            let bytes = match share_format(format) {
                Some(format) => {
                    let options = ShareOptions {
                        format,
                        size: match size {
                            SizeArg::Landscape => CardSize::Landscape,
                            SizeArg::Portrait => CardSize::Portrait,
                        },
                        customer_names: match &customers {
                            Some(path) => output::read_names(path)?,
                            None => Vec::new(),
                        },
                        show_teammates: show_names,
                    };
                    app.share(range, Reader { tz, lang, audience }, &options)
                        .await?
                        .bytes
                }
                None => {
                    let story = app.story(range, tz, audience, lang).await?;
                    match format {
                        Format::Json => {
                            serde_json::to_string_pretty(&story).map_err(internal)? + "\n"
                        }
                        _ => story.to_text(),
                    }
                    .into_bytes()
                }
            };
            match out {
                Some(path) => std::fs::write(&path, bytes).map_err(|e| {
                    AppError::invalid(format!("cannot write {}: {e}", path.display()))
                })?,
                None => {
                    use std::io::Write;
                    std::io::stdout().write_all(&bytes).map_err(internal)?;
                }
            }
        }
        Command::Thanks(ThanksCommand::Post {
            from,
            to,
            incident,
            period_from,
            period_to,
            message,
        }) => {
            let tz = resolve_tz(None)?;
            let instant = |text: Option<String>| {
                text.map(|t| parse_instant(&t, tz).map(unsung_app::rfc3339))
                    .transpose()
            };
            let note = app
                .post_thanks(NewThankYou {
                    author: from,
                    recipients: to,
                    incident_id: incident,
                    period_from: instant(period_from)?,
                    period_to: instant(period_to)?,
                    message,
                })
                .await?;
            output::posted(&note)?;
        }
        Command::Thanks(ThanksCommand::Edit {
            id,
            from,
            to,
            message,
        }) => {
            let note = app
                .edit_thanks(ThankYouEdit {
                    id,
                    author: from,
                    recipients: to,
                    message,
                })
                .await?;
            println!(
                "Changed your thank-you to {} ({}).",
                note.recipients.join(", "),
                note.id
            );
        }
        Command::Thanks(ThanksCommand::Delete { id, from }) => {
            app.delete_thanks(&id, &from).await?;
            println!("Deleted your thank-you ({id}).");
        }
        Command::Source(command) => sources::run(&app, command).await?,
        Command::Sync { source } => {
            let all_synced = sources::sync(&app, source.as_deref()).await?;
            team::sync(&app).await?;
            deliver::send(&app).await?;
            if !all_synced {
                return Err(AppError::new(
                    ErrorCode::SourceFailed,
                    "not every source could sync (see above); their earlier data is kept",
                ));
            }
        }
        Command::Team(team::TeamCommand::Status { json }) => team::status(&app, json).await?,
        Command::Team(team::TeamCommand::Init { .. }) => unreachable!("handled above"),
        Command::Email(command) => deliver::email(&app, command).await?,
        Command::Channel(command) => return deliver::channel(&app, command).await,
        Command::Incident(command) => explain::incident(&app, command).await?,
        Command::Service(command) => explain::service(&app, command).await?,
        Command::Thanks(ThanksCommand::List { json, limit }) => {
            let notes = app.list_thanks(limit).await?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&notes).map_err(internal)?
                );
            } else {
                print!("{}", output::thanks_lines(&notes));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn internal(error: impl std::fmt::Display) -> AppError {
    AppError::internal(error.to_string())
}

/// Runs the command with `args` (the first is the program's name, as in `std::env::args_os`).
pub fn main_with<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = Cli::parse_from(args);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("unsung: cannot start: {error}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("unsung: {}", words::error_line(&error));
            ExitCode::from(exit_code(&error))
        }
    }
}
