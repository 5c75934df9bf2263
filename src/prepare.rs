//! The prepared store: every record read once, at ingestion, into columns
//! of normalised values and derived features.
//!
//! Each field is a column. Text lives in one arena per column (a `String`
//! plus end offsets, as csv's `ByteRecord` keeps fields), so comparisons
//! borrow `&str` slices and never re-normalise. Beside the normalised
//! text a column keeps what its [`FieldKind`] needs: phonetic codes and
//! the formal given name for names, a parsed [`Date`], a number.
//!
//! Values that fail to parse (an e-mail without `@`, a date `13 Smarch`)
//! are kept as missing for comparison, counted per field in
//! [`IngestStats`], and never abort the run. An impossible date written
//! in digits (`2023-02-30`) is counted so too, but keeps its digits for
//! the date's exact and one-digit levels and blocking keys.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::Timestamp;
use crate::compare::{PhoneticCode, Written, first_word, metaphone, soundex};
use crate::error::{BuildError, Result, StoreError};
use crate::id::FieldId;
use crate::normalize::date::is_unknown_part;
use crate::normalize::name::{is_placeholder_given_name, normalize_family_name};
use crate::normalize::{
    DateParser, PhoneNormalizer, fold_text, formal_names, is_placeholder_identifier,
    is_placeholder_name, normalize_address, normalize_email, normalize_handle, normalize_name,
    normalize_organisation, normalize_postcode, parse_person_name,
};
use crate::record::Record;
use crate::redact::{Redacted, RedactedFields};
use crate::schema::{Field, FieldKind, Schema};
use crate::{Date, DateError};

mod placeholders;
pub use placeholders::PlaceholderValue;
// The ids live in `crate::id`; kept here so `crate::prepare::RecordIndex` still resolves.
pub use crate::id::{RecordIndex, SourceId};

/// A source's name and whether it is known to hold each entity at most
/// once (a mailing list keyed by address, a master file).
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, PreparedStore, Schema};
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// assert_eq!(store.source(crm).name(), "crm");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    name: String,
    duplicate_free: bool,
}

impl Source {
    /// The source's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the source holds each entity at most once.
    pub fn is_duplicate_free(&self) -> bool {
        self.duplicate_free
    }
}

/// How raw values are read: the country assumed for national phone
/// numbers and the day/month order of numeric dates.
/// [`PrepareOptions::new`] gives the defaults; [`PrepareOptions::builder`]
/// changes them.
///
/// Defaults: no default phone country (national numbers are kept as
/// their digits), numeric dates month first with century pivot 30.
///
/// # Examples
///
/// ```
/// use sameas::normalize::{DateParser, DayMonthOrder, PhoneNormalizer};
/// use sameas::PrepareOptions;
///
/// let options = PrepareOptions::builder()
///     .phones(PhoneNormalizer::builder().default_country("GB").build()?)
///     .dates(DateParser::builder().day_month_order(DayMonthOrder::DayFirst).build()?)
///     .build()?;
/// assert_eq!(options.phones().default_country(), Some("GB"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct PrepareOptions {
    pub(crate) phones: PhoneNormalizer,
    pub(crate) dates: DateParser,
    pub(crate) missing: MissingValues,
}

/// Per field (by name), the values read as missing there, as declared.
/// `Debug` names the fields and counts their values: a value is the
/// data's.
#[derive(Clone, Default, PartialEq, Eq)]
pub(crate) struct MissingValues(Vec<(String, Vec<String>)>);

impl std::fmt::Debug for MissingValues {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(
                self.0
                    .iter()
                    .map(|(field, values)| (field, format!("{} values", values.len()))),
            )
            .finish()
    }
}

impl MissingValues {
    /// The values declared for `field`.
    fn of(&self, field: &str) -> &[String] {
        self.0
            .iter()
            .find(|(name, _)| name == field)
            .map_or(&[], |(_, values)| values)
    }

    /// Adds `values` to `field`'s, each once, in the order first given.
    fn add<'v>(&mut self, field: &str, values: impl IntoIterator<Item = &'v str>) {
        let at = match self.0.iter().position(|(name, _)| name == field) {
            Some(at) => at,
            None => {
                self.0.push((field.to_string(), Vec::new()));
                self.0.len() - 1
            }
        };
        let known = &mut self.0[at].1;
        let mut seen: std::collections::HashSet<String> = known.iter().cloned().collect();
        for value in values {
            if seen.insert(value.to_string()) {
                known.push(value.to_string());
            }
        }
    }

    /// Every field with its values, in the order first given.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &[String])> {
        self.0
            .iter()
            .map(|(field, values)| (field.as_str(), values.as_slice()))
    }
}

impl PrepareOptions {
    /// The default settings.
    pub fn new() -> PrepareOptions {
        PrepareOptions::default()
    }

    /// A builder starting from the defaults.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::{DateParser, DayMonthOrder};
    /// use sameas::PrepareOptions;
    ///
    /// let day_first = DateParser::builder().day_month_order(DayMonthOrder::DayFirst).build()?;
    /// let options = PrepareOptions::builder().dates(day_first).build()?;
    /// assert_eq!(options.dates().day_month_order(), DayMonthOrder::DayFirst);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn builder() -> PrepareOptionsBuilder {
        PrepareOptionsBuilder {
            options: PrepareOptions::new(),
        }
    }

    /// How phone numbers are normalised.
    pub fn phones(&self) -> &PhoneNormalizer {
        &self.phones
    }

    /// How dates are parsed.
    pub fn dates(&self) -> &DateParser {
        &self.dates
    }

    /// The values read as missing in `field` (see
    /// [`PrepareOptionsBuilder::missing_values`]), as declared.
    pub fn missing_values(&self, field: &str) -> &[String] {
        self.missing.of(field)
    }

    /// Every field given values read as missing, with its values, in the
    /// order first given.
    pub(crate) fn missing(&self) -> &MissingValues {
        &self.missing
    }
}

impl From<PrepareOptions> for PrepareOptionsBuilder {
    /// A builder starting from `options`.
    fn from(options: PrepareOptions) -> PrepareOptionsBuilder {
        PrepareOptionsBuilder { options }
    }
}

/// Builds [`PrepareOptions`].
///
/// Each part checks its own values when it is made
/// ([`PhoneNormalizerBuilder::build`](crate::normalize::PhoneNormalizerBuilder::build)
/// rejects an unknown country, [`DateParserBuilder::build`](crate::normalize::DateParserBuilder::build)
/// a bad century pivot), so [`build`](Self::build) has nothing left to
/// reject today; it returns a `Result` like every options builder of the
/// crate, so that a setting with invalid values can join without
/// breaking callers.
///
/// # Examples
///
/// See [`PrepareOptions`].
#[derive(Debug, Clone)]
pub struct PrepareOptionsBuilder {
    options: PrepareOptions,
}

impl PrepareOptionsBuilder {
    /// How phone numbers are normalised (default
    /// [`PhoneNormalizer::new`]: no default country).
    pub fn phones(&mut self, normalizer: PhoneNormalizer) -> &mut Self {
        self.options.phones = normalizer;
        self
    }

    /// How dates are parsed (default [`DateParser::new`]: month first,
    /// century pivot 30).
    pub fn dates(&mut self, parser: DateParser) -> &mut Self {
        self.options.dates = parser;
        self
    }

    /// Values read as missing in `field`, besides blanks: what a source
    /// writes where it knows nothing (a date of birth `1900-01-01`, a
    /// name `TEST`). Each is compared with a value after both are
    /// normalised as the field's kind normalises them, so `01/01/1900`
    /// in a date field matches `1900-01-01` (under the
    /// [`dates`](Self::dates) order set when the store is made). Adds to
    /// the values given before; a field the schema does not have is
    /// ignored. [`Resolver`](crate::resolve::Resolver) finds such values
    /// in date, e-mail, phone, identifier and handle fields itself (see
    /// [`PreparedStore::placeholder_values`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, OwnedRecord, PrepareOptions, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("dob", FieldKind::Date).build()?;
    /// let options = PrepareOptions::builder().missing_values("dob", &["1900-01-01"]).build()?;
    /// let mut store = PreparedStore::with_options(schema, options);
    /// let crm = store.add_source("crm", false)?;
    /// let stats = store.ingest(crm, &[
    ///     OwnedRecord::new("1").with("dob", "01/01/1900"),
    ///     OwnedRecord::new("2").with("dob", "1985-03-04"),
    /// ])?;
    /// assert_eq!(stats.fields[0].missing, 1);
    /// let dob = store.schema().field_id("dob")?;
    /// let first = store.records().next().unwrap();
    /// assert_eq!((first.text(dob), first.raw(dob)), (None, Some("01/01/1900")));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn missing_values(&mut self, field: &str, values: &[&str]) -> &mut Self {
        self.options.missing.add(field, values.iter().copied());
        self
    }

    /// The options.
    ///
    /// # Errors
    ///
    /// None today (see [`PrepareOptionsBuilder`]).
    pub fn build(&self) -> Result<PrepareOptions, BuildError> {
        Ok(self.options.clone())
    }
}

/// What ingestion saw in one field.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
/// let schema = Schema::builder().field("dob", FieldKind::Date).build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// let stats = store.ingest(crm, &[
///     OwnedRecord::new("1").with("dob", "1985-03-04"),
///     OwnedRecord::new("2").with("dob", "2023-02-30"),
///     OwnedRecord::new("3"),
/// ])?;
/// let dob = &stats.fields[0];
/// assert_eq!((dob.present, dob.invalid, dob.missing), (1, 1, 1));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldStats {
    /// Values read and usable.
    pub present: u64,
    /// Absent or blank values.
    pub missing: u64,
    /// Values that could not be parsed; kept as missing for comparison,
    /// but for impossible dates written in digits (`1945-02-30`,
    /// `1945-13-04`), whose digits still meet a date's exact and
    /// one-digit levels and its blocking keys.
    pub invalid: u64,
    /// Values longer than [`MAX_FIELD_BYTES`], cut to that length (at a
    /// character boundary) before they were read; also counted as
    /// present, missing or invalid.
    #[serde(default)]
    pub truncated: u64,
}

/// What an ingestion run saw.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// let stats = store.ingest(crm, &[OwnedRecord::new("1").with("email", "not an address")])?;
/// assert_eq!(stats.records, 1);
/// assert_eq!(stats.fields[0].invalid, 1);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IngestStats {
    /// Records ingested.
    pub records: u64,
    /// Per field, in schema order.
    pub fields: Vec<FieldStats>,
}

