//! The report's pages for HR, in the handbook's language: `report/index.html` (each
//! division's local implementation by name, approvals, pages due for review, the
//! divisions x pages grid, the warnings as sentences), `report/<division>/index.html`
//! (each adapted page beside the shared text) and `report/report.json`.

use serde::Serialize;

use crate::approvals::{ItemState, State};
use crate::diagnostics::Diagnostic;
use crate::markdown::{Document, Filled};
use crate::messages::{Arg, msg};
use crate::output::OutputFile;
use crate::report::{DivisionReport, Report};
use crate::resolve::{LinkTarget, PageStatus, Site, SiteText, report_page};
use crate::review::ReviewState;
use crate::urls;

use super::format::Text;
use super::nav::label_or;
use super::root::RootInput;
use super::warnings::{self, WarningInfo};

/// `report/index.html`, `report/report.json` and one page per division, when the run
/// covers every division.
pub fn pages(input: &RootInput) -> Result<Vec<OutputFile>, Diagnostic> {
    let Some(report) = input.report else {
        return Ok(Vec::new());
    };
    let json = serde_json::to_string_pretty(report).expect("the report always serializes");
    // A preview's edit of some pages' text that leaves the report's data as it was
    // changes only the side-by-side pages that show those pages.
    let unchanged = input.last_report == Some(json.as_bytes());
    let text = Text::new(input.labels()?);
    let mut files = Vec::new();
    if !unchanged {
        let title = label_or(text.labels, "report_title", "report_title");
        let mut context = input.context(text.labels, "report", &title, 1);
        context.insert("report", &index(&text, report, input.root.language));
        context.insert("translations", &report.translation_summary());
        let html = render(
            input,
            "report.html",
            &context,
            msg!("rendering-report").into(),
        )?;
        files.push(OutputFile::html("report/index.html".into(), html));
        files.push(OutputFile::html("report/report.json".into(), json));
    }
    for division in &report.divisions {
        if !unchanged || shows_any(division, input.changed) {
            files.push(side_by_side_page(input, &text, report, division)?);
        }
    }
    Ok(files)
}

/// The side-by-side pages of the divisions in the report that show one of the pages
/// `input.changed` names: a preview's edit of a division's own page text (see `build`).
pub fn side_by_side_pages(input: &RootInput) -> Result<Vec<OutputFile>, Diagnostic> {
    let Some(report) = input.report else {
        return Ok(Vec::new());
    };
    let text = Text::new(input.labels()?);
    report
        .divisions
        .iter()
        .filter(|division| shows_any(division, input.changed))
        .map(|division| side_by_side_page(input, &text, report, division))
        .collect()
}

/// Whether the division's side-by-side page shows one of `pages` (positions in the
/// merged tree): a page it adapted (`None`: every page).
fn shows_any(
    division: &DivisionReport,
    pages: Option<&std::collections::BTreeSet<String>>,
) -> bool {
    pages.is_none_or(|pages| {
        pages.iter().any(|path| {
            division
                .site
                .pages
                .get(path)
                .is_some_and(|page| page.status != PageStatus::Shared)
        })
    })
}

/// `report/<division>/index.html`: each page the division adapted beside the shared text.
fn side_by_side_page(
    input: &RootInput,
    text: &Text,
    report: &Report,
    division: &DivisionReport,
) -> Result<OutputFile, Diagnostic> {
    let title = format!(
        "{} · {}",
        label_or(text.labels, "report_side_by_side", "report_side_by_side"),
        division.name
    );
    let mut context = input.context(text.labels, "report-division", &title, 2);
    context.insert("division", &side_by_side(text, report, division));
    let html = render(
        input,
        "report-division.html",
        &context,
        title.as_str().into(),
    )?;
    Ok(OutputFile::html(report_page(&division.id), html))
}

fn render(
    input: &RootInput,
    template: &str,
    context: &tera::Context,
    what: Arg,
) -> Result<String, Diagnostic> {
    input
        .theme
        .tera
        .render(template, context)
        .map_err(|error| input.theme.render_error(&error, Some(what)))
}

#[derive(Serialize)]
struct Index {
    today: String,
    divisions: Vec<DivisionInfo>,
    grid: Grid,
    reviews: Vec<OwnerReviews>,
    warnings: Vec<WarningInfo>,
}

fn index(text: &Text, report: &Report, language: &str) -> Index {
    Index {
        today: text.style.date(report.today),
        divisions: report
            .divisions
            .iter()
            .map(|d| division_info(text, report, d))
            .collect(),
        grid: grid(text, report),
        reviews: reviews(text, report),
        warnings: warnings::infos(text, report, language),
    }
}

