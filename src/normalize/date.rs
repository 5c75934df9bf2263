//! Dates written in the many ways customer records write them; see
//! [`DateParser`] for the supported formats.

use crate::date::{Date, DateError, Timestamp};
use crate::parameter::ParameterError;

/// Which comes first in an all-numeric date whose year is last.
///
/// Dates with the year first are always read year-month-day, and dates
/// separated by dots are always read day-month-year (the European
/// convention, the only one that uses dots), whatever the order.
///
/// # Examples
///
/// ```
/// use sameas::normalize::{DateParser, DayMonthOrder};
///
/// let european = DateParser::builder().day_month_order(DayMonthOrder::DayFirst).build()?;
/// assert_eq!(european.parse("03/04/1985")?.to_string(), "1985-04-03");
/// assert_eq!(DateParser::new().parse("03/04/1985")?.to_string(), "1985-03-04");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum DayMonthOrder {
    /// `dd/mm/yyyy`, as in most of the world.
    DayFirst,
    /// `mm/dd/yyyy`, as in the United States (the default).
    #[default]
    MonthFirst,
}

impl DayMonthOrder {
    /// The order a column of dates is written in, when its values say so:
    /// numeric dates with `/`, `-` or a space between day and month
    /// (`14/08/1945`) whose first number is over 12 say day first, whose
    /// second is say month first. `None` without such evidence (every
    /// date could be read both ways, or none is numeric), or when both
    /// orders have it: at least three values must say one order, and
    /// the other at most one in twenty of them (a typing error).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::DayMonthOrder;
    ///
    /// let european = ["14/08/1945", "03/04/1985", "25/12/1990", "31-01-2001"];
    /// assert_eq!(DayMonthOrder::infer(european), Some(DayMonthOrder::DayFirst));
    /// let american = ["08/14/1945", "04/03/1985", "12/25/1990", "01-31-2001"];
    /// assert_eq!(DayMonthOrder::infer(american), Some(DayMonthOrder::MonthFirst));
    /// // Each could be read both ways; ISO dates have no such question.
    /// assert_eq!(DayMonthOrder::infer(["03/04/1985", "1985-08-14"]), None);
    /// ```
    pub fn infer<'a>(values: impl IntoIterator<Item = &'a str>) -> Option<DayMonthOrder> {
        let (mut day_first, mut month_first) = (0usize, 0usize);
        for value in values {
            match leading_numbers(value.trim()) {
                Some((first, second))
                    if first > 12 && first <= 31 && (1..=12).contains(&second) =>
                {
                    day_first += 1
                }
                Some((first, second))
                    if second > 12 && second <= 31 && (1..=12).contains(&first) =>
                {
                    month_first += 1
                }
                _ => {}
            }
        }
        if day_first >= 3 && month_first * 20 <= day_first {
            Some(DayMonthOrder::DayFirst)
        } else if month_first >= 3 && day_first * 20 <= month_first {
            Some(DayMonthOrder::MonthFirst)
        } else {
            None
        }
    }
}

/// The first two numbers of a numeric date written day and month first
/// (`14/08/1945`, `8-14-45`, `14 08 1945`): one or two digits each, the
/// same separator (`/`, `-` or a space) after both, then a year of two or
/// four digits. `None` for any other shape (`1945-08-14`, `14.08.1945`).
fn leading_numbers(text: &str) -> Option<(u32, u32)> {
    let mut parts = text.splitn(3, ['/', '-', ' ']);
    let (first, second, rest) = (parts.next()?, parts.next()?, parts.next()?);
    // The separators follow the first and the second number.
    let bytes = text.as_bytes();
    let (one, two) = (first.len(), first.len() + 1 + second.len());
    let short =
        |part: &str| (1..=2).contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit());
    let year_digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if bytes.get(one) != bytes.get(two)
        || !short(first)
        || !short(second)
        || !(year_digits == 2 || year_digits == 4)
    {
        return None;
    }
    Some((first.parse().ok()?, second.parse().ok()?))
}

/// Default for [`DateParserBuilder::century_pivot`]: two-digit years
/// 00 to 30 are 2000 to 2030, 31 to 99 are 1931 to 1999.
pub const DEFAULT_CENTURY_PIVOT: u8 = 30;

/// Longest input echoed back in [`DateError::Unrecognized`], in chars.
const ECHO_LIMIT: usize = 64;

/// Most tokens a supported date has (weekday, day, suffix, "of", month,
/// year, plus slack for a time zone the time stripper left).
const MAX_TOKENS: usize = 8;

/// Parses dates in common numeric and English textual formats into
/// [`Date`].
///
/// Supported shapes (separators `-`, `/`, `.` or spaces; the two
/// separators of a numeric date must be the same):
///
/// | written                          | read as                         |
/// |----------------------------------|---------------------------------|
/// | `1985-03-04`, `1985/3/4`, `1985.03.04` | year, month, day (always)  |
/// | `19850304`                       | year, month, day (8 digits)     |
/// | `03/04/1985`, `3-4-85`, `3 4 85` | month-day or day-month: [`DayMonthOrder`] |
/// | `04.03.1985`                     | day, month, year (always)       |
/// | `4 Mar 1985`, `4-MAR-85`, `4th of March 1985` | day, month, year   |
/// | `March 4, 1985`, `Mar 4th 1985`  | month, day, year                |
/// | `1985-03-04T10:20:30Z`, `1985-03-04 10:20` | the time is ignored   |
///
/// Month names are English, full or abbreviated to three letters (and
/// `Sept`), in any case; a leading weekday name (`Mon, 4 March 1985`) is
/// ignored.
///
/// An all-numeric date whose year comes last is read in the configured
/// [`DayMonthOrder`]. When that reading has no valid month but the other
/// order does (`13/04/1985` read month-first), the other order is used:
/// the input is unambiguous, and rejecting it would lose a valid date.
///
/// Two-digit (and one-digit) years are placed with a fixed pivot rather
/// than relative to today's date, so results never depend on the clock:
/// years `00..=pivot` are 20xx and the others 19xx.
///
/// # Examples
///
/// ```
/// use sameas::normalize::DateParser;
///
/// let parser = DateParser::new();
/// for written in ["1985-03-04", "3/4/85", "March 4, 1985", "4 Mar 1985", "19850304"] {
///     assert_eq!(parser.parse(written)?.to_string(), "1985-03-04");
/// }
/// assert_eq!(parser.parse("13/04/1985")?.to_string(), "1985-04-13");
/// # Ok::<(), sameas::DateError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateParser {
    order: DayMonthOrder,
    century_pivot: u8,
}

