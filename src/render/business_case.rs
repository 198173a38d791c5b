//! The business case: the satisfaction segments and what moving a share of customers
//! one segment up is worth per year, in the site's number format.

use serde::Serialize;

use crate::resolve::GeneratedPage;

use super::context::SiteContext;
use super::page_info::{PageInfo, TemplateInput};

#[derive(Serialize)]
struct SegmentRow {
    name: String,
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
    Some(BusinessCaseInfo {
        shift_pct: style.percent(case.shift_pct),
        segments: case
            .segments
            .iter()
            .map(|s| SegmentRow {
                name: s.name.clone(),
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
            .map(|s| ShiftRow {
                from: s.from.clone(),
                to: s.to.clone(),
                movers: style.number(s.movers, 0),
                revenue_gain: style.money(s.revenue_gain),
                margin_gain: style.money(s.margin_gain),
            })
            .collect(),
        local: case.local,
    })
}

pub fn page(sc: &SiteContext, page: &GeneratedPage) -> TemplateInput {
    let info = PageInfo::generated(sc, page, "business-case");
    TemplateInput::page("business-case.html", &info).with("case", &figures(sc))
}