impl IngestStats {
    /// The fields no record provided a value for: every value absent,
    /// blank or normalising to nothing (no value present nor
    /// unreadable). Usually a field name the host's records spell
    /// otherwise, or a column the input lacks; every field when no
    /// record was read.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// let schema = Schema::builder()
    ///     .field("email", FieldKind::Email)
    ///     .field("phone", FieldKind::Phone)
    ///     .build()?;
    /// let mut store = PreparedStore::new(schema);
    /// let crm = store.add_source("crm", false)?;
    /// // The host's records spell it `telephone`.
    /// let stats = store.ingest(crm, &[[("email", "ann@x.org"), ("telephone", "555 0100")]])?;
    /// let absent: Vec<&str> = stats.absent_fields().map(|f| store.schema().field(f).name()).collect();
    /// assert_eq!(absent, ["phone"]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn absent_fields(&self) -> impl Iterator<Item = FieldId> + '_ {
        self.fields
            .iter()
            .enumerate()
            .filter(|(_, field)| field.present == 0 && field.invalid == 0)
            // Stats hold one entry per schema field: at most 1024.
            .map(|(position, _)| FieldId(position as u16))
    }

    fn add(&mut self, other: &IngestStats) {
        self.records += other.records;
        if self.fields.len() < other.fields.len() {
            self.fields
                .resize(other.fields.len(), FieldStats::default());
        }
        for (total, part) in self.fields.iter_mut().zip(&other.fields) {
            total.present += part.present;
            total.missing += part.missing;
            total.invalid += part.invalid;
            total.truncated += part.truncated;
        }
    }
}

/// Many strings in one buffer plus end offsets.
#[derive(Debug, Clone, Default)]
struct TextArena {
    bytes: String,
    ends: Vec<u32>,
}

impl TextArena {
    fn truncate(&mut self, len: usize) {
        if len < self.ends.len() {
            let end = if len == 0 {
                0
            } else {
                self.ends[len - 1] as usize
            };
            self.bytes.truncate(end);
            self.ends.truncate(len);
        }
    }

    fn push(&mut self, text: &str) -> Result<(), StoreError> {
        self.bytes.push_str(text);
        let end = u32::try_from(self.bytes.len()).map_err(|_| StoreError::ColumnTooLarge)?;
        self.ends.push(end);
        Ok(())
    }

    /// Overwrites string `index` with as many zero bytes, in place.
    fn blank(&mut self, index: usize) {
        let Some(&end) = self.ends.get(index) else {
            return;
        };
        let start = index
            .checked_sub(1)
            .and_then(|before| self.ends.get(before))
            .copied()
            .unwrap_or(0) as usize;
        let end = end as usize;
        if start < end {
            self.bytes
                .replace_range(start..end, &"\0".repeat(end - start));
        }
    }

    #[inline]
    fn get(&self, index: usize) -> &str {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] as usize
        };
        &self.bytes[start..self.ends[index] as usize]
    }

    fn append(&mut self, other: &TextArena) -> Result<(), StoreError> {
        let base = u32::try_from(self.bytes.len()).map_err(|_| StoreError::ColumnTooLarge)?;
        let total = u64::from(base) + other.bytes.len() as u64;
        if total > u64::from(u32::MAX) {
            return Err(StoreError::ColumnTooLarge);
        }
        self.bytes.push_str(&other.bytes);
        self.ends.extend(other.ends.iter().map(|end| end + base));
        Ok(())
    }
}

/// A growable bit vector.
#[derive(Debug, Clone, Default)]
struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    fn truncate(&mut self, len: usize) {
        if len < self.len {
            self.words.truncate(len.div_ceil(64));
            if let Some(last) = self.words.last_mut() {
                let kept = len % 64;
                if kept > 0 {
                    *last &= (1u64 << kept) - 1;
                }
            }
            self.len = len;
        }
    }

    fn push(&mut self, bit: bool) {
        if self.len % 64 == 0 {
            self.words.push(0);
        }
        if bit {
            if let Some(word) = self.words.last_mut() {
                *word |= 1 << (self.len % 64);
            }
        }
        self.len += 1;
    }

    fn get(&self, index: usize) -> bool {
        self.words
            .get(index / 64)
            .is_some_and(|word| word >> (index % 64) & 1 == 1)
    }

    fn append(&mut self, other: &Bits) {
        for index in 0..other.len {
            self.push(other.get(index));
        }
    }
}

/// Derived features beside a column's normalised text.
#[derive(Debug, Clone)]
enum Features {
    None,
    /// Soundex codes in four bytes (zeros when the name has no letter);
    /// for given names also the formal name (`bill` → `william`).
    /// Metaphone is computed on request: it is longer and rarely keyed.
    Name {
        soundex: Vec<[u8; 4]>,
        formal: Vec<Option<&'static str>>,
    },
    Dates(Vec<Option<Date>>),
    Timestamps(Vec<Option<Timestamp>>),
    Numbers(Vec<Option<f64>>),
    /// Each value's distinct words, sorted (see [`WordLists`]).
    Words(WordLists),
}

/// Each value's distinct words (split on spaces), sorted: word-set
/// comparisons (token Jaccard) then merge two ready lists instead of
/// splitting, sorting and deduplicating both values for every pair.
#[derive(Debug, Clone, Default)]
struct WordLists {
    /// Per record, its range in `words`; `None` once erased (the
    /// comparison then splits the value itself).
    records: Vec<Option<(u32, u32)>>,
    words: Vec<Word>,
}

/// One word of a value: its byte range in the value, and its first eight
/// bytes as a big-endian number (zero-padded), which orders words as
/// their bytes do wherever two prefixes differ, so most comparisons of a
/// merge read neither value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// The first eight bytes, big-endian, zero-padded.
    pub(crate) prefix: u64,
    /// Where the word starts in its value, in bytes.
    pub(crate) start: u32,
    /// Where it ends (exclusive).
    pub(crate) end: u32,
}

impl Word {
    fn new(text: &str, start: usize, end: usize) -> Option<Word> {
        let bytes = text.as_bytes().get(start..end)?;
        let mut head = [0u8; 8];
        for (slot, &byte) in head.iter_mut().zip(bytes) {
            *slot = byte;
        }
        Some(Word {
            prefix: u64::from_be_bytes(head),
            start: u32::try_from(start).ok()?,
            end: u32::try_from(end).ok()?,
        })
    }

    /// The word's bytes in `value` (empty if `value` is not its value).
    #[inline]
    pub(crate) fn bytes<'t>(&self, value: &'t str) -> &'t [u8] {
        value
            .as_bytes()
            .get(self.start as usize..self.end as usize)
            .unwrap_or_default()
    }

    /// Orders two words (of values `a` and `b`) as their bytes do.
    #[inline]
    pub(crate) fn cmp_in(&self, a: &str, other: &Word, b: &str) -> std::cmp::Ordering {
        self.prefix
            .cmp(&other.prefix)
            .then_with(|| self.bytes(a).cmp(other.bytes(b)))
    }
}

impl WordLists {
    fn push(&mut self, text: &str) -> Result<(), StoreError> {
        let too_large = |_| StoreError::ColumnTooLarge;
        let first = u32::try_from(self.words.len()).map_err(too_large)?;
        let mut words: SmallVec<[Word; 16]> = SmallVec::new();
        let mut start = 0usize;
        for word in text.split(' ') {
            let end = start + word.len();
            if !word.is_empty() {
                words.push(Word::new(text, start, end).ok_or(StoreError::ColumnTooLarge)?);
            }
            start = end + 1;
        }
        words.sort_unstable_by(|x, y| x.cmp_in(text, y, text));
        words.dedup_by(|x, y| x.bytes(text) == y.bytes(text));
        let count = u32::try_from(words.len()).map_err(too_large)?;
        self.words.extend(words);
        self.records.push(Some((first, count)));
        Ok(())
    }

    fn truncate(&mut self, len: usize) {
        self.records.truncate(len);
        let end = self
            .records
            .iter()
            .rev()
            .find_map(|range| *range)
            .map_or(0, |(first, count)| (first + count) as usize);
        self.words.truncate(end);
    }

    fn append(&mut self, other: WordLists) {
        // Words are at most the column's bytes, which fit a `u32`.
        let base = self.words.len() as u32;
        self.records.extend(
            other
                .records
                .into_iter()
                .map(|range| range.map(|(first, count)| (first + base, count))),
        );
        self.words.extend(other.words);
    }

    #[inline]
    fn get(&self, index: usize) -> Option<&[Word]> {
        let (first, count) = (*self.records.get(index)?)?;
        self.words
            .get(first as usize..first as usize + count as usize)
    }
}

impl Features {
    fn truncate(&mut self, len: usize) {
        match self {
            Features::None => {}
            Features::Name { soundex, formal } => {
                soundex.truncate(len);
                formal.truncate(len);
            }
            Features::Dates(dates) => dates.truncate(len),
            Features::Timestamps(stamps) => stamps.truncate(len),
            Features::Numbers(numbers) => numbers.truncate(len),
            Features::Words(lists) => lists.truncate(len),
        }
    }

    fn for_kind(kind: FieldKind) -> Features {
        match kind {
            FieldKind::GivenName | FieldKind::FamilyName => Features::Name {
                soundex: Vec::new(),
                formal: Vec::new(),
            },
            FieldKind::Date => Features::Dates(Vec::new()),
            FieldKind::Timestamp => Features::Timestamps(Vec::new()),
            FieldKind::Numeric => Features::Numbers(Vec::new()),
            // The kinds whose default comparisons test word sets.
            FieldKind::Text
            | FieldKind::Organisation
            | FieldKind::Address
            | FieldKind::FullName => Features::Words(WordLists::default()),
            _ => Features::None,
        }
    }

    fn append(&mut self, other: Features) {
        match (self, other) {
            (
                Features::Name { soundex, formal },
                Features::Name {
                    soundex: more_soundex,
                    formal: more_formal,
                },
            ) => {
                soundex.extend(more_soundex);
                formal.extend(more_formal);
            }
            (Features::Dates(dates), Features::Dates(more)) => dates.extend(more),
            (Features::Timestamps(stamps), Features::Timestamps(more)) => stamps.extend(more),
            (Features::Numbers(numbers), Features::Numbers(more)) => numbers.extend(more),
            (Features::Words(lists), Features::Words(more)) => lists.append(more),
            _ => {}
        }
    }
}