impl Default for DateParser {
    fn default() -> Self {
        Self::new()
    }
}

/// Configures a [`DateParser`]; see [`DateParser::builder`].
///
/// # Examples
///
/// ```
/// use sameas::normalize::{DateParser, DayMonthOrder};
///
/// let parser = DateParser::builder()
///     .day_month_order(DayMonthOrder::DayFirst)
///     .century_pivot(10)
///     .build()?;
/// assert_eq!(parser.parse("4/3/11")?.to_string(), "1911-03-04");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateParserBuilder {
    order: DayMonthOrder,
    century_pivot: u8,
}

impl DateParserBuilder {
    /// Sets the order of an all-numeric date with the year last (default
    /// [`DayMonthOrder::MonthFirst`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::{DateParser, DayMonthOrder};
    ///
    /// let parser = DateParser::builder().day_month_order(DayMonthOrder::DayFirst).build()?;
    /// assert_eq!(parser.parse("4-3-1985")?.to_string(), "1985-03-04");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn day_month_order(&mut self, order: DayMonthOrder) -> &mut Self {
        self.order = order;
        self
    }

    /// Sets the two-digit-year pivot (0..=99): years `00..=pivot` are
    /// read as 2000 + year, the others as 1900 + year. Default
    /// [`DEFAULT_CENTURY_PIVOT`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::DateParser;
    ///
    /// let parser = DateParser::builder().century_pivot(50).build()?;
    /// assert_eq!(parser.parse("1/2/50")?.year(), 2050);
    /// assert_eq!(parser.parse("1/2/51")?.year(), 1951);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn century_pivot(&mut self, pivot: u8) -> &mut Self {
        self.century_pivot = pivot;
        self
    }

    /// Validates the settings and builds the parser.
    ///
    /// # Errors
    ///
    /// A [`ParameterError`] when the century pivot is above 99.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::DateParser;
    ///
    /// let err = DateParser::builder().century_pivot(100).build().unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid parameter `century_pivot`: 100 is not a two-digit year (0..=99)"
    /// );
    /// ```
    pub fn build(&self) -> Result<DateParser, ParameterError> {
        if self.century_pivot > 99 {
            return Err(ParameterError {
                name: "century_pivot",
                reason: format!("{} is not a two-digit year (0..=99)", self.century_pivot),
            });
        }
        Ok(DateParser {
            order: self.order,
            century_pivot: self.century_pivot,
        })
    }
}

/// One lexical piece of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token<'a> {
    /// A run of ASCII digits.
    Number(&'a str),
    /// A run of ASCII letters.
    Word(&'a str),
}

/// A token and the separator before it (`None` when the token follows
/// the previous one directly or starts the input; `' '` for white space
/// alone; otherwise the punctuation character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Piece<'a> {
    token: Token<'a>,
    separator: Option<char>,
}

/// Stands for two or more punctuation marks between two tokens.
const MIXED_SEPARATOR: char = '?';

/// Up to [`MAX_TOKENS`] pieces, without heap allocation.
#[derive(Debug, Clone, Copy)]
struct Pieces<'a> {
    items: [Option<Piece<'a>>; MAX_TOKENS],
    len: usize,
}

impl<'a> Pieces<'a> {
    fn new() -> Self {
        Pieces {
            items: [None; MAX_TOKENS],
            len: 0,
        }
    }

    /// Appends a piece; `false` when full.
    fn push(&mut self, piece: Piece<'a>) -> bool {
        match self.items.get_mut(self.len) {
            Some(slot) => {
                *slot = Some(piece);
                self.len += 1;
                true
            }
            None => false,
        }
    }

    fn iter(&self) -> impl Iterator<Item = Piece<'a>> + '_ {
        self.items.iter().take(self.len).flatten().copied()
    }
}

impl DateParser {
    /// A parser with the defaults: [`DayMonthOrder::MonthFirst`] and a
    /// century pivot of [`DEFAULT_CENTURY_PIVOT`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::DateParser;
    ///
    /// assert_eq!(DateParser::new().parse("12/25/30")?.to_string(), "2030-12-25");
    /// assert_eq!(DateParser::new().parse("12/25/31")?.to_string(), "1931-12-25");
    /// # Ok::<(), sameas::DateError>(())
    /// ```
    pub fn new() -> Self {
        DateParser {
            order: DayMonthOrder::MonthFirst,
            century_pivot: DEFAULT_CENTURY_PIVOT,
        }
    }