/// A page or file of a division, named as readers know it, linked to its version there.
#[derive(Serialize)]
struct Item {
    title: String,
    path: String,
    href: Option<String>,
    /// A date or a kind, as the list shows it beside the title.
    note: Option<String>,
}

#[derive(Serialize)]
struct DivisionInfo {
    id: String,
    name: String,
    href: String,
    side_by_side: String,
    missing_required: Vec<Item>,
    stale: Vec<Item>,
    local_pages: Vec<Item>,
    activities: Vec<Item>,
    notes: Vec<Item>,
    handouts: Vec<Item>,
    contacts: serde_json::Value,
    followup_start: Option<String>,
    approvals: Vec<Approval>,
    hidden_links: Vec<Item>,
}

fn division_info(text: &Text, report: &Report, division: &DivisionReport) -> DivisionInfo {
    let site = division.site;
    let page_item = |path: &str, note: Option<String>| Item {
        title: report.title(path).to_string(),
        path: path.to_string(),
        href: page_href(site, path),
        note,
    };
    DivisionInfo {
        id: division.id.clone(),
        name: division.name.clone(),
        href: format!("../{}/index.html", division.id),
        side_by_side: format!("{}/index.html", division.id),
        missing_required: division
            .missing_required
            .iter()
            .map(|p| page_item(p, None))
            .collect(),
        stale: division
            .stale
            .iter()
            .map(|p| {
                let since = division
                    .stale_since
                    .get(p)
                    .map(|d| format!("{} {}", text.label("stale_since"), text.style.date(*d)));
                page_item(p, since)
            })
            .collect(),
        local_pages: local_pages(site),
        activities: activities(text, site),
        notes: notes(text, site),
        handouts: handouts(text, division),
        contacts: serde_json::to_value(division.contacts).unwrap_or_default(),
        followup_start: division.followup_start.map(|d| text.style.date(d)),
        approvals: approvals(text, report, division),
        hidden_links: division
            .hidden_links
            .iter()
            .map(|l| Item {
                title: report.title(&l.target).to_string(),
                path: l.target.clone(),
                href: None,
                note: Some(l.file.clone()),
            })
            .collect(),
    }
}

/// The href from a page of `report/` to the division's version of a page.
fn page_href(site: &Site, path: &str) -> Option<String> {
    let page = site.pages.get(path)?;
    Some(format!(
        "../{}{}",
        site.prefix,
        urls::output_file(&page.url)
    ))
}

fn local_pages(site: &Site) -> Vec<Item> {
    site.pages
        .values()
        .filter(|p| p.status == PageStatus::LocalPage)
        .map(|p| Item {
            title: p.title.to_string(),
            path: p.path.clone(),
            href: page_href(site, &p.path),
            note: None,
        })
        .collect()
}

fn activities(text: &Text, site: &Site) -> Vec<Item> {
    let href = site
        .generated("calendar.yaml")
        .map(|g| format!("../{}{}", site.prefix, urls::output_file(&g.url)));
    site.calendar
        .iter()
        .flat_map(|c| &c.activities)
        .filter(|a| a.local)
        .map(|a| Item {
            title: a.title.to_string(),
            path: a.file.to_string(),
            href: href.as_ref().map(|h| format!("{h}#{}", a.month)),
            note: Some(format!(
                "{} {}",
                text.style.month_name(a.month.month),
                a.month.year
            )),
        })
        .collect()
}

fn notes(text: &Text, site: &Site) -> Vec<Item> {
    site.followup
        .iter()
        .flat_map(|f| &f.weeks)
        .filter(|w| !w.local_notes.is_empty())
        .map(|w| Item {
            title: format!("{} {}: {}", text.label("week"), w.number, w.title),
            path: format!("followup/week-{}/", w.number),
            href: Some(format!(
                "../{}{}",
                site.prefix,
                urls::output_file(&format!("followup/week-{}/", w.number))
            )),
            note: Some(
                w.local_notes
                    .iter()
                    .map(SiteText::as_str)
                    .collect::<Vec<_>>()
                    .join(" · "),
            ),
        })
        .collect()
}

fn handouts(text: &Text, division: &DivisionReport) -> Vec<Item> {
    let site = division.site;
    division
        .handouts
        .iter()
        .map(|(path, kind)| Item {
            title: path.trim_start_matches("handouts/").to_string(),
            path: path.clone(),
            href: site
                .files
                .get(path)
                .map(|f| format!("../{}{}", site.prefix, urls::file_url(f.path))),
            note: Some(text.label(&format!("handout_{kind}"))),
        })
        .collect()
}

