//! A point in time, in UTC, to the microsecond: what a
//! [`FieldKind::Timestamp`](crate::FieldKind::Timestamp) field holds.

use std::fmt;

use super::{Date, DateError};

/// Microseconds in a day.
const DAY: i64 = 86_400_000_000;

/// A point in time in UTC, to the microsecond, between
/// `0001-01-01T00:00:00Z` and `9999-12-31T23:59:59.999999Z`.
///
/// Timestamps order chronologically. A date alone stands for its
/// midnight (UTC). [`DateParser::parse_timestamp`](crate::normalize::DateParser::parse_timestamp)
/// lists the text it reads; `FromStr` reads the same with the default
/// parser, and `Display` writes ISO 8601 in UTC
/// (`2024-03-05T14:22:01Z`, with six decimals when there are
/// microseconds).
///
/// # Examples
///
/// ```
/// use sameas::{Date, Timestamp};
///
/// let written: Timestamp = "2024-03-05T16:22:01+02:00".parse()?;
/// assert_eq!(written.to_string(), "2024-03-05T14:22:01Z");
/// assert_eq!((written.hour(), written.minute(), written.second()), (14, 22, 1));
/// let midnight = Timestamp::from(Date::new(2024, 3, 5)?);
/// assert!(midnight < written);
/// assert_eq!(written.date(), midnight.date());
/// # Ok::<(), sameas::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp {
    /// Microseconds since 0001-01-01T00:00:00Z.
    micros: i64,
}

impl Timestamp {
    /// The time `hour:minute:second` (UTC) on `date`.
    ///
    /// # Errors
    ///
    /// [`DateError::TimeOutOfRange`] for an hour past 23, or a minute or
    /// second past 59.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{Date, DateError, Timestamp};
    /// let date = Date::new(2024, 3, 5)?;
    /// assert_eq!(Timestamp::new(date, 14, 22, 1)?.to_string(), "2024-03-05T14:22:01Z");
    /// assert_eq!(
    ///     Timestamp::new(date, 24, 0, 0),
    ///     Err(DateError::TimeOutOfRange { hour: 24, minute: 0, second: 0 })
    /// );
    /// # Ok::<(), DateError>(())
    /// ```
    pub fn new(date: Date, hour: u32, minute: u32, second: u32) -> Result<Timestamp, DateError> {
        Timestamp::with_microseconds(date, hour, minute, second, 0)
    }

    /// As [`new`](Self::new), with microseconds (at most 999,999).
    pub(crate) fn with_microseconds(
        date: Date,
        hour: u32,
        minute: u32,
        second: u32,
        microsecond: u32,
    ) -> Result<Timestamp, DateError> {
        if hour > 23 || minute > 59 || second > 59 || microsecond > 999_999 {
            return Err(DateError::TimeOutOfRange {
                hour,
                minute,
                second,
            });
        }
        let seconds = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
        Ok(Timestamp {
            micros: i64::from(date.day_number()) * DAY
                + seconds * 1_000_000
                + i64::from(microsecond),
        })
    }

    /// This timestamp moved by `minutes` (a UTC offset undone).
    ///
    /// # Errors
    ///
    /// [`DateError::YearOutOfRange`] when that leaves years 1 to 9999.
    pub(crate) fn minus_minutes(self, minutes: i64) -> Result<Timestamp, DateError> {
        let micros = self.micros - minutes * 60_000_000;
        let last = Timestamp::from(Date::new(9999, 12, 31)?).micros + DAY - 1;
        if micros < 0 {
            return Err(DateError::YearOutOfRange(0));
        }
        if micros > last {
            return Err(DateError::YearOutOfRange(10_000));
        }
        Ok(Timestamp { micros })
    }

    /// The date (UTC).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::Timestamp;
    /// let late: Timestamp = "2024-03-05T23:30:00-01:00".parse()?;
    /// assert_eq!(late.date().to_string(), "2024-03-06");
    /// # Ok::<(), sameas::DateError>(())
    /// ```
    pub fn date(self) -> Date {
        // In range: built from a date and a time of day.
        Date::from_day_number(self.micros.div_euclid(DAY) as i32)
    }

