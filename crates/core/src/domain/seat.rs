//! A member seat (*lid*): an organisation and a role within one term, with an
//! optional person, deputy and the chair flag.

use super::{code_enum, email_address, optional_text, required, Id};
use crate::error::Field;
use crate::error::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Seat {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub id: Id,
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub term_id: Id,
    pub position: u32,
    pub organisation: String,
    pub role: String,
    pub person: Option<String>,
    pub deputy: Option<String>,
    pub chair: bool,
    pub seat_type: Option<SeatType>,
    /// For a municipality: the city or region it brings in.
    pub region: Option<String>,
    /// The seat of the previous term this one continues, when it was carried
    /// over: its history goes on across terms.
    #[cfg_attr(feature = "specta", specta(type = Option<i32>))]
    pub previous_seat_id: Option<Id>,
    /// Where the member's and the deputy's invitations go. Personal data:
    /// not in the audit log, gone when cleared.
    pub email: Option<String>,
    pub deputy_email: Option<String>,
    /// The last day the seat was taken (a member who resigned mid-term);
    /// meetings after it do not list it.
    pub ends_on: Option<chrono::NaiveDate>,
    /// Added by mistake and used nowhere (no attendance, no actions, no
    /// successor): it can be removed outright.
    pub removable: bool,
    /// Its revision, sent back with an edit so a save over a colleague's
    /// change is refused (`store::revisions`).
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub revision: i64,
}

impl Seat {
    /// Whether the seat is taken on `day`: not yet ended then.
    pub fn sits_on(&self, day: chrono::NaiveDate) -> bool {
        self.ends_on.is_none_or(|end| day <= end)
    }
}

code_enum!(SeatType, SeatType {
    CentralGovernment = "central_government" | "rijksoverheid" | "rijk",
    Municipality = "municipality" | "gemeente",
    ExecutiveAgency = "executive_agency" | "uitvoeringsorganisatie" | "uitvoering",
    CivilSociety = "civil_society" | "maatschappelijke organisatie" | "maatschappelijk",
    PrivateSector = "private_sector" | "private sector" | "bedrijfsleven",
});

impl SeatType {
    pub fn dutch_name(self) -> &'static str {
        match self {
            SeatType::CentralGovernment => "Rijksoverheid",
            SeatType::Municipality => "Gemeente",
            SeatType::ExecutiveAgency => "Uitvoeringsorganisatie",
            SeatType::CivilSociety => "Maatschappelijke organisatie",
            SeatType::PrivateSector => "Private sector",
        }
    }

    /// The type a seat most likely has, from its organisation's name, with
    /// the region for a municipality. Used when a list is imported without
    /// types and for the seats of the decree; the user can change it.
    pub fn suggest(organisation: &str) -> (Option<SeatType>, Option<String>) {
        let name = organisation.trim();
        let lower = name.to_lowercase();
        if let Some(city) = lower.strip_prefix("gemeente ") {
            let region = name[name.len() - city.len()..].trim().to_string();
            return (
                Some(SeatType::Municipality),
                Some(region).filter(|r| !r.is_empty()),
            );
        }
        const CENTRAL: &[&str] = &[
            "ministerie",
            "openbaar ministerie",
            "rechtspraak",
            "rechtbank",
            "nationaal rapporteur",
        ];
        const AGENCIES: &[&str] = &[
            "politie",
            "marechaussee",
            "kmar",
            "immigratie- en naturalisatiedienst",
            "ind",
            "inspectie",
            "liec",
            "expertisecentrum",
            "belastingdienst",
            "fiod",
            "uwv",
        ];
        const CIVIL: &[&str] = &[
            "comensha",
            "jeugdzorg",
            "overleg",
            "stichting",
            "fnv",
            "vereniging",
        ];
        const PRIVATE: &[&str] = &["kamer van koophandel", "vno-ncw", "bedrijf", "bedrijven"];
        let tokens: Vec<&str> = lower
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|t| !t.is_empty())
            .collect();
        // Short words (abbreviations) must be a word of their own; longer
        // ones and phrases may stand anywhere in the name.
        let has = |words: &[&str]| {
            words.iter().any(|w| {
                if w.contains(' ') || w.len() > 4 {
                    lower.contains(w)
                } else {
                    tokens.contains(w)
                }
            })
        };
        let kind = if has(PRIVATE) {
            Some(SeatType::PrivateSector)
        } else if has(CENTRAL) {
            Some(SeatType::CentralGovernment)
        } else if has(AGENCIES) {
            Some(SeatType::ExecutiveAgency)
        } else if has(CIVIL) {
            Some(SeatType::CivilSociety)
        } else {
            None
        };
        (kind, None)
    }
}

