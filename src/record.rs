//! The host's records, as the crate sees them.
//!
//! sameas never asks a host to copy its data into our types: anything that
//! can hand out a field value by name as a borrowed `&str` is a [`Record`].
//! Values are read once, at ingestion, into the prepared store.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::error::StoreError;
use crate::redact::{Redacted, RedactedFields};

/// A record from one of the host's sources: an optional id and field
/// values looked up by name.
///
/// The id is a [`Cow`]: a host that keeps its id as text lends it
/// ([`Cow::Borrowed`]), one that keeps a number formats it when asked
/// ([`Cow::Owned`]), so neither needs to store a string copy. The id is
/// read once per record, at ingestion.
///
/// # Examples
///
/// Implementing it for a plain host struct:
///
/// ```
/// use std::borrow::Cow;
/// use sameas::Record;
///
/// struct Customer {
///     customer_no: String,
///     first: String,
///     last: String,
///     email: Option<String>,
/// }
///
/// impl Record for Customer {
///     fn id(&self) -> Option<Cow<'_, str>> {
///         Some(Cow::Borrowed(&self.customer_no))
///     }
///     fn field(&self, name: &str) -> Option<&str> {
///         match name {
///             "given" => Some(&self.first),
///             "family" => Some(&self.last),
///             "email" => self.email.as_deref(),
///             _ => None,
///         }
///     }
/// }
///
/// let kelly = Customer {
///     customer_no: "C-17".into(),
///     first: "Kelly".into(),
///     last: "Neal".into(),
///     email: None,
/// };
/// assert_eq!(kelly.id().as_deref(), Some("C-17"));
/// assert_eq!(kelly.field("family"), Some("Neal"));
/// assert_eq!(kelly.field("email"), None);
/// ```
///
/// A host struct with a numeric id and borrowed values stays zero-copy:
///
/// ```
/// use std::borrow::Cow;
/// use sameas::Record;
///
/// struct Row<'a> {
///     id: u64,
///     name: &'a str,
/// }
///
/// impl Record for Row<'_> {
///     fn id(&self) -> Option<Cow<'_, str>> {
///         Some(Cow::Owned(self.id.to_string()))
///     }
///     fn field(&self, name: &str) -> Option<&str> {
///         (name == "name").then_some(self.name)
///     }
/// }
///
/// let row = Row { id: 17, name: "Kelly Neal" };
/// assert_eq!(row.id().as_deref(), Some("17"));
/// ```
pub trait Record {
    /// The record's id within its source, if it carries one: borrowed
    /// when the host holds it as text, owned when it formats it (a
    /// number). Records without one (or with a blank one) are numbered
    /// by their position at ingestion.
    fn id(&self) -> Option<Cow<'_, str>>;

    /// The raw value of field `name`; `None` when the record lacks it.
    /// An empty or blank value counts as missing too.
    fn field(&self, name: &str) -> Option<&str>;
}

impl<R: Record + ?Sized> Record for &R {
    fn id(&self) -> Option<Cow<'_, str>> {
        (**self).id()
    }

    fn field(&self, name: &str) -> Option<&str> {
        (**self).field(name)
    }
}

/// The field holding a record's id in the map and pair-list impls.
///
/// # Examples
///
/// ```
/// use std::collections::HashMap;
/// use sameas::{Record, ID_FIELD};
///
/// let row: HashMap<String, String> = [(ID_FIELD.to_string(), "7".to_string())].into();
/// assert_eq!(row.id().as_deref(), Some("7"));
/// ```
pub const ID_FIELD: &str = "id";

