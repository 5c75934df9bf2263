//! Dates written over three columns: a year, a month and a day.
//!
//! Registers often keep a date of birth as `by`, `bm`, `bd` or
//! `birth_year`, `birth_month`, `birth_day`. Taken one by one these are
//! numbers that say little (a year is shared by thousands, a day by one
//! person in thirty), and the typo levels of a date (one digit, day and
//! month swapped, the year one off) cannot see across them. Read as one
//! date they are the strongest evidence such a file has.
//!
//! [`find_date_parts`] finds such triples from the headers (three
//! columns named alike but for the word that says year, month or day)
//! and checks their values; [`DateParts::compose`] writes one row's three
//! values as one date. The field that holds the composed date is named
//! after its columns, `by+bm+bd` ([`DateParts::field_name`]), so a
//! program that reads a file with those columns can rebuild the date by
//! the name alone ([`DateParts::from_field_name`]).

use super::header::header_words;
use crate::normalize::date::{is_unknown_part, month_number};

/// One date kept in three columns.
///
/// # Examples
///
/// ```
/// use sameas::infer::DateParts;
///
/// let parts = DateParts::new("by", "bm", "bd");
/// assert_eq!(parts.field_name(), "by+bm+bd");
/// assert_eq!(DateParts::from_field_name("by+bm+bd"), Some(parts));
/// assert_eq!(DateParts::compose("1945", "8", "14").as_deref(), Some("1945-08-14"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParts {
    year: String,
    month: String,
    day: String,
}

/// Which part of a date a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Year,
    Month,
    Day,
}

/// Words that name a part of a date, matched whole or as the start or
/// end of a longer word (`birthyear`, `yearofbirth`).
const LONG_WORDS: [(&str, Part); 19] = [
    ("year", Part::Year),
    ("yyyy", Part::Year),
    ("jahr", Part::Year),
    ("annee", Part::Year),
    ("anno", Part::Year),
    ("ano", Part::Year),
    ("month", Part::Month),
    ("monat", Part::Month),
    ("mois", Part::Month),
    ("mese", Part::Month),
    ("mes", Part::Month),
    ("mth", Part::Month),
    ("mon", Part::Month),
    ("day", Part::Day),
    ("tag", Part::Day),
    ("jour", Part::Day),
    ("giorno", Part::Day),
    ("dia", Part::Day),
    ("dd", Part::Day),
];

/// Short codes for a part, matched as a whole word or at either end of
/// a word of at most three letters (`by`, `bm`, `bd`; `yob`, `mob`).
const SHORT_WORDS: [(&str, Part); 6] = [
    ("yr", Part::Year),
    ("yy", Part::Year),
    ("mm", Part::Month),
    ("y", Part::Year),
    ("m", Part::Month),
    ("d", Part::Day),
];

/// Share of a column's non-empty sampled values that must read as its
/// part for the triple to count.
const VALID_SHARE: f64 = 0.95;

impl DateParts {
    /// The date whose year, month and day are in these columns.
    pub fn new(year: &str, month: &str, day: &str) -> DateParts {
        DateParts {
            year: year.to_string(),
            month: month.to_string(),
            day: day.to_string(),
        }
    }

    /// The year column.
    pub fn year(&self) -> &str {
        &self.year
    }

    /// The month column.
    pub fn month(&self) -> &str {
        &self.month
    }

    /// The day column.
    pub fn day(&self) -> &str {
        &self.day
    }

    /// The three columns: year, month, day.
    pub fn columns(&self) -> [&str; 3] {
        [&self.year, &self.month, &self.day]
    }

    /// The name of the field holding the composed date: the three
    /// columns joined by `+`, year first.
    pub fn field_name(&self) -> String {
        format!("{}+{}+{}", self.year, self.month, self.day)
    }

