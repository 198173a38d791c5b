//! The programme's data files: the follow-up process, the marketing calendar and the
//! business case, with the checks that need only the file itself.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostics::Diagnostic;
use crate::markdown::{self, Inline, MarkdownOptions};
use crate::messages::{Message, msg};
pub use crate::yaml::Data;
use crate::yaml::{Checked, FromText, Step};

type Extra = Option<serde_json::Map<String, serde_json::Value>>;

/// The years a plan or a follow-up may start in. A typo like 9999 would give dates the
/// calendar cannot hold (every week would get the same date).
pub const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

/// The highest week number of a follow-up: about 19 years, far beyond any process, and
/// with a start in `YEARS` every week still has a date.
pub const MAX_WEEK: u32 = 1000;

/// The most customers a segment, or revenue a customer, may have: more than any company
/// has, and small enough that the business case's products and sums stay finite.
pub const MAX_AMOUNT: f64 = 1e12;

// ---------------------------------------------------------------- follow-up

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    pub title: Option<String>,
    pub weeks: Vec<Week>,
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Week {
    pub week: u32,
    pub title: String,
    pub meeting: Option<InlineText>,
    /// A handout path, relative to `content/handouts/`.
    pub kit: Option<String>,
    #[serde(default)]
    pub experiences: Vec<u32>,
    pub note: Option<InlineText>,
    pub extra: Extra,
}

/// A division's `followup.yaml`: local notes for weeks of the shared plan.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowupNotes {
    pub weeks: Vec<WeekNote>,
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeekNote {
    pub week: u32,
    pub note: InlineText,
    pub extra: Extra,
}

/// The experiences each week names exist.
pub fn check_week_experiences(data: &Data<Followup>, known: &BTreeSet<u32>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (index, week) in data.value.weeks.iter().enumerate() {
        for (position, number) in week.experiences.iter().enumerate() {
            if !known.contains(number) {
                let path = [
                    Step::Key("weeks"),
                    Step::Index(index),
                    Step::Key("experiences"),
                    Step::Index(position),
                ];
                problems.push(unknown_experience(data, &path, *number, known));
            }
        }
    }
    problems
}

/// Week numbers run from 1 without gaps or repeats.
pub fn check_weeks(data: &Data<Followup>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: BTreeMap<u32, usize> = BTreeMap::new();
    for (index, week) in data.value.weeks.iter().enumerate() {
        let at = [Step::Key("weeks"), Step::Index(index), Step::Key("week")];
        if week.week == 0 {
            problems.push(
                data.error_at(&at, msg!("followup-week-zero"))
                    .hint(msg!("followup-week-zero-hint")),
            );
        } else if week.week > MAX_WEEK {
            problems.push(
                data.error_at(
                    &at,
                    msg!("followup-week-past-last", week = week.week, max = MAX_WEEK),
                )
                .hint(msg!("followup-week-past-last-hint")),
            );
        } else if let Some(&first) = seen.get(&week.week) {
            let first_line = data
                .position_of(&[Step::Key("weeks"), Step::Index(first)])
                .line;
            problems.push(
                data.error_at(
                    &at,
                    msg!("followup-week-twice", week = week.week, line = first_line),
                )
                .hint(msg!("followup-week-twice-hint")),
            );
        } else {
            seen.insert(week.week, index);
        }
    }
    problems.extend(gaps(data, &seen));
    problems
}

/// One error per gap in the week numbers, at the first week after it.
fn gaps(data: &Data<Followup>, seen: &BTreeMap<u32, usize>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut expected = 1;
    for (&number, &index) in seen {
        if number > expected {
            let skipped = msg!(
                "followup-skips",
                count = number - expected,
                first = expected,
                last = number - 1,
                next = number,
            );
            problems.push(
                data.error_at(
                    &[Step::Key("weeks"), Step::Index(index), Step::Key("week")],
                    skipped,
                )
                .hint(msg!("followup-skips-hint")),
            );
        }
        expected = number + 1;
    }
    problems
}

