//! The golden record: one value per field for a cluster, with provenance
//! and every value the members held.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::rule::RuleName;
use crate::id::{EntityId, RecordIndex};
use crate::redact::{Redacted, RedactedFields};
use crate::schema::FieldKind;

/// A cluster member: a record, by source and id, and its position in the
/// store the golden record was built from.
///
/// Serialised as `{"source": .., "record_id": ..}`: the position is the
/// store's internal numbering, meaningless to anyone without that store,
/// so it is left out, and a member read back has none.
///
/// # Examples
///
/// ```
/// # use sameas::survive::{Survivorship, SurvivorshipRules};
/// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
/// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("c7")])?;
/// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
/// let member = &golden.members()[0];
/// assert_eq!((member.source(), member.record_id()), ("crm", "c7"));
/// assert_eq!(member.record(), Some(RecordIndex::from_position(0)));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Member {
    pub(crate) source: String,
    pub(crate) record_id: String,
    #[serde(skip)]
    pub(crate) record: Option<RecordIndex>,
}

impl Member {
    /// The name of the record's source.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The record's id.
    pub fn record_id(&self) -> &str {
        &self.record_id
    }

    /// The record's position in the store the golden record was built
    /// from; `None` for a member read back with serde (see [`Member`]).
    pub fn record(&self) -> Option<RecordIndex> {
        self.record
    }
}

impl fmt::Display for Member {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.source, self.record_id)
    }
}

/// Where a surviving value came from and which rule chose it.
///
/// # Examples
///
/// ```
/// use sameas::survive::{RuleName, Survivorship, SurvivorshipRules};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "ann@x.org"),
///     OwnedRecord::new("2").with("email", "ANN@x.org"),
///     OwnedRecord::new("3").with("email", "bob@x.org"),
/// ])?;
/// let members: Vec<RecordIndex> = (0..3).map(RecordIndex::from_position).collect();
/// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
/// let provenance = golden.provenance("email").unwrap();
/// assert_eq!((provenance.source(), provenance.record_id()), ("crm", "1"));
/// assert_eq!(provenance.rule(), &RuleName::MostFrequent);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Provenance {
    pub(crate) member: Member,
    pub(crate) rule: RuleName,
}

impl Provenance {
    /// The record the value was taken from.
    pub fn member(&self) -> &Member {
        &self.member
    }

    /// The name of the record's source.
    pub fn source(&self) -> &str {
        &self.member.source
    }

    /// The record's id.
    pub fn record_id(&self) -> &str {
        &self.member.record_id
    }

    /// The record's position in the store; `None` when read back with
    /// serde (see [`Member`]).
    pub fn record(&self) -> Option<RecordIndex> {
        self.member.record
    }

    /// The rule that decided the value: the first rule of the field's
    /// chain after which every remaining candidate held the same
    /// normalised value; [`RuleName::OnlyValue`] when there was nothing to
    /// decide, [`RuleName::FirstNonEmpty`] when only the member order
    /// could decide.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{RuleName, Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("e", "a@x.org"), OwnedRecord::new("2").with("e", "b@x.org")])?;
    /// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1)];
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
    /// // One vote each, no timestamp: the member order decides.
    /// assert_eq!(golden.provenance("e").unwrap().rule(), &RuleName::FirstNonEmpty);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn rule(&self) -> &RuleName {
        &self.rule
    }
}

/// A field's surviving value.
///
/// # Examples
///
/// ```
/// # use sameas::survive::{Survivorship, SurvivorshipRules};
/// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
/// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
/// # let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1").with("e", "K.Neal@GoogleMail.com")])?;
/// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
/// let value = golden.field("e").and_then(|f| f.value()).unwrap();
/// assert_eq!((value.raw(), value.normalized()), ("K.Neal@GoogleMail.com", "kneal@gmail.com"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SurvivingValue {
    pub(crate) raw: String,
    pub(crate) normalized: String,
    pub(crate) provenance: Provenance,
}

