//! What readers and authors meet day to day (issue 17): switching division on the same
//! page, audience pages, inline Markdown in the programme's data files, hints that say
//! what to write, warnings that are repeated and complete, and holiday notices.

mod common;

use common::{Fixture, select, text_of};

#[test]
fn an_up_to_date_rebuild_repeats_the_warnings_it_had() {
    let fixture = Fixture::example();
    let first = fixture.build();
    first.assert_ok();
    let warning =
        "division `kundeservice` has no local section for `experiences/03-linjeledere.md`";
    first.assert_stderr_has(&[warning, "0 errors, 1 warning"]);
    let again = fixture.build();
    again
        .assert_ok()
        .assert_stderr_has(&["Up to date", warning, "0 errors, 1 warning"]);
}

#[test]
fn a_stale_local_section_is_a_warning_naming_the_shared_page_and_its_date() {
    let fixture = Fixture::copy("divisions");
    let section = "content/divisions/alfa/experiences/01-forste.md";
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(fixture.root().join(section))
        .unwrap()
        .set_modified(old)
        .unwrap();
    let shared_time = std::fs::metadata(fixture.root().join("content/experiences/01-forste.md"))
        .unwrap()
        .modified()
        .unwrap();
    let seconds = shared_time
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let day = jiff::Timestamp::from_second(seconds as i64)
        .unwrap()
        .to_zoned(jiff::tz::TimeZone::UTC)
        .date()
        .to_string();
    let run = fixture.build();
    run.assert_ok().assert_stderr_has(&[&format!(
        "{section}: warning: the shared page content/experiences/01-forste.md changed on {day}"
    )]);
    let report: serde_json::Value = serde_json::from_str(&run.text("report/report.json")).unwrap();
    let warnings = report["warnings"].as_array().unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w["file"] == section && w["message"].as_str().unwrap().contains(&day)),
        "{warnings:#?}"
    );
    assert_eq!(
        report["divisions"][0]["stale"],
        serde_json::json!(["experiences/01-forste.md"])
    );
    let checked = fixture.run(&["check", "--format", "json"]);
    assert!(
        checked
            .json()
            .iter()
            .any(|d| d["file"] == section && d["severity"] == "warning"),
        "`check` warns too: {}",
        checked.stdout
    );
}

#[test]
fn a_link_to_nowhere_suggests_the_page_as_the_author_would_write_it_and_marks_the_path() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/guide/links.md",
        "---\ntitle: Links\n---\n\nSe [alfa-modulet](modules/alpha.md) og [den anden](@/experiences/02-andn.md#x).\n",
    );
    let run = fixture.run(&["check"]);
    run.assert_code(1);
    let column = "Se [alfa-modulet](".chars().count() + 1;
    run.assert_stderr_has(&[
        &format!("content/guide/links.md:5:{column}: error: `modules/alpha.md` leads nowhere"),
        "did you mean `../modules/alpha.md` (content/modules/alpha.md)?",
        "did you mean `@/experiences/02-anden.md#x`?",
    ]);
    // The caret marks the path, not the link text.
    let marked = run
        .stderr
        .lines()
        .skip_while(|l| !l.contains("`modules/alpha.md` leads nowhere"))
        .find(|l| l.contains('^'))
        .unwrap();
    let caret = marked.find('^').unwrap();
    let source = run
        .stderr
        .lines()
        .find(|l| l.contains("Se [alfa-modulet]"))
        .unwrap();
    assert_eq!(
        &source[caret..caret + "modules/alpha.md".len()],
        "modules/alpha.md",
        "{}",
        run.stderr
    );
    assert_eq!(marked.matches('^').count(), "modules/alpha.md".len());
}

#[test]
fn an_unknown_channel_says_which_id_the_name_on_the_site_stands_for() {
    let fixture = Fixture::copy("divisions");
    fixture.edit(
        "content/calendar.yaml",
        "channel: event}",
        "channel: arrangement}",
    );
    let run = fixture.run(&["check"]);
    run.assert_code(1).assert_stderr_has(&[
        "content/calendar.yaml:8:",
        "unknown channel `arrangement`",
        "`arrangement` is what the site shows for `event`; write `channel: event`",
        "`town-hall` (Fællesmøde)",
    ]);
}