impl<S: BuildHasher> Record for HashMap<String, String, S> {
    fn id(&self) -> Option<Cow<'_, str>> {
        self.get(ID_FIELD).map(|id| Cow::Borrowed(id.as_str()))
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

impl Record for BTreeMap<String, String> {
    fn id(&self) -> Option<Cow<'_, str>> {
        self.get(ID_FIELD).map(|id| Cow::Borrowed(id.as_str()))
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

/// `(field, value)` pairs; the id is the value of the `"id"` field. When
/// a field repeats, its first value counts.
///
/// # Examples
///
/// ```
/// use sameas::Record;
///
/// let row = [("id", "42"), ("given", "Kelly"), ("family", "Neal")];
/// assert_eq!(row.id().as_deref(), Some("42"));
/// assert_eq!(row.field("given"), Some("Kelly"));
/// ```
impl<K: AsRef<str>, V: AsRef<str>> Record for [(K, V)] {
    fn id(&self) -> Option<Cow<'_, str>> {
        self.field(ID_FIELD).map(Cow::Borrowed)
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(key, _)| key.as_ref() == name)
            .map(|(_, value)| value.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Record for [(K, V); N] {
    fn id(&self) -> Option<Cow<'_, str>> {
        self.as_slice().id()
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.as_slice().field(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Record for Vec<(K, V)> {
    fn id(&self) -> Option<Cow<'_, str>> {
        self.as_slice().id()
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.as_slice().field(name)
    }
}

/// A small owned record: an optional id and `(field, value)` pairs.
///
/// Compact: every name and value lives in one buffer with end offsets
/// (inline for up to eight fields), so a million records cost a few
/// hundred megabytes rather than a few gigabytes.
///
/// # Examples
///
/// ```
/// use sameas::{OwnedRecord, Record};
///
/// let record = OwnedRecord::new("crm-1").with("given", "Kelly").with("family", "Neal");
/// assert_eq!(record.id().as_deref(), Some("crm-1"));
/// assert_eq!(record.field("family"), Some("Neal"));
/// assert_eq!(record.field("email"), None);
/// ```
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "RecordFields", into = "RecordFields")]
pub struct OwnedRecord {
    id: Option<Box<str>>,
    /// name, value, name, value, ... back to back.
    text: String,
    /// End offset of each name and each value in `text`.
    ends: SmallVec<[u32; 16]>,
}

/// Field names and value lengths, never values (`{:?}` ends up in logs):
/// `OwnedRecord { id: Some(<5 bytes>), fields: {"given": Some(<3 bytes>)} }`.
impl std::fmt::Debug for OwnedRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnedRecord")
            .field("id", &self.id.as_deref().map(|id| Redacted(id.len())))
            .field(
                "fields",
                &RedactedFields(
                    self.fields()
                        .map(|(name, value)| (name, Some(value.len())))
                        .collect(),
                ),
            )
            .finish()
    }
}

/// The serialised form of an [`OwnedRecord`].
#[derive(Serialize, Deserialize)]
struct RecordFields {
    id: Option<String>,
    fields: Vec<(String, String)>,
}

impl From<RecordFields> for OwnedRecord {
    fn from(serialised: RecordFields) -> OwnedRecord {
        let mut record = OwnedRecord {
            id: serialised.id.map(String::into_boxed_str),
            ..OwnedRecord::default()
        };
        for (name, value) in serialised.fields {
            record.set(name, value);
        }
        record
    }
}

impl From<OwnedRecord> for RecordFields {
    fn from(record: OwnedRecord) -> RecordFields {
        RecordFields {
            id: record.id.as_deref().map(str::to_string),
            fields: record
                .fields()
                .map(|(name, value)| (name.to_string(), value.to_string()))
                .collect(),
        }
    }
}

impl OwnedRecord {
    /// A record with this id and no fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// assert_eq!(OwnedRecord::new("a").id().as_deref(), Some("a"));
    /// ```
    pub fn new(id: impl Into<String>) -> OwnedRecord {
        OwnedRecord {
            id: Some(id.into().into_boxed_str()),
            ..OwnedRecord::default()
        }
    }

    /// A record without an id (it is numbered at ingestion).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// assert_eq!(OwnedRecord::without_id().with("city", "Leeds").id(), None);
    /// ```
    pub fn without_id() -> OwnedRecord {
        OwnedRecord::default()
    }

    /// Adds (or replaces) a field value.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// let r = OwnedRecord::new("1").with("city", "Leeds").with("city", "York");
    /// assert_eq!(r.field("city"), Some("York"));
    /// ```
    pub fn with(mut self, name: impl AsRef<str>, value: impl AsRef<str>) -> OwnedRecord {
        self.set(name, value);
        self
    }

