//! PDF documents through the embedded Typst engine. Templates are readable
//! `.typ` files in `templates/`; the data goes in as one JSON value
//! (`sys.inputs.data`), so a template can be changed without touching Rust.
//! Fonts (DejaVu Sans, licence beside them) are embedded in the binary and in
//! every PDF, so what prints is what was designed.

use crate::calendar::{dutch_date, to_amsterdam};
use crate::domain::{DocumentKind, DocumentTarget, Id, InvitationStatus, SubjectKind};
use crate::error::{Error, Result};
use crate::Store;
use serde::Serialize;
use std::sync::OnceLock;
use typst::foundations::{Dict, IntoValue};
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};

static FONTS: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/DejaVuSans.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-Oblique.ttf"),
    include_bytes!("../../assets/fonts/DejaVuSans-BoldOblique.ttf"),
];

const AGENDA_TEMPLATE: &str = include_str!("../../templates/agenda.typ");
pub const ORGANISATION: &str = "Task Force Aanpak Mensenhandel";

/// Who the document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Members and secretariat: everything.
    Internal,
    /// Invited partners: nothing marked confidential, no other partners' names.
    External,
}

/// Parsing the fonts once is most of the engine's start-up.
fn agenda_engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .main_file(AGENDA_TEMPLATE)
            .fonts(FONTS)
            .build()
    })
}

fn render(engine: &TypstEngine<TypstTemplateMainFile>, data: &impl Serialize) -> Result<Vec<u8>> {
    let json =
        serde_json::to_string(data).map_err(|e| Error::validation("export", e.to_string()))?;
    let mut inputs = Dict::new();
    inputs.insert("data".into(), json.as_str().into_value());
    let document: typst_layout::PagedDocument =
        engine.compile_with_input(inputs).output.map_err(|e| {
            Error::validation(
                "export",
                format!("het sjabloon kon niet worden opgemaakt ({e:?})"),
            )
        })?;
    typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
        .map_err(|e| Error::validation("export", format!("de PDF kon niet worden gemaakt ({e:?})")))
}

#[derive(Debug, Serialize)]
pub struct AgendaData {
    pub organisation: &'static str,
    pub meeting_number: u32,
    pub term_number: u32,
    pub date_text: String,
    pub time_text: String,
    pub end_text: String,
    pub location: String,
    pub subject: Option<SubjectData>,
    pub items: Vec<ItemData>,
    pub partners: Vec<String>,
    pub papers: Vec<PaperData>,
    pub classification: String,
}

#[derive(Debug, Serialize)]
pub struct SubjectData {
    pub title: String,
    pub kind: &'static str,
    pub description: String,
}

#[derive(Debug, Serialize)]
pub struct ItemData {
    pub number: u32,
    pub time: String,
    pub title: String,
    pub presenter: String,
}

#[derive(Debug, Serialize)]
pub struct PaperData {
    pub title: String,
    pub kind: &'static str,
}

fn kind_name(kind: SubjectKind) -> &'static str {
    match kind {
        SubjectKind::Case => "casus",
        SubjectKind::Phenomenon => "fenomeen",
        SubjectKind::Theme => "thema",
    }
}

fn paper_kind(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::Decree => "instellingsbesluit",
        DocumentKind::ExtensionDecree => "verlengingsbesluit",
        DocumentKind::Evaluation => "evaluatie",
        DocumentKind::MeetingPaper => "vergaderstuk",
        DocumentKind::Presentation => "presentatie",
        DocumentKind::Other => "overig",
    }
}

/// What goes on the agenda for this audience. Confidential items, a
/// confidential subject's description (and title) and confidential papers are
/// left out of the external version, as are all partner names.
pub fn agenda_data(store: &Store, meeting: Id, audience: Audience) -> Result<AgendaData> {
    let detail = store.meeting(meeting)?;
    let planned = store.planned_agenda(meeting)?;
    let external = audience == Audience::External;
    let local_start = to_amsterdam(detail.meeting.starts_at);
    let local_end = to_amsterdam(detail.meeting.ends_at);
    let subject = detail
        .subject
        .as_ref()
        .map(|s| match (external, s.confidential) {
            (true, true) => SubjectData {
                title: format!("vertrouwelijke {}", kind_name(s.kind)),
                kind: kind_name(s.kind),
                description: String::new(),
            },
            _ => SubjectData {
                title: s.title.clone(),
                kind: kind_name(s.kind),
                description: s.description.clone(),
            },
        });
    let items = planned
        .items
        .iter()
        .filter(|p| !(external && p.item.confidential))
        .enumerate()
        .map(|(index, p)| ItemData {
            number: index as u32 + 1,
            time: to_amsterdam(p.starts_at).format("%H.%M").to_string(),
            title: p.item.title.clone(),
            presenter: p.item.presenter.clone().unwrap_or_default(),
        })
        .collect();
    let partners = if external {
        Vec::new()
    } else {
        store
            .invitations(meeting)?
            .into_iter()
            .filter(|i| {
                !matches!(
                    i.status,
                    InvitationStatus::Declined | InvitationStatus::Proposed
                )
            })
            .map(|i| i.partner_name)
            .collect()
    };
    let papers = store
        .documents_of(DocumentTarget::Meeting(meeting))?
        .into_iter()
        .filter(|d| !(external && d.confidential))
        .map(|d| PaperData {
            title: d.document.title,
            kind: paper_kind(d.document.kind),
        })
        .collect();
    Ok(AgendaData {
        organisation: ORGANISATION,
        meeting_number: detail.meeting.number,
        term_number: detail.term_number,
        date_text: dutch_date(local_start.date()),
        time_text: format!(
            "{} – {} uur",
            local_start.format("%H.%M"),
            local_end.format("%H.%M")
        ),
        end_text: format!("{} uur", to_amsterdam(planned.ends_at).format("%H.%M")),
        location: detail.meeting.location.clone(),
        subject,
        items,
        partners,
        papers,
        classification: match audience {
            Audience::Internal => "Intern — alleen voor leden en secretariaat".to_string(),
            Audience::External => "Versie voor externe partners".to_string(),
        },
    })
}

