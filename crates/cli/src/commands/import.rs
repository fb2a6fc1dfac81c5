//! Old lists brought in: `import subjects|partners FILE`, previewed with
//! `--dry-run`, the mapping changed with `--map`.

use crate::print::{self, Output};
use std::path::Path;
use taskforce::domain::{Duplicates, ImportKind};
use taskforce::spreadsheet::read_sheet;
use taskforce::{Result, Store};

pub fn run(
    store: &Store,
    out: &Output,
    kind: &str,
    file: &Path,
    map: Option<&str>,
    dry_run: bool,
    duplicates: &str,
) -> Result<()> {
    let kind = ImportKind::parse(kind)?;
    let duplicates = Duplicates::parse(duplicates)?;
    let sheet = read_sheet(file)?;
    let mut preview = store.preview_import(kind, &sheet, None)?;
    if let Some(changes) = map {
        let mapping = preview.mapping_with(changes)?;
        preview = store.preview_import(kind, &sheet, Some(mapping))?;
    }
    if dry_run {
        return out.one(&preview, |p| print::import_preview(out.lang, p));
    }
    let done = store.import_list(kind, &sheet, Some(preview.mapping), duplicates)?;
    out.one(&done, |d| print::import_done(out.lang, d))
}
