//! Date comparisons, for dates of birth and other identifying dates.
//!
//! Typing errors in dates follow patterns: day and month swapped by a
//! different convention (`03/04` vs `04/03`), a slip of a few days, the
//! right year and month with a wrong day. [`compare_dates`] names the
//! closest of these relations.

use serde::{Deserialize, Serialize};

use crate::date::Date;

/// How two dates relate, from the strongest agreement to none.
///
/// # Examples
///
/// ```
/// use sameas::compare::{compare_dates, DateAgreement};
/// use sameas::Date;
///
/// let d = |y, m, d| Date::new(y, m, d).unwrap();
/// assert_eq!(compare_dates(d(1985, 3, 4), d(1985, 3, 4)), DateAgreement::Exact);
/// assert_eq!(compare_dates(d(1985, 3, 4), d(1985, 4, 3)), DateAgreement::DayMonthSwapped);
/// assert_eq!(compare_dates(d(1985, 3, 4), d(1985, 3, 9)), DateAgreement::SameYearMonth);
/// assert_eq!(compare_dates(d(1985, 3, 4), d(1986, 3, 4)), DateAgreement::Different { days: 365 });
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateAgreement {
    /// The same date.
    Exact,
    /// Same year; the day of one is the month of the other and vice versa.
    DayMonthSwapped,
    /// Same year and month, different day.
    SameYearMonth,
    /// None of the above; `days` apart.
    Different {
        /// Absolute difference in days.
        days: u32,
    },
}

/// Classifies how two dates relate (see [`DateAgreement`]).
///
/// # Examples
///
/// ```
/// use sameas::compare::{compare_dates, DateAgreement};
/// use sameas::Date;
///
/// let a = Date::new(2000, 1, 31).unwrap();
/// let b = Date::new(2000, 2, 2).unwrap();
/// assert_eq!(compare_dates(a, b), DateAgreement::Different { days: 2 });
/// ```
pub fn compare_dates(a: Date, b: Date) -> DateAgreement {
    if a == b {
        DateAgreement::Exact
    } else if day_month_swapped(a, b) {
        DateAgreement::DayMonthSwapped
    } else if same_year_month(a, b) {
        DateAgreement::SameYearMonth
    } else {
        DateAgreement::Different {
            days: a.days_between(b),
        }
    }
}

/// Whether the dates are the same.
///
/// # Examples
///
/// ```
/// use sameas::{compare::dates_equal, Date};
/// assert!(dates_equal(Date::new(1985, 3, 4).unwrap(), Date::new(1985, 3, 4).unwrap()));
/// ```
pub fn dates_equal(a: Date, b: Date) -> bool {
    a == b
}

/// Whether the dates are at most `days` apart.
///
/// # Examples
///
/// ```
/// use sameas::{compare::dates_within_days, Date};
/// let a = Date::new(1999, 12, 30).unwrap();
/// let b = Date::new(2000, 1, 2).unwrap();
/// assert!(dates_within_days(a, b, 3));
/// assert!(!dates_within_days(a, b, 2));
/// ```
pub fn dates_within_days(a: Date, b: Date, days: u32) -> bool {
    a.days_between(b) <= days
}

/// Whether two different dates have the same year and each one's day is
/// the other's month (`1985-03-04` and `1985-04-03`).
///
/// # Examples
///
/// ```
/// use sameas::{compare::day_month_swapped, Date};
/// let a = Date::new(1985, 3, 4).unwrap();
/// assert!(day_month_swapped(a, Date::new(1985, 4, 3).unwrap()));
/// assert!(!day_month_swapped(a, a));
/// ```
pub fn day_month_swapped(a: Date, b: Date) -> bool {
    Written::of(a).day_month_swapped(Written::of(b))
}

/// Whether the dates share day and month and their years are one apart
/// (`1939-03-15` and `1940-03-15`): a year misread or mistyped across a
/// decade, which no one-digit typo covers, and which a leap day puts 366
/// days apart.
///
/// # Examples
///
/// ```
/// use sameas::{compare::year_one_off, Date};
/// let a = Date::new(1939, 3, 15).unwrap();
/// assert!(year_one_off(a, Date::new(1940, 3, 15).unwrap()));
/// assert!(!year_one_off(a, Date::new(1941, 3, 15).unwrap()));
/// assert!(!year_one_off(a, a));
/// ```
pub fn year_one_off(a: Date, b: Date) -> bool {
    Written::of(a).year_one_off(Written::of(b))
}

