//! The calendar files, read back strictly: hostile names and titles stay inside their
//! property, lines are folded, and every event links to its page.

mod common;

use std::io::BufReader;

use common::{Fixture, Run, select};

/// Ends one event and starts another if it ever leaves its property.
const INJECTION: &str = "Ond\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nX-EVIL:1";
const LONE_CR: &str = "før\rSUMMARY:efter";
const PUNCTUATION: &str = "semi; komma, back\\slash \\n: kolon \"citat\"";

fn emoji() -> String {
    "🎉".repeat(200)
}

/// A double-quoted YAML string (JSON's escapes are YAML's).
fn yaml(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

/// One component's properties as (name with parameters, raw value), in file order.
type Properties = Vec<(String, String)>;

struct Calendar {
    properties: Properties,
    events: Vec<Properties>,
}

/// Reads a calendar file as a strict reader would: CRLF only, no line over 75 octets, no
/// control character, continuations start with a space; one VCALENDAR holding VEVENTs
/// and nothing else.
fn strict_parse(ics: &str) -> Calendar {
    let body = ics.strip_suffix("\r\n").expect("the file ends with CRLF");
    let mut lines: Vec<String> = Vec::new();
    for line in body.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.chars().any(|c| c.is_control() && c != '\t'),
            "a control character (a bare line break?) in {line:?}"
        );
        match line.strip_prefix(' ') {
            Some(rest) => lines.last_mut().expect("a line to continue").push_str(rest),
            None => lines.push(line.to_string()),
        }
    }
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCALENDAR"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
    let mut calendar = Calendar {
        properties: Vec::new(),
        events: Vec::new(),
    };
    let mut event: Option<Properties> = None;
    for line in &lines[1..lines.len() - 1] {
        let (name, value) = line.split_once(':').expect("NAME:VALUE");
        match (name, value, &mut event) {
            ("BEGIN", "VEVENT", None) => event = Some(Vec::new()),
            ("END", "VEVENT", Some(_)) => calendar.events.push(event.take().unwrap()),
            ("BEGIN" | "END", _, _) => panic!("unexpected {line:?}"),
            (_, _, Some(properties)) => properties.push((name.into(), value.into())),
            (_, _, None) => calendar.properties.push((name.into(), value.into())),
        }
    }
    assert!(event.is_none(), "an event is not closed");
    cross_check(ics, &calendar);
    calendar
}

/// The `ical` crate reads the same events and values.
fn cross_check(ics: &str, calendar: &Calendar) {
    let mut parsed = ical::IcalParser::new(BufReader::new(ics.as_bytes()));
    let parsed = parsed.next().expect("a calendar").expect("it parses");
    assert_eq!(parsed.events.len(), calendar.events.len());
    for (theirs, ours) in parsed.events.iter().zip(&calendar.events) {
        for (name, value) in ours.iter().filter(|(n, _)| n == "SUMMARY") {
            let found = theirs.properties.iter().find(|p| &p.name == name);
            assert_eq!(found.and_then(|p| p.value.as_deref()), Some(value.as_str()));
        }
    }
}

/// The text of a TEXT value; panics on what RFC 5545 does not allow unescaped.
fn unescape(value: &str) -> String {
    let mut text = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('\\') => text.push('\\'),
                Some(';') => text.push(';'),
                Some(',') => text.push(','),
                Some('n' | 'N') => text.push('\n'),
                other => panic!("bad escape \\{other:?} in {value:?}"),
            },
            ';' | ',' => panic!("unescaped {c:?} in {value:?}"),
            c => text.push(c),
        }
    }
    text
}

fn names(properties: &Properties) -> Vec<&str> {
    properties.iter().map(|(name, _)| name.as_str()).collect()
}

fn text(properties: &Properties, name: &str) -> String {
    let values: Vec<&String> = properties
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v)
        .collect();
    assert_eq!(values.len(), 1, "one {name} in {properties:?}");
    unescape(values[0])
}

