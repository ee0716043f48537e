//! Unsung's desktop shell: window, plugins and security settings. Every command is a thin
//! adapter in `commands.rs` over the use cases in unsung-app. Started with `--cli` first, the
//! same binary is the `unsung` command (the .deb's /usr/bin/unsung runs it so).

mod commands;
mod delivery;
mod menu;
mod ready;
mod webkit;
mod weekly;

use std::ffi::{OsStr, OsString};
use std::process::ExitCode;
use std::sync::Mutex;
use tauri::Manager;
use tauri::ipc::Channel;
use unsung_app::dto::ShellEvent;
use unsung_app::{App, AppError, Clock, Config};

/// The app's state: the use cases, or why they could not start (shown in the window rather
/// than crashing, so the user can read what went wrong). The database opens in the background
/// while the window is built; the first command that needs it waits for it.
#[derive(Default)]
pub struct Shell {
    app: tokio::sync::OnceCell<Result<App, AppError>>,
}

impl Shell {
    /// The use cases, once the database is open (opening it if nobody has started to).
    pub async fn app(&self) -> Result<&App, AppError> {
        self.app
            .get_or_init(open_app)
            .await
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The use cases if the database is already open; for work that can wait its turn.
    pub fn opened(&self) -> Option<&App> {
        self.app.get().and_then(|opened| opened.as_ref().ok())
    }
}

/// The channel the window opened for what happens outside it (see `commands::listen_shell`).
#[derive(Default)]
pub struct ShellEvents(Mutex<Option<Channel<ShellEvent>>>);

impl ShellEvents {
    pub fn listen(&self, channel: Channel<ShellEvent>) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(channel);
        }
    }

    pub fn send(&self, event: ShellEvent) {
        if let Ok(slot) = self.0.lock()
            && let Some(channel) = slot.as_ref()
            && let Err(error) = channel.send(event)
        {
            tracing::debug!("the window did not take a shell event: {error}");
        }
    }
}

async fn open_app() -> Result<App, AppError> {
    let opened = open_app_now().await;
    ready::step("opened");
    if let Err(error) = &opened {
        tracing::error!(code = ?error.code, "cannot open Unsung's data: {}", error.message);
    }
    opened
}

async fn open_app_now() -> Result<App, AppError> {
    let location = match std::env::var("UNSUNG_DB") {
        Ok(db) if !db.trim().is_empty() => db,
        _ => unsung_app::default_db_location()?,
    };
    let team_db = std::env::var("UNSUNG_TEAM_DB")
        .ok()
        .filter(|url| !url.trim().is_empty());
    let app = App::start(Config {
        db: location,
        team_db,
        clock: Clock::from_env()?,
        tz: None,
    })
    .await?;
    app.prepare_first_view().await?;
    Ok(app)
}

/// The first argument that turns this binary into the `unsung` command.
const CLI_FACE: &str = "--cli";

fn main() -> ExitCode {
    let mut args = std::env::args_os();
    if args.nth(1).as_deref() == Some(OsStr::new(CLI_FACE)) {
        return unsung_cli::main_with(std::iter::once(OsString::from("unsung")).chain(args));
    }
    ready::step("main");
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("UNSUNG_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    tauri::Builder::default()
        // First, so a second launch hands over to the running window before anything starts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.show();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        // Both are used from Rust only (share_save, share_copy); the window is granted none
        // of their commands.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(ShellEvents::default())
        .manage(menu::Zoom::default())
        .menu(menu::build)
        .on_menu_event(|app, event| menu::handle(app, event.id().as_ref()))
        .setup(|app| {
            ready::step("setup");
            // The first story's words load while the window and the database open.
            let _ = std::thread::Builder::new()
                .name("prepare-languages".into())
                .spawn(unsung_app::prepare_languages);
            if let Some(window) = app.get_webview_window("main") {
                webkit::draw_plainly(&window);
            }
            // The database opens (and the demo team is brought up to date) off the main
            // thread, while WebKit starts and loads the page.
            app.manage(Shell::default());
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let shell = handle.state::<Shell>();
                // The first view never waits for a team database: it is reached here, after
                // the database opened, and the window reads the view again once it is.
                if let Ok(app) = shell.app().await
                    && let Ok(Some(report)) = app.sync_team().await
                    && report.notes.is_some()
                {
                    handle.state::<ShellEvents>().send(ShellEvent::TeamSynced);
                }
            });
            weekly::start(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::get_overview,
            commands::post_thanks,
            commands::list_thanks,
            commands::edit_thanks,
            commands::delete_thanks,
            commands::list_people,
            commands::save_person,
            commands::remove_person,
            commands::team_status,
            commands::set_team_db,
            commands::send_waiting,
            commands::list_sources,
            commands::add_source,
            commands::remove_source,
            commands::test_source,
            commands::sync_sources,
            commands::get_preferences,
            commands::save_preferences,
            commands::time_zones,
            commands::listen_shell,
            commands::share_preview,
            commands::share_save,
            commands::share_copy,
            commands::story_shown,
            commands::coach_text,
            commands::explain_incident,
            commands::list_service_names,
            commands::set_service_name,
            delivery::get_email_settings,
            delivery::set_email_settings,
            delivery::list_mail_recipients,
            delivery::save_mail_recipient,
            delivery::remove_mail_recipient,
            delivery::email_now,
            delivery::list_channels,
            delivery::add_channel,
            delivery::remove_channel
        ])
        .run(tauri::generate_context!())
        .expect("error while running Unsung");
    ExitCode::SUCCESS
}
