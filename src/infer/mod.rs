//! Schema inference for tabular input: which [`FieldKind`] each column
//! holds, which column is the record id, and which columns to ignore.
//!
//! A command-line tool reading CSV files cannot ask its user to declare
//! every column. [`infer_schema`] keeps the kinds the user did declare,
//! reads the header and a bounded sample of values of every other column,
//! and decides, with a reason a person can check:
//!
//! ```text
//! rec_id         record id     header `rec_id` and all 1000 sampled values are distinct
//! given_name     given_name    header `given_name` means given_name
//! contact        email         no header hint; 98% of values are e-mail addresses
//! created_at     timestamp metadata  header `created_at` records when something happened ...
//! ```
//!
//! # How a column is decided
//!
//! 1. A declared column keeps its declared kind (or stays ignored).
//! 2. A column without non-empty values, or whose values are all the
//!    same, is ignored: it cannot tell records apart.
//! 3. The header is read in any case and style (`First Name`,
//!    `first_name`, `firstName`, `FNAME`) and in several languages
//!    (`vorname`, `prénom`, `apellido`, `courriel`, `plz`, ...). When it
//!    names a kind and the values are compatible with it, the header
//!    decides. Values that clearly contradict it win: a `phone` column
//!    full of e-mail addresses holds e-mail addresses.
//! 4. Without a header hint, the values decide, tested with the crate's
//!    own parsers: e-mail addresses, dates, phone numbers, postcode
//!    shapes, numbers, codes mixing letters and digits, company words
//!    (Inc, Ltd, GmbH, ...), street addresses, long free text, small
//!    vocabularies (categories), person names (known given names).
//!
//! A column that says when a record was created, updated or last seen
//! (`created_at`, `updated_at`, `modified`, `last_seen`, `timestamp`)
//! and holds dates or times becomes [`FieldKind::Timestamp`]
//! [metadata](crate::SchemaBuilder::metadata)
//! ([`ColumnRole::Metadata`]): kept for survivorship (for example as
//! the [timestamp field](crate::survive::SurvivorshipRulesBuilder::timestamp_field)
//! of the most-recent rule) and output, never compared.
//!
//! Columns that would hurt matching are ignored: other record-keeping
//! dates (`last_login`, `signup`) and record-keeping columns without
//! dates, a bare `date` (it usually dates an
//! event, not the entity; a header with `birth`, `dob`, `born` is a
//! date of birth, and a column of dates under a header that says
//! nothing is a date too), account state (`status`, `opt_in`),
//! amounts and counts, coordinates (they repeat the place and vary with
//! geocoding), numbers of documents several entities share (`patent`,
//! `order_id`), notes, row numbers, yes/no flags and anything that looks
//! like a ground-truth label (`cluster_id`). The id of a group several
//! entities share is ignored too: by its header (a group word before an
//! id word: `household_id`, `employer_no`) or by its values (an
//! identifier whose repeated values mostly belong to records with
//! differently named people or organisations). A title is text when its
//! values are free text (a patent's title), else a category (`Dr`, a job
//! title). An `age` or year of birth is
//! [`FieldKind::Numeric`], but ignored when a date column is kept: it
//! repeats the date of birth and goes stale between sources. A street
//! number column is a [`FieldKind::Category`]: compared exactly, never
//! blocked on.
//!
//! A date kept in three columns (`by`, `bm`, `bd`; `birth_year`,
//! `birth_month`, `birth_day`) is found by [`find_date_parts`] and read
//! as one [`FieldKind::Date`] by a program that composes each row's value
//! with [`DateParts::compose`] (the `sameas` command does): taken one by
//! one, its parts are numbers that say little.
//!
//! Only the first [`MAX_SAMPLE_VALUES`] non-empty values of a column (in
//! at most [`MAX_SAMPLE_ROWS`] rows) are read, each cut to
//! [`MAX_SAMPLED_VALUE_BYTES`], so inference costs the same for any file
//! size. Everything is deterministic: the same input gives the same
//! decisions and reasons.
//!
//! # Examples
//!
//! ```
//! use sameas::infer::{infer_schema, ColumnRole};
//! use sameas::FieldKind;
//!
//! let headers = ["id", "First Name", "e-mail", "created_at"];
//! let rows = [
//!     ["1", "Kelly", "k.neal@example.com", "2024-01-02 10:11:12"],
//!     ["2", "Mary", "mary@example.org", "2024-01-03 09:00:01"],
//!     ["3", "John", "jsmith@example.net", "2024-01-05 17:45:00"],
//! ];
//! let inferred = infer_schema(&headers, &rows, &[])?;
//! assert_eq!(inferred.record_id_column(), Some("id"));
//! let kinds: Vec<ColumnRole> = inferred.columns().iter().map(|c| c.role()).collect();
//! assert_eq!(
//!     kinds,
//!     [
//!         ColumnRole::RecordId,
//!         ColumnRole::Field(FieldKind::GivenName),
//!         ColumnRole::Field(FieldKind::Email),
//!         ColumnRole::Metadata(FieldKind::Timestamp),
//!     ]
//! );
//! assert_eq!(inferred.schema().len(), 3);
//! assert!(inferred.schema().fields()[2].is_metadata());
//! # Ok::<(), sameas::Error>(())
//! ```

mod date_parts;
mod header;
mod profile;

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::fmt;

pub use crate::error::InferError;
pub use date_parts::{DateParts, find_date_parts, zero_fraction};
pub use header::header_words;

use crate::error::{BuildError, Result};
use crate::normalize::fold_text;
use crate::schema::{FieldKind, Schema};

use header::{HeaderHint, RECORD_KEEPING, is_sensitive_header, read_header};
use profile::{Profile, SampledValue};

/// At most this many non-empty values of a column are sampled.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::infer::MAX_SAMPLE_VALUES, 1000);
/// ```
pub const MAX_SAMPLE_VALUES: usize = 1000;

/// [`infer_schema`] reads at most this many rows, even when a sparse
/// column has fewer than [`MAX_SAMPLE_VALUES`] values by then.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::infer::MAX_SAMPLE_ROWS, 10_000);
/// ```
pub const MAX_SAMPLE_ROWS: usize = 10_000;

/// Sampled values are cut to at most this many bytes (at a char
/// boundary); a longer value counts as free text.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::infer::MAX_SAMPLED_VALUE_BYTES, 128);
/// ```
pub const MAX_SAMPLED_VALUE_BYTES: usize = 128;

/// What a column becomes.
///
/// # Examples
///
/// ```
/// use sameas::infer::ColumnRole;
/// use sameas::FieldKind;
///
/// assert_eq!(ColumnRole::Field(FieldKind::Email).kind(), Some(FieldKind::Email));
/// assert_eq!(ColumnRole::RecordId.kind(), None);
/// assert_eq!(ColumnRole::Ignored.to_string(), "ignored");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ColumnRole {
    /// A schema field of this kind.
    Field(FieldKind),
    /// A [metadata](crate::SchemaBuilder::metadata) field of this kind:
    /// kept and output, usable by survivorship, never compared. Columns
    /// that say when a record was created, updated or last seen
    /// (`created_at`, `updated_at`, `modified`, `last_seen`) whose values
    /// are dates or times become [`FieldKind::Timestamp`] metadata.
    Metadata(FieldKind),
    /// The records' id: not compared, used to name records.
    RecordId,
    /// Not used for matching.
    Ignored,
}

impl ColumnRole {
    /// The field kind, for [`ColumnRole::Field`] and
    /// [`ColumnRole::Metadata`].
    pub fn kind(self) -> Option<FieldKind> {
        match self {
            ColumnRole::Field(kind) | ColumnRole::Metadata(kind) => Some(kind),
            ColumnRole::RecordId | ColumnRole::Ignored => None,
        }
    }
}

impl fmt::Display for ColumnRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ColumnRole::Field(kind) => write!(f, "{kind}"),
            ColumnRole::Metadata(kind) => write!(f, "{kind} metadata"),
            ColumnRole::RecordId => f.write_str("record id"),
            ColumnRole::Ignored => f.write_str("ignored"),
        }
    }
}

