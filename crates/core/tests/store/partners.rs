//! Partners: suggestions by shared tags with invitation history, and erasure.

use taskforce::domain::*;
use taskforce::ErrorCode;
use taskforce::Lang;
use taskforce_dev::fixture::{meeting, partner, subject, term5};

#[test]
fn partners_are_suggested_by_shared_tags_with_their_invitation_history() {
    let f = term5();
    let s = subject(
        &f.store,
        "Uitbuiting in de tuinbouw",
        &["uitbuiting:arbeid", "regio:Westland", "sector:tuinbouw"],
    );
    let both = partner(
        &f.store,
        "LTO Glaskracht",
        "Piet Hein",
        &["sector:tuinbouw", "uitbuiting:labour"],
    );
    let one = partner(
        &f.store,
        "FairWork",
        "Anna Smit",
        &["uitbuiting:arbeid", "regio:Amsterdam"],
    );
    partner(
        &f.store,
        "Scharlaken Koord",
        "Eva Bos",
        &["uitbuiting:seksueel"],
    );

    let earlier = meeting(&f.store, "2021-02-10 14:00");
    let inv = f.store.propose_partner(earlier.meeting.id, one.id).unwrap();
    f.store
        .set_invitation_status(inv.id, InvitationStatus::Invited, None)
        .unwrap();

    let m = meeting(&f.store, "2021-05-12 14:00");
    let suggestions = f.store.suggest_partners(s.id, Some(m.meeting.id)).unwrap();
    let names: Vec<_> = suggestions
        .iter()
        .map(|s| s.partner.organisation.as_str())
        .collect();
    assert_eq!(
        names,
        ["LTO Glaskracht", "FairWork"],
        "most shared tags first; no match, no suggestion"
    );
    assert_eq!(suggestions[0].shared_tags.len(), 2);
    assert_eq!(suggestions[1].times_invited, 1);

    f.store.propose_partner(m.meeting.id, both.id).unwrap();
    let after = f.store.suggest_partners(s.id, Some(m.meeting.id)).unwrap();
    assert_eq!(
        after.len(),
        1,
        "already invited partners are not suggested again"
    );
}

#[test]
fn erasing_a_partner_removes_personal_data_but_keeps_the_meeting_record() {
    let f = term5();
    let s = subject(&f.store, "A", &["uitbuiting:arbeid"]);
    let p = f
        .store
        .add_partner(&PartnerDraft {
            organisation: "FNV".into(),
            contact_name: Some("Jan de Vries".into()),
            email: Some("jan@example.nl".into()),
            phone: Some("06-12345678".into()),
            notes: "Spreekt over zijn eigen ervaring".into(),
            tags: parse_tags(&["uitbuiting:arbeid"]).unwrap(),
        })
        .unwrap();
    let m = meeting(&f.store, "2021-05-12 14:00");
    f.store.propose_partner(m.meeting.id, p.id).unwrap();

    let erased = f.store.erase_partner(p.id).unwrap();
    assert_eq!(
        (erased.contact_name, erased.email, erased.phone),
        (None, None, None)
    );
    assert!(erased.notes.is_empty());
    assert!(erased.erased_at.is_some());
    let invitations = f.store.invitations(m.meeting.id).unwrap();
    assert_eq!(
        invitations[0].partner_name.render(Lang::Nl),
        "FNV (partner gewist)"
    );
    assert_eq!(
        invitations[0].partner_name.render(Lang::En),
        "FNV (partner erased)"
    );
    assert!(
        f.store.search("Vries", 10).unwrap().is_empty(),
        "the name is gone from the search index too"
    );
    assert!(f.store.suggest_partners(s.id, None).unwrap().is_empty());
    assert_eq!(
        f.store.erase_partner(p.id).unwrap_err().code(),
        ErrorCode::Conflict
    );

    // Nothing of the person is left in the database file's tables.
    let conn = rusqlite::Connection::open(f.dir.path().join("taskforce.sqlite3")).unwrap();
    let found: i64 = conn
        .query_row("SELECT count(*) FROM partners WHERE coalesce(contact_name,'') || coalesce(email,'') || notes LIKE '%Vries%'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(found, 0);
}

#[test]
fn a_partner_needs_an_organisation_and_a_valid_email() {
    let f = term5();
    let mut draft = PartnerDraft {
        organisation: " ".into(),
        ..Default::default()
    };
    assert_eq!(
        f.store.add_partner(&draft).unwrap_err().field(),
        Some("organisation")
    );
    draft.organisation = "FNV".into();
    draft.email = Some("jan at fnv".into());
    assert_eq!(
        f.store.add_partner(&draft).unwrap_err().field(),
        Some("email")
    );
    assert!(f.store.partners(10, 0).unwrap().is_empty());
}

#[test]
fn subjects_and_partners_share_one_tag_vocabulary() {
    let f = term5();
    subject(&f.store, "A", &["regio:Utrecht", "uitbuiting:arbeid"]);
    partner(&f.store, "B", "C", &["regio:utrecht"]);
    let tags = f.store.tags().unwrap();
    let utrecht: Vec<_> = tags
        .iter()
        .filter(|t| t.tag.name.eq_ignore_ascii_case("utrecht"))
        .collect();
    assert_eq!(utrecht.len(), 1, "one tag, whatever the case");
    assert_eq!((utrecht[0].subjects, utrecht[0].partners), (1, 1));
    let filter = SubjectFilter {
        tag: Some(Tag::parse("uitbuiting:labour").unwrap()),
        ..Default::default()
    };
    assert_eq!(f.store.subjects(&filter).unwrap().len(), 1);
    let filter = SubjectFilter {
        kind: Some(SubjectKind::Phenomenon),
        ..Default::default()
    };
    assert!(f.store.subjects(&filter).unwrap().is_empty());
}
