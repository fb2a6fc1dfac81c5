//! The subject backlog.

use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::domain::{Subject, SubjectDraft, SubjectFilter, SubjectStatus};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn subjects(
    state: State<'_, AppState>,
    filter: SubjectFilter,
) -> Result<Vec<Subject>, IpcError> {
    blocking(state.store()?, move |store| store.subjects(&filter)).await
}

#[tauri::command]
#[specta::specta]
pub async fn subject(state: State<'_, AppState>, id: i32) -> Result<Subject, IpcError> {
    blocking(state.store()?, move |store| store.subject(id.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_subject(
    state: State<'_, AppState>,
    subject: SubjectDraft,
) -> Result<Subject, IpcError> {
    blocking(state.store()?, move |store| store.add_subject(&subject)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_subject(
    state: State<'_, AppState>,
    id: i32,
    subject: SubjectDraft,
    revision: Option<i32>,
) -> Result<Subject, IpcError> {
    blocking(state.store()?, move |store| {
        store.update_subject(id.into(), &subject, revision.map(i64::from))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_subject_status(
    state: State<'_, AppState>,
    id: i32,
    status: SubjectStatus,
) -> Result<Subject, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_subject_status(id.into(), status)
    })
    .await
}

/// Anonymises the free text of a subject, decision or action (AVG art. 17):
/// in the record, the search index and the audit log. Cannot be undone;
/// the window says so before it asks.
#[tauri::command]
#[specta::specta]
pub async fn anonymise(
    state: State<'_, AppState>,
    what: taskforce::domain::Anonymisable,
    id: i32,
) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| {
        store.anonymise(what, id.into())
    })
    .await
}

/// Takes a subject out of the backlog as no longer current, or puts it back.
#[tauri::command]
#[specta::specta]
pub async fn archive_subject(
    state: State<'_, AppState>,
    subject: i32,
    archived: bool,
) -> Result<Subject, IpcError> {
    blocking(state.store()?, move |store| {
        store.archive_subject(subject.into(), archived)
    })
    .await
}

/// Removes a subject entered by mistake (used nowhere).
#[tauri::command]
#[specta::specta]
pub async fn remove_subject(state: State<'_, AppState>, subject: i32) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| {
        store.remove_subject(subject.into())
    })
    .await
}
