//! One member's value of one field, as the survivorship rules see it.

use std::cmp::Ordering;

use crate::date::Timestamp;
use crate::id::RecordIndex;

/// A member's usable value of one field: what a
/// [`SurvivorshipRule`](super::SurvivorshipRule) chooses among.
///
/// Rules, custom closures included, receive candidates in the
/// [member order](super#member-order): source name, then record id, then
/// record index. Only values that normalise to something are candidates;
/// values that could not be read (an e-mail without `@`, a date
/// `2023-02-30`) are kept among the
/// [alternatives](super::GoldenRecord::alternatives) instead.
///
/// # Examples
///
/// ```
/// use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let schema = Schema::builder().field("email", FieldKind::Email).build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "Ann@Example.com"),
///     OwnedRecord::new("2").with("email", "ann@work.example"),
/// ])?;
/// // A custom rule that prefers work addresses.
/// let work = SurvivorshipRule::custom("work_address", |candidates| {
///     candidates.iter().position(|c| c.normalized().ends_with("@work.example"))
/// });
/// let rules = SurvivorshipRules::builder(&store).rule("email", [work]).build()?;
/// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1)];
/// let golden = rules.survive(&store, &members)?;
/// assert_eq!(golden.value("email"), Some("ann@work.example"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    pub(crate) record: RecordIndex,
    pub(crate) record_id: &'a str,
    pub(crate) source: &'a str,
    pub(crate) raw: &'a str,
    pub(crate) normalized: &'a str,
    pub(crate) timestamp: Option<Timestamp>,
}

impl<'a> Candidate<'a> {
    /// The record's position in the store.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// # store.ingest(crm, &[OwnedRecord::new("1").with("e", "a@x.org"), OwnedRecord::new("2").with("e", "b@x.org")])?;
    /// let last = SurvivorshipRule::custom("last_ingested", |candidates| {
    ///     (0..candidates.len()).max_by_key(|&i| candidates[i].record())
    /// });
    /// let rules = SurvivorshipRules::builder(&store).rule("e", [last]).build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(0), RecordIndex::from_position(1)])?;
    /// assert_eq!(golden.value("e"), Some("b@x.org"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn record(&self) -> RecordIndex {
        self.record
    }

    /// The record's id.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// # store.ingest(crm, &[OwnedRecord::new("vip").with("e", "a@x.org"), OwnedRecord::new("2").with("e", "b@x.org")])?;
    /// let vip = SurvivorshipRule::custom("vip", |c| c.iter().position(|c| c.record_id() == "vip"));
    /// let rules = SurvivorshipRules::builder(&store).rule("e", [vip]).build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(1), RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.value("e"), Some("a@x.org"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn record_id(&self) -> &'a str {
        self.record_id
    }

    /// The name of the record's source.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let web = store.add_source("web", false)?;
    /// # store.ingest(web, &[OwnedRecord::new("1").with("e", "a@x.org")])?;
    /// let web_only = SurvivorshipRule::custom("web", |c| c.iter().position(|c| c.source() == "web"));
    /// let rules = SurvivorshipRules::builder(&store).rule("e", [web_only]).build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.provenance("e").map(|p| p.source()), Some("web"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The value as the host gave it (trimmed): what survives.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// # store.ingest(crm, &[OwnedRecord::new("1").with("e", "ANN@X.ORG"), OwnedRecord::new("2").with("e", "ann@x.org")])?;
    /// let lower = SurvivorshipRule::custom("lowercase", |c| c.iter().position(|c| c.raw() == c.normalized()));
    /// let rules = SurvivorshipRules::builder(&store).rule("e", [lower]).build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(0), RecordIndex::from_position(1)])?;
    /// assert_eq!(golden.value("e"), Some("ann@x.org"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn raw(&self) -> &'a str {
        self.raw
    }

    /// The normalised value (never empty): what rules compare.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// # store.ingest(crm, &[OwnedRecord::new("1").with("e", "K.Neal@GoogleMail.com")])?;
    /// let gmail = SurvivorshipRule::custom("gmail", |c| c.iter().position(|c| c.normalized() == "kneal@gmail.com"));
    /// let rules = SurvivorshipRules::builder(&store).rule("e", [gmail]).build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.value("e"), Some("K.Neal@GoogleMail.com"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn normalized(&self) -> &'a str {
        self.normalized
    }

    /// The record's timestamp (the rules' timestamp field), if the rules
    /// have one and the record holds a valid value there: a
    /// [`FieldKind::Timestamp`](crate::FieldKind::Timestamp) field's time,
    /// or a [`FieldKind::Date`](crate::FieldKind::Date) field's date at
    /// midnight (UTC).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRule, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let schema = Schema::builder().field("e", FieldKind::Email).field("seen", FieldKind::Date).build()?;
    /// # let mut store = PreparedStore::new(schema);
    /// # let crm = store.add_source("crm", false)?;
    /// # store.ingest(crm, &[
    /// #     OwnedRecord::new("1").with("e", "old@x.org").with("seen", "2019-01-01"),
    /// #     OwnedRecord::new("2").with("e", "new@x.org").with("seen", "2024-01-01"),
    /// # ])?;
    /// let since_2020 = SurvivorshipRule::custom("since_2020", |c| {
    ///     c.iter().position(|c| c.timestamp().is_some_and(|t| t.date().year() >= 2020))
    /// });
    /// let rules = SurvivorshipRules::builder(&store)
    ///     .timestamp_field("seen")
    ///     .rule("e", [since_2020])
    ///     .build()?;
    /// let golden = rules.survive(&store, &[RecordIndex::from_position(0), RecordIndex::from_position(1)])?;
    /// assert_eq!(golden.value("e"), Some("new@x.org"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn timestamp(&self) -> Option<Timestamp> {
        self.timestamp
    }
}

/// The documented total order on members: source name, record id, record
/// index (all compared bytewise / numerically).
pub(crate) fn member_order(
    left: (&str, &str, RecordIndex),
    right: (&str, &str, RecordIndex),
) -> Ordering {
    left.0
        .cmp(right.0)
        .then_with(|| left.1.cmp(right.1))
        .then_with(|| left.2.cmp(&right.2))
}
