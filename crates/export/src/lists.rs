//! Lists as CSV that Dutch Excel and LibreOffice open correctly: UTF-8 with a
//! byte-order mark, `;` between fields, dates as `dd-mm-jjjj`.

use taskforce::calendar::dutch_numeric_date;
use taskforce::domain::{ActionFilter, SubjectFilter};
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::msg;
use taskforce::Lang;
use taskforce::Store;

fn csv(header: &[&str], rows: Vec<Vec<String>>) -> Result<Vec<u8>> {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut bytes);
        let fail = |e: csv::Error| {
            Error::validation(Field::Csv, msg!(ExportListFailed, detail = e.to_string()))
        };
        writer.write_record(header).map_err(fail)?;
        for row in rows {
            writer
                .write_record(row.iter().map(|cell| inert(cell).into_owned()))
                .map_err(fail)?;
        }
        writer.flush().map_err(|e| {
            Error::validation(Field::Csv, msg!(ExportListFailed, detail = e.to_string()))
        })?;
    }
    Ok(bytes)
}

/// A cell a spreadsheet will not run: text starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return (a formula, or one after the program
/// strips the white space) gets a leading apostrophe, as OWASP advises for
/// CSV injection. A partner's name like `=HYPERLINK(…)` then shows as text.
fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

fn yes_no(value: bool) -> String {
    if value { "ja" } else { "nee" }.to_string()
}

pub fn seats(store: &Store, term: u32) -> Result<Vec<u8>> {
    let rows = store
        .seats(term)?
        .into_iter()
        .map(|s| {
            vec![
                s.position.to_string(),
                s.organisation,
                s.role,
                s.person.unwrap_or_default(),
                s.deputy.unwrap_or_default(),
                yes_no(s.chair),
            ]
        })
        .collect();
    csv(
        &[
            "nr",
            "organisatie",
            "functie",
            "naam",
            "plaatsvervanger",
            "voorzitter",
        ],
        rows,
    )
}

pub fn partners(store: &Store) -> Result<Vec<u8>> {
    let rows = store
        .partners(u32::MAX, 0)?
        .into_iter()
        .map(|p| {
            let tags = p
                .tags
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(", ");
            vec![
                p.organisation,
                p.contact_name.unwrap_or_default(),
                p.email.unwrap_or_default(),
                p.phone.unwrap_or_default(),
                tags,
            ]
        })
        .collect();
    csv(
        &[
            "organisatie",
            "contactpersoon",
            "e-mail",
            "telefoon",
            "expertise",
        ],
        rows,
    )
}

/// The action list: a term's actions, or every action without a term.
pub fn actions(store: &Store, term: Option<u32>) -> Result<Vec<u8>> {
    let filter = ActionFilter {
        term,
        limit: Some(u32::MAX),
        ..Default::default()
    };
    let rows = store
        .actions(&filter)?
        .into_iter()
        .map(|a| {
            vec![
                a.description,
                a.owner_name.render(Lang::Nl),
                a.due_on.map(dutch_numeric_date).unwrap_or_default(),
                Lang::Nl.name(a.status),
                a.times_postponed.to_string(),
            ]
        })
        .collect();
    csv(
        &[
            "actie",
            "actiehouder",
            "deadline",
            "status",
            "keer uitgesteld",
        ],
        rows,
    )
}

pub fn decisions(store: &Store, term: u32) -> Result<Vec<u8>> {
    let meetings = store.meetings(term)?;
    let rows = store
        .decisions_of_term(term)?
        .into_iter()
        .map(|d| {
            let date = meetings
                .iter()
                .find(|m| m.meeting.id == d.meeting_id)
                .map(|m| {
                    dutch_numeric_date(
                        taskforce::calendar::to_amsterdam(m.meeting.starts_at).date(),
                    )
                })
                .unwrap_or_default();
            vec![d.code.clone(), date, d.recorded_text()]
        })
        .collect();
    csv(&["besluit", "datum vergadering", "tekst"], rows)
}

/// Subjects with how often each was central, for planning.
pub fn subjects(store: &Store) -> Result<Vec<u8>> {
    let rows = store
        .subjects(&SubjectFilter::default())?
        .into_iter()
        .map(|s| {
            vec![
                s.title,
                Lang::Nl.name(s.kind),
                Lang::Nl.name(s.status),
                s.times_central.to_string(),
            ]
        })
        .collect();
    csv(&["onderwerp", "soort", "status", "keer centraal"], rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_made_text() {
        for formula in ["=1+1", "+31 6", "-2", "@SUM(A1)", "\tx", "\r=x"] {
            assert_eq!(inert(formula), format!("'{formula}"));
        }
        assert_eq!(inert("Politie"), "Politie");
        assert_eq!(inert("01-04-2021"), "01-04-2021");
        assert_eq!(inert(""), "");
    }
}
