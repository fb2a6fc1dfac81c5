//! Invitation drafts read back by Python's `email` package and `icalendar`
//! (tests/readers/eml.py): headers and their encoding, the MIME tree, the
//! attachments, the calendar invitation — and nothing confidential, and no
//! other partner, in what a partner gets.

use crate::pdf::{planned, Planned};
use serde_json::Value;
use std::path::Path;
use taskforce::calendar::parse_local_datetime;
use taskforce::domain::*;
use taskforce::error::Field;
use taskforce::Lang;
use taskforce_dev::fixture::{partner, read_with};
use taskforce_export::drafts::{meeting_drafts, Drafts};
use taskforce_export::{ics, write_atomically};

const SENDER: &str = "secretariaat@taskforce-mensenhandel.nl";

fn read(dir: &Path, draft: &taskforce_export::drafts::Draft) -> Value {
    let path = dir.join(&draft.file_name);
    write_atomically(&path, &draft.eml).unwrap();
    read_with("eml.py", "icalendar", &path)
}

/// The PDF tests' planned meeting, with addresses for three seats (one with
/// a deputy), a second partner, the reasons they are invited and the
/// secretariat's sender.
fn addressed() -> (Planned, Vec<Seat>) {
    let planned = planned();
    let store = &planned.f.store;
    let seats = store.seats(5).unwrap();
    let mut addressed = Vec::new();
    for (index, (person, email, deputy)) in [
        (
            Some("José Müller"),
            "j.muller@minjenv.nl",
            Some(("Zoë Ñúñez", "z.nunez@minjenv.nl")),
        ),
        (None, "postbus@politie.nl", None),
        (Some("A. de Vries"), "devries@om.nl", None),
    ]
    .into_iter()
    .enumerate()
    {
        let seat = &seats[index];
        let mut draft = seat.draft();
        draft.person = person.map(String::from);
        draft.email = Some(email.into());
        if let Some((name, address)) = deputy {
            draft.deputy = Some(name.into());
            draft.deputy_email = Some(address.into());
        }
        addressed.push(store.update_seat(seat.id, &draft, None).unwrap());
    }
    let fairwork = store
        .partners(100, 0)
        .unwrap()
        .into_iter()
        .find(|p| p.organisation == "FairWork")
        .unwrap();
    store
        .update_partner(
            fairwork.id,
            &PartnerDraft {
                organisation: "FairWork".into(),
                contact_name: Some("Anna Smit".into()),
                email: Some("anna@fairwork.nl".into()),
                phone: None,
                notes: String::new(),
                tags: fairwork.tags.clone(),
            },
            None,
        )
        .unwrap();
    let other = partner(store, "Stichting Ébène", "Renée Ålund", &[]);
    let mut with_email = PartnerDraft {
        organisation: other.organisation.clone(),
        contact_name: other.contact_name.clone(),
        email: Some("renee@ebene.nl".into()),
        phone: None,
        notes: String::new(),
        tags: vec![],
    };
    store.update_partner(other.id, &with_email, None).unwrap();
    with_email.email = None;
    let invitation = store.propose_partner(planned.meeting, other.id).unwrap();
    for i in store.invitations(planned.meeting).unwrap() {
        let reason = if i.id == invitation.id {
            "U bent uitgenodigd om uw onderzoek naar huisvesting toe te lichten."
        } else {
            "U bent uitgenodigd vanwege uw kennis van arbeidsuitbuiting in de tuinbouw."
        };
        store.set_invitation_reason(i.id, reason).unwrap();
    }
    store
        .set_mail_settings(
            &MailSettings {
                sender_name: "Secretariaat Taskforce".into(),
                sender_email: SENDER.into(),
                signature: "Mr. K. Jansen\nSecretaris".into(),
                ..MailSettings::default()
            },
            None,
        )
        .unwrap();
    (planned, addressed)
}

fn drafts_of(planned: &Planned) -> Drafts {
    meeting_drafts(&planned.f.store, planned.meeting).unwrap()
}