    /// Starts configuring a parser from the defaults.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::{DateParser, DayMonthOrder};
    ///
    /// let parser = DateParser::builder().day_month_order(DayMonthOrder::DayFirst).build()?;
    /// assert_eq!(parser.day_month_order(), DayMonthOrder::DayFirst);
    /// assert_eq!(parser.century_pivot(), 30);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder() -> DateParserBuilder {
        DateParserBuilder {
            order: DayMonthOrder::MonthFirst,
            century_pivot: DEFAULT_CENTURY_PIVOT,
        }
    }

    /// The order used for all-numeric dates with the year last.
    pub fn day_month_order(&self) -> DayMonthOrder {
        self.order
    }

    /// The two-digit-year pivot (years `00..=pivot` are 20xx).
    pub fn century_pivot(&self) -> u8 {
        self.century_pivot
    }

    /// Parses one date (see [`DateParser`] for the formats).
    ///
    /// Numbers too large to represent are reported saturated (a 20-digit
    /// year is `YearOutOfRange(i64::MAX)`).
    ///
    /// # Errors
    ///
    /// [`DateError::Empty`] for blank input; [`DateError::Unrecognized`]
    /// (echoing at most the first 64 chars) when no format matches;
    /// [`DateError::YearOutOfRange`], [`DateError::MonthOutOfRange`] or
    /// [`DateError::DayOutOfRange`] when the format matches but the date
    /// does not exist.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::DateParser;
    /// use sameas::DateError;
    ///
    /// let parser = DateParser::new();
    /// assert_eq!(parser.parse("1985-03-04T10:20:30Z")?.to_string(), "1985-03-04");
    /// assert_eq!(
    ///     parser.parse("2023-02-30"),
    ///     Err(DateError::DayOutOfRange { year: 2023, month: 2, day: 30 })
    /// );
    /// assert_eq!(parser.parse("13/13/13"), Err(DateError::MonthOutOfRange(13)));
    /// assert_eq!(parser.parse(""), Err(DateError::Empty));
    /// # Ok::<(), DateError>(())
    /// ```
    pub fn parse(&self, input: &str) -> Result<Date, DateError> {
        let (year, month, day) = self.written(input)?;
        Date::new(year, month, day)
    }

    /// The year, month and day `input` writes, read as
    /// [`parse`](Self::parse) reads them but not checked to exist: an
    /// impossible date (`1945-02-30`, `1945-13-04`) comes back as written,
    /// so that its digits can still be compared with another date's.
    ///
    /// # Errors
    ///
    /// [`DateError::Empty`] for blank input; [`DateError::Unrecognized`]
    /// when no format matches.
    pub(crate) fn written(&self, input: &str) -> Result<(i64, u32, u32), DateError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(DateError::Empty);
        }
        let unrecognized = || DateError::Unrecognized(echo(trimmed));
        let pieces = tokenize(strip_time(trimmed)).ok_or_else(unrecognized)?;
        let pieces = drop_noise_words(&pieces);
        let mut tokens = pieces.iter();
        let shape = (tokens.next(), tokens.next(), tokens.next(), tokens.next());
        match shape {
            (Some(only), None, None, None) => match only.token {
                Token::Number(digits) if digits.len() == 8 => {
                    let (year, rest) = digits.split_at(4);
                    let (month, day) = rest.split_at(2);
                    Ok((number(year), small_number(month), small_number(day)))
                }
                _ => Err(unrecognized()),
            },
            (Some(first), Some(second), Some(third), None) => self
                .written_three(first, second, third)
                .ok_or_else(unrecognized),
            _ => Err(unrecognized()),
        }
    }

    /// [`written`](Self::written), or else a month and its year written
    /// alone (`1945-08`, `1945/8`, `08/1945`, `8.1945`, `Aug 1945`,
    /// `August 1945`, `1945 Aug`), read with the day 0: a day not known,
    /// as a register writes it (`1945-08-00`). The year takes four
    /// digits: `08/45` may be a month and a day as well.
    ///
    /// # Errors
    ///
    /// As [`written`](Self::written) when neither reads the input.
    pub(crate) fn written_or_month(&self, input: &str) -> Result<(i64, u32, u32), DateError> {
        self.written(input).or_else(|error| {
            month_and_year(strip_time(input.trim()))
                .map(|(year, month)| (year, month, 0))
                .ok_or(error)
        })
    }

    /// Parses a point in time: a date in any format [`parse`](Self::parse)
    /// reads, optionally followed by a time of day, into a [`Timestamp`]
    /// in UTC.
    ///
    /// | written | read as |
    /// |---|---|
    /// | `2024-03-05T14:22:01Z`, `2024-03-05T14:22:01.250Z` | ISO 8601 in UTC (fractions to the microsecond; `,` too) |
    /// | `2024-03-05T16:22:01+02:00`, `…+0200`, `…+02`, `…-05:00` | with a UTC offset, converted to UTC |
    /// | `2024-03-05 14:22:01`, `2024-03-05 14:22`, `3/5/2024 9:05` | a date, white space, a time: no zone, read as UTC |
    /// | `2024-03-05 14:22:01 UTC`, `… GMT`, `… +01:00` | a zone after white space |
    /// | `2024-03-05`, `March 5, 2024` | a date alone: its midnight, UTC |
    ///
    /// Hours take one or two digits (`0` to `23`), minutes and seconds
    /// two (`00` to `59`; no leap second); seconds are optional. Not
    /// read: `AM`/`PM`, zone names other than `UTC`/`GMT`, times without
    /// a date, compact ISO times (`20240305T142201`).
    ///
    /// # Errors
    ///
    /// As [`parse`](Self::parse) for the date; [`DateError::Unrecognized`]
    /// for a time or zone in no format above;
    /// [`DateError::TimeOutOfRange`] for a time that does not exist; and
    /// [`DateError::YearOutOfRange`] when the offset moves the time out
    /// of years 1 to 9999.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::DateParser;
    /// use sameas::DateError;
    ///
    /// let parser = DateParser::new();
    /// for written in ["2024-03-05T14:22:01Z", "2024-03-05 14:22:01", "2024-03-05T16:22:01+02:00", "3/5/2024 14:22:01 UTC"] {
    ///     assert_eq!(parser.parse_timestamp(written)?.to_string(), "2024-03-05T14:22:01Z");
    /// }
    /// assert_eq!(parser.parse_timestamp("2024-03-05")?.to_string(), "2024-03-05T00:00:00Z");
    /// assert_eq!(
    ///     parser.parse_timestamp("2024-03-05 25:00"),
    ///     Err(DateError::TimeOutOfRange { hour: 25, minute: 0, second: 0 })
    /// );
    /// assert!(matches!(parser.parse_timestamp("2024-03-05 2pm"), Err(DateError::Unrecognized(_))));
    /// # Ok::<(), DateError>(())
    /// ```
    pub fn parse_timestamp(&self, input: &str) -> Result<Timestamp, DateError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(DateError::Empty);
        }
        let (date, time) = split_time(trimmed);
        let date = self.parse(date)?;
        let Some(time) = time else {
            return Ok(Timestamp::from(date));
        };
        let (hour, minute, second, microsecond, offset) =
            read_time(time).ok_or_else(|| DateError::Unrecognized(echo(trimmed)))?;
        Timestamp::with_microseconds(date, hour, minute, second, microsecond)?.minus_minutes(offset)
    }

    /// The year, month and day of three tokens, as written; `None` when
    /// the shape is not a supported format.
    fn written_three(
        &self,
        first: Piece<'_>,
        second: Piece<'_>,
        third: Piece<'_>,
    ) -> Option<(i64, u32, u32)> {
        use Token::{Number, Word};
        match (first.token, second.token, third.token) {
            (Number(a), Number(b), Number(c)) => {
                let separator = second.separator?;
                if third.separator != Some(separator) || !matches!(separator, '-' | '/' | '.' | ' ')
                {
                    return None;
                }
                if a.len() >= 3 {
                    return Some((number(a), small_number(b), small_number(c)));
                }
                let year = self.year(c);
                let (a, b) = (small_number(a), small_number(b));
                let day_first = separator == '.' || self.order == DayMonthOrder::DayFirst;
                let (month, day, other_month, other_day) = if day_first {
                    (b, a, a, b)
                } else {
                    (a, b, b, a)
                };
                // An impossible month in the preferred order with a possible
                // one in the other order means the writer used the other
                // order (a year out of range is wrong either way).
                let possible_year = (1..=9999).contains(&year);
                if possible_year && !(1..=12).contains(&month) && (1..=12).contains(&other_month) {
                    return Some((year, other_month, other_day));
                }
                Some((year, month, day))
            }
            (Number(day), Word(month), Number(year)) => {
                let month = month_number(month)?;
                if day.len() >= 3 {
                    // "1985 Mar 04": the year came first.
                    return Some((number(day), month, small_number(year)));
                }
                Some((self.year(year), month, small_number(day)))
            }
            (Word(month), Number(day), Number(year)) => {
                let month = month_number(month)?;
                Some((self.year(year), month, small_number(day)))
            }
            _ => None,
        }
    }

    /// A year token: one or two digits go through the century pivot.
    fn year(&self, digits: &str) -> i64 {
        let value = number(digits);
        if digits.len() > 2 {
            value
        } else if value <= i64::from(self.century_pivot) {
            2000 + value
        } else {
            1900 + value
        }
    }
}