pub fn agenda_pdf(store: &Store, meeting: Id, audience: Audience) -> Result<Vec<u8>> {
    let data = agenda_data(store, meeting, audience)?;
    render(agenda_engine(), &data)
}

const MINUTES_TEMPLATE: &str = include_str!("../../templates/minutes.typ");

fn minutes_engine() -> &'static TypstEngine<TypstTemplateMainFile> {
    static ENGINE: OnceLock<TypstEngine<TypstTemplateMainFile>> = OnceLock::new();
    ENGINE.get_or_init(|| {
        TypstEngine::builder()
            .main_file(MINUTES_TEMPLATE)
            .fonts(FONTS)
            .build()
    })
}

#[derive(Debug, Serialize)]
pub struct MinutesData {
    pub organisation: &'static str,
    pub meeting_number: u32,
    pub term_number: u32,
    pub date_text: String,
    pub subject: String,
    pub status_text: String,
    pub attendance: Vec<AttendanceRow>,
    pub blocks: Vec<crate::markdown::Block>,
    pub decisions: Vec<DecisionRow>,
    pub actions: Vec<ActionRow>,
}

#[derive(Debug, Serialize)]
pub struct AttendanceRow {
    pub seat: String,
    pub status: String,
}

#[derive(Debug, Serialize)]
pub struct DecisionRow {
    pub code: String,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct ActionRow {
    pub description: String,
    pub owner: String,
    pub due: String,
    pub status: &'static str,
}

/// The minutes of a held meeting: attendance, the text, decisions, actions,
/// and whether they are concept or adopted (and when).
pub fn minutes_data(store: &Store, meeting: Id) -> Result<MinutesData> {
    use crate::domain::{ActionStatus, AttendanceStatus, MinutesStatus};
    let detail = store.meeting(meeting)?;
    let minutes = store.minutes(meeting)?;
    let status_text = match &minutes {
        Some(m) if m.status == MinutesStatus::Adopted => format!(
            "vastgesteld op {}",
            m.adopted_at
                .map(|at| dutch_date(to_amsterdam(at).date()))
                .unwrap_or_default()
        ),
        _ => "concept".to_string(),
    };
    let attendance = store
        .attendance(meeting)?
        .into_iter()
        .map(|a| AttendanceRow {
            seat: format!("{}, {}", a.organisation, a.role),
            status: match a.status {
                Some(AttendanceStatus::Present) => "aanwezig".to_string(),
                Some(AttendanceStatus::Absent) => "afwezig".to_string(),
                Some(AttendanceStatus::Represented) => {
                    format!(
                        "vertegenwoordigd door {}",
                        a.represented_by.unwrap_or_default()
                    )
                }
                None => "—".to_string(),
            },
        })
        .collect();
    Ok(MinutesData {
        organisation: ORGANISATION,
        meeting_number: detail.meeting.number,
        term_number: detail.term_number,
        date_text: dutch_date(to_amsterdam(detail.meeting.starts_at).date()),
        subject: detail
            .subject
            .map_or("nog geen centraal onderwerp".to_string(), |s| s.title),
        status_text,
        attendance,
        blocks: crate::markdown::to_blocks(minutes.as_ref().map_or("", |m| m.body.as_str())),
        decisions: store
            .decisions_of_meeting(meeting)?
            .into_iter()
            .map(|d| DecisionRow {
                code: d.code,
                text: d.text,
            })
            .collect(),
        actions: store
            .actions_of_meeting(meeting)?
            .into_iter()
            .map(|a| ActionRow {
                description: a.description,
                owner: a.owner_name,
                due: a
                    .due_on
                    .map(|d| d.format("%d-%m-%Y").to_string())
                    .unwrap_or_default(),
                status: match a.status {
                    ActionStatus::Open => "open",
                    ActionStatus::Done => "afgerond",
                    ActionStatus::Dropped => "vervallen",
                },
            })
            .collect(),
    })
}

pub fn minutes_pdf(store: &Store, meeting: Id) -> Result<Vec<u8>> {
    render(minutes_engine(), &minutes_data(store, meeting)?)
}