#[test]
fn the_members_get_one_draft_with_the_internal_pack_and_a_calendar_request() {
    let (planned, seats) = addressed();
    let Planned { f, meeting } = &planned;
    let drafts = drafts_of(&planned);
    assert_eq!(drafts.kind, DraftKind::Invitation);
    let members = drafts
        .drafts
        .iter()
        .find(|d| d.invitation.is_none())
        .unwrap();
    let mail = read(f.dir.path(), members);
    assert!(
        mail["defects"].as_array().unwrap().is_empty(),
        "{}",
        mail["defects"]
    );

    assert_eq!(
        mail["to_addresses"],
        serde_json::json!(["j.muller@minjenv.nl", "postbus@politie.nl", "devries@om.nl"])
    );
    assert_eq!(
        mail["cc_addresses"],
        serde_json::json!(["z.nunez@minjenv.nl"])
    );
    assert!(
        mail["to"][0].as_str().unwrap().contains("José Müller"),
        "{}",
        mail["to"]
    );
    // Non-ASCII names are encoded words on the wire.
    assert!(
        mail["raw_to"].as_str().unwrap().contains("=?utf-8?"),
        "{}",
        mail["raw_to"]
    );
    assert!(mail["from"].as_str().unwrap().contains(SENDER));
    assert_eq!(
        mail["subject"],
        "Uitnodiging Task Force Aanpak Mensenhandel, woensdag 12 mei 2021"
    );
    assert_eq!(mail["x_unsent"], "1");
    let text = mail["text"].as_str().unwrap();
    assert!(
        text.contains("woensdag 12 mei 2021, 14.00–16.00 uur, in Den Haag"),
        "{text}"
    );
    assert!(text.contains("Mr. K. Jansen"), "{text}");
    // Members see the confidential subject: it is their meeting.
    assert!(text.contains("tuinbouw"), "{text}");

    let names: Vec<&str> = mail["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["filename"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "2021-05-12 Vergaderbundel Task Force Mensenhandel.pdf",
            "notitie.pdf",
            "uitnodiging.ics"
        ]
    );

    let invitation = &mail["invitation"];
    assert_eq!(invitation["method"], "REQUEST");
    assert_eq!(invitation["method_param"], "REQUEST");
    assert_eq!(invitation["organizer"], format!("mailto:{SENDER}"));
    let attendees = invitation["attendees"].as_array().unwrap();
    assert_eq!(attendees.len(), 4);
    for attendee in attendees {
        assert_eq!(attendee["rsvp"], "TRUE");
        assert_eq!(attendee["partstat"], "NEEDS-ACTION");
    }
    let deputy = attendees
        .iter()
        .find(|a| a["address"] == "mailto:z.nunez@minjenv.nl")
        .unwrap();
    assert_eq!(deputy["role"], "OPT-PARTICIPANT");
    assert_eq!(deputy["cn"], "Zoë Ñúñez");
    let detail = f.store.meeting(*meeting).unwrap();
    assert_eq!(
        invitation["uid"],
        ics::uid(&detail),
        "the .ics export's UID"
    );
    assert_eq!(invitation["sequence"], detail.meeting.sequence);
    assert_eq!(invitation["start"], "2021-05-12T12:00:00+00:00");

    // The 18 seats without an address are named before anything is sent,
    // in one warning.
    let warnings: Vec<String> = drafts.warnings.iter().map(|w| w.render(Lang::Nl)).collect();
    let unaddressed: Vec<&String> = warnings
        .iter()
        .filter(|w| w.contains("hebben geen e-mailadres en staan niet in de uitnodiging"))
        .collect();
    assert_eq!(unaddressed.len(), 1, "{warnings:?}");
    assert!(unaddressed[0].starts_with(&format!("{} leden", 21 - seats.len())));
    assert!(unaddressed[0].contains("CoMensha (de directeur-bestuurder)"));
    assert!(!unaddressed[0].contains(&seats[0].organisation));
    assert!(
        warnings.iter().any(|w| w.contains("Notitie ketenregie")),
        "the damaged paper"
    );
}