/// What a decision rests on.
///
/// # Examples
///
/// ```
/// use sameas::infer::{infer_column, Basis};
///
/// assert_eq!(infer_column("contact", &["a@example.com", "b@example.org"]).basis(), Basis::Values);
/// assert_eq!(infer_column("email", &["a@example.com", "b@example.org"]).basis(), Basis::Header);
/// assert_eq!(infer_column("phone", &["a@example.com", "b@example.org"]).basis(), Basis::ValuesOverHeader);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Basis {
    /// The caller declared the column.
    Declared,
    /// The header named the role and the values did not contradict it.
    Header,
    /// The header said nothing useful; the values decided.
    Values,
    /// The values contradicted the header and won.
    ValuesOverHeader,
    /// The column had no non-empty value to look at.
    NoValues,
}

/// The decision about one column, with its reason.
///
/// # Examples
///
/// ```
/// use sameas::infer::infer_column;
/// use sameas::FieldKind;
///
/// let inference = infer_column("e_mail", &["ann@example.com", "bob@example.org", "n/a"]);
/// assert_eq!(inference.kind(), Some(FieldKind::Email));
/// assert_eq!(
///     inference.reason(),
///     "header `e_mail` means email, and 67% of values are e-mail addresses"
/// );
/// assert_eq!(inference.to_string(), "e_mail: email (header `e_mail` means email, and 67% of values are e-mail addresses)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inference {
    column: String,
    role: ColumnRole,
    basis: Basis,
    reason: String,
    sampled: usize,
    distinct: usize,
    items: Option<char>,
}

impl Inference {
    /// The column's header.
    pub fn column(&self) -> &str {
        &self.column
    }

    /// What the column becomes.
    pub fn role(&self) -> ColumnRole {
        self.role
    }

    /// The field kind, or `None` for an ignored column or the record id.
    pub fn kind(&self) -> Option<FieldKind> {
        self.role.kind()
    }

    /// What the decision rests on.
    pub fn basis(&self) -> Basis {
        self.basis
    }

    /// Why, in a sentence for people.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::infer::infer_column;
    /// assert_eq!(infer_column("x", &["AU", "AU"]).reason(), "all 2 sampled values are the same, so it cannot tell records apart");
    /// ```
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// How many non-empty values were looked at (0 for declared columns).
    ///
    /// # Examples
    ///
    /// ```
    /// assert_eq!(sameas::infer::infer_column("x", &["a", "", "b"]).sampled_values(), 2);
    /// ```
    pub fn sampled_values(&self) -> usize {
        self.sampled
    }
}

impl Inference {
    /// How many distinct values were among those looked at (values cut
    /// to [`MAX_SAMPLED_VALUE_BYTES`] are compared as cut).
    pub fn distinct_values(&self) -> usize {
        self.distinct
    }

    /// The character between a set's items when it is not the default
    /// `|` or `;` (see
    /// [`SchemaBuilder::items_separated_by`](crate::SchemaBuilder::items_separated_by)):
    /// `,` for a set whose values are lists `A, B` (a header that names
    /// a set, or a column declared one).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::FieldKind;
    /// use sameas::infer::infer_column;
    ///
    /// let lists = ["H01L21/02, G06F3/01, G06F3/041", "B60L53/10, H02J7/00, H02J7/02"];
    /// let classes = infer_column("cpc_codes", &lists);
    /// assert_eq!(classes.kind(), Some(FieldKind::Set));
    /// assert_eq!(classes.item_separator(), Some(','));
    /// assert_eq!(infer_column("cpc_codes", &["H01L21/02|G06F3/01"]).item_separator(), None);
    /// ```
    pub fn item_separator(&self) -> Option<char> {
        self.items
    }

    /// Whether every value looked at was distinct (and there was one).
    fn has_unique_values(&self) -> bool {
        self.sampled > 0 && self.distinct == self.sampled
    }
}

impl fmt::Display for Inference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} ({})", self.column, self.role, self.reason)
    }
}

/// A schema inferred from a table, with the decision about every column.
///
/// # Examples
///
/// ```
/// use sameas::infer::infer_schema;
///
/// let rows = [["Ann", "ann@example.com"], ["Bob", "bob@example.org"]];
/// let inferred = infer_schema(&["given", "email"], &rows, &[])?;
/// assert_eq!(inferred.schema().len(), 2);
/// assert_eq!(inferred.to_string().lines().count(), 2);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredSchema {
    schema: Schema,
    record_id: Option<usize>,
    columns: Vec<Inference>,
}

impl InferredSchema {
    /// The schema of the kept columns, in column order; field names are
    /// the headers.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The schema, consuming the inference.
    pub fn into_schema(self) -> Schema {
        self.schema
    }

    /// The header of the record-id column, if one was found.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::infer::infer_schema;
    /// let rows = [["c-1", "ann@example.com"], ["c-2", "bob@example.org"]];
    /// assert_eq!(infer_schema(&["rec_id", "email"], &rows, &[])?.record_id_column(), Some("rec_id"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn record_id_column(&self) -> Option<&str> {
        self.record_id
            .and_then(|index| self.columns.get(index))
            .map(Inference::column)
    }

    /// The position of the record-id column in the header.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::infer::infer_schema;
    /// let rows = [["ann@example.com", "c-1"], ["bob@example.org", "c-2"]];
    /// assert_eq!(infer_schema(&["email", "id"], &rows, &[])?.record_id_position(), Some(1));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn record_id_position(&self) -> Option<usize> {
        self.record_id
    }

    /// The decision about every column, in header order.
    pub fn columns(&self) -> &[Inference] {
        &self.columns
    }

    /// The decision about the column with this header.
    pub fn column(&self, header: &str) -> Option<&Inference> {
        self.columns.iter().find(|column| column.column == header)
    }
}

impl fmt::Display for InferredSchema {
    /// One line per column: header, role, reason, aligned.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .columns
            .iter()
            .map(|c| c.column.chars().count())
            .max()
            .unwrap_or(0)
            .min(40);
        for column in &self.columns {
            writeln!(
                f,
                "{:<width$}  {:<12}  {}",
                column.column,
                column.role.to_string(),
                column.reason
            )?;
        }
        Ok(())
    }
}

/// Infers what one column holds from its header and values.
///
/// Blank values are skipped; at most the first [`MAX_SAMPLE_VALUES`]
/// non-empty values are read. An id-like header (`id`, `rec_id`) over
/// distinct values gives [`ColumnRole::RecordId`]; [`infer_schema`] keeps
/// only the first such column as the record id.
///
/// # Examples
///
/// ```
/// use sameas::infer::{infer_column, ColumnRole};
/// use sameas::FieldKind;
///
/// assert_eq!(infer_column("Vorname", &["Anna", "Jürgen"]).kind(), Some(FieldKind::GivenName));
/// let contact = infer_column("contact", &["ann@example.com", "bob@example.org"]);
/// assert_eq!(contact.kind(), Some(FieldKind::Email));
/// assert_eq!(contact.reason(), "no header hint; 100% of values are e-mail addresses");
/// assert_eq!(infer_column("latitude", &["51.5", "48.1"]).role(), ColumnRole::Ignored);
/// ```
pub fn infer_column<S: AsRef<str>>(header: &str, values: &[S]) -> Inference {
    let sample: Vec<SampledValue> = values
        .iter()
        .filter_map(|value| SampledValue::new(value.as_ref(), MAX_SAMPLED_VALUE_BYTES))
        .take(MAX_SAMPLE_VALUES)
        .collect();
    decide(header, &Profile::of(&sample))
}

