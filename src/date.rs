//! A proleptic Gregorian calendar date, small and `Copy`, shared by the
//! date normaliser and the date comparators; and a [`Timestamp`], a date
//! with the time of day.

use serde::{Deserialize, Serialize};

mod timestamp;

pub use timestamp::Timestamp;

/// Why a date could not be built or parsed.
///
/// # Examples
///
/// ```
/// use sameas::{Date, DateError};
///
/// assert_eq!(Date::new(2023, 13, 1), Err(DateError::MonthOutOfRange(13)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// The year is outside 1..=9999.
    #[error("year {0} is out of range (1..=9999)")]
    YearOutOfRange(i64),
    /// The month is outside 1..=12.
    #[error("month {0} is out of range (1..=12)")]
    MonthOutOfRange(u32),
    /// The day does not exist in that month of that year.
    #[error("day {day} is out of range for {year:04}-{month:02}")]
    DayOutOfRange {
        /// The year.
        year: u16,
        /// The month (1..=12).
        month: u8,
        /// The day that does not exist.
        day: u32,
    },
    /// The input held no date at all (empty or only white space).
    #[error("empty date")]
    Empty,
    /// The input is not in any supported date format.
    #[error("unrecognised date format ({} characters)", .0.chars().count())]
    Unrecognized(String),
    /// The time of day does not exist (an hour past 23, a minute or
    /// second past 59).
    #[error("time {hour:02}:{minute:02}:{second:02} is out of range")]
    TimeOutOfRange {
        /// The hour.
        hour: u32,
        /// The minute.
        minute: u32,
        /// The second.
        second: u32,
    },
}

/// A calendar date (proleptic Gregorian, years 1 to 9999).
///
/// Dates order chronologically and convert to a day number so that
/// differences in days are a subtraction.
///
/// # Examples
///
/// ```
/// use sameas::Date;
///
/// let a = Date::new(1985, 3, 4)?;
/// let b = Date::new(1985, 4, 3)?;
/// assert!(a < b);
/// assert_eq!(a.days_between(b), 30);
/// assert_eq!(a.to_string(), "1985-03-04");
/// # Ok::<(), sameas::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, checking that it exists.
    ///
    /// # Errors
    ///
    /// [`DateError::YearOutOfRange`], [`DateError::MonthOutOfRange`] or
    /// [`DateError::DayOutOfRange`] when the date does not exist.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{Date, DateError};
    ///
    /// assert!(Date::new(2024, 2, 29).is_ok());
    /// assert_eq!(
    ///     Date::new(2023, 2, 29),
    ///     Err(DateError::DayOutOfRange { year: 2023, month: 2, day: 29 })
    /// );
    /// ```
    pub fn new(year: i64, month: u32, day: u32) -> Result<Date, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError::YearOutOfRange(year));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::MonthOutOfRange(month));
        }
        let (year, month) = (year as u16, month as u8);
        if day == 0 || day > u32::from(days_in_month(year, month)) {
            return Err(DateError::DayOutOfRange { year, month, day });
        }
        Ok(Date {
            year,
            month,
            day: day as u8,
        })
    }

    /// The year (1..=9999).
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month (1..=12).
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month (1..=31).
    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 0001-01-01 (which is day 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::Date;
    /// assert_eq!(Date::new(1, 1, 1).unwrap().day_number(), 0);
    /// assert_eq!(Date::new(1970, 1, 1).unwrap().day_number(), 719_162);
    /// ```
    pub fn day_number(self) -> i32 {
        // Howard Hinnant's days_from_civil, shifted so 0001-01-01 is day 0.
        let y = i32::from(self.year) - i32::from(self.month <= 2);
        let m = i32::from(self.month);
        let d = i32::from(self.day);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 306
    }

    /// The date of a [day number](Self::day_number), clamped to years
    /// 1 to 9999.
    pub(crate) fn from_day_number(days: i32) -> Date {
        let last = 3_652_058; // 9999-12-31
        // Howard Hinnant's civil_from_days, from day 0 = 1970-01-01.
        let z = i64::from(days.clamp(0, last)) - 719_162 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        // In range: the day number was clamped to years 1 to 9999.
        Date {
            year: year as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// The absolute number of days between two dates.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::Date;
    /// let a = Date::new(2000, 2, 28).unwrap();
    /// let b = Date::new(2000, 3, 1).unwrap();
    /// assert_eq!(a.days_between(b), 2);
    /// assert_eq!(b.days_between(a), 2);
    /// ```
    pub fn days_between(self, other: Date) -> u32 {
        self.day_number().abs_diff(other.day_number())
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a Gregorian leap year.
pub(crate) fn is_leap_year(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in `month` (1..=12) of `year`.
pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap_year(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_are_consecutive_across_every_day() {
        let mut expected = 0;
        for year in [1u16, 1899, 1900, 1999, 2000, 2023, 2024, 9999] {
            let first = Date::new(year.into(), 1, 1).unwrap().day_number();
            expected = first;
            for month in 1..=12u8 {
                for day in 1..=days_in_month(year, month) {
                    let d = Date::new(year.into(), month.into(), day.into()).unwrap();
                    assert_eq!(d.day_number(), expected, "{d}");
                    expected += 1;
                }
            }
        }
        assert_eq!(expected, Date::new(9999, 12, 31).unwrap().day_number() + 1);
    }

    #[test]
    fn day_numbers_turn_back_into_their_dates() {
        let last = Date::new(9999, 12, 31).unwrap().day_number();
        assert_eq!(last, 3_652_058);
        for number in (0..=last)
            .step_by(7)
            .chain([1, 59, 60, 719_162, last - 1, last])
        {
            assert_eq!(Date::from_day_number(number).day_number(), number);
        }
        assert_eq!(Date::from_day_number(-5), Date::new(1, 1, 1).unwrap());
        assert_eq!(
            Date::from_day_number(i32::MAX),
            Date::new(9999, 12, 31).unwrap()
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert_eq!(Date::new(0, 1, 1), Err(DateError::YearOutOfRange(0)));
        assert_eq!(
            Date::new(10_000, 1, 1),
            Err(DateError::YearOutOfRange(10_000))
        );
        assert_eq!(Date::new(2023, 0, 1), Err(DateError::MonthOutOfRange(0)));
        assert_eq!(
            Date::new(1900, 2, 29),
            Err(DateError::DayOutOfRange {
                year: 1900,
                month: 2,
                day: 29
            })
        );
        assert_eq!(
            Date::new(2023, 4, 31),
            Err(DateError::DayOutOfRange {
                year: 2023,
                month: 4,
                day: 31
            })
        );
        assert!(Date::new(2000, 2, 29).is_ok());
    }
}
