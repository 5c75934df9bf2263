//! Input files: the checks every CSV file must pass before anything is
//! ingested (a usable name, UTF-8, a header with distinct names, at
//! least one data row), and read errors as `file:line: reason`.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

use sameas::infer::zero_fraction;

use crate::failure::Failure;

/// One input file: its source name, header, and the rows sampled for
/// inference.
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// The source name: the file stem.
    pub name: String,
    /// The column names, trimmed.
    pub header: Vec<String>,
    /// Up to the requested number of first well-formed rows.
    pub sample: Vec<csv::StringRecord>,
    /// The character between values (see [`delimiter`]).
    pub delimiter: u8,
    /// Per column, the value written there for a missing one (`NA`,
    /// `NULL`; see [`missing_markers`]), read as blank. The sample
    /// holds it blank already.
    pub missing: Vec<Option<String>>,
    /// Per column, whether its sampled values hold a whole number
    /// written as floating point (`85076.0`; see
    /// [`zero_fraction`](sameas::infer::zero_fraction)):
    /// such values are read without the fraction, in every column but
    /// the record id. The sample holds them so already.
    pub integral: Vec<bool>,
}

impl Input {
    /// The path's source name, header and first `rows` rows.
    ///
    /// # Errors
    ///
    /// [`Failure::Usage`] for a file name without a usable stem;
    /// [`Failure::Input`] for a file that cannot be opened, is not
    /// UTF-8, is empty, has a blank column name (a blank first one over
    /// filled, distinct values is read as [`INDEX_COLUMN`]) or a repeated
    /// one, or has no
    /// data row.
    pub fn sample(path: &Path, rows: usize) -> Result<Input, Failure> {
        let shown = path.display();
        let name = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .filter(|stem| !stem.trim().is_empty())
            .ok_or_else(|| {
                Failure::Usage(format!("{shown}: no usable source name in the file name"))
            })?
            .to_string();
        refuse_utf16(path)?;
        let delimiter = delimiter(path)?;
        let mut reader = open_csv(path, delimiter)?;
        let file_len = file_length(path);
        let header = match reader.headers() {
            Ok(header) => header.clone(),
            Err(error) => return Err(read_failure(path, &error)),
        };
        if header.is_empty()
            || (header.len() == 1 && header.get(0).is_some_and(|h| h.trim().is_empty()))
        {
            return Err(Failure::Input(format!(
                "{shown}: the file is empty (a CSV header line is expected)"
            )));
        }
        let mut header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        let index_named = name_export_index(&mut header);
        check_header(path, &header)?;
        let mut sample = Vec::new();
        let mut record = csv::StringRecord::with_capacity(256, header.len() + 1);
        let mut any_row = false;
        while sample.len() < rows {
            match reader.read_record(&mut record) {
                Ok(true) => {
                    any_row = true;
                    let ended = at_end(&reader, file_len);
                    check_row_lines(path, &record, reader.position().line(), ended, header.len())?;
                    if record.len() == header.len() {
                        // Copied value by value: a clone copies the whole
                        // buffer, which one long value earlier in the file
                        // grew (100 rows after a 100 MB value took 13 GB).
                        sample.push(record.iter().collect());
                    }
                }
                Ok(false) => break,
                Err(error) => return Err(read_failure(path, &error)),
            }
        }
        if !any_row {
            return Err(Failure::Input(format!(
                "{shown}: the file has a header but no data rows"
            )));
        }
        if index_named && !labels_rows(&sample) {
            return Err(Failure::Input(format!(
                "{shown}:1: column 1 has an empty name (and its values are not an \
                 index: some are blank or repeat)"
            )));
        }
        let missing = missing_markers(header.len(), &sample);
        for row in &mut sample {
            blank_missing(row, &missing);
        }
        let integral = integral_float_columns(header.len(), &sample);
        for row in &mut sample {
            drop_zero_fractions(row, &[]);
        }
        Ok(Input {
            path: path.to_path_buf(),
            name,
            header,
            sample,
            delimiter,
            missing,
            integral,
        })
    }

    /// `row` as the sample holds it: each column's missing-value marker
    /// blank, whole numbers written as floats without their fraction,
    /// except in column `id` (a record id is written back as read).
    pub fn tidy(&self, row: &mut csv::StringRecord, id: Option<usize>) {
        blank_missing(row, &self.missing);
        drop_zero_fractions(row, id.as_slice());
    }