/// Infers a schema from a table: keeps the `declared` kinds (`None`
/// declares a column ignored), infers every other column with
/// [`infer_column`], picks the record-id column, and builds the
/// [`Schema`] of the kept columns.
///
/// `rows` may be any iterator of rows (slices, arrays or vectors of
/// `&str` or `String`); it is read until every undeclared column, and
/// every column declared a [`FieldKind::Set`] (whose values may be lists
/// `A, B, C`: see [`Inference::item_separator`]), has
/// [`MAX_SAMPLE_VALUES`] non-empty values, or for [`MAX_SAMPLE_ROWS`]
/// rows, whichever comes first. Only the rows read are checked for
/// length.
///
/// After the columns are decided: the first record-id column is kept
/// as the record id, and any later one becomes an identifier; an age
/// or year-of-birth column is ignored when a date column is kept. Date
/// fields, and identifiers whose header names a national or tax number,
/// are marked sensitive.
///
/// # Errors
///
/// The crate's [`Error`](crate::Error), wrapping:
///
/// - [`InferError::EmptyColumnName`] for a blank header;
/// - [`InferError::DuplicateColumn`] for a header that appears twice;
/// - [`BuildError::UnknownField`] for a declared column not in the header, and
///   [`BuildError::DuplicateField`] for a column declared twice;
/// - [`InferError::RaggedRow`] for a row whose length differs from the header's;
/// - [`InferError::NoMatchableColumn`] when every column is ignored or the
///   record id (the message gives each column's reason);
/// - [`BuildError::TooManyFields`] beyond [`crate::MAX_FIELDS`] kept columns.
///
/// # Examples
///
/// ```
/// use sameas::infer::{infer_schema, InferError};
/// use sameas::{Error, FieldKind};
///
/// let headers = ["cust", "notes", "zip"];
/// let rows = vec![
///     vec!["C-1", "VIP", "02139"],
///     vec!["C-2", "called twice", "10001"],
///     vec!["C-3", "", "94105"],
/// ];
/// // `cust` is declared an identifier; the others are inferred.
/// let inferred = infer_schema(&headers, &rows, &[("cust", Some(FieldKind::Identifier))])?;
/// let fields: Vec<_> = inferred.schema().fields().iter().map(|f| (f.name(), f.kind())).collect();
/// assert_eq!(fields, [("cust", FieldKind::Identifier), ("zip", FieldKind::Postcode)]);
///
/// assert_eq!(
///     infer_schema(&["a", "b"], &[vec!["1"]], &[]),
///     Err(Error::Infer(InferError::RaggedRow { row: 1, expected: 2, found: 1 }))
/// );
/// # Ok::<(), sameas::Error>(())
/// ```
pub fn infer_schema<H, I, R, S>(
    headers: &[H],
    rows: I,
    declared: &[(&str, Option<FieldKind>)],
) -> Result<InferredSchema>
where
    H: AsRef<str>,
    I: IntoIterator<Item = R>,
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let headers: Vec<&str> = headers.iter().map(AsRef::as_ref).collect();
    check_headers(&headers)?;
    let declared_at = declared_positions(&headers, declared)?;
    let (samples, sampled_rows) = sample_columns(&headers, &declared_at, rows)?;
    // Declared columns but sets are not sampled: their profiles are
    // empty.
    let profiles: Vec<Profile> = samples.iter().map(|sample| Profile::of(sample)).collect();

    let mut columns: Vec<Inference> = headers
        .iter()
        .zip(&declared_at)
        .zip(&profiles)
        .map(|((&header, declared), profile)| match declared {
            Some(kind) => declared_inference(header, *kind, profile),
            None => decide(header, profile),
        })
        .collect();
    settle_given_names(&mut columns, &profiles);
    drop_group_identifiers(&mut columns, &samples, &sampled_rows);
    let record_id = settle_record_id(&mut columns, &profiles);
    drop_age_next_to_dates(&mut columns);

    let mut builder = Schema::builder();
    for column in &columns {
        if let ColumnRole::Metadata(kind) = column.role {
            builder.metadata(column.column.as_str(), kind);
        }
        if let (Some(FieldKind::Set), Some(separator)) = (column.role.kind(), column.items) {
            builder.items_separated_by(column.column.as_str(), separator);
        }
        if let ColumnRole::Field(kind) = column.role {
            let sensitive = kind == FieldKind::Date
                || kind == FieldKind::Identifier
                || is_sensitive_header(&column.column);
            if sensitive {
                builder.sensitive_field(column.column.as_str(), kind);
            } else {
                builder.field(column.column.as_str(), kind);
            }
        }
    }
    if !columns
        .iter()
        .any(|c| matches!(c.role, ColumnRole::Field(_)))
    {
        let reasons: Vec<String> = columns
            .iter()
            .map(|c| format!("`{}`: {}", c.column, c.reason))
            .collect();
        return Err(InferError::NoMatchableColumn(reasons.join("; ")).into());
    }
    Ok(InferredSchema {
        schema: builder.build()?,
        record_id,
        columns,
    })
}

/// Blank or repeated headers are errors (positions count from 1); the
/// repeat reported is the earliest in header order.
fn check_headers(headers: &[&str]) -> Result<(), InferError> {
    if let Some(index) = headers.iter().position(|h| h.trim().is_empty()) {
        return Err(InferError::EmptyColumnName {
            position: index + 1,
        });
    }
    // Sorting by (header, position) puts each repeat right after the
    // header's first appearance, so wide tables stay cheap to check.
    let mut sorted: Vec<(&str, usize)> = headers.iter().copied().zip(0..).collect();
    sorted.sort_unstable();
    let mut earliest: Option<(usize, usize)> = None;
    let mut run_start: Option<(&str, usize)> = None;
    for &(header, index) in &sorted {
        match run_start {
            Some((name, first)) if name == header => {
                let is_earlier = match earliest {
                    Some((_, second)) => index < second,
                    None => true,
                };
                if is_earlier {
                    earliest = Some((first, index));
                }
            }
            _ => run_start = Some((header, index)),
        }
    }
    match earliest {
        Some((first, second)) => Err(InferError::DuplicateColumn {
            name: headers.get(second).copied().unwrap_or_default().to_string(),
            first: first + 1,
            second: second + 1,
        }),
        None => Ok(()),
    }
}

/// For each column, its declared role if declared.
fn declared_positions(
    headers: &[&str],
    declared: &[(&str, Option<FieldKind>)],
) -> Result<Vec<Option<Option<FieldKind>>>, BuildError> {
    let mut declared_at = vec![None; headers.len()];
    for (index, &(name, kind)) in declared.iter().enumerate() {
        let repeated = declared
            .get(..index)
            .is_some_and(|earlier| earlier.iter().any(|(e, _)| *e == name));
        if repeated {
            return Err(BuildError::DuplicateField(name.to_string()));
        }
        let position = headers
            .iter()
            .position(|header| *header == name)
            .ok_or_else(|| BuildError::UnknownField(name.to_string()))?;
        if let Some(slot) = declared_at.get_mut(position) {
            *slot = Some(kind);
        }
    }
    Ok(declared_at)
}

/// The sampled values of every column, and the row each came from.
type Samples = (Vec<Vec<SampledValue>>, Vec<Vec<usize>>);

/// Reads rows until every undeclared column and every declared set
/// (see [`is_sampled`]) is sampled in full or [`MAX_SAMPLE_ROWS`] rows
/// are read.
fn sample_columns<I, R, S>(
    headers: &[&str],
    declared_at: &[Option<Option<FieldKind>>],
    rows: I,
) -> Result<Samples, InferError>
where
    I: IntoIterator<Item = R>,
    R: AsRef<[S]>,
    S: AsRef<str>,
{
    let mut samples: Vec<Vec<SampledValue>> = vec![Vec::new(); headers.len()];
    let mut sampled_rows: Vec<Vec<usize>> = vec![Vec::new(); headers.len()];
    let is_full = |samples: &[Vec<SampledValue>]| {
        samples
            .iter()
            .zip(declared_at)
            .all(|(sample, &declared)| !is_sampled(declared) || sample.len() >= MAX_SAMPLE_VALUES)
    };
    for (index, row) in rows.into_iter().take(MAX_SAMPLE_ROWS).enumerate() {
        if is_full(&samples) {
            break;
        }
        let row = row.as_ref();
        if row.len() != headers.len() {
            return Err(InferError::RaggedRow {
                row: index + 1,
                expected: headers.len(),
                found: row.len(),
            });
        }
        let columns = samples.iter_mut().zip(&mut sampled_rows).zip(row);
        for (((sample, from_rows), value), declared) in columns.zip(declared_at) {
            if !is_sampled(*declared) || sample.len() >= MAX_SAMPLE_VALUES {
                continue;
            }
            if let Some(sampled) = SampledValue::new(value.as_ref(), MAX_SAMPLED_VALUE_BYTES) {
                sample.push(sampled);
                from_rows.push(index);
            }
        }
    }
    Ok((samples, sampled_rows))
}

/// Whether a column declared so (`None`: not declared) is sampled: an
/// undeclared one for its kind, a declared set for its item separator
/// (see [`Inference::item_separator`]).
fn is_sampled(declared: Option<Option<FieldKind>>) -> bool {
    matches!(declared, None | Some(Some(FieldKind::Set)))
}

