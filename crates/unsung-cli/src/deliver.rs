//! `unsung email …`, `unsung channel …` and `unsung story … --email`: the people the story is
//! emailed to and the mail server, the team chats thank-yous go to, and sending.

use clap::{Subcommand, ValueEnum};
use std::process::ExitCode;
use unsung_app::{
    App, AppError, EmailSettingsInput, Lang, MailOutcome, MailRecipientEntry, MailTo, NewChannel,
    Retry, TimeRange, Tz,
};

#[derive(Clone, Copy, ValueEnum)]
pub enum LangChoice {
    En,
    Es,
}

impl From<LangChoice> for Lang {
    fn from(choice: LangChoice) -> Lang {
        match choice {
            LangChoice::En => Lang::En,
            LangChoice::Es => Lang::Es,
        }
    }
}

#[derive(Subcommand)]
pub enum EmailCommand {
    /// Set the mail server the story is sent through (the password goes to the keychain)
    Set {
        /// smtp://USER@HOST:PORT (STARTTLS, required) or smtps://USER@HOST:PORT (TLS)
        #[arg(long)]
        smtp: String,
        /// The address messages come from
        #[arg(long)]
        sender: String,
        /// The environment variable holding the password [default: keep the one set]
        #[arg(long, value_name = "VAR")]
        password_env: Option<String>,
        /// Trust this certificate (PEM) for the server: for a server with a self-signed
        /// certificate or a private authority. Without it only the usual authorities count.
        #[arg(long, value_name = "FILE")]
        trust_cert: Option<std::path::PathBuf>,
    },
    /// Add someone to tell (or change the person with that address)
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        address: String,
        #[arg(long, value_enum, default_value_t = LangChoice::En)]
        lang: LangChoice,
        /// Keep teammates' names in their story (they become "a teammate" otherwise)
        #[arg(long)]
        show_names: bool,
        /// Also send them the week's story with the Monday notice
        #[arg(long)]
        weekly: bool,
    },
    /// Take someone off the list
    Remove { address: String },
    /// The mail server and the people to tell
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ChatArg {
    Slack,
    Mattermost,
    Discord,
    Teams,
    Matrix,
}

#[derive(Subcommand)]
pub enum ChannelCommand {
    /// Send thank-yous to a team chat (the webhook URL or token goes to the keychain)
    Add {
        kind: ChatArg,
        #[arg(long)]
        name: String,
        /// The environment variable holding the webhook URL (not Matrix)
        #[arg(long, value_name = "VAR")]
        url_env: Option<String>,
        /// Matrix: the homeserver, such as https://matrix.example.org
        #[arg(long)]
        homeserver: Option<String>,
        /// Matrix: the room id, such as !abc123:example.org
        #[arg(long)]
        room: Option<String>,
        /// Matrix: the environment variable holding the access token
        #[arg(long, value_name = "VAR")]
        token_env: Option<String>,
        /// The language of the line around each note
        #[arg(long, value_enum, default_value_t = LangChoice::En)]
        lang: LangChoice,
    },
    /// The channels, what waits for each and what went wrong
    List {
        #[arg(long)]
        json: bool,
    },
    Remove {
        name: String,
    },
    /// Send the thank-yous waiting for the channels now (exit 1 if some still wait or were
    /// refused)
    Send,
}

fn from_env(flag: &str, var: &str, what: &str) -> Result<String, AppError> {
    std::env::var(var).map_err(|_| {
        AppError::invalid(format!(
            "{flag} {var}: there is no environment variable {var} holding {what}"
        ))
    })
}

fn json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string_pretty(value).map_err(|e| AppError::internal(e.to_string()))
}

pub async fn email(app: &App, command: EmailCommand) -> Result<(), AppError> {
    match command {
        EmailCommand::Set {
            smtp,
            sender,
            password_env,
            trust_cert,
        } => {
            let password = password_env
                .map(|var| from_env("--password-env", &var, "the SMTP password"))
                .transpose()?;
            let trusted_certificate = trust_cert
                .map(|path| {
                    std::fs::read_to_string(&path).map_err(|e| {
                        AppError::invalid(format!("cannot read {}: {e}", path.display()))
                    })
                })
                .transpose()?;
            let view = app
                .set_email(EmailSettingsInput {
                    smtp,
                    sender,
                    password,
                    trusted_certificate,
                })
                .await?;
            println!(
                "Email goes through {} from {} (password in the {}{}).",
                view.smtp.unwrap_or_default(),
                view.sender.unwrap_or_default(),
                app.token_home().await.as_str(),
                if view.trusts_certificate {
                    "; the given certificate is trusted"
                } else {
                    ""
                }
            );
        }
        EmailCommand::Add {
            name,
            address,
            lang,
            show_names,
            weekly,
        } => {
            app.save_mail_recipient(MailRecipientEntry {
                name: name.clone(),
                address: address.clone(),
                lang: lang.into(),
                show_names,
                weekly,
            })
            .await?;
            println!("{name} <{address}> will get the story.");
        }
        EmailCommand::Remove { address } => {
            app.remove_mail_recipient(&address).await?;
            println!("{address} will not get the story any more.");
        }
        EmailCommand::List { json: as_json } => {
            let settings = app.email_settings().await?;
            let people = app.mail_recipients().await?;
            if as_json {
                let sends = app.mail_sends().await?;
                let value =
                    serde_json::json!({ "settings": settings, "people": people, "sends": sends });
                println!("{}", json(&value)?);
            } else {
                match &settings.smtp {
                    Some(smtp) => println!(
                        "Mail server: {smtp} from {} (password set: {})",
                        settings.sender.as_deref().unwrap_or(""),
                        if settings.password_set { "yes" } else { "no" }
                    ),
                    None => println!("No mail server is set: unsung email set --smtp …"),
                }
                for p in people {
                    println!("{} <{}> {}", p.name, p.address, p.lang.code());
                }
            }
        }
    }
    Ok(())
}