    /// The columns whose sampled values hold whole numbers written as
    /// floats, but `id`.
    pub fn integral_columns<'a>(&'a self, id: Option<&'a str>) -> impl Iterator<Item = &'a str> {
        self.header
            .iter()
            .zip(&self.integral)
            .filter(move |&(column, &integral)| integral && Some(column.as_str()) != id)
            .map(|(column, _)| column.as_str())
    }

    /// The columns with a missing-value marker, each with its marker.
    pub fn markers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.header
            .iter()
            .zip(&self.missing)
            .filter_map(|(column, marker)| Some((column.as_str(), marker.as_deref()?)))
    }

    /// The position of `column` in the header.
    pub fn position(&self, column: &str) -> Option<usize> {
        self.header.iter().position(|c| c == column)
    }
}

/// Refuses a file that starts with a UTF-16 byte-order mark: read as
/// UTF-8 it fails on its first bytes, with advice for latin1.
fn refuse_utf16(path: &Path) -> Result<(), Failure> {
    use std::io::Read;
    let mut start = [0u8; 2];
    let mut file = File::open(path).map_err(|error| Failure::input(path.display(), error))?;
    let read = file
        .read(&mut start)
        .map_err(|error| Failure::input(path.display(), error))?;
    let order = match &start[..read] {
        [0xFF, 0xFE] => "little-endian",
        [0xFE, 0xFF] => "big-endian",
        _ => return Ok(()),
    };
    Err(Failure::Input(format!(
        "{}: the file is UTF-16 ({order} byte-order mark), not UTF-8; \
         convert it first, e.g. `iconv -f UTF-16 -t UTF-8`",
        path.display()
    )))
}

/// The most lines one row may span. A quoted value may hold line breaks
/// (an address over two lines), but a row that runs on for this many
/// lines is a quote that was opened and never closed: the csv reader
/// would swallow the rest of the file into one value.
pub const MAX_ROW_LINES: u64 = 100;

/// Refuses a row that spans more than [`MAX_ROW_LINES`] lines, or
/// several lines with a value count that differs from the header's (a
/// quote opened and closed only by the next quote in the file, or by
/// none): an unbalanced quote, reported at the line where the row (and so
/// the quote) opened. `next_line` is the reader's line after the row,
/// `at_end` whether the file ends there.
pub fn check_row_lines(
    path: &Path,
    record: &csv::StringRecord,
    next_line: u64,
    at_end: bool,
    columns: usize,
) -> Result<(), Failure> {
    let Some(start) = record.position().map(|position| position.line()) else {
        return Ok(());
    };
    let spanned = next_line.saturating_sub(start);
    let miscounted = spanned > 1 && record.len() != columns;
    if spanned <= MAX_ROW_LINES && !miscounted {
        return Ok(());
    }
    let reach = if at_end {
        "to the end of the file".to_string()
    } else if spanned > MAX_ROW_LINES {
        format!("over {MAX_ROW_LINES} lines")
    } else {
        format!(
            "to line {} and leaves the row {} values for {columns} columns",
            next_line.saturating_sub(1),
            record.len()
        )
    };
    Err(Failure::Input(format!(
        "{}:{start}: a quoted value opened on this line runs {reach}: an unbalanced `\"`?",
        path.display()
    )))
}

/// The length of the file at `path`, to tell when a reader is at its end.
pub fn file_length(path: &Path) -> Option<u64> {
    std::fs::metadata(path).ok().map(|metadata| metadata.len())
}

/// Whether `reader` has read every byte of a file of `length` bytes (the
/// csv reader tells only once a read found nothing).
pub fn at_end(reader: &csv::Reader<File>, length: Option<u64>) -> bool {
    length.is_some_and(|length| reader.position().byte() >= length)
}

/// A reader of `path` that accepts rows of any length (they are checked
/// one by one) and a byte-order mark, with `delimiter` between values
/// (the file's [`delimiter`], found once by [`Input::sample`]).
pub fn open_csv(path: &Path, delimiter: u8) -> Result<csv::Reader<File>, Failure> {
    let file = File::open(path).map_err(|error| Failure::input(path.display(), error))?;
    Ok(csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(1 << 20)
        .from_reader(file))
}

