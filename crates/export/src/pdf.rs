//! PDF documents through the embedded Typst engine. Templates are readable
//! `.typ` files in `templates/`; the data goes in as one JSON value
//! (`sys.inputs.data`), so a template can be changed without touching Rust.
//! Fonts (DejaVu Sans, licence beside them) are embedded in the binary
//! (deflated, see build.rs) and in every PDF, so what prints is what was
//! designed.

use super::agenda::{agenda_data, Audience};
use super::minutes::minutes_data;
use super::report::TermReportData;
use chrono::{DateTime, Datelike, Timelike, Utc};
use serde::Serialize;
use std::sync::OnceLock;
use taskforce::domain::Id;
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::msg;
use taskforce::Store;
use typst::foundations::Datetime;
use typst::foundations::{Bytes, Dict, IntoValue};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};
use typst_pdf::{PdfStandard, PdfStandards, Timestamp};

static DEFLATED_FONTS: [&[u8]; 4] = [
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans.ttf.deflate")),
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Bold.ttf.deflate")),
    include_bytes!(concat!(env!("OUT_DIR"), "/DejaVuSans-Oblique.ttf.deflate")),
    include_bytes!(concat!(
        env!("OUT_DIR"),
        "/DejaVuSans-BoldOblique.ttf.deflate"
    )),
];

/// The fonts, inflated once and shared by every engine (`Bytes` is
/// reference-counted; a slice would be copied into each engine). They were
/// deflated by build.rs from the files in assets/fonts, so inflating cannot
/// fail unless the binary is damaged; a unit test inflates them all.
fn fonts() -> &'static [Bytes] {
    static FONTS: OnceLock<Vec<Bytes>> = OnceLock::new();
    FONTS.get_or_init(|| {
        DEFLATED_FONTS
            .iter()
            .filter_map(|deflated| miniz_oxide::inflate::decompress_to_vec(deflated).ok())
            .map(Bytes::new)
            .collect()
    })
}

type Engine = TypstEngine<TypstTemplateMainFile>;

/// One engine per template, built on first use: parsing the fonts is most of
/// an engine's start-up, so warm exports skip it.
fn engine(cell: &'static OnceLock<Engine>, template: &'static str) -> &'static Engine {
    cell.get_or_init(|| {
        TypstEngine::builder()
            .main_file(template)
            .with_static_source_file_resolver([(
                "agenda-body.typ",
                include_str!("../templates/agenda-body.typ"),
            )])
            .fonts(fonts().iter().cloned())
            .build()
    })
}

fn agenda_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    engine(&ENGINE, include_str!("../templates/agenda.typ"))
}

fn minutes_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    engine(&ENGINE, include_str!("../templates/minutes.typ"))
}

fn pack_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    engine(&ENGINE, include_str!("../templates/pack.typ"))
}

fn report_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    engine(&ENGINE, include_str!("../templates/term-report.typ"))
}

fn render(engine: &Engine, data: &impl Serialize, created: DateTime<Utc>) -> Result<Vec<u8>> {
    render_with(engine, data, Vec::new(), created)
}

/// Typesets `data` with extra inputs (a pack's papers, by key) into a
/// tagged PDF with its language set. Without placed papers it is archival:
/// PDF/A-2a, which asks for tags, Unicode text and the document language on
/// top of PDF/A-2b. Pages of papers we did not make cannot be vouched for
/// (Typst refuses to embed them under a PDF/A validator), so a pack that
/// places them is a tagged PDF 1.7 with the same structure.
pub(crate) fn render_with(
    engine: &Engine,
    data: &impl Serialize,
    files: Vec<(String, Vec<u8>)>,
    created: DateTime<Utc>,
) -> Result<Vec<u8>> {
    let archival = files.is_empty();
    let json = serde_json::to_string(data).map_err(|e| {
        Error::validation(
            Field::Export,
            msg!(ExportDataFailed, detail = e.to_string()),
        )
    })?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.as_str().into_value());
    for (key, bytes) in files {
        inputs.insert(key.as_str().into(), Bytes::new(bytes).into_value());
    }
    let document: typst_layout::PagedDocument =
        engine.compile_with_input(inputs).output.map_err(|e| {
            Error::validation(
                Field::Export,
                msg!(ExportTemplateFailed, detail = format!("{e:?}")),
            )
        })?;
    let options = typst_pdf::PdfOptions {
        standards: PdfStandards::new(if archival {
            &[PdfStandard::A_2a]
        } else {
            &[PdfStandard::V_1_7]
        })
        .map_err(|e| {
            Error::validation(
                Field::Export,
                msg!(ExportPdfFailed, detail = format!("{e:?}")),
            )
        })?,
        tagged: true,
        // PDF/A records when a document was made: the store's clock.
        timestamp: Datetime::from_ymd_hms(
            created.year(),
            created.month() as u8,
            created.day() as u8,
            created.hour() as u8,
            created.minute() as u8,
            created.second() as u8,
        )
        .map(Timestamp::new_utc),
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|e| {
        Error::validation(
            Field::Export,
            msg!(ExportPdfFailed, detail = format!("{e:?}")),
        )
    })
}

pub fn agenda_pdf(store: &Store, meeting: Id, audience: Audience) -> Result<Vec<u8>> {
    render(
        agenda_engine(),
        &agenda_data(store, meeting, audience)?,
        store.now(),
    )
}

pub fn minutes_pdf(store: &Store, meeting: Id) -> Result<Vec<u8>> {
    render(
        minutes_engine(),
        &minutes_data(store, meeting)?,
        store.now(),
    )
}

/// Typesets gathered minutes (see [`super::minutes::minutes_data`]).
pub fn minutes_pdf_of(
    data: &crate::minutes::MinutesData,
    created: DateTime<Utc>,
) -> Result<Vec<u8>> {
    render(minutes_engine(), data, created)
}

/// Typesets a gathered term report (see [`super::report::term_report_data`]).
pub fn term_report_pdf(data: &TermReportData, created: DateTime<Utc>) -> Result<Vec<u8>> {
    render(report_engine(), data, created)
}

/// Typesets a gathered meeting pack (see [`super::pack`]).
pub(crate) fn pack_pdf(
    data: &impl Serialize,
    papers: Vec<(String, Vec<u8>)>,
    created: DateTime<Utc>,
) -> Result<Vec<u8>> {
    render_with(pack_engine(), data, papers, created)
}

#[cfg(test)]
mod tests {
    /// What the engines get is the shipped font files, byte for byte, in
    /// the order of the styles.
    #[test]
    fn the_embedded_fonts_inflate_to_the_shipped_files() {
        let names = [
            "DejaVuSans.ttf",
            "DejaVuSans-Bold.ttf",
            "DejaVuSans-Oblique.ttf",
            "DejaVuSans-BoldOblique.ttf",
        ];
        let fonts = super::fonts();
        assert_eq!(fonts.len(), names.len());
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/fonts");
        for (font, name) in fonts.iter().zip(names) {
            let file = std::fs::read(folder.join(name)).expect("font file");
            assert!(font[..] == file[..], "{name}");
        }
    }
}