/// Notes must be for weeks the shared plan has.
pub fn check_notes(notes: &Data<FollowupNotes>, weeks: &[Week]) -> Vec<Diagnostic> {
    notes
        .value
        .weeks
        .iter()
        .enumerate()
        .filter(|(_, note)| !weeks.iter().any(|w| w.week == note.week))
        .map(|(index, note)| {
            notes
                .error_at(
                    &[Step::Key("weeks"), Step::Index(index), Step::Key("week")],
                    msg!("followup-notes-no-week", week = note.week),
                )
                .hint(msg!("followup-notes-no-week-hint", last = weeks.len()))
        })
        .collect()
}

/// The Monday to Friday of week `number` when the process starts the week of `start`.
pub fn week_dates(start: Date, number: u32) -> (Date, Date) {
    let monday = monday_of(start)
        .checked_add(jiff::Span::new().weeks(i64::from(number.saturating_sub(1))))
        .unwrap_or(start);
    let friday = monday
        .checked_add(jiff::Span::new().days(4))
        .unwrap_or(monday);
    (monday, friday)
}

/// The Monday of the week `date` is in (itself when it is a Monday).
pub fn monday_of(date: Date) -> Date {
    let back = i64::from(date.weekday().to_monday_zero_offset());
    date.checked_sub(jiff::Span::new().days(back))
        .unwrap_or(date)
}

// ---------------------------------------------------------------- calendar

/// A month, written `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    pub year: i16,
    pub month: i8,
}

impl YearMonth {
    pub fn parse(text: &str) -> Option<YearMonth> {
        let (year, month) = text.trim().split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let year: i16 = year.parse().ok()?;
        let month: i8 = month.parse().ok()?;
        ((1..=12).contains(&month) && year > 0).then_some(YearMonth { year, month })
    }