impl std::str::FromStr for Timestamp {
    type Err = DateError;

    /// Reads a timestamp with the default [`DateParser`]; see
    /// [`DateParser::parse_timestamp`].
    fn from_str(text: &str) -> Result<Timestamp, DateError> {
        DateParser::new().parse_timestamp(text)
    }
}

/// Parses with the default [`DateParser`] (month first, pivot 30).
///
/// # Errors
///
/// As [`DateParser::parse`].
///
/// # Examples
///
/// ```
/// use sameas::normalize::parse_date;
///
/// assert_eq!(parse_date("3/4/85")?.to_string(), "1985-03-04");
/// assert_eq!(parse_date("03.04.1985")?.to_string(), "1985-04-03");
/// # Ok::<(), sameas::DateError>(())
/// ```
pub fn parse_date(input: &str) -> Result<Date, DateError> {
    DateParser::new().parse(input)
}

/// The input, cut to [`ECHO_LIMIT`] chars so errors stay small.
fn echo(input: &str) -> String {
    match input.char_indices().nth(ECHO_LIMIT) {
        Some((cut, _)) => format!("{}…", input.get(..cut).unwrap_or_default()),
        None => input.to_string(),
    }
}

/// Removes a time of day: everything from a `T` between two digits (ISO
/// 8601), or from the first white-space-separated word holding a `:`.
fn strip_time(input: &str) -> &str {
    split_time(input).0
}

/// Splits a time of day off: at a `T` between two digits (ISO 8601), or
/// before the first white-space-separated word holding a `:`.
fn split_time(input: &str) -> (&str, Option<&str>) {
    let bytes = input.as_bytes();
    let iso_cut = bytes.windows(3).position(|w| {
        matches!(w, [before, b'T' | b't', after] if before.is_ascii_digit() && after.is_ascii_digit())
    });
    if let Some(at) = iso_cut {
        return (input.get(..=at).unwrap_or(input), input.get(at + 2..));
    }
    let Some(colon) = input.find(':') else {
        return (input, None);
    };
    let before_colon = input.get(..colon).unwrap_or_default();
    match before_colon.rfind(char::is_whitespace) {
        Some(space) => (
            before_colon.get(..space).unwrap_or(input).trim_end(),
            input.get(space..).map(str::trim_start),
        ),
        None => (input, None),
    }
}