/// One field's values for every record.
#[derive(Debug, Clone)]
struct Column {
    kind: FieldKind,
    /// A set's item separator named by the schema (see
    /// [`Field::item_separator`]).
    items: Option<char>,
    /// Raw values, empty where the raw value equals the normalised one
    /// (marked in `raw_is_normalized`): most dates, postcodes and e-mail
    /// addresses arrive already normal, and are then kept once.
    raw: TextArena,
    raw_is_normalized: Bits,
    features: Features,
    /// The normalised forms of the values read as missing here (see
    /// [`PrepareOptionsBuilder::missing_values`]), sorted.
    missing: Vec<Box<str>>,
}

impl Column {
    fn truncate(&mut self, len: usize) {
        self.raw.truncate(len);
        self.raw_is_normalized.truncate(len);
        self.features.truncate(len);
    }

    fn new(field: &Field, options: &PrepareOptions) -> Column {
        let kind = field.kind();
        let items = field.item_separator();
        let mut missing: Vec<Box<str>> = Vec::new();
        for value in options.missing.of(field.name()) {
            let prepared = match (value.trim(), items) {
                ("", _) => continue,
                (value, Some(separator)) => prepare_set(value, Some(separator)),
                (value, None) => prepare_value(kind, value, options),
            };
            let text = prepared.text.as_str();
            if !text.is_empty() {
                missing.push(text.into());
            }
        }
        // Sorted for a binary search per value: a host may declare many.
        missing.sort_unstable();
        missing.dedup();
        Column {
            kind,
            items,
            raw: TextArena::default(),
            raw_is_normalized: Bits::default(),
            features: Features::for_kind(kind),
            missing,
        }
    }

    /// Reads one raw value, appending its normalised text to `normalized`
    /// (the record's row); returns whether it was present, missing or
    /// invalid. `cache` holds values of this column prepared before.
    fn push(
        &mut self,
        raw: Option<&str>,
        options: &PrepareOptions,
        normalized: &mut TextArena,
        cache: &mut ValueCache,
    ) -> Result<(ValueState, bool), StoreError> {
        let raw = raw.map(str::trim).filter(|value| !value.is_empty());
        let (raw, truncated) = match raw.map(within_field_limit) {
            Some((value, truncated)) => (Some(value.trim_end()), truncated),
            None => (None, false),
        };
        let mut prepared = match (raw, self.items) {
            (Some(value), Some(separator)) => prepare_set(value, Some(separator)),
            (Some(value), None) => cache.prepare(self.kind, value, options),
            (None, _) => Prepared::missing(),
        };
        if !self.missing.is_empty()
            && self
                .missing
                .binary_search_by(|known| (**known).cmp(prepared.text.as_str()))
                .is_ok()
        {
            prepared = Prepared::missing();
        }
        let same = raw.is_some_and(|raw| raw == prepared.text.as_str());
        self.raw.push(if same { "" } else { raw.unwrap_or("") })?;
        self.raw_is_normalized.push(same);
        normalized.push(prepared.text.as_str())?;
        match &mut self.features {
            Features::None => {}
            Features::Name {
                soundex: codes,
                formal,
            } => {
                let given = self.kind == FieldKind::GivenName;
                let name = prepared
                    .name
                    .unwrap_or_else(|| NameFeatures::of(prepared.text.as_str(), given));
                codes.push(name.soundex);
                // Nicknames are given names: family names keep no column.
                if self.kind == FieldKind::GivenName {
                    formal.push(name.formal);
                }
            }
            Features::Dates(dates) => dates.push(prepared.date),
            Features::Timestamps(stamps) => stamps.push(prepared.timestamp),
            Features::Numbers(numbers) => numbers.push(prepared.number),
            Features::Words(lists) => lists.push(prepared.text.as_str())?,
        }
        let state = match raw {
            None => ValueState::Missing,
            Some(_) if prepared.invalid => ValueState::Invalid,
            Some(_) if prepared.text.is_empty() => ValueState::Missing,
            Some(_) => ValueState::Present,
        };
        Ok((state, truncated))
    }

    fn append(&mut self, other: Column) -> Result<(), StoreError> {
        self.raw.append(&other.raw)?;
        self.raw_is_normalized.append(&other.raw_is_normalized);
        self.features.append(other.features);
        Ok(())
    }
}

enum ValueState {
    Present,
    Missing,
    Invalid,
}

/// Normalised text: borrowed from the raw value when normalising changed
/// nothing, inline for short generated values (phone digits, ISO dates),
/// so that most values cost no allocation.
enum PreparedText<'a> {
    Text(Cow<'a, str>),
    Inline { bytes: [u8; 24], len: u8 },
}

impl<'a> PreparedText<'a> {
    /// Inline when `text` fits, else owned.
    fn short(text: &str) -> PreparedText<'a> {
        if text.len() > 24 {
            return PreparedText::Text(Cow::Owned(text.to_string()));
        }
        let mut bytes = [0u8; 24];
        bytes[..text.len()].copy_from_slice(text.as_bytes());
        PreparedText::Inline {
            bytes,
            len: text.len() as u8,
        }
    }

    fn as_str(&self) -> &str {
        match self {
            PreparedText::Text(text) => text,
            // Only whole `&str`s are copied in.
            PreparedText::Inline { bytes, len } => {
                std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or("")
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.as_str().is_empty()
    }
}

/// A normalised value and its parsed form.
struct Prepared<'a> {
    text: PreparedText<'a>,
    date: Option<Date>,
    timestamp: Option<Timestamp>,
    number: Option<f64>,
    invalid: bool,
    /// The name features of the text when already known (a cached
    /// value of a name column).
    name: Option<NameFeatures>,
}

impl<'a> Prepared<'a> {
    fn missing() -> Prepared<'a> {
        Prepared::text(Cow::Borrowed(""))
    }

    fn invalid() -> Prepared<'a> {
        Prepared {
            invalid: true,
            ..Prepared::missing()
        }
    }

    fn text(text: Cow<'a, str>) -> Prepared<'a> {
        Prepared {
            text: PreparedText::Text(text),
            date: None,
            timestamp: None,
            number: None,
            invalid: false,
            name: None,
        }
    }
}

/// What a name column keeps beside a name's text: its Soundex code in
/// four bytes (zeros when the name has no letter) and the formal name of
/// its first word (`bill` → `william`), read for given names only.
#[derive(Debug, Clone, Copy)]
struct NameFeatures {
    soundex: [u8; 4],
    formal: Option<&'static str>,
}

impl NameFeatures {
    /// The features of the name `text`, with the formal name when it is
    /// a `given` name.
    fn of(text: &str, given: bool) -> NameFeatures {
        let code = soundex(text);
        let mut stored = [0u8; 4];
        for (slot, &byte) in stored.iter_mut().zip(code.as_bytes()) {
            *slot = byte;
        }
        let formal = given
            .then(|| formal_names(first_word(text)).first().copied())
            .flatten();
        NameFeatures {
            soundex: stored,
            formal,
        }
    }
}

/// One column's raw values already prepared by one ingestion lane, with
/// what they gave. Given names repeat from record to record (a million
/// people share a few ten thousand), and reading one (titles, suffixes,
/// nicknames, Soundex) costs more than finding it again, so each distinct
/// name is read once. Preparing is a pure function of the value, the kind
/// and the options, so a cached value reads exactly as a fresh one.
///
/// Only given names are cached (see [`ValueCache::worth_caching`]): for
/// the other kinds (a postcode, a city, a date) a lookup in a large map
/// costs as much as preparing the value again. A column whose values
/// turn out not to repeat stops being cached after a window of lookups.
#[derive(Debug, Default)]
struct ValueCache {
    /// Raw value → its position in `values`.
    positions: HashMap<Box<str>, u32, ahash::RandomState>,
    values: Vec<CachedValue>,
    /// Lookups and hits in the current window.
    lookups: u32,
    hits: u32,
    /// Set once the column's values have shown they do not repeat, and
    /// for the kinds that are not cached.
    off: bool,
}

/// A prepared value as a cache keeps it (the cached kinds give text and
/// name features only).
#[derive(Debug)]
struct CachedValue {
    /// The normalised text; `None` when it is the raw value itself.
    text: Option<Box<str>>,
    name: Option<NameFeatures>,
}

/// Lookups per window after which a cache whose hits were fewer than a
/// quarter of them is turned off.
const CACHE_WINDOW: u32 = 8192;

/// Distinct values one cache keeps at most; later values are prepared
/// without being kept.
const CACHE_CAPACITY: usize = 1 << 16;

impl ValueCache {
    /// A cache per field of `schema`; all off unless `enabled` (a few
    /// records would fill caches they never read again).
    fn for_schema(schema: &Schema, enabled: bool) -> Vec<ValueCache> {
        schema
            .fields()
            .iter()
            .map(|field| ValueCache {
                positions: HashMap::with_hasher(ahash::RandomState::with_seeds(1, 2, 3, 4)),
                off: !enabled || !ValueCache::worth_caching(field.kind()),
                ..ValueCache::default()
            })
            .collect()
    }

    /// Whether values of `kind` are slow to prepare, repeat, and give
    /// text and name features only: given names (measured on a million
    /// generated people: 0.41 s → 0.24 s of one core; family names,
    /// cities, postcodes and dates gained nothing or lost).
    fn worth_caching(kind: FieldKind) -> bool {
        kind == FieldKind::GivenName
    }

    /// `raw` (trimmed, not empty) prepared as a column of `kind` prepares
    /// it, from the cache when it was seen before.
    fn prepare<'a>(
        &'a mut self,
        kind: FieldKind,
        raw: &'a str,
        options: &PrepareOptions,
    ) -> Prepared<'a> {
        if self.off {
            return prepare_value(kind, raw, options);
        }
        if self.lookups == CACHE_WINDOW {
            if self.hits < CACHE_WINDOW / 4 {
                self.off = true;
                self.positions = HashMap::default();
                self.values = Vec::new();
                return prepare_value(kind, raw, options);
            }
            self.lookups = 0;
            self.hits = 0;
        }
        self.lookups += 1;
        let position = match self.positions.get(raw) {
            Some(&position) => {
                self.hits += 1;
                position
            }
            None => {
                let prepared = prepare_value(kind, raw, options);
                if self.values.len() >= CACHE_CAPACITY {
                    return prepared;
                }
                let text = prepared.text.as_str();
                self.values.push(CachedValue {
                    text: (text != raw).then(|| text.into()),
                    name: (kind == FieldKind::GivenName).then(|| NameFeatures::of(text, true)),
                });
                let position = (self.values.len() - 1) as u32;
                self.positions.insert(raw.into(), position);
                position
            }
        };
        let cached = &self.values[position as usize];
        Prepared {
            name: cached.name,
            ..Prepared::text(Cow::Borrowed(cached.text.as_deref().unwrap_or(raw)))
        }
    }
}

