//! The programme itself: modules by audience, the follow-up weeks, the marketing
//! calendar, handouts and the business case.

mod common;

use std::io::BufReader;

use common::{Fixture, main_text, select, text_of};

fn property<'a>(
    event: &'a ical::parser::ical::component::IcalEvent,
    name: &str,
) -> Option<&'a str> {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
}

fn events(ics: &str) -> Vec<ical::parser::ical::component::IcalEvent> {
    let mut calendars = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the calendar parses");
    assert!(calendars.next().is_none());
    calendar.events
}

#[test]
fn the_catalogue_shows_modules_by_audience_and_category() {
    let run = Fixture::copy("plain").build();
    run.assert_ok();
    let catalogue = run.html("modules/index.html");
    let headers: Vec<String> = select(&catalogue, ".matrix thead th")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        headers,
        [
            "Målgrupper",
            "Holdninger",
            "Færdigheder",
            "Kundeindsigt",
            "Interne kunderelationer"
        ]
    );
    let rows = select(&catalogue, ".matrix tbody tr");
    assert_eq!(rows.len(), 5);
    for row in &rows {
        let audience = select_in(row, "th");
        let cells: Vec<String> = row
            .select(&scraper::Selector::parse("td").unwrap())
            .map(|c| text_of(&c).trim().to_string())
            .collect();
        let expected_skills = if audience == "Førstelinjeledere" || audience == "Medarbejdere" {
            "Alfamodulet"
        } else {
            "–"
        };
        assert_eq!(cells[1], expected_skills, "{audience}");
        assert_eq!(cells[0], "–", "{audience}");
    }
    let audience = main_text(&run, "audiences/employees/index.html");
    assert!(audience.contains("Alfamodulet"), "{audience}");
    assert!(!main_text(&run, "audiences/trainers/index.html").contains("Alfamodulet"));
}

fn select_in(element: &scraper::ElementRef, css: &str) -> String {
    element
        .select(&scraper::Selector::parse(css).unwrap())
        .map(|e| text_of(&e))
        .collect::<String>()
        .trim()
        .to_string()
}

#[test]
fn experiences_and_modules_link_both_ways_from_one_declaration() {
    let fixture = Fixture::copy("plain");
    fixture.write(
        "content/modules/beta.md",
        "---\ntitle: Betamodulet\naudiences: [trainers]\ncategories: [attitudes]\n---\nTekst.\n",
    );
    fixture.edit(
        "content/experiences/02-anden.md",
        "title: Den anden erfaring",
        "title: Den anden erfaring\nmodules: [beta]",
    );
    let run = fixture.build();
    run.assert_ok();
    let first = main_text(&run, "experiences/01-forste/index.html");
    assert!(
        first.contains("Alfamodulet"),
        "declared by the module: {first}"
    );
    let second = main_text(&run, "experiences/02-anden/index.html");
    assert!(
        second.contains("Betamodulet") && !second.contains("Alfamodulet"),
        "declared by the experience: {second}"
    );
    let alpha = run.html("modules/alpha/index.html");
    let covered: Vec<String> = select(&alpha, "#hb-module-experiences ~ .cards .card__title")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(covered, ["Den første erfaring"]);
    let beta = main_text(&run, "modules/beta/index.html");
    assert!(beta.contains("Den anden erfaring"), "{beta}");
    let facts = select(&alpha, ".facts")
        .iter()
        .map(text_of)
        .collect::<String>();
    for fact in [
        "Førstelinjeledere",
        "Medarbejdere",
        "Færdigheder",
        "1 dag",
        "Workshop",
    ] {
        assert!(facts.contains(fact), "{fact} in {facts}");
    }
    let handouts = select(&alpha, ".handout")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(
        handouts.contains("PDF") && handouts.contains(" B"),
        "{handouts}"
    );
}

