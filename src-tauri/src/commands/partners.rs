//! External partners and their invitation history.

use crate::state::blocking;
use crate::{AppState, IpcError};
use taskforce::domain::{
    Partner, PartnerDraft, PartnerInvitation, PartnerSuggestion, PartnerToReview,
};
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn partners(
    state: State<'_, AppState>,
    limit: u32,
    offset: u32,
) -> Result<Vec<Partner>, IpcError> {
    blocking(state.store()?, move |store| store.partners(limit, offset)).await
}

#[tauri::command]
#[specta::specta]
pub async fn add_partner(
    state: State<'_, AppState>,
    partner: PartnerDraft,
) -> Result<Partner, IpcError> {
    blocking(state.store()?, move |store| store.add_partner(&partner)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_partner(
    state: State<'_, AppState>,
    id: i32,
    partner: PartnerDraft,
    revision: Option<i32>,
) -> Result<Partner, IpcError> {
    blocking(state.store()?, move |store| {
        store.update_partner(id.into(), &partner, revision.map(i64::from))
    })
    .await
}

/// GDPR art. 17: removes the partner's personal data, keeps the record.
#[tauri::command]
#[specta::specta]
pub async fn erase_partner(state: State<'_, AppState>, id: i32) -> Result<Partner, IpcError> {
    let erased = blocking(state.store()?, move |store| store.erase_partner(id.into())).await?;
    // A draft opened in the mail program may name the person.
    crate::opened::clear_drafts();
    Ok(erased)
}

/// Partners whose contact details were not used for `years`: for review.
#[tauri::command]
#[specta::specta]
pub async fn partners_to_review(
    state: State<'_, AppState>,
    years: u32,
) -> Result<Vec<PartnerToReview>, IpcError> {
    blocking(state.store()?, move |store| store.partners_to_review(years)).await
}

/// Erases the personal data of the partners listed for review, in one step.
#[tauri::command]
#[specta::specta]
pub async fn erase_partners(state: State<'_, AppState>, ids: Vec<i32>) -> Result<u32, IpcError> {
    let erased = blocking(state.store()?, move |store| {
        let ids: Vec<i64> = ids.into_iter().map(Into::into).collect();
        store.erase_partners(&ids)
    })
    .await?;
    crate::opened::clear_drafts();
    Ok(erased)
}

#[tauri::command]
#[specta::specta]
pub async fn partner_invitations(
    state: State<'_, AppState>,
    id: i32,
) -> Result<Vec<PartnerInvitation>, IpcError> {
    blocking(state.store()?, move |store| {
        store.partner_invitations(id.into())
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn suggest_partners(
    state: State<'_, AppState>,
    subject: i32,
    meeting: Option<i32>,
) -> Result<Vec<PartnerSuggestion>, IpcError> {
    blocking(state.store()?, move |store| {
        store.suggest_partners(subject.into(), meeting.map(Into::into))
    })
    .await
}

/// Removes a partner entered by mistake (never invited, no actions).
#[tauri::command]
#[specta::specta]
pub async fn remove_partner(state: State<'_, AppState>, partner: i32) -> Result<(), IpcError> {
    blocking(state.store()?, move |store| {
        store.remove_partner(partner.into())
    })
    .await
}
