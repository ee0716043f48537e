//! `unsung team …` and the team database's part of `unsung sync`: setting a team database
//! up, checking it, and sending the notes that wait for it.

use clap::Subcommand;
use unsung_app::{App, AppError, ErrorCode};

#[derive(Subcommand)]
pub enum TeamCommand {
    /// Create or update the team database's schema, roles and row-level security policies,
    /// as its admin (safe to run again)
    Init {
        /// The database as its admin (a superuser, or the owner with CREATEROLE)
        #[arg(long)]
        admin_url: String,
        /// A teammate's role, as ROLE or ROLE=Name (the name their notes are signed with);
        /// repeat for each. Missing login roles are created without a password.
        #[arg(long)]
        member: Vec<String>,
    },
    /// Show the team database in use, whether it can be reached, and what waits to be sent
    Status {
        #[arg(long)]
        json: bool,
    },
}

fn notes(n: u32) -> String {
    match n {
        1 => "1 thank-you note".into(),
        n => format!("{n} thank-you notes"),
    }
}

pub async fn init(admin_url: &str, members: &[String]) -> Result<(), AppError> {
    let setup = unsung_app::init_team_database(admin_url, members).await?;
    println!(
        "Set up the team database at {} (schema {}).",
        setup.url, setup.schema_version
    );
    if setup.members.is_empty() {
        println!("It has no members yet: add them with --member ROLE=Name.");
    } else {
        println!("Members (role: signs notes as):");
        for (role, name) in &setup.members {
            println!("  {role}: {name}");
        }
        println!(
            "Give new roles a password (in psql: \\password ROLE). Each teammate then uses \
             --team-db, UNSUNG_TEAM_DB or Settings with their own role, such as \
             postgres://ROLE@HOST/DATABASE, and keeps the password in ~/.pgpass."
        );
    }
    Ok(())
}

pub async fn sync(app: &App) -> Result<(), AppError> {
    let Some(report) = app.sync_team().await? else {
        println!("No team database is set: thank-you notes stay on this computer.");
        return Ok(());
    };
    let send = &report.send;
    match send.sent {
        0 if send.problem.is_none() => println!("No thank-you notes were waiting to be sent."),
        1 => println!("Sent 1 thank-you note that was waiting for the team database."),
        n => println!("Sent {n} thank-you notes that were waiting for the team database."),
    }
    if send.refused > 0 {
        eprintln!(
            "unsung: the team database refused {} (not this teammate's to post); they stay unsent \
             until edited or deleted (see `unsung thanks list`)",
            notes(send.refused)
        );
    }
    if let Some(problem) = &send.problem {
        return Err(AppError::new(
            ErrorCode::Offline,
            format!(
                "{problem}; {} still waiting, sent when it can be reached",
                notes(send.waiting)
            ),
        ));
    }
    if let Some(count) = report.notes {
        println!(
            "Refreshed the local copy of the team database: {count} notes, {} sources.",
            report.sources
        );
    }
    Ok(())
}

pub async fn status(app: &App, json: bool) -> Result<(), AppError> {
    let status = app.team_status().await?;
    if json {
        let text =
            serde_json::to_string_pretty(&status).map_err(|e| AppError::internal(e.to_string()))?;
        println!("{text}");
        return Ok(());
    }
    match &status.url {
        None => println!("No team database is set: notes stay in the local database."),
        Some(url) => {
            println!("Team database: {url}");
            match (&status.problem, &status.me) {
                (None, Some(me)) => println!("Reachable; notes from here are signed {me}."),
                (None, None) => println!("Reachable, but this role is not on the team."),
                (Some(problem), _) => println!("Not reachable now: {problem}"),
            }
        }
    }
    println!("Waiting to be sent: {}.", notes(status.waiting));
    if status.refused > 0 {
        println!("Refused by the team database: {}.", notes(status.refused));
    }
    Ok(())
}