    /// The parts a [`field_name`](Self::field_name) names: three
    /// non-empty column names joined by `+`; `None` for anything else.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::infer::DateParts;
    ///
    /// let parts = DateParts::from_field_name("birth_year+birth_month+birth_day").unwrap();
    /// assert_eq!(parts.columns(), ["birth_year", "birth_month", "birth_day"]);
    /// assert_eq!(DateParts::from_field_name("dob"), None);
    /// assert_eq!(DateParts::from_field_name("a++b"), None);
    /// ```
    pub fn from_field_name(name: &str) -> Option<DateParts> {
        let mut columns = name.split('+');
        let (year, month, day) = (columns.next()?, columns.next()?, columns.next()?);
        let blank = |column: &str| column.trim().is_empty();
        if columns.next().is_some() || blank(year) || blank(month) || blank(day) {
            return None;
        }
        Some(DateParts::new(year, month, day))
    }

    /// One row's date as `YYYY-MM-DD`, from its year (four digits),
    /// month (`1` to `12`, `08`, or an English month name, its first
    /// three letters or `Sept`) and day (`1` to `31`); `None` when the
    /// year or the month is missing, unreadable, or (the month) 0 or 99
    /// ("unknown"), or the day unreadable: the record then has no date,
    /// as when a date column is blank. A day missing, 0 or 99 gives a
    /// date known in part, written as registers write one: the 1st of
    /// its month, which the date's placeholder level
    /// ([`LevelTest::DatePlaceholder`](crate::matcher::LevelTest::DatePlaceholder))
    /// meets with a full date of that month. (A year alone is not kept
    /// so: the strangers born in one year, each written 1 January, would
    /// agree exactly.) A date that does not exist but is written
    /// in digits (`1945-02-30`, a month `18` for `08`) is written as it
    /// is: the date field counts it invalid, and its digits still meet
    /// the date's exact and one-digit levels, as a mistyped date in one
    /// column does. So is a part with a digit typed in or lost, as a
    /// clerk slips in one column: a year of three or five digits
    /// (`195`, `19465`; to 65535), a month or day of three (`142`; to
    /// 255), none begun by 0 or all 9s.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::infer::DateParts;
    ///
    /// assert_eq!(DateParts::compose(" 1945", "08", "4").as_deref(), Some("1945-08-04"));
    /// assert_eq!(DateParts::compose("1945", "Aug", "14").as_deref(), Some("1945-08-14"));
    /// // Parts written as floats (see `zero_fraction`) read whole.
    /// assert_eq!(DateParts::compose("1945.0", "8.0", "14.0").as_deref(), Some("1945-08-14"));
    /// assert_eq!(DateParts::compose("1945", "2", "30").as_deref(), Some("1945-02-30"));
    /// assert_eq!(DateParts::compose("19465", "8", "14").as_deref(), Some("19465-08-14"));
    /// // Known in part: the day.
    /// assert_eq!(DateParts::compose("1945", "8", "").as_deref(), Some("1945-08-01"));
    /// assert_eq!(DateParts::compose("1945", "0", "14"), None);
    /// assert_eq!(DateParts::compose("", "8", "14"), None);
    /// assert_eq!(DateParts::compose("1945", "ma", "14"), None);
    /// assert_eq!(DateParts::compose("45", "2", "3"), None);
    /// ```
    pub fn compose(year: &str, month: &str, day: &str) -> Option<String> {
        let year = read_year(year).or_else(|| mistyped(year, &[3, 5]))?;
        let month = read_month(month)
            .or_else(|| written_part(month))
            .or_else(|| mistyped(month, &[3]))?;
        let day = known_part(day, |day| written_part(day).or_else(|| mistyped(day, &[3])))?;
        Some(format!("{year:04}-{month:02}-{:02}", day.unwrap_or(1)))
    }
}

/// A day: `Some(None)` when it is not known (blank, 0 or 99, as
/// registers write "unknown"), `Some(Some(part))` when `read` reads it,
/// `None` when it cannot be read.
fn known_part<T>(value: &str, read: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
    if integral(value).is_empty() || written_unknown(value) {
        return Some(None);
    }
    read(value).map(Some)
}

/// Whether a month or day is written as not known (see
/// [`is_unknown_part`]): 0 in any number of digits (`0`, `00`, `0.0`)
/// or `99`.
fn written_unknown(value: &str) -> bool {
    let whole = integral(value);
    !whole.is_empty() && (whole.bytes().all(|b| b == b'0') || whole == "99")
}

