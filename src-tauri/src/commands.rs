//! IPC commands: each one unwraps the shell state and calls one use case. Errors cross as
//! `{code, message}` (`AppError`'s serialised form).

use crate::Shell;
use tauri::State;
use unsung_app::dto::{
    NewThankYou, Overview, PersonEntry, SendReport, TeamStatus, ThankYouEdit, ThankYouView,
};
use unsung_app::{App, AppError, Audience, Lang, PeriodKind, resolve_tz};

fn app<'a>(shell: &'a State<'_, Shell>) -> Result<&'a App, AppError> {
    shell.app.as_ref().map_err(Clone::clone)
}

/// `lang` and `audience` may be left out: English, for the family.
#[tauri::command]
pub async fn get_overview(
    shell: State<'_, Shell>,
    period: PeriodKind,
    lang: Option<Lang>,
    audience: Option<Audience>,
) -> Result<Overview, AppError> {
    let tz = resolve_tz(None)?;
    app(&shell)?
        .overview(
            period,
            tz,
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
    app(&shell)?.post_thanks(note).await
}

#[tauri::command]
pub async fn list_thanks(
    shell: State<'_, Shell>,
    limit: Option<u32>,
) -> Result<Vec<ThankYouView>, AppError> {
    app(&shell)?.list_thanks(limit.unwrap_or(50)).await
}

#[tauri::command]
pub async fn edit_thanks(
    shell: State<'_, Shell>,
    edit: ThankYouEdit,
) -> Result<ThankYouView, AppError> {
    app(&shell)?.edit_thanks(edit).await
}

#[tauri::command]
pub async fn delete_thanks(
    shell: State<'_, Shell>,
    id: String,
    author: String,
) -> Result<(), AppError> {
    app(&shell)?.delete_thanks(&id, &author).await
}

#[tauri::command]
pub async fn list_people(shell: State<'_, Shell>) -> Result<Vec<PersonEntry>, AppError> {
    app(&shell)?.people().await
}

#[tauri::command]
pub async fn save_person(
    shell: State<'_, Shell>,
    person: PersonEntry,
) -> Result<Vec<PersonEntry>, AppError> {
    app(&shell)?.save_person(person).await
}

#[tauri::command]
pub async fn remove_person(
    shell: State<'_, Shell>,
    name: String,
) -> Result<Vec<PersonEntry>, AppError> {
    app(&shell)?.remove_person(&name).await
}

#[tauri::command]
pub async fn team_status(shell: State<'_, Shell>) -> Result<TeamStatus, AppError> {
    app(&shell)?.team_status().await
}

#[tauri::command]
pub async fn set_team_db(
    shell: State<'_, Shell>,
    url: Option<String>,
) -> Result<TeamStatus, AppError> {
    app(&shell)?.set_team_db(url).await
}

#[tauri::command]
pub async fn send_waiting(shell: State<'_, Shell>) -> Result<SendReport, AppError> {
    app(&shell)?.send_waiting().await
}
