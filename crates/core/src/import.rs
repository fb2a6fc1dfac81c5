//! Reading member lists: the decree's own text (`Organisation, role;`, the
//! chair marked `tevens voorzitter`) and CSV (`organisation,role,person,chair`
//! with `,` or `;`, UTF-8 with or without BOM).
//!
//! Parsing is all-or-nothing: the first malformed line is reported with its
//! line number and no seats are returned.

use crate::domain::SeatDraft;
use crate::error::Field;
use crate::error::{Error, Result};
use crate::message::{Message, MessageKey};
use crate::msg;
use std::path::Path;

/// The heading the decree announcement puts above its member list.
const MEMBERS_HEADING: &str = "leden van de task force";
const CHAIR_MARK: &str = "tevens voorzitter";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberFormat {
    DecreeText,
    Csv,
}

impl MemberFormat {
    /// Guesses the format from the file name and the first line.
    pub fn detect(file_name: Option<&str>, content: &str) -> MemberFormat {
        let by_name = file_name.map(|n| n.to_lowercase());
        if by_name.as_deref().is_some_and(|n| n.ends_with(".csv")) {
            return MemberFormat::Csv;
        }
        let first = strip_bom(content)
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        let header = first.to_lowercase();
        if (header.starts_with("organisation") || header.starts_with("organisatie"))
            && (header.contains("role") || header.contains("functie"))
        {
            MemberFormat::Csv
        } else {
            MemberFormat::DecreeText
        }
    }
}

/// Reads a member list file and parses it, the format detected from its name
/// and first line. Refuses what is not a readable UTF-8 text file.
pub fn read_member_file(path: &Path) -> Result<Vec<SeatDraft>> {
    let content = read_text_file(path)?;
    let name = path.file_name().and_then(|n| n.to_str());
    parse_members(&content, MemberFormat::detect(name, &content))
}

/// Reads a UTF-8 text file of at most 10 MB, with errors that name the file.
pub fn read_text_file(path: &Path) -> Result<String> {
    let bytes = read_file(path, 10 * 1024 * 1024)?;
    String::from_utf8(bytes)
        .map_err(|_| Error::validation(Field::File, msg!(ImportNotUtf8, path = path)))
}

/// Reads a file of at most `limit` bytes, refusing a folder or a larger
/// file with a message that names it.
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let metadata =
        std::fs::metadata(path).map_err(|e| Error::io(MessageKey::FileReadFailed, path, e))?;
    if metadata.is_dir() {
        return Err(Error::validation(
            Field::File,
            msg!(FileIsDirectory, path = path),
        ));
    }
    if metadata.len() > limit {
        return Err(Error::validation(
            Field::File,
            msg!(ImportTooLarge, path = path),
        ));
    }
    std::fs::read(path).map_err(|e| Error::io(MessageKey::FileReadFailed, path, e))
}

pub fn parse_members(content: &str, format: MemberFormat) -> Result<Vec<SeatDraft>> {
    let seats = match format {
        MemberFormat::DecreeText => parse_decree_text(content)?,
        MemberFormat::Csv => parse_csv(content)?,
    };
    if seats.is_empty() {
        return Err(Error::validation(Field::File, MessageKey::ImportNoMembers));
    }
    if seats.iter().filter(|s| s.chair).count() > 1 {
        return Err(Error::validation(
            Field::File,
            MessageKey::ImportSeveralChairs,
        ));
    }
    Ok(seats)
}

fn strip_bom(content: &str) -> &str {
    content.strip_prefix('\u{feff}').unwrap_or(content)
}

fn line_error(line: usize, problem: impl Into<Message>) -> Error {
    Error::validation(
        Field::File,
        msg!(ImportLine, line = line, problem = problem.into()),
    )
}

/// One seat per line. When the text contains the announcement's heading
/// "Leden van de Task Force", only the block under it is read, so the whole
/// announcement can be imported as it is published.
fn parse_decree_text(content: &str) -> Result<Vec<SeatDraft>> {
    let lines: Vec<&str> = strip_bom(content).lines().collect();
    let (first, block) = match lines
        .iter()
        .position(|l| l.trim().trim_end_matches(':').to_lowercase() == MEMBERS_HEADING)
    {
        Some(heading) => {
            let body = &lines[heading + 1..];
            // The list ends at the first blank line after it started.
            let start = body
                .iter()
                .position(|l| !l.trim().is_empty())
                .unwrap_or(body.len());
            let len = body[start..]
                .iter()
                .position(|l| l.trim().is_empty())
                .unwrap_or(body.len() - start);
            (heading + 1 + start, &body[start..start + len])
        }
        None => (0, &lines[..]),
    };

    let mut seats = Vec::new();
    for (offset, raw) in block.iter().enumerate() {
        let number = first + offset + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line.trim_end_matches([';', '.']).trim();
        let Some((organisation, rest)) = line.split_once(',') else {
            // The line itself is not repeated: messages never carry file contents.
            return Err(line_error(number, MessageKey::ImportLineShape));
        };
        let mut role = rest.trim();
        let mut chair = false;
        if let Some(stripped) = strip_suffix_ignore_case(role, CHAIR_MARK) {
            role = stripped.trim_end().trim_end_matches(',').trim_end();
            chair = true;
        }
        let draft = SeatDraft {
            organisation: organisation.trim().to_string(),
            role: role.to_string(),
            person: None,
            deputy: None,
            chair,
            ..Default::default()
        };
        seats.push(
            draft
                .normalized()
                .map_err(|e| line_error(number, e.message()))?
                .with_suggested_type(),
        );
    }
    Ok(seats)
}

