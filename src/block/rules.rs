//! The shipped blockers: keys over fields, token keys, sorted
//! neighbourhood.

use super::keys::{Blocker, BlockingKeys};
use crate::compare::{Written, first_word};
use crate::error::BuildError;
use crate::id::FieldId;
use crate::prepare::PreparedRecord;
use crate::schema::Schema;

/// How a field's prepared value becomes (part of) a blocking key.
///
/// # Examples
///
/// ```
/// use sameas::block::KeyTransform;
/// assert_eq!(KeyTransform::Prefix(3).to_string(), "prefix3");
/// assert_eq!(KeyTransform::LastDigits(7).to_string(), "last7");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum KeyTransform {
    /// The whole normalised value.
    Exact,
    /// The first `n` chars of the normalised value.
    Prefix(usize),
    /// The Soundex code (of the whole value, letters only).
    Soundex,
    /// The Metaphone code (of the whole value, letters only).
    Metaphone,
    /// For given names, the formal name the first word may stand for
    /// (`bill` → `william`); the first word itself otherwise.
    FormalName,
    /// The first word.
    FirstToken,
    /// The last word.
    LastToken,
    /// The first char.
    Initial,
    /// The first letters of the words, sorted (`kelly a neal` → `akn`):
    /// the same for any word order.
    SortedInitials,
    /// The words, sorted: the same for any word order.
    SortedTokens,
    /// A date's year.
    Year,
    /// A date's year and month.
    YearMonth,
    /// A date's year with day and month in either order, so a day/month
    /// swap keeps the key.
    DateUnordered,
    /// An e-mail's local part (before `@`).
    EmailLocal,
    /// An e-mail's domain (after `@`).
    EmailDomain,
    /// An e-mail's local part with everything but letters removed
    /// (`kelly.neal85` → `kellyneal`): the same across separator and
    /// number variants and across providers.
    EmailLocalLetters,
    /// The first `n` letters of the local part (as in
    /// [`EmailLocalLetters`](Self::EmailLocalLetters)): survives a typo
    /// late in the address.
    EmailLocalStart(usize),
    /// The last `n` letters of the local part (as in
    /// [`EmailLocalLetters`](Self::EmailLocalLetters)): survives a typo
    /// early in the address.
    EmailLocalEnd(usize),
    /// The last `n` bytes of the normalised value: the last digits of a
    /// phone number (phone values are digits only).
    LastDigits(usize),
}

impl std::fmt::Display for KeyTransform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KeyTransform::Exact => f.write_str("exact"),
            KeyTransform::Prefix(n) => write!(f, "prefix{n}"),
            KeyTransform::Soundex => f.write_str("soundex"),
            KeyTransform::Metaphone => f.write_str("metaphone"),
            KeyTransform::FormalName => f.write_str("formal"),
            KeyTransform::FirstToken => f.write_str("first_token"),
            KeyTransform::LastToken => f.write_str("last_token"),
            KeyTransform::Initial => f.write_str("initial"),
            KeyTransform::SortedInitials => f.write_str("sorted_initials"),
            KeyTransform::SortedTokens => f.write_str("sorted_tokens"),
            KeyTransform::Year => f.write_str("year"),
            KeyTransform::YearMonth => f.write_str("year_month"),
            KeyTransform::DateUnordered => f.write_str("date_unordered"),
            KeyTransform::EmailLocal => f.write_str("email_local"),
            KeyTransform::EmailDomain => f.write_str("email_domain"),
            KeyTransform::EmailLocalLetters => f.write_str("email_letters"),
            KeyTransform::EmailLocalStart(n) => write!(f, "email_start{n}"),
            KeyTransform::EmailLocalEnd(n) => write!(f, "email_end{n}"),
            KeyTransform::LastDigits(n) => write!(f, "last{n}"),
        }
    }
}