    pub fn of(date: Date) -> YearMonth {
        YearMonth {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The month `n` months after this one.
    pub fn plus(self, n: i32) -> YearMonth {
        let index = i32::from(self.year) * 12 + i32::from(self.month - 1) + n;
        YearMonth {
            year: i16::try_from(index.div_euclid(12)).unwrap_or(i16::MAX),
            month: i8::try_from(index.rem_euclid(12) + 1).unwrap_or(1),
        }
    }

    pub fn first_day(self) -> Date {
        Date::new(self.year, self.month, 1).unwrap_or_default()
    }

    pub fn last_day(self) -> Date {
        self.first_day().last_of_month()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromText for YearMonth {
    fn from_text(text: &str) -> Option<Self> {
        YearMonth::parse(text)
    }
}

/// A calendar date, written `YYYY-MM-DD`.
impl FromText for Date {
    fn from_text(text: &str) -> Option<Self> {
        let text = text.trim();
        let valid_shape =
            text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        valid_shape.then(|| text.parse().ok()).flatten()
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    pub title: Option<String>,
    /// The first of the plan's twelve months.
    pub start: Checked<YearMonth>,
    #[serde(default)]
    pub activities: Vec<Activity>,
    pub extra: Extra,
}

/// A division's `calendar.yaml`: local activities in the shared plan's months.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocalActivities {
    pub activities: Vec<Activity>,
    pub extra: Extra,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Intranet,
    Newsletter,
    TownHall,
    Meeting,
    Poster,
    Event,
    Campaign,
}

impl Channel {
    pub const ALL: [Channel; 7] = [
        Channel::Intranet,
        Channel::Newsletter,
        Channel::TownHall,
        Channel::Meeting,
        Channel::Poster,
        Channel::Event,
        Channel::Campaign,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Channel::Intranet => "intranet",
            Channel::Newsletter => "newsletter",
            Channel::TownHall => "town-hall",
            Channel::Meeting => "meeting",
            Channel::Poster => "poster",
            Channel::Event => "event",
            Channel::Campaign => "campaign",
        }
    }
}

impl FromText for Channel {
    fn from_text(text: &str) -> Option<Self> {
        Channel::ALL.into_iter().find(|c| c.id() == text.trim())
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Names a shared activity for its translations (`calendar.<L>.yaml`).
    pub id: Option<String>,
    pub month: Option<Checked<YearMonth>>,
    pub date: Option<Checked<Date>>,
    pub title: String,
    pub channel: Checked<Channel>,
    #[serde(default)]
    pub experiences: Vec<u32>,
    pub owner: Option<String>,
    pub campaign: Option<String>,
    pub description: Option<InlineText>,
    pub extra: Extra,
}

impl Activity {
    pub fn date(&self) -> Option<Date> {
        self.date.as_ref().and_then(Checked::get)
    }

    /// The month the activity falls in, when its month or date is valid.
    pub fn year_month(&self) -> Option<YearMonth> {
        self.date()
            .map(YearMonth::of)
            .or(self.month.as_ref().and_then(Checked::get))
    }

    pub fn channel(&self) -> Option<Channel> {
        self.channel.get()
    }
}

/// What to write instead of an unknown channel. Coordinators write what they read on the
/// site, so a channel's name as the site shows it (in any language) is recognised and
/// its id given; else the nearest id. The hint lists every id beside its name in
/// `language`. Nothing new is accepted: the file keeps one spelling per channel.
fn channel_hint(text: &str, language: &str) -> Message {
    let shown = |c: Channel| {
        crate::builtin::label(language, &format!("channel_{}", c.id())).unwrap_or(c.id())
    };
    let list: Vec<String> = Channel::ALL
        .iter()
        .map(|&c| format!("`{}` ({})", c.id(), shown(c)))
        .collect();
    let list = list.join(", ");
    let wanted = text.trim().to_lowercase();
    let named = Channel::ALL.into_iter().find(|c| {
        crate::builtin::label_everywhere(&format!("channel_{}", c.id()))
            .any(|(_, name)| name.to_lowercase() == wanted)
    });
    if let Some(channel) = named {
        let id = channel.id();
        return msg!(
            "calendar-channel-named-hint",
            text = text,
            id = id,
            channels = list
        );
    }
    let nearest = Channel::ALL
        .iter()
        .map(|c| (strsim::damerau_levenshtein(&wanted, c.id()), c.id()))
        .filter(|(distance, id)| *distance <= 2.max(id.len() / 3))
        .min();
    match nearest {
        Some((_, id)) => msg!("calendar-channel-nearest-hint", id = id, channels = list),
        None => msg!("calendar-channel-list-hint", channels = list),
    }
}

/// The twelve months of the plan starting at `start`.
pub fn plan_months(start: YearMonth) -> Vec<YearMonth> {
    (0..12).map(|n| start.plus(n)).collect()
}

/// What activities are checked against: the plan's first month (when it is valid) and
/// the experience numbers that exist.
pub struct PlanRules<'a> {
    pub start: Option<YearMonth>,
    pub experiences: &'a BTreeSet<u32>,
    /// Activities of a division's calendar: it cannot move the plan.
    pub local: bool,
    /// The language of the site that shows the activities (hints name channels as it does).
    pub language: &'a str,
}

/// `start` must be a month.
pub fn check_start(data: &Data<Calendar>) -> Vec<Diagnostic> {
    let at = [Step::Key("start")];
    match &data.value.start {
        Checked::Invalid(text) => vec![
            data.error_at(&at, msg!("calendar-not-a-month", text = text))
                .hint(msg!("calendar-start-hint")),
        ],
        Checked::Valid(month) if !YEARS.contains(&month.year) => vec![
            data.error_at(
                &at,
                msg!(
                    "calendar-start-year",
                    month = month.to_string(),
                    first = i32::from(*YEARS.start()),
                    last = i32::from(*YEARS.end()),
                ),
            )
            .hint(msg!("calendar-start-year-hint")),
        ],
        Checked::Valid(_) => Vec::new(),
    }
}

/// Each activity has a valid channel, and a month or a date (not both) inside the
/// twelve months; its experiences exist.
pub fn check_activities<T>(
    data: &Data<T>,
    activities: &[Activity],
    rules: &PlanRules,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (index, activity) in activities.iter().enumerate() {
        let at = |key: &'static str| [Step::Key("activities"), Step::Index(index), Step::Key(key)];
        if let Some(text) = activity.channel.invalid() {
            problems.push(
                data.error_at(
                    &at("channel"),
                    msg!("calendar-unknown-channel", channel = text),
                )
                .hint(channel_hint(text, rules.language)),
            );
        }
        if let Some(text) = activity.month.as_ref().and_then(Checked::invalid) {
            problems.push(
                data.error_at(&at("month"), msg!("calendar-not-a-month", text = text))
                    .hint(msg!("calendar-month-hint")),
            );
        }
        if let Some(text) = activity.date.as_ref().and_then(Checked::invalid) {
            problems.push(
                data.error_at(&at("date"), msg!("not-a-date", text = text))
                    .hint(msg!("calendar-date-hint")),
            );
        }
        problems.extend(check_activity_month(data, activity, index, rules));
        for (position, number) in activity.experiences.iter().enumerate() {
            if !rules.experiences.contains(number) {
                let path = [
                    Step::Key("activities"),
                    Step::Index(index),
                    Step::Key("experiences"),
                    Step::Index(position),
                ];
                problems.push(unknown_experience(data, &path, *number, rules.experiences));
            }
        }
    }
    problems
}

fn check_activity_month<T>(
    data: &Data<T>,
    activity: &Activity,
    index: usize,
    rules: &PlanRules,
) -> Option<Diagnostic> {
    let item = [Step::Key("activities"), Step::Index(index)];
    match (&activity.month, &activity.date) {
        (None, None) => Some(
            data.error_at(
                &item,
                msg!("calendar-no-month-or-date", title = &activity.title),
            )
            .hint(msg!("calendar-no-month-or-date-hint")),
        ),
        (Some(_), Some(_)) => Some(
            data.error_at(
                &[item[0], item[1], Step::Key("date")],
                msg!("calendar-month-and-date", title = &activity.title),
            )
            .hint(msg!("calendar-month-and-date-hint")),
        ),
        (_, date) => {
            let months = plan_months(rules.start?);
            let month = activity.year_month()?;
            if months.contains(&month) {
                return None;
            }
            let key = if date.is_some() { "date" } else { "month" };
            let shown = activity
                .date()
                .map_or_else(|| month.to_string(), |d| d.to_string());
            let hint = if rules.local {
                msg!("calendar-outside-plan-local-hint")
            } else {
                msg!("calendar-outside-plan-hint")
            };
            Some(
                data.error_at(
                    &[item[0], item[1], Step::Key(key)],
                    msg!(
                        "calendar-outside-plan",
                        when = shown,
                        first = months[0].to_string(),
                        last = months[11].to_string(),
                    ),
                )
                .hint(hint),
            )
        }
    }
}

/// An experience number that no experience page has.
pub fn unknown_experience<T>(
    data: &Data<T>,
    path: &[Step],
    number: u32,
    known: &BTreeSet<u32>,
) -> Diagnostic {
    let list: Vec<String> = known.iter().map(u32::to_string).collect();
    data.error_at(path, msg!("programme-no-experience", number = number))
        .hint(msg!(
            "programme-experiences-hint",
            numbers = list.join(", ")
        ))
}

/// A month of the shared plan without any activity: the plan should keep the subject
/// alive every month.
pub fn check_empty_months(data: &Data<Calendar>) -> Vec<Diagnostic> {
    let Some(start) = data.value.start.get() else {
        return Vec::new();
    };
    // An activity whose month or date is wrong is reported as such, not as a gap.
    let unreadable = |a: &Activity| {
        a.month.as_ref().is_some_and(|m| m.invalid().is_some())
            || a.date.as_ref().is_some_and(|d| d.invalid().is_some())
    };
    if data.value.activities.iter().any(unreadable) {
        return Vec::new();
    }
    let used: Vec<YearMonth> = data
        .value
        .activities
        .iter()
        .filter_map(Activity::year_month)
        .collect();
    plan_months(start)
        .into_iter()
        .filter(|month| !used.contains(month))
        .map(|month| {
            data.warning_at(
                &[Step::Key("activities")],
                msg!("calendar-empty-month", month = month.to_string()),
            )
            .hint(msg!("calendar-empty-month-hint"))
        })
        .collect()
}

// ---------------------------------------------------------------- inline texts

/// A text of a data file that is inline Markdown (a week's `meeting` and `note`, an
/// activity's `description`): the text as written, and the text rendered once when its
/// file is read (`render_texts`); its links are resolved per division later.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InlineText {
    pub text: String,
    pub inline: Inline,
}

impl<'de> Deserialize<'de> for InlineText {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(InlineText {
            text: String::deserialize(deserializer)?,
            inline: Inline::default(),
        })
    }
}

/// The text as written.
impl std::ops::Deref for InlineText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

/// A data file whose values include inline Markdown texts.
pub trait InlineTexts {
    /// Each inline text with its path in the file.
    fn texts(&mut self) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
        Vec::new()
    }
}

