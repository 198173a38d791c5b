//! Public holidays of the countries a division can sit in, for the notices on follow-up
//! weeks that fall on one (resolve settles each week's holidays; render names them in the
//! reader's language). The rules of each supported country are written once here: fixed
//! days, days counted from Easter Sunday (one computus), and a few weekday rules
//! (midsummer, the UK's bank holidays and substitute days). No data files, no network.
//!
//! Only nationwide days that most employees have off are listed, including the de facto
//! days off of Sweden and Finland (midsummer eve, Christmas Eve); regional days and
//! one-off holidays (a coronation) are not.

use jiff::civil::{Date, Weekday};

/// A country whose public holidays handbook knows, by its ISO 3166-1 alpha-2 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Country {
    Denmark,
    Sweden,
    Norway,
    Germany,
    Finland,
    UnitedKingdom,
}

impl Country {
    pub const ALL: [Country; 6] = [
        Country::Denmark,
        Country::Sweden,
        Country::Norway,
        Country::Germany,
        Country::Finland,
        Country::UnitedKingdom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Country::Denmark => "DK",
            Country::Sweden => "SE",
            Country::Norway => "NO",
            Country::Germany => "DE",
            Country::Finland => "FI",
            Country::UnitedKingdom => "GB",
        }
    }

    /// The country of an ISO 3166-1 alpha-2 code (any case), when handbook knows it.
    pub fn from_code(code: &str) -> Option<Country> {
        let code = code.trim();
        Country::ALL
            .into_iter()
            .find(|c| c.code().eq_ignore_ascii_case(code))
    }

    /// The country a site in `language` most likely sits in: `da` Denmark, `sv` Sweden,
    /// `nb` Norway, `de` Germany, `fi` Finland, `en` the United Kingdom.
    pub fn of_language(language: &str) -> Option<Country> {
        match language {
            "da" => Some(Country::Denmark),
            "sv" => Some(Country::Sweden),
            "nb" | "nn" | "no" => Some(Country::Norway),
            "de" => Some(Country::Germany),
            "fi" => Some(Country::Finland),
            "en" => Some(Country::UnitedKingdom),
            _ => None,
        }
    }

    /// Every code handbook knows, for hints.
    pub fn codes() -> String {
        let codes: Vec<&str> = Country::ALL.iter().map(|c| c.code()).collect();
        codes.join(", ")
    }
}

/// A public holiday; its name is the theme's label `holiday_<id>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holiday {
    NewYear,
    Epiphany,
    MaundyThursday,
    GoodFriday,
    EasterMonday,
    GreatPrayerDay,
    MayDay,
    ConstitutionDayNorway,
    Ascension,
    WhitMonday,
    NationalDaySweden,
    MidsummerEve,
    GermanUnity,
    IndependenceDayFinland,
    ChristmasEve,
    ChristmasDay,
    BoxingDay,
    NewYearsEve,
    EarlyMayBankHoliday,
    SpringBankHoliday,
    SummerBankHoliday,
}