impl KeyTransform {
    /// Appends this transform of `field` to the key being built; `false`
    /// when the record has nothing to contribute.
    fn append(self, record: &PreparedRecord<'_>, field: FieldId, keys: &mut BlockingKeys) -> bool {
        let Some(text) = record.text(field) else {
            return false;
        };
        match self {
            KeyTransform::Exact => keys.append(text.as_bytes()),
            KeyTransform::Prefix(n) => {
                let end = text.char_indices().nth(n).map_or(text.len(), |(at, _)| at);
                keys.append(&text.as_bytes()[..end]);
            }
            KeyTransform::Soundex => match record.soundex(field) {
                Some(code) => keys.append(code.as_bytes()),
                None => {
                    let code = crate::compare::soundex(text);
                    if code.is_empty() {
                        return false;
                    }
                    keys.append(code.as_bytes());
                }
            },
            KeyTransform::Metaphone => match record.metaphone(field) {
                Some(code) => keys.append(code.as_bytes()),
                None => {
                    let code = crate::compare::metaphone(text);
                    if code.is_empty() {
                        return false;
                    }
                    keys.append(code.as_bytes());
                }
            },
            KeyTransform::FormalName => {
                let formal = record.formal_name(field);
                keys.append(formal.unwrap_or_else(|| first_word(text)).as_bytes());
            }
            KeyTransform::FirstToken => keys.append(first_word(text).as_bytes()),
            KeyTransform::LastToken => {
                keys.append(text.rsplit(' ').next().unwrap_or(text).as_bytes())
            }
            KeyTransform::Initial => {
                let end = text.chars().next().map_or(0, char::len_utf8);
                keys.append(&text.as_bytes()[..end]);
            }
            KeyTransform::SortedInitials => {
                let mut initials: smallvec::SmallVec<[char; 8]> = text
                    .split(' ')
                    .filter_map(|word| word.chars().next())
                    .collect();
                initials.sort_unstable();
                let mut buffer = [0u8; 4];
                for initial in initials {
                    keys.append(initial.encode_utf8(&mut buffer).as_bytes());
                }
            }
            KeyTransform::SortedTokens => {
                let mut words: smallvec::SmallVec<[&str; 8]> = text.split(' ').collect();
                words.sort_unstable();
                for (index, word) in words.iter().enumerate() {
                    if index > 0 {
                        keys.append(b" ");
                    }
                    keys.append(word.as_bytes());
                }
            }
            KeyTransform::Year | KeyTransform::YearMonth | KeyTransform::DateUnordered => {
                let Some(date) = record.written_date(field) else {
                    return false;
                };
                let year = date.year.to_le_bytes();
                let key = match self {
                    KeyTransform::Year => [year[0], year[1], 0, 0],
                    KeyTransform::YearMonth => [year[0], year[1], date.month, 0],
                    _ => unordered_date_key(date),
                };
                keys.append(&key);
            }
            KeyTransform::EmailLocal | KeyTransform::EmailDomain => {
                let Some((local, domain)) = split_email(text) else {
                    return false;
                };
                keys.append(
                    if self == KeyTransform::EmailLocal {
                        local
                    } else {
                        domain
                    }
                    .as_bytes(),
                );
            }
            KeyTransform::EmailLocalLetters
            | KeyTransform::EmailLocalStart(_)
            | KeyTransform::EmailLocalEnd(_) => {
                let Some((local, _)) = split_email(text) else {
                    return false;
                };
                // A record the key does not fit (fewer than n letters)
                // returns false: the caller drops the key it was building.
                let appended = match self {
                    KeyTransform::EmailLocalStart(n) => {
                        return keys.append_letters(local, 0, n) == n;
                    }
                    KeyTransform::EmailLocalEnd(n) => return keys.append_last_letters(local, n),
                    _ => keys.append_letters(local, 0, usize::MAX),
                };
                if appended == 0 {
                    return false;
                }
            }
            KeyTransform::LastDigits(n) => {
                if text.len() < n {
                    return false;
                }
                keys.append(&text.as_bytes()[text.len() - n..]);
            }
        }
        true
    }
}

/// A date's year with its day and month in either order, the lower
/// first: the key of [`KeyTransform::DateUnordered`], which the same
/// date with day and month swapped shares.
pub(crate) fn unordered_date_key(date: Written) -> [u8; 4] {
    let Written { year, month, day } = date;
    let year = year.to_le_bytes();
    [year[0], year[1], day.min(month), day.max(month)]
}

/// An address's local part and domain, split at its last `@`.
fn split_email(text: &str) -> Option<(&str, &str)> {
    let at = text.bytes().rposition(|byte| byte == b'@')?;
    Some((&text[..at], &text[at + 1..]))
}