/// The path of `key` of item `index` of the list `list`.
pub fn item_path(list: &'static str, index: usize, key: &'static str) -> Vec<Step<'static>> {
    vec![Step::Key(list), Step::Index(index), Step::Key(key)]
}

/// Renders every inline text of `data` once, each diagnostic at its place in the file.
pub fn render_texts<T: InlineTexts>(
    data: &mut Data<T>,
    options: &MarkdownOptions,
) -> Vec<Diagnostic> {
    let found: Vec<(Vec<Step<'static>>, String)> = data
        .value
        .texts()
        .into_iter()
        .map(|(path, text)| (path, text.text.clone()))
        .collect();
    let mut problems = Vec::new();
    let mut rendered = Vec::with_capacity(found.len());
    for (path, text) in &found {
        let map = data.value_map(path, text);
        let locate = |offset: usize| map.position(offset);
        let (inline, found) = markdown::render_inline(text, &data.file, options, &locate);
        problems.extend(found);
        rendered.push(inline);
    }
    for ((_, text), inline) in data.value.texts().into_iter().zip(rendered) {
        text.inline = inline;
    }
    problems
}

impl InlineTexts for Followup {
    fn texts(&mut self) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
        let mut out = Vec::new();
        for (index, week) in self.weeks.iter_mut().enumerate() {
            if let Some(text) = &mut week.meeting {
                out.push((item_path("weeks", index, "meeting"), text));
            }
            if let Some(text) = &mut week.note {
                out.push((item_path("weeks", index, "note"), text));
            }
        }
        out
    }
}