/// `value` trimmed, a whole number written as a float read whole (see
/// [`zero_fraction`]).
fn integral(value: &str) -> &str {
    zero_fraction(value).unwrap_or_else(|| value.trim())
}

/// `value` (trimmed) as the whole number it writes as a float: `1945.0`
/// and `-3.00` give `1945` and `-3`, as a table that stores numbers as
/// floating point writes them (pandas, for an integer column with a
/// gap); `None` for any other value.
///
/// # Examples
///
/// ```
/// use sameas::infer::zero_fraction;
///
/// assert_eq!(zero_fraction(" 1945.0"), Some("1945"));
/// assert_eq!(zero_fraction("08.00"), Some("08"));
/// for other in ["1945", "1.5", "1e5", ".0", "A1.0", "NaN"] {
///     assert_eq!(zero_fraction(other), None);
/// }
/// ```
pub fn zero_fraction(value: &str) -> Option<&str> {
    let (whole, fraction) = value.trim().split_once('.')?;
    let digits = whole.strip_prefix('-').unwrap_or(whole);
    (!digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !fraction.is_empty()
        && fraction.bytes().all(|b| b == b'0'))
    .then_some(whole)
}

fn digits(value: &str, max_len: usize) -> Option<u32> {
    let value = integral(value);
    if value.is_empty() || value.len() > max_len || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

fn read_year(value: &str) -> Option<u16> {
    let value = integral(value);
    if value.len() != 4 {
        return None;
    }
    digits(value, 4)
        .filter(|year| (1..=9999).contains(year))
        .and_then(|year| u16::try_from(year).ok())
}

fn read_month(value: &str) -> Option<u8> {
    if let Some(month) = digits(value, 2) {
        return u8::try_from(month).ok().filter(|m| (1..=12).contains(m));
    }
    month_number(value.trim().trim_end_matches('.')).and_then(|month| u8::try_from(month).ok())
}

/// A month or day of one or two digits, `1` to `98`, what a clerk
/// wrote, possible or not; 0 and 99 are what registers write for
/// "unknown".
fn written_part(value: &str) -> Option<u8> {
    digits(value, 2)
        .filter(|&part| !is_unknown_part(part))
        .and_then(|part| u8::try_from(part).ok())
}

/// A part with a digit typed in or left out (`19460` or `195` for a
/// year, `124` for a day): `lengths` digits, the first not 0, not all
/// 9s ("unknown"), and no more than the date's text keeps (see
/// `PreparedRecord::written_date`: a year to 65535, a month or day to
/// 255).
fn mistyped<T: TryFrom<u32>>(value: &str, lengths: &[usize]) -> Option<T> {
    let value = integral(value);
    if !lengths.contains(&value.len()) || value.starts_with('0') || value.bytes().all(|b| b == b'9')
    {
        return None;
    }
    digits(value, 5).and_then(|part| T::try_from(part).ok())
}

fn read_day(value: &str) -> Option<u8> {
    digits(value, 2)
        .and_then(|day| u8::try_from(day).ok())
        .filter(|d| (1..=31).contains(d))
}

/// Whether `value` reads as `part`.
fn reads_as(part: Part, value: &str) -> bool {
    match part {
        Part::Year => read_year(value).is_some_and(|year| (1800..=2100).contains(&year)),
        Part::Month => read_month(value).is_some(),
        Part::Day => read_day(value).is_some(),
    }
}

/// The (stem, part) readings of one header: the header's words with the
/// word (or the end of a word) that names a part replaced by `*`.
fn readings(header: &str) -> Vec<(String, Part)> {
    let words = header_words(header);
    let mut found = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let mut stems_of_word: Vec<(String, Part)> = Vec::new();
        for &(code, part) in &LONG_WORDS {
            if word == code {
                stems_of_word.push(("*".to_string(), part));
            } else if word.len() > code.len() {
                if let Some(rest) = word.strip_suffix(code) {
                    stems_of_word.push((format!("{rest}*"), part));
                }
                if let Some(rest) = word.strip_prefix(code) {
                    stems_of_word.push((format!("*{rest}"), part));
                }
            }
        }
        for &(code, part) in &SHORT_WORDS {
            if word == code {
                stems_of_word.push(("*".to_string(), part));
            } else if word.len() <= 3 && word.len() > code.len() {
                if let Some(rest) = word.strip_suffix(code) {
                    stems_of_word.push((format!("{rest}*"), part));
                }
                if let Some(rest) = word.strip_prefix(code) {
                    stems_of_word.push((format!("*{rest}"), part));
                }
            }
        }
        for (stem_word, part) in stems_of_word {
            let mut stem: Vec<&str> = words.iter().map(String::as_str).collect();
            stem[at] = &stem_word;
            found.push((stem.join(" "), part));
        }
    }
    found
}

