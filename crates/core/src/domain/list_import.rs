//! The secretariat's old lists brought in: subjects and external partners
//! from a spreadsheet, each column mapped to a field (guessed from its
//! heading, confirmed by the user, remembered per layout), every row
//! checked with its number, duplicates of what is already on record shown
//! and skipped or merged. Nothing here reads files or the store.

use super::{code_enum, optional_text, Id, PartnerDraft, SubjectDraft, SubjectKind};
use crate::error::Result;
use crate::message::Message;
use crate::msg;
use serde::Serialize;

code_enum!(ImportKind, List {
    Subjects = "subjects" | "onderwerpen",
    Partners = "partners" | "externe partners",
});

code_enum!(ImportField, File {
    Title = "title" | "titel" | "onderwerp",
    Kind = "kind" | "soort",
    Description = "description" | "omschrijving" | "beschrijving",
    Organisation = "organisation" | "organisatie",
    Contact = "contact" | "contactpersoon",
    Email = "email" | "e-mail" | "e-mailadres",
    Phone = "phone" | "telefoon",
    Notes = "notes" | "notities" | "opmerkingen",
});

code_enum!(Duplicates, File {
    Skip = "skip" | "overslaan",
    Merge = "merge" | "samenvoegen",
});

impl ImportKind {
    /// The fields a list of this kind fills, the required one first.
    pub fn fields(self) -> &'static [ImportField] {
        use ImportField::*;
        match self {
            ImportKind::Subjects => &[Title, Kind, Description],
            ImportKind::Partners => &[Organisation, Contact, Email, Phone, Notes],
        }
    }

    pub fn required(self) -> ImportField {
        self.fields()[0]
    }
}

impl ImportField {
    /// The headings a secretariat's list uses for this field, lower case.
    fn headings(self) -> &'static [&'static str] {
        use ImportField::*;
        match self {
            Title => &["onderwerp", "titel", "title", "subject", "naam onderwerp"],
            Kind => &["soort", "type", "kind", "casus/fenomeen"],
            Description => &["omschrijving", "beschrijving", "toelichting", "description"],
            Organisation => &[
                "organisatie",
                "organisation",
                "organization",
                "naam organisatie",
            ],
            Contact => &[
                "contactpersoon",
                "contact",
                "naam contactpersoon",
                "contact person",
                "naam",
            ],
            Email => &["e-mail", "email", "e-mailadres", "emailadres", "mail"],
            Phone => &["telefoon", "telefoonnummer", "tel", "tel.", "phone"],
            Notes => &[
                "notities",
                "opmerkingen",
                "opmerking",
                "notes",
                "bijzonderheden",
            ],
        }
    }

    /// The field a heading names, for a list of `kind`.
    pub fn guess(kind: ImportKind, heading: &str) -> Option<ImportField> {
        let heading = heading.trim().to_lowercase();
        kind.fields()
            .iter()
            .copied()
            .find(|f| f.headings().contains(&heading.as_str()))
    }
}

/// Which column goes to which field: one entry per column of the sheet.
pub type Mapping = Vec<Option<ImportField>>;

/// The layout a mapping is remembered by: the kind and the headings, as
/// the sheet has them (trimmed, lower case).
pub fn layout_of(kind: ImportKind, headings: &[String]) -> String {
    let mut layout = String::from(kind.code());
    for heading in headings {
        layout.push('|');
        layout.push_str(&heading.trim().to_lowercase());
    }
    layout
}

/// A row read into what it would add, or why it cannot.
#[derive(Debug, Clone)]
pub enum RowDraft {
    Subject(SubjectDraft),
    Partner(PartnerDraft),
}

impl RowDraft {
    /// Reads one row by the mapping; blank cells are empty fields.
    pub fn of(kind: ImportKind, mapping: &Mapping, cells: &[String]) -> Result<RowDraft> {
        let value = |field: ImportField| -> Option<String> {
            let column = mapping.iter().position(|m| *m == Some(field))?;
            optional_text(cells.get(column).map(String::as_str))
        };
        Ok(match kind {
            ImportKind::Subjects => {
                let kind = match value(ImportField::Kind) {
                    Some(text) => SubjectKind::parse(&text)?,
                    None => SubjectKind::Phenomenon,
                };
                RowDraft::Subject(
                    SubjectDraft {
                        title: value(ImportField::Title).unwrap_or_default(),
                        kind,
                        description: value(ImportField::Description).unwrap_or_default(),
                        confidential: false,
                        tags: Vec::new(),
                    }
                    .normalized()?,
                )
            }
            ImportKind::Partners => RowDraft::Partner(
                PartnerDraft {
                    organisation: value(ImportField::Organisation).unwrap_or_default(),
                    contact_name: value(ImportField::Contact),
                    email: value(ImportField::Email),
                    phone: value(ImportField::Phone),
                    notes: value(ImportField::Notes).unwrap_or_default(),
                    tags: Vec::new(),
                }
                .normalized()?,
            ),
        })
    }

