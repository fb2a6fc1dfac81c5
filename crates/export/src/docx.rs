//! Word (`.docx`) versions of the agenda and the minutes, for a secretary who
//! wants to edit before sending. Rendered from the same data as the PDFs (so
//! the external agenda leaves out exactly what the PDF leaves out) and styled
//! alike: named paragraph styles Word lists as *Kop 1*/*Titel*, a header with
//! the task force's name, a footer with the classification and
//! `Pagina X van Y` as live fields, tables with a coloured heading row.

use super::agenda::{agenda_data, AgendaData, Audience};
use super::minutes::{minutes_data, MinutesData};
use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Docx, Footer, Header, IndentLevel, Level,
    LevelJc, LevelText, LineSpacing, NumPages, NumberFormat, Numbering, NumberingId, PageMargin,
    PageNum, Paragraph, Run, RunFonts, Shading, ShdType, SpecialIndentType, Start, Style,
    StyleType, Table, TableBorder, TableBorderPosition, TableBorders, TableCell, TableRow,
    WidthType,
};
use taskforce::domain::Id;
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::markdown::{Block, Span};
use taskforce::msg;
use taskforce::Store;

const RIBBON: &str = "154273";
const MUTED: &str = "4A4A4A";
const RULE: &str = "D0D5DD";
const FONT: &str = "DejaVu Sans";
/// A4 at the PDF's margins: 21 cm − 2.4 cm − 2.2 cm, in twentieths of a point.
const TEXT_WIDTH: usize = 9298;
/// Above the ids docx-rs uses for its own default numbering.
const BULLETS: usize = 7;

fn cm(value: f64) -> usize {
    (value * 567.0).round() as usize
}

/// The document skeleton shared by every Word export.
fn document(title: &str, classification: &str, organisation: &str) -> Docx {
    let header = Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text(organisation).size(16).color(MUTED)),
    );
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(classification).size(16).color(MUTED))
            .add_run(Run::new().add_tab().size(16))
            .add_run(Run::new().add_text("Pagina ").size(16).color(MUTED))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" van ").size(16).color(MUTED))
            .add_num_pages(NumPages::new())
            .add_tab(
                docx_rs::Tab::new()
                    .val(docx_rs::TabValueType::Right)
                    .pos(TEXT_WIDTH),
            ),
    );
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin {
            top: cm(2.2) as i32,
            left: cm(2.4) as i32,
            bottom: cm(2.4) as i32,
            right: cm(2.2) as i32,
            header: cm(1.0) as i32,
            footer: cm(1.0) as i32,
            gutter: 0,
        })
        .default_fonts(
            RunFonts::new()
                .ascii(FONT)
                .hi_ansi(FONT)
                .cs(FONT)
                .east_asia(FONT),
        )
        .default_size(20)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .next("Normal")
                .size(36)
                .bold()
                .color(RIBBON),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("heading 1")
                .based_on("Normal")
                .next("Normal")
                .size(24)
                .bold()
                .color(RIBBON)
                .line_spacing(LineSpacing::new().before(280).after(120))
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("heading 2")
                .based_on("Normal")
                .next("Normal")
                .size(22)
                .bold()
                .color(RIBBON)
                .line_spacing(LineSpacing::new().before(200).after(80))
                .outline_lvl(1),
        )
        .add_abstract_numbering(
            AbstractNumbering::new(BULLETS).add_level(
                Level::new(
                    0,
                    Start::new(1),
                    NumberFormat::new("bullet"),
                    LevelText::new("•"),
                    LevelJc::new("left"),
                )
                .indent(
                    Some(360),
                    Some(SpecialIndentType::Hanging(360)),
                    None,
                    None,
                ),
            ),
        )
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .header(header)
        .footer(footer)
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(title)),
        )
}

fn heading(text: &str) -> Paragraph {
    Paragraph::new()
        .style("Heading1")
        .keep_next(true)
        .add_run(Run::new().add_text(text))
}

fn text(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

fn muted(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).color(MUTED))
}

fn bullet(text: &str) -> Paragraph {
    Paragraph::new()
        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0))
        .add_run(Run::new().add_text(text))
}

fn cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(text)))
}

fn heading_cell(text: &str, width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(RIBBON),
        )
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(text).bold().color("FFFFFF")))
}