fn declared_inference(header: &str, kind: Option<FieldKind>, profile: &Profile) -> Inference {
    let items = (kind == Some(FieldKind::Set) && comma_lists(profile)).then_some(',');
    let (role, reason) = match kind {
        Some(FieldKind::Set) if items.is_some() => (
            ColumnRole::Field(FieldKind::Set),
            format!("declared as set, {LISTED_OTHERWISE}"),
        ),
        Some(FieldKind::Set) if listed_otherwise(profile) => (
            ColumnRole::Field(FieldKind::Set),
            "declared as set; values written `A, B` (two parts, as names written family \
             name first are) are compared whole: write `|` or `;` between items"
                .to_string(),
        ),
        Some(kind) => (ColumnRole::Field(kind), format!("declared as {kind}")),
        None => (ColumnRole::Ignored, "declared ignored".to_string()),
    };
    Inference {
        column: header.to_string(),
        role,
        basis: Basis::Declared,
        reason,
        sampled: 0,
        distinct: 0,
        items,
    }
}

/// Keeps the first record-id column; later ones become identifiers.
/// Without an id-like header, a first column of distinct codes that the
/// values alone made an identifier is taken as the record id, as tables
/// usually put it there (after the row numbers an export may write
/// first, such as pandas' index), unless the codes are written like
/// social security numbers: a person's number, the strongest evidence
/// there is, which a record id would never compare.
fn settle_record_id(columns: &mut [Inference], profiles: &[Profile]) -> Option<usize> {
    let Some(first) = columns.iter().position(|c| c.role == ColumnRole::RecordId) else {
        // An export's row numbers (pandas' index) may come first.
        let numbers_rows = |c: &Inference| {
            c.role == ColumnRole::Ignored
                && read_header(&c.column) == Some(HeaderHint::Ignore(header::ROW_NUMBER))
        };
        let at = columns.iter().position(|c| !numbers_rows(c))?;
        let personal = profiles
            .get(at)
            .is_some_and(|profile| profile.at_least(profile.social_security_shaped, 80));
        let leading = columns.get_mut(at)?;
        let is_leading_id = leading.basis == Basis::Values
            && leading.role == ColumnRole::Field(FieldKind::Identifier)
            && leading.has_unique_values()
            && !personal;
        if !is_leading_id {
            return None;
        }
        let place = if at == 0 {
            "in the first column"
        } else {
            "first after the row numbers"
        };
        leading.role = ColumnRole::RecordId;
        leading.reason = format!(
            "{}, all {} distinct, {place}: the record id",
            leading.reason, leading.sampled
        );
        return Some(at);
    };
    let first_name = columns
        .get(first)
        .map(|c| c.column.clone())
        .unwrap_or_default();
    for column in columns.iter_mut().skip(first + 1) {
        if column.role == ColumnRole::RecordId {
            column.role = ColumnRole::Field(FieldKind::Identifier);
            column.reason = format!(
                "{}; `{first_name}` is already the record id, so this is an identifier",
                column.reason
            );
        }
    }
    Some(first)
}

/// A column needs at least this share (%) of known given names to be
/// read as given names beside other name columns (see
/// [`settle_given_names`]); alone it needs 40.
const MIN_GIVEN_SHARE_BESIDE_NAMES: usize = 20;

/// A table whose headers do not say which name column holds given
/// names: none reads as given or whole names, and besides family names
/// (by header or by values) another column of single names was read from
/// its values alone as family names or places (a small table's given
/// names repeat like a town's). The list of known given names misses
/// many names of some origins (`Yuusuke`, `Prakash`), so a column of
/// given names can fall under the share one column alone needs; beside
/// the family names it stands out. The column read from values with the
/// most known given names becomes given names when it has at least
/// [`MIN_GIVEN_SHARE_BESIDE_NAMES`] % of them, three times the share of
/// every other such column, and another column holds family names.
fn settle_given_names(columns: &mut [Inference], profiles: &[Profile]) {
    let reads = |kind| columns.iter().any(|c| c.role == ColumnRole::Field(kind));
    if reads(FieldKind::GivenName) || reads(FieldKind::FullName) {
        return;
    }
    // (position, read from values alone, a family name, known given %)
    let shares: Vec<(usize, bool, bool, usize)> = columns
        .iter()
        .zip(profiles)
        .enumerate()
        .filter_map(|(at, (c, profile))| {
            let from_values = c.basis == Basis::Values;
            let family = c.role == ColumnRole::Field(FieldKind::FamilyName);
            let place = from_values && c.role == ColumnRole::Field(FieldKind::City);
            (family || place).then(|| {
                (
                    at,
                    from_values,
                    family,
                    profile.percent(profile.given_single),
                )
            })
        })
        .collect();
    // The first of equal shares: tables put the given name first.
    let Some(&(best, _, _, share)) = shares
        .iter()
        .filter(|&&(_, from_values, _, _)| from_values)
        .rev()
        .max_by_key(|&&(_, _, _, share)| share)
    else {
        return;
    };
    let others = || shares.iter().filter(|&&(at, ..)| at != best);
    let Some(next) = others().map(|&(.., share)| share).max() else {
        return;
    };
    let family_left = others().any(|&(_, _, family, _)| family);
    if !family_left || share < MIN_GIVEN_SHARE_BESIDE_NAMES || next.saturating_mul(3) > share {
        return;
    }
    if let Some(column) = columns.get_mut(best) {
        column.role = ColumnRole::Field(FieldKind::GivenName);
        column.reason = format!(
            "{}; but the other columns of single names have at most {next}%: given names",
            column.reason
        );
    }
}

/// Below this many records that repeat an earlier record's identifier
/// (with a name on both), a sample says nothing about who shares it.
const MIN_REPEATED_IDENTIFIERS: usize = 10;

