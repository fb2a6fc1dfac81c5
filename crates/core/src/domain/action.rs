//! Action items (*actiepunten*): who does what by when. An open action stays on
//! the action list of every later meeting until done or dropped, and keeps its
//! history (how often it was postponed).

use super::{code_enum, Id};
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::{Message, MessageKey};
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

code_enum!(ActionStatus, Status {
    Open = "open",
    Done = "done" | "afgerond" | "gedaan",
    Dropped = "dropped" | "vervallen",
});

/// Who is to act: a member seat, an external partner or the secretariat.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum ActionOwner {
    Seat(#[cfg_attr(feature = "specta", specta(type = i32))] Id),
    Partner(#[cfg_attr(feature = "specta", specta(type = i32))] Id),
    Secretariat,
}

impl ActionOwner {
    /// Parses `secretariaat`, `seat:12` / `lid:12` or `partner:3`.
    pub fn parse(input: &str) -> Result<ActionOwner> {
        let input = input.trim().to_lowercase();
        if matches!(input.as_str(), "secretariat" | "secretariaat") {
            return Ok(ActionOwner::Secretariat);
        }
        let parsed = input.split_once(':').and_then(|(kind, id)| {
            let id: Id = id.trim().parse().ok()?;
            match kind.trim() {
                "seat" | "lid" => Some(ActionOwner::Seat(id)),
                "partner" => Some(ActionOwner::Partner(id)),
                _ => None,
            }
        });
        parsed
            .ok_or_else(|| Error::validation(Field::Owner, msg!(ActionOwnerUnknown, input = input)))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActionItem {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub meeting_id: Id,
    pub description: String,
    pub owner: ActionOwner,
    pub owner_name: Message,
    /// The agenda item it was agreed under, when tied to one.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub agenda_item_id: Option<Id>,
    pub due_on: Option<NaiveDate>,
    pub status: ActionStatus,
    pub times_postponed: u32,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Open and past its due date, by the core's today in Amsterdam.
    pub overdue: bool,
    /// Can still be marked done, postponed or dropped.
    pub open: bool,
    /// Its revision, sent back with a correction so a save over a
    /// colleague's change is refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

impl ActionItem {
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status == ActionStatus::Open && self.due_on.is_some_and(|due| due < today)
    }

    pub fn check_close(&self) -> Result<()> {
        if self.status != ActionStatus::Open {
            return Err(Error::conflict(msg!(ActionAlready, status = self.status)));
        }
        Ok(())
    }

    /// Only an open action is corrected; a closed one is reopened first.
    pub fn check_edit(&self) -> Result<()> {
        if self.status != ActionStatus::Open {
            return Err(Error::conflict(msg!(
                ActionEditClosed,
                status = self.status
            )));
        }
        Ok(())
    }

    pub fn check_reopen(&self) -> Result<()> {
        if self.status == ActionStatus::Open {
            return Err(Error::conflict(MessageKey::ActionAlreadyOpen));
        }
        Ok(())
    }

    pub fn check_postpone(&self, to: NaiveDate) -> Result<()> {
        self.check_close()?;
        if let Some(due) = self.due_on {
            if to <= due {
                return Err(Error::validation(
                    Field::Due,
                    MessageKey::ActionPostponeLater,
                ));
            }
        }
        Ok(())
    }
}

code_enum!(ActionEventKind, Kind {
    Created = "created",
    Postponed = "postponed",
    Done = "done",
    Dropped = "dropped",
    Reopened = "reopened",
    // A reminder to the owner listed it.
    Reminded = "reminded",
});

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActionEvent {
    pub kind: ActionEventKind,
    pub at: DateTime<Utc>,
    pub due_before: Option<NaiveDate>,
    pub due_after: Option<NaiveDate>,
    /// Why it happened, where that was asked (a reopening).
    pub note: Option<String>,
}

/// An action corrected: what it says, who does it, by when.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActionEdit {
    pub description: String,
    pub owner: ActionOwner,
    pub due_on: Option<NaiveDate>,
}

/// Filters for the action list.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ActionFilter {
    /// Only actions agreed in a meeting of this term.
    #[serde(default)]
    pub term: Option<u32>,
    pub status: Option<ActionStatus>,
    pub owner: Option<ActionOwner>,
    /// Only open actions whose due date is before this day.
    pub overdue_on: Option<NaiveDate>,
    /// Only open actions past their due date today (the core's today).
    #[serde(default)]
    pub overdue: bool,
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

/// One open action in a reminder: the action, the day of the meeting it
/// was agreed at, and its history (postponed, reopened, reminded before).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RemindedAction {
    pub action: ActionItem,
    pub meeting_on: NaiveDate,
    pub history: Vec<ActionEvent>,
}

/// What one owner is reminded of: all their open actions (the overdue
/// first), how many are overdue, and when they were last reminded.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct OwnerReminder {
    pub owner: ActionOwner,
    pub owner_name: Message,
    pub actions: Vec<RemindedAction>,
    pub overdue: u32,
    pub last_reminded: Option<DateTime<Utc>>,
}

impl OwnerReminder {
    pub fn new(first: RemindedAction, reminded: Option<DateTime<Utc>>) -> OwnerReminder {
        let mut owner = OwnerReminder {
            owner: first.action.owner.clone(),
            owner_name: first.action.owner_name.clone(),
            actions: Vec::new(),
            overdue: 0,
            last_reminded: None,
        };
        owner.add(first, reminded);
        owner
    }

    pub fn add(&mut self, action: RemindedAction, reminded: Option<DateTime<Utc>>) {
        self.overdue += u32::from(action.action.overdue);
        self.last_reminded = self.last_reminded.max(reminded);
        self.actions.push(action);
    }

    /// The owners a reminder goes to, in a stable order: by name, the
    /// secretariat last; each owner's overdue actions first.
    pub fn sorted(mut owners: Vec<OwnerReminder>, only_overdue: bool) -> Vec<OwnerReminder> {
        owners.retain(|o| !only_overdue || o.overdue > 0);
        for owner in &mut owners {
            owner.actions.sort_by_key(|a| {
                (
                    !a.action.overdue,
                    a.action.due_on.is_none(),
                    a.action.due_on,
                    a.action.id,
                )
            });
        }
        let lang = crate::Lang::Nl;
        owners.sort_by_cached_key(|o| {
            (
                o.owner == ActionOwner::Secretariat,
                o.owner_name.render(lang),
            )
        });
        owners
    }
}