/// A key made of one or more field transforms; records whose parts all
/// agree share a block. A record missing any part gets no key.
///
/// # Examples
///
/// ```
/// use sameas::block::{Blocker, BlockingKeys, KeyRule, KeyTransform};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder()
///     .field("family", FieldKind::FamilyName)
///     .field("dob", FieldKind::Date)
///     .build()?;
/// let rule = KeyRule::on(&schema, &[("dob", KeyTransform::Year), ("family", KeyTransform::Soundex)])?;
/// assert_eq!(rule.name(), "dob:year + family:soundex");
///
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("family", "Neal").with("dob", "1985-03-04"),
///     OwnedRecord::new("2").with("family", "Neil").with("dob", "4 Mar 1985"),
///     OwnedRecord::new("3").with("family", "Neal"),
/// ])?;
/// let mut keys = BlockingKeys::new();
/// let key_of = |index: usize, keys: &mut BlockingKeys| {
///     keys.clear();
///     rule.keys(&store.records().nth(index).unwrap(), keys);
///     keys.get(0).map(<[u8]>::to_vec)
/// };
/// assert_eq!(key_of(0, &mut keys), key_of(1, &mut keys));
/// assert_eq!(key_of(2, &mut keys), None); // no date, no key
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRule {
    name: String,
    parts: Vec<(FieldId, KeyTransform)>,
}

impl KeyRule {
    /// A rule over the named fields of `schema`.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownField`] for a name not in the schema;
    /// [`BuildError::MetadataField`] for a metadata field;
    /// [`BuildError::InvalidParameter`] for no parts, or a zero-length prefix,
    /// digit count or e-mail letter count.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::block::{KeyRule, KeyTransform};
    /// use sameas::{BuildError, FieldKind, Schema};
    /// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
    /// assert!(KeyRule::on(&schema, &[("email", KeyTransform::Exact)]).is_ok());
    /// assert_eq!(
    ///     KeyRule::on(&schema, &[("mail", KeyTransform::Exact)]),
    ///     Err(BuildError::UnknownField("mail".into()))
    /// );
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn on(schema: &Schema, parts: &[(&str, KeyTransform)]) -> Result<KeyRule, BuildError> {
        if parts.is_empty() {
            return Err(BuildError::InvalidParameter {
                name: "parts",
                reason: "a key rule needs at least one part".into(),
            });
        }
        let mut resolved = Vec::with_capacity(parts.len());
        let mut names = Vec::with_capacity(parts.len());
        for &(name, transform) in parts {
            if matches!(
                transform,
                KeyTransform::Prefix(0)
                    | KeyTransform::LastDigits(0)
                    | KeyTransform::EmailLocalStart(0)
                    | KeyTransform::EmailLocalEnd(0)
            ) {
                return Err(BuildError::InvalidParameter {
                    name: "transform",
                    reason: format!("{transform} of field {name:?} would make every key empty"),
                });
            }
            resolved.push((schema.matching_field_id(name)?, transform));
            names.push(if transform == KeyTransform::Exact {
                name.to_string()
            } else {
                format!("{name}:{transform}")
            });
        }
        Ok(KeyRule {
            name: names.join(" + "),
            parts: resolved,
        })
    }

    /// The fields and transforms of the key, in order.
    pub fn parts(&self) -> &[(FieldId, KeyTransform)] {
        &self.parts
    }
}

impl Blocker for KeyRule {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let mark = keys.start();
        for (index, &(field, transform)) in self.parts.iter().enumerate() {
            if index > 0 {
                keys.append(&[0x1F]);
            }
            if !transform.append(record, field, keys) {
                keys.discard(mark);
                return;
            }
        }
        keys.finish();
    }
}

/// What [`TokenKeys`] cuts a value into.
///
/// # Examples
///
/// ```
/// use sameas::block::TokenMode;
/// assert_ne!(TokenMode::Words, TokenMode::QGrams(3));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenMode {
    /// Each word (and each item of a `|`-separated set).
    Words,
    /// Each run of `q` chars (q of 0 is treated as 1).
    QGrams(usize),
}

/// One key per token of a field: records sharing any word (or q-gram)
/// meet. Good recall for fuzzy multi-word values (company names, full
/// names in any order); pair it with a block-size cap, since common
/// tokens make big blocks.
///
/// # Examples
///
/// ```
/// use sameas::block::{Blocker, BlockingKeys, TokenKeys, TokenMode};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
///
/// let schema = Schema::builder().field("company", FieldKind::Organisation).build()?;
/// let words = TokenKeys::on(&schema, "company", TokenMode::Words)?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1").with("company", "Acme Widgets Ltd")])?;
/// let mut keys = BlockingKeys::new();
/// words.keys(&store.records().next().unwrap(), &mut keys);
/// let found: Vec<&[u8]> = keys.iter().collect();
/// assert_eq!(found, [&b"acme"[..], b"widgets"]);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenKeys {
    name: String,
    field: FieldId,
    mode: TokenMode,
}

