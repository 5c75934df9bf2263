//! The crate's identifiers: positions of records, sources and fields, and
//! stable entity ids.
//!
//! A leaf module: it depends on nothing else in the crate, so every layer
//! can name records, sources, fields and entities without depending on
//! the store, the schema or the clustering that hand them out.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The position of a record in a [`PreparedStore`](crate::PreparedStore).
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, Schema};
/// let schema = Schema::builder().field("given", FieldKind::GivenName).build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1").with("given", "Kelly")])?;
/// assert_eq!(store.records().next().map(|r| r.index().get()), Some(0));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct RecordIndex(pub(crate) u32);

impl RecordIndex {
    /// The position as a number (ingestion order, from 0).
    pub fn get(self) -> usize {
        self.0 as usize
    }

    /// The index of the record at `position` in ingestion order (the
    /// inverse of [`get`](Self::get)); positions past `u32::MAX`
    /// saturate.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::RecordIndex;
    /// assert_eq!(RecordIndex::from_position(7).get(), 7);
    /// ```
    pub fn from_position(position: usize) -> RecordIndex {
        RecordIndex(u32::try_from(position).unwrap_or(u32::MAX))
    }
}

/// A registered source of records.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, PreparedStore, Schema};
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// let newsletter = store.add_source("newsletter", true)?;
/// assert_ne!(crm, newsletter);
/// assert!(store.source(newsletter).is_duplicate_free());
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceId(pub(crate) u16);

impl SourceId {
    /// The source's position in [`PreparedStore::sources`](crate::PreparedStore::sources):
    /// sources are numbered in the order they were added.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::{FieldKind, PreparedStore, Schema};
    /// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
    /// let crm = store.add_source("crm", false)?;
    /// let web = store.add_source("web", false)?;
    /// assert_eq!((crm.index(), web.index()), (0, 1));
    /// assert_eq!(store.sources()[web.index()].name(), "web");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// The position of a field in its schema.
///
/// # Examples
///
/// ```
/// use sameas::{FieldKind, Schema};
/// let schema = Schema::builder()
///     .field("given", FieldKind::GivenName)
///     .field("family", FieldKind::FamilyName)
///     .build()?;
/// assert_eq!(schema.field_id("family")?.index(), 1);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FieldId(pub(crate) u16);

impl FieldId {
    /// The field's position in the schema.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A stable entity id, derived from the entity's anchor: its member with
/// the smallest `(source name, record id)`, compared as bytes.
///
/// The id is `mix(fnv1a64(len ‖ source name ‖ record id))`, where `len`
/// is the source name's length as 8 little-endian bytes, `fnv1a64` the
/// 64-bit FNV-1a hash and `mix` the SplitMix64 finaliser. It therefore
/// depends only on the anchor's source name and record id: not on the
/// order of pairs, the thread count, the store positions, or records
/// outside the entity. Adding unrelated records keeps every id; an
/// entity keeps its id as long as its anchor stays its smallest member
/// (a member with a smaller key joining, or the anchor leaving, changes
/// it; an incremental index can carry ids across such events).
///
/// Ids are unique within a [`Clustering`](crate::cluster::Clustering). When two entities would share
/// one (the same record id twice in a source, or a 64-bit hash collision,
/// about one chance in 10^7 for a million entities), the entity whose
/// anchor has the smaller `(source name, record id, store position)`
/// keeps it and the other takes the hash with a counter appended (a
/// `0xFF` byte, which UTF-8 text never holds, then 8 little-endian bytes:
/// 1, 2, …) until unique. [`EntityId::of_anchor`] computes an anchor's id.
///
/// **An entity id is a pseudonym that reveals its anchor's record id.**
/// The hash is fixed and unkeyed, so that ids are the same in every run
/// and process; anyone who can list candidate `(source, record id)`
/// pairs (ids are often sequential) can hash them and find the anchor of
/// a published entity id. Treat entity ids as being as sensitive as the
/// record ids they derive from, and map them to ids of your own before
/// they leave the systems that may see record ids.
///
/// It displays, and serialises with serde, as 16 lowercase hexadecimal
/// digits (a JSON number above 2^53 would lose digits in JavaScript
/// clients); [`FromStr`] and deserialisation read the
/// same text back, in either case.
///
/// # Examples
///
/// ```
/// use sameas::cluster::{cluster, ClusterOptions, ScoredPair};
/// use sameas::matcher::Score;
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let mut store = PreparedStore::new(schema);
/// let web = store.add_source("web", false)?;
/// let crm = store.add_source("crm", false)?;
/// store.ingest(web, &[OwnedRecord::new("w1")])?;
/// store.ingest(crm, &[OwnedRecord::new("c9")])?;
/// let pair = ScoredPair::new(RecordIndex::from_position(0), RecordIndex::from_position(1), Score::from_probability(0.95));
/// let clustering = cluster(&store, &[pair], &ClusterOptions::new())?;
/// let entity = clustering.entities().next().unwrap();
/// // "crm" sorts before "web": the CRM record is the anchor.
/// assert_eq!(entity.anchor().get(), 1);
/// assert_eq!(entity.id(), sameas::cluster::EntityId::of_anchor("crm", "c9"));
/// assert_eq!(entity.id().to_string().len(), 16);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(pub(crate) u64);

impl EntityId {
    /// The id as a number.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl std::fmt::Display for EntityId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// Digits in an entity id's text.
const ID_DIGITS: usize = 16;

impl FromStr for EntityId {
    type Err = ParseEntityIdError;

    /// Reads the id's text: 16 hexadecimal digits, as `Display` writes
    /// them (upper case accepted too).
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::{EntityId, ParseEntityIdError};
    ///
    /// let id = EntityId::of_anchor("crm", "1");
    /// assert_eq!(id.to_string().parse::<EntityId>(), Ok(id));
    /// assert_eq!(id.to_string().to_uppercase().parse::<EntityId>(), Ok(id));
    /// let error: ParseEntityIdError = "12ab".parse::<EntityId>().unwrap_err();
    /// assert_eq!(error.to_string(), "an entity id is 16 hexadecimal digits, not 4 characters");
    /// ```
    fn from_str(text: &str) -> Result<EntityId, ParseEntityIdError> {
        let length = text.chars().count();
        if length != ID_DIGITS {
            return Err(ParseEntityIdError::Length(length));
        }
        if let Some(position) = text.bytes().position(|byte| !byte.is_ascii_hexdigit()) {
            return Err(ParseEntityIdError::NotHexadecimal(position + 1));
        }
        u64::from_str_radix(text, 16)
            .map(EntityId)
            .map_err(|_| ParseEntityIdError::Length(length))
    }
}

impl Serialize for EntityId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for EntityId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<EntityId, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a text is not an [`EntityId`].
///
/// # Examples
///
/// ```
/// use sameas::cluster::{EntityId, ParseEntityIdError};
/// assert_eq!("00000000000000zz".parse::<EntityId>(), Err(ParseEntityIdError::NotHexadecimal(15)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseEntityIdError {
    /// The text does not have 16 characters; it has this many.
    #[error("an entity id is 16 hexadecimal digits, not {0} characters")]
    Length(usize),
    /// The character at this position (from 1) is not a hexadecimal
    /// digit.
    #[error("an entity id is 16 hexadecimal digits, but character {0} is not one")]
    NotHexadecimal(usize),
}
