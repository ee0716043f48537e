//! IPC commands: each one unwraps the shell state and calls one use case. Errors cross as
//! `{code, message}` (`AppError`'s serialised form).

use crate::{Shell, ShellEvents};
use tauri::State;
use tauri::ipc::Channel;
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_dialog::DialogExt;
use unsung_app::dto::{
    NewSource, NewThankYou, Overview, PersonEntry, Preferences, SendReport, ServiceNameEntry,
    ShellEvent, SourceView, SyncEvent, SyncSummary, TeamStatus, ThankYouEdit, ThankYouView,
    TimeZones,
};
use unsung_app::{
    App, AppError, Audience, Coaching, ErrorCode, Lang, PeriodKind, Reader, SavedShare,
    ShareOptions, SharePreview,
};

async fn app<'a>(shell: &'a State<'_, Shell>) -> Result<&'a App, AppError> {
    shell.app().await
}

/// `lang` and `audience` may be left out: English, for the family.
#[tauri::command]
pub async fn get_overview(
    shell: State<'_, Shell>,
    period: PeriodKind,
    lang: Option<Lang>,
    audience: Option<Audience>,
) -> Result<Overview, AppError> {
    let app = app(&shell).await?;
    app.overview(
        period,
        app.reader_tz(),
        lang.unwrap_or_default(),
        audience.unwrap_or_default(),
    )
    .await
}

#[tauri::command]
pub async fn post_thanks(
    shell: State<'_, Shell>,
    note: NewThankYou,
) -> Result<ThankYouView, AppError> {
    app(&shell).await?.post_thanks(note).await
}

#[tauri::command]
pub async fn list_thanks(
    shell: State<'_, Shell>,
    limit: Option<u32>,
) -> Result<Vec<ThankYouView>, AppError> {
    app(&shell).await?.list_thanks(limit.unwrap_or(50)).await
}

#[tauri::command]
pub async fn edit_thanks(
    shell: State<'_, Shell>,
    edit: ThankYouEdit,
) -> Result<ThankYouView, AppError> {
    app(&shell).await?.edit_thanks(edit).await
}

#[tauri::command]
pub async fn delete_thanks(
    shell: State<'_, Shell>,
    id: String,
    author: String,
) -> Result<(), AppError> {
    app(&shell).await?.delete_thanks(&id, &author).await
}

#[tauri::command]
pub async fn list_people(shell: State<'_, Shell>) -> Result<Vec<PersonEntry>, AppError> {
    app(&shell).await?.people().await
}

#[tauri::command]
pub async fn save_person(
    shell: State<'_, Shell>,
    person: PersonEntry,
) -> Result<Vec<PersonEntry>, AppError> {
    app(&shell).await?.save_person(person).await
}

#[tauri::command]
pub async fn remove_person(
    shell: State<'_, Shell>,
    name: String,
) -> Result<Vec<PersonEntry>, AppError> {
    app(&shell).await?.remove_person(&name).await
}

#[tauri::command]
pub async fn team_status(shell: State<'_, Shell>) -> Result<TeamStatus, AppError> {
    app(&shell).await?.team_status().await
}

#[tauri::command]
pub async fn set_team_db(
    shell: State<'_, Shell>,
    url: Option<String>,
) -> Result<TeamStatus, AppError> {
    app(&shell).await?.set_team_db(url).await
}

#[tauri::command]
pub async fn send_waiting(shell: State<'_, Shell>) -> Result<SendReport, AppError> {
    app(&shell).await?.send_waiting().await
}

#[tauri::command]
pub async fn list_sources(shell: State<'_, Shell>) -> Result<Vec<SourceView>, AppError> {
    app(&shell).await?.sources().await
}

/// The token, if any, arrives here once and goes to the keychain; no command returns it.
#[tauri::command]
pub async fn add_source(
    shell: State<'_, Shell>,
    source: NewSource,
) -> Result<SourceView, AppError> {
    app(&shell).await?.add_source(source).await
}

#[tauri::command]
pub async fn remove_source(shell: State<'_, Shell>, name: String) -> Result<(), AppError> {
    app(&shell).await?.remove_source(&name).await
}

#[tauri::command]
pub async fn test_source(shell: State<'_, Shell>, name: String) -> Result<String, AppError> {
    app(&shell).await?.test_source(&name).await
}

/// Syncs every source (or only `only`), sending each step through `on_event` as it happens.
#[tauri::command]
pub async fn sync_sources(
    shell: State<'_, Shell>,
    only: Option<String>,
    on_event: Channel<SyncEvent>,
) -> Result<SyncSummary, AppError> {
    let send = move |event: SyncEvent| {
        // A window that went away stops listening; the sync goes on regardless.
        if let Err(error) = on_event.send(event) {
            tracing::debug!("a sync event was not delivered: {error}");
        }
    };
    app(&shell).await?.sync(only.as_deref(), &send).await
}

/// Who a shared story is for: the reader's zone, and the language and audience the window
/// shows (English, for the family, when left out).
fn reader(app: &App, lang: Option<Lang>, audience: Option<Audience>) -> Result<Reader, AppError> {
    Ok(Reader {
        tz: app.reader_tz(),
        lang: lang.unwrap_or_default(),
        audience: audience.unwrap_or_default(),
    })
}

#[tauri::command]
pub async fn get_preferences(shell: State<'_, Shell>) -> Result<Preferences, AppError> {
    app(&shell).await?.preferences().await
}

/// The zones to choose from (each place once, grouped by region) and this machine's.
#[tauri::command]
pub async fn time_zones(shell: State<'_, Shell>) -> Result<TimeZones, AppError> {
    Ok(app(&shell).await?.time_zones())
}

