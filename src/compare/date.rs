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
    a != b && a.year() == b.year() && a.day() == b.month() && a.month() == b.day()
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