#[test]
fn each_partner_gets_their_own_draft_without_anything_confidential_or_anyone_else() {
    let (planned, _) = addressed();
    let Planned { f, .. } = &planned;
    let drafts = drafts_of(&planned);
    let partners: Vec<_> = drafts
        .drafts
        .iter()
        .filter(|d| d.invitation.is_some())
        .collect();
    assert_eq!(partners.len(), 2);
    for draft in partners {
        let mail = read(f.dir.path(), draft);
        let to = mail["to_addresses"].as_array().unwrap();
        assert_eq!(to.len(), 1);
        assert!(mail["cc_addresses"].as_array().unwrap().is_empty());
        let mine = to[0].as_str().unwrap();
        let (me, other) = if mine == "anna@fairwork.nl" {
            (
                ["Anna Smit", "tuinbouw"],
                ["Renée", "renee@ebene.nl", "Ébène"],
            )
        } else {
            (
                ["Renée Ålund", "huisvesting"],
                ["Anna Smit", "anna@fairwork.nl", "FairWork"],
            )
        };
        let text = mail["text"].as_str().unwrap();
        assert!(text.contains(me[0]), "greeting: {text}");
        assert!(text.contains(me[1]), "their reason: {text}");
        let attendees = mail["invitation"]["attendees"].as_array().unwrap();
        assert_eq!(attendees.len(), 1);
        assert_eq!(attendees[0]["address"], format!("mailto:{mine}"));

        // Every byte of the draft and every decoded part: no other partner,
        // no member, nothing confidential.
        let bytes = String::from_utf8_lossy(&draft.eml).to_string();
        let everything = format!(
            "{bytes}\n{}\n{}\n{}\n{}",
            mail["decoded"], mail["subject"], mail["attachments"], mail["invitation"]
        );
        for leak in other.iter().chain(&[
            "Rahul",
            "Coördinatie",
            "Geheime opsporingsinformatie",
            "Notitie ketenregie",
            "notitie.pdf",
            "j.muller@minjenv.nl",
            "José",
        ]) {
            assert!(!everything.contains(leak), "{leak} in the draft for {mine}");
        }
        assert!(
            mail["subject"].as_str().unwrap().starts_with("Uitnodiging"),
            "{}",
            mail["subject"]
        );
        let names: Vec<&str> = mail["attachments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["filename"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "2021-05-12 Vergaderbundel (extern) Task Force Mensenhandel.pdf",
                "uitnodiging.ics"
            ]
        );
    }
}