/// Who `story --email` sends to.
pub struct EmailRequest {
    pub addresses: Vec<String>,
    pub everyone: bool,
    pub resend_unknown: bool,
    pub lang: Lang,
    pub show_names: bool,
}

/// Sends the story; exit 1 with one line on standard error per address not sent.
pub async fn email_story(
    app: &App,
    range: TimeRange,
    tz: Tz,
    request: EmailRequest,
) -> Result<ExitCode, AppError> {
    let to = if request.everyone {
        MailTo::Everyone
    } else {
        MailTo::Addresses {
            addresses: request.addresses,
            fallback: (request.lang, request.show_names),
        }
    };
    // Asking again is the request to retry a failure; one that may have arrived needs more.
    let retry = Retry {
        failed: true,
        unknown: request.resend_unknown,
    };
    let results = app.email_story(range, tz, &to, retry).await?;
    let mut all_done = true;
    for result in &results {
        match result.outcome {
            MailOutcome::Sent => println!("Sent to {}.", result.address),
            MailOutcome::AlreadySent => {
                println!(
                    "{}: already sent for this period (not sent again).",
                    result.address
                )
            }
            MailOutcome::MayHaveArrived => {
                all_done = false;
                eprintln!(
                    "{}: {} (to send it anyway, add --resend-unknown)",
                    result.address, result.message
                );
            }
            MailOutcome::Failed => {
                all_done = false;
                eprintln!("{}: {}", result.address, result.message);
            }
        }
    }
    Ok(if all_done {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

pub async fn channel(app: &App, command: ChannelCommand) -> Result<ExitCode, AppError> {
    match command {
        ChannelCommand::Add {
            kind,
            name,
            url_env,
            homeserver,
            room,
            token_env,
            lang,
        } => {
            let (kind, secret) = match kind {
                ChatArg::Matrix => {
                    let var = token_env.ok_or_else(|| {
                        AppError::invalid("Matrix needs --homeserver URL --room ID --token-env VAR")
                    })?;
                    ("matrix", from_env("--token-env", &var, "the access token")?)
                }
                other => {
                    let var = url_env.ok_or_else(|| {
                        AppError::invalid("give the webhook URL through --url-env VAR")
                    })?;
                    let kind = match other {
                        ChatArg::Slack => "slack",
                        ChatArg::Mattermost => "mattermost",
                        ChatArg::Discord => "discord",
                        ChatArg::Teams => "teams",
                        ChatArg::Matrix => unreachable!("handled above"),
                    };
                    (kind, from_env("--url-env", &var, "the webhook URL")?)
                }
            };
            app.add_channel(NewChannel {
                kind: kind.to_string(),
                name: name.clone(),
                secret,
                homeserver,
                room,
                lang: lang.into(),
            })
            .await?;
            println!("Thank-yous will go to {name} ({kind}).");
        }
        ChannelCommand::List { json: as_json } => {
            let channels = app.channels().await?;
            if as_json {
                println!("{}", json(&channels)?);
            } else {
                for c in channels {
                    println!(
                        "{} ({}): {} waiting, {} refused, {} may show twice{}",
                        c.name,
                        c.kind,
                        c.waiting,
                        c.refused,
                        c.maybe_twice,
                        c.problem
                            .map(|p| format!("; last problem: {p}"))
                            .unwrap_or_default()
                    );
                }
            }
        }
        ChannelCommand::Remove { name } => {
            app.remove_channel(&name).await?;
            println!("Thank-yous will not go to {name} any more.");
        }
        ChannelCommand::Send => return send(app).await,
    }
    Ok(ExitCode::SUCCESS)
}

/// Sends what waits for the chats; exit 1 when something still waits or was refused.
pub async fn send(app: &App) -> Result<ExitCode, AppError> {
    let report = app.deliver_to_channels().await?;
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    println!(
        "Thank-yous to team chats: {} delivered, {} waiting, {} refused.",
        report.delivered, report.waiting, report.refused
    );
    Ok(if report.waiting + report.refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