/// What the text becomes in a calendar: line breaks are `\n`.
fn as_text(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

fn hostile_fixture() -> Fixture {
    let fixture = Fixture::copy("divisions");
    let alfa = "content/divisions/alfa";
    fixture.edit(
        &format!("{alfa}/division.yaml"),
        "name: Alfa",
        &format!("name: {}", yaml(INJECTION)),
    );
    fixture.edit(
        "content/calendar.yaml",
        "{month: \"2027-03\", title: Marts, channel: poster}",
        &format!(
            "{{month: \"2027-03\", title: {}, channel: poster, description: {}, owner: {}, campaign: {}}}",
            yaml(&format!("{LONE_CR} {PUNCTUATION}")),
            yaml(INJECTION),
            yaml(&emoji()),
            yaml(PUNCTUATION),
        ),
    );
    fixture.edit(
        &format!("{alfa}/calendar.yaml"),
        "title: Alfa-aktivitet MARKER-ALFA-ACTIVITY",
        &format!("title: {}", yaml(&emoji())),
    );
    fixture.edit(
        "content/followup.yaml",
        "title: Start, meeting: Holdet mødes.",
        &format!(
            "title: {}, meeting: {}, note: {}",
            yaml(INJECTION),
            yaml(PUNCTUATION),
            yaml(LONE_CR)
        ),
    );
    fixture.edit(
        "content/followup.yaml",
        "title: Opfølgning",
        &format!("title: {}", yaml(&emoji())),
    );
    fixture.edit(
        &format!("{alfa}/followup.yaml"),
        "note: Alfa-note MARKER-ALFA-NOTE",
        &format!("note: {}", yaml(INJECTION)),
    );
    fixture
}

const CALENDAR_PROPERTIES: [&str; 5] = ["VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME"];
const EVENT_PROPERTIES: [&str; 7] = [
    "UID",
    "DTSTAMP",
    "DTSTART;VALUE=DATE",
    "DTEND;VALUE=DATE",
    "SUMMARY",
    "DESCRIPTION",
    "CATEGORIES",
];

#[test]
fn hostile_text_in_the_marketing_calendar_stays_in_its_property() {
    let run = hostile_fixture().build();
    run.assert_ok();
    let calendar = strict_parse(&run.text("alfa/calendar.ics"));
    assert_eq!(names(&calendar.properties), CALENDAR_PROPERTIES);
    assert_eq!(
        text(&calendar.properties, "X-WR-CALNAME"),
        format!("Kalender · {}", as_text(INJECTION))
    );
    assert_eq!(calendar.events.len(), 13, "12 shared + 1 local activity");
    for event in &calendar.events {
        assert_eq!(names(event), EVENT_PROPERTIES, "no added property");
    }
    let march = &calendar.events[2];
    assert_eq!(
        text(march, "SUMMARY"),
        as_text(&format!("{LONE_CR} {PUNCTUATION}"))
    );
    let description = text(march, "DESCRIPTION");
    for part in [as_text(INJECTION), emoji(), PUNCTUATION.to_string()] {
        assert!(description.contains(&part), "{part:?} in {description:?}");
    }
    let local = calendar
        .events
        .iter()
        .find(|e| text(e, "SUMMARY") == emoji())
        .expect("the local activity");
    assert!(text(local, "DESCRIPTION").contains(&as_text(INJECTION)));
}

#[test]
fn hostile_text_in_the_followup_calendar_stays_in_its_property() {
    let run = hostile_fixture().build();
    run.assert_ok();
    let calendar = strict_parse(&run.text("alfa/followup.ics"));
    assert_eq!(names(&calendar.properties), CALENDAR_PROPERTIES);
    assert_eq!(
        text(&calendar.properties, "NAME"),
        format!("{} · {}", emoji(), as_text(INJECTION))
    );
    assert_eq!(calendar.events.len(), 2, "one event per week");
    for event in &calendar.events {
        assert_eq!(names(event), EVENT_PROPERTIES[..6], "no added property");
    }
    let first = &calendar.events[0];
    assert_eq!(
        text(first, "SUMMARY"),
        format!("Uge 1: {}", as_text(INJECTION))
    );
    let description = text(first, "DESCRIPTION");
    for part in [
        PUNCTUATION.to_string(),
        as_text(LONE_CR),
        as_text(INJECTION),
    ] {
        assert!(description.contains(&part), "{part:?} in {description:?}");
    }
}

#[test]
fn a_hostile_handbook_title_stays_in_its_property() {
    let fixture = Fixture::copy("plain");
    fixture.edit(
        "handbook.yaml",
        "title: Testhåndbog",
        &format!("title: {}", yaml(&format!("{INJECTION} {PUNCTUATION}"))),
    );
    let run = fixture.build();
    run.assert_ok();
    let calendar = strict_parse(&run.text("calendar.ics"));
    assert_eq!(names(&calendar.properties), CALENDAR_PROPERTIES);
    assert_eq!(
        text(&calendar.properties, "X-WR-CALNAME"),
        format!(
            "Kalender · {}",
            as_text(&format!("{INJECTION} {PUNCTUATION}"))
        )
    );
    assert_eq!(calendar.events.len(), 12);
    for event in &calendar.events {
        assert_eq!(names(event), EVENT_PROPERTIES, "no added property");
        assert!(!text(event, "UID").contains(['\n', ' ']), "UIDs are slugs");
    }
}

fn property(event: &Properties, name: &str) -> Option<String> {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.clone())
}