impl InlineTexts for FollowupNotes {
    fn texts(&mut self) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
        let notes = self.weeks.iter_mut().enumerate();
        notes
            .map(|(index, note)| (item_path("weeks", index, "note"), &mut note.note))
            .collect()
    }
}

/// The descriptions of a list of activities.
fn descriptions(activities: &mut [Activity]) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
    let activities = activities.iter_mut().enumerate();
    activities
        .filter_map(|(index, activity)| {
            let text = activity.description.as_mut()?;
            Some((item_path("activities", index, "description"), text))
        })
        .collect()
}

impl InlineTexts for Calendar {
    fn texts(&mut self) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
        descriptions(&mut self.activities)
    }
}

impl InlineTexts for LocalActivities {
    fn texts(&mut self) -> Vec<(Vec<Step<'static>>, &mut InlineText)> {
        descriptions(&mut self.activities)
    }
}

impl InlineTexts for BusinessCase {}

// ---------------------------------------------------------------- business case

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessCase {
    /// From least to most satisfied.
    pub segments: Vec<Segment>,
    /// The share of each segment's customers assumed to move one segment up.
    pub shift_pct: f64,
    pub extra: Extra,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    pub name: String,
    pub customers: f64,
    pub revenue_per_customer: f64,
    pub margin_pct: f64,
    #[serde(default)]
    pub churn_pct: f64,
    pub extra: Extra,
}

/// What moving `shift_pct` of one segment's customers up one segment is worth a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Shift {
    pub from: String,
    pub to: String,
    pub movers: f64,
    pub revenue_gain: f64,
    pub margin_gain: f64,
    /// Customers a year who stay because they moved up: the movers times the fall in
    /// churn from this segment to the next.
    pub kept: f64,
}

