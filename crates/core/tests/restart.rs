//! The shared server restarted in the middle of a session (its
//! administrator's maintenance, a crash): the app's next call is told the
//! connection was lost and nothing unconfirmed was saved, the one after
//! reconnects, and the session goes on — its undo list, its listener for
//! colleagues' changes, the log's chain. A test binary of its own: the
//! restart drops every connection to the test server, which no other test
//! may be holding.

use std::time::Duration;
use taskforce::domain::{SubjectDraft, SubjectFilter, SubjectKind};
use taskforce::ErrorCode;
use taskforce_dev::fixture::{self, subject};

fn draft(title: &str) -> SubjectDraft {
    SubjectDraft {
        title: title.into(),
        kind: SubjectKind::Case,
        description: String::new(),
        confidential: false,
        tags: vec![],
    }
}

#[test]
fn a_server_restart_mid_session_is_said_and_the_session_goes_on() {
    let Some(f) = fixture::term5_on_server() else {
        return;
    };
    let colleague = f.another_window();
    subject(&f.store, "Voor de herstart", &[]);
    let mut listening = f.store.changes().unwrap().unwrap();

    f.scratch.as_ref().unwrap().restart_server();

    // The call that meets the lost connection is refused, saying so;
    // nothing of it is saved.
    let refused = f
        .store
        .add_subject(&draft("Tijdens de herstart"))
        .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::Io, "{refused:?}");
    assert!(refused.to_string().contains("verbroken"), "{refused}");
    assert!(refused
        .message()
        .render(taskforce::Lang::En)
        .contains("connection"));
    // The next one connects anew.
    subject(&f.store, "Na de herstart", &[]);
    let titles: Vec<String> = f
        .store
        .subjects(&SubjectFilter::default())
        .unwrap()
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    assert!(!titles.iter().any(|t| t == "Tijdens de herstart"));

    // The listener learns its connection was lost; listening again, it
    // hears a colleague's change.
    assert!(listening.wait(Duration::from_secs(5)).is_err());
    let mut listening = f.store.changes().unwrap().unwrap();
    // The colleague's window lost its connection too: its first call says
    // so, the next goes through.
    assert!(colleague.subjects(&SubjectFilter::default()).is_err());
    subject(&colleague, "Van een collega", &[]);
    assert!(listening.wait(Duration::from_secs(5)).unwrap());

    // The undo list outlived the restart.
    f.store.undo_last().unwrap();
    assert_eq!(
        f.store.subjects(&SubjectFilter::default()).unwrap().len(),
        2
    );
    let report = f.store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}
