//! The `unsung` command: a thin face over unsung-app for scripts and cron. Its flags and
//! output are a stable interface (DESIGN.md, "The `unsung` command").

mod output;

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::process::ExitCode;
use unsung_app::dto::NewThankYou;
use unsung_app::{
    App, AppError, Audience, Clock, ErrorCode, Lang, TimeRange, parse_instant, resolve_tz,
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
        /// json: the story in parts, with the glossary terms it uses and its readability scores
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write to this file instead of standard output
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    /// Thank teammates, or list the notes
    #[command(subcommand)]
    Thanks(ThanksCommand),
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
        #[arg(long)]
        message: String,
    },
    /// List notes, newest first
    List {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    En,
    Es,
}

#[derive(Clone, Copy, ValueEnum)]
enum AudienceArg {
    Family,
    Team,
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
/// failed work such as a source that would not sync).
fn exit_code(error: &AppError) -> u8 {
    match error.code {
        ErrorCode::InvalidInput | ErrorCode::NotFound => 2,
        ErrorCode::Storage | ErrorCode::Internal => 1,
    }
}

fn not_supported_yet(what: &str) -> AppError {
    AppError::invalid(format!("{what} is not supported yet"))
}

fn range(args: &PeriodArgs) -> Result<(TimeRange, unsung_app::Tz), AppError> {
    let tz = resolve_tz(args.tz.as_deref())?;
    let from = parse_instant(&args.from, tz)?;
    let to = parse_instant(&args.to, tz)?;
    let range =
        TimeRange::new(from, to).ok_or_else(|| AppError::invalid("--to must be after --from"))?;
    Ok((range, tz))
}

async fn run(cli: Cli) -> Result<(), AppError> {
    // Check what needs no database first, so a mistyped command never creates one.
    if let Command::Story { format, .. } = &cli.command
        && !matches!(format, Format::Text | Format::Json)
    {
        return Err(not_supported_yet("This --format"));
    }
    let location = match cli.db {
        Some(db) if !db.trim().is_empty() => db,
        _ => unsung_app::default_db_location()?,
    };
    let app = App::open(&location, Clock::from_env()?).await?;
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
        } => {
            let (range, tz) = range(&period)?;
            let audience = match audience {
                AudienceArg::Family => Audience::Family,
                AudienceArg::Team => Audience::Team,
            };
            let lang = match lang {
                LangArg::En => Lang::En,
                LangArg::Es => Lang::Es,
            };
            let story = app.story(range, tz, audience, lang).await?;
            let text = match format {
                Format::Json => serde_json::to_string_pretty(&story).map_err(internal)? + "\n",
                _ => story.to_text(),
            };
            match out {
                Some(path) => std::fs::write(&path, text).map_err(|e| {
                    AppError::invalid(format!("cannot write {}: {e}", path.display()))
                })?,
                None => print!("{text}"),
            }
        }
        Command::Thanks(ThanksCommand::Post {
            from,
            to,
            incident,
            message,
        }) => {
            let note = app
                .post_thanks(NewThankYou {
                    author: from,
                    recipients: to,
                    incident_id: incident,
                    message,
                })
                .await?;
            println!(
                "Thank-you sent to {} ({}).",
                note.recipients.join(", "),
                note.id
            );
        }
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
    Ok(())
}

fn internal(error: impl std::fmt::Display) -> AppError {
    AppError::internal(error.to_string())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
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
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("unsung: {}", error.message);
            ExitCode::from(exit_code(&error))
        }
    }
}