/// Whether two dates of the same year agree in the month or in the day
/// but not both: the day or the month written wrong as a whole
/// (`1945-08-27` or `1945-03-14` for `1945-08-14`), as a clerk misreads
/// or mistypes one part. Unrelated dates agree so about once in a
/// thousand pairs over a lifetime's range of years; a wrong year with
/// the day and month right is [`year_wrong`].
///
/// # Examples
///
/// ```
/// use sameas::{compare::day_or_month_wrong, Date};
/// let born = Date::new(1945, 8, 14).unwrap();
/// assert!(day_or_month_wrong(born, Date::new(1945, 8, 27).unwrap()));
/// assert!(day_or_month_wrong(born, Date::new(1945, 3, 14).unwrap()));
/// assert!(!day_or_month_wrong(born, Date::new(1962, 8, 14).unwrap()));
/// assert!(!day_or_month_wrong(born, Date::new(1945, 3, 27).unwrap()));
/// assert!(!day_or_month_wrong(born, born));
/// ```
pub fn day_or_month_wrong(a: Date, b: Date) -> bool {
    Written::of(a).day_or_month_wrong(Written::of(b))
}

/// Whether the dates share day and month and their years are at least
/// two apart: the year written wrong as a whole (`1972-08-14` for
/// `1945-08-14`), as when a register keeps the year in a column of its
/// own and a clerk mistypes that column. A year one off is
/// [`year_one_off`]; one digit of it, a typo. Unrelated dates share
/// their day and month about once in 365 pairs, four times as often as
/// [`day_or_month_wrong`] holds for them: the evidence is weaker, and
/// training weighs it so.
///
/// # Examples
///
/// ```
/// use sameas::{compare::year_wrong, Date};
/// let born = Date::new(1945, 8, 14).unwrap();
/// assert!(year_wrong(born, Date::new(1972, 8, 14).unwrap()));
/// assert!(!year_wrong(born, Date::new(1946, 8, 14).unwrap()));
/// assert!(!year_wrong(born, Date::new(1972, 8, 15).unwrap()));
/// assert!(!year_wrong(born, born));
/// ```
pub fn year_wrong(a: Date, b: Date) -> bool {
    Written::of(a).year_wrong(Written::of(b))
}

/// A date's year, month and day as written, whether or not they make a
/// date: those of a [`Date`], or of an impossible date kept for its
/// digits (`1945-17-06`, a digit typed into the month). The relations
/// between two dates' parts hold of such dates as of any other, so that
/// `1945-17-06` is the month written wrong of `1945-01-06`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Written {
    pub(crate) year: u16,
    pub(crate) month: u8,
    pub(crate) day: u8,
}

impl Written {
    /// The parts of `date`.
    pub(crate) fn of(date: Date) -> Written {
        Written {
            year: date.year(),
            month: date.month(),
            day: date.day(),
        }
    }

    /// See [`day_month_swapped`].
    pub(crate) fn day_month_swapped(self, other: Written) -> bool {
        self != other
            && self.year == other.year
            && self.day == other.month
            && self.month == other.day
    }

    /// See [`year_one_off`].
    pub(crate) fn year_one_off(self, other: Written) -> bool {
        self.year.abs_diff(other.year) == 1 && self.month == other.month && self.day == other.day
    }

    /// See [`day_or_month_wrong`].
    pub(crate) fn day_or_month_wrong(self, other: Written) -> bool {
        self.year == other.year && ((self.month == other.month) != (self.day == other.day))
    }

    /// See [`year_wrong`].
    pub(crate) fn year_wrong(self, other: Written) -> bool {
        self.year.abs_diff(other.year) >= 2 && self.month == other.month && self.day == other.day
    }
}

/// Whether one date is a placeholder for the other, known only in part:
/// 1 January of the other's year, or the 1st of the other's month
/// (`1945-01-01` or `1945-08-01` for `1945-08-14`), as registers write
/// an unknown day or month.
///
/// # Examples
///
/// ```
/// use sameas::{compare::date_placeholder, Date};
/// let born = Date::new(1945, 8, 14).unwrap();
/// assert!(date_placeholder(Date::new(1945, 1, 1).unwrap(), born));
/// assert!(date_placeholder(born, Date::new(1945, 8, 1).unwrap()));
/// assert!(!date_placeholder(Date::new(1946, 1, 1).unwrap(), born));
/// assert!(!date_placeholder(born, born));
/// ```
pub fn date_placeholder(a: Date, b: Date) -> bool {
    let stands_for = |placeholder: Date, date: Date| {
        placeholder != date
            && placeholder.year() == date.year()
            && placeholder.day() == 1
            && (placeholder.month() == 1 || placeholder.month() == date.month())
    };
    stands_for(a, b) || stands_for(b, a)
}

