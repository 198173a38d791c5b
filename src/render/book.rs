//! The printed handbook and the leader kit's runbook: a division's site as a
//! `typeset::Book`, chapter by chapter in the print page's order. Markdown bodies are
//! converted again from their source (for Typst), their links matched to the links
//! resolved for this division, so a link leads where it leads on the site: to a chapter
//! of the book when the target is printed, else to the page on the intranet (with
//! `base_url`), else the link's text.

use std::cell::RefCell;
use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::content::page::PageKind;
use crate::markdown::{self, Document};
use crate::resolve::{Generated, GeneratedPage, LinkTarget, PageStatus, SitePage, SiteText};
use crate::typeset::{self, Align, Book, BookLabels, Chapter, Converter, LinkTo, Markup};

use super::business_case;
use super::context::SiteContext;
use super::handouts::handout;
use super::page_info::{audience_name, category_name, experience_link, local_section_title};
use super::print::{Part, chapter_id, parts};

/// Where the chapters are and where the site lives, for the links of a book.
struct Places<'a> {
    /// Key in the merged tree -> chapter id, for what the book prints.
    chapters: BTreeMap<String, String>,
    /// The division's site as an absolute URL, when `base_url` says where it lives.
    site_url: Option<String>,
    sc: &'a SiteContext<'a, 'a>,
}

/// The whole handbook of one division.
pub fn handbook(sc: &SiteContext, date: Date) -> Book {
    let parts = parts(sc);
    let places = Places::new(sc, parts.iter().map(Part::key));
    let chapters = parts.iter().map(|part| chapter(&places, part)).collect();
    new_book(sc, date, sc.site.title.to_string(), chapters)
}

/// The runbook of the follow-up process: the process, then one chapter per week.
pub fn leader_kit(sc: &SiteContext, date: Date) -> Option<Book> {
    let followup = sc.site.followup.as_ref()?;
    let process = sc.site.generated("followup.yaml")?;
    let places = Places::new(sc, std::iter::once(process.key.clone()));
    let own = chapter_id(&process.key);
    let mut intro = Markup::paragraph(Markup::text(&sc.label("followup_intro")));
    if let Some(start) = followup.start {
        let text = format!(
            "{} {}.",
            sc.label("followup_starts"),
            sc.style().date(start)
        );
        intro.push(Markup::paragraph(Markup::text(&text)));
    }
    intro.push(Markup::heading(2, &sc.label("kit_roles"), None));
    intro.push(Markup::list(
        [
            "kit_role_leader",
            "kit_role_employees",
            "kit_role_manager",
            "kit_role_hr",
        ]
        .iter()
        .map(|key| Markup::text(&sc.label(key)))
        .collect(),
    ));
    intro.push(Markup::heading(2, &sc.label("kit_each_week"), None));
    intro.push(Markup::paragraph(Markup::text(
        &sc.label("kit_each_week_text"),
    )));
    let mut chapters = vec![Chapter {
        id: own.clone(),
        level: 1,
        title: sc.title(&process.title),
        kicker: None,
        local: false,
        body: intro,
    }];
    chapters.extend(followup.weeks.iter().map(|week| Chapter {
        id: format!("{own}--week-{}", week.number),
        level: 1,
        title: week.title.to_string(),
        kicker: Some(format!("{} {}", sc.label("week"), week.number)),
        local: false,
        body: Markup::concat([agenda(sc, week), week_body(&places, week, &own)]),
    }));
    let title = format!("{} · {}", sc.label("leader_kit"), sc.title(&process.title));
    Some(new_book(sc, date, title, chapters))
}

fn new_book(sc: &SiteContext, date: Date, title: String, chapters: Vec<Chapter>) -> Book {
    Book {
        language: sc.site.language.clone(),
        title,
        subtitle: sc.site.id.map(|_| sc.site.name.to_string()),
        date,
        date_text: sc.style().date(date),
        contacts: sc
            .site
            .contacts
            .iter()
            .map(|c| typeset::Contact {
                name: c.name.clone(),
                role: c.role.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
            })
            .collect(),
        labels: BookLabels {
            contents: sc.label("contents"),
            page: sc.label("pdf_page"),
            local: sc.label("local_implementation"),
            contacts: sc.label("contacts"),
            email: sc.label("email"),
            phone: sc.label("phone"),
        },
        chapters,
        files: BTreeMap::new(),
    }
}

impl<'a> Places<'a> {
    fn new(sc: &'a SiteContext<'a, 'a>, keys: impl Iterator<Item = String>) -> Self {
        Places {
            chapters: keys.map(|key| (key.clone(), chapter_id(&key))).collect(),
            site_url: sc
                .site
                .base_url
                .map(|base| format!("{}/{}", base.trim_end_matches('/'), sc.site.prefix)),
            sc,
        }
    }