/// The divisions fixture with links and emphasis in the follow-up's and the calendar's
/// texts, shared and local.
fn inline_markdown_fixture() -> Fixture {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/followup.yaml",
        "title: Opfølgning\nweeks:\n  - week: 1\n    title: Start\n    meeting: \"Læs **vejledningen** [om at skjule](@/guide/skjul.md).\"\n    kit: kit/uge-1.pdf\n    experiences: [1]\n    note: Se [næste uge](#week-2).\n  - {week: 2, title: Videre, meeting: Holdet følger op., kit: kit/uge-2.pdf, experiences: [2]}\n",
    );
    fixture.write(
        "content/divisions/alfa/followup.yaml",
        "weeks:\n  - {week: 1, note: \"Vores [egen side](@/guide/alfa-side.md) hjælper.\"}\n",
    );
    fixture.edit(
        "content/calendar.yaml",
        "{month: \"2027-03\", title: Marts, channel: poster}",
        "{month: \"2027-03\", title: Marts, channel: poster, description: \"Plakater om [uge 2](@/followup.yaml#week-2).\"}",
    );
    fixture.edit(
        "handbook.yaml",
        "title: Divisionstest",
        "title: Divisionstest\nbase_url: https://intra.example.com/haandbog/",
    );
    fixture
}

#[test]
fn followup_and_calendar_texts_are_inline_markdown_with_links_resolved_per_division() {
    let fixture = inline_markdown_fixture();
    let run = fixture.build();
    run.assert_ok();
    let beta = run.html("beta/followup/index.html");
    let meeting = select(&beta, "#week-1 .week__meeting");
    let meeting = meeting[0].html();
    assert!(
        meeting.contains("<strong>vejledningen</strong>"),
        "{meeting}"
    );
    assert!(
        meeting.contains("<a href=\"../guide/skjul/index.html\">om at skjule</a>"),
        "{meeting}"
    );
    let note = text_of(&select(&beta, "#week-1 .week__note")[0]);
    assert!(note.contains("næste uge"), "{note}");
    assert_eq!(
        select(&beta, "#week-1 .week__note a")[0]
            .value()
            .attr("href"),
        Some("../followup/index.html#week-2")
    );
    // Alfa hides the guide: the link is its text there; its own note links its own page.
    let alfa = run.html("alfa/followup/index.html");
    let meeting = select(&alfa, "#week-1 .week__meeting")[0].html();
    assert!(!meeting.contains("<a "), "{meeting}");
    assert!(meeting.contains("om at skjule"), "{meeting}");
    assert_eq!(
        select(&alfa, "#week-1 .week__note--local a")[0]
            .value()
            .attr("href"),
        Some("../guide/alfa-side/index.html")
    );
    // The week's own page is one folder deeper: its links say so.
    let pack = run.html("beta/followup/week-1/index.html");
    assert_eq!(
        select(&pack, ".week__meeting a")[0].value().attr("href"),
        Some("../../guide/skjul/index.html")
    );
    let calendar = run.html("gamma/calendar/index.html");
    assert_eq!(
        select(&calendar, ".activity__description a")[0]
            .value()
            .attr("href"),
        Some("../followup/index.html#week-2")
    );
    // Calendar files get the text without markup, each link's address after its words.
    let ics = run.text("alfa/followup.ics").replace("\r\n ", "");
    assert!(
        ics.contains("Læs vejledningen om at skjule.\\n"),
        "hidden in Alfa: no address\n{ics}"
    );
    assert!(
        ics.contains(
            "Vores egen side <https://intra.example.com/haandbog/alfa/guide/alfa-side/> hjælper."
        ),
        "{ics}"
    );
    let ics = run.text("gamma/calendar.ics").replace("\r\n ", "");
    assert!(
        ics.contains(
            "Plakater om uge 2 <https://intra.example.com/haandbog/gamma/followup/#week-2>."
        ),
        "{ics}"
    );
}

