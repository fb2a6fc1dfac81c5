//! Full-text search: accents ignored, all sources, no FTS syntax injection —
//! each on the file and on the PostgreSQL test server, with the same hits.

use taskforce::domain::*;
use taskforce_dev::fixture::{held_meeting, partner, subject, term5, term5_on_server, Fixture};

fn search_ignores_accents_both_ways_across_every_source_in(f: Fixture) {
    let s = subject(&f.store, "Coördinatie van de opvang", &[]);
    let m = held_meeting(&f, "2021-05-12 14:00", s.id);
    f.store
        .set_minutes(
            m.meeting.id,
            "De regionale coördinatie verloopt moeizaam.",
            None,
        )
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
    assert_eq!(
        minutes.meeting_on,
        Some(chrono::NaiveDate::from_ymd_opt(2021, 5, 12).unwrap()),
        "and carry its day for a screen in another language"
    );
    assert_eq!(plain.iter().filter(|h| h.meeting_on.is_some()).count(), 1);
    let decision = plain.iter().find(|h| h.kind == HitKind::Decision).unwrap();
    assert_eq!(decision.id, d.id);
    assert_eq!(decision.title, "TF5-2021-01");
    assert!(
        decision
            .snippet
            .iter()
            .any(|p| p.matched && p.text == "coördinatie"),
        "{:?}",
        decision.snippet
    );
}

fn search_requires_every_word_and_treats_syntax_as_text_in(f: Fixture) {
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

fn editing_updates_the_index_in(f: Fixture) {
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
            None,
        )
        .unwrap();
    assert!(f.store.search("oud", 10).unwrap().is_empty());
    assert_eq!(f.store.search("nieuw", 10).unwrap().len(), 1);
    // The store's own check of its index, on either backend.
    assert!(f.store.check().unwrap().search_index_ok);
}

/// A search of one or two letters (what is typed first) finds every word
/// that starts with them, accents folded, in titles and bodies, and follows
/// edits.
fn a_start_of_one_or_two_letters_finds_every_word_it_begins_in(f: Fixture) {
    let opvang = subject(&f.store, "Ögonblick opvang", &[]);
    subject(&f.store, "Dwang in de bouw", &[]);
    subject(&f.store, "Uitbuiting", &[]);
    partner(&f.store, "Omroep Oost", "Ödön", &[]);
    let titles = |text: &str| {
        let mut found: Vec<String> = f
            .store
            .search(text, 50)
            .unwrap()
            .into_iter()
            .map(|h| h.title)
            .collect();
        found.sort();
        found
    };
    assert_eq!(titles("o"), ["Omroep Oost", "Ögonblick opvang"]);
    assert_eq!(titles("ö"), titles("o"), "accents folded in the prefix too");
    assert_eq!(titles("og"), ["Ögonblick opvang"]);
    assert_eq!(titles("dw"), ["Dwang in de bouw"]);
    assert_eq!(
        titles("d"),
        ["Dwang in de bouw"],
        "a word must start with it: the partner's contact Ödön has one inside"
    );
    f.store
        .update_subject(
            opvang.id,
            &SubjectDraft {
                title: "Opvang".into(),
                kind: SubjectKind::Phenomenon,
                description: String::new(),
                confidential: false,
                tags: vec![],
            },
            None,
        )
        .unwrap();
    assert_eq!(
        titles("og"),
        Vec::<String>::new(),
        "an edit leaves no stale start"
    );
    assert_eq!(titles("op"), ["Opvang"]);
}

/// The screen gets the best screenful first and the rest after: the same
/// hits in the same order as one search, the first part handed over even
/// when nothing was found.
fn a_search_in_parts_hands_over_the_same_hits_first_part_first_in(f: Fixture) {
    for n in 0..30 {
        subject(&f.store, &format!("Tuinbouw {n}"), &[]);
    }
    let parts = |text: &str| {
        let mut parts = Vec::new();
        f.store
            .search_in_parts(text, 25, 10, |part| parts.push(part))
            .unwrap();
        parts
    };
    let lengths = |parts: &[Vec<SearchHit>]| parts.iter().map(Vec::len).collect::<Vec<_>>();
    let found = parts("tuinbouw");
    assert_eq!(
        lengths(&found),
        [10, 15],
        "the first part, then the rest up to the limit"
    );
    assert_eq!(
        found.concat(),
        f.store.search("tuinbouw", 25).unwrap(),
        "the same hits in the same order as one search"
    );
    assert_eq!(lengths(&parts("tuinbouw 7")), [1], "fewer than a part: one");
    for nothing in ["xylofoon", "  "] {
        assert_eq!(
            parts(nothing),
            [Vec::<SearchHit>::new()],
            "{nothing:?}: one empty part"
        );
    }
}

/// Each search test on the file, then on the server.
macro_rules! on_both {
    ($($name:ident => $body:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            $body(term5());
            if let Some(f) = term5_on_server() {
                $body(f);
            }
        }
    )*};
}

on_both! {
    search_ignores_accents_both_ways_across_every_source => search_ignores_accents_both_ways_across_every_source_in,
    search_requires_every_word_and_treats_syntax_as_text => search_requires_every_word_and_treats_syntax_as_text_in,
    editing_updates_the_index => editing_updates_the_index_in,
    a_start_of_one_or_two_letters_finds_every_word_it_begins => a_start_of_one_or_two_letters_finds_every_word_it_begins_in,
    a_search_in_parts_hands_over_the_same_hits_first_part_first => a_search_in_parts_hands_over_the_same_hits_first_part_first_in,
}