#[test]
fn prepared_drafts_show_in_the_to_do_list_until_marked_sent_and_a_move_asks_for_an_update() {
    let (planned, _) = addressed();
    let Planned { f, meeting } = &planned;
    let store = &f.store;
    store.schedule_meeting(*meeting).unwrap();
    let to_do = |store: &taskforce::Store| -> Vec<String> {
        store
            .meeting(*meeting)
            .unwrap()
            .to_do
            .iter()
            .map(|m| m.render(Lang::Nl))
            .collect()
    };
    assert!(to_do(store).contains(&"uitnodiging aan de leden nog niet voorbereid".to_string()));

    let drafts = drafts_of(&planned);
    let detail = drafts.record(store, *meeting).unwrap();
    let list: Vec<String> = detail.to_do.iter().map(|m| m.render(Lang::Nl)).collect();
    assert!(
        list.contains(&"uitnodiging aan de leden nog niet verstuurd".to_string()),
        "{list:?}"
    );
    // FairWork was invited already (status), Ébène only proposed.
    assert!(
        list.iter()
            .any(|t| t == "uitnodiging aan Renée Ålund (Stichting Ébène) nog niet verstuurd"),
        "{list:?}"
    );
    assert!(!list.iter().any(|t| t.contains("FairWork")), "{list:?}");
    assert!(detail.meeting.members_draft_at.is_some());

    let detail = store.mark_members_invitation_sent(*meeting).unwrap();
    assert!(detail.meeting.members_sent_at.is_some());
    let ebene = store
        .invitations(*meeting)
        .unwrap()
        .into_iter()
        .find(|i| i.status == InvitationStatus::Proposed)
        .unwrap();
    store
        .set_invitation_status(ebene.id, InvitationStatus::Invited, None)
        .unwrap();
    let list = to_do(store);
    assert!(!list.iter().any(|t| t.contains("leden")), "{list:?}");
    assert!(!list.iter().any(|t| t.contains("Ébène")), "{list:?}");

    // Moved: the update is due, carries a higher SEQUENCE and says so.
    let starts_at = parse_local_datetime(Field::Start, "2021-05-19 10:00").unwrap();
    store
        .reschedule_meeting(
            *meeting,
            starts_at,
            starts_at + chrono::Duration::hours(2),
            None,
            None,
        )
        .unwrap();
    assert!(
        to_do(store).iter().any(|t| t.contains("verzet")),
        "{:?}",
        to_do(store)
    );
    let update = drafts_of(&planned);
    assert_eq!(update.kind, DraftKind::Update);
    let mail = read(f.dir.path(), &update.drafts[0]);
    assert!(mail["subject"].as_str().unwrap().starts_with("Gewijzigd: "));
    assert!(mail["invitation"]["sequence"].as_u64().unwrap() > 0);
    assert_eq!(mail["invitation"]["start"], "2021-05-19T08:00:00+00:00");
    update.record(store, *meeting).unwrap();
    assert!(!to_do(store).iter().any(|t| t.contains("verzet")));

    // Cancelled: a cancellation, without the pack.
    store.cancel_meeting(*meeting).unwrap();
    assert!(to_do(store).iter().any(|t| t.contains("afzegging")));
    let cancel = drafts_of(&planned);
    assert_eq!(cancel.kind, DraftKind::Cancellation);
    let mail = read(f.dir.path(), &cancel.drafts[0]);
    assert_eq!(mail["invitation"]["method"], "CANCEL");
    assert_eq!(mail["invitation"]["method_param"], "CANCEL");
    assert_eq!(mail["invitation"]["status"], "CANCELLED");
    assert!(mail["subject"]
        .as_str()
        .unwrap()
        .starts_with("Geannuleerd: "));
    let names: Vec<&str> = mail["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["filename"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["uitnodiging.ics"]);
}

#[test]
fn without_a_sender_or_with_a_bad_address_nothing_is_made() {
    let planned = planned();
    let store = &planned.f.store;
    let error = meeting_drafts(store, planned.meeting).unwrap_err();
    assert_eq!(error.field_code(), Some(Field::SenderEmail));
    assert!(error.message().render(Lang::En).contains("sender address"));

    let seat = store.seats(5).unwrap()[0].clone();
    let mut draft = seat.draft();
    draft.email = Some("jan@minjenv.nl, piet@elders.nl".into());
    let error = store.update_seat(seat.id, &draft, None).unwrap_err();
    assert_eq!(error.field_code(), Some(Field::Email));
    assert_eq!(store.seats(5).unwrap()[0].email, None, "nothing saved");

    let error = store
        .set_mail_settings(
            &MailSettings {
                sender_email: "secretariaat".into(),
                ..MailSettings::default()
            },
            None,
        )
        .unwrap_err();
    assert_eq!(error.field_code(), Some(Field::SenderEmail));
}

/// The round trip a member makes: the invitation's calendar request is
/// answered by a mail program (Python's `icalendar` takes UID and SEQUENCE
/// from the draft, as Thunderbird does), and the reply, read back in,
/// registers the member as coming and the deputy's decline as no word on
/// the member.
#[test]
fn a_reply_to_the_drafts_own_request_is_registered() {
    let (planned, seats) = addressed();
    let Planned { f, meeting } = &planned;
    let drafts = drafts_of(&planned);
    let members = drafts
        .drafts
        .iter()
        .find(|d| d.invitation.is_none())
        .unwrap();
    let request = f.dir.path().join(&members.file_name);
    write_atomically(&request, &members.eml).unwrap();
    let mut files = Vec::new();
    for (name, address, cn, partstat) in [
        (
            "muller.eml",
            "j.muller@minjenv.nl",
            "José Müller",
            "ACCEPTED",
        ),
        ("nunez.eml", "z.nunez@minjenv.nl", "Zoë Ñúñez", "DECLINED"),
    ] {
        let out = f.dir.path().join(name);
        taskforce_dev::fixture::write_with(
            "itip_reply.py",
            "icalendar",
            &serde_json::json!({
                "out": out, "format": "eml-outlook", "request": request,
                "dtstamp": "20210429T090000Z",
                "attendee": {"address": address, "cn": cn, "partstat": partstat},
            }),
        );
        files.push(ReplyFile {
            name: name.into(),
            bytes: std::fs::read(&out).unwrap(),
        });
    }
    let read = f
        .store
        .read_calendar_replies(&files, Some(*meeting))
        .unwrap();
    let outcomes: Vec<ReplyOutcome> = read.readings.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [ReplyOutcome::Registered, ReplyOutcome::NotApplied],
        "{read:?}"
    );
    let replies = f.store.replies(*meeting).unwrap();
    let muller = replies
        .replies
        .iter()
        .find(|r| r.seat_id == seats[0].id)
        .unwrap();
    assert_eq!(muller.reply, Some(Reply::Coming));
    assert!(read.readings[0]
        .note
        .render(Lang::En)
        .contains("coming (reply of"));
}

