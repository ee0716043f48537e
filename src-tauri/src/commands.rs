//! IPC commands: each one unwraps the shell state and calls one use case. Errors cross as
//! `{code, message}` (`AppError`'s serialised form).

use crate::Shell;
use tauri::State;
use unsung_app::dto::{NewThankYou, Overview, ThankYouView};
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
