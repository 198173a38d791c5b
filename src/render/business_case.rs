//! The business case: the satisfaction segments and what moving a share of customers
//! one segment up is worth per year (and how many customers it keeps), in the site's
//! number format, with a bar chart drawn as inline SVG at build time (no script; the
//! tables are its text alternative).

use serde::Serialize;

use crate::content::programme::{Segment, Shift};
use crate::markdown::escape;
use crate::resolve::GeneratedPage;

use super::context::SiteContext;
use super::page_info::{PageInfo, TemplateInput};
use super::translation::{PAGE_FIELDS, TranslationInfo, lang_of};

#[derive(Serialize)]
pub(super) struct SegmentRow {
    pub(super) name: String,
    /// The original's language, when the name is not translated.
    pub(super) name_lang: Option<String>,
    pub(super) customers: String,
    pub(super) revenue_per_customer: String,
    pub(super) margin_pct: String,
    pub(super) margin_per_customer: String,
    pub(super) churn_pct: String,
}

#[derive(Serialize)]
pub(super) struct ShiftRow {
    pub(super) from: String,
    pub(super) to: String,
    pub(super) from_lang: Option<String>,
    pub(super) to_lang: Option<String>,
    pub(super) movers: String,
    pub(super) revenue_gain: String,
    pub(super) margin_gain: String,
    pub(super) kept: String,
}

#[derive(Serialize)]
pub struct BusinessCaseInfo {
    pub(super) shift_pct: String,
    pub(super) segments: Vec<SegmentRow>,
    pub(super) shifts: Vec<ShiftRow>,
    pub(super) total_revenue: String,
    pub(super) total_margin: String,
    pub(super) total_kept: String,
    pub(super) local: bool,
    /// The chart, as SVG markup (every text in it escaped).
    pub(super) chart: String,
}

/// The business case's figures, formatted for the site's language.
pub fn figures(sc: &SiteContext) -> Option<BusinessCaseInfo> {
    let case = sc.site.business_case.as_ref()?;
    let style = sc.style();
    let shifts = &case.shifts;
    let name_lang = |index: usize| case.names.get(index).and_then(|n| lang_of(sc, n));
    Some(BusinessCaseInfo {
        shift_pct: style.percent(case.shift_pct),
        segments: case
            .segments
            .iter()
            .zip(&case.names)
            .map(|(s, name)| SegmentRow {
                name: name.text.to_string(),
                name_lang: lang_of(sc, name),
                customers: style.number(s.customers, 0),
                revenue_per_customer: style.money(s.revenue_per_customer),
                margin_pct: style.percent(s.margin_pct),
                margin_per_customer: style.money(s.revenue_per_customer * s.margin_pct / 100.0),
                churn_pct: style.percent(s.churn_pct),
            })
            .collect(),
        total_revenue: style.money(shifts.iter().map(|s| s.revenue_gain).sum()),
        total_margin: style.money(shifts.iter().map(|s| s.margin_gain).sum()),
        total_kept: style.number(shifts.iter().map(|s| s.kept).sum(), 0),
        shifts: shifts
            .iter()
            .enumerate()
            .map(|(index, s)| ShiftRow {
                from: s.from.clone(),
                to: s.to.clone(),
                from_lang: name_lang(index),
                to_lang: name_lang(index + 1),
                movers: style.number(s.movers, 0),
                revenue_gain: style.money(s.revenue_gain),
                margin_gain: style.money(s.margin_gain),
                kept: style.number(s.kept, 0),
            })
            .collect(),
        local: case.local,
        chart: chart(sc, case.segments, shifts),
    })
}

/// How the business case's texts read in the site's language: the page's notices.
pub fn translation(sc: &SiteContext) -> TranslationInfo {
    let names = sc.site.business_case.iter().flat_map(|c| &c.names);
    TranslationInfo::none(&PAGE_FIELDS).noting(names.map(|n| n.status))
}

/// Height of a bar and the room for its row, in SVG units.
const BAR: f64 = 18.0;
const ROW: f64 = 28.0;
/// Where bars start (names to the left) and how long the longest is.
const BARS_X: f64 = 190.0;
const BARS_WIDTH: f64 = 330.0;

/// Two bar charts in one SVG: customers per segment, and the extra contribution per
/// year of each move one segment up. Screen readers get its title and description; the
/// figures themselves are in the tables beside it.
fn chart(sc: &SiteContext, segments: &[Segment], shifts: &[Shift]) -> String {
    let style = sc.style();
    let customers: Vec<(String, f64, String)> = segments
        .iter()
        .map(|s| (s.name.clone(), s.customers, style.number(s.customers, 0)))
        .collect();
    let gains: Vec<(String, f64, String)> = shifts
        .iter()
        .map(|s| {
            let name = format!("{} → {}", s.from, s.to);
            (name, s.margin_gain, style.money(s.margin_gain))
        })
        .collect();
    let mut y = 0.0;
    let mut body = String::new();
    body.push_str(&panel(
        &sc.label("customers"),
        &customers,
        "segment",
        &mut y,
    ));
    y += ROW / 2.0;
    body.push_str(&panel(&sc.label("margin_gain"), &gains, "gain", &mut y));
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 640 {y}\" role=\"img\" aria-labelledby=\"hb-chart-title hb-chart-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"hb-chart-title\">{}</title><desc id=\"hb-chart-desc\">{}</desc>{body}</svg>",
        escape(&sc.label("chart_title")),
        escape(&sc.label("chart_desc")),
    )
}

/// A heading and one bar per value, scaled to the largest; `y` moves down past it.
fn panel(heading: &str, values: &[(String, f64, String)], kind: &str, y: &mut f64) -> String {
    let largest = values
        .iter()
        .map(|(_, v, _)| v.abs())
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    *y += ROW;
    let mut out = format!(
        "<text class=\"chart__heading\" x=\"0\" y=\"{}\">{}</text>",
        *y - 8.0,
        escape(heading)
    );
    for (index, (name, value, shown)) in values.iter().enumerate() {
        let width = if largest > 0.0 && value.is_finite() {
            (value.max(0.0) / largest * BARS_WIDTH).max(1.0)
        } else {
            0.0
        };
        let top = *y + 4.0;
        let middle = top + BAR / 2.0 + 4.0;
        out.push_str(&format!(
            "<text class=\"chart__label\" x=\"{}\" y=\"{middle}\">{}</text><rect class=\"chart__bar chart__bar--{kind} chart__bar--{}\" x=\"{BARS_X}\" y=\"{top}\" width=\"{width:.1}\" height=\"{BAR}\"/><text class=\"chart__value\" x=\"{:.1}\" y=\"{middle}\">{}</text>",
            BARS_X - 8.0,
            escape(name),
            index % 4,
            BARS_X + width + 6.0,
            escape(shown),
        ));
        *y += ROW;
    }
    out
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let mut info = PageInfo::generated(sc, page, "business-case");
    info.translation = translation(sc);
    TemplateInput::page("business-case.html", &info).with("case", &figures(sc))
}