impl BusinessCase {
    pub fn shifts(&self) -> Vec<Shift> {
        self.segments
            .windows(2)
            .map(|pair| {
                let (this, next) = (&pair[0], &pair[1]);
                let movers = this.customers * self.shift_pct / 100.0;
                let revenue_step = next.revenue_per_customer - this.revenue_per_customer;
                let margin_step = next.revenue_per_customer * next.margin_pct / 100.0
                    - this.revenue_per_customer * this.margin_pct / 100.0;
                Shift {
                    from: this.name.clone(),
                    to: next.name.clone(),
                    movers,
                    revenue_gain: movers * revenue_step,
                    margin_gain: movers * margin_step,
                    kept: movers * (this.churn_pct - next.churn_pct) / 100.0,
                }
            })
            .collect()
    }
}

pub fn check_business_case(data: &Data<BusinessCase>) -> Vec<Diagnostic> {
    let case = &data.value;
    let mut problems = Vec::new();
    if case.segments.len() < 2 {
        problems.push(
            data.error_at(&[Step::Key("segments")], msg!("business-too-few-segments"))
                .hint(msg!("business-too-few-segments-hint")),
        );
    }
    if !(0.0..=100.0).contains(&case.shift_pct) {
        problems.push(
            data.error_at(
                &[Step::Key("shift_pct")],
                msg!(
                    "business-shift-not-percentage",
                    value = case.shift_pct.to_string()
                ),
            )
            .hint(msg!("business-shift-not-percentage-hint")),
        );
    }
    for (index, segment) in case.segments.iter().enumerate() {
        let checks = [
            ("customers", segment.customers, MAX_AMOUNT),
            (
                "revenue_per_customer",
                segment.revenue_per_customer,
                MAX_AMOUNT,
            ),
            ("margin_pct", segment.margin_pct, 100.0),
            ("churn_pct", segment.churn_pct, 100.0),
        ];
        for (key, value, max) in checks {
            // `contains` is false for NaN; infinities are above any maximum.
            if !(0.0..=max).contains(&value) {
                problems.push(
                    data.error_at(
                        &[Step::Key("segments"), Step::Index(index), Step::Key(key)],
                        msg!(
                            "business-out-of-range",
                            key = key,
                            value = value.to_string()
                        ),
                    )
                    .hint(if max == 100.0 {
                        msg!("business-percentage-hint")
                    } else {
                        msg!("business-amount-hint", max = format!("{MAX_AMOUNT:e}"))
                    }),
                );
            }
        }
    }
    if problems.is_empty() && !case.shifts().iter().all(Shift::is_finite) {
        // Not reachable with the bounds above; kept so no sum can ever show "inf".
        problems.push(
            data.error_at(&[Step::Key("segments")], msg!("business-too-large"))
                .hint(msg!("business-too-large-hint")),
        );
    }
    problems
}

