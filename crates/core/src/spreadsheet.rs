//! Spreadsheets as the secretariat kept them — `.xlsx`, `.ods`, `.xls`
//! (read by `calamine`) and `.csv` (the `csv` crate) — as rows of text: the
//! first sheet, every cell as it would be typed (a date as `YYYY-MM-DD`, a
//! whole number without `.0`). A file that is not a spreadsheet, or is
//! damaged, is refused with the reason.

use crate::error::{Error, Field, Result};
use crate::msg;
use calamine::{open_workbook_auto, Data, Reader};
use std::path::Path;

/// The first sheet's rows; row `i` is row `i + 1` in the spreadsheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub rows: Vec<Vec<String>>,
}

impl Sheet {
    /// Where the headings are: the first row with two or more filled cells
    /// (a title row above it, often a merged cell, is skipped). `None` for
    /// a sheet without one.
    pub fn heading_row(&self) -> Option<usize> {
        self.rows
            .iter()
            .position(|row| row.iter().filter(|c| !c.trim().is_empty()).count() >= 2)
    }
}

/// Reads a spreadsheet file (at most 20 MB).
pub fn read_sheet(path: &Path) -> Result<Sheet> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
        .unwrap_or_default();
    let unreadable = |reason: String| {
        Error::validation(
            Field::File,
            msg!(SheetUnreadable, path = path, reason = reason),
        )
    };
    let rows = if extension == "csv" {
        let bytes = crate::import::read_file(path, 20 * 1024 * 1024)?;
        csv_rows(&bytes).map_err(unreadable)?
    } else {
        // Checked first, so a folder or a huge file says so.
        crate::import::read_file(path, 20 * 1024 * 1024)?;
        let mut workbook = open_workbook_auto(path).map_err(|e| unreadable(e.to_string()))?;
        let first = workbook
            .sheet_names()
            .first()
            .cloned()
            .ok_or_else(|| unreadable("no sheets".into()))?;
        let range = workbook
            .worksheet_range(&first)
            .map_err(|e| unreadable(e.to_string()))?;
        range
            .rows()
            .map(|row| row.iter().map(cell_text).collect())
            .collect()
    };
    let sheet = Sheet {
        rows: trimmed(rows),
    };
    if sheet.rows.is_empty() {
        return Err(Error::validation(
            Field::File,
            msg!(SheetEmpty, path = path),
        ));
    }
    Ok(sheet)
}

/// A CSV as Excel and LibreOffice write it: `;` or `,` separated (whichever
/// the first line has more of), UTF-8 with or without a byte-order mark.
fn csv_rows(bytes: &[u8]) -> std::result::Result<Vec<Vec<String>>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())?;
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            r.map(|record| record.iter().map(|c| c.trim().to_string()).collect())
                .map_err(|e| e.to_string())
        })
        .collect()
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|t| {
                if t.time() == chrono::NaiveTime::MIN {
                    t.date().format("%Y-%m-%d").to_string()
                } else {
                    t.format("%Y-%m-%d %H:%M").to_string()
                }
            })
            .unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Drops empty rows at the end and empty cells at each row's end, so a
/// sheet formatted further down than it is filled reads as what it holds.
fn trimmed(mut rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    for row in &mut rows {
        while row.last().is_some_and(|c| c.is_empty()) {
            row.pop();
        }
    }
    while rows.last().is_some_and(|r| r.is_empty()) {
        rows.pop();
    }
    rows
}