    /// Sets a field value in place, replacing an earlier one. A value
    /// that would take the record's names and values past 4 GiB is not
    /// stored; [`try_set`](Self::try_set) reports it.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// let mut r = OwnedRecord::new("1");
    /// r.set("email", "k@example.com");
    /// r.set("phone", "555");
    /// r.set("email", "kelly@example.com");
    /// assert_eq!(r.field("email"), Some("kelly@example.com"));
    /// assert_eq!(r.field("phone"), Some("555"));
    /// ```
    pub fn set(&mut self, name: impl AsRef<str>, value: impl AsRef<str>) {
        // The only failure is a record over 4 GiB, documented above.
        let _ = self.try_set(name, value);
    }

    /// Sets a field value in place, replacing an earlier one.
    ///
    /// # Errors
    ///
    /// [`StoreError::RecordTooLarge`](crate::StoreError::RecordTooLarge) when the
    /// record's names and values would exceed 4 GiB; the record is then
    /// unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// let mut r = OwnedRecord::new("1");
    /// r.try_set("city", "Leeds")?;
    /// assert_eq!(r.field("city"), Some("Leeds"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn try_set(
        &mut self,
        name: impl AsRef<str>,
        value: impl AsRef<str>,
    ) -> Result<(), StoreError> {
        let (name, value) = (name.as_ref(), value.as_ref());
        let position = (0..self.ends.len() / 2).find(|&field| self.part(2 * field) == name);
        let added = match position {
            Some(_) => value.len(),
            None => name.len() + value.len(),
        };
        let removed = position.map_or(0, |field| {
            (self.ends[2 * field + 1] - self.ends[2 * field]) as usize
        });
        if (self.text.len() - removed) as u64 + added as u64 > u64::from(u32::MAX) {
            return Err(StoreError::RecordTooLarge);
        }
        match position {
            Some(field) => {
                let start = self.ends[2 * field] as usize;
                let end = self.ends[2 * field + 1] as usize;
                self.text.replace_range(start..end, value);
                for offset in &mut self.ends[2 * field + 1..] {
                    // Shift by the change in length: checked above to fit.
                    *offset = (*offset as usize - (end - start) + value.len()) as u32;
                }
            }
            None => {
                for part in [name, value] {
                    self.text.push_str(part);
                    // Checked above to fit.
                    self.ends.push(self.text.len() as u32);
                }
            }
        }
        Ok(())
    }

    /// Releases spare capacity once the record is complete (a store of
    /// many records built field by field keeps no growth slack).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// let mut record = OwnedRecord::new("1").with("given", "Kelly");
    /// record.shrink_to_fit();
    /// assert_eq!(record.field("given"), Some("Kelly"));
    /// ```
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// Name or value number `index` (names are even, values odd).
    fn part(&self, index: usize) -> &str {
        let start = if index == 0 {
            0
        } else {
            self.ends[index - 1] as usize
        };
        &self.text[start..self.ends[index] as usize]
    }

    /// The fields in insertion order.
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        (0..self.ends.len() / 2).map(|field| (self.part(2 * field), self.part(2 * field + 1)))
    }
}

impl Record for OwnedRecord {
    fn id(&self) -> Option<Cow<'_, str>> {
        self.id.as_deref().map(Cow::Borrowed)
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.fields()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacing_a_value_keeps_the_others() {
        let mut record = OwnedRecord::new("1")
            .with("a", "one")
            .with("b", "two")
            .with("c", "three");
        record.set("b", "a much longer value");
        assert_eq!(record.field("a"), Some("one"));
        assert_eq!(record.field("b"), Some("a much longer value"));
        assert_eq!(record.field("c"), Some("three"));
        record.set("b", "");
        record.set("a", "1");
        let fields: Vec<(&str, &str)> = record.fields().collect();
        assert_eq!(fields, [("a", "1"), ("b", ""), ("c", "three")]);
        // Serialised as plain pairs, and back.
        let back: OwnedRecord = RecordFields::from(record.clone()).into();
        assert_eq!(back, record);
    }
}
