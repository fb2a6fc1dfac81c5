//! Sending out: the secretariat's sender and templates, why a partner is
//! invited, and the invitation drafts — checked first, then written into a
//! folder the user picks or opened in the user's own mail program. Paths
//! stay in Rust; the app never sends mail.

use crate::dialogs;
use crate::state::blocking;
use crate::{AppState, IpcError};
use serde::{Deserialize, Serialize};
use taskforce::domain::{Invitation, MailSettings, MeetingDetail, MinutesCycle, OwnerReminder};
use taskforce::message::MessageKey;
use taskforce::Message;
use taskforce_export::drafts::SendingCheck;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn mail_settings(state: State<'_, AppState>) -> Result<MailSettings, IpcError> {
    blocking(state.store()?, |store| store.mail_settings()).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_mail_settings(
    state: State<'_, AppState>,
    settings: MailSettings,
) -> Result<MailSettings, IpcError> {
    blocking(state.store()?, move |store| {
        // With the revision the form showed: a colleague's save since is
        // refused.
        store.set_mail_settings(&settings, Some(settings.revision))
    })
    .await
}

/// Why the partner is invited, said in their own invitation.
#[tauri::command]
#[specta::specta]
pub async fn set_invitation_reason(
    state: State<'_, AppState>,
    id: i32,
    reason: String,
) -> Result<Invitation, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_invitation_reason(id.into(), &reason)
    })
    .await
}

/// What preparing would do and who cannot be reached, before anything is
/// made.
#[tauri::command]
#[specta::specta]
pub async fn check_sending(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<SendingCheck, IpcError> {
    blocking(state.store()?, move |store| {
        taskforce_export::drafts::check(store, meeting.into())
    })
    .await
}

/// Where prepared drafts go.
#[derive(Debug, Clone, Copy, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DraftTarget {
    /// A folder the user picks in the system dialog.
    Folder,
    /// Opened one by one in the user's default mail program.
    MailProgram,
}

/// Where drafts go: the folder the user picks (`None` when the dialog was
/// closed), or the private runtime folder they are opened from — emptied
/// at start and exit, so drafts that hold addresses and internal papers
/// are never left in the data folder.
async fn drafts_folder(
    app: &tauri::AppHandle,
    state: &AppState,
    target: DraftTarget,
) -> Result<Option<std::path::PathBuf>, IpcError> {
    match target {
        DraftTarget::Folder => {
            let title = state.text(MessageKey::DialogDraftsFolder);
            dialogs::pick_folder(app, title).await
        }
        DraftTarget::MailProgram => crate::opened::drafts().map(Some).map_err(IpcError::from),
    }
}

/// The drafts made, what to know before sending them, and the meeting with
/// its to-do list brought up to date.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PreparedDrafts {
    pub files: Vec<String>,
    pub warnings: Vec<Message>,
    pub meeting: MeetingDetail,
}

/// Prepares the drafts the meeting calls for; `None` when the folder dialog
/// was closed without choosing.
#[tauri::command]
#[specta::specta]
pub async fn prepare_drafts(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    meeting: i32,
    target: DraftTarget,
) -> Result<Option<PreparedDrafts>, IpcError> {
    let store = state.store()?;
    let Some(folder) = drafts_folder(&app, &state, target).await? else {
        return Ok(None);
    };
    let saved = blocking(store, move |store| {
        taskforce_export::drafts::save(store, meeting.into(), &folder)
    })
    .await?;
    let paths = saved.paths;
    let files = paths
        .iter()
        .filter_map(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .collect();
    let (warnings, meeting) = (saved.warnings, saved.meeting);
    if let DraftTarget::MailProgram = target {
        for path in &paths {
            tauri_plugin_opener::open_path(path, None::<&str>)
                .map_err(|_| IpcError::internal(MessageKey::DraftsNoMailProgram))?;
        }
    }
    Ok(Some(PreparedDrafts {
        files,
        warnings,
        meeting,
    }))
}

/// The user says the members' invitation went out from their mail program.
#[tauri::command]
#[specta::specta]
pub async fn mark_members_invitation_sent(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<MeetingDetail, IpcError> {
    blocking(state.store()?, move |store| {
        store.mark_members_invitation_sent(meeting.into())
    })
    .await
}

/// The minutes round made: the draft's file name, who cannot be reached,
/// and where the minutes now are.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct CirculatedMinutes {
    pub file: String,
    pub warnings: Vec<Message>,
    pub cycle: MinutesCycle,
}

/// Sends the concept minutes round for comments by `comments_by`: checked
/// first (so no folder is asked for a round that would be refused), then
/// the members' draft written into the chosen folder or opened in the mail
/// program, and the round noted. `None` when the folder dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn circulate_minutes(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    meeting: i32,
    comments_by: String,
    target: DraftTarget,
) -> Result<Option<CirculatedMinutes>, IpcError> {
    let store = state.store()?;
    let by = taskforce::calendar::parse_date(taskforce::error::Field::Date, &comments_by)?;
    // Made first, so no folder is asked for a round that would be refused;
    // made once.
    let draft = blocking(store.clone(), move |store| {
        taskforce_export::minutes_round::minutes_draft(store, meeting.into(), by)
    })
    .await?;
    let Some(folder) = drafts_folder(&app, &state, target).await? else {
        return Ok(None);
    };
    let saved = blocking(store, move |store| {
        taskforce_export::minutes_round::save(store, draft, meeting.into(), by, &folder)
    })
    .await?;
    if let DraftTarget::MailProgram = target {
        tauri_plugin_opener::open_path(&saved.path, None::<&str>)
            .map_err(|_| IpcError::internal(MessageKey::DraftsNoMailProgram))?;
    }
    Ok(Some(CirculatedMinutes {
        file: saved
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        warnings: saved.warnings,
        cycle: saved.cycle,
    }))
}

/// Who is due a reminder (every owner with open actions, or only those
/// with one past its due date), with their actions.
#[tauri::command]
#[specta::specta]
pub async fn reminders(
    state: State<'_, AppState>,
    only_overdue: bool,
) -> Result<Vec<OwnerReminder>, IpcError> {
    blocking(state.store()?, move |store| store.reminders(only_overdue)).await
}

/// The reminders made: their file names and who could not be reached.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct PreparedReminders {
    pub files: Vec<String>,
    pub warnings: Vec<Message>,
}

/// Makes one reminder per owner: checked first (so no folder is asked for
/// when there is nothing to send), then written into the chosen folder or
/// opened in the mail program, and noted in each action's history. `None`
/// when the folder dialog was closed.
#[tauri::command]
#[specta::specta]
pub async fn prepare_reminders(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    only_overdue: bool,
    target: DraftTarget,
) -> Result<Option<PreparedReminders>, IpcError> {
    let store = state.store()?;
    let made = blocking(store.clone(), move |store| {
        taskforce_export::reminders::reminder_drafts(store, only_overdue)
    })
    .await?;
    let Some(folder) = drafts_folder(&app, &state, target).await? else {
        return Ok(None);
    };
    let saved = blocking(store, move |store| {
        taskforce_export::reminders::save_drafts(store, made, &folder)
    })
    .await?;
    if let DraftTarget::MailProgram = target {
        for path in &saved.paths {
            tauri_plugin_opener::open_path(path, None::<&str>)
                .map_err(|_| IpcError::internal(MessageKey::DraftsNoMailProgram))?;
        }
    }
    Ok(Some(PreparedReminders {
        files: saved
            .paths
            .iter()
            .filter_map(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .collect(),
        warnings: saved.warnings,
    }))
}
