//! Old lists brought in from spreadsheets written by LibreOffice (from the
//! CSV and flat-ODS fixtures in tests/fixtures/sheets): the mapping
//! guessed, remembered and given; every bad row named by its number and
//! nothing imported while one is; duplicates skipped or merged; a damaged
//! file refused. On the file and on the server alike.

use std::path::{Path, PathBuf};
use taskforce::domain::*;
use taskforce::spreadsheet::read_sheet;
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, libreoffice_convert, Fixture};

fn fixture_sheet(dir: &Path, name: &str, to: &str, infilter: Option<&str>) -> PathBuf {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sheets")
        .join(name);
    let copy = dir.join(name);
    std::fs::copy(&source, &copy).unwrap();
    libreoffice_convert(&copy, to, infilter)
}

const SEMICOLON_UTF8: &str = "CSV:59,34,76,1";
const COMMA_UTF8: &str = "CSV:44,34,76,1";

#[test]
fn partners_come_in_from_a_libreoffice_sheet_with_duplicates_skipped_or_merged() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = fixture_sheet(dir.path(), "partners.csv", "xlsx", Some(SEMICOLON_UTF8));
    let sheet = read_sheet(&xlsx).unwrap();
    partners(fixture::empty(), &sheet);
    if let Some(f) = fixture::empty_on_server() {
        partners(f, &sheet);
    }
}

fn partners(f: Fixture, sheet: &taskforce::spreadsheet::Sheet) {
    let store = &f.store;
    let fnv = store
        .add_partner(&PartnerDraft {
            organisation: "FNV".into(),
            contact_name: None,
            email: Some("jan@fnv.nl".into()),
            phone: None,
            notes: String::new(),
            tags: vec![],
        })
        .unwrap();
    let preview = store
        .preview_import(ImportKind::Partners, sheet, None)
        .unwrap();
    use ImportField::*;
    assert_eq!(
        preview.mapping,
        [
            Some(Organisation),
            Some(Contact),
            Some(Email),
            Some(Phone),
            Some(Notes)
        ]
    );
    assert_eq!((preview.heading_row, preview.remembered), (1, false));
    assert_eq!(
        (preview.new, preview.duplicates, preview.refused),
        (2, 2, 0)
    );
    let row = |n: u32| preview.rows.iter().find(|r| r.number == n).unwrap().clone();
    assert_eq!(
        row(3).duplicate_of,
        Some(DuplicateOf::Record {
            id: fnv.id,
            name: "FNV".into()
        })
    );
    assert_eq!(
        row(5).duplicate_of,
        Some(DuplicateOf::Row { number: 2 }),
        "the same organisation and address"
    );
    assert_eq!(
        row(4).cells[0],
        "Stichting Ébène",
        "UTF-8 through LibreOffice"
    );

    let done = store
        .import_list(ImportKind::Partners, sheet, None, Duplicates::Merge)
        .unwrap();
    assert_eq!((done.added, done.merged, done.skipped), (2, 1, 1));
    let fnv = store.partner(fnv.id).unwrap();
    assert_eq!(
        fnv.contact_name.as_deref(),
        Some("Jan Bakker"),
        "merged into the empty field"
    );
    let all = store.partners(100, 0).unwrap();
    assert_eq!(all.len(), 3);
    let fairwork = all.iter().find(|p| p.organisation == "FairWork").unwrap();
    assert_eq!(fairwork.phone.as_deref(), Some("020-1234567"));
    // The same list again: everything is there already.
    let again = store
        .import_list(ImportKind::Partners, sheet, None, Duplicates::Skip)
        .unwrap();
    assert_eq!((again.added, again.merged, again.skipped), (0, 0, 4));
    // One undo takes an import back whole.
    store.undo_last().unwrap();
    store.undo_last().unwrap();
    assert_eq!(store.partners(100, 0).unwrap().len(), 1);
}

