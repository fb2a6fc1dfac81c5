//! PDF documents through the embedded Typst engine. Templates are readable
//! `.typ` files in `templates/`; the data goes in as one JSON value
//! (`sys.inputs.data`), so a template can be changed without touching Rust.
//! Fonts (DejaVu Sans, licence beside them) are embedded in the binary and in
//! every PDF, so what prints is what was designed.

use super::agenda::{agenda_data, Audience};
use super::minutes::minutes_data;
use super::report::TermReportData;
use serde::Serialize;
use std::sync::OnceLock;
use taskforce::domain::Id;
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::msg;
use taskforce::Store;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};

static FONTS: [&[u8]; 4] = [
    include_bytes!("../assets/fonts/DejaVuSans.ttf"),
    include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../assets/fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../assets/fonts/DejaVuSans-BoldOblique.ttf"),
];

type Engine = TypstEngine<TypstTemplateMainFile>;

/// One engine per template, built on first use: parsing the fonts is most of
/// an engine's start-up, so warm exports skip it.
fn engine(cell: &'static OnceLock<Engine>, template: &'static str) -> &'static Engine {
    cell.get_or_init(|| {
        TypstEngine::builder()
            .main_file(template)
            .fonts(FONTS)
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

fn report_engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    engine(&ENGINE, include_str!("../templates/term-report.typ"))
}

fn render(engine: &Engine, data: &impl Serialize) -> Result<Vec<u8>> {
    let json = serde_json::to_string(data).map_err(|e| {
        Error::validation(
            Field::Export,
            msg!(ExportDataFailed, detail = e.to_string()),
        )
    })?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.as_str().into_value());
    let document: typst_layout::PagedDocument =
        engine.compile_with_input(inputs).output.map_err(|e| {
            Error::validation(
                Field::Export,
                msg!(ExportTemplateFailed, detail = format!("{e:?}")),
            )
        })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default()).map_err(|e| {
        Error::validation(
            Field::Export,
            msg!(ExportPdfFailed, detail = format!("{e:?}")),
        )
    })
}

pub fn agenda_pdf(store: &Store, meeting: Id, audience: Audience) -> Result<Vec<u8>> {
    render(agenda_engine(), &agenda_data(store, meeting, audience)?)
}

pub fn minutes_pdf(store: &Store, meeting: Id) -> Result<Vec<u8>> {
    render(minutes_engine(), &minutes_data(store, meeting)?)
}

/// Typesets a gathered term report (see [`super::report::term_report_data`]).
pub fn term_report_pdf(data: &TermReportData) -> Result<Vec<u8>> {
    render(report_engine(), data)
}