/// The delimiters a header line may use, the comma first (it wins ties).
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The character between the values of `path`: of `,`, `;`, tab and
/// `|`, the one its first line (the header) holds most often outside
/// quotes; a comma when it holds none (one column) or on a tie. Spreadsheets
/// save `;`-separated files where the comma is the decimal mark.
///
/// # Errors
///
/// [`Failure::Input`] when the file cannot be read.
pub fn delimiter(path: &Path) -> Result<u8, Failure> {
    use std::io::Read;
    let file = File::open(path).map_err(|error| Failure::input(path.display(), error))?;
    let mut start = Vec::with_capacity(4096);
    file.take(64 * 1024)
        .read_to_end(&mut start)
        .map_err(|error| Failure::input(path.display(), error))?;
    Ok(delimiter_of(&start))
}

/// [`delimiter`] of a file that starts with `start`.
fn delimiter_of(start: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &byte in start {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(at) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[at] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for (at, &count) in counts.iter().enumerate() {
        if count > counts[best] {
            best = at;
        }
    }
    DELIMITERS[best]
}

/// Values exports write where one is missing, folded to lower case: R's
/// `NA`, SQL's `NULL` and `\N`, pandas' `nan`, spreadsheets' `#N/A`,
/// `N/A`, `None`, `nil`. Sorted.
const MISSING_MARKERS: [&str; 8] = ["#n/a", "\\n", "n/a", "na", "nan", "nil", "none", "null"];

/// The least share of a column's non-blank sampled values a marker must
/// make there to be read as missing: one record's `NA` may be a name
/// (the Korean family name `Na`), a column's habit is not.
const MISSING_SHARE: f64 = 0.05;

/// The fewest times a marker must occur in a column's sampled values to
/// be read as missing there: one `Na` among ten names is a name.
const MIN_MARKER_COUNT: usize = 3;

/// The share of two-letter codes among a column's other values above
/// which `NA` is a code there (Namibia), not a missing value.
const CODE_SHARE: f64 = 0.8;

/// Per column of `rows` (`columns` wide), the missing-value marker it
/// uses: the commonest of [`MISSING_MARKERS`] (as written, trimmed),
/// if it occurs at least [`MIN_MARKER_COUNT`] times and makes at least
/// [`MISSING_SHARE`] of the column's non-blank values; `NA` not where
/// the other values are mostly two-letter codes. A marker that is one
/// column's habit is the file's: another column that holds it as
/// written (`NA`, not `Na`), however rarely, reads it as missing too (an
/// R export whose second given name is mostly `NA` writes `NA` for the
/// one missing first name too).
pub fn missing_markers(columns: usize, rows: &[csv::StringRecord]) -> Vec<Option<String>> {
    let seen: Vec<SeenMarkers<'_>> = (0..columns)
        .map(|column| SeenMarkers::of(rows.iter().filter_map(|row| row.get(column))))
        .collect();
    let habits: Vec<Option<&str>> = seen.iter().map(SeenMarkers::habit).collect();
    seen.iter()
        .zip(&habits)
        .map(|(column, habit)| {
            habit
                .or_else(|| {
                    column
                        .commonest(|marker| {
                            habits.contains(&Some(marker)) && !column.is_code(marker)
                        })
                        .map(|(marker, _)| marker)
                })
                .map(str::to_string)
        })
        .collect()
}

/// The missing-value markers one column's sampled values hold.
struct SeenMarkers<'a> {
    /// The non-blank values.
    filled: usize,
    /// The other values of two ASCII letters.
    codes: usize,
    /// Each marker as written, with how often.
    found: BTreeMap<&'a str, usize>,
}

impl<'a> SeenMarkers<'a> {
    fn of(values: impl Iterator<Item = &'a str>) -> SeenMarkers<'a> {
        let mut seen = SeenMarkers {
            filled: 0,
            codes: 0,
            found: BTreeMap::new(),
        };
        for value in values {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            seen.filled += 1;
            if is_missing_marker(value) {
                *seen.found.entry(value).or_default() += 1;
            } else if value.len() == 2 && value.bytes().all(|b| b.is_ascii_alphabetic()) {
                seen.codes += 1;
            }
        }
        seen
    }

    /// The column's own habit: its commonest marker, if it occurs at
    /// least [`MIN_MARKER_COUNT`] times and makes at least
    /// [`MISSING_SHARE`] of the values, and is no code there.
    fn habit(&self) -> Option<&'a str> {
        let (marker, count) = self.commonest(|_| true)?;
        (count >= MIN_MARKER_COUNT
            && count as f64 >= MISSING_SHARE * self.filled as f64
            && !self.is_code(marker))
        .then_some(marker)
    }