/// Widths in cm; the one column given as 0 takes what is left of the text
/// width, as `1fr` does in the PDF templates.
fn column_widths(widths_cm: &[f64]) -> Vec<usize> {
    let fixed: usize = widths_cm.iter().filter(|w| **w > 0.0).map(|w| cm(*w)).sum();
    widths_cm
        .iter()
        .map(|w| {
            if *w > 0.0 {
                cm(*w)
            } else {
                TEXT_WIDTH.saturating_sub(fixed).max(cm(2.0))
            }
        })
        .collect()
}

/// A table with a coloured heading row and thin rules between rows, like
/// the PDF's.
fn table(header: &[&str], widths_cm: &[f64], rows: Vec<Vec<String>>) -> Table {
    let widths = column_widths(widths_cm);
    let rule = |position| {
        TableBorder::new(position)
            .border_type(BorderType::Single)
            .size(4)
            .color(RULE)
    };
    let borders = TableBorders::with_empty()
        .set(rule(TableBorderPosition::Bottom))
        .set(rule(TableBorderPosition::InsideH));
    let mut table_rows = Vec::with_capacity(rows.len() + 1);
    table_rows.push(TableRow::new(
        header
            .iter()
            .zip(&widths)
            .map(|(h, w)| heading_cell(h, *w))
            .collect(),
    ));
    for row in rows {
        table_rows.push(TableRow::new(
            row.iter().zip(&widths).map(|(t, w)| cell(t, *w)).collect(),
        ));
    }
    Table::new(table_rows)
        .set_grid(widths)
        .width(TEXT_WIDTH, WidthType::Dxa)
        .set_borders(borders)
}

/// Label/value lines under the title (date, time, location…), without rules.
fn facts(rows: &[(&str, String)]) -> Table {
    let widths = column_widths(&[4.6, 0.0]);
    Table::new(
        rows.iter()
            .map(|(label, value)| {
                TableRow::new(vec![
                    TableCell::new()
                        .width(widths[0], WidthType::Dxa)
                        .add_paragraph(
                            Paragraph::new().add_run(Run::new().add_text(*label).bold()),
                        ),
                    cell(value, widths[1]),
                ])
            })
            .collect(),
    )
    .set_grid(widths)
    .width(TEXT_WIDTH, WidthType::Dxa)
    .set_borders(TableBorders::with_empty())
}

fn pack(docx: Docx) -> Result<Vec<u8>> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    docx.build().pack(&mut bytes).map_err(|e| {
        Error::validation(
            Field::Export,
            msg!(ExportDocxFailed, detail = e.to_string()),
        )
    })?;
    Ok(bytes.into_inner())
}

fn agenda_document(data: &AgendaData) -> Docx {
    let mut doc = document(
        &format!("Agenda bijeenkomst {}", data.meeting_number),
        &data.classification,
        data.organisation,
    )
    .add_paragraph(muted(&format!(
        "{} — termijn {}",
        data.organisation, data.term_number
    )));
    let subject = match &data.subject {
        Some(s) => format!("{} ({})", s.title, s.kind),
        None => "nog geen centraal onderwerp".to_string(),
    };
    let location = if data.location.is_empty() {
        "—".to_string()
    } else {
        data.location.clone()
    };
    doc = doc.add_table(facts(&[
        ("Datum", data.date_text.clone()),
        ("Tijd", data.time_text.clone()),
        ("Locatie", location),
        ("Centraal onderwerp", subject),
    ]));
    if let Some(s) = data.subject.as_ref().filter(|s| !s.description.is_empty()) {
        doc = doc.add_paragraph(text(&s.description));
    }
    doc = doc.add_paragraph(heading("Agendapunten")).add_table(table(
        &["Tijd", "Nr.", "Onderwerp", "Inleider"],
        &[1.6, 1.0, 0.0, 4.2],
        data.items
            .iter()
            .map(|i| {
                vec![
                    i.time.clone(),
                    format!("{}.", i.number),
                    i.title.clone(),
                    i.presenter.clone(),
                ]
            })
            .collect(),
    ));
    doc = doc.add_paragraph(muted(&format!("Geplande eindtijd: {}", data.end_text)));
    if !data.partners.is_empty() {
        doc = doc.add_paragraph(heading("Uitgenodigde externe partners"));
        for partner in &data.partners {
            doc = doc.add_paragraph(bullet(partner));
        }
    }
    doc = doc.add_paragraph(heading("Vergaderstukken"));
    if data.papers.is_empty() {
        doc = doc.add_paragraph(muted("Geen vergaderstukken."));
    }
    for paper in &data.papers {
        doc = doc.add_paragraph(bullet(&format!("{} ({})", paper.title, paper.kind)));
    }
    doc
}

