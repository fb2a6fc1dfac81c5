//! External partners (*externe partners*): outside organisations and experts
//! invited for their expertise. Contact details are personal data and can be
//! erased on request (GDPR art. 17) while the meeting record keeps the
//! organisation and "partner (erased)".

use super::{optional_text, required, Id, Tag};
use crate::error::Field;
use crate::error::Result;
use crate::message::Message;
use crate::msg;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Partner {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    pub organisation: String,
    /// Personal data: `None` after erasure.
    pub contact_name: Option<String>,
    /// Personal data.
    pub email: Option<String>,
    /// Personal data.
    pub phone: Option<String>,
    pub notes: String,
    pub tags: Vec<Tag>,
    pub erased_at: Option<DateTime<Utc>>,
    /// Entered by mistake and used nowhere (never invited, no actions): it
    /// can be removed outright; otherwise its personal data is erased.
    pub removable: bool,
    /// Sent back with an edit, so a save over a colleague's change is
    /// refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

impl Partner {
    /// The name to show in lists and on agendas.
    pub fn display_name(&self) -> Message {
        partner_name(
            &self.organisation,
            self.contact_name.as_deref(),
            self.erased_at.is_some(),
        )
    }
}

/// A partner as lists name them: the contact and organisation, or only the
/// organisation once the person's data are erased (said in the reader's
/// language).
pub fn partner_name(organisation: &str, contact: Option<&str>, erased: bool) -> Message {
    match (contact, erased) {
        (_, true) => msg!(NamePartnerErased, organisation = organisation),
        (Some(name), false) => msg!(NamePartner, name = name, organisation = organisation),
        (None, false) => msg!(NameOrganisation, organisation = organisation),
    }
}

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartnerDraft {
    pub organisation: String,
    pub contact_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub notes: String,
    pub tags: Vec<Tag>,
}

impl PartnerDraft {
    pub fn normalized(&self) -> Result<PartnerDraft> {
        let email = super::email_address(Field::Email, self.email.as_deref())?;
        Ok(PartnerDraft {
            organisation: required(Field::Organisation, &self.organisation)?,
            contact_name: optional_text(self.contact_name.as_deref()),
            email,
            phone: optional_text(self.phone.as_deref()),
            notes: self.notes.trim().to_string(),
            tags: self.tags.clone(),
        })
    }
}

/// A partner suggested for a subject: the tags they share and how often the
/// partner was invited before.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartnerSuggestion {
    pub partner: Partner,
    pub shared_tags: Vec<Tag>,
    pub times_invited: u32,
    pub times_attended: u32,
    pub last_invited: Option<DateTime<Utc>>,
}

/// A partner whose contact details have not been used for the retention
/// period: listed for review (GDPR art. 5(1)(e)), erasable in one step.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PartnerToReview {
    pub partner: Partner,
    /// When they were last invited; `None` when never.
    pub last_invited: Option<DateTime<Utc>>,
    /// When their details were entered.
    pub added_at: DateTime<Utc>,
}