#[derive(Serialize)]
struct Approval {
    title: String,
    path: String,
    href: Option<String>,
    state: &'static str,
    label: String,
    /// "approved by NAME, DATE" when it was approved (also before a change).
    by: Option<String>,
}

fn approvals(text: &Text, report: &Report, division: &DivisionReport) -> Vec<Approval> {
    division
        .approval_details
        .iter()
        .map(|item| approval(text, report, division.site, item))
        .collect()
}

fn approval(text: &Text, report: &Report, site: &Site, item: &ItemState) -> Approval {
    let (title, href) = item_name(report, site, &item.path);
    let by = match (&item.approved_by, item.date) {
        (Some(by), Some(date)) => Some(format!(
            "{} {by}, {}",
            text.label("approved_by"),
            text.style.date(date)
        )),
        (Some(by), None) => Some(format!("{} {by}", text.label("approved_by"))),
        _ => None,
    };
    Approval {
        title,
        path: item.path.clone(),
        href,
        state: item.state.id(),
        label: text.label(&format!("approval_{}", item.state.id())),
        by,
    }
}

/// How a local item is named: a page by its title, a data file by its page's title, a
/// handout by its file name.
fn item_name(report: &Report, site: &Site, path: &str) -> (String, Option<String>) {
    if let Some(page) = site.pages.get(path) {
        return (page.title.to_string(), page_href(site, path));
    }
    if let Some(page) = site.generated(path) {
        let title = match &page.title {
            crate::resolve::Title::Text(text) => text.clone(),
            crate::resolve::Title::Label(_) => path.to_string(),
        };
        let href = format!("../{}{}", site.prefix, urls::output_file(&page.url));
        return (title, Some(href));
    }
    (report.title(path).to_string(), None)
}

/// The divisions x pages grid: each shared page's status and approval in each division.
#[derive(Serialize)]
struct Grid {
    divisions: Vec<(String, String)>,
    rows: Vec<GridRow>,
}

#[derive(Serialize)]
struct GridRow {
    title: String,
    path: String,
    cells: Vec<Cell>,
}

#[derive(Serialize)]
struct Cell {
    status: &'static str,
    label: String,
    symbol: &'static str,
    href: Option<String>,
    approval: Option<(&'static str, String, &'static str)>,
}

fn grid(text: &Text, report: &Report) -> Grid {
    let rows = report
        .shared_pages()
        .into_iter()
        .map(|path| GridRow {
            title: report.title(path).to_string(),
            path: path.to_string(),
            cells: report
                .divisions
                .iter()
                .map(|d| cell(text, d, path))
                .collect(),
        })
        .collect();
    Grid {
        divisions: report
            .divisions
            .iter()
            .map(|d| (d.id.clone(), d.name.clone()))
            .collect(),
        rows,
    }
}

fn cell(text: &Text, division: &DivisionReport, path: &str) -> Cell {
    let status = division.pages.get(path).copied().unwrap_or("shared");
    let symbol = match status {
        "local-section" => "◐",
        "replaced" => "●",
        "hidden" => "✕",
        _ => "○",
    };
    let approval = division.approvals.get(path).map(|state| {
        let symbol = match state {
            State::Approved => "✓",
            State::Changed => "!",
            State::Unapproved => "?",
        };
        (
            state.id(),
            text.label(&format!("approval_{}", state.id())),
            symbol,
        )
    });
    Cell {
        status,
        label: text.label(&format!("status_{status}")),
        symbol,
        href: page_href(division.site, path),
        approval,
    }
}

#[derive(Serialize)]
struct OwnerReviews {
    owner: String,
    pages: Vec<ReviewInfo>,
}

#[derive(Serialize)]
struct ReviewInfo {
    title: String,
    path: String,
    date: String,
    state: &'static str,
    label: String,
}

/// The pages due for review, grouped by owner (in the report's order).
fn reviews(text: &Text, report: &Report) -> Vec<OwnerReviews> {
    let mut groups: Vec<OwnerReviews> = Vec::new();
    for review in report.reviews {
        let owner = review
            .owner
            .clone()
            .unwrap_or_else(|| text.label("no_owner"));
        let (state, label) = match review.state {
            ReviewState::Overdue => ("overdue", text.label("review_overdue")),
            ReviewState::Soon => ("soon", text.label("review_soon")),
        };
        let info = ReviewInfo {
            title: review.title.clone(),
            path: review.path.clone(),
            date: text.style.date(review.review_by),
            state,
            label,
        };
        match groups.last_mut() {
            Some(group) if group.owner == owner => group.pages.push(info),
            _ => groups.push(OwnerReviews {
                owner,
                pages: vec![info],
            }),
        }
    }
    groups
}