pub fn agenda_docx(store: &Store, meeting: Id, audience: Audience) -> Result<Vec<u8>> {
    pack(agenda_document(&agenda_data(store, meeting, audience)?))
}

fn spans(paragraph: Paragraph, spans: &[Span]) -> Paragraph {
    spans.iter().fold(paragraph, |p, span| {
        let mut run = Run::new().add_text(&span.text);
        if span.bold {
            run = run.bold();
        }
        if span.italic {
            run = run.italic();
        }
        p.add_run(run)
    })
}

fn markdown_block(block: &Block) -> Paragraph {
    match block.kind {
        "heading" => spans(
            Paragraph::new().style(if block.level <= 1 {
                "Heading1"
            } else {
                "Heading2"
            }),
            &block.spans,
        ),
        "item" => spans(
            Paragraph::new().numbering(
                NumberingId::new(BULLETS),
                IndentLevel::new(usize::from(block.level.saturating_sub(1))),
            ),
            &block.spans,
        ),
        _ => spans(Paragraph::new(), &block.spans),
    }
}

fn minutes_document(data: &MinutesData) -> Docx {
    let mut doc = document(
        &format!("Verslag bijeenkomst {}", data.meeting_number),
        &format!("Verslag — {}", data.status_text),
        // Concept minutes say so on every page (the header repeats).
        &if data.concept {
            format!("CONCEPT — {}", data.organisation)
        } else {
            data.organisation.to_string()
        },
    )
    .add_paragraph(muted(&format!(
        "{} — termijn {}",
        data.organisation, data.term_number
    )))
    .add_table(facts(&[
        ("Datum", data.date_text.clone()),
        ("Centraal onderwerp", data.subject.clone()),
        ("Status", data.status_text.clone()),
    ]))
    .add_paragraph(heading("Aanwezigheid"))
    .add_table(table(
        &["Lid", "Aanwezigheid"],
        &[0.0, 6.0],
        data.attendance
            .iter()
            .map(|a| vec![a.seat.clone(), a.status.clone()])
            .collect(),
    ))
    .add_paragraph(heading("Verslag"));
    for block in &data.blocks {
        doc = doc.add_paragraph(markdown_block(block));
    }
    let decisions_table = |rows: &[super::minutes::DecisionRow]| {
        table(
            &["Nummer", "Besluit"],
            &[2.8, 0.0],
            rows.iter()
                .map(|d| vec![d.code.clone(), d.text.clone()])
                .collect(),
        )
    };
    let actions_table = |rows: &[super::minutes::ActionRow]| {
        table(
            &["Actie", "Actiehouder", "Deadline", "Status"],
            &[0.0, 3.8, 2.8, 2.2],
            rows.iter()
                .map(|a| {
                    vec![
                        a.description.clone(),
                        a.owner.clone(),
                        a.due.clone(),
                        a.status.to_string(),
                    ]
                })
                .collect(),
        )
    };
    // Decisions and actions tied to an agenda item stand under it.
    let by_item = !data.items.is_empty();
    if by_item {
        doc = doc.add_paragraph(heading("Besluiten en acties per agendapunt"));
        for item in &data.items {
            doc = doc.add_paragraph(
                Paragraph::new().add_run(
                    Run::new()
                        .add_text(format!("{}. {}", item.position, item.title))
                        .bold(),
                ),
            );
            if !item.decisions.is_empty() {
                doc = doc.add_table(decisions_table(&item.decisions));
            }
            if !item.actions.is_empty() {
                doc = doc.add_table(actions_table(&item.actions));
            }
        }
    }
    if !by_item || !data.decisions.is_empty() {
        doc = doc.add_paragraph(heading(if by_item {
            "Overige besluiten"
        } else {
            "Besluiten"
        }));
        doc = if data.decisions.is_empty() {
            doc.add_paragraph(muted("Geen besluiten."))
        } else {
            doc.add_table(decisions_table(&data.decisions))
        };
    }
    if !by_item || !data.actions.is_empty() {
        doc = doc.add_paragraph(heading(if by_item {
            "Overige acties"
        } else {
            "Actielijst"
        }));
        doc = if data.actions.is_empty() {
            doc.add_paragraph(muted("Geen acties."))
        } else {
            doc.add_table(actions_table(&data.actions))
        };
    }
    doc
}

pub fn minutes_docx(store: &Store, meeting: Id) -> Result<Vec<u8>> {
    pack(minutes_document(&minutes_data(store, meeting)?))
}