    /// Microseconds since midnight.
    fn time_of_day(self) -> i64 {
        self.micros.rem_euclid(DAY)
    }

    /// The hour (0..=23, UTC).
    pub fn hour(self) -> u32 {
        (self.time_of_day() / 3_600_000_000) as u32
    }

    /// The minute (0..=59).
    pub fn minute(self) -> u32 {
        (self.time_of_day() / 60_000_000 % 60) as u32
    }

    /// The second (0..=59).
    pub fn second(self) -> u32 {
        (self.time_of_day() / 1_000_000 % 60) as u32
    }

    /// The microsecond within the second (0..=999,999).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::Timestamp;
    /// let precise: Timestamp = "2024-03-05T14:22:01.25Z".parse()?;
    /// assert_eq!(precise.microsecond(), 250_000);
    /// assert_eq!(precise.to_string(), "2024-03-05T14:22:01.250000Z");
    /// # Ok::<(), sameas::DateError>(())
    /// ```
    pub fn microsecond(self) -> u32 {
        (self.time_of_day() % 1_000_000) as u32
    }
}

/// Midnight (UTC) of the date.
impl From<Date> for Timestamp {
    fn from(date: Date) -> Timestamp {
        Timestamp {
            micros: i64::from(date.day_number()) * DAY,
        }
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}",
            self.date(),
            self.hour(),
            self.minute(),
            self.second()
        )?;
        if self.microsecond() > 0 {
            write!(f, ".{:06}", self.microsecond())?;
        }
        f.write_str("Z")
    }
}

// `FromStr` for `Timestamp` lives with the parser it calls, in
// `normalize/date.rs`, so that the `date` leaf uses no higher layer.

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `Display` writes what `FromStr` reads back, and timestamps
        /// order as their parts do.
        #[test]
        fn display_parses_back_and_order_follows_the_parts(
            a in (1i64..=9999, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0u32..60, 0u32..1_000_000),
            b in (1i64..=9999, 1u32..=12, 1u32..=28, 0u32..24, 0u32..60, 0u32..60, 0u32..1_000_000),
        ) {
            let build = |(y, mo, d, h, mi, s, us): (i64, u32, u32, u32, u32, u32, u32)| {
                Timestamp::with_microseconds(Date::new(y, mo, d).unwrap(), h, mi, s, us).unwrap()
            };
            let (x, y) = (build(a), build(b));
            prop_assert_eq!(x.to_string().parse::<Timestamp>(), Ok(x));
            prop_assert_eq!(x.cmp(&y), a.cmp(&b));
        }
    }

    #[test]
    fn parts_survive_the_round_trip_at_both_ends_of_the_range() {
        for (year, month, day) in [(1, 1, 1), (1970, 1, 1), (2024, 2, 29), (9999, 12, 31)] {
            let date = Date::new(year, month, day).unwrap();
            for (hour, minute, second, micro) in [(0, 0, 0, 0), (23, 59, 59, 999_999), (7, 5, 3, 1)]
            {
                let stamp =
                    Timestamp::with_microseconds(date, hour, minute, second, micro).unwrap();
                assert_eq!(stamp.date(), date);
                assert_eq!(
                    (
                        stamp.hour(),
                        stamp.minute(),
                        stamp.second(),
                        stamp.microsecond()
                    ),
                    (hour, minute, second, micro)
                );
            }
        }
        let first = Timestamp::from(Date::new(1, 1, 1).unwrap());
        assert_eq!(first.minus_minutes(1), Err(DateError::YearOutOfRange(0)));
        let last = Timestamp::new(Date::new(9999, 12, 31).unwrap(), 23, 59, 0).unwrap();
        assert_eq!(
            last.minus_minutes(-1),
            Err(DateError::YearOutOfRange(10_000))
        );
        assert!(last.minus_minutes(-0).is_ok());
    }
}
