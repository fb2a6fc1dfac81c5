//! The meeting pack read back by poppler (`pdftotext`, `pdfinfo`) and pypdf
//! (bookmarks, language, PDF/A metadata): agenda and papers in agenda order,
//! page numbers over the whole pack, and nothing confidential in the
//! external one.

use crate::pdf::{pages, planned, Planned};
use std::path::{Path, PathBuf};
use taskforce::domain::*;
use taskforce::Lang;
use taskforce_dev::fixture::poppler;
use taskforce_dev::fixture::{assert_in_order, flat, meeting, read_with, term5};
use taskforce_export::pack::meeting_pack;
use taskforce_export::pdf::agenda_pdf;
use taskforce_export::{write_atomically, Audience};

/// A real PDF of `min_pages` pages or more whose text carries `marker`: an
/// agenda from another database with many items.
fn paper_pdf(marker: &str, min_pages: u32) -> Vec<u8> {
    let f = term5();
    let m = meeting(&f.store, "2021-06-09 10:00");
    let mut items = 0;
    loop {
        items += 1;
        f.store
            .add_agenda_item(
                m.meeting.id,
                &AgendaItemDraft {
                    kind: AgendaItemKind::Other,
                    title: Some(format!("{marker} onderdeel {items}")),
                    duration_minutes: 5,
                    presenter: None,
                    confidential: false,
                },
            )
            .unwrap();
        let bytes = agenda_pdf(&f.store, m.meeting.id, Audience::Internal).unwrap();
        let path = f.dir.path().join("probe.pdf");
        std::fs::write(&path, &bytes).unwrap();
        if pages(&path) >= min_pages {
            return bytes;
        }
    }
}

fn attach(
    f: &taskforce_dev::fixture::Fixture,
    meeting: Id,
    name: &str,
    bytes: &[u8],
    title: &str,
) -> LinkedDocument {
    let path = f.dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    f.store
        .attach_document(
            &path,
            DocumentTarget::Meeting(meeting),
            DocumentKind::MeetingPaper,
            Some(title),
            false,
        )
        .unwrap()
}

fn item_id(f: &taskforce_dev::fixture::Fixture, meeting: Id, title: &str) -> Id {
    f.store
        .planned_agenda(meeting)
        .unwrap()
        .items
        .iter()
        .find(|p| p.item.title == title)
        .unwrap_or_else(|| panic!("agenda item {title}"))
        .item
        .id
}

/// The planned meeting of the PDF tests with three more papers: a two-page
/// PDF under "Mededelingen", a PDF under the confidential item, and a text
/// file under no item.
fn with_papers() -> (Planned, PathBuf) {
    let planned = planned();
    let Planned { f, meeting } = &planned;
    let analysis = attach(
        f,
        *meeting,
        "analyse.pdf",
        &paper_pdf("ANALYSEMARKER", 2),
        "Analyse arbeidsuitbuiting",
    );
    let secret = attach(
        f,
        *meeting,
        "bron.pdf",
        &paper_pdf("GEHEIMBRONMARKER", 1),
        "Bronnenoverzicht",
    );
    let list = attach(
        f,
        *meeting,
        "Deelnemers.txt",
        b"Deelnemerslijst\n",
        "Deelnemerslijst",
    );
    f.store
        .set_document_agenda_item(analysis.link_id, Some(item_id(f, *meeting, "Mededelingen")))
        .unwrap();
    f.store
        .set_document_agenda_item(
            secret.link_id,
            Some(item_id(f, *meeting, "Geheime opsporingsinformatie")),
        )
        .unwrap();
    let _ = list;
    let dir = f.dir.path().to_path_buf();
    (planned, dir)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    write_atomically(&path, bytes).unwrap();
    path
}

