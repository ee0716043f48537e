//! ICU formatters for what Fluent in Rust lacks: numbers with the language's separators
//! ("1,234.5" / "1234,5"), dates ("Thursday 26 November" / "jueves, 26 de noviembre") and lists
//! ("Ana, Ben and Chloe" / "Ana, Ben e Ignacio").

use super::Lang;
use chrono::{NaiveDate, NaiveDateTime, Timelike};
use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};
use icu_calendar::Gregorian;
use icu_datetime::fieldsets::{E, MD, MDE, T, YM, YMD, YMDE};
use icu_datetime::input::{Date, Time};
use icu_datetime::{FixedCalendarDateTimeFormatter, NoCalendarFormatter};
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_list::ListFormatter;
use icu_list::options::{ListFormatterOptions, ListLength};
use icu_locale_core::{Locale, locale};
use std::sync::LazyLock;

/// Dates follow British order in English ("26 November"), as the UI does.
fn icu_locale(lang: Lang) -> Locale {
    match lang {
        Lang::En => locale!("en-GB"),
        Lang::Es => locale!("es"),
    }
}

struct Numbers {
    decimal: DecimalFormatter,
    list: ListFormatter,
}

fn numbers(lang: Lang) -> Numbers {
    let locale = icu_locale(lang);
    Numbers {
        decimal: DecimalFormatter::try_new(locale.clone().into(), Default::default())
            .expect("compiled decimal data"),
        list: ListFormatter::try_new_and(
            locale.into(),
            ListFormatterOptions::default().with_length(ListLength::Wide),
        )
        .expect("compiled list data"),
    }
}

static EN_NUMBERS: LazyLock<Numbers> = LazyLock::new(|| numbers(Lang::En));
static ES_NUMBERS: LazyLock<Numbers> = LazyLock::new(|| numbers(Lang::Es));

fn numbers_of(lang: Lang) -> &'static Numbers {
    match lang {
        Lang::En => &EN_NUMBERS,
        Lang::Es => &ES_NUMBERS,
    }
}

/// An exact decimal from a float: Rust prints the shortest text that reads back as the same
/// float ("99.96", not "99.9599999"), and ICU parses that text.
fn decimal_of(n: f64) -> Option<Decimal> {
    if !n.is_finite() {
        return None;
    }
    format!("{n}").parse().ok()
}

/// `n` with exactly `fraction_digits` decimals (cut, not rounded), in the language's style.
pub fn format_decimal(lang: Lang, n: f64, fraction_digits: usize) -> String {
    let digits = fraction_digits.min(6) as i16;
    let mut decimal = decimal_of(n).unwrap_or_else(|| Decimal::from(0));
    decimal.trunc(-digits);
    decimal.pad_end(-digits);
    numbers_of(lang).decimal.format(&decimal).to_string()
}

pub fn format_list(lang: Lang, items: &[&str]) -> String {
    numbers_of(lang).list.format(items.iter()).to_string()
}

/// Fluent's number formatting, with ICU's separators and grouping, keeping the
/// `minimumFractionDigits` / `maximumFractionDigits` a message asks for.
pub(super) fn format_fluent_number(lang: Lang, value: &FluentValue) -> Option<String> {
    let FluentValue::Number(FluentNumber { value, options }) = value else {
        return None;
    };
    let mut decimal = decimal_of(*value)?;
    if let Some(max) = options.maximum_fraction_digits {
        decimal.round(-(max.min(20) as i16));
    }
    if let Some(min) = options.minimum_fraction_digits {
        decimal.pad_end(-(min.min(20) as i16));
    }
    Some(numbers_of(lang).decimal.format(&decimal).to_string())
}

/// The date and time shapes the app uses, built once per language.
pub struct Dates {
    weekday: FixedCalendarDateTimeFormatter<Gregorian, E>,
    day_month: FixedCalendarDateTimeFormatter<Gregorian, MD>,
    weekday_day_month: FixedCalendarDateTimeFormatter<Gregorian, MDE>,
    day_month_year: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    weekday_day_month_year: FixedCalendarDateTimeFormatter<Gregorian, YMDE>,
    month_year: FixedCalendarDateTimeFormatter<Gregorian, YM>,
    time: NoCalendarFormatter<T>,
}

fn icu_date(date: NaiveDate) -> Date<Gregorian> {
    use chrono::Datelike;
    Date::try_new_gregorian(date.year(), date.month() as u8, date.day() as u8)
        .expect("a chrono date is a valid Gregorian date")
}

impl Dates {
    pub fn new(lang: Lang) -> Dates {
        let prefs = || icu_locale(lang).into();
        Dates {
            weekday: FixedCalendarDateTimeFormatter::try_new(prefs(), E::long()).expect("data"),
            day_month: FixedCalendarDateTimeFormatter::try_new(prefs(), MD::long()).expect("data"),
            weekday_day_month: FixedCalendarDateTimeFormatter::try_new(prefs(), MDE::long())
                .expect("data"),
            day_month_year: FixedCalendarDateTimeFormatter::try_new(prefs(), YMD::long())
                .expect("data"),
            weekday_day_month_year: FixedCalendarDateTimeFormatter::try_new(prefs(), YMDE::long())
                .expect("data"),
            month_year: FixedCalendarDateTimeFormatter::try_new(prefs(), YM::long()).expect("data"),
            time: NoCalendarFormatter::try_new(prefs(), T::hm()).expect("data"),
        }
    }