/// `yyyy-mm-dd` without the formatting machinery or an allocation (one
/// per date field per record at ingestion).
fn iso_date<'a>(date: Date) -> PreparedText<'a> {
    iso_digits(
        u32::from(date.year()),
        u32::from(date.month()),
        u32::from(date.day()),
    )
}

/// The day of a date whose day is written as not known (0 or 99, in a
/// month that exists): the 1st; any other day as written.
fn unknown_day(month: u32, day: u32) -> u32 {
    if is_unknown_part(day) && (1..=12).contains(&month) {
        1
    } else {
        day
    }
}

/// The first year a date field takes as a date: a year of three digits
/// (`0195` for `1975`, `201` for `2001`) is a digit lost from a year, an
/// impossible date kept for its digits; a year of one or two
/// (`0001-01-01`) is a placeholder, missing.
const FIRST_PLAUSIBLE_YEAR: i64 = 1000;

/// The text of an impossible date as written (`1945-02-30`,
/// `1945-13-04`, or a digit typed into one part of a register's date:
/// `19460-09-01`, `1945-08-124`), laid out as [`iso_date`] lays out a
/// date, so that the text levels (exact, one digit) compare it with
/// other dates; `None` when a part does not fit what
/// [`PreparedRecord::written_date`] reads (a year past 65535, a month or
/// day past 255) or is 0 or 99 (which registers write for "unknown"),
/// or when the year is below 100, which no slip of a year's digits
/// gives: a placeholder (`0001-01-01`, as databases write an unknown
/// date), which would otherwise meet every other at the exact level.
fn impossible_date<'a>((year, month, day): (i64, u32, u32)) -> Option<PreparedText<'a>> {
    let year = u32::try_from(year)
        .ok()
        .filter(|year| (100..=u32::from(u16::MAX)).contains(year))?;
    let written = |part: u32| !is_unknown_part(part) && part <= u32::from(u8::MAX);
    (written(month) && written(day)).then(|| iso_digits(year, month, day))
}

/// `yyyy-mm-dd` of the parts, each written with as many digits as it
/// has when they are more (`19460-09-01`).
fn iso_digits<'a>(year: u32, month: u32, day: u32) -> PreparedText<'a> {
    let mut bytes = [0u8; 24];
    let mut at = 0;
    for (index, (value, least)) in [(year, 4), (month, 2), (day, 2)].into_iter().enumerate() {
        if index > 0 {
            bytes[at] = b'-';
            at += 1;
        }
        let width = value.checked_ilog10().map_or(1, |log| log + 1).max(least);
        for position in 0..width {
            let digit = value / 10u32.pow(width - 1 - position) % 10;
            bytes[at] = b'0' + digit as u8;
            at += 1;
        }
    }
    PreparedText::Inline {
        bytes,
        len: at as u8,
    }
}

/// The character that separates the items of a set value: `|`, or `;`
/// in a value without `|` (`Ann Lee; Bob Chan`). A comma is one only
/// where the schema says so ([`Field::item_separator`]): it is inside
/// too many single items (`Lee, Ann`, `Acme, Inc.`) to be guessed from
/// one value.
fn set_separator(raw: &str) -> char {
    if !raw.contains('|') && raw.contains(';') {
        ';'
    } else {
        '|'
    }
}

/// The items of a set's raw value: split at the separator the schema
/// `named` (and at `|`, the separator sets are kept with, which no item
/// holds), else as [`set_separator`] says; not trimmed.
pub(crate) fn set_items(raw: &str, named: Option<char>) -> std::str::Split<'_, [char; 2]> {
    let separator = named.unwrap_or_else(|| set_separator(raw));
    raw.split([separator, '|'])
}

/// A set's value: its items (see [`set_items`]) folded, sorted and
/// deduplicated, joined by `|`.
fn prepare_set(raw: &str, named: Option<char>) -> Prepared<'static> {
    let mut items: Vec<String> = set_items(raw, named)
        .map(|item| fold_text(item).into_owned())
        .filter(|item| !item.is_empty())
        .collect();
    items.sort_unstable();
    items.dedup();
    Prepared::text(Cow::Owned(items.join("|")))
}

/// `value`, or blank (missing) when `placeholder` says it is one.
fn unless_placeholder(value: Cow<'_, str>, placeholder: fn(&str) -> bool) -> Cow<'_, str> {
    if placeholder(&value) {
        Cow::Borrowed("")
    } else {
        value
    }
}

fn prepare_value<'a>(kind: FieldKind, raw: &'a str, options: &PrepareOptions) -> Prepared<'a> {
    match kind {
        // A placeholder (`UNKNOWN`, `NFN`, `BABY GIRL`) is no name: two
        // records sharing one are not one person.
        // A courtesy title alone (`MR`, `Mrs.`) stands where the given
        // name was not known.
        FieldKind::GivenName => Prepared::text(unless_placeholder(
            normalize_name(raw),
            is_placeholder_given_name,
        )),
        FieldKind::FamilyName => Prepared::text(unless_placeholder(
            normalize_family_name(raw),
            is_placeholder_name,
        )),
        FieldKind::FullName => {
            Prepared::text(Cow::Owned(parse_person_name(raw).full_name().to_string()))
        }
        FieldKind::City | FieldKind::Country | FieldKind::Category | FieldKind::Text => {
            Prepared::text(fold_text(raw))
        }
        FieldKind::Organisation => Prepared::text(normalize_organisation(raw)),
        FieldKind::Email => match normalize_email(raw) {
            Ok(email) if email.is_placeholder() => Prepared::missing(),
            Ok(email) if email.as_str() == raw => Prepared::text(Cow::Borrowed(raw)),
            Ok(email) => Prepared::text(Cow::Owned(email.as_str().to_string())),
            Err(_) => Prepared::invalid(),
        },
        FieldKind::Handle => Prepared::text(normalize_handle(raw)),
        // A placeholder number (`555-555-5555`, `(123) 456-7890`) is no
        // phone, as a placeholder identifier is none.
        FieldKind::Phone => match options.phones.normalize(raw) {
            Ok(phone) if is_placeholder_identifier(phone.national_number()) => Prepared::missing(),
            Ok(phone) => Prepared {
                text: PreparedText::short(phone.digits()),
                ..Prepared::missing()
            },
            Err(_) => Prepared::invalid(),
        },
        // The date as written, read once: a date, or an impossible one (a
        // digit typed wrong: `1945-08-41`), invalid, whose digits still
        // meet the exact and one-digit levels of the date it was meant
        // to be. A day written as not known (`1945-08-00`, `…-99`) or
        // not written (`1945-08`, `Aug 1945`) is a date known in part,
        // the 1st of its month, as
        // [`DateParts::compose`](crate::infer::DateParts::compose)
        // writes a register's.
        FieldKind::Date => match options.dates.written_or_month(raw) {
            Ok((year, month, day)) => match Date::new(year, month, unknown_day(month, day)) {
                Ok(date) if year >= FIRST_PLAUSIBLE_YEAR => Prepared {
                    text: iso_date(date),
                    date: Some(date),
                    ..Prepared::missing()
                },
                Ok(_)
                | Err(
                    DateError::YearOutOfRange(_)
                    | DateError::MonthOutOfRange(_)
                    | DateError::DayOutOfRange { .. },
                ) => match impossible_date((year, month, day)) {
                    Some(text) => Prepared {
                        text,
                        ..Prepared::invalid()
                    },
                    None => Prepared::invalid(),
                },
                Err(_) => Prepared::invalid(),
            },
            Err(_) => Prepared::invalid(),
        },
        FieldKind::Timestamp => match options.dates.parse_timestamp(raw) {
            Ok(timestamp) => Prepared {
                text: PreparedText::short(&timestamp.to_string()),
                timestamp: Some(timestamp),
                ..Prepared::missing()
            },
            Err(_) => Prepared::invalid(),
        },
        FieldKind::Address => Prepared::text(normalize_address(raw)),
        FieldKind::Postcode => Prepared::text(normalize_postcode(raw)),
        // A placeholder (`000-00-0000`, `123456789`) is no identifier.
        FieldKind::Identifier => {
            let folded = fold_text(raw);
            let joined = if folded.contains(' ') {
                Cow::Owned(folded.replace(' ', ""))
            } else {
                folded
            };
            Prepared::text(unless_placeholder(joined, is_placeholder_identifier))
        }
        FieldKind::Set => prepare_set(raw, None),
        FieldKind::Numeric => match raw.replace(',', "").parse::<f64>() {
            Ok(number) if number.is_finite() => Prepared {
                number: Some(number),
                ..Prepared::text(Cow::Borrowed(raw))
            },
            _ => Prepared::invalid(),
        },
    }
}

/// Records ingested together: the part of the store one thread builds.
struct Batch {
    ids: TextArena,
    sources: Vec<SourceId>,
    columns: Vec<Column>,
    normalized: TextArena,
    stats: IngestStats,
}

impl Batch {
    fn new(schema: &Schema, options: &PrepareOptions) -> Batch {
        Batch {
            ids: TextArena::default(),
            sources: Vec::new(),
            columns: schema
                .fields()
                .iter()
                .map(|field| Column::new(field, options))
                .collect(),
            normalized: TextArena::default(),
            stats: IngestStats {
                records: 0,
                fields: vec![FieldStats::default(); schema.len()],
            },
        }
    }

    /// Reads `records`, numbering those without an id from `first_number`
    /// (the source's records before them), with a cache of prepared
    /// values per field.
    fn read<R: Record>(
        schema: &Schema,
        options: &PrepareOptions,
        (source, source_name): (SourceId, &str),
        records: &[R],
        first_number: u64,
        caches: &mut [ValueCache],
    ) -> Result<Batch, StoreError> {
        let mut batch = Batch::new(schema, options);
        let mut number = String::new();
        for (offset, record) in records.iter().enumerate() {
            let given = record.id();
            let id = match given.as_deref().map(str::trim).filter(|id| !id.is_empty()) {
                Some(id) => id,
                None => {
                    number.clear();
                    number.push_str(&(first_number + offset as u64).to_string());
                    &number
                }
            };
            if id.len() > MAX_ID_BYTES {
                return Err(StoreError::IdTooLong {
                    source_name: source_name.to_string(),
                    record: first_number + offset as u64 + 1,
                    bytes: id.len(),
                });
            }
            batch.ids.push(id)?;
            batch.sources.push(source);
            for (((field, column), stats), cache) in schema
                .fields()
                .iter()
                .zip(&mut batch.columns)
                .zip(&mut batch.stats.fields)
                .zip(caches.iter_mut())
            {
                let (state, truncated) = column.push(
                    record.field(field.name()),
                    options,
                    &mut batch.normalized,
                    cache,
                )?;
                stats.truncated += u64::from(truncated);
                match state {
                    ValueState::Present => stats.present += 1,
                    ValueState::Missing => stats.missing += 1,
                    ValueState::Invalid => stats.invalid += 1,
                }
            }
            batch.stats.records += 1;
        }
        Ok(batch)
    }
}