#[test]
fn the_internal_pack_has_contents_agenda_and_papers_in_agenda_order_with_bookmarks() {
    let (Planned { f, meeting }, dir) = with_papers();
    let pack = meeting_pack(&f.store, meeting, Audience::Internal).unwrap();
    let path = write(&dir, "bundel.pdf", &pack.pdf);
    let text = flat(&poppler("pdftotext", &["-layout"], &path));
    let total = pages(&path);

    // Contents, agenda, then the papers under items in agenda order; the
    // placed papers' own text is still text.
    assert_in_order(
        &text,
        &[
            "Vergaderbundel",
            "Inhoud",
            "Agendapunten",
            "Analyse arbeidsuitbuiting",
            "bij agendapunt 2: Mededelingen",
            "ANALYSEMARKER onderdeel 1",
            "Bronnenoverzicht",
            "GEHEIMBRONMARKER onderdeel 1",
        ],
    );
    assert!(text.contains("Pagina 1 van"), "{text}");
    assert!(
        text.contains(&format!("Pagina {total} van {total}")),
        "{text}"
    );
    // The text file and the damaged PDF go beside the pack, named in it.
    assert!(text.contains("Apart meegestuurd"), "{text}");
    assert!(text.contains("Deelnemers.txt"), "{text}");
    assert!(text.contains("notitie.pdf"), "{text}");
    let names: Vec<_> = pack
        .attachments
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(names, ["notitie.pdf", "Deelnemers.txt"]);
    assert_eq!(pack.warnings.len(), 1, "the damaged PDF");
    assert!(
        pack.warnings[0]
            .render(Lang::Nl)
            .contains("Notitie ketenregie"),
        "{}",
        pack.warnings[0].render(Lang::Nl)
    );
    assert!(pack.warnings[0]
        .render(Lang::En)
        .contains("could not be read"));

    let structure = read_with("pdf_structure.py", "pypdf", &path);
    assert_eq!(structure["pages"], total);
    let outline: Vec<String> = structure["outline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["title"].as_str().unwrap().to_string())
        .collect();
    let at = |title: &str| {
        outline
            .iter()
            .position(|t| t.contains(title))
            .unwrap_or_else(|| panic!("no bookmark {title} in {outline:?}"))
    };
    assert!(at("Agenda") < at("1. Opening"));
    assert!(at("2. Mededelingen") < at("Analyse arbeidsuitbuiting"));
    assert!(at("Analyse arbeidsuitbuiting") < at("Bronnenoverzicht"));
    assert_eq!(structure["lang"], "nl-NL");
    assert_eq!(structure["marked"], true, "tagged");
    // Pages of papers we did not make cannot be vouched for as PDF/A.
    assert_eq!(structure["pdfa_part"], serde_json::Value::Null);
}

#[test]
fn every_pdf_the_app_writes_is_archival_tagged_and_dutch() {
    let Planned { f, meeting } = planned();
    let dir = f.dir.path().to_path_buf();
    // The fixture's one paper is a damaged PDF: it travels beside the pack,
    // so nothing foreign is placed and the pack stays PDF/A.
    let pack = meeting_pack(&f.store, meeting, Audience::Internal).unwrap();
    f.store.schedule_meeting(meeting).unwrap();
    f.clock
        .set(f.store.meeting(meeting).unwrap().meeting.ends_at);
    f.store.hold_meeting(meeting).unwrap();
    f.store.set_minutes(meeting, "Verslag.", None).unwrap();
    let files = [
        ("pack.pdf", pack.pdf),
        (
            "agenda.pdf",
            agenda_pdf(&f.store, meeting, Audience::External).unwrap(),
        ),
        (
            "verslag.pdf",
            taskforce_export::pdf::minutes_pdf(&f.store, meeting).unwrap(),
        ),
        (
            "rapportage.pdf",
            taskforce_export::pdf::term_report_pdf(
                &taskforce_export::report::term_report_data(&f.store, 5).unwrap(),
                f.store.now(),
            )
            .unwrap(),
        ),
    ];
    for (name, bytes) in files {
        let path = write(&dir, name, &bytes);
        let structure = read_with("pdf_structure.py", "pypdf", &path);
        assert_eq!(structure["pdfa_part"], "2", "{name}");
        assert_eq!(structure["pdfa_conformance"], "A", "{name}");
        assert_eq!(structure["marked"], true, "{name} is tagged");
        assert_eq!(structure["lang"], "nl-NL", "{name}");
        let info = poppler("pdfinfo", &[], &path);
        assert!(info.contains("Tagged:          yes"), "{name}: {info}");
    }
}

#[test]
fn the_external_pack_leaves_out_what_the_external_agenda_leaves_out() {
    let (Planned { f, meeting }, dir) = with_papers();
    let pack = meeting_pack(&f.store, meeting, Audience::External).unwrap();
    let path = write(&dir, "bundel-extern.pdf", &pack.pdf);
    let text = flat(&poppler("pdftotext", &["-layout"], &path));
    assert!(text.contains("Analyse arbeidsuitbuiting"), "{text}");
    assert!(text.contains("ANALYSEMARKER"), "{text}");
    for secret in [
        "Geheime opsporingsinformatie",
        "Bronnenoverzicht",
        "GEHEIMBRONMARKER",
        "Notitie ketenregie",
        "notitie.pdf",
        "tuinbouw",
        "Rahul",
        "FairWork",
        "Anna Smit",
    ] {
        assert!(!text.contains(secret), "{secret} in the external pack");
        assert!(
            !pack
                .pdf
                .windows(secret.len())
                .any(|w| w == secret.as_bytes()),
            "{secret} in the external pack's bytes"
        );
    }
    let names: Vec<_> = pack
        .attachments
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(names, ["Deelnemers.txt"]);
    assert!(
        pack.warnings.is_empty(),
        "the damaged paper is confidential"
    );
    let structure = read_with("pdf_structure.py", "pypdf", &path);
    let outline = structure["outline"].to_string();
    assert!(
        !outline.contains("Geheime") && !outline.contains("Bronnen"),
        "{outline}"
    );
}

#[test]
fn a_paper_gone_from_the_documents_folder_stops_the_pack_with_its_name() {
    let (Planned { f, meeting }, _dir) = with_papers();
    let analysis = f
        .store
        .documents_of(DocumentTarget::Meeting(meeting))
        .unwrap()
        .into_iter()
        .find(|d| d.document.title == "Analyse arbeidsuitbuiting")
        .unwrap();
    std::fs::remove_file(f.store.document_file(analysis.document.id).unwrap()).unwrap();
    let error = meeting_pack(&f.store, meeting, Audience::Internal).unwrap_err();
    assert!(
        error.to_string().contains("Analyse arbeidsuitbuiting"),
        "{error}"
    );
}

#[test]
fn a_locked_pdf_goes_beside_the_pack_with_a_warning() {
    let (Planned { f, meeting }, dir) = with_papers();
    // A PDF with an /Encrypt dictionary needing a user password: made with
    // qpdf, the independent tool, from one of our own PDFs.
    let plain = write(&dir, "open.pdf", &paper_pdf("SLOTMARKER", 1));
    let locked = dir.join("slot.pdf");
    let status = std::process::Command::new("qpdf")
        .args(["--encrypt", "geheim", "eigenaar", "256", "--"])
        .arg(&plain)
        .arg(&locked)
        .status()
        .expect("qpdf (apt install qpdf)");
    assert!(status.success());
    attach(
        &f,
        meeting,
        "slot.pdf",
        &std::fs::read(&locked).unwrap(),
        "Beveiligd stuk",
    );
    let pack = meeting_pack(&f.store, meeting, Audience::Internal).unwrap();
    assert!(pack.warnings.iter().any(|w| w
        .render(Lang::Nl)
        .contains("Beveiligd stuk is met een wachtwoord beveiligd")));
    assert!(pack.attachments.iter().any(|a| a.file_name == "slot.pdf"));
    let text = flat(&poppler("pdftotext", &[], &write(&dir, "b.pdf", &pack.pdf)));
    assert!(!text.contains("SLOTMARKER"));
}