    /// What makes two rows the same record: the subject's title; the
    /// partner's organisation and e-mail address (case-insensitive).
    pub fn identity(&self) -> String {
        match self {
            RowDraft::Subject(s) => subject_identity(&s.title),
            RowDraft::Partner(p) => partner_identity(&p.organisation, p.email.as_deref()),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            RowDraft::Subject(s) => &s.title,
            RowDraft::Partner(p) => &p.organisation,
        }
    }
}

/// A subject as the import compares it: its title, in lower case (all of
/// Unicode, not only ASCII as SQL's `lower` does).
pub fn subject_identity(title: &str) -> String {
    title.trim().to_lowercase()
}

/// A partner as the import compares it: organisation and e-mail address.
pub fn partner_identity(organisation: &str, email: Option<&str>) -> String {
    format!(
        "{}|{}",
        organisation.trim().to_lowercase(),
        email.unwrap_or("").trim().to_lowercase()
    )
}

/// One row of the sheet as the preview shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PreviewRow {
    /// Its row number in the sheet, as the spreadsheet program shows it.
    pub number: u32,
    pub cells: Vec<String>,
    /// Why it cannot be imported; nothing is imported while any row has one.
    pub problem: Option<Message>,
    /// What it duplicates: a record already there, or an earlier row.
    pub duplicate_of: Option<DuplicateOf>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DuplicateOf {
    Record {
        #[cfg_attr(feature = "specta", specta(type = i32))]
        id: Id,
        name: String,
    },
    Row {
        number: u32,
    },
}

/// What importing a sheet would do: the mapping (guessed or remembered),
/// every row with its problem or duplicate, and the counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportPreview {
    pub kind: ImportKind,
    pub headings: Vec<String>,
    pub mapping: Mapping,
    /// The mapping was remembered from an earlier import of this layout.
    pub remembered: bool,
    /// The row the headings were found in (title rows above it skipped).
    pub heading_row: u32,
    pub rows: Vec<PreviewRow>,
    pub new: u32,
    pub duplicates: u32,
    pub refused: u32,
}

impl ImportPreview {
    /// Refuses the import while any row is refused, naming each with its
    /// number (the first ten, and how many more).
    pub fn check(&self) -> Result<()> {
        let refused: Vec<crate::message::Param> = self
            .rows
            .iter()
            .filter_map(|r| {
                r.problem.as_ref().map(|problem| {
                    msg!(ListImportRow, number = r.number, problem = problem.clone()).into()
                })
            })
            .collect();
        if refused.is_empty() {
            return Ok(());
        }
        let count = refused.len();
        Err(crate::Error::validation(
            crate::error::Field::File,
            msg!(
                ListImportRefused,
                count = count,
                rows = crate::message::Param::List(refused.into_iter().take(10).collect())
            ),
        ))
    }
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportDone {
    pub added: u32,
    pub merged: u32,
    pub skipped: u32,
}

impl ImportPreview {
    /// The preview's mapping changed as the user says: `Heading=field` or
    /// `3=field` (the third column), `=-` for a column not to import;
    /// pairs separated by commas.
    pub fn mapping_with(&self, changes: &str) -> Result<Mapping> {
        let mut mapping = self.mapping.clone();
        for pair in changes.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let bad = || {
                crate::Error::validation(
                    crate::error::Field::File,
                    msg!(ListImportMapInvalid, pair = pair),
                )
            };
            let (column, field) = pair.split_once('=').ok_or_else(bad)?;
            let column = column.trim();
            let index = match column.parse::<usize>() {
                Ok(n) if n >= 1 && n <= mapping.len() => n - 1,
                Ok(_) => return Err(bad()),
                Err(_) => self
                    .headings
                    .iter()
                    .position(|h| h.trim().eq_ignore_ascii_case(column))
                    .ok_or_else(bad)?,
            };
            mapping[index] = match field.trim() {
                "-" | "" => None,
                field => Some(ImportField::parse(field)?),
            };
        }
        Ok(mapping)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_guessed_in_dutch_and_english() {
        assert_eq!(
            ImportField::guess(ImportKind::Partners, " E-mailadres "),
            Some(ImportField::Email)
        );
        assert_eq!(
            ImportField::guess(ImportKind::Partners, "Organization"),
            Some(ImportField::Organisation)
        );
        assert_eq!(ImportField::guess(ImportKind::Subjects, "E-mail"), None);
    }

    #[test]
    fn a_row_is_read_by_its_mapping_and_checked() {
        let mapping = vec![
            Some(ImportField::Organisation),
            None,
            Some(ImportField::Email),
        ];
        let row = |cells: &[&str]| {
            let cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            RowDraft::of(ImportKind::Partners, &mapping, &cells)
        };
        let ok = row(&["FairWork", "x", "anna@fairwork.nl"]).unwrap();
        assert_eq!(ok.identity(), "fairwork|anna@fairwork.nl");
        assert!(row(&["", "x", "a@b.nl"]).is_err(), "organisation required");
        assert!(
            row(&["FNV", "x", "geen adres"]).is_err(),
            "an invalid address"
        );
    }
}