impl SurvivingValue {
    /// The value as its record held it (trimmed).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("g", FieldKind::GivenName).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("g", " Zoë ")])?;
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.field("g").and_then(|f| f.value()).map(|v| v.raw()), Some("Zoë"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The value's normalised form.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("g", FieldKind::GivenName).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("g", "Zoë")])?;
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.field("g").and_then(|f| f.value()).map(|v| v.normalized()), Some("zoe"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn normalized(&self) -> &str {
        &self.normalized
    }

    /// Where the value came from.
    pub fn provenance(&self) -> &Provenance {
        &self.provenance
    }
}

/// One member's raw value, as it was seen.
///
/// # Examples
///
/// ```
/// # use sameas::survive::{Survivorship, SurvivorshipRules};
/// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
/// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
/// # let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("c1").with("e", "Ann@X.org")])?;
/// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
/// let sighting = &golden.alternatives("e")[0].sightings()[0];
/// assert_eq!((sighting.raw(), sighting.member().record_id()), ("Ann@X.org", "c1"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Sighting {
    pub(crate) raw: String,
    pub(crate) member: Member,
}

impl Sighting {
    /// The raw value (trimmed).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("e", FieldKind::Email).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("c1").with("e", "no at sign")])?;
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.alternatives("e")[0].sightings()[0].raw(), "no at sign");
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The record that held it.
    pub fn member(&self) -> &Member {
        &self.member
    }
}

/// One distinct value of a field among the members (distinct by
/// normalised form), with every raw spelling and the record it came from.
///
/// # Examples
///
/// ```
/// use sameas::survive::{Survivorship, SurvivorshipRules};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let mut store = PreparedStore::new(Schema::builder().field("email", FieldKind::Email).build()?);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("1").with("email", "ann@x.org"),
///     OwnedRecord::new("2").with("email", "ANN@X.ORG"),
///     OwnedRecord::new("3").with("email", "ann@y.org"),
/// ])?;
/// let members: Vec<RecordIndex> = (0..3).map(RecordIndex::from_position).collect();
/// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
/// let seen: Vec<(Option<&str>, usize)> = golden
///     .alternatives("email")
///     .iter()
///     .map(|a| (a.normalized(), a.sightings().len()))
///     .collect();
/// assert_eq!(seen, [(Some("ann@x.org"), 2), (Some("ann@y.org"), 1)]);
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Alternative {
    pub(crate) normalized: Option<String>,
    pub(crate) sightings: Vec<Sighting>,
}

impl Alternative {
    /// The normalised form, or `None` for a raw value that could not be
    /// read or normalised to nothing (such values never survive, but are
    /// kept here so that nothing is lost).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("dob", FieldKind::Date).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("dob", "2023-02-30")])?;
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
    /// assert_eq!(golden.value("dob"), None);
    /// assert_eq!(golden.alternatives("dob")[0].normalized(), None);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn normalized(&self) -> Option<&str> {
        self.normalized.as_deref()
    }

    /// Every member holding this value, in member order, with its raw
    /// spelling (never empty).
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("g", FieldKind::GivenName).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("g", "ANN"), OwnedRecord::new("2").with("g", "Ann")])?;
    /// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1)];
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
    /// let raws: Vec<&str> = golden.alternatives("g")[0].sightings().iter().map(|s| s.raw()).collect();
    /// assert_eq!(raws, ["ANN", "Ann"]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn sightings(&self) -> &[Sighting] {
        &self.sightings
    }
}

/// One field of a golden record: the surviving value and every distinct
/// value the members held.
///
/// # Examples
///
/// ```
/// # use sameas::survive::{Survivorship, SurvivorshipRules};
/// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
/// # let mut store = PreparedStore::new(Schema::builder().field("g", FieldKind::GivenName).build()?);
/// # let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[OwnedRecord::new("1").with("g", "Ann")])?;
/// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
/// let field = &golden.fields()[0];
/// assert_eq!((field.name(), field.kind(), field.is_sensitive()), ("g", FieldKind::GivenName, false));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GoldenField {
    pub(crate) name: String,
    pub(crate) kind: FieldKind,
    pub(crate) sensitive: bool,
    pub(crate) value: Option<SurvivingValue>,
    pub(crate) alternatives: Vec<Alternative>,
}

/// The name, kind and the surviving value's length, never the value
/// (`{:?}` ends up in logs).
impl std::fmt::Debug for GoldenField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GoldenField")
            .field("name", &self.name)
            .field("kind", &self.kind)
            .field("sensitive", &self.sensitive)
            .field(
                "value",
                &self.value.as_ref().map(|value| Redacted(value.raw().len())),
            )
            .field("alternatives", &self.alternatives.len())
            .finish()
    }
}