fn event_named<'a>(calendar: &'a Calendar, summary: &str) -> &'a Properties {
    calendar
        .events
        .iter()
        .find(|e| text(e, "SUMMARY") == summary)
        .unwrap_or_else(|| panic!("no event {summary}"))
}

#[test]
fn events_link_to_their_page_and_meeting_pack_with_base_url() {
    let fixture = Fixture::copy("divisions");
    fixture.write(
        "handbook.yaml",
        &format!(
            "{}base_url: https://intranet.example/handbog/\n",
            fixture.read("handbook.yaml")
        ),
    );
    let run = fixture.build();
    run.assert_ok();
    let base = "https://intranet.example/handbog/alfa/";
    let calendar = strict_parse(&run.text("alfa/calendar.ics"));
    let february = event_named(&calendar, "Februar");
    let url = format!("{base}calendar/#2027-02");
    assert_eq!(property(february, "URL"), Some(url.clone()));
    assert!(text(february, "DESCRIPTION").ends_with(&format!(": {url}")));
    assert_anchor(&run, "alfa/calendar/index.html", "2027-02");
    let weeks = strict_parse(&run.text("alfa/followup.ics"));
    let first = event_named(&weeks, "Uge 1: Start");
    let url = format!("{base}followup/#week-1");
    assert_eq!(property(first, "URL"), Some(url.clone()));
    let description = text(first, "DESCRIPTION");
    assert!(description.contains(&format!("Opfølgningsforløbet: {url}")));
    assert!(
        description.contains(&format!("Mødepakke: {base}handouts/kit/uge-1.pdf")),
        "{description}"
    );
    assert!(run.exists("alfa/handouts/kit/uge-1.pdf"));
    assert_anchor(&run, "alfa/followup/index.html", "week-1");
}

#[test]
fn events_name_their_page_within_the_site_without_base_url() {
    let run = Fixture::copy("divisions").build();
    run.assert_ok();
    let calendar = strict_parse(&run.text("alfa/calendar.ics"));
    let march = event_named(&calendar, "Marts");
    assert_eq!(property(march, "URL"), None, "no absolute address to give");
    assert!(text(march, "DESCRIPTION").ends_with("Intern marketingkalender: calendar/#2027-03"));
    let weeks = strict_parse(&run.text("alfa/followup.ics"));
    let second = event_named(&weeks, "Uge 2: Videre");
    assert_eq!(property(second, "URL"), None);
    let description = text(second, "DESCRIPTION");
    assert!(description.contains("Opfølgningsforløbet: followup/#week-2"));
    assert!(description.contains("Mødepakke: handouts/kit/uge-2.pdf"));
    // The paths are relative to the division's site, where the .ics file is too.
    assert!(run.exists("alfa/handouts/kit/uge-2.pdf"));
    assert_anchor(&run, "alfa/followup/index.html", "week-2");
}

fn assert_anchor(run: &Run, page: &str, id: &str) {
    let html = run.html(page);
    assert_eq!(
        select(&html, &format!("[id='{id}']")).len(),
        1,
        "#{id} in {page}"
    );
}