#[test]
fn follow_up_weeks_show_dates_from_the_monday_of_the_start_week() {
    // Alfa's followup_start is Wednesday 3 February 2027: the weeks start on Monday 1
    // February (with a warning), and run Monday to Friday.
    let fixture = Fixture::copy("divisions");
    let run = fixture.build();
    run.assert_ok()
        .assert_stderr_has(&["is not a Monday; the weeks start on Monday 2027-02-01"]);
    let page = run.html("alfa/followup/index.html");
    let dates: Vec<String> = select(&page, ".week__dates").iter().map(text_of).collect();
    assert_eq!(
        dates,
        [
            "1. februar – 5. februar 2027 · kalenderuge 5",
            "8. februar – 12. februar 2027 · kalenderuge 6"
        ]
    );
    assert!(
        select(&run.html("gamma/followup/index.html"), ".week__dates").is_empty(),
        "no start date, no dates"
    );
    let week = select(&page, "#week-1")
        .iter()
        .map(text_of)
        .collect::<String>();
    for part in ["Start", "Holdet mødes.", "Uge 1", "Den første erfaring"] {
        assert!(week.contains(part), "{part} in {week}");
    }
    let kit: Vec<&str> = select(&page, "#week-1 .week__kit a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(kit, ["../handouts/kit/uge-1.pdf"]);
}

#[test]
fn followup_ics_has_one_monday_to_friday_event_per_week() {
    let run = Fixture::copy("divisions").build();
    run.assert_ok();
    let weeks = events(&run.text("alfa/followup.ics"));
    assert_eq!(weeks.len(), 2);
    assert_eq!(property(&weeks[0], "DTSTART"), Some("20270201"));
    assert_eq!(
        property(&weeks[0], "DTEND"),
        Some("20270206"),
        "DTEND is exclusive: the Saturday"
    );
    assert_eq!(property(&weeks[1], "SUMMARY"), Some("Uge 2: Videre"));
    assert!(
        property(&weeks[0], "DESCRIPTION")
            .unwrap()
            .contains("MARKER-ALFA-NOTE")
    );
    assert!(
        !run.exists("gamma/followup.ics"),
        "no followup_start, no followup.ics"
    );
}

#[test]
fn calendar_ics_has_an_event_per_activity_with_stable_uids() {
    let fixture = Fixture::copy("divisions");
    fixture.edit("content/calendar.yaml", "title: Marts, channel: poster}", "title: \"Plakat; kantine, og gang\", channel: poster, description: \"Linje 1\\nLinje 2, med komma\"}");
    let run = fixture.build();
    run.assert_ok();
    let ics = run.text("alfa/calendar.ics");
    let all = events(&ics);
    assert_eq!(all.len(), 13, "12 shared + 1 local activity");
    let february = all
        .iter()
        .find(|e| property(e, "SUMMARY") == Some("Februar"))
        .unwrap();
    assert_eq!(property(february, "DTSTART"), Some("20270215"));
    assert_eq!(property(february, "DTEND"), Some("20270216"));
    let january = all
        .iter()
        .find(|e| property(e, "SUMMARY") == Some("Januar"))
        .unwrap();
    assert_eq!(property(january, "DTSTART"), Some("20270101"));
    assert_eq!(
        property(january, "DTEND"),
        Some("20270201"),
        "a month-long activity spans the month"
    );
    assert!(
        ics.contains("SUMMARY:Plakat\\; kantine\\, og gang"),
        "text is escaped:\n{ics}"
    );
    assert!(ics.contains("Linje 1\\nLinje 2\\, med komma"));
    assert!(
        ics.lines().all(|line| line.len() <= 75),
        "lines are folded at 75 octets"
    );
    let uids: std::collections::BTreeSet<&str> =
        all.iter().filter_map(|e| property(e, "UID")).collect();
    assert_eq!(uids.len(), 13, "UIDs are unique");
    let again = fixture.build();
    again.assert_ok();
    assert_eq!(
        again.text("alfa/calendar.ics"),
        ics,
        "the same build writes the same calendar"
    );
    assert!(!run.text("gamma/calendar.ics").contains("MARKER-ALFA"));
}

#[test]
fn the_calendar_page_shows_twelve_months() {
    let run = Fixture::copy("plain").build();
    run.assert_ok();
    let page = run.html("calendar/index.html");
    assert_eq!(
        select(&page, "main a[href='../calendar.ics']").len(),
        1,
        "the page offers the calendar file"
    );
    assert!(run.exists("calendar.ics"));
    let months: Vec<&str> = select(&page, ".month")
        .iter()
        .filter_map(|m| m.value().attr("id"))
        .collect();
    assert_eq!(months.len(), 12);
    assert_eq!(months[0], "2027-01");
    assert_eq!(months[11], "2027-12");
    let july = select(&page, "[id='2027-07']")
        .iter()
        .map(text_of)
        .collect::<String>();
    assert!(
        july.contains("Kampagne") && july.contains("Sommer"),
        "{july}"
    );
    let january = select(&page, "[id='2027-01'] a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect::<Vec<_>>();
    assert_eq!(january, ["../experiences/01-forste/index.html"]);
}

#[test]
fn the_business_case_shows_what_the_shift_is_worth() {
    let run = Fixture::copy("plain").build();
    run.assert_ok();
    // Movers: 10 % of 1.000 and of 2.000. Revenue: 100 x 1.000 + 200 x 1.000.
    // Margin: 100 x (400 - 100) + 200 x (750 - 400).
    let page = run.html("business-case/index.html");
    let totals: Vec<String> = select(&page, "tfoot td").iter().map(text_of).collect();
    // Kept: the movers x the fall in churn to the next segment.
    assert_eq!(totals, ["", "300.000 kr.", "100.000 kr.", "30"]);
    let rows: Vec<String> = select(
        &page,
        "#hb-worth ~ .table-scroll tbody tr, section:nth-of-type(2) tbody tr",
    )
    .iter()
    .map(text_of)
    .collect();
    assert!(
        rows.iter().any(|r| r.contains("Utilfredse → Tilfredse")
            && r.contains("100")
            && r.contains("30.000 kr.")),
        "{rows:?}"
    );
    let text = main_text(&run, "business-case/index.html");
    assert!(
        text.contains("10 %") && text.contains("Sådan er det regnet"),
        "{text}"
    );
}

#[test]
fn the_handouts_page_groups_by_module_and_week_with_type_and_size() {
    let run = Fixture::copy("plain").build();
    run.assert_ok();
    let page = run.html("handouts/index.html");
    let text = select(&page, "main")
        .iter()
        .map(text_of)
        .collect::<String>();
    for part in [
        "Efter modul",
        "Alfamodulet",
        "Efter uge i opfølgningen",
        "Uge 1: Start",
        "Alle materialer",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    let size = std::fs::metadata(run.out.join("handouts/kit/a.pdf"))
        .unwrap()
        .len();
    assert!(
        text.contains(&format!("PDF, {size} B")),
        "type and size in {text}"
    );
}

#[test]
fn a_leader_finds_week_five_in_two_clicks() {
    let run = Fixture::example().build();
    run.assert_ok();
    let front = run.html("privat/index.html");
    let to_followup: Vec<&str> = select(&front, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| *h == "followup/index.html")
        .collect();
    assert!(
        !to_followup.is_empty(),
        "the front page links the follow-up page"
    );
    let followup = run.html("privat/followup/index.html");
    assert_eq!(
        select(&followup, "main .week-index a[href='#week-5']").len(),
        1,
        "the week index links week 5"
    );
    assert_eq!(select(&followup, "#week-5").len(), 1);
}

#[test]
fn programme_data_errors_point_at_their_lines() {
    let fixture = Fixture::copy("plain");
    fixture.edit(
        "content/calendar.yaml",
        "{month: \"2027-03\", title: Plakat, channel: poster}",
        "{month: \"2028-03\", title: Plakat, channel: poster}",
    );
    fixture.edit(
        "content/calendar.yaml",
        "channel: event}",
        "channel: radio}",
    );
    fixture.edit("content/followup.yaml", "  - week: 2", "  - week: 3");
    fixture.edit(
        "content/modules/alpha.md",
        "handouts: [kit/a.pdf]",
        "handouts: [kit/a.pdf, kit/mangler.pdf, ../handbook.yaml]",
    );
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/calendar.yaml:8:47: error: unknown channel `radio`",
        "write one of the channels: `intranet` (Intranet), `newsletter` (Nyhedsbrev)",
        "content/calendar.yaml:6:13: error: `2028-03` is outside the plan's twelve months",
        "did you mean",
        "content/followup.yaml:8:11: error: the follow-up skips week 2: week 3 comes next",
        "content/modules/alpha.md:10:23: error: the handout `kit/mangler.pdf` does not exist",
        "content/modules/alpha.md:10:40: error: the handout path `../handbook.yaml` must stay inside content/handouts/",
    ]);
    let fixture = Fixture::copy("plain");
    fixture.edit(
        "content/calendar.yaml",
        "{month: \"2027-03\", title: Plakat, channel: poster}",
        "{month: \"2028-03\", title: Plakat, channel: poster}",
    );
    fixture.edit(
        "content/followup.yaml",
        "kit: kit/uge-2.pdf",
        "kit: kit/uge-22.pdf",
    );
    fixture.edit(
        "content/modules/alpha.md",
        "experiences: [1]",
        "experiences: [1, 12]",
    );
    let run = fixture.build();
    run.assert_code(1).assert_stderr_has(&[
        "content/calendar.yaml:6:13: error: `2028-03` is outside the plan's twelve months (2027-01 to 2027-12)",
        "content/calendar.yaml:4:3: warning: no activity in 2027-03",
        "content/followup.yaml:11:10: error: the meeting kit `kit/uge-22.pdf` of week 2 does not exist",
        "did you mean `kit/uge-2.pdf`?",
        "content/modules/alpha.md:9:18: error: there is no experience 12",
        "content/handouts/kit/uge-2.pdf: warning: no page links to this handout",
    ]);
}

#[test]
fn duplicate_weeks_and_unknown_module_ids_are_errors() {
    let fixture = Fixture::copy("plain");
    fixture.edit("content/followup.yaml", "  - week: 2", "  - week: 1");
    fixture.edit(
        "content/experiences/02-anden.md",
        "title: Den anden erfaring",
        "title: Den anden erfaring\nmodules: [alfa]",
    );
    fixture.build().assert_code(1).assert_stderr_has(&[
        "content/followup.yaml:8:11: error: week 1 appears twice (also on line 3)",
        "content/experiences/02-anden.md:3:11: error: there is no module `alfa`",
    ]);
}