impl Holiday {
    pub fn id(self) -> &'static str {
        match self {
            Holiday::NewYear => "new_year",
            Holiday::Epiphany => "epiphany",
            Holiday::MaundyThursday => "maundy_thursday",
            Holiday::GoodFriday => "good_friday",
            Holiday::EasterMonday => "easter_monday",
            Holiday::GreatPrayerDay => "great_prayer_day",
            Holiday::MayDay => "may_day",
            Holiday::ConstitutionDayNorway => "constitution_day_no",
            Holiday::Ascension => "ascension",
            Holiday::WhitMonday => "whit_monday",
            Holiday::NationalDaySweden => "national_day_se",
            Holiday::MidsummerEve => "midsummer_eve",
            Holiday::GermanUnity => "german_unity",
            Holiday::IndependenceDayFinland => "independence_day_fi",
            Holiday::ChristmasEve => "christmas_eve",
            Holiday::ChristmasDay => "christmas_day",
            Holiday::BoxingDay => "boxing_day",
            Holiday::NewYearsEve => "new_years_eve",
            Holiday::EarlyMayBankHoliday => "early_may_bank_holiday",
            Holiday::SpringBankHoliday => "spring_bank_holiday",
            Holiday::SummerBankHoliday => "summer_bank_holiday",
        }
    }

    /// The theme's label for its name.
    pub fn label(self) -> String {
        format!("holiday_{}", self.id())
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian computus,
/// also known as Meeus/Jones/Butcher).
pub fn easter_sunday(year: i16) -> Date {
    let y = i32::from(year);
    let (a, b, c) = (y % 19, y / 100, y % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Always March 22 to April 25: within range of both casts.
    Date::new(year, month as i8, day as i8).expect("Easter is a date in March or April")
}

/// The public holidays of `country` in `year`, by date.
pub fn holidays(country: Country, year: i16) -> Vec<(Date, Holiday)> {
    let easter = easter_sunday(year);
    if country == Country::UnitedKingdom {
        return bank_holidays(year, easter);
    }
    let mut found: Vec<(Date, Holiday)> = rules(country, year, easter)
        .into_iter()
        .filter_map(|(date, holiday)| Some((date?, holiday)))
        .collect();
    found.sort();
    found
}

/// The holidays of `country` in `year` by rule (`None`: a date the calendar lacks).
fn rules(country: Country, year: i16, easter: Date) -> Vec<(Option<Date>, Holiday)> {
    let from_easter = |days: i64| easter.checked_add(jiff::Span::new().days(days)).ok();
    let day = |month: i8, day: i8| Date::new(year, month, day).ok();
    match country {
        Country::Denmark => {
            let mut days = vec![
                (day(1, 1), Holiday::NewYear),
                (from_easter(-3), Holiday::MaundyThursday),
                (from_easter(-2), Holiday::GoodFriday),
                (from_easter(1), Holiday::EasterMonday),
                (from_easter(39), Holiday::Ascension),
                (from_easter(50), Holiday::WhitMonday),
                (day(12, 25), Holiday::ChristmasDay),
                (day(12, 26), Holiday::BoxingDay),
            ];
            // Store bededag was abolished from 2024.
            if year < 2024 {
                days.push((from_easter(26), Holiday::GreatPrayerDay));
            }
            days
        }
        Country::Sweden => vec![
            (day(1, 1), Holiday::NewYear),
            (day(1, 6), Holiday::Epiphany),
            (from_easter(-2), Holiday::GoodFriday),
            (from_easter(1), Holiday::EasterMonday),
            (day(5, 1), Holiday::MayDay),
            (from_easter(39), Holiday::Ascension),
            (day(6, 6), Holiday::NationalDaySweden),
            (midsummer_eve(year), Holiday::MidsummerEve),
            (day(12, 24), Holiday::ChristmasEve),
            (day(12, 25), Holiday::ChristmasDay),
            (day(12, 26), Holiday::BoxingDay),
            (day(12, 31), Holiday::NewYearsEve),
        ],
        Country::Norway => vec![
            (day(1, 1), Holiday::NewYear),
            (from_easter(-3), Holiday::MaundyThursday),
            (from_easter(-2), Holiday::GoodFriday),
            (from_easter(1), Holiday::EasterMonday),
            (day(5, 1), Holiday::MayDay),
            (day(5, 17), Holiday::ConstitutionDayNorway),
            (from_easter(39), Holiday::Ascension),
            (from_easter(50), Holiday::WhitMonday),
            (day(12, 25), Holiday::ChristmasDay),
            (day(12, 26), Holiday::BoxingDay),
        ],
        Country::Germany => vec![
            (day(1, 1), Holiday::NewYear),
            (from_easter(-2), Holiday::GoodFriday),
            (from_easter(1), Holiday::EasterMonday),
            (day(5, 1), Holiday::MayDay),
            (from_easter(39), Holiday::Ascension),
            (from_easter(50), Holiday::WhitMonday),
            (day(10, 3), Holiday::GermanUnity),
            (day(12, 25), Holiday::ChristmasDay),
            (day(12, 26), Holiday::BoxingDay),
        ],
        Country::Finland => vec![
            (day(1, 1), Holiday::NewYear),
            (day(1, 6), Holiday::Epiphany),
            (from_easter(-2), Holiday::GoodFriday),
            (from_easter(1), Holiday::EasterMonday),
            (day(5, 1), Holiday::MayDay),
            (from_easter(39), Holiday::Ascension),
            (midsummer_eve(year), Holiday::MidsummerEve),
            (day(12, 6), Holiday::IndependenceDayFinland),
            (day(12, 24), Holiday::ChristmasEve),
            (day(12, 25), Holiday::ChristmasDay),
            (day(12, 26), Holiday::BoxingDay),
        ],
        // Moved days, substitutes: `bank_holidays`.
        Country::UnitedKingdom => Vec::new(),
    }
}

/// The Friday from June 19 to 25 (Sweden's and Finland's midsummer eve).
fn midsummer_eve(year: i16) -> Option<Date> {
    // The first Friday after June 18.
    let june_18 = Date::new(year, 6, 18).ok()?;
    june_18.nth_weekday(1, Weekday::Friday).ok()
}

/// England and Wales's bank holidays: a fixed day that falls on a weekend moves to the
/// next weekday that is not already a holiday (a "substitute day").
fn bank_holidays(year: i16, easter: Date) -> Vec<(Date, Holiday)> {
    let day = |month: i8, day: i8| Date::new(year, month, day).ok();
    let monday = |month: i8, nth: i32| {
        let first = Date::new(year, month, 1).ok()?;
        first.nth_weekday_of_month(nth as i8, Weekday::Monday).ok()
    };
    let moved = |days: i64| easter.checked_add(jiff::Span::new().days(days)).ok();
    let mut found: Vec<(Date, Holiday)> = [
        (moved(-2), Holiday::GoodFriday),
        (moved(1), Holiday::EasterMonday),
        (monday(5, 1), Holiday::EarlyMayBankHoliday),
        (monday(5, -1), Holiday::SpringBankHoliday),
        (monday(8, -1), Holiday::SummerBankHoliday),
    ]
    .into_iter()
    .filter_map(|(date, holiday)| Some((date?, holiday)))
    .collect();
    let fixed = [
        (day(1, 1), Holiday::NewYear),
        (day(12, 25), Holiday::ChristmasDay),
        (day(12, 26), Holiday::BoxingDay),
    ];
    for (date, holiday) in fixed.into_iter().filter_map(|(d, h)| Some((d?, h))) {
        let mut date = date;
        while is_weekend(date) || found.iter().any(|(d, _)| *d == date) {
            let Ok(next) = date.tomorrow() else { break };
            date = next;
        }
        found.push((date, holiday));
    }
    found.sort();
    found
}

fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// The holidays of `country` from `first` to `last`, both included.
pub fn between(country: Country, first: Date, last: Date) -> Vec<(Date, Holiday)> {
    let mut years = vec![first.year()];
    if last.year() != first.year() {
        years.push(last.year());
    }
    years
        .into_iter()
        .flat_map(|year| holidays(country, year))
        .filter(|(date, _)| (first..=last).contains(date))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn easter_falls_on_the_known_sundays() {
        let known = [
            (1961, 4, 2),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2100, 3, 28),
        ];
        for (year, month, day) in known {
            assert_eq!(easter_sunday(year), date(year, month, day), "{year}");
        }
        for year in 1900..=2200 {
            let easter = easter_sunday(year);
            assert_eq!(easter.weekday(), Weekday::Sunday, "{year}");
            assert!((date(year, 3, 22)..=date(year, 4, 25)).contains(&easter));
        }
    }

    #[test]
    fn danish_holidays_of_2027() {
        let days: Vec<(Date, &str)> = holidays(Country::Denmark, 2027)
            .into_iter()
            .map(|(d, h)| (d, h.id()))
            .collect();
        assert_eq!(
            days,
            [
                (date(2027, 1, 1), "new_year"),
                (date(2027, 3, 25), "maundy_thursday"),
                (date(2027, 3, 26), "good_friday"),
                (date(2027, 3, 29), "easter_monday"),
                (date(2027, 5, 6), "ascension"),
                (date(2027, 5, 17), "whit_monday"),
                (date(2027, 12, 25), "christmas_day"),
                (date(2027, 12, 26), "boxing_day"),
            ]
        );
        let prayer_day = (date(2023, 5, 5), Holiday::GreatPrayerDay);
        assert!(holidays(Country::Denmark, 2023).contains(&prayer_day));
    }

    #[test]
    fn weekday_rules_and_substitute_days() {
        let sweden = holidays(Country::Sweden, 2027);
        assert!(sweden.contains(&(date(2027, 6, 25), Holiday::MidsummerEve)));
        assert!(!sweden.iter().any(|(_, h)| *h == Holiday::WhitMonday));
        let uk = holidays(Country::UnitedKingdom, 2027);
        assert!(uk.contains(&(date(2027, 5, 3), Holiday::EarlyMayBankHoliday)));
        assert!(uk.contains(&(date(2027, 5, 31), Holiday::SpringBankHoliday)));
        assert!(uk.contains(&(date(2027, 8, 30), Holiday::SummerBankHoliday)));
        // Christmas 2027 is a Saturday: Monday 27 and Tuesday 28 are the days off.
        assert!(uk.contains(&(date(2027, 12, 27), Holiday::ChristmasDay)));
        assert!(uk.contains(&(date(2027, 12, 28), Holiday::BoxingDay)));
        // New Year's Day 2028 is a Saturday: Monday 3 January.
        assert!(
            holidays(Country::UnitedKingdom, 2028).contains(&(date(2028, 1, 3), Holiday::NewYear))
        );
        let norway = holidays(Country::Norway, 2027);
        assert!(norway.contains(&(date(2027, 5, 17), Holiday::ConstitutionDayNorway)));
    }

    #[test]
    fn a_week_gets_the_holidays_between_its_monday_and_friday() {
        let week = between(Country::Denmark, date(2027, 3, 29), date(2027, 4, 2));
        assert_eq!(week, [(date(2027, 3, 29), Holiday::EasterMonday)]);
        let turn = between(Country::Finland, date(2027, 12, 27), date(2028, 1, 7));
        assert_eq!(
            turn,
            [
                (date(2028, 1, 1), Holiday::NewYear),
                (date(2028, 1, 6), Holiday::Epiphany)
            ],
            "across a new year, both years count"
        );
    }

    #[test]
    fn countries_come_from_codes_and_languages() {
        assert_eq!(Country::from_code("dk"), Some(Country::Denmark));
        assert_eq!(Country::from_code("GB"), Some(Country::UnitedKingdom));
        assert_eq!(Country::from_code("US"), None);
        assert_eq!(Country::of_language("sv"), Some(Country::Sweden));
        assert_eq!(Country::of_language("en"), Some(Country::UnitedKingdom));
        assert_eq!(Country::of_language("xx"), None);
    }
}