    /// The commonest of the markers `allowed` keeps, with its count (of
    /// two as common, the first in order).
    fn commonest(&self, allowed: impl Fn(&str) -> bool) -> Option<(&'a str, usize)> {
        self.found
            .iter()
            .filter(|&(&marker, _)| allowed(marker))
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(&marker, &count)| (marker, count))
    }

    /// Whether `marker` is `NA` among values that are mostly two-letter
    /// codes (Namibia among countries), not a missing value.
    fn is_code(&self, marker: &str) -> bool {
        let others = self.filled - self.found.get(marker).copied().unwrap_or(0);
        marker.eq_ignore_ascii_case("na")
            && others > 0
            && self.codes as f64 >= CODE_SHARE * others as f64
    }
}

/// Whether `value` (trimmed) is one of [`MISSING_MARKERS`].
pub fn is_missing_marker(value: &str) -> bool {
    value.len() <= 4
        && MISSING_MARKERS
            .binary_search(&value.to_ascii_lowercase().as_str())
            .is_ok()
}

/// `row` with each value that is its column's marker (see
/// [`missing_markers`]) blank.
pub fn blank_missing(row: &mut csv::StringRecord, missing: &[Option<String>]) {
    rewrite_values(row, |at, value| {
        let marker = missing.get(at)?.as_deref()?;
        (value.trim() == marker).then_some("")
    });
}

/// `row` with each value that `new` gives another for (by position and
/// value) replaced; the row is copied only when some value changes.
fn rewrite_values(
    row: &mut csv::StringRecord,
    new: impl for<'v> Fn(usize, &'v str) -> Option<&'v str>,
) {
    if !row
        .iter()
        .enumerate()
        .any(|(at, value)| new(at, value).is_some())
    {
        return;
    }
    let mut rewritten = csv::StringRecord::with_capacity(row.as_slice().len(), row.len());
    for (at, value) in row.iter().enumerate() {
        rewritten.push_field(new(at, value).unwrap_or(value));
    }
    rewritten.set_position(row.position().cloned());
    *row = rewritten;
}

/// Per column of `rows` (`columns` wide), whether a value holds a whole
/// number written as a float (see [`zero_fraction`]): what the command
/// says it reads so.
pub fn integral_float_columns(columns: usize, rows: &[csv::StringRecord]) -> Vec<bool> {
    (0..columns)
        .map(|column| {
            rows.iter()
                .filter_map(|row| row.get(column))
                .any(|value| zero_fraction(value).is_some())
        })
        .collect()
}

/// `row` with the fraction of zeros dropped from each value that has
/// one (see [`zero_fraction`]), but in the columns `kept` (a record id,
/// a source name). Value by value, so that a change file of one row
/// reads as the file its state came from, whichever way each wrote its
/// numbers.
pub fn drop_zero_fractions(row: &mut csv::StringRecord, kept: &[usize]) {
    rewrite_values(row, |at, value| {
        (!kept.contains(&at))
            .then(|| zero_fraction(value))
            .flatten()
    });
}

/// The name given to a first column whose header is blank: the index
/// that pandas' `to_csv` and R's `write.csv` write by default (row
/// numbers or the table's own labels). It names the records when no
/// other column does (see `schema`).
pub const INDEX_COLUMN: &str = "index";

/// Names a blank first header [`INDEX_COLUMN`] when the file has other
/// columns and none has that name, and says whether it did; any other
/// blank header stays an error.
fn name_export_index(header: &mut [String]) -> bool {
    let taken = header.iter().any(|column| column == INDEX_COLUMN);
    match header {
        [first, _, ..] if first.is_empty() && !taken => {
            *first = INDEX_COLUMN.to_string();
            true
        }
        _ => false,
    }
}