/// One division's adapted pages, each beside the shared text.
#[derive(Serialize)]
struct SideBySide {
    id: String,
    name: String,
    href: String,
    pages: Vec<Adapted>,
}

#[derive(Serialize)]
struct Adapted {
    title: String,
    path: String,
    href: Option<String>,
    status: &'static str,
    label: String,
    approval: Option<(&'static str, String)>,
    shared: Option<Column>,
    local: Column,
}

#[derive(Serialize)]
struct Column {
    heading: String,
    html: String,
}

fn side_by_side(text: &Text, report: &Report, division: &DivisionReport) -> SideBySide {
    let site = division.site;
    let pages = site
        .pages
        .values()
        .enumerate()
        .filter_map(|(n, page)| {
            let (status, shared, local) = columns(text, division, page, n)?;
            Some(Adapted {
                title: page.title.to_string(),
                path: page.path.clone(),
                href: page_href(site, &page.path).map(|h| format!("../{h}")),
                status,
                label: text.label(&format!("status_{status}")),
                approval: division
                    .approvals
                    .get(&page.path)
                    .map(|s| (s.id(), text.label(&format!("approval_{}", s.id())))),
                shared,
                local,
            })
        })
        .collect();
    SideBySide {
        id: division.id.clone(),
        name: division.name.clone(),
        href: format!("../../{}/index.html", division.id),
        pages,
    }
    .with_titles(report)
}

impl SideBySide {
    /// Replaced pages are listed by the shared title too, so HR finds them.
    fn with_titles(mut self, report: &Report) -> Self {
        for page in &mut self.pages {
            let shared = report.title(&page.path);
            if page.status == "replaced" && shared != page.title {
                page.title = format!("{} ({shared})", page.title);
            }
        }
        self
    }
}

type Columns = (&'static str, Option<Column>, Column);

/// The shared and the division's text of an adapted page; `None` for a page the
/// division did not adapt.
fn columns(
    text: &Text,
    division: &DivisionReport,
    page: &crate::resolve::SitePage,
    n: usize,
) -> Option<Columns> {
    let site = division.site;
    let fill = |doc: &Document, links: &[LinkTarget], side: &str| {
        let filled = report_hrefs(site, &page.url, links, doc.links.len());
        doc.fill_with_prefix(&filled, &format!("p{n}-{side}-"))
    };
    let column = |key: &str, html: String| Column {
        heading: text.label(key),
        html,
    };
    match page.status {
        PageStatus::LocalSection => {
            let section = page.local_section?;
            Some((
                "local-section",
                Some(column(
                    "shared_text",
                    fill(page.body, &page.body_links, "s"),
                )),
                column(
                    "division_text",
                    fill(section.body, &page.section_links, "d"),
                ),
            ))
        }
        PageStatus::Replaced => {
            let original = division.originals.get(&page.path)?;
            Some((
                "replaced",
                Some(column("shared_version", fill(original, &[], "s"))),
                column("division_version", fill(page.body, &page.body_links, "d")),
            ))
        }
        PageStatus::LocalPage => Some((
            "local-page",
            None,
            column("division_text", fill(page.body, &page.body_links, "d")),
        )),
        _ => None,
    }
}

/// Links of a page body as they lead from `report/<division>/` into the division's site;
/// links without a target here (the shared version of a replaced page) are text.
fn report_hrefs(site: &Site, page_url: &str, links: &[LinkTarget], count: usize) -> Vec<Filled> {
    let into_site = |url: &str| format!("../../{}{}", site.prefix, urls::output_file(url));
    (0..count)
        .map(|i| match links.get(i) {
            Some(LinkTarget::To { url, fragment, .. }) if fragment.is_empty() => {
                Filled::Href(into_site(url))
            }
            Some(LinkTarget::To { url, fragment, .. }) => {
                Filled::Href(format!("{}#{fragment}", into_site(url)))
            }
            Some(LinkTarget::Here(fragment)) => {
                Filled::Href(format!("{}#{fragment}", into_site(page_url)))
            }
            Some(LinkTarget::Text) | None => Filled::Text,
        })
        .collect()
}