    /// Where a resolved link goes in the book.
    fn link(&self, target: &LinkTarget, own: &str) -> LinkTo {
        match target {
            LinkTarget::To { key, url, fragment } => match (self.chapters.get(key), fragment) {
                (Some(chapter), f) if f.is_empty() => LinkTo::Label(chapter.clone()),
                (Some(chapter), f) => LinkTo::Label(format!("{chapter}--{f}")),
                (None, f) => match &self.site_url {
                    Some(site) if f.is_empty() => LinkTo::Url(format!("{site}{url}")),
                    Some(site) => LinkTo::Url(format!("{site}{url}#{f}")),
                    None => LinkTo::Text,
                },
            },
            LinkTarget::Here(fragment) => LinkTo::Label(format!("{own}--{fragment}")),
            LinkTarget::Text => LinkTo::Text,
        }
    }
}

/// Markdown longer than this (some 150 printed pages) is not typeset: a notice stands in
/// its place, so that one enormous page cannot hold up every division's PDF for minutes.
/// The page itself is on the site as usual; the build warns (`downloads::too_long`).
pub const PRINTABLE_TEXT: usize = 512 * 1024;

/// One Markdown body in Typst, its links as they resolve in this site.
fn body(
    places: &Places,
    document: &Document,
    links: &[LinkTarget],
    own: &str,
    shift: u8,
) -> Markup {
    if document.source.len() > PRINTABLE_TEXT {
        let notice = places.sc.label("too_long_to_print");
        return Markup::note_box(None, Markup::paragraph(Markup::text(&notice)));
    }
    // The converter meets links and images in document order, as the site's Markdown
    // pass did; each internal one is matched to the next resolved link with its path.
    let next = RefCell::new(0);
    let mut resolve = |written: &str| -> Option<&LinkTarget> {
        let path = markdown::internal_destination(written)?;
        let mut next = next.borrow_mut();
        let index =
            (*next..document.links.len()).find(|&i| document.links[i].destination == path)?;
        *next = index + 1;
        links.get(index)
    };
    let resolve = RefCell::new(&mut resolve);
    let mut link = |written: &str| {
        if markdown::is_dangerous(written) {
            return LinkTo::Text;
        }
        match (resolve.borrow_mut())(written) {
            Some(target) => places.link(target, own),
            None if markdown::internal_destination(written).is_some() => LinkTo::Text,
            None => LinkTo::Url(written.to_string()),
        }
    };
    // Images are printed as their text; they still take their place among the links.
    let mut image = |written: &str| {
        (resolve.borrow_mut())(written);
        None
    };
    let mut heading_label = |index: usize, _: &str| {
        document
            .headings
            .get(index)
            .map(|h| format!("{own}--{}", h.id))
    };
    let mut converter = Converter {
        link: &mut link,
        image: &mut image,
        heading_label: &mut heading_label,
        shift_headings: shift,
    };
    typeset::from_markdown(&document.source, &mut converter)
}

/// "Erfaring 3: Title" for each of the experience `numbers` the site has.
fn experience_names(sc: &SiteContext, numbers: &[u32]) -> Vec<String> {
    numbers
        .iter()
        .filter_map(|&n| experience_link(sc, n))
        .map(|link| {
            let number = link.number.unwrap_or_default();
            format!("{} {number}: {}", sc.label("experience"), link.title)
        })
        .collect()
}

/// An inline Markdown text of a data file, its links as they resolve in this site.
fn inline(places: &Places, text: &SiteText, own: &str) -> Markup {
    body(places, &text.text.inline.document, &text.links, own, 0)
}

/// The agenda of a week's team meeting: last week's agreements, the week's theme, what
/// the leader does with the kit, and this week's agreements.
fn agenda(sc: &SiteContext, week: &crate::resolve::SiteWeek) -> Markup {
    let mut items = vec![
        Markup::text(&sc.label("agenda_follow_up")),
        Markup::text(&format!("{}: {}", sc.label("agenda_theme"), week.title)),
    ];
    if week.meeting.is_some() {
        items.push(Markup::text(&sc.label("agenda_meeting")));
    }
    items.push(Markup::text(&sc.label("agenda_agreements")));
    let mut out = Markup::heading(2, &sc.label("agenda"), None);
    out.push(Markup::enumerate(items));
    out
}

