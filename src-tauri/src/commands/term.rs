//! Terms and their member seats.

use crate::dialogs;
use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::domain::{
    DecreeForm, ImportOutcome, NewTerm, Planner, Seat, SeatChange, SeatDraft, TemplateItem, Term,
    TermProposal, TermStart, TermView,
};
use taskforce::message::MessageKey;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn current_term(state: State<'_, AppState>) -> Result<Option<Term>, IpcError> {
    blocking(state.store()?, |store| store.current_term()).await
}

#[tauri::command]
#[specta::specta]
pub async fn terms(state: State<'_, AppState>) -> Result<Vec<Term>, IpcError> {
    blocking(state.store()?, |store| store.terms()).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_term(state: State<'_, AppState>, term: NewTerm) -> Result<Term, IpcError> {
    blocking(state.store()?, move |store| store.add_term(&term)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_term_goals(
    state: State<'_, AppState>,
    term: u32,
    goals: String,
    // The revision the form showed: a colleague's save since is refused.
    revision: Option<i32>,
) -> Result<Term, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_term_goals(term, &goals, revision.map(i64::from))
    })
    .await
}

/// Every term with where it stands today, for the term switcher.
#[tauri::command]
#[specta::specta]
pub async fn term_views(state: State<'_, AppState>) -> Result<Vec<TermView>, IpcError> {
    blocking(state.store()?, |store| store.term_views()).await
}

#[tauri::command]
#[specta::specta]
pub async fn term_view(state: State<'_, AppState>, term: u32) -> Result<TermView, IpcError> {
    blocking(state.store()?, move |store| store.term_view(term)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_term_decree(
    state: State<'_, AppState>,
    term: u32,
    decree: DecreeForm,
    // The revision the form showed: a colleague's save since is refused.
    revision: Option<i32>,
) -> Result<Term, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_term_decree(term, &decree, revision.map(i64::from))
    })
    .await
}

/// Moves the term's end by decree (*verlengen*); the earlier end is kept.
#[tauri::command]
#[specta::specta]
pub async fn extend_term(
    state: State<'_, AppState>,
    term: u32,
    ends_on: String,
    decree: DecreeForm,
) -> Result<TermView, IpcError> {
    blocking(state.store()?, move |store| {
        store.extend_term(term, &ends_on, &decree)
    })
    .await
}

/// The number, period and seats to offer for a new term.
#[tauri::command]
#[specta::specta]
pub async fn propose_term(state: State<'_, AppState>) -> Result<TermProposal, IpcError> {
    blocking(state.store()?, |store| store.propose_term()).await
}

#[tauri::command]
#[specta::specta]
pub async fn start_term(
    state: State<'_, AppState>,
    start: TermStart,
) -> Result<TermView, IpcError> {
    blocking(state.store()?, move |store| store.start_term(&start)).await
}

#[tauri::command]
#[specta::specta]
pub async fn agenda_template(
    state: State<'_, AppState>,
    term: u32,
) -> Result<Vec<TemplateItem>, IpcError> {
    blocking(state.store()?, move |store| store.agenda_template(term)).await
}

#[tauri::command]
#[specta::specta]
pub async fn set_agenda_template(
    state: State<'_, AppState>,
    term: u32,
    items: Vec<TemplateItem>,
) -> Result<Vec<TemplateItem>, IpcError> {
    blocking(state.store()?, move |store| {
        store.set_agenda_template(term, &items)
    })
    .await
}

/// The term planner in one answer: `term`, or the current term when absent.
#[tauri::command]
#[specta::specta]
pub async fn planner(
    state: State<'_, AppState>,
    term: Option<u32>,
) -> Result<Option<Planner>, IpcError> {
    blocking(state.store()?, move |store| store.planner(term)).await
}