#[test]
fn a_sheet_with_bad_rows_imports_nothing_and_names_each_row() {
    let dir = tempfile::tempdir().unwrap();
    let ods = fixture_sheet(dir.path(), "partners-bad.csv", "ods", Some(SEMICOLON_UTF8));
    let sheet = read_sheet(&ods).unwrap();
    let f = fixture::empty();
    let preview = f
        .store
        .preview_import(ImportKind::Partners, &sheet, None)
        .unwrap();
    assert_eq!((preview.new, preview.refused), (1, 2));
    let refused: Vec<u32> = preview
        .rows
        .iter()
        .filter(|r| r.problem.is_some())
        .map(|r| r.number)
        .collect();
    assert_eq!(refused, [3, 4]);
    let err = f
        .store
        .import_list(ImportKind::Partners, &sheet, None, Duplicates::Skip)
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Validation);
    let said = err.message().render(taskforce::Lang::Nl);
    assert!(said.contains("3: ") && said.contains("4: "), "{said}");
    assert!(
        f.store.partners(100, 0).unwrap().is_empty(),
        "nothing imported"
    );
}

#[test]
fn merged_header_cells_a_given_mapping_remembered_and_a_damaged_file() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = fixture_sheet(dir.path(), "partners-merged.fods", "xlsx", None);
    let sheet = read_sheet(&xlsx).unwrap();
    let f = fixture::empty();
    let store = &f.store;
    let preview = store
        .preview_import(ImportKind::Partners, &sheet, None)
        .unwrap();
    use ImportField::*;
    // The merged title row is skipped; "Contact" spans two columns: the
    // second has no heading and is not mapped until the user says so.
    assert_eq!(preview.heading_row, 2);
    assert_eq!(
        preview.mapping,
        [Some(Organisation), Some(Contact), None, Some(Email)]
    );
    let given = vec![Some(Organisation), Some(Contact), Some(Phone), Some(Email)];
    let done = store
        .import_list(
            ImportKind::Partners,
            &sheet,
            Some(given.clone()),
            Duplicates::Skip,
        )
        .unwrap();
    assert_eq!(done.added, 2);
    let fier = store
        .partners(100, 0)
        .unwrap()
        .into_iter()
        .find(|p| p.organisation == "Fier")
        .unwrap();
    assert_eq!(
        (
            fier.contact_name.as_deref(),
            fier.phone.as_deref(),
            fier.email.as_deref()
        ),
        (
            Some("Linda de Vries"),
            Some("06-12345678"),
            Some("linda@fier.nl")
        )
    );
    // The next sheet of this layout starts from the mapping given.
    let next = store
        .preview_import(ImportKind::Partners, &sheet, None)
        .unwrap();
    assert!(next.remembered);
    assert_eq!(next.mapping, given);
    // A mapping without the organisation, or with a field twice, is refused.
    for wrong in [
        vec![None, Some(Contact), None, Some(Email)],
        vec![Some(Organisation), Some(Email), None, Some(Email)],
        vec![Some(Organisation), Some(Title), None, None],
    ] {
        assert_eq!(
            store
                .preview_import(ImportKind::Partners, &sheet, Some(wrong))
                .unwrap_err()
                .code(),
            ErrorCode::Validation
        );
    }

    // A damaged file (LibreOffice's xlsx cut in half) and a file that is no
    // spreadsheet are refused with the file's name.
    let bytes = std::fs::read(&xlsx).unwrap();
    let damaged = dir.path().join("kapot.xlsx");
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    let notes = dir.path().join("aantekeningen.ods");
    std::fs::write(&notes, "dit is geen spreadsheet").unwrap();
    for file in [&damaged, &notes] {
        let err = read_sheet(file).unwrap_err();
        assert_eq!(err.code(), ErrorCode::Validation, "{file:?}");
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            err.message().render(taskforce::Lang::Nl).contains(&name),
            "{err:?}"
        );
    }
}

#[test]
fn subjects_come_in_with_their_kind() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = fixture_sheet(dir.path(), "subjects.csv", "xlsx", Some(COMMA_UTF8));
    let sheet = read_sheet(&xlsx).unwrap();
    let f = fixture::empty();
    let done = f
        .store
        .import_list(ImportKind::Subjects, &sheet, None, Duplicates::Skip)
        .unwrap();
    assert_eq!(done.added, 3);
    let subjects = f.store.subjects(&SubjectFilter::default()).unwrap();
    let kind = |title: &str| subjects.iter().find(|s| s.title == title).unwrap().kind;
    assert_eq!(
        kind("Arbeidsuitbuiting in distributiecentra"),
        SubjectKind::Case
    );
    assert_eq!(kind("Loverboys"), SubjectKind::Phenomenon);
    assert_eq!(kind("Criminele uitbuiting"), SubjectKind::Theme);
}
