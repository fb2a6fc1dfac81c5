//! Full-text search: accents ignored, all sources, no FTS syntax injection.

use crate::support::{held_meeting, partner, subject, term5};
use taskforce::domain::*;

#[test]
fn search_ignores_accents_both_ways_across_every_source() {
    let f = term5();
    let s = subject(&f.store, "Coördinatie van de opvang", &[]);
    let m = held_meeting(&f.store, "2021-05-12 14:00", s.id);
    f.store
        .set_minutes(m.meeting.id, "De regionale coördinatie verloopt moeizaam.")
        .unwrap();
    let d = f
        .store
        .add_decision(m.meeting.id, "De coördinatie komt bij CoMensha te liggen")
        .unwrap();
    f.store
        .add_action(
            m.meeting.id,
            "Voorstel coördinatie uitwerken",
            &ActionOwner::Secretariat,
            None,
        )
        .unwrap();
    partner(&f.store, "Coördinatiepunt Noord", "Eva", &[]);

    let plain = f.store.search("coordinatie", 50).unwrap();
    let accented = f.store.search("coördinatie", 50).unwrap();
    assert_eq!(plain, accented);
    let kinds: std::collections::BTreeSet<_> = plain.iter().map(|h| h.kind.code()).collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        ["action", "decision", "minutes", "partner", "subject"]
    );
    let minutes = plain.iter().find(|h| h.kind == HitKind::Minutes).unwrap();
    assert_eq!(
        minutes.title, "Verslag woensdag 12 mei 2021",
        "minutes are named by their meeting"
    );
    let decision = plain.iter().find(|h| h.kind == HitKind::Decision).unwrap();
    assert_eq!(decision.id, d.id);
    assert_eq!(decision.title, "TF5-2021-01");
    assert!(
        decision.snippet.contains("[coördinatie]"),
        "{}",
        decision.snippet
    );
}

#[test]
fn search_requires_every_word_and_treats_syntax_as_text() {
    let f = term5();
    subject(&f.store, "Arbeidsuitbuiting in de tuinbouw", &[]);
    subject(&f.store, "Arbeidsuitbuiting in de logistiek", &[]);
    assert_eq!(
        f.store.search("arbeid tuinbouw", 10).unwrap().len(),
        1,
        "prefix match, all words"
    );
    assert_eq!(f.store.search("arbeid", 10).unwrap().len(), 2);
    for hostile in [
        "\"",
        "tuinbouw OR",
        "NEAR(",
        "*",
        "a:b",
        "') DROP TABLE subjects; --",
    ] {
        assert!(f.store.search(hostile, 10).is_ok(), "{hostile}");
    }
    assert!(f.store.search("   ", 10).unwrap().is_empty());
    assert_eq!(
        f.store.subjects(&SubjectFilter::default()).unwrap().len(),
        2
    );
}

#[test]
fn editing_updates_the_index() {
    let f = term5();
    let s = subject(&f.store, "Oud", &[]);
    f.store
        .update_subject(
            s.id,
            &SubjectDraft {
                title: "Nieuw".into(),
                kind: SubjectKind::Theme,
                description: String::new(),
                confidential: true,
                tags: vec![],
            },
        )
        .unwrap();
    assert!(f.store.search("oud", 10).unwrap().is_empty());
    assert_eq!(f.store.search("nieuw", 10).unwrap().len(), 1);
    assert!(f.store.check().unwrap().search_index_ok);
}
