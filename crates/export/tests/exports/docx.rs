//! Word exports read back by programs that are not ours: LibreOffice (headless)
//! converts each `.docx` to PDF — it refuses files Word would warn about — and
//! poppler reads the text; Python's `zipfile` reads every part of the package
//! to prove nothing confidential is hidden in it.

use crate::pdf::{minuted, pages, planned, Planned};
use std::path::{Path, PathBuf};
use std::process::Command;
use taskforce_dev::fixture::poppler;
use taskforce_dev::fixture::{assert_in_order, flat};
use taskforce_export::docx::{agenda_docx, minutes_docx};
use taskforce_export::{write_atomically, Audience, Export, Format};

/// Converts with a private LibreOffice profile, so tests running at the same
/// time do not fight over one profile lock.
pub(crate) fn libreoffice_to_pdf(docx: &Path) -> PathBuf {
    let folder = docx.parent().expect("folder");
    let profile = folder.join("lo-profile");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(folder)
        .arg(docx)
        .output()
        .unwrap_or_else(|e| panic!("soffice (apt install libreoffice-writer-nogui): {e}"));
    let pdf = docx.with_extension("pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "LibreOffice could not convert {}: {}{}",
        docx.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

/// Every part of the package (document, header, footer, properties) as text.
fn package_text(docx: &Path) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(''.join(z.read(n).decode('utf-8', 'replace') for n in z.namelist()))",
        ])
        .arg(docx)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "not a valid zip package: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_internal_agenda_in_word_opens_in_libreoffice_with_everything() {
    let Planned { f, meeting } = planned();
    let path = f.dir.path().join("agenda.docx");
    write_atomically(
        &path,
        &agenda_docx(&f.store, meeting, Audience::Internal).unwrap(),
    )
    .unwrap();
    let pdf = libreoffice_to_pdf(&path);
    let text = flat(&poppler("pdftotext", &[], &pdf));
    assert_in_order(
        &text,
        &[
            "Task Force Aanpak Mensenhandel",
            "Agenda bijeenkomst",
            "woensdag 12 mei 2021",
            "14.00 – 16.00 uur",
            "Coördinatie – „tuinbouw” en café’s (casus)",
            "Vertrouwelijke beschrijving",
            "Opening",
            "Geheime opsporingsinformatie",
            "Sluiting",
            "Anna Smit (FairWork)",
            "Notitie ketenregie",
        ],
    );
    assert!(
        text.contains("Intern — alleen voor leden en secretariaat"),
        "{text}"
    );
    assert!(text.contains("Pagina 1 van 1"), "live page fields: {text}");
    assert_eq!(pages(&pdf), 1);
    let xml = package_text(&path);
    assert!(
        xml.contains("w:styleId=\"Heading1\""),
        "named heading style"
    );
    assert!(
        xml.contains("PAGE") && xml.contains("NUMPAGES"),
        "page fields"
    );
}

#[test]
fn the_external_agenda_in_word_holds_nothing_confidential_in_any_part() {
    let Planned { f, meeting } = planned();
    let path = f.dir.path().join("agenda-extern.docx");
    write_atomically(
        &path,
        &agenda_docx(&f.store, meeting, Audience::External).unwrap(),
    )
    .unwrap();
    let package = package_text(&path);
    let text = flat(&poppler("pdftotext", &[], &libreoffice_to_pdf(&path)));
    for secret in [
        "Rahul",
        "Vertrouwelijke beschrijving",
        "Geheime opsporingsinformatie",
        "Anna Smit",
        "FairWork",
        "Notitie ketenregie",
        "tuinbouw",
    ] {
        assert!(
            !text.contains(secret),
            "'{secret}' is in the external agenda:\n{text}"
        );
        assert!(
            !package.contains(secret),
            "'{secret}' is hidden in the package"
        );
    }
    assert!(text.contains("vertrouwelijke casus") && text.contains("Versie voor externe partners"));
}

#[test]
fn the_minutes_in_word_render_markdown_attendance_decisions_and_actions() {
    let Planned { f, meeting } = minuted();
    let path = f.dir.path().join("verslag.docx");
    write_atomically(&path, &minutes_docx(&f.store, meeting).unwrap()).unwrap();
    let text = flat(&poppler("pdftotext", &[], &libreoffice_to_pdf(&path)));
    assert_in_order(
        &text,
        &[
            "Verslag bijeenkomst",
            "woensdag 12 mei 2021",
            "concept",
            "Aanwezigheid",
            "vertegenwoordigd door kolonel P. Smit",
            "Bespreking",
            "De coördinatie loopt moeizaam.",
            "eerste punt",
            "#set page(width: 1cm)",
            "TF5-2021-01",
            "Een werkgroep wordt ingesteld",
            "Notitie opstellen",
            "01-06-2021",
        ],
    );
    assert!(!text.contains("## Bespreking") && !text.contains("*coördinatie*"));
    let xml = package_text(&path);
    assert!(
        xml.contains("<w:b />") || xml.contains("<w:b/>"),
        "**moeizaam** is bold"
    );
    assert!(
        xml.contains("<w:i />") || xml.contains("<w:i/>"),
        "*coördinatie* is italic"
    );
    assert!(xml.contains("w:numId"), "list items are a real list");
}

#[test]
fn a_meeting_without_subject_exports_to_word_saying_so_with_the_dutch_file_name() {
    let f = taskforce_dev::fixture::term5();
    let m = taskforce_dev::fixture::meeting(&f.store, "2021-05-12 14:00");
    let what = Export::Agenda {
        meeting: m.meeting.id,
        audience: Audience::Internal,
        format: Format::Docx,
    };
    assert_eq!(
        what.file_name(&f.store).unwrap(),
        "2021-05-12 Agenda Task Force Mensenhandel.docx"
    );
    let path = f.dir.path().join("leeg.docx");
    what.save(&f.store, &path).unwrap();
    let text = poppler("pdftotext", &[], &libreoffice_to_pdf(&path));
    assert!(text.contains("nog geen centraal onderwerp"), "{text}");
}