/// The longest value a field keeps, in bytes (64 KiB): a longer value is
/// cut at the last character boundary within it when ingested, and
/// counted in [`FieldStats::truncated`]. Identity fields are far shorter;
/// the cap keeps one runaway value (a whole file swallowed by a stray
/// quote, a pasted document) from costing memory and comparison time
/// out of proportion: a store holds at most a few copies of each value
/// (raw and normalised), so memory stays linear in the values kept.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema, MAX_FIELD_BYTES};
/// let mut store = PreparedStore::new(Schema::builder().field("note", FieldKind::Text).build()?);
/// let crm = store.add_source("crm", false)?;
/// let stats = store.ingest(crm, &[OwnedRecord::new("1").with("note", "é".repeat(MAX_FIELD_BYTES))])?;
/// assert_eq!(stats.fields[0].truncated, 1);
/// let note = store.schema().field_id("note")?;
/// assert_eq!(store.records().next().unwrap().raw(note).map(str::len), Some(MAX_FIELD_BYTES));
/// # Ok::<(), sameas::Error>(())
/// ```
pub const MAX_FIELD_BYTES: usize = 64 * 1024;

/// `value` cut to at most [`MAX_FIELD_BYTES`] at a character boundary,
/// and whether it was cut.
fn within_field_limit(value: &str) -> (&str, bool) {
    if value.len() <= MAX_FIELD_BYTES {
        return (value, false);
    }
    let mut end = MAX_FIELD_BYTES;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    (&value[..end], true)
}

/// The longest record id a store takes, in bytes (1 KiB), after
/// trimming. Unlike a value, an id is never cut (two ids cut alike would
/// name one record): a longer one is refused with
/// [`StoreError::IdTooLong`], which names the record by its source and
/// position, never by its id. Keys of real systems are far shorter
/// (a UUID has 36 bytes).
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema, StoreError, MAX_ID_BYTES};
/// let mut store = PreparedStore::new(Schema::builder().field("note", FieldKind::Text).build()?);
/// let crm = store.add_source("crm", false)?;
/// let long = "7".repeat(MAX_ID_BYTES + 1);
/// let refused = store.ingest(crm, &[OwnedRecord::new("1"), OwnedRecord::new(long)]);
/// assert_eq!(
///     refused,
///     Err(StoreError::IdTooLong { source_name: "crm".into(), record: 2, bytes: 1025 })
/// );
/// assert!(store.is_empty()); // nothing of the call was kept
/// # Ok::<(), sameas::Error>(())
/// ```
pub const MAX_ID_BYTES: usize = 1024;

// `StoreError::IdTooLong`'s message writes the number (the error module
// sits below this one).
const _: () = assert!(MAX_ID_BYTES == 1024);

/// The most records one store holds (2^31 - 1): record indices are 31-bit
/// so that the blocking index can pack them.
///
/// # Examples
///
/// ```
/// assert_eq!(sameas::MAX_RECORDS, 2_147_483_647);
/// ```
pub const MAX_RECORDS: usize = (1 << 31) - 1;

/// Records per batch in parallel ingestion: large enough to amortise the
/// hand-off, small enough to spread over the cores.
const BATCH_RECORDS: usize = 4096;

/// Batches read in parallel before they are appended to the store.
const BATCHES_PER_GROUP: usize = 4;

/// Every ingested record, normalised, in columns.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder()
///     .field("name", FieldKind::FullName)
///     .field("email", FieldKind::Email)
///     .field("dob", FieldKind::Date)
///     .build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("c1").with("name", "NEAL, Kelly").with("email", "K.Neal@GoogleMail.com"),
///     OwnedRecord::new("c2").with("name", "Kelly Neal").with("dob", "3/4/85"),
/// ])?;
/// let email = store.schema().field_id("email")?;
/// let name = store.schema().field_id("name")?;
/// let first = store.records().next().unwrap();
/// assert_eq!(first.text(email), Some("kneal@gmail.com"));
/// assert_eq!(first.text(name), Some("kelly neal"));
/// assert_eq!(first.raw(email), Some("K.Neal@GoogleMail.com"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Clone)]
pub struct PreparedStore {
    schema: Schema,
    options: PrepareOptions,
    sources: Vec<Source>,
    source_records: Vec<u64>,
    ids: TextArena,
    record_sources: Vec<SourceId>,
    columns: Vec<Column>,
    /// Normalised values record after record (every field of record 0,
    /// then of record 1, ...): scoring a pair reads a record's fields
    /// from two or three cache lines instead of two per field.
    normalized: TextArena,
    /// [`canonical_keys`](Self::canonical_keys), computed on first use
    /// after the last ingestion.
    canonical: std::sync::OnceLock<Vec<u64>>,
    stats: IngestStats,
}

