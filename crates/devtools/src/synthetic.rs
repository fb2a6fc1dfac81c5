//! A synthetic ten-year history of the task force, for benchmarks and the UI
//! performance test: terms with their seats, subjects, partners, meetings
//! held with attendance, invited partners, long minutes, decisions and a
//! great many actions. Every record is made through the same use cases the
//! app uses (so every rule, trigger and index is exercised), with Dutch text,
//! and the same seed always gives the same database.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use taskforce::calendar::amsterdam_to_utc;
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::error::{Error, Result};
use taskforce::import::{parse_members, MemberFormat};
use taskforce::message::MessageKey;
use taskforce::{FixedClock, Store};

/// How much to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub terms: u32,
    pub meetings: u32,
    pub subjects: u32,
    pub partners: u32,
    pub actions: u32,
    pub paragraphs: u32,
}

impl Size {
    /// Ten years of a busy task force, as the benchmarks' budgets assume.
    pub const TEN_YEARS: Size = Size {
        terms: 4,
        meetings: 500,
        subjects: 2_000,
        partners: 5_000,
        actions: 20_000,
        paragraphs: 100_000,
    };

    /// The same shape, `1/divisor` of the amount (at least one meeting per term).
    pub fn divided_by(self, divisor: u32) -> Size {
        let d = divisor.max(1);
        Size {
            terms: self.terms,
            meetings: (self.meetings / d).max(self.terms),
            subjects: (self.subjects / d).max(self.terms),
            partners: (self.partners / d).max(1),
            actions: self.actions / d,
            paragraphs: self.paragraphs / d,
        }
    }
}

/// SplitMix64: tiny, fast and stable across platforms and crate versions, so
/// a seed means the same data set forever.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word(&mut self, words: &[&'static str]) -> &'static str {
        words[self.below(words.len())]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const REGIONS: &[&str] = &[
    "Groningen",
    "Friesland",
    "Drenthe",
    "Overijssel",
    "Gelderland",
    "Utrecht",
    "Noord-Holland",
    "Zuid-Holland",
    "Zeeland",
    "Noord-Brabant",
    "Limburg",
    "Flevoland",
    "Rotterdam",
    "Amsterdam",
    "Den Haag",
    "Eindhoven",
    "Westland",
    "Caribisch Nederland",
];
const SECTORS: &[&str] = &[
    "tuinbouw",
    "horeca",
    "logistiek",
    "bouw",
    "schoonmaak",
    "vleesverwerking",
    "prostitutie",
    "nagelstudio's",
    "transport",
    "zorg",
    "scheepvaart",
    "webwinkels",
];
const FORMS: &[&str] = &[
    "seksueel",
    "arbeid",
    "crimineel",
    "orgaanverwijdering",
    "overig",
];
const PHENOMENA: &[&str] = &[
    "Loverboyproblematiek",
    "Uitbuiting van arbeidsmigranten",
    "Gedwongen criminaliteit",
    "Online werving",
    "Schijnconstructies",
    "Misbruik van verblijfsprocedures",
    "Minderjarige slachtoffers",
    "Financiële signalen",
    "Ketenaanpak",
    "Bestuurlijke aanpak",
];
const FIRST_NAMES: &[&str] = &[
    "Anna", "Jan", "Fatima", "Pieter", "Sanne", "Mohamed", "Eva", "Daan", "Noor", "Bram", "Lotte",
    "Youssef", "Marieke", "Thijs", "Chloë", "Joost", "Aïcha", "Ruben", "Inge", "Sven",
];
const LAST_NAMES: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Dijk",
    "El Amrani",
    "Yılmaz",
    "van den Berg",
    "Dekker",
    "Brouwer",
    "Koç",
];
const ORGANISATION_KINDS: &[&str] = &[
    "Stichting",
    "Expertisecentrum",
    "Zorgcoördinatie",
    "Vakbond",
    "Branchevereniging",
    "Advocatenkantoor",
    "Onderzoeksbureau",
    "Opvanglocatie",
    "Regionaal Informatie- en Expertisecentrum",
];
const SENTENCE_OPENINGS: &[&str] = &[
    "De voorzitter constateert dat",
    "De leden bespreken dat",
    "Het OM licht toe dat",
    "De Inspectie SZW meldt dat",
    "De gemeente geeft aan dat",
    "CoMensha benadrukt dat",
    "De politie signaleert dat",
    "De Nationaal Rapporteur merkt op dat",
    "Het secretariaat stelt voor dat",
    "De KMar vult aan dat",
];
const SENTENCE_MIDDLES: &[&str] = &[
    "het aantal meldingen in de {sector} toeneemt",
    "de samenwerking in {region} goed verloopt",
    "slachtoffers vaak niet als zodanig worden herkend",
    "de opvangcapaciteit onder druk staat",
    "signalen van {form} uitbuiting sneller gedeeld moeten worden",
    "de ketenpartners een gezamenlijke werkwijze opstellen",
    "er behoefte is aan scholing van eerstelijns professionals",
    "de financiële recherche een grotere rol kan spelen",
    "de privacyregels het delen van informatie bemoeilijken",
    "werkgevers in de {sector} beter gecontroleerd worden",
];
const SENTENCE_ENDINGS: &[&str] = &[
    ".",
    ", en dat dit in de volgende bijeenkomst terugkomt.",
    ", wat door de leden wordt onderschreven.",
    "; hierover volgt een notitie.",
    ", mede naar aanleiding van recente zaken.",
    ", waarbij de regionale coördinatoren worden betrokken.",
];
const ACTION_VERBS: &[&str] = &[
    "Notitie opstellen over",
    "Overleg organiseren over",
    "Cijfers verzamelen over",
    "Brief aan de minister voorbereiden over",
    "Werkbezoek plannen over",
    "Factsheet actualiseren over",
    "Contact leggen met experts over",
];

