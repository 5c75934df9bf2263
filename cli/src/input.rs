//! Input files: the checks every CSV file must pass before anything is
//! ingested (a usable name, UTF-8, a header with distinct names, at
//! least one data row), and read errors as `file:line: reason`.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::{Path, PathBuf};

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
}

impl Input {
    /// The path's source name, header and first `rows` rows.
    ///
    /// # Errors
    ///
    /// [`Failure::Usage`] for a file name without a usable stem;
    /// [`Failure::Input`] for a file that cannot be opened, is not
    /// UTF-8, is empty, has a blank or repeated column name, or has no
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
        let header: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
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
        Ok(Input {
            path: path.to_path_buf(),
            name,
            header,
            sample,
            delimiter,
        })
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
    use super::delimiter_of;

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
}