impl PreparedStore {
    /// An empty store with default [`PrepareOptions`].
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, PreparedStore, Schema};
    /// let store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// assert!(store.is_empty());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn new(schema: Schema) -> PreparedStore {
        PreparedStore::with_options(schema, PrepareOptions::new())
    }

    /// An empty store reading values with `options`.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::normalize::PhoneNormalizer;
    /// use sameas::{FieldKind, OwnedRecord, PrepareOptions, PreparedStore, Schema};
    ///
    /// let schema = Schema::builder().field("phone", FieldKind::Phone).build()?;
    /// let options = PrepareOptions::builder()
    ///     .phones(PhoneNormalizer::builder().default_country("US").build()?)
    ///     .build()?;
    /// let mut store = PreparedStore::with_options(schema, options);
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("phone", "(555) 010-2030")])?;
    /// let phone = store.schema().field_id("phone")?;
    /// assert_eq!(store.records().next().unwrap().text(phone), Some("15550102030"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn with_options(schema: Schema, options: PrepareOptions) -> PreparedStore {
        let columns = schema
            .fields()
            .iter()
            .map(|field| Column::new(field, &options))
            .collect();
        let stats = IngestStats {
            records: 0,
            fields: vec![FieldStats::default(); schema.len()],
        };
        PreparedStore {
            schema,
            options,
            sources: Vec::new(),
            source_records: Vec::new(),
            ids: TextArena::default(),
            record_sources: Vec::new(),
            columns,
            normalized: TextArena::default(),
            canonical: std::sync::OnceLock::new(),
            stats,
        }
    }

    /// The schema the store reads records with.
    pub fn schema(&self) -> &Schema {
        &self.schema
    }

    /// The options the store reads values with.
    pub fn options(&self) -> &PrepareOptions {
        &self.options
    }

    /// Registers a source. `duplicate_free` declares that it holds each
    /// entity at most once, so no pair within it is ever a candidate.
    ///
    /// # Errors
    ///
    /// [`StoreError::EmptySourceName`], [`StoreError::DuplicateSource`], or
    /// [`StoreError::TooManySources`] past 65,535 sources.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, PreparedStore, Schema, StoreError};
    /// let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// store.add_source("crm", false)?;
    /// assert_eq!(store.add_source("crm", true), Err(StoreError::DuplicateSource("crm".into())));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn add_source(&mut self, name: &str, duplicate_free: bool) -> Result<SourceId, StoreError> {
        if name.trim().is_empty() {
            return Err(StoreError::EmptySourceName);
        }
        if self.sources.iter().any(|source| source.name == name) {
            return Err(StoreError::DuplicateSource(name.to_string()));
        }
        let id = u16::try_from(self.sources.len()).map_err(|_| StoreError::TooManySources)?;
        self.sources.push(Source {
            name: name.to_string(),
            duplicate_free,
        });
        self.source_records.push(0);
        Ok(SourceId(id))
    }

    /// Forgets the source added last when it holds no record (an
    /// ingestion that failed right after registering it).
    pub(crate) fn forget_empty_last_source(&mut self, id: SourceId) {
        let last = self.sources.len().checked_sub(1);
        if last == Some(usize::from(id.0)) && self.source_records.last() == Some(&0) {
            self.sources.pop();
            self.source_records.pop();
        }
    }

    /// The source with this id.
    ///
    /// # Panics
    ///
    /// When `id` did not come from this store's [`add_source`](Self::add_source);
    /// see [`try_source`](Self::try_source).
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[usize::from(id.0)]
    }

    /// The source with this id, or `None` for an id of another store.
    pub fn try_source(&self, id: SourceId) -> Option<&Source> {
        self.sources.get(usize::from(id.0))
    }

    /// Every registered source, in registration order.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// Reads `records` from `source` into the store, on all cores with the
    /// `parallel` feature. The result is the same for any thread count:
    /// records are numbered in slice order. Returns what this call saw.
    ///
    /// # Errors
    ///
    /// [`StoreError::UnknownSource`] for an id from another store,
    /// [`StoreError::TooManyRecords`] past [`MAX_RECORDS`] records,
    /// [`StoreError::IdTooLong`] for an id past [`MAX_ID_BYTES`], and
    /// [`StoreError::ColumnTooLarge`] past 4 GiB of text in one column. Bad
    /// values are never errors: they are counted and kept as missing. On
    /// an error the store is left as it was before the call.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// let schema = Schema::builder().field("given", FieldKind::GivenName).build()?;
    /// let mut store = PreparedStore::new(schema);
    /// let crm = store.add_source("crm", false)?;
    /// let rows = vec![[("id", "1"), ("given", "Dr. Kelly")], [("id", "2"), ("given", "")]];
    /// let stats = store.ingest(crm, &rows)?;
    /// assert_eq!((stats.records, stats.fields[0].present, stats.fields[0].missing), (2, 1, 1));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn ingest<R: Record + Sync>(
        &mut self,
        source: SourceId,
        records: &[R],
    ) -> Result<IngestStats, StoreError> {
        let source_index = usize::from(source.0);
        if source_index >= self.sources.len() {
            return Err(StoreError::UnknownSource(source_index));
        }
        if self.len() as u64 + records.len() as u64 > MAX_RECORDS as u64 {
            return Err(StoreError::TooManyRecords);
        }
        let first_number = self.source_records[source_index];
        let source_name = self.sources[source_index].name();
        let read = |(chunk_index, chunk): (usize, &[R]), caches: &mut [ValueCache]| {
            let first = first_number + (chunk_index * BATCH_RECORDS) as u64;
            Batch::read(
                &self.schema,
                &self.options,
                (source, source_name),
                chunk,
                first,
                caches,
            )
        };
        // One lane per batch of a group, each with its own caches kept
        // from group to group: a lane reads every fourth batch, and its
        // caches fill with the values that repeat across the input.
        let mut lanes: Vec<Vec<ValueCache>> = (0..BATCHES_PER_GROUP)
            .map(|_| ValueCache::for_schema(&self.schema, records.len() > BATCH_RECORDS))
            .collect();
        let mut stats = IngestStats {
            records: 0,
            fields: vec![FieldStats::default(); self.schema.len()],
        };
        // Batches are read a group at a time and appended in order, so
        // that only one group's copies exist beside the store.
        let chunks: Vec<(usize, &[R])> = records.chunks(BATCH_RECORDS).enumerate().collect();
        let before = self.len();
        self.canonical = std::sync::OnceLock::new();
        let mut append_all = || -> Result<(), StoreError> {
            for group in chunks.chunks(BATCHES_PER_GROUP) {
                let (batches, kept): (Vec<Result<Batch, StoreError>>, Vec<Vec<ValueCache>>) =
                    crate::par::zip_map(
                        group,
                        std::mem::take(&mut lanes),
                        |(&chunk, mut caches)| (read(chunk, &mut caches), caches),
                    )
                    .into_iter()
                    .unzip();
                lanes = kept;
                for batch in batches {
                    let batch = batch?;
                    self.ids.append(&batch.ids)?;
                    self.record_sources.extend(batch.sources);
                    self.normalized.append(&batch.normalized)?;
                    for (column, part) in self.columns.iter_mut().zip(batch.columns) {
                        column.append(part)?;
                    }
                    stats.add(&batch.stats);
                }
            }
            Ok(())
        };
        if let Err(error) = append_all() {
            // Leave the store as it was: every column the same length.
            self.truncate(before);
            return Err(error);
        }
        self.source_records[source_index] += records.len() as u64;
        self.stats.add(&stats);
        Ok(stats)
    }

    /// A store of two records read with `schema` and `options` (one
    /// source, numbered records for missing ids): what scoring a pair of
    /// host records on the fly needs.
    pub(crate) fn of_pair(
        schema: &Schema,
        options: &PrepareOptions,
        a: &dyn Record,
        b: &dyn Record,
    ) -> Result<PreparedStore, StoreError> {
        let mut store = PreparedStore::with_options(schema.clone(), options.clone());
        let source = store.add_source("pair", false)?;
        let mut caches = ValueCache::for_schema(schema, false);
        let batch = Batch::read(schema, options, (source, "pair"), &[a, b], 0, &mut caches)?;
        // An empty store takes the batch as it is.
        store.ids = batch.ids;
        store.record_sources = batch.sources;
        store.normalized = batch.normalized;
        store.columns = batch.columns;
        store.stats = batch.stats;
        store.source_records[0] = 2;
        // Two host records come from no source: a blank name, which no
        // source added by the host nor a `SourcePrior` can have, keeps
        // them to the model's own prior.
        store.sources[0].name = String::new();
        Ok(store)
    }

    /// The two records of a store built by [`of_pair`](Self::of_pair).
    pub(crate) fn pair(&self) -> Result<(PreparedRecord<'_>, PreparedRecord<'_>), StoreError> {
        let record = |position: usize| {
            self.record(RecordIndex::from_position(position))
                .ok_or(StoreError::RecordOutOfRange {
                    index: position,
                    records: self.len(),
                })
        };
        Ok((record(0)?, record(1)?))
    }

    /// How many records the store holds.
    pub fn len(&self) -> usize {
        self.record_sources.len()
    }

    /// Whether the store holds no record.
    pub fn is_empty(&self) -> bool {
        self.record_sources.is_empty()
    }

    /// Everything ingestion has seen so far.
    pub fn stats(&self) -> &IngestStats {
        &self.stats
    }

    /// Drops every record from position `len` on.
    fn truncate(&mut self, len: usize) {
        self.ids.truncate(len);
        self.record_sources.truncate(len);
        self.normalized
            .truncate(len.saturating_mul(self.schema.len()));
        for column in &mut self.columns {
            column.truncate(len);
        }
    }

    /// How many records `source` holds (0 for an unknown source).
    pub(crate) fn source_len(&self, source: SourceId) -> u64 {
        self.source_records
            .get(usize::from(source.0))
            .copied()
            .unwrap_or(0)
    }

    /// The position of a record among its source's records, from 0.
    pub(crate) fn position_in_source(&self, index: RecordIndex) -> u64 {
        let Some(&source) = self.record_sources.get(index.get()) else {
            return 0;
        };
        self.record_sources[..index.get()]
            .iter()
            .filter(|&&other| other == source)
            .count() as u64
    }

    /// Overwrites every value of one record in place: its id, raw and
    /// normalised values with zero bytes, its phonetic codes, formal
    /// names, dates and numbers with nothing (erasure). The record keeps
    /// its slot and source, so no other record moves; it should be in no
    /// index and no pair any more.
    pub(crate) fn erase_values(&mut self, index: RecordIndex) {
        let position = index.get();
        if position >= self.len() {
            return;
        }
        self.ids.blank(position);
        let fields = self.schema.len();
        for field in 0..fields {
            self.normalized.blank(position * fields + field);
        }
        for column in &mut self.columns {
            column.raw.blank(position);
            match &mut column.features {
                Features::None => {}
                Features::Name { soundex, formal } => {
                    if let Some(code) = soundex.get_mut(position) {
                        *code = [0; 4];
                    }
                    if let Some(name) = formal.get_mut(position) {
                        *name = None;
                    }
                }
                Features::Dates(dates) => {
                    if let Some(date) = dates.get_mut(position) {
                        *date = None;
                    }
                }
                Features::Timestamps(stamps) => {
                    if let Some(stamp) = stamps.get_mut(position) {
                        *stamp = None;
                    }
                }
                Features::Numbers(numbers) => {
                    if let Some(number) = numbers.get_mut(position) {
                        *number = None;
                    }
                }
                Features::Words(lists) => {
                    if let Some(range) = lists.records.get_mut(position) {
                        *range = None;
                    }
                }
            }
        }
        self.canonical = std::sync::OnceLock::new();
    }

    /// The source of every record, by record index.
    pub(crate) fn record_sources(&self) -> &[SourceId] {
        &self.record_sources
    }

    /// The record at `index`, or `None` past the end.
    #[inline]
    pub fn record(&self, index: RecordIndex) -> Option<PreparedRecord<'_>> {
        (index.get() < self.len()).then(|| self.view(index))
    }

    /// Per record, a hash of its source name and id: an order of the
    /// records that does not depend on the order they were ingested in
    /// (records with the same source and id share a key). Training
    /// samples and clustering break ties by it, so that shuffled input
    /// resolves the same.
    pub(crate) fn canonical_keys(&self) -> &[u64] {
        self.canonical.get_or_init(|| self.compute_canonical_keys())
    }

    fn compute_canonical_keys(&self) -> Vec<u64> {
        let mut key = Vec::new();
        self.records()
            .map(|record| {
                key.clear();
                let source = self
                    .try_source(record.source())
                    .map_or("", |source| source.name());
                key.extend_from_slice(source.as_bytes());
                // 0xFF never occurs in UTF-8: the source name ends here.
                key.push(0xFF);
                key.extend_from_slice(record.id().as_bytes());
                crate::hash::hash_key(&key)
            })
            .collect()
    }

    /// Reads one word of every memory area scoring will read for these
    /// records (their row of normalised values, name and date features),
    /// so the loads overlap: the misses of a batch of random records are
    /// then paid in parallel rather than one after another while scoring.
    /// Returns a value that depends on every load, for `black_box`.
    pub(crate) fn warm(&self, records: impl Iterator<Item = RecordIndex>) -> u64 {
        self.warm_reading(records, true)
    }

    /// [`warm`](Self::warm) without the word lists of free text: for
    /// scoring that reads words elsewhere (numbered, see
    /// `matcher::interned`).
    pub(crate) fn warm_without_word_lists(
        &self,
        records: impl Iterator<Item = RecordIndex>,
    ) -> u64 {
        self.warm_reading(records, false)
    }

    fn warm_reading(&self, records: impl Iterator<Item = RecordIndex>, word_lists: bool) -> u64 {
        let fields = self.schema.len();
        let ends = &self.normalized.ends;
        let bytes = self.normalized.bytes.as_bytes();
        let mut sum = 0u64;
        for index in records.map(RecordIndex::get) {
            let end = ends.get(index * fields).copied().unwrap_or(0);
            sum = sum.wrapping_add(u64::from(end));
            sum = sum.wrapping_add(u64::from(bytes.get(end as usize).copied().unwrap_or(0)));
            for column in &self.columns {
                sum = sum.wrapping_add(match &column.features {
                    Features::None => 0,
                    Features::Name { soundex, formal } => {
                        u64::from(soundex.get(index).map_or(0, |code| code[0]))
                            + formal.get(index).map_or(0, |name| name.map_or(0, str::len)) as u64
                    }
                    Features::Dates(dates) => {
                        dates.get(index).map_or(0, |date| u64::from(date.is_some()))
                    }
                    Features::Timestamps(stamps) => stamps
                        .get(index)
                        .map_or(0, |stamp| u64::from(stamp.is_some())),
                    Features::Numbers(numbers) => {
                        numbers.get(index).map_or(0, |n| u64::from(n.is_some()))
                    }
                    // Free text reaches its word-set levels in most
                    // pairs; names and addresses mostly settle at exact or
                    // Jaro-Winkler, so reading their lists ahead costs more
                    // than it saves.
                    Features::Words(lists) if word_lists && column.kind == FieldKind::Text => lists
                        .get(index)
                        .and_then(|words| words.first())
                        .map_or(0, |word| word.prefix),
                    Features::Words(_) => 0,
                });
            }
        }
        sum
    }

    /// The view of a record the store holds.
    #[inline]
    fn view(&self, index: RecordIndex) -> PreparedRecord<'_> {
        let fields = self.schema.len();
        let first = index.get() * fields;
        let ends = &self.normalized.ends;
        PreparedRecord {
            store: self,
            index,
            row_start: first
                .checked_sub(1)
                .and_then(|last| ends.get(last))
                .unwrap_or(&0),
            row_ends: ends.get(first..first + fields).unwrap_or_default(),
        }
    }

    /// Every record, in ingestion order.
    pub fn records(&self) -> impl ExactSizeIterator<Item = PreparedRecord<'_>> + '_ {
        (0..self.len()).map(|index| self.view(RecordIndex(index as u32)))
    }

    /// A store of the same schema, sources and records (in the same
    /// order, so under the same indices), each raw value prepared again
    /// under `options`: to read values as missing that were found only
    /// once every record was in (see [`placeholder_values`](Self::placeholder_values)).
    /// For a store none of whose records was erased (an erased record
    /// has no values left to read).
    pub(crate) fn reprepared(&self, options: PrepareOptions) -> Result<PreparedStore, StoreError> {
        struct Reread<'a>(PreparedRecord<'a>);
        impl Record for Reread<'_> {
            fn id(&self) -> Option<Cow<'_, str>> {
                Some(Cow::Borrowed(self.0.id()))
            }
            fn field(&self, name: &str) -> Option<&str> {
                let field = self.0.schema().field_id(name).ok()?;
                self.0.raw(field)
            }
        }
        let mut again = PreparedStore::with_options(self.schema.clone(), options);
        for source in &self.sources {
            again.add_source(&source.name, source.duplicate_free)?;
        }
        let mut run: Vec<Reread<'_>> = Vec::new();
        let mut records = self.records().peekable();
        while let Some(record) = records.next() {
            let source = record.source();
            run.push(Reread(record));
            if records.peek().is_none_or(|next| next.source() != source) {
                again.ingest(source, &run)?;
                run.clear();
            }
        }
        // Values were cut to the field limit on the first reading: the
        // second sees them cut already.
        for (field, first) in again.stats.fields.iter_mut().zip(&self.stats.fields) {
            field.truncated = first.truncated;
        }
        Ok(again)
    }
}