fn sentence(rng: &mut Random) -> String {
    let middle = rng
        .pick(SENTENCE_MIDDLES)
        .replace("{sector}", rng.word(SECTORS))
        .replace("{region}", rng.word(REGIONS))
        .replace(
            "{form}",
            match rng.word(FORMS) {
                "seksueel" => "seksuele",
                "arbeid" => "arbeids-",
                "crimineel" => "criminele",
                _ => "andere",
            },
        );
    format!(
        "{} {}{}",
        rng.word(SENTENCE_OPENINGS),
        middle,
        rng.word(SENTENCE_ENDINGS)
    )
}

fn paragraph(rng: &mut Random) -> String {
    let count = 2 + rng.below(3);
    (0..count)
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What was made.
#[derive(Debug, Default, Clone, serde::Serialize)]
pub struct Generated {
    pub terms: u32,
    pub meetings: u32,
    pub subjects: u32,
    pub partners: u32,
    pub invitations: u32,
    pub actions: u32,
    pub decisions: u32,
    pub paragraphs: u32,
}

/// Fills an empty store. `clock` must be the clock the store was opened
/// with: it is moved along so every record gets a plausible time. Writes
/// skip the fsync while generating (a crash means: generate again) and are
/// made durable at the end.
pub fn generate(
    store: &Store,
    clock: &FixedClock,
    seed: u64,
    size: Size,
    until: NaiveDate,
    progress: &mut dyn FnMut(&str),
) -> Result<Generated> {
    if !store.terms()?.is_empty() {
        return Err(Error::conflict(MessageKey::DevNotEmpty));
    }
    let mut rng = Random(seed);
    let mut made = Generated::default();
    store.set_durable(false)?;
    let outcome = fill(store, clock, &mut rng, size, until, &mut made, progress);
    store.set_durable(true)?;
    outcome.map(|_| made)
}

fn fill(
    store: &Store,
    clock: &FixedClock,
    rng: &mut Random,
    size: Size,
    until: NaiveDate,
    made: &mut Generated,
    progress: &mut dyn FnMut(&str),
) -> Result<()> {
    // Terms start on 1 March; the last one is running on `until`.
    let out_of_range = || Error::validation(Field::Until, MessageKey::DevDateOutOfRange);
    let last_start = NaiveDate::from_ymd_opt(until.year(), 3, 1)
        .filter(|d| *d <= until)
        .or_else(|| NaiveDate::from_ymd_opt(until.year() - 1, 3, 1))
        .ok_or_else(out_of_range)?;
    let first_start = last_start
        .checked_sub_months(chrono::Months::new(36 * (size.terms.max(1) - 1)))
        .ok_or_else(out_of_range)?;
    let at_noon = |date: NaiveDate| {
        amsterdam_to_utc(
            Field::Date,
            date.and_time(NaiveTime::MIN + Duration::hours(12)),
        )
    };
    clock.set(at_noon(first_start - Duration::days(30))?);
    let seats = parse_members(taskforce::TERM5_MEMBERS, MemberFormat::DecreeText)?;
    let mut terms = Vec::new();
    for index in 0..size.terms {
        let starts_on = first_start
            .checked_add_months(chrono::Months::new(36 * index))
            .ok_or_else(|| Error::validation(Field::Terms, MessageKey::DevDateOutOfRange))?;
        let ends_on = starts_on
            .checked_add_months(chrono::Months::new(36))
            .and_then(|d| d.pred_opt())
            .ok_or_else(|| Error::validation(Field::Terms, MessageKey::DevDateOutOfRange))?;
        let (term, _) = store.add_term_with_seats(
            &NewTerm {
                number: 7 - size.terms + index,
                starts_on,
                ends_on,
                goals: format!("{}\n\n{}", paragraph(rng), paragraph(rng)),
            },
            &seats,
        )?;
        terms.push(term);
        made.terms += 1;
    }
    progress("termijnen en leden");

    let mut subjects = Vec::with_capacity(size.subjects as usize);
    for n in 0..size.subjects {
        let form = rng.word(FORMS);
        let region = rng.word(REGIONS);
        let sector = rng.word(SECTORS);
        let kind = match rng.below(3) {
            0 => SubjectKind::Case,
            1 => SubjectKind::Phenomenon,
            _ => SubjectKind::Theme,
        };
        let title = match kind {
            SubjectKind::Case => format!("Casus {} in de {sector} ({region})", n + 1),
            _ => format!("{} – {sector}, {region} #{}", rng.word(PHENOMENA), n + 1),
        };
        let subject = store.add_subject(&SubjectDraft {
            title,
            kind,
            description: paragraph(rng),
            confidential: kind == SubjectKind::Case && rng.chance(30),
            tags: parse_tags(&[
                format!("uitbuiting:{form}"),
                format!("regio:{region}"),
                format!("sector:{sector}"),
            ])?,
        })?;
        subjects.push(subject);
    }
    made.subjects = size.subjects;
    progress("onderwerpen");

    let mut partners = Vec::with_capacity(size.partners as usize);
    for n in 0..size.partners {
        let region = rng.word(REGIONS);
        let partner = store.add_partner(&PartnerDraft {
            organisation: format!(
                "{} {} {region} {}",
                rng.word(ORGANISATION_KINDS),
                rng.word(SECTORS),
                n + 1
            ),
            contact_name: Some(format!(
                "{} {}",
                rng.word(FIRST_NAMES),
                rng.word(LAST_NAMES)
            )),
            email: Some(format!("contact{}@voorbeeld.nl", n + 1)),
            phone: None,
            notes: sentence(rng),
            tags: parse_tags(&[
                format!("uitbuiting:{}", rng.word(FORMS)),
                format!("regio:{region}"),
            ])?,
        })?;
        partners.push(partner.id);
    }
    made.partners = size.partners;
    progress("externe partners");

    let actions_per_meeting = size.actions / size.meetings.max(1);
    let paragraphs_per_meeting = size.paragraphs / size.meetings.max(1);
    let mut previous: Option<Id> = None;
    let mut subject_index = 0usize;
    let mut seats_of = std::collections::BTreeMap::new();
    for term in &terms {
        let ids: Vec<Id> = store
            .seats(term.number)?
            .into_iter()
            .map(|s| s.id)
            .collect();
        seats_of.insert(term.number, ids);
    }
    // Meetings spread evenly from the first term's start to `until`.
    let first_day = first_start + Duration::days(3);
    let span = (until - first_day).num_days().max(1);
    let mut reported: Option<u32> = None;
    for i in 0..size.meetings {
        let mut date =
            first_day + Duration::days(span * i64::from(i) / i64::from(size.meetings.max(1)));
        while date.weekday().num_days_from_monday() >= 5 && date < until {
            date += Duration::days(1);
        }
        let Some(term) = terms.iter().find(|t| t.contains(date)) else {
            continue;
        };
        let seat_ids = &seats_of[&term.number];
        if reported != Some(term.number) {
            if let Some(done) = reported {
                progress(&format!("termijn {done}"));
            }
            reported = Some(term.number);
        }
        let starts_at = amsterdam_to_utc(
            Field::Date,
            date.and_time(NaiveTime::MIN + Duration::hours(14)),
        )?;
        clock.set(starts_at - Duration::days(40));
        let meeting = store.add_meeting(
            &MeetingDraft {
                term_number: term.number,
                starts_at,
                ends_at: starts_at + Duration::hours(2),
                location: format!("Den Haag, zaal {}", 1 + rng.below(6)),
            },
            NewAgenda::FromTemplate,
        )?;
        let id = meeting.meeting.id;
        let subject = &subjects[subject_index % subjects.len()];
        subject_index += 1;
        store.set_meeting_subject(id, Some(subject.id))?;
        let mut guests = Vec::new();
        let mut accepted = Vec::new();
        for _ in 0..(2 + rng.below(3)) {
            let partner = *rng.pick(&partners);
            if guests.contains(&partner) {
                continue;
            }
            let invitation = store.propose_partner(id, partner)?;
            store.set_invitation_status(invitation.id, InvitationStatus::Invited, None)?;
            let answer = if rng.chance(80) {
                InvitationStatus::Accepted
            } else {
                InvitationStatus::Declined
            };
            store.set_invitation_status(invitation.id, answer, None)?;
            guests.push(partner);
            made.invitations += 1;
            if answer == InvitationStatus::Accepted {
                accepted.push(invitation.id);
            }
        }
        store.schedule_meeting(id)?;
        if let Some(before) = previous {
            clock.set(starts_at + Duration::minutes(20));
            store.adopt_minutes(before, id)?;
        }
        clock.set(starts_at + Duration::hours(3));
        store.hold_meeting(id)?;
        for invitation in accepted {
            let status = if rng.chance(90) {
                InvitationStatus::Attended
            } else {
                InvitationStatus::NoShow
            };
            store.set_invitation_status(invitation, status, None)?;
        }
        for seat in seat_ids {
            let (status, by) = match rng.below(10) {
                0 => (AttendanceStatus::Absent, None),
                1 => (
                    AttendanceStatus::Represented,
                    Some(format!(
                        "{} {}",
                        rng.word(FIRST_NAMES),
                        rng.word(LAST_NAMES)
                    )),
                ),
                _ => (AttendanceStatus::Present, None),
            };
            store.set_attendance(id, *seat, status, by.as_deref())?;
        }
        let body = (0..paragraphs_per_meeting)
            .map(|p| {
                if p % 25 == 0 {
                    format!("## Bespreking deel {}\n\n{}", p / 25 + 1, paragraph(rng))
                } else {
                    paragraph(rng)
                }
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        store.set_minutes(id, &body, None)?;
        made.paragraphs += paragraphs_per_meeting;
        for _ in 0..(1 + rng.below(3)) {
            store.add_decision(id, &sentence(rng))?;
            made.decisions += 1;
        }
        let is_recent = i + 8 >= size.meetings;
        for _ in 0..actions_per_meeting {
            let owner = if rng.chance(30) {
                ActionOwner::Secretariat
            } else {
                ActionOwner::Seat(*rng.pick(seat_ids))
            };
            let due = date + Duration::days(14 + rng.below(60) as i64);
            let action = store.add_action(
                id,
                &format!(
                    "{} {} in {}",
                    rng.word(ACTION_VERBS),
                    rng.word(SECTORS),
                    rng.word(REGIONS)
                ),
                &owner,
                Some(due),
            )?;
            made.actions += 1;
            if rng.chance(12) {
                store.postpone_action(action.id, due + Duration::days(30))?;
            }
            match rng.below(100) {
                _ if is_recent => {}
                0..=79 => {
                    store.complete_action(action.id)?;
                }
                80..=91 => {
                    store.drop_action(action.id)?;
                }
                _ => {}
            }
        }
        made.meetings += 1;
        previous = Some(id);
    }
    if let Some(done) = reported {
        progress(&format!("termijn {done}"));
    }
    Ok(())
}