/// The chapter of one part of the handbook.
fn chapter(places: &Places, part: &Part) -> Chapter {
    let sc = places.sc;
    let id = chapter_id(&part.key());
    match part {
        Part::Page(page, level) => page_chapter(places, page, id, *level),
        Part::Section(folder, level) => match sc.site.pages.get(&format!("{folder}/_index.md")) {
            Some(index) => page_chapter(places, index, id, *level),
            None => Chapter {
                id,
                level: *level,
                title: sc
                    .navigation
                    .folder_title(folder)
                    .unwrap_or(folder)
                    .to_string(),
                kicker: None,
                local: false,
                body: Markup::default(),
            },
        },
        Part::Generated(page) => generated_chapter(places, page, id),
    }
}

fn page_chapter(places: &Places, page: &SitePage, id: String, level: u8) -> Chapter {
    let sc = places.sc;
    // A page's `##` sits right under its chapter's title.
    let shift = level.saturating_sub(1);
    let mut text = body(places, page.body, &page.body_links, &id, shift);
    if page.kind == PageKind::Module {
        text = Markup::concat([module_facts(sc, page), text]);
    }
    if let Some((_, name)) = page.credit {
        let credit = format!("{} {name}", sc.label("shared_by"));
        text.push(Markup::paragraph(Markup::emph(Markup::text(&credit))));
    }
    if let Some(section) = page.local_section {
        let inner = body(places, section.body, &page.section_links, &id, shift + 1);
        let title = local_section_title(sc, section.title);
        text.push(Markup::local_section(&title, level + 1, inner));
    }
    Chapter {
        kicker: match page.kind {
            PageKind::Experience(n) => Some(format!("{} {n}", sc.label("experience"))),
            PageKind::Module => Some(sc.label("module")),
            _ => None,
        },
        id,
        level,
        title: page.title.to_string(),
        local: page.status == PageStatus::LocalPage,
        body: text,
    }
}

/// A module's audiences, categories, duration, format, experiences and handouts.
fn module_facts(sc: &SiteContext, page: &SitePage) -> Markup {
    let facts = &page.facts;
    let joined = |names: Vec<String>| Markup::text(&names.join(", "));
    let mut pairs = vec![
        (
            sc.label("audiences"),
            joined(
                facts
                    .audiences
                    .iter()
                    .map(|&a| audience_name(sc, a))
                    .collect(),
            ),
        ),
        (
            sc.label("categories"),
            joined(
                facts
                    .categories
                    .iter()
                    .map(|&c| category_name(sc, c))
                    .collect(),
            ),
        ),
    ];
    pairs.extend(
        facts
            .duration
            .map(|d| (sc.label("duration"), Markup::text(d))),
    );
    pairs.extend(facts.format.map(|f| (sc.label("format"), Markup::text(f))));
    let experiences = experience_names(sc, &facts.experiences);
    if !experiences.is_empty() {
        pairs.push((sc.label("experiences"), joined(experiences)));
    }
    let handouts: Vec<String> = facts
        .handouts
        .iter()
        .filter_map(|h| handout(sc, h))
        .map(|h| h.title)
        .collect();
    if !handouts.is_empty() {
        pairs.push((sc.label("handouts"), joined(handouts)));
    }
    let pairs: Vec<(&str, Markup)> = pairs
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(label, value)| (label.as_str(), value.clone()))
        .collect();
    Markup::facts(&pairs)
}

fn generated_chapter(places: &Places, page: &GeneratedPage, id: String) -> Chapter {
    let sc = places.sc;
    let body = match page.kind {
        Generated::Followup => followup_body(places, &id),
        Generated::Calendar => calendar_body(places, &id),
        Generated::BusinessCase => business_case_body(sc),
        _ => Markup::default(),
    };
    Chapter {
        id,
        level: 1,
        title: sc.title(&page.title),
        kicker: None,
        local: false,
        body,
    }
}

fn followup_body(places: &Places, own: &str) -> Markup {
    let sc = places.sc;
    let mut out = Markup::paragraph(Markup::text(&sc.label("followup_intro")));
    for week in sc.site.followup.iter().flat_map(|f| &f.weeks) {
        let title = format!("{} {}: {}", sc.label("week"), week.number, week.title);
        let label = format!("{own}--week-{}", week.number);
        out.push(Markup::heading(2, &title, Some(&label)));
        out.push(week_body(places, week, own));
    }
    out
}

