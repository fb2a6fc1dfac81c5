//! Minutes, decisions and actions.

use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::message::MessageKey;
use tauri::State;

/// Where the minutes are: concept, sent round (rounds, comments), adopted.
#[tauri::command]
#[specta::specta]
pub async fn minutes_cycle(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<MinutesCycle, IpcError> {
    blocking(state.store()?, move |store| {
        store.minutes_cycle(meeting.into())
    })
    .await
}

/// A member seat's comment on the minutes sent round, dated as typed (the
/// core takes today when empty).
#[tauri::command]
#[specta::specta]
pub async fn add_minutes_comment(
    state: State<'_, AppState>,
    meeting: i32,
    seat: i32,
    comment: String,
    received_on: Option<String>,
) -> Result<MinutesCycle, IpcError> {
    let on = received_on
        .filter(|d| !d.trim().is_empty())
        .map(|d| taskforce::calendar::parse_date(Field::Date, &d))
        .transpose()?;
    blocking(state.store()?, move |store| {
        store.add_minutes_comment(meeting.into(), seat.into(), &comment, on)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn minutes(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Option<Minutes>, IpcError> {
    blocking(state.store()?, move |store| store.minutes(meeting.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_minutes(
    state: State<'_, AppState>,
    meeting: i32,
    body: String,
    revision: Option<i32>,
) -> Result<Minutes, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_minutes(meeting.into(), &body, revision.map(i64::from))
    })
    .await
}

/// Adopts the minutes of `meeting` at the later meeting `at`.
#[tauri::command]
#[specta::specta]
pub async fn adopt_minutes(
    state: State<'_, AppState>,
    meeting: i32,
    at: i32,
) -> Result<Minutes, IpcError> {
    blocking(state.store()?, move |store| {
        store.adopt_minutes(meeting.into(), at.into())
    })
    .await
}

/// The earlier meeting whose minutes this meeting should adopt, if any.
#[tauri::command]
#[specta::specta]
pub async fn minutes_to_adopt(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Option<i32>, IpcError> {
    let found = blocking(state.store()?, move |store| {
        store.minutes_to_adopt(meeting.into())
    })
    .await?;
    found
        .map(|id| i32::try_from(id).map_err(|_| IpcError::internal(MessageKey::AppRecordIdRange)))
        .transpose()
}

#[tauri::command]
#[specta::specta]
pub async fn decisions_of_meeting(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Vec<Decision>, IpcError> {
    blocking(state.store()?, move |store| {
        store.decisions_of_meeting(meeting.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn add_decision(
    state: State<'_, AppState>,
    meeting: i32,
    text: String,
) -> Result<Decision, IpcError> {
    blocking(state.store()?, move |store| {
        store.add_decision(meeting.into(), &text)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn actions(
    state: State<'_, AppState>,
    filter: ActionFilter,
) -> Result<Vec<ActionItem>, IpcError> {
    blocking(state.store()?, move |store| store.actions(&filter)).await
}

/// Actions recorded at the meeting itself.
#[tauri::command]
#[specta::specta]
pub async fn actions_of_meeting(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Vec<ActionItem>, IpcError> {
    blocking(state.store()?, move |store| {
        store.actions_of_meeting(meeting.into())
    })
    .await
}

/// The action list the meeting reviews: open actions from earlier meetings.
#[tauri::command]
#[specta::specta]
pub async fn action_list_for_meeting(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Vec<ActionItem>, IpcError> {
    blocking(state.store()?, move |store| {
        store.action_list_for_meeting(meeting.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn add_action(
    state: State<'_, AppState>,
    meeting: i32,
    description: String,
    owner: ActionOwner,
    due: Option<String>,
) -> Result<ActionItem, IpcError> {
    let due = due
        .filter(|d| !d.trim().is_empty())
        .map(|d| taskforce::calendar::parse_date(Field::Due, &d))
        .transpose()?;
    blocking(state.store()?, move |store| {
        store.add_action(meeting.into(), &description, &owner, due)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn complete_action(state: State<'_, AppState>, id: i32) -> Result<ActionItem, IpcError> {
    blocking(state.store()?, move |store| {
        store.complete_action(id.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn drop_action(state: State<'_, AppState>, id: i32) -> Result<ActionItem, IpcError> {
    blocking(state.store()?, move |store| store.drop_action(id.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn postpone_action(
    state: State<'_, AppState>,
    id: i32,
    to: String,
) -> Result<ActionItem, IpcError> {
    let to = taskforce::calendar::parse_date(Field::To, &to)?;
    blocking(state.store()?, move |store| {
        store.postpone_action(id.into(), to)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn action_history(
    state: State<'_, AppState>,
    id: i32,
) -> Result<Vec<ActionEvent>, IpcError> {
    blocking(state.store()?, move |store| store.action_history(id.into())).await
}

/// Corrects a decision while its minutes are concept.
#[tauri::command]
#[specta::specta]
pub async fn edit_decision(
    state: State<'_, AppState>,
    decision: i32,
    text: String,
    // The revision the form showed: a colleague's save since is refused.
    revision: Option<i32>,
) -> Result<Decision, IpcError> {
    blocking(state.store()?, move |store| {
        store.edit_decision(decision.into(), &text, revision.map(i64::from))
    })
    .await
}

/// Removes a decision recorded by mistake, while its minutes are concept.
#[tauri::command]
#[specta::specta]
pub async fn remove_decision(state: State<'_, AppState>, decision: i32) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| {
        store.remove_decision(decision.into())
    })
    .await
}

/// Amends an adopted decision by a new one at the later meeting `at`.
#[tauri::command]
#[specta::specta]
pub async fn amend_decision(
    state: State<'_, AppState>,
    decision: i32,
    at: i32,
    text: String,
) -> Result<Decision, IpcError> {
    blocking(state.store()?, move |store| {
        store.amend_decision(decision.into(), at.into(), &text)
    })
    .await
}

/// Corrects an open action: description, owner, due date (typed as the
/// language writes it; empty for none).
#[tauri::command]
#[specta::specta]
pub async fn edit_action(
    state: State<'_, AppState>,
    action: i32,
    description: String,
    owner: ActionOwner,
    due: Option<String>,
    // The revision the form showed: a colleague's save since is refused.
    revision: Option<i32>,
) -> Result<ActionItem, IpcError> {
    let due_on = due
        .filter(|d| !d.trim().is_empty())
        .map(|d| taskforce::calendar::parse_date(Field::Due, &d))
        .transpose()?;
    let edit = ActionEdit {
        description,
        owner,
        due_on,
    };
    blocking(state.store()?, move |store| {
        store.edit_action(action.into(), &edit, revision.map(i64::from))
    })
    .await
}

/// Opens a done or dropped action again, with the reason.
#[tauri::command]
#[specta::specta]
pub async fn reopen_action(
    state: State<'_, AppState>,
    action: i32,
    reason: String,
) -> Result<ActionItem, IpcError> {
    blocking(state.store()?, move |store| {
        store.reopen_action(action.into(), &reason)
    })
    .await
}

/// The decisions of a term, numbered in order (to pick one to amend).
#[tauri::command]
#[specta::specta]
pub async fn decisions_of_term(
    state: State<'_, AppState>,
    term: u32,
) -> Result<Vec<Decision>, IpcError> {
    blocking(state.store()?, move |store| store.decisions_of_term(term)).await
}

/// Puts a decision under an agenda item of its meeting (`None`: none).
#[tauri::command]
#[specta::specta]
pub async fn set_decision_item(
    state: State<'_, AppState>,
    id: i32,
    item: Option<i32>,
) -> Result<Decision, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_decision_item(id.into(), item.map(Into::into))
    })
    .await
}

/// Puts an action under an agenda item of its meeting (`None`: none).
#[tauri::command]
#[specta::specta]
pub async fn set_action_item(
    state: State<'_, AppState>,
    id: i32,
    item: Option<i32>,
) -> Result<ActionItem, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_action_item(id.into(), item.map(Into::into))
    })
    .await
}