fn strip_suffix_ignore_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let split = text.len().checked_sub(suffix.len())?;
    let tail = text.get(split..)?;
    tail.eq_ignore_ascii_case(suffix).then(|| &text[..split])
}

fn parse_csv(content: &str) -> Result<Vec<SeatDraft>> {
    let content = strip_bom(content);
    let header = content.lines().next().unwrap_or("");
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(content.as_bytes());

    let headers = reader
        .headers()
        .map_err(|e| line_error(1, msg!(ImportHeaderUnreadable, detail = e.to_string())))?
        .clone();
    let column = |names: &[&str]| {
        headers
            .iter()
            .position(|h| names.contains(&h.to_lowercase().as_str()))
    };
    let organisation = column(&["organisation", "organisatie"])
        .ok_or_else(|| line_error(1, msg!(ImportColumnMissing, column = "organisation")))?;
    let role = column(&["role", "functie"])
        .ok_or_else(|| line_error(1, msg!(ImportColumnMissing, column = "role")))?;
    let person = column(&["person", "persoon", "naam"]);
    let deputy = column(&["deputy", "plaatsvervanger"]);
    let chair = column(&["chair", "voorzitter"]);

    let mut seats = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            line_error(line, MessageKey::ImportCsvLine)
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let field = |index: Option<usize>| index.and_then(|i| record.get(i)).map(str::to_string);
        let chair_value = field(chair).unwrap_or_default();
        let is_chair = match chair_value.to_lowercase().as_str() {
            "" | "0" | "false" | "nee" | "no" | "n" => false,
            "1" | "true" | "ja" | "yes" | "j" | "y" | "x" => true,
            _ => return Err(line_error(line, MessageKey::ImportChairYesNo)),
        };
        let draft = SeatDraft {
            organisation: field(Some(organisation)).unwrap_or_default(),
            role: field(Some(role)).unwrap_or_default(),
            person: field(person),
            deputy: field(deputy),
            chair: is_chair,
            ..Default::default()
        };
        seats.push(
            draft
                .normalized()
                .map_err(|e| line_error(line, e.message()))?
                .with_suggested_type(),
        );
    }
    Ok(seats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_term5_list_has_21_seats_and_the_chair_at_the_prosecution_service() {
        let seats = parse_members(crate::TERM5_MEMBERS, MemberFormat::DecreeText).unwrap();
        assert_eq!(seats.len(), 21);
        let chairs: Vec<_> = seats.iter().filter(|s| s.chair).collect();
        assert_eq!(chairs.len(), 1);
        assert_eq!(chairs[0].organisation, "Openbaar Ministerie");
        assert_eq!(
            chairs[0].role,
            "de voorzitter van het College van Procureurs-Generaal"
        );
        assert_eq!(
            seats[20].role, "een vertegenwoordiger daarvan",
            "trailing full stop removed"
        );
    }

    #[test]
    fn whole_announcement_reads_only_the_member_block() {
        let text = "Intro, met komma's, die geen lid is.\n\nLeden van de Task Force\nPolitie, de directeur;\nCoMensha, de directeur-bestuurder.\n\nKlik hier, voor het besluit.\n";
        let seats = parse_members(text, MemberFormat::detect(None, text)).unwrap();
        assert_eq!(seats.len(), 2);
    }

    #[test]
    fn malformed_line_is_reported_by_number_and_nothing_is_returned() {
        let err = parse_members(
            "Politie, de directeur;\nzonder komma\n",
            MemberFormat::DecreeText,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("regel 2:"), "{err}");
    }

    #[test]
    fn csv_with_bom_and_semicolons() {
        let text = "\u{feff}organisatie;functie;naam;voorzitter\nOpenbaar Ministerie;voorzitter College;Mr. A. Jansen;ja\nCoMensha;directeur-bestuurder;;nee\n";
        assert_eq!(MemberFormat::detect(None, text), MemberFormat::Csv);
        let seats = parse_members(text, MemberFormat::Csv).unwrap();
        assert_eq!(seats.len(), 2);
        assert!(seats[0].chair);
        assert_eq!(seats[0].person.as_deref(), Some("Mr. A. Jansen"));
        assert_eq!(seats[1].person, None);
    }

    #[test]
    fn csv_with_bad_chair_value_names_the_line() {
        let text = "organisation,role,person,chair\nA,b,,ja\nC,d,,misschien\n";
        let err = parse_members(text, MemberFormat::Csv).unwrap_err();
        assert!(err.to_string().starts_with("regel 3:"), "{err}");
    }

    #[test]
    fn two_chairs_are_refused() {
        let text = "A, x, tevens voorzitter;\nB, y, tevens voorzitter;\n";
        assert!(parse_members(text, MemberFormat::DecreeText).is_err());
    }
}