/// The triples of columns that hold one date each: three columns whose
/// headers are the same but for the word naming a year, a month and a
/// day (`by`/`bm`/`bd`, `birth_year`/`birth_month`/`birth_day`,
/// `yob`/`mob`/`dob`, `year_of_birth`/...), and whose sampled values
/// read as such (at least 95 % of the non-empty ones: years 1800 to
/// 2100 in four digits, months `1` to `12` or their names, days `1` to
/// `31`; a month or day `0` or `99`, "not known", counts as empty). A column is in at most one triple; triples come in the order
/// of their year columns. `rows` are the sampled rows, each with one
/// value per header.
///
/// # Examples
///
/// ```
/// use sameas::infer::{find_date_parts, DateParts};
///
/// let headers = ["id", "fname", "lname", "by", "bm", "bd"];
/// let rows = [["1", "HANS", "SCHMITT", "1945", "8", "14"], ["2", "ANNA", "BAUER", "1961", "12", "3"]];
/// assert_eq!(find_date_parts(&headers, &rows), [DateParts::new("by", "bm", "bd")]);
///
/// // Values that are not a month are not one.
/// let rows = [["1", "HANS", "SCHMITT", "1945", "48", "14"], ["2", "ANNA", "BAUER", "1961", "53", "3"]];
/// assert!(find_date_parts(&headers, &rows).is_empty());
/// ```
pub fn find_date_parts<H, R, S>(headers: &[H], rows: &[R]) -> Vec<DateParts>
where
    H: AsRef<str>,
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    // stem -> per part, the columns reading as it.
    let mut stems: Vec<(String, [Vec<usize>; 3])> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        for (stem, part) in readings(header.as_ref()) {
            let slot = match stems.iter().position(|(known, _)| *known == stem) {
                Some(slot) => slot,
                None => {
                    stems.push((stem, Default::default()));
                    stems.len() - 1
                }
            };
            let columns = &mut stems[slot].1[part as usize];
            if !columns.contains(&column) {
                columns.push(column);
            }
        }
    }
    let valid = |column: usize, part: Part| {
        let (mut values, mut good) = (0usize, 0usize);
        for row in rows {
            let value = row.as_ref().get(column).map_or("", AsRef::as_ref).trim();
            // A month or day written as not known (`0`, `99`) is no
            // evidence either way, as a blank is not.
            if value.is_empty() || (part != Part::Year && written_unknown(value)) {
                continue;
            }
            values += 1;
            good += usize::from(reads_as(part, value));
        }
        values > 0 && good as f64 >= VALID_SHARE * values as f64
    };
    let mut used: Vec<usize> = Vec::new();
    let mut found: Vec<(usize, DateParts)> = Vec::new();
    for (_, [years, months, days]) in &stems {
        let (&[year], &[month], &[day]) = (years.as_slice(), months.as_slice(), days.as_slice())
        else {
            continue;
        };
        let distinct = year != month && month != day && year != day;
        let free = ![year, month, day].iter().any(|c| used.contains(c));
        if distinct
            && free
            && valid(year, Part::Year)
            && valid(month, Part::Month)
            && valid(day, Part::Day)
        {
            used.extend([year, month, day]);
            let name = |column: usize| headers[column].as_ref();
            found.push((year, DateParts::new(name(year), name(month), name(day))));
        }
    }
    found.sort_by_key(|(year, _)| *year);
    found.into_iter().map(|(_, parts)| parts).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(values: &[[&'static str; 3]]) -> Vec<Vec<&'static str>> {
        values.iter().map(|row| row.to_vec()).collect()
    }

    const BIRTHS: [[&str; 3]; 3] = [
        ["1945", "8", "14"],
        ["1961", "12", "3"],
        ["2001", "01", "31"],
    ];

    #[test]
    fn common_headers_are_found() {
        let cases: [[&str; 3]; 9] = [
            ["by", "bm", "bd"],
            ["birth_year", "birth_month", "birth_day"],
            ["BirthYear", "BirthMonth", "BirthDay"],
            ["birthyear", "birthmonth", "birthday"],
            ["yob", "mob", "dob"],
            ["year_of_birth", "month_of_birth", "day_of_birth"],
            ["dob_yyyy", "dob_mm", "dob_dd"],
            ["Geburtsjahr", "Geburtsmonat", "Geburtstag"],
            ["dob_y", "dob_m", "dob_d"],
        ];
        for headers in cases {
            assert_eq!(
                find_date_parts(&headers, &rows(&BIRTHS)),
                [DateParts::new(headers[0], headers[1], headers[2])],
                "{headers:?}"
            );
        }
    }

    #[test]
    fn parts_written_as_floating_point_are_found() {
        // pandas writes an integer column with a gap as floats.
        let floats = [
            ["1945.0", "8.0", "14.0"],
            ["1961.0", "12.0", "3.0"],
            ["2001.0", "1.0", "31.00"],
        ];
        assert_eq!(
            find_date_parts(&["by", "bm", "bd"], &rows(&floats)),
            [DateParts::new("by", "bm", "bd")]
        );
    }

    #[test]
    fn the_order_of_columns_does_not_matter() {
        let headers = ["bd", "bm", "by"];
        let swapped: Vec<Vec<&str>> = BIRTHS.iter().map(|r| vec![r[2], r[1], r[0]]).collect();
        assert_eq!(
            find_date_parts(&headers, &swapped),
            [DateParts::new("by", "bm", "bd")]
        );
    }

    #[test]
    fn two_dates_are_two_triples() {
        let headers = [
            "death_day",
            "birth_year",
            "birth_month",
            "birth_day",
            "death_year",
            "death_month",
        ];
        let row = vec!["2", "1945", "8", "14", "2010", "3"];
        assert_eq!(
            find_date_parts(&headers, &[row]),
            [
                DateParts::new("birth_year", "birth_month", "birth_day"),
                DateParts::new("death_year", "death_month", "death_day"),
            ]
        );
    }

    #[test]
    fn incomplete_or_unlike_columns_are_not_a_date() {
        // Two parts only.
        assert!(find_date_parts(&["by", "bm"], &[vec!["1945", "8"]]).is_empty());
        // Headers that differ in more than the part.
        assert!(
            find_date_parts(&["birth_year", "issue_month", "expiry_day"], &rows(&BIRTHS))
                .is_empty()
        );
        // Two month columns for one stem: ambiguous, skipped.
        let headers = ["by", "bm", "bmon", "bd"];
        let row = vec!["1945", "8", "8", "14"];
        assert!(find_date_parts(&headers, &[row]).is_empty());
        // Years out of range, or in two digits.
        assert!(
            find_date_parts(
                &["by", "bm", "bd"],
                &rows(&[["45", "8", "14"], ["61", "12", "3"]])
            )
            .is_empty()
        );
        // All values blank.
        assert!(find_date_parts(&["by", "bm", "bd"], &rows(&[["", "", ""]])).is_empty());
        // No rows at all.
        assert!(find_date_parts(&["by", "bm", "bd"], &Vec::<Vec<&str>>::new()).is_empty());
    }

    #[test]
    fn a_few_bad_values_are_tolerated_many_are_not() {
        let mut values: Vec<[&str; 3]> = vec![["1970", "5", "20"]; 40];
        values[0] = ["1970", "13", "20"];
        values[1] = ["", "", ""];
        assert_eq!(
            find_date_parts(&["by", "bm", "bd"], &rows(&values)).len(),
            1
        );
        for row in values.iter_mut().take(5) {
            row[1] = "13";
        }
        assert!(find_date_parts(&["by", "bm", "bd"], &rows(&values)).is_empty());
        // A month or day written as not known counts as blank, however
        // often: a register's `0` and `99`.
        let mut values: Vec<[&str; 3]> = vec![["1970", "5", "20"]; 40];
        for row in values.iter_mut().take(10) {
            *row = ["1970", "0", "99"];
        }
        assert_eq!(
            find_date_parts(&["by", "bm", "bd"], &rows(&values)).len(),
            1
        );
        // Not when no value is a month.
        let unknown = vec![["1970", "0", "20"]; 40];
        assert!(find_date_parts(&["by", "bm", "bd"], &rows(&unknown)).is_empty());
    }

    #[test]
    fn impossible_dates_written_in_digits_are_written_as_they_are() {
        for (year, month, day, written) in [
            ("1945", "13", "14", "1945-13-14"),
            ("1945", "8", "32", "1945-08-32"),
            ("1945", "08", "41", "1945-08-41"),
            ("1900", "2", "29", "1900-02-29"),
            ("1945", "98", "14", "1945-98-14"),
        ] {
            assert_eq!(
                DateParts::compose(year, month, day).as_deref(),
                Some(written),
                "{year} {month} {day}"
            );
        }
    }

    #[test]
    fn compose_reads_each_part_strictly() {
        assert_eq!(
            DateParts::compose("1945", "8", "14").as_deref(),
            Some("1945-08-14")
        );
        assert_eq!(
            DateParts::compose("2000", "February", "29").as_deref(),
            Some("2000-02-29")
        );
        assert_eq!(
            DateParts::compose("2000", "sep.", "9").as_deref(),
            Some("2000-09-09")
        );
        assert_eq!(
            DateParts::compose(" 1945.0", "8.0", "14.00").as_deref(),
            Some("1945-08-14")
        );
        // A digit typed into a part or lost from it: kept as written.
        for ((year, month, day), written) in [
            (("19450", "8", "14"), "19450-08-14"),
            (("195", "8", "14"), "0195-08-14"),
            (("194.0", "8", "14"), "0194-08-14"),
            (("1945", "8", "142"), "1945-08-142"),
            (("1945", "108", "14"), "1945-108-14"),
            (("1945", "8", "100"), "1945-08-100"),
            // Known in part: the day missing, 0 or 99.
            (("1945", "8", ""), "1945-08-01"),
            (("1945", "8", " "), "1945-08-01"),
            (("1945", "8", "0"), "1945-08-01"),
            (("1945", "8", "00"), "1945-08-01"),
            (("1945", "8.0", "0.0"), "1945-08-01"),
            (("1945", "8", "99"), "1945-08-01"),
            (("19450", "8", ""), "19450-08-01"),
        ] {
            assert_eq!(
                DateParts::compose(year, month, day).as_deref(),
                Some(written),
                "{year} {month} {day}"
            );
        }
        for (year, month, day) in [
            ("", "8", "14"),
            ("", "", ""),
            ("0", "8", "14"),
            ("1945", "", "14"),
            ("1945", "", ""),
            ("1945", "0", "14"),
            ("1945", "00", "00"),
            ("1945", "99", "14"),
            ("1945", "8", "999"),
            ("1945", "8", "300"),
            ("99999", "8", "14"),
            ("71945", "8", "14"),
            ("094", "8", "14"),
            ("194500", "8", "14"),
            ("1945", "1008", "14"),
            ("1945", "008", "14"),
            ("1945", "ma", "14"),
            ("1945", "8.", "14"),
            ("1945.5", "8", "14"),
            ("1945", "8.1", "14"),
            ("1945", "8", "14.0.0"),
            ("1945", "8", ".0"),
            ("-945", "8", "14"),
            ("1945", "+8", "14"),
            ("١٩٤٥", "8", "14"),
        ] {
            assert_eq!(
                DateParts::compose(year, month, day),
                None,
                "{year} {month} {day}"
            );
        }
    }

    #[test]
    fn field_names_round_trip() {
        let parts = DateParts::new("y", "m", "d");
        assert_eq!(DateParts::from_field_name(&parts.field_name()), Some(parts));
        for name in ["", "a+b", "a+b+c+d", "+b+c", "a+ +c", "abc"] {
            assert_eq!(DateParts::from_field_name(name), None, "{name}");
        }
    }
}