/// A time of day with an optional zone: `(hour, minute, second,
/// microsecond, UTC offset in minutes)`; `None` when the text is not one.
/// Ranges of the time are checked by [`Timestamp`]; the offset's here.
fn read_time(text: &str) -> Option<(u32, u32, u32, u32, i64)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    // `min..=max` ASCII digits at `at`, as a number.
    let digits = |at: &mut usize, min: usize, max: usize| -> Option<u32> {
        let run = bytes
            .get(*at..)?
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if run < min {
            return None;
        }
        let value = bytes[*at..*at + run]
            .iter()
            .fold(0u32, |value, b| value * 10 + u32::from(b - b'0'));
        *at += run;
        Some(value)
    };
    let hour = digits(&mut at, 1, 2)?;
    (bytes.get(at) == Some(&b':')).then_some(())?;
    at += 1;
    let minute = digits(&mut at, 2, 2)?;
    let (mut second, mut microsecond) = (0, 0);
    if bytes.get(at) == Some(&b':') {
        at += 1;
        second = digits(&mut at, 2, 2)?;
        if matches!(bytes.get(at), Some(b'.' | b',')) {
            at += 1;
            let start = at;
            let fraction = digits(&mut at, 1, 9)?;
            // Scaled to six digits: extra ones are cut, missing ones zero.
            let written = (at - start) as u32;
            microsecond = if written >= 6 {
                fraction / 10u32.pow(written - 6)
            } else {
                fraction * 10u32.pow(6 - written)
            };
        }
    }
    let zone = text.get(at..)?.trim_start();
    let offset = match zone.as_bytes() {
        [] | [b'Z' | b'z'] => 0,
        _ if zone.eq_ignore_ascii_case("utc") || zone.eq_ignore_ascii_case("gmt") => 0,
        [sign @ (b'+' | b'-'), ..] => {
            let mut at = 1;
            let zone_bytes = zone.as_bytes();
            let hours = {
                let two = zone_bytes.get(1..3)?;
                if !two.iter().all(u8::is_ascii_digit) {
                    return None;
                }
                at += 2;
                u32::from(two[0] - b'0') * 10 + u32::from(two[1] - b'0')
            };
            if zone_bytes.get(at) == Some(&b':') {
                at += 1;
            }
            let minutes = match zone_bytes.get(at..at + 2) {
                Some(two) if two.iter().all(u8::is_ascii_digit) => {
                    at += 2;
                    u32::from(two[0] - b'0') * 10 + u32::from(two[1] - b'0')
                }
                _ => 0,
            };
            if at != zone_bytes.len() || hours > 23 || minutes > 59 {
                return None;
            }
            let offset = i64::from(hours * 60 + minutes);
            if *sign == b'-' { -offset } else { offset }
        }
        _ => return None,
    };
    Some((hour, minute, second, microsecond, offset))
}

/// Splits into number and word tokens with their separators; `None` on a
/// character no date format uses or more than [`MAX_TOKENS`] tokens.
fn tokenize(input: &str) -> Option<Pieces<'_>> {
    let mut pieces = Pieces::new();
    let mut separator: Option<char> = None;
    let mut chars = input.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_ascii_digit() || c.is_ascii_alphabetic() {
            let digits = c.is_ascii_digit();
            let mut end = start + c.len_utf8();
            while let Some(&(at, next)) = chars.peek() {
                let same_kind = if digits {
                    next.is_ascii_digit()
                } else {
                    next.is_ascii_alphabetic()
                };
                if !same_kind {
                    break;
                }
                end = at + next.len_utf8();
                chars.next();
            }
            let text = input.get(start..end)?;
            let token = if digits {
                Token::Number(text)
            } else {
                Token::Word(text)
            };
            if !pieces.push(Piece { token, separator }) {
                return None;
            }
            separator = None;
        } else if c.is_whitespace() {
            separator = separator.or(Some(' '));
        } else if matches!(c, '-' | '/' | '.' | ',') {
            // Punctuation wins over white space ("4 - 3" is split by '-');
            // two punctuation marks give a separator no numeric format
            // accepts, while textual formats ignore separators ("Mar., 1985").
            separator = match separator {
                None | Some(' ') => Some(c),
                Some(_) => Some(MIXED_SEPARATOR),
            };
        } else {
            return None;
        }
    }
    Some(pieces)
}

/// Drops a leading weekday, ordinal suffixes glued to a number ("4th")
/// and the word "of", which carry no date information.
fn drop_noise_words<'a>(pieces: &Pieces<'a>) -> Pieces<'a> {
    let mut kept = Pieces::new();
    let mut previous: Option<Token<'a>> = None;
    for (index, piece) in pieces.iter().enumerate() {
        let noise = match piece.token {
            Token::Word(word) => {
                (index == 0 && is_weekday(word))
                    || word.eq_ignore_ascii_case("of")
                    || (piece.separator.is_none()
                        && matches!(previous, Some(Token::Number(_)))
                        && ["st", "nd", "rd", "th"]
                            .iter()
                            .any(|suffix| word.eq_ignore_ascii_case(suffix)))
            }
            Token::Number(_) => false,
        };
        previous = Some(piece.token);
        if noise {
            continue;
        }
        // Only numeric formats look at separators, and they have no noise
        // words; the first kept token just must not look separated.
        let piece = if kept.len == 0 {
            Piece {
                separator: None,
                ..piece
            }
        } else {
            piece
        };
        kept.push(piece);
    }
    kept
}

fn is_weekday(word: &str) -> bool {
    const WEEKDAYS: [&str; 17] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    WEEKDAYS.iter().any(|day| word.eq_ignore_ascii_case(day))
}

/// Whether a month or day is what registers write where it is not
/// known: 0 or 99.
pub(crate) fn is_unknown_part(part: u32) -> bool {
    part == 0 || part == 99
}

/// The month (1..=12) named by an English month name or its three-letter
/// abbreviation (or "Sept"), any case.
pub(crate) fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.eq_ignore_ascii_case("sept") {
        return Some(9);
    }
    let position = MONTHS.iter().position(|month| {
        word.eq_ignore_ascii_case(month)
            || (word.len() == 3
                && month
                    .get(..3)
                    .is_some_and(|abbr| word.eq_ignore_ascii_case(abbr)))
    })?;
    u32::try_from(position + 1).ok()
}

/// The value of an ASCII digit run, saturating at `i64::MAX`.
fn number(digits: &str) -> i64 {
    digits.bytes().fold(0i64, |acc, b| {
        acc.saturating_mul(10)
            .saturating_add(i64::from(b.saturating_sub(b'0')))
    })
}

/// The 1st of a month written with its year alone (`1945-08`,
/// `Aug 1945`; see [`DateParser::written_or_month`]), for telling a
/// column of dates.
pub(crate) fn first_of_written_month(input: &str) -> Option<Date> {
    let (year, month) = month_and_year(input.trim())?;
    Date::new(year, month, 1).ok()
}