/// Whether the dates share year and month.
///
/// # Examples
///
/// ```
/// use sameas::{compare::same_year_month, Date};
/// let a = Date::new(1985, 3, 4).unwrap();
/// assert!(same_year_month(a, Date::new(1985, 3, 28).unwrap()));
/// assert!(!same_year_month(a, Date::new(1986, 3, 4).unwrap()));
/// ```
pub fn same_year_month(a: Date, b: Date) -> bool {
    a.year() == b.year() && a.month() == b.month()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date::new(i64::from(year), u32::from(month), u32::from(day)).expect("a valid date")
    }

    #[test]
    fn the_relations_are_ranked_strongest_first() {
        let cases = [
            ((1985, 3, 4), (1985, 3, 4), DateAgreement::Exact),
            ((1985, 3, 4), (1985, 4, 3), DateAgreement::DayMonthSwapped),
            // The same day and month cannot be swapped into another date.
            (
                (1985, 5, 5),
                (1986, 5, 5),
                DateAgreement::Different { days: 365 },
            ),
            ((1985, 3, 4), (1985, 3, 28), DateAgreement::SameYearMonth),
            // Swapped across years is no swap: a year apart and more.
            (
                (1985, 3, 4),
                (1986, 4, 3),
                DateAgreement::Different { days: 395 },
            ),
            // Leap days count.
            (
                (2000, 2, 28),
                (2000, 3, 1),
                DateAgreement::Different { days: 2 },
            ),
            (
                (1900, 2, 28),
                (1900, 3, 1),
                DateAgreement::Different { days: 1 },
            ),
            (
                (1, 1, 1),
                (9999, 12, 31),
                DateAgreement::Different { days: 3_652_058 },
            ),
        ];
        for ((ya, ma, da), (yb, mb, db), expected) in cases {
            let (a, b) = (date(ya, ma, da), date(yb, mb, db));
            assert_eq!(compare_dates(a, b), expected, "{a} {b}");
            assert_eq!(compare_dates(b, a), expected, "{b} {a}");
        }
    }

    #[test]
    fn within_days_is_inclusive() {
        let (a, b) = (date(1999, 12, 30), date(2000, 1, 2));
        assert!(dates_within_days(a, b, 3));
        assert!(!dates_within_days(a, b, 2));
        assert!(dates_within_days(a, a, 0));
    }

    #[test]
    fn a_placeholder_is_the_first_of_the_year_or_month() {
        let born = date(1945, 8, 14);
        for placeholder in [date(1945, 1, 1), date(1945, 8, 1)] {
            assert!(date_placeholder(placeholder, born));
            assert!(date_placeholder(born, placeholder));
        }
        // Another year, another month's 1st, the day but not the 1st.
        for other in [date(1944, 1, 1), date(1945, 7, 1), date(1945, 8, 2)] {
            assert!(!date_placeholder(other, born), "{other}");
        }
        // 1 January stands for any date of its year, and for itself only
        // as exact agreement.
        assert!(date_placeholder(date(1945, 1, 1), date(1945, 1, 31)));
        assert!(!date_placeholder(date(1945, 1, 1), date(1945, 1, 1)));
    }

    #[test]
    fn a_year_one_off_keeps_day_and_month() {
        // Across a decade (two digits) and a leap day (366 days apart).
        assert!(year_one_off(date(1939, 3, 15), date(1940, 3, 15)));
        assert_eq!(date(1939, 3, 15).days_between(date(1940, 3, 15)), 366);
        assert!(!year_one_off(date(2000, 2, 29), date(2001, 2, 28)));
        assert!(!year_one_off(date(1940, 3, 15), date(1940, 3, 15)));
        assert!(!year_one_off(date(1940, 3, 15), date(1942, 3, 15)));
        assert!(!year_one_off(date(1940, 3, 15), date(1941, 3, 16)));
        assert!(!year_one_off(date(1940, 3, 15), date(1941, 4, 15)));
    }

    #[test]
    fn a_day_or_month_wrong_keeps_the_year_and_one_part() {
        assert!(day_or_month_wrong(date(1945, 8, 14), date(1945, 8, 27)));
        assert!(day_or_month_wrong(date(1945, 8, 14), date(1945, 3, 14)));
        // Day and month both wrong, or the year: not this level.
        assert!(!day_or_month_wrong(date(1945, 8, 14), date(1945, 3, 27)));
        assert!(!day_or_month_wrong(date(1945, 8, 14), date(1946, 8, 14)));
        assert!(!day_or_month_wrong(date(1945, 8, 14), date(1946, 8, 27)));
    }

    #[test]
    fn a_year_wrong_keeps_day_and_month_and_is_two_years_off_or_more() {
        assert!(year_wrong(date(1945, 8, 14), date(1972, 8, 14)));
        assert!(year_wrong(date(1945, 8, 14), date(1943, 8, 14)));
        assert!(year_wrong(date(2000, 2, 29), date(1996, 2, 29)));
        // One year off, or another day or month: other relations.
        assert!(!year_wrong(date(1945, 8, 14), date(1946, 8, 14)));
        assert!(!year_wrong(date(1945, 8, 14), date(1972, 8, 15)));
        assert!(!year_wrong(date(1945, 8, 14), date(1972, 9, 14)));
        assert!(!year_wrong(date(1945, 8, 14), date(1945, 8, 14)));
    }

    proptest! {
        /// The day or the month wrong: symmetric, never equal dates, and
        /// exactly a same-year pair agreeing in one of month and day.
        #[test]
        fn a_day_or_month_wrong_is_symmetric_and_one_part(
            ya in 1990u16..1992, ma in 1u8..=12, da in 1u8..=28,
            yb in 1990u16..1992, mb in 1u8..=12, db in 1u8..=28,
        ) {
            let (a, b) = (date(ya, ma, da), date(yb, mb, db));
            prop_assert_eq!(day_or_month_wrong(a, b), day_or_month_wrong(b, a));
            let parts = [ya == yb, ma == mb, da == db];
            let agreeing = parts.iter().filter(|&&same| same).count();
            prop_assert_eq!(day_or_month_wrong(a, b), ya == yb && agreeing == 2);
            if day_or_month_wrong(a, b) {
                prop_assert!(!dates_equal(a, b));
            }
        }

        /// A year one off is symmetric and a year apart in days.
        #[test]
        fn a_year_one_off_is_symmetric_and_a_year_apart(
            ya in 1900u16..2100, ma in 1u8..=12, da in 1u8..=28, yb in 1900u16..2100,
        ) {
            let (a, b) = (date(ya, ma, da), date(yb, ma, da));
            prop_assert_eq!(year_one_off(a, b), year_one_off(b, a));
            prop_assert_eq!(date_placeholder(a, b), date_placeholder(b, a));
            prop_assert_eq!(year_one_off(a, b), ya.abs_diff(yb) == 1);
            if year_one_off(a, b) {
                prop_assert!((365..=366).contains(&a.days_between(b)));
            }
        }

        /// A wrong year is symmetric, keeps day and month, and never
        /// holds with a year one off.
        #[test]
        fn a_year_wrong_is_symmetric_and_disjoint_from_one_off(
            ya in 1900u16..2100, ma in 1u8..=12, da in 1u8..=28,
            yb in 1900u16..2100, mb in 1u8..=12, db in 1u8..=28,
        ) {
            let (a, b) = (date(ya, ma, da), date(yb, mb, db));
            prop_assert_eq!(year_wrong(a, b), year_wrong(b, a));
            prop_assert_eq!(year_wrong(a, b), ma == mb && da == db && ya.abs_diff(yb) >= 2);
            prop_assert!(!(year_wrong(a, b) && (year_one_off(a, b) || day_or_month_wrong(a, b))));
        }

        /// Every relation is symmetric, and exactly one holds.
        #[test]
        fn relations_are_symmetric_and_agree_with_compare_dates(
            ya in 1990u16..1992, ma in 1u8..=12, da in 1u8..=28,
            yb in 1990u16..1992, mb in 1u8..=12, db in 1u8..=28,
        ) {
            let (a, b) = (date(ya, ma, da), date(yb, mb, db));
            prop_assert_eq!(compare_dates(a, b), compare_dates(b, a));
            prop_assert_eq!(day_month_swapped(a, b), day_month_swapped(b, a));
            prop_assert_eq!(same_year_month(a, b), same_year_month(b, a));
            let expected = if dates_equal(a, b) {
                DateAgreement::Exact
            } else if day_month_swapped(a, b) {
                DateAgreement::DayMonthSwapped
            } else if same_year_month(a, b) {
                DateAgreement::SameYearMonth
            } else {
                DateAgreement::Different { days: a.days_between(b) }
            };
            prop_assert_eq!(compare_dates(a, b), expected);
            prop_assert_eq!(dates_within_days(a, b, a.days_between(b)), true);
        }
    }
}