/// The concept minutes sent round: one draft to the members (deputies in
/// copy) read back by Python's `email`, the minutes attached as a PDF that
/// says CONCEPT on every page (pdftotext, page by page) and the round it
/// goes out with, the round noted — and nothing written or noted when the
/// draft cannot be made.
#[test]
fn the_minutes_go_round_as_one_members_draft_marked_concept_on_every_page() {
    let (planned, _) = addressed();
    let Planned { f, meeting } = &planned;
    let store = &f.store;
    store.schedule_meeting(*meeting).unwrap();
    f.clock.set(taskforce_dev::fixture::at(2021, 5, 12, 16, 0));
    store.hold_meeting(*meeting).unwrap();
    let long: String = (1..=90)
        .map(|n| {
            format!("Punt {n}: de werkgroep bespreekt de voortgang van de aanpak in de regio.\n\n")
        })
        .collect();
    store.set_minutes(*meeting, &long, None).unwrap();
    f.clock.set(taskforce_dev::fixture::at(2021, 5, 14, 9, 0));
    let by = taskforce_dev::fixture::day(2021, 5, 28);
    let dir = f.dir.path().join("rondsturen");

    // Without a sender nothing is made, written or noted.
    let settings = store.mail_settings().unwrap();
    store
        .set_mail_settings(
            &MailSettings {
                sender_email: String::new(),
                ..settings.clone()
            },
            None,
        )
        .unwrap();
    let refused =
        taskforce_export::minutes_round::circulate(store, *meeting, by, &dir).unwrap_err();
    assert_eq!(refused.code(), taskforce::ErrorCode::Validation);
    assert!(!dir.exists() && store.minutes_cycle(*meeting).unwrap().rounds.is_empty());
    store.set_mail_settings(&settings, None).unwrap();

    let saved = taskforce_export::minutes_round::circulate(store, *meeting, by, &dir).unwrap();
    assert_eq!(saved.cycle.stage, MinutesStage::Circulated);
    let attachments = f.dir.path().join("bijlagen");
    std::fs::create_dir(&attachments).unwrap();
    let mail = taskforce_dev::fixture::read_with_args(
        "eml.py",
        "icalendar",
        &[saved.path.as_os_str(), attachments.as_os_str()],
    );
    assert!(
        mail["defects"].as_array().unwrap().is_empty(),
        "{}",
        mail["defects"]
    );
    assert_eq!(
        mail["to_addresses"],
        serde_json::json!(["j.muller@minjenv.nl", "postbus@politie.nl", "devries@om.nl"])
    );
    assert_eq!(
        mail["cc_addresses"],
        serde_json::json!(["z.nunez@minjenv.nl"])
    );
    assert_eq!(
        mail["subject"],
        "Conceptverslag Task Force Aanpak Mensenhandel, woensdag 12 mei 2021: reacties vóór vrijdag 28 mei 2021"
    );
    assert_eq!(mail["x_unsent"], "1");
    assert!(mail["invitation"].is_null(), "no calendar part");
    let text = mail["text"].as_str().unwrap();
    assert!(text.contains("uiterlijk vrijdag 28 mei 2021"), "{text}");
    let names: Vec<&str> = mail["attachments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["filename"].as_str().unwrap())
        .collect();
    let pdf_name = "2021-05-12 Conceptverslag Task Force Mensenhandel.pdf";
    assert_eq!(names, [pdf_name]);
    let pdf = attachments.join(pdf_name);
    let info = taskforce_dev::fixture::poppler("pdfinfo", &[], &pdf);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2, "long minutes: {pages} pages");
    for page in 1..=pages {
        let number = page.to_string();
        let text =
            taskforce_dev::fixture::poppler("pdftotext", &["-f", &number, "-l", &number], &pdf);
        assert!(text.contains("CONCEPT"), "page {page}: {text}");
    }
    let first = taskforce_dev::fixture::poppler("pdftotext", &["-f", "1", "-l", "1"], &pdf);
    assert!(
        taskforce_dev::fixture::flat(&first)
            .contains("rondgestuurd op vrijdag 14 mei 2021; reacties vóór vrijdag 28 mei 2021"),
        "{first}"
    );
}

