#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! The secretariat's whole workflow in the real window: term and members, a
//! subject, a meeting that cannot be scheduled without it, a suggested
//! partner invited and accepted, attendance, minutes with a decision and an
//! action, adoption at the next meeting with the action carried over, search
//! with and without accents, and both languages. Every main screen is
//! screenshotted and checked with axe-core along the way.

use taskforce::store::server::scratch::Scratch;
use taskforce_e2e::App;

async fn check_accessibility(app: &App, screen: &str) {
    let violations = app.accessibility_violations().await;
    assert!(
        violations.is_empty(),
        "serious/critical WCAG violations on {screen}: {violations:#?}"
    );
}

/// A saved PDF's text, as poppler reads it.
fn pdf_text(path: &std::path::Path) -> String {
    let out = std::process::Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A year in the 5th term: on 8 September 2021, half past two, while that
/// day's meeting runs, the secretariat enters the year so far (a meeting is
/// held, and its record written, only once it has begun).
const DURING_A_MEETING: &str = "2021-09-08T12:30:00Z";

#[tokio::test(flavor = "multi_thread")]
async fn the_secretariats_workflow() {
    the_secretariats_workflow_in(App::launch_at(DURING_A_MEETING).await).await;
}

/// The same year by a secretary whose window works on the shared server.
#[tokio::test(flavor = "multi_thread")]
async fn the_secretariats_workflow_on_the_shared_server() {
    let Some(scratch) = tokio::task::block_in_place(Scratch::create) else {
        return;
    };
    let (url, password) = scratch.url_and_password();
    let app = App::launch_on_server_at(&url, &password, DURING_A_MEETING).await;
    app.wait_for("[data-testid=server-indicator]").await;
    the_secretariats_workflow_in(app).await;
    tokio::task::block_in_place(|| drop(scratch));
}

async fn the_secretariats_workflow_in(app: App) {
    // First start: the 5th term with its members.
    app.click("[data-testid=start-term5]").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.open("term").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    assert_eq!(app.find_all("[data-testid=chair]").await.len(), 1);
    app.screenshot("02-termijn").await;
    check_accessibility(&app, "term").await;

    // Nothing to discuss yet: the planner says so and leads to the subjects.
    app.open("planner").await;
    app.wait_for_text("[data-testid=backlog-empty]", "Geen onderwerpen")
        .await;
    app.click("[data-testid=backlog-empty] a").await;
    app.wait_for("[data-testid=new-subject]").await;

    // A subject for the backlog.
    app.open("subjects").await;
    app.click("[data-testid=new-subject]").await;
    app.type_into(
        "#subject-title",
        "Coördinatie arbeidsuitbuiting in distributiecentra",
    )
    .await;
    app.type_into(
        "#subject-description",
        "Signalen uit de regio Tilburg over uitzendbureaus.",
    )
    .await;
    app.click("[data-testid=subject-form-labour]").await;
    app.type_into("#subject-region", "Tilburg").await;
    app.click("[data-testid=save-subject]").await;
    app.wait_for_text("[data-testid=subjects]", "Coördinatie arbeidsuitbuiting")
        .await;
    app.screenshot("03-onderwerpen").await;
    check_accessibility(&app, "subjects").await;

    // A partner whose expertise matches.
    app.open("partners").await;
    app.click("[data-testid=new-partner]").await;
    app.type_into("#partner-organisation", "FairWork").await;
    app.type_into("#partner-contact", "Anna Smit").await;
    app.type_into("#partner-email", "anna@fairwork.example")
        .await;
    app.click("[data-testid=partner-form-labour]").await;
    app.click("[data-testid=save-partner]").await;
    app.wait_for_text("[data-testid=partners]", "FairWork")
        .await;
    // User text is text: a hostile name creates no element and runs nothing.
    app.click("[data-testid=new-partner]").await;
    app.type_into(
        "#partner-organisation",
        "<img src=x onerror=\"window.__xss = 1\">",
    )
    .await;
    app.click("[data-testid=save-partner]").await;
    app.wait_for_text("[data-testid=partners]", "<img src=x")
        .await;
    assert!(
        app.find_all("[data-testid=partners] img").await.is_empty(),
        "no element from user text"
    );
    let ran = app
        .client
        .execute("return window.__xss === undefined", vec![])
        .await
        .expect("script");
    assert_eq!(ran, serde_json::json!(true), "no script from user text");
    app.screenshot("06-partners").await;
    check_accessibility(&app, "partners").await;
    // Partners just entered are not due for review.
    app.click("[data-testid=retention-show]").await;
    app.wait_for_text("[data-testid=retention-none]", "Geen partners")
        .await;
    app.screenshot_of("06-partners-bewaartermijn", "#retention-heading")
        .await;

    // Plan a meeting; it cannot be scheduled without a central subject.
    app.open("planner").await;
    app.set_value("#new-meeting-date", "2021-05-12").await;
    app.set_value("#new-meeting-start", "14:00").await;
    app.set_value("#new-meeting-end", "16:00").await;
    app.type_into("#new-meeting-location", "Den Haag").await;
    app.click("[data-testid=add-meeting]").await;
    app.wait_for_text(
        "[data-testid=meeting-heading]",
        "woensdag 12 mei 2021, 14.00 uur",
    )
    .await;
    app.click("[data-testid=schedule]").await;
    let refusal = app.text("[data-testid=subject-error]").await;
    assert!(refusal.contains("centraal onderwerp"), "{refusal}");
    assert_eq!(app.text("[data-testid=meeting-status]").await, "Concept");

    app.set_value("[data-testid=choose-subject]", "1").await;
    app.click("[data-testid=set-subject]").await;
    app.wait_for_text(
        "[data-testid=central-subject]",
        "Coördinatie arbeidsuitbuiting",
    )
    .await;
    app.click("[data-testid=schedule]").await;
    app.wait_for_text("[data-testid=meeting-status]", "Gepland")
        .await;
    let end = app.text("[data-testid=agenda-end]").await;
    assert!(
        end.contains("15.45"),
        "durations add up to the planned end: {end}"
    );

    // The calendar entry, saved through the real save dialog.
    let ics = app.data_dir.path().join("agenda 12 mei.ics");
    app.click("[data-testid=export-ics]").await;
    app.answer_save_dialog("Exporteren", &ics);
    app.wait_for_text("[data-testid=export-ics] ~ .notice", "Opgeslagen")
        .await;
    let text = std::fs::read_to_string(&ics).expect("the .ics was written");
    assert!(
        text.starts_with("BEGIN:VCALENDAR") && text.contains("DTSTART:20210512T120000Z"),
        "{text}"
    );

    // The agenda as PDF, read back by pdftotext.
    let agenda = app.data_dir.path().join("agenda 12 mei.pdf");
    app.click("[data-testid=export-agenda]").await;
    app.answer_save_dialog("Exporteren", &agenda);
    app.wait_for_text("[data-testid=export-agenda] ~ .notice", "Opgeslagen")
        .await;
    let text = pdf_text(&agenda);
    assert!(
        text.contains("woensdag 12 mei 2021") && text.contains("Coördinatie arbeidsuitbuiting"),
        "{text}"
    );

    // The same agenda in Word: a real package LibreOffice opens (the core
    // tests convert it; here it is enough that the dialog saved it whole).
    let word = app.data_dir.path().join("agenda 12 mei.docx");
    app.click("[data-testid=export-agenda-docx]").await;
    app.answer_save_dialog("Exporteren", &word);
    app.wait_for_text("[data-testid=export-agenda] ~ .notice", "Opgeslagen")
        .await;
    let package = std::process::Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())",
        ])
        .arg(&word)
        .output()
        .expect("python3");
    assert!(
        String::from_utf8_lossy(&package.stdout).contains("Coördinatie arbeidsuitbuiting"),
        "the Word agenda: {}",
        String::from_utf8_lossy(&package.stderr)
    );

    // Invite the suggested partner and follow up.
    app.wait_for_text("[data-testid=suggestions]", "FairWork")
        .await;
    app.click("[data-testid=suggestions] button").await;
    app.wait_for_text("[data-testid=invitations]", "Voorgesteld")
        .await;
    app.click("[data-testid=invitation-invited]").await;
    app.wait_for_text("[data-testid=invitations]", "Uitgenodigd")
        .await;
    app.click("[data-testid=invitation-accepted]").await;
    app.wait_for_text("[data-testid=invitation-status]", "Geaccepteerd")
        .await;
    // A mistaken click is corrected backwards, with its reason asked in the
    // app's own dialog, then the partner accepts again.
    app.set_value("[id^=correct-]", "invited").await;
    app.type_into("[data-testid=confirm-text]", "verkeerd aangeklikt")
        .await;
    app.click("[data-testid=confirm-yes]").await;
    app.wait_for_text("[data-testid=invitation-status]", "Uitgenodigd")
        .await;
    app.click("[data-testid=invitation-accepted]").await;
    app.wait_for_text("[data-testid=invitation-status]", "Geaccepteerd")
        .await;
    // Its history on the meeting, as `invite history` gives it: every
    // status with its date, the correction with its reason.
    app.click("[data-testid=invitation-history] summary").await;
    let history = app
        .wait_for_text("[data-testid=invitation-history]", "verkeerd aangeklikt")
        .await;
    for said in [
        "Voorgesteld → Uitgenodigd",
        "Uitgenodigd → Geaccepteerd",
        "Geaccepteerd → Uitgenodigd",
        "correctie",
    ] {
        assert!(history.contains(said), "{said}: {history}");
    }
    app.screenshot_of("37-uitnodiging-geschiedenis", "[data-testid=invitations]")
        .await;

    // Replies before the meeting: the chair comes, the second seat sends
    // apologies; who is expected is said.
    app.set_value("[data-testid=reply-1]", "coming").await;
    app.wait_for_text("[data-testid=replies-expected]", "De voorzitter komt")
        .await;
    app.set_value("[data-testid=reply-2]", "apologies").await;
    app.wait_for_text("[data-testid=replies-expected]", "afgemeld: 1")
        .await;
    app.screenshot_of("39-reacties", "#replies-heading").await;

    // FairWork answers from their own mail program: the calendar reply to
    // the exported request, read in through the real file dialog, moves
    // their invitation and says so; the e-mail program's file is kept as is.
    let reply = app.data_dir.path().join("Afgemeld FairWork.eml");
    taskforce_dev::fixture::write_with(
        "itip_reply.py",
        "icalendar",
        &serde_json::json!({
            "out": reply, "format": "eml-outlook", "request": ics, "dtstamp": "20210510T090000Z",
            "attendee": {"address": "anna@fairwork.example", "cn": "Anna Smit", "partstat": "DECLINED"},
        }),
    );
    app.click("[data-testid=read-replies]").await;
    app.answer_file_dialog("Antwoorden op de uitnodiging inlezen", &reply);
    let read = app
        .wait_for_text("[data-testid=reply-readings]", "1 geregistreerd")
        .await;
    assert!(
        read.contains("FairWork: afgemeld (antwoord van maandag 10 mei 2021)"),
        "{read}"
    );
    app.wait_for_text("[data-testid=invitation-status]", "Afgemeld")
        .await;
    app.screenshot_of("40-antwoorden-ingelezen", "#replies-heading")
        .await;

    // The meeting is held: attendance (started from the replies), minutes,
    // a decision and an action.
    app.click("[data-testid=hold]").await;
    app.wait_for_text("[data-testid=meeting-status]", "Gehouden")
        .await;
    app.click("[data-testid=attendance-from-replies]").await;
    app.wait_for_value("[data-testid=attendance-2]", "apologies")
        .await;
    assert_eq!(app.value("[data-testid=attendance-1]").await, "present");
    // U+E007 is WebDriver's Enter key.
    let minutes = "## Verslag\u{E007}\u{E007}De *coördinatie* tussen de partners verloopt moeizaam ([rapport](https://example.org/rapport)).\u{E007}\u{E007}- eerste punt\u{E007}- tweede punt";
    app.type_into("[data-testid=minutes-text]", minutes).await;
    app.wait_for("[data-testid=minutes-preview] h2").await;
    assert_eq!(
        app.find_all("[data-testid=minutes-preview] li").await.len(),
        2,
        "Markdown list rendered"
    );
    // A link in the minutes asks first, in a dialog of the system's own
    // that the page cannot answer, and never takes the window away from
    // the app: declined here.
    app.click("[data-testid=minutes-preview] a").await;
    app.decline_message_dialog("Link openen");
    assert!(
        app.find_all("[data-testid=confirm-dialog][open]")
            .await
            .is_empty(),
        "the page asks nothing itself"
    );
    let url = app.client.current_url().await.expect("url");
    assert_eq!(url.scheme(), "tauri", "still the app: {url}");
    app.click("[data-testid=save-minutes]").await;
    app.wait_for_text("[data-testid=minutes-status]", "Concept")
        .await;
    app.type_into(
        "[data-testid=decision-text]",
        "De coördinatie wordt belegd bij de Inspectie SZW",
    )
    .await;
    app.click("[data-testid=add-decision]").await;
    app.wait_for_text("[data-testid=decisions]", "TF5-2021-01")
        .await;
    app.type_into(
        "[data-testid=action-description]",
        "Notitie over de aanpak in distributiecentra",
    )
    .await;
    app.click("[data-testid=add-action]").await;
    app.wait_for_text("[data-testid=meeting-actions]", "Notitie over de aanpak")
        .await;
    // Both under the central subject's item (the fifth of the standard
    // agenda, after "no item"), and the minutes print them there.
    let central = app
        .value("[data-testid^=decision-item-] option:nth-child(6)")
        .await;
    app.set_value("[data-testid^=decision-item-]", &central)
        .await;
    app.wait_for_value("[data-testid^=decision-item-]", &central)
        .await;
    app.set_value("[data-testid^=action-item-]", &central).await;
    app.wait_for_value("[data-testid^=action-item-]", &central)
        .await;
    app.screenshot_of("43-onder-agendapunt", "[data-testid=decisions]")
        .await;
    let minutes_pdf = app.data_dir.path().join("verslag 12 mei.pdf");
    app.click("[data-testid=export-minutes]").await;
    app.answer_save_dialog("Exporteren", &minutes_pdf);
    app.wait_for_text("[data-testid=export-minutes] ~ .notice", "Opgeslagen")
        .await;
    let text = pdf_text(&minutes_pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let under = text
        .find("Besluiten en acties per agendapunt")
        .expect("the minutes group by agenda item");
    assert!(
        text[under..].contains("De coördinatie wordt belegd")
            && text[under..].contains("Notitie over de aanpak"),
        "{text}"
    );
    app.click("[data-testid=show-history]").await;
    app.wait_for_text("[data-testid=history]", "aangemaakt")
        .await;
    app.screenshot("05-bijeenkomst").await;
    check_accessibility(&app, "meeting").await;

    // The next meeting: the open action is on its list; adopt the minutes.
    app.open("planner").await;
    app.set_value("#new-meeting-date", "2021-09-08").await;
    app.click("[data-testid=add-meeting]").await;
    app.wait_for_text("[data-testid=meeting-heading]", "8 september 2021")
        .await;
    app.wait_for_text("[data-testid=action-list]", "Notitie over de aanpak")
        .await;
    // Minutes are adopted at a meeting that has begun and was announced.
    assert!(app
        .find_all("[data-testid=adopt-previous]")
        .await
        .is_empty());
    app.set_value("[data-testid=choose-subject]", "1").await;
    app.click("[data-testid=set-subject]").await;
    app.click("[data-testid=schedule]").await;
    app.wait_for_text("[data-testid=meeting-status]", "Gepland")
        .await;
    app.click("[data-testid=adopt-previous]").await;
    // No inverse: the confirmation says so before.
    app.wait_for_text("[data-testid=confirm-dialog]", "niet meer ongedaan")
        .await;
    app.click("[data-testid=confirm-yes]").await;
    app.open("planner").await;
    app.wait_for_text(
        "[data-testid=planner-meetings]",
        "Coördinatie arbeidsuitbuiting",
    )
    .await;
    app.screenshot("04-termijnplanner").await;
    check_accessibility(&app, "planner").await;
    app.click("[data-testid=open-meeting]").await;
    app.wait_for_text("[data-testid=minutes-status]", "Vastgesteld op")
        .await;
    assert!(
        app.find_all("[data-testid=minutes-text]").await.is_empty(),
        "adopted minutes are read-only"
    );

    // The action list across meetings.
    app.open("actions").await;
    app.wait_for_text("[data-testid=actions]", "Notitie over de aanpak")
        .await;
    app.screenshot("07-actielijst").await;
    check_accessibility(&app, "actions").await;
    // Postponing: the date field comes when asked for, the core counts it.
    assert!(app.find_all("input.date[id^=postpone-]").await.is_empty());
    app.click("[data-testid^=postpone-]").await;
    app.type_into("input.date[id^=postpone-]", "01-03-2027")
        .await;
    app.click("[data-testid=postpone-to]").await;
    app.wait_for_text("[data-testid=actions]", "1×").await;
    app.wait_for_text("[data-testid=actions]", "1 maart 2027")
        .await;
    assert!(app.find_all("input.date[id^=postpone-]").await.is_empty());

    // The term report, from the term screen.
    app.open("term").await;
    let report = app.data_dir.path().join("rapportage.pdf");
    app.click("[data-testid=export-report]").await;
    app.answer_save_dialog("Exporteren", &report);
    app.wait_for_text("[data-testid=export-report] ~ .notice", "Opgeslagen")
        .await;
    let text = pdf_text(&report);
    assert!(
        text.contains("Termijnrapportage") && text.contains("TF5-2021-01"),
        "{text}"
    );

    // Search finds the decision with and without the accent.
    app.open("search").await;
    for query in ["coordinatie", "coördinatie"] {
        app.type_into("[data-testid=search-input]", query).await;
        app.wait_for_text("[data-testid=search-results]", "TF5-2021-01")
            .await;
    }
    assert!(!app.find_all("[data-testid=hit-decision]").await.is_empty());
    // Minutes are named by their meeting's day, in the language shown.
    app.wait_for_text("[data-testid=hit-minutes]", "Verslag woensdag 12 mei 2021")
        .await;
    // Only the word searched for is marked, not the minutes' own Markdown
    // link text in brackets.
    for mark in app.find_all("[data-testid=hit-minutes] mark").await {
        let text = mark.text().await.expect("a mark's text");
        assert_eq!(text, "coördinatie");
    }
    app.screenshot("08-zoeken").await;
    check_accessibility(&app, "search").await;

    app.open("overview").await;
    app.wait_for("[data-testid=todos]").await;
    app.screenshot("01-overzicht").await;
    check_accessibility(&app, "overview").await;

    app.open("settings").await;
    if app
        .find_all("[data-testid=server-indicator]")
        .await
        .is_empty()
    {
        let path = app.text("[data-testid=database-path]").await;
        assert!(path.ends_with("taskforce.sqlite3"), "{path}");
    } else {
        app.wait_for_text("[data-testid=server-state]", "gedeelde server")
            .await;
    }
    app.wait_for_text("[data-testid=app-version]", env!("CARGO_PKG_VERSION"))
        .await;
    app.screenshot("09-instellingen").await;
    check_accessibility(&app, "settings").await;

    // English and back.
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=nav-actions]", "Action list")
        .await;
    app.open("planner").await;
    app.wait_for_text("[data-testid=planner-meetings]", "Wednesday")
        .await;
    app.screenshot("04-planner-en").await;
    app.click("[data-testid=open-meeting]").await;
    app.wait_for_text("[data-testid=meeting-status]", "Held")
        .await;
    app.screenshot("05-meeting-en").await;
    check_accessibility(&app, "meeting (en)").await;
    app.open("search").await;
    app.type_into("[data-testid=search-input]", "coordinatie")
        .await;
    app.wait_for_text("[data-testid=hit-minutes]", "Minutes of Wednesday")
        .await;
    let minutes = app.text("[data-testid=hit-minutes]").await;
    assert!(minutes.contains("12 May 2021"), "{minutes}");
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=nav-actions]", "Actielijst")
        .await;

    // The run's log: what happened in the background, and none of the
    // personal data or texts typed in this workflow.
    let data = app.close_keeping_data().await;
    let mut log = String::new();
    for entry in std::fs::read_dir(data.path().join("logs")).expect("a logs folder") {
        log.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    assert!(
        log.contains("gestart") && log.contains("reservekopie"),
        "{log}"
    );
    for marker in [
        "Anna Smit",
        "anna@fairwork",
        "FairWork",
        "Coördinatie arbeidsuitbuiting",
        "moeizaam",
        "Notitie over de aanpak",
        "Den Haag",
    ] {
        assert!(!log.contains(marker), "'{marker}' in the log:\n{log}");
    }
}