/// A view of one prepared record: borrowed slices of the store.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
/// let schema = Schema::builder()
///     .field("given", FieldKind::GivenName)
///     .field("dob", FieldKind::Date)
///     .build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1").with("given", "Bill").with("dob", "1985-03-04")])?;
/// let (given, dob) = (store.schema().field_id("given")?, store.schema().field_id("dob")?);
/// let record = store.records().next().unwrap();
/// assert_eq!(record.text(given), Some("bill"));
/// assert_eq!(record.formal_name(given), Some("william"));
/// assert_eq!(record.soundex(given).map(|c| c.to_string()), Some("B400".to_string()));
/// assert_eq!(record.date(dob).map(|d| d.year()), Some(1985));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct PreparedRecord<'a> {
    store: &'a PreparedStore,
    index: RecordIndex,
    /// Where the record's normalised values start in the store's text,
    /// and where each ends: located once, read per field. Only located:
    /// scoring makes views of many records whose text it never reads
    /// (their values' numbers settle the pair), and reading where a row
    /// starts would cost each a cache miss.
    row_start: &'a u32,
    row_ends: &'a [u32],
}

/// Counts and names, never values (`{:?}` ends up in logs).
impl std::fmt::Debug for PreparedStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields: Vec<&str> = self
            .schema
            .fields()
            .iter()
            .map(|field| field.name())
            .collect();
        let sources: Vec<&str> = self.sources.iter().map(Source::name).collect();
        f.debug_struct("PreparedStore")
            .field("records", &self.len())
            .field("sources", &sources)
            .field("fields", &fields)
            .finish_non_exhaustive()
    }
}

/// Field names and the lengths of the normalised values, never the
/// values nor the record's id (`{:?}` ends up in logs).
impl std::fmt::Debug for PreparedRecord<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields = self
            .store
            .schema
            .fields()
            .iter()
            .enumerate()
            .map(|(position, field)| {
                let length = u16::try_from(position)
                    .ok()
                    .and_then(|position| self.text(FieldId(position)))
                    .map(str::len);
                (field.name(), length)
            })
            .collect();
        f.debug_struct("PreparedRecord")
            .field("index", &self.index.get())
            .field("source", &self.source())
            .field("id", &Redacted(self.id().len()))
            .field("fields", &RedactedFields(fields))
            .finish()
    }
}

impl<'a> PreparedRecord<'a> {
    /// The record's position in the store.
    pub fn index(&self) -> RecordIndex {
        self.index
    }