/// Reminders to action owners: one draft per owner with an address — a
/// member, a partner, the secretariat itself — read back by Python's
/// `email`, listing their open actions (the overdue first) with meeting,
/// due date and history; an owner without address is named; the reminder
/// is kept in each action's history and said in the next one.
#[test]
fn each_owner_gets_one_reminder_of_their_open_actions() {
    let (planned, seats) = addressed();
    let Planned { f, meeting } = &planned;
    let store = &f.store;
    store.schedule_meeting(*meeting).unwrap();
    f.clock.set(taskforce_dev::fixture::at(2021, 5, 12, 16, 0));
    store.hold_meeting(*meeting).unwrap();
    let fairwork = store
        .partners(100, 0)
        .unwrap()
        .into_iter()
        .find(|p| p.organisation == "FairWork")
        .unwrap();
    let day = taskforce_dev::fixture::day;
    let add = |text: &str, owner: ActionOwner, due| {
        store.add_action(*meeting, text, &owner, due).unwrap()
    };
    let late = add(
        "Cijfers over de tuinbouw aanleveren",
        ActionOwner::Seat(seats[0].id),
        Some(day(2021, 6, 1)),
    );
    add(
        "Notitie over huisvesting",
        ActionOwner::Seat(seats[0].id),
        Some(day(2021, 9, 1)),
    );
    add(
        "Onderzoek delen",
        ActionOwner::Partner(fairwork.id),
        Some(day(2021, 6, 1)),
    );
    add("Zaal reserveren", ActionOwner::Secretariat, None);
    let unaddressed = store.seats(5).unwrap()[5].clone();
    add(
        "Contact leggen",
        ActionOwner::Seat(unaddressed.id),
        Some(day(2021, 6, 1)),
    );
    store.postpone_action(late.id, day(2021, 6, 15)).unwrap();
    f.clock.set(taskforce_dev::fixture::at(2021, 7, 1, 9, 0));
    let dir = f.dir.path().join("herinneringen");

    let saved = taskforce_export::reminders::save(store, false, &dir).unwrap();
    let names: Vec<String> = saved
        .paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(saved.warnings.len(), 1);
    assert!(saved.warnings[0]
        .render(Lang::Nl)
        .contains(&unaddressed.organisation));
    let mails: Vec<Value> = saved
        .paths
        .iter()
        .map(|p| read_with("eml.py", "icalendar", p))
        .collect();
    let to = |address: &str| {
        mails
            .iter()
            .find(|m| m["to_addresses"][0] == address)
            .unwrap_or_else(|| panic!("no reminder to {address}: {names:?}"))
    };
    let member = to("j.muller@minjenv.nl");
    assert!(member["defects"].as_array().unwrap().is_empty());
    assert_eq!(
        member["cc_addresses"],
        serde_json::json!([]),
        "the deputy is not reminded"
    );
    assert_eq!(
        member["subject"],
        "Herinnering actiepunten Task Force Aanpak Mensenhandel (2 open, waarvan 1 over de deadline)"
    );
    assert_eq!(member["x_unsent"], "1");
    let text = member["text"].as_str().unwrap();
    taskforce_dev::fixture::assert_in_order(
        &taskforce_dev::fixture::flat(text),
        &[
            "Geachte José Müller",
            "1. Cijfers over de tuinbouw aanleveren",
            "Afgesproken in de bijeenkomst van woensdag 12 mei 2021; deadline dinsdag 15 juni 2021 (verstreken).",
            "Verloop: aangemaakt op woensdag 12 mei 2021; op woensdag 12 mei 2021 uitgesteld van dinsdag 1 juni 2021 naar dinsdag 15 juni 2021.",
            "2. Notitie over huisvesting",
            "deadline woensdag 1 september 2021.",
            "Mr. K. Jansen",
        ],
    );
    assert!(to("anna@fairwork.nl")["text"]
        .as_str()
        .unwrap()
        .contains("Onderzoek delen"));
    assert!(to(SENDER)["text"]
        .as_str()
        .unwrap()
        .contains("Zaal reserveren"));

    // Kept in each action's history, and said in the next reminder.
    assert!(store
        .action_history(late.id)
        .unwrap()
        .iter()
        .any(|e| e.kind == ActionEventKind::Reminded));
    f.clock.set(taskforce_dev::fixture::at(2021, 7, 15, 9, 0));
    let again = taskforce_export::reminders::save(store, true, &dir).unwrap();
    let member = again
        .paths
        .iter()
        .map(|p| read_with("eml.py", "icalendar", p))
        .find(|m| m["to_addresses"][0] == "j.muller@minjenv.nl")
        .unwrap();
    assert!(member["text"]
        .as_str()
        .unwrap()
        .contains("herinnerd op donderdag 1 juli 2021"));
}
