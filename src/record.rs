//! The host's records, as the crate sees them.
//!
//! sameas never asks a host to copy its data into our types: anything that
//! can hand out a field value by name as a borrowed `&str` is a [`Record`].
//! Values are read once, at ingestion, into the prepared store.

use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};

/// A record from one of the host's sources: an optional id and field
/// values looked up by name.
///
/// # Examples
///
/// Implementing it for a plain host struct:
///
/// ```
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
///     fn id(&self) -> Option<&str> {
///         Some(&self.customer_no)
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
/// assert_eq!(kelly.id(), Some("C-17"));
/// assert_eq!(kelly.field("family"), Some("Neal"));
/// assert_eq!(kelly.field("email"), None);
/// ```
pub trait Record {
    /// The record's id within its source, if it carries one. Records
    /// without one are numbered by their position at ingestion.
    fn id(&self) -> Option<&str>;

    /// The raw value of field `name`; `None` when the record lacks it.
    /// An empty or blank value counts as missing too.
    fn field(&self, name: &str) -> Option<&str>;
}

impl<R: Record + ?Sized> Record for &R {
    fn id(&self) -> Option<&str> {
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
/// assert_eq!(row.id(), Some("7"));
/// ```
pub const ID_FIELD: &str = "id";

impl<S: BuildHasher> Record for HashMap<String, String, S> {
    fn id(&self) -> Option<&str> {
        self.get(ID_FIELD).map(String::as_str)
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.get(name).map(String::as_str)
    }
}

impl Record for BTreeMap<String, String> {
    fn id(&self) -> Option<&str> {
        self.get(ID_FIELD).map(String::as_str)
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
/// assert_eq!(row.id(), Some("42"));
/// assert_eq!(row.field("given"), Some("Kelly"));
/// ```
impl<K: AsRef<str>, V: AsRef<str>> Record for [(K, V)] {
    fn id(&self) -> Option<&str> {
        self.field(ID_FIELD)
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.iter()
            .find(|(key, _)| key.as_ref() == name)
            .map(|(_, value)| value.as_ref())
    }
}

impl<K: AsRef<str>, V: AsRef<str>, const N: usize> Record for [(K, V); N] {
    fn id(&self) -> Option<&str> {
        self.as_slice().id()
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.as_slice().field(name)
    }
}

impl<K: AsRef<str>, V: AsRef<str>> Record for Vec<(K, V)> {
    fn id(&self) -> Option<&str> {
        self.as_slice().id()
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.as_slice().field(name)
    }
}

/// A small owned record: an optional id and `(field, value)` pairs.
///
/// # Examples
///
/// ```
/// use sameas::{OwnedRecord, Record};
///
/// let record = OwnedRecord::new("crm-1").with("given", "Kelly").with("family", "Neal");
/// assert_eq!(record.id(), Some("crm-1"));
/// assert_eq!(record.field("family"), Some("Neal"));
/// assert_eq!(record.field("email"), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct OwnedRecord {
    id: Option<String>,
    fields: Vec<(String, String)>,
}

impl OwnedRecord {
    /// A record with this id and no fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// assert_eq!(OwnedRecord::new("a").id(), Some("a"));
    /// ```
    pub fn new(id: impl Into<String>) -> OwnedRecord {
        OwnedRecord {
            id: Some(id.into()),
            fields: Vec::new(),
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
    pub fn with(mut self, name: impl Into<String>, value: impl Into<String>) -> OwnedRecord {
        self.set(name, value);
        self
    }

    /// Sets a field value in place, replacing an earlier one.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{OwnedRecord, Record};
    /// let mut r = OwnedRecord::new("1");
    /// r.set("email", "k@example.com");
    /// assert_eq!(r.field("email"), Some("k@example.com"));
    /// ```
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let (name, value) = (name.into(), value.into());
        match self.fields.iter_mut().find(|(key, _)| *key == name) {
            Some(slot) => slot.1 = value,
            None => self.fields.push((name, value)),
        }
    }

    /// The fields in insertion order.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::OwnedRecord;
    /// let r = OwnedRecord::new("1").with("a", "x").with("b", "y");
    /// let names: Vec<&str> = r.fields().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["a", "b"]);
    /// ```
    pub fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        self.fields.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
}

impl Record for OwnedRecord {
    fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}
