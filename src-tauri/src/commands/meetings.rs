//! Meetings: planning, the central subject, agenda, invitations, attendance.

use crate::state::blocking;
use crate::{dialogs, AppState, IpcError};
use taskforce::domain::*;
use taskforce::message::MessageKey;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn meetings(
    state: State<'_, AppState>,
    term: u32,
) -> Result<Vec<MeetingDetail>, IpcError> {
    blocking(state.store()?, move |store| store.meetings(term)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting(state: State<'_, AppState>, id: i32) -> Result<MeetingDetail, IpcError> {
    blocking(state.store()?, move |store| store.meeting(id.into())).await
}

/// Plans a concept meeting with the standard agenda.
#[tauri::command]
#[specta::specta]
pub async fn add_meeting(
    state: State<'_, AppState>,
    form: MeetingForm,
) -> Result<MeetingDetail, IpcError> {
    let draft = form.parse()?;
    blocking(state.store()?, move |store| {
        store.add_meeting(&draft, NewAgenda::FromTemplate)
    })
    .await
}

/// The meeting series as it would be saved.
#[tauri::command]
#[specta::specta]
pub async fn preview_series(
    state: State<'_, AppState>,
    series: SeriesForm,
) -> Result<SeriesPreview, IpcError> {
    blocking(state.store()?, move |store| store.preview_series(&series)).await
}

/// Plans the whole series, all or nothing.
#[tauri::command]
#[specta::specta]
pub async fn plan_series(
    state: State<'_, AppState>,
    series: SeriesForm,
) -> Result<Vec<MeetingDetail>, IpcError> {
    blocking(state.store()?, move |store| store.plan_series(&series)).await
}

#[tauri::command]
#[specta::specta]
pub async fn reschedule_meeting(
    state: State<'_, AppState>,
    id: i32,
    form: MeetingForm,
    revision: Option<i32>,
) -> Result<MeetingDetail, IpcError> {
    let draft = form.parse()?;
    blocking(state.store()?, move |store| {
        store.reschedule_meeting(
            id.into(),
            draft.starts_at,
            draft.ends_at,
            Some(&draft.location),
            revision.map(i64::from),
        )
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_meeting_subject(
    state: State<'_, AppState>,
    id: i32,
    subject: Option<i32>,
) -> Result<MeetingDetail, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_meeting_subject(id.into(), subject.map(Into::into))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn schedule_meeting(
    state: State<'_, AppState>,
    id: i32,
) -> Result<MeetingDetail, IpcError> {
    blocking(state.store()?, move |store| {
        store.schedule_meeting(id.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn hold_meeting(state: State<'_, AppState>, id: i32) -> Result<MeetingDetail, IpcError> {
    blocking(state.store()?, move |store| store.hold_meeting(id.into())).await
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_meeting(
    state: State<'_, AppState>,
    id: i32,
) -> Result<MeetingDetail, IpcError> {
    blocking(state.store()?, move |store| store.cancel_meeting(id.into())).await
}

/// The agenda with planned start times and the planned end.
#[tauri::command]
#[specta::specta]
pub async fn planned_agenda(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<PlannedAgenda, IpcError> {
    blocking(state.store()?, move |store| {
        store.planned_agenda(meeting.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn add_agenda_item(
    state: State<'_, AppState>,
    meeting: i32,
    item: AgendaItemDraft,
) -> Result<AgendaItem, IpcError> {
    blocking(state.store()?, move |store| {
        store.add_agenda_item(meeting.into(), &item)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn update_agenda_item(
    state: State<'_, AppState>,
    id: i32,
    item: AgendaItemDraft,
) -> Result<AgendaItem, IpcError> {
    blocking(state.store()?, move |store| {
        store.update_agenda_item(id.into(), &item)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn move_agenda_item(
    state: State<'_, AppState>,
    id: i32,
    to: u32,
) -> Result<Vec<AgendaItem>, IpcError> {
    blocking(state.store()?, move |store| {
        store.move_agenda_item(id.into(), to)
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_agenda_item(
    state: State<'_, AppState>,
    id: i32,
) -> Result<Vec<AgendaItem>, IpcError> {
    blocking(state.store()?, move |store| {
        store.remove_agenda_item(id.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn invitations(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Vec<Invitation>, IpcError> {
    blocking(state.store()?, move |store| {
        store.invitations(meeting.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn propose_partner(
    state: State<'_, AppState>,
    meeting: i32,
    partner: i32,
) -> Result<Invitation, IpcError> {
    blocking(state.store()?, move |store| {
        store.propose_partner(meeting.into(), partner.into())
    })
    .await
}

/// Moves an invitation forward; with a reason, any move is allowed and logged
/// as a correction.
#[tauri::command]
#[specta::specta]
pub async fn set_invitation_status(
    state: State<'_, AppState>,
    id: i32,
    status: InvitationStatus,
    correction: Option<String>,
) -> Result<Invitation, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_invitation_status(id.into(), status, correction.as_deref())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn attendance(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Vec<Attendance>, IpcError> {
    blocking(state.store()?, move |store| {
        store.attendance(meeting.into())
    })
    .await
}

/// Every member seat expected at the meeting with its newest reply, and
/// who is expected.
#[tauri::command]
#[specta::specta]
pub async fn replies(state: State<'_, AppState>, meeting: i32) -> Result<MeetingReplies, IpcError> {
    blocking(state.store()?, move |store| store.replies(meeting.into())).await
}

/// Calendar replies (.eml, .ics) chosen in the system dialog, read and
/// registered on this meeting; what cannot be placed is reported.
#[tauri::command]
#[specta::specta]
pub async fn read_calendar_replies(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Option<ReplyReadings>, IpcError> {
    let store = state.store()?;
    let title = state.text(MessageKey::DialogPickReplies);
    let filter = (
        state.text(MessageKey::DialogFilterReplies),
        vec!["eml".into(), "ics".into()],
    );
    let paths = dialogs::pick_files(&app, title, Some(filter)).await?;
    if paths.is_empty() {
        return Ok(None);
    }
    blocking(store, move |store| {
        let files = taskforce::itip::read_reply_files(&paths)?;
        store.read_calendar_replies(&files, Some(meeting.into()))
    })
    .await
    .map(Some)
}

/// The calendar replies last dropped on the window, read on this meeting.
#[tauri::command]
#[specta::specta]
pub async fn read_dropped_replies(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<ReplyReadings, IpcError> {
    let paths = state.take_dropped();
    blocking(state.store()?, move |store| {
        let files = taskforce::itip::read_reply_files(&paths)?;
        store.read_calendar_replies(&files, Some(meeting.into()))
    })
    .await
}

/// A seat's reply before the meeting, dated as typed (the core takes today
/// when empty).
#[tauri::command]
#[specta::specta]
pub async fn set_reply(
    state: State<'_, AppState>,
    meeting: i32,
    seat: i32,
    reply: Reply,
    substitute: Option<String>,
    replied_on: Option<String>,
) -> Result<MeetingReplies, IpcError> {
    let on = replied_on
        .filter(|d| !d.trim().is_empty())
        .map(|d| taskforce::calendar::parse_date(taskforce::error::Field::Date, &d))
        .transpose()?;
    blocking(state.store()?, move |store| {
        store.set_reply(
            meeting.into(),
            seat.into(),
            reply,
            substitute.as_deref(),
            on,
        )
    })
    .await
}

/// Starts the attendance list from the replies.
#[tauri::command]
#[specta::specta]
pub async fn attendance_from_replies(
    state: State<'_, AppState>,
    meeting: i32,
) -> Result<Vec<Attendance>, IpcError> {
    blocking(state.store()?, move |store| {
        store.attendance_from_replies(meeting.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_attendance(
    state: State<'_, AppState>,
    meeting: i32,
    seat: i32,
    status: AttendanceStatus,
    represented_by: Option<String>,
) -> Result<Vec<Attendance>, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_attendance(
            meeting.into(),
            seat.into(),
            status,
            represented_by.as_deref(),
        )
    })
    .await
}

/// Removes a concept meeting nobody was told of.
#[tauri::command]
#[specta::specta]
pub async fn remove_meeting(state: State<'_, AppState>, meeting: i32) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| {
        store.remove_meeting(meeting.into())
    })
    .await
}

/// Withdraws an invitation; a proposal never sent is removed (`None`).
#[tauri::command]
#[specta::specta]
pub async fn withdraw_invitation(
    state: State<'_, AppState>,
    invitation: i32,
) -> Result<Option<Invitation>, IpcError> {
    blocking(state.store()?, move |store| {
        store.withdraw_invitation(invitation.into())
    })
    .await
}

/// Every status an invitation went through, with its date and the reason
/// of each correction, oldest first (`invite history` in the CLI).
#[tauri::command]
#[specta::specta]
pub async fn invitation_history(
    state: State<'_, AppState>,
    invitation: i32,
) -> Result<Vec<InvitationEvent>, IpcError> {
    blocking(state.store()?, move |store| {
        store.invitation_history(invitation.into())
    })
    .await
}

/// Takes back an attendance registration made by mistake.
#[tauri::command]
#[specta::specta]
pub async fn clear_attendance(
    state: State<'_, AppState>,
    meeting: i32,
    seat: i32,
) -> Result<Vec<Attendance>, IpcError> {
    blocking(state.store()?, move |store| {
        store.clear_attendance(meeting.into(), seat.into())
    })
    .await
}
