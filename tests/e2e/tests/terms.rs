#![allow(clippy::unwrap_used)] // a test: a failed step is the failure it reports
//! Terms over time in the real window, on 1 December 2026 — years after the
//! 5th term ended: start term 7 — the period covering today, numbered as
//! a first start numbers it — from term 5's seats (one left out, one
//! changed), skipping term 6 (2023–2026) knowingly, extend it with the
//! decree attached through the file dialog,
//! plan a series of six meetings (one moved off King's Day), and type dates
//! the Dutch and the English way.

use taskforce_e2e::App;

#[tokio::test(flavor = "multi_thread")]
async fn a_secretariat_starts_extends_and_plans_the_current_term() {
    let app = App::launch_at("2026-12-01T10:00:00Z").await;

    // First start offers the 5th term and a new current term.
    app.wait_for("[data-testid=start-current-term]").await;
    app.click("[data-testid=start-term5]").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.open("term").await;
    app.wait_for_text("[data-testid=term-phase]", "afgelopen")
        .await;
    app.open("overview").await;
    app.wait_for_text(
        "[data-testid=overview-term-ended]",
        "Termijn 5 is afgelopen op woensdag 1 maart 2023",
    )
    .await;
    app.screenshot("01-overzicht-afgelopen").await;

    app.open("term").await;
    app.wait_for_text("[data-testid=term-phase]", "afgelopen")
        .await;
    app.wait_for("[data-testid=term-ended]").await;
    app.screenshot("11-termijn-afgelopen").await;

    // Term 7 from term 5's seats: Jeugdzorg Nederland left out, the police
    // seat with a new role. Term 6 lies between, unrecorded: said, and
    // skipped knowingly here (recording it is in term_corrections.rs).
    app.click("[data-testid=start-next-term]").await;
    app.wait_for("[data-testid=start-seats]").await;
    assert_eq!(app.value("[data-testid=start-number]").await, "7");
    app.wait_for_text(
        "[data-testid=terms-between]",
        "Termijn 6: woensdag 1 maart 2023",
    )
    .await;
    app.click("[data-testid=skip-between]").await;
    assert_eq!(
        app.value("[data-testid=start-starts-on]").await,
        "01-03-2026",
        "the period covering today"
    );
    assert_eq!(app.value("[data-testid=start-ends-on]").await, "01-03-2029");
    let jeugdzorg = "[data-testid=start-seats] tbody tr:nth-child(4)";
    assert!(app.text(jeugdzorg).await.contains("Jeugdzorg Nederland"));
    app.click(&format!("{jeugdzorg} [data-testid=keep-seat]"))
        .await;
    let police = "[data-testid=start-seats] tbody tr:nth-child(11)";
    assert!(app.text(police).await.contains("Politie"));
    app.click(&format!("{police} [data-testid=edit-seat]"))
        .await;
    app.type_into(
        &format!("{police} [data-testid=edit-role]"),
        "de portefeuillehouder mensenhandel",
    )
    .await;
    app.type_into("#start-decree-reference", "Stcrt. 2026, 10234")
        .await;
    app.type_into("#start-decree-date", "15-02-2026").await;
    app.screenshot("12-nieuwe-termijn").await;
    app.click("[data-testid=start-term-submit]").await;
    app.wait_for_text("[data-testid=term-heading]", "Termijn 7")
        .await;
    app.wait_for_text("[data-testid=term-phase]", "lopend")
        .await;
    app.wait_for_text("[data-testid=seat-count]", "20 zetels")
        .await;
    let seats = app.text("[data-testid=seats]").await;
    assert!(!seats.contains("Jeugdzorg"), "{seats}");
    assert!(
        seats.contains("de portefeuillehouder mensenhandel"),
        "{seats}"
    );
    app.wait_for_text("[data-testid=term-decree]", "Stcrt. 2026, 10234")
        .await;
    // The police seat's history goes back into term 5.
    app.click("button[aria-label='Eerdere versies: Politie']")
        .await;
    app.wait_for_text("[data-testid=seats]", "termijn 5, tot")
        .await;

    // Extend term 7 with the extension decree attached in the same flow.
    let decree = app
        .data_dir
        .path()
        .join("Verlengingsbesluit Task Force 2028.pdf");
    std::fs::write(
        &decree,
        b"%PDF-1.4\n% Verlengingsbesluit Task Force Aanpak Mensenhandel\n",
    )
    .unwrap();
    app.click("[data-testid=extend-term-open]").await;
    app.type_into("[data-testid=extend-ends-on]", "01-09-2029")
        .await;
    app.type_into("[data-testid=extend-reference]", "Stcrt. 2028, 55001")
        .await;
    app.click("[data-testid=attach-extension-decree]").await;
    app.answer_file_dialog("Document bijvoegen", &decree);
    app.wait_for_text("[data-testid=attached-decree]", "Verlengingsbesluit")
        .await;
    app.click("[data-testid=extend-submit]").await;
    let extensions = app
        .wait_for_text("[data-testid=term-extensions]", "Verlengd van")
        .await;
    assert!(
        extensions.contains("1 maart 2029") && extensions.contains("1 september 2029"),
        "{extensions}"
    );
    assert!(extensions.contains("Stcrt. 2028, 55001"), "{extensions}");
    app.wait_for_text(
        "[data-testid=documents]",
        "Verlengingsbesluit Task Force 2028.pdf",
    )
    .await;
    app.screenshot("13-termijn-verlengd").await;

    // The planner: the date field starts at the next free working day.
    app.open("planner").await;
    app.wait_for("[data-testid=series-open]").await;
    assert_eq!(
        app.value("[data-testid=new-meeting-date]").await,
        "02-12-2026"
    );
    // A series of six, every eight weeks from Tuesday 2 March 2027:
    // 27 April is King's Day. The series form is folded away until opened.
    assert!(app.find_all("[data-testid=series]").await.is_empty());
    app.click("[data-testid=series-open]").await;
    app.wait_for("[data-testid=series]").await;
    app.type_into("[data-testid=series-first]", "02-03-2027")
        .await;
    app.type_into("[data-testid=series-location]", "Den Haag")
        .await;
    app.type_into("[data-testid=series-break-from]", "10-07-2027")
        .await;
    app.type_into("[data-testid=series-break-to]", "22-08-2027")
        .await;
    app.click("[data-testid=series-preview]").await;
    let preview = app
        .wait_for_text("[data-testid=series-dates]", "Koningsdag")
        .await;
    assert!(
        preview.contains(
            "woensdag 28 april 2027, 14.00 uur — verplaatst van dinsdag 27 april 2027 (Koningsdag)"
        ),
        "{preview}"
    );
    assert!(
        preview.contains("dinsdag 24 augustus 2027") && preview.contains("zomerreces"),
        "{preview}"
    );
    assert_eq!(app.find_all("[data-testid=series-date]").await.len(), 6);
    app.screenshot_of("14-reeks", "#series-heading").await;
    app.click("[data-testid=series-save]").await;
    app.wait_for_text("[data-testid=planner-meetings]", "dinsdag 7 december 2027")
        .await;
    let planned = app.text("[data-testid=planner-meetings]").await;
    assert!(planned.contains("woensdag 28 april 2027"), "{planned}");
    assert_eq!(app.find_all("[data-testid=open-meeting]").await.len(), 6);
    assert!(
        app.find_all("[data-testid=series]").await.is_empty(),
        "the series form folds away once saved"
    );
    app.screenshot("04-termijnplanner-reeks").await;

    // An earlier end is not an extension: *Verlengen* says to shorten.
    app.open("term").await;
    app.click("[data-testid=extend-term-open]").await;
    app.type_into("[data-testid=extend-ends-on]", "01-04-2027")
        .await;
    app.click("[data-testid=extend-submit]").await;
    app.wait_for_text(
        "[data-testid=field-error-ends_on]",
        "een eerder einde is inkorten",
    )
    .await;
    app.click("[data-testid=extend-cancel]").await;
    // Shortening the term below a planned meeting is refused, naming it.
    app.click("[data-testid=shorten-term-open]").await;
    app.type_into("[data-testid=extend-ends-on]", "01-04-2027")
        .await;
    app.click("[data-testid=extend-submit]").await;
    let refusal = app
        .wait_for_text("[data-testid=field-error-ends_on]", "bijeenkomst #2")
        .await;
    assert!(
        refusal.contains("28 april 2027 (en nog 4 latere)"),
        "{refusal}"
    );
    app.click("[data-testid=extend-cancel]").await;

    // A date typed the Dutch way; one that cannot exist is named.
    app.open("planner").await;
    app.wait_for("[data-testid=series-open]").await;
    app.type_into("[data-testid=new-meeting-date]", "31-02-2027")
        .await;
    app.click("[data-testid=add-meeting]").await;
    app.wait_for_text(
        "[data-testid=field-error-date]",
        "Ongeldige datum '31-02-2027'",
    )
    .await;
    app.type_into("[data-testid=new-meeting-date]", "16-12-2026")
        .await;
    app.type_into("#new-meeting-start", "14.00").await;
    app.type_into("#new-meeting-end", "16.00").await;
    app.click("[data-testid=add-meeting]").await;
    app.wait_for_text(
        "[data-testid=meeting-heading]",
        "woensdag 16 december 2026, 14.00 uur",
    )
    .await;
    // No subjects yet in this folder: the meeting says so, with the way there.
    app.wait_for_text("[data-testid=no-subjects]", "Nog geen onderwerpen")
        .await;

    // And the English way, with the English UI.
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=nav-actions]", "Action list")
        .await;
    app.open("planner").await;
    app.wait_for("[data-testid=series-open]").await;
    assert_eq!(
        app.find("[data-testid=new-meeting-date]")
            .await
            .attr("placeholder")
            .await
            .unwrap()
            .as_deref(),
        Some("dd/mm/yyyy")
    );
    // A refusal from the core reads in English too, with its dates written
    // the English way, and follows a switch of language while it is shown.
    app.type_into("[data-testid=new-meeting-date]", "15/12/2031")
        .await;
    app.type_into("#new-meeting-start", "10:00").await;
    app.type_into("#new-meeting-end", "12:00").await;
    app.click("[data-testid=add-meeting]").await;
    let refusal = app
        .wait_for_text("[data-testid=field-error-date]", "must be within term 7")
        .await;
    assert!(refusal.contains("Saturday, 1 September 2029"), "{refusal}");
    app.click("[data-testid=switch-language]").await;
    let dutch = app
        .wait_for_text("[data-testid=field-error-date]", "moet binnen termijn 7")
        .await;
    assert!(dutch.contains("zaterdag 1 september 2029"), "{dutch}");
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=field-error-date]", "must be within")
        .await;
    app.type_into("[data-testid=new-meeting-date]", "15/12/2026")
        .await;
    app.type_into("#new-meeting-start", "10:00").await;
    app.type_into("#new-meeting-end", "12:00").await;
    app.click("[data-testid=add-meeting]").await;
    app.wait_for_text(
        "[data-testid=meeting-heading]",
        "Tuesday, 15 December 2026, 10:00",
    )
    .await;
    app.wait_for_text("[data-testid=no-subjects]", "No subjects yet")
        .await;
    app.open("term").await;
    app.wait_for_text("[data-testid=term-phase]", "current")
        .await;
    app.screenshot("12-termijn-en").await;
    app.open("planner").await;
    app.wait_for("[data-testid=series-open]").await;
    app.screenshot("14-planner-en").await;
    app.click("[data-testid=switch-language]").await;
    app.wait_for_text("[data-testid=nav-actions]", "Actielijst")
        .await;

    app.close().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_proposed_date_moves_on_when_a_series_takes_it() {
    let app = App::launch_at("2021-04-01T09:00:00Z").await;
    app.click("[data-testid=start-term5]").await;
    app.wait_for_text("[data-testid=seat-count]", "21 zetels")
        .await;
    app.open("planner").await;
    app.wait_for("[data-testid=series-open]").await;
    let proposed = app.value("[data-testid=new-meeting-date]").await;

    // A series of one on exactly that day, saved on the same screen.
    app.click("[data-testid=series-open]").await;
    app.type_into("[data-testid=series-first]", &proposed).await;
    app.type_into("[data-testid=series-count]", "1").await;
    app.click("[data-testid=series-preview]").await;
    app.wait_for("[data-testid=series-date]").await;
    app.click("[data-testid=series-save]").await;
    app.wait_for("[data-testid=open-meeting]").await;

    let next = app.value("[data-testid=new-meeting-date]").await;
    assert_ne!(next, proposed, "the taken day is no longer proposed");
    assert!(!next.is_empty());
    app.close().await;
}