#[test]
fn a_broken_link_in_a_data_text_is_an_error_at_its_yaml_line() {
    let fixture = inline_markdown_fixture();
    fixture.edit(
        "content/followup.yaml",
        "@/guide/skjul.md",
        "@/guide/skjull.md",
    );
    fixture.edit("content/followup.yaml", "(#week-2)", "(#week-9)");
    fixture.edit(
        "content/followup.yaml",
        "meeting: Holdet følger op.",
        "meeting: \"Se [Alfas side](@/guide/alfa-side.md).\"",
    );
    let run = fixture.run(&["check"]);
    run.assert_code(1);
    let column = "    meeting: \"Læs **vejledningen** [om at skjule]("
        .chars()
        .count()
        + 1;
    let meeting = "  - {week: 2, title: Videre, meeting: \"Se [Alfas side]("
        .chars()
        .count()
        + 1;
    run.assert_stderr_has(&[
        &format!("content/followup.yaml:5:{column}: error: `@/guide/skjull.md` leads nowhere"),
        "did you mean `@/guide/skjul.md`?",
        "content/followup.yaml:8:26: error: `followup.yaml` has no heading `#week-9`",
        &format!("content/followup.yaml:9:{meeting}: error"),
        "leads to a page that only division alfa has",
    ]);
    // A shared text's problem is reported once, not once per division.
    assert_eq!(
        run.stderr.matches("leads nowhere").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn a_translated_followup_text_is_inline_markdown_checked_in_its_own_file() {
    let fixture = inline_markdown_fixture();
    let translation = "translated_from: \"000000000000\"\nweeks:\n  - {week: 1, title: Start, note: \"See [the guide](@/guide/skjul.md) *first*.\"}\n";
    fixture.write("content/followup.en.yaml", translation);
    let run = fixture.build();
    run.assert_ok();
    let beta = run.html("beta/followup/index.html");
    let note = select(&beta, "#week-1 .week__note")[0].html();
    assert!(
        note.contains("See <a href=\"../guide/skjul/index.html\">the guide</a> <em>first</em>."),
        "{note}"
    );
    fixture.write(
        "content/followup.en.yaml",
        &translation.replace("skjul.md", "skjulx.md"),
    );
    let column = "  - {week: 1, title: Start, note: \"See [the guide]("
        .chars()
        .count()
        + 1;
    fixture
        .run(&["check"])
        .assert_code(1)
        .assert_stderr_has(&[&format!(
            "content/followup.en.yaml:3:{column}: error: `@/guide/skjulx.md` leads nowhere"
        )]);
}

#[test]
fn weeks_on_a_public_holiday_get_a_notice_for_the_divisions_country() {
    let run = Fixture::example().build();
    run.assert_ok();
    let notices = |path: &str, week: u32| -> Vec<String> {
        let html = run.html(path);
        let css = if path.ends_with(&format!("week-{week}/index.html")) {
            ".week__holiday".to_string()
        } else {
            format!("#week-{week} .week__holiday")
        };
        select(&html, &css).iter().map(text_of).collect()
    };
    // Erhverv starts on 1 March 2027: weeks 5 and 12 start on Easter and Whit Monday.
    let easter = notices("erhverv/followup/index.html", 5);
    assert_eq!(
        easter,
        [
            "Ugen starter på en helligdag: 2. påskedag, 29. marts 2027. Læg ugens møde på en anden dag."
        ]
    );
    let whitsun = notices("erhverv/followup/index.html", 12);
    assert!(
        whitsun[0].contains("2. pinsedag, 17. maj 2027"),
        "{whitsun:?}"
    );
    assert_eq!(notices("erhverv/followup/week-5/index.html", 5), easter);
    let thursday = notices("erhverv/followup/index.html", 4);
    assert_eq!(
        thursday.len(),
        2,
        "Maundy Thursday and Good Friday: {thursday:?}"
    );
    assert!(thursday[0].starts_with("Helligdag i ugen: Skærtorsdag"));
    assert!(notices("erhverv/followup/index.html", 6).is_empty());
    // Sverige reads Swedish and sits in Sweden: Ascension Day, but no Whit Monday.
    let ascension = notices("sverige/followup/index.html", 5);
    assert_eq!(ascension.len(), 1, "{ascension:?}");
    assert!(
        ascension[0].contains("Kristi himmelsfärdsdag"),
        "{ascension:?}"
    );
    assert!(notices("sverige/followup/index.html", 7).is_empty());
}

#[test]
fn a_divisions_country_can_be_set_and_is_checked() {
    let fixture = Fixture::example();
    fixture.edit(
        "content/divisions/erhverv/division.yaml",
        "followup_start:",
        "country: NO\nfollowup_start:",
    );
    let run = fixture.build();
    run.assert_ok();
    let html = run.html("erhverv/followup/index.html");
    let week = |n: u32| -> String {
        select(&html, &format!("#week-{n} .week__holiday"))
            .iter()
            .map(text_of)
            .collect()
    };
    // Norway: 17 May is both Constitution Day and (in 2027) Whit Monday.
    assert!(week(12).contains("2. pinsedag"), "{}", week(12));
    assert!(week(12).contains("Norges grundlovsdag"), "{}", week(12));
    fixture.edit(
        "content/divisions/erhverv/division.yaml",
        "country: NO",
        "country: US",
    );
    fixture.build().assert_ok().assert_stderr_has(&[
        "content/divisions/erhverv/division.yaml:2:10: warning: handbook does not know the public holidays of `US`",
        "DK, SE, NO, DE, FI, GB",
    ]);
    fixture.edit(
        "content/divisions/erhverv/division.yaml",
        "country: US",
        "country: Danmark",
    );
    fixture.run(&["check"]).assert_code(1).assert_stderr_has(&[
        "content/divisions/erhverv/division.yaml:2:10: error: `Danmark` is not a country code",
    ]);
}

/// The "switch division" links of a page: (division, href, is it the same page).
fn switch_links(run: &common::Run, path: &str) -> Vec<(String, String, bool)> {
    let html = run.html(path);
    select(&html, ".division-switch--header .division-switch__list a")
        .iter()
        .map(|a| {
            let division = a.value().attr("data-division").unwrap().to_string();
            let href = a.value().attr("href").unwrap().to_string();
            let front = !select_in(a, ".division-switch__note").is_empty();
            (division, href, !front)
        })
        .collect()
}

fn select_in<'a>(element: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    element
        .select(&scraper::Selector::parse(css).unwrap())
        .collect()
}

#[test]
fn switching_division_links_straight_to_the_same_page_without_javascript() {
    let run = Fixture::example().build();
    run.assert_ok();
    let from_glossary = switch_links(&run, "erhverv/vejledning/ordliste/index.html");
    assert_eq!(
        from_glossary,
        [
            (
                "kundeservice".to_string(),
                "../../../kundeservice/index.html".to_string(),
                false
            ),
            (
                "privat".to_string(),
                "../../../privat/vejledning/ordliste/index.html".to_string(),
                true
            ),
            (
                "sverige".to_string(),
                "../../../sverige/vejledning/ordliste/index.html".to_string(),
                true
            ),
        ],
        "Kundeservice hides the glossary: its front page"
    );
    // A division's own page exists nowhere else; every link leads to a page that exists.
    let local = switch_links(
        &run,
        "erhverv/vejledning/kundeplaner-for-key-accounts/index.html",
    );
    assert!(local.iter().all(|(_, _, same)| !same), "{local:?}");
    for path in [
        "privat/followup/week-3/index.html",
        "sverige/audiences/trainers/index.html",
        "privat/404.html",
    ] {
        for (_, href, _) in switch_links(&run, path) {
            let target = common::resolve(&run.out, path, &href);
            assert!(target.is_file(), "{path}: {href}");
        }
    }
    let week = switch_links(&run, "privat/followup/week-3/index.html");
    assert!(week.iter().all(|(_, _, same)| *same), "{week:?}");
    let not_found = switch_links(&run, "privat/404.html");
    assert!(
        not_found
            .iter()
            .all(|(_, href, _)| href.ends_with("/index.html") && href.matches('/').count() == 2),
        "{not_found:?}"
    );
    // The sidebar (shown on small screens) has the same choices.
    let html = run.html("erhverv/vejledning/ordliste/index.html");
    assert_eq!(
        select(&html, ".nav__switch .division-switch__list a").len(),
        3
    );
}

#[test]
fn hr_introduces_an_audience_page_and_a_division_adds_its_local_section() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "content/audiences/employees.md",
        "---\ntitle: Til medarbejderne\nsummary: Det her er jeres.\n---\n\nStart med [den første erfaring](@/experiences/01-forste.md).\n\n## Spørgsmål\n",
    );
    fixture.write(
        "content/divisions/alfa/audiences/employees.md",
        "---\ntitle: Hos Alfa\n---\n\nSpørg [Alfas side](@/guide/alfa-side.md) MARKER-ALFA-AUDIENCE.\n",
    );
    fixture.edit(
        "content/index.md",
        "Læs [",
        "Se [medarbejdernes side](audiences/employees.md#spørgsmål). Læs [",
    );
    let run = fixture.build();
    run.assert_ok();
    let alfa = run.html("alfa/audiences/employees/index.html");
    assert_eq!(text_of(&select(&alfa, "h1")[0]), "Til medarbejderne");
    let intro = select(&alfa, ".page--audience > .prose")[0].html();
    assert!(
        intro.contains("<a href=\"../../experiences/01-forste/index.html\">"),
        "{intro}"
    );
    let local = text_of(&select(&alfa, ".local-section")[0]);
    assert!(
        local.contains("Hos Alfa") && local.contains("MARKER-ALFA-AUDIENCE"),
        "{local}"
    );
    let read_first: Vec<String> = select(&alfa, "#hb-audience-first ~ .cards .card__title")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        read_first.len(),
        2,
        "the module's two experiences: {read_first:?}"
    );
    let weeks = select(&alfa, ".audience__weeks a");
    assert_eq!(weeks.len(), 2, "employees take part in every week");
    let beta =
        std::fs::read_to_string(run.out.join("beta/audiences/employees/index.html")).unwrap();
    assert!(
        !beta.contains("MARKER-ALFA-AUDIENCE"),
        "a division's section stays its own"
    );
    // The introduction is the audience page's text: no page of its own, anywhere.
    assert!(!run.exists("alfa/audiences/employees/employees/index.html"));
    let front = run.html("gamma/index.html");
    let link = select(&front, "main a")
        .into_iter()
        .find(|a| text_of(a) == "medarbejdernes side")
        .unwrap();
    assert_eq!(
        link.value().attr("href"),
        Some("audiences/employees/index.html#spørgsmål")
    );
    let nav = run.html("gamma/experiences/01-forste/index.html");
    assert!(
        select(&nav, "#hb-nav a").iter().all(|a| !a
            .value()
            .attr("href")
            .unwrap_or("")
            .contains("audiences")),
        "not listed in the sidebar"
    );
}

#[test]
fn an_introduction_for_no_audience_is_an_error_naming_the_audiences() {
    let fixture = Fixture::copy("divisions");
    fixture.write("content/audiences/employee.md", "---\ntitle: X\n---\n\nX\n");
    fixture.run(&["check"]).assert_code(1).assert_stderr_has(&[
        "content/audiences/employee.md: error: `employee.md` in audiences/ names no audience (did you mean `employees`?",
        "name the file after an audience: `top-management.md`",
    ]);
}