/// Whether the first column of the sampled rows could be an index: every
/// value filled and none repeated (a data column whose header was left
/// blank seldom is; a concatenated table's index repeats).
fn labels_rows(sample: &[csv::StringRecord]) -> bool {
    let mut seen = std::collections::HashSet::with_capacity(sample.len());
    sample.iter().all(|row| {
        row.get(0)
            .map(str::trim)
            .is_some_and(|label| !label.is_empty() && seen.insert(label))
    })
}

/// Blank and repeated column names.
fn check_header(path: &Path, header: &[String]) -> Result<(), Failure> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (position, column) in header.iter().enumerate() {
        if column.is_empty() {
            return Err(Failure::Input(format!(
                "{}:1: column {} has an empty name",
                path.display(),
                position + 1
            )));
        }
        if let Some(first) = seen.insert(column, position) {
            return Err(Failure::Input(format!(
                "{}:1: column `{column}` appears twice (columns {} and {})",
                path.display(),
                first + 1,
                position + 1
            )));
        }
    }
    Ok(())
}

/// A read error as a message with the file and line.
pub fn read_failure(path: &Path, error: &csv::Error) -> Failure {
    let shown = path.display();
    match error.kind() {
        csv::ErrorKind::Utf8 { pos, err } => {
            let line = pos.as_ref().map_or(1, |pos| pos.line());
            Failure::Input(format!(
                "{shown}:{line}: the file is not UTF-8 (field {} holds invalid bytes); \
                 convert it first, e.g. `iconv -f latin1 -t utf-8`",
                err.field() + 1
            ))
        }
        csv::ErrorKind::Io(io) => Failure::input(shown, io),
        _ => {
            let line = error.position().map_or(0, |pos| pos.line());
            Failure::Input(format!("{shown}:{line}: {error}"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{
        blank_missing, delimiter_of, drop_zero_fractions, integral_float_columns, missing_markers,
        zero_fraction,
    };

    fn rows(values: &[&[&str]]) -> Vec<csv::StringRecord> {
        values
            .iter()
            .map(|row| csv::StringRecord::from(row.to_vec()))
            .collect()
    }

    #[test]
    fn a_column_s_habit_of_writing_na_or_null_is_read_as_missing() {
        // A second first name: mostly `NA`. A family name with one `Na`
        // among 40 names (a Korean family name, 2.5 %). Countries with
        // Namibia among two-letter codes. `NULL` and `\N` in lower or
        // upper case; a column without a marker.
        let mut values: Vec<Vec<&str>> = Vec::new();
        for at in 0..40 {
            let second = if at % 10 == 0 { "Maria" } else { "NA" };
            let family = if at == 7 { "Na" } else { "Kim" };
            let country = if at % 4 == 0 { "NA" } else { "DE" };
            let city = if at % 2 == 0 { "null" } else { "Berlin" };
            let zip = if at % 3 == 0 { "\\N" } else { "10115" };
            values.push(vec![second, family, country, city, zip, "x"]);
        }
        let values: Vec<&[&str]> = values.iter().map(Vec::as_slice).collect();
        let found = missing_markers(6, &rows(&values));
        assert_eq!(
            found,
            [
                Some("NA".to_string()),
                None,
                None,
                Some("null".to_string()),
                Some("\\N".to_string()),
                None
            ]
        );
        // Blank values do not count; at 1 in 20 of the rest, a habit.
        let mut values: Vec<&[&str]> = vec![&["", "Ann"]; 100];
        values.extend(vec![&["NA", "Ann"] as &[&str]; 3]);
        values.extend(vec![&["Ann", "Ann"] as &[&str]; 57]);
        assert_eq!(
            missing_markers(2, &rows(&values))[0],
            Some("NA".to_string())
        );
        values.push(&["Bob", "Bob"]);
        assert_eq!(missing_markers(2, &rows(&values))[0], None);
        // Twice is not a habit, however few the values.
        let twice: Vec<&[&str]> = vec![&["NA", "Ann"]; 2];
        assert_eq!(missing_markers(2, &rows(&twice))[0], None);
        let thrice: Vec<&[&str]> = vec![&["NA", "Ann"]; 3];
        assert_eq!(
            missing_markers(2, &rows(&thrice))[0],
            Some("NA".to_string())
        );
        assert_eq!(missing_markers(0, &[]), Vec::<Option<String>>::new());
    }

    #[test]
    fn a_marker_that_is_one_column_s_habit_is_the_file_s() {
        // An R export: the second given name mostly `NA`, the first
        // given name `NA` once (a missing value Febrl-style noise left),
        // the family name `Na` once (a name, not as written), the
        // country `NA` among codes (Namibia), the year `NULL` once (not
        // the file's habit).
        let mut values: Vec<Vec<&str>> = Vec::new();
        for at in 0..40 {
            let second = if at % 10 == 0 { "PETER" } else { "NA" };
            let first = if at == 3 { "NA" } else { "HANS" };
            let family = if at == 7 { "Na" } else { "KOCH" };
            let country = if at % 4 == 0 { "NA" } else { "DE" };
            let year = if at == 5 { "NULL" } else { "1945" };
            values.push(vec![second, first, family, country, year]);
        }
        let values: Vec<&[&str]> = values.iter().map(Vec::as_slice).collect();
        let na = Some("NA".to_string());
        assert_eq!(
            missing_markers(5, &rows(&values)),
            [na.clone(), na, None, None, None]
        );
    }

    #[test]
    fn marked_values_are_blanked_in_their_columns_only() {
        let missing = [Some("NA".to_string()), None];
        let mut row = csv::StringRecord::from(vec![" NA ", "NA"]);
        blank_missing(&mut row, &missing);
        assert_eq!(row, csv::StringRecord::from(vec!["", "NA"]));
        let mut row = csv::StringRecord::from(vec!["Ann", "NA", "extra"]);
        blank_missing(&mut row, &missing);
        assert_eq!(row, csv::StringRecord::from(vec!["Ann", "NA", "extra"]));
    }

    #[test]
    fn the_header_line_gives_the_delimiter() {
        assert_eq!(delimiter_of(b"id,given,family\n1,Ann,Lee"), b',');
        assert_eq!(delimiter_of(b"id;given;family\r\n1;Ann;Lee"), b';');
        assert_eq!(delimiter_of(b"id\tgiven\tfamily"), b'\t');
        assert_eq!(delimiter_of(b"id|given|family"), b'|');
        // Inside quotes a delimiter is text; after the first line, data.
        assert_eq!(delimiter_of(b"\"a;b;c\",d,e"), b',');
        assert_eq!(delimiter_of(b"\"id, no\";given;family"), b';');
        assert_eq!(delimiter_of(b"id,name\n1;2;3;4;5"), b',');
        // One column, an empty file, a tie: the comma.
        assert_eq!(delimiter_of(b"name\nAnn"), b',');
        assert_eq!(delimiter_of(b""), b',');
        assert_eq!(delimiter_of(b"a;b,c"), b',');
    }

    #[test]
    fn whole_numbers_written_as_floats_are_read_whole() {
        assert_eq!(zero_fraction(" 1945.0 "), Some("1945"));
        assert_eq!(zero_fraction("-3.00"), Some("-3"));
        assert_eq!(zero_fraction("0123.0"), Some("0123"));
        for other in [
            "1945", "1945.", ".0", "-.0", "1.5", "1.05", "1e5", "1.0e3", "NaN", "1.0.0", "+1.0",
            "0x1.0", "", "-", "١.0", "A12.0",
        ] {
            assert_eq!(zero_fraction(other), None, "{other}");
        }
        let rows: Vec<csv::StringRecord> = [["85076.0", "1", "2.5", "x"], ["", "2.0", "3", "y"]]
            .iter()
            .map(|row| csv::StringRecord::from(row.to_vec()))
            .collect();
        assert_eq!(integral_float_columns(4, &rows), [true, true, false, false]);
        assert_eq!(integral_float_columns(2, &[]), [false, false]);

        let mut row = csv::StringRecord::from(vec!["85076.0", "1.0", "2.5", "3", "7.00"]);
        drop_zero_fractions(&mut row, &[1]);
        assert_eq!(
            row,
            csv::StringRecord::from(vec!["85076", "1.0", "2.5", "3", "7"])
        );
        let mut untouched = csv::StringRecord::from(vec!["85076", "x"]);
        drop_zero_fractions(&mut untouched, &[]);
        assert_eq!(untouched, csv::StringRecord::from(vec!["85076", "x"]));
    }
}