impl GoldenField {
    /// The field's name in the schema.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The field's kind.
    pub fn kind(&self) -> FieldKind {
        self.kind
    }

    /// Whether the schema marks the field sensitive. Sensitive values
    /// survive like any other (they are the caller's data) but
    /// [`GoldenRecord`]'s `Display` hides them.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().sensitive_field("ssn", FieldKind::Identifier).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// # store.ingest(crm, &[OwnedRecord::new("1").with("ssn", "078-05-1120")])?;
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &[RecordIndex::from_position(0)])?;
    /// assert!(golden.fields()[0].is_sensitive());
    /// assert_eq!(golden.value("ssn"), Some("078-05-1120"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn is_sensitive(&self) -> bool {
        self.sensitive
    }

    /// The surviving value; `None` when no member holds a usable value.
    pub fn value(&self) -> Option<&SurvivingValue> {
        self.value.as_ref()
    }

    /// Every distinct value the members held, the surviving one included:
    /// usable values first, most members first, then by normalised form;
    /// then unreadable raw values by raw text.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("g", FieldKind::GivenName).build()?);
    /// # let crm = store.add_source("crm", false)?;
    /// store.ingest(crm, &[OwnedRecord::new("1").with("g", "Bo"), OwnedRecord::new("2").with("g", "Al")])?;
    /// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1)];
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
    /// let values: Vec<_> = golden.fields()[0].alternatives().iter().map(|a| a.normalized()).collect();
    /// assert_eq!(values, [Some("al"), Some("bo")]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn alternatives(&self) -> &[Alternative] {
        &self.alternatives
    }
}

/// One entity's merged view: a value per schema field with provenance,
/// every distinct value the members held, and the members.
///
/// Built by a [`Survivorship`](super::Survivorship) implementation. It
/// holds the caller's data, [sensitive](crate::Field::is_sensitive) fields
/// included; only `Display` hides sensitive values (as `<sensitive>`).
///
/// With serde it is `{"entity_id": "<16 hex digits>", "members": [..],
/// "fields": [..]}`, every record named by source name and record id:
/// store positions, internal to one store, are left out (see
/// [`Member`]).
///
/// # Examples
///
/// ```
/// use sameas::survive::{Survivorship, SurvivorshipRules};
/// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
///
/// let schema = Schema::builder()
///     .field("given", FieldKind::GivenName)
///     .field("email", FieldKind::Email)
///     .build()?;
/// let mut store = PreparedStore::new(schema);
/// let crm = store.add_source("crm", false)?;
/// store.ingest(crm, &[
///     OwnedRecord::new("c1").with("given", "Bill").with("email", "bill@x.org"),
///     OwnedRecord::new("c2").with("given", "William").with("email", "BILL@x.org"),
/// ])?;
/// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1)];
/// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
/// assert_eq!(golden.value("given"), Some("William"));
/// assert_eq!(golden.value("email"), Some("bill@x.org"));
/// assert_eq!(golden.to_string().lines().next(), Some("golden record of 2 members: crm/c1, crm/c2"));
/// # Ok::<(), sameas::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GoldenRecord {
    pub(crate) entity_id: EntityId,
    pub(crate) members: Vec<Member>,
    pub(crate) fields: Vec<GoldenField>,
}

/// The entity, the member count and per field the surviving value's
/// length, never values or record ids (`{:?}` ends up in logs).
impl std::fmt::Debug for GoldenRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let fields = self
            .fields
            .iter()
            .map(|field| {
                let length = field.value.as_ref().map(|value| value.raw().len());
                (field.name.as_str(), length)
            })
            .collect();
        f.debug_struct("GoldenRecord")
            .field("entity_id", &self.entity_id)
            .field("members", &self.members.len())
            .field("fields", &RedactedFields(fields))
            .finish()
    }
}