/// What the leader needs for one week: dates, what to do, the kit, experiences, notes.
fn week_body(places: &Places, week: &crate::resolve::SiteWeek, own: &str) -> Markup {
    let sc = places.sc;
    let mut pairs: Vec<(String, Markup)> = Vec::new();
    if let Some((monday, friday)) = week.dates {
        let dates = format!(
            "{} – {} · {} {}",
            sc.style().short_date(monday),
            sc.style().date(friday),
            sc.label("iso_week"),
            monday.iso_week_date().week()
        );
        pairs.push((sc.label("week"), Markup::text(&dates)));
    }
    if let Some(meeting) = &week.meeting {
        pairs.push((sc.label("meeting"), inline(places, meeting, own)));
    }
    if let Some(kit) = week.kit.as_deref().and_then(|k| handout(sc, k)) {
        pairs.push((sc.label("kit"), Markup::text(&kit.title)));
    }
    let experiences = experience_names(sc, week.experiences);
    if !experiences.is_empty() {
        pairs.push((
            sc.label("experiences"),
            Markup::text(&experiences.join("; ")),
        ));
    }
    if let Some(note) = &week.note {
        pairs.push((sc.label("note"), inline(places, note, own)));
    }
    let pairs: Vec<(&str, Markup)> = pairs.iter().map(|(l, v)| (l.as_str(), v.clone())).collect();
    let mut out = Markup::facts(&pairs);
    for note in &week.local_notes {
        let label = sc.label("local_note");
        out.push(Markup::note_box(Some(&label), inline(places, note, own)));
    }
    out
}

fn calendar_body(places: &Places, own: &str) -> Markup {
    let sc = places.sc;
    let Some(calendar) = &sc.site.calendar else {
        return Markup::default();
    };
    let style = sc.style();
    let mut out = Markup::default();
    for month in &calendar.months {
        let name = format!("{} {}", style.month_name(month.month), month.year);
        out.push(Markup::heading(2, &name, Some(&format!("{own}--{month}"))));
        let items: Vec<Markup> = calendar
            .activities
            .iter()
            .filter(|a| a.month == *month)
            .map(|a| {
                let channel = super::calendar::channel(sc, a).name;
                let when = a
                    .date
                    .map(|d| format!("{}: ", style.short_date(d)))
                    .unwrap_or_default();
                let local = if a.local {
                    format!(" ({})", sc.label("local"))
                } else {
                    String::new()
                };
                let mut item = Markup::strong(Markup::text(&format!("{when}{}", a.title)));
                item.push(Markup::text(&format!(" · {channel}{local}")));
                if let Some(description) = &a.description {
                    item.push(Markup::text(" – "));
                    item.push(inline(places, description, own));
                }
                item
            })
            .collect();
        if !items.is_empty() {
            out.push(Markup::list(items));
        }
    }
    out
}

fn business_case_body(sc: &SiteContext) -> Markup {
    let Some(case) = business_case::figures(sc) else {
        return Markup::default();
    };
    let segments: Vec<Vec<Markup>> = case
        .segments
        .iter()
        .map(|s| {
            [
                &s.name,
                &s.customers,
                &s.revenue_per_customer,
                &s.margin_pct,
                &s.churn_pct,
            ]
            .map(|v| Markup::text(v))
            .to_vec()
        })
        .collect();
    let headers = [
        "segment",
        "customers",
        "revenue_per_customer",
        "margin_pct",
        "churn_pct",
    ]
    .map(|k| sc.label(k));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let numbers = [Align::Start, Align::End, Align::End, Align::End, Align::End];
    let mut out = Markup::table(&headers, &segments, &numbers);
    let assumption = format!(
        "{}: {} {}",
        sc.label("assumption"),
        case.shift_pct,
        sc.label("assumption_text")
    );
    out.push(Markup::paragraph(Markup::text(&assumption)));
    let shifts: Vec<Vec<Markup>> = case
        .shifts
        .iter()
        .map(|s| {
            vec![
                Markup::text(&format!("{} → {}", s.from, s.to)),
                Markup::text(&s.movers),
                Markup::text(&s.revenue_gain),
                Markup::text(&s.margin_gain),
                Markup::text(&s.kept),
            ]
        })
        .collect();
    let headers = [
        "shift",
        "movers",
        "revenue_gain",
        "margin_gain",
        "customers_kept",
    ]
    .map(|k| sc.label(k));
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    out.push(Markup::table(&headers, &shifts, &numbers));
    let total = format!(
        "{}: {} / {}",
        sc.label("total"),
        case.total_revenue,
        case.total_margin
    );
    out.push(Markup::paragraph(Markup::strong(Markup::text(&total))));
    out.push(Markup::heading(2, &sc.label("formula"), None));
    let formula = [
        "formula_movers",
        "formula_revenue",
        "formula_margin",
        "formula_kept",
    ]
    .map(|k| Markup::text(&sc.label(k)))
    .to_vec();
    out.push(Markup::list(formula));
    out
}