#[tauri::command]
#[specta::specta]
pub async fn seats(state: State<'_, AppState>, term: u32) -> Result<Vec<Seat>, IpcError> {
    blocking(state.store()?, move |store| store.seats(term)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_seat(
    state: State<'_, AppState>,
    term: u32,
    seat: SeatDraft,
) -> Result<Seat, IpcError> {
    blocking(state.store()?, move |store| store.add_seat(term, &seat)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_seat(
    state: State<'_, AppState>,
    id: i32,
    seat: SeatDraft,
    // The revision the form showed: a colleague's save since is refused.
    revision: Option<i32>,
) -> Result<Seat, IpcError> {
    blocking(state.store()?, move |store| {
        store.update_seat(id.into(), &seat, revision.map(i64::from))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn seat_history(
    state: State<'_, AppState>,
    id: i32,
) -> Result<Vec<SeatChange>, IpcError> {
    blocking(state.store()?, move |store| store.seat_history(id.into())).await
}

/// First start: term 5 with the 21 seats of its decree.
#[tauri::command]
#[specta::specta]
pub async fn start_with_term5(state: State<'_, AppState>) -> Result<ImportOutcome, IpcError> {
    blocking(state.store()?, |store| {
        taskforce::seed::start_with_term5(store).map(|(_, outcome)| outcome)
    })
    .await
}

/// Lets the user pick a member list (text or CSV) in the system dialog and
/// returns the parsed seats for a preview; `None` when the dialog was closed.
/// The path never reaches the webview.
#[tauri::command]
#[specta::specta]
pub async fn pick_member_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<Vec<SeatDraft>>, IpcError> {
    let (title, filter) = (
        state.text(MessageKey::DialogPickMemberList),
        state.text(MessageKey::DialogFilterMemberList),
    );
    let Some(path) = dialogs::pick_file(
        &app,
        title,
        Some((filter, vec!["txt".into(), "csv".into()])),
    )
    .await?
    else {
        return Ok(None);
    };
    tauri::async_runtime::spawn_blocking(move || taskforce::import::read_member_file(&path))
        .await
        .map_err(|_| IpcError::internal(MessageKey::FileReadAborted))?
        .map(Some)
        .map_err(IpcError::from)
}

/// Parses pasted decree text or CSV for a preview; nothing is stored.
#[tauri::command]
#[specta::specta]
pub async fn preview_member_text(text: String) -> Result<Vec<SeatDraft>, IpcError> {
    let format = taskforce::import::MemberFormat::detect(None, &text);
    taskforce::import::parse_members(&text, format).map_err(IpcError::from)
}

/// Imports the previewed seats into a term; all or nothing, no duplicates.
#[tauri::command]
#[specta::specta]
pub async fn import_seats(
    state: State<'_, AppState>,
    term: u32,
    seats: Vec<SeatDraft>,
) -> Result<ImportOutcome, IpcError> {
    blocking(state.store()?, move |store| {
        store.import_seats(term, &seats)
    })
    .await
}

/// Moves the term's end earlier by decree (*inkorten*); the earlier end is kept.
#[tauri::command]
#[specta::specta]
pub async fn shorten_term(
    state: State<'_, AppState>,
    term: u32,
    ends_on: String,
    decree: DecreeForm,
) -> Result<TermView, IpcError> {
    blocking(state.store()?, move |store| {
        store.shorten_term(term, &ends_on, &decree)
    })
    .await
}

/// Corrects a term's number and dates while it holds no meetings.
#[tauri::command]
#[specta::specta]
pub async fn correct_term(
    state: State<'_, AppState>,
    term: u32,
    corrected: NewTerm,
    // The revision the form showed: a colleague's save since is refused.
    revision: Option<i32>,
) -> Result<TermView, IpcError> {
    blocking(state.store()?, move |store| {
        store.correct_term(term, &corrected, revision.map(i64::from))
    })
    .await
}

/// Ends a seat on a date, with an optional successor seat.
#[tauri::command]
#[specta::specta]
pub async fn end_seat(
    state: State<'_, AppState>,
    seat: i32,
    ends_on: String,
    successor: Option<SeatDraft>,
) -> Result<Seat, IpcError> {
    blocking(state.store()?, move |store| {
        let on = taskforce::calendar::parse_date(taskforce::error::Field::EndsOn, &ends_on)?;
        store.end_seat(seat.into(), on, successor.as_ref())
    })
    .await
}

/// Removes a seat added by mistake (used nowhere).
#[tauri::command]
#[specta::specta]
pub async fn remove_seat(state: State<'_, AppState>, seat: i32) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| store.remove_seat(seat.into())).await
}