#[tauri::command]
pub async fn save_preferences(
    shell: State<'_, Shell>,
    preferences: Preferences,
) -> Result<Preferences, AppError> {
    app(&shell).await?.save_preferences(preferences).await
}

/// The window opens this channel once; the shell sends what happens outside it (a clicked
/// notification), so the window needs no event permission.
#[tauri::command]
pub fn listen_shell(events: State<'_, ShellEvents>, on_event: Channel<ShellEvent>) {
    events.listen(on_event);
}

#[tauri::command]
pub async fn share_preview(
    shell: State<'_, Shell>,
    period: PeriodKind,
    options: ShareOptions,
    lang: Option<Lang>,
    audience: Option<Audience>,
) -> Result<SharePreview, AppError> {
    let app = app(&shell).await?;
    app.share_preview(period, reader(app, lang, audience)?, &options)
        .await
}

/// Asks where to save with the system's save dialog, then writes the file there. The webview
/// never names a path: the only file this app writes for it is the one the user just chose.
/// `None` when the user cancels.
#[tauri::command]
pub async fn share_save(
    window: tauri::Window,
    shell: State<'_, Shell>,
    period: PeriodKind,
    options: ShareOptions,
    lang: Option<Lang>,
    audience: Option<Audience>,
) -> Result<Option<SavedShare>, AppError> {
    let app = app(&shell).await?;
    let reader = reader(app, lang, audience)?;
    let file = app.share_period(period, reader, &options).await?;
    let (answer, chosen) = tokio::sync::oneshot::channel();
    window
        .dialog()
        .file()
        .set_parent(&window)
        .set_title(unsung_app::share::save_dialog_title(reader.lang))
        .set_file_name(&file.file_name)
        .add_filter(file.format.description(), &[file.format.extension()])
        .save_file(move |path| {
            let _ = answer.send(path);
        });
    let Some(path) = chosen.await.ok().flatten() else {
        return Ok(None);
    };
    let path = path.into_path().map_err(|_| {
        AppError::invalid("That place cannot hold a file; choose a folder on this computer")
    })?;
    std::fs::write(&path, &file.bytes).map_err(|error| {
        AppError::new(
            ErrorCode::Storage,
            format!(
                "Could not save {}: {error}. Choose another folder.",
                path.display()
            ),
        )
    })?;
    Ok(Some(SavedShare {
        path: path.display().to_string(),
        bytes: file.bytes.len() as u64,
    }))
}

/// Puts the story's text, after the privacy pass, on the clipboard. The text is made here,
/// not sent by the webview, so only a cleaned story can be copied.
#[tauri::command]
pub async fn share_copy(
    handle: tauri::AppHandle,
    shell: State<'_, Shell>,
    period: PeriodKind,
    options: ShareOptions,
    lang: Option<Lang>,
    audience: Option<Audience>,
) -> Result<(), AppError> {
    let app = app(&shell).await?;
    let text = app
        .share_text(period, reader(app, lang, audience)?, &options)
        .await?;
    handle
        .clipboard()
        .write_text(text)
        .map_err(|error| AppError::internal(format!("Could not copy the story: {error}")))
}

/// The window calls this once, when its first view is on screen (the story, or the welcome on a
/// first run), with the times of its own start-up steps (`[name, Unix milliseconds]`; the step
/// named `story` or `welcome` says which). It does nothing unless the app was started with
/// `UNSUNG_READY_FILE` naming a file: then it writes the time (Unix nanoseconds) and the steps
/// there, so `scripts/bench` can time start-up to the story and `scripts/test-deb` can tell
/// that the installed app shows its welcome. The steps are times only; ill-formed ones are
/// dropped.
#[tauri::command]
pub async fn story_shown(marks: Option<Vec<(String, f64)>>) -> Result<(), AppError> {
    let Some(path) = std::env::var_os("UNSUNG_READY_FILE").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let path = std::path::Path::new(&path);
    crate::ready::mark(path, &marks.unwrap_or_default()).map_err(|error| {
        AppError::internal(format!(
            "Could not write the ready file {}: {error}",
            path.display()
        ))
    })
}

/// How plain a "what got better" text is, as it is typed (advice only).
#[tauri::command]
pub async fn coach_text(
    shell: State<'_, Shell>,
    text: String,
    lang: Option<Lang>,
) -> Result<Coaching, AppError> {
    Ok(app(&shell)
        .await?
        .coach_text(&text, lang.unwrap_or_default()))
}

/// Keeps what got better after an incident (and whether it was practice); returns its
/// coaching in `lang`.
#[tauri::command]
pub async fn explain_incident(
    shell: State<'_, Shell>,
    incident_id: String,
    text: String,
    practice: bool,
    lang: Option<Lang>,
) -> Result<Coaching, AppError> {
    app(&shell)
        .await?
        .explain_incident(&incident_id, &text, practice, lang.unwrap_or_default())
        .await
}

#[tauri::command]
pub async fn list_service_names(
    shell: State<'_, Shell>,
    lang: Option<Lang>,
) -> Result<Vec<ServiceNameEntry>, AppError> {
    app(&shell)
        .await?
        .service_names(lang.unwrap_or_default())
        .await
}

/// `name` `null` (or blank) takes the friendly name away.
#[tauri::command]
pub async fn set_service_name(
    shell: State<'_, Shell>,
    service_id: String,
    name: Option<String>,
) -> Result<(), AppError> {
    app(&shell)
        .await?
        .set_service_name(&service_id, name.as_deref())
        .await
}
