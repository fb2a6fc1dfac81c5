//! Sending out: the secretariat's sender and templates, why a partner is
//! invited, and the invitation drafts — checked first, then written into a
//! folder the user picks or opened in the user's own mail program. Paths
//! stay in Rust; the app never sends mail.

use crate::state::blocking;
use crate::{AppState, IpcError};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use taskforce::domain::{Invitation, MailSettings, MeetingDetail};
use taskforce::message::MessageKey;
use taskforce::{Error, Message};
use taskforce_export::drafts::{meeting_drafts, SendingCheck};
use tauri::{Manager, State};
use tauri_plugin_dialog::DialogExt;

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
        store.set_mail_settings(&settings)
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
    let folder = match target {
        DraftTarget::Folder => {
            let title = state.text(MessageKey::DialogDraftsFolder);
            // Start in a real folder: GTK's folder dialog opens on "Recent"
            // otherwise, where no folder can be chosen.
            let start = app
                .path()
                .document_dir()
                .or_else(|_| app.path().home_dir())
                .ok();
            let picked = tauri::async_runtime::spawn_blocking(move || {
                let dialog = app.dialog().file().set_title(title);
                match start {
                    Some(start) => dialog.set_directory(start),
                    None => dialog,
                }
                .blocking_pick_folder()
            })
            .await
            .map_err(|_| IpcError::internal(MessageKey::DialogPickClosed))?;
            let Some(folder) = picked.and_then(|f| f.into_path().ok()) else {
                return Ok(None);
            };
            folder
        }
        // The private runtime folder, emptied at start and exit: the drafts
        // hold addresses and the internal pack, never left in the data folder.
        DraftTarget::MailProgram => crate::opened::drafts().map_err(IpcError::from)?,
    };
    let (files, paths, warnings, meeting) = blocking(store, move |store| {
        let drafts = meeting_drafts(store, meeting.into())?;
        taskforce::private::create_dir(&folder)
            .map_err(|e| Error::io(MessageKey::DraftsFolderFailed, &folder, e))?;
        let mut files = Vec::new();
        let mut paths: Vec<PathBuf> = Vec::new();
        for draft in &drafts.drafts {
            let path = folder.join(&draft.file_name);
            taskforce_export::write_atomically(&path, &draft.eml)?;
            files.push(draft.file_name.clone());
            paths.push(path);
        }
        let meeting = drafts.record(store, meeting.into())?;
        Ok((files, paths, drafts.warnings, meeting))
    })
    .await?;
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