    /// "Thursday" / "jueves".
    pub fn weekday(&self, date: NaiveDate) -> String {
        self.weekday.format(&icu_date(date)).to_string()
    }

    /// "26 November" / "26 de noviembre".
    pub fn day_month(&self, date: NaiveDate) -> String {
        self.day_month.format(&icu_date(date)).to_string()
    }

    /// "Thursday 26 November" / "jueves, 26 de noviembre".
    pub fn weekday_day_month(&self, date: NaiveDate) -> String {
        self.weekday_day_month.format(&icu_date(date)).to_string()
    }

    /// "26 November 2026" / "26 de noviembre de 2026".
    pub fn day_month_year(&self, date: NaiveDate) -> String {
        self.day_month_year.format(&icu_date(date)).to_string()
    }

    /// "Thursday, 26 November 2026" / "jueves, 26 de noviembre de 2026".
    pub fn weekday_day_month_year(&self, date: NaiveDate) -> String {
        self.weekday_day_month_year
            .format(&icu_date(date))
            .to_string()
    }

    /// "November 2026" / "noviembre de 2026".
    pub fn month_year(&self, date: NaiveDate) -> String {
        self.month_year.format(&icu_date(date)).to_string()
    }

    /// "18:05" in both languages.
    pub fn time(&self, at: NaiveDateTime) -> String {
        let time = Time::try_new(at.hour() as u8, at.minute() as u8, 0, 0).expect("valid time");
        self.time.format(&time).to_string()
    }
}

/// `DATETIME($date, weekday: "long", day: "numeric", month: "long", year: "numeric")` as
/// `@fluent/bundle` understands it. Rust passes the date as text: `2026-11-26` or
/// `2026-11-26T18:05` (already in the reader's time zone).
pub(super) fn datetime_function<'a>(
    lang: Lang,
    positional: &[FluentValue<'a>],
    named: &FluentArgs,
) -> FluentValue<'a> {
    let Some(FluentValue::String(text)) = positional.first() else {
        return FluentValue::Error;
    };
    let at = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .ok()
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    let Some(at) = at else {
        return FluentValue::Error;
    };
    let has = |key: &str| named.get(key).is_some();
    let dates = &super::locale(lang).dates;
    let date = at.date();
    let text = match (has("weekday"), has("day"), has("month"), has("year")) {
        (true, false, false, false) => dates.weekday(date),
        (false, true, true, false) => dates.day_month(date),
        (true, true, true, false) => dates.weekday_day_month(date),
        (false, true, true, true) => dates.day_month_year(date),
        (true, true, true, true) => dates.weekday_day_month_year(date),
        (false, false, true, true) => dates.month_year(date),
        _ if has("hour") => dates.time(at),
        _ => dates.day_month_year(date),
    };
    FluentValue::from(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let en = Dates::new(Lang::En);
        let es = Dates::new(Lang::Es);
        assert_eq!(en.weekday_day_month(day()), "Thursday 26 November");
        assert_eq!(es.weekday_day_month(day()), "jueves, 26 de noviembre");
        assert_eq!(es.day_month(day()), "26 de noviembre");
        assert_eq!(es.weekday(day()), "jueves");
        assert_eq!(en.month_year(day()), "November 2026");
        assert_eq!(es.day_month_year(day()), "26 de noviembre de 2026");
        let evening = day().and_hms_opt(18, 5, 0).unwrap();
        assert_eq!(en.time(evening), "18:05");
        assert_eq!(es.time(evening), "18:05");
    }

    #[test]
    fn numbers_use_the_languages_separators_and_are_cut_not_rounded() {
        assert_eq!(format_decimal(Lang::En, 99.9699, 2), "99.96");
        assert_eq!(format_decimal(Lang::Es, 99.9699, 2), "99,96");
        assert_eq!(format_decimal(Lang::En, 12345.0, 0), "12,345");
        assert_eq!(format_decimal(Lang::Es, 12345.0, 0), "12.345");
        // Spanish leaves four-digit numbers ungrouped.
        assert_eq!(format_decimal(Lang::Es, 2026.0, 0), "2026");
    }

    #[test]
    fn lists_follow_each_languages_rules() {
        assert_eq!(
            format_list(Lang::En, &["Ana", "Ben", "Chloe"]),
            "Ana, Ben and Chloe"
        );
        assert_eq!(
            format_list(Lang::Es, &["Ana", "Ben", "Ignacio"]),
            "Ana, Ben e Ignacio"
        );
        assert_eq!(format_list(Lang::Es, &["Ana"]), "Ana");
    }
}