/// The year and month of a month written with its year alone (see
/// [`DateParser::written_or_month`]): a month from 1 to 12, a year of
/// four digits, in either order; `None` for anything else.
fn month_and_year(input: &str) -> Option<(i64, u32)> {
    use Token::{Number, Word};
    let pieces = drop_noise_words(&tokenize(input)?);
    let mut tokens = pieces.iter();
    let (Some(first), Some(second), None) = (tokens.next(), tokens.next(), tokens.next()) else {
        return None;
    };
    let numeric = matches!(second.separator, Some('-' | '/' | '.'));
    let (year, month) = match (first.token, second.token) {
        (Number(year), Number(month)) | (Number(month), Number(year))
            if numeric && year.len() == 4 && month.len() <= 2 =>
        {
            (year, small_number(month))
        }
        (Word(month), Number(year)) | (Number(year), Word(month)) if year.len() == 4 => {
            (year, month_number(month)?)
        }
        _ => return None,
    };
    (1..=12).contains(&month).then(|| (number(year), month))
}

/// The value of a month or day digit run, saturating at `u32::MAX`.
fn small_number(digits: &str) -> u32 {
    u32::try_from(number(digits)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_order_of_day_and_month_is_inferred_from_unambiguous_values() {
        let infer = |values: &[&str]| DayMonthOrder::infer(values.iter().copied());
        let many = |value: &'static str, count: usize| vec![value; count];
        // Three day-first values decide; ambiguous ones say nothing.
        let mut values = many("03/04/1985", 50);
        values.extend(["13/04/1985", "31-12-85", "20 1 1999"]);
        assert_eq!(infer(&values), Some(DayMonthOrder::DayFirst));
        // One month-first value in twenty is a typing error; more is a
        // mixed column.
        let mut day_first = many("25/12/1990", 40);
        day_first.extend(many("12/25/1990", 2));
        assert_eq!(infer(&day_first), Some(DayMonthOrder::DayFirst));
        day_first.push("12/25/1990");
        assert_eq!(infer(&day_first), None);
        assert_eq!(
            infer(&many("12/25/1990", 3)),
            Some(DayMonthOrder::MonthFirst)
        );
        assert_eq!(infer(&many("12/25/1990", 2)), None, "too few");
        // Other shapes are not evidence: ISO, dots (always day first),
        // mixed separators, three-digit parts, days over 31, text.
        for value in [
            "1985-08-14",
            "14.08.1985",
            "14/08-1985",
            "114/08/1985",
            "32/08/1985",
            "14/08/198",
            "14/08/",
            "14/08",
            "",
            "Aug 14 1985",
            "ab/cd/efgh",
            "14/0x/1985",
        ] {
            assert_eq!(infer(&many(value, 5)), None, "{value:?}");
        }
    }

    fn day_first() -> DateParser {
        DateParser::builder()
            .day_month_order(DayMonthOrder::DayFirst)
            .build()
            .unwrap()
    }

    fn ymd(parser: &DateParser, input: &str) -> String {
        match parser.parse(input) {
            Ok(date) => date.to_string(),
            Err(err) => format!("error: {err}"),
        }
    }

    #[test]
    fn every_supported_format() {
        let parser = DateParser::new();
        for input in [
            "1985-03-04",
            "1985/03/04",
            "1985/3/4",
            "1985.03.04",
            "19850304",
            "03/04/1985",
            "3/4/1985",
            "3/4/85",
            "03-04-1985",
            "3 4 1985",
            "04.03.1985",
            "4.3.85",
            "4 Mar 1985",
            "4 March 1985",
            "4-MAR-85",
            "04-mar-1985",
            "4th March 1985",
            "4th of March, 1985",
            "March 4, 1985",
            "march 4 1985",
            "Mar 4 1985",
            "Mar. 4th, 1985",
            "Sept 4 1985",
            "Monday, March 4, 1985",
            "Mon 4 Mar 1985",
            "1985 Mar 04",
            "1985-03-04T10:20:30Z",
            "1985-03-04t10:20:30+02:00",
            "1985-03-04 10:20",
            "  1985-03-04\n",
        ] {
            let expected = if input.starts_with("Sept") {
                "1985-09-04"
            } else {
                "1985-03-04"
            };
            assert_eq!(ymd(&parser, input), expected, "{input:?}");
        }
    }

    #[test]
    fn order_policy_applies_to_slashes_and_hyphens_only() {
        let european = day_first();
        assert_eq!(ymd(&european, "03/04/1985"), "1985-04-03");
        assert_eq!(ymd(&european, "03-04-1985"), "1985-04-03");
        assert_eq!(ymd(&european, "03.04.1985"), "1985-04-03");
        assert_eq!(ymd(&DateParser::new(), "03.04.1985"), "1985-04-03");
        assert_eq!(ymd(&european, "1985-03-04"), "1985-03-04");
        assert_eq!(ymd(&european, "March 4, 1985"), "1985-03-04");
    }

    #[test]
    fn unambiguous_other_order_is_accepted() {
        assert_eq!(ymd(&DateParser::new(), "13/04/1985"), "1985-04-13");
        assert_eq!(ymd(&day_first(), "04/13/1985"), "1985-04-13");
        assert_eq!(
            DateParser::new().parse("30/02/1985"),
            Err(DateError::DayOutOfRange {
                year: 1985,
                month: 2,
                day: 30
            })
        );
        assert_eq!(
            DateParser::new().parse("13/13/13"),
            Err(DateError::MonthOutOfRange(13))
        );
        assert_eq!(
            day_first().parse("13/13/13"),
            Err(DateError::MonthOutOfRange(13))
        );
        // Dots are day first; a month of 13 there flips too.
        assert_eq!(ymd(&DateParser::new(), "04.13.1985"), "1985-04-13");
    }

    #[test]
    fn century_pivot() {
        let parser = DateParser::new();
        assert_eq!(ymd(&parser, "1/2/00"), "2000-01-02");
        assert_eq!(ymd(&parser, "1/2/30"), "2030-01-02");
        assert_eq!(ymd(&parser, "1/2/31"), "1931-01-02");
        assert_eq!(ymd(&parser, "1/2/99"), "1999-01-02");
        assert_eq!(ymd(&parser, "1/2/5"), "2005-01-02");
        let zero = DateParser::builder().century_pivot(0).build().unwrap();
        assert_eq!(ymd(&zero, "1/2/00"), "2000-01-02");
        assert_eq!(ymd(&zero, "1/2/01"), "1901-01-02");
        let all = DateParser::builder().century_pivot(99).build().unwrap();
        assert_eq!(ymd(&all, "1/2/99"), "2099-01-02");
        assert_eq!(
            DateParser::builder().century_pivot(255).build(),
            Err(ParameterError {
                name: "century_pivot",
                reason: "255 is not a two-digit year (0..=99)".to_string()
            })
        );
    }

    #[test]
    fn invalid_dates_have_exact_errors() {
        let parser = DateParser::new();
        assert_eq!(
            parser.parse("2023-02-30"),
            Err(DateError::DayOutOfRange {
                year: 2023,
                month: 2,
                day: 30
            })
        );
        assert_eq!(parser.parse("2024-02-29").map(|d| d.day()), Ok(29));
        assert_eq!(
            parser.parse("1985-13-04"),
            Err(DateError::MonthOutOfRange(13))
        );
        assert_eq!(
            parser.parse("0000-01-01"),
            Err(DateError::YearOutOfRange(0))
        );
        assert_eq!(
            parser.parse("99999-01-01"),
            Err(DateError::YearOutOfRange(99_999))
        );
        assert_eq!(
            parser.parse("99999999999999999999-01-01"),
            Err(DateError::YearOutOfRange(i64::MAX))
        );
        assert_eq!(
            parser.parse("2023-99999999999999-01"),
            Err(DateError::MonthOutOfRange(u32::MAX))
        );
        assert_eq!(
            parser.parse("32 Jan 1985"),
            Err(DateError::DayOutOfRange {
                year: 1985,
                month: 1,
                day: 32
            })
        );
        assert_eq!(parser.parse("20230230"), parser.parse("2023-02-30"));
        assert_eq!(parser.parse(""), Err(DateError::Empty));
        assert_eq!(parser.parse(" \t "), Err(DateError::Empty));
    }

    #[test]
    fn garbage_is_unrecognized_and_echoed() {
        let parser = DateParser::new();
        for input in [
            "garbage",
            "March 1985",
            "1985",
            "1985-03",
            "1985-03/04",
            "1985--03-04",
            "Smarch 4 1985",
            "4 March 1985 1985",
            "1985-03-04T",
            "1985\u{200B}-03-04",
            "１９８５-03-04",
            "🎂 1985-03-04",
            "Кэлли",
            "10:20:30",
            "1 2 3 4 5 6 7 8 9",
        ] {
            assert_eq!(
                parser.parse(input),
                Err(DateError::Unrecognized(input.trim().to_string())),
                "{input:?}"
            );
        }
        let long = "x".repeat(1 << 20);
        assert_eq!(
            parser.parse(&long),
            Err(DateError::Unrecognized(format!("{}…", "x".repeat(64))))
        );
        let digits = "9".repeat(1 << 20);
        assert_eq!(
            parser.parse(&digits),
            Err(DateError::Unrecognized(format!("{}…", "9".repeat(64))))
        );
        let separators = format!("1985{}03-04", "-".repeat(1 << 20));
        assert!(matches!(
            parser.parse(&separators),
            Err(DateError::Unrecognized(_))
        ));
    }

    #[test]
    fn convenience_function_uses_defaults() {
        assert_eq!(parse_date("3/4/85"), DateParser::new().parse("3/4/85"));
        assert_eq!(
            parse_date("3/4/85").map(|d| d.to_string()),
            Ok("1985-03-04".to_string())
        );
    }

    #[test]
    fn parser_is_thread_safe() {
        fn assert_traits<T: Send + Sync + Copy + std::panic::UnwindSafe>() {}
        assert_traits::<DateParser>();
        assert_traits::<DateParserBuilder>();
    }

    #[test]
    fn timestamps_read_every_documented_form() {
        let parser = DateParser::new();
        let read = |text: &str| parser.parse_timestamp(text).map(|t| t.to_string());
        let cases = [
            ("2024-03-05T14:22:01Z", "2024-03-05T14:22:01Z"),
            ("2024-03-05t14:22:01z", "2024-03-05T14:22:01Z"),
            ("2024-03-05T14:22:01.25Z", "2024-03-05T14:22:01.250000Z"),
            (
                "2024-03-05T14:22:01,123456789Z",
                "2024-03-05T14:22:01.123456Z",
            ),
            ("2024-03-05T16:22:01+02:00", "2024-03-05T14:22:01Z"),
            ("2024-03-05T16:22:01+0200", "2024-03-05T14:22:01Z"),
            ("2024-03-05T16:22:01+02", "2024-03-05T14:22:01Z"),
            ("2024-03-05T09:22:01-05:00", "2024-03-05T14:22:01Z"),
            ("2024-03-05T00:30:00+01:00", "2024-03-04T23:30:00Z"),
            ("2024-03-05 14:22:01", "2024-03-05T14:22:01Z"),
            ("2024-03-05 14:22", "2024-03-05T14:22:00Z"),
            ("2024-03-05 14:22:01 UTC", "2024-03-05T14:22:01Z"),
            ("2024-03-05 15:22:01 +01:00", "2024-03-05T14:22:01Z"),
            ("3/5/2024 9:05", "2024-03-05T09:05:00Z"),
            ("March 5, 2024 14:22:01 gmt", "2024-03-05T14:22:01Z"),
            ("2024-03-05", "2024-03-05T00:00:00Z"),
            ("  2024-03-05  ", "2024-03-05T00:00:00Z"),
        ];
        for (written, expected) in cases {
            assert_eq!(read(written).as_deref(), Ok(expected), "{written}");
        }
        let unrecognized = |text: &str| Err(DateError::Unrecognized(text.trim().to_string()));
        for bad in [
            "2024-03-05 2pm",
            "2024-03-05 14:22 PM",
            "2024-03-05T14:2",
            "2024-03-05T14:22:01+2",
            "2024-03-05T14:22:01+24:00",
            "2024-03-05T14:22:01 CET",
            "2024-03-05T14:22:01.Z",
            "2024-03-05T14:22:01+01:00x",
        ] {
            assert_eq!(read(bad), unrecognized(bad), "{bad}");
        }
        assert_eq!(read(" "), Err(DateError::Empty));
        assert_eq!(
            read("2024-03-05T24:00:00Z"),
            Err(DateError::TimeOutOfRange {
                hour: 24,
                minute: 0,
                second: 0
            })
        );
        assert_eq!(
            read("2024-03-05 10:60"),
            Err(DateError::TimeOutOfRange {
                hour: 10,
                minute: 60,
                second: 0
            })
        );
        assert_eq!(
            read("2024-02-30 10:00"),
            Err(DateError::DayOutOfRange {
                year: 2024,
                month: 2,
                day: 30
            })
        );
        assert_eq!(
            read("0001-01-01T00:30:00+01:00"),
            Err(DateError::YearOutOfRange(0))
        );
        assert_eq!(
            read("9999-12-31T23:30:00-01:00"),
            Err(DateError::YearOutOfRange(10_000))
        );
        // The day/month order of the parser applies to the date.
        let european = day_first();
        assert_eq!(
            european
                .parse_timestamp("5/3/2024 14:22")
                .map(|t| t.to_string()),
            Ok("2024-03-05T14:22:00Z".to_string())
        );
    }

    #[test]
    fn timestamps_order_by_the_time_of_day_within_a_date() {
        let parser = DateParser::new();
        let at = |text: &str| parser.parse_timestamp(text).unwrap();
        assert!(at("2024-03-05 09:00") < at("2024-03-05 14:22:01"));
        assert!(at("2024-03-05 14:22:01") < at("2024-03-05 14:22:01.000001"));
        assert!(at("2024-03-05") < at("2024-03-05 00:00:01"));
        assert_eq!(at("2024-03-05 01:00 +01:00"), at("2024-03-05"));
    }

    #[test]
    fn a_month_with_its_year_alone_is_read_only_where_asked() {
        let parser = DateParser::new();
        for written in ["1945-08", "08/1945", "Aug 1945", "1945 August"] {
            assert_eq!(
                parser.written_or_month(written),
                Ok((1945, 8, 0)),
                "{written}"
            );
            // The public parser still wants a whole date.
            assert_eq!(
                parser.parse(written),
                Err(DateError::Unrecognized(written.to_string()))
            );
            assert_eq!(
                first_of_written_month(written)
                    .map(|d| d.to_string())
                    .as_deref(),
                Some("1945-08-01")
            );
        }
        for written in [
            "1945",
            "08/45",
            "1945-13",
            "1945-0",
            "12-08",
            "Aug",
            "1945-08-14-1",
            "Smarch 1945",
        ] {
            assert_eq!(month_and_year(written), None, "{written}");
        }
        // A whole date is read as `written` reads it.
        assert_eq!(parser.written_or_month("1945-08-14"), Ok((1945, 8, 14)));
        assert_eq!(
            parser.written_or_month("1945-13"),
            Err(DateError::Unrecognized("1945-13".to_string()))
        );
    }

    proptest! {
        #[test]
        fn never_panics(input in ".{0,40}") {
            let _ = DateParser::new().parse(&input);
            let _ = day_first().parse(&input);
            let _ = DateParser::new().written_or_month(&input);
            let _ = first_of_written_month(&input);
        }

        #[test]
        fn a_month_and_year_reads_back_in_every_layout(year in 1000i64..=9999, month in 1u32..=12) {
            for written in [format!("{year}-{month:02}"), format!("{month}/{year}"), format!("{month:02}.{year}")] {
                prop_assert_eq!(DateParser::new().written_or_month(&written), Ok((year, month, 0)));
            }
        }

        #[test]
        fn iso_output_parses_back_to_itself(year in 1i64..=9999, month in 1u32..=12, day in 1u32..=31) {
            if let Ok(date) = Date::new(year, month, day) {
                prop_assert_eq!(parse_date(&date.to_string()), Ok(date));
                let compact = date.to_string().replace('-', "");
                prop_assert_eq!(parse_date(&compact), Ok(date));
                let us = format!("{month}/{day}/{year:04}");
                prop_assert_eq!(parse_date(&us), Ok(date));
                let european = format!("{day}.{month}.{year:04}");
                prop_assert_eq!(parse_date(&european), Ok(date));
            }
        }

        #[test]
        fn numeric_shapes_never_panic(a in "[0-9]{0,25}", b in "[0-9]{0,25}", c in "[0-9]{0,25}", sep in "[-/. ]") {
            let _ = parse_date(&format!("{a}{sep}{b}{sep}{c}"));
        }

        /// Writing the same dates the other way round flips the order
        /// found, whatever it is; and a column read in the order found
        /// gives back the dates.
        #[test]
        fn the_order_found_flips_with_the_writing(
            dates in proptest::collection::vec((1i64..=2030, 1u32..=12, 1u32..=28), 0..60),
            sep in "[-/ ]",
        ) {
            let written = |day_first: bool| -> Vec<String> {
                dates
                    .iter()
                    .map(|&(year, month, day)| {
                        let (a, b) = if day_first { (day, month) } else { (month, day) };
                        format!("{a:02}{sep}{b:02}{sep}{year:04}")
                    })
                    .collect()
            };
            let (european, american) = (written(true), written(false));
            let found = DayMonthOrder::infer(european.iter().map(String::as_str));
            let flipped = DayMonthOrder::infer(american.iter().map(String::as_str));
            let flip = |order: Option<DayMonthOrder>| order.map(|order| match order {
                DayMonthOrder::DayFirst => DayMonthOrder::MonthFirst,
                DayMonthOrder::MonthFirst => DayMonthOrder::DayFirst,
            });
            prop_assert_eq!(flipped, flip(found));
            // Written day first, the dates never say month first.
            prop_assert_ne!(found, Some(DayMonthOrder::MonthFirst));
            if let Some(order) = found {
                let parser = DateParser::builder().day_month_order(order).build().unwrap();
                for (text, &(year, month, day)) in european.iter().zip(&dates) {
                    prop_assert_eq!(parser.parse(text), Date::new(year, month, day));
                }
            }
        }
    }
}