impl TokenKeys {
    /// Token keys over the field `name` of `schema`.
    ///
    /// # Errors
    ///
    /// [`BuildError::UnknownField`] for a name not in the schema,
    /// [`BuildError::MetadataField`] for a metadata field.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::block::{TokenKeys, TokenMode};
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().field("name", FieldKind::FullName).build()?;
    /// assert!(TokenKeys::on(&schema, "name", TokenMode::QGrams(3)).is_ok());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn on(schema: &Schema, name: &str, mode: TokenMode) -> Result<TokenKeys, BuildError> {
        let field = schema.matching_field_id(name)?;
        let label = match mode {
            TokenMode::Words => format!("{name}:words"),
            TokenMode::QGrams(q) => format!("{name}:{}grams", q.max(1)),
        };
        Ok(TokenKeys {
            name: label,
            field,
            mode,
        })
    }
}

impl Blocker for TokenKeys {
    fn name(&self) -> String {
        self.name.clone()
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        let Some(text) = record.text(self.field) else {
            return;
        };
        match self.mode {
            TokenMode::Words => {
                for word in text.split([' ', '|']).filter(|word| !word.is_empty()) {
                    keys.push(word.as_bytes());
                }
            }
            TokenMode::QGrams(q) => {
                let q = q.max(1);
                let starts: smallvec::SmallVec<[usize; 64]> =
                    text.char_indices().map(|(at, _)| at).collect();
                if starts.len() <= q {
                    keys.push(text.as_bytes());
                    return;
                }
                for window in 0..=starts.len() - q {
                    let end = starts.get(window + q).copied().unwrap_or(text.len());
                    keys.push(&text.as_bytes()[starts[window]..end]);
                }
            }
        }
    }
}

/// Sorted neighbourhood: records sorted by a key, each paired with the
/// next `window - 1` records in that order. It finds pairs whose keys are
/// close but not equal (a typo late in a name) with a fixed cost per
/// record.
///
/// # Examples
///
/// ```
/// use sameas::block::{Blocker, KeyRule, KeyTransform, SortedNeighbourhood};
/// use sameas::{FieldKind, Schema};
///
/// let schema = Schema::builder().field("family", FieldKind::FamilyName).build()?;
/// let by_family = KeyRule::on(&schema, &[("family", KeyTransform::Exact)])?;
/// let neighbours = SortedNeighbourhood::new(by_family, 4)?;
/// assert_eq!(neighbours.neighbourhood_window(), Some(4));
/// assert_eq!(neighbours.name(), "sorted family, window 4");
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortedNeighbourhood {
    sort_key: KeyRule,
    window: usize,
}

impl SortedNeighbourhood {
    /// Sorts by `sort_key` and pairs records within `window` positions.
    ///
    /// # Errors
    ///
    /// [`BuildError::InvalidParameter`] when `window` is below 2 (no pairs).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::block::{KeyRule, KeyTransform, SortedNeighbourhood};
    /// use sameas::{FieldKind, Schema};
    /// let schema = Schema::builder().field("family", FieldKind::FamilyName).build()?;
    /// let key = KeyRule::on(&schema, &[("family", KeyTransform::Exact)])?;
    /// assert!(SortedNeighbourhood::new(key, 1).is_err());
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn new(sort_key: KeyRule, window: usize) -> Result<SortedNeighbourhood, BuildError> {
        if window < 2 {
            return Err(BuildError::InvalidParameter {
                name: "window",
                reason: format!("a window of {window} pairs no records; use 2 or more"),
            });
        }
        Ok(SortedNeighbourhood { sort_key, window })
    }
}

impl Blocker for SortedNeighbourhood {
    fn name(&self) -> String {
        format!("sorted {}, window {}", self.sort_key.name, self.window)
    }

    fn keys(&self, record: &PreparedRecord<'_>, keys: &mut BlockingKeys) {
        self.sort_key.keys(record, keys);
    }

    fn neighbourhood_window(&self) -> Option<usize> {
        Some(self.window)
    }
}
