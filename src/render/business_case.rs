//! The business case: the satisfaction segments and what moving a share of customers
//! one segment up is worth per year, in the site's number format.

use serde::Serialize;

use crate::resolve::GeneratedPage;

use super::context::SiteContext;
use super::page_info::{PageInfo, TemplateInput};
use super::translation::{PAGE_FIELDS, TranslationInfo, lang_of};

#[derive(Serialize)]
struct SegmentRow {
    name: String,
    /// The original's language, when the name is not translated.
    name_lang: Option<String>,
    customers: String,
    revenue_per_customer: String,
    margin_pct: String,
    margin_per_customer: String,
    churn_pct: String,
}

#[derive(Serialize)]
struct ShiftRow {
    from: String,
    to: String,
    from_lang: Option<String>,
    to_lang: Option<String>,
    movers: String,
    revenue_gain: String,
    margin_gain: String,
}

#[derive(Serialize)]
pub struct BusinessCaseInfo {
    shift_pct: String,
    segments: Vec<SegmentRow>,
    shifts: Vec<ShiftRow>,
    total_revenue: String,
    total_margin: String,
    local: bool,
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
            })
            .collect(),
        local: case.local,
    })
}

/// How the business case's texts read in the site's language: the page's notices.
pub fn translation(sc: &SiteContext) -> TranslationInfo {
    let names = sc.site.business_case.iter().flat_map(|c| &c.names);
    TranslationInfo::none(&PAGE_FIELDS).noting(names.map(|n| n.status))
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let mut info = PageInfo::generated(sc, page, "business-case");
    info.translation = translation(sc);
    TemplateInput::page("business-case.html", &info).with("case", &figures(sc))
}