/// A seat as entered or imported, before it is stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatDraft {
    pub organisation: String,
    pub role: String,
    pub person: Option<String>,
    pub deputy: Option<String>,
    pub chair: bool,
    #[serde(default)]
    pub seat_type: Option<SeatType>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub deputy_email: Option<String>,
}

impl SeatDraft {
    pub fn normalized(&self) -> Result<SeatDraft> {
        Ok(SeatDraft {
            organisation: required(Field::Organisation, &self.organisation)?,
            role: required(Field::Role, &self.role)?,
            person: optional_text(self.person.as_deref()),
            deputy: optional_text(self.deputy.as_deref()),
            chair: self.chair,
            seat_type: self.seat_type,
            region: optional_text(self.region.as_deref()),
            email: email_address(Field::Email, self.email.as_deref())?,
            deputy_email: email_address(Field::DeputyEmail, self.deputy_email.as_deref())?,
        })
    }

    /// Fills in a missing type (and a municipality's region) from the
    /// organisation's name.
    pub fn with_suggested_type(mut self) -> SeatDraft {
        if self.seat_type.is_none() {
            let (kind, region) = SeatType::suggest(&self.organisation);
            self.seat_type = kind;
            if self.region.is_none() {
                self.region = region;
            }
        }
        self
    }

    /// Two drafts name the same seat when organisation and role match, ignoring
    /// case and spacing: that is what makes a repeated import a no-op.
    pub fn same_seat(&self, organisation: &str, role: &str) -> bool {
        fold(&self.organisation) == fold(organisation) && fold(&self.role) == fold(role)
    }
}

impl Seat {
    pub fn draft(&self) -> SeatDraft {
        SeatDraft {
            organisation: self.organisation.clone(),
            role: self.role.clone(),
            person: self.person.clone(),
            deputy: self.deputy.clone(),
            chair: self.chair,
            seat_type: self.seat_type,
            region: self.region.clone(),
            email: self.email.clone(),
            deputy_email: self.deputy_email.clone(),
        }
    }
}

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// One earlier version of a seat, kept when the seat is edited.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SeatChange {
    #[cfg_attr(feature = "specta", specta(type = i32))]
    pub seat_id: Id,
    /// The term the earlier version belonged to (an earlier term for a seat
    /// carried over).
    pub term_number: u32,
    pub changed_at: DateTime<Utc>,
    pub before: SeatDraft,
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportOutcome {
    pub added: u32,
    pub already_present: u32,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{parse_members, MemberFormat};

    #[test]
    fn every_seat_of_the_decree_gets_a_type() {
        let seats = parse_members(crate::seed::TERM5_MEMBERS, MemberFormat::DecreeText).unwrap();
        for seat in &seats {
            let (kind, _) = SeatType::suggest(&seat.organisation);
            assert!(kind.is_some(), "no type for {}", seat.organisation);
        }
        let (kind, region) = SeatType::suggest("Gemeente Den Haag");
        assert_eq!(
            (kind, region.as_deref()),
            (Some(SeatType::Municipality), Some("Den Haag"))
        );
        assert_eq!(
            SeatType::suggest("Kamer van Koophandel").0,
            Some(SeatType::PrivateSector)
        );
        assert_eq!(
            SeatType::suggest("Politie").0,
            Some(SeatType::ExecutiveAgency)
        );
        assert_eq!(
            SeatType::suggest("CoMensha").0,
            Some(SeatType::CivilSociety)
        );
        assert_eq!(
            SeatType::suggest("Ministerie van Buitenlandse Zaken").0,
            Some(SeatType::CentralGovernment)
        );
    }
}