impl Shift {
    fn is_finite(&self) -> bool {
        [self.movers, self.revenue_gain, self.margin_gain, self.kept]
            .iter()
            .all(|v| v.is_finite())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse_and_count() {
        let start = YearMonth::parse("2027-11").unwrap();
        assert_eq!(start.plus(2).to_string(), "2028-01");
        assert_eq!(plan_months(start)[11].to_string(), "2028-10");
        assert!(YearMonth::parse("2027-13").is_none());
        assert!(YearMonth::parse("27-01").is_none());
    }

    #[test]
    fn an_unknown_channel_is_explained_with_the_names_the_site_shows() {
        let hint = channel_hint("arrangement", "da");
        assert!(
            hint.starts_with(
                "`arrangement` is what the site shows for `event`; write `channel: event`."
            ),
            "{hint}"
        );
        assert!(hint.contains("`town-hall` (Fællesmøde)"), "{hint}");
        // A name another language's site shows is recognised too; the list is in this one.
        let hint = channel_hint("Nyhetsbrev", "en");
        assert!(hint.contains("write `channel: newsletter`"), "{hint}");
        assert!(hint.contains("`newsletter` (Newsletter)"), "{hint}");
        assert!(channel_hint("posterr", "da").starts_with("did you mean `poster`?"));
        assert!(
            channel_hint("xyz", "da")
                .starts_with("write one of the channels: `intranet` (Intranet)")
        );
    }

    #[test]
    fn week_dates_run_monday_to_friday() {
        let start = Date::new(2027, 2, 1).unwrap(); // a Monday
        assert_eq!(
            week_dates(start, 1),
            (start, Date::new(2027, 2, 5).unwrap())
        );
        assert_eq!(week_dates(start, 5).0, Date::new(2027, 3, 1).unwrap());
        // A Wednesday start counts from the Monday of its week.
        let wednesday = Date::new(2027, 2, 3).unwrap();
        assert_eq!(week_dates(wednesday, 1).0, start);
    }

    #[test]
    fn business_case_follows_the_formula() {
        let case = BusinessCase {
            segments: vec![
                Segment {
                    name: "A".into(),
                    customers: 1000.0,
                    revenue_per_customer: 100.0,
                    margin_pct: 10.0,
                    churn_pct: 30.0,
                    extra: None,
                },
                Segment {
                    name: "B".into(),
                    customers: 2000.0,
                    revenue_per_customer: 200.0,
                    margin_pct: 20.0,
                    churn_pct: 10.0,
                    extra: None,
                },
            ],
            shift_pct: 5.0,
            extra: None,
        };
        let shifts = case.shifts();
        assert_eq!(shifts.len(), 1);
        assert_eq!(shifts[0].movers, 50.0);
        assert_eq!(shifts[0].revenue_gain, 50.0 * 100.0);
        assert_eq!(shifts[0].margin_gain, 50.0 * (40.0 - 10.0));
        assert_eq!(
            shifts[0].kept,
            50.0 * (30.0 - 10.0) / 100.0,
            "movers x (this churn - next churn) / 100"
        );
    }

    #[test]
    fn weeks_with_gaps_and_repeats_are_reported() {
        let text =
            "weeks:\n  - {week: 1, title: a}\n  - {week: 3, title: b}\n  - {week: 3, title: c}\n"
                .to_string();
        let data: Data<Followup> = Data::parse(text, "content/followup.yaml").unwrap();
        let problems = check_weeks(&data);
        let owned: Vec<(String, usize)> = problems
            .iter()
            .map(|p| (p.message.english(), p.line))
            .collect();
        let messages: Vec<(&str, usize)> = owned.iter().map(|(m, l)| (m.as_str(), *l)).collect();
        assert!(
            messages.contains(&("week 3 appears twice (also on line 3)", 4)),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|(m, l)| (*m, *l) == ("the follow-up skips week 2: week 3 comes next", 3)),
            "{messages:?}"
        );
    }

    #[test]
    fn gaps_and_years_read_naturally_in_danish() {
        use crate::messages::Lang;
        let skips = |count: u32, next: u32| {
            msg!(
                "followup-skips",
                count = count,
                first = 2u32,
                last = next - 1,
                next = next
            )
        };
        assert_eq!(
            skips(1, 3).text(Lang::Da),
            "opfølgningen springer uge 2 over: uge 3 kommer derefter"
        );
        assert_eq!(
            skips(3, 5).text(Lang::Da),
            "opfølgningen springer ugerne 2 til 4 over: uge 5 kommer derefter"
        );
        assert_eq!(
            skips(3, 5),
            "the follow-up skips weeks 2 to 4: week 5 comes next"
        );
        let years = msg!(
            "calendar-start-year",
            month = "9999-01",
            first = 1900,
            last = 2200
        );
        assert_eq!(
            years.text(Lang::Da),
            "`start: 9999-01` ligger ikke i et år fra 1900 til 2200"
        );
    }

    #[test]
    fn a_week_number_past_the_last_possible_week_is_reported() {
        let text = "weeks:\n  - {week: 1, title: a}\n  - {week: 4000000000, title: b}\n";
        let data: Data<Followup> = Data::parse(text.to_string(), "content/followup.yaml").unwrap();
        let problems = check_weeks(&data);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].message, "week 4000000000 is past week 1000");
        assert_eq!(problems[0].line, 3);
    }
}