/// An inferred identifier whose repeated values mostly belong to records
/// with differently named entities numbers a group (a household, an
/// employer, a chain), not an entity: matching on it would join the
/// group's members, so it is ignored. Names are told apart by their
/// first letter, which typos and most misspellings keep. The name is the
/// first given name column, else full name, else organisation, else
/// family name (members of a household share it, and an organisation's
/// contacts differ in it, so it serves only without the others).
fn drop_group_identifiers(
    columns: &mut [Inference],
    samples: &[Vec<SampledValue>],
    sampled_rows: &[Vec<usize>],
) {
    let name_kinds = [
        FieldKind::GivenName,
        FieldKind::FullName,
        FieldKind::Organisation,
        FieldKind::FamilyName,
    ];
    let Some(name_column) = name_kinds.iter().find_map(|&kind| {
        columns
            .iter()
            .position(|c| c.basis != Basis::Declared && c.role == ColumnRole::Field(kind))
    }) else {
        return;
    };
    let (Some(names), Some(name_rows)) = (samples.get(name_column), sampled_rows.get(name_column))
    else {
        return;
    };
    let initial_of_row: HashMap<usize, char> = name_rows
        .iter()
        .zip(names)
        .filter_map(|(&row, name)| Some((row, initial(&name.text)?)))
        .collect();
    let candidates = columns.iter_mut().zip(samples).zip(sampled_rows);
    for ((column, values), rows) in candidates {
        let is_inferred_identifier = column.basis != Basis::Declared
            && column.role == ColumnRole::Field(FieldKind::Identifier);
        if !is_inferred_identifier {
            continue;
        }
        let mut first_initial: HashMap<&str, char> = HashMap::new();
        let (mut repeated, mut differently_named) = (0usize, 0usize);
        for (row, value) in rows.iter().zip(values) {
            let Some(&name) = initial_of_row.get(row) else {
                continue;
            };
            match first_initial.entry(value.text.as_str()) {
                Entry::Occupied(first) => {
                    repeated += 1;
                    if *first.get() != name {
                        differently_named += 1;
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(name);
                }
            }
        }
        if repeated >= MIN_REPEATED_IDENTIFIERS && differently_named.saturating_mul(2) > repeated {
            column.role = ColumnRole::Ignored;
            column.reason = format!(
                "{}; but {differently_named} of {repeated} records repeating a value have a name with another initial: a group's id (a household, an employer), not an entity's, so ignored",
                column.reason
            );
        }
    }
}

/// The first letter of a name, folded and lower-cased.
fn initial(name: &str) -> Option<char> {
    fold_text(name)
        .chars()
        .find(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
}

/// An age next to a date of birth adds no evidence and goes stale.
fn drop_age_next_to_dates(columns: &mut [Inference]) {
    let Some(date) = columns
        .iter()
        .find(|c| c.role == ColumnRole::Field(FieldKind::Date))
        .map(|c| c.column.clone())
    else {
        return;
    };
    for column in columns.iter_mut() {
        let inferred_age = column.basis != Basis::Declared
            && column.role == ColumnRole::Field(FieldKind::Numeric)
            && read_header(&column.column) == Some(HeaderHint::Age);
        if inferred_age {
            column.role = ColumnRole::Ignored;
            column.reason = format!(
                "{}; ignored because it repeats the date in `{date}` and goes stale between sources",
                column.reason
            );
        }
    }
}

/// The longest mean length of values under a place header that a short
/// list makes a category (`CA`, `NSW`) rather than cities.
const MAX_PLACE_CODE_CHARS: usize = 3;

/// The decision for one undeclared column.
fn decide(header: &str, profile: &Profile) -> Inference {
    let (role, basis, reason) = decide_role(header, profile);
    // Values alone never make a set of lists `A, B` (free text has
    // commas too): a set so decided has a header that names one.
    let items = (role.kind() == Some(FieldKind::Set) && comma_lists(profile)).then_some(',');
    Inference {
        column: header.to_string(),
        role,
        basis,
        reason,
        sampled: profile.values,
        distinct: profile.distinct,
        items,
    }
}

fn decide_role(header: &str, profile: &Profile) -> (ColumnRole, Basis, String) {
    if profile.values == 0 {
        return (
            ColumnRole::Ignored,
            Basis::NoValues,
            "no non-empty values".to_string(),
        );
    }
    if profile.values >= 2 && profile.distinct == 1 {
        return (
            ColumnRole::Ignored,
            Basis::Values,
            // The value itself stays out: reasons are printed and logged.
            format!(
                "all {} sampled values are the same, so it cannot tell records apart",
                profile.values
            ),
        );
    }
    let Some(hint) = read_header(header) else {
        let (role, because) = from_values(profile);
        return (role, Basis::Values, format!("no header hint; {because}"));
    };
    let overruled = |suggested: &dyn fmt::Display| {
        let (role, because) = from_values(profile);
        (
            role,
            Basis::ValuesOverHeader,
            format!("header `{header}` suggests {suggested}, but {because}"),
        )
    };
    match hint {
        HeaderHint::Ignore(why) => {
            // Only values that are unmistakably contact details overrule.
            if profile.at_least(profile.email, 80) || profile.at_least(profile.phone, 80) {
                return overruled(&"a column to ignore");
            }
            (
                ColumnRole::Ignored,
                Basis::Header,
                format!("header `{header}` {why}"),
            )
        }
        HeaderHint::Place => {
            // `location_country` and `location_state` name a place too:
            // country codes and a short list of state codes are not
            // cities (a short list of towns still is).
            let (by_values, because) = from_values(profile);
            let codes = by_values == ColumnRole::Field(FieldKind::Category)
                && profile.mean_chars() <= MAX_PLACE_CODE_CHARS;
            if by_values == ColumnRole::Field(FieldKind::Country) || codes {
                return (
                    by_values,
                    Basis::Values,
                    format!("header `{header}` names a place, and {because}"),
                );
            }
            let words = profile.single_word + profile.few_words;
            if profile.at_least(words, 50) && fits(FieldKind::City, profile) {
                return (
                    ColumnRole::Field(FieldKind::City),
                    Basis::Header,
                    format!(
                        "header `{header}` names a place, and {}% of values are one to four words without digits: a city",
                        profile.percent(words)
                    ),
                );
            }
            (
                ColumnRole::Ignored,
                Basis::Header,
                format!("header `{header}` {}", header::COORDINATES),
            )
        }
        HeaderHint::RecordTime => {
            if profile.at_least(profile.email, 80) || profile.at_least(profile.phone, 80) {
                return overruled(&"a record-keeping time");
            }
            let times = profile.date + profile.timestamp;
            if profile.at_least(times, 80) {
                return (
                    ColumnRole::Metadata(FieldKind::Timestamp),
                    Basis::Header,
                    format!(
                        "header `{header}` {RECORD_KEEPING}; {}% of values are dates or times, so it is kept as timestamp metadata (never compared)",
                        profile.percent(times)
                    ),
                );
            }
            (
                ColumnRole::Ignored,
                Basis::Header,
                format!(
                    "header `{header}` {RECORD_KEEPING}, and only {}% of values are dates or times",
                    profile.percent(times)
                ),
            )
        }
        HeaderHint::RecordId => {
            if profile.is_unique() {
                return (
                    ColumnRole::RecordId,
                    Basis::Header,
                    format!(
                        "header `{header}` and all {} sampled values are distinct",
                        profile.values
                    ),
                );
            }
            if !fits(FieldKind::Identifier, profile) {
                return overruled(&"a record id");
            }
            (
                ColumnRole::Field(FieldKind::Identifier),
                Basis::Header,
                format!(
                    "header `{header}` names an id, but only {} of {} values are distinct, so it cannot be the record id",
                    profile.distinct, profile.values
                ),
            )
        }
        HeaderHint::Name => {
            if !fits(FieldKind::FullName, profile) {
                return overruled(&"a name");
            }
            let given = profile.given_first + profile.given_single;
            if profile.latin_names == 0 && profile.organisation == 0 {
                return (
                    ColumnRole::Field(FieldKind::FullName),
                    Basis::Header,
                    format!(
                        "header `{header}` names a person or an organisation; the values are in scripts the given-name list does not cover, so they are taken as person names"
                    ),
                );
            }
            // Judged on the Latin-script values, which the list covers.
            let is_person = !profile.at_least(profile.organisation, 10)
                && given.saturating_mul(5) >= profile.latin_names;
            let kind = if is_person {
                FieldKind::FullName
            } else {
                FieldKind::Organisation
            };
            (
                ColumnRole::Field(kind),
                Basis::Header,
                format!(
                    "header `{header}` names a person or an organisation; {}% of values start with a known given name and {}% carry company words",
                    profile.percent(given),
                    profile.percent(profile.organisation)
                ),
            )
        }
        HeaderHint::Title => {
            if !fits(FieldKind::Text, profile) {
                return overruled(&"a title");
            }
            let is_free_text = (profile.mean_words() >= 3 || profile.mean_chars() >= 25)
                && profile.distinct.saturating_mul(2) >= profile.values;
            if is_free_text {
                return (
                    ColumnRole::Field(FieldKind::Text),
                    Basis::Header,
                    format!(
                        "header `{header}` names a title; values average {} words and {} of {} are distinct: the title of a work, free text",
                        profile.mean_words(),
                        profile.distinct,
                        profile.values
                    ),
                );
            }
            (
                ColumnRole::Field(FieldKind::Category),
                Basis::Header,
                format!(
                    "header `{header}` names a title; values average {} words and {} of {} are distinct: a person's title, a category",
                    profile.mean_words(),
                    profile.distinct,
                    profile.values
                ),
            )
        }
        HeaderHint::Age => {
            if !fits(FieldKind::Numeric, profile) {
                return overruled(&FieldKind::Numeric);
            }
            (
                ColumnRole::Field(FieldKind::Numeric),
                Basis::Header,
                format!("header `{header}` means an age or birth year, and values are numbers"),
            )
        }
        HeaderHint::Kind(FieldKind::Set)
            if comma_lists(profile) && !profile.at_least(profile.email, 50) =>
        {
            (
                ColumnRole::Field(FieldKind::Set),
                Basis::Header,
                format!("header `{header}` means set, {LISTED_OTHERWISE}"),
            )
        }
        HeaderHint::Kind(kind) => {
            if !fits(kind, profile) {
                return overruled(&kind);
            }
            (
                ColumnRole::Field(kind),
                Basis::Header,
                format!("header `{header}` means {kind}{}", evidence(kind, profile)),
            )
        }
    }
}

/// Whether the values are compatible with `kind` (half of them at least).
fn fits(kind: FieldKind, p: &Profile) -> bool {
    let numbers = p.integer + p.decimal;
    let contact = p.email + p.phone + p.date + p.timestamp;
    match kind {
        FieldKind::Email => p.at_least(p.email, 50),
        FieldKind::Phone => p.at_least(p.phone + p.long_digits, 50),
        FieldKind::Date | FieldKind::Timestamp => p.at_least(p.date + p.timestamp, 50),
        FieldKind::Postcode => p.at_least(p.postcode_like, 50),
        FieldKind::Numeric => p.at_least(numbers, 50),
        FieldKind::Identifier => !p.at_least(p.email, 50),
        // Lists `A, B` make a set only where a header names one (see
        // `decide_role`). A count of members is a number, not a set of
        // them.
        FieldKind::Set => {
            !p.at_least(p.email, 50) && !listed_otherwise(p) && !p.at_least(numbers, 80)
        }
        FieldKind::Category => !p.at_least(contact, 50),
        FieldKind::Text | FieldKind::Address | FieldKind::Organisation => {
            !p.at_least(contact, 50) && !p.at_least(numbers, 80)
        }
        _ => !p.at_least(p.typed(), 50),
    }
}

/// Whether the values are lists separated by `, ` (one in five at
/// least), and none by `|` or `;`: not a set whose items the default
/// separators split.
fn listed_otherwise(p: &Profile) -> bool {
    p.set == 0 && p.semicolon_set == 0 && p.at_least(p.listed, 20)
}

/// Whether the values are lists of items separated by `, ` (one in five
/// at least), one in ten of them of three items or more (a column of
/// `Lee, Ann` holds names written family name first, and an odd
/// `Lee, Ann, Jr.` among them makes no list); none separated by `;`,
/// and no list separated by `|` with a comma inside its items (two
/// exports of one column may write `A|B` and `A, B`).
fn comma_lists(p: &Profile) -> bool {
    p.semicolon_set == 0
        && p.set_with_commas == 0
        && p.at_least(p.listed, 20)
        && p.long_listed >= MIN_LONG_LISTS
        && p.long_listed * 10 >= p.listed
}

/// The fewest sampled lists of three items or more that make values
/// [`comma_lists`].
const MIN_LONG_LISTS: usize = 2;

/// What a reason says of a set whose values are [`comma_lists`].
const LISTED_OTHERWISE: &str = "its items separated by `, `";

/// How the values back a header's kind, for the reason.
fn evidence(kind: FieldKind, p: &Profile) -> String {
    let (count, noun) = match kind {
        FieldKind::Email => (p.email, "e-mail addresses"),
        FieldKind::Phone => (p.phone + p.long_digits, "phone numbers"),
        FieldKind::Date => (p.date + p.timestamp, "dates"),
        FieldKind::Timestamp => (p.date + p.timestamp, "dates or times"),
        FieldKind::Postcode => (p.postcode_like, "postcode-like codes"),
        FieldKind::Numeric => (p.integer + p.decimal, "numbers"),
        _ => return String::new(),
    };
    format!(", and {}% of values are {noun}", p.percent(count))
}

/// The role the values alone suggest, and why.
fn from_values(p: &Profile) -> (ColumnRole, String) {
    use ColumnRole::{Field, Ignored};
    use FieldKind::*;
    let share = |count: usize, noun: &str| format!("{}% of values are {noun}", p.percent(count));
    if p.at_least(p.email, 80) {
        return (Field(Email), share(p.email, "e-mail addresses"));
    }
    if p.at_least(p.set, 50) {
        return (Field(Set), share(p.set, "several `|`-separated items"));
    }
    if p.at_least(p.timestamp, 80) {
        let because = share(p.timestamp, "timestamps");
        return (
            Ignored,
            format!("{because}, which record when something happened in a system"),
        );
    }
    if p.at_least(p.date + p.timestamp, 80) {
        return (Field(Date), share(p.date + p.timestamp, "dates"));
    }
    if p.at_least(p.phone, 80) {
        return (Field(Phone), share(p.phone, "phone numbers"));
    }
    if p.at_least(p.url, 80) {
        return (Field(Identifier), share(p.url, "web addresses"));
    }
    if p.at_least(p.postcode_pattern, 80) {
        return (
            Field(Postcode),
            share(p.postcode_pattern, "shaped like postcodes"),
        );
    }
    if p.at_least(p.social_security_shaped, 80) {
        return (
            Field(Identifier),
            share(
                p.social_security_shaped,
                "written like social security numbers",
            ),
        );
    }
    if p.at_least(p.handle, 80) {
        return (Field(Handle), share(p.handle, "@handles"));
    }
    if p.at_least(p.integer, 95) {
        return from_integers(p);
    }
    if p.at_least(p.integer + p.decimal, 95) {
        let because = share(p.integer + p.decimal, "numbers");
        return (
            Ignored,
            format!("{because}, which measure rather than identify"),
        );
    }
    if p.at_least(p.country, 80) {
        return (Field(Country), share(p.country, "countries"));
    }
    if p.at_least(p.boolean, 95) && p.distinct <= 2 {
        let because = share(p.boolean, "yes/no flags");
        return (
            Ignored,
            format!("{because}, which describe an account, not the entity"),
        );
    }
    if p.at_least(p.organisation, 20) {
        return (
            Field(Organisation),
            share(
                p.organisation,
                "names with company words (Inc, Ltd, GmbH, ...)",
            ),
        );
    }
    if p.at_least(p.address, 50) {
        return (Field(Address), share(p.address, "street addresses"));
    }
    if p.mean_words() >= 6 || p.mean_chars() >= 50 || p.at_least(p.truncated, 50) {
        return (
            Field(Text),
            format!(
                "values average {} chars and {} words: free text",
                p.mean_chars(),
                p.mean_words()
            ),
        );
    }
    if p.at_least(p.code, 80) {
        return (
            Field(Identifier),
            share(p.code, "codes mixing letters and digits"),
        );
    }
    if p.values >= 20 && p.distinct.saturating_mul(10) <= p.values && p.distinct <= 30 {
        return (
            Field(Category),
            format!(
                "only {} distinct values among {}: a category",
                p.distinct, p.values
            ),
        );
    }
    if p.at_least(p.few_words, 60) && p.at_least(p.given_first, 30) {
        return (
            Field(FullName),
            share(
                p.given_first,
                "several words starting with a known given name",
            ),
        );
    }
    let short_names = p.few_words + p.single_word;
    if p.at_least(p.single_word, 60) && p.at_least(p.given_single, 40) {
        return (Field(GivenName), share(p.given_single, "known given names"));
    }
    // Places repeat far more than family names: a town has many people.
    if p.values >= 20 && p.at_least(short_names, 60) && p.distinct.saturating_mul(5) <= p.values {
        return (
            Field(City),
            format!(
                "{}, and they repeat ({} distinct of {}): place names",
                share(short_names, "short names"),
                p.distinct,
                p.values
            ),
        );
    }
    if p.at_least(p.single_word, 60) {
        return (
            Field(FamilyName),
            format!(
                "{}, only {}% known given names: family names",
                share(p.single_word, "single words"),
                p.percent(p.given_single)
            ),
        );
    }
    (
        Field(Text),
        "no pattern fits most values, so they are compared as free text".to_string(),
    )
}

/// Columns of whole numbers: row numbers, years, postcodes, ids or measures.
fn from_integers(p: &Profile) -> (ColumnRole, String) {
    let (length, with_length) = p.integer_length;
    if p.row_numbers {
        return (
            ColumnRole::Ignored,
            "values count up by one: row numbers say nothing about the entity".to_string(),
        );
    }
    if p.years {
        return (
            ColumnRole::Ignored,
            "values are years, and no header says whose".to_string(),
        );
    }
    if (4..=5).contains(&length) && p.at_least(with_length, 90) {
        return (
            ColumnRole::Field(FieldKind::Postcode),
            format!(
                "{}% of values are {length}-digit codes, like postcodes",
                p.percent(with_length)
            ),
        );
    }
    if p.integer_median_length >= 6 {
        return (
            ColumnRole::Field(FieldKind::Identifier),
            format!(
                "values are long digit strings (median {} digits): identifiers",
                p.integer_median_length
            ),
        );
    }
    (
        ColumnRole::Ignored,
        format!(
            "{}% of values are small numbers, which measure or count rather than identify",
            p.percent(p.integer)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_and_inferred_columns_are_merged_in_header_order() {
        let rows = [["1", "ann@example.com"], ["2", "bob@example.org"]];
        let inferred = infer_schema(&["n", "mail"], rows, &[("n", Some(FieldKind::Numeric))])
            .expect("valid table");
        let roles: Vec<ColumnRole> = inferred.columns().iter().map(Inference::role).collect();
        assert_eq!(
            roles,
            [
                ColumnRole::Field(FieldKind::Numeric),
                ColumnRole::Field(FieldKind::Email)
            ]
        );
        assert_eq!(inferred.columns()[0].basis(), Basis::Declared);
        assert_eq!(inferred.columns()[0].sampled_values(), 0);
    }

    #[test]
    fn sampling_stops_once_every_column_is_full() {
        // Rows past the point where sampling stops are not read, so a
        // ragged row there goes unnoticed (documented).
        let mut rows: Vec<Vec<String>> = (0..MAX_SAMPLE_VALUES)
            .map(|i| vec![format!("user{i}@example.com")])
            .collect();
        rows.push(vec![]);
        rows.push(vec![]);
        let inferred = infer_schema(&["email"], &rows, &[]).expect("valid sample");
        assert_eq!(inferred.columns()[0].sampled_values(), MAX_SAMPLE_VALUES);
    }

    /// `count` values cycling through `values`.
    fn cycled(values: &[&str], count: usize) -> Vec<String> {
        values
            .iter()
            .cycle()
            .take(count)
            .map(|v| (*v).to_string())
            .collect()
    }

    #[test]
    fn a_title_is_text_when_values_are_free_text_and_a_category_when_a_vocabulary() {
        let works: Vec<String> = (0..40)
            .map(|i| format!("Display panel with improved backlight unit number {i}"))
            .collect();
        for header in ["title", "patent_title", "invention_title", "Title"] {
            let inference = infer_column(header, &works);
            assert_eq!(
                inference.role(),
                ColumnRole::Field(FieldKind::Text),
                "{inference}"
            );
        }
        let honorifics = cycled(&["Mr", "Ms", "Dr", "Mrs", "Prof"], 40);
        assert_eq!(
            infer_column("title", &honorifics).role(),
            ColumnRole::Field(FieldKind::Category)
        );
        let jobs = cycled(&["Engineer", "Sales Manager", "Nurse", "Teacher"], 40);
        assert_eq!(
            infer_column("job_title", &jobs).role(),
            ColumnRole::Field(FieldKind::Category)
        );
        // Distinct but short: still a person's title.
        let few = ["Dr", "Mr"];
        assert_eq!(
            infer_column("title", &few).role(),
            ColumnRole::Field(FieldKind::Category)
        );
    }

    #[test]
    fn a_set_header_keeps_mostly_single_items_but_not_other_separators() {
        // One value in ten lists several people: the header decides.
        let mut values = cycled(&["Ann Lee", "Bob Chan", "Cleo Park"], 27);
        values.extend(cycled(&["Ann Lee|Bob Chan", "Dan Roe|Eve Fox"], 3));
        assert_eq!(
            infer_column("co_inventors", &values).role(),
            ColumnRole::Field(FieldKind::Set)
        );
        assert_eq!(
            infer_column("cpc_codes", &cycled(&["H01L21/8234", "G06F21/62"], 30)).role(),
            ColumnRole::Field(FieldKind::Set)
        );
        // Items separated by `;` are a set's too.
        let semicolons = cycled(&["Ann Lee; Bob Chan", "Dan Roe; Eve Fox; Al Bo"], 30);
        assert_eq!(
            infer_column("coauthors", &semicolons).role(),
            ColumnRole::Field(FieldKind::Set)
        );
        // Lists separated by `, ` under a header that names a set: a
        // set whose items `,` separates.
        let listed = cycled(&["Ann Lee, Bob Chan", "Dan Roe, Eve Fox, Al Bo"], 30);
        let inference = infer_column("coauthors", &listed);
        assert_eq!(inference.role(), ColumnRole::Field(FieldKind::Set));
        assert_eq!(inference.item_separator(), Some(','));
        assert_eq!(
            inference.reason(),
            "header `coauthors` means set, its items separated by `, `"
        );
        // Without the header, free text; names written family name
        // first (`Lee, Ann`, never three parts) are no lists either.
        assert_ne!(infer_column("notes", &listed).kind(), Some(FieldKind::Set));
        let mut family_first = cycled(&["Lee, Ann", "Roe, Dan", "Fox, Eve"], 30);
        family_first[7] = "Lee, Ann, Jr.".to_string();
        let inference = infer_column("coauthors", &family_first);
        assert_ne!(inference.kind(), Some(FieldKind::Set), "{inference}");
        assert_eq!(inference.item_separator(), None);
        // Declared a set: the same, and the schema keeps the separator.
        let declared = [
            ("a", Some(FieldKind::Set)),
            ("b", Some(FieldKind::Set)),
            ("c", Some(FieldKind::Set)),
        ];
        let rows: Vec<Vec<String>> = listed
            .iter()
            .zip(&family_first)
            .map(|(list, name)| vec![list.clone(), list.replace(", ", "|"), name.clone()])
            .collect();
        let inferred = infer_schema(&["a", "b", "c"], &rows, &declared).expect("valid");
        let reasons: Vec<&str> = inferred.columns().iter().map(Inference::reason).collect();
        assert_eq!(
            reasons,
            [
                "declared as set, its items separated by `, `",
                "declared as set",
                "declared as set; values written `A, B` (two parts, as names written family \
                 name first are) are compared whole: write `|` or `;` between items"
            ]
        );
        let separators: Vec<Option<char>> = inferred
            .schema()
            .fields()
            .iter()
            .map(|field| field.item_separator())
            .collect();
        assert_eq!(separators, [Some(','), None, None]);
        // Two exports of one column, one writing `A|B`, the other
        // `A, B`: the comma separates too, unless the `|` lists hold
        // commas inside their items.
        let mixed: Vec<String> = listed
            .iter()
            .enumerate()
            .map(|(at, list)| match at % 4 {
                0 | 1 => list.clone(),
                _ => list.replace(", ", "|"),
            })
            .collect();
        assert_eq!(
            infer_column("coauthors", &mixed).item_separator(),
            Some(',')
        );
        let family_first_bars: Vec<String> = mixed
            .iter()
            .map(|list| list.replace("Ann Lee|", "Lee, Ann|"))
            .collect();
        let inference = infer_column("coauthors", &family_first_bars);
        assert_eq!(inference.item_separator(), None, "{inference}");
        // A count of members is not a set of them.
        let counts = cycled(&["3", "12", "7", "1", "25"], 30);
        assert_eq!(infer_column("members", &counts).role(), ColumnRole::Ignored);
    }

    /// A table of given names and codes: with `shared_by_family`, four
    /// differently named people share each code; else each person has
    /// their own code on two records.
    fn names_and_codes(shared_by_family: bool) -> (Vec<&'static str>, Vec<Vec<String>>) {
        let given = [
            "Anna", "Bruno", "Carla", "David", "Emma", "Felix", "Greta", "Hugo",
        ];
        let rows = (0..80)
            .map(|row| {
                let (name, code) = if shared_by_family {
                    // Four different people per code, as in a household.
                    (given[row % given.len()], format!("H{:04}", row / 4))
                } else {
                    // Two records per person, each person's own code.
                    (given[(row / 2) % given.len()], format!("P{:04}", row / 2))
                };
                vec![name.to_string(), code, format!("row{row}x")]
            })
            .collect();
        (vec!["given_name", "unit", "ref"], rows)
    }

    #[test]
    fn an_identifier_shared_by_differently_named_records_is_ignored() {
        let (headers, rows) = names_and_codes(true);
        let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
        let unit = inferred.column("unit").expect("unit");
        assert_eq!(unit.role(), ColumnRole::Ignored, "{inferred}");
        assert!(
            unit.reason().contains("60 of 60 records repeating a value"),
            "{unit}"
        );

        let (headers, rows) = names_and_codes(false);
        let inferred = infer_schema(&headers, &rows, &[]).expect("valid table");
        assert_eq!(
            inferred.column("unit").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::Identifier)),
            "{inferred}"
        );
    }

    /// Thirty rows of a name column cycling through `names`.
    fn thirty(names: &[&str]) -> Vec<String> {
        cycled(names, 30)
    }

    /// Rows of two header-less name columns and a code column.
    fn unlabelled_names(first: &[&str], second: &[&str]) -> Vec<Vec<String>> {
        thirty(first)
            .into_iter()
            .zip(thirty(second))
            .enumerate()
            .map(|(row, (a, b))| vec![a, b, format!("row{row}x")])
            .collect()
    }

    /// Surnames that are not given names, twelve of them (so that they
    /// do not repeat like places).
    const SURNAMES: [&str; 12] = [
        "Tanaka",
        "Okafor",
        "Nakamura",
        "Kowalczyk",
        "Yamazaki",
        "Oyelaran",
        "Szczepanski",
        "Abernathy",
        "Papadakis",
        "Wojcik",
        "Hashimoto",
        "Lindqvist",
    ];

    #[test]
    fn of_unlabelled_name_columns_the_one_with_most_known_given_names_is_given_names() {
        // Three known given names of twelve (30 % of the rows): under the
        // 40 % one column alone needs, far over the surnames' share.
        let given = [
            "Anna", "David", "Emma", "Tovrik", "Yelsund", "Prandor", "Zorvan", "Quillon", "Brenzo",
            "Xantho", "Velmira", "Orsolt",
        ];
        let rows = unlabelled_names(&given, &SURNAMES);
        let inferred = infer_schema(&["a", "b", "c"], &rows, &[]).expect("valid table");
        let a = inferred.column("a").expect("a");
        assert_eq!(
            a.role(),
            ColumnRole::Field(FieldKind::GivenName),
            "{inferred}"
        );
        assert!(
            a.reason()
                .ends_with("but the other columns of single names have at most 0%: given names"),
            "{a}"
        );
        assert_eq!(
            inferred.column("b").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::FamilyName))
        );

        // Two surnames (paternal and maternal) stay family names.
        let mut maternal = SURNAMES;
        maternal.rotate_left(5);
        let rows = unlabelled_names(&SURNAMES, &maternal);
        let inferred = infer_schema(&["a", "b", "c"], &rows, &[]).expect("valid table");
        let roles: Vec<_> = inferred.columns().iter().map(Inference::role).collect();
        assert_eq!(
            roles[..2],
            [ColumnRole::Field(FieldKind::FamilyName); 2],
            "{inferred}"
        );

        // Beside a column whose header says it holds surnames, too.
        let rows = unlabelled_names(&given, &SURNAMES);
        let inferred = infer_schema(&["a", "surname", "c"], &rows, &[]).expect("valid table");
        assert_eq!(
            inferred.column("a").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::GivenName)),
            "{inferred}"
        );

        // Not under three times the other column's share: surnames of
        // which two in twelve are known given names (20 % of the rows).
        let mut given_like = SURNAMES;
        given_like[0] = "Thomas";
        given_like[1] = "James";
        let rows = unlabelled_names(&given, &given_like);
        let inferred = infer_schema(&["a", "b", "c"], &rows, &[]).expect("valid table");
        assert_eq!(
            inferred.column("a").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::FamilyName)),
            "{inferred}"
        );

        // Nor when no other column would hold the family names: surnames
        // rich in given names beside towns.
        let towns = cycled(
            &["Noida", "Kyoto", "Boise", "Durham", "Osaka", "Toyota"],
            30,
        );
        let rows: Vec<Vec<String>> = thirty(&given)
            .into_iter()
            .zip(towns)
            .enumerate()
            .map(|(row, (a, b))| vec![a, b, format!("row{row}x")])
            .collect();
        let inferred = infer_schema(&["a", "b", "c"], &rows, &[]).expect("valid table");
        assert_eq!(
            inferred.column("b").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::City)),
            "{inferred}"
        );
        assert_eq!(
            inferred.column("a").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::FamilyName)),
            "{inferred}"
        );
    }

    #[test]
    fn without_given_names_a_group_s_id_is_told_by_its_members_family_names() {
        // Four differently named people per code, only family names.
        let rows: Vec<Vec<String>> = (0..80)
            .map(|row| {
                vec![
                    SURNAMES[row % SURNAMES.len()].to_string(),
                    format!("H{:04}", row / 4),
                    format!("row{row}x"),
                ]
            })
            .collect();
        let inferred = infer_schema(&["surname", "unit", "ref"], &rows, &[]).expect("valid");
        let unit = inferred.column("unit").expect("unit");
        assert_eq!(unit.role(), ColumnRole::Ignored, "{inferred}");
        assert!(
            unit.reason().contains("60 of 60 records repeating a value"),
            "{unit}"
        );
    }

    #[test]
    fn a_place_header_holds_countries_a_category_or_cities() {
        let countries = thirty(&["US", "JP", "DE", "IN", "KR", "FR", "CN", "GB"]);
        let country = infer_column("location_country", &countries);
        assert_eq!(country.role(), ColumnRole::Field(FieldKind::Country));
        assert_eq!(
            country.reason(),
            "header `location_country` names a place, and 100% of values are countries"
        );
        let states = cycled(&["CA", "NY", "TX", "WA", "MA"], 60);
        assert_eq!(
            infer_column("location_state", &states).role(),
            ColumnRole::Field(FieldKind::Category)
        );
        let cities = thirty(&[
            "Noida", "Kyoto", "Boise", "Durham", "Osaka", "Toyota", "Gurgaon", "Mumbai",
        ]);
        assert_eq!(
            infer_column("location", &cities).role(),
            ColumnRole::Field(FieldKind::City)
        );
        // A regional file's short list of towns is still cities.
        let towns = cycled(&["Noida", "Kyoto", "Boise", "Durham", "Osaka"], 60);
        assert_eq!(
            infer_column("location_city", &towns).role(),
            ColumnRole::Field(FieldKind::City)
        );
    }

    #[test]
    fn an_organisation_s_number_is_not_told_a_group_s_by_its_contacts_family_names() {
        // A contact list: each company's number on its four contacts'
        // records, whose family names differ.
        let rows: Vec<Vec<String>> = (0..80)
            .map(|row| {
                vec![
                    format!("Company {} Ltd", row / 4),
                    SURNAMES[row % SURNAMES.len()].to_string(),
                    format!("C{:04}", row / 4),
                    format!("row{row}x"),
                ]
            })
            .collect();
        let headers = ["company", "surname", "unit", "ref"];
        let inferred = infer_schema(&headers, &rows, &[]).expect("valid");
        assert_eq!(
            inferred.column("unit").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::Identifier)),
            "{inferred}"
        );
    }

    #[test]
    fn social_security_numbers_in_the_first_column_are_compared_not_the_record_id() {
        let rows: Vec<Vec<String>> = (0..30)
            .map(|row| {
                vec![
                    format!("{:03}-{:02}-{:04}", 100 + row, 10 + row, 1000 + row),
                    SURNAMES[row % SURNAMES.len()].to_string(),
                ]
            })
            .collect();
        let inferred = infer_schema(&["a", "b"], &rows, &[]).expect("valid");
        assert_eq!(inferred.record_id_column(), None, "{inferred}");
        assert_eq!(
            inferred.column("a").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::Identifier))
        );
    }

    #[test]
    fn a_code_column_after_an_export_s_row_numbers_is_the_record_id() {
        let rows: Vec<Vec<String>> = (0..30)
            .map(|row| {
                vec![
                    row.to_string(),
                    format!("C{row:04}X"),
                    SURNAMES[row % SURNAMES.len()].to_string(),
                ]
            })
            .collect();
        let inferred = infer_schema(&["index", "a", "b"], &rows, &[]).expect("valid");
        assert_eq!(inferred.record_id_column(), Some("a"), "{inferred}");
        let a = inferred.column("a").expect("a");
        assert!(
            a.reason()
                .ends_with("first after the row numbers: the record id"),
            "{a}"
        );
    }

    #[test]
    fn a_declared_identifier_is_kept_even_when_shared() {
        let (headers, rows) = names_and_codes(true);
        let declared = [("unit", Some(FieldKind::Identifier))];
        let inferred = infer_schema(&headers, &rows, &declared).expect("valid table");
        assert_eq!(
            inferred.column("unit").map(Inference::role),
            Some(ColumnRole::Field(FieldKind::Identifier))
        );
    }

    #[test]
    fn a_later_id_column_becomes_an_identifier() {
        let rows = [["a1", "b1", "x@example.com"], ["a2", "b2", "y@example.com"]];
        let inferred = infer_schema(&["id", "record_id", "email"], rows, &[]).expect("valid");
        assert_eq!(inferred.record_id_column(), Some("id"));
        let second = &inferred.columns()[1];
        assert_eq!(second.role(), ColumnRole::Field(FieldKind::Identifier));
        assert!(
            second
                .reason()
                .ends_with("`id` is already the record id, so this is an identifier")
        );
    }
}