    /// The record's id (given by the host, or its number in its source).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::without_id(), OwnedRecord::new("x")])?;
    /// let ids: Vec<&str> = store.records().map(|r| r.id()).collect();
    /// assert_eq!(ids, ["0", "x"]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn id(&self) -> &'a str {
        self.store.ids.get(self.index.get())
    }

    /// The source the record came from.
    pub fn source(&self) -> SourceId {
        self.store.record_sources[self.index.get()]
    }

    /// The name of the source the record came from.
    pub(crate) fn source_name(&self) -> &'a str {
        self.store.sources[self.source().index()].name()
    }

    /// The schema of the record's store.
    pub(crate) fn schema(&self) -> &'a Schema {
        &self.store.schema
    }

    #[inline]
    fn column(&self, field: FieldId) -> Option<&'a Column> {
        self.store.columns.get(field.index())
    }

    /// The normalised text of a field (empty if missing or unknown).
    #[inline]
    fn normalized(&self, field: FieldId) -> &'a str {
        let position = field.index();
        let Some(&end) = self.row_ends.get(position) else {
            return "";
        };
        let start = match position.checked_sub(1) {
            Some(previous) => self.row_ends.get(previous).copied().unwrap_or(end),
            None => *self.row_start,
        };
        self.store
            .normalized
            .bytes
            .get(start as usize..end as usize)
            .unwrap_or("")
    }

    /// The normalised value of `field`; `None` when missing or invalid.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("e", "no at sign")])?;
    /// let e = store.schema().field_id("e")?;
    /// assert_eq!(store.records().next().unwrap().text(e), None);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    #[inline]
    pub fn text(&self, field: FieldId) -> Option<&'a str> {
        Some(self.normalized(field)).filter(|text| !text.is_empty())
    }

    /// The distinct words of `text`, sorted (by their bytes), when
    /// `text` is this record's stored value of `field` (the very slice
    /// [`text`](Self::text) returns) and the store keeps word lists for
    /// the field's kind; `None` otherwise.
    #[inline]
    pub(crate) fn sorted_words(&self, field: FieldId, text: &str) -> Option<&'a [Word]> {
        let stored = self.normalized(field);
        if !std::ptr::eq(stored, text) {
            return None;
        }
        match &self.column(field)?.features {
            Features::Words(lists) => lists.get(self.index.get()),
            _ => None,
        }
    }

    /// The value of `field` as the host gave it (trimmed); `None` when
    /// absent or blank.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("e", " K@Example.com ")])?;
    /// let e = store.schema().field_id("e")?;
    /// assert_eq!(store.records().next().unwrap().raw(e), Some("K@Example.com"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn raw(&self, field: FieldId) -> Option<&'a str> {
        let column = self.column(field)?;
        let index = self.index.get();
        let raw = if column.raw_is_normalized.get(index) {
            self.normalized(field)
        } else {
            column.raw.get(index)
        };
        Some(raw).filter(|text| !text.is_empty())
    }

    /// The parsed date of a [`FieldKind::Date`] field, or the date (UTC)
    /// of a [`FieldKind::Timestamp`] field.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("dob", FieldKind::Date).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("dob", "04.03.1985")])?;
    /// let dob = store.schema().field_id("dob")?;
    /// assert_eq!(store.records().next().unwrap().date(dob).map(|d| d.to_string()), Some("1985-03-04".into()));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn date(&self, field: FieldId) -> Option<Date> {
        match &self.column(field)?.features {
            Features::Dates(dates) => dates[self.index.get()],
            Features::Timestamps(stamps) => stamps[self.index.get()].map(Timestamp::date),
            _ => None,
        }
    }

    /// [`text`](Self::text) when the value reads as what its kind holds:
    /// `None` for an impossible date, whose digits are kept for
    /// comparison only. Survivorship takes its candidates from it, so a
    /// golden record never takes `1945-02-30`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("dob", FieldKind::Date).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("dob", "1945-02-30")])?;
    /// let dob = store.schema().field_id("dob")?;
    /// let record = store.records().next().unwrap();
    /// assert_eq!(record.text(dob), Some("1945-02-30"));
    /// assert_eq!(record.readable_text(dob), None);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn readable_text(&self, field: FieldId) -> Option<&'a str> {
        let text = self.text(field)?;
        match &self.column(field)?.features {
            Features::Dates(dates) if dates[self.index.get()].is_none() => None,
            _ => Some(text),
        }
    }

    /// The year, month and day of a [`FieldKind::Date`] field as
    /// written: those of its date, or of an impossible date kept for its
    /// digits (`1945-08-41`, see [`FieldStats::invalid`]), which
    /// [`date`](Self::date) leaves out.
    pub(crate) fn written_date(&self, field: FieldId) -> Option<Written> {
        if let Some(date) = self.date(field) {
            return Some(Written::of(date));
        }
        if !matches!(self.column(field)?.features, Features::Dates(_)) {
            return None;
        }
        // Laid out by `impossible_date`: digits, `-`, digits, `-`, digits.
        let mut parts = self.text(field)?.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        Some(Written {
            year: year.parse().ok()?,
            month: month.parse().ok()?,
            day: day.parse().ok()?,
        })
    }

    /// The point in time of a [`FieldKind::Timestamp`] field, or the
    /// midnight (UTC) of a [`FieldKind::Date`] field's date.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let schema = Schema::builder().metadata("updated_at", FieldKind::Timestamp).build()?;
    /// # let mut store = PreparedStore::new(schema);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("updated_at", "2024-03-05 16:22:01 +02:00")])?;
    /// let updated = store.schema().field_id("updated_at")?;
    /// let record = store.records().next().unwrap();
    /// assert_eq!(record.timestamp(updated).map(|t| t.to_string()), Some("2024-03-05T14:22:01Z".into()));
    /// assert_eq!(record.text(updated), Some("2024-03-05T14:22:01Z"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn timestamp(&self, field: FieldId) -> Option<Timestamp> {
        match &self.column(field)?.features {
            Features::Timestamps(stamps) => stamps[self.index.get()],
            Features::Dates(dates) => dates[self.index.get()].map(Timestamp::from),
            _ => None,
        }
    }

    /// The number in a [`FieldKind::Numeric`] field.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("age", FieldKind::Numeric).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("age", "41")])?;
    /// let age = store.schema().field_id("age")?;
    /// assert_eq!(store.records().next().unwrap().number(age), Some(41.0));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn number(&self, field: FieldId) -> Option<f64> {
        match &self.column(field)?.features {
            Features::Numbers(numbers) => numbers[self.index.get()],
            _ => None,
        }
    }

    /// The Soundex code of a given or family name field.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("family", FieldKind::FamilyName).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("family", "Tymczak")])?;
    /// let family = store.schema().field_id("family")?;
    /// assert_eq!(store.records().next().unwrap().soundex(family).unwrap().as_str(), "T522");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn soundex(&self, field: FieldId) -> Option<PhoneticCode> {
        match &self.column(field)?.features {
            Features::Name { soundex, .. } => {
                Some(PhoneticCode::from_stored(soundex[self.index.get()]))
                    .filter(|code| !code.is_empty())
            }
            _ => None,
        }
    }

    /// The Metaphone code of a given or family name field (computed from
    /// the normalised name on each call).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("family", FieldKind::FamilyName).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("family", "Knight")])?;
    /// let family = store.schema().field_id("family")?;
    /// assert_eq!(store.records().next().unwrap().metaphone(family).unwrap().as_str(), "NT");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn metaphone(&self, field: FieldId) -> Option<PhoneticCode> {
        match &self.column(field)?.features {
            Features::Name { .. } => {
                Some(metaphone(self.text(field)?)).filter(|code| !code.is_empty())
            }
            _ => None,
        }
    }

    /// For a given-name field, the formal name its first word may stand
    /// for (`bill` → `william`); the name itself when it is formal.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("given", FieldKind::GivenName).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("given", "Peggy")])?;
    /// let given = store.schema().field_id("given")?;
    /// assert_eq!(store.records().next().unwrap().formal_name(given), Some("margaret"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn formal_name(&self, field: FieldId) -> Option<&'static str> {
        self.stored_formal_name(field).flatten()
    }

    /// The stored formal name of a given-name field: `None` for other
    /// fields, `Some(None)` for a name the nickname table lacks.
    #[inline]
    pub(crate) fn stored_formal_name(&self, field: FieldId) -> Option<Option<&'static str>> {
        match &self.column(field)?.features {
            Features::Name { formal, .. }
                if self.store.schema.try_field(field)?.kind() == FieldKind::GivenName =>
            {
                formal.get(self.index.get()).copied()
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::OwnedRecord;

    #[test]
    fn a_courtesy_title_alone_is_no_given_name() {
        let options = PrepareOptions::default();
        let given = |raw| {
            prepare_value(FieldKind::GivenName, raw, &options)
                .text
                .as_str()
                .to_owned()
        };
        for title in ["MR", "Mrs.", "ms", "Dr.", "MISS", "Mister"] {
            assert_eq!(given(title), "", "{title}");
        }
        assert_eq!(given("Mr John"), "john");
        assert_eq!(given("Mia"), "mia");
        // A family name is never a title to drop.
        let family = prepare_value(FieldKind::FamilyName, "Doctor", &options);
        assert_eq!(family.text.as_str(), "doctor");
        // A suffix after it is no part of it.
        let family = prepare_value(FieldKind::FamilyName, "Neal, Jr.", &options);
        assert_eq!(family.text.as_str(), "neal");
    }

    #[test]
    fn set_items_split_on_bars_or_else_semicolons() {
        let options = PrepareOptions::default();
        let set = |raw| {
            prepare_value(FieldKind::Set, raw, &options)
                .text
                .as_str()
                .to_owned()
        };
        assert_eq!(set("Bob Chan|Ann Lee|bob chan"), "ann lee|bob chan");
        assert_eq!(set("Bob Chan; Ann Lee;"), "ann lee|bob chan");
        assert_eq!(set("Bob Chan;Ann Lee"), set("Ann Lee|Bob Chan"));
        // With a `|`, a `;` is inside an item; a comma separates only
        // where the schema says so (see the next test).
        assert_eq!(set("Lee; Ann|Chan"), "chan|lee ann");
        assert_eq!(set("Lee, Ann"), "lee ann");
        assert_eq!(set(" ; ;"), "");
    }

    #[test]
    fn a_set_splits_at_the_separator_its_schema_names() {
        let schema = Schema::builder()
            .field("classes", FieldKind::Set)
            .items_separated_by("classes", ',')
            .field("tags", FieldKind::Set)
            .build()
            .expect("schema");
        let mut store = PreparedStore::new(schema);
        let source = store.add_source("crm", false).expect("source");
        let record = crate::OwnedRecord::new("1")
            .with("classes", "H01L21/02, G06F3/01,, g06f3/01|B60L53/10")
            .with("tags", "red, blue");
        store.ingest(source, &[record]).expect("ingest");
        let prepared = store.record(RecordIndex(0)).expect("record");
        let text = |name: &str| {
            let id = store.schema().field_id(name).expect("field");
            prepared.text(id).unwrap_or_default().to_string()
        };
        assert_eq!(text("classes"), "b60l53 10|g06f3 01|h01l21 02");
        // Without a separator named, a comma stays inside the item.
        assert_eq!(text("tags"), "red blue");
    }

    #[test]
    fn truncating_keeps_every_column_consistent() {
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("dob", FieldKind::Date)
            .field("postcode", FieldKind::Postcode)
            .build()
            .unwrap();
        let mut store = PreparedStore::new(schema);
        let crm = store.add_source("crm", false).unwrap();
        let records: Vec<OwnedRecord> = (0..150)
            .map(|i| {
                OwnedRecord::new(format!("r{i}"))
                    .with("given", if i % 2 == 0 { "Bill" } else { "ann" })
                    .with("dob", "1985-03-04")
                    .with("postcode", "12345")
            })
            .collect();
        store.ingest(crm, &records).unwrap();
        store.truncate(70);
        assert_eq!(store.len(), 70);
        let (given, dob, postcode) = (FieldId(0), FieldId(1), FieldId(2));
        let last = store.records().last().unwrap();
        assert_eq!(last.id(), "r69");
        assert_eq!(last.text(given), Some("ann"));
        assert_eq!(last.raw(postcode), Some("12345"));
        assert_eq!(last.date(dob).map(|d| d.year()), Some(1985));
        // Appending after a truncation continues cleanly.
        store.ingest(crm, &records[..3]).unwrap();
        assert_eq!(store.len(), 73);
        let appended = store.records().last().unwrap();
        assert_eq!(
            (
                appended.id(),
                appended.text(given),
                appended.formal_name(given)
            ),
            ("r2", Some("bill"), Some("william"))
        );
        assert_eq!(appended.raw(dob), Some("1985-03-04"));
    }

    /// Every value a store holds for `record`, as text.
    fn view_of(record: &PreparedRecord<'_>) -> String {
        let mut view = format!("{}|{:?}", record.id(), record.source());
        for field in record.schema().ids() {
            view.push_str(&format!(
                "|{:?} {:?} {:?} {:?} {:?} {:?}",
                record.raw(field),
                record.text(field),
                record.soundex(field),
                record.stored_formal_name(field),
                record.date(field),
                record.sorted_words(field, record.normalized(field)),
            ));
        }
        view
    }

    #[test]
    fn cached_values_read_as_fresh_ones() {
        // Past one batch, repeated given names and organisations come from
        // the caches; one record at a time, nothing is cached.
        let schema = Schema::builder()
            .field("given", FieldKind::GivenName)
            .field("family", FieldKind::FamilyName)
            .field("employer", FieldKind::Organisation)
            .field("dob", FieldKind::Date)
            .build()
            .unwrap();
        let givens = [
            "Bill",
            "  Dr. Kelly ",
            "ANN",
            "Zoë",
            "",
            "Mr.",
            "bill",
            "José María",
        ];
        let employers = [
            "Acme Ltd",
            "ACME LIMITED",
            "",
            "Müller GmbH & Co. KG",
            "acme",
        ];
        let records: Vec<OwnedRecord> = (0..3 * BATCH_RECORDS + 17)
            .map(|i| {
                OwnedRecord::new(format!("r{i}"))
                    .with("given", givens[i * 7 % givens.len()])
                    .with("family", format!("Neal{}", i % 13))
                    .with("employer", employers[i * 3 % employers.len()])
                    .with("dob", if i % 5 == 0 { "2023-02-30" } else { "3/4/85" })
            })
            .collect();
        let mut at_once = PreparedStore::new(schema.clone());
        let crm = at_once.add_source("crm", false).unwrap();
        let stats = at_once.ingest(crm, &records).unwrap();
        let mut one_by_one = PreparedStore::new(schema);
        let crm = one_by_one.add_source("crm", false).unwrap();
        let mut one_stats = IngestStats::default();
        for record in &records {
            one_stats.add(
                &one_by_one
                    .ingest(crm, std::slice::from_ref(record))
                    .unwrap(),
            );
        }
        assert_eq!(stats, one_stats);
        assert_eq!(at_once.len(), one_by_one.len());
        for (a, b) in at_once.records().zip(one_by_one.records()) {
            assert_eq!(view_of(&a), view_of(&b));
        }
    }

    #[test]
    fn a_cache_of_values_that_do_not_repeat_turns_off() {
        let mut cache = ValueCache::for_schema(
            &Schema::builder()
                .field("given", FieldKind::GivenName)
                .field("email", FieldKind::Email)
                .build()
                .unwrap(),
            true,
        );
        assert!(!cache[0].off && cache[1].off);
        let options = PrepareOptions::new();
        for i in 0..=CACHE_WINDOW {
            let name = format!("name{i}");
            let prepared = cache[0].prepare(FieldKind::GivenName, &name, &options);
            assert_eq!(prepared.text.as_str(), name);
        }
        assert!(cache[0].off);
        assert!(cache[0].values.is_empty());
    }

    #[test]
    fn bits_truncate_clears_dropped_bits() {
        let mut bits = Bits::default();
        for i in 0..130 {
            bits.push(i % 3 == 0);
        }
        bits.truncate(65);
        assert_eq!(bits.len, 65);
        assert!(bits.get(63) && !bits.get(64) && !bits.get(66));
        bits.push(true);
        assert!(bits.get(65));
        assert!(!bits.get(66));
    }
}
