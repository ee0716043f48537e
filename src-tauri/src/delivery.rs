//! IPC commands for Settings → Family and friends and Team chat, and Share → Send now: each one
//! calls one use case. Secrets come in (the SMTP password, a webhook URL or token) and never go
//! back out: the views say only whether one is set.

use crate::Shell;
use tauri::State;
use unsung_app::{
    AppError, ChannelView, EmailSettingsInput, EmailSettingsView, MailRecipientEntry, MailResult,
    NewChannel, PeriodKind,
};

#[tauri::command]
pub async fn get_email_settings(shell: State<'_, Shell>) -> Result<EmailSettingsView, AppError> {
    shell.app().await?.email_settings().await
}

#[tauri::command]
pub async fn set_email_settings(
    shell: State<'_, Shell>,
    settings: EmailSettingsInput,
) -> Result<EmailSettingsView, AppError> {
    shell.app().await?.set_email(settings).await
}

#[tauri::command]
pub async fn list_mail_recipients(
    shell: State<'_, Shell>,
) -> Result<Vec<MailRecipientEntry>, AppError> {
    shell.app().await?.mail_recipients().await
}

#[tauri::command]
pub async fn save_mail_recipient(
    shell: State<'_, Shell>,
    person: MailRecipientEntry,
) -> Result<Vec<MailRecipientEntry>, AppError> {
    shell.app().await?.save_mail_recipient(person).await
}

#[tauri::command]
pub async fn remove_mail_recipient(
    shell: State<'_, Shell>,
    address: String,
) -> Result<Vec<MailRecipientEntry>, AppError> {
    shell.app().await?.remove_mail_recipient(&address).await
}

/// Share → Send now: the period shown, to everyone in Family and friends.
#[tauri::command]
pub async fn email_now(
    shell: State<'_, Shell>,
    period: PeriodKind,
) -> Result<Vec<MailResult>, AppError> {
    shell.app().await?.email_period(period).await
}

#[tauri::command]
pub async fn list_channels(shell: State<'_, Shell>) -> Result<Vec<ChannelView>, AppError> {
    shell.app().await?.channels().await
}

#[tauri::command]
pub async fn add_channel(
    shell: State<'_, Shell>,
    channel: NewChannel,
) -> Result<Vec<ChannelView>, AppError> {
    shell.app().await?.add_channel(channel).await
}

#[tauri::command]
pub async fn remove_channel(
    shell: State<'_, Shell>,
    name: String,
) -> Result<Vec<ChannelView>, AppError> {
    shell.app().await?.remove_channel(&name).await
}