impl GoldenRecord {
    /// The id of the entity this golden record merges. From a
    /// [`Resolution`](crate::resolve::Resolution) it is the clustering's
    /// [`EntityId`]; built directly (by
    /// [`SurvivorshipRules`](super::SurvivorshipRules) or through
    /// [`GoldenRecord::builder`]) it is the id of the members' anchor, [`EntityId::of_anchor`] of the first member,
    /// which is the clustering's id unless two entities' ids collided.
    ///
    /// # Examples
    ///
    /// ```
    /// use sameas::cluster::EntityId;
    /// use sameas::survive::{Survivorship, SurvivorshipRules};
    /// use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    ///
    /// let mut store = PreparedStore::new(Schema::builder().field("g", FieldKind::GivenName).build()?);
    /// let web = store.add_source("web", false)?;
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(web, &[OwnedRecord::new("w1")])?;
    /// store.ingest(crm, &[OwnedRecord::new("c1")])?;
    /// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1)];
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
    /// assert_eq!(golden.entity_id(), EntityId::of_anchor("crm", "c1"));
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn entity_id(&self) -> EntityId {
        self.entity_id
    }

    /// The members, in member order (source name, record id, record
    /// index), each once.
    ///
    /// # Examples
    ///
    /// ```
    /// # use sameas::survive::{Survivorship, SurvivorshipRules};
    /// # use sameas::{FieldKind, OwnedRecord, PreparedStore, RecordIndex, Schema};
    /// # let mut store = PreparedStore::new(Schema::builder().field("g", FieldKind::GivenName).build()?);
    /// let web = store.add_source("web", false)?;
    /// let crm = store.add_source("crm", false)?;
    /// store.ingest(web, &[OwnedRecord::new("w1")])?;
    /// store.ingest(crm, &[OwnedRecord::new("c1")])?;
    /// let members = [RecordIndex::from_position(0), RecordIndex::from_position(1), RecordIndex::from_position(0)];
    /// let golden = SurvivorshipRules::new(&store).survive(&store, &members)?;
    /// let names: Vec<String> = golden.members().iter().map(|m| m.to_string()).collect();
    /// assert_eq!(names, ["crm/c1", "web/w1"]);
    /// # Ok::<(), sameas::Error>(())
    /// ```
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// Every schema field, in schema order.
    pub fn fields(&self) -> &[GoldenField] {
        &self.fields
    }

    /// The field called `name`; `None` when the schema has no such field.
    pub fn field(&self, name: &str) -> Option<&GoldenField> {
        self.fields.iter().find(|field| field.name == name)
    }

    /// The surviving raw value of `field_name`; `None` when no member
    /// holds a usable value or the field is unknown.
    pub fn value(&self, field_name: &str) -> Option<&str> {
        self.surviving(field_name).map(|value| value.raw.as_str())
    }

    /// The normalised form of the surviving value of `field_name`.
    pub fn normalized_value(&self, field_name: &str) -> Option<&str> {
        self.surviving(field_name)
            .map(|value| value.normalized.as_str())
    }

    /// Where the surviving value of `field_name` came from.
    pub fn provenance(&self, field_name: &str) -> Option<&Provenance> {
        self.surviving(field_name).map(|value| &value.provenance)
    }

    /// Every distinct value of `field_name` among the members; empty when
    /// no member holds any or the field is unknown. See
    /// [`GoldenField::alternatives`] for the order.
    pub fn alternatives(&self, field_name: &str) -> &[Alternative] {
        self.field(field_name)
            .map(|field| field.alternatives.as_slice())
            .unwrap_or(&[])
    }

    fn surviving(&self, field_name: &str) -> Option<&SurvivingValue> {
        self.field(field_name)?.value.as_ref()
    }
}

/// One line naming the members, then one line per field:
/// `  name: value  [source/id, rule]`, `<sensitive>` in place of a
/// sensitive field's value and `-` for no value, with the number of
/// distinct values when there are several.
impl fmt::Display for GoldenRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "golden record of {} members:", self.members.len())?;
        for (position, member) in self.members.iter().enumerate() {
            let separator = if position == 0 { " " } else { ", " };
            write!(f, "{separator}{member}")?;
        }
        for field in &self.fields {
            write!(f, "\n  {}: ", field.name)?;
            match &field.value {
                None => f.write_str("-")?,
                Some(value) => {
                    if field.sensitive {
                        f.write_str("<sensitive>")?;
                    } else {
                        f.write_str(&value.raw)?;
                    }
                    write!(
                        f,
                        "  [{}, {}]",
                        value.provenance.member, value.provenance.rule
                    )?;
                }
            }
            if field.alternatives.len() > 1 {
                write!(f, " ({} distinct values)", field.alternatives.len())?;
            }
        }
        Ok(())
    }
}
